//! The open form: its profile, its evaluation and its history, and the actions on it as a whole
//! (open, new, close, edit a field, undo and redo, print preview, read-only, go to a field).

use crate::{AppState, ImportReport, Notice, Screen};
use std::rc::Rc;
use ziping_engine::model::Form;
use ziping_engine::path::FieldPath;
use ziping_engine::{evaluate, Evaluation, Opened, Profile, Severity, Text};

/// How many edits undo can walk back.
pub const UNDO_LIMIT: usize = 200;

/// The form being edited, with its profile, its evaluation and its history.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub id: String,
    pub form: Rc<Form>,
    pub profile: Rc<Profile>,
    pub evaluation: Rc<Evaluation>,
    undo: Vec<(Rc<Form>, Option<FieldPath>)>,
    redo: Vec<Rc<Form>>,
    /// Increases with every change; the UI saves when it moves.
    pub revision: u64,
    /// Shown read-only (a form opened from the review desk); "edit a copy" makes a draft of it.
    pub read_only: bool,
}

/// Actions on the open form.
#[derive(Clone, Debug, PartialEq)]
pub enum DocAction {
    /// Open a form as a draft with this id (a draft saved in this browser, read again).
    Open {
        id: String,
        form: Box<Form>,
        read_only: bool,
    },
    /// A file the user chose or dropped (its name and bytes), read through the engine's intake and
    /// opened as a new draft with this id, or reported with every problem (the open form, if any,
    /// stays as it is).
    Import {
        id: String,
        file: String,
        bytes: Vec<u8>,
    },
    /// A form from a link (its JSON text, decoded from the fragment), read through the engine's
    /// intake and shown read-only with this id: nothing in this browser's drafts is touched until
    /// "edit a copy". On any problem the report lists them all and the open form stays as it is.
    OpenShared {
        id: String,
        bytes: Vec<u8>,
    },
    /// A new blank form of a profile.
    New {
        id: String,
        profile: String,
    },
    /// Back to the start screen (or the review desk it came from).
    Close,
    /// Show the open form's print preview (`true`) or go back to editing it (`false`).
    PrintPreview(bool),
    /// Make the read-only form an editable draft with a new id.
    EditCopy {
        id: String,
    },
    /// Set a field to what was typed.
    Set {
        path: FieldPath,
        value: String,
    },
    Undo,
    Redo,
    /// Make the open form read-only (another tab is editing it) or editable again.
    ReadOnly(bool),
    /// Move the focus to a field (the UI focuses it and clears this).
    Focus(Option<FieldPath>),
}

impl Doc {
    /// A document of `form` under `profile`: what was typed into its number fields read again
    /// under the profile, then evaluated.
    pub fn new(id: String, mut form: Form, profile: Rc<Profile>) -> Doc {
        FieldPath::settle_typed(&mut form, &profile);
        let evaluation = evaluate(&form, &profile);
        Doc::evaluated(id, form, profile, evaluation)
    }

    /// A document of a form already evaluated with `profile`.
    pub fn evaluated(id: String, form: Form, profile: Rc<Profile>, evaluation: Evaluation) -> Doc {
        Doc {
            id,
            form: Rc::new(form),
            profile,
            evaluation: Rc::new(evaluation),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            read_only: false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies a change to the form, records it for undo (consecutive edits of one field count as
    /// one step, as typing in a cell does), and evaluates the new form. `field` is the one field the
    /// change writes (an edit), or `None` for any other change (rows added, moved, pasted …).
    pub(crate) fn change(&mut self, field: Option<FieldPath>, f: impl FnOnce(&mut Form) -> bool) {
        let mut next = (*self.form).clone();
        if !f(&mut next) {
            return;
        }
        // Nothing changed (the same value typed again): no new revision, no undo step. An edit can
        // only change its own part of the form, so only that part is compared.
        let unchanged = match &field {
            Some(path) => path.same_part(&next, &self.form),
            None => next == *self.form,
        };
        if unchanged {
            return;
        }
        // An edited form is scored with this profile from now on, and says so when it is saved.
        if next.profile_hash != self.profile.fingerprint() {
            next.profile_hash = self.profile.fingerprint().to_string();
        }
        let same_field = field.is_some()
            && self.undo.last().is_some_and(|(_, last)| *last == field)
            && self.redo.is_empty();
        if !same_field {
            self.undo.push((self.form.clone(), field));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.install(Rc::new(next));
    }

    fn install(&mut self, form: Rc<Form>) {
        self.evaluation = Rc::new(evaluate(&form, &self.profile));
        self.form = form;
        self.revision += 1;
    }

    fn undo(&mut self) {
        if let Some((prev, _)) = self.undo.pop() {
            self.redo.push(self.form.clone());
            self.install(prev);
        }
    }

    fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push((self.form.clone(), None));
            self.install(next);
        }
    }

    /// Sets a field to what was typed. A number field keeps text that does not read as typed (and
    /// holds no number, which evaluation reports), so a field never refuses an edit.
    fn set(&mut self, path: FieldPath, value: String) {
        let profile = self.profile.clone();
        self.change(Some(path.clone()), |f| {
            path.set(f, &value, &profile).is_ok()
        });
    }
}

pub(crate) fn reduce(s: &mut AppState, action: DocAction) {
    match action {
        DocAction::Open {
            id,
            form,
            read_only,
        } => match s.registry.get(&form.profile).cloned() {
            Some(p) => {
                let mut doc = Doc::new(id, *form, p);
                doc.read_only = read_only;
                show(s, doc);
            }
            None => {
                s.import_report = Some(ImportReport {
                    file: form.header.project.clone(),
                    problems: vec![s.registry.unknown(&form.profile)],
                })
            }
        },
        DocAction::Import { id, file, bytes } => {
            if let Some(doc) = open_file(s, id, &file, &bytes) {
                show(s, doc);
            }
        }
        DocAction::OpenShared { id, bytes } => {
            if let Some(mut doc) = open_file(s, id, crate::share::LINK_FILE, &bytes) {
                doc.read_only = true;
                show(s, doc);
                s.shared = true;
                s.from_review = false;
            }
        }
        DocAction::New { id, profile } => {
            if let Some(p) = s.registry.get(&profile).cloned() {
                show(s, Doc::new(id, p.blank_form(), p));
            }
        }
        DocAction::Close => {
            s.doc = None;
            s.screen = if s.from_review {
                Screen::Review
            } else {
                Screen::Start
            };
            s.from_review = false;
            s.shared = false;
            s.focus = None;
        }
        DocAction::PrintPreview(on) => {
            if s.doc.is_some() {
                s.screen = if on { Screen::Print } else { Screen::Editor };
            }
        }
        DocAction::EditCopy { id } => {
            if let Some(doc) = &s.doc {
                s.doc = Some(Doc::new(id, (*doc.form).clone(), doc.profile.clone()));
                s.shared = false;
            }
        }
        DocAction::Set { path, value } if path == FieldPath::Status && value == "final" => {
            // A form with errors cannot pass as final: 定稿 is refused, with the errors.
            let errors: Vec<(FieldPath, Text)> = s
                .doc
                .iter()
                .flat_map(|d| d.evaluation.findings.iter())
                .filter(|f| f.severity == Severity::Error)
                .map(|f| (f.path.clone(), f.message.clone()))
                .collect();
            if errors.is_empty() {
                s.edit(|d| d.set(path, value));
            } else if s.doc.as_ref().is_some_and(|d| !d.read_only) {
                s.notice = Some(Notice::FinalRefused(errors));
            }
        }
        DocAction::Set { path, value } => s.edit(|d| d.set(path, value)),
        DocAction::Undo => s.edit(|d| d.undo()),
        DocAction::Redo => s.edit(|d| d.redo()),
        DocAction::ReadOnly(ro) => {
            if let Some(doc) = s.doc.as_mut() {
                doc.read_only = ro;
            }
        }
        DocAction::Focus(p) => s.focus = p,
    }
}

/// A file's bytes read through the engine's intake as a document with this id, or `None` with every
/// problem in the import report (the open form, if any, stays as it is).
fn open_file(s: &mut AppState, id: String, file: &str, bytes: &[u8]) -> Option<Doc> {
    match ziping_engine::open(file, bytes, &s.registry) {
        Ok(Opened {
            form,
            profile,
            evaluation,
            ..
        }) => Some(Doc::evaluated(id, form, profile, evaluation)),
        Err(u) => {
            s.import_report = Some(ImportReport {
                file: u.file,
                problems: u.problems,
            });
            None
        }
    }
}

/// Shows `doc` in the editor (a form of a link no more: [`DocAction::OpenShared`] says when it is).
fn show(s: &mut AppState, doc: Doc) {
    s.doc = Some(doc);
    s.shared = false;
    s.screen = Screen::Editor;
    s.import_report = None;
}

/// The file name an export gets: project and year, with characters file systems refuse replaced.
pub fn export_name(form: &Form) -> String {
    export_name_as(form, "json")
}

/// The file name for the form written as `ext` (`json`, `xlsx`): project and year, or a neutral name.
pub fn export_name_as(form: &Form, ext: &str) -> String {
    let mut name = format!("{}-{}", form.header.project.trim(), form.header.year.trim());
    name.retain(|c| {
        !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
    });
    let name = name.trim_matches('-');
    if name.is_empty() {
        format!("ziping-form.{ext}")
    } else {
        format!("{name}.{ext}")
    }
}
