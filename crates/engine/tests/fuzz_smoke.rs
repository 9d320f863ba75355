//! A short run of each fuzz target on every test run (about 3 seconds each), so that the fuzzers keep
//! building and a regression that any of them finds fails the native test layer. The long runs are
//! `cargo run --release -p ziping-engine --example fuzz -- <target> <seconds> [seed]` (docs/hardening.md).
//!
//! The seed changes every day (days since 1970), so that successive runs try new inputs while a failure
//! stays reproducible; `ZIPING_FUZZ_SEED` fixes it and `ZIPING_FUZZ_SECONDS` changes the length. A
//! failing input is saved under `target/fuzz-crashes/` and named in the failure message.

mod fuzzing;

use fuzzing::{Fixtures, Options, Target};
use std::time::Duration;

fn seed() -> u64 {
    std::env::var("ZIPING_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() / 86_400)
                .unwrap_or(1)
        })
}

fn seconds() -> f64 {
    std::env::var("ZIPING_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0)
}

fn smoke(target: Target) {
    let fx = Fixtures::load();
    let opts = Options {
        seed: seed(),
        start: 0,
        budget: Duration::from_secs_f64(seconds()),
        max_failures: 5,
    };
    let report = fuzzing::run(target, &fx, &opts, |_, _, _| {});
    println!("{report}");
    assert!(report.executions > 0, "no input ran");
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{report}\n{}\nreplay one with: cargo run --release -p ziping-engine --example fuzz -- replay {} <file>",
        failures.join("\n"),
        target.name()
    );
}

#[test]
fn random_form_files_never_panic_hang_or_change_on_a_round_trip() {
    smoke(Target::Form);
}

#[test]
fn random_profile_files_never_panic_or_hang() {
    smoke(Target::Profile);
}

#[test]
fn random_typed_values_never_panic_or_hang() {
    smoke(Target::Value);
}
