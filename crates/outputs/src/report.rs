//! The command line's reports: `check` (a heading per form and its findings as an aligned text
//! table) and `check --summary` (the review desk's table as text, with its foot).

use std::collections::BTreeMap;
use ziping_engine::decimal::{fixed, Decimal};
use ziping_engine::review::{foot, grade_distribution, signed, Column, Foot, Reviewed};
use ziping_engine::{Evaluation, Form, Lang, Unreadable};

/// Display width in a terminal: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The findings of one form.
pub fn report(file: &str, form: &Form, e: &Evaluation, lang: Lang) -> String {
    let en = lang == Lang::En;
    let mut s = String::new();
    let grade = e.grade.as_ref().map(|g| g.grade.as_str()).unwrap_or("—");
    let (declared_total, declared_grade) = crate::declared(form);
    // A line of its own per form: the form's texts as a message quotes them (short, visible).
    let declared_grade = ziping_engine::text::quote(declared_grade);
    s.push_str(&format!("{file}\n"));
    s.push_str(&format!(
        "  {} {} · {}\n",
        ziping_engine::text::quote(&form.header.year),
        ziping_engine::text::quote(&form.header.project),
        ziping_engine::text::quote(&form.header.unit)
    ));
    if en {
        s.push_str(&format!(
            "  computed total {} grade {} · declared total {declared_total} grade {declared_grade} · {} errors, {} warnings, {} notes\n",
            e.total.shown(), grade, e.counts.errors, e.counts.warnings, e.counts.infos
        ));
    } else {
        s.push_str(&format!(
            "  计算总分 {} 等次 {} · 表内填写 {declared_total} {declared_grade} · 错误 {} 条，警告 {} 条，提示 {} 条\n",
            e.total.shown(), grade, e.counts.errors, e.counts.warnings, e.counts.infos
        ));
    }
    if e.findings.is_empty() {
        s.push_str(if en {
            "  no findings\n"
        } else {
            "  没有发现问题\n"
        });
        return s;
    }
    let head = if en {
        ["severity", "code", "where", "message"]
    } else {
        ["级别", "代码", "位置", "说明"]
    };
    let rows: Vec<[String; 4]> = e
        .findings
        .iter()
        .map(|f| {
            [
                f.severity.label().get(lang).to_string(),
                f.code.key().to_string(),
                f.path.to_string(),
                f.message.get(lang).to_string(),
            ]
        })
        .collect();
    let w: Vec<usize> = (0..3)
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(head[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: [&str; 4]| {
        format!(
            "  {}  {}  {}  {}\n",
            pad(r[0], w[0]),
            pad(r[1], w[1]),
            pad(r[2], w[2]),
            r[3]
        )
    };
    s.push_str(&line(head));
    s.push_str(&format!("  {}\n", "-".repeat(w[0] + w[1] + w[2] + 6 + 8)));
    for r in &rows {
        s.push_str(&line([&r[0], &r[1], &r[2], &r[3]]));
    }
    s
}

/// The `check --summary` report: a line per form with the review desk's columns, the foot, the
/// grade distribution, the finding counts by code and the files that could not be read.
pub fn summary(rows: &[&Reviewed], unreadable: &[Unreadable], lang: Lang) -> String {
    let mut s = summary_table(rows, lang);
    s.push('\n');
    s.push_str(&summary_foot(
        &foot(rows.iter().copied()),
        unreadable.len(),
        lang,
    ));
    s.push_str(&distribution(rows, lang));
    s.push_str(&codes(rows, lang));
    s.push_str(&unreadable_list(unreadable, lang));
    s
}

/// The table: the headings, a rule, and a line per form (numbers right-aligned).
fn summary_table(rows: &[&Reviewed], lang: Lang) -> String {
    let head: Vec<String> = Column::ALL
        .iter()
        .map(|c| c.heading().get(lang).to_string())
        .collect();
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells()).collect();
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for c in &cells {
        for (w, v) in widths.iter_mut().zip(c.iter()) {
            *w = (*w).max(width(v));
        }
    }
    let line = |values: &[String]| {
        let parts: Vec<String> = values
            .iter()
            .zip(Column::ALL)
            .enumerate()
            .map(|(k, (v, column))| {
                if column.is_numeric() {
                    format!("{}{v}", " ".repeat(widths[k].saturating_sub(width(v))))
                } else {
                    pad(v, widths[k])
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut s = line(&head);
    s.push_str(&format!(
        "{}\n",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    ));
    for c in &cells {
        s.push_str(&line(c));
    }
    s
}

/// The foot: sums and averages of the totals, and the counts.
fn summary_foot(f: &Foot, unreadable: usize, lang: Lang) -> String {
    let p = f.places;
    let avg = |a: Option<Decimal>| a.map_or("—".to_string(), |a| fixed(a, p));
    if lang == Lang::En {
        let more = if unreadable == 0 {
            String::new()
        } else {
            format!(" ({unreadable} unreadable)")
        };
        format!(
            "{} forms{more}: computed total sum {}, average {}; declared average {} over {}; differences sum {}\n\
             {} errors, {} warnings; {} forms with errors; {} declared grades differ from the computed ones\n",
            f.forms, fixed(f.total_sum, p), avg(f.total_average), avg(f.declared_average),
            f.declared_count, signed(f.difference_sum, p),
            f.errors, f.warnings, f.with_errors, f.grade_mismatches
        )
    } else {
        let more = if unreadable == 0 {
            String::new()
        } else {
            format!("（另有 {unreadable} 份无法读取）")
        };
        format!(
            "共 {} 份{more}：计算总分合计 {}，平均 {}；填报总分平均 {}（{} 份填报）；差值合计 {}\n\
             错误 {} 条，警告 {} 条；有错误的表 {} 份；填报等次与计算不符 {} 份\n",
            f.forms,
            fixed(f.total_sum, p),
            avg(f.total_average),
            avg(f.declared_average),
            f.declared_count,
            signed(f.difference_sum, p),
            f.errors,
            f.warnings,
            f.with_errors,
            f.grade_mismatches
        )
    }
}

/// The grade distribution in one line.
fn distribution(rows: &[&Reviewed], lang: Lang) -> String {
    let en = lang == Lang::En;
    let dist: Vec<String> = grade_distribution(&["优", "良", "中", "差"], rows.iter().copied())
        .into_iter()
        .map(|(g, n)| {
            let g = if g.is_empty() {
                if en { "no grade" } else { "无等次" }.to_string()
            } else {
                g
            };
            format!("{g} {n}")
        })
        .collect();
    format!(
        "{}{}\n",
        if en { "grades: " } else { "等次分布：" },
        dist.join(if en { ", " } else { "，" })
    )
}

/// How many findings of each code the forms have.
fn codes(rows: &[&Reviewed], lang: Lang) -> String {
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for x in rows.iter().flat_map(|r| &r.findings) {
        *codes.entry(x.code.key()).or_default() += 1;
    }
    if codes.is_empty() {
        return String::new();
    }
    let mut s = String::from(crate::pick(
        lang,
        "问题按代码统计：\n",
        "findings by code:\n",
    ));
    let w = codes.keys().map(|c| c.len()).max().unwrap_or(0);
    for (code, n) in &codes {
        s.push_str(&format!("  {code:<w$}  {n}\n"));
    }
    s
}

/// The files that could not be read, each problem at its path.
fn unreadable_list(unreadable: &[Unreadable], lang: Lang) -> String {
    if unreadable.is_empty() {
        return String::new();
    }
    let mut s = String::from(crate::pick(
        lang,
        "无法读取的文件：\n",
        "unreadable files:\n",
    ));
    for u in unreadable {
        s.push_str(&format!("  {}\n", u.file));
        for p in &u.problems {
            s.push_str(&format!("    {}\n", p.line(lang)));
        }
    }
    s
}
