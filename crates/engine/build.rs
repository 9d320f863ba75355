//! Compiles the built-in profiles and the example form in without their layout whitespace:
//! `src/profile/builtin/*.json` and `examples/` stay readable in the repository, and the browser
//! downloads them minified (the same values, the same key order).

use std::fs;
use std::path::Path;

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin");
    fs::create_dir_all(&out).expect("OUT_DIR/builtin");
    for name in [
        "jinzhong-2021",
        "central-2020",
        "budget10-indicators90",
        "department-wide",
    ] {
        let src = format!("src/profile/builtin/{name}.json");
        println!("cargo::rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        fs::write(out.join(format!("{name}.json")), minify(&text)).expect("write");
    }
    // The keys of the workbook labels, for the profile reader's check of a profile's `labels`
    // (a list of names: the words themselves are read only where workbooks are read).
    let labels = "src/workbook/labels.json";
    println!("cargo::rerun-if-changed={labels}");
    let text = fs::read_to_string(labels).unwrap_or_else(|e| panic!("{labels}: {e}"));
    let keys: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')?
                .split_once('"')
                .map(|(k, _)| format!("{k:?}"))
        })
        .collect();
    fs::write(out.join("label_keys.rs"), format!("&[{}]", keys.join(", "))).expect("write");
    fs::write(out.join("labels.json"), minify(&text)).expect("write");
    let example = "../../examples/jinzhong-2021-traffic-police.json";
    println!("cargo::rerun-if-changed={example}");
    let text = fs::read_to_string(example).unwrap_or_else(|e| panic!("{example}: {e}"));
    fs::write(out.join("example.json"), minify(&text)).expect("write");
}

/// `text` without whitespace outside strings (the JSON's values and key order are kept exactly).
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
