//! Forms in workbooks: a sheet filled in the layout of a profile, found by its labels and read into
//! a [`Form`](crate::model::Form), with where every field came from.
//!
//! The engine reads no file format: the workbook reader (`crates/workbook`, calamine) turns an
//! .xlsx, .xls or .ods file into a [`grid::Workbook`] of cells, and [`recognise`] finds the forms in
//! it. Each form found is then written as a `ziping-form` file and opened through the one intake
//! ([`crate::intake::open_workbook`]), so a workbook's form gets the same findings as the same form
//! typed in or imported as JSON.
//!
//! - [`grid`]: sheets, cells (text, numbers with what their format shows, dates, errors).
//! - [`labels`]: the words each part of a form is recognised by, as data (`labels.json`, the
//!   profile's titles and its `labels`).
//! - [`recognise`]: forms found by their labels wherever they are on a sheet — title rows, a unit
//!   above the title, blank rows and columns, merged cells, headers with variants, footnotes,
//!   several forms on one sheet or one per sheet — the profile whose layout fits best, every
//!   field's cell (`Mapped`), and the cells that looked meaningful but were not used (`Unused`).

/// The largest workbook file read (a filled form is tens of kilobytes); the shells refuse a larger
/// one before reading it.
pub const MAX_WORKBOOK_BYTES: usize = 16 * 1024 * 1024;

/// Whether a file's name says it is a workbook (`.xlsx`, `.xls`, `.ods`, WPS's `.et`), for the size a
/// shell lets it have before its bytes are read; the bytes decide what it is
/// ([`crate::intake::is_workbook`]).
pub fn named_as_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods", ".et"]
        .iter()
        .any(|e| lower.ends_with(e))
}

pub mod grid;
pub mod labels;
mod recognise;

pub use grid::{Cell, CellRef, Sheet, Workbook};
pub use recognise::{recognise, Found, Mapped, Recognition, Unused, CARRIED_SHEET};
