//! Ziping's scoring engine: the form model, rule profiles, the value parser, evaluation with
//! explanations and findings, and the `ziping-form` file format.
//!
//! Pure Rust with no web dependency: it builds and tests natively in seconds, and on wasm32 for the
//! browser. The one entry point for numbers is [`evaluate`]: a pure function from a form and its
//! profile to every derived number. Nothing outside this crate computes a score.

#![forbid(unsafe_code)]

pub mod decimal;
pub mod entry;
pub mod evaluate;
pub mod explain;
pub mod findings;
pub mod format;
pub mod intake;
pub mod model;
pub mod path;
pub mod place;
pub mod profile;
pub mod reader;
pub mod result;
pub mod review;
pub mod sample;
pub mod text;
pub mod value;
pub mod workbook;

pub use evaluate::evaluate;
pub use findings::{Finding, Severity};
pub use format::{read_form, to_json};
pub use intake::{open, Opened, Unreadable};
pub use model::Form;
pub use profile::Profile;
pub use profile::Registry;
pub use reader::Problem;
pub use result::Evaluation;
pub use text::{Lang, Text};
