//! S2S Desk's Zoom domain: everything about Server-to-Server OAuth that does not need a window.
//!
//! - [`secret`]: the `Secret` newtype that keeps client secrets and access tokens out of output.
//! - [`creds`]: parse and validate what an admin pasted (account ID, client ID, client secret).
//! - [`cloud`]: which Zoom cloud a request goes to, and the rule that refuses unexpected hosts.
//! - [`scopes`], [`catalog`]: Zoom's scope model (from the `zoom-catalog` crate): parse scopes, the
//!   catalog of operations and privileges, coverage, role verdicts, what-if and drift.
//! - [`token`]: ask the token endpoint for a token and explain every outcome ([`TokenError`]).
//! - [`probe`]: one authenticated call that proves a fresh token works.
//! - [`atomic`]: replacing a file in one step on every system (Windows: while others hold it).
//! - [`display`]: untrusted text made inert for a terminal; words quoted for the user's shell.
//! - [`links`]: the only external pages the app may open (Zoom docs and Marketplace, https).
//! - [`profiles`]: saved S2S apps (no secrets) and their atomic file, import and export.
//! - [`keychain`]: the OS keychain behind a trait; the only place a client secret is stored.
//! - [`scope_report`]: a profile's scopes explained (role verdicts, risk, drift, what-if, coverage).
//! - [`http`]: the one HTTP client configuration (redirects, proxies, extra CA roots).
//! - [`logging`]: stderr logging filtered by `S2S_LOG`, shared by the app and the CLI.
//! - [`preferences`]: the app's preferences, their defaults and how a stored copy reads back.
//! - [`webhook`]: the webhook receiver test (Zoom's challenge, signed, forged and replayed events).
//! - [`tester`]: the whole "Test token" check (validate → token → probe), single-flight per app.
//!
//! This crate must never depend on Tauri: the CLI and the tests use it without a window.

pub mod api_call;
pub mod app_usage;
pub mod atomic;
pub mod clock;
pub mod cloud;
pub mod creds;
pub mod deliver;
pub mod display;
pub mod error;
#[cfg(fuzzing)]
pub mod fuzz;
pub mod http;
pub mod keychain;
pub mod links;
pub mod logging;
pub mod marketplace;
pub mod oauth_errors;
pub mod preferences;
pub mod probe;
pub mod profiles;
pub mod ratelimit;
mod redaction;
pub mod retry;
pub mod scope_report;
pub mod secret;
mod single_flight;
pub mod tester;
pub mod token;
pub mod webhook;

/// The commit this build came from (12 hex digits), or "unknown" outside a git checkout.
pub const BUILD_COMMIT: &str = env!("S2S_GIT_COMMIT");

/// "0.1.0 (commit 0123456789ab, catalog zoom-api-hub-2026-03-10 (33 products))": what
/// `s2s --version` prints after the name, so a pipeline can pin and report what it ran.
pub fn version_text() -> String {
    format!(
        "{} (commit {BUILD_COMMIT}, catalog {})",
        env!("CARGO_PKG_VERSION"),
        zoom_catalog::CATALOG_VERSION
    )
}

pub use zoom_catalog as catalog;
/// Scope parsing lives in `zoom-catalog` (shared with the simulator); re-exported under its old name.
pub use zoom_catalog::scope as scopes;

pub use cloud::{Cloud, Endpoint, EndpointError};
pub use creds::{CredentialIssue, Credentials, Field, IssueKind, RawCredentials, Severity};
pub use error::{ErrorKind, TokenError};
pub use scopes::{Level, Scope, ScopeModel};
pub use secret::Secret;
pub use tester::{TestOptions, TestReport, TokenTester};
pub use token::IssuedToken;
