//! Direction without an operator (GUIDE §4.12): published forms write reverse indicators as a bare
//! "3%" (结转结余率, 预算调整率, 投诉率 …). Read as ≥ they turn a good result into a false "below
//! target"; the engine reads them as ≤ from a word of the name, says so, and lets the row's 指标性质
//! decide where it is set. The rows below are written as the published forms write them.

use ziping_engine::findings::{Finding, FindingCode};
use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::path::{FieldPath, IndicatorField};
use ziping_engine::result::{IndicatorResult, OpFrom};
use ziping_engine::value::Op;
use ziping_engine::{evaluate, Profile};

/// A central-2020 form whose 产出指标 block (50 points) holds `rows` (name, target, actual, weight),
/// each scored full by the clerk ("打了满分"), the rest of the weight in one row that is met.
fn form(rows: &[(&str, &str, &str, &str)]) -> (Form, Profile) {
    let p = Profile::builtin("central-2020").unwrap();
    let mut f = Form {
        profile: p.id.clone(),
        ..Form::default()
    };
    let heading = |level: u8, name: &str, block: &str| IndicatorRow {
        id: format!("h-{name}"),
        level,
        name: name.into(),
        block: block.into(),
        ..IndicatorRow::default()
    };
    f.indicators.push(heading(1, "产出指标", "output"));
    f.indicators.push(heading(2, "数量指标", ""));
    let mut left: u32 = 50;
    for (i, (name, target, actual, weight)) in rows.iter().enumerate() {
        left -= weight.parse::<u32>().unwrap();
        f.indicators.push(IndicatorRow {
            id: format!("r{i}"),
            level: 3,
            name: name.to_string(),
            target: target.to_string(),
            actual: actual.to_string(),
            weight: Some(weight.parse().unwrap()),
            declared_score: Some(weight.parse().unwrap()),
            ..IndicatorRow::default()
        });
    }
    f.indicators.push(IndicatorRow {
        id: "rest".into(),
        level: 3,
        name: "培训人次".into(),
        target: "≥100人次".into(),
        actual: "120人次".into(),
        weight: Some(left.into()),
        deviation_reason: "培训需求增加".into(),
        ..IndicatorRow::default()
    });
    (f, p)
}

/// The result and the findings of row `i` of the scored rows (after the two headings).
fn row(f: &Form, p: &Profile, i: usize) -> (IndicatorResult, Vec<Finding>) {
    let e = evaluate(f, p);
    let at = i + 2;
    let findings = e
        .findings
        .iter()
        .filter(|x| {
            matches!(&x.path, FieldPath::Indicator(r, _) | FieldPath::IndicatorRow(r) if *r == at)
        })
        .cloned()
        .collect();
    (e.indicators[at].clone(), findings)
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.key()).collect()
}

#[test]
fn reverse_rows_written_without_an_operator_are_read_as_less_is_better() {
    // A unit kept its carry-over at 1 % against a 2 % limit, its budget changes at 3 % against 5 %,
    // and had no complaint against a limit of 1 %: full marks, and no error.
    let (f, p) = form(&[
        ("结转结余率", "2%", "1%", "5"),
        ("预算调整率", "5%", "3%", "5"),
        ("群众投诉率", "1%", "0%", "5"),
        ("单位运行成本", "90万元", "85万元", "5"),
    ]);
    for (i, word) in ["结余率", "调整率", "投诉率", "成本"].iter().enumerate() {
        let (r, found) = row(&f, &p, i);
        assert_eq!(r.op, Some(Op::Le), "row {i}");
        assert_eq!(r.op_from, Some(OpFrom::Name(word.to_string())), "row {i}");
        let c = codes(&found);
        assert!(
            !c.contains(&"score.full_marks_below_target"),
            "row {i}: {c:?}"
        );
        assert!(!c.contains(&"score.declared_mismatch"), "row {i}: {c:?}");
        // The finding says the direction was inferred, and from which word.
        let note = found
            .iter()
            .find(|x| x.code == FindingCode::IndicatorNoOperator)
            .unwrap_or_else(|| panic!("row {i}: {c:?}"));
        assert_eq!(
            note.path,
            FieldPath::Indicator(i + 2, IndicatorField::Target)
        );
        assert!(
            note.message
                .zh
                .contains(&format!("指标名称含“{word}”，按 ≤（越少越好）计")),
            "{}",
            note.message.zh
        );
        assert!(
            note.message.en.contains("read as ≤ (less is better)"),
            "{}",
            note.message.en
        );
    }
    assert_eq!(evaluate(&f, &p).blocks[1].score.shown(), "50.00");
}

#[test]
fn a_reverse_row_above_its_limit_loses_points_as_a_le_row_does() {
    let (f, p) = form(&[("结转结余率", "2%", "4%", "10")]);
    let (r, found) = row(&f, &p, 0);
    assert_eq!(r.op, Some(Op::Le));
    // target ÷ actual × weight = 2 ÷ 4 × 10 = 5: the stated full marks are flagged.
    let e = evaluate(&f, &p);
    let scored = &e.blocks[1].rows[0];
    assert_eq!(scored.score.shown(), "5.00");
    assert!(
        codes(&found).contains(&"score.full_marks_below_target"),
        "{:?}",
        codes(&found)
    );
}

#[test]
fn words_that_say_more_is_better_win_and_other_rows_stay_more_is_better() {
    let (f, p) = form(&[
        ("成本节约率", "5%", "6%", "5"),
        ("投诉下降率", "10%", "12%", "5"),
        ("设备完好率", "95%", "96%", "5"),
    ]);
    for i in 0..3 {
        let (r, found) = row(&f, &p, i);
        assert_eq!(r.op, Some(Op::Ge), "row {i}");
        assert_eq!(r.op_from, Some(OpFrom::Assumed), "row {i}");
        let note = found
            .iter()
            .find(|x| x.code == FindingCode::IndicatorNoOperator)
            .unwrap();
        assert!(note.message.en.contains("read as ≥ (more is better)"));
    }
}

#[test]
fn what_the_target_or_the_row_says_decides_over_the_name() {
    // Written in the target.
    let (f, p) = form(&[("结转结余率", "≥2%", "3%", "5")]);
    let (r, found) = row(&f, &p, 0);
    assert_eq!((r.op, r.op_from), (Some(Op::Ge), Some(OpFrom::Target)));
    assert!(!codes(&found).contains(&"indicator.no_operator"));
    // Set on the row by the clerk (a layout without a 指标性质 column still keeps it per row).
    let (mut f, p) = form(&[("结转结余率", "2%", "3%", "5")]);
    assert!(!p.indicators.operator_column);
    f.indicators[2].operator = "≥".into();
    let (r, found) = row(&f, &p, 0);
    assert_eq!((r.op, r.op_from), (Some(Op::Ge), Some(OpFrom::Operator)));
    assert!(!codes(&found).contains(&"indicator.no_operator"));
}

#[test]
fn a_profile_says_which_words_count() {
    let mut v: serde_json::Value =
        serde_json::from_str(&Profile::builtin("central-2020").unwrap().to_json()).unwrap();
    v["id"] = "no-words".into();
    v["indicators"]["direction_words"]["reverse"] = serde_json::json!(["完好率"]);
    let p = Profile::from_json(&v.to_string()).unwrap();
    let (mut f, _) = form(&[
        ("结转结余率", "2%", "1%", "5"),
        ("设备完好率", "5%", "3%", "5"),
    ]);
    f.profile = p.id.clone();
    assert_eq!(row(&f, &p, 0).0.op_from, Some(OpFrom::Assumed));
    assert_eq!(
        row(&f, &p, 1).0.op_from,
        Some(OpFrom::Name("完好率".into()))
    );
    // A blank word would be found in every name: refused at its path.
    v["indicators"]["direction_words"]["reverse"] = serde_json::json!(["控制率", " "]);
    let problems = Profile::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        problems[0].path.to_string(),
        "indicators.direction_words.reverse[1]"
    );
    // Left out, the documented list applies.
    v["indicators"]
        .as_object_mut()
        .unwrap()
        .remove("direction_words");
    let p = Profile::from_json(&v.to_string()).unwrap();
    assert_eq!(
        p.indicators.direction_words.reverse_in("结转结余率"),
        Some("结余率")
    );
}
