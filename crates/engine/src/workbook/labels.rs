//! The labels a workbook's cells are recognised by, as data: the defaults in `labels.json` (the
//! words the official layouts and agencies' variants use), the profile's own titles (its funds
//! columns, total row, sections and title), and the profile's `labels`, which add words of its own
//! layout. A label is compared by its [`core`]: without spaces, bracketed parts (`(A)`, `（50分）`,
//! `（万元）`), dashes, marks and a trailing colon, so `全年预算数(A)` is `全年预算数`.

use crate::profile::{Profile, SectionKind};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DEFAULTS: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin/labels.json"));

/// Every key a profile's `labels` may give words for: the keys of `labels.json`, listed by
/// `build.rs`. (A narrative section of a profile's own is recognised by its title; its key here is
/// `narratives.<id>` for the built-in sections' ids.)
pub const KEYS: &[&str] = include!(concat!(env!("OUT_DIR"), "/builtin/label_keys.rs"));

/// [`KEYS`], as a list.
pub fn known_keys() -> Vec<&'static str> {
    KEYS.to_vec()
}

fn defaults() -> &'static BTreeMap<String, Vec<String>> {
    static D: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    D.get_or_init(|| {
        // The engine's own reader (already in every build), not a second JSON parser.
        let v = crate::reader::parse_file(DEFAULTS)
            .map(|(v, _)| v)
            .unwrap_or_default();
        let mut out = BTreeMap::new();
        if let Some(m) = v.as_object() {
            for (k, words) in m {
                let list = words
                    .as_array()
                    .map(|a| a.iter().filter_map(|w| w.as_str()).map(core).collect())
                    .unwrap_or_default();
                out.insert(k.clone(), list);
            }
        }
        out
    })
}

/// The labels for one profile: by key, the cores of its words.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    by_key: BTreeMap<String, Vec<String>>,
    /// Every core that is some label, with its keys (a word may be a label of two keys, 分值).
    any: BTreeMap<String, Vec<String>>,
}

impl Labels {
    pub fn for_profile(profile: &Profile) -> Labels {
        Labels::for_profiles(std::iter::once(profile))
    }

    /// The defaults alone: the words every layout is looked through for.
    pub fn defaults() -> Labels {
        Labels::for_profiles(std::iter::empty())
    }

    /// The labels of several profiles together (to find where forms are, before a profile is chosen).
    pub fn for_profiles<'p>(profiles: impl Iterator<Item = &'p Profile>) -> Labels {
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut add = |key: &str, word: &str| {
            let c = core(word);
            if c.is_empty() {
                return;
            }
            let list = by_key.entry(key.to_string()).or_default();
            if !list.contains(&c) {
                list.push(c);
            }
        };
        for profile in profiles {
            for (key, words) in &profile.labels {
                for w in words {
                    add(key, w);
                }
            }
            add("title", &profile.title.zh);
            for c in &profile.funds.columns {
                add(&format!("funds.{}", c.column.key()), &c.title.zh);
            }
            add("funds.total", &profile.funds.total_label.zh);
            for s in &profile.sections {
                if s.kind == SectionKind::Narrative {
                    add(&format!("narratives.{}", s.id), &s.title.zh);
                } else {
                    add("section", &s.title.zh);
                }
            }
        }
        for (key, words) in defaults() {
            for w in words {
                add(key, w);
            }
        }
        let mut any: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, words) in &by_key {
            for w in words {
                any.entry(w.clone()).or_default().push(k.clone());
            }
        }
        Labels { by_key, any }
    }

    /// Whether `core` is a label of `key`.
    pub fn is(&self, key: &str, core: &str) -> bool {
        !core.is_empty()
            && self
                .by_key
                .get(key)
                .is_some_and(|w| w.iter().any(|x| x == core))
    }

    /// The first of `keys` that `core` is a label of.
    pub fn which<'k>(&self, keys: &[&'k str], core: &str) -> Option<&'k str> {
        keys.iter().copied().find(|k| self.is(k, core))
    }

    /// Whether `core` is any label at all.
    pub fn is_any(&self, core: &str) -> bool {
        self.any.contains_key(core)
    }

    /// The keys `core` is a label of, with the given prefix (`narratives.`).
    pub fn keys_with<'a>(
        &'a self,
        prefix: &'a str,
        core: &str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.any
            .get(core)
            .into_iter()
            .flatten()
            .filter(move |k| k.starts_with(prefix))
            .map(|k| k.as_str())
    }

    /// The words of `key`, for messages.
    pub fn words(&self, key: &str) -> &[String] {
        self.by_key.get(key).map_or(&[], |v| v.as_slice())
    }
}

/// A cell's text as a label is compared: no whitespace, no bracketed parts, no dashes, stars or dots,
/// no trailing colon, no leading `其中`.
pub fn core(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '(' | '（' | '[' | '【' | '［' | '<' | '〈' | '《' => depth += 1,
            ')' | '）' | ']' | '】' | '］' | '>' | '〉' | '》' => {
                depth = depth.saturating_sub(1)
            }
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '—' | '-' | '－' | '–' | '·' | '•' | '*' | '＊' | '★' | '、' | '_' => {}
            c => out.push(c),
        }
    }
    let mut s = out.trim_end_matches([':', '：']).to_string();
    for prefix in ["其中:", "其中：", "其中"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if !rest.is_empty() {
                s = rest.to_string();
                break;
            }
        }
    }
    s
}

/// A cell that holds its label and its value (`填报单位：晋中市公安局`): the label's core and the value.
pub fn split_inline(text: &str) -> Option<(String, String)> {
    let i = text.find([':', '：'])?;
    let sep = if text[i..].starts_with('：') {
        '：'.len_utf8()
    } else {
        1
    };
    let (label, value) = (core(&text[..i]), text[i + sep..].trim());
    (!label.is_empty() && !value.is_empty()).then(|| (label, value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compared_without_their_marks() {
        assert_eq!(core("全年预算数(A)"), "全年预算数");
        assert_eq!(core("执行率（B/A）"), "执行率");
        assert_eq!(core(" 产出指标（50分）"), "产出指标");
        assert_eq!(core("项 目 名 称："), "项目名称");
        assert_eq!(core("年度总体目标 — 预期目标"), "年度总体目标预期目标");
        assert_eq!(core("其中：本年财政拨款"), "本年财政拨款");
        assert_eq!(core("单位负责人（签章）"), "单位负责人");
        assert_eq!(core("*项目名称"), "项目名称");
        assert_eq!(
            split_inline("填报单位：晋中市公安局"),
            Some(("填报单位".into(), "晋中市公安局".into()))
        );
        assert_eq!(split_inline("项目名称："), None);
    }

    #[test]
    fn the_keys_listed_at_build_are_the_keys_of_the_defaults() {
        let mut listed = known_keys();
        listed.sort_unstable();
        let read: Vec<&str> = defaults().keys().map(String::as_str).collect();
        assert_eq!(listed, read);
    }

    #[test]
    fn a_profile_adds_its_own_words_and_titles() {
        let reg = crate::Registry::new();
        let p = reg.get("jinzhong-2021").unwrap();
        let l = Labels::for_profile(p);
        assert!(l.is("funds.budget", "预算资金"));
        assert!(l.is("funds.total", "合计"));
        assert!(l.is("narratives.overview", "项目概况"));
        assert!(l.is("title", "晋中市财政支出项目绩效自评表"));
        assert!(!l.is("funds.budget", "全年执行数"));
        let mut custom = (**p).clone();
        custom
            .labels
            .push(("funds.spent".into(), vec!["实付金额（元）".into()]));
        assert!(Labels::for_profile(&custom).is("funds.spent", "实付金额"));
    }
}
