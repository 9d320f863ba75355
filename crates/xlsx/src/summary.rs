//! The review desk's summary (汇总) of many forms: a workbook with the table, its foot and the grade
//! distribution as live formulas, every finding on a second sheet and the unreadable files on a
//! third (the CSV is `ziping_outputs::summary_csv`).

use crate::cells::{places_format, Formats};
use crate::OutputError;
use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet};
use ziping_engine::decimal::{fixed, Decimal};
use ziping_engine::review::{foot, grade_distribution, Column, Reviewed};
use ziping_engine::Severity;
use ziping_engine::Unreadable;

/// Grades counted in the distribution, highest first.
const GRADES: [&str; 4] = ["优", "良", "中", "差"];

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// The number format of a signed difference: `+0.02`, `−1.50`, `0.00` (as the table shows it).
fn signed_format(places: u32) -> String {
    let p = places_format(places);
    format!("\"+\"{p};\"−\"{p};{p}")
}

fn dec(d: Decimal) -> f64 {
    crate::cells::num(d)
}

/// The summary workbook of `rows` (in the table's order) and the files that could not be read.
///
/// A form with a text too long for a cell is left out of the table and listed with the files that
/// could not be read, with why ([`left_out`]); every other form is written.
pub fn summary_workbook(
    rows: &[&Reviewed],
    unreadable: &[Unreadable],
) -> Result<Vec<u8>, OutputError> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    let out = left_out(rows);
    let fit: Vec<&Reviewed> = rows
        .iter()
        .copied()
        .filter(|r| !out.iter().any(|u| u.file == r.file))
        .collect();
    table_sheet(wb.add_worksheet(), &f, &fit)?;
    findings_sheet(wb.add_worksheet(), &f, &fit)?;
    let all: Vec<Unreadable> = unreadable.iter().cloned().chain(out).collect();
    unreadable_sheet(wb.add_worksheet(), &f, &all)?;
    Ok(wb.save_to_buffer()?)
}

/// The forms of `rows` that a workbook cannot hold (a text over 32 767 characters), each with why.
pub fn left_out(rows: &[&Reviewed]) -> Vec<Unreadable> {
    rows.iter()
        .filter_map(|r| {
            let (path, n) = crate::too_long(&r.form)?;
            let at = ziping_engine::path::DocPath::parse(&path);
            let zh = format!("有 {n} 个字符，超过 Excel 单元格的上限 {}：此表未写入汇总", crate::CELL_TEXT_MAX);
            let en = format!("{n} characters, more than an Excel cell holds ({}): this form is not in the summary", crate::CELL_TEXT_MAX);
            let problem = match at {
                Some(p) => ziping_engine::Problem::new(p, zh, en),
                None => ziping_engine::Problem::file(zh, en),
            };
            Some(Unreadable::new(&r.file, vec![problem]))
        })
        .collect()
}

fn table_sheet(ws: &mut Worksheet, f: &Formats, rows: &[&Reviewed]) -> Result<(), OutputError> {
    ws.set_name("汇总")?;
    for (c, column) in Column::ALL.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, column.heading().zh, &f.label)?;
    }
    let widths = [
        24.0, 30.0, 22.0, 8.0, 20.0, 10.0, 8.0, 10.0, 8.0, 10.0, 8.0, 8.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let n = rows.len() as u32;
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + 1;
        let number = f.number(&places_format(r.places));
        let text = &f.text;
        ws.write_string_with_format(row, 0, &r.file, text)?;
        ws.write_string_with_format(row, 1, &r.project, text)?;
        ws.write_string_with_format(row, 2, &r.unit, text)?;
        ws.write_string_with_format(row, 3, &r.year, &f.center)?;
        ws.write_string_with_format(row, 4, &r.profile, text)?;
        match r.declared_total {
            Some(d) => ws.write_number_with_format(row, 5, dec(d), &number)?,
            None => ws.write_blank(row, 5, &number)?,
        };
        ws.write_string_with_format(row, 6, &r.declared_grade, &f.center)?;
        // A total that waits for an input (an amount that does not read) is left blank.
        match r.total {
            Some(t) => ws.write_number_with_format(row, 7, dec(t), &number)?,
            None => ws.write_blank(row, 7, &number)?,
        };
        ws.write_string_with_format(row, 8, &r.grade, &f.center)?;
        // The difference as a formula over the two totals.
        let (fc, hc) = (format!("F{}", row + 1), format!("H{}", row + 1));
        let diff = Formula::new(format!("=IF(OR({fc}=\"\",{hc}=\"\"),\"\",{hc}-{fc})"))
            .set_result(r.difference.map(|d| d.to_string()).unwrap_or_default());
        ws.write_formula_with_format(row, 9, diff, &f.number(&signed_format(r.places)))?;
        ws.write_number_with_format(row, 10, r.counts.errors as f64, &f.center)?;
        ws.write_number_with_format(row, 11, r.counts.warnings as f64, &f.center)?;
    }
    // The foot: live formulas over the rows, with the engine's results cached.
    let ft = foot(rows.iter().copied());
    let p = ft.places;
    let number = f.number(&places_format(p));
    let (first, last) = (2, n + 1);
    let range = |col: char| format!("{col}{first}:{col}{last}");
    let foot_row = n + 1;
    let label = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let formula =
        |ws: &mut Worksheet, row: u32, col: u16, x: String, cached: String, fmt: &Format| {
            ws.write_formula_with_format(
                row,
                col,
                Formula::new(format!("={x}")).set_result(cached),
                fmt,
            )
            .map(|_| ())
        };
    ws.write_string_with_format(foot_row, 0, "合计", &label)?;
    ws.write_string_with_format(foot_row, 1, format!("{} 份", ft.forms), &label)?;
    if n > 0 {
        formula(
            ws,
            foot_row,
            5,
            format!("SUM({})", range('F')),
            fixed(ft.declared_sum, p),
            &number,
        )?;
        formula(
            ws,
            foot_row,
            7,
            format!("SUM({})", range('H')),
            fixed(ft.total_sum, p),
            &number,
        )?;
        formula(
            ws,
            foot_row,
            9,
            format!("SUM({})", range('J')),
            ft.difference_sum.to_string(),
            &f.number(&signed_format(p)),
        )?;
        formula(
            ws,
            foot_row,
            10,
            format!("SUM({})", range('K')),
            ft.errors.to_string(),
            &f.center,
        )?;
        formula(
            ws,
            foot_row,
            11,
            format!("SUM({})", range('L')),
            ft.warnings.to_string(),
            &f.center,
        )?;
    }
    let avg_row = foot_row + 1;
    ws.write_string_with_format(avg_row, 0, "平均", &label)?;
    if let Some(a) = ft.declared_average {
        formula(
            ws,
            avg_row,
            5,
            format!("ROUND(AVERAGE({}),{p})", range('F')),
            fixed(a, p),
            &number,
        )?;
    }
    if let Some(a) = ft.total_average {
        formula(
            ws,
            avg_row,
            7,
            format!("ROUND(AVERAGE({}),{p})", range('H')),
            fixed(a, p),
            &number,
        )?;
    }
    // The grade distribution, counted by formula.
    let mut row = avg_row + 2;
    ws.write_string_with_format(row, 0, "等次分布", &label)?;
    ws.write_string_with_format(row, 1, "份数", &label)?;
    for (grade, count) in grade_distribution(&GRADES, rows.iter().copied()) {
        row += 1;
        let shown = if grade.is_empty() {
            "无等次".to_string()
        } else {
            grade.clone()
        };
        ws.write_string_with_format(row, 0, &shown, &f.center)?;
        let x = if n == 0 {
            "0".to_string()
        } else if grade.is_empty() {
            format!("COUNTBLANK({})", range('I'))
        } else {
            // An exact comparison with the grade written in this row's first cell: COUNTIF would
            // read a grade such as "<90" or "优*" as a condition or a pattern.
            format!("SUMPRODUCT(--({}=A{}))", range('I'), row + 1)
        };
        formula(ws, row, 1, x, count.to_string(), &f.center)?;
    }
    row += 2;
    ws.write_string(
        row,
        0,
        format!(
            "有错误的表：{} 份；填报等次与计算不符：{} 份",
            ft.with_errors, ft.grade_mismatches
        ),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.autofilter(0, 0, n.max(1), (Column::ALL.len() - 1) as u16)?;
    Ok(())
}

fn findings_sheet(ws: &mut Worksheet, f: &Formats, rows: &[&Reviewed]) -> Result<(), OutputError> {
    ws.set_name("问题清单")?;
    let head = ["文件", "项目名称", "级别", "代码", "位置", "说明", "依据"];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.label)?;
    }
    for (c, w) in [24.0, 28.0, 6.0, 28.0, 28.0, 60.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = 0;
    for r in rows {
        for x in &r.findings {
            row += 1;
            ws.write_string_with_format(row, 0, &r.file, &f.text)?;
            ws.write_string_with_format(row, 1, &r.project, &f.text)?;
            ws.write_string_with_format(row, 2, severity_zh(x.severity), &f.center)?;
            ws.write_string_with_format(row, 3, x.code.key(), &f.text)?;
            ws.write_string_with_format(row, 4, x.path.to_string(), &f.text)?;
            ws.write_string_with_format(row, 5, &x.message.zh, &f.text)?;
            ws.write_string_with_format(row, 6, &x.basis, &f.text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row.max(1), 6)?;
    Ok(())
}

fn unreadable_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    files: &[Unreadable],
) -> Result<(), OutputError> {
    ws.set_name("无法读取的文件")?;
    for (c, h) in ["文件", "位置", "问题"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.label)?;
    }
    for (c, w) in [30.0, 30.0, 70.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = 0;
    for u in files {
        for p in &u.problems {
            row += 1;
            ws.write_string_with_format(row, 0, &u.file, &f.text)?;
            ws.write_string_with_format(row, 1, p.path.to_string(), &f.text)?;
            ws.write_string_with_format(row, 2, &p.message.zh, &f.text)?;
        }
    }
    Ok(())
}
