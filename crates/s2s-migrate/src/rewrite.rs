//! The migrated config: each legacy setting replaced in place by the S2S settings — an API key
//! by the Account ID and Client ID, an API secret by the Client Secret, a lone JWT token by all
//! three — keeping order, comments, quoting, indentation, line endings and the BOM. Every byte
//! outside the replaced settings stays as it was. The preview shows the change with secrets masked.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::extract::{Encoding, Setting};
use crate::find::{is_reference, legacy_settings};
use crate::format::Format;
use crate::jwt::{decode, JwtKind};
use crate::mask::mask;
use crate::names::LegacyKind;
use crate::text::Text;

/// Written where the admin chose not to write the client secret.
pub const SECRET_PLACEHOLDER: &str = "REPLACE_WITH_ZOOM_CLIENT_SECRET";

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
    pub client_secret: Option<String>,
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
            .finish()
    }
}

/// One file's rewrite.
#[derive(Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// Relative path.
    pub file: String,
    /// The bytes it was computed from.
    pub before: Vec<u8>,
    /// The new bytes.
    pub after: Vec<u8>,
    /// A unified-style diff, secrets masked.
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
    let mut legacy: Vec<(Setting, LegacyKind)> = legacy_settings(&text, format)
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
    if legacy.is_empty() {
        return None;
    }
    let has_key = legacy.iter().any(|(_, k)| *k == LegacyKind::ApiKey);
    let has_secret = legacy.iter().any(|(_, k)| *k == LegacyKind::ApiSecret);
    legacy.sort_by_key(|(s, _)| s.lines.start);
    let mut lines: Vec<String> = text.body.split('\n').map(String::from).collect();
    let secret = values
        .client_secret
        .as_deref()
        .unwrap_or(SECRET_PLACEHOLDER);
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
        };
        let block = setting.lines.start..setting.lines.end.min(lines.len());
        let old: Vec<String> = lines[block.clone()].to_vec();
        let mut new: Vec<String> = Vec::new();
        for (i, (name, value)) in copies.iter().enumerate() {
            let last = i + 1 == copies.len();
            new.extend(copy_of(&old, setting, name, value, format, last));
        }
        if copies.is_empty() && format == Format::Json {
            drop_dangling_comma(&mut lines, block.start, &old);
        }
        hunks.push(hunk(
            block.start,
            &old,
            setting,
            &new,
            names,
            values.client_secret.is_some(),
        ));
        lines.splice(block, new);
    }
    hunks.reverse();
    let mut after = Vec::with_capacity(bytes.len() + 64);
    if text.bom {
        after.extend_from_slice(b"\xEF\xBB\xBF");
    }
    after.extend_from_slice(lines.join("\n").as_bytes());
    Some(Rewrite {
        file: file.to_string(),
        before: bytes.to_vec(),
        after,
        preview: format!("--- {file}\n+++ {file} (migrated)\n{}", hunks.join("")),
        replaced: legacy.len(),
    })
}

/// The setting's lines with the key renamed and the value replaced.
fn copy_of(
    old: &[String],
    setting: &Setting,
    name: &str,
    value: &str,
    format: Format,
    last: bool,
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
        Encoding::Base64 => STANDARD.encode(&value),
        Encoding::Plain => value,
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

fn hunk(
    start: usize,
    old: &[String],
    setting: &Setting,
    new: &[String],
    names: &NewNames,
    secret_written: bool,
) -> String {
    let mut out = format!("@@ line {} @@\n", start + 1);
    for (i, line) in old.iter().enumerate() {
        let mut shown = line.trim_end_matches('\r').to_string();
        if let Some(v) = setting
            .value_at
            .filter(|v| v.line - start == i && v.end <= shown.len())
        {
            if v.end > v.start {
                shown.replace_range(v.start..v.end, &mask(&setting.value, true));
            }
        } else if setting.value_at.is_none() && !setting.by_reference && i > 0 {
            shown = format!("{}…", &shown[..shown.len() - shown.trim_start().len()]);
        }
        out.push_str(&format!("-{shown}\n"));
    }
    for line in new {
        let mut shown = line.trim_end_matches('\r').to_string();
        if secret_written && shown.contains(&names.client_secret) {
            shown = mask_after_key(&shown, &names.client_secret);
        }
        out.push_str(&format!("+{shown}\n"));
    }
    out
}

/// Masks whatever follows the secret's key on a preview line.
fn mask_after_key(line: &str, key: &str) -> String {
    match line.find(key) {
        Some(i) => format!("{}••••••••", &line[..i + key.len() + 1]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(secret: Option<&str>) -> NewValues {
        NewValues {
            account_id: "AcctAcctAcctAcctAcct01".into(),
            client_id: "ClientClientClient0001".into(),
            client_secret: secret.map(String::from),
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
        String::from_utf8(r.after).expect("utf8")
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
        let out = String::from_utf8(r.after).expect("utf8");
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
