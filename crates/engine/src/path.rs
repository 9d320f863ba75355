//! Paths: where something is in a form. One type names every place the findings, the reader's
//! problems, the editor's inputs, the workbook and the command line point at, so that a misspelt path
//! is a compile error, not a finding that leads nowhere.
//!
//! - [`FieldPath`]: a field of a form (`header.project`, `funds.rows[0].spent`,
//!   `indicators[3].weight`, `scores.budget_execution.score`), or a part of it that a finding may
//!   concern as a whole (`indicators[3]`, `funds.rows`). It is written out the way the file format
//!   names things; the editor's inputs carry it as `data-path`.
//! - [`Location`]: where a problem of a file is: the whole file, a line and column of its text, or a
//!   value of its JSON ([`DocPath`], also for profile files).

use crate::decimal::Decimal;
use crate::entry::{self, Entry, NumberKind};
use crate::model::{Form, FundsColumn, IndicatorRow, ScoreEntry, Status, Typed};
use crate::profile::Profile;
use std::fmt;

/// Declares a field enum: its variants, their keys in the file format and their names for people
/// (Chinese, English), `ALL` and the key lookups.
macro_rules! field_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $key:literal, $zh:literal, $en:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The field's key in the file format.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),*
                }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($key => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The field's name, as the form and the editor call it.
            pub fn name(self, lang: crate::text::Lang) -> &'static str {
                let (zh, en) = match self {
                    $($name::$variant => ($zh, $en)),*
                };
                match lang {
                    crate::text::Lang::Zh => zh,
                    crate::text::Lang::En => en,
                }
            }
        }
    };
}

/// Declares the reading and the writing accessor of the text fields of a struct, from one table.
macro_rules! text_access {
    ($get:ident, $get_mut:ident, $ty:ty, $field:ident { $($variant:ident => $member:ident),* $(,)? }) => {
        fn $get(x: &$ty, f: $field) -> Option<&String> {
            match f {
                $($field::$variant => Some(&x.$member),)*
                #[allow(unreachable_patterns)]
                _ => None,
            }
        }

        fn $get_mut(x: &mut $ty, f: $field) -> Option<&mut String> {
            match f {
                $($field::$variant => Some(&mut x.$member),)*
                #[allow(unreachable_patterns)]
                _ => None,
            }
        }
    };
}

field_enum!(
    /// Text fields of the header.
    HeaderField {
        Title => "title", "表名", "Form title",
        Year => "year", "年度", "Year",
        Project => "project", "项目名称", "Project",
        FilingUnit => "filing_unit", "填报单位", "Filing unit",
        Department => "department", "主管部门", "Supervising department",
        Unit => "unit", "预算单位", "Budget unit",
        Attribute => "attribute", "项目属性", "Project type",
        Period => "period", "项目期", "Project period",
    }
);

field_enum!(
    /// Fields of an indicator row.
    IndicatorField {
        Name => "name", "三级指标", "Indicator",
        Block => "block", "所属部分", "Block",
        Target => "target", "指标值", "Target",
        InitialTarget => "initial_target", "年初指标值", "Initial target",
        Actual => "actual", "实际完成值", "Actual",
        Operator => "operator", "指标性质", "Direction",
        Unit => "unit", "度量单位", "Unit",
        Method => "method", "评分方式", "Scoring method",
        Band => "band", "评分档次", "Band",
        Weight => "weight", "分值", "Weight",
        Score => "score", "得分", "Score",
        ScoreReason => "score_reason", "改分理由", "Reason for the change",
        DeclaredScore => "declared_score", "所填得分", "Score as printed",
        DeclaredCompletion => "declared_completion", "所填完成进度", "Completion as printed",
        DeviationReason => "deviation_reason", "偏差原因", "Deviation reason",
        NotApplicable => "not_applicable", "不适用", "Not applicable",
        Note => "note", "备注", "Note",
        Incomplete => "incomplete", "原件不完整", "Source incomplete",
        Nature => "nature", "指标类型", "Quantitative / qualitative",
        Core => "core", "核心指标", "Core indicator",
        Coefficient => "coefficient", "得分系数", "Coefficient",
    }
);

field_enum!(
    /// Fields of a scoring-table entry.
    ScoreField {
        Actual => "actual", "实际值", "Actual",
        Score => "score", "得分", "Score",
        ScoreReason => "score_reason", "改分理由", "Reason for the change",
        DeclaredScore => "declared_score", "所填得分", "Score as printed",
        DeviationReason => "deviation_reason", "偏差原因", "Deviation reason",
        NotApplicable => "not_applicable", "不适用", "Not applicable",
    }
);

field_enum!(
    /// Fields of an evaluator.
    EvaluatorField {
        Name => "name", "姓名", "Name",
        Title => "title", "职称/职务", "Title",
        Office => "office", "科室", "Office",
        Phone => "phone", "联系电话", "Phone",
    }
);

field_enum!(
    /// Signature and date fields.
    SignoffField {
        Responsible => "responsible", "负责人", "Responsible",
        Handler => "handler", "经办人", "Prepared by",
        Phone => "phone", "联系电话", "Phone",
        FiledOn => "filed_on", "填报日期", "Date filed",
        UnitHead => "unit_head", "单位负责人(签章)", "Unit head (seal)",
        SignedOn => "signed_on", "签章日期", "Date signed",
    }
);

/// The fields every scored row has, whether a fixed row of the scoring table (`scores.<id>`) or a
/// level-3 indicator (`indicators[i]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowField {
    Actual,
    Score,
    ScoreReason,
    DeclaredScore,
    DeviationReason,
}

/// A place in a form: a field, or a part of the form a finding concerns as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
    // Parts of the form.
    /// `funds`: the funds table as a whole.
    Funds,
    /// `funds.rows`: the source rows together (their totals).
    FundsRows,
    /// `indicators`: the indicator table as a whole.
    Indicators,
    /// `indicators[i]`: one row of the indicator table.
    IndicatorRow(usize),
    /// `scores.<id>`: one fixed row of the scoring table.
    ScoreRow(String),
    /// `block_weights`: the block weights together.
    BlockWeights,
    // Fields.
    Status,
    Header(HeaderField),
    FundsSource(usize),
    FundsCell(usize, FundsColumn),
    FundsDeclaredTotal(FundsColumn),
    FundsDeclaredRate,
    FundsDeclaredScore,
    FundsDeviationReason,
    FundsAdjustmentReason,
    Narrative(String),
    Indicator(usize, IndicatorField),
    Score(String, ScoreField),
    BlockWeight(String),
    Evaluator(usize, EvaluatorField),
    Signoff(SignoffField),
    DeclaredTotal,
    DeclaredGrade,
    DeclaredBlock(String),
    /// `profile`: the id of the form's rule profile.
    Profile,
    /// `incomplete`: the note that the form's source is cut off or illegible.
    Incomplete,
}

/// What kind of value a field holds, for the input that edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A decimal: money, weight or score (typed as text, stored exactly).
    Decimal,
    /// A yes/no box.
    Flag,
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Funds => f.write_str("funds"),
            FieldPath::FundsRows => f.write_str("funds.rows"),
            FieldPath::Indicators => f.write_str("indicators"),
            FieldPath::IndicatorRow(i) => write!(f, "indicators[{i}]"),
            FieldPath::ScoreRow(id) => write!(f, "scores.{id}"),
            FieldPath::BlockWeights => f.write_str("block_weights"),
            FieldPath::Status => f.write_str("status"),
            FieldPath::Header(h) => write!(f, "header.{}", h.key()),
            FieldPath::FundsSource(i) => write!(f, "funds.rows[{i}].source"),
            FieldPath::FundsCell(i, c) => write!(f, "funds.rows[{i}].{}", c.key()),
            FieldPath::FundsDeclaredTotal(c) => write!(f, "funds.declared_total.{}", c.key()),
            FieldPath::FundsDeclaredRate => f.write_str("funds.declared_rate"),
            FieldPath::FundsDeclaredScore => f.write_str("funds.declared_score"),
            FieldPath::FundsDeviationReason => f.write_str("funds.deviation_reason"),
            FieldPath::FundsAdjustmentReason => f.write_str("funds.adjustment_reason"),
            FieldPath::Narrative(k) => write!(f, "narratives.{k}"),
            FieldPath::Indicator(i, field) => write!(f, "indicators[{i}].{}", field.key()),
            FieldPath::Score(id, field) => write!(f, "scores.{id}.{}", field.key()),
            FieldPath::BlockWeight(id) => write!(f, "block_weights.{id}"),
            FieldPath::Evaluator(i, field) => write!(f, "evaluators[{i}].{}", field.key()),
            FieldPath::Signoff(s) => write!(f, "signoff.{}", s.key()),
            FieldPath::DeclaredTotal => f.write_str("declared.total"),
            FieldPath::DeclaredGrade => f.write_str("declared.grade"),
            FieldPath::DeclaredBlock(id) => write!(f, "declared.blocks.{id}"),
            FieldPath::Profile => f.write_str("profile"),
            FieldPath::Incomplete => f.write_str("incomplete"),
        }
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `prefix[n]` and what follows it (without its leading `.`).
fn indexed<'a>(text: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = text.strip_prefix(prefix)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    if rest.is_empty() {
        return Some((n.parse().ok()?, rest));
    }
    Some((n.parse().ok()?, rest.strip_prefix('.')?))
}

fn column(key: &str) -> Option<FundsColumn> {
    FundsColumn::ALL.into_iter().find(|c| c.key() == key)
}

impl FieldPath {
    /// Reads a path as [`fmt::Display`] writes it.
    pub fn parse(text: &str) -> Option<FieldPath> {
        if let Some((i, rest)) = indexed(text, "indicators") {
            return if rest.is_empty() {
                Some(FieldPath::IndicatorRow(i))
            } else {
                Some(FieldPath::Indicator(i, IndicatorField::from_key(rest)?))
            };
        }
        if let Some((i, rest)) = indexed(text, "funds.rows") {
            return match rest {
                "source" => Some(FieldPath::FundsSource(i)),
                c => Some(FieldPath::FundsCell(i, column(c)?)),
            };
        }
        if let Some((i, rest)) = indexed(text, "evaluators") {
            return Some(FieldPath::Evaluator(i, EvaluatorField::from_key(rest)?));
        }
        if let Some(rest) = text.strip_prefix("header.") {
            return HeaderField::from_key(rest).map(FieldPath::Header);
        }
        if let Some(rest) = text.strip_prefix("funds.declared_total.") {
            return column(rest).map(FieldPath::FundsDeclaredTotal);
        }
        if let Some(rest) = text.strip_prefix("narratives.") {
            return Some(FieldPath::Narrative(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("scores.") {
            return Some(match rest.rsplit_once('.') {
                Some((id, f)) => FieldPath::Score(id.to_string(), ScoreField::from_key(f)?),
                None => FieldPath::ScoreRow(rest.to_string()),
            });
        }
        if let Some(rest) = text.strip_prefix("block_weights.") {
            return Some(FieldPath::BlockWeight(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("declared.blocks.") {
            return Some(FieldPath::DeclaredBlock(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("signoff.") {
            return SignoffField::from_key(rest).map(FieldPath::Signoff);
        }
        Some(match text {
            "funds" => FieldPath::Funds,
            "funds.rows" => FieldPath::FundsRows,
            "indicators" => FieldPath::Indicators,
            "block_weights" => FieldPath::BlockWeights,
            "status" => FieldPath::Status,
            "profile" => FieldPath::Profile,
            "incomplete" => FieldPath::Incomplete,
            "funds.declared_rate" => FieldPath::FundsDeclaredRate,
            "funds.declared_score" => FieldPath::FundsDeclaredScore,
            "funds.deviation_reason" => FieldPath::FundsDeviationReason,
            "funds.adjustment_reason" => FieldPath::FundsAdjustmentReason,
            "declared.total" => FieldPath::DeclaredTotal,
            "declared.grade" => FieldPath::DeclaredGrade,
            _ => return None,
        })
    }

    /// A field of scored row `row`: `scores.<id>.<field>` or `indicators[i].<field>`.
    pub fn of_row(row: &FieldPath, field: RowField) -> FieldPath {
        match row {
            FieldPath::ScoreRow(id) => FieldPath::Score(
                id.clone(),
                match field {
                    RowField::Actual => ScoreField::Actual,
                    RowField::Score => ScoreField::Score,
                    RowField::ScoreReason => ScoreField::ScoreReason,
                    RowField::DeclaredScore => ScoreField::DeclaredScore,
                    RowField::DeviationReason => ScoreField::DeviationReason,
                },
            ),
            FieldPath::IndicatorRow(i) => FieldPath::Indicator(
                *i,
                match field {
                    RowField::Actual => IndicatorField::Actual,
                    RowField::Score => IndicatorField::Score,
                    RowField::ScoreReason => IndicatorField::ScoreReason,
                    RowField::DeclaredScore => IndicatorField::DeclaredScore,
                    RowField::DeviationReason => IndicatorField::DeviationReason,
                },
            ),
            other => other.clone(),
        }
    }

    /// The input a finding on this place leads to: the field itself, or the first field of a row or
    /// of the funds table. `None` for what no single input stands for (the whole indicator table,
    /// the block weights together, the profile id).
    pub fn input(&self) -> Option<FieldPath> {
        Some(match self {
            FieldPath::Indicators | FieldPath::BlockWeights | FieldPath::Profile => return None,
            FieldPath::Funds | FieldPath::FundsRows => FieldPath::FundsCell(0, FundsColumn::Budget),
            FieldPath::IndicatorRow(i) => FieldPath::Indicator(*i, IndicatorField::Name),
            FieldPath::ScoreRow(id) => FieldPath::Score(id.clone(), ScoreField::Score),
            field => field.clone(),
        })
    }

    /// The indicator row this place is in, if any.
    pub fn indicator_row(&self) -> Option<usize> {
        match self {
            FieldPath::IndicatorRow(i) | FieldPath::Indicator(i, _) => Some(*i),
            _ => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            FieldPath::FundsCell(..)
            | FieldPath::FundsDeclaredTotal(_)
            | FieldPath::FundsDeclaredRate
            | FieldPath::FundsDeclaredScore
            | FieldPath::BlockWeight(_)
            | FieldPath::DeclaredTotal
            | FieldPath::DeclaredBlock(_)
            | FieldPath::Indicator(
                _,
                IndicatorField::Weight | IndicatorField::Score | IndicatorField::DeclaredScore,
            )
            | FieldPath::Score(_, ScoreField::Score | ScoreField::DeclaredScore) => Kind::Decimal,
            FieldPath::Indicator(_, IndicatorField::NotApplicable | IndicatorField::Core)
            | FieldPath::Score(_, ScoreField::NotApplicable) => Kind::Flag,
            _ => Kind::Text,
        }
    }

    /// The field's value as the editor shows it ("" for an absent decimal or a part of the form,
    /// "true"/"false" for flags).
    pub fn get(&self, form: &Form) -> String {
        match self {
            FieldPath::Status => match form.status {
                Status::Draft => "draft".into(),
                Status::Final => "final".into(),
            },
            FieldPath::Profile => form.profile.clone(),
            FieldPath::Incomplete => form.incomplete.clone(),
            FieldPath::Header(h) => header_text(&form.header, *h).cloned().unwrap_or_default(),
            FieldPath::FundsSource(i) => form
                .funds
                .rows
                .get(*i)
                .map(|r| r.source.clone())
                .unwrap_or_default(),
            FieldPath::FundsCell(i, c) => form
                .funds
                .rows
                .get(*i)
                .map(|r| as_typed(r.figures.get(*c), &r.typed, c.key()))
                .unwrap_or_default(),
            FieldPath::FundsDeclaredTotal(c) => as_typed(
                form.funds.declared_total.get(*c),
                &form.typed,
                &self.to_string(),
            ),
            FieldPath::FundsDeclaredRate => {
                as_typed(form.funds.declared_rate, &form.typed, &self.to_string())
            }
            FieldPath::FundsDeclaredScore => {
                as_typed(form.funds.declared_score, &form.typed, &self.to_string())
            }
            FieldPath::FundsDeviationReason => form.funds.deviation_reason.clone(),
            FieldPath::FundsAdjustmentReason => form.funds.adjustment_reason.clone(),
            FieldPath::Narrative(k) => form.narratives.get(k).cloned().unwrap_or_default(),
            FieldPath::Indicator(i, f) => form
                .indicators
                .get(*i)
                .map(|r| indicator_value(r, *f))
                .unwrap_or_default(),
            FieldPath::Score(id, f) => score_value(form.scores.get(id), *f),
            FieldPath::BlockWeight(id) => as_typed(
                form.block_weights.get(id).copied(),
                &form.typed,
                &self.to_string(),
            ),
            FieldPath::Evaluator(i, f) => form
                .evaluators
                .get(*i)
                .and_then(|e| evaluator_text(e, *f).cloned())
                .unwrap_or_default(),
            FieldPath::Signoff(s) => signoff_text(&form.signoff, *s).cloned().unwrap_or_default(),
            FieldPath::DeclaredTotal => {
                as_typed(form.declared.total, &form.typed, &self.to_string())
            }
            FieldPath::DeclaredGrade => form.declared.grade.clone(),
            FieldPath::DeclaredBlock(id) => as_typed(
                form.declared.blocks.get(id).copied(),
                &form.typed,
                &self.to_string(),
            ),
            FieldPath::Funds
            | FieldPath::FundsRows
            | FieldPath::Indicators
            | FieldPath::IndicatorRow(_)
            | FieldPath::ScoreRow(_)
            | FieldPath::BlockWeights => String::new(),
        }
    }

    /// What a number field holds under `profile` (which decides the unit of money); `None` for a
    /// field that is not a number.
    pub fn number_kind(&self, profile: &Profile) -> Option<NumberKind> {
        if self.kind() != Kind::Decimal {
            return None;
        }
        Some(match self {
            FieldPath::FundsCell(..) | FieldPath::FundsDeclaredTotal(_) => {
                NumberKind::Money(profile.funds.unit)
            }
            FieldPath::FundsDeclaredRate => NumberKind::Percent,
            _ => NumberKind::Points,
        })
    }

    /// Sets the field from what was typed. A number field reads it as a clerk writes numbers
    /// ([`crate::entry`], units of money by `profile`); it keeps the text as typed whenever that is
    /// not the plain number — and, for text that does not read as a number, holds no number at all,
    /// so nothing is ever scored from a value the field does not show. Clearing a field removes it.
    pub fn set(&self, form: &mut Form, value: &str, profile: &Profile) -> Result<(), SetError> {
        let kind = self.number_kind(profile).unwrap_or(NumberKind::Points);
        let text = || value.to_string();
        match self {
            FieldPath::Status => {
                form.status = if value == "final" {
                    Status::Final
                } else {
                    Status::Draft
                };
            }
            FieldPath::Header(h) => {
                *header_text_mut(&mut form.header, *h).ok_or(SetError::NotAField)? = text()
            }
            FieldPath::FundsSource(i) => {
                form.funds
                    .rows
                    .get_mut(*i)
                    .ok_or(SetError::NoSuchRow)?
                    .source = text()
            }
            FieldPath::FundsCell(i, c) => {
                let row = form.funds.rows.get_mut(*i).ok_or(SetError::NoSuchRow)?;
                put(
                    row.figures.get_mut(*c),
                    &mut row.typed,
                    c.key(),
                    value,
                    kind,
                );
            }
            FieldPath::FundsDeclaredTotal(_)
            | FieldPath::FundsDeclaredRate
            | FieldPath::FundsDeclaredScore
            | FieldPath::BlockWeight(_)
            | FieldPath::DeclaredTotal
            | FieldPath::DeclaredBlock(_) => {
                let mut n = self.get_number(form);
                put(&mut n, &mut form.typed, &self.to_string(), value, kind);
                self.put_number(form, n);
            }
            FieldPath::FundsDeviationReason => form.funds.deviation_reason = text(),
            FieldPath::FundsAdjustmentReason => form.funds.adjustment_reason = text(),
            FieldPath::Narrative(k) => {
                if value.is_empty() {
                    form.narratives.remove(k);
                } else {
                    form.narratives.insert(k.clone(), text());
                }
            }
            FieldPath::Indicator(i, f) => {
                let row = form.indicators.get_mut(*i).ok_or(SetError::NoSuchRow)?;
                set_indicator(row, *f, value)?;
            }
            FieldPath::Score(id, f) => {
                let entry = form.scores.entry(id.clone()).or_default();
                let set = set_score(entry, *f, value);
                if *entry == ScoreEntry::default() {
                    form.scores.remove(id);
                }
                set?;
            }
            FieldPath::Evaluator(i, f) => {
                let e = form.evaluators.get_mut(*i).ok_or(SetError::NoSuchRow)?;
                *evaluator_text_mut(e, *f).ok_or(SetError::NotAField)? = text();
            }
            FieldPath::Signoff(s) => {
                *signoff_text_mut(&mut form.signoff, *s).ok_or(SetError::NotAField)? = text()
            }
            FieldPath::DeclaredGrade => form.declared.grade = text(),
            FieldPath::Incomplete => form.incomplete = text(),
            FieldPath::Profile
            | FieldPath::Funds
            | FieldPath::FundsRows
            | FieldPath::Indicators
            | FieldPath::IndicatorRow(_)
            | FieldPath::ScoreRow(_)
            | FieldPath::BlockWeights => return Err(SetError::NotAField),
        }
        Ok(())
    }

    /// Writes the number of one of the form's own number fields ([`FieldPath::typed_in_form_at`]).
    fn put_number(&self, form: &mut Form, n: Option<Decimal>) {
        match self {
            FieldPath::FundsDeclaredTotal(c) => *form.funds.declared_total.get_mut(*c) = n,
            FieldPath::FundsDeclaredRate => form.funds.declared_rate = n,
            FieldPath::FundsDeclaredScore => form.funds.declared_score = n,
            FieldPath::BlockWeight(id) => set_in_map(&mut form.block_weights, id, n),
            FieldPath::DeclaredTotal => form.declared.total = n,
            FieldPath::DeclaredBlock(id) => set_in_map(&mut form.declared.blocks, id, n),
            _ => {}
        }
    }

    /// The number a number field holds: none when it is empty, holds text that does not read, or
    /// is not a number field.
    pub fn get_number(&self, form: &Form) -> Option<Decimal> {
        match self {
            FieldPath::FundsCell(i, c) => form.funds.rows.get(*i)?.figures.get(*c),
            FieldPath::FundsDeclaredTotal(c) => form.funds.declared_total.get(*c),
            FieldPath::FundsDeclaredRate => form.funds.declared_rate,
            FieldPath::FundsDeclaredScore => form.funds.declared_score,
            FieldPath::Indicator(i, f) => {
                let r = form.indicators.get(*i)?;
                match f {
                    IndicatorField::Weight => r.weight,
                    IndicatorField::Score => r.score,
                    IndicatorField::DeclaredScore => r.declared_score,
                    _ => None,
                }
            }
            FieldPath::Score(id, f) => {
                let e = form.scores.get(id)?;
                match f {
                    ScoreField::Score => e.score,
                    ScoreField::DeclaredScore => e.declared_score,
                    _ => None,
                }
            }
            FieldPath::BlockWeight(id) => form.block_weights.get(id).copied(),
            FieldPath::DeclaredTotal => form.declared.total,
            FieldPath::DeclaredBlock(id) => form.declared.blocks.get(id).copied(),
            _ => None,
        }
    }

    /// What was typed into the form's number fields where it is not the plain number, by path, in
    /// the order of the form.
    pub fn typed_entries(form: &Form) -> Vec<(FieldPath, String)> {
        let mut out = Vec::new();
        for (i, row) in form.funds.rows.iter().enumerate() {
            for (k, t) in &row.typed {
                if let Some(c) = FundsColumn::from_key(k) {
                    out.push((FieldPath::FundsCell(i, c), t.clone()));
                }
            }
        }
        for (i, row) in form.indicators.iter().enumerate() {
            for (k, t) in &row.typed {
                if let Some(f) = IndicatorField::from_key(k) {
                    out.push((FieldPath::Indicator(i, f), t.clone()));
                }
            }
        }
        for (id, e) in &form.scores {
            for (k, t) in &e.typed {
                if let Some(f) = ScoreField::from_key(k) {
                    out.push((FieldPath::Score(id.clone(), f), t.clone()));
                }
            }
        }
        for (k, t) in &form.typed {
            if let Some(p) = FieldPath::typed_in_form_at(k) {
                out.push((p, t.clone()));
            }
        }
        out
    }

    /// Reads what was typed into every number field again under `profile` (whose unit of money
    /// decides what an amount typed in 元 is), so that each field's number is what its text says.
    /// The intake does this for every file it opens.
    pub fn settle_typed(form: &mut Form, profile: &Profile) {
        for (path, text) in FieldPath::typed_entries(form) {
            let _ = path.set(form, &text, profile);
        }
    }

    /// The number field of the form outside its rows whose path is `key` (see [`Form::typed`]).
    pub fn typed_in_form_at(key: &str) -> Option<FieldPath> {
        let named = |rest: &str, f: fn(String) -> FieldPath| {
            (!rest.is_empty()).then(|| f(rest.to_string()))
        };
        match key {
            "funds.declared_rate" => Some(FieldPath::FundsDeclaredRate),
            "funds.declared_score" => Some(FieldPath::FundsDeclaredScore),
            "declared.total" => Some(FieldPath::DeclaredTotal),
            _ => {
                if let Some(c) = key.strip_prefix("funds.declared_total.") {
                    FundsColumn::from_key(c).map(FieldPath::FundsDeclaredTotal)
                } else if let Some(id) = key.strip_prefix("block_weights.") {
                    named(id, FieldPath::BlockWeight)
                } else {
                    named(
                        key.strip_prefix("declared.blocks.")?,
                        FieldPath::DeclaredBlock,
                    )
                }
            }
        }
    }

    /// Whether the path names a field of the funds table (its rows, declared figures and reasons).
    pub fn in_funds(&self) -> bool {
        matches!(
            self,
            FieldPath::Funds
                | FieldPath::FundsRows
                | FieldPath::FundsSource(_)
                | FieldPath::FundsCell(..)
                | FieldPath::FundsDeclaredTotal(_)
                | FieldPath::FundsDeclaredRate
                | FieldPath::FundsDeclaredScore
                | FieldPath::FundsDeviationReason
                | FieldPath::FundsAdjustmentReason
        )
    }

    /// Whether `a` and `b` agree on the part of the form that [`FieldPath::set`] writes for this
    /// path (the indicator row, the funds table, the header …). After a `set`, the forms can differ
    /// only there, and comparing that part is much cheaper than comparing two whole forms of a
    /// thousand rows on every keystroke.
    pub fn same_part(&self, a: &Form, b: &Form) -> bool {
        match self {
            FieldPath::Status => a.status == b.status,
            FieldPath::Profile => a.profile == b.profile,
            FieldPath::Incomplete => a.incomplete == b.incomplete,
            FieldPath::Header(_) => a.header == b.header,
            p if p.in_funds() => a.funds == b.funds,
            FieldPath::Narrative(_) => a.narratives == b.narratives,
            FieldPath::Indicator(i, _) | FieldPath::IndicatorRow(i) => {
                a.indicators.len() == b.indicators.len()
                    && a.indicators.get(*i) == b.indicators.get(*i)
            }
            FieldPath::Indicators => a.indicators == b.indicators,
            FieldPath::Score(..) | FieldPath::ScoreRow(_) => a.scores == b.scores,
            FieldPath::BlockWeight(_) | FieldPath::BlockWeights => {
                a.block_weights == b.block_weights
            }
            FieldPath::Evaluator(..) => a.evaluators == b.evaluators,
            FieldPath::Signoff(_) => a.signoff == b.signoff,
            _ => a.declared == b.declared,
        }
    }
}

/// A number field as the editor shows it: what was typed where the field keeps it, else the number
/// (empty when absent).
fn as_typed(d: Option<Decimal>, typed: &Typed, key: &str) -> String {
    match typed.get(key) {
        Some(t) => t.clone(),
        None => d.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// Sets a number field and what was typed into it from `text` (see [`FieldPath::set`]).
fn put(slot: &mut Option<Decimal>, typed: &mut Typed, key: &str, text: &str, kind: NumberKind) {
    match entry::read(text, kind) {
        Entry::Empty => {
            *slot = None;
            typed.remove(key);
        }
        Entry::Number {
            value, as_typed, ..
        } => {
            *slot = Some(value);
            if as_typed {
                typed.insert(key.to_string(), text.to_string());
            } else {
                typed.remove(key);
            }
        }
        Entry::Unread => {
            *slot = None;
            typed.insert(key.to_string(), text.to_string());
        }
    }
}

/// The text a number field of `kind` shows after `text` is typed into it: the text itself where the
/// field keeps it, else the plain number (so "969." shows as "969" once the field is left).
pub fn stored(text: &str, kind: NumberKind) -> String {
    match entry::read(text, kind) {
        Entry::Empty => String::new(),
        Entry::Number {
            value,
            as_typed: false,
            ..
        } => value.to_string(),
        _ => text.to_string(),
    }
}

fn flag(b: bool) -> String {
    (if b { "true" } else { "false" }).to_string()
}

fn set_in_map(map: &mut std::collections::BTreeMap<String, Decimal>, id: &str, n: Option<Decimal>) {
    match n {
        Some(n) => {
            map.insert(id.to_string(), n);
        }
        None => {
            map.remove(id);
        }
    }
}

/// Why a value could not be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetError {
    /// A decimal field was given something that is not a plain number.
    NotANumber,
    /// The row is gone (deleted while the edit was on its way).
    NoSuchRow,
    /// The path names a part of the form, not a field one can type into.
    NotAField,
}

text_access!(header_text, header_text_mut, crate::model::Header, HeaderField {
    Title => title,
    Year => year,
    Project => project,
    FilingUnit => filing_unit,
    Department => department,
    Unit => unit,
    Attribute => attribute,
    Period => period,
});

text_access!(signoff_text, signoff_text_mut, crate::model::Signoff, SignoffField {
    Responsible => responsible,
    Handler => handler,
    Phone => phone,
    FiledOn => filed_on,
    UnitHead => unit_head,
    SignedOn => signed_on,
});

text_access!(evaluator_text, evaluator_text_mut, crate::model::Evaluator, EvaluatorField {
    Name => name,
    Title => title,
    Office => office,
    Phone => phone,
});

text_access!(indicator_text, indicator_text_mut, IndicatorRow, IndicatorField {
    Name => name,
    Block => block,
    Target => target,
    InitialTarget => initial_target,
    Actual => actual,
    Operator => operator,
    Unit => unit,
    Method => method,
    Band => band,
    ScoreReason => score_reason,
    DeclaredCompletion => declared_completion,
    DeviationReason => deviation_reason,
    Note => note,
    Incomplete => incomplete,
    Nature => nature,
    Coefficient => coefficient,
});

text_access!(score_text, score_text_mut, ScoreEntry, ScoreField {
    Actual => actual,
    ScoreReason => score_reason,
    DeviationReason => deviation_reason,
});

/// One field of an indicator row, as the editor shows it.
pub fn indicator_value(r: &IndicatorRow, f: IndicatorField) -> String {
    match f {
        IndicatorField::Weight => as_typed(r.weight, &r.typed, f.key()),
        IndicatorField::Score => as_typed(r.score, &r.typed, f.key()),
        IndicatorField::DeclaredScore => as_typed(r.declared_score, &r.typed, f.key()),
        IndicatorField::NotApplicable => flag(r.not_applicable),
        IndicatorField::Core => flag(r.core),
        text => indicator_text(r, text).cloned().unwrap_or_default(),
    }
}

/// Sets one field of an indicator row from what was typed or pasted, as [`FieldPath::set`] does for a
/// row of a form (a number that does not read is kept as typed, with no number).
pub fn set_indicator(r: &mut IndicatorRow, f: IndicatorField, value: &str) -> Result<(), SetError> {
    let points = NumberKind::Points;
    match f {
        IndicatorField::Weight => put(&mut r.weight, &mut r.typed, f.key(), value, points),
        IndicatorField::Score => put(&mut r.score, &mut r.typed, f.key(), value, points),
        IndicatorField::DeclaredScore => {
            put(&mut r.declared_score, &mut r.typed, f.key(), value, points)
        }
        IndicatorField::NotApplicable => r.not_applicable = value == "true",
        IndicatorField::Core => r.core = value == "true",
        text => *indicator_text_mut(r, text).ok_or(SetError::NotAField)? = value.to_string(),
    }
    Ok(())
}

fn score_value(e: Option<&ScoreEntry>, f: ScoreField) -> String {
    let Some(e) = e else {
        return if f == ScoreField::NotApplicable {
            flag(false)
        } else {
            String::new()
        };
    };
    match f {
        ScoreField::Score => as_typed(e.score, &e.typed, f.key()),
        ScoreField::DeclaredScore => as_typed(e.declared_score, &e.typed, f.key()),
        ScoreField::NotApplicable => flag(e.not_applicable),
        text => score_text(e, text).cloned().unwrap_or_default(),
    }
}

fn set_score(e: &mut ScoreEntry, f: ScoreField, value: &str) -> Result<(), SetError> {
    match f {
        ScoreField::Score => put(
            &mut e.score,
            &mut e.typed,
            f.key(),
            value,
            NumberKind::Points,
        ),
        ScoreField::DeclaredScore => put(
            &mut e.declared_score,
            &mut e.typed,
            f.key(),
            value,
            NumberKind::Points,
        ),
        ScoreField::NotApplicable => e.not_applicable = value == "true",
        text => *score_text_mut(e, text).ok_or(SetError::NotAField)? = value.to_string(),
    }
    Ok(())
}

/// One step of a [`DocPath`]: a key of an object or an index of a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A value in a JSON document, as the steps that lead to it from the top (`blocks[1].rows[0].weight`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DocPath(pub Vec<Step>);

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl DocPath {
    /// The path of a top-level key.
    pub fn at(key: &str) -> DocPath {
        DocPath(vec![Step::Key(key.to_string())])
    }

    /// The path of `key` inside this one.
    pub fn key(&self, key: &str) -> DocPath {
        let mut p = self.clone();
        p.0.push(Step::Key(key.to_string()));
        p
    }

    /// The path of item `i` of this list.
    pub fn index(&self, i: usize) -> DocPath {
        let mut p = self.clone();
        p.0.push(Step::Index(i));
        p
    }

    /// The path of the value holding this one (the whole document's for a top-level key).
    pub fn parent(&self) -> DocPath {
        let mut p = self.clone();
        p.0.pop();
        p
    }

    /// Reads a path as [`fmt::Display`] writes it (`blocks[1].rows[0].weight`).
    pub fn parse(text: &str) -> Option<DocPath> {
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if key.is_empty() {
                return None;
            }
            steps.push(Step::Key(key.to_string()));
            while !rest.is_empty() {
                let (n, after) = rest.split_once(']')?;
                steps.push(Step::Index(n.parse().ok()?));
                rest = match after {
                    "" => "",
                    a => a.strip_prefix('[')?,
                };
            }
        }
        Some(DocPath(steps))
    }
}

/// Where a problem of a file is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// The file as a whole (too large, not text, not a form at all).
    File,
    /// A place in the text (a syntax error's line and column).
    Text { line: usize, column: usize },
    /// A value of the file's JSON document.
    Value(DocPath),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Text { line, column } => write!(f, "line {line}, column {column}"),
            Location::Value(p) => p.fmt(f),
        }
    }
}

impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<FieldPath> for Location {
    fn from(p: FieldPath) -> Location {
        // Every field path is a path of the form file (narrative and score keys hold no `.`).
        DocPath::parse(&p.to_string()).map_or(Location::File, Location::Value)
    }
}

/// A location equals its written form (`blocks[0].weight`; `""` for the whole file).
impl PartialEq<&str> for Location {
    fn eq(&self, other: &&str) -> bool {
        match self {
            Location::File => other.is_empty(),
            _ => Location::parse(other).as_ref() == Some(self),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Location, D::Error> {
        let text = String::deserialize(d)?;
        Location::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a location: {text}")))
    }
}

impl Location {
    /// Reads a location as [`fmt::Display`] writes it.
    pub fn parse(text: &str) -> Option<Location> {
        if text.is_empty() {
            return Some(Location::File);
        }
        if let Some(rest) = text.strip_prefix("line ") {
            let (line, column) = rest.split_once(", column ")?;
            return Some(Location::Text {
                line: line.parse().ok()?,
                column: column.parse().ok()?,
            });
        }
        DocPath::parse(text).map(Location::Value)
    }

    /// The field of a form this location names, if it names one (a problem in a form file).
    pub fn field(&self) -> Option<FieldPath> {
        match self {
            Location::Value(p) => FieldPath::parse(&p.to_string()),
            _ => None,
        }
    }

    pub fn is_file(&self) -> bool {
        *self == Location::File
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_reads_back_as_written() {
        let paths = [
            FieldPath::Funds,
            FieldPath::FundsRows,
            FieldPath::Indicators,
            FieldPath::IndicatorRow(3),
            FieldPath::ScoreRow("budget_execution".into()),
            FieldPath::BlockWeights,
            FieldPath::Status,
            FieldPath::Profile,
            FieldPath::Incomplete,
            FieldPath::Header(HeaderField::FilingUnit),
            FieldPath::FundsSource(2),
            FieldPath::FundsCell(0, FundsColumn::Spent),
            FieldPath::FundsDeclaredTotal(FundsColumn::Initial),
            FieldPath::FundsDeclaredRate,
            FieldPath::FundsDeclaredScore,
            FieldPath::FundsDeviationReason,
            FieldPath::FundsAdjustmentReason,
            FieldPath::Narrative("项目概况".into()),
            FieldPath::Indicator(11, IndicatorField::DeviationReason),
            FieldPath::Score("budget_execution".into(), ScoreField::DeclaredScore),
            FieldPath::BlockWeight("output".into()),
            FieldPath::Evaluator(1, EvaluatorField::Phone),
            FieldPath::Signoff(SignoffField::SignedOn),
            FieldPath::DeclaredTotal,
            FieldPath::DeclaredGrade,
            FieldPath::DeclaredBlock("input".into()),
        ];
        for p in paths {
            assert_eq!(FieldPath::parse(&p.to_string()), Some(p.clone()), "{p}");
            assert_eq!(Location::from(p.clone()).field(), Some(p.clone()), "{p}");
        }
        for bad in [
            "indicators[x]",
            "indicators[1]name",
            "header.nope",
            "funds.rows[0].x",
            "",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parts_lead_to_an_input() {
        assert_eq!(
            FieldPath::IndicatorRow(4).input(),
            Some(FieldPath::Indicator(4, IndicatorField::Name))
        );
        assert_eq!(
            FieldPath::FundsRows.input(),
            Some(FieldPath::FundsCell(0, FundsColumn::Budget))
        );
        assert_eq!(FieldPath::Indicators.input(), None);
        assert_eq!(
            FieldPath::of_row(&FieldPath::ScoreRow("a".into()), RowField::DeviationReason),
            FieldPath::Score("a".into(), ScoreField::DeviationReason)
        );
    }

    #[test]
    fn locations_are_written_as_paths() {
        assert_eq!(Location::File.to_string(), "");
        assert_eq!(
            Location::Text { line: 1, column: 5 }.to_string(),
            "line 1, column 5"
        );
        let p = DocPath(vec![
            Step::Key("blocks".into()),
            Step::Index(1),
            Step::Key("weight".into()),
        ]);
        assert_eq!(Location::Value(p.clone()).to_string(), "blocks[1].weight");
        for l in [
            Location::File,
            Location::Text {
                line: 3,
                column: 14,
            },
            Location::Value(p),
        ] {
            assert_eq!(Location::parse(&l.to_string()), Some(l));
        }
    }
}
