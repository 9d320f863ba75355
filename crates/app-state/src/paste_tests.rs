//! Rows pasted from Excel or WPS (`paste.rs`): the clipboard's text as they write it, header rows,
//! guessed columns, and the paste as one undo step.

use crate::paste::{read_tsv, Column, Mapping, Table};
use crate::tests::{doc, paste_rows};
use crate::{AppState, DocAction, Lang, RowAction};
use ziping_engine::model::IndicatorRow;
use ziping_engine::path::{FieldPath, IndicatorField};

fn cells(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn new_form() -> AppState {
    AppState::new(Lang::Zh).reduce(DocAction::New {
        id: "n".into(),
        profile: "central-2020".into(),
    })
}

/// The rows a paste added to a new central-2020 form (which starts with 12).
fn pasted(s: &AppState) -> &[IndicatorRow] {
    &doc(s).form.indicators[12..]
}

#[test]
fn quoted_cells_keep_line_breaks_tabs_and_quotes_as_excel_and_wps_copy_them() {
    // Excel: rows end with \r\n, a line break inside a cell is \n, the cell is quoted and its quotes
    // doubled; the range ends with a line break.
    let excel = "培训人次\t\"≥500\r\n人次\"\t\"他说\"\"好\"\"\"\r\n\"一\t二\"\t 3 \t\"\"\r\n";
    assert_eq!(
        read_tsv(excel),
        cells(&[
            &["培训人次", "≥500\n人次", "他说\"好\""],
            &["一\t二", "3", ""]
        ])
    );
    // WPS and the browser's textarea: \n everywhere, a quoted cell spanning several lines.
    let wps =
        "群众满意度\t\"宣传不足；\n下年加强\n\n（见附件）\"\n\n下一行\t\"\"\"引号\"\"开头\"\n";
    assert_eq!(
        read_tsv(wps),
        cells(&[
            &["群众满意度", "宣传不足；\n下年加强\n\n（见附件）"],
            &["下一行", "\"引号\"开头"]
        ])
    );
    // Quotes in an unquoted cell, a quote that never closes, a cell that goes on after its
    // closing quote: read as they stand.
    assert_eq!(
        read_tsv("5\"屏\t\"未闭合\n\"甲\"乙\t末"),
        cells(&[&["5\"屏", "\"未闭合"], &["\"甲\"乙", "末"]])
    );
    assert_eq!(read_tsv(""), Vec::<Vec<String>>::new());
    assert_eq!(read_tsv("\r\n\t\n"), Vec::<Vec<String>>::new());
}

#[test]
fn a_quoted_multi_line_cell_pastes_as_one_row() {
    let s = paste_rows(
        &new_form(),
        None,
        "培训人次\t≥500人次\t520人次\t10\t\t\"已完成；\r\n下年继续\"\r\n群众满意度\t≥90%\t85%\t10\t\t宣传不足\r\n",
    );
    let rows = pasted(&s);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].deviation_reason, "已完成；\n下年继续");
    assert_eq!(rows[1].name, "群众满意度");
}

#[test]
fn a_header_in_another_order_maps_columns_by_name_and_is_not_imported() {
    // Names as forms print them: spaces, full-width brackets and letters, a line break in a cell.
    let text = "指标名称\t分 值\t年度指标值（Ａ）\t\"偏差原因分析\n及改进措施\"\t实际完成值(B)\t序号\t自评得分\t备注\n\
                培训人次\t15\t≥500人次\t\t520人次\t1\t15\t按期完成\n";
    let table = Table::read(text);
    assert_eq!(table.header.as_ref().map(Vec::len), Some(8));
    assert_eq!(
        table.columns,
        Mapping(vec![
            Column::Name,
            Column::Weight,
            Column::Target,
            Column::DeviationReason,
            Column::Actual,
            Column::Ignore,
            Column::Score,
            Column::Note
        ])
    );
    let s = paste_rows(&new_form(), None, text);
    let [row] = pasted(&s) else {
        panic!("one row: {:?}", pasted(&s))
    };
    assert_eq!(
        (
            row.name.as_str(),
            row.target.as_str(),
            row.actual.as_str(),
            row.weight.map(|d| d.to_string()),
            row.score.map(|d| d.to_string()),
            row.deviation_reason.as_str(),
            row.note.as_str()
        ),
        (
            "培训人次",
            "≥500人次",
            "520人次",
            Some("15".into()),
            Some("15".into()),
            "",
            "按期完成"
        )
    );
}

#[test]
fn synonyms_name_the_same_column() {
    for (cell, column) in [
        ("三级指标", Column::Name),
        ("指标内容", Column::Name),
        ("预期目标", Column::Target),
        ("目标值", Column::Target),
        ("实际值", Column::Actual),
        ("完成值", Column::Actual),
        ("权重（%）", Column::Weight),
        ("得分", Column::Score),
        ("原因分析", Column::DeviationReason),
        ("偏差原因", Column::DeviationReason),
        ("完成率", Column::Completion),
        ("　一级指标　", Column::Level1),
        ("二级指标*", Column::Level2),
        ("备注：", Column::Note),
    ] {
        assert_eq!(Column::named(cell), Some(column), "{cell}");
    }
    for (i, c) in Column::ALL.into_iter().enumerate() {
        assert_eq!((c as usize, Column::at(i)), (i, c));
    }
    assert_eq!(Column::at(usize::MAX), Column::Ignore);
    assert_eq!(Column::named("培训人次"), None);
    assert_eq!(Column::named(""), None);
    // A first line of data is not a header.
    let table = Table::read("培训人次\t≥500人次\t520人次\t10\t10\t无\n");
    assert_eq!((table.header, table.rows.len()), (None, 1));
}

#[test]
fn without_a_header_the_columns_are_guessed_from_their_number() {
    use Column::*;
    let guess = |width: usize| Table::read(&vec!["x"; width].join("\t")).columns.0;
    assert_eq!(guess(3), [Name, Target, Actual]);
    assert_eq!(
        guess(6),
        [Name, Target, Actual, Weight, Score, DeviationReason]
    );
    assert_eq!(
        guess(7),
        [Level1, Level2, Name, Target, Actual, Weight, Score]
    );
    assert_eq!(
        guess(9),
        [
            Level1,
            Level2,
            Name,
            Target,
            Actual,
            Weight,
            Score,
            DeviationReason,
            Ignore
        ]
    );
    // The widest line counts.
    assert_eq!(Table::read("a\tb\nc\td\te\tf\tg\th").columns.0.len(), 6);
}

#[test]
fn a_column_set_to_ignore_is_not_imported_and_a_changed_column_is_read_as_chosen() {
    let text = "培训人次\t≥500人次\t520人次\t10\t9\t内部编号A\n";
    let mut columns = Table::read(text).columns;
    // The sixth column holds something else than a deviation reason; the fifth is 完成进度.
    columns.set(5, Column::Ignore);
    columns.set(4, Column::Completion);
    let s = new_form().reduce(RowAction::Paste {
        after: None,
        text: text.into(),
        columns,
    });
    let [row] = pasted(&s) else { panic!() };
    assert_eq!(row.deviation_reason, "");
    assert_eq!(row.score, None);
    assert_eq!(row.declared_completion, "9");
    assert_eq!(row.weight.map(|d| d.to_string()), Some("10".into()));
    // Every column ignored: nothing is pasted and nothing changes.
    let before = new_form();
    let after = before.reduce(RowAction::Paste {
        after: None,
        text: text.into(),
        columns: crate::paste::Mapping(vec![Column::Ignore; 6]),
    });
    assert_eq!(doc(&after).revision, doc(&before).revision);
    assert!(!doc(&after).can_undo());
}

#[test]
fn an_unreadable_number_stays_in_its_field_as_pasted_and_is_reported() {
    let text = "备注\t三级指标\t分值\t得分\n见说明\t培训人次\t十分\t8分\n";
    let s = paste_rows(&new_form(), None, text);
    let [row] = pasted(&s) else { panic!() };
    assert_eq!(row.weight, None);
    assert_eq!(row.typed.get("weight").map(String::as_str), Some("十分"));
    assert_eq!(row.note, "见说明");
    assert_eq!(row.score.map(|d| d.to_string()), Some("8".into()));
    assert_eq!(row.typed.get("score").map(String::as_str), Some("8分"));
    let i = doc(&s)
        .form
        .indicators
        .iter()
        .position(|r| r.name == "培训人次")
        .unwrap();
    let weight = FieldPath::Indicator(i, IndicatorField::Weight);
    assert_eq!(weight.get(&doc(&s).form), "十分");
    assert!(doc(&s)
        .evaluation
        .findings
        .iter()
        .any(|f| f.code.key() == "value.unread" && f.path == weight));
}

#[test]
fn one_undo_removes_a_whole_paste_with_its_headings() {
    let s0 = new_form();
    let before = doc(&s0).form.clone();
    let text = "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\n\
                产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t10\t\n\
                \t\t培训场次\t≥5场\t6场\t10\t\n\
                效益指标\t社会效益指标\t群众满意度\t≥90%\t85%\t10\t\n";
    let s = paste_rows(&s0, Some(3), text);
    let names: Vec<(u8, &str)> = doc(&s).form.indicators[4..11]
        .iter()
        .map(|r| (r.level, r.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (1, "产出指标"),
            (2, "数量指标"),
            (3, "培训人次"),
            (3, "培训场次"),
            (1, "效益指标"),
            (2, "社会效益指标"),
            (3, "群众满意度")
        ]
    );
    assert_eq!(doc(&s).form.indicators.len(), before.indicators.len() + 7);
    let undone = s.reduce(DocAction::Undo);
    assert_eq!(doc(&undone).form, before);
    assert!(!doc(&undone).can_undo());
    let redone = undone.reduce(DocAction::Redo);
    assert_eq!(doc(&redone).form, doc(&s).form);
}
