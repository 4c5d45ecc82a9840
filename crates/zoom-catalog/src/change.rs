//! Role changes and their effect on an app: "what if" the owner's role changed, "drift" between
//! two tests (admin scopes gone, privileges reduced), and the standing "risk" of an app whose
//! admin scopes hang on one person's role.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, OperationRef};
use crate::roles::{verdict, OwnerRole, Standing, OWNER_ROLE_ID, ROLE_RULES_URL};
use crate::scope::{Level, ScopeName};

/// What changing the owner's role would do to the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WhatIf {
    /// The role today, when known.
    pub current: Option<OwnerRole>,
    /// The role imagined.
    pub proposed: OwnerRole,
    /// Granted scopes Zoom would remove.
    pub removed: Vec<String>,
    /// Of those, the ones the current role already doesn't allow (at risk today).
    pub already_at_risk: Vec<String>,
    /// How many granted scopes stay.
    pub kept: usize,
    /// API operations that work now and would fail after the change.
    pub failing_operations: Vec<OperationRef>,
    /// Whether any removal rests on an inference rather than a documented rule.
    pub inferred: bool,
}

/// Imagines the owner with `proposed` instead of `current` (unknown current: judged as today's grant).
pub fn what_if<G: AsRef<str>>(
    catalog: &Catalog,
    granted: &[G],
    current: Option<&OwnerRole>,
    proposed: &OwnerRole,
) -> WhatIf {
    let granted: Vec<String> = granted.iter().map(|s| s.as_ref().to_string()).collect();
    let granted = granted.as_slice();
    let mut removed = Vec::new();
    let mut already_at_risk = Vec::new();
    let mut inferred = false;
    for scope in granted {
        let v = verdict(catalog, proposed, scope);
        if v.standing != Standing::AtRisk {
            continue;
        }
        inferred |= !v.documented;
        let now = current.map(|role| verdict(catalog, role, scope).standing);
        if now == Some(Standing::AtRisk) {
            already_at_risk.push(scope.clone());
        }
        removed.push(scope.clone());
    }
    let failing_operations = operations_lost(catalog, granted, &removed);
    WhatIf {
        current: current.cloned(),
        proposed: proposed.clone(),
        kept: granted.len() - removed.len(),
        removed,
        already_at_risk,
        failing_operations,
        inferred,
    }
}

/// Operations some granted scope authorizes that none of the remaining scopes does.
pub fn operations_lost(
    catalog: &Catalog,
    granted: &[String],
    removed: &[String],
) -> Vec<OperationRef> {
    if removed.is_empty() {
        return Vec::new();
    }
    let before: BTreeSet<&str> = granted.iter().map(String::as_str).collect();
    let after: BTreeSet<&str> = before
        .iter()
        .copied()
        .filter(|s| !removed.iter().any(|r| r == s))
        .collect();
    let mut seen = BTreeSet::new();
    removed
        .iter()
        .flat_map(|scope| catalog.operations_unlocked_by(scope))
        .filter(|op| op.is_authorized_by(&before) && !op.is_authorized_by(&after))
        .filter(|op| seen.insert((op.method.clone(), op.path.clone(), op.variant)))
        .map(|op| op.reference())
        .collect()
}

/// The owner as recorded at one test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerSnapshot {
    /// Zoom user id.
    pub user_id: String,
    /// Email, when readable.
    #[serde(default)]
    pub email: Option<String>,
    /// Role id.
    #[serde(default)]
    pub role_id: Option<String>,
    /// Role name.
    #[serde(default)]
    pub role_name: Option<String>,
    /// The role's privileges, when the app could read them.
    #[serde(default)]
    pub privileges: Option<Vec<String>>,
    /// Zoom's user status (`active`, `inactive` when deactivated, `pending`), when read.
    #[serde(default)]
    pub status: Option<String>,
}

impl OwnerSnapshot {
    /// The owner's role as S2S Desk judges it.
    pub fn role(&self) -> OwnerRole {
        OwnerRole::from_zoom(
            self.role_id.as_deref(),
            self.role_name.as_deref(),
            self.privileges.clone(),
        )
    }

    fn label(&self) -> String {
        self.email.clone().unwrap_or_else(|| self.user_id.clone())
    }
}

/// Admin scopes or owner privileges lost between two tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Drift {
    /// When the previous (good) test ran.
    pub since_unix: i64,
    /// Admin- or master-level scopes held then and gone now, whose calls no current scope
    /// allows (a scope renamed, classic → granular, with its calls still allowed is not here).
    pub lost_scopes: Vec<ScopeName>,
    /// The calls those scopes allowed that the token can no longer make.
    #[serde(default)]
    pub lost_operations: Vec<OperationRef>,
    /// Privileges the owner's role held then and not now (when both were readable).
    pub lost_privileges: Vec<String>,
    /// Role name then → now, when it changed.
    pub role_change: Option<(String, String)>,
    /// The app's owner changed (ownership transferred).
    pub owner_changed: bool,
    /// The likely cause, in one sentence.
    pub cause: String,
    /// What to do, most durable fix first.
    pub fixes: Vec<String>,
}

/// Whether what `scope` allowed is still allowed by `now`: the same name, or — after Zoom
/// moves an app from classic to granular scopes — other names of at least the same level
/// (a user-level scope reaches only the owner's own data) covering every operation it
/// authorized. A scope the catalog doesn't know is covered only by its own name.
pub fn still_covered(catalog: &Catalog, scope: &ScopeName, now: &BTreeSet<&str>) -> bool {
    if now.contains(scope.as_str()) {
        return true;
    }
    let mut uncovered = operations_no_longer_allowed(catalog, scope, now).peekable();
    catalog
        .operations_unlocked_by(scope.as_str())
        .next()
        .is_some()
        && uncovered.peek().is_none()
}

/// The operations `scope` allowed that `now` doesn't, at the scope's level. When `now` holds
/// only granular scopes, operations Zoom lists no granular scope for are left out: the granular
/// model can't express them, so their absence says nothing about the owner's reach.
fn operations_no_longer_allowed<'c>(
    catalog: &'c Catalog,
    scope: &ScopeName,
    now: &BTreeSet<&str>,
) -> impl Iterator<Item = &'c crate::catalog::Operation> + 'c {
    let level = catalog.level_of(scope.as_str());
    let reach: BTreeSet<String> = now
        .iter()
        .filter(|s| catalog.level_of(s) >= level)
        .map(|s| s.to_string())
        .collect();
    let all_granular = now
        .iter()
        .all(|s| crate::scope::Scope::parse(s).model != crate::ScopeModel::Classic);
    catalog
        .operations_unlocked_by(scope.as_str())
        .filter(move |op| !(all_granular && op.granular_scopes.is_empty()))
        .filter(move |op| !op.alternatives().any(|a| reach.contains(a)))
}

/// The granular scopes that allow everything `classic` allowed, at its level: what Zoom grants
/// when it moves an app from classic to granular scopes (the simulator does the same).
pub fn granular_equivalents(catalog: &Catalog, classic: &str) -> Vec<String> {
    let level = catalog.level_of(classic);
    let mut out: Vec<String> = Vec::new();
    for op in catalog.operations_unlocked_by(classic) {
        let pick = op
            .granular_scopes
            .iter()
            .filter(|g| catalog.level_of(g) == level)
            .min();
        if let Some(g) = pick {
            if !out.contains(g) {
                out.push(g.clone());
            }
        }
    }
    out
}

/// Admin-level scopes gone by name whose operations are all still allowed: renamed
/// (classic → granular), not lost.
pub fn renamed_scopes(
    catalog: &Catalog,
    previous_scopes: &[ScopeName],
    scopes: &[ScopeName],
) -> Vec<ScopeName> {
    let now: BTreeSet<&str> = scopes.iter().map(ScopeName::as_str).collect();
    previous_scopes
        .iter()
        .filter(|s| !now.contains(s.as_str()) && still_covered(catalog, s, &now))
        .cloned()
        .collect()
}

/// Compares a test with the previous one by what the token can still call; `None` when no
/// admin-level call was lost (renamed scopes are not a loss).
pub fn detect_drift(
    catalog: &Catalog,
    previous_scopes: &[ScopeName],
    previous_owner: Option<&OwnerSnapshot>,
    since_unix: i64,
    scopes: &[ScopeName],
    owner: Option<&OwnerSnapshot>,
) -> Option<Drift> {
    let now: BTreeSet<&str> = scopes.iter().map(ScopeName::as_str).collect();
    let lost_scopes: Vec<ScopeName> = previous_scopes
        .iter()
        .filter(|s| s.level() != Level::User && !still_covered(catalog, s, &now))
        .cloned()
        .collect();
    let mut seen = BTreeSet::new();
    let lost_operations: Vec<OperationRef> = lost_scopes
        .iter()
        .flat_map(|s| operations_no_longer_allowed(catalog, s, &now))
        .filter(|op| seen.insert((op.method.clone(), op.path.clone(), op.variant)))
        .map(|op| op.reference())
        .collect();
    let lost_privileges: Vec<String> = match (
        previous_owner.and_then(|o| o.privileges.as_ref()),
        owner.and_then(|o| o.privileges.as_ref()),
    ) {
        (Some(before), Some(after)) => before
            .iter()
            .filter(|p| !after.contains(p))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    if lost_scopes.is_empty() && lost_privileges.is_empty() {
        return None;
    }
    let owner_changed =
        matches!((previous_owner, owner), (Some(a), Some(b)) if a.user_id != b.user_id);
    let role_change = match (previous_owner, owner) {
        (Some(a), Some(b)) if a.role_id != b.role_id || a.role_name != b.role_name => Some((
            a.role_name.clone().unwrap_or_else(|| "unknown".into()),
            b.role_name.clone().unwrap_or_else(|| "unknown".into()),
        )),
        _ => None,
    };
    let who = owner
        .or(previous_owner)
        .map(OwnerSnapshot::label)
        .unwrap_or_else(|| "the app owner".into());
    let cause = if owner_changed {
        format!("The app changed owner, and the new owner ({who}) may add fewer scopes.")
    } else if let Some((from, to)) = &role_change {
        format!("The owner's role changed from {from} to {to}; Zoom removes admin-level scopes the new role doesn't allow ({ROLE_RULES_URL}).")
    } else if let (Some(before), None) = (previous_owner, owner) {
        format!(
            "The app can no longer read its owner. At the previous test the owner was {} ({}); most likely that role lost admin privileges, and Zoom removed the admin-level scopes from the apps this person owns ({ROLE_RULES_URL}).",
            before.label(),
            before.role_name.as_deref().unwrap_or("unknown role")
        )
    } else if !lost_privileges.is_empty() {
        format!("The owner's role ({}) lost privileges; the admin-level scopes that depend on them are likely to be removed (inferred: Zoom publishes no privilege-to-scope table; S2S Desk links them through the operations each privilege allows).", owner.and_then(|o| o.role_name.clone()).unwrap_or_else(|| "role".into()))
    } else {
        "Likely an owner role change: Zoom removes admin-level scopes when the app owner loses admin privileges (or someone edited the app's scopes).".into()
    };
    // Scopes are fixed when a token is issued (FACTS.md "Token lifetime"): a running service
    // keeps working until its token expires, then breaks.
    let cause = format!("{cause} Tokens issued before the change keep their scopes until they expire (up to an hour), so a running service breaks later, not at once.");
    let fixes = vec![
        format!("Restore the privileges of {who}'s role in Zoom (Admin > User Management > Roles), then add the scopes back in the Marketplace and test again."),
        "Or transfer the app's ownership to a stable admin or the account Owner (Marketplace > Manage > the app > transfer ownership), re-add the scopes, and rotate the client secret.".into(),
    ];
    Some(Drift {
        since_unix,
        lost_scopes,
        lost_operations,
        lost_privileges,
        role_change,
        owner_changed,
        cause,
        fixes,
    })
}

/// An app whose admin scopes depend on one person's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnershipRisk {
    /// Who owns the app.
    pub owner: String,
    /// Their role name.
    pub role_name: String,
    /// The admin/master scopes that a role change would strip.
    pub admin_scopes: Vec<ScopeName>,
    /// One sentence.
    pub message: String,
}

/// Flags an app owned by someone other than the account Owner that holds admin-level scopes.
pub fn ownership_risk(owner: &OwnerSnapshot, granted: &[ScopeName]) -> Option<OwnershipRisk> {
    if owner.role_id.as_deref() == Some(OWNER_ROLE_ID) {
        return None;
    }
    let admin_scopes: Vec<ScopeName> = granted
        .iter()
        .filter(|s| s.level() != Level::User)
        .cloned()
        .collect();
    if admin_scopes.is_empty() {
        return None;
    }
    let role_name = owner
        .role_name
        .clone()
        .unwrap_or_else(|| "unknown role".into());
    let message = format!(
        "This app depends on one person's role: {} ({role_name}) owns it, and {} admin-level scope{} would be removed if that role lost admin privileges. Consider transferring ownership to the account Owner or a dedicated admin account.",
        owner.label(),
        admin_scopes.len(),
        if admin_scopes.len() == 1 { "" } else { "s" },
    );
    Some(OwnershipRisk {
        owner: owner.label(),
        role_name,
        admin_scopes,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;
    use crate::roles::RoleKind;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    fn names(s: &[&str]) -> Vec<ScopeName> {
        s.iter().map(ScopeName::new).collect()
    }

    const REPORTING_BOT: &[&str] = &[
        "user:read:user:admin",
        "user:read:list_users:admin",
        "user:read:list_permissions:admin",
        "role:read:list_roles:admin",
        "role:read:role:admin",
        "meeting:read:list_meetings:admin",
        "dashboard:read:list_meetings:admin",
        "report:read:list_meeting_participants:admin",
    ];

    #[test]
    fn what_if_table_over_the_real_catalog() {
        let c = catalog();
        let granted = strings(REPORTING_BOT);
        let admin = OwnerRole::builtin(c, RoleKind::Admin);
        let analyst = OwnerRole::custom(
            "Analyst",
            strings(&["User:Read", "UsageReport:Read", "DashboardMeetings:Read"]),
        );
        // (current, proposed, removed)
        let cases: Vec<(&OwnerRole, OwnerRole, Vec<&str>)> = vec![
            (
                &admin,
                OwnerRole::builtin(c, RoleKind::Member),
                REPORTING_BOT.to_vec(),
            ),
            (&admin, OwnerRole::builtin(c, RoleKind::Owner), vec![]),
            (&admin, admin.clone(), vec![]),
            (
                &analyst,
                analyst.without_privilege("UsageReport:Read"),
                vec!["report:read:list_meeting_participants:admin"],
            ),
            (
                &analyst,
                analyst.without_privilege("DashboardMeetings:Read"),
                vec!["dashboard:read:list_meetings:admin"],
            ),
        ];
        for (current, proposed, expected) in cases {
            let w = what_if(c, &granted, Some(current), &proposed);
            assert_eq!(w.removed, expected, "{} → {}", current.name, proposed.name);
            assert_eq!(w.kept, granted.len() - expected.len());
            assert_eq!(w.failing_operations.is_empty(), expected.is_empty());
        }
    }

    #[test]
    fn what_if_names_the_operations_that_would_fail() {
        let c = catalog();
        let granted = strings(&["user:read:list_users:admin", "user:read:user"]);
        let w = what_if(c, &granted, None, &OwnerRole::builtin(c, RoleKind::Member));
        assert_eq!(w.removed, ["user:read:list_users:admin"]);
        let ops: Vec<String> = w
            .failing_operations
            .iter()
            .map(|o| format!("{} {}", o.method, o.path))
            .collect();
        assert!(ops.contains(&"GET /users".to_string()), "{ops:?}");
        assert!(
            !ops.contains(&"GET /users/{userId}".to_string()),
            "still covered by the user scope for the owner"
        );
        assert!(
            w.inferred,
            "the rule is Zoom's, but reading a Member's privilege list as 'no admin privileges' is ours"
        );
    }

    fn owner(role_id: &str, role_name: &str, privileges: Option<&[&str]>) -> OwnerSnapshot {
        OwnerSnapshot {
            user_id: "u1".into(),
            email: Some("adam.admin@sandbox.example".into()),
            role_id: Some(role_id.into()),
            role_name: Some(role_name.into()),
            privileges: privileges.map(strings),
            status: None,
        }
    }

    #[test]
    fn a_downgrade_shows_as_drift_naming_the_lost_admin_scopes_and_the_role_change() {
        let before = names(&[
            "user:read:user:admin",
            "user:read:user",
            "role:read:role:admin",
        ]);
        let after = names(&["user:read:user"]);
        let d = detect_drift(
            catalog(),
            &before,
            Some(&owner("1", "Admin", None)),
            100,
            &after,
            Some(&owner("2", "Member", None)),
        )
        .expect("drift");
        assert_eq!(
            d.lost_scopes,
            ["user:read:user:admin", "role:read:role:admin"]
        );
        assert_eq!(d.role_change, Some(("Admin".into(), "Member".into())));
        assert!(d.cause.contains("Admin to Member"), "{}", d.cause);
        assert!(d.fixes.iter().any(|f| f.contains("transfer")));
    }

    #[test]
    fn a_move_from_classic_to_granular_scopes_is_a_rename_not_a_loss() {
        let classic = names(&["user:read:admin", "meeting:read:admin", "role:read:admin"]);
        let granular: Vec<ScopeName> = classic
            .iter()
            .flat_map(|s| granular_equivalents(catalog(), s.as_str()))
            .map(ScopeName::new)
            .collect();
        assert!(granular
            .iter()
            .all(|s| s.scope().model == crate::ScopeModel::Granular));
        let admin = Some(owner("1", "Admin", None));
        assert_eq!(
            detect_drift(
                catalog(),
                &classic,
                admin.as_ref(),
                1,
                &granular,
                admin.as_ref()
            ),
            None,
            "nothing the token could call was lost"
        );
        assert_eq!(renamed_scopes(catalog(), &classic, &granular), classic);
        // A real loss after the rename still shows, naming the calls that became impossible.
        let demoted: Vec<ScopeName> = granular
            .iter()
            .filter(|s| !s.as_str().starts_with("user:"))
            .cloned()
            .collect();
        let d = detect_drift(
            catalog(),
            &granular,
            admin.as_ref(),
            2,
            &demoted,
            admin.as_ref(),
        )
        .expect("drift");
        assert!(d
            .lost_scopes
            .iter()
            .all(|s| s.as_str().starts_with("user:")));
        assert!(
            d.lost_operations.iter().any(|op| op.path == "/users"),
            "{:?}",
            d.lost_operations
        );
        assert!(d.cause.contains("up to an hour"), "{}", d.cause);
    }

    #[test]
    fn when_the_owner_is_no_longer_readable_the_cause_names_who_owned_it_before() {
        let before = names(&["user:read:user:admin"]);
        let d = detect_drift(
            catalog(),
            &before,
            Some(&owner("1", "Admin", None)),
            100,
            &[],
            None,
        )
        .expect("drift");
        assert!(
            d.cause.contains("adam.admin@sandbox.example (Admin)"),
            "{}",
            d.cause
        );
    }

    #[test]
    fn lost_privileges_alone_are_drift_and_no_loss_is_none() {
        let scopes = names(&["user:read:user:admin"]);
        let d = detect_drift(
            catalog(),
            &scopes,
            Some(&owner(
                "c",
                "Analyst",
                Some(&["User:Read", "UsageReport:Read"]),
            )),
            1,
            &scopes,
            Some(&owner("c", "Analyst", Some(&["User:Read"]))),
        )
        .expect("drift");
        assert_eq!(d.lost_privileges, ["UsageReport:Read"]);
        assert!(detect_drift(catalog(), &scopes, None, 1, &scopes, None).is_none());
        // Losing only a user-level scope is an app edit, not a role problem.
        assert!(detect_drift(catalog(), &names(&["user:read:user"]), None, 1, &[], None).is_none());
    }

    #[test]
    fn risk_is_flagged_for_admin_scopes_owned_by_anyone_but_the_account_owner() {
        let admin_scopes = names(&["user:read:admin"]);
        assert!(ownership_risk(&owner("0", "Owner", None), &admin_scopes).is_none());
        assert!(ownership_risk(&owner("2", "Member", None), &names(&["user:read:user"])).is_none());
        let risk = ownership_risk(&owner("1", "Admin", None), &admin_scopes).expect("risk");
        assert!(risk.message.contains("one person's role"));
    }
}
