//! Golden tests per built-in profile: small forms whose every number was worked out by hand.

use crate::format::read_form;
use crate::model::Form;
use crate::result::{Evaluation, RowResult, ScoreSource};
use crate::{evaluate, Profile};
use serde_json::{json, Value};

/// The form of `profile` with the fields of `form`, read as a file.
fn form_for(profile: &str, mut form: Value) -> Form {
    form["format"] = "ziping-form".into();
    form["schema_version"] = 1.into();
    form["profile"] = profile.into();
    read_form(&form.to_string()).unwrap_or_else(|p| panic!("test form unreadable: {p:?}"))
}

fn run(profile: &str, form: Value) -> Evaluation {
    evaluate(
        &form_for(profile, form),
        &Profile::builtin(profile).unwrap(),
    )
}

/// Form fields with one funds row, this year's appropriation (本年财政拨款), `budget` and `spent`.
fn one_funds_row(budget: &str, spent: &str) -> Value {
    json!({"funds": {"rows": [{"source": "本年财政拨款", "budget": budget, "spent": spent}]}})
}

fn row<'e>(e: &'e Evaluation, id: &str) -> &'e RowResult {
    e.blocks
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn block(e: &Evaluation, id: &str) -> String {
    e.blocks.iter().find(|b| b.id == id).unwrap().score.shown()
}

fn codes(e: &Evaluation) -> Vec<&'static str> {
    e.findings.iter().map(|f| f.code.key()).collect()
}

fn has(e: &Evaluation, code: &str, path: &str) -> bool {
    e.findings
        .iter()
        .any(|f| f.code.key() == code && f.path.to_string() == path)
}

fn ind(id: &str, level: u8, name: &str) -> Value {
    json!({"id": id, "level": level, "name": name})
}

fn q(id: &str, name: &str, target: &str, actual: &str, weight: &str) -> Value {
    json!({"id": id, "level": 3, "name": name, "target": target, "actual": actual, "weight": weight})
}

/// A central-2020 form: budget 10 + output 50 + benefit 30 + satisfaction 10, every row hand-checked.
fn central_form() -> Value {
    json!({
        "funds": {"rows": [
            {"source": "本年财政拨款", "initial": "100", "budget": "80", "spent": "72"},
            {"source": "上年结转资金", "initial": "0", "budget": "0", "spent": "0"}
        ]},
        "indicators": [
            {"id": "h1", "level": 1, "name": "产出指标", "block": "output"},
            ind("h11", 2, "数量指标"),
            q("a", "培训场次", "≥50次", "40次", "20"),
            q("b", "项目总成本", "≤90万元", "100万元", "10"),
            q("c", "设备数量", "=8台", "6台", "10"),
            q("d", "覆盖人数", "≥200人", "260人", "10"),
            {"id": "h2", "level": 1, "name": "效益指标", "block": "benefit"},
            q("e", "社会效益", "效果明显", "部分达成", "15"),
            q("f", "可持续影响", "持续提升", "达成预期指标", "15"),
            {"id": "h3", "level": 1, "name": "满意度指标", "block": "satisfaction"},
            q("g", "服务对象满意度", "≥90%", "95%", "10")
        ]
    })
}

#[test]
fn central_2020_golden() {
    let mut f = central_form();
    f["indicators"][7]["score"] = "10".into(); // partial band [9, 12): 10 is inside
    let e = run("central-2020", f);
    // 72 ÷ 80 = 90%; × 10 = 9.00 (the initial budget 100 is not the basis)
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "90.00%");
    assert_eq!(row(&e, "budget_execution").score.shown(), "9.00");
    assert_eq!(
        row(&e, "budget_execution").score.explanation().zh,
        "72 ÷ 80 = 90.00%；× 10 = 9.00"
    );
    // ≥: 40 ÷ 50 = 80% × 20 = 16
    assert_eq!(row(&e, "a").score.shown(), "16.00");
    assert_eq!(row(&e, "a").method.key(), "ratio");
    // ≤: 90 ÷ 100 = 90% × 10 = 9
    assert_eq!(row(&e, "b").score.shown(), "9.00");
    assert_eq!(row(&e, "b").method.key(), "inverse");
    // =: 6 ÷ 8 = 75% × 10 = 7.5
    assert_eq!(row(&e, "c").score.shown(), "7.50");
    // ≥ over-achieved (130%): capped at full 10; a reason is required above 120%
    assert_eq!(row(&e, "d").score.shown(), "10.00");
    assert!(has(
        &e,
        "reason.missing_over_achievement",
        "indicators[5].deviation_reason"
    ));
    // qualitative partial band, score entered inside the band
    assert_eq!(row(&e, "e").source, ScoreSource::Entered);
    assert_eq!(row(&e, "e").score.shown(), "10.00");
    // qualitative achieved: full
    assert_eq!(row(&e, "f").score.shown(), "15.00");
    assert_eq!(row(&e, "g").score.shown(), "10.00");
    assert_eq!(block(&e, "budget"), "9.00");
    assert_eq!(block(&e, "output"), "42.50");
    assert_eq!(block(&e, "benefit"), "25.00");
    assert_eq!(block(&e, "satisfaction"), "10.00");
    assert_eq!(e.total.shown(), "86.50");
    assert_eq!(e.grade.as_ref().unwrap().grade, "良");
    // below-weight rows without a reason: budget, a, b, c, e
    for path in [
        "funds.deviation_reason",
        "indicators[2].deviation_reason",
        "indicators[3].deviation_reason",
        "indicators[4].deviation_reason",
        "indicators[7].deviation_reason",
    ] {
        assert!(
            has(&e, "reason.missing_below_weight", path),
            "{path}: {:?}",
            codes(&e)
        );
    }
    assert!(!codes(&e).contains(&"weights.block_sum"), "{:?}", codes(&e));
}

#[test]
fn qualitative_score_outside_its_band_is_an_error() {
    let mut f = central_form();
    f["indicators"][7]["score"] = "14".into(); // partial band is [9, 12)
    let e = run("central-2020", f);
    assert!(has(&e, "score.outside_band", "indicators[7].score"));
    let mut f = central_form();
    f["indicators"][7]["score"] = "12".into(); // the partial band's top is exclusive
    assert!(has(
        &run("central-2020", f),
        "score.outside_band",
        "indicators[7].score"
    ));
    let mut f = central_form();
    f["indicators"][8]["score"] = "12".into(); // achieved band [12, 15] includes 12
    assert!(!has(
        &run("central-2020", f),
        "score.outside_band",
        "indicators[8].score"
    ));
}

#[test]
fn a_partial_band_without_a_score_counts_its_lower_end_and_warns() {
    let e = run("central-2020", central_form());
    assert_eq!(row(&e, "e").score.shown(), "9.00");
    assert!(has(&e, "score.band_needs_score", "indicators[7].score"));
}

#[test]
fn not_applicable_rows_are_left_out_and_the_total_rescaled() {
    let mut f = central_form();
    f["indicators"][7]["score"] = "10".into();
    f["indicators"][5]["not_applicable"] = true.into(); // d (10 points) does not apply
    let e = run("central-2020", f);
    assert_eq!(row(&e, "d").source, ScoreSource::Excluded);
    // raw 76.50 of 90 applicable points → 76.50 ÷ 90 × 100 = 85.00
    assert_eq!(e.raw_total.shown(), "76.50");
    assert_eq!(e.rescaled.as_ref().unwrap().shown(), "85.00");
    assert_eq!(e.total.shown(), "85.00");
    assert!(codes(&e).contains(&"total.rescaled"));
}

#[test]
fn weights_that_do_not_add_up_are_errors() {
    let mut f = central_form();
    f["indicators"][2]["weight"] = "25".into();
    f["block_weights"] = json!({"budget": "15"});
    let e = run("central-2020", f);
    assert!(
        has(&e, "weights.block_sum", "indicators[0]"),
        "{:?}",
        e.findings
    );
    assert!(has(&e, "weights.total_sum", "block_weights"));
}

#[test]
fn declared_full_marks_below_target_and_score_above_weight() {
    let mut f = central_form();
    f["indicators"][2]["declared_score"] = "20".into();
    f["indicators"][3]["score"] = "12".into();
    f["indicators"][3]["score_reason"] = "按合同价核定".into();
    let e = run("central-2020", f);
    assert!(has(
        &e,
        "score.full_marks_below_target",
        "indicators[2].declared_score"
    ));
    assert!(has(&e, "score.above_weight", "indicators[3].score"));
    let b = row(&e, "b");
    assert_eq!(
        (
            b.source,
            b.computed.as_ref().unwrap().shown().as_str(),
            b.score.shown().as_str()
        ),
        (ScoreSource::Override, "9.00", "12.00")
    );
}

#[test]
fn an_override_without_a_reason_is_an_error_and_keeps_both_values() {
    let mut f = central_form();
    f["indicators"][2]["score"] = "18".into();
    let e = run("central-2020", f);
    let a = row(&e, "a");
    assert_eq!(a.computed.as_ref().unwrap().shown(), "16.00");
    assert_eq!(a.entered.unwrap().to_string(), "18");
    assert_eq!(a.score.shown(), "18.00");
    assert!(has(
        &e,
        "score.override_without_reason",
        "indicators[2].score_reason"
    ));
}

#[test]
fn zero_budget_is_an_error_not_a_panic() {
    let e = run("central-2020", one_funds_row("0", "5"));
    assert!(e.funds.execution_rate.is_none());
    assert!(has(&e, "funds.zero_budget", "funds.rows"));
    assert_eq!(row(&e, "budget_execution").score.shown(), "0.00");
}

#[test]
fn execution_above_100_percent_is_capped_and_warned() {
    let e = run("central-2020", one_funds_row("50", "60"));
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "120.00%");
    assert_eq!(row(&e, "budget_execution").score.shown(), "10.00");
    assert!(codes(&e).contains(&"funds.execution_above_100"));
}

#[test]
fn the_funds_total_row_is_derived_and_a_wrong_printed_total_is_flagged() {
    let e = run(
        "central-2020",
        json!({"funds": {
            "rows": [{"source": "本年财政拨款", "initial": "90", "budget": "89.974", "spent": "89.974"}],
            "declared_total": {"initial": "0", "budget": "0", "spent": "0"},
            "declared_rate": "0", "declared_score": "0"
        }}),
    );
    assert_eq!(e.funds.budget.as_ref().unwrap().shown(), "89.974");
    assert_eq!(row(&e, "budget_execution").score.shown(), "10.00");
    for path in [
        "funds.declared_total.initial",
        "funds.declared_total.budget",
        "funds.declared_total.spent",
    ] {
        assert!(has(&e, "funds.total_row_mismatch", path), "{path}");
    }
    assert!(has(&e, "funds.rate_mismatch", "funds.declared_rate"));
}

#[test]
fn a_rate_rounded_before_scoring_is_recognised() {
    // 86.2 ÷ 100 = 86.20% → 8.62; a form that rounds to 86% and then to whole points states 9.
    let mut f = one_funds_row("100", "86.2");
    f["scores"] = json!({"budget_execution": {"declared_score": "9"}});
    let e = run("central-2020", f);
    assert_eq!(row(&e, "budget_execution").score.shown(), "8.62");
    assert!(
        has(
            &e,
            "score.rounded_early",
            "scores.budget_execution.declared_score"
        ),
        "{:?}",
        e.findings
    );
}

#[test]
fn a_profile_can_state_that_rates_are_rounded_before_scoring() {
    let mut p = Profile::builtin("central-2020").unwrap();
    p.rounding.rate_places_before_scoring = Some(0);
    let e = evaluate(&form_for("central-2020", one_funds_row("100", "86.2")), &p);
    assert_eq!(row(&e, "budget_execution").score.shown(), "8.60");
}

#[test]
fn half_way_cases_round_away_from_zero() {
    // 1.25 ÷ 100 × 10 = 0.125 → 0.13 (banker's rounding would give 0.12)
    let e = run("central-2020", one_funds_row("100", "1.25"));
    assert_eq!(row(&e, "budget_execution").score.shown(), "0.13");
    // 0.5 ÷ 8 × 10 = 0.625 → 0.63
    let e = run("central-2020", one_funds_row("8", "0.5"));
    assert_eq!(row(&e, "budget_execution").score.shown(), "0.63");
    // completion 72.5% shows as 73% in a whole-percent column
    let e = run(
        "jinzhong-2021",
        json!({"indicators": [ind("x", 2, "数量"), q("r", "r", "200个", "145个", "")]}),
    );
    assert_eq!(e.indicators[1].completion.as_ref().unwrap().shown(), "73%");
}

#[test]
fn the_total_is_rounded_once_when_rows_are_not() {
    let mut p = Profile::builtin("central-2020").unwrap();
    p.rounding.round_rows = false;
    let mut f = central_form();
    // ≥ 1 of 3 → 1/3 × 20 = 6.666…; unrounded rows sum exactly and the total rounds once.
    f["indicators"][2]["target"] = "≥3次".into();
    f["indicators"][2]["actual"] = "1次".into();
    f["indicators"][7]["score"] = "10".into();
    let e = evaluate(&form_for("central-2020", f), &p);
    assert_eq!(row(&e, "a").score.value.round_dp(6).to_string(), "6.666667");
    // 9 + (6.666… + 9 + 7.5 + 10) + 25 + 10 = 77.1666… → 77.17
    assert_eq!(e.total.shown(), "77.17");
}

#[test]
fn budget10_indicators90_golden_with_operator_column_caps_and_deduction() {
    let f = json!({
        "funds": {"rows": [{"source": "本年财政拨款", "initial": "200", "budget": "150", "spent": "105"}]},
        "indicators": [
            {"id": "h", "level": 1, "name": "产出指标", "block": "indicators"},
            {"id": "a", "level": 3, "name": "验收合格率", "target": "95%", "actual": "95%", "operator": "≥", "weight": "30"},
            {"id": "b", "level": 3, "name": "单位成本", "target": "40元", "actual": "50元", "operator": "≤", "weight": "30"},
            {"id": "c", "level": 3, "name": "受益户数", "target": "100户", "actual": "140户", "operator": "≥", "weight": "30"}
        ]
    });
    let e = run("budget10-indicators90", f);
    // 105 ÷ 150 = 70.00%; × 10 = 7.00
    assert_eq!(row(&e, "budget_execution").score.shown(), "7.00");
    assert_eq!(row(&e, "a").score.shown(), "30.00");
    // the operator column says ≤: 40 ÷ 50 = 80% × 30 = 24
    assert_eq!(row(&e, "b").score.shown(), "24.00");
    // 140% ≥ 130%: full 30 minus 2 = 28, and a reason is required
    assert_eq!(row(&e, "c").score.shown(), "28.00");
    assert!(codes(&e).contains(&"indicator.over_achievement_deduction"));
    assert!(has(
        &e,
        "reason.missing_over_achievement",
        "indicators[3].deviation_reason"
    ));
    // raw 7 + 82 = 89; execution 70% is below 80% → cap 89 (no change); not below 70%
    assert_eq!(e.raw_total.shown(), "89.00");
    assert!(e.capped.is_none());
    assert!(has(
        &e,
        "reason.missing_low_execution",
        "funds.deviation_reason"
    ));
    assert!(has(
        &e,
        "reason.missing_adjustment",
        "funds.adjustment_reason"
    ));
}

#[test]
fn execution_caps_lower_the_total() {
    let f = json!({
        "funds": {"rows": [{"source": "本年财政拨款", "budget": "100", "spent": "55"}], "deviation_reason": "项目延期"},
        "indicators": [
            {"id": "h", "level": 1, "name": "产出指标", "block": "indicators"},
            {"id": "a", "level": 3, "name": "完成率", "target": "≥100%", "actual": "100%", "weight": "90"}
        ]
    });
    let e = run("budget10-indicators90", f);
    // 5.50 + 90 = 95.50; execution 55% < 60% → capped at 69
    assert_eq!(e.raw_total.shown(), "95.50");
    assert_eq!(e.capped.as_ref().unwrap().shown(), "69.00");
    assert_eq!(e.total.shown(), "69.00");
    assert_eq!(e.grade.as_ref().unwrap().grade, "中");
}

#[test]
fn department_wide_golden_with_banded_per_point_and_coefficient_rows() {
    let s = |actual: &str| json!({"actual": actual});
    let f = json!({
        "scores": {
            "goal_setting": {"score": "5"}, "budgeting": {"score": "4.5", "deviation_reason": "编制偏粗"},
            "budget_completion": s("85%"), "budget_adjustment": s("13%"), "payment_progress": s("92"),
            "carryover": s("8%"), "public_funds": s("103.4%"), "three_public": s("99%"),
            "procurement": s("85%"), "staffing": s("140%")
        },
        "indicators": [
            {"id": "h1", "level": 1, "name": "产出指标", "block": "output"},
            q("o", "完成率", "≥100%", "100%", "30"),
            {"id": "h2", "level": 1, "name": "效益指标", "block": "benefit"},
            q("b", "效益", "效果明显", "达成预期指标", "35")
        ]
    });
    let e = run("department-wide", f);
    assert_eq!(row(&e, "budget_completion").score.shown(), "4.00"); // 85% in [80, 90) → 4
    assert_eq!(row(&e, "budget_adjustment").score.shown(), "1.50"); // 3 points above 10% × 0.5 → 3 − 1.5
    assert_eq!(row(&e, "payment_progress").score.shown(), "4.00"); // 92 ≥ 90 → 4
    assert_eq!(row(&e, "carryover").score.shown(), "3.00"); // within 10%
    assert_eq!(row(&e, "public_funds").score.shown(), "1.30"); // 3.4 points × 0.5 = 1.7 → 3 − 1.7
    assert_eq!(row(&e, "three_public").score.shown(), "3.00");
    assert_eq!(row(&e, "procurement").score.shown(), "1.70"); // 85% × 2
    assert_eq!(row(&e, "staffing").score.shown(), "0.00"); // 40 points × 1 → floor 0
    assert_eq!(
        row(&e, "staffing").score.explanation().zh,
        "140% 超过 100% 40 个百分点，扣 40 × 1 = 40；2 − 40，不低于 0 = 0.00"
    );
    assert_eq!(
        row(&e, "staffing").score.explanation().en,
        "140% is above 100% by 40 points: minus 40 × 1 = 40; 2 − 40, not below 0 = 0.00"
    );
    assert_eq!(block(&e, "decision"), "9.50");
    assert_eq!(block(&e, "management"), "18.50");
    assert_eq!(e.total.shown(), "93.00");
    assert_eq!(e.grade.as_ref().unwrap().grade, "优");
}

#[test]
fn grade_and_total_checks_against_what_the_form_states() {
    // 50 ÷ 100 = 50% → 预算执行率 1.50 of 3: even with every judgement row at full marks the rows
    // reach 98.50, so a stated 99 is more than they can reach; and 99 is 优, not the stated 良.
    let f = json!({
        "funds": {"rows": [{"source": "市级预算资金", "budget": "100", "allocated": "100", "spent": "50"}]},
        "scores": {"economic": {"score": "1"}},
        "declared": {"total": "99", "grade": "良"}
    });
    let e = run("jinzhong-2021", f);
    assert_eq!(e.reachable.shown(), "98.50");
    assert!(has(&e, "total.above_reachable", "declared.total"));
    assert!(has(&e, "grade.contradicts_total", "declared.grade"));
    let e = run("jinzhong-2021", json!({"declared": {"grade": "甲"}}));
    assert!(has(&e, "grade.unknown", "declared.grade"));
    // A stated grade that fits the stated total but not the computed one.
    let mut f = one_funds_row("100", "100");
    f["declared"] = json!({"total": "60", "grade": "中"});
    let e = run("jinzhong-2021", f);
    assert!(has(&e, "total.declared_mismatch", "declared.total"));
    assert!(has(&e, "grade.declared_mismatch", "declared.grade"));
}

#[test]
fn cost_rows_written_with_more_is_better_are_doubted() {
    let f = json!({"indicators": [
        {"id": "h", "level": 1, "name": "产出指标", "block": "output"}, ind("h2", 2, "成本指标"),
        q("c", "业务培训开展", "≥5万元", "5", "50")
    ]});
    let e = run("central-2020", f);
    assert!(has(&e, "indicator.cost_direction", "indicators[2].target"));
    assert_eq!(row(&e, "c").score.shown(), "50.00");
}

#[test]
fn unparseable_and_approximate_values_are_flagged_not_lost() {
    let f = json!({"indicators": [
        {"id": "h", "level": 1, "name": "产出指标", "block": "output"},
        q("a", "培训人数", "≥200人", "200余人", "25"),
        q("b", "设备", "≥3台", "已到货", "25")
    ]});
    let e = run("central-2020", f);
    assert!(has(&e, "value.approximate", "indicators[1].actual"));
    assert_eq!(row(&e, "a").score.shown(), "25.00");
    assert!(has(&e, "value.unparseable", "indicators[2].actual"));
    assert_eq!(row(&e, "b").method.key(), "qualitative");
    assert!(has(&e, "score.missing", "indicators[2].score"));
}

#[test]
fn rows_outside_a_scored_block_are_reported() {
    let e = run(
        "central-2020",
        json!({"indicators": [q("a", "孤立指标", "≥1个", "1个", "5")]}),
    );
    assert!(has(&e, "indicator.no_block", "indicators[0]"));
}

#[test]
fn an_empty_form_evaluates_without_panicking() {
    for p in Profile::builtins() {
        let e = run(&p.id, json!({}));
        assert_eq!(e.profile, p.id);
        assert!(e.total.value >= rust_decimal::Decimal::ZERO);
    }
}

#[test]
fn the_funds_tables_printed_score_is_checked() {
    let f = json!({"funds": {"rows": [{"source": "本年财政拨款", "budget": "50", "spent": "50"}], "declared_score": "0"}});
    let e = run("central-2020", f);
    assert!(
        has(&e, "score.declared_mismatch", "funds.declared_score"),
        "{:?}",
        e.findings
    );
}

#[test]
fn fixed_rows_follow_an_adjusted_block_weight() {
    // The 2020 rule lets a form give budget execution 20 instead of 10: the row is then out of 20.
    let f = json!({
        "funds": {"rows": [{"source": "本年财政拨款", "budget": "100", "spent": "90"}], "deviation_reason": "结余"},
        "block_weights": {"budget": "20", "output": "40"}
    });
    let e = run("central-2020", f);
    let r = row(&e, "budget_execution");
    assert_eq!(r.weight.to_string(), "20");
    assert_eq!(r.score.shown(), "18.00");
    assert_eq!(block(&e, "budget"), "18.00");
}

#[test]
fn entries_for_rows_or_blocks_the_profile_lacks_are_reported() {
    let f = json!({"scores": {"budget_exection": {"score": "9"}}, "block_weights": {"foo": "5"}});
    let e = run("central-2020", f);
    assert!(has(&e, "form.unknown_score_row", "scores.budget_exection"));
    assert!(has(&e, "form.unknown_block", "block_weights.foo"));
}

#[test]
fn a_stated_score_equal_to_the_computed_one_is_not_called_rounded_early_beside_an_override() {
    let f = json!({"funds": {"rows": [{"source": "本年财政拨款", "budget": "105", "spent": "93.5"}], "deviation_reason": "延期"},
                   "scores": {"budget_execution": {"score": "9", "score_reason": "按批复口径", "declared_score": "8.90"}}});
    let e = run("central-2020", f);
    assert!(
        has(
            &e,
            "score.declared_mismatch",
            "scores.budget_execution.declared_score"
        ),
        "{:?}",
        codes(&e)
    );
    assert!(!codes(&e).contains(&"score.rounded_early"));
}

#[test]
fn every_comparison_explains_its_score() {
    let f = json!({
        "indicators": [
            {"id": "h1", "level": 1, "name": "产出指标", "block": "output"},
            ind("h11", 2, "数量指标"),
            q("ge", "培训场次", "≥50次", "40次", "10"),
            q("ge0", "事故数", "≥0起", "3起", "5"),
            q("le", "项目总成本", "≤90万元", "100万元", "10"),
            q("le_in", "单位成本", "≤90万元", "80万元", "5"),
            q("eq", "设备数量", "=8台", "6台", "10"),
            q("eq_met", "站点数量", "=8个", "8个", "5"),
            q("eq_over", "车辆数量", "=8辆", "9辆", "5"),
        ]
    });
    let e = run("central-2020", f);
    let how = |id: &str| {
        let t = row(&e, id).score.explanation();
        (t.zh, t.en)
    };
    let expect = [
        (
            "ge",
            "≥：40次 ÷ 50次 = 80.00%；min(比率, 100%) × 10 = 8.00",
            "≥：40次 ÷ 50次 = 80.00%; min(ratio, 100%) × 10 = 8.00",
        ),
        (
            "ge0",
            "≥：目标为 0，实际 3起，满分 5 = 5.00",
            "≥: target 0 is met by 3起: full 5 = 5.00",
        ),
        (
            "le",
            "≤：90万元 ÷ 100万元 = 90.00%；× 10 = 9.00",
            "≤：90万元 ÷ 100万元 = 90.00%; × 10 = 9.00",
        ),
        (
            "le_in",
            "≤：实际 80万元 未超过目标 90万元，满分 5 = 5.00",
            "≤: actual 80万元 within target 90万元: full 5 = 5.00",
        ),
        (
            "eq",
            "=：6台 ÷ 8台 = 75.00%；× 10 = 7.50",
            "=：6台 ÷ 8台 = 75.00%; × 10 = 7.50",
        ),
        (
            "eq_met",
            "=：实际 8个 等于目标，满分 5 = 5.00",
            "=: actual 8个 equals the target: full 5 = 5.00",
        ),
        (
            "eq_over",
            "=：实际 9辆 超过目标 8辆，满分 5（偏差） = 5.00",
            "=: actual 9辆 above target 8辆: full 5 (deviation) = 5.00",
        ),
    ];
    for (id, zh, en) in expect {
        assert_eq!(how(id), (zh.to_string(), en.to_string()), "row {id}");
    }
    assert!(
        has(&e, "indicator.exact_exceeded", "indicators[8].actual"),
        "{:?}",
        codes(&e)
    );
}

/// `form` with `text` typed into the field at `path`, as the editor does.
fn typed(profile: &str, mut form: Form, path: &str, text: &str) -> Form {
    let p = crate::path::FieldPath::parse(path).unwrap_or_else(|| panic!("no path {path}"));
    p.set(&mut form, text, &Profile::builtin(profile).unwrap())
        .unwrap();
    form
}

fn eval(profile: &str, form: &Form) -> Evaluation {
    evaluate(form, &Profile::builtin(profile).unwrap())
}

#[test]
fn an_amount_that_does_not_read_stays_as_typed_is_an_error_and_leaves_what_depends_on_it_open() {
    let form = form_for("central-2020", central_form());
    let form = typed("central-2020", form, "funds.rows[0].spent", "48,6");
    let spent = crate::path::FieldPath::parse("funds.rows[0].spent").unwrap();
    // The field shows what was typed and holds no number: nothing is scored from "48".
    assert_eq!(spent.get(&form), "48,6");
    assert_eq!(form.funds.rows[0].figures.spent, None);
    let e = eval("central-2020", &form);
    let f = e
        .findings
        .iter()
        .find(|f| f.code.key() == "value.unread")
        .expect("an error for the unread amount");
    assert_eq!(f.path.to_string(), "funds.rows[0].spent");
    assert_eq!(f.severity, crate::Severity::Error);
    assert!(
        f.message
            .zh
            .starts_with("本年财政拨款·全年执行数：“48,6”不是数字"),
        "{}",
        f.message.zh
    );
    // Every number that depends on it is open, and says why.
    let rate = e.funds.execution_rate.as_ref().unwrap();
    assert_eq!(rate.shown(), "—");
    assert!(
        rate.explanation()
            .zh
            .starts_with("待修正：本年财政拨款·全年执行数“48,6”"),
        "{}",
        rate.explanation().zh
    );
    for open in [
        &row(&e, "budget_execution").score,
        &e.blocks[0].score,
        &e.total,
        &e.reachable,
    ] {
        assert!(open.is_pending() && open.shown() == "—", "{open:?}");
    }
    assert!(e.grade.is_none());
    // No check runs on a number that is not there (no "below weight", no "low execution").
    assert!(
        !has(&e, "reason.missing_below_weight", "funds.deviation_reason"),
        "{:?}",
        codes(&e)
    );
    assert!(!codes(&e).contains(&"reason.missing_low_execution"));
    // Fixed, it is scored again: 48.6 ÷ 80.
    let form = typed("central-2020", form, "funds.rows[0].spent", "48.6");
    assert_eq!(spent.get(&form), "48.6");
    assert!(form.funds.rows[0].typed.is_empty());
    let e = eval("central-2020", &form);
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "60.75%");
    assert!(!codes(&e).contains(&"value.unread"));
}

#[test]
fn numbers_are_read_as_finance_clerks_write_them() {
    let form = form_for("central-2020", central_form());
    let form = typed("central-2020", form, "funds.rows[0].budget", "1,000.50");
    let form = typed("central-2020", form, "funds.rows[0].spent", "486,000元");
    let form = typed("central-2020", form, "indicators[2].weight", " 20分 ");
    assert_eq!(
        form.funds.rows[0].figures.budget,
        Some(crate::decimal::Decimal::new(100050, 2))
    );
    assert_eq!(
        form.funds.rows[0].figures.spent,
        Some(crate::decimal::Decimal::new(486, 1))
    );
    let budget = crate::path::FieldPath::parse("funds.rows[0].budget").unwrap();
    assert_eq!(budget.get(&form), "1,000.50", "shown as typed");
    let e = eval("central-2020", &form);
    assert!(!codes(&e).contains(&"value.unread"), "{:?}", codes(&e));
    // The conversion from 元 is in the explanation of the column's total.
    let spent = e.funds.spent.as_ref().unwrap();
    assert!(
        spent.explanation().zh.contains("48.6（486,000元）"),
        "{}",
        spent.explanation().zh
    );
    assert_eq!(
        row(&e, "a").score.shown(),
        "16.00",
        "the weight typed as \" 20分 \" is 20"
    );
    // A comma that is not a thousands separator is not one.
    let form = typed("central-2020", form, "funds.rows[0].budget", "1,00");
    assert!(has(
        &eval("central-2020", &form),
        "value.unread",
        "funds.rows[0].budget"
    ));
}

#[test]
fn required_inputs_left_empty_are_errors_naming_the_field() {
    let mut f = central_form();
    f["funds"]["rows"][0]
        .as_object_mut()
        .unwrap()
        .remove("spent");
    f["indicators"][2]["target"] = "".into();
    f["indicators"][3]["actual"] = "".into();
    let e = run("central-2020", f);
    assert!(
        has(&e, "value.missing", "funds.rows[0].spent"),
        "{:?}",
        codes(&e)
    );
    assert!(has(&e, "value.missing", "indicators[2].target"));
    assert!(has(&e, "value.missing", "indicators[3].actual"));
    // The other row's 0 is an amount spent: the blank cell counts as the form prints it (0 of 80),
    // and is an error of its own.
    assert_eq!(e.funds.execution_rate.as_ref().unwrap().shown(), "0.00%");
    // No amount spent anywhere: the rate, and what depends on it, wait for it.
    let mut f = central_form();
    for r in f["funds"]["rows"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("spent");
    }
    let e = run("central-2020", f);
    assert!(
        has(&e, "value.missing", "funds.rows[0].spent"),
        "{:?}",
        codes(&e)
    );
    let rate = e.funds.execution_rate.as_ref().unwrap();
    assert!(rate.is_pending());
    assert!(
        rate.explanation()
            .zh
            .starts_with("待填写：本年财政拨款·全年执行数"),
        "{}",
        rate.explanation().zh
    );
    assert!(e.total.is_pending());
    // A missing budget is named too (not "zero").
    let mut f = central_form();
    for r in f["funds"]["rows"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("budget");
    }
    let e = run("central-2020", f);
    assert!(
        has(&e, "value.missing", "funds.rows[0].budget"),
        "{:?}",
        codes(&e)
    );
    assert!(!codes(&e).contains(&"funds.zero_budget"));
}

#[test]
fn a_weight_score_or_stated_total_that_does_not_read_is_named_and_nothing_is_guessed() {
    let form = form_for("central-2020", central_form());
    let form = typed("central-2020", form, "indicators[2].weight", "2O");
    let form = typed("central-2020", form, "declared.total", "九十");
    let e = eval("central-2020", &form);
    assert!(
        has(&e, "value.unread", "indicators[2].weight"),
        "{:?}",
        codes(&e)
    );
    assert!(has(&e, "value.unread", "declared.total"));
    // Not "no weight", not "the weights do not add up": the weight is there, unread.
    assert!(
        !codes(&e).contains(&"weights.missing") && !codes(&e).contains(&"weights.block_sum"),
        "{:?}",
        codes(&e)
    );
    assert!(row(&e, "a").score.is_pending());
    assert!(e
        .blocks
        .iter()
        .find(|b| b.id == "output")
        .unwrap()
        .score
        .is_pending());
    assert!(e.total.is_pending());
    assert!(!codes(&e).contains(&"total.declared_mismatch"));
}

#[test]
fn the_intake_reads_typed_text_again_under_the_forms_profile() {
    // A file whose stored number disagrees with its typed text: the text, which the field shows,
    // is what counts.
    let mut f = central_form();
    f["funds"]["rows"][0]["spent"] = "1".into();
    f["funds"]["rows"][0]["typed"] = json!({"spent": "720,000元"});
    f["format"] = "ziping-form".into();
    f["schema_version"] = 2.into();
    f["profile"] = "central-2020".into();
    let o =
        crate::intake::open("f.json", f.to_string().as_bytes(), &crate::Registry::new()).unwrap();
    assert_eq!(
        o.form.funds.rows[0].figures.spent,
        Some(crate::decimal::Decimal::from(72))
    );
    assert_eq!(
        o.evaluation.funds.execution_rate.as_ref().unwrap().shown(),
        "90.00%"
    );
}

#[test]
fn deadlines_and_durations_are_scored_like_numbers() {
    let f = json!({
        "header": {"year": "2022"},
        "indicators": [
            {"id": "h1", "level": 1, "name": "产出指标", "block": "output"},
            ind("h11", 2, "时效指标"),
            q("d1", "完成时间", "≤2022年12月", "2022年11月", "5"),
            q("d2", "完工时限", "2022年12月底前", "2022-11-30", "5"),
            q("d3", "验收时间", "12月31日前", "2023年1月", "5"),
            q("d4", "办结时限", "≤10个工作日", "8个工作日", "5"),
            q("d5", "响应时间", "≥3天", "2天", "6"),
            q("d6", "巡查里程", "≥20km", "22公里", "5"),
            q("d7", "拨付时间", "11月底前", "10月", "5"),
            q("d8", "整改时限", "2022年底前", "2022年12月31日", "5"),
        ]
    });
    let e = run("central-2020", f);
    let score = |id: &str| row(&e, id).score.shown();
    assert_eq!(score("d1"), "5.00");
    assert_eq!(row(&e, "d1").method.key(), "deadline");
    assert_eq!(score("d2"), "5.00");
    // Without a year, "12月31日前" is of the form's year: 2023年1月 misses it, and says so.
    assert_eq!(score("d3"), "0.00");
    assert!(row(&e, "d3").score.explanation().zh.contains("未达到"));
    assert!(has(
        &e,
        "reason.missing_below_weight",
        "indicators[4].deviation_reason"
    ));
    assert_eq!(score("d4"), "5.00", "8 of at most 10 working days");
    assert_eq!(score("d5"), "4.00", "2 of at least 3 days: 2 ÷ 3 × 6");
    assert_eq!(score("d6"), "5.00", "22 公里 against 20 km");
    assert_eq!(score("d7"), "5.00");
    assert_eq!(score("d8"), "5.00");
    assert!(!codes(&e).contains(&"score.missing"), "{:?}", codes(&e));
    assert!(
        !codes(&e).contains(&"value.unit_mismatch"),
        "{:?}",
        codes(&e)
    );
}

#[test]
fn a_stated_grade_with_an_invisible_character_is_named_with_it_shown() {
    let e = run(
        "jinzhong-2021",
        json!({"declared": {"grade": "优\u{200b}"}}),
    );
    let f = e
        .findings
        .iter()
        .find(|f| f.code.key() == "grade.unknown")
        .expect("grade.unknown");
    assert!(f.message.zh.contains("“优⟨U+200B⟩”"), "{}", f.message.zh);
    assert!(f.message.en.contains("\"优⟨U+200B⟩\""), "{}", f.message.en);
}
