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
