//! The app's preferences: what they are, their defaults and limits, and how a stored copy is
//! read back. Storage is the shell's (tauri-plugin-store, one key per preference); this module
//! decides what a stored value means, so a bad or missing value falls back to its default with
//! a note instead of blocking start-up. Profiles are not preferences: they live in the
//! profiles file.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::http::{NetworkSettings, ProxyChoice};
use crate::profiles::{ProfileCloud, HISTORY_LIMIT};

/// Shortest and longest deadline for one test.
pub const TIMEOUT_RANGE_SECS: std::ops::RangeInclusive<u32> = 5..=120;

/// Colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Which proxy requests to Zoom use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProxyMode {
    /// The environment's (`HTTPS_PROXY`, `NO_PROXY`…).
    #[default]
    System,
    /// None: straight to Zoom.
    None,
    /// The URL in `proxy_url`.
    Custom,
}

/// Where the window was, to put it back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WindowGeometry {
    /// Left edge, physical pixels.
    pub x: i32,
    /// Top edge, physical pixels.
    pub y: i32,
    /// Inner width, logical pixels.
    pub width: u32,
    /// Inner height, logical pixels.
    pub height: u32,
    /// Whether it was maximized.
    pub maximized: bool,
}

/// Every preference. Stored one key per field, so one bad value costs only itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preferences {
    /// Light, dark, or the system's.
    pub theme: Theme,
    /// The cloud a new profile starts on.
    pub default_cloud: ProfileCloud,
    /// Deadline for one test, in seconds ([`TIMEOUT_RANGE_SECS`]).
    pub request_timeout_secs: u32,
    /// Which proxy.
    pub proxy: ProxyMode,
    /// The proxy, when `proxy` is custom (`http://proxy.example:3128`).
    pub proxy_url: String,
    /// Extra root certificates (PEM) to trust, e.g. a TLS-inspecting proxy's CA.
    pub ca_bundle: Option<String>,
    /// How many tests each profile keeps (1 to 50).
    pub history_retention: u32,
    /// Re-test every profile when the app starts, to refresh the overview's badges.
    pub background_retest: bool,
    /// The window as it was last closed.
    pub window: Option<WindowGeometry>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            default_cloud: ProfileCloud::Commercial,
            request_timeout_secs: crate::tester::DEFAULT_TIMEOUT.as_secs() as u32,
            proxy: ProxyMode::System,
            proxy_url: String::new(),
            ca_bundle: None,
            history_retention: HISTORY_LIMIT as u32,
            background_retest: false,
            window: None,
        }
    }
}

/// Why preferences were refused; nothing was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreferenceError {
    /// The timeout is out of range.
    #[error("the request timeout must be between {} and {} seconds", TIMEOUT_RANGE_SECS.start(), TIMEOUT_RANGE_SECS.end())]
    Timeout,
    /// The retention is out of range.
    #[error("history retention must be between 1 and {HISTORY_LIMIT} tests")]
    Retention,
    /// A custom proxy needs a usable URL (shown without any user name or password in it).
    #[error("the proxy '{}' is not a URL S2S Desk can use; write it as http://host:port, https://host:port or socks5://host:port", without_userinfo(.0))]
    ProxyUrl(String),
    /// The preferences file is plain text: no password goes into it.
    #[error("the proxy URL holds a user name or password, and preferences are stored in plain text: leave them out of the URL. For a proxy that asks for a password, choose the system proxy and start S2S Desk with HTTPS_PROXY=http://user:password@host:port in its environment")]
    ProxyCredentials,
    /// The network settings could not be used (e.g. the CA bundle).
    #[error(transparent)]
    Network(#[from] crate::http::NetworkSettingsError),
}

/// A preference the admin sets in a field of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PreferenceField {
    /// `request_timeout_secs`.
    RequestTimeout,
    /// `history_retention`.
    HistoryRetention,
    /// `proxy_url`.
    ProxyUrl,
    /// `ca_bundle`.
    CaBundle,
}

/// What is wrong with one field's value, in a sentence, while the admin edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreferenceProblem {
    /// The field.
    pub field: PreferenceField,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl PreferenceError {
    /// The field whose value this is about, if one.
    pub fn field(&self) -> Option<PreferenceField> {
        match self {
            PreferenceError::Timeout => Some(PreferenceField::RequestTimeout),
            PreferenceError::Retention => Some(PreferenceField::HistoryRetention),
            PreferenceError::ProxyUrl(_) | PreferenceError::ProxyCredentials => {
                Some(PreferenceField::ProxyUrl)
            }
            PreferenceError::Network(crate::http::NetworkSettingsError::Client(_)) => None,
            PreferenceError::Network(_) => Some(PreferenceField::CaBundle),
        }
    }

    /// The error as a sentence: capitalised, with a full stop.
    pub fn sentence(&self) -> String {
        let text = self.to_string();
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    }
}

impl Preferences {
    /// Every field's problem at once, each checked on its own, so the form shows each beside
    /// its field (the CA bundle is read, as saving would).
    pub fn problems(&self) -> Vec<PreferenceProblem> {
        let timeout = (!TIMEOUT_RANGE_SECS.contains(&self.request_timeout_secs))
            .then_some(PreferenceError::Timeout);
        let retention = (!(1..=HISTORY_LIMIT as u32).contains(&self.history_retention))
            .then_some(PreferenceError::Retention);
        let proxy = if has_userinfo(&self.proxy_url) {
            Some(PreferenceError::ProxyCredentials)
        } else if self.proxy == ProxyMode::Custom {
            proxy_url(&self.proxy_url).err()
        } else {
            None
        };
        let ca = self
            .ca_bundle
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .and_then(|p| crate::http::ca_bundle(std::path::Path::new(p)).err())
            .map(PreferenceError::Network);
        [timeout, retention, proxy, ca]
            .into_iter()
            .flatten()
            .filter_map(|e| {
                Some(PreferenceProblem {
                    field: e.field()?,
                    message: e.sentence(),
                })
            })
            .collect()
    }

    /// Checks the values a person sets (the network settings are checked by using them).
    pub fn validate(&self) -> Result<(), PreferenceError> {
        if !TIMEOUT_RANGE_SECS.contains(&self.request_timeout_secs) {
            return Err(PreferenceError::Timeout);
        }
        if !(1..=HISTORY_LIMIT as u32).contains(&self.history_retention) {
            return Err(PreferenceError::Retention);
        }
        // Whatever the proxy mode: the URL is stored either way.
        if has_userinfo(&self.proxy_url) {
            return Err(PreferenceError::ProxyCredentials);
        }
        self.network().map(|_| ())
    }

    /// The network settings these preferences describe.
    pub fn network(&self) -> Result<NetworkSettings, PreferenceError> {
        let proxy = match self.proxy {
            ProxyMode::System => ProxyChoice::System,
            ProxyMode::None => ProxyChoice::Direct,
            ProxyMode::Custom => ProxyChoice::Custom(proxy_url(&self.proxy_url)?),
        };
        let ca_bundle = self
            .ca_bundle
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from);
        Ok(NetworkSettings { proxy, ca_bundle })
    }

    /// The deadline for one test.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(u64::from(self.request_timeout_secs))
    }

    /// One stored value per preference, by field name.
    pub fn to_entries(&self) -> BTreeMap<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => BTreeMap::new(),
        }
    }

    /// Preferences from stored values: a missing value is its default; a value that is
    /// unreadable or out of range is its default too, and named in the returned notes.
    pub fn from_entries(
        entries: &BTreeMap<String, serde_json::Value>,
    ) -> (Preferences, Vec<String>) {
        let mut merged = Preferences::default().to_entries();
        let mut notes = Vec::new();
        for (key, value) in entries {
            if !merged.contains_key(key) {
                continue; // from a newer or older version; ignored
            }
            let mut candidate = merged.clone();
            candidate.insert(key.clone(), value.clone());
            let readable = serde_json::from_value::<Preferences>(serde_json::Value::Object(
                candidate.clone().into_iter().collect(),
            ));
            match readable {
                Ok(p) if p.validate_ranges() => merged = candidate,
                _ => notes.push(key.clone()),
            }
        }
        let preferences =
            serde_json::from_value(serde_json::Value::Object(merged.into_iter().collect()))
                .unwrap_or_default();
        (preferences, notes)
    }

    /// Whether the numbers are in range (what a stored copy must satisfy to be used).
    fn validate_ranges(&self) -> bool {
        !matches!(
            self.validate(),
            Err(PreferenceError::Timeout
                | PreferenceError::Retention
                | PreferenceError::ProxyCredentials)
        )
    }
}

/// Whether a proxy URL carries a user name or password (`scheme://user:pass@host`).
fn has_userinfo(text: &str) -> bool {
    let text = text.trim();
    match url::Url::parse(text) {
        Ok(url) => !url.username().is_empty() || url.password().is_some(),
        // Unparsable: anything before an `@` in the authority may be a credential.
        Err(_) => authority(text).contains('@'),
    }
}

/// The authority part of a URL-ish text (after `scheme://`, before the path).
fn authority(text: &str) -> &str {
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

/// `text` with whatever stands before an `@` in its authority replaced by `…`, so an error
/// never repeats a proxy password.
fn without_userinfo(text: &str) -> String {
    let auth = authority(text);
    match auth.rfind('@') {
        Some(at) => text.replacen(&auth[..at], "…", 1),
        None => text.to_string(),
    }
}

fn proxy_url(text: &str) -> Result<url::Url, PreferenceError> {
    let refused = || PreferenceError::ProxyUrl(text.trim().to_string());
    let url = url::Url::parse(text.trim()).map_err(|_| refused())?;
    let usable = matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h")
        && url.host_str().is_some_and(|h| !h.is_empty());
    if usable {
        Ok(url)
    } else {
        Err(refused())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_fields_problem_is_a_sentence_beside_that_field_and_a_good_form_has_none() {
        assert_eq!(Preferences::default().problems(), []);
        let dir = tempfile::tempdir().expect("tempdir");
        let not_pem = dir.path().join("ca.txt");
        std::fs::write(&not_pem, "just text").expect("written");
        let bad = Preferences {
            request_timeout_secs: 0,
            history_retention: 0,
            proxy: ProxyMode::Custom,
            proxy_url: "not a url".into(),
            ca_bundle: Some(not_pem.display().to_string()),
            ..Preferences::default()
        };
        let problems = bad.problems();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                PreferenceField::RequestTimeout,
                PreferenceField::HistoryRetention,
                PreferenceField::ProxyUrl,
                PreferenceField::CaBundle
            ]
        );
        for problem in &problems {
            let first = problem.message.chars().next().expect("text");
            assert!(
                first.is_uppercase() && problem.message.ends_with('.'),
                "{}",
                problem.message
            );
        }
        // A proxy URL is judged only when a custom proxy is chosen (a password, always).
        let system = Preferences {
            proxy: ProxyMode::System,
            proxy_url: "not a url".into(),
            ..Preferences::default()
        };
        assert_eq!(system.problems(), []);
    }

    #[test]
    fn a_proxy_password_is_refused_never_stored_and_never_repeated() {
        for url in [
            "http://alice:hunter2@proxy.example:3128",
            "socks5://alice@proxy.example:1080",
        ] {
            for proxy in [ProxyMode::Custom, ProxyMode::System] {
                let p = Preferences {
                    proxy,
                    proxy_url: url.into(),
                    ..Preferences::default()
                };
                let e = p.validate().expect_err("refused");
                assert_eq!(e, PreferenceError::ProxyCredentials);
                assert!(
                    !e.to_string().contains("hunter2") && !e.to_string().contains("alice"),
                    "{e}"
                );
            }
        }
        let unusable = PreferenceError::ProxyUrl("ftp://alice:hunter2@x".into()).to_string();
        assert!(
            !unusable.contains("hunter2") && !unusable.contains("alice"),
            "{unusable}"
        );
        // A stored copy with a password is not taken up: it reads as the default (no proxy URL).
        let stored = entries(&[(
            "proxy_url",
            json!("http://alice:hunter2@proxy.example:3128"),
        )]);
        let (read, unreadable) = Preferences::from_entries(&stored);
        assert_eq!(read.proxy_url, "");
        assert_eq!(unreadable, ["proxy_url"]);
    }

    fn entries(pairs: &[(&str, serde_json::Value)]) -> BTreeMap<String, serde_json::Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn nothing_stored_means_every_default_and_no_note() {
        assert_eq!(
            Preferences::from_entries(&BTreeMap::new()),
            (Preferences::default(), vec![])
        );
        let d = Preferences::default();
        assert_eq!(
            (
                d.theme,
                d.request_timeout_secs,
                d.history_retention,
                d.background_retest
            ),
            (Theme::System, 20, 50, false)
        );
    }

    #[test]
    fn what_was_stored_reads_back() {
        let mut chosen = Preferences {
            theme: Theme::Dark,
            proxy: ProxyMode::Custom,
            proxy_url: "http://proxy.example:3128".into(),
            background_retest: true,
            ..Preferences::default()
        };
        chosen.window = Some(WindowGeometry {
            x: 10,
            y: 20,
            width: 1000,
            height: 700,
            maximized: false,
        });
        assert_eq!(
            Preferences::from_entries(&chosen.to_entries()),
            (chosen, vec![])
        );
    }

    #[test]
    fn a_bad_value_costs_only_itself_and_is_named() {
        let stored = entries(&[
            ("theme", json!("dark")),
            ("request_timeout_secs", json!(9999)),
            ("history_retention", json!("lots")),
            ("from_a_newer_version", json!(true)),
        ]);
        let (read, notes) = Preferences::from_entries(&stored);
        assert_eq!(read.theme, Theme::Dark);
        assert_eq!(
            (read.request_timeout_secs, read.history_retention),
            (20, 50)
        );
        assert_eq!(notes, ["history_retention", "request_timeout_secs"]);
    }

    #[test]
    fn values_a_person_sets_are_checked_with_a_fix_in_the_message() {
        let too_short = Preferences {
            request_timeout_secs: 1,
            ..Preferences::default()
        };
        assert_eq!(too_short.validate(), Err(PreferenceError::Timeout));
        let none_kept = Preferences {
            history_retention: 0,
            ..Preferences::default()
        };
        assert_eq!(none_kept.validate(), Err(PreferenceError::Retention));
        for bad in ["", "proxy.example:3128", "ftp://proxy.example", "http://"] {
            let p = Preferences {
                proxy: ProxyMode::Custom,
                proxy_url: bad.into(),
                ..Preferences::default()
            };
            let e = p.validate().expect_err(bad);
            assert!(e.to_string().contains("http://host:port"), "{e}");
        }
        let ok = Preferences {
            proxy: ProxyMode::Custom,
            proxy_url: " socks5://10.0.0.1:1080 ".into(),
            ..Preferences::default()
        };
        assert!(ok.validate().is_ok());
        // A custom URL left behind when the proxy is switched off is not judged.
        let off = Preferences {
            proxy: ProxyMode::None,
            proxy_url: "junk".into(),
            ..Preferences::default()
        };
        assert_eq!(off.network().expect("usable").proxy, ProxyChoice::Direct);
    }
}
