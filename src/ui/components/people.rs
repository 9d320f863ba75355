//! The header block, the narrative sections, 评价人员 and the signatures.

use super::field::Field;
use super::FindingsIndex;
use crate::state::path::{EvaluatorField, FieldPath, HeaderField, SignoffField};
use crate::state::Action;
use crate::ui::i18n::words;
use crate::ui::store::{use_dispatch, use_lang, Ptr};
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use ziping_engine::model::{Form, Status};

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub title: AttrValue,
    pub form: Ptr<Form>,
    pub index: Ptr<FindingsIndex>,
    #[prop_or_default]
    pub key_name: AttrValue,
    pub readonly: bool,
}

#[function_component]
pub fn HeaderSection(p: &SectionProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let dispatch = use_dispatch();
    let onchange = Callback::from(move |e: Event| {
        if let Some(d) = &dispatch {
            d.dispatch(Action::Set {
                path: FieldPath::Status,
                value: e.target_unchecked_into::<HtmlSelectElement>().value(),
            });
        }
    });
    html! {
        <section class="form-section header-fields" aria-labelledby="sec-header">
            <h2 id="sec-header">{ p.title.clone() }</h2>
            <div class="field-grid">
                { for HeaderField::ALL.iter().enumerate().map(|(i, h)| {
                    let path = FieldPath::Header(*h);
                    html! { <Field value={path.get(&p.form)} notes={p.index.notes(&path)} {path} label={w.header_fields[i]} readonly={p.readonly} /> }
                }) }
                <div class="field">
                    <label for="form-status" class="field-label">{ w.status_label }</label>
                    <select id="form-status" data-path="status" onchange={onchange} disabled={p.readonly}>
                        <option value="draft" selected={p.form.status == Status::Draft}>{ w.status_draft }</option>
                        <option value="final" selected={p.form.status == Status::Final}>{ w.status_final }</option>
                    </select>
                </div>
            </div>
        </section>
    }
}

#[function_component]
pub fn NarrativeSection(p: &SectionProps) -> Html {
    let path = FieldPath::Narrative(p.key_name.to_string());
    let id = format!("sec-n-{}", p.key_name);
    html! {
        <section class="form-section narrative" aria-labelledby={id.clone()}>
            <h2 id={id}>{ p.title.clone() }</h2>
            <Field value={path.get(&p.form)} notes={p.index.notes(&path)} {path} label={p.title.clone()} quiet_label=true multiline=true readonly={p.readonly} />
        </section>
    }
}

#[function_component]
pub fn EvaluatorsSection(p: &SectionProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let dispatch = use_dispatch();
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(a.clone());
            }
        })
    };
    let names = [w.name, w.title, w.office, w.phone];
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
                                let path = FieldPath::Evaluator(i, *f);
                                html! { <td><Field value={path.get(&p.form)} notes={p.index.notes(&path)} {path} label={format!("{} {} · {}", p.title, i + 1, names[k])} quiet_label=true readonly={p.readonly} /></td> }
                            }) }
                            if !p.readonly {
                                <td><button type="button" class="icon" onclick={send(Action::RemoveEvaluator(i))} aria-label={format!("{} {}", w.remove, e.name)}>{ "✕" }</button></td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            if !p.readonly { <button type="button" onclick={send(Action::AddEvaluator)}>{ w.add_evaluator }</button> }
        </section>
    }
}

#[function_component]
pub fn SignoffSection(p: &SectionProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    html! {
        <section class="form-section signoff" aria-labelledby="sec-signoff">
            <h2 id="sec-signoff">{ p.title.clone() }</h2>
            <div class="field-grid">
                { for SignoffField::ALL.iter().enumerate().map(|(i, s)| {
                    let path = FieldPath::Signoff(*s);
                    html! { <Field value={path.get(&p.form)} notes={p.index.notes(&path)} {path} label={w.signoff_fields[i]} readonly={p.readonly} /> }
                }) }
            </div>
        </section>
    }
}
