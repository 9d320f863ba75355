//! Everything the web app asks of the browser, apart from the DOM events its components handle:
//! storage, files and the clipboard, the export worker, focus, scrolling, printing and the clock.
//! Every failure comes back as a message for the user, never a panic.

pub mod files;
pub mod page;
pub mod storage;
pub mod worker;
