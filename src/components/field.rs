//! One input bound to one field of the form, by its path. It shows the findings on that field under
//! it, marks itself `aria-invalid` when one is an error, and points to them with `aria-describedby`.

use crate::store::{use_sender, use_words};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use ziping_app_state::findings_index::Note;
use ziping_app_state::DocAction;
use ziping_engine::entry::NumberKind;
use ziping_engine::path::{stored, FieldPath, Kind};
use ziping_engine::result::Figure;
use ziping_engine::{Lang, Severity};

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub path: FieldPath,
    /// The field's value in the form.
    pub value: AttrValue,
    pub label: AttrValue,
    /// Show the label only to screen readers (inside table cells, where the column heads say it).
    #[prop_or_default]
    pub quiet_label: bool,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub notes: Vec<Note>,
    /// For a number field, what it holds (which decides the units it takes); points when not given.
    #[prop_or_default]
    pub number: Option<NumberKind>,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub class: Classes,
}

fn dom_id(path: &FieldPath) -> String {
    let key = path.to_string();
    let mut id = String::with_capacity(key.len() + 2);
    id.push_str("f-");
    for c in key.chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        });
    }
    // Keys hold non-ASCII only in narrative and score ids; keep ids unique by a hash of the key.
    if !key.is_ascii() {
        let h = key
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        id.push_str(&format!("-{h:x}"));
    }
    id
}

#[function_component]
pub fn Field(props: &FieldProps) -> Html {
    let send = use_sender();
    let (lang, w) = use_words();
    // A number field keeps what is being typed ("969." on the way to "969.94") while the form
    // holds what it means; anything else (an undo, an import) shows the form's value, which is the
    // text as typed wherever it is not the plain number.
    let typed = use_state(|| None::<String>);
    let kind = props.path.kind();
    let number = props
        .number
        .or((kind == Kind::Decimal).then_some(NumberKind::Points));
    let id = dom_id(&props.path);
    let shown: String = match (&*typed, number) {
        (Some(t), Some(n)) if stored(t, n) == props.value.as_str() => t.clone(),
        _ => props.value.to_string(),
    };
    let on_value = {
        let send = send.clone();
        let path = props.path.clone();
        let typed = typed.clone();
        move |value: String| {
            if kind == Kind::Decimal {
                typed.set(Some(value.clone()));
            }
            send.act(DocAction::Set {
                path: path.clone(),
                value,
            });
        }
    };
    let notes: Vec<(String, String)> = props
        .notes
        .iter()
        .map(|n| {
            (
                severity_class(n.severity).to_string(),
                format!(
                    "{}{}{}",
                    w.severity[n.severity as usize],
                    w.colon,
                    n.message.get(lang)
                ),
            )
        })
        .collect();
    let invalid = props.notes.iter().any(|n| n.severity == Severity::Error);
    let described = (!notes.is_empty()).then(|| format!("{id}-notes"));
    // Inside a table the column heads say what a field is: its name is given to screen readers as
    // `aria-label` rather than by a hidden <label> (two nodes fewer per field in rows of a thousand).
    let aria_label = props.quiet_label.then(|| props.label.clone());
    let placeholder = (!props.placeholder.is_empty()).then(|| props.placeholder.clone());
    let input = if kind == Kind::Flag {
        let on_value = on_value.clone();
        let checked = props.value == "true";
        html! {
            <input type="checkbox" id={id.clone()} data-path={props.path.to_string()} checked={checked} disabled={props.readonly}
                aria-label={aria_label.clone()} aria-invalid={invalid.then_some("true")} aria-describedby={described.clone()}
                onchange={Callback::from(move |e: Event| on_value(if e.target_unchecked_into::<HtmlInputElement>().checked() { "true".into() } else { "false".into() }))} />
        }
    } else if props.multiline {
        let on_value = on_value.clone();
        html! {
            <textarea id={id.clone()} data-path={props.path.to_string()} value={shown.clone()} readonly={props.readonly}
                placeholder={placeholder.clone()} rows="3"
                aria-label={aria_label.clone()} aria-invalid={invalid.then_some("true")} aria-describedby={described.clone()}
                oninput={Callback::from(move |e: InputEvent| on_value(e.target_unchecked_into::<HtmlTextAreaElement>().value()))} />
        }
    } else {
        let typed = typed.clone();
        html! {
            <input type="text" id={id.clone()} data-path={props.path.to_string()} value={shown.clone()} readonly={props.readonly}
                inputmode={(kind == Kind::Decimal).then_some("decimal")} placeholder={placeholder.clone()} autocomplete="off"
                aria-label={aria_label.clone()} aria-invalid={invalid.then_some("true")} aria-describedby={described.clone()}
                onblur={Callback::from(move |_| typed.set(None))}
                oninput={Callback::from(move |e: InputEvent| on_value(e.target_unchecked_into::<HtmlInputElement>().value()))} />
        }
    };
    html! {
        <div class={classes!("field", props.class.clone(), (kind == Kind::Decimal).then_some("number"), invalid.then_some("invalid"))}>
            if !props.quiet_label {
                <label for={id.clone()} class="field-label">{ props.label.clone() }</label>
            }
            { input }
            if let Some(nid) = described {
                <ul class="field-notes" id={nid}>
                    { for notes.into_iter().map(|(class, text)| html! { <li class={class}>{ text }</li> }) }
                </ul>
            }
        </div>
    }
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

#[derive(Properties, PartialEq)]
pub struct NumProps {
    /// The number as shown.
    pub shown: AttrValue,
    /// How it was obtained, in the current language.
    pub explain: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// A name for the number, for screen readers and tests (e.g. "total").
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The number waits for an input to be fixed or filled in: "—" and a visible "待修正".
    #[prop_or_default]
    pub pending: bool,
}

/// A number computed by the engine: shown, and opening its explanation on click or Enter.
#[function_component]
pub fn Num(props: &NumProps) -> Html {
    let (_, w) = use_words();
    html! {
        <details class={classes!("num", props.class.clone(), props.pending.then_some("pending"))} data-testid={props.testid.clone()}>
            <summary>
                <span class="num-value">{ props.shown.clone() }</span>
                if props.pending { <span class="pending-mark">{ w.pending }</span> }
            </summary>
            <span class="explain" role="note">{ props.explain.clone() }</span>
        </details>
    }
}

/// A figure of the evaluation, shown as a [`Num`] in the page's language.
pub fn figure(f: &Figure, lang: Lang) -> Html {
    html! { <Num shown={f.shown()} explain={f.explanation().get(lang).to_string()} pending={f.is_pending()} /> }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub path: FieldPath,
    pub value: AttrValue,
    pub label: AttrValue,
    /// (value, shown text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    #[prop_or_default]
    pub readonly: bool,
    /// The label is for screen readers only (inside a table, whose column head says it).
    #[prop_or_default]
    pub quiet: bool,
}

/// A field whose value is one of a few (a scoring method, a qualitative band).
#[function_component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let send = use_sender();
    let id = dom_id(&props.path);
    let onchange = {
        let path = props.path.clone();
        Callback::from(move |e: Event| {
            send.act(DocAction::Set {
                path: path.clone(),
                value: e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            });
        })
    };
    html! {
        <div class="field choice">
            <label for={id.clone()} class={classes!("field-label", props.quiet.then_some("visually-hidden"))}>{ props.label.clone() }</label>
            <select id={id} data-path={props.path.to_string()} onchange={onchange} disabled={props.readonly}>
                { for props.options.iter().map(|(v, t)| html! { <option value={v.clone()} selected={*v == props.value}>{ t.clone() }</option> }) }
            </select>
        </div>
    }
}
