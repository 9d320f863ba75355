//! The profile editor page's root component: holds the one reducer (`ProfilePage`), provides the
//! contexts (the sender of actions, the language), and performs the effects around it: what this
//! browser keeps at start, the address (`#new=<built-in>`, `#edit=<id>`), writing saved profiles
//! back, the sample draft, and the page's language.

use crate::editor::ProfileEditorView;
use crate::words::{profile_words, ProfileWords};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use ziping_app_state::notices::Notice;
use ziping_app_state::{Lang, ProfileAction, ProfilePage};
use ziping_browser::{page, storage};

/// Sends an action to the page's reducer (from the context the page provides).
pub type Sender = Callback<ProfileAction>;

#[hook]
pub fn use_sender() -> Sender {
    use_context::<Sender>().unwrap_or_default()
}

/// Shared data compared by identity, as in the app's store.
pub struct Ptr<T>(pub Rc<T>);

impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(self.0.clone())
    }
}

impl<T> PartialEq for Ptr<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

#[derive(PartialEq)]
struct Store(ProfilePage);

impl Reducible for Store {
    type Action = ProfileAction;

    fn reduce(self: Rc<Self>, action: ProfileAction) -> Rc<Self> {
        let next = self.0.reduce(action);
        crate::recovery::after(&next);
        Rc::new(Store(next))
    }
}

/// What the address asks for: `#new=<built-in id>` or `#edit=<id>`.
fn asked() -> Option<ProfileAction> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let (what, id) = hash.strip_prefix('#')?.split_once('=')?;
    let id: String = js_sys::decode_uri_component(id).ok()?.into();
    match what {
        "new" => Some(ProfileAction::New { base: id }),
        "edit" => Some(ProfileAction::Edit { id }),
        _ => None,
    }
}

/// Asks the user (the browser's own dialog); `true` where there is no window to ask in.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(true)
}

/// Back to the app's page.
pub fn leave() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign("../");
    }
}

#[function_component]
pub fn Page() -> Html {
    let store = use_reducer(|| {
        let lang = storage::saved_lang()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default();
        Store(ProfilePage::new(lang))
    });
    let send: Sender = {
        let d = store.dispatcher();
        use_memo((), move |_| Callback::from(move |a| d.dispatch(a)))
            .as_ref()
            .clone()
    };
    let state = &store.0;
    // At start: what this browser keeps, then what the address asks for.
    {
        let send = send.clone();
        use_effect_with((), move |_| {
            let (profiles, _set_aside) = storage::load_profiles();
            send.emit(ProfileAction::Kept {
                profiles,
                drafts: storage::load_index(),
            });
            if let Some(a) = asked() {
                send.emit(a);
            }
        });
    }
    // A new address in the same page (`#edit=…` typed or followed) is acted on as at start; what
    // was not saved is kept unless the user agrees to leave it.
    {
        let send = send.clone();
        let unsaved = use_mut_ref(|| false);
        *unsaved.borrow_mut() = state.editor.as_ref().is_some_and(|e| !e.saved);
        let lang = state.lang;
        use_effect_with((), move |_| {
            let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let asked = asked();
                if asked.is_some()
                    && (!*unsaved.borrow() || confirm(profile_words(lang).close_unsaved))
                {
                    send.emit(asked.unwrap_or(ProfileAction::Dismiss));
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    wasm_bindgen::JsCast::unchecked_ref(on_hash.as_ref()),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        wasm_bindgen::JsCast::unchecked_ref(on_hash.as_ref()),
                    );
                }
            }
        });
    }
    // A saved profile is written to this browser's storage, where the app's page reads it.
    {
        let send = send.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.registry.clone(), move |registry| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                if let Err(e) = storage::save_profiles(registry.custom_sources()) {
                    send.emit(ProfileAction::Failed(ziping_app_state::ImportReport {
                        file: "localStorage".into(),
                        problems: vec![ziping_engine::Problem::file(e.clone(), e)],
                    }));
                }
            }
        });
    }
    // A new editor with a blank sample takes the newest draft of its layout this browser holds.
    {
        let send = send.clone();
        let key = state
            .editor
            .as_ref()
            .map(|e| (e.draft.base().to_string(), e.origin.clone()));
        let wanted = state
            .editor
            .as_ref()
            .and_then(|e| e.sample_wanted(&state.drafts))
            .cloned();
        use_effect_with(key, move |_| {
            if let Some(meta) = wanted {
                if let Some(text) = storage::load_draft(&meta.id) {
                    send.emit(ProfileAction::Sample {
                        name: meta.title,
                        text,
                    });
                }
            }
        });
    }
    let lang = state.lang;
    let pw = profile_words(lang);
    use_effect_with(lang, move |lang| {
        page::follow_lang(*lang, profile_words(*lang).title)
    });
    let switch = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(ProfileAction::SetLang(match lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }))
        })
    };
    html! {
        <ContextProvider<Sender> context={send.clone()}>
            <ContextProvider<Lang> context={lang}>
                <a class="skip-link" href="#main">{ pw.skip }</a>
                <header class="topbar">
                    <a class="brand" href="../">{ pw.app_title }</a>
                    <button type="button" class="lang-switch" onclick={switch} aria-label={pw.lang_switch_label} lang={if lang == Lang::Zh { "en" } else { "zh-CN" }}>{ pw.lang_switch }</button>
                </header>
                { notices(state, pw, lang, &send) }
                if let Some(ed) = &state.editor {
                    <ProfileEditorView editor={Ptr(ed.clone())} drafts={state.drafts.clone()} />
                } else {
                    <Chooser registry={state.registry.clone()} />
                }
            </ContextProvider<Lang>>
        </ContextProvider<Sender>>
    }
}

fn notices(state: &ProfilePage, pw: &ProfileWords, lang: Lang, send: &Sender) -> Html {
    let dismiss = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(ProfileAction::Dismiss))
    };
    let report = state.import_report.as_ref().map(|r| {
        html! {
            <section class="notice error" role="alert" data-testid="pe-import-report">
                <h2>{ format!("{}：{}", pw.import_failed, r.file) }</h2>
                <ul class="problems">
                    { for r.problems.iter().map(|p| html! {
                        <li>
                            if !p.path.is_file() { <code class="problem-path">{ p.path.to_string() }</code>{ " " } }
                            { p.message.get(lang) }
                        </li>
                    }) }
                </ul>
                <p>{ pw.nothing_changed }</p>
                <button type="button" onclick={dismiss.clone()}>{ pw.dismiss }</button>
            </section>
        }
    });
    let notice = state.notice.as_ref().map(|n| {
        let (text, error) = match n {
            Notice::Info(t) => (t.clone(), false),
            Notice::Failed(t) => (t.get(lang).to_string(), true),
            _ => (String::new(), false),
        };
        html! {
            <section class={classes!("notice", error.then_some("error"))} role={if error { "alert" } else { "status" }} data-testid="pe-notice">
                <p>{ text }</p>
                <button type="button" onclick={dismiss.clone()}>{ pw.dismiss }</button>
            </section>
        }
    });
    html! { <>{ for report }{ for notice }</> }
}

#[derive(Properties, PartialEq)]
struct ChooserProps {
    registry: ziping_engine::Registry,
}

/// Where to start, when the address asks for nothing (or for a profile this browser does not keep).
#[function_component]
fn Chooser(p: &ChooserProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let pw = profile_words(lang);
    let send = use_sender();
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
    let start = {
        let (base, send) = (base.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            send.emit(ProfileAction::New {
                base: (*base).clone(),
            })
        })
    };
    let open_file = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            crate::editor::read_first(el.files(), send.clone(), |file, text| ProfileAction::Open {
                file,
                text,
            });
            el.set_value("");
        })
    };
    html! {
        <main id="main" class="start pe-start" tabindex="-1">
            <h1 class="app-title">{ pw.title }</h1>
            <p class="lead">{ pw.new_profile_hint }</p>
            <div class="start-grid">
                <section class="card" aria-labelledby="pe-new-h">
                    <h2 id="pe-new-h">{ pw.start_from }</h2>
                    <p>
                        <label class="visually-hidden" for="pe-base">{ pw.start_from }</label>
                        <select id="pe-base" onchange={on_base}>
                            { for p.registry.builtins().iter().map(|b| html! {
                                <option value={b.id.clone()} selected={*base == b.id}>{ b.name.get(lang) }</option>
                            }) }
                        </select>
                    </p>
                    <p><button type="button" class="primary" onclick={start} data-testid="pe-new">{ pw.new_profile }</button></p>
                    <p>
                        <label class="button secondary" for="pe-open-start">{ pw.open_file }</label>
                        <input id="pe-open-start" class="file-input" type="file" accept=".json,application/json" onchange={open_file} />
                    </p>
                </section>
                <section class="card" aria-labelledby="pe-kept-h">
                    <h2 id="pe-kept-h">{ pw.kept }</h2>
                    <p class="hint">{ pw.start_hint }</p>
                    if p.registry.custom().is_empty() {
                        <p>{ pw.none_kept }</p>
                    } else {
                        <ul class="profile-list">
                            { for p.registry.custom().iter().map(|profile| {
                                let (send, id) = (send.clone(), profile.id.clone());
                                let onclick = Callback::from(move |_: MouseEvent| send.emit(ProfileAction::Edit { id: id.clone() }));
                                html! {
                                    <li>
                                        <button type="button" {onclick} data-pe-edit={profile.id.clone()}>{ pw.edit }</button>
                                        <span class="profile-name">{ profile.name.get(lang) }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                </section>
            </div>
            <p><a href="../" data-testid="pe-back">{ pw.back }</a></p>
        </main>
    }
}
