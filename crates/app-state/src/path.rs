//! Field paths: every editable field of a form, named the way the file format and the findings name
//! it (`header.project`, `funds.rows[0].spent`, `indicators[3].weight`, `scores.budget_execution.score`).
//!
//! One path type serves three ends: the editor's inputs read and write through it, findings link to
//! the field they concern, and end-to-end tests find inputs by their `data-path`.

use std::fmt;
use ziping_engine::decimal::{self, Decimal};
use ziping_engine::model::{Form, FundsColumn, IndicatorRow, ScoreEntry, Status};

/// Text fields of the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderField {
    Title,
    Year,
    Project,
    FilingUnit,
    Department,
    Unit,
    Attribute,
    Period,
}

impl HeaderField {
    pub const ALL: [HeaderField; 8] = [
        HeaderField::Title,
        HeaderField::Year,
        HeaderField::Project,
        HeaderField::FilingUnit,
        HeaderField::Department,
        HeaderField::Unit,
        HeaderField::Attribute,
        HeaderField::Period,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HeaderField::Title => "title",
            HeaderField::Year => "year",
            HeaderField::Project => "project",
            HeaderField::FilingUnit => "filing_unit",
            HeaderField::Department => "department",
            HeaderField::Unit => "unit",
            HeaderField::Attribute => "attribute",
            HeaderField::Period => "period",
        }
    }
}

/// Fields of an indicator row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorField {
    Name,
    Block,
    Target,
    Actual,
    Operator,
    Method,
    Band,
    Weight,
    Score,
    ScoreReason,
    DeclaredScore,
    DeclaredCompletion,
    DeviationReason,
    NotApplicable,
    Note,
}

impl IndicatorField {
    pub const ALL: [IndicatorField; 15] = [
        IndicatorField::Name,
        IndicatorField::Block,
        IndicatorField::Target,
        IndicatorField::Actual,
        IndicatorField::Operator,
        IndicatorField::Method,
        IndicatorField::Band,
        IndicatorField::Weight,
        IndicatorField::Score,
        IndicatorField::ScoreReason,
        IndicatorField::DeclaredScore,
        IndicatorField::DeclaredCompletion,
        IndicatorField::DeviationReason,
        IndicatorField::NotApplicable,
        IndicatorField::Note,
    ];

    pub fn key(self) -> &'static str {
        match self {
            IndicatorField::Name => "name",
            IndicatorField::Block => "block",
            IndicatorField::Target => "target",
            IndicatorField::Actual => "actual",
            IndicatorField::Operator => "operator",
            IndicatorField::Method => "method",
            IndicatorField::Band => "band",
            IndicatorField::Weight => "weight",
            IndicatorField::Score => "score",
            IndicatorField::ScoreReason => "score_reason",
            IndicatorField::DeclaredScore => "declared_score",
            IndicatorField::DeclaredCompletion => "declared_completion",
            IndicatorField::DeviationReason => "deviation_reason",
            IndicatorField::NotApplicable => "not_applicable",
            IndicatorField::Note => "note",
        }
    }
}

/// Fields of a scoring-table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScoreField {
    Actual,
    Score,
    ScoreReason,
    DeclaredScore,
    DeviationReason,
    NotApplicable,
}

impl ScoreField {
    pub const ALL: [ScoreField; 6] = [
        ScoreField::Actual,
        ScoreField::Score,
        ScoreField::ScoreReason,
        ScoreField::DeclaredScore,
        ScoreField::DeviationReason,
        ScoreField::NotApplicable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ScoreField::Actual => "actual",
            ScoreField::Score => "score",
            ScoreField::ScoreReason => "score_reason",
            ScoreField::DeclaredScore => "declared_score",
            ScoreField::DeviationReason => "deviation_reason",
            ScoreField::NotApplicable => "not_applicable",
        }
    }
}

/// Fields of an evaluator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EvaluatorField {
    Name,
    Title,
    Office,
    Phone,
}

impl EvaluatorField {
    pub const ALL: [EvaluatorField; 4] = [
        EvaluatorField::Name,
        EvaluatorField::Title,
        EvaluatorField::Office,
        EvaluatorField::Phone,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EvaluatorField::Name => "name",
            EvaluatorField::Title => "title",
            EvaluatorField::Office => "office",
            EvaluatorField::Phone => "phone",
        }
    }
}

/// Signature and date fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignoffField {
    Responsible,
    Handler,
    Phone,
    FiledOn,
    UnitHead,
    SignedOn,
}

impl SignoffField {
    pub const ALL: [SignoffField; 6] = [
        SignoffField::Responsible,
        SignoffField::Handler,
        SignoffField::Phone,
        SignoffField::FiledOn,
        SignoffField::UnitHead,
        SignoffField::SignedOn,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SignoffField::Responsible => "responsible",
            SignoffField::Handler => "handler",
            SignoffField::Phone => "phone",
            SignoffField::FiledOn => "filed_on",
            SignoffField::UnitHead => "unit_head",
            SignoffField::SignedOn => "signed_on",
        }
    }
}

/// Every editable field of a form.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
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
            FieldPath::Status => write!(f, "status"),
            FieldPath::Header(h) => write!(f, "header.{}", h.key()),
            FieldPath::FundsSource(i) => write!(f, "funds.rows[{i}].source"),
            FieldPath::FundsCell(i, c) => write!(f, "funds.rows[{i}].{}", c.key()),
            FieldPath::FundsDeclaredTotal(c) => write!(f, "funds.declared_total.{}", c.key()),
            FieldPath::FundsDeclaredRate => write!(f, "funds.declared_rate"),
            FieldPath::FundsDeclaredScore => write!(f, "funds.declared_score"),
            FieldPath::FundsDeviationReason => write!(f, "funds.deviation_reason"),
            FieldPath::FundsAdjustmentReason => write!(f, "funds.adjustment_reason"),
            FieldPath::Narrative(k) => write!(f, "narratives.{k}"),
            FieldPath::Indicator(i, field) => write!(f, "indicators[{i}].{}", field.key()),
            FieldPath::Score(id, field) => write!(f, "scores.{id}.{}", field.key()),
            FieldPath::BlockWeight(id) => write!(f, "block_weights.{id}"),
            FieldPath::Evaluator(i, field) => write!(f, "evaluators[{i}].{}", field.key()),
            FieldPath::Signoff(s) => write!(f, "signoff.{}", s.key()),
            FieldPath::DeclaredTotal => write!(f, "declared.total"),
            FieldPath::DeclaredGrade => write!(f, "declared.grade"),
            FieldPath::DeclaredBlock(id) => write!(f, "declared.blocks.{id}"),
        }
    }
}

fn indexed<'a>(text: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = text.strip_prefix(prefix)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

fn column(key: &str) -> Option<FundsColumn> {
    FundsColumn::ALL.into_iter().find(|c| c.key() == key)
}

impl FieldPath {
    /// Reads a path as written in findings and problems. A path to a row (`indicators[3]`) or a
    /// group of fields gives the row's first field, so that a finding always leads to an input.
    pub fn parse(text: &str) -> Option<FieldPath> {
        if let Some((i, rest)) = indexed(text, "indicators") {
            let field = if rest.is_empty() {
                IndicatorField::Name
            } else {
                IndicatorField::ALL.into_iter().find(|f| f.key() == rest)?
            };
            return Some(FieldPath::Indicator(i, field));
        }
        if let Some((i, rest)) = indexed(text, "funds.rows") {
            return match rest {
                "" | "source" => Some(FieldPath::FundsSource(i)),
                c => Some(FieldPath::FundsCell(i, column(c)?)),
            };
        }
        if let Some((i, rest)) = indexed(text, "evaluators") {
            let field = if rest.is_empty() {
                EvaluatorField::Name
            } else {
                EvaluatorField::ALL.into_iter().find(|f| f.key() == rest)?
            };
            return Some(FieldPath::Evaluator(i, field));
        }
        if let Some(rest) = text.strip_prefix("header.") {
            return HeaderField::ALL
                .into_iter()
                .find(|h| h.key() == rest)
                .map(FieldPath::Header);
        }
        if let Some(rest) = text.strip_prefix("funds.declared_total.") {
            return column(rest).map(FieldPath::FundsDeclaredTotal);
        }
        if let Some(rest) = text.strip_prefix("narratives.") {
            return Some(FieldPath::Narrative(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("scores.") {
            let (id, field) = match rest.split_once('.') {
                Some((id, f)) => (id, ScoreField::ALL.into_iter().find(|x| x.key() == f)?),
                None => (rest, ScoreField::Score),
            };
            return Some(FieldPath::Score(id.to_string(), field));
        }
        if let Some(rest) = text.strip_prefix("block_weights.") {
            return Some(FieldPath::BlockWeight(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("declared.blocks.") {
            return Some(FieldPath::DeclaredBlock(rest.to_string()));
        }
        if let Some(rest) = text.strip_prefix("signoff.") {
            return SignoffField::ALL
                .into_iter()
                .find(|s| s.key() == rest)
                .map(FieldPath::Signoff);
        }
        Some(match text {
            "status" => FieldPath::Status,
            "funds.declared_rate" => FieldPath::FundsDeclaredRate,
            "funds.declared_score" => FieldPath::FundsDeclaredScore,
            "funds.deviation_reason" => FieldPath::FundsDeviationReason,
            "funds.adjustment_reason" => FieldPath::FundsAdjustmentReason,
            "funds" | "funds.rows" => FieldPath::FundsCell(0, FundsColumn::Budget),
            "declared.total" => FieldPath::DeclaredTotal,
            "declared.grade" => FieldPath::DeclaredGrade,
            _ => return None,
        })
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
            FieldPath::Indicator(_, IndicatorField::NotApplicable)
            | FieldPath::Score(_, ScoreField::NotApplicable) => Kind::Flag,
            _ => Kind::Text,
        }
    }

    /// The field's value as the editor shows it ("" for an absent decimal, "true"/"false" for flags).
    pub fn get(&self, form: &Form) -> String {
        let dec = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
        let flag = |b: bool| {
            if b {
                "true".to_string()
            } else {
                "false".to_string()
            }
        };
        match self {
            FieldPath::Status => match form.status {
                Status::Draft => "draft".into(),
                Status::Final => "final".into(),
            },
            FieldPath::Header(h) => header(form, *h).clone(),
            FieldPath::FundsSource(i) => form
                .funds
                .rows
                .get(*i)
                .map(|r| r.source.clone())
                .unwrap_or_default(),
            FieldPath::FundsCell(i, c) => {
                dec(form.funds.rows.get(*i).and_then(|r| r.figures.get(*c)))
            }
            FieldPath::FundsDeclaredTotal(c) => dec(form.funds.declared_total.get(*c)),
            FieldPath::FundsDeclaredRate => dec(form.funds.declared_rate),
            FieldPath::FundsDeclaredScore => dec(form.funds.declared_score),
            FieldPath::FundsDeviationReason => form.funds.deviation_reason.clone(),
            FieldPath::FundsAdjustmentReason => form.funds.adjustment_reason.clone(),
            FieldPath::Narrative(k) => form.narratives.get(k).cloned().unwrap_or_default(),
            FieldPath::Indicator(i, f) => form
                .indicators
                .get(*i)
                .map(|r| indicator_value(r, *f))
                .unwrap_or_default(),
            FieldPath::Score(id, f) => match form.scores.get(id) {
                None if *f == ScoreField::NotApplicable => flag(false),
                None => String::new(),
                Some(e) => match f {
                    ScoreField::Actual => e.actual.clone(),
                    ScoreField::Score => dec(e.score),
                    ScoreField::ScoreReason => e.score_reason.clone(),
                    ScoreField::DeclaredScore => dec(e.declared_score),
                    ScoreField::DeviationReason => e.deviation_reason.clone(),
                    ScoreField::NotApplicable => flag(e.not_applicable),
                },
            },
            FieldPath::BlockWeight(id) => dec(form.block_weights.get(id).copied()),
            FieldPath::Evaluator(i, f) => form
                .evaluators
                .get(*i)
                .map(|e| match f {
                    EvaluatorField::Name => e.name.clone(),
                    EvaluatorField::Title => e.title.clone(),
                    EvaluatorField::Office => e.office.clone(),
                    EvaluatorField::Phone => e.phone.clone(),
                })
                .unwrap_or_default(),
            FieldPath::Signoff(s) => signoff(form, *s).clone(),
            FieldPath::DeclaredTotal => dec(form.declared.total),
            FieldPath::DeclaredGrade => form.declared.grade.clone(),
            FieldPath::DeclaredBlock(id) => dec(form.declared.blocks.get(id).copied()),
        }
    }

    /// Sets the field from what was typed. A decimal field refuses what is not a plain number, with
    /// a message (the form is then unchanged); clearing it removes the value.
    pub fn set(&self, form: &mut Form, value: &str) -> Result<(), SetError> {
        let number = || parse_typed(value);
        let flag = value == "true";
        match self {
            FieldPath::Status => {
                form.status = if value == "final" {
                    Status::Final
                } else {
                    Status::Draft
                };
            }
            FieldPath::Header(h) => *header_mut(form, *h) = value.to_string(),
            FieldPath::FundsSource(i) => {
                form.funds
                    .rows
                    .get_mut(*i)
                    .ok_or(SetError::NoSuchRow)?
                    .source = value.to_string()
            }
            FieldPath::FundsCell(i, c) => {
                let n = number()?;
                *form
                    .funds
                    .rows
                    .get_mut(*i)
                    .ok_or(SetError::NoSuchRow)?
                    .figures
                    .get_mut(*c) = n;
            }
            FieldPath::FundsDeclaredTotal(c) => *form.funds.declared_total.get_mut(*c) = number()?,
            FieldPath::FundsDeclaredRate => form.funds.declared_rate = number()?,
            FieldPath::FundsDeclaredScore => form.funds.declared_score = number()?,
            FieldPath::FundsDeviationReason => form.funds.deviation_reason = value.to_string(),
            FieldPath::FundsAdjustmentReason => form.funds.adjustment_reason = value.to_string(),
            FieldPath::Narrative(k) => {
                if value.is_empty() {
                    form.narratives.remove(k);
                } else {
                    form.narratives.insert(k.clone(), value.to_string());
                }
            }
            FieldPath::Indicator(i, f) => {
                let n = match f {
                    IndicatorField::Weight
                    | IndicatorField::Score
                    | IndicatorField::DeclaredScore => number()?,
                    _ => None,
                };
                let r = form.indicators.get_mut(*i).ok_or(SetError::NoSuchRow)?;
                match f {
                    IndicatorField::Weight => r.weight = n,
                    IndicatorField::Score => r.score = n,
                    IndicatorField::DeclaredScore => r.declared_score = n,
                    IndicatorField::NotApplicable => r.not_applicable = flag,
                    other => {
                        if let Some(t) = indicator_text_mut(r, *other) {
                            *t = value.to_string();
                        }
                    }
                }
            }
            FieldPath::Score(id, f) => {
                let n = match f {
                    ScoreField::Score | ScoreField::DeclaredScore => number()?,
                    _ => None,
                };
                let e = form.scores.entry(id.clone()).or_default();
                match f {
                    ScoreField::Actual => e.actual = value.to_string(),
                    ScoreField::Score => e.score = n,
                    ScoreField::ScoreReason => e.score_reason = value.to_string(),
                    ScoreField::DeclaredScore => e.declared_score = n,
                    ScoreField::DeviationReason => e.deviation_reason = value.to_string(),
                    ScoreField::NotApplicable => e.not_applicable = flag,
                }
                if *e == ScoreEntry::default() {
                    form.scores.remove(id);
                }
            }
            FieldPath::BlockWeight(id) => match number()? {
                Some(n) => {
                    form.block_weights.insert(id.clone(), n);
                }
                None => {
                    form.block_weights.remove(id);
                }
            },
            FieldPath::Evaluator(i, f) => {
                let e = form.evaluators.get_mut(*i).ok_or(SetError::NoSuchRow)?;
                let t = match f {
                    EvaluatorField::Name => &mut e.name,
                    EvaluatorField::Title => &mut e.title,
                    EvaluatorField::Office => &mut e.office,
                    EvaluatorField::Phone => &mut e.phone,
                };
                *t = value.to_string();
            }
            FieldPath::Signoff(s) => *signoff_mut(form, *s) = value.to_string(),
            FieldPath::DeclaredTotal => form.declared.total = number()?,
            FieldPath::DeclaredGrade => form.declared.grade = value.to_string(),
            FieldPath::DeclaredBlock(id) => match number()? {
                Some(n) => {
                    form.declared.blocks.insert(id.clone(), n);
                }
                None => {
                    form.declared.blocks.remove(id);
                }
            },
        }
        Ok(())
    }
}

impl FieldPath {
    /// Whether the path names a field of the funds table (its rows, declared figures and reasons).
    pub fn in_funds(&self) -> bool {
        matches!(
            self,
            FieldPath::FundsSource(_)
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
            FieldPath::Header(_) => a.header == b.header,
            FieldPath::FundsSource(_)
            | FieldPath::FundsCell(..)
            | FieldPath::FundsDeclaredTotal(_)
            | FieldPath::FundsDeclaredRate
            | FieldPath::FundsDeclaredScore
            | FieldPath::FundsDeviationReason
            | FieldPath::FundsAdjustmentReason => a.funds == b.funds,
            FieldPath::Narrative(_) => a.narratives == b.narratives,
            FieldPath::Indicator(i, _) => {
                a.indicators.len() == b.indicators.len()
                    && a.indicators.get(*i) == b.indicators.get(*i)
            }
            FieldPath::Score(..) => a.scores == b.scores,
            FieldPath::BlockWeight(_) => a.block_weights == b.block_weights,
            FieldPath::Evaluator(..) => a.evaluators == b.evaluators,
            FieldPath::Signoff(_) => a.signoff == b.signoff,
            FieldPath::DeclaredTotal | FieldPath::DeclaredGrade | FieldPath::DeclaredBlock(_) => {
                a.declared == b.declared
            }
        }
    }
}

/// A decimal as typed into a field: full-width digits allowed, and a trailing point (as in "969."
/// on the way to "969.94") read as the number before it. Empty is no value.
pub fn parse_typed(value: &str) -> Result<Option<Decimal>, SetError> {
    let v = ziping_engine::value::normalize(value.trim());
    let v = v.strip_suffix('.').unwrap_or(&v);
    if v.is_empty() {
        return Ok(None);
    }
    decimal::parse(v).map(Some).ok_or(SetError::NotANumber)
}

/// Why a value could not be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetError {
    /// A decimal field was given something that is not a plain number.
    NotANumber,
    /// The row is gone (deleted while the edit was on its way).
    NoSuchRow,
}

fn header(form: &Form, h: HeaderField) -> &String {
    let x = &form.header;
    match h {
        HeaderField::Title => &x.title,
        HeaderField::Year => &x.year,
        HeaderField::Project => &x.project,
        HeaderField::FilingUnit => &x.filing_unit,
        HeaderField::Department => &x.department,
        HeaderField::Unit => &x.unit,
        HeaderField::Attribute => &x.attribute,
        HeaderField::Period => &x.period,
    }
}

fn header_mut(form: &mut Form, h: HeaderField) -> &mut String {
    let x = &mut form.header;
    match h {
        HeaderField::Title => &mut x.title,
        HeaderField::Year => &mut x.year,
        HeaderField::Project => &mut x.project,
        HeaderField::FilingUnit => &mut x.filing_unit,
        HeaderField::Department => &mut x.department,
        HeaderField::Unit => &mut x.unit,
        HeaderField::Attribute => &mut x.attribute,
        HeaderField::Period => &mut x.period,
    }
}

fn signoff(form: &Form, s: SignoffField) -> &String {
    let x = &form.signoff;
    match s {
        SignoffField::Responsible => &x.responsible,
        SignoffField::Handler => &x.handler,
        SignoffField::Phone => &x.phone,
        SignoffField::FiledOn => &x.filed_on,
        SignoffField::UnitHead => &x.unit_head,
        SignoffField::SignedOn => &x.signed_on,
    }
}

fn signoff_mut(form: &mut Form, s: SignoffField) -> &mut String {
    let x = &mut form.signoff;
    match s {
        SignoffField::Responsible => &mut x.responsible,
        SignoffField::Handler => &mut x.handler,
        SignoffField::Phone => &mut x.phone,
        SignoffField::FiledOn => &mut x.filed_on,
        SignoffField::UnitHead => &mut x.unit_head,
        SignoffField::SignedOn => &mut x.signed_on,
    }
}

/// One field of an indicator row, as the editor shows it.
pub fn indicator_value(r: &IndicatorRow, f: IndicatorField) -> String {
    let dec = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    match f {
        IndicatorField::Weight => dec(r.weight),
        IndicatorField::Score => dec(r.score),
        IndicatorField::DeclaredScore => dec(r.declared_score),
        IndicatorField::NotApplicable => {
            (if r.not_applicable { "true" } else { "false" }).to_string()
        }
        other => indicator_text(r, other).cloned().unwrap_or_default(),
    }
}

fn indicator_text(r: &IndicatorRow, f: IndicatorField) -> Option<&String> {
    Some(match f {
        IndicatorField::Name => &r.name,
        IndicatorField::Block => &r.block,
        IndicatorField::Target => &r.target,
        IndicatorField::Actual => &r.actual,
        IndicatorField::Operator => &r.operator,
        IndicatorField::Method => &r.method,
        IndicatorField::Band => &r.band,
        IndicatorField::ScoreReason => &r.score_reason,
        IndicatorField::DeclaredCompletion => &r.declared_completion,
        IndicatorField::DeviationReason => &r.deviation_reason,
        IndicatorField::Note => &r.note,
        _ => return None,
    })
}

fn indicator_text_mut(r: &mut IndicatorRow, f: IndicatorField) -> Option<&mut String> {
    Some(match f {
        IndicatorField::Name => &mut r.name,
        IndicatorField::Block => &mut r.block,
        IndicatorField::Target => &mut r.target,
        IndicatorField::Actual => &mut r.actual,
        IndicatorField::Operator => &mut r.operator,
        IndicatorField::Method => &mut r.method,
        IndicatorField::Band => &mut r.band,
        IndicatorField::ScoreReason => &mut r.score_reason,
        IndicatorField::DeclaredCompletion => &mut r.declared_completion,
        IndicatorField::DeviationReason => &mut r.deviation_reason,
        IndicatorField::Note => &mut r.note,
        _ => return None,
    })
}
