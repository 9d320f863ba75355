//! Writes workbooks the way agencies fill in the official layouts — a unit's line above the title,
//! blank rows and columns, merged 一级/二级 cells, header variants, numbers typed as text with
//! separators, 元 in a 万元 table, percent cells, `/` and `—` for nothing, formulas, dates as
//! serial numbers, footnotes, several forms on one sheet or one per sheet — into a folder, for
//! `tools/make-workbooks.sh` to open and save with LibreOffice as .xlsx, .xls and .ods (the files
//! in `crates/workbook/tests/workbooks/`).
//!
//! `cargo run -p ziping-workbook --example agency_workbooks -- OUT_DIR`

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// A cell as the generator writes it.
enum V<'a> {
    T(&'a str),
    N(f64),
    /// A number with a number format.
    F(f64, &'a str),
    /// A formula and its cached result.
    Fx(&'a str, f64),
    /// A date serial shown as a date.
    D(f64),
}
use V::*;

fn put(ws: &mut Worksheet, r: u32, c: u16, v: &V) -> Result<(), XlsxError> {
    match v {
        T("") => {}
        T(t) => {
            ws.write_string(r, c, *t)?;
        }
        N(n) => {
            ws.write_number(r, c, *n)?;
        }
        F(n, code) => {
            ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(*code))?;
        }
        Fx(f, cached) => {
            ws.write_formula(r, c, Formula::new(*f).set_result(cached.to_string()))?;
        }
        D(n) => {
            ws.write_number_with_format(r, c, *n, &Format::new().set_num_format("yyyy-mm-dd"))?;
        }
    }
    Ok(())
}

fn rows(ws: &mut Worksheet, first: u32, rows: &[&[V]]) -> Result<u32, XlsxError> {
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            put(ws, first + i as u32, c as u16, v)?;
        }
    }
    Ok(first + rows.len() as u32)
}

fn merge(
    ws: &mut Worksheet,
    r0: u32,
    c0: u16,
    r1: u32,
    c1: u16,
    text: &str,
) -> Result<(), XlsxError> {
    ws.merge_range(r0, c0, r1, c1, text, &Format::new())?;
    Ok(())
}

/// 晋中 2021 (the seed's form), as the unit filled it: a blank first column, the unit above the
/// title, merged headings, text numbers, a formula for the total row, a date serial, a footnote.
fn jinzhong(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("自评表")?;
    rows(ws, 0, &[&[T(""), T("填报单位：晋中市公安局交通警察支队")]])?;
    merge(ws, 1, 1, 1, 8, "晋中市财政支出项目绩效自评表")?;
    let mut r = rows(
        ws,
        3,
        &[
            &[T(""), T("项目名称"), T(""), T("交警支队专项业务经费")],
            &[
                T(""),
                T("主管部门"),
                T(""),
                T("行政政法科"),
                T(""),
                T("预算单位"),
                T(""),
                T("晋中市公安局交通警察支队"),
            ],
            &[
                T(""),
                T("年度"),
                T(""),
                N(2021.0),
                T(""),
                T("项目属性"),
                T(""),
                T("经常性项目"),
            ],
            &[T(""), T("项目期"), T(""), T("2021-01-01至2021-09-30")],
            &[T(""), T("项目资金情况（万元）")],
            &[
                T(""),
                T("资金来源"),
                T(""),
                T("预算资金(A)"),
                T("预算下达资金"),
                T("实际支出资金(B)"),
                T("执行率(B/A)"),
            ],
            &[
                T(""),
                T("市级预算资金"),
                T(""),
                T("969.94"),
                T("9,699,400元"),
                F(536.23, "#,##0.00"),
                F(0.5529, "0.00%"),
            ],
            &[
                T(""),
                T("上年结转资金"),
                T(""),
                T("/"),
                T("/"),
                N(0.0),
                T("—"),
            ],
            &[
                T(""),
                T("上级财政资金"),
                T(""),
                T("-"),
                T(""),
                N(0.0),
                T("—"),
            ],
            &[T(""), T("其他"), T(""), N(0.0), T(""), N(0.0), T("—")],
            &[
                T(""),
                T("合计"),
                T(""),
                Fx("=SUM(D11:D14)", 969.94),
                Fx("=SUM(E11:E14)", 969.94),
                Fx("=SUM(F11:F14)", 536.23),
                F(0.5529, "0.00%"),
            ],
            &[T("")],
            &[
                T(""),
                T("项目概况"),
                T(""),
                T("40米二级考场建设、科目三考场改造等项目。"),
            ],
            &[T(""), T("绩效目标实现情况")],
            &[
                T(""),
                T("一级指标"),
                T("二级指标"),
                T("三级指标"),
                T("年度指标值"),
                T("实际完成值"),
                T("完成进度"),
            ],
        ],
    )?;
    let first = r;
    r = rows(
        ws,
        r,
        &[
            &[
                T(""),
                T("产出指标"),
                T("数量指标"),
                T("驾驶人社会考场服务"),
                T("2个"),
                T("1个"),
                F(0.5, "0%"),
            ],
            &[
                T(""),
                T(""),
                T(""),
                T("融媒体中心"),
                T("1套"),
                T("1套"),
                T("100%"),
            ],
            &[
                T(""),
                T(""),
                T("时效指标"),
                T("项目完成时间"),
                T("1—12月"),
                T("1—12月"),
                T(""),
            ],
            &[
                T(""),
                T(""),
                T("成本指标"),
                T("考场建设成本"),
                T("8.48"),
                T("8.48"),
                F(1.0, "0%"),
            ],
            &[
                T(""),
                T("效益指标"),
                T("社会效益指标"),
                T("道路通行效率"),
                T("明显提升"),
                T("明显提升"),
                T(""),
            ],
            &[
                T(""),
                T("满意度指标"),
                T("服务对象满意度指标"),
                T("群众满意度"),
                F(0.98, "0%"),
                F(0.98, "0%"),
                F(1.0, "0%"),
            ],
        ],
    )?;
    // 一级 and 二级 merged down their rows, as the template has them.
    merge(ws, first, 1, first + 3, 1, "产出指标")?;
    merge(ws, first, 2, first + 1, 2, "数量指标")?;
    r = rows(
        ws,
        r + 1,
        &[&[T(""), T("项目绩效情况"), T(""), T("完成了大部分产出指标。")]],
    )?;
    r = rows(
        ws,
        r + 1,
        &[
            &[T(""), T("评分表")],
            &[
                T(""),
                T("一级指标"),
                T("二级指标"),
                T("三级指标"),
                T("分值"),
                T("得分"),
                T("偏差原因"),
            ],
        ],
    )?;
    let scoring: &[(&str, &str, &str, f64, f64)] = &[
        ("投入", "项目目标", "项目立项规范性", 3.0, 3.0),
        ("", "", "绩效目标合理性", 4.0, 4.0),
        ("", "", "绩效指标明确性", 4.0, 4.0),
        ("", "资金落实", "资金到位率", 3.0, 3.0),
        ("", "", "到位及时率", 3.0, 3.0),
        ("", "", "预算执行率", 3.0, 1.66),
        ("过程", "业务管理", "管理制度健全性", 3.0, 3.0),
        ("", "", "制度执行有效性", 3.0, 3.0),
        ("", "", "项目质量可控性", 4.0, 4.0),
        ("", "财务管理", "管理制度健全性", 3.0, 3.0),
        ("", "", "资金使用合规性", 3.0, 3.0),
        ("", "", "财务监控有效性", 4.0, 4.0),
        ("产出", "项目产出", "实际完成率", 8.0, 7.0),
        ("", "", "完成及时率", 7.0, 7.0),
        ("", "", "质量达标率", 8.0, 8.0),
        ("", "", "成本节约率", 7.0, 7.0),
        ("效果", "项目效果", "经济效益", 5.0, 5.0),
        ("", "", "社会效益", 5.0, 5.0),
        ("", "", "生态效益", 0.0, 0.0),
        ("", "", "可持续影响", 10.0, 10.0),
        ("", "", "社会公众或服务对象满意度", 10.0, 10.0),
    ];
    for (l1, l2, name, w, s) in scoring {
        rows(ws, r, &[&[T(""), T(l1), T(l2), T(name), N(*w), N(*s)]])?;
        r += 1;
    }
    r = rows(
        ws,
        r,
        &[
            &[
                T(""),
                T("总分"),
                T(""),
                T(""),
                N(100.0),
                Fx("=SUM(F30:F50)", 97.66),
            ],
            &[T(""), T("评价等次"), T(""), T("差")],
            &[T("")],
            &[T(""), T("评价人员"), T("")],
            &[T(""), T("姓名"), T("职称/职务"), T("科室"), T("联系电话")],
            &[T(""), T("樊志强"), T("处长"), T("法制处"), T("2429456")],
            &[
                T(""),
                T("负责人"),
                T(""),
                T("李四"),
                T(""),
                T("经办人"),
                T(""),
                T("王五"),
            ],
            &[
                T(""),
                T("联系电话"),
                T(""),
                T("0354-2429456"),
                T(""),
                T("填报日期"),
                T(""),
                D(44744.0),
            ],
            &[T(""), T("注：1. 金额单位为万元；2. 执行率保留两位小数。")],
        ],
    )?;
    let _ = r;
    Ok(())
}

/// 中央 2020 layout: two forms on one sheet, 产出指标（50分）, 全年预算数(A), a percent cell.
fn central_form(
    ws: &mut Worksheet,
    at: u32,
    project: &str,
    budget_label: &str,
    rate: V,
    spent: f64,
) -> Result<u32, XlsxError> {
    merge(ws, at, 0, at, 8, "项目支出绩效自评表")?;
    let total = format!("=H{}+SUM(H{}:H{})", at + 6, at + 12, at + 15);
    rows(
        ws,
        at + 1,
        &[
            &[T(""), T(""), T(""), T("（2023年度）")],
            &[T("项目名称"), T(""), T(project)],
            &[
                T("主管部门"),
                T(""),
                T("某市交通运输局"),
                T(""),
                T(""),
                T("实施单位"),
                T(""),
                T("某市公路事业发展中心"),
            ],
            &[
                T("项目资金（万元）"),
                T(""),
                T("年初预算数"),
                T(budget_label),
                T("全年执行数(B)"),
                T("分值"),
                T("执行率(B/A)"),
                T("得分"),
            ],
            &[
                T(""),
                T("年度资金总额"),
                N(100.0),
                N(100.0),
                N(spent),
                N(10.0),
                rate,
                N(spent / 10.0),
            ],
            &[
                T(""),
                T("其中：当年财政拨款"),
                N(100.0),
                N(100.0),
                N(spent),
                T("—"),
                T("—"),
                T("—"),
            ],
            &[
                T(""),
                T("上年结转资金"),
                T("/"),
                T("/"),
                T("/"),
                T("—"),
                T("—"),
                T("—"),
            ],
            &[
                T("年度总体目标"),
                T(""),
                T("预期目标"),
                T(""),
                T(""),
                T("实际完成情况"),
            ],
            &[
                T(""),
                T(""),
                T("完成国省干线养护"),
                T(""),
                T(""),
                T("完成了国省干线养护"),
            ],
            &[
                T("绩效指标"),
                T("一级指标"),
                T("二级指标"),
                T("三级指标"),
                T("年度指标值"),
                T("实际完成值"),
                T("分值"),
                T("得分"),
                T("偏差原因分析及改进措施"),
            ],
            &[
                T(""),
                T("产出指标（50分）"),
                T("数量指标"),
                T("养护里程"),
                T("≥100公里"),
                T("120公里"),
                N(30.0),
                N(30.0),
            ],
            &[
                T(""),
                T(""),
                T("质量指标"),
                T("路面合格率"),
                F(0.95, "\"≥\"0%"),
                F(0.96, "0%"),
                N(20.0),
                N(20.0),
            ],
            &[
                T(""),
                T("效益指标（30分）"),
                T("社会效益指标"),
                T("通行条件"),
                T("明显改善"),
                T("明显改善"),
                N(30.0),
                N(30.0),
            ],
            &[
                T(""),
                T("满意度指标（10分）"),
                T("服务对象满意度指标"),
                T("群众满意度"),
                T("≥90%"),
                T("92%"),
                N(10.0),
                N(10.0),
            ],
            &[
                T("总分"),
                T(""),
                T(""),
                T(""),
                T(""),
                T(""),
                N(100.0),
                Fx(&total, 99.0),
            ],
            &[T("评价等次"), T(""), T("优")],
            &[T("注：本表金额单位为万元。")],
        ],
    )?;
    merge(ws, at + 4, 0, at + 7, 0, "项目资金（万元）")?;
    Ok(at + 19)
}

fn central_two(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("汇总")?;
    let next = central_form(
        ws,
        0,
        "国省干线公路养护",
        "全年预算数(A)",
        F(0.9, "0%"),
        90.0,
    )?;
    central_form(ws, next + 2, "农村公路养护", "调整后预算数", T("80%"), 80.0)?;
    Ok(())
}

/// The 10 + 90 layout (指标性质 and 度量单位 columns), one form per sheet, the funds in 元.
fn budget10(ws: &mut Worksheet, project: &str, spent_yuan: f64) -> Result<(), XlsxError> {
    rows(
        ws,
        0,
        &[
            &[T("2023年度项目支出绩效自评表")],
            &[T("项目名称"), T(project)],
            &[
                T("主管部门"),
                T("某县农业农村局"),
                T("实施单位"),
                T("某县农技推广中心"),
            ],
            &[T(""), T(""), T(""), T(""), T(""), T(""), T("单位：元")],
            &[
                T("资金来源"),
                T("年初预算数"),
                T("全年预算数"),
                T("全年执行数"),
                T("分值"),
                T("执行率"),
                T("得分"),
            ],
            &[
                T("年度资金总额"),
                N(500000.0),
                N(500000.0),
                N(spent_yuan),
                N(10.0),
                T(""),
                T(""),
            ],
            &[T("本年财政拨款"), T("500,000"), T("500,000"), N(spent_yuan)],
            &[T("年度总体目标"), T("推广新品种")],
            &[
                T("一级指标"),
                T("二级指标"),
                T("三级指标"),
                T("指标性质"),
                T("年度指标值"),
                T("度量单位"),
                T("实际完成值"),
                T("完成进度"),
                T("分值"),
                T("得分"),
                T("偏差原因分析及改进措施"),
            ],
            &[
                T("产出指标"),
                T("数量指标"),
                T("推广面积"),
                T("≥"),
                N(1000.0),
                T("亩"),
                N(1200.0),
                T("100%"),
                N(45.0),
                N(45.0),
            ],
            &[
                T("效益指标"),
                T("经济效益指标"),
                T("亩均增收"),
                T("≥"),
                N(200.0),
                T("元"),
                N(150.0),
                T("75%"),
                N(45.0),
                N(33.75),
                T("价格下降"),
            ],
            &[
                T("总分"),
                T(""),
                T(""),
                T(""),
                T(""),
                T(""),
                T(""),
                T(""),
                N(100.0),
                N(88.75),
            ],
            &[T("评价等次"), T("良")],
        ],
    )?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: agency_workbooks OUT_DIR")?;
    std::fs::create_dir_all(&out)?;
    let save = |name: &str,
                f: &dyn Fn(&mut Workbook) -> Result<(), XlsxError>|
     -> Result<(), Box<dyn std::error::Error>> {
        let mut wb = Workbook::new();
        f(&mut wb)?;
        wb.save(format!("{out}/{name}.xlsx"))?;
        Ok(())
    };
    save("jinzhong-agency", &|wb| jinzhong(wb.add_worksheet()))?;
    save("central-two-forms", &|wb| central_two(wb.add_worksheet()))?;
    save("budget10-per-sheet", &|wb| {
        budget10(
            wb.add_worksheet().set_name("推广项目")?,
            "新品种推广",
            450000.0,
        )?;
        budget10(
            wb.add_worksheet().set_name("示范项目")?,
            "示范基地建设",
            500000.0,
        )
    })?;
    save("not-a-form", &|wb| {
        rows(
            wb.add_worksheet().set_name("通讯录")?,
            0,
            &[&[T("姓名"), T("电话")], &[T("张三"), T("123")]],
        )?;
        Ok(())
    })?;
    Ok(())
}
