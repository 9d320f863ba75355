//! The engine for other pages and scripts: `window.ziping.evaluate(form)` takes a form in the
//! `ziping-form` format (an object or its JSON text) and returns the evaluation — every derived number
//! with its explanation, and the findings. A form that cannot be read throws an Error whose `problems`
//! lists each problem with its path. `window.ziping.profiles()` lists the built-in profiles.
//! `window.ziping.readWorkbook(bytes, name)` reads an Excel/WPS workbook (an ArrayBuffer or a typed
//! array) in the import worker, through the same workbook intake as the command line, and resolves
//! to `{read: {file, forms, without_form}}` — each form's `ziping-form` text (`form`, which
//! `evaluate` scores), the profile recognised, the cell every field came from — or to
//! `{unreadable: {file, problems}}`.
//! `window.ziping.link(form)` resolves to the form's link (`…#f=…`, the whole form in the fragment,
//! `ziping_app_state::share`), `window.ziping.fromLink(address)` to the form in a link; a link that
//! cannot be read rejects with an Error saying why (in English, and as `zh` / `en`).
//! `window.ziping.timeEvaluate(form, iterations)` is a benchmark hook (`bench/browser.mjs`): it reads
//! the form once, evaluates it `iterations` times inside wasm and returns the mean time in ms.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use ziping_engine::path::DocPath;
use ziping_engine::{intake, Lang, Opened, Problem, Registry};

thread_local! {
    /// The registry the page holds (built-in and imported profiles), as the app last set it.
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::new());
}

/// The registry the page holds, as the app last set it.
pub fn registry() -> Registry {
    REGISTRY.with(|r| r.borrow().clone())
}

/// Makes `registry` the one `window.ziping` reads forms with (the app calls it when its profiles
/// change), so that the API and the page agree on every profile.
pub fn set_registry(registry: &Registry) {
    REGISTRY.with(|r| *r.borrow_mut() = registry.clone());
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The bytes of a form handed over from JavaScript: its JSON text, or an object made into JSON.
/// What JSON cannot say faithfully is named with its path before anything is turned into text: a
/// loop back into the object, a BigInt, a function or symbol (JSON.stringify would drop it without a
/// word), a string holding half of a surrogate pair (it would become U+FFFD, or a JSON escape no
/// reader takes).
fn form_bytes(form: &JsValue) -> Result<Vec<u8>, Vec<Problem>> {
    if form.is_string() {
        if !js_sys::JsString::from(form.clone()).is_valid_utf16() {
            return Err(vec![Problem::file(
                "表单文本中有不成对的代理字符（无效的 Unicode）",
                "the form's text holds half of a surrogate pair (not valid Unicode)",
            )]);
        }
        return Ok(form.as_string().unwrap_or_default().into_bytes());
    }
    if form.is_undefined() || form.is_null() {
        return Err(vec![Problem::file(
            "没有给出表单：请传入 ziping-form 对象或其 JSON 文本",
            "no form was given: pass a ziping-form object or its JSON text",
        )]);
    }
    let mut problems = Vec::new();
    check_value(form, None, &mut Vec::new(), &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    match js_sys::JSON::stringify(form) {
        Ok(text) => text.as_string().map(String::into_bytes).ok_or_else(|| {
            vec![Problem::file(
                "表单无法转为 JSON",
                "the form cannot be turned into JSON",
            )]
        }),
        Err(e) => {
            let why = crate::browser::page::describe(e);
            Err(vec![Problem::file(
                format!("表单无法转为 JSON：{why}"),
                format!("the form cannot be turned into JSON: {why}"),
            )])
        }
    }
}

/// Deeper than any form: a value nested further is named, not followed.
const MAX_DEPTH: usize = 64;

/// Names every value under `v` (at `path`; the top when `None`) that JSON cannot say faithfully.
fn check_value(
    v: &JsValue,
    path: Option<DocPath>,
    open: &mut Vec<JsValue>,
    out: &mut Vec<Problem>,
) {
    let problem = |path: &Option<DocPath>, zh: &str, en: &str| match path {
        Some(p) => Problem::new(p.clone(), zh, en),
        None => Problem::file(zh, en),
    };
    if v.is_string() {
        if !js_sys::JsString::from(v.clone()).is_valid_utf16() {
            out.push(problem(
                &path,
                "文本中有不成对的代理字符（无效的 Unicode）",
                "the text holds half of a surrogate pair (not valid Unicode)",
            ));
        }
    } else if v.is_bigint() {
        out.push(problem(
            &path,
            "BigInt 不能作为值：数字请写成文本，如 \"969.94\"",
            "a BigInt cannot be a value: write numbers as text, e.g. \"969.94\"",
        ));
    } else if v.is_function() || v.is_symbol() {
        out.push(problem(
            &path,
            "函数或 Symbol 不能作为值",
            "a function or a symbol cannot be a value",
        ));
    } else if v.is_object() {
        if open.iter().any(|o| Object::is(o, v)) {
            out.push(problem(
                &path,
                "对象引用了自身（循环），无法转为 JSON",
                "the object refers back to itself (a cycle): it cannot be JSON",
            ));
            return;
        }
        if open.len() >= MAX_DEPTH {
            out.push(problem(&path, "嵌套过深", "nested too deeply"));
            return;
        }
        open.push(v.clone());
        if Array::is_array(v) {
            for (i, item) in Array::from(v).iter().enumerate() {
                let p = Some(
                    path.as_ref()
                        .map_or_else(|| DocPath(Vec::new()).index(i), |p| p.index(i)),
                );
                check_value(&item, p, open, out);
            }
        } else {
            let object = Object::from(v.clone());
            for entry in Object::entries(&object).iter() {
                let pair = Array::from(&entry);
                let key = pair.get(0).as_string().unwrap_or_default();
                let p = Some(
                    path.as_ref()
                        .map_or_else(|| DocPath::at(&key), |p| p.key(&key)),
                );
                check_value(&pair.get(1), p, open, out);
            }
        }
        open.pop();
    }
}

/// A JavaScript `Error` naming every problem, with them as its `problems` property.
fn error(problems: &[Problem]) -> JsValue {
    let lines: Vec<String> = problems.iter().map(|p| p.line(Lang::En)).collect();
    let error = js_sys::Error::new(&format!("the form cannot be read: {}", lines.join("; ")));
    if let Ok(list) = to_js(&problems) {
        let _ = Reflect::set(&error, &"problems".into(), &list);
    }
    error.into()
}

/// Reads a form handed over from JavaScript through the engine's intake, as the page reads a file.
fn open(form: &JsValue) -> Result<Opened, JsValue> {
    let bytes = form_bytes(form).map_err(|p| error(&p))?;
    REGISTRY
        .with(|r| intake::open("", &bytes, &r.borrow()))
        .map_err(|u| error(&u.problems))
}

/// Evaluates a form handed over from JavaScript.
pub fn evaluate(form: JsValue) -> Result<JsValue, JsValue> {
    to_js(&open(&form)?.evaluation)
}

/// Times the engine inside wasm: reads the form once, then evaluates it `iterations` times (at
/// least once) with its profile and returns the mean milliseconds per evaluation, measured with
/// `performance.now()`. Nothing crosses to JavaScript inside the timed loop.
pub fn time_evaluate(form: JsValue, iterations: JsValue) -> Result<JsValue, JsValue> {
    let o = open(&form)?;
    let iterations = iterations.as_f64().unwrap_or(1.0).clamp(1.0, 1e6) as u32;
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or_else(|| JsValue::from_str("performance.now() is not available"))?;
    let start = performance.now();
    for _ in 0..iterations {
        std::hint::black_box(ziping_engine::evaluate(
            std::hint::black_box(&o.form),
            &o.profile,
        ));
    }
    let elapsed = performance.now() - start;
    Ok(JsValue::from_f64(elapsed / f64::from(iterations)))
}

/// Reads a workbook in the import worker: its answer as JavaScript reads JSON — `{read: {file,
/// forms, without_form}}`, each form with its `ziping-form` text (`form`, for `evaluate`), the
/// profile recognised and every field's cell — or `{unreadable: {file, problems}}`.
async fn read_workbook(bytes: JsValue, name: JsValue) -> Result<JsValue, JsValue> {
    if !(bytes.is_instance_of::<js_sys::ArrayBuffer>() || js_sys::ArrayBuffer::is_view(&bytes)) {
        return Err(error(&[Problem::file(
            "应传入工作簿的字节（ArrayBuffer 或 Uint8Array）",
            "pass the workbook's bytes (an ArrayBuffer or a Uint8Array)",
        )]));
    }
    let name = name.as_string().unwrap_or_else(|| "workbook.xlsx".into());
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    let registry = REGISTRY.with(|r| r.borrow().clone());
    let text = crate::browser::worker::read_workbooks_text(vec![(name, bytes)], &registry)
        .await
        .map_err(|m| error(&[Problem::file(m.zh, m.en)]))?;
    Reflect::get(&js_sys::JSON::parse(&text)?, &0.into())
}

/// A JavaScript `Error` saying `message` in English, with both languages as `zh` and `en`.
fn text_error(message: &ziping_engine::Text) -> JsValue {
    let error = js_sys::Error::new(&message.en);
    let _ = Reflect::set(&error, &"zh".into(), &message.zh.as_str().into());
    let _ = Reflect::set(&error, &"en".into(), &message.en.as_str().into());
    error.into()
}

/// The link (`…#f=…`, at this page's address) to a form handed over from JavaScript, read first
/// through the engine's intake; its problems, or a form too large for a link, reject.
async fn link(form: JsValue) -> Result<JsValue, JsValue> {
    let opened = open(&form)?;
    let json = ziping_engine::to_json(&opened.form);
    crate::browser::link::link_to(&json)
        .await
        .map(JsValue::from)
        .map_err(|e| text_error(&e))
}

/// The form in a link (a whole address or its `#f=…`), read through the engine's intake, as the
/// object its JSON export is; a garbled, cut or oversized link, or a form with problems, rejects.
async fn from_link(address: JsValue) -> Result<JsValue, JsValue> {
    let address = address.as_string().unwrap_or_default();
    let bytes = crate::browser::link::form_in(&address)
        .await
        .map_err(|e| text_error(&e))?;
    let opened = REGISTRY
        .with(|r| intake::open(ziping_app_state::share::LINK_FILE, &bytes, &r.borrow()))
        .map_err(|u| error(&u.problems))?;
    js_sys::JSON::parse(&ziping_engine::to_json(&opened.form))
}

/// Installs `window.ziping`.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = Object::new();
    let evaluate = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(evaluate);
    let profiles = Closure::<dyn Fn() -> JsValue>::new(|| {
        let list = Array::new();
        // Each built-in profile's file, as JavaScript reads JSON.
        let mut i = 0;
        while let Some(text) = Registry::builtin_source(i) {
            if let Ok(v) = js_sys::JSON::parse(text) {
                list.push(&v);
            }
            i += 1;
        }
        list.into()
    });
    let _ = Reflect::set(&api, &"evaluate".into(), evaluate.as_ref());
    let _ = Reflect::set(&api, &"profiles".into(), profiles.as_ref());
    let time_evaluate =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(time_evaluate);
    let _ = Reflect::set(&api, &"timeEvaluate".into(), time_evaluate.as_ref());
    let _ = Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let read = Closure::<dyn Fn(JsValue, JsValue) -> js_sys::Promise>::new(
        |bytes: JsValue, name: JsValue| {
            js_sys::Promise::new(&mut |resolve, reject| {
                let (bytes, name) = (bytes.clone(), name.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = match read_workbook(bytes, name).await {
                        Ok(v) => resolve.call1(&JsValue::NULL, &v),
                        Err(e) => reject.call1(&JsValue::NULL, &e),
                    };
                });
            })
        },
    );
    let _ = Reflect::set(&api, &"readWorkbook".into(), read.as_ref());
    read.forget();
    let link = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|form: JsValue| {
        wasm_bindgen_futures::future_to_promise(link(form))
    });
    let _ = Reflect::set(&api, &"link".into(), link.as_ref());
    link.forget();
    let from_link = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|address: JsValue| {
        wasm_bindgen_futures::future_to_promise(from_link(address))
    });
    let _ = Reflect::set(&api, &"fromLink".into(), from_link.as_ref());
    from_link.forget();
    #[cfg(feature = "panic-test")]
    {
        let force = Closure::<dyn Fn(JsValue)>::new(|message: JsValue| {
            panic!("{}", message.as_string().unwrap_or_default())
        });
        let _ = Reflect::set(&api, &"__panic".into(), force.as_ref());
        force.forget();
        let trap = Closure::<dyn Fn()>::new(crate::recovery::trap);
        let _ = Reflect::set(&api, &"__trap".into(), trap.as_ref());
        trap.forget();
        let stop = Closure::<dyn Fn(JsValue)>::new(|how: JsValue| {
            crate::recovery::ask_to_stop(how.as_string().unwrap_or_default())
        });
        let _ = Reflect::set(&api, &"__stopNextEdit".into(), stop.as_ref());
        stop.forget();
    }
    // The page keeps these for its whole life.
    evaluate.forget();
    profiles.forget();
    time_evaluate.forget();
    let _ = Reflect::set(&window, &"ziping".into(), &api);
}
