//! The app's components. Each section of the form is its own component; rows are memoized
//! components whose props compare cheaply, so an edit re-renders what it changed.

pub mod editor;
pub mod field;
pub mod findings;
pub mod funds;
pub mod indicators;
pub mod notices;
pub mod people;
pub mod print;
pub mod review;
pub mod scoring;
pub mod start;
pub mod summary;

use crate::store::Ptr;
use field::{Field, Note};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;
use ziping_app_state::path::{FieldPath, IndicatorField};
use ziping_engine::model::Form;
use ziping_engine::result::{BlockResult, RowPlace};
use ziping_engine::{Evaluation, Profile};

/// What every section of the form is drawn from: the form, its evaluation and profile, the findings
/// by field, the value a field refused, and whether the form is read-only.
///
/// Props of a section compare equal when what that section shows is unchanged (see [`Part`]), so
/// that typing in one section does not render the others again.
#[derive(Properties, Clone)]
pub struct FormPart {
    pub title: AttrValue,
    pub form: Ptr<Form>,
    pub evaluation: Ptr<Evaluation>,
    pub profile: Ptr<Profile>,
    pub index: Ptr<FindingsIndex>,
    pub refused: Option<(FieldPath, String)>,
    pub readonly: bool,
    /// For a narrative section: the key of its text.
    #[prop_or_default]
    pub key_name: AttrValue,
    /// Which section these props are for; `Part::Any` compares everything.
    #[prop_or_default]
    pub part: Part,
}

/// The section a [`FormPart`] is given to: what it shows decides when its props are equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Part {
    /// Shows anything of the form: equal only when the form, evaluation and findings are the same.
    #[default]
    Any,
    Header,
    Funds,
    Narrative,
    Scoring,
    Evaluators,
    Signoff,
    /// What the form states for its results, and adjusted block weights.
    Declared,
}

impl From<ziping_engine::profile::SectionKind> for Part {
    fn from(kind: ziping_engine::profile::SectionKind) -> Part {
        use ziping_engine::profile::SectionKind as K;
        match kind {
            K::Header => Part::Header,
            K::Funds => Part::Funds,
            K::Narrative => Part::Narrative,
            K::Scoring => Part::Scoring,
            K::Evaluators => Part::Evaluators,
            K::Signoff => Part::Signoff,
            K::Indicators => Part::Any,
        }
    }
}

impl PartialEq for FormPart {
    fn eq(&self, o: &Self) -> bool {
        let same_frame = self.title == o.title
            && self.key_name == o.key_name
            && self.part == o.part
            && self.profile == o.profile
            && self.refused == o.refused
            && self.readonly == o.readonly;
        if !same_frame {
            return false;
        }
        if self.form == o.form && self.evaluation == o.evaluation && self.index == o.index {
            return true;
        }
        let (a, b) = (&*self.form, &*o.form);
        let (ea, eb) = (&*self.evaluation, &*o.evaluation);
        let notes = |on: &dyn Fn(&FieldPath) -> bool| self.index.same_notes(&o.index, on);
        match self.part {
            Part::Any => false,
            Part::Header => {
                a.header == b.header
                    && a.status == b.status
                    && notes(&|p| matches!(p, FieldPath::Header(_) | FieldPath::Status))
            }
            Part::Narrative => {
                let key = self.key_name.as_str();
                a.narratives.get(key) == b.narratives.get(key)
                    && notes(&|p| matches!(p, FieldPath::Narrative(k) if k == key))
            }
            Part::Funds => {
                let score = |e: &Evaluation| {
                    e.blocks
                        .iter()
                        .flat_map(|b| &b.rows)
                        .find(|r| r.method == "funds_execution")
                        .map(|r| (r.weight, r.score.clone()))
                };
                a.funds == b.funds
                    && ea.funds == eb.funds
                    && score(ea) == score(eb)
                    && notes(&FieldPath::in_funds)
            }
            Part::Scoring => {
                // The block subtotals, and the rows of the blocks that have fixed rows (blocks made
                // of indicator rows only, which an edit of an indicator changes, are not shown).
                let indicators_only =
                    |b: &BlockResult| b.rows.iter().all(|r| r.place != RowPlace::Score);
                a.scores == b.scores
                    && a.declared.blocks == b.declared.blocks
                    && ea.blocks.len() == eb.blocks.len()
                    && ea.blocks.iter().zip(&eb.blocks).all(|(x, y)| {
                        x.id == y.id
                            && x.score == y.score
                            && ((indicators_only(x) && indicators_only(y)) || x.rows == y.rows)
                    })
                    && notes(&|p| matches!(p, FieldPath::Score(..) | FieldPath::DeclaredBlock(_)))
            }
            Part::Evaluators => {
                a.evaluators == b.evaluators && notes(&|p| matches!(p, FieldPath::Evaluator(..)))
            }
            Part::Signoff => {
                a.signoff == b.signoff && notes(&|p| matches!(p, FieldPath::Signoff(_)))
            }
            Part::Declared => {
                a.declared == b.declared
                    && a.block_weights == b.block_weights
                    && notes(&|p| {
                        matches!(
                            p,
                            FieldPath::DeclaredTotal
                                | FieldPath::DeclaredGrade
                                | FieldPath::DeclaredBlock(_)
                                | FieldPath::BlockWeight(_)
                        )
                    })
            }
        }
    }
}

impl FormPart {
    /// An input bound to `path`, showing the findings on it and what it refused. `quiet` shows the
    /// label to screen readers only (inside tables, whose column heads say it).
    pub fn field(&self, path: FieldPath, label: impl Into<AttrValue>, quiet: bool) -> Html {
        let refused = self
            .refused
            .as_ref()
            .filter(|(rp, _)| *rp == path)
            .map(|(_, t)| AttrValue::from(t.clone()));
        let multiline = matches!(
            path,
            FieldPath::Narrative(_)
                | FieldPath::FundsDeviationReason
                | FieldPath::FundsAdjustmentReason
        );
        html! {
            <Field value={path.get(&self.form)} notes={self.index.notes(&path)} {path} label={label.into()} quiet_label={quiet}
                refused={refused} readonly={self.readonly} multiline={multiline} />
        }
    }
}

/// The engine's findings by the field they concern, for inputs to show under themselves. Built once
/// per evaluation; a lookup neither formats the path nor copies more than the notes it returns.
#[derive(Default)]
pub struct FindingsIndex {
    by_path: HashMap<FieldPath, Vec<Note>>,
    /// The notes on each indicator row, by row index, for the rows that have any: one entry per
    /// field in `IndicatorField::ALL` order.
    rows: HashMap<usize, RowNotes>,
}

/// The notes on the fields of one indicator row.
pub type RowNotes = Rc<[(IndicatorField, Vec<Note>)]>;

impl FindingsIndex {
    pub fn new(e: &Evaluation) -> FindingsIndex {
        let mut by_path: HashMap<FieldPath, Vec<Note>> = HashMap::new();
        let mut rows: Vec<usize> = Vec::new();
        for f in &e.findings {
            // A path no input has (e.g. a whole section) is shown in the findings panel only.
            let Some(path) = FieldPath::parse(&f.path) else {
                continue;
            };
            if let FieldPath::Indicator(i, _) = path {
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
                    .filter_map(|f| {
                        let n = by_path.get(&FieldPath::Indicator(i, *f))?;
                        Some((*f, n.clone()))
                    })
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
