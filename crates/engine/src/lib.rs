//! Ziping's scoring engine: the form model, rule profiles, the value parser, evaluation with
//! explanations and findings, and the `ziping-form` file format.
//!
//! Pure Rust with no web dependency: it builds and tests natively in seconds, and on wasm32 for the
//! browser. The one entry point for numbers is [`evaluate`]: a pure function from a form and its
//! profile to every derived number. Nothing outside this crate computes a score.

pub mod decimal;
pub mod evaluate;
pub mod explain;
pub mod findings;
pub mod format;
pub mod model;
pub mod profile;
pub mod result;
pub mod review;
pub mod sample;
pub mod text;
pub mod value;

pub use evaluate::evaluate;
pub use findings::{Finding, Severity};
pub use format::{read_form, to_json, Problem};
pub use model::Form;
pub use profile::Profile;
pub use result::Evaluation;
pub use text::Text;

/// Reads a form file and evaluates it with its built-in profile (or `profile`, when given).
/// The error lists every problem that kept the file from being read.
pub fn evaluate_file(
    text: &str,
    profile: Option<&Profile>,
) -> Result<(Form, Evaluation), Vec<Problem>> {
    let form = read_form(text)?;
    let builtin;
    let profile = match profile {
        Some(p) => p,
        None => {
            builtin = Profile::builtin(&form.profile).ok_or_else(|| {
                let known: Vec<String> = Profile::builtins().into_iter().map(|p| p.id).collect();
                vec![Problem::new(
                    "profile",
                    format!(
                        "没有编号为“{}”的内置规则（可用：{}）",
                        form.profile,
                        known.join("、")
                    ),
                    format!(
                        "there is no built-in profile \"{}\" (available: {})",
                        form.profile,
                        known.join(", ")
                    ),
                )]
            })?;
            &builtin
        }
    };
    let evaluation = evaluate(&form, profile);
    Ok((form, evaluation))
}
