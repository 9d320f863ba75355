//! A form records the fingerprint of the profile it was scored with, and a form scored with another
//! version of the profile it names is flagged — in evaluation and so on the review desk.

use ziping_engine::findings::FindingCode;
use ziping_engine::path::FieldPath;
use ziping_engine::review::review;
use ziping_engine::{evaluate, open, read_form, to_json, Profile, Registry};

const JINZHONG: &str = include_str!("../src/profile/builtin/jinzhong-2021.json");

/// A custom profile: the Jinzhong layout under its own id, with its 优 starting at `excellent`.
fn local(excellent: &str) -> Profile {
    let mut v: serde_json::Value = serde_json::from_str(JINZHONG).unwrap();
    v["id"] = "jinzhong-local".into();
    v["grades"][0]["min"] = excellent.into();
    Profile::from_json(&v.to_string()).unwrap()
}

fn changed(form: &ziping_engine::Form, profile: &Profile) -> Vec<ziping_engine::Finding> {
    evaluate(form, profile)
        .findings
        .into_iter()
        .filter(|f| f.code == FindingCode::ProfileChanged)
        .collect()
}

#[test]
fn the_fingerprint_follows_the_content_and_only_the_content() {
    let a = local("90");
    assert!(
        a.fingerprint().starts_with("fnv1a64:"),
        "{}",
        a.fingerprint()
    );
    assert_eq!(a.fingerprint().len(), "fnv1a64:".len() + 16);
    // The same profile read again or copied, or written with other spacing and key order, has the
    // same fingerprint.
    assert_eq!(local("90").fingerprint(), a.fingerprint());
    assert_eq!(a.clone().fingerprint(), a.fingerprint());
    let mut v: serde_json::Value = serde_json::from_str(JINZHONG).unwrap();
    v["id"] = "jinzhong-local".into();
    v["grades"][0]["min"] = "90".into();
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    let reordered = pretty
        .replacen("\"format\": \"ziping-profile\",", "", 1)
        .replacen("{", "{\n  \"format\": \"ziping-profile\",", 1);
    assert_ne!(reordered, v.to_string());
    assert_eq!(
        Profile::from_json(&reordered).unwrap().fingerprint(),
        a.fingerprint()
    );
    // Any change of what it says gives another.
    assert_ne!(local("85").fingerprint(), a.fingerprint());
    // Built-in profiles each have their own.
    let builtins = Profile::builtins();
    for p in &builtins {
        assert!(p.fingerprint().starts_with("fnv1a64:"));
        assert_eq!(
            builtins
                .iter()
                .filter(|q| q.fingerprint() == p.fingerprint())
                .count(),
            1
        );
    }
}

#[test]
fn a_new_form_records_its_profile_and_is_not_flagged() {
    let p = local("90");
    let form = p.blank_form();
    assert_eq!(form.profile_hash, p.fingerprint());
    assert!(changed(&form, &p).is_empty());
    // The fingerprint is written and read back.
    let again = read_form(&to_json(&form)).unwrap();
    assert_eq!(again.profile_hash, p.fingerprint());
    assert!(to_json(&form).contains(&format!("\"profile_hash\": \"{}\"", p.fingerprint())));
}

#[test]
fn a_form_without_a_fingerprint_is_read_as_before() {
    let p = Profile::builtin("jinzhong-2021").unwrap();
    let form = read_form(include_str!(
        "../../../examples/jinzhong-2021-traffic-police.json"
    ))
    .unwrap();
    assert!(form.profile_hash.is_empty());
    assert!(changed(&form, &p).is_empty());
    assert!(!to_json(&form).contains("profile_hash"));
}

#[test]
fn a_form_scored_with_another_version_of_its_profile_is_flagged_at_profile() {
    let theirs = local("85");
    let ours = local("90");
    let form = theirs.blank_form();
    let found = changed(&form, &ours);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.path, FieldPath::Profile);
    assert!(f.message.zh.contains("jinzhong-local"), "{}", f.message.zh);
    assert!(
        f.message.zh.contains(theirs.fingerprint()),
        "{}",
        f.message.zh
    );
    assert!(
        f.message.en.contains(ours.fingerprint()),
        "{}",
        f.message.en
    );
    assert_eq!(
        f.basis_text().en,
        "published self-evaluation forms: the numbers of a form follow the profile it is filled in with"
    );
    // A fingerprint that is not one (hand-written, hostile) is quoted short and visible.
    let mut odd = form.clone();
    odd.profile_hash = format!("x\u{202e}{}", "长".repeat(1000));
    let found = changed(&odd, &ours);
    assert!(
        found[0].message.zh.contains("x⟨U+202E⟩"),
        "{}",
        found[0].message.zh
    );
    assert!(found[0].message.zh.chars().count() < 300);
}

#[test]
fn the_desk_flags_a_form_scored_with_a_profile_other_than_the_one_it_names() {
    let mut registry = Registry::new();
    registry.add(local("90")).unwrap();
    let theirs = to_json(&local("85").blank_form());
    let same = to_json(&local("90").blank_form());
    let flagged = |text: &str| {
        let row = review(open("unit.json", text.as_bytes(), &registry).unwrap());
        row.findings
            .iter()
            .any(|f| f.code == FindingCode::ProfileChanged)
    };
    assert!(flagged(&theirs));
    assert!(!flagged(&same));
}
