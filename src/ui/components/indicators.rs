//! 绩效指标 / 绩效目标实现情况: the indicator outline as a table, in the profile's columns. Each row is
//! a memoized component: an edit re-renders only the rows whose data, results or findings changed.

use super::field::{Choice, Field, Note, Num};
use super::FormPart;
use crate::state::path::{indicator_value, FieldPath, IndicatorField};
use crate::state::Action;
use crate::ui::i18n::{words, Words};
use crate::ui::store::{use_dispatch, use_lang, Ptr};
use std::collections::HashMap;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use ziping_engine::model::IndicatorRow;
use ziping_engine::result::{IndicatorResult, RowResult, ScoreSource};
use ziping_engine::value::Value;
use ziping_engine::Text;

/// Which columns the table has.
#[derive(Clone, Copy, PartialEq)]
struct Layout {
    scored: bool,
    completion: bool,
    operator: bool,
    reason: bool,
    readonly: bool,
}

impl Layout {
    fn columns(self) -> usize {
        // name, target, actual, read-as, note/completion…, actions
        let mut n = 4;
        if self.operator {
            n += 1;
        }
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

#[function_component]
pub fn IndicatorTable(p: &FormPart) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let dispatch = use_dispatch();
    let paste = use_state(String::new);
    let profile = &p.profile;
    let layout = Layout {
        scored: profile.indicators.scored,
        completion: profile.indicators.completion,
        operator: profile.indicators.operator_column,
        reason: profile.indicators.reason_column,
        readonly: p.readonly,
    };
    let bands: Ptr<Vec<(String, Text)>> = {
        let profile = p.profile.clone();
        Ptr(use_memo(profile, |profile| {
            profile
                .qualitative_bands
                .iter()
                .map(|b| (b.id.clone(), b.name.clone()))
                .collect::<Vec<_>>()
        }))
    };
    let blocks: Ptr<Vec<(String, Text)>> = {
        let profile = p.profile.clone();
        Ptr(use_memo(profile, |profile| {
            profile
                .blocks
                .iter()
                .filter(|b| b.from_indicators)
                .map(|b| (b.id.clone(), b.name.clone()))
                .collect::<Vec<_>>()
        }))
    };
    let scores: HashMap<&str, &RowResult> = p
        .evaluation
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| matches!(r.place, ziping_engine::result::RowPlace::Indicator(_)))
        .map(|r| (r.id.as_str(), r))
        .collect();
    let count = p.form.indicators.len();
    let rows = p.form.indicators.iter().enumerate().map(|(i, row)| {
        let notes: Vec<(IndicatorField, Vec<Note>)> = IndicatorField::ALL
            .iter()
            .filter_map(|f| {
                let n = p.index.notes(&FieldPath::Indicator(i, *f));
                (!n.is_empty()).then_some((*f, n))
            })
            .collect();
        let refused = match &p.refused {
            Some((FieldPath::Indicator(ri, f), t)) if *ri == i => Some((*f, t.clone())),
            _ => None,
        };
        html! {
            <Row key={row.id.clone()} index={i} row={row.clone()} result={p.evaluation.indicators.get(i).cloned()}
                score={scores.get(row.id.as_str()).map(|r| (*r).clone())} notes={notes} refused={refused}
                layout={layout} blocks={blocks.clone()} bands={bands.clone()} count={count} />
        }
    });
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(a.clone());
            }
        })
    };
    let on_paste_text = {
        let paste = paste.clone();
        Callback::from(move |e: InputEvent| {
            paste.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_paste = {
        let paste = paste.clone();
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(Action::Paste {
                    after: None,
                    text: (*paste).clone(),
                });
            }
            paste.set(String::new());
        })
    };
    html! {
        <section class="form-section indicators" aria-labelledby="sec-indicators">
            <h2 id="sec-indicators">{ p.title.clone() }</h2>
            <div class="table-scroll">
            <table class="grid indicator-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-name">{ w.indicator_name }</th>
                        <th scope="col" class="col-value">{ w.target }</th>
                        <th scope="col" class="col-value">{ w.actual }</th>
                        if layout.operator { <th scope="col" class="col-op">{ w.operator }</th> }
                        <th scope="col">{ w.read_as }</th>
                        if layout.scored {
                            <th scope="col" class="col-num">{ w.weight }</th>
                            <th scope="col" class="col-score">{ w.score }</th>
                        }
                        if layout.completion { <th scope="col" class="col-num">{ w.completion }</th> }
                        if layout.completion && !layout.scored { <th scope="col" class="col-num">{ w.stated_completion }</th> }
                        if layout.reason { <th scope="col" class="col-reason">{ w.deviation_reason }</th> }
                        if layout.scored { <th scope="col" class="col-flag">{ w.not_applicable }</th> } else { <th scope="col">{ w.note }</th> }
                        if !layout.readonly { <th scope="col" class="col-actions">{ w.actions }</th> }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            </div>
            if !p.readonly {
                <div class="table-actions">
                    <button type="button" onclick={send(Action::AddIndicator { after: None, level: 3 })}>{ w.add_row }</button>
                    <button type="button" onclick={send(Action::AddIndicator { after: None, level: 2 })}>{ w.add_heading }</button>
                </div>
                <div class="paste">
                    <label for="paste-rows">{ w.paste_label }</label>
                    <p class="hint" id="paste-hint">{ w.paste_hint }</p>
                    <textarea id="paste-rows" rows="2" aria-describedby="paste-hint" value={(*paste).clone()} oninput={on_paste_text} />
                    <button type="button" onclick={on_paste} disabled={paste.trim().is_empty()}>{ w.paste_button }</button>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    index: usize,
    row: IndicatorRow,
    result: Option<IndicatorResult>,
    score: Option<RowResult>,
    notes: Vec<(IndicatorField, Vec<Note>)>,
    refused: Option<(IndicatorField, String)>,
    layout: Layout,
    blocks: Ptr<Vec<(String, Text)>>,
    bands: Ptr<Vec<(String, Text)>>,
    count: usize,
}

fn value_text(v: &Value, w: &Words) -> String {
    match v {
        Value::Empty => w.empty_value.to_string(),
        Value::Quantity(q) => {
            let op = q.op.map(|o| o.symbol()).unwrap_or("");
            let approx = if q.approximate {
                format!("（{}）", w.approximate)
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
        Value::Date => w.date.to_string(),
        Value::Text => w.qualitative.to_string(),
    }
}

#[function_component]
fn Row(p: &RowProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let l = lang.code();
    let dispatch = use_dispatch();
    let i = p.index;
    let r = &p.row;
    let layout = p.layout;
    let field = |f: IndicatorField, label: &str| {
        let path = FieldPath::Indicator(i, f);
        let notes = p
            .notes
            .iter()
            .find(|(nf, _)| *nf == f)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let refused = p
            .refused
            .as_ref()
            .filter(|(rf, _)| *rf == f)
            .map(|(_, t)| AttrValue::from(t.clone()));
        let multiline = matches!(f, IndicatorField::DeviationReason);
        html! { <Field value={indicator_value(r, f)} {path} label={format!("{} {} · {label}", w.indicator_name, i + 1)} quiet_label=true notes={notes} refused={refused} readonly={layout.readonly} multiline={multiline} /> }
    };
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(a.clone());
            }
        })
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
                <button type="button" class="icon" onclick={send(Action::MoveIndicator { row: i, up: true })} disabled={i == 0} aria-label={format!("{} {name}", w.move_up)} title={w.move_up}>{ "↑" }</button>
                <button type="button" class="icon" onclick={send(Action::MoveIndicator { row: i, up: false })} disabled={i + 1 >= p.count} aria-label={format!("{} {name}", w.move_down)} title={w.move_down}>{ "↓" }</button>
                <button type="button" class="icon" onclick={send(Action::Outdent(i))} disabled={r.level <= 1} aria-label={format!("{} {name}", w.outdent)} title={w.outdent}>{ "←" }</button>
                <button type="button" class="icon" onclick={send(Action::Indent(i))} disabled={r.level >= 3} aria-label={format!("{} {name}", w.indent)} title={w.indent}>{ "→" }</button>
                <button type="button" class="icon" onclick={send(Action::AddIndicator { after: Some(i), level: 3 })} aria-label={format!("{} ({name})", w.add_row)} title={w.add_row}>{ "+" }</button>
                <button type="button" class="icon danger" onclick={send(Action::RemoveIndicator(i))} aria-label={format!("{} {name}", w.delete_row)} title={w.delete_row}>{ "✕" }</button>
            </td>
        }
    };
    let level_label = w.level_names[(r.level.clamp(1, 3) - 1) as usize];
    if r.level < 3 {
        let span = layout.columns() - 1 - usize::from(!layout.readonly);
        let block_select = if r.level == 1 && layout.scored {
            let d = dispatch.clone();
            let onchange = Callback::from(move |e: Event| {
                if let Some(d) = &d {
                    d.dispatch(Action::Set {
                        path: FieldPath::Indicator(i, IndicatorField::Block),
                        value: e.target_unchecked_into::<HtmlSelectElement>().value(),
                    });
                }
            });
            let id = format!("block-{i}");
            html! {
                <span class="block-select">
                    <label for={id.clone()}>{ w.block }</label>
                    <select id={id} data-path={format!("indicators[{i}].block")} onchange={onchange} disabled={layout.readonly}>
                        <option value="" selected={r.block.is_empty()}>{ "—" }</option>
                        { for p.blocks.iter().map(|(id, name)| html! { <option value={id.clone()} selected={*id == r.block}>{ name.get(l) }</option> }) }
                    </select>
                </span>
            }
        } else {
            html! {}
        };
        return html! {
            <tr class={classes!("heading", format!("level-{}", r.level))} data-row={r.id.clone()}>
                <th scope="row" colspan={(span + 1).to_string()}>
                    <span class="level-tag">{ level_label }</span>
                    { field(IndicatorField::Name, w.indicator_name) }
                    { block_select }
                    <details class="more" open={!r.note.is_empty()}><summary>{ w.note }</summary>{ field(IndicatorField::Note, w.note) }</details>
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
            .map(|(_, name)| format!("：{}", name.get(l)))
            .unwrap_or_default();
        match (&x.target, &x.actual) {
            (Value::Text | Value::Empty, Value::Text | Value::Empty) if !method.is_empty() => {
                format!("{method}{band}")
            }
            _ => format!(
                "{} → {}{}{band}",
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
    let completion = res.and_then(|x| x.completion.as_ref());
    html! {
        <tr class="level-3" data-row={r.id.clone()}>
            <td class="col-name">
                { field(IndicatorField::Name, w.indicator_name) }
                if layout.scored {
                    <details class="more" open={!r.note.is_empty() || !r.method.is_empty() || !r.band.is_empty()}>
                        <summary>{ w.more }</summary>
                        <Choice path={FieldPath::Indicator(i, IndicatorField::Method)} value={r.method.clone()} label={format!("{} {} · {}", w.indicator_name, i + 1, w.method_choice)} readonly={layout.readonly}
                            options={vec![("".into(), w.method_auto.into()), ("qualitative".into(), w.method("qualitative").into()), ("manual".into(), w.method("manual").into())]} />
                        <Choice path={FieldPath::Indicator(i, IndicatorField::Band)} value={r.band.clone()} label={format!("{} {} · {}", w.indicator_name, i + 1, w.band)} readonly={layout.readonly}
                            options={std::iter::once((AttrValue::from(""), AttrValue::from(w.band_auto))).chain(p.bands.iter().map(|(id, name)| (AttrValue::from(id.clone()), AttrValue::from(name.get(l).to_string())))).collect::<Vec<_>>()} />
                        { field(IndicatorField::Note, w.note) }
                    </details>
                }
            </td>
            <td class="col-value">{ field(IndicatorField::Target, w.target) }</td>
            <td class="col-value">{ field(IndicatorField::Actual, w.actual) }</td>
            if layout.operator { <td class="col-op">{ field(IndicatorField::Operator, w.operator) }</td> }
            <td class="read-as" data-testid={format!("read-as-{i}")}>{ read_as.unwrap_or_default() }</td>
            if layout.scored {
                <td class="col-num">{ field(IndicatorField::Weight, w.weight) }</td>
                <td class="col-score">
                    if let Some(s) = &p.score {
                        <Num shown={s.score.shown()} explain={s.score.explanation().get(l).to_string()} testid={AttrValue::from(format!("score-{i}"))} />
                        if s.source == ScoreSource::Override {
                            if let Some(c) = &s.computed { <span class="was">{ format!("{} {}", w.override_shown, c.shown()) }</span> }
                        }
                    }
                    { field(IndicatorField::Score, w.entered) }
                    if p.score.as_ref().is_some_and(|s| s.source == ScoreSource::Override) || !r.score_reason.is_empty() {
                        { field(IndicatorField::ScoreReason, w.override_reason) }
                    }
                    <details class="more"><summary>{ w.stated }</summary>{ field(IndicatorField::DeclaredScore, w.stated) }</details>
                </td>
            }
            if layout.completion {
                <td class="col-num" data-testid={format!("completion-{i}")}>
                    if let Some(c) = completion { <Num shown={c.shown()} explain={c.explanation().get(l).to_string()} /> } else { { "—" } }
                    if layout.scored {
                        <details class="more"><summary>{ w.stated_completion }</summary>{ field(IndicatorField::DeclaredCompletion, w.stated_completion) }</details>
                    }
                </td>
            }
            if layout.completion && !layout.scored { <td class="col-num">{ field(IndicatorField::DeclaredCompletion, w.stated_completion) }</td> }
            if layout.reason { <td class="col-reason">{ field(IndicatorField::DeviationReason, w.deviation_reason) }</td> }
            if layout.scored { <td class="col-flag">{ field(IndicatorField::NotApplicable, w.not_applicable) }</td> } else { <td>{ field(IndicatorField::Note, w.note) }</td> }
            { actions }
        </tr>
    }
}
