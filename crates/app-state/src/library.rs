//! What this browser keeps beside the open form: the list of saved drafts, and the profiles the user
//! imported (added to the state's registry, which refuses a profile that would take a built-in id).

use crate::notices::{ImportReport, Notice};
use crate::AppState;
use ziping_engine::Profile;

/// A draft saved in this browser, as listed on the start screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftMeta {
    pub id: String,
    pub title: String,
    pub profile: String,
    /// Milliseconds since 1970, from the browser's clock.
    pub updated: u64,
}

/// Actions on the drafts list and the imported profiles.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryAction {
    /// The drafts saved in this browser, newest first.
    Drafts(Vec<DraftMeta>),
    /// A draft was deleted; its text is kept in the notice so that it can be restored.
    Deleted { meta: DraftMeta, text: String },
    /// A profile file the user imported (named `file`), already read and validated, with its text.
    ImportProfile {
        file: String,
        profile: Box<Profile>,
        source: String,
    },
    /// The profiles this browser kept from earlier imports (at start), each with its file's text.
    KeptProfiles(Vec<(Profile, String)>),
}

pub(crate) fn reduce(s: &mut AppState, action: LibraryAction) {
    match action {
        LibraryAction::Drafts(list) => s.drafts = list,
        LibraryAction::Deleted { meta, text } => {
            s.drafts.retain(|d| d.id != meta.id);
            s.notice = Some(Notice::Deleted { meta, text });
        }
        LibraryAction::ImportProfile {
            file,
            profile,
            source,
        } => match s.registry.add_file(*profile, &source) {
            Ok(p) => {
                s.notice = Some(Notice::Info(format!("{} · {}", p.name.zh, p.name.en)));
            }
            Err(problem) => {
                s.import_report = Some(ImportReport {
                    file,
                    problems: vec![problem],
                })
            }
        },
        LibraryAction::KeptProfiles(list) => {
            // A kept profile that would take a built-in id (kept by an older version) is not used,
            // and the user is told: the built-in rules hold.
            let refused: Vec<String> = list
                .into_iter()
                .filter_map(|(p, source)| s.registry.add_file(p, &source).err())
                .map(|problem| problem.message.zh)
                .collect();
            if !refused.is_empty() {
                s.notice = Some(Notice::Info(refused.join("；")));
            }
        }
    }
}
