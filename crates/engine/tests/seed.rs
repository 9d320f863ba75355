//! The seed form (晋中 2021, 交警支队专项业务经费) reproduced to the cent.

use ziping_engine::result::Evaluation;
use ziping_engine::Severity;

fn seed() -> Evaluation {
    let text = include_str!("../../../examples/jinzhong-2021-traffic-police.json");
    evaluate_file(text).expect("the seed example reads").1
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
    let completion = |name: &str, target: &str| {
        let form = ziping_engine::read_form(include_str!(
            "../../../examples/jinzhong-2021-traffic-police.json"
        ))
        .unwrap();
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
    assert_eq!(
        completion("驾驶人社会考场服务", "2个"),
        ("50%".into(), "50.00".into())
    );
    assert_eq!(
        completion("驾驶人社会考场服务", "450万"),
        ("56%".into(), "56.00".into())
    );
    assert_eq!(
        completion("4G酒检仪及平台建设", "60万"),
        ("73%".into(), "72.60".into())
    );
    assert_eq!(
        completion("4G执法记录仪更新、平台建设及扩容", "153.6万"),
        ("81%".into(), "80.94".into())
    );
    assert_eq!(
        completion("机动车检验视频管理系统", "40万"),
        ("0%".into(), "0.00".into())
    );
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
    let text = include_str!("../../../examples/jinzhong-2021-traffic-police.json")
        .replace("\"536.23\"", "\"969.94\"");
    let e = evaluate_file(&text).unwrap().1;
    assert_eq!(score(&e, "budget_execution"), "3.00");
    assert_eq!(e.total.shown(), "99.00");
}

/// Reads a form through the intake and evaluates it with the profile it names.
fn evaluate_file(
    text: &str,
) -> Result<(ziping_engine::Form, ziping_engine::Evaluation), Vec<ziping_engine::Problem>> {
    ziping_engine::open(
        "test.json",
        text.as_bytes(),
        &ziping_engine::Registry::new(),
    )
    .map(|o| (o.form, o.evaluation))
    .map_err(|u| u.problems)
}
