//! The export worker's jobs: what the page asks the worker to write (the xlsx writer lives in the
//! worker, `crates/export-worker`, so the page never links it). A job is plain JSON text.

use serde_json::json;
use std::rc::Rc;
use ziping_engine::review::{Reviewed, Unreadable};
use ziping_engine::{Form, Profile};

/// The job for one form's workbook. `profiles` are the imported (non-built-in) profiles the page
/// knows, as their JSON, so the worker can evaluate a form that uses one.
pub fn form_job(form: &Form, profiles: &[Rc<Profile>]) -> String {
    json!({
        "kind": "form",
        "form": ziping_engine::to_json(form),
        "profiles": custom_profiles(profiles),
    })
    .to_string()
}

/// The job for the review summary of `rows` (in the table's order) and the unreadable files.
pub fn summary_job(
    rows: &[&Reviewed],
    unreadable: &[Unreadable],
    profiles: &[Rc<Profile>],
) -> String {
    json!({
        "kind": "summary",
        "forms": rows
            .iter()
            .map(|r| json!({"file": r.file, "form": ziping_engine::to_json(&r.form)}))
            .collect::<Vec<_>>(),
        "unreadable": unreadable
            .iter()
            .map(|u| json!({
                "file": u.file,
                "problems": u.problems
                    .iter()
                    .map(|p| json!({"path": p.path, "zh": p.message.zh, "en": p.message.en}))
                    .collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>(),
        "profiles": custom_profiles(profiles),
    })
    .to_string()
}

fn custom_profiles(profiles: &[Rc<Profile>]) -> Vec<String> {
    let builtin: Vec<String> = Profile::builtins().into_iter().map(|p| p.id).collect();
    profiles
        .iter()
        .filter(|p| !builtin.contains(&p.id))
        .map(|p| p.to_json())
        .collect()
}
