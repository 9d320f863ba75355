//! The export worker: it runs the page's workbook jobs ([`Job`]), reading each form again through the
//! engine's intake — with the same registry rule as every other shell — and writing the workbook with
//! `ziping_xlsx`. Pure and tested natively; `src/main.rs` is the web worker around [`run`].

#![forbid(unsafe_code)]

use ziping_app_state::jobs::Job;
use ziping_engine::review::{review, Reviewed};
use ziping_engine::{intake, Lang, Registry, Text, Unreadable};

/// Runs a job (the text the page sent): the workbook's bytes, or why it could not be written, in both
/// languages.
pub fn run(job: &str) -> Result<Vec<u8>, Text> {
    let job: Job = serde_json::from_str(job).map_err(|e| {
        Text::new(
            format!("导出任务无法读取：{e}"),
            format!("the export job cannot be read: {e}"),
        )
    })?;
    match job {
        Job::Form {
            file,
            form,
            profiles,
        } => {
            let registry = registry(&profiles)?;
            let o = intake::open(&file, form.as_bytes(), &registry).map_err(describe)?;
            ziping_xlsx::form_workbook(&o.form, &o.profile, &o.evaluation).map_err(|e| {
                let why = failed(e);
                Text::new(
                    format!("“{file}”{}", why.zh),
                    format!("\"{file}\": {}", why.en),
                )
            })
        }
        Job::Summary {
            forms,
            unreadable,
            profiles,
        } => {
            let registry = registry(&profiles)?;
            let mut rows: Vec<Reviewed> = Vec::new();
            let mut bad: Vec<Unreadable> = Vec::new();
            for f in forms {
                match intake::open(&f.file, f.form.as_bytes(), &registry) {
                    Ok(o) => rows.push(review(o)),
                    Err(u) => bad.push(u),
                }
            }
            bad.extend(
                unreadable
                    .into_iter()
                    .map(|u| Unreadable::new(&u.file, u.problems)),
            );
            let refs: Vec<&Reviewed> = rows.iter().collect();
            ziping_xlsx::summary_workbook(&refs, &bad).map_err(failed)
        }
    }
}

/// The built-in profiles and the job's imported ones, under the registry's one rule.
fn registry(profiles: &[String]) -> Result<Registry, Text> {
    let mut registry = Registry::new();
    for (i, text) in profiles.iter().enumerate() {
        let file = format!("profile {}", i + 1);
        let p = intake::open_profile(&file, text.as_bytes()).map_err(describe)?;
        registry.add(p).map_err(|p| p.message)?;
    }
    Ok(registry)
}

fn describe(u: Unreadable) -> Text {
    let lines = |lang| u.problems.iter().map(|p| p.line(lang)).collect::<Vec<_>>();
    Text::new(
        format!("“{}”无法读取：{}", u.file, lines(Lang::Zh).join("；")),
        format!(
            "\"{}\" cannot be read: {}",
            u.file,
            lines(Lang::En).join("; ")
        ),
    )
}

fn failed(e: ziping_xlsx::OutputError) -> Text {
    Text::new(
        format!("工作簿无法写出：{}", e.0.zh),
        format!("the workbook could not be written: {}", e.0.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziping_engine::Profile;

    const SEED: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");

    #[test]
    fn a_form_job_writes_the_same_workbook_as_the_command_line() {
        let r = Registry::new();
        let o = intake::open("seed.json", SEED.as_bytes(), &r).unwrap();
        let bytes = run(&Job::form(&o.form, &r).to_text()).unwrap();
        let direct = ziping_xlsx::form_workbook(&o.form, &o.profile, &o.evaluation).unwrap();
        assert_eq!(bytes.len(), direct.len());
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn a_form_of_an_imported_profile_travels_with_its_profile() {
        let mut custom = Profile::builtin("central-2020").unwrap();
        custom.id = "my-county-2024".into();
        let mut form = custom.blank_form();
        form.header.project = "自定义规则的表".into();
        let mut r = Registry::new();
        r.add(custom).unwrap();
        let job = Job::form(&form, &r).to_text();
        assert!(job.contains("my-county-2024"));
        assert!(run(&job).is_ok());
        // Without the profile the worker says which one is missing.
        let err = run(&Job::form(&form, &Registry::new()).to_text()).unwrap_err();
        assert!(err.en.contains("my-county-2024"), "{err:?}");
        assert!(err.zh.contains("my-county-2024"), "{err:?}");
    }

    #[test]
    fn a_summary_job_keeps_rows_order_and_unreadable_files() {
        let r = Registry::new();
        let seed = review(intake::open("seed.json", SEED.as_bytes(), &r).unwrap());
        let bad = intake::open("bad.json", b"{", &r).unwrap_err();
        let job = Job::summary(&[&seed], std::slice::from_ref(&bad), &r).to_text();
        let bytes = run(&job).unwrap();
        let direct = ziping_xlsx::summary_workbook(&[&seed], &[bad]).unwrap();
        assert_eq!(bytes.len(), direct.len());
        assert!(run("not json")
            .unwrap_err()
            .en
            .starts_with("the export job cannot be read"));
        assert!(run("{\"kind\": \"other\"}").is_err());
    }
}
