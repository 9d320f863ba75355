//! The export worker: it runs the page's workbook jobs (`ziping_app_state::jobs`), reading each form
//! again with the engine's reader, evaluating it and writing the workbook with `ziping_xlsx`. Pure and
//! tested natively; `src/main.rs` is the web worker around [`run`].

use serde_json::Value;
use std::rc::Rc;
use ziping_engine::review::{Reviewed, Unreadable};
use ziping_engine::{Problem, Profile};

/// Runs a job: the workbook's bytes, or why it could not be written.
pub fn run(job: &str) -> Result<Vec<u8>, String> {
    let v: Value = serde_json::from_str(job).map_err(|e| format!("unreadable job: {e}"))?;
    let mut profiles: Vec<Rc<Profile>> = Profile::builtins().into_iter().map(Rc::new).collect();
    for text in v["profiles"].as_array().into_iter().flatten() {
        let p = Profile::from_json(text.as_str().unwrap_or("")).map_err(|problems| {
            let first = problems
                .first()
                .map(|p| p.message.en.clone())
                .unwrap_or_default();
            format!("a profile of the job is rejected: {first}")
        })?;
        profiles.push(Rc::new(p));
    }
    match v["kind"].as_str() {
        Some("form") => {
            let text = v["form"].as_str().ok_or("the job has no form")?;
            let form = ziping_app_state::import_form(text).map_err(|p| describe(&p))?;
            let profile = profiles
                .iter()
                .rev()
                .find(|p| p.id == form.profile)
                .ok_or_else(|| format!("no profile \"{}\"", form.profile))?;
            let ev = ziping_engine::evaluate(&form, profile);
            ziping_xlsx::form_workbook(&form, profile, &ev).map_err(|e| e.to_string())
        }
        Some("summary") => {
            let mut rows = Vec::new();
            let mut unreadable = Vec::new();
            for f in v["forms"].as_array().into_iter().flatten() {
                let name = f["file"].as_str().unwrap_or("");
                match ziping_app_state::review::review_file(
                    name,
                    f["form"].as_str().unwrap_or(""),
                    &profiles,
                ) {
                    Ok(r) => rows.push(r),
                    Err(u) => unreadable.push(u),
                }
            }
            for u in v["unreadable"].as_array().into_iter().flatten() {
                unreadable.push(Unreadable {
                    file: u["file"].as_str().unwrap_or("").to_string(),
                    problems: u["problems"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| {
                            Problem::new(
                                p["path"].as_str().unwrap_or(""),
                                p["zh"].as_str().unwrap_or(""),
                                p["en"].as_str().unwrap_or(""),
                            )
                        })
                        .collect(),
                });
            }
            let refs: Vec<&Reviewed> = rows.iter().collect();
            ziping_xlsx::summary_workbook(&refs, &unreadable).map_err(|e| e.to_string())
        }
        _ => Err("unknown job".into()),
    }
}

fn describe(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message.en))
        .collect();
    format!("the form cannot be read: {}", lines.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziping_app_state::jobs::{form_job, summary_job};

    const SEED: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");

    fn profiles() -> Vec<Rc<Profile>> {
        Profile::builtins().into_iter().map(Rc::new).collect()
    }

    #[test]
    fn a_form_job_writes_the_same_workbook_as_the_command_line() {
        let form = ziping_app_state::import_form(SEED).unwrap();
        let bytes = run(&form_job(&form, &profiles())).unwrap();
        let profile = Profile::builtin("jinzhong-2021").unwrap();
        let ev = ziping_engine::evaluate(&form, &profile);
        let direct = ziping_xlsx::form_workbook(&form, &profile, &ev).unwrap();
        assert_eq!(bytes.len(), direct.len());
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn a_form_of_an_imported_profile_travels_with_its_profile() {
        let mut custom = Profile::builtin("central-2020").unwrap();
        custom.id = "my-county-2024".into();
        let mut form = custom.blank_form();
        form.header.project = "自定义规则的表".into();
        let mut all = profiles();
        all.push(Rc::new(custom));
        let job = form_job(&form, &all);
        assert!(job.contains("my-county-2024"));
        assert!(run(&job).is_ok());
        // Without the profile the worker says which one is missing.
        let err = run(&form_job(&form, &profiles())).unwrap_err();
        assert!(err.contains("my-county-2024"), "{err}");
    }

    #[test]
    fn a_summary_job_keeps_rows_order_and_unreadable_files() {
        let all = profiles();
        let seed = ziping_app_state::review::review_file("seed.json", SEED, &all).unwrap();
        let bad = ziping_app_state::review::review_file("bad.json", "{", &all).unwrap_err();
        let job = summary_job(&[&seed], &[bad], &all);
        let bytes = run(&job).unwrap();
        let direct = ziping_xlsx::summary_workbook(
            &[&seed],
            &[ziping_app_state::review::review_file("bad.json", "{", &all).unwrap_err()],
        )
        .unwrap();
        assert_eq!(bytes.len(), direct.len());
        assert_eq!(
            run("not json").unwrap_err().split(':').next(),
            Some("unreadable job")
        );
        assert_eq!(run("{\"kind\": \"other\"}").unwrap_err(), "unknown job");
    }
}
