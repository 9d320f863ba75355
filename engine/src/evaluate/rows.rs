//! Scored rows: the fixed rows of a profile's scoring table, and the checks every scored row gets
//! (entered against computed score, score within weight, required reasons, stated score).

use super::Ctx;
use crate::decimal::{fixed, percent, plain, round, Decimal};
use crate::model::ScoreEntry;
use crate::profile::{Block, DeductWhen, FixedRow, Method};
use crate::result::{Figure, FundsResult, RowResult, ScoreSource};
use crate::text::Text;
use crate::value::{parse, Value};

/// Everything [`finish`] needs to settle one scored row.
pub(super) struct RowInput<'a> {
    pub id: String,
    pub path: String,
    pub group: String,
    pub name: String,
    pub weight: Decimal,
    pub method: &'static str,
    pub method_label: Text,
    /// The engine's score, where the row is computed (or, for qualitative rows, the band's default).
    pub computed: Option<Figure>,
    /// The entered score *is* the score (manual and qualitative rows); otherwise it is an override.
    pub judgement: bool,
    pub entered: Option<Decimal>,
    pub score_reason: &'a str,
    pub declared: Option<Decimal>,
    pub deviation_reason: &'a str,
    pub reason_path: String,
    pub not_applicable: bool,
    /// The actual falls short of the target (for the full-marks check).
    pub below_target: bool,
    /// Scores the row would get with its rate rounded too early (for the rounded-early check).
    pub early_rounded: Vec<Decimal>,
    pub basis: String,
}

pub(super) fn method_label(method: &str) -> Text {
    match method {
        "funds_execution" => Text::new("按预算执行率计算", "from the budget execution rate"),
        "funds_arrival" => Text::new("按资金到位率计算", "from the funds arrival rate"),
        "ratio" => Text::new(
            "≥ 正向：实际 ÷ 目标 × 分值",
            "≥ more is better: actual ÷ target × weight",
        ),
        "inverse" => Text::new(
            "≤ 反向：未超目标得满分，否则 目标 ÷ 实际 × 分值",
            "≤ less is better: full within target, else target ÷ actual × weight",
        ),
        "exact" => Text::new(
            "= 等于：相等得满分，不足按比例",
            "= exact: full when equal, proportional below",
        ),
        "qualitative" => Text::new("定性：按分档评分", "qualitative: scored within a band"),
        "manual" => Text::new("评价人打分", "scored by the evaluator"),
        "banded" => Text::new("分档计分", "banded table"),
        "per_point" => Text::new("逐点扣分", "per-point deduction"),
        "coefficient" => Text::new("得分系数 × 权重", "coefficient × weight"),
        _ => Text::same(method),
    }
}

pub(super) fn score_fixed(
    cx: &mut Ctx,
    block: &Block,
    row: &FixedRow,
    funds: &FundsResult,
) -> RowResult {
    let empty = ScoreEntry::default();
    let entry = cx.form.scores.get(&row.id).unwrap_or(&empty);
    let w = row.weight;
    let path = format!("scores.{}", row.id);
    let mut input = RowInput {
        id: row.id.clone(),
        path: path.clone(),
        group: row.group.zh.clone(),
        name: row.name.zh.clone(),
        weight: w,
        method: "manual",
        method_label: method_label("manual"),
        computed: None,
        judgement: false,
        entered: entry.score,
        score_reason: &entry.score_reason,
        declared: entry.declared_score,
        deviation_reason: &entry.deviation_reason,
        reason_path: format!("{path}.deviation_reason"),
        not_applicable: entry.not_applicable,
        below_target: false,
        early_rounded: Vec::new(),
        basis: if row.basis.is_empty() {
            block.basis.clone()
        } else {
            row.basis.clone()
        },
    };
    match &row.method {
        Method::FundsExecution | Method::FundsArrival => {
            let execution = matches!(row.method, Method::FundsExecution);
            input.method = if execution {
                "funds_execution"
            } else {
                "funds_arrival"
            };
            let rate = if execution {
                &funds.execution_rate
            } else {
                &funds.arrival_rate
            };
            if execution {
                input.deviation_reason = &cx.form.funds.deviation_reason;
                input.reason_path = "funds.deviation_reason".into();
            }
            input.computed = Some(match rate {
                Some(rate) => {
                    let mut r = rate.value;
                    let mut how = rate.explain.zh.clone();
                    let mut how_en = rate.explain.en.clone();
                    if let (true, Some(p)) =
                        (execution, cx.profile.rounding.rate_places_before_scoring)
                    {
                        r = round(r * Decimal::ONE_HUNDRED, p) / Decimal::ONE_HUNDRED;
                        how = format!("{how}，先取整为 {}", percent(r, p));
                        how_en = format!("{how_en}, first rounded to {}", percent(r, p));
                    }
                    if r > Decimal::ONE {
                        r = Decimal::ONE;
                        how = format!("{how}，超过 100% 按 100% 计");
                        how_en = format!("{how_en}, above 100% counts as 100%");
                    }
                    let whole = round(rate.value * Decimal::ONE_HUNDRED, 0) / Decimal::ONE_HUNDRED;
                    let whole = whole.min(Decimal::ONE);
                    input.early_rounded = vec![
                        round(whole * w, cx.places()),
                        round(whole * w, 0),
                        round(r * w, 0),
                    ];
                    input.below_target = r < Decimal::ONE;
                    cx.score_figure(
                        r * w,
                        w,
                        format!("{how}；× {}", plain(w)),
                        format!("{how_en}; × {}", plain(w)),
                    )
                }
                None => Figure {
                    value: Decimal::ZERO,
                    shown: fixed(Decimal::ZERO, cx.places()),
                    explain: Text::new(
                        "没有可用的比率（预算为 0 或缺失），记 0",
                        "no rate (budget zero or missing): 0",
                    ),
                },
            });
        }
        Method::Manual => input.judgement = true,
        Method::Banded { bands } => {
            input.method = "banded";
            if let Some(v) = percent_input(&entry.actual) {
                let band = bands
                    .iter()
                    .find(|b| b.min.is_none_or(|m| v >= m) && b.max.is_none_or(|m| v < m));
                input.computed = Some(match band {
                    Some(b) => {
                        let lo = b.min.map(plain).unwrap_or_else(|| "−∞".into());
                        let hi = b.max.map(plain).unwrap_or_else(|| "+∞".into());
                        cx.score_figure(
                            b.points,
                            w,
                            format!("{}% 落在 [{lo}, {hi}) 档 → {}", plain(v), plain(b.points)),
                            format!("{}% falls in [{lo}, {hi}) → {}", plain(v), plain(b.points)),
                        )
                    }
                    None => cx.score_figure(
                        Decimal::ZERO,
                        w,
                        format!("{}% 不在任何一档", plain(v)),
                        format!("{}% is in no band", plain(v)),
                    ),
                });
            }
        }
        Method::PerPoint {
            limit,
            deduct_when,
            per_point,
            floor,
        } => {
            input.method = "per_point";
            if let Some(v) = percent_input(&entry.actual) {
                let beyond = match deduct_when {
                    DeductWhen::Above => v - *limit,
                    DeductWhen::Below => *limit - v,
                };
                let side = match deduct_when {
                    DeductWhen::Above => ("超过", "above"),
                    DeductWhen::Below => ("低于", "below"),
                };
                input.computed = Some(if beyond <= Decimal::ZERO {
                    cx.score_figure(
                        w,
                        w,
                        format!(
                            "{}% 未{}{}%，满分 {}",
                            plain(v),
                            side.0,
                            plain(*limit),
                            plain(w)
                        ),
                        format!(
                            "{}% is not {} {}%: full {}",
                            plain(v),
                            side.1,
                            plain(*limit),
                            plain(w)
                        ),
                    )
                } else {
                    let deduction = beyond.checked_mul(*per_point).unwrap_or(Decimal::MAX);
                    let score = (w - deduction.min(w)).max(*floor);
                    cx.score_figure(
                        score,
                        w,
                        format!(
                            "{}% {}{}% {} 个百分点，扣 {} × {} = {}；{} − {}，不低于 {}",
                            plain(v),
                            side.0,
                            plain(*limit),
                            plain(beyond),
                            plain(beyond),
                            plain(*per_point),
                            plain(deduction),
                            plain(w),
                            plain(deduction),
                            plain(*floor)
                        ),
                        format!(
                            "{}% is {} points {} {}%: minus {} × {} = {}; {} − {}, not below {}",
                            plain(v),
                            plain(beyond),
                            side.1,
                            plain(*limit),
                            plain(beyond),
                            plain(*per_point),
                            plain(deduction),
                            plain(w),
                            plain(deduction),
                            plain(*floor)
                        ),
                    )
                });
            }
        }
        Method::Coefficient => {
            input.method = "coefficient";
            if let Some(v) = percent_input(&entry.actual) {
                let c = v.min(Decimal::ONE_HUNDRED).max(Decimal::ZERO);
                input.computed = Some(cx.score_figure(
                    c / Decimal::ONE_HUNDRED * w,
                    w,
                    format!("{}% × {}", plain(c), plain(w)),
                    format!("{}% × {}", plain(c), plain(w)),
                ));
            }
        }
    }
    input.method_label = method_label(input.method);
    finish(cx, input)
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
    let places = cx.places();
    let label = if r.group.is_empty() {
        r.name.clone()
    } else {
        format!("{}·{}", r.group, r.name)
    };
    if r.not_applicable {
        return RowResult {
            id: r.id,
            path: r.path,
            group: r.group,
            name: r.name,
            weight: r.weight,
            method: r.method.into(),
            method_label: r.method_label,
            computed: r.computed,
            entered: r.entered,
            source: ScoreSource::Excluded,
            score: Figure {
                value: Decimal::ZERO,
                shown: "—".into(),
                explain: Text::new("不适用，不计分", "does not apply: not scored"),
            },
        };
    }
    let (source, score) = match (r.entered, &r.computed) {
        (Some(entered), Some(c)) if !r.judgement => {
            let e = cx.row_value(entered, r.weight);
            if r.score_reason.trim().is_empty() {
                cx.push(
                    "score.override_without_reason",
                    format!("{}.score_reason", r.path),
                    Text::new(format!("“{label}”的计算得分 {} 被改为 {}，须说明理由", c.shown, fixed(e, places)), format!("the computed score {} of \"{label}\" was changed to {}: a reason is required", c.shown, fixed(e, places))),
                    "手工改分须说明理由",
                );
            }
            let shown = fixed(e, places);
            let explain = Text::new(
                format!(
                    "评价人改为 {shown}（计算值 {}）：{}",
                    c.shown, r.score_reason
                ),
                format!(
                    "changed by the evaluator to {shown} (computed {}): {}",
                    c.shown, r.score_reason
                ),
            );
            (
                ScoreSource::Override,
                Figure {
                    value: e,
                    shown,
                    explain,
                },
            )
        }
        (Some(entered), _) => {
            let e = cx.row_value(entered, r.weight);
            let shown = fixed(e, places);
            (
                ScoreSource::Entered,
                Figure {
                    value: e,
                    explain: Text::new(
                        format!("评价人打分：{shown}"),
                        format!("scored by the evaluator: {shown}"),
                    ),
                    shown,
                },
            )
        }
        (None, Some(c)) => (ScoreSource::Computed, c.clone()),
        (None, None) => {
            cx.push(
                "score.missing",
                format!("{}.score", r.path),
                Text::new(
                    format!("“{label}”尚未打分，暂记 0"),
                    format!("\"{label}\" has no score yet: counted as 0"),
                ),
                &r.basis,
            );
            let shown = fixed(Decimal::ZERO, places);
            (
                ScoreSource::Missing,
                Figure {
                    value: Decimal::ZERO,
                    shown,
                    explain: Text::new("尚未打分，暂记 0", "no score yet: counted as 0"),
                },
            )
        }
    };
    let w = r.weight;
    if score.value > w || score.value < Decimal::ZERO {
        cx.push(
            "score.above_weight",
            format!("{}.score", r.path),
            Text::new(
                format!(
                    "“{label}”得分 {} 不在 0 至分值 {} 之间",
                    score.shown,
                    plain(w)
                ),
                format!(
                    "the score {} of \"{label}\" is not between 0 and its weight {}",
                    score.shown,
                    plain(w)
                ),
            ),
            &r.basis,
        );
    }
    let full = score.value >= w;
    if matches!(source, ScoreSource::Entered | ScoreSource::Override)
        && full
        && r.below_target
        && !w.is_zero()
    {
        cx.push(
            "score.full_marks_below_target",
            format!("{}.score", r.path),
            Text::new(
                format!("“{label}”实际未达目标，却打了满分 {}", score.shown),
                format!(
                    "\"{label}\" falls short of its target yet has full marks {}",
                    score.shown
                ),
            ),
            "[note] 未达目标不应得满分",
        );
    }
    if cx.profile.thresholds.reason_below_weight
        && score.value < w
        && r.deviation_reason.trim().is_empty()
        && source != ScoreSource::Missing
    {
        cx.push(
            "reason.missing_below_weight",
            r.reason_path.clone(),
            Text::new(
                format!(
                    "“{label}”得分 {} 低于分值 {}，须填写偏差原因分析及改进措施",
                    score.shown,
                    plain(w)
                ),
                format!(
                    "\"{label}\" scores {} of {}: a deviation reason is required",
                    score.shown,
                    plain(w)
                ),
            ),
            "[2020] 偏差原因分析及改进措施",
        );
    }
    if let Some(stated) = r.declared {
        if round(stated, places) != round(score.value, places) {
            let (code, zh, en) = if stated >= w && r.below_target && score.value < w {
                (
                    "score.full_marks_below_target",
                    "实际未达目标，却填了满分",
                    "falls short of its target, yet states full marks",
                )
            } else if r.early_rounded.contains(&round(stated, places)) {
                (
                    "score.rounded_early",
                    "所填得分是先把比率取整再计分的结果",
                    "the stated score comes from a rate rounded before scoring",
                )
            } else {
                (
                    "score.declared_mismatch",
                    "所填得分与计算不符",
                    "the stated score differs from the computed one",
                )
            };
            cx.push(
                code,
                format!("{}.declared_score", r.path),
                Text::new(
                    format!("“{label}”{zh}：填 {}，应为 {}", plain(stated), score.shown),
                    format!(
                        "\"{label}\": {en}: stated {}, should be {}",
                        plain(stated),
                        score.shown
                    ),
                ),
                if code == "score.rounded_early" {
                    "[note] 精确计算，只在规则规定处四舍五入"
                } else {
                    &r.basis
                },
            );
        }
    }
    RowResult {
        id: r.id,
        path: r.path,
        group: r.group,
        name: r.name,
        weight: w,
        method: r.method.into(),
        method_label: r.method_label,
        computed: r.computed,
        entered: r.entered,
        source,
        score,
    }
}
