//! A rotated secret carried into a file that uses it (a consumer of a profile's secret): the one
//! setting's value replaced where it is written, in every format the scanner reads (`.env`, JSON,
//! YAML, TOML, docker-compose `environment:`, a Kubernetes Secret's base64 `data:` or
//! `stringData:`), the rest of the file byte for byte (BOM, CRLF, quoting, comments), through
//! the same apply as a migration: atomic, backed up beside the file, undoable.

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use s2s_core::deliver::Delivery;
use s2s_core::profiles::consumers::SettingWriter;
use s2s_core::Secret;
use zeroize::Zeroizing;

use crate::apply::{apply, ApplyError, FaultInjection, Journal};
use crate::extract::{settings, Encoding};
use crate::format::Format;
use crate::rewrite::Rewrite;
use crate::text::Text;

/// Why a file's setting was not written; the file is as it was.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The file could not be read.
    #[error("{0} could not be read ({1})")]
    Unreadable(String, std::io::Error),
    /// Not a configuration format S2S Desk reads, or not text.
    #[error("{0} is not a configuration file S2S Desk can edit (.env, JSON, YAML, TOML, docker-compose, a Kubernetes Secret)")]
    NotAConfig(String),
    /// The setting is not in the file.
    #[error("{0} has no setting {1}: add it to the file, or correct the consumer's setting name")]
    NotFound(String, String),
    /// More than one place sets it.
    #[error("{0} sets {1} in {2} places: S2S Desk will not guess which one the deployment reads")]
    Ambiguous(String, String, usize),
    /// The value is written over several lines, or comes from elsewhere.
    #[error(
        "{0} sets {1} from elsewhere or over several lines: change it where its value is written"
    )]
    NotInPlace(String, String),
    /// A value that would need quoting or escaping (Zoom's secrets never do).
    #[error("the new secret holds characters this file would need escaped; nothing was written")]
    UnsafeValue,
    /// Writing failed; nothing was written.
    #[error(transparent)]
    Apply(#[from] ApplyError),
}

/// Sets `setting` in the file at `path` to `secret`; the journal its undo takes.
pub fn set_secret(path: &Path, setting: &str, secret: &Secret) -> Result<Journal, DeployError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DeployError::Unreadable(shown.clone(), e))?;
    let format = Format::of(path);
    let text = Text::from_bytes(&bytes)
        .filter(|_| format.is_config())
        .ok_or_else(|| DeployError::NotAConfig(shown.clone()))?;
    let section_suffix = format!(".{setting}");
    let found: Vec<_> = settings(&text, format)
        .into_iter()
        .filter(|s| s.key == setting || s.key.ends_with(&section_suffix))
        .collect();
    let target = match found.as_slice() {
        [] => return Err(DeployError::NotFound(shown, setting.into())),
        [one] => one,
        many => return Err(DeployError::Ambiguous(shown, setting.into(), many.len())),
    };
    let at = match (&target.value_at, target.by_reference) {
        (Some(at), false) => at,
        _ => return Err(DeployError::NotInPlace(shown, setting.into())),
    };
    if !secret
        .expose()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    {
        return Err(DeployError::UnsafeValue);
    }
    let value = Zeroizing::new(match target.encoding {
        Encoding::Base64 => STANDARD.encode(secret.expose()),
        Encoding::Plain => secret.expose().to_string(),
    });
    let mut after = Zeroizing::new(Vec::with_capacity(bytes.len() + value.len()));
    if text.bom {
        after.extend_from_slice(b"\xEF\xBB\xBF");
    }
    for (i, line) in text.body.split('\n').enumerate() {
        if i > 0 {
            after.push(b'\n');
        }
        if i == at.line {
            after.extend_from_slice(&line.as_bytes()[..at.start]);
            after.extend_from_slice(value.as_bytes());
            after.extend_from_slice(&line.as_bytes()[at.end..]);
        } else {
            after.extend_from_slice(line.as_bytes());
        }
    }
    let root = path.parent().unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rewrite = Rewrite {
        file,
        before: Zeroizing::new(bytes),
        after,
        preview: String::new(),
        replaced: 1,
    };
    Ok(apply(
        root,
        &[rewrite],
        s2s_core::clock::now_unix(),
        FaultInjection::default(),
    )?)
}

/// A setting that holds an S2S app's client secret, found in a project: a consumer to add.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SecretSetting {
    /// The file, absolute.
    pub path: String,
    /// The setting's name as [`set_secret`] takes it (without its section).
    pub setting: String,
    /// 1-based line.
    pub line: usize,
    /// [`set_secret`] can write it here (its value is on one line, not from elsewhere).
    pub writable: bool,
}

/// How many files a search for secret settings reads at most (a home folder given by mistake).
pub const SEARCH_LIMIT: usize = 20_000;

/// Every client-secret setting (`ZOOM_CLIENT_SECRET`, `zoom.client_secret`, `clientSecret`…)
/// in the config files under `root` (a file or a folder; git-ignored `.env` files included,
/// dependency and build folders skipped), by file then line.
pub fn secret_settings(root: &Path) -> Vec<SecretSetting> {
    let files: Vec<std::path::PathBuf> = if root.is_file() {
        vec![root.to_path_buf()]
    } else {
        crate::scan::walker(root, false)
            .build()
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .filter(|p| Format::of(p).is_config())
            .take(SEARCH_LIMIT)
            .collect()
    };
    let mut found = Vec::new();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Some(text) = Text::from_bytes(&bytes) else {
            continue;
        };
        for s in settings(&text, Format::of(&path)) {
            let name = s.key.rsplit('.').next().unwrap_or(&s.key);
            let plain: String = name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if plain.ends_with("clientsecret") {
                found.push(SecretSetting {
                    path: std::path::absolute(&path)
                        .unwrap_or(path.clone())
                        .display()
                        .to_string(),
                    setting: name.to_string(),
                    line: s.key_at.line + 1,
                    writable: s.value_at.is_some() && !s.by_reference,
                });
            }
        }
    }
    found.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    found
}

/// The app's and the CLI's writer of file consumers.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProjectFiles;

impl SettingWriter for ProjectFiles {
    fn write(&self, path: &Path, setting: &str, secret: &Secret) -> Delivery {
        match set_secret(path, setting, secret) {
            Ok(journal) => Delivery::Done {
                output: format!(
                    "{setting} set in {}; the file as it was is in {}",
                    s2s_core::display::inert(&path.display().to_string()),
                    s2s_core::display::inert(&journal.backup_dir)
                ),
            },
            Err(e) => Delivery::NotStarted {
                reason: s2s_core::display::inert(&e.to_string()).into_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "oldSecretOldSecretOldSecret00001";
    const NEW: &str = "newSecretNewSecretNewSecret12345";

    #[test]
    fn a_projects_client_secret_settings_are_found_as_consumers_to_add() {
        let dir = tempfile::tempdir().expect("tempdir");
        let put = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("written");
        };
        put(
            ".env",
            &format!("ZOOM_ACCOUNT_ID=a\nZOOM_CLIENT_SECRET={OLD}\n"),
        );
        put(
            "config/app.toml",
            &format!("[zoom]\nclient_secret = '{OLD}'\n"),
        );
        put(
            "k8s/secret.yaml",
            "kind: Deployment\nspec:\n  env:\n    - name: ZOOM_CLIENT_SECRET\n      valueFrom:\n        secretKeyRef: {name: zoom, key: s}\n",
        );
        put(
            "node_modules/lib/.env",
            &format!("ZOOM_CLIENT_SECRET={OLD}\n"),
        );
        put("src/main.rs", "const ZOOM_CLIENT_SECRET: &str = \"x\";\n");
        let found: Vec<(String, String, bool)> = secret_settings(dir.path())
            .into_iter()
            .map(|s| {
                let rel = Path::new(&s.path)
                    .strip_prefix(dir.path())
                    .expect("inside")
                    .display()
                    .to_string()
                    .replace('\\', "/");
                (rel, s.setting, s.writable)
            })
            .collect();
        let expected = [
            (".env", "ZOOM_CLIENT_SECRET", true),
            ("config/app.toml", "client_secret", true),
        ];
        let expected: Vec<(String, String, bool)> = expected
            .iter()
            .map(|(f, s, w)| (f.to_string(), s.to_string(), *w))
            .collect();
        assert_eq!(
            found
                .iter()
                .filter(|f| !f.0.starts_with("k8s"))
                .cloned()
                .collect::<Vec<_>>(),
            expected,
            "dependency folders and code are not deployments"
        );
        assert!(
            found.iter().all(|f| !f.0.starts_with("k8s") || !f.2),
            "a value from elsewhere is found but not writable: {found:?}"
        );
    }

    fn written(name: &str, before: &str) -> (tempfile::TempDir, std::path::PathBuf, Journal) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(name);
        std::fs::write(&path, before).expect("written");
        let journal = set_secret(&path, "ZOOM_CLIENT_SECRET", &Secret::new(NEW)).expect("set");
        (dir, path, journal)
    }

    #[test]
    fn each_format_gets_the_new_value_where_the_old_one_was_and_nothing_else_changes() {
        let b64 = |s: &str| STANDARD.encode(s);
        let cases = [
            (
                ".env",
                format!("\u{feff}# app\r\nZOOM_CLIENT_ID=abc\r\nZOOM_CLIENT_SECRET=\"{OLD}\"\r\n"),
                format!("\u{feff}# app\r\nZOOM_CLIENT_ID=abc\r\nZOOM_CLIENT_SECRET=\"{NEW}\"\r\n"),
            ),
            (
                "config.json",
                format!("{{\n  \"zoom\": {{ \"ZOOM_CLIENT_SECRET\": \"{OLD}\", \"x\": 1 }}\n}}\n"),
                format!("{{\n  \"zoom\": {{ \"ZOOM_CLIENT_SECRET\": \"{NEW}\", \"x\": 1 }}\n}}\n"),
            ),
            (
                "settings.toml",
                format!("[zoom]\nZOOM_CLIENT_SECRET = '{OLD}' # rotated by S2S Desk\n"),
                format!("[zoom]\nZOOM_CLIENT_SECRET = '{NEW}' # rotated by S2S Desk\n"),
            ),
            (
                "docker-compose.yml",
                format!("services:\n  bot:\n    environment:\n      ZOOM_CLIENT_SECRET: {OLD}\n"),
                format!("services:\n  bot:\n    environment:\n      ZOOM_CLIENT_SECRET: {NEW}\n"),
            ),
            (
                "secret.yaml",
                format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: zoom\ndata:\n  ZOOM_CLIENT_SECRET: {}\n", b64(OLD)),
                format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: zoom\ndata:\n  ZOOM_CLIENT_SECRET: {}\n", b64(NEW)),
            ),
            (
                "secret-string.yaml",
                format!("apiVersion: v1\nkind: Secret\nstringData:\n  ZOOM_CLIENT_SECRET: \"{OLD}\"\n"),
                format!("apiVersion: v1\nkind: Secret\nstringData:\n  ZOOM_CLIENT_SECRET: \"{NEW}\"\n"),
            ),
        ];
        for (name, before, expected) in cases {
            let (_dir, path, journal) = written(name, &before);
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                expected,
                "{name}"
            );
            crate::apply::undo(&journal.path()).expect("undone");
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                before,
                "{name}: undo restores it"
            );
        }
    }

    #[test]
    fn a_setting_missing_twice_or_unsafe_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".env");
        let set = |text: &str, secret: &str| {
            std::fs::write(&path, text).expect("written");
            let outcome = set_secret(&path, "ZOOM_CLIENT_SECRET", &Secret::new(secret));
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                text,
                "unchanged"
            );
            outcome.expect_err("refused")
        };
        assert!(matches!(set("OTHER=1\n", NEW), DeployError::NotFound(..)));
        assert!(matches!(
            set(
                &format!("ZOOM_CLIENT_SECRET={OLD}\nZOOM_CLIENT_SECRET={OLD}\n"),
                NEW
            ),
            DeployError::Ambiguous(_, _, 2)
        ));
        assert!(matches!(
            set(&format!("ZOOM_CLIENT_SECRET={OLD}\n"), "new\"secret"),
            DeployError::UnsafeValue
        ));
        let refused = set(&format!("ZOOM_CLIENT_SECRET={OLD}\n"), "new\"secret").to_string();
        assert!(
            !refused.contains(OLD) && !refused.contains("new\"secret"),
            "no secret in the error: {refused}"
        );
    }
}
