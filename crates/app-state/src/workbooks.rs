//! Workbooks in the app: the import worker's protocol, and the preview of a workbook's forms before
//! one is opened.
//!
//! The workbook reader (calamine) lives in the import worker (`crates/import-worker`), so the page
//! never links it. The page sends a [`ReadJob`] (the files' names and the imported profiles; the
//! bytes travel beside it) and gets a [`ReadAnswer`] per file: the forms found, each as its
//! `ziping-form` file text with where every field came from, or every problem. Each form then comes
//! in through the one intake like any form file (`ziping_engine::open`), so it gets the same
//! findings as the same form imported as JSON.
//!
//! On the workbook preview page ([`WorkbookPage`]) nothing changes until the user accepts:
//! [`WorkbookAction::Preview`] shows which profile was recognised and the cell of every field;
//! [`WorkbookAction::Accept`] opens the chosen form through the intake, which the page saves as a new
//! draft for the app to open. On the review desk each workbook's forms become rows ([`desk_forms`]),
//! each showing the profile it was recognised as.

use crate::ImportReport;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::rc::Rc;
use ziping_engine::intake::WorkbookOpened;
use ziping_engine::workbook::Found;
use ziping_engine::Lang;
use ziping_engine::{Opened, Problem, Registry, Text, Unreadable};

/// A batch of workbooks for the import worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadJob {
    /// The files' names, in the order their bytes follow the job.
    pub files: Vec<String>,
    /// The imported profiles the page knows, as profile files: a workbook in a custom layout is
    /// recognised too.
    pub profiles: Vec<String>,
}

impl ReadJob {
    pub fn new(files: Vec<String>, registry: &Registry) -> ReadJob {
        ReadJob {
            files,
            profiles: registry
                .custom_sources()
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the import worker says of one workbook. (Externally tagged: reading it back in the page
/// needs no buffering of its content, and so little code.)
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadAnswer {
    Read {
        file: String,
        forms: Vec<ReadForm>,
        /// Sheets without a form, with what of a form's labels each has.
        without_form: Vec<(String, Text)>,
    },
    Unreadable {
        file: String,
        problems: Vec<Problem>,
    },
}

/// One form found in a workbook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadForm {
    /// The form's name: the file's, with the sheet where a workbook holds several forms.
    pub name: String,
    /// The form as a `ziping-form` file.
    pub form: String,
    pub profile: String,
    pub profile_name: Text,
    pub sheet: String,
    /// The sheet's rows the form was read from (1-based, inclusive).
    pub rows: (u32, u32),
    pub mapping: Vec<MappedLine>,
    pub unused: Vec<UnusedCell>,
    /// More cells were not used than are listed.
    pub unused_more: usize,
    pub notes: Vec<Text>,
}

/// A field and the cell it came from: `全年执行数 ← Sheet1!F6`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MappedLine {
    /// The field (`funds.rows[0].spent`), as findings and inputs name it.
    pub path: String,
    pub place: Text,
    pub cell: String,
    pub shown: String,
    pub note: Option<Text>,
}

/// A cell with something in it that no field was read from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnusedCell {
    pub cell: String,
    pub shown: String,
}

impl ReadForm {
    pub fn new(name: &str, found: &Found, form: &ziping_engine::Form) -> ReadForm {
        ReadForm {
            name: name.to_string(),
            form: ziping_engine::to_json(form),
            profile: found.profile.id.clone(),
            profile_name: found.profile.name.clone(),
            sheet: found.sheet.clone(),
            rows: found.rows,
            mapping: found
                .mapping
                .iter()
                .map(|m| MappedLine {
                    path: m.path.to_string(),
                    place: m.place.clone(),
                    cell: m.cell.to_string(),
                    shown: m.shown.clone(),
                    note: m.note.clone(),
                })
                .collect(),
            unused: found
                .unused
                .iter()
                .map(|u| UnusedCell {
                    cell: u.cell.to_string(),
                    shown: u.shown.clone(),
                })
                .collect(),
            unused_more: found.unused_more,
            notes: found.notes.clone(),
        }
    }
}

impl ReadAnswer {
    /// The answer for a workbook the reader opened, or could not.
    pub fn of(result: Result<WorkbookOpened, Unreadable>) -> ReadAnswer {
        match result {
            Ok(book) => ReadAnswer::Read {
                file: book.file,
                forms: book
                    .forms
                    .iter()
                    .map(|(found, opened)| ReadForm::new(&opened.file, found, &opened.form))
                    .collect(),
                without_form: book.without_form,
            },
            Err(u) => ReadAnswer::Unreadable {
                file: u.file,
                problems: u.problems,
            },
        }
    }

    pub fn file(&self) -> &str {
        match self {
            ReadAnswer::Read { file, .. } | ReadAnswer::Unreadable { file, .. } => file,
        }
    }

    /// The answers as the text the worker sends.
    pub fn list_to_text(answers: &[ReadAnswer]) -> String {
        serde_json::to_string(answers).unwrap_or_default()
    }
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

fn text_of(v: &Value) -> Option<Text> {
    Some(Text::new(v.get("zh")?.as_str()?, v.get("en")?.as_str()?))
}

/// A workbook's forms shown before one is opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub file: String,
    pub forms: Vec<PreviewForm>,
    /// Sheets without a form.
    pub without_form: Vec<(String, Text)>,
    /// The form that accepting opens.
    pub chosen: usize,
}

/// One form of a preview, with what the intake made of it (its total, grade and findings).
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewForm {
    pub read: ReadForm,
    pub opened: Result<Opened, Unreadable>,
}

/// The workbook preview page's whole state. It is a page of its own (`crates/workbook-preview`), so
/// the app's state never holds it and the app's page never carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkbookPage {
    pub lang: Lang,
    /// The built-in profiles and those this browser keeps: a workbook in a custom layout is
    /// recognised too.
    pub registry: Registry,
    pub preview: Option<Rc<Preview>>,
    /// A workbook that gave no form, or a form the intake refused: every problem.
    pub report: Option<ImportReport>,
    /// The form accepted, opened through the intake, with the id of the draft it becomes.
    pub accepted: Option<(String, Rc<ziping_engine::Form>)>,
}

/// Actions on the workbook preview page.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkbookAction {
    SetLang(Lang),
    /// The profiles this browser keeps, with their file texts.
    KeptProfiles(Vec<(ziping_engine::Profile, String)>),
    /// What the workbook reader found: its forms are shown (nothing else changes), or its
    /// problems reported.
    Preview(ReadAnswer),
    /// Which of the workbook's forms accepting opens.
    Choose(usize),
    /// Open the chosen form through the intake as a new draft with this id.
    Accept {
        id: String,
    },
    DismissReport,
}

impl WorkbookPage {
    pub fn new(lang: Lang) -> WorkbookPage {
        WorkbookPage {
            lang,
            registry: Registry::new(),
            preview: None,
            report: None,
            accepted: None,
        }
    }

    /// The next state. Never panics; an action that does not apply leaves the state as it is.
    pub fn reduce(&self, action: WorkbookAction) -> WorkbookPage {
        let mut s = self.clone();
        match action {
            WorkbookAction::SetLang(l) => s.lang = l,
            WorkbookAction::KeptProfiles(list) => {
                for (p, source) in list {
                    // A kept profile with a built-in id is left out, as the app leaves it out.
                    let _ = s.registry.add_file(p, &source);
                }
            }
            WorkbookAction::Preview(ReadAnswer::Unreadable { file, problems }) => {
                s.preview = None;
                s.report = Some(ImportReport { file, problems });
            }
            WorkbookAction::Preview(ReadAnswer::Read {
                file,
                forms,
                without_form,
            }) => {
                let forms: Vec<PreviewForm> = forms
                    .into_iter()
                    .map(|read| PreviewForm {
                        opened: ziping_engine::open(&read.name, read.form.as_bytes(), &s.registry),
                        read,
                    })
                    .collect();
                s.report = None;
                s.preview = Some(Rc::new(Preview {
                    file,
                    forms,
                    without_form,
                    chosen: 0,
                }));
            }
            WorkbookAction::Choose(i) => {
                if let Some(p) = s.preview.as_mut() {
                    if i < p.forms.len() {
                        Rc::make_mut(p).chosen = i;
                    }
                }
            }
            WorkbookAction::Accept { id } => {
                let chosen = s.preview.as_ref().and_then(|p| p.forms.get(p.chosen));
                if let Some(f) = chosen {
                    // The one way a file comes in: the form's text through the intake.
                    match ziping_engine::open(&f.read.name, f.read.form.as_bytes(), &s.registry) {
                        Ok(o) => s.accepted = Some((id, Rc::new(o.form))),
                        Err(u) => {
                            s.report = Some(ImportReport {
                                file: u.file,
                                problems: u.problems,
                            })
                        }
                    }
                }
            }
            WorkbookAction::DismissReport => s.report = None,
        }
        s
    }
}

/// A form's name and its `ziping-form` text.
pub type NamedForm = (String, String);

/// The import worker's answers (its text) as the review desk takes them: each form's name and
/// `ziping-form` text (the desk opens it through the intake like any form file, and its row shows
/// the profile it was recognised as), and the workbooks that gave none, with every problem. Read by
/// hand from the engine's value tree, taking only what the desk needs (the mapping is for the
/// preview page and the command line), so that the app's page stays small.
pub fn desk_forms(text: &str) -> Option<(Vec<NamedForm>, Vec<Unreadable>)> {
    let v = ziping_engine::reader::parse_value(text)?;
    let (mut forms, mut bad) = (Vec::new(), Vec::new());
    for answer in v.as_array()? {
        if let Some(r) = answer.get("read") {
            for f in r.get("forms")?.as_array()? {
                forms.push((string(f, "name")?, string(f, "form")?));
            }
        } else {
            let u = answer.get("unreadable")?;
            let mut problems = Vec::new();
            for p in u.get("problems")?.as_array()? {
                let message = text_of(p.get("message")?)?;
                problems.push(Problem::file(message.zh, message.en));
            }
            bad.push(Unreadable::new(&string(u, "file")?, problems));
        }
    }
    Some((forms, bad))
}

/// The first form of one workbook, from the import worker's answer (its text), as the one-file
/// edition opens it (it has no preview page): its name and `ziping-form` text, or every problem —
/// those of a workbook that cannot be read, or that no form was found.
pub fn first_form(text: &str) -> Result<NamedForm, Vec<Problem>> {
    let Some((forms, bad)) = desk_forms(text) else {
        return Err(vec![Problem::file(
            "读取工作簿的程序给出了无法理解的回答",
            "the workbook reader gave an answer that could not be understood",
        )]);
    };
    if let Some(form) = forms.into_iter().next() {
        return Ok(form);
    }
    match bad.into_iter().next() {
        Some(u) => Err(u.problems),
        None => Err(vec![Problem::file(
            "工作簿中没有找到表单：可在“审核多份自评表”中查看读到的内容",
            "no form was found in the workbook: the review desk shows what was read",
        )]),
    }
}
