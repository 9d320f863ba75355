//! 项目资金情况: the sources of money, the total row derived from them, the rates and, where the
//! profile scores the budget, the score — each computed number opening its explanation.

use super::field::figure;
use super::FormPart;
use crate::store::{use_sender, use_words};
use yew::prelude::*;
use ziping_app_state::RowAction;
use ziping_engine::path::FieldPath;
use ziping_engine::result::MethodId;

#[function_component]
pub fn Funds(p: &FormPart) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let columns = &p.profile.funds.columns;
    let field = |path: FieldPath, label: String| p.field(path, label, true);
    let e = &p.evaluation.funds;
    let row_rates = p.profile.funds.row_rates;
    html! {
        <section class="form-section funds" aria-labelledby="sec-funds">
            <h2 id="sec-funds">{ p.title.clone() }</h2>
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{ w.source }</th>
                        { for columns.iter().map(|c| html! { <th scope="col">{ c.title.get(lang) }</th> }) }
                        if row_rates { <th scope="col">{ w.execution_rate }</th> }
                        if !p.readonly { <th scope="col"><span class="visually-hidden">{ w.actions }</span></th> }
                    </tr>
                </thead>
                <tbody>
                    { for p.form.funds.rows.iter().enumerate().map(|(i, r)| html! {
                        <tr key={i}>
                            <td>{ field(FieldPath::FundsSource(i), format!("{} {}", w.source, i + 1)) }</td>
                            { for columns.iter().map(|c| html! {
                                <td>{ field(FieldPath::FundsCell(i, c.column), format!("{} · {}", r.source, c.title.get(lang))) }</td>
                            }) }
                            if row_rates {
                                <td class="row-rate" data-testid={format!("funds-row-rate-{i}")}>
                                    if let Some(Some(f)) = e.row_rates.get(i) { { figure(f, lang) } } else { { "—" } }
                                </td>
                            }
                            if !p.readonly {
                                <td><button type="button" class="icon" onclick={send.click(move || RowAction::RemoveFundsRow(i))} aria-label={format!("{} {}", w.remove, r.source)}>{ "✕" }</button></td>
                            }
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr class="derived">
                        <th scope="row">{ w.paren(p.profile.funds.total_label.get(lang), w.derived_total) }</th>
                        { for columns.iter().map(|c| html! {
                            <td data-testid={format!("funds-total-{}", c.column.key())}>
                                if let Some(f) = e.column(c.column) {
                                    { figure(f, lang) }
                                } else { { "—" } }
                            </td>
                        }) }
                        if row_rates {
                            <td data-testid="funds-total-rate">
                                if let Some(f) = &e.execution_rate { { figure(f, lang) } } else { { "—" } }
                            </td>
                        }
                        if !p.readonly { <td></td> }
                    </tr>
                </tfoot>
            </table>
            if !p.readonly {
                <button type="button" onclick={send.click(move || RowAction::AddFundsRow)}>{ w.add_source }</button>
            }
            <dl class="rates">
                <dt>{ w.execution_rate }</dt>
                <dd data-testid="execution-rate">
                    if let Some(f) = &e.execution_rate { { figure(f, lang) } } else { { "—" } }
                </dd>
                if e.arrival_rate.is_some() {
                    <dt>{ w.arrival_rate }</dt>
                    <dd data-testid="arrival-rate">
                        if let Some(f) = &e.arrival_rate { { figure(f, lang) } }
                    </dd>
                }
                if p.profile.funds.shows_score {
                    if let Some(row) = p.evaluation.blocks.iter().flat_map(|b| &b.rows).find(|r| r.method == MethodId::FundsExecution) {
                        <dt>{ format!("{} ({} {})", w.score, w.weight, row.weight) }</dt>
                        <dd data-testid="funds-score">{ figure(&row.score, lang) }</dd>
                    }
                }
            </dl>
            <details class="stated" open={!p.form.funds.declared_total.is_empty() || p.form.funds.declared_rate.is_some() || p.form.funds.declared_score.is_some()}>
                <summary>{ w.stated_total_row }</summary>
                <div class="field-row">
                    { for columns.iter().map(|c| html! {
                        <div class="labelled">{ c.title.get(lang) }{ field(FieldPath::FundsDeclaredTotal(c.column), format!("{} · {}", w.stated_total_row, c.title.get(lang))) }</div>
                    }) }
                    <div class="labelled">{ w.stated_rate }{ field(FieldPath::FundsDeclaredRate, w.stated_rate.to_string()) }</div>
                    <div class="labelled">{ w.stated_score }{ field(FieldPath::FundsDeclaredScore, w.stated_score.to_string()) }</div>
                </div>
            </details>
            if p.profile.thresholds.execution_reason_below.is_some() || p.profile.thresholds.reason_below_weight || !p.form.funds.deviation_reason.is_empty() {
                { p.field(FieldPath::FundsDeviationReason, format!("{} · {}", w.execution_rate, w.deviation_reason), false) }
            }
            if p.profile.thresholds.adjustment_reason || !p.form.funds.adjustment_reason.is_empty() {
                { p.field(FieldPath::FundsAdjustmentReason, w.adjustment_reason, false) }
            }
        </section>
    }
}
