//! The page's side of the export worker (`crates/export-worker`): each workbook job runs in a fresh
//! web worker, started only when someone exports, so the xlsx writer never weighs on the page's own
//! download. The worker answers with the workbook's bytes or with why it could not write it, in both
//! languages.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use ziping_app_state::jobs::Job;
use ziping_engine::Text;

/// The worker's loader, written by Trunk next to the page (`data-loader-shim` in `index.html`).
const WORKER_URL: &str = "ziping-export_loader.js";

/// How long a job may take before the page gives up on it (a 1 000-form summary takes seconds).
const TIMEOUT_MS: i32 = 120_000;

/// The MIME type of an xlsx file.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Why the worker failed: its own message `{zh, en}`, or the page's words for what went wrong.
fn failure(e: JsValue) -> Text {
    let field = |k: &str| {
        js_sys::Reflect::get(&e, &JsValue::from_str(k))
            .ok()?
            .as_string()
    };
    if let (Some(zh), Some(en)) = (field("zh"), field("en")) {
        return Text::new(zh, en);
    }
    match e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
    {
        Some(m) => Text::new(
            format!("导出程序无法启动：{m}"),
            format!("the export worker could not be started: {m}"),
        ),
        None => Text::new(
            "导出程序出错停止，工作簿未写出",
            "the export worker stopped with an error: no workbook was written",
        ),
    }
}

/// Writes the workbook of `job` in the export worker and offers it as a download named `name`.
pub async fn export(job: &Job, name: &str) -> Result<(), Text> {
    let bytes = write(job.to_text()).await?;
    super::files::download_bytes(name, &bytes, XLSX_MIME).map_err(|e| {
        Text::new(
            format!("工作簿无法下载：{e}"),
            format!("the workbook could not be downloaded: {e}"),
        )
    })
}

/// Runs a job (its text) in a new worker: the workbook's bytes.
async fn write(job: String) -> Result<Vec<u8>, Text> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let worker = web_sys::Worker::new(WORKER_URL).map_err(failure)?;
    // The promise's resolve and reject, for the handlers below.
    let settle: Rc<RefCell<Option<(js_sys::Function, js_sys::Function)>>> = Rc::default();
    let promise = {
        let settle = settle.clone();
        js_sys::Promise::new(&mut move |resolve, reject| {
            *settle.borrow_mut() = Some((resolve, reject));
        })
    };
    let finish = move |ok: bool, value: &JsValue| {
        if let Some((resolve, reject)) = settle.borrow_mut().take() {
            let _ = if ok { resolve } else { reject }.call1(&JsValue::NULL, value);
        }
    };
    // The worker says `true` once it listens; the job is sent then, and the next message is the
    // answer.
    let on_message = {
        let (to, finish) = (worker.clone(), finish.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if data.as_bool() == Some(true) {
                if let Err(e) = to.post_message(&JsValue::from_str(&job)) {
                    finish(false, &e);
                }
            } else {
                finish(true, &data);
            }
        })
    };
    let on_error = {
        let finish = finish.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_e: JsValue| finish(false, &JsValue::NULL))
    };
    let late = {
        let finish = finish.clone();
        Closure::<dyn FnMut()>::new(move || {
            let late = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&late, &"zh".into(), &"导出用时过长，已停止".into());
            let _ = js_sys::Reflect::set(
                &late,
                &"en".into(),
                &"the export took too long and was stopped".into(),
            );
            finish(false, &late)
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let window = web_sys::window();
    let timer = window.as_ref().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            late.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok()
    });
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    if let (Some(w), Some(t)) = (window, timer) {
        w.clear_timeout_with_handle(t);
    }
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    // The handlers (and the job they hold) are freed here.
    drop((on_message, on_error, late));
    let data = answer.map_err(failure)?;
    if data.is_instance_of::<js_sys::Uint8Array>() {
        Ok(js_sys::Uint8Array::new(&data).to_vec())
    } else {
        Err(failure(data))
    }
}
