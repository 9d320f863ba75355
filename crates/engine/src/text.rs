//! Bilingual text: every message and explanation the engine produces is given in Chinese and English.

use serde::{Deserialize, Serialize};

/// A message in Chinese (`zh`, the default language of the app) and English (`en`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (formulas made of numbers and symbols only).
    pub fn same(text: impl Into<String>) -> Self {
        let t = text.into();
        Text {
            zh: t.clone(),
            en: t,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A language of the app and its outputs: Chinese (the default) or English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language's code (`zh`, `en`), as the page's `lang` setting and the command line's
    /// `--lang` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Whether a text carries rich-text markup (`<p>`, `</p>`, `<br>`, `<div>` …), as text pasted from a
/// web editor does. Text that merely uses `<` or `&` (`到位率<100%`, `A&B`) does not.
pub fn has_markup(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p>", "<p ", "</p>", "<br", "<div", "</div>", "<span", "</span>", "<li>", "<strong>",
        "<b>",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Plain text from rich-text markup as the seed carries it (`<p>…</p>`, `<br>`, entities): paragraphs
/// become lines, other tags are dropped, nothing is kept as markup. Text without markup is returned
/// as it is.
pub fn plain_text(html: &str) -> String {
    if !has_markup(html) {
        return html.to_string();
    }
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&decode_entities(&rest[open..]));
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(name, "p" | "br" | "div" | "li" | "tr")
            && !out.is_empty()
            && !out.ends_with('\n')
        {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim().to_string()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text quoted in a message with what does not show made visible: `优\u{200b}` reads `优⟨U+200B⟩`,
/// so that a message never says "优" is not 优.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let hidden = c.is_control()
            || matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}');
        if hidden {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// What a cell holds when it says nothing (`0`, `无`, `/`, `—`, `暂无` …): a required reason written so
/// is no reason.
pub fn says_nothing(text: &str) -> bool {
    const NOTHING: &[&str] = &[
        "0",
        "无",
        "/",
        "／",
        "\\",
        "-",
        "--",
        "—",
        "——",
        "－",
        "无。",
        "暂无",
        "没有",
        "无偏差",
        "略",
        "空",
        "n/a",
        "na",
        "none",
        "nil",
        "null",
    ];
    let t = text.trim();
    t.is_empty() || NOTHING.iter().any(|n| t.eq_ignore_ascii_case(n))
}

/// What to add to "a reason is required" when the cell holds text that says nothing.
pub fn not_a_reason(text: &str) -> Text {
    let t = text.trim();
    if t.is_empty() {
        return Text::same("");
    }
    let q = quote(t);
    Text::new(
        format!("（所填“{q}”不是原因）"),
        format!(" (\"{q}\" is not a reason)"),
    )
}

/// How much of a text a message quotes: enough to recognise it, never the 32 767 characters a
/// field may hold.
pub const QUOTE_MAX: usize = 60;

/// Text from a file as a message quotes it: what does not show made visible ([`visible`]), and cut
/// to [`QUOTE_MAX`] characters with "…" and the length, so that a message stays a sentence and fits
/// in any cell it is written to.
pub fn quote(text: &str) -> String {
    let n = text.chars().count();
    if n <= QUOTE_MAX {
        return visible(text);
    }
    let head: String = text.chars().take(QUOTE_MAX).collect();
    format!("{}…(+{})", visible(&head), n - QUOTE_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_that_says_nothing_is_no_reason() {
        for t in ["", " ", "0", "无", "/", "—", "暂无", "N/A", " 无偏差 "] {
            assert!(says_nothing(t), "{t:?}");
        }
        for t in ["资金拨付滞后", "无法按期验收，已督促", "0.5万元未支付"] {
            assert!(!says_nothing(t), "{t:?}");
        }
        assert_eq!(not_a_reason("无").zh, "（所填“无”不是原因）");
        assert_eq!(not_a_reason("").zh, "");
    }

    #[test]
    fn a_quote_is_short_and_shows_what_does_not_show() {
        assert_eq!(quote("优\u{200b}"), "优⟨U+200B⟩");
        let long = "长".repeat(32_767);
        let q = quote(&long);
        assert!(q.starts_with(&"长".repeat(QUOTE_MAX)), "{q}");
        assert!(q.ends_with("…(+32707)"), "{q}");
        assert_eq!(quote(&"a".repeat(QUOTE_MAX)), "a".repeat(QUOTE_MAX));
    }

    #[test]
    fn markup_in_imported_narratives_becomes_plain_paragraphs() {
        assert_eq!(
            plain_text("<p>第一段</p><p>第二段 &amp; 更多</p>"),
            "第一段\n第二段 & 更多"
        );
        assert_eq!(
            plain_text("一行<br/>二行<script>alert(1)</script>"),
            "一行\n二行alert(1)"
        );
        assert_eq!(plain_text("没有标记"), "没有标记");
        // Text that only uses < and & is not markup, and stays exactly as typed.
        assert_eq!(
            plain_text("到位率<100%，执行率>90%；A&amp;B"),
            "到位率<100%，执行率>90%；A&amp;B"
        );
    }
}
