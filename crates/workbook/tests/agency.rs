//! Workbooks filled in the way agencies fill the official layouts, saved by LibreOffice as .xlsx,
//! .xls and .ods (`tests/workbooks/`, made by `tools/make-workbooks.sh`): each is read, its form
//! found by its labels, and every field checked.

use std::path::Path;
use ziping_engine::decimal::Decimal;
use ziping_engine::findings::FindingCode;
use ziping_engine::intake::WorkbookOpened;
use ziping_engine::Registry;

const KINDS: [&str; 3] = ["xlsx", "xls", "ods"];

fn open(name: &str, kind: &str) -> WorkbookOpened {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/workbooks/{name}.{kind}"));
    let bytes = std::fs::read(&path).unwrap();
    ziping_workbook::open(&format!("{name}.{kind}"), &bytes, &Registry::new())
        .unwrap_or_else(|u| panic!("{name}.{kind}: {:?}", u.problems))
}

fn d(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

#[test]
fn a_jinzhong_form_as_a_unit_filled_it_is_read_in_every_format() {
    for kind in KINDS {
        let book = open("jinzhong-agency", kind);
        assert_eq!(book.forms.len(), 1, "{kind}");
        let (found, o) = &book.forms[0];
        let f = &o.form;
        assert_eq!(found.profile.id, "jinzhong-2021", "{kind}");
        // The unit's line above the title, label and value in one cell.
        assert_eq!(f.header.filing_unit, "晋中市公安局交通警察支队", "{kind}");
        assert_eq!(f.header.project, "交警支队专项业务经费", "{kind}");
        assert_eq!(f.header.year, "2021", "{kind}");
        let sources: Vec<&str> = f.funds.rows.iter().map(|r| r.source.as_str()).collect();
        assert_eq!(
            sources,
            ["市级预算资金", "上年结转资金", "上级财政资金", "其他"],
            "{kind}"
        );
        // A number typed as text; 元 in a 万元 table converted; `/` and `-` empty.
        assert_eq!(f.funds.rows[0].figures.budget, d("969.94"), "{kind}");
        assert_eq!(f.funds.rows[0].figures.allocated, d("969.94"), "{kind}");
        assert_eq!(
            f.funds.rows[0].typed.get("allocated").map(String::as_str),
            Some("9,699,400元")
        );
        assert_eq!(f.funds.rows[1].figures.budget, None, "{kind}");
        assert_eq!(f.funds.rows[2].figures.budget, None, "{kind}");
        // The total row's formulas, their cached values as the form's statement.
        assert_eq!(f.funds.declared_total.spent, d("536.23"), "{kind}");
        assert_eq!(f.funds.declared_rate, d("55.29"), "{kind}");
        // Headings merged down their rows; rows under them belong to them.
        let outline: Vec<(u8, &str)> = f
            .indicators
            .iter()
            .map(|r| (r.level, r.name.as_str()))
            .collect();
        assert_eq!(
            outline[..5],
            [
                (1, "产出指标"),
                (2, "数量指标"),
                (3, "驾驶人社会考场服务"),
                (3, "融媒体中心"),
                (2, "时效指标")
            ],
            "{kind}"
        );
        assert_eq!(f.indicators[2].declared_completion, "50%", "{kind}");
        // The scoring table's judgement rows are the evaluator's scores, the computed ones stated.
        assert_eq!(f.scores["approval_compliance"].score, d("3"), "{kind}");
        assert_eq!(
            f.scores["budget_execution"].declared_score,
            d("1.66"),
            "{kind}"
        );
        assert_eq!(f.declared.total, d("97.66"), "{kind}");
        assert_eq!(f.declared.grade, "差", "{kind}");
        assert_eq!(f.evaluators.len(), 1, "{kind}");
        assert_eq!(
            f.signoff.filed_on, "2022-07-02",
            "a date serial is a date ({kind})"
        );
        assert_eq!(
            f.narratives["overview"],
            "40米二级考场建设、科目三考场改造等项目。"
        );
        // Scored as the JSON form would be: 97.66 is 优, and the stated 差 and 55.29% are errors.
        assert_eq!(o.evaluation.total.shown(), "97.66", "{kind}");
        let codes: Vec<FindingCode> = o.evaluation.findings.iter().map(|x| x.code).collect();
        assert!(
            codes.contains(&FindingCode::GradeContradictsTotal),
            "{kind}: {codes:?}"
        );
        assert!(
            codes.contains(&FindingCode::FundsRateMismatch),
            "{kind}: {codes:?}"
        );
        // Where each field came from, and the footnote left out.
        let lines = found.mapping_lines(ziping_engine::Lang::Zh);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("预算下达资金 ← 自评表!E10")),
            "{kind}: {lines:#?}"
        );
        assert!(
            found.unused.iter().any(|u| u.shown.starts_with("注：")),
            "{kind}"
        );
        assert!(
            !found.unused.iter().any(|u| u.shown == "评分表"),
            "a section's title is not content"
        );
    }
}

#[test]
fn two_central_forms_on_one_sheet_with_header_variants() {
    for kind in KINDS {
        let book = open("central-two-forms", kind);
        let projects: Vec<&str> = book
            .forms
            .iter()
            .map(|(_, o)| o.form.header.project.as_str())
            .collect();
        assert_eq!(projects, ["国省干线公路养护", "农村公路养护"], "{kind}");
        for ((found, o), (spent, rate)) in book.forms.iter().zip([("90", "90"), ("80", "80")]) {
            let f = &o.form;
            assert_eq!(found.profile.id, "central-2020", "{kind}");
            assert_eq!(f.header.year, "2023", "{kind}");
            assert_eq!(f.funds.rows[0].source, "当年财政拨款", "{kind}");
            assert_eq!(
                f.funds.rows[0].figures.budget,
                d("100"),
                "调整后预算数 too ({kind})"
            );
            assert_eq!(f.funds.rows[0].figures.spent, d(spent), "{kind}");
            assert_eq!(
                f.funds.declared_rate,
                d(rate),
                "0.9 as a percent, and 80% ({kind})"
            );
            assert_eq!(f.narratives["goal_expected"], "完成国省干线养护", "{kind}");
            assert_eq!(f.narratives["goal_actual"], "完成了国省干线养护", "{kind}");
            let blocks: Vec<(&str, &str)> = f
                .indicators
                .iter()
                .filter(|r| r.level == 1)
                .map(|r| (r.name.as_str(), r.block.as_str()))
                .collect();
            assert_eq!(
                blocks,
                [
                    ("产出指标", "output"),
                    ("效益指标", "benefit"),
                    ("满意度指标", "satisfaction")
                ]
            );
            assert!(
                f.block_weights.is_empty(),
                "（50分） is the profile's weight ({kind})"
            );
            assert_eq!(f.declared.grade, "优");
        }
        let first = &book.forms[0].1;
        assert_eq!(first.evaluation.total.shown(), "99.00", "{kind}");
        assert_eq!(first.form.declared.total, d("99"), "{kind}");
        if kind == "xlsx" {
            // The number format's text: 0.95 shown as ≥95%.
            let row = first
                .form
                .indicators
                .iter()
                .find(|r| r.name == "路面合格率")
                .unwrap();
            assert_eq!((row.target.as_str(), row.actual.as_str()), ("≥95%", "96%"));
        }
    }
}

#[test]
fn one_form_per_sheet_with_its_funds_in_yuan() {
    for kind in KINDS {
        let book = open("budget10-per-sheet", kind);
        assert_eq!(book.forms.len(), 2, "{kind}");
        let (found, o) = &book.forms[0];
        assert_eq!(found.profile.id, "budget10-indicators90", "{kind}");
        assert_eq!(found.sheet, "推广项目");
        assert!(o.file.contains("推广项目"), "{}", o.file);
        let f = &o.form;
        assert_eq!(
            f.funds.rows[0].figures.budget,
            d("50"),
            "500,000 元 is 50 万元 ({kind})"
        );
        assert_eq!(f.funds.rows[0].figures.spent, d("45"), "{kind}");
        assert_eq!(f.funds.declared_total.spent, d("45"), "{kind}");
        let m = found
            .mapping
            .iter()
            .find(|m| m.path.to_string() == "funds.declared_total.spent")
            .unwrap();
        assert!(
            m.note.as_ref().is_some_and(|n| n.zh.contains("换算为万元")),
            "{kind}: {m:?}"
        );
        let row = f.indicators.iter().find(|r| r.name == "亩均增收").unwrap();
        assert_eq!(
            (
                row.operator.as_str(),
                row.unit.as_str(),
                row.target.as_str()
            ),
            ("≥", "元", "200")
        );
        assert_eq!(row.deviation_reason, "价格下降");
        assert_eq!(f.declared.grade, "良");
        assert_eq!(book.forms[1].1.form.header.project, "示范基地建设");
    }
}

#[test]
fn a_workbook_without_a_form_says_what_was_looked_for() {
    for kind in KINDS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/workbooks/not-a-form.{kind}"));
        let u = ziping_workbook::open("x", &std::fs::read(path).unwrap(), &Registry::new())
            .unwrap_err();
        let m = &u.problems[0].message;
        assert!(
            m.zh.contains("通讯录") && m.zh.contains("项目名称") && m.zh.contains("三级指标"),
            "{kind}: {}",
            m.zh
        );
    }
}
