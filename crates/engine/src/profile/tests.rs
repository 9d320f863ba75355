use super::*;

/// A built-in profile's file, parsed, to be spoilt.
fn source(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn central() -> serde_json::Value {
    source(include_str!("builtin/central-2020.json"))
}

fn reject(v: serde_json::Value) -> Vec<crate::Problem> {
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

/// A built-in profile with one value changed is rejected with, among its problems, one at the path
/// of what is wrong whose English message says so.
#[test]
fn weights_and_bands_that_do_not_fit_are_rejected_at_their_path() {
    let jinzhong = source(include_str!("builtin/jinzhong-2021.json"));
    let department_wide = source(include_str!("builtin/department-wide.json"));
    // (profile, the value changed, its new value, the problem's path, words of its message)
    for (mut v, pointer, value, path, words) in [
        // Block weights not summing to 100.
        (central(), "/blocks/1/weight", "45", "blocks", "sum to 95"),
        // Fixed rows not summing to their block.
        (
            jinzhong,
            "/blocks/0/rows/0/weight",
            "5",
            "blocks[0].rows",
            "sum to 22",
        ),
        // Overlapping grade bands.
        (central(), "/grades/1/min", "95", "grades[1]", "overlaps"),
        // A grade scale not starting at zero.
        (central(), "/grades/3/min", "10", "grades", "start at 0"),
        // Overlapping banded tables.
        (
            department_wide,
            "/blocks/1/rows/0/method/bands/1/max",
            "95",
            "blocks[1].rows[0].method.bands[1]",
            "overlaps",
        ),
    ] {
        *v.pointer_mut(pointer).expect(pointer) = value.into();
        let problems = reject(v);
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.en.contains(words)),
            "{pointer} = {value}: {problems:?}"
        );
    }
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

// ---------------------------------------------------------------------------------------------
// Reading: the structure of the file, before validation
// ---------------------------------------------------------------------------------------------

/// The built-in profile `id` as exported, to be spoilt.
fn builtin_json(id: &str) -> serde_json::Value {
    serde_json::from_str(&Profile::builtin(id).unwrap().to_json()).unwrap()
}

/// (path, English message) of every problem of the text.
fn problems_of_text(text: &str) -> Vec<(String, String)> {
    Profile::from_json(text)
        .expect_err("the profile should be rejected")
        .into_iter()
        .map(|p| {
            assert!(
                !p.message.zh.is_empty() && !p.message.en.is_empty(),
                "{p:?}"
            );
            (p.path.to_string(), p.message.en)
        })
        .collect()
}

/// Checks that the text gives exactly `expected` problems, in order: each path equal, each English
/// message containing the text given for it.
fn assert_problems_of_text(text: &str, expected: &[(&str, &str)]) {
    let got = problems_of_text(text);
    let matches = got.len() == expected.len()
        && got
            .iter()
            .zip(expected)
            .all(|((path, message), (want_path, words))| {
                path == want_path && message.contains(words)
            });
    assert!(matches, "expected {expected:#?}\ngot {got:#?}");
}

fn assert_problems(v: serde_json::Value, expected: &[(&str, &str)]) {
    assert_problems_of_text(&v.to_string(), expected);
}

/// Whether `export` holds every field of `source` with the same value, and each field that `source`
/// leaves out with its empty value (false, "", no items, empty text).
fn covers(
    export: &serde_json::Value,
    source: &serde_json::Value,
    path: &str,
) -> Result<(), String> {
    use serde_json::Value;
    fn empty(v: &Value) -> bool {
        match v {
            Value::Bool(b) => !b,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(m) => m.values().all(empty),
            _ => false,
        }
    }
    match (export, source) {
        (Value::Object(e), Value::Object(s)) => {
            for (k, v) in s {
                let inner = format!("{path}.{k}");
                covers(e.get(k).ok_or(format!("{inner} is lost"))?, v, &inner)?;
            }
            match e.iter().find(|(k, v)| !s.contains_key(*k) && !empty(v)) {
                Some((k, v)) => Err(format!("{path}.{k} is {v}, not empty, in the export")),
                None => Ok(()),
            }
        }
        (Value::Array(e), Value::Array(s)) if e.len() == s.len() => e
            .iter()
            .zip(s)
            .enumerate()
            .try_for_each(|(i, (e, s))| covers(e, s, &format!("{path}[{i}]"))),
        _ if export == source => Ok(()),
        _ => Err(format!(
            "{path} is {export} in the export, {source} in the file"
        )),
    }
}

#[test]
fn builtin_exports_hold_every_field_of_their_files_and_empty_defaults() {
    for src in BUILTIN_SOURCES {
        let p = Profile::from_json(src).unwrap();
        let export: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        let source: serde_json::Value = serde_json::from_str(src).unwrap();
        if let Err(e) = covers(&export, &source, &p.id) {
            panic!("{e}");
        }
    }
}

#[test]
fn builtin_profiles_read_their_known_values() {
    let p = Profile::builtin("department-wide").unwrap();
    assert_eq!(p.orientation, Orientation::Landscape);
    assert_eq!(p.sections[0].kind, SectionKind::Header);
    assert_eq!(p.funds.columns[2].column, FundsColumn::Spent);
    assert_eq!(p.funds.default_rows, ["基本支出", "项目支出"]);
    assert_eq!(p.blocks[1].weight, Decimal::from(25));
    assert!(!p.blocks[1].adjustable && !p.blocks[1].from_indicators);
    assert!(p.blocks[2].from_indicators && p.blocks[2].rows.is_empty());
    let (_, row) = p.fixed_row("budget_adjustment").unwrap();
    assert_eq!(
        row.method,
        Method::PerPoint {
            limit: Decimal::from(10),
            deduct_when: DeductWhen::Above,
            per_point: Decimal::new(5, 1),
            floor: Decimal::ZERO,
        }
    );
    let (_, row) = p.fixed_row("budget_completion").unwrap();
    let Method::Banded { bands } = &row.method else {
        panic!("{:?}", row.method)
    };
    assert_eq!(bands[0].min, Some(Decimal::from(90)));
    assert_eq!(bands[0].max, None);
    assert_eq!(bands[1].max, Some(Decimal::from(90)));
    assert_eq!(
        p.fixed_row("procurement").unwrap().1.method,
        Method::Coefficient
    );
    assert_eq!(
        p.thresholds.over_achievement_reason_at,
        Some(Decimal::new(12, 1))
    );
    assert_eq!(p.thresholds.execution_reason_below, None);
    assert!(p.thresholds.reason_below_weight && !p.thresholds.adjustment_reason);

    let p = Profile::builtin("budget10-indicators90").unwrap();
    assert_eq!(p.rounding.places, 2);
    assert!(p.rounding.round_rows);
    assert_eq!(p.rounding.rate_places_before_scoring, None);
    assert_eq!(
        p.thresholds.execution_reason_below,
        Some(Decimal::new(9, 1))
    );
    let deduction = p.local_rules.over_achievement_deduction.as_ref().unwrap();
    assert_eq!(
        (deduction.at, deduction.points),
        (Decimal::new(13, 1), Decimal::from(2))
    );
    assert_eq!(p.local_rules.execution_caps.len(), 4);
    assert_eq!(p.local_rules.execution_caps[3].cap, Decimal::from(59));
    assert_eq!(p.qualitative_bands[0].min, Decimal::new(8, 1));

    let p = Profile::builtin("jinzhong-2021").unwrap();
    assert_eq!(p.rounding.completion_places, 0);
    assert!(p.local_rules.execution_caps.is_empty());
    assert_eq!(p.thresholds, Thresholds::default());
    assert!(p
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .any(|r| r.method == Method::FundsArrival));
}

#[test]
fn every_spelling_the_export_writes_reads_back() {
    let mut p = Profile::builtin("central-2020").unwrap();
    let title = Text::new("标题", "Title");
    let section = |id: &str, kind| Section {
        id: id.into(),
        kind,
        title: title.clone(),
    };
    p.sections = vec![
        section("a", SectionKind::Header),
        section("b", SectionKind::Funds),
        section("c", SectionKind::Narrative),
        section("d", SectionKind::Indicators),
        section("e", SectionKind::Scoring),
        section("f", SectionKind::Evaluators),
        section("g", SectionKind::Signoff),
    ];
    p.funds.columns = FundsColumn::ALL
        .iter()
        .map(|&column| FundsColumnLayout {
            column,
            title: title.clone(),
        })
        .collect();
    let per_point = |deduct_when| Method::PerPoint {
        limit: Decimal::from(10),
        deduct_when,
        per_point: Decimal::ONE,
        floor: Decimal::ZERO,
    };
    let band = ScoreBand {
        min: None,
        max: Some(Decimal::from(90)),
        min_open: false,
        max_closed: false,
        points: Decimal::ONE,
    };
    let methods = [
        Method::FundsExecution,
        Method::FundsArrival,
        Method::Manual,
        Method::Banded { bands: vec![band] },
        per_point(DeductWhen::Above),
        per_point(DeductWhen::Below),
        Method::Coefficient,
        Method::PerCount {
            per: Decimal::ONE,
            floor: Decimal::ZERO,
        },
    ];
    p.blocks[0].rows = methods
        .into_iter()
        .enumerate()
        .map(|(i, method)| FixedRow {
            id: format!("r{i}"),
            group: Text::default(),
            name: title.clone(),
            weight: Decimal::ONE,
            method,
            basis: String::new(),
        })
        .collect();
    p.rounding.rate_places_before_scoring = Some(0);
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        p.orientation = orientation;
        // Read only: these rows do not add up to their block, which validation would refuse.
        assert_eq!(read::read(&p.to_json()), Ok(p.clone()));
    }
}

#[test]
fn unknown_fields_are_refused_at_every_level_with_their_path() {
    let mut v = builtin_json("jinzhong-2021");
    v["colour"] = "red".into();
    v["name"]["fr"] = "Petit".into();
    v["funds"]["columns"][0]["width"] = 3.into();
    v["blocks"][0]["rows"][1]["colour"] = "red".into();
    v["blocks"][0]["rows"][1]["method"]["bands"] = serde_json::json!([]);
    v["rounding"]["mode"] = "half_up".into();
    v["local_rules"]["bonus"] = "1".into();
    assert_problems(
        v,
        &[
            ("colour", "unknown field \"colour\""),
            ("name.fr", "unknown field \"fr\""),
            ("funds.columns[0].width", "unknown field \"width\""),
            ("blocks[0].rows[1].colour", "unknown field \"colour\""),
            // A manual method has no bands: fields of another kind of method are unknown too.
            ("blocks[0].rows[1].method.bands", "unknown field \"bands\""),
            ("rounding.mode", "unknown field \"mode\""),
            ("local_rules.bonus", "unknown field \"bonus\""),
        ],
    );
}

#[test]
fn missing_required_fields_are_refused_and_optional_ones_take_their_defaults() {
    let mut v = central();
    let top = v.as_object_mut().unwrap();
    top.remove("grades");
    top.remove("description");
    v["blocks"][0]["rows"][0]["method"]
        .as_object_mut()
        .unwrap()
        .remove("kind");
    v["qualitative_bands"][0]
        .as_object_mut()
        .unwrap()
        .remove("min");
    v["title"].as_object_mut().unwrap().remove("zh");
    assert_problems(
        v,
        &[
            ("title.zh", "the required field \"zh\" is missing"),
            (
                "blocks[0].rows[0].method.kind",
                "the required field \"kind\" is missing",
            ),
            (
                "qualitative_bands[0].min",
                "the required field \"min\" is missing",
            ),
            ("grades", "the required field \"grades\" is missing"),
        ],
    );

    // The fields that may be left out, left out: the profile reads with their empty values.
    let mut v = central();
    let remove = |v: &mut serde_json::Value, keys: &[&str]| {
        let m = v.as_object_mut().unwrap();
        for key in keys {
            assert!(m.remove(*key).is_some(), "{key} is in the profile");
        }
    };
    remove(&mut v, &["description", "thresholds"]);
    remove(&mut v["funds"], &["shows_score"]);
    remove(&mut v["indicators"], &["reason_column", "default_outline"]);
    remove(&mut v["blocks"][0], &["adjustable", "basis"]);
    remove(&mut v["qualitative_bands"][0], &["phrases"]);
    let p = read::read(&v.to_string()).expect("reads");
    assert_eq!(p.description, Text::default());
    assert_eq!(p.thresholds, Thresholds::default());
    assert!(!p.funds.shows_score);
    assert!(!p.indicators.reason_column);
    assert!(p.indicators.default_outline.is_empty());
    assert!(!p.blocks[0].adjustable && p.blocks[0].basis.is_empty());
    assert!(p.qualitative_bands[0].phrases.is_empty());
}

#[test]
fn wrong_types_are_refused_with_what_was_found() {
    let mut v = central();
    v["name"] = 5.into();
    v["sections"] = serde_json::json!({});
    v["funds"]["default_rows"][1] = 2.into();
    v["indicators"]["scored"] = "true".into();
    v["blocks"][0]["rows"][0]["method"] = serde_json::json!(["funds_execution"]);
    v["grades"][0]["min"] = serde_json::json!(90);
    v["grades"][1]["min"] = serde_json::json!(true);
    v["grades"][2]["grade"] = serde_json::Value::Null;
    assert_problems(
        v,
        &[
            ("name", "must be an object, found a number"),
            ("sections", "must be a list, found an object"),
            ("funds.default_rows[1]", "must be text, found a number"),
            ("indicators.scored", "must be true or false, found text"),
            (
                "blocks[0].rows[0].method",
                "must be an object, found a list",
            ),
            (
                "grades[0].min",
                "the number 90 must be written as text, e.g. \"90\"",
            ),
            (
                "grades[1].min",
                "must be a number written as text, found true/false",
            ),
            ("grades[2].grade", "must be text, found null"),
        ],
    );
}

#[test]
fn decimals_are_read_as_decimal_parse_reads_them() {
    for bad in ["NaN", "1e40", "", "1,000", "12345678901234567890123456789"] {
        let mut v = central();
        v["blocks"][0]["rows"][0]["weight"] = bad.into();
        assert_problems(
            v,
            &[(
                "blocks[0].rows[0].weight",
                &format!("\"{bad}\" is not a number (write it like \"969.94\")"),
            )],
        );
    }
    // Spaces around the digits are allowed, and the places as written are kept.
    let mut v = central();
    v["grades"][1]["min"] = "\u{3000}80.0 ".into();
    let p = Profile::from_json(&v.to_string()).expect("reads");
    assert_eq!(p.grades[1].min.to_string(), "80.0");
}

#[test]
fn counts_are_whole_json_numbers_in_range() {
    let mut v = central();
    v["rounding"]["places"] = serde_json::json!(-1);
    v["rounding"]["percent_places"] = serde_json::json!(2.0);
    v["rounding"]["completion_places"] = "2".into();
    v["rounding"]["rate_places_before_scoring"] = serde_json::json!(4_294_967_296_u64);
    v["indicators"]["default_outline"][0]["level"] = serde_json::json!(256);
    assert_problems(
        v,
        &[
            (
                "indicators.default_outline[0].level",
                "must be a whole number from 1 to 2, found 256",
            ),
            (
                "rounding.places",
                "must be a whole number from 0 to 6, found -1",
            ),
            ("rounding.percent_places", "found 2.0"),
            ("rounding.completion_places", "found \"2\""),
            ("rounding.rate_places_before_scoring", "found 4294967296"),
        ],
    );
    // In range for the type, out of range for a profile: validation says so.
    let mut v = central();
    v["indicators"]["default_outline"][0]["level"] = serde_json::json!(255);
    assert_problems(
        v,
        &[(
            "indicators.default_outline[0].level",
            "preset headings are level 1 or 2",
        )],
    );
}

#[test]
fn unknown_spellings_name_the_allowed_ones() {
    let mut v = builtin_json("department-wide");
    v["orientation"] = "Landscape".into();
    v["sections"][0]["kind"] = "cover".into();
    v["funds"]["columns"][0]["column"] = 1.into();
    v["blocks"][1]["rows"][1]["method"]["deduct_when"] = "over".into();
    v["blocks"][1]["rows"][2]["method"]["kind"] = "lottery".into();
    assert_problems(
        v,
        &[
            ("orientation", "must be \"portrait\" or \"landscape\", found \"Landscape\""),
            (
                "sections[0].kind",
                "must be \"header\", \"funds\", \"narrative\", \"indicators\", \"scoring\", \"evaluators\" or \"signoff\", found \"cover\"",
            ),
            (
                "funds.columns[0].column",
                "must be \"initial\", \"budget\", \"allocated\" or \"spent\", found 1",
            ),
            (
                "blocks[1].rows[1].method.deduct_when",
                "must be \"above\" or \"below\", found \"over\"",
            ),
            (
                "blocks[1].rows[2].method.kind",
                "must be \"funds_execution\", \"funds_arrival\", \"manual\", \"banded\", \"per_point\", \"coefficient\" or \"per_count\", found \"lottery\"",
            ),
        ],
    );
}

#[test]
fn null_means_none_only_where_a_field_is_optional_without_a_value_of_its_own() {
    let mut v = builtin_json("budget10-indicators90");
    let p = Profile::from_json(&v.to_string()).unwrap();
    v["thresholds"]["execution_reason_below"] = serde_json::Value::Null;
    v["local_rules"]["over_achievement_deduction"] = serde_json::Value::Null;
    v["rounding"]["rate_places_before_scoring"] = serde_json::Value::Null;
    let q = Profile::from_json(&v.to_string()).expect("null stands for none");
    assert_eq!(q.thresholds.execution_reason_below, None);
    assert_eq!(q.local_rules.over_achievement_deduction, None);
    assert_eq!(q.rounding, p.rounding);

    let mut v = builtin_json("budget10-indicators90");
    v["description"] = serde_json::Value::Null;
    v["thresholds"]["adjustment_reason"] = serde_json::Value::Null;
    v["local_rules"]["execution_caps"] = serde_json::Value::Null;
    v["blocks"][0]["rows"][0]["basis"] = serde_json::Value::Null;
    assert_problems(
        v,
        &[
            ("description", "must be an object, found null"),
            ("blocks[0].rows[0].basis", "must be text, found null"),
            (
                "thresholds.adjustment_reason",
                "must be true or false, found null",
            ),
            ("local_rules.execution_caps", "must be a list, found null"),
        ],
    );
}

#[test]
fn repeated_keys_are_refused_with_their_paths_with_the_other_problems() {
    let text = central()
        .to_string()
        .replacen("\"grades\":[{", "\"grades\":[{\"min\":\"95\",", 1)
        .replacen('{', "{\"id\":\"x\",\"colour\":\"red\",", 1);
    assert_problems_of_text(
        &text,
        &[
            (
                "grades[0].min",
                "this field is written twice: it is not clear which one holds",
            ),
            ("id", "this field is written twice"),
            ("colour", "unknown field \"colour\""),
        ],
    );
}

#[test]
fn a_file_that_is_not_a_profile_object_is_refused_whole() {
    for text in ["[]", "null", "\"ziping-profile\"", "3"] {
        assert_problems_of_text(text, &[("", "the file must hold one JSON object")]);
    }
    assert_problems_of_text(
        "{\"format\": \"ziping-profile\",\n  \"id\": }",
        &[(
            "line 2, column 9",
            "not valid JSON (line 2, column 9): expected value",
        )],
    );
    // Another kind of file: its format alone is the problem, not each field a profile lacks.
    let form = crate::to_json(&Profile::builtin("central-2020").unwrap().blank_form());
    assert_problems_of_text(
        &form,
        &[(
            "format",
            "format must be \"ziping-profile\", found \"ziping-form\"",
        )],
    );
    let mut v = central();
    v["format"] = serde_json::json!(["ziping-profile"]);
    assert_problems(v, &[("format", "must be text, found a list")]);
}

#[test]
fn validation_runs_only_on_a_profile_that_reads() {
    let mut v = central();
    v["blocks"][1]["weight"] = "45".into();
    v["grades"][1]["min"] = "95".into();
    v["blocks"][0]["rows"][0]["weight"] = serde_json::json!(10);
    assert_problems(
        v,
        &[(
            "blocks[0].rows[0].weight",
            "the number 10 must be written as text",
        )],
    );
}

#[test]
fn a_profile_text_over_the_size_limit_is_refused_before_it_is_parsed() {
    let limit = crate::format::MAX_FILE_BYTES;
    // Over the limit: one problem at the file, even though the text is not JSON at all.
    let over = "x".repeat(limit + 1);
    let problems = Profile::from_json(&over).expect_err("a text over 2 MB is refused");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "");
    assert!(
        problems[0].message.en.contains("above the 2 MB limit"),
        "{}",
        problems[0].message.en
    );
    // At the limit the text is parsed: a valid profile padded with spaces to exactly 2 MB reads.
    let mut at = Profile::builtin("central-2020").unwrap().to_json();
    at.push_str(&" ".repeat(limit - at.len()));
    assert_eq!(at.len(), limit);
    assert!(Profile::from_json(&at).is_ok());
}

/// A change to a profile's file, named, and the path it must be refused at.
type Spoilt = (&'static str, fn(&mut serde_json::Value), &'static str);

#[test]
fn names_that_are_blank_or_hold_what_does_not_show_are_refused_at_their_path() {
    let cases: [Spoilt; 7] = [
        (
            "empty grade",
            |v| v["grades"][0]["grade"] = "".into(),
            "grades[0].grade",
        ),
        (
            "blank grade",
            |v| v["grades"][1]["grade"] = "  ".into(),
            "grades[1].grade",
        ),
        (
            "zero-width space",
            |v| v["grades"][1]["grade"] = "优\u{200b}".into(),
            "grades[1].grade",
        ),
        (
            "bidi override",
            |v| v["blocks"][0]["name"]["zh"] = "投入\u{202e}出产".into(),
            "blocks[0].name.zh",
        ),
        (
            "compatibility ideograph",
            |v| v["name"]["zh"] = "\u{f900}".into(),
            "name.zh",
        ),
        (
            "combining mark",
            |v| v["sections"][0]["title"]["en"] = "Cafe\u{301}".into(),
            "sections[0].title.en",
        ),
        (
            "same once trimmed",
            |v| v["grades"][1]["grade"] = " 优 ".into(),
            "grades[1].grade",
        ),
    ];
    for (what, change, path) in cases {
        let mut v = central();
        change(&mut v);
        let problems = reject(v);
        assert!(
            problems.iter().any(|p| p.path == path),
            "{what}: no problem at {path}: {problems:?}"
        );
    }
    // Shown with what does not show made visible.
    let mut v = central();
    v["grades"][1]["grade"] = "优\u{200b}".into();
    let problems = reject(v);
    let p = problems
        .iter()
        .find(|p| p.path == "grades[1].grade")
        .unwrap();
    assert!(p.message.zh.contains("优⟨U+200B⟩"), "{}", p.message.zh);
}
