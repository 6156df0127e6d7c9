//! Making text from a data file safe to print: it can never act on the terminal.

use std::borrow::Cow;

use std::sync::OnceLock;

use icu_properties::props::{
    BinaryProperty, CanonicalCombiningClass, DefaultIgnorableCodePoint, Emoji, EmojiModifier,
    ExtendedPictographic, GeneralCategory, GeneralCategoryGroup, JoiningType, UnifiedIdeograph,
};
use icu_properties::{CodePointMapData, CodePointSetData};

const ZWNJ: char = '\u{200c}';
const ZWJ: char = '\u{200d}';
/// The black flag that starts the subdivision flags.
const BLACK_FLAG: char = '\u{1f3f4}';
/// The only tag sequences allowed: after the black flag, the flags of England, Scotland and
/// Wales (`gbeng`, `gbsct`, `gbwls`, then CANCEL TAG), as UTS #51 lists them.
const FLAG_TAGS: [[char; 6]; 3] = [tags(*b"gbeng"), tags(*b"gbsct"), tags(*b"gbwls")];

/// A subdivision code spelled in tag characters, with its CANCEL TAG.
const fn tags(code: [u8; 5]) -> [char; 6] {
    let mut out = ['\u{e007f}'; 6];
    let mut i = 0;
    while i < 5 {
        // A tag character is its ASCII letter plus 0xE0000: always a valid char.
        out[i] = match char::from_u32(0xE0000 + code[i] as u32) {
            Some(c) => c,
            None => '\u{e007f}',
        };
        i += 1;
    }
    out
}

/// True for every character of the refused set, before the exceptions that depend on the
/// characters around it: C0 controls (but newline and tab), DEL and C1 controls; every
/// Default_Ignorable_Code_Point; the general categories Cf (format), Zl and Zp (line and
/// paragraph separators); the Hangul fillers. All but the controls come from Unicode's own
/// tables (the `icu_properties` crate), not from a list kept here.
///
/// A joiner or variation selector that [`find_refused`] lets through inside an emoji, a flag or
/// a word is still `true` here: use it where escaping a harmless one costs nothing (JSON, URLs,
/// names), and [`marked`] or [`sanitize`] where text is shown.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return is_control(c);
    }
    Tables::get().suspect.contains(c)
}

/// A set of characters as a two-level bitmap, built once from Unicode's tables: a lookup costs
/// two loads, so text of any script is checked at memory speed.
struct Table {
    /// For each block of 256 code points, the index of its bitmap in `blocks`.
    index: Vec<u8>,
    /// Distinct 256-bit bitmaps; block 0 is empty.
    blocks: Vec<[u64; 4]>,
}

/// The sets the rule asks about, built on first use.
struct Tables {
    /// The refused set before its exceptions ([`is_unsafe`]).
    suspect: Table,
    /// What a zero-width joiner may follow in an emoji sequence: Extended_Pictographic and the
    /// Emoji_Modifier skin tones.
    joins_emoji: Table,
    /// What a zero-width joiner may precede in an emoji sequence: Extended_Pictographic.
    pictographic: Table,
    /// What takes an emoji variation selector: the Emoji property.
    emoji: Table,
}

impl Tables {
    fn get() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(|| Tables {
            suspect: Table::build(suspect_ranges()),
            joins_emoji: Table::build(
                CodePointSetData::new::<ExtendedPictographic>()
                    .iter_ranges()
                    .chain(CodePointSetData::new::<EmojiModifier>().iter_ranges()),
            ),
            pictographic: Table::build(
                CodePointSetData::new::<ExtendedPictographic>().iter_ranges(),
            ),
            emoji: Table::build(CodePointSetData::new::<Emoji>().iter_ranges()),
        })
    }
}

/// The refused set before its exceptions, as code point ranges: the controls, then Unicode's
/// Default_Ignorable_Code_Point, Cf, Zl and Zp, and the Hangul fillers.
fn suspect_ranges() -> impl Iterator<Item = std::ops::RangeInclusive<u32>> {
    let gc = CodePointMapData::<GeneralCategory>::new();
    let categories = [
        GeneralCategoryGroup::Format,
        GeneralCategoryGroup::LineSeparator,
        GeneralCategoryGroup::ParagraphSeparator,
    ]
    .into_iter()
    .flat_map(move |group| gc.iter_ranges_for_group(group));
    // The Hangul fillers: blank letters that draw as nothing or as a wide space. Unicode makes
    // them default-ignorable; said again here because the issue names them as a class.
    let fillers = [0x115F, 0x1160, 0x3164, 0xFFA0].map(|c| c..=c);
    [0x00..=0x08, 0x0b..=0x1f, 0x7f..=0x9f]
        .into_iter()
        .chain(CodePointSetData::new::<DefaultIgnorableCodePoint>().iter_ranges())
        .chain(categories)
        .chain(fillers)
}

impl Table {
    fn build(ranges: impl Iterator<Item = std::ops::RangeInclusive<u32>>) -> Table {
        let mut bits = vec![[0u64; 4]; 0x110000 / 256];
        for range in ranges {
            for cp in range {
                bits[(cp >> 8) as usize][((cp >> 6) & 3) as usize] |= 1 << (cp & 63);
            }
        }
        let mut blocks: Vec<[u64; 4]> = vec![[0; 4]];
        let index = bits
            .iter()
            .map(|block| {
                let at = blocks.iter().position(|b| b == block).unwrap_or_else(|| {
                    blocks.push(*block);
                    blocks.len() - 1
                });
                // Fewer than 256 distinct blocks: checked by a test.
                u8::try_from(at).unwrap_or(u8::MAX)
            })
            .collect();
        Table { index, blocks }
    }

    fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        let block = &self.blocks[usize::from(self.index[(cp >> 8) as usize])];
        block[((cp >> 6) & 3) as usize] >> (cp & 63) & 1 == 1
    }
}

/// Each character of `text` with whether it is refused where it stands: the one rule behind
/// [`find_refused`] and [`sanitize`], for printers that go character by character. A suspect
/// character ([`is_unsafe`]) is allowed only where real text needs it:
/// - the zero-width joiner between two parts of an emoji sequence (👨‍👩‍👧, 🏳️‍🌈), or after a
///   virama (Indic conjuncts, as IDNA's CONTEXTJ rule allows);
/// - the zero-width non-joiner between a letter that joins and one that would join to it, with
///   only marks between (Persian `می‌خواهم`), or after a virama (IDNA's CONTEXTJ rule);
/// - one variation selector right after a character that takes one: VS15 or VS16 after an
///   emoji (❤️), another after a CJK ideograph (ideographic variation sequences);
/// - the tag characters of the flags of England, Scotland and Wales, after the black flag.
pub fn marked(text: &str) -> Marked<'_> {
    marked_from(text, 0)
}

/// [`marked`] from byte `at` on (a character boundary), the character there seen as the first.
fn marked_from(text: &str, at: usize) -> Marked<'_> {
    Marked {
        text,
        at,
        prev: None,
        vetted_until: 0,
    }
}

/// The iterator of [`marked`]: `(byte offset, character, refused)`.
#[derive(Debug, Clone)]
pub struct Marked<'a> {
    text: &'a str,
    at: usize,
    /// The character before, and whether it was allowed.
    prev: Option<(char, bool)>,
    /// Characters before this byte offset were vetted with an earlier one (a flag's tags).
    vetted_until: usize,
}

impl Iterator for Marked<'_> {
    type Item = (usize, char, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let c = self.text[self.at..].chars().next()?;
        let at = self.at;
        self.at += c.len_utf8();
        let refused = if at < self.vetted_until {
            false
        } else if !is_unsafe(c) {
            if c == BLACK_FLAG && self.flag_tags_follow() {
                self.vetted_until = self.at + 6 * 4;
            }
            false
        } else {
            !self.allowed_here(c, at)
        };
        self.prev = Some((c, !refused));
        Some((at, c, refused))
    }
}

impl Marked<'_> {
    /// The text after the black flag just read spells one of the [`FLAG_TAGS`].
    fn flag_tags_follow(&self) -> bool {
        let next = &self.text[self.at..];
        FLAG_TAGS
            .iter()
            .any(|tags| next.chars().take(6).eq(tags.iter().copied()))
    }

    /// Whether a suspect character `c` at byte `at` is one of the exceptions.
    fn allowed_here(&self, c: char, at: usize) -> bool {
        let Some((prev, prev_ok)) = self.prev else {
            return false;
        };
        let after = &self.text[at + c.len_utf8()..];
        let tables = Tables::get();
        match c {
            ZWJ => {
                (prev_ok
                    && (tables.joins_emoji.contains(prev) || prev == '\u{fe0f}')
                    && after.chars().next().is_some_and(is_pictographic))
                    || is_virama(prev)
            }
            ZWNJ => is_virama(prev) || self.joins_across(at, after),
            '\u{fe0e}' | '\u{fe0f}' => !is_unsafe(prev) && tables.emoji.contains(prev),
            '\u{fe00}'..='\u{fe0d}' | '\u{e0100}'..='\u{e01ef}' => UnifiedIdeograph::for_char(prev),
            _ => false,
        }
    }

    /// RFC 5892 A.1: a letter that joins on its left side before the non-joiner at `at`, one
    /// that joins on its right after it, with only transparent marks in between.
    fn joins_across(&self, at: usize, after: &str) -> bool {
        let jt = CodePointMapData::<JoiningType>::new();
        let before = self.text[..at]
            .chars()
            .rev()
            .map(|c| jt.get(c))
            .find(|&t| t != JoiningType::Transparent);
        let next = after
            .chars()
            .map(|c| jt.get(c))
            .find(|&t| t != JoiningType::Transparent);
        matches!(
            before,
            Some(JoiningType::LeftJoining | JoiningType::DualJoining)
        ) && matches!(
            next,
            Some(JoiningType::RightJoining | JoiningType::DualJoining)
        )
    }
}

fn is_virama(c: char) -> bool {
    CodePointMapData::<CanonicalCombiningClass>::new().get(c) == CanonicalCombiningClass::Virama
}

/// A pictographic emoji (Extended_Pictographic; not a digit or `#`, which have the Emoji property
/// for keycaps).
fn is_pictographic(c: char) -> bool {
    !c.is_ascii() && Tables::get().pictographic.contains(c)
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
    // Most strings are plain ASCII: one branch-free pass (it vectorises) clears them.
    let plain = text.bytes().fold(true, |ok, b| {
        ok & ((0x20..0x7f).contains(&b) | (b == b'\n') | (b == b'\t'))
    });
    if plain {
        return None;
    }
    // Then a lookup per character; only from the first suspect one on is the context read.
    let suspect = &Tables::get().suspect;
    let (first, _) = text.char_indices().find(|&(_, c)| {
        if c.is_ascii() {
            is_control(c)
        } else {
            suspect.contains(c)
        }
    })?;
    // The rule looks one character back: start there.
    let from = text[..first]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    let mut found = marked_from(text, from).filter(|&(_, _, refused)| refused);
    let (offset, ch, _) = found.next()?;
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
        ZWJ => {
            "zero-width joiner outside an emoji sequence or a conjunct (invisible, it can hide text)"
        }
        ZWNJ => {
            "zero-width non-joiner between letters that do not join (invisible, it can hide text)"
        }
        '\u{200b}' | '\u{2060}' | '\u{feff}' => "invisible zero-width character (it can hide text)",
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{180b}'..='\u{180f}' => {
            "variation selector that is not the one after a character that takes one (invisible, \
             it can hide text)"
        }
        '\u{e0000}'..='\u{e0fff}' => {
            "invisible tag character outside the flags of England, Scotland and Wales (it can \
             hide text)"
        }
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => {
            "Hangul filler (blank, it can hide text and break the columns)"
        }
        '\u{2028}' | '\u{2029}' => {
            "line or paragraph separator (it breaks a line where the file shows none)"
        }
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            "control character (it could act on the terminal)"
        }
        _ if CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format => {
            "invisible format character (it can hide or reshape text)"
        }
        _ => "invisible character (Unicode says to draw nothing for it; it can hide text)",
    }
}

/// True for the characters the loader rejects outright (terminal control characters).
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `c` as a visible escape (`\u{202e}`).
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// The text with every refused character shown as a visible escape (`\u{202e}`), and tabs as
/// spaces: the joiners, selectors and tags that [`find_refused`] allows stay as they are.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') && find_refused(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (_, c, refused) in marked(text) {
        if c == '\t' {
            out.push_str("    ");
        } else if refused {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Line `line` (1-based) of `text`, without its line ending.
pub fn line_of(text: &str, line: usize) -> Option<&str> {
    Lines::new(text).line(line)
}

/// The lines of a text, found once: a file with a million problems prints two hundred of them,
/// each under its line, without reading the file two hundred times.
pub struct Lines<'a> {
    text: &'a str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Self { text, starts }
    }

    /// Line `line` (1-based), without its line ending.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How many lines (as `str::lines` counts them).
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Vec<char> {
        marked(text).filter(|m| m.2).map(|m| m.1).collect()
    }

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
        // What issue 13 found accepted: soft hyphen, grapheme joiner, Hangul fillers, ...
        assert_eq!(
            sanitize("Fena\u{ad}futh\u{34f}\u{3164}"),
            "Fena\\u{ad}futh\\u{34f}\\u{3164}"
        );
    }

    #[test]
    fn what_issue_13_found_accepted_is_refused() {
        for c in [
            '\u{ad}',
            '\u{34f}',
            '\u{115f}',
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{17b4}',
            '\u{17b5}',
            '\u{1d173}',
            '\u{1d17a}',
            '\u{1bca0}',
            '\u{13430}',
            '\u{e0000}',
            '\u{e0080}',
            '\u{2028}',
            '\u{2029}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{e0100}',
            '\u{e01ef}',
        ] {
            assert!(is_unsafe(c), "U+{:04X}", c as u32);
            assert_eq!(refused(&format!("a{c}b")), [c], "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_old_hand_kept_list_is_still_refused() {
        // Every character the list before Unicode's tables refused, so nothing got through
        // by the change.
        let old = |c: char| {
            matches!(c,
                '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
                | '\u{061c}' | '\u{180e}'
                | '\u{200b}' | '\u{200c}' | '\u{200e}' | '\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
                | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
                | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
        };
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| old(c))
        {
            assert!(is_unsafe(c), "U+{:04X}", c as u32);
            assert_eq!(refused(&format!("x{c}x")), [c], "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_table_holds_the_unicode_properties() {
        let tables = Tables::get();
        for table in [
            &tables.suspect,
            &tables.joins_emoji,
            &tables.pictographic,
            &tables.emoji,
        ] {
            assert!(table.blocks.len() < 255, "{} blocks", table.blocks.len());
        }
        let emoji = CodePointSetData::new::<Emoji>();
        let pictographic = CodePointSetData::new::<ExtendedPictographic>();
        let modifier = CodePointSetData::new::<EmojiModifier>();
        let gc = CodePointMapData::<GeneralCategory>::new();
        let dicp = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = is_control(c)
                || dicp.contains(c)
                || matches!(
                    gc.get(c),
                    GeneralCategory::Format
                        | GeneralCategory::LineSeparator
                        | GeneralCategory::ParagraphSeparator
                );
            assert_eq!(is_unsafe(c), want, "U+{:04X}", c as u32);
            assert_eq!(tables.emoji.contains(c), emoji.contains(c));
            assert_eq!(tables.pictographic.contains(c), pictographic.contains(c));
            assert_eq!(
                tables.joins_emoji.contains(c),
                pictographic.contains(c) || modifier.contains(c)
            );
        }
    }

    #[test]
    fn finds_the_first_refused_character_and_counts_them() {
        assert_eq!(find_refused("Mejía 👨\u{200d}👩\u{200d}👧"), None);
        let found = find_refused("ab\u{202e}c\u{1b}").expect("refused");
        assert_eq!((found.offset, found.ch, found.count), (2, '\u{202e}', 2));
        let found = find_refused("😀\u{fe0f}\u{fe01}\u{fe02}").expect("refused");
        assert_eq!((found.offset, found.ch, found.count), (7, '\u{fe01}', 2));
    }

    #[test]
    fn keeps_emoji_sequences_and_accents() {
        // A family (zero-width joiners), a heart with a variation selector, a combining accent,
        // a rainbow flag (a selector and a joiner), a skin tone, a keycap, a pirate flag.
        let text = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} Arbela\u{301}ez 🏳\u{fe0f}\u{200d}🌈 \
                    👩🏽\u{200d}💻 #\u{fe0f}\u{20e3} 🏴\u{200d}☠\u{fe0f} ☺\u{fe0e}";
        assert_eq!(refused(text), [] as [char; 0]);
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn only_one_variation_selector_after_a_character_that_takes_one() {
        // Any bytes can ride as selectors after an emoji: only the first one stays.
        assert_eq!(
            refused("😀\u{fe0f}\u{fe0f}\u{e0100}"),
            ['\u{fe0f}', '\u{e0100}']
        );
        // A letter takes no emoji selector; an ideograph takes an ideographic one.
        assert_eq!(refused("a\u{fe0f}"), ['\u{fe0f}']);
        assert_eq!(refused("葛\u{e0100}"), [] as [char; 0]);
        assert_eq!(refused("葛\u{e0100}\u{e0101}"), ['\u{e0101}']);
        assert_eq!(refused("\u{fe0f}"), ['\u{fe0f}']);
    }

    #[test]
    fn joiners_only_where_scripts_and_emoji_need_them() {
        // Persian: the non-joiner between two letters that would join ("I want").
        assert_eq!(refused("می\u{200c}خواهم"), [] as [char; 0]);
        // Devanagari: a joiner and a non-joiner after a virama (half forms).
        assert_eq!(refused("क्\u{200d}ष क्\u{200c}ष"), [] as [char; 0]);
        // Between Latin letters they only hide things; a joiner must join two emoji.
        assert_eq!(refused("a\u{200c}b a\u{200d}b"), ['\u{200c}', '\u{200d}']);
        assert_eq!(refused("👨\u{200d}"), ['\u{200d}']);
        assert_eq!(refused("👨\u{200d}\u{200d}👩"), ['\u{200d}', '\u{200d}']);
        assert_eq!(refused("1\u{200d}2"), ['\u{200d}']);
    }

    #[test]
    fn tags_only_in_the_flags_of_england_scotland_and_wales() {
        let flag = |code: &str| {
            let mut s = String::from('🏴');
            s.extend(
                code.bytes()
                    .map(|b| char::from_u32(0xE0000 + u32::from(b)).unwrap()),
            );
            s.push('\u{e007f}');
            s
        };
        for code in ["gbeng", "gbsct", "gbwls"] {
            assert_eq!(refused(&flag(code)), [] as [char; 0], "{code}");
            assert_eq!(
                refused(&format!("x {} y", flag(code))),
                [] as [char; 0],
                "{code}"
            );
        }
        // Another subdivision, or the tags alone, spell text nobody sees.
        assert_eq!(refused(&flag("ustx")).len(), 5);
        assert_eq!(refused(&flag("gbeng")[4..]).len(), 6);
        // A valid flag then more tags: the extra ones are refused.
        let more = format!("{}\u{e0068}", flag("gbeng"));
        assert_eq!(refused(&more), ['\u{e0068}']);
    }

    #[test]
    fn find_refused_agrees_with_marked_from_any_start() {
        // find_refused starts its look at the first suspect character: the same answer as a
        // look from the start, on mixes of everything the exceptions depend on.
        let alphabet: Vec<char> = "a😀👩🏴葛یمक्\u{200c}\u{200d}\u{fe0f}\u{fe0e}\u{e0100}\
                                   \u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e007f}\u{1b}\u{ad}"
            .chars()
            .collect();
        let mut rng = crate::testgen::Rng::new(13);
        for _ in 0..20_000 {
            let len = rng.below(8);
            let text: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
            let all: Vec<(usize, char)> =
                marked(&text).filter(|m| m.2).map(|m| (m.0, m.1)).collect();
            let found = find_refused(&text);
            assert_eq!(
                found.map(|f| (f.offset, f.ch, f.count)),
                all.first().map(|&(o, c)| (o, c, all.len())),
                "{text:?}"
            );
        }
    }
}
