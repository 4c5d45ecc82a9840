//! How the integration should get its token after the migration, per language: the JWT signed
//! with the API secret replaced by the S2S token request (FACTS.md: `POST /oauth/token`,
//! `grant_type=account_credentials`, Basic auth, form body), cached until shortly before
//! `expires_in` runs out, because Zoom asks integrations to reuse tokens and each new token may
//! invalidate the previous one. API calls themselves stay the same.

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
}

/// Guidance for each language found (every language when none was found), with the token URL
/// and default API host of `cloud`.
pub fn for_languages(found: &[Language], cloud: s2s_core::Cloud) -> Vec<Guidance> {
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
    wanted
        .into_iter()
        .map(|language| guidance(language, cloud))
        .collect()
}

/// The snippets live as files under `guidance/` (real code an editor can check), included at
/// build time.
fn guidance(language: Language, cloud: s2s_core::Cloud) -> Guidance {
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
            .replace(
                "{{TOKEN_URL}}",
                &s2s_core::Endpoint::cloud(cloud).token_url(),
            )
            .replace("{{API_URL}}", cloud.default_api_base()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_after_asks_for_account_credentials_and_caches() {
        for g in for_languages(&[], s2s_core::Cloud::Commercial) {
            assert!(g.after.contains("account_credentials"), "{}", g.name);
            assert!(
                g.after.contains("expires_in"),
                "{} caches until expiry",
                g.name
            );
            assert!(!g.after.contains("API_SECRET"), "{}", g.name);
        }
        assert_eq!(
            for_languages(&[Language::Go], s2s_core::Cloud::Commercial).len(),
            1
        );
        let gov = for_languages(&[Language::Python], s2s_core::Cloud::Government);
        assert!(
            gov[0].after.contains("https://zoomgov.com/oauth/token"),
            "{}",
            gov[0].after
        );
        assert!(!gov[0].after.contains("{{"), "placeholders filled");
    }
}
