//! docs/findings.md lists exactly the finding codes the engine has, each with its severity.

use std::collections::BTreeSet;
use ziping_engine::findings::FindingCode;

const DOC: &str = include_str!("../../../docs/findings.md");

/// The rows of the table whose header starts with `| code |`: (code, severity) from the first two
/// columns.
fn table_rows() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in DOC.lines() {
        let line = line.trim();
        if line.starts_with("| code |") {
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells[0].starts_with("---") {
            continue;
        }
        let code = cells[0]
            .strip_prefix('`')
            .and_then(|c| c.strip_suffix('`'))
            .unwrap_or_else(|| panic!("the first column is not a `code`: {line}"));
        rows.push((code.to_string(), cells[1].to_string()));
    }
    assert!(!rows.is_empty(), "no `| code |` table in docs/findings.md");
    rows
}

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let rows = table_rows();
    let documented: BTreeSet<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(documented.len(), rows.len(), "a code is listed twice");
    let known: BTreeSet<&str> = FindingCode::ALL.iter().map(|c| c.key()).collect();
    let missing: Vec<_> = known.difference(&documented).collect();
    assert!(missing.is_empty(), "not in docs/findings.md: {missing:?}");
    let unknown: Vec<_> = documented.difference(&known).collect();
    assert!(unknown.is_empty(), "not a FindingCode: {unknown:?}");
}

#[test]
fn documented_severities_match_the_engine() {
    for (code, severity) in table_rows() {
        let c = FindingCode::from_key(&code).unwrap_or_else(|| panic!("{code} is not a code"));
        let expected = format!("{:?}", c.severity()).to_lowercase();
        assert_eq!(severity, expected, "{code}");
    }
}
