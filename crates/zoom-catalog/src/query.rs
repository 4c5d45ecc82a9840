//! Find catalog operations from what an admin pastes: `GET /users/{userId}`, a real call such as
//! `get https://api.zoom.us/v2/users/me?status=active`, or Zoom's operationId (`users`).

use serde::Serialize;

use crate::catalog::{Catalog, Variant};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// An operation found for one line of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index into [`Catalog::operations`].
    pub index: usize,
    /// The call names the token owner (`me`): user-level scopes suffice.
    pub targets_owner: bool,
}

/// Why a line names no operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QueryError {
    /// Empty after trimming.
    #[error("nothing to look up")]
    Empty,
    /// A path without a method.
    #[error("add the HTTP method before the path, e.g. \"GET {path}\"")]
    MissingMethod {
        /// The path given.
        path: String,
    },
    /// Not one of Zoom's methods.
    #[error("\"{method}\" is not an HTTP method Zoom's API uses (GET, POST, PUT, PATCH, DELETE)")]
    UnknownMethod {
        /// The word given.
        method: String,
    },
    /// The catalog has no such path or operationId.
    #[error("no {what} in the scope catalog; check the path against Zoom's API reference (https://developers.zoom.us/docs/api/)")]
    NotInCatalog {
        /// What was looked for.
        what: String,
    },
}

/// The calls in a pasted list or a file: one per line, blank lines and `#` comments skipped,
/// each trimmed. The app's "Will my integration work?" box and the CLI's `--file` read alike.
pub fn call_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The calls in command-line words, where a method and its path arrive as two words:
/// `GET /users/{userId} users POST /x` → `GET /users/{userId}`, `users`, `POST /x`.
pub fn calls_from_words<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    let mut calls = Vec::new();
    let mut words = words
        .iter()
        .flat_map(|w| w.as_ref().split_whitespace())
        .peekable();
    while let Some(word) = words.next() {
        if METHODS.contains(&word.to_ascii_uppercase().as_str()) {
            match words.next() {
                Some(path) => calls.push(format!("{word} {path}")),
                None => calls.push(word.to_string()),
            }
        } else {
            calls.push(word.to_string());
        }
    }
    calls
}

/// Looks up one line of input.
pub fn find_operation(catalog: &Catalog, line: &str) -> Result<Found, QueryError> {
    let line = line.trim();
    let mut words = line.split_whitespace();
    let first = words.next().ok_or(QueryError::Empty)?;
    let Some(target) = words.next() else {
        if first.contains('/') {
            return Err(QueryError::MissingMethod { path: first.into() });
        }
        return catalog
            .operation_by_id(first)
            .map(|index| Found {
                index,
                targets_owner: false,
            })
            .ok_or(QueryError::NotInCatalog {
                what: format!("operation named \"{first}\""),
            });
    };
    let method = first.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return Err(QueryError::UnknownMethod {
            method: first.into(),
        });
    }
    let segments = path_segments(target);
    best_match(catalog, &method, &segments).ok_or(QueryError::NotInCatalog {
        what: format!("{method} {}", display_path(&segments)),
    })
}

/// `https://api.zoom.us/v2/users/me?x=1` → `["users", "me"]`.
fn path_segments(target: &str) -> Vec<&str> {
    let without_scheme = target.split_once("://").map_or(target, |(_, rest)| {
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    let path = without_scheme.split(['?', '#']).next().unwrap_or_default();
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.first() == Some(&"v2") {
        segments.remove(0);
    }
    segments
}

fn display_path(segments: &[&str]) -> String {
    format!("/{}", segments.join("/"))
}

/// The operation whose template matches, preferring more literal segments, then the plain API.
fn best_match(catalog: &Catalog, method: &str, segments: &[&str]) -> Option<Found> {
    let mut best: Option<(usize, bool, Found)> = None;
    for &index in catalog.operations_shaped(method, segments.len()) {
        let Some(op) = catalog.operation(index) else {
            continue;
        };
        let template = op.segments();
        let mut literal = 0;
        let mut targets_owner = false;
        let matches = template.iter().zip(segments).all(|(t, s)| {
            if t.starts_with('{') {
                // A pasted template (`{userId}`) matches a template; `me` names the owner.
                targets_owner |= *s == "me" && t.to_ascii_lowercase().contains("user");
                true
            } else if t == *s {
                literal += 1;
                true
            } else {
                false
            }
        });
        if !matches {
            continue;
        }
        let plain = op.variant == Variant::Endpoints;
        let better = match &best {
            None => true,
            Some((l, p, _)) => (literal, plain) > (*l, *p),
        };
        if better {
            best = Some((
                literal,
                plain,
                Found {
                    index,
                    targets_owner,
                },
            ));
        }
    }
    best.map(|(_, _, found)| found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn found(line: &str) -> (String, bool) {
        let f = find_operation(catalog(), line).expect(line);
        let op = &catalog().operations()[f.index];
        (format!("{} {}", op.method, op.path), f.targets_owner)
    }

    #[test]
    fn method_and_path_words_pair_up_and_operation_ids_stand_alone() {
        assert_eq!(
            calls_from_words(&["GET", "/users/{userId}", "users", "post /users/me/meetings"]),
            ["GET /users/{userId}", "users", "post /users/me/meetings"]
        );
    }

    #[test]
    fn a_list_of_calls_skips_blank_lines_and_comments() {
        assert_eq!(
            call_lines("  GET /users \r\n\n# reporting\nusers\n   \n"),
            ["GET /users", "users"]
        );
    }

    #[test]
    fn templates_real_urls_and_operation_ids_all_find_the_operation() {
        let cases = [
            ("GET /users/{userId}", "GET /users/{userId}", false),
            (
                "get https://api.zoom.us/v2/users/me?x=1",
                "GET /users/{userId}",
                true,
            ),
            (
                "GET /v2/users/abc123/permissions",
                "GET /users/{userId}/permissions",
                false,
            ),
            ("users", "GET /users", false),
            ("getRoleInformation", "GET /roles/{roleId}", false),
            ("  GET   /roles  ", "GET /roles", false),
        ];
        for (line, expected, owner) in cases {
            assert_eq!(found(line), (expected.to_string(), owner), "{line}");
        }
    }

    #[test]
    fn a_literal_segment_beats_a_parameter() {
        // `/users/summary` exists as its own operation; it must not be read as `/users/{userId}`.
        let (op, _) = found("GET /users/summary");
        assert_eq!(op, "GET /users/summary");
    }

    #[test]
    fn bad_lines_say_what_to_fix() {
        let c = catalog();
        assert_eq!(find_operation(c, "  "), Err(QueryError::Empty));
        assert!(matches!(
            find_operation(c, "/users/me"),
            Err(QueryError::MissingMethod { .. })
        ));
        assert!(matches!(
            find_operation(c, "FETCH /users"),
            Err(QueryError::UnknownMethod { .. })
        ));
        let err = find_operation(c, "GET /nothing/here").unwrap_err();
        assert!(err.to_string().contains("GET /nothing/here"), "{err}");
    }
}
