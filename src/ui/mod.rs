//! The web app (Yew, client-side rendering). Compiled only for wasm32; Trunk builds it from index.html.
//! The UI shows and collects; every number it displays comes from the engine.

mod app;

pub use app::{App, LEAD_EN, LEAD_ZH, TITLE};

/// Mounts the app into the page's `<body>`. Called by `main` on wasm32.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
