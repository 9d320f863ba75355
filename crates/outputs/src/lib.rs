//! Ziping's text outputs, shared by the web app and the command line:
//!
//! - [`summary_csv`]: the review desk's summary table as CSV for Excel;
//! - [`summary_text`]: a form's summary for the clipboard;
//! - [`report`] and [`summary`]: the command line's `check` and `check --summary` reports.
//!
//! The engine computes every number; this crate only writes out what it computed. It writes no
//! workbook (that is `crates/xlsx`) and knows nothing of the browser.

#![forbid(unsafe_code)]

mod clipboard;
mod csv;
mod report;

pub use clipboard::summary_text;
pub use csv::summary_csv;
pub use report::{report, summary};

use ziping_engine::{Form, Lang};

/// What the form states for its total and grade, as text (`—` for what it leaves out).
fn declared(form: &Form) -> (String, &str) {
    let d = &form.declared;
    let total = d.total.map_or_else(|| "—".to_string(), |t| t.to_string());
    let grade = if d.grade.is_empty() { "—" } else { &d.grade };
    (total, grade)
}

/// `zh` or `en`, as `lang` asks.
fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
