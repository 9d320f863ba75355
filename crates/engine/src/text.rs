//! Bilingual text: every message and explanation the engine produces is given in Chinese and English.

use serde::Serialize;

/// A message in Chinese (`zh`, the default language of the app) and English (`en`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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

    /// The text in `lang` ("en" gives English, anything else Chinese).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.en
        } else {
            &self.zh
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
