//! The hostile workbooks (`tests/bad_workbooks/`, written by `examples/bad_workbooks.rs`): each gives
//! its clear message (`expected.json`), in bounded time and memory, and never a panic; every file of
//! the folder is in the list.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use ziping_engine::Registry;

#[test]
fn every_bad_workbook_gives_its_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_workbooks");
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.json")
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "every file has its expectation"
    );
    let reg = Registry::new();
    for (file, want) in &expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let start = Instant::now();
        let got = ziping_workbook::open(file, &bytes, &reg);
        match (want.strip_prefix("OPENS: "), got) {
            (Some(note), Ok(book)) => {
                let notes: Vec<&str> = book
                    .forms
                    .iter()
                    .flat_map(|(f, _)| f.notes.iter().map(|n| n.en.as_str()))
                    .collect();
                assert!(notes.iter().any(|n| n.contains(note)), "{file}: {notes:?}");
            }
            (None, Err(u)) => {
                let all: Vec<String> = u.problems.iter().map(|p| p.message.en.clone()).collect();
                assert!(
                    all.iter().any(|m| m.contains(want.as_str())),
                    "{file}: {all:?}"
                );
                assert!(
                    u.problems.iter().all(|p| !p.message.zh.is_empty()),
                    "{file}: a message in Chinese too"
                );
            }
            (Some(_), Err(u)) => panic!("{file} should open: {:?}", u.problems),
            (None, Ok(_)) => panic!("{file} should be refused"),
        }
        // Refused or read at once: nothing is unpacked or laid out beyond the limits (the .xls
        // reader lays out its whole grid, up to 65 536 × 256 cells: a few seconds unoptimised).
        assert!(
            start.elapsed().as_secs() < 30,
            "{file}: {:?}",
            start.elapsed()
        );
    }
}

/// A sheet with a million filled rows (written here: a few megabytes, not kept in the repository) is
/// read to the limit, its form found above, and the cut said.
#[test]
fn a_sheet_with_a_million_rows_is_read_to_the_limit() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [(&str, &str, &str); 3] = [
        ("项目名称", "某项目", ""),
        ("资金来源", "全年预算数", "全年执行数"),
        ("本年财政拨款", "10", "9"),
    ];
    for (r, (a, b, c)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *a).unwrap();
        ws.write_string(r as u32, 1, *b).unwrap();
        ws.write_string(r as u32, 2, *c).unwrap();
    }
    for r in 4..1_000_004u32 {
        ws.write_number(r, 0, f64::from(r)).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let start = Instant::now();
    let book = ziping_workbook::open("million.xlsx", &bytes, &Registry::new()).unwrap();
    let (found, opened) = &book.forms[0];
    assert_eq!(opened.form.funds.rows[0].source, "本年财政拨款");
    assert!(
        found
            .notes
            .iter()
            .any(|n| n.en.contains("only its first 5000 rows")),
        "{:?}",
        found.notes
    );
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}
