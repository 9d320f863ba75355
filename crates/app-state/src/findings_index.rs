//! The engine's findings by the input they lead to, for each input to show the findings on it under
//! itself. Built once per evaluation; a lookup copies no more than the notes it returns.

use std::collections::HashMap;
use std::rc::Rc;
use ziping_engine::path::{FieldPath, IndicatorField};
use ziping_engine::{Evaluation, Severity, Text};

/// A finding shown on a field.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub severity: Severity,
    pub message: Text,
}

/// The notes on the fields of one indicator row, one entry per field that has any, in
/// `IndicatorField::ALL` order.
pub type RowNotes = Rc<[(IndicatorField, Vec<Note>)]>;

#[derive(Debug, Default, PartialEq)]
pub struct FindingsIndex {
    by_path: HashMap<FieldPath, Vec<Note>>,
    /// The notes of each indicator row that has any, by row index.
    rows: HashMap<usize, RowNotes>,
}

impl FindingsIndex {
    pub fn new(e: &Evaluation) -> FindingsIndex {
        let mut by_path: HashMap<FieldPath, Vec<Note>> = HashMap::new();
        let mut rows: Vec<usize> = Vec::new();
        for f in &e.findings {
            // A place no input stands for (the whole indicator table) is shown in the findings
            // panel only.
            let Some(path) = f.path.input() else {
                continue;
            };
            if let Some(i) = path.indicator_row() {
                rows.push(i);
            }
            by_path.entry(path).or_default().push(Note {
                severity: f.severity,
                message: f.message.clone(),
            });
        }
        rows.sort_unstable();
        rows.dedup();
        let rows = rows
            .into_iter()
            .map(|i| {
                let notes: RowNotes = IndicatorField::ALL
                    .iter()
                    .filter_map(|f| Some((*f, by_path.get(&FieldPath::Indicator(i, *f))?.clone())))
                    .collect();
                (i, notes)
            })
            .collect();
        FindingsIndex { by_path, rows }
    }

    pub fn notes(&self, path: &FieldPath) -> Vec<Note> {
        self.by_path.get(path).cloned().unwrap_or_default()
    }

    /// Whether the findings on the paths `on` accepts are the same in both.
    pub fn same_notes(&self, other: &FindingsIndex, on: &dyn Fn(&FieldPath) -> bool) -> bool {
        let count = |i: &FindingsIndex| i.by_path.keys().filter(|p| on(p)).count();
        count(self) == count(other)
            && self
                .by_path
                .iter()
                .filter(|(p, _)| on(p))
                .all(|(p, n)| other.by_path.get(p) == Some(n))
    }

    /// Whether any finding concerns `path`.
    pub fn has_notes(&self, path: &FieldPath) -> bool {
        self.by_path.contains_key(path)
    }

    /// The notes on indicator row `i`'s fields, if it has any.
    pub fn row_notes(&self, i: usize) -> Option<RowNotes> {
        self.rows.get(&i).cloned()
    }
}
