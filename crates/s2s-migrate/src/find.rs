//! Per file: the legacy Zoom JWT settings (API key, API secret, JWT token) with where they are
//! and what is notable about them (expired, never expires, committed to git, duplicated,
//! interpolated), any Zoom JWT written anywhere (even split across lines), and the API calls.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::extract::{regex, settings, Setting};
use crate::format::Format;
use crate::jwt::{decode, DecodedJwt, Expiry, JwtKind};
use crate::mask::mask;
use crate::names::{classify, LegacyKind, NameMatch};
use crate::text::Text;

/// Something the admin should know about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The JWT's `exp` is past: the integration is already broken.
    Expired,
    /// The JWT's `exp` is years away (or absent): a long-lived credential.
    NeverExpires,
    /// `exp` was written in milliseconds (Zoom's old docs did this).
    ExpInMilliseconds,
    /// The file is tracked by git: the secret is in the repository's history.
    CommittedToGit,
    /// The file is git-ignored (found anyway: env files hold settings by design).
    GitIgnored,
    /// The same key is set more than once in the file (the last one usually wins).
    Duplicate,
    /// The value is a reference (`${VAR}`), not the secret itself.
    Interpolated,
    /// A Meeting/Video SDK token: not a JWT-app credential, not migrated to S2S.
    SdkTokenNotMigrated,
    /// A generic name (`apiKey`) judged Zoom's because the file mentions Zoom.
    GenericName,
}

/// How much a flag matters to the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagTone {
    /// A secret at risk.
    Risk,
    /// Something to look at.
    Warn,
    /// For information.
    Info,
}

/// A flag as the app, the CLI and the report show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FlagWords {
    /// A few words for a badge.
    pub label: &'static str,
    /// How much it matters.
    pub tone: FlagTone,
    /// The sentence behind it.
    pub why: &'static str,
}

impl Flag {
    /// Every flag.
    pub const ALL: [Flag; 9] = [
        Flag::Expired,
        Flag::NeverExpires,
        Flag::ExpInMilliseconds,
        Flag::CommittedToGit,
        Flag::GitIgnored,
        Flag::Duplicate,
        Flag::Interpolated,
        Flag::SdkTokenNotMigrated,
        Flag::GenericName,
    ];

    /// Its words.
    pub fn words(self) -> FlagWords {
        let (label, tone, why) = match self {
            Flag::Expired => ("expired", FlagTone::Warn, "The JWT's exp is past: this integration already fails."),
            Flag::NeverExpires => ("never expires", FlagTone::Risk, "The JWT is valid for years: anyone with this file can call Zoom as the app."),
            Flag::ExpInMilliseconds => ("exp in ms", FlagTone::Info, "exp was written in milliseconds, as Zoom's old docs showed."),
            Flag::CommittedToGit => ("committed to git", FlagTone::Risk, "The file is tracked by git: the secret is in the repository's history. Deactivate the JWT app after migrating."),
            Flag::GitIgnored => ("git-ignored", FlagTone::Info, "Not committed; read anyway because env files hold live settings."),
            Flag::Duplicate => ("duplicate", FlagTone::Warn, "The key is set more than once in this file; usually the last one wins."),
            Flag::Interpolated => ("reference", FlagTone::Info, "The value refers to another variable; the secret lives elsewhere."),
            Flag::SdkTokenNotMigrated => ("SDK token", FlagTone::Info, "A Meeting/Video SDK token: not a JWT-app credential, so it is not migrated to S2S."),
            Flag::GenericName => ("generic name", FlagTone::Info, "A generic name (apiKey) in a file that mentions Zoom."),
        };
        FlagWords { label, tone, why }
    }
}

/// One legacy credential found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Finding {
    /// File, relative to the scanned root (`/` separators).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// API key, API secret or JWT token.
    pub kind: LegacyKind,
    /// The variable or key name; none for a bare JWT in text.
    pub key: Option<String>,
    /// The value, masked.
    pub masked: String,
    /// For an interpolated value, the reference as written (`${LEGACY_KEY}`).
    pub reference: Option<String>,
    /// For a JWT: its decoded header and claims.
    pub jwt: Option<DecodedJwt>,
    /// Notable facts.
    pub flags: Vec<Flag>,
    /// The file's format.
    pub format: Format,
    /// The config rewrite will replace it.
    pub rewritable: bool,
}

/// What is known about the file besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileContext {
    /// Tracked by git (None: unknown, not a repository).
    pub git_tracked: Option<bool>,
    /// Git-ignored but scanned anyway (env files).
    pub git_ignored: bool,
    /// Now, for expiry.
    pub now_unix: i64,
}

/// A legacy setting: the setting and what its name says.
#[derive(Debug, Clone)]
pub struct LegacySetting {
    /// Where and what.
    pub setting: Setting,
    /// Key, secret or token; Zoom-named or generic.
    pub name: NameMatch,
}

/// The settings of a file that are legacy Zoom JWT credentials. Generic names (`apiKey`) count
/// only in files that mention Zoom; shared with the rewrite so both agree on what is replaced.
pub fn legacy_settings(text: &Text, format: Format) -> Vec<LegacySetting> {
    let mentions_zoom = mentions_zoom(&text.body);
    settings(text, format)
        .into_iter()
        .filter_map(|setting| {
            let name = classify(&setting.key)?;
            (name.names_zoom || mentions_zoom).then_some(LegacySetting { setting, name })
        })
        .filter(|l| {
            !(l.name.kind == LegacyKind::JwtToken
                && l.setting.value.trim().is_empty()
                && !l.name.names_zoom)
        })
        .collect()
}

fn mentions_zoom(body: &str) -> bool {
    body.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"zoom"))
}

/// All findings in one file.
pub fn find_in(file: &str, text: &Text, format: Format, ctx: FileContext) -> Vec<Finding> {
    let legacy = legacy_settings(text, format);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in &legacy {
        *counts.entry(l.setting.key.as_str()).or_default() += 1;
    }
    let mut findings: Vec<Finding> = legacy
        .iter()
        .map(|l| {
            let s = &l.setting;
            let compact: String = s.value.split_whitespace().collect();
            let jwt = looks_like_jwt(&compact).then(|| decode(&compact)).flatten();
            let reference = if s.by_reference {
                Some(
                    if s.lines.len() > 1 {
                        "valueFrom (a Secret or ConfigMap key)"
                    } else {
                        "passed through from the host environment"
                    }
                    .to_string(),
                )
            } else {
                is_reference(&s.value).then(|| s.value.trim().to_string())
            };
            let mut flags = Vec::new();
            if !l.name.names_zoom {
                flags.push(Flag::GenericName);
            }
            if counts.get(s.key.as_str()).copied().unwrap_or(0) > 1 {
                flags.push(Flag::Duplicate);
            }
            if reference.is_some() {
                flags.push(Flag::Interpolated);
            }
            let kind = if jwt.is_some() {
                LegacyKind::JwtToken
            } else {
                l.name.kind
            };
            finding(
                file,
                s.key_at.line + 1,
                kind,
                Some(s.key.clone()),
                &s.value,
                reference,
                jwt,
                flags,
                format,
                format.is_config(),
                ctx,
            )
        })
        .collect();
    // JWTs anywhere else: hard-coded strings, README examples, tokens split across lines —
    // unless a setting above already holds them (its value may sit on a later line).
    let held: Vec<(std::ops::Range<usize>, String)> = legacy
        .iter()
        .map(|l| {
            (
                l.setting.lines.start + 1..l.setting.lines.end + 1,
                l.setting.value.split_whitespace().collect(),
            )
        })
        .collect();
    for (line, token) in jwts_in(text) {
        if held
            .iter()
            .any(|(lines, value)| lines.contains(&line) || *value == token)
        {
            continue;
        }
        let Some(jwt) = decode(&token) else { continue };
        if jwt.kind == JwtKind::Other {
            continue;
        }
        findings.push(finding(
            file,
            line,
            LegacyKind::JwtToken,
            None,
            &token,
            None,
            Some(jwt),
            Vec::new(),
            format,
            false,
            ctx,
        ));
    }
    if matches!(format, Format::Code(_)) {
        findings.extend(authorization_checks(file, text, format));
    }
    findings.sort_by_key(|f| f.line);
    findings
}

/// Code that checks a webhook's `authorization` header against the Verification Token: Zoom
/// deprecated it; receivers verify `x-zm-signature` with the Secret Token instead.
fn authorization_checks(file: &str, text: &Text, format: Format) -> Vec<Finding> {
    static NAMES_TOKEN: OnceLock<Regex> = OnceLock::new();
    static READS_HEADER: OnceLock<Regex> = OnceLock::new();
    let names_token = regex(&NAMES_TOKEN, r"(?i)verification[_\-. ]?token");
    if !names_token.is_match(&text.body) {
        return Vec::new();
    }
    // req.headers.authorization, headers['authorization'], request.headers.get("Authorization"),
    // getHeader("authorization"), $_SERVER['HTTP_AUTHORIZATION'], r.Header.Get("Authorization").
    let reads_header = regex(
        &READS_HEADER,
        r#"(?i)(headers?\s*(\.\s*authorization|\[\s*['"]authorization['"]|\.\s*get\(\s*['"]authorization['"])|get_?header\(\s*['"]authorization['"]|HTTP_AUTHORIZATION)"#,
    );
    text.body
        .lines()
        .enumerate()
        .filter(|(_, line)| reads_header.is_match(line))
        .map(|(i, _)| Finding {
            file: file.to_string(),
            line: i + 1,
            kind: LegacyKind::VerificationToken,
            key: Some("authorization header".into()),
            masked: "compared with the Verification Token".into(),
            reference: None,
            jwt: None,
            flags: Vec::new(),
            format,
            rewritable: false,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn finding(
    file: &str,
    line: usize,
    kind: LegacyKind,
    key: Option<String>,
    value: &str,
    reference: Option<String>,
    jwt: Option<DecodedJwt>,
    mut flags: Vec<Flag>,
    format: Format,
    rewritable: bool,
    ctx: FileContext,
) -> Finding {
    if let Some(j) = &jwt {
        match j.expiry(ctx.now_unix) {
            Expiry::Expired => flags.push(Flag::Expired),
            Expiry::NeverInPractice => flags.push(Flag::NeverExpires),
            Expiry::Valid => {}
        }
        if j.exp_in_millis {
            flags.push(Flag::ExpInMilliseconds);
        }
        if j.kind == JwtKind::ZoomSdk {
            flags.push(Flag::SdkTokenNotMigrated);
        }
    }
    let is_value = reference.is_none() && !value.trim().is_empty();
    if ctx.git_tracked == Some(true) && is_value {
        flags.push(Flag::CommittedToGit);
    }
    if ctx.git_ignored {
        flags.push(Flag::GitIgnored);
    }
    let masked = match (&reference, value.trim().is_empty()) {
        (Some(r), _) => r.clone(),
        (None, true) => "(empty)".to_string(),
        (None, false) => mask(value, kind != LegacyKind::ApiKey),
    };
    Finding {
        file: file.to_string(),
        line,
        kind,
        key,
        masked,
        reference,
        // Masked here, once: a finding is what gets serialized and shown.
        jwt: jwt.map(DecodedJwt::masked),
        flags,
        format,
        rewritable,
    }
}

/// `${VAR}` or `$VAR`: the value names another variable.
pub fn is_reference(value: &str) -> bool {
    let v = value.trim();
    v.contains("${")
        || (v.starts_with('$')
            && v.len() > 1
            && v[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

fn looks_like_jwt(value: &str) -> bool {
    value.starts_with("eyJ") && value.matches('.').count() == 2
}

/// JWTs in the text with their 1-based lines, including ones split by string concatenation
/// (`"eyJ…" +\n "…"`), adjacent literals, or line continuations.
pub fn jwts_in(text: &Text) -> Vec<(usize, String)> {
    static JOIN: OnceLock<Regex> = OnceLock::new();
    static JWT: OnceLock<Regex> = OnceLock::new();
    let join = regex(&JOIN, r#"["'`]\s*\+?\s*\r?\n\s*["'`]|\\\r?\n\s*"#);
    let jwt = regex(
        &JWT,
        r#"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}"#,
    );
    if !text.body.contains("eyJ") {
        return Vec::new();
    }
    // The text with joins cut out, and where each kept piece started in the original.
    let mut joined = String::with_capacity(text.body.len());
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for m in join.find_iter(&text.body) {
        pieces.push((joined.len(), from));
        joined.push_str(&text.body[from..m.start()]);
        from = m.end();
    }
    pieces.push((joined.len(), from));
    joined.push_str(&text.body[from..]);
    jwt.find_iter(&joined)
        .map(|m| {
            let piece = pieces
                .partition_point(|(start, _)| *start <= m.start())
                .saturating_sub(1);
            let (joined_start, original_start) = pieces[piece];
            (
                text.line_of(original_start + (m.start() - joined_start)),
                m.as_str().to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::encode_for_tests;

    fn app_token() -> String {
        encode_for_tests(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"aud":null,"iss":"AbCdEfGhIjKlMnOpQrStUv","exp":1700000000000,"iat":1690000000}"#,
        )
    }

    fn ctx() -> FileContext {
        FileContext {
            git_tracked: Some(true),
            git_ignored: false,
            now_unix: 1_790_000_000,
        }
    }

    #[test]
    fn env_settings_become_masked_findings_with_flags() {
        let body = format!("ZOOM_API_KEY=AbCdEfGhIjKlMnOpQrStUv\nZOOM_API_SECRET=\"s3cr3t#value-long-enough\"\nZOOM_JWT_TOKEN={}\nZOOM_API_KEY=${{LEGACY}}\n", app_token());
        let f = find_in(".env", &Text::new(body, false), Format::Env, ctx());
        assert_eq!(f.len(), 4);
        assert_eq!(
            (f[0].kind, f[0].masked.as_str()),
            (LegacyKind::ApiKey, "AbCd…Uv (22 chars)")
        );
        assert!(
            f[0].flags.contains(&Flag::CommittedToGit) && f[0].flags.contains(&Flag::Duplicate)
        );
        assert_eq!(f[1].masked, "s3… (24 chars)");
        let jwt = f[2].jwt.as_ref().expect("decoded");
        assert_eq!(jwt.issuer.as_deref(), Some("AbCd…Uv (22 chars)"));
        let serialized = serde_json::to_string(&f).expect("json");
        assert!(
            !serialized.contains("AbCdEfGhIjKlMnOpQrStUv") && !serialized.contains("s3cr3t"),
            "the API key or secret is in a serialized finding: {serialized}"
        );
        assert!(
            f[2].flags.contains(&Flag::Expired) && f[2].flags.contains(&Flag::ExpInMilliseconds)
        );
        assert_eq!(f[3].reference.as_deref(), Some("${LEGACY}"));
        assert!(
            !f[3].flags.contains(&Flag::CommittedToGit),
            "a reference is not a secret"
        );
        assert!(f.iter().all(|x| x.rewritable));
    }

    #[test]
    fn a_jwt_split_across_lines_in_code_is_found_once_on_its_first_line() {
        let t = app_token();
        let (a, b) = t.split_at(30);
        let body = format!("// zoom\nconst token = \"{a}\" +\n    \"{b}\";\n");
        let f = find_in(
            "a.js",
            &Text::new(body, false),
            Format::Code(crate::format::Language::JavaScript),
            ctx(),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].kind), (2, LegacyKind::JwtToken));
        assert!(!f[0].rewritable);
    }

    #[test]
    fn generic_names_need_zoom_in_the_file_and_sdk_tokens_are_flagged() {
        let plain = find_in(
            "c.json",
            &Text::new(r#"{"apiKey": "k123456789"}"#.into(), false),
            Format::Json,
            ctx(),
        );
        assert!(plain.is_empty(), "an apiKey of some other service");
        let zoom = find_in(
            "c.json",
            &Text::new(r#"{"zoom": {"apiKey": "k123456789"}}"#.into(), false),
            Format::Json,
            ctx(),
        );
        assert!(zoom[0].flags.contains(&Flag::GenericName));
        let sdk = encode_for_tests(
            r#"{"alg":"HS256"}"#,
            r#"{"appKey":"a","sdkKey":"a","mn":"1","role":0,"iat":1,"exp":2000000000}"#,
        );
        let f = find_in(
            "README.md",
            &Text::new(format!("token: {sdk}\n"), false),
            Format::Text,
            ctx(),
        );
        assert!(f[0].flags.contains(&Flag::SdkTokenNotMigrated));
    }
}
