//! The migration use case, one object per scanned project for the app and the CLI alike: plan
//! (previews, guidance, readiness of the new app), apply — only once the new app is ready,
//! unless the caller explicitly skips that gate —, undo, and the report, saved into the project.
//! Background scans with progress and cancel live here too ([`Scans`]), so the app's commands
//! only adapt these calls to the window.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use s2s_core::catalog::scope::ScopeName;
use s2s_core::profiles::service::{ProfileService, ServiceError};
use s2s_core::profiles::{Profile, TestRecord};
use s2s_core::Secret;
use serde::{Deserialize, Serialize};

use crate::apply::{apply, ApplyError, FaultInjection, Journal};
use crate::disk::{inside_root, write_file, Access};
use crate::guidance::{for_languages, Guidance};
use crate::plan::{previews, readiness, rewrites, FilePreview, Readiness, TokenVerdict};
use crate::report::{html, markdown, Decisions};
use crate::rewrite::{NewNames, NewValues, Rewrite};
use crate::scan::{scan, Progress, ProgressSnapshot, ScanError, ScanOptions, ScanReport};

/// The report's file name in the project (the HTML beside it).
pub const REPORT_FILE: &str = "s2s-desk-migration-report.md";

/// Why a migration step stopped. No file is ever left half-written.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// A choice is unusable (setting names, IDs); nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// The new app is not ready; nothing was written.
    #[error("the new Server-to-Server app is not ready: {}", .0.message)]
    NotReady(Box<Readiness>),
    /// Writing or undoing stopped (each file's state is in the message).
    #[error(transparent)]
    Apply(#[from] ApplyError),
    /// The report could not be saved into the project.
    #[error("the report could not be saved as {file}: {source}")]
    ReportNotSaved {
        /// Which file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The new app's latest token test, as readiness needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppTest {
    /// Zoom issued a token that worked on its first call. The profile's own expected scopes do
    /// not count here: readiness judges the calls the scan found.
    pub token_works: bool,
    /// The scopes its token held (empty when no token came).
    pub granted: Vec<ScopeName>,
    /// Its one-line result, for the report.
    pub summary: String,
    /// The API base its token named (the account's regional cluster), for the guidance.
    pub api_url: Option<String>,
}

impl NewAppTest {
    /// From a history entry.
    pub fn of_record(record: &TestRecord) -> Self {
        Self {
            token_works: record.got_token()
                && record.kind != Some(s2s_core::ErrorKind::TokenRejected),
            granted: record.scopes.clone(),
            summary: record.summary.clone(),
            api_url: record.api_url.clone(),
        }
    }

    /// A saved profile's latest test (scopes from its latest test that got a token).
    pub fn of_profile(profile: &Profile) -> Option<Self> {
        let latest = profile.history.first()?;
        let with_token = s2s_core::scope_report::latest_token(profile);
        Some(Self {
            granted: with_token.map(|r| r.scopes.clone()).unwrap_or_default(),
            api_url: with_token.and_then(|r| r.api_url.clone()),
            ..Self::of_record(latest)
        })
    }
}

/// The new Server-to-Server app a migration writes in: its IDs, the secrets to write (only when
/// the admin asked), its latest test and its cloud. Built by one constructor whichever way it
/// was chosen — a saved profile (the app; `s2s migrate apply --profile`) or values given
/// directly (the CLI's flags and environment) — so both write the same thing for the same app.
#[derive(Debug, Clone)]
pub struct NewApp {
    /// What is written.
    pub values: NewValues,
    /// Its latest test, which readiness judges.
    pub test: Option<NewAppTest>,
    /// How the report words that test ("tested before writing: …").
    test_note: Option<String>,
    /// The profile it came from, for the report.
    pub profile: Option<String>,
    /// Its Zoom cloud, for the guidance's API host (the Sandbox stands for zoom.us).
    pub cloud: s2s_core::Cloud,
}

impl NewApp {
    /// No app chosen yet: placeholders are written, nothing is tested.
    pub fn placeholders() -> Self {
        let [account_id, client_id] = crate::todo::ID_PLACEHOLDERS;
        Self::from_values(account_id.into(), client_id.into(), None, None)
    }

    /// A saved profile: its IDs and latest test; with `write_secrets`, its client secret and its
    /// saved webhook Secret Token (which replaces a Verification Token) from the keychain.
    pub fn from_profile(
        profiles: &ProfileService,
        id: &str,
        write_secrets: bool,
    ) -> Result<Self, ServiceError> {
        let profile = profiles.get(id)?;
        let (client_secret, webhook_secret_token) = match write_secrets {
            true => (
                Some(profiles.credentials(id)?.1.client_secret.trimmed()),
                profiles.webhook_secret_token(id)?.map(|t| t.trimmed()),
            ),
            false => (None, None),
        };
        let test = NewAppTest::of_profile(&profile);
        Ok(Self {
            test_note: test.as_ref().map(|t| t.summary.clone()),
            test,
            profile: Some(profile.name.clone()),
            cloud: profile
                .cloud
                .zoom_cloud()
                .unwrap_or(s2s_core::Cloud::Commercial),
            values: NewValues {
                account_id: profile.account_id.clone(),
                client_id: profile.client_id.clone(),
                client_secret,
                webhook_secret_token,
            },
        })
    }

    /// Values given directly; the secrets only when they are to be written.
    pub fn from_values(
        account_id: String,
        client_id: String,
        client_secret: Option<Secret>,
        webhook_secret_token: Option<Secret>,
    ) -> Self {
        Self {
            values: NewValues {
                account_id: account_id.trim().to_string(),
                client_id: client_id.trim().to_string(),
                client_secret: client_secret.map(|s| s.trimmed()),
                webhook_secret_token: webhook_secret_token.map(|t| t.trimmed()),
            },
            test: None,
            test_note: None,
            profile: None,
            cloud: s2s_core::Cloud::Commercial,
        }
    }

    /// The app as just tested, before writing (the CLI's apply).
    pub fn tested_now(mut self, test: NewAppTest) -> Self {
        self.test_note = Some(format!("tested before writing: {}", test.summary));
        self.test = Some(test);
        self
    }

    /// The app written without a test, saying why.
    pub fn untested(mut self, why: &str) -> Self {
        self.test = None;
        self.test_note = Some(format!("not tested: {why}"));
        self
    }

    /// What the report records of the admin's choices.
    fn decisions(&self, names: &NewNames) -> Decisions {
        Decisions {
            names: names.clone(),
            secret_written: self.values.client_secret.is_some(),
            profile: self.profile.clone(),
            token_test: self.test_note.clone(),
        }
    }
}

/// Whether an apply waits for a ready new app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Only when the new app's test passed and covers every call found.
    RequireReady,
    /// The caller chose to write without a test (`s2s migrate apply --skip-test`).
    Skip,
}

/// The plan file `s2s migrate scan --plan` writes and `apply` reads: a scan, versioned.
#[derive(Serialize, Deserialize)]
struct PlanFile {
    s2s_desk_migration_plan: u32,
    report: ScanReport,
}

/// Why a plan file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    /// It could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// It is not a plan S2S Desk wrote.
    #[error("{path} is not a migration plan: {reason}")]
    NotAPlan {
        /// Where.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Everything the plan screen shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MigrationPlan {
    /// One diff per config file, secrets as placeholders.
    pub previews: Vec<FilePreview>,
    /// Token handling before/after, per language found.
    pub guidance: Vec<Guidance>,
    /// Whether the new app is ready.
    pub readiness: Readiness,
    /// What will be left once these configs are written: placeholders, code, a committed JWT.
    pub still_to_do: Vec<crate::todo::ToDo>,
}

/// The report in both formats, and where it was saved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MigrationReport {
    /// Markdown.
    pub markdown: String,
    /// A standalone HTML page.
    pub html: String,
    /// Where the Markdown was saved (the HTML beside it), when asked to save.
    pub saved_to: Option<String>,
}

/// One scanned project.
#[derive(Debug, Clone)]
pub struct Migration {
    report: ScanReport,
}

impl Migration {
    /// A migration over a finished scan (from [`Scans`] or a plan file).
    pub fn new(report: ScanReport) -> Self {
        Self { report }
    }

    /// Scans `path` (a project folder or one config file) in the foreground.
    pub fn scan(path: &Path) -> Result<Self, ScanError> {
        scan(
            s2s_core::catalog::catalog(),
            path,
            &ScanOptions::default(),
            &Progress::default(),
        )
        .map(Self::new)
    }

    /// Writes this scan as a plan file, owner-only (it names where the old secrets are).
    pub fn save_plan(&self, path: &Path) -> Result<(), PlanFileError> {
        let io = |source| PlanFileError::Io {
            path: path.display().to_string(),
            source,
        };
        let file = PlanFile {
            s2s_desk_migration_plan: 1,
            report: self.report.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| io(e.into()))?;
        write_file(path, &bytes, Access::Private).map_err(io)
    }

    /// The migration a plan file holds.
    pub fn from_plan(path: &Path) -> Result<Self, PlanFileError> {
        let bytes = std::fs::read(path).map_err(|source| PlanFileError::Io {
            path: path.display().to_string(),
            source,
        })?;
        serde_json::from_slice::<PlanFile>(&bytes)
            .map(|plan| Self::new(plan.report))
            .map_err(|e| PlanFileError::NotAPlan {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
    }

    /// What the scan found.
    pub fn report(&self) -> &ScanReport {
        &self.report
    }

    /// The rewrites these choices make (in memory; nothing written).
    pub fn edits(
        &self,
        names: &NewNames,
        values: &NewValues,
    ) -> Result<Vec<Rewrite>, MigrationError> {
        names.validate().map_err(MigrationError::Invalid)?;
        values.validate().map_err(MigrationError::Invalid)?;
        Ok(rewrites(&self.report, names, values)?)
    }

    /// Whether the new app is ready, from its latest test.
    pub fn readiness(&self, test: Option<&NewAppTest>) -> Readiness {
        match test {
            Some(t) => readiness(
                &self.report,
                Some(TokenVerdict {
                    works: t.token_works,
                    summary: &t.summary,
                }),
                &t.granted,
            ),
            None => readiness::<ScopeName>(&self.report, None, &[]),
        }
    }

    /// Previews, guidance (for the new app's cloud) and readiness. Writes nothing.
    pub fn plan(&self, names: &NewNames, app: &NewApp) -> Result<MigrationPlan, MigrationError> {
        let previews = previews(&self.edits(names, &app.values)?);
        let guidance = for_languages(
            &self.report.languages,
            app.cloud,
            app.test.as_ref().and_then(|t| t.api_url.as_deref()),
            self.report
                .findings
                .iter()
                .any(|f| f.kind == crate::names::LegacyKind::VerificationToken),
        );
        Ok(MigrationPlan {
            still_to_do: crate::todo::still_to_do(&self.report, &previews, !guidance.is_empty()),
            previews,
            guidance,
            readiness: self.readiness(app.test.as_ref()),
        })
    }

    /// Writes every migrated config or none, with backups; refuses an app that is not ready
    /// unless the gate is skipped.
    pub fn apply(
        &self,
        names: &NewNames,
        app: &NewApp,
        gate: Gate,
    ) -> Result<Journal, MigrationError> {
        let edits = self.edits(names, &app.values)?;
        if gate == Gate::RequireReady {
            let ready = self.readiness(app.test.as_ref());
            if !ready.ready {
                return Err(MigrationError::NotReady(Box::new(ready)));
            }
        }
        Ok(apply(
            Path::new(&self.report.root),
            &edits,
            s2s_core::clock::now_unix(),
            FaultInjection::default(),
        )?)
    }

    /// The report (Markdown and HTML); with `save`, also written into the project.
    pub fn report_for(
        &self,
        names: &NewNames,
        app: &NewApp,
        journal: Option<&Journal>,
        save: bool,
    ) -> Result<MigrationReport, MigrationError> {
        let now = s2s_core::clock::now_unix();
        let decisions = app.decisions(names);
        let md = markdown(&self.report, &decisions, journal, now);
        let page = html(&self.report, &decisions, journal, now);
        let saved_to = if save {
            let root = PathBuf::from(&self.report.root);
            let html_file = REPORT_FILE.replace(".md", ".html");
            for (name, text) in [(REPORT_FILE, &md), (html_file.as_str(), &page)] {
                inside_root(&root, Path::new(name))
                    .and_then(|target| write_file(&target, text.as_bytes(), Access::Shared))
                    .map_err(|source| MigrationError::ReportNotSaved {
                        file: name.to_string(),
                        source,
                    })?;
            }
            Some(root.join(REPORT_FILE).display().to_string())
        } else {
            None
        };
        Ok(MigrationReport {
            markdown: md,
            html: page,
            saved_to,
        })
    }
}

/// What an undo did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Undone {
    /// The files restored, and where their backups were.
    pub journal: Journal,
    /// The migration report S2S Desk had saved in the project, removed with the migration it
    /// described (relative paths).
    pub reports_removed: Vec<String>,
}

/// Restores the files an apply changed, all or none.
pub fn undo(journal: &Journal) -> Result<Undone, MigrationError> {
    undo_at(&journal.path())
}

/// Restores the files of the journal at `path` (where apply wrote it), all or none; then
/// removes the migration report saved in the project, which describes a migration that no
/// longer stands (a report the admin rewrote — not S2S Desk's any more — is left).
pub fn undo_at(path: &Path) -> Result<Undone, MigrationError> {
    let journal = crate::apply::undo(path)?;
    let root = PathBuf::from(&journal.root);
    let html_file = REPORT_FILE.replace(".md", ".html");
    let mut reports_removed = Vec::new();
    for name in [REPORT_FILE, html_file.as_str()] {
        let file = root.join(name);
        let ours = std::fs::read_to_string(&file)
            .is_ok_and(|text| text.contains(crate::report::REPORT_TITLE));
        if ours && std::fs::remove_file(&file).is_ok() {
            reports_removed.push(name.to_string());
        }
    }
    Ok(Undone {
        journal,
        reports_removed,
    })
}

/// A path as people type it: `~/` is the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    let path = path.trim();
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// A background scan's state.
#[derive(Debug, Clone)]
pub enum ScanState {
    /// Still walking.
    Running(ProgressSnapshot),
    /// Finished (possibly cancelled).
    Done(ScanReport),
    /// Could not scan.
    Failed(ScanError),
}

struct Job {
    progress: Arc<Progress>,
    result: Arc<Mutex<Option<Result<ScanReport, ScanError>>>>,
}

/// Scans running in the background: each has an id to poll for progress, cancel, and later
/// turn into a [`Migration`]. Each runs on its own thread, so a 10,000-file tree never stalls
/// the caller.
#[derive(Default)]
pub struct Scans {
    next: AtomicU32,
    jobs: Mutex<HashMap<u32, Job>>,
}

/// How often a running scan reports its counts to a watcher.
pub const UPDATE_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

impl Scans {
    /// Starts scanning `path` (`~/` expanded); `Err` with the expanded path when nothing is there.
    pub fn start(&self, path: &str) -> Result<u32, PathBuf> {
        self.start_watched(path, |_, _| {})
    }

    /// Like [`Self::start`], and calls `watch(id, state)` from the scan's threads: with the
    /// counts every [`UPDATE_EVERY`] while they change, then once with the final state. The
    /// window is told this way instead of asking over and over.
    pub fn start_watched(
        &self,
        path: &str,
        watch: impl Fn(u32, ScanState) + Send + Sync + 'static,
    ) -> Result<u32, PathBuf> {
        let path = expand_home(path);
        if !path.exists() {
            return Err(path);
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let progress = Arc::new(Progress::default());
        let result = Arc::new(Mutex::new(None));
        let (p, r) = (progress.clone(), result.clone());
        let watch = Arc::new(watch);
        // Updates go out under this lock, and none after the final one: `true` once it went.
        let finished = Arc::new(Mutex::new(false));
        {
            let (p, watch, finished) = (progress.clone(), watch.clone(), finished.clone());
            std::thread::spawn(move || {
                let mut last = None;
                loop {
                    {
                        let done = finished.lock().unwrap_or_else(PoisonError::into_inner);
                        if *done {
                            break;
                        }
                        let now = p.snapshot();
                        if last != Some(now) {
                            watch(id, ScanState::Running(now));
                            last = Some(now);
                        }
                    }
                    std::thread::sleep(UPDATE_EVERY);
                }
            });
        }
        std::thread::spawn(move || {
            let outcome = scan(zoom_catalog::catalog(), &path, &ScanOptions::default(), &p);
            let last = match &outcome {
                Ok(report) => ScanState::Done(report.clone()),
                Err(e) => ScanState::Failed(e.clone()),
            };
            *r.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
            let mut done = finished.lock().unwrap_or_else(PoisonError::into_inner);
            *done = true;
            watch(id, last);
        });
        self.jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, Job { progress, result });
        Ok(id)
    }

    /// The scan's state; `None` for an unknown id.
    pub fn state(&self, id: u32) -> Option<ScanState> {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let job = jobs.get(&id)?;
        let result = job.result.lock().unwrap_or_else(PoisonError::into_inner);
        Some(match result.as_ref() {
            None => ScanState::Running(job.progress.snapshot()),
            Some(Ok(report)) => ScanState::Done(report.clone()),
            Some(Err(e)) => ScanState::Failed(e.clone()),
        })
    }

    /// Asks a scan to stop; what was found so far is kept.
    pub fn cancel(&self, id: u32) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        jobs.get(&id).map(|j| j.progress.cancel()).is_some()
    }

    /// A finished scan, as a migration.
    pub fn migration(&self, id: u32) -> Option<Migration> {
        match self.state(id)? {
            ScanState::Done(report) => Some(Migration::new(report)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watched_scan_reports_counts_then_its_result_once_and_nothing_after() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kubernetes");
        let (tx, rx) = std::sync::mpsc::channel();
        let scans = Scans::default();
        let id = scans
            .start_watched(fixture, move |id, state| {
                let _ = tx.send((id, state));
            })
            .expect("the fixture exists");
        let mut seen = Vec::new();
        while let Ok(update) = rx.recv_timeout(std::time::Duration::from_secs(10)) {
            let done = !matches!(update.1, ScanState::Running(_));
            seen.push(update);
            if done {
                break;
            }
        }
        // Nothing follows the final update, not even a late count.
        std::thread::sleep(UPDATE_EVERY * 3);
        assert!(rx.try_recv().is_err(), "an update after the result");
        assert!(seen.iter().all(|(i, _)| *i == id));
        let Some((_, ScanState::Done(report))) = seen.last() else {
            panic!("the last update is the result: {:?}", seen.last());
        };
        assert!(
            !report.findings.is_empty(),
            "the fixture holds JWT settings"
        );
        assert!(
            matches!(scans.state(id), Some(ScanState::Done(_))),
            "and the scan still answers when asked"
        );
        assert!(scans.start_watched("/no/such/project", |_, _| {}).is_err());
    }

    #[test]
    fn undo_removes_the_report_it_saved_and_leaves_one_the_admin_rewrote() {
        let dir = tempfile::tempdir().expect("tempdir");
        let env = dir.path().join(".env");
        std::fs::write(&env, "ZOOM_JWT_API_KEY=AbCdEfGhIjKlMnOpQrStUv\nZOOM_JWT_API_SECRET=LegacySecretValue0123456789abcd\n")
            .expect("written");
        let undo_after_saving = |rewrite_html: bool| {
            let migration = Migration::scan(dir.path()).expect("scans");
            let names = NewNames::default();
            let app = NewApp::placeholders();
            let journal = migration.apply(&names, &app, Gate::Skip).expect("applied");
            migration
                .report_for(&names, &app, Some(&journal), true)
                .expect("report saved");
            let html = dir.path().join(REPORT_FILE.replace(".md", ".html"));
            if rewrite_html {
                std::fs::write(&html, "my own notes").expect("rewritten");
            }
            undo(&journal).expect("undone")
        };
        let undone = undo_after_saving(false);
        assert_eq!(
            undone.reports_removed,
            [REPORT_FILE.to_string(), REPORT_FILE.replace(".md", ".html")]
        );
        assert!(!dir.path().join(REPORT_FILE).exists());
        assert!(std::fs::read_to_string(&env)
            .expect("restored")
            .contains("ZOOM_JWT_API_KEY"));

        let kept = undo_after_saving(true);
        assert_eq!(
            kept.reports_removed,
            [REPORT_FILE.to_string()],
            "a rewritten file is the admin's"
        );
        assert!(dir
            .path()
            .join(REPORT_FILE.replace(".md", ".html"))
            .exists());
    }

    #[test]
    fn readiness_judges_the_calls_found_not_the_profiles_own_expected_scopes() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/node-app");
        let migration = Migration::scan(Path::new(fixture)).expect("the fixture scans");
        let untested = migration.readiness(None);
        assert_eq!(untested.message, "Test the new app's token first.");
        // Every scope the calls need, from a first look with none granted.
        let bare = NewAppTest {
            token_works: true,
            granted: Vec::new(),
            summary: "Token issued".into(),
            api_url: None,
        };
        let needed = migration.readiness(Some(&bare));
        assert!(!needed.ready && !needed.missing_scopes.is_empty());
        assert!(
            needed.message.contains("(for "),
            "each scope names its calls: {}",
            needed.message
        );
        // The profile expected a scope Zoom did not grant, so its test "failed" — but the token
        // came and covers every call found: ready.
        let record = TestRecord {
            at_unix: 1,
            ok: false,
            kind: Some(s2s_core::ErrorKind::MissingScope),
            summary: "Token issued; missing expected scope meeting:write:meeting:admin".into(),
            scopes: needed
                .missing_scopes
                .iter()
                .map(|s| ScopeName::from(s.as_str()))
                .collect(),
            latency_ms: Some(12),
            owner: None,
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        };
        let ready = migration.readiness(Some(&NewAppTest::of_record(&record)));
        assert!(ready.ready, "{}", ready.message);
        // No token at all: the blocker is the test's own words.
        let refused = TestRecord {
            latency_ms: None,
            kind: Some(s2s_core::ErrorKind::InvalidClient),
            summary: "Zoom rejected the Client ID or Client Secret".into(),
            scopes: Vec::new(),
            ..record
        };
        let blocked = migration.readiness(Some(&NewAppTest::of_record(&refused)));
        assert!(!blocked.ready);
        assert!(
            blocked.message.contains("Zoom rejected the Client ID"),
            "{}",
            blocked.message
        );
    }

    #[test]
    fn the_guidance_names_the_api_host_the_new_apps_token_named() {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kubernetes");
        let migration = Migration::scan(Path::new(fixture)).expect("the fixture scans");
        let tested = |api_url: &str| {
            NewApp::placeholders().tested_now(NewAppTest {
                token_works: true,
                granted: Vec::new(),
                summary: "Token issued".into(),
                api_url: Some(api_url.into()),
            })
        };
        let plan = |app: &NewApp| {
            migration
                .plan(&NewNames::default(), app)
                .expect("a plan")
                .guidance
        };
        let eu = plan(&tested("https://api-eu.zoom.us"));
        assert!(eu
            .iter()
            .all(|g| g.after.contains("else https://api-eu.zoom.us.")));
        let untested = plan(&NewApp::placeholders());
        assert!(untested
            .iter()
            .all(|g| g.after.contains("else https://api.zoom.us.")));
    }
}
