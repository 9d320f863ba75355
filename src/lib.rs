//! Ziping (自评): the web app and the command line over the scoring engine.
//!
//! The engine lives in its own crate (`engine/`, `ziping_engine`) so that the compiler enforces that it
//! never depends on anything web: it is re-exported here as `ziping::engine`.

pub use ziping_engine as engine;

pub mod export_jobs;
pub mod state;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
