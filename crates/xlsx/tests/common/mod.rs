//! LibreOffice Calc (headless) as the reader of the workbooks: formulas recalculated on load, each
//! sheet read back as rows of cells as displayed. Needs `soffice` (Debian `libreoffice-calc`,
//! installed by `tools/setup.sh test`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ziping-recalc-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profile/user")).unwrap();
    dir
}

/// Opens the workbook in LibreOffice with "recalculate on load: always" and returns the sheet as
/// shown (cells as displayed, e.g. `97.66`, `55.28%`).
pub fn recalculated(xlsx: &[u8], tag: &str) -> Vec<Vec<String>> {
    recalculated_sheet(xlsx, tag, 1)
}

/// Sheet `sheet` (1-based) of the workbook, recalculated.
pub fn recalculated_sheet(xlsx: &[u8], tag: &str, sheet: u32) -> Vec<Vec<String>> {
    let dir = scratch(tag);
    std::fs::write(
        dir.join("profile/user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    std::fs::write(dir.join("form.xlsx"), xlsx).unwrap();
    // LibreOffice now and then aborts while starting up (WrappedTargetRuntimeException); it is run
    // again then, at most three times in all.
    let mut attempts = 0;
    let (out, csv) = loop {
        attempts += 1;
        let out = convert(&dir, sheet);
        let made = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        match made {
            Some(path) => break (out, std::fs::read_to_string(path).ok()),
            None if attempts < 3 => continue,
            None => break (out, None),
        }
    };
    let csv = csv.unwrap_or_else(|| {
        panic!(
            "LibreOffice made no CSV in {attempts} attempts: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    parse_csv(&csv)
}

/// One run of LibreOffice converting `dir/form.xlsx`'s sheet `sheet` to CSV in `dir`.
fn convert(dir: &std::path::Path, sheet: u32) -> std::process::Output {
    Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to"])
        // Comma, quote, UTF-8, from line 1, …, cells as shown, and the one sheet asked for.
        .arg(format!(
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet}"
        ))
        .arg("--outdir")
        .arg(dir)
        .arg(dir.join("form.xlsx"))
        .output()
        .expect("soffice (LibreOffice Calc) must be installed: tools/setup.sh test installs it")
}

pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
