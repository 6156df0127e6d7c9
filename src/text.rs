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
    fn keeps_emoji_sequences_and_accents() {
        // A family (zero-width joiners), a heart with a variation selector, a combining accent.
        let text = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} Arbela\u{301}ez";
        assert_eq!(sanitize(text), text);
    }
}
