//! Text that is safe to put in front of a person: untrusted strings made inert for a terminal,
//! and words quoted for the shell a printed command is pasted into.
//!
//! Untrusted text is everywhere S2S Desk reports: a webhook receiver's answer, a scanned
//! project's file names and contents, Zoom's error messages, profile names from a shared file.
//! Printed raw, their control characters drive the terminal (repaint a line, set the title,
//! write the clipboard with OSC 52). [`inert`] shows every control character as an escape
//! instead; [`shell_word`] quotes a value so a pasted hint runs only the command it names.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal as it is: C0 controls but tab, DEL, C1 controls, and
/// the bidirectional overrides that make text display in an order other than its bytes'.
fn is_active(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character shown as an escape (`\n`, `\r`, `\x1b`, `\u{9b}`), tab
/// kept; unchanged (and not copied) when it holds none.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_active) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_active(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_active(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`inert`] but keeps line breaks: for whole blocks of S2S Desk's own output, whose lines
/// are its own, as a last guard behind the per-value [`inert`].
pub fn inert_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_active(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&inert(line));
    }
    Cow::Owned(out)
}

/// JSON text with the characters JSON leaves raw but a terminal obeys (DEL, C1 controls,
/// bidirectional overrides) written as `\uXXXX` escapes; `serde_json` already escapes C0 inside
/// strings. Such characters can only stand inside JSON strings, where the escape means the same
/// character.
pub fn inert_json(json: &str) -> Cow<'_, str> {
    // Raw line breaks in JSON text are whitespace between tokens (pretty printing).
    let escaped = |c: char| is_active(c) && c != '\n' && c != '\r';
    if !json.chars().any(escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `value` as one word for the shell a printed command is pasted into: POSIX `sh` (single
/// quotes, `'\''` for a quote) on Unix, PowerShell (single quotes, `''` for a quote) on
/// Windows. Plain words stay bare. Control characters are escaped as [`inert`] does: a name
/// holding them cannot be pasted back, but it cannot drive the terminal either.
pub fn shell_word(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain {
        return value.to_string();
    }
    let quoted = if cfg!(windows) {
        value.replace('\'', "''")
    } else {
        value.replace('\'', r"'\''")
    };
    format!("'{}'", inert(&quoted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(inert("plain text\twith a tab"), "plain text\twith a tab");
        assert!(matches!(inert("plain"), Cow::Borrowed(_)));
        assert_eq!(inert("\u{1b}[2K\r✔ all passed"), "\\x1b[2K\\r✔ all passed");
        assert_eq!(
            inert("\u{1b}]52;c;cHduZWQ=\u{7}"),
            "\\x1b]52;c;cHduZWQ=\\x07",
            "OSC 52 (clipboard) made inert"
        );
        assert_eq!(inert("a\u{9b}31mb"), "a\\u{9b}31mb", "a C1 CSI");
        assert_eq!(inert("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(inert("two\nlines\u{7f}"), "two\\nlines\\x7f");
    }

    #[test]
    fn whole_output_keeps_its_own_line_breaks() {
        assert_eq!(inert_lines("one\ntwo\u{1b}[1A\n"), "one\ntwo\\x1b[1A\n");
    }

    #[test]
    fn json_keeps_meaning_and_loses_its_grip_on_the_terminal() {
        let text = serde_json::json!({"m": "a\u{1b}]0;title\u{7}b\u{9b}c\u{7f}"}).to_string();
        let safe = inert_json(&text);
        assert!(!safe.chars().any(is_active), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["m"], "a\u{1b}]0;title\u{7}b\u{9b}c\u{7f}");
    }

    #[cfg(not(windows))]
    #[test]
    fn hostile_names_stay_one_shell_word() {
        assert_eq!(shell_word("Prod"), "Prod");
        assert_eq!(shell_word("plan.json"), "plan.json");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("My App"), "'My App'");
        assert_eq!(
            shell_word("Prod'; touch PWNED; echo '"),
            r"'Prod'\''; touch PWNED; echo '\'''"
        );
        assert_eq!(shell_word("$(reboot)`id`"), "'$(reboot)`id`'");
    }

    #[cfg(not(windows))]
    #[test]
    fn a_quoted_word_is_read_back_by_sh_as_the_same_text() {
        for name in [
            "Prod'; touch PWNED; echo '",
            "a b",
            "$(id)",
            "back\\slash",
            "'",
            "*",
        ] {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("printf %s {}", shell_word(name)))
                .output()
                .expect("sh runs");
            assert_eq!(String::from_utf8_lossy(&out.stdout), name);
        }
    }

    #[cfg(windows)]
    #[test]
    fn hostile_names_stay_one_powershell_word() {
        assert_eq!(shell_word("Prod"), "Prod");
        assert_eq!(shell_word("Prod'; calc; '"), "'Prod''; calc; '''");
        assert_eq!(shell_word("$(calc)"), "'$(calc)'");
    }
}
