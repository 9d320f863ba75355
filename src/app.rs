//! The root component: holds the one reducer, provides the contexts, and performs the effects around
//! it — loading drafts at start, reopening the draft that was open, saving every change to this
//! browser within a second, keyboard undo and redo, and the page language.

use super::components::editor::{Editor, SaveStatus};
use super::components::notices::Notices;
use super::components::print::PrintView;
use super::components::review::ReviewDesk;
use super::components::start::{open_saved, StartScreen};
use super::effects;
use super::i18n::words;
use super::store::{Dispatch, Ptr, Store};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use ziping_app_state::{Action, AppState, DraftMeta, Lang, Notice, Screen};

/// How long after the last change the draft is saved.
const SAVE_DELAY_MS: u32 = 300;

fn initial_lang() -> Lang {
    match effects::saved_lang().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

#[function_component]
pub fn App() -> Html {
    let store = use_reducer(|| Store(AppState::new(initial_lang())));
    let dispatch: Dispatch = store.dispatcher();
    let save = use_state(|| SaveStatus::Saved);
    // The change (draft id, revision) the save status was last settled for: a newer change reads
    // "saving" from its own render on, without a second render of the page to say so.
    let settled = use_mut_ref(|| None::<(String, u64)>);
    let state = &store.0;

    // At start: the drafts of this browser, and the draft that was open when the page was left.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            for p in effects::load_profiles() {
                dispatch.dispatch(Action::ImportProfile(Box::new(p)));
            }
            dispatch.dispatch(Action::Notice(None));
            dispatch.dispatch(Action::Drafts(effects::load_index()));
            if !effects::storage_available() {
                dispatch.dispatch(Action::Notice(Some(Notice::StorageOff)));
            }
            if let Some(id) = effects::open_draft_id() {
                open_saved(&dispatch, &id, false);
            }
        });
    }

    // One draft is edited in one tab: this tab claims the open draft, refreshes the claim every two
    // seconds, and shows the draft read-only (and says why) when another tab holds it.
    let tab = use_memo((), |_| effects::new_id());
    {
        let doc_key = state.doc.as_ref().map(|d| (d.id.clone(), d.read_only));
        let (tab, dispatch) = (tab.clone(), dispatch.clone());
        use_effect_with(doc_key, move |key| {
            let mut beat = None;
            let mut held = None;
            if let Some((id, false)) = key {
                let refuse = {
                    let dispatch = dispatch.clone();
                    move || {
                        dispatch.dispatch(Action::ReadOnly(true));
                        dispatch.dispatch(Action::Notice(Some(Notice::OpenElsewhere)));
                    }
                };
                if !effects::claim(id, &tab) {
                    refuse();
                } else {
                    held = Some(id.clone());
                    let (id, tab) = (id.clone(), tab.clone());
                    beat = Some(gloo_timers::callback::Interval::new(2_000, move || {
                        if !effects::claim(&id, &tab) {
                            refuse();
                        }
                    }));
                }
            }
            move || {
                drop(beat);
                if let Some(id) = held {
                    effects::release(&id, &tab);
                }
            }
        });
    }

    // A save that is still waiting when the page is left (closed, reloaded) is done at once.
    let pending = use_mut_ref(|| None::<(DraftMeta, std::rc::Rc<ziping_engine::model::Form>)>);
    {
        let (pending, tab) = (pending.clone(), tab.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "pagehide", move |_| {
                    if let Some((meta, form)) = pending.borrow_mut().take() {
                        if effects::claim(&meta.id, &tab) {
                            let _ = effects::save_draft(&meta, &ziping_engine::to_json(&form));
                        }
                        effects::release(&meta.id, &tab);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Every change is saved shortly after it is made; the open draft is remembered for a reload.
    {
        let doc = state.doc.as_ref();
        let key = doc.map(|d| (d.id.clone(), d.revision, d.read_only));
        let form = doc.map(|d| d.form.clone());
        let listed = doc.is_some_and(|d| state.drafts.iter().any(|m| m.id == d.id));
        let (save, dispatch, pending, save_tab, settled) = (
            save.clone(),
            dispatch.clone(),
            pending.clone(),
            (*tab).clone(),
            settled.clone(),
        );
        use_effect_with(key, move |key| {
            let mut timer = None;
            match (key, form) {
                (Some((id, revision, false)), Some(form)) => {
                    effects::remember_open(Some(id));
                    if *revision > 0 || !listed {
                        let change = (id.clone(), *revision);
                        let meta = DraftMeta {
                            id: id.clone(),
                            title: format!("{} {}", form.header.year, form.header.project)
                                .trim()
                                .to_string(),
                            profile: form.profile.clone(),
                            updated: effects::now(),
                        };
                        *pending.borrow_mut() = Some((meta.clone(), form.clone()));
                        timer = Some(Timeout::new(SAVE_DELAY_MS, move || {
                            pending.borrow_mut().take();
                            // Never overwrite what another tab is editing.
                            if !effects::claim(&meta.id, &save_tab) {
                                save.set(SaveStatus::Saving);
                                dispatch.dispatch(Action::ReadOnly(true));
                                dispatch.dispatch(Action::Notice(Some(Notice::OpenElsewhere)));
                                return;
                            }
                            let meta = DraftMeta {
                                updated: effects::now(),
                                ..meta
                            };
                            *settled.borrow_mut() = Some(change);
                            match effects::save_draft(&meta, &ziping_engine::to_json(&form)) {
                                Ok(()) => {
                                    save.set(SaveStatus::Saved);
                                    dispatch.dispatch(Action::Drafts(effects::load_index()));
                                }
                                Err(e) => {
                                    save.set(SaveStatus::Failed(e.clone()));
                                    dispatch.dispatch(Action::Notice(Some(Notice::SaveFailed(e))));
                                }
                            }
                        }));
                    }
                }
                (Some((id, _, true)), _) => effects::remember_open(Some(id)),
                _ => {}
            }
            // A newer change replaces the pending save.
            move || drop(timer)
        });
    }

    // Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, everywhere on the page.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                // Not passive: it must be able to prevent the browser's own undo.
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) {
                            return;
                        }
                        let key = e.key().to_ascii_lowercase();
                        let action = match (key.as_str(), e.shift_key()) {
                            ("z", false) => Action::Undo,
                            ("z", true) | ("y", false) => Action::Redo,
                            _ => return,
                        };
                        e.prevent_default();
                        dispatch.dispatch(action);
                    },
                )
            });
            move || drop(listener)
        });
    }

    // The page's language follows the switch.
    use_effect_with(state.lang, |lang| {
        effects::remember_lang(lang.code());
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", if *lang == Lang::En { "en" } else { "zh-CN" });
        }
    });

    // A change waiting to be saved (see the effect above) reads "saving".
    let save_shown = match state.doc.as_ref() {
        Some(d)
            if !d.read_only
                && (d.revision > 0 || !state.drafts.iter().any(|m| m.id == d.id))
                && settled.borrow().as_ref().map(|(id, r)| (id.as_str(), *r))
                    != Some((d.id.as_str(), d.revision)) =>
        {
            SaveStatus::Saving
        }
        _ => (*save).clone(),
    };
    let w = words(state.lang);
    let switch = {
        let (dispatch, lang) = (dispatch.clone(), state.lang);
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::SetLang(if lang == Lang::Zh {
                Lang::En
            } else {
                Lang::Zh
            }))
        })
    };
    let body = match (&state.screen, &state.doc) {
        (Screen::Editor, Some(doc)) => html! {
            <Editor id={doc.id.clone()} form={Ptr(doc.form.clone())} evaluation={Ptr(doc.evaluation.clone())} profile={Ptr(doc.profile.clone())}
                can_undo={doc.can_undo()} can_redo={doc.can_redo()} refused={doc.refused.clone()} read_only={doc.read_only}
                save={save_shown} focus={state.focus.clone()} from_review={state.from_review} />
        },
        (Screen::Print, Some(doc)) => html! {
            <PrintView form={Ptr(doc.form.clone())} evaluation={Ptr(doc.evaluation.clone())} profile={Ptr(doc.profile.clone())} />
        },
        (Screen::Review, _) => html! {
            <ReviewDesk rows={Ptr(state.review.rows.clone())} unreadable={Ptr(state.review.unreadable.clone())}
                sort={state.review.sort} filter={state.review.filter.clone()} profiles={state.profiles.clone()} />
        },
        _ => {
            html! { <StartScreen profiles={state.profiles.clone()} drafts={state.drafts.clone()} /> }
        }
    };
    html! {
        <ContextProvider<Dispatch> context={dispatch.clone()}>
            <ContextProvider<Lang> context={state.lang}>
                <a class="skip-link" href="#main">{ w.skip_to_content }</a>
                <header class="topbar">
                    <span class="brand">{ w.app_title }</span>
                    <button type="button" class="lang-switch" onclick={switch} aria-label={w.lang_switch_label} lang={if state.lang == Lang::Zh { "en" } else { "zh-CN" }}>{ w.lang_switch }</button>
                </header>
                <Notices import_report={state.import_report.clone()} notice={state.notice.clone()} form={state.doc.as_ref().map(|d| Ptr(d.form.clone()))} />
                { body }
            </ContextProvider<Lang>>
        </ContextProvider<Dispatch>>
    }
}
