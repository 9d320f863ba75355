//! Money in the narrative text that does not add up: "共……90万元。其中：30万元……；30万元……；
//! 29.99万元……" — the parts after 其中 must sum to the stated amount.

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

pub(super) fn check(cx: &mut Ctx) {
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
