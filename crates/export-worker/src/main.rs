//! The `ziping-export` binary: the app's export worker. Trunk builds it as a web worker
//! (`index.html`, `data-type="worker"`); the page starts it the first time someone exports a
//! workbook, so the xlsx writer is never part of the page's own download. It answers each job
//! (`ziping_app_state::jobs::Job`, run by `src/lib.rs`) with the workbook's bytes, or with an object
//! `{zh, en}` saying why it could not. It says `true` once it listens, and the page sends the job only
//! then.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let job = e.data().as_string().unwrap_or_default();
            let answer: JsValue = match ziping_export_worker::run(&job) {
                Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                Err(message) => {
                    let o = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&o, &"zh".into(), &message.zh.into());
                    let _ = js_sys::Reflect::set(&o, &"en".into(), &message.en.into());
                    o.into()
                }
            };
            let _ = reply_to.post_message(&answer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A message sent before this handler existed would be lost: the page waits for this signal.
    let _ = scope.post_message(&JsValue::TRUE);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ziping-export is the web app's export worker and runs only in the browser; \
         on the command line use `ziping export --xlsx` or `ziping check --summary --xlsx`"
    );
    std::process::exit(2);
}
