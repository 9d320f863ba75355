//! The review summary: the workbook recalculated by LibreOffice shows the table's cells, its foot and
//! the grade distribution; the findings and the unreadable files have sheets of their own; the CSV
//! opens in Excel with Chinese intact (UTF-8 byte-order mark).

mod common;

use common::{parse_csv, recalculated_sheet};
use std::path::Path;
use ziping_engine::review::{foot, review, Column, Reviewed};
use ziping_engine::{Registry, Unreadable};
use ziping_outputs::summary_csv;
use ziping_xlsx::summary_workbook;

/// A file read through the intake, as a row of the summary.
fn review_text(file: &str, text: &str) -> Result<Reviewed, Unreadable> {
    ziping_engine::open(file, text.as_bytes(), &Registry::new()).map(review)
}

fn batch() -> (Vec<Reviewed>, Vec<Unreadable>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for name in [
        "jinzhong-2021-traffic-police.json",
        "huoqiu-2022-sci-tech-commissioners.json",
        "guichi-tangxi-2022-commissioned-business.json",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        rows.push(review_text(name, &text).unwrap());
    }
    // A large generated form too: many findings, no declared total.
    let big = ziping_engine::to_json(&ziping_engine::sample::large_form_with_gaps(40));
    rows.push(review_text("large.json", &big).unwrap());
    bad.push(review_text("broken.json", "{\"format\": ").unwrap_err());
    (rows, bad)
}

#[test]
fn the_summary_workbook_recalculated_holds_the_table_and_its_foot() {
    let (rows, bad) = batch();
    let refs: Vec<&Reviewed> = rows.iter().collect();
    let xlsx = summary_workbook(&refs, &bad).unwrap();
    let sheet = recalculated_sheet(&xlsx, "summary", 1);
    let head: Vec<String> = Column::ALL.iter().map(|c| c.heading().zh).collect();
    assert_eq!(&sheet[0][..head.len()], head.as_slice());
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(
            &sheet[k + 1][..12],
            r.cells().as_slice(),
            "row of {}",
            r.file
        );
    }
    let seed = &sheet[1];
    assert_eq!((seed[5].as_str(), seed[6].as_str()), ("97.66", "差"));
    assert_eq!((seed[7].as_str(), seed[8].as_str()), ("97.66", "优"));
    let ft = foot(refs.iter().copied());
    let sum_row = &sheet[rows.len() + 1];
    assert_eq!(sum_row[0], "合计");
    assert_eq!(sum_row[7], ziping_engine::decimal::fixed(ft.total_sum, 2));
    assert_eq!(sum_row[10], ft.errors.to_string());
    let avg_row = &sheet[rows.len() + 2];
    assert_eq!(avg_row[0], "平均");
    assert_eq!(
        avg_row[7],
        ziping_engine::decimal::fixed(ft.total_average.unwrap(), 2)
    );
    assert_eq!(
        avg_row[5],
        ziping_engine::decimal::fixed(ft.declared_average.unwrap(), 2)
    );
    // The distribution, counted by COUNTIF over the computed grades.
    let dist_at = sheet.iter().position(|r| r[0] == "等次分布").unwrap();
    let you = sheet[dist_at + 1..].iter().find(|r| r[0] == "优").unwrap();
    let expected = rows.iter().filter(|r| r.grade == "优").count();
    assert_eq!(you[1], expected.to_string());

    let findings = recalculated_sheet(&xlsx, "summary-findings", 2);
    let total: usize = rows.iter().map(|r| r.findings.len()).sum();
    assert_eq!(
        findings.len(),
        total + 1,
        "a line per finding under the headings"
    );
    assert!(findings
        .iter()
        .any(|l| l[0] == "jinzhong-2021-traffic-police.json"
            && l[3] == "grade.contradicts_total"
            && l[4] == "declared.grade"
            && !l[6].is_empty()));

    let unreadable = recalculated_sheet(&xlsx, "summary-unreadable", 3);
    assert_eq!(unreadable[1][0], "broken.json");
    assert!(!unreadable[1][2].is_empty());
}

#[test]
fn the_summary_csv_has_a_byte_order_mark_and_the_table_cells() {
    let (rows, _) = batch();
    let refs: Vec<&Reviewed> = rows.iter().collect();
    let csv = summary_csv(&refs);
    assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    let lines = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(lines[0][1], "项目名称");
    assert_eq!(lines.len(), rows.len() + 1);
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(lines[k + 1], r.cells().to_vec());
    }
}
