//! Finding forms on a workbook's sheets by their labels, and reading each into a form.
//!
//! A sheet holds a form where it has the label 项目名称, or — without one — an indicator table
//! (三级指标 with 指标值 or 实际完成值). Several 项目名称 on one sheet are several forms, each from
//! its title (the row above with 自评表 in it, and a unit's line above that) to the next one's.
//! Within a form every part is found by its labels, wherever it is: header fields (the value is the
//! next cell to the right that is not a label, or the text after `：` in the label's own cell), the
//! funds table (a row with two money columns' labels; a `（元）` or `单位：元` near it converts to
//! the profile's unit), tables headed 三级指标 (indicators, or the profile's fixed scoring rows when
//! their names are those rows'), 一级 and 二级 cells merged down or left blank below their first
//! row, 总分, 等次, the block summary (评价内容), narratives, evaluators and signatures.
//!
//! Every field is set through [`FieldPath::set`], the one reader of what a clerk types, from the
//! cell as the sheet shows it: numbers stored as text, thousands separators and units (`486,000元`)
//! are read as they are in the editor; `/`, `-` and `—` are empty; a date is `2022-07-02`; a
//! fraction in a percent field (`0.9` as 执行率) is 90 %. What the sheet states for results (得分,
//! 执行率, 总分, 等次, block subtotals) becomes the form's declared values, compared with what the
//! engine computes.
//!
//! The form is read under every profile of the registry; the one whose layout fits the sheet best
//! is taken (its title, funds columns, indicator columns, fixed rows and sections; see `fit`).

use super::grid::{Cell, CellRef, Sheet, Workbook};
use super::labels::{core, split_inline, Labels};
use crate::decimal::Decimal;
use crate::model::{Evaluator, Form, FundsColumn, FundsRow, IndicatorRow};
use crate::path::{
    EvaluatorField, FieldPath, HeaderField, IndicatorField, Kind, ScoreField, SignoffField,
};
use crate::profile::{Method, Profile, Registry, SectionKind};
use crate::text::Text;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The hidden sheet in which Ziping's own workbooks carry the form they were written from, as its
/// `ziping-form` file text in the cells of column A.
pub const CARRIED_SHEET: &str = "ziping-form";

/// The most cells listed as not used, per form.
const UNUSED_LISTED: usize = 200;

/// What a workbook holds: the forms found, and the sheets in which none was, with what was found
/// there instead.
#[derive(Clone, Debug)]
pub struct Recognition {
    pub forms: Vec<Found>,
    /// Visible sheets without a form: the sheet, and what of a form's labels it has.
    pub without_form: Vec<(String, Text)>,
}

/// One form found on a sheet.
#[derive(Clone, Debug)]
pub struct Found {
    pub sheet: String,
    /// The rows of the sheet the form was read from (1-based, inclusive, as a spreadsheet numbers
    /// them).
    pub rows: (u32, u32),
    pub profile: Rc<Profile>,
    pub form: Form,
    /// Every field that was read, with the cell it came from.
    pub mapping: Vec<Mapped>,
    /// Cells that hold something but were not read into the form.
    pub unused: Vec<Unused>,
    /// More cells were not used than are listed.
    pub unused_more: usize,
    /// Notes on the whole reading (the form carried by a Ziping workbook, a converted unit, a
    /// sheet cut at the reader's limits).
    pub notes: Vec<Text>,
}

/// A field of the form and the cell it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapped {
    pub path: FieldPath,
    pub cell: CellRef,
    /// What the cell shows.
    pub shown: String,
    /// Where the field is, in words (`资金表 · 市级预算资金 · 全年执行数`).
    pub place: Text,
    /// How the cell was read where it is not as shown (`元 → 万元`, `0.9 → 90%`).
    pub note: Option<Text>,
}

/// A cell with content that no field was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Unused {
    pub cell: CellRef,
    pub shown: String,
}

impl Found {
    /// The mapping in lines: `资金表 · 市级预算资金 · 全年执行数 ← Sheet1!F6（486,000元，元 → 万元）`.
    pub fn mapping_lines(&self, lang: crate::Lang) -> Vec<String> {
        self.mapping
            .iter()
            .map(|m| {
                let shown = crate::text::quote(&m.shown);
                match &m.note {
                    Some(n) => format!(
                        "{} ← {} “{}” ({})",
                        m.place.get(lang),
                        m.cell,
                        shown,
                        n.get(lang)
                    ),
                    None => format!("{} ← {} “{}”", m.place.get(lang), m.cell, shown),
                }
            })
            .collect()
    }
}

/// Finds the forms in `book`, each read under the registry's profile that fits it best.
pub fn recognise(book: &Workbook, registry: &Registry) -> Recognition {
    let carried = carried_form(book);
    let all = Labels::for_profiles(registry.all().map(|p| &**p));
    let mut forms = Vec::new();
    let mut without_form = Vec::new();
    for sheet in &book.sheets {
        if sheet.hidden || sheet.name == CARRIED_SHEET {
            continue;
        }
        let prep = Prepared::new(sheet);
        let regions = regions(sheet, &all);
        if regions.is_empty() {
            without_form.push((sheet.name.clone(), looked_for(sheet)));
            continue;
        }
        for (top, bottom) in regions {
            let readings: Vec<(i64, Reading)> = registry
                .all()
                .map(|p| {
                    let r = Reading::read(sheet, &prep, top, bottom, p);
                    (r.fit(), r)
                })
                .collect();
            // The best fit; the first profile of the registry on a tie.
            let best = readings.iter().map(|(f, _)| *f).max();
            let Some(reading) = readings
                .into_iter()
                .find(|(f, _)| Some(*f) == best)
                .map(|(_, r)| r)
            else {
                continue;
            };
            if !reading.found_anything() {
                without_form.push((sheet.name.clone(), looked_for(sheet)));
                continue;
            }
            forms.push(reading.finish(registry));
        }
    }
    if let (Some(carried), [only]) = (carried, forms.as_mut_slice()) {
        take_carried(only, carried, registry);
    }
    Recognition {
        forms,
        without_form,
    }
}

/// The form a Ziping workbook carries in its hidden sheet, if it reads.
fn carried_form(book: &Workbook) -> Option<Form> {
    let sheet = book.sheets.iter().find(|s| s.name == CARRIED_SHEET)?;
    let text: String = sheet
        .rows
        .iter()
        .map(|r| r.first().map(Cell::text).unwrap_or_default())
        .collect();
    crate::format::read_form(&text).ok()
}

/// A Ziping workbook's own form is taken whole when every input read from the cells agrees with it
/// (the workbook was not changed since it was written): it holds what the cells cannot (row ids,
/// notes, what the form stated before it was scored). Otherwise the cells are what counts.
fn take_carried(found: &mut Found, carried: Form, registry: &Registry) {
    if carried.profile != found.profile.id {
        return;
    }
    let agrees = found.form.indicators.len() == carried.indicators.len()
        && found.form.funds.rows.len() == carried.funds.rows.len()
        && found.mapping.iter().all(|m| {
            if is_declared(&m.path) {
                return true;
            }
            match m.path.kind() {
                Kind::Decimal => m.path.get_number(&found.form) == m.path.get_number(&carried),
                _ => m.path.get(&found.form).trim() == m.path.get(&carried).trim(),
            }
        });
    if agrees && registry.get(&carried.profile).is_some() {
        found.form = carried;
        found.notes.push(Text::new(
            "这是 Ziping 导出的工作簿：各单元格与其中保存的表一致，已原样取回（含行备注、所填得分等单元格中没有的内容）。",
            "A workbook exported by Ziping: its cells agree with the form it carries, which was taken whole (with row notes, stated scores and what else the cells do not hold).",
        ));
    } else {
        found.notes.push(Text::new(
            "这是 Ziping 导出的工作簿，但导出后单元格有改动：按单元格读取。",
            "A workbook exported by Ziping whose cells were changed after export: read from its cells.",
        ));
    }
}

fn is_declared(p: &FieldPath) -> bool {
    matches!(
        p,
        FieldPath::DeclaredTotal
            | FieldPath::DeclaredGrade
            | FieldPath::DeclaredBlock(_)
            | FieldPath::FundsDeclaredTotal(_)
            | FieldPath::FundsDeclaredRate
            | FieldPath::FundsDeclaredScore
            | FieldPath::Indicator(_, IndicatorField::DeclaredScore)
            | FieldPath::Indicator(_, IndicatorField::DeclaredCompletion)
            | FieldPath::Score(_, ScoreField::DeclaredScore)
            | FieldPath::BlockWeight(_)
            | FieldPath::Header(HeaderField::Title)
    )
}

/// The labels that make a sheet a form, for the message of a sheet without one.
const ANCHORS: &[&str] = &[
    "header.project",
    "funds.budget",
    "funds.spent",
    "indicators.name",
    "indicators.target",
    "indicators.actual",
    "total",
];

fn looked_for(sheet: &Sheet) -> Text {
    let labels = Labels::defaults();
    let mut found = Vec::new();
    for row in &sheet.rows {
        for c in row {
            let k = core(&c.text());
            if let Some(key) = labels.which(ANCHORS, &k) {
                if !found.iter().any(|(kk, _)| *kk == key) {
                    found.push((key, c.text()));
                }
            }
        }
    }
    let sought: Vec<String> = ANCHORS
        .iter()
        .map(|k| labels.words(k).first().cloned().unwrap_or_default())
        .collect();
    let got: Vec<String> = found
        .iter()
        .map(|(_, t)| format!("“{}”", crate::text::quote(t)))
        .collect();
    let (zh_got, en_got) = if got.is_empty() {
        ("一个也没有".to_string(), "none of them".to_string())
    } else {
        (got.join("、"), got.join(", "))
    };
    Text::new(
        format!(
            "未找到自评表：查找了标签「{}」，找到 {zh_got}",
            sought.join("」「")
        ),
        format!(
            "no form found: looked for the labels “{}”, found {en_got}",
            sought.join("”, “")
        ),
    )
}

/// Where the forms of a sheet are: (first row, row after the last).
fn regions(sheet: &Sheet, labels: &Labels) -> Vec<(u32, u32)> {
    let is = |r: u32, key: &str| {
        sheet.rows[r as usize].iter().any(|c| {
            let t = c.text();
            labels.is(key, &core(&t)) || split_inline(&t).is_some_and(|(l, _)| labels.is(key, &l))
        })
    };
    let anchors: Vec<u32> = (0..sheet.height())
        .filter(|&r| is(r, "header.project"))
        .collect();
    if anchors.is_empty() {
        let table = (0..sheet.height()).any(|r| {
            is(r, "indicators.name") && (is(r, "indicators.target") || is(r, "indicators.actual"))
        });
        return if table {
            vec![(0, sheet.height())]
        } else {
            Vec::new()
        };
    }
    let title = |r: u32| {
        sheet.rows[r as usize].iter().any(|c| {
            let t = core(&c.text());
            labels.words("title").iter().any(|w| t.contains(w.as_str()))
        })
    };
    let mut starts = Vec::new();
    let mut floor = 0u32;
    for &a in &anchors {
        let mut start = a;
        // The title within four rows above, and a line of the unit's above it.
        for r in (floor..a).rev().take(4) {
            if title(r) {
                start = r;
                break;
            }
        }
        if start > floor && start != a {
            let above = start - 1;
            let has_label = sheet.rows[above as usize]
                .iter()
                .any(|c| split_inline(&c.text()).is_some_and(|(l, _)| labels.is_any(&l)));
            if has_label {
                start = above;
            }
        }
        let start = if starts.is_empty() { 0 } else { start };
        starts.push(start);
        floor = a + 1;
    }
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(sheet.height());
        out.push((s, end));
    }
    out
}

/// Cells that mean "nothing here".
fn is_blank_mark(t: &str) -> bool {
    matches!(
        t.trim(),
        "" | "/" | "-" | "—" | "——" | "－" | "--" | "／" | "\\"
    )
}

#[derive(Default)]
struct Table {
    /// Data rows start here.
    first: u32,
    cols: BTreeMap<&'static str, u32>,
}

/// A sheet's cells as text and as label cores, made once for every profile's reading, with where
/// each core is (and each label written with its value, `填报单位：…`), in the sheet's order.
struct Prepared {
    /// The sheet's widest row, counted once.
    width: u32,
    text: Vec<Vec<String>>,
    core: Vec<Vec<String>>,
    by_core: std::collections::HashMap<String, Vec<(u32, u32)>>,
    by_inline: std::collections::HashMap<String, Vec<(u32, u32)>>,
}

impl Prepared {
    fn new(sheet: &Sheet) -> Prepared {
        let text: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let core: Vec<Vec<String>> = text
            .iter()
            .map(|r| r.iter().map(|t| core(t)).collect())
            .collect();
        let mut by_core: std::collections::HashMap<String, Vec<(u32, u32)>> = Default::default();
        let mut by_inline: std::collections::HashMap<String, Vec<(u32, u32)>> = Default::default();
        for (r, row) in core.iter().enumerate() {
            for (c, k) in row.iter().enumerate() {
                // Labels are short: a long text is content, never looked up.
                if !k.is_empty() && k.chars().count() <= 24 {
                    by_core
                        .entry(k.clone())
                        .or_default()
                        .push((r as u32, c as u32));
                }
                if let Some((l, _)) = split_inline(&text[r][c]) {
                    by_inline.entry(l).or_default().push((r as u32, c as u32));
                }
            }
        }
        Prepared {
            width: sheet.width(),
            text,
            core,
            by_core,
            by_inline,
        }
    }

    fn text(&self, r: u32, c: u32) -> &str {
        self.text
            .get(r as usize)
            .and_then(|x| x.get(c as usize))
            .map_or("", String::as_str)
    }

    fn core(&self, r: u32, c: u32) -> &str {
        self.core
            .get(r as usize)
            .and_then(|x| x.get(c as usize))
            .map_or("", String::as_str)
    }
}

struct Reading<'a> {
    sheet: &'a Sheet,
    prep: &'a Prepared,
    top: u32,
    bottom: u32,
    profile: &'a Rc<Profile>,
    labels: Labels,
    form: Form,
    mapping: Vec<(FieldPath, (u32, u32), Option<Text>)>,
    used: BTreeSet<(u32, u32)>,
    notes: Vec<Text>,
    /// What was seen of the layout, for [`Reading::fit`].
    seen: Seen,
    /// The unit of money the funds table states, where it states one.
    funds_unit: Option<crate::entry::MoneyUnit>,
}

#[derive(Default)]
struct Seen {
    title: String,
    funds_cols: BTreeSet<&'static str>,
    indicator_cols: BTreeSet<&'static str>,
    fixed_rows: usize,
    scoring_tables: usize,
    narratives: usize,
    foreign_narratives: usize,
    evaluators: bool,
    tables: usize,
}

const FUNDS_MONEY: &[&str] = &[
    "funds.initial",
    "funds.budget",
    "funds.allocated",
    "funds.spent",
];
const FUNDS_KEYS: &[&str] = &[
    "funds.initial",
    "funds.budget",
    "funds.allocated",
    "funds.spent",
    "funds.rate",
    "funds.weight",
    "funds.score",
];
const INDICATOR_KEYS: &[&str] = &[
    "indicators.level1",
    "indicators.level2",
    "indicators.name",
    "indicators.initial_target",
    "indicators.target",
    "indicators.actual",
    "indicators.operator",
    "indicators.unit",
    "indicators.completion",
    "indicators.weight",
    "indicators.score",
    "indicators.coefficient",
    "indicators.reason",
    "indicators.nature",
    "indicators.core",
];
/// Labels that end a table: the start of another part of the form.
const ENDS: &[&str] = &[
    "total",
    "grade",
    "scoring.header",
    "evaluators.name",
    "signoff.responsible",
    "signoff.handler",
    "signoff.filed_on",
    "signoff.unit_head",
    "header.project",
    "indicators.name",
    "footnote",
];

impl<'a> Reading<'a> {
    fn read(
        sheet: &'a Sheet,
        prep: &'a Prepared,
        top: u32,
        bottom: u32,
        profile: &'a Rc<Profile>,
    ) -> Reading<'a> {
        let mut r = Reading {
            sheet,
            prep,
            top,
            bottom,
            profile,
            labels: Labels::for_profile(profile),
            form: Form {
                profile: profile.id.clone(),
                ..Form::default()
            },
            mapping: Vec::new(),
            used: BTreeSet::new(),
            notes: Vec::new(),
            seen: Seen::default(),
            funds_unit: None,
        };
        r.title();
        r.evaluators();
        r.header();
        r.funds();
        r.tables();
        r.summary();
        r.totals();
        r.narratives();
        r.signoff();
        r
    }

    fn width(&self) -> u32 {
        self.prep.width
    }

    fn text(&self, r: u32, c: u32) -> &'a str {
        self.prep.text(r, c)
    }

    fn core_at(&self, r: u32, c: u32) -> &'a str {
        self.prep.core(r, c)
    }

    fn row_has(&self, r: u32, keys: &[&str]) -> bool {
        (0..self.width()).any(|c| {
            let t = self.text(r, c);
            let k = core(t);
            self.labels.which(keys, &k).is_some() || (keys.contains(&"footnote") && is_footnote(t))
        })
    }

    fn found_anything(&self) -> bool {
        !self.form.funds.rows.is_empty()
            || !self.form.indicators.is_empty()
            || !self.form.scores.is_empty()
    }

    /// Sets `path` from the cell at (`r`, `c`): marks it used, skips blank marks.
    fn put(&mut self, path: FieldPath, r: u32, c: u32) {
        self.used.insert((r, c));
        let cell = self.sheet.cell(r, c).clone();
        let shown = cell.text();
        if is_blank_mark(&shown) {
            return;
        }
        let (value, note) = self.value_for(&path, &cell, &shown);
        if path.set(&mut self.form, &value, self.profile).is_ok() {
            self.mapping.push((path, (r, c), note));
        }
    }

    /// The text a field is set from, and how it differs from what the cell shows.
    fn value_for(&self, path: &FieldPath, cell: &Cell, shown: &str) -> (String, Option<Text>) {
        let percent_field = matches!(
            path,
            FieldPath::FundsDeclaredRate
                | FieldPath::Indicator(_, IndicatorField::DeclaredCompletion)
        );
        if let Cell::Number { value, shown: None } = cell {
            if percent_field && *value > Decimal::ZERO && *value <= Decimal::new(15, 1) {
                let p = (*value * Decimal::ONE_HUNDRED).normalize();
                return (
                    format!("{p}%"),
                    Some(Text::new(
                        format!("{value} 读作 {p}%"),
                        format!("{value} read as {p}%"),
                    )),
                );
            }
        }
        // A bare number (a number cell, or one typed as text: `500,000`) in a table of another unit.
        let bare = !shown.is_empty()
            && shown
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | ' ' | '，'));
        if let (true, Some(unit), FieldPath::FundsCell(..) | FieldPath::FundsDeclaredTotal(_)) =
            (bare, self.funds_unit, path)
        {
            if unit != self.profile.funds.unit {
                let (from, to) = (unit.key(), self.profile.funds.unit.key());
                return (
                    format!("{shown}{from}"),
                    Some(Text::new(
                        format!("表中金额单位为{from}，换算为{to}"),
                        format!(
                            "the table is in {}, converted to {}",
                            unit.name_en(),
                            self.profile.funds.unit.name_en()
                        ),
                    )),
                );
            }
        }
        (shown.to_string(), None)
    }

    /// The next cell right of (`r`, `c`) that holds something and is not a label, stopping at one.
    fn value_right(&self, r: u32, c: u32) -> Option<u32> {
        for x in c + 1..self.width() {
            if self.used.contains(&(r, x)) {
                return None;
            }
            let t = self.text(r, x);
            if t.trim().is_empty() {
                continue;
            }
            let k = core(t);
            if self.labels.is_any(&k)
                || split_inline(t).is_some_and(|(l, _)| self.labels.is_any(&l))
            {
                return None;
            }
            return Some(x);
        }
        None
    }

    /// The first unused cell in the form whose label is one of `key`'s: its place, and the value in
    /// the same cell after a colon, if any.
    fn find(&self, key: &str) -> Option<(u32, u32, Option<String>)> {
        let in_form = |&&(r, c): &&(u32, u32)| {
            r >= self.top && r < self.bottom && !self.used.contains(&(r, c))
        };
        let mut best: Option<(u32, u32, Option<String>)> = None;
        for w in self.labels.words(key) {
            // The label alone in its cell, or with its value after a colon.
            for (index, inline) in [(&self.prep.by_core, false), (&self.prep.by_inline, true)] {
                let Some(at) = index.get(w.as_str()).and_then(|v| v.iter().find(in_form)) else {
                    continue;
                };
                if best.as_ref().is_none_or(|b| (at.0, at.1) < (b.0, b.1)) {
                    let value = inline
                        .then(|| split_inline(self.text(at.0, at.1)).map(|(_, v)| v))
                        .flatten();
                    best = Some((at.0, at.1, value));
                }
            }
        }
        best
    }

    /// A label and its value, read into `path`.
    fn labelled(&mut self, key: &str, path: FieldPath) -> bool {
        let Some((r, c, inline)) = self.find(key) else {
            return false;
        };
        self.used.insert((r, c));
        match inline {
            Some(v) => {
                if !is_blank_mark(&v) && path.set(&mut self.form, &v, self.profile).is_ok() {
                    self.mapping.push((path, (r, c), None));
                }
            }
            None => {
                if let Some(x) = self.value_right(r, c) {
                    self.put(path, r, x);
                }
            }
        }
        true
    }

    fn title(&mut self) {
        for r in self.top..self.bottom.min(self.top + 6) {
            for c in 0..self.width() {
                let t = self.text(r, c);
                let k = core(t);
                if self
                    .labels
                    .words("title")
                    .iter()
                    .any(|w| k.contains(w.as_str()))
                {
                    self.used.insert((r, c));
                    self.seen.title = k.clone();
                    if t.trim() != self.profile.title.zh.trim() {
                        self.form.header.title = t.trim().to_string();
                        self.mapping
                            .push((FieldPath::Header(HeaderField::Title), (r, c), None));
                    }
                    // The year in the title, or in a line just below it (（2023年度）).
                    let year = (r..(r + 3).min(self.bottom))
                        .flat_map(|y| (0..self.width()).map(move |x| (y, x)))
                        .find_map(|(y, x)| year_in(self.text(y, x)).map(|v| (y, x, v)));
                    if let Some((y, x, v)) = year {
                        self.form.header.year = v;
                        self.used.insert((y, x));
                        self.mapping
                            .push((FieldPath::Header(HeaderField::Year), (y, x), None));
                    }
                    return;
                }
            }
        }
    }

    fn header(&mut self) {
        for h in [
            HeaderField::Project,
            HeaderField::Department,
            HeaderField::Unit,
            HeaderField::FilingUnit,
            HeaderField::Year,
            HeaderField::Attribute,
            HeaderField::Period,
        ] {
            self.labelled(&format!("header.{}", h.key()), FieldPath::Header(h));
        }
    }

    /// The funds table: a row with the labels of two money columns.
    fn funds(&mut self) {
        let Some(head) = (self.top..self.bottom).find(|&r| {
            (0..self.width())
                .filter(|&c| self.labels.which(FUNDS_MONEY, self.core_at(r, c)).is_some())
                .count()
                >= 2
        }) else {
            return;
        };
        let mut cols: BTreeMap<&'static str, u32> = BTreeMap::new();
        for c in 0..self.width() {
            let k = self.core_at(head, c);
            if let Some(k) = self.labels.which(FUNDS_KEYS, k) {
                cols.entry(k).or_insert(c);
                self.used.insert((head, c));
            } else if self.labels.is_any(k) {
                self.used.insert((head, c));
            }
        }
        for k in cols.keys() {
            self.seen.funds_cols.insert(k);
        }
        let first_money = FUNDS_MONEY
            .iter()
            .filter_map(|k| cols.get(k))
            .min()
            .copied()
            .unwrap_or(0);
        // The unit: in the header, the row above it, or the label of the table.
        self.funds_unit = None;
        let near: Vec<&str> = (head.saturating_sub(2).max(self.top)..=head)
            .flat_map(|r| (0..self.width()).map(move |c| (r, c)))
            .map(|(r, c)| self.text(r, c))
            .collect();
        for t in &near {
            if let Some(u) = unit_in(t) {
                self.funds_unit = Some(u);
                break;
            }
        }
        let mut r = head + 1;
        let mut blank = 0;
        while r < self.bottom && r < head + 60 {
            let source_col = (0..first_money).rev().find(|&c| {
                let t = self.text(r, c);
                !t.is_empty()
                    && !self.labels.is("funds.source", &core(t))
                    && !self.is_section_title(&core(t))
            });
            let money: Vec<(&'static str, u32)> = FUNDS_MONEY
                .iter()
                .filter_map(|k| cols.get(k).map(|&c| (*k, c)))
                .collect();
            let any_money = money
                .iter()
                .any(|&(_, c)| !self.sheet.cell(r, c).is_empty());
            let Some(sc) = source_col else {
                if any_money {
                    r += 1;
                    continue;
                }
                blank += 1;
                if blank >= 1 {
                    break;
                }
                r += 1;
                continue;
            };
            // A row with another part's label anywhere in it ends the table.
            let other_part = (0..self.width()).any(|c| {
                let k = self.core_at(r, c);
                !self.labels.is("funds.source", k)
                    && (self.labels.keys_with("narratives.", k).next().is_some()
                        || self.labels.is("section", k)
                        || self.labels.which(INDICATOR_KEYS, k).is_some())
            });
            if other_part {
                break;
            }
            let name = self.text(r, sc);
            let k = core(name);
            if self.labels.which(ENDS, &k).is_some()
                || self.labels.keys_with("narratives.", &k).next().is_some()
                || self.labels.which(INDICATOR_KEYS, &k).is_some()
            {
                break;
            }
            // Mark the row's label cells (the table's own label merged down its left).
            for c in 0..sc {
                if self.labels.is("funds.source", self.core_at(r, c)) {
                    self.used.insert((r, c));
                }
            }
            self.used.insert((r, sc));
            if self.labels.is("funds.total", &k) {
                for &(key, c) in &money {
                    let col = FundsColumn::from_key(&key["funds.".len()..])
                        .unwrap_or(FundsColumn::Budget);
                    self.put(FieldPath::FundsDeclaredTotal(col), r, c);
                }
                if let Some(&c) = cols.get("funds.rate") {
                    self.put(FieldPath::FundsDeclaredRate, r, c);
                }
                if let Some(&c) = cols.get("funds.score") {
                    self.put(FieldPath::FundsDeclaredScore, r, c);
                }
                if let Some(&c) = cols.get("funds.weight") {
                    self.block_weight_of_execution(r, c);
                }
            } else {
                let i = self.form.funds.rows.len();
                self.form.funds.rows.push(FundsRow::default());
                let trimmed = name.trim();
                let source = ["其中：", "其中:", "其中"]
                    .iter()
                    .find_map(|p| trimmed.strip_prefix(p))
                    .unwrap_or(trimmed)
                    .trim()
                    .to_string();
                let _ = FieldPath::FundsSource(i).set(&mut self.form, &source, self.profile);
                self.mapping
                    .push((FieldPath::FundsSource(i), (r, sc), None));
                for &(key, c) in &money {
                    let col = FundsColumn::from_key(&key["funds.".len()..])
                        .unwrap_or(FundsColumn::Budget);
                    self.put(FieldPath::FundsCell(i, col), r, c);
                }
            }
            r += 1;
        }
    }

    fn block_weight_of_execution(&mut self, r: u32, c: u32) {
        self.used.insert((r, c));
        let Some(block) = self.profile.blocks.iter().find(|b| {
            b.rows
                .iter()
                .any(|f| matches!(f.method, Method::FundsExecution))
        }) else {
            return;
        };
        let Cell::Number { value, .. } = self.sheet.cell(r, c) else {
            return;
        };
        if *value != block.weight && block.adjustable {
            let path = FieldPath::BlockWeight(block.id.clone());
            if path
                .set(&mut self.form, &value.normalize().to_string(), self.profile)
                .is_ok()
            {
                self.mapping.push((path, (r, c), None));
            }
        }
    }

    fn is_section_title(&self, k: &str) -> bool {
        self.profile.sections.iter().any(|s| core(&s.title.zh) == k)
    }

    /// Every table headed 三级指标: the indicator table, or the profile's fixed scoring rows.
    fn tables(&mut self) {
        let mut r = self.top;
        while r < self.bottom {
            let name_col = (0..self.width()).find(|&c| {
                !self.used.contains(&(r, c))
                    && self.labels.is("indicators.name", self.core_at(r, c))
            });
            let Some(_) = name_col else {
                r += 1;
                continue;
            };
            let mut t = Table {
                first: r + 1,
                cols: BTreeMap::new(),
            };
            for c in 0..self.width() {
                if let Some(k) = self.labels.which(INDICATOR_KEYS, self.core_at(r, c)) {
                    t.cols.entry(k).or_insert(c);
                }
            }
            // A second header row below (指标值 over 年初 / 调整后, 自评 over 分值 / 得分).
            if r + 1 < self.bottom {
                let below: Vec<(u32, &'static str)> = (0..self.width())
                    .filter_map(|c| {
                        self.labels
                            .which(INDICATOR_KEYS, self.core_at(r + 1, c))
                            .map(|k| (c, k))
                    })
                    .collect();
                if !below.is_empty() && !below.iter().any(|(_, k)| *k == "indicators.name") {
                    for (c, k) in below {
                        t.cols.retain(|_, v| *v != c);
                        t.cols.insert(k, c);
                        self.used.insert((r + 1, c));
                    }
                    t.first = r + 2;
                }
            }
            for c in 0..self.width() {
                if self
                    .labels
                    .which(INDICATOR_KEYS, self.core_at(r, c))
                    .is_some()
                {
                    self.used.insert((r, c));
                }
            }
            self.seen.tables += 1;
            let end = self.table_end(&t);
            if self.is_scoring(&t, end) {
                self.scoring(&t, end);
            } else {
                for k in t.cols.keys() {
                    self.seen.indicator_cols.insert(k);
                }
                self.indicators(&t, end);
            }
            r = end.max(r + 1);
        }
    }

    /// The row after a table's last.
    fn table_end(&self, t: &Table) -> u32 {
        let mut blank = 0;
        let mut r = t.first;
        while r < self.bottom {
            if self.row_has(r, ENDS) {
                return r;
            }
            let empty = (0..self.width()).all(|c| self.sheet.cell(r, c).is_empty());
            if empty {
                blank += 1;
                if blank >= 2 {
                    return r - 1;
                }
            } else {
                blank = 0;
                // A row of text outside the table's columns only (a narrative's label): the end.
                let in_table = t.cols.values().any(|&c| !self.sheet.cell(r, c).is_empty());
                if !in_table {
                    return r;
                }
                let k = self.core_at(
                    r,
                    (0..self.width())
                        .find(|&c| !self.sheet.cell(r, c).is_empty())
                        .unwrap_or(0),
                );
                if self.labels.keys_with("narratives.", k).next().is_some()
                    || self.labels.which(FUNDS_MONEY, k).is_some()
                {
                    return r;
                }
            }
            r += 1;
        }
        r
    }

    fn fixed_row(&self, group: &str, name: &str) -> Option<String> {
        let rows: Vec<(&str, String, String)> = self
            .profile
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .map(|f| (f.id.as_str(), core(&f.group.zh), core(&f.name.zh)))
            .collect();
        let by_name: Vec<_> = rows.iter().filter(|(_, _, n)| n == name).collect();
        match by_name.as_slice() {
            [] => None,
            [one] => Some(one.0.to_string()),
            many => many
                .iter()
                .find(|(_, g, _)| g == group)
                .map(|(id, _, _)| id.to_string()),
        }
    }

    fn is_scoring(&self, t: &Table, end: u32) -> bool {
        let Some(&nc) = t.cols.get("indicators.name") else {
            return false;
        };
        let has_fixed = self.profile.blocks.iter().any(|b| {
            b.rows
                .iter()
                .any(|f| !matches!(f.method, Method::FundsExecution))
        });
        let names: Vec<&str> = (t.first..end)
            .map(|r| self.core_at(r, nc))
            .filter(|n| !n.is_empty())
            .collect();
        let matched = names
            .iter()
            .filter(|n| self.fixed_row("", n).is_some() || self.fixed_names_contain(n))
            .count();
        let target = t.cols.contains_key("indicators.target");
        has_fixed && !target && matched * 2 >= names.len().max(1) && matched >= 2
    }

    fn fixed_names_contain(&self, n: &str) -> bool {
        self.profile
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .any(|f| core(&f.name.zh) == n)
    }

    fn scoring(&mut self, t: &Table, end: u32) {
        self.seen.scoring_tables += 1;
        let col = |k: &str| t.cols.get(k).copied();
        let (l2c, nc) = (col("indicators.level2"), col("indicators.name"));
        let mut group = String::new();
        for r in t.first..end {
            if let Some(c) = l2c {
                let g = self.core_at(r, c);
                if !g.is_empty() {
                    group = g.to_string();
                    self.used.insert((r, c));
                }
            }
            if let Some(c) = col("indicators.level1") {
                if !self.sheet.cell(r, c).is_empty() {
                    self.used.insert((r, c));
                }
            }
            let Some(nc) = nc else { continue };
            let name = self.core_at(r, nc);
            let Some(id) = self.fixed_row(&group, name) else {
                continue;
            };
            self.used.insert((r, nc));
            self.seen.fixed_rows += 1;
            // A judgement row's 得分 is the evaluator's score, the row's only input; a computed row's
            // is what the form states, compared with the engine's.
            let manual = self
                .profile
                .fixed_row(&id)
                .is_some_and(|(_, f)| matches!(f.method, Method::Manual));
            let score = if manual {
                ScoreField::Score
            } else {
                ScoreField::DeclaredScore
            };
            for (k, f) in [
                ("indicators.actual", ScoreField::Actual),
                ("indicators.score", score),
                ("indicators.reason", ScoreField::DeviationReason),
            ] {
                if let Some(c) = col(k) {
                    self.put(FieldPath::Score(id.clone(), f), r, c);
                }
            }
            if let Some(c) = col("indicators.weight") {
                self.used.insert((r, c));
            }
        }
    }

    fn block_of(&self, heading: &str) -> String {
        let p = self.profile;
        if let Some(h) = p
            .indicators
            .default_outline
            .iter()
            .find(|h| h.level == 1 && core(&h.name) == heading)
        {
            if !h.block.is_empty() {
                return h.block.clone();
            }
        }
        let from: Vec<_> = p.blocks.iter().filter(|b| b.from_indicators).collect();
        if let Some(b) = from.iter().find(|b| {
            let n = core(&b.name.zh);
            n == heading || heading.contains(n.as_str()) || n.contains(heading)
        }) {
            return b.id.clone();
        }
        match from.as_slice() {
            [one] => one.id.clone(),
            _ => String::new(),
        }
    }

    fn indicators(&mut self, t: &Table, end: u32) {
        let col = |k: &str| t.cols.get(k).copied();
        let (l1c, l2c) = (col("indicators.level1"), col("indicators.level2"));
        let mut ids = self.form.row_ids();
        let (mut l1, mut l2) = (String::new(), String::new());
        for r in t.first..end {
            let heading = |me: &Self, c: Option<u32>| {
                c.map(|c| me.text(r, c)).filter(|t| !t.trim().is_empty())
            };
            if let Some(text) = heading(self, l1c) {
                let c = l1c.unwrap_or(0);
                self.used.insert((r, c));
                let k = core(text);
                if k != l1 && !self.labels.is("total", &k) {
                    l1 = k.clone();
                    l2.clear();
                    let i = self.form.indicators.len();
                    let block = self.block_of(&k);
                    self.form.indicators.push(IndicatorRow {
                        id: ids.fresh(),
                        level: 1,
                        name: k.clone(),
                        block: block.clone(),
                        ..IndicatorRow::default()
                    });
                    self.mapping.push((
                        FieldPath::Indicator(i, IndicatorField::Name),
                        (r, c),
                        None,
                    ));
                    self.heading_weight(text, &block, r, c);
                }
            }
            if let Some(text) = heading(self, l2c) {
                let c = l2c.unwrap_or(0);
                self.used.insert((r, c));
                let k = core(text);
                if k != l2 {
                    l2 = k.clone();
                    let i = self.form.indicators.len();
                    self.form.indicators.push(IndicatorRow {
                        id: ids.fresh(),
                        level: 2,
                        name: k,
                        ..IndicatorRow::default()
                    });
                    self.mapping.push((
                        FieldPath::Indicator(i, IndicatorField::Name),
                        (r, c),
                        None,
                    ));
                }
            }
            let values: Vec<(&'static str, u32)> = t
                .cols
                .iter()
                .filter(|(k, _)| !matches!(**k, "indicators.level1" | "indicators.level2"))
                .map(|(k, c)| (*k, *c))
                .collect();
            let any = values.iter().any(|&(_, c)| !is_blank_mark(self.text(r, c)));
            if !any {
                continue;
            }
            let i = self.form.indicators.len();
            self.form.indicators.push(IndicatorRow {
                id: ids.fresh(),
                level: 3,
                ..IndicatorRow::default()
            });
            for (k, c) in values {
                let field = match k {
                    "indicators.name" => IndicatorField::Name,
                    "indicators.target" => IndicatorField::Target,
                    "indicators.initial_target" => IndicatorField::InitialTarget,
                    "indicators.actual" => IndicatorField::Actual,
                    "indicators.operator" => IndicatorField::Operator,
                    "indicators.unit" => IndicatorField::Unit,
                    "indicators.completion" => IndicatorField::DeclaredCompletion,
                    "indicators.weight" => IndicatorField::Weight,
                    "indicators.score" => IndicatorField::DeclaredScore,
                    "indicators.coefficient" => IndicatorField::Coefficient,
                    "indicators.reason" => IndicatorField::DeviationReason,
                    "indicators.nature" => IndicatorField::Nature,
                    "indicators.core" => IndicatorField::Core,
                    _ => continue,
                };
                if field == IndicatorField::Core {
                    self.used.insert((r, c));
                    let t = self.text(r, c);
                    if matches!(
                        t.trim(),
                        "是" | "√" | "✓" | "★" | "核心" | "Y" | "y" | "TRUE"
                    ) {
                        let _ = FieldPath::Indicator(i, field).set(
                            &mut self.form,
                            "true",
                            self.profile,
                        );
                        self.mapping
                            .push((FieldPath::Indicator(i, field), (r, c), None));
                    }
                    continue;
                }
                self.put(FieldPath::Indicator(i, field), r, c);
            }
        }
    }

    /// `产出指标（50分）`: a block weight other than the profile's, where it may be changed.
    fn heading_weight(&mut self, text: &str, block: &str, r: u32, c: u32) {
        let Some(b) = self.profile.block(block) else {
            return;
        };
        let digits: String = text
            .split(['(', '（'])
            .nth(1)
            .map(|s| {
                s.chars()
                    .take_while(|ch| ch.is_ascii_digit() || *ch == '.')
                    .collect()
            })
            .unwrap_or_default();
        let Ok(w) = digits.parse::<Decimal>() else {
            return;
        };
        if w != b.weight && b.adjustable {
            let path = FieldPath::BlockWeight(b.id.clone());
            if path
                .set(&mut self.form, &w.normalize().to_string(), self.profile)
                .is_ok()
            {
                self.mapping.push((path, (r, c), None));
            }
        }
    }

    /// 评价内容 | 分值 | 得分: the blocks' stated subtotals.
    fn summary(&mut self) {
        let Some((r, c, _)) = self.find("scoring.header") else {
            return;
        };
        self.used.insert((r, c));
        let score_col = (0..self.width())
            .rev()
            .find(|&x| self.labels.is("indicators.score", self.core_at(r, x)));
        for x in 0..self.width() {
            if self.labels.is_any(self.core_at(r, x)) {
                self.used.insert((r, x));
            }
        }
        let Some(sc) = score_col else { return };
        for row in r + 1..self.bottom {
            let k = self.core_at(row, c);
            if k.is_empty() || self.labels.which(ENDS, k).is_some() {
                break;
            }
            let Some(b) = self.profile.blocks.iter().find(|b| core(&b.name.zh) == k) else {
                continue;
            };
            let id = b.id.clone();
            self.used.insert((row, c));
            for x in c + 1..sc {
                if matches!(self.sheet.cell(row, x), Cell::Number { .. }) {
                    self.used.insert((row, x));
                }
            }
            self.put(FieldPath::DeclaredBlock(id), row, sc);
        }
    }

    fn totals(&mut self) {
        if let Some((r, c, inline)) = self.find("total") {
            self.used.insert((r, c));
            match inline {
                Some(v) => {
                    if FieldPath::DeclaredTotal
                        .set(&mut self.form, &v, self.profile)
                        .is_ok()
                    {
                        self.mapping.push((FieldPath::DeclaredTotal, (r, c), None));
                    }
                }
                None => {
                    let last = (c + 1..self.width())
                        .rev()
                        .find(|&x| !self.sheet.cell(r, x).is_empty());
                    for x in c + 1..last.unwrap_or(c) {
                        if matches!(self.sheet.cell(r, x), Cell::Number { .. }) {
                            self.used.insert((r, x));
                        }
                    }
                    if let Some(x) = last {
                        self.put(FieldPath::DeclaredTotal, r, x);
                    }
                }
            }
        }
        self.labelled("grade", FieldPath::DeclaredGrade);
    }

    fn narratives(&mut self) {
        let ids: Vec<String> = self
            .profile
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Narrative)
            .map(|s| s.id.clone())
            .collect();
        for id in &ids {
            let key = format!("narratives.{id}");
            let Some((r, c, inline)) = self.find(&key) else {
                continue;
            };
            self.used.insert((r, c));
            self.seen.narratives += 1;
            let path = FieldPath::Narrative(id.clone());
            if let Some(v) = inline {
                let _ = path.set(&mut self.form, &v, self.profile);
                self.mapping.push((path, (r, c), None));
                continue;
            }
            // Labels side by side over their texts (预期目标 | 实际完成情况, the texts below).
            let over = (0..self.width()).any(|x| {
                x != c
                    && self
                        .labels
                        .keys_with("narratives.", self.core_at(r, x))
                        .next()
                        .is_some()
            });
            if let Some(x) = self.value_right(r, c) {
                self.put(path, r, x);
            } else if over && r + 1 < self.bottom {
                let t = self.text(r + 1, c);
                if !t.is_empty()
                    && !self.labels.is_any(&core(t))
                    && !self.used.contains(&(r + 1, c))
                {
                    self.put(path, r + 1, c);
                }
            }
        }
        // Narrative labels of other layouts, for the fit.
        for (k, at) in &self.prep.by_core {
            let foreign = self
                .labels
                .keys_with("narratives.", k)
                .any(|key| !ids.iter().any(|id| key == format!("narratives.{id}")));
            if foreign {
                let n = at
                    .iter()
                    .filter(|(r, _)| *r >= self.top && *r < self.bottom)
                    .count();
                self.seen.foreign_narratives += n;
            }
        }
    }

    fn evaluators(&mut self) {
        let Some((r, c, _)) = self.find("evaluators.name") else {
            return;
        };
        let mut cols = vec![(EvaluatorField::Name, c)];
        for x in 0..self.width() {
            let k = self.core_at(r, x);
            for f in [
                EvaluatorField::Title,
                EvaluatorField::Office,
                EvaluatorField::Phone,
            ] {
                if self.labels.is(&format!("evaluators.{}", f.key()), k)
                    && !cols.iter().any(|(g, _)| *g == f)
                {
                    cols.push((f, x));
                }
            }
        }
        if cols.len() < 2 {
            return;
        }
        self.seen.evaluators = true;
        for &(_, x) in &cols {
            self.used.insert((r, x));
        }
        for row in r + 1..self.bottom.min(r + 30) {
            if self.sheet.cell(row, c).is_empty() || self.labels.is_any(self.core_at(row, c)) {
                break;
            }
            let i = self.form.evaluators.len();
            self.form.evaluators.push(Evaluator::default());
            for &(f, x) in &cols {
                self.put(FieldPath::Evaluator(i, f), row, x);
            }
        }
    }

    fn signoff(&mut self) {
        for f in [
            SignoffField::UnitHead,
            SignoffField::Responsible,
            SignoffField::Handler,
            SignoffField::Phone,
            SignoffField::FiledOn,
            SignoffField::SignedOn,
        ] {
            self.labelled(&format!("signoff.{}", f.key()), FieldPath::Signoff(f));
        }
    }

    /// How well the profile's layout fits what the sheet shows.
    fn fit(&self) -> i64 {
        let p = self.profile;
        let s = &self.seen;
        let mut fit: i64 = 0;
        let title = core(&p.title.zh);
        if !s.title.is_empty() {
            if s.title == title {
                fit += 12;
            } else if s.title.contains(&title) {
                fit += 3;
            }
        }
        if !s.funds_cols.is_empty() {
            for key in FUNDS_MONEY {
                let has = p
                    .funds
                    .columns
                    .iter()
                    .any(|c| format!("funds.{}", c.column.key()) == *key);
                match (has, s.funds_cols.contains(key)) {
                    (true, true) => fit += 2,
                    (true, false) | (false, true) => fit -= 2,
                    _ => {}
                }
            }
            let scored = s.funds_cols.contains("funds.score");
            fit += if scored == p.funds.shows_score { 2 } else { -2 };
        }
        if !s.indicator_cols.is_empty() {
            let i = &p.indicators;
            for (key, has) in [
                ("indicators.completion", i.completion),
                ("indicators.operator", i.operator_column),
                ("indicators.unit", i.unit_column),
                ("indicators.reason", i.reason_column),
                ("indicators.nature", i.nature_column),
                ("indicators.core", i.core_column),
                ("indicators.coefficient", i.coefficient_column),
                ("indicators.initial_target", i.initial_target_column),
                ("indicators.score", i.scored),
            ] {
                fit += if has == s.indicator_cols.contains(key) {
                    1
                } else {
                    -2
                };
            }
        }
        let fixed = p
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .filter(|f| !matches!(f.method, Method::FundsExecution))
            .count();
        fit += 2 * s.fixed_rows as i64;
        if fixed > 0 && s.scoring_tables == 0 {
            fit -= 4;
        }
        fit += s.narratives as i64;
        fit -= s.foreign_narratives as i64;
        let has_evaluators = p.sections.iter().any(|x| x.kind == SectionKind::Evaluators);
        if s.evaluators {
            fit += if has_evaluators { 1 } else { -1 };
        }
        fit
    }

    fn finish(self, _registry: &Registry) -> Found {
        let sheet = &self.sheet.name;
        let at = |(r, c): (u32, u32)| CellRef {
            sheet: sheet.clone(),
            row: r,
            col: c,
        };
        let form = self.form;
        let profile = self.profile.clone();
        // A field read twice (the year in the title and beside 年度) keeps the last cell it was read from.
        let mut seen_paths = BTreeSet::new();
        let mut raw = self.mapping;
        raw.reverse();
        raw.retain(|(p, _, _)| seen_paths.insert(p.to_string()));
        raw.reverse();
        // In the sheet's order, row by row.
        raw.sort_by_key(|(_, cell, _)| *cell);
        let mapping: Vec<Mapped> = raw
            .into_iter()
            .map(|(path, cell, note)| Mapped {
                place: crate::place::place(&path, &form, &profile),
                shown: self.sheet.cell(cell.0, cell.1).text(),
                cell: at(cell),
                path,
                note,
            })
            .collect();
        let mapped: BTreeSet<(u32, u32)> =
            mapping.iter().map(|m| (m.cell.row, m.cell.col)).collect();
        let mut unused = Vec::new();
        let mut more = 0;
        for r in self.top..self.bottom {
            for c in 0..self.sheet.width() {
                let cell = self.sheet.cell(r, c);
                if cell.is_empty() || self.used.contains(&(r, c)) || mapped.contains(&(r, c)) {
                    continue;
                }
                let shown = cell.text();
                // A label (a section's title, a column's head) is the layout, not content.
                if is_blank_mark(&shown) || self.labels.is_any(&core(&shown)) {
                    continue;
                }
                if unused.len() < UNUSED_LISTED {
                    unused.push(Unused {
                        cell: at((r, c)),
                        shown,
                    });
                } else {
                    more += 1;
                }
            }
        }
        let mut notes = self.notes;
        if let Some(cut) = self.sheet.cut {
            notes.push(Text::new(
                format!("工作表“{}”超过读取上限，只读取了前 {} 行、{} 列。", crate::text::quote(sheet), cut.rows, cut.cols),
                format!("Sheet “{}” is larger than a form can be: only its first {} rows and {} columns were read.", crate::text::quote(sheet), cut.rows, cut.cols),
            ));
        }
        Found {
            sheet: sheet.clone(),
            rows: (self.top + 1, self.bottom),
            profile,
            form,
            mapping,
            unused,
            unused_more: more,
            notes,
        }
    }
}

fn is_footnote(t: &str) -> bool {
    let t = t.trim();
    ["注：", "注:", "说明：", "说明:", "填表说明", "备注："]
        .iter()
        .any(|p| t.starts_with(p))
}

/// `2021年度…`: the year a title states.
fn year_in(t: &str) -> Option<String> {
    let chars: Vec<char> = t.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let four: String = chars[i..i + 4].iter().collect();
        if four.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年') {
            let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
            if !before_digit && four.starts_with('2') {
                return Some(four);
            }
        }
    }
    None
}

/// A unit of money stated in a label (`（万元）`, `单位：元`).
fn unit_in(t: &str) -> Option<crate::entry::MoneyUnit> {
    use crate::entry::MoneyUnit;
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    for (pat, unit) in [
        ("万元", MoneyUnit::Wan),
        ("亿元", MoneyUnit::Yi),
        ("千元", MoneyUnit::Qian),
    ] {
        if t.contains(&format!("({pat})"))
            || t.contains(&format!("（{pat}）"))
            || t.contains(&format!("单位：{pat}"))
            || t.contains(&format!("单位:{pat}"))
        {
            return Some(unit);
        }
    }
    if t.contains("(元)") || t.contains("（元）") || t.contains("单位：元") || t.contains("单位:元")
    {
        return Some(MoneyUnit::Yuan);
    }
    None
}

#[cfg(test)]
mod tests;
