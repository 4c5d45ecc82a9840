//! `IpcError`: the only error a command returns. A stable `kind` for the UI to branch on, a
//! `message` for people and an optional `hint` with the fix. Wording comes from s2s-core's
//! errors (shared with the CLI); a kind is added only when the UI branches on it.

use serde::Serialize;

/// What went wrong, for the UI to branch on. Serialized as a snake_case string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A bug or an unexpected failure; the message says what.
    Internal,
    /// A link outside Zoom's documentation and Marketplace hosts.
    LinkNotAllowed,
    /// The system browser could not be started.
    BrowserUnavailable,
}

/// An error as the front end receives it.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// Stable machine name.
    pub kind: ErrorKind,
    /// What happened, in plain words. Never contains a secret.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl IpcError {
    fn new(kind: ErrorKind, message: impl Into<String>, hint: Option<&str>) -> Self {
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
            ErrorKind::LinkNotAllowed,
            e.to_string(),
            Some("Copy the address into your browser yourself if you trust it."),
        )
    }
}

impl From<std::io::Error> for IpcError {
    fn from(e: std::io::Error) -> Self {
        Self::new(
            ErrorKind::BrowserUnavailable,
            format!("the system browser could not be opened: {e}"),
            Some("Set a default web browser for your desktop, or copy the link."),
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
            (ErrorKind::Internal, "internal"),
            (ErrorKind::LinkNotAllowed, "link_not_allowed"),
            (ErrorKind::BrowserUnavailable, "browser_unavailable"),
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
    fn a_refused_link_explains_itself() {
        let e: IpcError = s2s_core::links::check_external_url("https://example.com/")
            .expect_err("refused")
            .into();
        assert_eq!(
            serde_json::to_value(&e).expect("json")["kind"],
            "link_not_allowed"
        );
        assert!(e.message.contains("example.com"));
    }
}
