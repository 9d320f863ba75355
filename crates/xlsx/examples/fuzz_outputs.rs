//! A time-bounded fuzzer for the writers of untrusted text: the desk's CSV (`ziping_outputs`), the
//! form workbook and the summary workbook (this crate).
//!
//! ```text
//! cargo run --profile fuzz -p ziping-xlsx --example fuzz_outputs -- <seconds> [seed]
//! ```
//!
//! Each input is the seed form with hostile text (the payloads of `tests/hostile/payloads.json`,
//! random characters of every kind, text at and over Excel's cell limit) in random text fields, and
//! sometimes as a profile's grade names, evaluated and written by all three writers. Checks:
//!
//! - nothing panics;
//! - every CSV cell that starts like a formula is one of the engine's numbers, or starts with `'`;
//! - every formula of both workbooks, with its string literals taken out, holds no `&` (no text is
//!   joined into a formula) and none of the hostile function names;
//! - a workbook is refused only for a text over 32 767 characters, and then the summary still writes.
//!
//! Inputs that fail are written to `target/fuzz-crashes/outputs-<seed>-<i>.json`. The exit status is
//! non-zero when any input failed. `cargo test` runs it for a few seconds
//! (`crates/xlsx/tests/fuzz_outputs_smoke.rs`). The `fuzz` profile is the release profile with panics that unwind,
//! so that a panic is caught and reported with its input.

use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use ziping_engine::path::{FieldPath, HeaderField, IndicatorField};
use ziping_engine::review::review;
use ziping_engine::{evaluate, read_form, Form, Profile, Registry};

const SEED_FORM: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");
const PAYLOADS: &str = include_str!("../../../tests/hostile/payloads.json");
const JINZHONG: &str = include_str!("../../engine/src/profile/builtin/jinzhong-2021.json");

/// xorshift64*, seeded per input: input `i` of seed `s` is the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: u64) -> Rng {
        let mut z = seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        Rng(z | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A hostile text: a payload, random characters of every kind, a mix, or a very long one.
fn hostile(rng: &mut Rng, payloads: &[String]) -> String {
    const PIECES: &[&str] = &[
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "\n",
        "\"",
        "'",
        "&",
        "|",
        "!",
        ";",
        ",",
        "(",
        ")",
        "优",
        "良",
        "中",
        "差",
        "\u{200b}",
        "\u{202e}",
        "\u{1b}[2J",
        "\u{feff}",
        "\u{0}",
        "<",
        ">",
        "HYPERLINK",
        "WEBSERVICE",
        "cmd",
        "A1",
        "$B$3",
        "#REF!",
        "1e308",
        "\u{fffd}",
        "\u{1f600}",
    ];
    match rng.below(5) {
        0 | 1 => payloads[rng.below(payloads.len())].clone(),
        2 => (0..rng.below(12) + 1)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect(),
        3 => format!(
            "{}{}",
            payloads[rng.below(payloads.len())],
            PIECES[rng.below(PIECES.len())]
        ),
        _ => "长".repeat(32_760 + rng.below(16)),
    }
}

/// The seed form with hostile text in random text fields.
fn hostile_form(rng: &mut Rng, payloads: &[String]) -> Form {
    let mut form = read_form(SEED_FORM).unwrap();
    let profile = Profile::builtin(&form.profile).unwrap();
    let level3: Vec<usize> = (0..form.indicators.len())
        .filter(|&i| form.indicators[i].level == 3)
        .collect();
    for _ in 0..rng.below(8) + 1 {
        let path = match rng.below(5) {
            0 => FieldPath::Header(HeaderField::ALL[rng.below(HeaderField::ALL.len())]),
            1 => FieldPath::Narrative("overview".into()),
            2 => FieldPath::DeclaredGrade,
            3 => FieldPath::FundsSource(rng.below(form.funds.rows.len())),
            _ => {
                let f = [
                    IndicatorField::Name,
                    IndicatorField::Target,
                    IndicatorField::Actual,
                    IndicatorField::DeviationReason,
                    IndicatorField::Note,
                    IndicatorField::Weight,
                ];
                FieldPath::Indicator(level3[rng.below(level3.len())], f[rng.below(f.len())])
            }
        };
        let _ = path.set(&mut form, &hostile(rng, payloads), &profile);
    }
    form
}

/// The Jinzhong profile, sometimes with hostile grade names (those the validator lets through).
fn profile_for(rng: &mut Rng, payloads: &[String]) -> Profile {
    if rng.below(2) == 0 {
        return Profile::builtin("jinzhong-2021").unwrap();
    }
    let mut v: serde_json::Value = serde_json::from_str(JINZHONG).unwrap();
    v["id"] = "hostile-grades".into();
    for g in v["grades"].as_array_mut().unwrap() {
        g["grade"] = hostile(rng, payloads)
            .chars()
            .take(60)
            .collect::<String>()
            .into();
    }
    Profile::from_json(&v.to_string())
        .unwrap_or_else(|_| Profile::builtin("jinzhong-2021").unwrap())
}

/// The formulas of a workbook (the `<f>` elements of its sheets), unescaped.
fn formulas(xlsx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if !file
            .name()
            .unwrap_or_default()
            .starts_with("xl/worksheets/")
        {
            continue;
        }
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        for piece in xml.split("<f>").skip(1) {
            let f = piece.split("</f>").next().unwrap_or("");
            out.push(
                f.replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    out
}

/// A formula with its string literals (`"…"`, `""` inside) taken out.
fn without_literals(f: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if inside && chars.peek() == Some(&'"') {
                chars.next();
                continue;
            }
            inside = !inside;
            continue;
        }
        if !inside {
            out.push(c);
        }
    }
    out
}

fn check_workbook(xlsx: &[u8], what: &str) -> Result<(), String> {
    for f in formulas(xlsx) {
        let bare = without_literals(&f);
        if bare.contains('&') {
            return Err(format!("{what}: text joined into a formula: {f}"));
        }
        for name in [
            "HYPERLINK",
            "WEBSERVICE",
            "IMPORTXML",
            "DDE",
            "cmd",
            "CALL",
            "REGISTER",
        ] {
            if bare.contains(name) {
                return Err(format!("{what}: {name} in a formula: {f}"));
            }
        }
    }
    Ok(())
}

/// One input: all three writers, and the checks.
fn check(form: &Form, profile: &Profile) -> Result<(), String> {
    let ev = evaluate(form, profile);
    let too_long = ziping_xlsx::too_long(form).is_some();
    match ziping_xlsx::form_workbook(form, profile, &ev) {
        Ok(xlsx) if too_long => {
            return Err(format!(
                "a text over the cell limit was written ({} bytes)",
                xlsx.len()
            ))
        }
        Ok(xlsx) => check_workbook(&xlsx, "form workbook")?,
        Err(e) if too_long => {
            if e.0.zh.is_empty() || e.0.en.is_empty() {
                return Err("a refusal without its message".into());
            }
        }
        Err(e) => return Err(format!("the form workbook failed: {}", e.0.en)),
    }
    let mut registry = Registry::new();
    if !registry.is_builtin(&profile.id) {
        let _ = registry.add(profile.clone());
    }
    let mut form = form.clone();
    form.profile = profile.id.clone();
    let json = ziping_engine::to_json(&form);
    let row = match ziping_engine::open("fuzz.json", json.as_bytes(), &registry) {
        Ok(o) => review(o),
        Err(u) => {
            return Err(format!(
                "the form written does not read again: {:?}",
                u.problems
            ))
        }
    };
    let rows = [&row];
    let csv = ziping_outputs::summary_csv(&rows);
    for cells in parse_csv(&csv).iter().skip(1) {
        for cell in cells {
            let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            if formula_like && cell.parse::<f64>().is_err() {
                return Err(format!("a live formula in the CSV: {cell:?}"));
            }
        }
    }
    let summary = ziping_xlsx::summary_workbook(&rows, &[])
        .map_err(|e| format!("the summary failed: {}", e.0.en))?;
    check_workbook(&summary, "summary workbook")?;
    if too_long == ziping_xlsx::left_out(&rows).is_empty() {
        return Err(
            "a form left out of the summary without a text over the limit, or kept with one".into(),
        );
    }
    Ok(())
}

/// The rows of a CSV file, each a list of cells (quoted cells unquoted, line breaks inside quotes
/// kept in the cell), as a spreadsheet reads it.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Runs inputs `0, 1, 2 …` of `seed` for `secs` seconds. Returns how many ran and why each failing one
/// failed; failing inputs are written to `crashes`.
pub fn run(secs: f64, seed: u64, crashes: &std::path::Path) -> (u64, Vec<String>) {
    let v: serde_json::Value = serde_json::from_str(PAYLOADS).unwrap();
    let payloads: Vec<String> = v["payloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let (mut runs, mut failures) = (0u64, Vec::new());
    while started.elapsed() < Duration::from_secs_f64(secs) {
        let mut rng = Rng::new(seed, runs);
        let form = hostile_form(&mut rng, &payloads);
        let profile = profile_for(&mut rng, &payloads);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| check(&form, &profile)))
            .unwrap_or_else(|p| {
                Err(format!(
                    "panic: {}",
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default()
                ))
            });
        if let Err(why) = outcome {
            let _ = std::fs::create_dir_all(crashes);
            let file = crashes.join(format!("outputs-{seed}-{runs}.json"));
            let _ = std::fs::write(&file, ziping_engine::to_json(&form));
            failures.push(format!("input {runs}: {why} → {}", file.display()));
        }
        runs += 1;
    }
    panic::set_hook(hook);
    (runs, failures)
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(secs) = args.first().and_then(|s| s.parse::<f64>().ok()) else {
        eprintln!("usage: fuzz_outputs <seconds> [seed]");
        return std::process::ExitCode::from(2);
    };
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
    let started = Instant::now();
    let (runs, failures) = run(secs, seed, &dir);
    for f in &failures {
        eprintln!("{f}");
    }
    println!(
        "outputs: {runs} inputs in {:.0} s, {} failed (seed {seed})",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    if failures.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
