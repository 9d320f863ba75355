//! Band ends as scoring rules write them: `90%（含）以上`, `80%（含）-90%`, `60%以下`, `高于95%`,
//! `≤5%`, `-5%（含）以上` … read into a band's lower and upper ends, each with whether it is included.
//! A profile may write a band as such a phrase (`"when"`) instead of `min` and `max`.

use crate::decimal::Decimal;

/// One end of a band: the number (a percentage) and whether it belongs to the band.
pub type End = (Decimal, bool);

/// The lower and upper ends a phrase says (either may be open), or `None` when it says no band.
pub fn read(phrase: &str) -> Option<(Option<End>, Option<End>)> {
    let ends = read_ends(phrase)?;
    // The numbers a profile may hold anywhere: at most 10^12, at most 10 decimal places.
    let fits = |e: &Option<End>| {
        e.is_none_or(|(n, _)| n.abs() <= Decimal::from(1_000_000_000_000u64) && n.scale() <= 10)
    };
    (fits(&ends.0) && fits(&ends.1)).then_some(ends)
}

fn read_ends(phrase: &str) -> Option<(Option<End>, Option<End>)> {
    let s = normalise(phrase);
    // A range: `X-Y`, `X(含)-Y`, `X-Y(含)`, `X≤…<Y`, `X<…≤Y`.
    if let Some(r) = range(&s) {
        return Some(r);
    }
    let (n, rest_before, rest_after) = one_number(&s)?;
    let before = rest_before.as_str();
    let after = rest_after.as_str();
    let included = after.contains("(含)") || after.contains("及") || before.contains("(含)");
    let lower = |inc: bool| Some((Some((n, inc)), None));
    let upper = |inc: bool| Some((None, Some((n, inc))));
    match (before, after.replace("(含)", "").replace('及', "").as_str()) {
        ("≥" | "不低于" | "不少于", "" | "以上") => lower(true),
        (">" | "高于" | "超过" | "大于", "" | "以上") => lower(false),
        ("" | "(含)", "以上" | "以上(含)") => lower(included),
        ("≤" | "不高于" | "不超过" | "不大于", "" | "以下" | "以内") => upper(true),
        ("<" | "低于" | "不足" | "小于" | "未达到", "" | "以下") => upper(false),
        ("", "以下" | "以内") => upper(included || after.contains("以内")),
        ("=" | "", "") => Some((Some((n, true)), Some((n, true)))),
        _ => None,
    }
}

/// Full-width forms and spaces made plain, `%` dropped, （包含） written as (含).
fn normalise(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '%' && *c != '％')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' => '≥',
            '≦' => '≤',
            '～' | '〜' | '~' | '—' | '–' | '－' => '-',
            c => c,
        })
        .collect::<String>()
        .replace("(包含)", "(含)")
}

/// A number at `s[i..]` with an optional sign: the number and where it ends.
fn number_at(s: &str, i: usize) -> Option<(Decimal, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
        j += 1;
    }
    let digits = j;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
        j += 1;
    }
    if j == digits {
        return None;
    }
    crate::decimal::parse(&s[i..j]).map(|n| (n, j))
}

/// The one number of `s` with the text before and after it. A `-` right before a digit at the start
/// or after a word is the number's sign.
fn one_number(s: &str) -> Option<(Decimal, String, String)> {
    let start = s
        .char_indices()
        .find(|&(i, c)| c.is_ascii_digit() || ((c == '-' || c == '+') && number_at(s, i).is_some()))
        .map(|(i, _)| i)?;
    let (n, end) = number_at(s, start)?;
    let after = &s[end..];
    if after.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((n, s[..start].to_string(), after.to_string()))
}

fn range(s: &str) -> Option<(Option<End>, Option<End>)> {
    // `X≤…<Y` and the like: two numbers around comparison signs.
    let signs: Vec<(usize, char)> = s
        .char_indices()
        .filter(|(_, c)| matches!(c, '≤' | '<' | '≥' | '>'))
        .collect();
    if signs.len() == 2 {
        let (a, first) = signs[0];
        let (b, second) = signs[1];
        let (lo, _) = number_at(s, 0).filter(|&(_, e)| e == a)?;
        let (hi, end) = number_at(s, b + second.len_utf8())?;
        if end != s.len() || !matches!(first, '≤' | '<') || !matches!(second, '≤' | '<') {
            return None;
        }
        return Some((Some((lo, first == '≤')), Some((hi, second == '≤'))));
    }
    // `X-Y` with (含) after either end; without it, the lower end is included and the upper not.
    let (lo, e1) = number_at(s, 0)?;
    let mut rest = &s[e1..];
    let lo_inc = rest.starts_with("(含)");
    if lo_inc {
        rest = &rest["(含)".len()..];
    }
    // 至 and 到 join two numbers only here (未达到60% is one end, not a range).
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('至'))
        .or_else(|| rest.strip_prefix('到'))?;
    let (hi, e2) = number_at(rest, 0)?;
    let tail = &rest[e2..];
    let hi_inc = match tail {
        "" => false,
        "(含)" => true,
        _ => return None,
    };
    let lo_inc = lo_inc || !hi_inc;
    Some((Some((lo, lo_inc)), Some((hi, hi_inc))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        crate::decimal::parse(s).unwrap()
    }

    #[test]
    fn phrases_as_rules_write_them() {
        let lower = |n, inc| Some((Some((d(n), inc)), None));
        let upper = |n, inc| Some((None, Some((d(n), inc))));
        let both = |a, ai, b, bi| Some((Some((d(a), ai)), Some((d(b), bi))));
        for (phrase, want) in [
            ("90%（含）以上", lower("90", true)),
            ("90%及以上", lower("90", true)),
            ("≥90%", lower("90", true)),
            ("不低于 90%", lower("90", true)),
            ("90%以上", lower("90", false)),
            ("高于95%", lower("95", false)),
            ("＞95％", lower("95", false)),
            ("60%以下", upper("60", false)),
            ("低于60%", upper("60", false)),
            ("60%（含）以下", upper("60", true)),
            ("≤5%", upper("5", true)),
            ("≦0", upper("0", true)),
            ("未达到60%", upper("60", false)),
            ("5%以内", upper("5", true)),
            ("-5%（含）以上", lower("-5", true)),
            ("80%（含）-90%", both("80", true, "90", false)),
            ("80%-90%（含）", both("80", false, "90", true)),
            ("80%～90%", both("80", true, "90", false)),
            ("80%至90%", both("80", true, "90", false)),
            ("-10%-0%", both("-10", true, "0", false)),
            ("80%≤完成率<90%", both("80", true, "90", false)),
            ("80<x≤90", both("80", false, "90", true)),
            ("100%", both("100", true, "100", true)),
        ] {
            assert_eq!(read(phrase), want, "{phrase}");
        }
        for nonsense in [
            "",
            "优秀",
            "90%以上80%",
            "以上",
            "80%-",
            "80%≥x≥90%",
            "10000000000000%以上",
            "0.00000000001%以上",
        ] {
            assert_eq!(read(nonsense), None, "{nonsense}");
        }
    }
}
