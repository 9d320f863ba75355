//! The root component: holds the one reducer, provides the contexts, and performs the effects around
//! it, each a hook of its own: loading what this browser keeps at start, one tab per draft, saving
//! every change within a second (and at once when the page is left), keeping imported profiles,
//! keyboard undo and redo, and the page language.

use crate::browser::{link, page, storage};
use crate::components::editor::{Editor, SaveStatus};
use crate::components::notices::Notices;
use crate::components::print::PrintView;
use crate::components::review::ReviewDesk;
use crate::components::start::{open_saved, StartScreen};
use crate::i18n::words;
use crate::store::{Act, Dispatch, Ptr, Store};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::{Interval, Timeout};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use ziping_app_state::share;
use ziping_app_state::{
    AppState, DocAction, DraftMeta, Lang, LibraryAction, Notice, NoticeAction, Screen,
};
use ziping_engine::model::Form;

/// How long after the last change the draft is saved.
const SAVE_DELAY_MS: u32 = 300;
/// How often a tab refreshes its claim on the draft it edits.
const CLAIM_EVERY_MS: u32 = 2_000;

/// A save waiting for its delay: what to save. Done at once if the page is left first.
type Pending = Rc<RefCell<Option<(DraftMeta, Rc<Form>)>>>;

fn initial_lang() -> Lang {
    storage::saved_lang()
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

#[function_component]
pub fn App() -> Html {
    let store = use_reducer(|| Store(AppState::new(initial_lang())));
    let dispatch: Dispatch = store.dispatcher();
    let state = &store.0;
    let tab = use_memo((), |_| {
        let tab = page::new_id();
        crate::recovery::set_tab(&tab);
        tab
    });
    let pending: Pending = use_mut_ref(|| None);

    use_startup(dispatch.clone());
    use_links(dispatch.clone());
    use_one_tab_per_draft(state, &tab, dispatch.clone());
    use_save_on_leave(pending.clone(), (*tab).clone());
    let save = use_autosave(state, &tab, pending, dispatch.clone());
    use_kept_profiles(state);
    use_undo_keys(dispatch.clone());
    use_page_lang(state.lang);

    let w = words(state.lang);
    let switch = {
        let (dispatch, lang) = (dispatch.clone(), state.lang);
        Callback::from(move |_: MouseEvent| {
            dispatch.act(ziping_app_state::Action::SetLang(match lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }))
        })
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
                { screen(state, save) }
            </ContextProvider<Lang>>
        </ContextProvider<Dispatch>>
    }
}

/// The screen the state shows.
fn screen(state: &AppState, save: SaveStatus) -> Html {
    match (&state.screen, &state.doc) {
        (Screen::Editor, Some(doc)) => html! {
            <Editor id={doc.id.clone()} form={Ptr(doc.form.clone())} evaluation={Ptr(doc.evaluation.clone())} profile={Ptr(doc.profile.clone())}
                can_undo={doc.can_undo()} can_redo={doc.can_redo()} read_only={doc.read_only}
                save={save} focus={state.focus.clone()} from_review={state.from_review} shared={state.shared} registry={state.registry.clone()} />
        },
        (Screen::Print, Some(doc)) => html! {
            <PrintView form={Ptr(doc.form.clone())} evaluation={Ptr(doc.evaluation.clone())} profile={Ptr(doc.profile.clone())} />
        },
        (Screen::Review, _) => html! {
            <ReviewDesk rows={Ptr(state.review.rows.clone())} unreadable={Ptr(state.review.unreadable.clone())}
                sort={state.review.sort} filter={state.review.filter.clone()} registry={state.registry.clone()} />
        },
        _ => {
            html! { <StartScreen registry={state.registry.clone()} drafts={state.drafts.clone()} /> }
        }
    }
}

/// At start: the profiles this browser keeps (setting aside those that no longer read), the drafts,
/// whether storage works, and the draft that was open when the page was left.
#[hook]
fn use_startup(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let (profiles, aside) = storage::load_profiles();
        dispatch.act(LibraryAction::KeptProfiles(profiles));
        if !aside.is_empty() {
            dispatch.act(NoticeAction::Show(Some(Notice::ProfilesSetAside(aside))));
        }
        let (drafts, put_back) = storage::load_index_repaired();
        dispatch.act(LibraryAction::Drafts(drafts));
        if put_back > 0 {
            dispatch.act(NoticeAction::Show(Some(Notice::DraftsPutBack(put_back))));
        }
        if !storage::storage_available() {
            dispatch.act(NoticeAction::Show(Some(Notice::StorageOff)));
        }
        // A link to a form (`#f=…`) is shown first; the draft open when the page was left stays
        // in the list, untouched.
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if share::payload(&hash).is_some() {
            open_link(dispatch, hash, false);
        } else if let Some(id) = storage::open_draft_id() {
            open_saved(&dispatch.clone().into(), &id, false);
        }
    });
}

/// Opens the form in a link's fragment read-only, or says why the link cannot be read. The link
/// leaves the address bar once read, so that a reload (or Back) shows the page, not the link again;
/// nothing in this browser's drafts is touched. `replace`: the notice shown is replaced (a link
/// pasted into the open page), else kept (the start's own notices, e.g. storage switched off).
fn open_link(dispatch: Dispatch, hash: String, replace: bool) {
    link::forget_link_in_address();
    if replace {
        dispatch.act(NoticeAction::Show(None));
    }
    wasm_bindgen_futures::spawn_local(async move {
        match link::form_in(&hash).await {
            Ok(bytes) => dispatch.act(DocAction::OpenShared {
                id: page::new_id(),
                bytes,
            }),
            Err(e) => dispatch.act(NoticeAction::Show(Some(Notice::Failed(e)))),
        }
    });
}

/// A link pasted into the address bar of the open page (only its fragment changes, the page does not
/// load again) is opened too.
#[hook]
fn use_links(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "hashchange", move |_| {
                let hash = web_sys::window()
                    .and_then(|w| w.location().hash().ok())
                    .unwrap_or_default();
                if share::payload(&hash).is_some() {
                    open_link(dispatch.clone(), hash, true);
                }
            })
        });
        move || drop(listener)
    });
}

/// One draft is edited in one tab: this tab claims the open draft, refreshes the claim every two
/// seconds, and shows the draft read-only (and says why) when another live tab holds it. The claim
/// is given up when the page is left (closed or reloaded), so that a reload at any moment reopens
/// the draft editable.
#[hook]
fn use_one_tab_per_draft(state: &AppState, tab: &Rc<String>, dispatch: Dispatch) {
    let doc_key = state.doc.as_ref().map(|d| (d.id.clone(), d.read_only));
    let tab = tab.clone();
    use_effect_with(doc_key, move |key| {
        let mut beat = None;
        let mut held = None;
        let mut leave = None;
        if let Some((id, false)) = key {
            if !storage::claim(id, &tab) {
                refuse(&dispatch);
            } else {
                held = Some(id.clone());
                let (id, tab) = (id.clone(), tab.clone());
                leave = web_sys::window().map(|w| {
                    let (id, tab) = (id.clone(), tab.clone());
                    EventListener::new(&w, "pagehide", move |_| storage::release(&id, &tab))
                });
                beat = Some(Interval::new(CLAIM_EVERY_MS, move || {
                    if !storage::claim(&id, &tab) {
                        refuse(&dispatch);
                    }
                }));
            }
        }
        move || {
            drop(beat);
            drop(leave);
            if let Some(id) = held {
                storage::release(&id, &tab);
            }
        }
    });
}

/// The open draft is held by another tab: show it read-only, and say why.
fn refuse(dispatch: &Dispatch) {
    dispatch.act(DocAction::ReadOnly(true));
    dispatch.act(NoticeAction::Show(Some(Notice::OpenElsewhere)));
}

/// A save that is still waiting when the page is left (closed, reloaded) is done at once.
#[hook]
fn use_save_on_leave(pending: Pending, tab: String) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "pagehide", move |_| {
                if let Some((meta, form)) = pending.borrow_mut().take() {
                    if storage::claim(&meta.id, &tab) {
                        let _ = storage::save_draft(&meta, &ziping_engine::to_json(&form));
                    }
                    storage::release(&meta.id, &tab);
                }
            })
        });
        move || drop(listener)
    });
}

/// Every change is saved shortly after it is made, and the open draft is remembered for a reload.
/// Gives what the save status shows: a change waiting to be saved reads "saving" from its own
/// render on, without a second render of the page to say so.
#[hook]
fn use_autosave(
    state: &AppState,
    tab: &Rc<String>,
    pending: Pending,
    dispatch: Dispatch,
) -> SaveStatus {
    let save = use_state(|| SaveStatus::Saved);
    // The change (draft id, revision) the save status was last settled for.
    let settled = use_mut_ref(|| None::<(String, u64)>);
    let doc = state.doc.as_ref();
    let key = doc.map(|d| (d.id.clone(), d.revision, d.read_only, state.shared));
    let form = doc.map(|d| d.form.clone());
    let listed = doc.is_some_and(|d| state.drafts.iter().any(|m| m.id == d.id));
    {
        // The form closed (back to the start page or the desk) or another one opened: a save still
        // waiting for its 300 ms is done at once, never dropped.
        let (pending, tab, dispatch) = (pending.clone(), (**tab).clone(), dispatch.clone());
        use_effect_with(doc.map(|d| d.id.clone()), move |id| {
            let id = id.clone();
            move || {
                let waiting = pending
                    .borrow_mut()
                    .take_if(|(meta, _)| Some(&meta.id) == id.as_ref());
                if let Some((meta, form)) = waiting {
                    let _ = save_now(meta, &form, &tab, &dispatch);
                }
            }
        });
    }
    {
        let (save, settled, tab) = (save.clone(), settled.clone(), (**tab).clone());
        use_effect_with(key, move |key| {
            let mut timer = None;
            match (key, form) {
                (Some((id, revision, false, _)), Some(form)) => {
                    storage::remember_open(Some(id));
                    if *revision > 0 || !listed {
                        let meta = DraftMeta {
                            id: id.clone(),
                            title: format!("{} {}", form.header.year, form.header.project)
                                .trim()
                                .to_string(),
                            profile: form.profile.clone(),
                            updated: page::now(),
                        };
                        *pending.borrow_mut() = Some((meta.clone(), form.clone()));
                        let change = (id.clone(), *revision);
                        timer = Some(Timeout::new(SAVE_DELAY_MS, move || {
                            pending.borrow_mut().take();
                            *settled.borrow_mut() = Some(change);
                            save.set(save_now(meta, &form, &tab, &dispatch));
                        }));
                    }
                }
                // A form of a link is remembered nowhere.
                (Some((id, _, true, false)), _) => storage::remember_open(Some(id)),
                _ => {}
            }
            // A newer change replaces the pending save.
            move || drop(timer)
        });
    }
    match state.doc.as_ref() {
        Some(d)
            if !d.read_only
                && (d.revision > 0 || !state.drafts.iter().any(|m| m.id == d.id))
                && settled.borrow().as_ref().map(|(id, r)| (id.as_str(), *r))
                    != Some((d.id.as_str(), d.revision)) =>
        {
            SaveStatus::Saving
        }
        _ => (*save).clone(),
    }
}

/// Saves the draft now, unless another tab holds it (never overwrite what another tab edits).
fn save_now(meta: DraftMeta, form: &Form, tab: &str, dispatch: &Dispatch) -> SaveStatus {
    if !storage::claim(&meta.id, tab) {
        refuse(dispatch);
        return SaveStatus::Saving;
    }
    let meta = DraftMeta {
        updated: page::now(),
        ..meta
    };
    match storage::save_draft(&meta, &ziping_engine::to_json(form)) {
        Ok(()) => {
            dispatch.act(LibraryAction::Drafts(storage::load_index()));
            SaveStatus::Saved
        }
        Err(e) => {
            dispatch.act(NoticeAction::Show(Some(Notice::SaveFailed(e.clone()))));
            SaveStatus::Failed(e)
        }
    }
}

/// The imported profiles are kept in this browser as the state holds them, and `window.ziping`
/// reads forms with the same registry.
#[hook]
fn use_kept_profiles(state: &AppState) {
    let first = use_mut_ref(|| true);
    use_effect_with(state.registry.clone(), move |registry| {
        crate::js_api::set_registry(registry);
        // At start the list comes from storage: nothing to write back.
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            let _ = storage::save_profiles(registry.custom_sources());
        }
    });
}

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, everywhere on the page.
#[hook]
fn use_undo_keys(dispatch: Dispatch) {
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
                    let action = match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                        ("z", false) => DocAction::Undo,
                        ("z", true) | ("y", false) => DocAction::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.act(action);
                },
            )
        });
        move || drop(listener)
    });
}

/// The page's language follows the switch, and is remembered.
#[hook]
fn use_page_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        storage::remember_lang(lang.code());
        page::set_lang(*lang);
    });
}
