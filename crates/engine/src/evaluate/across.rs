//! Checks across the form: numbers in one part that the numbers of another part contradict, as
//! published forms show them (GUIDE §6). Each says what it compared.

use super::funds::known;
use super::Ctx;
use crate::decimal::{percent, plain, round, Decimal};
use crate::findings::FindingCode;
use crate::model::FundsColumn;
use crate::path::{FieldPath, IndicatorField};
use crate::result::{BlockResult, FundsResult, IndicatorResult, ScoreSource};
use crate::text::Text;

/// Execution below this share of the budget is "far below" for a cost row of the whole budget at 100 %.
const COST_SPENDING_FAR_BELOW: Decimal = Decimal::from_parts(8, 0, 0, false, 1);

pub(super) fn check(
    cx: &mut Ctx,
    funds: &FundsResult,
    indicators: &[IndicatorResult],
    blocks: &[BlockResult],
) {
    row_spent_above_budget(cx);
    budget_cut_to_spent(cx, funds);
    cost_rows_against_spending(cx, funds, indicators);
    declared_rows_sum(cx, blocks);
    same_measure_twice(cx, indicators);
    execution_rate_rows(cx, funds, indicators);
}

/// A row's name reduced to what names the measure: no spaces or punctuation.
fn measure_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
}

/// The same measure in two places with different results: two level-3 rows of the same name (as
/// written, spaces at its ends aside) whose actuals are quantities in the same unit and differ (a
/// name shared by a 数量 row in 个 and a 成本 row in 万元 is two measures).
fn same_measure_twice(cx: &mut Ctx, indicators: &[IndicatorResult]) {
    let form = cx.form;
    // The first row of each (name, unit): its index and value. A map, so that a form of a thousand
    // rows costs a thousand lookups, not a thousand times a thousand comparisons.
    let mut seen: std::collections::HashMap<(&str, &str), (usize, Decimal)> =
        std::collections::HashMap::new();
    for (i, row) in form.indicators.iter().enumerate() {
        let Some(crate::value::Value::Quantity(q)) = indicators.get(i).map(|r| &r.actual) else {
            continue;
        };
        let (Some(v), false) = (q.base_value(), q.approximate) else {
            continue;
        };
        // The name as written, spaces at its ends aside (no copy: the map holds the form's text).
        let name = row.name.trim();
        if row.level < 3 || name.is_empty() {
            continue;
        }
        let unit = q.base_unit.as_str();
        match seen.entry((name, unit)) {
            std::collections::hash_map::Entry::Occupied(e) if e.get().1 != v => {
                let first = e.get().0;
                let (a, b) = (
                    form.indicators[first].actual.trim(),
                    form.indicators[i].actual.trim(),
                );
                cx.push(
                    FindingCode::IndicatorSameMeasureDiffers,
                    FieldPath::Indicator(i, IndicatorField::Actual),
                    Text::new(
                        format!(
                            "“{}”两处的实际完成值不同：第 {} 行为“{}”，此行为“{}”",
                            crate::text::quote(&row.name),
                            first + 1,
                            crate::text::quote(a),
                            crate::text::quote(b)
                        ),
                        format!(
                            "\"{}\" has two actuals: \"{}\" on row {} and \"{}\" here",
                            crate::text::quote(&row.name),
                            crate::text::quote(a),
                            first + 1,
                            crate::text::quote(b)
                        ),
                    ),
                    "[form] 同一指标在表中各处的完成值应一致",
                );
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((i, v));
            }
        }
    }
}

/// A row that measures the budget's execution (预算执行率, 资金执行率 …) in percent, against the
/// funds table's execution rate, compared at the decimals the row writes.
fn execution_rate_rows(cx: &mut Ctx, funds: &FundsResult, indicators: &[IndicatorResult]) {
    let Some(rate) = known(&funds.execution_rate) else {
        return;
    };
    let form = cx.form;
    for (i, row) in form.indicators.iter().enumerate() {
        if row.level < 3 || !row.name.contains("执行") {
            continue;
        }
        let name = measure_name(&row.name);
        if !(name.contains("预算执行率") || name.contains("资金执行率")) {
            continue;
        }
        let Some(crate::value::Value::Quantity(q)) = indicators.get(i).map(|r| &r.actual) else {
            continue;
        };
        if q.base_unit != "%" || q.approximate {
            continue;
        }
        let places = q.number.scale();
        let Some(table) = rate
            .checked_mul(Decimal::ONE_HUNDRED)
            .map(|v| round(v, places))
        else {
            continue;
        };
        if table != round(q.number, places) {
            cx.push(
                FindingCode::IndicatorSameMeasureDiffers,
                FieldPath::Indicator(i, IndicatorField::Actual),
                Text::new(
                    format!(
                        "“{}”的实际完成值为 {}%，资金表算出的执行率为 {}",
                        crate::text::quote(&row.name),
                        plain(q.number),
                        percent(rate, 2)
                    ),
                    format!(
                        "\"{}\" states {}%, the funds table gives an execution rate of {}",
                        crate::text::quote(&row.name),
                        plain(q.number),
                        percent(rate, 2)
                    ),
                ),
                "[form] 执行率 = 全年执行数 ÷ 全年预算数（调整后的全年预算，而非年初预算）",
            );
        }
    }
}

/// A source row that spent more than its own budget (the total may still be within budget).
fn row_spent_above_budget(cx: &mut Ctx) {
    for (i, row) in cx.form.funds.rows.iter().enumerate() {
        let (Some(budget), Some(spent)) = (row.figures.budget, row.figures.spent) else {
            continue;
        };
        if spent > budget && budget >= Decimal::ZERO {
            cx.push(
                FindingCode::FundsRowAboveBudget,
                FieldPath::FundsCell(i, FundsColumn::Spent),
                Text::new(
                    format!(
                        "“{}”的全年执行数 {} 超过其全年预算数 {}：请核实是否超预算支出或填错行",
                        crate::text::quote(&row.source),
                        plain(spent),
                        plain(budget)
                    ),
                    format!(
                        "\"{}\" spent {}, more than its own budget of {}: check for spending over budget or a figure in the wrong row",
                        crate::text::quote(&row.source),
                        plain(spent),
                        plain(budget)
                    ),
                ),
                "[form] 各资金来源的执行数不应超过其预算数",
            );
        }
    }
}

/// The budget cut during the year to exactly what was spent: 100 % execution by adjustment.
fn budget_cut_to_spent(cx: &mut Ctx, funds: &FundsResult) {
    let has_initial = cx
        .profile
        .funds
        .columns
        .iter()
        .any(|c| c.column == FundsColumn::Initial);
    let (Some(initial), Some(budget), Some(spent)) = (
        known(&funds.initial),
        known(&funds.budget),
        known(&funds.spent),
    ) else {
        return;
    };
    if has_initial && budget < initial && budget == spent && !spent.is_zero() {
        cx.push(
            FindingCode::FundsBudgetCutToSpent,
            FieldPath::FundsDeclaredTotal(FundsColumn::Budget),
            Text::new(
                format!(
                    "全年预算数由年初的 {} 调减为 {}，恰好等于全年执行数：执行率 100% 来自调整，请核实调整依据",
                    plain(initial),
                    plain(budget)
                ),
                format!(
                    "the full-year budget was cut from {} to {}, exactly the amount spent: the 100% execution comes from the adjustment; check its basis",
                    plain(initial),
                    plain(budget)
                ),
            ),
            "[2020] 执行率 = 全年执行数 ÷ 全年预算数（调整后的全年预算，而非年初预算）",
        );
    }
}

/// An amount of money written in a target or actual (`8.48万`, `450万元`, `2,000元`), in 元.
fn money(v: &crate::value::Value) -> Option<Decimal> {
    let crate::value::Value::Quantity(q) = v else {
        return None;
    };
    matches!(
        q.unit.as_str(),
        "元" | "千元" | "万" | "万元" | "亿" | "亿元"
    )
    .then(|| q.number.checked_mul(q.scale))
    .flatten()
}

/// Cost rows (成本指标) against the funds table: their actual costs together cannot be more than was
/// spent, and a cost row for the whole budget cannot be 100 % done while far less was spent.
fn cost_rows_against_spending(cx: &mut Ctx, funds: &FundsResult, indicators: &[IndicatorResult]) {
    let unit = cx.profile.funds.unit.yuan();
    let (Some(spent), Some(budget)) = (known(&funds.spent), known(&funds.budget)) else {
        return;
    };
    let (spent_yuan, budget_yuan) = (spent * unit, budget * unit);
    let rate = known(&funds.execution_rate);
    let mut group = "";
    let mut costs = Decimal::ZERO;
    let mut cost_rows = 0usize;
    let mut whole = Vec::new();
    for (i, row) in cx.form.indicators.iter().enumerate() {
        match row.level {
            1 => group = "",
            2 => group = &row.name,
            _ if group.contains("成本") || row.name.contains("成本") => {
                let Some(r) = indicators.get(i) else { continue };
                if let Some(a) = money(&r.actual) {
                    costs = costs.checked_add(a).unwrap_or(costs);
                    cost_rows += 1;
                }
                let done = r
                    .completion
                    .as_ref()
                    .is_some_and(|c| c.value >= Decimal::ONE);
                if done
                    && money(&r.target) == Some(budget_yuan)
                    && rate.is_some_and(|r| r < COST_SPENDING_FAR_BELOW)
                {
                    whole.push(i);
                }
            }
            _ => {}
        }
    }
    let yuan_in_unit = |v: Decimal| plain(round(v / unit, 4));
    if cost_rows > 0 && costs > spent_yuan {
        cx.push(
            FindingCode::IndicatorCostVsSpending,
            FieldPath::Indicators,
            Text::new(
                format!(
                    "成本指标的实际金额合计 {}，超过全年执行数 {}（{}）：请核实实际成本",
                    yuan_in_unit(costs),
                    plain(spent),
                    cx.profile.funds.unit.key()
                ),
                format!(
                    "the actual amounts of the cost rows add up to {}, more than the {} spent ({}): check the actual costs",
                    yuan_in_unit(costs),
                    plain(spent),
                    cx.profile.funds.unit.name_en()
                ),
            ),
            "[form] 成本指标应与资金执行情况相符",
        );
    }
    for i in whole {
        let name = &cx.form.indicators[i].name;
        let rate = rate.unwrap_or(Decimal::ZERO);
        cx.push(
            FindingCode::IndicatorCostVsSpending,
            FieldPath::Indicator(i, IndicatorField::Actual),
            Text::new(
                format!(
                    "成本指标“{}”以全年预算为目标并完成 100%，而预算执行率只有 {}：请核实实际成本",
                    crate::text::quote(name),
                    percent(rate, 2)
                ),
                format!(
                    "cost row \"{}\" has the whole budget as its target and is 100% done, while only {} was spent: check the actual cost",
                    crate::text::quote(name),
                    percent(rate, 2)
                ),
            ),
            "[form] 成本指标应与资金执行情况相符",
        );
    }
}

/// The stated total against the stated row scores: a form whose printed rows do not add up to its
/// printed total (apart from whether the rows can reach it).
fn declared_rows_sum(cx: &mut Ctx, blocks: &[BlockResult]) {
    let Some(stated_total) = cx.form.declared.total else {
        return;
    };
    let form = cx.form;
    let mut sum = Decimal::ZERO;
    let mut rows = 0usize;
    for r in blocks.iter().flat_map(|b| &b.rows) {
        if r.source == ScoreSource::Excluded {
            // A rescaled total is not a plain sum of the rows.
            return;
        }
        let stated = match &r.path {
            FieldPath::IndicatorRow(i) => form.indicators.get(*i).and_then(|x| x.declared_score),
            FieldPath::ScoreRow(id) => form.scores.get(id).and_then(|e| e.declared_score).or(
                if r.method == crate::result::MethodId::FundsExecution {
                    form.funds.declared_score
                } else {
                    None
                },
            ),
            _ => None,
        };
        match stated {
            Some(s) => {
                sum = sum.checked_add(s).unwrap_or(sum);
                rows += 1;
            }
            // Not every row states its score: no sum to compare.
            None => return,
        }
    }
    let places = cx.places();
    if rows > 1 && round(sum, places) != round(stated_total, places) {
        cx.push(
            FindingCode::TotalDeclaredRowsSum,
            FieldPath::DeclaredTotal,
            Text::new(
                format!(
                    "表内各行得分之和为 {}，所填总分却是 {}",
                    plain(round(sum, places)),
                    plain(stated_total)
                ),
                format!(
                    "the row scores stated on the form add up to {}, but the stated total is {}",
                    plain(round(sum, places)),
                    plain(stated_total)
                ),
            ),
            "[form] 总分 = 各部分得分之和",
        );
    }
}
