//! How the integration should get its token after the migration, per language: the JWT signed
//! with the API secret replaced by the S2S token request (FACTS.md: `POST /oauth/token`,
//! `grant_type=account_credentials`, Basic auth, form body), cached until shortly before
//! `expires_in` runs out, because Zoom asks integrations to reuse tokens (since June 2023 a new
//! token no longer invalidates the previous one: FACTS.md "Token lifetime"). API calls
//! themselves stay the same.

use serde::Serialize;

use crate::format::Language;

/// One language's before/after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Guidance {
    /// The language.
    pub language: Language,
    /// Display name.
    pub name: &'static str,
    /// How the legacy code typically made its token.
    pub before: &'static str,
    /// The S2S way, with caching, for the app's cloud.
    pub after: String,
    /// When the scan found the deprecated webhook Verification Token: verifying
    /// `x-zm-signature` with the Secret Token instead.
    pub webhook: Option<&'static str>,
}

/// Guidance for each language found (every language when none was found), with the token URL of
/// `cloud` and the API host the app's token named (`api_url`, the account's regional cluster),
/// else the cloud's default; with the webhook signature check when `verification_token` (the
/// scan found the deprecated Verification Token).
pub fn for_languages(
    found: &[Language],
    cloud: s2s_core::Cloud,
    api_url: Option<&str>,
    verification_token: bool,
) -> Vec<Guidance> {
    let all = [
        Language::JavaScript,
        Language::TypeScript,
        Language::Python,
        Language::Php,
        Language::Ruby,
        Language::Java,
        Language::CSharp,
        Language::Go,
    ];
    let wanted: Vec<Language> = if found.is_empty() {
        all.to_vec()
    } else {
        found.to_vec()
    };
    // Only a host of that cloud: a Sandbox test's loopback address is no advice for real code.
    let endpoint = s2s_core::Endpoint::cloud(cloud);
    let api_base = api_url
        .filter(|url| endpoint.check_api_url(url).is_ok())
        .map(|url| url.trim_end_matches('/'))
        .unwrap_or(cloud.default_api_base());
    wanted
        .into_iter()
        .map(|language| {
            let mut g = guidance(language, &endpoint, api_base);
            g.webhook = verification_token.then(|| webhook_snippet(language));
            g
        })
        .collect()
}

/// The snippets live as files under `guidance/` (real code an editor can check), included at
/// build time.
fn guidance(language: Language, endpoint: &s2s_core::Endpoint, api_base: &str) -> Guidance {
    macro_rules! snippets {
        ($name:literal, $file:literal, $ext:literal) => {
            (
                $name,
                include_str!(concat!("../guidance/", $file, ".before.", $ext)),
                include_str!(concat!("../guidance/", $file, ".after.", $ext)),
            )
        };
    }
    let (name, before, after) = match language {
        Language::JavaScript => snippets!("JavaScript", "javascript", "js"),
        Language::TypeScript => snippets!("TypeScript", "javascript", "js"),
        Language::Python => snippets!("Python", "python", "py"),
        Language::Php => snippets!("PHP", "php", "php"),
        Language::Ruby => snippets!("Ruby", "ruby", "rb"),
        Language::Java => snippets!("Java", "java", "java"),
        Language::CSharp => snippets!("C#", "csharp", "cs"),
        Language::Go => snippets!("Go", "go", "go"),
    };
    Guidance {
        language,
        name,
        before: before.trim_end(),
        after: after
            .trim_end()
            .replace("{{TOKEN_URL}}", &endpoint.token_url())
            .replace("{{API_URL}}", api_base),
        webhook: None,
    }
}

/// Verifying a webhook with the Secret Token, where code compared the Verification Token.
fn webhook_snippet(language: Language) -> &'static str {
    match language {
        Language::JavaScript | Language::TypeScript => {
            include_str!("../guidance/javascript.webhook.js")
        }
        Language::Python => include_str!("../guidance/python.webhook.py"),
        Language::Php => include_str!("../guidance/php.webhook.php"),
        Language::Ruby => include_str!("../guidance/ruby.webhook.rb"),
        Language::Java => include_str!("../guidance/java.webhook.java"),
        Language::CSharp => include_str!("../guidance/csharp.webhook.cs"),
        Language::Go => include_str!("../guidance/go.webhook.go"),
    }
    .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_after_asks_for_account_credentials_and_caches() {
        for g in for_languages(&[], s2s_core::Cloud::Commercial, None, false) {
            assert_eq!(g.webhook, None, "no Verification Token, no webhook advice");
            assert!(g.after.contains("account_credentials"), "{}", g.name);
            assert!(
                g.after.contains("expires_in"),
                "{} caches until expiry",
                g.name
            );
            assert!(!g.after.contains("API_SECRET"), "{}", g.name);
        }
        assert_eq!(
            for_languages(&[Language::Go], s2s_core::Cloud::Commercial, None, false).len(),
            1
        );
        let gov = for_languages(
            &[Language::Python],
            s2s_core::Cloud::Government,
            None,
            false,
        );
        assert!(
            gov[0].after.contains("https://zoomgov.com/oauth/token"),
            "{}",
            gov[0].after
        );
        assert!(!gov[0].after.contains("{{"), "placeholders filled");
    }

    #[test]
    fn the_api_host_is_the_one_the_token_named_when_it_is_a_host_of_that_cloud() {
        let after = |cloud, api_url| {
            for_languages(&[Language::Python], cloud, api_url, false)[0]
                .after
                .clone()
        };
        let eu = after(s2s_core::Cloud::Commercial, Some("https://api-eu.zoom.us/"));
        assert!(eu.contains("else https://api-eu.zoom.us."), "{eu}");
        for (cloud, not_its_host, default) in [
            // A Sandbox test's loopback address is not advice for real code.
            (
                s2s_core::Cloud::Commercial,
                "http://127.0.0.1:4010",
                "https://api.zoom.us",
            ),
            (
                s2s_core::Cloud::Government,
                "https://api-eu.zoom.us",
                "https://api.zoomgov.com",
            ),
        ] {
            let text = after(cloud, Some(not_its_host));
            assert!(!text.contains(&format!("else {not_its_host}")), "{text}");
            assert!(text.contains(&format!("else {default}.")), "{text}");
        }
    }

    #[test]
    fn a_verification_token_brings_the_secret_token_check_in_every_language() {
        for g in for_languages(&[], s2s_core::Cloud::Commercial, None, true) {
            let webhook = g.webhook.unwrap_or_default();
            assert!(webhook.contains("ZOOM_WEBHOOK_SECRET_TOKEN"), "{}", g.name);
            assert!(
                webhook.contains("v0:"),
                "{} signs v0:timestamp:body",
                g.name
            );
            assert!(webhook.contains("300"), "{} refuses stale events", g.name);
            assert!(
                webhook.contains("ZOOM_VERIFICATION_TOKEN"),
                "{} shows the before",
                g.name
            );
        }
    }
}
