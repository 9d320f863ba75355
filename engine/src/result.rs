//! What evaluation gives: every derived number, each with its explanation, and the findings.

use crate::decimal::Decimal;
use crate::findings::{Finding, Severity};
use crate::text::Text;
use crate::value::{Op, Value};
use serde::Serialize;

/// A derived number: its exact value (after the rounding steps the profile states), how it is shown,
/// and how it was obtained, written with the real numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    #[serde(with = "crate::decimal::as_string")]
    pub value: Decimal,
    pub shown: String,
    pub explain: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub profile: String,
    pub funds: FundsResult,
    /// One entry per row of the indicator outline, in the same order.
    pub indicators: Vec<IndicatorResult>,
    pub blocks: Vec<BlockResult>,
    /// The sum of the block scores.
    pub raw_total: Figure,
    /// Present when rows that do not apply were left out and the total rescaled to 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rescaled: Option<Figure>,
    /// Present when a local execution-rate cap lowered the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capped: Option<Figure>,
    /// 综合得分 / 总分.
    pub total: Figure,
    /// The highest total the rows can reach given the computed rows (judgement rows at full marks).
    pub reachable: Figure,
    pub grade: Option<GradeResult>,
    pub findings: Vec<Finding>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let n = |s| findings.iter().filter(|f| f.severity == s).count();
        Counts {
            errors: n(Severity::Error),
            warnings: n(Severity::Warning),
            infos: n(Severity::Info),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeResult {
    pub grade: String,
    pub name_en: String,
    pub explain: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FundsResult {
    /// The total row, derived from the source rows, per column.
    pub initial: Option<Figure>,
    pub budget: Option<Figure>,
    pub allocated: Option<Figure>,
    pub spent: Option<Figure>,
    /// 执行率 = spent ÷ budget (exact ratio as value; shown as a percentage).
    pub execution_rate: Option<Figure>,
    /// 资金到位率 = allocated ÷ budget.
    pub arrival_rate: Option<Figure>,
}

impl FundsResult {
    pub fn column(&self, column: crate::model::FundsColumn) -> Option<&Figure> {
        use crate::model::FundsColumn::*;
        match column {
            Initial => self.initial.as_ref(),
            Budget => self.budget.as_ref(),
            Allocated => self.allocated.as_ref(),
            Spent => self.spent.as_ref(),
        }
    }
}

/// How the engine read one row of the indicator outline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub level: u8,
    /// The block it scores into (level-3 rows of scored profiles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    pub target: Value,
    pub actual: Value,
    /// The comparison used (from the operator column or the target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    /// How the row is scored or compared: "ratio" (≥), "inverse" (≤), "exact" (=), "qualitative", "manual".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The qualitative band, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// 完成进度 = actual ÷ target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<Figure>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockResult {
    pub id: String,
    pub name: Text,
    pub weight: Figure,
    pub score: Figure,
    pub rows: Vec<RowResult>,
}

/// Where a row's score comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreSource {
    /// Computed by the engine.
    Computed,
    /// Entered by the evaluator (judgement rows).
    Entered,
    /// Entered over a computed score, with a reason.
    Override,
    /// Not entered yet: counts as 0.
    Missing,
    /// The row does not apply.
    Excluded,
}

/// One scored row (a fixed row of the scoring table or a level-3 indicator).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowResult {
    /// The fixed row's id, or the indicator row's id.
    pub id: String,
    /// The field in the form file (`scores.budget_execution`, `indicators[4]`).
    pub path: String,
    pub group: String,
    pub name: String,
    #[serde(with = "crate::decimal::as_string")]
    pub weight: Decimal,
    /// "funds_execution", "funds_arrival", "ratio", "inverse", "exact", "qualitative", "manual",
    /// "banded", "per_point", "coefficient".
    pub method: String,
    pub method_label: Text,
    /// The engine's score, where the row is computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Figure>,
    /// The evaluator's score, where entered.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub entered: Option<Decimal>,
    pub source: ScoreSource,
    /// The score that counts.
    pub score: Figure,
}
