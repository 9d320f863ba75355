//! The build's pinned versions agree with tools/versions.env, the release build keeps its settings, and
//! the pure crates stay free of web dependencies, unsafe
//! code and (in the engine) floats, and the page never turns text into markup. Native only: it reads the repository's files.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {}: {e}", full.display()))
}

/// `KEY=value` lines of tools/versions.env, quotes removed.
fn versions() -> BTreeMap<String, String> {
    read("tools/versions.env")
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        .collect()
}

fn version(key: &str) -> String {
    versions()
        .remove(key)
        .unwrap_or_else(|| panic!("tools/versions.env has no {key}"))
}

/// The versions Cargo.lock holds of package `name`.
fn locked_versions(name: &str) -> Vec<String> {
    read("Cargo.lock")
        .split("[[package]]")
        .filter(|block| block.contains(&format!("\nname = \"{name}\"\n")))
        .filter_map(|block| block.lines().find_map(|l| l.strip_prefix("version = ")))
        .map(|v| v.trim_matches('"').to_owned())
        .collect()
}

/// The value of `"name": "..."` in package.json's devDependencies.
fn npm_pin(name: &str) -> String {
    let json = read("package.json");
    let key = format!("\"{name}\": \"");
    let start = json
        .find(&key)
        .unwrap_or_else(|| panic!("package.json does not pin {name}"))
        + key.len();
    json[start..].split('"').next().unwrap().to_owned()
}

#[test]
fn wasm_bindgen_is_pinned_exactly_and_locked_at_the_cli_version() {
    let pinned = version("WASM_BINDGEN_VERSION");
    assert!(
        read("Cargo.toml").contains(&format!("wasm-bindgen = \"={pinned}\"")),
        "Cargo.toml must pin wasm-bindgen = \"={pinned}\""
    );
    assert_eq!(
        locked_versions("wasm-bindgen"),
        vec![pinned],
        "Cargo.lock's wasm-bindgen"
    );
}

#[test]
fn trunk_and_wasm_opt_versions_agree_with_versions_env() {
    let trunk_toml = read("Trunk.toml");
    assert!(
        trunk_toml.contains(&format!(
            "trunk-version = \"^{}\"",
            version("TRUNK_VERSION")
        )),
        "Trunk.toml trunk-version"
    );
    assert!(
        trunk_toml.contains(&format!("wasm_opt = \"{}\"", version("WASM_OPT_VERSION"))),
        "Trunk.toml [tools] wasm_opt"
    );
    let binaryen = version("BINARYEN_NPM_VERSION");
    assert_eq!(npm_pin("binaryen"), binaryen);
    assert_eq!(
        format!("version_{}", binaryen.split('.').next().unwrap()),
        version("WASM_OPT_VERSION"),
        "binaryen's major version is wasm-opt's version"
    );
    assert_eq!(
        npm_pin("playwright-core"),
        version("PLAYWRIGHT_CORE_VERSION")
    );
    assert_eq!(npm_pin("axe-core"), version("AXE_CORE_VERSION"));
    let npm_lock = read("package-lock.json");
    for (name, key) in [
        ("binaryen", "BINARYEN_NPM_VERSION"),
        ("playwright-core", "PLAYWRIGHT_CORE_VERSION"),
        ("axe-core", "AXE_CORE_VERSION"),
    ] {
        let entry = format!(
            "\"node_modules/{name}\": {{\n      \"version\": \"{}\"",
            version(key)
        );
        assert!(
            npm_lock.contains(&entry),
            "package-lock.json must lock {name} at {}",
            version(key)
        );
    }
}

#[test]
fn release_build_keeps_wasm_opt_flags_relative_base_and_file_loader() {
    let html = read("index.html");
    assert!(
        html.contains("<base data-trunk-public-url />"),
        "index.html <base>"
    );
    assert!(html.contains(r#"data-wasm-opt="z""#), "wasm-opt -Oz");
    // The browser build uses the size-optimised cargo profile (native release is tuned for speed).
    assert!(
        html.contains(r#"data-cargo-profile-release="wasm-release""#),
        "index.html selects the wasm-release profile"
    );
    let cargo_toml = read("Cargo.toml");
    let profile = cargo_toml
        .split("[profile.wasm-release]")
        .nth(1)
        .expect("Cargo.toml has [profile.wasm-release]");
    let profile = profile.split("\n[").next().unwrap();
    assert!(
        profile.contains(r#"opt-level = "z""#),
        "wasm-release optimises for size"
    );
    for flag in [
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-reference-types",
        "--enable-multivalue",
    ] {
        assert!(
            html.contains(flag),
            "index.html data-wasm-opt-params lacks {flag}"
        );
    }
    assert!(
        !html.contains("<script"),
        "index.html must not carry scripts: the app loads from static/loader.js"
    );
    assert!(read("Trunk.toml").contains(r#"src="{base}loader.js""#));
    assert!(read("Makefile").contains("--public-url ./"));
}

/// The crates that never depend on a web crate, on any target, and the dependency `cargo tree` must
/// list for each (proof that the tree was read).
const PURE: [(&str, &str); 3] = [
    ("ziping-engine", "rust_decimal"),
    ("ziping-app-state", "ziping-engine"),
    ("ziping-outputs", "ziping-engine"),
];

const WEB: [&str; 6] = [
    "yew",
    "web-sys",
    "wasm-bindgen",
    "js-sys",
    "gloo",
    "wasm-bindgen-futures",
];

#[test]
fn engine_app_state_outputs_and_cli_depend_on_nothing_web_even_indirectly() {
    for (package, expected) in PURE {
        let crates = tree(package, &["--target", "all"]);
        assert!(
            crates.contains(expected),
            "cargo tree listed {package}'s dependencies"
        );
        for web in WEB {
            assert!(!crates.contains(web), "{package} depends on {web}");
        }
    }
    // The command line and the xlsx crate run on the host: they are checked there (on wasm32 the zip
    // crate under rust_xlsxwriter takes its randomness from JavaScript). rust_xlsxwriter's `wasm`
    // feature (JavaScript's clock for the workbook's date) is the export worker's choice: the xlsx
    // crate's own manifest must not ask for it.
    for (package, expected) in [
        ("ziping-xlsx", "rust_xlsxwriter"),
        ("ziping-cli", "clap"),
        ("ziping-workbook", "calamine"),
    ] {
        let crates = tree(package, &[]);
        assert!(
            crates.contains(expected),
            "cargo tree listed {package}'s dependencies"
        );
        for web in WEB {
            assert!(!crates.contains(web), "{package} depends on {web}");
        }
    }
    assert!(
        !read("crates/xlsx/Cargo.toml").contains("wasm"),
        "crates/xlsx/Cargo.toml asks for something web"
    );
}

#[test]
fn the_page_never_links_the_xlsx_writer() {
    // What the page never loads is a fact of the crate graph: the web app's crate (the page) does not
    // depend on the xlsx crate or on rust_xlsxwriter, in the browser or anywhere else.
    let crates = tree("ziping", &["--target", "wasm32-unknown-unknown"]);
    assert!(
        crates.contains("yew"),
        "cargo tree listed the web app's dependencies"
    );
    for xlsx in [
        "ziping-xlsx",
        "rust_xlsxwriter",
        "ziping-export-worker",
        "ziping-cli",
    ] {
        assert!(!crates.contains(xlsx), "the web app depends on {xlsx}");
    }
    // The worker is the one crate that does.
    assert!(tree(
        "ziping-export-worker",
        &["--target", "wasm32-unknown-unknown"]
    )
    .contains("rust_xlsxwriter"));
}

#[test]
fn the_page_never_links_the_workbook_reader() {
    // Workbooks are read in the import worker (the review desk, `window.ziping.readWorkbook`) and on
    // the workbook preview page, each its own module: the app's crate depends on neither, nor on
    // calamine.
    let page = tree("ziping", &["--target", "wasm32-unknown-unknown"]);
    for never in [
        "ziping-workbook",
        "calamine",
        "ziping-import-worker",
        "ziping-workbook-preview",
        "zip",
        "quick-xml",
    ] {
        assert!(!page.contains(never), "the web app depends on {never}");
    }
    for (module, needs) in [
        ("ziping-import-worker", "calamine"),
        ("ziping-workbook-preview", "calamine"),
    ] {
        let crates = tree(module, &["--target", "wasm32-unknown-unknown"]);
        assert!(crates.contains(needs), "{module} reads workbooks");
        for never in ["ziping", "ziping-xlsx", "rust_xlsxwriter"] {
            assert!(!crates.contains(never), "{module} depends on {never}");
        }
    }
    // The worker and the page are built into every build of the app.
    assert!(read("index.html").contains("data-bin=\"ziping-import\""));
    let html = read("workbook-preview/index.html");
    assert!(html.contains("data-bin=\"ziping-workbook-preview\""));
    assert!(html.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(read("tools/build-pages.sh").contains("workbook-preview"));
}

#[test]
fn the_page_never_links_the_profile_editor() {
    // The profile editor is a page of its own (profile-editor/index.html): the app's crate does not
    // depend on it, so the app's first load never carries its components.
    let page = tree("ziping", &["--target", "wasm32-unknown-unknown"]);
    assert!(
        page.contains("ziping-browser"),
        "the app shares crates/browser"
    );
    assert!(
        !page.contains("ziping-profile-editor"),
        "the web app depends on the profile editor"
    );
    let editor = tree(
        "ziping-profile-editor",
        &["--target", "wasm32-unknown-unknown"],
    );
    for never in ["ziping", "ziping-xlsx", "rust_xlsxwriter", "ziping-outputs"] {
        assert!(
            !editor.contains(never),
            "the profile editor depends on {never}"
        );
    }
    // Trunk builds it into every build of the app, from its own page.
    let trunk = read("Trunk.toml");
    assert!(trunk.contains("tools/build-pages.sh"));
    let html = read("profile-editor/index.html");
    assert!(html.contains("data-bin=\"ziping-profiles\""));
    assert!(html.contains("script-src 'self' 'wasm-unsafe-eval'"));
}

#[test]
fn the_engine_writes_no_workbook_and_reads_no_browser() {
    let manifest = read("crates/engine/Cargo.toml");
    assert!(
        !manifest.contains("rust_xlsxwriter"),
        "workbooks belong to crates/xlsx"
    );
}

/// The names of the crates `package` depends on (normal and build dependencies, as enabled), with
/// `args` (e.g. a target) passed to `cargo tree`.
fn tree(package: &str, args: &[&str]) -> BTreeSet<String> {
    // `cargo tree` shows the dependencies actually enabled (Cargo.lock also lists optional
    // dependencies that are switched off). Not --offline: on a fresh machine the sources of other
    // targets' dependencies may not be downloaded yet.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = std::process::Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "-p", package, "-e", "normal,build"])
        .args(args)
        .args(["--prefix", "none", "--locked"])
        .output()
        .expect("running cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split(' ').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn pure_crates_sources_name_no_web_crate() {
    let mut found = Vec::new();
    for dir in [
        "crates/engine/src",
        "crates/app-state/src",
        "crates/outputs/src",
        "crates/xlsx/src",
        "crates/cli/src",
    ] {
        for (file, text) in sources(dir) {
            for name in ["yew", "web_sys", "wasm_bindgen", "js_sys", "gloo"] {
                let hit = code_lines(&text).any(|(_, code)| {
                    code.contains(&format!("{name}::"))
                        || code.contains(&format!("extern crate {name}"))
                });
                if hit {
                    found.push(format!("{file} uses {name}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Every `.rs` file under `dir` (relative to the workspace), with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    fn visit(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// The lines of `text` that are code (comments cut off), with their numbers.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap()))
}

#[test]
fn every_crate_but_the_web_shells_forbids_unsafe_code() {
    for krate in [
        "engine",
        "app-state",
        "outputs",
        "xlsx",
        "cli",
        "export-worker",
        "browser",
    ] {
        let lib = read(&format!("crates/{krate}/src/lib.rs"));
        assert!(
            lib.lines().any(|l| l.trim() == "#![forbid(unsafe_code)]"),
            "crates/{krate}/src/lib.rs does not forbid unsafe code"
        );
    }
}

#[test]
fn the_page_never_turns_text_into_markup() {
    // Yew escapes every text it renders; these are the ways around that.
    let ways = [
        "inner_html",
        "from_html_unchecked",
        "outer_html",
        "insert_adjacent_html",
        "document_write",
    ];
    let mut found = Vec::new();
    for (file, text) in sources("src")
        .into_iter()
        .chain(sources("crates/export-worker/src"))
        .chain(sources("crates/browser/src"))
        .chain(sources("crates/profile-editor/src"))
    {
        for (n, code) in code_lines(&text) {
            for way in ways {
                if code.contains(way) {
                    found.push(format!("{file}:{n}: {way}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_engine_has_no_floating_point_but_the_json_visitor() {
    // Money and scores are decimals. The one float is serde's callback for a JSON number written
    // with a fraction, which the reader keeps as JSON (and refuses where a decimal string is due).
    let mut found = Vec::new();
    for (file, text) in sources("crates/engine/src") {
        for (n, code) in code_lines(&text) {
            if code.contains("f64") || code.contains("f32") {
                let file = file.rsplit("crates/").next().unwrap();
                found.push((format!("{file}: {}", code.trim()), n));
            }
        }
    }
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        lines,
        [
            "engine/src/reader.rs: fn visit_f64<E>(self, v: f64) -> Result<Value, E> {",
            "engine/src/reader.rs: Ok(Number::from_f64(v)"
        ],
        "floats in the engine (at lines {:?})",
        found.iter().map(|(_, n)| n).collect::<Vec<_>>()
    );
}
