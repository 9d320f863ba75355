//! A form shared by link: the whole form in the address's fragment, `#f=` followed by its JSON text
//! (`ziping-form`, as exported) compressed with deflate (raw, the browser's own `CompressionStream`)
//! and written in base64url. A browser never sends the fragment to any server: the form travels
//! only inside the link.
//!
//! This module is the link's format without the compression (which the browser does,
//! `ziping_browser::link`): where the payload is, base64url both ways, and the limits with their
//! messages. Decoded, a link's form is opened like any file, through the engine's intake.

use ziping_engine::reader::MAX_FILE_BYTES;
use ziping_engine::Text;

/// What starts a link's fragment (after `#`).
pub const KEY: &str = "f=";

/// The longest fragment a link may have: 32 KB of characters. Longer links are cut by some mail
/// and chat programs; a form that needs more is sent as a JSON file.
pub const MAX_FRAGMENT_CHARS: usize = 32 * 1024;

/// The most a link's form may inflate to: the size of the largest form file the intake reads. A link
/// that inflates to more (a "zip bomb" in 32 KB) is stopped there.
pub const MAX_FORM_BYTES: usize = MAX_FILE_BYTES;

/// The payload of an address's fragment (`location.hash`, with or without its `#`) when it holds a
/// shared form: the text after `f=`.
pub fn payload(hash: &str) -> Option<&str> {
    hash.strip_prefix('#').unwrap_or(hash).strip_prefix(KEY)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url, without padding (RFC 4648 §5).
pub fn to_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of base64url text (padding `=` allowed at the end), or what is wrong with it: a
/// character no base64url text has (and where), or a length no whole text has (a link cut short).
pub fn from_base64url(text: &str) -> Result<Vec<u8>, Text> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0u32);
    for (at, c) in text.chars().enumerate() {
        let Some(v) = ALPHABET.iter().position(|a| *a as char == c) else {
            let shown = if c.is_control() {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            };
            return Err(garbled(Text::new(
                format!("第 {} 个字符“{shown}”不属于链接的编码", at + 1),
                format!(
                    "character {} (“{shown}”) is not part of a link's code",
                    at + 1
                ),
            )));
        };
        n = (n << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((n >> bits) as u8);
            n &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err(garbled(Text::new(
            "链接的长度不完整（可能在复制时被截断）",
            "the link's length is incomplete (it may have been cut off when copied)",
        )));
    }
    Ok(out)
}

/// The fragment of a link to a form compressed as `deflated`: `#f=…`, or why there is none (too
/// long for a link, with the advice to send the JSON file).
pub fn fragment(deflated: &[u8]) -> Result<String, Text> {
    let code = to_base64url(deflated);
    check_length(&code)?;
    Ok(format!("#{KEY}{code}"))
}

/// A payload longer than a link may be: refused before it is decoded.
pub fn check_length(payload: &str) -> Result<(), Text> {
    let chars = payload.len() + KEY.len();
    if chars > MAX_FRAGMENT_CHARS {
        return Err(too_long(chars));
    }
    Ok(())
}

/// `chars` in KB with one decimal, rounded half up (integers only: no float formatting in the page).
fn kb(chars: usize) -> String {
    let tenths = (chars * 10 + 512) / 1024;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A form too large for a link.
pub fn too_long(chars: usize) -> Text {
    Text::new(
        format!(
            "表单太大，无法放入链接（需要 {} KB，链接最多 {} KB）。请导出 JSON 文件发送。",
            kb(chars),
            MAX_FRAGMENT_CHARS / 1024
        ),
        format!(
            "the form is too large for a link ({} KB needed, a link holds at most {} KB): export it as a JSON file and send that",
            kb(chars),
            MAX_FRAGMENT_CHARS / 1024
        ),
    )
}

/// A link that cannot be read, and why.
pub fn garbled(why: Text) -> Text {
    Text::new(
        format!(
            "此链接无法打开：{}。请向发送人索取完整的链接，或请其导出 JSON 文件发送。本浏览器中的草稿未受影响。",
            why.zh
        ),
        format!(
            "this link cannot be opened: {}. Ask the sender for the whole link, or for the form as a JSON file. Nothing in this browser's drafts was changed.",
            why.en
        ),
    )
}

/// The link's data does not inflate (a link cut short, or changed).
pub fn not_deflated(detail: &str) -> Text {
    garbled(Text::new(
        format!("其中的数据不完整或已损坏（{detail}）"),
        format!("its data is incomplete or damaged ({detail})"),
    ))
}

/// This browser has no `DecompressionStream("deflate-raw")` (older than Chrome 103, Firefox 113,
/// Safari 16.4): the link may be whole, the browser cannot read it.
pub fn browser_cannot_read(detail: &str) -> Text {
    Text::new(
        format!("此浏览器不能读取表单链接（{detail}）。请换用较新的浏览器打开，或请发送人导出 JSON 文件发送。本浏览器中的草稿未受影响。"),
        format!("this browser cannot read a form's link ({detail}): open it in a newer browser, or ask the sender for the form as a JSON file. Nothing in this browser's drafts was changed."),
    )
}

/// The link's form inflates to more than a form file may hold.
pub fn inflates_too_far() -> Text {
    garbled(Text::new(
        format!(
            "其中的数据解压后超过 {} MB，不是表单",
            MAX_FORM_BYTES / 1024 / 1024
        ),
        format!(
            "its data inflates to more than {} MB: it is not a form",
            MAX_FORM_BYTES / 1024 / 1024
        ),
    ))
}

/// The file name a link's form is reported under (its problems, its findings).
pub const LINK_FILE: &str = "分享链接 · shared link";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length_and_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..bytes.len() {
            let code = to_base64url(&bytes[..len]);
            assert!(code
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
            assert_eq!(code.len(), (len * 4).div_ceil(3), "no padding at {len}");
            assert_eq!(from_base64url(&code).unwrap(), &bytes[..len], "at {len}");
        }
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, code) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(to_base64url(plain.as_bytes()), code);
            assert_eq!(from_base64url(code).unwrap(), plain.as_bytes());
        }
        // Padding as standard base64 writes it is taken too; `-` and `_` are 62 and 63.
        assert_eq!(from_base64url("Zg==").unwrap(), b"f");
        assert_eq!(to_base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn a_garbled_payload_names_the_character_and_where() {
        let e = from_base64url("Zm9v+YmFy").unwrap_err();
        assert!(e.zh.contains("第 5 个字符“+”"), "{}", e.zh);
        assert!(e.en.contains("character 5 (“+”)"), "{}", e.en);
        assert!(e.zh.contains("草稿未受影响"), "{}", e.zh);
        let e = from_base64url("Zm9v\u{7}").unwrap_err();
        assert!(e.en.contains("U+0007"), "{}", e.en);
    }

    #[test]
    fn a_payload_cut_to_a_length_no_whole_one_has_is_called_incomplete() {
        // 4n + 1 characters cannot end any base64 text.
        let e = from_base64url("Zm9vY").unwrap_err();
        assert!(e.en.contains("cut off"), "{}", e.en);
    }

    #[test]
    fn the_payload_is_found_after_f_with_or_without_the_hash() {
        assert_eq!(payload("#f=abc"), Some("abc"));
        assert_eq!(payload("f=abc"), Some("abc"));
        assert_eq!(payload("#f="), Some(""));
        assert_eq!(payload("#main"), None);
        assert_eq!(payload(""), None);
        assert_eq!(payload("#edit=x"), None);
    }

    #[test]
    fn a_link_longer_than_32_kb_is_refused_with_the_advice_to_export() {
        // 24 573 bytes make 32 764 characters: with `f=`, 32 766, within 32 768.
        let fits = fragment(&vec![7u8; 24_573]).unwrap();
        assert_eq!(fits.len(), 1 + 2 + 32_764);
        let e = fragment(&vec![7u8; 24_576]).unwrap_err();
        assert!(e.zh.contains("导出 JSON"), "{}", e.zh);
        assert!(
            e.en.contains("(32.0 KB needed, a link holds at most 32 KB)"),
            "{}",
            e.en
        );
        assert!(check_length(&"A".repeat(MAX_FRAGMENT_CHARS)).is_err());
        assert!(check_length(&"A".repeat(MAX_FRAGMENT_CHARS - 2)).is_ok());
    }
}
