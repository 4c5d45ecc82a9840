//! Secrets in: the first line of standard input, or an environment variable — never a flag
//! value, so they stay out of shell history and `ps`.

use std::io::{BufRead, IsTerminal};

use s2s_core::Secret;

use crate::failure::{usage, Failure};

/// The first line of standard input, without its line ending; `what` names it in errors. Typed
/// at a terminal, it is read with echo off (rpassword) after a prompt, so it is never on screen
/// or in the scrollback; piped in, it is read as it comes.
pub fn first_stdin_line(what: &str) -> Result<Secret, Failure> {
    let unreadable = |e: std::io::Error| {
        usage(
            format!("cannot read the {what} from standard input: {e}"),
            "Pipe it in, e.g. from your secret manager.",
        )
    };
    if std::io::stdin().is_terminal() {
        let typed =
            rpassword::prompt_password(format!("{} (typing is hidden): ", capitalized(what)))
                .map_err(unreadable)?;
        return Ok(Secret::new(zeroize::Zeroizing::new(typed).as_str()));
    }
    // Zeroed when dropped: the line holds the secret (and its line ending).
    let mut line = zeroize::Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(unreadable)?;
    // Only the line ending is the pipe's; anything else is validated (and flagged) by the core.
    let trimmed = line
        .strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(&line);
    Ok(Secret::new(trimmed))
}

/// The environment variable `name`, if set.
pub fn env(name: &str) -> Option<Secret> {
    std::env::var(name).ok().map(Secret::new)
}

fn capitalized(what: &str) -> String {
    let mut chars = what.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
