//! Findings: what is wrong or doubtful in a form, each with a stable code, the field it concerns, a
//! message in Chinese and English, and the rule it rests on. The full list of codes is in
//! docs/findings.md and in [`FindingCode::ALL`].

use crate::path::FieldPath;
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
    pub code: FindingCode,
    /// The place in the form it concerns, e.g. `declared.grade`, `indicators[4].actual`,
    /// `scores.budget_execution.score`.
    pub path: FieldPath,
    pub message: Text,
    /// The rule it rests on, with its basis label.
    pub basis: String,
}

/// Declares [`FindingCode`] from one table: each code with its written form, its severity and a
/// one-line description (docs/findings.md lists the same).
macro_rules! finding_codes {
    ($($variant:ident = $key:literal, $severity:ident, $description:literal;)*) => {
        /// Every finding code the engine can give.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingCode {
            $($variant),*
        }

        impl FindingCode {
            /// Every code, sorted by its written form.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant),*];

            /// The code as written in files, exports and docs (`grade.contradicts_total`).
            pub fn key(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $key),*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(FindingCode::$variant => Severity::$severity),*
                }
            }

            /// What the code means, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $description),*
                }
            }

            pub fn from_key(key: &str) -> Option<FindingCode> {
                match key {
                    $($key => Some(FindingCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

finding_codes! {
    BlockDeclaredMismatch = "block.declared_mismatch", Error, "A stated block subtotal differs from the sum of its rows.";
    CompletionDeclaredMismatch = "completion.declared_mismatch", Warning, "The stated completion differs from the computed one.";
    FormUnknownBlock = "form.unknown_block", Warning, "A block weight is given for a block the profile does not have.";
    FormUnknownScoreRow = "form.unknown_score_row", Warning, "A score entry names a row the profile's scoring table does not have.";
    FundsAllocatedAboveBudget = "funds.allocated_above_budget", Warning, "More money arrived than was budgeted: the arrival rate is capped at 100%.";
    FundsExecutionAbove100 = "funds.execution_above_100", Warning, "More was spent than budgeted: the rate is capped at 100%.";
    FundsNegative = "funds.negative", Error, "A negative amount in the funds table.";
    FundsRateMismatch = "funds.rate_mismatch", Error, "The stated execution rate differs from the computed one.";
    FundsTotalRowMismatch = "funds.total_row_mismatch", Error, "The stated funds total row differs from the sum of its source rows.";
    FundsZeroBudget = "funds.zero_budget", Error, "The full-year budget is zero or missing: no execution rate.";
    GradeContradictsTotal = "grade.contradicts_total", Error, "The stated grade is not the grade of the stated total.";
    GradeDeclaredMismatch = "grade.declared_mismatch", Error, "The stated grade differs from the computed grade.";
    GradeUnknown = "grade.unknown", Error, "The stated grade is not one of the profile's grades.";
    IndicatorCostDirection = "indicator.cost_direction", Warning, "A cost row written with ≥ (more is better): check the direction.";
    IndicatorExactExceeded = "indicator.exact_exceeded", Warning, "An '=' target was exceeded: full marks, flagged as a deviation.";
    IndicatorNoBlock = "indicator.no_block", Error, "A scored indicator row is not under a level-1 heading bound to a block.";
    IndicatorNoOperator = "indicator.no_operator", Info, "A numeric target without an operator is read as ≥.";
    IndicatorOverAchievementDeduction = "indicator.over_achievement_deduction", Info, "The local over-achievement deduction applies.";
    IndicatorUnknownBand = "indicator.unknown_band", Error, "A qualitative row names a band the profile does not have.";
    NarrativeSumMismatch = "narrative.sum_mismatch", Warning, "Amounts in a narrative do not add up to the stated sum.";
    ReasonMissingAdjustment = "reason.missing_adjustment", Error, "The budget was adjusted during the year and there is no reason.";
    ReasonMissingBelowWeight = "reason.missing_below_weight", Error, "A row scores below its weight and has no deviation reason.";
    ReasonMissingLowExecution = "reason.missing_low_execution", Error, "Execution is below the threshold and there is no reason.";
    ReasonMissingOverAchievement = "reason.missing_over_achievement", Error, "A row over-achieves beyond the threshold and has no reason.";
    ScoreAboveWeight = "score.above_weight", Error, "A score is above its row's weight (or below zero).";
    ScoreBandNeedsScore = "score.band_needs_score", Warning, "A qualitative band below full needs a score chosen inside it.";
    ScoreDeclaredMismatch = "score.declared_mismatch", Error, "A stated row score differs from the computed one.";
    ScoreFullMarksBelowTarget = "score.full_marks_below_target", Error, "Full marks for a row whose actual is below its target.";
    ScoreMissing = "score.missing", Warning, "A row scored by judgement has no score yet.";
    ScoreOutsideBand = "score.outside_band", Error, "A qualitative score lies outside its band.";
    ScoreOverrideWithoutReason = "score.override_without_reason", Error, "A computed score was overridden without a reason.";
    ScoreRoundedEarly = "score.rounded_early", Error, "A stated score was computed from a rate rounded before scoring.";
    TotalAboveReachable = "total.above_reachable", Error, "The stated total is higher than the rows can reach.";
    TotalCapped = "total.capped", Info, "The local execution-rate cap lowered the total.";
    TotalDeclaredMismatch = "total.declared_mismatch", Error, "The stated total differs from the computed total.";
    TotalRescaled = "total.rescaled", Info, "Rows that do not apply were left out and the total rescaled to 100.";
    ValueApproximate = "value.approximate", Warning, "An approximate value (余, 多, 左右, 约).";
    ValueMissing = "value.missing", Error, "A required input is empty: the numbers that depend on it are left open.";
    ValueUnitMismatch = "value.unit_mismatch", Warning, "Target and actual are in units that cannot be compared.";
    ValueUnparseable = "value.unparseable", Warning, "A target or actual cannot be compared; the row is treated as qualitative.";
    ValueUnread = "value.unread", Error, "What was typed into a number field is not a number: kept as typed, and the numbers that depend on it are left open.";
    WeightsBlockSum = "weights.block_sum", Error, "The weights of a block's rows do not add up to the block's weight.";
    WeightsMissing = "weights.missing", Error, "A scored indicator row has no weight.";
    WeightsNotAdjustable = "weights.not_adjustable", Warning, "A block weight was changed where the profile does not allow it; the profile's is used.";
    WeightsTotalSum = "weights.total_sum", Error, "The block weights do not add up to 100.";
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_read_back() {
        assert!(FindingCode::ALL.windows(2).all(|w| w[0].key() < w[1].key()));
        for c in FindingCode::ALL {
            assert_eq!(FindingCode::from_key(c.key()), Some(*c));
        }
        assert_eq!(
            FindingCode::GradeContradictsTotal.severity(),
            Severity::Error
        );
        assert_eq!(FindingCode::ValueApproximate.severity(), Severity::Warning);
        assert_eq!(FindingCode::TotalRescaled.severity(), Severity::Info);
    }
}
