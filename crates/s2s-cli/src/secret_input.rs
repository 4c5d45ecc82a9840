//! Secrets in: the first line of standard input, or an environment variable — never a flag
//! value, so they stay out of shell history and `ps`.

use std::io::BufRead;

use s2s_core::Secret;

use crate::failure::{usage, Failure};

/// The first line of standard input, without its line ending; `what` names it in errors.
pub fn first_stdin_line(what: &str) -> Result<Secret, Failure> {
    // Zeroed when dropped: the line holds the secret (and its line ending).
    let mut line = zeroize::Zeroizing::new(String::new());
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        usage(
            format!("cannot read the {what} from standard input: {e}"),
            "Pipe it in, e.g. from your secret manager.",
        )
    })?;
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
