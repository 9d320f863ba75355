//! Reading targets and actuals as people write them (GUIDE §5): `≥50个`, `≤90万元`, `=8个`,
//! `≥100百分比`, `98%`, `8.48万`, `200余人`, `1—12月`, `2022年底之前`, `达成预期指标` …
//!
//! The typed text is never changed or lost: [`parse`] only reads it. Operator, number and unit are read
//! where possible (万 = 10 000, 亿 = 10⁸, 百分比 = %; 余/多/左右 = approximate); dates and periods are
//! recognised as such; anything else is qualitative text.

use crate::decimal::{trim, Decimal};
use serde::Serialize;

/// The comparison a target states: more is better (`≥`), less is better (`≤`), or exactly (`=`).
/// `>` and `<` are read as `≥` and `≤` (the boundary itself is a matter for the evaluator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = "≥")]
    Ge,
    #[serde(rename = "≤")]
    Le,
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Le => "≤",
            Op::Eq => "=",
        }
    }

    /// Reads an operator column (指标性质): "≥", ">=", "≤", "=", "正向", "反向" …
    pub fn from_column(text: &str) -> Option<Op> {
        let t = normalize(text.trim());
        match t.as_ref() {
            "≥" | ">=" | ">" | "正向" | "正向指标" => Some(Op::Ge),
            "≤" | "<=" | "<" | "反向" | "反向指标" => Some(Op::Le),
            "=" | "==" | "等于" => Some(Op::Eq),
            _ => None,
        }
    }
}

/// A unit as written: at most 4 characters, held inline so that reading a value allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    len: u8,
    bytes: [u8; 16],
}

impl Unit {
    pub const EMPTY: Unit = Unit {
        len: 0,
        bytes: [0; 16],
    };
    const PERCENT: Unit = Unit {
        len: 1,
        bytes: *b"%\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    };
    const YUAN: Unit = Unit {
        len: 3,
        bytes: [0xE5, 0x85, 0x83, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    };

    /// `None` when the text does not fit (more than 16 bytes).
    pub fn new(text: &str) -> Option<Unit> {
        let b = text.as_bytes();
        if b.len() > 16 {
            return None;
        }
        let mut bytes = [0; 16];
        bytes[..b.len()].copy_from_slice(b);
        Some(Unit {
            len: b.len() as u8,
            bytes,
        })
    }

    pub fn as_str(&self) -> &str {
        // Built only from a &str cut at its end, so always valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Unit {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A number with its unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quantity {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    /// The number as written (8.48 in `8.48万`).
    #[serde(with = "crate::decimal::as_string")]
    pub number: Decimal,
    /// The unit as written (`万`, `万元`, `%`, `个` …; empty for a bare number).
    pub unit: Unit,
    /// The unit values are compared in (`元` for `万元`, `%` for `百分比`, empty for `万`).
    pub base_unit: Unit,
    /// What one written unit is in the base unit (10 000 for `万`).
    #[serde(with = "crate::decimal::as_string")]
    pub scale: Decimal,
    /// Written with 余 / 多 / 左右 / 约: not an exact figure.
    pub approximate: bool,
}

impl Quantity {
    /// The number in the base unit, or `None` if that overflows.
    pub fn base_value(&self) -> Option<Decimal> {
        self.number.checked_mul(self.scale)
    }
}

/// What a typed value was read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    Empty,
    Quantity(Quantity),
    /// A span of time (`1—12月`, `2021-01-01至2021-09-30`).
    Period {
        from: String,
        to: String,
    },
    /// A date or deadline (`2022年底之前`, `≤2022年12月`, `12月31日前`, `2022-11-30`).
    Date(When),
    /// Anything else: qualitative text (达成预期指标, 效果明显, 未支付 …).
    Text,
}

/// A point in time as written: a year, a month of a year, or a day, any of them without the year
/// (`12月31日前` takes the form's year), with the comparison a deadline states (`前`, `底前`, `≤`:
/// by then). Compared at the coarser of two precisions: `2022年11月` is within `2022年12月31日前`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct When {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
}

impl When {
    /// How finely it is written: 1 a year, 2 a month, 3 a day.
    pub fn precision(&self) -> u8 {
        match (self.month, self.day) {
            (_, Some(_)) => 3,
            (Some(_), None) => 2,
            (None, None) => 1,
        }
    }

    /// Compares `self` with `other` at the coarser of their precisions. A date without a year takes
    /// `year` (the form's), else the other's; `None` when neither has one.
    pub fn compare(&self, other: &When, year: Option<u32>) -> Option<std::cmp::Ordering> {
        let p = self.precision().min(other.precision());
        let key = |w: &When, o: &When| -> Option<(u32, u32, u32)> {
            let y = w.year.or(year).or(o.year)?;
            Some((
                y,
                if p >= 2 { w.month.unwrap_or(12) } else { 0 },
                if p >= 3 { w.day.unwrap_or(31) } else { 0 },
            ))
        };
        let (a, b) = (key(self, other)?, key(other, self)?);
        Some(a.cmp(&b))
    }
}

impl Value {
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Value::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// Reads a typed value. Never fails: what is not a number, date or period is qualitative text.
pub fn parse(text: &str) -> Value {
    let t = trim(text);
    if t.is_empty() {
        return Value::Empty;
    }
    let (needs_normalizing, mut time) = scan(t.as_bytes());
    let t = if needs_normalizing {
        std::borrow::Cow::Owned(normalize(t).into_owned())
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    if needs_normalizing {
        time = scan(t.as_bytes()).1;
    }
    let t = trim(&t);
    if time {
        if let Some(v) = parse_time(t) {
            return v;
        }
    }
    parse_quantity(t)
        .map(Value::Quantity)
        .unwrap_or(Value::Text)
}

/// One pass over the bytes: (holds a character [`normalize`] changes, holds 年 月 日 至 号 — or -,
/// which every date and period does and most values do not).
fn scan(b: &[u8]) -> (bool, bool) {
    let (mut norm, mut time) = (false, false);
    for (i, &c) in b.iter().enumerate() {
        if c < 0x80 {
            norm |= c == b'~';
            time |= c == b'-';
            continue;
        }
        let next = (
            b.get(i + 1).copied().unwrap_or(0),
            b.get(i + 2).copied().unwrap_or(0),
        );
        match c {
            0xEF => norm = true,
            0xE2 => match next {
                (0x80, 0x93 | 0x95) | (0x89, 0xA6 | 0xA7) => norm = true,
                (0x80, 0x94) => time = true,
                _ => {}
            },
            0xE5 => time |= matches!(next, (0xB9, 0xB4) | (0x8F, 0xB7)),
            0xE6 => time |= matches!(next, (0x9C, 0x88) | (0x97, 0xA5)),
            0xE8 => time |= matches!(next, (0x87, 0xB3)),
            _ => {}
        }
    }
    (norm, time)
}

/// Full-width digits and symbols to their ASCII forms; the various dashes to `—`. Borrows the text
/// when there is nothing to change (the common case), so reading values allocates nothing here.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    fn map(c: char) -> Option<char> {
        Some(match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '％' => '%',
            '≧' => '≥',
            '≦' => '≤',
            '－' | '–' | '~' | '～' | '―' => '—',
            _ => return None,
        })
    }
    // Every character to change is EF xx xx (full-width forms), E2 80/89 xx (dashes, ≧ ≦) or '~'.
    let b = text.as_bytes();
    let candidate = b.iter().enumerate().any(|(i, &c)| {
        c == 0xEF
            || c == b'~'
            || (c == 0xE2
                && matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0x80), Some(0x93 | 0x95)) | (Some(0x89), Some(0xA6 | 0xA7))
                ))
    });
    if !candidate {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| map(c).unwrap_or(c)).collect())
}

/// Operators a value may start with, the common symbols first.
const OP_PREFIXES: [(&str, Op); 18] = [
    ("≥", Op::Ge),
    ("≤", Op::Le),
    ("=", Op::Eq),
    (">=", Op::Ge),
    ("<=", Op::Le),
    (">", Op::Ge),
    ("<", Op::Le),
    ("大于等于", Op::Ge),
    ("大于或等于", Op::Ge),
    ("小于等于", Op::Le),
    ("小于或等于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("至少", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不大于", Op::Le),
];

fn parse_quantity(t: &str) -> Option<Quantity> {
    let mut rest = t;
    let mut op = None;
    let mut approximate = false;
    // Most values start with a digit: the operator words need looking at only when they do not.
    if !rest.as_bytes()[0].is_ascii_digit() {
        for (prefix, o) in OP_PREFIXES {
            if let Some(r) = rest.strip_prefix(prefix) {
                op = Some(o);
                rest = trim(r);
                break;
            }
        }
        if let Some(r) = rest.strip_prefix('约') {
            approximate = true;
            rest = trim(r);
        }
    }
    // A minus sign before the digits: `-5%`, `≥-3%` (a change, a rate of decrease).
    let negative = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => {
            rest = r;
            true
        }
        _ => false,
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (digits, after) = rest.split_at(end);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let number = if digits.contains(',') {
        crate::decimal::parse(&digits.replace(',', ""))?
    } else {
        crate::decimal::parse(digits)?
    };
    let number = if negative { -number } else { number };
    let mut unit = trim(after);
    for (suffix, o) in [
        ("以上", Some(Op::Ge)),
        ("以下", Some(Op::Le)),
        ("以内", Some(Op::Le)),
        ("左右", None),
    ] {
        if let Some(u) = unit.strip_suffix(suffix) {
            match o {
                Some(o) => op = op.or(Some(o)),
                None => approximate = true,
            }
            unit = trim(u);
        }
    }
    for marker in ['余', '多'] {
        if let Some(u) = unit.strip_prefix(marker) {
            approximate = true;
            unit = u;
        }
    }
    // A unit is a short word: at most 4 characters, no digits, no punctuation (ASCII, 、 。 or
    // full-width forms).
    let ub = unit.as_bytes();
    if ub.len() > 16
        || ub.iter().enumerate().any(|(i, &c)| {
            (c.is_ascii_digit() || (c.is_ascii_punctuation() && c != b'%'))
                || c == 0xEF
                || (c == 0xE3
                    && ub.get(i + 1) == Some(&0x80)
                    && matches!(ub.get(i + 2), Some(0x81 | 0x82)))
        })
        || unit.chars().count() > 4
    {
        return None;
    }
    let (base_unit, scale) = base_of(unit);
    Some(Quantity {
        op,
        number,
        unit: Unit::new(unit)?,
        base_unit,
        scale,
        approximate,
    })
}

fn named(text: &str) -> Unit {
    Unit::new(text).unwrap_or(Unit::EMPTY)
}

fn base_of(unit: &str) -> (Unit, Decimal) {
    let wan = Decimal::from(10_000);
    match unit {
        "%" | "百分比" | "百分点" => (Unit::PERCENT, Decimal::ONE),
        "万" => (Unit::EMPTY, wan),
        "万元" => (Unit::YUAN, wan),
        "亿" => (Unit::EMPTY, Decimal::from(100_000_000)),
        "亿元" => (Unit::YUAN, Decimal::from(100_000_000)),
        "千元" => (Unit::YUAN, Decimal::from(1_000)),
        "万人" => (Unit::new("人").unwrap_or(Unit::EMPTY), wan),
        "万人次" => (Unit::new("人次").unwrap_or(Unit::EMPTY), wan),
        // The same measure written two ways compares (GUIDE §5): a distance, a weight, working days.
        "km" | "公里" | "千米" => (named("米"), Decimal::from(1_000)),
        "m" | "米" => (named("米"), Decimal::ONE),
        "kg" | "公斤" | "千克" => (named("千克"), Decimal::ONE),
        "t" | "吨" => (named("千克"), Decimal::from(1_000)),
        "个工作日" | "工作日" => (named("工作日"), Decimal::ONE),
        "个月" | "月" => (named("月"), Decimal::ONE),
        "平方米" | "㎡" | "m²" | "m2" => (named("平方米"), Decimal::ONE),
        "h" | "小时" | "个小时" => (named("小时"), Decimal::ONE),
        other => (Unit::new(other).unwrap_or(Unit::EMPTY), Decimal::ONE),
    }
}

/// Dates and periods: `2021-01-01至2021-09-30`, `1—12月`, `2022年底之前`, `2022年12月31日前`.
fn parse_time(t: &str) -> Option<Value> {
    // A span "A至B" or "A—B" whose two ends are dates or month/day numbers.
    for sep in ["至", "—", "-"] {
        if let Some((a, b)) = t.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            let a_num = a.chars().all(|c| c.is_ascii_digit()) && !a.is_empty();
            let b_time = looks_like_date(b) || ends_with_time_unit(b);
            if (looks_like_date(a) || a_num) && b_time {
                return Some(Value::Period {
                    from: a.to_string(),
                    to: b.to_string(),
                });
            }
        }
    }
    when(t).map(Value::Date)
}

/// Deadline words before a date: `≤2022年12月`, `不晚于2022年12月`, `截至12月底`.
const WHEN_PREFIXES: [(&str, Op); 7] = [
    ("≤", Op::Le),
    ("<=", Op::Le),
    ("<", Op::Le),
    ("不晚于", Op::Le),
    ("截至", Op::Le),
    ("截止", Op::Le),
    ("≥", Op::Ge),
];

/// Deadline words after a date, the longest first: `2022年底之前`, `12月31日前`, `11月底前`.
const WHEN_SUFFIXES: [(&str, Op); 8] = [
    ("之前", Op::Le),
    ("以前", Op::Le),
    ("前", Op::Le),
    ("以内", Op::Le),
    ("内", Op::Le),
    ("之后", Op::Ge),
    ("以后", Op::Ge),
    ("后", Op::Ge),
];

/// A date as written: `2022年12月31日`, `2022年12月`, `2022年`, `12月31日`, `12月`, `2022-12-31`,
/// `2022.12`, `2022/12/31`, with `底`/`末` (the end of that year or month, so the same precision) and
/// a deadline word before or after it.
fn when(t: &str) -> Option<When> {
    let mut rest = t.trim();
    let mut op = None;
    for (p, o) in WHEN_PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            op = Some(o);
            rest = r.trim();
            break;
        }
    }
    for (s, o) in WHEN_SUFFIXES {
        if let Some(r) = rest.strip_suffix(s) {
            op = op.or(Some(o));
            rest = r.trim();
            break;
        }
    }
    let rest = rest
        .strip_suffix('底')
        .or_else(|| rest.strip_suffix('末'))
        .unwrap_or(rest);
    let (mut year, mut month, mut day) = (None, None, None);
    let mut s = rest;
    let number = |s: &str| -> Option<(u32, usize)> {
        let d = leading_digits(s);
        (!d.is_empty() && d.len() <= 4)
            .then(|| (d.parse().ok(), d.len()))
            .and_then(|(n, l)| Some((n?, l)))
    };
    // 2022-12-31, 2022.12, 2022/12/31
    if let Some((y, l)) = number(s).filter(|&(_, l)| l == 4) {
        if let Some(sep) = s[l..]
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '.' | '/' | '—'))
        {
            let parts: Vec<&str> = s.split(sep).collect();
            let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
            if parts.len() > 3
                || parts
                    .iter()
                    .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
            {
                return None;
            }
            let (m, d) = (n(1), n(2));
            return valid(When {
                op,
                year: Some(y),
                month: m,
                day: d,
            });
        }
    }
    if let Some((n, l)) = number(s) {
        let after = &s[l..];
        if let Some(r) = after.strip_prefix('年') {
            if l != 4 {
                return None;
            }
            year = Some(n);
            s = r;
        }
    }
    if let Some((n, l)) = number(s) {
        if let Some(r) = s[l..].strip_prefix('月') {
            month = Some(n);
            s = r;
        }
    }
    let s = s
        .strip_suffix('底')
        .or_else(|| s.strip_suffix('末'))
        .unwrap_or(s);
    if let Some((n, l)) = number(s) {
        if let Some(r) = s[l..]
            .strip_prefix('日')
            .or_else(|| s[l..].strip_prefix('号'))
        {
            day = Some(n);
            if !r.is_empty() {
                return None;
            }
        } else {
            return None;
        }
    } else if !s.is_empty() {
        return None;
    }
    if year.is_none() && month.is_none() {
        return None;
    }
    valid(When {
        op,
        year,
        month,
        day,
    })
}

/// A date whose month and day can be: 1–12, 1–31, a day only with a month.
fn valid(w: When) -> Option<When> {
    let ok = w.month.is_none_or(|m| (1..=12).contains(&m))
        && w.day.is_none_or(|d| (1..=31).contains(&d))
        && (w.day.is_none() || w.month.is_some())
        && w.year.is_none_or(|y| (1900..=2999).contains(&y));
    ok.then_some(w)
}

fn leading_digits(t: &str) -> &str {
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    &t[..end]
}

/// `2021-01-01`, `2022年…`, `12月…`, `31日…` (a number followed directly by 年 with four digits, or by 月/日).
fn looks_like_date(t: &str) -> bool {
    let digits = leading_digits(t);
    let after = &t[digits.len()..];
    if digits.is_empty() {
        return false;
    }
    if digits.len() == 4
        && (after.starts_with('年')
            || after.starts_with('-')
            || after.starts_with('.')
            || after.starts_with('/'))
    {
        return true;
    }
    digits.len() <= 2 && (after.starts_with('月') || after.starts_with('日'))
}

fn ends_with_time_unit(t: &str) -> bool {
    let digits = leading_digits(t);
    !digits.is_empty() && matches!(&t[digits.len()..], "月" | "日" | "年" | "月份" | "号")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn q(text: &str) -> Quantity {
        match parse(text) {
            Value::Quantity(q) => q,
            other => panic!("{text} read as {other:?}"),
        }
    }

    #[test]
    fn operators_numbers_and_units() {
        let v = q("≥50个");
        assert_eq!(
            (v.op, v.number, v.unit.as_str()),
            (Some(Op::Ge), d("50"), "个")
        );
        let v = q("≤90万元");
        assert_eq!(
            (v.op, v.number, v.base_unit.as_str(), v.scale),
            (Some(Op::Le), d("90"), "元", d("10000"))
        );
        assert_eq!(q("=8个").op, Some(Op::Eq));
        let v = q("≥100百分比");
        assert_eq!((v.number, v.base_unit.as_str()), (d("100"), "%"));
        assert_eq!(q("≥98%").base_unit, "%");
        let v = q("98%");
        assert_eq!((v.op, v.number), (None, d("98")));
        assert_eq!(q("100").unit, "");
        assert_eq!(q("2个").number, d("2"));
        assert_eq!(q("1批").unit, "批");
        assert_eq!(q("1套").unit, "套");
        let v = q("8.48万");
        assert_eq!(
            (v.number, v.scale, v.base_value()),
            (d("8.48"), d("10000"), Some(d("84800.00")))
        );
        assert_eq!(q("450万").base_value(), Some(d("4500000")));
        assert_eq!(q("99.12%").number, d("99.12"));
        assert_eq!(q("≥3次").unit, "次");
        assert_eq!(q("≥5万元").op, Some(Op::Ge));
    }

    #[test]
    fn approximate_values_are_marked() {
        let v = q("200余人");
        assert_eq!(
            (v.number, v.unit.as_str(), v.approximate),
            (d("200"), "人", true)
        );
        let v = q("600余");
        assert_eq!((v.number, v.approximate), (d("600"), true));
        assert!(q("约30万元").approximate);
        assert!(!q("30万元").approximate);
    }

    #[test]
    fn full_width_and_worded_operators() {
        assert_eq!(q("＞＝９０％").op, Some(Op::Ge));
        assert_eq!(q("不超过30天").op, Some(Op::Le));
        assert_eq!(q("不低于95%").op, Some(Op::Ge));
        assert_eq!(q("30天以内").op, Some(Op::Le));
        assert_eq!(q("1,234.5元").number, d("1234.5"));
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(
            parse("1—12月"),
            Value::Period {
                from: "1".into(),
                to: "12月".into()
            }
        );
        assert_eq!(
            parse("1-12月"),
            Value::Period {
                from: "1".into(),
                to: "12月".into()
            }
        );
        assert_eq!(
            parse("2021-01-01至2021-09-30"),
            Value::Period {
                from: "2021-01-01".into(),
                to: "2021-09-30".into()
            }
        );
        let w = |op, year, month, day| {
            Value::Date(When {
                op,
                year,
                month,
                day,
            })
        };
        assert_eq!(
            parse("2022年底之前"),
            w(Some(Op::Le), Some(2022), None, None)
        );
        assert_eq!(
            parse("2022年12月31日前"),
            w(Some(Op::Le), Some(2022), Some(12), Some(31))
        );
        assert_eq!(
            parse("≤2022年12月"),
            w(Some(Op::Le), Some(2022), Some(12), None)
        );
        assert_eq!(
            parse("2022年12月底前"),
            w(Some(Op::Le), Some(2022), Some(12), None)
        );
        assert_eq!(
            parse("12月31日前"),
            w(Some(Op::Le), None, Some(12), Some(31))
        );
        assert_eq!(parse("11月底前"), w(Some(Op::Le), None, Some(11), None));
        assert_eq!(parse("2022年11月"), w(None, Some(2022), Some(11), None));
        assert_eq!(parse("2022-11-30"), w(None, Some(2022), Some(11), Some(30)));
        assert_eq!(
            parse("2022年11月30日"),
            w(None, Some(2022), Some(11), Some(30))
        );
        assert_eq!(parse("10月"), w(None, None, Some(10), None));
        assert_eq!(
            parse("不晚于2022年6月"),
            w(Some(Op::Le), Some(2022), Some(6), None)
        );
        for not_a_date in ["13月", "2022年13月", "2月30日号", "22年12月"] {
            assert!(!matches!(parse(not_a_date), Value::Date(_)), "{not_a_date}");
        }
        // A duration is a quantity, not a date.
        assert_eq!(q("12个月").unit, "个月");
        assert_eq!(q("≤10个工作日").base_unit, "工作日");
        assert_eq!(q("8个工作日").base_unit, "工作日");
    }

    #[test]
    fn negative_numbers_as_rules_and_forms_write_them() {
        let m = q("-5%");
        assert_eq!(
            (m.op, m.number, m.unit.as_str()),
            (None, Decimal::from(-5), "%")
        );
        let m = q("≥-3%");
        assert_eq!((m.op, m.number), (Some(Op::Ge), Decimal::from(-3)));
        let m = q("−2.5万元");
        assert_eq!(m.number, "-2.5".parse::<Decimal>().unwrap());
        let m = q("≦0");
        assert_eq!((m.op, m.number), (Some(Op::Le), Decimal::ZERO));
        // A dash alone, or a dash before words, is not a number; a span stays a span.
        assert_eq!(parse("-"), Value::Text);
        assert_eq!(parse("-无"), Value::Text);
        assert!(matches!(parse("1-12月"), Value::Period { .. }));
    }

    #[test]
    fn qualitative_text() {
        for t in [
            "在项目计划完成时间内完成",
            "达成预期指标",
            "效果明显",
            "大幅提升",
            "能够有效提高",
            "未支付",
            "满足驾驶员科目三考试需求",
        ] {
            assert_eq!(parse(t), Value::Text, "{t}");
        }
        assert_eq!(parse("  "), Value::Empty);
        // A number followed by long text is not a quantity.
        assert_eq!(parse("3个以上的重点项目全部完工"), Value::Text);
        // Numbers beyond what a decimal holds are text, never a panic.
        assert_eq!(
            parse("1000000000000000000000000000000000000000"),
            Value::Text
        );
    }

    #[test]
    fn operator_column() {
        assert_eq!(Op::from_column("≥"), Some(Op::Ge));
        assert_eq!(Op::from_column("＜＝"), Some(Op::Le));
        assert_eq!(Op::from_column("="), Some(Op::Eq));
        assert_eq!(Op::from_column("反向"), Some(Op::Le));
        assert_eq!(Op::from_column(""), None);
    }
}
