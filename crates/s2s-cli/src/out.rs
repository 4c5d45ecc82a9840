//! Everything `s2s` prints goes through here (clippy forbids `outln!` and friends elsewhere in
//! this crate), so no untrusted text — a receiver's answer, a scanned file's name, Zoom's error
//! message, a profile name from a shared file — reaches the terminal with its control
//! characters: text is made inert line by line (each value interpolated from outside should
//! also pass through [`inert`], which escapes its line breaks too), JSON with JSON escapes.
//! A closed pipe (`s2s … | head`) ends the output quietly instead of aborting.

use std::io::Write;

pub use s2s_core::display::{inert, shell_word};

/// Prints a line of text to standard output.
macro_rules! outln {
    () => { $crate::out::stdout("\n") };
    ($($t:tt)*) => { $crate::out::stdout(&format!("{}\n", format_args!($($t)*))) };
}

/// Prints text to standard output, as it is (no line break added).
macro_rules! out {
    ($($t:tt)*) => { $crate::out::stdout(&format!($($t)*)) };
}

/// Prints a line of text to standard error.
macro_rules! errln {
    ($($t:tt)*) => { $crate::out::stderr(&format!("{}\n", format_args!($($t)*))) };
}

/// Writes `text` to standard output, made inert.
pub fn stdout(text: &str) {
    let safe = s2s_core::display::inert_lines(text);
    let _ = std::io::stdout().lock().write_all(safe.as_bytes());
}

/// Writes `text` to standard error, made inert.
pub fn stderr(text: &str) {
    let safe = s2s_core::display::inert_lines(text);
    let _ = std::io::stderr().lock().write_all(safe.as_bytes());
}

/// Prints `value` as one line of JSON, with every character a terminal would obey escaped.
pub fn json(value: &serde_json::Value) {
    let text = value.to_string();
    let safe = s2s_core::display::inert_json(&text);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(safe.as_bytes());
    let _ = out.write_all(b"\n");
}
