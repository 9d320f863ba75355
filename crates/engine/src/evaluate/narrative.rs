//! Money in the narrative text that does not add up: "共……90万元。其中：30万元……；30万元……；
//! 29.99万元……" — the parts after 其中 must sum to the stated amount; and the full-year budget or
//! the amount spent that a narrative states ("全年预算资金969.94万元", "实际支出536.23万元"), which
//! must be the funds table's.

use super::Ctx;
use crate::decimal::{plain, Decimal};
use crate::findings::FindingCode;
use crate::path::FieldPath;
use crate::text::Text;
use crate::value::normalize;

/// An amount written in the text: its value in 元 and where it ends (byte offset).
struct Amount {
    yuan: Decimal,
    written: String,
    start: usize,
}

fn amounts(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.'))
        {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let digits = &text[start..i];
            let rest = &text[i..];
            let unit = if rest.starts_with("万元") {
                Some(("万元", Decimal::from(10_000)))
            } else if rest.starts_with("元") {
                Some(("元", Decimal::ONE))
            } else {
                None
            };
            if let (Some((u, scale)), Some(n)) = (unit, crate::decimal::parse(digits)) {
                if let Some(yuan) = n.checked_mul(scale) {
                    out.push(Amount {
                        yuan,
                        written: format!("{digits}{u}"),
                        start,
                    });
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// (stated, parts, their sum) for every "共 … X万元 … 其中 … a万元 … b万元 …。" that does not add up.
fn mismatches(text: &str) -> Vec<(String, Vec<String>, Decimal)> {
    let text = normalize(text);
    let all = amounts(&text);
    let mut out = Vec::new();
    for (at, _) in text.match_indices("其中") {
        let Some(stated) = all.iter().rfind(|a| a.start < at) else {
            continue;
        };
        let sentence_start = text[..stated.start]
            .char_indices()
            .rfind(|(_, c)| matches!(c, '。' | '\n' | ';' | '；'))
            .map(|(p, c)| p + c.len_utf8())
            .unwrap_or(0);
        let lead = &text[sentence_start..stated.start];
        if !["共", "合计", "总计", "累计", "总额"]
            .iter()
            .any(|w| lead.contains(w))
        {
            continue;
        }
        let end = text[at..]
            .find(['。', '\n'])
            .map(|p| at + p)
            .unwrap_or(text.len());
        let parts: Vec<&Amount> = all
            .iter()
            .filter(|a| a.start > at && a.start < end)
            .collect();
        if parts.len() < 2 {
            continue;
        }
        // Amounts in free text are not bounded: a sum too large for a decimal is no breakdown.
        let Some(sum) = crate::decimal::checked_sum(parts.iter().map(|a| a.yuan)) else {
            continue;
        };
        if sum != stated.yuan {
            let total_unit = if stated.written.ends_with("万元") {
                Decimal::from(10_000)
            } else {
                Decimal::ONE
            };
            out.push((
                stated.written.clone(),
                parts.iter().map(|a| a.written.clone()).collect(),
                sum / total_unit,
            ));
        }
    }
    out
}

/// Words that, just before an amount in the same clause, say it is the year's whole budget.
const BUDGET_WORDS: &[&str] = &[
    "全年预算",
    "年度预算",
    "预算总额",
    "项目总预算",
    "全年预算数",
];
/// Words that, just before an amount in the same clause, say it is what was spent in the year.
const SPENT_WORDS: &[&str] = &[
    "全年执行",
    "实际支出",
    "累计支出",
    "全年支出",
    "共支出",
    "完成预算资金",
    "执行数",
];

/// Amounts a narrative states as the budget (`true`) or the spending (`false`) of the year: the
/// amount, as written, and its value in 元 with the number of decimals written.
fn stated_figures(text: &str) -> Vec<(bool, Amount, u32)> {
    let text = normalize(text);
    let mut out = Vec::new();
    for a in amounts(&text) {
        let clause_start = text[..a.start]
            .char_indices()
            .rfind(|(_, c)| matches!(c, '。' | '\n' | ';' | '；' | ',' | '，' | '、'))
            .map(|(p, c)| p + c.len_utf8())
            .unwrap_or(0);
        let lead = &text[clause_start..a.start];
        // The amount must be the first in its clause after the word (not 其中 a part of it); a year
        // or another number that is not money may come before it (2022年度预算资金100万元).
        if !amounts(lead).is_empty() || lead.contains("其中") {
            continue;
        }
        let budget = BUDGET_WORDS.iter().any(|w| lead.contains(w));
        let spent = SPENT_WORDS.iter().any(|w| lead.contains(w));
        if budget == spent {
            continue;
        }
        let digits = a.written.trim_end_matches("万元").trim_end_matches('元');
        let places = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        out.push((budget, a, places));
    }
    out
}

/// The stated budget and spending against the funds table (its totals, or one source row's figure,
/// at the decimals the text writes).
fn against_funds(cx: &mut Ctx, funds: &crate::result::FundsResult) {
    use crate::decimal::round;
    let form = cx.form;
    let unit = cx.profile.funds.unit.yuan();
    for (key, text) in &form.narratives {
        for (is_budget, a, places) in stated_figures(text) {
            let (total, column) = if is_budget {
                (&funds.budget, crate::model::FundsColumn::Budget)
            } else {
                (&funds.spent, crate::model::FundsColumn::Spent)
            };
            let Some(total) = super::funds::known(total) else {
                continue;
            };
            let scale = if a.written.ends_with("万元") {
                Decimal::from(10_000)
            } else {
                Decimal::ONE
            };
            let as_written =
                |table: Decimal| table.checked_mul(unit).map(|y| round(y / scale, places));
            let said = round(a.yuan / scale, places);
            let rows = form.funds.rows.iter().filter_map(|r| r.figures.get(column));
            if std::iter::once(total)
                .chain(rows)
                .any(|v| as_written(v) == Some(said))
            {
                continue;
            }
            let (what_zh, what_en) = if is_budget {
                ("全年预算数", "full-year budget")
            } else {
                ("全年执行数", "amount spent")
            };
            let table = crate::decimal::plain(total);
            cx.push(
                FindingCode::NarrativeFundsMismatch,
                FieldPath::Narrative(key.clone()),
                Text::new(
                    format!(
                        "文字中写{what_zh}为 {}，资金表的{what_zh}合计为 {table}（{}）",
                        a.written,
                        cx.profile.funds.unit.key()
                    ),
                    format!(
                        "the text states the {what_en} as {}, the funds table's total is {table} ({})",
                        a.written,
                        cx.profile.funds.unit.name_en()
                    ),
                ),
                "[form] 文字说明中的金额应与资金表一致",
            );
        }
    }
}

pub(super) fn check(cx: &mut Ctx, funds: &crate::result::FundsResult) {
    against_funds(cx, funds);
    let form = cx.form;
    for (key, text) in &form.narratives {
        for (stated, parts, sum) in mismatches(text) {
            let unit = if stated.ends_with("万元") {
                "万元"
            } else {
                "元"
            };
            cx.push(
                FindingCode::NarrativeSumMismatch,
                FieldPath::Narrative(key.clone()),
                Text::new(
                    format!(
                        "文字中 {} = {}{unit}，与所述合计 {stated} 不符",
                        parts.join(" + "),
                        plain(sum)
                    ),
                    format!(
                        "in the text, {} = {}{unit}, not the stated {stated}",
                        parts.join(" + "),
                        plain(sum)
                    ),
                ),
                "[form] 文字说明中的金额应与合计一致",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_parts_that_do_not_add_up() {
        let t = "本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;29.99万元用于基建工程项目设计、规划、测绘。";
        let m = mismatches(t);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, "89.97万元");
        assert_eq!(m[0].2, Decimal::from_str_exact("89.99").unwrap());
    }

    #[test]
    fn parts_that_add_up_and_single_parts_pass() {
        assert!(mismatches(
            "本项目共申请预算资金90万元。其中:30万元用于编制;30万元用于审计;30万元用于设计。"
        )
        .is_empty());
        // One part only, and no 共 before the total: not a breakdown.
        assert!(mismatches("2021年批复资金60万元,其中49.5万元用于购买酒精检测仪,").is_empty());
    }
}
