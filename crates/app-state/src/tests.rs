use super::*;
use std::rc::Rc;
use ziping_engine::model::{Form, FundsColumn};
use ziping_engine::path::{self, FieldPath, HeaderField, IndicatorField};
use ziping_engine::Registry;

const SEED: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");

/// A form file read as the editor's import reads it: through the engine's intake.
fn import_form(text: &str) -> Form {
    ziping_engine::open("test.json", text.as_bytes(), &Registry::new())
        .unwrap()
        .form
}

fn seed_state() -> AppState {
    AppState::new(Lang::Zh).reduce(DocAction::Import {
        id: "d1".into(),
        file: "seed.json".into(),
        bytes: SEED.as_bytes().to_vec(),
    })
}

pub(crate) fn doc(s: &AppState) -> &Doc {
    s.doc.as_ref().unwrap()
}

/// `text` pasted after row `after` with the columns the page guesses for it.
pub(crate) fn paste_rows(s: &AppState, after: Option<usize>, text: &str) -> AppState {
    s.reduce(RowAction::Paste {
        after,
        text: text.into(),
        columns: paste::Table::read(text).columns,
    })
}

fn set(s: &AppState, path: FieldPath, value: &str) -> AppState {
    s.reduce(DocAction::Set {
        path,
        value: value.into(),
    })
}

#[test]
fn opening_the_seed_evaluates_it() {
    let s = seed_state();
    assert_eq!(s.screen, Screen::Editor);
    assert_eq!(doc(&s).evaluation.total.shown(), "97.66");
    assert_eq!(doc(&s).evaluation.grade.as_ref().unwrap().grade, "优");
}

#[test]
fn an_edit_records_the_profile_the_form_is_now_scored_with_and_undo_takes_it_back() {
    // A form scored elsewhere with another version of its profile: flagged until it is edited here.
    let text = SEED.replacen(
        "\"profile\": \"jinzhong-2021\",",
        "\"profile\": \"jinzhong-2021\",\n  \"profile_hash\": \"fnv1a64:0000000000000000\",",
        1,
    );
    let s = AppState::new(Lang::Zh).reduce(DocAction::Import {
        id: "d1".into(),
        file: "other.json".into(),
        bytes: text.into_bytes(),
    });
    let flagged = |s: &AppState| {
        doc(s)
            .evaluation
            .findings
            .iter()
            .any(|f| f.code == ziping_engine::findings::FindingCode::ProfileChanged)
    };
    assert!(flagged(&s));
    let edited = set(&s, FieldPath::Header(HeaderField::Project), "改过的项目");
    assert_eq!(
        doc(&edited).form.profile_hash,
        doc(&edited).profile.fingerprint()
    );
    assert!(!flagged(&edited));
    assert!(ziping_engine::to_json(&doc(&edited).form).contains(doc(&edited).profile.fingerprint()));
    let undone = edited.reduce(DocAction::Undo);
    assert!(flagged(&undone));
    // A new form starts with it.
    let new = AppState::new(Lang::Zh).reduce(DocAction::New {
        id: "d2".into(),
        profile: "central-2020".into(),
    });
    assert_eq!(doc(&new).form.profile_hash, doc(&new).profile.fingerprint());
}

#[test]
fn an_edit_reevaluates_at_once() {
    let s = set(
        &seed_state(),
        FieldPath::FundsCell(0, FundsColumn::Spent),
        "969.94",
    );
    let e = &doc(&s).evaluation;
    assert_eq!(e.total.shown(), "99.00");
    assert_eq!(
        e.blocks[0]
            .rows
            .iter()
            .find(|r| r.id == "budget_execution")
            .unwrap()
            .score
            .shown(),
        "3.00"
    );
    assert_eq!(doc(&s).revision, 1);
}

#[test]
fn a_value_that_is_not_a_number_stays_as_typed_and_is_never_scored_as_another_number() {
    let s0 = seed_state();
    let spent = FieldPath::FundsCell(0, FundsColumn::Spent);
    // Typed key by key, as a clerk does: "4", "48", "48,", "48,6".
    let mut s = s0.clone();
    for prefix in ["4", "48", "48,", "48,6"] {
        s = set(&s, spent.clone(), prefix);
    }
    let d = doc(&s);
    assert_eq!(spent.get(&d.form), "48,6", "the field holds what was typed");
    assert_eq!(d.form.funds.rows[0].figures.spent, None, "not 48");
    assert_eq!(d.evaluation.total.shown(), "—");
    assert!(d
        .evaluation
        .findings
        .iter()
        .any(|f| f.code.key() == "value.unread" && f.path == spent));
    // One field typed key by key is one undo step, and undo brings the number back.
    let s = s.reduce(DocAction::Undo);
    assert_eq!(spent.get(&doc(&s).form), "536.23");
    let s = s.reduce(DocAction::Redo);
    assert_eq!(spent.get(&doc(&s).form), "48,6");
    // Another field edited in between leaves it as typed (no old number comes back).
    let s = set(&s, FieldPath::Header(path::HeaderField::Project), "改名");
    assert_eq!(spent.get(&doc(&s).form), "48,6");
    assert_eq!(doc(&s).form.funds.rows[0].figures.spent, None);
    // Full-width digits and thousands separators are numbers.
    let s = set(&s0, spent.clone(), "９６９.９４");
    assert_eq!(doc(&s).evaluation.total.shown(), "99.00");
    let s = set(&s0, spent.clone(), "969.94");
    let t = set(&s0, spent.clone(), "9,69.94");
    assert_eq!(doc(&s).evaluation.total.shown(), "99.00");
    assert_eq!(doc(&t).evaluation.total.shown(), "—");
}

#[test]
fn undo_walks_back_ten_edits_and_redo_walks_forward() {
    let s0 = seed_state();
    let mut s = s0.clone();
    let fields = [
        FieldPath::Header(HeaderField::Project),
        FieldPath::Header(HeaderField::Year),
        FieldPath::Header(HeaderField::Unit),
        FieldPath::FundsCell(0, FundsColumn::Spent),
        FieldPath::Indicator(2, IndicatorField::Actual),
        FieldPath::Indicator(3, IndicatorField::Target),
        FieldPath::Narrative("other".into()),
        FieldPath::DeclaredGrade,
        FieldPath::DeclaredTotal,
        FieldPath::Header(HeaderField::Period),
    ];
    let mut states = vec![s.clone()];
    for (i, f) in fields.iter().enumerate() {
        let v = if f.kind() == path::Kind::Decimal {
            format!("{}", 90 + i)
        } else {
            format!("改{i}")
        };
        s = set(&s, f.clone(), &v);
        states.push(s.clone());
    }
    assert_eq!(
        doc(&s).evaluation.total.shown(),
        doc(&s).evaluation.total.shown()
    );
    for back in (0..10).rev() {
        s = s.reduce(DocAction::Undo);
        assert_eq!(
            doc(&s).form,
            doc(&states[back]).form,
            "after undoing to step {back}"
        );
    }
    assert!(!doc(&s).can_undo());
    assert_eq!(doc(&s).form, doc(&s0).form);
    for expected in &states[1..] {
        s = s.reduce(DocAction::Redo);
        assert_eq!(doc(&s).form, doc(expected).form);
    }
}

#[test]
fn typing_in_one_field_is_one_undo_step_and_a_new_edit_clears_redo() {
    let s0 = seed_state();
    let path = FieldPath::Header(HeaderField::Project);
    let mut s = s0.clone();
    for v in ["交", "交警", "交警支队"] {
        s = set(&s, path.clone(), v);
    }
    s = s.reduce(DocAction::Undo);
    assert_eq!(doc(&s).form, doc(&s0).form);
    s = s.reduce(DocAction::Redo);
    assert_eq!(doc(&s).form.header.project, "交警支队");
    s = s.reduce(DocAction::Undo);
    s = set(&s, FieldPath::Header(HeaderField::Year), "2022");
    assert!(!doc(&s).can_redo());
}

#[test]
fn an_edit_that_changes_nothing_makes_no_revision_and_no_undo_step() {
    // After an edit only the part of the form its field lives in is compared with the form before;
    // that must agree with comparing the whole forms, for every kind of field.
    let s0 = seed_state();
    let form = &doc(&s0).form;
    for text in [
        "status",
        "header.project",
        "funds.rows[0].source",
        "funds.rows[0].spent",
        "funds.declared_total.budget",
        "funds.declared_rate",
        "funds.deviation_reason",
        "narratives.overview",
        "narratives.fund_use",
        "indicators[3].actual",
        "indicators[3].weight",
        "indicators[0].block",
        "indicators[5].not_applicable",
        "scores.budget_execution.score",
        "scores.no_such_row.score_reason",
        "block_weights.output",
        "evaluators[1].phone",
        "signoff.filed_on",
        "declared.total",
        "declared.grade",
        "declared.blocks.input",
    ] {
        let path = FieldPath::parse(text).unwrap();
        let now = path.get(form);
        // The same value, the same number written otherwise, something else, and nothing.
        let numeric = path.kind() == path::Kind::Decimal;
        let again = if numeric && !now.is_empty() {
            format!("{now}{}", if now.contains('.') { "0" } else { ".0" })
        } else {
            now.clone()
        };
        let other = if numeric {
            "12.5".to_string()
        } else {
            format!("{now}改")
        };
        for value in [now.clone(), again, other, String::new()] {
            let mut next = (**form).clone();
            if path.set(&mut next, &value, &doc(&s0).profile).is_err() {
                continue;
            }
            assert_eq!(
                path.same_part(&next, form),
                next == **form,
                "{text} = {value:?}"
            );
            let s = set(&s0, path.clone(), &value);
            let unchanged = next == **form;
            assert_eq!(
                doc(&s).revision == doc(&s0).revision,
                unchanged,
                "{text} = {value:?}"
            );
            assert_eq!(doc(&s).can_undo(), !unchanged, "{text} = {value:?}");
        }
    }
}

#[test]
fn rows_are_added_removed_moved_indented_and_outdented() {
    let s0 = seed_state();
    let n = doc(&s0).form.indicators.len();
    let s = s0.reduce(RowAction::AddIndicator {
        after: Some(2),
        level: 3,
    });
    let f = &doc(&s).form;
    assert_eq!(f.indicators.len(), n + 1);
    assert_eq!(f.indicators[3].level, 3);
    assert!(
        f.indicators
            .iter()
            .filter(|r| r.id == f.indicators[3].id)
            .count()
            == 1,
        "fresh ids are unique"
    );
    let s = s.reduce(RowAction::MoveIndicator { row: 3, up: true });
    assert_eq!(doc(&s).form.indicators[2].name, "");
    let s = s.reduce(RowAction::Outdent(2));
    assert_eq!(doc(&s).form.indicators[2].level, 2);
    let s = s.reduce(RowAction::Outdent(2));
    assert_eq!(
        (
            doc(&s).form.indicators[2].level,
            doc(&s).form.indicators[2].block.as_str()
        ),
        (1, "")
    );
    let s = s
        .reduce(RowAction::Indent(2))
        .reduce(RowAction::Indent(2))
        .reduce(RowAction::Indent(2));
    assert_eq!(doc(&s).form.indicators[2].level, 3);
    let s = s.reduce(RowAction::RemoveIndicator(2));
    assert_eq!(doc(&s).form.indicators, doc(&s0).form.indicators);
    // Moving the first row up or a row beyond the end changes nothing.
    let t = s
        .reduce(RowAction::MoveIndicator { row: 0, up: true })
        .reduce(RowAction::RemoveIndicator(999));
    assert_eq!(doc(&t).revision, doc(&s).revision);
}

#[test]
fn rows_pasted_from_a_spreadsheet_become_rows() {
    let s = AppState::new(Lang::Zh).reduce(DocAction::New {
        id: "n".into(),
        profile: "central-2020".into(),
    });
    let tsv = "产出指标\t数量指标\t开展交流活动\t≥3次\t3\t10\t10\t\r\n\
               产出指标\t质量指标\t能力提升\t创业能力提升\t达成预期指标\t二十\t20\t\n\n\
               满意度指标\t满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t";
    let s = paste_rows(&s, None, tsv);
    let f = &doc(&s).form;
    let pasted: Vec<(u8, &str, &str)> = f
        .indicators
        .iter()
        .skip(12)
        .map(|r| (r.level, r.name.as_str(), r.block.as_str()))
        .collect();
    assert_eq!(
        pasted,
        [
            (1, "产出指标", "output"),
            (2, "数量指标", ""),
            (3, "开展交流活动", ""),
            (2, "质量指标", ""),
            (3, "能力提升", ""),
            (1, "满意度指标", "satisfaction"),
            (2, "满意度指标", ""),
            (3, "群众满意度", "")
        ]
    );
    let r = &f.indicators[14];
    assert_eq!(
        (
            r.target.as_str(),
            r.actual.as_str(),
            r.weight.unwrap().to_string(),
            r.score.unwrap().to_string()
        ),
        ("≥3次", "3", "10".into(), "10".into())
    );
    // A weight that is not a number stays in its field as pasted, not lost, and holds no number.
    assert_eq!(f.indicators[16].weight, None);
    assert_eq!(
        FieldPath::Indicator(16, path::IndicatorField::Weight).get(f),
        "二十"
    );
    // Short lines are rows of name, target, actual.
    let s = paste_rows(&s, Some(0), "新指标\t≥1个\t1个");
    assert_eq!(doc(&s).form.indicators[1].target, "≥1个");
    assert!(doc(&s).can_undo());
}

#[test]
fn markup_in_imported_narratives_becomes_plain_paragraphs() {
    let text = SEED.replace("\"无\"", "\"<p>无</p><p>另起一段</p>\"");
    let form = import_form(&text);
    assert_eq!(form.narratives["other"], "无\n另起一段");
}

#[test]
fn a_form_of_an_unknown_profile_is_reported_and_nothing_opens() {
    let mut form = import_form(SEED);
    form.profile = "nowhere".into();
    let s = AppState::new(Lang::Zh).reduce(DocAction::Open {
        id: "x".into(),
        form: Box::new(form),
        read_only: false,
    });
    assert!(s.doc.is_none());
    assert_eq!(s.import_report.unwrap().problems[0].path, "profile");
}

#[test]
fn read_only_forms_refuse_edits_until_copied() {
    let form = import_form(SEED);
    let s = AppState::new(Lang::Zh).reduce(DocAction::Open {
        id: "r".into(),
        form: Box::new(form),
        read_only: true,
    });
    let t = set(&s, FieldPath::Header(HeaderField::Project), "改");
    assert_eq!(doc(&t).form, doc(&s).form);
    let t = t.reduce(DocAction::EditCopy { id: "copy".into() });
    assert!(!doc(&t).read_only);
    let t = set(&t, FieldPath::Header(HeaderField::Project), "改");
    assert_eq!(doc(&t).form.header.project, "改");
}

#[test]
fn export_names_come_from_the_project_and_year() {
    let s = seed_state();
    let d = doc(&s);
    assert_eq!(export_name(&d.form), "交警支队专项业务经费-2021.json");
    assert_eq!(
        export_name_as(&d.form, "xlsx"),
        "交警支队专项业务经费-2021.xlsx"
    );
    let mut f = (*d.form).clone();
    f.header.project = "a/b:c".into();
    f.header.year = String::new();
    assert_eq!(export_name(&f), "abc.json");
}

#[test]
fn a_new_form_starts_from_the_profile_and_edits_score_live() {
    let s = AppState::new(Lang::Zh).reduce(DocAction::New {
        id: "n".into(),
        profile: "jinzhong-2021".into(),
    });
    let d = doc(&s);
    assert_eq!(d.form.funds.rows.len(), 4);
    let s = set(
        &s,
        FieldPath::Score("approval_compliance".into(), path::ScoreField::Score),
        "3",
    );
    let ev = &doc(&s).evaluation;
    let row = ev.blocks[0]
        .rows
        .iter()
        .find(|r| r.id == "approval_compliance")
        .unwrap();
    assert_eq!(row.score.shown(), "3.00");
    // The block waits for the funds table's amounts (a new form has none yet).
    assert_eq!(ev.blocks[0].score.shown(), "—");
    // Clearing a score entry's last field removes the entry.
    let s = set(
        &s,
        FieldPath::Score("approval_compliance".into(), path::ScoreField::Score),
        "",
    );
    assert!(doc(&s).form.scores.is_empty());
}

#[test]
fn print_preview_shows_the_open_form_and_returns_to_it_unchanged() {
    let s = seed_state();
    let before = doc(&s).form.clone();
    let s = s.reduce(DocAction::PrintPreview(true));
    assert_eq!(s.screen, Screen::Print);
    assert!(
        Rc::ptr_eq(&doc(&s).form, &before),
        "preview never touches the form"
    );
    let s = s.reduce(DocAction::PrintPreview(false));
    assert_eq!(s.screen, Screen::Editor);
    // Without an open form there is nothing to print: the screen stays where it is.
    let s = AppState::new(Lang::Zh).reduce(DocAction::PrintPreview(true));
    assert_eq!(s.screen, Screen::Start);
}

mod review_desk {
    use super::super::review::{review_file, Filter, FilterBy};
    use super::*;
    use ziping_engine::review::Column;

    const FORM_A: &str = include_str!("../../../examples/huoqiu-2022-sci-tech-commissioners.json");
    const FORM_B: &str =
        include_str!("../../../examples/guichi-tangxi-2022-commissioned-business.json");

    fn desk() -> AppState {
        let s = AppState::new(Lang::Zh).reduce(ReviewAction::Show);
        let mut rows = Vec::new();
        let mut bad = Vec::new();
        for (name, text) in [
            ("seed.json", SEED),
            ("a.json", FORM_A),
            ("b.json", FORM_B),
            ("broken.json", "{\"format\": "),
        ] {
            match review_file(name, text.as_bytes(), &s.registry) {
                Ok(r) => rows.push(r),
                Err(u) => bad.push(u),
            }
        }
        s.reduce(ReviewAction::Add {
            rows,
            unreadable: bad,
        })
    }

    fn files(s: &AppState) -> Vec<String> {
        s.review
            .visible()
            .into_iter()
            .map(|i| s.review.rows[i].file.clone())
            .collect()
    }

    #[test]
    fn a_batch_lists_readable_forms_and_names_the_unreadable_ones() {
        let s = desk();
        assert_eq!(s.screen, Screen::Review);
        assert_eq!(files(&s), ["seed.json", "a.json", "b.json"]);
        assert_eq!(s.review.unreadable.len(), 1);
        assert_eq!(s.review.unreadable[0].file, "broken.json");
        assert!(!s.review.unreadable[0].problems.is_empty());
        let seed = &s.review.rows[0];
        assert_eq!(
            (seed.declared_grade.as_str(), seed.grade.as_str()),
            ("差", "优")
        );
        // The same file again replaces its row instead of doubling it.
        let again = review_file("seed.json", SEED.as_bytes(), &s.registry).unwrap();
        let s = s.reduce(ReviewAction::Add {
            rows: vec![again],
            unreadable: vec![],
        });
        assert_eq!(s.review.rows.len(), 3);
    }

    /// The computed totals of the rows the desk shows, in its order.
    fn totals(s: &AppState) -> Vec<Option<ziping_engine::decimal::Decimal>> {
        let r = &s.review;
        r.visible().iter().map(|&i| r.rows[i].total).collect()
    }

    #[test]
    fn sorting_toggles_and_filters_combine() {
        let s = desk();
        let s = s.reduce(ReviewAction::Sort(Column::Total));
        let up = totals(&s);
        assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
        let s = s.reduce(ReviewAction::Sort(Column::Total));
        let down = totals(&s);
        assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
        assert_eq!(files(&s)[0], "a.json", "form A scores 100.00");

        let errors = s.reduce(ReviewAction::Filter(Filter {
            errors_only: true,
            ..Filter::default()
        }));
        assert!(errors
            .review
            .visible()
            .iter()
            .all(|&i| errors.review.rows[i].counts.errors > 0));
        assert!(!files(&errors).contains(&"a.json".to_string()));
        let profile = s.reduce(ReviewAction::Filter(Filter {
            profile: Some("jinzhong-2021".into()),
            ..Filter::default()
        }));
        assert_eq!(files(&profile), ["seed.json"]);
        let grade = s.reduce(ReviewAction::Filter(Filter {
            grade: Some("优".into()),
            ..Filter::default()
        }));
        assert!(grade
            .review
            .visible()
            .iter()
            .all(|&i| grade.review.rows[i].grade == "优"));
        let unit = s.review.choices(FilterBy::Unit);
        assert!(!unit.is_empty());
        let by_unit = s.reduce(ReviewAction::Filter(Filter {
            unit: Some(unit[0].clone()),
            ..Filter::default()
        }));
        assert!(by_unit
            .review
            .visible()
            .iter()
            .all(|&i| by_unit.review.rows[i].unit == unit[0]));
    }

    #[test]
    fn a_row_opens_read_only_and_closing_returns_to_the_desk() {
        let s = desk().reduce(ReviewAction::OpenRow {
            id: "r1".into(),
            row: 0,
        });
        assert_eq!(s.screen, Screen::Editor);
        assert!(doc(&s).read_only);
        assert_eq!(doc(&s).evaluation.total.shown(), "97.66");
        assert!(
            !doc(&s).evaluation.findings.is_empty(),
            "its findings come with it"
        );
        let copy = s.reduce(DocAction::EditCopy { id: "d9".into() });
        assert!(!doc(&copy).read_only);
        let back = s.reduce(DocAction::Close);
        assert_eq!(back.screen, Screen::Review);
        assert_eq!(back.review.rows.len(), 3, "the batch is still there");
        assert_eq!(back.reduce(DocAction::Close).screen, Screen::Start);
        assert!(back.reduce(ReviewAction::Clear).review.rows.is_empty());
    }
}

#[test]
fn in_funds_names_exactly_the_paths_under_funds() {
    for text in [
        "funds.rows[0].source",
        "funds.rows[2].initial",
        "funds.rows[1].spent",
        "funds.declared_total.budget",
        "funds.declared_rate",
        "funds.declared_score",
        "funds.deviation_reason",
        "funds.adjustment_reason",
        "status",
        "header.project",
        "narratives.overview",
        "indicators[0].actual",
        "scores.budget_execution.score",
        "block_weights.output",
        "evaluators[0].name",
        "signoff.filed_on",
        "declared.total",
        "declared.blocks.input",
    ] {
        let path = FieldPath::parse(text).unwrap_or_else(|| panic!("{text} is a field path"));
        assert_eq!(path.in_funds(), text.starts_with("funds."), "{text}");
    }
}

#[test]
fn an_imported_file_opens_through_the_intake_or_reports_every_problem() {
    let s = AppState::new(Lang::Zh).reduce(DocAction::Import {
        id: "i1".into(),
        file: "seed.json".into(),
        bytes: SEED.as_bytes().to_vec(),
    });
    assert_eq!(doc(&s).evaluation.total.shown(), "97.66");
    // A broken file changes nothing of the open form, and every problem is listed with its path.
    let broken = r#"{"format": "ziping-form", "schema_version": 1, "profile": "central-2020", "funds": {"rows": [{"budget": 12.5}]}, "colour": "red"}"#;
    let t = s.reduce(DocAction::Import {
        id: "i2".into(),
        file: "broken.json".into(),
        bytes: broken.as_bytes().to_vec(),
    });
    assert!(Rc::ptr_eq(&doc(&t).form, &doc(&s).form));
    let report = t.import_report.as_ref().unwrap();
    assert_eq!(report.file, "broken.json");
    let paths: Vec<String> = report.problems.iter().map(|p| p.path.to_string()).collect();
    assert_eq!(paths, ["colour", "funds.rows[0].budget"]);
    // A workbook is named as one, not reported as broken JSON.
    let t = s.reduce(DocAction::Import {
        id: "i3".into(),
        file: "表.xlsx".into(),
        bytes: b"PK\x03\x04....".to_vec(),
    });
    assert!(t.import_report.unwrap().problems[0]
        .message
        .en
        .contains("workbook"));
}

mod render_skipping {
    use super::*;
    use crate::findings_index::FindingsIndex;
    use crate::sections::{Part, View};

    /// Which sections show something different after `edit` of the seed.
    fn changed(path: FieldPath, value: &str) -> Vec<Part> {
        let a = seed_state();
        let b = set(&a, path, value);
        let (da, db) = (doc(&a), doc(&b));
        let (ia, ib) = (
            FindingsIndex::new(&da.evaluation),
            FindingsIndex::new(&db.evaluation),
        );
        fn view<'a>(d: &'a Doc, index: &'a FindingsIndex) -> View<'a> {
            View {
                form: &d.form,
                evaluation: &d.evaluation,
                index,
            }
        }
        [
            Part::Header,
            Part::Funds,
            Part::Narrative,
            Part::Scoring,
            Part::Evaluators,
            Part::Signoff,
            Part::Declared,
        ]
        .into_iter()
        .filter(|p| !p.unchanged("overview", view(da, &ia), view(db, &ib)))
        .collect()
    }

    #[test]
    fn an_edit_renders_only_the_sections_that_show_it() {
        assert_eq!(
            changed(FieldPath::Header(HeaderField::Project), "新名称"),
            [Part::Header]
        );
        // The spent amount changes the funds table, the budget-execution row of the scoring table,
        // and the declared section, where the stated 97.66 is now found to differ from 99.00.
        assert_eq!(
            changed(FieldPath::FundsCell(0, FundsColumn::Spent), "969.94"),
            [Part::Funds, Part::Scoring, Part::Declared]
        );
        assert_eq!(
            changed(FieldPath::Narrative("overview".into()), "新的概况"),
            [Part::Narrative]
        );
        assert_eq!(changed(FieldPath::DeclaredGrade, "优"), [Part::Declared]);
        // `Any` (the indicator table) renders again on every change.
        let a = seed_state();
        let ia = FindingsIndex::new(&doc(&a).evaluation);
        let v = View {
            form: &doc(&a).form,
            evaluation: &doc(&a).evaluation,
            index: &ia,
        };
        assert!(!Part::Any.unchanged("", v, v));
        assert!(Part::Header.unchanged("", v, v));
    }

    #[test]
    fn findings_are_indexed_by_the_input_they_lead_to() {
        let s = seed_state();
        let index = FindingsIndex::new(&doc(&s).evaluation);
        let notes = index.notes(&FieldPath::DeclaredGrade);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.zh.contains("等次填为“差”"));
        assert!(!index.has_notes(&FieldPath::Header(HeaderField::Project)));
        // A finding on a row of the indicator table is shown on the row's first field.
        let s = set(
            &s,
            FieldPath::Indicator(3, IndicatorField::Actual),
            "约30个",
        );
        let index = FindingsIndex::new(&doc(&s).evaluation);
        let row = index.row_notes(3).expect("the row has notes");
        assert!(row.iter().any(|(f, _)| *f == IndicatorField::Actual));
    }
}

#[test]
fn a_form_with_errors_cannot_be_marked_final() {
    let s = set(&seed_state(), FieldPath::Status, "draft");
    assert_eq!(doc(&s).form.status, ziping_engine::model::Status::Draft);
    assert!(doc(&s).evaluation.counts.errors > 0);
    let s = set(&s, FieldPath::Status, "final");
    assert_eq!(doc(&s).form.status, ziping_engine::model::Status::Draft);
    match &s.notice {
        Some(Notice::FinalRefused(errors)) => {
            assert_eq!(errors.len(), doc(&s).evaluation.counts.errors);
            assert_eq!(errors[0].0, FieldPath::DeclaredGrade);
        }
        other => panic!("no refusal: {other:?}"),
    }
    // The error fixed (the stated grade made 优), 定稿 is taken.
    let s = set(&s, FieldPath::DeclaredGrade, "优");
    assert_eq!(doc(&s).evaluation.counts.errors, 0);
    let s = set(&s, FieldPath::Status, "final");
    assert_eq!(doc(&s).form.status, ziping_engine::model::Status::Final);
}

/// A form of a link, opened as `OpenShared` is: the seed's exported JSON text.
fn shared_state(from: &AppState) -> AppState {
    from.reduce(DocAction::OpenShared {
        id: "link1".into(),
        bytes: ziping_engine::to_json(&doc(&seed_state()).form).into_bytes(),
    })
}

#[test]
fn a_form_of_a_link_opens_read_only_with_its_scores_and_findings() {
    let s = shared_state(&AppState::new(Lang::Zh));
    let d = doc(&s);
    assert!(s.shared && d.read_only);
    assert_eq!(s.screen, Screen::Editor);
    let seed = seed_state();
    assert_eq!(d.form, doc(&seed).form, "the same form as its file");
    assert_eq!(
        d.evaluation,
        doc(&seed).evaluation,
        "the same scores and findings"
    );
    assert_eq!(d.evaluation.total.shown(), "97.66");
    // Read-only: an edit changes nothing.
    let after = set(&s, FieldPath::Header(HeaderField::Project), "改");
    assert_eq!(doc(&after).form, d.form);
    assert_eq!(doc(&after).revision, 0);
}

#[test]
fn edit_a_copy_makes_a_link_form_a_draft_and_close_forgets_it() {
    let s = shared_state(&AppState::new(Lang::Zh));
    let copy = s.reduce(DocAction::EditCopy { id: "d9".into() });
    assert!(!copy.shared);
    assert!(!doc(&copy).read_only);
    assert_eq!(doc(&copy).id, "d9");
    assert_eq!(doc(&copy).form, doc(&s).form);
    let closed = s.reduce(DocAction::Close);
    assert!(!closed.shared && closed.doc.is_none());
    assert_eq!(closed.screen, Screen::Start);
    // Any other form opened after it is no form of a link.
    let other = s.reduce(DocAction::New {
        id: "n1".into(),
        profile: doc(&s).profile.id.clone(),
    });
    assert!(!other.shared && !doc(&other).read_only);
}

#[test]
fn a_link_whose_form_does_not_read_reports_every_problem_and_keeps_the_open_form() {
    let s = seed_state();
    let bad = s.reduce(DocAction::OpenShared {
        id: "link2".into(),
        bytes: br#"{"format":"ziping-form","version":1,"profile":"nope"}"#.to_vec(),
    });
    assert!(!bad.shared);
    assert_eq!(doc(&bad).id, "d1", "the open form stays");
    assert_eq!(doc(&bad).form, doc(&s).form);
    let report = bad.import_report.as_ref().unwrap();
    assert_eq!(report.file, share::LINK_FILE);
    assert!(!report.problems.is_empty());
}
