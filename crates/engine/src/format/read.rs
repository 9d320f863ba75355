//! Strict, all-or-nothing reading of a `ziping-form` file: every problem, each with its path.

use super::json::{join, kind};
use super::migrate::migrate;
use crate::decimal::Decimal;
use crate::model::*;
use crate::text::Text;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Files above this size are refused before parsing.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Amounts, weights and scores beyond this magnitude are refused (no real form comes near).
const MAX_MAGNITUDE: i64 = 1_000_000_000_000;
/// Decimal places beyond this are refused.
const MAX_SCALE: u32 = 10;
/// More rows than this in one table is refused.
const MAX_ROWS: usize = 100_000;

/// One reason a file cannot be read: where (a path such as `indicators[3].weight`) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: Text,
}

impl Problem {
    pub fn new(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: Text::new(zh, en),
        }
    }
}

/// The problem of a file over [`MAX_FILE_BYTES`], with its size in MB to one decimal.
pub fn too_large(bytes: u64) -> Problem {
    // Tenths of a MB in integers, rounded half up (no float formatting in the app's download).
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    let mb = format!("{}.{}", tenths / 10, tenths % 10);
    Problem::new(
        "",
        format!("文件有 {mb} MB，超过 20 MB 上限，未读取"),
        format!("the file is {mb} MB, above the 20 MB limit: not read"),
    )
}

/// Reads a form file. Either the whole form, or every problem found (and nothing loaded).
pub fn read_form(text: &str) -> Result<Form, Vec<Problem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(text.len() as u64)]);
    }
    let (value, mut problems) = super::json::parse_file(text).map_err(|p| vec![p])?;
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
    let mut r = Reader {
        problems: Vec::new(),
    };
    let form = r.form(&value);
    if r.problems.is_empty() {
        Ok(form)
    } else {
        Err(r.problems)
    }
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn bad(&mut self, path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.problems.push(Problem::new(path, zh, en));
    }

    /// `v` as an object with only `allowed` keys; unknown keys are problems.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(m) = v.as_object() else {
            self.bad(
                path,
                format!("应为对象，实际为 {}", kind(v).0),
                format!("must be an object, found {}", kind(v).1),
            );
            return None;
        };
        for key in m.keys() {
            if !allowed.contains(&key.as_str()) {
                let p = join(path, key);
                self.bad(
                    p,
                    format!("未知字段“{key}”"),
                    format!("unknown field \"{key}\""),
                );
            }
        }
        Some(m)
    }

    fn string(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> String {
        match m.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => {
                self.bad(
                    join(path, key),
                    format!("应为文本，实际为 {}", kind(v).0),
                    format!("must be text, found {}", kind(v).1),
                );
                String::new()
            }
        }
    }

    fn required_string(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> String {
        if !m.contains_key(key) {
            self.bad(
                join(path, key),
                format!("缺少必填字段“{key}”"),
                format!("the required field \"{key}\" is missing"),
            );
        }
        self.string(m, key, path)
    }

    fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> bool {
        match m.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.bad(
                    join(path, key),
                    format!("应为 true 或 false，实际为 {}", kind(v).0),
                    format!("must be true or false, found {}", kind(v).1),
                );
                false
            }
        }
    }

    fn decimal_value(&mut self, v: &Value, path: &str) -> Option<Decimal> {
        match v {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => match crate::decimal::parse(s) {
                Some(d) if d.abs() > Decimal::from(MAX_MAGNITUDE) => {
                    self.bad(
                        path,
                        format!("数值“{s}”超出范围（绝对值不超过 10^12）"),
                        format!("the number \"{s}\" is out of range (at most 10^12 in size)"),
                    );
                    None
                }
                Some(d) if d.scale() > MAX_SCALE => {
                    self.bad(
                        path,
                        format!("数值“{s}”小数位过多（最多 {MAX_SCALE} 位）"),
                        format!("the number \"{s}\" has too many decimals (at most {MAX_SCALE})"),
                    );
                    None
                }
                Some(d) => Some(d),
                None => {
                    self.bad(
                        path,
                        format!("“{s}”不是数字（应写作如 \"969.94\"）"),
                        format!("\"{s}\" is not a number (write it like \"969.94\")"),
                    );
                    None
                }
            },
            Value::Number(n) => {
                self.bad(
                    path,
                    format!("数值 {n} 应写成带引号的文本，如 \"{n}\"，以免精度损失"),
                    format!("the number {n} must be written as text, e.g. \"{n}\", so that no precision is lost"),
                );
                None
            }
            other => {
                self.bad(
                    path,
                    format!("应为数字文本，实际为 {}", kind(other).0),
                    format!("must be a number written as text, found {}", kind(other).1),
                );
                None
            }
        }
    }

    fn decimal(&mut self, m: &Map<String, Value>, key: &str, path: &str) -> Option<Decimal> {
        m.get(key)
            .and_then(|v| self.decimal_value(v, &join(path, key)))
    }

    fn array<'v>(&mut self, m: &'v Map<String, Value>, key: &str, path: &str) -> &'v [Value] {
        match m.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(a)) if a.len() > MAX_ROWS => {
                self.bad(
                    join(path, key),
                    format!("行数 {} 超过上限 {MAX_ROWS}", a.len()),
                    format!("{} rows is above the limit of {MAX_ROWS}", a.len()),
                );
                &[]
            }
            Some(Value::Array(a)) => a,
            Some(v) => {
                self.bad(
                    join(path, key),
                    format!("应为列表，实际为 {}", kind(v).0),
                    format!("must be a list, found {}", kind(v).1),
                );
                &[]
            }
        }
    }

    fn string_map(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let p = join(path, key);
        match m.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(obj)) => {
                for (k, v) in obj {
                    match v {
                        Value::String(s) => {
                            out.insert(k.clone(), s.clone());
                        }
                        other => self.bad(
                            join(&p, k),
                            format!("应为文本，实际为 {}", kind(other).0),
                            format!("must be text, found {}", kind(other).1),
                        ),
                    }
                }
            }
            Some(v) => self.bad(
                p,
                format!("应为对象，实际为 {}", kind(v).0),
                format!("must be an object, found {}", kind(v).1),
            ),
        }
        out
    }

    fn decimal_map(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> BTreeMap<String, Decimal> {
        let mut out = BTreeMap::new();
        let p = join(path, key);
        match m.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(obj)) => {
                for (k, v) in obj {
                    if let Some(d) = self.decimal_value(v, &join(&p, k)) {
                        out.insert(k.clone(), d);
                    }
                }
            }
            Some(v) => self.bad(
                p,
                format!("应为对象，实际为 {}", kind(v).0),
                format!("must be an object, found {}", kind(v).1),
            ),
        }
        out
    }

    fn form(&mut self, v: &Value) -> Form {
        const KEYS: &[&str] = &[
            "format",
            "schema_version",
            "profile",
            "status",
            "header",
            "funds",
            "narratives",
            "indicators",
            "scores",
            "block_weights",
            "evaluators",
            "signoff",
            "declared",
        ];
        let Some(m) = self.object(v, "", KEYS) else {
            return Form::default();
        };
        let profile = self.required_string(m, "profile", "");
        if m.contains_key("profile") && profile.trim().is_empty() {
            self.bad(
                "profile",
                "规则编号不能为空",
                "the profile id may not be empty",
            );
        }
        let status = match m.get("status") {
            None | Some(Value::Null) => Status::Draft,
            Some(Value::String(s)) if s == "draft" => Status::Draft,
            Some(Value::String(s)) if s == "final" => Status::Final,
            Some(other) => {
                self.bad(
                    "status",
                    format!("状态应为 \"draft\" 或 \"final\"，实际为 {other}"),
                    format!("status must be \"draft\" or \"final\", found {other}"),
                );
                Status::Draft
            }
        };
        let header = m.get("header").map(|h| self.header(h)).unwrap_or_default();
        let funds = m.get("funds").map(|f| self.funds(f)).unwrap_or_default();
        let narratives = self.string_map(m, "narratives", "");
        let indicators = self.indicators(m);
        let scores = self.scores(m);
        let block_weights = self.decimal_map(m, "block_weights", "");
        let evaluators = self
            .array(m, "evaluators", "")
            .iter()
            .enumerate()
            .map(|(i, e)| self.evaluator(e, &format!("evaluators[{i}]")))
            .collect();
        let signoff = m
            .get("signoff")
            .map(|s| self.signoff(s))
            .unwrap_or_default();
        let declared = m
            .get("declared")
            .map(|d| self.declared(d))
            .unwrap_or_default();
        Form {
            profile,
            status,
            header,
            funds,
            narratives,
            indicators,
            scores,
            block_weights,
            evaluators,
            signoff,
            declared,
        }
    }

    fn header(&mut self, v: &Value) -> Header {
        const KEYS: &[&str] = &[
            "title",
            "year",
            "project",
            "filing_unit",
            "department",
            "unit",
            "attribute",
            "period",
        ];
        let Some(m) = self.object(v, "header", KEYS) else {
            return Header::default();
        };
        let p = "header";
        Header {
            title: self.string(m, "title", p),
            year: self.string(m, "year", p),
            project: self.string(m, "project", p),
            filing_unit: self.string(m, "filing_unit", p),
            department: self.string(m, "department", p),
            unit: self.string(m, "unit", p),
            attribute: self.string(m, "attribute", p),
            period: self.string(m, "period", p),
        }
    }

    fn figures(&mut self, m: &Map<String, Value>, path: &str) -> FundsFigures {
        FundsFigures {
            initial: self.decimal(m, "initial", path),
            budget: self.decimal(m, "budget", path),
            allocated: self.decimal(m, "allocated", path),
            spent: self.decimal(m, "spent", path),
        }
    }

    fn funds(&mut self, v: &Value) -> Funds {
        const KEYS: &[&str] = &[
            "rows",
            "declared_total",
            "declared_rate",
            "declared_score",
            "deviation_reason",
            "adjustment_reason",
        ];
        let Some(m) = self.object(v, "funds", KEYS) else {
            return Funds::default();
        };
        let mut rows = Vec::new();
        for (i, row) in self.array(m, "rows", "funds").iter().enumerate() {
            let p = format!("funds.rows[{i}]");
            if let Some(rm) = self.object(
                row,
                &p,
                &["source", "initial", "budget", "allocated", "spent"],
            ) {
                let source = self.string(rm, "source", &p);
                let figures = self.figures(rm, &p);
                rows.push(FundsRow { source, figures });
            }
        }
        let declared_total = match m.get("declared_total") {
            Some(t) => match self.object(
                t,
                "funds.declared_total",
                &["initial", "budget", "allocated", "spent"],
            ) {
                Some(tm) => self.figures(tm, "funds.declared_total"),
                None => FundsFigures::default(),
            },
            None => FundsFigures::default(),
        };
        Funds {
            rows,
            declared_total,
            declared_rate: self.decimal(m, "declared_rate", "funds"),
            declared_score: self.decimal(m, "declared_score", "funds"),
            deviation_reason: self.string(m, "deviation_reason", "funds"),
            adjustment_reason: self.string(m, "adjustment_reason", "funds"),
        }
    }

    fn indicators(&mut self, m: &Map<String, Value>) -> Vec<IndicatorRow> {
        const KEYS: &[&str] = &[
            "id",
            "level",
            "name",
            "block",
            "target",
            "actual",
            "operator",
            "method",
            "band",
            "weight",
            "score",
            "score_reason",
            "declared_score",
            "declared_completion",
            "deviation_reason",
            "not_applicable",
            "note",
        ];
        let mut out = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, v) in self.array(m, "indicators", "").iter().enumerate() {
            let p = format!("indicators[{i}]");
            let Some(rm) = self.object(v, &p, KEYS) else {
                continue;
            };
            let id = self.required_string(rm, "id", &p);
            if id.trim().is_empty() {
                if rm.contains_key("id") {
                    self.bad(
                        format!("{p}.id"),
                        "行编号不能为空",
                        "the row id may not be empty",
                    );
                }
            } else if !ids.insert(id.clone()) {
                self.bad(
                    format!("{p}.id"),
                    format!("行编号“{id}”重复"),
                    format!("row id \"{id}\" is repeated"),
                );
            }
            let level = match rm.get("level") {
                Some(Value::Number(n)) => match n.as_u64() {
                    Some(l @ 1..=3) => l as u8,
                    _ => {
                        self.bad(
                            format!("{p}.level"),
                            format!("层级应为 1、2 或 3，实际为 {n}"),
                            format!("level must be 1, 2 or 3, found {n}"),
                        );
                        3
                    }
                },
                None => {
                    self.bad(
                        format!("{p}.level"),
                        "缺少必填字段“level”（1、2 或 3）",
                        "the required field \"level\" (1, 2 or 3) is missing",
                    );
                    3
                }
                Some(other) => {
                    self.bad(
                        format!("{p}.level"),
                        format!("层级应为 1、2 或 3，实际为 {}", kind(other).0),
                        format!("level must be 1, 2 or 3, found {}", kind(other).1),
                    );
                    3
                }
            };
            let method = self.string(rm, "method", &p);
            if !matches!(method.as_str(), "" | "auto" | "qualitative" | "manual") {
                self.bad(
                    format!("{p}.method"),
                    format!("评分方式“{method}”应为 auto、qualitative 或 manual"),
                    format!("method \"{method}\" must be auto, qualitative or manual"),
                );
            }
            out.push(IndicatorRow {
                id,
                level,
                name: self.string(rm, "name", &p),
                block: self.string(rm, "block", &p),
                target: self.string(rm, "target", &p),
                actual: self.string(rm, "actual", &p),
                operator: self.string(rm, "operator", &p),
                method,
                band: self.string(rm, "band", &p),
                weight: self.decimal(rm, "weight", &p),
                score: self.decimal(rm, "score", &p),
                score_reason: self.string(rm, "score_reason", &p),
                declared_score: self.decimal(rm, "declared_score", &p),
                declared_completion: self.string(rm, "declared_completion", &p),
                deviation_reason: self.string(rm, "deviation_reason", &p),
                not_applicable: self.boolean(rm, "not_applicable", &p),
                note: self.string(rm, "note", &p),
            });
        }
        out
    }

    fn scores(&mut self, m: &Map<String, Value>) -> BTreeMap<String, ScoreEntry> {
        const KEYS: &[&str] = &[
            "actual",
            "score",
            "score_reason",
            "declared_score",
            "deviation_reason",
            "not_applicable",
        ];
        let mut out = BTreeMap::new();
        match m.get("scores") {
            None | Some(Value::Null) => {}
            Some(Value::Object(obj)) => {
                for (id, v) in obj {
                    let p = format!("scores.{id}");
                    let Some(em) = self.object(v, &p, KEYS) else {
                        continue;
                    };
                    out.insert(
                        id.clone(),
                        ScoreEntry {
                            actual: self.string(em, "actual", &p),
                            score: self.decimal(em, "score", &p),
                            score_reason: self.string(em, "score_reason", &p),
                            declared_score: self.decimal(em, "declared_score", &p),
                            deviation_reason: self.string(em, "deviation_reason", &p),
                            not_applicable: self.boolean(em, "not_applicable", &p),
                        },
                    );
                }
            }
            Some(v) => self.bad(
                "scores",
                format!("应为对象，实际为 {}", kind(v).0),
                format!("must be an object, found {}", kind(v).1),
            ),
        }
        out
    }

    fn evaluator(&mut self, v: &Value, p: &str) -> Evaluator {
        let Some(m) = self.object(v, p, &["name", "title", "office", "phone"]) else {
            return Evaluator::default();
        };
        Evaluator {
            name: self.string(m, "name", p),
            title: self.string(m, "title", p),
            office: self.string(m, "office", p),
            phone: self.string(m, "phone", p),
        }
    }

    fn signoff(&mut self, v: &Value) -> Signoff {
        const KEYS: &[&str] = &[
            "responsible",
            "handler",
            "phone",
            "filed_on",
            "unit_head",
            "signed_on",
        ];
        let p = "signoff";
        let Some(m) = self.object(v, p, KEYS) else {
            return Signoff::default();
        };
        Signoff {
            responsible: self.string(m, "responsible", p),
            handler: self.string(m, "handler", p),
            phone: self.string(m, "phone", p),
            filed_on: self.string(m, "filed_on", p),
            unit_head: self.string(m, "unit_head", p),
            signed_on: self.string(m, "signed_on", p),
        }
    }

    fn declared(&mut self, v: &Value) -> Declared {
        let p = "declared";
        let Some(m) = self.object(v, p, &["total", "grade", "blocks"]) else {
            return Declared::default();
        };
        Declared {
            total: self.decimal(m, "total", p),
            grade: self.string(m, "grade", p),
            blocks: self.decimal_map(m, "blocks", p),
        }
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn sizes_are_shown_in_tenths_of_a_megabyte_rounded_half_up() {
        assert!(super::too_large(20 * 1_048_576 + 1)
            .message
            .en
            .contains(" 20.0 MB"));
        assert!(super::too_large(21 * 1_048_576 + 524_288)
            .message
            .zh
            .contains("21.5 MB"));
        assert!(super::too_large(25_000_000).message.en.contains(" 23.8 MB"));
    }
}
