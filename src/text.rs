//! Making text from a data file safe to print: it can never act on the terminal.

use std::borrow::Cow;

/// True for characters that could act on the terminal, reorder what is shown or hide text. The
/// loader refuses them in every string and [`sanitize`] shows them escaped (docs/SECURITY.md):
/// - C0 controls (but newline and tab), DEL and C1 controls: they move the cursor, change modes;
/// - bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the bidi marks
///   (U+200E, U+200F, U+061C): they reorder text;
/// - invisible characters that can hide or smuggle text: zero-width space and non-joiner
///   (U+200B, U+200C), word joiner and invisible operators (U+2060-U+2065), the byte order mark
///   (U+FEFF), the Mongolian vowel separator (U+180E), the deprecated format characters
///   (U+206A-U+206F), interlinear annotation marks (U+FFF9-U+FFFB) and tag characters
///   (U+E0001, U+E0020-U+E007F).
///
/// The zero-width joiner (U+200D) and variation selectors stay allowed: emoji sequences and
/// several scripts need them, and they join or style what is visible instead of hiding it.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{180e}'
        | '\u{200b}' | '\u{200c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

/// A character the loader refuses, as found in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// Its byte offset in the text.
    pub offset: usize,
    /// The character.
    pub ch: char,
    /// How many refused characters the text holds in all.
    pub count: usize,
}

/// The first character of `text` the loader refuses, or `None`. This is the one place that
/// decides what a dossier's text may hold (docs/SECURITY.md); it is fast on clean text, which
/// the loader asks of every string.
pub fn find_refused(text: &str) -> Option<Refused> {
    if !text.bytes().any(may_start_unsafe) {
        return None;
    }
    let mut found = text.char_indices().filter(|&(_, c)| is_unsafe(c));
    let (offset, ch) = found.next()?;
    Some(Refused {
        offset,
        ch,
        count: 1 + found.count(),
    })
}

/// What kind of refused character `c` is, for the loader's message.
pub fn why_refused(c: char) -> &'static str {
    match c {
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "bidirectional override or isolate (it can reorder what the screen shows)"
        }
        '\u{200e}' | '\u{200f}' | '\u{061c}' => {
            "bidirectional mark (it can reorder what the screen shows)"
        }
        '\u{200b}' | '\u{200c}' | '\u{2060}' | '\u{feff}' => {
            "invisible zero-width character (it can hide text)"
        }
        '\u{180e}'
        | '\u{2061}'..='\u{2065}'
        | '\u{206a}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}' => "invisible format character (it can hide or reshape text)",
        '\u{e0000}'..='\u{e007f}' => "invisible tag character (it can hide text)",
        _ => "control character (it could act on the terminal)",
    }
}

/// True for every byte that can start the UTF-8 encoding of a character [`is_unsafe`] refuses:
/// ASCII controls, and the lead bytes of U+0080-U+009F (0xC2), U+061C (0xD8), U+180E (0xE1),
/// U+200B-U+206F (0xE2), U+FEFF and U+FFF9-U+FFFB (0xEF) and the tags U+E0001-U+E007F (0xF3).
/// A test checks this against `is_unsafe` for every character.
fn may_start_unsafe(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t')
        || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3)
}

/// True for the characters the loader rejects outright (terminal control characters).
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The text with every unsafe character shown as a visible escape (`\u{202e}`), and tabs as spaces.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_escape_sequences_and_bidi_overrides() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("Arbeláez ⚽"), "Arbeláez ⚽");
    }

    #[test]
    fn escapes_invisible_characters_that_hide_text() {
        // Tag characters spell an invisible "hi" after the visible word.
        assert_eq!(sanitize("ok\u{e0068}\u{e0069}"), "ok\\u{e0068}\\u{e0069}");
        assert_eq!(sanitize("a\u{2063}b\u{180e}c"), "a\\u{2063}b\\u{180e}c");
        assert_eq!(sanitize("x\u{206b}\u{fff9}y"), "x\\u{206b}\\u{fff9}y");
    }

    #[test]
    fn the_byte_prefilter_misses_no_refused_character() {
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
        {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_start_unsafe(lead), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn finds_the_first_refused_character_and_counts_them() {
        assert_eq!(find_refused("Mejía 👨\u{200d}👩\u{200d}👧"), None);
        let found = find_refused("ab\u{202e}c\u{1b}").expect("refused");
        assert_eq!((found.offset, found.ch, found.count), (2, '\u{202e}', 2));
    }

    #[test]
    fn keeps_emoji_sequences_and_accents() {
        // A family (zero-width joiners), a heart with a variation selector, a combining accent.
        let text = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} Arbela\u{301}ez";
        assert_eq!(sanitize(text), text);
    }
}
