//! The form model: everything a 项目支出绩效自评表 holds, as the user typed it.
//!
//! Only inputs live here. Everything derived (totals, rates, completion, scores, grade) is computed by
//! [`crate::evaluate`] and lives in [`crate::result`]. What a form *states* (the numbers printed on a
//! published form, e.g. the seed's 97.66 and 差) is kept in `declared_*` fields, apart from what the
//! engine computes; a score the evaluator typed (`score`) is kept apart from the computed one. Loading a
//! form never overwrites one with the other.

use crate::decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// What was typed into number fields where it is not the plain number the field holds (see
/// [`crate::entry`]): `1,000.50`, `48.6万元`, or text that does not read as a number (`48,6`), for
/// which the field holds no number. Kept so that the screen, the draft and the file show what was
/// typed, and so that an entry that does not read is never replaced by another number. Keyed by the
/// field's key in its row (`spent`, `weight`), or by its path for the form's own fields; read and
/// written only through [`crate::path::FieldPath`] (`get`, `set`, `typed_entries`).
pub type Typed = BTreeMap<String, String>;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole self-evaluation form.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Form {
    /// The id of the rule profile the form is filled in with (e.g. `"jinzhong-2021"`).
    pub profile: String,
    /// The [fingerprint](crate::Profile::fingerprint) of the profile the form was last scored with
    /// (set when the form is made or edited); empty when not known (forms written by hand or by
    /// other tools).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub profile_hash: String,
    pub status: Status,
    /// 不完整: the form was transcribed from a source that is cut off or illegible, and this says
    /// how (`第 2 页缺失`). Empty: the form is whole. A form marked so gets a partial total and no
    /// grade, and no finding that needs the whole form.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub incomplete: String,
    pub header: Header,
    pub funds: Funds,
    /// Free-text sections by the profile's section id (项目概况, 年度总体目标 …). Paragraphs are
    /// separated by a line break; the text is plain, never markup.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub narratives: BTreeMap<String, String>,
    /// The indicator table as an outline: level 1 (一级) and level 2 (二级) rows are headings, level 3
    /// (三级) rows are the indicators. A row belongs to the headings above it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorRow>,
    /// Entries of the profile's fixed scoring-table rows (评分表), by the row's id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, ScoreEntry>,
    /// Block weights changed from the profile's defaults, where the profile allows it.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        serialize_with = "crate::format::write::decimal_map"
    )]
    pub block_weights: BTreeMap<String, Decimal>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evaluators: Vec<Evaluator>,
    pub signoff: Signoff,
    pub declared: Declared,
    /// What was typed into the number fields that are not in a row (`funds.declared_rate`,
    /// `declared.total`, `block_weights.<id>` …), by path. Rows keep their own.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typed: Typed,
}

/// Draft while being filled in; final once submitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Final,
}

/// The form's header block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The form's own title as printed (e.g. 晋中市财政支出项目绩效自评表); empty uses the profile's.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// 年度, e.g. "2021".
    pub year: String,
    /// 项目名称.
    pub project: String,
    /// 填报单位.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_unit: String,
    /// 主管部门.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 预算单位 / 实施单位.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// 项目属性 (经常性项目 …).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub attribute: String,
    /// 项目期, as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period: String,
}

/// 项目资金情况: amounts in 万元, by source. The total row is always derived from the source rows;
/// what the form prints for it is kept in `declared_total` and only compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Funds {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<FundsRow>,
    #[serde(skip_serializing_if = "FundsFigures::is_empty")]
    pub declared_total: FundsFigures,
    /// 执行率 as printed, in percent (e.g. 100.00).
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub declared_rate: Option<Decimal>,
    /// The budget row's score as printed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub declared_score: Option<Decimal>,
    /// Why execution fell short, where the profile asks for it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deviation_reason: String,
    /// Why the budget was adjusted during the year, where the profile asks for it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub adjustment_reason: String,
}

/// One source of money (本年财政拨款, 上年结转资金, 市级预算资金 …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FundsRow {
    pub source: String,
    #[serde(flatten)]
    pub figures: FundsFigures,
    /// What was typed into the row's money cells, where it is not the plain number.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typed: Typed,
}

/// The money columns. `budget` is the full-year (adjusted) budget that execution is measured against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FundsFigures {
    /// 年初预算数.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub initial: Option<Decimal>,
    /// 全年预算数 / 预算资金.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub budget: Option<Decimal>,
    /// 预算下达资金 / 到位资金.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub allocated: Option<Decimal>,
    /// 全年执行数 / 实际支出资金.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub spent: Option<Decimal>,
}

impl FundsFigures {
    pub fn is_empty(&self) -> bool {
        self.initial.is_none()
            && self.budget.is_none()
            && self.allocated.is_none()
            && self.spent.is_none()
    }

    /// The column named `column` ("initial", "budget", "allocated", "spent").
    pub fn get(&self, column: FundsColumn) -> Option<Decimal> {
        match column {
            FundsColumn::Initial => self.initial,
            FundsColumn::Budget => self.budget,
            FundsColumn::Allocated => self.allocated,
            FundsColumn::Spent => self.spent,
        }
    }

    pub fn get_mut(&mut self, column: FundsColumn) -> &mut Option<Decimal> {
        match column {
            FundsColumn::Initial => &mut self.initial,
            FundsColumn::Budget => &mut self.budget,
            FundsColumn::Allocated => &mut self.allocated,
            FundsColumn::Spent => &mut self.spent,
        }
    }
}

/// A money column of the funds table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FundsColumn {
    Initial,
    Budget,
    Allocated,
    Spent,
}

impl FundsColumn {
    pub const ALL: [FundsColumn; 4] = [
        FundsColumn::Initial,
        FundsColumn::Budget,
        FundsColumn::Allocated,
        FundsColumn::Spent,
    ];

    pub fn from_key(key: &str) -> Option<FundsColumn> {
        FundsColumn::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            FundsColumn::Initial => "initial",
            FundsColumn::Budget => "budget",
            FundsColumn::Allocated => "allocated",
            FundsColumn::Spent => "spent",
        }
    }
}

/// One row of the indicator outline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndicatorRow {
    /// Unique within the form; stable across edits (the UI keys rows by it).
    pub id: String,
    /// 1 = 一级 heading, 2 = 二级 heading, 3 = 三级 indicator.
    pub level: u8,
    pub name: String,
    /// Level 1 only: the id of the profile block this group scores into (产出, 效益 …).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub block: String,
    /// 年度指标值 / 目标值, as typed (e.g. "≥50个", "达成预期指标").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// 年初指标值, where the layout has two target columns (年初 / 调整后): the target set at the start
    /// of the year; `target` is then the adjusted one, which the row is scored against.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub initial_target: String,
    /// 实际完成值, as typed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub actual: String,
    /// 指标性质 column (≥ ≤ =), where the profile has one; otherwise the operator comes from the target.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub operator: String,
    /// 度量单位, where the layout has that column: the unit of a target and actual written as bare
    /// numbers (`95` and `%`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// How the row is scored: "" or "auto" (from the values), "qualitative", "manual".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// 指标类型 (定量 / 定性), where the layout has that column: 定性 scores the row as a judgement,
    /// 定量 asks for values that compare.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub nature: String,
    /// 核心指标, where the layout has that column: a core row that falls short is named.
    #[serde(skip_serializing_if = "is_false")]
    pub core: bool,
    /// 得分系数 (a percentage, as written), where the layout has that column: the row scores it ×
    /// its weight.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub coefficient: String,
    /// Qualitative rows: the band the evaluator chose ("" infers it from the actual text).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub band: String,
    /// 分值.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub weight: Option<Decimal>,
    /// The evaluator's score: the score itself for judgement rows, an override for computed ones.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub score: Option<Decimal>,
    /// Why a computed score was overridden.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub score_reason: String,
    /// 得分 as printed on the form being transcribed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub declared_score: Option<Decimal>,
    /// 完成进度 as printed (e.g. "56%").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub declared_completion: String,
    /// 偏差原因分析及改进措施.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deviation_reason: String,
    /// The row does not apply: left out, and the total rescaled to 100.
    #[serde(skip_serializing_if = "is_false")]
    pub not_applicable: bool,
    /// A transcriber's remark (e.g. an extra cell printed on the original).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 原件不完整: what of this row is cut off or illegible on the source (empty: it is whole). On a
    /// level-1 heading it marks its block, on a level-2 heading its group: every row under it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub incomplete: String,
    /// What was typed into 分值, 得分 and the stated 得分, where it is not the plain number.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typed: Typed,
}

/// The form's entry for one fixed row of the profile's scoring table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ScoreEntry {
    /// The measured value, for rows scored from one (banded, per-point, coefficient), e.g. "92.5%".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub actual: String,
    /// The evaluator's score: the score itself for judgement rows, an override for computed ones.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub score: Option<Decimal>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub score_reason: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub declared_score: Option<Decimal>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub deviation_reason: String,
    #[serde(skip_serializing_if = "is_false")]
    pub not_applicable: bool,
    /// What was typed into the score fields, where it is not the plain number.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typed: Typed,
}

/// 评价人员.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Evaluator {
    pub name: String,
    /// 职称/职务.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// 科室.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub office: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// Signatures and dates at the foot of the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Signoff {
    /// 负责人.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    /// 经办人.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub handler: String,
    /// 联系电话.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// 填报日期.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filed_on: String,
    /// 单位负责人(签章).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit_head: String,
    /// The date beside the unit head's seal.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signed_on: String,
}

/// What the form states for its results, kept apart from what the engine computes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Declared {
    /// 综合得分 / 总分 as printed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::decimal::as_string::option"
    )]
    pub total: Option<Decimal>,
    /// 评价结果等次 as printed (优 / 良 / 中 / 差).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub grade: String,
    /// Block subtotals as printed, by block id.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        serialize_with = "crate::format::write::decimal_map"
    )]
    pub blocks: BTreeMap<String, Decimal>,
}

impl Form {
    /// The row with `id` in the indicator outline, with its index.
    pub fn indicator(&self, id: &str) -> Option<(usize, &IndicatorRow)> {
        self.indicators.iter().enumerate().find(|(_, r)| r.id == id)
    }

    /// Fresh ids for new indicator rows ("r1", "r2", …), none used in this form or given twice.
    pub fn row_ids(&self) -> RowIds {
        RowIds {
            taken: self.indicators.iter().map(|r| r.id.clone()).collect(),
            next: self.indicators.len() + 1,
        }
    }
}

/// Gives ids for new indicator rows that no row of the form has (see [`Form::row_ids`]).
pub struct RowIds {
    taken: Vec<String>,
    next: usize,
}

impl RowIds {
    /// The next unused id.
    pub fn fresh(&mut self) -> String {
        loop {
            let id = format!("r{}", self.next);
            self.next += 1;
            if !self.taken.contains(&id) {
                self.taken.push(id.clone());
                return id;
            }
        }
    }
}
