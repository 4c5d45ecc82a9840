//! Scanning a file or a project tree: parallel walk respecting .gitignore (plus env files, which
//! are git-ignored precisely because they hold secrets), binaries and dependency folders
//! skipped, a cheap byte prefilter before any parsing, live progress counts and cancel.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use aho_corasick::AhoCorasick;
use ignore::{WalkBuilder, WalkState};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zoom_catalog::coverage::{check_coverage, ScopeToAdd};
use zoom_catalog::Catalog;

use crate::calls::{find_calls, ApiCall};
use crate::find::{find_in, FileContext, Finding};
use crate::format::{is_env_name, Format, Language};
use crate::text::Text;

/// Folders that hold dependencies or build output, never the integration's own settings.
const SKIPPED_DIRS: [&str; 16] = [
    ".git",
    "node_modules",
    "vendor",
    "target",
    "dist",
    "build",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".next",
    ".nuxt",
    "bower_components",
    "Pods",
    ".gradle",
    ".s2s-desk-migration",
];

/// Bytes that any legacy setting, JWT or Zoom call must contain one of.
const MARKERS: [&str; 9] = [
    "zoom",
    "apikey",
    "api_key",
    "api-key",
    "api.key",
    "apisecret",
    "api_secret",
    "jwt",
    "eyj",
];

/// How to scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Larger files are skipped (counted).
    pub max_file_bytes: u64,
    /// Walker threads (0: one per core).
    pub threads: usize,
    /// Now, for JWT expiry.
    pub now_unix: i64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            threads: 0,
            now_unix: s2s_core::clock::now_unix(),
        }
    }
}

/// Live counts a UI can poll while a scan runs, and its cancel switch.
#[derive(Debug, Default)]
pub struct Progress {
    files_seen: AtomicU64,
    files_scanned: AtomicU64,
    bytes_scanned: AtomicU64,
    findings: AtomicU64,
    cancelled: AtomicBool,
}

/// A moment's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressSnapshot {
    /// Files the walk reached.
    pub files_seen: u64,
    /// Files read and searched.
    pub files_scanned: u64,
    /// Bytes searched.
    pub bytes_scanned: u64,
    /// Legacy credentials found so far.
    pub findings: u64,
}

impl Progress {
    /// Asks the scan to stop as soon as it can; the report then says it was cancelled.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The counts now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            files_seen: self.files_seen.load(Ordering::Relaxed),
            files_scanned: self.files_scanned.load(Ordering::Relaxed),
            bytes_scanned: self.bytes_scanned.load(Ordering::Relaxed),
            findings: self.findings.load(Ordering::Relaxed),
        }
    }
}

/// A config file the rewrite may change, fingerprinted so a later apply can refuse a file that
/// changed since the scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConfigFile {
    /// Relative path.
    pub file: String,
    /// Its format.
    pub format: Format,
    /// SHA-256 of its bytes at scan time.
    pub sha256: String,
}

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScanReport {
    /// The scanned folder (for a single file, its folder).
    pub root: String,
    /// Counts.
    pub progress: ProgressSnapshot,
    /// Binary files skipped.
    pub skipped_binary: u64,
    /// Files over the size limit skipped.
    pub skipped_large: u64,
    /// Legacy credentials, by file then line.
    pub findings: Vec<Finding>,
    /// Zoom API calls found in code.
    pub calls: Vec<ApiCall>,
    /// Languages of the files with findings or calls.
    pub languages: Vec<Language>,
    /// The recognised calls, once each, as "Will my integration work?" and `s2s check
    /// --from-scan` take them (`METHOD /path`).
    #[serde(default)]
    pub call_lines: Vec<String>,
    /// The fewest scopes covering every recognised call (granular preferred).
    pub scopes: Vec<ScopeToAdd>,
    /// Config files the migration would rewrite.
    pub config_files: Vec<ConfigFile>,
    /// The root is inside a git work tree (so "committed to git" flags are meaningful).
    pub git_repository: bool,
    /// Stopped early by cancel: the lists are partial.
    pub cancelled: bool,
    /// Wall time.
    pub duration_ms: u64,
}

/// Why a scan could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "path", rename_all = "snake_case")]
pub enum ScanError {
    /// Nothing at that path.
    #[error("nothing at {0}: choose an existing file or folder")]
    NotFound(String),
}

struct FileResult {
    file: String,
    format: Format,
    findings: Vec<Finding>,
    calls: Vec<ApiCall>,
    sha256: Option<String>,
}

#[derive(Default)]
struct Skips {
    binary: AtomicU64,
    large: AtomicU64,
}

/// Scans `path` (a file or a folder).
pub fn scan(
    catalog: &Catalog,
    path: &Path,
    options: &ScanOptions,
    progress: &Progress,
) -> Result<ScanReport, ScanError> {
    let started = Instant::now();
    let meta =
        std::fs::metadata(path).map_err(|_| ScanError::NotFound(path.display().to_string()))?;
    let root: PathBuf = if meta.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let tracked = git_tracked(&root);
    let results = Mutex::new(Vec::new());
    let skips = Skips::default();
    let scanned: Mutex<HashSet<PathBuf>> = Mutex::new(HashSet::new());
    let visit = |file: &Path, git_ignored: bool| {
        let rel = relative(&root, file);
        let ctx = FileContext {
            git_tracked: tracked.as_ref().map(|t| t.contains(&rel)),
            git_ignored,
            now_unix: options.now_unix,
        };
        if let Some(result) = scan_file(catalog, file, rel, ctx, options, progress, &skips) {
            results
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(result);
        }
    };
    if meta.is_dir() {
        walker(&root, true)
            .threads(options.threads)
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    if progress.is_cancelled() {
                        return WalkState::Quit;
                    }
                    if let Ok(e) = entry {
                        if e.file_type().is_some_and(|t| t.is_file()) {
                            scanned
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .insert(e.path().to_path_buf());
                            visit(e.path(), false);
                        }
                    }
                    WalkState::Continue
                })
            });
        // Env files git ignores: the settings most likely to hold the live secret.
        let seen = scanned.into_inner().unwrap_or_else(PoisonError::into_inner);
        for entry in walker(&root, false).build().flatten() {
            if progress.is_cancelled() {
                break;
            }
            let p = entry.path();
            let env = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| is_env_name(&n.to_ascii_lowercase()));
            if env && entry.file_type().is_some_and(|t| t.is_file()) && !seen.contains(p) {
                visit(p, true);
            }
        }
    } else {
        visit(path, false);
    }
    let mut results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
    results.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report(
        catalog,
        &root,
        results,
        tracked.is_some(),
        &skips,
        progress,
        started,
    ))
}

pub(crate) fn walker(root: &Path, respect_gitignore: bool) -> WalkBuilder {
    let mut b = WalkBuilder::new(root);
    b.hidden(false)
        .git_ignore(respect_gitignore)
        .git_exclude(respect_gitignore)
        .ignore(respect_gitignore)
        .git_global(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
        });
    b
}

fn markers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(MARKERS)
            .expect("literal markers build (tested)")
    })
}

fn scan_file(
    catalog: &Catalog,
    path: &Path,
    rel: String,
    ctx: FileContext,
    options: &ScanOptions,
    progress: &Progress,
    skips: &Skips,
) -> Option<FileResult> {
    progress.files_seen.fetch_add(1, Ordering::Relaxed);
    let len = std::fs::metadata(path).ok()?.len();
    if len > options.max_file_bytes {
        skips.large.fetch_add(1, Ordering::Relaxed);
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    progress.files_scanned.fetch_add(1, Ordering::Relaxed);
    progress
        .bytes_scanned
        .fetch_add(bytes.len() as u64, Ordering::Relaxed);
    if bytes[..bytes.len().min(8192)].contains(&0) {
        skips.binary.fetch_add(1, Ordering::Relaxed);
        return None;
    }
    if !markers().is_match(&bytes) {
        return None;
    }
    let text = Text::from_bytes(&bytes)?;
    let format = Format::of(path);
    let findings = find_in(&rel, &text, format, ctx);
    let calls = if matches!(format, Format::Code(_) | Format::Text | Format::Shell) {
        find_calls(catalog, &rel, &text)
    } else {
        Vec::new()
    };
    if findings.is_empty() && calls.is_empty() {
        return None;
    }
    progress
        .findings
        .fetch_add(findings.len() as u64, Ordering::Relaxed);
    let sha256 = findings
        .iter()
        .any(|f| f.rewritable)
        .then(|| sha256_hex(&bytes));
    Some(FileResult {
        file: rel,
        format,
        findings,
        calls,
        sha256,
    })
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `root`-relative path with `/` separators.
pub fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files git tracks under `root` (relative to it); `None` outside a work tree or without git.
///
/// The scanned project is not trusted, and git obeys the repository's own `.git/config`: a
/// `core.fsmonitor` command there would run as soon as git reads the index. So git runs with
/// every setting that can start a program overridden from the command line (which wins over
/// any config file), no system or global config, no inherited `GIT_*` variables, no pager and
/// no optional index writes.
fn git_tracked(root: &Path) -> Option<HashSet<String>> {
    let out = hardened_git(root).args(["ls-files", "-z"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        out.stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
    )
}

/// `git -C root` that no config in (or above) `root` can make run anything.
fn hardened_git(root: &Path) -> Command {
    const NO_FILE: &str = if cfg!(windows) { "NUL" } else { "/dev/null" };
    let mut git = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            git.env_remove(name);
        }
    }
    git.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", NO_FILE)
        .env("GIT_PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .arg("--no-pager")
        .args(["-c", "core.fsmonitor=false"])
        .args(["-c", &format!("core.hooksPath={NO_FILE}")])
        .args(["-c", "core.untrackedCache=false"])
        .args(["-c", "core.pager=cat"])
        .args(["-c", "core.sshCommand=false"])
        .args(["-c", "diff.external="])
        .args(["-c", "protocol.allow=never"])
        .arg("-C")
        .arg(root)
        .stdin(std::process::Stdio::null());
    git
}

fn report(
    catalog: &Catalog,
    root: &Path,
    results: Vec<FileResult>,
    git_repository: bool,
    skips: &Skips,
    progress: &Progress,
    started: Instant,
) -> ScanReport {
    let mut languages = BTreeSet::new();
    let mut findings = Vec::new();
    let mut calls = Vec::new();
    let mut config_files = Vec::new();
    for r in results {
        if let Format::Code(language) = r.format {
            languages.insert(language);
        }
        if let Some(sha256) = r.sha256 {
            config_files.push(ConfigFile {
                file: r.file.clone(),
                format: r.format,
                sha256,
            });
        }
        findings.extend(r.findings);
        calls.extend(r.calls);
    }
    let mut recognised: Vec<&str> = calls
        .iter()
        .filter(|c| c.operation.is_some())
        .map(|c| c.call.as_str())
        .collect();
    recognised.sort_unstable();
    recognised.dedup();
    let scopes = check_coverage::<&str, _>(catalog, &[], &recognised).to_add;
    let call_lines = recognised.into_iter().map(str::to_string).collect();
    ScanReport {
        root: root.display().to_string(),
        progress: progress.snapshot(),
        skipped_binary: skips.binary.load(Ordering::Relaxed),
        skipped_large: skips.large.load(Ordering::Relaxed),
        findings,
        calls,
        languages: languages.into_iter().collect(),
        call_lines,
        scopes,
        config_files,
        git_repository,
        cancelled: progress.is_cancelled(),
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}
