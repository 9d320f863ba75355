//! Helpers shared by the engine's integration tests (each test file includes this with `mod common;`).

use ziping_engine::{Evaluation, Form, Problem, Registry};

/// Reads a form through the intake and evaluates it with the profile it names.
pub fn evaluate_file(text: &str) -> Result<(Form, Evaluation), Vec<Problem>> {
    ziping_engine::open("test.json", text.as_bytes(), &Registry::new())
        .map(|o| (o.form, o.evaluation))
        .map_err(|u| u.problems)
}
