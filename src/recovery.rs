//! If the app ever stops — a panic, or a trap of the WebAssembly (out of memory, a stack overflow) —
//! the page is replaced by a recovery screen: it says what happened and offers the open form as a JSON
//! download, **with the latest edit**: the form as the last change left it (saved or not), and the
//! edit that was being applied when the app stopped, if it stopped while applying one. The form as
//! the last change left it is also written to its draft, so that a reload brings it back. The screen
//! is built with DOM calls and text nodes only.
//!
//! A panic reaches [`show`] through the panic hook. A trap is not a panic: it reaches JavaScript as a
//! `WebAssembly.RuntimeError`, and `static/loader.js` calls [`ziping_recover`] (or, should that fail
//! too, shows a screen of its own with the last saved draft).

use crate::browser;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use ziping_app_state::{Action, AppState, DocAction, DraftMeta};
use ziping_engine::path::FieldPath;
use ziping_engine::{Form, Profile};

/// The open form as the last change left it, with what is needed to finish the edit under way.
struct Latest {
    id: String,
    form: Rc<Form>,
    profile: Rc<Profile>,
    read_only: bool,
}

thread_local! {
    static LATEST: RefCell<Option<Latest>> = const { RefCell::new(None) };
    /// The edit being applied (set before the reducer runs, cleared after).
    static IN_FLIGHT: RefCell<Option<(FieldPath, String)>> = const { RefCell::new(None) };
    /// This tab's id, for its claim on the draft it writes.
    static TAB: RefCell<String> = const { RefCell::new(String::new()) };
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Installs the panic hook. Call once, before the app mounts (through Yew, which otherwise installs
/// its own hook when it first renders).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Ziping stopped: {message}").into());
        show(&message);
    }));
}

/// The tab this page is, for its claim on the draft the recovery screen writes.
pub fn set_tab(tab: &str) {
    TAB.with(|t| *t.borrow_mut() = tab.to_string());
}

/// Called by the store before it reduces `action`: an edit is remembered until it is applied.
pub fn before(action: &Action) {
    let edit = match action {
        Action::Document(DocAction::Set { path, value }) => Some((path.clone(), value.clone())),
        _ => None,
    };
    IN_FLIGHT.with(|f| *f.borrow_mut() = edit);
}

/// Called by the store after it reduced an action: the open form as it now is.
pub fn after(state: &AppState) {
    IN_FLIGHT.with(|f| f.borrow_mut().take());
    let latest = state.doc.as_ref().map(|d| Latest {
        id: d.id.clone(),
        form: d.form.clone(),
        profile: d.profile.clone(),
        read_only: d.read_only,
    });
    LATEST.with(|l| *l.borrow_mut() = latest);
}

/// Test builds only: the next edit stops the app while it is applied — with a panic, or with a trap
/// that is not a panic (`window.ziping.__stopNextEdit("panic" | "trap")`).
#[cfg(feature = "panic-test")]
pub fn ask_to_stop(how: String) {
    STOP.with(|s| *s.borrow_mut() = Some(how));
}

#[cfg(feature = "panic-test")]
thread_local! {
    static STOP: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[cfg(feature = "panic-test")]
pub fn stop_if_asked() {
    let editing = IN_FLIGHT.with(|f| f.borrow().is_some());
    if !editing {
        return;
    }
    match STOP.with(|s| s.borrow_mut().take()).as_deref() {
        Some("trap") => trap(),
        Some(_) => panic!("stopped by the test while applying an edit"),
        None => {}
    }
}

/// Test builds only: a trap of the WebAssembly that is not a panic (no hook runs).
#[cfg(feature = "panic-test")]
pub fn trap() {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
}

/// Shows the recovery screen for a trap of the WebAssembly (called by `static/loader.js`).
#[wasm_bindgen]
pub fn ziping_recover(message: String) {
    web_sys::console::error_1(&format!("Ziping stopped: {message}").into());
    show(&message);
}

/// The form to offer, as file text: the latest one with the edit under way applied (its number
/// fields keep what was typed), else the last saved draft. Also writes the latest form (without the
/// edit under way, which may be what stopped the app) to its draft.
fn latest_text() -> Option<String> {
    let latest = LATEST
        .try_with(|l| {
            l.try_borrow().ok().and_then(|l| {
                l.as_ref()
                    .map(|l| (l.id.clone(), l.form.clone(), l.profile.clone(), l.read_only))
            })
        })
        .ok()
        .flatten();
    let edit = IN_FLIGHT
        .try_with(|f| f.try_borrow().ok().and_then(|f| f.clone()))
        .ok()
        .flatten();
    let Some((id, form, profile, read_only)) = latest else {
        return browser::storage::open_draft_id().and_then(|id| browser::storage::load_draft(&id));
    };
    if !read_only {
        let tab = TAB.try_with(|t| t.borrow().clone()).unwrap_or_default();
        if browser::storage::claim(&id, &tab) {
            let meta = DraftMeta {
                id,
                title: format!("{} {}", form.header.year, form.header.project)
                    .trim()
                    .to_string(),
                profile: form.profile.clone(),
                updated: browser::page::now(),
            };
            let _ = browser::storage::save_draft(&meta, &ziping_engine::to_json(&form));
        }
    }
    let mut form = (*form).clone();
    if let Some((path, value)) = edit {
        let _ = path.set(&mut form, &value, &profile);
    }
    Some(ziping_engine::to_json(&form))
}

fn show(message: &str) {
    // Once: a panic ends in a trap, which reaches the page's handler too.
    if SHOWN.try_with(|s| s.replace(true)).unwrap_or(true) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let el = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    body.set_text_content(None);
    let Ok(main) = document.create_element("main") else {
        return;
    };
    main.set_class_name("recovery");
    main.set_attribute("role", "alert").ok();
    let saved = latest_text();
    let parts = [
        el("h1", "Ziping 自评 遇到了问题 · Ziping ran into a problem"),
        el("p", "您的表单已保存在本浏览器中。请下载表单（含最后一次修改），然后重新加载页面。"),
        el("p", "Your form is saved in this browser. Download it (with your last edit), then reload the page."),
        el("pre", message),
    ];
    for p in parts.into_iter().flatten() {
        main.append_child(&p).ok();
    }
    if let Some(text) = saved {
        if let Some(button) = el(
            "button",
            "下载表单（含最后一次修改） · Download the form (with the last edit)",
        ) {
            let on_click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let _ =
                    browser::files::download("ziping-recovered.json", &text, "application/json");
            });
            button
                .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
                .ok();
            on_click.forget();
            main.append_child(&button).ok();
        }
    }
    if let Some(reload) = el("button", "重新加载 · Reload") {
        let on_click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        reload
            .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
            .ok();
        on_click.forget();
        main.append_child(&reload).ok();
    }
    body.append_child(&main).ok();
}
