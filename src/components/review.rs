//! The review desk: many forms opened at once (files, a folder, or dropped), each read through the
//! engine's intake and evaluated, shown as one sortable, filterable summary table with its foot, a
//! chart of the computed grades, the files that could not be read, and exports of the summary
//! (Excel, CSV).
//!
//! Every number shown comes from `ziping_engine::review` (`Reviewed::cell`, `foot`,
//! `grade_distribution`) and `ziping_app_state::review`; these components lay them out. A batch of
//! files is read with a few reads in flight at a time and handed to the reducer as one
//! `ReviewAction::Add`, so that a thousand files make one state change and one render. The Excel
//! export is written by the export worker (`crate::browser::worker`), the CSV here. Picking,
//! dropping and walking folders is `crate::browser::files`.

use crate::browser::files::{self, Picked};
use crate::browser::{page, worker};
use crate::i18n::{words, Words};
use crate::store::{use_sender, use_words, Ptr, Sender};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use ziping_app_state::jobs::Job;
use ziping_app_state::review::{review_file, Filter, FilterBy, Review};
use ziping_app_state::workbooks::desk_forms;
use ziping_app_state::{DocAction, Notice, NoticeAction, ReviewAction};
use ziping_engine::decimal::{fixed, Decimal};
use ziping_engine::format::MAX_FILE_BYTES;
use ziping_engine::reader::too_large_for;
use ziping_engine::review::{foot, grade_distribution, signed, Column, Foot, Reviewed};
use ziping_engine::workbook::{named_as_workbook, MAX_WORKBOOK_BYTES};
use ziping_engine::{Lang, Problem, Registry, Text, Unreadable};

/// How many files are being read at once.
const READ_AHEAD: usize = 32;
/// How long the page may work on a batch before it lets the browser paint the progress (ms).
const SLICE_MS: u64 = 60;

/// How reading the last batch stands.
#[derive(Clone, Debug, PartialEq)]
enum Progress {
    Idle,
    Reading { done: usize, total: usize },
    Done { files: usize, ms: u64 },
}

/// A file being read, or refused by its size without reading it.
type Reading = Result<
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<u8>, String>>>>,
    Unreadable,
>;

fn start_read(p: Picked) -> (String, Reading) {
    let limit = if named_as_workbook(&p.name) {
        MAX_WORKBOOK_BYTES
    } else {
        MAX_FILE_BYTES
    };
    if p.size() > limit as u64 {
        let refused = Unreadable::new(&p.name, vec![too_large_for(p.size(), limit)]);
        return (p.name, Err(refused));
    }
    let read = files::read_bytes(&p.file);
    (p.name, Ok(Box::pin(read)))
}

/// Reads and evaluates a batch, showing the progress, and adds it to the desk in one action.
async fn read_batch(
    picked: Vec<Picked>,
    registry: Registry,
    dispatch: Sender,
    progress: UseStateHandle<Progress>,
    reading_books: UseStateHandle<bool>,
) {
    let total = picked.len();
    if total == 0 {
        return;
    }
    let start = page::now();
    progress.set(Progress::Reading { done: 0, total });
    let mut rows = Vec::with_capacity(total);
    let mut bad = Vec::new();
    let mut books: Vec<(String, Vec<u8>)> = Vec::new();
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
        let bytes = match read {
            Err(refused) => Err(refused),
            Ok(read) => read.await.map_err(|e| {
                Unreadable::new(&name, vec![Problem::file(format!("无法读取：{e}"), e)])
            }),
        };
        match bytes {
            // Workbooks are read together in the import worker, after the form files.
            Ok(b) if ziping_engine::intake::is_workbook(&b) => books.push((name, b)),
            Ok(b) => match review_file(&name, &b, &registry) {
                Ok(row) => rows.push(row),
                Err(u) => bad.push(u),
            },
            Err(u) => bad.push(u),
        }
        done += 1;
        if page::now().saturating_sub(slice) > SLICE_MS {
            progress.set(Progress::Reading { done, total });
            page::next_task().await;
            slice = page::now();
        }
    }
    if !books.is_empty() {
        reading_books.set(true);
        page::next_task().await;
        let names: Vec<String> = books.iter().map(|(n, _)| n.clone()).collect();
        let read = worker::read_workbooks_text(books, &registry).await;
        match read.as_deref().map(desk_forms) {
            // Each form the workbooks hold, through the intake like any form file.
            Ok(Some((forms, b))) => {
                for (name, text) in forms {
                    match review_file(&name, text.as_bytes(), &registry) {
                        Ok(row) => rows.push(row),
                        Err(u) => bad.push(u),
                    }
                }
                bad.extend(b);
            }
            // The reader stopped: every workbook of the batch says so; the form files are kept.
            failed => {
                let message = match failed {
                    Err(m) => m.clone(),
                    Ok(_) => Text::new(
                        "工作簿读取程序的回答无法读取",
                        "the workbook reader's answer cannot be read",
                    ),
                };
                for name in names {
                    bad.push(Unreadable::new(
                        &name,
                        vec![Problem::file(message.zh.clone(), message.en.clone())],
                    ));
                }
            }
        }
        reading_books.set(false);
    }
    dispatch.act(ReviewAction::Add {
        rows,
        unreadable: bad,
    });
    progress.set(Progress::Done {
        files: total,
        ms: page::now().saturating_sub(start),
    });
}

/// A grade as the desk shows it: `优` in Chinese, `优 (Excellent)` in English (the English name from
/// the profiles that have the grade).
fn grade_shown(g: &str, w: &Words, registry: &Registry) -> String {
    if g.is_empty() {
        return w.review_no_grade.to_string();
    }
    let english = registry
        .all()
        .flat_map(|p| p.grades.iter())
        .find(|b| b.grade == g && !b.name_en.is_empty())
        .map(|b| b.name_en.as_str());
    match (w.lang, english) {
        (Lang::En, Some(en)) => w.paren(g, en),
        _ => g.to_string(),
    }
}

/// The grades of the profiles, each profile's from the highest band down, without repeats.
fn grade_order(registry: &Registry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in registry.all() {
        let mut bands: Vec<_> = p.grades.iter().collect();
        bands.sort_unstable_by_key(|b| std::cmp::Reverse(b.min));
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
    pub registry: Registry,
}

#[function_component]
pub fn ReviewDesk(p: &ReviewProps) -> Html {
    let (lang, w) = use_words();
    use_effect_with((), |_| page::scroll_to_top());

    // What the table shows, recomputed only when the rows, the sort or the filter change.
    let visible = use_memo(
        (p.rows.clone(), p.sort, p.filter.clone()),
        |(rows, sort, filter)| {
            Review {
                rows: rows.0.clone(),
                sort: *sort,
                filter: filter.clone(),
                ..Review::default()
            }
            .visible()
        },
    );
    let foot_memo = use_memo((p.rows.clone(), Ptr(visible.clone())), |(rows, visible)| {
        foot(visible.iter().map(|&i| &rows[i]))
    });
    let grades = use_memo(p.registry.clone(), grade_order);
    let distribution = use_memo(
        (p.rows.clone(), Ptr(visible.clone()), Ptr(grades.clone())),
        |(rows, visible, grades)| {
            let order: Vec<&str> = grades.iter().map(String::as_str).collect();
            grade_distribution(&order, visible.iter().map(|&i| &rows[i]))
        },
    );
    let exporting = use_state(|| false);
    let open_state = OpenState {
        progress: use_state(|| Progress::Idle),
        dragging: use_state(|| false),
        reading_books: use_state(|| false),
    };
    let send = use_sender();
    let any = !p.rows.is_empty() || !p.unreadable.is_empty();
    html! {
        <div class="review-desk">
            { toolbar(p, &visible, exporting, open_state.progress.clone(), &send, w) }
            <main id="main" class="review" tabindex="-1" aria-labelledby="review-h">
                <h1 id="review-h">{ w.review_title }</h1>
                <p class="lead">{ w.review_lead }</p>
                <div class="review-top">
                    { open_files(p, &open_state, &send, w) }
                    if any {
                        <section class="card review-chart" aria-labelledby="review-chart-h">
                            <h2 id="review-chart-h">{ w.review_chart_title }</h2>
                            { chart(&distribution, w, &p.registry) }
                        </section>
                    }
                </div>
                if any {
                    { filters(p, &send, w) }
                    <div class="table-scroll review-scroll">
                        <table class="grid review-table" data-testid="review-table">
                            <caption>{ fill(w.review_caption, &[("{v}", visible.len().to_string()), ("{n}", p.rows.len().to_string())]) }</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="col-flags">{ w.review_flags }</th>
                                    { for Column::ALL.iter().map(|c| heading(*c, c.heading().get(lang), p.sort, &send)) }
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
                    { unreadable_list(&p.unreadable, lang) }
                } else {
                    <p class="review-empty">{ w.review_empty }</p>
                }
            </main>
        </div>
    }
}

/// Back, the exports of what the table shows (`visible`, in its order), and clearing the desk (which
/// forgets the last batch's `progress` too).
fn toolbar(
    p: &ReviewProps,
    visible: &Rc<Vec<usize>>,
    exporting: UseStateHandle<bool>,
    progress: UseStateHandle<Progress>,
    send: &Sender,
    w: &Words,
) -> Html {
    let shown = |rows: &[Reviewed], visible: &[usize]| -> Vec<Reviewed> {
        visible.iter().map(|&i| rows[i].clone()).collect()
    };
    // Excel: the xlsx writer lives in the export worker (`crate::browser::worker`), which gets the
    // shown forms as a job and answers with the workbook. CSV is written here.
    let export_xlsx = {
        let (send, rows, bad, visible, registry, busy) = (
            send.clone(),
            p.rows.clone(),
            p.unreadable.clone(),
            visible.clone(),
            p.registry.clone(),
            exporting.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let shown = shown(&rows, &visible);
            let refs: Vec<&Reviewed> = shown.iter().collect();
            let job = Job::summary(&refs, &bad, &registry);
            let (send, busy) = (send.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let done = worker::export(&job, "汇总.xlsx").await;
                busy.set(false);
                if let Err(e) = done {
                    send.act(NoticeAction::Show(Some(Notice::Failed(e))));
                }
            });
        })
    };
    let export_csv = {
        let (send, rows, visible) = (send.clone(), p.rows.clone(), visible.clone());
        Callback::from(move |_: MouseEvent| {
            let shown = shown(&rows, &visible);
            let refs: Vec<&Reviewed> = shown.iter().collect();
            let csv = ziping_outputs::summary_csv(&refs);
            if let Err(e) = files::download("汇总.csv", &csv, "text/csv;charset=utf-8") {
                send.act(NoticeAction::Show(Some(Notice::Failed(Text::same(e)))));
            }
        })
    };
    let clear = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            progress.set(Progress::Idle);
            send.act(ReviewAction::Clear);
        })
    };
    let any = !p.rows.is_empty() || !p.unreadable.is_empty();
    html! {
        <nav class="toolbar" aria-label={w.actions}>
            <button type="button" onclick={send.click(move || DocAction::Close)} data-testid="review-back">{ format!("← {}", w.review_back) }</button>
            <button type="button" onclick={export_xlsx} disabled={visible.is_empty() || *exporting} aria-busy={(*exporting).to_string()} data-testid="review-export-xlsx">{ w.export_xlsx }</button>
            <button type="button" onclick={export_csv} disabled={visible.is_empty()} data-testid="review-export-csv">{ w.review_export_csv }</button>
            <button type="button" class="danger" onclick={clear} disabled={!any} data-testid="review-clear">{ w.review_clear }</button>
        </nav>
    }
}

/// What the drop zone keeps between renders: the last batch's progress, and whether files are
/// being dragged over it.
struct OpenState {
    progress: UseStateHandle<Progress>,
    dragging: UseStateHandle<bool>,
    /// The batch's workbooks are in the import worker.
    reading_books: UseStateHandle<bool>,
}

/// Opening files: the pickers, the drop zone, the progress of the batch being read, and the counts.
fn open_files(p: &ReviewProps, t: &OpenState, send: &Sender, w: &Words) -> Html {
    let (progress, dragging) = (t.progress.clone(), t.dragging.clone());
    let start_batch = {
        let (d, registry, progress) = (send.clone(), p.registry.clone(), progress.clone());
        let books = t.reading_books.clone();
        Rc::new(move |picked: Vec<Picked>| {
            wasm_bindgen_futures::spawn_local(read_batch(
                picked,
                registry.clone(),
                d.clone(),
                progress.clone(),
                books.clone(),
            ));
        })
    };
    let on_files = |folder: bool| {
        let start_batch = start_batch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            start_batch(files::picked_from_list(input.files(), folder));
            input.set_value("");
        })
    };
    let on_drop = {
        let (start_batch, dragging) = (start_batch.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(transfer) = e.data_transfer() {
                let (dropped, start_batch) = (files::dropped(&transfer), start_batch.clone());
                wasm_bindgen_futures::spawn_local(async move { start_batch(dropped.await) });
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
    let reading = matches!(*progress, Progress::Reading { .. });
    html! {
        <section class={classes!("card", "dropzone", "review-open", dragging.then_some("dragging"))} aria-labelledby="review-open-h"
            ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave} data-testid="review-drop">
            <h2 id="review-open-h">{ w.review_open }</h2>
            <p class="review-pickers">
                <label class="button primary" for="review-files">{ w.review_choose_files }</label>
                <input id="review-files" class="file-input" type="file" multiple=true accept=".json,application/json,.xlsx,.xls,.ods,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet" onchange={on_files(false)} />
                <label class="button" for="review-folder">{ w.review_choose_folder }</label>
                <input id="review-folder" class="file-input" type="file" webkitdirectory=true onchange={on_files(true)} />
            </p>
            <p class="hint">{ if *dragging { w.drop_here } else { w.review_drop_hint } }</p>
            <p class={classes!("review-progress", reading.then_some("reading"))} role="status" data-testid="review-progress">
                if let Progress::Reading { done, total } = &*progress {
                    <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>{ " " }
                }
                { progress_text(&progress, w) }
                if *t.reading_books { { " " }{ w.wb.reading } }
            </p>
            if !p.rows.is_empty() || !p.unreadable.is_empty() {
                <p class="review-count" data-testid="review-count">
                    <span data-count="forms">{ p.rows.len() }</span>{ format!(" {}", w.review_n_forms) }
                    { w.review_list_sep }
                    <span data-count="unreadable">{ p.unreadable.len() }</span>{ format!(" {}", w.review_n_unreadable) }
                </p>
            }
        </section>
    }
}

fn progress_text(progress: &Progress, w: &Words) -> String {
    match progress {
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
    }
}

/// The filters: computed grade, unit, profile, and errors only.
fn filters(p: &ReviewProps, send: &Sender, w: &Words) -> Html {
    let review = Review {
        rows: p.rows.0.clone(),
        filter: p.filter.clone(),
        ..Review::default()
    };
    let dispatch = send;
    let select = |by: FilterBy, label: &'static str, current: &Option<String>| {
        let options = review.choices(by);
        let onchange = {
            let (d, review, options) = (dispatch.clone(), review.clone(), options.clone());
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let chosen = value
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| options.get(i).cloned());
                d.act(ReviewAction::Filter(review.with(by, chosen)));
            })
        };
        let id = format!("review-filter-{}", by.key());
        html! {
            <span class="review-filter">
                <label for={id.clone()}>{ label }</label>
                <select id={id} data-filter={by.key()} {onchange}>
                    <option value="" selected={current.is_none()}>{ w.review_all }</option>
                    { for options.iter().enumerate().map(|(i, o)| html! {
                        <option value={i.to_string()} selected={current.as_ref() == Some(o)}>
                            { if by == FilterBy::Grade { grade_shown(o, w, &p.registry) } else if o.is_empty() { w.review_no_grade.to_string() } else { o.clone() } }
                        </option>
                    }) }
                </select>
            </span>
        }
    };
    let errors_only = {
        let (d, filter) = (dispatch.clone(), p.filter.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            d.act(ReviewAction::Filter(Filter {
                errors_only: on,
                ..filter.clone()
            }));
        })
    };
    html! {
        <div class="review-filters" role="group" aria-label={w.review_filters}>
            { select(FilterBy::Grade, w.review_filter_grade, &p.filter.grade) }
            { select(FilterBy::Unit, w.review_filter_unit, &p.filter.unit) }
            { select(FilterBy::Profile, w.review_filter_profile, &p.filter.profile) }
            <span class="review-filter">
                <input id="review-errors-only" type="checkbox" checked={p.filter.errors_only} onchange={errors_only} />
                <label for="review-errors-only">{ w.review_errors_only }</label>
            </span>
        </div>
    }
}

/// The files that could not be read, each problem at its path.
fn unreadable_list(unreadable: &[Unreadable], lang: ziping_engine::Lang) -> Html {
    let w = words(lang);
    if unreadable.is_empty() {
        return html! {};
    }
    html! {
        <section class="card review-unreadable" aria-labelledby="review-unreadable-h" data-testid="review-unreadable">
            <h2 id="review-unreadable-h">{ w.paren(w.review_unreadable_title, unreadable.len()) }</h2>
            <ul>
                { for unreadable.iter().map(|u| html! {
                    <li key={u.file.clone()} data-file={u.file.clone()}>
                        <strong class="unreadable-file">{ u.file.clone() }</strong>
                        <ul class="problems">
                            { for u.problems.iter().map(|pr| html! {
                                <li>
                                    if !pr.path.is_file() { <code class="problem-path">{ pr.path.to_string() }</code>{ w.colon } }
                                    <span class="problem-message">{ pr.message.get(lang) }</span>
                                </li>
                            }) }
                        </ul>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// A column heading: a button that sorts by it, with `aria-sort` on the sorted column.
fn heading(column: Column, text: &str, sort: Option<(Column, bool)>, send: &Sender) -> Html {
    let sorted = sort.filter(|(c, _)| *c == column).map(|(_, up)| up);
    let aria = sorted.map(|up| if up { "ascending" } else { "descending" });
    let arrow = match sorted {
        Some(true) => "▲",
        Some(false) => "▼",
        None => "↕",
    };
    let onclick = send.click(move || ReviewAction::Sort(column));
    html! {
        <th scope="col" data-column={column.key()} aria-sort={aria} class={classes!(column.is_numeric().then_some("num"))}>
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
    let (lang, w) = use_words();
    let send = use_sender();
    let r = &p.rows[p.index];
    let mismatch = !r.declared_grade.is_empty() && r.declared_grade != r.grade;
    let errors = r.counts.errors > 0;
    let open = {
        let (send, row) = (send.clone(), p.index);
        Callback::from(move |_: MouseEvent| {
            send.act(ReviewAction::OpenRow {
                id: page::new_id(),
                row,
            })
        })
    };
    html! {
        <tr data-file={r.file.clone()} class={classes!(mismatch.then_some("mismatch"), errors.then_some("has-errors"))}>
            <td class="col-flags">
                if mismatch { <span class="flag mismatch"><span aria-hidden="true">{ "≠ " }</span>{ w.review_flag_mismatch }</span> }
                if errors { <span class="flag errors"><span aria-hidden="true">{ "✖ " }</span>{ w.review_flag_errors }</span> }
                if !mismatch && !errors { <span class="flag ok"><span aria-hidden="true">{ "✓" }</span><span class="visually-hidden">{ w.review_flag_ok }</span></span> }
            </td>
            { for Column::ALL.iter().map(|&column| {
                let cell = r.cell(column);
                let differs = mismatch && matches!(column, Column::DeclaredGrade | Column::Grade);
                let bad = column == Column::Errors && errors;
                let class = classes!(column.is_numeric().then_some("num"), differs.then_some("differs"), bad.then_some("bad"));
                if column == Column::Project {
                    let text = if cell.is_empty() { w.untitled.to_string() } else { cell };
                    html! { <td data-column={column.key()} {class}><button type="button" class="link open-row" onclick={open.clone()}>{ text }</button></td> }
                } else if column == Column::Grade && lang == Lang::En && !r.grade_en.is_empty() {
                    html! { <td data-column={column.key()} {class}>{ w.paren(&cell, &r.grade_en) }</td> }
                } else {
                    html! { <td data-column={column.key()} {class}>{ cell }</td> }
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
fn chart(distribution: &[(String, usize)], w: &Words, registry: &Registry) -> Html {
    const WIDTH: usize = 360;
    const HEIGHT: usize = 170;
    const TOP: usize = 22;
    const BOTTOM: usize = 28;
    let name = |g: &str| grade_shown(g, w, registry);
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
