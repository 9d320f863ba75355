//! The review desk's numbers: many forms, each read and evaluated, as one summary (汇总) with its
//! foot (totals and averages) and its grade distribution.
//!
//! A row keeps what the form declares beside what the engine computes, and the difference. Files that
//! cannot be read are kept with every problem, so that one broken file never hides the others.

use crate::decimal::{round, Decimal};
use crate::findings::Finding;
use crate::intake::Opened;
use crate::model::Form;
use crate::result::Counts;
use crate::text::Text;
use std::rc::Rc;

/// One readable form of a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    /// The file's name as given (e.g. `交警支队.json`).
    pub file: String,
    pub form: Rc<Form>,
    pub project: String,
    /// 实施单位, else 填报单位, else 主管部门.
    pub unit: String,
    pub year: String,
    /// The profile's id and its name.
    pub profile: String,
    pub profile_name: Text,
    /// 综合得分 and 等次 as the form states them.
    pub declared_total: Option<Decimal>,
    pub declared_grade: String,
    /// As the engine computes them (`total` rounded as the profile states, none while it waits for
    /// an input that is missing or does not read; `grade` empty when no band applies).
    pub total: Option<Decimal>,
    pub grade: String,
    /// The computed grade's English name (`Excellent` for 优), as its profile gives it.
    pub grade_en: String,
    /// computed − declared, where the form states a total.
    pub difference: Option<Decimal>,
    pub counts: Counts,
    pub findings: Vec<Finding>,
    /// Decimal places of the profile's scores (how totals are shown).
    pub places: u32,
}

/// A form, its profile and its evaluation (as [`crate::intake::open`] gives them) as a row of the
/// summary.
pub fn review(opened: Opened) -> Reviewed {
    let Opened {
        file,
        form,
        profile,
        evaluation: ev,
    } = opened;
    let h = &form.header;
    let unit = [&h.unit, &h.filing_unit, &h.department]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    let declared_total = form.declared.total;
    let total = (!ev.total.is_pending()).then_some(ev.total.value);
    Reviewed {
        file,
        project: h.project.trim().to_string(),
        unit,
        year: h.year.trim().to_string(),
        profile: profile.id.clone(),
        profile_name: profile.name.clone(),
        declared_total,
        declared_grade: form.declared.grade.trim().to_string(),
        total,
        grade_en: ev
            .grade
            .as_ref()
            .map(|g| g.name_en.clone())
            .unwrap_or_default(),
        grade: ev.grade.map(|g| g.grade).unwrap_or_default(),
        difference: declared_total
            .zip(total)
            .and_then(|(d, t)| t.checked_sub(d)),
        counts: ev.counts,
        findings: ev.findings,
        places: profile.rounding.places,
        form: Rc::new(form),
    }
}

/// The foot of the summary over some rows: sums and averages (四舍五入 to `places`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Foot {
    pub forms: usize,
    /// Forms with at least one error.
    pub with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Sum and average of the computed totals, over the forms that have one (a total that waits
    /// for an input has none).
    pub total_sum: Decimal,
    pub total_average: Option<Decimal>,
    pub total_count: usize,
    /// Sum and average of the declared totals, over the forms that state one.
    pub declared_sum: Decimal,
    pub declared_average: Option<Decimal>,
    pub declared_count: usize,
    /// Sum of the differences, over the forms that state a total.
    pub difference_sum: Decimal,
    /// Forms whose declared grade differs from the computed one (where one is declared).
    pub grade_mismatches: usize,
    pub places: u32,
}

/// The foot over `rows` (averages with the places of the first row's profile, 2 when there is none).
pub fn foot<'r>(rows: impl IntoIterator<Item = &'r Reviewed>) -> Foot {
    let mut f = Foot {
        places: 2,
        ..Foot::default()
    };
    let mut first = true;
    for r in rows {
        if first {
            f.places = r.places;
            first = false;
        }
        f.forms += 1;
        f.errors += r.counts.errors;
        f.warnings += r.counts.warnings;
        f.infos += r.counts.infos;
        f.with_errors += usize::from(r.counts.errors > 0);
        if let Some(t) = r.total {
            f.total_count += 1;
            f.total_sum = crate::decimal::saturating_add(f.total_sum, t);
        }
        if let Some(d) = r.declared_total {
            f.declared_count += 1;
            f.declared_sum = crate::decimal::saturating_add(f.declared_sum, d);
        }
        if let Some(d) = r.difference {
            f.difference_sum = crate::decimal::saturating_add(f.difference_sum, d);
        }
        if !r.declared_grade.is_empty() && r.declared_grade != r.grade {
            f.grade_mismatches += 1;
        }
    }
    let average = |sum: Decimal, n: usize| {
        (n > 0)
            .then(|| sum.checked_div(Decimal::from(n)))
            .flatten()
            .map(|a| round(a, f.places))
    };
    f.total_average = average(f.total_sum, f.total_count);
    f.declared_average = average(f.declared_sum, f.declared_count);
    f
}

/// How many of `rows` have each computed grade: the grades in the order given (highest first), then
/// forms with no grade as `""` if any.
pub fn grade_distribution<'r>(
    grades: &[&str],
    rows: impl IntoIterator<Item = &'r Reviewed>,
) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = grades.iter().map(|g| (g.to_string(), 0)).collect();
    let mut none = 0;
    for r in rows {
        match out.iter_mut().find(|(g, _)| *g == r.grade) {
            Some((_, n)) => *n += 1,
            None if r.grade.is_empty() => none += 1,
            None => out.push((r.grade.clone(), 1)),
        }
    }
    if none > 0 {
        out.push((String::new(), none));
    }
    out
}

/// A column of the summary, shared by the page, the CSV, the workbook and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    File,
    Project,
    Unit,
    Year,
    Profile,
    DeclaredTotal,
    DeclaredGrade,
    Total,
    Grade,
    Difference,
    Errors,
    Warnings,
}

impl Column {
    /// The columns in order.
    pub const ALL: [Column; 12] = [
        Column::File,
        Column::Project,
        Column::Unit,
        Column::Year,
        Column::Profile,
        Column::DeclaredTotal,
        Column::DeclaredGrade,
        Column::Total,
        Column::Grade,
        Column::Difference,
        Column::Errors,
        Column::Warnings,
    ];

    /// The column's name in the page (`data-column`) and in tests.
    pub fn key(self) -> &'static str {
        match self {
            Column::File => "file",
            Column::Project => "project",
            Column::Unit => "unit",
            Column::Year => "year",
            Column::Profile => "profile",
            Column::DeclaredTotal => "declared_total",
            Column::DeclaredGrade => "declared_grade",
            Column::Total => "total",
            Column::Grade => "grade",
            Column::Difference => "difference",
            Column::Errors => "errors",
            Column::Warnings => "warnings",
        }
    }

    /// The column's heading.
    pub fn heading(self) -> Text {
        let (zh, en) = match self {
            Column::File => ("文件", "File"),
            Column::Project => ("项目名称", "Project"),
            Column::Unit => ("单位", "Unit"),
            Column::Year => ("年度", "Year"),
            Column::Profile => ("规则", "Profile"),
            Column::DeclaredTotal => ("填报总分", "Declared total"),
            Column::DeclaredGrade => ("填报等次", "Declared grade"),
            Column::Total => ("计算总分", "Computed total"),
            Column::Grade => ("计算等次", "Computed grade"),
            Column::Difference => ("差值", "Difference"),
            Column::Errors => ("错误", "Errors"),
            Column::Warnings => ("警告", "Warnings"),
        };
        Text::new(zh, en)
    }

    /// Whether the column's cells are numbers (right-aligned, numbers in a workbook).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::DeclaredTotal
                | Column::Total
                | Column::Difference
                | Column::Errors
                | Column::Warnings
        )
    }
}

impl Reviewed {
    /// The row's cell in `column`, as shown (totals with the profile's places).
    pub fn cell(&self, column: Column) -> String {
        let fixed = |d: Decimal| crate::decimal::fixed(d, self.places);
        match column {
            Column::File => self.file.clone(),
            Column::Project => self.project.clone(),
            Column::Unit => self.unit.clone(),
            Column::Year => self.year.clone(),
            Column::Profile => self.profile.clone(),
            Column::DeclaredTotal => self.declared_total.map(fixed).unwrap_or_default(),
            Column::DeclaredGrade => self.declared_grade.clone(),
            Column::Total => self.total.map(fixed).unwrap_or_else(|| "—".to_string()),
            Column::Grade => self.grade.clone(),
            Column::Difference => self
                .difference
                .map(|d| signed(d, self.places))
                .unwrap_or_default(),
            Column::Errors => self.counts.errors.to_string(),
            Column::Warnings => self.counts.warnings.to_string(),
        }
    }

    /// The row's cells as shown, one per column of [`Column::ALL`].
    pub fn cells(&self) -> Vec<String> {
        Column::ALL.iter().map(|c| self.cell(*c)).collect()
    }
}

/// A difference with its sign: `+0.02`, `−1.50`, `0.00`.
pub fn signed(d: Decimal, places: u32) -> String {
    let s = crate::decimal::fixed(d.abs(), places);
    if d.is_zero() {
        s
    } else if d.is_sign_negative() {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../examples/jinzhong-2021-traffic-police.json");
    const FORM_A: &str = include_str!("../../../examples/huoqiu-2022-sci-tech-commissioners.json");

    /// A file read through the intake, as a row of the summary.
    fn review_text(file: &str, text: &str) -> Result<Reviewed, crate::intake::Unreadable> {
        crate::intake::open(file, text.as_bytes(), &crate::Registry::new()).map(review)
    }

    #[test]
    fn the_seed_row_shows_declared_against_computed() {
        let r = review_text("seed.json", SEED).unwrap();
        assert_eq!(r.project, "交警支队专项业务经费");
        assert_eq!(r.profile, "jinzhong-2021");
        assert_eq!(r.declared_total, Some(Decimal::new(9766, 2)));
        assert_eq!(r.declared_grade, "差");
        assert_eq!(r.total, Some(Decimal::new(9766, 2)));
        assert_eq!(r.grade, "优");
        assert_eq!(r.difference, Some(Decimal::ZERO));
        assert_eq!(r.counts.errors, 1);
        let cells = r.cells();
        assert_eq!(cells[5], "97.66");
        assert_eq!(cells[7], "97.66");
        assert_eq!(cells[9], "0.00");
    }

    #[test]
    fn unreadable_files_keep_their_name_and_every_problem() {
        let e = review_text("broken.json", "{\"format\": \"ziping-form\"").unwrap_err();
        assert_eq!(e.file, "broken.json");
        assert!(!e.problems.is_empty());
        let other = SEED.replace("\"jinzhong-2021\"", "\"no-such-profile\"");
        let e = review_text("other.json", &other).unwrap_err();
        assert_eq!(e.problems[0].path.to_string(), "profile");
        assert!(e.problems[0].message.en.contains("no-such-profile"));
    }

    #[test]
    fn the_foot_sums_and_averages_with_half_away_from_zero() {
        let seed = review_text("a", SEED).unwrap();
        let a = review_text("b", FORM_A).unwrap();
        let mut third = a.clone();
        third.total = Some(Decimal::new(9000, 2));
        third.declared_total = None;
        third.difference = None;
        third.declared_grade = String::new();
        third.grade = "优".into();
        let rows = [seed.clone(), a.clone(), third];
        let f = foot(&rows);
        assert_eq!(f.forms, 3);
        // (97.66 + 100.00 + 90.00) ÷ 3 = 95.8866… → 95.89
        assert_eq!(f.total_sum, Decimal::new(28766, 2));
        assert_eq!(f.total_average, Some(Decimal::new(9589, 2)));
        assert_eq!(f.declared_count, 2);
        assert_eq!(f.with_errors, 1);
        assert_eq!(
            f.grade_mismatches, 1,
            "the seed declares 差 and computes 优"
        );
        // A mean ending in 5 rounds away from zero: (0.01 + 0.02) ÷ 2 = 0.015 → 0.02.
        let mut x = seed.clone();
        x.total = Some(Decimal::new(1, 2));
        let mut y = seed;
        y.total = Some(Decimal::new(2, 2));
        assert_eq!(foot(&[x, y]).total_average, Some(Decimal::new(2, 2)));
        assert_eq!(foot(&[] as &[Reviewed]).total_average, None);
    }

    #[test]
    fn the_distribution_counts_every_grade_in_band_order() {
        let seed = review_text("a", SEED).unwrap();
        let mut low = seed.clone();
        low.grade = "差".into();
        let mut none = seed.clone();
        none.grade = String::new();
        let d = grade_distribution(&["优", "良", "中", "差"], &[seed.clone(), seed, low, none]);
        assert_eq!(
            d,
            vec![
                ("优".to_string(), 2),
                ("良".to_string(), 0),
                ("中".to_string(), 0),
                ("差".to_string(), 1),
                (String::new(), 1)
            ]
        );
        assert_eq!(signed(Decimal::new(-150, 2), 2), "−1.50");
        assert_eq!(signed(Decimal::new(2, 2), 2), "+0.02");
    }
}
