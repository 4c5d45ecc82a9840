//! Which external pages the app may open in the system browser: Zoom's documentation,
//! Marketplace, support, forum and status hosts, over https, and nothing else. The app never
//! loads remote content in its own window; links leave through this gate.

use url::Url;

/// Hosts the app may send the admin to.
pub const ALLOWED_HOSTS: &[&str] = &[
    "developers.zoom.us",
    "marketplace.zoom.us",
    "marketplace.zoomgov.com",
    "support.zoom.com",
    "support.zoom.us",
    "devforum.zoom.us",
    "status.zoom.us",
    "zoom.us",
];

/// Why a link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a URL.
    #[error("'{0}' is not a valid link")]
    Invalid(String),
    /// Not https, or not a Zoom documentation or Marketplace host.
    #[error("S2S Desk only opens https links to Zoom's documentation and Marketplace; {0} is not one of them")]
    NotAllowed(String),
}

/// Checks a link before it is handed to the system browser.
pub fn check_external_url(link: &str) -> Result<Url, LinkError> {
    let url = Url::parse(link.trim()).map_err(|_| LinkError::Invalid(link.into()))?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let allowed = url.scheme() == "https"
        && url.username().is_empty()
        && url.password().is_none()
        && url.port().is_none()
        && ALLOWED_HOSTS.contains(&host.as_str());
    if allowed {
        Ok(url)
    } else {
        Err(LinkError::NotAllowed(if host.is_empty() {
            link.to_string()
        } else {
            host
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_docs_and_marketplace_over_https_are_allowed() {
        for ok in [
            "https://developers.zoom.us/docs/internal-apps/s2s-oauth/",
            "https://marketplace.zoom.us/develop/create",
            "https://marketplace.zoomgov.com/",
        ] {
            assert!(check_external_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "http://developers.zoom.us/",
            "https://developers.zoom.us.evil.example/",
            "https://user:pw@marketplace.zoom.us/",
            "https://marketplace.zoom.us:8443/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://example.com/",
        ] {
            assert!(
                matches!(check_external_url(bad), Err(LinkError::NotAllowed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            check_external_url("not a url"),
            Err(LinkError::Invalid(_))
        ));
    }
}
