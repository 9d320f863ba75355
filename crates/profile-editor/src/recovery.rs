//! Should the profile editor ever stop — a panic, or a trap of the WebAssembly — the page is replaced
//! by a screen that says so and offers the profile being written, as the last change left it, as a
//! file to download. Built with DOM calls and text nodes only.
//!
//! A panic reaches [`show`] through the panic hook; a trap reaches JavaScript as a
//! `WebAssembly.RuntimeError`, and `static/loader.js` calls [`ziping_recover`].

use crate::words::profile_words;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::wasm_bindgen;
use ziping_app_state::{Lang, ProfilePage};

thread_local! {
    /// The file of the profile being written, as the last change left it, and the page's language.
    static LATEST: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    static LANG: Cell<Lang> = const { Cell::new(Lang::Zh) };
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Installs the panic hook. Call once, before the page mounts.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Ziping's profile editor stopped: {message}").into());
        show(&message);
    }));
}

/// Test builds only (feature `panic-test`): `window.__zipingProfilesPanic()` panics, so that an
/// end-to-end test can check the recovery screen. `make dist` never enables it.
#[cfg(feature = "panic-test")]
pub fn install_test_hook() {
    let force = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        panic!("forced by the test build (window.__zipingProfilesPanic)")
    });
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__zipingProfilesPanic".into(), force.as_ref());
    }
    force.forget();
}

/// Called by the store after each action: remembers the profile being written.
pub fn after(state: &ProfilePage) {
    LANG.with(|l| l.set(state.lang));
    let latest = state.editor.as_ref().map(|ed| {
        let id = ed.draft.text(&ziping_engine::path::DocPath::at("id"));
        (id, ed.draft.file())
    });
    LATEST.with(|l| *l.borrow_mut() = latest);
}

/// The recovery screen for a trap (called by `static/loader.js`).
#[wasm_bindgen]
pub fn ziping_recover(message: String) {
    show(&message);
}

fn show(message: &str) {
    if SHOWN.with(|s| s.replace(true)) {
        return;
    }
    let w = profile_words(LANG.with(Cell::get));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let el = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(main) = el("main", "") else { return };
    main.set_class_name("recovery");
    let _ = main.set_attribute("role", "alert");
    for (tag, text) in [("h1", w.stopped), ("p", w.stopped_hint), ("pre", message)] {
        if let Some(e) = el(tag, text) {
            let _ = main.append_child(&e);
        }
    }
    if let Some((id, text)) = LATEST.with(|l| l.borrow().clone()) {
        if let Some(button) = el("button", w.download_draft) {
            let name = format!("{}.json", crate::editor::safe_name(&id));
            let click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let _ = ziping_browser::files::download(&name, &text, "application/json");
            });
            let _ = button.add_event_listener_with_callback(
                "click",
                wasm_bindgen::JsCast::unchecked_ref(click.as_ref()),
            );
            click.forget();
            let _ = button.set_attribute("data-testid", "pe-recover");
            let _ = main.append_child(&button);
        }
    }
    body.set_text_content(None);
    let _ = body.append_child(&main);
}
