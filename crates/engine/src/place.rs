//! Where a field is, said as a clerk sees the form: `资金表 · 市级预算资金 · 全年执行数`,
//! `绩效指标 · 第 12 行「培训人次」 · 偏差原因`, `评分表 · 预算执行率 · 得分`. Findings carry it, so that
//! no screen has to show a path such as `indicators[11].deviation_reason`.

use crate::model::{Form, FundsColumn};
use crate::path::FieldPath;
use crate::profile::{Profile, SectionKind};
use crate::text::{Lang, Text};

/// The parts of a place, from the section down to the field.
pub fn parts(path: &FieldPath, form: &Form, profile: &Profile) -> Vec<Text> {
    let section = |kind: SectionKind, zh: &str, en: &str| {
        profile
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| Text::new(zh, en))
    };
    let funds = || section(SectionKind::Funds, "资金", "Funds");
    let indicators = || section(SectionKind::Indicators, "绩效指标", "Indicators");
    let scoring = || section(SectionKind::Scoring, "评分表", "Scoring table");
    let column = |c: FundsColumn| {
        profile
            .funds
            .columns
            .iter()
            .find(|l| l.column == c)
            .map(|l| l.title.clone())
            .unwrap_or_else(|| Text::same(c.key()))
    };
    let funds_row = |i: usize| match form.funds.rows.get(i).map(|r| r.source.trim()) {
        Some(source) if !source.is_empty() => Text::same(crate::text::quote(source)),
        _ => nth_row(i),
    };
    let indicator_row = |i: usize| {
        let name = form.indicators.get(i).map(|r| r.name.trim()).unwrap_or("");
        if name.is_empty() {
            nth_row(i)
        } else {
            let name = crate::text::quote(name);
            Text::new(
                format!("第 {} 行「{name}」", i + 1),
                format!("row {} \"{name}\"", i + 1),
            )
        }
    };
    let fixed_row = |id: &str| {
        profile
            .fixed_row(id)
            .map(|(_, r)| r.name.clone())
            .unwrap_or_else(|| Text::same(id))
    };
    let block = |id: &str| {
        profile
            .block(id)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| Text::same(id))
    };
    let declared = || Text::new("所填结果", "Results as printed");
    match path {
        FieldPath::Status => vec![Text::new("表单状态", "Status")],
        FieldPath::Incomplete => vec![Text::new("原件不完整", "Incomplete source")],
        FieldPath::Profile => vec![Text::new("规则", "Profile")],
        FieldPath::Header(h) => vec![
            section(SectionKind::Header, "基本信息", "Basic information"),
            Text::new(h.name(Lang::Zh), h.name(Lang::En)),
        ],
        FieldPath::Funds | FieldPath::FundsRows => vec![funds()],
        FieldPath::FundsSource(i) => vec![funds(), nth_row(*i), Text::new("资金来源", "Source")],
        FieldPath::FundsCell(i, c) => vec![funds(), funds_row(*i), column(*c)],
        FieldPath::FundsDeclaredTotal(c) => {
            vec![funds(), profile.funds.total_label.clone(), column(*c)]
        }
        FieldPath::FundsDeclaredRate => vec![
            funds(),
            Text::new("所填执行率", "Execution rate as printed"),
        ],
        FieldPath::FundsDeclaredScore => vec![funds(), Text::new("所填得分", "Score as printed")],
        FieldPath::FundsDeviationReason => vec![funds(), Text::new("偏差原因", "Deviation reason")],
        FieldPath::FundsAdjustmentReason => {
            vec![funds(), Text::new("调整原因", "Reason for the adjustment")]
        }
        FieldPath::Narrative(k) => vec![profile
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::Narrative && s.id == *k)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| Text::same(k))],
        FieldPath::Indicators => vec![indicators()],
        FieldPath::IndicatorRow(i) => vec![indicators(), indicator_row(*i)],
        FieldPath::Indicator(i, f) => vec![
            indicators(),
            indicator_row(*i),
            Text::new(f.name(Lang::Zh), f.name(Lang::En)),
        ],
        FieldPath::ScoreRow(id) => vec![scoring(), fixed_row(id)],
        FieldPath::Score(id, f) => vec![
            scoring(),
            fixed_row(id),
            Text::new(f.name(Lang::Zh), f.name(Lang::En)),
        ],
        FieldPath::BlockWeights => vec![Text::new("各部分分值", "Block weights")],
        FieldPath::BlockWeight(id) => vec![block(id), Text::new("分值", "Weight")],
        FieldPath::Evaluator(i, f) => vec![
            section(SectionKind::Evaluators, "评价人员", "Evaluators"),
            Text::new(format!("第 {} 人", i + 1), format!("person {}", i + 1)),
            Text::new(f.name(Lang::Zh), f.name(Lang::En)),
        ],
        FieldPath::Signoff(s) => vec![
            section(SectionKind::Signoff, "签章", "Signatures"),
            Text::new(s.name(Lang::Zh), s.name(Lang::En)),
        ],
        FieldPath::DeclaredTotal => vec![declared(), Text::new("总分", "Total")],
        FieldPath::DeclaredGrade => vec![declared(), Text::new("等次", "Grade")],
        FieldPath::DeclaredBlock(id) => vec![declared(), block(id)],
    }
}

/// The place, all parts joined: `资金表 · 市级预算资金 · 全年执行数`.
pub fn place(path: &FieldPath, form: &Form, profile: &Profile) -> Text {
    join(&parts(path, form, profile), " · ")
}

/// The parts joined with `sep` in each language.
pub fn join(parts: &[Text], sep: &str) -> Text {
    let each = |pick: fn(&Text) -> &str| parts.iter().map(pick).collect::<Vec<_>>().join(sep);
    Text::new(each(|t| t.zh.as_str()), each(|t| t.en.as_str()))
}

fn nth_row(i: usize) -> Text {
    Text::new(format!("第 {} 行", i + 1), format!("row {}", i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::{FieldPath, IndicatorField};

    #[test]
    fn places_are_said_as_the_form_shows_them() {
        let form = crate::read_form(crate::sample::EXAMPLE).unwrap();
        let profile = Profile::builtin(&form.profile).unwrap();
        let at = |p: &str| place(&FieldPath::parse(p).unwrap(), &form, &profile);
        let spent = at("funds.rows[0].spent");
        assert_eq!(
            spent.zh,
            "项目资金情况（万元） · 市级预算资金 · 实际支出资金"
        );
        assert_eq!(spent.en.split(" · ").count(), 3);
        let i = form.indicators.iter().position(|r| r.level == 3).unwrap();
        let reason = place(
            &FieldPath::Indicator(i, IndicatorField::DeviationReason),
            &form,
            &profile,
        );
        assert!(
            reason.zh.contains(&format!(
                "第 {} 行「{}」 · 偏差原因",
                i + 1,
                form.indicators[i].name
            )),
            "{}",
            reason.zh
        );
        assert_eq!(at("declared.grade").zh, "所填结果 · 等次");
        for p in [
            "status",
            "header.project",
            "funds.rows",
            "indicators",
            "signoff.filed_on",
            "evaluators[0].name",
        ] {
            let t = at(p);
            assert!(
                !t.zh.is_empty() && !t.en.is_empty() && !t.en.contains('.'),
                "{p}: {t:?}"
            );
        }
    }
}
