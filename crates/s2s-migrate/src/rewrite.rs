//! The migrated config: each legacy setting replaced in place by the S2S settings — an API key
//! by the Account ID and Client ID, an API secret by the Client Secret, a lone JWT token by all
//! three — keeping order, comments, quoting, indentation, line endings and the BOM. Every byte
//! outside the replaced settings stays as it was. The preview shows the change with secrets masked.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use s2s_core::Secret;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::extract::{Encoding, Setting};
use crate::find::{is_reference, legacy_settings};
use crate::format::Format;
use crate::jwt::{decode, JwtKind};
use crate::mask::mask;
use crate::names::LegacyKind;
use crate::names::WEBHOOK_SECRET_TOKEN_NAME;
use crate::text::Text;

/// Written where the admin chose not to write the client secret.
pub const SECRET_PLACEHOLDER: &str = "REPLACE_WITH_ZOOM_CLIENT_SECRET";
/// Written for a Verification Token when no Secret Token was given.
pub const WEBHOOK_TOKEN_PLACEHOLDER: &str = "REPLACE_WITH_ZOOM_WEBHOOK_SECRET_TOKEN";

/// The names of the new settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewNames {
    /// Default `ZOOM_ACCOUNT_ID`.
    pub account_id: String,
    /// Default `ZOOM_CLIENT_ID`.
    pub client_id: String,
    /// Default `ZOOM_CLIENT_SECRET`.
    pub client_secret: String,
}

impl Default for NewNames {
    fn default() -> Self {
        Self {
            account_id: "ZOOM_ACCOUNT_ID".into(),
            client_id: "ZOOM_CLIENT_ID".into(),
            client_secret: "ZOOM_CLIENT_SECRET".into(),
        }
    }
}

impl NewNames {
    /// Names must be plain identifiers, or the config would not parse.
    pub fn validate(&self) -> Result<(), String> {
        for name in [&self.account_id, &self.client_id, &self.client_secret] {
            let ok = !name.is_empty()
                && name.len() <= 64
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
                && !name.starts_with(|c: char| c.is_ascii_digit());
            if !ok {
                return Err(format!("\"{name}\" is not a usable setting name: use letters, digits and _ (e.g. ZOOM_CLIENT_ID)"));
            }
        }
        Ok(())
    }
}

/// The values written.
#[derive(Clone, PartialEq, Eq)]
pub struct NewValues {
    /// The S2S app's Account ID.
    pub account_id: String,
    /// Its Client ID.
    pub client_id: String,
    /// The secret, only when the admin chose to write it.
    pub client_secret: Option<Secret>,
    /// The webhook Secret Token that replaces a Verification Token, when given (else a
    /// placeholder is written).
    pub webhook_secret_token: Option<Secret>,
}

impl NewValues {
    /// IDs are written into configs unescaped in some formats (`.env`, YAML plain scalars), so
    /// only the characters Zoom's IDs and secrets are made of pass — the Setup form's rule.
    pub fn validate(&self) -> Result<(), String> {
        let plain = |v: &str| {
            !v.is_empty()
                && v.len() <= 128
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        for (what, value) in [
            ("Account ID", &self.account_id),
            ("Client ID", &self.client_id),
        ] {
            if !plain(value) {
                return Err(format!(
                    "the {what} \"{}\" is not a Zoom ID: use only letters, digits, - and _, exactly as the app's App Credentials page shows it",
                    value.escape_debug()
                ));
            }
        }
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| !plain(s.expose()))
        {
            return Err("the client secret holds characters a Zoom client secret never has (spaces, quotes, line breaks…): copy it again from the app's App Credentials page".into());
        }
        if self
            .webhook_secret_token
            .as_ref()
            .is_some_and(|s| !plain(s.expose()))
        {
            return Err("the webhook Secret Token holds characters a Secret Token never has (spaces, quotes, line breaks…): copy it again from the app's Feature page".into());
        }
        Ok(())
    }
}

impl std::fmt::Debug for NewValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewValues")
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "webhook_secret_token",
                &self.webhook_secret_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// One file's rewrite.
#[derive(Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// Relative path.
    pub file: String,
    /// The bytes it was computed from (may hold the old secret: zeroed when dropped).
    pub before: Zeroizing<Vec<u8>>,
    /// The new bytes (may hold the new secret: zeroed when dropped).
    pub after: Zeroizing<Vec<u8>>,
    /// A unified-style diff built from text whose secrets are placeholders already.
    pub preview: String,
    /// Legacy settings replaced.
    pub replaced: usize,
}

impl std::fmt::Debug for Rewrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rewrite")
            .field("file", &self.file)
            .field("replaced", &self.replaced)
            .finish_non_exhaustive()
    }
}

/// Stands for the new client secret in previews: the preview is computed with it in place of
/// the real secret, so no secret can reach a preview whatever the file's layout.
pub const SECRET_SHOWN: &str = "•••••••• (the new client secret)";
/// What the preview shows where the webhook Secret Token will be written.
pub const WEBHOOK_TOKEN_SHOWN: &str = "•••••••• (the webhook Secret Token)";

/// Rewrites one config file; `None` when it has nothing to replace (or isn't text).
pub fn rewrite(
    file: &str,
    bytes: &[u8],
    format: Format,
    names: &NewNames,
    values: &NewValues,
) -> Option<Rewrite> {
    if !format.is_config() {
        return None;
    }
    let text = Text::from_bytes(bytes)?;
    let legacy = settings_to_replace(&text, format);
    if legacy.is_empty() {
        return None;
    }
    let lines: Vec<String> = text.body.split('\n').map(String::from).collect();
    let mut written = replace_settings(lines.clone(), &legacy, format, names, values, false);
    let mut after = Zeroizing::new(Vec::with_capacity(bytes.len() + 64));
    if text.bom {
        after.extend_from_slice(b"\xEF\xBB\xBF");
    }
    for (i, line) in written.lines.iter().enumerate() {
        if i > 0 {
            after.push(b'\n');
        }
        after.extend_from_slice(line.as_bytes());
    }
    written.lines.zeroize();
    let shown_values = NewValues {
        account_id: values.account_id.clone(),
        client_id: values.client_id.clone(),
        client_secret: Some(Secret::new(if values.client_secret.is_some() {
            SECRET_SHOWN
        } else {
            SECRET_PLACEHOLDER
        })),
        webhook_secret_token: Some(Secret::new(if values.webhook_secret_token.is_some() {
            WEBHOOK_TOKEN_SHOWN
        } else {
            WEBHOOK_TOKEN_PLACEHOLDER
        })),
    };
    let shown = replace_settings(lines, &legacy, format, names, &shown_values, true);
    Some(Rewrite {
        file: file.to_string(),
        before: Zeroizing::new(bytes.to_vec()),
        after,
        preview: format!(
            "--- {file}\n+++ {file} (migrated)\n{}",
            shown.hunks.concat()
        ),
        replaced: legacy.len(),
    })
}

/// The legacy settings a rewrite replaces, top to bottom (SDK tokens are not migrated).
fn settings_to_replace(text: &Text, format: Format) -> Vec<(Setting, LegacyKind)> {
    let mut legacy: Vec<(Setting, LegacyKind)> = legacy_settings(text, format)
        .into_iter()
        .filter(|l| decode(l.setting.value.trim()).is_none_or(|j| j.kind != JwtKind::ZoomSdk))
        .map(|l| {
            let kind = if decode(l.setting.value.trim()).is_some() {
                LegacyKind::JwtToken
            } else {
                l.name.kind
            };
            (l.setting, kind)
        })
        .collect();
    legacy.sort_by_key(|(s, _)| s.lines.start);
    legacy
}

/// Lines after replacement, and (when `for_preview`) one hunk per setting.
struct Replaced {
    lines: Vec<String>,
    hunks: Vec<String>,
}

/// Replaces every legacy setting in `lines`. For the preview, `values` holds placeholders and
/// base64 values are shown decoded, so what a person reads is what the config will mean.
fn replace_settings(
    mut lines: Vec<String>,
    legacy: &[(Setting, LegacyKind)],
    format: Format,
    names: &NewNames,
    values: &NewValues,
    for_preview: bool,
) -> Replaced {
    let has_key = legacy.iter().any(|(_, k)| *k == LegacyKind::ApiKey);
    let has_secret = legacy.iter().any(|(_, k)| *k == LegacyKind::ApiSecret);
    let secret = values
        .client_secret
        .as_ref()
        .map_or(SECRET_PLACEHOLDER, Secret::expose);
    let webhook_token = values
        .webhook_secret_token
        .as_ref()
        .map_or(WEBHOOK_TOKEN_PLACEHOLDER, Secret::expose);
    let mut hunks = Vec::new();
    // Bottom-up, so earlier line numbers stay valid.
    for (setting, kind) in legacy.iter().rev() {
        let copies: Vec<(&str, &str)> = match kind {
            LegacyKind::ApiKey => vec![
                (&names.account_id, &values.account_id),
                (&names.client_id, &values.client_id),
            ],
            LegacyKind::ApiSecret => vec![(&names.client_secret, secret)],
            // A token stands in for whatever the file doesn't already set another way.
            LegacyKind::JwtToken => {
                let mut c = Vec::new();
                if !has_key {
                    c.push((names.account_id.as_str(), values.account_id.as_str()));
                    c.push((names.client_id.as_str(), values.client_id.as_str()));
                }
                if !has_secret {
                    c.push((names.client_secret.as_str(), secret));
                }
                c
            }
            // Deprecated: events are verified with the Secret Token now (x-zm-signature).
            LegacyKind::VerificationToken => vec![(WEBHOOK_SECRET_TOKEN_NAME, webhook_token)],
        };
        let block = setting.lines.start.min(lines.len())..setting.lines.end.min(lines.len());
        let old: Vec<String> = lines[block.clone()].to_vec();
        let mut new: Vec<String> = Vec::new();
        for (i, (name, value)) in copies.iter().enumerate() {
            let last = i + 1 == copies.len();
            let encode = !for_preview;
            new.extend(copy_of(&old, setting, name, value, format, last, encode));
        }
        if copies.is_empty() && format == Format::Json {
            drop_dangling_comma(&mut lines, block.start, &old);
        }
        if for_preview {
            hunks.push(hunk(block.start, &old, setting, &new));
        }
        lines.splice(block, new);
    }
    hunks.reverse();
    Replaced { lines, hunks }
}

/// The setting's lines with the key renamed and the value replaced.
fn copy_of(
    old: &[String],
    setting: &Setting,
    name: &str,
    value: &str,
    format: Format,
    last: bool,
    encode: bool,
) -> Vec<String> {
    let start = setting.lines.start;
    if setting.by_reference {
        // The item only names the setting (and where its value lives): rename every mention.
        return old
            .iter()
            .map(|line| rename_word(line, &setting.key, name))
            .collect();
    }
    // `${ZOOM_API_KEY}` stays a reference, now to the new setting.
    let value = if is_reference(&setting.value) {
        format!("${{{name}}}")
    } else {
        value.to_string()
    };
    let encoded = match setting.encoding {
        Encoding::Base64 if encode => STANDARD.encode(&value),
        _ => value,
    };
    let mut out: Vec<String> = old.to_vec();
    match setting.value_at {
        Some(v) => {
            // Within one line, replace the later span first so the earlier one's offsets hold.
            let mut edits = [(setting.key_at, name), (v, encoded.as_str())];
            edits.sort_by_key(|(p, _)| std::cmp::Reverse((p.line, p.start)));
            for (pos, with) in edits {
                if let Some(line) = out.get_mut(pos.line - start) {
                    if pos.end <= line.len() {
                        line.replace_range(pos.start..pos.end, with);
                    }
                }
            }
        }
        None => {
            // A block scalar: one plain `key: "value"` line at the key's indentation.
            let first = &old[0];
            let cr = if first.ends_with('\r') { "\r" } else { "" };
            out = vec![format!(
                "{}{name}: \"{encoded}\"{cr}",
                &first[..setting.key_at.start]
            )];
        }
    }
    if format == Format::Json && !last {
        if let Some(line) = out.last_mut() {
            let cr = line.ends_with('\r');
            let body = line.trim_end_matches('\r').trim_end();
            if !body.ends_with(',') {
                *line = format!("{body},{}", if cr { "\r" } else { "" });
            }
        }
    }
    out
}

/// `text` with every whole-word `from` replaced by `to`.
fn rename_word(text: &str, from: &str, to: &str) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before_ok = !rest[..i].chars().next_back().is_some_and(is_word);
        let after_ok = !rest[i + from.len()..].chars().next().is_some_and(is_word);
        out.push_str(&rest[..i]);
        out.push_str(if before_ok && after_ok { to } else { from });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Removing a JSON object's last member leaves the previous member's comma dangling.
fn drop_dangling_comma(lines: &mut [String], at: usize, old: &[String]) {
    let removed_had_comma = old
        .last()
        .is_some_and(|l| l.trim_end_matches('\r').trim_end().ends_with(','));
    if removed_had_comma {
        return;
    }
    if let Some(prev) = lines[..at].iter_mut().rev().find(|l| !l.trim().is_empty()) {
        let cr = prev.ends_with('\r');
        let body = prev.trim_end_matches('\r').trim_end();
        if let Some(stripped) = body.strip_suffix(',') {
            *prev = format!("{stripped}{}", if cr { "\r" } else { "" });
        }
    }
}

/// One setting's change: the old lines with the old value masked where it is written (its
/// exact position, never a search), then the new lines, which already hold placeholders.
fn hunk(start: usize, old: &[String], setting: &Setting, new: &[String]) -> String {
    let mut out = format!("@@ line {} @@\n", start + 1);
    for (i, line) in old.iter().enumerate() {
        let mut shown = line.trim_end_matches('\r').to_string();
        match setting.value_at {
            Some(v)
                if v.line == start + i
                    && v.start < v.end
                    && shown.get(v.start..v.end).is_some() =>
            {
                shown.replace_range(v.start..v.end, &mask(&setting.value, true));
            }
            // A block scalar's value lines: the indentation, then an ellipsis.
            None if !setting.by_reference && i > 0 => {
                shown = format!("{}…", &shown[..shown.len() - shown.trim_start().len()]);
            }
            _ => {}
        }
        out.push_str(&format!("-{shown}\n"));
    }
    for line in new {
        out.push_str(&format!("+{}\n", line.trim_end_matches('\r')));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(secret: Option<&str>) -> NewValues {
        NewValues {
            account_id: "AcctAcctAcctAcctAcct01".into(),
            client_id: "ClientClientClient0001".into(),
            client_secret: secret.map(Secret::new),
            webhook_secret_token: None,
        }
    }

    fn migrated(body: &str, format: Format) -> String {
        let r = rewrite(
            "f",
            body.as_bytes(),
            format,
            &NewNames::default(),
            &values(None),
        )
        .expect("rewritten");
        String::from_utf8(r.after.to_vec()).expect("utf8")
    }

    #[test]
    fn a_verification_token_becomes_the_webhook_secret_token_placeholder_or_the_given_token() {
        let env = "ZOOM_API_KEY=oldkey\nZOOM_VERIFICATION_TOKEN=oldVerification1\n";
        assert_eq!(
            migrated(env, Format::Env),
            "ZOOM_ACCOUNT_ID=AcctAcctAcctAcctAcct01\nZOOM_CLIENT_ID=ClientClientClient0001\nZOOM_WEBHOOK_SECRET_TOKEN=REPLACE_WITH_ZOOM_WEBHOOK_SECRET_TOKEN\n"
        );
        let json = "{\n  \"zoom\": {\n    \"verificationToken\": \"oldVerification1\"\n  }\n}\n";
        let given = NewValues {
            webhook_secret_token: Some(Secret::new("newSecretToken0001")),
            ..values(None)
        };
        let r = rewrite(
            "f",
            json.as_bytes(),
            Format::Json,
            &NewNames::default(),
            &given,
        )
        .expect("rewritten");
        let after = String::from_utf8(r.after.to_vec()).unwrap_or_default();
        assert!(
            after.contains("\"ZOOM_WEBHOOK_SECRET_TOKEN\": \"newSecretToken0001\""),
            "{after}"
        );
        assert!(
            !r.preview.contains("newSecretToken0001"),
            "the preview never shows it"
        );
        assert!(r.preview.contains(WEBHOOK_TOKEN_SHOWN));
    }

    #[test]
    fn env_keeps_order_comments_quotes_and_crlf() {
        let body = "# Zoom\r\nexport ZOOM_API_KEY=\"oldkey\" # legacy\r\nOTHER=1\r\nZOOM_API_SECRET='oldsecret'\r\n";
        assert_eq!(
            migrated(body, Format::Env),
            "# Zoom\r\nexport ZOOM_ACCOUNT_ID=\"AcctAcctAcctAcctAcct01\" # legacy\r\nexport ZOOM_CLIENT_ID=\"ClientClientClient0001\" # legacy\r\nOTHER=1\r\nZOOM_CLIENT_SECRET='REPLACE_WITH_ZOOM_CLIENT_SECRET'\r\n"
        );
    }

    #[test]
    fn a_lone_jwt_token_becomes_all_three_and_with_a_pair_it_goes() {
        let token = crate::jwt::encode_for_tests(
            r#"{"alg":"HS256"}"#,
            r#"{"iss":"AbCdEfGhIjKlMnOpQrStUv","exp":1}"#,
        );
        assert_eq!(
            migrated(&format!("ZOOM_JWT_TOKEN={token}\n"), Format::Env),
            "ZOOM_ACCOUNT_ID=AcctAcctAcctAcctAcct01\nZOOM_CLIENT_ID=ClientClientClient0001\nZOOM_CLIENT_SECRET=REPLACE_WITH_ZOOM_CLIENT_SECRET\n"
        );
        let with_pair = format!("ZOOM_API_KEY=k\nZOOM_JWT_TOKEN={token}\nZOOM_API_SECRET=s\n");
        assert_eq!(
            migrated(&with_pair, Format::Env),
            "ZOOM_ACCOUNT_ID=AcctAcctAcctAcctAcct01\nZOOM_CLIENT_ID=ClientClientClient0001\nZOOM_CLIENT_SECRET=REPLACE_WITH_ZOOM_CLIENT_SECRET\n"
        );
    }

    #[test]
    fn json_commas_stay_valid() {
        let body = "{\n  \"zoom_api_key\": \"k\",\n  \"zoom_api_secret\": \"s\"\n}\n";
        let out = migrated(body, Format::Json);
        assert_eq!(out, "{\n  \"ZOOM_ACCOUNT_ID\": \"AcctAcctAcctAcctAcct01\",\n  \"ZOOM_CLIENT_ID\": \"ClientClientClient0001\",\n  \"ZOOM_CLIENT_SECRET\": \"REPLACE_WITH_ZOOM_CLIENT_SECRET\"\n}\n");
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }

    #[test]
    fn kubernetes_secret_data_stays_base64_and_the_bom_stays() {
        let body = "\u{feff}kind: Secret\ndata:\n  ZOOM_API_SECRET: b2xk\n";
        let r = rewrite(
            "s.yaml",
            body.as_bytes(),
            Format::Yaml,
            &NewNames::default(),
            &values(Some("newsecret")),
        )
        .expect("rewritten");
        let out = String::from_utf8(r.after.to_vec()).expect("utf8");
        assert_eq!(
            out,
            format!(
                "\u{feff}kind: Secret\ndata:\n  ZOOM_CLIENT_SECRET: {}\n",
                STANDARD.encode("newsecret")
            )
        );
        assert!(
            !r.preview.contains("newsecret") && !r.preview.contains("b2xk"),
            "{}",
            r.preview
        );
    }

    #[test]
    fn a_secret_on_the_line_after_its_name_is_a_placeholder_in_the_preview() {
        // `- name: ZOOM_API_SECRET` (unquoted, at the line's end) with its value below: the
        // old preview searched the name's line, printed the value below in clear, and panicked.
        let body = "env:\n  - name: ZOOM_API_SECRET\n    value: oldsecretvalue123\n";
        let r = rewrite(
            "d.yaml",
            body.as_bytes(),
            Format::Yaml,
            &NewNames::default(),
            &values(Some("TheNewSecret0123456789")),
        )
        .expect("rewritten");
        assert!(String::from_utf8_lossy(&r.after).contains("value: TheNewSecret0123456789"));
        assert_eq!(
            r.preview,
            format!("--- d.yaml\n+++ d.yaml (migrated)\n@@ line 2 @@\n-  - name: ZOOM_API_SECRET\n-    value: ol… (17 chars)\n+  - name: ZOOM_CLIENT_SECRET\n+    value: {SECRET_SHOWN}\n")
        );
    }

    #[test]
    fn references_stay_references_under_the_new_names() {
        let deployment = "env:\n  - name: ZOOM_API_SECRET\n    valueFrom:\n      secretKeyRef: { name: zoom, key: ZOOM_API_SECRET }\n";
        assert_eq!(
            migrated(deployment, Format::Yaml),
            "env:\n  - name: ZOOM_CLIENT_SECRET\n    valueFrom:\n      secretKeyRef: { name: zoom, key: ZOOM_CLIENT_SECRET }\n"
        );
        let compose = "environment:\n  ZOOM_API_KEY: ${ZOOM_API_KEY}\n  - ZOOM_API_SECRET\n";
        assert_eq!(
            migrated(compose, Format::Yaml),
            "environment:\n  ZOOM_ACCOUNT_ID: ${ZOOM_ACCOUNT_ID}\n  ZOOM_CLIENT_ID: ${ZOOM_CLIENT_ID}\n  - ZOOM_CLIENT_SECRET\n"
        );
        assert_eq!(
            rename_word("A_KEY AA_KEY A_KEY_2 A_KEY", "A_KEY", "B"),
            "B AA_KEY A_KEY_2 B"
        );
    }

    #[test]
    fn files_without_legacy_settings_are_left_alone() {
        assert!(rewrite(
            "f",
            b"A=1\n",
            Format::Env,
            &NewNames::default(),
            &values(None)
        )
        .is_none());
        assert!(rewrite(
            "f",
            b"const apiKey = 'x' // zoom",
            Format::Code(crate::format::Language::JavaScript),
            &NewNames::default(),
            &values(None)
        )
        .is_none());
    }
}
