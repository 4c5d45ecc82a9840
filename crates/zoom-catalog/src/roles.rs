//! What the app owner's role allows: which scopes an owner with these privileges may hold, and
//! why — separating Zoom's documented rules from S2S Desk's inferences.
//!
//! Documented (https://developers.zoom.us/docs/internal-apps/create/ and FACTS.md "Roles"): the
//! scopes an owner can add depend on their role; when the role loses admin privileges, Zoom
//! removes the admin-level scopes from that owner's apps; master-level scopes are for the account
//! owner; the account Owner role cannot lose privileges. Zoom publishes no privilege → scope
//! table: tying a scope to the `x-permissions` of the operations it authorizes is an inference.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::scope::Level;

/// Zoom's page on building S2S apps and the role rules; cited on every documented verdict.
pub const ROLE_RULES_URL: &str = "https://developers.zoom.us/docs/internal-apps/create/";

/// Zoom's role privileges reference.
pub const PRIVILEGES_URL: &str = "https://developers.zoom.us/docs/api/references/privileges/";

/// The built-in role ids Zoom uses (FACTS.md: Owner "0", Admin "1"; Member "2" unconfirmed).
pub const OWNER_ROLE_ID: &str = "0";

/// Which kind of role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// The account Owner: every privilege, cannot lose them.
    Owner,
    /// Zoom's built-in Admin role.
    Admin,
    /// Zoom's built-in Member role: no admin privileges.
    Member,
    /// A custom role.
    Custom,
}

/// Where S2S Desk learned the owner's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    /// Read with the app's token (`/users/me`, then its permissions) at the last test.
    ZoomApi,
    /// Chosen by the admin in S2S Desk.
    Picked,
    /// Pasted from Zoom's Roles API.
    Pasted,
}

/// The app owner's role as S2S Desk understands it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerRole {
    /// Owner, Admin, Member or custom.
    pub kind: RoleKind,
    /// Zoom's role id, when known.
    pub role_id: Option<String>,
    /// Role name as shown in Zoom.
    pub name: String,
    /// Privilege strings. Meaningless for the Owner, who holds them all.
    pub privileges: Vec<String>,
    /// Whether `privileges` is the role's real list (false: only the role name was readable).
    pub privileges_known: bool,
    /// Where this came from.
    pub source: RoleSource,
}

/// Privileges Zoom keeps for the account Owner; S2S Desk's model of the default Admin role is
/// every documented privilege except these (an inference: Zoom doesn't publish the default list).
const OWNER_ONLY_PRIVILEGES: [&str; 5] = [
    "AccountProfile:Edit",
    "BillingInformation:Edit",
    "BillingSubscription:Edit",
    "SubAccount:Edit",
    "SubAccount:Read",
];

impl OwnerRole {
    /// One of Zoom's built-in roles, as picked by the admin. `Custom` yields a role with no privileges.
    pub fn builtin(catalog: &Catalog, kind: RoleKind) -> OwnerRole {
        let (role_id, name, privileges) = match kind {
            RoleKind::Owner => (Some(OWNER_ROLE_ID), "Owner", all_privileges(catalog, &[])),
            RoleKind::Admin => (
                Some("1"),
                "Admin",
                all_privileges(catalog, &OWNER_ONLY_PRIVILEGES),
            ),
            RoleKind::Member => (Some("2"), "Member", Vec::new()),
            RoleKind::Custom => (None, "Custom role", Vec::new()),
        };
        OwnerRole {
            kind,
            role_id: role_id.map(String::from),
            name: name.into(),
            privileges,
            privileges_known: true,
            source: RoleSource::Picked,
        }
    }

    /// A custom role with the privileges the admin ticked.
    pub fn custom(name: &str, privileges: Vec<String>) -> OwnerRole {
        OwnerRole {
            kind: RoleKind::Custom,
            role_id: None,
            name: if name.trim().is_empty() {
                "Custom role".into()
            } else {
                name.trim().into()
            },
            privileges: normalized(privileges),
            privileges_known: true,
            source: RoleSource::Picked,
        }
    }

    /// The role read through Zoom's API: `/users/me` gives id and name; privileges when readable.
    pub fn from_zoom(
        role_id: Option<&str>,
        role_name: Option<&str>,
        privileges: Option<Vec<String>>,
    ) -> OwnerRole {
        let kind = kind_of(role_id, role_name);
        OwnerRole {
            kind,
            role_id: role_id.map(String::from),
            name: role_name.unwrap_or("Unknown role").to_string(),
            privileges_known: privileges.is_some() || kind == RoleKind::Owner,
            privileges: normalized(privileges.unwrap_or_default()),
            source: RoleSource::ZoomApi,
        }
    }

    /// A role pasted from Zoom: `GET /roles/{roleId}` (`{id, name, privileges}`),
    /// `GET /users/{userId}/permissions` (`{permissions}`), or a bare array of privilege strings.
    pub fn from_pasted_json(json: &str) -> Result<OwnerRole, RoleJsonError> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Pasted {
            Role {
                id: Option<serde_json::Value>,
                name: Option<String>,
                privileges: Vec<String>,
            },
            Permissions {
                permissions: Vec<String>,
            },
            List(Vec<String>),
        }
        let json = json.trim().trim_start_matches('\u{feff}');
        if json.is_empty() {
            return Err(RoleJsonError::Empty);
        }
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| RoleJsonError::NotJson(e.to_string()))?;
        let pasted: Pasted =
            serde_json::from_value(value).map_err(|_| RoleJsonError::NoPrivileges)?;
        let (id, name, privileges) = match pasted {
            Pasted::Role {
                id,
                name,
                privileges,
            } => (
                id.map(|v| {
                    v.as_str()
                        .map(String::from)
                        .unwrap_or_else(|| v.to_string())
                }),
                name,
                privileges,
            ),
            Pasted::Permissions { permissions } => (None, None, permissions),
            Pasted::List(list) => (None, None, list),
        };
        let kind = kind_of(id.as_deref(), name.as_deref());
        Ok(OwnerRole {
            kind,
            role_id: id,
            name: name.unwrap_or_else(|| "Pasted role".into()),
            privileges: normalized(privileges),
            privileges_known: true,
            source: RoleSource::Pasted,
        })
    }

    /// The same role without one privilege (for "what if privilege X is removed").
    pub fn without_privilege(&self, privilege: &str) -> OwnerRole {
        let mut role = self.clone();
        role.privileges.retain(|p| p != privilege);
        if role.kind != RoleKind::Custom {
            role.kind = RoleKind::Custom;
            role.name = format!("{} without {privilege}", self.name);
        }
        role
    }

    /// Whether this is the account Owner.
    pub fn is_account_owner(&self) -> bool {
        self.kind == RoleKind::Owner
    }

    /// Privilege strings Zoom doesn't document (typos, newer privileges): shown, never dropped.
    pub fn unknown_privileges(&self, catalog: &Catalog) -> Vec<String> {
        self.privileges
            .iter()
            .filter(|p| !catalog.knows_privilege(p))
            .cloned()
            .collect()
    }
}

fn all_privileges(catalog: &Catalog, except: &[&str]) -> Vec<String> {
    catalog
        .privileges()
        .iter()
        .map(|p| p.privilege.clone())
        .filter(|p| !except.contains(&p.as_str()))
        .collect()
}

fn normalized(privileges: Vec<String>) -> Vec<String> {
    let set: BTreeSet<String> = privileges
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    set.into_iter().collect()
}

fn kind_of(role_id: Option<&str>, role_name: Option<&str>) -> RoleKind {
    match (role_id, role_name.map(str::to_ascii_lowercase).as_deref()) {
        (Some("0"), _) | (None, Some("owner")) => RoleKind::Owner,
        (Some("1"), _) | (None, Some("admin")) => RoleKind::Admin,
        (Some("2"), _) | (None, Some("member")) => RoleKind::Member,
        _ => RoleKind::Custom,
    }
}

/// A pasted role that can't be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RoleJsonError {
    /// Nothing pasted.
    #[error("paste the JSON of the owner's role (Zoom's GET /roles/{{roleId}} answer)")]
    Empty,
    /// Not JSON at all.
    #[error("that is not JSON ({0}); paste the whole answer of Zoom's GET /roles/{{roleId}}")]
    NotJson(String),
    /// JSON without privileges.
    #[error("no privileges found: expected {{\"privileges\": [...]}}, {{\"permissions\": [...]}} or a list of privilege strings")]
    NoPrivileges,
}

/// Whether a granted scope survives the owner's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The role allows it.
    Allowed,
    /// The role does not allow it: Zoom removes it (or would not let the owner add it).
    AtRisk,
    /// The role's privileges are unknown: pick or paste the role to find out.
    Unknown,
}

/// Why a verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// User-level scopes reach only the owner's own data; role changes don't strip them.
    UserLevelScope,
    /// The account Owner holds every privilege and cannot lose them.
    AccountOwner,
    /// Master-level scopes are for the account owner only.
    MasterNeedsAccountOwner,
    /// A role with no admin privileges loses every admin-level scope. Zoom documents the rule;
    /// that a role's privilege list (nothing Zoom's data names, or only the developer
    /// permission) means "no admin privileges" is S2S Desk's reading.
    NoAdminPrivileges,
    /// The role holds a privilege that the scope's operations need (inferred link).
    PrivilegeHeld,
    /// The role holds none of the privileges the scope's operations need (inferred link).
    PrivilegeMissing,
    /// Zoom's data ties the scope to no privilege: whether the role keeps it is unknown.
    NoPrivilegeData,
    /// The scope is not in Zoom's published data: nothing can be said of it.
    NotInCatalog,
    /// The role's privileges could not be read.
    PrivilegesUnknown,
}

impl Basis {
    /// Documented by Zoom (true) or S2S Desk's inference (false).
    pub fn documented(self) -> bool {
        matches!(
            self,
            Basis::UserLevelScope | Basis::AccountOwner | Basis::MasterNeedsAccountOwner
        )
    }
}

/// One granted scope judged against the owner's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScopeVerdict {
    /// The scope.
    pub scope: String,
    /// Its level.
    pub level: Level,
    /// Allowed, at risk or unknown.
    pub standing: Standing,
    /// Why.
    pub basis: Basis,
    /// Documented by Zoom, or inferred (labelled so in the UI).
    pub documented: bool,
    /// The privileges the scope is tied to (inferred from Zoom's operation data).
    pub tied_privileges: Vec<String>,
    /// Of those, the names Zoom's privileges pages don't list (a real role returns page names,
    /// so a verdict resting on these matched them by their resource).
    pub unlisted_privileges: Vec<String>,
    /// One sentence for the admin.
    pub explanation: String,
}

/// Judges one scope against a role.
pub fn verdict(catalog: &Catalog, role: &OwnerRole, scope: &str) -> ScopeVerdict {
    let level = catalog.level_of(scope);
    let entry = catalog.scope(scope);
    let tied: Vec<String> = entry
        .map(|e| e.privileges.iter().cloned().collect())
        .unwrap_or_default();
    let (standing, basis) = if entry.is_none() {
        (Standing::Unknown, Basis::NotInCatalog)
    } else {
        judge(catalog, role, level, &tied)
    };
    let unlisted: Vec<String> = tied
        .iter()
        .filter(|p| !catalog.privilege_listed(p))
        .cloned()
        .collect();
    let mut explanation = explain(catalog, role, basis, &tied);
    if matches!(basis, Basis::PrivilegeHeld | Basis::PrivilegeMissing) && !unlisted.is_empty() {
        explanation.push_str(&format!(
            " This rests on {}, a name Zoom's privileges page doesn't list; it was matched to the page's names by its resource.",
            unlisted.join(", ")
        ));
    }
    ScopeVerdict {
        scope: scope.to_string(),
        level,
        standing,
        basis,
        documented: basis.documented(),
        tied_privileges: tied,
        unlisted_privileges: unlisted,
        explanation,
    }
}

/// Whether a role holds any admin privilege: a privilege Zoom's data names, other than the
/// developer permission to build apps ("Server-to-Server OAuth app" View/Edit), which grants no
/// admin reach (FACTS.md "Roles").
fn has_admin_privileges(catalog: &Catalog, role: &OwnerRole) -> bool {
    role.privileges
        .iter()
        .any(|p| catalog.knows_privilege(p) && !is_developer_permission(p))
}

fn is_developer_permission(privilege: &str) -> bool {
    let p = privilege.to_ascii_lowercase().replace([' ', '-', '_'], "");
    p.contains("servertoserver") || p.contains("oauthapp") || p.starts_with("marketplace")
}

/// The rule itself; shared with the simulator so both sides agree on what Zoom strips.
pub fn keeps_scope(catalog: &Catalog, role: &OwnerRole, scope: &str) -> bool {
    verdict(catalog, role, scope).standing != Standing::AtRisk
}

fn judge(catalog: &Catalog, role: &OwnerRole, level: Level, tied: &[String]) -> (Standing, Basis) {
    if level == Level::User {
        return (Standing::Allowed, Basis::UserLevelScope);
    }
    if role.is_account_owner() {
        return (Standing::Allowed, Basis::AccountOwner);
    }
    if level == Level::Master {
        return (Standing::AtRisk, Basis::MasterNeedsAccountOwner);
    }
    if !role.privileges_known {
        return (Standing::Unknown, Basis::PrivilegesUnknown);
    }
    if !has_admin_privileges(catalog, role) {
        return (Standing::AtRisk, Basis::NoAdminPrivileges);
    }
    if tied.is_empty() {
        return (Standing::Unknown, Basis::NoPrivilegeData);
    }
    if tied
        .iter()
        .any(|needed| holds(catalog, &role.privileges, needed))
    {
        (Standing::Allowed, Basis::PrivilegeHeld)
    } else {
        (Standing::AtRisk, Basis::PrivilegeMissing)
    }
}

/// `X:Edit` includes `X:Read` (Zoom's role editor ticks View with Edit). A needed name Zoom's
/// privileges page doesn't list (`DashboardMeetings:Read`) is also held through a page name for
/// the same action whose resource begins it (`Dashboard:Read`): roles return page names.
fn holds(catalog: &Catalog, privileges: &[String], needed: &str) -> bool {
    let covers = |p: &str, n: &str| {
        p == n
            || (n.ends_with(":Read")
                && p.strip_suffix(":Edit").is_some()
                && p.strip_suffix(":Edit") == n.strip_suffix(":Read"))
    };
    if privileges.iter().any(|p| covers(p, needed)) {
        return true;
    }
    if catalog.privilege_listed(needed) {
        return false;
    }
    let Some((resource, action)) = needed.split_once(':') else {
        return false;
    };
    privileges.iter().any(|p| {
        p.split_once(':').is_some_and(|(r, a)| {
            resource.starts_with(r)
                && r.len() >= 3
                && (a == action || (action == "Read" && a == "Edit"))
        })
    })
}

fn explain(catalog: &Catalog, role: &OwnerRole, basis: Basis, tied: &[String]) -> String {
    let list = |v: &[String]| v.join(", ");
    match basis {
        Basis::UserLevelScope => "User-level scope: it reaches only the owner's own data and is not removed by a role change.".into(),
        Basis::AccountOwner => "The owner is the account Owner, whose privileges cannot be reduced.".into(),
        Basis::MasterNeedsAccountOwner => format!("Master-level scopes are for the account owner; {} is not.", role.name),
        Basis::NoAdminPrivileges => format!("{} has no admin privileges (inferred from its privilege list: nothing beyond the developer permission), so Zoom removes admin-level scopes from apps this person owns.", role.name),
        Basis::PrivilegeHeld => {
            let held: Vec<String> = tied.iter().filter(|t| holds(catalog, &role.privileges, t)).cloned().collect();
            format!("{} holds {} (inferred: the operations this scope unlocks need it).", role.name, list(&held))
        }
        Basis::PrivilegeMissing => format!("{} lacks {} (inferred: the operations this scope unlocks need one of them).", role.name, list(tied)),
        Basis::NoPrivilegeData => "Zoom's data ties this scope to no privilege, so whether this role keeps it can't be told.".into(),
        Basis::NotInCatalog => "Not in Zoom's published data: S2S Desk can't judge this scope.".into(),
        Basis::PrivilegesUnknown => "The owner's privileges could not be read with this app's scopes; pick or paste the role to judge this scope.".into(),
    }
}

/// Every catalogued admin or master scope the role may add, sorted.
pub fn addable_scopes(catalog: &Catalog, role: &OwnerRole) -> Vec<String> {
    let mut scopes: Vec<String> = catalog
        .scope_names()
        .filter(|s| {
            let v = verdict(catalog, role, s);
            v.level != Level::User && v.standing == Standing::Allowed
        })
        .map(String::from)
        .collect();
    scopes.sort();
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn standing(role: &OwnerRole, scope: &str) -> (Standing, bool) {
        let v = verdict(catalog(), role, scope);
        (v.standing, v.documented)
    }

    #[test]
    fn verdict_table_over_the_real_catalog() {
        let c = catalog();
        let owner = OwnerRole::builtin(c, RoleKind::Owner);
        let admin = OwnerRole::builtin(c, RoleKind::Admin);
        let member = OwnerRole::builtin(c, RoleKind::Member);
        let analyst = OwnerRole::custom(
            "Analyst",
            vec!["User:Read".into(), "UsageReport:Read".into()],
        );
        let editor = OwnerRole::custom("Editor", vec!["User:Edit".into()]);
        let unknown = OwnerRole::from_zoom(Some("custom-x"), Some("Helpdesk"), None);
        let developer_only =
            OwnerRole::custom("App developer", vec!["ServerToServerOAuthApp:Edit".into()]);
        let dashboard_viewer = OwnerRole::custom("Dashboards", vec!["Dashboard:Read".into()]);
        use Standing::*;
        let cases: &[(&OwnerRole, &str, (Standing, bool))] = &[
            (&member, "user:read:user", (Allowed, true)),
            (&member, "user:read:list_users:admin", (AtRisk, false)),
            (
                &owner,
                "account:read:list_sub_accounts:master",
                (Allowed, true),
            ),
            (
                &admin,
                "account:read:list_sub_accounts:master",
                (AtRisk, true),
            ),
            (&admin, "user:read:list_users:admin", (Allowed, false)),
            (&analyst, "user:read:list_users:admin", (Allowed, false)),
            (
                &analyst,
                "report:read:list_meeting_participants:admin",
                (Allowed, false),
            ),
            (
                &analyst,
                "dashboard:read:list_meetings:admin",
                (AtRisk, false),
            ),
            (&editor, "user:read:list_users:admin", (Allowed, false)),
            (&unknown, "user:read:list_users:admin", (Unknown, false)),
            (&unknown, "user:read:user", (Allowed, true)),
            // A role that keeps only the developer permission has no admin reach.
            (
                &developer_only,
                "user:read:list_users:admin",
                (AtRisk, false),
            ),
            // Not in Zoom's published data: never "allowed".
            (&admin, "made:up:scope:admin", (Unknown, false)),
            (&member, "made:up:scope", (Unknown, false)),
            // x-permissions names `DashboardMeetings:Read`; a real role returns `Dashboard:Read`.
            (
                &dashboard_viewer,
                "dashboard:read:list_meetings:admin",
                (Allowed, false),
            ),
        ];
        for (role, scope, expected) in cases {
            assert_eq!(standing(role, scope), *expected, "{} / {scope}", role.name);
        }
    }

    #[test]
    fn the_roles_api_answer_the_permissions_answer_and_a_bare_list_all_paste() {
        let role = OwnerRole::from_pasted_json(
            r#"{"id":"custom-analyst","name":"Reporting Analyst","privileges":["User:Read"," UsageReport:Read"]}"#,
        )
        .expect("role json");
        assert_eq!(role.kind, RoleKind::Custom);
        assert_eq!(role.privileges, ["UsageReport:Read", "User:Read"]);
        assert_eq!(role.source, RoleSource::Pasted);
        let admin = OwnerRole::from_pasted_json(r#"{"id":"1","name":"Admin","privileges":[]}"#)
            .expect("admin");
        assert_eq!(admin.kind, RoleKind::Admin);
        let perms =
            OwnerRole::from_pasted_json(r#"{"permissions":["Branding:Edit"]}"#).expect("perms");
        assert_eq!(perms.privileges, ["Branding:Edit"]);
        let list = OwnerRole::from_pasted_json("\u{feff}[\"User:Read\"]").expect("list");
        assert_eq!(list.privileges, ["User:Read"]);
    }

    #[test]
    fn bad_pastes_say_what_to_paste() {
        assert_eq!(OwnerRole::from_pasted_json("  "), Err(RoleJsonError::Empty));
        assert!(matches!(
            OwnerRole::from_pasted_json("{oops"),
            Err(RoleJsonError::NotJson(_))
        ));
        assert_eq!(
            OwnerRole::from_pasted_json(r#"{"name":"x"}"#),
            Err(RoleJsonError::NoPrivileges)
        );
    }

    #[test]
    fn unknown_privileges_are_kept_and_reported() {
        let role = OwnerRole::custom("x", vec!["User:Read".into(), "Teleport:Edit".into()]);
        assert_eq!(role.unknown_privileges(catalog()), ["Teleport:Edit"]);
    }

    #[test]
    fn what_a_member_may_add_is_nothing_admin_level_and_an_owner_everything() {
        let c = catalog();
        assert!(addable_scopes(c, &OwnerRole::builtin(c, RoleKind::Member)).is_empty());
        let owner = addable_scopes(c, &OwnerRole::builtin(c, RoleKind::Owner));
        let admin = addable_scopes(c, &OwnerRole::builtin(c, RoleKind::Admin));
        assert!(
            owner.len() > admin.len() && admin.len() > 200,
            "{} {}",
            owner.len(),
            admin.len()
        );
    }
}
