use super::*;

fn central() -> serde_json::Value {
    serde_json::from_str(include_str!("builtin/central-2020.json")).unwrap()
}

fn reject(v: serde_json::Value) -> Vec<ProfileProblem> {
    Profile::from_json(&v.to_string()).expect_err("the profile should be rejected")
}

#[test]
fn every_builtin_profile_is_valid() {
    for src in BUILTIN_SOURCES {
        if let Err(problems) = Profile::from_json(src) {
            panic!("built-in profile rejected: {problems:?}");
        }
    }
    let ids: Vec<String> = Profile::builtins().into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "jinzhong-2021",
            "central-2020",
            "budget10-indicators90",
            "department-wide"
        ]
    );
}

#[test]
fn builtin_profiles_round_trip_through_their_export() {
    for p in Profile::builtins() {
        let again = Profile::from_json(&p.to_json()).expect("an exported profile imports again");
        assert_eq!(again, p);
    }
}

#[test]
fn block_weights_not_summing_to_100_are_rejected() {
    let mut v = central();
    v["blocks"][1]["weight"] = "45".into();
    let problems = reject(v);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "blocks" && p.message.en.contains("sum to 95")),
        "{problems:?}"
    );
}

#[test]
fn fixed_rows_not_summing_to_their_block_are_rejected() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("builtin/jinzhong-2021.json")).unwrap();
    v["blocks"][0]["rows"][0]["weight"] = "5".into();
    let problems = reject(v);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "blocks[0].rows" && p.message.en.contains("sum to 22")),
        "{problems:?}"
    );
}

#[test]
fn overlapping_grade_bands_are_rejected() {
    let mut v = central();
    v["grades"][1]["min"] = "95".into();
    let problems = reject(v);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "grades[1]" && p.message.en.contains("overlaps")),
        "{problems:?}"
    );
}

#[test]
fn a_grade_scale_not_starting_at_zero_is_rejected() {
    let mut v = central();
    v["grades"][3]["min"] = "10".into();
    assert!(reject(v)
        .iter()
        .any(|p| p.path == "grades" && p.message.en.contains("start at 0")));
}

#[test]
fn overlapping_or_gapped_qualitative_bands_are_rejected() {
    let mut v = central();
    v["qualitative_bands"][1]["min"] = "0.5".into();
    assert!(reject(v).iter().any(|p| p.message.en.contains("overlaps")));
    let mut v = central();
    v["qualitative_bands"][1]["max"] = "0.7".into();
    assert!(reject(v).iter().any(|p| p.message.en.contains("gap")));
}

#[test]
fn overlapping_banded_tables_are_rejected() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("builtin/department-wide.json")).unwrap();
    v["blocks"][1]["rows"][0]["method"]["bands"][1]["max"] = "95".into();
    let problems = reject(v);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "blocks[1].rows[0].method.bands[1]"
                && p.message.en.contains("overlaps")),
        "{problems:?}"
    );
}

#[test]
fn unknown_fields_and_bad_decimals_are_rejected_with_a_position() {
    let mut v = central();
    v["colour"] = "red".into();
    let problems = reject(v);
    assert!(
        problems[0].message.en.contains("unknown field `colour`"),
        "{problems:?}"
    );
    let mut v = central();
    v["blocks"][0]["weight"] = serde_json::json!(10);
    assert!(reject(v)[0].message.en.contains("expected a string"));
}

#[test]
fn several_problems_are_reported_together() {
    let mut v = central();
    v["id"] = "Central 2020".into();
    v["grades"][1]["min"] = "95".into();
    v["blocks"][0]["weight"] = "20".into();
    let problems = reject(v);
    assert!(problems.len() >= 3, "{problems:?}");
}

#[test]
fn grade_for_uses_inclusive_lower_bounds() {
    let p = Profile::builtin("central-2020").unwrap();
    let g = |s: &str| {
        p.grade_for(Decimal::from_str_exact(s).unwrap())
            .unwrap()
            .grade
            .clone()
    };
    assert_eq!(g("90"), "优");
    assert_eq!(g("89.99"), "良");
    assert_eq!(g("80"), "良");
    assert_eq!(g("79.99"), "中");
    assert_eq!(g("60"), "中");
    assert_eq!(g("59.99"), "差");
    assert_eq!(g("0"), "差");
}

#[test]
fn a_blank_form_has_the_profiles_sources_and_headings_and_reads_back() {
    for p in Profile::builtins() {
        let f = p.blank_form();
        assert_eq!(f.profile, p.id);
        assert_eq!(f.funds.rows.len(), p.funds.default_rows.len());
        assert_eq!(f.indicators.len(), p.indicators.default_outline.len());
        let again = crate::read_form(&crate::to_json(&f)).expect("a blank form is a valid file");
        assert_eq!(again, f);
    }
}
