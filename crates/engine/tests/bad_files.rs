//! The bad-file corpus: every file under `tests/bad_files/` and what it must give, as listed in
//! `tests/bad_files/expected.json` (docs/hardening.md).
//!
//! - `refused`: the file is refused (a form by `read_form`, a `profile-*.json` by
//!   `Profile::from_json`) with exactly the listed problems, in order: same count, each path equal and
//!   its English message containing the listed text.
//! - `findings`: a form that reads, and whose evaluation with its built-in profile gives each listed
//!   finding code at its path (among others).
//! - `values`: a typed value (`value-*.txt`) read as the listed kind (and number, unit, operator).
//!
//! Every file of the folder is in the manifest and every manifest entry is a file. Inputs too large to
//! keep in the repository (over 2 MB, over 1 000 rows) are built here.

mod common;

use common::evaluate_file;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use ziping_engine::{read_form, Profile};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_files")
}

fn manifest() -> Value {
    let text =
        fs::read_to_string(dir().join("expected.json")).expect("tests/bad_files/expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn read(name: &str) -> String {
    fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn entries<'m>(m: &'m Value, section: &str) -> &'m serde_json::Map<String, Value> {
    m[section]
        .as_object()
        .unwrap_or_else(|| panic!("expected.json has no \"{section}\" object"))
}

/// (path, English message) of every problem, or `None` when the file is accepted.
fn problems(name: &str, text: &str) -> Option<Vec<(String, String)>> {
    let refused = if name.starts_with("profile-") {
        Profile::from_json(text).err()
    } else {
        read_form(text).err()
    };
    refused.map(|ps| {
        ps.into_iter()
            .map(|p| (p.path.to_string(), p.message.en))
            .collect()
    })
}

/// Runs `check` on every entry of the manifest's `section` (the file's name, its text and what the
/// entry says it must give), which adds what is wrong to the list; fails with the whole list.
fn check_each(section: &str, check: impl Fn(&str, &str, &Value, &mut Vec<String>)) {
    let m = manifest();
    let mut failures = Vec::new();
    for (name, expected) in entries(&m, section) {
        check(name, &read(name), expected, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_file_is_in_the_manifest_and_every_entry_is_a_file() {
    let m = manifest();
    let on_disk: BTreeSet<String> = fs::read_dir(dir())
        .expect("tests/bad_files")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .into_string()
                .expect("a UTF-8 name")
        })
        .filter(|n| n != "expected.json")
        .collect();
    let mut listed = BTreeSet::new();
    for section in ["refused", "findings", "values", "registry"] {
        for name in entries(&m, section).keys() {
            assert!(listed.insert(name.clone()), "{name} is listed twice");
        }
    }
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "files not in expected.json: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "expected.json lists files that do not exist: {missing:?}"
    );
    for name in entries(&m, "notes").keys() {
        assert!(
            listed.contains(name),
            "a note for {name}, which is not listed"
        );
    }
    assert!(
        on_disk.len() >= 50,
        "the corpus has only {} files",
        on_disk.len()
    );
}

#[test]
fn every_refused_file_gives_exactly_its_problems() {
    check_each("refused", |name, text, expected, failures| {
        let Some(got) = problems(name, text) else {
            failures.push(format!("{name}: accepted, but it must be refused"));
            return;
        };
        let expected: Vec<(&str, &str)> = expected
            .as_array()
            .unwrap_or_else(|| panic!("{name}: a list of problems"))
            .iter()
            .map(|p| {
                (
                    p["path"].as_str().expect("a path"),
                    p["contains"].as_str().expect("a contains text"),
                )
            })
            .collect();
        let matches = got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|((path, message), (want_path, words))| {
                    path == want_path && message.contains(words)
                });
        if !matches {
            failures.push(format!("{name}:\n  expected {expected:#?}\n  got {got:#?}"));
        }
    });
}

#[test]
fn every_form_with_findings_reads_and_gives_them() {
    check_each("findings", |name, text, expected, failures| {
        let evaluation = match evaluate_file(text) {
            Ok((_, e)) => e,
            Err(p) => {
                failures.push(format!("{name}: refused, but it must read: {p:?}"));
                return;
            }
        };
        for f in expected.as_array().expect("a list of findings") {
            let (code, path) = (
                f["code"].as_str().expect("a code"),
                f["path"].as_str().expect("a path"),
            );
            // Where the entry gives `contains`, the English message must hold it.
            let words = f["contains"].as_str().unwrap_or("");
            if !evaluation.findings.iter().any(|g| {
                g.code.key() == code && g.path.to_string() == path && g.message.en.contains(words)
            }) {
                let got: Vec<(&str, String)> = evaluation
                    .findings
                    .iter()
                    .map(|g| (g.code.key(), g.path.to_string()))
                    .collect();
                let messages: Vec<&str> = evaluation
                    .findings
                    .iter()
                    .map(|g| g.message.en.as_str())
                    .collect();
                failures.push(format!(
                    "{name}: no {code} at {path} saying {words:?}; got {got:?} {messages:?}"
                ));
            }
        }
    });
}

#[test]
fn every_profile_the_registry_refuses_reads_and_is_refused_there() {
    check_each("registry", |name, text, expected, failures| {
        let profile = match Profile::from_json(text) {
            Ok(p) => p,
            Err(ps) => {
                failures.push(format!(
                    "{name}: refused by the reader, but it must read: {ps:?}"
                ));
                return;
            }
        };
        let mut registry = ziping_engine::Registry::new();
        let Err(got) = registry.add_file(profile, text) else {
            failures.push(format!("{name}: added, but the registry must refuse it"));
            return;
        };
        let want = &expected[0];
        let (path, words) = (
            want["path"].as_str().unwrap(),
            want["contains"].as_str().unwrap(),
        );
        if got.path != path || !got.message.en.contains(words) {
            failures.push(format!("{name}: expected {path} {words:?}, got {got:?}"));
        }
    });
}

#[test]
fn every_value_reads_as_its_kind() {
    let m = manifest();
    for (name, expected) in entries(&m, "values") {
        let text = read(name);
        let got =
            serde_json::to_value(ziping_engine::value::parse(&text)).expect("a value as JSON");
        for (key, want) in expected.as_object().expect("an object") {
            assert_eq!(&got[key.as_str()], want, "{name}: {key} of {got}");
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    // A valid form padded with spaces to just over the limit: the size alone refuses it.
    let head = r#"{"format": "ziping-form", "schema_version": 1, "profile": "central-2020"}"#;
    let mut text = String::with_capacity(ziping_engine::format::MAX_FILE_BYTES + 1);
    text.push_str(head);
    text.push_str(&" ".repeat(ziping_engine::format::MAX_FILE_BYTES + 1 - head.len()));
    let started = std::time::Instant::now();
    let ps = read_form(&text).expect_err("refused");
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].path, "");
    assert!(
        ps[0].message.en.contains("above the 2 MB limit"),
        "{:?}",
        ps[0].message
    );
    assert!(
        started.elapsed().as_secs() < 1,
        "the size check must come before parsing"
    );
    // Exactly at the limit, the file is parsed (and reads).
    text.truncate(ziping_engine::format::MAX_FILE_BYTES);
    assert!(read_form(&text).is_ok());
}

#[test]
fn a_list_over_1_000_rows_is_refused() {
    let rows = vec!["{}"; ziping_engine::format::MAX_ROWS + 1].join(",");
    let text = format!(
        r#"{{"format": "ziping-form", "schema_version": 1, "profile": "central-2020", "evaluators": [{rows}], "funds": {{"rows": [{rows}]}}}}"#
    );
    let ps = read_form(&text).expect_err("refused");
    let got: Vec<(String, &str)> = ps
        .iter()
        .map(|p| (p.path.to_string(), p.message.en.as_str()))
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "funds.rows");
    assert_eq!(got[1].0, "evaluators");
    for (_, m) in &got {
        assert!(m.contains("1001 rows is above the limit of 1000"), "{m}");
    }
}

#[test]
fn the_corpus_files_that_read_are_canonical_after_one_write() {
    // The files with findings read; writing one back and reading it again gives the same form.
    let m = manifest();
    for name in entries(&m, "findings").keys() {
        let form = read_form(&read(name)).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let again = read_form(&ziping_engine::to_json(&form)).expect("the written form reads");
        assert_eq!(again, form, "{name}");
    }
}
