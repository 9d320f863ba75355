//! Reading a profile file into its types, with the same reader as forms ([`crate::reader`]): the text
//! is parsed into a JSON value, noticing keys written twice, and the value is walked field by field.
//! Every problem of the file is reported at once, each at its path (`blocks[0].rows[1].weight`).
//!
//! Decimals are JSON strings read by [`crate::decimal::parse`], counts are whole JSON numbers in their
//! type's range, names (`"landscape"`, `"per_point"` …) are spelled as the export writes them, every
//! object refuses fields it does not have, and a field that may be left out takes its empty value.
//! `null` stands for "none" only where a field is optional and has no value of its own (a band's open
//! `min` or `max`, the thresholds, `rate_places_before_scoring`, `over_achievement_deduction`); anywhere
//! else it is a wrong type.

use super::Fingerprint;
use super::*;
use crate::reader::{parse_file, At, Choices, Problem, Reader};
use serde_json::{Map, Value};

/// Reads a profile's text into its types: the profile, or every problem found. The profile is not yet
/// validated (see [`super::validate`]).
pub(super) fn read(text: &str) -> Result<Profile, Vec<Problem>> {
    let (mut value, repeated) = parse_file(text).map_err(|p| vec![p])?;
    resolve(&mut value)?;
    let mut r = Reader { problems: repeated };
    let profile = r.profile(&value).map(|mut p| {
        p.fingerprint = Fingerprint::of(&value);
        p
    });
    r.finish(profile)
}

/// A profile that `extends` a built-in one is that profile with the file's fields laid over it:
/// objects field by field, lists of objects with an `id` item by item (new ids are added), a text
/// (`{"zh", "en"}`, or `{"zh"}` alone) and any other value as a whole.
/// Gives the id of the built-in extended (empty when the file stands alone).
pub(super) fn resolve(value: &mut Value) -> Result<String, Vec<Problem>> {
    let Some(base_id) = value.get("extends") else {
        return Ok(String::new());
    };
    let Some(base_id) = base_id.as_str() else {
        return Err(vec![Problem::new(
            crate::path::DocPath::at("extends"),
            "extends 应为内置规则的编号（文本）",
            "extends must be the id of a built-in profile (text)",
        )]);
    };
    let base = super::BUILTIN_SOURCES.iter().find_map(|src| {
        let v: Value = serde_json::from_str(src).ok()?;
        (v.get("id").and_then(Value::as_str) == Some(base_id)).then_some(v)
    });
    let Some(mut base) = base else {
        let ids: Vec<String> = super::BUILTIN_SOURCES
            .iter()
            .filter_map(|src| {
                let v: Value = serde_json::from_str(src).ok()?;
                Some(v.get("id")?.as_str()?.to_string())
            })
            .collect();
        return Err(vec![Problem::new(
            crate::path::DocPath::at("extends"),
            format!(
                "没有编号为“{}”的内置规则可继承（可用：{}）",
                crate::text::quote(base_id),
                ids.join("、")
            ),
            format!(
                "there is no built-in profile \"{}\" to extend (available: {})",
                crate::text::quote(base_id),
                ids.join(", ")
            ),
        )]);
    };
    let base_id = base_id.to_string();
    lay_over(&mut base, value);
    *value = base;
    Ok(base_id)
}

pub(super) fn lay_over(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) if !is_text(o) && !new_kind(b, o) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => lay_over(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(o)) if by_id(b) && by_id(o) => {
            for item in o {
                let id = item.get("id");
                match b.iter_mut().find(|x| x.get("id") == id) {
                    Some(slot) => lay_over(slot, item),
                    None => b.push(item.clone()),
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// An object of another `kind` (a row's method changed from `per_point` to `per_count`): a new
/// object, laid over as a whole, not field by field (the old kind's fields do not belong to it).
pub(super) fn new_kind(base: &Map<String, Value>, over: &Map<String, Value>) -> bool {
    over.get("kind")
        .is_some_and(|k| base.get("kind") != Some(k))
}

/// `{"zh", "en"}` or `{"zh"}`: a text, laid over as a whole (an English left out follows the new
/// Chinese, never the base's English).
pub(super) fn is_text(m: &Map<String, Value>) -> bool {
    !m.is_empty() && m.keys().all(|k| k == "zh" || k == "en")
}

/// A non-empty list whose items are objects with a text `id`.
pub(super) fn by_id(items: &[Value]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|x| x.get("id").is_some_and(Value::is_string))
}

/// How one kind of method reads its fields from the method's object.
type ReadMethod = fn(&mut Reader, &Map<String, Value>, &At) -> Option<Method>;

/// The spelling of each kind of method, and how its fields are read.
const METHODS: &[(&str, ReadMethod)] = &[
    ("funds_execution", |r, m, p| {
        r.no_fields(m, p, Method::FundsExecution)
    }),
    ("funds_arrival", |r, m, p| {
        r.no_fields(m, p, Method::FundsArrival)
    }),
    ("manual", |r, m, p| r.no_fields(m, p, Method::Manual)),
    ("banded", Reader::banded),
    ("per_point", Reader::per_point),
    ("coefficient", |r, m, p| {
        r.no_fields(m, p, Method::Coefficient)
    }),
    ("per_count", Reader::per_count),
];

const ORIENTATIONS: &[(&str, Orientation)] = &[
    ("portrait", Orientation::Portrait),
    ("landscape", Orientation::Landscape),
];

const SECTION_KINDS: &[(&str, SectionKind)] = &[
    ("header", SectionKind::Header),
    ("funds", SectionKind::Funds),
    ("narrative", SectionKind::Narrative),
    ("indicators", SectionKind::Indicators),
    ("scoring", SectionKind::Scoring),
    ("evaluators", SectionKind::Evaluators),
    ("signoff", SectionKind::Signoff),
];

const FUNDS_COLUMNS: &[(&str, FundsColumn)] = &[
    ("initial", FundsColumn::Initial),
    ("budget", FundsColumn::Budget),
    ("allocated", FundsColumn::Allocated),
    ("spent", FundsColumn::Spent),
];

const DEDUCT_WHEN: &[(&str, DeductWhen)] =
    &[("above", DeductWhen::Above), ("below", DeductWhen::Below)];

/// The fields a profile file may have at its top (the reader refuses any other).
pub const PROFILE_FIELDS: &[&str] = &[
    "format",
    "id",
    "name",
    "description",
    "basis",
    "title",
    "orientation",
    "sections",
    "funds",
    "indicators",
    "blocks",
    "qualitative_bands",
    "grades",
    "rounding",
    "thresholds",
    "local_rules",
    "labels",
    "extends",
];

impl Reader {
    fn profile(&mut self, v: &Value) -> Option<Profile> {
        let Some(m) = v.as_object() else {
            self.bad(
                &At::Top,
                "文件应为一个 JSON 对象",
                "the file must hold one JSON object",
            );
            return None;
        };
        // Some other file (a form, say) is not a profile with many problems: its format alone says so.
        if let Some(Value::String(f)) = m.get("format") {
            if f != PROFILE_FORMAT {
                self.bad(
                    &At::Key(&At::Top, "format"),
                    format!(
                        "格式应为 \"{PROFILE_FORMAT}\"，实际为 \"{f}\"",
                        f = crate::text::quote(f)
                    ),
                    format!(
                        "format must be \"{PROFILE_FORMAT}\", found \"{f}\"",
                        f = crate::text::quote(f)
                    ),
                );
                return None;
            }
        }
        let p = &At::Top;
        self.only(m, p, PROFILE_FIELDS);
        let format = self.required(m, "format", p, Self::string);
        let id = self.required(m, "id", p, Self::string);
        let extends = self.or_default(m, "extends", p, Self::string);
        let name = self.required(m, "name", p, Self::text);
        let description = self.or_default(m, "description", p, Self::text);
        let basis = self.required(m, "basis", p, Self::string);
        let title = self.required(m, "title", p, Self::text);
        let orientation =
            self.required(m, "orientation", p, |r, v, p| r.choice(v, p, ORIENTATIONS));
        let sections = self.required(m, "sections", p, |r, v, p| r.list(v, p, Self::section));
        let funds = self.required(m, "funds", p, Self::funds);
        let indicators = self.required(m, "indicators", p, Self::indicators);
        let blocks = self.required(m, "blocks", p, |r, v, p| r.list(v, p, Self::block));
        let qualitative_bands = self.or_default(m, "qualitative_bands", p, |r, v, p| {
            r.list(v, p, Self::qualitative_band)
        });
        let grades = self.required(m, "grades", p, |r, v, p| r.list(v, p, Self::grade));
        let rounding = self.required(m, "rounding", p, Self::rounding);
        let thresholds = self.or_default(m, "thresholds", p, Self::thresholds);
        let local_rules = self.or_default(m, "local_rules", p, Self::local_rules);
        let labels = self.or_default(m, "labels", p, Self::labels);
        Some(Profile {
            format: format?,
            id: id?,
            name: name?,
            description: description?,
            basis: basis?,
            title: title?,
            orientation: orientation?,
            sections: sections?,
            funds: funds?,
            indicators: indicators?,
            blocks: blocks?,
            qualitative_bands: qualitative_bands?,
            grades: grades?,
            rounding: rounding?,
            thresholds: thresholds?,
            local_rules: local_rules?,
            labels: labels?,
            extends: extends?,
            fingerprint: Fingerprint::default(),
        })
    }

    /// `labels`: words by label key (`funds.spent`, `narratives.overview` …), each a list of text; a
    /// key the workbook reader does not know is refused like any unknown field.
    fn labels(&mut self, v: &Value, at: &At) -> Option<Vec<(String, Vec<String>)>> {
        let m = self.object(v, at, crate::workbook::labels::KEYS)?;
        let mut out = Vec::new();
        let mut whole = true;
        for (key, words) in m {
            match self.strings(words, &At::Key(at, key)) {
                Some(w) => out.push((key.clone(), w)),
                None => whole = false,
            }
        }
        whole.then_some(out)
    }

    fn section(&mut self, v: &Value, at: &At) -> Option<Section> {
        let m = self.object(v, at, &["id", "kind", "title"])?;
        let id = self.required(m, "id", at, Self::string);
        let kind = self.required(m, "kind", at, |r, v, p| r.choice(v, p, SECTION_KINDS));
        let title = self.required(m, "title", at, Self::text);
        Some(Section {
            id: id?,
            kind: kind?,
            title: title?,
        })
    }

    fn funds(&mut self, v: &Value, at: &At) -> Option<FundsLayout> {
        let m = self.object(
            v,
            at,
            &[
                "columns",
                "default_rows",
                "total_label",
                "shows_score",
                "unit",
                "row_rates",
            ],
        )?;
        const UNITS: Choices<MoneyUnit> = &[
            ("万元", MoneyUnit::Wan),
            ("元", MoneyUnit::Yuan),
            ("千元", MoneyUnit::Qian),
            ("亿元", MoneyUnit::Yi),
        ];
        let unit = self
            .optional(m, "unit", at, |r, v, p| r.choice(v, p, UNITS))
            .flatten()
            .unwrap_or(MoneyUnit::Wan);
        let columns = self.required(m, "columns", at, |r, v, p| r.list(v, p, Self::funds_column));
        let default_rows = self.required(m, "default_rows", at, Self::strings);
        let total_label = self.required(m, "total_label", at, Self::text);
        let shows_score = self.or_default(m, "shows_score", at, Self::boolean);
        let row_rates = self.or_default(m, "row_rates", at, Self::boolean);
        Some(FundsLayout {
            columns: columns?,
            default_rows: default_rows?,
            total_label: total_label?,
            shows_score: shows_score?,
            unit,
            row_rates: row_rates?,
        })
    }

    fn funds_column(&mut self, v: &Value, at: &At) -> Option<FundsColumnLayout> {
        let m = self.object(v, at, &["column", "title"])?;
        let column = self.required(m, "column", at, |r, v, p| r.choice(v, p, FUNDS_COLUMNS));
        let title = self.required(m, "title", at, Self::text);
        Some(FundsColumnLayout {
            column: column?,
            title: title?,
        })
    }

    fn indicators(&mut self, v: &Value, at: &At) -> Option<IndicatorLayout> {
        const FIELDS: &[&str] = &[
            "scored",
            "completion",
            "operator_column",
            "reason_column",
            "unit_column",
            "nature_column",
            "core_column",
            "coefficient_column",
            "initial_target_column",
            "default_outline",
            "direction_words",
        ];
        let m = self.object(v, at, FIELDS)?;
        let scored = self.required(m, "scored", at, Self::boolean);
        let completion = self.required(m, "completion", at, Self::boolean);
        let operator_column = self.or_default(m, "operator_column", at, Self::boolean);
        let reason_column = self.or_default(m, "reason_column", at, Self::boolean);
        let unit_column = self.or_default(m, "unit_column", at, Self::boolean);
        let nature_column = self.or_default(m, "nature_column", at, Self::boolean);
        let core_column = self.or_default(m, "core_column", at, Self::boolean);
        let coefficient_column = self.or_default(m, "coefficient_column", at, Self::boolean);
        let initial_target_column = self.or_default(m, "initial_target_column", at, Self::boolean);
        let default_outline = self.or_default(m, "default_outline", at, |r, v, p| {
            r.list(v, p, Self::heading)
        });
        let direction_words = self.or_default(m, "direction_words", at, Self::direction_words);
        Some(IndicatorLayout {
            scored: scored?,
            completion: completion?,
            operator_column: operator_column?,
            reason_column: reason_column?,
            unit_column: unit_column?,
            nature_column: nature_column?,
            core_column: core_column?,
            coefficient_column: coefficient_column?,
            initial_target_column: initial_target_column?,
            default_outline: default_outline?,
            direction_words: direction_words?,
        })
    }

    fn direction_words(&mut self, v: &Value, at: &At) -> Option<DirectionWords> {
        let m = self.object(v, at, &["reverse", "not_reverse"])?;
        let words = |r: &mut Self, v: &Value, p: &At| r.list(v, p, Self::string);
        let reverse = self.optional(m, "reverse", at, words);
        let not_reverse = self.optional(m, "not_reverse", at, words);
        let d = DirectionWords::default();
        Some(DirectionWords {
            reverse: reverse?.unwrap_or(d.reverse),
            not_reverse: not_reverse?.unwrap_or(d.not_reverse),
        })
    }

    fn heading(&mut self, v: &Value, at: &At) -> Option<OutlineHeading> {
        let m = self.object(v, at, &["level", "name", "block"])?;
        let level = self.required(m, "level", at, |r, v, p| r.whole::<u8>(v, p, (1, 2)));
        let name = self.required(m, "name", at, Self::string);
        let block = self.or_default(m, "block", at, Self::string);
        Some(OutlineHeading {
            level: level?,
            name: name?,
            block: block?,
        })
    }

    fn block(&mut self, v: &Value, at: &At) -> Option<Block> {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "weight",
            "adjustable",
            "rows",
            "from_indicators",
            "basis",
        ];
        let m = self.object(v, at, FIELDS)?;
        let id = self.required(m, "id", at, Self::string);
        let name = self.required(m, "name", at, Self::text);
        let weight = self.required(m, "weight", at, Self::decimal);
        let adjustable = self.or_default(m, "adjustable", at, Self::boolean);
        let rows = self.or_default(m, "rows", at, |r, v, p| r.list(v, p, Self::fixed_row));
        let from_indicators = self.or_default(m, "from_indicators", at, Self::boolean);
        let basis = self.or_default(m, "basis", at, Self::string);
        Some(Block {
            id: id?,
            name: name?,
            weight: weight?,
            adjustable: adjustable?,
            rows: rows?,
            from_indicators: from_indicators?,
            basis: basis?,
        })
    }

    fn fixed_row(&mut self, v: &Value, at: &At) -> Option<FixedRow> {
        const FIELDS: &[&str] = &["id", "group", "name", "weight", "method", "basis"];
        let m = self.object(v, at, FIELDS)?;
        let id = self.required(m, "id", at, Self::string);
        let group = self.or_default(m, "group", at, Self::text);
        let name = self.required(m, "name", at, Self::text);
        let weight = self.required(m, "weight", at, Self::decimal);
        let method = self.required(m, "method", at, Self::method);
        let basis = self.or_default(m, "basis", at, Self::string);
        Some(FixedRow {
            id: id?,
            group: group?,
            name: name?,
            weight: weight?,
            method: method?,
            basis: basis?,
        })
    }

    /// A method: its `kind`, and exactly the fields of that kind. The fields of an unknown kind are not
    /// looked at, since it is not known which they should be.
    fn method(&mut self, v: &Value, at: &At) -> Option<Method> {
        let Some(m) = v.as_object() else {
            return self.wrong(v, at, "应为对象", "must be an object");
        };
        let read = self.required(m, "kind", at, |r, v, p| r.choice(v, p, METHODS))?;
        read(self, m, at)
    }

    /// A method whose kind has no fields of its own.
    fn no_fields(&mut self, m: &Map<String, Value>, at: &At, method: Method) -> Option<Method> {
        self.only(m, at, &["kind"]);
        Some(method)
    }

    fn banded(&mut self, m: &Map<String, Value>, at: &At) -> Option<Method> {
        self.only(m, at, &["kind", "bands"]);
        let bands = self.required(m, "bands", at, |r, v, p| r.list(v, p, Self::score_band))?;
        Some(Method::Banded { bands })
    }

    fn per_point(&mut self, m: &Map<String, Value>, at: &At) -> Option<Method> {
        self.only(
            m,
            at,
            &["kind", "limit", "deduct_when", "per_point", "floor"],
        );
        let limit = self.required(m, "limit", at, Self::decimal);
        let deduct_when =
            self.required(m, "deduct_when", at, |r, v, p| r.choice(v, p, DEDUCT_WHEN));
        let per_point = self.required(m, "per_point", at, Self::decimal);
        let floor = self.required(m, "floor", at, Self::decimal);
        Some(Method::PerPoint {
            limit: limit?,
            deduct_when: deduct_when?,
            per_point: per_point?,
            floor: floor?,
        })
    }

    fn per_count(&mut self, m: &Map<String, Value>, at: &At) -> Option<Method> {
        self.only(m, at, &["kind", "per", "floor"]);
        let per = self.required(m, "per", at, Self::decimal);
        let floor = self.required(m, "floor", at, Self::decimal);
        Some(Method::PerCount {
            per: per?,
            floor: floor?,
        })
    }

    fn score_band(&mut self, v: &Value, at: &At) -> Option<ScoreBand> {
        let m = self.object(
            v,
            at,
            &["min", "max", "min_open", "max_closed", "when", "points"],
        )?;
        let points = self.required(m, "points", at, Self::decimal);
        if let Some(when) = m.get("when") {
            // The band as the rule writes it; then it has no other ends.
            let path = At::Key(at, "when");
            if ["min", "max", "min_open", "max_closed"]
                .iter()
                .any(|k| m.contains_key(*k))
            {
                self.bad(
                    &path,
                    "写了 when 的分档不能再写 min、max、min_open 或 max_closed",
                    "a band written with when has no min, max, min_open or max_closed besides",
                );
                return None;
            }
            let text = self.string(when, &path)?;
            let Some((lo, hi)) = super::bands::read(&text) else {
                self.bad(
                    &path,
                    format!(
                        "无法读出分档“{}”：请写成“90%（含）以上”“80%（含）-90%”“60%以下”“≤5%”这样",
                        crate::text::quote(&text)
                    ),
                    format!(
                        "the band \"{}\" cannot be read: write it like 90%（含）以上, 80%（含）-90%, 60%以下 or ≤5%",
                        crate::text::quote(&text)
                    ),
                );
                return None;
            };
            return Some(ScoreBand {
                min: lo.map(|(n, _)| n),
                max: hi.map(|(n, _)| n),
                min_open: lo.is_some_and(|(_, inc)| !inc),
                max_closed: hi.is_some_and(|(_, inc)| inc),
                points: points?,
            });
        }
        let min = self.optional(m, "min", at, Self::decimal);
        let max = self.optional(m, "max", at, Self::decimal);
        let min_open = self.or_default(m, "min_open", at, Self::boolean);
        let max_closed = self.or_default(m, "max_closed", at, Self::boolean);
        Some(ScoreBand {
            min: min?,
            max: max?,
            min_open: min_open?,
            max_closed: max_closed?,
            points: points?,
        })
    }

    fn qualitative_band(&mut self, v: &Value, at: &At) -> Option<QualitativeBand> {
        let m = self.object(v, at, &["id", "name", "min", "max", "phrases"])?;
        let id = self.required(m, "id", at, Self::string);
        let name = self.required(m, "name", at, Self::text);
        let min = self.required(m, "min", at, Self::decimal);
        let max = self.required(m, "max", at, Self::decimal);
        let phrases = self.or_default(m, "phrases", at, Self::strings);
        Some(QualitativeBand {
            id: id?,
            name: name?,
            min: min?,
            max: max?,
            phrases: phrases?,
        })
    }

    fn grade(&mut self, v: &Value, at: &At) -> Option<GradeBand> {
        let m = self.object(v, at, &["grade", "name_en", "min"])?;
        let grade = self.required(m, "grade", at, Self::string);
        let name_en = self.required(m, "name_en", at, Self::string);
        let min = self.required(m, "min", at, Self::decimal);
        Some(GradeBand {
            grade: grade?,
            name_en: name_en?,
            min: min?,
        })
    }

    fn rounding(&mut self, v: &Value, at: &At) -> Option<Rounding> {
        const FIELDS: &[&str] = &[
            "places",
            "round_rows",
            "percent_places",
            "completion_places",
            "rate_places_before_scoring",
        ];
        let m = self.object(v, at, FIELDS)?;
        let places = self.required(m, "places", at, Self::places);
        let round_rows = self.required(m, "round_rows", at, Self::boolean);
        let percent_places = self.required(m, "percent_places", at, Self::places);
        let completion_places = self.required(m, "completion_places", at, Self::places);
        let rate_places_before_scoring =
            self.optional(m, "rate_places_before_scoring", at, Self::places);
        Some(Rounding {
            places: places?,
            round_rows: round_rows?,
            percent_places: percent_places?,
            completion_places: completion_places?,
            rate_places_before_scoring: rate_places_before_scoring?,
        })
    }

    /// A number of decimal places (validation then limits it to 6).
    fn places(&mut self, v: &Value, at: &At) -> Option<u32> {
        self.whole(v, at, (0, 6))
    }

    fn thresholds(&mut self, v: &Value, at: &At) -> Option<Thresholds> {
        const FIELDS: &[&str] = &[
            "reason_below_weight",
            "execution_reason_below",
            "over_achievement_reason_at",
            "adjustment_reason",
        ];
        let m = self.object(v, at, FIELDS)?;
        let reason_below_weight = self.or_default(m, "reason_below_weight", at, Self::boolean);
        let execution_reason_below = self.optional(m, "execution_reason_below", at, Self::decimal);
        let over_achievement_reason_at =
            self.optional(m, "over_achievement_reason_at", at, Self::decimal);
        let adjustment_reason = self.or_default(m, "adjustment_reason", at, Self::boolean);
        Some(Thresholds {
            reason_below_weight: reason_below_weight?,
            execution_reason_below: execution_reason_below?,
            over_achievement_reason_at: over_achievement_reason_at?,
            adjustment_reason: adjustment_reason?,
        })
    }

    fn local_rules(&mut self, v: &Value, at: &At) -> Option<LocalRules> {
        let m = self.object(v, at, &["over_achievement_deduction", "execution_caps"])?;
        let over_achievement_deduction =
            self.optional(m, "over_achievement_deduction", at, Self::deduction);
        let execution_caps = self.or_default(m, "execution_caps", at, |r, v, p| {
            r.list(v, p, Self::execution_cap)
        });
        Some(LocalRules {
            over_achievement_deduction: over_achievement_deduction?,
            execution_caps: execution_caps?,
        })
    }

    fn deduction(&mut self, v: &Value, at: &At) -> Option<OverAchievementDeduction> {
        let m = self.object(v, at, &["at", "points"])?;
        let from = self.required(m, "at", at, Self::decimal);
        let points = self.required(m, "points", at, Self::decimal);
        Some(OverAchievementDeduction {
            at: from?,
            points: points?,
        })
    }

    fn execution_cap(&mut self, v: &Value, at: &At) -> Option<ExecutionCap> {
        let m = self.object(v, at, &["below", "cap"])?;
        let below = self.required(m, "below", at, Self::decimal);
        let cap = self.required(m, "cap", at, Self::decimal);
        Some(ExecutionCap {
            below: below?,
            cap: cap?,
        })
    }
}
