//! The engine for other pages and scripts: `window.ziping.evaluate(form)` takes a form in the
//! `ziping-form` format (an object or its JSON text) and returns the evaluation — every derived number
//! with its explanation, and the findings. A form that cannot be read throws an Error whose `problems`
//! lists each problem with its path. `window.ziping.profiles()` lists the built-in profiles.

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
    let _ = Reflect::set(&window, &"ziping".into(), &api);
}
