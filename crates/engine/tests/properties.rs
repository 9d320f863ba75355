//! Properties that hold for every form: generated forms under every built-in profile.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use ziping_engine::decimal::round;
use ziping_engine::model::*;
use ziping_engine::result::ScoreSource;
use ziping_engine::{evaluate, read_form, to_json, Profile};

fn decimal(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max, 0u32..=3).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn opt_decimal(max: i64) -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![1 => Just(None), 3 => decimal(max).prop_map(Some)]
}

/// Values as people type them: quantities with operators and units, dates, qualitative phrases.
fn typed_value() -> impl Strategy<Value = String> {
    let quantity = (
        prop::sample::select(vec!["", "≥", "≤", "=", ">", "不低于"]),
        decimal(100_000),
        prop::sample::select(vec![
            "",
            "个",
            "万元",
            "万",
            "%",
            "百分比",
            "次",
            "余人",
            "元",
        ]),
    )
        .prop_map(|(op, n, unit)| format!("{op}{n}{unit}"));
    prop_oneof![
        4 => quantity,
        1 => prop::sample::select(vec!["达成预期指标", "部分达成", "未完成", "效果明显", "1—12月", "2022年底之前", "未支付", ""]).prop_map(String::from),
        1 => any::<String>(),
    ]
}

/// A generated indicator row: (level, block, target, actual, weight, score, not applicable,
/// declared score, method).
type GeneratedRow = (
    u8,
    String,
    String,
    String,
    Option<Decimal>,
    Option<Decimal>,
    bool,
    Option<Decimal>,
    String,
);

fn indicator(profile: &Profile) -> impl Strategy<Value = GeneratedRow> {
    let blocks: Vec<String> = profile
        .blocks
        .iter()
        .filter(|b| b.from_indicators)
        .map(|b| b.id.clone())
        .chain([String::new()])
        .collect();
    (
        prop::sample::select(vec![1u8, 2, 3, 3, 3, 3]),
        prop::sample::select(blocks),
        typed_value(),
        typed_value(),
        opt_decimal(3000),
        opt_decimal(3500),
        prop::bool::weighted(0.1),
        opt_decimal(3000),
        prop::sample::select(vec!["", "", "", "auto", "qualitative", "manual"])
            .prop_map(String::from),
    )
}

fn form() -> impl Strategy<Value = (Profile, Form)> {
    prop::sample::select(Profile::builtins()).prop_flat_map(|profile| {
        let rows = prop::collection::vec(indicator(&profile), 0..25);
        let funds = prop::collection::vec(
            (
                opt_decimal(10_000_000),
                opt_decimal(10_000_000),
                opt_decimal(10_000_000),
                opt_decimal(10_000_000),
            ),
            0..4,
        );
        let fixed: Vec<String> = profile
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| r.id.clone()))
            .collect();
        let scores = prop::collection::vec(
            (
                prop::sample::select(fixed.clone()),
                opt_decimal(1200),
                typed_value(),
                prop::bool::weighted(0.1),
            ),
            0..fixed.len().max(1),
        );
        let declared = (
            opt_decimal(11_000),
            prop::sample::select(vec!["", "优", "良", "中", "差"]),
        );
        (
            Just(profile),
            rows,
            funds,
            scores,
            declared,
            any::<String>(),
        )
            .prop_map(|(profile, rows, funds, scores, declared, text)| {
                let mut form = Form {
                    profile: profile.id.clone(),
                    ..Form::default()
                };
                form.header.project = text.clone();
                form.narratives.insert("overview".into(), text);
                for (i, (initial, budget, allocated, spent)) in funds.into_iter().enumerate() {
                    form.funds.rows.push(FundsRow {
                        source: format!("来源{i}"),
                        figures: FundsFigures {
                            initial,
                            budget,
                            allocated,
                            spent,
                        },
                        ..FundsRow::default()
                    });
                }
                for (i, (level, block, target, actual, weight, score, na, declared, method)) in
                    rows.into_iter().enumerate()
                {
                    form.indicators.push(IndicatorRow {
                        id: format!("r{i}"),
                        level,
                        name: format!("指标{i}"),
                        block: if level == 1 { block } else { String::new() },
                        target,
                        actual,
                        method,
                        weight: weight.map(|w| w / Decimal::TEN),
                        score: score.map(|s| s / Decimal::TEN),
                        declared_score: declared,
                        not_applicable: na,
                        ..IndicatorRow::default()
                    });
                }
                let mut map = BTreeMap::new();
                for (id, score, actual, na) in scores {
                    map.insert(
                        id,
                        ScoreEntry {
                            actual,
                            score: score.map(|s| s / Decimal::ONE_HUNDRED),
                            not_applicable: na,
                            ..ScoreEntry::default()
                        },
                    );
                }
                form.scores = map;
                form.declared.total = declared.0.map(|t| t / Decimal::ONE_HUNDRED);
                form.declared.grade = declared.1.into();
                (profile, form)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn computed_row_scores_lie_within_their_weight((profile, form) in form()) {
        // Scores and weights are compared at the profile's places (both 四舍五入): a weight of 0.105
        // gives 0.11 at full marks with 2 places.
        let e = evaluate(&form, &profile);
        let places = profile.rounding.places;
        let within = |score: Decimal, weight: Decimal| {
            score >= Decimal::ZERO && round(score, places) <= round(weight.max(Decimal::ZERO), places)
        };
        for r in e.blocks.iter().flat_map(|b| &b.rows) {
            if let Some(c) = &r.computed {
                prop_assert!(within(c.value, r.weight), "{} computed {} of {}", r.id, c.value, r.weight);
            }
            if r.source == ScoreSource::Computed {
                prop_assert!(within(r.score.value, r.weight), "{} scores {} of {}", r.id, r.score.value, r.weight);
            }
        }
    }

    #[test]
    fn the_total_is_the_sum_of_its_parts_under_the_stated_rounding((profile, form) in form()) {
        let e = evaluate(&form, &profile);
        let places = profile.rounding.places;
        for b in &e.blocks {
            let applying = || b.rows.iter().filter(|r| r.source != ScoreSource::Excluded);
            // A row that waits for an input (an amount that is missing or does not read) leaves its
            // block open, and with it the total and the grade.
            if applying().any(|r| r.score.is_pending()) {
                prop_assert!(b.score.is_pending(), "block {} with an open row is not open", &b.id);
                continue;
            }
            let sum: Decimal = applying().map(|r| r.score.value).sum();
            prop_assert_eq!(b.score.value, sum);
            if profile.rounding.round_rows {
                for r in &b.rows {
                    prop_assert_eq!(round(r.score.value, places), r.score.value, "row {} is rounded to {} places", &r.id, places);
                }
            }
        }
        if e.blocks.iter().any(|b| b.score.is_pending()) {
            prop_assert!(e.raw_total.is_pending() && e.total.is_pending() && e.grade.is_none());
            return Ok(());
        }
        let raw: Decimal = e.blocks.iter().map(|b| b.score.value).sum();
        prop_assert_eq!(e.raw_total.value, raw);
        if e.rescaled.is_none() && e.capped.is_none() {
            prop_assert_eq!(e.total.value, round(raw, places));
        }
        if let Some(c) = &e.capped {
            prop_assert!(c.value < raw || e.rescaled.is_some());
            prop_assert_eq!(e.total.value, c.value);
        }
        let grade = profile.grade_for(e.total.value).map(|g| g.grade.clone());
        prop_assert_eq!(e.grade.map(|g| g.grade), grade);
    }

    #[test]
    fn the_grade_is_monotone_in_the_total(a in decimal(10_000), b in decimal(10_000), id in prop::sample::select(vec!["jinzhong-2021", "central-2020", "budget10-indicators90", "department-wide"])) {
        let p = Profile::builtin(id).unwrap();
        let (lo, hi) = if a <= b { (a / Decimal::ONE_HUNDRED, b / Decimal::ONE_HUNDRED) } else { (b / Decimal::ONE_HUNDRED, a / Decimal::ONE_HUNDRED) };
        let rank = |t: Decimal| p.grades.iter().position(|g| t >= g.min).unwrap();
        prop_assert!(rank(lo) >= rank(hi), "{lo} ranks above {hi}");
    }

    #[test]
    fn generated_forms_round_trip_byte_identically((_profile, form) in form()) {
        let first = to_json(&form);
        let read = read_form(&first).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(&read, &form);
        prop_assert_eq!(to_json(&read), first);
    }

    #[test]
    fn no_text_makes_the_value_parser_panic(s in any::<String>()) {
        let _ = ziping_engine::value::parse(&s);
    }

    #[test]
    fn no_text_makes_the_reader_panic(s in any::<String>()) {
        let _ = read_form(&s);
    }

    #[test]
    fn no_mutation_of_a_valid_file_makes_reading_or_evaluation_panic((profile, form) in form(), cut in 0usize..4000, byte in any::<u8>()) {
        let mut text = to_json(&form).into_bytes();
        if !text.is_empty() {
            let at = cut % text.len();
            text[at] = byte;
        }
        if let Ok(s) = String::from_utf8(text) {
            if let Ok(f) = read_form(&s) {
                let _ = evaluate(&f, &profile);
            }
        }
    }
}
