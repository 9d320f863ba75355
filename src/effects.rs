//! What the app does to the browser around the pure reducer: this browser's storage (drafts), files
//! (import and export), the clipboard, and the clock. Every failure is returned as a message for the
//! user, never a panic.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use ziping_app_state::DraftMeta;

const INDEX_KEY: &str = "ziping:drafts";
const DRAFT_PREFIX: &str = "ziping:draft:";
const OPEN_KEY: &str = "ziping:open";
const LANG_KEY: &str = "ziping:lang";
const PROFILES_KEY: &str = "ziping:profiles";
const RECOVERED_PREFIX: &str = "ziping:recovered:";
const LOCK_PREFIX: &str = "ziping:lock:";
/// A tab that has not refreshed its claim on a draft for this long has gone.
const LOCK_STALE_MS: u64 = 6_000;

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(describe)?
        .ok_or_else(|| "this browser's storage is switched off".to_string())
}

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

/// The drafts saved in this browser, newest first. Entries that cannot be read are skipped.
pub fn load_index() -> Vec<DraftMeta> {
    let Ok(s) = storage() else { return Vec::new() };
    let Ok(Some(text)) = s.get_item(INDEX_KEY) else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(&text)
    else {
        return Vec::new();
    };
    let mut list: Vec<DraftMeta> = items
        .iter()
        .filter_map(|v| {
            Some(DraftMeta {
                id: v.get("id")?.as_str()?.to_string(),
                title: v.get("title")?.as_str()?.to_string(),
                profile: v.get("profile")?.as_str()?.to_string(),
                updated: v.get("updated")?.as_u64()?,
            })
        })
        .collect();
    list.sort_by_key(|d| std::cmp::Reverse(d.updated));
    list
}

fn save_index(list: &[DraftMeta]) -> Result<(), String> {
    let items: Vec<serde_json::Value> = list
        .iter()
        .map(|d| serde_json::json!({"id": d.id, "title": d.title, "profile": d.profile, "updated": d.updated}))
        .collect();
    storage()?
        .set_item(INDEX_KEY, &serde_json::Value::Array(items).to_string())
        .map_err(describe)
}

/// Saves a draft's file text and lists it in the index. The error says why (e.g. storage full).
pub fn save_draft(meta: &DraftMeta, text: &str) -> Result<(), String> {
    let s = storage()?;
    s.set_item(&format!("{DRAFT_PREFIX}{}", meta.id), text)
        .map_err(describe)?;
    let mut list = load_index();
    list.retain(|d| d.id != meta.id);
    list.insert(0, meta.clone());
    save_index(&list)
}

/// A saved draft's file text.
pub fn load_draft(id: &str) -> Option<String> {
    storage()
        .ok()?
        .get_item(&format!("{DRAFT_PREFIX}{id}"))
        .ok()?
}

/// Removes a draft; returns its text, so that the deletion can be undone.
pub fn delete_draft(id: &str) -> Option<String> {
    let text = load_draft(id);
    if let Ok(s) = storage() {
        let _ = s.remove_item(&format!("{DRAFT_PREFIX}{id}"));
    }
    let mut list = load_index();
    list.retain(|d| d.id != id);
    let _ = save_index(&list);
    text
}

/// Remembers which draft is open, so that a reload brings it back.
pub fn remember_open(id: Option<&str>) {
    if let Ok(s) = storage() {
        let _ = match id {
            // Called after every change: written only when it changes (a write reaches other tabs).
            Some(id) if s.get_item(OPEN_KEY).ok().flatten().as_deref() == Some(id) => Ok(()),
            Some(id) => s.set_item(OPEN_KEY, id),
            None => s.remove_item(OPEN_KEY),
        };
    }
}

pub fn open_draft_id() -> Option<String> {
    storage().ok()?.get_item(OPEN_KEY).ok()?
}

pub fn remember_lang(code: &str) {
    if let Ok(s) = storage() {
        let _ = s.set_item(LANG_KEY, code);
    }
}

pub fn saved_lang() -> Option<String> {
    storage().ok()?.get_item(LANG_KEY).ok()?
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    save_blob(name, &JsValue::from_str(text), mime)
}

/// Offers `bytes` (a workbook) as a download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    save_blob(name, &js_sys::Uint8Array::from(bytes), mime)
}

fn save_blob(name: &str, part: &JsValue, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a chosen or dropped file as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Writes text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map_err(describe)?;
    Ok(())
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
    el.scroll_into_view_with_bool(false);
    el.focus().is_ok()
}

/// Keeps an imported profile in this browser (replacing one with the same id).
pub fn save_profile(profile: &ziping_engine::Profile) -> Result<(), String> {
    let mut list = load_profiles();
    list.retain(|p| p.id != profile.id);
    list.push(profile.clone());
    let items: Vec<serde_json::Value> = list
        .iter()
        .filter_map(|p| serde_json::from_str(&p.to_json()).ok())
        .collect();
    storage()?
        .set_item(PROFILES_KEY, &serde_json::Value::Array(items).to_string())
        .map_err(describe)
}

/// The profiles imported into this browser; any that no longer validates is skipped.
pub fn load_profiles() -> Vec<ziping_engine::Profile> {
    let Ok(s) = storage() else { return Vec::new() };
    let Ok(Some(text)) = s.get_item(PROFILES_KEY) else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(&text)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|v| ziping_engine::Profile::from_json(&v.to_string()).ok())
        .collect()
}

/// Whether this browser lets the app keep data (it can be switched off, or full).
pub fn storage_available() -> bool {
    let Ok(s) = storage() else { return false };
    let probe = "ziping:probe";
    let ok = s.set_item(probe, "1").is_ok();
    let _ = s.remove_item(probe);
    ok
}

/// Moves a draft that cannot be read out of the way, keeping its text under a recovery key (never
/// deleting it), and takes it off the list. Returns the key.
pub fn set_aside(id: &str) -> Option<String> {
    let s = storage().ok()?;
    let text = load_draft(id)?;
    let key = format!("{RECOVERED_PREFIX}{id}:{}", now());
    s.set_item(&key, &text).ok()?;
    let _ = s.remove_item(&format!("{DRAFT_PREFIX}{id}"));
    let mut list = load_index();
    list.retain(|d| d.id != id);
    let _ = save_index(&list);
    Some(key)
}

/// Claims the draft `id` for this tab: false when another tab claimed it within the last few seconds
/// (it is still open there). Calling it again refreshes the claim.
pub fn claim(id: &str, tab: &str) -> bool {
    let Ok(s) = storage() else { return true };
    let key = format!("{LOCK_PREFIX}{id}");
    if let Ok(Some(text)) = s.get_item(&key) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            let other = v.get("tab").and_then(|t| t.as_str()).unwrap_or("");
            let at = v.get("at").and_then(|a| a.as_u64()).unwrap_or(0);
            if other != tab && now().saturating_sub(at) < LOCK_STALE_MS {
                return false;
            }
        }
    }
    let _ = s.set_item(
        &key,
        &serde_json::json!({"tab": tab, "at": now()}).to_string(),
    );
    true
}

/// Gives up this tab's claim on the draft `id`.
pub fn release(id: &str, tab: &str) {
    let Ok(s) = storage() else { return };
    let key = format!("{LOCK_PREFIX}{id}");
    if let Ok(Some(text)) = s.get_item(&key) {
        if text.contains(&format!("\"tab\":\"{tab}\"")) {
            let _ = s.remove_item(&key);
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
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
    scroll_to_top();
}
