//! The web app renders in a real browser (headless Chromium through `wasm-bindgen-test-runner`).
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ziping --target wasm32-unknown-unknown`
//! (`make test` does it).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element appended to the test page's body, to render into.
fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler run: rendering happens after the current task.
async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

#[wasm_bindgen_test]
async fn first_screen_shows_title_and_description() {
    let root = mount_point();
    let app = yew::Renderer::<ziping::ui::App>::with_root(root.clone()).render();
    tick().await;

    let title = root
        .query_selector("h1")
        .unwrap()
        .expect("an <h1> is rendered");
    assert_eq!(title.text_content().unwrap(), "Ziping 自评");

    let text = root.text_content().unwrap();
    assert!(
        text.contains("项目支出绩效自评表：填报、计分、核查，全部在浏览器中完成。"),
        "Chinese description missing from {text:?}"
    );
    assert!(
        text.contains("all in your browser"),
        "English line missing from {text:?}"
    );

    app.destroy();
    tick().await;
    assert_eq!(root.child_element_count(), 0, "the app unmounts cleanly");
}
