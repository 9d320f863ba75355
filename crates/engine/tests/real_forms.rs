//! Smaller gaps seen on published forms: completion words against a numeric target, negative
//! percentages, and a stated score on a row that still waits for its judgement. Each row is written
//! as the published forms write it.

use ziping_engine::decimal::Decimal;
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

/// The codes of `e`'s findings with their paths, as text.
fn found(e: &Evaluation) -> Vec<(String, String)> {
    e.findings
        .iter()
        .map(|f| (f.code.key().to_string(), f.path.to_string()))
        .collect()
}

fn has(e: &Evaluation, code: &str, path: &str) -> bool {
    found(e).contains(&(code.to_string(), path.to_string()))
}

#[test]
fn a_source_row_that_spent_more_than_its_own_budget_is_flagged() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[("设备采购", "≥1批", "1批", 50)]);
    let row = |source: &str, budget: u32, spent: u32| {
        let mut r = ziping_engine::model::FundsRow {
            source: source.into(),
            ..Default::default()
        };
        r.figures.budget = Some(budget.into());
        r.figures.spent = Some(spent.into());
        r
    };
    f.funds.rows = vec![row("本年财政拨款", 90, 80), row("上年结转资金", 10, 12)];
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "funds.row_above_budget", "funds.rows[1].spent"),
        "{:?}",
        found(&e)
    );
    assert!(!has(&e, "funds.row_above_budget", "funds.rows[0].spent"));
    // The total (92 of 100) is within budget: no total warning.
    assert!(!found(&e)
        .iter()
        .any(|(c, _)| c == "funds.execution_above_100"));
}

#[test]
fn a_budget_cut_to_exactly_what_was_spent_is_flagged_where_the_layout_has_the_initial_budget() {
    // The published form of guichi: 年初 90, 全年 89.974, 执行 89.974.
    let text = include_str!("../../../examples/guichi-tangxi-2022-commissioned-business.json");
    let (_, e) = ziping_engine::intake::open(
        "guichi.json",
        text.as_bytes(),
        &ziping_engine::Registry::new(),
    )
    .map(|o| (o.form, o.evaluation))
    .unwrap();
    let m = e
        .findings
        .iter()
        .find(|f| f.code == FindingCode::FundsBudgetCutToSpent)
        .expect("flagged");
    assert_eq!(m.message.zh, "全年预算数由年初的 90 调减为 89.974，恰好等于全年执行数：执行率 100% 来自调整，请核实调整依据");
    // A budget that was not cut, or was cut to more than was spent, is not flagged.
    let p = Profile::builtin("budget10-indicators90").unwrap();
    let mut f = p.blank_form();
    f.funds.rows[0].figures.initial = Some(90.into());
    f.funds.rows[0].figures.budget = Some(85.into());
    f.funds.rows[0].figures.spent = Some(80.into());
    assert!(!found(&evaluate(&f, &p))
        .iter()
        .any(|(c, _)| c == "funds.budget_cut_to_spent"));
    f.funds.rows[0].figures.spent = Some(85.into());
    assert!(found(&evaluate(&f, &p))
        .iter()
        .any(|(c, _)| c == "funds.budget_cut_to_spent"));
}

#[test]
fn cost_rows_cannot_have_cost_more_than_was_spent() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[
        ("设备采购成本", "≤300万元", "280万元", 25),
        ("运维成本", "≤100万", "90万", 25),
    ]);
    f.funds.rows = vec![ziping_engine::model::FundsRow {
        source: "本年财政拨款".into(),
        ..Default::default()
    }];
    f.funds.rows[0].figures.budget = Some(400.into());
    f.funds.rows[0].figures.spent = Some(300.into());
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::IndicatorCostVsSpending)
        .unwrap_or_else(|| panic!("{:?}", found(&e)));
    assert_eq!(m.path, FieldPath::Indicators);
    assert_eq!(
        m.message.zh,
        "成本指标的实际金额合计 370，超过全年执行数 300（万元）：请核实实际成本"
    );
    // Within what was spent: nothing.
    f.funds.rows[0].figures.spent = Some(380.into());
    assert!(!evaluate(&f, &p)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::IndicatorCostVsSpending));
}

#[test]
fn a_cost_row_for_the_whole_budget_cannot_be_done_while_far_less_was_spent() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[("项目总成本", "100万元", "100万元", 50)]);
    f.funds.rows = vec![ziping_engine::model::FundsRow {
        source: "本年财政拨款".into(),
        ..Default::default()
    }];
    f.funds.rows[0].figures.budget = Some(100.into());
    f.funds.rows[0].figures.spent = Some(60.into());
    f.funds.deviation_reason = "项目延期".into();
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "indicator.cost_vs_spending", "indicators[1].actual"),
        "{:?}",
        found(&e)
    );
}

#[test]
fn stated_row_scores_that_do_not_add_up_to_the_stated_total_are_an_error() {
    let p = Profile::builtin("central-2020").unwrap();
    let mut f = read_seed_like();
    f.declared.total = Some("95".parse().unwrap());
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "total.declared_rows_sum", "declared.total"),
        "{:?}",
        found(&e)
    );
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::TotalDeclaredRowsSum)
        .unwrap();
    assert_eq!(m.message.zh, "表内各行得分之和为 100，所填总分却是 95");
    // When they add up, nothing; when a row states no score, no sum is made.
    f.declared.total = Some(100.into());
    assert!(!has(
        &evaluate(&f, &p),
        "total.declared_rows_sum",
        "declared.total"
    ));
    f.declared.total = Some(95.into());
    f.indicators[1].declared_score = None;
    assert!(!has(
        &evaluate(&f, &p),
        "total.declared_rows_sum",
        "declared.total"
    ));
}

/// A central-2020 form whose every row states its score: budget 10, output 50, benefit 30,
/// satisfaction 10, each row met.
fn read_seed_like() -> Form {
    let p = Profile::builtin("central-2020").unwrap();
    let mut f = p.blank_form();
    f.funds.rows.truncate(1);
    f.funds.rows[0].figures.budget = Some(100.into());
    f.funds.rows[0].figures.spent = Some(100.into());
    f.funds.declared_score = Some(10.into());
    f.indicators.clear();
    for (block, name, w) in [
        ("output", "产出指标", 50u32),
        ("benefit", "效益指标", 30),
        ("satisfaction", "满意度指标", 10),
    ] {
        f.indicators.push(IndicatorRow {
            id: format!("h-{block}"),
            level: 1,
            name: name.into(),
            block: block.into(),
            ..IndicatorRow::default()
        });
        f.indicators.push(IndicatorRow {
            id: format!("r-{block}"),
            level: 3,
            name: format!("{name}一"),
            target: "≥10个".into(),
            actual: "10个".into(),
            weight: Some(w.into()),
            declared_score: Some(w.into()),
            ..IndicatorRow::default()
        });
    }
    f
}

#[test]
fn a_form_scored_with_a_profile_other_than_the_one_it_names_says_so() {
    let text = include_str!("../../../examples/jinzhong-2021-traffic-police.json");
    let registry = ziping_engine::Registry::new();
    let other = std::rc::Rc::new(Profile::builtin("central-2020").unwrap());
    let o = ziping_engine::intake::open_with("seed.json", text.as_bytes(), &registry, Some(&other))
        .unwrap();
    let m = o
        .evaluation
        .findings
        .iter()
        .find(|f| f.code == FindingCode::ProfileOther)
        .expect("reported");
    assert_eq!(m.path, FieldPath::Profile);
    assert!(
        m.message
            .zh
            .starts_with("此表注明的规则是“jinzhong-2021”，本次按“"),
        "{}",
        m.message.zh
    );
    assert!(m.message.en.ends_with("(central-2020)"), "{}", m.message.en);
    // Scored with the profile it names: nothing.
    let o = ziping_engine::intake::open("seed.json", text.as_bytes(), &registry).unwrap();
    assert!(!o
        .evaluation
        .findings
        .iter()
        .any(|f| f.code == FindingCode::ProfileOther));
}

#[test]
fn a_narrative_under_a_key_the_profile_does_not_have_is_named() {
    let p = Profile::builtin("central-2020").unwrap();
    let mut f = p.blank_form();
    f.narratives
        .insert("summary".into(), "项目总体完成良好。".into());
    f.narratives.insert("empty".into(), "  ".into());
    let e = evaluate(&f, &p);
    let named: Vec<_> = e
        .findings
        .iter()
        .filter(|x| x.code == FindingCode::FormUnknownNarrative)
        .map(|x| x.path.to_string())
        .collect();
    assert_eq!(named, ["narratives.summary"]);
}

#[test]
fn a_ratio_rounded_to_a_whole_percent_before_scoring_is_named_on_indicator_rows_too() {
    // 86.2 of 100 → 86.20 %, × 10 = 8.62; the published form rounded to 86 % and printed 9.
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, e) = form(&[("培训覆盖人数", "≥1000人", "862人", 10)]);
    assert_eq!(score(&e, 1).0, "8.62");
    for stated in ["9", "8.6"] {
        f.indicators[1].declared_score = Some(stated.parse().unwrap());
        f.indicators[1].deviation_reason = "部分学员未参训".into();
        let e = evaluate(&f, &p);
        let codes: Vec<_> = e.findings.iter().map(|x| x.code).collect();
        assert!(
            codes.contains(&FindingCode::ScoreRoundedEarly),
            "{stated}: {codes:?}"
        );
        assert!(
            !codes.contains(&FindingCode::ScoreDeclaredMismatch),
            "{stated}: {codes:?}"
        );
    }
    // Another wrong score is a plain mismatch.
    f.indicators[1].declared_score = Some(7.into());
    let codes: Vec<_> = evaluate(&f, &p).findings.iter().map(|x| x.code).collect();
    assert!(
        codes.contains(&FindingCode::ScoreDeclaredMismatch),
        "{codes:?}"
    );
}

#[test]
fn a_form_marked_incomplete_gets_a_partial_total_no_grade_and_no_whole_form_checks() {
    // The guichi form was transcribed from a printout whose 满意度 part is cut off.
    let text = include_str!("../../../examples/guichi-tangxi-2022-commissioned-business.json");
    let registry = ziping_engine::Registry::new();
    let whole = ziping_engine::intake::open("guichi.json", text.as_bytes(), &registry).unwrap();
    let codes = |e: &Evaluation| e.findings.iter().map(|f| f.code.key()).collect::<Vec<_>>();
    assert!(codes(&whole.evaluation).contains(&"weights.block_sum"));
    assert!(whole.evaluation.grade.is_some());

    let mut form = whole.form.clone();
    form.incomplete = "满意度部分缺页".into();
    let e = evaluate(&form, &whole.profile);
    assert!(e.partial);
    assert!(e.grade.is_none(), "no confident grade");
    assert_eq!(
        e.total.shown(),
        whole.evaluation.total.shown(),
        "the sum of what is there"
    );
    assert!(e
        .total
        .explanation()
        .zh
        .ends_with("原件不完整：此为已有部分的合计，不评等次"));
    let c = codes(&e);
    for gone in [
        "weights.block_sum",
        "weights.total_sum",
        "total.declared_mismatch",
        "total.above_reachable",
        "grade.declared_mismatch",
    ] {
        assert!(!c.contains(&gone), "{gone}: {c:?}");
    }
    // What the rows that are there say is still said.
    assert!(c.contains(&"funds.total_row_mismatch"), "{c:?}");
    let note = e
        .findings
        .iter()
        .find(|f| f.code == FindingCode::FormIncomplete)
        .unwrap();
    assert_eq!(note.path, FieldPath::Incomplete);
    assert!(
        note.message.zh.starts_with("原件不完整（满意度部分缺页）"),
        "{}",
        note.message.zh
    );
    // The mark is kept in the file.
    let again = ziping_engine::read_form(&ziping_engine::to_json(&form)).unwrap();
    assert_eq!(again.incomplete, "满意度部分缺页");
}

#[test]
fn level_2_sub_weights_written_in_the_heading_are_checked() {
    let p = Profile::builtin("central-2020").unwrap();
    let (mut f, _, _) = form(&[
        ("设备采购", "≥1批", "1批", 6),
        ("平台建设", "≥1套", "1套", 2),
    ]);
    // 数量指标（10分） above the two rows, as the published forms write it: 6 + 2 is not 10.
    f.indicators.insert(
        1,
        IndicatorRow {
            id: "g".into(),
            level: 2,
            name: "数量指标（10分）".into(),
            ..IndicatorRow::default()
        },
    );
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::WeightsGroupSum)
        .expect("flagged");
    assert_eq!(m.path, FieldPath::IndicatorRow(1));
    assert_eq!(
        m.message.zh,
        "二级指标“数量指标（10分）”的分值为 10（写在名称中），其下各指标分值之和为 8"
    );
    // Rows that add up, or a heading that states nothing (or its weight in the field): as stated.
    f.indicators[3].weight = Some(4.into());
    assert!(!evaluate(&f, &p)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::WeightsGroupSum));
    f.indicators[1].name = "数量指标".into();
    f.indicators[1].weight = Some(12.into());
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::WeightsGroupSum)
        .unwrap();
    assert_eq!(
        m.message.en,
        "level-2 heading \"数量指标\" is worth 12, but its rows' weights add up to 10"
    );
    f.indicators[1].weight = None;
    assert!(!evaluate(&f, &p)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::WeightsGroupSum));
}

#[test]
fn a_flat_indicator_list_scores_into_the_one_indicator_block() {
    // The 10 + 90 layout has one indicator block: rows written without a level-1 heading (as the
    // Sichuan template lists them) score into it.
    let p = Profile::builtin("budget10-indicators90").unwrap();
    let mut f = p.blank_form();
    f.indicators = ["培训人次", "覆盖乡镇"]
        .iter()
        .enumerate()
        .map(|(i, name)| IndicatorRow {
            id: format!("r{i}"),
            level: 3,
            name: name.to_string(),
            target: "≥10个".into(),
            actual: "10个".into(),
            operator: "≥".into(),
            weight: Some(45.into()),
            ..IndicatorRow::default()
        })
        .collect();
    let e = evaluate(&f, &p);
    assert!(
        !e.findings
            .iter()
            .any(|x| x.code == FindingCode::IndicatorNoBlock),
        "{:?}",
        e.findings
    );
    let block = e.blocks.iter().find(|b| b.id == "indicators").unwrap();
    assert_eq!(block.rows.len(), 2);
    assert_eq!(block.score.shown(), "90.00");
    // Where the profile has several indicator blocks, a row needs its level-1 heading.
    let c = Profile::builtin("central-2020").unwrap();
    let mut g = f.clone();
    g.profile = c.id.clone();
    let e = evaluate(&g, &c);
    assert!(e
        .findings
        .iter()
        .any(|x| x.code == FindingCode::IndicatorNoBlock));
}

#[test]
fn each_funds_row_gets_its_own_rate_where_the_layout_prints_it() {
    let p = Profile::builtin("department-wide").unwrap();
    assert!(p.funds.row_rates);
    let mut f = p.blank_form();
    f.funds.rows[0].figures.budget = Some(200.into());
    f.funds.rows[0].figures.spent = Some(150.into());
    // 项目支出 with no budget: no rate, not 0%.
    f.funds.rows[1].figures.spent = Some(0.into());
    let e = evaluate(&f, &p);
    let rates: Vec<Option<String>> = e
        .funds
        .row_rates
        .iter()
        .map(|r| r.as_ref().map(|f| f.shown()))
        .collect();
    assert_eq!(rates, [Some("75.00%".to_string()), None]);
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "75.00%");
    // A layout that does not print them computes none; one with the score columns cannot ask.
    let c = Profile::builtin("central-2020").unwrap();
    assert!(evaluate(&c.blank_form(), &c).funds.row_rates.is_empty());
    let mut v: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    v["id"] = "rates".into();
    v["funds"]["row_rates"] = true.into();
    let ps = Profile::from_json(&v.to_string()).unwrap_err();
    assert_eq!(ps[0].path.to_string(), "funds.row_rates");
}

#[test]
fn a_unit_column_gives_bare_numbers_their_unit() {
    // The 10 + 90 layout prints 指标性质 and 度量单位 columns: 指标值 "95", 实际 "96", 单位 "%".
    let p = Profile::builtin("budget10-indicators90").unwrap();
    assert!(p.indicators.unit_column);
    let mut f = p.blank_form();
    f.indicators = vec![IndicatorRow {
        id: "r".into(),
        level: 3,
        name: "群众满意度".into(),
        target: "95".into(),
        actual: "96".into(),
        operator: "≥".into(),
        unit: "%".into(),
        weight: Some(90.into()),
        ..IndicatorRow::default()
    }];
    let e = evaluate(&f, &p);
    let r = &e.indicators[0];
    let (t, a) = (r.target.quantity().unwrap(), r.actual.quantity().unwrap());
    assert_eq!((t.unit.as_str(), a.unit.as_str()), ("%", "%"));
    assert_eq!(r.op, Some(ziping_engine::value::Op::Ge));
    // A value that writes its own unit keeps it; a unit that does not compare is said.
    f.indicators[0].actual = "96人".into();
    let e = evaluate(&f, &p);
    assert_eq!(
        e.indicators[0].actual.quantity().unwrap().unit.as_str(),
        "人"
    );
    assert!(e
        .findings
        .iter()
        .any(|x| x.code == FindingCode::ValueUnitMismatch));
    // Written and read back.
    let again = ziping_engine::read_form(&ziping_engine::to_json(&f)).unwrap();
    assert_eq!(again.indicators[0].unit, "%");
}

#[test]
fn a_target_made_easier_during_the_year_is_flagged_where_the_layout_has_both_targets() {
    let p = Profile::from_json(
        r#"{"format": "ziping-profile", "id": "two-targets", "extends": "central-2020",
            "name": "项目支出绩效自评表（年初与调整后指标值）",
            "indicators": {"initial_target_column": true}}"#,
    )
    .unwrap();
    let (mut f, _, _) = form(&[("培训人次", "≥150人次", "160人次", 50)]);
    f.profile = p.id.clone();
    f.indicators[1].initial_target = "≥200人次".into();
    let e = evaluate(&f, &p);
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::IndicatorTargetLowered)
        .expect("flagged");
    assert_eq!(m.path, FieldPath::Indicator(1, IndicatorField::Target));
    assert_eq!(
        m.message.zh,
        "“培训人次”的指标值由年初的“≥200人次”调整为“≥150人次”，目标降低：请核实调整依据"
    );
    // Scored against the adjusted target: 160 of 150 is met.
    assert_eq!(score(&e, 1).0, "50.00");
    // Raised, or a ≤ target tightened: nothing. A layout without the column: nothing.
    f.indicators[1].initial_target = "≥120人次".into();
    assert!(!evaluate(&f, &p)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::IndicatorTargetLowered));
    f.indicators[1].initial_target = "≥200人次".into();
    let c = Profile::builtin("central-2020").unwrap();
    f.profile = c.id.clone();
    assert!(!evaluate(&f, &c)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::IndicatorTargetLowered));
    let (mut g, _, _) = form(&[("单位成本", "≤80元", "70元", 50)]);
    g.profile = p.id.clone();
    g.indicators[1].initial_target = "≤60元".into();
    assert!(evaluate(&g, &p)
        .findings
        .iter()
        .any(|x| x.code == FindingCode::IndicatorTargetLowered));
}

#[test]
fn a_form_that_states_its_figures_but_leaves_the_printed_rate_blank_is_asked_for_it() {
    // central-2020 prints 执行率 in its funds table; the transcription filled the total and the grade
    // but not the rate.
    let (mut f, p, _) = form(&[("设备采购", "≥1批", "1批", 50)]);
    let mut row = ziping_engine::model::FundsRow {
        source: "本年财政拨款".into(),
        ..Default::default()
    };
    row.figures.budget = Some(100.into());
    row.figures.spent = Some(95.into());
    f.funds.rows = vec![row];
    let blank =
        |f: &Form, p: &Profile| has(&evaluate(f, p), "funds.rate_blank", "funds.declared_rate");
    // A form filled in here states nothing: nothing is asked.
    assert!(!blank(&f, &p));
    f.declared.total = Some(95.into());
    let e = evaluate(&f, &p);
    assert!(blank(&f, &p), "{:?}", found(&e));
    let message = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::FundsRateBlank)
        .map(|x| x.message.zh.clone())
        .unwrap();
    assert!(message.contains("95.00%"), "{message}");
    // Filled in (even wrongly, which is another finding), or typed as something unread: not blank.
    f.funds.declared_rate = Some(90.into());
    assert!(!blank(&f, &p));
    f.funds.declared_rate = None;
    f.typed
        .insert("funds.declared_rate".into(), "九十五".into());
    assert!(!blank(&f, &p));
    f.typed.clear();
    // The 晋中 layout prints no 执行率 in its funds table (the rate is a row of its scoring table).
    let jz = Profile::builtin("jinzhong-2021").unwrap();
    let mut g = f.clone();
    g.profile = jz.id.clone();
    assert!(!blank(&g, &jz));
    // A source marked incomplete is not asked for what it may have lost.
    f.incomplete = "第二页缺失".into();
    assert!(!blank(&f, &p));
}

/// `form` with one funds row (budget, spent in 万元).
fn with_funds(rows: &[(&str, &str, &str, u32)], budget: u32, spent: u32) -> (Form, Profile) {
    let (mut f, p, _) = form(rows);
    let mut row = ziping_engine::model::FundsRow {
        source: "本年财政拨款".into(),
        ..Default::default()
    };
    row.figures.budget = Some(budget.into());
    row.figures.spent = Some(spent.into());
    f.funds.rows = vec![row];
    (f, p)
}

#[test]
fn a_narrative_that_states_another_budget_or_spending_than_the_funds_table_is_named() {
    let (mut f, p) = with_funds(&[("设备采购", "≥1批", "1批", 50)], 120, 96);
    f.narratives.insert(
        "goal_actual".into(),
        "本项目全年预算资金100万元，实际支出96万元。其中设备采购预算金额为257万元（跨年合同）。"
            .into(),
    );
    let e = evaluate(&f, &p);
    let hits: Vec<_> = e
        .findings
        .iter()
        .filter(|x| x.code == FindingCode::NarrativeFundsMismatch)
        .collect();
    assert_eq!(hits.len(), 1, "{:?}", found(&e));
    assert_eq!(hits[0].path.to_string(), "narratives.goal_actual");
    assert!(
        hits[0].message.zh.contains("100万元"),
        "{}",
        hits[0].message.zh
    );
    assert!(hits[0].message.zh.contains("120"), "{}", hits[0].message.zh);
    // Written at fewer decimals than the table holds, in 元, or as one source row: the same money.
    f.funds.rows[0].figures.budget = Some(Decimal::new(1_000_042, 4));
    f.narratives.insert(
        "goal_actual".into(),
        "全年预算资金100.00万元；实际支出960000元；本年财政拨款全年执行96万元。".into(),
    );
    let e = evaluate(&f, &p);
    assert!(
        !has(&e, "narrative.funds_mismatch", "narratives.goal_actual"),
        "{:?}",
        found(&e)
    );
}

#[test]
fn one_measure_with_two_results_is_named() {
    let rows = [
        ("培训人数", "≥100人", "120人", 20),
        ("培训资金", "≤30万元", "28万元", 10),
        ("培训人数", "≥100人", "95人", 10),
        // The same name in another unit is another measure (a 成本 row of the training).
        ("培训资金", "≥1期", "2期", 10),
    ];
    let (f, p) = with_funds(&rows, 100, 80);
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "indicator.same_measure_differs", "indicators[3].actual"),
        "{:?}",
        found(&e)
    );
    assert!(!has(
        &e,
        "indicator.same_measure_differs",
        "indicators[4].actual"
    ));
    assert!(!has(
        &e,
        "indicator.same_measure_differs",
        "indicators[1].actual"
    ));
}

#[test]
fn an_execution_rate_row_against_the_funds_table_is_named() {
    let (f, p) = with_funds(&[("预算执行率", "≥90%", "100%", 50)], 100, 80);
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "indicator.same_measure_differs", "indicators[1].actual"),
        "{:?}",
        found(&e)
    );
    let message = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::IndicatorSameMeasureDiffers)
        .map(|x| x.message.zh.clone())
        .unwrap();
    assert!(message.contains("80.00%"), "{message}");
    for agrees in ["80%", "80.00%", "80.0%"] {
        let (f, p) = with_funds(&[("资金执行率", "≥90%", agrees, 50)], 100, 80);
        let e = evaluate(&f, &p);
        assert!(
            !has(&e, "indicator.same_measure_differs", "indicators[1].actual"),
            "{agrees}: {:?}",
            found(&e)
        );
    }
}

#[test]
fn a_row_or_a_block_marked_incomplete_is_not_asked_for_what_the_source_lost() {
    // A cut-off printout: the 满意度 block's only row has its weight and nothing else, and one
    // output row lost its actual.
    let (mut f, p) = with_funds(
        &[
            ("设备采购", "≥1批", "1批", 30),
            ("人员培训", "≥100人次", "", 20),
        ],
        100,
        100,
    );
    f.indicators.push(IndicatorRow {
        id: "s".into(),
        level: 1,
        name: "满意度指标".into(),
        block: "satisfaction".into(),
        ..IndicatorRow::default()
    });
    f.indicators.push(IndicatorRow {
        id: "s1".into(),
        level: 3,
        name: "服务对象满意度".into(),
        weight: Some(10.into()),
        ..IndicatorRow::default()
    });
    let before = evaluate(&f, &p);
    assert!(
        has(&before, "value.missing", "indicators[2].actual"),
        "{:?}",
        found(&before)
    );
    assert!(before.grade.is_some());
    // Marked: the rows say nothing of what they lost, the total is partial and has no grade.
    f.indicators[2].incomplete = "实际值一栏被截断".into();
    f.indicators[3].incomplete = "原件第二页缺失".into();
    let e = evaluate(&f, &p);
    assert!(e.partial);
    assert!(e.grade.is_none());
    for path in [
        "indicators[2].actual",
        "indicators[4].actual",
        "indicators[4].score",
    ] {
        assert!(
            !found(&e)
                .iter()
                .any(|(c, p)| p == path && c != "form.incomplete"),
            "{path}: {:?}",
            found(&e)
        );
    }
    assert!(has(&e, "form.incomplete", "indicators[2].incomplete"));
    assert!(has(&e, "form.incomplete", "indicators[3].incomplete"));
    let note = e
        .findings
        .iter()
        .find(|x| x.path.to_string() == "indicators[3].incomplete")
        .unwrap();
    assert!(note.message.zh.contains("其下各行"), "{}", note.message.zh);
    assert!(e.total.explanation().zh.contains("不评等次"));
    // A row outside the marks is still asked for what it lacks.
    f.indicators[1].actual.clear();
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "value.missing", "indicators[1].actual"),
        "{:?}",
        found(&e)
    );
    // The mark is kept in the file, as typed.
    let again = ziping_engine::read_form(&ziping_engine::to_json(&f)).unwrap();
    assert_eq!(again.indicators[3].incomplete, "原件第二页缺失");
}

#[test]
fn a_reason_is_never_asked_for_where_the_layout_has_no_cell_for_it() {
    // A layout like central-2020 but printed without the 偏差原因 column.
    let p = Profile::from_json(
        r#"{"format": "ziping-profile", "extends": "central-2020", "id": "c-no-reasons",
            "indicators": {"reason_column": false}}"#,
    )
    .unwrap();
    let (mut f, with_cell, _) = form(&[
        ("培训人数", "≥100人", "60人", 30),
        ("覆盖率", "≥50%", "90%", 20),
    ]);
    let e = evaluate(&f, &with_cell);
    assert!(
        has(
            &e,
            "reason.missing_below_weight",
            "indicators[1].deviation_reason"
        ),
        "{:?}",
        found(&e)
    );
    assert!(
        has(
            &e,
            "reason.missing_over_achievement",
            "indicators[2].deviation_reason"
        ),
        "{:?}",
        found(&e)
    );
    f.profile = p.id.clone();
    let e = evaluate(&f, &p);
    assert!(
        !found(&e)
            .iter()
            .any(|(c, _)| c.starts_with("reason.missing")),
        "{:?}",
        found(&e)
    );
}

#[test]
fn full_marks_with_nothing_to_show_for_them_are_named() {
    let (mut f, p, _) = form(&[
        ("宣传活动", "", "", 10),
        ("培训人数", "≥100人", "120人", 10),
    ]);
    f.indicators[1].score = Some(10.into());
    f.indicators[2].score = Some(10.into());
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "score.full_without_evidence", "indicators[1].score"),
        "{:?}",
        found(&e)
    );
    assert!(!has(
        &e,
        "score.full_without_evidence",
        "indicators[2].score"
    ));
    let m = e
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ScoreFullWithoutEvidence)
        .unwrap();
    assert!(
        m.message.zh.contains("目标值和实际完成值"),
        "{}",
        m.message.zh
    );
    // Below full marks: the missing values are asked for (value.missing), no evidence warning.
    f.indicators[1].score = Some(6.into());
    let e = evaluate(&f, &p);
    assert!(!has(
        &e,
        "score.full_without_evidence",
        "indicators[1].score"
    ));
}

#[test]
fn a_year_before_the_stated_budget_does_not_hide_it_and_a_cut_off_row_is_not_asked_for_evidence() {
    let (mut f, p) = with_funds(&[("宣传活动", "", "", 10)], 120, 96);
    f.narratives.insert(
        "goal_actual".into(),
        "2022年度预算资金100万元，已全部拨付。".into(),
    );
    f.indicators[1].score = Some(10.into());
    let e = evaluate(&f, &p);
    assert!(
        has(&e, "narrative.funds_mismatch", "narratives.goal_actual"),
        "{:?}",
        found(&e)
    );
    assert!(has(
        &e,
        "score.full_without_evidence",
        "indicators[1].score"
    ));
    f.indicators[1].incomplete = "目标值和实际值两栏被截断".into();
    let e = evaluate(&f, &p);
    assert!(
        !has(&e, "score.full_without_evidence", "indicators[1].score"),
        "{:?}",
        found(&e)
    );
}
