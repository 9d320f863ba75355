//! Ziping's text outputs, shared by the web app and the command line:
//!
//! - [`summary_csv`]: the review desk's summary table as CSV for Excel;
//! - [`summary_text`]: a form's summary for the clipboard;
//! - [`report`] and [`summary`]: the command line's `check` and `check --summary` reports.
//!
//! The engine computes every number; this crate only writes out what it computed. It writes no
//! workbook (that is `crates/xlsx`) and knows nothing of the browser.

mod clipboard;
mod csv;
mod report;

pub use clipboard::summary_text;
pub use csv::summary_csv;
pub use report::{report, summary};
