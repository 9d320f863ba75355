//! Smaller gaps seen on published forms: completion words against a numeric target, negative
//! percentages, and a stated score on a row that still waits for its judgement. Each row is written
//! as the published forms write it.

use ziping_engine::findings::FindingCode;
use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::path::{FieldPath, IndicatorField};
use ziping_engine::result::{Evaluation, MethodId};
use ziping_engine::{evaluate, Profile};

/// A central-2020 form whose 产出指标 block holds `rows`: (name, target, actual, weight).
fn form(rows: &[(&str, &str, &str, u32)]) -> (Form, Profile, Evaluation) {
    let p = Profile::builtin("central-2020").unwrap();
    let mut f = Form {
        profile: p.id.clone(),
        ..Form::default()
    };
    f.indicators.push(IndicatorRow {
        id: "h".into(),
        level: 1,
        name: "产出指标".into(),
        block: "output".into(),
        ..IndicatorRow::default()
    });
    for (i, (name, target, actual, weight)) in rows.iter().enumerate() {
        f.indicators.push(IndicatorRow {
            id: format!("r{i}"),
            level: 3,
            name: name.to_string(),
            target: target.to_string(),
            actual: actual.to_string(),
            weight: Some((*weight).into()),
            ..IndicatorRow::default()
        });
    }
    let e = evaluate(&f, &p);
    (f, p, e)
}

/// The score shown for indicator row `i` (1-based after the heading) and its explanation.
fn score(e: &Evaluation, i: usize) -> (String, String) {
    let r = e.blocks[1]
        .rows
        .iter()
        .find(|r| r.indicator() == Some(i))
        .unwrap_or_else(|| panic!("row {i} is not scored"));
    (r.score.shown(), r.score.explanation().zh.clone())
}

#[test]
fn completion_words_against_a_number_are_read_as_the_band_they_name_with_a_warning() {
    let (_, _, e) = form(&[
        ("设备采购", "≥1批", "完成", 10),
        ("平台建设", "1套", "已完成", 10),
        ("考场建设", "≥1个", "未能完成", 10),
        ("人员培训", "≥100人次", "基本完成", 20),
    ]);
    let methods: Vec<_> = (1..=4).map(|i| e.indicators[i].method).collect();
    assert!(
        methods.iter().all(|m| *m == Some(MethodId::Qualitative)),
        "{methods:?}"
    );
    let bands: Vec<_> = (1..=4).map(|i| e.indicators[i].band.as_deref()).collect();
    assert_eq!(
        bands,
        [
            Some("achieved"),
            Some("achieved"),
            Some("missed"),
            Some("partial")
        ]
    );
    // 完成 scores the top band's full marks, not 0.
    assert_eq!(score(&e, 1).0, "10.00");
    for i in 1..=4 {
        let w = e
            .findings
            .iter()
            .find(|f| f.path == FieldPath::Indicator(i, IndicatorField::Actual))
            .unwrap_or_else(|| panic!("row {i}: no warning"));
        assert_eq!(w.code, FindingCode::ValueUnparseable);
        assert!(w.message.zh.contains("实际却写"), "{}", w.message.zh);
        assert!(w
            .message
            .en
            .contains("give an actual that compares with the target"));
    }
}

#[test]
fn negative_percentages_are_numbers_and_met_or_missed_without_a_ratio() {
    let (_, _, e) = form(&[
        ("预算变动率", "≦0", "-5%", 10),
        ("成本降低率", "≥-5%", "-3%", 10),
        ("收入增长率", "≥-5%", "-8%", 10),
        ("支出变动率", "≤-2%", "1%", 20),
    ]);
    assert_eq!(score(&e, 1).0, "10.00");
    assert_eq!(score(&e, 2).0, "10.00");
    let (missed, how) = score(&e, 3);
    assert_eq!(missed, "0.00");
    assert!(how.contains("含负数，不按比例计分，得 0"), "{how}");
    assert_eq!(score(&e, 4).0, "0.00");
    // No completion is made of a ratio of negative numbers.
    assert!(e.indicators[2].completion.is_none());
    assert!(
        !e.findings
            .iter()
            .any(|f| f.code == FindingCode::ValueUnparseable),
        "{:?}",
        e.findings
    );
}

#[test]
fn a_stated_score_on_a_row_waiting_for_its_judgement_says_so() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[("群众满意度", "较高", "较高", 10)]);
    f.indicators[1].method = "manual".into();
    f.indicators[1].declared_score = Some(9.into());
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ScoreDeclaredMismatch)
        .expect("the stated score is reported");
    assert!(
        m.message.zh.contains("表内填 9，此行待打分"),
        "{}",
        m.message.zh
    );
    assert!(!m.message.zh.contains("应为 0.00"), "{}", m.message.zh);
    assert!(m.message.en.contains("still waits for its score"));
}

#[test]
fn a_reason_that_says_nothing_is_no_reason() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[("设备采购", "≥10台", "8台", 10)]);
    for nothing in ["无", "/", "0", "—", "暂无"] {
        f.indicators[1].deviation_reason = nothing.into();
        let e = evaluate(&f, &p);
        let m = e
            .findings
            .iter()
            .find(|x| x.code == FindingCode::ReasonMissingBelowWeight)
            .unwrap_or_else(|| panic!("{nothing}: no finding"));
        assert!(
            m.message
                .zh
                .ends_with(&format!("（所填“{nothing}”不是原因）")),
            "{}",
            m.message.zh
        );
    }
    f.indicators[1].deviation_reason = "到货延迟，已督促供应商".into();
    let e = evaluate(&f, &p);
    assert!(!e
        .findings
        .iter()
        .any(|x| x.code == FindingCode::ReasonMissingBelowWeight));
    // The funds table's reason for the budget row below its weight, too.
    f.funds.rows = vec![ziping_engine::model::FundsRow {
        source: "财政拨款".into(),
        ..Default::default()
    }];
    f.funds.rows[0].figures.budget = Some(100.into());
    f.funds.rows[0].figures.spent = Some(50.into());
    f.funds.deviation_reason = "/".into();
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| {
            x.code == FindingCode::ReasonMissingBelowWeight
                && x.path == FieldPath::FundsDeviationReason
        })
        .expect("a budget row below its weight needs a reason");
    assert!(
        m.message.en.ends_with("(\"/\" is not a reason)"),
        "{}",
        m.message.en
    );
}
