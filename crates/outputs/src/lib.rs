//! Ziping's text outputs, shared by the web app and the command line:
//!
//! - [`summary_csv`]: the review desk's summary table as CSV for Excel.
//!
//! The engine computes every number; this crate only writes out what it computed.

mod csv;

pub use csv::summary_csv;
