//! The review summary as CSV.
//!
//! The forms come from units that are not trusted, and a spreadsheet opening a CSV runs any cell
//! that starts like a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`). So every text cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'` and quoted (the
//! OWASP rule): the spreadsheet shows the text and runs nothing. Number cells are the engine's own.

use ziping_engine::review::{Column, Reviewed};

/// The summary table as CSV for Excel: a UTF-8 byte-order mark, the headings, then one line per
/// form with its cells as the table shows them.
pub fn summary_csv(rows: &[&Reviewed]) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = Column::ALL.iter().map(|c| c.heading().zh).collect();
    line(&mut out, head.iter().map(|h| (h.as_str(), false)));
    for r in rows {
        let cells = r.cells();
        let text = Column::ALL.iter().map(|c| !c.is_numeric());
        line(&mut out, cells.iter().map(String::as_str).zip(text));
    }
    out
}

/// One line of cells, each with whether it is text (which may need neutralising).
fn line<'c>(out: &mut String, cells: impl Iterator<Item = (&'c str, bool)>) {
    for (i, (c, text)) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let neutralise = text && formula_like(c);
        if neutralise || c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if neutralise {
                out.push('\'');
            }
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
}

/// Whether a text in a CSV cell could be taken for a formula by a spreadsheet.
pub fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}
