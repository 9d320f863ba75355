//! Explanations built from the real numbers, rendered to text only when read.
//!
//! Evaluation runs on every keystroke and on forms of thousands of rows, so it records *what* an
//! explanation says — numbers, symbols and words — and leaves formatting to the moment a person (or
//! the JSON output) reads it. `ex!["536.23", " ÷ ", …]` builds one.

use crate::decimal::{fixed, percent, plain, Decimal};
use crate::text::Text;
use serde::{Serialize, Serializer};

/// One piece of an explanation.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// The same in both languages (symbols, punctuation that does not change).
    S(&'static str),
    /// Words in Chinese and English.
    W(&'static str, &'static str),
    /// Text as typed by the user (a name, a value), the same in both languages.
    O(String),
    /// Owned text in both languages (a profile's band or block name).
    T(Text),
    /// A unit as written.
    U(crate::value::Unit),
    /// A number with the decimals it was written with ("969.94", "0.00").
    Raw(Decimal),
    /// A number without trailing zeros ("3", "0.5").
    Plain(Decimal),
    /// A number with exactly this many decimals, rounded half away from zero.
    Fixed(Decimal, u32),
    /// A ratio as a percentage with this many decimals ("55.28%").
    Pct(Decimal, u32),
}

impl From<&'static str> for Piece {
    fn from(s: &'static str) -> Self {
        Piece::S(s)
    }
}

impl From<String> for Piece {
    fn from(s: String) -> Self {
        Piece::O(s)
    }
}

/// An explanation: pieces read left to right.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explain(pub Vec<Piece>);

/// Builds an [`Explain`] from pieces: string literals, `Piece`s and owned strings.
#[macro_export]
macro_rules! ex {
    ($($p:expr),* $(,)?) => {{
        // Room for the few pieces a score's explanation adds at its end (" = 1.66").
        let mut v = Vec::with_capacity(<[&str]>::len(&[$($crate::ex!(@one $p)),*]) + 4);
        $(v.push($crate::explain::Piece::from($p));)*
        $crate::explain::Explain(v)
    }};
    (@one $p:expr) => { "" };
}

impl Explain {
    /// Adds pieces at the end.
    pub fn then(mut self, more: Explain) -> Explain {
        self.0.extend(more.0);
        self
    }

    fn render(&self, en: bool) -> String {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                Piece::S(t) => s.push_str(t),
                Piece::W(zh, e) => s.push_str(if en { e } else { zh }),
                Piece::O(t) => s.push_str(t),
                Piece::T(t) => s.push_str(if en { &t.en } else { &t.zh }),
                Piece::U(u) => s.push_str(u.as_str()),
                Piece::Raw(d) => s.push_str(&d.to_string()),
                Piece::Plain(d) => s.push_str(&plain(*d)),
                Piece::Fixed(d, places) => s.push_str(&fixed(*d, *places)),
                Piece::Pct(d, places) => s.push_str(&percent(*d, *places)),
            }
        }
        s
    }

    /// The explanation in both languages.
    pub fn text(&self) -> Text {
        Text {
            zh: self.render(false),
            en: self.render(true),
        }
    }
}

impl Serialize for Explain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.text().serialize(s)
    }
}

impl From<Piece> for Explain {
    fn from(p: Piece) -> Self {
        Explain(vec![p])
    }
}
