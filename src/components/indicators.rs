//! 绩效指标 / 绩效目标实现情况: the indicator outline as a table, in the profile's columns. Each row is
//! a memoized component: an edit re-renders only the rows whose data, results or findings changed.

use super::field::{figure, Choice, Field, Num};
use super::paste::PasteRows;
use super::{FormPart, RowNotes};
use crate::i18n::Words;
use crate::store::{use_sender, use_words, Ptr};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew::virtual_dom::Key;
use ziping_app_state::{DocAction, RowAction};
use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::path::{indicator_value, FieldPath, IndicatorField};
use ziping_engine::result::{IndicatorResult, MethodId, OpFrom, RowResult, ScoreSource};
use ziping_engine::value::Value;
use ziping_engine::Evaluation;
use ziping_engine::Text;

/// Which columns the table has.
#[derive(Clone, Copy, PartialEq)]
struct Layout {
    scored: bool,
    completion: bool,
    operator: bool,
    unit: bool,
    initial_target: bool,
    reason: bool,
    nature: bool,
    core: bool,
    coefficient: bool,
    readonly: bool,
}

impl Layout {
    fn columns(self) -> usize {
        // name, target, actual, read-as, note/completion…, actions
        let mut n = 4;
        if self.operator {
            n += 1;
        }
        if self.unit {
            n += 1;
        }
        if self.initial_target {
            n += 1;
        }
        n += usize::from(self.nature) + usize::from(self.core);
        n += usize::from(self.coefficient && self.scored);
        if self.scored {
            n += 2; // weight, score
        }
        if self.completion {
            n += if self.scored { 1 } else { 2 };
        }
        if self.reason {
            n += 1;
        }
        n += 1; // N/A (scored) or note
        if !self.readonly {
            n += 1;
        }
        n
    }
}

/// The choices of a select: (id, name) pairs.
fn named<'a>(items: impl Iterator<Item = (&'a String, &'a Text)>) -> Vec<(String, Text)> {
    items.map(|(id, name)| (id.clone(), name.clone())).collect()
}

#[function_component]
pub fn IndicatorTable(p: &FormPart) -> Html {
    let (_lang, w) = use_words();
    let profile = &p.profile;
    let layout = Layout {
        scored: profile.indicators.scored,
        completion: profile.indicators.completion,
        operator: profile.indicators.operator_column,
        unit: profile.indicators.unit_column,
        initial_target: profile.indicators.initial_target_column,
        reason: profile.indicators.reason_column,
        nature: profile.indicators.nature_column,
        core: profile.indicators.core_column,
        coefficient: profile.indicators.coefficient_column,
        readonly: p.readonly,
    };
    let bands: Ptr<Vec<(String, Text)>> = Ptr(use_memo(p.profile.clone(), |profile| {
        named(profile.qualitative_bands.iter().map(|b| (&b.id, &b.name)))
    }));
    let blocks: Ptr<Vec<(String, Text)>> = Ptr(use_memo(p.profile.clone(), |profile| {
        let scored = profile.blocks.iter().filter(|b| b.from_indicators);
        named(scored.map(|b| (&b.id, &b.name)))
    }));
    // Each row's data and results, as the same `Rc` as in the last render where they did not change,
    // in chunks of rows: an edit renders the chunk and the row it changed, and every other chunk
    // compares equal in a few pointer comparisons.
    let cache = use_mut_ref(RowCache::default);
    let shared = cache.borrow_mut().update(&p.form.0, &p.evaluation.0);
    let count = shared.len();
    let chunks = (0..count).step_by(CHUNK_ROWS).map(|start| {
        let end = (start + CHUNK_ROWS).min(count);
        html! {
            <Chunk key={start} start={start} rows={Rc::<[SharedRow]>::from(&shared[start..end])}
                notes={(start..end).map(|i| p.index.row_notes(i)).collect::<Vec<_>>()}
                layout={layout} blocks={blocks.clone()} bands={bands.clone()} at_end={end == count} />
        }
    });
    let send = use_sender();
    html! {
        <section class="form-section indicators" aria-labelledby="sec-indicators">
            <h2 id="sec-indicators">{ p.title.clone() }</h2>
            <div class="table-scroll">
            <table class="grid indicator-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-name">{ w.indicator_name }</th>
                        if layout.nature { <th scope="col" class="col-kind">{ w.nature }</th> }
                        if layout.core { <th scope="col" class="col-flag">{ w.core }</th> }
                        if layout.initial_target { <th scope="col" class="col-value">{ w.initial_target }</th> }
                        <th scope="col" class="col-value">{ if layout.initial_target { w.adjusted_target } else { w.target } }</th>
                        <th scope="col" class="col-value">{ w.actual }</th>
                        if layout.unit { <th scope="col" class="col-op">{ w.unit }</th> }
                        if layout.operator { <th scope="col" class="col-op">{ w.operator }</th> }
                        <th scope="col" class="col-read">{ w.read_as }</th>
                        if layout.scored {
                            <th scope="col" class="col-num">{ w.weight }</th>
                            if layout.coefficient { <th scope="col" class="col-coef">{ w.coefficient }</th> }
                            <th scope="col" class="col-score">{ w.score }</th>
                        }
                        if layout.completion { <th scope="col" class="col-num">{ w.completion }</th> }
                        if layout.completion && !layout.scored { <th scope="col" class="col-num">{ w.stated_completion }</th> }
                        if layout.reason { <th scope="col" class="col-reason">{ w.deviation_reason }</th> }
                        if layout.scored { <th scope="col" class="col-flag">{ w.not_applicable }</th> } else { <th scope="col" class="col-note">{ w.note }</th> }
                        if !layout.readonly { <th scope="col" class="col-actions">{ w.actions }</th> }
                    </tr>
                </thead>
                { for chunks }
            </table>
            </div>
            if !p.readonly {
                <div class="table-actions">
                    <button type="button" onclick={send.click(move || RowAction::AddIndicator { after: None, level: 3 })}>{ w.add_row }</button>
                    <button type="button" onclick={send.click(move || RowAction::AddIndicator { after: None, level: 2 })}>{ w.add_heading }</button>
                </div>
                <PasteRows />
            }
        </section>
    }
}

/// One row's data and results, shared between renders while they do not change.
#[derive(Clone)]
struct SharedRow {
    key: Key,
    row: Ptr<IndicatorRow>,
    result: Option<Ptr<IndicatorResult>>,
    score: Option<Ptr<RowResult>>,
}

/// The rows of the last render, with the form and evaluation they were taken from.
#[derive(Default)]
struct RowCache {
    form: Option<Rc<Form>>,
    evaluation: Option<Rc<Evaluation>>,
    rows: Rc<[SharedRow]>,
}

impl RowCache {
    /// The rows of `form` and `evaluation`: those equal to the last render's row at the same place
    /// keep its `Rc`s, the others get new ones. One comparison per row, a copy per changed row.
    fn update(&mut self, form: &Rc<Form>, evaluation: &Rc<Evaluation>) -> Rc<[SharedRow]> {
        fn same<T>(a: &Option<Rc<T>>, b: &Rc<T>) -> bool {
            a.as_ref().is_some_and(|a| Rc::ptr_eq(a, b))
        }
        if same(&self.form, form) && same(&self.evaluation, evaluation) {
            return self.rows.clone();
        }
        let n = form.indicators.len();
        let mut scores: Vec<Option<&RowResult>> = vec![None; n];
        for r in evaluation.blocks.iter().flat_map(|b| &b.rows) {
            if let Some(slot) = r.indicator().and_then(|i| scores.get_mut(i)) {
                *slot = Some(r);
            }
        }
        fn keep<T: PartialEq + Clone>(old: Option<&Ptr<T>>, new: &T) -> Ptr<T> {
            match old {
                Some(o) if **o == *new => o.clone(),
                _ => Ptr(Rc::new(new.clone())),
            }
        }
        let rows: Rc<[SharedRow]> = form
            .indicators
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let old = self.rows.get(i);
                let row_ptr = keep(old.map(|o| &o.row), row);
                SharedRow {
                    key: match old {
                        Some(o) if Rc::ptr_eq(&o.row.0, &row_ptr.0) || o.row.id == row.id => {
                            o.key.clone()
                        }
                        _ => Key::from(row.id.as_str()),
                    },
                    row: row_ptr,
                    result: evaluation
                        .indicators
                        .get(i)
                        .map(|r| keep(old.and_then(|o| o.result.as_ref()), r)),
                    score: scores[i].map(|r| keep(old.and_then(|o| o.score.as_ref()), r)),
                }
            })
            .collect();
        self.form = Some(form.clone());
        self.evaluation = Some(evaluation.clone());
        self.rows = rows.clone();
        rows
    }
}

/// How many rows a [`Chunk`] holds.
const CHUNK_ROWS: usize = 32;

/// Consecutive rows of the table, from `start`.
#[derive(Properties)]
struct ChunkProps {
    start: usize,
    rows: Rc<[SharedRow]>,
    /// The findings on each of the rows.
    notes: Vec<Option<RowNotes>>,
    layout: Layout,
    blocks: Ptr<Vec<(String, Text)>>,
    bands: Ptr<Vec<(String, Text)>>,
    /// The chunk holds the table's last row.
    at_end: bool,
}

impl PartialEq for ChunkProps {
    fn eq(&self, o: &Self) -> bool {
        self.start == o.start
            && self.at_end == o.at_end
            && self.layout == o.layout
            && self.blocks == o.blocks
            && self.bands == o.bands
            && self.notes == o.notes
            && self.rows.len() == o.rows.len()
            && self.rows.iter().zip(o.rows.iter()).all(|(a, b)| a.same(b))
    }
}

impl SharedRow {
    /// The same row with the same results: the same `Rc`s.
    fn same(&self, o: &SharedRow) -> bool {
        fn same<T>(a: &Option<Ptr<T>>, b: &Option<Ptr<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a == b,
                (None, None) => true,
                _ => false,
            }
        }
        self.row == o.row
            && same(&self.result, &o.result)
            && same(&self.score, &o.score)
            && self.key == o.key
    }
}

#[function_component]
fn Chunk(p: &ChunkProps) -> Html {
    let n = p.rows.len();
    // A row group of its own, so that a chunk out of view is skipped as a whole (style.css).
    html! {
        <tbody class="rows">
        { for p.rows.iter().enumerate().map(|(j, r)| {
            let i = p.start + j;
            html! {
                <Row key={r.key.clone()} index={i} row={r.row.clone()} result={r.result.clone()}
                    score={r.score.clone()} notes={p.notes[j].clone()}
                    layout={p.layout} blocks={p.blocks.clone()} bands={p.bands.clone()} last={p.at_end && j + 1 == n} />
            }
        }) }
        </tbody>
    }
}

/// A row's props: its data and results by identity (see [`RowCache`]), its findings by value.
#[derive(Properties, PartialEq)]
struct RowProps {
    index: usize,
    row: Ptr<IndicatorRow>,
    result: Option<Ptr<IndicatorResult>>,
    score: Option<Ptr<RowResult>>,
    notes: Option<RowNotes>,
    layout: Layout,
    blocks: Ptr<Vec<(String, Text)>>,
    bands: Ptr<Vec<(String, Text)>>,
    /// The last row (cannot move down).
    last: bool,
}

fn value_text(v: &Value, w: &Words) -> String {
    match v {
        Value::Empty => w.empty_value.to_string(),
        Value::Quantity(q) => {
            let op = q.op.map(|o| o.symbol()).unwrap_or("");
            let approx = if q.approximate {
                format!("{}{}{}", w.open_paren, w.approximate, w.close_paren)
            } else {
                String::new()
            };
            format!(
                "{op}{}{}{approx}",
                ziping_engine::decimal::plain(q.number),
                q.unit
            )
        }
        Value::Period { from, to } => format!("{} {from}—{to}", w.period),
        Value::Date(d) => {
            let op = d.op.map(|o| o.symbol()).unwrap_or("");
            let parts: Vec<String> = [d.year, d.month, d.day]
                .iter()
                .flatten()
                .map(|n| format!("{n:02}"))
                .collect();
            format!("{} {op}{}", w.date, parts.join("-"))
        }
        Value::Text => w.qualitative.to_string(),
    }
}

#[function_component]
fn Row(p: &RowProps) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let i = p.index;
    let r = &p.row;
    let layout = p.layout;
    let field = |f: IndicatorField, label: &str| {
        let path = FieldPath::Indicator(i, f);
        let notes = p
            .notes
            .iter()
            .flat_map(|n| n.iter())
            .find(|(nf, _)| *nf == f)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let multiline = matches!(f, IndicatorField::DeviationReason);
        html! { <Field value={indicator_value(r, f)} {path} label={format!("{} {} · {label}", w.indicator_name, i + 1)} quiet_label=true notes={notes} readonly={layout.readonly} multiline={multiline} /> }
    };
    let actions = if layout.readonly {
        html! {}
    } else {
        let name = if r.name.is_empty() {
            format!("{}", i + 1)
        } else {
            r.name.clone()
        };
        html! {
            <td class="actions">
                <button type="button" class="icon" onclick={send.click(move || RowAction::MoveIndicator { row: i, up: true })} disabled={i == 0} aria-label={format!("{} {name}", w.move_up)} title={w.move_up}>{ "↑" }</button>
                <button type="button" class="icon" onclick={send.click(move || RowAction::MoveIndicator { row: i, up: false })} disabled={p.last} aria-label={format!("{} {name}", w.move_down)} title={w.move_down}>{ "↓" }</button>
                <button type="button" class="icon" onclick={send.click(move || RowAction::Outdent(i))} disabled={r.level <= 1} aria-label={format!("{} {name}", w.outdent)} title={w.outdent}>{ "←" }</button>
                <button type="button" class="icon" onclick={send.click(move || RowAction::Indent(i))} disabled={r.level >= 3} aria-label={format!("{} {name}", w.indent)} title={w.indent}>{ "→" }</button>
                <button type="button" class="icon" onclick={send.click(move || RowAction::AddIndicator { after: Some(i), level: 3 })} aria-label={format!("{} ({name})", w.add_row)} title={w.add_row}>{ "+" }</button>
                <button type="button" class="icon danger" onclick={send.click(move || RowAction::RemoveIndicator(i))} aria-label={format!("{} {name}", w.delete_row)} title={w.delete_row}>{ "✕" }</button>
            </td>
        }
    };
    let level_label = w.level_names[(r.level.clamp(1, 3) - 1) as usize];
    if r.level < 3 {
        let span = layout.columns() - 1 - usize::from(!layout.readonly);
        let block_select = if r.level == 1 && layout.scored {
            let send = send.clone();
            let onchange = Callback::from(move |e: Event| {
                send.act(DocAction::Set {
                    path: FieldPath::Indicator(i, IndicatorField::Block),
                    value: e.target_unchecked_into::<HtmlSelectElement>().value(),
                });
            });
            let id = format!("block-{i}");
            html! {
                <span class="block-select">
                    <label for={id.clone()}>{ w.block }</label>
                    <select id={id} data-path={format!("indicators[{i}].block")} onchange={onchange} disabled={layout.readonly}>
                        <option value="" selected={r.block.is_empty()}>{ "—" }</option>
                        { for p.blocks.iter().map(|(id, name)| html! { <option value={id.clone()} selected={*id == r.block}>{ name.get(lang) }</option> }) }
                    </select>
                </span>
            }
        } else {
            html! {}
        };
        return html! {
            <tr class={classes!("heading", format!("level-{}", r.level))} data-row={r.id.clone()}>
                <th scope="row" class="col-heading" colspan={(span + 1).to_string()}>
                    <span class="level-tag">{ level_label }</span>
                    { field(IndicatorField::Name, w.indicator_name) }
                    { block_select }
                    <details class="more" open={!r.note.is_empty() || !r.incomplete.is_empty()}><summary>{ w.note }</summary>{ field(IndicatorField::Note, w.note) }{ field(IndicatorField::Incomplete, w.row_incomplete) }</details>
                </th>
                { actions }
            </tr>
        };
    }
    let res = p.result.as_ref();
    let read_as = res.map(|x| {
        let method = x.method.map(|m| w.method(m)).unwrap_or("");
        let band = x
            .band
            .as_ref()
            .and_then(|b| p.bands.iter().find(|(id, _)| id == b))
            .map(|(_, name)| format!("{}{}", w.colon, name.get(lang)))
            .unwrap_or_default();
        // Where the direction was not written, say where it came from.
        let from = match &x.op_from {
            Some(OpFrom::Name(word)) => format!(
                "{}{}“{word}”{}",
                w.open_paren, w.op_from_name, w.close_paren
            ),
            Some(OpFrom::Assumed) => format!("{}{}{}", w.open_paren, w.op_assumed, w.close_paren),
            _ => String::new(),
        };
        match (&x.target, &x.actual) {
            (Value::Text | Value::Empty, Value::Text | Value::Empty) if !method.is_empty() => {
                format!("{method}{band}")
            }
            _ => format!(
                "{} → {}{}{from}{band}",
                value_text(&x.target, w),
                value_text(&x.actual, w),
                if method.is_empty() {
                    String::new()
                } else {
                    format!(" · {method}")
                }
            ),
        }
    });
    // Where the layout scores its rows and has no 指标性质 column, the row's direction is chosen
    // under 识别为 — offered where the target does not say it (or the row already sets it).
    let direction = (!layout.operator
        && layout.scored
        && !layout.readonly
        && res.is_some_and(|x| {
            matches!(x.target, Value::Quantity(_))
                && (x.op_from != Some(OpFrom::Target) || !r.operator.trim().is_empty())
        }))
    .then(|| {
        let send = send.clone();
        let onchange = Callback::from(move |e: Event| {
            send.act(DocAction::Set {
                path: FieldPath::Indicator(i, IndicatorField::Operator),
                value: e.target_unchecked_into::<HtmlSelectElement>().value(),
            });
        });
        let op = r.operator.trim();
        let option = |value: &'static str, text: String| html! { <option {value} selected={op == value}>{ text }</option> };
        html! {
            <select class="direction" data-path={format!("indicators[{i}].operator")} {onchange}
                aria-label={format!("{} {} · {}", w.indicator_name, i + 1, w.direction)}>
                { option("", format!("{}{}{}", w.direction, w.colon, w.direction_auto)) }
                { option("≥", w.method(MethodId::Ratio).to_string()) }
                { option("≤", w.method(MethodId::Inverse).to_string()) }
                { option("=", w.method(MethodId::Exact).to_string()) }
            </select>
        }
    });
    let completion = res.and_then(|x| x.completion.as_ref());
    // A row scored by judgement (qualitative, manual, or values that cannot be compared) is scored
    // in its own labelled box ("手工打分（0–10）"); on a computed row the box is an override.
    let judgement = p.score.as_ref().is_some_and(|s| s.method.is_judgement());
    let score_field = if judgement && !layout.readonly {
        let path = FieldPath::Indicator(i, IndicatorField::Score);
        let notes = p
            .notes
            .iter()
            .flat_map(|n| n.iter())
            .find(|(nf, _)| *nf == IndicatorField::Score)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let weight = r
            .weight
            .map(ziping_engine::decimal::plain)
            .unwrap_or_else(|| "?".into());
        let label = format!(
            "{}{}0–{weight}{}",
            w.manual_score, w.open_paren, w.close_paren
        );
        html! { <Field value={indicator_value(r, IndicatorField::Score)} {path} label={label} notes={notes} class={classes!("manual-score")} /> }
    } else {
        field(IndicatorField::Score, w.entered)
    };
    html! {
        <tr class="level-3" data-row={r.id.clone()}>
            <td class="col-name">
                { field(IndicatorField::Name, w.indicator_name) }
                if layout.scored {
                    <details class="more" open={!r.note.is_empty() || !r.method.is_empty() || !r.band.is_empty() || !r.incomplete.is_empty()}>
                        <summary>{ w.more }</summary>
                        <Choice path={FieldPath::Indicator(i, IndicatorField::Method)} value={r.method.clone()} label={format!("{} {} · {}", w.indicator_name, i + 1, w.method_choice)} readonly={layout.readonly}
                            options={vec![("".into(), w.method_auto.into()), ("qualitative".into(), w.method(MethodId::Qualitative).into()), ("manual".into(), w.method(MethodId::Manual).into())]} />
                        <Choice path={FieldPath::Indicator(i, IndicatorField::Band)} value={r.band.clone()} label={format!("{} {} · {}", w.indicator_name, i + 1, w.band)} readonly={layout.readonly}
                            options={std::iter::once((AttrValue::from(""), AttrValue::from(w.band_auto))).chain(p.bands.iter().map(|(id, name)| (AttrValue::from(id.clone()), AttrValue::from(name.get(lang).to_string())))).collect::<Vec<_>>()} />
                        { field(IndicatorField::Note, w.note) }
                        { field(IndicatorField::Incomplete, w.row_incomplete) }
                    </details>
                } else {
                    <details class="more" open={!r.incomplete.is_empty()}>
                        <summary>{ w.more }</summary>
                        { field(IndicatorField::Incomplete, w.row_incomplete) }
                    </details>
                }
            </td>
            if layout.nature {
                <td class="col-kind">
                    <Choice path={FieldPath::Indicator(i, IndicatorField::Nature)} value={r.nature.clone()} label={format!("{} {} · {}", w.indicator_name, i + 1, w.nature)} readonly={layout.readonly} quiet={true}
                        options={vec![("".into(), "—".into()), ("定量".into(), w.quantitative.into()), ("定性".into(), w.qualitative.into())]} />
                </td>
            }
            if layout.core { <td class="col-flag">{ field(IndicatorField::Core, w.core) }</td> }
            if layout.initial_target { <td class="col-value">{ field(IndicatorField::InitialTarget, w.initial_target) }</td> }
            <td class="col-value">{ field(IndicatorField::Target, if layout.initial_target { w.adjusted_target } else { w.target }) }</td>
            <td class="col-value">{ field(IndicatorField::Actual, w.actual) }</td>
            if layout.unit { <td class="col-op">{ field(IndicatorField::Unit, w.unit) }</td> }
            if layout.operator { <td class="col-op">{ field(IndicatorField::Operator, w.operator) }</td> }
            <td class="read-as col-read"><span data-testid={format!("read-as-{i}")}>{ read_as.unwrap_or_default() }</span>{ direction.unwrap_or_default() }</td>
            if layout.scored {
                <td class="col-num">{ field(IndicatorField::Weight, w.weight) }</td>
                if layout.coefficient { <td class="col-coef">{ field(IndicatorField::Coefficient, w.coefficient) }</td> }
                <td class="col-score">
                    if let Some(s) = &p.score {
                        <Num shown={s.score.shown()} explain={s.score.explanation().get(lang).to_string()} pending={s.score.is_pending()} testid={AttrValue::from(format!("score-{i}"))} />
                        if s.source == ScoreSource::Override {
                            if let Some(c) = &s.computed { <span class="was">{ format!("{} {}", w.override_shown, c.shown()) }</span> }
                        }
                    }
                    { score_field }
                    if p.score.as_ref().is_some_and(|s| s.source == ScoreSource::Override) || !r.score_reason.is_empty() {
                        { field(IndicatorField::ScoreReason, w.override_reason) }
                    }
                    <details class="more"><summary>{ w.stated }</summary>{ field(IndicatorField::DeclaredScore, w.stated) }</details>
                </td>
            }
            if layout.completion {
                <td class="col-num" data-testid={format!("completion-{i}")}>
                    if let Some(c) = completion { { figure(c, lang) } } else { { "—" } }
                    if layout.scored {
                        <details class="more"><summary>{ w.stated_completion }</summary>{ field(IndicatorField::DeclaredCompletion, w.stated_completion) }</details>
                    }
                </td>
            }
            if layout.completion && !layout.scored { <td class="col-num">{ field(IndicatorField::DeclaredCompletion, w.stated_completion) }</td> }
            if layout.reason { <td class="col-reason">{ field(IndicatorField::DeviationReason, w.deviation_reason) }</td> }
            if layout.scored { <td class="col-flag">{ field(IndicatorField::NotApplicable, w.not_applicable) }</td> } else { <td class="col-note">{ field(IndicatorField::Note, w.note) }</td> }
            { actions }
        </tr>
    }
}
