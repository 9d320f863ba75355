//! Rows pasted from Excel or WPS: a text box, then a preview of the first lines with, above each
//! column, what it becomes (`ziping_app_state::paste`, matched by header or guessed), which the clerk
//! may change before inserting the rows as one undo step.

use crate::browser::page;
use crate::store::{use_sender, use_words};
use std::rc::Rc;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew::virtual_dom::VList;
use ziping_app_state::paste::{Column, Mapping, Table};
use ziping_app_state::RowAction;

/// How many lines the preview shows.
const PREVIEW_LINES: usize = 5;

/// Nodes built in a loop, as one node.
fn list(nodes: Vec<Html>) -> Html {
    VList::with_children(nodes, None).into()
}

#[function_component]
pub fn PasteRows() -> Html {
    let (_lang, w) = use_words();
    let send = use_sender();
    let text = use_state(String::new);
    let preview = use_state(|| None::<(Rc<Table>, Mapping)>);
    // The preview takes the focus when it opens; the text box gets it back when it closes.
    use_effect_with(preview.is_some(), |open| {
        if *open {
            page::focus_id("paste-preview-title");
        }
    });
    let close = {
        let preview = preview.clone();
        move || {
            preview.set(None);
            page::focus_id("paste-rows");
        }
    };
    let on_input = {
        let (text, preview) = (text.clone(), preview.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            preview.set(None);
        })
    };
    let on_preview = {
        let (text, preview) = (text.clone(), preview.clone());
        Callback::from(move |_: MouseEvent| {
            let table = Table::read(&text);
            let columns = table.columns.clone();
            preview.set(Some((Rc::new(table), columns)));
        })
    };
    let shown = preview.as_ref().map(|(table, columns)| {
        let on_insert = {
            let (send, text, columns, close) = (send.clone(), text.clone(), columns.clone(), close.clone());
            Callback::from(move |_: MouseEvent| {
                send.act(RowAction::Paste {
                    after: None,
                    text: (*text).clone(),
                    columns: columns.clone(),
                });
                text.set(String::new());
                close();
            })
        };
        let on_cancel = Callback::from(move |_: MouseEvent| close());
        let width = columns.0.len();
        let mut heads = Vec::with_capacity(width);
        for i in 0..width {
            let id = format!("paste-col-{i}");
            let onchange = {
                let (preview, table, columns) = (preview.clone(), table.clone(), columns.clone());
                Callback::from(move |e: Event| {
                    let chosen = e.target_unchecked_into::<HtmlSelectElement>().selected_index();
                    let mut columns = columns.clone();
                    columns.set(i, Column::at(chosen as usize));
                    preview.set(Some((table.clone(), columns)));
                })
            };
            // The column's number, and its name in the header line if there is one.
            let mut label = w.paste_column.replace("{n}", &(i + 1).to_string());
            if let Some(h) = table.header.as_ref().and_then(|h| h.get(i)) {
                label = format!("{label}\n{h}");
            }
            let mut options = Vec::with_capacity(Column::ALL.len());
            for (c, name) in Column::ALL.into_iter().zip(w.paste_columns) {
                options.push(html! { <option selected={c == columns.get(i)}>{ name }</option> });
            }
            heads.push(html! {
                <th scope="col">
                    <label for={id.clone()}>{ label }</label>
                    <select id={id} {onchange}>{ list(options) }</select>
                </th>
            });
        }
        let mut lines = Vec::new();
        for line in table.rows.iter().take(PREVIEW_LINES) {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                let ignored = columns.get(i) == Column::Ignore;
                cells.push(html! { <td class={ignored.then_some("ignored")}>{ line.get(i).cloned().unwrap_or_default() }</td> });
            }
            lines.push(html! { <tr>{ list(cells) }</tr> });
        }
        let n = table.rows.len();
        let how = if table.header.is_some() {
            w.paste_by_header
        } else {
            w.paste_by_count
        };
        let count = w
            .paste_count
            .replace("{how}", how)
            .replace("{n}", &n.to_string())
            .replace("{shown}", &n.min(PREVIEW_LINES).to_string());
        html! {
            <div class="paste-preview" role="group" aria-labelledby="paste-preview-title">
                <h3 id="paste-preview-title" tabindex="-1">{ w.paste_preview }</h3>
                <p class="hint">{ count }</p>
                <div class="table-scroll">
                    <table class="grid paste-table">
                        <thead><tr>{ list(heads) }</tr></thead>
                        <tbody>{ list(lines) }</tbody>
                    </table>
                </div>
                <button type="button" class="primary" onclick={on_insert} disabled={n == 0}>{ w.paste_insert }</button>
                <button type="button" onclick={on_cancel}>{ w.paste_cancel }</button>
            </div>
        }
    });
    html! {
        <div class="paste">
            <label for="paste-rows">{ w.paste_label }</label>
            <p class="hint" id="paste-hint">{ w.paste_hint }</p>
            <textarea id="paste-rows" rows="2" aria-describedby="paste-hint" value={(*text).clone()} oninput={on_input} />
            <button type="button" onclick={on_preview} disabled={text.trim().is_empty()}>{ w.paste_button }</button>
            { shown.unwrap_or_default() }
        </div>
    }
}
