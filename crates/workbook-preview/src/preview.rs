//! The preview of a workbook's forms: the form chosen, the profile it was recognised as, its
//! computed total (the engine's, from the intake's evaluation), every field with the cell it came
//! from, the cells not used, and the sheets without a form. Presentational: it sends what the user
//! chose through its callbacks.

use crate::words::words;
use yew::prelude::*;
use ziping_app_state::workbooks::Preview;
use ziping_app_state::Lang;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub preview: std::rc::Rc<Preview>,
    pub lang: Lang,
    pub on_choose: Callback<usize>,
    pub on_accept: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn WorkbookPreview(p: &PreviewProps) -> Html {
    let (lang, w) = (p.lang, words(p.lang));
    let preview = &*p.preview;
    let Some(chosen) = preview.forms.get(preview.chosen) else {
        return html! {};
    };
    let read = &chosen.read;
    let (colon, open, close) = if lang == Lang::Zh {
        ("：", "（", "）")
    } else {
        (": ", " (", ")")
    };
    let choices = (preview.forms.len() > 1).then(|| {
        html! {
            <fieldset class="wb-choices">
                <legend>{ w.choose_form }</legend>
                { for preview.forms.iter().enumerate().map(|(i, f)| {
                    let onchange = p.on_choose.reform(move |_: Event| i);
                    let project = f.opened.as_ref().map(|o| o.form.header.project.clone()).unwrap_or_default();
                    html! {
                        <label class="wb-choice">
                            <input type="radio" name="wb-choice" checked={i == preview.chosen} {onchange} />
                            <span class="wb-choice-project">{ if project.is_empty() { f.read.name.clone() } else { project } }</span>
                            <span class="wb-choice-where">{ format!("{} {}–{} {} · {}", f.read.sheet, f.read.rows.0, f.read.rows.1, w.rows, f.read.profile_name.get(lang)) }</span>
                        </label>
                    }
                }) }
            </fieldset>
        }
    });
    let result = match &chosen.opened {
        Ok(o) => {
            let ev = &o.evaluation;
            let grade = ev
                .grade
                .as_ref()
                .map_or("—".to_string(), |g| g.grade.clone());
            html! {
                <p class="wb-result" data-testid="wb-result">
                    { format!("{}{colon}{} · {} · {} {}", w.result, ev.total.shown(), grade, ev.counts.errors, w.errors) }
                </p>
            }
        }
        Err(u) => html! {
            <ul class="problems">{ for u.problems.iter().map(|pr| html! { <li>{ pr.message.get(lang) }</li> }) }</ul>
        },
    };
    html! {
        <section class="card workbook-preview" aria-labelledby="wb-h" data-testid="workbook-preview">
            <h2 id="wb-h">{ &preview.file }</h2>
            { for choices }
            <p class="wb-profile" data-testid="wb-profile">
                { format!("{}{colon}{}{open}{}{close} · {} {}–{} {}", w.profile, read.profile_name.get(lang), read.profile, read.sheet, read.rows.0, read.rows.1, w.rows) }
            </p>
            { result }
            if !read.notes.is_empty() {
                <ul class="wb-notes" aria-label={w.notes}>
                    { for read.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }
                </ul>
            }
            <div class="wb-actions">
                <button type="button" class="primary" onclick={p.on_accept.reform(|_| ())} data-testid="wb-accept">{ w.open }</button>
                <button type="button" onclick={p.on_cancel.reform(|_| ())} data-testid="wb-cancel">{ w.cancel }</button>
            </div>
            <div class="wb-mapping-wrap" tabindex="0" role="region" aria-label={w.field}>
                <table class="wb-mapping" data-testid="wb-mapping">
                    <thead><tr><th scope="col">{ w.field }</th><th scope="col">{ w.cell }</th><th scope="col">{ w.shown }</th><th scope="col">{ w.how }</th></tr></thead>
                    <tbody>
                        { for read.mapping.iter().map(|m| html! {
                            <tr>
                                <td>{ m.place.get(lang) }</td>
                                <td class="wb-cell">{ &m.cell }</td>
                                <td>{ &m.shown }</td>
                                <td>{ m.note.as_ref().map(|n| n.get(lang).to_string()).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !read.unused.is_empty() {
                <details class="wb-unused" data-testid="wb-unused">
                    <summary>{ format!("{} ({})", w.unused, read.unused.len() + read.unused_more) }</summary>
                    <ul>
                        { for read.unused.iter().map(|u| html! { <li><span class="wb-cell">{ &u.cell }</span>{ " " }{ &u.shown }</li> }) }
                        if read.unused_more > 0 {
                            <li>{ format!("{} {}", w.more, read.unused_more) }</li>
                        }
                    </ul>
                </details>
            }
            if !preview.without_form.is_empty() {
                <details class="wb-without">
                    <summary>{ format!("{} ({})", w.without_form, preview.without_form.len()) }</summary>
                    <ul>{ for preview.without_form.iter().map(|(sheet, why)| html! { <li>{ format!("{sheet}{colon}{}", why.get(lang)) }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
