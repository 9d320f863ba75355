//! The profile editor's page: on wasm32, Trunk builds it for profile-editor/index.html and the
//! page's loader starts it. Natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    ziping_profile_editor::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ziping-profiles is the profile editor's page and runs in the browser (`make serve`, then /profile-editor/)");
    std::process::exit(2);
}
