//! The app's components. Each section of the form is its own component; rows are memoized
//! components whose props compare cheaply, so an edit re-renders what it changed.

pub mod editor;
pub mod field;
pub mod findings;
pub mod funds;
pub mod indicators;
pub mod notices;
pub mod people;
pub mod scoring;
pub mod start;
pub mod summary;

use crate::state::path::FieldPath;
use crate::ui::store::Ptr;
use field::{Field, Note};
use std::collections::HashMap;
use yew::prelude::*;
use ziping_engine::model::Form;
use ziping_engine::{Evaluation, Profile};

/// What every section of the form is drawn from: the form, its evaluation and profile, the findings
/// by field, the value a field refused, and whether the form is read-only.
#[derive(Properties, PartialEq, Clone)]
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

/// The engine's findings by the field they concern, for inputs to show under themselves.
#[derive(Default)]
pub struct FindingsIndex {
    by_path: HashMap<String, Vec<Note>>,
}

impl FindingsIndex {
    pub fn new(e: &Evaluation) -> FindingsIndex {
        let mut by_path: HashMap<String, Vec<Note>> = HashMap::new();
        for f in &e.findings {
            let key = FieldPath::parse(&f.path)
                .map(|p| p.to_string())
                .unwrap_or_else(|| f.path.clone());
            by_path.entry(key).or_default().push(Note {
                severity: f.severity,
                message: f.message.clone(),
            });
        }
        FindingsIndex { by_path }
    }

    pub fn notes(&self, path: &FieldPath) -> Vec<Note> {
        self.by_path
            .get(&path.to_string())
            .cloned()
            .unwrap_or_default()
    }
}
