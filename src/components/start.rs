//! The start screen: a new form of any profile, the example, import (file picker or drag and drop),
//! and the drafts saved in this browser (open, duplicate, delete with undo).

use crate::effects;
use crate::i18n::words;
use crate::store::{use_dispatch, use_lang, Dispatch};
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;
use ziping_app_state::{import_form, Action, DraftMeta, ImportReport};
use ziping_engine::{Problem, Profile};

/// The seed form, shipped as the example.
pub const EXAMPLE: &str = include_str!("../../examples/jinzhong-2021-traffic-police.json");

/// Reads a form file and opens it, or reports every problem (the open form, if any, is untouched).
pub fn import_text(dispatch: &Dispatch, file: String, text: &str) {
    match import_form(text) {
        Ok(form) => dispatch.dispatch(Action::Open {
            id: effects::new_id(),
            form: Box::new(form),
            read_only: false,
        }),
        Err(problems) => dispatch.dispatch(Action::ImportFailed(ImportReport { file, problems })),
    }
}

/// Opens a draft saved in this browser, as it was saved (`copy`: as a new draft). A saved draft that
/// can no longer be read is set aside under a recovery key, never deleted, and the user is told.
pub fn open_saved(dispatch: &Dispatch, id: &str, copy: bool) {
    let Some(text) = effects::load_draft(id) else {
        return;
    };
    match ziping_engine::read_form(&text) {
        Ok(form) => dispatch.dispatch(Action::Open {
            id: if copy {
                effects::new_id()
            } else {
                id.to_string()
            },
            form: Box::new(form),
            read_only: false,
        }),
        Err(_) => {
            let title = effects::load_index()
                .into_iter()
                .find(|d| d.id == id)
                .map(|d| d.title)
                .unwrap_or_else(|| id.to_string());
            if let Some(key) = effects::set_aside(id) {
                effects::remember_open(None);
                dispatch.dispatch(Action::Drafts(effects::load_index()));
                dispatch.dispatch(Action::Notice(Some(ziping_app_state::Notice::Corrupted {
                    title,
                    key,
                    text,
                })));
            }
        }
    }
}

/// Reads the first chosen or dropped file and imports it.
pub fn import_files(dispatch: Dispatch, files: Option<web_sys::FileList>, profile: bool) {
    let Some(file) = files.and_then(|f| f.get(0)) else {
        return;
    };
    let name = file.name();
    // Refused before reading: a file this large is no form, and reading it could stall the page.
    let size = file.size();
    if size > ziping_engine::format::MAX_FILE_BYTES as f64 {
        dispatch.dispatch(Action::ImportFailed(ImportReport {
            file: name,
            problems: vec![ziping_engine::format::too_large(size as u64)],
        }));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match effects::read_file(file).await {
            Ok(text) if profile => match Profile::from_json(&text) {
                Ok(p) => {
                    if let Err(e) = effects::save_profile(&p) {
                        dispatch.dispatch(Action::Notice(Some(
                            ziping_app_state::Notice::SaveFailed(e),
                        )));
                    }
                    dispatch.dispatch(Action::ImportProfile(Box::new(p)));
                }
                Err(problems) => dispatch.dispatch(Action::ImportFailed(ImportReport {
                    file: name,
                    problems: problems
                        .into_iter()
                        .map(|p| Problem {
                            path: p.path,
                            message: p.message,
                        })
                        .collect(),
                })),
            },
            Ok(text) => import_text(&dispatch, name, &text),
            Err(e) => dispatch.dispatch(Action::ImportFailed(ImportReport {
                file: name,
                problems: vec![Problem::new("", e.clone(), e)],
            })),
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub profiles: Vec<Rc<Profile>>,
    pub drafts: Vec<DraftMeta>,
}

#[function_component]
pub fn StartScreen(p: &StartProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let l = lang.code();
    let Some(dispatch) = use_dispatch() else {
        return html! {};
    };
    let dragging = use_state(|| false);
    let on_file = |profile: bool| {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            import_files(d.clone(), input.files(), profile);
            input.set_value("");
        })
    };
    let on_drop = {
        let d = dispatch.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            import_files(d.clone(), e.data_transfer().and_then(|t| t.files()), false);
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
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ShowReview))
    };
    let open_example = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| import_text(&d, "example".into(), EXAMPLE))
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
                        { for p.profiles.iter().map(|profile| {
                            let d = dispatch.clone();
                            let id = profile.id.clone();
                            let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::New { id: effects::new_id(), profile: id.clone() }));
                            html! {
                                <li>
                                    <button type="button" {onclick} data-profile={profile.id.clone()} aria-label={format!("{}：{}", w.new_form, profile.name.get(l))}>{ w.new_form }</button>
                                    <span class="profile-name">{ profile.name.get(l) }</span>
                                    <p class="profile-description">{ profile.description.get(l) }</p>
                                </li>
                            }
                        }) }
                    </ul>
                    <p><button type="button" class="primary" onclick={open_example} data-testid="open-example">{ format!("{}：{}", w.open_example, w.example_name) }</button></p>
                </section>
                <section class={classes!("card", "dropzone", dragging.then_some("dragging"))} aria-labelledby="import-h"
                    ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <h2 id="import-h">{ w.import_title }</h2>
                    <p>{ if *dragging { w.drop_here } else { w.import_hint } }</p>
                    <p>
                        <label class="button" for="import-file">{ w.choose_file }</label>
                        <input id="import-file" class="file-input" type="file" accept=".json,application/json" onchange={on_file(false)} />
                    </p>
                    <p>
                        <label class="button secondary" for="import-profile">{ w.import_profile }</label>
                        <input id="import-profile" class="file-input" type="file" accept=".json,application/json" onchange={on_file(true)} />
                    </p>
                    <p class="review-entry">
                        <button type="button" onclick={show_review} data-testid="show-review" aria-describedby="review-entry-hint">{ w.review_title }</button>
                        <span id="review-entry-hint" class="hint">{ w.review_entry_hint }</span>
                    </p>
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

fn draft_item(draft: &DraftMeta, dispatch: &Dispatch, lang: ziping_app_state::Lang) -> Html {
    let w = words(lang);
    let title = if draft.title.trim().is_empty() {
        w.untitled.to_string()
    } else {
        draft.title.clone()
    };
    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(draft.updated as f64))
        .to_locale_string(
            if lang.code() == "en" {
                "en-GB"
            } else {
                "zh-CN"
            },
            &wasm_bindgen::JsValue::UNDEFINED,
        );
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
            let text = effects::delete_draft(&meta.id).unwrap_or_default();
            d.dispatch(Action::Deleted {
                meta: meta.clone(),
                text,
            });
        })
    };
    html! {
        <li key={draft.id.clone()} class="draft">
            <span class="draft-title">{ title.clone() }</span>
            <span class="draft-meta">{ format!("{} · {} {}", draft.profile, w.updated, String::from(when)) }</span>
            <span class="draft-actions">
                <button type="button" onclick={open} aria-label={format!("{} {title}", w.open)}>{ w.open }</button>
                <button type="button" onclick={duplicate} aria-label={format!("{} {title}", w.duplicate)}>{ w.duplicate }</button>
                <button type="button" class="danger" onclick={delete} aria-label={format!("{} {title}", w.delete)}>{ w.delete }</button>
            </span>
        </li>
    }
}
