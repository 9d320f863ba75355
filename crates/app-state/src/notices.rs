//! Messages to the user: a file that could not be imported (every problem with its path), a deleted
//! draft that can be restored, a save that failed, a draft that could not be read, storage switched
//! off, a draft open in another tab.

use crate::library::DraftMeta;
use crate::AppState;
use ziping_engine::path::FieldPath;
use ziping_engine::{Problem, Text};

/// A file that could not be imported: its name and every problem, with its path.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    pub file: String,
    pub problems: Vec<Problem>,
}

/// A message at the top of the page that the user can dismiss (and, for a deletion, undo).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A draft was deleted; its saved text is kept so that it can be restored.
    Deleted { meta: DraftMeta, text: String },
    /// Saving to this browser failed: the work is kept in memory, and export is offered.
    SaveFailed(String),
    /// Something worth telling (e.g. "profile imported").
    Info(String),
    /// Something the user asked for failed (an export, a download), said in both languages.
    Failed(Text),
    /// A saved draft could not be read: its text was set aside under `key`, nothing was lost.
    Corrupted {
        title: String,
        key: String,
        text: String,
    },
    /// This browser's storage is switched off: nothing is saved automatically.
    StorageOff,
    /// The draft is being edited in another tab: this tab shows it read-only.
    OpenElsewhere,
    /// Profiles kept in this browser could not be read any more: their text was set aside under
    /// these keys, nothing was lost.
    ProfilesSetAside(Vec<String>),
    /// Drafts this browser holds were missing from the drafts' list (a list damaged or cut short):
    /// this many were put back on it.
    DraftsPutBack(usize),
    /// 定稿 was refused: the form still has errors (each with the field it concerns).
    FinalRefused(Vec<(FieldPath, Text)>),
}

/// Actions on what the page tells the user.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeAction {
    /// A file could not be imported: show every problem (nothing else changes).
    ImportFailed(ImportReport),
    DismissImport,
    /// Show a notice, or dismiss the one shown (`None`).
    Show(Option<Notice>),
}

pub(crate) fn reduce(s: &mut AppState, action: NoticeAction) {
    match action {
        NoticeAction::ImportFailed(report) => s.import_report = Some(report),
        NoticeAction::DismissImport => s.import_report = None,
        NoticeAction::Show(n) => s.notice = n,
    }
}
