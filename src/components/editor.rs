//! The editor: the toolbar, the form laid out like the paper form of its profile (sections in the
//! profile's order under their official headings), and beside it the summary and the findings.

use super::findings::FindingsPanel;
use super::funds::Funds;
use super::indicators::IndicatorTable;
use super::people::{EvaluatorsSection, HeaderSection, NarrativeSection, SignoffSection};
use super::scoring::{Declared, Scoring};
use super::start::{import_files, Importing};
use super::summary::Summary;
use super::{FindingsIndex, FormPart, Part};
use crate::browser::{files, page, storage, worker};
use crate::i18n::words;
use crate::store::{use_sender, use_stable, use_words, Ptr, Sender};
use yew::prelude::*;
use ziping_app_state::jobs::Job;
use ziping_app_state::{
    export_name, export_name_as, DocAction, LibraryAction, Notice, NoticeAction,
};
use ziping_engine::model::Form;
use ziping_engine::path::FieldPath;
use ziping_engine::profile::SectionKind;
use ziping_engine::{Evaluation, Lang, Profile, Registry, Text};

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
    pub read_only: bool,
    pub save: SaveStatus,
    pub focus: Option<FieldPath>,
    /// Opened from the review desk: "back" returns there.
    #[prop_or_default]
    pub from_review: bool,
    /// Opened from a link (`#f=…`): read-only, kept nowhere until "edit a copy".
    #[prop_or_default]
    pub shared: bool,
    /// The profiles (for imports, and for the export worker).
    pub registry: Registry,
}

#[function_component]
pub fn Editor(p: &EditorProps) -> Html {
    let (lang, w) = use_words();
    let send = use_sender();
    let index: Ptr<FindingsIndex> = Ptr(use_memo(p.evaluation.clone(), |e| FindingsIndex::new(e)));
    let findings = use_stable(&p.evaluation.findings);
    let toolbar_state = ToolbarState {
        copied: use_state(|| None),
        exporting: use_state(|| false),
        more: use_state(|| false),
        link: use_state(|| None),
    };
    // A form just opened (new, a draft, an import, a row of the desk) starts at its top, with the
    // keyboard on its first field (on its main region when it is read-only).
    use_effect_with(p.id.clone(), |_| page::focus_first_field());
    {
        let send = send.clone();
        use_effect_with(p.focus.clone(), move |focus| {
            if let Some(path) = focus {
                page::focus_field(&path.to_string());
                send.act(DocAction::Focus(None));
            }
        });
    }
    let title = if p.form.header.title.is_empty() {
        p.profile.title.get(lang).to_string()
    } else {
        p.form.header.title.clone()
    };
    let part = FormPart {
        title: AttrValue::default(),
        form: p.form.clone(),
        evaluation: p.evaluation.clone(),
        profile: p.profile.clone(),
        index: index.clone(),
        readonly: p.read_only,
        key_name: AttrValue::default(),
        part: Part::Declared,
    };
    let sections = p.profile.sections.iter().map(|s| {
        let props = FormPart {
            title: AttrValue::from(s.title.get(lang).to_string()),
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
            { toolbar(p, toolbar_state, &send, lang) }
            <a class="skip-link" href="#findings">{ w.skip_to_findings }</a>
            <div class="editor-body">
                <main id="main" class="paper" tabindex="-1" aria-labelledby="form-title">
                    if p.shared {
                        <p class="shared-banner" role="note" data-testid="shared-banner">{ w.off.shared_banner }</p>
                    }
                    <h1 id="form-title" class="form-title">{ title }</h1>
                    if !p.form.header.year.is_empty() { <p class="form-year">{ w.year_line(&p.form.header.year) }</p> }
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

/// The total, the grade and the errors in a few characters, always in view (also on a phone and at
/// 200 % zoom): "97.66 · 优 · 1 个错误". It leads to the findings.
fn live_total(p: &EditorProps, w: &crate::i18n::Words) -> String {
    let e = &p.evaluation;
    let grade = e.grade.as_ref().map_or("—", |g| g.grade.as_str());
    format!(
        "{} · {grade} · {}",
        e.total.shown(),
        w.errors_count(e.counts.errors)
    )
}

/// What the toolbar keeps between renders: a note that the summary was copied, and whether a
/// workbook is being written.
struct ToolbarState {
    copied: UseStateHandle<Option<String>>,
    exporting: UseStateHandle<bool>,
    /// On a narrow screen, the menu of the less frequent actions is open.
    more: UseStateHandle<bool>,
    /// The link of a form, being made or made: shown while that form is the open one (another
    /// form, or an edit, hides it).
    link: UseStateHandle<Option<(Ptr<Form>, LinkPanel)>>,
}

/// The form's link under the toolbar: being made, or made (and whether it is on the clipboard).
#[derive(Clone, PartialEq)]
enum LinkPanel {
    Making,
    Ready { link: String, copied: bool },
}

/// Back, undo and redo, the exports, the summary for the clipboard, print preview, import, "edit a
/// copy" for a read-only form, and where saving stands.
fn toolbar(p: &EditorProps, t: ToolbarState, send: &Sender, lang: Lang) -> Html {
    let w = words(lang);
    let ToolbarState {
        copied,
        exporting,
        more,
        link,
    } = t;
    let failed = |send: &Sender, e: Text| send.act(NoticeAction::Show(Some(Notice::Failed(e))));
    let back = {
        let (send, shared) = (send.clone(), p.shared);
        Callback::from(move |_: MouseEvent| {
            // A form of a link was never this browser's open draft: nothing to forget.
            if !shared {
                storage::remember_open(None);
            }
            send.act(LibraryAction::Drafts(storage::load_index()));
            send.act(DocAction::Close);
        })
    };
    let export = {
        let (form, send) = (p.form.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            let json = ziping_engine::to_json(&form);
            if let Err(e) = files::download(&export_name(&form), &json, "application/json") {
                failed(&send, Text::same(e));
            }
        })
    };
    let export_xlsx = {
        let (form, registry, send, busy) = (
            p.form.clone(),
            p.registry.clone(),
            send.clone(),
            exporting.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let job = Job::form(&form, &registry);
            let name = export_name_as(&form, "xlsx");
            let (send, busy) = (send.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let done = worker::export(&job, &name).await;
                busy.set(false);
                if let Err(e) = done {
                    failed(&send, e);
                }
            });
        })
    };
    let copy = {
        let (form, evaluation, copied) = (p.form.clone(), p.evaluation.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let text = ziping_outputs::summary_text(&form, &evaluation, lang);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match files::copy_text(&text).await {
                    Ok(()) => words(lang).copied.to_string(),
                    Err(e) => format!("{}{e}", words(lang).copy_failed),
                }));
            });
        })
    };
    // The whole form in a link (`#f=…`), put on the clipboard and shown to copy by hand; a form too
    // large for a link is refused with the advice to export it.
    let share = {
        let (form, send, link) = (p.form.clone(), send.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let json = ziping_engine::to_json(&form);
            let (send, link, of) = (send.clone(), link.clone(), form.clone());
            link.set(Some((of.clone(), LinkPanel::Making)));
            wasm_bindgen_futures::spawn_local(async move {
                match crate::browser::link::link_to(&json).await {
                    Ok(address) => {
                        let copied = files::copy_text(&address).await.is_ok();
                        let ready = LinkPanel::Ready {
                            link: address,
                            copied,
                        };
                        link.set(Some((of, ready)));
                    }
                    Err(e) => {
                        link.set(None);
                        failed(&send, e);
                    }
                }
            });
        })
    };
    // Importing here opens the imported form; on any problem the report lists them all and this form
    // stays as it is.
    let import = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            import_files(send.clone(), input.files(), Importing::Form);
            input.set_value("");
        })
    };
    let save_text = match &p.save {
        // A form of a link is kept nowhere until "edit a copy".
        _ if p.shared => w.off.not_saved.to_string(),
        SaveStatus::Saved => w.saved.to_string(),
        SaveStatus::Saving => w.saving.to_string(),
        SaveStatus::Failed(e) => format!("{}{e}", w.save_failed),
    };
    html! {
        <nav class="toolbar" aria-label={w.actions}>
            <button type="button" onclick={back}>{ format!("← {}", if p.from_review { w.back_to_review } else { w.back }) }</button>
            <button type="button" onclick={send.click(move || DocAction::Undo)} disabled={!p.can_undo} aria-keyshortcuts="Control+Z" title="Ctrl+Z">{ w.undo }</button>
            <button type="button" onclick={send.click(move || DocAction::Redo)} disabled={!p.can_redo} aria-keyshortcuts="Control+Shift+Z" title="Ctrl+Shift+Z">{ w.redo }</button>
            <button type="button" class="more-toggle" aria-expanded={more.to_string()} aria-controls="toolbar-menu"
                onclick={{ let more = more.clone(); Callback::from(move |_: MouseEvent| more.set(!*more)) }}>{ w.more_actions }</button>
            <div id="toolbar-menu" class={classes!("toolbar-menu", (*more).then_some("open"))}>
                <button type="button" onclick={export} data-testid="export">{ w.export_json }</button>
                <button type="button" onclick={export_xlsx} data-testid="export-xlsx" disabled={*exporting} aria-busy={(*exporting).to_string()}>{ w.export_xlsx }</button>
                <button type="button" onclick={copy}>{ w.copy_summary }</button>
                // The one-file edition's address is a file on this computer: no link to share.
                if !page::one_file() {
                    <button type="button" onclick={share} data-testid="copy-link">{ w.off.copy_link }</button>
                }
                <button type="button" onclick={send.click(move || DocAction::PrintPreview(true))} data-testid="print-preview">{ w.print_preview }</button>
                <label class="button" for="editor-import">{ w.import_title }</label>
                <input id="editor-import" class="file-input" type="file" accept=".json,application/json,.xlsx,.xls,.ods,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet" onchange={import} />
            </div>
            if p.read_only {
                <span class="badge">{ w.read_only }</span>
                <button type="button" class="primary" onclick={send.click(move || DocAction::EditCopy { id: page::new_id() })}>{ w.edit_copy }</button>
            }
            <a class="live-total" href="#findings" data-testid="live-total" title={w.summary}>{ live_total(p, w) }</a>
            <span class={classes!("save-status", matches!(p.save, SaveStatus::Failed(_)).then_some("error"))} role="status" data-testid="save-status">{ save_text }</span>
            if let Some(c) = &*copied { <span class="copied" role="status">{ c.clone() }</span> }
            { link_panel(&link, &p.form, w) }
        </nav>
    }
}

/// The form's link, to copy by hand when the clipboard refused it, with the one sentence that says
/// the form goes nowhere but in the link.
fn link_panel(
    link: &UseStateHandle<Option<(Ptr<Form>, LinkPanel)>>,
    form: &Ptr<Form>,
    w: &crate::i18n::Words,
) -> Html {
    let Some((_, panel)) = link.as_ref().filter(|(of, _)| of == form) else {
        return html! {};
    };
    let close = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| link.set(None))
    };
    let select = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .select()
    });
    match panel {
        LinkPanel::Making => {
            html! { <div class="link-panel" role="status">{ w.off.link_making }</div> }
        }
        LinkPanel::Ready { link, copied } => html! {
            <div class="link-panel" role="status" data-testid="link-panel">
                <p>{ if *copied { w.off.link_copied } else { w.off.link_copy_by_hand } }</p>
                <p>
                    <label for="form-link">{ w.off.link_label }</label>
                    <input id="form-link" type="text" readonly=true value={link.clone()} onfocus={select} data-testid="form-link" />
                </p>
                <p class="hint">{ w.off.link_private }</p>
                <button type="button" onclick={close}>{ w.off.close }</button>
            </div>
        },
    }
}
