//! The app's state and its one reducer: a pure function from state and action to the next state.
//!
//! Nothing here touches the browser: storage, files and the clipboard are effects the UI performs
//! around the reducer (`src/ui/effects.rs`). So the whole behaviour of the editor — edits, undo and
//! redo, structural row changes, paste from Excel, imports — is tested natively (`tests.rs`).
//! Every number the app shows comes from `doc.evaluation`, which the reducer recomputes with the
//! engine after each change.

pub mod jobs;
mod paste;
pub mod path;
pub mod review;

use path::FieldPath;
use std::rc::Rc;
use ziping_engine::model::{Evaluator, Form, FundsRow, IndicatorRow};
use ziping_engine::{evaluate, Evaluation, Problem, Profile};

pub use paste::rows_from_tsv;

/// How many edits undo can walk back.
pub const UNDO_LIMIT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A draft saved in this browser, as listed on the start screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftMeta {
    pub id: String,
    pub title: String,
    pub profile: String,
    /// Milliseconds since 1970, from the browser's clock.
    pub updated: u64,
}

/// The form being edited, with its profile, its evaluation and its history.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub id: String,
    pub form: Rc<Form>,
    pub profile: Rc<Profile>,
    pub evaluation: Rc<Evaluation>,
    undo: Vec<(Rc<Form>, Option<FieldPath>)>,
    redo: Vec<Rc<Form>>,
    /// Increases with every change; the UI saves when it moves.
    pub revision: u64,
    /// A field that refused what was typed (e.g. letters in an amount), with what was typed.
    pub refused: Option<(FieldPath, String)>,
    /// Shown read-only (a form opened from the review desk); "edit a copy" makes a draft of it.
    pub read_only: bool,
}

impl Doc {
    pub fn new(id: String, form: Form, profile: Rc<Profile>) -> Doc {
        let evaluation = Rc::new(evaluate(&form, &profile));
        Doc {
            id,
            form: Rc::new(form),
            profile,
            evaluation,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            refused: None,
            read_only: false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies a change to the form, records it for undo (consecutive edits of one field count as
    /// one step, as typing in a cell does), and evaluates the new form. `field` is the one field the
    /// change writes (an edit), or `None` for any other change (rows added, moved, pasted …).
    fn change(&mut self, field: Option<FieldPath>, f: impl FnOnce(&mut Form) -> bool) {
        let mut next = (*self.form).clone();
        if !f(&mut next) {
            return;
        }
        // Nothing changed (the same value typed again): no new revision, no undo step. An edit can
        // only change its own part of the form, so only that part is compared.
        let unchanged = match &field {
            Some(path) => path.same_part(&next, &self.form),
            None => next == *self.form,
        };
        if unchanged {
            return;
        }
        let same_field = field.is_some()
            && self.undo.last().is_some_and(|(_, last)| *last == field)
            && self.redo.is_empty();
        if !same_field {
            self.undo.push((self.form.clone(), field));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.install(Rc::new(next));
    }

    fn install(&mut self, form: Rc<Form>) {
        self.evaluation = Rc::new(evaluate(&form, &self.profile));
        self.form = form;
        self.revision += 1;
        self.refused = None;
    }

    fn undo(&mut self) {
        if let Some((prev, _)) = self.undo.pop() {
            self.redo.push(self.form.clone());
            self.install(prev);
        }
    }

    fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push((self.form.clone(), None));
            self.install(next);
        }
    }
}

/// Where the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Start,
    Editor,
    /// The open form as it prints: the profile's official table, values as text.
    Print,
    /// The review desk: many forms checked and summarised at once.
    Review,
}

/// A file that could not be imported: its name and every problem, with its path.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    pub file: String,
    pub problems: Vec<Problem>,
}

/// A message at the top of the page that the user can dismiss (and, for a deletion, undo).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A draft was deleted; its saved text is kept so that it can be restored.
    Deleted { meta: DraftMeta, text: String },
    /// Saving to this browser failed: the work is kept in memory, and export is offered.
    SaveFailed(String),
    /// Something worth telling (e.g. "profile imported").
    Info(String),
    /// A saved draft could not be read: its text was set aside under `key`, nothing was lost.
    Corrupted {
        title: String,
        key: String,
        text: String,
    },
    /// This browser's storage is switched off: nothing is saved automatically.
    StorageOff,
    /// The draft is being edited in another tab: this tab shows it read-only.
    OpenElsewhere,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AppState {
    pub lang: Lang,
    pub screen: Screen,
    /// Built-in profiles first, then imported ones.
    pub profiles: Vec<Rc<Profile>>,
    pub drafts: Vec<DraftMeta>,
    pub doc: Option<Doc>,
    pub import_report: Option<ImportReport>,
    pub notice: Option<Notice>,
    /// The finding or field the user asked to go to; the UI focuses it and clears it.
    pub focus: Option<FieldPath>,
    /// The review desk's batch, kept while forms of it are opened.
    pub review: review::Review,
    /// The open form came from the review desk: closing it goes back there.
    pub from_review: bool,
}

/// Everything that can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// Open a form as a draft with this id (new, example, imported or saved).
    Open {
        id: String,
        form: Box<Form>,
        read_only: bool,
    },
    /// A new blank form of a profile.
    New {
        id: String,
        profile: String,
    },
    /// Back to the start screen.
    Close,
    /// Show the open form's print preview (`true`) or go back to editing it (`false`).
    PrintPreview(bool),
    /// Make the read-only form an editable draft with a new id.
    EditCopy {
        id: String,
    },
    Set {
        path: FieldPath,
        value: String,
    },
    AddIndicator {
        after: Option<usize>,
        level: u8,
    },
    RemoveIndicator(usize),
    MoveIndicator {
        row: usize,
        up: bool,
    },
    Indent(usize),
    Outdent(usize),
    /// Tab-separated rows pasted from Excel or WPS, inserted after `after` (or at the end).
    Paste {
        after: Option<usize>,
        text: String,
    },
    AddFundsRow,
    RemoveFundsRow(usize),
    AddEvaluator,
    RemoveEvaluator(usize),
    Undo,
    Redo,
    ImportFailed(ImportReport),
    DismissImport,
    ImportProfile(Box<Profile>),
    Drafts(Vec<DraftMeta>),
    Deleted {
        meta: DraftMeta,
        text: String,
    },
    Notice(Option<Notice>),
    Focus(Option<FieldPath>),
    /// Make the open form read-only (another tab is editing it) or editable again.
    ReadOnly(bool),
    /// Show the review desk.
    ShowReview,
    /// Files read for the review desk: the readable ones and those that could not be read.
    ReviewAdd {
        rows: Vec<ziping_engine::review::Reviewed>,
        unreadable: Vec<ziping_engine::review::Unreadable>,
    },
    /// Sort the review table by a column (again: the other way round).
    ReviewSort(review::Column),
    ReviewFilter(review::Filter),
    /// Empty the review desk.
    ReviewClear,
    /// Open a form of the review desk read-only, as a document with this id.
    ReviewOpenRow {
        id: String,
        row: usize,
    },
}

impl AppState {
    /// The state at start: built-in profiles, no form open.
    pub fn new(lang: Lang) -> AppState {
        AppState {
            lang,
            profiles: Profile::builtins().into_iter().map(Rc::new).collect(),
            ..AppState::default()
        }
    }

    pub fn profile(&self, id: &str) -> Option<Rc<Profile>> {
        self.profiles.iter().rev().find(|p| p.id == id).cloned()
    }

    /// The next state. Never panics; an action that does not apply leaves the state as it is.
    pub fn reduce(&self, action: Action) -> AppState {
        let mut s = self.clone();
        match action {
            Action::SetLang(l) => s.lang = l,
            Action::Open {
                id,
                form,
                read_only,
            } => match s.profile(&form.profile) {
                Some(p) => {
                    let mut doc = Doc::new(id, *form, p);
                    doc.read_only = read_only;
                    s.doc = Some(doc);
                    s.screen = Screen::Editor;
                    s.import_report = None;
                }
                None => {
                    s.import_report = Some(ImportReport {
                        file: form.header.project.clone(),
                        problems: vec![Problem::new(
                            "profile",
                            format!("没有编号为“{}”的规则，请先导入该规则", form.profile),
                            format!("there is no profile \"{}\": import it first", form.profile),
                        )],
                    })
                }
            },
            Action::New { id, profile } => {
                if let Some(p) = s.profile(&profile) {
                    s.doc = Some(Doc::new(id, p.blank_form(), p));
                    s.screen = Screen::Editor;
                }
            }
            Action::Close => {
                s.doc = None;
                s.screen = if s.from_review {
                    Screen::Review
                } else {
                    Screen::Start
                };
                s.from_review = false;
                s.focus = None;
            }
            Action::ShowReview => {
                s.doc = None;
                s.from_review = false;
                s.focus = None;
                s.screen = Screen::Review;
            }
            Action::ReviewAdd { rows, unreadable } => {
                s.review = s.review.add(rows, unreadable);
            }
            Action::ReviewSort(column) => s.review = s.review.sorted_by(column),
            Action::ReviewFilter(filter) => s.review.filter = filter,
            Action::ReviewClear => s.review = review::Review::default(),
            Action::ReviewOpenRow { id, row } => {
                let reviewed = s
                    .review
                    .rows
                    .get(row)
                    .map(|r| (r.form.clone(), r.profile.clone()));
                if let Some((form, profile)) = reviewed {
                    if let Some(p) = s.profile(&profile) {
                        let mut doc = Doc::new(id, (*form).clone(), p);
                        doc.read_only = true;
                        s.doc = Some(doc);
                        s.screen = Screen::Editor;
                        s.from_review = true;
                        s.focus = None;
                    }
                }
            }
            Action::PrintPreview(on) => {
                if s.doc.is_some() {
                    s.screen = if on { Screen::Print } else { Screen::Editor };
                }
            }
            Action::EditCopy { id } => {
                if let Some(doc) = &s.doc {
                    let mut copy = Doc::new(id, (*doc.form).clone(), doc.profile.clone());
                    copy.read_only = false;
                    s.doc = Some(copy);
                }
            }
            Action::Undo => s.edit(|d| d.undo()),
            Action::Redo => s.edit(|d| d.redo()),
            Action::Set { path, value } => s.edit(|d| {
                let mut refused = None;
                d.change(Some(path.clone()), |f| match path.set(f, &value) {
                    Ok(()) => true,
                    Err(_) => {
                        refused = Some((path.clone(), value.clone()));
                        false
                    }
                });
                match refused {
                    Some(r) => d.refused = Some(r),
                    // Accepted (even if the form already held that value): the refusal is over.
                    None if d.refused.as_ref().is_some_and(|(p, _)| *p == path) => d.refused = None,
                    None => {}
                }
            }),
            Action::AddIndicator { after, level } => s.edit(|d| {
                d.change(None, |f| {
                    let at = after
                        .map(|a| (a + 1).min(f.indicators.len()))
                        .unwrap_or(f.indicators.len());
                    let id = f.next_indicator_id();
                    f.indicators.insert(
                        at,
                        IndicatorRow {
                            id,
                            level: level.clamp(1, 3),
                            ..IndicatorRow::default()
                        },
                    );
                    true
                })
            }),
            Action::RemoveIndicator(i) => s.edit(|d| {
                d.change(None, |f| {
                    if i < f.indicators.len() {
                        f.indicators.remove(i);
                        true
                    } else {
                        false
                    }
                })
            }),
            Action::MoveIndicator { row, up } => s.edit(|d| {
                d.change(None, |f| {
                    let other = if up {
                        row.checked_sub(1)
                    } else {
                        Some(row + 1)
                    };
                    match other {
                        Some(o) if o < f.indicators.len() && row < f.indicators.len() => {
                            f.indicators.swap(row, o);
                            true
                        }
                        _ => false,
                    }
                })
            }),
            Action::Indent(i) => s.edit(|d| d.change(None, |f| relevel(f, i, 1))),
            Action::Outdent(i) => s.edit(|d| d.change(None, |f| relevel(f, i, -1))),
            Action::Paste { after, text } => s.edit(|d| {
                d.change(None, |f| {
                    let rows = rows_from_tsv(&text, f);
                    if rows.is_empty() {
                        return false;
                    }
                    let at = after
                        .map(|a| (a + 1).min(f.indicators.len()))
                        .unwrap_or(f.indicators.len());
                    f.indicators.splice(at..at, rows);
                    true
                })
            }),
            Action::AddFundsRow => s.edit(|d| {
                d.change(None, |f| {
                    f.funds.rows.push(FundsRow::default());
                    true
                })
            }),
            Action::RemoveFundsRow(i) => s.edit(|d| {
                d.change(None, |f| {
                    if i < f.funds.rows.len() {
                        f.funds.rows.remove(i);
                        true
                    } else {
                        false
                    }
                })
            }),
            Action::AddEvaluator => s.edit(|d| {
                d.change(None, |f| {
                    f.evaluators.push(Evaluator::default());
                    true
                })
            }),
            Action::RemoveEvaluator(i) => s.edit(|d| {
                d.change(None, |f| {
                    if i < f.evaluators.len() {
                        f.evaluators.remove(i);
                        true
                    } else {
                        false
                    }
                })
            }),
            Action::ImportFailed(report) => s.import_report = Some(report),
            Action::DismissImport => s.import_report = None,
            Action::ImportProfile(p) => {
                let p: Rc<Profile> = Rc::new(*p);
                s.notice = Some(Notice::Info(format!("{} · {}", p.name.zh, p.name.en)));
                s.profiles
                    .retain(|q| q.id != p.id || Profile::builtin(&q.id).is_some());
                s.profiles.push(p);
            }
            Action::Drafts(list) => s.drafts = list,
            Action::Deleted { meta, text } => {
                s.drafts.retain(|d| d.id != meta.id);
                s.notice = Some(Notice::Deleted { meta, text });
            }
            Action::Notice(n) => s.notice = n,
            Action::Focus(p) => s.focus = p,
            Action::ReadOnly(ro) => {
                if let Some(doc) = s.doc.as_mut() {
                    doc.read_only = ro;
                }
            }
        }
        s
    }

    fn edit(&mut self, f: impl FnOnce(&mut Doc)) {
        if let Some(doc) = self.doc.as_mut() {
            if !doc.read_only {
                f(doc);
            }
        }
    }
}

/// Moves row `i` one level deeper (+1) or shallower (−1), within 1..=3. A level-1 heading keeps its
/// block; a row that becomes level 1 takes the block of the level-1 heading above it.
fn relevel(f: &mut Form, i: usize, by: i8) -> bool {
    let Some(row) = f.indicators.get(i) else {
        return false;
    };
    let level = (row.level as i8 + by).clamp(1, 3) as u8;
    if level == row.level {
        return false;
    }
    let block = if level == 1 {
        f.indicators[..i]
            .iter()
            .rev()
            .find(|r| r.level == 1)
            .map(|r| r.block.clone())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let row = &mut f.indicators[i];
    row.level = level;
    row.block = block;
    true
}

/// Whether a text carries rich-text markup (`<p>`, `</p>`, `<br>`, `<div>` …), as text pasted from a
/// web editor does. Text that merely uses `<` or `&` (`到位率<100%`, `A&B`) does not.
pub fn has_markup(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p>", "<p ", "</p>", "<br", "<div", "</div>", "<span", "</span>", "<li>", "<strong>",
        "<b>",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Plain text from rich-text markup as the seed carries it (`<p>…</p>`, `<br>`, entities): paragraphs
/// become lines, other tags are dropped, nothing is kept as markup. Text without markup is returned
/// as it is.
pub fn plain_text(html: &str) -> String {
    if !has_markup(html) {
        return html.to_string();
    }
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&decode_entities(&rest[open..]));
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(name, "p" | "br" | "div" | "li" | "tr")
            && !out.is_empty()
            && !out.ends_with('\n')
        {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim().to_string()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Reads a form file from outside for the editor: the engine's strict reader, then narrative markup
/// made plain text. Either the form, or every problem (and nothing changes). Drafts saved by the app
/// itself are reopened with the engine's reader alone, so their text comes back exactly.
pub fn import_form(text: &str) -> Result<Form, Vec<Problem>> {
    let mut form = ziping_engine::read_form(text)?;
    for v in form.narratives.values_mut() {
        *v = plain_text(v);
    }
    Ok(form)
}

/// The file name an export gets: project and year, with characters file systems refuse replaced.
pub fn export_name(form: &Form) -> String {
    export_name_as(form, "json")
}

/// The file name for the form written as `ext` (`json`, `xlsx`): project and year, or a neutral name.
pub fn export_name_as(form: &Form, ext: &str) -> String {
    let mut name = format!("{}-{}", form.header.project.trim(), form.header.year.trim());
    name.retain(|c| {
        !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
    });
    let name = name.trim_matches('-');
    if name.is_empty() {
        format!("ziping-form.{ext}")
    } else {
        format!("{name}.{ext}")
    }
}

/// A plain-text summary for the clipboard: the form's name, the block subtotals, the total and
/// grade, what the form declares, and the errors and warnings.
pub fn summary_text(form: &Form, e: &Evaluation, lang: Lang) -> String {
    let l = lang.code();
    let en = lang == Lang::En;
    let mut s = format!("{} {}\n", form.header.year, form.header.project);
    if !form.header.unit.is_empty() {
        s.push_str(&format!("{}\n", form.header.unit));
    }
    for b in &e.blocks {
        s.push_str(&format!(
            "{}: {} / {}\n",
            b.name.get(l),
            b.score.shown(),
            b.weight.shown()
        ));
    }
    let grade = e.grade.as_ref().map(|g| g.grade.as_str()).unwrap_or("—");
    s.push_str(&if en {
        format!("Total: {} · grade {grade}\n", e.total.shown())
    } else {
        format!("综合得分：{} · 等次 {grade}\n", e.total.shown())
    });
    if form.declared.total.is_some() || !form.declared.grade.is_empty() {
        let t = form
            .declared
            .total
            .map(|t| t.to_string())
            .unwrap_or_else(|| "—".into());
        let g = if form.declared.grade.is_empty() {
            "—"
        } else {
            &form.declared.grade
        };
        s.push_str(&if en {
            format!("Declared on the form: {t} · {g}\n")
        } else {
            format!("表内填写：{t} · {g}\n")
        });
    }
    s.push_str(&if en {
        format!(
            "{} errors, {} warnings\n",
            e.counts.errors, e.counts.warnings
        )
    } else {
        format!(
            "错误 {} 条，警告 {} 条\n",
            e.counts.errors, e.counts.warnings
        )
    });
    for f in e
        .findings
        .iter()
        .filter(|f| f.severity != ziping_engine::Severity::Info)
    {
        s.push_str(&format!(
            "- [{}] {} ({})\n",
            f.severity.label().get(l),
            f.message.get(l),
            f.path
        ));
    }
    s
}

#[cfg(test)]
mod tests;
