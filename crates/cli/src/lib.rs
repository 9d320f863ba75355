//! The command line over the engine (`ziping --help`, and `--help` on every subcommand):
//!
//! ```text
//! ziping evaluate FILE.json [--profile PROFILE.json]            the result as JSON
//! ziping check [--lang zh|en] [--profile P.json] FILE...        the findings as a table
//! ziping check --summary [--xlsx OUT.xlsx] FILE...              one summary of many forms
//! ziping profiles                                               the built-in profiles
//! ziping profile ID                                             one built-in profile as JSON
//! ziping export --xlsx [--profile P.json] FILE.json OUT.xlsx    the form as an Excel workbook
//! ```
//!
//! Every file is read through the engine's intake ([`ziping_engine::intake`]), as the web app reads
//! it, and no file is read beyond the 2 MB limit. Exit codes: 0 success (for `check`: no form has
//! errors), 1 some form has errors, 2 a file cannot be read or the arguments are wrong.

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use ziping_engine::review::{review, Reviewed};
use ziping_engine::{intake, Lang, Opened, Problem, Profile, Registry, Severity, Unreadable};

#[derive(Parser)]
#[command(
    name = "ziping",
    version,
    about = "Ziping (自评): score and check 项目支出绩效自评表 files",
    after_help = "exit codes: 0 ok (check: no form has errors), 1 a form has errors, 2 a file cannot be read or the arguments are wrong"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every derived number of a form, with its explanation, and the findings as JSON
    Evaluate {
        /// The form file (ziping-form JSON, or an .xlsx/.xls/.ods workbook; a workbook with several
        /// forms prints a JSON array)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        rules: Rules,
    },
    /// Print the findings of forms as a table (exit 1 when a form has errors)
    Check {
        /// The form files (ziping-form JSON, or .xlsx/.xls/.ods workbooks)
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        rules: Rules,
        /// One table for all the files, as the review desk shows it: a line per form, the totals
        /// and averages, the grade distribution and the finding counts
        #[arg(long)]
        summary: bool,
        /// With --summary: also write the review desk's workbook to this file
        #[arg(long, value_name = "OUT.xlsx", requires = "summary")]
        xlsx: Option<PathBuf>,
    },
    /// List the built-in rule profiles
    Profiles,
    /// Print a built-in rule profile as JSON (a start for a custom profile)
    Profile {
        /// The profile's id (see `ziping profiles`)
        id: String,
    },
    /// Write a form as an Excel workbook in its profile's layout, with live formulas
    Export {
        /// Write an Excel workbook (the one output there is)
        #[arg(long, required = true)]
        xlsx: bool,
        /// The form file
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        /// The workbook to write
        #[arg(value_name = "OUT.xlsx")]
        out: PathBuf,
        #[command(flatten)]
        rules: Rules,
    },
}

/// Options every command that reads forms takes.
#[derive(clap::Args)]
struct Rules {
    /// Score with this rule profile file instead of the profile the form names
    #[arg(long, value_name = "PROFILE.json")]
    profile: Option<PathBuf>,
    /// The language of messages
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// For a workbook: print which profile was recognised, every field with the cell it was read
    /// from, and the cells that were not used (to standard error for `evaluate`, whose output is JSON)
    #[arg(long)]
    explain_import: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Runs the command line with `args` (without the program name) and returns the exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(
        std::iter::once(OsString::from("ziping")).chain(args.iter().cloned()),
    ) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are answers, not errors.
            let text = e.render().to_string();
            return if e.use_stderr() {
                let _ = write!(err, "{text}");
                2
            } else {
                let _ = write!(out, "{text}");
                0
            };
        }
    };
    // Text from files goes to a terminal: written into a buffer first, then with every control
    // character and every invisible one shown as an escape (JSON output escapes its own).
    let mut text = Vec::new();
    let (result, json) = match cli.command {
        Command::Evaluate { file, rules } => {
            // The workbook's reading, if asked for, goes to standard error: the output is JSON.
            let mut how = Vec::new();
            let r = evaluate(&file, &rules, out, &mut how);
            let _ = err.write_all(for_terminal(&String::from_utf8_lossy(&how)).as_bytes());
            (r, true)
        }
        Command::Check {
            files,
            rules,
            summary: true,
            xlsx,
        } => (
            check_summary(&files, &rules, xlsx.as_deref(), &mut text),
            false,
        ),
        Command::Check { files, rules, .. } => (check(&files, &rules, &mut text), false),
        Command::Profiles => (profiles(&mut text), false),
        Command::Profile { id } => (profile(&id, out), true),
        Command::Export {
            file,
            out: target,
            rules,
            ..
        } => (export(&file, &target, &rules, &mut text), false),
    };
    if !json {
        let _ = out.write_all(for_terminal(&String::from_utf8_lossy(&text)).as_bytes());
    }
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "ziping: {}", for_terminal(&message));
            2
        }
    }
}

/// Text for a terminal: control characters (ESC, BEL, backspace, carriage return …) and characters
/// that do not show (zero-width spaces and joiners, bidirectional controls, soft hyphens, byte-order
/// marks) written as their code points (`⟨U+001B⟩`, `⟨U+202E⟩`, as the engine's messages write them), so that a form's text can neither drive the
/// terminal nor hide in a message. Line breaks stay.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n') || invisible(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that take no room on screen and can make two texts that look alike differ.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}')
}

/// A file's bytes, reading at most one byte more than the intake's limit (so that a pipe or a
/// device is never read without end; the intake then refuses what is too large).
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(ziping_engine::format::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    // A workbook may be larger than a form file: read on, to the workbook reader's limit.
    if intake::is_workbook(&bytes) {
        let more = ziping_workbook::MAX_WORKBOOK_BYTES.saturating_sub(bytes.len()) as u64 + 1;
        file.take(more).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The registry of a command: the built-in profiles, and the one given with `--profile`.
struct Setup {
    registry: Registry,
    profile: Option<Rc<Profile>>,
    lang: Lang,
    explain: bool,
}

fn setup(rules: &Rules) -> Result<Setup, String> {
    let lang = Lang::from(rules.lang);
    let mut registry = Registry::new();
    let profile = match &rules.profile {
        None => None,
        Some(path) => {
            let name = path.display().to_string();
            let bytes =
                read_bounded(path).map_err(|e| format!("cannot read profile {name}: {e}"))?;
            let p = intake::open_profile(&name, &bytes).map_err(|u| {
                format!("profile {name} is rejected:\n{}", lines(&u.problems, lang))
            })?;
            // A profile that takes a built-in id is used for this run as given, but never
            // replaces the built-in one for forms it was not asked for.
            match registry.add(p.clone()) {
                Ok(p) => Some(p),
                Err(_) => Some(Rc::new(p)),
            }
        }
    };
    Ok(Setup {
        registry,
        profile,
        lang,
        explain: rules.explain_import,
    })
}

/// Every problem on its own line, at its path.
fn lines(problems: &[Problem], lang: Lang) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("  {}", p.line(lang)))
        .collect();
    lines.join("\n")
}

/// Reads and evaluates one file through the intake: a form file, or the forms of a workbook (each
/// with how it was read, for `--explain-import`).
fn open(path: &Path, s: &Setup) -> Result<Vec<(Opened, Option<String>)>, Unreadable> {
    let name = path.display().to_string();
    let bytes = read_bounded(path).map_err(|e| {
        Unreadable::new(
            &name,
            vec![Problem::file(format!("无法读取：{e}"), e.to_string())],
        )
    })?;
    if !intake::is_workbook(&bytes) {
        return Ok(vec![(
            intake::open_with(&name, &bytes, &s.registry, s.profile.as_ref())?,
            None,
        )]);
    }
    let book = ziping_workbook::open(&name, &bytes, &s.registry)?;
    let mut out = Vec::new();
    for (found, opened) in book.forms {
        let opened = match &s.profile {
            // Scored with the profile given, as a form file would be.
            Some(p) => {
                let text = ziping_engine::to_json(&opened.form);
                intake::open_with(&opened.file, text.as_bytes(), &s.registry, Some(p))?
            }
            None => opened,
        };
        out.push((opened, Some(explain(&found, s.lang))));
    }
    Ok(out)
}

/// How a workbook's form was read: the profile, every field with its cell, the cells not used.
fn explain(found: &ziping_engine::workbook::Found, lang: Lang) -> String {
    let mut text = String::new();
    let (zh, en) = (lang == Lang::Zh, lang == Lang::En);
    let _ = en;
    let head = if zh {
        format!(
            "工作表“{}”第 {}–{} 行：识别为 {}（{}）",
            found.sheet, found.rows.0, found.rows.1, found.profile.name.zh, found.profile.id
        )
    } else {
        format!(
            "sheet “{}”, rows {}–{}: recognised as {} ({})",
            found.sheet, found.rows.0, found.rows.1, found.profile.name.en, found.profile.id
        )
    };
    text.push_str(&head);
    text.push('\n');
    for n in &found.notes {
        text.push_str(&format!("  {}\n", n.get(lang)));
    }
    for line in found.mapping_lines(lang) {
        text.push_str(&format!("  {line}\n"));
    }
    if !found.unused.is_empty() {
        text.push_str(if zh {
            "未使用的单元格：\n"
        } else {
            "cells not used:\n"
        });
        for u in &found.unused {
            text.push_str(&format!(
                "  {} “{}”\n",
                u.cell,
                ziping_engine::text::quote(&u.shown)
            ));
        }
        if found.unused_more > 0 {
            text.push_str(&if zh {
                format!("  另有 {} 个\n", found.unused_more)
            } else {
                format!("  and {} more\n", found.unused_more)
            });
        }
    }
    text
}

/// The message for a file that cannot be read.
fn unreadable_message(u: &Unreadable, lang: Lang) -> String {
    if let [p] = u.problems.as_slice() {
        if p.path.is_file() {
            return format!("{}: {}", u.file, p.message.get(lang));
        }
    }
    let n = u.problems.len();
    format!(
        "{} cannot be read ({n} problem{}):\n{}",
        u.file,
        if n == 1 { "" } else { "s" },
        lines(&u.problems, lang)
    )
}

fn evaluate(
    file: &Path,
    rules: &Rules,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let s = setup(rules)?;
    let forms = open(file, &s).map_err(|u| unreadable_message(&u, s.lang))?;
    if s.explain {
        for (_, how) in &forms {
            if let Some(how) = how {
                write!(err, "{how}").map_err(|e| e.to_string())?;
            }
        }
    }
    let json = match forms.as_slice() {
        [(o, _)] => serde_json::to_string_pretty(&o.evaluation),
        many => serde_json::to_string_pretty(
            &many.iter().map(|(o, _)| &o.evaluation).collect::<Vec<_>>(),
        ),
    }
    .map_err(|e| e.to_string())?;
    writeln!(out, "{json}").map_err(|e| e.to_string())?;
    Ok(0)
}

fn check(files: &[PathBuf], rules: &Rules, out: &mut dyn Write) -> Result<i32, String> {
    let s = setup(rules)?;
    let mut code = 0;
    let mut unreadable = false;
    for (i, file) in files.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(|e| e.to_string())?;
        }
        let text = match open(file, &s) {
            Ok(forms) => {
                let mut text = String::new();
                for (k, (o, how)) in forms.iter().enumerate() {
                    if o.evaluation
                        .findings
                        .iter()
                        .any(|f| f.severity == Severity::Error)
                    {
                        code = 1;
                    }
                    if k > 0 {
                        text.push('\n');
                    }
                    if let (true, Some(how)) = (s.explain, how) {
                        text.push_str(how);
                        text.push('\n');
                    }
                    text.push_str(&ziping_outputs::report(
                        &o.file,
                        &o.form,
                        &o.evaluation,
                        s.lang,
                    ));
                }
                text
            }
            Err(u) => {
                unreadable = true;
                format!("{}\n", unreadable_message(&u, s.lang))
            }
        };
        write!(out, "{text}").map_err(|e| e.to_string())?;
    }
    Ok(if unreadable { 2 } else { code })
}

/// `check --summary`: every file read and evaluated, one table for all (as the review desk shows).
fn check_summary(
    files: &[PathBuf],
    rules: &Rules,
    workbook: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32, String> {
    if let Some(target) = workbook {
        writable(target, files, "--xlsx")?;
    }
    let s = setup(rules)?;
    let mut rows: Vec<Reviewed> = Vec::new();
    let mut unreadable = Vec::new();
    for file in files {
        match open(file, &s) {
            Ok(forms) => {
                for (o, how) in forms {
                    if let (true, Some(how)) = (s.explain, how) {
                        write!(out, "{how}").map_err(|e| e.to_string())?;
                    }
                    rows.push(review(o));
                }
            }
            Err(u) => unreadable.push(u),
        }
    }
    let refs: Vec<&Reviewed> = rows.iter().collect();
    write!(
        out,
        "{}",
        ziping_outputs::summary(&refs, &unreadable, s.lang)
    )
    .map_err(|e| e.to_string())?;
    if let Some(target) = workbook {
        let bytes = ziping_xlsx::summary_workbook(&refs, &unreadable)
            .map_err(|e| e.0.get(s.lang).to_string())?;
        std::fs::write(target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        writeln!(out, "→ {}", target.display()).map_err(|e| e.to_string())?;
        // Forms a workbook cannot hold are in the text summary above, but not in the workbook.
        for u in ziping_xlsx::left_out(&refs) {
            writeln!(out, "{}", unreadable_message(&u, s.lang)).map_err(|e| e.to_string())?;
        }
    }
    Ok(if !unreadable.is_empty() {
        2
    } else if rows.iter().any(|r| r.counts.errors > 0) {
        1
    } else {
        0
    })
}

/// Refuses to write `target` over one of `inputs`, or to write a workbook under another name than
/// `.xlsx` (`check --summary --xlsx 表格/*.json` would otherwise take the first form as the output).
fn writable(target: &Path, inputs: &[PathBuf], option: &str) -> Result<(), String> {
    let is_xlsx = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(format!(
            "{option} writes an Excel workbook: its name must end in .xlsx, not \"{}\" (nothing was written)",
            target.display()
        ));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    if let Some(input) = inputs.iter().find(|i| same(i, target)) {
        return Err(format!(
            "{} is an input: it is never written over (nothing was written)",
            input.display()
        ));
    }
    Ok(())
}

fn export(file: &Path, target: &Path, rules: &Rules, out: &mut dyn Write) -> Result<i32, String> {
    writable(target, &[file.to_path_buf()], "export --xlsx")?;
    let s = setup(rules)?;
    let forms = open(file, &s).map_err(|u| unreadable_message(&u, s.lang))?;
    let [(o, _)] = forms.as_slice() else {
        return Err(format!(
            "{}: the workbook holds {} forms; export writes one (export each from its own file)",
            file.display(),
            forms.len()
        ));
    };
    let bytes = ziping_xlsx::form_workbook(&o.form, &o.profile, &o.evaluation)
        .map_err(|e| format!("{}: {}", file.display(), e.0.get(s.lang)))?;
    std::fs::write(target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    writeln!(
        out,
        "{} → {}: total {}, grade {}",
        file.display(),
        target.display(),
        o.evaluation.total.shown(),
        o.evaluation
            .grade
            .as_ref()
            .map_or("—", |g| g.grade.as_str())
    )
    .map_err(|e| e.to_string())?;
    Ok(0)
}

fn profiles(out: &mut dyn Write) -> Result<i32, String> {
    for p in Registry::new().builtins() {
        writeln!(out, "{:<24} {}  ({})", p.id, p.name.zh, p.name.en).map_err(|e| e.to_string())?;
    }
    Ok(0)
}

fn profile(id: &str, out: &mut dyn Write) -> Result<i32, String> {
    let registry = Registry::new();
    let p = registry
        .builtins()
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| format!("no built-in profile \"{id}\" (see `ziping profiles`)"))?;
    write!(out, "{}", p.to_json()).map_err(|e| e.to_string())?;
    Ok(0)
}

#[cfg(test)]
mod tests;
