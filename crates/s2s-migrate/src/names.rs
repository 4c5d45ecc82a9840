//! Which variable names hold legacy Zoom JWT-app settings: `ZOOM_API_KEY`, `zoom_api_secret`,
//! `ZOOM_JWT_API_KEY`, `zoomJwtToken`, `apiKey`… (FACTS.md "Legacy JWT apps"), and the
//! deprecated webhook Verification Token (`ZOOM_VERIFICATION_TOKEN`, `verificationToken`;
//! FACTS.md "Webhooks"). SDK keys (Meeting/Video SDK), OAuth client settings and the webhook
//! Secret Token are different things.

use serde::{Deserialize, Serialize};

/// What a legacy setting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LegacyKind {
    /// The JWT app's API Key (the JWT's `iss`).
    ApiKey,
    /// The JWT app's API Secret (signs the JWT).
    ApiSecret,
    /// A pre-made JWT token.
    JwtToken,
    /// The webhook Verification Token (sent as the `authorization` header; deprecated: verify
    /// `x-zm-signature` with the Secret Token instead).
    VerificationToken,
}

impl LegacyKind {
    /// Every kind, in the order the screens list them.
    pub const ALL: [LegacyKind; 4] = [
        LegacyKind::ApiKey,
        LegacyKind::ApiSecret,
        LegacyKind::JwtToken,
        LegacyKind::VerificationToken,
    ];

    /// What the app, the CLI and the report call it.
    pub fn label(self) -> &'static str {
        match self {
            LegacyKind::ApiKey => "API key",
            LegacyKind::ApiSecret => "API secret",
            LegacyKind::JwtToken => "JWT token",
            LegacyKind::VerificationToken => "webhook Verification Token (deprecated)",
        }
    }
}

/// The setting that replaces a Verification Token.
pub const WEBHOOK_SECRET_TOKEN_NAME: &str = "ZOOM_WEBHOOK_SECRET_TOKEN";

/// A recognised name: its kind, and whether the name itself says "zoom".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// Key, secret or token.
    pub kind: LegacyKind,
    /// `ZOOM_API_KEY` (true) rather than a generic `apiKey` (false, needs Zoom context).
    pub names_zoom: bool,
}

/// Classifies a variable or key name; `None` when it is not a legacy JWT setting.
pub fn classify(name: &str) -> Option<NameMatch> {
    if name.len() > 80 {
        return None;
    }
    let n: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if n.contains("verificationtoken") {
        return Some(NameMatch {
            kind: LegacyKind::VerificationToken,
            names_zoom: n.contains("zoom"),
        });
    }
    const NOT_JWT_APP: [&str; 7] = [
        "sdk",
        "client",
        "webhook",
        "verification",
        "oauth",
        "refresh",
        "account",
    ];
    if NOT_JWT_APP.iter().any(|w| n.contains(w)) {
        return None;
    }
    let names_zoom = n.contains("zoom");
    let kind = if n.ends_with("apikey") || n.ends_with("jwtkey") {
        LegacyKind::ApiKey
    } else if n.ends_with("apisecret") || n.ends_with("jwtsecret") {
        LegacyKind::ApiSecret
    } else if n.ends_with("jwttoken") || n.ends_with("jwt") || (names_zoom && n.ends_with("token"))
    {
        LegacyKind::JwtToken
    } else {
        return None;
    };
    Some(NameMatch { kind, names_zoom })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_names_in_every_spelling() {
        let cases = [
            ("ZOOM_API_KEY", Some((LegacyKind::ApiKey, true))),
            ("zoom_api_secret", Some((LegacyKind::ApiSecret, true))),
            ("ZOOM_JWT_API_KEY", Some((LegacyKind::ApiKey, true))),
            ("ZOOM_JWT_API_SECRET", Some((LegacyKind::ApiSecret, true))),
            ("ZOOM_JWT_TOKEN", Some((LegacyKind::JwtToken, true))),
            ("zoomJwtToken", Some((LegacyKind::JwtToken, true))),
            ("zoom.api.key", Some((LegacyKind::ApiKey, true))),
            ("apiKey", Some((LegacyKind::ApiKey, false))),
            ("apiSecret", Some((LegacyKind::ApiSecret, false))),
            ("ZOOM_SDK_KEY", None),
            ("ZOOM_CLIENT_SECRET", None),
            ("ZOOM_ACCOUNT_ID", None),
            ("ZOOM_WEBHOOK_SECRET_TOKEN", None),
            (
                "ZOOM_VERIFICATION_TOKEN",
                Some((LegacyKind::VerificationToken, true)),
            ),
            (
                "ZOOM_WEBHOOK_VERIFICATION_TOKEN",
                Some((LegacyKind::VerificationToken, true)),
            ),
            (
                "verificationToken",
                Some((LegacyKind::VerificationToken, false)),
            ),
            ("DATABASE_URL", None),
        ];
        for (name, expected) in cases {
            assert_eq!(
                classify(name).map(|m| (m.kind, m.names_zoom)),
                expected,
                "{name}"
            );
        }
    }
}
