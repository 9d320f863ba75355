//! Every example form exported by Ziping as a workbook imports back to the same form; and its cells
//! alone (without the form the workbook carries) read back to the same inputs.

use std::path::Path;
use ziping_engine::path::{FieldPath, Kind};
use ziping_engine::workbook::CARRIED_SHEET;
use ziping_engine::{intake, Registry};

fn examples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 3);
    out
}

fn exported(bytes: &[u8], reg: &Registry) -> (intake::Opened, Vec<u8>) {
    let o = intake::open("x.json", bytes, reg).unwrap();
    let xlsx = ziping_xlsx::form_workbook(&o.form, &o.profile, &o.evaluation).unwrap();
    (o, xlsx)
}

#[test]
fn every_example_exported_as_a_workbook_imports_back_to_the_same_form() {
    let reg = Registry::new();
    for (name, bytes) in examples() {
        let (original, xlsx) = exported(&bytes, &reg);
        let book = ziping_workbook::open("x.xlsx", &xlsx, &reg)
            .unwrap_or_else(|u| panic!("{name}: {:?}", u.problems));
        assert_eq!(book.forms.len(), 1, "{name}");
        let (found, opened) = &book.forms[0];
        assert_eq!(found.profile.id, original.form.profile, "{name}: profile");
        assert_eq!(opened.form, original.form, "{name}: the same form");
        assert_eq!(
            opened.evaluation, original.evaluation,
            "{name}: the same evaluation"
        );
        assert!(
            found.notes.iter().any(|n| n.en.contains("taken whole")),
            "{name}: {:?}",
            found.notes
        );
    }
}

#[test]
fn the_cells_of_an_exported_workbook_alone_read_back_to_the_same_inputs() {
    let reg = Registry::new();
    for (name, bytes) in examples() {
        let (original, xlsx) = exported(&bytes, &reg);
        let mut book = ziping_workbook::read(&xlsx).unwrap();
        book.sheets.retain(|s| s.name != CARRIED_SHEET);
        let opened = intake::open_workbook("x.xlsx", &book, &reg)
            .unwrap_or_else(|u| panic!("{name}: {:?}", u.problems));
        let (found, read) = &opened.forms[0];
        assert_eq!(
            found.profile.id, original.form.profile,
            "{name}: recognised profile"
        );
        let (a, b) = (&original.form, &read.form);
        // An empty title is the profile's.
        let titled = |h: &ziping_engine::model::Header| {
            let mut h = h.clone();
            if h.title.is_empty() {
                h.title = original.profile.title.zh.clone();
            }
            h
        };
        assert_eq!(titled(&a.header), titled(&b.header), "{name}: header");
        assert_eq!(a.funds.rows.len(), b.funds.rows.len(), "{name}: funds rows");
        assert_eq!(
            a.indicators.len(),
            b.indicators.len(),
            "{name}: indicator rows"
        );
        for (i, (x, y)) in a.indicators.iter().zip(&b.indicators).enumerate() {
            assert_eq!(
                (x.level, &x.name, &x.block),
                (y.level, &y.name, &y.block),
                "{name}: row {i}"
            );
        }
        // Every input the layout prints reads back the same.
        for m in &found.mapping {
            let p = &m.path;
            if matches!(
                p,
                FieldPath::DeclaredTotal
                    | FieldPath::DeclaredGrade
                    | FieldPath::DeclaredBlock(_)
                    | FieldPath::FundsDeclaredTotal(_)
                    | FieldPath::FundsDeclaredRate
                    | FieldPath::FundsDeclaredScore
            ) || p.to_string().contains("declared")
            {
                continue;
            }
            match p.kind() {
                Kind::Decimal => {
                    assert_eq!(p.get_number(a), p.get_number(b), "{name}: {p} ← {}", m.cell)
                }
                _ => assert_eq!(p.get(a).trim(), p.get(b).trim(), "{name}: {p} ← {}", m.cell),
            }
        }
        // The results the sheet shows are the engine's, so the form read from it has no finding
        // about stated totals.
        assert_eq!(
            read.evaluation.total.value, original.evaluation.total.value,
            "{name}: total"
        );
    }
}
