//! The editor: the toolbar, the form laid out like the paper form of its profile (sections in the
//! profile's order under their official headings), and beside it the summary and the findings.

use super::findings::FindingsPanel;
use super::funds::Funds;
use super::indicators::IndicatorTable;
use super::people::{EvaluatorsSection, HeaderSection, NarrativeSection, SignoffSection};
use super::scoring::{Declared, Scoring};
use super::summary::Summary;
use super::{FindingsIndex, FormPart, Part};
use crate::effects;
use crate::i18n::words;
use crate::store::{use_dispatch, use_lang, use_stable, Ptr};
use yew::prelude::*;
use ziping_app_state::path::FieldPath;
use ziping_app_state::{export_name, export_name_as, summary_text, Action, Notice};
use ziping_engine::model::Form;
use ziping_engine::profile::SectionKind;
use ziping_engine::{Evaluation, Profile};

/// Where saving stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: AttrValue,
    pub form: Ptr<Form>,
    pub evaluation: Ptr<Evaluation>,
    pub profile: Ptr<Profile>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub refused: Option<(FieldPath, String)>,
    pub read_only: bool,
    pub save: SaveStatus,
    pub focus: Option<FieldPath>,
    /// Opened from the review desk: "back" returns there.
    #[prop_or_default]
    pub from_review: bool,
}

#[function_component]
pub fn Editor(p: &EditorProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let l = lang.code();
    let Some(dispatch) = use_dispatch() else {
        return html! {};
    };
    let index: Ptr<FindingsIndex> = Ptr(use_memo(p.evaluation.clone(), |e| FindingsIndex::new(e)));
    let findings = use_stable(&p.evaluation.findings);
    let copied = use_state(|| None::<String>);
    let exporting = use_state(|| false);
    {
        let dispatch = dispatch.clone();
        use_effect_with(p.focus.clone(), move |focus| {
            if let Some(path) = focus {
                effects::focus_field(&path.to_string());
                dispatch.dispatch(Action::Focus(None));
            }
        });
    }
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let back = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            effects::remember_open(None);
            d.dispatch(Action::Drafts(effects::load_index()));
            d.dispatch(Action::Close);
        })
    };
    let export = {
        let (form, d) = (p.form.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = effects::download(
                &export_name(&form),
                &ziping_engine::to_json(&form),
                "application/json",
            ) {
                d.dispatch(Action::Notice(Some(Notice::Info(e))));
            }
        })
    };
    let export_xlsx = {
        let (form, profile, d) = (p.form.clone(), p.profile.clone(), dispatch.clone());
        let busy = exporting.clone();
        Callback::from(move |_: MouseEvent| {
            let job = ziping_app_state::jobs::form_job(&form, &[std::rc::Rc::clone(&profile.0)]);
            let name = export_name_as(&form, "xlsx");
            let (d, busy) = (d.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let done = crate::workbooks::write(job).await.and_then(|bytes| {
                    effects::download_bytes(&name, &bytes, crate::workbooks::XLSX_MIME)
                });
                busy.set(false);
                if let Err(e) = done {
                    d.dispatch(Action::Notice(Some(Notice::Info(e))));
                }
            });
        })
    };
    let copy = {
        let (form, evaluation, copied) = (p.form.clone(), p.evaluation.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let text = summary_text(&form, &evaluation, lang);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match effects::copy_text(&text).await {
                    Ok(()) => words(lang).copied.to_string(),
                    Err(e) => format!("{}{e}", words(lang).copy_failed),
                }));
            });
        })
    };
    let edit_copy = send(Action::EditCopy {
        id: effects::new_id(),
    });
    // Importing here opens the imported form; on any problem the report lists them all and this form
    // stays as it is.
    let import = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            super::start::import_files(d.clone(), input.files(), false);
            input.set_value("");
        })
    };
    let save_text = match &p.save {
        SaveStatus::Saved => w.saved.to_string(),
        SaveStatus::Saving => w.saving.to_string(),
        SaveStatus::Failed(e) => format!("{}{e}", w.save_failed),
    };
    let title = if p.form.header.title.is_empty() {
        p.profile.title.get(l).to_string()
    } else {
        p.form.header.title.clone()
    };
    let part = FormPart {
        title: AttrValue::default(),
        form: p.form.clone(),
        evaluation: p.evaluation.clone(),
        profile: p.profile.clone(),
        index: index.clone(),
        refused: p.refused.clone(),
        readonly: p.read_only,
        key_name: AttrValue::default(),
        part: Part::Declared,
    };
    let sections = p.profile.sections.iter().map(|s| {
        let props = FormPart {
            title: AttrValue::from(s.title.get(l).to_string()),
            key_name: AttrValue::from(s.id.clone()),
            part: Part::from(s.kind),
            ..part.clone()
        };
        match s.kind {
            SectionKind::Header => html! { <HeaderSection key={s.id.clone()} ..props /> },
            SectionKind::Funds => html! { <Funds key={s.id.clone()} ..props /> },
            SectionKind::Narrative => html! { <NarrativeSection key={s.id.clone()} ..props /> },
            SectionKind::Indicators => html! { <IndicatorTable key={s.id.clone()} ..props /> },
            SectionKind::Scoring => html! { <Scoring key={s.id.clone()} ..props /> },
            SectionKind::Evaluators => html! { <EvaluatorsSection key={s.id.clone()} ..props /> },
            SectionKind::Signoff => html! { <SignoffSection key={s.id.clone()} ..props /> },
        }
    });
    html! {
        <div class="editor">
            <nav class="toolbar" aria-label={w.actions}>
                <button type="button" onclick={back}>{ format!("← {}", if p.from_review { w.back_to_review } else { w.back }) }</button>
                <button type="button" onclick={send(Action::Undo)} disabled={!p.can_undo} aria-keyshortcuts="Control+Z" title="Ctrl+Z">{ w.undo }</button>
                <button type="button" onclick={send(Action::Redo)} disabled={!p.can_redo} aria-keyshortcuts="Control+Shift+Z" title="Ctrl+Shift+Z">{ w.redo }</button>
                <button type="button" onclick={export} data-testid="export">{ w.export_json }</button>
                <button type="button" onclick={export_xlsx} data-testid="export-xlsx" disabled={*exporting} aria-busy={(*exporting).to_string()}>{ w.export_xlsx }</button>
                <button type="button" onclick={copy}>{ w.copy_summary }</button>
                <button type="button" onclick={send(Action::PrintPreview(true))} data-testid="print-preview">{ w.print_preview }</button>
                <label class="button" for="editor-import">{ w.import_title }</label>
                <input id="editor-import" class="file-input" type="file" accept=".json,application/json" onchange={import} />
                if p.read_only {
                    <span class="badge">{ w.read_only }</span>
                    <button type="button" class="primary" onclick={edit_copy}>{ w.edit_copy }</button>
                }
                <span class={classes!("save-status", matches!(p.save, SaveStatus::Failed(_)).then_some("error"))} role="status" data-testid="save-status">{ save_text }</span>
                if let Some(c) = &*copied { <span class="copied" role="status">{ c.clone() }</span> }
            </nav>
            <div class="editor-body">
                <main id="main" class="paper" tabindex="-1" aria-labelledby="form-title">
                    <h1 id="form-title" class="form-title">{ title }</h1>
                    if !p.form.header.year.is_empty() { <p class="form-year">{ format!("（{} 年度）", p.form.header.year) }</p> }
                    { for sections }
                    <Declared ..part />
                </main>
                <aside class="side" aria-label={w.summary}>
                    <Summary form={p.form.clone()} evaluation={p.evaluation.clone()} />
                    <FindingsPanel findings={findings} />
                </aside>
            </div>
        </div>
    }
}
