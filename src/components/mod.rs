//! The app's components. Each section of the form is its own component; rows are memoized
//! components whose props compare cheaply, so an edit re-renders what it changed.

pub mod editor;
pub mod field;
pub mod findings;
pub mod funds;
pub mod indicators;
pub mod notices;
pub mod paste;
pub mod people;
pub mod print;
pub mod review;
pub mod scoring;
pub mod start;
pub mod summary;

use crate::store::Ptr;
use field::Field;
use yew::prelude::*;
pub use ziping_app_state::findings_index::{FindingsIndex, Note, RowNotes};
pub use ziping_app_state::sections::Part;
use ziping_app_state::sections::View;
use ziping_engine::model::Form;
use ziping_engine::path::FieldPath;
use ziping_engine::{Evaluation, Profile};

/// What every section of the form is drawn from: the form, its evaluation and profile, the findings
/// by field, and whether the form is read-only.
///
/// Props of a section compare equal when what that section shows is unchanged
/// (`ziping_app_state::sections`), so that typing in one section does not render the others again.
#[derive(Properties, Clone)]
pub struct FormPart {
    pub title: AttrValue,
    pub form: Ptr<Form>,
    pub evaluation: Ptr<Evaluation>,
    pub profile: Ptr<Profile>,
    pub index: Ptr<FindingsIndex>,
    pub readonly: bool,
    /// For a narrative section: the key of its text.
    #[prop_or_default]
    pub key_name: AttrValue,
    /// Which section these props are for; `Part::Any` compares everything.
    #[prop_or_default]
    pub part: Part,
}

impl PartialEq for FormPart {
    fn eq(&self, o: &Self) -> bool {
        let same_frame = self.title == o.title
            && self.key_name == o.key_name
            && self.part == o.part
            && self.profile == o.profile
            && self.readonly == o.readonly;
        if !same_frame {
            return false;
        }
        if self.form == o.form && self.evaluation == o.evaluation && self.index == o.index {
            return true;
        }
        fn view(p: &FormPart) -> View<'_> {
            View {
                form: &p.form.0,
                evaluation: &p.evaluation.0,
                index: &p.index.0,
            }
        }
        self.part.unchanged(&self.key_name, view(self), view(o))
    }
}

impl FormPart {
    /// An input bound to `path`, showing the findings on it. `quiet` shows the label to screen
    /// readers only (inside tables, whose column heads say it).
    pub fn field(&self, path: FieldPath, label: impl Into<AttrValue>, quiet: bool) -> Html {
        let number = path.number_kind(&self.profile);
        let multiline = matches!(
            path,
            FieldPath::Narrative(_)
                | FieldPath::FundsDeviationReason
                | FieldPath::FundsAdjustmentReason
        );
        html! {
            <Field value={path.get(&self.form)} notes={self.index.notes(&path)} {path} label={label.into()} quiet_label={quiet}
                number={number} readonly={self.readonly} multiline={multiline} />
        }
    }
}
