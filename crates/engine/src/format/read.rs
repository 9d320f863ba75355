//! Strict, all-or-nothing reading of a `ziping-form` file: every problem, each with its path. Written
//! with the combinators of [`crate::reader`], as profiles are.
//!
//! A form file may leave any field out, and `null` stands for an empty text or a missing number; a
//! number written as `""` is missing too. Anything else of the wrong kind is a problem.

use super::migrate::migrate;
use crate::decimal::Decimal;
use crate::model::*;
use crate::path::{FieldPath, IndicatorField, Kind, ScoreField};
use crate::reader::{parse_file, At, Problem, Reader};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Reads a form file. Either the whole form, or every problem found (and nothing loaded).
pub fn read_form(text: &str) -> Result<Form, Vec<Problem>> {
    let (value, mut problems) = parse_file(text).map_err(|p| vec![p])?;
    if problems.is_empty() {
        return read_value(value);
    }
    // Report the repeated keys and every other problem of the file together.
    if let Err(more) = read_value(value) {
        problems.extend(more);
    }
    Err(problems)
}

/// Reads a form from a JSON value already parsed (e.g. handed over from JavaScript).
pub fn read_value(value: Value) -> Result<Form, Vec<Problem>> {
    let value = migrate(value)?;
    let mut r = Reader::default();
    let form = form(&mut r, &value);
    r.finish(Some(form))
}

/// The fields each object of a form file may have (the reader refuses any other), shared with the
/// tests that hold the JSON schema and the fuzzer's dictionaries to the reader.
pub mod fields {
    pub const FORM: &[&str] = &[
        "format",
        "schema_version",
        "profile",
        "profile_hash",
        "status",
        "incomplete",
        "header",
        "funds",
        "narratives",
        "indicators",
        "scores",
        "block_weights",
        "evaluators",
        "signoff",
        "declared",
        "typed",
    ];
    pub const HEADER: &[&str] = &[
        "title",
        "year",
        "project",
        "filing_unit",
        "department",
        "unit",
        "attribute",
        "period",
    ];
    pub const FUNDS: &[&str] = &[
        "rows",
        "declared_total",
        "declared_rate",
        "declared_score",
        "deviation_reason",
        "adjustment_reason",
    ];
    pub const FUNDS_ROW: &[&str] = &["source", "initial", "budget", "allocated", "spent", "typed"];
    pub const FIGURES: &[&str] = &["initial", "budget", "allocated", "spent"];
    pub const INDICATOR: &[&str] = &[
        "id",
        "level",
        "name",
        "block",
        "target",
        "initial_target",
        "actual",
        "operator",
        "unit",
        "method",
        "band",
        "weight",
        "score",
        "score_reason",
        "declared_score",
        "declared_completion",
        "deviation_reason",
        "nature",
        "core",
        "coefficient",
        "not_applicable",
        "note",
        "incomplete",
        "typed",
    ];
    pub const SCORE_ENTRY: &[&str] = &[
        "actual",
        "score",
        "score_reason",
        "declared_score",
        "deviation_reason",
        "not_applicable",
        "typed",
    ];
    pub const EVALUATOR: &[&str] = &["name", "title", "office", "phone"];
    pub const SIGNOFF: &[&str] = &[
        "responsible",
        "handler",
        "phone",
        "filed_on",
        "unit_head",
        "signed_on",
    ];
    pub const DECLARED: &[&str] = &["total", "grade", "blocks"];
}

const STATUS: &[(&str, Status)] = &[("draft", Status::Draft), ("final", Status::Final)];

/// The value of field `key`, unless it is absent or `null`.
fn given<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    m.get(key).filter(|v| !v.is_null())
}

/// A text field: absent or `null` is empty.
fn text(r: &mut Reader, m: &Map<String, Value>, key: &str, at: &At) -> String {
    given(m, key)
        .and_then(|v| r.string(v, &At::Key(at, key)))
        .unwrap_or_default()
}

/// A number field: absent, `null` or blank is none.
fn number(r: &mut Reader, m: &Map<String, Value>, key: &str, at: &At) -> Option<Decimal> {
    given(m, key).and_then(|v| r.amount(v, &At::Key(at, key)).flatten())
}

fn flag(r: &mut Reader, m: &Map<String, Value>, key: &str, at: &At) -> bool {
    given(m, key)
        .and_then(|v| r.boolean(v, &At::Key(at, key)))
        .unwrap_or_default()
}

/// An object-valued part of the form: absent is empty; anything but an object is a problem.
fn part<T: Default>(
    r: &mut Reader,
    m: &Map<String, Value>,
    key: &str,
    read: impl FnOnce(&mut Reader, &Value, &At) -> Option<T>,
) -> T {
    r.or_default(m, key, &At::Top, read).unwrap_or_default()
}

/// A list or map of the form: absent or `null` is empty.
fn list<T: Default>(
    r: &mut Reader,
    m: &Map<String, Value>,
    key: &str,
    read: impl FnOnce(&mut Reader, &Value, &At) -> Option<T>,
) -> T {
    let value = given(m, key).and_then(|v| read(r, v, &At::Key(&At::Top, key)));
    value.unwrap_or_default()
}

/// Numbers by key (block weights, stated subtotals): a `null` or blank one is left out.
fn numbers(r: &mut Reader, v: &Value, at: &At) -> Option<BTreeMap<String, Decimal>> {
    let read = r.map(v, at, |r, v, at| match v {
        Value::Null => Some(None),
        _ => r.amount(v, at),
    })?;
    // Inserted one by one, in order: collecting into a map would sort the keys again.
    let mut out = BTreeMap::new();
    for (k, d) in read {
        if let Some(d) = d {
            out.insert(k, d);
        }
    }
    Some(out)
}

/// What was typed into the number fields of an object (`typed`): text by field, for the fields
/// `field` names (a number field of that object); any other key is a problem.
#[inline(never)]
fn typed(r: &mut Reader, m: &Map<String, Value>, at: &At, field: fn(&str) -> bool) -> Typed {
    let read = r
        .optional(m, "typed", at, |r, v, at| r.map(v, at, Reader::string))
        .flatten()
        .unwrap_or_default();
    let at = At::Key(at, "typed");
    let mut out = read;
    for (k, text) in &out {
        match field(k) {
            true if !text.trim().is_empty() => {}
            true => r.bad(
                &At::Key(&at, k),
                "键入的文字不能为空",
                "the typed text may not be empty",
            ),
            false => r.bad(
                &At::Key(&at, k),
                format!("“{k}”不是此处的数字字段", k = crate::text::quote(k)),
                format!(
                    "\"{k}\" is not a number field here",
                    k = crate::text::quote(k)
                ),
            ),
        }
    }
    out.retain(|_, t| !t.trim().is_empty());
    out
}

/// A number field of the form outside its rows (`funds.declared_rate`, `declared.total` …).
fn form_number_field(key: &str) -> bool {
    FieldPath::typed_in_form_at(key).is_some()
}

fn form(r: &mut Reader, v: &Value) -> Form {
    let top = &At::Top;
    let Some(m) = r.object(v, top, fields::FORM) else {
        return Form::default();
    };
    let profile = r
        .required(m, "profile", top, Reader::string)
        .unwrap_or_default();
    if m.contains_key("profile") && profile.trim().is_empty() {
        r.bad(
            &At::Key(top, "profile"),
            "规则编号不能为空",
            "the profile id may not be empty",
        );
    }
    Form {
        profile,
        profile_hash: text(r, m, "profile_hash", top),
        status: r
            .optional(m, "status", top, |r, v, at| r.choice(v, at, STATUS))
            .flatten()
            .unwrap_or_default(),
        incomplete: text(r, m, "incomplete", top),
        header: part(r, m, "header", header),
        funds: part(r, m, "funds", funds),
        narratives: list(r, m, "narratives", |r, v, at| r.map(v, at, Reader::string)),
        indicators: list(r, m, "indicators", indicators),
        scores: list(r, m, "scores", |r, v, at| r.map(v, at, score_entry)),
        block_weights: list(r, m, "block_weights", numbers),
        evaluators: list(r, m, "evaluators", |r, v, at| r.list(v, at, evaluator)),
        signoff: part(r, m, "signoff", signoff),
        declared: part(r, m, "declared", declared),
        typed: typed(r, m, top, form_number_field),
    }
}

fn header(r: &mut Reader, v: &Value, at: &At) -> Option<Header> {
    let m = r.object(v, at, fields::HEADER)?;
    Some(Header {
        title: text(r, m, "title", at),
        year: text(r, m, "year", at),
        project: text(r, m, "project", at),
        filing_unit: text(r, m, "filing_unit", at),
        department: text(r, m, "department", at),
        unit: text(r, m, "unit", at),
        attribute: text(r, m, "attribute", at),
        period: text(r, m, "period", at),
    })
}

fn figures(r: &mut Reader, m: &Map<String, Value>, at: &At) -> FundsFigures {
    FundsFigures {
        initial: number(r, m, "initial", at),
        budget: number(r, m, "budget", at),
        allocated: number(r, m, "allocated", at),
        spent: number(r, m, "spent", at),
    }
}

fn funds(r: &mut Reader, v: &Value, at: &At) -> Option<Funds> {
    let m = r.object(v, at, fields::FUNDS)?;
    let rows = r.optional(m, "rows", at, |r, v, at| {
        r.list(v, at, |r, v, at| {
            let m = r.object(v, at, fields::FUNDS_ROW)?;
            Some(FundsRow {
                source: text(r, m, "source", at),
                figures: figures(r, m, at),
                typed: typed(r, m, at, |k| FundsColumn::from_key(k).is_some()),
            })
        })
    });
    let declared_total = r.or_default(m, "declared_total", at, |r, v, at| {
        let m = r.object(v, at, fields::FIGURES)?;
        Some(figures(r, m, at))
    });
    Some(Funds {
        rows: rows.flatten().unwrap_or_default(),
        declared_total: declared_total.unwrap_or_default(),
        declared_rate: number(r, m, "declared_rate", at),
        declared_score: number(r, m, "declared_score", at),
        deviation_reason: text(r, m, "deviation_reason", at),
        adjustment_reason: text(r, m, "adjustment_reason", at),
    })
}

fn indicators(r: &mut Reader, v: &Value, at: &At) -> Option<Vec<IndicatorRow>> {
    let mut ids = BTreeSet::new();
    let rows = r.list(v, at, |r, v, at| Some(indicator(r, v, at, &mut ids)))?;
    Some(rows.into_iter().flatten().collect())
}

/// A row of the indicator outline; `ids` are the row ids before it, which must differ from its own
/// (the editor keys rows by them).
fn indicator(
    r: &mut Reader,
    v: &Value,
    at: &At,
    ids: &mut BTreeSet<String>,
) -> Option<IndicatorRow> {
    let m = r.object(v, at, fields::INDICATOR)?;
    let id = r.required(m, "id", at, Reader::string).unwrap_or_default();
    if id.trim().is_empty() {
        if m.contains_key("id") {
            r.bad(
                &At::Key(at, "id"),
                "行编号不能为空",
                "the row id may not be empty",
            );
        }
    } else if !ids.insert(id.clone()) {
        r.bad(
            &At::Key(at, "id"),
            format!("行编号“{id}”重复", id = crate::text::quote(&id)),
            format!("row id \"{id}\" is repeated", id = crate::text::quote(&id)),
        );
    }
    let level = level(r, m, at);
    let method = text(r, m, "method", at);
    if !matches!(method.as_str(), "" | "auto" | "qualitative" | "manual") {
        r.bad(
            &At::Key(at, "method"),
            format!(
                "评分方式“{method}”应为 auto、qualitative 或 manual",
                method = crate::text::quote(&method)
            ),
            format!(
                "method \"{method}\" must be auto, qualitative or manual",
                method = crate::text::quote(&method)
            ),
        );
    }
    Some(IndicatorRow {
        id,
        level,
        name: text(r, m, "name", at),
        block: text(r, m, "block", at),
        target: text(r, m, "target", at),
        initial_target: text(r, m, "initial_target", at),
        actual: text(r, m, "actual", at),
        operator: text(r, m, "operator", at),
        unit: text(r, m, "unit", at),
        method,
        band: text(r, m, "band", at),
        weight: number(r, m, "weight", at),
        score: number(r, m, "score", at),
        score_reason: text(r, m, "score_reason", at),
        declared_score: number(r, m, "declared_score", at),
        declared_completion: text(r, m, "declared_completion", at),
        deviation_reason: text(r, m, "deviation_reason", at),
        not_applicable: flag(r, m, "not_applicable", at),
        note: text(r, m, "note", at),
        incomplete: text(r, m, "incomplete", at),
        nature: text(r, m, "nature", at),
        core: flag(r, m, "core", at),
        coefficient: text(r, m, "coefficient", at),
        typed: typed(r, m, at, |k| {
            IndicatorField::from_key(k)
                .is_some_and(|f| FieldPath::Indicator(0, f).kind() == Kind::Decimal)
        }),
    })
}

/// A row's level: 1, 2 or 3 (a row with a wrong level reads as 3, and the problem is reported).
fn level(r: &mut Reader, m: &Map<String, Value>, at: &At) -> u8 {
    let at = &At::Key(at, "level");
    match m.get("level") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(l @ 1..=3) => return l as u8,
            _ => r.bad(
                at,
                format!("层级应为 1、2 或 3，实际为 {n}"),
                format!("level must be 1, 2 or 3, found {n}"),
            ),
        },
        None => r.bad(
            at,
            "缺少必填字段“level”（1、2 或 3）",
            "the required field \"level\" (1, 2 or 3) is missing",
        ),
        Some(other) => {
            let (zh, en) = crate::reader::kind(other);
            r.bad(
                at,
                format!("层级应为 1、2 或 3，实际为 {zh}"),
                format!("level must be 1, 2 or 3, found {en}"),
            )
        }
    }
    3
}

fn score_entry(r: &mut Reader, v: &Value, at: &At) -> Option<ScoreEntry> {
    let m = r.object(v, at, fields::SCORE_ENTRY)?;
    Some(ScoreEntry {
        actual: text(r, m, "actual", at),
        score: number(r, m, "score", at),
        score_reason: text(r, m, "score_reason", at),
        declared_score: number(r, m, "declared_score", at),
        deviation_reason: text(r, m, "deviation_reason", at),
        not_applicable: flag(r, m, "not_applicable", at),
        typed: typed(r, m, at, |k| {
            ScoreField::from_key(k)
                .is_some_and(|f| FieldPath::Score(String::new(), f).kind() == Kind::Decimal)
        }),
    })
}

fn evaluator(r: &mut Reader, v: &Value, at: &At) -> Option<Evaluator> {
    let m = r.object(v, at, fields::EVALUATOR)?;
    Some(Evaluator {
        name: text(r, m, "name", at),
        title: text(r, m, "title", at),
        office: text(r, m, "office", at),
        phone: text(r, m, "phone", at),
    })
}

fn signoff(r: &mut Reader, v: &Value, at: &At) -> Option<Signoff> {
    let m = r.object(v, at, fields::SIGNOFF)?;
    Some(Signoff {
        responsible: text(r, m, "responsible", at),
        handler: text(r, m, "handler", at),
        phone: text(r, m, "phone", at),
        filed_on: text(r, m, "filed_on", at),
        unit_head: text(r, m, "unit_head", at),
        signed_on: text(r, m, "signed_on", at),
    })
}

fn declared(r: &mut Reader, v: &Value, at: &At) -> Option<Declared> {
    let m = r.object(v, at, fields::DECLARED)?;
    let blocks = r.optional(m, "blocks", at, numbers).flatten();
    Some(Declared {
        total: number(r, m, "total", at),
        grade: text(r, m, "grade", at),
        blocks: blocks.unwrap_or_default(),
    })
}

#[cfg(test)]
mod size_tests {
    use crate::reader::too_large;

    #[test]
    fn sizes_are_shown_in_tenths_of_a_megabyte_rounded_half_up() {
        assert!(too_large(20 * 1_048_576 + 1)
            .message
            .en
            .contains(" 20.0 MB"));
        assert!(too_large(21 * 1_048_576 + 524_288)
            .message
            .zh
            .contains("21.5 MB"));
        assert!(too_large(25_000_000).message.en.contains(" 23.8 MB"));
    }
}
