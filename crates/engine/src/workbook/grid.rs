//! A workbook as the engine sees it: sheets of cells, each cell as the spreadsheet holds it (text, a
//! number with what its format shows, a date, a truth value, an error), and the merged ranges. The
//! workbook reader (`crates/workbook`) fills it from an .xlsx, .xls or .ods file; the engine never
//! reads a file format itself. Merged ranges are not kept: a merge's value is in its first cell and
//! the cells it covers are blank, which is how the recogniser reads them (the cell above, or left).

use crate::decimal::Decimal;
use std::fmt;

/// A whole workbook: its sheets in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// One sheet. `rows[r][c]` is the cell at row `r`, column `c` (0-based); rows may be shorter than
/// others, and a missing cell is empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Vec<Cell>>,
    /// Rows or columns past the reader's limits that were not read (counted, never silently lost).
    pub cut: Option<Cut>,
}

/// What the reader left out of a sheet too large for a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The rows and columns read.
    pub rows: u32,
    pub cols: u32,
}

/// One cell's value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    /// A number, with the text its number format shows where that is more than the number (`90%`
    /// for 0.9 in a percent format, `≥50个` for 50 in the format `"≥"0"个"`).
    Number {
        value: Decimal,
        shown: Option<String>,
    },
    /// A date, as the serial number of days the spreadsheet stores (1900 date system).
    Date(Decimal),
    Bool(bool),
    /// An error value (`#DIV/0!`), as the sheet shows it.
    Error(String),
}

impl Cell {
    pub fn number(value: Decimal) -> Cell {
        Cell::Number { value, shown: None }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a clerk would type it into Ziping: text as it is, a number as its format shows it
    /// (or the plain number), a date as `2022-07-02`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number { value, shown } => match shown {
                Some(s) => s.clone(),
                None => value.normalize().to_string(),
            },
            Cell::Date(serial) => date_of_serial(*serial).unwrap_or_else(|| serial.to_string()),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// Where a cell is: its sheet's name and its row and column, written as a spreadsheet does
/// (`Sheet1!F6`, `'自评表 (2)'!B3`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

/// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.sheet.is_empty()
            && self
                .sheet
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || (!c.is_ascii() && !c.is_whitespace()));
        if plain {
            f.write_str(&self.sheet)?;
        } else {
            write!(f, "'{}'", self.sheet.replace('\'', "''"))?;
        }
        write!(f, "!{}{}", column_name(self.col), self.row + 1)
    }
}

impl serde::Serialize for CellRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A spreadsheet date serial (1900 system, with its 29 February 1900 that never was) as
/// `YYYY-MM-DD`; the time of day is dropped. `None` outside 1900–9999.
pub fn date_of_serial(serial: Decimal) -> Option<String> {
    let days = serial.trunc();
    let days: i64 = days.to_string().parse().ok()?;
    if !(1..=2_958_465).contains(&days) {
        return None;
    }
    // Serial 60 is the 29 February 1900 of Lotus 1-2-3; after it every serial is one day ahead.
    // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let unix = if days > 60 {
        days - 25_569
    } else {
        days - 25_568
    };
    let z = unix + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

impl Sheet {
    /// The cell at (`row`, `col`), empty where there is none.
    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    pub fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        let at = |sheet: &str, row, col| {
            CellRef {
                sheet: sheet.into(),
                row,
                col,
            }
            .to_string()
        };
        assert_eq!(at("Sheet1", 5, 5), "Sheet1!F6");
        assert_eq!(at("自评表", 0, 26), "自评表!AA1");
        assert_eq!(at("My sheet", 2, 1), "'My sheet'!B3");
        assert_eq!(at("it's", 0, 0), "'it''s'!A1");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn date_serials_are_the_days_a_spreadsheet_means() {
        let d = |n: i64| date_of_serial(Decimal::from(n));
        assert_eq!(d(1).as_deref(), Some("1900-01-01"));
        assert_eq!(d(59).as_deref(), Some("1900-02-28"));
        assert_eq!(d(61).as_deref(), Some("1900-03-01"));
        assert_eq!(d(44_744).as_deref(), Some("2022-07-02"));
        assert_eq!(d(45_291).as_deref(), Some("2023-12-31"));
        assert_eq!(d(0), None);
        assert_eq!(d(3_000_000), None);
        let with_time = date_of_serial("44744.75".parse().unwrap());
        assert_eq!(with_time.as_deref(), Some("2022-07-02"));
    }
}
