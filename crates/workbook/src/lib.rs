//! Ziping's workbook reader: an .xlsx, .xls or .ods file (calamine) as the engine's grid of cells
//! ([`ziping_engine::workbook::Workbook`]), within limits, and [`open`], the one way a workbook comes
//! in: read here, its forms found and opened by the engine's intake
//! ([`ziping_engine::intake::open_workbook`]).
//!
//! Used by the command line and the import worker; the page never links it (calamine stays out of
//! the first load).
//!
//! Limits, each refused or cut with a message, never a crash or a hang:
//! - a file over [`MAX_WORKBOOK_BYTES`] is refused before it is opened;
//! - a zip (.xlsx, .ods) whose parts would unpack to more than [`MAX_UNPACKED_BYTES`], or with more
//!   than [`MAX_PARTS`] parts, is refused as a zip bomb before anything is unpacked;
//! - a password-protected (encrypted) workbook is named as such;
//! - a sheet is read to [`MAX_ROWS`] rows and [`MAX_COLS`] columns; what lies beyond is counted
//!   in the sheet's `cut` and said in the import's notes.

#![forbid(unsafe_code)]

use calamine::{Data, DataRef, Ods, Range, Reader, SheetVisible, Sheets, Xls, Xlsx};
use std::io::Cursor;
use std::str::FromStr;
use ziping_engine::decimal::Decimal;
use ziping_engine::intake::{Unreadable, WorkbookOpened};
use ziping_engine::workbook::grid::Cut;
use ziping_engine::workbook::{Cell, Sheet, Workbook};
use ziping_engine::{Problem, Registry};

pub use ziping_engine::workbook::MAX_WORKBOOK_BYTES;
/// The most a zip's parts may unpack to, together.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// The most parts a zip may have.
pub const MAX_PARTS: usize = 5_000;
/// What is read of a sheet, as a sheet cut there says.
const LIMITS: Cut = Cut {
    rows: MAX_ROWS,
    cols: MAX_COLS,
};

/// The rows and columns of a sheet that are read.
pub const MAX_ROWS: u32 = 5_000;
pub const MAX_COLS: u32 = 100;

/// Opens the forms of a workbook file: read into cells, the forms found by their labels, each opened
/// by the engine's intake. Every problem names the file; nothing is changed anywhere.
pub fn open(file: &str, bytes: &[u8], registry: &Registry) -> Result<WorkbookOpened, Unreadable> {
    let book = read(bytes).map_err(|p| Unreadable::new(file, vec![p]))?;
    ziping_engine::intake::open_workbook(file, &book, registry)
}

/// Reads a workbook file into cells. calamine can panic on a damaged file (an `.xls` record shorter
/// than it says, found by the workbook fuzzer): where panics unwind (the command line, the tests)
/// that is caught and the file named as damaged, so a batch goes on with its other files. In the
/// browser (wasm32 cannot unwind) it stops the import worker, whose stop the page reports.
pub fn read(bytes: &[u8]) -> Result<Workbook, Problem> {
    match std::panic::catch_unwind(|| read_unguarded(bytes)) {
        Ok(read) => read,
        Err(_) => Err(broken("the reader stopped on a damaged record")),
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Workbook, Problem> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(Problem::file(
            format!(
                "工作簿过大（{} MB），最大 {} MB；一张自评表只有几十 KB",
                bytes.len() / (1024 * 1024),
                MAX_WORKBOOK_BYTES / (1024 * 1024)
            ),
            format!(
                "the workbook is too large ({} MB, at most {} MB); a filled form is tens of kilobytes",
                bytes.len() / (1024 * 1024),
                MAX_WORKBOOK_BYTES / (1024 * 1024)
            ),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_zip(bytes)?;
        if is_ods(bytes) {
            check_ods_cells(bytes)?;
            let ods: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| broken(&e.to_string()))?;
            return whole_ranges(Sheets::Ods(ods));
        }
        let xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsxError::Password => encrypted(),
            e => broken(&e.to_string()),
        })?;
        return read_xlsx(xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An encrypted .xlsx is an OLE file too, holding an `EncryptedPackage`.
        if check_cfb(bytes)? {
            return Err(encrypted());
        }
        let xls: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => encrypted(),
            e => broken(&e.to_string()),
        })?;
        return whole_ranges(Sheets::Xls(xls));
    }
    Err(Problem::file(
        "不是 Excel/WPS 工作簿（.xlsx、.xls、.ods）",
        "not an Excel/WPS workbook (.xlsx, .xls, .ods)",
    ))
}

fn broken(detail: &str) -> Problem {
    let detail: String = ziping_engine::text::quote(detail);
    Problem::file(
        format!("工作簿已损坏或不完整，无法读取（{detail}）；请在 Excel/WPS 中打开后另存为 .xlsx 再试"),
        format!("the workbook is damaged or incomplete and cannot be read ({detail}); open it in Excel/WPS, save it as .xlsx and try again"),
    )
}

fn encrypted() -> Problem {
    Problem::file(
        "工作簿设有打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码后另存再试",
        "the workbook is password-protected (encrypted) and cannot be read; remove the password in Excel/WPS, save it and try again",
    )
}

/// An OLE compound file (.xls, or an encrypted workbook) checked whole before calamine reads it: its
/// header, allocation tables, directory and every stream's chain of sectors, by the `cfb` crate (as
/// leniently as Excel's own files need: LibreOffice writes directories Office reads but a strict
/// check refuses). calamine follows these chains as the file says; a chain that loops or leaves the file
/// would have it read without end or index out of its tables. Says whether the file holds an
/// encrypted package.
fn check_cfb(bytes: &[u8]) -> Result<bool, Problem> {
    use std::io::Read;
    let bad = |e: std::io::Error| broken(&e.to_string());
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(bad)?;
    let streams: Vec<std::path::PathBuf> = file
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut encrypted = false;
    let mut sink = Vec::new();
    for path in streams {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        encrypted |= name == "EncryptedPackage";
        let stream = file.open_stream(&path).map_err(bad)?;
        sink.clear();
        stream
            .take(bytes.len() as u64 + 1)
            .read_to_end(&mut sink)
            .map_err(bad)?;
        if matches!(name, "Workbook" | "Book") {
            check_dimensions(&sink)?;
        }
    }
    Ok(encrypted)
}

/// The most cells an .xls sheet may say it spans (its DIMENSIONS record): calamine sets memory aside
/// for that many before it reads a cell, so a record that claims billions would stop the reader.
/// Four million cells is 16 000 columns' worth of a form's rows; a filled form spans a few thousand.
const MAX_XLS_SPAN: u64 = 4_000_000;

/// The span of each sheet of an .xls: what its DIMENSIONS record (type 0x0200) says, and where its
/// cells are (the row and column that open every cell record: Number, Label, RString, BoolErr,
/// Formula, RK, LabelSst, MulRk, Blank, MulBlank), sheet by sheet (BOF 0x0809 … EOF 0x000A). calamine
/// lays a sheet out over its span before it reads a cell, so a record with a far row or column would
/// have it ask for gigabytes. Found by walking the stream's record headers (a type and a length, four
/// bytes) and those two numbers; calamine reads the workbook, this only refuses what it should not be
/// asked to.
fn check_dimensions(stream: &[u8]) -> Result<(), Problem> {
    // The stream from its start, then each sheet from where the workbook says it starts (its
    // BOUNDSHEET record's offset), as calamine reads them.
    let mut sheets = Vec::new();
    walk_records(stream, 0, &mut sheets)?;
    for start in sheets {
        walk_records(stream, start, &mut Vec::new())?;
    }
    Ok(())
}

fn walk_records(stream: &[u8], start: usize, sheets: &mut Vec<usize>) -> Result<(), Problem> {
    let u16_at = |b: &[u8], i: usize| {
        b.get(i..i + 2)
            .map_or(0, |x| u64::from(u16::from_le_bytes([x[0], x[1]])))
    };
    let u32_at = |b: &[u8], i: usize| {
        b.get(i..i + 4).map_or(0, |x| {
            u64::from(u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
        })
    };
    let too_large = |rows: u64, cols: u64| {
        Problem::file(
            format!("工作簿的一个工作表跨 {rows} 行 × {cols} 列，远超一张自评表，未读取"),
            format!("a sheet of the workbook spans {rows} rows × {cols} columns, far more than a form, and was not read"),
        )
    };
    // The rows and columns a sheet's cells reach: (first row, last row, first column, last column).
    let mut span: Option<(u64, u64, u64, u64)> = None;
    let check = |span: &mut Option<(u64, u64, u64, u64)>| {
        if let Some((r0, r1, c0, c1)) = span.take() {
            let (rows, cols) = (r1 - r0 + 1, c1 - c0 + 1);
            if rows.saturating_mul(cols) > MAX_XLS_SPAN {
                return Err(too_large(rows, cols));
            }
        }
        Ok(())
    };
    let mut at = start;
    while at + 4 <= stream.len() {
        let kind = u16_at(stream, at);
        let len = u16_at(stream, at + 2) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        match kind {
            0x0085 if start == 0 && data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            0x0200 => {
                // As calamine reads it (`parse_dimensions`), and sets memory aside for.
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => (0, 0, 0, 0),
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                // calamine's span wraps round when the first row is past the last: so does this one.
                let rows = u64::from((rl as u32).wrapping_sub(rf as u32));
                let cols = cl.saturating_sub(cf);
                if rows.saturating_mul(cols) > MAX_XLS_SPAN {
                    return Err(too_large(rows, cols));
                }
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD | 0x00BD | 0x0201
            | 0x00BE
                if data.len() >= 4 =>
            {
                let (row, col) = (u16_at(data, 0), u16_at(data, 2));
                // MulRk and MulBlank end with their last column.
                let last = if matches!(kind, 0x00BD | 0x00BE) && data.len() >= 6 {
                    u16_at(data, data.len() - 2).max(col)
                } else {
                    col
                };
                let s = span.get_or_insert((row, row, col, last));
                *s = (s.0.min(row), s.1.max(row), s.2.min(col), s.3.max(last));
            }
            // A sheet ends; walked from its start, so does the walk.
            0x000A => {
                check(&mut span)?;
                if start != 0 {
                    return Ok(());
                }
            }
            _ => {}
        }
        at += 4 + len;
    }
    check(&mut span)
}

/// Refuses a zip whose parts would unpack to more than a workbook ever holds, before unpacking.
fn check_zip(bytes: &[u8]) -> Result<(), Problem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(bomb());
    }
    // The central directory's sizes, without unpacking anything. calamine reads each part within
    // its stated size, so a part that lies about it cannot unpack to more.
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| broken(&e.to_string()))?;
        total = total.saturating_add(part.size());
        if total > MAX_UNPACKED_BYTES {
            return Err(bomb());
        }
    }
    Ok(())
}

fn bomb() -> Problem {
    Problem::file(
        format!(
            "工作簿解压后超过 {} MB（疑似压缩炸弹），未读取",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        ),
        format!(
            "the workbook would unpack to more than {} MB (a zip bomb, it seems) and was not read",
            MAX_UNPACKED_BYTES / (1024 * 1024)
        ),
    )
}

/// An .ods writes a row or cell repeated n times once, with a count: a few bytes can stand for
/// billions of cells, which calamine would lay out in memory. The counts of the cells that hold
/// something are added up first (quick-xml over `content.xml`), and a sheet that would hold more
/// than a form ever does is refused. Empty repeats (the rest of a sheet) cost nothing and are not
/// counted.
fn check_ods_cells(bytes: &[u8]) -> Result<(), Problem> {
    use quick_xml::events::Event;
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e.to_string()))?;
    let mut xml = Vec::new();
    {
        let Ok(part) = zip.by_name("content.xml") else {
            return Err(broken("content.xml"));
        };
        part.take(MAX_UNPACKED_BYTES)
            .read_to_end(&mut xml)
            .map_err(|e| broken(&e.to_string()))?;
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let limit = u64::from(MAX_ROWS) * u64::from(MAX_COLS) * 4;
    let (mut total, mut row_repeat, mut row_cells): (u64, u64, u64) = (0, 1, 0);
    let count = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "table-row" => {
                row_repeat = count(&e, "table:number-rows-repeated");
                row_cells = 0;
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "table-cell"
                    || e.local_name().as_ref() == "covered-table-cell" =>
            {
                let has_value = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == "office:value-type");
                if has_value {
                    row_cells =
                        row_cells.saturating_add(count(&e, "table:number-columns-repeated"));
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "table-row" => {
                total = total.saturating_add(row_repeat.saturating_mul(row_cells));
                if total > limit {
                    return Err(Problem::file(
                        format!("工作簿的单元格多达 {total} 个以上，远超一张自评表，未读取"),
                        format!("the workbook holds more than {total} cells, far more than a form, and was not read"),
                    ));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(broken(&e.to_string())),
            _ => {}
        }
        buf.clear();
    }
}

fn is_ods(bytes: &[u8]) -> bool {
    // An OpenDocument file starts with its uncompressed `mimetype` part.
    bytes.len() > 80
        && bytes[30..80].windows(8).any(|w| w == b"mimetype")
        && bytes[30..120.min(bytes.len())]
            .windows(11)
            .any(|w| w == b"opendocumen")
}

/// .xlsx: each sheet's cells one by one, with their number formats, stopping at the limits.
fn read_xlsx(mut xlsx: Xlsx<Cursor<&[u8]>>) -> Result<Workbook, Problem> {
    let metas: Vec<(String, bool)> = xlsx
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::new();
    for (name, hidden) in metas {
        let mut sheet = Sheet {
            name: name.clone(),
            hidden,
            ..Sheet::default()
        };
        let mut reader = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| broken(&e.to_string()))?;
        let styles: Vec<Option<String>> = reader
            .styles()
            .iter()
            .map(|s| s.number_format.as_ref().map(|f| f.format_code.clone()))
            .collect();
        let mut cut = false;
        loop {
            let next = reader
                .next_cell_with_style_id()
                .map_err(|e| broken(&e.to_string()))?;
            let Some((cell, style)) = next else { break };
            let (row, col) = cell.get_position();
            if row >= MAX_ROWS {
                cut = true;
                break;
            }
            if col >= MAX_COLS {
                cut = true;
                continue;
            }
            let format = styles.get(style).and_then(|f| f.as_deref());
            let value = of_ref(cell.get_value(), format);
            if value.is_empty() {
                continue;
            }
            put(&mut sheet, row, col, value);
        }
        sheet.cut = cut.then_some(LIMITS);
        sheets.push(sheet);
    }
    Ok(Workbook { sheets })
}

/// .xls and .ods: each sheet's range (these readers have no cell-by-cell way), cut to the limits.
fn whole_ranges<RS: std::io::Read + std::io::Seek>(
    mut book: Sheets<RS>,
) -> Result<Workbook, Problem> {
    let metas: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::new();
    for (name, hidden) in metas {
        let range: Range<Data> = book
            .worksheet_range(&name)
            .map_err(|e| broken(&e.to_string()))?;
        let mut sheet = Sheet {
            name,
            hidden,
            ..Sheet::default()
        };
        let mut cut = false;
        for (row, col, v) in range.used_cells() {
            let (row, col) = (
                row as u32 + range.start().map_or(0, |s| s.0),
                col as u32 + range.start().map_or(0, |s| s.1),
            );
            if row >= MAX_ROWS || col >= MAX_COLS {
                cut = true;
                continue;
            }
            let value = of_data(v);
            if !value.is_empty() {
                put(&mut sheet, row, col, value);
            }
        }
        sheet.cut = cut.then_some(LIMITS);
        sheets.push(sheet);
    }
    Ok(Workbook { sheets })
}

fn put(sheet: &mut Sheet, row: u32, col: u32, value: Cell) {
    let (r, c) = (row as usize, col as usize);
    if sheet.rows.len() <= r {
        sheet.rows.resize_with(r + 1, Vec::new);
    }
    let line = &mut sheet.rows[r];
    if line.len() <= c {
        line.resize_with(c + 1, || Cell::Empty);
    }
    line[c] = value;
}

/// A spreadsheet's floating-point number as the decimal it shows: at most 10 places, which drops
/// the binary noise of formulas (`0.30000000000000004`) and keeps every digit a form is typed with.
fn decimal_of(f: f64) -> Option<Decimal> {
    if !f.is_finite() || f.abs() >= 1e15 {
        return None;
    }
    Decimal::from_str(&format!("{f:.10}"))
        .ok()
        .map(|d| d.normalize())
}

fn number(f: f64, format: Option<&str>) -> Cell {
    match decimal_of(f) {
        Some(value) => Cell::Number {
            value,
            shown: format.and_then(|code| shown_by_format(code, value)),
        },
        None => Cell::Text(format!("{f}")),
    }
}

fn of_ref(v: &DataRef<'_>, format: Option<&str>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => number(*i as f64, format),
        DataRef::Float(f) => number(*f, format),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn of_data(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => number(*i as f64, None),
        Data::Float(f) => number(*f, None),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date(d.as_f64()),
        Data::DateTimeIso(s) => Cell::Text(iso_date(s)),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn date(serial: f64) -> Cell {
    match decimal_of(serial) {
        Some(d) => Cell::Date(d),
        None => Cell::Empty,
    }
}

/// `2022-07-02T00:00:00` (an .ods date) as `2022-07-02`.
fn iso_date(s: &str) -> String {
    match s.split_once('T') {
        Some((d, t)) if t.trim_start_matches(['0', ':', '.']).is_empty() => d.to_string(),
        _ => s.to_string(),
    }
}

/// What a number format shows for `value`, where it is more than the plain number: a percent
/// (`0.0%` → `90.5%`), literal text around the number (`"≥"0"个"` → `≥50个`), fixed places
/// (`0.00` → `97.66` for 97.6599999). `None` for the general format.
pub fn shown_by_format(code: &str, value: Decimal) -> Option<String> {
    let section = code.split(';').next().unwrap_or("");
    if section.is_empty() || section.eq_ignore_ascii_case("general") || section == "@" {
        return None;
    }
    let (mut before, mut digits, mut after) = (String::new(), String::new(), String::new());
    let mut in_number = false;
    let mut chars = section.chars().peekable();
    let mut percent = false;
    while let Some(ch) = chars.next() {
        let lit = match ch {
            '"' => {
                let mut s = String::new();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    s.push(c);
                }
                Some(s)
            }
            '\\' => chars.next().map(String::from),
            '[' => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
                Some(String::new())
            }
            '_' | '*' => {
                chars.next();
                Some(String::new())
            }
            '0' | '#' | '?' | '.' | ',' => {
                in_number = true;
                digits.push(ch);
                None
            }
            '%' => {
                percent = true;
                Some("%".into())
            }
            c => Some(c.to_string()),
        };
        if let Some(l) = lit {
            if in_number || !digits.is_empty() {
                after.push_str(&l);
            } else {
                before.push_str(&l);
            }
        }
    }
    if digits.is_empty() {
        return None;
    }
    let places = digits.split_once('.').map_or(0, |(_, f)| {
        f.chars().filter(|c| matches!(c, '0' | '#' | '?')).count()
    });
    let v = if percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let rounded = ziping_engine::decimal::round(v, places as u32);
    let n = if digits.contains('#') && !digits.contains('0') {
        rounded.normalize()
    } else {
        rounded
    };
    let shown = format!("{before}{n}{after}");
    let plain = value.normalize().to_string();
    (shown != plain).then_some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn number_formats_show_what_the_sheet_shows() {
        assert_eq!(shown_by_format("0%", d("0.9")).as_deref(), Some("90%"));
        assert_eq!(
            shown_by_format("0.00%", d("0.80944")).as_deref(),
            Some("80.94%")
        );
        assert_eq!(
            shown_by_format("\"≥\"0\"个\"", d("50")).as_deref(),
            Some("≥50个")
        );
        assert_eq!(
            shown_by_format("0\"人\"", d("200")).as_deref(),
            Some("200人")
        );
        assert_eq!(
            shown_by_format("0.00", d("97.6599999")).as_deref(),
            Some("97.66")
        );
        assert_eq!(shown_by_format("0.00", d("97.66")), None);
        assert_eq!(shown_by_format("General", d("3")), None);
        assert_eq!(
            shown_by_format("[Red]0.0", d("2.25")).as_deref(),
            Some("2.3")
        );
        assert_eq!(decimal_of(0.1 + 0.2), Some(d("0.3")));
        assert_eq!(decimal_of(f64::NAN), None);
        assert_eq!(iso_date("2022-07-02T00:00:00"), "2022-07-02");
    }

    #[test]
    fn what_is_not_a_workbook_is_named() {
        let p = read(b"{\"format\":1}").unwrap_err();
        assert!(p.message.zh.contains("不是 Excel/WPS 工作簿"));
        let p = read(b"PK\x03\x04broken").unwrap_err();
        assert!(p.message.zh.contains("已损坏"), "{}", p.message.zh);
    }
}
