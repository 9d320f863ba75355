//! Workbooks through the import worker and the workbook preview page's state, natively: the worker's
//! answers survive their trip as text, the preview shows a workbook without changing anything and
//! opens only the form chosen, a kept profile's layout is recognised, and the review desk gets each
//! form of a workbook and the workbooks that gave none.

use std::path::Path;
use ziping_app_state::workbooks::{desk_forms, first_form, ReadAnswer, ReadJob};
use ziping_app_state::{Lang, WorkbookAction, WorkbookPage};
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
    // As the page sends it: the job as text. (The answers' text is read as the desk reads it below.)
    let job = ziping_import_worker::job_of(&job.to_text()).unwrap();
    let bytes: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
    ziping_import_worker::run(&job, &bytes)
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
fn the_preview_page_shows_a_workbook_and_opens_only_the_form_chosen() {
    let s = WorkbookPage::new(Lang::Zh);
    let bytes = workbook("central-two-forms.xls");
    let answer = ReadAnswer::of(ziping_workbook::open("two.xls", &bytes, &s.registry));
    let s = s.reduce(WorkbookAction::Preview(answer));
    // Shown, nothing accepted.
    assert!(s.accepted.is_none());
    let p = s.preview.clone().unwrap();
    assert_eq!(p.forms.len(), 2);
    let second = p.forms[1].opened.as_ref().unwrap();
    assert_eq!(second.evaluation.total.shown(), "98.00");
    assert!(p.forms[0]
        .read
        .mapping
        .iter()
        .any(|m| m.cell == "汇总!C3" && m.shown == "国省干线公路养护"));
    // Accept the second: opened through the intake, scored as the command line scores it.
    let s = s
        .reduce(WorkbookAction::Choose(1))
        .reduce(WorkbookAction::Accept { id: "new".into() });
    let (id, form) = s.accepted.clone().unwrap();
    assert_eq!(id, "new");
    assert_eq!(form.header.project, "农村公路养护");
    let cli = ziping_workbook::open("two.xls", &bytes, &Registry::new()).unwrap();
    assert_eq!(*form, cli.forms[1].1.form);
    // Choosing a form that is not there changes nothing.
    assert_eq!(
        s.reduce(WorkbookAction::Choose(9)).preview.unwrap().chosen,
        1
    );
}

#[test]
fn a_workbook_that_does_not_read_is_reported_and_nothing_is_accepted() {
    let s = WorkbookPage::new(Lang::En);
    let answer = ReadAnswer::of(ziping_workbook::open(
        "note.xlsx",
        &workbook("not-a-form.xlsx"),
        &s.registry,
    ));
    let after = s.reduce(WorkbookAction::Preview(answer));
    assert!(after.preview.is_none() && after.accepted.is_none());
    let report = after.report.clone().unwrap();
    assert_eq!(report.file, "note.xlsx");
    assert!(report.problems[0].message.zh.contains("三级指标"));
    assert!(after.reduce(WorkbookAction::DismissReport).report.is_none());
    // Accepting with nothing shown does nothing.
    assert!(after
        .reduce(WorkbookAction::Accept { id: "x".into() })
        .accepted
        .is_none());
}

#[test]
fn a_kept_profile_of_another_layout_is_recognised_on_the_preview_page() {
    // A custom profile that calls 全年执行数 “实付金额”: a workbook of that layout is read with it.
    let reg = Registry::new();
    let base = reg.get("central-2020").unwrap();
    let mut text: serde_json::Value = serde_json::from_str(&base.to_json()).unwrap();
    text["id"] = "county-2024".into();
    text["title"]["zh"] = "某县项目支出绩效自评表".into();
    text["labels"] = serde_json::json!({"funds.spent": ["实付金额"]});
    let source = text.to_string();
    let profile = ziping_engine::intake::open_profile("county.json", source.as_bytes()).unwrap();
    let s =
        WorkbookPage::new(Lang::Zh).reduce(WorkbookAction::KeptProfiles(vec![(profile, source)]));
    let mut book = ziping_workbook::read(&workbook("central-two-forms.xlsx")).unwrap();
    for row in &mut book.sheets[0].rows {
        for c in row.iter_mut() {
            match c {
                ziping_engine::workbook::Cell::Text(t) if t == "全年执行数(B)" => {
                    *t = "实付金额".into()
                }
                ziping_engine::workbook::Cell::Text(t) if t == "项目支出绩效自评表" => {
                    *t = "某县项目支出绩效自评表".into()
                }
                _ => {}
            }
        }
    }
    let opened = ziping_engine::intake::open_workbook("county.xlsx", &book, &s.registry).unwrap();
    let (found, o) = &opened.forms[0];
    assert_eq!(found.profile.id, "county-2024");
    assert_eq!(
        o.form.funds.rows[0].figures.spent,
        Some("90".parse().unwrap())
    );
}

#[test]
fn the_review_desk_takes_each_form_of_a_workbook_and_the_workbooks_that_gave_none() {
    let reg = Registry::new();
    let a = answers(
        &[
            ("two.ods", workbook("central-two-forms.ods")),
            ("note.xlsx", workbook("not-a-form.xlsx")),
        ],
        &reg,
    );
    let (forms, bad) = desk_forms(&ReadAnswer::list_to_text(&a)).unwrap();
    let names: Vec<&str> = forms.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["two.ods · 汇总 #1", "two.ods · 汇总 #2"]);
    let row =
        ziping_app_state::review::review_file(&forms[0].0, forms[0].1.as_bytes(), &reg).unwrap();
    assert_eq!(row.profile, "central-2020");
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].file, "note.xlsx");
    assert!(bad[0].problems[0].message.zh.contains("未找到自评表"));
}

#[test]
fn the_one_file_edition_opens_a_workbooks_first_form_or_says_why_there_is_none() {
    let reg = Registry::new();
    let two = answers(&[("two.xlsx", workbook("central-two-forms.xlsx"))], &reg);
    let (name, text) = first_form(&ReadAnswer::list_to_text(&two)).unwrap();
    assert_eq!(name, "two.xlsx · 汇总 #1");
    assert!(ziping_engine::open(&name, text.as_bytes(), &reg).is_ok());
    let none = answers(&[("note.xlsx", workbook("not-a-form.xlsx"))], &reg);
    let problems = first_form(&ReadAnswer::list_to_text(&none)).unwrap_err();
    assert!(problems[0].message.zh.contains("未找到自评表"));
    let nonsense = first_form("[{\"what\": 1}]").unwrap_err();
    assert!(nonsense[0].message.en.contains("could not be understood"));
    let empty = first_form("[]").unwrap_err();
    assert!(empty[0].message.en.contains("no form was found"));
}
