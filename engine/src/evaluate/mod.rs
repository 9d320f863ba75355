//! Evaluation: one pure function from a form and its profile to every derived number, each explained,
//! and the findings. Nothing here reads a clock, a file or a global: the same input gives the same
//! result, natively and in the browser.
//!
//! The order is: funds table (totals, rates) → indicator outline (parsed values, completion, indicator
//! scores) → fixed scoring rows → blocks → total (rescaling, caps, rounding) → grade → checks of what the
//! form declares and of its narratives.

mod declared;
mod funds;
mod indicators;
mod narrative;
mod rows;

use crate::decimal::{fixed, plain, round, Decimal};
use crate::findings::{Finding, CODES};
use crate::model::Form;
use crate::profile::Profile;
use crate::result::{BlockResult, Counts, Evaluation, Figure, GradeResult, RowResult, ScoreSource};
use crate::text::Text;

/// Evaluates `form` under `profile`. Never panics, whatever the input.
pub fn evaluate(form: &Form, profile: &Profile) -> Evaluation {
    let mut cx = Ctx {
        form,
        profile,
        findings: Vec::new(),
    };
    let funds = funds::evaluate(&mut cx);
    let (indicators, indicator_rows) = indicators::evaluate(&mut cx);
    let mut blocks = Vec::with_capacity(profile.blocks.len());
    let mut weight_sum = Decimal::ZERO;
    let mut applicable_weight = Decimal::ZERO;
    let mut reachable = Decimal::ZERO;
    let mut any_excluded = false;
    for block in &profile.blocks {
        let weight = cx.block_weight(block);
        weight_sum += weight;
        let rows: Vec<RowResult> = if block.from_indicators {
            let rows: Vec<RowResult> = indicator_rows
                .iter()
                .filter(|(b, _)| b == &block.id)
                .map(|(_, r)| r.clone())
                .collect();
            indicators::check_block_weights(&mut cx, block, weight, &rows);
            rows
        } else {
            block
                .rows
                .iter()
                .map(|r| rows::score_fixed(&mut cx, block, r, &funds))
                .collect()
        };
        for r in &rows {
            if r.source == ScoreSource::Excluded {
                any_excluded = true;
                continue;
            }
            applicable_weight += r.weight;
            reachable += match (&r.computed, r.source) {
                (Some(c), ScoreSource::Computed) if !is_judgement(&r.method) => c.value,
                _ => r.weight,
            };
        }
        let score = cx.sum_figure(
            rows.iter()
                .filter(|r| r.source != ScoreSource::Excluded)
                .map(|r| &r.score),
        );
        blocks.push(BlockResult {
            id: block.id.clone(),
            name: block.name.clone(),
            weight: Figure {
                value: weight,
                shown: plain(weight),
                explain: weight_explain(block, weight),
            },
            score,
            rows,
        });
    }
    if weight_sum != Decimal::ONE_HUNDRED {
        cx.push(
            "weights.total_sum",
            "block_weights",
            Text::new(
                format!("各部分分值之和为 {}，应为 100", plain(weight_sum)),
                format!("the block weights add up to {}, not 100", plain(weight_sum)),
            ),
            "[2020] 总分 100",
        );
    }
    let raw_total = cx.sum_figure(blocks.iter().map(|b| &b.score));
    let mut total = raw_total.value;
    let mut rescaled = None;
    if any_excluded {
        let (value, explain) = if applicable_weight.is_zero() {
            (
                Decimal::ZERO,
                Text::new(
                    "没有适用的计分行，总分为 0",
                    "no row applies: the total is 0",
                ),
            )
        } else {
            let v = round(
                total * Decimal::ONE_HUNDRED / applicable_weight,
                cx.places(),
            );
            let e = format!(
                "{} ÷ {} × 100 = {}",
                raw_total.shown,
                plain(applicable_weight),
                fixed(v, cx.places())
            );
            (
                v,
                Text::new(
                    format!("不适用的指标不计，折算为百分制：{e}"),
                    format!(
                        "rows that do not apply are left out and the total rescaled to 100: {e}"
                    ),
                ),
            )
        };
        reachable = if applicable_weight.is_zero() {
            Decimal::ZERO
        } else {
            reachable * Decimal::ONE_HUNDRED / applicable_weight
        };
        cx.push(
            "total.rescaled",
            "indicators",
            explain.clone(),
            "[note] 不适用指标不计，按适用指标满分折算为 100 分",
        );
        total = value;
        rescaled = Some(Figure {
            value,
            shown: fixed(value, cx.places()),
            explain,
        });
    }
    let mut capped = None;
    if let Some(rate) = funds.execution_rate.as_ref().map(|f| f.value) {
        let cap = profile
            .local_rules
            .execution_caps
            .iter()
            .filter(|c| rate < c.below)
            .map(|c| c.cap)
            .min();
        if let Some(cap) = cap {
            if total > cap {
                let explain = Text::new(
                    format!(
                        "执行率 {} 低于封顶阈值，总分 {} 封顶为 {}",
                        crate::decimal::percent(rate, cx.pp()),
                        fixed(total, cx.places()),
                        plain(cap)
                    ),
                    format!(
                        "execution {} is below a cap threshold: the total {} is capped at {}",
                        crate::decimal::percent(rate, cx.pp()),
                        fixed(total, cx.places()),
                        plain(cap)
                    ),
                );
                cx.push(
                    "total.capped",
                    "funds",
                    explain.clone(),
                    "[local] 按预算执行率对总分封顶",
                );
                total = cap;
                capped = Some(Figure {
                    value: cap,
                    shown: fixed(cap, cx.places()),
                    explain,
                });
            }
        }
    }
    let total_value = round(total, cx.places());
    let total_explain = match (&rescaled, &capped) {
        (_, Some(c)) => c.explain.clone(),
        (Some(r), None) => r.explain.clone(),
        (None, None) => raw_total.explain.clone(),
    };
    let total = Figure {
        value: total_value,
        shown: fixed(total_value, cx.places()),
        explain: total_explain,
    };
    let reachable = round(reachable, cx.places());
    let reachable = Figure {
        value: reachable,
        shown: fixed(reachable, cx.places()),
        explain: Text::new(
            "计算得出的行取计算值，评价打分的行取满分",
            "computed rows at their computed score, judgement rows at full marks",
        ),
    };
    let grade = profile.grade_for(total.value).map(|g| GradeResult {
        grade: g.grade.clone(),
        name_en: g.name_en.clone(),
        explain: grade_explain(profile, total.value, &total.shown),
    });
    declared::check(&mut cx, &blocks, &total, &reachable);
    narrative::check(&mut cx);
    let mut findings = cx.findings;
    findings.sort_by(|a, b| a.severity.cmp(&b.severity));
    let counts = Counts::of(&findings);
    Evaluation {
        profile: profile.id.clone(),
        funds,
        indicators,
        blocks,
        raw_total,
        rescaled,
        capped,
        total,
        reachable,
        grade,
        findings,
        counts,
    }
}

fn is_judgement(method: &str) -> bool {
    matches!(method, "manual" | "qualitative")
}

fn weight_explain(block: &crate::profile::Block, weight: Decimal) -> Text {
    if weight == block.weight {
        Text::new(
            format!("规则设定：{}", plain(weight)),
            format!("set by the profile: {}", plain(weight)),
        )
    } else {
        Text::new(
            format!(
                "本表调整为 {}（规则默认 {}）",
                plain(weight),
                plain(block.weight)
            ),
            format!(
                "adjusted in this form to {} (profile default {})",
                plain(weight),
                plain(block.weight)
            ),
        )
    }
}

fn grade_explain(profile: &Profile, total: Decimal, shown: &str) -> Text {
    let Some(i) = profile.grades.iter().position(|g| total >= g.min) else {
        return Text::same(shown);
    };
    let g = &profile.grades[i];
    let range = match i.checked_sub(1).map(|j| &profile.grades[j]) {
        Some(above) => format!("{} ≤ {shown} < {}", plain(g.min), plain(above.min)),
        None => format!("{shown} ≥ {}", plain(g.min)),
    };
    Text::new(
        format!("{range} → {}", g.grade),
        format!("{range} → {} ({})", g.grade, g.name_en),
    )
}

/// What evaluation carries from step to step: the inputs and the findings so far.
pub(crate) struct Ctx<'a> {
    pub form: &'a Form,
    pub profile: &'a Profile,
    pub findings: Vec<Finding>,
}

impl Ctx<'_> {
    /// Records a finding; its severity is the one [`CODES`] gives the code.
    pub fn push(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: Text,
        basis: &str,
    ) {
        let severity = CODES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, s, _)| *s)
            .unwrap_or(crate::findings::Severity::Error);
        self.findings.push(Finding {
            severity,
            code,
            path: path.into(),
            message,
            basis: basis.to_string(),
        });
    }

    pub fn places(&self) -> u32 {
        self.profile.rounding.places
    }

    /// Decimal places of percentages.
    pub fn pp(&self) -> u32 {
        self.profile.rounding.percent_places
    }

    /// A row's score as it counts: rounded per the profile when it rounds rows. Rounding never lifts a
    /// score above its weight (a weight of 0.105 with 2 places gives 0.10 at full marks, not 0.11).
    pub fn row_value(&self, exact: Decimal, weight: Decimal) -> Decimal {
        if !self.profile.rounding.round_rows {
            return exact;
        }
        let r = round(exact, self.places());
        if r > weight && exact <= weight {
            exact.round_dp_with_strategy(self.places(), rust_decimal::RoundingStrategy::ToZero)
        } else {
            r
        }
    }

    /// A computed row score (see [`Ctx::row_value`]), explained as `prefix = shown`.
    pub fn score_figure(
        &self,
        exact: Decimal,
        weight: Decimal,
        prefix: String,
        prefix_en: String,
    ) -> Figure {
        let value = self.row_value(exact, weight);
        let shown = fixed(value, self.places());
        Figure {
            value,
            explain: Text::new(
                format!("{prefix} = {shown}"),
                format!("{prefix_en} = {shown}"),
            ),
            shown,
        }
    }

    /// The sum of scores, explained term by term (or by count, for long sums).
    pub fn sum_figure<'f>(&self, parts: impl Iterator<Item = &'f Figure>) -> Figure {
        let mut value = Decimal::ZERO;
        let mut terms = Vec::new();
        let mut n = 0usize;
        for f in parts {
            value += f.value;
            n += 1;
            if n <= 12 {
                terms.push(f.shown.clone());
            }
        }
        let shown = fixed(value, self.places());
        let explain = match n {
            0 => Text::new("没有计分行：0", "no scored rows: 0"),
            1..=12 => Text::same(format!("{} = {shown}", terms.join(" + "))),
            _ => Text::new(
                format!("{n} 行得分之和 = {shown}"),
                format!("sum of {n} row scores = {shown}"),
            ),
        };
        Figure {
            value,
            shown,
            explain,
        }
    }

    /// The weight of `block` in this form: the form's adjustment where allowed, else the profile's.
    pub fn block_weight(&mut self, block: &crate::profile::Block) -> Decimal {
        match self.form.block_weights.get(&block.id) {
            Some(w) if block.adjustable => *w,
            Some(_) => {
                self.push(
                    "weights.not_adjustable",
                    format!("block_weights.{}", block.id),
                    Text::new(
                        format!(
                            "规则不允许调整“{}”的分值，按规则的 {} 计",
                            block.name.zh,
                            plain(block.weight)
                        ),
                        format!(
                            "the profile does not allow changing the weight of \"{}\": {} is used",
                            block.name.en,
                            plain(block.weight)
                        ),
                    ),
                    &block.basis,
                );
                block.weight
            }
            None => block.weight,
        }
    }
}

#[cfg(test)]
mod tests;
