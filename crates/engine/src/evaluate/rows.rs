//! Scored rows: the fixed rows of a profile's scoring table, and the checks every scored row gets
//! (entered against computed score, score within weight, required reasons, stated score).

use super::Ctx;
use crate::decimal::{fixed, plain, round, Decimal};
use crate::ex;
use crate::explain::{Explain, Piece};
use crate::findings::FindingCode;
use crate::model::ScoreEntry;
use crate::path::{FieldPath, IndicatorField, RowField};
use crate::profile::{Block, DeductWhen, FixedRow, Method};
use crate::result::{Figure, Format, FundsResult, MethodId, RowResult, ScoreSource};
use crate::text::Text;
use crate::value::{parse, Value};

/// Everything [`finish`] needs to settle one scored row.
pub(super) struct RowInput<'a> {
    pub id: &'a str,
    /// Where the row is in the form file: `scores.<id>` or `indicators[<i>]`.
    pub path: FieldPath,
    pub group: &'a str,
    pub name: &'a str,
    /// The same in English (a profile's fixed rows have English names; an indicator row's name is
    /// the form's own, the same in both).
    pub group_en: &'a str,
    pub name_en: &'a str,
    pub weight: Decimal,
    pub method: MethodId,
    /// The engine's score, where the row is computed (or, for qualitative rows, the band's default).
    pub computed: Option<Figure>,
    /// The entered score *is* the score (manual and qualitative rows); otherwise it is an override.
    pub judgement: bool,
    pub entered: Option<Decimal>,
    pub score_reason: &'a str,
    pub declared: Option<Decimal>,
    pub deviation_reason: &'a str,
    /// The reason lives in the funds table (budget-execution rows), not on the row.
    pub reason_in_funds: bool,
    /// The stated score is the funds table's printed 得分 (`funds.declared_score`).
    pub declared_in_funds: bool,
    pub not_applicable: bool,
    /// The actual falls short of the target (for the full-marks check).
    pub below_target: bool,
    /// Scores the row would get with its rate rounded too early (for the rounded-early check).
    pub early_rounded: Vec<Decimal>,
    pub basis: &'a str,
}

pub(super) fn score_fixed(
    cx: &mut Ctx,
    block: &Block,
    row: &FixedRow,
    funds: &FundsResult,
    block_weight: Decimal,
) -> RowResult {
    let empty = ScoreEntry::default();
    let entry = cx.form.scores.get(&row.id).unwrap_or(&empty);
    // Where the form adjusts the block's weight (as the 2020 rule allows), its fixed rows keep their
    // shares of it.
    let w = if block_weight == block.weight || block.weight.is_zero() {
        row.weight
    } else {
        row.weight * block_weight / block.weight
    };
    let mut input = RowInput {
        id: &row.id,
        path: FieldPath::ScoreRow(row.id.clone()),
        group: &row.group.zh,
        name: &row.name.zh,
        group_en: &row.group.en,
        name_en: &row.name.en,
        weight: w,
        method: MethodId::Manual,
        computed: None,
        judgement: false,
        entered: entry.score,
        score_reason: &entry.score_reason,
        declared: entry.declared_score,
        deviation_reason: &entry.deviation_reason,
        reason_in_funds: false,
        declared_in_funds: false,
        not_applicable: entry.not_applicable,
        below_target: false,
        early_rounded: Vec::new(),
        basis: if row.basis.is_empty() {
            &block.basis
        } else {
            &row.basis
        },
    };
    let w = input.weight;
    match &row.method {
        Method::FundsExecution => {
            input.method = MethodId::FundsExecution;
            input.deviation_reason = &cx.form.funds.deviation_reason;
            input.reason_in_funds = true;
            // The funds table's printed 得分 is this row's stated score.
            if input.declared.is_none() && cx.form.funds.declared_score.is_some() {
                input.declared = cx.form.funds.declared_score;
                input.declared_in_funds = true;
            }
            let early = cx.profile.rounding.rate_places_before_scoring;
            input.computed = Some(from_rate(cx, &mut input, &funds.execution_rate, early));
        }
        Method::FundsArrival => {
            input.method = MethodId::FundsArrival;
            input.computed = Some(from_rate(cx, &mut input, &funds.arrival_rate, None));
        }
        Method::Manual => input.judgement = true,
        Method::Banded { bands } => {
            input.method = MethodId::Banded;
            input.computed = percent_input(&entry.actual).map(|v| banded(cx, bands, v));
        }
        Method::PerPoint {
            limit,
            deduct_when,
            per_point,
            floor,
        } => {
            input.method = MethodId::PerPoint;
            let rule = (*limit, *deduct_when, *per_point, *floor);
            input.computed = percent_input(&entry.actual).map(|v| per_point_score(cx, w, rule, v));
        }
        Method::PerCount { per, floor } => {
            input.method = MethodId::PerCount;
            input.computed =
                count_input(&entry.actual).map(|n| per_count_score(cx, w, *per, *floor, n));
        }
        Method::Coefficient => {
            input.method = MethodId::Coefficient;
            input.computed = percent_input(&entry.actual).map(|v| {
                let c = v.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                let how = ex![Piece::Plain(c), "% × ", Piece::Plain(w)];
                cx.score_figure(c / Decimal::ONE_HUNDRED * w, how)
            });
        }
    }
    finish(cx, input)
}

/// A row scored from a rate of the funds table: min(rate, 100%) × weight, with the rate first rounded
/// to `early` places where the profile says so. Notes the scores a stated score would have if the
/// rate had been rounded too early.
fn from_rate(cx: &Ctx, input: &mut RowInput, rate: &Option<Figure>, early: Option<u32>) -> Figure {
    let (w, places) = (input.weight, cx.places());
    if let Some(open) = rate.as_ref().filter(|r| r.is_pending()) {
        return open.clone();
    }
    let Some(rate) = rate else {
        let why = Piece::W(
            "没有可用的比率（预算为 0 或缺失），记 0",
            "no rate (budget zero or missing): 0",
        );
        return Figure::new(Decimal::ZERO, Format::Fixed(places), ex![why]);
    };
    let mut r = rate.value;
    let mut how = rate.explain.clone();
    if let Some(p) = early {
        r = r
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or(Decimal::MAX, |v| round(v, p) / Decimal::ONE_HUNDRED);
        how = how.then(ex![
            Piece::W("，先取整为 ", ", first rounded to "),
            Piece::Pct(r, p)
        ]);
    }
    if r < Decimal::ZERO {
        // Only negative amounts (flagged as such) give a negative rate: it scores 0.
        r = Decimal::ZERO;
    }
    if r > Decimal::ONE {
        r = Decimal::ONE;
        how = how.then(ex![Piece::W(
            "，超过 100% 按 100% 计",
            ", above 100% counts as 100%"
        )]);
    }
    // A rate from a tiny budget can be too large to scale: it is above 100% anyway.
    let whole = rate
        .value
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or(Decimal::ONE, |v| round(v, 0) / Decimal::ONE_HUNDRED)
        .clamp(Decimal::ZERO, Decimal::ONE);
    input.early_rounded = vec![
        round(whole * w, places),
        round(whole * w, 0),
        round(r * w, 0),
    ];
    input.below_target = r < Decimal::ONE;
    cx.score_figure(
        r * w,
        how.then(ex![Piece::W("；× ", "; × "), Piece::Plain(w)]),
    )
}

/// The points of the band the percentage `v` falls in (0 in none).
fn banded(cx: &Ctx, bands: &[crate::profile::ScoreBand], v: Decimal) -> Figure {
    let band = bands.iter().find(|b| b.holds(v));
    let Some(b) = band else {
        let how = ex![
            Piece::Plain(v),
            Piece::W("% 不在任何一档", "% is in no band")
        ];
        return cx.score_figure(Decimal::ZERO, how);
    };
    let lo = b.min.map(Piece::Plain).unwrap_or(Piece::S("−∞"));
    let hi = b.max.map(Piece::Plain).unwrap_or(Piece::S("+∞"));
    let open = if b.min_open || b.min.is_none() {
        "("
    } else {
        "["
    };
    let close = if b.max_closed && b.max.is_some() {
        "]"
    } else {
        ")"
    };
    let how = ex![
        Piece::Plain(v),
        Piece::W("% 落在 ", "% falls in "),
        Piece::S(open),
        lo,
        ", ",
        hi,
        Piece::S(close),
        Piece::W(" 档 → ", " → "),
        Piece::Plain(b.points)
    ];
    cx.score_figure(b.points, how)
}

/// Full marks while `v` is on the good side of the limit; each percentage point beyond deducts
/// `per_point`, never below `floor`.
fn per_point_score(
    cx: &Ctx,
    w: Decimal,
    (limit, deduct_when, per_point, floor): (Decimal, DeductWhen, Decimal, Decimal),
    v: Decimal,
) -> Figure {
    let (beyond, side) = match deduct_when {
        DeductWhen::Above => (
            v.checked_sub(limit).unwrap_or(Decimal::MAX),
            Piece::W("超过", "above"),
        ),
        DeductWhen::Below => (
            limit.checked_sub(v).unwrap_or(Decimal::MAX),
            Piece::W("低于", "below"),
        ),
    };
    if beyond <= Decimal::ZERO {
        let how = ex![
            Piece::Plain(v),
            Piece::W("% 未", "% is not "),
            side,
            " ",
            Piece::Plain(limit),
            Piece::W("%，满分 ", "%: full "),
            Piece::Plain(w)
        ];
        return cx.score_figure(w, how);
    }
    let lead = ex![
        Piece::Plain(v),
        Piece::W("% ", "% is "),
        side,
        " ",
        Piece::Plain(limit),
        Piece::W("% ", "% by "),
        Piece::Plain(beyond),
        Piece::W(" 个百分点，扣 ", " points: minus ")
    ];
    deducted(cx, w, (beyond, Piece::S(" × ")), per_point, floor, lead)
}

/// `w` less `steps × per`, never below `floor` (扣完为止), explained after `lead`; `times` is written
/// between the steps and `per`.
fn deducted(
    cx: &Ctx,
    w: Decimal,
    (steps, times): (Decimal, Piece),
    per: Decimal,
    floor: Decimal,
    lead: Explain,
) -> Figure {
    let deduction = steps.checked_mul(per).unwrap_or(Decimal::MAX);
    let score = (w - deduction.min(w)).max(floor);
    let how = lead.then(ex![
        Piece::Plain(steps),
        times,
        Piece::Plain(per),
        " = ",
        Piece::Plain(deduction),
        Piece::W("；", "; "),
        Piece::Plain(w),
        " − ",
        Piece::Plain(deduction),
        Piece::W("，不低于 ", ", not below "),
        Piece::Plain(floor)
    ]);
    cx.score_figure(score, how)
}

/// A count of occurrences as entered (`3`, `3次`, `2处`, `0`): a whole number that is not negative,
/// bare or in a unit that counts (次, 处, 个, 项, 起, 例, 件, 笔).
fn count_input(text: &str) -> Option<Decimal> {
    match parse(text) {
        Value::Quantity(q)
            if q.number >= Decimal::ZERO
                && q.number.fract().is_zero()
                && q.scale == Decimal::ONE
                && !q.approximate
                && matches!(
                    q.unit.as_str(),
                    "" | "次" | "处" | "个" | "项" | "起" | "例" | "件" | "笔"
                ) =>
        {
            Some(q.number)
        }
        _ => None,
    }
}

/// The weight less `per` for each of `n` occurrences, never below `floor` (扣完为止).
fn per_count_score(cx: &Ctx, w: Decimal, per: Decimal, floor: Decimal, n: Decimal) -> Figure {
    deducted(
        cx,
        w,
        (n, Piece::W(" 次 × ", " × ")),
        per,
        floor,
        Explain::default(),
    )
}

/// A percentage entered as "92.5%", "92.5" or "≥92.5%": the number.
fn percent_input(text: &str) -> Option<Decimal> {
    match parse(text) {
        Value::Quantity(q) if q.base_unit.is_empty() || q.base_unit == "%" => Some(q.number),
        _ => None,
    }
}

/// Settles a row's score from what was computed and what was entered, and checks it.
pub(super) fn finish(cx: &mut Ctx, r: RowInput) -> RowResult {
    let mut r = r;
    let computed = r.computed.take();
    if r.not_applicable {
        let why = ex![Piece::W("不适用，不计分", "does not apply: not scored")];
        let score = Figure::new(Decimal::ZERO, Format::Dash, why);
        return row_result(&r, ScoreSource::Excluded, score, computed);
    }
    // A weight or score typed as something that is not a number: the row waits for it.
    let mut typed_in = vec![FieldPath::of_row(&r.path, RowField::Score)];
    if let FieldPath::IndicatorRow(i) = r.path {
        typed_in.insert(0, FieldPath::Indicator(i, IndicatorField::Weight));
    }
    if let Some(p) = typed_in.iter().find(|p| cx.unread_at(p).is_some()) {
        let score = cx.waiting(p);
        return row_result(&r, ScoreSource::Computed, score, computed);
    }
    // A computed score that waits for an input (the funds table's amounts): the row waits too,
    // unless the evaluator entered a score, which then counts.
    if let Some(c) = computed.as_ref().filter(|c| c.is_pending()) {
        if r.entered.is_none() {
            return row_result(&r, ScoreSource::Computed, c.clone(), None);
        }
        let (source, score, _) = settle(cx, &r, None);
        check(cx, &r, source, &score);
        return row_result(&r, source, score, computed);
    }
    let (source, score, computed) = settle(cx, &r, computed);
    check(cx, &r, source, &score);
    row_result(&r, source, score, computed)
}

fn row_result(
    r: &RowInput,
    source: ScoreSource,
    score: Figure,
    computed: Option<Figure>,
) -> RowResult {
    RowResult {
        id: r.id.to_string(),
        path: r.path.clone(),
        name: r.name.to_string(),
        weight: r.weight,
        method: r.method,
        computed,
        entered: r.entered,
        source,
        score,
    }
}

/// The row as findings name it: `二级指标·三级指标`, or the name alone.
fn label(r: &RowInput) -> String {
    if r.group.is_empty() {
        r.name.to_string()
    } else {
        format!("{}·{}", r.group, r.name)
    }
}

/// [`label`] in English: `group · name`.
fn label_en(r: &RowInput) -> String {
    if r.group_en.is_empty() {
        r.name_en.to_string()
    } else {
        format!("{} · {}", r.group_en, r.name_en)
    }
}

/// The score that counts, where it comes from, and the engine's score where it is not the one that
/// counts (beside an override, or the band's default beside an entered qualitative score).
fn settle(
    cx: &mut Ctx,
    r: &RowInput,
    computed: Option<Figure>,
) -> (ScoreSource, Figure, Option<Figure>) {
    let places = cx.places();
    match (r.entered, computed) {
        (Some(entered), Some(c)) if !r.judgement => {
            let e = cx.row_value(entered);
            if r.score_reason.trim().is_empty() {
                cx.push(
                    FindingCode::ScoreOverrideWithoutReason,
                    FieldPath::of_row(&r.path, RowField::ScoreReason),
                    Text::new(
                        format!("“{}”的计算得分 {} 被改为 {}，须说明理由", crate::text::quote(&label(r)), c.shown(), fixed(e, places)),
                        format!("the computed score {} of \"{}\" was changed to {}: a reason is required", c.shown(), crate::text::quote(&label_en(r)), fixed(e, places)),
                    ),
                    "[note] 改动计算得分须说明理由",
                );
            }
            let explain = ex![
                Piece::W("评价人改为 ", "changed by the evaluator to "),
                Piece::Fixed(e, places),
                Piece::W("（计算值 ", " (computed "),
                Piece::Fixed(c.value, places),
                Piece::W("）：", "): "),
                r.score_reason.to_string()
            ];
            let score = Figure::new(e, Format::Fixed(places), explain);
            (ScoreSource::Override, score, Some(c))
        }
        (Some(entered), c) => {
            let e = cx.row_value(entered);
            let explain = ex![
                Piece::W("评价人打分：", "scored by the evaluator: "),
                Piece::Fixed(e, places)
            ];
            (
                ScoreSource::Entered,
                Figure::new(e, Format::Fixed(places), explain),
                c,
            )
        }
        (None, Some(c)) => (ScoreSource::Computed, c, None),
        (None, None) => {
            cx.push(
                FindingCode::ScoreMissing,
                FieldPath::of_row(&r.path, RowField::Score),
                Text::new(
                    format!("“{}”尚未打分，暂记 0", crate::text::quote(&label(r))),
                    format!(
                        "\"{}\" has no score yet: counted as 0",
                        crate::text::quote(&label_en(r))
                    ),
                ),
                r.basis,
            );
            let explain = ex![Piece::W("尚未打分，暂记 0", "no score yet: counted as 0")];
            let score = Figure::new(Decimal::ZERO, Format::Fixed(places), explain);
            (ScoreSource::Missing, score, None)
        }
    }
}

/// The checks every scored row gets: within its weight, no full marks below target, a reason where
/// one is required, and what the form states for it.
fn check(cx: &mut Ctx, r: &RowInput, source: ScoreSource, score: &Figure) {
    let places = cx.places();
    let w = r.weight;
    if cx.above_weight(score.value, w) || score.value < Decimal::ZERO {
        cx.push(
            FindingCode::ScoreAboveWeight,
            FieldPath::of_row(&r.path, RowField::Score),
            Text::new(
                format!(
                    "“{}”得分 {} 不在 0 至分值 {} 之间",
                    crate::text::quote(&label(r)),
                    score.shown(),
                    plain(w)
                ),
                format!(
                    "the score {} of \"{}\" is not between 0 and its weight {}",
                    score.shown(),
                    crate::text::quote(&label_en(r)),
                    plain(w)
                ),
            ),
            r.basis,
        );
    }
    let full = score.value >= w;
    if matches!(source, ScoreSource::Entered | ScoreSource::Override)
        && full
        && r.below_target
        && !w.is_zero()
    {
        cx.push(
            FindingCode::ScoreFullMarksBelowTarget,
            FieldPath::of_row(&r.path, RowField::Score),
            Text::new(
                format!(
                    "“{}”实际未达目标，却打了满分 {}",
                    crate::text::quote(&label(r)),
                    score.shown()
                ),
                format!(
                    "\"{}\" falls short of its target yet has full marks {}",
                    crate::text::quote(&label_en(r)),
                    score.shown()
                ),
            ),
            "[note] 未达目标不应得满分",
        );
    }
    // An indicator row's reason is asked for only where the layout has a cell for it.
    let has_cell =
        !matches!(r.path, FieldPath::IndicatorRow(_)) || cx.profile.indicators.reason_column;
    if cx.profile.thresholds.reason_below_weight
        && has_cell
        && score.value < w
        && crate::text::says_nothing(r.deviation_reason)
        && source != ScoreSource::Missing
    {
        let none = crate::text::not_a_reason(r.deviation_reason);
        let at = if r.reason_in_funds {
            FieldPath::FundsDeviationReason
        } else {
            FieldPath::of_row(&r.path, RowField::DeviationReason)
        };
        cx.push(
            FindingCode::ReasonMissingBelowWeight,
            at,
            Text::new(
                format!(
                    "“{}”得分 {} 低于分值 {}，须填写偏差原因分析及改进措施{}",
                    crate::text::quote(&label(r)),
                    score.shown(),
                    plain(w),
                    none.zh
                ),
                format!(
                    "\"{}\" scores {} of {}: a deviation reason is required{}",
                    crate::text::quote(&label_en(r)),
                    score.shown(),
                    plain(w),
                    none.en
                ),
            ),
            "[2020] 偏差原因分析及改进措施",
        );
    }
    if let (Some(stated), ScoreSource::Missing) = (r.declared, source) {
        // A row scored by judgement that has no score yet: nothing to compare the stated score with.
        cx.push(
            FindingCode::ScoreDeclaredMismatch,
            FieldPath::of_row(&r.path, RowField::DeclaredScore),
            Text::new(
                format!(
                    "“{}”表内填 {}，此行待打分（尚无评价人打分），暂无法核对",
                    crate::text::quote(&label(r)),
                    plain(stated)
                ),
                format!(
                    "\"{}\": stated {}, but the row still waits for its score (scored by judgement): it cannot be checked yet",
                    crate::text::quote(&label_en(r)),
                    plain(stated)
                ),
            ),
            r.basis,
        );
    } else if let Some(stated) = r.declared {
        if round(stated, places) != round(score.value, places) {
            let (code, zh, en) = if stated >= w && r.below_target && score.value < w {
                (
                    FindingCode::ScoreFullMarksBelowTarget,
                    "实际未达目标，却填了满分",
                    "falls short of its target, yet states full marks",
                )
            } else if source != ScoreSource::Override
                && r.early_rounded.contains(&round(stated, places))
            {
                (
                    FindingCode::ScoreRoundedEarly,
                    "所填得分是先把比率取整再计分的结果",
                    "the stated score comes from a rate rounded before scoring",
                )
            } else {
                (
                    FindingCode::ScoreDeclaredMismatch,
                    "所填得分与计算不符",
                    "the stated score differs from the computed one",
                )
            };
            cx.push(
                code,
                if r.declared_in_funds {
                    FieldPath::FundsDeclaredScore
                } else {
                    FieldPath::of_row(&r.path, RowField::DeclaredScore)
                },
                Text::new(
                    format!(
                        "“{}”{zh}：填 {}，应为 {}",
                        crate::text::quote(&label(r)),
                        plain(stated),
                        score.shown()
                    ),
                    format!(
                        "\"{}\": {en}: stated {}, should be {}",
                        crate::text::quote(&label_en(r)),
                        plain(stated),
                        score.shown()
                    ),
                ),
                if code == FindingCode::ScoreRoundedEarly {
                    "[note] 精确计算，只在规则规定处四舍五入"
                } else {
                    r.basis
                },
            );
        }
    }
}
