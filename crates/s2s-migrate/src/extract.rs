//! Settings (`key = value`) in each format, with exactly where the key and the value sit, so a
//! rewrite can replace them in place and leave every other byte alone.
//!
//! Line-oriented by design (CONVENTIONS.md: rewrites of YAML/.env/INI are line-preserving
//! edits, not re-serialisation). YAML is followed far enough for docker-compose `environment:`
//! (map and `- KEY=value` list forms), Kubernetes `env:` (`- name:` / `value:`) and Secret
//! `data:` (base64), and block scalars (`|`, `>`).

use std::ops::Range;
use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use regex::Regex;

use crate::format::Format;
use crate::text::Text;

/// A span inside one line: 0-based line index, byte range within the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 0-based line index.
    pub line: usize,
    /// Start byte within the line.
    pub start: usize,
    /// End byte within the line.
    pub end: usize,
}

/// How the value is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// As written.
    Plain,
    /// Base64 (a Kubernetes Secret's `data:`).
    Base64,
}

/// One `key = value` found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The key, with its TOML/INI section (`zoom.api_key`) so a generic name can be judged.
    pub key: String,
    /// Where the bare key is written.
    pub key_at: Pos,
    /// The value, decoded (quotes removed, base64 decoded, block scalars joined).
    pub value: String,
    /// Where the value is written; `None` for a multi-line block scalar.
    pub value_at: Option<Pos>,
    /// The lines the setting occupies (0-based, end exclusive).
    pub lines: Range<usize>,
    /// Plain or base64.
    pub encoding: Encoding,
    /// The value comes from elsewhere (a Kubernetes `valueFrom`, or a compose variable passed
    /// through from the host): renaming the key, wherever the block names it, is the rewrite.
    pub by_reference: bool,
}

impl Setting {
    /// A setting whose key and value sit on one line `i`, the value exactly as written.
    fn on_line(
        i: usize,
        key: String,
        k: regex::Match<'_>,
        v: regex::Match<'_>,
        value: String,
    ) -> Setting {
        Setting {
            key,
            key_at: Pos {
                line: i,
                start: k.start(),
                end: k.end(),
            },
            value,
            value_at: Some(Pos {
                line: i,
                start: v.start(),
                end: v.end(),
            }),
            lines: i..i + 1,
            encoding: Encoding::Plain,
            by_reference: false,
        }
    }
}

/// The file's lines without terminators (`\r` dropped), as the extractors see them.
pub fn split_lines(text: &Text) -> Vec<&str> {
    text.body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Every setting in a config file (code: string assignments; text: none).
pub fn settings(text: &Text, format: Format) -> Vec<Setting> {
    let lines = split_lines(text);
    match format {
        Format::Env | Format::Shell => assignments(&lines, &['='], &['#'], false),
        Format::Toml => assignments(&lines, &['='], &['#'], true),
        Format::Ini => assignments(&lines, &['=', ':'], &['#', ';'], true),
        Format::Properties => assignments(&lines, &['=', ':'], &['#', '!'], false),
        Format::Json => json(&lines),
        Format::Yaml => yaml(&lines),
        Format::Code(_) => code(&lines),
        Format::Text => Vec::new(),
    }
}

/// A compiled literal pattern; every pattern here is exercised by the module's tests.
pub(crate) fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("literal patterns compile (tested)"))
}

/// A value after `from`: quoted (`"…"`, `'…'`) or bare up to a comment. Returns the value and
/// its byte range inside the line (inside the quotes).
fn value_at(line: &str, from: usize, comments: &[char]) -> (String, usize, usize) {
    let rest = &line[from..];
    let lead = rest.len() - rest.trim_start().len();
    let start = from + lead;
    let body = &line[start..];
    if let Some(q) = body.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let mut escaped = false;
        for (i, c) in body.char_indices().skip(1) {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                let inner = &body[1..i];
                let value = if q == '"' {
                    inner.replace("\\\"", "\"").replace("\\\\", "\\")
                } else {
                    inner.to_string()
                };
                return (value, start + 1, start + i);
            }
        }
        // No closing quote: take the rest as written.
        return (body[1..].to_string(), start + 1, line.len());
    }
    let mut end = line.len();
    let mut prev_space = true;
    for (i, c) in body.char_indices() {
        if comments.contains(&c) && prev_space {
            end = start + i;
            break;
        }
        prev_space = c.is_whitespace();
    }
    let value = line[start..end].trim_end();
    (value.to_string(), start, start + value.len())
}

/// `KEY=value`, `export KEY=value`, `key = "value"` (with `[section]` prefixes when asked).
fn assignments(lines: &[&str], seps: &[char], comments: &[char], sections: bool) -> Vec<Setting> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r#"^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.\-]*)\s*([=:])"#,
    );
    let mut section = String::new();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if sections && trimmed.starts_with('[') && trimmed.ends_with(']') {
            section = trimmed
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .trim_matches('"')
                .to_string();
            continue;
        }
        let Some(c) = re.captures(line) else { continue };
        let (Some(key), Some(sep)) = (c.get(2), c.get(3)) else {
            continue;
        };
        if !sep.as_str().chars().all(|s| seps.contains(&s)) {
            continue;
        }
        let (value, start, end) = value_at(line, sep.end(), comments);
        let full_key = if section.is_empty() {
            key.as_str().to_string()
        } else {
            format!("{section}.{}", key.as_str())
        };
        out.push(Setting {
            key: full_key,
            key_at: Pos {
                line: i,
                start: key.start(),
                end: key.end(),
            },
            value,
            value_at: Some(Pos {
                line: i,
                start,
                end,
            }),
            lines: i..i + 1,
            encoding: Encoding::Plain,
            by_reference: false,
        });
    }
    out
}

/// `"key": "value"` pairs (string values; nested objects give their inner keys).
fn json(lines: &[&str]) -> Vec<Setting> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r#""((?:[^"\\]|\\.){1,200})"\s*:\s*"((?:[^"\\]|\\.)*)""#,
    );
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for c in re.captures_iter(line) {
            let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let value = v
                .as_str()
                .replace("\\\"", "\"")
                .replace("\\/", "/")
                .replace("\\\\", "\\");
            out.push(Setting::on_line(i, k.as_str().to_string(), k, v, value));
        }
    }
    out
}

/// String assignments in source code: `ZOOM_API_KEY = "…"`, `apiKey: '…'`, `$apiKey = "…";`,
/// `'zoom_api_key' => '…'`, `define('ZOOM_API_KEY', '…')`, `apiKey := "…"`, `String apiKey = "…"`.
fn code(lines: &[&str]) -> Vec<Setting> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &RE,
        r#"([A-Za-z_$][A-Za-z0-9_$.]*)["'\]]?\s*(?::=|=>|=|:|,)\s*(?:@|new\s+String\()?["'`]([^"'`\r\n]{0,4096})["'`]"#,
    );
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for c in re.captures_iter(line) {
            let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let key = k.as_str().trim_start_matches('$');
            let key = key.rsplit('.').next().unwrap_or(key);
            out.push(Setting::on_line(
                i,
                key.to_string(),
                k,
                v,
                v.as_str().to_string(),
            ));
        }
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// YAML, line by line: see [`YamlWalk`].
fn yaml(lines: &[&str]) -> Vec<Setting> {
    YamlWalk::new(lines).run()
}

/// The YAML patterns, compiled once.
struct YamlPatterns {
    /// `key: value` (or `- key: value`), the key's quotes optional.
    key: &'static Regex,
    /// A compose list item `- NAME=value`.
    list_env: &'static Regex,
    /// A compose list item `- NAME`, passed through from the host.
    list_name: &'static Regex,
}

fn yaml_patterns() -> YamlPatterns {
    static KEY: OnceLock<Regex> = OnceLock::new();
    static LIST_ENV: OnceLock<Regex> = OnceLock::new();
    static LIST_NAME: OnceLock<Regex> = OnceLock::new();
    YamlPatterns {
        key: regex(
            &KEY,
            r#"^(\s*)(-\s+)?(["']?)([A-Za-z_][A-Za-z0-9_.\-]*)(["']?)\s*:(?:\s+|$)"#,
        ),
        list_env: regex(
            &LIST_ENV,
            r#"^(\s*)-\s+(["']?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)(["']?)\s*$"#,
        ),
        list_name: regex(
            &LIST_NAME,
            r#"^(\s*)-\s+(["']?)([A-Za-z_][A-Za-z0-9_]*)(["']?)\s*$"#,
        ),
    }
}

/// A walk over YAML lines with a stack of parent keys by indentation, far enough to read
/// compose files (maps and lists), Kubernetes env items (`- name:` + `value:`/`valueFrom:`) and
/// Secret `data:` (base64), and block scalars.
struct YamlWalk<'a> {
    lines: &'a [&'a str],
    patterns: YamlPatterns,
    out: Vec<Setting>,
    parents: Vec<(usize, String)>,
    secret_docs: Vec<bool>,
    doc: usize,
    /// A Kubernetes `- name: X` waiting for its `value:` at this indentation.
    pending_name: Option<(usize, Pos, String)>,
}

impl<'a> YamlWalk<'a> {
    fn new(lines: &'a [&'a str]) -> Self {
        Self {
            lines,
            patterns: yaml_patterns(),
            out: Vec::new(),
            parents: Vec::new(),
            secret_docs: secret_docs(lines),
            doc: 0,
            pending_name: None,
        }
    }

    fn run(mut self) -> Vec<Setting> {
        let mut i = 0;
        while i < self.lines.len() {
            i = self.line(i);
        }
        self.out
    }

    /// Reads line `i`; returns the next line to read.
    fn line(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let trimmed = line.trim();
        if trimmed == "---" {
            self.doc += 1;
            self.parents.clear();
            self.pending_name = None;
            return i + 1;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return i + 1;
        }
        if let Some(setting) = self.list_item(i) {
            self.out.push(setting);
            return i + 1;
        }
        let Some(c) = self.patterns.key.captures(line) else {
            return i + 1;
        };
        let (Some(k), Some(whole)) = (c.get(4), c.get(0)) else {
            return i + 1;
        };
        // The key's own indentation, counting a list dash as indentation.
        let indent = c.get(2).map_or(indent_of(line), |d| d.end());
        while self.parents.last().is_some_and(|(pi, _)| *pi >= indent) {
            self.parents.pop();
        }
        let key = k.as_str();
        let in_list_item = c.get(2).is_some();
        if key == "valueFrom" && self.pending_at(indent) {
            if let Some(next) = self.value_from_item(i, indent) {
                return next;
            }
        }
        let (raw_value, vstart, vend) = value_at(line, whole.end(), &['#']);
        if raw_value.is_empty() && !line[whole.end()..].trim_start().starts_with(['"', '\'']) {
            self.parents.push((indent, key.to_string()));
            return i + 1;
        }
        let (value, value_pos, end_line) = if raw_value.starts_with(['|', '>']) {
            let (value, end) = self.block_scalar(i, indent, raw_value.starts_with('>'));
            (value, None, end)
        } else {
            let pos = Pos {
                line: i,
                start: vstart,
                end: vend,
            };
            (raw_value, Some(pos), i + 1)
        };
        let key_pos = Pos {
            line: i,
            start: k.start(),
            end: k.end(),
        };
        if key == "name" && in_list_item {
            self.pending_name = value_pos.map(|p| (indent, p, value.clone()));
        } else if key == "value" && self.pending_at(indent) {
            if let Some((_, name_pos, name)) = self.pending_name.take() {
                self.out.push(Setting {
                    key: name,
                    key_at: name_pos,
                    value,
                    value_at: value_pos,
                    lines: name_pos.line..end_line,
                    encoding: Encoding::Plain,
                    by_reference: false,
                });
            }
        } else {
            let (value, encoding) = self.maybe_secret_data(value);
            self.out.push(Setting {
                key: key.to_string(),
                key_at: key_pos,
                value,
                value_at: value_pos,
                lines: i..end_line,
                encoding,
                by_reference: false,
            });
        }
        end_line
    }

    fn pending_at(&self, indent: usize) -> bool {
        self.pending_name
            .as_ref()
            .is_some_and(|(ni, _, _)| *ni == indent)
    }

    /// docker-compose list items: `- NAME=value`, or `- NAME` passed through from the host.
    fn list_item(&self, i: usize) -> Option<Setting> {
        let line = self.lines[i];
        if let Some(c) = self.patterns.list_env.captures(line) {
            let (k, v) = (c.get(3)?, c.get(4)?);
            return Some(Setting::on_line(
                i,
                k.as_str().to_string(),
                k,
                v,
                v.as_str().to_string(),
            ));
        }
        let k = self.patterns.list_name.captures(line)?.get(3)?;
        Some(Setting {
            key: k.as_str().to_string(),
            key_at: Pos {
                line: i,
                start: k.start(),
                end: k.end(),
            },
            value: String::new(),
            value_at: None,
            lines: i..i + 1,
            encoding: Encoding::Plain,
            by_reference: true,
        })
    }

    /// Kubernetes `- name: X` + `valueFrom:` (a Secret or ConfigMap key): the whole item is one
    /// setting by reference. Returns the line after the item.
    fn value_from_item(&mut self, i: usize, indent: usize) -> Option<usize> {
        let (_, name_pos, name) = self.pending_name.take()?;
        let mut j = i + 1;
        while j < self.lines.len()
            && !self.lines[j].trim().is_empty()
            && indent_of(self.lines[j]) > indent
        {
            j += 1;
        }
        self.out.push(Setting {
            key: name,
            key_at: name_pos,
            value: String::new(),
            value_at: None,
            lines: name_pos.line..j,
            encoding: Encoding::Plain,
            by_reference: true,
        });
        Some(j)
    }

    /// A `|` or `>` block scalar after line `i`: its joined value and the line after it.
    fn block_scalar(&self, i: usize, indent: usize, folded: bool) -> (String, usize) {
        let mut j = i + 1;
        let mut parts = Vec::new();
        while j < self.lines.len()
            && (self.lines[j].trim().is_empty() || indent_of(self.lines[j]) > indent)
        {
            parts.push(self.lines[j].trim());
            j += 1;
        }
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
            j -= 1;
        }
        (parts.join(if folded { " " } else { "\n" }), j)
    }

    /// Under a Kubernetes Secret's `data:`, values are base64: decoded when they decode.
    fn maybe_secret_data(&self, value: String) -> (String, Encoding) {
        let under_data = self.parents.last().is_some_and(|(_, p)| p == "data")
            && self.secret_docs.get(self.doc).copied().unwrap_or(false);
        if !under_data {
            return (value, Encoding::Plain);
        }
        match STANDARD
            .decode(value.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(decoded) => (decoded, Encoding::Base64),
            None => (value, Encoding::Plain),
        }
    }
}

/// Per YAML document: is it a Kubernetes Secret (`kind: Secret` at the top level)?
fn secret_docs(lines: &[&str]) -> Vec<bool> {
    let mut docs = vec![false];
    for line in lines {
        if line.trim() == "---" {
            docs.push(false);
        } else if line.starts_with("kind:")
            && line["kind:".len()..].trim().trim_matches(['"', '\'']) == "Secret"
        {
            if let Some(last) = docs.last_mut() {
                *last = true;
            }
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(body: &str, format: Format) -> Vec<(String, String, usize)> {
        settings(&Text::new(body.to_string(), false), format)
            .into_iter()
            .map(|s| (s.key, s.value, s.key_at.line + 1))
            .collect()
    }

    fn pair(k: &str, v: &str, line: usize) -> (String, String, usize) {
        (k.into(), v.into(), line)
    }

    #[test]
    fn env_values_keep_hashes_inside_quotes_and_drop_comments_outside() {
        let body =
            "# legacy\nexport ZOOM_API_KEY=abc123 # old\nZOOM_API_SECRET=\"s#cr3t\"\nEMPTY=\n";
        assert_eq!(
            kv(body, Format::Env),
            [
                pair("ZOOM_API_KEY", "abc123", 2),
                pair("ZOOM_API_SECRET", "s#cr3t", 3),
                pair("EMPTY", "", 4)
            ]
        );
    }

    #[test]
    fn toml_and_ini_sections_prefix_the_key() {
        assert_eq!(
            kv("[zoom]\napi_key = \"k\"\n", Format::Toml),
            [pair("zoom.api_key", "k", 2)]
        );
        assert_eq!(
            kv("[zoom]\napi_secret: s ; note\n", Format::Ini),
            [pair("zoom.api_secret", "s", 2)]
        );
    }

    #[test]
    fn json_pairs_anywhere_on_a_line() {
        assert_eq!(
            kv(
                "{\"zoom\": {\"apiKey\": \"k\", \"apiSecret\": \"s\"}}",
                Format::Json
            ),
            [pair("apiKey", "k", 1), pair("apiSecret", "s", 1)]
        );
    }

    #[test]
    fn compose_maps_lists_and_kubernetes_env_and_secrets() {
        let compose = "services:\n  app:\n    environment:\n      ZOOM_API_KEY: abc\n      - ZOOM_API_SECRET=xyz\n";
        assert_eq!(
            kv(compose, Format::Yaml),
            [
                pair("ZOOM_API_KEY", "abc", 4),
                pair("ZOOM_API_SECRET", "xyz", 5)
            ]
        );
        let k8s =
            "kind: Deployment\nspec:\n  env:\n    - name: ZOOM_API_KEY\n      value: \"abc\"\n";
        assert_eq!(kv(k8s, Format::Yaml)[1], pair("ZOOM_API_KEY", "abc", 4));
        let secret = "apiVersion: v1\nkind: Secret\ndata:\n  ZOOM_API_SECRET: c2VjcmV0\n---\nkind: ConfigMap\ndata:\n  ZOOM_API_KEY: plain\n";
        let found = settings(&Text::new(secret.into(), false), Format::Yaml);
        assert_eq!(
            (found[2].value.as_str(), found[2].encoding),
            ("secret", Encoding::Base64)
        );
        assert_eq!(
            (found[4].value.as_str(), found[4].encoding),
            ("plain", Encoding::Plain)
        );
    }

    #[test]
    fn references_are_settings_too_kubernetes_value_from_and_compose_pass_through() {
        let k8s = "env:\n  - name: ZOOM_API_SECRET\n    valueFrom:\n      secretKeyRef:\n        key: ZOOM_API_SECRET\n  - name: OTHER\n    value: x\n";
        let found = settings(&Text::new(k8s.into(), false), Format::Yaml);
        let s = found
            .iter()
            .find(|s| s.key == "ZOOM_API_SECRET")
            .expect("found");
        assert!(s.by_reference);
        assert_eq!(s.lines, 1..5);
        let compose = "services:\n  bot:\n    environment:\n      - ZOOM_API_KEY\n";
        let found = settings(&Text::new(compose.into(), false), Format::Yaml);
        assert!(found
            .iter()
            .any(|s| s.key == "ZOOM_API_KEY" && s.by_reference));
    }

    #[test]
    fn yaml_block_scalars_join_their_lines() {
        let body = "zoom:\n  jwt_token: >-\n    part1\n    part2\nnext: x\n";
        let found = kv(body, Format::Yaml);
        assert_eq!(found[0], pair("jwt_token", "part1 part2", 2));
        assert_eq!(found[1], pair("next", "x", 5));
    }

    #[test]
    fn code_assignments_in_many_languages() {
        let body = "const apiKey = 'k1';\n$zoom_api_secret = \"s1\";\ndefine('ZOOM_API_KEY', 'k2');\napiKey := \"k3\"\nString apiSecret = \"s2\";\nconfig.ZOOM_JWT_TOKEN = `t`;\n";
        let keys: Vec<_> = kv(body, Format::Code(crate::format::Language::JavaScript))
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect();
        for expected in [
            ("apiKey", "k1"),
            ("zoom_api_secret", "s1"),
            ("ZOOM_API_KEY", "k2"),
            ("apiKey", "k3"),
            ("apiSecret", "s2"),
            ("ZOOM_JWT_TOKEN", "t"),
        ] {
            assert!(
                keys.contains(&(expected.0.to_string(), expected.1.to_string())),
                "{expected:?} in {keys:?}"
            );
        }
    }
}
