//! A profile's scopes, explained: what its latest token holds (grouped, with the operations each
//! scope unlocks), how that compares with what it expects, what the owner's role allows, the
//! ownership risk, drift since earlier tests, what-if role changes and call coverage. The app's
//! Scopes view and the CLI's `scopes` / `check` / `whatif` both answer from here.

use serde::{Deserialize, Serialize};
use zoom_catalog::catalog::{Catalog, OperationRef, PrivilegeInfo};
use zoom_catalog::change::{ownership_risk, what_if, Drift, OwnerSnapshot, OwnershipRisk, WhatIf};
use zoom_catalog::coverage::{check_coverage, diff_scopes, CoverageReport, ScopeDiff};
use zoom_catalog::roles::{
    addable_scopes, verdict, OwnerRole, RoleJsonError, RoleKind, ScopeVerdict, Standing,
};
use zoom_catalog::scope::{group_by_product, Scope, ScopeName};

use crate::profiles::record::active_drift;
use crate::profiles::{Profile, TestRecord};

/// Which role to judge the owner by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum RoleChoice {
    /// The role Zoom reported at the latest test (none when it couldn't be read).
    LastTest,
    /// A built-in role.
    Builtin {
        /// Owner, Admin or Member.
        kind: RoleKind,
    },
    /// A custom role with these privileges.
    Custom {
        /// Its name.
        name: String,
        /// Ticked privileges.
        privileges: Vec<String>,
    },
    /// A role pasted from Zoom's Roles API.
    Pasted {
        /// The JSON as pasted.
        json: String,
    },
}

impl RoleChoice {
    /// The role this choice means for `profile`; `Ok(None)` when the last test couldn't read it.
    pub fn resolve(
        &self,
        catalog: &Catalog,
        profile: &Profile,
    ) -> Result<Option<OwnerRole>, RoleJsonError> {
        Ok(match self {
            RoleChoice::LastTest => latest_token(profile)
                .and_then(|r| r.owner.as_ref())
                .map(OwnerSnapshot::role),
            RoleChoice::Builtin { kind } => Some(OwnerRole::builtin(catalog, *kind)),
            RoleChoice::Custom { name, privileges } => {
                Some(OwnerRole::custom(name, privileges.clone()))
            }
            RoleChoice::Pasted { json } => Some(OwnerRole::from_pasted_json(json)?),
        })
    }
}

/// The newest test that got a token: the source of "granted scopes".
pub fn latest_token(profile: &Profile) -> Option<&TestRecord> {
    profile.history.iter().find(|r| r.got_token())
}

/// One granted scope, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GrantedScope {
    /// Parsed scope (raw string always kept).
    pub scope: Scope,
    /// Listed in Zoom's documents (false: shown as unknown).
    pub in_catalog: bool,
    /// A one-line description built from the operations it unlocks.
    pub description: String,
    /// The API operations it authorizes.
    pub operations: Vec<OperationRef>,
    /// How it stands with the owner's role, when the role is known.
    pub verdict: Option<ScopeVerdict>,
}

/// Granted scopes of one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GrantedGroup {
    /// Product prefix.
    pub product: String,
    /// Its scopes.
    pub scopes: Vec<GrantedScope>,
}

/// The role the verdicts used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoleView {
    /// The role and where it came from.
    pub role: OwnerRole,
    /// Privileges Zoom doesn't document, kept as given.
    pub unknown_privileges: Vec<String>,
    /// Catalogued admin/master scopes this role may add to an app.
    pub addable_admin_scopes: Vec<String>,
}

/// A drift warning from the history, still in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DriftSeen {
    /// The test that found it.
    pub at_unix: i64,
    /// What was lost and what to do.
    pub drift: Drift,
}

/// Everything the Scopes view shows for a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScopeOverview {
    /// The catalog's version.
    pub catalog_version: String,
    /// The test the granted scopes come from; none when no test got a token yet.
    pub tested_at_unix: Option<i64>,
    /// The owner as that test saw them.
    pub owner: Option<OwnerSnapshot>,
    /// Granted scopes by product.
    pub groups: Vec<GrantedGroup>,
    /// Against the profile's expected scopes.
    pub diff: ScopeDiff,
    /// The role judged by; none when unknown (the admin is asked to pick one).
    pub role: Option<RoleView>,
    /// Granted scopes the role doesn't allow.
    pub at_risk: Vec<String>,
    /// The app depends on one person's role.
    pub risk: Option<OwnershipRisk>,
    /// Admin scopes or privileges lost and not regained.
    pub drift: Option<DriftSeen>,
    /// Zoom's role privileges, for picking a custom role.
    pub privileges: Vec<PrivilegeInfo>,
}

/// Granted scopes of the latest token.
pub fn granted_scopes(profile: &Profile) -> Vec<ScopeName> {
    latest_token(profile)
        .map(|r| r.scopes.clone())
        .unwrap_or_default()
}

/// The Scopes view's data for `profile`, judged by the role `choice` means (the app's picker,
/// the CLI's `--role`): one call for both.
pub fn overview_choice(
    catalog: &Catalog,
    profile: &Profile,
    choice: &RoleChoice,
) -> Result<ScopeOverview, RoleJsonError> {
    let role = choice.resolve(catalog, profile)?;
    Ok(overview(catalog, profile, role))
}

/// The Scopes view's data, judged by `role`.
pub fn overview(catalog: &Catalog, profile: &Profile, role: Option<OwnerRole>) -> ScopeOverview {
    let latest = latest_token(profile);
    let granted = granted_scopes(profile);
    let parsed: Vec<Scope> = granted.iter().map(ScopeName::scope).collect();
    let groups = group_by_product(&parsed)
        .into_iter()
        .map(|g| GrantedGroup {
            product: g.product,
            scopes: g
                .scopes
                .into_iter()
                .map(|scope| explain(catalog, scope, role.as_ref()))
                .collect(),
        })
        .collect();
    let at_risk = role
        .as_ref()
        .map(|r| {
            granted
                .iter()
                .filter(|s| verdict(catalog, r, s.as_str()).standing == Standing::AtRisk)
                .map(ScopeName::to_string)
                .collect()
        })
        .unwrap_or_default();
    let owner = latest.and_then(|r| r.owner.clone());
    ScopeOverview {
        catalog_version: zoom_catalog::CATALOG_VERSION.into(),
        tested_at_unix: latest.map(|r| r.at_unix),
        risk: owner.as_ref().and_then(|o| ownership_risk(o, &granted)),
        owner,
        groups,
        diff: diff_scopes(&granted, &profile.expected_scopes),
        role: role.map(|role| RoleView {
            unknown_privileges: role.unknown_privileges(catalog),
            addable_admin_scopes: addable_scopes(catalog, &role),
            role,
        }),
        at_risk,
        drift: active_drift(&profile.history).map(|(r, d)| DriftSeen {
            at_unix: r.at_unix,
            drift: d.clone(),
        }),
        privileges: catalog.privileges().to_vec(),
    }
}

fn explain(catalog: &Catalog, scope: Scope, role: Option<&OwnerRole>) -> GrantedScope {
    let operations: Vec<OperationRef> = catalog
        .operations_unlocked_by(&scope.raw)
        .map(|o| o.reference())
        .collect();
    let description = describe(&scope, &operations);
    GrantedScope {
        in_catalog: catalog.scope(&scope.raw).is_some(),
        verdict: role.map(|r| verdict(catalog, r, &scope.raw)),
        description,
        operations,
        scope,
    }
}

/// Zoom's data has no scope descriptions (SOURCE.md), so say what the scope lets the app do.
fn describe(scope: &Scope, operations: &[OperationRef]) -> String {
    let reach = match scope.level {
        zoom_catalog::Level::User => "the owner's own data",
        zoom_catalog::Level::Admin => "the whole account",
        zoom_catalog::Level::Master => "the master account and its sub-accounts",
    };
    let mut summaries: Vec<&str> = operations.iter().map(|o| o.summary.as_str()).collect();
    summaries.dedup();
    match summaries.len() {
        0 => format!(
            "Not in Zoom's API documents ({}); kept as granted.",
            crate::catalog::CATALOG_VERSION
        ),
        1..=3 => format!("{} — for {reach}.", summaries.join("; ")),
        n => format!(
            "{}; and {} more — for {reach}.",
            summaries[..3].join("; "),
            n - 3
        ),
    }
}

/// What-if for a profile: its latest granted scopes under another role.
pub fn what_if_for(
    catalog: &Catalog,
    profile: &Profile,
    current: Option<&OwnerRole>,
    proposed: &OwnerRole,
) -> WhatIf {
    what_if(catalog, &granted_scopes(profile), current, proposed)
}

/// Why a what-if can't be answered.
#[derive(Debug, thiserror::Error)]
pub enum WhatIfError {
    /// A pasted role is unusable.
    #[error(transparent)]
    RoleJson(#[from] RoleJsonError),
    /// Nothing to start from: no role chosen, and the last test couldn't read the owner's.
    #[error("the owner's role is unknown: the last test could not read it")]
    RoleUnknown,
}

/// What Zoom would remove if the owner's role went from `current` to `proposed` (or stayed
/// `current` when none is proposed) minus `remove_privileges`: the app's and the CLI's what-if.
pub fn what_if_choice(
    catalog: &Catalog,
    profile: &Profile,
    current: &RoleChoice,
    proposed: Option<&RoleChoice>,
    remove_privileges: &[String],
) -> Result<WhatIf, WhatIfError> {
    let current = current.resolve(catalog, profile)?;
    let proposed = match proposed {
        Some(choice) => choice.resolve(catalog, profile)?,
        None => None,
    };
    let mut proposed = proposed
        .or_else(|| current.clone())
        .ok_or(WhatIfError::RoleUnknown)?;
    for privilege in remove_privileges {
        proposed = proposed.without_privilege(privilege);
    }
    Ok(what_if_for(catalog, profile, current.as_ref(), &proposed))
}

/// "Will my integration work?" was asked about no call at all (an empty list, or only
/// comments): an answer would read as "everything is covered".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no API calls to check")]
pub struct NoCalls;

/// "Will my integration work?" for `calls` against `granted` scopes.
pub fn coverage_of_calls<G: AsRef<str>, S: AsRef<str>>(
    catalog: &Catalog,
    granted: &[G],
    calls: &[S],
) -> Result<CoverageReport, NoCalls> {
    if calls.iter().all(|c| c.as_ref().trim().is_empty()) {
        return Err(NoCalls);
    }
    Ok(check_coverage(catalog, granted, calls))
}

/// [`coverage_of_calls`] for a profile's latest granted scopes.
pub fn coverage_for<S: AsRef<str>>(
    catalog: &Catalog,
    profile: &Profile,
    calls: &[S],
) -> Result<CoverageReport, NoCalls> {
    coverage_of_calls(catalog, &granted_scopes(profile), calls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{ProfileBook, ProfileCloud, ProfileDraft};
    use zoom_catalog::catalog;

    fn draft(name: &str, expected: &[&str]) -> ProfileDraft {
        ProfileDraft {
            tags: Vec::new(),
            name: name.into(),
            cloud: ProfileCloud::Sandbox,
            account_id: "a".into(),
            client_id: "c".into(),
            notes: String::new(),
            expected_scopes: expected.iter().map(ScopeName::new).collect(),
            token_index: None,
            token_rule: None,
            account_plan: None,
        }
    }

    fn profile_with(scopes: &[&str], owner: Option<OwnerSnapshot>) -> Profile {
        let mut book = ProfileBook::default();
        let id = book
            .create(draft(
                "p",
                &["user:read:user:admin", "role:read:role:admin"],
            ))
            .expect("created")
            .id
            .clone();
        let record = TestRecord {
            at_unix: 10,
            ok: true,
            kind: None,
            summary: "ok".into(),
            scopes: scopes.iter().map(ScopeName::new).collect(),
            latency_ms: Some(3),
            owner,
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        };
        book.record_test(&id, record, crate::profiles::HISTORY_LIMIT)
            .expect("recorded")
            .clone()
    }

    fn admin_owner() -> OwnerSnapshot {
        OwnerSnapshot {
            user_id: "sbx-admin-0002".into(),
            email: Some("adam.admin@sandbox.example".into()),
            role_id: Some("1".into()),
            role_name: Some("Admin".into()),
            privileges: Some(vec!["User:Read".into()]),
            status: None,
        }
    }

    #[test]
    fn the_overview_groups_explains_diffs_and_judges_by_the_tested_role() {
        let p = profile_with(
            &[
                "user:read:user:admin",
                "user:read:user",
                "meeting:read:meeting:admin",
                "x:y!",
            ],
            Some(admin_owner()),
        );
        let role = RoleChoice::LastTest.resolve(catalog(), &p).expect("ok");
        let o = overview(catalog(), &p, role);
        let products: Vec<&str> = o.groups.iter().map(|g| g.product.as_str()).collect();
        assert_eq!(products, ["meeting", "user", "x"]);
        let user_admin = &o.groups[1].scopes[0];
        assert_eq!(user_admin.scope.raw, "user:read:user:admin");
        assert!(
            user_admin.description.contains("the whole account"),
            "{}",
            user_admin.description
        );
        assert!(user_admin
            .operations
            .iter()
            .any(|op| op.path == "/users/{userId}"));
        assert!(!o.groups[2].scopes[0].in_catalog, "unknown scopes are kept");
        assert_eq!(o.diff.missing, ["role:read:role:admin"]);
        assert_eq!(
            o.diff.extra,
            ["meeting:read:meeting:admin", "user:read:user", "x:y!"]
        );
        assert_eq!(
            o.role.as_ref().map(|r| r.role.source),
            Some(zoom_catalog::roles::RoleSource::ZoomApi)
        );
        // The tested Admin holds only User:Read here: the meeting admin scope is tied to User:Read too.
        assert!(o.at_risk.is_empty(), "{:?}", o.at_risk);
        assert!(
            o.risk.is_some(),
            "an Admin-owned app with admin scopes is a risk"
        );
    }

    #[test]
    fn a_picked_member_role_puts_every_admin_scope_at_risk() {
        let p = profile_with(&["user:read:user:admin", "user:read:user"], None);
        let role = RoleChoice::Builtin {
            kind: RoleKind::Member,
        }
        .resolve(catalog(), &p)
        .expect("ok");
        let o = overview(catalog(), &p, role);
        assert_eq!(o.at_risk, ["user:read:user:admin"]);
        assert!(o.risk.is_none(), "owner unknown: no claim about them");
    }

    #[test]
    fn without_a_test_nothing_is_granted_and_the_role_is_unknown() {
        let mut book = ProfileBook::default();
        let p = book.create(draft("n", &[])).expect("created").clone();
        assert_eq!(RoleChoice::LastTest.resolve(catalog(), &p), Ok(None));
        let o = overview(catalog(), &p, None);
        assert!(o.tested_at_unix.is_none() && o.groups.is_empty());
        let bad = RoleChoice::Pasted {
            json: "nope".into(),
        }
        .resolve(catalog(), &p);
        assert!(matches!(bad, Err(RoleJsonError::NotJson(_))));
    }
}
