//! A short run of the output fuzzer (`examples/fuzz_outputs.rs`) in every `cargo test`: hostile text
//! through the desk's CSV, the form workbook and the summary workbook. The seed is the number of days
//! since 1970, so that each day tries new inputs while a failure stays reproducible
//! (`ZIPING_FUZZ_SEED` fixes it, `ZIPING_FUZZ_SECONDS` sets the length).

#[path = "../examples/fuzz_outputs.rs"]
mod fuzz_outputs;

#[test]
fn hostile_text_never_becomes_a_formula_in_any_output() {
    let seed = std::env::var("ZIPING_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_secs() / 86_400)
        });
    let secs = std::env::var("ZIPING_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    let (runs, failures) = fuzz_outputs::run(secs, seed, &dir);
    assert!(runs > 0, "no input ran");
    assert!(
        failures.is_empty(),
        "seed {seed}, {runs} inputs:\n{}",
        failures.join("\n")
    );
}
