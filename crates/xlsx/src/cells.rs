//! Cell-level helpers: A1 references, the few formats an official form uses, numbers from decimals,
//! and typed values (`≥50个`) written as numbers that still show as typed.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
use ziping_engine::decimal::{fixed, Decimal};
use ziping_engine::value::{parse, Value};

/// `(row, col)` zero-based → `"C7"`.
pub fn a1(row: u32, col: u16) -> String {
    let mut letters = Vec::new();
    let mut c = col as u32 + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    let mut s = String::from_utf8(letters).unwrap_or_default();
    s.push_str(&(row + 1).to_string());
    s
}

/// `$C$7`: an absolute reference, for defined names.
pub fn abs(row: u32, col: u16) -> String {
    let r = a1(row, col);
    let split = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
    format!("${}${}", &r[..split], &r[split..])
}

/// A decimal as the binary number a spreadsheet stores (exact decimals of up to 15 digits survive).
pub fn num(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// A decimal as formula text (`0.9`, `100`).
/// A text as a string literal inside a formula: quoted, every `"` doubled, control characters
/// dropped. Text from a form or a profile (a grade name) is only ever written into a formula this
/// way, so that it stays a piece of text (`优"&HYPERLINK(…)&"` is compared as those characters, and
/// never becomes part of the formula).
pub fn text_lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars().filter(|c| !c.is_control()) {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

pub fn lit(d: Decimal) -> String {
    d.normalize().to_string()
}

/// `ROUND(x, places)` where the profile rounds, else `x`.
pub fn round_expr(x: &str, places: Option<u32>) -> String {
    match places {
        Some(p) => format!("ROUND({x},{p})"),
        None => x.to_string(),
    }
}

/// The cached result a formula carries, as its text.
pub fn cached(d: Decimal, places: u32) -> String {
    fixed(d, places)
}

/// A typed value that is a plain quantity (`≥50个`, `98%`, `8.48万元`) as a number and a number format
/// that shows it exactly as typed. `None` for anything else (text, dates, approximate numbers, or a
/// spelling the format cannot reproduce), which is then written as text.
pub fn quantity_cell(text: &str) -> Option<(f64, String, Decimal)> {
    let Value::Quantity(q) = parse(text) else {
        return None;
    };
    if q.approximate {
        return None;
    }
    let places = q.number.scale();
    let number = fixed(q.number, places);
    let op = q.op.map(|o| o.symbol()).unwrap_or("");
    let unit = q.unit.as_str();
    let shown = format!("{op}{number}{unit}");
    let typed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if shown != typed || unit.contains('"') || q.number.is_sign_negative() {
        return None;
    }
    let mut fmt = String::new();
    if !op.is_empty() {
        fmt.push_str(&format!("\"{op}\""));
    }
    fmt.push('0');
    if places > 0 {
        fmt.push('.');
        fmt.push_str(&"0".repeat(places as usize));
    }
    if !unit.is_empty() {
        fmt.push_str(&format!("\"{unit}\""));
    }
    Some((num(q.number), fmt, q.number))
}

/// The formats of the official layout.
pub struct Formats {
    pub title: Format,
    pub heading: Format,
    pub label: Format,
    pub text: Format,
    pub center: Format,
}

impl Formats {
    pub fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_name("SimSun")
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new()
                .set_font_name("SimHei")
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            heading: cell
                .clone()
                .set_bold()
                .set_background_color("#EDEDED")
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            label: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center).set_text_wrap(),
        }
    }

    /// A bordered, centred number cell with this number format.
    pub fn number(&self, num_format: &str) -> Format {
        self.center.clone().set_num_format(num_format)
    }
}

/// The number format of a score with `places` decimals: `0.00`.
pub fn places_format(places: u32) -> String {
    if places == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(places as usize))
    }
}

/// The number format of a percentage with `places` decimals: `0.00%`.
pub fn percent_format(places: u32) -> String {
    format!("{}%", places_format(places))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 2), "C7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(abs(9, 7), "$H$10");
    }

    #[test]
    fn quantities_keep_their_spelling() {
        let (v, f, _) = quantity_cell("≥50个").unwrap();
        assert_eq!((v, f.as_str()), (50.0, "\"≥\"0\"个\""));
        let (v, f, _) = quantity_cell("98.5%").unwrap();
        assert_eq!((v, f.as_str()), (98.5, "0.0\"%\""));
        let (v, f, _) = quantity_cell("8.48万元").unwrap();
        assert_eq!((v, f.as_str()), (8.48, "0.00\"万元\""));
        // Not reproducible as typed, or not a plain number: left as text.
        assert!(quantity_cell("200余人").is_none());
        assert!(quantity_cell("达成预期指标").is_none());
        assert!(quantity_cell(">50个").is_none());
        assert!(quantity_cell("2022年底之前").is_none());
    }
}
