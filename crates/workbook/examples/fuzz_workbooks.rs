//! The workbook reader and the recogniser under hostile input, for long runs:
//! `cargo build --profile fuzz -p ziping-workbook --example fuzz_workbooks` then
//! `target/fuzz/examples/fuzz_workbooks SECONDS SEED`.
//!
//! Two kinds of input, in turn: the bytes of the test workbooks (agency-style and hostile) with bytes
//! flipped, cut or repeated, through `ziping_workbook::open`; and their sheets read into cells, then
//! shuffled — cells moved, labels dropped where values were, numbers and blanks and long texts put
//! in — through the engine's `intake::open_workbook`. A panic, or an input slower than a second, is a
//! failure, reported with how to make it again; the forms opened are checked to come back through
//! the intake unchanged.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};
use ziping_engine::workbook::{Cell, Workbook};
use ziping_engine::Registry;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "项目名称",
    "资金来源",
    "全年预算数",
    "全年执行数",
    "执行率",
    "分值",
    "得分",
    "三级指标",
    "一级指标",
    "二级指标",
    "年度指标值",
    "实际完成值",
    "总分",
    "评价等次",
    "合计",
    "其中：",
    "（元）",
    "单位：元",
    "产出指标（50分）",
    "注：",
    "/",
    "—",
    "-",
    "≥95%",
    "1,000.50",
    "486,000元",
    "48,6",
    "优",
    "差",
    "\u{202e}",
    "=SUM(A1)",
    "<b>x</b>",
    "",
];

fn shuffle(book: &mut Workbook, rng: &mut Rng) {
    for _ in 0..1 + rng.below(12) {
        let Some(sheet) = (!book.sheets.is_empty()).then(|| rng.below(book.sheets.len())) else {
            return;
        };
        let s = &mut book.sheets[sheet];
        if s.rows.is_empty() {
            s.rows.push(Vec::new());
        }
        let r = rng.below(s.rows.len());
        match rng.below(7) {
            0 => {
                let r2 = rng.below(s.rows.len());
                s.rows.swap(r, r2);
            }
            1 => {
                s.rows.remove(r);
            }
            2 => {
                let row = s.rows[r].clone();
                s.rows.insert(r, row);
            }
            _ => {
                let c = rng.below(s.rows[r].len() + 3);
                if s.rows[r].len() <= c {
                    s.rows[r].resize(c + 1, Cell::Empty);
                }
                s.rows[r][c] = match rng.below(5) {
                    0 => Cell::Empty,
                    1 => Cell::number(ziping_engine::decimal::Decimal::new(
                        rng.next() as i64 % 10_000_000,
                        rng.below(6) as u32,
                    )),
                    2 => Cell::Date(ziping_engine::decimal::Decimal::from(
                        rng.below(3_000_000) as i64
                    )),
                    3 => Cell::Text(WORDS[rng.below(WORDS.len())].repeat(1 + rng.below(3))),
                    _ => Cell::Text(WORDS[rng.below(WORDS.len())].to_string()),
                };
            }
        }
    }
}

fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..1 + rng.below(20) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
        1 => b.truncate(rng.below(b.len() + 1)),
        2 => {
            let (i, n) = (rng.below(b.len()), rng.below(4096));
            let chunk: Vec<u8> = b[i..(i + n).min(b.len())].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, chunk);
        }
        _ => {
            // Flip bytes near the end (the zip's central directory).
            for _ in 0..1 + rng.below(8) {
                if b.len() > 200 {
                    let i = b.len() - 1 - rng.below(200);
                    b[i] ^= 1 << rng.below(8);
                }
            }
        }
    }
    b
}

fn main() {
    let mut args = std::env::args().skip(1);
    let secs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["workbooks", "bad_workbooks"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "json") {
                seeds.push((
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    seeds.sort();
    let grids: Vec<Workbook> = seeds
        .iter()
        .filter_map(|(_, b)| ziping_workbook::read(b).ok())
        .collect();
    // The panic's place and message, for the report.
    thread_local!(static LAST: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
    std::panic::set_hook(Box::new(|info| {
        LAST.with(|l| *l.borrow_mut() = info.to_string())
    }));
    let registry = Registry::new();
    let mut rng = Rng(seed.max(1));
    let (mut runs, mut opened, mut failures) = (0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        runs += 1;
        let bytes_mode = runs % 2 == 0;
        let start = Instant::now();
        let result = if bytes_mode {
            let (name, bytes) = &seeds[rng.below(seeds.len())];
            let input = mutate(bytes, &mut rng);
            // Every input is written before it is read (ZIPING_FUZZ_KEEP=folder): a hang or a crash
            // leaves it there.
            if let Ok(dir) = std::env::var("ZIPING_FUZZ_KEEP") {
                let _ = std::fs::write(Path::new(&dir).join(format!("last-{name}")), &input);
            }
            catch_unwind(AssertUnwindSafe(|| {
                ziping_workbook::open(name, &input, &registry).map(|b| b.forms.len())
            }))
        } else {
            let mut book = grids[rng.below(grids.len())].clone();
            shuffle(&mut book, &mut rng);
            catch_unwind(AssertUnwindSafe(|| {
                ziping_engine::intake::open_workbook("grid.xlsx", &book, &registry).map(|b| {
                    // Each form comes back through the intake unchanged.
                    for (_, o) in &b.forms {
                        let text = ziping_engine::to_json(&o.form);
                        let again = ziping_engine::open("again.json", text.as_bytes(), &registry)
                            .expect("reads again");
                        assert_eq!(
                            again.form, o.form,
                            "a form read from a workbook reads back the same"
                        );
                    }
                    b.forms.len()
                })
            }))
        };
        let took = start.elapsed();
        slowest = slowest.max(took);
        match result {
            Ok(Ok(n)) => opened += n as u64,
            Ok(Err(_)) => {}
            Err(_) => {
                failures += 1;
                let what = LAST.with(|l| l.borrow().clone());
                eprintln!(
                    "panic: run {runs} ({}), seed {seed} (ZIPING_FUZZ_KEEP=folder keeps the input): {what}",
                    if bytes_mode { "bytes" } else { "cells" }
                );
            }
        }
        if took > Duration::from_secs(1) {
            failures += 1;
            eprintln!("slow: run {runs} took {took:?}, seed {seed}");
        }
    }
    println!(
        "{runs} inputs, {opened} forms opened, {failures} failures, slowest {:.3} s",
        slowest.as_secs_f64()
    );
    std::process::exit(i32::from(failures > 0));
}
