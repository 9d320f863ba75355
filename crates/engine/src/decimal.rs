//! Exact decimals and 四舍五入.
//!
//! Money and scores are `rust_decimal::Decimal`, never floats. Rounding is always half away from zero
//! (四舍五入): `Decimal::round_dp` alone rounds half to even (0.125 → 0.12), which is not what a finance
//! clerk expects, so every rounding in Ziping goes through [`round`].

use rust_decimal::prelude::*;
pub use rust_decimal::Decimal;

/// Rounds half away from zero (四舍五入) to `places` decimal places.
pub fn round(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds half away from zero and shows exactly `places` decimals: `fixed(1.6585, 2)` is `"1.66"`,
/// `fixed(3, 2)` is `"3.00"`.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut v = round(value, places);
    v.rescale(places);
    v.to_string()
}

/// A ratio shown as a percentage with `places` decimals: `percent(0.552848, 2)` is `"55.28%"`.
/// A ratio too large to show as a percentage (from absurd inputs) is shown as "—%".
pub fn percent(ratio: Decimal, places: u32) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", fixed(p, places)),
        None => "—%".to_string(),
    }
}

/// The sum of `values`, or `None` if it does not fit in a decimal (only absurd inputs get there).
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// `a + b`, held at the largest (or smallest) decimal instead of overflowing.
pub fn saturating_add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(if b.is_sign_negative() {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

/// A decimal as typed, without trailing zeros beyond what is needed: `plain(3.00)` is `"3"`,
/// `plain(969.940)` is `"969.94"`. For explanations, where inputs are echoed back.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `a ÷ b`, or `None` when `b` is zero. Never panics: overflow also gives `None`.
pub fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

/// Parses a decimal written as text ("969.94", "-3", "0.5"). No exponents, no thousands separators,
/// at most 28 significant digits. Reads the bytes directly: this runs for every value of every row.
pub fn parse(text: &str) -> Option<Decimal> {
    let t = trim(text).as_bytes();
    let (negative, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || digits[0] == b'.' || digits[digits.len() - 1] == b'.' {
        return None;
    }
    let mut mantissa: i128 = 0;
    let mut scale: Option<u32> = None;
    let mut significant = 0u32;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                if mantissa != 0 || b != b'0' {
                    significant += 1;
                }
                if significant > 28 {
                    return None;
                }
                mantissa = mantissa * 10 + i128::from(b - b'0');
                if let Some(s) = scale.as_mut() {
                    *s += 1;
                }
            }
            b'.' if scale.is_none() => scale = Some(0),
            _ => return None,
        }
    }
    let scale = scale.unwrap_or(0);
    if scale > 28 {
        return None;
    }
    let m = if negative { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(m, scale).ok()
}

/// Trims ASCII white space and the full-width space (U+3000) from both ends: what people type around
/// values. Cheaper than `str::trim`, which consults the Unicode tables for every character.
pub fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    let (mut start, mut end) = (0, b.len());
    loop {
        if start < end && b[start].is_ascii_whitespace() {
            start += 1;
        } else if end - start >= 3
            && b[start] == 0xE3
            && b[start + 1] == 0x80
            && b[start + 2] == 0x80
        {
            start += 3;
        } else {
            break;
        }
    }
    loop {
        if end > start && b[end - 1].is_ascii_whitespace() {
            end -= 1;
        } else if end - start >= 3 && b[end - 3] == 0xE3 && b[end - 2] == 0x80 && b[end - 1] == 0x80
        {
            end -= 3;
        } else {
            break;
        }
    }
    // Both ends stop at an ASCII byte boundary or a whole U+3000, so this is a char boundary.
    &text[start..end]
}

/// Serde adapter: a decimal is written as a JSON string, so that no amount ever passes through a
/// float. (Reading goes through the hand-written readers, `format/read.rs` and `profile/read.rs`,
/// which refuse a decimal written as a JSON number.)
pub mod as_string {
    use super::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    /// The same for `Option<Decimal>` (`None` is `null`).
    pub mod option {
        use super::Decimal;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.serialize_str(&v.to_string()),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn half_way_cases_round_away_from_zero() {
        assert_eq!(round(d("0.125"), 2), d("0.13"));
        assert_eq!(round(d("2.5"), 0), d("3"));
        assert_eq!(round(d("-2.5"), 0), d("-3"));
        assert_eq!(round(d("1.005"), 2), d("1.01"));
        assert_eq!(round(d("0.135"), 2), d("0.14"));
        assert_eq!(round(d("72.5"), 0), d("73"));
        // round_dp alone would give the banker's answer; this is why `round` exists.
        assert_eq!(d("0.125").round_dp(2), d("0.12"));
    }

    #[test]
    fn fixed_and_percent_show_the_stated_places() {
        assert_eq!(fixed(d("1.6585"), 2), "1.66");
        assert_eq!(fixed(d("3"), 2), "3.00");
        assert_eq!(fixed(d("97.655"), 2), "97.66");
        assert_eq!(percent(d("0.5528484236138317834092830484"), 2), "55.28%");
        assert_eq!(percent(d("0.726"), 0), "73%");
        assert_eq!(percent(d("0.5"), 0), "50%");
    }

    #[test]
    fn ratio_never_divides_by_zero() {
        assert_eq!(ratio(d("1"), Decimal::ZERO), None);
        assert_eq!(ratio(d("1"), d("4")), Some(d("0.25")));
    }

    #[test]
    fn parse_accepts_plain_decimals_only() {
        assert_eq!(parse("969.94"), Some(d("969.94")));
        assert_eq!(parse(" -3 "), Some(d("-3")));
        assert_eq!(parse("0.00"), Some(d("0.00")));
        for bad in [
            "", "1e40", "NaN", "1,000", ".5", "5.", "1.2.3", "--1", "inf", "１",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(plain(d("3.00")), "3");
        assert_eq!(parse("0.000"), Some(d("0.000")));
        assert_eq!(parse("-0.50"), Some(d("-0.50")));
        assert_eq!(
            parse("1234567890123456789012345678"),
            Some(d("1234567890123456789012345678"))
        );
        assert_eq!(
            parse("0.1234567890123456789012345678"),
            Some(d("0.1234567890123456789012345678"))
        );
        assert_eq!(parse("\u{3000}12.5 "), Some(d("12.5")));
        assert_eq!(trim("\u{3000} 达成 \u{3000}"), "达成");
    }
}
