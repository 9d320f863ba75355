//! One form as an Excel workbook, laid out like the paper form of its profile.
//!
//! Inputs (amounts, targets, actuals, weights, entered scores) are plain cells; every derived number
//! (totals of the funds table, execution rate, computed row scores, block subtotals, the total and
//! the grade) is a formula over them, with the engine's result cached so the file shows the right
//! numbers before any recalculation. The formulas follow the engine's rules (docs/profiles.md), so a
//! changed input recomputes as the engine would; a row whose value cannot be a number in a cell
//! (`200余人`, `达成预期指标`) keeps its text, and its score formula carries the engine's factor.

use crate::cells::{
    a1, abs, cached, lit, num, percent_format, places_format, quantity_cell, round_expr, text_lit,
    Formats,
};
use crate::OutputError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::collections::HashMap;
use ziping_engine::decimal::Decimal;
use ziping_engine::model::{FundsColumn, IndicatorRow};
use ziping_engine::path::FieldPath;
use ziping_engine::profile::{DeductWhen, FixedRow, Method, SectionKind};
use ziping_engine::result::{Figure, MethodId, RowResult, ScoreSource};
use ziping_engine::{Evaluation, Form, Profile};

/// The worksheet's name, as formulas and defined names quote it.
const SHEET: &str = "自评表";

/// Writes `form` (evaluated as `ev` under `profile`) as an xlsx file.
pub fn form_workbook(
    form: &Form,
    profile: &Profile,
    ev: &Evaluation,
) -> Result<Vec<u8>, OutputError> {
    if let Some(e) = crate::too_long_error(form, profile) {
        return Err(e);
    }
    let mut wb = Workbook::new();
    let names = {
        let ws = wb.add_worksheet();
        ws.set_name(SHEET)?;
        let mut w = Sheet::new(ws, form, profile, ev);
        w.write()?;
        w.names
    };
    for (name, target) in names {
        wb.define_name(name, &target)?;
    }
    carry(&mut wb, form)?;
    Ok(wb.save_to_buffer()?)
}

/// The form itself, as its `ziping-form` file, in a hidden sheet: importing the workbook back gives
/// the same form, with what its cells cannot hold (row ids, notes, stated scores), as long as the
/// cells still agree with it (`ziping_engine::workbook`). Text cells only, never a formula.
fn carry(wb: &mut Workbook, form: &Form) -> Result<(), OutputError> {
    let json = ziping_engine::format::to_json(form);
    let ws = wb.add_worksheet();
    ws.set_name(ziping_engine::workbook::CARRIED_SHEET)?;
    let mut row = 0u32;
    let (mut chunk, mut n) = (String::new(), 0);
    for ch in json.chars() {
        chunk.push(ch);
        n += 1;
        // Well under a cell's 32 767 characters.
        if n == 8_000 {
            ws.write_string(row, 0, std::mem::take(&mut chunk))?;
            (row, n) = (row + 1, 0);
        }
    }
    if !chunk.is_empty() {
        ws.write_string(row, 0, chunk)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// A cell's content.
enum C {
    Text(String),
    /// An input number, with its number format.
    Num(f64, String),
    /// A formula (without `=`), its cached result and number format.
    Formula(String, String, String),
    Blank,
}

/// What a cell looks like.
#[derive(Clone, Copy, PartialEq)]
enum Look {
    Label,
    Text,
    Center,
    Heading,
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    form: &'a Form,
    profile: &'a Profile,
    ev: &'a Evaluation,
    f: Formats,
    row: u32,
    ncols: u16,
    /// Defined names (name, `='自评表'!$C$7` or a constant) to add to the workbook.
    names: Vec<(String, String)>,
    /// Where each scored row's score cell is, by (place, id): block subtotals sum these.
    score_cells: HashMap<FieldPath, (u32, u16)>,
    /// The weight cell of each indicator row (by index).
    places: u32,
    round_rows: bool,
}

fn row_key(r: &RowResult) -> FieldPath {
    r.path.clone()
}

/// Column spans that add up to `n` from the given spans, the last one widened.
fn fit(spans: &mut [u16], n: u16) {
    let used: u16 = spans.iter().sum();
    if let Some(last) = spans.last_mut() {
        if used < n {
            *last += n - used;
        }
    }
}

impl<'a> Sheet<'a> {
    fn new(
        ws: &'a mut Worksheet,
        form: &'a Form,
        profile: &'a Profile,
        ev: &'a Evaluation,
    ) -> Self {
        let ind = &profile.indicators;
        let indicator_cols = 5
            + ind.operator_column as u16
            + ind.unit_column as u16
            + ind.nature_column as u16
            + ind.core_column as u16
            + (ind.coefficient_column && ind.scored) as u16
            + ind.initial_target_column as u16
            + (ind.completion && !ind.scored) as u16
            + ind.completion as u16 * ind.scored as u16
            + 2 * ind.scored as u16
            + ind.reason_column as u16;
        Sheet {
            ws,
            form,
            profile,
            ev,
            f: Formats::new(),
            row: 0,
            ncols: indicator_cols.max(8),
            names: Vec::new(),
            score_cells: HashMap::new(),
            places: profile.rounding.places,
            round_rows: profile.rounding.round_rows,
        }
    }

    fn rp(&self) -> Option<u32> {
        self.round_rows.then_some(self.places)
    }

    fn score_format(&self) -> String {
        places_format(self.places)
    }

    fn quote(cell: (u32, u16)) -> String {
        format!("='{SHEET}'!{}", abs(cell.0, cell.1))
    }

    fn format_of(&self, look: Look) -> &Format {
        match look {
            Look::Label => &self.f.label,
            Look::Text => &self.f.text,
            Look::Center => &self.f.center,
            Look::Heading => &self.f.heading,
        }
    }

    /// Writes one cell spanning `span` columns (and `down` extra rows) at (row, col).
    fn put(
        &mut self,
        row: u32,
        col: u16,
        span: u16,
        down: u32,
        c: &C,
        look: Look,
    ) -> Result<(), OutputError> {
        let last_col = col + span.max(1) - 1;
        let last_row = row + down;
        let base = self.format_of(look).clone();
        let fmt = match c {
            C::Num(_, nf) | C::Formula(_, _, nf) if !nf.is_empty() => self.f.number(nf),
            _ => base,
        };
        if last_col > col || last_row > row {
            let text = match c {
                C::Text(t) => t.as_str(),
                _ => "",
            };
            self.ws
                .merge_range(row, col, last_row, last_col, text, &fmt)?;
        }
        match c {
            C::Text(t) => {
                self.ws.write_string_with_format(row, col, t, &fmt)?;
            }
            C::Num(v, _) => {
                self.ws.write_number_with_format(row, col, *v, &fmt)?;
            }
            C::Formula(x, result, _) => {
                let formula = Formula::new(format!("={x}")).set_result(result);
                self.ws.write_formula_with_format(row, col, formula, &fmt)?;
            }
            C::Blank => {
                if last_col == col && last_row == row {
                    self.ws.write_blank(row, col, &fmt)?;
                }
            }
        }
        Ok(())
    }

    /// Writes a row of cells with their spans (the last widened to the sheet's width); returns the
    /// row number.
    fn line(&mut self, cells: Vec<(u16, C, Look)>) -> Result<u32, OutputError> {
        let mut spans: Vec<u16> = cells.iter().map(|c| c.0).collect();
        fit(&mut spans, self.ncols);
        let row = self.row;
        let mut col = 0;
        for ((_, c, look), span) in cells.iter().zip(spans) {
            self.put(row, col, span, 0, c, *look)?;
            col += span;
        }
        self.ws.set_row_height(row, 20)?;
        self.row += 1;
        Ok(row)
    }

    fn heading(&mut self, title: &str) -> Result<(), OutputError> {
        self.line(vec![(self.ncols, C::Text(title.into()), Look::Heading)])?;
        Ok(())
    }

    fn write(&mut self) -> Result<(), OutputError> {
        let title = if self.form.header.title.trim().is_empty() {
            self.profile.title.zh.clone()
        } else {
            self.form.header.title.clone()
        };
        let n = self.ncols;
        self.ws.merge_range(0, 0, 0, n - 1, &title, &self.f.title)?;
        self.ws.set_row_height(0, 32)?;
        self.row = 1;
        // A form with errors says so on its face, in print too.
        let errors = self.ev.counts.errors;
        if errors > 0 {
            let unchecked = Format::new()
                .set_font_name("SimHei")
                .set_font_size(12)
                .set_bold()
                .set_font_color("#B3261E")
                .set_border(FormatBorder::Medium)
                .set_border_color("#B3261E")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter);
            let s = if errors == 1 { "" } else { "s" };
            let text = format!("未通过核查：{errors} 个错误（Not checked: {errors} error{s}）");
            self.ws.merge_range(1, 0, 1, n - 1, &text, &unchecked)?;
            self.ws.set_row_height(1, 24)?;
            self.row = 2;
        }
        let last_scored = self
            .profile
            .sections
            .iter()
            .rposition(|s| matches!(s.kind, SectionKind::Scoring | SectionKind::Indicators));
        let mut summary_done = false;
        for (i, section) in self.profile.sections.iter().enumerate() {
            match section.kind {
                SectionKind::Header => self.header()?,
                SectionKind::Funds => self.funds(&section.title.zh)?,
                SectionKind::Narrative => self.narrative(&section.title.zh, &section.id)?,
                SectionKind::Indicators => self.indicators(&section.title.zh)?,
                SectionKind::Scoring => self.scoring(&section.title.zh)?,
                SectionKind::Evaluators => {
                    if !summary_done {
                        self.summary()?;
                        summary_done = true;
                    }
                    self.evaluators(&section.title.zh)?
                }
                SectionKind::Signoff => {
                    if !summary_done {
                        self.summary()?;
                        summary_done = true;
                    }
                    self.signoff(&section.title.zh)?
                }
            }
            if Some(i) == last_scored && !summary_done {
                self.summary()?;
                summary_done = true;
            }
        }
        if !summary_done {
            self.summary()?;
        }
        self.page_setup()
    }

    fn page_setup(&mut self) -> Result<(), OutputError> {
        use ziping_engine::profile::Orientation;
        let n = self.ncols;
        let landscape = self.profile.orientation == Orientation::Landscape;
        let total: f64 = if landscape { 150.0 } else { 100.0 };
        let each = total / f64::from(n);
        for c in 0..n {
            let w = match c {
                2 => each * 1.4,
                0 | 1 => each * 0.9,
                _ => each * 0.95,
            };
            self.ws.set_column_width(c, w)?;
        }
        self.ws.set_paper_size(9);
        if landscape {
            self.ws.set_landscape();
        } else {
            self.ws.set_portrait();
        }
        self.ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
        self.ws.set_print_center_horizontally(true);
        self.ws.set_print_fit_to_pages(1, 0);
        self.ws.set_repeat_rows(0, 0)?;
        self.ws
            .set_print_area(0, 0, self.row.saturating_sub(1), n - 1)?;
        self.ws.set_footer("&C第 &P 页，共 &N 页");
        Ok(())
    }

    fn header(&mut self) -> Result<(), OutputError> {
        let h = &self.form.header;
        let n = self.ncols;
        let half = n / 2;
        let t = |s: &str| C::Text(s.to_string());
        self.line(vec![
            (2, t("项目名称"), Look::Label),
            (n - 2, t(&h.project), Look::Text),
        ])?;
        for (l1, v1, l2, v2) in [
            ("主管部门", &h.department, "实施单位", &h.unit),
            ("填报单位", &h.filing_unit, "年度", &h.year),
            ("项目属性", &h.attribute, "项目期", &h.period),
        ] {
            self.line(vec![
                (2, t(l1), Look::Label),
                (half - 2, t(v1), Look::Text),
                (2, t(l2), Look::Label),
                (n - half - 2, t(v2), Look::Text),
            ])?;
        }
        Ok(())
    }

    fn funds(&mut self, title: &str) -> Result<(), OutputError> {
        self.heading(title)?;
        let layout = &self.profile.funds;
        let shows_score = layout.shows_score;
        let pp = self.profile.rounding.percent_places;
        let mut head = vec![(2, C::Text("资金来源".into()), Look::Label)];
        for c in &layout.columns {
            head.push((1, C::Text(c.title.zh.clone()), Look::Label));
        }
        if shows_score {
            for t in ["执行率", "分值", "得分"] {
                head.push((1, C::Text(t.into()), Look::Label));
            }
        }
        // Each row's own 执行率, where the profile prints it: a formula of the row's cells.
        let row_rates = layout.row_rates && !shows_score;
        let col_of = |column: FundsColumn| {
            layout
                .columns
                .iter()
                .position(|c| c.column == column)
                .map(|k| 2 + k as u16)
        };
        let (budget_col, spent_col) = (col_of(FundsColumn::Budget), col_of(FundsColumn::Spent));
        if row_rates {
            head.push((1, C::Text("执行率".into()), Look::Label));
        }
        self.line(head)?;
        let first = self.row;
        for (i, r) in self.form.funds.rows.iter().enumerate() {
            let this_row = self.row;
            let mut cells = vec![(2, C::Text(r.source.clone()), Look::Text)];
            for c in &layout.columns {
                cells.push((
                    1,
                    match r.figures.get(c.column) {
                        Some(v) => C::Num(num(v), amount_format(v)),
                        None => C::Blank,
                    },
                    Look::Center,
                ));
            }
            if shows_score {
                cells.extend((0..3).map(|_| (1, C::Blank, Look::Center)));
            }
            if row_rates {
                let cell = match (budget_col, spent_col) {
                    (Some(b), Some(sp)) => {
                        let (b, sp) = (a1(this_row, b), a1(this_row, sp));
                        let cached = self.ev.funds.row_rates.get(i).and_then(|f| f.as_ref());
                        C::Formula(
                            format!("IF(N({b})<=0,\"\",{sp}/{b})"),
                            cached.map_or(String::new(), |f| f.value.to_string()),
                            percent_format(pp),
                        )
                    }
                    _ => C::Blank,
                };
                cells.push((1, cell, Look::Center));
            }
            self.line(cells)?;
        }
        let last = self.row;
        let total_row = self.row;
        let mut cells = vec![(2, C::Text(layout.total_label.zh.clone()), Look::Label)];
        let mut at: BTreeMap<FundsColumn, (u32, u16)> = BTreeMap::new();
        for (k, c) in layout.columns.iter().enumerate() {
            let col = 2 + k as u16;
            at.insert(c.column, (total_row, col));
            let cell = match (self.ev.funds.column(c.column), last > first) {
                (Some(fig), true) => C::Formula(
                    format!("SUM({}:{})", a1(first, col), a1(last - 1, col)),
                    fig.value.to_string(),
                    amount_format(fig.value),
                ),
                (None, true) => C::Formula(
                    format!("SUM({}:{})", a1(first, col), a1(last - 1, col)),
                    "0".into(),
                    "0.00".into(),
                ),
                _ => C::Blank,
            };
            cells.push((1, cell, Look::Center));
        }
        // The totals the score formulas use, by name: a cell of this table, or the engine's figure
        // for a column this profile does not print.
        for column in FundsColumn::ALL {
            let name = format!("funds_{}", column.key());
            let target = match at.get(&column) {
                Some(&cell) => Self::quote(cell),
                None => format!(
                    "={}",
                    self.ev
                        .funds
                        .column(column)
                        .map_or("0".into(), |f| lit(f.value))
                ),
            };
            self.names.push((name, target));
        }
        if row_rates {
            let rate = self.ev.funds.execution_rate.as_ref();
            cells.push((
                1,
                C::Formula(
                    "IF(N(funds_budget)=0,\"\",funds_spent/funds_budget)".into(),
                    rate.map_or(String::new(), |r| r.value.to_string()),
                    percent_format(pp),
                ),
                Look::Center,
            ));
        }
        if shows_score {
            let rate_col = 2 + layout.columns.len() as u16;
            let rate = self.ev.funds.execution_rate.as_ref();
            cells.push((
                1,
                C::Formula(
                    "IF(N(funds_budget)=0,\"\",funds_spent/funds_budget)".into(),
                    rate.map_or(String::new(), |r| r.value.to_string()),
                    percent_format(pp),
                ),
                Look::Center,
            ));
            // The budget-execution row's weight and score live here when the table prints them.
            let exec = self
                .ev
                .blocks
                .iter()
                .flat_map(|b| &b.rows)
                .find(|r| r.method == MethodId::FundsExecution && r.indicator().is_none())
                .cloned();
            match exec {
                Some(r) => {
                    let w_cell = (total_row, rate_col + 1);
                    cells.push((1, C::Num(num(r.weight), String::new()), Look::Center));
                    let fixed = self.profile.fixed_row(&r.id).map(|(_, f)| f.clone());
                    let c = self.score_cell(&r, fixed.as_ref(), &a1(w_cell.0, w_cell.1), None);
                    cells.push((1, c, Look::Center));
                    self.score_cells
                        .insert(row_key(&r), (total_row, rate_col + 2));
                }
                None => {
                    cells.push((1, C::Blank, Look::Center));
                    cells.push((1, C::Blank, Look::Center));
                }
            }
        }
        self.line(cells)?;
        Ok(())
    }

    fn narrative(&mut self, title: &str, id: &str) -> Result<(), OutputError> {
        let text = self.form.narratives.get(id).cloned().unwrap_or_default();
        self.line(vec![
            (2, C::Text(title.into()), Look::Label),
            (self.ncols - 2, C::Text(text.clone()), Look::Text),
        ])?;
        // About 2 width units per 汉字: a row tall enough for the text, within Excel's 409 points.
        let per_line = (f64::from(self.ncols - 2) * 11.0 / 2.0).max(10.0);
        let lines: f64 = text
            .split('\n')
            .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
            .sum();
        self.ws
            .set_row_height(self.row - 1, (lines * 15.0).clamp(20.0, 409.0))?;
        Ok(())
    }

    /// The indicator table: 一级 and 二级 headings as cells merged down their rows.
    fn indicators(&mut self, title: &str) -> Result<(), OutputError> {
        self.heading(title)?;
        let ind = &self.profile.indicators;
        let mut head: Vec<&str> = vec!["一级指标", "二级指标", "三级指标"];
        if ind.nature_column {
            head.push("指标类型");
        }
        if ind.core_column {
            head.push("核心指标");
        }
        if ind.operator_column {
            head.push("指标性质");
        }
        if ind.initial_target_column {
            head.extend(["年初指标值", "调整后指标值", "实际完成值"]);
        } else {
            head.extend(["年度指标值", "实际完成值"]);
        }
        if ind.unit_column {
            head.push("度量单位");
        }
        if ind.completion {
            head.push("完成进度");
        }
        if ind.scored && ind.coefficient_column {
            head.extend(["分值", "得分系数", "得分"]);
        } else if ind.scored {
            head.extend(["分值", "得分"]);
        }
        if ind.reason_column {
            head.push("偏差原因分析及改进措施");
        }
        self.line(
            head.iter()
                .map(|h| (1, C::Text(h.to_string()), Look::Label))
                .collect(),
        )?;
        let rows = &self.form.indicators;
        // Lines of the printed table: a level-3 row each, and a line for a heading with none.
        let mut lines: Vec<(Option<usize>, Option<usize>, Option<usize>)> = Vec::new();
        let (mut l1, mut l2): (Option<usize>, Option<usize>) = (None, None);
        let (mut l1_used, mut l2_used) = (true, true);
        for (i, r) in rows.iter().enumerate() {
            match r.level {
                1 => {
                    if !l2_used {
                        lines.push((l1, l2, None));
                        l1_used = true;
                    }
                    if !l1_used {
                        lines.push((l1, None, None));
                    }
                    (l1, l2, l1_used, l2_used) = (Some(i), None, false, true);
                }
                2 => {
                    if !l2_used {
                        lines.push((l1, l2, None));
                        l1_used = true;
                    }
                    (l2, l2_used) = (Some(i), false);
                }
                _ => {
                    lines.push((l1, l2, Some(i)));
                    (l1_used, l2_used) = (true, true);
                }
            }
        }
        if !l2_used {
            lines.push((l1, l2, None));
            l1_used = true;
        }
        if !l1_used {
            lines.push((l1, None, None));
        }
        let scored: BTreeMap<usize, RowResult> = self
            .ev
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .filter_map(|r| Some((r.indicator()?, r.clone())))
            .collect();
        let first = self.row;
        for (k, &(_, _, l3)) in lines.iter().enumerate() {
            let row = first + k as u32;
            self.row = row;
            let mut col: u16 = 2;
            let mut cells: Vec<(u16, C)> = Vec::new();
            match l3 {
                Some(i) => self.indicator_cells(i, &rows[i], scored.get(&i), row, &mut cells)?,
                None => {
                    cells.extend((0..head.len() - 2).map(|_| (1, C::Blank)));
                }
            }
            for (span, c) in cells {
                self.put(row, col, span, 0, &c, Look::Center)?;
                col += span;
            }
            if col < self.ncols {
                let c = C::Blank;
                self.put(row, col, self.ncols - col, 0, &c, Look::Center)?;
            }
            self.ws.set_row_height(row, 20)?;
        }
        // 一级 and 二级 cells merged down the lines they head.
        let mut k = 0;
        while k < lines.len() {
            let mut end = k;
            while end + 1 < lines.len() && lines[end + 1].0 == lines[k].0 {
                end += 1;
            }
            let name = lines[k].0.map(|i| rows[i].name.clone()).unwrap_or_default();
            self.put(
                first + k as u32,
                0,
                1,
                (end - k) as u32,
                &C::Text(name),
                Look::Center,
            )?;
            let mut j = k;
            while j <= end {
                let mut e2 = j;
                while e2 < end && lines[e2 + 1].1 == lines[j].1 {
                    e2 += 1;
                }
                let name = lines[j].1.map(|i| rows[i].name.clone()).unwrap_or_default();
                self.put(
                    first + j as u32,
                    1,
                    1,
                    (e2 - j) as u32,
                    &C::Text(name),
                    Look::Center,
                )?;
                j = e2 + 1;
            }
            k = end + 1;
        }
        self.row = first + lines.len() as u32;
        Ok(())
    }

    /// The cells of a level-3 row from the 三级 column on.
    fn indicator_cells(
        &mut self,
        i: usize,
        r: &IndicatorRow,
        scored: Option<&RowResult>,
        row: u32,
        cells: &mut Vec<(u16, C)>,
    ) -> Result<(), OutputError> {
        let ind = &self.profile.indicators;
        let result = &self.ev.indicators[i];
        cells.push((1, C::Text(r.name.clone())));
        if ind.nature_column {
            cells.push((1, C::Text(r.nature.clone())));
        }
        if ind.core_column {
            cells.push((1, C::Text(if r.core { "是" } else { "" }.into())));
        }
        if ind.operator_column {
            cells.push((1, C::Text(r.operator.clone())));
        }
        if ind.initial_target_column {
            cells.push((1, C::Text(r.initial_target.clone())));
        }
        let col_t = 2 + cells.len() as u16;
        let target = quantity_cell(&r.target);
        let actual = quantity_cell(&r.actual);
        for (q, text) in [(&target, &r.target), (&actual, &r.actual)] {
            cells.push((
                1,
                match q {
                    Some((v, nf, _)) => C::Num(*v, nf.clone()),
                    None => C::Text(text.clone()),
                },
            ));
        }
        if ind.unit_column {
            cells.push((1, C::Text(r.unit.clone())));
        }
        let (t, a) = (a1(row, col_t), a1(row, col_t + 1));
        // actual × factor ÷ target, in one base unit (万元 against 元 …), where both are numbers.
        let factor = match (
            result.target.quantity(),
            result.actual.quantity(),
            &target,
            &actual,
        ) {
            (Some(tq), Some(aq), Some(_), Some(_)) => {
                if tq.unit.is_empty() || aq.unit.is_empty() {
                    Some(Decimal::ONE)
                } else if tq.base_unit == aq.base_unit && !tq.scale.is_zero() {
                    Some(aq.scale / tq.scale)
                } else {
                    None
                }
            }
            _ => None,
        };
        let a_f = match factor {
            Some(f) if f != Decimal::ONE => format!("{a}*{}", lit(f)),
            _ => a.clone(),
        };
        if ind.completion {
            let cp = self.profile.rounding.completion_places;
            cells.push((
                1,
                match (&result.completion, factor) {
                    (Some(c), Some(_)) => C::Formula(
                        format!("IF(N({t})=0,\"\",{a_f}/{t})"),
                        c.value.to_string(),
                        percent_format(cp),
                    ),
                    (Some(c), None) => constant(c, percent_format(cp)),
                    (None, _) => C::Blank,
                },
            ));
        }
        if ind.scored {
            let w_cell = a1(row, 2 + cells.len() as u16);
            cells.push((
                1,
                match r.weight {
                    Some(w) => C::Num(num(w), String::new()),
                    None => C::Blank,
                },
            ));
            // 得分系数, a number the score's formula reads where it is one (85% as 85).
            let coef = if ind.coefficient_column {
                let cell = a1(row, 2 + cells.len() as u16);
                let (c, live) = match quantity_cell(&r.coefficient) {
                    Some((v, nf, _)) => (C::Num(v, nf), true),
                    None => (C::Text(r.coefficient.clone()), false),
                };
                cells.push((1, c));
                live.then_some(cell)
            } else {
                None
            };
            let score = match scored {
                Some(s) => {
                    let pair = factor.map(|_| (t.as_str(), a_f.as_str()));
                    let c = match (s.method, s.source, &coef) {
                        (MethodId::Coefficient, ScoreSource::Computed, Some(c)) => C::Formula(
                            round_expr(&format!("MIN(MAX({c},0),100)/100*{w_cell}"), self.rp()),
                            s.score.value.to_string(),
                            self.score_format(),
                        ),
                        _ => self.indicator_score(s, &w_cell, pair),
                    };
                    self.score_cells
                        .insert(row_key(s), (row, 2 + cells.len() as u16));
                    c
                }
                None => C::Blank,
            };
            cells.push((1, score));
        }
        if ind.reason_column {
            cells.push((1, C::Text(r.deviation_reason.clone())));
        }
        Ok(())
    }

    /// A level-3 row's score: the evaluator's number, or the engine's rule as a formula.
    fn indicator_score(&self, s: &RowResult, w: &str, pair: Option<(&str, &str)>) -> C {
        let nf = self.score_format();
        let shown = s.score.shown();
        let rp = self.rp();
        match s.source {
            ScoreSource::Computed => {
                let exact = match (s.method, pair) {
                    (MethodId::Ratio, Some((t, a))) => {
                        let mut x = format!("IF(N({t})=0,{w},MIN({a}/{t},1)*{w})");
                        if let Some(d) = &self.profile.local_rules.over_achievement_deduction {
                            x = format!(
                                "MAX({x}-IF(AND(N({t})<>0,{a}/{t}>={}),{},0),0)",
                                lit(d.at),
                                lit(d.points)
                            );
                        }
                        Some(x)
                    }
                    (MethodId::Inverse, Some((t, a))) => {
                        Some(format!("IF(OR({a}<={t},N({a})=0),{w},{t}/({a})*{w})"))
                    }
                    (MethodId::Exact, Some((t, a))) => {
                        Some(format!("IF({a}>={t},{w},IF(N({t})=0,0,{a}/{t}*{w}))"))
                    }
                    _ => None,
                };
                let x = exact.unwrap_or_else(|| factor_of(&s.score, s.weight, w));
                C::Formula(round_expr(&x, rp), s.score.value.to_string(), nf)
            }
            ScoreSource::Entered | ScoreSource::Override => C::Num(num(s.score.value), nf),
            ScoreSource::Missing => C::Blank,
            ScoreSource::Excluded => C::Text(shown),
        }
    }

    /// A fixed row's score, with `actual` the cell of its measured value where it has one.
    fn score_cell(
        &self,
        r: &RowResult,
        fixed: Option<&FixedRow>,
        w: &str,
        actual: Option<&str>,
    ) -> C {
        let nf = self.score_format();
        let rp = self.rp();
        match r.source {
            ScoreSource::Computed => {
                let x = match (fixed.map(|f| &f.method), actual) {
                    (Some(Method::FundsExecution), _) => {
                        let mut rate = "funds_spent/funds_budget".to_string();
                        if let Some(p) = self.profile.rounding.rate_places_before_scoring {
                            rate = format!("ROUND({rate}*100,{p})/100");
                        }
                        format!(
                            "IF(N(funds_budget)=0,0,{})",
                            round_expr(&format!("MIN(MAX({rate},0),1)*{w}"), rp)
                        )
                    }
                    (Some(Method::FundsArrival), _) => format!(
                        "IF(N(funds_budget)=0,0,{})",
                        round_expr(
                            &format!("MIN(MAX(funds_allocated/funds_budget,0),1)*{w}"),
                            rp
                        )
                    ),
                    (Some(Method::Banded { bands }), Some(v)) => {
                        let mut x = "0".to_string();
                        for b in bands.iter().rev() {
                            let mut cond = Vec::new();
                            if let Some(m) = b.min {
                                let op = if b.min_open { ">" } else { ">=" };
                                cond.push(format!("{v}{op}{}", lit(m)));
                            }
                            if let Some(m) = b.max {
                                let op = if b.max_closed { "<=" } else { "<" };
                                cond.push(format!("{v}{op}{}", lit(m)));
                            }
                            let cond = if cond.is_empty() {
                                "TRUE".to_string()
                            } else {
                                format!("AND({})", cond.join(","))
                            };
                            x = format!("IF({cond},{},{x})", lit(b.points));
                        }
                        round_expr(&x, rp)
                    }
                    (
                        Some(Method::PerPoint {
                            limit,
                            deduct_when,
                            per_point,
                            floor,
                        }),
                        Some(v),
                    ) => {
                        let beyond = match deduct_when {
                            DeductWhen::Above => format!("({v}-{})", lit(*limit)),
                            DeductWhen::Below => format!("({}-{v})", lit(*limit)),
                        };
                        round_expr(
                            &format!(
                                "IF({beyond}<=0,{w},MAX({w}-MIN({beyond}*{},{w}),{}))",
                                lit(*per_point),
                                lit(*floor)
                            ),
                            rp,
                        )
                    }
                    (Some(Method::Coefficient), Some(v)) => {
                        round_expr(&format!("MIN(MAX({v},0),100)/100*{w}"), rp)
                    }
                    (Some(Method::PerCount { per, floor }), Some(v)) => round_expr(
                        &format!("MAX({w}-MIN({v}*{},{w}),{})", lit(*per), lit(*floor)),
                        rp,
                    ),
                    _ => round_expr(&factor_of(&r.score, r.weight, w), rp),
                };
                C::Formula(x, r.score.value.to_string(), nf)
            }
            ScoreSource::Entered | ScoreSource::Override => C::Num(num(r.score.value), nf),
            ScoreSource::Missing => C::Blank,
            ScoreSource::Excluded => C::Text(r.score.shown()),
        }
    }

    /// The scoring table (评分表): the profile's fixed rows under their blocks and groups.
    fn scoring(&mut self, title: &str) -> Result<(), OutputError> {
        self.heading(title)?;
        let n = self.ncols;
        let name_span = n - 6;
        self.line(vec![
            (1, C::Text("一级指标".into()), Look::Label),
            (1, C::Text("二级指标".into()), Look::Label),
            (name_span, C::Text("三级指标".into()), Look::Label),
            (1, C::Text("分值".into()), Look::Label),
            (1, C::Text("实际值".into()), Look::Label),
            (1, C::Text("得分".into()), Look::Label),
            (1, C::Text("偏差原因".into()), Look::Label),
        ])?;
        let ev = self.ev;
        for block in &ev.blocks {
            let Some(pb) = self.profile.block(&block.id) else {
                continue;
            };
            if pb.from_indicators || block.rows.is_empty() {
                continue;
            }
            let start = self.row;
            let mut groups: Vec<(u32, String)> = Vec::new();
            for r in &block.rows {
                let row = self.row;
                let fixed = pb.rows.iter().find(|f| f.id == r.id);
                let group = fixed.map(|f| f.group.zh.clone()).unwrap_or_default();
                groups.push((row, group));
                let entry = self.form.scores.get(&r.id);
                let actual_text = entry.map(|e| e.actual.clone()).unwrap_or_default();
                let measured = fixed.is_some_and(|f| {
                    matches!(
                        f.method,
                        Method::Banded { .. }
                            | Method::PerPoint { .. }
                            | Method::Coefficient
                            | Method::PerCount { .. }
                    )
                });
                let actual_col = 2 + name_span + 1;
                let (actual_cell, actual_ref) = if measured {
                    match ziping_engine::value::parse(&actual_text)
                        .quantity()
                        .filter(|q| match fixed.map(|f| &f.method) {
                            // A count of occurrences (3, 3次); the others take a percentage.
                            Some(Method::PerCount { .. }) => q.base_unit != "%",
                            _ => q.base_unit.is_empty() || q.base_unit == "%",
                        })
                        .and_then(|_| quantity_cell(&actual_text))
                    {
                        Some((v, nf, _)) => (C::Num(v, nf), Some(a1(row, actual_col))),
                        None => (C::Text(actual_text.clone()), None),
                    }
                } else {
                    (C::Text(actual_text.clone()), None)
                };
                let w_ref = a1(row, 2 + name_span);
                let key = row_key(r);
                let score = match self.score_cells.get(&key) {
                    // Printed in the funds table already: shown here by reference.
                    Some(&(rr, cc)) => {
                        C::Formula(a1(rr, cc), r.score.value.to_string(), self.score_format())
                    }
                    None => {
                        let c = self.score_cell(r, fixed, &w_ref, actual_ref.as_deref());
                        self.score_cells.insert(key, (row, actual_col + 1));
                        c
                    }
                };
                let reason = if r.method == MethodId::FundsExecution {
                    self.form.funds.deviation_reason.clone()
                } else {
                    entry
                        .map(|e| e.deviation_reason.clone())
                        .unwrap_or_default()
                };
                self.put(row, 2, name_span, 0, &C::Text(r.name.clone()), Look::Text)?;
                self.put(
                    row,
                    2 + name_span,
                    1,
                    0,
                    &C::Num(num(r.weight), String::new()),
                    Look::Center,
                )?;
                self.put(row, actual_col, 1, 0, &actual_cell, Look::Center)?;
                self.put(row, actual_col + 1, 1, 0, &score, Look::Center)?;
                self.put(
                    row,
                    actual_col + 2,
                    n - actual_col - 2,
                    0,
                    &C::Text(reason),
                    Look::Text,
                )?;
                self.ws.set_row_height(row, 20)?;
                self.row += 1;
            }
            let end = self.row - 1;
            self.put(
                start,
                0,
                1,
                end - start,
                &C::Text(block.name.zh.clone()),
                Look::Center,
            )?;
            let mut k = 0;
            while k < groups.len() {
                let mut e = k;
                while e + 1 < groups.len() && groups[e + 1].1 == groups[k].1 {
                    e += 1;
                }
                let (r0, g) = &groups[k];
                self.put(*r0, 1, 1, (e - k) as u32, &C::Text(g.clone()), Look::Center)?;
                k = e + 1;
            }
        }
        Ok(())
    }

    /// Block subtotals, the total and the grade, each a formula.
    fn summary(&mut self) -> Result<(), OutputError> {
        let n = self.ncols;
        let nf = self.score_format();
        self.line(vec![
            (n - 2, C::Text("评价内容".into()), Look::Label),
            (1, C::Text("分值".into()), Look::Label),
            (1, C::Text("得分".into()), Look::Label),
        ])?;
        let ev = self.ev;
        let mut block_cells = Vec::new();
        let mut applicable = Decimal::ZERO;
        for block in &ev.blocks {
            let mut refs: Vec<(u32, u16)> = Vec::new();
            for r in &block.rows {
                if r.source == ScoreSource::Excluded {
                    continue;
                }
                applicable += r.weight;
                if let Some(&cell) = self.score_cells.get(&row_key(r)) {
                    refs.push(cell);
                }
            }
            let x = if refs.is_empty() {
                "0".to_string()
            } else {
                format!("SUM({})", ranges(&mut refs).join(","))
            };
            let row = self.line(vec![
                (n - 2, C::Text(block.name.zh.clone()), Look::Text),
                (
                    1,
                    C::Num(num(block.weight.value), String::new()),
                    Look::Center,
                ),
                (
                    1,
                    C::Formula(x, block.score.value.to_string(), nf.clone()),
                    Look::Center,
                ),
            ])?;
            block_cells.push(a1(row, n - 1));
        }
        let places = self.places;
        let mut x = if block_cells.is_empty() {
            "0".to_string()
        } else {
            format!("SUM({})", block_cells.join(","))
        };
        if ev.rescaled.is_some() {
            x = if applicable.is_zero() {
                "0".into()
            } else {
                format!("{x}*100/{}", lit(applicable))
            };
        }
        let caps = &self.profile.local_rules.execution_caps;
        if !caps.is_empty() {
            let limits: Vec<String> = caps
                .iter()
                .map(|c| {
                    format!(
                        "IF(AND(N(funds_budget)<>0,funds_spent/funds_budget<{}),{},{x})",
                        lit(c.below),
                        lit(c.cap)
                    )
                })
                .collect();
            x = format!("MIN({x},{})", limits.join(","));
        }
        let total_row = self.line(vec![
            (n - 2, C::Text("总分".into()), Look::Label),
            (1, C::Num(100.0, String::new()), Look::Center),
            (
                1,
                C::Formula(
                    format!("ROUND({x},{places})"),
                    cached(ev.total.value, places),
                    nf,
                ),
                Look::Center,
            ),
        ])?;
        let total = a1(total_row, n - 1);
        self.names
            .push(("total".into(), Self::quote((total_row, n - 1))));
        let mut grade = "\"\"".to_string();
        for g in self.profile.grades.iter().rev() {
            grade = format!("IF({total}>={},{},{grade})", lit(g.min), text_lit(&g.grade));
        }
        let shown = ev
            .grade
            .as_ref()
            .map(|g| g.grade.clone())
            .unwrap_or_default();
        self.line(vec![
            (n - 2, C::Text("评价等次".into()), Look::Label),
            (1, C::Blank, Look::Center),
            (1, C::Formula(grade, shown, String::new()), Look::Center),
        ])?;
        Ok(())
    }

    fn evaluators(&mut self, title: &str) -> Result<(), OutputError> {
        self.heading(title)?;
        let n = self.ncols;
        let q = n / 4;
        let t = |s: &str| C::Text(s.to_string());
        self.line(vec![
            (q, t("姓名"), Look::Label),
            (q, t("职称/职务"), Look::Label),
            (q, t("科室"), Look::Label),
            (n - 3 * q, t("联系电话"), Look::Label),
        ])?;
        let people = self.form.evaluators.clone();
        for e in &people {
            self.line(vec![
                (q, t(&e.name), Look::Center),
                (q, t(&e.title), Look::Center),
                (q, t(&e.office), Look::Center),
                (n - 3 * q, t(&e.phone), Look::Center),
            ])?;
        }
        Ok(())
    }

    fn signoff(&mut self, title: &str) -> Result<(), OutputError> {
        self.heading(title)?;
        let s = self.form.signoff.clone();
        let n = self.ncols;
        let half = n / 2;
        let t = |s: &str| C::Text(s.to_string());
        for (l1, v1, l2, v2) in [
            ("负责人", &s.responsible, "经办人", &s.handler),
            ("联系电话", &s.phone, "填报日期", &s.filed_on),
            ("单位负责人（签章）", &s.unit_head, "日期", &s.signed_on),
        ] {
            let row = self.line(vec![
                (2, t(l1), Look::Label),
                (half - 2, t(v1), Look::Text),
                (2, t(l2), Look::Label),
                (n - half - 2, t(v2), Look::Text),
            ])?;
            self.ws.set_row_height(row, 30)?;
        }
        Ok(())
    }
}

/// A computed score as the engine's factor of its weight cell (`W*0.8`): for rows whose inputs cannot
/// be numbers in cells.
fn factor_of(score: &Figure, weight: Decimal, w: &str) -> String {
    if weight.is_zero() {
        return lit(score.value);
    }
    match score.value.checked_div(weight) {
        Some(f) => format!("{w}*{}", lit(ziping_engine::decimal::round(f, 12))),
        None => lit(score.value),
    }
}

/// A derived figure with no inputs in the sheet, as a constant formula.
fn constant(fig: &Figure, nf: String) -> C {
    C::Formula(lit(fig.value), fig.value.to_string(), nf)
}

fn amount_format(v: Decimal) -> String {
    places_format(v.normalize().scale().max(2))
}

/// Cells as `A1` references and `A1:A9` ranges where they run down one column.
fn ranges(cells: &mut [(u32, u16)]) -> Vec<String> {
    cells.sort_by_key(|&(r, c)| (c, r));
    let mut out = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        let mut e = k;
        while e + 1 < cells.len()
            && cells[e + 1].1 == cells[k].1
            && cells[e + 1].0 == cells[e].0 + 1
        {
            e += 1;
        }
        out.push(if e == k {
            a1(cells[k].0, cells[k].1)
        } else {
            format!(
                "{}:{}",
                a1(cells[k].0, cells[k].1),
                a1(cells[e].0, cells[e].1)
            )
        });
        k = e + 1;
    }
    out
}
