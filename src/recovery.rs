//! If the app ever panics, the page is replaced by a recovery screen: it says what happened and offers
//! the last saved state of the open form (saved within a second of every change) as a JSON download,
//! so that no work is lost. The screen is built with DOM calls and text nodes only.

use crate::browser;
use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before the app mounts (through Yew, which otherwise installs
/// its own hook when it first renders).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Ziping stopped: {message}").into());
        show(&message);
    }));
}

fn show(message: &str) {
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
    let saved = browser::storage::open_draft_id().and_then(|id| browser::storage::load_draft(&id));
    let parts = [
        el("h1", "Ziping 自评 遇到了问题 · Ziping ran into a problem"),
        el("p", "您的表单在每次修改后都已保存在本浏览器中。请下载最近保存的表单，然后重新加载页面。"),
        el("p", "Your form was saved in this browser after every change. Download the last saved state, then reload the page."),
        el("pre", message),
    ];
    for p in parts.into_iter().flatten() {
        main.append_child(&p).ok();
    }
    if let Some(text) = saved {
        if let Some(button) = el(
            "button",
            "下载最近保存的表单 · Download the last saved form",
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
