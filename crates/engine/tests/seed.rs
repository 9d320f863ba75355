//! The seed form (晋中 2021, 交警支队专项业务经费) reproduced to the cent.

mod common;

use common::evaluate_file;
use ziping_engine::result::Evaluation;
use ziping_engine::Severity;

/// The seed form's file.
const SEED: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");

fn seed() -> Evaluation {
    evaluate_file(SEED).expect("the seed example reads").1
}

fn score(e: &Evaluation, id: &str) -> String {
    e.blocks
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.id == id)
        .unwrap()
        .score
        .shown()
        .clone()
}

#[test]
fn funds_rates_and_their_scores() {
    let e = seed();
    assert_eq!(e.funds.arrival_rate.as_ref().unwrap().shown(), "100.00%");
    assert_eq!(score(&e, "funds_arrival"), "3.00");
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "55.28%");
    assert_eq!(score(&e, "budget_execution"), "1.66");
    let explain = &e.blocks[0]
        .rows
        .iter()
        .find(|r| r.id == "budget_execution")
        .unwrap()
        .score
        .explanation();
    assert_eq!(explain.zh, "536.23 ÷ 969.94 = 55.28%；× 3 = 1.66");
    assert_eq!(explain.en, "536.23 ÷ 969.94 = 55.28%; × 3 = 1.66");
}

#[test]
fn block_subtotals_total_and_grade() {
    let e = seed();
    let blocks: Vec<(&str, String)> = e
        .blocks
        .iter()
        .map(|b| (b.id.as_str(), b.score.shown()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("input", "18.66".to_string()),
            ("process", "20.00".into()),
            ("output", "29.00".into()),
            ("effect", "30.00".into())
        ]
    );
    assert_eq!(
        e.blocks[0].score.explanation().zh,
        "3.00 + 4.00 + 4.00 + 3.00 + 3.00 + 1.66 = 18.66"
    );
    assert_eq!(e.total.shown(), "97.66");
    assert_eq!(
        e.total.explanation().zh,
        "18.66 + 20.00 + 29.00 + 30.00 = 97.66"
    );
    let grade = e.grade.as_ref().unwrap();
    assert_eq!(grade.grade, "优");
    assert_eq!(grade.explain.zh, "97.66 ≥ 90 → 优");
}

#[test]
fn completion_on_the_rows_of_the_guide() {
    let e = seed();
    let form = ziping_engine::read_form(SEED).unwrap();
    let completion = |name: &str, target: &str| {
        let i = form
            .indicators
            .iter()
            .position(|r| r.name == name && r.target == target)
            .unwrap();
        let c = e.indicators[i].completion.as_ref().unwrap();
        (
            c.shown().clone(),
            ziping_engine::decimal::fixed(c.value * rust_decimal::Decimal::ONE_HUNDRED, 2),
        )
    };
    // (row name, target, completion as shown, completion in percent to two places)
    for (name, target, shown, percent) in [
        ("驾驶人社会考场服务", "2个", "50%", "50.00"),
        ("驾驶人社会考场服务", "450万", "56%", "56.00"),
        ("4G酒检仪及平台建设", "60万", "73%", "72.60"),
        (
            "4G执法记录仪更新、平台建设及扩容",
            "153.6万",
            "81%",
            "80.94",
        ),
        ("机动车检验视频管理系统", "40万", "0%", "0.00"),
    ] {
        assert_eq!(
            completion(name, target),
            (shown.to_string(), percent.to_string()),
            "{name} {target}"
        );
    }
}

#[test]
fn the_declared_grade_is_the_one_error() {
    let e = seed();
    let errors: Vec<_> = e
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let f = errors[0];
    assert_eq!(
        (f.code, &f.path),
        (
            ziping_engine::findings::FindingCode::GradeContradictsTotal,
            &ziping_engine::path::FieldPath::DeclaredGrade
        )
    );
    assert_eq!(
        f.message.zh,
        "等次填为“差”，但所填总分 97.66 应为“优”（≥ 90）"
    );
    assert!(f.message.en.contains("\"差\"") && f.message.en.contains("97.66"));
    assert!(f.basis.starts_with("[2020]"));
    // No declared subtotal, completion or score of the seed is wrong, so nothing else is an error or warning.
    assert_eq!(e.counts.warnings, 0, "{:?}", e.findings);
}

#[test]
fn changing_spent_to_the_budget_gives_full_execution() {
    let text = SEED.replace("\"536.23\"", "\"969.94\"");
    let e = evaluate_file(&text).unwrap().1;
    assert_eq!(score(&e, "budget_execution"), "3.00");
    assert_eq!(e.total.shown(), "99.00");
}
