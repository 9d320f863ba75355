//! The profile registry: the one place every shell (editor, review desk, export worker, command line,
//! JavaScript API) looks a profile up. The built-in profiles are parsed once per thread; profiles a
//! user imported are layered on top of them under one rule: an imported profile never takes a
//! built-in id, so a form naming a built-in profile is always scored by the built-in rules.
//!
//! Each profile is kept with its file's text, so that keeping it in the browser, sending it to the
//! export worker or handing it to JavaScript passes the file on as it was read.

use super::{Profile, BUILTIN_SOURCES};
use crate::path::DocPath;
use crate::reader::Problem;
use std::rc::Rc;

thread_local! {
    static BUILTINS: Rc<[Rc<Profile>]> = parse_builtins();
}

/// The built-in profiles, parsed and validated. They are compiled in and a test reads every one of
/// them, so none fails here; one that did would be left out of the list (and the test would say so).
fn parse_builtins() -> Rc<[Rc<Profile>]> {
    let parsed: Vec<Rc<Profile>> = BUILTIN_SOURCES
        .iter()
        .filter_map(|src| Profile::from_json(src).ok())
        .map(Rc::new)
        .collect();
    debug_assert_eq!(
        parsed.len(),
        BUILTIN_SOURCES.len(),
        "a built-in profile fails"
    );
    parsed.into()
}

/// The profiles a shell knows: the built-in ones, then the imported ones with their files' text.
#[derive(Clone, Debug)]
pub struct Registry {
    builtins: Rc<[Rc<Profile>]>,
    custom: Vec<Rc<Profile>>,
    /// The file text of each imported profile, in the order of `custom`.
    sources: Vec<Rc<str>>,
}

/// Two registries are equal when they hold the very same profiles (each profile is kept behind one
/// `Rc` from the moment it is added, so this is exact and costs a pointer comparison each).
impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.builtins, &other.builtins)
            && self.custom.len() == other.custom.len()
            && self
                .custom
                .iter()
                .zip(&other.custom)
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// The built-in profiles alone.
    pub fn new() -> Registry {
        Registry {
            builtins: BUILTINS.with(Rc::clone),
            custom: Vec::new(),
            sources: Vec::new(),
        }
    }

    pub fn builtins(&self) -> &[Rc<Profile>] {
        &self.builtins
    }

    /// The imported profiles, in the order they were added.
    pub fn custom(&self) -> &[Rc<Profile>] {
        &self.custom
    }

    /// Every profile: the built-in ones first.
    pub fn all(&self) -> impl Iterator<Item = &Rc<Profile>> {
        self.builtins.iter().chain(&self.custom)
    }

    /// The profile with `id`.
    pub fn get(&self, id: &str) -> Option<&Rc<Profile>> {
        self.all().find(|p| p.id == id)
    }

    pub fn is_builtin(&self, id: &str) -> bool {
        self.builtins.iter().any(|p| p.id == id)
    }

    /// The file text of each imported profile, as it was read.
    pub fn custom_sources(&self) -> &[Rc<str>] {
        &self.sources
    }

    /// The file text of built-in profile number `i` (in the order of [`Self::builtins`]).
    pub fn builtin_source(i: usize) -> Option<&'static str> {
        BUILTIN_SOURCES.get(i).copied()
    }

    /// Adds a profile made or changed in code (its file text is written from it). See
    /// [`Self::add_file`].
    pub fn add(&mut self, profile: Profile) -> Result<Rc<Profile>, Problem> {
        let source = profile.to_json();
        self.add_file(profile, &source)
    }

    /// Adds an imported profile read from `source`, its file's text (replacing an imported one with
    /// the same id). A profile that takes a built-in id is refused: the built-in rules are never
    /// replaced.
    pub fn add_file(&mut self, profile: Profile, source: &str) -> Result<Rc<Profile>, Problem> {
        if self.is_builtin(&profile.id) {
            return Err(Problem::new(
                DocPath::at("id"),
                format!(
                    "“{}”是内置规则的编号，导入的规则不能使用它；请给自定义规则另起编号（如“{}-local”）",
                    crate::text::quote(&profile.id), profile.id
                ),
                format!(
                    "\"{}\" is the id of a built-in profile, which an imported profile may not take: give the custom profile an id of its own (e.g. \"{}-local\")",
                    crate::text::quote(&profile.id), profile.id
                ),
            ));
        }
        let p = Rc::new(profile);
        if let Some(i) = self.custom.iter().position(|q| q.id == p.id) {
            self.custom.remove(i);
            self.sources.remove(i);
        }
        self.custom.push(p.clone());
        self.sources.push(source.into());
        Ok(p)
    }

    /// The problem of a form naming a profile this registry does not have.
    pub fn unknown(&self, id: &str) -> Problem {
        let known: Vec<&str> = self.all().map(|p| p.id.as_str()).collect();
        Problem::new(
            crate::path::FieldPath::Profile,
            format!(
                "没有编号为“{id}”的规则（可用：{}）；若是自定义规则，请先导入",
                known.join("、"), id = crate::text::quote(id)
            ),
            format!(
                "there is no profile \"{id}\" (available: {}); if it is a custom profile, import it first",
                known.join(", "), id = crate::text::quote(id)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_parsed_once_and_kept() {
        let r = Registry::new();
        assert_eq!(r.builtins().len(), BUILTIN_SOURCES.len());
        for src in BUILTIN_SOURCES {
            Profile::from_json(src).expect("a built-in profile reads and validates");
        }
        // The same parsed profiles, not a new parse.
        assert!(Rc::ptr_eq(&r.builtins()[0], &Registry::new().builtins()[0]));
    }

    #[test]
    fn an_import_never_shadows_a_builtin() {
        let mut r = Registry::new();
        let mut evil = Profile::builtin("central-2020").unwrap();
        evil.blocks[0].weight = rust_decimal::Decimal::ONE;
        let refused = r.add(evil.clone()).unwrap_err();
        assert_eq!(refused.path.to_string(), "id");
        assert!(refused.message.en.contains("built-in"));
        assert_eq!(r.get("central-2020"), Some(&r.builtins()[1]));
        evil.id = "central-2020-local".into();
        let added = r.add(evil.clone()).unwrap();
        assert_eq!(r.get("central-2020-local"), Some(&added));
        // Importing again replaces the imported one.
        evil.name.zh = "改名".into();
        r.add(evil).unwrap();
        assert_eq!(r.custom().len(), 1);
        assert_eq!(r.get("central-2020-local").unwrap().name.zh, "改名");
        let unknown = r.unknown("nope");
        assert_eq!(unknown.path.to_string(), "profile");
        assert!(unknown.message.en.contains("central-2020-local"));
    }
}
