//! A profile being written: the document of a profile file, changed value by value, that reads into a
//! [`Profile`] (or every problem, each at its path) after each change, and is written out as a file
//! that `extends` its built-in with only what differs.
//!
//! The draft holds the whole document (the built-in's fields with the changes laid over them), so a
//! path here is the path the reader and the validator report (`blocks[1].weight`): a problem points at
//! the value that holds it, whichever file it came from.

use super::read::{by_id, is_text, lay_over, new_kind, resolve};
use super::{Profile, BUILTIN_SOURCES, PROFILE_FORMAT};
use crate::path::{DocPath, Step};
use crate::reader::Problem;
use serde_json::{Map, Value};

/// A profile file being written: its whole document and the built-in it starts from, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileDraft {
    /// The id of the built-in profile the draft extends (empty: the file stands alone).
    base: String,
    /// The whole document: the built-in's fields with the draft's laid over them, without `extends`.
    doc: Value,
}

/// What a change to a draft may be.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The value at the path becomes this text (a name, an id, a decimal written as text).
    Text(String),
    /// The value at the path becomes this value (a method's object, `null` for an open band end).
    Value(Value),
    /// A copy of the list's item at the path is inserted after it.
    Duplicate,
    /// The list's item at the path is removed.
    Remove,
}

impl ProfileDraft {
    /// A new profile starting from built-in `base`, under `id` and the built-in's name with `suffix`
    /// (`（本地）`, ` (local)`) after it. `None` when there is no such built-in.
    pub fn from_builtin(base: &str, id: &str, suffix: (&str, &str)) -> Option<ProfileDraft> {
        let mut doc = builtin_doc(base)?;
        let m = doc.as_object_mut()?;
        m.insert("id".into(), Value::String(id.into()));
        if let Some(Value::Object(name)) = m.get_mut("name") {
            for (lang, add) in [("zh", suffix.0), ("en", suffix.1)] {
                if let Some(Value::String(s)) = name.get_mut(lang) {
                    s.push_str(add);
                }
            }
        }
        Some(ProfileDraft {
            base: base.into(),
            doc,
        })
    }

    /// A draft of a profile file's text, as it was written (an `extends` file stays one).
    pub fn open(text: &str) -> Result<ProfileDraft, Vec<Problem>> {
        let (mut doc, repeated) = crate::reader::parse_file(text).map_err(|p| vec![p])?;
        if !repeated.is_empty() {
            return Err(repeated);
        }
        let base = resolve(&mut doc)?;
        if let Some(m) = doc.as_object_mut() {
            m.remove("extends");
        }
        Ok(ProfileDraft { base, doc })
    }

    /// The built-in the draft extends, or empty.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The whole document, the built-in's fields included.
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// The value at `path`, if there is one.
    pub fn get(&self, path: &DocPath) -> Option<&Value> {
        path.0.iter().try_fold(&self.doc, |v, step| match step {
            Step::Key(k) => v.get(k.as_str()),
            Step::Index(i) => v.get(*i),
        })
    }

    /// The value at `path` as an input shows it: a text as it is, a number or `true` as JSON writes
    /// it, nothing as empty.
    pub fn text(&self, path: &DocPath) -> String {
        match self.get(path) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        }
    }

    /// Makes a change at `path`. A path that leads nowhere changes nothing and gives `false`; a text
    /// for a key its object does not have yet is added.
    pub fn change(&mut self, path: &DocPath, change: Change) -> bool {
        let Some((last, parent)) = path.0.split_last() else {
            return false;
        };
        let Some(parent) = parent.iter().try_fold(&mut self.doc, |v, step| match step {
            Step::Key(k) => v.get_mut(k.as_str()),
            Step::Index(i) => v.get_mut(*i),
        }) else {
            return false;
        };
        match (parent, last, change) {
            (Value::Object(m), Step::Key(k), Change::Text(t)) => {
                m.insert(k.clone(), Value::String(t));
            }
            (Value::Object(m), Step::Key(k), Change::Value(v)) => {
                m.insert(k.clone(), v);
            }
            (Value::Array(items), Step::Index(i), Change::Text(t)) if *i < items.len() => {
                items[*i] = Value::String(t);
            }
            (Value::Array(items), Step::Index(i), Change::Value(v)) if *i < items.len() => {
                items[*i] = v;
            }
            (Value::Array(items), Step::Index(i), Change::Duplicate) if *i < items.len() => {
                let mut copy = items[*i].clone();
                // An item with an id gets a new one, so the list stays one item per id.
                if let Some(Value::String(id)) = copy.get("id") {
                    let mut n = 2;
                    let new_id = loop {
                        let candidate = format!("{id}-{n}");
                        if !items
                            .iter()
                            .any(|x| x.get("id").and_then(Value::as_str) == Some(&candidate))
                        {
                            break candidate;
                        }
                        n += 1;
                    };
                    copy["id"] = Value::String(new_id);
                }
                items.insert(*i + 1, copy);
            }
            (Value::Array(items), Step::Index(i), Change::Remove) if *i < items.len() => {
                items.remove(*i);
            }
            _ => return false,
        }
        true
    }

    /// The profile file the draft is: `extends` its built-in with only the values that differ, or
    /// the whole document when it has no built-in or the difference cannot be said as an overlay (an
    /// item removed from a list of items with ids).
    pub fn file(&self) -> String {
        let value = self.file_value();
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
        s.push('\n');
        s
    }

    fn file_value(&self) -> Value {
        if let Some(base) = builtin_doc(&self.base) {
            if let Some(Value::Object(mut over)) = overlay(&base, &self.doc) {
                let mut laid = base;
                lay_over(&mut laid, &Value::Object(over.clone()));
                if laid == self.doc {
                    over.insert("format".into(), Value::String(PROFILE_FORMAT.into()));
                    over.insert("extends".into(), Value::String(self.base.clone()));
                    return Value::Object(over);
                }
            }
        }
        self.doc.clone()
    }

    /// The draft read and validated as its file would be on import: the profile, or every problem,
    /// each at its path in [`Self::doc`].
    pub fn read(&self) -> Result<Profile, Vec<Problem>> {
        Profile::from_json(&self.file())
    }
}

/// The document of built-in `id`.
fn builtin_doc(id: &str) -> Option<Value> {
    BUILTIN_SOURCES.iter().find_map(|src| {
        let v: Value = serde_json::from_str(src).ok()?;
        (v.get("id").and_then(Value::as_str) == Some(id)).then_some(v)
    })
}

/// What laid over `base` gives `now` ([`lay_over`]'s rules): `None` when they are equal. Removals
/// cannot be said; the caller checks the result and falls back to the whole document.
fn overlay(base: &Value, now: &Value) -> Option<Value> {
    if base == now {
        return None;
    }
    match (base, now) {
        (Value::Object(b), Value::Object(n)) if !is_text(n) && !is_text(b) && !new_kind(b, n) => {
            let mut out = Map::new();
            for (k, v) in n {
                match b.get(k) {
                    Some(bv) => {
                        if let Some(d) = overlay(bv, v) {
                            out.insert(k.clone(), d);
                        }
                    }
                    None => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            Some(Value::Object(out))
        }
        (Value::Array(b), Value::Array(n)) if by_id(b) && by_id(n) => {
            let mut out = Vec::new();
            for item in n {
                match b.iter().find(|x| x.get("id") == item.get("id")) {
                    Some(bi) => {
                        if let Some(Value::Object(mut d)) = overlay(bi, item) {
                            d.insert("id".into(), item["id"].clone());
                            out.push(Value::Object(d));
                        }
                    }
                    None => out.push(item.clone()),
                }
            }
            // Never an empty list: laid over, it would take the built-in's place.
            (!out.is_empty()).then_some(Value::Array(out))
        }
        _ => Some(now.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> DocPath {
        DocPath::parse(s).unwrap()
    }

    #[test]
    fn a_new_draft_is_the_builtin_under_its_own_id_and_writes_only_what_differs() {
        let d = ProfileDraft::from_builtin(
            "central-2020",
            "central-2020-local",
            ("（本地）", " (local)"),
        )
        .unwrap();
        let p = d.read().unwrap();
        assert_eq!(p.id, "central-2020-local");
        assert_eq!(p.name.zh, "项目支出绩效自评表（财预〔2020〕10号）（本地）");
        assert_eq!(p.extends, "central-2020");
        let file: Value = serde_json::from_str(&d.file()).unwrap();
        let keys: Vec<&String> = file.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["extends", "format", "id", "name"]);
        // The same blocks, grades and rules as the built-in.
        let base = Profile::builtin("central-2020").unwrap();
        assert_eq!(p.blocks, base.blocks);
        assert_eq!(p.grades, base.grades);
    }

    #[test]
    fn changes_are_written_as_an_overlay_that_reads_back_to_the_same_profile() {
        let mut d =
            ProfileDraft::from_builtin("jinzhong-2021", "jz-local", ("（本地）", " (local)"))
                .unwrap();
        assert!(d.change(&path("grades[0].min"), Change::Text("95".into())));
        assert!(d.change(
            &path("blocks[1].name.zh"),
            Change::Text("过程（改）".into())
        ));
        let p = d.read().unwrap();
        assert_eq!(p.grades[0].min.to_string(), "95");
        assert_eq!(p.blocks[1].name.zh, "过程（改）");
        let file = d.file();
        let v: Value = serde_json::from_str(&file).unwrap();
        // Only the changed block, by id, and the grades list as a whole.
        let blocks = v["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0]["id"], p.blocks[1].id.as_str());
        assert_eq!(v["grades"].as_array().unwrap().len(), 4);
        // The exported file, imported, is the same profile with the same fingerprint.
        let again = Profile::from_json(&file).unwrap();
        assert_eq!(again, p);
        assert_eq!(again.fingerprint(), p.fingerprint());
        // And opened as a draft again, the same draft.
        assert_eq!(ProfileDraft::open(&file).unwrap(), d);
    }

    #[test]
    fn a_removed_block_cannot_be_an_overlay_so_the_whole_document_is_written() {
        let mut d = ProfileDraft::from_builtin("central-2020", "c-local", ("", "")).unwrap();
        assert!(d.change(&path("blocks[3]"), Change::Remove));
        let v: Value = serde_json::from_str(&d.file()).unwrap();
        assert!(v.get("extends").is_none());
        assert_eq!(v["blocks"].as_array().unwrap().len(), 3);
        // Its problems are the validator's, at their paths: the weights no longer add up to 100.
        let problems = d.read().unwrap_err();
        assert!(
            problems.iter().any(|p| p.message.zh.contains("100")),
            "{problems:?}"
        );
    }

    #[test]
    fn problems_are_at_the_paths_of_the_draft() {
        let mut d = ProfileDraft::from_builtin("central-2020", "c-local", ("", "")).unwrap();
        d.change(&path("blocks[1].weight"), Change::Text("5O".into()));
        let problems = d.read().unwrap_err();
        assert_eq!(
            problems[0].path.to_string(),
            "blocks[1].weight",
            "{problems:?}"
        );
        d.change(&path("blocks[1].weight"), Change::Text("55".into()));
        d.change(&path("blocks[2].weight"), Change::Text("25".into()));
        d.read().unwrap();
        d.change(&path("id"), Change::Text("Bad Id".into()));
        let problems = d.read().unwrap_err();
        assert_eq!(problems[0].path.to_string(), "id");
    }

    #[test]
    fn a_method_of_another_kind_is_written_whole_and_reads_back() {
        let mut d = ProfileDraft::from_builtin("department-wide", "dw-local", ("", "")).unwrap();
        // 预算调整率: per_point → per_count (the per-point fields must not follow it).
        let m = path("blocks[1].rows[1].method");
        assert_eq!(d.text(&m.key("kind")), "per_point");
        let per_count = serde_json::json!({"kind": "per_count", "per": "0.5", "floor": "0"});
        assert!(d.change(&m, Change::Value(per_count.clone())));
        let p = d.read().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(matches!(
            p.blocks[1].rows[1].method,
            super::super::Method::PerCount { .. }
        ));
        let file: Value = serde_json::from_str(&d.file()).unwrap();
        assert_eq!(file["extends"], "department-wide");
        assert_eq!(file["blocks"][0]["rows"][0]["method"], per_count);
        assert_eq!(Profile::from_json(&d.file()).unwrap(), p);
    }

    #[test]
    fn duplicate_gives_a_new_id_and_paths_that_lead_nowhere_change_nothing() {
        let mut d = ProfileDraft::from_builtin("central-2020", "c-local", ("", "")).unwrap();
        assert!(d.change(&path("qualitative_bands[0]"), Change::Duplicate));
        assert_eq!(d.text(&path("qualitative_bands[1].id")), "achieved-2");
        assert!(!d.change(&path("blocks[9].weight"), Change::Text("1".into())));
        assert!(!d.change(&path("nothing.here"), Change::Text("1".into())));
        assert!(!d.change(&DocPath::default(), Change::Remove));
        assert_eq!(d.text(&path("blocks[0].adjustable")), "true");
        assert_eq!(d.text(&path("thresholds.missing")), "");
    }

    #[test]
    fn a_file_without_extends_stays_whole() {
        let src = Profile::builtin("department-wide").unwrap();
        let mut doc: Value = serde_json::from_str(BUILTIN_SOURCES[3]).unwrap();
        doc["id"] = Value::String("dw-copy".into());
        let d = ProfileDraft::open(&doc.to_string()).unwrap();
        assert_eq!(d.base(), "");
        let v: Value = serde_json::from_str(&d.file()).unwrap();
        assert_eq!(v, doc);
        assert_eq!(d.read().unwrap().blocks, src.blocks);
        // A file that does not read as JSON is refused with where.
        assert!(ProfileDraft::open("{").is_err());
        assert!(ProfileDraft::open(r#"{"extends": "nope"}"#).is_err());
    }
}
