//! The `ziping` binary. Natively it is the command line (`src/cli/`); compiled to wasm32 by Trunk it
//! mounts the web app (`src/ui/`). Both are thin shells over the same engine (`engine/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    ziping::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = ziping::cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
