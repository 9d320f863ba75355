//! Every form under examples/ is canonical (reading and writing it back gives the same bytes) and
//! evaluates with its built-in profile; the published forms give the results they are kept for.

mod common;

use common::evaluate_file;
use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use ziping_engine::{read_form, to_json};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(EXAMPLES)
        .expect("the examples directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example forms found in {EXAMPLES}");
    files
}

/// The evaluation of an example, as the JSON that `ziping evaluate` prints.
fn evaluate_example(name: &str) -> Value {
    let text = fs::read_to_string(format!("{EXAMPLES}/{name}")).expect("the example file");
    let (_, evaluation) =
        evaluate_file(&text).unwrap_or_else(|p| panic!("{name} does not read: {p:?}"));
    serde_json::to_value(&evaluation).expect("the evaluation as JSON")
}

fn findings<'e>(e: &'e Value, severity: Option<&str>) -> Vec<&'e str> {
    e["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| severity.is_none_or(|s| f["severity"] == s))
        .map(|f| f["code"].as_str().expect("a code"))
        .collect()
}

#[test]
fn every_example_is_canonical_and_evaluates() {
    for path in example_files() {
        let text = fs::read_to_string(&path).expect("the example file");
        let form =
            read_form(&text).unwrap_or_else(|p| panic!("{} does not read: {p:?}", path.display()));
        assert!(
            to_json(&form) == text,
            "{} is not canonical: read → write changes it",
            path.display()
        );
        let (_, evaluation) = evaluate_file(&text)
            .unwrap_or_else(|p| panic!("{} does not evaluate: {p:?}", path.display()));
        assert_eq!(evaluation.profile, form.profile, "{}", path.display());
    }
}

#[test]
fn published_form_a_scores_full_marks_without_errors() {
    let e = evaluate_example("huoqiu-2022-sci-tech-commissioners.json");
    assert_eq!(e["total"]["shown"], "100.00");
    assert_eq!(e["grade"]["grade"], "优");
    assert_eq!(
        e["counts"]["errors"],
        0,
        "findings: {:?}",
        findings(&e, None)
    );
    assert!(findings(&e, Some("error")).is_empty());
}

#[test]
fn published_form_b_recomputes_the_budget_row_and_flags_the_zero_total() {
    let e = evaluate_example("guichi-tangxi-2022-commissioned-business.json");
    let budget_row = e["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .flat_map(|b| b["rows"].as_array().expect("rows"))
        .find(|r| r["id"] == "budget_execution")
        .expect("the budget execution row");
    assert_eq!(budget_row["score"]["shown"], "10.00");
    let codes = findings(&e, None);
    for code in ["funds.total_row_mismatch", "narrative.sum_mismatch"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let sum = e["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "narrative.sum_mismatch")
        .expect("the narrative finding");
    assert_eq!(sum["path"], "narratives.goal_actual");
}
