//! Which Zoom cloud a token request goes to, and the guard that keeps real credentials away
//! from hosts the admin did not mean.
//!
//! Commercial and Government hosts are fixed. A custom base URL exists for the Sandbox and tests
//! (the simulator on loopback); any other custom host is refused unless explicitly allowed.

use serde::{Deserialize, Serialize};
use url::{Host, Url};

/// A Zoom cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    /// zoom.us — https://developers.zoom.us/docs/internal-apps/s2s-oauth/
    Commercial,
    /// Zoom for Government, zoomgov.com (hosts seen in third-party code only; see FACTS.md).
    Government,
}

impl Cloud {
    /// The OAuth host base (the token path is appended).
    pub fn oauth_base(self) -> &'static str {
        match self {
            Cloud::Commercial => "https://zoom.us",
            Cloud::Government => "https://zoomgov.com",
        }
    }

    /// The API base to use when the token response carries no `api_url`.
    pub fn default_api_base(self) -> &'static str {
        match self {
            Cloud::Commercial => "https://api.zoom.us",
            Cloud::Government => "https://api.zoomgov.com",
        }
    }
}

impl std::str::FromStr for Cloud {
    type Err = EndpointError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "commercial" | "zoom" => Ok(Cloud::Commercial),
            "gov" | "government" | "zoomgov" => Ok(Cloud::Government),
            other => Err(EndpointError::UnknownCloud(other.to_string())),
        }
    }
}

/// Where a token request goes: the token URL and the fallback API base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Scheme, host and port, without a trailing slash.
    oauth_base: String,
    default_api_base: String,
}

/// Why an endpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// Not one of the clouds we know.
    #[error("unknown cloud '{0}': use 'commercial' or 'gov'")]
    UnknownCloud(String),
    /// Not a URL.
    #[error("'{0}' is not a valid URL")]
    InvalidUrl(String),
    /// A non-loopback custom host without explicit permission.
    #[error("refusing to send credentials to {host}: it is neither Zoom nor this machine (loopback). Pass --allow-custom-host if you really mean it")]
    CustomHostRefused {
        /// The host that was refused.
        host: String,
    },
    /// Plain HTTP to a non-loopback host would expose the client secret.
    #[error(
        "refusing plain http:// to {host}: credentials would travel unencrypted. Use https://"
    )]
    InsecureScheme {
        /// The host that was refused.
        host: String,
    },
}

impl Endpoint {
    /// A known Zoom cloud.
    pub fn cloud(cloud: Cloud) -> Self {
        Self {
            oauth_base: cloud.oauth_base().to_string(),
            default_api_base: cloud.default_api_base().to_string(),
        }
    }

    /// A custom base URL (the simulator, or a proxy). Loopback hosts are always accepted;
    /// anything else only with `allow_custom_host`, and never over plain HTTP.
    pub fn custom(base: &str, allow_custom_host: bool) -> Result<Self, EndpointError> {
        let url = Url::parse(base.trim()).map_err(|_| EndpointError::InvalidUrl(base.into()))?;
        let host = url
            .host()
            .ok_or_else(|| EndpointError::InvalidUrl(base.into()))?;
        let loopback = is_loopback(&host);
        let host_name = host.to_string();
        if !loopback && !allow_custom_host {
            return Err(EndpointError::CustomHostRefused { host: host_name });
        }
        if !loopback && url.scheme() != "https" {
            return Err(EndpointError::InsecureScheme { host: host_name });
        }
        // Only the origin counts: Zoom's paths are fixed, so a pasted path is ignored.
        let origin = url.origin().ascii_serialization();
        Ok(Self {
            oauth_base: origin.clone(),
            default_api_base: origin,
        })
    }

    /// `<base>/oauth/token`.
    pub fn token_url(&self) -> String {
        format!("{}/oauth/token", self.oauth_base)
    }

    /// The API base to use when the token response names none.
    pub fn default_api_base(&self) -> &str {
        &self.default_api_base
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_clouds_have_zoom_token_urls() {
        assert_eq!(
            Endpoint::cloud(Cloud::Commercial).token_url(),
            "https://zoom.us/oauth/token"
        );
        assert_eq!(
            Endpoint::cloud(Cloud::Government).token_url(),
            "https://zoomgov.com/oauth/token"
        );
        assert_eq!(
            Endpoint::cloud(Cloud::Government).default_api_base(),
            "https://api.zoomgov.com"
        );
    }

    #[test]
    fn loopback_custom_hosts_are_accepted_without_permission() {
        for base in [
            "http://127.0.0.1:4010",
            "http://localhost:9/",
            "http://[::1]:80",
        ] {
            let e = Endpoint::custom(base, false).expect(base);
            assert!(e.token_url().ends_with("/oauth/token"), "{base}");
        }
    }

    #[test]
    fn other_hosts_need_explicit_permission_and_https() {
        assert_eq!(
            Endpoint::custom("https://evil.example/", false),
            Err(EndpointError::CustomHostRefused {
                host: "evil.example".into()
            })
        );
        assert!(Endpoint::custom("https://proxy.example/", true).is_ok());
        assert_eq!(
            Endpoint::custom("http://proxy.example/", true),
            Err(EndpointError::InsecureScheme {
                host: "proxy.example".into()
            })
        );
        assert!(matches!(
            Endpoint::custom("not a url", true),
            Err(EndpointError::InvalidUrl(_))
        ));
    }

    #[test]
    fn clouds_parse_from_cli_words() {
        assert_eq!("gov".parse::<Cloud>(), Ok(Cloud::Government));
        assert_eq!("Commercial".parse::<Cloud>(), Ok(Cloud::Commercial));
        assert!("mars".parse::<Cloud>().is_err());
    }
}
