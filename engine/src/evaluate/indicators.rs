//! The indicator outline: reading targets and actuals, 完成进度, and scoring level-3 rows where the
//! profile scores them (≥ ratio, ≤ inverse, = exact, qualitative bands, manual).

use super::rows::{finish, method_label, RowInput};
use super::Ctx;
use crate::decimal::{percent, plain, ratio, round, Decimal};
use crate::model::IndicatorRow;
use crate::profile::{Block, QualitativeBand};
use crate::result::{Figure, IndicatorResult, RowResult};
use crate::text::Text;
use crate::value::{parse, Op, Quantity, Value};

const BASIS_DIRECTION: &str = "[note] 方向取自目标值中的 ≥ ≤ =，而非指标类别";

/// Reads every row of the outline; returns one result per row, and the scored level-3 rows with the
/// block each scores into.
pub(super) fn evaluate(cx: &mut Ctx) -> (Vec<IndicatorResult>, Vec<(String, RowResult)>) {
    let form = cx.form;
    let mut results = Vec::with_capacity(form.indicators.len());
    let mut scored = Vec::new();
    let mut block: Option<String> = None;
    let mut group = String::new();
    for (i, row) in form.indicators.iter().enumerate() {
        match row.level {
            1 => {
                block = Some(row.block.clone());
                group.clear();
                results.push(heading(row));
            }
            2 => {
                group = row.name.clone();
                results.push(heading(row));
            }
            _ => {
                let (result, score) = read_row(cx, i, row, block.as_deref(), &group);
                if let Some(s) = score {
                    scored.push(s);
                }
                results.push(result);
            }
        }
    }
    (results, scored)
}

fn heading(row: &IndicatorRow) -> IndicatorResult {
    IndicatorResult {
        id: row.id.clone(),
        level: row.level,
        block: (!row.block.is_empty()).then(|| row.block.clone()),
        target: Value::Empty,
        actual: Value::Empty,
        op: None,
        method: None,
        band: None,
        completion: None,
    }
}

/// Target and actual in one base unit, if they can be compared: a bare number takes the other's unit.
fn comparable(t: &Quantity, a: &Quantity) -> Option<(Decimal, Decimal)> {
    if t.base_unit == a.base_unit && t.unit.is_empty() == a.unit.is_empty() {
        Some((t.base_value()?, a.base_value()?))
    } else if a.unit.is_empty() {
        Some((t.base_value()?, a.number.checked_mul(t.scale)?))
    } else if t.unit.is_empty() {
        Some((t.number.checked_mul(a.scale)?, a.base_value()?))
    } else if t.base_unit == a.base_unit {
        Some((t.base_value()?, a.base_value()?))
    } else {
        None
    }
}

/// A quantity as written, with the unit of `like` when it has none of its own.
fn show(q: &Quantity, like: &Quantity) -> String {
    let unit = if q.unit.is_empty() {
        &like.unit
    } else {
        &q.unit
    };
    format!("{}{}", plain(q.number), unit)
}

/// The band whose phrase the text contains (the longest phrase wins: 未完成 over 完成).
fn band_from_text<'p>(bands: &'p [QualitativeBand], text: &str) -> Option<&'p QualitativeBand> {
    bands
        .iter()
        .flat_map(|b| b.phrases.iter().map(move |p| (b, p)))
        .filter(|(_, p)| !p.is_empty() && text.contains(p.as_str()))
        .max_by_key(|(_, p)| p.chars().count())
        .map(|(b, _)| b)
}

fn read_row(
    cx: &mut Ctx,
    i: usize,
    row: &IndicatorRow,
    block: Option<&str>,
    group: &str,
) -> (IndicatorResult, Option<(String, RowResult)>) {
    let profile = cx.profile;
    let path = format!("indicators[{i}]");
    let target = parse(&row.target);
    let actual = parse(&row.actual);
    for (v, field, text) in [
        (&target, "target", &row.target),
        (&actual, "actual", &row.actual),
    ] {
        if v.quantity().is_some_and(|q| q.approximate) {
            cx.push(
                "value.approximate",
                format!("{path}.{field}"),
                Text::new(
                    format!(
                        "“{}”的“{text}”是约数，按 {} 计算",
                        row.name,
                        v.quantity().map(|q| plain(q.number)).unwrap_or_default()
                    ),
                    format!(
                        "\"{text}\" in \"{}\" is approximate; computed as {}",
                        row.name,
                        v.quantity().map(|q| plain(q.number)).unwrap_or_default()
                    ),
                ),
                "[note] “余”“多”“左右”为约数，须核实",
            );
        }
    }
    let column_op = if profile.indicators.operator_column && !row.operator.trim().is_empty() {
        let op = Op::from_column(&row.operator);
        if op.is_none() {
            cx.push(
                "value.unparseable",
                format!("{path}.operator"),
                Text::new(
                    format!("指标性质“{}”无法识别，应为 ≥、≤ 或 =", row.operator),
                    format!("operator \"{}\" is not one of ≥ ≤ =", row.operator),
                ),
                BASIS_DIRECTION,
            );
        }
        op
    } else {
        None
    };
    let tq = target.quantity();
    let aq = actual.quantity();
    let pair = match (tq, aq) {
        (Some(t), Some(a)) => {
            let p = comparable(t, a);
            if p.is_none() {
                cx.push(
                    "value.unit_mismatch",
                    format!("{path}.actual"),
                    Text::new(
                        format!(
                            "“{}”的目标“{}”与实际“{}”单位不同，无法比较",
                            row.name, row.target, row.actual
                        ),
                        format!(
                            "\"{}\": target \"{}\" and actual \"{}\" are in different units",
                            row.name, row.target, row.actual
                        ),
                    ),
                    "[note]",
                );
            }
            p
        }
        _ => None,
    };
    let op = column_op.or(tq.and_then(|t| t.op));
    let actual_band = band_from_text(&profile.qualitative_bands, row.actual.trim());
    let completion = match (pair, tq, aq) {
        (Some((t, a)), Some(tq), Some(aq)) if !t.is_zero() => ratio(a, t).map(|c| Figure {
            value: c,
            shown: percent(c, profile.rounding.completion_places),
            explain: Text::same(format!(
                "{} ÷ {} = {}",
                show(aq, tq),
                show(tq, aq),
                percent(c, profile.rounding.completion_places.max(2))
            )),
        }),
        (None, Some(_), None) if actual_band.is_some_and(|b| b.min.is_zero()) => Some(Figure {
            value: Decimal::ZERO,
            shown: percent(Decimal::ZERO, profile.rounding.completion_places),
            explain: Text::new(
                format!("实际为“{}”：未完成，0%", row.actual.trim()),
                format!("actual \"{}\": not done, 0%", row.actual.trim()),
            ),
        }),
        _ => None,
    };
    if let (Some(c), false) = (&completion, row.declared_completion.trim().is_empty()) {
        if let Some(q) = parse(&row.declared_completion).quantity() {
            let places = q.number.scale();
            if round(c.value * Decimal::ONE_HUNDRED, places) != q.number {
                cx.push(
                    "completion.declared_mismatch",
                    format!("{path}.declared_completion"),
                    Text::new(
                        format!(
                            "“{}”完成进度填为 {}，计算为 {}",
                            row.name, row.declared_completion, c.shown
                        ),
                        format!(
                            "\"{}\": completion stated {}, computed {}",
                            row.name, row.declared_completion, c.shown
                        ),
                    ),
                    "[form] 完成进度 = 实际完成值 ÷ 目标值",
                );
            }
        }
    }
    if group.contains("成本") && tq.and_then(|t| t.op) == Some(Op::Ge) && column_op.is_none() {
        cx.push(
            "indicator.cost_direction",
            format!("{path}.target"),
            Text::new(format!("成本指标“{}”写作“{}”（越多越好），请核实方向，成本通常应为 ≤", row.name, row.target), format!("cost row \"{}\" is written \"{}\" (more is better): check the direction, a cost is usually ≤", row.name, row.target)),
            BASIS_DIRECTION,
        );
    }
    let mut result = IndicatorResult {
        id: row.id.clone(),
        level: 3,
        block: None,
        target: target.clone(),
        actual: actual.clone(),
        op,
        method: None,
        band: None,
        completion: completion.clone(),
    };
    if !profile.indicators.scored {
        result.method = pair.map(|_| method_of(op.unwrap_or(Op::Ge)).to_string());
        return (result, None);
    }
    let Some(block) = block
        .and_then(|b| profile.block(b))
        .filter(|b| b.from_indicators)
    else {
        cx.push(
            "indicator.no_block",
            path,
            Text::new(format!("指标“{}”不在已对应计分部分的一级指标之下，未计分", row.name), format!("indicator \"{}\" is not under a level-1 heading bound to a scored block: not scored", row.name)),
            &profile.basis,
        );
        return (result, None);
    };
    result.block = Some(block.id.clone());
    let weight = row.weight.unwrap_or_else(|| {
        cx.push(
            "weights.missing",
            format!("{path}.weight"),
            Text::new(
                format!("指标“{}”没有分值", row.name),
                format!("indicator \"{}\" has no weight", row.name),
            ),
            &block.basis,
        );
        Decimal::ZERO
    });
    let mut input = RowInput {
        id: row.id.clone(),
        path: path.clone(),
        group: group.to_string(),
        name: row.name.clone(),
        weight,
        method: "manual",
        method_label: method_label("manual"),
        computed: None,
        judgement: true,
        entered: row.score,
        score_reason: &row.score_reason,
        declared: row.declared_score,
        deviation_reason: &row.deviation_reason,
        reason_path: format!("{path}.deviation_reason"),
        not_applicable: row.not_applicable,
        below_target: false,
        early_rounded: Vec::new(),
        basis: block.basis.clone(),
    };
    let forced = row.method.trim();
    match (forced, pair, tq, aq) {
        ("manual", ..) => {}
        ("" | "auto", Some((t, a)), Some(tq), Some(aq)) => {
            let op = op.unwrap_or_else(|| {
                cx.push(
                    "indicator.no_operator",
                    format!("{path}.target"),
                    Text::new(
                        format!("目标“{}”没有写 ≥ ≤ =，按 ≥（越多越好）计", row.target),
                        format!(
                            "target \"{}\" has no ≥ ≤ =: read as ≥ (more is better)",
                            row.target
                        ),
                    ),
                    BASIS_DIRECTION,
                );
                Op::Ge
            });
            result.op = Some(op);
            quantitative(cx, &mut input, op, (t, a), (tq, aq), row, block);
        }
        _ => {
            if forced.is_empty() || forced == "auto" {
                if let (Some(_), false, None) = (tq, row.actual.trim().is_empty(), actual_band) {
                    cx.push(
                        "value.unparseable",
                        format!("{path}.actual"),
                        Text::new(format!("“{}”的实际值“{}”无法与目标“{}”比较，按定性评分", row.name, row.actual, row.target), format!("\"{}\": actual \"{}\" cannot be compared with target \"{}\": scored as qualitative", row.name, row.actual, row.target)),
                        "[note]",
                    );
                }
            }
            input.method = "qualitative";
            qualitative(cx, &mut input, row, actual_band, &mut result);
        }
    }
    input.method_label = method_label(input.method);
    result.method = Some(input.method.to_string());
    let scored = finish(cx, input);
    (result, Some((block.id.clone(), scored)))
}

fn method_of(op: Op) -> &'static str {
    match op {
        Op::Ge => "ratio",
        Op::Le => "inverse",
        Op::Eq => "exact",
    }
}

fn quantitative(
    cx: &mut Ctx,
    input: &mut RowInput,
    op: Op,
    (t, a): (Decimal, Decimal),
    (tq, aq): (&Quantity, &Quantity),
    row: &IndicatorRow,
    block: &Block,
) {
    let w = input.weight;
    let (ts, as_) = (show(tq, aq), show(aq, tq));
    let pp = cx.pp();
    input.method = method_of(op);
    input.judgement = false;
    let (exact, zh, en) = match op {
        Op::Ge => {
            input.below_target = a < t;
            match ratio(a, t) {
                Some(r) => {
                    let capped = r.min(Decimal::ONE);
                    (
                        capped * w,
                        format!(
                            "≥：{as_} ÷ {ts} = {}；min(比率, 100%) × {}",
                            percent(r, pp),
                            plain(w)
                        ),
                        format!(
                            "≥: {as_} ÷ {ts} = {}; min(ratio, 100%) × {}",
                            percent(r, pp),
                            plain(w)
                        ),
                    )
                }
                None => (
                    w,
                    format!("≥：目标为 0，实际 {as_} 已达到，满分 {}", plain(w)),
                    format!("≥: target 0 is met by {as_}: full {}", plain(w)),
                ),
            }
        }
        Op::Le => {
            input.below_target = a > t;
            if a <= t || a.is_zero() {
                (
                    w,
                    format!("≤：实际 {as_} 未超过目标 {ts}，满分 {}", plain(w)),
                    format!("≤: actual {as_} within target {ts}: full {}", plain(w)),
                )
            } else {
                let r = ratio(t, a).unwrap_or(Decimal::ZERO);
                (
                    r * w,
                    format!("≤：{ts} ÷ {as_} = {}；× {}", percent(r, pp), plain(w)),
                    format!("≤: {ts} ÷ {as_} = {}; × {}", percent(r, pp), plain(w)),
                )
            }
        }
        Op::Eq => {
            input.below_target = a < t;
            if a == t {
                (
                    w,
                    format!("=：实际 {as_} 等于目标，满分 {}", plain(w)),
                    format!("=: actual {as_} equals the target: full {}", plain(w)),
                )
            } else if a > t {
                cx.push(
                    "indicator.exact_exceeded",
                    format!("{}.actual", input.path),
                    Text::new(format!("“{}”目标为 = {ts}，实际 {as_} 超出：按满分计，作为偏差提示", row.name), format!("\"{}\" targets = {ts} but reached {as_}: full marks, flagged as a deviation", row.name)),
                    "等于型指标超出目标：满分并提示偏差（Ziping 的约定）",
                );
                (
                    w,
                    format!("=：实际 {as_} 超过目标 {ts}，满分 {}（偏差）", plain(w)),
                    format!(
                        "=: actual {as_} above target {ts}: full {} (deviation)",
                        plain(w)
                    ),
                )
            } else {
                let r = ratio(a, t).unwrap_or(Decimal::ZERO);
                (
                    r * w,
                    format!("=：{as_} ÷ {ts} = {}；× {}", percent(r, pp), plain(w)),
                    format!("=: {as_} ÷ {ts} = {}; × {}", percent(r, pp), plain(w)),
                )
            }
        }
    };
    let mut exact = exact;
    let (mut zh, mut en) = (zh, en);
    if op == Op::Ge {
        if let Some(r) = ratio(a, t) {
            if let Some(at) = cx.profile.thresholds.over_achievement_reason_at {
                if r >= at && row.deviation_reason.trim().is_empty() {
                    cx.push(
                        "reason.missing_over_achievement",
                        format!("{}.deviation_reason", input.path),
                        Text::new(format!("“{}”完成 {}，超过目标 {} 以上，须说明原因（目标是否偏低）", row.name, percent(r, pp), percent(at - Decimal::ONE, 0)), format!("\"{}\" reached {}, more than {} above target: a reason is required (was the target too low?)", row.name, percent(r, pp), percent(at - Decimal::ONE, 0))),
                        "[2020] 大幅超额完成须分析原因",
                    );
                }
            }
            if let Some(d) = &cx.profile.local_rules.over_achievement_deduction {
                if r >= d.at {
                    exact = (exact - d.points).max(Decimal::ZERO);
                    zh = format!(
                        "{zh}；超额 {} 以上扣 {}",
                        percent(d.at - Decimal::ONE, 0),
                        plain(d.points)
                    );
                    en = format!(
                        "{en}; over-achievement of {} or more minus {}",
                        percent(d.at - Decimal::ONE, 0),
                        plain(d.points)
                    );
                    cx.push(
                        "indicator.over_achievement_deduction",
                        input.path.clone(),
                        Text::new(
                            format!(
                                "“{}”超额完成 {}，按地方规则扣 {} 分",
                                row.name,
                                percent(r - Decimal::ONE, pp),
                                plain(d.points)
                            ),
                            format!(
                                "\"{}\" over-achieved by {}: minus {} under the local rule",
                                row.name,
                                percent(r - Decimal::ONE, pp),
                                plain(d.points)
                            ),
                        ),
                        &block.basis,
                    );
                }
            }
        }
    }
    input.computed = Some(cx.score_figure(exact, w, zh, en));
}

fn qualitative(
    cx: &mut Ctx,
    input: &mut RowInput,
    row: &IndicatorRow,
    actual_band: Option<&QualitativeBand>,
    result: &mut IndicatorResult,
) {
    let bands = &cx.profile.qualitative_bands;
    let w = input.weight;
    if row.method.trim() == "manual" {
        return;
    }
    let chosen = if row.band.trim().is_empty() {
        actual_band.or_else(|| {
            let (t, a) = (row.target.trim(), row.actual.trim());
            (!t.is_empty() && t == a)
                .then(|| bands.iter().max_by_key(|b| b.max))
                .flatten()
        })
    } else {
        let b = bands.iter().find(|b| b.id == row.band.trim());
        if b.is_none() {
            cx.push(
                "indicator.unknown_band",
                format!("{}.band", input.path),
                Text::new(
                    format!("分档“{}”不在规则中", row.band),
                    format!("band \"{}\" is not in the profile", row.band),
                ),
                "[2020] 定性指标三档",
            );
        }
        b
    };
    let Some(band) = chosen else { return };
    result.band = Some(band.id.clone());
    let top = band.max == Decimal::ONE;
    let (lo, hi) = (band.min * w, band.max * w);
    if let Some(s) = row.score {
        let inside = s >= lo && (s < hi || (top && s <= hi));
        if !inside {
            let range = if top {
                format!("[{}, {}]", plain(lo), plain(hi))
            } else {
                format!("[{}, {})", plain(lo), plain(hi))
            };
            cx.push(
                "score.outside_band",
                format!("{}.score", input.path),
                Text::new(
                    format!(
                        "“{}”为“{}”档，得分应在 {range} 内，实际打 {}",
                        row.name,
                        band.name.zh,
                        plain(s)
                    ),
                    format!(
                        "\"{}\" is in band \"{}\": its score must lie in {range}, not {}",
                        row.name,
                        band.name.en,
                        plain(s)
                    ),
                ),
                "[2020] 定性指标：达成 [80%,100%]、部分达成 [60%,80%)、未达成 [0,60%)",
            );
        }
    }
    if top {
        input.computed = Some(cx.score_figure(
            w,
            w,
            format!("定性：{} → 100% × {}", band.name.zh, plain(w)),
            format!("qualitative: {} → 100% × {}", band.name.en, plain(w)),
        ));
    } else {
        if row.score.is_none() {
            cx.push(
                "score.band_needs_score",
                format!("{}.score", input.path),
                Text::new(format!("“{}”为“{}”档，请在 {}–{} 分之间打分；暂按下限计", row.name, band.name.zh, plain(lo), plain(hi)), format!("\"{}\" is in band \"{}\": choose a score from {} to below {}; its lower end counts for now", row.name, band.name.en, plain(lo), plain(hi))),
                "[2020] 定性指标分档评分",
            );
        }
        input.computed = Some(cx.score_figure(
            lo,
            w,
            format!(
                "定性：{} → {} × {}（下限）",
                band.name.zh,
                percent(band.min, 0),
                plain(w)
            ),
            format!(
                "qualitative: {} → {} × {} (lower end)",
                band.name.en,
                percent(band.min, 0),
                plain(w)
            ),
        ));
    }
}

/// The weights of a block's indicator rows must add up to the block's weight.
pub(super) fn check_block_weights(
    cx: &mut Ctx,
    block: &Block,
    weight: Decimal,
    rows: &[RowResult],
) {
    let sum: Decimal = rows.iter().map(|r| r.weight).sum();
    if sum != weight {
        let at = cx
            .form
            .indicators
            .iter()
            .position(|r| r.level == 1 && r.block == block.id)
            .map(|i| format!("indicators[{i}].weight"))
            .unwrap_or_else(|| "indicators".into());
        cx.push(
            "weights.block_sum",
            at,
            Text::new(
                format!(
                    "“{}”各指标分值之和为 {}，应为 {}",
                    block.name.zh,
                    plain(sum),
                    plain(weight)
                ),
                format!(
                    "the indicator weights of \"{}\" add up to {}, not {}",
                    block.name.en,
                    plain(sum),
                    plain(weight)
                ),
            ),
            &block.basis,
        );
    }
}
