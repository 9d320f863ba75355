//! Findings: what is wrong or doubtful in a form, each with a stable code, the field it concerns, a
//! message in Chinese and English, and the rule it rests on. The full list of codes is in
//! docs/findings.md and in [`CODES`].

use crate::text::Text;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The form is wrong: a number contradicts the rules or another number, or something required is missing.
    Error,
    /// Doubtful: worth a look, may be right.
    Warning,
    /// For information: how the engine read something.
    Info,
}

impl Severity {
    pub fn label(self) -> Text {
        match self {
            Severity::Error => Text::new("错误", "error"),
            Severity::Warning => Text::new("警告", "warning"),
            Severity::Info => Text::new("提示", "info"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, e.g. `grade.contradicts_total`.
    pub code: &'static str,
    /// The field in the form file, e.g. `declared.grade`, `indicators[4].actual`, `scores.budget_execution`.
    pub path: String,
    pub message: Text,
    /// The rule it rests on, with its basis label.
    pub basis: String,
}

/// The severity [`CODES`] gives `code` (an unknown code counts as an error).
pub fn severity_of(code: &str) -> Severity {
    CODES
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .map(|i| CODES[i].1)
        .unwrap_or(Severity::Error)
}

/// Every finding code the engine can give, with its severity and a one-line description, sorted by
/// code.
pub const CODES: &[(&str, Severity, &str)] = &[
    (
        "block.declared_mismatch",
        Severity::Error,
        "A stated block subtotal differs from the sum of its rows.",
    ),
    (
        "completion.declared_mismatch",
        Severity::Warning,
        "The stated completion differs from the computed one.",
    ),
    (
        "form.unknown_block",
        Severity::Warning,
        "A block weight is given for a block the profile does not have.",
    ),
    (
        "form.unknown_score_row",
        Severity::Warning,
        "A score entry names a row the profile's scoring table does not have.",
    ),
    (
        "funds.allocated_above_budget",
        Severity::Warning,
        "More money arrived than was budgeted: the arrival rate is capped at 100%.",
    ),
    (
        "funds.execution_above_100",
        Severity::Warning,
        "More was spent than budgeted: the rate is capped at 100%.",
    ),
    (
        "funds.negative",
        Severity::Error,
        "A negative amount in the funds table.",
    ),
    (
        "funds.rate_mismatch",
        Severity::Error,
        "The stated execution rate differs from the computed one.",
    ),
    (
        "funds.total_row_mismatch",
        Severity::Error,
        "The stated funds total row differs from the sum of its source rows.",
    ),
    (
        "funds.zero_budget",
        Severity::Error,
        "The full-year budget is zero or missing: no execution rate.",
    ),
    (
        "grade.contradicts_total",
        Severity::Error,
        "The stated grade is not the grade of the stated total.",
    ),
    (
        "grade.declared_mismatch",
        Severity::Error,
        "The stated grade differs from the computed grade.",
    ),
    (
        "grade.unknown",
        Severity::Error,
        "The stated grade is not one of the profile's grades.",
    ),
    (
        "indicator.cost_direction",
        Severity::Warning,
        "A cost row written with ≥ (more is better): check the direction.",
    ),
    (
        "indicator.exact_exceeded",
        Severity::Warning,
        "An '=' target was exceeded: full marks, flagged as a deviation.",
    ),
    (
        "indicator.no_block",
        Severity::Error,
        "A scored indicator row is not under a level-1 heading bound to a block.",
    ),
    (
        "indicator.no_operator",
        Severity::Info,
        "A numeric target without an operator is read as ≥.",
    ),
    (
        "indicator.over_achievement_deduction",
        Severity::Info,
        "The local over-achievement deduction applies.",
    ),
    (
        "indicator.unknown_band",
        Severity::Error,
        "A qualitative row names a band the profile does not have.",
    ),
    (
        "narrative.sum_mismatch",
        Severity::Warning,
        "Amounts in a narrative do not add up to the stated sum.",
    ),
    (
        "reason.missing_adjustment",
        Severity::Error,
        "The budget was adjusted during the year and there is no reason.",
    ),
    (
        "reason.missing_below_weight",
        Severity::Error,
        "A row scores below its weight and has no deviation reason.",
    ),
    (
        "reason.missing_low_execution",
        Severity::Error,
        "Execution is below the threshold and there is no reason.",
    ),
    (
        "reason.missing_over_achievement",
        Severity::Error,
        "A row over-achieves beyond the threshold and has no reason.",
    ),
    (
        "score.above_weight",
        Severity::Error,
        "A score is above its row's weight (or below zero).",
    ),
    (
        "score.band_needs_score",
        Severity::Warning,
        "A qualitative band below full needs a score chosen inside it.",
    ),
    (
        "score.declared_mismatch",
        Severity::Error,
        "A stated row score differs from the computed one.",
    ),
    (
        "score.full_marks_below_target",
        Severity::Error,
        "Full marks for a row whose actual is below its target.",
    ),
    (
        "score.missing",
        Severity::Warning,
        "A row scored by judgement has no score yet.",
    ),
    (
        "score.outside_band",
        Severity::Error,
        "A qualitative score lies outside its band.",
    ),
    (
        "score.override_without_reason",
        Severity::Error,
        "A computed score was overridden without a reason.",
    ),
    (
        "score.rounded_early",
        Severity::Error,
        "A stated score was computed from a rate rounded before scoring.",
    ),
    (
        "total.above_reachable",
        Severity::Error,
        "The stated total is higher than the rows can reach.",
    ),
    (
        "total.capped",
        Severity::Info,
        "The local execution-rate cap lowered the total.",
    ),
    (
        "total.declared_mismatch",
        Severity::Error,
        "The stated total differs from the computed total.",
    ),
    (
        "total.rescaled",
        Severity::Info,
        "Rows that do not apply were left out and the total rescaled to 100.",
    ),
    (
        "value.approximate",
        Severity::Warning,
        "An approximate value (余, 多, 左右, 约).",
    ),
    (
        "value.unit_mismatch",
        Severity::Warning,
        "Target and actual are in units that cannot be compared.",
    ),
    (
        "value.unparseable",
        Severity::Warning,
        "A target or actual cannot be compared; the row is treated as qualitative.",
    ),
    (
        "weights.block_sum",
        Severity::Error,
        "The weights of a block's rows do not add up to the block's weight.",
    ),
    (
        "weights.missing",
        Severity::Error,
        "A scored indicator row has no weight.",
    ),
    (
        "weights.not_adjustable",
        Severity::Warning,
        "A block weight was changed where the profile does not allow it; the profile's is used.",
    ),
    (
        "weights.total_sum",
        Severity::Error,
        "The block weights do not add up to 100.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_unique_so_lookup_can_bisect() {
        assert!(CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(severity_of("grade.contradicts_total"), Severity::Error);
        assert_eq!(severity_of("value.approximate"), Severity::Warning);
        assert_eq!(severity_of("total.rescaled"), Severity::Info);
    }
}
