//! The engine for other pages and scripts: `window.ziping.evaluate(form)` takes a form in the
//! `ziping-form` format (an object or its JSON text) and returns the evaluation — every derived number
//! with its explanation, and the findings. A form that cannot be read throws an Error whose `problems`
//! lists each problem with its path. `window.ziping.profiles()` lists the built-in profiles.
//! `window.ziping.timeEvaluate(form, iterations)` is a benchmark hook (`bench/browser.mjs`): it reads
//! the form once, evaluates it `iterations` times inside wasm and returns the mean time in ms.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use ziping_engine::{evaluate_file, Profile};

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Evaluates a form handed over from JavaScript.
pub fn evaluate(form: JsValue) -> Result<JsValue, JsValue> {
    let text = match form.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&form)
            .map(String::from)
            .map_err(|_| JsValue::from_str("the form cannot be turned into JSON"))?,
    };
    match evaluate_file(&text, None) {
        Ok((_, evaluation)) => to_js(&evaluation),
        Err(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message.en))
                .collect();
            let error =
                js_sys::Error::new(&format!("the form cannot be read: {}", lines.join("; ")));
            let _ = Reflect::set(&error, &"problems".into(), &to_js(&problems)?);
            Err(error.into())
        }
    }
}

/// Times the engine inside wasm: reads the form once, then evaluates it `iterations` times (at
/// least once) with its built-in profile and returns the mean milliseconds per evaluation, measured
/// with `performance.now()`. Nothing crosses to JavaScript inside the timed loop.
pub fn time_evaluate(form: JsValue, iterations: JsValue) -> Result<JsValue, JsValue> {
    let text = match form.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&form)
            .map(String::from)
            .map_err(|_| JsValue::from_str("the form cannot be turned into JSON"))?,
    };
    let form = ziping_engine::read_form(&text).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message.en))
            .collect();
        JsValue::from(js_sys::Error::new(&format!(
            "the form cannot be read: {}",
            lines.join("; ")
        )))
    })?;
    let profile = Profile::builtin(&form.profile)
        .ok_or_else(|| JsValue::from_str("the form's profile is not a built-in one"))?;
    let iterations = iterations.as_f64().unwrap_or(1.0).clamp(1.0, 1e6) as u32;
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or_else(|| JsValue::from_str("performance.now() is not available"))?;
    let start = performance.now();
    for _ in 0..iterations {
        std::hint::black_box(ziping_engine::evaluate(
            std::hint::black_box(&form),
            &profile,
        ));
    }
    let elapsed = performance.now() - start;
    Ok(JsValue::from_f64(elapsed / f64::from(iterations)))
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
        for p in Profile::builtins() {
            if let Ok(v) = to_js(&p) {
                list.push(&v);
            }
        }
        list.into()
    });
    let _ = Reflect::set(&api, &"evaluate".into(), evaluate.as_ref());
    let _ = Reflect::set(&api, &"profiles".into(), profiles.as_ref());
    let time_evaluate =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(time_evaluate);
    let _ = Reflect::set(&api, &"timeEvaluate".into(), time_evaluate.as_ref());
    let _ = Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    #[cfg(feature = "panic-test")]
    {
        let force = Closure::<dyn Fn(JsValue)>::new(|message: JsValue| {
            panic!("{}", message.as_string().unwrap_or_default())
        });
        let _ = Reflect::set(&api, &"__panic".into(), force.as_ref());
        force.forget();
    }
    // The page keeps these for its whole life.
    evaluate.forget();
    profiles.forget();
    time_evaluate.forget();
    let _ = Reflect::set(&window, &"ziping".into(), &api);
}
