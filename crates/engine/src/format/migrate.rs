//! Migrations between schema versions: explicit functions from one version's JSON to the next.
//!
//! `MIGRATIONS[i]` turns a version `i + 1` file into version `i + 2`. A change to the format adds a
//! function here, bumps [`super::SCHEMA_VERSION`], and freezes golden files of the old version under
//! `crates/engine/tests/golden/format/` so that old files keep importing forever.
//!
//! - 1 → 2: version 2 adds `typed` (what was typed into number fields where it is not the plain
//!   number, see docs/format.md). A version 1 file has none, and may not have one: it reads as is.

use super::{FORMAT, SCHEMA_VERSION};
use crate::path::DocPath;
use crate::reader::Problem;
use serde_json::Value;

type Migration = fn(Value) -> Result<Value, Problem>;

const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 1 had no `typed`: a version 1 file that carries one is not a version 1 file.
fn v1_to_v2(value: Value) -> Result<Value, Problem> {
    let typed_anywhere = |v: &Value| -> bool {
        fn walk(v: &Value) -> bool {
            match v {
                Value::Object(m) => m.contains_key("typed") || m.values().any(walk),
                Value::Array(a) => a.iter().any(walk),
                _ => false,
            }
        }
        walk(v)
    };
    if typed_anywhere(&value) {
        return Err(Problem::new(
            DocPath::at("schema_version"),
            "“typed”字段从第 2 版起才有：请把 schema_version 改为 2",
            "\"typed\" exists from version 2 on: set schema_version to 2",
        ));
    }
    Ok(value)
}

/// Checks the file's format and version and brings it to [`SCHEMA_VERSION`].
pub fn migrate(mut value: Value) -> Result<Value, Vec<Problem>> {
    let Some(obj) = value.as_object() else {
        return Err(vec![Problem::file(
            "文件应为一个 JSON 对象",
            "the file must hold one JSON object",
        )]);
    };
    let mut problems = Vec::new();
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => problems.push(Problem::new(
            DocPath::at("format"),
            format!(
                "这不是 Ziping 表单文件（format 为 \"{f}\"，应为 \"{FORMAT}\"）",
                f = crate::text::quote(f)
            ),
            format!(
                "not a Ziping form file (format is \"{f}\", not \"{FORMAT}\")",
                f = crate::text::quote(f)
            ),
        )),
        Some(_) => problems.push(Problem::new(
            DocPath::at("format"),
            format!("format 应为字符串 \"{FORMAT}\""),
            format!("format must be the string \"{FORMAT}\""),
        )),
        None => problems.push(Problem::new(
            DocPath::at("format"),
            format!("缺少 format 字段（应为 \"{FORMAT}\"）"),
            format!("the format field is missing (it must be \"{FORMAT}\")"),
        )),
    }
    let version = match obj.get("schema_version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if (1..=SCHEMA_VERSION).contains(&v) => Some(v),
            Some(v) if v > SCHEMA_VERSION => {
                problems.push(Problem::new(DocPath::at("schema_version"), format!("文件版本 {v} 比本程序支持的 {SCHEMA_VERSION} 新，请使用新版 Ziping"), format!("schema version {v} is newer than this Ziping supports ({SCHEMA_VERSION}): use a newer Ziping")));
                None
            }
            _ => {
                problems.push(Problem::new(
                    DocPath::at("schema_version"),
                    format!("schema_version 应为 1 到 {SCHEMA_VERSION} 的整数"),
                    format!("schema_version must be a whole number from 1 to {SCHEMA_VERSION}"),
                ));
                None
            }
        },
        Some(_) => {
            problems.push(Problem::new(
                DocPath::at("schema_version"),
                "schema_version 应为整数",
                "schema_version must be a whole number",
            ));
            None
        }
        None => {
            problems.push(Problem::new(
                DocPath::at("schema_version"),
                "缺少 schema_version 字段",
                "the schema_version field is missing",
            ));
            None
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let from = version.unwrap_or(SCHEMA_VERSION);
    for step in MIGRATIONS.iter().skip(from as usize - 1) {
        value = step(value).map_err(|p| vec![p])?;
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(value)
}
