//! Messages at the top of the page: an import that failed (every problem with its path), a deleted
//! draft (with undo), a save that failed, a draft or a profile that could not be read (its text kept
//! aside), an export that failed, and other news.

use crate::browser::{files, storage};
use crate::i18n::words;
use crate::store::{use_lang, use_sender, Ptr, Sender};
use yew::prelude::*;
use ziping_app_state::{export_name, DocAction, ImportReport, LibraryAction, Notice, NoticeAction};
use ziping_engine::model::Form;
use ziping_engine::Lang;

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
    let send = use_sender();
    let import = p
        .import_report
        .as_ref()
        .map(|r| import_report(r, lang, &send));
    let notice = p
        .notice
        .as_ref()
        .map(|n| notice(n, p.form.as_ref(), lang, &send));
    html! { <>{ import }{ notice }</> }
}

/// A file that could not be imported: every problem at its path; nothing else changed.
fn import_report(r: &ImportReport, lang: Lang, send: &Sender) -> Html {
    let w = words(lang);
    html! {
        <section class="notice error import-report" role="alert" aria-labelledby="import-report-h">
            <h2 id="import-report-h">{ w.with_colon(w.import_failed, &r.file) }</h2>
            <p>{ w.import_unchanged }</p>
            <ul class="problems">
                { for r.problems.iter().map(|pr| {
                    let path = if pr.path.is_file() { "(file)".to_string() } else { pr.path.to_string() };
                    html! {
                        <li><code class="problem-path">{ path }</code>{ " " }<span class="problem-message">{ pr.message.get(lang) }</span></li>
                    }
                }) }
            </ul>
            <button type="button" onclick={send.click(move || NoticeAction::DismissImport)}>{ w.dismiss }</button>
        </section>
    }
}

/// One notice, with its actions and a dismiss button.
fn notice(n: &Notice, form: Option<&Ptr<Form>>, lang: Lang, send: &Sender) -> Html {
    let w = words(lang);
    let dismiss = html! {
        <button type="button" onclick={send.click(move || NoticeAction::Show(None))}>{ w.dismiss }</button>
    };
    let (class, role, testid, body): (&str, &str, Option<&str>, Html) = match n {
        Notice::Deleted { meta, text } => {
            let restore = {
                let (send, meta, text) = (send.clone(), meta.clone(), text.clone());
                Callback::from(move |_: MouseEvent| {
                    let _ = storage::save_draft(&meta, &text);
                    send.act(LibraryAction::Drafts(storage::load_index()));
                    send.act(NoticeAction::Show(None));
                })
            };
            let title = if meta.title.is_empty() {
                w.untitled
            } else {
                &meta.title
            };
            let body = html! {
                <>
                    <p>{ format!("{}{title}", w.deleted) }</p>
                    <button type="button" onclick={restore}>{ w.undo_delete }</button>
                </>
            };
            ("notice", "status", None, body)
        }
        Notice::SaveFailed(msg) => {
            let export = form.cloned().map(|form| {
                Callback::from(move |_: MouseEvent| {
                    let _ = files::download(
                        &export_name(&form),
                        &ziping_engine::to_json(&form),
                        "application/json",
                    );
                })
            });
            let body = html! {
                <>
                    <p>{ format!("{}{msg}", w.save_failed) }</p>
                    if let Some(export) = export { <button type="button" class="primary" onclick={export}>{ w.export_now }</button> }
                </>
            };
            ("notice error", "alert", None, body)
        }
        Notice::Corrupted { title, key, text } => {
            let body = html! {
                <>
                    <p>{ format!("{}{title}", w.corrupted) }</p>
                    <p>{ w.corrupted_kept }<code>{ key.clone() }</code></p>
                    <button type="button" onclick={download_text(text)}>{ w.download_text }</button>
                </>
            };
            ("notice error", "alert", Some("corrupted-notice"), body)
        }
        Notice::ProfilesSetAside(keys) => {
            let body = html! {
                <>
                    <p>{ w.profiles_set_aside }</p>
                    <ul>{ for keys.iter().map(|k| html! { <li><code>{ k.clone() }</code></li> }) }</ul>
                </>
            };
            ("notice error", "alert", Some("profiles-set-aside"), body)
        }
        Notice::StorageOff => (
            "notice error",
            "alert",
            Some("storage-off"),
            text(w.storage_off),
        ),
        Notice::DraftsPutBack(n) => (
            "notice",
            "status",
            Some("drafts-put-back"),
            text(&w.drafts_put_back(*n)),
        ),
        Notice::FinalRefused(errors) => {
            let body = html! {
                <>
                    <p>{ w.final_refused(errors.len()) }</p>
                    <ul class="final-errors">
                        { for errors.iter().map(|(path, message)| {
                            let path = path.clone();
                            html! {
                                <li>
                                    { message.get(lang) }{ " " }
                                    <button type="button" class="link" onclick={send.click(move || DocAction::Focus(Some(path.clone())))}>{ w.go_to_field }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </>
            };
            ("notice error", "alert", Some("final-refused"), body)
        }
        Notice::OpenElsewhere => (
            "notice",
            "status",
            Some("open-elsewhere"),
            text(w.open_elsewhere),
        ),
        Notice::Failed(message) => (
            "notice error",
            "alert",
            Some("failed"),
            text(message.get(lang)),
        ),
        Notice::Info(msg) => ("notice", "status", None, text(msg)),
    };
    html! {
        <section class={class} role={role} data-testid={testid}>
            { body }
            { dismiss }
        </section>
    }
}

fn text(t: &str) -> Html {
    html! { <p>{ t.to_string() }</p> }
}

/// Offers a text that could not be read as a download, so that it can be mended elsewhere.
fn download_text(text: &str) -> Callback<MouseEvent> {
    let text = text.to_string();
    Callback::from(move |_: MouseEvent| {
        let _ = files::download("ziping-recovered.json", &text, "application/json");
    })
}
