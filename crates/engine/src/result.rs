//! What evaluation gives: every derived number, each with its explanation, and the findings.

use crate::decimal::Decimal;
use crate::explain::Explain;
use crate::findings::{Finding, Severity};
use crate::path::FieldPath;
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
    /// Cannot be computed until an input is fixed or filled in: "—", and the explanation says which.
    Pending,
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
            Format::Dash | Format::Pending => "—".to_string(),
        }
    }

    /// A number that cannot be computed yet, and why (`why` names the input to fix or fill in).
    pub fn pending(why: Explain) -> Self {
        Figure::new(Decimal::ZERO, Format::Pending, why)
    }

    /// Whether the number waits for an input (see [`Figure::pending`]).
    pub fn is_pending(&self) -> bool {
        self.format == Format::Pending
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
        if self.is_pending() {
            st.serialize_field("value", &None::<String>)?;
        } else {
            st.serialize_field("value", &self.value.to_string())?;
        }
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
    /// The form is marked 不完整 (`form.incomplete`): the total is the sum of what is there, with no
    /// grade.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
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
    /// Each source row's own 执行率 (spent ÷ budget of that row), where the profile prints it
    /// (`funds.row_rates`): none where the row has no budget, or a cell waits for an input (0/0 is
    /// shown "—", never 0%).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_rates: Vec<Option<Figure>>,
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
    /// Where `op` comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op_from: Option<OpFrom>,
    /// How the row is scored or compared: ratio (≥), inverse (≤), exact (=), qualitative, manual.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodId>,
    /// The qualitative band, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// 完成进度 = actual ÷ target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<Figure>,
}

/// Where a row's direction (≥ ≤ =) comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpFrom {
    /// Written in the target (`≤3%`).
    Target,
    /// The row's 指标性质 (`operator`): the layout's column, or set on the row.
    Operator,
    /// Inferred from a word of the row's name (控制率, 结余率 …): the profile's `direction_words`.
    Name(String),
    /// Nothing says it: read as ≥ (more is better).
    Assumed,
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
    /// Where the row is in the form file: `scores.<id>` ([`FieldPath::ScoreRow`]) or `indicators[i]`
    /// ([`FieldPath::IndicatorRow`]).
    pub path: FieldPath,
    pub name: String,
    #[serde(with = "crate::decimal::as_string")]
    pub weight: Decimal,
    pub method: MethodId,
    /// The engine's score, where it is not the score that counts: beside an override, or the band's
    /// default beside an entered qualitative score. (Where the engine's score counts, it is `score`.)
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

impl RowResult {
    /// The index of the indicator row this is, or `None` for a fixed row of the scoring table.
    pub fn indicator(&self) -> Option<usize> {
        match self.path {
            FieldPath::IndicatorRow(i) => Some(i),
            _ => None,
        }
    }
}

/// How a row is scored (or, for an unscored indicator row, compared).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MethodId {
    /// min(全年执行数 ÷ 全年预算数, 100%) × weight.
    FundsExecution,
    /// min(到位资金 ÷ 预算资金, 100%) × weight.
    FundsArrival,
    /// ≥, more is better: min(actual ÷ target, 100%) × weight.
    Ratio,
    /// ≤, less is better: full within target, else target ÷ actual × weight.
    Inverse,
    /// =: full when equal, proportional below.
    Exact,
    /// A date against a deadline: full when met, 0 when missed.
    Deadline,
    /// Scored within a qualitative band.
    Qualitative,
    /// The evaluator's judgement.
    Manual,
    /// A banded table.
    Banded,
    /// Per-point deductions.
    PerPoint,
    /// 得分系数 × weight.
    Coefficient,
    /// 每发现一次扣若干分，扣完为止.
    PerCount,
}

impl MethodId {
    pub const ALL: [MethodId; 12] = [
        MethodId::FundsExecution,
        MethodId::FundsArrival,
        MethodId::Ratio,
        MethodId::Inverse,
        MethodId::Exact,
        MethodId::Deadline,
        MethodId::Qualitative,
        MethodId::Manual,
        MethodId::Banded,
        MethodId::PerPoint,
        MethodId::Coefficient,
        MethodId::PerCount,
    ];

    /// The method's name in the JSON output and in profiles (`funds_execution`, `ratio` …).
    pub fn key(self) -> &'static str {
        match self {
            MethodId::FundsExecution => "funds_execution",
            MethodId::FundsArrival => "funds_arrival",
            MethodId::Ratio => "ratio",
            MethodId::Inverse => "inverse",
            MethodId::Exact => "exact",
            MethodId::Deadline => "deadline",
            MethodId::Qualitative => "qualitative",
            MethodId::Manual => "manual",
            MethodId::Banded => "banded",
            MethodId::PerPoint => "per_point",
            MethodId::Coefficient => "coefficient",
            MethodId::PerCount => "per_count",
        }
    }

    /// Whether the score is the evaluator's judgement (entered), not computed from values.
    pub fn is_judgement(self) -> bool {
        matches!(self, MethodId::Manual | MethodId::Qualitative)
    }

    /// The evaluator-facing name of the method.
    pub fn label(self) -> Text {
        match self {
            MethodId::FundsExecution => {
                Text::new("按预算执行率计算", "from the budget execution rate")
            }
            MethodId::FundsArrival => Text::new("按资金到位率计算", "from the funds arrival rate"),
            MethodId::Ratio => Text::new(
                "≥ 正向：实际 ÷ 目标 × 分值",
                "≥ more is better: actual ÷ target × weight",
            ),
            MethodId::Inverse => Text::new(
                "≤ 反向：未超目标得满分，否则 目标 ÷ 实际 × 分值",
                "≤ less is better: full within target, else target ÷ actual × weight",
            ),
            MethodId::Exact => Text::new(
                "= 等于：相等得满分，不足按比例",
                "= exact: full when equal, proportional below",
            ),
            MethodId::Deadline => Text::new(
                "时效：按期完成得满分，逾期得 0 分",
                "deadline: full when met, 0 when missed",
            ),
            MethodId::Qualitative => {
                Text::new("定性：按分档评分", "qualitative: scored within a band")
            }
            MethodId::Manual => Text::new("评价人打分", "scored by the evaluator"),
            MethodId::Banded => Text::new("分档计分", "banded table"),
            MethodId::PerPoint => Text::new("逐点扣分", "per-point deduction"),
            MethodId::Coefficient => Text::new("得分系数 × 权重", "coefficient × weight"),
            MethodId::PerCount => Text::new(
                "按次扣分，扣完为止",
                "a deduction per occurrence, down to the floor",
            ),
        }
    }
}

impl Serialize for MethodId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}
