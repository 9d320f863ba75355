//! The page's side of the two workers: the export worker (`crates/export-worker`) and the import
//! worker (`crates/import-worker`). Each job runs in a fresh web worker, started only when someone
//! exports or opens a workbook, so neither the xlsx writer nor the workbook reader weighs on the
//! page's own download. A worker answers with its result or with why it could not, in both
//! languages.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use ziping_app_state::jobs::Job;
use ziping_app_state::workbooks::ReadJob;
use ziping_engine::Text;

/// The workers' loaders, written by Trunk next to the page (`data-loader-shim` in `index.html`).
const EXPORT_URL: &str = "ziping-export_loader.js";
const IMPORT_URL: &str = "ziping-import_loader.js";

/// How long a job may take before the page gives up on it (a 1 000-form summary takes seconds).
const TIMEOUT_MS: i32 = 120_000;

/// The MIME type of an xlsx file.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Which worker, for its address and the words of its failures.
#[derive(Clone, Copy)]
enum Which {
    Export,
    Import,
}

impl Which {
    fn url(self) -> &'static str {
        match self {
            Which::Export => EXPORT_URL,
            Which::Import => IMPORT_URL,
        }
    }

    /// What the worker does, for messages: 导出 / the export, 读取工作簿 / reading the workbooks.
    fn task(self) -> (&'static str, &'static str) {
        match self {
            Which::Export => ("导出", "the export"),
            Which::Import => ("读取工作簿", "reading the workbooks"),
        }
    }

    fn cannot_start(self, m: &str) -> Text {
        let (zh, en) = self.task();
        Text::new(
            format!("{zh}程序无法启动：{m}"),
            format!("{en} could not start: {m}"),
        )
    }

    fn stopped(self) -> Text {
        let (zh, en) = self.task();
        Text::new(
            format!("{zh}程序出错停止（文件可能过大或已损坏），未作任何改动"),
            format!("{en} stopped with an error (a file may be too large or damaged): nothing was changed"),
        )
    }

    fn too_long(self) -> Text {
        let (zh, en) = self.task();
        Text::new(
            format!("{zh}用时过长，已停止"),
            format!("{en} took too long and was stopped"),
        )
    }
}

/// Why the worker failed: its own message `{zh, en}`, or the page's words for what went wrong.
fn failure(which: Which, e: JsValue) -> Text {
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
        Some(m) => which.cannot_start(&m),
        None => which.stopped(),
    }
}

/// Writes the workbook of `job` in the export worker and offers it as a download named `name`.
pub async fn export(job: &Job, name: &str) -> Result<(), Text> {
    let data = run(Which::Export, JsValue::from_str(&job.to_text())).await?;
    if !data.is_instance_of::<js_sys::Uint8Array>() {
        return Err(failure(Which::Export, data));
    }
    let bytes = js_sys::Uint8Array::new(&data).to_vec();
    super::files::download_bytes(name, &bytes, XLSX_MIME).map_err(|e| {
        Text::new(
            format!("工作簿无法下载：{e}"),
            format!("the workbook could not be downloaded: {e}"),
        )
    })
}

/// Reads workbooks (their names and bytes) in the import worker: its answers, one per file in order,
/// as its text (`ziping_app_state::workbooks::ReadAnswer`; the desk reads what it shows of them, and
/// `window.ziping.readWorkbook` hands them to JavaScript as they are).
pub async fn read_workbooks_text(
    files: Vec<(String, Vec<u8>)>,
    registry: &ziping_engine::Registry,
) -> Result<String, Text> {
    let job = ReadJob::new(files.iter().map(|(n, _)| n.clone()).collect(), registry);
    let message = js_sys::Array::new();
    message.push(&JsValue::from_str(&job.to_text()));
    for (_, bytes) in &files {
        message.push(&js_sys::Uint8Array::from(bytes.as_slice()).into());
    }
    drop(files);
    let data = run(Which::Import, message.into()).await?;
    data.as_string()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Which::Import.stopped())
}

/// Runs a job in a new worker: its answer.
async fn run(which: Which, job: JsValue) -> Result<JsValue, Text> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let address = crate::browser::page::worker_address(which.url());
    let worker = web_sys::Worker::new(&address).map_err(|e| failure(which, e))?;
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
                if let Err(e) = to.post_message(&job) {
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
            let t = which.too_long();
            let _ = js_sys::Reflect::set(&late, &"zh".into(), &t.zh.into());
            let _ = js_sys::Reflect::set(&late, &"en".into(), &t.en.into());
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
    answer.map_err(|e| failure(which, e))
}
