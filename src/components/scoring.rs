//! 评分表: the profile's fixed scoring rows by block, each row's score (computed or entered, with its
//! explanation), block subtotals, and what the form states for them.

use super::field::figure;
use super::FormPart;
use crate::store::use_words;
use yew::prelude::*;
use ziping_engine::path::{FieldPath, ScoreField};
use ziping_engine::profile::Method;
use ziping_engine::result::ScoreSource;

#[function_component]
pub fn Scoring(p: &FormPart) -> Html {
    let (lang, w) = use_words();
    let field = |path: FieldPath, label: String| p.field(path, label, true);
    let needs_measure = p.profile.blocks.iter().flat_map(|b| &b.rows).any(|r| {
        matches!(
            r.method,
            Method::Banded { .. } | Method::PerPoint { .. } | Method::Coefficient
        )
    });
    let blocks = p.profile.blocks.iter().filter(|b| !b.rows.is_empty()).map(|block| {
        let result = p.evaluation.blocks.iter().find(|b| b.id == block.id);
        let rows = block.rows.iter().map(|row| {
            let r = result.and_then(|b| b.rows.iter().find(|x| x.id == row.id));
            let name = row.name.get(lang).to_string();
            let measured = matches!(row.method, Method::Banded { .. } | Method::PerPoint { .. } | Method::Coefficient);
            html! {
                <tr key={row.id.clone()} data-row={row.id.clone()}>
                    <td>{ row.group.get(lang) }</td>
                    <th scope="row">{ name.clone() }</th>
                    <td class="col-num">{ ziping_engine::decimal::plain(r.map(|r| r.weight).unwrap_or(row.weight)) }</td>
                    <td class="method">{ r.map(|r| w.method(r.method)).unwrap_or("") }</td>
                    if needs_measure {
                        <td>if measured { { field(FieldPath::Score(row.id.clone(), ScoreField::Actual), format!("{name} · {}", w.measured)) } }</td>
                    }
                    <td class="col-score" data-testid={format!("row-score-{}", row.id)}>
                        if let Some(r) = r {
                            { figure(&r.score, lang) }
                            if r.source == ScoreSource::Override {
                                if let Some(c) = &r.computed { <span class="was">{ format!("{} {}", w.override_shown, c.shown()) }</span> }
                            }
                        }
                    </td>
                    <td>
                        { field(FieldPath::Score(row.id.clone(), ScoreField::Score), format!("{name} · {}", w.entered)) }
                        if r.is_some_and(|r| r.source == ScoreSource::Override) || p.form.scores.get(&row.id).is_some_and(|e| !e.score_reason.is_empty()) {
                            { field(FieldPath::Score(row.id.clone(), ScoreField::ScoreReason), format!("{name} · {}", w.override_reason)) }
                        }
                        <details class="more" open={p.form.scores.get(&row.id).is_some_and(|e| !e.deviation_reason.is_empty()) || p.index.has_notes(&FieldPath::Score(row.id.clone(), ScoreField::DeviationReason))}>
                            <summary>{ w.deviation_reason }</summary>
                            { field(FieldPath::Score(row.id.clone(), ScoreField::DeviationReason), format!("{name} · {}", w.deviation_reason)) }
                        </details>
                    </td>
                    <td>{ field(FieldPath::Score(row.id.clone(), ScoreField::DeclaredScore), format!("{name} · {}", w.stated)) }</td>
                    <td class="col-flag">{ field(FieldPath::Score(row.id.clone(), ScoreField::NotApplicable), format!("{name} · {}", w.not_applicable)) }</td>
                </tr>
            }
        });
        let cols = if needs_measure { 9 } else { 8 };
        html! {
            <tbody key={block.id.clone()}>
                <tr class="block-head">
                    <th scope="rowgroup" colspan={(cols - 4).to_string()}>{ w.paren(block.name.get(lang), ziping_engine::decimal::plain(block.weight)) }</th>
                    <td class="col-score" data-testid={format!("block-{}", block.id)}>
                        if let Some(b) = result { { figure(&b.score, lang) } }
                    </td>
                    <td class="block-total-label">{ w.block_total }</td>
                    <td>{ field(FieldPath::DeclaredBlock(block.id.clone()), format!("{} · {}", block.name.get(lang), w.stated)) }</td>
                    <td></td>
                </tr>
                { for rows }
            </tbody>
        }
    });
    html! {
        <section class="form-section scoring" aria-labelledby="sec-scoring">
            <h2 id="sec-scoring">{ p.title.clone() }</h2>
            <div class="table-scroll">
            <table class="grid scoring-table">
                <thead>
                    <tr>
                        <th scope="col">{ w.group }</th>
                        <th scope="col">{ w.row }</th>
                        <th scope="col" class="col-num">{ w.weight }</th>
                        <th scope="col">{ w.read_as }</th>
                        if needs_measure { <th scope="col">{ w.measured }</th> }
                        <th scope="col" class="col-score">{ w.score }</th>
                        <th scope="col">{ w.entered }</th>
                        <th scope="col">{ w.stated }</th>
                        <th scope="col" class="col-flag">{ w.not_applicable }</th>
                    </tr>
                </thead>
                { for blocks }
            </table>
            </div>
        </section>
    }
}

/// What the form states for its results, and block weights the form adjusts (where allowed).
#[function_component]
pub fn Declared(p: &FormPart) -> Html {
    let (lang, w) = use_words();
    let field = |path: FieldPath, label: String| p.field(path, label, false);
    let has_scoring_table = p
        .profile
        .sections
        .iter()
        .any(|s| s.kind == ziping_engine::profile::SectionKind::Scoring);
    html! {
        <section class="form-section declared" aria-labelledby="sec-declared">
            <h2 id="sec-declared">{ w.stated_on_form }</h2>
            <div class="field-grid">
                { field(FieldPath::DeclaredTotal, w.stated_total.to_string()) }
                { field(FieldPath::DeclaredGrade, w.stated_grade.to_string()) }
                if !has_scoring_table {
                    { for p.profile.blocks.iter().map(|b| field(FieldPath::DeclaredBlock(b.id.clone()), format!("{} · {}", b.name.get(lang), w.stated))) }
                }
                { for p.profile.blocks.iter().filter(|b| b.adjustable).map(|b| field(FieldPath::BlockWeight(b.id.clone()), format!("{} · {}（{}）", b.name.get(lang), w.block_weight, ziping_engine::decimal::plain(b.weight)))) }
            </div>
        </section>
    }
}
