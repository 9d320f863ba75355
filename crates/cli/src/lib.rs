//! The command line over the engine:
//!
//! ```text
//! ziping evaluate FILE.json [--profile PROFILE.json]     the result as JSON
//! ziping check [--lang en] [--profile P.json] FILE...    the findings as a table
//! ziping check --summary [--xlsx OUT.xlsx] FILE...       one summary of many forms (review desk)
//! ziping profiles                                        the built-in profiles
//! ziping profile ID                                      one built-in profile as JSON
//! ziping export --xlsx FILE.json OUT.xlsx                the form as an Excel workbook
//! ```
//!
//! Exit codes: 0 success (for `check`: no form has errors), 1 some form has errors, 2 a file cannot be
//! read or the arguments are wrong.

mod table;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use ziping_engine::{evaluate_file, Evaluation, Form, Profile, Severity};

const USAGE: &str = "\
Ziping (自评) — score and check 项目支出绩效自评表 files

usage:
  ziping evaluate FILE.json [--profile PROFILE.json]   print every derived number as JSON
  ziping check [--lang zh|en] [--profile PROFILE.json] FILE...
                                                       print the findings as a table
  ziping check --summary [--xlsx OUT.xlsx] FILE...     one summary line per form, the totals and
                                                       averages, grades and finding counts; --xlsx
                                                       also writes the review desk's workbook
  ziping profiles                                      list the built-in rule profiles
  ziping profile ID                                    print a built-in profile as JSON
  ziping export --xlsx [--profile PROFILE.json] FILE.json OUT.xlsx
                                                       write the form as an Excel workbook in its
                                                       profile's layout, with live formulas

exit codes: 0 ok (check: no form has errors), 1 a form has errors, 2 a file cannot be read
";

/// Runs the command line with `args` (without the program name) and returns the exit code.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("evaluate") => evaluate(&args[1..], out),
        Some("check") => check(&args[1..], out),
        Some("profiles") => profiles(out),
        Some("profile") => profile(&args[1..], out),
        Some("export") => export(&args[1..], out),
        Some("-h" | "--help" | "help") => {
            write!(out, "{USAGE}").map(|_| 0).map_err(|e| e.to_string())
        }
        Some(other) => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "ziping: {message}");
            2
        }
    }
}

/// Options shared by the commands: `--profile FILE`, `--lang zh|en`, and the remaining file names.
struct Options {
    profile: Option<Profile>,
    lang: String,
    files: Vec<PathBuf>,
    /// `--xlsx`: the output is a workbook; for `check`, the file named right after it.
    xlsx: bool,
    xlsx_at: usize,
    /// `--summary`: one table for all the files.
    summary: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        profile: None,
        lang: "zh".into(),
        files: Vec::new(),
        xlsx: false,
        xlsx_at: 0,
        summary: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--profile" => {
                let path = it.next().ok_or("--profile needs a file")?;
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read profile {path}: {e}"))?;
                let p = Profile::from_json(&text).map_err(|problems| {
                    let lines: Vec<String> = problems
                        .iter()
                        .map(|p| format!("  {}: {}", p.path, p.message.en))
                        .collect();
                    format!("profile {path} is rejected:\n{}", lines.join("\n"))
                })?;
                o.profile = Some(p);
            }
            "--xlsx" => {
                o.xlsx = true;
                o.xlsx_at = o.files.len();
            }
            "--summary" => o.summary = true,
            "--lang" => o.lang = it.next().ok_or("--lang needs zh or en")?.clone(),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"))
            }
            file => o.files.push(PathBuf::from(file)),
        }
    }
    Ok(o)
}

/// Reads and evaluates one file; `Err` holds every problem that kept it from being read (a problem
/// with an empty path is about the file as a whole).
fn read(
    path: &PathBuf,
    profile: Option<&Profile>,
) -> Result<(Form, Evaluation), Vec<ziping_engine::Problem>> {
    let whole = |zh: String, en: String| vec![ziping_engine::Problem::new("", zh, en)];
    let meta =
        std::fs::metadata(path).map_err(|e| whole(format!("无法读取：{e}"), e.to_string()))?;
    if meta.len() as usize > ziping_engine::format::MAX_FILE_BYTES {
        return Err(vec![ziping_engine::format::too_large(meta.len())]);
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("无法读取：{e}"), e.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| whole("不是 UTF-8 文本".into(), "not UTF-8 text".into()))?;
    evaluate_file(&text, profile)
}

/// Reads and evaluates one file; `Err` holds the message for a file that cannot be read.
fn load(
    path: &PathBuf,
    profile: Option<&Profile>,
    lang: &str,
) -> Result<(Form, Evaluation), String> {
    read(path, profile).map_err(|problems| {
        if let [p] = problems.as_slice() {
            if p.path.is_empty() {
                return format!("{}: {}", path.display(), p.message.get(lang));
            }
        }
        let lines: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "  {}: {}",
                    if p.path.is_empty() { "(file)" } else { &p.path },
                    p.message.get(lang)
                )
            })
            .collect();
        format!(
            "{} cannot be read ({} problem{}):\n{}",
            path.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            lines.join("\n")
        )
    })
}

fn evaluate(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let o = options(args)?;
    let [file] = o.files.as_slice() else {
        return Err(format!("evaluate takes one file\n\n{USAGE}"));
    };
    let (_, evaluation) = load(file, o.profile.as_ref(), &o.lang)?;
    let json = serde_json::to_string_pretty(&evaluation).map_err(|e| e.to_string())?;
    writeln!(out, "{json}").map_err(|e| e.to_string())?;
    Ok(0)
}

fn check(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let o = options(args)?;
    if o.summary {
        return check_summary(o, out);
    }
    if o.xlsx {
        return Err(format!("--xlsx goes with --summary\n\n{USAGE}"));
    }
    if o.files.is_empty() {
        return Err(format!("check needs at least one file\n\n{USAGE}"));
    }
    let mut code = 0;
    let mut unreadable = false;
    for (i, file) in o.files.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(|e| e.to_string())?;
        }
        match load(file, o.profile.as_ref(), &o.lang) {
            Ok((form, evaluation)) => {
                write!(
                    out,
                    "{}",
                    table::report(&file.display().to_string(), &form, &evaluation, &o.lang)
                )
                .map_err(|e| e.to_string())?;
                if evaluation
                    .findings
                    .iter()
                    .any(|f| f.severity == Severity::Error)
                {
                    code = 1;
                }
            }
            Err(message) => {
                unreadable = true;
                writeln!(out, "{message}").map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(if unreadable { 2 } else { code })
}

/// `check --summary`: every file read and evaluated, one table for all (as the review desk shows).
fn check_summary(mut o: Options, out: &mut dyn Write) -> Result<i32, String> {
    let workbook = if o.xlsx {
        if o.xlsx_at >= o.files.len() {
            return Err(format!("--xlsx needs the workbook to write\n\n{USAGE}"));
        }
        Some(o.files.remove(o.xlsx_at))
    } else {
        None
    };
    if o.files.is_empty() {
        return Err(format!("check needs at least one file\n\n{USAGE}"));
    }
    let profiles = Profile::builtins();
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    for file in &o.files {
        let name = file.display().to_string();
        match read(file, o.profile.as_ref()) {
            Ok((form, evaluation)) => {
                let profile = match &o.profile {
                    Some(p) => p,
                    None => profiles
                        .iter()
                        .find(|p| p.id == form.profile)
                        .ok_or("the form's profile is not built in")?,
                };
                rows.push(ziping_engine::review::review_form(
                    &name, form, profile, evaluation,
                ));
            }
            Err(problems) => unreadable.push(ziping_engine::review::Unreadable {
                file: name,
                problems,
            }),
        }
    }
    let refs: Vec<&ziping_engine::review::Reviewed> = rows.iter().collect();
    write!(out, "{}", table::summary(&refs, &unreadable, &o.lang)).map_err(|e| e.to_string())?;
    if let Some(target) = workbook {
        let bytes = ziping_xlsx::summary_workbook(&refs, &unreadable).map_err(|e| e.to_string())?;
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        writeln!(out, "→ {}", target.display()).map_err(|e| e.to_string())?;
    }
    Ok(if !unreadable.is_empty() {
        2
    } else if rows.iter().any(|r| r.counts.errors > 0) {
        1
    } else {
        0
    })
}

fn export(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let o = options(args)?;
    let (true, [file, target]) = (o.xlsx, o.files.as_slice()) else {
        return Err(format!(
            "export takes --xlsx, one form file and the workbook to write\n\n{USAGE}"
        ));
    };
    let (form, evaluation) = load(file, o.profile.as_ref(), &o.lang)?;
    let profile = match o.profile {
        Some(p) => p,
        // `load` has read the form with its built-in profile, so it exists.
        None => Profile::builtin(&form.profile).ok_or("the form's profile is not built in")?,
    };
    let bytes = ziping_xlsx::form_workbook(&form, &profile, &evaluation)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    std::fs::write(target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    writeln!(
        out,
        "{} → {}: total {}, grade {}",
        file.display(),
        target.display(),
        evaluation.total.shown(),
        evaluation.grade.as_ref().map_or("—", |g| g.grade.as_str())
    )
    .map_err(|e| e.to_string())?;
    Ok(0)
}

fn profiles(out: &mut dyn Write) -> Result<i32, String> {
    for p in Profile::builtins() {
        writeln!(out, "{:<24} {}  ({})", p.id, p.name.zh, p.name.en).map_err(|e| e.to_string())?;
    }
    Ok(0)
}

fn profile(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let [id] = args else {
        return Err(format!("profile takes one id\n\n{USAGE}"));
    };
    let p = Profile::builtin(id)
        .ok_or_else(|| format!("no built-in profile \"{id}\" (see `ziping profiles`)"))?;
    write!(out, "{}", p.to_json()).map_err(|e| e.to_string())?;
    Ok(0)
}

#[cfg(test)]
mod tests;
