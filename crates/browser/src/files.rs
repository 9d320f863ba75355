//! Files: reading what the user chose or dropped (one file, many, or whole folders), offering
//! downloads, and the clipboard.

use crate::page::describe;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

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

/// A chosen or dropped file and the name it goes by (a folder's files keep their path in it).
pub struct Picked {
    pub name: String,
    pub file: web_sys::File,
}

impl Picked {
    /// The file's size in bytes, as the browser gives it (before reading).
    pub fn size(&self) -> u64 {
        self.file.size() as u64
    }
}

/// Starts reading a file's bytes (the engine's intake decides what they are). Awaited, it gives the
/// bytes or why they could not be read.
pub fn read_bytes(
    file: &web_sys::File,
) -> impl std::future::Future<Output = Result<Vec<u8>, String>> {
    let read = JsFuture::from(file.array_buffer());
    async move {
        let buffer = read.await.map_err(describe)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// Whether a file found in a folder is one to read: a form file or a workbook (Excel's lock files,
/// `~$名称.xlsx`, are not).
fn wanted(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
        || (ziping_engine::workbook::named_as_workbook(name)
            && !name.starts_with("~$")
            && !name.contains("/~$"))
}

fn prop(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The files of a file list. From a folder (`webkitdirectory`), only form files are kept, each named
/// by its path in the folder.
pub fn picked_from_list(files: Option<web_sys::FileList>, folder: bool) -> Vec<Picked> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length())
        .filter_map(|i| files.get(i))
        .filter_map(|file| {
            let path = prop(&file, "webkitRelativePath")
                .as_string()
                .unwrap_or_default();
            let name = if folder && !path.is_empty() {
                path
            } else {
                file.name()
            };
            (!folder || wanted(&name)).then_some(Picked { name, file })
        })
        .collect()
}

/// Every file dropped: dropped files as they are, and the form files of dropped folders (and their
/// sub-folders), each named by its path. The entries are taken while the drop event lasts.
pub fn dropped(transfer: &web_sys::DataTransfer) -> impl std::future::Future<Output = Vec<Picked>> {
    let entries = dropped_entries(transfer);
    let plain = entries
        .is_none()
        .then(|| picked_from_list(transfer.files(), false));
    async move {
        match (entries, plain) {
            (Some(entries), _) => walk_entries(entries).await,
            (None, plain) => plain.unwrap_or_default(),
        }
    }
}

/// A promise that settles when `method` of `target` calls back (the File and Directory Entries API
/// takes a success and an error callback).
async fn callback_api(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = prop(target, method).dyn_into()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = f.call2(target, &resolve, &reject) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    JsFuture::from(promise).await
}

/// The dropped items as file-system entries. `None` when the browser gives no entry for some item
/// (then the plain file list is used).
fn dropped_entries(transfer: &web_sys::DataTransfer) -> Option<Vec<JsValue>> {
    let items = prop(transfer, "items");
    let count = prop(&items, "length").as_f64().unwrap_or(0.0) as u32;
    let mut entries = Vec::new();
    for i in 0..count {
        let item = js_sys::Reflect::get_u32(&items, i).ok()?;
        if prop(&item, "kind").as_string().as_deref() != Some("file") {
            continue;
        }
        let get: js_sys::Function = prop(&item, "webkitGetAsEntry").dyn_into().ok()?;
        let entry = get.call0(&item).ok()?;
        if entry.is_null() || entry.is_undefined() {
            return None;
        }
        entries.push(entry);
    }
    (!entries.is_empty()).then_some(entries)
}

/// The children of a folder entry, sorted by path (readEntries gives them a few at a time, then an
/// empty list).
async fn folder_children(entry: &JsValue) -> Vec<JsValue> {
    let Ok(reader) = js_sys::Reflect::get(entry, &JsValue::from_str("createReader"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
        .and_then(|f| f.call0(entry))
    else {
        return Vec::new();
    };
    let mut children = Vec::new();
    while let Ok(list) = callback_api(&reader, "readEntries").await {
        let list = js_sys::Array::from(&list);
        if list.length() == 0 {
            break;
        }
        children.extend(list.iter());
    }
    children.sort_unstable_by_key(|c| prop(c, "fullPath").as_string().unwrap_or_default());
    children
}

/// Every file of the dropped entries, walking folders depth first.
async fn walk_entries(entries: Vec<JsValue>) -> Vec<Picked> {
    let mut out = Vec::new();
    let mut stack: Vec<(JsValue, bool)> = entries.into_iter().rev().map(|e| (e, false)).collect();
    while let Some((entry, in_folder)) = stack.pop() {
        let path = prop(&entry, "fullPath").as_string().unwrap_or_default();
        let name = path.trim_start_matches('/').to_string();
        if prop(&entry, "isDirectory").as_bool() == Some(true) {
            let children = folder_children(&entry).await;
            stack.extend(children.into_iter().rev().map(|c| (c, true)));
        } else if !in_folder || wanted(&name) {
            if let Ok(Ok(file)) = callback_api(&entry, "file")
                .await
                .map(|f| f.dyn_into::<web_sys::File>())
            {
                let name = if in_folder { name } else { file.name() };
                out.push(Picked { name, file });
            }
        }
    }
    out
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
