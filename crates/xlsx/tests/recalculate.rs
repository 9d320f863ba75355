//! The form workbook recalculated by LibreOffice (headless) holds the engine's numbers, and keeps
//! holding them after an input is changed in the sheet: the formulas follow the engine's rules.
//!
//! Needs `soffice` (Debian `libreoffice-calc`, installed by `tools/setup.sh test`).

mod common;

use common::recalculated;
use std::io::{Read, Write};
use std::path::Path;
use ziping_engine::model::{Form, FundsColumn};
use ziping_engine::{evaluate, read_form, Evaluation, Profile};
use ziping_xlsx::form_workbook;

fn example(name: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    read_form(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn eval(form: &Form) -> (Profile, Evaluation) {
    let profile = Profile::builtin(&form.profile).unwrap();
    let ev = evaluate(form, &profile);
    (profile, ev)
}

/// The last non-empty cell of the first row whose first non-empty cell is `label`.
fn value_after(sheet: &[Vec<String>], label: &str) -> String {
    sheet
        .iter()
        .find(|r| r.iter().find(|c| !c.is_empty()).is_some_and(|c| c == label))
        .and_then(|r| r.iter().rev().find(|c| !c.is_empty()).cloned())
        .unwrap_or_else(|| panic!("no row labelled {label} in {sheet:#?}"))
}

/// Every number the engine shows for the summary: block subtotals, total, grade.
fn assert_matches_engine(sheet: &[Vec<String>], ev: &Evaluation) {
    // The summary starts at its 评价内容 heading (block names also head the scoring table).
    let start = sheet
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "评价内容"))
        .expect("a summary headed 评价内容");
    let sheet = &sheet[start..];
    for b in &ev.blocks {
        assert_eq!(
            value_after(sheet, &b.name.zh),
            b.score.shown(),
            "block {}",
            b.id
        );
    }
    assert_eq!(value_after(sheet, "总分"), ev.total.shown());
    assert_eq!(
        value_after(sheet, "评价等次"),
        ev.grade
            .as_ref()
            .map(|g| g.grade.clone())
            .unwrap_or_default()
    );
}

fn sheet_xml(xlsx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Rewrites the number of one cell in the workbook's sheet XML, as a person editing the cell would.
fn with_cell(xlsx: &[u8], find: &str, replace: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut replaced = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data).unwrap();
            replaced = text.matches(find).count();
            data = text.replacen(find, replace, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    assert_eq!(replaced, 1, "{find} must be in the sheet exactly once");
    out.finish().unwrap().into_inner()
}

#[test]
fn the_seed_recalculated_equals_the_engine_and_follows_a_changed_amount() {
    let form = example("jinzhong-2021-traffic-police.json");
    let (profile, ev) = eval(&form);
    assert_eq!(ev.total.shown(), "97.66");
    let xlsx = form_workbook(&form, &profile, &ev).unwrap();
    let sheet = recalculated(&xlsx, "seed");
    assert_matches_engine(&sheet, &ev);
    assert_eq!(value_after(&sheet, "总分"), "97.66");
    assert_eq!(value_after(&sheet, "评价等次"), "优");
    // The funds total row (SUM of the sources) as the engine shows it.
    let total_row = sheet
        .iter()
        .find(|r| {
            r.first()
                .is_some_and(|c| c == &profile.funds.total_label.zh)
        })
        .unwrap();
    assert!(total_row.contains(&ev.funds.spent.as_ref().unwrap().shown()));

    // Spend more of the budget on the first source: the execution score, the block and the total move.
    let mut changed = form.clone();
    let row = changed
        .funds
        .rows
        .iter_mut()
        .find(|r| r.figures.spent.is_some())
        .unwrap();
    let old = row.figures.get(FundsColumn::Spent).unwrap();
    let new = old + rust_decimal::Decimal::new(30000, 2);
    row.figures.spent = Some(new);
    let (_, ev2) = eval(&changed);
    assert_ne!(
        ev2.total.shown(),
        ev.total.shown(),
        "the change must move the total"
    );
    let edited = with_cell(
        &xlsx,
        &format!("\"><v>{}</v>", old.normalize()),
        &format!("\"><v>{}</v>", new.normalize()),
    );
    let sheet2 = recalculated(&edited, "seed-edited");
    assert_matches_engine(&sheet2, &ev2);
}

#[test]
fn published_forms_recalculated_equal_the_engine() {
    for name in [
        "huoqiu-2022-sci-tech-commissioners.json",
        "guichi-tangxi-2022-commissioned-business.json",
    ] {
        let form = example(name);
        let (profile, ev) = eval(&form);
        let xlsx = form_workbook(&form, &profile, &ev).unwrap();
        let sheet = recalculated(&xlsx, name);
        assert_matches_engine(&sheet, &ev);
    }
}

#[test]
fn a_changed_indicator_actual_rescores_its_row_as_the_engine_does() {
    let form = example("huoqiu-2022-sci-tech-commissioners.json");
    let (profile, ev) = eval(&form);
    let xlsx = form_workbook(&form, &profile, &ev).unwrap();
    // ≥3次 achieved with 3: change the actual to 2 (2 ÷ 3 of the row's weight).
    let mut changed = form.clone();
    let row = changed
        .indicators
        .iter_mut()
        .find(|r| r.target == "≥3次" && r.actual == "3")
        .unwrap();
    row.actual = "2".into();
    let (_, ev2) = eval(&changed);
    assert_ne!(ev2.total.shown(), ev.total.shown());
    // The actual is the cell right of the one showing ≥3次 (the CSV keeps the sheet's rows and columns).
    let sheet = recalculated(&xlsx, "huoqiu");
    let (r, c) = sheet
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|v| v == "≥3次").map(|c| (r, c)))
        .unwrap();
    assert_eq!(sheet[r][c + 1], "3");
    let addr = format!("{}{}", (b'A' + c as u8 + 1) as char, r + 1);
    let xml = sheet_xml(&xlsx);
    let at = xml.find(&format!("<c r=\"{addr}\"")).unwrap();
    let cell = &xml[at..at + xml[at..].find("</c>").unwrap() + 4];
    assert!(
        cell.ends_with("<v>3</v></c>") && !cell.contains("<f>"),
        "{cell}"
    );
    let edited = with_cell(&xlsx, cell, &cell.replace("<v>3</v>", "<v>2</v>"));
    assert_matches_engine(&recalculated(&edited, "huoqiu-edited"), &ev2);
}

#[test]
fn large_forms_with_every_kind_of_value_recalculate_to_the_engine() {
    for (tag, form) in [
        ("large", ziping_engine::sample::large_form(60)),
        ("gaps", ziping_engine::sample::large_form_with_gaps(61)),
    ] {
        let (profile, ev) = eval(&form);
        let xlsx = form_workbook(&form, &profile, &ev).unwrap();
        assert_matches_engine(&recalculated(&xlsx, tag), &ev);
    }
}

#[test]
fn a_form_with_errors_says_so_on_its_face_and_one_without_does_not() {
    let form = example("jinzhong-2021-traffic-police.json");
    let (profile, ev) = eval(&form);
    let errors = ev.counts.errors;
    assert!(errors > 0, "the seed states 差 for 97.66");
    let sheet = recalculated(&form_workbook(&form, &profile, &ev).unwrap(), "unchecked");
    assert_eq!(errors, 1, "grade.contradicts_total");
    assert_eq!(sheet[1][0], "未通过核查：1 个错误（Not checked: 1 error）");
    // With the stated grade made right there is no error, and no such line.
    let mut right = form.clone();
    right.declared.grade = "优".into();
    let (_, ev2) = eval(&right);
    assert_eq!(ev2.counts.errors, 0, "{:?}", ev2.findings);
    let sheet2 = recalculated(&form_workbook(&right, &profile, &ev2).unwrap(), "checked");
    assert!(sheet2
        .iter()
        .all(|r| !r.iter().any(|c| c.starts_with("未通过核查"))));
    assert_matches_engine(&sheet2, &ev2);
}

#[test]
fn each_funds_row_rate_is_a_formula_of_its_own_cells() {
    // 部门整体: 基本支出 150 of 200 (75.00%), 项目支出 with no budget ("—" on the page, blank here).
    let profile = Profile::builtin("department-wide").unwrap();
    let mut form = profile.blank_form();
    form.header.project = "部门整体".into();
    form.funds.rows[0].figures.budget = Some(200.into());
    form.funds.rows[0].figures.spent = Some(150.into());
    form.funds.rows[1].figures.spent = Some(0.into());
    let ev = evaluate(&form, &profile);
    let xlsx = form_workbook(&form, &profile, &ev).unwrap();
    let sheet = recalculated(&xlsx, "row-rates");
    let row = |label: &str| {
        sheet
            .iter()
            .find(|r| r.iter().find(|c| !c.is_empty()).map(String::as_str) == Some(label))
            .cloned()
            .unwrap_or_else(|| panic!("no row {label}: {sheet:?}"))
    };
    assert!(
        row("基本支出").iter().any(|c| c == "75.00%"),
        "{:?}",
        row("基本支出")
    );
    assert!(
        !row("项目支出").iter().any(|c| c.ends_with('%')),
        "{:?}",
        row("项目支出")
    );
    let total = row(&profile.funds.total_label.zh);
    assert!(total.iter().any(|c| c == "75.00%"), "{total:?}");
}

#[test]
fn bands_as_rules_write_them_and_per_occurrence_deductions_recalculate_to_the_engine() {
    // 部门整体 with 预算完成率 banded as its rule writes it ("高于90%", "80%-90%（含）", "80%（含）以下":
    // ends left out and taken in) and 三公经费 at 0.5 per occurrence, at the bands' ends.
    let profile = Profile::from_json(
        r#"{"format": "ziping-profile", "extends": "department-wide", "id": "dw-rules",
            "name": {"zh": "部门整体（按细则分档）"},
            "blocks": [{"id": "management", "rows": [
              {"id": "budget_completion", "method": {"kind": "banded", "bands": [
                {"when": "高于90%", "points": "5"}, {"when": "80%-90%（含）", "points": "4"},
                {"when": "80%（含）以下", "points": "0"}]}},
              {"id": "three_public", "method": {"kind": "per_count", "per": "0.5", "floor": "0"}}]}]}"#,
    )
    .unwrap();
    for (i, (completion, count)) in [("90%", "3次"), ("80%", "7次"), ("100%", "0")]
        .into_iter()
        .enumerate()
    {
        let mut form = profile.blank_form();
        form.header.project = "部门整体".into();
        for (row, actual) in [("budget_completion", completion), ("three_public", count)] {
            form.scores.entry(row.into()).or_default().actual = actual.into();
        }
        let ev = evaluate(&form, &profile);
        let xlsx = form_workbook(&form, &profile, &ev).unwrap();
        let sheet = recalculated(&xlsx, &format!("bands-{i}"));
        assert_matches_engine(&sheet, &ev);
        let score = |id: &str| {
            ev.blocks
                .iter()
                .flat_map(|b| &b.rows)
                .find(|r| r.id == id)
                .unwrap()
                .score
                .shown()
        };
        for (id, name) in [
            ("budget_completion", "预算完成率"),
            ("three_public", "“三公经费”控制率"),
        ] {
            let row = sheet
                .iter()
                .find(|r| r.iter().any(|c| c == name))
                .unwrap_or_else(|| panic!("no row {name}: {sheet:?}"));
            assert!(
                row.iter().any(|c| *c == score(id)),
                "{name}: {row:?} vs {}",
                score(id)
            );
        }
    }
}

#[test]
fn a_coefficient_row_recalculates_to_coefficient_times_weight() {
    let profile = Profile::from_json(
        r#"{"format": "ziping-profile", "extends": "department-wide", "id": "dw-columns",
            "name": {"zh": "部门整体（含指标类型、核心指标、得分系数）"},
            "indicators": {"nature_column": true, "core_column": true, "coefficient_column": true}}"#,
    )
    .unwrap();
    let mut form = profile.blank_form();
    form.header.project = "部门整体".into();
    let mut row = ziping_engine::model::IndicatorRow {
        id: "r".into(),
        level: 3,
        name: "政策宣传覆盖率".into(),
        target: "≥90%".into(),
        actual: "95%".into(),
        weight: Some(30.into()),
        coefficient: "85%".into(),
        nature: "定量".into(),
        core: true,
        ..Default::default()
    };
    let at = form
        .indicators
        .iter()
        .position(|r| r.level == 1 && r.block == "output")
        .unwrap();
    form.indicators.insert(at + 1, row.clone());
    let ev = evaluate(&form, &profile);
    let xlsx = form_workbook(&form, &profile, &ev).unwrap();
    let sheet = recalculated(&xlsx, "coefficient");
    assert_matches_engine(&sheet, &ev);
    let line = sheet
        .iter()
        .find(|r| r.iter().any(|c| c == "政策宣传覆盖率"))
        .unwrap();
    assert!(line.iter().any(|c| c == "25.50"), "85% × 30: {line:?}");
    assert!(
        line.iter().any(|c| c == "定量") && line.iter().any(|c| c == "是"),
        "{line:?}"
    );
    // Without a coefficient the row is scored from its values, in the sheet as on the page.
    row.coefficient.clear();
    form.indicators[at + 1] = row;
    let ev = evaluate(&form, &profile);
    let sheet = recalculated(
        &form_workbook(&form, &profile, &ev).unwrap(),
        "coefficient-none",
    );
    assert_matches_engine(&sheet, &ev);
}
