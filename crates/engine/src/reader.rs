//! One reader for every file Ziping reads, forms and rule profiles alike: the text parsed into a JSON
//! value while noticing keys written twice (which a plain parse would silently resolve by keeping the
//! last), [`At`] (where a value is, written out as a path only for a problem), [`Problem`] (one reason
//! a file cannot be read, with its [`Location`]), and [`Reader`], the combinators both file readers
//! (`format/read.rs`, `profile/read.rs`) are written with. Reading is all-or-nothing: every problem
//! of a file is reported at once, each at its path, and nothing of a file with a problem is used.
//!
//! No deserializer is derived for the model's types: field-by-field reading reports every problem
//! with its path, and derived deserializers would weigh on the browser's download.

use crate::decimal::Decimal;
use crate::path::{DocPath, Location, Step};
use crate::text::Text;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

/// Files above this size (in MB) are refused before parsing. The largest form that can be kept: a
/// draft is kept in the browser's storage, which holds about 5 million characters per site.
pub const MAX_FILE_MB: usize = 2;
/// [`MAX_FILE_MB`] in bytes.
pub const MAX_FILE_BYTES: usize = MAX_FILE_MB * 1024 * 1024;
/// Amounts, weights and scores beyond this magnitude are refused (no real form comes near).
const MAX_MAGNITUDE: i64 = 1_000_000_000_000;
/// Decimal places beyond this are refused.
const MAX_SCALE: u32 = 10;
/// More items than this in one list is refused: the largest form the editor shows, saves, prints
/// and exports at once (real forms have at most a few hundred rows).
pub const MAX_ROWS: usize = 1_000;

/// One reason a file cannot be read: where (a path such as `indicators[3].weight`, a line and column,
/// or the whole file) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Problem {
    pub path: Location,
    pub message: Text,
}

impl Problem {
    pub fn new(path: impl Into<Location>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: Text::new(zh, en),
        }
    }

    /// A problem of the file as a whole.
    pub fn file(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Problem::new(Location::File, zh, en)
    }

    /// The problem in one line of text: `path: message`, or the message alone for the whole file.
    pub fn line(&self, lang: crate::Lang) -> String {
        let message = self.message.get(lang);
        if self.path.is_file() {
            message.to_string()
        } else {
            format!("{}: {message}", self.path)
        }
    }
}

impl From<DocPath> for Location {
    fn from(p: DocPath) -> Location {
        Location::Value(p)
    }
}

/// The problem of a file over [`MAX_FILE_BYTES`], with its size in MB to one decimal (left out when
/// it rounds to the limit itself, as for a pipe or a device read up to one byte over it).
pub fn too_large(bytes: u64) -> Problem {
    too_large_for(bytes, MAX_FILE_BYTES)
}

/// The problem of a file over `limit` bytes (a whole number of MB): [`too_large`] for any limit
/// (a workbook's is [`crate::workbook::MAX_WORKBOOK_BYTES`]).
pub fn too_large_for(bytes: u64, limit: usize) -> Problem {
    let limit_mb = limit / (1024 * 1024);
    // Tenths of a MB in integers, rounded half up (no float formatting in the app's download).
    let tenths = (bytes.saturating_mul(10).saturating_add(524_288)) / 1_048_576;
    if tenths <= limit_mb as u64 * 10 {
        return Problem::file(
            format!("文件超过 {limit_mb} MB 上限，未读取"),
            format!("the file is above the {limit_mb} MB limit: not read"),
        );
    }
    let mb = format!("{}.{}", tenths / 10, tenths % 10);
    Problem::file(
        format!("文件有 {mb} MB，超过 {limit_mb} MB 上限，未读取"),
        format!("the file is {mb} MB, above the {limit_mb} MB limit: not read"),
    )
}

/// A JSON text as a value tree, read by the engine's own reader: for the messages the app's parts
/// send each other (the import worker's answers), which have no size limit of a file and are read
/// by hand from the tree rather than with a second, derived reader in the page.
pub fn parse_value(text: &str) -> Option<Value> {
    parse(text).ok().map(|(v, _)| v)
}

/// Parses a file's text: the value, with a problem for each key written twice; or the syntax error
/// alone, at its line and column.
pub(crate) fn parse_file(text: &str) -> Result<(Value, Vec<Problem>), Problem> {
    if text.len() > MAX_FILE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    let (value, repeated) = parse(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        Problem::new(
            Location::Text { line, column },
            format!("不是有效的 JSON（第 {line} 行第 {column} 列）：{e}"),
            format!("not valid JSON (line {line}, column {column}): {e}"),
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

/// A value as a message quotes it: numbers and texts as written, anything else by its kind.
fn shown(v: &Value) -> (String, String) {
    match v {
        Value::Number(_) | Value::String(_) => (v.to_string(), v.to_string()),
        other => {
            let (zh, en) = kind(other);
            (zh.to_string(), en.to_string())
        }
    }
}

/// `"a"、"b" 或 "c"` and `"a", "b" or "c"`: the spellings a choice allows.
fn alternatives<T>(choices: &[(&str, T)]) -> (String, String) {
    let quoted: Vec<String> = choices
        .iter()
        .map(|(s, _)| format!("\"{s}\"", s = crate::text::quote(s)))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => (
            format!("{} 或 {last}", rest.join("、")),
            format!("{} or {last}", rest.join(", ")),
        ),
        _ => (quoted.concat(), quoted.concat()),
    }
}

/// The value, and the path of every key that appeared twice in its object.
fn parse(text: &str) -> Result<(Value, Vec<Location>), serde_json::Error> {
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

/// Where a value is: under which key or at which index of its parent. Made into a [`Location`] only
/// for a problem, so that reading spends nothing on the paths of all the values that have none.
#[derive(Clone, Copy)]
pub(crate) enum At<'p> {
    Top,
    Key(&'p At<'p>, &'p str),
    Item(&'p At<'p>, usize),
}

impl At<'_> {
    pub fn location(&self) -> Location {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                At::Top => break,
                At::Key(parent, key) => {
                    steps.push(Step::Key((*key).to_string()));
                    at = parent;
                }
                At::Item(parent, i) => {
                    steps.push(Step::Index(*i));
                    at = parent;
                }
            }
        }
        steps.reverse();
        if steps.is_empty() {
            Location::File
        } else {
            Location::Value(DocPath(steps))
        }
    }
}

/// How one spelling of a choice is read: its value.
pub(crate) type Choices<'c, T> = &'c [(&'c str, T)];

/// Walks a JSON value, collecting every problem. A reading function gives `None` only after recording
/// a problem, so that a value read without any problem is whole; an object still reads all its fields
/// after one of them fails, so that their problems are reported too.
#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

impl Reader {
    pub fn bad(&mut self, at: &At, zh: impl Into<String>, en: impl Into<String>) {
        self.problems.push(Problem::new(at.location(), zh, en));
    }

    /// Records that `v` is not what is needed ("must be an object") and says what it is instead.
    pub fn wrong<T>(&mut self, v: &Value, at: &At, zh: &str, en: &str) -> Option<T> {
        let (found_zh, found_en) = kind(v);
        self.bad(
            at,
            format!("{zh}，实际为 {found_zh}"),
            format!("{en}, found {found_en}"),
        );
        None
    }

    /// `v` as an object with no other fields than `fields`; each other key is a problem.
    pub fn object<'v>(
        &mut self,
        v: &'v Value,
        at: &At,
        fields: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(m) = v.as_object() else {
            return self.wrong(v, at, "应为对象", "must be an object");
        };
        self.only(m, at, fields);
        Some(m)
    }

    /// Records a problem for each key of `m` that is not in `fields`.
    pub fn only(&mut self, m: &Map<String, Value>, at: &At, fields: &[&str]) {
        for key in m.keys().filter(|k| !fields.contains(&k.as_str())) {
            self.bad(
                &At::Key(at, key),
                format!("未知字段“{key}”", key = crate::text::quote(key)),
                format!("unknown field \"{key}\"", key = crate::text::quote(key)),
            );
        }
    }

    /// The field `key` of the object `at`, read with `read`; its absence is a problem.
    pub fn required<T>(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        at: &At,
        read: impl FnOnce(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<T> {
        let v = self.present(m, key, at)?;
        read(self, v, &At::Key(at, key))
    }

    /// The field `key` of the object `at`, or a problem if it is missing. Kept out of the generic
    /// [`Self::required`], so that the download holds this message once, not once for each type read.
    pub fn present<'v>(
        &mut self,
        m: &'v Map<String, Value>,
        key: &str,
        at: &At,
    ) -> Option<&'v Value> {
        let v = m.get(key);
        if v.is_none() {
            self.bad(
                &At::Key(at, key),
                format!("缺少必填字段“{key}”", key = crate::text::quote(key)),
                format!(
                    "the required field \"{key}\" is missing",
                    key = crate::text::quote(key)
                ),
            );
        }
        v
    }

    /// The field `key` of the object `at`, read with `read`; absent, it is empty (`false`, `""`,
    /// no items).
    pub fn or_default<T: Default>(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        at: &At,
        read: impl FnOnce(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<T> {
        match m.get(key) {
            Some(v) => read(self, v, &At::Key(at, key)),
            None => Some(T::default()),
        }
    }

    /// The field `key` of the object `at`, read with `read`; absent or `null`, it is `None`.
    pub fn optional<T>(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        at: &At,
        read: impl FnOnce(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<Option<T>> {
        match m.get(key) {
            None | Some(Value::Null) => Some(None),
            Some(v) => read(self, v, &At::Key(at, key)).map(Some),
        }
    }

    /// A list of at most [`MAX_ROWS`] items, each read with `item` (at `[i]`). Every item is read,
    /// even after one fails.
    pub fn list<T>(
        &mut self,
        v: &Value,
        at: &At,
        mut item: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = v.as_array() else {
            return self.wrong(v, at, "应为列表", "must be a list");
        };
        if items.len() > MAX_ROWS {
            self.bad(
                at,
                format!("行数 {} 超过上限 {MAX_ROWS}", items.len()),
                format!("{} rows is above the limit of {MAX_ROWS}", items.len()),
            );
            return None;
        }
        let read: Vec<Option<T>> = items
            .iter()
            .enumerate()
            .map(|(i, x)| item(self, x, &At::Item(at, i)))
            .collect();
        read.into_iter().collect()
    }

    /// An object whose every value is read with `item` (at `.key`), as a map by key.
    pub fn map<T>(
        &mut self,
        v: &Value,
        at: &At,
        item: impl Fn(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<BTreeMap<String, T>> {
        let Some(m) = v.as_object() else {
            return self.wrong(v, at, "应为对象", "must be an object");
        };
        // Inserted one by one: the object's keys are unique and already in order, and collecting
        // into a map would sort them again (and weigh on the download once per type read).
        let mut out = BTreeMap::new();
        let mut whole = true;
        for (k, x) in m {
            match item(self, x, &At::Key(at, k)) {
                Some(t) => {
                    out.insert(k.clone(), t);
                }
                None => whole = false,
            }
        }
        whole.then_some(out)
    }

    pub fn string(&mut self, v: &Value, at: &At) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => self.wrong(v, at, "应为文本", "must be text"),
        }
    }

    pub fn strings(&mut self, v: &Value, at: &At) -> Option<Vec<String>> {
        self.list(v, at, Self::string)
    }

    pub fn boolean(&mut self, v: &Value, at: &At) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => self.wrong(v, at, "应为 true 或 false", "must be true or false"),
        }
    }

    /// A whole JSON number that fits `T` (`2`, not `"2"` or `2.0`). The message names `allowed`, the
    /// range validation will ask for (places 0 to 6, levels 1 to 2), rather than the limits of `T`,
    /// which mean nothing to whoever writes the file; a number in `T` but outside `allowed` is read
    /// here and refused by validation with its own reason.
    pub fn whole<T: TryFrom<u64>>(&mut self, v: &Value, at: &At, allowed: (u64, u64)) -> Option<T> {
        if let Some(n) = v.as_u64().and_then(|n| T::try_from(n).ok()) {
            return Some(n);
        }
        let (lo, hi) = allowed;
        let (zh, en) = shown(v);
        self.bad(
            at,
            format!("应为 {lo} 到 {hi} 的整数，实际为 {zh}"),
            format!("must be a whole number from {lo} to {hi}, found {en}"),
        );
        None
    }

    /// A decimal written as text (`"969.94"`), as [`crate::decimal::parse`] reads it: no exponents,
    /// no `NaN`, at most 28 significant digits, at most 10^12 in size and 10 decimal places. A JSON
    /// number is refused: it would pass through a float.
    pub fn decimal(&mut self, v: &Value, at: &At) -> Option<Decimal> {
        let s = match v {
            Value::String(s) => s,
            Value::Number(n) => {
                self.bad(
                    at,
                    format!("数值 {n} 应写成带引号的文本，如 \"{n}\"，以免精度损失"),
                    format!("the number {n} must be written as text, e.g. \"{n}\", so that no precision is lost"),
                );
                return None;
            }
            _ => return self.wrong(v, at, "应为数字文本", "must be a number written as text"),
        };
        match crate::decimal::parse(s) {
            Some(d) if d.abs() > Decimal::from(MAX_MAGNITUDE) => self.bad(
                at,
                format!(
                    "数值“{s}”超出范围（绝对值不超过 10^12）",
                    s = crate::text::quote(s)
                ),
                format!(
                    "the number \"{s}\" is out of range (at most 10^12 in size)",
                    s = crate::text::quote(s)
                ),
            ),
            Some(d) if d.scale() > MAX_SCALE => self.bad(
                at,
                format!(
                    "数值“{s}”小数位过多（最多 {MAX_SCALE} 位）",
                    s = crate::text::quote(s)
                ),
                format!(
                    "the number \"{s}\" has too many decimals (at most {MAX_SCALE})",
                    s = crate::text::quote(s)
                ),
            ),
            Some(d) => return Some(d),
            None => self.bad(
                at,
                format!(
                    "“{s}”不是数字（应写作如 \"969.94\"）",
                    s = crate::text::quote(s)
                ),
                format!(
                    "\"{s}\" is not a number (write it like \"969.94\")",
                    s = crate::text::quote(s)
                ),
            ),
        }
        None
    }

    /// A decimal, or none where the file leaves it blank (`""`, `"  "`); see [`Self::decimal`].
    pub fn amount(&mut self, v: &Value, at: &At) -> Option<Option<Decimal>> {
        match v {
            Value::String(s) if s.trim().is_empty() => Some(None),
            _ => self.decimal(v, at).map(Some),
        }
    }

    /// One of the spellings in `choices`, as its value.
    pub fn choice<T: Copy>(&mut self, v: &Value, at: &At, choices: Choices<T>) -> Option<T> {
        let found = v
            .as_str()
            .and_then(|s| choices.iter().find(|(name, _)| *name == s));
        if let Some(&(_, c)) = found {
            return Some(c);
        }
        let (allowed_zh, allowed_en) = alternatives(choices);
        let (zh, en) = shown(v);
        self.bad(
            at,
            format!("应为 {allowed_zh}，实际为 {zh}"),
            format!("must be {allowed_en}, found {en}"),
        );
        None
    }

    /// Bilingual text: `{"zh": "…", "en": "…"}`, both required.
    /// A text in two languages: `{"zh": …, "en": …}`. Chinese alone is enough — `{"zh": …}` or a
    /// plain string — and the English is then the Chinese, shown as it is.
    pub fn text(&mut self, v: &Value, at: &At) -> Option<Text> {
        if let Value::String(s) = v {
            return Some(Text::same(s.clone()));
        }
        let m = self.object(v, at, &["zh", "en"])?;
        let zh = self.required(m, "zh", at, Self::string)?;
        let en = self.optional(m, "en", at, Self::string)?;
        Some(Text {
            en: en.unwrap_or_else(|| zh.clone()),
            zh,
        })
    }

    /// The problems found, or `value` when there is none. (A reading function gives `None` only
    /// after recording a problem.)
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<Problem>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            None if self.problems.is_empty() => Err(vec![Problem::file(
                "文件无法读取",
                "the file cannot be read",
            )]),
            _ => Err(self.problems),
        }
    }
}

struct Node<'a> {
    at: At<'a>,
    repeated: &'a RefCell<Vec<Location>>,
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
                    let path = At::Key(&self.at, e.key()).location();
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
        let repeated: Vec<String> = repeated.iter().map(|p| p.to_string()).collect();
        assert_eq!(repeated, ["b.c[1].d", "a"]);
        assert_eq!(v["a"], 2);
        assert!(super::parse(r#"{"a": 1} x"#).is_err());
        assert!(super::parse("[1, 2").is_err());
    }
}
