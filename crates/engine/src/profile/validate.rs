//! A profile that contradicts itself is rejected, with every reason and where it is.

use super::{Method, Profile, ScoreBand};
use crate::decimal::{plain, Decimal};
use crate::path::DocPath;
use crate::reader::Problem;
use std::borrow::Borrow;
use std::collections::BTreeSet;

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: impl Borrow<DocPath>, zh: impl Into<String>, en: impl Into<String>) {
        self.0.push(Problem::new(path.borrow().clone(), zh, en));
    }

    /// `id` (of a `what`: 部分/block, 行/row …) must not be in `seen` already.
    fn unique<'a>(
        &mut self,
        seen: &mut BTreeSet<&'a str>,
        id: &'a str,
        path: DocPath,
        (zh, en): (&str, &str),
    ) {
        if !seen.insert(id) {
            self.add(
                path,
                format!("{zh}编号 \"{id}\" 重复", id = crate::text::quote(id)),
                format!("{en} id \"{id}\" is repeated", id = crate::text::quote(id)),
            );
        }
    }

    /// A deduction's step (`key` of the method at `path`) above 0, its floor between 0 and the weight.
    fn deduction(
        &mut self,
        path: &DocPath,
        (key, step, (zh, en)): (&str, Decimal, (&str, &str)),
        floor: Decimal,
        weight: Decimal,
    ) {
        if step <= Decimal::ZERO {
            self.add(path.key(key), zh, en);
        }
        if floor < Decimal::ZERO || floor > weight {
            self.add(
                path.key("floor"),
                "最低分应在 0 与该行分值之间",
                "the floor must lie between 0 and the row's weight",
            );
        }
    }

    fn not_negative(&mut self, weight: Decimal, path: DocPath) {
        if weight < Decimal::ZERO {
            self.add(path, "分值不能为负", "a weight may not be negative");
        }
    }
}

pub(super) fn validate(p: &Profile) -> Vec<Problem> {
    let mut out = Problems(Vec::new());
    if p.id.is_empty()
        || !p
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.add(
            DocPath::at("id"),
            format!(
                "规则编号 \"{}\" 只能由小写字母、数字和 - 组成",
                crate::text::quote(&p.id)
            ),
            format!(
                "profile id \"{}\" may hold only lowercase letters, digits and -",
                crate::text::quote(&p.id)
            ),
        );
    }
    let mut section_ids = BTreeSet::new();
    for (i, s) in p.sections.iter().enumerate() {
        let path = DocPath::at("sections").index(i).key("id");
        out.unique(&mut section_ids, &s.id, path, ("栏目", "section"));
    }
    validate_blocks(p, &mut out);
    validate_direction_words(p, &mut out);
    if p.funds.row_rates && p.funds.shows_score {
        out.add(
            DocPath::at("funds").key("row_rates"),
            "每行执行率只用于不打印分值、得分栏的资金表（shows_score 为 false）",
            "row rates are only for a funds table without the weight and score columns (shows_score false)",
        );
    }
    validate_bands(p, &mut out);
    validate_grades(p, &mut out);
    validate_names(p, &mut out);
    if p.rounding.places > 6
        || p.rounding.percent_places > 6
        || p.rounding.completion_places > 6
        || p.rounding.rate_places_before_scoring.is_some_and(|r| r > 6)
    {
        out.add(
            DocPath::at("rounding"),
            "小数位数不能超过 6",
            "decimal places may not exceed 6",
        );
    }
    let t = &p.thresholds;
    if let Some(v) = t.execution_reason_below {
        if v <= Decimal::ZERO || v > Decimal::ONE {
            out.add(
                DocPath::at("thresholds").key("execution_reason_below"),
                "执行率阈值应在 0 与 1 之间",
                "the execution threshold must lie in (0, 1]",
            );
        }
    }
    if let Some(v) = t.over_achievement_reason_at {
        if v <= Decimal::ONE {
            out.add(
                DocPath::at("thresholds").key("over_achievement_reason_at"),
                "超额完成阈值应大于 1（100%）",
                "the over-achievement threshold must be above 1 (100%)",
            );
        }
    }
    if let Some(d) = &p.local_rules.over_achievement_deduction {
        if d.at <= Decimal::ONE || d.points < Decimal::ZERO {
            out.add(
                DocPath::at("local_rules").key("over_achievement_deduction"),
                "超额扣分规则：阈值应大于 1，扣分不能为负",
                "over-achievement deduction: threshold must be above 1 and points not negative",
            );
        }
    }
    let caps = &p.local_rules.execution_caps;
    for (i, c) in caps.iter().enumerate() {
        if c.below <= Decimal::ZERO
            || c.below > Decimal::ONE
            || c.cap < Decimal::ZERO
            || c.cap > Decimal::ONE_HUNDRED
        {
            out.add(
                DocPath::at("local_rules").key("execution_caps").index(i),
                "执行率封顶：阈值应在 (0, 1]，封顶分在 [0, 100]",
                "execution cap: threshold must lie in (0, 1] and cap in [0, 100]",
            );
        }
        if i > 0 && (c.below >= caps[i - 1].below || c.cap >= caps[i - 1].cap) {
            out.add(
                DocPath::at("local_rules").key("execution_caps").index(i),
                "执行率封顶应按阈值与封顶分从高到低排列",
                "execution caps must be listed with thresholds and caps both decreasing",
            );
        }
    }
    out.0
}

fn validate_blocks(p: &Profile, out: &mut Problems) {
    if p.blocks.is_empty() {
        out.add(
            DocPath::at("blocks"),
            "至少需要一个计分部分",
            "at least one scored block is needed",
        );
        return;
    }
    let sum = p.blocks.iter().fold(Decimal::ZERO, |acc, b| {
        crate::decimal::saturating_add(acc, b.weight)
    });
    if sum != Decimal::ONE_HUNDRED {
        out.add(
            DocPath::at("blocks"),
            format!("各部分分值之和为 {}，应为 100", plain(sum)),
            format!("block weights sum to {}, not 100", plain(sum)),
        );
    }
    let mut block_ids = BTreeSet::new();
    let mut row_ids = BTreeSet::new();
    let mut from_indicators = false;
    for (bi, b) in p.blocks.iter().enumerate() {
        let path = DocPath::at("blocks").index(bi);
        out.unique(&mut block_ids, &b.id, path.key("id"), ("部分", "block"));
        out.not_negative(b.weight, path.key("weight"));
        from_indicators |= b.from_indicators;
        match (b.rows.is_empty(), b.from_indicators) {
            (true, false) => out.add(
                &path,
                format!(
                    "部分 \"{}\" 既没有固定行也不取自绩效指标",
                    crate::text::quote(&b.name.zh)
                ),
                format!(
                    "block \"{}\" has neither fixed rows nor indicator rows",
                    crate::text::quote(&b.name.en)
                ),
            ),
            (false, true) => out.add(
                &path,
                format!(
                    "部分 \"{}\" 不能同时有固定行并取自绩效指标",
                    crate::text::quote(&b.name.zh)
                ),
                format!(
                    "block \"{}\" cannot have fixed rows and take indicator rows",
                    crate::text::quote(&b.name.en)
                ),
            ),
            _ => {}
        }
        if !b.rows.is_empty() {
            let rows_sum = b.rows.iter().fold(Decimal::ZERO, |acc, r| {
                crate::decimal::saturating_add(acc, r.weight)
            });
            if rows_sum != b.weight {
                out.add(
                    path.key("rows"),
                    format!(
                        "部分 \"{}\" 各行分值之和为 {}，与该部分分值 {} 不符",
                        crate::text::quote(&b.name.zh),
                        plain(rows_sum),
                        plain(b.weight)
                    ),
                    format!(
                        "the rows of block \"{}\" sum to {}, not its weight {}",
                        crate::text::quote(&b.name.en),
                        plain(rows_sum),
                        plain(b.weight)
                    ),
                );
            }
        }
        for (ri, r) in b.rows.iter().enumerate() {
            let rpath = path.key("rows").index(ri);
            if b.adjustable
                && matches!(
                    r.method,
                    Method::Banded { .. } | Method::PerPoint { .. } | Method::PerCount { .. }
                )
            {
                out.add(
                    rpath.key("method"),
                    "可调整分值的部分不能含分档、逐点扣分或按次扣分的行（其分数是绝对分值，无法随部分分值折算）",
                    "an adjustable block cannot hold banded, per-point or per-occurrence rows: their points are absolute and cannot follow the block's weight",
                );
            }
            out.unique(&mut row_ids, &r.id, rpath.key("id"), ("行", "row"));
            out.not_negative(r.weight, rpath.key("weight"));
            match &r.method {
                Method::Banded { bands } => {
                    check_score_bands(bands, r.weight, &rpath.key("method").key("bands"), out)
                }
                Method::PerPoint {
                    per_point, floor, ..
                } => out.deduction(
                    &rpath.key("method"),
                    (
                        "per_point",
                        *per_point,
                        (
                            "每点扣分应大于 0",
                            "the deduction per point must be above 0",
                        ),
                    ),
                    *floor,
                    r.weight,
                ),
                Method::PerCount { per, floor } => out.deduction(
                    &rpath.key("method"),
                    (
                        "per",
                        *per,
                        (
                            "每次扣分应大于 0",
                            "the deduction per occurrence must be above 0",
                        ),
                    ),
                    *floor,
                    r.weight,
                ),
                _ => {}
            }
        }
    }
    if from_indicators != p.indicators.scored {
        out.add(
            DocPath::at("indicators").key("scored"),
            "绩效指标表是否计分，应与是否有部分取自绩效指标一致",
            "the indicator table is scored exactly when some block takes indicator rows",
        );
    }
    for (i, h) in p.indicators.default_outline.iter().enumerate() {
        if !(1..=2).contains(&h.level) {
            out.add(
                DocPath::at("indicators")
                    .key("default_outline")
                    .index(i)
                    .key("level"),
                "预设标题只能是一级或二级",
                "preset headings are level 1 or 2",
            );
        }
        if h.level == 1
            && p.indicators.scored
            && !p
                .blocks
                .iter()
                .any(|b| b.from_indicators && b.id == h.block)
        {
            out.add(
                DocPath::at("indicators")
                    .key("default_outline")
                    .index(i)
                    .key("block"),
                format!(
                    "一级指标 \"{}\" 所属部分 \"{}\" 不存在或不取自绩效指标",
                    crate::text::quote(&h.name),
                    crate::text::quote(&h.block)
                ),
                format!(
                    "level-1 heading \"{}\" names block \"{}\", which does not take indicator rows",
                    crate::text::quote(&h.name),
                    crate::text::quote(&h.block)
                ),
            );
        }
    }
}

fn check_score_bands(bands: &[ScoreBand], weight: Decimal, path: &DocPath, out: &mut Problems) {
    if bands.is_empty() {
        out.add(
            path,
            "分档表不能为空",
            "a banded table needs at least one band",
        );
    }
    for (i, b) in bands.iter().enumerate() {
        if let (Some(lo), Some(hi)) = (b.min, b.max) {
            // A band of one value (`100%`: both ends taken in) is a band; any other empty one is not.
            let one_value = lo == hi && !b.min_open && b.max_closed;
            if lo > hi || (lo == hi && !one_value) {
                out.add(
                    path.index(i),
                    "分档下限应小于上限",
                    "a band's min must be below its max",
                );
            }
        }
        if b.points < Decimal::ZERO || b.points > weight {
            out.add(
                path.index(i).key("points"),
                format!("分档得分应在 0 与该行分值 {} 之间", plain(weight)),
                format!(
                    "a band's points must lie between 0 and the row's weight {}",
                    plain(weight)
                ),
            );
        }
    }
    // Overlaps, found in one pass over the bands sorted by their lower ends (open ends are infinite).
    let lo = |x: Option<Decimal>| x.unwrap_or(Decimal::MIN);
    let hi = |x: Option<Decimal>| x.unwrap_or(Decimal::MAX);
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&i| lo(bands[i].min));
    // The band that reaches furthest so far: its index, its upper end and whether that end is in it.
    let mut reach: Option<(usize, Decimal, bool)> = None;
    for &j in &order {
        let c = &bands[j];
        if let Some((i, end, closed)) = reach {
            // Two bands that meet at a value neither takes in leave it in no band (`80%-90%` and
            // `90%以上`: 90% scores 0).
            if c.min == Some(end) && !closed && c.min_open {
                let (first, second) = (i.min(j), i.max(j));
                out.add(
                    path.index(second),
                    format!(
                        "第 {} 档与第 {} 档都不含 {}：该值不在任何一档，请在其中一档写“（含）”",
                        first + 1,
                        second + 1,
                        plain(end)
                    ),
                    format!(
                        "neither band {} nor band {} takes in {}: that value is in no band; write （含） on one of them",
                        first + 1,
                        second + 1,
                        plain(end)
                    ),
                );
            }
            // Touching ends overlap when both bands take the value in (`…90%（含）` and `90%（含）…`).
            let touching = lo(c.min) == end && closed && !c.min_open && c.min.is_some();
            if lo(c.min) < end || touching {
                let (first, second) = (i.min(j), i.max(j));
                out.add(
                    path.index(second),
                    format!("第 {} 档与第 {} 档重叠", first + 1, second + 1),
                    format!("band {} overlaps band {}", second + 1, first + 1),
                );
            }
        }
        match reach {
            Some((_, end, ref mut closed)) if hi(c.max) == end => {
                *closed |= c.max_closed && c.max.is_some();
            }
            Some((_, end, _)) if hi(c.max) < end => {}
            _ => reach = Some((j, hi(c.max), c.max_closed && c.max.is_some())),
        }
    }
}

fn validate_bands(p: &Profile, out: &mut Problems) {
    let bands = &p.qualitative_bands;
    if p.indicators.scored && bands.is_empty() {
        out.add(
            DocPath::at("qualitative_bands"),
            "计分的绩效指标表需要定性分档",
            "a scored indicator table needs qualitative bands",
        );
    }
    let mut sorted: Vec<_> = bands.iter().enumerate().collect();
    sorted.sort_by_key(|a| a.1.min);
    let mut ids = BTreeSet::new();
    for b in bands {
        if !ids.insert(b.id.as_str()) {
            out.add(
                DocPath::at("qualitative_bands"),
                format!("定性分档编号 \"{}\" 重复", crate::text::quote(&b.id)),
                format!(
                    "qualitative band id \"{}\" is repeated",
                    crate::text::quote(&b.id)
                ),
            );
        }
    }
    let mut expect = Decimal::ZERO;
    for (i, b) in &sorted {
        let path = DocPath::at("qualitative_bands").index(*i);
        if b.min >= b.max || b.min < Decimal::ZERO || b.max > Decimal::ONE {
            out.add(
                &path,
                "定性分档应满足 0 ≤ 下限 < 上限 ≤ 1",
                "a qualitative band needs 0 ≤ min < max ≤ 1",
            );
        }
        if b.min < expect {
            out.add(
                &path,
                format!(
                    "定性分档 \"{}\" 与其他分档重叠",
                    crate::text::quote(&b.name.zh)
                ),
                format!(
                    "qualitative band \"{}\" overlaps another",
                    crate::text::quote(&b.name.en)
                ),
            );
        } else if b.min > expect {
            out.add(
                &path,
                format!(
                    "定性分档在 {} 与 {} 之间留有空档",
                    plain(expect),
                    plain(b.min)
                ),
                format!(
                    "qualitative bands leave a gap between {} and {}",
                    plain(expect),
                    plain(b.min)
                ),
            );
        }
        expect = expect.max(b.max);
    }
    if !bands.is_empty() && expect != Decimal::ONE {
        out.add(
            DocPath::at("qualitative_bands"),
            "定性分档应覆盖 0 至 1（100%）",
            "qualitative bands must cover 0 to 1 (100%)",
        );
    }
}

/// Why a name a profile gives (a grade, a block, a row) cannot stand, if it cannot: empty once
/// trimmed, or holding a character that does not show or that makes two names look alike while they
/// differ — control characters, zero-width spaces and joiners, bidirectional controls, combining
/// marks, and the compatibility characters that Unicode normalisation (NFC) replaces (CJK
/// compatibility ideographs such as 﨑, the Ohm, Kelvin and Ångström signs). A name that passes is
/// in NFC, so two names that look alike are alike.
pub fn name_fault(text: &str) -> Option<(String, String)> {
    if text.trim().is_empty() {
        return Some(("不能为空".into(), "may not be empty".into()));
    }
    let bad = text.chars().find(|&c| {
        c.is_control()
            || matches!(c,
                '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
                | '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
                | '\u{fe20}'..='\u{fe2f}' | '\u{f900}'..='\u{faff}' | '\u{2f800}'..='\u{2fa1f}'
                | '\u{2126}' | '\u{212a}' | '\u{212b}')
    })?;
    Some((
        format!("含有不可见或易混淆的字符 U+{:04X}", bad as u32),
        format!(
            "holds a character that does not show or looks like another (U+{:04X})",
            bad as u32
        ),
    ))
}

/// Every name the profile shows, with where it is: none empty, none holding what does not show, and
/// grades distinct once trimmed.
fn validate_names(p: &Profile, out: &mut Problems) {
    let mut names: Vec<(DocPath, &str)> = Vec::new();
    fn text(path: DocPath, t: &crate::text::Text) -> [(DocPath, &str); 2] {
        [
            (path.key("zh"), t.zh.as_str()),
            (path.key("en"), t.en.as_str()),
        ]
    }
    names.extend(text(DocPath::at("name"), &p.name));
    for (i, g) in p.grades.iter().enumerate() {
        names.push((
            DocPath::at("grades").index(i).key("grade"),
            g.grade.as_str(),
        ));
    }
    for (i, b) in p.blocks.iter().enumerate() {
        names.extend(text(DocPath::at("blocks").index(i).key("name"), &b.name));
        for (j, r) in b.rows.iter().enumerate() {
            names.extend(text(
                DocPath::at("blocks")
                    .index(i)
                    .key("rows")
                    .index(j)
                    .key("name"),
                &r.name,
            ));
        }
    }
    for (i, s) in p.sections.iter().enumerate() {
        names.extend(text(
            DocPath::at("sections").index(i).key("title"),
            &s.title,
        ));
    }
    for (i, b) in p.qualitative_bands.iter().enumerate() {
        names.extend(text(
            DocPath::at("qualitative_bands").index(i).key("name"),
            &b.name,
        ));
    }
    for (path, name) in names {
        if let Some((zh, en)) = name_fault(name) {
            let shown = crate::text::quote(name);
            out.add(
                path,
                format!("名称“{shown}”{zh}"),
                format!("the name \"{shown}\" {en}"),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, g) in p.grades.iter().enumerate() {
        let key = g.grade.trim();
        if seen.contains(&key) && key != g.grade {
            out.add(
                DocPath::at("grades").index(i).key("grade"),
                format!(
                    "等次“{}”去掉首尾空白后与前面的等次相同",
                    crate::text::quote(&g.grade)
                ),
                format!(
                    "grade \"{}\" is the same as one before once trimmed",
                    crate::text::quote(&g.grade)
                ),
            );
        }
        seen.push(key);
    }
}

fn validate_grades(p: &Profile, out: &mut Problems) {
    if p.grades.is_empty() {
        out.add(
            DocPath::at("grades"),
            "至少需要一个等次",
            "at least one grade is needed",
        );
        return;
    }
    let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for g in &p.grades {
        *count.entry(g.grade.as_str()).or_default() += 1;
    }
    for (i, g) in p.grades.iter().enumerate() {
        if i > 0 && g.min >= p.grades[i - 1].min {
            out.add(
                DocPath::at("grades").index(i),
                format!("等次 \"{}\" 的下限 {} 与上一等次重叠，等次应从高到低排列", crate::text::quote(&g.grade), plain(g.min)),
                format!("grade \"{}\" (from {}) overlaps the one before; list grades from highest to lowest", crate::text::quote(&g.grade), plain(g.min)),
            );
        }
        if count.get(g.grade.as_str()).is_some_and(|n| *n > 1) {
            out.add(
                DocPath::at("grades").index(i).key("grade"),
                format!("等次 \"{}\" 重复", crate::text::quote(&g.grade)),
                format!("grade \"{}\" is repeated", crate::text::quote(&g.grade)),
            );
        }
    }
    if let Some(last) = p.grades.last() {
        if last.min != Decimal::ZERO {
            out.add(
                DocPath::at("grades"),
                format!("最低等次的下限应为 0，实际为 {}", plain(last.min)),
                format!("the lowest grade must start at 0, not {}", plain(last.min)),
            );
        }
    }
}

/// Direction words are non-empty once trimmed, and hold nothing that does not show (an empty word
/// would be found in every name).
fn validate_direction_words(p: &Profile, out: &mut Problems) {
    let d = &p.indicators.direction_words;
    for (list, words) in [("reverse", &d.reverse), ("not_reverse", &d.not_reverse)] {
        for (i, w) in words.iter().enumerate() {
            let path = DocPath::at("indicators")
                .key("direction_words")
                .key(list)
                .index(i);
            if let Some((zh, en)) = name_fault(w) {
                let shown = crate::text::quote(w);
                out.add(
                    path,
                    format!("词“{shown}”{zh}"),
                    format!("the word \"{shown}\" {en}"),
                );
            }
        }
    }
}
