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
