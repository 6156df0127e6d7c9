//! Accent folding: `mejia` finds "Mejía", `presión` finds "presion".
//!
//! Like fzf's default ("normalize latin script letters"), both the query and the searched text
//! are folded, then scored as they are. Each letter of the Latin-1 Supplement and Latin
//! Extended-A blocks that is a base letter with a diacritic (accent, tilde, cedilla, ogonek,
//! caron, stroke...) becomes that base letter, keeping its case: `á`→`a`, `Á`→`A`, `ñ`→`n`,
//! `ç`→`c`, `ø`→`o`, `ł`→`l`. Every other character stays as it is, including the letters
//! with no one-letter base (`ß`, `æ`, `œ`, `þ`, `ĳ`), so that folding maps one char to exactly
//! one char: a char index into the folded text is the same index into the original, and the
//! highlighted positions need no translation. Texts are NFC (the loader normalises them), so
//! only precomposed letters need folding.

use std::borrow::Cow;

/// The first code point [`BASE`] covers.
const FIRST: u32 = 0xC0;

/// The base letter of each code point from U+00C0 to U+017F, sixteen to a line; `.` where the
/// char has no one-letter base (`Æ`, `×`, `ß`, `Ĳ`, `ĸ`, `ŉ`, `Ŋ`, `Œ`, `ſ`...) and stays as it is.
const BASE: &[u8; 192] = b"\
AAAAAA.CEEEEIIII\
DNOOOOO.OUUUUY..\
aaaaaa.ceeeeiiii\
dnooooo.ouuuuy.y\
AaAaAaCcCcCcCcDd\
DdEeEeEeEeEeGgGg\
GgGgHhHhIiIiIiIi\
Ii..JjKk.LlLlLlL\
lLlNnNnNn...OoOo\
Oo..RrRrRrSsSsSs\
SsTtTtTtUuUuUuUu\
UuUuWwYyYZzZzZz.";

/// `c` without its diacritic (see the module docs); `c` itself where there is nothing to fold.
#[inline]
pub fn fold_char(c: char) -> char {
    let i = (c as u32).wrapping_sub(FIRST) as usize;
    match BASE.get(i) {
        Some(&b) if b != b'.' => char::from(b),
        _ => c,
    }
}

/// True if `lead` starts the UTF-8 encoding of a char from U+00C0 to U+017F: the only bytes
/// where a char that folds can start.
#[inline]
fn may_fold(lead: u8) -> bool {
    matches!(lead, 0xC3..=0xC5)
}

/// `text` with every char folded by [`fold_char`]: borrowed when nothing changes (ASCII and
/// most non-Latin text), so that callers only keep copies of the texts folding changes. It has
/// as many chars as `text`, and never more bytes.
pub fn fold(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // The first char that folds, found with a SIMD scan for the lead bytes that can start one.
    let mut at = 0;
    let first = loop {
        let Some(i) = memchr::memchr3(0xC3, 0xC4, 0xC5, &bytes[at..]) else {
            return Cow::Borrowed(text);
        };
        let i = at + i;
        let c = text[i..].chars().next().unwrap_or('\0');
        if fold_char(c) != c {
            break i;
        }
        at = i + c.len_utf8();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut run = first;
    let mut i = first;
    while i < bytes.len() {
        if !may_fold(bytes[i]) {
            i += 1;
            continue;
        }
        // `i` is a lead byte, so a char boundary, and its char is two bytes long.
        let c = text[i..].chars().next().unwrap_or('\0');
        let base = fold_char(c);
        if base != c {
            out.push_str(&text[run..i]);
            out.push(base);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&text[run..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn what_journalists_type_finds_what_was_written() {
        for (written, typed) in [
            ("José Ernesto Mejía", "Jose Ernesto Mejia"),
            ("La selección jugó", "La seleccion jugo"),
            ("São Paulo", "Sao Paulo"),
            ("presión", "presion"),
            ("ÁÉÍÓÚ Ñandú Ü Ç", "AEIOU Nandu U C"),
            (
                "Łódź, Øresund, Đoković, Dvořák",
                "Lodz, Oresund, Dokovic, Dvorak",
            ),
            (
                "Fenerbahçe, Sarıyer, İstanbul",
                "Fenerbahce, Sariyer, Istanbul",
            ),
        ] {
            assert_eq!(fold(written), typed);
        }
    }

    #[test]
    fn letters_without_a_one_letter_base_and_other_scripts_stay() {
        for text in [
            "Straße Æsir œuvre Þ ĳs ŉ ŋ ĸ ſ × ÷",
            "«تلقيت بالفعل عرضا»",
            "Ελλάδα Россия 日本 🇲🇽🙂",
            "plain ascii",
            "",
        ] {
            assert!(matches!(fold(text), Cow::Borrowed(_)), "{text:?}");
        }
        assert_eq!(fold("Æ é ß"), "Æ e ß");
    }

    /// One char for one char: char positions in the folded text are positions in the original.
    #[test]
    fn folding_keeps_every_char_in_its_place() {
        for cp in 0..0x3000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let text = format!("x{c}y{c}");
            let folded = fold(&text);
            assert_eq!(folded.chars().count(), text.chars().count(), "{c:?}");
            assert!(folded.len() <= text.len());
            assert_eq!(folded.chars().nth(1), Some(fold_char(c)));
        }
    }

    /// The hand-written table agrees with Unicode: a letter folds to the first char of its
    /// canonical decomposition when that is an ASCII letter followed by combining marks only,
    /// and otherwise only the stroke letters (and eth and dotless i, read as d and i) fold.
    #[test]
    fn the_table_is_unicodes_decomposition_plus_the_stroke_letters() {
        let strokes = "ÐðØøĐđĦħıĿŀŁłŦŧ";
        for cp in FIRST..FIRST + 192 {
            let c = char::from_u32(cp).unwrap_or('\0');
            let nfd: Vec<char> = c.nfd().collect();
            let expected = match nfd.as_slice() {
                [base, marks @ ..]
                    if base.is_ascii_alphabetic()
                        && !marks.is_empty()
                        && marks
                            .iter()
                            .all(|&m| unicode_normalization::char::is_combining_mark(m)) =>
                {
                    *base
                }
                _ if strokes.contains(c) => fold_char(c),
                _ => c,
            };
            assert_eq!(fold_char(c), expected, "U+{cp:04X} {c}");
            // Case is kept: smart case sees a capital where the text had one.
            assert_eq!(fold_char(c).is_uppercase(), c.is_uppercase(), "{c}");
        }
        let folded: String = strokes.chars().map(fold_char).collect();
        assert_eq!(folded, "DdOoDdHhiLlLlTt");
    }
}
