//! Ziping's profile editor: a page of its own, so that the app's first load never carries it.
//!
//! A clerk whose province uses another layout starts from a built-in profile (the app's start screen
//! links here with `#new=<built-in id>`, or `#edit=<id>` for a profile this browser keeps), changes
//! block weights, grade bands, row labels and methods, and sees a sample form re-scored as they type,
//! with the validator's problems at their paths. Saved profiles go to this browser's storage, where
//! the app's page reads them (`ziping_browser::storage`); export writes a file that `extends` its
//! built-in with only what differs.
//!
//! - `page`: the root component, holding the one reducer (`ziping_app_state::ProfilePage`) and the
//!   effects around it (storage, the language, the sample draft, the address);
//! - `editor`: the editor's presentational components, drawn from a description of its rows;
//! - `words`: every user-facing string of the page, Chinese and English;
//! - `recovery`: the screen shown should the page ever stop, offering the profile being written.

#![cfg(target_arch = "wasm32")]

mod editor;
mod page;
mod recovery;
mod words;

/// Mounts the page into `<body>`. Called by `main` on wasm32.
pub fn start() {
    recovery::install();
    #[cfg(feature = "panic-test")]
    recovery::install_test_hook();
    yew::Renderer::<page::Page>::new().render();
}
