//! The header block, the narrative sections, 评价人员 and the signatures.

use super::FormPart;
use crate::store::{use_sender, use_words};
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use ziping_app_state::{DocAction, RowAction};
use ziping_engine::model::Status;
use ziping_engine::path::{EvaluatorField, FieldPath, HeaderField, SignoffField};

#[function_component]
pub fn HeaderSection(p: &FormPart) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let current = if p.form.status == Status::Final {
        "final"
    } else {
        "draft"
    };
    let onchange = Callback::from(move |e: Event| {
        // The select shows the form's status until the state says otherwise: 定稿 may be refused
        // (a form with errors cannot pass as final).
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let value = select.value();
        select.set_value(current);
        send.act(DocAction::Set {
            path: FieldPath::Status,
            value,
        });
    });
    html! {
        <section class="form-section header-fields" aria-labelledby="sec-header">
            <h2 id="sec-header">{ p.title.clone() }</h2>
            <div class="field-grid">
                { for HeaderField::ALL.iter().map(|h| p.field(FieldPath::Header(*h), h.name(lang), false)) }
                { p.field(FieldPath::Incomplete, w.incomplete_label, false) }
                <div class="field">
                    <label for="form-status" class="field-label">{ w.status_label }</label>
                    <select key={current} id="form-status" data-path="status" onchange={onchange} disabled={p.readonly}>
                        <option value="draft" selected={p.form.status == Status::Draft}>{ w.status_draft }</option>
                        <option value="final" selected={p.form.status == Status::Final}>{ w.status_final }</option>
                    </select>
                </div>
            </div>
        </section>
    }
}

#[function_component]
pub fn NarrativeSection(p: &FormPart) -> Html {
    let id = format!("sec-n-{}", p.key_name);
    html! {
        <section class="form-section narrative" aria-labelledby={id.clone()}>
            <h2 id={id}>{ p.title.clone() }</h2>
            { p.field(FieldPath::Narrative(p.key_name.to_string()), p.title.clone(), true) }
        </section>
    }
}

#[function_component]
pub fn EvaluatorsSection(p: &FormPart) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let names: Vec<&str> = EvaluatorField::ALL.iter().map(|f| f.name(lang)).collect();
    html! {
        <section class="form-section evaluators" aria-labelledby="sec-evaluators">
            <h2 id="sec-evaluators">{ p.title.clone() }</h2>
            <table class="grid">
                <thead><tr>
                    { for names.iter().map(|n| html! { <th scope="col">{ *n }</th> }) }
                    if !p.readonly { <th scope="col"><span class="visually-hidden">{ w.actions }</span></th> }
                </tr></thead>
                <tbody>
                    { for p.form.evaluators.iter().enumerate().map(|(i, e)| html! {
                        <tr key={i}>
                            { for EvaluatorField::ALL.iter().enumerate().map(|(k, f)| {
                                html! { <td>{ p.field(FieldPath::Evaluator(i, *f), format!("{} {} · {}", p.title, i + 1, names[k]), true) }</td> }
                            }) }
                            if !p.readonly {
                                <td><button type="button" class="icon" onclick={send.click(move || RowAction::RemoveEvaluator(i))} aria-label={format!("{} {}", w.remove, e.name)}>{ "✕" }</button></td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            if !p.readonly { <button type="button" onclick={send.click(move || RowAction::AddEvaluator)}>{ w.add_evaluator }</button> }
        </section>
    }
}

#[function_component]
pub fn SignoffSection(p: &FormPart) -> Html {
    let lang = crate::store::use_lang();
    html! {
        <section class="form-section signoff" aria-labelledby="sec-signoff">
            <h2 id="sec-signoff">{ p.title.clone() }</h2>
            <div class="field-grid">
                { for SignoffField::ALL.iter().map(|s| p.field(FieldPath::Signoff(*s), s.name(lang), false)) }
            </div>
        </section>
    }
}
