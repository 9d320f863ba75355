//! The review desk's state: the forms of a batch (each read through the engine's intake and
//! evaluated), the files that could not be read, and how the table is sorted and filtered. Pure:
//! tested natively.

use crate::{AppState, Doc, Screen};
use std::cmp::Ordering;
use std::rc::Rc;
use ziping_engine::decimal::Decimal;
use ziping_engine::review::{review, Column, Reviewed};
use ziping_engine::{Registry, Unreadable};

/// Reads one file of a batch through the engine's intake, as a row of the desk.
pub fn review_file(name: &str, bytes: &[u8], registry: &Registry) -> Result<Reviewed, Unreadable> {
    ziping_engine::open(name, bytes, registry).map(review)
}

/// Actions on the review desk.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewAction {
    /// Show the review desk.
    Show,
    /// Files read for the desk: the readable ones and those that could not be read.
    Add {
        rows: Vec<Reviewed>,
        unreadable: Vec<Unreadable>,
    },
    /// Sort the table by a column (again: the other way round).
    Sort(Column),
    Filter(Filter),
    /// Empty the desk.
    Clear,
    /// Open a form of the desk read-only, as a document with this id.
    OpenRow {
        id: String,
        row: usize,
    },
}

pub(crate) fn reduce(s: &mut AppState, action: ReviewAction) {
    match action {
        ReviewAction::Show => {
            s.doc = None;
            s.from_review = false;
            s.focus = None;
            s.screen = Screen::Review;
        }
        ReviewAction::Add { rows, unreadable } => s.review = s.review.add(rows, unreadable),
        ReviewAction::Sort(column) => s.review = s.review.sorted_by(column),
        ReviewAction::Filter(filter) => s.review.filter = filter,
        ReviewAction::Clear => s.review = Review::default(),
        ReviewAction::OpenRow { id, row } => {
            let reviewed = s.review.rows.get(row);
            let found = reviewed.and_then(|r| Some((r.form.clone(), s.registry.get(&r.profile)?)));
            if let Some((form, profile)) = found {
                let mut doc = Doc::new(id, (*form).clone(), profile.clone());
                doc.read_only = true;
                s.doc = Some(doc);
                s.screen = Screen::Editor;
                s.from_review = true;
                s.focus = None;
            }
        }
    }
}

/// A column the table can be filtered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterBy {
    Grade,
    Unit,
    Profile,
}

impl FilterBy {
    pub fn key(self) -> &'static str {
        match self {
            FilterBy::Grade => "grade",
            FilterBy::Unit => "unit",
            FilterBy::Profile => "profile",
        }
    }
}

/// Which rows the table shows. `None` shows all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A computed grade; `Some("")` is "no grade".
    pub grade: Option<String>,
    pub unit: Option<String>,
    pub profile: Option<String>,
    /// Only forms with at least one error.
    pub errors_only: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Every readable form, in the order the files were given.
    pub rows: Rc<Vec<Reviewed>>,
    pub unreadable: Rc<Vec<Unreadable>>,
    pub sort: Option<(Column, bool)>,
    pub filter: Filter,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            rows: Rc::new(Vec::new()),
            unreadable: Rc::new(Vec::new()),
            sort: None,
            filter: Filter::default(),
        }
    }
}

fn cmp_opt(a: Option<Decimal>, b: Option<Decimal>) -> Ordering {
    // Ascending, forms without the number come after those with it; descending is the exact reverse.
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Grades in their usual order (优 first) before any other text, and "no grade" last.
fn grade_rank(g: &str) -> (u8, &str) {
    match g {
        "优" => (0, g),
        "良" => (1, g),
        "中" => (2, g),
        "差" => (3, g),
        "" => (5, g),
        _ => (4, g),
    }
}

impl Review {
    /// Adds a batch of files to the desk (files already there by the same name are replaced).
    pub fn add(&self, rows: Vec<Reviewed>, unreadable: Vec<Unreadable>) -> Review {
        let names: std::collections::HashSet<&str> = rows
            .iter()
            .map(|r| r.file.as_str())
            .chain(unreadable.iter().map(|u| u.file.as_str()))
            .collect();
        let kept = |file: &str| !names.contains(file);
        let mut all: Vec<Reviewed> = self
            .rows
            .iter()
            .filter(|r| kept(&r.file))
            .cloned()
            .collect();
        let mut bad: Vec<Unreadable> = self
            .unreadable
            .iter()
            .filter(|u| kept(&u.file))
            .cloned()
            .collect();
        all.extend(rows);
        bad.extend(unreadable);
        Review {
            rows: Rc::new(all),
            unreadable: Rc::new(bad),
            ..self.clone()
        }
    }

    /// Sorts by `column`: ascending first, descending when it is already sorted ascending by it.
    pub fn sorted_by(&self, column: Column) -> Review {
        let ascending = !matches!(self.sort, Some((c, true)) if c == column);
        Review {
            sort: Some((column, ascending)),
            ..self.clone()
        }
    }

    /// The filter with the choice for `by` set (`None`: every value).
    pub fn with(&self, by: FilterBy, chosen: Option<String>) -> Filter {
        let mut f = self.filter.clone();
        match by {
            FilterBy::Grade => f.grade = chosen,
            FilterBy::Unit => f.unit = chosen,
            FilterBy::Profile => f.profile = chosen,
        }
        f
    }

    pub fn passes(&self, r: &Reviewed) -> bool {
        let f = &self.filter;
        f.grade.as_ref().is_none_or(|g| &r.grade == g)
            && f.unit.as_ref().is_none_or(|u| &r.unit == u)
            && f.profile.as_ref().is_none_or(|p| &r.profile == p)
            && (!f.errors_only || r.counts.errors > 0)
    }

    /// The indices of the rows the table shows, filtered and in order.
    pub fn visible(&self) -> Vec<usize> {
        let rows = &self.rows;
        let mut idx: Vec<usize> = (0..rows.len()).filter(|&i| self.passes(&rows[i])).collect();
        if let Some((column, ascending)) = self.sort {
            idx.sort_by(|&a, &b| {
                let (x, y) = (&rows[a], &rows[b]);
                let o = match column {
                    Column::File => x.file.cmp(&y.file),
                    Column::Project => x.project.cmp(&y.project),
                    Column::Unit => x.unit.cmp(&y.unit),
                    Column::Year => x.year.cmp(&y.year),
                    Column::Profile => x.profile.cmp(&y.profile),
                    Column::DeclaredTotal => cmp_opt(x.declared_total, y.declared_total),
                    Column::DeclaredGrade => {
                        grade_rank(&x.declared_grade).cmp(&grade_rank(&y.declared_grade))
                    }
                    Column::Total => cmp_opt(x.total, y.total),
                    Column::Grade => grade_rank(&x.grade).cmp(&grade_rank(&y.grade)),
                    Column::Difference => cmp_opt(x.difference, y.difference),
                    Column::Errors => x.counts.errors.cmp(&y.counts.errors),
                    Column::Warnings => x.counts.warnings.cmp(&y.counts.warnings),
                };
                if ascending {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        idx
    }

    /// The distinct values of a filter's column among all rows, sorted, for its choices.
    pub fn choices(&self, by: FilterBy) -> Vec<String> {
        let mut v: Vec<String> = self
            .rows
            .iter()
            .map(|r| match by {
                FilterBy::Unit => r.unit.clone(),
                FilterBy::Profile => r.profile.clone(),
                FilterBy::Grade => r.grade.clone(),
            })
            .collect();
        // Grades by rank (优 良 中 差, then others by text), the rest by text.
        fn key(by: FilterBy, g: &str) -> (u8, &str) {
            if by == FilterBy::Grade {
                grade_rank(g)
            } else {
                (0, g)
            }
        }
        v.sort_unstable_by(|a, b| key(by, a).cmp(&key(by, b)));
        v.dedup();
        v
    }
}
