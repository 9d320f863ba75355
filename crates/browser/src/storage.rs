//! This browser's storage (localStorage): the drafts and their index, the open draft, the language,
//! the imported profiles, drafts set aside, and each tab's claim on the draft it edits. Every failure
//! is returned as a message for the user, never a panic.

use crate::page::{describe, now};
use std::rc::Rc;
use ziping_app_state::DraftMeta;
use ziping_engine::Profile;

const INDEX_KEY: &str = "ziping:drafts";
const DRAFT_PREFIX: &str = "ziping:draft:";
const OPEN_KEY: &str = "ziping:open";
const LANG_KEY: &str = "ziping:lang";
const PROFILES_KEY: &str = "ziping:profiles";
const RECOVERED_PREFIX: &str = "ziping:recovered:";
const LOCK_PREFIX: &str = "ziping:lock:";
/// A tab that has not refreshed its claim on a draft for this long has gone.
const LOCK_STALE_MS: u64 = 6_000;
/// How far ahead of this tab's clock another tab's claim may be and still count.
const CLAIM_SKEW_MS: u64 = 2_000;

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(describe)?
        .ok_or_else(|| "this browser's storage is switched off".to_string())
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
    list.sort_unstable_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    list
}

/// The drafts' list, checked against the drafts this browser holds: a list that cannot be read is set
/// aside (under a recovery key) and made again from the drafts themselves, and a draft missing from
/// the list is put back on it, so that no draft is ever orphaned. Returns the list and how many
/// drafts were put back (the user is told when any were).
pub fn load_index_repaired() -> (Vec<DraftMeta>, usize) {
    let Ok(s) = storage() else {
        return (Vec::new(), 0);
    };
    let text = s.get_item(INDEX_KEY).ok().flatten();
    let readable = text.as_deref().is_none_or(|t| {
        matches!(
            serde_json::from_str::<serde_json::Value>(t),
            Ok(serde_json::Value::Array(_))
        )
    });
    if !readable {
        if let Some(t) = &text {
            keep_aside(&s, "drafts-index", t);
        }
    }
    let mut list = if readable { load_index() } else { Vec::new() };
    let mut put_back = 0;
    let len = s.length().unwrap_or(0);
    let ids: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(DRAFT_PREFIX).map(str::to_string))
        .collect();
    for id in ids {
        if list.iter().any(|d| d.id == id) {
            continue;
        }
        let Some(draft) = load_draft(&id) else {
            continue;
        };
        let v = serde_json::from_str::<serde_json::Value>(&draft).unwrap_or_default();
        let field = |a: &str, b: &str| v[a][b].as_str().unwrap_or("").to_string();
        list.push(DraftMeta {
            title: format!("{} {}", field("header", "year"), field("header", "project"))
                .trim()
                .to_string(),
            profile: v["profile"].as_str().unwrap_or("").to_string(),
            updated: now(),
            id,
        });
        put_back += 1;
    }
    if put_back > 0 || !readable {
        let _ = save_index(&list);
    }
    list.sort_unstable_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    (list, put_back)
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

/// Keeps the imported profiles in this browser: the whole list, each profile's file text as it was
/// read (a JSON list of the files).
pub fn save_profiles(sources: &[Rc<str>]) -> Result<(), String> {
    let list = format!("[{}]", sources.join(","));
    storage()?.set_item(PROFILES_KEY, &list).map_err(describe)
}

/// The profiles kept in this browser, and the recovery keys of those that can no longer be used — a
/// kept profile that no longer reads (from an older version, say) or that takes a built-in profile's
/// id (which the registry refuses): their text is set aside under a key of its own, never dropped,
/// and the user is told.
pub fn load_profiles() -> (Vec<(Profile, String)>, Vec<String>) {
    let Ok(s) = storage() else {
        return (Vec::new(), Vec::new());
    };
    let Ok(Some(text)) = s.get_item(PROFILES_KEY) else {
        return (Vec::new(), Vec::new());
    };
    let items = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(items)) => items,
        // The list itself cannot be read: all of it is set aside.
        _ => {
            return (
                Vec::new(),
                keep_aside(&s, "profiles", &text).into_iter().collect(),
            )
        }
    };
    let builtins = ziping_engine::Registry::new();
    let mut kept = Vec::new();
    let mut aside = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let text = v.to_string();
        match ziping_engine::intake::open_profile("", text.as_bytes()) {
            Ok(p) if !builtins.is_builtin(&p.id) => kept.push((p, text)),
            _ => aside.extend(keep_aside(&s, &format!("profile:{i}"), &text)),
        }
    }
    (kept, aside)
}

/// Keeps `text` under a recovery key of its own; the key.
fn keep_aside(s: &web_sys::Storage, what: &str, text: &str) -> Option<String> {
    let key = format!("{RECOVERED_PREFIX}{what}:{}", now());
    s.set_item(&key, text).ok()?;
    Some(key)
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
    let key = keep_aside(&s, id, &text)?;
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
            // A claim from the future (a clock set back) proves nothing: it is stale, as is one
            // not refreshed for a few seconds (its tab is gone).
            let fresh = at <= now() + CLAIM_SKEW_MS && now().saturating_sub(at) < LOCK_STALE_MS;
            if other != tab && fresh {
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

/// The key under which the app hands a workbook to the workbook preview page, for this tab only.
const HANDOFF_KEY: &str = "ziping:workbook-handoff";

/// Hands a workbook (its name and bytes) to the workbook preview page of this tab: kept in the
/// tab's session storage, one character per byte, until the page takes it. A workbook too large for
/// the storage is refused with the browser's reason.
pub fn hand_over_workbook(name: &str, bytes: &[u8]) -> Result<(), String> {
    let s = web_sys::window()
        .ok_or("no window")?
        .session_storage()
        .map_err(crate::page::describe)?
        .ok_or("session storage is off")?;
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    s.set_item(HANDOFF_KEY, &format!("{name}\n{text}"))
        .map_err(crate::page::describe)
}

/// Takes the workbook the app handed over, once: its name and bytes.
pub fn take_workbook() -> Option<(String, Vec<u8>)> {
    let s = web_sys::window()?.session_storage().ok()??;
    let text = s.get_item(HANDOFF_KEY).ok()??;
    let _ = s.remove_item(HANDOFF_KEY);
    let (name, body) = text.split_once('\n')?;
    let bytes = body
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some((name.to_string(), bytes))
}
