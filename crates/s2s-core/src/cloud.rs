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
    /// Where a token from here may be sent: the `api_url` a token response names must match.
    api_hosts: ApiHosts,
}

/// The hosts a token may be sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ApiHosts {
    /// A Zoom cloud: https and a host under its domain (regional hosts such as
    /// `eu01api.zoom.us` included).
    Cloud(Cloud),
    /// A custom base: its own host, or loopback.
    Custom(String),
}

/// Why an endpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// Not one of the clouds we know.
    #[error("unknown cloud '{0}': use 'commercial' or 'government'")]
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
    /// A real Zoom app's saved credentials, asked to go to a host that is not Zoom.
    #[error("profile '{}' holds a real Zoom app's credentials; a custom OAuth URL (--oauth-url) would send them to a server that is not Zoom. Drop it to test against Zoom, or add --allow-custom-host if you really mean that server", crate::display::inert(.profile))]
    RealProfileElsewhere {
        /// The profile's name.
        profile: String,
    },
    /// A Sandbox profile, tested where no Sandbox runs.
    #[error("this profile uses the Sandbox, which runs inside S2S Desk: start a simulator with `s2s sim` and pass its address with --oauth-url")]
    SandboxElsewhere,
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
            api_hosts: ApiHosts::Cloud(cloud),
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
            api_hosts: ApiHosts::Custom(host_name),
        })
    }

    /// Checks the `api_url` a token response names before the token is sent there: for Zoom's
    /// clouds, https and a host of that cloud; for a custom base, its own host or loopback.
    pub fn check_api_url(&self, api_url: &str) -> Result<(), String> {
        let refuse = |why: &str| {
            Err(format!(
                "the token response names api_url {api_url:?}, {why}; S2S Desk will not send the token there"
            ))
        };
        let Ok(url) = Url::parse(api_url) else {
            return refuse("which is not a URL");
        };
        let Some(host) = url.host() else {
            return refuse("which has no host");
        };
        match &self.api_hosts {
            ApiHosts::Cloud(cloud) => {
                let domain = match cloud {
                    Cloud::Commercial => "zoom.us",
                    Cloud::Government => "zoomgov.com",
                };
                let name = url.host_str().unwrap_or_default().to_ascii_lowercase();
                if url.scheme() != "https" {
                    return refuse("which is not https");
                }
                if !(matches!(host, Host::Domain(_))
                    && (name == domain || name.ends_with(&format!(".{domain}"))))
                {
                    return refuse(&format!("which is not a host of {domain}"));
                }
                Ok(())
            }
            ApiHosts::Custom(own) => {
                let same = host.to_string().eq_ignore_ascii_case(own);
                if is_loopback(&host) || (same && url.scheme() == "https") {
                    Ok(())
                } else {
                    refuse(&format!(
                        "which is neither {own} over https nor this machine"
                    ))
                }
            }
        }
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

/// A host on this machine.
pub(crate) fn is_loopback(host: &Host<&str>) -> bool {
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
    fn a_token_goes_only_to_api_hosts_of_its_cloud() {
        let zoom = Endpoint::cloud(Cloud::Commercial);
        for ok in [
            "https://api.zoom.us",
            "https://eu01api.zoom.us",
            "https://sg01api-www4local.zoom.us",
        ] {
            assert_eq!(zoom.check_api_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "http://api.zoom.us",
            "https://api.zoom.us.evil.example",
            "https://evilzoom.us",
            "https://api.zoomgov.com",
            "file:///etc/passwd",
            "https://127.0.0.1",
            "nonsense",
        ] {
            assert!(zoom.check_api_url(bad).is_err(), "{bad}");
        }
        let government = Endpoint::cloud(Cloud::Government);
        assert_eq!(government.check_api_url("https://api.zoomgov.com"), Ok(()));
        assert!(government.check_api_url("https://api.zoom.us").is_err());
        let sandbox = Endpoint::custom("http://127.0.0.1:4010", false).expect("loopback");
        assert_eq!(sandbox.check_api_url("http://127.0.0.1:4010"), Ok(()));
        assert!(sandbox.check_api_url("https://attacker.example").is_err());
    }

    #[test]
    fn clouds_parse_from_cli_words() {
        assert_eq!("gov".parse::<Cloud>(), Ok(Cloud::Government));
        assert_eq!("Commercial".parse::<Cloud>(), Ok(Cloud::Commercial));
        assert!("mars".parse::<Cloud>().is_err());
    }
}
