//! The one way a file comes in. Every shell — the editor's import, the review desk, the export
//! worker, the command line and the JavaScript API — opens a file with [`open`], and so gets the same
//! problems and the same findings for the same file:
//!
//! 1. size: a file over [`MAX_FILE_BYTES`] is refused before anything else;
//! 2. kind: a workbook, a PDF or another binary file is named as such, not reported as bad JSON;
//! 3. encoding: UTF-8 (a byte-order mark is skipped); UTF-16 or other bytes are refused with advice;
//! 4. reading: the strict `ziping-form` reader ([`crate::format::read_form`]), every problem with
//!    its path;
//! 5. plain text: narrative markup pasted from web editors (`<p>…</p>`) becomes plain lines;
//! 6. profile: the one the form names, looked up in the [`Registry`] (or the one a shell was told to
//!    use); what was typed into number fields is read again under it (its unit of money decides what
//!    `486,000元` is), and the form evaluated with it.
//!
//! Profile files come in the same way through [`open_profile`].

use crate::format::read_form;
use crate::model::Form;
use crate::profile::{Profile, Registry};
use crate::reader::{too_large, Problem, MAX_FILE_BYTES};
use crate::result::Evaluation;
use std::rc::Rc;

/// A file that was read: the form, the profile it is scored with, and its evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The file's name as given (e.g. `交警支队.json`).
    pub file: String,
    pub form: Form,
    pub profile: Rc<Profile>,
    pub evaluation: Evaluation,
}

/// A file that cannot be read, with every problem and its path.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Unreadable {
    pub fn new(file: &str, problems: Vec<Problem>) -> Unreadable {
        Unreadable {
            file: file.to_string(),
            problems,
        }
    }
}

/// Opens a form file: read, made plain, evaluated with the profile it names.
pub fn open(file: &str, bytes: &[u8], registry: &Registry) -> Result<Opened, Unreadable> {
    open_with(file, bytes, registry, None)
}

/// As [`open`], but scored with `profile` when one is given (the command line's `--profile`).
pub fn open_with(
    file: &str,
    bytes: &[u8],
    registry: &Registry,
    profile: Option<&Rc<Profile>>,
) -> Result<Opened, Unreadable> {
    let unreadable = |problems| Unreadable::new(file, problems);
    let text = text_of(bytes).map_err(|p| unreadable(vec![p]))?;
    let form = read_form(text).map_err(unreadable)?;
    let mut form = made_plain(form);
    let profile = match profile {
        Some(p) => p.clone(),
        None => registry
            .get(&form.profile)
            .cloned()
            .ok_or_else(|| unreadable(vec![registry.unknown(&form.profile)]))?,
    };
    crate::path::FieldPath::settle_typed(&mut form, &profile);
    let evaluation = crate::evaluate(&form, &profile);
    Ok(Opened {
        file: file.to_string(),
        form,
        profile,
        evaluation,
    })
}

/// Opens a profile file: read and validated, every problem with its path.
pub fn open_profile(file: &str, bytes: &[u8]) -> Result<Profile, Unreadable> {
    let unreadable = |problems| Unreadable::new(file, problems);
    let text = text_of(bytes).map_err(|p| unreadable(vec![p]))?;
    Profile::from_json(text).map_err(unreadable)
}

/// The form with its narratives as plain text (markup from web editors made into lines).
fn made_plain(mut form: Form) -> Form {
    for v in form.narratives.values_mut() {
        if crate::text::has_markup(v) {
            *v = crate::text::plain_text(v);
        }
    }
    form
}

/// What the first bytes of a file say it is, when it is something other than text.
fn binary_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const KINDS: [(&[u8], &str, &str); 5] = [
        (
            b"PK\x03\x04",
            "Excel/WPS 工作簿（.xlsx、.ods）或其他压缩文件",
            "an Excel/WPS workbook (.xlsx, .ods) or another zip file",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "旧版 Excel/WPS 工作簿（.xls）或 Word 文件",
            "an old Excel/WPS workbook (.xls) or a Word file",
        ),
        (b"%PDF", "PDF 文件", "a PDF file"),
        (b"\x89PNG", "图片", "an image"),
        (b"\xFF\xD8\xFF", "图片", "an image"),
    ];
    KINDS
        .iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|&(_, zh, en)| (zh, en))
}

/// The file's text: size checked, binary files named, UTF-8 required (a byte-order mark skipped).
fn text_of(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some((zh, en)) = binary_kind(bytes) {
        return Err(Problem::file(
            format!("这是{zh}，不是 Ziping 表单文件（.json）；请在 Ziping 中打开 JSON 表单"),
            format!("this is {en}, not a Ziping form file (.json): open a JSON form"),
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::file(
            "文件是 UTF-16 编码，请另存为 UTF-8 后再打开",
            "the file is in UTF-16: save it as UTF-8 and open it again",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        Problem::file(
            format!("文件不是 UTF-8 文本（第 {at} 个字节起无法读取；可能是 GBK 编码或二进制文件），请另存为 UTF-8"),
            format!("the file is not UTF-8 text (unreadable from byte {at}; GBK or a binary file?): save it as UTF-8"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &[u8] = include_bytes!("../../../examples/jinzhong-2021-traffic-police.json");

    #[test]
    fn a_form_opens_evaluated_with_its_profile() {
        let r = Registry::new();
        let o = open("seed.json", SEED, &r).unwrap();
        assert_eq!(o.profile.id, "jinzhong-2021");
        assert_eq!(o.evaluation.total.shown(), "97.66");
        // The seed's narratives carry <p> tags from a web editor: they come in as plain lines.
        assert!(o.form.narratives.values().all(|t| !t.contains("<p>")));
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(SEED);
        assert_eq!(open("bom.json", &with_bom, &r).unwrap().form, o.form);
    }

    #[test]
    fn other_kinds_of_file_are_named() {
        let r = Registry::new();
        let first = |bytes: &[u8]| open("x", bytes, &r).unwrap_err().problems.remove(0);
        assert!(first(b"PK\x03\x04rest").message.en.contains("workbook"));
        assert!(first(b"%PDF-1.7").message.en.contains("PDF"));
        assert!(first(b"\xFF\xFE{\x00").message.en.contains("UTF-16"));
        let gbk = first(b"{\"a\": \"\xD6\xD0\xCE\xC4\"}");
        assert!(gbk.message.en.contains("not UTF-8"), "{gbk:?}");
        assert!(gbk.path.is_file());
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(first(&big).message.en.contains("above the 2 MB limit"));
    }

    #[test]
    fn an_unknown_profile_is_one_problem_at_profile() {
        let text = String::from_utf8(SEED.to_vec())
            .unwrap()
            .replace("\"jinzhong-2021\"", "\"my-county\"");
        let u = open("x.json", text.as_bytes(), &Registry::new()).unwrap_err();
        assert_eq!(u.problems.len(), 1);
        assert_eq!(u.problems[0].path.to_string(), "profile");
        assert!(u.problems[0].message.zh.contains("my-county"));
    }
}

/// A workbook that was read: every form found in it, each opened as its `ziping-form` file would
/// be, with where each field came from; and the sheets without a form.
#[derive(Clone, Debug)]
pub struct WorkbookOpened {
    pub file: String,
    pub forms: Vec<(crate::workbook::Found, Opened)>,
    pub without_form: Vec<(String, crate::Text)>,
}

/// Whether the bytes are a workbook (.xlsx and .ods are zip files, .xls an OLE compound file), for
/// the shells that send workbooks to the workbook reader.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Opens the forms of a workbook the reader has turned into cells: each form found
/// ([`crate::workbook::recognise`]) is written as a `ziping-form` file and opened with [`open`], so it
/// gets the same findings as the same form imported as JSON. A workbook without a form is
/// unreadable, with what each sheet was looked through for and what it had.
pub fn open_workbook(
    file: &str,
    book: &crate::workbook::Workbook,
    registry: &Registry,
) -> Result<WorkbookOpened, Unreadable> {
    let recognition = crate::workbook::recognise(book, registry);
    if recognition.forms.is_empty() {
        let mut problems: Vec<Problem> = recognition
            .without_form
            .iter()
            .map(|(sheet, why)| {
                Problem::file(
                    format!("工作表“{}”：{}", crate::text::quote(sheet), why.zh),
                    format!("sheet “{}”: {}", crate::text::quote(sheet), why.en),
                )
            })
            .collect();
        if problems.is_empty() {
            problems.push(Problem::file(
                "工作簿中没有可见的工作表",
                "the workbook has no visible sheet",
            ));
        }
        return Err(Unreadable::new(file, problems));
    }
    let several = recognition.forms.len() > 1;
    let mut forms = Vec::new();
    for (i, found) in recognition.forms.into_iter().enumerate() {
        let name = if several {
            format!("{file} · {} #{}", found.sheet, i + 1)
        } else {
            file.to_string()
        };
        let text = crate::format::to_json(&found.form);
        let opened = open(&name, text.as_bytes(), registry)?;
        forms.push((found, opened));
    }
    Ok(WorkbookOpened {
        file: file.to_string(),
        forms,
        without_form: recognition.without_form,
    })
}
