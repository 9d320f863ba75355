//! Everything the web app asks of the browser, apart from the DOM events its components handle:
//! storage, files, focus and the clock (`crates/browser`, shared with the profile editor's page), and
//! the export worker. Every failure comes back as a message for the user, never a panic.

pub use ziping_browser::{files, link, page, storage};
pub mod worker;
