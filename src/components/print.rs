//! The print view: the open form in its profile's official table layout, as one sheet of paper —
//! every section in the profile's order under its official heading, values as plain text (no inputs),
//! 一级/二级 indicator headings as merged cells, the scoring table, the total and grade, and the
//! signature lines at the foot. Every number is the engine's (`Figure::shown`); nothing is computed
//! here. Paper size and orientation, repeated table heads and the hidden app chrome are in
//! static/print.css (the profile's orientation selects a named `@page` through a class, which the
//! page's Content-Security-Policy allows where an inline style would not be).

use crate::browser;
use crate::i18n::Words;
use crate::store::{use_sender, use_words, Ptr};
use std::collections::HashMap;
use yew::prelude::*;
use ziping_app_state::DocAction;
use ziping_engine::decimal::plain;
use ziping_engine::model::Form;
use ziping_engine::path::{EvaluatorField, FieldPath, HeaderField, IndicatorField, SignoffField};
use ziping_engine::profile::{Method, Orientation, Section, SectionKind};
use ziping_engine::result::{Figure, MethodId, RowResult, ScoreSource};
use ziping_engine::Lang;
use ziping_engine::{Evaluation, Profile};

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    pub form: Ptr<Form>,
    pub evaluation: Ptr<Evaluation>,
    pub profile: Ptr<Profile>,
}

/// What every part of the sheet is drawn from.
struct Sheet<'a> {
    form: &'a Form,
    evaluation: &'a Evaluation,
    profile: &'a Profile,
    w: &'static Words,
    l: Lang,
}

#[function_component]
pub fn PrintView(p: &PrintProps) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let failed = use_state(|| None::<String>);
    use_effect_with((), |_| browser::page::show_screen());
    let back = Callback::from(move |_: MouseEvent| {
        send.act(DocAction::PrintPreview(false));
    });
    let print = {
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| match browser::page::print() {
            Ok(()) => failed.set(None),
            Err(e) => failed.set(Some(format!("{}{e}", w.print_failed))),
        })
    };
    let sheet = Sheet {
        form: &p.form,
        evaluation: &p.evaluation,
        profile: &p.profile,
        w,
        l: lang,
    };
    let landscape = p.profile.orientation == Orientation::Landscape;
    let title = if p.form.header.title.is_empty() {
        p.profile.title.get(sheet.l).to_string()
    } else {
        p.form.header.title.clone()
    };
    // The total and the grade follow the last scored table (scoring or indicators); without one,
    // they come before the signatures.
    let sections = &p.profile.sections;
    let results_after = sections
        .iter()
        .rposition(|s| matches!(s.kind, SectionKind::Scoring | SectionKind::Indicators))
        .or_else(|| {
            sections
                .iter()
                .position(|s| s.kind == SectionKind::Signoff)
                .and_then(|i| i.checked_sub(1))
        })
        .unwrap_or(sections.len().saturating_sub(1));
    let body = sections.iter().enumerate().map(|(i, s)| {
        let results = (i == results_after).then(|| sheet.results());
        html! { <>{ sheet.section(s) }{ for results }</> }
    });
    html! {
        <div class="print-view">
            <nav class="toolbar print-toolbar" aria-label={w.print_preview}>
                <button type="button" onclick={back} data-testid="print-back">{ format!("← {}", w.back_to_editing) }</button>
                <button type="button" class="primary" onclick={print} data-testid="print-now">{ w.print }</button>
                <span class="print-paper">{ w.print_paper[usize::from(landscape)] }</span>
                if let Some(e) = &*failed { <span class="error" role="alert">{ e.clone() }</span> }
            </nav>
            <main id="main" class="print-desk" tabindex="-1" aria-labelledby="print-title">
                <article class={classes!("print-sheet", if landscape { "landscape" } else { "portrait" })} data-testid="print-sheet">
                    <h1 id="print-title" class="print-title">{ title }</h1>
                    if !p.form.header.year.is_empty() { <p class="print-year">{ w.year_line(&p.form.header.year) }</p> }
                    if p.evaluation.counts.errors > 0 {
                        <p class="print-unchecked" role="note" data-testid="print-unchecked">{ w.unchecked(p.evaluation.counts.errors) }</p>
                    }
                    { for body }
                </article>
            </main>
        </div>
    }
}

/// A scored row's score as printed: blank until scored, 不适用 when left out.
fn score_text(r: &RowResult, w: &Words) -> String {
    match r.source {
        ScoreSource::Missing => String::new(),
        ScoreSource::Excluded => w.not_applicable.to_string(),
        _ => r.score.shown(),
    }
}

/// The 一级 / 二级 / 三级指标 column heads that the indicator and scoring tables both start with.
fn level_heads(w: &Words) -> Html {
    html! {
        <>
            <th scope="col" class="col-l1">{ w.print_levels[0] }</th>
            <th scope="col" class="col-l2">{ w.print_levels[1] }</th>
            <th scope="col" class="col-l3">{ w.print_levels[2] }</th>
        </>
    }
}

/// Cells merged down a column: for each row, `Some(span)` where a merged cell starts, `None` where
/// the cell above covers it.
fn spans<K: PartialEq>(keys: &[K]) -> Vec<Option<usize>> {
    let mut out = vec![None; keys.len()];
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i] != keys[start] {
            out[start] = Some(i - start);
            start = i;
        }
    }
    out
}

/// One printed row of the indicator table: the 一级 and 二级 headings it sits under and the 三级
/// indicator (absent for a heading with no indicator under it), as indices into the outline.
#[derive(Clone, Copy, PartialEq)]
struct Line {
    l1: Option<usize>,
    l2: Option<usize>,
    l3: Option<usize>,
}

impl Line {
    /// A level-1 heading with nothing under it.
    fn alone(l1: Option<usize>) -> Line {
        Line {
            l1,
            l2: None,
            l3: None,
        }
    }
}

/// The outline as printed lines: every level-3 row under its headings, and every heading that has
/// no indicator under it on a line of its own.
fn lines(form: &Form) -> Vec<Line> {
    let mut out = Vec::new();
    let (mut l1, mut l2) = (None, None);
    let (mut l1_used, mut l2_used) = (true, true);
    // A 二级 heading with nothing under it gets a line of its own.
    let flush_l2 = |out: &mut Vec<Line>, l1, l2, l1_used: &mut bool, l2_used: &mut bool| {
        if !*l2_used {
            out.push(Line { l1, l2, l3: None });
            *l2_used = true;
            *l1_used = true;
        }
    };
    for (i, r) in form.indicators.iter().enumerate() {
        match r.level {
            1 => {
                flush_l2(&mut out, l1, l2, &mut l1_used, &mut l2_used);
                if !l1_used {
                    out.push(Line::alone(l1));
                }
                (l1, l2, l1_used) = (Some(i), None, false);
            }
            2 => {
                flush_l2(&mut out, l1, l2, &mut l1_used, &mut l2_used);
                (l2, l2_used) = (Some(i), false);
            }
            _ => {
                out.push(Line {
                    l1,
                    l2,
                    l3: Some(i),
                });
                (l1_used, l2_used) = (true, true);
            }
        }
    }
    flush_l2(&mut out, l1, l2, &mut l1_used, &mut l2_used);
    if !l1_used {
        out.push(Line::alone(l1));
    }
    out
}

impl Sheet<'_> {
    fn section(&self, s: &Section) -> Html {
        let id = format!("print-sec-{}", s.id);
        let content = match s.kind {
            SectionKind::Header => self.header(),
            SectionKind::Funds => self.funds(),
            SectionKind::Narrative => self.narrative(&s.id),
            SectionKind::Indicators => self.indicators(),
            SectionKind::Scoring => self.scoring(),
            SectionKind::Evaluators => self.evaluators(),
            SectionKind::Signoff => self.signoff(),
        };
        let kind = format!(
            "print-section-{}",
            format!("{:?}", s.kind).to_ascii_lowercase()
        );
        html! {
            <section class={classes!("print-section", kind)} aria-labelledby={id.clone()}>
                <h2 id={id}>{ s.title.get(self.l) }</h2>
                { content }
            </section>
        }
    }

    fn header(&self) -> Html {
        let h = &self.form.header;
        let pair = |label: &'static str, value: &str| {
            html! { <><th scope="row">{ label }</th><td>{ value.to_string() }</td></> }
        };
        html! {
            <table class="print-table print-grid-4">
                <colgroup><col class="label" /><col /><col class="label" /><col /></colgroup>
                <tbody>
                    <tr><th scope="row">{ HeaderField::Project.name(self.l) }</th><td colspan="3">{ h.project.clone() }</td></tr>
                    <tr>{ pair(HeaderField::Department.name(self.l), &h.department) }{ pair(HeaderField::Unit.name(self.l), &h.unit) }</tr>
                    <tr>{ pair(HeaderField::Attribute.name(self.l), &h.attribute) }{ pair(HeaderField::Period.name(self.l), &h.period) }</tr>
                    <tr>{ pair(HeaderField::FilingUnit.name(self.l), &h.filing_unit) }{ pair(HeaderField::Year.name(self.l), &h.year) }</tr>
                </tbody>
            </table>
        }
    }

    fn funds(&self) -> Html {
        let (w, l) = (self.w, self.l);
        let layout = &self.profile.funds;
        let columns = &layout.columns;
        let e = &self.evaluation.funds;
        let rows = &self.form.funds.rows;
        let shown = |f: Option<&Figure>| f.map(|f| f.shown()).unwrap_or_default();
        let score_row = self
            .evaluation
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .find(|r| r.method == MethodId::FundsExecution);
        let row_rates = layout.row_rates && !layout.shows_score;
        let width =
            1 + columns.len() + if layout.shows_score { 3 } else { 0 } + usize::from(row_rates);
        let span = (rows.len() + 1).to_string();
        let total = html! {
            <tr class="print-total">
                <th scope="row">{ layout.total_label.get(l) }</th>
                { for columns.iter().map(|c| html! {
                    <td class="num" data-testid={format!("print-funds-total-{}", c.column.key())}>{ shown(e.column(c.column)) }</td>
                }) }
                if row_rates { <td class="num">{ e.execution_rate.as_ref().map_or("—".into(), |f| f.shown()) }</td> }
                if layout.shows_score {
                    <td class="num" rowspan={span.clone()}>{ score_row.map(|r| plain(r.weight)).unwrap_or_default() }</td>
                    <td class="num" rowspan={span.clone()}>{ shown(e.execution_rate.as_ref()) }</td>
                    <td class="num" rowspan={span}>{ score_row.map(|r| score_text(r, w)).unwrap_or_default() }</td>
                }
            </tr>
        };
        let sources = rows.iter().enumerate().map(|(i, r)| {
            html! {
                <tr>
                    <th scope="row">{ r.source.clone() }</th>
                    { for columns.iter().map(|c| html! {
                        <td class="num">{ FieldPath::FundsCell(i, c.column).get(self.form) }</td>
                    }) }
                    if row_rates {
                        <td class="num" data-testid={format!("print-funds-row-rate-{i}")}>{ e.row_rates.get(i).and_then(|f| f.as_ref()).map_or("—".into(), |f| f.shown()) }</td>
                    }
                </tr>
            }
        });
        let text_row = |label: &'static str, text: &str| {
            html! {
                <tr><th scope="row">{ label }</th><td class="text" colspan={(width - 1).to_string()}>{ text.to_string() }</td></tr>
            }
        };
        let rate_row = |label: &'static str, f: Option<&Figure>, testid: &'static str| {
            html! {
                <tr><th scope="row">{ label }</th><td class="num-left" colspan={(width - 1).to_string()} data-testid={testid}>{ shown(f) }</td></tr>
            }
        };
        let funds = &self.form.funds;
        html! {
            <table class="print-table print-funds-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-source">{ w.source }</th>
                        { for columns.iter().map(|c| html! { <th scope="col">{ c.title.get(l) }</th> }) }
                        if row_rates { <th scope="col">{ w.execution_rate }</th> }
                        if layout.shows_score {
                            <th scope="col">{ w.weight }</th>
                            <th scope="col">{ w.execution_rate }</th>
                            <th scope="col">{ w.score }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    if layout.shows_score { { total.clone() } }
                    { for sources }
                    if !layout.shows_score {
                        { total }
                        if !row_rates { { rate_row(w.execution_rate, e.execution_rate.as_ref(), "print-execution-rate") } }
                    }
                    if e.arrival_rate.is_some() { { rate_row(w.arrival_rate, e.arrival_rate.as_ref(), "print-arrival-rate") } }
                    if !funds.deviation_reason.is_empty() { { text_row(w.deviation_reason, &funds.deviation_reason) } }
                    if !funds.adjustment_reason.is_empty() { { text_row(w.adjustment_reason, &funds.adjustment_reason) } }
                </tbody>
            </table>
        }
    }

    fn narrative(&self, key: &str) -> Html {
        let text = self.form.narratives.get(key).cloned().unwrap_or_default();
        html! {
            <div class={classes!("print-text", text.trim().is_empty().then_some("empty"))}>{ text }</div>
        }
    }

    fn indicators(&self) -> Html {
        let w = self.w;
        let layout = &self.profile.indicators;
        let form = self.form;
        let scores: HashMap<usize, &RowResult> = self
            .evaluation
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .filter_map(|r| Some((r.indicator()?, r)))
            .collect();
        let lines = lines(form);
        let l1_spans = spans(&lines.iter().map(|x| x.l1).collect::<Vec<_>>());
        let l2_spans = spans(&lines.iter().map(|x| (x.l1, x.l2)).collect::<Vec<_>>());
        let name = |i: Option<usize>| {
            i.and_then(|i| form.indicators.get(i))
                .map(|r| r.name.clone())
                .unwrap_or_default()
        };
        let value = |i: usize, f: IndicatorField| FieldPath::Indicator(i, f).get(form);
        let rows = lines.iter().enumerate().map(|(k, line)| {
            let l1 = l1_spans[k].map(|n| html! { <th scope="rowgroup" class="print-l1" rowspan={n.to_string()}>{ name(line.l1) }</th> });
            let l2 = l2_spans[k].map(|n| html! { <th scope="rowgroup" class="print-l2" rowspan={n.to_string()}>{ name(line.l2) }</th> });
            let cells = match line.l3 {
                Some(i) => {
                    let score = scores.get(&i).copied();
                    let completion = self
                        .evaluation
                        .indicators
                        .get(i)
                        .and_then(|x| x.completion.as_ref())
                        .map(|c| c.shown())
                        .unwrap_or_else(|| "—".to_string());
                    html! {
                        <>
                            <td class="print-l3">{ value(i, IndicatorField::Name) }</td>
                            if layout.nature_column { <td class="center">{ value(i, IndicatorField::Nature) }</td> }
                            if layout.core_column { <td class="center">{ if self.form.indicators[i].core { "★" } else { "" } }</td> }
                            if layout.operator_column { <td class="center">{ value(i, IndicatorField::Operator) }</td> }
                            if layout.initial_target_column { <td>{ value(i, IndicatorField::InitialTarget) }</td> }
                            <td>{ value(i, IndicatorField::Target) }</td>
                            <td>{ value(i, IndicatorField::Actual) }</td>
                            if layout.unit_column { <td class="center">{ value(i, IndicatorField::Unit) }</td> }
                            if layout.scored {
                                <td class="num">{ score.map(|r| plain(r.weight)).unwrap_or_else(|| value(i, IndicatorField::Weight)) }</td>
                                if layout.coefficient_column { <td class="num">{ value(i, IndicatorField::Coefficient) }</td> }
                                <td class="num" data-testid={format!("print-score-{i}")}>{ score.map(|r| score_text(r, w)).unwrap_or_default() }</td>
                            }
                            if layout.completion { <td class="num" data-testid={format!("print-completion-{i}")}>{ completion }</td> }
                            if layout.reason_column { <td class="text">{ value(i, IndicatorField::DeviationReason) }</td> }
                        </>
                    }
                }
                None => {
                    let blank = 3
                        + usize::from(layout.nature_column)
                        + usize::from(layout.core_column)
                        + usize::from(layout.coefficient_column && layout.scored)
                        + usize::from(layout.operator_column)
                        + usize::from(layout.unit_column)
                        + usize::from(layout.initial_target_column)
                        + if layout.scored { 2 } else { 0 }
                        + usize::from(layout.completion)
                        + usize::from(layout.reason_column);
                    html! { <>{ for (0..blank).map(|_| html! { <td></td> }) }</> }
                }
            };
            html! { <tr>{ for l1 }{ for l2 }{ cells }</tr> }
        });
        html! {
            <table class="print-table print-indicator-table">
                <thead>
                    <tr>
                        { level_heads(w) }
                        if layout.nature_column { <th scope="col" class="col-op">{ w.nature }</th> }
                        if layout.core_column { <th scope="col" class="col-op">{ w.core }</th> }
                        if layout.operator_column { <th scope="col" class="col-op">{ w.operator }</th> }
                        if layout.initial_target_column { <th scope="col" class="col-value">{ w.initial_target }</th> }
                        <th scope="col" class="col-value">{ if layout.initial_target_column { w.adjusted_target } else { w.target } }</th>
                        <th scope="col" class="col-value">{ w.actual }</th>
                        if layout.unit_column { <th scope="col" class="col-op">{ w.unit }</th> }
                        if layout.scored {
                            <th scope="col" class="col-num">{ w.weight }</th>
                            if layout.coefficient_column { <th scope="col" class="col-num">{ w.coefficient }</th> }
                            <th scope="col" class="col-num">{ w.score }</th>
                        }
                        if layout.completion { <th scope="col" class="col-num">{ w.completion }</th> }
                        if layout.reason_column { <th scope="col" class="col-reason">{ w.deviation_reason }</th> }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    }

    fn scoring(&self) -> Html {
        let (w, l) = (self.w, self.l);
        let measured = |m: &Method| {
            matches!(
                m,
                Method::Banded { .. } | Method::PerPoint { .. } | Method::Coefficient
            )
        };
        let needs_measure = self
            .profile
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .any(|r| measured(&r.method));
        let blocks = self
            .profile
            .blocks
            .iter()
            .filter(|b| !b.rows.is_empty())
            .map(|block| {
                let result = self.evaluation.blocks.iter().find(|b| b.id == block.id);
                let groups = spans(&block.rows.iter().map(|r| r.group.get(l)).collect::<Vec<_>>());
                let rows = block.rows.iter().enumerate().map(|(k, row)| {
                    let r = result.and_then(|b| b.rows.iter().find(|x| x.id == row.id));
                    let first = (k == 0).then(|| html! {
                        <th scope="rowgroup" class="print-l1" rowspan={(block.rows.len() + 1).to_string()}>{ block.name.get(l) }</th>
                    });
                    let group = groups[k].map(|n| html! {
                        <th scope="rowgroup" class="print-l2" rowspan={n.to_string()}>{ row.group.get(l) }</th>
                    });
                    let actual = self.form.scores.get(&row.id).map(|e| e.actual.clone()).unwrap_or_default();
                    html! {
                        <tr>
                            { for first }
                            { for group }
                            <td class="print-l3">{ row.name.get(l) }</td>
                            <td class="num">{ r.map(|r| plain(r.weight)).unwrap_or_default() }</td>
                            if needs_measure { <td class="num">{ if measured(&row.method) { actual } else { String::new() } }</td> }
                            <td class="num" data-testid={format!("print-row-score-{}", row.id)}>{ r.map(|r| score_text(r, w)).unwrap_or_default() }</td>
                        </tr>
                    }
                });
                html! {
                    <tbody>
                        { for rows }
                        <tr class="print-subtotal">
                            <th scope="row" colspan="2">{ w.block_total }</th>
                            <td class="num">{ result.map(|b| b.weight.shown()).unwrap_or_default() }</td>
                            if needs_measure { <td></td> }
                            <td class="num" data-testid={format!("print-block-{}", block.id)}>{ result.map(|b| b.score.shown()).unwrap_or_default() }</td>
                        </tr>
                    </tbody>
                }
            });
        html! {
            <table class="print-table print-scoring-table">
                <thead>
                    <tr>
                        { level_heads(w) }
                        <th scope="col" class="col-num">{ w.weight }</th>
                        if needs_measure { <th scope="col" class="col-num">{ w.measured }</th> }
                        <th scope="col" class="col-num">{ w.score }</th>
                    </tr>
                </thead>
                { for blocks }
            </table>
        }
    }

    /// Block subtotals not already in a printed scoring table, the total and the grade.
    fn results(&self) -> Html {
        let (w, l) = (self.w, self.l);
        let e = self.evaluation;
        let scoring_printed = self
            .profile
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Scoring);
        let in_scoring = |id: &str| {
            scoring_printed
                && self
                    .profile
                    .blocks
                    .iter()
                    .any(|b| b.id == id && !b.rows.is_empty())
        };
        let grade = e
            .grade
            .as_ref()
            .map(|g| {
                if l == Lang::En {
                    format!("{} ({})", g.grade, g.name_en)
                } else {
                    g.grade.clone()
                }
            })
            .unwrap_or_default();
        html! {
            <section class="print-section print-section-results" aria-labelledby="print-sec-results">
                <h2 id="print-sec-results">{ w.print_results }</h2>
                <table class="print-table print-results-table">
                    <tbody>
                        { for e.blocks.iter().filter(|b| !in_scoring(&b.id)).map(|b| html! {
                            <tr>
                                <th scope="row">{ w.paren(b.name.get(l), b.weight.shown()) }</th>
                                <td class="num-left" data-testid={format!("print-block-{}", b.id)}>{ b.score.shown() }</td>
                            </tr>
                        }) }
                        <tr class="print-total">
                            <th scope="row">{ w.total }</th>
                            <td class="num-left" data-testid="print-total">{ e.total.shown() }</td>
                        </tr>
                        <tr class="print-total">
                            <th scope="row">{ w.grade }</th>
                            <td class="num-left" data-testid="print-grade">{ grade }</td>
                        </tr>
                    </tbody>
                </table>
            </section>
        }
    }

    fn evaluators(&self) -> Html {
        let people = &self.form.evaluators;
        let rows: Html = if people.is_empty() {
            // Blank rows to fill in by hand.
            (0..3)
                .map(|_| html! { <tr class="blank">{ for (0..4).map(|_| html! { <td></td> }) }</tr> })
                .collect()
        } else {
            (0..people.len())
                .map(|i| {
                    html! {
                        <tr>{ for EvaluatorField::ALL.iter().map(|f| html! { <td>{ FieldPath::Evaluator(i, *f).get(self.form) }</td> }) }</tr>
                    }
                })
                .collect()
        };
        html! {
            <table class="print-table print-evaluators-table">
                <thead><tr>{ for EvaluatorField::ALL.iter().map(|f| html! { <th scope="col">{ f.name(self.l) }</th> }) }</tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        }
    }

    fn signoff(&self) -> Html {
        let w = self.w;
        let sign = |k: usize, f: SignoffField, date: bool| {
            let value = FieldPath::Signoff(f).get(self.form);
            let blank = value.trim().is_empty();
            let shown = if blank && date {
                w.print_blank_date.to_string()
            } else {
                value
            };
            html! {
                <span class={classes!("print-sign", date.then_some("date"))}>
                    <span class="print-sign-label">{ format!("{}{}", SignoffField::ALL[k].name(self.l), w.colon) }</span>
                    <span class={classes!("print-sign-line", blank.then_some("blank"))}>{ shown }</span>
                </span>
            }
        };
        html! {
            <div class="print-signatures">
                { sign(0, SignoffField::Responsible, false) }
                { sign(1, SignoffField::Handler, false) }
                { sign(2, SignoffField::Phone, false) }
                { sign(3, SignoffField::FiledOn, true) }
                { sign(4, SignoffField::UnitHead, false) }
                { sign(5, SignoffField::SignedOn, true) }
            </div>
        }
    }
}
