//! "Will my integration work?": do an app's scopes authorize a list of API calls, and which
//! scopes are the fewest to add (granular preferred, least privilege), plus the plain
//! granted-vs-expected diff.
//!
//! Zoom lists, per operation, scopes that are alternatives: any one authorizes the call
//! (data/zoom-scopes/SOURCE.md). A user-level scope reaches only the owner's own data, so a call
//! about other users needs the admin form (FACTS.md, "Scopes").

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalog::{Catalog, Operation, OperationRef};
use crate::query::{find_operation, Found, QueryError};
use crate::scope::{Level, Scope, ScopeModel};

/// Expected scopes the app lacks, and granted scopes nobody asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScopeDiff {
    /// Expected but not granted.
    pub missing: Vec<String>,
    /// Granted but not expected (empty when nothing is expected).
    pub extra: Vec<String>,
    /// The expected scopes mix classic and granular names, which no one app can hold.
    pub expected_mixed: Option<MixedModels>,
}

/// A scope list with names of both of Zoom's models. Zoom keeps an app to one model (FACTS.md
/// "App ownership": "An app holds either classic or granular scopes, never a mix"), so such a
/// list can never be granted whole: one half always reads as missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MixedModels {
    /// The classic names (`product:action[:level]`).
    pub classic: Vec<String>,
    /// The granular names (`product:action:resource[:level]`).
    pub granular: Vec<String>,
    /// What it means and what to do.
    pub message: String,
}

/// The classic and granular names in `scopes`, when both models are there.
pub fn mixed_models<S: AsRef<str>>(scopes: &[S]) -> Option<MixedModels> {
    let of = |model: ScopeModel| -> Vec<String> {
        scopes
            .iter()
            .map(|s| s.as_ref().trim())
            .filter(|s| Scope::parse(s).model == model)
            .map(str::to_string)
            .collect()
    };
    let (classic, granular) = (of(ScopeModel::Classic), of(ScopeModel::Granular));
    if classic.is_empty() || granular.is_empty() {
        return None;
    }
    let message = format!(
        "The expected scopes mix classic names ({}) and granular ones ({}). Zoom keeps an app to one \
         model, so one half will always read as missing: expect the names the app's token shows \
         (apps created since March 2024 get granular ones).",
        classic.join(", "),
        granular.join(", ")
    );
    Some(MixedModels {
        classic,
        granular,
        message,
    })
}

/// Compares granted scopes with the ones a profile expects. With no expectations, nothing is "extra".
pub fn diff_scopes<G: AsRef<str>, E: AsRef<str>>(granted: &[G], expected: &[E]) -> ScopeDiff {
    let granted_set: BTreeSet<&str> = granted.iter().map(|s| s.as_ref().trim()).collect();
    let expected_set: BTreeSet<&str> = expected.iter().map(|s| s.as_ref().trim()).collect();
    let missing = expected_set
        .difference(&granted_set)
        .map(|s| s.to_string())
        .collect();
    let extra = if expected_set.is_empty() {
        Vec::new()
    } else {
        granted_set
            .difference(&expected_set)
            .map(|s| s.to_string())
            .collect()
    };
    ScopeDiff {
        missing,
        extra,
        expected_mixed: mixed_models(expected),
    }
}

/// How one requested call fares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CallCoverage {
    /// A granted scope authorizes it.
    Covered {
        /// The granted scopes that do.
        by: Vec<String>,
    },
    /// Only user-level scopes authorize it: it works for the owner's own data, not other users'.
    OwnDataOnly {
        /// The granted user-level scopes.
        by: Vec<String>,
    },
    /// No granted scope authorizes it.
    NotCovered,
}

/// One line of the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallCheck {
    /// The line as typed.
    pub input: String,
    /// The operation it names, when found.
    pub operation: Option<OperationRef>,
    /// Coverage, when found.
    pub coverage: Option<CallCoverage>,
    /// Why the line names no operation.
    pub error: Option<QueryError>,
    /// What the error means for the admin.
    pub error_message: Option<String>,
}

/// A scope to add, and the calls it unlocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScopeToAdd {
    /// The scope to add in the Marketplace.
    pub scope: String,
    /// Its level.
    pub level: Level,
    /// Whether it is a granular scope.
    pub granular: bool,
    /// The input lines it covers.
    pub covers: Vec<String>,
}

/// The whole answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CoverageReport {
    /// One entry per non-blank input line, in order.
    pub calls: Vec<CallCheck>,
    /// The fewest scopes that cover every call not fully covered.
    pub to_add: Vec<ScopeToAdd>,
    /// Every recognised call is covered (own-data-only counts as not covered) and none was unrecognised.
    pub all_covered: bool,
    /// Least privilege: granted scopes that authorize none of the calls, to remove if nothing
    /// else uses them. Empty when a line names no operation (an unknown call might need any).
    pub not_needed: Vec<String>,
}

/// A catalogued scope's model and level, as read when the catalog loaded.
fn shape_of(catalog: &Catalog, scope: &str) -> (bool, Level) {
    match catalog.scope(scope) {
        Some(e) => (e.granular, e.level),
        None => {
            let parsed = Scope::parse(scope);
            (parsed.model == ScopeModel::Granular, parsed.level)
        }
    }
}

/// Checks each line against the granted scopes.
pub fn check_coverage<G: AsRef<str>, S: AsRef<str>>(
    catalog: &Catalog,
    granted: &[G],
    lines: &[S],
) -> CoverageReport {
    let granted: BTreeSet<&str> = granted.iter().map(|s| s.as_ref().trim()).collect();
    let mut calls = Vec::new();
    let mut needing: Vec<(usize, &Operation, Found)> = Vec::new();
    for line in lines
        .iter()
        .map(AsRef::as_ref)
        .filter(|l| !l.trim().is_empty())
    {
        match find_operation(catalog, line) {
            Ok(found) => {
                let Some(op) = catalog.operation(found.index) else {
                    continue;
                };
                let coverage = coverage_of(catalog, op, &granted, found.targets_owner);
                if !matches!(coverage, CallCoverage::Covered { .. }) {
                    needing.push((calls.len(), op, found));
                }
                calls.push(CallCheck {
                    input: line.trim().to_string(),
                    operation: Some(op.reference()),
                    coverage: Some(coverage),
                    error: None,
                    error_message: None,
                });
            }
            Err(error) => calls.push(CallCheck {
                input: line.trim().to_string(),
                operation: None,
                coverage: None,
                error_message: Some(error.to_string()),
                error: Some(error),
            }),
        }
    }
    let to_add = fewest_scopes(catalog, &needing, &calls);
    let all_covered = calls
        .iter()
        .all(|c| matches!(c.coverage, Some(CallCoverage::Covered { .. })));
    let not_needed = not_needed(&granted, &calls);
    CoverageReport {
        calls,
        to_add,
        all_covered,
        not_needed,
    }
}

/// The granted scopes no call's coverage names; none when a call was not recognised.
fn not_needed(granted: &BTreeSet<&str>, calls: &[CallCheck]) -> Vec<String> {
    if calls.is_empty() || calls.iter().any(|c| c.operation.is_none()) {
        return Vec::new();
    }
    let used: BTreeSet<&str> = calls
        .iter()
        .filter_map(|c| match &c.coverage {
            Some(CallCoverage::Covered { by } | CallCoverage::OwnDataOnly { by }) => Some(by),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .collect();
    granted
        .iter()
        .filter(|s| !s.is_empty() && !used.contains(*s))
        .map(|s| (*s).to_string())
        .collect()
}

fn coverage_of(
    catalog: &Catalog,
    op: &Operation,
    granted: &BTreeSet<&str>,
    targets_owner: bool,
) -> CallCoverage {
    let by: Vec<String> = op
        .alternatives()
        .filter(|s| granted.contains(s))
        .map(String::from)
        .collect();
    if by.is_empty() {
        return CallCoverage::NotCovered;
    }
    let has_admin_form = op
        .alternatives()
        .any(|s| catalog.level_of(s) != Level::User);
    let only_user_level = by.iter().all(|s| catalog.level_of(s) == Level::User);
    if only_user_level && has_admin_form && !targets_owner {
        CallCoverage::OwnDataOnly { by }
    } else {
        CallCoverage::Covered { by }
    }
}

/// The scopes worth suggesting for one call: granular when Zoom has them, at the level the call
/// needs (user for `me`, admin for anyone else; master only when nothing else works).
fn candidates<'a>(catalog: &Catalog, op: &'a Operation, targets_owner: bool) -> Vec<&'a str> {
    let tier = if op.granular_scopes.is_empty() {
        &op.classic_scopes
    } else {
        &op.granular_scopes
    };
    let preference: [Level; 3] = if targets_owner {
        [Level::User, Level::Admin, Level::Master]
    } else {
        [Level::Admin, Level::User, Level::Master]
    };
    preference
        .iter()
        .map(|level| {
            tier.iter()
                .map(String::as_str)
                .filter(|s| catalog.level_of(s) == *level)
                .collect::<Vec<_>>()
        })
        .find(|c| !c.is_empty())
        .unwrap_or_default()
}

/// Greedy set cover over distinct needs (calls to the same operation count once): repeatedly
/// take the candidate covering most remaining needs (ties: granular, then lower level, then name),
/// which is minimal in practice since granular scopes are per call. Counts are kept up to date
/// as needs are covered, so each round is one scan of the candidates.
fn fewest_scopes(
    catalog: &Catalog,
    needing: &[(usize, &Operation, Found)],
    calls: &[CallCheck],
) -> Vec<ScopeToAdd> {
    struct Candidate<'a> {
        scope: &'a str,
        rank: (bool, std::cmp::Reverse<Level>),
        needs: Vec<usize>,
        open: usize,
    }
    // Distinct needs: (operation, targets_owner), with the input lines that share each.
    let mut need_ids: BTreeMap<(usize, bool), usize> = BTreeMap::new();
    let mut need_lines: Vec<Vec<usize>> = Vec::new();
    let mut need_candidates: Vec<Vec<usize>> = Vec::new();
    let mut candidate_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pool: Vec<Candidate> = Vec::new();
    for (call, op, found) in needing {
        let key = (found.index, found.targets_owner);
        if let Some(&id) = need_ids.get(&key) {
            need_lines[id].push(*call);
            continue;
        }
        let id = need_lines.len();
        need_ids.insert(key, id);
        need_lines.push(vec![*call]);
        need_candidates.push(Vec::new());
        for scope in candidates(catalog, op, found.targets_owner) {
            let c = *candidate_ids.entry(scope).or_insert_with(|| {
                let (granular, level) = shape_of(catalog, scope);
                pool.push(Candidate {
                    scope,
                    rank: (granular, std::cmp::Reverse(level)),
                    needs: Vec::new(),
                    open: 0,
                });
                pool.len() - 1
            });
            pool[c].needs.push(id);
            pool[c].open += 1;
            need_candidates[id].push(c);
        }
    }
    let mut covered = vec![false; need_lines.len()];
    let mut chosen = Vec::new();
    loop {
        let best = pool
            .iter()
            .enumerate()
            .filter(|(_, c)| c.open > 0)
            .max_by(|(_, a), (_, b)| {
                (a.open, a.rank, std::cmp::Reverse(a.scope)).cmp(&(
                    b.open,
                    b.rank,
                    std::cmp::Reverse(b.scope),
                ))
            })
            .map(|(i, _)| i);
        let Some(best) = best else { break };
        let mut lines: Vec<usize> = Vec::new();
        for need in pool[best].needs.clone() {
            if covered[need] {
                continue;
            }
            covered[need] = true;
            lines.extend(&need_lines[need]);
            for &c in &need_candidates[need] {
                pool[c].open -= 1;
            }
        }
        lines.sort_unstable();
        let (granular, level) = shape_of(catalog, pool[best].scope);
        chosen.push(ScopeToAdd {
            scope: pool[best].scope.to_string(),
            level,
            granular,
            covers: lines.iter().map(|&c| calls[c].input.clone()).collect(),
        });
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_diff_names_missing_and_extra_scopes() {
        let d = diff_scopes(
            &strings(&["user:read:admin", "meeting:read:admin"]),
            &strings(&["user:read:admin", "role:read:admin"]),
        );
        assert_eq!(d.missing, ["role:read:admin"]);
        assert_eq!(d.extra, ["meeting:read:admin"]);
        assert_eq!(
            diff_scopes::<String, String>(&strings(&["a:b"]), &[]),
            ScopeDiff::default()
        );
    }

    #[test]
    fn expected_scopes_of_both_models_are_flagged_and_one_model_is_not() {
        let mixed = mixed_models(&[
            "user:read:admin",
            "user:read:user:admin",
            "meeting:read:admin",
        ])
        .expect("both models");
        assert_eq!(mixed.classic, ["user:read:admin", "meeting:read:admin"]);
        assert_eq!(mixed.granular, ["user:read:user:admin"]);
        assert!(mixed.message.contains("one model"), "{}", mixed.message);
        for one_model in [
            &["user:read:admin", "meeting:write:admin"][..],
            &["user:read:user:admin", "meeting:read:list_meetings:admin"][..],
            &[][..],
        ] {
            assert_eq!(mixed_models(one_model), None, "{one_model:?}");
        }
        let d = diff_scopes(
            &strings(&[]),
            &strings(&["user:read:admin", "user:read:user:admin"]),
        );
        assert!(d.expected_mixed.is_some());
    }

    /// (granted, calls, expected status per call, expected scopes to add)
    #[test]
    fn coverage_table_over_the_real_catalog() {
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            // Classic admin scope covers both reads.
            (
                &["user:read:admin"],
                &["GET /users", "GET /users/{userId}"],
                &["covered", "covered"],
                &[],
            ),
            // Granular: each call has its own scope; admin form for other users.
            (
                &[],
                &["GET /users", "GET /users/{userId}"],
                &["not_covered", "not_covered"],
                &["user:read:list_users:admin", "user:read:user:admin"],
            ),
            // `me` needs only the user-level scope.
            (
                &[],
                &["GET /users/me"],
                &["not_covered"],
                &["user:read:user"],
            ),
            // A user-level scope reaches only the owner's data: the admin form is suggested.
            (
                &["meeting:read:meeting"],
                &["GET /meetings/{meetingId}"],
                &["own_data_only"],
                &["meeting:read:meeting:admin"],
            ),
            (&["user:read:user"], &["GET /users/me"], &["covered"], &[]),
            // Duplicate calls are covered by one suggestion.
            (
                &["user:read:user:admin"],
                &[
                    "GET /users/{userId}",
                    "reportMeetingParticipants",
                    "GET /report/meetings/abc/participants",
                ],
                &["covered", "not_covered", "not_covered"],
                &["report:read:list_meeting_participants:admin"],
            ),
            // Operations with only classic scopes fall back to classic.
            (
                &[],
                &["GET /report/daily"],
                &["not_covered"],
                &["report:read:admin"],
            ),
        ];
        for (granted, calls, statuses, to_add) in cases {
            let report = check_coverage(catalog(), &strings(granted), calls);
            let got: Vec<&str> = report
                .calls
                .iter()
                .map(|c| match &c.coverage {
                    Some(CallCoverage::Covered { .. }) => "covered",
                    Some(CallCoverage::OwnDataOnly { .. }) => "own_data_only",
                    Some(CallCoverage::NotCovered) => "not_covered",
                    None => "error",
                })
                .collect();
            assert_eq!(&got, statuses, "{granted:?} {calls:?}");
            let added: Vec<&str> = report.to_add.iter().map(|s| s.scope.as_str()).collect();
            assert_eq!(&added, to_add, "{granted:?} {calls:?}");
            assert_eq!(report.all_covered, to_add.is_empty());
        }
    }

    #[test]
    fn unrecognised_lines_are_reported_not_dropped_and_fail_the_check() {
        let report = check_coverage(
            catalog(),
            &strings(&["user:read:admin"]),
            &["GET /users", "/users"],
        );
        assert_eq!(report.calls.len(), 2);
        assert!(report.calls[1]
            .error_message
            .as_deref()
            .unwrap_or_default()
            .contains("GET /users"));
        assert!(!report.all_covered);
    }

    #[test]
    fn scopes_no_call_needs_are_named_for_least_privilege() {
        let report = check_coverage(
            catalog(),
            &strings(&[
                "user:read:admin",
                "meeting:write:admin",
                "recording:read:admin",
            ]),
            &["GET /users", "GET /users/{userId}"],
        );
        assert!(report.all_covered);
        assert_eq!(
            report.not_needed,
            ["meeting:write:admin", "recording:read:admin"]
        );
        // A line that names no operation might need any scope: nothing is called unneeded.
        let unsure = check_coverage(
            catalog(),
            &strings(&["user:read:admin", "meeting:write:admin"]),
            &["GET /users", "GET /no/such/thing"],
        );
        assert!(unsure.not_needed.is_empty());
    }
}
