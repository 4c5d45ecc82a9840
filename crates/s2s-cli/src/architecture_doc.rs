//! ARCHITECTURE.md's use-case table names core calls, app commands and CLI commands. This test
//! fails when one of them no longer exists, so the table a newcomer reads first stays true.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

const START: &str = "<!-- use-cases";
const END: &str = "<!-- /use-cases -->";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The table's rows: use case, core call, app command, CLI.
fn rows() -> Vec<Vec<String>> {
    let doc =
        std::fs::read_to_string(workspace().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = doc.find(START).expect("the use-case table's start marker");
    let end = doc.find(END).expect("the use-case table's end marker");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---") && !l.starts_with("| use case"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// What a cell puts in backticks.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// `A::{b, c}` → `A::b`, `A::c`.
fn expanded(path: &str) -> Vec<String> {
    match path.split_once("::{") {
        Some((prefix, rest)) => rest
            .trim_end_matches('}')
            .split(',')
            .map(|item| format!("{prefix}::{}", item.trim()))
            .collect(),
        None => vec![path.to_string()],
    }
}

/// Every Rust source of the workspace, as one text.
fn sources() -> String {
    fn walk(dir: &Path, text: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, text);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut text = String::new();
    for dir in ["crates", "src-tauri/src"] {
        walk(&workspace().join(dir), &mut text);
    }
    text
}

/// Whether `text` has `keyword name` followed by something that ends a name.
fn declares(text: &str, keyword: &str, name: &str) -> bool {
    let needle = format!("{keyword} {name}");
    text.match_indices(&needle).any(|(at, _)| {
        text[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the doc and the sources are the same on every platform: checked in the Linux steps"
)]
fn every_core_call_the_table_names_exists() {
    let text = sources();
    let mut checked = 0;
    for row in rows() {
        for path in ticked(&row[1]).iter().flat_map(|p| expanded(p)) {
            for segment in path.split("::") {
                let found = if segment.starts_with(char::is_uppercase) {
                    ["struct", "enum", "trait", "type"]
                        .iter()
                        .any(|k| declares(&text, k, segment))
                } else {
                    declares(&text, "fn", segment) || declares(&text, "mod", segment)
                };
                assert!(
                    found,
                    "ARCHITECTURE.md names `{path}`: no `{segment}` in the code"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 40,
        "the table names the core's calls ({checked} checked)"
    );
}

/// Commands that serve the window rather than a use case: the app's facts, a link, the native
/// dialogs, the catalog's list for a picker.
const PLUMBING: [&str; 5] = [
    "get_app_info",
    "open_external",
    "choose_export_path",
    "choose_path_to_scan",
    "list_catalog_operations",
];

#[test]
#[cfg_attr(
    windows,
    ignore = "the doc and the sources are the same on every platform: checked in the Linux steps"
)]
fn every_app_command_the_table_names_is_a_command_and_every_command_is_placed() {
    let build = std::fs::read_to_string(workspace().join("src-tauri/build.rs")).expect("build.rs");
    let commands = build
        .split_once("const COMMANDS: &[&str] = &[")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("build.rs lists COMMANDS");
    let declared: Vec<&str> = commands.split('"').skip(1).step_by(2).collect();
    let named: Vec<String> = rows().iter().flat_map(|r| ticked(&r[2])).collect();
    for command in &named {
        assert!(
            declared.contains(&command.as_str()),
            "ARCHITECTURE.md names the command `{command}`, which src-tauri does not declare"
        );
    }
    let missing: Vec<&&str> = declared
        .iter()
        .filter(|c| !named.iter().any(|n| n == *c) && !PLUMBING.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "commands the table does not place: {missing:?}"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the doc and the sources are the same on every platform: checked in the Linux steps"
)]
fn every_cli_command_the_table_names_parses() {
    let mut checked = 0;
    for invocation in rows().iter().flat_map(|r| ticked(&r[3])) {
        let words: Vec<&str> = invocation.split_whitespace().collect();
        assert_eq!(words.first(), Some(&"s2s"), "{invocation}");
        let mut command = super::args::Cli::command();
        for word in &words[1..] {
            match word.strip_prefix("--") {
                Some(flag) => assert!(
                    command.get_arguments().any(|a| a.get_long() == Some(flag)),
                    "ARCHITECTURE.md names `{invocation}`: no --{flag}"
                ),
                None => {
                    command = command.find_subcommand(word).cloned().unwrap_or_else(|| {
                        panic!("ARCHITECTURE.md names `{invocation}`: no subcommand {word}")
                    });
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked > 20,
        "the table names the CLI's commands ({checked} checked)"
    );
}
