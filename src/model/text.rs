//! Text as a dossier holds it: checked for the characters a dossier may not hold
//! ([`crate::text::find_refused`]) and normalised to NFC, once, where it is deserialised.
//!
//! A refused text is a problem of the file, not of the program. With any deserialiser it is an
//! error (serde_yaml, serde_json); the loader's reader instead collects the refusal with its
//! position ([`collect_refusals`]) and reads on, so that one pass reports every problem.

use std::borrow::{Borrow, Cow};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::{Refused, find_refused, why_refused};

/// A text value of a dossier: no refused character (once loaded), NFC.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(String);

impl Text {
    /// The text as it is given, unchecked: for dossiers built in code (generators, tests).
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Checks `text` and normalises it to NFC: the text, and what is wrong with it, if anything.
    pub fn check(text: Cow<'_, str>) -> (Self, Option<String>) {
        if is_clean(&text) {
            return (Self(text.into_owned()), None);
        }
        let problem = find_refused(&text).map(refusal);
        let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            text.into_owned()
        } else {
            text.nfc().collect()
        };
        (Self(text), problem)
    }
}

/// Whether `s` needs nothing from [`Text::check`]: no refused character, already NFC. Most
/// strings are answered by one pass over their bytes.
fn is_clean(s: &str) -> bool {
    if s.is_ascii() {
        // The common case: only ASCII controls can be wrong, and ASCII is already NFC.
        return !s
            .bytes()
            .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F);
    }
    // Most text (Spanish, Portuguese, emoji) has no combining mark: one pass over the bytes
    // tells whether the slower NFC check can be skipped.
    let maybe_not_nfc = s.bytes().any(|b| b >= NFC_SURE_BELOW_LEAD);
    let to_normalise = maybe_not_nfc && is_nfc_quick(s.chars()) != IsNormalized::Yes;
    find_refused(s).is_none() && !to_normalise
}

/// Every character below U+0300 (UTF-8 lead bytes below 0xCC) is NFC as it stands.
const NFC_SURE_BELOW_LEAD: u8 = 0xCC;

/// What the loader says of a refused character.
fn refusal(refused: Refused) -> String {
    let more = if refused.count > 1 {
        format!(" ({} such characters in this text)", refused.count)
    } else {
        String::new()
    };
    let c = refused.ch;
    format!(
        "U+{:04X} is not allowed: {}{more}",
        c as u32,
        why_refused(c)
    )
}

thread_local! {
    /// Refusals are collected instead of failing on this thread ([`collect_refusals`]).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
    /// The last refusal collected, until the reader takes it.
    static REFUSED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Refuses a value whose text is wrong (a refused character, an impossible date): an error,
/// or, while [`collect_refusals`] runs, the refusal kept for the reader (which knows where
/// the value is) and `Ok`, so the value can stand in and reading goes on.
pub fn refuse<E: de::Error>(message: String) -> Result<(), E> {
    if COLLECTING.with(Cell::get) {
        REFUSED.with(|r| *r.borrow_mut() = Some(message));
        Ok(())
    } else {
        Err(E::custom(message))
    }
}

/// Runs `read` with refusals collected instead of failing: values that refuse their text keep
/// it (or a stand-in) and the refusal waits in [`take_refusal`]. The loader's reader runs in
/// it; tests use it to build dossiers the loader would refuse.
pub fn collect_refusals<R>(read: impl FnOnce() -> R) -> R {
    let before = COLLECTING.with(|c| c.replace(true));
    // Restores the flag even if `read` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            COLLECTING.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(before);
    read()
}

/// The refusal of the last value read, if it refused its text (see [`refuse`]).
pub fn take_refusal() -> Option<String> {
    REFUSED.with(|r| r.borrow_mut().take())
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl TextVisitor {
            fn checked<E: de::Error>(text: Cow<'_, str>) -> Result<Text, E> {
                let (text, problem) = Text::check(text);
                if let Some(problem) = problem {
                    refuse(problem)?;
                }
                Ok(text)
            }
        }

        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Self::checked(Cow::Borrowed(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Self::checked(Cow::Owned(v))
            }
        }

        deserializer.deserialize_string(TextVisitor)
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Option<String> {
        Text::check(Cow::Borrowed(text)).1
    }

    #[test]
    fn names_the_character() {
        assert_eq!(
            problem("a\u{1b}[2Jb").as_deref(),
            Some("U+001B is not allowed: control character (it could act on the terminal)")
        );
        assert!(problem("abc\u{202e}cba").unwrap().contains("U+202E"));
        assert!(problem("a\u{200b}b").unwrap().contains("zero-width"));
        assert!(problem("a\u{85}b").unwrap().contains("U+0085"));
        assert!(
            problem("a\u{1b}b\u{1b}")
                .unwrap()
                .contains("(2 such characters")
        );
    }

    #[test]
    fn allows_text_people_write() {
        assert_eq!(problem("línea\ncon\ttab"), None);
        assert_eq!(problem("👨\u{200d}👩\u{200d}👧 أنا سعيد"), None);
    }

    #[test]
    fn normalises_to_nfc() {
        let (text, problem) = Text::check(Cow::Borrowed("Arbela\u{301}ez"));
        assert_eq!((text.as_str(), problem), ("Arbeláez", None));
    }

    #[test]
    fn every_character_below_the_nfc_lead_byte_is_nfc() {
        for c in (0..0x300u32).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes);
            let mut buf = [0u8; 4];
            assert!(c.encode_utf8(&mut buf).as_bytes()[0] < NFC_SURE_BELOW_LEAD);
        }
    }

    #[test]
    fn clean_means_nothing_to_do() {
        let alphabet: Vec<char> = "aé\u{301}—\u{202e}\u{7}ñ👍 \u{85}\u{2028}ü"
            .chars()
            .collect();
        // Every text of up to three characters of the alphabet.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for text in texts {
            // Checked against the definitions, not against `check`.
            let untouched = find_refused(&text).is_none() && text.nfc().collect::<String>() == text;
            assert!(!is_clean(&text) || untouched, "{text:?}");
        }
        for text in [
            "Mejía, São Paulo, ¿qué?",
            "em dash — “quotes”",
            "👍🏽 🇨🇴",
            "العربية",
        ] {
            assert!(is_clean(text), "{text:?}");
        }
    }

    #[test]
    fn a_refused_text_is_an_error_unless_refusals_are_collected() {
        let yaml = "\"a\\u202eb\"";
        let err = serde_yaml::from_str::<Text>(yaml).unwrap_err();
        assert!(err.to_string().contains("U+202E"), "{err}");
        let text = collect_refusals(|| serde_yaml::from_str::<Text>(yaml)).expect("collected");
        assert_eq!(text, "a\u{202e}b");
        assert!(take_refusal().unwrap().contains("U+202E"));
        assert_eq!(take_refusal(), None);
        // Outside, refusals fail again.
        assert!(serde_yaml::from_str::<Text>(yaml).is_err());
    }
}
