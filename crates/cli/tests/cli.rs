//! The built `ziping` binary, run as a user would run it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn the_binary_checks_the_seed_and_exits_1_for_its_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_ziping"))
        .args([
            "check",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/jinzhong-2021-traffic-police.json"
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("grade.contradicts_total"), "{text}");
}

#[test]
fn the_binary_evaluates_to_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_ziping"))
        .args([
            "evaluate",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/jinzhong-2021-traffic-police.json"
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"]["shown"], "97.66");
}

const WORKBOOKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../workbook/tests/workbooks");
const BAD_WORKBOOKS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../workbook/tests/bad_workbooks"
);

fn ziping(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ziping"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_workbook_is_checked_and_its_reading_explained() {
    let file = format!("{WORKBOOKS}/jinzhong-agency.xls");
    let (code, out, _) = ziping(&["check", "--explain-import", &file]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("识别为 晋中市财政支出项目绩效自评表"), "{out}");
    assert!(
        out.contains("预算下达资金 ← 自评表!E10 “9,699,400元”"),
        "{out}"
    );
    assert!(
        out.contains("未使用的单元格") && out.contains("注：1. 金额单位为万元"),
        "{out}"
    );
    assert!(out.contains("grade.contradicts_total"), "{out}");
    let (_, out, _) = ziping(&["check", "--explain-import", "--lang", "en", &file]);
    assert!(
        out.contains("recognised as") && out.contains("cells not used"),
        "{out}"
    );
}

#[test]
fn evaluate_prints_a_workbooks_forms_as_json_and_its_reading_on_standard_error() {
    let (code, out, err) = ziping(&[
        "evaluate",
        "--explain-import",
        &format!("{WORKBOOKS}/central-two-forms.xlsx"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let totals: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["total"]["shown"].as_str().unwrap())
        .collect();
    assert_eq!(totals, ["99.00", "98.00"]);
    assert!(err.contains("汇总!C3") && err.contains("识别为"), "{err}");
}

#[test]
fn a_summary_over_forms_and_workbooks_reads_every_file_it_can() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/jinzhong-2021-traffic-police.json"
    );
    let (code, out, _) = ziping(&[
        "check",
        "--summary",
        seed,
        &format!("{WORKBOOKS}/central-two-forms.ods"),
        &format!("{WORKBOOKS}/budget10-per-sheet.xlsx"),
        &format!("{WORKBOOKS}/not-a-form.xls"),
        &format!("{BAD_WORKBOOKS}/zip-bomb.xlsx"),
        &format!("{BAD_WORKBOOKS}/encrypted.xlsx"),
    ]);
    assert_eq!(code, Some(2), "unreadable files exit 2: {out}");
    for project in [
        "交警支队专项业务经费",
        "国省干线公路养护",
        "农村公路养护",
        "新品种推广",
        "示范基地建设",
    ] {
        assert!(out.contains(project), "{project}: {out}");
    }
    assert!(
        out.contains("未找到自评表") && out.contains("压缩炸弹") && out.contains("密码"),
        "{out}"
    );
}
