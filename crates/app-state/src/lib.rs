//! The app's state and its one reducer: a pure function from state and action to the next state.
//!
//! Nothing here touches the browser: storage, files and the clipboard are effects the web app
//! performs around the reducer. So the whole behaviour of the editor — edits, undo and redo,
//! structural row changes, paste from Excel, imports, the review desk — is tested natively
//! (`tests.rs`). Every number the app shows comes from the engine: the reducer evaluates the form
//! after each change and keeps the evaluation in the state.
//!
//! The reducer is split by concern, each module with its own actions:
//! - [`document`]: the open form — open, new, close, edit, undo and redo, print preview, read-only;
//! - [`rows`]: the structure of its tables — rows added, removed, moved, indented, pasted
//!   ([`paste`]: rows copied from Excel or WPS, their columns matched by header or guessed);
//! - [`review`]: the review desk's batch, its sorting and filters;
//! - [`library`]: what this browser keeps — the drafts list and the imported profiles;
//! - [`notices`]: messages to the user and import reports;
//! - [`share`]: a form in a link's fragment (`#f=…`): its format and limits.
//!
//! Beside it: [`profile_editor`] (the state and reducer of the profile editor's own page: a rule
//! profile written from a built-in, with a sample scored live), [`findings_index`] (the findings by field, for inputs to show), [`sections`] (when a
//! section of the editor must render again), [`jobs`] (the export worker's protocol),
//! [`workbooks`] (the import worker's protocol, and a workbook's forms previewed before one opens).

#![forbid(unsafe_code)]

pub mod document;
pub mod findings_index;
pub mod jobs;
pub mod library;
pub mod notices;
pub mod paste;
pub mod profile_editor;
pub mod review;
pub mod rows;
pub mod sections;
pub mod share;
pub mod workbooks;

pub use document::{export_name, export_name_as, Doc, DocAction};
pub use library::{DraftMeta, LibraryAction};
pub use notices::{ImportReport, Notice, NoticeAction};
pub use profile_editor::{ProfileAction, ProfilePage};
pub use review::ReviewAction;
pub use rows::RowAction;
pub use workbooks::{WorkbookAction, WorkbookPage};
pub use ziping_engine::text::Lang;

use ziping_engine::path::FieldPath;
use ziping_engine::Registry;

/// Where the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Start,
    Editor,
    /// The open form as it prints: the profile's official table, values as text.
    Print,
    /// The review desk: many forms checked and summarised at once.
    Review,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    pub lang: Lang,
    pub screen: Screen,
    /// The profiles: built-in ones, then imported ones (which never take a built-in id).
    pub registry: Registry,
    pub drafts: Vec<DraftMeta>,
    pub doc: Option<Doc>,
    pub import_report: Option<ImportReport>,
    pub notice: Option<Notice>,
    /// The finding or field the user asked to go to; the UI focuses it and clears it.
    pub focus: Option<FieldPath>,
    /// The review desk's batch, kept while forms of it are opened.
    pub review: review::Review,
    /// The open form came from the review desk: closing it goes back there.
    pub from_review: bool,
    /// The open form came from a link (`#f=…`, [`share`]): shown read-only, kept nowhere in this
    /// browser until "edit a copy" makes a draft of it.
    pub shared: bool,
}

/// Everything that can happen, by concern.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    Document(DocAction),
    Rows(RowAction),
    Review(ReviewAction),
    Library(LibraryAction),
    Notice(NoticeAction),
}

impl AppState {
    /// The state at start: built-in profiles, no form open.
    pub fn new(lang: Lang) -> AppState {
        AppState {
            lang,
            ..AppState::default()
        }
    }

    /// The next state. Never panics; an action that does not apply leaves the state as it is.
    pub fn reduce(&self, action: impl Into<Action>) -> AppState {
        let mut s = self.clone();
        match action.into() {
            Action::SetLang(l) => s.lang = l,
            Action::Document(a) => document::reduce(&mut s, a),
            Action::Rows(a) => {
                // A row just added takes the keyboard focus on its first field.
                let mut focus = None;
                s.edit(|doc| focus = rows::reduce(doc, a));
                if focus.is_some() {
                    s.focus = focus;
                }
            }
            Action::Review(a) => review::reduce(&mut s, a),
            Action::Library(a) => library::reduce(&mut s, a),
            Action::Notice(a) => notices::reduce(&mut s, a),
        }
        s
    }

    /// Applies `f` to the open document, unless it is read-only.
    fn edit(&mut self, f: impl FnOnce(&mut Doc)) {
        if let Some(doc) = self.doc.as_mut() {
            if !doc.read_only {
                f(doc);
            }
        }
    }
}

macro_rules! action_from {
    ($($variant:ident($ty:ty)),*) => {
        $(impl From<$ty> for Action {
            fn from(a: $ty) -> Action {
                Action::$variant(a)
            }
        })*
    };
}

action_from!(
    Document(DocAction),
    Rows(RowAction),
    Review(ReviewAction),
    Library(LibraryAction),
    Notice(NoticeAction)
);

#[cfg(test)]
mod paste_tests;
#[cfg(test)]
mod tests;
