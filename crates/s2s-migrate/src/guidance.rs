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
    /// The S2S way, with caching.
    pub after: &'static str,
}

/// Guidance for each language found (every language when none was found).
pub fn for_languages(found: &[Language]) -> Vec<Guidance> {
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
    wanted.into_iter().map(guidance).collect()
}

/// The snippets live as files under `guidance/` (real code an editor can check), included at
/// build time.
fn guidance(language: Language) -> Guidance {
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
        after: after.trim_end(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_after_asks_for_account_credentials_and_caches() {
        for g in for_languages(&[]) {
            assert!(g.after.contains("account_credentials"), "{}", g.name);
            assert!(
                g.after.contains("expires_in"),
                "{} caches until expiry",
                g.name
            );
            assert!(!g.after.contains("API_SECRET"), "{}", g.name);
        }
        assert_eq!(for_languages(&[Language::Go]).len(), 1);
    }
}
