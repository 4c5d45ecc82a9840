//! The one HTTP client configuration, and reading a response without trusting its size.
//!
//! Redirects are never followed: a redirect would re-send the Authorization header somewhere the
//! admin did not choose. Loopback traffic (the Sandbox, a local simulator) never goes through a
//! proxy: a proxy named in `HTTP_PROXY` would otherwise receive the Basic credentials. Requests
//! to Zoom's own hosts honour the usual proxy variables, as corporate networks need.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::error::{NetworkCause, TokenError};

/// Largest body we read; Zoom's token and probe answers are a few hundred bytes.
const BODY_CAP: usize = 256 * 1024;

/// Which proxy requests to Zoom go through. Loopback never uses one, whatever the choice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxyChoice {
    /// What the environment says (`HTTPS_PROXY`, `NO_PROXY`…), as curl reads it.
    #[default]
    System,
    /// Straight to Zoom, ignoring the environment.
    Direct,
    /// This proxy (http, https or socks5 URL) for every request to Zoom.
    Custom(url::Url),
}

/// How S2S Desk reaches Zoom: the settings a corporate network needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetworkSettings {
    /// Which proxy.
    pub proxy: ProxyChoice,
    /// A PEM file of extra root certificates to trust (a TLS-inspecting corporate proxy's CA),
    /// on top of the built-in roots.
    pub ca_bundle: Option<std::path::PathBuf>,
}

/// Why network settings could not be used; the previous settings stay in force.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkSettingsError {
    /// The CA bundle file could not be read.
    #[error("the CA bundle {path} could not be read ({reason}); choose a readable PEM file")]
    CaBundleUnreadable { path: String, reason: String },
    /// The file holds no usable certificate.
    #[error("the CA bundle {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----); export the CA as PEM and choose that file")]
    CaBundleNotPem { path: String },
    /// The HTTP client refused the settings.
    #[error("the HTTP client could not be set up with these settings: {0}")]
    Client(String),
}

/// Builds the shared client with default network settings. See [`client_with`].
pub fn client(connect_timeout: Duration) -> Result<reqwest::Client, TokenError> {
    client_with(connect_timeout, &NetworkSettings::default()).map_err(|e| TokenError::Network {
        cause: NetworkCause::Other,
        detail: e.to_string(),
    })
}

/// Builds the shared client. Cheap to clone; one per process. There is no per-request timeout
/// here: the caller's deadline (`TokenTester`'s, for the whole test) bounds every request, and a
/// second timer per request would only cost time. A client that cannot be built is an error,
/// never a silent fallback to a default client (which would follow redirects and proxy loopback).
pub fn client_with(
    connect_timeout: Duration,
    network: &NetworkSettings,
) -> Result<reqwest::Client, NetworkSettingsError> {
    let proxy = match &network.proxy {
        // Replaces reqwest's automatic system proxy, which would also proxy loopback.
        ProxyChoice::System => reqwest::Proxy::custom(proxy_from_env),
        ProxyChoice::Direct => reqwest::Proxy::custom(|_| None::<url::Url>),
        ProxyChoice::Custom(proxy) => {
            let proxy = proxy.clone();
            reqwest::Proxy::custom(move |url| (!is_loopback_url(url)).then(|| proxy.clone()))
        }
    };
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("S2S-Desk/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .proxy(proxy);
    if let Some(path) = &network.ca_bundle {
        for certificate in ca_bundle(path)? {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|e| NetworkSettingsError::Client(e.to_string()))
}

/// The certificates in a PEM bundle, or why there are none.
/// The certificates of a PEM bundle, or why it cannot be used.
pub fn ca_bundle(
    path: &std::path::Path,
) -> Result<Vec<reqwest::Certificate>, NetworkSettingsError> {
    let shown = path.display().to_string();
    let pem = std::fs::read(path).map_err(|e| NetworkSettingsError::CaBundleUnreadable {
        path: shown.clone(),
        reason: e.kind().to_string(),
    })?;
    let not_pem = || NetworkSettingsError::CaBundleNotPem {
        path: shown.clone(),
    };
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(not_pem());
    }
    let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| not_pem())?;
    if certificates.is_empty() {
        return Err(not_pem());
    }
    Ok(certificates)
}

fn is_loopback_url(url: &url::Url) -> bool {
    url.host().is_none_or(|h| crate::cloud::is_loopback(&h))
}

/// The proxy the environment names for `url` (`HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`, either
/// case, minus `NO_PROXY`), and never one for a loopback host.
fn proxy_from_env(url: &url::Url) -> Option<url::Url> {
    if is_loopback_url(url) {
        return None;
    }
    let var = |name: &str| {
        std::env::var(name)
            .or_else(|_| std::env::var(name.to_ascii_lowercase()))
            .ok()
            .filter(|v| !v.trim().is_empty())
    };
    if let (Some(no_proxy), Some(host)) = (var("NO_PROXY"), url.host_str()) {
        if no_proxy_matches(&no_proxy, host) {
            return None;
        }
    }
    let scheme_var = if url.scheme() == "https" {
        "HTTPS_PROXY"
    } else {
        "HTTP_PROXY"
    };
    let proxy = var(scheme_var).or_else(|| var("ALL_PROXY"))?;
    // `proxy.example:3128` without a scheme means http, as curl reads it.
    url::Url::parse(&proxy)
        .ok()
        .filter(|u| u.has_host())
        .or_else(|| url::Url::parse(&format!("http://{proxy}")).ok())
}

/// `NO_PROXY` as curl reads it: `*`, or comma-separated hosts and `.suffix` domains.
fn no_proxy_matches(no_proxy: &str, host: &str) -> bool {
    no_proxy.split(',').map(str::trim).any(|entry| {
        let entry = entry.trim_start_matches('.');
        entry == "*"
            || (!entry.is_empty()
                && (host.eq_ignore_ascii_case(entry)
                    || host
                        .to_ascii_lowercase()
                        .ends_with(&format!(".{}", entry.to_ascii_lowercase()))))
    })
}

/// A whole response, read.
pub(crate) struct ResponseParts {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

/// Headers arrived, then the connection broke: always a drop, whatever reqwest calls it.
fn dropped_mid_body(e: reqwest::Error) -> TokenError {
    match TokenError::from_reqwest(e) {
        TokenError::Network { detail, .. } => TokenError::Network {
            cause: NetworkCause::Dropped,
            detail,
        },
        other => other,
    }
}

/// Reads status, headers and at most [`BODY_CAP`] bytes of body.
pub(crate) async fn read_capped(response: reqwest::Response) -> Result<ResponseParts, TokenError> {
    read_at_most(response, BODY_CAP).await
}

/// Reads status, headers and at most `cap` bytes of body (more is an error, never a hang).
pub(crate) async fn read_at_most(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<ResponseParts, TokenError> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(dropped_mid_body)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > cap {
            return Err(TokenError::UnexpectedBody {
                status,
                detail: format!("the answer is larger than {} KiB", cap / 1024),
                body: String::new(),
            });
        }
    }
    Ok(ResponseParts {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_lists_match_hosts_and_domains() {
        assert!(no_proxy_matches("example.com, .zoom.us", "api.zoom.us"));
        assert!(no_proxy_matches("zoom.us", "zoom.us"));
        assert!(no_proxy_matches("*", "anything"));
        assert!(!no_proxy_matches("notzoom.us", "zoom.us"));
        assert!(!no_proxy_matches("", "zoom.us"));
    }

    #[test]
    fn a_ca_bundle_must_be_a_readable_pem_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing.pem");
        let settings = |path: &std::path::Path| NetworkSettings {
            ca_bundle: Some(path.to_path_buf()),
            ..Default::default()
        };
        let refused =
            client_with(Duration::from_secs(1), &settings(&missing)).expect_err("missing");
        assert!(
            matches!(refused, NetworkSettingsError::CaBundleUnreadable { .. }),
            "{refused}"
        );
        let der = dir.path().join("ca.der");
        std::fs::write(&der, [0x30, 0x82, 0x01, 0x0a]).expect("write");
        let refused = client_with(Duration::from_secs(1), &settings(&der)).expect_err("not pem");
        assert!(
            refused.to_string().contains("export the CA as PEM"),
            "{refused}"
        );
        let pem = dir.path().join("ca.pem");
        std::fs::write(&pem, include_str!("../tests/fixtures/test-ca.pem")).expect("write");
        assert!(client_with(Duration::from_secs(1), &settings(&pem)).is_ok());
    }

    #[test]
    fn loopback_never_gets_a_proxy() {
        // Whatever the environment says: loopback is answered before it is read.
        for u in [
            "http://127.0.0.1:4010/oauth/token",
            "http://localhost:9/",
            "http://[::1]/",
        ] {
            assert_eq!(
                proxy_from_env(&url::Url::parse(u).expect("url")),
                None,
                "{u}"
            );
        }
    }
}
