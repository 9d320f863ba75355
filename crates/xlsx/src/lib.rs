//! Ziping's Excel workbooks, written by the command line and by the web app's export worker (never by
//! the page itself):
//!
//! - [`form_workbook`]: one form as an Excel workbook in its profile's layout (merged cells, column
//!   widths, A4 page set-up, repeated title rows, print area). Every derived number is a live formula
//!   with the engine's value cached, so that editing an input in Excel or WPS recomputes the totals.
//! - [`summary_workbook`]: the review desk's summary of many forms.
//!
//! The engine computes every number; this crate only lays numbers out and writes the formulas that
//! reproduce them. Formulas round with `ROUND`, which is 四舍五入 (half away from zero) in Excel, WPS
//! and LibreOffice alike.

#![forbid(unsafe_code)]

mod cells;
mod form;
mod summary;

pub use form::form_workbook;
pub use summary::summary_workbook;

/// Why a workbook could not be written (only on limits of the xlsx format, e.g. over 1 048 576 rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workbook could not be written: {}", self.0)
    }
}

impl std::error::Error for OutputError {}

impl From<rust_xlsxwriter::XlsxError> for OutputError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        OutputError(e.to_string())
    }
}
