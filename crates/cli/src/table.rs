//! The `check` report: a heading per form and its findings as an aligned text table.

use ziping_engine::{Evaluation, Form};

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

pub(super) fn report(file: &str, form: &Form, e: &Evaluation, lang: &str) -> String {
    let en = lang == "en";
    let mut s = String::new();
    let grade = e.grade.as_ref().map(|g| g.grade.as_str()).unwrap_or("—");
    let declared_total = form
        .declared
        .total
        .map(|t| t.to_string())
        .unwrap_or_else(|| "—".into());
    let declared_grade = if form.declared.grade.is_empty() {
        "—"
    } else {
        &form.declared.grade
    };
    s.push_str(&format!("{file}\n"));
    s.push_str(&format!(
        "  {} {} · {}\n",
        form.header.year, form.header.project, form.header.unit
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
                f.code.to_string(),
                f.path.clone(),
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

/// The `check --summary` table: a line per form with the review desk's columns, the foot, the grade
/// distribution, the finding counts by code and the files that could not be read.
pub(super) fn summary(
    rows: &[&ziping_engine::review::Reviewed],
    unreadable: &[ziping_engine::review::Unreadable],
    lang: &str,
) -> String {
    use ziping_engine::decimal::fixed;
    use ziping_engine::review::{foot, grade_distribution, signed, COLUMNS};
    let en = lang == "en";
    let head: Vec<&str> = COLUMNS
        .iter()
        .map(|(_, zh, e)| if en { *e } else { *zh })
        .collect();
    let cells: Vec<[String; 12]> = rows.iter().map(|r| r.cells()).collect();
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for c in &cells {
        for (w, v) in widths.iter_mut().zip(c.iter()) {
            *w = (*w).max(width(v));
        }
    }
    // Numbers right-aligned: totals, difference and counts.
    let right = |k: usize| matches!(k, 5 | 7 | 9 | 10 | 11);
    let line = |values: &mut dyn Iterator<Item = &str>| {
        let parts: Vec<String> = values
            .enumerate()
            .map(|(k, v)| {
                if right(k) {
                    format!("{}{v}", " ".repeat(widths[k].saturating_sub(width(v))))
                } else {
                    pad(v, widths[k])
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut s = line(&mut head.iter().copied());
    s.push_str(&format!(
        "{}\n",
        "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    ));
    for c in &cells {
        s.push_str(&line(&mut c.iter().map(String::as_str)));
    }
    let f = foot(rows.iter().copied());
    let p = f.places;
    let avg =
        |a: Option<ziping_engine::decimal::Decimal>| a.map_or("—".to_string(), |a| fixed(a, p));
    s.push('\n');
    if en {
        s.push_str(&format!(
            "{} forms{}: computed total sum {}, average {}; declared average {} over {}; differences sum {}\n",
            f.forms, if unreadable.is_empty() { String::new() } else { format!(" ({} unreadable)", unreadable.len()) }, fixed(f.total_sum, p), avg(f.total_average), avg(f.declared_average),
            f.declared_count, signed(f.difference_sum, p)
        ));
        s.push_str(&format!(
            "{} errors, {} warnings; {} forms with errors; {} declared grades differ from the computed ones\n",
            f.errors, f.warnings, f.with_errors, f.grade_mismatches
        ));
    } else {
        s.push_str(&format!(
            "共 {} 份{}：计算总分合计 {}，平均 {}；填报总分平均 {}（{} 份填报）；差值合计 {}\n",
            f.forms,
            if unreadable.is_empty() {
                String::new()
            } else {
                format!("（另有 {} 份无法读取）", unreadable.len())
            },
            fixed(f.total_sum, p),
            avg(f.total_average),
            avg(f.declared_average),
            f.declared_count,
            signed(f.difference_sum, p)
        ));
        s.push_str(&format!(
            "错误 {} 条，警告 {} 条；有错误的表 {} 份；填报等次与计算不符 {} 份\n",
            f.errors, f.warnings, f.with_errors, f.grade_mismatches
        ));
    }
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
    s.push_str(&format!(
        "{}{}\n",
        if en { "grades: " } else { "等次分布：" },
        dist.join(if en { ", " } else { "，" })
    ));
    let mut codes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for r in rows {
        for x in &r.findings {
            *codes.entry(x.code).or_default() += 1;
        }
    }
    if !codes.is_empty() {
        s.push_str(if en {
            "findings by code:\n"
        } else {
            "问题按代码统计：\n"
        });
        let w = codes.keys().map(|c| c.len()).max().unwrap_or(0);
        for (code, n) in &codes {
            s.push_str(&format!("  {code:<w$}  {n}\n"));
        }
    }
    if !unreadable.is_empty() {
        s.push_str(if en {
            "unreadable files:\n"
        } else {
            "无法读取的文件：\n"
        });
        for u in unreadable {
            s.push_str(&format!("  {}\n", u.file));
            for p in &u.problems {
                let path = if p.path.is_empty() { "(file)" } else { &p.path };
                s.push_str(&format!("    {path}: {}\n", p.message.get(lang)));
            }
        }
    }
    s
}
