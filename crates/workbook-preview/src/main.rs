//! The workbook preview's page: on wasm32, Trunk builds it for workbook-preview/index.html and the
//! page's loader starts it. Natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    ziping_workbook_preview::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ziping-workbook-preview is the app's workbook preview page and runs in the browser; on the command line use `ziping check --explain-import FILE.xlsx`");
    std::process::exit(2);
}
