//! Strict, all-or-nothing reading: every problem is reported with its path, and nothing is loaded.

use ziping_engine::read_form;

fn problems(text: &str) -> Vec<(String, String)> {
    match read_form(text) {
        Ok(_) => panic!("the file should be refused: {text}"),
        Err(p) => p
            .into_iter()
            .map(|p| (p.path.to_string(), p.message.en))
            .collect(),
    }
}

fn has(ps: &[(String, String)], path: &str, words: &str) -> bool {
    ps.iter().any(|(p, m)| p == path && m.contains(words))
}

const HEAD: &str = r#""format": "ziping-form", "schema_version": 1, "profile": "central-2020""#;

#[test]
fn every_problem_is_reported_with_its_path() {
    let text = format!(
        r#"{{{HEAD}, "colour": "red",
            "header": {{"project": 12, "year": "2022"}},
            "funds": {{"rows": [{{"source": "本年财政拨款", "budget": 89.974, "spent": "1e3"}}]}},
            "indicators": [
                {{"id": "r1", "level": 1, "name": "产出指标", "block": "output"}},
                {{"id": "r1", "level": 4, "name": "重复", "weight": "NaN", "not_applicable": "yes"}},
                {{"level": 3, "name": "无编号", "method": "guess"}}
            ],
            "status": "done",
            "declared": {{"total": "1000000000000000", "grade": "优", "blocks": {{"output": "50.123456789012"}}}}
        }}"#
    );
    let ps = problems(&text);
    for (path, words) in [
        ("colour", "unknown field"),
        ("header.project", "must be text"),
        ("funds.rows[0].budget", "must be written as text"),
        ("funds.rows[0].spent", "is not a number"),
        ("indicators[1].id", "repeated"),
        ("indicators[1].level", "must be 1, 2 or 3"),
        ("indicators[1].weight", "is not a number"),
        ("indicators[1].not_applicable", "true or false"),
        ("indicators[2].id", "missing"),
        (
            "indicators[2].method",
            "must be auto, qualitative or manual",
        ),
        ("status", "must be \"draft\" or \"final\""),
        ("declared.total", "out of range"),
        ("declared.blocks.output", "too many decimals"),
    ] {
        assert!(has(&ps, path, words), "missing {path}: {words}\n{ps:#?}");
    }
    assert_eq!(ps.len(), 13, "{ps:#?}");
}

#[test]
fn a_repeated_key_is_refused_with_its_path() {
    let ps = problems(&format!(
        r#"{{{HEAD}, "header": {{"project": "甲", "project": "乙"}}}}"#
    ));
    assert_eq!(
        ps,
        [(
            "header.project".to_string(),
            "this field is written twice: it is not clear which one holds".to_string()
        )]
    );
}

#[test]
fn broken_json_names_its_line_and_column() {
    let ps = problems("{\n  \"format\": \"ziping-form\",\n  \"schema_version\": 1,\n");
    assert_eq!(ps.len(), 1);
    assert!(ps[0].0.starts_with("line 4"), "{ps:?}");
    assert!(ps[0].1.starts_with("not valid JSON"));
}

#[test]
fn format_and_version_are_checked_first() {
    assert!(has(
        &problems(r#"{"format": "other", "schema_version": 1, "profile": "x"}"#),
        "format",
        "not a Ziping form file"
    ));
    let newer = format!(
        r#"{{"format": "ziping-form", "schema_version": {}, "profile": "x"}}"#,
        ziping_engine::format::SCHEMA_VERSION + 1
    );
    assert!(has(
        &problems(&newer),
        "schema_version",
        "newer than this Ziping supports"
    ));
    assert!(has(
        &problems(r#"{"format": "ziping-form", "profile": "x"}"#),
        "schema_version",
        "missing"
    ));
    assert!(has(&problems(r#"[1, 2]"#), "", "one JSON object"));
}

#[test]
fn files_above_20_mb_are_refused_before_parsing() {
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(21 * 1024 * 1024));
    let ps = problems(&big);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].1.contains("above the 2 MB limit"), "{ps:?}");
}

#[test]
fn empty_strings_read_as_absent_and_typed_text_is_kept_exactly() {
    let text = format!(
        r#"{{{HEAD}, "indicators": [{{"id": "a", "level": 3, "name": " 名称 ", "target": "≥50个 ", "weight": ""}}]}}"#
    );
    let form = read_form(&text).unwrap();
    assert_eq!(form.indicators[0].target, "≥50个 ");
    assert_eq!(form.indicators[0].name, " 名称 ");
    assert_eq!(form.indicators[0].weight, None);
}

#[test]
fn a_repeated_key_is_reported_with_every_other_problem() {
    let text = format!(
        r#"{{{HEAD}, "narratives": {{"other": "a", "other": "b"}}, "funds": {{"rows": [{{"budget": 3}}]}}, "colour": 1}}"#
    );
    let ps = problems(&text);
    assert!(has(&ps, "narratives.other", "written twice"), "{ps:?}");
    assert!(
        has(&ps, "funds.rows[0].budget", "must be written as text"),
        "{ps:?}"
    );
    assert!(has(&ps, "colour", "unknown field"), "{ps:?}");
}

#[test]
fn problems_in_chinese_use_chinese_words_for_json_kinds() {
    let ps = read_form(&format!(r#"{{{HEAD}, "declared": {{"grade": 3}}}}"#)).unwrap_err();
    assert_eq!(ps[0].path, "declared.grade");
    assert_eq!(ps[0].message.zh, "应为文本，实际为 数字");
}
