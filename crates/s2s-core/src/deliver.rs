//! Handing a secret to a command the admin named, on its standard input — never in its
//! arguments or environment, where other users' `ps` and crash reports can read them — for the
//! secret stores admins already use (`secret-tool store …`, `op item edit …`,
//! `vault kv put … client_secret=-`, `gh secret set NAME`). The command runs without a shell
//! (the program and its arguments exactly as the admin wrote them; a shell only when they write
//! one), within a time limit, and its output comes back with control characters made inert and
//! the secret redacted.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// How much of a command's output is kept (the rest is dropped, and says so).
pub const OUTPUT_LIMIT: usize = 16 * 1024;

/// A command as the admin wrote it: a program and its arguments, no shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CommandLine {
    /// The program (a path, or a name looked up on PATH).
    pub program: String,
    /// Its arguments, each as written.
    pub args: Vec<String>,
}

/// Why a typed command line was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandLineError {
    /// Nothing but spaces.
    #[error("the command is empty: write the program and its arguments, e.g. secret-tool store --label 'Zoom' service zoom")]
    Empty,
    /// A quote opened and never closed.
    #[error("a {0} quote is not closed: close it, or escape it with a backslash")]
    UnclosedQuote(&'static str),
}

impl CommandLine {
    /// Splits a command as an admin types it into its words, as a POSIX shell would split them
    /// — spaces separate, '…' is literal, "…" keeps spaces (a backslash escapes `"`, `\` and
    /// `$`), a backslash outside quotes escapes the next character — and nothing more: no
    /// variables, globs or pipes (to use those, write `sh -c '…'`). The inverse of
    /// [`Self::shown`].
    pub fn parse(text: &str) -> Result<CommandLine, CommandLineError> {
        let mut words: Vec<String> = Vec::new();
        let mut word: Option<String> = None;
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                c if c.is_whitespace() => words.extend(word.take()),
                '\'' => {
                    let current = word.get_or_insert_with(String::new);
                    loop {
                        match chars.next() {
                            Some('\'') => break,
                            Some(c) => current.push(c),
                            None => return Err(CommandLineError::UnclosedQuote("single")),
                        }
                    }
                }
                '"' => {
                    let current = word.get_or_insert_with(String::new);
                    loop {
                        match chars.next() {
                            Some('"') => break,
                            Some('\\') => match chars.next() {
                                Some(c @ ('"' | '\\' | '$' | '`')) => current.push(c),
                                Some(c) => {
                                    current.push('\\');
                                    current.push(c);
                                }
                                None => return Err(CommandLineError::UnclosedQuote("double")),
                            },
                            Some(c) => current.push(c),
                            None => return Err(CommandLineError::UnclosedQuote("double")),
                        }
                    }
                }
                '\\' => {
                    let current = word.get_or_insert_with(String::new);
                    current.extend(chars.next());
                }
                c => word.get_or_insert_with(String::new).push(c),
            }
        }
        words.extend(word);
        let mut words = words.into_iter();
        let program = words.next().ok_or(CommandLineError::Empty)?;
        Ok(CommandLine {
            program,
            args: words.collect(),
        })
    }

    /// The command as one line, each word quoted only when it needs to be (for showing it in
    /// full before its first run).
    pub fn shown(&self) -> String {
        std::iter::once(&self.program)
            .chain(&self.args)
            .map(|word| crate::display::inert(word).into_owned())
            .map(|word| {
                if !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c))
                {
                    word
                } else {
                    format!("'{}'", word.replace('\'', r"'\''"))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How a run went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Delivery {
    /// It exited 0.
    Done {
        /// Its output (stdout then stderr), inert and redacted.
        output: String,
    },
    /// It exited with another status.
    Failed {
        /// The exit code, if it exited (none: killed by a signal).
        code: Option<i32>,
        /// Its output, inert and redacted.
        output: String,
    },
    /// It was still running at the time limit, and was stopped.
    TimedOut {
        /// The limit, seconds.
        after_secs: u64,
        /// What it printed until then.
        output: String,
    },
    /// It could not be started (no such program, not executable).
    NotStarted {
        /// Why, in a sentence.
        reason: String,
    },
}

impl Delivery {
    /// It exited 0.
    pub fn ok(&self) -> bool {
        matches!(self, Delivery::Done { .. })
    }

    /// One line for a checklist: what happened, and the last line the command printed (already
    /// inert and redacted), cut at [`SUMMARY_LIMIT`] characters.
    pub fn summary(&self) -> String {
        let last_line = |output: &str| {
            output
                .lines()
                .rev()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(|l| format!(": {l}"))
                .unwrap_or_default()
        };
        let line = match self {
            Delivery::Done { output } => format!("done{}", last_line(output)),
            Delivery::Failed {
                code: Some(code),
                output,
            } => format!("exited with status {code}{}", last_line(output)),
            Delivery::Failed { code: None, output } => {
                format!("stopped by a signal{}", last_line(output))
            }
            Delivery::TimedOut { after_secs, output } => format!(
                "still running after {after_secs} s, so it was stopped{}",
                last_line(output)
            ),
            Delivery::NotStarted { reason } => reason.clone(),
        };
        match line.char_indices().nth(SUMMARY_LIMIT) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line,
        }
    }
}

/// How long a [`Delivery::summary`] may be, characters.
pub const SUMMARY_LIMIT: usize = 300;

/// Runs `command` with `secret` (when given) on its standard input, closed after it, and waits
/// up to `limit`. Blocking: call it from a blocking task.
pub fn run(command: &CommandLine, secret: Option<&Secret>, limit: Duration) -> Delivery {
    let mut spawned = Command::new(&command.program);
    spawned
        .args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so a time limit stops what it started too (a shell's children).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut spawned, 0);
    let mut child = match spawned.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Delivery::NotStarted {
                reason: format!(
                    "{} could not be started ({e}): check the program's name or path",
                    crate::display::inert(&command.program)
                ),
            }
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read its input is not an error here: its exit status says.
        if let Some(secret) = secret {
            let _ = stdin.write_all(secret.expose().as_bytes());
        }
    }
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|o| Box::new(o) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|e| Box::new(e) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|mut pipe| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let room = OUTPUT_LIMIT.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            kept
        })
    })
    .collect();
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= limit => {
                stop_all(&mut child);
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break None,
        }
    };
    let mut output = Vec::new();
    for reader in readers {
        output.extend(reader.join().unwrap_or_default());
    }
    let output = shown_output(&output, secret);
    match status {
        Some(s) if s.success() => Delivery::Done { output },
        Some(s) => Delivery::Failed {
            code: s.code(),
            output,
        },
        None => Delivery::TimedOut {
            after_secs: limit.as_secs(),
            output,
        },
    }
}

/// Stops the command and, on Unix, every process of its group.
fn stop_all(child: &mut std::process::Child) {
    // The group is signalled through kill(1): this crate has no unsafe code to call kill(2).
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
}

/// Output as it may be shown: lossy UTF-8, the secret redacted, control characters inert,
/// and a note when it was cut.
fn shown_output(bytes: &[u8], secret: Option<&Secret>) -> String {
    let text = String::from_utf8_lossy(bytes);
    let secrets: Vec<&str> = secret.map(Secret::expose).into_iter().collect();
    let redacted = crate::redaction::redact(&text, &secrets);
    let mut shown = crate::display::inert_lines(&redacted).into_owned();
    if bytes.len() >= OUTPUT_LIMIT {
        shown.push_str(&format!("\n… (output cut at {} KB)", OUTPUT_LIMIT / 1024));
    }
    shown
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, extra: &[&str]) -> CommandLine {
        CommandLine {
            program: "sh".into(),
            args: [&["-c", script, "sh"][..], extra]
                .concat()
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }

    const SECRET: &str = "newSecretNewSecretNewSecret12345";

    #[test]
    fn the_secret_arrives_on_standard_input_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let got = dir.path().join("got");
        let env = dir.path().join("env");
        let command = sh(
            r#"cat > "$1"; env > "$2"; echo "$0 $*""#,
            &[&got.display().to_string(), &env.display().to_string()],
        );
        let done = run(
            &command,
            Some(&Secret::new(SECRET)),
            Duration::from_secs(10),
        );
        assert!(done.ok(), "{done:?}");
        assert_eq!(std::fs::read_to_string(&got).expect("read"), SECRET);
        assert!(
            !std::fs::read_to_string(&env).expect("env").contains(SECRET),
            "not in its environment"
        );
        let Delivery::Done { output } = done else {
            unreachable!()
        };
        assert!(
            !output.contains(SECRET),
            "not in its arguments either: {output}"
        );
    }

    #[test]
    fn a_failing_command_says_its_code_and_its_output_without_the_secret_or_control_characters() {
        let command = sh(
            r#"read s; printf 'refused %s \033[2J\n' "$s" >&2; exit 3"#,
            &[],
        );
        let failed = run(
            &command,
            Some(&Secret::new(SECRET)),
            Duration::from_secs(10),
        );
        let Delivery::Failed { code, output } = &failed else {
            panic!("{failed:?}")
        };
        assert_eq!(*code, Some(3));
        let summary = failed.summary();
        assert!(
            summary.starts_with("exited with status 3: refused ") && !summary.contains(SECRET),
            "one line for the checklist: {summary}"
        );
        assert!(output.contains("refused"), "{output}");
        assert!(!output.contains(SECRET), "{output}");
        assert!(!output.contains('\u{1b}'), "escape made inert: {output:?}");
    }

    #[test]
    fn a_typed_command_is_split_as_a_shell_splits_it_and_shown_back_the_same() {
        let typed = r#"vault kv put secret/zoom "client secret=-" it\'s 'a b' "" x"\"y""#;
        let parsed = CommandLine::parse(typed).expect("parses");
        assert_eq!(parsed.program, "vault");
        assert_eq!(
            parsed.args,
            [
                "kv",
                "put",
                "secret/zoom",
                "client secret=-",
                "it's",
                "a b",
                "",
                "x\"y"
            ]
        );
        assert_eq!(CommandLine::parse(&parsed.shown()), Ok(parsed));
        assert_eq!(CommandLine::parse("  "), Err(CommandLineError::Empty));
        assert_eq!(
            CommandLine::parse("sh -c 'echo"),
            Err(CommandLineError::UnclosedQuote("single"))
        );
        assert_eq!(
            CommandLine::parse("sh -c \"echo"),
            Err(CommandLineError::UnclosedQuote("double"))
        );
    }

    #[test]
    fn a_command_past_its_time_limit_is_stopped() {
        let slow = sh("sleep 30", &[]);
        let started = Instant::now();
        let timed_out = run(&slow, None, Duration::from_millis(300));
        assert!(
            matches!(timed_out, Delivery::TimedOut { .. }),
            "{timed_out:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "stopped, not waited for"
        );
    }

    #[test]
    fn no_shell_runs_unless_written_a_missing_program_is_said_and_a_command_is_shown_in_full() {
        let literal = CommandLine {
            program: "echo".into(),
            args: vec!["$HOME; rm -rf /".into()],
        };
        let Delivery::Done { output } = run(&literal, None, Duration::from_secs(10)) else {
            panic!("echo runs")
        };
        assert_eq!(
            output.trim(),
            "$HOME; rm -rf /",
            "the words reach the program as written"
        );
        let missing = CommandLine {
            program: "no-such-program-s2s".into(),
            args: vec![],
        };
        assert!(matches!(
            run(&missing, None, Duration::from_secs(1)),
            Delivery::NotStarted { .. }
        ));
        assert_eq!(
            CommandLine {
                program: "secret-tool".into(),
                args: vec![
                    "store".into(),
                    "--label=Zoom app".into(),
                    "service".into(),
                    "zoom".into()
                ],
            }
            .shown(),
            "secret-tool store '--label=Zoom app' service zoom"
        );
    }
}
