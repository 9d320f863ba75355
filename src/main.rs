//! The web app's binary: on wasm32, Trunk builds it and the page's loader starts it. Natively there is
//! nothing to run here: the command line is `ziping` (crates/cli).

#[cfg(target_arch = "wasm32")]
fn main() {
    ziping::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "ziping-app is the web app and runs in the browser (`make serve`); \
         the command line is `ziping` (`cargo run -p ziping-cli -- --help`)"
    );
    std::process::exit(2);
}
