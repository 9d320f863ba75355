use super::*;
use crate::workbook::grid::{Cell, Sheet, Workbook};

/// A sheet from rows of cells: `"969.94"` is a number, `"'969.94"` the text 969.94, `""` empty.
fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        if t.is_empty() {
                            Cell::Empty
                        } else if let Some(text) = t.strip_prefix('\'') {
                            Cell::Text(text.into())
                        } else if let Ok(d) = t.parse::<Decimal>() {
                            Cell::number(d)
                        } else {
                            Cell::Text(t.to_string())
                        }
                    })
                    .collect()
            })
            .collect(),
        ..Sheet::default()
    }
}

fn central_sheet(project: &str, spent: &str) -> Vec<Vec<String>> {
    let rows: Vec<Vec<&str>> = vec![
        vec!["", "", "", "项目支出绩效自评表", "", "", "", "", ""],
        vec!["", "", "", "（2023年度）", "", "", "", "", ""],
        vec!["", "项目名称", "", project, "", "", "", "", ""],
        vec![
            "",
            "主管部门",
            "",
            "某某局",
            "",
            "实施单位",
            "",
            "某某中心",
            "",
        ],
        vec![
            "",
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数(A)",
            "全年执行数(B)",
            "分值",
            "执行率(B/A)",
            "得分",
        ],
        vec![
            "",
            "",
            "年度资金总额",
            "100",
            "100",
            spent,
            "10",
            "0.9",
            "9",
        ],
        vec![
            "",
            "",
            "其中：当年财政拨款",
            "100",
            "100",
            spent,
            "—",
            "—",
            "—",
        ],
        vec!["", "", "上年结转资金", "/", "/", "/", "—", "—", "—"],
        vec![
            "",
            "年度总体目标",
            "预期目标",
            "",
            "",
            "实际完成情况",
            "",
            "",
            "",
        ],
        vec!["", "", "完成道路养护", "", "", "完成了道路养护", "", "", ""],
        vec![
            "",
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
        ],
        vec![
            "",
            "",
            "产出指标（50分）",
            "数量指标",
            "养护里程",
            "≥100公里",
            "'120公里",
            "30",
            "30",
        ],
        vec!["", "", "", "质量指标", "合格率", "≥95%", "0.96", "20", "20"],
        vec![
            "",
            "",
            "效益指标（30分）",
            "社会效益指标",
            "通行条件改善",
            "明显改善",
            "明显改善",
            "30",
            "30",
        ],
        vec![
            "",
            "",
            "满意度指标（10分）",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            "92%",
            "10",
            "10",
        ],
        vec!["", "总分", "", "", "", "", "", "100", "99"],
        vec!["", "评价等次", "", "优", "", "", "", "", ""],
        vec!["", "注：金额单位为万元。", "", "", "", "", "", "", ""],
    ];
    rows.into_iter()
        .map(|r| r.into_iter().map(String::from).collect())
        .collect()
}

fn to_sheet(name: &str, rows: &[Vec<String>]) -> Sheet {
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let refs2: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    sheet(name, &refs2)
}

#[test]
fn a_central_form_is_found_by_its_labels_with_variants_and_offsets() {
    let book = Workbook {
        sheets: vec![to_sheet("Sheet1", &central_sheet("道路养护", "90"))],
    };
    let reg = Registry::new();
    let rec = recognise(&book, &reg);
    assert_eq!(rec.forms.len(), 1, "{:?}", rec.without_form);
    let f = &rec.forms[0];
    assert_eq!(f.profile.id, "central-2020");
    let form = &f.form;
    assert_eq!(form.header.project, "道路养护");
    assert_eq!(form.header.year, "2023");
    assert_eq!(form.header.department, "某某局");
    assert_eq!(form.header.unit, "某某中心");
    assert_eq!(form.funds.rows.len(), 2);
    assert_eq!(form.funds.rows[0].source, "当年财政拨款");
    assert_eq!(form.funds.rows[0].figures.spent, Some(Decimal::from(90)));
    assert_eq!(form.funds.rows[1].figures.budget, None, "/ is empty");
    assert_eq!(
        form.funds.declared_rate,
        Some(Decimal::from(90)),
        "0.9 in 执行率 is 90%"
    );
    assert_eq!(form.funds.declared_score, Some(Decimal::from(9)));
    assert_eq!(
        form.narratives.get("goal_expected").map(String::as_str),
        Some("完成道路养护")
    );
    assert_eq!(
        form.narratives.get("goal_actual").map(String::as_str),
        Some("完成了道路养护")
    );
    let names: Vec<(u8, &str, &str)> = form
        .indicators
        .iter()
        .map(|r| (r.level, r.name.as_str(), r.block.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            (1, "产出指标", "output"),
            (2, "数量指标", ""),
            (3, "养护里程", ""),
            (2, "质量指标", ""),
            (3, "合格率", ""),
            (1, "效益指标", "benefit"),
            (2, "社会效益指标", ""),
            (3, "通行条件改善", ""),
            (1, "满意度指标", "satisfaction"),
            (2, "服务对象满意度指标", ""),
            (3, "群众满意度", ""),
        ]
    );
    assert_eq!(form.indicators[2].target, "≥100公里");
    assert_eq!(form.indicators[2].actual, "120公里");
    assert_eq!(form.indicators[2].weight, Some(Decimal::from(30)));
    assert_eq!(form.indicators[2].declared_score, Some(Decimal::from(30)));
    assert_eq!(form.declared.total, Some(Decimal::from(99)));
    assert_eq!(form.declared.grade, "优");
    let spent = f
        .mapping
        .iter()
        .find(|m| m.path == FieldPath::FundsCell(0, FundsColumn::Spent))
        .expect("spent is mapped");
    assert_eq!(spent.cell.to_string(), "Sheet1!F7");
    assert!(f
        .mapping_lines(crate::Lang::Zh)
        .iter()
        .any(|l| l.contains("全年执行数") && l.contains("Sheet1!F7")));
    let unused: Vec<&str> = f.unused.iter().map(|u| u.shown.as_str()).collect();
    assert!(unused.contains(&"注：金额单位为万元。"), "{unused:?}");
    // The weight and score printed in the funds table's total row are read, nothing else is left.
    assert!(!unused.contains(&"10"), "{unused:?}");
}

#[test]
fn two_forms_on_one_sheet_are_two_forms() {
    let mut rows = central_sheet("甲项目", "90");
    rows.push(vec![String::new(); 9]);
    rows.extend(central_sheet("乙项目", "80"));
    let book = Workbook {
        sheets: vec![to_sheet("汇总", &rows)],
    };
    let rec = recognise(&book, &Registry::new());
    let projects: Vec<&str> = rec
        .forms
        .iter()
        .map(|f| f.form.header.project.as_str())
        .collect();
    assert_eq!(projects, vec!["甲项目", "乙项目"]);
    assert_eq!(
        rec.forms[1].form.funds.rows[0].figures.spent,
        Some(Decimal::from(80))
    );
    assert_eq!(rec.forms[1].form.header.year, "2023");
}

#[test]
fn a_table_in_yuan_is_converted_and_says_so() {
    let mut rows = central_sheet("道路养护", "900000");
    rows[4][1] = "项目资金（元）".into();
    rows[5][3] = "1000000".into();
    rows[5][4] = "1000000".into();
    rows[6][3] = "1000000".into();
    rows[6][4] = "1,000,000".into();
    let book = Workbook {
        sheets: vec![to_sheet("Sheet1", &rows)],
    };
    let rec = recognise(&book, &Registry::new());
    let f = &rec.forms[0];
    assert_eq!(f.form.funds.rows[0].figures.spent, Some(Decimal::from(90)));
    assert_eq!(
        f.form.funds.rows[0].figures.initial,
        Some(Decimal::from(100))
    );
    let m = f
        .mapping
        .iter()
        .find(|m| m.path == FieldPath::FundsCell(0, FundsColumn::Spent))
        .unwrap();
    assert!(m.note.as_ref().unwrap().zh.contains("元"), "{m:?}");
}

#[test]
fn a_sheet_without_a_form_says_what_was_looked_for_and_found() {
    let book = Workbook {
        sheets: vec![
            sheet("说明", &[&["项目名称", "某项目"], &["备注", "无"]]),
            sheet("Sheet2", &[&["预算资金"]]),
        ],
    };
    let rec = recognise(&book, &Registry::new());
    assert!(rec.forms.is_empty());
    let (name, why) = &rec.without_form[0];
    assert_eq!(name, "说明");
    assert!(
        why.zh.contains("项目名称") && why.zh.contains("三级指标"),
        "{}",
        why.zh
    );
    assert!(why.en.contains("looked for"), "{}", why.en);
}

#[test]
fn merged_headings_and_blank_cells_below_them_belong_to_the_row_above() {
    let mut rows = central_sheet("道路养护", "90");
    // 二级 left blank below its first row, as a merge leaves it.
    rows[12][3] = String::new();
    let s = to_sheet("Sheet1", &rows);
    let rec = recognise(&Workbook { sheets: vec![s] }, &Registry::new());
    let levels: Vec<u8> = rec.forms[0]
        .form
        .indicators
        .iter()
        .map(|r| r.level)
        .collect();
    assert_eq!(&levels[..4], &[1, 2, 3, 3]);
}

#[test]
fn hostile_cell_texts_reach_the_form_as_typed_text_or_as_the_readers_problems() {
    let mut rows = central_sheet("=HYPERLINK(\"http://x\",\"点\")", "90");
    rows[3][3] = "某某\u{7}局\u{202e}".into();
    rows[9][2] = "长".repeat(40_000);
    let book = Workbook {
        sheets: vec![to_sheet("Sheet1", &rows)],
    };
    let reg = Registry::new();
    // Read as any form file with those texts is read: kept as typed (the outputs escape them).
    let o = crate::intake::open_workbook("x.xlsx", &book, &reg).expect("the form reads");
    let f = &o.forms[0].1.form;
    assert_eq!(
        f.header.project, "=HYPERLINK(\"http://x\",\"点\")",
        "a formula's text is text"
    );
    assert_eq!(f.header.department, "某某\u{7}局\u{202e}");
    assert_eq!(f.narratives["goal_expected"].chars().count(), 40_000);
}
