//! Paths read back as written, and every finding of the examples leads to an input.

use ziping_engine::path::FieldPath;
use ziping_engine::Registry;

#[test]
fn paths_read_back_what_findings_and_inputs_write() {
    for text in [
        "header.project",
        "funds.rows[0].spent",
        "funds.declared_total.budget",
        "funds.declared_rate",
        "indicators[12].deviation_reason",
        "scores.budget_execution.declared_score",
        "block_weights.output",
        "evaluators[1].phone",
        "signoff.filed_on",
        "declared.grade",
        "declared.blocks.input",
        "narratives.overview",
    ] {
        assert_eq!(
            FieldPath::parse(text).map(|p| p.to_string()).as_deref(),
            Some(text)
        );
    }
    // A row or a group leads to an input of it.
    let input = |text: &str| {
        FieldPath::parse(text)
            .and_then(|p| p.input())
            .map(|p| p.to_string())
    };
    assert_eq!(
        input("indicators[3]").as_deref(),
        Some("indicators[3].name")
    );
    assert_eq!(input("funds.rows").as_deref(), Some("funds.rows[0].budget"));
    assert_eq!(FieldPath::parse("nonsense"), None);
    // Every finding of the seed and the published forms leads to a field, except the ones about the
    // indicator table or the block weights as a whole.
    for file in [
        include_str!("../../../examples/jinzhong-2021-traffic-police.json"),
        include_str!("../../../examples/guichi-tangxi-2022-commissioned-business.json"),
    ] {
        let e = ziping_engine::open("x.json", file.as_bytes(), &Registry::new())
            .unwrap()
            .evaluation;
        for f in &e.findings {
            assert!(
                f.path.input().is_some()
                    || matches!(f.path, FieldPath::Indicators | FieldPath::BlockWeights),
                "{}",
                f.path
            );
        }
    }
}
