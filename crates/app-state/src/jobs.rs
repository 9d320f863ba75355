//! The export worker's protocol: what the page asks the worker to write. The xlsx writer lives in the
//! worker (`crates/export-worker`), so the page never links it. A job travels as JSON text; the worker
//! reads it with the same type and answers with the workbook's bytes or a bilingual message.

use serde::{Deserialize, Serialize};
use ziping_engine::review::Reviewed;
use ziping_engine::{Problem, Registry, Unreadable};

/// A workbook to write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// One form's workbook, in its profile's layout.
    Form {
        /// The file's name, for messages.
        file: String,
        /// The form as a `ziping-form` file.
        form: String,
        /// The imported profiles the page knows, as profile files.
        profiles: Vec<String>,
    },
    /// The review desk's summary of `forms` (in the table's order) and the unreadable files.
    Summary {
        forms: Vec<JobFile>,
        unreadable: Vec<JobUnreadable>,
        profiles: Vec<String>,
    },
}

/// A form of a summary job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobFile {
    pub file: String,
    pub form: String,
}

/// An unreadable file of a summary job, with its problems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobUnreadable {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Job {
    /// The job for one form's workbook.
    pub fn form(form: &ziping_engine::Form, registry: &Registry) -> Job {
        Job::Form {
            file: crate::export_name(form),
            form: ziping_engine::to_json(form),
            profiles: custom_profiles(registry),
        }
    }

    /// The job for the summary of `rows` (in the table's order) and the unreadable files.
    pub fn summary(rows: &[&Reviewed], unreadable: &[Unreadable], registry: &Registry) -> Job {
        Job::Summary {
            forms: rows
                .iter()
                .map(|r| JobFile {
                    file: r.file.clone(),
                    form: ziping_engine::to_json(&r.form),
                })
                .collect(),
            unreadable: unreadable
                .iter()
                .map(|u| JobUnreadable {
                    file: u.file.clone(),
                    problems: u.problems.clone(),
                })
                .collect(),
            profiles: custom_profiles(registry),
        }
    }

    /// The job as the text sent to the worker.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The imported profiles' files, as they were read.
fn custom_profiles(registry: &Registry) -> Vec<String> {
    registry
        .custom_sources()
        .iter()
        .map(|s| s.to_string())
        .collect()
}
