//! The funds table: total row derived from the sources, execution and arrival rates, and the checks
//! on what the form states for them.

use super::Ctx;
use crate::decimal::{percent, plain, ratio, round, Decimal};
use crate::ex;
use crate::explain::Piece;
use crate::findings::FindingCode;
use crate::model::FundsColumn;
use crate::path::FieldPath;
use crate::result::{Figure, Format, FundsResult};
use crate::text::Text;

const BASIS_RATE: &str =
    "[form] 执行率 = 全年执行数 ÷ 全年预算数（调整后的全年预算，而非年初预算）";

pub(super) fn evaluate(cx: &mut Ctx) -> FundsResult {
    let mut out = FundsResult::default();
    for column in FundsColumn::ALL {
        let fig = total(cx, column);
        match column {
            FundsColumn::Initial => out.initial = fig,
            FundsColumn::Budget => out.budget = fig,
            FundsColumn::Allocated => out.allocated = fig,
            FundsColumn::Spent => out.spent = fig,
        }
    }
    let needs_rate = cx.profile.scores_funds() || cx.profile.funds.shows_score;
    out.execution_rate = execution_rate(cx, &out, needs_rate);
    out.arrival_rate = arrival_rate(cx, &out);
    if cx.profile.funds.row_rates {
        out.row_rates = row_rates(cx);
    }
    check_declared(cx, &out);
    check_rate_blank(cx, &out);
    check_reasons(cx, &out);
    out
}

/// A figure that waits for an input, if `f` is one.
fn open(f: &Option<Figure>) -> Option<&Figure> {
    f.as_ref().filter(|f| f.is_pending())
}

/// The value of a figure that does not wait for an input.
pub(super) fn known(f: &Option<Figure>) -> Option<Decimal> {
    f.as_ref().filter(|f| !f.is_pending()).map(|f| f.value)
}

/// The total row's cell of `column`: the sum of the source rows, each amount as typed (and, where it
/// was typed in another unit of money, that too). Open while a cell of the column does not read.
fn total(cx: &mut Ctx, column: FundsColumn) -> Option<Figure> {
    let funds = &cx.form.funds;
    if let Some(i) =
        (0..funds.rows.len()).find(|&i| cx.unread_at(&FieldPath::FundsCell(i, column)).is_some())
    {
        return Some(cx.waiting(&FieldPath::FundsCell(i, column)));
    }
    let mut pieces = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut count = 0usize;
    let mut only_source = "";
    for (i, row) in funds.rows.iter().enumerate() {
        if let Some(v) = row.figures.get(column) {
            if v.is_sign_negative() && !v.is_zero() {
                cx.push(
                    FindingCode::FundsNegative,
                    FieldPath::FundsCell(i, column),
                    Text::new(
                        format!("“{}”的金额为负数：{}", crate::text::quote(&row.source), v),
                        format!(
                            "a negative amount for \"{}\": {}",
                            crate::text::quote(&row.source),
                            v
                        ),
                    ),
                    "[form] 金额不能为负",
                );
            }
            // Amounts are bounded by the file reader; checked_add keeps a hostile sum from panicking.
            sum = sum.checked_add(v).unwrap_or(sum);
            if count > 0 {
                pieces.push(Piece::S(" + "));
            }
            pieces.push(Piece::Raw(v));
            if let Some(typed) = super::entries::conversion(cx, i, column) {
                pieces.push(Piece::O(format!("（{typed}）")));
            }
            only_source = &row.source;
            count += 1;
        }
    }
    if count == 0 {
        return None;
    }
    let explain = if count == 1 {
        let mut e = ex![
            Piece::W("来自“", "from source row \""),
            only_source.to_string(),
            Piece::W("”：", "\": ")
        ];
        e.0.extend(pieces);
        e
    } else {
        pieces.push(Piece::S(" = "));
        pieces.push(Piece::Raw(sum));
        crate::explain::Explain(pieces)
    };
    Some(Figure::new(sum, Format::Raw, explain))
}

/// 执行率 = 全年执行数 ÷ 全年预算数: open while either waits for an input or is not filled in (an
/// error naming the field), none for a budget of 0 (an error).
fn execution_rate(cx: &mut Ctx, out: &FundsResult, needs_rate: bool) -> Option<Figure> {
    if let Some(f) = open(&out.budget).or(open(&out.spent)) {
        return Some(f.clone());
    }
    let (budget, spent) = (known(&out.budget), known(&out.spent));
    if needs_rate {
        let missing = missing_amounts(cx, budget.is_none());
        for path in &missing {
            super::entries::report_missing(cx, path.clone());
        }
        // A column with no amount at all leaves the rate open; a row's blank cell beside an amount
        // counts as 0, as the form prints it, and is an error of its own.
        let whole_column = if budget.is_none() {
            missing.first()
        } else if spent.is_none() {
            missing
                .iter()
                .find(|p| matches!(p, FieldPath::FundsCell(_, FundsColumn::Spent)))
        } else {
            None
        };
        if let Some(path) = whole_column {
            return Some(cx.waiting(path));
        }
    }
    let pp = cx.pp();
    match (budget, spent) {
        (Some(b), Some(s)) if !b.is_zero() => {
            let rate = ratio(s, b)?;
            if rate > Decimal::ONE {
                cx.push(
                    FindingCode::FundsExecutionAbove100,
                    FieldPath::FundsRows,
                    Text::new(
                        format!(
                            "执行数 {s} 超过全年预算数 {b}（{}），按 100% 计分",
                            percent(rate, pp)
                        ),
                        format!(
                            "spent {s} exceeds the full-year budget {b} ({}): scored as 100%",
                            percent(rate, pp)
                        ),
                    ),
                    "[form] 得分 = min(执行率, 100%) × 分值",
                );
            }
            Some(rate_figure(s, b, rate, pp))
        }
        (Some(b), _) if needs_rate && b.is_zero() => {
            cx.push(
                FindingCode::FundsZeroBudget,
                FieldPath::FundsRows,
                Text::new(
                    "全年预算数为 0，无法计算执行率，预算执行得分记 0",
                    "the full-year budget is zero: there is no execution rate and the budget score is 0",
                ),
                BASIS_RATE,
            );
            None
        }
        _ => None,
    }
}

/// The amounts the execution rate needs and lacks: no full-year budget at all (named at the first
/// row), or a row with a budget and no amount spent, or an amount spent and no budget.
fn missing_amounts(cx: &Ctx, no_budget: bool) -> Vec<FieldPath> {
    let rows = &cx.form.funds.rows;
    if no_budget {
        return vec![if rows.is_empty() {
            FieldPath::FundsRows
        } else {
            FieldPath::FundsCell(0, FundsColumn::Budget)
        }];
    }
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let (b, s) = (row.figures.budget, row.figures.spent);
        // A row of zeros on one side (上年结转资金 0.00) needs nothing on the other.
        let absent = match (b, s) {
            (Some(b), None) if !b.is_zero() => FundsColumn::Spent,
            (None, Some(s)) if !s.is_zero() => FundsColumn::Budget,
            _ => continue,
        };
        let path = FieldPath::FundsCell(i, absent);
        if cx.unread_at(&path).is_none() {
            out.push(path);
        }
    }
    out
}

/// 到位率 = 到位资金 ÷ 预算资金, where both are filled in (open while either waits for an input).
fn arrival_rate(cx: &mut Ctx, out: &FundsResult) -> Option<Figure> {
    if let Some(f) = open(&out.budget).or(open(&out.allocated)) {
        return Some(f.clone());
    }
    let (b, a) = (known(&out.budget)?, known(&out.allocated)?);
    let rate = ratio(a, b)?;
    if rate > Decimal::ONE {
        cx.push(
            FindingCode::FundsAllocatedAboveBudget,
            FieldPath::FundsRows,
            Text::new(
                format!("到位资金 {a} 超过预算资金 {b}，到位率按 100% 计"),
                format!("allocated {a} exceeds the budget {b}: the arrival rate counts as 100%"),
            ),
            "[2013] 资金到位率 = 实际到位 ÷ 计划投入",
        );
    }
    Some(rate_figure(a, b, rate, cx.pp()))
}

/// A rate `part ÷ whole`, explained with the amounts as typed.
/// Each source row's spent ÷ budget: none without a budget above 0 or a spent amount, or while either
/// cell waits for an input that does not read.
fn row_rates(cx: &Ctx) -> Vec<Option<Figure>> {
    let pp = cx.pp();
    cx.form
        .funds
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let waiting = [FundsColumn::Budget, FundsColumn::Spent]
                .iter()
                .any(|c| cx.unread_at(&FieldPath::FundsCell(i, *c)).is_some());
            match (row.figures.budget, row.figures.spent) {
                (Some(b), Some(s)) if !waiting && b > Decimal::ZERO => {
                    ratio(s, b).map(|r| rate_figure(s, b, r, pp))
                }
                _ => None,
            }
        })
        .collect()
}

fn rate_figure(part: Decimal, whole: Decimal, rate: Decimal, pp: u32) -> Figure {
    Figure::new(
        rate,
        Format::Percent(pp),
        ex![
            Piece::Raw(part),
            " ÷ ",
            Piece::Raw(whole),
            " = ",
            Piece::Pct(rate, pp)
        ],
    )
}

fn check_declared(cx: &mut Ctx, out: &FundsResult) {
    let funds = &cx.form.funds;
    let label = &cx.profile.funds.total_label;
    for column in FundsColumn::ALL {
        let Some(stated) = funds.declared_total.get(column) else {
            continue;
        };
        if out.column(column).is_some_and(Figure::is_pending) {
            continue;
        }
        let computed = out.column(column).map(|f| f.value);
        if computed != Some(stated) && !(computed.is_none() && stated.is_zero()) {
            let c = computed
                .map(|v| v.to_string())
                .unwrap_or_else(|| "—".into());
            let title = cx
                .profile
                .funds
                .columns
                .iter()
                .find(|c| c.column == column)
                .map(|c| c.title.clone())
                .unwrap_or_else(|| Text::same(column.key()));
            cx.push(
                FindingCode::FundsTotalRowMismatch,
                FieldPath::FundsDeclaredTotal(column),
                Text::new(
                    format!(
                        "“{}”的{}填为 {stated}，但各来源行之和为 {c}",
                        crate::text::quote(&label.zh),
                        title.zh,
                    ),
                    format!(
                        "the \"{}\" row states {} {stated}, but its source rows add up to {c}",
                        crate::text::quote(&label.en),
                        title.en
                    ),
                ),
                "[form] 合计行 = 各来源行之和",
            );
        }
    }
    if let Some(stated) = funds
        .declared_rate
        .filter(|_| open(&out.execution_rate).is_none())
    {
        let places = stated.scale();
        let computed = out
            .execution_rate
            .as_ref()
            .and_then(|f| f.value.checked_mul(Decimal::ONE_HUNDRED))
            .map(|v| round(v, places));
        if computed != Some(round(stated, places)) {
            let c = out
                .execution_rate
                .as_ref()
                .map(|f| f.shown())
                .unwrap_or_else(|| "—".into());
            cx.push(
                FindingCode::FundsRateMismatch,
                FieldPath::FundsDeclaredRate,
                Text::new(
                    format!("执行率填为 {}%，计算结果为 {c}", plain(stated)),
                    format!(
                        "the execution rate is stated as {}%, computed {c}",
                        plain(stated)
                    ),
                ),
                BASIS_RATE,
            );
        }
    }
}

/// A form that states its figures (a total, a grade, the budget row's score or the total row) but
/// leaves the 执行率 its layout prints blank: the transcription, or the form, missed a cell.
fn check_rate_blank(cx: &mut Ctx, out: &FundsResult) {
    let (form, layout) = (cx.form, &cx.profile.funds);
    let funds = &form.funds;
    let has_cell = layout.shows_score || layout.row_rates;
    let states = form.declared.total.is_some()
        || !form.declared.grade.trim().is_empty()
        || funds.declared_score.is_some()
        || !funds.declared_total.is_empty();
    let typed = form
        .typed
        .contains_key(&FieldPath::FundsDeclaredRate.to_string());
    let rate = out.execution_rate.as_ref().filter(|r| !r.is_pending());
    let (true, true, None, false, Some(rate), true) = (
        has_cell,
        states,
        funds.declared_rate,
        typed,
        rate,
        form.incomplete.trim().is_empty(),
    ) else {
        return;
    };
    let c = rate.shown();
    cx.push(
        FindingCode::FundsRateBlank,
        FieldPath::FundsDeclaredRate,
        Text::new(
            format!("表中填了得分或合计，执行率一栏却是空的：请按原表填写（计算结果为 {c}）"),
            format!("the form states its figures, but its 执行率 cell is blank: fill it in as printed (computed {c})"),
        ),
        BASIS_RATE,
    );
}

fn check_reasons(cx: &mut Ctx, out: &FundsResult) {
    let funds = &cx.form.funds;
    let t = &cx.profile.thresholds;
    let rate = out.execution_rate.as_ref().filter(|r| !r.is_pending());
    if let (Some(th), Some(rate)) = (t.execution_reason_below, rate) {
        if rate.value < th && crate::text::says_nothing(&funds.deviation_reason) {
            let none = crate::text::not_a_reason(&funds.deviation_reason);
            cx.push(
                FindingCode::ReasonMissingLowExecution,
                FieldPath::FundsDeviationReason,
                Text::new(
                    format!(
                        "执行率 {} 低于 {}，须说明原因{}",
                        rate.shown(),
                        percent(th, 0),
                        none.zh
                    ),
                    format!(
                        "execution {} is below {}: a written reason is required{}",
                        rate.shown(),
                        percent(th, 0),
                        none.en
                    ),
                ),
                "[local] 执行率低于阈值须说明原因",
            );
        }
    }
    if t.adjustment_reason {
        if let (Some(i), Some(b)) = (known(&out.initial), known(&out.budget)) {
            if i != b && crate::text::says_nothing(&funds.adjustment_reason) {
                let none = crate::text::not_a_reason(&funds.adjustment_reason);
                cx.push(
                    FindingCode::ReasonMissingAdjustment,
                    FieldPath::FundsAdjustmentReason,
                    Text::new(
                        format!("全年预算数 {} 与年初预算数 {} 不同（年中调整），须说明原因{}", b, i, none.zh),
                        format!("the full-year budget {} differs from the initial {} (adjusted during the year): a reason is required{}", b, i, none.en),
                    ),
                    "[local] 年中调整预算须说明原因",
                );
            }
        }
    }
}
