//! Sample forms: the seed form the app offers as its example, and synthetic forms of any size for
//! benchmarks and load tests (a central-2020 form whose `rows` level-3 indicators mix every kind of
//! value — ≥, ≤, =, qualitative, approximate — and whose weights add up exactly to the blocks'
//! weights).

use crate::decimal::Decimal;
use crate::model::{Form, FundsFigures, FundsRow, IndicatorRow};
use std::collections::BTreeMap;

/// The seed form (晋中市 2021, 交警支队专项业务经费, `examples/jinzhong-2021-traffic-police.json`),
/// shipped as the app's example; minified by `build.rs`.
pub const EXAMPLE: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin/example.json"));

/// A central-2020 form with `rows` level-3 indicator rows (at least 3), split 5 : 3 : 2 over the
/// output, benefit and satisfaction blocks. Every row that needs a deviation reason has one, so the
/// form is as a careful clerk would hand it in; see [`large_form_with_gaps`] for one full of findings.
pub fn large_form(rows: usize) -> Form {
    build(rows, 1)
}

/// The same form with the deviation reason left out on every other row and approximate actuals
/// (余): a stress case with a finding on most rows.
pub fn large_form_with_gaps(rows: usize) -> Form {
    build(rows, 2)
}

fn build(rows: usize, reason_every: usize) -> Form {
    let rows = rows.max(3);
    let mut form = Form {
        profile: "central-2020".into(),
        ..Form::default()
    };
    form.header.year = "2024".into();
    form.header.project = format!("基准测试项目（{rows} 行）");
    form.header.unit = "基准测试单位".into();
    form.funds.rows.push(FundsRow {
        source: "本年财政拨款".into(),
        figures: FundsFigures {
            initial: Some(Decimal::new(1_000_000, 2)),
            budget: Some(Decimal::new(980_000, 2)),
            allocated: None,
            spent: Some(Decimal::new(931_000, 2)),
        },
        ..FundsRow::default()
    });
    form.funds.deviation_reason = "部分设备采购结余，已按规定收回".into();
    let output = rows * 5 / 10;
    let benefit = rows * 3 / 10;
    let satisfaction = rows - output - benefit;
    let mut id = 0usize;
    let mut next = |form: &mut Form, row: IndicatorRow| {
        id += 1;
        form.indicators.push(IndicatorRow {
            id: format!("r{id}"),
            ..row
        });
    };
    for (block, name, count, weight) in [
        ("output", "产出指标", output, 50),
        ("benefit", "效益指标", benefit, 30),
        ("satisfaction", "满意度指标", satisfaction, 10),
    ] {
        next(
            &mut form,
            IndicatorRow {
                level: 1,
                name: name.into(),
                block: block.into(),
                ..IndicatorRow::default()
            },
        );
        next(
            &mut form,
            IndicatorRow {
                level: 2,
                name: "数量指标".into(),
                ..IndicatorRow::default()
            },
        );
        // Weights in hundredths that add up exactly to the block's weight.
        let total = weight * 100;
        for i in 0..count {
            let share = total / count as i64 + i64::from((i as i64) < total % count as i64);
            let (target, actual) = match i % 6 {
                0 => (format!("≥{}个", 10 + i % 40), format!("{}个", 8 + i % 45)),
                1 => (
                    format!("≤{}万元", 50 + i % 30),
                    format!("{}.5万元", 45 + i % 40),
                ),
                2 => ("=8台".to_string(), format!("{}台", 6 + i % 3)),
                3 => ("效果明显".to_string(), "达成预期指标".to_string()),
                4 => (
                    format!("≥{}%", 90 + i % 10),
                    format!("{}.{}%", 88 + i % 12, i % 10),
                ),
                _ => (
                    format!("≥{}人", 100 + i % 50),
                    format!(
                        "{}{}人",
                        100 + i % 60,
                        if reason_every > 1 { "余" } else { "" }
                    ),
                ),
            };
            next(
                &mut form,
                IndicatorRow {
                    level: 3,
                    name: format!("指标 {}", i + 1),
                    target,
                    actual,
                    weight: Some(Decimal::new(share, 2)),
                    deviation_reason: if i % reason_every == 0 {
                        "按计划推进".into()
                    } else {
                        String::new()
                    },
                    ..IndicatorRow::default()
                },
            );
        }
    }
    form.narratives = BTreeMap::from([(
        "goal_expected".to_string(),
        "本项目共申请预算资金100万元。其中:60万元用于建设;40万元用于运维。".to_string(),
    )]);
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, Profile};

    #[test]
    fn large_forms_have_the_rows_asked_for_and_consistent_weights() {
        let gaps = evaluate(
            &large_form_with_gaps(1000),
            &Profile::builtin("central-2020").unwrap(),
        );
        assert!(gaps.findings.len() > 300, "{}", gaps.findings.len());
        let form = large_form(1000);
        assert_eq!(
            form.indicators.iter().filter(|r| r.level == 3).count(),
            1000
        );
        let e = evaluate(&form, &Profile::builtin("central-2020").unwrap());
        assert!(
            !e.findings
                .iter()
                .any(|f| f.code.key().starts_with("weights.")),
            "{:?}",
            e.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        );
        assert_eq!(e.blocks.iter().map(|b| b.rows.len()).sum::<usize>(), 1001);
        assert!(
            e.findings
                .iter()
                .all(|f| f.severity != crate::Severity::Error),
            "{:?}",
            e.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        );
    }
}
