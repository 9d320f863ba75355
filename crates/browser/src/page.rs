//! The page itself: the clock, new ids, focus and scrolling, printing, and JavaScript errors as text.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// A JavaScript error as text.
pub fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Milliseconds since 1970.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// A new draft id, unique in this browser: the time, and a random part.
pub fn new_id() -> String {
    format!(
        "d{}{:04}",
        now(),
        (js_sys::Math::random() * 10_000.0) as u32
    )
}

/// As [`focus_field`], or where no input has that path (a problem of a whole list, `blocks[0].rows`),
/// the first input inside it.
pub fn focus_field_within(path: &str) -> bool {
    if focus_field(path) {
        return true;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let selector = format!(
        "[data-path^=\"{}\"]",
        path.replace('\\', "\\\\").replace('"', "\\\"")
    );
    match document.query_selector(&selector) {
        Ok(Some(el)) => el
            .get_attribute("data-path")
            .is_some_and(|p| focus_field(&p)),
        _ => false,
    }
}

/// Moves keyboard focus to the input of a field (by its `data-path`) and scrolls it into view.
pub fn focus_field(path: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let selector = format!(
        "[data-path=\"{}\"]",
        path.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let Ok(Some(el)) = document.query_selector(&selector) else {
        return false;
    };
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    // A field folded inside <details> is unfolded first.
    let mut parent = el.parent_element();
    while let Some(p) = parent {
        if let Some(d) = p.dyn_ref::<web_sys::HtmlDetailsElement>() {
            d.set_open(true);
        }
        parent = p.parent_element();
    }
    // In the middle of the view: never under the sticky toolbar, on a phone or at 200 % either.
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    el.focus().is_ok()
}

/// A form just opened: the page at its top, the keyboard on the form's first field that can be
/// edited (on the form's main region when none can).
pub fn focus_first_field() {
    scroll_to_top();
    let first = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("#main [data-path]:not([readonly]):not([disabled])")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match first {
        Some(el) => {
            let _ = el.focus();
        }
        // A read-only form: the keyboard on its main region, the page left at its top (where a
        // form of a link says so).
        None => {
            if let Some(main) = element("main") {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = main.focus_with_options(&options);
            }
        }
    }
}

/// Opens the browser's print dialog for the page (the print view's "Print").
pub fn print() -> Result<(), String> {
    web_sys::window()
        .ok_or("no window")?
        .print()
        .map_err(describe)
}

/// Scrolls the page to its top (a new screen starts there).
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A new screen starts at its top, with the focus on its main region (`#main`), so that keyboard and
/// screen-reader users land on it rather than on a button that is gone.
pub fn show_screen() {
    focus_id("main");
    scroll_to_top();
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus_id(id: &str) {
    if let Some(el) = element(id) {
        let _ = el.focus();
    }
}

/// The page's element with this id.
fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The page's `lang`, so that screen readers and fonts follow the language switch.
pub fn set_lang(lang: ziping_engine::Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let code = match lang {
            ziping_engine::Lang::Zh => "zh-CN",
            ziping_engine::Lang::En => "en",
        };
        let _ = html.set_attribute("lang", code);
    }
}

/// The time `ms` (since 1970) as the browser writes a local date and time in `lang`.
pub fn local_time(ms: u64, lang: ziping_engine::Lang) -> String {
    let locale = match lang {
        ziping_engine::Lang::Zh => "zh-CN",
        ziping_engine::Lang::En => "en-GB",
    };
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
        .to_locale_string(locale, &JsValue::UNDEFINED)
        .into()
}

/// Lets the browser paint: resolves in a new task after the current one.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(w) => {
            if w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_err()
            {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        None => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where the worker whose loader is `name` (`ziping-export_loader.js`) is started from, as the page's
/// loader (static/loader.js, `zipingWorkerUrl`) says: under the service worker, the worker of this
/// page's own build; in the one-file edition, a blob: address. `name` itself when no loader says.
pub fn worker_address(name: &str) -> String {
    let Some(w) = web_sys::window() else {
        return name.to_string();
    };
    js_sys::Reflect::get(&w, &JsValue::from_str("zipingWorkerUrl"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_str(name)).ok())
        .and_then(|a| a.as_string())
        .unwrap_or_else(|| name.to_string())
}

/// The page is the one-file edition (`ziping-offline.html`, opened from a file): it has no pages of
/// its own beside it (profile editor, workbook preview) and no service worker.
pub fn one_file() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("zipingOneFile")).ok())
        .is_some_and(|v| v.is_object())
}

/// Goes to another page of the app (a relative address, `workbook-preview/`).
pub fn go_to(address: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(address);
    }
}

/// A page of its own follows the language chosen: kept for the app and the other pages, the page's
/// `lang`, and its title (`{title} · Ziping 自评`).
pub fn follow_lang(lang: ziping_engine::Lang, title: &str) {
    crate::storage::remember_lang(lang.code());
    set_lang(lang);
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&format!("{title} · Ziping 自评"));
    }
}
