//! Ziping's scoring engine. Pure Rust, no web dependency.
