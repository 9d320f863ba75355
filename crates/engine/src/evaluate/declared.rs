//! Checks of what the form states (subtotals, total, grade) against what the rows give.

use super::Ctx;
use crate::decimal::{plain, round};
use crate::findings::FindingCode;
use crate::path::FieldPath;
use crate::result::{BlockResult, Figure};
use crate::text::Text;

const BASIS_GRADE: &str = "[2020] 90 分及以上为优，80–90 分为良，60–80 分为中，60 分以下为差";

const BASIS_PROFILE: &str = "[form] 表内数字须按表单所用的规则计算";

pub(super) fn check(cx: &mut Ctx, blocks: &[BlockResult], total: &Figure, reachable: &Figure) {
    profile_version(cx);
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
                        crate::text::quote(&b.name.zh),
                        plain(*stated),
                        b.score.shown()
                    ),
                    format!(
                        "the \"{}\" subtotal is stated as {}, its rows add up to {}",
                        crate::text::quote(&b.name.en),
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
                    format!("规则中没有“{id}”这一部分", id = crate::text::quote(id)),
                    format!(
                        "the profile has no block \"{id}\"",
                        id = crate::text::quote(id)
                    ),
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
                format!(
                    "等次“{stated_grade}”不是 {} 之一",
                    names.join("/"),
                    stated_grade = crate::text::quote(&stated_grade)
                ),
                format!(
                    "grade \"{stated_grade}\" is not one of {}",
                    names.join("/"),
                    stated_grade = crate::text::quote(&stated_grade)
                ),
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
                        format!("等次填为“{stated_grade}”，但所填总分 {} 应为“{}”（≥ {}）", plain(stated_total), crate::text::quote(&g.grade), plain(g.min), stated_grade = crate::text::quote(stated_grade)),
                        format!("the stated grade \"{stated_grade}\" contradicts the stated total {}, which is \"{}\" ({}, ≥ {})", plain(stated_total), crate::text::quote(&g.grade), g.name_en, plain(g.min), stated_grade = crate::text::quote(stated_grade)),
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
                    total.shown(),
                    stated_grade = crate::text::quote(stated_grade),
                    c = crate::text::quote(c)
                ),
                format!(
                    "the stated grade is \"{stated_grade}\"; the computed total {} gives \"{c}\"",
                    total.shown(),
                    stated_grade = crate::text::quote(stated_grade),
                    c = crate::text::quote(c)
                ),
            ),
            BASIS_GRADE,
        );
    }
}

/// A form that records the fingerprint of the profile it was scored with, and the profile loaded
/// under its id says something else: the stated numbers may follow the other version.
fn profile_version(cx: &mut Ctx) {
    let named = cx.form.profile.trim();
    if named != cx.profile.id {
        // Scored with a profile the caller chose (`--profile`, the JS API): say so.
        let (named, id, zh, en) = (
            crate::text::quote(named),
            crate::text::quote(&cx.profile.id),
            crate::text::quote(&cx.profile.name.zh),
            crate::text::quote(&cx.profile.name.en),
        );
        cx.push(
            FindingCode::ProfileOther,
            FieldPath::Profile,
            Text::new(
                format!("此表注明的规则是“{named}”，本次按“{zh}”（{id}）评分"),
                format!(
                    "this form names the profile \"{named}\"; it is scored with \"{en}\" ({id})"
                ),
            ),
            BASIS_PROFILE,
        );
        return;
    }
    let recorded = cx.form.profile_hash.trim();
    if recorded.is_empty() || recorded == cx.profile.fingerprint() {
        return;
    }
    let (id, zh, en) = (
        crate::text::quote(&cx.profile.id),
        crate::text::quote(&cx.profile.name.zh),
        crate::text::quote(&cx.profile.name.en),
    );
    let (recorded, here) = (
        crate::text::quote(recorded),
        cx.profile.fingerprint().to_string(),
    );
    cx.push(
        FindingCode::ProfileChanged,
        FieldPath::Profile,
        Text::new(
            format!("此表按编号为“{id}”的规则评分，但所用规则的内容（{recorded}）与本机加载的“{zh}”（{here}）不同：表内填写的数字可能按另一版本计算，本页按本机的规则重算"),
            format!("this form was scored with a profile \"{id}\" whose content ({recorded}) differs from the \"{en}\" loaded here ({here}): its stated numbers may follow the other version; they are recomputed with the one loaded here"),
        ),
        BASIS_PROFILE,
    );
}
