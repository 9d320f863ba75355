//! Rows pasted from Excel or WPS: the clipboard's text read as a spreadsheet writes it, its columns
//! matched to indicator fields, and the indicator rows made.
//!
//! Excel and WPS put a copied range on the clipboard as tab-separated lines. A cell holding a line
//! break, a tab or a quote is written in quotes with its quotes doubled, and may span lines:
//! [`read_tsv`] reads that back. [`Table::read`] then looks at the first line: when its cells name
//! columns (三级指标, 指标值, 分值 …: [`Column::named`]) it is a header, the columns are matched by
//! name and the line is not imported. Otherwise the columns are guessed from their number, in the
//! order of the paper form: 三级指标, 指标值, 实际完成值, 分值, 得分, 偏差原因; with seven or more,
//! 一级 and 二级 come first. The page shows the mapping for the clerk to check and change, and
//! [`rows`] makes the rows with the mapping chosen. Numbers are read as a clerk types them
//! ([`ziping_engine::entry`]); one that does not read stays in its field as pasted, and evaluation
//! reports it, rather than being lost or turned into another number.

use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::path::{set_indicator, IndicatorField};
use ziping_engine::Profile;

/// What a pasted column becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// 三级指标: the indicator's name.
    Name,
    /// 指标值 (年度指标值, 目标值).
    Target,
    /// 实际完成值.
    Actual,
    /// 分值.
    Weight,
    /// 得分 (the evaluator's score).
    Score,
    /// 偏差原因分析及改进措施.
    DeviationReason,
    /// 一级指标: a new name starts a level-1 heading.
    Level1,
    /// 二级指标: a new name starts a level-2 heading.
    Level2,
    /// 完成进度 as printed.
    Completion,
    /// 备注.
    Note,
    /// Not imported.
    Ignore,
}

use Column::*;

/// Header names of each column, compared after [`header_key`].
const NAMES: [(Column, &[&str]); 10] = [
    (Level1, &["一级指标"]),
    (Level2, &["二级指标"]),
    (Name, &["三级指标", "指标名称", "指标内容", "指标"]),
    (
        Target,
        &[
            "指标值",
            "年度指标值",
            "目标值",
            "预期目标",
            "预期目标值",
            "年度目标值",
            "全年指标值",
        ],
    ),
    (
        Actual,
        &[
            "实际完成值",
            "实际值",
            "完成值",
            "实际完成",
            "全年实际完成值",
            "实际完成情况",
        ],
    ),
    (Weight, &["分值", "权重", "指标分值", "标准分值"]),
    (Score, &["得分", "自评得分", "实际得分", "评分"]),
    (
        DeviationReason,
        &[
            "偏差原因分析及改进措施",
            "偏差原因",
            "原因分析",
            "偏差原因分析",
            "偏差原因及改进措施",
        ],
    ),
    (Completion, &["完成进度", "完成率", "完成比例"]),
    (Note, &["备注"]),
];

/// The columns of a row of the paper form, without the headings.
const FORM_ORDER: [Column; 6] = [Name, Target, Actual, Weight, Score, DeviationReason];

impl Column {
    /// Every column, in the order a choice lists them; `ALL[c as usize] == c`.
    pub const ALL: [Column; 11] = [
        Name,
        Target,
        Actual,
        Weight,
        Score,
        DeviationReason,
        Level1,
        Level2,
        Completion,
        Note,
        Ignore,
    ];

    /// The column at `i` of [`Column::ALL`] (not imported beyond it).
    pub fn at(i: usize) -> Column {
        Column::ALL.get(i).copied().unwrap_or(Ignore)
    }

    /// The column a header cell names (`年度指标值`, `分 值`, `偏差原因分析及改进措施`, `分值（分）` …).
    pub fn named(cell: &str) -> Option<Column> {
        let key = header_key(cell);
        NAMES
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(c, _)| *c)
    }
}

/// A header cell as compared: full-width letters and signs as ASCII, without spaces (also
/// full-width ones and line breaks), `*`, `:` and anything in brackets (`（A）`, `(分)`, `【】`).
fn header_key(cell: &str) -> String {
    let mut key = String::new();
    let mut depth = 0u32;
    for c in cell.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || c == '*' || c == ':' => {}
            _ => key.push(c),
        }
    }
    key
}

/// What each pasted column becomes, by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping(pub Vec<Column>);

impl Mapping {
    /// The column at position `i` (not imported beyond the mapping).
    pub fn get(&self, i: usize) -> Column {
        self.0.get(i).copied().unwrap_or(Ignore)
    }

    /// Column `i` becomes `column`.
    pub fn set(&mut self, i: usize, column: Column) {
        if let Some(c) = self.0.get_mut(i) {
            *c = column;
        }
    }
}

/// Pasted text, read: the header line if there is one, the lines to import and what each column
/// becomes, matched by name under a header and guessed from the number of columns otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The first line, when its cells name columns; it is not imported.
    pub header: Option<Vec<String>>,
    /// The lines to import, cell by cell.
    pub rows: Vec<Vec<String>>,
    /// One column for each column of the widest line.
    pub columns: Mapping,
}

impl Table {
    pub fn read(text: &str) -> Table {
        let mut rows = read_tsv(text);
        let named = rows.first().and_then(|first| header(first));
        let header = named.is_some().then(|| rows.remove(0));
        let width = rows.iter().chain(&header).map(Vec::len).max().unwrap_or(0);
        let mut columns = named.unwrap_or_else(|| {
            let levels: &[Column] = if width >= 7 { &[Level1, Level2] } else { &[] };
            levels.iter().chain(&FORM_ORDER).copied().collect()
        });
        columns.resize(width, Ignore);
        Table {
            header,
            rows,
            columns: Mapping(columns),
        }
    }
}

/// The columns a first line names, when it is a header: every filled cell names a column, or at
/// least two do and they are at least half of the filled cells. Other cells are not imported.
fn header(cells: &[String]) -> Option<Vec<Column>> {
    let named: Vec<Option<Column>> = cells.iter().map(|c| Column::named(c)).collect();
    let known = named.iter().flatten().count();
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    (known > 0 && (known == filled || (known >= 2 && 2 * known >= filled)))
        .then(|| named.into_iter().map(|c| c.unwrap_or(Ignore)).collect())
}

/// Tab-separated text as Excel and WPS copy it: lines end with `\r\n` or `\n`; a cell that starts
/// with a quote is quoted, may hold tabs and line breaks, and writes a quote as two. A cell whose
/// quotes do not close, or that goes on after its closing quote, is read as it stands. Cells are
/// trimmed, line breaks inside them become `\n`, and blank lines (a trailing newline) are dropped.
pub fn read_tsv(text: &str) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut rest = text;
    loop {
        let (cell, after) = read_cell(rest);
        line.push(cell.trim().to_string());
        let mut chars = after.chars();
        match chars.next() {
            Some('\t') => rest = chars.as_str(),
            end => {
                if line.iter().any(|c| !c.is_empty()) {
                    lines.push(std::mem::take(&mut line));
                }
                line.clear();
                match end {
                    None => return lines,
                    _ => rest = after.strip_prefix("\r\n").unwrap_or(chars.as_str()),
                }
            }
        }
    }
}

/// The cell at the start of `s`, and the text after it (from the tab or line break that ends it).
fn read_cell(s: &str) -> (String, &str) {
    if let Some(quoted) = s.strip_prefix('"') {
        let mut cell = String::new();
        let mut rest = quoted;
        while let Some(q) = rest.find('"') {
            cell.push_str(&rest[..q]);
            rest = &rest[q + 1..];
            if let Some(after) = rest.strip_prefix('"') {
                cell.push('"');
                rest = after;
            } else if rest.is_empty() || rest.starts_with(['\t', '\r', '\n']) {
                return (cell.replace("\r\n", "\n"), rest);
            } else {
                break;
            }
        }
    }
    let end = s.find(['\t', '\r', '\n']).unwrap_or(s.len());
    (s[..end].to_string(), &s[end..])
}

/// The indicator rows of `table` with its columns read as `columns`, with ids unused in `form`.
/// A new name in a 一级 or 二级 column starts a heading row (a merged cell copies as one name and
/// empty cells below it); level-1 headings are bound to `profile`'s blocks by name. Where two columns
/// become the same field, the first filled one counts. A line with nothing for a level-3 row makes
/// only its headings.
pub fn rows(table: &Table, columns: &Mapping, form: &Form, profile: &Profile) -> Vec<IndicatorRow> {
    let mut rows = Vec::new();
    let mut ids = form.row_ids();
    let (mut level1, mut level2) = (String::new(), String::new());
    for line in &table.rows {
        let cell = |want: Column| -> String {
            line.iter()
                .enumerate()
                .find(|(i, t)| columns.get(*i) == want && !t.is_empty())
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let l1 = cell(Level1);
        if !l1.is_empty() && l1 != level1 {
            rows.push(IndicatorRow {
                id: ids.fresh(),
                level: 1,
                block: block_for(&l1, form, profile),
                name: l1.clone(),
                ..IndicatorRow::default()
            });
            level1 = l1;
            level2.clear();
        }
        let l2 = cell(Level2);
        if !l2.is_empty() && l2 != level2 {
            rows.push(IndicatorRow {
                id: ids.fresh(),
                level: 2,
                name: l2.clone(),
                ..IndicatorRow::default()
            });
            level2 = l2;
        }
        let mut row = IndicatorRow {
            level: 3,
            name: cell(Name),
            target: cell(Target),
            actual: cell(Actual),
            declared_completion: cell(Completion),
            deviation_reason: cell(DeviationReason),
            note: cell(Note),
            ..IndicatorRow::default()
        };
        // Numbers are read as a clerk types them; one that does not read stays in its field as
        // pasted (and is reported), never lost and never turned into another number.
        for (column, field) in [
            (Weight, IndicatorField::Weight),
            (Score, IndicatorField::Score),
        ] {
            let _ = set_indicator(&mut row, field, &cell(column));
        }
        if row
            != (IndicatorRow {
                level: 3,
                ..IndicatorRow::default()
            })
        {
            rows.push(IndicatorRow {
                id: ids.fresh(),
                ..row
            });
        }
    }
    rows
}

/// The block a pasted level-1 heading scores into: the block of an existing heading of that name,
/// else the profile block whose name it contains.
fn block_for(name: &str, form: &Form, profile: &Profile) -> String {
    form.indicators
        .iter()
        .find(|r| r.level == 1 && r.name == name && !r.block.is_empty())
        .map(|r| r.block.clone())
        .or_else(|| {
            profile
                .blocks
                .iter()
                .find(|b| b.from_indicators && name.contains(b.name.zh.trim_end_matches("指标")))
                .map(|b| b.id.clone())
        })
        .unwrap_or_default()
}
