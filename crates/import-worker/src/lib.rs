//! The import worker's work, pure and tested natively: a batch of workbooks
//! ([`ziping_app_state::workbooks::ReadJob`] and the files' bytes) read through the one workbook
//! intake (`ziping_workbook::open`, with the imported profiles in the registry), an answer per file.
//! `main.rs` is the web worker around it.

#![forbid(unsafe_code)]

use ziping_app_state::workbooks::{ReadAnswer, ReadJob};
use ziping_engine::{intake, Problem, Registry, Unreadable};

/// Reads every file of the job (`bytes[i]` is `job.files[i]`'s): a file that cannot be read gets
/// its problems, and every other file is still read.
pub fn run(job: &ReadJob, bytes: &[Vec<u8>]) -> Vec<ReadAnswer> {
    let mut registry = Registry::new();
    for (i, text) in job.profiles.iter().enumerate() {
        // A kept profile that no longer reads is left out, as the page leaves it out.
        if let Ok(p) = intake::open_profile(&format!("profile {i}"), text.as_bytes()) {
            let _ = registry.add_file(p, text);
        }
    }
    job.files
        .iter()
        .enumerate()
        .map(|(i, file)| match bytes.get(i) {
            Some(b) => ReadAnswer::of(ziping_workbook::open(file, b, &registry)),
            None => ReadAnswer::of(Err(Unreadable::new(
                file,
                vec![Problem::file(
                    "文件内容未送达读取程序",
                    "the file's bytes did not reach the reader",
                )],
            ))),
        })
        .collect()
}

/// The job's text read, for the worker: `None` when it is not a job.
pub fn job_of(text: &str) -> Option<ReadJob> {
    serde_json::from_str(text).ok()
}
