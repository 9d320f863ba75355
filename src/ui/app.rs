//! The first screen. Presentational only: it shows text and computes nothing (numbers come from the
//! engine, never from the UI).

use yew::prelude::*;

/// The app's name as shown on its first screen.
pub const TITLE: &str = "Ziping 自评";
/// One line on what the app does, in Chinese.
pub const LEAD_ZH: &str = "项目支出绩效自评表：填报、计分、核查，全部在浏览器中完成。";
/// The same line in English.
pub const LEAD_EN: &str =
    "Fill in, score and check a project expenditure performance self-evaluation form, all in your browser.";

/// The root component.
#[function_component]
pub fn App() -> Html {
    html! {
        <main class="first-screen">
            <h1 class="app-title">{ TITLE }</h1>
            <p class="lead" lang="zh-CN">{ LEAD_ZH }</p>
            <p class="lead-en" lang="en">{ LEAD_EN }</p>
        </main>
    }
}
