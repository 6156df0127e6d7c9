//! Side effects outside the terminal's drawing: the clipboard through OSC 52, and the system's URL
//! opener.

use std::process::{Command, Stdio};

/// Standard base64 (RFC 4648, with padding). Twenty lines here beat a dependency for one use.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that asks the terminal to put `text` on the system clipboard. The text is
/// base64-encoded, so nothing in it can act on the terminal.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// The program that opens URLs on this system.
fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Starts the system's opener on `url` without waiting for it; a thread waits instead, and
/// calls `report` with what went wrong if the opener cannot start or fails.
pub fn open_url(url: &str, report: impl Fn(String) + Send + 'static) {
    let program = opener();
    let child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Err(e) => {
            report(format!("Could not start {program}: {e}"));
        }
        Ok(mut child) => {
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => {
                    report(format!("{program} failed ({status})"));
                }
                Err(e) => {
                    report(format!("{program} failed: {e}"));
                }
                Ok(_) => {}
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        // RFC 4648, section 10.
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn osc52_carries_no_raw_text() {
        let seq = osc52("a\x1b]0;pwned\x07 “Fútbol” 💚");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        let body = &seq[7..seq.len() - 1];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }
}
