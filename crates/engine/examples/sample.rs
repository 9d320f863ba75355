//! Prints a synthetic form (`ziping_engine::sample`) as a `ziping-form` file, for the browser
//! benchmarks (`bench/browser.mjs`) and load tests.
//!
//! ```text
//! cargo run --release -p ziping-engine --example sample -- <rows> [--gaps] > form.json
//! ```
//!
//! `rows` is the number of level-3 indicator rows (at least 3); `--gaps` prints
//! `large_form_with_gaps` (a finding on most rows) instead of `large_form`.

use std::process::ExitCode;
use ziping_engine::sample::{large_form, large_form_with_gaps};
use ziping_engine::to_json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gaps = args.iter().any(|a| a == "--gaps");
    let rows = args
        .iter()
        .find(|a| *a != "--gaps")
        .and_then(|a| a.parse::<usize>().ok());
    let Some(rows) = rows else {
        eprintln!("usage: sample <rows> [--gaps]   (prints a ziping-form file on stdout)");
        return ExitCode::from(2);
    };
    let form = if gaps {
        large_form_with_gaps(rows)
    } else {
        large_form(rows)
    };
    println!("{}", to_json(&form));
    ExitCode::SUCCESS
}
