//! The profile editor: a rule profile written in the page. Every input is bound to a path of the
//! draft's document (`blocks[1].weight`) and sends it as it is typed; the reducer reads the draft
//! again, scores the sample form under it, and lists the problems, each with its path. Nothing here
//! computes a number: the sample's scores are the engine's evaluation.

use crate::page::{use_sender, Ptr, Sender};
use crate::words::{profile_words, ProfileWords, METHOD_KINDS};
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use ziping_app_state::profile_editor::ProfileEditor;
use ziping_app_state::{DraftMeta, Lang, ProfileAction};
use ziping_browser::{files, page, storage};
use ziping_engine::path::DocPath;
use ziping_engine::profile::Change;

#[derive(Properties, PartialEq)]
pub struct ProfileEditorProps {
    pub editor: Ptr<ProfileEditor>,
    /// The drafts in this browser, offered as samples.
    pub drafts: Vec<DraftMeta>,
}

fn change(d: &Sender, path: &DocPath, change: Change) {
    d.emit(ProfileAction::Change {
        path: path.clone(),
        change,
    });
}

/// A text input bound to `path`; `open` inputs send `null` when emptied (an open band end).
#[derive(Properties, PartialEq)]
struct PInputProps {
    path: DocPath,
    value: String,
    label: AttrValue,
    /// The problems at this path, in the page's language.
    problems: Vec<String>,
    #[prop_or_default]
    open: bool,
    #[prop_or_default]
    numeric: bool,
    /// The label shows (else it is for screen readers, the table's head saying it).
    #[prop_or_default]
    labelled: bool,
}

#[function_component]
fn PInput(p: &PInputProps) -> Html {
    let d = use_sender();
    let oninput = {
        let (path, open) = (p.path.clone(), p.open);
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let c = if open && text.trim().is_empty() {
                Change::Value(Value::Null)
            } else {
                Change::Text(text)
            };
            change(&d, &path, c);
        })
    };
    let path = p.path.to_string();
    let err_id = format!("pe-err-{path}");
    let bad = !p.problems.is_empty();
    html! {
        <span class={classes!("pe-input", bad.then_some("has-error"), p.numeric.then_some("num"))}>
            <label class={classes!((!p.labelled).then_some("visually-hidden"))} for={path.clone()}>{ p.label.clone() }</label>
            <input id={path.clone()} data-path={path} type="text" value={p.value.clone()} {oninput}
                inputmode={p.numeric.then_some("decimal")}
                aria-invalid={bad.then_some("true")} aria-describedby={bad.then_some(err_id.clone())} />
            if bad {
                <span id={err_id} class="pe-problem" role="alert">{ p.problems.join("；") }</span>
            }
        </span>
    }
}

#[function_component]
pub fn ProfileEditorView(p: &ProfileEditorProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let pw = profile_words(lang);
    let d = use_sender();
    let ed = &*p.editor.0;
    let save = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(ProfileAction::Save))
    };
    let export = {
        let (text, id) = (ed.draft.file(), ed.draft.text(&DocPath::at("id")));
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.json", safe_name(&id));
            let _ = files::download(&name, &text, "application/json");
        })
    };
    let close = {
        let saved = ed.saved;
        Callback::from(move |_: MouseEvent| {
            if saved || crate::page::confirm(pw.close_unsaved) {
                crate::page::leave();
            }
        })
    };
    let open_file = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            read_first(el.files(), d.clone(), |name, text| ProfileAction::Open {
                file: name,
                text,
            });
            el.set_value("");
        })
    };
    let base_note = if ed.draft.base().is_empty() {
        pw.whole_note.to_string()
    } else {
        format!("{} · {}", pw.overlay_note, ed.draft.base())
    };
    html! {
        <main id="main" class="profile-editor" tabindex="-1">
            <div class="toolbar pe-toolbar" role="toolbar" aria-label={pw.title}>
                <h1>{ pw.title }</h1>
                <button type="button" class="primary" onclick={save} data-testid="pe-save">{ pw.save }</button>
                <button type="button" onclick={export} data-testid="pe-export">{ pw.export }</button>
                <label class="button secondary" for="pe-open">{ pw.open_file }</label>
                <input id="pe-open" class="file-input" type="file" accept=".json,application/json" onchange={open_file} />
                <button type="button" onclick={close} data-testid="pe-close">{ pw.close }</button>
                <span class="pe-status" data-testid="pe-status" aria-live="polite">{ if ed.saved { pw.saved } else { pw.unsaved } }</span>
            </div>
            <p class="hint">{ base_note }</p>
            <div class="pe-grid">
                <div class="pe-main">
                    { for parts(ed, pw).into_iter().map(|p| part(ed, pw, lang, &d, p)) }
                </div>
                <aside class="pe-side">
                    { sample(ed, pw, lang, &p.drafts, &d) }
                    { problems(ed, pw, lang) }
                </aside>
            </div>
        </main>
    }
}

/// One cell of the editor's tables: the editor is described as data ([`parts`]) and drawn by one
/// small renderer, so the page carries one way of drawing an input, not one per table.
enum Cell {
    Input {
        path: DocPath,
        label: String,
        numeric: bool,
        /// Emptied, the value is `null` (an open band end).
        open: bool,
    },
    /// A choice: a method's kind (the method's object is replaced) or a text value.
    Select {
        path: DocPath,
        label: String,
        options: Vec<(&'static str, &'static str)>,
        method: bool,
    },
    Text(String),
    /// Add an item after this one, and remove it.
    Buttons {
        path: DocPath,
        what: String,
        remove: bool,
    },
}

/// A row of a table; `sub` rows belong to the row above (a method's fields).
struct Line {
    sub: bool,
    cells: Vec<Cell>,
}

/// A card of the editor: a title, a hint, a table's head and its rows.
struct Part {
    /// Drawn as labelled fields side by side instead of a table.
    fields: bool,
    id: String,
    title: String,
    hint: &'static str,
    head: Vec<&'static str>,
    lines: Vec<Line>,
}

fn items(ed: &ProfileEditor, path: &DocPath) -> usize {
    ed.draft
        .get(path)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn input(path: DocPath, label: String, numeric: bool) -> Cell {
    Cell::Input {
        path,
        label,
        numeric,
        open: false,
    }
}

/// The editor as data: every card, row and input, from the draft's document.
fn parts(ed: &ProfileEditor, pw: &'static ProfileWords) -> Vec<Part> {
    let t = |p: &DocPath| ed.draft.text(p);
    let mut out = vec![Part {
        fields: true,
        id: "pe-basics".into(),
        title: pw.basics.into(),
        hint: "",
        head: vec![pw.id, pw.name_zh, pw.name_en],
        lines: vec![Line {
            sub: false,
            cells: vec![
                input(DocPath::at("id"), pw.id.into(), false),
                input(DocPath::at("name").key("zh"), pw.name_zh.into(), false),
                input(DocPath::at("name").key("en"), pw.name_en.into(), false),
            ],
        }],
    }];
    // Blocks, each with its fixed rows and their methods.
    let blocks = DocPath::at("blocks");
    let mut lines = Vec::new();
    for i in 0..items(ed, &blocks) {
        let b = blocks.index(i);
        let name = t(&b.key("name").key("zh"));
        let from_indicators = ed.draft.get(&b.key("from_indicators")) == Some(&Value::Bool(true));
        lines.push(Line {
            sub: false,
            cells: vec![
                input(
                    b.key("name").key("zh"),
                    format!("{} {}", pw.block, i + 1),
                    false,
                ),
                input(b.key("weight"), format!("{} · {name}", pw.weight), true),
                Cell::Text(if from_indicators {
                    pw.from_indicators.into()
                } else {
                    String::new()
                }),
            ],
        });
        let rows = b.key("rows");
        for j in 0..items(ed, &rows) {
            let r = rows.index(j);
            let row = t(&r.key("name").key("zh"));
            let m = r.key("method");
            lines.push(Line {
                sub: true,
                cells: vec![
                    input(
                        r.key("name").key("zh"),
                        format!("{name} · {} {}", pw.row, j + 1),
                        false,
                    ),
                    input(r.key("weight"), format!("{} · {row}", pw.weight), true),
                    Cell::Select {
                        path: m.key("kind"),
                        label: format!("{} · {row}", pw.method),
                        options: METHOD_KINDS.iter().copied().zip(pw.methods).collect(),
                        method: true,
                    },
                ],
            });
            method_lines(ed, pw, &m, &row, &mut lines);
        }
    }
    out.push(Part {
        fields: false,
        id: "pe-blocks".into(),
        title: pw.blocks.into(),
        hint: pw.blocks_hint,
        head: vec![pw.name_zh, pw.weight, pw.method],
        lines,
    });
    // Grades.
    let grades = DocPath::at("grades");
    let n = items(ed, &grades);
    let lines = (0..n)
        .map(|i| {
            let g = grades.index(i);
            let name = t(&g.key("grade"));
            Line {
                sub: false,
                cells: vec![
                    input(g.key("grade"), format!("{} {}", pw.grade, i + 1), false),
                    input(g.key("name_en"), format!("{} · {name}", pw.grade_en), false),
                    input(g.key("min"), format!("{} · {name}", pw.grade_min), true),
                    Cell::Buttons {
                        path: g,
                        what: name,
                        remove: n > 1,
                    },
                ],
            }
        })
        .collect();
    out.push(Part {
        fields: false,
        id: "pe-grades".into(),
        title: pw.grades.into(),
        hint: "",
        head: vec![pw.grade, pw.grade_en, pw.grade_min, pw.actions],
        lines,
    });
    // Qualitative bands.
    let bands = DocPath::at("qualitative_bands");
    let lines: Vec<Line> = (0..items(ed, &bands))
        .map(|i| {
            let b = bands.index(i);
            let name = t(&b.key("name").key("zh"));
            Line {
                sub: false,
                cells: vec![
                    input(
                        b.key("name").key("zh"),
                        format!("{} {}", pw.name_zh, i + 1),
                        false,
                    ),
                    input(b.key("min"), format!("{} · {name}", pw.band_min), true),
                    input(b.key("max"), format!("{} · {name}", pw.band_max), true),
                ],
            }
        })
        .collect();
    if !lines.is_empty() {
        out.push(Part {
            fields: false,
            id: "pe-qual".into(),
            title: pw.qualitative.into(),
            hint: "",
            head: vec![pw.name_zh, pw.band_min, pw.band_max],
            lines,
        });
    }
    // The outline's headings (row labels of a new form).
    let outline = DocPath::at("indicators").key("default_outline");
    let lines: Vec<Line> = (0..items(ed, &outline))
        .map(|i| {
            let h = outline.index(i);
            Line {
                sub: ed.draft.get(&h.key("level")).and_then(Value::as_u64) == Some(2),
                cells: vec![input(
                    h.key("name"),
                    format!("{} {}", pw.outline, i + 1),
                    false,
                )],
            }
        })
        .collect();
    if !lines.is_empty() {
        out.push(Part {
            fields: false,
            id: "pe-outline".into(),
            title: pw.outline.into(),
            hint: pw.outline_hint,
            head: vec![pw.name_zh],
            lines,
        });
    }
    out
}

/// The fields of a row's method, as rows under it: a banded table's bands, a per-point deduction's
/// limit, direction, step and floor.
fn method_lines(
    ed: &ProfileEditor,
    pw: &'static ProfileWords,
    m: &DocPath,
    row: &str,
    lines: &mut Vec<Line>,
) {
    match ed.draft.text(&m.key("kind")).as_str() {
        "banded" => {
            let bands = m.key("bands");
            let n = items(ed, &bands);
            for k in 0..n {
                let b = bands.index(k);
                let what = format!("{row} {}", k + 1);
                // A band written as the rule writes it (`when`) is edited as such.
                if ed.draft.get(&b.key("when")).is_some() {
                    lines.push(Line {
                        sub: true,
                        cells: vec![
                            input(b.key("when"), format!("{} · {what}", pw.band_when), false),
                            Cell::Text(String::new()),
                            input(b.key("points"), format!("{} · {what}", pw.points), true),
                            Cell::Buttons {
                                path: b.clone(),
                                what,
                                remove: n > 1,
                            },
                        ],
                    });
                    continue;
                }
                let end = |key: &str, word: &str| Cell::Input {
                    path: b.key(key),
                    label: format!("{word} · {what} ({})", pw.open_end),
                    numeric: true,
                    open: true,
                };
                lines.push(Line {
                    sub: true,
                    cells: vec![
                        end("min", pw.band_min),
                        end("max", pw.band_max),
                        input(b.key("points"), format!("{} · {what}", pw.points), true),
                        Cell::Buttons {
                            path: b.clone(),
                            what,
                            remove: n > 1,
                        },
                    ],
                });
            }
        }
        "per_count" => lines.push(Line {
            sub: true,
            cells: vec![
                input(m.key("per"), format!("{} · {row}", pw.per_count), true),
                input(m.key("floor"), format!("{} · {row}", pw.floor), true),
            ],
        }),
        "per_point" => {
            lines.push(Line {
                sub: true,
                cells: vec![
                    input(m.key("limit"), format!("{} · {row}", pw.limit), true),
                    Cell::Select {
                        path: m.key("deduct_when"),
                        label: format!("{} · {row}", pw.deduct_when),
                        options: vec![("above", pw.deduct_above), ("below", pw.deduct_below)],
                        method: false,
                    },
                ],
            });
            lines.push(Line {
                sub: true,
                cells: vec![
                    input(
                        m.key("per_point"),
                        format!("{} · {row}", pw.per_point),
                        true,
                    ),
                    input(m.key("floor"), format!("{} · {row}", pw.floor), true),
                ],
            });
        }
        _ => {}
    }
}

/// Draws a part of the editor.
fn part(ed: &ProfileEditor, pw: &ProfileWords, lang: Lang, d: &Sender, p: Part) -> Html {
    let head = p.id.clone() + "-h";
    html! {
        <section class="card" aria-labelledby={head.clone()} id={p.id}>
            <h2 id={head}>{ p.title }</h2>
            if !p.hint.is_empty() {
                <p class="hint">{ p.hint }</p>
            }
            if p.fields {
                <div class="pe-fields">
                    { for p.lines.into_iter().flat_map(|l| l.cells).map(|c| cell(ed, pw, lang, d, c, true)) }
                </div>
            } else {
            <div class="table-scroll">
                <table class="pe-table">
                    <thead><tr>{ for p.head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                    <tbody>
                        { for p.lines.into_iter().map(|line| html! {
                            <tr class={classes!(line.sub.then_some("sub"))}>
                                { for line.cells.into_iter().map(|c| html! { <td>{ cell(ed, pw, lang, d, c, false) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            }
        </section>
    }
}

/// Draws a cell; `labelled` shows its label above it (else the table's head says it).
fn cell(
    ed: &ProfileEditor,
    pw: &ProfileWords,
    lang: Lang,
    d: &Sender,
    c: Cell,
    labelled: bool,
) -> Html {
    match c {
        Cell::Input {
            path,
            label,
            numeric,
            open,
        } => {
            let problems = ed
                .problems_at(&path)
                .filter(|x| {
                    open || matches!(&x.path, ziping_engine::path::Location::Value(v) if *v == path)
                })
                .map(|x| x.message.get(lang).to_string())
                .collect::<Vec<_>>();
            html! { <PInput value={ed.draft.text(&path)} {path} {label} {problems} {numeric} {open} {labelled} /> }
        }
        Cell::Select {
            path,
            label,
            options,
            method,
        } => {
            let current = ed.draft.text(&path);
            let onchange = {
                let (d, path) = (d.clone(), path.clone());
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    match method {
                        // The method's object starts anew with the fields of its kind.
                        true => change(&d, &path.parent(), Change::Value(default_method(&v))),
                        false => change(&d, &path, Change::Text(v)),
                    }
                })
            };
            let id = path.to_string();
            html! {
                <span class="pe-input">
                    <label class="visually-hidden" for={id.clone()}>{ label }</label>
                    <select id={id.clone()} data-path={id} {onchange}>
                        { for options.into_iter().map(|(v, name)| html! { <option value={v} selected={v == current}>{ name }</option> }) }
                    </select>
                </span>
            }
        }
        Cell::Text(text) => html! { <span class="hint">{ text }</span> },
        Cell::Buttons { path, what, remove } => {
            let button = |c: Change, word: &str, sign: &str| {
                let (d, path2) = (d.clone(), path.clone());
                let onclick = Callback::from(move |_: MouseEvent| change(&d, &path2, c.clone()));
                html! { <button type="button" class="small" {onclick} aria-label={format!("{word} · {what}")} data-action={format!("{sign}:{path}")}>{ sign }</button> }
            };
            html! {
                <span class="pe-row-actions">
                    { button(Change::Duplicate, pw.add_after, "+") }
                    if remove { { button(Change::Remove, pw.remove, "×") } }
                </span>
            }
        }
    }
}

/// The object a method of kind `k` starts with.
fn default_method(k: &str) -> Value {
    match k {
        "banded" => json!({"kind": "banded", "bands": [
            {"min": "100", "points": "1"},
            {"max": "100", "points": "0"}
        ]}),
        "per_point" => {
            json!({"kind": "per_point", "limit": "5", "deduct_when": "above", "per_point": "1", "floor": "0"})
        }
        "per_count" => json!({"kind": "per_count", "per": "0.5", "floor": "0"}),
        k => json!({ "kind": k }),
    }
}

fn sample(
    ed: &ProfileEditor,
    pw: &ProfileWords,
    lang: Lang,
    drafts: &[DraftMeta],
    d: &Sender,
) -> Html {
    let s = &ed.sample;
    let onchange = {
        let d = d.clone();
        let drafts = drafts.to_vec();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if v == "example" {
                d.emit(ProfileAction::Sample {
                    name: "example.json".into(),
                    text: ziping_engine::sample::EXAMPLE.into(),
                });
            } else if let Some(meta) = drafts.iter().find(|m| m.id == v) {
                if let Some(text) = storage::load_draft(&meta.id) {
                    d.emit(ProfileAction::Sample {
                        name: meta.title.clone(),
                        text,
                    });
                }
            }
        })
    };
    let on_file = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            read_first(el.files(), d.clone(), |name, text| ProfileAction::Sample {
                name,
                text,
            });
            el.set_value("");
        })
    };
    let name = if s.name.trim().is_empty() {
        pw.sample_blank.to_string()
    } else {
        s.name.clone()
    };
    html! {
        <section class="card pe-sample" aria-labelledby="pe-sample-h">
            <h2 id="pe-sample-h">{ pw.sample }</h2>
            <p class="pe-sample-name" data-testid="pe-sample-name">{ name }</p>
            <p class="pe-fields">
                <span class="pe-input">
                    <label for="pe-sample-choose">{ pw.sample_choose }</label>
                    <select id="pe-sample-choose" {onchange}>
                        <option value="" selected=true disabled=true>{ "—" }</option>
                        <option value="example">{ pw.sample_example }</option>
                        { for drafts.iter().map(|m| html! {
                            <option value={m.id.clone()}>{ if m.title.trim().is_empty() { pw.untitled.to_string() } else { m.title.clone() } }</option>
                        }) }
                    </select>
                </span>
                <label class="button secondary small" for="pe-sample-file">{ pw.sample_file }</label>
                <input id="pe-sample-file" class="file-input" type="file" accept=".json,application/json" onchange={on_file} />
            </p>
            if s.stale {
                <p class="pe-stale" role="status">{ pw.sample_stale }</p>
            }
            if let Some(ev) = &s.evaluation {
                <table class={classes!("pe-scores", s.stale.then_some("stale"))} data-testid="pe-scores">
                    <tbody>
                    { for ev.blocks.iter().map(|b| html! {
                        <tr><th scope="row">{ b.name.get(lang) }</th><td class="num">{ format!("{} / {}", b.score.shown(), b.weight.shown()) }</td></tr>
                    }) }
                    <tr class="pe-total"><th scope="row">{ pw.sample_total }</th><td class="num" data-testid="pe-total">{ ev.total.shown() }</td></tr>
                    <tr><th scope="row">{ pw.sample_grade }</th><td class="num" data-testid="pe-grade">{ ev.grade.as_ref().map(|g| if lang == Lang::Zh { g.grade.clone() } else { format!("{} ({})", g.grade, g.name_en) }).unwrap_or_else(|| "—".into()) }</td></tr>
                    <tr><th scope="row">{ pw.sample_findings }</th><td class="num">{ format!("{} {} · {} {}", ev.counts.errors, pw.n_errors, ev.counts.warnings, pw.n_warnings) }</td></tr>
                    </tbody>
                </table>
            }
        </section>
    }
}

fn problems(ed: &ProfileEditor, pw: &ProfileWords, lang: Lang) -> Html {
    let list = ed.problems();
    html! {
        <section class="card pe-problems" aria-labelledby="pe-problems-h">
            <h2 id="pe-problems-h">{ format!("{} ({})", pw.problems, list.len()) }</h2>
            if list.is_empty() {
                <p class="ok" data-testid="pe-no-problems">{ pw.no_problems }</p>
            } else {
                <ul data-testid="pe-problem-list">
                { for list.iter().map(|x| {
                    let path = x.path.to_string();
                    let go = {
                        let path = path.clone();
                        Callback::from(move |_: MouseEvent| { page::focus_field_within(&path); })
                    };
                    html! {
                        <li>
                            <button type="button" class="link" onclick={go}><code>{ if path.is_empty() { "—".to_string() } else { path.clone() } }</code></button>
                            { " " }{ x.message.get(lang) }
                        </li>
                    }
                }) }
                </ul>
            }
        </section>
    }
}

/// Reads the first of `files` as text and sends what `action` makes of it.
pub(crate) fn read_first(
    files: Option<web_sys::FileList>,
    d: Sender,
    action: impl Fn(String, String) -> ProfileAction + 'static,
) {
    let Some(picked) = files::picked_from_list(files, false).into_iter().next() else {
        return;
    };
    if picked.size() > ziping_engine::format::MAX_FILE_BYTES as u64 {
        d.emit(ProfileAction::Failed(ziping_app_state::ImportReport {
            file: picked.name.clone(),
            problems: vec![ziping_engine::format::too_large(picked.size())],
        }));
        return;
    }
    let read = files::read_bytes(&picked.file);
    let name = picked.name.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match read.await {
            Ok(bytes) => d.emit(action(name, String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) => d.emit(ProfileAction::Failed(ziping_app_state::ImportReport {
                file: name,
                problems: vec![ziping_engine::Problem::file(e.clone(), e)],
            })),
        }
    });
}

/// A profile id as a file name: what is not a letter, digit or `-` becomes `_`.
pub(crate) fn safe_name(id: &str) -> String {
    let s: String = id
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "profile".into()
    } else {
        s
    }
}
