use super::run;
use std::ffi::OsString;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/jinzhong-2021-traffic-police.json"
);
const FORM_A: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/huoqiu-2022-sci-tech-commissioners.json"
);

fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// A file of the test's own (tests run in parallel: each names its files differently).
fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ziping-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

#[test]
fn evaluate_prints_the_result_as_json() {
    let (code, out, _) = cli(&["evaluate", SEED]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["shown"], "97.66");
    assert_eq!(v["grade"]["grade"], "优");
    assert_eq!(v["blocks"][0]["score"]["shown"], "18.66");
    assert_eq!(v["funds"]["execution_rate"]["shown"], "55.28%");
    assert_eq!(v["findings"][0]["code"], "grade.contradicts_total");
}

#[test]
fn check_exits_1_when_a_form_has_errors_and_0_when_none_has() {
    let (code, out, _) = cli(&["check", SEED]);
    assert_eq!(code, 1);
    assert!(
        out.contains("grade.contradicts_total") && out.contains("declared.grade"),
        "{out}"
    );
    assert!(out.contains("计算总分 97.66 等次 优"), "{out}");
    let (code, out, _) = cli(&["check", "--lang", "en", FORM_A]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("computed total 100.00 grade 优"), "{out}");
}

#[test]
fn check_exits_2_with_every_problem_when_a_file_cannot_be_read() {
    let broken = temp_file(
        "broken.json",
        r#"{"format": "ziping-form", "schema_version": 1, "profile": "central-2020", "funds": {"rows": [{"budget": 12.5}]}, "colour": "red"}"#,
    );
    let (code, out, _) = cli(&["check", "--lang", "en", SEED, &broken]);
    assert_eq!(code, 2);
    assert!(
        out.contains("funds.rows[0].budget: the number 12.5 must be written as text"),
        "{out}"
    );
    assert!(out.contains("colour: unknown field \"colour\""), "{out}");
    assert!(
        out.contains("97.66"),
        "the readable file is still reported: {out}"
    );
    let (code, _, err) = cli(&["check", "/nonexistent/form.json"]);
    assert_eq!(code, 2);
    assert!(err.is_empty());
}

#[test]
fn wrong_arguments_exit_2_with_usage() {
    let (code, _, err) = cli(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("frobnicate") && err.contains("Usage:"),
        "{err}"
    );
    let (code, _, err) = cli(&["evaluate"]);
    assert_eq!(code, 2);
    assert!(err.contains("<FILE>") && err.contains("required"), "{err}");
    let (code, _, err) = cli(&["check", "--lang", "fr", SEED]);
    assert_eq!(code, 2);
    assert!(err.contains("fr") && err.contains("zh"), "{err}");
}

#[test]
fn every_subcommand_answers_help() {
    let (code, out, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for sub in ["evaluate", "check", "profiles", "profile", "export"] {
        assert!(out.contains(sub), "{out}");
        let (code, text, err) = cli(&[sub, "--help"]);
        assert_eq!(code, 0, "{sub}: {err}");
        assert!(
            text.contains("Usage: ziping") && text.contains(sub),
            "{sub}: {text}"
        );
    }
    let (_, text, _) = cli(&["check", "--help"]);
    assert!(text.contains("--summary") && text.contains("--xlsx") && text.contains("--lang"));
}

#[test]
#[cfg(unix)]
fn a_device_or_a_pipe_is_read_only_up_to_the_size_limit() {
    // /dev/zero never ends: it is read up to one byte over the limit, then refused.
    for command in ["check", "evaluate"] {
        let (code, out, err) = cli(&[command, "/dev/zero"]);
        assert_eq!(code, 2, "{command}");
        let all = format!("{out}{err}");
        assert!(
            all.contains("/dev/zero: 文件超过 2 MB 上限，未读取"),
            "{command}: {all}"
        );
    }
}

#[test]
fn an_output_is_never_written_over_an_input() {
    let form = temp_file("keep.json", &std::fs::read_to_string(SEED).unwrap());
    let before = std::fs::read(&form).unwrap();
    // `export --xlsx form.json form.json`, and the summary's workbook name left out (so that the
    // first form would be taken for it): refused, nothing written.
    let (code, _, err) = cli(&["export", "--xlsx", &form, &form]);
    assert_eq!(code, 2);
    assert!(err.contains("must end in .xlsx"), "{err}");
    let (code, _, err) = cli(&["check", "--summary", "--xlsx", &form, SEED]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing was written"), "{err}");
    let book = temp_file("same.xlsx", "");
    let (code, _, err) = cli(&["export", "--xlsx", &book, &book]);
    assert_eq!(code, 2);
    assert!(err.contains("is an input"), "{err}");
    assert_eq!(
        std::fs::read(&form).unwrap(),
        before,
        "the input is untouched"
    );
}

#[test]
fn profiles_are_listed_and_printed_and_a_custom_profile_can_be_used() {
    let (code, out, _) = cli(&["profiles"]);
    assert_eq!(code, 0);
    for id in [
        "jinzhong-2021",
        "central-2020",
        "budget10-indicators90",
        "department-wide",
    ] {
        assert!(out.contains(id), "{out}");
    }
    let (code, json, _) = cli(&["profile", "jinzhong-2021"]);
    assert_eq!(code, 0);
    // A user profile: the seed's layout with the budget-execution rate rounded to whole percent first.
    let custom = json.replace(
        "\"completion_places\": 0",
        "\"completion_places\": 0,\n    \"rate_places_before_scoring\": 0",
    );
    assert_ne!(custom, json);
    let path = temp_file("rounded.json", &custom);
    let (code, out, err) = cli(&["evaluate", "--profile", &path, SEED]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 55.28% → 55% → × 3 = 1.65
    assert_eq!(v["blocks"][0]["rows"][5]["score"]["shown"], "1.65");
    let bad = temp_file(
        "bad-profile.json",
        &json.replace("\"weight\": \"20\"", "\"weight\": \"25\""),
    );
    let (code, _, err) = cli(&["evaluate", "--lang", "en", "--profile", &bad, SEED]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is rejected")
            && err.contains("block weights sum to 110, not 100")
            && err.contains("the rows of block \"Input\" sum to 20"),
        "{err}"
    );
}

#[test]
fn export_writes_the_form_as_a_workbook() {
    let out_path = temp_file("seed.xlsx", "");
    let (code, out, err) = cli(&["export", "--xlsx", SEED, &out_path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("total 97.66, grade 优"), "{out}");
    let bytes = std::fs::read(&out_path).unwrap();
    // An xlsx is a zip whose sheet holds the total as a formula with the engine's value cached.
    assert_eq!(&bytes[..2], b"PK");
    let o = ziping_engine::open(
        SEED,
        &std::fs::read(SEED).unwrap(),
        &ziping_engine::Registry::new(),
    )
    .unwrap();
    let same = ziping_xlsx::form_workbook(&o.form, &o.profile, &o.evaluation).unwrap();
    // The same workbook but for its creation time (docProps/core.xml, to the second), which can
    // compress a byte or two differently when the two are made in different seconds.
    assert!(
        bytes.len().abs_diff(same.len()) <= 8,
        "the command writes what the library makes: {} against {} bytes",
        bytes.len(),
        same.len()
    );
    // Wrong arguments: no --xlsx, or a missing output name.
    assert_eq!(cli(&["export", SEED, &out_path]).0, 2);
    assert_eq!(cli(&["export", "--xlsx", SEED]).0, 2);
    // An unreadable form writes nothing and names its problems.
    let bad = temp_file("bad.json", "{\"format\": \"ziping-form\"");
    let target = temp_file("never.xlsx", "");
    std::fs::remove_file(&target).unwrap();
    let (code, _, err) = cli(&["export", "--xlsx", &bad, &target]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be read"), "{err}");
    assert!(!std::path::Path::new(&target).exists());
}

#[test]
fn check_summary_prints_one_table_and_writes_the_review_workbook() {
    let form_b = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/guichi-tangxi-2022-commissioned-business.json"
    );
    let (code, out, err) = cli(&["check", "--summary", SEED, FORM_A, form_b]);
    assert_eq!(code, 1, "the seed has an error: {err}");
    let seed_line = out
        .lines()
        .find(|l| l.contains("交警支队专项业务经费"))
        .unwrap();
    let cells: Vec<&str> = seed_line.split_whitespace().collect();
    // … 填报总分 97.66, 填报等次 差, 计算总分 97.66, 计算等次 优, 差值 0.00, 错误 1, 警告 0
    assert_eq!(
        &cells[cells.len() - 7..],
        ["97.66", "差", "97.66", "优", "0.00", "1", "0"]
    );
    assert!(out.contains("共 3 份"), "{out}");
    assert!(
        out.contains("平均 95.89"),
        "(97.66 + 100.00 + 90.00) ÷ 3: {out}"
    );
    assert!(out.contains("等次分布：优 3"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("  grade.contradicts_total ") && l.ends_with(" 1")),
        "{out}"
    );

    // An unreadable file is listed with its problem; the others still count; exit 2.
    let broken = temp_file("cut-short.json", "{\"format\": ");
    let book = temp_file("summary.xlsx", "");
    let (code, out, _) = cli(&[
        "check",
        "--summary",
        "--lang",
        "en",
        SEED,
        &broken,
        "--xlsx",
        &book,
        FORM_A,
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("2 forms (1 unreadable)"), "{out}");
    assert!(
        out.contains(&format!("unreadable files:\n  {broken}\n")),
        "{out}"
    );
    let bytes = std::fs::read(&book).unwrap();
    assert_eq!(&bytes[..2], b"PK", "the workbook is written");

    assert_eq!(
        cli(&["check", "--xlsx", &book, SEED]).0,
        2,
        "--xlsx needs --summary"
    );
    assert_eq!(
        cli(&["check", "--summary", SEED, "--xlsx"]).0,
        2,
        "--xlsx needs a name"
    );
}

#[test]
fn text_from_a_file_never_drives_the_terminal_or_hides_in_a_message() {
    // A project named with terminal escapes (set the title, clear the screen, recolour) and a
    // stated grade with a zero-width space after 优.
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut form: serde_json::Value = serde_json::from_str(&seed).unwrap();
    form["header"]["project"] = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m红色项目\u{8}".into();
    form["declared"]["grade"] = "优\u{200b}".into();
    let path = temp_file("escapes.json", &form.to_string());
    for args in [
        vec!["check", path.as_str()],
        vec!["check", "--summary", path.as_str()],
    ] {
        let (_, out, err) = cli(&args);
        let all = format!("{out}{err}");
        assert!(
            !all.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: a control character reached the terminal: {all:?}"
        );
        assert!(all.contains("⟨U+001B⟩]0;pwned"), "{args:?}: {all}");
    }
    let (_, out, _) = cli(&["check", &path]);
    assert!(
        out.contains("优⟨U+200B⟩"),
        "the invisible character is shown: {out}"
    );
    // A file name with an escape, in the message of a file that cannot be read.
    let (code, out, err) = cli(&["check", "/nonexistent/\u{1b}[2Jx.json"]);
    assert_eq!(code, 2);
    let all = format!("{out}{err}");
    assert!(
        !all.contains('\u{1b}') && all.contains("⟨U+001B⟩[2Jx.json"),
        "{all}"
    );
}
