//! What evaluation waits for: text typed into a number field that does not read as a number
//! (`value.unread`), and required inputs left empty (`value.missing`). A number that depends on one
//! is left open ([`Figure::pending`]), never computed from something else.

use super::Ctx;
use crate::entry::{self, Entry};
use crate::explain::{Explain, Piece};
use crate::findings::FindingCode;
use crate::model::FundsColumn;
use crate::path::{FieldPath, IndicatorField, ScoreField};
use crate::result::Figure;
use crate::text::Text;

const BASIS_UNREAD: &str = "[note] 数字栏须填写可读的数字（金额、分值、得分），否则无法计算";
const BASIS_MISSING: &str = "[form] 表中各栏须填写完整";

/// Every number field whose typed text does not read, with that text, in the order of the form.
pub(super) fn unread(cx: &Ctx) -> Vec<(FieldPath, String)> {
    let mut entries = FieldPath::typed_entries(cx.form);
    entries.retain(|(path, _)| path.get_number(cx.form).is_none());
    entries
}

/// Reports every unread entry as an error naming its field.
pub(super) fn report_unread(cx: &mut Ctx, entries: &[(FieldPath, String)]) {
    for (path, typed) in entries {
        let label = label(cx, path);
        let hint = match path.number_kind(cx.profile) {
            Some(entry::NumberKind::Money(u)) => (
                format!("（金额单位为{}；小数点用“.”，千分位逗号每三位一组）", u.key()),
                format!(" (amounts are in {}; use \".\" for decimals and \",\" only between groups of three digits)", u.key()),
            ),
            _ => (
                "（小数点用“.”）".to_string(),
                " (use \".\" for decimals)".to_string(),
            ),
        };
        cx.push(
            FindingCode::ValueUnread,
            path.clone(),
            Text::new(
                format!("{}：“{typed}”不是数字，未计入{}", label.zh, hint.0),
                format!(
                    "{}: \"{typed}\" is not a number and is not counted{}",
                    label.en, hint.1
                ),
            ),
            BASIS_UNREAD,
        );
    }
}

/// Reports a required input left empty, as an error naming its field.
pub(super) fn report_missing(cx: &mut Ctx, path: FieldPath) {
    let label = label(cx, &path);
    cx.push(
        FindingCode::ValueMissing,
        path,
        Text::new(
            format!("{}未填写", label.zh),
            format!("{} is empty", label.en),
        ),
        BASIS_MISSING,
    );
}

/// A number left open until the field at `path` (holding `typed`, or nothing) is fixed or filled
/// in: "待修正：全年执行数“48,6”" / "待填写：全年执行数".
pub(super) fn waiting(cx: &Ctx, path: &FieldPath, typed: Option<&str>) -> Figure {
    let label = label(cx, path);
    let why = match typed {
        Some(t) => Explain(vec![
            Piece::W("待修正：", "to be fixed: "),
            Piece::T(label),
            Piece::W("“", " \""),
            Piece::O(t.to_string()),
            Piece::W("”不是数字", "\" is not a number"),
        ]),
        None => Explain(vec![
            Piece::W("待填写：", "to be filled in: "),
            Piece::T(label),
        ]),
    };
    Figure::pending(why)
}

/// What was typed into the field at `path`, where it does not read.
pub(super) fn unread_text<'e>(
    entries: &'e [(FieldPath, String)],
    path: &FieldPath,
) -> Option<&'e str> {
    entries
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, t)| t.as_str())
}

/// The conversion of an amount typed in another unit of money, for its explanation
/// (`486,000元 → 48.6`); `None` when the amount was typed in the column's unit.
pub(super) fn conversion(cx: &Ctx, row: usize, column: FundsColumn) -> Option<String> {
    let text = cx.form.funds.rows.get(row)?.typed.get(column.key())?;
    let kind = FieldPath::FundsCell(row, column).number_kind(cx.profile)?;
    match entry::read(text, kind) {
        Entry::Number {
            converted: Some(_), ..
        } => Some(text.trim().to_string()),
        _ => None,
    }
}

/// A field as a clerk knows it: `本年财政拨款·全年执行数`, `“培训场次”的分值`, `所填总分`.
pub(super) fn label(cx: &Ctx, path: &FieldPath) -> Text {
    let (form, profile) = (cx.form, cx.profile);
    let column = |c: FundsColumn| {
        profile
            .funds
            .columns
            .iter()
            .find(|l| l.column == c)
            .map(|l| l.title.clone())
            .unwrap_or_else(|| Text::same(c.key()))
    };
    let block = |id: &str| {
        profile
            .block(id)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| Text::same(id))
    };
    let of = |name: &str, zh: &str, en: &str| {
        Text::new(format!("“{name}”的{zh}"), format!("{en} of \"{name}\""))
    };
    match path {
        FieldPath::FundsCell(i, c) => {
            let source = form
                .funds
                .rows
                .get(*i)
                .map(|r| r.source.as_str())
                .unwrap_or("");
            let col = column(*c);
            if source.is_empty() {
                col
            } else {
                Text::new(
                    format!("{source}·{}", col.zh),
                    format!("{} of \"{source}\"", col.en),
                )
            }
        }
        FieldPath::FundsDeclaredTotal(c) => {
            let (t, col) = (&profile.funds.total_label, column(*c));
            Text::new(
                format!("{}·{}", t.zh, col.zh),
                format!("{} of \"{}\"", col.en, t.en),
            )
        }
        FieldPath::FundsDeclaredRate => Text::new("所填执行率", "the stated execution rate"),
        FieldPath::FundsDeclaredScore => {
            Text::new("资金表所填得分", "the funds table's stated score")
        }
        FieldPath::Indicator(i, f) => {
            let name = form
                .indicators
                .get(*i)
                .map(|r| r.name.as_str())
                .unwrap_or("");
            let (zh, en) = match f {
                IndicatorField::Weight => ("分值", "the weight"),
                IndicatorField::Score => ("得分", "the score"),
                IndicatorField::DeclaredScore => ("所填得分", "the stated score"),
                IndicatorField::Target => ("指标值", "the target"),
                IndicatorField::Actual => ("实际完成值", "the actual"),
                _ => (f.key(), f.key()),
            };
            of(name, zh, en)
        }
        FieldPath::Score(id, f) => {
            let name = profile
                .fixed_row(id)
                .map(|(_, r)| r.name.zh.clone())
                .unwrap_or_else(|| id.clone());
            match f {
                ScoreField::DeclaredScore => of(&name, "所填得分", "the stated score"),
                _ => of(&name, "得分", "the score"),
            }
        }
        FieldPath::BlockWeight(id) => {
            let b = block(id);
            Text::new(format!("{}的分值", b.zh), format!("the weight of {}", b.en))
        }
        FieldPath::DeclaredTotal => Text::new("所填总分", "the stated total"),
        FieldPath::DeclaredBlock(id) => {
            let b = block(id);
            Text::new(
                format!("{}所填小计", b.zh),
                format!("the stated subtotal of {}", b.en),
            )
        }
        other => Text::same(other.to_string()),
    }
}
