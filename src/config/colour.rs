//! Colours in the config file: one of the 16 terminal colours by name (`dark_gray`), `#rrggbb`,
//! a palette number (`0` to `255`) or `default` (the terminal's own), and `FG on BG` for both.

use std::fmt;

use ratatui::style::Color;

/// The 16 colours every terminal has, by the name the config file writes them with.
const NAMES: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The word that stands for the terminal's own colour.
const DEFAULT: &str = "default";

/// A foreground and a background; `None` is the terminal's own colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    /// The text's colour.
    pub fg: Option<Color>,
    /// The background's colour.
    pub bg: Option<Color>,
}

/// What a colour can be, for messages.
pub fn colour_help() -> String {
    let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
    format!(
        "a colour is one of {}, \"#rrggbb\", a number from 0 to 255, or \"{DEFAULT}\"; \"FG on BG\" sets the background too",
        names.join(", ")
    )
}

/// Reads `cyan`, `black on cyan`, `#1e90ff`, `244`, `default on blue`.
pub fn parse(text: &str) -> Result<Colours, String> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let (fg, bg) = match lower.split_once(" on ") {
        Some((fg, bg)) => (fg.trim(), Some(bg.trim())),
        None => match lower.strip_prefix("on ") {
            Some(bg) => (DEFAULT, Some(bg.trim())),
            None => (lower.as_str(), None),
        },
    };
    let one = |part: &str| {
        colour(part).ok_or_else(|| format!("`{part}` is not a colour: {}", colour_help()))
    };
    Ok(Colours {
        fg: one(fg)?,
        bg: match bg {
            Some(bg) => one(bg)?,
            None => None,
        },
    })
}

/// One colour; `Some(None)` for the terminal's own.
fn colour(text: &str) -> Option<Option<Color>> {
    if text == DEFAULT || text == "reset" {
        return Some(None);
    }
    if let Some(hex) = text.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        return match digits[..] {
            [r1, r2, g1, g2, b1, b2] => {
                Some(Some(Color::Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)))
            }
            // `#fa0` is `#ffaa00`, as in CSS.
            [r, g, b] => Some(Some(Color::Rgb(r * 17, g * 17, b * 17))),
            _ => None,
        };
    }
    if let Ok(n) = text.parse::<u8>() {
        return Some(Some(Color::Indexed(n)));
    }
    // `dark_gray`, `dark-gray`, `darkgray`, `dark grey` all name it.
    let squashed: String = text
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .collect::<String>()
        .replace("grey", "gray");
    NAMES
        .iter()
        .find(|(name, _)| name.replace('_', "") == squashed)
        .map(|(_, c)| Some(*c))
}

/// A colour as the config file writes it.
struct Name(Option<Color>);

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None | Some(Color::Reset) => f.write_str(DEFAULT),
            Some(Color::Rgb(r, g, b)) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            Some(Color::Indexed(n)) => write!(f, "{n}"),
            Some(c) => match NAMES.iter().find(|(_, named)| *named == c) {
                Some((name, _)) => f.write_str(name),
                None => f.write_str(DEFAULT),
            },
        }
    }
}

impl fmt::Display for Colours {
    /// `cyan`, `black on cyan`, `default`: what [`parse`] reads back as the same colours.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bg {
            None => write!(f, "{}", Name(self.fg)),
            Some(_) => write!(f, "{} on {}", Name(self.fg), Name(self.bg)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_hex() {
        let fg = |c| Colours {
            fg: Some(c),
            bg: None,
        };
        assert_eq!(parse("cyan"), Ok(fg(Color::Cyan)));
        assert_eq!(parse("Dark Grey"), Ok(fg(Color::DarkGray)));
        assert_eq!(parse("light-red"), Ok(fg(Color::LightRed)));
        assert_eq!(parse("#1E90ff"), Ok(fg(Color::Rgb(0x1e, 0x90, 0xff))));
        assert_eq!(parse("#fa0"), Ok(fg(Color::Rgb(0xff, 0xaa, 0x00))));
        assert_eq!(parse("244"), Ok(fg(Color::Indexed(244))));
        assert_eq!(parse("default"), Ok(Colours::default()));
        assert_eq!(
            parse("black on cyan"),
            Ok(Colours {
                fg: Some(Color::Black),
                bg: Some(Color::Cyan)
            })
        );
        assert_eq!(
            parse("on blue"),
            Ok(Colours {
                fg: None,
                bg: Some(Color::Blue)
            })
        );
    }

    #[test]
    fn mistakes_say_what_a_colour_is() {
        for bad in [
            "purple",
            "#12345",
            "#ggg",
            "256",
            "red on",
            "",
            "cyan on pink",
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(
                e.contains("is not a colour") && e.contains("#rrggbb"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn every_colour_reads_back_as_itself() {
        let mut all: Vec<Colours> = NAMES
            .iter()
            .map(|(_, c)| Colours {
                fg: Some(*c),
                bg: None,
            })
            .collect();
        all.push(Colours::default());
        all.push(Colours {
            fg: None,
            bg: Some(Color::Red),
        });
        all.push(Colours {
            fg: Some(Color::Rgb(1, 2, 3)),
            bg: Some(Color::Indexed(7)),
        });
        for c in all {
            assert_eq!(parse(&c.to_string()), Ok(c), "{c}");
        }
    }
}
