//! Parsing JSON text into a value while noticing keys written twice in one object, which a plain
//! parse would silently resolve by keeping the last. A form or a profile with a repeated key is
//! ambiguous, so its reader reports it with its path. Also the pieces both readers word their problems
//! with: paths and the names of JSON types.

use super::read::Problem;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// Parses a file's text: the value, with a problem for each key written twice; or the syntax error
/// alone, at its line and column.
pub(crate) fn parse_file(text: &str) -> Result<(Value, Vec<Problem>), Problem> {
    let (value, repeated) = parse(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        Problem::new(
            format!("line {line}, column {col}"),
            format!("不是有效的 JSON（第 {line} 行第 {col} 列）：{e}"),
            format!("not valid JSON (line {line}, column {col}): {e}"),
        )
    })?;
    let repeated = repeated
        .into_iter()
        .map(|path| {
            Problem::new(
                path,
                "同一字段写了两次，无法确定取哪一个",
                "this field is written twice: it is not clear which one holds",
            )
        })
        .collect();
    Ok((value, repeated))
}

/// The path of `key` inside the object at `path` (`""` is the top level).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// What a JSON value is, in Chinese and English.
pub(crate) fn kind(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("空值 null", "null"),
        Value::Bool(_) => ("true/false", "true/false"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("文本", "text"),
        Value::Array(_) => ("列表", "a list"),
        Value::Object(_) => ("对象", "an object"),
    }
}

/// The value, and the path of every key that appeared twice in its object.
fn parse(text: &str) -> Result<(Value, Vec<String>), serde_json::Error> {
    let repeated = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Node {
        at: At::Top,
        repeated: &repeated,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((value, repeated.into_inner()))
}

/// Where a value is: under which key or at which index of its parent. Written out as a path
/// (`blocks[0].rows[1].weight`) only for a problem, so that reading spends nothing on the paths of all
/// the values that have none.
pub(crate) enum At<'p> {
    Top,
    Key(&'p At<'p>, &'p str),
    Item(&'p At<'p>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            At::Top => Ok(()),
            At::Key(At::Top, key) => f.write_str(key),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct Node<'a> {
    at: At<'a>,
    repeated: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v)
            .map(Value::Number)
            .unwrap_or(Value::Null))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(Node {
            at: At::Item(&self.at, items.len()),
            repeated: self.repeated,
        })? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let v = map.next_value_seed(Node {
                at: At::Key(&self.at, &key),
                repeated: self.repeated,
            })?;
            match out.entry(key) {
                Entry::Vacant(e) => {
                    e.insert(v);
                }
                Entry::Occupied(mut e) => {
                    let path = At::Key(&self.at, e.key()).to_string();
                    self.repeated.borrow_mut().push(path);
                    e.insert(v);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repeated_keys_are_found_at_every_depth() {
        let (v, repeated) =
            super::parse(r#"{"a": 1, "b": {"c": [1, {"d": 2, "d": 3}]}, "a": 2}"#).unwrap();
        assert_eq!(repeated, ["b.c[1].d", "a"]);
        assert_eq!(v["a"], 2);
        assert!(super::parse(r#"{"a": 1} x"#).is_err());
        assert!(super::parse("[1, 2").is_err());
    }
}
