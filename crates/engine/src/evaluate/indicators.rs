//! The indicator outline: reading targets and actuals, 完成进度, and scoring level-3 rows where the
//! profile scores them (≥ ratio, ≤ inverse, = exact, qualitative bands, manual).

use super::rows::{finish, RowInput};
use super::Ctx;
use crate::decimal::{percent, plain, ratio, round, Decimal};
use crate::ex;
use crate::explain::{Explain, Piece};
use crate::findings::FindingCode;
use crate::model::IndicatorRow;
use crate::path::{FieldPath, IndicatorField};
use crate::profile::{Block, QualitativeBand};
use crate::result::{Figure, Format, IndicatorResult, MethodId, OpFrom, RowResult};
use crate::text::Text;
use crate::value::{parse, Op, Quantity, Value, When};

const BASIS_DIRECTION: &str = "[note] 方向取自目标值中的 ≥ ≤ =，而非指标类别";
const BASIS_INFERRED: &str =
    "[note] 目标未写 ≥ ≤ = 时，控制率、结余率等反向指标按名称推断为 ≤（越少越好）";

/// Reads every row of the outline; returns one result per row, and the scored level-3 rows with the
/// block each scores into.
pub(super) fn evaluate(cx: &mut Ctx) -> (Vec<IndicatorResult>, Vec<(String, RowResult)>) {
    let form = cx.form;
    let mut results = Vec::with_capacity(form.indicators.len());
    let mut scored = Vec::new();
    // A flat list (rows before any level-1 heading) scores into the profile's one indicator block,
    // where it has exactly one: no level-1 heading need be invented for it.
    let mut indicator_blocks = cx.profile.blocks.iter().filter(|b| b.from_indicators);
    let mut block: Option<&str> = match (indicator_blocks.next(), indicator_blocks.next()) {
        (Some(only), None) => Some(&only.id),
        _ => None,
    };
    let mut group: &str = "";
    for (i, row) in form.indicators.iter().enumerate() {
        match row.level {
            1 => {
                block = Some(&row.block);
                group = "";
                results.push(heading(row));
            }
            2 => {
                group = &row.name;
                results.push(heading(row));
            }
            _ => {
                let (result, score) = read_row(cx, i, row, block, group);
                if let Some(s) = score {
                    scored.push(s);
                }
                results.push(result);
            }
        }
    }
    if cx.profile.indicators.scored {
        check_group_weights(cx);
    }
    (results, scored)
}

/// The weight a level-2 heading states: its own `weight`, or the points in its name as published
/// forms write them (`数量指标（10分）`).
fn group_weight(row: &IndicatorRow) -> Option<(Decimal, bool)> {
    if let Some(w) = row.weight {
        return Some((w, false));
    }
    let name = row.name.trim();
    let inner = name
        .strip_suffix('）')
        .and_then(|n| n.rsplit_once('（'))
        .or_else(|| name.strip_suffix(')').and_then(|n| n.rsplit_once('(')))?
        .1;
    let points = inner.trim().strip_suffix('分')?.trim();
    crate::decimal::parse(points).map(|w| (w, true))
}

/// 二级指标 sub-weights: the weights of a level-2 heading's rows must add up to what it states.
fn check_group_weights(cx: &mut Ctx) {
    let rows = &cx.form.indicators;
    for (i, head) in rows.iter().enumerate().filter(|(_, r)| r.level == 2) {
        let Some((stated, in_name)) = group_weight(head) else {
            continue;
        };
        let children: Vec<usize> = (i + 1..rows.len())
            .take_while(|&j| rows[j].level >= 3)
            .collect();
        if children.is_empty()
            || children.iter().any(|&j| {
                cx.unread_at(&FieldPath::Indicator(j, IndicatorField::Weight))
                    .is_some()
            })
        {
            continue;
        }
        let sum = children.iter().fold(Decimal::ZERO, |acc, &j| {
            crate::decimal::saturating_add(acc, rows[j].weight.unwrap_or(Decimal::ZERO))
        });
        if sum != stated {
            let (zh, en) = if in_name {
                ("（写在名称中）", " (written in its name)")
            } else {
                ("", "")
            };
            cx.push(
                FindingCode::WeightsGroupSum,
                FieldPath::IndicatorRow(i),
                Text::new(
                    format!(
                        "二级指标“{}”的分值为 {}{zh}，其下各指标分值之和为 {}",
                        crate::text::quote(&head.name),
                        plain(stated),
                        plain(sum)
                    ),
                    format!(
                        "level-2 heading \"{}\" is worth {}{en}, but its rows' weights add up to {}",
                        crate::text::quote(&head.name),
                        plain(stated),
                        plain(sum)
                    ),
                ),
                "[form] 二级指标分值 = 其下各三级指标分值之和",
            );
        }
    }
}

fn heading(row: &IndicatorRow) -> IndicatorResult {
    IndicatorResult {
        level: row.level,
        target: Value::Empty,
        actual: Value::Empty,
        op: None,
        op_from: None,
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

/// A quantity as written, with the unit of `like` when it has none of its own: two pieces.
fn qty(q: &Quantity, like: &Quantity) -> [Piece; 2] {
    let unit = if q.unit.is_empty() { like.unit } else { q.unit };
    [Piece::Plain(q.number), Piece::U(unit)]
}

/// The band whose phrase the text contains (the longest phrase wins: 未完成 over 完成).
fn band_from_text<'p>(bands: &'p [QualitativeBand], text: &str) -> Option<&'p QualitativeBand> {
    if text.is_empty() {
        return None;
    }
    // The common case is the phrase itself (达成预期指标): no longer phrase can be inside it.
    if let Some(b) = bands.iter().find(|b| b.phrases.iter().any(|p| p == text)) {
        return Some(b);
    }
    bands
        .iter()
        .flat_map(|b| b.phrases.iter().map(move |p| (b, p)))
        .filter(|(_, p)| !p.is_empty() && text.contains(p.as_str()))
        .max_by_key(|(_, p)| p.len())
        .map(|(b, _)| b)
}

fn read_row(
    cx: &mut Ctx,
    i: usize,
    row: &IndicatorRow,
    block: Option<&str>,
    group: &str,
) -> (IndicatorResult, Option<(String, RowResult)>) {
    let v = read_values(cx, i, row, group);
    let mut result = IndicatorResult {
        level: 3,
        target: v.target.clone(),
        actual: v.actual.clone(),
        op: v.op,
        op_from: v.op_from.clone(),
        method: None,
        band: None,
        completion: v.completion.clone(),
    };
    let profile = cx.profile;
    if !profile.indicators.scored {
        result.method = v.pair.map(|_| method_of(v.op.unwrap_or(Op::Ge)));
        return (result, None);
    }
    let Some(block) = block
        .and_then(|b| profile.block(b))
        .filter(|b| b.from_indicators)
    else {
        cx.push(
            FindingCode::IndicatorNoBlock,
            FieldPath::IndicatorRow(i),
            Text::new(
                format!("指标“{}”不在已对应计分部分的一级指标之下，未计分", crate::text::quote(&row.name)),
                format!("indicator \"{}\" is not under a level-1 heading bound to a scored block: not scored", crate::text::quote(&row.name)),
            ),
            &profile.basis,
        );
        return (result, None);
    };
    let scored = score_row(cx, i, row, block, group, &v, &mut result);
    (result, Some((block.id.clone(), scored)))
}

/// How one row's target and actual were read.
struct Values {
    target: Value,
    actual: Value,
    /// The comparison used: the row's operator, else the target's, else one a word of the name
    /// implies.
    op: Option<Op>,
    op_from: Option<OpFrom>,
    /// Target and actual in one unit, where they can be compared.
    pair: Option<(Decimal, Decimal)>,
    /// actual ÷ target: the completion and, for ≥ rows, the score ratio.
    achieved: Option<Decimal>,
    /// The qualitative band the actual's words name (达成预期指标 …), where it is not a number.
    actual_band: Option<QualitativeBand>,
    completion: Option<Figure>,
}

/// A target made easier during the year: 年初指标值 against the adjusted 指标值 the row is scored
/// against (lower for ≥, higher for ≤).
fn target_lowered(
    cx: &mut Ctx,
    i: usize,
    row: &IndicatorRow,
    tq: Option<&Quantity>,
    op: Option<Op>,
) {
    let initial = with_unit(parse(&row.initial_target), row);
    let (Some(iq), Some(tq)) = (initial.quantity(), tq) else {
        return;
    };
    let Some((start, now)) = comparable(iq, tq) else {
        return;
    };
    let easier = match op.unwrap_or(Op::Ge) {
        Op::Ge => now < start,
        Op::Le => now > start,
        Op::Eq => false,
    };
    if easier {
        cx.push(
            FindingCode::IndicatorTargetLowered,
            FieldPath::Indicator(i, IndicatorField::Target),
            Text::new(
                format!(
                    "“{}”的指标值由年初的“{}”调整为“{}”，目标降低：请核实调整依据",
                    crate::text::quote(&row.name),
                    crate::text::quote(&row.initial_target),
                    crate::text::quote(&row.target)
                ),
                format!(
                    "\"{}\": the target was changed from \"{}\" at the start of the year to \"{}\", an easier one: check the basis of the change",
                    crate::text::quote(&row.name),
                    crate::text::quote(&row.initial_target),
                    crate::text::quote(&row.target)
                ),
            ),
            "[note] 绩效目标年中调整须有依据，不得为完成而调低",
        );
    }
}

/// A bare number (`95`) read with the row's 度量单位 (`%`), where the row has one: `95%`.
fn with_unit(v: Value, row: &IndicatorRow) -> Value {
    let unit = row.unit.trim();
    match &v {
        Value::Quantity(q) if q.unit.as_str().is_empty() && !unit.is_empty() => {
            match parse(&format!("{}{unit}", crate::decimal::plain(q.number))) {
                Value::Quantity(mut with) => {
                    with.op = q.op;
                    with.approximate = q.approximate;
                    Value::Quantity(with)
                }
                _ => v,
            }
        }
        _ => v,
    }
}

/// Reads a row's target and actual, and checks how they are written: approximate numbers, the
/// operator column, units that do not compare, the stated completion, a cost written as ≥.
fn read_values(cx: &mut Ctx, i: usize, row: &IndicatorRow, group: &str) -> Values {
    let profile = cx.profile;
    let target = with_unit(parse(&row.target), row);
    let actual = with_unit(parse(&row.actual), row);
    note_approximate(cx, i, row, &target, &actual);
    let column_op = column_op(cx, i, row);
    let (tq, aq) = (target.quantity(), actual.quantity());
    let pair = match (tq, aq) {
        (Some(t), Some(a)) => {
            let p = comparable(t, a);
            if p.is_none() {
                cx.push(
                    FindingCode::ValueUnitMismatch,
                    FieldPath::Indicator(i, IndicatorField::Actual),
                    Text::new(
                        format!(
                            "“{}”的目标“{}”与实际“{}”单位不同，无法比较",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual)
                        ),
                        format!(
                            "\"{}\": target \"{}\" and actual \"{}\" are in different units",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual)
                        ),
                    ),
                    "[note] 目标值与实际完成值须为同一单位才能比较",
                );
            }
            p
        }
        _ => None,
    };
    let (op, op_from) = match (column_op, tq.and_then(|t| t.op)) {
        (Some(op), _) => (Some(op), Some(OpFrom::Operator)),
        (None, Some(op)) => (Some(op), Some(OpFrom::Target)),
        // A number without ≥ ≤ =: a reverse word of the name (控制率, 结余率 …) makes it ≤.
        (None, None) => match profile.indicators.direction_words.reverse_in(&row.name) {
            Some(word) if tq.is_some() => (Some(Op::Le), Some(OpFrom::Name(word.to_string()))),
            _ => (None, None),
        },
    };
    // Phrases (达成预期指标, 未支付 …) only matter when the actual is not a number.
    let actual_band = if aq.is_some() {
        None
    } else {
        band_from_text(&profile.qualitative_bands, row.actual.trim()).cloned()
    };
    if profile.indicators.initial_target_column {
        target_lowered(cx, i, row, tq, op);
    }
    // A ratio of negative numbers says nothing (−3 % ÷ −5 % is not 60 % done): no completion.
    let achieved = pair
        .filter(|(t, a)| *t >= Decimal::ZERO && *a >= Decimal::ZERO)
        .and_then(|(t, a)| ratio(a, t));
    let completion = completion(cx, row, (tq, aq), achieved, actual_band.as_ref());
    if let Some(c) = &completion {
        check_stated_completion(cx, i, row, c);
    }
    if tq.and_then(|t| t.op) == Some(Op::Ge) && column_op.is_none() && group.contains("成本") {
        cx.push(
            FindingCode::IndicatorCostDirection,
            FieldPath::Indicator(i, IndicatorField::Target),
            Text::new(
                format!("成本指标“{}”写作“{}”（越多越好），请核实方向，成本通常应为 ≤", crate::text::quote(&row.name), crate::text::quote(&row.target)),
                format!("cost row \"{}\" is written \"{}\" (more is better): check the direction, a cost is usually ≤", crate::text::quote(&row.name), crate::text::quote(&row.target)),
            ),
            BASIS_DIRECTION,
        );
    }
    Values {
        target,
        actual,
        op,
        op_from,
        pair,
        achieved,
        actual_band,
        completion,
    }
}

/// An approximate target or actual (200余人, 约30万元) is computed as its number, and said so.
fn note_approximate(cx: &mut Ctx, i: usize, row: &IndicatorRow, target: &Value, actual: &Value) {
    for (v, field, text) in [
        (target, IndicatorField::Target, &row.target),
        (actual, IndicatorField::Actual, &row.actual),
    ] {
        if let Some(q) = v.quantity().filter(|q| q.approximate) {
            cx.push(
                FindingCode::ValueApproximate,
                FieldPath::Indicator(i, field),
                Text::new(
                    format!(
                        "“{}”的“{text}”是约数，按 {} 计算",
                        crate::text::quote(&row.name),
                        plain(q.number),
                        text = crate::text::quote(text)
                    ),
                    format!(
                        "\"{text}\" in \"{}\" is approximate; computed as {}",
                        crate::text::quote(&row.name),
                        plain(q.number),
                        text = crate::text::quote(text)
                    ),
                ),
                "[note] “余”“多”“左右”为约数，须核实",
            );
        }
    }
}

/// The row's 指标性质 (≥ ≤ =), where it is filled in: the layout's column, or the direction a clerk
/// set on a row of a layout without one.
fn column_op(cx: &mut Ctx, i: usize, row: &IndicatorRow) -> Option<Op> {
    if row.operator.trim().is_empty() {
        return None;
    }
    let op = Op::from_column(&row.operator);
    if op.is_none() {
        cx.push(
            FindingCode::ValueUnparseable,
            FieldPath::Indicator(i, IndicatorField::Operator),
            Text::new(
                format!(
                    "指标性质“{}”无法识别，应为 ≥、≤ 或 =",
                    crate::text::quote(&row.operator)
                ),
                format!(
                    "operator \"{}\" is not one of ≥ ≤ =",
                    crate::text::quote(&row.operator)
                ),
            ),
            BASIS_DIRECTION,
        );
    }
    op
}

/// 完成进度: actual ÷ target, or 0% for an actual that says it was not done.
fn completion(
    cx: &Ctx,
    row: &IndicatorRow,
    (tq, aq): (Option<&Quantity>, Option<&Quantity>),
    achieved: Option<Decimal>,
    actual_band: Option<&QualitativeBand>,
) -> Option<Figure> {
    let cp = cx.profile.rounding.completion_places;
    match (achieved, tq, aq) {
        (Some(c), Some(tq), Some(aq)) => {
            let [a0, a1] = qty(aq, tq);
            let [t0, t1] = qty(tq, aq);
            let how = ex![a0, a1, " ÷ ", t0, t1, " = ", Piece::Pct(c, cp.max(2))];
            Some(Figure::new(c, Format::Percent(cp), how))
        }
        (None, Some(_), None) if actual_band.is_some_and(|b| b.min.is_zero()) => {
            let how = ex![
                Piece::W("实际为“", "actual \""),
                row.actual.trim().to_string(),
                Piece::W("”：未完成，0%", "\": not done, 0%")
            ];
            Some(Figure::new(Decimal::ZERO, Format::Percent(cp), how))
        }
        _ => None,
    }
}

/// The completion the form states, against the computed one (at the places it is stated with).
fn check_stated_completion(cx: &mut Ctx, i: usize, row: &IndicatorRow, c: &Figure) {
    let Some(q) = parse(&row.declared_completion).quantity().cloned() else {
        return;
    };
    let computed = c.value.checked_mul(Decimal::ONE_HUNDRED);
    if computed.map(|v| round(v, q.number.scale())) == Some(q.number) {
        return;
    }
    cx.push(
        FindingCode::CompletionDeclaredMismatch,
        FieldPath::Indicator(i, IndicatorField::DeclaredCompletion),
        Text::new(
            format!(
                "“{}”完成进度填为 {}，计算为 {}",
                crate::text::quote(&row.name),
                row.declared_completion,
                c.shown()
            ),
            format!(
                "\"{}\": completion stated {}, computed {}",
                crate::text::quote(&row.name),
                row.declared_completion,
                c.shown()
            ),
        ),
        "[form] 完成进度 = 实际完成值 ÷ 目标值",
    );
}

/// Scores a level-3 row of `block`: from its values (≥ ≤ =), or as a qualitative or manual row.
fn score_row(
    cx: &mut Ctx,
    i: usize,
    row: &IndicatorRow,
    block: &Block,
    group: &str,
    v: &Values,
    result: &mut IndicatorResult,
) -> RowResult {
    let scored = score_row_values(cx, i, row, block, group, v, result);
    // Full marks with nothing to show for them: no target, or no actual.
    let blank = [
        (&row.target, "目标值", "target"),
        (&row.actual, "实际完成值", "actual"),
    ]
    .into_iter()
    .filter(|(t, _, _)| t.trim().is_empty())
    .collect::<Vec<_>>();
    let full = scored.source != crate::result::ScoreSource::Excluded
        && !scored.score.is_pending()
        && scored.weight > Decimal::ZERO
        && scored.score.value >= scored.weight;
    if full && !blank.is_empty() {
        let (zh, en): (Vec<&str>, Vec<&str>) = blank.iter().map(|(_, z, e)| (*z, *e)).unzip();
        cx.push(
            FindingCode::ScoreFullWithoutEvidence,
            FieldPath::Indicator(i, IndicatorField::Score),
            Text::new(
                format!(
                    "“{}”得满分 {}，却没有{}：满分须有完成情况为依据",
                    crate::text::quote(&row.name),
                    scored.score.shown(),
                    zh.join("和")
                ),
                format!(
                    "\"{}\" has full marks {} with no {}: full marks need what was achieved to show for them",
                    crate::text::quote(&row.name),
                    scored.score.shown(),
                    en.join(" or ")
                ),
            ),
            "[2020] 得分须以实际完成情况为依据",
        );
    }
    // A 核心指标 that falls short is named (where the layout has that column).
    let short = scored.source != crate::result::ScoreSource::Excluded
        && !scored.score.is_pending()
        && scored.score.value < scored.weight;
    if cx.profile.indicators.core_column && row.core && short {
        cx.push(
            FindingCode::IndicatorCoreMissed,
            FieldPath::Indicator(i, IndicatorField::Score),
            Text::new(
                format!(
                    "核心指标“{}”得 {}，未得满分 {}：请说明原因，并核实是否影响评价等次",
                    crate::text::quote(&row.name),
                    scored.score.shown(),
                    plain(scored.weight)
                ),
                format!(
                    "core indicator \"{}\" scores {} of {}: give the reason, and check whether it bears on the grade",
                    crate::text::quote(&row.name),
                    scored.score.shown(),
                    plain(scored.weight)
                ),
            ),
            "[local] 核心指标未完成须重点说明",
        );
    }
    scored
}

/// What a 指标类型 cell says: 定性 (`Some(false)`), 定量 (`Some(true)`), or nothing it knows.
fn quantitative_nature(nature: &str) -> Option<bool> {
    match nature.trim() {
        "定量" | "定量指标" | "quantitative" => Some(true),
        "定性" | "定性指标" | "qualitative" => Some(false),
        _ => None,
    }
}

fn score_row_values(
    cx: &mut Ctx,
    i: usize,
    row: &IndicatorRow,
    block: &Block,
    group: &str,
    v: &Values,
    result: &mut IndicatorResult,
) -> RowResult {
    if !row.not_applicable {
        for (f, text) in [
            (IndicatorField::Target, &row.target),
            (IndicatorField::Actual, &row.actual),
        ] {
            if text.trim().is_empty() {
                super::entries::report_missing(cx, FieldPath::Indicator(i, f));
            }
        }
    }
    let weight_unread = cx
        .unread_at(&FieldPath::Indicator(i, IndicatorField::Weight))
        .is_some();
    let weight = row.weight.unwrap_or_else(|| {
        if weight_unread {
            return Decimal::ZERO;
        }
        cx.push(
            FindingCode::WeightsMissing,
            FieldPath::Indicator(i, IndicatorField::Weight),
            Text::new(
                format!("指标“{}”没有分值", crate::text::quote(&row.name)),
                format!(
                    "indicator \"{}\" has no weight",
                    crate::text::quote(&row.name)
                ),
            ),
            &block.basis,
        );
        Decimal::ZERO
    });
    let mut input = RowInput {
        id: &row.id,
        path: FieldPath::IndicatorRow(i),
        group,
        name: &row.name,
        group_en: group,
        name_en: &row.name,
        weight,
        method: MethodId::Manual,
        computed: None,
        judgement: true,
        entered: row.score,
        score_reason: &row.score_reason,
        declared: row.declared_score,
        deviation_reason: &row.deviation_reason,
        reason_in_funds: false,
        declared_in_funds: false,
        not_applicable: row.not_applicable,
        below_target: false,
        early_rounded: Vec::new(),
        basis: &block.basis,
    };
    let nature = if cx.profile.indicators.nature_column {
        quantitative_nature(&row.nature)
    } else {
        None
    };
    // 定性 in the 指标类型 column scores the row as a judgement unless a method is chosen.
    let forced = match (row.method.trim(), nature) {
        ("" | "auto", Some(false)) => "qualitative",
        (m, _) => m,
    };
    // 得分系数 × 分值, where the layout has that column and the row has a coefficient.
    if cx.profile.indicators.coefficient_column
        && !row.coefficient.trim().is_empty()
        && forced != "manual"
    {
        match parse(&row.coefficient) {
            Value::Quantity(q) if (q.base_unit.is_empty() || q.base_unit == "%") && !q.approximate => {
                // A bare number up to 1 is a ratio (0.85, 1); a bare number above it, or one with %,
                // a percentage (85, 85%).
                let percent = if q.unit.is_empty() && q.number <= Decimal::ONE {
                    q.number * Decimal::ONE_HUNDRED
                } else {
                    q.number
                };
                let c = percent.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                let w = input.weight;
                input.method = MethodId::Coefficient;
                input.judgement = false;
                input.below_target = c < Decimal::ONE_HUNDRED;
                let how = ex![
                    Piece::W("得分系数 ", "coefficient "),
                    Piece::Plain(c),
                    "% × ",
                    Piece::Plain(w)
                ];
                input.computed = Some(cx.score_figure(c / Decimal::ONE_HUNDRED * w, how));
                result.method = Some(MethodId::Coefficient);
                return finish(cx, input);
            }
            _ => cx.push(
                FindingCode::ValueUnparseable,
                FieldPath::Indicator(i, IndicatorField::Coefficient),
                Text::new(
                    format!(
                        "“{}”的得分系数“{}”不是百分数，此行按目标值与实际值计分",
                        crate::text::quote(&row.name),
                        crate::text::quote(&row.coefficient)
                    ),
                    format!(
                        "\"{}\": coefficient \"{}\" is not a percentage; the row is scored from its target and actual",
                        crate::text::quote(&row.name),
                        crate::text::quote(&row.coefficient)
                    ),
                ),
                "[local] 得分 = 得分系数(%) × 分值",
            ),
        }
    }
    let (tq, aq) = (v.target.quantity(), v.actual.quantity());
    if let ("" | "auto", Value::Date(t), Value::Date(a)) = (forced, &v.target, &v.actual) {
        if deadline(cx, &mut input, (t, a), row) {
            result.op = Some(t.op.unwrap_or(Op::Le));
            result.method = Some(input.method);
            return finish(cx, input);
        }
    }
    match (forced, v.pair, tq, aq) {
        ("manual", ..) => {}
        ("" | "auto", Some((t, a)), Some(tq), Some(aq)) => {
            if let Some(OpFrom::Name(word)) = &v.op_from {
                cx.push(
                    FindingCode::IndicatorNoOperator,
                    FieldPath::Indicator(i, IndicatorField::Target),
                    Text::new(
                        format!(
                            "目标“{}”没有写 ≥ ≤ =；指标名称含“{}”，按 ≤（越少越好）计。方向不对时请在“识别为”中改",
                            crate::text::quote(&row.target),
                            crate::text::quote(word)
                        ),
                        format!(
                            "target \"{}\" has no ≥ ≤ =; the name holds \"{}\", so it is read as ≤ (less is better). If that is wrong, change it under \"read as\"",
                            crate::text::quote(&row.target),
                            crate::text::quote(word)
                        ),
                    ),
                    BASIS_INFERRED,
                );
            }
            let op = v.op.unwrap_or_else(|| {
                result.op_from = Some(OpFrom::Assumed);
                cx.push(
                    FindingCode::IndicatorNoOperator,
                    FieldPath::Indicator(i, IndicatorField::Target),
                    Text::new(
                        format!(
                            "目标“{}”没有写 ≥ ≤ =，按 ≥（越多越好）计",
                            crate::text::quote(&row.target)
                        ),
                        format!(
                            "target \"{}\" has no ≥ ≤ =: read as ≥ (more is better)",
                            crate::text::quote(&row.target)
                        ),
                    ),
                    BASIS_DIRECTION,
                );
                Op::Ge
            });
            result.op = Some(op);
            quantitative(cx, &mut input, op, (t, a, v.achieved), (tq, aq), row, block);
        }
        _ => {
            if nature == Some(true) && (forced.is_empty() || forced == "auto") {
                cx.push(
                    FindingCode::IndicatorNatureMismatch,
                    FieldPath::Indicator(i, IndicatorField::Actual),
                    Text::new(
                        format!(
                            "“{}”是定量指标，但目标值“{}”与实际值“{}”不能作数值比较",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual)
                        ),
                        format!(
                            "\"{}\" is quantitative, but its target \"{}\" and actual \"{}\" do not compare as numbers",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual)
                        ),
                    ),
                    "[2020] 定量指标按实际完成值与目标值的比例计分",
                );
            }
            if (forced.is_empty() || forced == "auto")
                && tq.is_some()
                && !row.actual.trim().is_empty()
                && v.actual_band.is_none()
            {
                cx.push(
                    FindingCode::ValueUnparseable,
                    FieldPath::Indicator(i, IndicatorField::Actual),
                    Text::new(
                        format!("“{}”的实际值“{}”无法与目标“{}”比较，按定性评分", crate::text::quote(&row.name), crate::text::quote(&row.actual), crate::text::quote(&row.target)),
                        format!("\"{}\": actual \"{}\" cannot be compared with target \"{}\": scored as qualitative", crate::text::quote(&row.name), crate::text::quote(&row.actual), crate::text::quote(&row.target)),
                    ),
                    "[note] 实际完成值须能与目标值比较，否则按定性评分",
                );
            }
            // Words (已完成, 完成 …) against a number: read as the band they name, with a warning.
            if let (true, Some(_), Some(band)) = (
                forced.is_empty() || forced == "auto",
                tq,
                v.actual_band.as_ref(),
            ) {
                cx.push(
                    FindingCode::ValueUnparseable,
                    FieldPath::Indicator(i, IndicatorField::Actual),
                    Text::new(
                        format!(
                            "“{}”的目标是数字“{}”，实际却写“{}”：按“{}”档计；请填写可与目标比较的实际数",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual),
                            band.name.zh
                        ),
                        format!(
                            "\"{}\": the target is the number \"{}\" but the actual says \"{}\": scored in the \"{}\" band; give an actual that compares with the target",
                            crate::text::quote(&row.name),
                            crate::text::quote(&row.target),
                            crate::text::quote(&row.actual),
                            band.name.en
                        ),
                    ),
                    "[note] 实际完成值须能与目标值比较，否则按定性评分",
                );
            }
            input.method = MethodId::Qualitative;
            result.band = qualitative(cx, &mut input, row, v.actual_band.as_ref());
        }
    }
    result.method = Some(input.method);
    finish(cx, input)
}

/// A date against a deadline (GUIDE §4.13: earlier is better, compared like ≤): full when met,
/// 0 when missed (a design choice: a date has no ratio), said in the explanation. A year left out
/// is the form's year. `false` when the two cannot be compared (no year anywhere).
fn deadline(
    cx: &mut Ctx,
    input: &mut RowInput,
    (t, a): (&When, &When),
    row: &IndicatorRow,
) -> bool {
    let form_year = leading_year(&cx.form.header.year);
    let Some(order) = a.compare(t, form_year) else {
        return false;
    };
    let op = t.op.unwrap_or(Op::Le);
    let met = match op {
        Op::Le => order != std::cmp::Ordering::Greater,
        Op::Ge => order != std::cmp::Ordering::Less,
        Op::Eq => order == std::cmp::Ordering::Equal,
    };
    input.method = MethodId::Deadline;
    input.judgement = false;
    input.below_target = !met;
    let (target, actual) = (row.target.trim().to_string(), row.actual.trim().to_string());
    let w = input.weight;
    let (exact, how) = if met {
        (
            w,
            ex![
                Piece::W("时效：实际 ", "deadline: actual "),
                actual,
                Piece::W(" 符合 ", " meets "),
                target,
                Piece::W("，满分 ", ": full "),
                Piece::Plain(w)
            ],
        )
    } else {
        (
            Decimal::ZERO,
            ex![
                Piece::W("时效：实际 ", "deadline: actual "),
                actual,
                Piece::W(" 未达到 ", " misses "),
                target,
                Piece::W(
                    "，记 0 分（逾期不按比例计分）",
                    ": 0 (a missed date is not scored in proportion)"
                )
            ],
        )
    };
    input.computed = Some(cx.score_figure(exact, how));
    true
}

/// The year a form's 年度 names (`2022`, `2022年度`).
fn leading_year(text: &str) -> Option<u32> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// A field of the indicator row `input` scores.
fn field_of(input: &RowInput, field: IndicatorField) -> FieldPath {
    match input.path {
        FieldPath::IndicatorRow(i) => FieldPath::Indicator(i, field),
        ref other => other.clone(),
    }
}

fn method_of(op: Op) -> MethodId {
    match op {
        Op::Ge => MethodId::Ratio,
        Op::Le => MethodId::Inverse,
        Op::Eq => MethodId::Exact,
    }
}

/// The two quantities of a quantitative row as read (target, actual, the completion ratio when it
/// exists) with their explanation pieces (number and unit, each in the other's unit).
struct Compared {
    t: Decimal,
    a: Decimal,
    achieved: Option<Decimal>,
    target: [Piece; 2],
    actual: [Piece; 2],
    pp: u32,
    w: Decimal,
}

impl Compared {
    /// `… 满分 w` / `… full w`: the whole weight.
    fn full(&self, mut how: Explain) -> (Decimal, Explain) {
        how.0
            .extend([Piece::W("，满分 ", ": full "), Piece::Plain(self.w)]);
        (self.w, how)
    }

    /// `left ÷ right = r%`, then `times` and the weight.
    fn ratio_of(
        &self,
        sign: &'static str,
        [l0, l1]: [Piece; 2],
        [r0, r1]: [Piece; 2],
        r: Decimal,
        times: Piece,
    ) -> Explain {
        ex![
            sign,
            l0,
            l1,
            " ÷ ",
            r0,
            r1,
            " = ",
            Piece::Pct(r, self.pp),
            times,
            Piece::Plain(self.w)
        ]
    }
}

const TIMES: Piece = Piece::W("；× ", "; × ");

/// Scores a row whose actual and target are numbers, by its comparison (≥ a ratio capped at the
/// weight, ≤ the inverse ratio, = full only when met), then the profile's over-achievement rules.
fn quantitative(
    cx: &mut Ctx,
    input: &mut RowInput,
    op: Op,
    (t, a, achieved): (Decimal, Decimal, Option<Decimal>),
    (tq, aq): (&Quantity, &Quantity),
    row: &IndicatorRow,
    block: &Block,
) {
    let c = Compared {
        t,
        a,
        achieved,
        target: qty(tq, aq),
        actual: qty(aq, tq),
        pp: cx.pp(),
        w: input.weight,
    };
    input.method = method_of(op);
    input.judgement = false;
    if t < Decimal::ZERO || a < Decimal::ZERO {
        // No ratio of negative numbers: met is full marks, missed is 0 (a design choice, said).
        let met = match op {
            Op::Ge => a >= t,
            Op::Le => a <= t,
            Op::Eq => a == t,
        };
        input.below_target = !met && (op != Op::Eq || a < t);
        let ([a0, a1], [t0, t1]) = (c.actual.clone(), c.target.clone());
        let (exact, how) = if met {
            c.full(ex![
                Piece::W("实际 ", "actual "),
                a0,
                a1,
                Piece::W(" 达到目标 ", " meets target "),
                Piece::S(op.symbol()),
                t0,
                t1
            ])
        } else {
            (
                Decimal::ZERO,
                ex![
                    Piece::W("实际 ", "actual "),
                    a0,
                    a1,
                    Piece::W(" 未达到目标 ", " does not meet target "),
                    Piece::S(op.symbol()),
                    t0,
                    t1,
                    Piece::W(
                        "；含负数，不按比例计分，得 0",
                        "; with a negative number there is no ratio: 0"
                    )
                ],
            )
        };
        input.computed = Some(cx.score_figure(exact, how));
        return;
    }
    let (mut exact, mut how) =
        match op {
            Op::Ge => {
                input.below_target = a < t;
                at_least(&c)
            }
            Op::Le => {
                input.below_target = a > t;
                at_most(&c)
            }
            Op::Eq => {
                input.below_target = a < t;
                if a > t {
                    cx.push(
                        FindingCode::IndicatorExactExceeded,
                        field_of(input, IndicatorField::Actual),
                        Text::new(
                            format!(
                                "“{}”目标为 = {}，实际 {} 超出：按满分计，作为偏差提示",
                                crate::text::quote(&row.name),
                                row.target,
                                row.actual
                            ),
                            format!(
                            "\"{}\" targets {} but reached {}: full marks, flagged as a deviation",
                            crate::text::quote(&row.name), row.target, row.actual
                        ),
                        ),
                        "[note] 等于型指标超出目标：按满分计并提示偏差（本工具的约定）",
                    );
                }
                exactly(&c)
            }
        };
    // What a form that rounded the ratio to a whole percent (or the score to whole points) before
    // scoring would state, as on the budget row (GUIDE §4.11).
    let w = input.weight;
    if exact < w && exact > Decimal::ZERO && !w.is_zero() {
        let places = cx.places();
        let whole = (exact / w)
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or(Decimal::ONE, |v| round(v, 0) / Decimal::ONE_HUNDRED);
        input.early_rounded = vec![
            round(whole * w, places),
            round(whole * w, 0),
            round(exact, 0),
        ];
    }
    if let (Op::Ge, Some(r)) = (op, achieved) {
        over_achievement(cx, input, r, row, block, (&mut exact, &mut how));
    }
    input.computed = Some(cx.score_figure(exact, how));
}

/// `≥`: actual ÷ target, at most 100 % of the weight; a target of 0 is met by any actual.
fn at_least(c: &Compared) -> (Decimal, Explain) {
    let [a0, a1] = c.actual.clone();
    match c.achieved {
        Some(r) => {
            let capped = Piece::W("；min(比率, 100%) × ", "; min(ratio, 100%) × ");
            (
                r.min(Decimal::ONE) * c.w,
                c.ratio_of("≥：", [a0, a1], c.target.clone(), r, capped),
            )
        }
        None => c.full(ex![
            Piece::W("≥：目标为 0，实际 ", "≥: target 0 is met by "),
            a0,
            a1
        ]),
    }
}

/// `≤`: full within the target (or at 0), else target ÷ actual of the weight.
fn at_most(c: &Compared) -> (Decimal, Explain) {
    let ([a0, a1], [t0, t1]) = (c.actual.clone(), c.target.clone());
    if c.a <= c.t || c.a.is_zero() {
        c.full(ex![
            Piece::W("≤：实际 ", "≤: actual "),
            a0,
            a1,
            Piece::W(" 未超过目标 ", " within target "),
            t0,
            t1
        ])
    } else {
        let r = ratio(c.t, c.a).unwrap_or(Decimal::ZERO);
        (r * c.w, c.ratio_of("≤：", [t0, t1], [a0, a1], r, TIMES))
    }
}

/// `=`: full when met, full with a deviation when above, else actual ÷ target of the weight.
fn exactly(c: &Compared) -> (Decimal, Explain) {
    let ([a0, a1], [t0, t1]) = (c.actual.clone(), c.target.clone());
    if c.a == c.t {
        c.full(ex![
            Piece::W("=：实际 ", "=: actual "),
            a0,
            a1,
            Piece::W(" 等于目标", " equals the target")
        ])
    } else if c.a > c.t {
        let (w, mut how) = c.full(ex![
            Piece::W("=：实际 ", "=: actual "),
            a0,
            a1,
            Piece::W(" 超过目标 ", " above target "),
            t0,
            t1
        ]);
        how.0.push(Piece::W("（偏差）", " (deviation)"));
        (w, how)
    } else {
        let r = c.achieved.unwrap_or(Decimal::ZERO);
        (r * c.w, c.ratio_of("=：", [a0, a1], [t0, t1], r, TIMES))
    }
}

/// The profile's rules for a `≥` row completed at the ratio `r`: a reason required from a threshold
/// on, and a local deduction from its threshold on.
fn over_achievement(
    cx: &mut Ctx,
    input: &RowInput,
    r: Decimal,
    row: &IndicatorRow,
    block: &Block,
    (exact, how): (&mut Decimal, &mut Explain),
) {
    let pp = cx.pp();
    // Asked for only where the layout has a cell for the reason.
    let has_cell = cx.profile.indicators.reason_column;
    if let Some(at) = cx
        .profile
        .thresholds
        .over_achievement_reason_at
        .filter(|_| has_cell)
    {
        if r >= at && crate::text::says_nothing(&row.deviation_reason) {
            let none = crate::text::not_a_reason(&row.deviation_reason);
            cx.push(
                FindingCode::ReasonMissingOverAchievement,
                field_of(input, IndicatorField::DeviationReason),
                Text::new(
                    format!("“{}”完成 {}，超过目标 {} 以上，须说明原因（目标是否偏低）{}", crate::text::quote(&row.name), percent(r, pp), percent(at - Decimal::ONE, 0), none.zh),
                    format!("\"{}\" reached {}, more than {} above target: a reason is required (was the target too low?){}", crate::text::quote(&row.name), percent(r, pp), percent(at - Decimal::ONE, 0), none.en),
                ),
                "[2020] 大幅超额完成须分析原因",
            );
        }
    }
    if let Some(d) = &cx.profile.local_rules.over_achievement_deduction {
        if r >= d.at {
            *exact = (*exact - d.points).max(Decimal::ZERO);
            how.0.extend([
                Piece::W("；超额 ", "; over-achievement of "),
                Piece::Pct(d.at - Decimal::ONE, 0),
                Piece::W(" 以上扣 ", " or more minus "),
                Piece::Plain(d.points),
            ]);
            let over = percent(r - Decimal::ONE, pp);
            cx.push(
                FindingCode::IndicatorOverAchievementDeduction,
                input.path.clone(),
                Text::new(
                    format!(
                        "“{}”超额完成 {}，按地方规则扣 {} 分",
                        crate::text::quote(&row.name),
                        over,
                        plain(d.points)
                    ),
                    format!(
                        "\"{}\" over-achieved by {}: minus {} under the local rule",
                        crate::text::quote(&row.name),
                        over,
                        plain(d.points)
                    ),
                ),
                &block.basis,
            );
        }
    }
}

/// Scores a qualitative row from its band; returns the band's id.
fn qualitative(
    cx: &mut Ctx,
    input: &mut RowInput,
    row: &IndicatorRow,
    actual_band: Option<&QualitativeBand>,
) -> Option<String> {
    let bands = &cx.profile.qualitative_bands;
    let w = input.weight;
    if row.method.trim() == "manual" {
        return None;
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
                FindingCode::IndicatorUnknownBand,
                field_of(input, IndicatorField::Band),
                Text::new(
                    format!("分档“{}”不在规则中", crate::text::quote(&row.band)),
                    format!(
                        "band \"{}\" is not in the profile",
                        crate::text::quote(&row.band)
                    ),
                ),
                "[2020] 定性指标三档",
            );
        }
        b
    };
    let band = chosen?;
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
                FindingCode::ScoreOutsideBand,
                field_of(input, IndicatorField::Score),
                Text::new(
                    format!(
                        "“{}”为“{}”档，得分应在 {range} 内，实际打 {}",
                        crate::text::quote(&row.name),
                        crate::text::quote(&band.name.zh),
                        plain(s)
                    ),
                    format!(
                        "\"{}\" is in band \"{}\": its score must lie in {range}, not {}",
                        crate::text::quote(&row.name),
                        crate::text::quote(&band.name.en),
                        plain(s)
                    ),
                ),
                "[2020] 定性指标：达成 [80%,100%]、部分达成 [60%,80%)、未达成 [0,60%)",
            );
        }
    }
    let name = Piece::T(band.name.clone());
    if top {
        input.computed = Some(cx.score_figure(
            w,
            ex![
                Piece::W("定性：", "qualitative: "),
                name,
                " → 100% × ",
                Piece::Plain(w)
            ],
        ));
    } else {
        if row.score.is_none() {
            cx.push(
                FindingCode::ScoreBandNeedsScore,
                field_of(input, IndicatorField::Score),
                Text::new(
                    format!("“{}”为“{}”档，请在 {}–{} 分之间打分；暂按下限计", crate::text::quote(&row.name), crate::text::quote(&band.name.zh), plain(lo), plain(hi)),
                    format!("\"{}\" is in band \"{}\": choose a score from {} to below {}; its lower end counts for now", crate::text::quote(&row.name), crate::text::quote(&band.name.en), plain(lo), plain(hi)),
                ),
                "[2020] 定性指标分档评分",
            );
        }
        let how = ex![
            Piece::W("定性：", "qualitative: "),
            name,
            " → ",
            Piece::Pct(band.min, 0),
            " × ",
            Piece::Plain(w),
            Piece::W("（下限）", " (lower end)")
        ];
        input.computed = Some(cx.score_figure(lo, how));
    }
    Some(band.id.clone())
}

/// The weights of a block's indicator rows must add up to the block's weight.
pub(super) fn check_block_weights(
    cx: &mut Ctx,
    block: &Block,
    weight: Decimal,
    rows: &[RowResult],
) {
    // A weight that does not read is reported as such; the sum waits for it.
    let weight_unread = |r: &RowResult| match r.path {
        FieldPath::IndicatorRow(i) => cx
            .unread_at(&FieldPath::Indicator(i, IndicatorField::Weight))
            .is_some(),
        _ => false,
    };
    if rows.iter().any(weight_unread) {
        return;
    }
    let sum = rows.iter().fold(Decimal::ZERO, |acc, r| {
        crate::decimal::saturating_add(acc, r.weight)
    });
    if sum != weight {
        let at = cx
            .form
            .indicators
            .iter()
            .position(|r| r.level == 1 && r.block == block.id)
            .map(FieldPath::IndicatorRow)
            .unwrap_or(FieldPath::Indicators);
        cx.push(
            FindingCode::WeightsBlockSum,
            at,
            Text::new(
                format!(
                    "“{}”各指标分值之和为 {}，应为 {}",
                    crate::text::quote(&block.name.zh),
                    plain(sum),
                    plain(weight)
                ),
                format!(
                    "the indicator weights of \"{}\" add up to {}, not {}",
                    crate::text::quote(&block.name.en),
                    plain(sum),
                    plain(weight)
                ),
            ),
            &block.basis,
        );
    }
}
