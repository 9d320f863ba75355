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
//! In the editor nothing changes until the user accepts: [`WorkbookAction::Preview`] shows which
//! profile was recognised and the cell of every field; [`WorkbookAction::Accept`] opens the chosen
//! form as a new draft (through [`DocAction::Import`]). On the review desk each workbook's forms
//! become rows, and its recognition is listed ([`WorkbookStatus`]).

use crate::{AppState, DocAction, ImportReport};
use serde::{Deserialize, Serialize};
use ziping_engine::intake::WorkbookOpened;
use ziping_engine::workbook::Found;
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

/// What the import worker says of one workbook.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MappedLine {
    pub place: Text,
    pub cell: String,
    pub shown: String,
    pub note: Option<Text>,
}

/// A cell with something in it that no field was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

    /// The worker's text read back.
    pub fn list_from_text(text: &str) -> Option<Vec<ReadAnswer>> {
        serde_json::from_str(text).ok()
    }
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

/// Actions on a workbook being imported into the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkbookAction {
    /// The import worker's answer for the chosen or dropped workbook: its forms are shown (nothing
    /// else changes), or its problems reported.
    Preview(ReadAnswer),
    /// Which of the workbook's forms accepting opens.
    Choose(usize),
    /// Open the chosen form as a new draft with this id.
    Accept { id: String },
    /// Close the preview; nothing changes.
    Cancel,
}

pub(crate) fn reduce(s: &mut AppState, action: WorkbookAction) {
    match action {
        WorkbookAction::Preview(ReadAnswer::Unreadable { file, problems }) => {
            s.workbook = None;
            s.import_report = Some(ImportReport { file, problems });
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
            s.workbook = Some(Preview {
                file,
                forms,
                without_form,
                chosen: 0,
            });
        }
        WorkbookAction::Choose(i) => {
            if let Some(p) = s.workbook.as_mut() {
                if i < p.forms.len() {
                    p.chosen = i;
                }
            }
        }
        WorkbookAction::Accept { id } => {
            let Some(p) = s.workbook.take() else { return };
            let Some(f) = p.forms.into_iter().nth(p.chosen) else {
                return;
            };
            crate::document::reduce(
                s,
                DocAction::Import {
                    id,
                    file: f.read.name,
                    bytes: f.read.form.into_bytes(),
                },
            );
        }
        WorkbookAction::Cancel => s.workbook = None,
    }
}

/// How a workbook on the review desk was recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkbookStatus {
    pub file: String,
    /// Each form found: its name on the desk, the profile recognised, the sheet and rows.
    pub forms: Vec<(String, Text, String, (u32, u32))>,
    /// Why no form was read, for a workbook that gave none.
    pub problem: Option<Text>,
}

/// A workbook's answer as rows of the review desk, the unreadable ones, and its recognition.
pub fn review_answer(
    answer: ReadAnswer,
    registry: &Registry,
) -> (
    Vec<ziping_engine::review::Reviewed>,
    Vec<Unreadable>,
    WorkbookStatus,
) {
    match answer {
        ReadAnswer::Unreadable { file, problems } => {
            let status = WorkbookStatus {
                file: file.clone(),
                forms: Vec::new(),
                problem: problems.first().map(|p| p.message.clone()),
            };
            (Vec::new(), vec![Unreadable::new(&file, problems)], status)
        }
        ReadAnswer::Read { file, forms, .. } => {
            let mut rows = Vec::new();
            let mut bad = Vec::new();
            let mut status = WorkbookStatus {
                file,
                forms: Vec::new(),
                problem: None,
            };
            for f in forms {
                status.forms.push((
                    f.name.clone(),
                    f.profile_name.clone(),
                    f.sheet.clone(),
                    f.rows,
                ));
                match crate::review::review_file(&f.name, f.form.as_bytes(), registry) {
                    Ok(row) => rows.push(row),
                    Err(u) => bad.push(u),
                }
            }
            (rows, bad, status)
        }
    }
}
