//! The findings panel: the engine's errors, warnings and notes, each with its rule and a link that
//! takes the keyboard focus to the field concerned.

use super::field::severity_class;
use crate::store::{use_sender, use_words, Ptr};
use yew::prelude::*;
use ziping_app_state::DocAction;
use ziping_engine::Finding;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    /// The evaluation's findings, the same `Rc` while they do not change (see `store::use_stable`),
    /// so that an edit that changes no finding does not render the list again.
    pub findings: Ptr<Vec<Finding>>,
}

#[function_component]
pub fn FindingsPanel(p: &FindingsProps) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let findings = &p.findings;
    html! {
        <section class="findings" id="findings" tabindex="-1" aria-labelledby="findings-h">
            <h2 id="findings-h">{ w.paren(w.findings, findings.len()) }</h2>
            if findings.is_empty() {
                <p>{ w.no_findings }</p>
            } else {
                <ol class="finding-list">
                    { for findings.iter().map(|f| {
                        let go = f.path.input().map(|t| send.click(move || DocAction::Focus(Some(t.clone()))));
                        html! {
                            <li class={classes!("finding", severity_class(f.severity))} data-code={f.code.key()} data-finding-path={f.path.to_string()}>
                                <p class="finding-head">
                                    <span class="severity">{ w.severity[f.severity as usize] }</span>
                                    <span class="finding-place">{ f.place.get(lang) }</span>
                                </p>
                                <p class="finding-message">{ f.message.get(lang) }</p>
                                <p class="finding-basis">{ format!("{}{}{}", w.basis, w.colon, f.basis_text().get(lang)) }</p>
                                if let Some(go) = go {
                                    <button type="button" class="link" onclick={go}>{ format!("{}{}{}", w.go_to_field, w.colon, f.place.get(lang)) }</button>
                                }
                                <details class="finding-code">
                                    <summary>{ w.details }</summary>
                                    <code>{ f.code.key() }</code>{ " " }<code>{ f.path.to_string() }</code>
                                </details>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
