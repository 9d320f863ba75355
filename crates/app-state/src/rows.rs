//! The structure of the open form's tables: indicator rows added, removed, moved, indented,
//! outdented and pasted from a spreadsheet; funds rows and evaluators added and removed. Each change
//! is one undo step.

use crate::paste::{self, Mapping, Table};
use crate::Doc;
use ziping_engine::model::{Form, IndicatorRow};
use ziping_engine::path::{EvaluatorField, FieldPath, IndicatorField};

/// Actions on the rows of the open form.
#[derive(Clone, Debug, PartialEq)]
pub enum RowAction {
    AddIndicator {
        after: Option<usize>,
        level: u8,
    },
    RemoveIndicator(usize),
    MoveIndicator {
        row: usize,
        up: bool,
    },
    Indent(usize),
    Outdent(usize),
    /// Rows copied from Excel or WPS (`paste::Table::read`), their columns read as `columns`,
    /// inserted after `after` (or at the end): one undo step.
    Paste {
        after: Option<usize>,
        text: String,
        columns: Mapping,
    },
    AddFundsRow,
    RemoveFundsRow(usize),
    AddEvaluator,
    RemoveEvaluator(usize),
}

/// Applies a change of structure; the first field of a row it added, for the focus to move to.
pub(crate) fn reduce(doc: &mut Doc, action: RowAction) -> Option<FieldPath> {
    let profile = doc.profile.clone();
    let mut added = None;
    doc.change(None, |f| match action {
        RowAction::AddIndicator { after, level } => {
            let row = IndicatorRow {
                id: f.row_ids().fresh(),
                level: level.clamp(1, 3),
                ..IndicatorRow::default()
            };
            let at = insertion_point(f, after);
            f.indicators.insert(at, row);
            added = Some(FieldPath::Indicator(at, IndicatorField::Name));
            true
        }
        RowAction::RemoveIndicator(i) => remove(&mut f.indicators, i),
        RowAction::MoveIndicator { row, up } => {
            let other = if up {
                row.checked_sub(1)
            } else {
                Some(row + 1)
            };
            match other {
                Some(o) if o < f.indicators.len() && row < f.indicators.len() => {
                    f.indicators.swap(row, o);
                    true
                }
                _ => false,
            }
        }
        RowAction::Indent(i) => relevel(f, i, 1),
        RowAction::Outdent(i) => relevel(f, i, -1),
        RowAction::Paste {
            after,
            text,
            columns,
        } => {
            let rows = paste::rows(&Table::read(&text), &columns, f, &profile);
            if rows.is_empty() {
                return false;
            }
            let at = insertion_point(f, after);
            f.indicators.splice(at..at, rows);
            true
        }
        RowAction::AddFundsRow => {
            added = Some(FieldPath::FundsSource(f.funds.rows.len()));
            push_default(&mut f.funds.rows)
        }
        RowAction::RemoveFundsRow(i) => remove(&mut f.funds.rows, i),
        RowAction::AddEvaluator => {
            added = Some(FieldPath::Evaluator(
                f.evaluators.len(),
                EvaluatorField::Name,
            ));
            push_default(&mut f.evaluators)
        }
        RowAction::RemoveEvaluator(i) => remove(&mut f.evaluators, i),
    });
    added
}

/// Where rows inserted after row `after` go (at the end without one).
fn insertion_point(f: &Form, after: Option<usize>) -> usize {
    after
        .map(|a| (a + 1).min(f.indicators.len()))
        .unwrap_or(f.indicators.len())
}

fn push_default<T: Default>(list: &mut Vec<T>) -> bool {
    list.push(T::default());
    true
}

fn remove<T>(list: &mut Vec<T>, i: usize) -> bool {
    if i < list.len() {
        list.remove(i);
        true
    } else {
        false
    }
}

/// Moves row `i` one level deeper (+1) or shallower (−1), within 1..=3. A level-1 heading keeps its
/// block; a row that becomes level 1 takes the block of the level-1 heading above it.
fn relevel(f: &mut Form, i: usize, by: i8) -> bool {
    let Some(row) = f.indicators.get(i) else {
        return false;
    };
    let level = (row.level as i8 + by).clamp(1, 3) as u8;
    if level == row.level {
        return false;
    }
    let block = if level == 1 {
        f.indicators[..i]
            .iter()
            .rev()
            .find(|r| r.level == 1)
            .map(|r| r.block.clone())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let row = &mut f.indicators[i];
    row.level = level;
    row.block = block;
    true
}
