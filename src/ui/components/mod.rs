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
use field::Note;
use std::collections::HashMap;
use ziping_engine::Evaluation;

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
