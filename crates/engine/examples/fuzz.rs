//! A time-bounded fuzzer for the engine, on stable Rust (no libFuzzer).
//!
//! ```text
//! cargo run --release -p ziping-engine --example fuzz -- <form|profile|value|all> <seconds> [seed]
//! cargo run --release -p ziping-engine --example fuzz -- replay <form|profile|value> <file>
//! cargo run --release -p ziping-engine --example fuzz -- show <form|profile|value> <seed> <iteration>
//! ```
//!
//! Each target runs in a child process that this one supervises: a panic (the release profile
//! aborts on panic), a hang, a broken check, or a crash that is not a panic at all (a stack overflow,
//! a kill) ends the child, the failing input is saved under `target/fuzz-crashes/`, and the run goes on
//! from the next input until the time is up. The seed (default 1) makes runs reproducible: input `i`
//! of seed `s` is the same on every machine. The exit status is non-zero when any input failed.
//!
//! The generators and checks are in `engine/tests/fuzzing/mod.rs`, shared with the short run of the
//! native test layer (`engine/tests/fuzz_smoke.rs`).

#[path = "../tests/fuzzing/mod.rs"]
mod fuzzing;

use fuzzing::{Failure, Fixtures, Options, Target};
use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// A run stops restarting after this many failing inputs.
const MAX_FAILURES: usize = 10_000;
/// Inputs kept per distinct failure (same kind, message and engine frames); later ones are deleted.
const KEEP_PER_SIGNATURE: usize = 3;

fn usage() -> ExitCode {
    eprintln!(
        "usage: fuzz <form|profile|value|all> <seconds> [seed]\n       fuzz replay <form|profile|value> <file>\n       fuzz show <form|profile|value> <seed> <iteration>"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("child") => child(&args[1..]),
        Some("replay") => replay(&args[1..]),
        Some("show") => show(&args[1..]),
        Some(_) => supervise(&args),
        None => usage(),
    }
}

/// Runs in the child: fuzzes, writing one byte per passed input to stdout (1 = accepted, 0 = not),
/// and, whenever an input is the slowest so far, 2, its time in microseconds and its iteration
/// (8 bytes each, little-endian).
fn child(args: &[String]) -> ExitCode {
    let (Some(target), Some(secs), Some(seed), Some(start)) = (
        args.first().and_then(|t| Target::parse(t)),
        args.get(1).and_then(|s| s.parse::<f64>().ok()),
        args.get(2).and_then(|s| s.parse::<u64>().ok()),
        args.get(3).and_then(|s| s.parse::<u64>().ok()),
    ) else {
        return usage();
    };
    let fx = Fixtures::load();
    let mut out = std::io::stdout().lock();
    let opts = Options {
        seed,
        start,
        budget: Duration::from_secs_f64(secs.max(0.0)),
        max_failures: 1,
    };
    let mut slowest = Duration::ZERO;
    let report = fuzzing::run(target, &fx, &opts, |i, accepted, took| {
        let mut message = vec![u8::from(accepted)];
        if took > slowest {
            slowest = took;
            message.push(2);
            message.extend_from_slice(&(took.as_micros() as u64).to_le_bytes());
            message.extend_from_slice(&i.to_le_bytes());
        }
        let _ = out.write_all(&message);
        let _ = out.flush();
    });
    if let Some(f) = report.failures.first() {
        eprintln!("\nFUZZ FAILURE: {f}");
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}

struct Totals {
    executions: u64,
    accepted: u64,
    slowest: Duration,
    slowest_iteration: u64,
    failures: Vec<Failure>,
    children: u32,
}

/// Runs `target` for `secs` in child processes, restarting after each failing input.
fn fuzz_target(target: Target, secs: f64, seed: u64, fx: &Fixtures) -> (Totals, Duration) {
    // /proc/self/exe runs this very program even if its file is rebuilt during the run.
    let exe = match std::path::Path::new("/proc/self/exe") {
        p if p.exists() => p.to_path_buf(),
        _ => std::env::current_exe().expect("the fuzzer's own path"),
    };
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(secs);
    let mut totals = Totals {
        executions: 0,
        accepted: 0,
        slowest: Duration::ZERO,
        slowest_iteration: 0,
        failures: Vec::new(),
        children: 0,
    };
    let mut start = 0u64;
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left <= 0.0 || totals.failures.len() >= MAX_FAILURES {
            break;
        }
        let mut child = Command::new(&exe)
            .args([
                "child",
                target.name(),
                &format!("{left:.3}"),
                &seed.to_string(),
                &start.to_string(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the fuzzer's child process");
        totals.children += 1;
        let mut bytes = Vec::new();
        if let Some(mut out) = child.stdout.take() {
            let _ = out.read_to_end(&mut bytes);
        }
        let status = child.wait().expect("the child's exit status");
        let mut passed = 0u64;
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                0 | 1 => {
                    passed += 1;
                    totals.accepted += u64::from(bytes[k]);
                    k += 1;
                }
                _ => {
                    let word = |at: usize| {
                        bytes
                            .get(at..at + 8)
                            .and_then(|b| b.try_into().ok())
                            .map(u64::from_le_bytes)
                            .unwrap_or(0)
                    };
                    let took = Duration::from_micros(word(k + 1));
                    if took > totals.slowest {
                        totals.slowest = took;
                        totals.slowest_iteration = word(k + 9);
                    }
                    k += 17;
                }
            }
        }
        totals.executions += passed;
        if status.success() {
            break;
        }
        // The input after the last one that passed failed: the child saved it, unless the process
        // died before it could (a stack overflow, a kill); then it is rebuilt from the seed here.
        let i = start + passed;
        totals.executions += 1;
        let saved = ["panic", "hang", "check"]
            .iter()
            .map(|k| (*k, fuzzing::crash_file(target, k, seed, i)))
            .find(|(_, f)| f.exists());
        let input = fuzzing::generate(target, fx, seed, i);
        let (kind, file) = match saved {
            Some((kind, file)) => (kind, file),
            None => {
                let detail = format!("the process ended with {status}");
                (
                    "crash",
                    fuzzing::save_failure(target, "crash", seed, i, &input, &detail),
                )
            }
        };
        let detail = std::fs::read_to_string(file.with_extension("note"))
            .ok()
            .and_then(|n| {
                n.split("\n\n")
                    .nth(1)
                    .map(|d| d.lines().next().unwrap_or("").to_string())
            })
            .unwrap_or_default();
        let f = Failure::new(target, kind, i, detail, file, &input);
        let same = totals
            .failures
            .iter()
            .filter(|g| g.kind == f.kind && g.detail == f.detail)
            .count();
        if same >= KEEP_PER_SIGNATURE {
            let _ = std::fs::remove_file(f.file.with_extension("note"));
            let _ = std::fs::remove_file(&f.file);
        }
        totals.failures.push(f);
        start = i + 1;
    }
    (totals, started.elapsed())
}

fn supervise(args: &[String]) -> ExitCode {
    let targets: Vec<Target> = match args.first().map(String::as_str) {
        Some("all") => Target::ALL.to_vec(),
        Some(t) => match Target::parse(t) {
            Some(t) => vec![t],
            None => return usage(),
        },
        None => return usage(),
    };
    let Some(secs) = args.get(1).and_then(|s| s.parse::<f64>().ok()) else {
        return usage();
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage(),
    };
    let fx = Fixtures::load();
    println!(
        "fuzzing {} for {secs} s each, seed {seed}; failing inputs go to {}",
        targets
            .iter()
            .map(|t| t.name())
            .collect::<Vec<_>>()
            .join(", "),
        fuzzing::crash_dir().display()
    );
    let mut any_failed = false;
    let mut lines = Vec::new();
    for target in targets {
        let (t, elapsed) = fuzz_target(target, secs, seed, &fx);
        let line = format!(
            "{}: {} executions in {:.1} s ({:.0}/s), {} accepted, slowest input {:.3} s (iteration {}), seed {seed}, {} child process(es), {} crash(es), {} hang(s), {} failed check(s)",
            target.name(),
            t.executions,
            elapsed.as_secs_f64(),
            t.executions as f64 / elapsed.as_secs_f64().max(1e-9),
            t.accepted,
            t.slowest.as_secs_f64(),
            t.slowest_iteration,
            t.children,
            t.failures.iter().filter(|f| f.kind == "panic" || f.kind == "crash").count(),
            t.failures.iter().filter(|f| f.kind == "hang").count(),
            t.failures.iter().filter(|f| f.kind == "check").count(),
        );
        println!("{line}");
        // Distinct failures, with how often each came and the first input that shows it.
        let mut distinct: Vec<(&Failure, usize)> = Vec::new();
        for f in &t.failures {
            match distinct
                .iter_mut()
                .find(|(g, _)| g.kind == f.kind && g.detail == f.detail)
            {
                Some((_, n)) => *n += 1,
                None => distinct.push((f, 1)),
            }
        }
        for (f, n) in &distinct {
            println!("  {n} x {f}");
        }
        any_failed |= !t.failures.is_empty();
        lines.push(line);
    }
    if lines.len() > 1 {
        println!("\nsummary:");
        for l in &lines {
            println!("  {l}");
        }
    }
    if any_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints input `i` of a run with `seed`, without running it.
fn show(args: &[String]) -> ExitCode {
    let (Some(target), Some(seed), Some(i)) = (
        args.first().and_then(|t| Target::parse(t)),
        args.get(1).and_then(|s| s.parse::<u64>().ok()),
        args.get(2).and_then(|s| s.parse::<u64>().ok()),
    ) else {
        return usage();
    };
    let fx = Fixtures::load();
    print!("{}", fuzzing::generate(target, &fx, seed, i));
    ExitCode::SUCCESS
}

fn replay(args: &[String]) -> ExitCode {
    let (Some(target), Some(file)) = (args.first().and_then(|t| Target::parse(t)), args.get(1))
    else {
        return usage();
    };
    let input = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let fx = Fixtures::load();
    // Where panics abort (release), the process ends inside run_one; the hook prints the panic.
    println!("{} {file}: replaying {} bytes", target.name(), input.len());
    let (outcome, took) = fuzzing::run_one(target, &fx, &input);
    let verdict = match &outcome {
        Err(p) => format!("PANIC: {p}"),
        Ok(Err(d)) => format!("CHECK FAILED: {d}"),
        Ok(Ok(_)) if took > fuzzing::HANG_LIMIT => "HANG".to_string(),
        Ok(Ok(true)) => "ok (accepted)".to_string(),
        Ok(Ok(false)) => "ok (refused)".to_string(),
    };
    println!(
        "{} {file}: {verdict} in {:.3} s",
        target.name(),
        took.as_secs_f64()
    );
    // Why a file was refused: its first problems.
    let problems = match target {
        Target::Form => ziping_engine::read_form(&input).err(),
        Target::Profile => ziping_engine::Profile::from_json(&input).err(),
        Target::Value => None,
    };
    for p in problems.unwrap_or_default().iter().take(5) {
        println!("  {}: {}", p.path, p.message.en);
    }
    if verdict.starts_with("ok") {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
