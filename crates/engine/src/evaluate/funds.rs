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
    let funds = &cx.form.funds;
    let mut out = FundsResult::default();
    for column in FundsColumn::ALL {
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
                            format!("“{}”的金额为负数：{}", row.source, v),
                            format!("a negative amount for \"{}\": {}", row.source, v),
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
                only_source = &row.source;
                count += 1;
            }
        }
        if count > 0 {
            let explain = if count == 1 {
                ex![
                    Piece::W("来自“", "from source row \""),
                    only_source.to_string(),
                    Piece::W("”：", "\": "),
                    Piece::Raw(sum)
                ]
            } else {
                pieces.push(Piece::S(" = "));
                pieces.push(Piece::Raw(sum));
                crate::explain::Explain(pieces)
            };
            let fig = Some(Figure::new(sum, Format::Raw, explain));
            match column {
                FundsColumn::Initial => out.initial = fig,
                FundsColumn::Budget => out.budget = fig,
                FundsColumn::Allocated => out.allocated = fig,
                FundsColumn::Spent => out.spent = fig,
            }
        }
    }
    let budget = out.budget.as_ref().map(|f| f.value);
    let spent = out.spent.as_ref().map(|f| f.value);
    let allocated = out.allocated.as_ref().map(|f| f.value);
    let pp = cx.pp();
    let needs_rate = cx.profile.scores_funds() || cx.profile.funds.shows_score;
    match (budget, spent) {
        (Some(b), Some(s)) if !b.is_zero() => {
            if let Some(rate) = ratio(s, b) {
                out.execution_rate = Some(rate_figure(s, b, rate, pp));
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
            }
        }
        (b, _) if needs_rate && (b.is_none() || b == Some(Decimal::ZERO)) => {
            let what = if b.is_none() {
                ("缺失", "missing")
            } else {
                ("为 0", "zero")
            };
            cx.push(
                FindingCode::FundsZeroBudget,
                FieldPath::FundsRows,
                Text::new(
                    format!("全年预算数{}，无法计算执行率，预算执行得分记 0", what.0),
                    format!("the full-year budget is {}: there is no execution rate and the budget score is 0", what.1),
                ),
                BASIS_RATE,
            );
        }
        _ => {}
    }
    if let (Some(b), Some(a)) = (budget, allocated) {
        if let Some(rate) = ratio(a, b) {
            out.arrival_rate = Some(rate_figure(a, b, rate, pp));
            if rate > Decimal::ONE {
                cx.push(
                    FindingCode::FundsAllocatedAboveBudget,
                    FieldPath::FundsRows,
                    Text::new(
                        format!("到位资金 {a} 超过预算资金 {b}，到位率按 100% 计"),
                        format!(
                            "allocated {a} exceeds the budget {b}: the arrival rate counts as 100%"
                        ),
                    ),
                    "[2013] 资金到位率 = 实际到位 ÷ 计划投入",
                );
            }
        }
    }
    check_declared(cx, &out);
    check_reasons(cx, &out);
    out
}

/// A rate `part ÷ whole`, explained with the amounts as typed.
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
                        label.zh, title.zh,
                    ),
                    format!(
                        "the \"{}\" row states {} {stated}, but its source rows add up to {c}",
                        label.en, title.en
                    ),
                ),
                "[form] 合计行 = 各来源行之和",
            );
        }
    }
    if let Some(stated) = funds.declared_rate {
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

fn check_reasons(cx: &mut Ctx, out: &FundsResult) {
    let funds = &cx.form.funds;
    let t = &cx.profile.thresholds;
    if let (Some(th), Some(rate)) = (t.execution_reason_below, out.execution_rate.as_ref()) {
        if rate.value < th && funds.deviation_reason.trim().is_empty() {
            cx.push(
                FindingCode::ReasonMissingLowExecution,
                FieldPath::FundsDeviationReason,
                Text::new(
                    format!(
                        "执行率 {} 低于 {}，须说明原因",
                        rate.shown(),
                        percent(th, 0)
                    ),
                    format!(
                        "execution {} is below {}: a written reason is required",
                        rate.shown(),
                        percent(th, 0)
                    ),
                ),
                "[local] 执行率低于阈值须说明原因",
            );
        }
    }
    if t.adjustment_reason {
        if let (Some(i), Some(b)) = (&out.initial, &out.budget) {
            if i.value != b.value && funds.adjustment_reason.trim().is_empty() {
                cx.push(
                    FindingCode::ReasonMissingAdjustment,
                    FieldPath::FundsAdjustmentReason,
                    Text::new(
                        format!("全年预算数 {} 与年初预算数 {} 不同（年中调整），须说明原因", b.shown(), i.shown()),
                        format!("the full-year budget {} differs from the initial {} (adjusted during the year): a reason is required", b.shown(), i.shown()),
                    ),
                    "[local] 年中调整预算须说明原因",
                );
            }
        }
    }
}
