//! Checks of what the form states (subtotals, total, grade) against what the rows give.

use super::Ctx;
use crate::decimal::{plain, round};
use crate::findings::FindingCode;
use crate::path::FieldPath;
use crate::result::{BlockResult, Figure};
use crate::text::Text;

const BASIS_GRADE: &str = "[2020] 90 分及以上为优，80–90 分为良，60–80 分为中，60 分以下为差";

pub(super) fn check(cx: &mut Ctx, blocks: &[BlockResult], total: &Figure, reachable: &Figure) {
    let declared = &cx.form.declared;
    let places = cx.places();
    for (id, stated) in &declared.blocks {
        match blocks.iter().find(|b| &b.id == id) {
            Some(b) if b.score.is_pending() => {}
            Some(b) if round(*stated, places) != round(b.score.value, places) => cx.push(
                FindingCode::BlockDeclaredMismatch,
                FieldPath::DeclaredBlock(id.clone()),
                Text::new(
                    format!(
                        "“{}”小计填为 {}，各行之和为 {}",
                        b.name.zh,
                        plain(*stated),
                        b.score.shown()
                    ),
                    format!(
                        "the \"{}\" subtotal is stated as {}, its rows add up to {}",
                        b.name.en,
                        plain(*stated),
                        b.score.shown()
                    ),
                ),
                "[form] 小计 = 各行得分之和",
            ),
            Some(_) => {}
            None => cx.push(
                FindingCode::BlockDeclaredMismatch,
                FieldPath::DeclaredBlock(id.clone()),
                Text::new(
                    format!("规则中没有“{id}”这一部分"),
                    format!("the profile has no block \"{id}\""),
                ),
                &cx.profile.basis,
            ),
        }
    }
    let open = total.is_pending();
    if let Some(stated) = declared.total.filter(|_| !open) {
        if round(stated, places) > reachable.value {
            cx.push(
                FindingCode::TotalAboveReachable,
                FieldPath::DeclaredTotal,
                Text::new(
                    format!(
                        "综合得分填为 {}，但各行最多只能得 {}",
                        plain(stated),
                        reachable.shown()
                    ),
                    format!(
                        "the stated total {} is more than the rows can reach ({} at most)",
                        plain(stated),
                        reachable.shown()
                    ),
                ),
                "[form] 总分 = 各部分得分之和",
            );
        } else if round(stated, places) != total.value {
            cx.push(
                FindingCode::TotalDeclaredMismatch,
                FieldPath::DeclaredTotal,
                Text::new(
                    format!(
                        "综合得分填为 {}，计算结果为 {}",
                        plain(stated),
                        total.shown()
                    ),
                    format!(
                        "the stated total is {}, computed {}",
                        plain(stated),
                        total.shown()
                    ),
                ),
                "[form] 总分 = 各部分得分之和",
            );
        }
    }
    let stated_grade = declared.grade.trim();
    if stated_grade.is_empty() {
        return;
    }
    let profile = cx.profile;
    if !profile.grades.iter().any(|g| g.grade == stated_grade) {
        let names: Vec<&str> = profile.grades.iter().map(|g| g.grade.as_str()).collect();
        let stated_grade = crate::text::visible(stated_grade);
        cx.push(
            FindingCode::GradeUnknown,
            FieldPath::DeclaredGrade,
            Text::new(
                format!("等次“{stated_grade}”不是 {} 之一", names.join("/")),
                format!("grade \"{stated_grade}\" is not one of {}", names.join("/")),
            ),
            BASIS_GRADE,
        );
        return;
    }
    let computed = profile.grade_for(total.value).map(|g| g.grade.as_str());
    if let Some(stated_total) = declared.total {
        if let Some(g) = profile.grade_for(stated_total) {
            if g.grade != stated_grade {
                cx.push(
                    FindingCode::GradeContradictsTotal,
                    FieldPath::DeclaredGrade,
                    Text::new(
                        format!("等次填为“{stated_grade}”，但所填总分 {} 应为“{}”（≥ {}）", plain(stated_total), g.grade, plain(g.min)),
                        format!("the stated grade \"{stated_grade}\" contradicts the stated total {}, which is \"{}\" ({}, ≥ {})", plain(stated_total), g.grade, g.name_en, plain(g.min)),
                    ),
                    BASIS_GRADE,
                );
                return;
            }
        }
    }
    if computed != Some(stated_grade) && !open {
        let c = computed.unwrap_or("—");
        cx.push(
            FindingCode::GradeDeclaredMismatch,
            FieldPath::DeclaredGrade,
            Text::new(
                format!(
                    "等次填为“{stated_grade}”，按计算总分 {} 应为“{c}”",
                    total.shown()
                ),
                format!(
                    "the stated grade is \"{stated_grade}\"; the computed total {} gives \"{c}\"",
                    total.shown()
                ),
            ),
            BASIS_GRADE,
        );
    }
}
