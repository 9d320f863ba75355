//! Writing a form: deterministic, pretty JSON with decimals as strings.

use super::{FORMAT, SCHEMA_VERSION};
use crate::decimal::Decimal;
use crate::model::Form;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    schema_version: u64,
    #[serde(flatten)]
    form: &'a Form,
}

/// The form as a `ziping-form` file.
pub fn to_json(form: &Form) -> String {
    let mut s = serde_json::to_string_pretty(&FileOut {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        form,
    })
    .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Serde helper: a map of decimals, written as strings.
pub fn decimal_map<S: Serializer>(
    map: &BTreeMap<String, Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        m.serialize_entry(k, &v.to_string())?;
    }
    m.end()
}
