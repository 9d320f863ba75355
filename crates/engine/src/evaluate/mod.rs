//! Evaluation: one pure function from a form and its profile to every derived number, each explained,
//! and the findings. Nothing here reads a clock, a file or a global: the same input gives the same
//! result, natively and in the browser.
//!
//! The order is: funds table (totals, rates) → indicator outline (parsed values, completion, indicator
//! scores) → fixed scoring rows → blocks → total (rescaling, caps, rounding) → grade → checks of what the
//! form declares, across the form's parts, and of its narratives.

mod across;
mod declared;
mod entries;
mod funds;
mod indicators;
mod narrative;
mod rows;

use crate::decimal::{plain, round, saturating_add, Decimal};
use crate::ex;
use crate::explain::{Explain, Piece};
use crate::findings::{Finding, FindingCode};
use crate::model::Form;
use crate::path::FieldPath;
use crate::profile::Profile;
use crate::result::{
    BlockResult, Counts, Evaluation, Figure, Format, GradeResult, RowResult, ScoreSource,
};
use crate::text::Text;
use std::collections::BTreeMap;

/// Evaluates `form` under `profile`. Never panics, whatever the input.
pub fn evaluate(form: &Form, profile: &Profile) -> Evaluation {
    let mut cx = Ctx {
        form,
        profile,
        findings: Vec::new(),
        unread: Vec::new(),
    };
    cx.unread = entries::unread(&cx);
    let unread = std::mem::take(&mut cx.unread);
    entries::report_unread(&mut cx, &unread);
    cx.unread = unread;
    let places = cx.places();
    let covered = incomplete_rows(form);
    let partial = !form.incomplete.trim().is_empty() || !covered.is_empty();
    let funds = funds::evaluate(&mut cx);
    let (indicators, indicator_rows) = indicators::evaluate(&mut cx);
    let (blocks, mut weights) = score_blocks(&mut cx, &funds, indicator_rows);
    check_unknown_ids(&mut cx);
    let raw_total = cx.sum_figure(blocks.iter().map(|b| &b.score));
    // A total that waits for an input is not rescaled, capped or graded: it stays open.
    let open = raw_total.is_pending();
    let rescaled = if open {
        None
    } else {
        rescale(&mut cx, &raw_total, &mut weights)
    };
    let before_cap = rescaled.as_ref().map_or(raw_total.value, |r| r.value);
    let capped = if open {
        None
    } else {
        cap(&mut cx, &funds, before_cap)
    };
    let (total, explain) = match (&rescaled, &capped) {
        (_, Some(c)) => (c.value, c.explain.clone()),
        (Some(r), None) => (r.value, r.explain.clone()),
        (None, None) => (raw_total.value, raw_total.explain.clone()),
    };
    let (total, reachable) = if open {
        (raw_total.clone(), raw_total.clone())
    } else {
        let reachable = Figure::new(
            round(weights.reachable, places),
            Format::Fixed(places),
            ex![Piece::W(
                "计算得出的行取计算值，评价打分的行取满分",
                "computed rows at their computed score, judgement rows at full marks"
            )],
        );
        let mut explain = explain;
        if partial {
            explain.0.push(Piece::W(
                "；原件不完整：此为已有部分的合计，不评等次",
                "; the source is incomplete: this is the sum of what is there, with no grade",
            ));
        }
        let total = Figure::new(round(total, places), Format::Fixed(places), explain);
        (total, reachable)
    };
    let grade = (!open && !partial)
        .then(|| profile.grade_for(total.value))
        .flatten()
        .map(|g| GradeResult {
            grade: g.grade.clone(),
            name_en: g.name_en.clone(),
            explain: grade_explain(profile, total.value, &total.shown()),
        });
    declared::check(&mut cx, &blocks, &total, &reachable);
    across::check(&mut cx, &funds, &indicators, &blocks);
    narrative::check(&mut cx, &funds);
    if partial {
        incomplete(&mut cx, &covered, &blocks);
    }
    let mut findings = cx.findings;
    findings.sort_by_key(|f| f.severity);
    let counts = Counts::of(&findings);
    Evaluation {
        profile: profile.id.clone(),
        funds,
        indicators,
        blocks,
        raw_total,
        rescaled,
        capped,
        total,
        reachable,
        grade,
        partial,
        findings,
        counts,
    }
}

/// The indicator rows a 不完整 mark covers: a marked row, and every row under a marked heading (a
/// level-1 heading: its block; a level-2 heading: its group).
fn incomplete_rows(form: &crate::model::Form) -> Vec<usize> {
    let (mut block, mut group) = (false, false);
    let mut out = Vec::new();
    for (i, r) in form.indicators.iter().enumerate() {
        let own = !r.incomplete.trim().is_empty();
        match r.level {
            1 => (block, group) = (own, false),
            2 => group = own,
            _ => {}
        }
        if own || block || group {
            out.push(i);
        }
    }
    out
}

/// The checks that need the whole form say nothing about a form whose source is cut off or
/// illegible: they are left out, and a note says so — one for the form, one for each marked row or
/// heading. Under a mark, what a row lacks (a value, a score, a reason) is not asked for, and the
/// stated subtotals of the blocks it touches are not compared.
fn incomplete(cx: &mut Ctx, covered: &[usize], blocks: &[crate::result::BlockResult]) {
    const WHOLE_FORM: [FindingCode; 8] = [
        FindingCode::WeightsTotalSum,
        FindingCode::WeightsBlockSum,
        FindingCode::WeightsGroupSum,
        FindingCode::TotalDeclaredMismatch,
        FindingCode::TotalAboveReachable,
        FindingCode::TotalDeclaredRowsSum,
        FindingCode::GradeDeclaredMismatch,
        FindingCode::IndicatorCostVsSpending,
    ];
    const ABSENT: [FindingCode; 7] = [
        FindingCode::ScoreFullWithoutEvidence,
        FindingCode::ValueMissing,
        FindingCode::ScoreMissing,
        FindingCode::WeightsMissing,
        FindingCode::ScoreBandNeedsScore,
        FindingCode::ReasonMissingBelowWeight,
        FindingCode::ReasonMissingOverAchievement,
    ];
    let form = cx.form;
    // The blocks the covered rows score into, and those of marked level-1 headings.
    let touched: Vec<&str> = blocks
        .iter()
        .filter(|b| {
            b.rows
                .iter()
                .any(|r| matches!(r.path, FieldPath::IndicatorRow(i) if covered.contains(&i)))
        })
        .map(|b| b.id.as_str())
        .chain(
            covered
                .iter()
                .filter_map(|&i| form.indicators.get(i))
                .filter(|r| r.level == 1)
                .map(|r| r.block.as_str()),
        )
        .collect();
    cx.findings.retain(|f| {
        let under_mark = f.path.indicator_row().is_some_and(|i| covered.contains(&i));
        let block_stated =
            matches!(&f.path, FieldPath::DeclaredBlock(id) if touched.contains(&id.as_str()));
        let left_out = WHOLE_FORM.contains(&f.code)
            || (under_mark && ABSENT.contains(&f.code))
            || (block_stated && f.code == FindingCode::BlockDeclaredMismatch);
        !left_out
    });
    for &i in covered {
        let r = &form.indicators[i];
        if r.incomplete.trim().is_empty() {
            continue;
        }
        let note = crate::text::quote(r.incomplete.trim());
        let name = crate::text::quote(&r.name);
        let (zh, en) = match r.level {
            1 | 2 => (
                "其下各行只计已有部分",
                "the rows under it count what is there",
            ),
            _ => ("此行只计已有部分", "the row counts what is there"),
        };
        cx.push(
            FindingCode::FormIncomplete,
            FieldPath::Indicator(i, crate::path::IndicatorField::Incomplete),
            Text::new(
                format!("“{name}”原件不完整（{note}）：{zh}，缺少的值、得分与原因不再提示；总分为已有部分的合计，不评等次"),
                format!("\"{name}\" is incomplete on the source ({note}): {en}, and what is missing is not asked for; the total is the sum of what is there, with no grade"),
            ),
            "[form] 表中各栏须填写完整",
        );
    }
    if cx.form.incomplete.trim().is_empty() {
        return;
    }
    let note = crate::text::quote(cx.form.incomplete.trim());
    cx.push(
        FindingCode::FormIncomplete,
        FieldPath::Incomplete,
        Text::new(
            format!("原件不完整（{note}）：总分为已有部分的合计，不评等次；分值合计、总分与等次的核查未做"),
            format!("the source is incomplete ({note}): the total is the sum of what is there, with no grade; the checks of weight sums, the total and the grade are not made"),
        ),
        "[form] 表中各栏须填写完整",
    );
}

/// What the blocks' rows add up to, beside their scores.
struct Weights {
    /// The weights of the rows that apply.
    applicable: Decimal,
    /// The highest total the rows can reach (computed rows at their score, judgement rows at full).
    reachable: Decimal,
    /// Some row does not apply: the total is rescaled to 100.
    any_excluded: bool,
}

/// Scores every block of the profile: its fixed rows, or the indicator rows bound to it.
fn score_blocks(
    cx: &mut Ctx,
    funds: &crate::result::FundsResult,
    indicator_rows: Vec<(String, RowResult)>,
) -> (Vec<BlockResult>, Weights) {
    let profile = cx.profile;
    let mut by_block: BTreeMap<String, Vec<RowResult>> = BTreeMap::new();
    for (block, row) in indicator_rows {
        by_block.entry(block).or_default().push(row);
    }
    let mut blocks = Vec::with_capacity(profile.blocks.len());
    let mut weight_sum = Decimal::ZERO;
    let mut w = Weights {
        applicable: Decimal::ZERO,
        reachable: Decimal::ZERO,
        any_excluded: false,
    };
    for block in &profile.blocks {
        let weight = cx.block_weight(block);
        weight_sum = saturating_add(weight_sum, weight);
        let rows: Vec<RowResult> = if block.from_indicators {
            let rows = by_block.remove(&block.id).unwrap_or_default();
            indicators::check_block_weights(cx, block, weight, &rows);
            rows
        } else {
            let fixed = block.rows.iter();
            fixed
                .map(|r| rows::score_fixed(cx, block, r, funds, weight))
                .collect()
        };
        for r in &rows {
            if r.source == ScoreSource::Excluded {
                w.any_excluded = true;
                continue;
            }
            w.applicable = saturating_add(w.applicable, r.weight);
            let computed = r.source == ScoreSource::Computed && !r.method.is_judgement();
            let best = if computed { r.score.value } else { r.weight };
            w.reachable = saturating_add(w.reachable, best);
        }
        let applying = rows.iter().filter(|r| r.source != ScoreSource::Excluded);
        let mut score = cx.sum_figure(applying.map(|r| &r.score));
        let weight_path = FieldPath::BlockWeight(block.id.clone());
        if cx.unread_at(&weight_path).is_some() {
            score = cx.waiting(&weight_path);
        }
        blocks.push(BlockResult {
            id: block.id.clone(),
            name: block.name.clone(),
            weight: Figure::new(weight, Format::Raw, weight_explain(block, weight)),
            score,
            rows,
        });
    }
    if weight_sum != Decimal::ONE_HUNDRED {
        cx.push(
            FindingCode::WeightsTotalSum,
            FieldPath::BlockWeights,
            Text::new(
                format!("各部分分值之和为 {}，应为 100", plain(weight_sum)),
                format!("the block weights add up to {}, not 100", plain(weight_sum)),
            ),
            "[2020] 总分 100",
        );
    }
    (blocks, w)
}

/// The total rescaled to 100 when rows that do not apply were left out [note] (and the reachable
/// total with it); `None` when every row applies.
fn rescale(cx: &mut Ctx, raw_total: &Figure, w: &mut Weights) -> Option<Figure> {
    if !w.any_excluded {
        return None;
    }
    let places = cx.places();
    let to_100 = |x: Decimal| {
        x.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|t| t.checked_div(w.applicable))
            .unwrap_or(Decimal::MAX)
    };
    let (value, explain) = if w.applicable.is_zero() {
        let why = Piece::W(
            "没有适用的计分行，总分为 0",
            "no row applies: the total is 0",
        );
        (Decimal::ZERO, ex![why])
    } else {
        let v = round(to_100(raw_total.value), places);
        let e = ex![
            Piece::W(
                "不适用的指标不计，折算为百分制：",
                "rows that do not apply are left out and the total rescaled to 100: "
            ),
            Piece::Fixed(raw_total.value, places),
            " ÷ ",
            Piece::Plain(w.applicable),
            " × 100 = ",
            Piece::Fixed(v, places)
        ];
        (v, e)
    };
    w.reachable = if w.applicable.is_zero() {
        Decimal::ZERO
    } else {
        to_100(w.reachable)
    };
    cx.push(
        FindingCode::TotalRescaled,
        FieldPath::Indicators,
        explain.text(),
        "[note] 不适用指标不计，按适用指标满分折算为 100 分",
    );
    Some(Figure::new(value, Format::Fixed(places), explain))
}

/// The total capped by a local rule on the execution rate [local], where one applies and the total
/// is above it.
fn cap(cx: &mut Ctx, funds: &crate::result::FundsResult, total: Decimal) -> Option<Figure> {
    let rate = funds.execution_rate.as_ref()?.value;
    let caps = &cx.profile.local_rules.execution_caps;
    let cap = caps
        .iter()
        .filter(|c| rate < c.below)
        .map(|c| c.cap)
        .min()?;
    if total <= cap {
        return None;
    }
    let places = cx.places();
    let explain = ex![
        Piece::W("执行率 ", "execution "),
        Piece::Pct(rate, cx.pp()),
        Piece::W(
            " 低于封顶阈值，总分 ",
            " is below a cap threshold: the total "
        ),
        Piece::Fixed(total, places),
        Piece::W(" 封顶为 ", " is capped at "),
        Piece::Plain(cap)
    ];
    cx.push(
        FindingCode::TotalCapped,
        FieldPath::Funds,
        explain.text(),
        "[local] 按预算执行率对总分封顶",
    );
    Some(Figure::new(cap, Format::Fixed(places), explain))
}

/// Entries for scoring rows or blocks the profile does not have are reported, never silently dropped.
fn check_unknown_ids(cx: &mut Ctx) {
    let (form, profile) = (cx.form, cx.profile);
    for id in form.scores.keys() {
        if profile.fixed_row(id).is_none() {
            cx.push(
                FindingCode::FormUnknownScoreRow,
                FieldPath::ScoreRow(id.clone()),
                Text::new(format!("规则“{}”的评分表中没有“{id}”这一行，此项未计分", crate::text::quote(&profile.name.zh), id = crate::text::quote(id)), format!("the scoring table of profile \"{}\" has no row \"{id}\": this entry is not scored", crate::text::quote(&profile.name.en), id = crate::text::quote(id))),
                &profile.basis,
            );
        }
    }
    for (key, text) in &form.narratives {
        let known = profile
            .sections
            .iter()
            .any(|s| s.kind == crate::profile::SectionKind::Narrative && s.id == *key);
        if !known && !text.trim().is_empty() {
            cx.push(
                FindingCode::FormUnknownNarrative,
                FieldPath::Narrative(key.clone()),
                Text::new(
                    format!(
                        "规则“{}”没有“{}”这一栏：这段文字不会显示、打印或导出",
                        crate::text::quote(&profile.name.zh),
                        crate::text::quote(key)
                    ),
                    format!(
                        "profile \"{}\" has no section \"{}\": this text is not shown, printed or exported",
                        crate::text::quote(&profile.name.en),
                        crate::text::quote(key)
                    ),
                ),
                &profile.basis,
            );
        }
    }
    for id in form.block_weights.keys() {
        if profile.block(id).is_none() {
            cx.push(
                FindingCode::FormUnknownBlock,
                FieldPath::BlockWeight(id.clone()),
                Text::new(
                    format!(
                        "规则“{}”中没有“{id}”这一部分，此分值未使用",
                        crate::text::quote(&profile.name.zh),
                        id = crate::text::quote(id)
                    ),
                    format!(
                        "profile \"{}\" has no block \"{id}\": this weight is not used",
                        crate::text::quote(&profile.name.en),
                        id = crate::text::quote(id)
                    ),
                ),
                &profile.basis,
            );
        }
    }
}

fn weight_explain(block: &crate::profile::Block, weight: Decimal) -> Explain {
    if weight == block.weight {
        ex![
            Piece::W("规则设定：", "set by the profile: "),
            Piece::Plain(weight)
        ]
    } else {
        ex![
            Piece::W("本表调整为 ", "adjusted in this form to "),
            Piece::Plain(weight),
            Piece::W("（规则默认 ", " (profile default "),
            Piece::Plain(block.weight),
            Piece::W("）", ")")
        ]
    }
}

fn grade_explain(profile: &Profile, total: Decimal, shown: &str) -> Text {
    let Some(i) = profile.grades.iter().position(|g| total >= g.min) else {
        return Text::same(shown);
    };
    let g = &profile.grades[i];
    let range = match i.checked_sub(1).map(|j| &profile.grades[j]) {
        Some(above) => format!("{} ≤ {shown} < {}", plain(g.min), plain(above.min)),
        None => format!("{shown} ≥ {}", plain(g.min)),
    };
    Text::new(
        format!("{range} → {}", g.grade),
        format!("{range} → {} ({})", g.grade, g.name_en),
    )
}

/// What evaluation carries from step to step: the inputs and the findings so far.
pub(crate) struct Ctx<'a> {
    pub form: &'a Form,
    pub profile: &'a Profile,
    pub findings: Vec<Finding>,
    /// The number fields whose typed text does not read, with that text.
    pub unread: Vec<(FieldPath, String)>,
}

impl Ctx<'_> {
    /// What was typed into the field at `path`, when it does not read as a number.
    pub fn unread_at(&self, path: &FieldPath) -> Option<&str> {
        entries::unread_text(&self.unread, path)
    }

    /// A number left open until the field at `path` is fixed (`typed`) or filled in.
    pub fn waiting(&self, path: &FieldPath) -> Figure {
        entries::waiting(self, path, self.unread_at(path))
    }

    /// Records a finding; its severity is its code's.
    pub fn push(&mut self, code: FindingCode, path: FieldPath, message: Text, basis: &str) {
        let place = crate::place::place(&path, self.form, self.profile);
        self.findings.push(Finding {
            severity: code.severity(),
            code,
            place,
            path,
            message,
            basis: basis.to_string(),
        });
    }

    pub fn places(&self) -> u32 {
        self.profile.rounding.places
    }

    /// Decimal places of percentages.
    pub fn pp(&self) -> u32 {
        self.profile.rounding.percent_places
    }

    /// A row's score as it counts: 四舍五入 to the profile's places when it rounds rows, exact
    /// otherwise. This is the one rounding of a row, in the engine and in the workbook's formulas
    /// alike (`ROUND(x, places)`); a score is compared with its weight at the same places
    /// ([`Ctx::above_weight`]).
    pub fn row_value(&self, exact: Decimal) -> Decimal {
        if self.profile.rounding.round_rows {
            round(exact, self.places())
        } else {
            exact
        }
    }

    /// Whether `score` is above `weight` at the profile's places (a weight of 0.105 with 2 places
    /// counts as 0.11, so that full marks, 0.11, are not above it).
    pub fn above_weight(&self, score: Decimal, weight: Decimal) -> bool {
        let places = self.places();
        round(score, places) > round(weight, places)
    }

    /// A computed row score (see [`Ctx::row_value`]), explained as `how = shown`.
    pub fn score_figure(&self, exact: Decimal, how: Explain) -> Figure {
        let value = self.row_value(exact);
        let places = self.places();
        let mut how = how;
        how.0.extend([Piece::S(" = "), Piece::Fixed(value, places)]);
        Figure::new(value, Format::Fixed(places), how)
    }

    /// The sum of scores, explained term by term (or by count, for long sums).
    /// A sum with a part that waits for an input waits too, with that part's explanation.
    pub fn sum_figure<'f>(&self, parts: impl Iterator<Item = &'f Figure>) -> Figure {
        let places = self.places();
        let mut value = Decimal::ZERO;
        let mut pieces = Vec::new();
        let mut n = 0usize;
        for f in parts {
            if f.is_pending() {
                return f.clone();
            }
            value = crate::decimal::saturating_add(value, f.value);
            n += 1;
            if n <= 12 {
                if n > 1 {
                    pieces.push(Piece::S(" + "));
                }
                pieces.push(Piece::Fixed(f.value, places));
            }
        }
        let explain = match n {
            0 => ex![Piece::W("没有计分行：0", "no scored rows: 0")],
            1..=12 => Explain(pieces).then(ex![" = ", Piece::Fixed(value, places)]),
            _ => ex![
                Piece::Plain(Decimal::from(n)),
                Piece::W(" 行得分之和 = ", " row scores add up to "),
                Piece::Fixed(value, places)
            ],
        };
        Figure::new(value, Format::Fixed(places), explain)
    }

    /// The weight of `block` in this form: the form's adjustment where allowed, else the profile's.
    pub fn block_weight(&mut self, block: &crate::profile::Block) -> Decimal {
        match self.form.block_weights.get(&block.id) {
            Some(w) if block.adjustable => *w,
            Some(_) => {
                self.push(
                    FindingCode::WeightsNotAdjustable,
                    FieldPath::BlockWeight(block.id.clone()),
                    Text::new(
                        format!(
                            "规则不允许调整“{}”的分值，按规则的 {} 计",
                            crate::text::quote(&block.name.zh),
                            plain(block.weight)
                        ),
                        format!(
                            "the profile does not allow changing the weight of \"{}\": {} is used",
                            crate::text::quote(&block.name.en),
                            plain(block.weight)
                        ),
                    ),
                    &block.basis,
                );
                block.weight
            }
            None => block.weight,
        }
    }
}

#[cfg(test)]
mod tests;
