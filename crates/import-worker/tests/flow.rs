//! A workbook through the import worker and into the app's state, natively: the worker's answers
//! survive their trip as text, the editor previews a workbook without changing anything and opens
//! the chosen form as a draft, and the review desk gets a row per form with its recognition.

use std::path::Path;
use ziping_app_state::workbooks::{review_answer, ReadAnswer, ReadJob};
use ziping_app_state::{AppState, DocAction, Lang, WorkbookAction};
use ziping_engine::Registry;

fn workbook(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../workbook/tests/workbooks")
            .join(name),
    )
    .unwrap()
}

fn answers(files: &[(&str, Vec<u8>)], registry: &Registry) -> Vec<ReadAnswer> {
    let job = ReadJob::new(files.iter().map(|(n, _)| n.to_string()).collect(), registry);
    // As the page and the worker exchange them: the job as text, the answers as text.
    let job = ziping_import_worker::job_of(&job.to_text()).unwrap();
    let bytes: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
    let text = ReadAnswer::list_to_text(&ziping_import_worker::run(&job, &bytes));
    ReadAnswer::list_from_text(&text).unwrap()
}

#[test]
fn every_file_of_a_batch_gets_its_answer() {
    let reg = Registry::new();
    let a = answers(
        &[
            ("two.xlsx", workbook("central-two-forms.xlsx")),
            ("broken.xlsx", b"PK\x03\x04 broken".to_vec()),
            ("note.xls", workbook("not-a-form.xls")),
            ("seed.ods", workbook("jinzhong-agency.ods")),
        ],
        &reg,
    );
    let files: Vec<&str> = a.iter().map(ReadAnswer::file).collect();
    assert_eq!(files, ["two.xlsx", "broken.xlsx", "note.xls", "seed.ods"]);
    assert!(matches!(&a[0], ReadAnswer::Read { forms, .. } if forms.len() == 2));
    assert!(
        matches!(&a[1], ReadAnswer::Unreadable { problems, .. } if problems[0].message.en.contains("damaged"))
    );
    assert!(
        matches!(&a[2], ReadAnswer::Unreadable { problems, .. } if problems[0].message.en.contains("looked for"))
    );
    let ReadAnswer::Read { forms, .. } = &a[3] else {
        panic!()
    };
    assert_eq!(forms[0].profile, "jinzhong-2021");
    assert!(forms[0]
        .mapping
        .iter()
        .any(|m| m.cell == "自评表!E10" && m.shown == "9,699,400元"));
}

#[test]
fn the_editor_previews_a_workbook_and_opens_only_the_form_chosen() {
    let s = AppState::new(Lang::Zh).reduce(DocAction::Import {
        id: "open".into(),
        file: "seed.json".into(),
        bytes: ziping_engine::sample::EXAMPLE.as_bytes().to_vec(),
    });
    let before = s.doc.clone();
    let a = answers(
        &[("two.xlsx", workbook("central-two-forms.xls"))],
        &s.registry,
    );
    let s = s.reduce(WorkbookAction::Preview(a[0].clone()));
    // Shown, nothing changed.
    assert_eq!(s.doc, before);
    let p = s.workbook.as_ref().unwrap();
    assert_eq!(p.forms.len(), 2);
    let second = p.forms[1].opened.as_ref().unwrap();
    assert_eq!(second.evaluation.total.shown(), "98.00");
    // Cancel: still nothing changed.
    let cancelled = s.reduce(WorkbookAction::Cancel);
    assert_eq!(
        (cancelled.doc.clone(), cancelled.workbook.is_none()),
        (before.clone(), true)
    );
    // Accept the second: a new draft, scored as the command line scores it.
    let s = s
        .reduce(WorkbookAction::Choose(1))
        .reduce(WorkbookAction::Accept { id: "new".into() });
    assert!(s.workbook.is_none());
    let doc = s.doc.as_ref().unwrap();
    assert_eq!(doc.id, "new");
    assert_eq!(doc.form.header.project, "农村公路养护");
    let cli = ziping_workbook::open(
        "two.xlsx",
        &workbook("central-two-forms.xls"),
        &Registry::new(),
    )
    .unwrap();
    assert_eq!(*doc.evaluation, cli.forms[1].1.evaluation);
}

#[test]
fn a_workbook_that_does_not_read_is_reported_and_changes_nothing() {
    let s = AppState::new(Lang::Zh).reduce(DocAction::Import {
        id: "open".into(),
        file: "seed.json".into(),
        bytes: ziping_engine::sample::EXAMPLE.as_bytes().to_vec(),
    });
    let a = answers(&[("note.xlsx", workbook("not-a-form.xlsx"))], &s.registry);
    let after = s.reduce(WorkbookAction::Preview(a[0].clone()));
    assert_eq!(after.doc, s.doc);
    assert!(after.workbook.is_none());
    let report = after.import_report.unwrap();
    assert_eq!(report.file, "note.xlsx");
    assert!(report.problems[0].message.zh.contains("三级指标"));
}

#[test]
fn the_review_desk_gets_a_row_per_form_and_each_workbooks_recognition() {
    let reg = Registry::new();
    let a = answers(
        &[
            ("two.ods", workbook("central-two-forms.ods")),
            ("note.xlsx", workbook("not-a-form.xlsx")),
        ],
        &reg,
    );
    let (rows, bad, status) = review_answer(a[0].clone(), &reg);
    assert_eq!((rows.len(), bad.len()), (2, 0));
    assert_eq!(status.forms.len(), 2);
    assert_eq!(status.forms[0].2, "汇总");
    assert_eq!(
        status.forms[0].1.zh,
        "项目支出绩效自评表（财预〔2020〕10号）"
    );
    let (rows, bad, status) = review_answer(a[1].clone(), &reg);
    assert_eq!((rows.len(), bad.len()), (0, 1));
    assert!(status.problem.unwrap().zh.contains("未找到自评表"));
}
