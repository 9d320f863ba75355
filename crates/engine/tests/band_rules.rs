//! Scoring tables as rules write them: bands with their ends included or not ("90%（含）以上",
//! "80%（含）-90%", "高于 95%", "60%（含）以下"), and deductions per occurrence down to a floor
//! ("每发现一次扣 0.5 分，扣完为止"). The profiles extend the 部门整体 layout, whose 管理 block holds
//! banded and per-point rows.

use ziping_engine::model::{Form, ScoreEntry};
use ziping_engine::result::{Evaluation, MethodId};
use ziping_engine::{evaluate, Profile};

/// 预算完成率 (5 points) by the rule's bands, and 三公经费 (3 points) by occurrences.
const PROFILE: &str = r#"{
  "format": "ziping-profile",
  "extends": "department-wide",
  "id": "dw-rules",
  "name": {"zh": "部门整体（按细则分档）"},
  "blocks": [{"id": "management", "rows": [
    {"id": "budget_completion", "method": {"kind": "banded", "bands": [
      {"when": "100%", "points": "5"},
      {"when": "90%（含）-100%", "points": "4"},
      {"when": "80%（含）-90%", "points": "3"},
      {"when": "60%（含）-80%", "points": "2"},
      {"when": "60%以下", "points": "0"}
    ]}},
    {"id": "three_public", "method": {"kind": "per_count", "per": "0.5", "floor": "0"}}
  ]}]
}"#;

fn scored(profile: &Profile, row: &str, actual: &str) -> (String, String, Option<MethodId>) {
    let mut f: Form = profile.blank_form();
    f.scores.insert(
        row.into(),
        ScoreEntry {
            actual: actual.into(),
            ..ScoreEntry::default()
        },
    );
    let e: Evaluation = evaluate(&f, profile);
    let r = e
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.id == row)
        .unwrap();
    (
        r.score.shown(),
        r.score.explanation().zh.clone(),
        Some(r.method),
    )
}

#[test]
fn bands_written_as_rules_take_their_ends_as_written() {
    let p = Profile::from_json(PROFILE).unwrap_or_else(|e| panic!("{e:?}"));
    let at = |v: &str| scored(&p, "budget_completion", v);
    for (actual, points) in [
        ("100%", "5.00"),
        ("99.99%", "4.00"),
        ("90%", "4.00"), // 90%（含）-100%
        ("89.99%", "3.00"),
        ("80%", "3.00"), // 80%（含）-90%
        ("79.99%", "2.00"),
        ("60%", "2.00"),
        ("59.99%", "0.00"),
    ] {
        assert_eq!(at(actual).0, points, "{actual}");
    }
    let (_, how, method) = at("90%");
    assert_eq!(method, Some(MethodId::Banded));
    assert!(how.contains("[90, 100)"), "{how}");
    let (_, how, _) = at("100%");
    assert!(how.contains("[100, 100]"), "{how}");
    // Above the table: in no band, and the explanation says so.
    let (score, how, _) = at("100.01%");
    assert_eq!(score, "0.00");
    assert!(how.contains("不在任何一档"), "{how}");
}

#[test]
fn a_band_with_its_upper_end_taken_in_scores_that_end() {
    // "80%-90%（含）" and "60%（含）-80%（含）": the rule of a county that counts 90% and 80% in the
    // lower band.
    let text = PROFILE
        .replace(
            r#"{"when": "90%（含）-100%", "points": "4"}"#,
            r#"{"when": "90%-100%（含）", "points": "4"}"#,
        )
        .replace(
            r#"{"when": "100%", "points": "5"}"#,
            r#"{"when": "高于100%", "points": "5"}"#,
        )
        .replace(
            r#"{"when": "80%（含）-90%", "points": "3"}"#,
            r#"{"when": "80%-90%（含）", "points": "3"}"#,
        )
        .replace(
            r#"{"when": "60%（含）-80%", "points": "2"}"#,
            r#"{"when": "60%（含）-80%（含）", "points": "2"}"#,
        );
    let p = Profile::from_json(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let at = |v: &str| scored(&p, "budget_completion", v).0;
    assert_eq!(at("90%"), "3.00");
    assert_eq!(at("90.01%"), "4.00");
    assert_eq!(at("80%"), "2.00");
    assert_eq!(at("100%"), "4.00");
    assert_eq!(at("100.5%"), "5.00");
    let (_, how, _) = scored(&p, "budget_completion", "85%");
    assert!(how.contains("(80, 90]"), "{how}");
}

#[test]
fn deductions_per_occurrence_stop_at_the_floor() {
    let p = Profile::from_json(PROFILE).unwrap();
    let at = |v: &str| scored(&p, "three_public", v);
    assert_eq!(at("0").0, "3.00");
    let (score, how, method) = at("3次");
    assert_eq!((score.as_str(), method), ("1.50", Some(MethodId::PerCount)));
    assert!(how.contains("3 次 × 0.5 = 1.5"), "{how}");
    assert_eq!(at("20处").0, "0.00", "扣完为止");
    // A count is a whole number that is not negative; anything else waits for a readable entry.
    for unreadable in ["2.5次", "-1", "50%"] {
        let (score, _, _) = at(unreadable);
        assert_ne!(score, "3.00", "{unreadable}");
    }
}

#[test]
fn bands_that_both_take_in_the_same_value_overlap_and_phrases_that_say_nothing_are_refused() {
    let with = |bands: &str| {
        PROFILE.replace(
            r#"{"when": "60%以下", "points": "0"}"#,
            &format!(r#"{{"when": "60%以下", "points": "0"}}, {bands}"#),
        )
    };
    // 50%（含）-60%（含） and 60%（含）-80% both hold 60%.
    let problems =
        Profile::from_json(&with(r#"{"when": "50%（含）-60%（含）", "points": "1"}"#)).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.zh.contains("重叠")),
        "{problems:?}"
    );
    let problems = Profile::from_json(&with(r#"{"when": "差不多", "points": "1"}"#)).unwrap_err();
    assert_eq!(
        problems[0].path.to_string(),
        "blocks[1].rows[0].method.bands[5].when"
    );
    assert!(problems[0].message.zh.contains("90%（含）以上"));
    let problems =
        Profile::from_json(&with(r#"{"when": "≥90%", "min": "90", "points": "1"}"#)).unwrap_err();
    assert!(problems[0].message.en.contains("when"), "{problems:?}");
    // The ends round-trip through the profile's JSON.
    let p = Profile::from_json(PROFILE).unwrap();
    let again = Profile::from_json(&p.to_json()).unwrap();
    assert_eq!(again.blocks, p.blocks);
    // A per-occurrence row needs a deduction above 0.
    let bad = PROFILE.replace(r#""per": "0.5""#, r#""per": "0""#);
    let problems = Profile::from_json(&bad).unwrap_err();
    assert!(
        problems[0].path.to_string().ends_with("method.per"),
        "{problems:?}"
    );
}

#[test]
fn a_value_left_in_no_band_where_two_bands_meet_is_refused_and_a_triple_overlap_is_found() {
    let replace = |bands: &str| {
        let start = PROFILE.find(r#""bands": ["#).unwrap();
        let end = PROFILE[start..].find("]}}").unwrap() + start;
        format!(
            "{}\"bands\": [{bands}{}",
            &PROFILE[..start],
            &PROFILE[end..]
        )
    };
    // 80%-90% leaves 90 out, 90%以上 leaves it out too: 90% would score 0.
    let problems = Profile::from_json(&replace(
        r#"{"when": "90%以上", "points": "5"}, {"when": "80%-90%", "points": "3"}, {"when": "80%以下", "points": "0"}"#,
    ))
    .unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.zh.contains("都不含 90")),
        "{problems:?}"
    );
    // [80, 90], {90} and [90, ∞) all hold 90.
    let problems = Profile::from_json(&replace(
        r#"{"when": "80%（含）-90%（含）", "points": "3"}, {"when": "90%", "points": "4"}, {"when": "90%（含）以上", "points": "5"}, {"when": "80%以下", "points": "0"}"#,
    ))
    .unwrap_err();
    assert!(
        problems
            .iter()
            .filter(|p| p.message.zh.contains("重叠"))
            .count()
            >= 2,
        "{problems:?}"
    );
}

#[test]
fn a_count_is_of_occurrences_not_of_money_or_days() {
    let p = Profile::from_json(PROFILE).unwrap();
    let at = |v: &str| scored(&p, "three_public", v);
    assert_eq!(at("2件").0, "2.00");
    for not_a_count in ["2万元", "1万次", "3天", "约3次"] {
        assert!(!at(not_a_count).1.contains("次 ×"), "{not_a_count}");
    }
}
