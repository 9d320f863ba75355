//! The `ziping-form` file format: JSON, decimals as strings, a `schema_version`, strict reading.
//!
//! Writing is deterministic (fixed field order, empty fields left out, two-space indent, final newline),
//! so export → import → export is byte-identical. Reading is all-or-nothing: either the whole file is
//! a valid form, or every problem is reported with its path and nothing is loaded. Older versions are
//! brought up to date by explicit migration functions ([`migrate`]). See docs/format.md and
//! docs/ziping-form.schema.json.

pub mod migrate;
mod read;
pub mod write;

pub use crate::reader::{too_large, Problem, MAX_FILE_BYTES, MAX_FILE_MB, MAX_ROWS};
pub use read::{fields, read_form, read_value};
pub use write::to_json;

/// The format name every form file carries in its `format` field.
pub const FORMAT: &str = "ziping-form";
/// The schema version this engine writes.
pub const SCHEMA_VERSION: u64 = 2;
