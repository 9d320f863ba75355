//! Ziping (自评): the web app (Yew, client-side rendering), a thin shell over the engine
//! (`crates/engine`) and the app state (`crates/app-state`). Compiled for wasm32; Trunk builds it from
//! index.html. Natively it holds nothing (the command line is `crates/cli`).
//!
//! - `store`: the one reducer (`ziping_app_state`) as Yew state, and the contexts that hand it down;
//! - `app`: the root component and the effects around the reducer (storage, keyboard, language);
//! - `components`: presentational components, one per section of the form;
//! - `browser`: what the app asks of the browser (storage, files, clipboard, the export worker, focus);
//! - `i18n`: every user-facing string, Chinese and English;
//! - `js_api`: `window.ziping.evaluate` for other pages;
//! - `recovery`: the screen shown if the app ever panics, offering the last saved form.
//!
//! The UI shows and collects; every number it displays comes from the engine.

#![cfg(target_arch = "wasm32")]

pub use ziping_app_state as state;
pub use ziping_engine as engine;

mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod js_api;
mod recovery;
pub mod store;

pub use app::App;

/// Mounts the app into the page's `<body>` and installs `window.ziping`. Called by `main` on wasm32.
pub fn start() {
    recovery::install();
    js_api::install();
    yew::Renderer::<App>::new().render();
}
