//! The summary of a form for the clipboard: plain text to paste into a message or a report.

use ziping_engine::{Evaluation, Form, Lang, Severity};

/// A plain-text summary for the clipboard: the form's name, the block subtotals, the total and
/// grade, what the form declares, and the errors and warnings.
pub fn summary_text(form: &Form, e: &Evaluation, lang: Lang) -> String {
    let l = lang;
    let en = lang == Lang::En;
    let mut s = format!("{} {}\n", form.header.year, form.header.project);
    if !form.header.unit.is_empty() {
        s.push_str(&format!("{}\n", form.header.unit));
    }
    for b in &e.blocks {
        s.push_str(&format!(
            "{}: {} / {}\n",
            b.name.get(l),
            b.score.shown(),
            b.weight.shown()
        ));
    }
    let grade = e.grade.as_ref().map(|g| g.grade.as_str()).unwrap_or("—");
    s.push_str(&if en {
        format!("Total: {} · grade {grade}\n", e.total.shown())
    } else {
        format!("综合得分：{} · 等次 {grade}\n", e.total.shown())
    });
    if form.declared.total.is_some() || !form.declared.grade.is_empty() {
        let (t, g) = crate::declared(form);
        s.push_str(&if en {
            format!("Declared on the form: {t} · {g}\n")
        } else {
            format!("表内填写：{t} · {g}\n")
        });
    }
    s.push_str(&if en {
        format!(
            "{} errors, {} warnings\n",
            e.counts.errors, e.counts.warnings
        )
    } else {
        format!(
            "错误 {} 条，警告 {} 条\n",
            e.counts.errors, e.counts.warnings
        )
    });
    for f in e.findings.iter().filter(|f| f.severity != Severity::Info) {
        s.push_str(&format!(
            "- [{}] {} ({})\n",
            f.severity.label().get(l),
            f.message.get(l),
            f.path
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziping_engine::Registry;

    #[test]
    fn the_summary_comes_from_the_form_and_the_engine() {
        let seed = include_bytes!("../../../examples/jinzhong-2021-traffic-police.json");
        let o = ziping_engine::open("seed.json", seed, &Registry::new()).unwrap();
        let text = summary_text(&o.form, &o.evaluation, Lang::Zh);
        assert!(text.contains("综合得分：97.66 · 等次 优"), "{text}");
        assert!(text.contains("表内填写：97.66 · 差"), "{text}");
        assert!(text.contains("等次填为“差”"), "{text}");
        assert!(summary_text(&o.form, &o.evaluation, Lang::En).contains("Total: 97.66 · grade 优"));
    }
}
