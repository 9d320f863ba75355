//! Ziping's workbook preview: a page of its own, so that the app's first load never carries the
//! workbook reader (calamine) or this screen.
//!
//! The app hands a chosen or dropped workbook over in this tab's session storage
//! (`ziping_browser::storage::hand_over_workbook`) and comes here; a workbook can also be chosen or
//! dropped on this page. It is read through the one workbook intake (`ziping_workbook::open`, with
//! the profiles this browser keeps), and the state is the app's own (`ziping_app_state::AppState`
//! with its `WorkbookAction`s): the forms found, the profile each was recognised as, every field
//! with the cell it came from, the cells not used. Nothing changes until the user accepts; then the
//! chosen form is opened through the intake, saved as a new draft, and the app opens it. Cancelling
//! goes back to the app as it was.
//!
//! - `page`: the root component, the reducer and the effects (the hand-over, the draft, the
//!   language);
//! - `preview`: the preview itself, presentational;
//! - `words`: the page's words, Chinese and English.

#![cfg(target_arch = "wasm32")]

mod page;
mod preview;
mod words;

/// Mounts the page into `<body>`. Called by `main` on wasm32.
pub fn start() {
    yew::Renderer::<page::Page>::new().render();
}
