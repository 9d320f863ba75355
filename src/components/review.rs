//! The review desk: many forms opened at once (files, a folder, or dropped), each read and evaluated
//! by the engine, shown as one sortable, filterable summary table with its foot, a chart of the
//! computed grades, the files that could not be read, and exports of the summary (Excel, CSV).
//!
//! Every number shown comes from `ziping_engine::review` (`Reviewed::cells`, `foot`,
//! `grade_distribution`) and `ziping_app_state::review`; this component lays them out. A batch of files
//! is read with a few reads in flight at a time, evaluated in the page, and handed to the reducer as
//! one `ReviewAdd`, so that a thousand files make one state change and one render. The Excel export
//! is written by the export worker (`crate::workbooks`), the CSV here.

use crate::effects;
use crate::i18n::{words, Words};
use crate::store::{use_dispatch, use_lang, Dispatch, Ptr};
use crate::workbooks;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use ziping_app_state::review::{review_file, Column, Filter, Review};
use ziping_app_state::Action;
use ziping_engine::decimal::{fixed, Decimal};
use ziping_engine::review::{
    foot, grade_distribution, signed, Foot, Reviewed, Unreadable, COLUMNS,
};
use ziping_engine::{Problem, Profile};

/// How many files are being read at once.
const READ_AHEAD: usize = 32;
/// How long the page may work on a batch before it lets the browser paint the progress (ms).
const SLICE_MS: f64 = 60.0;
/// The columns whose cells are numbers (right-aligned).
const NUMERIC: [&str; 5] = [
    "declared_total",
    "total",
    "difference",
    "errors",
    "warnings",
];

/// How reading the last batch stands.
#[derive(Clone, Debug, PartialEq)]
enum Progress {
    Idle,
    Reading { done: usize, total: usize },
    Done { files: usize, ms: u64 },
}

/// A file of a batch and the name it is listed under (a folder's files keep their path in it).
struct Picked {
    name: String,
    file: web_sys::File,
}

fn is_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

fn prop(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The files of a file list. From a folder (`webkitdirectory`), only `.json` files are kept, each
/// named by its path in the folder.
fn picked_from_list(files: Option<web_sys::FileList>, folder: bool) -> Vec<Picked> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length())
        .filter_map(|i| files.get(i))
        .filter_map(|file| {
            let path = prop(&file, "webkitRelativePath")
                .as_string()
                .unwrap_or_default();
            let name = if folder && !path.is_empty() {
                path
            } else {
                file.name()
            };
            (!folder || is_json(&name)).then_some(Picked { name, file })
        })
        .collect()
}

/// A promise that settles when `method` of `target` calls back (the File and Directory Entries API
/// takes a success and an error callback).
async fn callback_api(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = prop(target, method).dyn_into()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = f.call2(target, &resolve, &reject) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    JsFuture::from(promise).await
}

/// The dropped items as file-system entries, taken while the drop event lasts. `None` when the
/// browser gives no entry for some item (then the plain file list is used).
fn dropped_entries(transfer: &web_sys::DataTransfer) -> Option<Vec<JsValue>> {
    let items = prop(transfer, "items");
    let count = prop(&items, "length").as_f64().unwrap_or(0.0) as u32;
    let mut entries = Vec::new();
    for i in 0..count {
        let item = js_sys::Reflect::get_u32(&items, i).ok()?;
        if prop(&item, "kind").as_string().as_deref() != Some("file") {
            continue;
        }
        let get: js_sys::Function = prop(&item, "webkitGetAsEntry").dyn_into().ok()?;
        let entry = get.call0(&item).ok()?;
        if entry.is_null() || entry.is_undefined() {
            return None;
        }
        entries.push(entry);
    }
    (!entries.is_empty()).then_some(entries)
}

/// Every file of the dropped entries: dropped files as they are, and the `.json` files of dropped
/// folders (and their sub-folders), each named by its path.
async fn walk_entries(entries: Vec<JsValue>) -> Vec<Picked> {
    let mut out = Vec::new();
    let mut stack: Vec<(JsValue, bool)> = entries.into_iter().rev().map(|e| (e, false)).collect();
    while let Some((entry, in_folder)) = stack.pop() {
        let path = prop(&entry, "fullPath").as_string().unwrap_or_default();
        let name = path.trim_start_matches('/').to_string();
        if prop(&entry, "isDirectory").as_bool() == Some(true) {
            let Ok(reader) = js_sys::Reflect::get(&entry, &JsValue::from_str("createReader"))
                .and_then(|f| f.dyn_into::<js_sys::Function>())
                .and_then(|f| f.call0(&entry))
            else {
                continue;
            };
            // readEntries gives the entries a few at a time, then an empty list.
            let mut children = Vec::new();
            while let Ok(list) = callback_api(&reader, "readEntries").await {
                let list = js_sys::Array::from(&list);
                if list.length() == 0 {
                    break;
                }
                children.extend(list.iter());
            }
            children.sort_by_key(|c| prop(c, "fullPath").as_string().unwrap_or_default());
            stack.extend(children.into_iter().rev().map(|c| (c, true)));
        } else if !in_folder || is_json(&name) {
            if let Ok(file) = callback_api(&entry, "file").await {
                if let Ok(file) = file.dyn_into::<web_sys::File>() {
                    let name = if in_folder { name } else { file.name() };
                    out.push(Picked { name, file });
                }
            }
        }
    }
    out
}

/// Lets the browser paint (a new task after the current one).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(w) => {
            if w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_err()
            {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        None => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn unreadable(file: &str, zh: String, en: String) -> Unreadable {
    Unreadable {
        file: file.to_string(),
        problems: vec![Problem::new("", zh, en)],
    }
}

/// Starts reading a file, or refuses it by its size without reading it.
fn start_read(p: Picked) -> (String, Result<JsFuture, Unreadable>) {
    let size = p.file.size();
    if size > ziping_engine::format::MAX_FILE_BYTES as f64 {
        let refused = Unreadable {
            file: p.name.clone(),
            problems: vec![ziping_engine::format::too_large(size as u64)],
        };
        return (p.name, Err(refused));
    }
    let read = JsFuture::from(p.file.text());
    (p.name, Ok(read))
}

/// Reads and evaluates a batch, showing the progress, and adds it to the desk in one action.
async fn read_batch(
    picked: Vec<Picked>,
    profiles: Vec<Rc<Profile>>,
    dispatch: Dispatch,
    progress: UseStateHandle<Progress>,
) {
    let total = picked.len();
    if total == 0 {
        return;
    }
    let start = js_sys::Date::now();
    progress.set(Progress::Reading { done: 0, total });
    let mut rows = Vec::with_capacity(total);
    let mut bad = Vec::new();
    let mut queue = picked.into_iter();
    let mut pending = VecDeque::with_capacity(READ_AHEAD);
    let mut slice = start;
    let mut done = 0;
    loop {
        while pending.len() < READ_AHEAD {
            match queue.next() {
                Some(p) => pending.push_back(start_read(p)),
                None => break,
            }
        }
        let Some((name, read)) = pending.pop_front() else {
            break;
        };
        let text = match read {
            Ok(read) => read.await.map_err(effects::describe).and_then(|t| {
                t.as_string()
                    .ok_or_else(|| "the file is not text".to_string())
            }),
            Err(refused) => {
                bad.push(refused);
                done += 1;
                continue;
            }
        };
        match text {
            Ok(text) => match review_file(&name, &text, &profiles) {
                Ok(row) => rows.push(row),
                Err(u) => bad.push(u),
            },
            Err(e) => bad.push(unreadable(&name, format!("无法读取：{e}"), e)),
        }
        done += 1;
        if js_sys::Date::now() - slice > SLICE_MS {
            progress.set(Progress::Reading { done, total });
            next_task().await;
            slice = js_sys::Date::now();
        }
    }
    dispatch.dispatch(Action::ReviewAdd {
        rows,
        unreadable: bad,
    });
    progress.set(Progress::Done {
        files: total,
        ms: (js_sys::Date::now() - start).max(0.0) as u64,
    });
}

/// The grades of the profiles, each profile's from the highest band down, without repeats.
fn grade_order(profiles: &[Rc<Profile>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in profiles {
        let mut bands: Vec<_> = p.grades.iter().collect();
        bands.sort_by_key(|b| std::cmp::Reverse(b.min));
        for b in bands {
            if !out.contains(&b.grade) {
                out.push(b.grade.clone());
            }
        }
    }
    out
}

fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .fold(template.to_string(), |s, (k, v)| s.replace(k, v))
}

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub rows: Ptr<Vec<Reviewed>>,
    pub unreadable: Ptr<Vec<Unreadable>>,
    pub sort: Option<(Column, bool)>,
    pub filter: Filter,
    /// The profiles a batch is evaluated with (built-in and imported).
    pub profiles: Vec<Rc<Profile>>,
}

#[function_component]
pub fn ReviewDesk(p: &ReviewProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let l = lang.code();
    let progress = use_state(|| Progress::Idle);
    let dragging = use_state(|| false);
    let exporting = use_state(|| false);
    use_effect_with((), |_| effects::scroll_to_top());

    // What the table shows, recomputed only when the rows, the sort or the filter change.
    let visible = use_memo(
        (p.rows.clone(), p.sort, p.filter.clone()),
        |(rows, sort, filter)| {
            Review {
                rows: rows.0.clone(),
                unreadable: Rc::new(Vec::new()),
                sort: *sort,
                filter: filter.clone(),
            }
            .visible()
        },
    );
    let foot_memo = use_memo((p.rows.clone(), Ptr(visible.clone())), |(rows, visible)| {
        foot(visible.iter().map(|&i| &rows[i]))
    });
    let grades = use_memo(p.profiles.clone(), |profiles| grade_order(profiles));
    let distribution = use_memo(
        (p.rows.clone(), Ptr(visible.clone()), Ptr(grades.clone())),
        |(rows, visible, grades)| {
            let order: Vec<&str> = grades.iter().map(String::as_str).collect();
            grade_distribution(&order, visible.iter().map(|&i| &rows[i]))
        },
    );
    let choices = use_memo(p.rows.clone(), |rows| {
        let review = Review {
            rows: rows.0.clone(),
            ..Review::default()
        };
        (
            review.choices("grade"),
            review.choices("unit"),
            review.choices("profile"),
        )
    });

    let Some(dispatch) = use_dispatch() else {
        return html! {};
    };
    let send = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let start_batch = {
        let (d, profiles, progress) = (dispatch.clone(), p.profiles.clone(), progress.clone());
        Rc::new(move |picked: Vec<Picked>| {
            wasm_bindgen_futures::spawn_local(read_batch(
                picked,
                profiles.clone(),
                d.clone(),
                progress.clone(),
            ));
        })
    };
    let on_files = |folder: bool| {
        let start_batch = start_batch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            start_batch(picked_from_list(input.files(), folder));
            input.set_value("");
        })
    };
    let on_drop = {
        let (start_batch, dragging) = (start_batch.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(transfer) = e.data_transfer() else {
                return;
            };
            match dropped_entries(&transfer) {
                Some(entries) => {
                    let start_batch = start_batch.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        start_batch(walk_entries(entries).await);
                    });
                }
                None => start_batch(picked_from_list(transfer.files(), false)),
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let clear = {
        let (d, progress) = (dispatch.clone(), progress.clone());
        Callback::from(move |_: MouseEvent| {
            progress.set(Progress::Idle);
            d.dispatch(Action::ReviewClear);
        })
    };
    // Excel: the xlsx writer lives in the export worker (`crate::workbooks`), which gets the
    // shown forms as a job and answers with the workbook. CSV is written here.
    let export_xlsx = {
        let (d, rows, bad, visible, profiles, busy) = (
            dispatch.clone(),
            p.rows.clone(),
            p.unreadable.clone(),
            visible.clone(),
            p.profiles.clone(),
            exporting.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let shown: Vec<&Reviewed> = visible.iter().map(|&i| &rows[i]).collect();
            let job = ziping_app_state::jobs::summary_job(&shown, &bad, &profiles);
            let (d, busy) = (d.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let done = workbooks::write(job).await.and_then(|bytes| {
                    effects::download_bytes("汇总.xlsx", &bytes, workbooks::XLSX_MIME)
                });
                busy.set(false);
                if let Err(e) = done {
                    d.dispatch(Action::Notice(Some(ziping_app_state::Notice::Info(e))));
                }
            });
        })
    };
    let export_csv = {
        let (d, rows, visible) = (dispatch.clone(), p.rows.clone(), visible.clone());
        Callback::from(move |_: MouseEvent| {
            let shown: Vec<&Reviewed> = visible.iter().map(|&i| &rows[i]).collect();
            let csv = ziping_outputs::summary_csv(&shown);
            if let Err(e) = effects::download("汇总.csv", &csv, "text/csv;charset=utf-8") {
                d.dispatch(Action::Notice(Some(ziping_app_state::Notice::Info(e))));
            }
        })
    };
    let filter_select = |column: &'static str, options: &[String]| {
        let (d, filter, options) = (dispatch.clone(), p.filter.clone(), options.to_vec());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let chosen = value
                .parse::<usize>()
                .ok()
                .and_then(|i| options.get(i).cloned());
            let mut f = filter.clone();
            match column {
                "unit" => f.unit = chosen,
                "profile" => f.profile = chosen,
                _ => f.grade = chosen,
            }
            d.dispatch(Action::ReviewFilter(f));
        })
    };
    let errors_only = {
        let (d, filter) = (dispatch.clone(), p.filter.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            d.dispatch(Action::ReviewFilter(Filter {
                errors_only: on,
                ..filter.clone()
            }));
        })
    };

    let any = !p.rows.is_empty() || !p.unreadable.is_empty();
    let (grade_choices, unit_choices, profile_choices) = &*choices;
    let select = |id: &'static str,
                  column: &'static str,
                  label: &'static str,
                  options: &[String],
                  current: &Option<String>| {
        html! {
            <span class="review-filter">
                <label for={id}>{ label }</label>
                <select id={id} data-filter={column} onchange={filter_select(column, options)}>
                    <option value="" selected={current.is_none()}>{ w.review_all }</option>
                    { for options.iter().enumerate().map(|(i, o)| html! {
                        <option value={i.to_string()} selected={current.as_ref() == Some(o)}>
                            { if o.is_empty() { w.review_no_grade.to_string() } else { o.clone() } }
                        </option>
                    }) }
                </select>
            </span>
        }
    };
    let progress_text = match &*progress {
        Progress::Idle => String::new(),
        Progress::Reading { done, total } => fill(
            w.review_progress,
            &[("{done}", done.to_string()), ("{total}", total.to_string())],
        ),
        Progress::Done { files, ms } => fill(
            w.review_loaded,
            &[
                ("{n}", files.to_string()),
                // Hundredths of a second, without float formatting.
                ("{s}", format!("{}.{:02}", ms / 1000, ms % 1000 / 10)),
            ],
        ),
    };
    let reading = matches!(*progress, Progress::Reading { .. });

    html! {
        <div class="review-desk">
            <nav class="toolbar" aria-label={w.actions}>
                <button type="button" onclick={send(Action::Close)} data-testid="review-back">{ format!("← {}", w.review_back) }</button>
                <button type="button" onclick={export_xlsx} disabled={visible.is_empty() || *exporting} aria-busy={(*exporting).to_string()} data-testid="review-export-xlsx">{ w.export_xlsx }</button>
                <button type="button" onclick={export_csv} disabled={visible.is_empty()} data-testid="review-export-csv">{ w.review_export_csv }</button>
                <button type="button" class="danger" onclick={clear} disabled={!any} data-testid="review-clear">{ w.review_clear }</button>
            </nav>
            <main id="main" class="review" tabindex="-1" aria-labelledby="review-h">
                <h1 id="review-h">{ w.review_title }</h1>
                <p class="lead">{ w.review_lead }</p>
                <div class="review-top">
                    <section class={classes!("card", "dropzone", "review-open", dragging.then_some("dragging"))} aria-labelledby="review-open-h"
                        ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave} data-testid="review-drop">
                        <h2 id="review-open-h">{ w.review_open }</h2>
                        <p class="review-pickers">
                            <label class="button primary" for="review-files">{ w.review_choose_files }</label>
                            <input id="review-files" class="file-input" type="file" multiple=true accept=".json,application/json" onchange={on_files(false)} />
                            <label class="button" for="review-folder">{ w.review_choose_folder }</label>
                            <input id="review-folder" class="file-input" type="file" webkitdirectory=true onchange={on_files(true)} />
                        </p>
                        <p class="hint">{ if *dragging { w.drop_here } else { w.review_drop_hint } }</p>
                        <p class={classes!("review-progress", reading.then_some("reading"))} role="status" data-testid="review-progress">
                            if let Progress::Reading { done, total } = &*progress {
                                <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>{ " " }
                            }
                            { progress_text }
                        </p>
                        if any {
                            <p class="review-count" data-testid="review-count">
                                <span data-count="forms">{ p.rows.len() }</span>{ format!(" {}", w.review_n_forms) }
                                { w.review_list_sep }
                                <span data-count="unreadable">{ p.unreadable.len() }</span>{ format!(" {}", w.review_n_unreadable) }
                            </p>
                        }
                    </section>
                    if any {
                        <section class="card review-chart" aria-labelledby="review-chart-h">
                            <h2 id="review-chart-h">{ w.review_chart_title }</h2>
                            { chart(&distribution, w) }
                        </section>
                    }
                </div>
                if any {
                    <div class="review-filters" role="group" aria-label={w.review_filters}>
                        { select("review-filter-grade", "grade", w.review_filter_grade, grade_choices, &p.filter.grade) }
                        { select("review-filter-unit", "unit", w.review_filter_unit, unit_choices, &p.filter.unit) }
                        { select("review-filter-profile", "profile", w.review_filter_profile, profile_choices, &p.filter.profile) }
                        <span class="review-filter">
                            <input id="review-errors-only" type="checkbox" checked={p.filter.errors_only} onchange={errors_only} />
                            <label for="review-errors-only">{ w.review_errors_only }</label>
                        </span>
                    </div>
                    <div class="table-scroll review-scroll">
                        <table class="grid review-table" data-testid="review-table">
                            <caption>{ fill(w.review_caption, &[("{v}", visible.len().to_string()), ("{n}", p.rows.len().to_string())]) }</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="col-flags">{ w.review_flags }</th>
                                    { for COLUMNS.iter().map(|(key, zh, en)| heading(key, if l == "en" { en } else { zh }, p.sort, &dispatch)) }
                                </tr>
                            </thead>
                            <tbody>
                                { for visible.iter().map(|&i| {
                                    let file = p.rows[i].file.clone();
                                    html! { <ReviewRow key={file} rows={p.rows.clone()} index={i} /> }
                                }) }
                            </tbody>
                            { foot_rows(&foot_memo, w) }
                        </table>
                    </div>
                    if visible.is_empty() && !p.rows.is_empty() {
                        <p class="hint">{ w.review_no_match }</p>
                    }
                    if !p.unreadable.is_empty() {
                        <section class="card review-unreadable" aria-labelledby="review-unreadable-h" data-testid="review-unreadable">
                            <h2 id="review-unreadable-h">{ format!("{}（{}）", w.review_unreadable_title, p.unreadable.len()) }</h2>
                            <ul>
                                { for p.unreadable.iter().map(|u| html! {
                                    <li key={u.file.clone()} data-file={u.file.clone()}>
                                        <strong class="unreadable-file">{ u.file.clone() }</strong>
                                        <ul class="problems">
                                            { for u.problems.iter().map(|pr| html! {
                                                <li>
                                                    if !pr.path.is_empty() { <code class="problem-path">{ pr.path.clone() }</code>{ "：" } }
                                                    <span class="problem-message">{ pr.message.get(l) }</span>
                                                </li>
                                            }) }
                                        </ul>
                                    </li>
                                }) }
                            </ul>
                        </section>
                    }
                } else {
                    <p class="review-empty">{ w.review_empty }</p>
                }
            </main>
        </div>
    }
}

/// A column heading: a button that sorts by it, with `aria-sort` on the sorted column.
fn heading(key: &'static str, text: &str, sort: Option<(Column, bool)>, d: &Dispatch) -> Html {
    let sorted = sort.filter(|(c, _)| *c == key).map(|(_, up)| up);
    let aria = sorted.map(|up| if up { "ascending" } else { "descending" });
    let arrow = match sorted {
        Some(true) => "▲",
        Some(false) => "▼",
        None => "↕",
    };
    let onclick = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ReviewSort(key)))
    };
    html! {
        <th scope="col" data-column={key} aria-sort={aria} class={classes!(NUMERIC.contains(&key).then_some("num"))}>
            <button type="button" class="sort" {onclick}>
                { text.to_string() }<span class={classes!("sort-mark", sorted.is_some().then_some("on"))} aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    /// All rows of the desk (compared by identity) and this row's index among them.
    rows: Ptr<Vec<Reviewed>>,
    index: usize,
}

/// One form of the desk. Its props compare by identity, so sorting and filtering only move rows.
#[function_component]
fn ReviewRow(p: &RowProps) -> Html {
    let lang = use_lang();
    let w = words(lang);
    let dispatch = use_dispatch();
    let r = &p.rows[p.index];
    let mismatch = !r.declared_grade.is_empty() && r.declared_grade != r.grade;
    let errors = r.counts.errors > 0;
    let open = {
        let (d, row) = (dispatch.clone(), p.index);
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &d {
                d.dispatch(Action::ReviewOpenRow {
                    id: effects::new_id(),
                    row,
                });
            }
        })
    };
    let cells = r.cells();
    html! {
        <tr data-file={r.file.clone()} class={classes!(mismatch.then_some("mismatch"), errors.then_some("has-errors"))}>
            <td class="col-flags">
                if mismatch { <span class="flag mismatch"><span aria-hidden="true">{ "≠ " }</span>{ w.review_flag_mismatch }</span> }
                if errors { <span class="flag errors"><span aria-hidden="true">{ "✖ " }</span>{ w.review_flag_errors }</span> }
                if !mismatch && !errors { <span class="flag ok"><span aria-hidden="true">{ "✓" }</span><span class="visually-hidden">{ w.review_flag_ok }</span></span> }
            </td>
            { for COLUMNS.iter().zip(cells).map(|((key, _, _), cell)| {
                let numeric = NUMERIC.contains(key);
                let differs = mismatch && (*key == "declared_grade" || *key == "grade");
                let class = classes!(numeric.then_some("num"), differs.then_some("differs"), (*key == "errors" && errors).then_some("bad"));
                if *key == "project" {
                    let text = if cell.is_empty() { w.untitled.to_string() } else { cell };
                    html! { <td data-column={*key} {class}><button type="button" class="link open-row" onclick={open.clone()}>{ text }</button></td> }
                } else {
                    html! { <td data-column={*key} {class}>{ cell }</td> }
                }
            }) }
        </tr>
    }
}

/// The foot over the visible rows: sums, averages, and the counts in words.
fn foot_rows(f: &Foot, w: &Words) -> Html {
    let show = |d: Decimal| fixed(d, f.places);
    let opt = |d: Option<Decimal>| d.map(show).unwrap_or_default();
    let cell =
        |key: &'static str, text: String| html! { <td class="num" data-foot={key}>{ text }</td> };
    let blank = || html! { <td></td> };
    let declared_sum = if f.declared_count > 0 {
        show(f.declared_sum)
    } else {
        String::new()
    };
    let difference_sum = if f.declared_count > 0 {
        signed(f.difference_sum, f.places)
    } else {
        String::new()
    };
    let count = |key: &'static str, n: usize, word: &'static str| {
        html! { <span class="foot-count"><span data-foot={key}>{ n }</span>{ format!(" {word}") }</span> }
    };
    // The flag column and file … profile are the label's.
    html! {
        <tfoot>
            <tr class="foot-sum">
                <th scope="row" colspan="6">{ w.review_sum }</th>
                { cell("declared_sum", declared_sum) }
                { blank() }
                { cell("total_sum", show(f.total_sum)) }
                { blank() }
                { cell("difference_sum", difference_sum) }
                { cell("errors", f.errors.to_string()) }
                { cell("warnings", f.warnings.to_string()) }
            </tr>
            <tr class="foot-average">
                <th scope="row" colspan="6">{ w.review_average }</th>
                { cell("declared_average", opt(f.declared_average)) }
                { blank() }
                { cell("total_average", opt(f.total_average)) }
                { blank() }{ blank() }{ blank() }{ blank() }
            </tr>
            <tr class="foot-counts">
                <td colspan="13">
                    { count("forms", f.forms, w.review_n_forms) }
                    { count("with_errors", f.with_errors, w.review_n_with_errors) }
                    { count("grade_mismatches", f.grade_mismatches, w.review_n_mismatches) }
                    { count("errors_total", f.errors, w.review_n_errors) }
                    { count("warnings_total", f.warnings, w.review_n_warnings) }
                </td>
            </tr>
        </tfoot>
    }
}

/// The computed grades of the visible rows as a bar chart, each bar labelled with its grade and
/// count in text; the whole described for screen readers.
fn chart(distribution: &[(String, usize)], w: &Words) -> Html {
    const WIDTH: usize = 360;
    const HEIGHT: usize = 170;
    const TOP: usize = 22;
    const BOTTOM: usize = 28;
    let name = |g: &str| {
        if g.is_empty() {
            w.review_no_grade.to_string()
        } else {
            g.to_string()
        }
    };
    let label = format!(
        "{}{}",
        w.review_chart_label,
        distribution
            .iter()
            .map(|(g, n)| fill(
                w.review_chart_item,
                &[("{g}", name(g)), ("{n}", n.to_string())]
            ))
            .collect::<Vec<_>>()
            .join(w.review_list_sep)
    );
    // Whole SVG units: the layout needs no fractions (and the page no float formatting).
    let max = distribution
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = WIDTH / distribution.len().max(1);
    let bar = (slot * 14 / 25).min(64);
    let area = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    html! {
        <svg class="grade-chart" role="img" aria-label={label} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width={WIDTH.to_string()} height={HEIGHT.to_string()} data-testid="grade-chart">
            <line class="axis" x1="0" x2={WIDTH.to_string()} y1={base.to_string()} y2={base.to_string()} />
            { for distribution.iter().enumerate().map(|(i, (g, n))| {
                let h = area * *n / max;
                let x = slot * i + (slot - bar) / 2;
                let mid = slot * i + slot / 2;
                html! {
                    <g class="bar" data-grade={g.clone()} data-count={n.to_string()}>
                        <rect x={x.to_string()} y={(base - h).to_string()} width={bar.to_string()} height={h.to_string()} />
                        <text class="count" x={mid.to_string()} y={(base - h - 6).to_string()} text-anchor="middle">{ n.to_string() }</text>
                        <text class="grade" x={mid.to_string()} y={(HEIGHT - 8).to_string()} text-anchor="middle">{ name(g) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
