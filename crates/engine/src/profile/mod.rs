//! Rule profiles: a form layout and its scoring rules, as data.
//!
//! A profile says which sections a form has and in what order, which blocks are scored with which
//! weights, how each row is scored, the grade bands, the rounding, the thresholds that ask for a written
//! reason, and optional local rules. Every rule carries its basis (`[form]`, `[note]`, `[2020]`,
//! `[local]`, see docs/profiles.md). Built-in profiles are JSON files compiled in (`builtin/`); users
//! import their own with [`Profile::from_json`], which reads the file field by field (`read.rs`, every
//! problem with its path) and rejects a profile that contradicts itself (`validate.rs`). The types
//! derive only `Serialize`, for the export format ([`Profile::to_json`]).

pub mod bands;
mod draft;
mod read;
mod registry;
mod validate;

pub use draft::{Change, ProfileDraft};
pub use read::PROFILE_FIELDS;
pub use registry::Registry;

use crate::decimal::Decimal;
use crate::entry::MoneyUnit;
use crate::model::FundsColumn;
use crate::text::Text;
use serde::Serialize;

/// `problems`, the reading problems of `text`, and the validation's problems of the file with each
/// text value that failed to read taken as `"0"` (see [`Profile::from_json`]).
fn with_validation(
    text: &str,
    mut problems: Vec<crate::reader::Problem>,
) -> Vec<crate::reader::Problem> {
    use crate::path::{Location, Step};
    use serde_json::Value;
    let Ok((mut doc, _)) = crate::reader::parse_file(text) else {
        return problems;
    };
    if read::resolve(&mut doc).is_err() {
        return problems;
    }
    if let Some(m) = doc.as_object_mut() {
        m.remove("extends");
    }
    let mut repaired = Vec::new();
    for p in &problems {
        let Location::Value(path) = &p.path else {
            continue;
        };
        let slot = path.0.iter().try_fold(&mut doc, |v, step| match step {
            Step::Key(k) => v.get_mut(k.as_str()),
            Step::Index(i) => v.get_mut(*i),
        });
        if let Some(slot @ Value::String(_)) = slot {
            *slot = Value::String("0".into());
            repaired.push(path.clone());
        }
    }
    if repaired.is_empty() {
        return problems;
    }
    let Ok(profile) = read::read(&doc.to_string()) else {
        return problems;
    };
    // A problem at, above or beside a value taken as "0" (in the object that holds it: a block's
    // rows against the block's weight) depends on it.
    // Within a list (grades, bands, blocks), the items are checked against each other: a value taken
    // as "0" in one item bears on the whole list.
    let related = |p: &crate::path::DocPath| {
        repaired.iter().any(|r| {
            let holder = match r.0.iter().rposition(|s| matches!(s, Step::Index(_))) {
                Some(list) => &r.0[..list],
                None => &r.0[..r.0.len().saturating_sub(1)],
            };
            r.0.starts_with(&p.0) || p.0.starts_with(holder)
        })
    };
    for v in validate::validate(&profile) {
        let keep = match &v.path {
            Location::Value(p) => !related(p),
            _ => true,
        };
        if keep && !problems.contains(&v) {
            problems.push(v);
        }
    }
    problems
}

/// The profile file's format name.
pub const PROFILE_FORMAT: &str = "ziping-profile";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    /// Always [`PROFILE_FORMAT`].
    pub format: String,
    /// Stable id, referenced by forms (lowercase letters, digits and `-`).
    pub id: String,
    pub name: Text,
    pub description: Text,
    /// The documents the layout follows (e.g. 财预〔2020〕10号).
    pub basis: String,
    /// The form's default title.
    pub title: Text,
    /// Page orientation of the printed form.
    pub orientation: Orientation,
    /// The sections in their official order.
    pub sections: Vec<Section>,
    pub funds: FundsLayout,
    pub indicators: IndicatorLayout,
    /// Scored blocks; their weights sum to 100.
    pub blocks: Vec<Block>,
    /// Qualitative bands as shares of a row's weight [2020].
    pub qualitative_bands: Vec<QualitativeBand>,
    /// Grade bands, highest first.
    pub grades: Vec<GradeBand>,
    pub rounding: Rounding,
    pub thresholds: Thresholds,
    pub local_rules: LocalRules,
    /// Words of this layout's labels, for reading its workbooks (`"funds.spent": ["实付金额"]`), by
    /// the keys of [`crate::workbook::labels::known_keys`]; added to the defaults, never replacing them.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "labels_as_object"
    )]
    pub labels: Vec<(String, Vec<String>)>,
    /// The built-in profile this one extends (its file held only what differs), or empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub extends: String,
    /// [`Profile::fingerprint`]: of the file the profile was read from.
    #[serde(skip)]
    pub(crate) fingerprint: Fingerprint,
}

/// What a profile's file says, as a short text that changes whenever any of it changes: FNV-1a (64
/// bits) of the file's JSON written compactly with its keys sorted, e.g. `fnv1a64:8c3f0e2d9b7a6c51`.
/// The same content written with other spacing or key order has the same fingerprint. It takes no
/// part in comparing profiles.
#[derive(Clone, Debug, Default)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub(crate) fn of(value: &serde_json::Value) -> Fingerprint {
        // serde_json's maps are sorted by key (no `preserve_order`): the text is canonical.
        let json = value.to_string();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in json.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Fingerprint(format!("fnv1a64:{h:016x}"))
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// One section of the layout, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// For narrative sections, the key of its text in the form's `narratives`.
    pub id: String,
    pub kind: SectionKind,
    pub title: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Header,
    Funds,
    Narrative,
    Indicators,
    Scoring,
    Evaluators,
    Signoff,
}

/// The funds table's columns and default source rows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundsLayout {
    /// Which money columns the table has, with their printed headings.
    pub columns: Vec<FundsColumnLayout>,
    /// The sources a new form starts with.
    pub default_rows: Vec<String>,
    /// The total row's label (年度资金总额 …).
    pub total_label: Text,
    /// Whether the table prints the 执行率 / 分值 / 得分 columns.
    pub shows_score: bool,
    /// The unit its amounts are in (`万元` unless the profile says otherwise); amounts typed in
    /// another unit of money are converted ([`crate::entry`]).
    pub unit: MoneyUnit,
    /// Every row prints its own 执行率 (全年执行数 ÷ 全年预算数 of that row; "—" where it has no
    /// budget), beside the money columns. Only for a table without the 分值/得分 columns.
    pub row_rates: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundsColumnLayout {
    pub column: FundsColumn,
    pub title: Text,
}

/// The indicator table's columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorLayout {
    /// Rows carry 分值 and 得分 and are scored into blocks.
    pub scored: bool,
    /// The table prints a computed 完成进度 column.
    pub completion: bool,
    /// The table has an explicit 指标性质 (≥ ≤ =) column.
    pub operator_column: bool,
    /// The table has a 偏差原因分析及改进措施 column.
    pub reason_column: bool,
    /// The table has a 度量单位 column: a row's unit applies to its target and actual written as
    /// bare numbers.
    pub unit_column: bool,
    /// The table has a 指标类型 column (定量 / 定性).
    pub nature_column: bool,
    /// The table has a 核心指标 column.
    pub core_column: bool,
    /// The table has a 得分系数 column: a row with a coefficient scores it × its weight.
    pub coefficient_column: bool,
    /// The table has two target columns, 年初指标值 and 调整后指标值: rows are scored against the
    /// adjusted one (`target`), and a target lowered during the year is flagged.
    pub initial_target_column: bool,
    /// Level-1 and level-2 headings a new form starts with.
    pub default_outline: Vec<OutlineHeading>,
    /// How a target written without ≥ ≤ = gets its direction from the row's name.
    pub direction_words: DirectionWords,
}

/// Words of an indicator's name that say "less is better" (控制率, 结余率 …), for targets written
/// without ≥ ≤ = (GUIDE §4.12: published forms write many reverse rows as a bare "3%"), and words
/// that override them (成本**节约**率, 投诉**下降**率 are "more is better").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DirectionWords {
    pub reverse: Vec<String>,
    pub not_reverse: Vec<String>,
}

/// The words a profile uses when it names none (docs/profiles.md).
pub const REVERSE_WORDS: &[&str] = &[
    "控制率",
    "调整率",
    "结余率",
    "变动率",
    "投诉率",
    "事故率",
    "发生率",
    "差错率",
    "失误率",
    "超支率",
    "成本",
];
/// Words that make a name "more is better" even with a reverse word in it.
pub const NOT_REVERSE_WORDS: &[&str] = &["节约", "节支", "降低", "下降", "减少"];

impl Default for DirectionWords {
    fn default() -> Self {
        DirectionWords {
            reverse: REVERSE_WORDS.iter().map(|w| w.to_string()).collect(),
            not_reverse: NOT_REVERSE_WORDS.iter().map(|w| w.to_string()).collect(),
        }
    }
}

impl DirectionWords {
    /// The reverse word `name` holds, unless it also holds a word that overrides it.
    pub fn reverse_in(&self, name: &str) -> Option<&str> {
        if self.not_reverse.iter().any(|w| name.contains(w.as_str())) {
            return None;
        }
        self.reverse
            .iter()
            .find(|w| name.contains(w.as_str()))
            .map(|w| w.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutlineHeading {
    pub level: u8,
    pub name: String,
    /// Level 1: the block it scores into.
    pub block: String,
}

/// A scored block (投入, 过程, 产出, 效益 …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub id: String,
    pub name: Text,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub weight: Decimal,
    /// The form may change this block's weight (the 2020 rule allows adjusting 10/50/30/10).
    pub adjustable: bool,
    /// Fixed rows of the scoring table; their weights sum to the block's weight.
    pub rows: Vec<FixedRow>,
    /// The block's rows are the form's indicator rows under level-1 headings bound to this block; the
    /// form sets their weights, which must sum to the block's weight.
    pub from_indicators: bool,
    pub basis: String,
}

/// A row of the scoring table that the profile defines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FixedRow {
    pub id: String,
    /// The 二级指标 it sits under, if any.
    pub group: Text,
    pub name: Text,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub weight: Decimal,
    pub method: Method,
    pub basis: String,
}

/// How a fixed row is scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// min(全年执行数 ÷ 全年预算数, 100%) × weight [form].
    FundsExecution,
    /// min(到位资金 ÷ 预算资金, 100%) × weight [2013 framework].
    FundsArrival,
    /// The evaluator's judgement, entered; a reason when below full.
    Manual,
    /// The entered `actual` (a percentage) looked up in a banded table.
    Banded { bands: Vec<ScoreBand> },
    /// Full marks while the entered percentage is on the good side of `limit`; each percentage point
    /// beyond deducts `per_point`, never below `floor`.
    PerPoint {
        #[serde(serialize_with = "crate::decimal::as_string::serialize")]
        limit: Decimal,
        /// `"above"`: points above the limit are deducted (lower is better); `"below"`: points below.
        deduct_when: DeductWhen,
        #[serde(serialize_with = "crate::decimal::as_string::serialize")]
        per_point: Decimal,
        #[serde(serialize_with = "crate::decimal::as_string::serialize")]
        floor: Decimal,
    },
    /// 得分系数: the entered percentage × weight.
    Coefficient,
    /// 每发现一次扣 `per` 分，扣完为止: the weight less `per` for each occurrence counted in the row's
    /// entry, never below `floor`.
    PerCount {
        #[serde(serialize_with = "crate::decimal::as_string::serialize")]
        per: Decimal,
        #[serde(serialize_with = "crate::decimal::as_string::serialize")]
        floor: Decimal,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeductWhen {
    Above,
    Below,
}

/// One band of a banded table: `min ≤ value < max` gives `points` (open ends where absent; the
/// lower end left out with `min_open`, the upper end taken in with `max_closed`). A profile may write
/// the band as a rule does instead (`"when": "80%（含）-90%"`, [`bands`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreBand {
    #[serde(
        serialize_with = "crate::decimal::as_string::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub min: Option<Decimal>,
    #[serde(
        serialize_with = "crate::decimal::as_string::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub max: Option<Decimal>,
    /// `min` itself is not in the band (`高于 90%`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub min_open: bool,
    /// `max` itself is in the band (`60%（含）以下`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub max_closed: bool,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub points: Decimal,
}

impl ScoreBand {
    /// Whether the percentage `v` is in the band.
    pub fn holds(&self, v: Decimal) -> bool {
        let above = self
            .min
            .is_none_or(|m| if self.min_open { v > m } else { v >= m });
        let below = self
            .max
            .is_none_or(|m| if self.max_closed { v <= m } else { v < m });
        above && below
    }
}

/// A qualitative band: a score between `min` and `max` shares of the weight (`max` inclusive only for
/// the top band).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualitativeBand {
    pub id: String,
    pub name: Text,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub min: Decimal,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub max: Decimal,
    /// Texts in the actual column that mean this band (e.g. 达成预期指标).
    pub phrases: Vec<String>,
}

/// A grade from `min` (inclusive) up to the next band's `min`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeBand {
    pub grade: String,
    pub name_en: String,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub min: Decimal,
}

/// Rounding (四舍五入, half away from zero) and where it happens.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rounding {
    /// Decimal places of scores.
    pub places: u32,
    /// Round each row's score before summing (as printed forms do); otherwise only the total.
    pub round_rows: bool,
    /// Decimal places of rates shown as percentages.
    pub percent_places: u32,
    /// Decimal places of the printed 完成进度 column.
    pub completion_places: u32,
    /// Round the execution rate (as a percentage) to these places *before* scoring. Absent = exact;
    /// 0 reproduces forms that score 86.20% as 86%.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_places_before_scoring: Option<u32>,
}

/// When the profile asks for a written reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Thresholds {
    /// A reason is required when a scored row is below its weight [2020].
    pub reason_below_weight: bool,
    /// A reason is required when execution is below this rate (e.g. "0.9") [local].
    #[serde(
        serialize_with = "crate::decimal::as_string::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub execution_reason_below: Option<Decimal>,
    /// A reason is required when a row's completion reaches this ratio (e.g. "1.2") [2020].
    #[serde(
        serialize_with = "crate::decimal::as_string::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub over_achievement_reason_at: Option<Decimal>,
    /// A reason is required when the full-year budget differs from the initial one [local].
    pub adjustment_reason: bool,
}

/// Optional local rules [local].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LocalRules {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_achievement_deduction: Option<OverAchievementDeduction>,
    /// Caps on the total by execution rate; the lowest applicable cap wins.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub execution_caps: Vec<ExecutionCap>,
}

/// A quantitative `≥` row whose completion reaches `at` (e.g. 1.3) loses `points`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverAchievementDeduction {
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub at: Decimal,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub points: Decimal,
}

/// Execution below `below` caps the total at `cap`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExecutionCap {
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub below: Decimal,
    #[serde(serialize_with = "crate::decimal::as_string::serialize")]
    pub cap: Decimal,
}

/// The built-in profiles' files, compiled in, in the order the app lists them.
/// Minified by `build.rs` (the files under `builtin/` keep their layout).
pub(crate) const BUILTIN_SOURCES: [&str; 4] = [
    include_str!(concat!(env!("OUT_DIR"), "/builtin/jinzhong-2021.json")),
    include_str!(concat!(env!("OUT_DIR"), "/builtin/central-2020.json")),
    include_str!(concat!(
        env!("OUT_DIR"),
        "/builtin/budget10-indicators90.json"
    )),
    include_str!(concat!(env!("OUT_DIR"), "/builtin/department-wide.json")),
];

impl Profile {
    /// Reads and validates a profile from JSON. Every problem is reported, each with where it is: first
    /// every problem of the file's structure (syntax, unknown or missing fields, wrong types, unknown
    /// spellings, repeated keys), and only when there is none, every contradiction the validation finds.
    ///
    /// A file with problems of its structure is validated too where that can be done: each value
    /// that did not read as what its field holds (a text where a decimal belongs: `"5O"`) is taken as
    /// `"0"` for the validation alone, and the contradictions it finds elsewhere are listed with the
    /// reading problems, in one list. Those at, above or beside a value taken as `"0"` (in the object
    /// that holds it, or in the list that holds that object) are left out: what they would say
    /// depends on a value the file does not have.
    pub fn from_json(text: &str) -> Result<Profile, Vec<crate::reader::Problem>> {
        let profile = read::read(text).map_err(|problems| with_validation(text, problems))?;
        let problems = validate::validate(&profile);
        if problems.is_empty() {
            Ok(profile)
        } else {
            Err(problems)
        }
    }

    /// The [`Fingerprint`] of the file the profile was read from. A form records the fingerprint of
    /// the profile it was scored with (`profile_hash`), so that a form scored with another version of
    /// a profile under the same id is flagged (`profile.changed`). It tells versions apart; it is not
    /// a signature (anyone can write a form with any fingerprint).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint.0
    }

    /// The profile as pretty JSON (the export format).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// All built-in profiles, in the order the app lists them (copies of the [`Registry`]'s, which
    /// parses them once).
    pub fn builtins() -> Vec<Profile> {
        Registry::new()
            .builtins()
            .iter()
            .map(|p| (**p).clone())
            .collect()
    }

    /// A copy of the built-in profile with `id`.
    pub fn builtin(id: &str) -> Option<Profile> {
        Registry::new()
            .builtins()
            .iter()
            .find(|p| p.id == id)
            .map(|p| (**p).clone())
    }

    /// The block with `id`.
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }

    /// The fixed row with `id`, with its block.
    pub fn fixed_row(&self, id: &str) -> Option<(&Block, &FixedRow)> {
        self.blocks
            .iter()
            .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
            .find(|(_, r)| r.id == id)
    }

    /// The grade band a total falls in.
    pub fn grade_for(&self, total: Decimal) -> Option<&GradeBand> {
        self.grades.iter().find(|g| total >= g.min)
    }

    /// A new, empty form of this profile: its default sources of money and its preset indicator
    /// headings, ready to fill in.
    pub fn blank_form(&self) -> crate::model::Form {
        use crate::model::{Form, FundsRow, IndicatorRow};
        let mut form = Form {
            profile: self.id.clone(),
            profile_hash: self.fingerprint().to_string(),
            ..Form::default()
        };
        form.funds.rows = self
            .funds
            .default_rows
            .iter()
            .map(|s| FundsRow {
                source: s.clone(),
                ..FundsRow::default()
            })
            .collect();
        form.indicators = self
            .indicators
            .default_outline
            .iter()
            .enumerate()
            .map(|(i, h)| IndicatorRow {
                id: format!("r{}", i + 1),
                level: h.level,
                name: h.name.clone(),
                block: h.block.clone(),
                ..IndicatorRow::default()
            })
            .collect();
        form
    }

    /// Whether any fixed row is computed from the funds table.
    pub fn scores_funds(&self) -> bool {
        self.blocks
            .iter()
            .flat_map(|b| &b.rows)
            .any(|r| matches!(r.method, Method::FundsExecution | Method::FundsArrival))
    }
}

#[cfg(test)]
mod tests;

/// A profile's `labels` written as the object they were read from.
fn labels_as_object<S: serde::Serializer>(
    labels: &[(String, Vec<String>)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(labels.len()))?;
    for (k, v) in labels {
        m.serialize_entry(k, v)?;
    }
    m.end()
}
