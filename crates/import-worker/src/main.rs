//! The `ziping-import` binary: the app's import worker. Trunk builds it as a web worker
//! (`index.html`, `data-type="worker"`); the page starts it when someone opens a workbook, so the
//! workbook reader is never part of the page's own download. A message is an array: the job's text
//! (`ziping_app_state::workbooks::ReadJob`), then each file's bytes; the answer is the text of the
//! answers, one per file (`ReadAnswer`). It says `true` once it listens, and the page sends the job
//! only then.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let parts = js_sys::Array::from(&e.data());
            let job = parts
                .get(0)
                .as_string()
                .and_then(|t| ziping_import_worker::job_of(&t));
            let answer = match job {
                Some(job) => {
                    let bytes: Vec<Vec<u8>> = (1..parts.length())
                        .map(|i| js_sys::Uint8Array::new(&parts.get(i)).to_vec())
                        .collect();
                    let answers = ziping_import_worker::run(&job, &bytes);
                    ziping_app_state::workbooks::ReadAnswer::list_to_text(&answers)
                }
                None => String::new(),
            };
            let _ = reply_to.post_message(&JsValue::from_str(&answer));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A message sent before this handler existed would be lost: the page waits for this signal.
    let _ = scope.post_message(&JsValue::TRUE);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ziping-import is the web app's import worker and runs only in the browser; \
         on the command line use `ziping check FILE.xlsx` or `ziping evaluate FILE.xlsx`"
    );
    std::process::exit(2);
}
