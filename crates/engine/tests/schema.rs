//! docs/ziping-form.schema.json matches the reader: the same fields in every object, the same required
//! fields, the same decimal fields; a file built from the schema reads; and every example validates
//! against the schema's structure (types, required fields, no unknown fields).

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::fs;
// The field sets the reader accepts (it refuses any other field), as the engine exports them.
use ziping_engine::format::fields::{
    DECLARED, EVALUATOR, FIGURES, FORM, FUNDS, FUNDS_ROW, HEADER, INDICATOR, SCORE_ENTRY, SIGNOFF,
};

const SCHEMA: &str = include_str!("../../../docs/ziping-form.schema.json");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is valid JSON")
}

fn def<'s>(schema: &'s Value, name: &str) -> &'s Value {
    schema
        .pointer(&format!("/$defs/{name}"))
        .unwrap_or_else(|| panic!("the schema has no $defs/{name}"))
}

/// Follows `$ref` (local `#/$defs/...` only).
fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(
            root,
            root.pointer(r.strip_prefix('#').expect("a local $ref"))
                .unwrap_or_else(|| panic!("dangling $ref {r}")),
        ),
        None => node,
    }
}

fn property_names(node: &Value) -> BTreeSet<String> {
    node["properties"]
        .as_object()
        .expect("an object schema with properties")
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

fn required(node: &Value) -> BTreeSet<String> {
    node.get("required")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("text").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn schema_declares_the_fields_the_reader_accepts() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let objects: [(&str, &Value, &[&str]); 10] = [
        ("top level", &s, FORM),
        ("header", def(&s, "header"), HEADER),
        ("funds", def(&s, "funds"), FUNDS),
        ("funds rows", def(&s, "funds_row"), FUNDS_ROW),
        ("funds.declared_total", def(&s, "figures"), FIGURES),
        ("indicator rows", def(&s, "indicator_row"), INDICATOR),
        ("score entries", def(&s, "score_entry"), SCORE_ENTRY),
        ("evaluators", def(&s, "evaluator"), EVALUATOR),
        ("signoff", def(&s, "signoff"), SIGNOFF),
        ("declared", def(&s, "declared"), DECLARED),
    ];
    for (what, node, keys) in objects {
        assert_eq!(property_names(node), set(keys), "{what}");
        assert_eq!(
            node["additionalProperties"],
            Value::Bool(false),
            "{what} must reject unknown fields"
        );
    }
    assert_eq!(required(&s), set(&["format", "schema_version", "profile"]));
    assert_eq!(required(def(&s, "indicator_row")), set(&["id", "level"]));
    for name in [
        "header",
        "funds",
        "funds_row",
        "figures",
        "score_entry",
        "evaluator",
        "signoff",
        "declared",
    ] {
        assert!(required(def(&s, name)).is_empty(), "{name}");
    }
    assert_eq!(s["properties"]["format"]["const"], "ziping-form");
    assert_eq!(
        s["properties"]["schema_version"]["const"],
        json!(ziping_engine::format::SCHEMA_VERSION)
    );
}

#[test]
fn schema_marks_the_decimal_fields() {
    let s = schema();
    let decimals = |node: &Value| -> BTreeSet<String> {
        node["properties"]
            .as_object()
            .expect("properties")
            .iter()
            .filter(|(_, v)| v.get("$ref") == Some(&json!("#/$defs/decimal")))
            .map(|(k, _)| k.clone())
            .collect()
    };
    assert_eq!(
        decimals(def(&s, "funds")),
        set(&["declared_rate", "declared_score"])
    );
    assert_eq!(decimals(def(&s, "funds_row")), set(FIGURES));
    assert_eq!(decimals(def(&s, "figures")), set(FIGURES));
    assert_eq!(
        decimals(def(&s, "indicator_row")),
        set(&["weight", "score", "declared_score"])
    );
    assert_eq!(
        decimals(def(&s, "score_entry")),
        set(&["score", "declared_score"])
    );
    assert_eq!(decimals(def(&s, "declared")), set(&["total"]));
    let dec = def(&s, "decimal");
    assert_eq!(
        dec["type"],
        json!(["string", "null"]),
        "never a JSON number"
    );
}

/// A value for every field of `node`, built from the schema alone.
fn sample(root: &Value, node: &Value) -> Value {
    let node = resolve(root, node);
    if let Some(c) = node.get("const") {
        return c.clone();
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        return e
            .iter()
            .rev()
            .find(|v| !v.is_null())
            .expect("a non-null enum value")
            .clone();
    }
    let types: Vec<&str> = match &node["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        other => panic!("no type in {other}"),
    };
    if node.get("pattern").and_then(Value::as_str) == def(root, "decimal")["pattern"].as_str() {
        return json!("12.50");
    }
    match types[0] {
        "string" => json!("x"),
        "boolean" => json!(true),
        "array" => json!([sample(root, &node["items"])]),
        "object" => {
            let mut m = Map::new();
            if let Some(props) = node.get("properties").and_then(Value::as_object) {
                for (k, v) in props {
                    m.insert(k.clone(), sample(root, v));
                }
            } else if let Some(extra) = node.get("additionalProperties") {
                m.insert("key".into(), sample(root, extra));
            }
            Value::Object(m)
        }
        other => panic!("unexpected type {other}"),
    }
}

#[test]
fn a_file_with_every_schema_field_reads() {
    let s = schema();
    let file = sample(&s, &s);
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    let form = ziping_engine::read_form(&text)
        .unwrap_or_else(|p| panic!("the reader refuses a file built from the schema: {p:?}"));
    assert_eq!(form.indicators[0].level, 3);
    assert_eq!(
        form.indicators[0].weight.map(|d| d.to_string()).as_deref(),
        Some("12.50")
    );
    assert!(validate(&s, &s, &file, "").is_empty());
}

/// Structural validation: type, const, enum, required, properties, additionalProperties, items,
/// maxItems, and the two patterns the schema uses. Any other keyword stops the test, so that nothing
/// is skipped unnoticed.
fn validate(root: &Value, node: &Value, v: &Value, path: &str) -> Vec<String> {
    let node = resolve(root, node);
    let mut errors = Vec::new();
    let obj = node.as_object().expect("a schema object");
    for key in obj.keys() {
        assert!(
            [
                "$schema",
                "$id",
                "$defs",
                "$ref",
                "title",
                "description",
                "type",
                "const",
                "enum",
                "required",
                "properties",
                "additionalProperties",
                "items",
                "maxItems",
                "pattern",
                "propertyNames",
                "anyOf",
            ]
            .contains(&key.as_str()),
            "the test validator does not know the keyword {key}"
        );
    }
    if let Some(c) = obj.get("const") {
        if v != c {
            errors.push(format!("{path}: must be {c}"));
        }
    }
    if let Some(e) = obj.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} is not one of {e:?}"));
        }
    }
    if let Some(t) = obj.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type"),
        };
        let actual = match v {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let number_ok = actual == "integer" && types.contains(&"number");
        if !(types.contains(&actual) || number_ok) {
            errors.push(format!("{path}: {actual} is not {types:?}"));
        }
    }
    if let (Some(p), Some(s)) = (obj.get("pattern").and_then(Value::as_str), v.as_str()) {
        let ok = if p == "\\S" {
            !s.trim().is_empty()
        } else if p == "^(block_weights|declared\\.blocks)\\..+$" {
            ["block_weights.", "declared.blocks."]
                .iter()
                .any(|pre| s.strip_prefix(pre).is_some_and(|rest| !rest.is_empty()))
        } else if Some(p) == def(root, "decimal")["pattern"].as_str() {
            decimal_text(s)
        } else {
            panic!("the test validator does not know the pattern {p}")
        };
        if !ok {
            errors.push(format!("{path}: {s:?} does not match {p}"));
        }
    }
    if let Some(branches) = obj.get("anyOf").and_then(Value::as_array) {
        if !branches
            .iter()
            .any(|b| validate(root, b, v, path).is_empty())
        {
            errors.push(format!("{path}: {v} matches none of anyOf"));
        }
    }
    if let (Some(names), Value::Object(m)) = (obj.get("propertyNames"), v) {
        for k in m.keys() {
            errors.extend(validate(
                root,
                names,
                &json!(k),
                &format!("{path}.{k} (name)"),
            ));
        }
    }
    if let Value::Object(m) = v {
        for r in required(node) {
            if !m.contains_key(&r) {
                errors.push(format!("{path}: the required field {r} is missing"));
            }
        }
        let props = obj.get("properties").and_then(Value::as_object);
        for (k, item) in m {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            match (
                props.and_then(|ps| ps.get(k)),
                obj.get("additionalProperties"),
            ) {
                (Some(sub), _) => errors.extend(validate(root, sub, item, &p)),
                (None, Some(Value::Bool(false))) => errors.push(format!("{p}: unknown field")),
                (None, Some(extra)) => errors.extend(validate(root, extra, item, &p)),
                (None, None) => {}
            }
        }
    }
    if let Value::Array(items) = v {
        if let Some(max) = obj.get("maxItems").and_then(Value::as_u64) {
            if items.len() as u64 > max {
                errors.push(format!("{path}: more than {max} items"));
            }
        }
        if let Some(sub) = obj.get("items") {
            for (i, item) in items.iter().enumerate() {
                errors.extend(validate(root, sub, item, &format!("{path}[{i}]")));
            }
        }
    }
    errors
}

/// What the schema's decimal pattern says, written out: optional '-', digits, 1 to 10 decimals,
/// magnitude at most 10^12, surrounding white space ignored, empty allowed.
fn decimal_text(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return true;
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f) || f.len() > 10) {
        return false;
    }
    let int = int.trim_start_matches('0');
    int.len() <= 12 || (int == "1000000000000" && frac.is_none_or(|f| f.bytes().all(|b| b == b'0')))
}

#[test]
fn the_test_validator_catches_what_the_reader_refuses() {
    let s = schema();
    let base = json!({"format": "ziping-form", "schema_version": 2, "profile": "central-2020"});
    assert!(validate(&s, &s, &base, "").is_empty());
    let bad = [
        json!({"format": "ziping-form", "schema_version": 1}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p", "extra": 1}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "indicators": [{"id": "r1", "level": 4}]}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "indicators": [{"id": "r1"}]}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "funds": {"rows": [{"source": "a", "budget": 10}]}}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "funds": {"declared_total": {"budget": "1e3"}}}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "declared": {"total": "1.00000000001"}}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
               "scores": {"budget_execution": {"score": "1", "why": ""}}}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": " "}),
        json!({"format": "ziping-form", "schema_version": 2, "profile": "p", "header": null}),
    ];
    for file in bad {
        assert!(
            !validate(&s, &s, &file, "").is_empty(),
            "the schema accepts {file}"
        );
        assert!(
            ziping_engine::read_form(&file.to_string()).is_err(),
            "the reader accepts {file}"
        );
    }
    for (text, ok) in [
        ("969.94", true),
        ("-3", true),
        (" 5 ", true),
        ("", true),
        ("1000000000000", true),
        ("1000000000000.5", false),
        ("1.0000000000", true),
        ("1.00000000000", false),
        (".5", false),
        ("5.", false),
        ("+5", false),
        ("1,000", false),
    ] {
        assert_eq!(decimal_text(text), ok, "{text:?}");
        let file = json!({"format": "ziping-form", "schema_version": 2, "profile": "p",
                          "declared": {"total": text}});
        assert_eq!(
            ziping_engine::read_form(&file.to_string()).is_ok(),
            ok,
            "the reader and the schema disagree on {text:?}"
        );
    }
}

#[test]
fn every_example_validates_against_the_schema() {
    let s = schema();
    let mut n = 0;
    for entry in fs::read_dir(EXAMPLES).expect("the examples directory") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&fs::read_to_string(&path).expect("the file"))
            .expect("valid JSON");
        let errors = validate(&s, &s, &v, "");
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        n += 1;
    }
    assert!(n > 0, "no examples found");
}
