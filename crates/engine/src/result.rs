//! What evaluation gives: every derived number, each with its explanation, and the findings.

use crate::decimal::Decimal;
use crate::explain::Explain;
use crate::findings::{Finding, Severity};
use crate::text::Text;
use crate::value::{Op, Value};
use serde::Serialize;

/// A derived number: its exact value (after the rounding steps the profile states), how it is shown,
/// and how it was obtained, written with the real numbers. `shown` and `explain` are rendered when read.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: Decimal,
    pub format: Format,
    pub explain: Explain,
}

/// How a figure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Exactly this many decimals (scores: "1.66").
    Fixed(u32),
    /// A ratio as a percentage with this many decimals ("55.28%").
    Percent(u32),
    /// With the decimals it has (amounts as typed: "969.94").
    Raw,
    /// Not counted: "—".
    Dash,
}

impl Figure {
    pub fn new(value: Decimal, format: Format, explain: Explain) -> Self {
        Figure {
            value,
            format,
            explain,
        }
    }

    /// The number as shown to a person.
    pub fn shown(&self) -> String {
        match self.format {
            Format::Fixed(p) => crate::decimal::fixed(self.value, p),
            Format::Percent(p) => crate::decimal::percent(self.value, p),
            Format::Raw => self.value.to_string(),
            Format::Dash => "—".to_string(),
        }
    }

    /// How it was obtained, in both languages.
    pub fn explanation(&self) -> Text {
        self.explain.text()
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Figure", 3)?;
        st.serialize_field("value", &self.value.to_string())?;
        st.serialize_field("shown", &self.shown())?;
        st.serialize_field("explain", &self.explain)?;
        st.end()
    }
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

/// How the engine read one row of the indicator outline (`Evaluation::indicators[i]` is the form's
/// `indicators[i]`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub level: u8,
    pub target: Value,
    pub actual: Value,
    /// The comparison used (from the operator column or the target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    /// How the row is scored or compared: "ratio" (≥), "inverse" (≤), "exact" (=), "qualitative", "manual".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
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
#[derive(Clone, Debug, PartialEq)]
pub struct RowResult {
    /// The fixed row's id, or the indicator row's id.
    pub id: String,
    /// Where the row is in the form file; see [`RowResult::path`].
    pub place: RowPlace,
    pub name: String,
    pub weight: Decimal,
    /// "funds_execution", "funds_arrival", "ratio", "inverse", "exact", "qualitative", "manual",
    /// "banded", "per_point", "coefficient".
    pub method: &'static str,
    /// The engine's score, where it is not the score that counts: beside an override, or the band's
    /// default beside an entered qualitative score. (Where the engine's score counts, it is `score`.)
    pub computed: Option<Figure>,
    /// The evaluator's score, where entered.
    pub entered: Option<Decimal>,
    pub source: ScoreSource,
    /// The score that counts.
    pub score: Figure,
}

/// Where a scored row lives in the form file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowPlace {
    /// `scores.<id>`: a fixed row of the profile's scoring table.
    Score,
    /// `indicators[<i>]`: a level-3 row of the indicator outline.
    Indicator(usize),
}

impl RowResult {
    /// The field in the form file: `scores.budget_execution`, `indicators[4]`.
    pub fn path(&self) -> String {
        match self.place {
            RowPlace::Score => format!("scores.{}", self.id),
            RowPlace::Indicator(i) => format!("indicators[{i}]"),
        }
    }
}

impl Serialize for RowResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RowResult", 9)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("path", &self.path())?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("weight", &self.weight.to_string())?;
        st.serialize_field("method", self.method)?;
        if let Some(c) = &self.computed {
            st.serialize_field("computed", c)?;
        }
        if let Some(e) = &self.entered {
            st.serialize_field("entered", &e.to_string())?;
        }
        st.serialize_field("source", &self.source)?;
        st.serialize_field("score", &self.score)?;
        st.end()
    }
}
