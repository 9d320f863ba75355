//! What evaluation waits for: text typed into a number field that does not read as a number
//! (`value.unread`), and required inputs left empty (`value.missing`). A number that depends on one
//! is left open ([`Figure::pending`]), never computed from something else.

use super::Ctx;
use crate::entry::{self, Entry};
use crate::explain::{Explain, Piece};
use crate::findings::FindingCode;
use crate::model::FundsColumn;
use crate::path::FieldPath;
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
                format!(" (amounts are in {}; use \".\" for decimals and \",\" only between groups of three digits)", u.name_en()),
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
                format!(
                    "{}：“{typed}”不是数字，未计入{}",
                    label.zh,
                    hint.0,
                    typed = crate::text::quote(typed)
                ),
                format!(
                    "{}: \"{typed}\" is not a number and is not counted{}",
                    label.en,
                    hint.1,
                    typed = crate::text::quote(typed)
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

/// A field as a clerk knows it, without its section: `市级预算资金·全年执行数`,
/// `第 3 行「培训场次」·分值`, `所填结果·总分`.
pub(super) fn label(cx: &Ctx, path: &FieldPath) -> Text {
    let parts = crate::place::parts(path, cx.form, cx.profile);
    let from = if parts.len() >= 3 { 1 } else { 0 };
    crate::place::join(&parts[from..], "·")
}
