//! Profiles that extend a built-in one: `"extends"` plus only what differs, Chinese alone enough.
//! The files are the worked examples of docs/profiles.md (`examples/profiles/`), one per layout family.

use std::path::Path;
use ziping_engine::{evaluate, read_form, Profile, Registry};

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/profiles")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn builtin(id: &str) -> Profile {
    Profile::builtin(id).unwrap()
}

#[test]
fn every_worked_example_reads_validates_and_joins_the_registry() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/profiles");
    let mut families = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let p = Profile::from_json(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert!(!p.extends.is_empty(), "{}", path.display());
        families.push(p.extends.clone());
        let mut registry = Registry::new();
        registry.add_file(p, &text).unwrap();
    }
    families.sort();
    families.dedup();
    assert_eq!(
        families,
        [
            "budget10-indicators90",
            "central-2020",
            "department-wide",
            "jinzhong-2021"
        ],
        "a worked example for every built-in layout"
    );
}

#[test]
fn only_what_differs_is_written_and_the_rest_is_the_builtin() {
    let p = Profile::from_json(&example("grades-from-80.json")).unwrap();
    let base = builtin("central-2020");
    let mins: Vec<String> = p.grades.iter().map(|g| g.min.to_string()).collect();
    assert_eq!(mins, ["80", "70", "60", "0"]);
    assert_eq!(p.sections, base.sections);
    assert_eq!(p.blocks, base.blocks);
    assert_eq!(p.funds, base.funds);
    assert_eq!(p.indicators, base.indicators);
    assert_eq!(p.title, base.title);
    // Chinese alone: the English is the Chinese.
    assert_eq!(p.description.en, p.description.zh);
    assert_eq!(p.name.en, "Project self-evaluation form (优 from 80)");
    // The same form, the same total; only the grade differs.
    let mut form = base.blank_form();
    form.profile = p.id.clone();
    form.indicators.clear();
    assert_eq!(
        evaluate(&form, &p).total.shown(),
        evaluate(&form, &base).total.shown()
    );
    assert_ne!(p.fingerprint(), base.fingerprint());
}

#[test]
fn lists_with_ids_are_laid_over_item_by_item() {
    let p = Profile::from_json(&example("budget20-indicators80.json")).unwrap();
    let base = builtin("budget10-indicators90");
    let weights: Vec<String> = p.blocks.iter().map(|b| b.weight.to_string()).collect();
    assert_eq!(weights, ["20", "80"]);
    // The budget row keeps its method and name; only its weight changed.
    assert_eq!(p.blocks[0].rows[0].method, base.blocks[0].rows[0].method);
    assert_eq!(p.blocks[0].rows[0].name, base.blocks[0].rows[0].name);
    assert_eq!(p.blocks[0].rows[0].weight.to_string(), "20");
    assert_eq!(p.local_rules, base.local_rules);
    assert_eq!(p.name.en, p.name.zh, "a plain string is Chinese alone");

    let j = Profile::from_json(&example("jinzhong-2022.json")).unwrap();
    let jb = builtin("jinzhong-2021");
    let effect = j.blocks.iter().find(|b| b.id == "effect").unwrap();
    let rows: Vec<(String, String)> = effect
        .rows
        .iter()
        .map(|r| (r.id.clone(), r.weight.to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            ("economic".into(), "5".into()),
            ("social".into(), "5".into()),
            ("ecological".into(), "2".into()),
            ("sustainability".into(), "8".into()),
            ("satisfaction".into(), "10".into())
        ]
    );
    assert_eq!(j.blocks.len(), jb.blocks.len());
    // The seed is scored under it.
    let seed = read_form(include_str!(
        "../../../examples/jinzhong-2021-traffic-police.json"
    ))
    .unwrap();
    assert!(!evaluate(&seed, &j).total.is_pending());
}

#[test]
fn an_unknown_base_or_a_wrong_extends_is_refused_at_extends() {
    let ps =
        Profile::from_json(r#"{"format": "ziping-profile", "id": "x", "extends": "central-2019"}"#)
            .unwrap_err();
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].path.to_string(), "extends");
    assert!(ps[0].message.en.contains("no built-in profile \"central-2019\" to extend (available: jinzhong-2021, central-2020"), "{}", ps[0].message.en);
    let ps = Profile::from_json(r#"{"format": "ziping-profile", "id": "x", "extends": 2020}"#)
        .unwrap_err();
    assert_eq!(ps[0].path.to_string(), "extends");
    // What the file changes is validated as the whole profile: block weights that no longer add
    // up to 100 are refused.
    let ps = Profile::from_json(
        r#"{"format": "ziping-profile", "id": "x", "extends": "central-2020", "blocks": [{"id": "output", "weight": "60"}]}"#,
    )
    .unwrap_err();
    assert!(ps.iter().any(|p| p.message.en.contains("100")), "{ps:?}");
}

#[test]
fn reading_and_weight_problems_come_in_one_list() {
    // A typo in a grade's threshold, and block weights that add up to 105: both at once.
    let text = r#"{"format": "ziping-profile", "extends": "central-2020", "id": "c-typo",
        "blocks": [{"id": "output", "weight": "55"}],
        "grades": [{"grade": "优", "name_en": "Excellent", "min": "9O"},
                   {"grade": "良", "name_en": "Good", "min": "80"},
                   {"grade": "中", "name_en": "Fair", "min": "60"},
                   {"grade": "差", "name_en": "Poor", "min": "0"}]}"#;
    let problems = Profile::from_json(text).unwrap_err();
    let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
    assert!(paths.contains(&"grades[0].min".to_string()), "{paths:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.path == "blocks" && p.message.zh.contains("105")),
        "{problems:?}"
    );
    // A typo in a weight: the sum it would make is not guessed at, the other problems still come.
    let text = text
        .replace(r#""weight": "55""#, r#""weight": "5O""#)
        .replace(r#""min": "9O""#, r#""min": "90""#)
        .replace(r#""min": "60""#, r#""min": "85""#);
    let problems = Profile::from_json(&text).unwrap_err();
    let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
    assert!(paths.contains(&"blocks[1].weight".to_string()), "{paths:?}");
    assert!(!paths.contains(&"blocks".to_string()), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.starts_with("grades")),
        "the grades out of order are named too: {paths:?}"
    );
}

#[test]
fn the_department_wide_rules_example_scores_by_its_bands_counts_and_coefficients() {
    let p = Profile::from_json(&example("department-wide-rules.json")).unwrap();
    let mut form = p.blank_form();
    for (row, actual) in [("budget_completion", "90%"), ("three_public", "2次")] {
        form.scores.entry(row.into()).or_default().actual = actual.into();
    }
    let e = evaluate(&form, &p);
    let score = |id: &str| {
        e.blocks
            .iter()
            .flat_map(|b| &b.rows)
            .find(|r| r.id == id)
            .unwrap()
            .score
            .shown()
    };
    assert_eq!(score("budget_completion"), "4.00");
    assert_eq!(score("three_public"), "2.00");
    assert!(
        p.indicators.coefficient_column && p.indicators.core_column && p.indicators.nature_column
    );
}

#[test]
fn a_typo_in_one_grade_says_nothing_false_about_the_other_grades() {
    let text = r#"{"format": "ziping-profile", "extends": "central-2020", "id": "c-typo2",
        "grades": [{"grade": "优", "name_en": "Excellent", "min": "9O"},
                   {"grade": "良", "name_en": "Good", "min": "80"},
                   {"grade": "中", "name_en": "Fair", "min": "60"},
                   {"grade": "差", "name_en": "Poor", "min": "0"}]}"#;
    let problems = Profile::from_json(text).unwrap_err();
    let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
    assert_eq!(paths, ["grades[0].min"], "{problems:?}");
}
