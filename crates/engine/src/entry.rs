//! Numbers as a clerk types them into a number field: `969.94`, ` 48.6 `, `1,000.50`, `1，000.50`,
//! `０.５`, `48.6万元` in a 万元 column, `486,000元` in a 万元 column (converted), `55.28%` for a rate,
//! `15分` for a weight.
//!
//! A field keeps what was typed whenever it is not the plain number itself (see
//! [`crate::model::Typed`]), so the screen, the saved draft and the exported file show exactly what the
//! clerk wrote. What cannot be read — `48,6` (a comma that is not a thousands separator), `1O`, a unit
//! the column does not take — is an *unread entry*: the field holds no number, the text stays as typed,
//! and evaluation reports it as an error and leaves every number that depends on it open ("—").

use crate::decimal::{self, Decimal};
use crate::value::normalize;

/// What a number field holds, which decides the units it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// An amount of money in the funds table's unit (`万元` in every built-in profile). The other
    /// money units (`元`, `千元`, `万元`, `亿元`) are converted, and the conversion is explained.
    Money(MoneyUnit),
    /// A percentage (`55.28` or `55.28%`).
    Percent,
    /// Points: a weight, a score, a total (`15` or `15分`).
    Points,
}

/// A unit of money, as a number of 元. `万元` unless a profile says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MoneyUnit {
    Yuan,
    Qian,
    #[default]
    Wan,
    Yi,
}

impl MoneyUnit {
    pub const ALL: [MoneyUnit; 4] = [
        MoneyUnit::Yuan,
        MoneyUnit::Qian,
        MoneyUnit::Wan,
        MoneyUnit::Yi,
    ];

    /// The unit as written in a heading or after a number: `元`, `千元`, `万元`, `亿元`.
    pub fn key(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Qian => "千元",
            MoneyUnit::Wan => "万元",
            MoneyUnit::Yi => "亿元",
        }
    }

    /// The unit in English, with its Chinese name: `10,000 yuan (万元)`.
    pub fn name_en(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "yuan (元)",
            MoneyUnit::Qian => "thousand yuan (千元)",
            MoneyUnit::Wan => "10,000 yuan (万元)",
            MoneyUnit::Yi => "100 million yuan (亿元)",
        }
    }

    pub fn from_key(key: &str) -> Option<MoneyUnit> {
        MoneyUnit::ALL.into_iter().find(|u| u.key() == key)
    }

    /// How many 元 one of this unit is.
    pub fn yuan(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::Qian => Decimal::from(1_000),
            MoneyUnit::Wan => Decimal::from(10_000),
            MoneyUnit::Yi => Decimal::from(100_000_000),
        }
    }

    /// The unit a number is written in: its key, or a short form (`万` for 万元, `亿` for 亿元).
    fn written(text: &str) -> Option<MoneyUnit> {
        match text {
            "万" => Some(MoneyUnit::Wan),
            "亿" => Some(MoneyUnit::Yi),
            other => MoneyUnit::from_key(other),
        }
    }
}

impl serde::Serialize for MoneyUnit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// How a typed number was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Nothing typed (or only spaces).
    Empty,
    /// A number. `as_typed` says the text is not the plain number itself (`1,000.50`, `48.6万元`),
    /// so the field keeps the text to show it as typed.
    Number {
        value: Decimal,
        as_typed: bool,
        /// The number and unit as written, where it was converted to the field's unit.
        converted: Option<(Decimal, MoneyUnit)>,
    },
    /// Text that does not read as a number of this field (kept as typed; an error).
    Unread,
}

impl Entry {
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Entry::Number { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// Reads what was typed into a number field of `kind`.
pub fn read(text: &str, kind: NumberKind) -> Entry {
    let trimmed = decimal::trim(text);
    if trimmed.is_empty() {
        return Entry::Empty;
    }
    let t = normalize(trimmed);
    // A number being typed ("969.") means the number so far.
    let t = t.strip_suffix('.').unwrap_or(&t);
    // normalize() makes every dash `—`; a leading one is a minus sign.
    let (sign, body) = match t.strip_prefix('—').or_else(|| t.strip_prefix('-')) {
        Some(rest) => ("-", decimal::trim(rest)),
        None => ("", t),
    };
    let end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    let (digits, unit) = (&body[..end], decimal::trim(&body[end..]));
    let Some(plain) = without_separators(digits) else {
        return Entry::Unread;
    };
    let Some(number) = decimal::parse(&format!("{sign}{plain}")) else {
        return Entry::Unread;
    };
    let (value, converted) = match (kind, unit) {
        (_, "") => (number, None),
        (NumberKind::Percent, "%" | "百分比") | (NumberKind::Points, "分") => (number, None),
        (NumberKind::Money(column), u) => match MoneyUnit::written(u) {
            Some(written) if written == column => (number, None),
            Some(written) => match number
                .checked_mul(written.yuan())
                .and_then(|y| y.checked_div(column.yuan()))
            {
                Some(v) => (v.normalize(), Some((number, written))),
                None => return Entry::Unread,
            },
            None => return Entry::Unread,
        },
        _ => return Entry::Unread,
    };
    let as_typed =
        trimmed != value.to_string() && trimmed.strip_suffix('.') != Some(&value.to_string());
    Entry::Number {
        value,
        as_typed,
        converted,
    }
}

/// The digits without thousands separators, when every separator stands between groups of three
/// (`1,000.50`, `12,345,678`); `None` for a comma anywhere else (`48,6`, `1,00`, `,5`).
fn without_separators(digits: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !digits.contains(',') {
        return Some(std::borrow::Cow::Borrowed(digits));
    }
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if frac.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(std::borrow::Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAN: NumberKind = NumberKind::Money(MoneyUnit::Wan);

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn number(text: &str, kind: NumberKind) -> (Decimal, bool) {
        match read(text, kind) {
            Entry::Number {
                value, as_typed, ..
            } => (value, as_typed),
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    #[test]
    fn plain_numbers_are_themselves() {
        assert_eq!(number("969.94", WAN), (d("969.94"), false));
        assert_eq!(number("  969.94 ", WAN), (d("969.94"), false));
        assert_eq!(number("969.", WAN), (d("969"), false));
        assert_eq!(number("0", NumberKind::Points), (d("0"), false));
        assert_eq!(number("-3", WAN), (d("-3"), false));
        assert_eq!(read("", WAN), Entry::Empty);
        assert_eq!(read("   ", WAN), Entry::Empty);
    }

    #[test]
    fn thousands_separators_only_between_groups_of_three() {
        assert_eq!(number("1,000.50", WAN), (d("1000.50"), true));
        assert_eq!(number("1，000.50", WAN), (d("1000.50"), true));
        assert_eq!(number("12,345,678", WAN), (d("12345678"), true));
        for bad in [
            "48,6", "1,00", ",500", "1,0000", "1000,000", "1.000,5", "48，6",
        ] {
            assert_eq!(read(bad, WAN), Entry::Unread, "{bad}");
        }
    }

    #[test]
    fn full_width_digits_read_and_keep_their_text() {
        assert_eq!(number("０.５", NumberKind::Points), (d("0.5"), true));
        assert_eq!(number("－3", WAN), (d("-3"), true));
    }

    #[test]
    fn money_in_the_column_unit_or_converted() {
        assert_eq!(number("48.6万元", WAN), (d("48.6"), true));
        assert_eq!(number("48.6 万", WAN), (d("48.6"), true));
        assert_eq!(
            read("486,000元", WAN),
            Entry::Number {
                value: d("48.6"),
                as_typed: true,
                converted: Some((d("486000"), MoneyUnit::Yuan))
            }
        );
        assert_eq!(number("1.2亿元", WAN), (d("12000"), true));
        assert_eq!(number("3千元", WAN), (d("0.3"), true));
        let yuan = NumberKind::Money(MoneyUnit::Yuan);
        assert_eq!(number("48.6万元", yuan), (d("486000"), true));
        for bad in ["48.6个", "48.6%", "48.6分", "万元", "48.6万元整"] {
            assert_eq!(read(bad, WAN), Entry::Unread, "{bad}");
        }
    }

    #[test]
    fn percents_and_points_take_their_own_unit_only() {
        assert_eq!(number("55.28%", NumberKind::Percent), (d("55.28"), true));
        assert_eq!(number("55.28％", NumberKind::Percent), (d("55.28"), true));
        assert_eq!(number("15分", NumberKind::Points), (d("15"), true));
        assert_eq!(read("15%", NumberKind::Points), Entry::Unread);
        assert_eq!(read("15分", NumberKind::Percent), Entry::Unread);
        assert_eq!(read("1O", NumberKind::Points), Entry::Unread);
        assert_eq!(read("十五", NumberKind::Points), Entry::Unread);
    }
}
