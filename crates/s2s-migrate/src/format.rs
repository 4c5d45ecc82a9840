//! Which kind of file a path is: a config format whose settings can be rewritten, or source code
//! in a language we can give token-handling guidance for.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// A language the code guidance covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// JavaScript (Node.js).
    JavaScript,
    /// TypeScript.
    TypeScript,
    /// Python.
    Python,
    /// PHP.
    Php,
    /// Ruby.
    Ruby,
    /// Java.
    Java,
    /// C#.
    CSharp,
    /// Go.
    Go,
}

/// A file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "format", content = "language", rename_all = "snake_case")]
pub enum Format {
    /// `.env` files: `KEY=value`.
    Env,
    /// Shell scripts: `export KEY=value`.
    Shell,
    /// JSON.
    Json,
    /// YAML, including docker-compose and Kubernetes manifests.
    Yaml,
    /// TOML.
    Toml,
    /// INI / `.cfg` / `.conf`.
    Ini,
    /// Java `.properties`.
    Properties,
    /// Source code.
    Code(Language),
    /// Any other text: searched for JWTs only.
    Text,
}

impl Format {
    /// Config formats are rewritten; code gets guidance instead.
    pub fn is_config(self) -> bool {
        !matches!(self, Format::Code(_) | Format::Text)
    }

    /// The format of a path, by name and extension.
    pub fn of(path: &Path) -> Format {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if is_env_name(&name) {
            return Format::Env;
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        match ext {
            "sh" | "bash" | "zsh" | "envrc" | "profile" | "bashrc" | "zshrc" => Format::Shell,
            "json" => Format::Json,
            "yml" | "yaml" => Format::Yaml,
            "toml" => Format::Toml,
            "ini" | "cfg" | "conf" => Format::Ini,
            "properties" => Format::Properties,
            "js" | "mjs" | "cjs" | "jsx" => Format::Code(Language::JavaScript),
            "ts" | "tsx" | "mts" | "cts" => Format::Code(Language::TypeScript),
            "py" => Format::Code(Language::Python),
            "php" => Format::Code(Language::Php),
            "rb" => Format::Code(Language::Ruby),
            "java" | "kt" => Format::Code(Language::Java),
            "cs" => Format::Code(Language::CSharp),
            "go" => Format::Code(Language::Go),
            _ => Format::Text,
        }
    }
}

/// `.env`, `.env.production`, `prod.env`, `env.local`: files that exist to hold settings.
pub fn is_env_name(lower_name: &str) -> bool {
    lower_name == ".env"
        || lower_name.starts_with(".env.")
        || lower_name.ends_with(".env")
        || lower_name.starts_with("env.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        let cases = [
            (".env", Format::Env),
            (".env.production", Format::Env),
            ("deploy/prod.env", Format::Env),
            ("start.sh", Format::Shell),
            ("docker-compose.yml", Format::Yaml),
            ("k8s/secret.yaml", Format::Yaml),
            ("config.json", Format::Json),
            ("app.toml", Format::Toml),
            ("settings.ini", Format::Ini),
            ("application.properties", Format::Properties),
            ("src/zoom.ts", Format::Code(Language::TypeScript)),
            ("Zoom.cs", Format::Code(Language::CSharp)),
            ("README.md", Format::Text),
        ];
        for (path, expected) in cases {
            assert_eq!(Format::of(Path::new(path)), expected, "{path}");
        }
    }
}
