//! A form shared by link (`#f=…`, the format in `ziping_app_state::share`): its JSON text compressed
//! and decompressed with the browser's own `CompressionStream` / `DecompressionStream` (deflate,
//! raw), so that no compressor is part of the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use ziping_app_state::share;
use ziping_engine::Text;

#[wasm_bindgen]
extern "C" {
    /// `CompressionStream` and `DecompressionStream`: a readable and a writable side.
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compression;
    #[wasm_bindgen(constructor, catch, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<Compression, JsValue>;
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<Decompression, JsValue>;
}

/// The compression a link uses.
const FORMAT: &str = "deflate-raw";

fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function =
        js_sys::Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let args: js_sys::Array = args.iter().copied().collect();
    f.apply(target, &args)
}

/// `bytes` run through `transform` (a compression or decompression stream): every byte it gives, or
/// `Err(None)` once it would give more than `limit`.
async fn pipe(bytes: &[u8], transform: &JsValue, limit: usize) -> Result<Vec<u8>, Option<String>> {
    let describe = |e: JsValue| Some(crate::page::describe(e));
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(describe)?;
    let stream = call(&blob, "stream", &[]).map_err(describe)?;
    let out = call(&stream, "pipeThrough", &[transform]).map_err(describe)?;
    let reader = call(&out, "getReader", &[]).map_err(describe)?;
    let mut read = Vec::new();
    loop {
        let step = JsFuture::from(js_sys::Promise::from(
            call(&reader, "read", &[]).map_err(describe)?,
        ))
        .await
        .map_err(describe)?;
        if js_sys::Reflect::get(&step, &JsValue::from_str("done"))
            .map_err(describe)?
            .is_truthy()
        {
            return Ok(read);
        }
        let chunk = js_sys::Uint8Array::new(
            &js_sys::Reflect::get(&step, &JsValue::from_str("value")).map_err(describe)?,
        );
        if read.len() + chunk.length() as usize > limit {
            let _ = call(&reader, "cancel", &[]);
            return Err(None);
        }
        let at = read.len();
        read.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut read[at..]);
    }
}

/// The link to the form whose JSON text is `json`, at this page's address: `…#f=…`, or why there is
/// none (the browser cannot compress, the form is too large for a link).
pub async fn link_to(json: &str) -> Result<String, Text> {
    // The one-file edition's address is a file on this computer: a link to it would open nothing
    // elsewhere, and would tell where the file lies (a user name in the path).
    if crate::page::one_file() {
        return Err(Text::new(
            "单文件离线版不能生成分享链接（它的地址是本机上的文件）。请导出 JSON 文件发送。",
            "the one-file offline edition cannot make a link (its address is a file on this computer): export the form as a JSON file and send that",
        ));
    }
    let fragment = fragment_of(json).await?;
    let window = web_sys::window().ok_or_else(|| Text::same("no window"))?;
    let href = window
        .location()
        .href()
        .map_err(|e| Text::same(crate::page::describe(e)))?;
    let base = href.split('#').next().unwrap_or_default();
    Ok(format!("{base}{fragment}"))
}

/// The fragment (`#f=…`) for the form whose JSON text is `json`.
async fn fragment_of(json: &str) -> Result<String, Text> {
    let cannot = |why: String| {
        Text::new(
            format!("无法生成链接：此浏览器不能压缩数据（{why}）。请导出 JSON 文件发送。"),
            format!("cannot make a link: this browser cannot compress data ({why}). Export the form as a JSON file and send that."),
        )
    };
    let transform = Compression::new(FORMAT).map_err(|e| cannot(crate::page::describe(e)))?;
    // Deflate never needs more than a little over its input.
    let deflated = pipe(json.as_bytes(), &transform, json.len() + 1024)
        .await
        .map_err(|e| cannot(e.unwrap_or_else(|| "too large".into())))?;
    share::fragment(&deflated)
}

/// The JSON text of the form in a link's fragment (`location.hash`, or a whole address), or a
/// message that says why it cannot be read: no form in it, too long, garbled, cut short, or
/// inflating to more than a form may be.
pub async fn form_in(address: &str) -> Result<Vec<u8>, Text> {
    let hash = address.find('#').map_or(address, |at| &address[at..]);
    let Some(payload) = share::payload(hash) else {
        return Err(share::garbled(Text::new(
            "链接中没有表单（应含有 #f=…）",
            "there is no form in it (a form's link holds #f=…)",
        )));
    };
    share::check_length(payload)?;
    let deflated = share::from_base64url(payload)?;
    if deflated.is_empty() {
        return Err(share::not_deflated("0 B"));
    }
    let transform = Decompression::new(FORMAT)
        .map_err(|e| share::browser_cannot_read(&crate::page::describe(e)))?;
    match pipe(&deflated, &transform, share::MAX_FORM_BYTES).await {
        Ok(bytes) => Ok(bytes),
        Err(None) => Err(share::inflates_too_far()),
        Err(Some(why)) => Err(share::not_deflated(&why)),
    }
}

/// Takes a form's link out of the address bar once it has been read, so that a reload (or Back)
/// shows the page, not the link again. The page does not reload.
pub fn forget_link_in_address() {
    let Some(w) = web_sys::window() else { return };
    let location = w.location();
    if location
        .hash()
        .ok()
        .as_deref()
        .and_then(share::payload)
        .is_none()
    {
        return;
    }
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = w.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}
