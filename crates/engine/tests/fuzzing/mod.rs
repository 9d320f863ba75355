//! A small, dependency-free fuzzer for the engine's three kinds of input: form files, profile files
//! and typed values. Stable Rust, no libFuzzer: inputs come from a deterministic PRNG (xorshift64*),
//! so a seed and an iteration number give the same input on every machine.
//!
//! Shared by the time-bounded fuzzer (`engine/examples/fuzz.rs`) and the short run of the native test
//! layer (`engine/tests/fuzz_smoke.rs`), which include this file as a module. Nothing here is part of
//! the engine's API.
//!
//! For every input: no panic, no hang (each input is timed; over [`HANG_LIMIT`] is a hang), and
//! - forms that read are evaluated with every built-in profile, the evaluation is rendered to JSON
//!   (explanations are rendered lazily, so this is where their numbers are formatted), and the form is
//!   written back with `to_json` and read again: it must give the same form and the same bytes;
//! - profiles that validate evaluate the example forms and probe forms built for them, and survive
//!   `to_json` → `from_json` unchanged;
//! - values are parsed, and evaluated as targets, actuals and stated completions of a probe form.
//!
//! A refused file must name at least one problem, each with a message in both languages.

#![allow(dead_code)]

use serde_json::{json, Map, Value as Json};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Once};
use std::time::{Duration, Instant};
use ziping_engine::decimal::Decimal;
use ziping_engine::format::fields;
use ziping_engine::model::{Form, FundsRow, IndicatorRow, ScoreEntry};
use ziping_engine::profile::{Method, PROFILE_FIELDS};
use ziping_engine::{evaluate, read_form, to_json, Problem, Profile};

/// An input that takes longer than this, on each of three tries, is a hang.
pub const HANG_LIMIT: Duration = Duration::from_secs(1);
/// An input still running after this long is stopped by the watchdog (the process exits).
pub const STUCK_LIMIT: Duration = Duration::from_secs(10);

const ENGINE_DIR: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------------------------------------
// Targets, PRNG
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Form,
    Profile,
    Value,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Form, Target::Profile, Target::Value];

    pub fn parse(name: &str) -> Option<Target> {
        match name {
            "form" => Some(Target::Form),
            "profile" => Some(Target::Profile),
            "value" => Some(Target::Value),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Form => "form",
            Target::Profile => "profile",
            Target::Value => "value",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Target::Value => "txt",
            _ => "json",
        }
    }
}

/// xorshift64* seeded through splitmix64: small, fast and the same everywhere.
pub struct Rng(u64);

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(splitmix(seed) | 1)
    }

    /// The generator of iteration `i` of a run with `seed`: every input can be rebuilt on its own.
    pub fn for_iteration(seed: u64, i: u64) -> Rng {
        Rng::new(seed ^ splitmix(i.wrapping_add(0x5EED)))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0 ..= n - 1 (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// lo ..= hi.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `n` times in `d`.
    pub fn chance(&mut self, n: usize, d: usize) -> bool {
        self.below(d) < n
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A size biased to small: mostly up to 8, sometimes up to `max`.
    pub fn size(&mut self, max: usize) -> usize {
        match self.below(10) {
            0..=6 => self.below(9.min(max + 1)),
            7 | 8 => self.below(65.min(max + 1)),
            _ => self.below(max + 1),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures: the seeds mutations start from, and what accepted inputs are checked with
// ---------------------------------------------------------------------------------------------

pub struct Fixtures {
    /// examples/*.json, the bad-file corpus's forms, and each built-in profile's blank form.
    pub form_files: Files,
    /// The example forms, read.
    pub forms: Vec<Form>,
    /// engine/src/profile/builtin/*.json and the corpus's profile files.
    pub profile_files: Files,
    pub profiles: Vec<Profile>,
}

/// Files of one kind: their texts, and those that parse to a JSON object, parsed.
pub struct Files {
    pub texts: Vec<String>,
    pub jsons: Vec<Json>,
}

impl Files {
    fn new(texts: Vec<String>) -> Files {
        let jsons = texts
            .iter()
            .filter_map(|t| serde_json::from_str(t).ok())
            .filter(|v: &Json| v.is_object())
            .collect();
        Files { texts, jsons }
    }

    /// One of the parsed files after 1 to `most` structural changes ([`mutate_tree`] with `keys`,
    /// `profile`), written out, one time in `repeat_in` with a key written twice.
    fn rewritten(
        &self,
        rng: &mut Rng,
        keys: &[&str],
        profile: bool,
        most: usize,
        repeat_in: usize,
    ) -> String {
        let mut v = rng.pick(&self.jsons).clone();
        for _ in 0..rng.range(1, most) {
            mutate_tree(rng, &mut v, keys, profile);
        }
        let mut text = serialize(rng, &v);
        if rng.chance(1, repeat_in) {
            repeat_a_key(rng, &mut text, keys);
        }
        text
    }

    /// One of the texts after 1 to `most` byte-level mutations ([`mutate_bytes`]).
    fn damaged(&self, rng: &mut Rng, most: usize) -> String {
        let mut b = rng.pick(&self.texts).clone().into_bytes();
        for _ in 0..rng.range(1, most) {
            mutate_bytes(rng, &mut b, &self.texts);
        }
        text_of(b)
    }
}

fn json_files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_string();
                    Some((name, fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

impl Fixtures {
    pub fn load() -> Fixtures {
        let root = Path::new(ENGINE_DIR);
        let examples = json_files(&root.join("../../examples"));
        assert!(!examples.is_empty(), "no example forms under examples/");
        let builtin = json_files(&root.join("src/profile/builtin"));
        assert!(!builtin.is_empty(), "no built-in profiles");
        let corpus = json_files(&root.join("tests/bad_files"));
        let profiles = Profile::builtins();
        let forms: Vec<Form> = examples
            .iter()
            .map(|(name, t)| read_form(t).unwrap_or_else(|p| panic!("{name}: {p:?}")))
            .collect();
        let mut form_texts: Vec<String> = examples.into_iter().map(|(_, t)| t).collect();
        form_texts.extend(profiles.iter().map(|p| to_json(&p.blank_form())));
        let mut profile_texts: Vec<String> = builtin.into_iter().map(|(_, t)| t).collect();
        for (name, text) in corpus {
            if name == "expected.json" || text.len() > 200_000 {
                continue;
            }
            if name.starts_with("profile-") {
                profile_texts.push(text);
            } else {
                form_texts.push(text);
            }
        }
        Fixtures {
            form_files: Files::new(form_texts),
            forms,
            profile_files: Files::new(profile_texts),
            profiles,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------------------------

/// Every field a form file may have ([`fields`], the lists the reader holds files to) and the keys
/// of [`FORM_EXTRA_KEYS`], each once.
static FORM_KEYS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    let lists = [
        fields::FORM,
        fields::HEADER,
        fields::FUNDS,
        fields::FUNDS_ROW,
        fields::FIGURES,
        fields::INDICATOR,
        fields::SCORE_ENTRY,
        fields::EVALUATOR,
        fields::SIGNOFF,
        fields::DECLARED,
        FORM_EXTRA_KEYS,
    ];
    dictionary(&lists)
});

/// Keys of a form file that are not field names: fixed-row, block and section ids, and keys no
/// reader knows.
const FORM_EXTRA_KEYS: &[&str] = &[
    "budget_execution",
    "output",
    "benefit",
    "overview",
    "x",
    "",
    "\u{feff}format",
];

/// The fields of a profile file's top ([`PROFILE_FIELDS`]) and the keys of [`PROFILE_INNER_KEYS`],
/// each once.
static PROFILE_KEYS: LazyLock<Vec<&str>> =
    LazyLock::new(|| dictionary(&[PROFILE_FIELDS, PROFILE_INNER_KEYS]));

/// The fields of the objects inside a profile file (blocks, rows, methods, bands, rounding, rules …).
const PROFILE_INNER_KEYS: &[&str] = &[
    "direction_words",
    "extends",
    "reverse",
    "not_reverse",
    "kind",
    "weight",
    "adjustable",
    "rows",
    "from_indicators",
    "method",
    "bands",
    "min",
    "max",
    "points",
    "limit",
    "deduct_when",
    "per_point",
    "floor",
    "per",
    "when",
    "min_open",
    "max_closed",
    "nature_column",
    "core_column",
    "coefficient_column",
    "phrases",
    "places",
    "round_rows",
    "percent_places",
    "completion_places",
    "rate_places_before_scoring",
    "execution_caps",
    "below",
    "cap",
    "over_achievement_deduction",
    "at",
    "zh",
    "en",
    "scored",
    "completion",
    "operator_column",
    "default_outline",
    "level",
    "columns",
    "column",
];

/// The words of `lists`, in order, each once (a key in several lists is not picked more often).
fn dictionary(lists: &[&[&'static str]]) -> Vec<&'static str> {
    let mut words: Vec<&str> = Vec::new();
    for &word in lists.iter().copied().flatten() {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\\"",
    "\\u0000",
    "\\ud800",
    "\\uDFFF",
    "\\n",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "3",
    "4",
    "-1",
    "1.0",
    "1e40",
    "-1e40",
    "1e400",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "\"NaN\"",
    "\"Infinity\"",
    "\"1e40\"",
    "\"-1\"",
    "\"0\"",
    "\"\"",
    "\"9999999999999999999999999999\"",
    "\"0.00000000001\"",
    "\"1000000000001\"",
    "\"≥50个\"",
    "\"达成预期指标\"",
    "{}",
    "[]",
    "[[[[[[[[",
    "]]]]]]]]",
    "{\"\":{\"\":{\"\":",
    "\u{feff}",
    "\u{3000}",
    "万元",
    "≥",
    "％",
    "，",
    " ",
    "\n",
    "\t",
    "\r\n",
    "/*",
    "//",
    "'",
];

/// Decimal strings at and around every limit, and things that are not decimals.
const DECIMALS: &[&str] = &[
    "0",
    "-0",
    "0.00",
    "1",
    "-1",
    "10",
    "30",
    "50",
    "90",
    "100",
    "100.00",
    "969.94",
    "12.5",
    "0.5",
    "-0.0000000001",
    "0.0000000001",
    "0.00000000001",
    "0.12345678901",
    "99.9999999999",
    "1000000000000",
    "-1000000000000",
    "1000000000000.0000000001",
    "1000000000001",
    "999999999999.9999999999",
    "9999999999999999999999999999",
    "-9999999999999999999999999999",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "1e40",
    "1E3",
    "NaN",
    "Infinity",
    "-Infinity",
    "",
    " ",
    "\u{3000}5\u{3000}",
    "１",
    "1,000",
    ".5",
    "5.",
    "+1",
    "0x10",
    "--1",
    "1.2.3",
    "007",
];

/// Realistic typed values (targets, actuals) from the forms the engine was built on.
const VALUES: &[&str] = &[
    "≥50个",
    "≤90万元",
    "=8个",
    "≥100百分比",
    "98%",
    "8.48万",
    "200余人",
    "1—12月",
    "2022年底之前",
    "达成预期指标",
    "部分达成",
    "未达成",
    "效果明显",
    "2021-01-01至2021-09-30",
    "2022年12月31日前",
    "＞＝９０％",
    "不超过30天",
    "30天以内",
    "约30万元",
    "1,234.5元",
    "100%",
    "0",
    "0%",
    "12个月",
    "3个以上的重点项目全部完工",
    "≥0",
    "≤0",
    "=0",
    "≥0.0000000001",
    "9999999999999999999999999999",
    "≥9999999999999999999999999999亿",
    "1000000000000000000000000000000000000000",
    "未支付",
    "",
    "  ",
];

const OPS: &[&str] = &[
    "",
    "",
    "",
    "≥",
    "≤",
    "=",
    ">",
    "<",
    ">=",
    "<=",
    "＞",
    "＜",
    "＝",
    "＞＝",
    "≧",
    "≦",
    "大于等于",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "至少",
    "约",
    "≥约",
    "==",
];

const UNITS: &[&str] = &[
    "",
    "",
    "",
    "%",
    "％",
    "个",
    "万",
    "万元",
    "元",
    "亿",
    "亿元",
    "千元",
    "人",
    "人次",
    "万人",
    "万人次",
    "百分比",
    "百分点",
    "次",
    "天",
    "个月",
    "月",
    "年",
    "日",
    "号",
    "批",
    "套",
    "余人",
    "多个",
    "余",
    "多",
    "以上",
    "以下",
    "以内",
    "左右",
    "余万元",
    "个以上",
    "分",
    "km",
    "m²",
];

const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', '.', ',', '%', '≥', '≤', '=', '>', '<', '＞', '＜', '＝', '％', '．',
    '，', '万', '亿', '元', '个', '余', '多', '年', '月', '日', '号', '至', '—', '-', '–', '―',
    '～', '~', '－', '０', '９', '\u{3000}', ' ', '\t', '\n', 'e', 'E', '以', '上', '下', '内',
    '左', '右', '约', '不', '低', '于', '超', '过', '次', '人', '百', '分', '比', '点', '、', '。',
    '\u{feff}', '\u{0}', '\u{200b}', '𝟙', '٣', '½', 'Ⅻ', '😀', '\u{301}', '\u{202e}',
];

const CHINESE: &[&str] = &[
    "项目", "资金", "共", "合计", "总计", "其中", "用于", "完成", "预算", "支付", "合同", "。",
    "，", "；", ";", "\n", "万元", "元",
];

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

fn random_char(rng: &mut Rng) -> char {
    match rng.below(6) {
        0 => char::from_u32(rng.range(0x20, 0x7e) as u32).unwrap_or('?'),
        1 => char::from_u32(rng.range(0x4e00, 0x9fff) as u32).unwrap_or('中'),
        2 => char::from_u32(rng.range(0xff00, 0xffef) as u32).unwrap_or('＝'),
        3 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        _ => *rng.pick(ALPHABET),
    }
}

fn unicode_string(rng: &mut Rng, max: usize) -> String {
    let n = rng.size(max);
    (0..n).map(|_| random_char(rng)).collect()
}

/// A decimal digit: 1 to 9 when `leading`, else 0 to 9.
fn digit(rng: &mut Rng, leading: bool) -> char {
    let d = if leading {
        rng.range(1, 9)
    } else {
        rng.below(10)
    };
    char::from(b'0' + d as u8)
}

/// Digits, biased to short numbers, sometimes very long, with fraction, separators or full width.
fn number_text(rng: &mut Rng) -> String {
    let int_len = match rng.below(10) {
        0..=5 => rng.range(1, 3),
        6 | 7 => rng.range(1, 13),
        _ => rng.range(14, 40),
    };
    let mut s = String::new();
    for i in 0..int_len {
        let leading = i == 0 && int_len > 1 && !rng.chance(1, 10);
        s.push(digit(rng, leading));
        if rng.chance(1, 40) {
            s.push(',');
        }
    }
    if rng.chance(1, 3) {
        s.push('.');
        let frac = match rng.below(6) {
            0 => 0,
            1..=3 => rng.range(1, 2),
            4 => rng.range(3, 10),
            _ => rng.range(11, 32),
        };
        for _ in 0..frac {
            s.push(digit(rng, false));
        }
    }
    match rng.below(25) {
        0 => s = format!("-{s}"),
        1 => s = format!("+{s}"),
        2 => s.push_str("e5"),
        3 => s = format!(".{s}"),
        4 => s = s.chars().map(full_width_digit).collect(),
        _ => {}
    }
    s
}

fn full_width_digit(c: char) -> char {
    if c.is_ascii_digit() {
        char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap_or(c)
    } else {
        c
    }
}

fn date_text(rng: &mut Rng) -> String {
    let y = rng.range(1990, 2099);
    let (m, d) = (rng.range(0, 13), rng.range(0, 32));
    match rng.below(8) {
        0 => format!("{y}年{m}月{d}日"),
        1 => format!("{y}-{m:02}-{d:02}至{y}-{m:02}-{d:02}"),
        2 => format!(
            "{m}{}{}月",
            rng.pick(&["—", "-", "–", "～", "~", "－", "至"]),
            rng.range(1, 12)
        ),
        3 => format!("{y}年底之前"),
        4 => format!("{y}年{m}月{d}日前"),
        5 => format!("{y}.{m}.{d}"),
        6 => format!("{m}月{d}号"),
        _ => format!("{d}日"),
    }
}

/// A typed value: operator, number, unit, markers, dates, realistic samples and random text.
pub fn value_string(rng: &mut Rng) -> String {
    let mut s = match rng.below(12) {
        0 => unicode_string(rng, 24),
        1 | 2 => date_text(rng),
        3 | 4 => rng.pick(VALUES).to_string(),
        _ => {
            let mut s = String::new();
            s.push_str(rng.pick::<&str>(OPS));
            if rng.chance(1, 8) {
                s.push(*rng.pick(&[' ', '\u{3000}']));
            }
            s.push_str(&number_text(rng));
            s.push_str(rng.pick::<&str>(UNITS));
            if rng.chance(1, 6) {
                s.push_str(rng.pick::<&str>(UNITS));
            }
            s
        }
    };
    if rng.chance(1, 6) {
        s = format!(
            "{}{s}{}",
            rng.pick(&["", " ", "\u{3000}", "\t"]),
            rng.pick(&["", " ", "\u{3000}", "\n"])
        );
    }
    // A few character edits.
    if rng.chance(1, 3) {
        let mut chars: Vec<char> = s.chars().collect();
        for _ in 0..rng.range(1, 4) {
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 => chars.insert(at, random_char(rng)),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => {
                    let c = chars[at];
                    chars.insert(at, c);
                }
                _ => {}
            }
        }
        s = chars.into_iter().collect();
    }
    s
}

/// A decimal string for a field: mostly valid, sometimes at or past a limit.
fn decimal_string(rng: &mut Rng) -> String {
    if rng.chance(1, 4) {
        return rng.pick(DECIMALS).to_string();
    }
    plain_decimal(rng, 12)
}

/// Digits as the format writes them: a minus one time in `minus_in`, 1 to 3 whole digits (sometimes 4
/// to 12), and half the time 1 or 2 decimals (sometimes up to 10).
fn plain_decimal(rng: &mut Rng, minus_in: usize) -> String {
    let mut s = String::new();
    if rng.chance(1, minus_in) {
        s.push('-');
    }
    let int_len = if rng.chance(1, 10) {
        rng.range(4, 12)
    } else {
        rng.range(1, 3)
    };
    for i in 0..int_len {
        s.push(digit(rng, i == 0));
    }
    if rng.chance(1, 2) {
        s.push('.');
        let most = if rng.chance(1, 8) { 10 } else { 2 };
        for _ in 0..rng.range(1, most) {
            s.push(digit(rng, false));
        }
    }
    s
}

/// Valid decimals at the limits the reader allows.
const EDGE_DECIMALS: &[&str] = &[
    "0",
    "-0",
    "0.00",
    "-1",
    "100",
    "0.0000000001",
    "-0.0000000001",
    "1000000000000",
    "-1000000000000",
    "999999999999.9999999999",
    "99.9999999999",
];

/// A decimal for a skeleton form: nearly always one the reader takes, so that evaluation runs.
fn field_decimal(rng: &mut Rng) -> String {
    match rng.below(100) {
        0 => rng.pick(DECIMALS).to_string(),
        1..=10 => rng.pick(EDGE_DECIMALS).to_string(),
        _ => plain_decimal(rng, 15),
    }
}

/// Narrative text, often with a stated total and its parts (the engine adds them up).
fn narrative_text(rng: &mut Rng) -> String {
    let amount = |rng: &mut Rng| -> String {
        let n = if rng.chance(1, 10) {
            rng.pick(&[
                "5000000000000000000000000",
                "7922816251426433759354395",
                "9999999999999999999999999999",
                "0.0000000001",
            ])
            .to_string()
        } else if rng.chance(1, 3) {
            number_text(rng)
        } else {
            decimal_string(rng)
        };
        format!("{n}{}", rng.pick(&["万元", "元", "万", "万元"]))
    };
    let mut s = String::new();
    for _ in 0..rng.range(1, 4) {
        match rng.below(4) {
            0 => s.push_str(&unicode_string(rng, 20)),
            1 => {
                for _ in 0..rng.range(1, 8) {
                    s.push_str(rng.pick::<&str>(CHINESE));
                }
            }
            _ => {
                let lead = *rng.pick(&["共", "合计", "总计", "累计", "总额", ""]);
                let _ = write!(s, "本项目{lead}{}。其中", amount(rng));
                for _ in 0..rng.range(1, 4) {
                    let _ = write!(s, "{}用于{}；", amount(rng), rng.pick(CHINESE));
                }
                s.push_str(rng.pick::<&str>(&["。", "\n", ""]));
            }
        }
    }
    s
}

/// A random JSON value, `depth` levels deep at most, with keys from `keys`.
fn random_json(rng: &mut Rng, depth: usize, keys: &[&str]) -> Json {
    let scalar_only = depth == 0;
    match rng.below(if scalar_only { 8 } else { 10 }) {
        0 => Json::Null,
        1 => Json::Bool(rng.chance(1, 2)),
        2 => random_number(rng),
        3 => Json::String(decimal_string(rng)),
        4 => Json::String(value_string(rng)),
        5 => Json::String(unicode_string(rng, 40)),
        6 => Json::String(rng.pick(keys).to_string()),
        7 => Json::from(rng.range(0, 5) as u64),
        8 => {
            let n = rng.size(12);
            Json::Array((0..n).map(|_| random_json(rng, depth - 1, keys)).collect())
        }
        _ => {
            let n = rng.size(12);
            let mut m = Map::new();
            for _ in 0..n {
                let k = if rng.chance(1, 6) {
                    unicode_string(rng, 6)
                } else {
                    rng.pick(keys).to_string()
                };
                m.insert(k, random_json(rng, depth - 1, keys));
            }
            Json::Object(m)
        }
    }
}

fn random_number(rng: &mut Rng) -> Json {
    match rng.below(8) {
        0 => Json::from(u64::MAX),
        1 => Json::from(i64::MIN),
        2 => Json::from(1e40),
        3 => Json::from(-0.5),
        4 => Json::from(3.0),
        5 => Json::from(rng.next() as i64),
        6 => Json::from(969.94),
        _ => Json::from(rng.range(0, 5) as u64),
    }
}

/// Every node of `v` as a JSON pointer.
fn pointers(v: &Json, at: String, out: &mut Vec<String>) {
    if out.len() > 5000 {
        return;
    }
    match v {
        Json::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Json::Object(m) => {
            for (k, x) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Nests `inner` in `depth` arrays or objects.
fn nest(rng: &mut Rng, inner: &str, depth: usize) -> String {
    let (open, close) = match rng.below(3) {
        0 => ("[", "]"),
        1 => ("{\"a\":", "}"),
        _ => ("[{\"indicators\":", "}]"),
    };
    let mut s = String::with_capacity(depth * (open.len() + close.len()) + inner.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(inner);
    if !rng.chance(1, 8) {
        for _ in 0..depth {
            s.push_str(close);
        }
    }
    s
}

fn nesting_depth(rng: &mut Rng) -> usize {
    *rng.pick(&[1, 2, 126, 127, 128, 129, 200, 1000, 10_000, 100_000])
}

/// One structural change to a parsed file; `keys` and `scalars` steer it to the format's words.
fn mutate_tree(rng: &mut Rng, root: &mut Json, keys: &[&str], profile: bool) {
    let mut ptrs = Vec::new();
    pointers(root, String::new(), &mut ptrs);
    let what = rng.below(15);
    if what == 14 {
        // This one works on lists of objects: pick among them.
        ptrs.retain(|p| {
            root.pointer(p)
                .and_then(|v| v.as_array())
                .is_some_and(|a| a.first().is_some_and(|x| x.is_object()))
        });
        if ptrs.is_empty() {
            return;
        }
    }
    let ptr = rng.pick(&ptrs).clone();
    let Some(node) = root.pointer_mut(&ptr) else {
        return;
    };
    match what {
        0 => *node = random_json(rng, 0, keys),
        14 => {
            // One edge value in the same field of every element of a list (weights that overflow a
            // sum, bands that all overlap), and sometimes more elements like them.
            if let Json::Array(a) = node {
                let field = a.first().and_then(|x| x.as_object()).and_then(|m| {
                    let ks: Vec<&String> = m.keys().collect();
                    (!ks.is_empty()).then(|| ks[rng.below(ks.len())].clone())
                });
                if let Some(field) = field {
                    let value = Json::String(if rng.chance(1, 2) {
                        rng.pick(&[
                            "9999999999999999999999999999",
                            "-9999999999999999999999999999",
                            "0",
                            "1000000000000",
                        ])
                        .to_string()
                    } else {
                        rng.pick(DECIMALS).to_string()
                    });
                    if rng.chance(1, 2) && !a.is_empty() {
                        let x = a[0].clone();
                        for k in 0..rng.range(1, 12) {
                            let mut y = x.clone();
                            if let Some(m) = y.as_object_mut() {
                                if let Some(Json::String(id)) = m.get_mut("id") {
                                    id.push_str(&format!("-{k}"));
                                }
                            }
                            a.push(y);
                        }
                    }
                    for x in a.iter_mut() {
                        if let Some(m) = x.as_object_mut() {
                            m.insert(field.clone(), value.clone());
                        }
                    }
                }
            }
        }
        1 => *node = random_json(rng, 3, keys),
        2 | 3 => {
            // Decimal strings: the fields that limit magnitude, decimals and signs.
            *node = Json::String(if rng.chance(1, 2) {
                rng.pick(DECIMALS).to_string()
            } else {
                decimal_string(rng)
            })
        }
        4 => {
            *node = Json::String(if profile {
                rng.pick(DECIMALS).to_string()
            } else {
                value_string(rng)
            })
        }
        5 => *node = Json::String(narrative_text(rng)),
        6 => match node {
            Json::Object(m) => {
                let k = rng.pick(keys).to_string();
                m.insert(k, random_json(rng, 2, keys));
            }
            Json::Array(a) => a.push(random_json(rng, 2, keys)),
            other => *other = random_json(rng, 1, keys),
        },
        7 => match node {
            Json::Object(m) if !m.is_empty() => {
                let k = m
                    .keys()
                    .nth(rng.below(m.len()))
                    .cloned()
                    .unwrap_or_default();
                m.remove(&k);
            }
            Json::Array(a) if !a.is_empty() => {
                a.remove(rng.below(a.len()));
            }
            other => *other = Json::Null,
        },
        8 => match node {
            // Repeat an element: many rows, duplicate ids, duplicate bands and blocks.
            Json::Array(a) if !a.is_empty() => {
                let x = a[rng.below(a.len())].clone();
                let n = if rng.chance(1, 20) {
                    rng.range(100, 3000)
                } else {
                    rng.range(1, 4)
                };
                for _ in 0..n {
                    let at = rng.below(a.len() + 1);
                    a.insert(at, x.clone());
                }
            }
            Json::Array(a) => a.push(Json::Null),
            other => *other = Json::Array(vec![other.clone(), other.clone()]),
        },
        9 => match node {
            Json::Array(a) => {
                let n = a.len();
                if n > 1 {
                    a.swap(rng.below(n), rng.below(n));
                }
            }
            Json::Object(m) => {
                // Rename a key.
                if let Some(k) = m.keys().nth(rng.below(m.len().max(1))).cloned() {
                    if let Some(v) = m.remove(&k) {
                        m.insert(rng.pick(keys).to_string(), v);
                    }
                }
            }
            Json::Bool(b) => *b = !*b,
            other => *other = Json::Bool(true),
        },
        10 => {
            // Whole numbers where the format has them (level, schema_version, places).
            *node = match rng.below(8) {
                0 => json!(0),
                1 => json!(4),
                2 => json!("3"),
                3 => json!(3.0),
                4 => json!(-1),
                5 => json!(u64::MAX),
                6 => json!(2),
                _ => json!(rng.range(1, 3)),
            }
        }
        11 => {
            // Nest the node deeper.
            let depth = *rng.pick(&[1, 2, 5, 130]);
            let mut v = node.take();
            for _ in 0..depth {
                v = if rng.chance(1, 2) {
                    Json::Array(vec![v])
                } else {
                    json!({ "a": v })
                };
            }
            *node = v;
        }
        12 => {
            // Method kinds and enum words.
            *node = Json::String(
                rng.pick(&[
                    "manual",
                    "banded",
                    "per_point",
                    "coefficient",
                    "per_count",
                    "90%（含）以上",
                    "80%（含）-90%",
                    "80%-90%（含）",
                    "60%以下",
                    "未达到60%",
                    "-5%（含）以上",
                    "80%≤x<90%",
                    "定量",
                    "定性",
                    "3次",
                    "0.85",
                    "funds_execution",
                    "funds_arrival",
                    "auto",
                    "qualitative",
                    "draft",
                    "final",
                    "done",
                    "above",
                    "below",
                    "portrait",
                    "landscape",
                    "narrative",
                    "achieved",
                    "partial",
                    "missed",
                    "budget",
                    "spent",
                    "central-2020",
                    "jinzhong-2021",
                    "budget10-indicators90",
                    "department-wide",
                    "Central-2020",
                ])
                .to_string(),
            )
        }
        _ => *node = Json::String(unicode_string(rng, 30)),
    }
}

/// Byte-level damage: flips, insertions of tokens, deletions, duplications, truncation, splicing.
fn mutate_bytes(rng: &mut Rng, bytes: &mut Vec<u8>, others: &[String]) {
    let len = bytes.len();
    match rng.below(9) {
        0 if len > 0 => {
            let i = rng.below(len);
            bytes[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            bytes[i] = rng.below(256) as u8;
        }
        2 | 3 => {
            let at = rng.below(len + 1);
            let tok = if rng.chance(1, 4) {
                random_char(rng).to_string()
            } else {
                rng.pick(TOKENS).to_string()
            };
            bytes.splice(at..at, tok.into_bytes());
        }
        4 if len > 0 => {
            let at = rng.below(len);
            let most = if rng.chance(1, 4) {
                len - at
            } else {
                16.min(len - at)
            };
            let n = rng.range(1, most);
            bytes.drain(at..at + n);
        }
        5 if len > 0 => {
            let at = rng.below(len);
            let n = rng.range(1, 64.min(len - at));
            let chunk: Vec<u8> = bytes[at..at + n].to_vec();
            let to = rng.below(len + 1);
            bytes.splice(to..to, chunk);
        }
        6 if len > 0 => bytes.truncate(rng.below(len)),
        7 if !others.is_empty() => {
            // Splice: this file's head with another file's tail.
            let other = rng.pick(others).as_bytes();
            let cut = rng.below(len + 1);
            let from = rng.below(other.len() + 1);
            bytes.truncate(cut);
            bytes.extend_from_slice(&other[from..]);
        }
        _ => {
            let at = rng.below(len + 1);
            let n = number_text(rng);
            bytes.splice(at..at, n.into_bytes());
        }
    }
}

fn text_of(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn serialize(rng: &mut Rng, v: &Json) -> String {
    if rng.chance(1, 2) {
        serde_json::to_string_pretty(v).unwrap_or_default()
    } else {
        serde_json::to_string(v).unwrap_or_default()
    }
}

/// Puts a key in twice: `"key": …` is inserted after the first `{`.
fn repeat_a_key(rng: &mut Rng, text: &mut String, keys: &[&str]) {
    if let Some(at) = text.find('{') {
        let k = rng.pick(keys);
        let v = random_json(rng, 1, keys);
        text.insert_str(at + 1, &format!("{}: {v},", Json::String(k.to_string())));
    }
}

/// A form made from scratch: the right skeleton, random rows and values, mostly readable.
fn skeleton_form(rng: &mut Rng, fx: &Fixtures) -> Json {
    let p = rng.pick(&fx.profiles);
    let mut funds_rows = Vec::new();
    for _ in 0..rng.size(30) {
        let mut r = Map::new();
        r.insert("source".into(), json!(unicode_string(rng, 6)));
        for col in ["initial", "budget", "allocated", "spent"] {
            if rng.chance(2, 3) {
                r.insert(col.into(), json!(field_decimal(rng)));
            }
        }
        funds_rows.push(Json::Object(r));
    }
    let mut funds = json!({ "rows": funds_rows });
    if rng.chance(1, 3) {
        funds["declared_rate"] = json!(field_decimal(rng));
    }
    if rng.chance(1, 3) {
        funds["declared_total"] =
            json!({ "budget": field_decimal(rng), "spent": field_decimal(rng) });
    }
    if rng.chance(1, 3) {
        funds["declared_score"] = json!(field_decimal(rng));
    }
    let blocks: Vec<&str> = p.blocks.iter().map(|b| b.id.as_str()).collect();
    let mut rows = Vec::new();
    let n = rng.size(200);
    for i in 0..n {
        let level = if rng.chance(1, 5) { rng.range(1, 2) } else { 3 };
        let mut r = Map::new();
        r.insert("id".into(), json!(format!("r{}", i + 1)));
        r.insert("level".into(), json!(level));
        r.insert(
            "name".into(),
            json!(rng.pick(&["数量指标", "成本指标", "质量", "满意度", "x"])),
        );
        if level == 1 {
            let b = if rng.chance(1, 8) {
                "nope"
            } else {
                rng.pick(&blocks)
            };
            r.insert("block".into(), json!(b));
        }
        for f in ["target", "actual", "operator", "declared_completion"] {
            if rng.chance(1, 2) {
                r.insert(f.into(), json!(value_string(rng)));
            }
        }
        for f in ["weight", "score", "declared_score"] {
            if rng.chance(1, 2) {
                r.insert(f.into(), json!(field_decimal(rng)));
            }
        }
        if rng.chance(1, 4) {
            r.insert(
                "method".into(),
                json!(rng.pick(&["", "auto", "qualitative", "manual"])),
            );
        }
        if rng.chance(1, 5) {
            r.insert(
                "band".into(),
                json!(rng.pick(&["achieved", "partial", "missed", "", "x"])),
            );
        }
        if rng.chance(1, 10) {
            r.insert("not_applicable".into(), json!(true));
        }
        if rng.chance(1, 5) {
            r.insert("score_reason".into(), json!(unicode_string(rng, 5)));
        }
        rows.push(Json::Object(r));
    }
    let mut scores = Map::new();
    for b in &p.blocks {
        for r in &b.rows {
            if rng.chance(2, 3) {
                let mut e = Map::new();
                if rng.chance(2, 3) {
                    e.insert("actual".into(), json!(value_string(rng)));
                }
                if rng.chance(1, 2) {
                    e.insert("score".into(), json!(field_decimal(rng)));
                }
                if rng.chance(1, 3) {
                    e.insert("declared_score".into(), json!(field_decimal(rng)));
                }
                if rng.chance(1, 10) {
                    e.insert("not_applicable".into(), json!(true));
                }
                scores.insert(r.id.clone(), Json::Object(e));
            }
        }
    }
    let mut block_weights = Map::new();
    if rng.chance(1, 3) {
        for b in &blocks {
            if rng.chance(1, 2) {
                block_weights.insert(b.to_string(), json!(field_decimal(rng)));
            }
        }
    }
    let mut narratives = Map::new();
    for s in &p.sections {
        if rng.chance(1, 2) {
            narratives.insert(s.id.clone(), json!(narrative_text(rng)));
        }
    }
    let mut declared = json!({});
    if rng.chance(1, 2) {
        declared["total"] = json!(field_decimal(rng));
        declared["grade"] = json!(rng.pick(&["优", "良", "中", "差", "A"]));
        let mut bl = Map::new();
        for b in &blocks {
            if rng.chance(1, 2) {
                bl.insert(b.to_string(), json!(field_decimal(rng)));
            }
        }
        declared["blocks"] = Json::Object(bl);
    }
    json!({
        "format": "ziping-form",
        "schema_version": 1,
        "profile": p.id,
        "status": rng.pick(&["draft", "final"]),
        "header": { "year": "2022", "project": unicode_string(rng, 8) },
        "funds": funds,
        "narratives": narratives,
        "indicators": rows,
        "scores": scores,
        "block_weights": block_weights,
        "declared": declared,
    })
}

/// Short texts that are not forms or profiles at all.
fn odd_text(rng: &mut Rng, base: &str) -> String {
    match rng.below(16) {
        0 => String::new(),
        1 => "[]".into(),
        2 => "\"ziping-form\"".into(),
        3 => "1".into(),
        4 => "null".into(),
        5 => "{}".into(),
        6 => format!("\u{feff}{base}"),
        7 => format!("{base}\n{base}"),
        8 => format!("{base}garbage"),
        9 => " \n\t ".into(),
        10 => unicode_string(rng, 200),
        11 => rng.pick(TOKENS).to_string(),
        12 => format!(
            "{}{base}",
            rng.pick(&["\u{3000}", "\u{200b}", "\u{0}", "/* c */"])
        ),
        13 => (*rng.pick(&[
            "1e400",
            "-1e400",
            "NaN",
            "Infinity",
            "123456789012345678901234567890",
        ]))
        .into(),
        14 => {
            if rng.chance(1, 50) {
                // Just over the 2 MB limit.
                let limit = ziping_engine::format::MAX_FILE_BYTES;
                let mut s = String::with_capacity(limit + 66);
                s.push_str(&base[..base.len().min(10)]);
                while s.len() <= limit {
                    s.push_str("                                                                ");
                }
                s
            } else {
                base.to_string()
            }
        }
        _ => base.chars().rev().collect(),
    }
}

fn generate_form(rng: &mut Rng, fx: &Fixtures) -> String {
    match rng.below(100) {
        0..=29 => {
            let mut text = fx.form_files.rewritten(rng, &FORM_KEYS, false, 5, 10);
            if rng.chance(1, 6) {
                let mut b = text.into_bytes();
                mutate_bytes(rng, &mut b, &fx.form_files.texts);
                text = text_of(b);
            }
            text
        }
        30..=49 => {
            let mut v = skeleton_form(rng, fx);
            for _ in 0..[0, 0, 0, 1, 2][rng.below(5)] {
                mutate_tree(rng, &mut v, &FORM_KEYS, false);
            }
            serialize(rng, &v)
        }
        50..=74 => fx.form_files.damaged(rng, 8),
        75..=81 => {
            let v = random_json(rng, 5, &FORM_KEYS);
            let mut v = if rng.chance(1, 2) {
                let mut base = json!({"format": "ziping-form", "schema_version": 1, "profile": "central-2020"});
                if let (Some(m), Json::Object(extra)) = (base.as_object_mut(), v) {
                    m.extend(extra);
                }
                base
            } else {
                v
            };
            if rng.chance(1, 3) {
                mutate_tree(rng, &mut v, &FORM_KEYS, false);
            }
            serialize(rng, &v)
        }
        82..=87 => {
            // Deep nesting, alone or in a field of a real form.
            let depth = nesting_depth(rng);
            let inner = nest(rng, "1", depth);
            if rng.chance(1, 2) {
                inner
            } else {
                let base =
                    serde_json::to_string(rng.pick(&fx.form_files.jsons)).unwrap_or_default();
                let key = rng.pick(&[
                    "\"header\":",
                    "\"indicators\":",
                    "\"narratives\":",
                    "\"level\":",
                ]);
                match base.find(key) {
                    Some(at) => {
                        format!("{}{}{inner},{}", &base[..at], key, &base[at + key.len()..])
                    }
                    None => inner,
                }
            }
        }
        88..=92 => {
            // Huge numbers, NaN and Infinity as bare JSON where a decimal or level goes.
            let base = serde_json::to_string(rng.pick(&fx.form_files.jsons)).unwrap_or_default();
            let lit = rng.pick(&[
                "1e40",
                "1e400",
                "-1e400",
                "NaN",
                "Infinity",
                "-Infinity",
                "18446744073709551616",
                "3.0",
                "1E2",
                "-0",
                "0.1e1",
                "123456789012345678901234567890123456789",
            ]);
            let key = rng.pick(&[
                "\"level\":",
                "\"budget\":",
                "\"weight\":",
                "\"schema_version\":",
                "\"spent\":",
                "\"total\":",
            ]);
            match base.find(key) {
                Some(at) => {
                    let rest = &base[at + key.len()..];
                    let end = rest.find([',', '}']).unwrap_or(rest.len());
                    format!("{}{key}{lit}{}", &base[..at], &rest[end..])
                }
                None => format!("{{\"format\":\"ziping-form\",\"schema_version\":{lit}}}"),
            }
        }
        _ => {
            let base = rng.pick(&fx.form_files.texts).clone();
            odd_text(rng, &base)
        }
    }
}

fn generate_profile(rng: &mut Rng, fx: &Fixtures) -> String {
    match rng.below(100) {
        0..=44 => fx.profile_files.rewritten(rng, &PROFILE_KEYS, true, 4, 12),
        45..=54 => {
            // Splice at the tree level: a part of one profile into another.
            let mut v = rng.pick(&fx.profile_files.jsons).clone();
            let other = rng.pick(&fx.profile_files.jsons);
            let key = rng.pick(&[
                "blocks",
                "grades",
                "qualitative_bands",
                "rounding",
                "thresholds",
                "local_rules",
                "indicators",
                "funds",
                "sections",
            ]);
            if let (Some(m), Some(x)) = (v.as_object_mut(), other.get(*key)) {
                m.insert(key.to_string(), x.clone());
            }
            if rng.chance(1, 2) {
                mutate_tree(rng, &mut v, &PROFILE_KEYS, true);
            }
            serialize(rng, &v)
        }
        55..=84 => fx.profile_files.damaged(rng, 6),
        85..=89 => {
            let v = random_json(rng, 5, &PROFILE_KEYS);
            serialize(rng, &v)
        }
        90..=93 => {
            let depth = nesting_depth(rng);
            nest(rng, "\"x\"", depth)
        }
        _ => {
            let base = rng.pick(&fx.profile_files.texts).clone();
            odd_text(rng, &base)
        }
    }
}

/// Input number `i` of a run of `target` with `seed`.
pub fn generate(target: Target, fx: &Fixtures, seed: u64, i: u64) -> String {
    let mut rng = Rng::for_iteration(seed, i);
    match target {
        Target::Form => generate_form(&mut rng, fx),
        Target::Profile => generate_profile(&mut rng, fx),
        Target::Value => value_string(&mut rng),
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// The file, read; `None` when it is refused, naming at least one problem, each with a message in
/// both languages.
fn read_or_explained<T>(read: Result<T, Vec<Problem>>) -> Result<Option<T>, String> {
    let problems = match read {
        Ok(read) => return Ok(Some(read)),
        Err(problems) => problems,
    };
    if problems.is_empty() {
        return Err("refused with no problem listed".into());
    }
    for p in &problems {
        if p.message.zh.trim().is_empty() || p.message.en.trim().is_empty() {
            return Err(format!(
                "a problem at {:?} has an empty message",
                p.path.to_string()
            ));
        }
    }
    Ok(None)
}

/// What a `what` (form, profile) written by the engine gives when it is read again.
fn read_back<T>(what: &str, read: Result<T, Vec<Problem>>) -> Result<T, String> {
    read.map_err(|p| {
        format!(
            "the written {what} does not read back: {:?}",
            p.iter()
                .map(|p| (&p.path, &p.message.en))
                .collect::<Vec<_>>()
        )
    })
}

/// Evaluates and renders the evaluation (every explanation is formatted when it is serialized).
fn evaluate_and_render(form: &Form, profile: &Profile) -> Result<(), String> {
    let e = evaluate(form, profile);
    serde_json::to_string(&e).map(|_| ()).map_err(|err| {
        format!(
            "the evaluation under {} does not serialize: {err}",
            profile.id
        )
    })
}

/// Checks one form file. `Ok(true)` when it reads.
pub fn check_form(fx: &Fixtures, text: &str) -> Result<bool, String> {
    let Some(form) = read_or_explained(read_form(text))? else {
        return Ok(false);
    };
    for p in &fx.profiles {
        evaluate_and_render(&form, p)?;
    }
    let _ = ziping_engine::open(
        "fuzz.json",
        text.as_bytes(),
        &ziping_engine::Registry::new(),
    );
    let written = to_json(&form);
    let again = read_back("form", read_form(&written))?;
    if again != form {
        return Err("write → read changed the form".into());
    }
    if to_json(&again) != written {
        return Err("write → read → write is not byte-identical".into());
    }
    Ok(true)
}

/// Forms that exercise a profile's rows: each fixed row with entered actuals at the edges, and
/// indicator rows under each block that takes them.
fn probe_forms(p: &Profile) -> Vec<Form> {
    let actuals = [
        "95%",
        "0",
        "100",
        "9999999999999999999999999999%",
        "-5",
        "",
        "50.5",
    ];
    let mut out = vec![p.blank_form()];
    for (k, actual) in actuals.iter().enumerate() {
        let mut f = p.blank_form();
        f.funds.rows = vec![FundsRow::default()];
        f.funds.rows[0].figures.budget = Some(Decimal::from(100 * k as i64));
        f.funds.rows[0].figures.spent = Some(Decimal::new(3 + 10_000 * k as i64, 2));
        f.funds.rows[0].figures.allocated = Some(Decimal::new(7, k as u32));
        for b in &p.blocks {
            for r in &b.rows {
                f.scores.insert(
                    r.id.clone(),
                    ScoreEntry {
                        actual: actual.to_string(),
                        score: (k % 3 == 1).then(|| Decimal::new(k as i64, 1)),
                        declared_score: (k % 2 == 0).then(|| Decimal::from(k as i64)),
                        not_applicable: k == 5 && r.id.len() % 2 == 0,
                        ..ScoreEntry::default()
                    },
                );
            }
            if b.adjustable && k % 2 == 1 {
                f.block_weights
                    .insert(b.id.clone(), Decimal::new(k as i64 * 7, 1));
            }
            if b.from_indicators {
                let n = f.indicators.len();
                let row = |id: usize, level: u8| IndicatorRow {
                    id: format!("p{id}"),
                    level,
                    ..IndicatorRow::default()
                };
                let mut h = row(n, 1);
                h.block = b.id.clone();
                f.indicators.push(h);
                let mut r = row(n + 1, 3);
                r.target = ["≥10", "≤5", "=3", "达成预期指标", "≥0.0000000001"][k % 5].into();
                r.actual = actual.to_string();
                r.weight = Some(b.weight);
                r.method = ["", "qualitative", "manual", "auto"][k % 4].into();
                r.band = ["", "achieved", "partial", "missed", "none"][k % 5].into();
                f.indicators.push(r);
            }
        }
        out.push(f);
    }
    out
}

/// Checks one profile file. `Ok(true)` when it validates.
pub fn check_profile(fx: &Fixtures, text: &str) -> Result<bool, String> {
    let Some(profile) = read_or_explained(Profile::from_json(text))? else {
        return Ok(false);
    };
    for form in fx.forms.iter().chain(probe_forms(&profile).iter()) {
        evaluate_and_render(form, &profile)?;
    }
    let written = profile.to_json();
    let again = read_back("profile", Profile::from_json(&written))?;
    if again != profile {
        return Err("to_json → from_json changed the profile".into());
    }
    Ok(true)
}

/// Partners for a value: the other side of a comparison.
const PARTNERS: &[&str] = &[
    "1",
    "≥1",
    "≤1",
    "=1",
    "100%",
    "0",
    "≥0.0000000001",
    "50万元",
    "达成预期指标",
    "2022年底之前",
];

/// A form whose rows use `s` as target, actual, operator and stated completion, against each partner.
fn value_probe_form(s: &str, profile: &Profile) -> Form {
    let mut f = profile.blank_form();
    let block = profile
        .blocks
        .iter()
        .find(|b| b.from_indicators)
        .map(|b| b.id.clone())
        .unwrap_or_default();
    let mut rows = vec![IndicatorRow {
        id: "h".into(),
        level: 1,
        block,
        ..IndicatorRow::default()
    }];
    for (i, p) in PARTNERS.iter().enumerate() {
        for (j, (target, actual)) in [(s, *p), (*p, s), (s, s)].into_iter().enumerate() {
            rows.push(IndicatorRow {
                id: format!("v{i}-{j}"),
                level: 3,
                name: "成本".into(),
                target: target.into(),
                actual: actual.into(),
                operator: if j == 2 { s.into() } else { String::new() },
                declared_completion: if j == 1 { s.into() } else { "100%".into() },
                weight: Some(Decimal::from(5)),
                ..IndicatorRow::default()
            });
        }
    }
    f.indicators = rows;
    for b in &profile.blocks {
        for r in &b.rows {
            let actual = if matches!(r.method, Method::Manual) {
                String::new()
            } else {
                s.to_string()
            };
            f.scores.insert(
                r.id.clone(),
                ScoreEntry {
                    actual,
                    ..ScoreEntry::default()
                },
            );
        }
    }
    f.narratives
        .insert("overview".into(), format!("共{s}。其中{s}；{s}。"));
    f
}

/// Checks one typed value. `Ok(true)` when it reads as a quantity.
pub fn check_value(fx: &Fixtures, s: &str) -> Result<bool, String> {
    use ziping_engine::value;
    let v = value::parse(s);
    serde_json::to_string(&v).map_err(|e| format!("the parsed value does not serialize: {e}"))?;
    if value::parse(s) != v {
        return Err("parsing twice gave two answers".into());
    }
    let _ = value::Op::from_column(s);
    let normalized = value::normalize(s);
    if let Some(d) = ziping_engine::decimal::parse(s) {
        if ziping_engine::decimal::parse(&d.to_string()) != Some(d) {
            return Err(format!("the decimal {d} does not read back"));
        }
    }
    if let value::Value::Quantity(q) = &v {
        let _ = q.base_value();
    }
    let _ = normalized;
    for p in &fx.profiles {
        evaluate_and_render(&value_probe_form(s, p), p)?;
    }
    Ok(matches!(v, value::Value::Quantity(_)))
}

pub fn check(target: Target, fx: &Fixtures, input: &str) -> Result<bool, String> {
    match target {
        Target::Form => check_form(fx, input),
        Target::Profile => check_profile(fx, input),
        Target::Value => check_value(fx, input),
    }
}

// ---------------------------------------------------------------------------------------------
// Running: panics, hangs and failures
// ---------------------------------------------------------------------------------------------

/// Where failing inputs are written: `target/fuzz-crashes/` of the workspace, or `$ZIPING_FUZZ_CRASHES`.
pub fn crash_dir() -> PathBuf {
    std::env::var_os("ZIPING_FUZZ_CRASHES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(ENGINE_DIR).join("../../target/fuzz-crashes"))
}

/// The file a failing input is written to.
pub fn crash_file(target: Target, kind: &str, seed: u64, i: u64) -> PathBuf {
    crash_dir().join(format!(
        "{}-{kind}-seed{seed}-iter{i}.{}",
        target.name(),
        target.extension()
    ))
}

/// Writes the input and a note beside it (`.txt` → `.note`); returns the input's file.
pub fn save_failure(
    target: Target,
    kind: &str,
    seed: u64,
    i: u64,
    input: &str,
    detail: &str,
) -> PathBuf {
    let file = crash_file(target, kind, seed, i);
    let _ = fs::create_dir_all(crash_dir());
    let _ = fs::write(&file, input);
    let note = format!(
        "target: {}\nkind: {kind}\nseed: {seed}\niteration: {i}\ninput bytes: {}\n\n{detail}\n\nreplay: cargo run --release -p ziping-engine --example fuzz -- replay {} {}\n",
        target.name(),
        input.len(),
        target.name(),
        file.display()
    );
    let _ = fs::write(file.with_extension("note"), note);
    file
}

/// One failing input.
#[derive(Debug, Clone)]
pub struct Failure {
    pub target: Target,
    /// `panic`, `hang` or `check` (a broken invariant: round trip, empty message …).
    pub kind: &'static str,
    pub iteration: u64,
    pub detail: String,
    pub file: PathBuf,
    pub input_len: usize,
}

impl Failure {
    /// The failure of `input`, iteration `iteration`, saved to `file`.
    pub fn new(
        target: Target,
        kind: &'static str,
        iteration: u64,
        detail: String,
        file: PathBuf,
        input: &str,
    ) -> Failure {
        Failure {
            target,
            kind,
            iteration,
            detail,
            file,
            input_len: input.len(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} at iteration {} ({} bytes): {}\n  input: {}",
            self.target.name(),
            self.kind,
            self.iteration,
            self.input_len,
            self.detail,
            self.file.display()
        )
    }
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Report {
    pub target: Target,
    pub seed: u64,
    pub executions: u64,
    /// Inputs that read (forms), validated (profiles) or read as a quantity (values).
    pub accepted: u64,
    pub elapsed: Duration,
    pub slowest: Duration,
    /// The iteration of the slowest input (`fuzz show <target> <seed> <iteration>` prints it).
    pub slowest_iteration: u64,
    pub failures: Vec<Failure>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        write!(
            f,
            "{}: {} executions in {:.1} s ({:.0}/s), {} accepted, slowest input {:.3} s (iteration {}), seed {}, {} failure(s)",
            self.target.name(),
            self.executions,
            secs,
            self.executions as f64 / secs.max(1e-9),
            self.accepted,
            self.slowest.as_secs_f64(),
            self.slowest_iteration,
            self.seed,
            self.failures.len()
        )
    }
}

/// What the panic hook needs to know about the input being run on this thread.
struct Current {
    target: Target,
    seed: u64,
    iteration: u64,
    input: Arc<str>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
    /// Set while [`run_one`] replays a saved input: the hook then prints where the panic happened.
    static REPLAYING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The file and message of the last panic the hook saved on this thread.
    static LAST_PANIC: RefCell<Option<(PathBuf, String)>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// The engine's own frames of the current stack, innermost first: where a panic happened.
fn engine_frames() -> String {
    let bt = std::backtrace::Backtrace::force_capture().to_string();
    let mut frames: Vec<String> = Vec::new();
    for line in bt.lines() {
        let line = line.trim();
        let name = line.split_once(": ").map(|(_, n)| n).unwrap_or(line);
        if name.starts_with("ziping_engine::") || name.starts_with("<ziping_engine::") {
            let name = match name.rfind("::h") {
                Some(k) if name[k + 3..].chars().all(|c| c.is_ascii_hexdigit()) => &name[..k],
                _ => name,
            };
            if frames.last().map(String::as_str) != Some(name) {
                frames.push(name.to_string());
            }
        } else if line.starts_with("at ") && line.contains("engine/src/") {
            if let Some(last) = frames.last_mut() {
                if !last.contains(" (") {
                    let at = line.trim_start_matches("at ");
                    let short = at.rsplit_once("engine/").map(|(_, f)| f).unwrap_or(at);
                    *last = format!("{last} (engine/{short})");
                }
            }
        }
    }
    frames.truncate(4);
    frames.join(" < ")
}

/// Saves the input of a panicking fuzz iteration before anything else happens, so that it is kept
/// even where panics abort (the release profile has `panic = "abort"`).
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let saved = CURRENT.with(|c| {
                c.try_borrow().ok().and_then(|c| {
                    c.as_ref().map(|c| {
                        let message = panic_text(info.payload());
                        let place = info
                            .location()
                            .map(|l| format!(" at {}:{}", l.file(), l.line()))
                            .unwrap_or_default();
                        let detail = format!(
                            "panic: {} in {}{place}",
                            message.replace('\n', " "),
                            engine_frames()
                        );
                        let file =
                            save_failure(c.target, "panic", c.seed, c.iteration, &c.input, &detail);
                        eprintln!(
                            "FUZZ PANIC ({} iteration {}): {detail}\n  input saved to {}",
                            c.target.name(),
                            c.iteration,
                            file.display()
                        );
                        (file, detail)
                    })
                })
            });
            match saved {
                Some(s) => LAST_PANIC.with(|l| *l.borrow_mut() = Some(s)),
                None if REPLAYING.with(|r| r.get()) => {
                    eprintln!("PANIC: {info}\n  in {}", engine_frames());
                }
                None => previous(info),
            }
        }));
    });
}

/// The input being run, for the watchdog: when it started, its target, seed, iteration and text.
type Slot = Arc<Mutex<Option<(Instant, Target, u64, u64, Arc<str>)>>>;

/// Watches the running input from another thread: one stuck past [`STUCK_LIMIT`] is saved and the
/// process exits (a loop that never ends would otherwise never report).
struct Watchdog {
    slot: Slot,
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start() -> Watchdog {
        let slot: Slot = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (slot.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                let stuck = s.lock().ok().and_then(|g| {
                    g.as_ref()
                        .filter(|(t0, ..)| t0.elapsed() > STUCK_LIMIT)
                        .map(|(t0, t, seed, i, input)| (t0.elapsed(), *t, *seed, *i, input.clone()))
                });
                if let Some((took, t, seed, i, input)) = stuck {
                    let detail = format!("hang: still running after {:.1} s", took.as_secs_f64());
                    let file = save_failure(t, "hang", seed, i, &input, &detail);
                    eprintln!(
                        "\nFUZZ HANG ({} iteration {i}): {detail}\n  input saved to {}",
                        t.name(),
                        file.display()
                    );
                    std::process::exit(3);
                }
            }
        });
        Watchdog {
            slot,
            stop,
            handle: Some(handle),
        }
    }

    fn begin(&self, target: Target, seed: u64, i: u64, input: Arc<str>) {
        if let Ok(mut g) = self.slot.lock() {
            *g = Some((Instant::now(), target, seed, i, input));
        }
    }

    fn end(&self) {
        if let Ok(mut g) = self.slot.lock() {
            *g = None;
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// How to run.
pub struct Options {
    pub seed: u64,
    /// The first iteration (a restarted run continues after its last failure).
    pub start: u64,
    pub budget: Duration,
    /// Stop after this many failures.
    pub max_failures: usize,
}

/// Runs one input under the same guard as a fuzz iteration; for replaying a saved input.
pub fn run_one(
    target: Target,
    fx: &Fixtures,
    input: &str,
) -> (Result<Result<bool, String>, String>, Duration) {
    install_hook();
    REPLAYING.with(|r| r.set(true));
    let t0 = Instant::now();
    let r = panic::catch_unwind(AssertUnwindSafe(|| check(target, fx, input)));
    REPLAYING.with(|r| r.set(false));
    (r.map_err(|p| panic_text(&*p)), t0.elapsed())
}

/// A panic's message (its payload as text).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// Runs `target` for `opts.budget`. `after_each(iteration, accepted, took)` is called after every
/// input that passed.
pub fn run(
    target: Target,
    fx: &Fixtures,
    opts: &Options,
    mut after_each: impl FnMut(u64, bool, Duration),
) -> Report {
    install_hook();
    let watchdog = Watchdog::start();
    let started = Instant::now();
    let mut report = Report {
        target,
        seed: opts.seed,
        executions: 0,
        accepted: 0,
        elapsed: Duration::ZERO,
        slowest: Duration::ZERO,
        slowest_iteration: opts.start,
        failures: Vec::new(),
    };
    let mut i = opts.start;
    while started.elapsed() < opts.budget && report.failures.len() < opts.max_failures {
        let input: Arc<str> = generate(target, fx, opts.seed, i).into();
        CURRENT.with(|c| {
            *c.borrow_mut() = Some(Current {
                target,
                seed: opts.seed,
                iteration: i,
                input: input.clone(),
            })
        });
        watchdog.begin(target, opts.seed, i, input.clone());
        let t0 = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| check(target, fx, &input)));
        let mut took = t0.elapsed();
        // A slow input is timed twice more and counts at its fastest, so that a moment of load on a
        // shared machine is not reported as a hang.
        if took > HANG_LIMIT && matches!(outcome, Ok(Ok(_))) {
            for _ in 0..2 {
                let t1 = Instant::now();
                let _ = panic::catch_unwind(AssertUnwindSafe(|| check(target, fx, &input)));
                took = took.min(t1.elapsed());
            }
        }
        watchdog.end();
        CURRENT.with(|c| *c.borrow_mut() = None);
        report.executions += 1;
        if took > report.slowest {
            report.slowest = took;
            report.slowest_iteration = i;
        }
        let failed: Option<(&'static str, String, Option<PathBuf>)> = match outcome {
            Err(payload) => {
                let saved = LAST_PANIC.with(|l| l.borrow_mut().take());
                let text = panic_text(&*payload);
                Some(match saved {
                    Some((file, detail)) => ("panic", detail, Some(file)),
                    None => ("panic", format!("panic: {text}"), None),
                })
            }
            Ok(Err(detail)) => Some(("check", detail, None)),
            Ok(Ok(_)) if took > HANG_LIMIT => Some((
                "hang",
                format!(
                    "hang: took {:.3} s (limit {:.1} s)",
                    took.as_secs_f64(),
                    HANG_LIMIT.as_secs_f64()
                ),
                None,
            )),
            Ok(Ok(accepted)) => {
                report.accepted += u64::from(accepted);
                after_each(i, accepted, took);
                None
            }
        };
        if let Some((kind, detail, file)) = failed {
            let file =
                file.unwrap_or_else(|| save_failure(target, kind, opts.seed, i, &input, &detail));
            report
                .failures
                .push(Failure::new(target, kind, i, detail, file, &input));
        }
        i += 1;
    }
    report.elapsed = started.elapsed();
    report
}
