//! The workbook preview page's root component: the app's own state and reducer
//! (`ziping_app_state::AppState`: the registry with the profiles this browser keeps, the workbook's
//! preview, the import report, and the draft accepted), and the effects around it: taking the
//! workbook the app handed over, reading a chosen or dropped one, saving the accepted form as a
//! draft for the app to open, and the page's language.

use crate::preview::WorkbookPreview;
use crate::words::words;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;
use ziping_app_state::workbooks::ReadAnswer;
use ziping_app_state::{DraftMeta, Lang, WorkbookAction, WorkbookPage};
use ziping_browser::{files, page, storage};

struct Store(WorkbookPage);

impl Reducible for Store {
    type Action = WorkbookAction;
    fn reduce(self: Rc<Self>, action: WorkbookAction) -> Rc<Self> {
        Rc::new(Store(self.0.reduce(action)))
    }
}

/// Reads a workbook through the one workbook intake and shows what it holds.
fn read(
    dispatch: &UseReducerDispatcher<Store>,
    registry: &ziping_engine::Registry,
    name: &str,
    bytes: &[u8],
) {
    let answer = ReadAnswer::of(ziping_workbook::open(name, bytes, registry));
    dispatch.dispatch(WorkbookAction::Preview(answer));
}

fn back_to_app() {
    page::go_to("../");
}

#[function_component]
pub fn Page() -> Html {
    let store = use_reducer(|| {
        let lang = storage::saved_lang()
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default();
        let profiles = storage::load_profiles().0;
        Store(WorkbookPage::new(lang).reduce(WorkbookAction::KeptProfiles(profiles)))
    });
    let state = &store.0;
    let dispatch = store.dispatcher();
    // The workbook the app handed over, taken once.
    {
        let (dispatch, registry) = (dispatch.clone(), state.registry.clone());
        use_effect_with((), move |_| {
            if let Some((name, bytes)) = storage::take_workbook() {
                read(&dispatch, &registry, &name, &bytes);
            }
        });
    }
    // The form accepted: saved as a new draft, which the app opens.
    let failed = use_state(|| None::<String>);
    {
        let failed = failed.clone();
        let accepted = state.accepted.clone();
        use_effect_with(accepted, move |accepted| {
            if let Some((id, form)) = accepted {
                let meta = DraftMeta {
                    id: id.clone(),
                    title: format!("{} {}", form.header.year, form.header.project)
                        .trim()
                        .to_string(),
                    profile: form.profile.clone(),
                    updated: page::now(),
                };
                match storage::save_draft(&meta, &ziping_engine::to_json(form)) {
                    Ok(()) => {
                        storage::remember_open(Some(id));
                        back_to_app();
                    }
                    Err(e) => failed.set(Some(e)),
                }
            }
        });
    }
    let lang = state.lang;
    let w = words(lang);
    use_effect_with(lang, move |lang| {
        page::follow_lang(*lang, words(*lang).title)
    });
    let switch = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(WorkbookAction::SetLang(match lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }))
        })
    };
    let open_files = {
        let (dispatch, registry) = (dispatch.clone(), state.registry.clone());
        Rc::new(move |list: Option<web_sys::FileList>| {
            let Some(picked) = files::picked_from_list(list, false).into_iter().next() else {
                return;
            };
            let (dispatch, registry) = (dispatch.clone(), registry.clone());
            let name = picked.name.clone();
            let bytes = files::read_bytes(&picked.file);
            wasm_bindgen_futures::spawn_local(async move {
                match bytes.await {
                    Ok(b) => read(&dispatch, &registry, &name, &b),
                    Err(e) => dispatch.dispatch(WorkbookAction::Preview(ReadAnswer::Unreadable {
                        file: name,
                        problems: vec![ziping_engine::Problem::file(e.clone(), e)],
                    })),
                }
            });
        })
    };
    let on_file = {
        let open_files = open_files.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            open_files(input.files());
            input.set_value("");
        })
    };
    let on_drop = {
        let open_files = open_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            open_files(e.data_transfer().and_then(|t| t.files()));
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let report = state.report.as_ref().map(|r| {
        let dismiss = dispatch.clone();
        html! {
            <section class="notice error import-report" role="alert" aria-labelledby="import-report-h">
                <h2 id="import-report-h">{ format!("{}{}{}", w.failed, if lang == Lang::Zh { "：" } else { ": " }, r.file) }</h2>
                <p>{ w.unchanged }</p>
                <ul class="problems">
                    { for r.problems.iter().map(|pr| html! { <li><span class="problem-message">{ pr.message.get(lang) }</span></li> }) }
                </ul>
                <button type="button" onclick={Callback::from(move |_: MouseEvent| dismiss.dispatch(WorkbookAction::DismissReport))}>{ "OK" }</button>
            </section>
        }
    });
    let preview = state.preview.clone().map(|preview| {
        let d = (dispatch.clone(), dispatch.clone());
        html! {
            <WorkbookPreview {preview} {lang}
                on_choose={Callback::from(move |i| d.0.dispatch(WorkbookAction::Choose(i)))}
                on_accept={Callback::from(move |_| d.1.dispatch(WorkbookAction::Accept { id: page::new_id() }))}
                on_cancel={Callback::from(|_| back_to_app())} />
        }
    });
    html! {
        <>
            <header class="topbar">
                <a class="brand" href="../">{ w.app_title }</a>
                <button type="button" class="lang-switch" onclick={switch} aria-label={w.lang_switch_label} lang={if lang == Lang::Zh { "en" } else { "zh-CN" }}>{ w.lang_switch }</button>
            </header>
            <main id="main" class="workbook-page">
                <h1>{ w.title }</h1>
                <p class="lead">{ w.lead }</p>
                { for report }
                if let Some(e) = &*failed {
                    <p class="notice error" role="alert">{ format!("{}{e}", w.saving_failed) }</p>
                }
                { for preview }
                <section class="card dropzone" ondrop={on_drop} ondragover={on_drag_over} data-testid="wb-drop">
                    <p>
                        <label class="button primary" for="wb-file">{ w.choose_file }</label>
                        <input id="wb-file" class="file-input" type="file" accept=".xlsx,.xls,.ods,.et,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet" onchange={on_file} />
                        { " " }<a class="button" href="../">{ w.back }</a>
                    </p>
                    <p class="hint">{ w.drop_hint }</p>
                </section>
            </main>
        </>
    }
}
