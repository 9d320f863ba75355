//! The web app renders in a real browser (headless Chromium through `wasm-bindgen-test-runner`).
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ziping --target wasm32-unknown-unknown`
//! (`make test` does it).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

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
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn clear_storage() {
    if let Some(s) = web_sys::window().unwrap().local_storage().unwrap() {
        s.clear().unwrap();
    }
}

/// The app rendered with empty storage into a fresh mount point: that element and the app.
async fn render_app() -> (Element, yew::AppHandle<ziping::App>) {
    clear_storage();
    let root = mount_point();
    let app = yew::Renderer::<ziping::App>::with_root(root.clone()).render();
    tick().await;
    (root, app)
}

#[wasm_bindgen_test]
async fn the_start_screen_offers_every_profile_and_the_example() {
    let (root, app) = render_app().await;

    let title = root
        .query_selector("main h1")
        .unwrap()
        .expect("an <h1> is rendered");
    assert_eq!(title.text_content().unwrap(), "Ziping 自评");
    let text = root.text_content().unwrap();
    assert!(
        text.contains("项目支出绩效自评表：填报、计分、核查，全部在浏览器中完成。"),
        "{text:?}"
    );
    for id in [
        "jinzhong-2021",
        "central-2020",
        "budget10-indicators90",
        "department-wide",
    ] {
        assert!(
            root.query_selector(&format!("[data-profile=\"{id}\"]"))
                .unwrap()
                .is_some(),
            "no button for {id}"
        );
    }

    app.destroy();
    tick().await;
    assert_eq!(root.child_element_count(), 0, "the app unmounts cleanly");
}

#[wasm_bindgen_test]
async fn opening_the_example_shows_the_engines_numbers() {
    let (root, app) = render_app().await;
    let button: HtmlElement = root
        .query_selector("[data-testid=open-example]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    tick().await;

    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("{sel}"))
            .text_content()
            .unwrap()
    };
    assert_eq!(text("[data-testid=total] .num-value"), "97.66");
    assert_eq!(text("[data-testid=grade] .num-value"), "优");
    assert_eq!(text("[data-testid=declared-grade]"), "差");
    assert!(text(".findings").contains("grade.contradicts_total"));
    // The declared grade's input says it is wrong, for screen readers too.
    let grade = root
        .query_selector("[data-path=\"declared.grade\"]")
        .unwrap()
        .unwrap();
    assert_eq!(grade.get_attribute("aria-invalid").as_deref(), Some("true"));
    let notes = grade.get_attribute("aria-describedby").unwrap();
    assert!(root
        .query_selector(&format!("#{notes}"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("97.66"));

    app.destroy();
    tick().await;
    clear_storage();
}
