//! Text from a form or a profile never becomes a formula in a workbook: hostile text (the OWASP
//! CSV-injection payloads, pieces that close a string literal inside a formula) in a form's header,
//! rows and narratives, in file names on the review desk, and as a profile's grade names, is written
//! as text. LibreOffice recalculates each workbook and every such cell shows the text itself — no
//! link, no sum, no error — while the grade formulas give the hostile grade names back exactly.

mod common;

use common::{recalculated, recalculated_sheet};
use std::path::Path;
use ziping_engine::review::review;
use ziping_engine::{evaluate, read_form, Form, Profile, Registry};

fn payloads() -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/hostile/payloads.json")).unwrap();
    v["payloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

/// The Jinzhong profile with hostile grade names (those a profile may hold: no control characters).
fn hostile_profile() -> Profile {
    let src = include_str!("../../engine/src/profile/builtin/jinzhong-2021.json");
    let mut v: serde_json::Value = serde_json::from_str(src).unwrap();
    v["id"] = "hostile-grades".into();
    let names = [
        "优\"&HYPERLINK(\"http://example.invalid/\"&C3,\"点此核对\")&\"",
        "良\"",
        "=2+2",
        "@SUM(1+1)*cmd|' /C calc'!A0",
    ];
    for (g, name) in v["grades"].as_array_mut().unwrap().iter_mut().zip(names) {
        g["grade"] = name.into();
    }
    Profile::from_json(&v.to_string()).unwrap_or_else(|p| panic!("{p:?}"))
}

fn seed() -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/jinzhong-2021-traffic-police.json");
    read_form(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Whether the sheet shows `text` in a cell, as it is (LibreOffice's CSV keeps tabs and carriage
/// returns inside quoted cells).
fn shows(sheet: &[Vec<String>], text: &str) -> bool {
    sheet.iter().flatten().any(|c| c == text)
}

/// No cell shows what a hostile formula would have made of itself (a link's text, an error); that
/// each hostile text shows as itself is checked where it was put.
fn nothing_ran(sheet: &[Vec<String>]) {
    for made in ["点击核对", "点此核对", "#NAME?", "Err:508", "#VALUE!"] {
        assert!(!shows(sheet, made), "a cell shows {made:?}: a formula ran");
    }
}

#[test]
fn hostile_text_in_a_form_and_its_profile_is_text_in_the_form_workbook() {
    let p = payloads();
    let profile = hostile_profile();
    let mut form = seed();
    form.profile = profile.id.clone();
    form.header.project = p[0].clone();
    form.header.unit = p[1].clone();
    form.header.department = p[2].clone();
    form.narratives.insert("overview".into(), p[3].clone());
    form.declared.grade = p[11].clone();
    let level3: Vec<usize> = (0..form.indicators.len())
        .filter(|&i| form.indicators[i].level == 3)
        .collect();
    for (k, &i) in level3.iter().enumerate() {
        form.indicators[i].name = p[(k + 4) % p.len()].clone();
    }
    let ev = evaluate(&form, &profile);
    let grade = ev.grade.as_ref().map(|g| g.grade.clone()).unwrap();
    assert_eq!(
        grade,
        "优\"&HYPERLINK(\"http://example.invalid/\"&C3,\"点此核对\")&\""
    );
    let xlsx = ziping_xlsx::form_workbook(&form, &profile, &ev).unwrap();
    let sheet = recalculated(&xlsx, "hostile-form");
    nothing_ran(&sheet);
    for text in [&p[0], &p[1], &p[2], &p[3], &p[11]] {
        assert!(shows(&sheet, text), "{text:?} is not shown as itself");
    }
    for &i in &level3 {
        assert!(
            shows(&sheet, &form.indicators[i].name),
            "row {i}: {:?}",
            form.indicators[i].name
        );
    }
    // The grade formula gives the hostile grade name back, character for character.
    assert!(
        shows(&sheet, &grade),
        "the computed grade {grade:?} is not shown"
    );
}

#[test]
fn hostile_file_names_projects_and_grades_are_text_in_the_review_summary() {
    let p = payloads();
    let profile = hostile_profile();
    let mut registry = Registry::new();
    registry.add(profile.clone()).unwrap();
    let mut rows = Vec::new();
    for (k, text) in p.iter().enumerate() {
        let mut form = seed();
        form.profile = profile.id.clone();
        form.header.project = text.clone();
        form.header.unit = p[(k + 1) % p.len()].clone();
        // Half of the forms spend less: another grade.
        if k % 2 == 1 {
            form.funds.rows[0].figures.spent = Some(rust_decimal::Decimal::from(100));
        }
        let json = ziping_engine::to_json(&form);
        let o = ziping_engine::open(text, json.as_bytes(), &registry).unwrap();
        rows.push(review(o));
    }
    let refs: Vec<_> = rows.iter().collect();
    let xlsx = ziping_xlsx::summary_workbook(&refs, &[]).unwrap();
    let sheet = recalculated_sheet(&xlsx, "hostile-summary", 1);
    nothing_ran(&sheet);
    for text in &p {
        assert!(shows(&sheet, text), "{text:?} is not shown as itself");
    }
    // The grade distribution counts each hostile grade exactly (not as a pattern or a condition).
    for g in rows
        .iter()
        .map(|r| r.grade.clone())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let n = rows.iter().filter(|r| r.grade == g).count();
        let row = sheet
            .iter()
            .rev()
            .find(|r| r.first() == Some(&g))
            .unwrap_or_else(|| panic!("no distribution row for {g:?}"));
        assert_eq!(row[1], n.to_string(), "{g:?}");
    }
}

#[test]
fn hostile_text_in_the_summary_csv_starts_with_an_apostrophe_and_numbers_stay_numbers() {
    let p = payloads();
    let registry = Registry::new();
    let mut rows = Vec::new();
    for text in &p {
        let mut form = seed();
        form.header.project = text.clone();
        form.header.unit = text.clone();
        let json = ziping_engine::to_json(&form);
        rows.push(review(
            ziping_engine::open(text, json.as_bytes(), &registry).unwrap(),
        ));
    }
    let refs: Vec<_> = rows.iter().collect();
    let csv = ziping_outputs::summary_csv(&refs);
    let table = common::parse_csv(csv.trim_start_matches('\u{feff}'));
    let formula_like = |c: &str| c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for (line, text) in table[1..].iter().zip(&p) {
        // File, project and unit (the last two trimmed): the hostile text, made inert when it
        // looks like a formula.
        let inert = |t: &str| {
            if formula_like(t) {
                format!("'{t}")
            } else {
                t.to_string()
            }
        };
        assert_eq!(line[0], inert(text), "the file name {text:?}");
        assert_eq!(line[1], inert(text.trim()), "the project {text:?}");
        assert_eq!(line[2], inert(text.trim()), "the unit {text:?}");
        // The difference is a number the engine wrote, negative here: no apostrophe.
        assert_eq!(line[9], "0.00");
    }
    // Every cell of the file that starts like a formula is one of the numbers.
    for cell in table.iter().flatten() {
        if formula_like(cell) {
            assert!(
                cell.parse::<f64>().is_ok(),
                "a live formula in the CSV: {cell:?}"
            );
        }
    }
}

#[test]
fn a_text_too_long_for_a_cell_is_named_and_the_summary_writes_every_other_form() {
    let mut long = seed();
    long.narratives
        .insert("overview".into(), "长".repeat(40_000));
    let profile = Profile::builtin(&long.profile).unwrap();
    let ev = evaluate(&long, &profile);
    let e = ziping_xlsx::form_workbook(&long, &profile, &ev).unwrap_err();
    assert!(
        e.0.zh
            .contains("有 40000 个字符，超过 Excel 单元格的上限 32767"),
        "{}",
        e.0.zh
    );
    assert!(
        e.0.zh.starts_with("“项目概况”"),
        "the field as the form names it: {}",
        e.0.zh
    );
    assert!(e.0.en.contains("40000 characters"), "{}", e.0.en);
    // The desk's summary of it and the seed: the seed in the table, the long one listed apart.
    let registry = Registry::new();
    let rows: Vec<_> = [("seed.json", seed()), ("long.json", long)]
        .into_iter()
        .map(|(name, f)| {
            review(
                ziping_engine::open(name, ziping_engine::to_json(&f).as_bytes(), &registry)
                    .unwrap(),
            )
        })
        .collect();
    let refs: Vec<_> = rows.iter().collect();
    let out = ziping_xlsx::left_out(&refs);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].file, "long.json");
    assert_eq!(out[0].problems[0].path.to_string(), "narratives.overview");
    let xlsx = ziping_xlsx::summary_workbook(&refs, &[]).unwrap();
    let table = recalculated_sheet(&xlsx, "long-table", 1);
    assert!(shows(&table, "seed.json") && !shows(&table, "long.json"));
    let apart = recalculated_sheet(&xlsx, "long-apart", 3);
    assert!(
        shows(&apart, "long.json") && shows(&apart, "narratives.overview"),
        "{apart:?}"
    );
}
