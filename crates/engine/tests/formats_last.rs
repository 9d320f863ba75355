//! Formats last: a golden file of every released `schema_version` keeps importing, forever.
//!
//! `golden/format/v<N>/` holds files frozen when version N was current. Each must read without a
//! problem (through the migrations of `format::migrate` when N is older than the current version),
//! and, once read, write back in the current format and read again to the same form. Files of the
//! current version must write back byte for byte. Never edit a golden file: add a new one.

use std::fs;
use std::path::Path;
use ziping_engine::format::SCHEMA_VERSION;
use ziping_engine::{read_form, to_json};

fn golden_dirs() -> Vec<(u64, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/format");
    let mut dirs: Vec<(u64, std::path::PathBuf)> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let v = p.file_name()?.to_str()?.strip_prefix('v')?.parse().ok()?;
            Some((v, p))
        })
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_released_version_has_golden_files() {
    let versions: Vec<u64> = golden_dirs().iter().map(|(v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=SCHEMA_VERSION).collect::<Vec<_>>(),
        "a golden folder per released version"
    );
}

#[test]
fn golden_files_of_every_version_keep_importing() {
    let mut count = 0;
    for (version, dir) in golden_dirs() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let form = read_form(&text)
                .unwrap_or_else(|p| panic!("{} no longer imports: {p:?}", path.display()));
            let written = to_json(&form);
            assert_eq!(read_form(&written).unwrap(), form, "{}", path.display());
            if version == SCHEMA_VERSION {
                assert_eq!(
                    written,
                    text,
                    "{} is not written back byte for byte",
                    path.display()
                );
            }
            count += 1;
        }
    }
    assert!(count >= 2);
}

/// The golden file `name` of version `v`, read.
fn golden(v: u64, name: &str) -> ziping_engine::Form {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/format/v{v}/{name}"));
    read_form(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_every_field_file_uses_every_field() {
    let form = golden(1, "every-field.json");
    let r = &form.indicators;
    assert!(
        r.iter().any(|r| r.not_applicable)
            && r.iter().any(|r| !r.band.is_empty())
            && r.iter().any(|r| !r.operator.is_empty())
    );
    assert!(
        !form.funds.declared_total.is_empty()
            && form.funds.declared_rate.is_some()
            && !form.block_weights.is_empty()
    );
    assert!(
        !form.signoff.signed_on.is_empty()
            && !form.declared.blocks.is_empty()
            && !form.evaluators.is_empty()
    );
}

#[test]
fn the_version_2_every_field_file_types_into_every_kind_of_number_field() {
    let form = golden(2, "every-field.json");
    assert!(form.funds.rows.iter().any(|r| !r.typed.is_empty()));
    assert!(form.indicators.iter().any(|r| !r.typed.is_empty()));
    assert!(form.scores.values().any(|e| !e.typed.is_empty()));
    assert!(!form.typed.is_empty());
    // An entry that does not read holds no number: the text is all there is.
    let spent = form
        .funds
        .rows
        .iter()
        .find(|r| r.typed.contains_key("spent"));
    assert_eq!(spent.and_then(|r| r.figures.spent), None);
}

#[test]
fn typed_text_in_a_version_1_file_is_refused() {
    let text = r#"{"format": "ziping-form", "schema_version": 1, "profile": "central-2020", "typed": {"declared.total": "九十"}}"#;
    let problems = read_form(text).unwrap_err();
    assert!(
        problems[0].message.en.contains("set schema_version to 2"),
        "{problems:?}"
    );
}

#[test]
fn versions_outside_the_known_range_are_refused_with_a_reason() {
    for (v, words) in [
        (0, "whole number from 1"),
        (SCHEMA_VERSION + 1, "newer than this Ziping supports"),
    ] {
        let text = format!(
            r#"{{"format": "ziping-form", "schema_version": {v}, "profile": "central-2020"}}"#
        );
        let problems = read_form(&text).unwrap_err();
        assert!(problems[0].message.en.contains(words), "{v}: {problems:?}");
    }
}
