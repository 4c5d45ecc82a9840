//! Where a profile's client secret is deployed — its *consumers* — so a rotation can carry the
//! new secret to each before the old one goes: a setting in a file of a local project, or a
//! command that takes the secret on standard input (a secret store's CLI), each with an
//! optional check command that proves the consumer picked it up (exit 0). Saved with the
//! profile; no secret in them.

use serde::{Deserialize, Serialize};

use super::Profile;
use crate::deliver::{CommandLine, Delivery};
use crate::secret::Secret;

/// The time a consumer's command (or check) may take, unless the admin sets another.
pub const DEFAULT_TIMEOUT_SECS: u32 = 30;
/// The range a consumer's time limit may take, seconds.
pub const TIMEOUT_SECS: std::ops::RangeInclusive<u32> = 1..=600;

/// One place the secret is deployed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Consumer {
    /// Stable id within the profile.
    pub id: String,
    /// What the admin calls it ("production .env", "Vault").
    pub label: String,
    /// Where the secret goes.
    pub target: ConsumerTarget,
    /// Proves the consumer picked the new secret up: exit 0 = yes. It gets the secret on its
    /// standard input too, to compare without printing it.
    #[serde(default)]
    pub check: Option<CommandLine>,
    /// Time limit for the command and the check, seconds.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u32,
}

fn default_timeout() -> u32 {
    DEFAULT_TIMEOUT_SECS
}

/// Where a consumer's secret goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConsumerTarget {
    /// A setting in a file (`.env`, JSON, YAML, TOML, docker-compose, a Kubernetes Secret).
    File {
        /// The file, absolute.
        path: String,
        /// The setting that holds the secret (`ZOOM_CLIENT_SECRET`).
        setting: String,
    },
    /// A command that reads the secret on its standard input, run without a shell.
    Command {
        /// As the admin wrote it.
        command: CommandLine,
    },
}

/// A consumer as the admin describes it, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConsumerDraft {
    /// What the admin calls it.
    pub label: String,
    /// Where the secret goes.
    pub target: ConsumerTarget,
    /// The optional check.
    pub check: Option<CommandLine>,
    /// Time limit, seconds; none: [`DEFAULT_TIMEOUT_SECS`].
    pub timeout_secs: Option<u32>,
}

/// Why a consumer was refused; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsumerError {
    /// No label.
    #[error("give the consumer a name, such as \"production .env\" or \"Vault\"")]
    NoLabel,
    /// Another consumer of the profile has that name.
    #[error("the profile already has a consumer named \"{}\"", crate::display::inert(.0))]
    LabelTaken(String),
    /// A command with no program.
    #[error("a command needs a program to run (e.g. secret-tool, op, vault, gh)")]
    NoProgram,
    /// A file path that is not absolute.
    #[error("\"{}\" is not an absolute path: the consumer must name the file wherever S2S Desk or the CLI runs", crate::display::inert(.0))]
    RelativePath(String),
    /// A setting name that no config could hold.
    #[error("\"{}\" is not a setting name (letters, digits, _ . -)", crate::display::inert(.0))]
    BadSetting(String),
    /// A time limit out of range.
    #[error("a time limit of {0} s is outside 1 to 600 s")]
    Timeout(u32),
    /// A check asked of a consumer without one.
    #[error("\"{}\" has no check: add one (a command that exits 0 when the deployment uses the secret on its standard input)", crate::display::inert(.0))]
    NoCheck(String),
    /// No consumer with that id.
    #[error("the profile has no consumer {}", crate::display::inert(.0))]
    NotFound(String),
}

impl ConsumerDraft {
    /// The consumer this draft describes, checked against the profile's others.
    pub(super) fn checked(self, others: &[Consumer]) -> Result<Consumer, ConsumerError> {
        let label = self.label.trim().to_string();
        if label.is_empty() {
            return Err(ConsumerError::NoLabel);
        }
        if others.iter().any(|c| c.label.eq_ignore_ascii_case(&label)) {
            return Err(ConsumerError::LabelTaken(label));
        }
        match &self.target {
            ConsumerTarget::File { path, setting } => {
                if !std::path::Path::new(path).is_absolute() {
                    return Err(ConsumerError::RelativePath(path.clone()));
                }
                let plain = !setting.is_empty()
                    && setting
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
                if !plain {
                    return Err(ConsumerError::BadSetting(setting.clone()));
                }
            }
            ConsumerTarget::Command { command } if command.program.trim().is_empty() => {
                return Err(ConsumerError::NoProgram)
            }
            ConsumerTarget::Command { .. } => {}
        }
        if self
            .check
            .as_ref()
            .is_some_and(|c| c.program.trim().is_empty())
        {
            return Err(ConsumerError::NoProgram);
        }
        let timeout_secs = self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS);
        if !TIMEOUT_SECS.contains(&timeout_secs) {
            return Err(ConsumerError::Timeout(timeout_secs));
        }
        Ok(Consumer {
            id: uuid::Uuid::new_v4().to_string(),
            label,
            target: self.target,
            check: self.check,
            timeout_secs,
        })
    }
}

impl Consumer {
    /// Where the secret goes, in full: the setting and its file, or the command as it runs.
    pub fn destination(&self) -> String {
        match &self.target {
            ConsumerTarget::File { path, setting } => format!(
                "{} in {}",
                crate::display::inert(setting),
                crate::display::inert(path)
            ),
            ConsumerTarget::Command { command } => command.shown(),
        }
    }
}

/// How far one consumer got in a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConsumerState {
    /// Not updated yet.
    Pending,
    /// Updated; it has no check.
    Updated,
    /// Updated, and its check passed.
    Checked,
    /// The update did not work: the consumer still has the old secret.
    UpdateFailed,
    /// Updated, but its check did not pass.
    CheckFailed,
}

impl ConsumerState {
    /// The consumer has the new secret, proven where it has a check.
    pub fn done(self) -> bool {
        matches!(self, ConsumerState::Updated | ConsumerState::Checked)
    }

    /// The state in words, as the app's and the CLI's checklists show it.
    pub fn words(self) -> &'static str {
        match self {
            ConsumerState::Pending => "not updated yet",
            ConsumerState::Updated => "updated (no check)",
            ConsumerState::Checked => "updated, check passed",
            ConsumerState::UpdateFailed => "update failed",
            ConsumerState::CheckFailed => "updated, check failed",
        }
    }
}

/// A consumer's progress, recorded on the rotation after each update (words, no secret), so a
/// rotation stopped half-way resumes at the consumers not done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConsumerProgress {
    /// The consumer.
    pub id: String,
    /// How far it got.
    pub state: ConsumerState,
    /// What the update (or the check) said, in one line.
    pub detail: String,
    /// When (Unix seconds).
    pub at_unix: i64,
}

/// One line of a rotation's checklist, as the app and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConsumerLine {
    /// The consumer.
    pub id: String,
    /// Its name.
    pub label: String,
    /// Where the secret goes, in full ([`Consumer::destination`]).
    pub destination: String,
    /// Its check, in full, if it has one.
    pub check: Option<String>,
    /// How far it got.
    pub state: ConsumerState,
    /// The state in words ([`ConsumerState::words`]).
    pub state_words: String,
    /// What the last update or check said; none before the first.
    pub detail: Option<String>,
    /// What to do about it, for a failed one.
    pub advice: Option<String>,
}

/// Every consumer of `profile` with how far it got in `progress` (a consumer added during the
/// rotation is pending; one removed is gone).
pub fn checklist(profile: &Profile, progress: &[ConsumerProgress]) -> Vec<ConsumerLine> {
    profile
        .consumers
        .iter()
        .map(|c| {
            let recorded = progress.iter().find(|p| p.id == c.id);
            let state = recorded.map_or(ConsumerState::Pending, |p| p.state);
            let advice = match (state, &c.target) {
                (ConsumerState::UpdateFailed, ConsumerTarget::File { .. }) => Some("Correct the file (or the consumer's setting), then retry; the file was left as it was."),
                (ConsumerState::UpdateFailed, ConsumerTarget::Command { .. }) => Some("Run the command by hand to see why, correct it, then retry; the others are not affected."),
                (ConsumerState::CheckFailed, _) => Some("The update ran but the check says the new secret is not in use there: look at the deployment, then retry."),
                _ => None,
            };
            ConsumerLine {
                id: c.id.clone(),
                label: c.label.clone(),
                destination: c.destination(),
                check: c.check.as_ref().map(CommandLine::shown),
                state,
                state_words: state.words().into(),
                detail: recorded
                    .map(|p| p.detail.clone())
                    .filter(|d| !d.is_empty()),
                advice: advice.map(String::from),
            }
        })
        .collect()
}

/// What updating one consumer did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConsumerReport {
    /// The consumer.
    pub id: String,
    /// Its name.
    pub label: String,
    /// The update: the command's run (a file's write is reported as a run of its own).
    pub update: Delivery,
    /// The check's run, when it has one and the update succeeded.
    pub check: Option<Delivery>,
}

impl ConsumerReport {
    /// Updated, and checked when it has a check.
    pub fn done(&self) -> bool {
        self.state().done()
    }

    /// Where the consumer stands after this.
    pub fn state(&self) -> ConsumerState {
        match (self.update.ok(), &self.check) {
            (false, _) => ConsumerState::UpdateFailed,
            (true, None) => ConsumerState::Updated,
            (true, Some(check)) if check.ok() => ConsumerState::Checked,
            (true, Some(_)) => ConsumerState::CheckFailed,
        }
    }

    /// As the rotation records it.
    pub fn progress(&self, at_unix: i64) -> ConsumerProgress {
        // The state already says "updated" and "check passed": the detail adds what the runs
        // said, and why one failed.
        let said = |run: &Delivery| match run {
            Delivery::Done { output } if output.trim().is_empty() => None,
            other => Some(other.summary()),
        };
        let detail = [
            said(&self.update),
            self.check
                .as_ref()
                .and_then(said)
                .map(|c| format!("check: {c}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ");
        ConsumerProgress {
            id: self.id.clone(),
            state: self.state(),
            detail,
            at_unix,
        }
    }
}

/// The consumer `key` names: its id, or its label (ignoring case).
pub fn find<'a>(consumers: &'a [Consumer], key: &str) -> Option<&'a Consumer> {
    consumers.iter().find(|c| c.id == key).or_else(|| {
        consumers
            .iter()
            .find(|c| c.label.eq_ignore_ascii_case(key.trim()))
    })
}

/// Writes a file consumer's setting: s2s-migrate's rewrite engine (every format it reads,
/// atomic, with a backup and undo), handed in by the app and the CLI — the core does not
/// depend on it.
pub trait SettingWriter: Send + Sync {
    /// Sets `setting` in `path` to `secret`; the outcome as a run.
    fn write(&self, path: &std::path::Path, setting: &str, secret: &Secret) -> Delivery;
}

/// Carries `secret` to one consumer, then runs its check (blocking): a file through `files`, a
/// command with the secret on its standard input. The check runs only after an update that
/// worked.
pub fn update(consumer: &Consumer, secret: &Secret, files: &dyn SettingWriter) -> ConsumerReport {
    let limit = std::time::Duration::from_secs(u64::from(consumer.timeout_secs));
    let update = match &consumer.target {
        ConsumerTarget::File { path, setting } => {
            files.write(std::path::Path::new(path), setting, secret)
        }
        ConsumerTarget::Command { command } => crate::deliver::run(command, Some(secret), limit),
    };
    let check = update.ok().then(|| run_check(consumer, secret)).flatten();
    ConsumerReport {
        id: consumer.id.clone(),
        label: consumer.label.clone(),
        update,
        check,
    }
}

/// Runs a consumer's check with `secret` on its standard input (blocking).
pub fn run_check(consumer: &Consumer, secret: &Secret) -> Option<Delivery> {
    let limit = std::time::Duration::from_secs(u64::from(consumer.timeout_secs));
    consumer
        .check
        .as_ref()
        .map(|check| crate::deliver::run(check, Some(secret), limit))
}

/// A consumer's check run on demand, as the app and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckRun {
    /// The deployment uses the secret (the check exited 0).
    pub passed: bool,
    /// What happened, in one line ([`Delivery::summary`]).
    pub summary: String,
    /// The run itself.
    pub run: Delivery,
}

impl From<Delivery> for CheckRun {
    fn from(run: Delivery) -> Self {
        Self {
            passed: run.ok(),
            summary: run.summary(),
            run,
        }
    }
}

/// The writer of a core without s2s-migrate: it writes no file, and says so.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFileWriter;

impl SettingWriter for NoFileWriter {
    fn write(&self, path: &std::path::Path, _: &str, _: &Secret) -> Delivery {
        Delivery::NotStarted {
            reason: format!(
                "this build of S2S Desk cannot edit {}",
                crate::display::inert(&path.display().to_string())
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_command_consumer_gets_the_secret_and_its_check_proves_it_a_failed_update_skips_the_check()
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = dir.path().join("store");
        let sh = |script: &str| CommandLine {
            program: "sh".into(),
            args: vec![
                "-c".into(),
                script.into(),
                "sh".into(),
                store.display().to_string(),
            ],
        };
        let consumer = draft(
            "Store",
            ConsumerTarget::Command {
                command: sh(r#"cat > "$1""#),
            },
        );
        let consumer = ConsumerDraft {
            check: Some(sh(r#"test "$(cat "$1")" = "$(cat)""#)),
            ..consumer
        }
        .checked(&[])
        .expect("fine");
        let secret = Secret::new("newSecretNewSecretNewSecret12345");
        let report = update(&consumer, &secret, &NoFileWriter);
        assert!(report.done(), "{report:?}");
        assert_eq!(
            std::fs::read_to_string(&store).expect("stored"),
            secret.expose()
        );

        let broken = Consumer {
            target: ConsumerTarget::Command {
                command: sh("exit 4"),
            },
            ..consumer.clone()
        };
        let report = update(&broken, &secret, &NoFileWriter);
        assert!(!report.done());
        assert_eq!(report.check, None, "no check after a failed update");

        let file = Consumer {
            target: ConsumerTarget::File {
                path: "/srv/app/.env".into(),
                setting: "ZOOM_CLIENT_SECRET".into(),
            },
            ..consumer
        };
        assert!(matches!(
            update(&file, &secret, &NoFileWriter).update,
            Delivery::NotStarted { .. }
        ));
    }

    fn command(program: &str) -> ConsumerTarget {
        ConsumerTarget::Command {
            command: CommandLine {
                program: program.into(),
                args: vec!["store".into()],
            },
        }
    }

    fn draft(label: &str, target: ConsumerTarget) -> ConsumerDraft {
        ConsumerDraft {
            label: label.into(),
            target,
            check: None,
            timeout_secs: None,
        }
    }

    #[test]
    fn a_consumer_is_refused_with_what_to_write_instead() {
        let vault = draft("Vault", command("vault")).checked(&[]).expect("fine");
        assert_eq!(vault.timeout_secs, DEFAULT_TIMEOUT_SECS);
        let cases = [
            (draft("  ", command("vault")), ConsumerError::NoLabel),
            (
                draft("vault", command("op")),
                ConsumerError::LabelTaken("vault".into()),
            ),
            (draft("Empty", command(" ")), ConsumerError::NoProgram),
            (
                draft(
                    "Relative",
                    ConsumerTarget::File {
                        path: "app/.env".into(),
                        setting: "ZOOM_CLIENT_SECRET".into(),
                    },
                ),
                ConsumerError::RelativePath("app/.env".into()),
            ),
            (
                draft(
                    "Odd",
                    ConsumerTarget::File {
                        // Absolute on every system the tests run on (a Unix path is not on Windows).
                        path: std::env::temp_dir().join(".env").display().to_string(),
                        setting: "ZOOM CLIENT".into(),
                    },
                ),
                ConsumerError::BadSetting("ZOOM CLIENT".into()),
            ),
            (
                ConsumerDraft {
                    timeout_secs: Some(0),
                    ..draft("Slow", command("gh"))
                },
                ConsumerError::Timeout(0),
            ),
        ];
        for (draft, expected) in cases {
            assert_eq!(draft.checked(std::slice::from_ref(&vault)), Err(expected));
        }
    }
}
