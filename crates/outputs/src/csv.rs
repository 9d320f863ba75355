//! The review summary as CSV.

use ziping_engine::review::{Reviewed, COLUMNS};

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
    line(&mut out, &mut COLUMNS.iter().map(|(_, zh, _)| *zh));
    for r in rows {
        let cells = r.cells();
        line(&mut out, &mut cells.iter().map(String::as_str));
    }
    out
}
