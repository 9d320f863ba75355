//! The start screen: a new form of any profile, the example, import (file picker or drag and drop),
//! and the drafts saved in this browser (open, duplicate, delete with undo).

use crate::browser::{files, page, storage};
use crate::i18n::words;
use crate::store::{use_sender, use_words, Sender};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;
use ziping_app_state::{
    DocAction, DraftMeta, ImportReport, Lang, LibraryAction, Notice, NoticeAction, ReviewAction,
};
use ziping_engine::format::MAX_FILE_BYTES;
use ziping_engine::reader::too_large_for;
use ziping_engine::workbook::{named_as_workbook, MAX_WORKBOOK_BYTES};
use ziping_engine::{Problem, Registry};

/// The seed form, shipped as the example.
pub const EXAMPLE: &str = ziping_engine::sample::EXAMPLE;

/// Opens a file through the engine's intake (`DocAction::Import`), or reports every problem (the
/// open form, if any, is untouched).
pub fn import_bytes(dispatch: &Sender, file: &str, bytes: Vec<u8>) {
    dispatch.act(DocAction::Import {
        id: page::new_id(),
        file: file.to_string(),
        bytes,
    });
}

/// Opens a draft saved in this browser, as it was saved (`copy`: as a new draft). A saved draft that
/// can no longer be read is set aside under a recovery key, never deleted, and the user is told.
pub fn open_saved(dispatch: &Sender, id: &str, copy: bool) {
    let Some(text) = storage::load_draft(id) else {
        return;
    };
    match ziping_engine::read_form(&text) {
        Ok(form) => dispatch.act(DocAction::Open {
            id: if copy { page::new_id() } else { id.to_string() },
            form: Box::new(form),
            read_only: false,
        }),
        Err(_) => {
            let title = storage::load_index()
                .into_iter()
                .find(|d| d.id == id)
                .map(|d| d.title)
                .unwrap_or_else(|| id.to_string());
            if let Some(key) = storage::set_aside(id) {
                storage::remember_open(None);
                dispatch.act(LibraryAction::Drafts(storage::load_index()));
                dispatch.act(NoticeAction::Show(Some(Notice::Corrupted {
                    title,
                    key,
                    text,
                })));
            }
        }
    }
}

/// What a chosen or dropped file is imported as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Importing {
    Form,
    Profile,
}

/// Reads the first chosen or dropped file and imports it as a form or a profile, through the
/// engine's intake (which refuses a file over the size limit before it is read).
pub fn import_files(dispatch: Sender, files: Option<web_sys::FileList>, what: Importing) {
    let Some(picked) = files::picked_from_list(files, false).into_iter().next() else {
        return;
    };
    let name = picked.name.clone();
    let fail = {
        let name = name.clone();
        move |problems| {
            NoticeAction::ImportFailed(ImportReport {
                file: name.clone(),
                problems,
            })
        }
    };
    let workbook = what == Importing::Form && named_as_workbook(&name);
    let limit = if workbook {
        MAX_WORKBOOK_BYTES
    } else {
        MAX_FILE_BYTES
    };
    if picked.size() > limit as u64 {
        dispatch.act(fail(vec![too_large_for(picked.size(), limit)]));
        return;
    }
    let read = files::read_bytes(&picked.file);
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = match read.await {
            Ok(bytes) => bytes,
            Err(e) => return dispatch.act(fail(vec![Problem::file(e.clone(), e)])),
        };
        match what {
            // The one-file edition has no preview page beside it: its import worker reads the
            // workbook and the first form found opens (the review desk shows every form of it).
            // (The registry is the page's, as `window.ziping` holds it: the app sets it on change.)
            Importing::Form if ziping_engine::intake::is_workbook(&bytes) && page::one_file() => {
                let registry = crate::js_api::registry();
                let answer = crate::browser::worker::read_workbooks_text(
                    vec![(name.clone(), bytes)],
                    &registry,
                )
                .await;
                match answer.map(|text| ziping_app_state::workbooks::first_form(&text)) {
                    Ok(Ok((form_name, text))) => {
                        import_bytes(&dispatch, &form_name, text.into_bytes())
                    }
                    Ok(Err(problems)) => dispatch.act(fail(problems)),
                    Err(e) => dispatch.act(fail(vec![Problem::file(e.zh, e.en)])),
                }
            }
            // A workbook goes to the workbook preview page (its own page: the reader and the preview
            // are never part of this one), handed over in this tab's session storage. This page's form
            // is saved as the page is left.
            Importing::Form if ziping_engine::intake::is_workbook(&bytes) => {
                match storage::hand_over_workbook(&name, &bytes) {
                    Ok(()) => page::go_to("workbook-preview/"),
                    Err(e) => dispatch.act(fail(vec![Problem::file(e.clone(), e)])),
                }
            }
            Importing::Form => import_bytes(&dispatch, &name, bytes),
            Importing::Profile => match ziping_engine::intake::open_profile(&name, &bytes) {
                Ok(p) => dispatch.act(LibraryAction::ImportProfile {
                    file: name,
                    profile: Box::new(p),
                    source: String::from_utf8_lossy(&bytes).into_owned(),
                }),
                Err(u) => dispatch.act(fail(u.problems)),
            },
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub registry: Registry,
    pub drafts: Vec<DraftMeta>,
}

#[function_component]
pub fn StartScreen(p: &StartProps) -> Html {
    let (lang, w) = use_words();
    let dispatch = use_sender();
    let dragging = use_state(|| false);
    let on_file = |what: Importing| {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            import_files(d.clone(), input.files(), what);
            input.set_value("");
        })
    };
    let on_drop = {
        let d = dispatch.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            import_files(
                d.clone(),
                e.data_transfer().and_then(|t| t.files()),
                Importing::Form,
            );
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let show_review = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.act(ReviewAction::Show))
    };
    // The one-file edition has no pages beside it (the profile editor) and offers no download of itself.
    let one_file = page::one_file();
    let open_example = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| import_bytes(&d, "example.json", EXAMPLE.into()))
    };
    html! {
        <main id="main" class="start" tabindex="-1">
            <h1 class="app-title">{ w.app_title }</h1>
            <p class="lead">{ w.lead }</p>
            <div class="start-grid">
                <section class="card" aria-labelledby="new-h">
                    <h2 id="new-h">{ w.start_new }</h2>
                    <p>{ w.start_new_hint }</p>
                    <ul class="profile-list">
                        { for p.registry.all().map(|profile| {
                            let d = dispatch.clone();
                            let id = profile.id.clone();
                            let onclick = Callback::from(move |_: MouseEvent| d.act(DocAction::New { id: page::new_id(), profile: id.clone() }));
                            html! {
                                <li>
                                    <button type="button" {onclick} data-profile={profile.id.clone()} aria-label={w.with_colon(w.new_form, profile.name.get(lang))}>{ w.new_form }</button>
                                    <span class="profile-name">{ profile.name.get(lang) }</span>
                                    <p class="profile-description">{ profile.description.get(lang) }</p>
                                    if !p.registry.is_builtin(&profile.id) && !one_file {
                                        <a class="button secondary small" href={editor_link("edit", &profile.id)} data-edit-profile={profile.id.clone()}
                                            aria-label={w.with_colon(w.profile_edit, profile.name.get(lang))}>{ w.profile_edit }</a>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    <p><button type="button" class="primary" onclick={open_example} data-testid="open-example">{ w.with_colon(w.open_example, w.example_name) }</button></p>
                    if one_file {
                        <p class="hint">{ w.off.one_file_no_page }</p>
                    } else {
                        <NewProfile registry={p.registry.clone()} />
                    }
                </section>
                <section class={classes!("card", "dropzone", dragging.then_some("dragging"))} aria-labelledby="import-h"
                    ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <h2 id="import-h">{ w.import_title }</h2>
                    <p>{ if *dragging { w.drop_here } else if one_file { w.off.import_hint } else { w.import_hint } }</p>
                    <p>
                        <label class="button" for="import-file">{ w.choose_file }</label>
                        <input id="import-file" class="file-input" type="file" accept=".json,application/json,.xlsx,.xls,.ods,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet" onchange={on_file(Importing::Form)} />
                    </p>
                    <p>
                        <label class="button secondary" for="import-profile">{ w.import_profile }</label>
                        <input id="import-profile" class="file-input" type="file" accept=".json,application/json" onchange={on_file(Importing::Profile)} />
                    </p>
                    <p class="review-entry">
                        <button type="button" onclick={show_review} data-testid="show-review" aria-describedby="review-entry-hint">{ w.review_title }</button>
                        <span id="review-entry-hint" class="hint">{ w.review_entry_hint }</span>
                    </p>
                    // The one-file edition, for machines without a network (made by tools/offline.mjs
                    // beside the page; fetched only when chosen).
                    if !one_file {
                        <p class="offline-entry">
                            <a class="button secondary" href="ziping-offline.html" download="ziping-offline.html" data-testid="download-offline" aria-describedby="offline-hint">{ w.off.download }</a>
                            <span id="offline-hint" class="hint">{ w.off.download_hint }</span>
                        </p>
                    }
                </section>
                <section class="card drafts" aria-labelledby="drafts-h">
                    <h2 id="drafts-h">{ w.drafts_title }</h2>
                    if p.drafts.is_empty() {
                        <p>{ w.no_drafts }</p>
                    } else {
                        <ul class="draft-list">
                            { for p.drafts.iter().map(|draft| draft_item(draft, &dispatch, lang)) }
                        </ul>
                    }
                </section>
            </div>
        </main>
    }
}

/// The profile editor's page (`crates/profile-editor`, loaded only by those who open it), told what
/// to open: `new` from a built-in, or `edit` a kept profile.
fn editor_link(what: &str, id: &str) -> String {
    format!(
        "profile-editor/#{what}={}",
        js_sys::encode_uri_component(id)
    )
}

#[derive(Properties, PartialEq)]
struct NewProfileProps {
    registry: Registry,
}

/// A new profile from a built-in one, in the profile editor's page.
#[function_component]
fn NewProfile(p: &NewProfileProps) -> Html {
    let (lang, w) = use_words();
    let first = p
        .registry
        .builtins()
        .first()
        .map(|b| b.id.clone())
        .unwrap_or_default();
    let base = use_state(|| first);
    let on_base = {
        let base = base.clone();
        Callback::from(move |e: Event| {
            base.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    html! {
        <div class="new-profile">
            <h3>{ w.profile_editor }</h3>
            <p class="hint">{ w.profile_editor_hint }</p>
            <p>
                <label for="new-profile-base">{ w.profile_start_from }</label>{ " " }
                <select id="new-profile-base" onchange={on_base}>
                    { for p.registry.builtins().iter().map(|b| html! {
                        <option value={b.id.clone()} selected={*base == b.id}>{ b.name.get(lang) }</option>
                    }) }
                </select>{ " " }
                <a class="button" href={editor_link("new", &base)} data-testid="new-profile">{ w.profile_new }</a>
            </p>
        </div>
    }
}

fn draft_item(draft: &DraftMeta, dispatch: &Sender, lang: Lang) -> Html {
    let w = words(lang);
    let title = if draft.title.trim().is_empty() {
        w.untitled.to_string()
    } else {
        draft.title.clone()
    };
    let when = page::local_time(draft.updated, lang);
    let open = {
        let (d, id) = (dispatch.clone(), draft.id.clone());
        Callback::from(move |_: MouseEvent| open_saved(&d, &id, false))
    };
    let duplicate = {
        let (d, id) = (dispatch.clone(), draft.id.clone());
        Callback::from(move |_: MouseEvent| open_saved(&d, &id, true))
    };
    let delete = {
        let (d, meta) = (dispatch.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| {
            let text = storage::delete_draft(&meta.id).unwrap_or_default();
            d.act(LibraryAction::Deleted {
                meta: meta.clone(),
                text,
            });
        })
    };
    html! {
        <li key={draft.id.clone()} class="draft">
            <span class="draft-title">{ title.clone() }</span>
            <span class="draft-meta">{ format!("{} · {} {}", draft.profile, w.updated, when) }</span>
            <span class="draft-actions">
                <button type="button" onclick={open} aria-label={format!("{} {title}", w.open)}>{ w.open }</button>
                <button type="button" onclick={duplicate} aria-label={format!("{} {title}", w.duplicate)}>{ w.duplicate }</button>
                <button type="button" class="danger" onclick={delete} aria-label={format!("{} {title}", w.delete)}>{ w.delete }</button>
            </span>
        </li>
    }
}
