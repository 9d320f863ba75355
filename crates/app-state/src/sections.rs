//! When a section of the editor must render again. Each section of the form is drawn from the same
//! form, evaluation and findings; a section's props are equal — and it skips rendering — when what
//! that section shows is unchanged, so that typing in one section does not render the others.

use crate::findings_index::FindingsIndex;
use ziping_engine::model::Form;
use ziping_engine::path::FieldPath;
use ziping_engine::profile::SectionKind;
use ziping_engine::result::{BlockResult, MethodId};
use ziping_engine::Evaluation;

/// A section of the editor: what it shows decides when it must render again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Part {
    /// Shows anything of the form: unchanged only when the form, evaluation and findings are the
    /// very same.
    #[default]
    Any,
    Header,
    Funds,
    /// A narrative section; its key is given with the view.
    Narrative,
    Scoring,
    Evaluators,
    Signoff,
    /// What the form states for its results, and adjusted block weights.
    Declared,
}

impl From<SectionKind> for Part {
    fn from(kind: SectionKind) -> Part {
        match kind {
            SectionKind::Header => Part::Header,
            SectionKind::Funds => Part::Funds,
            SectionKind::Narrative => Part::Narrative,
            SectionKind::Scoring => Part::Scoring,
            SectionKind::Evaluators => Part::Evaluators,
            SectionKind::Signoff => Part::Signoff,
            SectionKind::Indicators => Part::Any,
        }
    }
}

/// What a section is drawn from.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub form: &'a Form,
    pub evaluation: &'a Evaluation,
    pub index: &'a FindingsIndex,
}

impl Part {
    /// Whether the section shows the same in `a` and `b`. `key` is a narrative section's key.
    pub fn unchanged(self, key: &str, a: View, b: View) -> bool {
        let notes = |on: &dyn Fn(&FieldPath) -> bool| a.index.same_notes(b.index, on);
        let (fa, fb) = (a.form, b.form);
        let (ea, eb) = (a.evaluation, b.evaluation);
        match self {
            Part::Any => false,
            Part::Header => {
                fa.header == fb.header
                    && fa.status == fb.status
                    && fa.incomplete == fb.incomplete
                    && notes(&|p| {
                        matches!(
                            p,
                            FieldPath::Header(_) | FieldPath::Status | FieldPath::Incomplete
                        )
                    })
            }
            Part::Narrative => {
                fa.narratives.get(key) == fb.narratives.get(key)
                    && notes(&|p| matches!(p, FieldPath::Narrative(k) if k == key))
            }
            Part::Funds => {
                let score = |e: &Evaluation| {
                    e.blocks
                        .iter()
                        .flat_map(|b| &b.rows)
                        .find(|r| r.method == MethodId::FundsExecution)
                        .map(|r| (r.weight, r.score.clone()))
                };
                fa.funds == fb.funds
                    && ea.funds == eb.funds
                    && score(ea) == score(eb)
                    && notes(&FieldPath::in_funds)
            }
            Part::Scoring => {
                // The block subtotals, and the rows of the blocks that have fixed rows (blocks made
                // of indicator rows only, which an edit of an indicator changes, are not shown).
                let indicators_only =
                    |b: &BlockResult| b.rows.iter().all(|r| r.indicator().is_some());
                fa.scores == fb.scores
                    && fa.declared.blocks == fb.declared.blocks
                    && ea.blocks.len() == eb.blocks.len()
                    && ea.blocks.iter().zip(&eb.blocks).all(|(x, y)| {
                        x.id == y.id
                            && x.score == y.score
                            && ((indicators_only(x) && indicators_only(y)) || x.rows == y.rows)
                    })
                    && notes(&|p| matches!(p, FieldPath::Score(..) | FieldPath::DeclaredBlock(_)))
            }
            Part::Evaluators => {
                fa.evaluators == fb.evaluators && notes(&|p| matches!(p, FieldPath::Evaluator(..)))
            }
            Part::Signoff => {
                fa.signoff == fb.signoff && notes(&|p| matches!(p, FieldPath::Signoff(_)))
            }
            Part::Declared => {
                fa.declared == fb.declared
                    && fa.block_weights == fb.block_weights
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
