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
pub use summary::{left_out, summary_workbook};

use ziping_engine::path::FieldPath;
use ziping_engine::{Form, Profile, Text};

/// Why a workbook could not be written (a limit of the xlsx format: a text over 32 767 characters,
/// over 1 048 576 rows), in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputError(pub Text);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workbook could not be written: {}", self.0.en)
    }
}

impl std::error::Error for OutputError {}

impl From<rust_xlsxwriter::XlsxError> for OutputError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        OutputError(Text::same(e.to_string()))
    }
}

/// The most characters an Excel (or WPS) cell holds.
pub const CELL_TEXT_MAX: usize = 32_767;

/// The first text of `form` too long for a cell of a workbook: where it is (its path in the file)
/// and how many characters it has.
pub fn too_long(form: &Form) -> Option<(String, usize)> {
    fn walk(v: &serde_json::Value, path: &mut String) -> Option<(String, usize)> {
        match v {
            serde_json::Value::String(s) => {
                let n = s.chars().count();
                (n > CELL_TEXT_MAX).then(|| (path.clone(), n))
            }
            serde_json::Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(x, path);
                path.truncate(len);
                found
            }),
            serde_json::Value::Object(m) => m.iter().find_map(|(k, x)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let found = walk(x, path);
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    let v: serde_json::Value = serde_json::from_str(&ziping_engine::to_json(form)).ok()?;
    walk(&v, &mut String::new())
}

/// Why `form` cannot be a workbook, when a text of it is too long for a cell: the field named as the
/// form shows it.
pub fn too_long_error(form: &Form, profile: &Profile) -> Option<OutputError> {
    let (path, n) = too_long(form)?;
    let place = FieldPath::parse(&path)
        .map(|p| ziping_engine::place::place(&p, form, profile))
        .unwrap_or_else(|| Text::same(path.clone()));
    Some(OutputError(Text::new(
        format!("“{}”有 {n} 个字符，超过 Excel 单元格的上限 {CELL_TEXT_MAX}：请缩短后再导出", place.zh),
        format!("\"{}\" has {n} characters, more than an Excel cell holds ({CELL_TEXT_MAX}): shorten it and export again", place.en),
    )))
}
