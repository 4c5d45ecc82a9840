//! Which URLs the receiver test may call, and which of them Zoom itself would refuse.
//!
//! Plain http only reaches this machine unless the admin says otherwise (an event carrying a
//! signature is still worth keeping off the open network). Zoom accepts only https with a
//! CA-issued certificate, TLS 1.2+, on a fully qualified domain name (FACTS.md "Webhooks";
//! https://developers.zoom.us/docs/api/webhooks/): a test that passes against anything else says so.

use url::{Host, Url};

use super::ReceiverTestError;

/// A URL the test may call, with what Zoom would think of it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub url: Url,
    /// Why Zoom would refuse this URL even when every check passes.
    pub zoom_will_refuse: Vec<String>,
}

/// Parses and judges `text`.
pub fn parse(text: &str, allow_insecure: bool) -> Result<Endpoint, ReceiverTestError> {
    let bad = |reason: &str| ReceiverTestError::BadUrl {
        url: text.trim().to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("only http:// and https:// URLs can receive webhooks"));
    }
    let host = url.host().ok_or_else(|| bad("it has no host"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "it holds a user name or password; Zoom never sends those",
        ));
    }
    let loopback = crate::cloud::is_loopback(&host);
    if url.scheme() == "http" && !loopback && !allow_insecure {
        return Err(ReceiverTestError::InsecureUrl {
            host: host.to_string(),
        });
    }
    let mut refuse = Vec::new();
    if url.scheme() != "https" {
        refuse.push("Zoom only delivers to https:// endpoints (TLS 1.2 or later, with a certificate from a public CA).".to_owned());
    }
    match host {
        Host::Domain(d) if loopback => refuse.push(format!(
            "Zoom cannot reach {d}: it is this machine. Deploy the receiver on a public host name, or tunnel to it."
        )),
        Host::Domain(d) if !d.trim_end_matches('.').contains('.') => refuse.push(format!(
            "Zoom needs a fully qualified domain name; {d} is not one."
        )),
        Host::Ipv4(_) | Host::Ipv6(_) => refuse.push(
            "Zoom needs a fully qualified domain name, not an IP address (a CA certificate is issued to a name)."
                .to_owned(),
        ),
        Host::Domain(_) => {}
    }
    Ok(Endpoint {
        url,
        zoom_will_refuse: refuse,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_https_name_is_what_zoom_accepts() {
        let endpoint = parse("https://hooks.example.com/zoom", false).map_err(|e| e.to_string());
        assert_eq!(endpoint.map(|e| e.zoom_will_refuse), Ok(vec![]));
    }

    #[test]
    fn loopback_http_is_tested_but_zoom_would_refuse_it_twice_over() {
        let refuse = parse("http://127.0.0.1:3000/webhook", false)
            .map(|e| e.zoom_will_refuse)
            .unwrap_or_default();
        assert_eq!(refuse.len(), 2, "{refuse:?}");
        assert!(refuse[0].contains("https"));
        let local = parse("http://localhost:3000/", false).map(|e| e.zoom_will_refuse);
        assert!(local.is_ok_and(|r| r[1].contains("this machine")));
    }

    #[test]
    fn plain_http_to_another_host_needs_the_admins_say_so() {
        assert!(matches!(
            parse("http://staging.example.com/hook", false),
            Err(ReceiverTestError::InsecureUrl { .. })
        ));
        let allowed = parse("http://staging.example.com/hook", true).map(|e| e.zoom_will_refuse);
        assert!(allowed.is_ok_and(|r| r.len() == 1));
        let bare = parse("https://intranet/hook", false).map(|e| e.zoom_will_refuse);
        assert!(bare.is_ok_and(|r| r[0].contains("fully qualified")));
    }

    #[test]
    fn what_is_not_a_webhook_url_is_refused_with_the_reason() {
        for (url, reason) in [
            ("hooks.example.com/zoom", "relative URL"),
            ("ftp://hooks.example.com/", "only http"),
            ("https://user:pw@hooks.example.com/", "user name"),
        ] {
            let error = parse(url, false).map(|_| ()).map_err(|e| e.to_string());
            assert!(
                error.as_ref().is_err_and(|e| e.contains(reason)),
                "{url}: {error:?}"
            );
        }
    }
}
