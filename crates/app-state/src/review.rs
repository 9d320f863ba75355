//! The review desk's state: the forms of a batch (each already read and evaluated by the engine), the
//! files that could not be read, and how the table is sorted and filtered. Pure: tested natively.

use std::cmp::Ordering;
use std::rc::Rc;
use ziping_engine::decimal::Decimal;
use ziping_engine::review::{Reviewed, Unreadable};

/// Reads one file of a batch as the app imports a form (narrative markup made plain text) and
/// evaluates it with the profile it names among `profiles`.
pub fn review_file(
    name: &str,
    text: &str,
    profiles: &[Rc<ziping_engine::Profile>],
) -> Result<Reviewed, Unreadable> {
    let unreadable = |problems| Unreadable {
        file: name.to_string(),
        problems,
    };
    let form = super::import_form(text).map_err(unreadable)?;
    let Some(profile) = profiles.iter().rev().find(|p| p.id == form.profile) else {
        let known: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        return Err(unreadable(vec![ziping_engine::review::unknown_profile(
            &form.profile,
            &known,
        )]));
    };
    let ev = ziping_engine::evaluate(&form, profile);
    Ok(ziping_engine::review::review_form(name, form, profile, ev))
}

/// A column to sort by: a key of [`ziping_engine::review::COLUMNS`].
pub type Column = &'static str;

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
        let mut all: Vec<Reviewed> = self
            .rows
            .iter()
            .filter(|r| !names.contains(r.file.as_str()))
            .cloned()
            .collect();
        let mut bad: Vec<Unreadable> = self
            .unreadable
            .iter()
            .filter(|u| !names.contains(u.file.as_str()))
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
                    "file" => x.file.cmp(&y.file),
                    "project" => x.project.cmp(&y.project),
                    "unit" => x.unit.cmp(&y.unit),
                    "year" => x.year.cmp(&y.year),
                    "profile" => x.profile.cmp(&y.profile),
                    "declared_total" => cmp_opt(x.declared_total, y.declared_total),
                    "declared_grade" => {
                        grade_rank(&x.declared_grade).cmp(&grade_rank(&y.declared_grade))
                    }
                    "total" => x.total.cmp(&y.total),
                    "grade" => grade_rank(&x.grade).cmp(&grade_rank(&y.grade)),
                    "difference" => cmp_opt(x.difference, y.difference),
                    "errors" => x.counts.errors.cmp(&y.counts.errors),
                    "warnings" => x.counts.warnings.cmp(&y.counts.warnings),
                    _ => Ordering::Equal,
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

    /// The distinct values of a column among all rows, sorted, for the filter choices.
    pub fn choices(&self, column: Column) -> Vec<String> {
        let mut v: Vec<String> = self
            .rows
            .iter()
            .map(|r| match column {
                "unit" => r.unit.clone(),
                "profile" => r.profile.clone(),
                _ => r.grade.clone(),
            })
            .collect();
        if column == "grade" {
            v.sort_by(|a, b| grade_rank(a).cmp(&grade_rank(b)));
        } else {
            v.sort();
        }
        v.dedup();
        v
    }
}
