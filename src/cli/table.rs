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
