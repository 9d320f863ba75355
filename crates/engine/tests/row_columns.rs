//! Columns some layouts print on every indicator row: 指标类型 (定量 / 定性), 核心指标 and 得分系数,
//! each switched on by the profile (`nature_column`, `core_column`, `coefficient_column`), written
//! here as a 部门整体 form that has them all.

use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::result::{Evaluation, MethodId};
use ziping_engine::{evaluate, Profile};

const PROFILE: &str = r#"{"format": "ziping-profile", "extends": "department-wide", "id": "dw-columns",
  "name": {"zh": "部门整体（含指标类型、核心指标、得分系数）"},
  "indicators": {"nature_column": true, "core_column": true, "coefficient_column": true}}"#;

fn row(name: &str, target: &str, actual: &str, weight: u32) -> IndicatorRow {
    IndicatorRow {
        id: name.into(),
        level: 3,
        name: name.into(),
        target: target.into(),
        actual: actual.into(),
        weight: Some(weight.into()),
        ..IndicatorRow::default()
    }
}

fn form(rows: Vec<IndicatorRow>) -> (Form, Profile) {
    let p = Profile::from_json(PROFILE).unwrap_or_else(|e| panic!("{e:?}"));
    let mut f = p.blank_form();
    f.indicators = vec![IndicatorRow {
        id: "h".into(),
        level: 1,
        name: "产出指标".into(),
        block: "output".into(),
        ..IndicatorRow::default()
    }];
    f.indicators.extend(rows);
    (f, p)
}

fn found(e: &Evaluation) -> Vec<(String, String)> {
    e.findings
        .iter()
        .map(|f| (f.code.key().to_string(), f.path.to_string()))
        .collect()
}

fn score(e: &Evaluation, i: usize) -> (String, MethodId, String) {
    let r = e
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.indicator() == Some(i))
        .unwrap();
    (r.score.shown(), r.method, r.score.explanation().zh.clone())
}

#[test]
fn a_coefficient_scores_the_row_times_its_weight() {
    let mut a = row("政策宣传覆盖率", "≥90%", "95%", 10);
    a.coefficient = "80%".into();
    let mut b = row("培训人次", "≥100人次", "120人次", 10);
    b.coefficient = "八成".into();
    let (f, p) = form(vec![a, b]);
    let e = evaluate(&f, &p);
    let (shown, method, how) = score(&e, 1);
    assert_eq!((shown.as_str(), method), ("8.00", MethodId::Coefficient));
    assert!(how.contains("得分系数 80% × 10"), "{how}");
    // A coefficient that is not a percentage: said, and the row scores from its values.
    assert!(found(&e).contains(&(
        "value.unparseable".into(),
        "indicators[2].coefficient".into()
    )));
    assert_eq!(score(&e, 2).1, MethodId::Ratio);
    // Without the column, the coefficient is not read.
    let plain = Profile::builtin("department-wide").unwrap();
    let mut g = f.clone();
    g.profile = plain.id.clone();
    let e = evaluate(&g, &plain);
    assert_eq!(score(&e, 1).1, MethodId::Ratio);
}

#[test]
fn a_row_typed_qualitative_is_a_judgement_and_a_quantitative_one_must_compare() {
    let mut a = row("服务质量", "≥95%", "96%", 10);
    a.nature = "定性".into();
    let mut b = row("宣传材料", "≥1000份", "已发放", 10);
    b.nature = "定量".into();
    let (f, p) = form(vec![a, b]);
    let e = evaluate(&f, &p);
    assert_eq!(e.indicators[1].method, Some(MethodId::Qualitative));
    assert!(
        found(&e).contains(&(
            "indicator.nature_mismatch".into(),
            "indicators[2].actual".into()
        )),
        "{:?}",
        found(&e)
    );
}

#[test]
fn a_core_row_that_falls_short_is_named() {
    let mut a = row("项目完成率", "≥100%", "80%", 10);
    a.core = true;
    let mut b = row("验收合格率", "≥100%", "100%", 10);
    b.core = true;
    let c = row("资料归档率", "≥100%", "50%", 10);
    let (f, p) = form(vec![a, b, c]);
    let e = evaluate(&f, &p);
    let named: Vec<_> = found(&e)
        .into_iter()
        .filter(|(c, _)| c == "indicator.core_missed")
        .collect();
    assert_eq!(
        named,
        [(
            "indicator.core_missed".to_string(),
            "indicators[1].score".to_string()
        )]
    );
    // The flag and the text columns are kept in the file.
    let again = ziping_engine::read_form(&ziping_engine::to_json(&f)).unwrap();
    assert!(again.indicators[1].core);
}

#[test]
fn a_bare_coefficient_up_to_one_is_a_ratio() {
    let rows: Vec<IndicatorRow> = ["0.85", "85", "1"]
        .iter()
        .map(|c| {
            let mut r = row(&format!("指标{c}"), "≥90%", "95%", 10);
            r.coefficient = c.to_string();
            r
        })
        .collect();
    let (f, p) = form(rows);
    let e = evaluate(&f, &p);
    assert_eq!(score(&e, 1).0, "8.50");
    assert_eq!(score(&e, 2).0, "8.50");
    assert_eq!(score(&e, 3).0, "10.00");
}
