//! `IpcError`: the only error a command returns. A stable `kind` for the UI to branch on, a
//! `message` for people and an optional `hint` with the fix. Wording comes from s2s-core's
//! errors (shared with the CLI); a kind is added only when the UI branches on it.

use s2s_core::keychain::SecretStoreError;
use s2s_core::profiles::export::ImportError;
use s2s_core::profiles::service::ServiceError;
use s2s_core::profiles::ProfileError;
use s2s_core::EndpointError;
use serde::Serialize;

/// What the UI does about an error. Serialized as a snake_case string. A kind exists only where
/// the UI branches; everything else is `failed`, shown with its message and hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IpcErrorKind {
    /// Shown as it is: what happened and what to do.
    Failed,
    /// No usable OS keychain (not running, no session bus, locked): the UI shows keychain help.
    KeychainUnavailable,
    /// The profile no longer exists (deleted in another window, or by the CLI): the UI offers the
    /// way back to the list.
    ProfileNotFound,
    /// Nothing at the path to scan: the UI marks the path field.
    PathNotFound,
}

/// An error as the front end receives it.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// Stable machine name.
    pub kind: IpcErrorKind,
    /// What happened, in plain words. Never contains a secret.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl IpcError {
    fn new(kind: IpcErrorKind, message: impl Into<String>, hint: Option<&str>) -> Self {
        Self {
            kind,
            message: message.into(),
            hint: hint.map(String::from),
        }
    }
}

impl From<s2s_core::links::LinkError> for IpcError {
    fn from(e: s2s_core::links::LinkError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("Copy the address into your browser yourself if you trust it."),
        )
    }
}

impl From<s2s_core::profiles::try_call::TryCallError> for IpcError {
    fn from(e: s2s_core::profiles::try_call::TryCallError) -> Self {
        use s2s_core::profiles::try_call::TryCallError;
        let message = e.to_string();
        match e {
            TryCallError::Service(e) => e.into(),
            TryCallError::NeedsConfirmation(_) => Self::new(
                IpcErrorKind::Failed,
                message,
                Some("Tick the confirmation: the call will really change the account."),
            ),
            TryCallError::Path(_) => Self::new(
                IpcErrorKind::Failed,
                message,
                Some("Pick an operation from the list, or type a path such as /users/me."),
            ),
        }
    }
}

impl From<s2s_core::profiles::rotation::RotationError> for IpcError {
    fn from(e: s2s_core::profiles::rotation::RotationError) -> Self {
        use s2s_core::profiles::rotation::RotationError;
        match e {
            RotationError::Service(e) => e.into(),
            other => Self::new(
                IpcErrorKind::Failed,
                other.to_string(),
                Some(&other.advice()),
            ),
        }
    }
}

impl From<s2s_core::profiles::webhook_receiver::ReceiverRunError> for IpcError {
    fn from(e: s2s_core::profiles::webhook_receiver::ReceiverRunError) -> Self {
        use s2s_core::profiles::webhook_receiver::ReceiverRunError;
        match e {
            ReceiverRunError::Refused(refused) => Self::from_receiver_test(&refused),
            ReceiverRunError::Service(service) => service.into(),
        }
    }
}

impl From<ServiceError> for IpcError {
    fn from(e: ServiceError) -> Self {
        let kind = match &e {
            ServiceError::Profile(ProfileError::NotFound(_)) => IpcErrorKind::ProfileNotFound,
            ServiceError::Keychain(
                SecretStoreError::Unavailable(_) | SecretStoreError::Denied(_),
            ) => IpcErrorKind::KeychainUnavailable,
            _ => IpcErrorKind::Failed,
        };
        Self::new(kind, e.to_string(), Some(e.advice()))
    }
}

impl From<s2s_core::deliver::CommandLineError> for IpcError {
    fn from(e: s2s_core::deliver::CommandLineError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("Write the command as you would in a shell: the program, then its arguments."),
        )
    }
}

impl IpcError {
    /// Work handed to a background thread ended without an answer (it panicked).
    pub fn background_work_lost(what: &str) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            format!("{what} stopped unexpectedly"),
            Some("Try again; if it happens again, restart S2S Desk."),
        )
    }

    /// A what-if without a role to start from.
    pub fn role_unknown() -> Self {
        Self::new(
            IpcErrorKind::Failed,
            "the owner's role is unknown: the last test could not read it",
            Some("Pick the owner's role (Owner, Admin, Member or custom) or paste it from Zoom's Roles API."),
        )
    }
}

impl IpcError {
    /// Nothing at the path to scan.
    pub fn path_not_found(path: &std::path::Path) -> Self {
        Self::new(
            IpcErrorKind::PathNotFound,
            format!("nothing at {}", path.display()),
            Some("Paste the full path of the project folder or config file (~/ works)."),
        )
    }

    /// An unknown or unfinished scan.
    pub fn scan_unavailable() -> Self {
        Self::new(
            IpcErrorKind::Failed,
            "that scan is not available (still running, or from before a restart)",
            Some("Scan the project again."),
        )
    }
}

impl From<s2s_migrate::session::MigrationError> for IpcError {
    fn from(e: s2s_migrate::session::MigrationError) -> Self {
        use s2s_migrate::session::MigrationError as E;
        let hint = match &e {
            E::Invalid(_) => None,
            E::NotReady(_) => Some("Test the new app's token; the configs are written once it works and covers the calls found."),
            E::Apply(_) => Some("Fix the cause and try again; the message says where each file stands."),
            E::ReportNotSaved { .. } => Some("Check the project folder is writable; the report is still shown here."),
        };
        Self::new(IpcErrorKind::Failed, e.to_string(), hint)
    }
}

impl From<s2s_core::scope_report::WhatIfError> for IpcError {
    fn from(e: s2s_core::scope_report::WhatIfError) -> Self {
        match e {
            s2s_core::scope_report::WhatIfError::RoleJson(j) => j.into(),
            s2s_core::scope_report::WhatIfError::RoleUnknown => IpcError::role_unknown(),
        }
    }
}

impl From<s2s_core::catalog::limits::LimitsError> for IpcError {
    fn from(e: s2s_core::catalog::limits::LimitsError) -> Self {
        Self::new(IpcErrorKind::Failed, e.to_string(), Some(e.advice()))
    }
}

impl From<s2s_core::scope_report::NoCalls> for IpcError {
    fn from(e: s2s_core::scope_report::NoCalls) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("Name at least one call, one a line: e.g. GET /users/{userId}."),
        )
    }
}

impl From<s2s_core::catalog::roles::RoleJsonError> for IpcError {
    fn from(e: s2s_core::catalog::roles::RoleJsonError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("In Zoom, call GET /v2/roles/{roleId} (or open the role) and paste the whole JSON answer."),
        )
    }
}

impl From<ImportError> for IpcError {
    fn from(e: ImportError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("Import a file made with S2S Desk's Export; enter the secret yourself."),
        )
    }
}

impl From<EndpointError> for IpcError {
    fn from(e: EndpointError) -> Self {
        Self::new(IpcErrorKind::Failed, e.to_string(), None)
    }
}

impl IpcError {
    /// The Sandbox refused a change (an unknown user, role or app).
    pub fn sandbox_refused(why: &str) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            format!("the Sandbox refused the change: {why}"),
            Some("Reload the Sandbox panel; if it keeps happening, reset the Sandbox."),
        )
    }

    /// A file the admin chose could not be written.
    pub fn file_not_written(path: &str, e: &std::io::Error) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            format!("could not save {path}: {e}"),
            Some("Choose a folder you can write to, with space left."),
        )
    }

    /// A receiver test that could not start (nothing was sent).
    pub fn from_receiver_test(e: &s2s_core::webhook::ReceiverTestError) -> Self {
        Self::new(IpcErrorKind::Failed, e.to_string(), Some(&e.advice()))
    }

    /// The HTTP client could not be built from the network preferences.
    pub fn network_settings(e: &s2s_core::TokenError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.to_string(),
            Some("Check the proxy and CA bundle in Settings → Preferences."),
        )
    }

    /// The native file dialog could not be shown.
    pub fn dialog_unavailable(e: &str) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            format!("the file dialog could not be opened: {e}"),
            Some("Type or paste the path instead."),
        )
    }

    /// The system browser could not be started.
    pub fn browser_unavailable(e: &std::io::Error) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            format!("the system browser could not be opened: {e}"),
            Some("Set a default web browser for your desktop, or copy the link."),
        )
    }
}

impl From<s2s_core::preferences::PreferenceError> for IpcError {
    fn from(e: s2s_core::preferences::PreferenceError) -> Self {
        Self::new(
            IpcErrorKind::Failed,
            e.sentence(),
            Some("Nothing was changed; correct the value and save again."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The wire contract: the front end depends on these exact shapes.
    #[test]
    fn every_kind_serializes_to_its_stable_json() {
        let cases = [
            (IpcErrorKind::Failed, "failed"),
            (IpcErrorKind::KeychainUnavailable, "keychain_unavailable"),
            (IpcErrorKind::ProfileNotFound, "profile_not_found"),
            (IpcErrorKind::PathNotFound, "path_not_found"),
        ];
        for (kind, name) in cases {
            let e = IpcError::new(kind, "m", Some("h"));
            assert_eq!(
                serde_json::to_value(&e).expect("json"),
                json!({"kind": name, "message": "m", "hint": "h"})
            );
        }
    }

    #[test]
    fn a_missing_keychain_says_what_to_do() {
        let e: IpcError =
            ServiceError::Keychain(SecretStoreError::Unavailable("no bus".into())).into();
        assert_eq!(e.kind, IpcErrorKind::KeychainUnavailable);
        assert!(e.hint.as_deref().unwrap_or_default().contains("keyring"));
    }

    #[test]
    fn a_refused_link_explains_itself() {
        let e: IpcError = s2s_core::links::check_external_url("https://example.com/")
            .expect_err("refused")
            .into();
        assert_eq!(serde_json::to_value(&e).expect("json")["kind"], "failed");
        assert!(e.message.contains("example.com"));
    }
}
