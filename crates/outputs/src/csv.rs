//! The review summary as CSV.

use ziping_engine::review::{Column, Reviewed};

/// The summary table as CSV for Excel: a UTF-8 byte-order mark, the headings, then one line per
/// form with its cells as the table shows them.
pub fn summary_csv(rows: &[&Reviewed]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut first = true;
        for c in cells {
            if !first {
                out.push(',');
            }
            first = false;
            if c.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&c.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(c);
            }
        }
        out.push_str("\r\n");
    };
    let head: Vec<String> = Column::ALL.iter().map(|c| c.heading().zh).collect();
    line(&mut out, &mut head.iter().map(String::as_str));
    for r in rows {
        let cells = r.cells();
        line(&mut out, &mut cells.iter().map(String::as_str));
    }
    out
}
