//! Rows pasted from Excel or WPS: tab-separated lines become indicator rows.
//!
//! Columns are read in the order of the paper form: 三级指标, 目标值 (年度指标值), 实际完成值, 分值,
//! 得分, 偏差原因分析及改进措施. A line of seven or more columns carries 一级 and 二级 first, as
//! copied from a whole table: a new name there starts a heading row. A number that does not read as
//! one is kept in the row's note rather than lost.

use ziping_engine::decimal::{self, Decimal};
use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::Profile;

/// The indicator rows of tab-separated `text`, with ids unused in `form`; level-1 headings are bound
/// to `profile`'s blocks by name.
pub fn rows_from_tsv(text: &str, form: &Form, profile: &Profile) -> Vec<IndicatorRow> {
    let mut rows = Vec::new();
    let mut ids = form.row_ids();
    let (mut level1, mut level2) = (String::new(), String::new());
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() >= 7 {
            let (l1, l2) = (cols[0].to_string(), cols[1].to_string());
            if !l1.is_empty() && l1 != level1 {
                let block = block_for(&l1, form, profile);
                rows.push(IndicatorRow {
                    id: ids.fresh(),
                    level: 1,
                    name: l1.clone(),
                    block,
                    ..IndicatorRow::default()
                });
                level1 = l1;
                level2.clear();
            }
            if !l2.is_empty() && l2 != level2 {
                rows.push(IndicatorRow {
                    id: ids.fresh(),
                    level: 2,
                    name: l2.clone(),
                    ..IndicatorRow::default()
                });
                level2 = l2;
            }
            cols.drain(..2);
        }
        let col = |i: usize| cols.get(i).copied().unwrap_or("").to_string();
        let mut note = Vec::new();
        let mut number = |i: usize, what: &str| -> Option<Decimal> {
            let t = col(i);
            if t.is_empty() {
                return None;
            }
            let d = decimal::parse(&ziping_engine::value::normalize(&t));
            if d.is_none() {
                note.push(format!("{what}：{t}"));
            }
            d
        };
        let weight = number(3, "分值");
        let score = number(4, "得分");
        rows.push(IndicatorRow {
            id: ids.fresh(),
            level: 3,
            name: col(0),
            target: col(1),
            actual: col(2),
            weight,
            score,
            deviation_reason: col(5),
            note: note.join("；"),
            ..IndicatorRow::default()
        });
    }
    rows
}

/// The block a pasted level-1 heading scores into: the block of an existing heading of that name,
/// else the profile block whose name it contains.
fn block_for(name: &str, form: &Form, profile: &Profile) -> String {
    form.indicators
        .iter()
        .find(|r| r.level == 1 && r.name == name && !r.block.is_empty())
        .map(|r| r.block.clone())
        .or_else(|| {
            profile
                .blocks
                .iter()
                .find(|b| b.from_indicators && name.contains(b.name.zh.trim_end_matches("指标")))
                .map(|b| b.id.clone())
        })
        .unwrap_or_default()
}
