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
    /// Where that is, as a clerk sees the form (`资金表 · 市级预算资金 · 全年执行数`).
    pub place: Text,
    pub message: Text,
    /// The rule it rests on, with its basis label.
    pub basis: String,
}

/// The documents a finding's rule rests on, by the label its basis starts with (GUIDE §4).
const SOURCES: [(&str, &str, &str); 5] = [
    (
        "[2020]",
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）",
        "Measures for the performance evaluation of project expenditure (财预〔2020〕10号)",
    ),
    (
        "[2013]",
        "《预算绩效评价共性指标体系框架》（财预〔2013〕53号）",
        "Framework of common budget performance indicators (财预〔2013〕53号)",
    ),
    (
        "[form]",
        "公开发布的自评表",
        "published self-evaluation forms",
    ),
    (
        "[note]",
        "自评表填表说明",
        "the forms' filling instructions",
    ),
    (
        "[local]",
        "地方规则（本规则选用）",
        "a local rule this profile uses",
    ),
];

/// The rules the engine and the built-in profiles cite, in English (a custom profile's own rule text
/// is shown as written).
const RULES_EN: [(&str, &str); 56] = [
    ("总分 = 各部分得分之和", "total = the sum of the blocks' scores"),
    ("定性指标分档评分", "qualitative rows are scored within bands"),
    ("定性指标：达成 [80%,100%]、部分达成 [60%,80%)、未达成 [0,60%)", "qualitative rows: achieved [80%, 100%], partly achieved [60%, 80%), not achieved [0, 60%)"),
    ("定性指标三档", "three bands for qualitative rows"),
    ("大幅超额完成须分析原因", "a large over-achievement needs its reason analysed"),
    ("金额不能为负", "amounts cannot be negative"),
    ("等于型指标超出目标：按满分计并提示偏差（本工具的约定）", "an '=' target exceeded: full marks, flagged as a deviation (this tool's convention)"),
    ("精确计算，只在规则规定处四舍五入", "compute exactly; round half away from zero only where the profile says"),
    ("偏差原因分析及改进措施", "deviation reason and remedy"),
    ("未达目标不应得满分", "a row below its target does not get full marks"),
    ("实际完成值须能与目标值比较，否则按定性评分", "the actual must be comparable with the target, else the row is scored as qualitative"),
    ("小计 = 各行得分之和", "subtotal = the sum of the rows' scores"),
    ("改动计算得分须说明理由", "a changed computed score needs a reason"),
    ("年中调整预算须说明原因", "a budget adjusted during the year needs a reason"),
    ("执行率低于阈值须说明原因", "execution below the threshold needs a reason"),
    ("完成进度 = 实际完成值 ÷ 目标值", "completion = actual ÷ target"),
    ("合计行 = 各来源行之和", "the total row = the sum of the source rows"),
    ("按预算执行率对总分封顶", "the total is capped by the execution rate"),
    ("“余”“多”“左右”为约数，须核实", "余, 多 and 左右 mark approximate values, to be checked"),
    ("不适用指标不计，按适用指标满分折算为 100 分", "rows that do not apply are left out and the total rescaled to 100"),
    ("资金到位率 = 实际到位 ÷ 计划投入", "arrival rate = funds arrived ÷ funds planned"),
    ("目标值与实际完成值须为同一单位才能比较", "target and actual must be in one unit to compare"),
    ("总分 100", "the total is out of 100"),
    ("方向取自目标值中的 ≥ ≤ =，而非指标类别", "the direction comes from the ≥ ≤ = in the target, not from the row's category"),
    ("目标未写 ≥ ≤ = 时，控制率、结余率等反向指标按名称推断为 ≤（越少越好）", "where a target has no ≥ ≤ =, reverse indicators (control, carry-over, complaint rates …) are read as ≤ (less is better) from their name"),
    ("表中各栏须填写完整", "every cell of the form is to be filled in"),
    ("绩效目标年中调整须有依据，不得为完成而调低", "a target changed during the year needs a basis, and is not lowered to be met"),
    ("二级指标分值 = 其下各三级指标分值之和", "a level-2 heading's points = the sum of its rows' weights"),
    ("各资金来源的执行数不应超过其预算数", "no source of money should spend more than its own budget"),
    ("成本指标应与资金执行情况相符", "cost rows should agree with how much of the budget was spent"),
    ("表内数字须按表单所用的规则计算", "the numbers of a form follow the profile it is filled in with"),
    ("执行率 = 全年执行数 ÷ 全年预算数（调整后的全年预算，而非年初预算）", "execution rate = amount spent ÷ full-year budget (the adjusted budget, not the initial one)"),
    ("数字栏须填写可读的数字（金额、分值、得分），否则无法计算", "number cells (amounts, weights, scores) need a readable number, or nothing can be computed"),
    ("得分 = min(执行率, 100%) × 分值", "score = min(execution rate, 100%) × weight"),
    ("文字说明中的金额应与合计一致", "amounts in the narrative should add up to the stated sum"),
    ("文字说明中的金额应与资金表一致", "amounts in the narrative should be the funds table's"),
    ("同一指标在表中各处的完成值应一致", "one measure should have one result wherever the form states it"),
    ("定量指标按实际完成值与目标值的比例计分", "a quantitative row is scored by its actual against its target"),
    ("核心指标未完成须重点说明", "a core indicator that falls short needs its reason stated"),
    ("得分 = 得分系数(%) × 分值", "score = coefficient (%) × weight"),
    ("得分须以实际完成情况为依据", "a score rests on what was achieved"),
    ("90 分及以上为优，80–90 分为良，60–80 分为中，60 分以下为差", "90 and above 优 (excellent), 80–90 良 (good), 60–80 中 (fair), below 60 差 (poor)"),
    ("财预〔2020〕10号《项目支出绩效评价管理办法》附件", "the annex of 财预〔2020〕10号 (Measures for the performance evaluation of project expenditure)"),
    ("执行率 = 全年执行数 ÷ 全年预算数；得分 = min(执行率, 100%) × 分值", "execution rate = amount spent ÷ full-year budget; score = min(execution rate, 100%) × weight"),
    ("执行率 = 实际支出 ÷ 预算资金；得分 = min(执行率, 100%) × 分值", "execution rate = spent ÷ budget; score = min(execution rate, 100%) × weight"),
    ("晋中市财政支出项目绩效自评表 (2021)", "晋中市财政支出项目绩效自评表 (Jinzhong project self-evaluation form, 2021)"),
    ("晋中市财政支出项目绩效自评表 (2021)；评分表依 2013 年共性指标框架", "晋中市财政支出项目绩效自评表 (Jinzhong project self-evaluation form, 2021); the scoring table follows the 2013 common indicator framework"),
    ("≤10% 满分；每超 1 个百分点扣 0.5 分，扣完为止", "≤10% full marks; minus 0.5 for each percentage point above, down to 0"),
    ("≤100% 满分；每超 1 个百分点扣 0.5 分，不低于 0", "≤100% full marks; minus 0.5 for each percentage point above, not below 0"),
    ("≤100% 满分；每超 1 个百分点扣 1 分，不低于 0", "≤100% full marks; minus 1 for each percentage point above, not below 0"),
    ("≥90% 得 4；80–90% 得 3；70–80% 得 2；60–70% 得 1；以下 0", "≥90% 4; 80–90% 3; 70–80% 2; 60–70% 1; below 0"),
    ("≥90% 得 5；80–90% 得 4；70–80% 得 3；60–70% 得 2；以下 0", "≥90% 5; 80–90% 4; 70–80% 3; 60–70% 2; below 0"),
    ("得分 = 得分系数(%) × 权重", "score = coefficient (%) × weight"),
    ("省级变体：预算执行 10 分 + 绩效指标 90 分，设指标性质列", "a provincial variant: budget execution 10 + indicators 90, with a direction column"),
    ("部门整体支出绩效评价常见做法（分档、逐点扣分、得分系数）", "common practice for department-wide evaluation (bands, per-point deductions, coefficients)"),
    ("时效：按期完成得满分，逾期得 0 分", "deadline: full when met, 0 when missed"),
];

impl Finding {
    /// The rule a finding rests on, for people: the document it comes from and the rule itself
    /// (`《项目支出绩效评价管理办法》（财预〔2020〕10号）：偏差原因分析及改进措施`).
    pub fn basis_text(&self) -> Text {
        let b = self.basis.trim();
        match SOURCES.iter().find(|(tag, _, _)| b.starts_with(tag)) {
            Some((tag, zh, en)) => {
                let rule = b[tag.len()..].trim();
                let rule_en = RULES_EN
                    .iter()
                    .find(|(z, _)| *z == rule)
                    .map_or(rule, |(_, e)| *e);
                if rule.is_empty() {
                    Text::new(*zh, *en)
                } else {
                    Text::new(format!("{zh}：{rule}"), format!("{en}: {rule_en}"))
                }
            }
            None => Text::same(b),
        }
    }
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
    FormIncomplete = "form.incomplete", Info, "The form is marked incomplete (its source is cut off or illegible): a partial total, no grade, and no check that needs the whole form.";
    FormUnknownBlock = "form.unknown_block", Warning, "A block weight is given for a block the profile does not have.";
    FormUnknownNarrative = "form.unknown_narrative", Warning, "A narrative under a key that is not a section of the profile: not shown, printed or exported.";
    FormUnknownScoreRow = "form.unknown_score_row", Warning, "A score entry names a row the profile's scoring table does not have.";
    FundsAllocatedAboveBudget = "funds.allocated_above_budget", Warning, "More money arrived than was budgeted: the arrival rate is capped at 100%.";
    FundsBudgetCutToSpent = "funds.budget_cut_to_spent", Warning, "The full-year budget was cut during the year to exactly the amount spent: 100% execution by adjustment.";
    FundsExecutionAbove100 = "funds.execution_above_100", Warning, "More was spent than budgeted: the rate is capped at 100%.";
    FundsNegative = "funds.negative", Error, "A negative amount in the funds table.";
    FundsRateBlank = "funds.rate_blank", Warning, "The form states its figures, but the 执行率 cell its layout prints is left blank.";
    FundsRateMismatch = "funds.rate_mismatch", Error, "The stated execution rate differs from the computed one.";
    FundsRowAboveBudget = "funds.row_above_budget", Warning, "A source row spent more than its own budget.";
    FundsTotalRowMismatch = "funds.total_row_mismatch", Error, "The stated funds total row differs from the sum of its source rows.";
    FundsZeroBudget = "funds.zero_budget", Error, "The full-year budget is zero or missing: no execution rate.";
    GradeContradictsTotal = "grade.contradicts_total", Error, "The stated grade is not the grade of the stated total.";
    GradeDeclaredMismatch = "grade.declared_mismatch", Error, "The stated grade differs from the computed grade.";
    GradeUnknown = "grade.unknown", Error, "The stated grade is not one of the profile's grades.";
    IndicatorCoreMissed = "indicator.core_missed", Warning, "A core indicator (核心指标) scores below its weight.";
    IndicatorCostDirection = "indicator.cost_direction", Warning, "A cost row written with ≥ (more is better): check the direction.";
    IndicatorCostVsSpending = "indicator.cost_vs_spending", Warning, "Cost rows against the funds table: their actual amounts add up to more than was spent, or a cost row for the whole budget is 100% done while far less was spent.";
    IndicatorExactExceeded = "indicator.exact_exceeded", Warning, "An '=' target was exceeded: full marks, flagged as a deviation.";
    IndicatorNatureMismatch = "indicator.nature_mismatch", Warning, "A row marked 定量 (quantitative) whose target and actual do not compare as numbers.";
    IndicatorNoBlock = "indicator.no_block", Error, "A scored indicator row is not under a level-1 heading bound to a block.";
    IndicatorNoOperator = "indicator.no_operator", Info, "A numeric target without an operator: read as ≤ when a word of the row's name says less is better (控制率, 结余率 …), else as ≥.";
    IndicatorOverAchievementDeduction = "indicator.over_achievement_deduction", Info, "The local over-achievement deduction applies.";
    IndicatorSameMeasureDiffers = "indicator.same_measure_differs", Warning, "One measure with two results: two rows of the same name and unit with different actuals, or an execution-rate row against the funds table's rate.";
    IndicatorTargetLowered = "indicator.target_lowered", Warning, "The adjusted target is easier than the one set at the start of the year (年初指标值 against 调整后指标值).";
    IndicatorUnknownBand = "indicator.unknown_band", Error, "A qualitative row names a band the profile does not have.";
    NarrativeFundsMismatch = "narrative.funds_mismatch", Warning, "A narrative states the full-year budget or the amount spent, and the funds table says another.";
    NarrativeSumMismatch = "narrative.sum_mismatch", Warning, "Amounts in a narrative do not add up to the stated sum.";
    ProfileChanged = "profile.changed", Warning, "The form was scored with a profile whose content differs from the one loaded under its id: stated numbers may follow the other version.";
    ProfileOther = "profile.other", Warning, "The form is scored with a profile other than the one it names (chosen by the caller).";
    ReasonMissingAdjustment = "reason.missing_adjustment", Error, "The budget was adjusted during the year and there is no reason.";
    ReasonMissingBelowWeight = "reason.missing_below_weight", Error, "A row scores below its weight and has no deviation reason.";
    ReasonMissingLowExecution = "reason.missing_low_execution", Error, "Execution is below the threshold and there is no reason.";
    ReasonMissingOverAchievement = "reason.missing_over_achievement", Error, "A row over-achieves beyond the threshold and has no reason.";
    ScoreAboveWeight = "score.above_weight", Error, "A score is above its row's weight (or below zero).";
    ScoreBandNeedsScore = "score.band_needs_score", Warning, "A qualitative band below full needs a score chosen inside it.";
    ScoreDeclaredMismatch = "score.declared_mismatch", Error, "A stated row score differs from the computed one.";
    ScoreFullMarksBelowTarget = "score.full_marks_below_target", Error, "Full marks for a row whose actual is below its target.";
    ScoreFullWithoutEvidence = "score.full_without_evidence", Warning, "Full marks on a row with no target or no actual to show for them.";
    ScoreMissing = "score.missing", Warning, "A row scored by judgement has no score yet.";
    ScoreOutsideBand = "score.outside_band", Error, "A qualitative score lies outside its band.";
    ScoreOverrideWithoutReason = "score.override_without_reason", Error, "A computed score was overridden without a reason.";
    ScoreRoundedEarly = "score.rounded_early", Error, "A stated score was computed from a rate rounded before scoring.";
    TotalAboveReachable = "total.above_reachable", Error, "The stated total is higher than the rows can reach.";
    TotalCapped = "total.capped", Info, "The local execution-rate cap lowered the total.";
    TotalDeclaredMismatch = "total.declared_mismatch", Error, "The stated total differs from the computed total.";
    TotalDeclaredRowsSum = "total.declared_rows_sum", Error, "The row scores stated on the form do not add up to the stated total.";
    TotalRescaled = "total.rescaled", Info, "Rows that do not apply were left out and the total rescaled to 100.";
    ValueApproximate = "value.approximate", Warning, "An approximate value (余, 多, 左右, 约).";
    ValueMissing = "value.missing", Error, "A required input is empty: the numbers that depend on it are left open.";
    ValueUnitMismatch = "value.unit_mismatch", Warning, "Target and actual are in units that cannot be compared.";
    ValueUnparseable = "value.unparseable", Warning, "A target or actual cannot be compared; the row is treated as qualitative.";
    ValueUnread = "value.unread", Error, "What was typed into a number field is not a number: kept as typed, and the numbers that depend on it are left open.";
    WeightsBlockSum = "weights.block_sum", Error, "The weights of a block's rows do not add up to the block's weight.";
    WeightsGroupSum = "weights.group_sum", Error, "The weights of a level-2 heading's rows do not add up to the points it states (its weight, or 数量指标（10分） in its name).";
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

#[cfg(test)]
mod basis_tests {
    use super::*;

    /// Every rule the engine's sources and the built-in profiles cite (`"[tag] rule"`).
    fn cited() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                for (tag, _, _) in SOURCES {
                    for piece in text.split(&format!("\"{tag} ")).skip(1) {
                        if let Some(rule) = piece.split('"').next() {
                            out.push(rule.trim().to_string());
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_rule_the_engine_and_the_built_in_profiles_cite_reads_in_english() {
        let rules = cited();
        assert!(rules.len() > 30, "{rules:?}");
        let missing: Vec<&String> = rules
            .iter()
            .filter(|r| !RULES_EN.iter().any(|(zh, _)| zh == r))
            .collect();
        assert!(missing.is_empty(), "no English for: {missing:#?}");
    }
}
