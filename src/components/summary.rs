//! The summary that stays in view: block subtotals, the total and the grade, against what the form
//! states, and the count of errors and warnings. The grade is always written out, never a colour alone.

use super::field::{figure, Num};
use crate::store::{use_words, Ptr};
use yew::prelude::*;
use ziping_engine::model::Form;
use ziping_engine::path::FieldPath;
use ziping_engine::{Evaluation, Lang};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub form: Ptr<Form>,
    pub evaluation: Ptr<Evaluation>,
}

#[function_component]
pub fn Summary(p: &SummaryProps) -> Html {
    let (lang, w) = use_words();
    let e = &p.evaluation;
    let d = &p.form.declared;
    let grade = e.grade.as_ref();
    let grade_text = grade
        .map(|g| {
            if lang == Lang::En {
                format!("{} ({})", g.grade, g.name_en)
            } else {
                g.grade.clone()
            }
        })
        .unwrap_or_else(|| {
            if e.partial {
                w.no_grade_partial.into()
            } else {
                "—".into()
            }
        });
    let declared_total = d.total.map(|t| t.to_string()).unwrap_or_else(|| "—".into());
    let declared_grade = if d.grade.is_empty() {
        "—".to_string()
    } else {
        d.grade.clone()
    };
    // Whether the stated values are wrong is the engine's finding, not a comparison made here.
    let flagged = |path: FieldPath| {
        e.findings
            .iter()
            .any(|f| f.path == path && f.severity == ziping_engine::Severity::Error)
    };
    let total_differs = flagged(FieldPath::DeclaredTotal);
    let grade_differs = flagged(FieldPath::DeclaredGrade);
    html! {
        <section class="summary" aria-labelledby="summary-h" aria-live="polite">
            <h2 id="summary-h">{ w.summary }</h2>
            <table class="summary-table">
                <thead><tr><th scope="col"><span class="visually-hidden">{ w.block }</span></th><th scope="col">{ w.computed }</th><th scope="col">{ w.declared }</th></tr></thead>
                <tbody>
                    { for e.blocks.iter().map(|b| html! {
                        <tr>
                            <th scope="row">{ w.paren(b.name.get(lang), b.weight.shown()) }</th>
                            <td data-testid={format!("summary-block-{}", b.id)}>{ figure(&b.score, lang) }</td>
                            <td>{ d.blocks.get(&b.id).map(|v| v.to_string()).unwrap_or_else(|| "—".into()) }</td>
                        </tr>
                    }) }
                    <tr class="total">
                        <th scope="row">{ w.total }if e.partial { <span class="partial" data-testid="partial">{ w.partial_total }</span> }</th>
                        <td><Num shown={e.total.shown()} explain={e.total.explanation().get(lang).to_string()} pending={e.total.is_pending()} testid={AttrValue::from("total")} class={classes!("big")} /></td>
                        <td class={classes!(total_differs.then_some("differs"))} data-testid="declared-total">{ declared_total }</td>
                    </tr>
                    <tr class="grade">
                        <th scope="row">{ w.grade }</th>
                        <td data-testid="grade" class={classes!("grade-cell", grade.map(|g| format!("grade-{}", g.name_en.to_ascii_lowercase())), e.partial.then_some("no-grade"))}>
                            <details class="num">
                                <summary><span class="num-value">{ grade_text }</span></summary>
                                <span class="explain" role="note">{ grade.map(|g| g.explain.get(lang).to_string()).unwrap_or_default() }</span>
                            </details>
                        </td>
                        <td class={classes!(grade_differs.then_some("differs"))} data-testid="declared-grade">{ declared_grade }</td>
                    </tr>
                </tbody>
            </table>
            <p class="counts" data-testid="counts">
                <span class="count error">{ w.count(e.counts.errors, w.errors) }</span>
                { " · " }
                <span class="count warning">{ w.count(e.counts.warnings, w.warnings) }</span>
                { " · " }
                <span class="count info">{ w.count(e.counts.infos, w.infos) }</span>
            </p>
        </section>
    }
}
