//! One way in: every shell opens a file through the engine's intake (`ziping_engine::open`) and one
//! profile registry, so the same file gives the same problems — and, when it reads, the same
//! findings — in the editor, the review desk, the export worker and the command line; and every
//! shell that reads workbooks (the command line, the desk through the import worker, the workbook
//! preview page) reads them through the one workbook intake. (The JavaScript API is checked in the
//! browser by `tests/e2e/one_way_in.test.mjs` and `tests/e2e/workbooks.test.mjs`.)
#![cfg(not(target_arch = "wasm32"))]

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use ziping_app_state::jobs::Job;
use ziping_app_state::review::review_file;
use ziping_app_state::{AppState, DocAction, Lang};
use ziping_engine::{Opened, Problem, Registry, Unreadable};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files every shell is fed: the form files of the bad-file corpus, the examples, and files
/// that are not forms at all.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["crates/engine/tests/bad_files", "examples"] {
        let mut names: Vec<PathBuf> = fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        for p in names {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name == "expected.json" || name.starts_with("profile-") {
                continue;
            }
            out.push((name, fs::read(&p).unwrap()));
        }
    }
    let seed = fs::read(root().join("examples/jinzhong-2021-traffic-police.json")).unwrap();
    let unknown = String::from_utf8(seed.clone())
        .unwrap()
        .replace("\"jinzhong-2021\"", "\"my-county-2024\"");
    out.push(("unknown-profile.json".into(), unknown.into_bytes()));
    out.push(("gbk.json".into(), b"{\"a\": \"\xD6\xD0\xCE\xC4\"}".to_vec()));
    out.push(("utf16.json".into(), b"\xFF\xFE{\x00}\x00".to_vec()));
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&seed);
    out.push(("with-byte-order-mark.json".into(), with_bom));
    out
}

/// The files of [`files`] for which `pick` takes something from the intake's answer, each with
/// what it took: `Result::err` for the files the intake refuses, `Result::ok` for those it reads.
fn opened<T>(
    registry: &Registry,
    pick: fn(Result<Opened, Unreadable>) -> Option<T>,
) -> Vec<(String, Vec<u8>, T)> {
    files()
        .into_iter()
        .filter_map(|(name, bytes)| {
            let picked = pick(ziping_engine::open(&name, &bytes, registry))?;
            Some((name, bytes, picked))
        })
        .collect()
}

/// The editor's import of a file (the reducer reads the file through the intake).
fn editor_import(name: &str, bytes: &[u8]) -> AppState {
    AppState::new(Lang::En).reduce(DocAction::Import {
        id: "x".into(),
        file: name.into(),
        bytes: bytes.to_vec(),
    })
}

/// How a shell writes one problem: `path: message` (the message alone for the file as a whole).
fn line(p: &Problem) -> String {
    if p.path.is_file() {
        p.message.en.clone()
    } else {
        format!("{}: {}", p.path, p.message.en)
    }
}

/// The command line's output for `file`, read from a copy on disk under its own name.
fn cli_check(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("ziping-one-way-in-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    let args: Vec<OsString> = ["check", "--lang", "en"]
        .into_iter()
        .map(OsString::from)
        .chain([path.into_os_string()])
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    ziping_cli::run(&args, &mut out, &mut err);
    String::from_utf8(out).unwrap() + &String::from_utf8(err).unwrap()
}

#[test]
fn every_shell_gives_the_same_problems_for_the_same_file() {
    let registry = Registry::new();
    let refused = opened(&registry, Result::err);
    assert!(
        refused.len() >= 40,
        "the corpus holds {} refused files",
        refused.len()
    );
    for (name, bytes, unreadable) in refused {
        let expected = unreadable.problems;
        assert!(!expected.is_empty(), "{name}");
        // The editor's import (the reducer reads the file through the intake).
        let editor = editor_import(&name, &bytes);
        let report = editor.import_report.expect("an import report");
        assert_eq!(report.problems, expected, "editor: {name}");
        assert!(editor.doc.is_none(), "editor: {name} opened nothing");
        // The review desk.
        let desk = review_file(&name, &bytes, &registry).expect_err("the desk refuses it");
        assert_eq!(desk.problems, expected, "desk: {name}");
        // The command line: every problem, on its own line.
        let cli = cli_check(&name, &bytes);
        for p in &expected {
            assert!(
                cli.contains(&line(p)),
                "command line: {name} lacks «{}»:\n{cli}",
                line(p)
            );
        }
        // The export worker gets forms as text in its jobs (a file that is not text never reaches
        // it: the page sends only forms it has read).
        if let Ok(text) = String::from_utf8(bytes.clone()) {
            let job = Job::Form {
                file: name.clone(),
                form: text,
                profiles: Vec::new(),
            };
            let worker =
                ziping_export_worker::run(&job.to_text()).expect_err("the worker refuses it");
            for p in &expected {
                assert!(
                    worker.en.contains(&line(p)),
                    "worker: {name} lacks «{}»: {}",
                    line(p),
                    worker.en
                );
            }
        }
    }
}

#[test]
fn every_shell_gives_the_same_findings_for_the_same_file() {
    let registry = Registry::new();
    let read = opened(&registry, Result::ok);
    assert!(read.len() >= 8, "{} files read", read.len());
    for (name, bytes, expected) in read {
        let findings = &expected.evaluation.findings;
        let editor = editor_import(&name, &bytes);
        let doc = editor.doc.expect("the editor opens it");
        assert_eq!(&doc.evaluation.findings, findings, "editor: {name}");
        assert_eq!(*doc.form, expected.form, "editor: {name}");
        let desk = review_file(&name, &bytes, &registry).expect("the desk reads it");
        assert_eq!(&desk.findings, findings, "desk: {name}");
        let cli = cli_check(&name, &bytes);
        for f in findings {
            let shown = format!("{}  {}", f.code, f.path);
            assert!(
                cli.split_whitespace().any(|w| w == f.code.key())
                    && cli.contains(&f.path.to_string()),
                "command line: {name} lacks {shown}:\n{cli}"
            );
        }
        let job = Job::form(&expected.form, &registry);
        let bytes = ziping_export_worker::run(&job.to_text()).expect("the worker writes it");
        assert_eq!(&bytes[..2], b"PK", "worker: {name}");
    }
}

/// The workbooks every shell is fed: the agency-style workbooks, the hostile ones, and a zip that is
/// no workbook.
fn workbooks() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in [
        "crates/workbook/tests/workbooks",
        "crates/workbook/tests/bad_workbooks",
    ] {
        let mut names: Vec<PathBuf> = fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x != "json"))
            .collect();
        names.sort();
        for p in names {
            out.push((
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            ));
        }
    }
    out.push(("workbook.xlsx".into(), b"PK\x03\x04 a zip".to_vec()));
    out
}

/// A workbook comes in one way too (`ziping_workbook::open`): the command line, the review desk
/// (through the import worker) and the workbook preview page give the same problems, or the same
/// forms with the same findings. (The JavaScript API is checked in the browser.)
#[test]
fn every_shell_reads_a_workbook_the_same_way() {
    use ziping_app_state::workbooks::{desk_forms, ReadAnswer, ReadJob};
    use ziping_app_state::{WorkbookAction, WorkbookPage};
    let registry = Registry::new();
    let all = workbooks();
    assert!(all.len() >= 20, "{} workbooks", all.len());
    for (name, bytes) in all {
        assert!(ziping_engine::intake::is_workbook(&bytes), "{name}");
        let expected = ziping_workbook::open(&name, &bytes, &registry);
        // The desk: the import worker's answer, as the page reads it.
        let job = ReadJob::new(vec![name.clone()], &registry);
        let answers = ziping_import_worker::run(&job, std::slice::from_ref(&bytes));
        let (forms, bad) = desk_forms(&ReadAnswer::list_to_text(&answers)).unwrap();
        // The preview page.
        let page = WorkbookPage::new(Lang::En).reduce(WorkbookAction::Preview(ReadAnswer::of(
            ziping_workbook::open(&name, &bytes, &registry),
        )));
        let cli = cli_check(&name, &bytes);
        match expected {
            Err(u) => {
                let messages: Vec<_> = u.problems.iter().map(|p| p.message.clone()).collect();
                let desk: Vec<_> = bad[0].problems.iter().map(|p| p.message.clone()).collect();
                assert_eq!(desk, messages, "desk: {name}");
                assert!(forms.is_empty(), "desk: {name}");
                assert_eq!(
                    page.report.expect("a report").problems,
                    u.problems,
                    "preview: {name}"
                );
                for p in &u.problems {
                    assert!(
                        cli.contains(&line(p)),
                        "command line: {name} lacks «{}»:\n{cli}",
                        line(p)
                    );
                }
            }
            Ok(book) => {
                assert_eq!(forms.len(), book.forms.len(), "desk: {name}");
                for (i, ((_, opened), (desk_name, text))) in
                    book.forms.iter().zip(&forms).enumerate()
                {
                    let findings = &opened.evaluation.findings;
                    let row = review_file(desk_name, text.as_bytes(), &registry).unwrap();
                    assert_eq!(&row.findings, findings, "desk: {name} #{i}");
                    let accepted = page
                        .reduce(WorkbookAction::Choose(i))
                        .reduce(WorkbookAction::Accept { id: "x".into() })
                        .accepted
                        .expect("accepted");
                    assert_eq!(*accepted.1, opened.form, "preview: {name} #{i}");
                    for f in findings {
                        assert!(
                            cli.split_whitespace().any(|w| w == f.code.key())
                                && cli.contains(&f.path.to_string()),
                            "command line: {name} lacks {} {}:\n{cli}",
                            f.code,
                            f.path
                        );
                    }
                }
            }
        }
    }
}
