//! Messages at the top of the page: an import that failed (every problem with its path), a deleted
//! draft (with undo), a save that failed, and other news.

use crate::effects;
use crate::i18n::words;
use crate::store::{use_dispatch, use_lang, Ptr};
use yew::prelude::*;
use ziping_app_state::export_name;
use ziping_app_state::{Action, ImportReport, Notice};
use ziping_engine::model::Form;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub import_report: Option<ImportReport>,
    pub notice: Option<Notice>,
    /// The open form, for an export when it cannot be saved.
    pub form: Option<Ptr<Form>>,
}

#[function_component]
pub fn Notices(p: &NoticesProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let l = lang.code();
    let dispatch = use_dispatch();
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(a.clone());
            }
        })
    };
    let import = p.import_report.as_ref().map(|r| {
        html! {
            <section class="notice error import-report" role="alert" aria-labelledby="import-report-h">
                <h2 id="import-report-h">{ format!("{}：{}", w.import_failed, r.file) }</h2>
                <p>{ w.import_unchanged }</p>
                <ul class="problems">
                    { for r.problems.iter().map(|pr| html! {
                        <li><code class="problem-path">{ if pr.path.is_empty() { "(file)".to_string() } else { pr.path.clone() } }</code>{ " " }<span class="problem-message">{ pr.message.get(l) }</span></li>
                    }) }
                </ul>
                <button type="button" onclick={send(Action::DismissImport)}>{ w.dismiss }</button>
            </section>
        }
    });
    let notice = p.notice.as_ref().map(|n| match n {
        Notice::Deleted { meta, text } => {
            let restore = {
                let (d, meta, text) = (dispatch.clone(), meta.clone(), text.clone());
                Callback::from(move |_: MouseEvent| {
                    let _ = effects::save_draft(&meta, &text);
                    if let Some(d) = &d {
                        d.dispatch(Action::Drafts(effects::load_index()));
                        d.dispatch(Action::Notice(None));
                    }
                })
            };
            html! {
                <section class="notice" role="status">
                    <p>{ format!("{}{}", w.deleted, if meta.title.is_empty() { w.untitled } else { &meta.title }) }</p>
                    <button type="button" onclick={restore}>{ w.undo_delete }</button>
                    <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
                </section>
            }
        }
        Notice::SaveFailed(msg) => {
            let export = p.form.clone().map(|form| {
                Callback::from(move |_: MouseEvent| {
                    let _ = effects::download(&export_name(&form), &ziping_engine::to_json(&form), "application/json");
                })
            });
            html! {
                <section class="notice error" role="alert">
                    <p>{ format!("{}{msg}", w.save_failed) }</p>
                    if let Some(export) = export { <button type="button" class="primary" onclick={export}>{ w.export_now }</button> }
                    <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
                </section>
            }
        }
        Notice::Corrupted { title, key, text } => {
            let download = {
                let text = text.clone();
                Callback::from(move |_: MouseEvent| {
                    let _ = effects::download("ziping-recovered.json", &text, "application/json");
                })
            };
            html! {
                <section class="notice error" role="alert" data-testid="corrupted-notice">
                    <p>{ format!("{}{title}", w.corrupted) }</p>
                    <p>{ w.corrupted_kept }<code>{ key.clone() }</code></p>
                    <button type="button" onclick={download}>{ w.download_text }</button>
                    <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
                </section>
            }
        }
        Notice::StorageOff => html! {
            <section class="notice error" role="alert" data-testid="storage-off">
                <p>{ w.storage_off }</p>
                <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
            </section>
        },
        Notice::OpenElsewhere => html! {
            <section class="notice" role="status" data-testid="open-elsewhere">
                <p>{ w.open_elsewhere }</p>
                <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
            </section>
        },
        Notice::Info(msg) => html! {
            <section class="notice" role="status">
                <p>{ msg.clone() }</p>
                <button type="button" onclick={send(Action::Notice(None))}>{ w.dismiss }</button>
            </section>
        },
    });
    html! { <>{ import }{ notice }</> }
}
