//! JWT → S2S migration: find a legacy Zoom JWT integration's settings and API calls in a file or
//! project tree, plan the Server-to-Server app it needs, and rewrite its configs atomically,
//! with backups, undo and a report. No Tauri: the app, the CLI and the tests use it alike.
//!
//! - [`scan`]: walk a tree (respecting .gitignore) in parallel, with progress and cancel.
//! - [`find`]: per file, the legacy settings ([`extract`], [`names`]), JWTs ([`jwt`]) and
//!   Zoom API calls ([`calls`]).
//! - [`rewrite`], [`apply`]: preview diffs and the all-or-nothing write with backups and undo.
//! - [`report`], [`guidance`]: the Markdown/HTML report and per-language code guidance.
//! - [`session`]: the use case the app and the CLI call: background scans, plan, readiness,
//!   apply behind the readiness gate, undo, the report saved into the project.

pub mod apply;
pub mod calls;
pub mod deploy;
pub mod disk;
pub mod extract;
pub mod find;
pub mod format;
#[cfg(fuzzing)]
pub mod fuzz;
pub mod guidance;
pub mod jwt;
pub mod mask;
pub mod names;
pub mod plan;
pub mod report;
pub mod rewrite;
pub mod scan;
pub mod session;
pub mod text;
pub mod todo;
