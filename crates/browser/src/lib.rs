//! What Ziping's pages ask of the browser, apart from the DOM events their components handle: this
//! browser's storage, files chosen, dropped and downloaded, focus, scrolling, printing and the clock.
//! Every failure comes back as a message for the user, never a panic.
//!
//! Two pages use it: the app (the root crate) and the profile editor (`crates/profile-editor`), which
//! share what this browser keeps (drafts, imported profiles, the language) through [`storage`].
//! Compiled for wasm32 only; natively it is empty.

#![cfg(target_arch = "wasm32")]
#![forbid(unsafe_code)]

pub mod files;
pub mod link;
pub mod page;
pub mod storage;
