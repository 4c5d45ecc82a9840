//! Which role privileges keep an admin-level scope on an app: the simulator's model of Zoom's
//! rule that an owner losing admin privileges loses the admin scopes of the apps they built.
//!
//! Zoom publishes no privilege → scope table. This model is an inference from Zoom's API spec:
//! a scope is tied to the `x-permissions` of every operation it authorizes (data/zoom-scopes).
//! An admin/master scope survives when the owner is the account Owner, or holds one of those
//! privileges (`X:Edit` counts as `X:Read`), or — for scopes tied to no privilege — holds any.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Operation {
    classic_scopes: Vec<String>,
    granular_scopes: Vec<String>,
    permissions: Vec<String>,
}

fn scope_privileges() -> &'static HashMap<String, HashSet<String>> {
    static MAP: OnceLock<HashMap<String, HashSet<String>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let ops: Vec<Operation> =
            serde_json::from_str(include_str!("../../../data/zoom-scopes/operations.json"))
                .unwrap_or_default();
        let mut map: HashMap<String, HashSet<String>> = HashMap::new();
        for op in ops {
            for scope in op.classic_scopes.iter().chain(&op.granular_scopes) {
                map.entry(scope.trim().to_string())
                    .or_default()
                    .extend(op.permissions.iter().cloned());
            }
        }
        map
    })
}

/// True for scopes that need an admin-level owner: `:master` suffix or `:admin` anywhere.
pub fn is_admin_level(scope: &str) -> bool {
    scope.ends_with(":master") || scope.split(':').skip(1).any(|p| p == "admin")
}

/// True for granular names (`product:action:resource[:level]`), false for classic ones.
pub fn is_granular(scope: &str) -> bool {
    let parts: Vec<&str> = scope.split(':').collect();
    let level = |p: &str| p == "admin" || p == "master";
    match parts.as_slice() {
        [p, _, r] => !level(r) && !p.ends_with("_token"),
        [_, _, r, l] => !level(r) && level(l),
        _ => false,
    }
}

fn holds(privileges: &[String], needed: &str) -> bool {
    privileges.iter().any(|p| {
        p == needed
            || (needed.ends_with(":Read")
                && p.strip_suffix(":Edit") == needed.strip_suffix(":Read"))
    })
}

/// Whether an app owned by someone with this role may keep `scope`.
pub fn role_keeps_scope(role_id: &str, privileges: &[String], scope: &str) -> bool {
    if !is_admin_level(scope) || role_id == "0" {
        return true;
    }
    match scope_privileges().get(scope).filter(|p| !p.is_empty()) {
        Some(needed) => needed.iter().any(|n| holds(privileges, n)),
        None => !privileges.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn privs(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_operations_data_is_loaded() {
        assert!(scope_privileges().len() > 600);
        assert!(scope_privileges()["user:read:user:admin"].contains("User:Read"));
    }

    #[test]
    fn owners_keep_everything_and_members_keep_only_user_level_scopes() {
        assert!(role_keeps_scope("0", &[], "user:read:admin"));
        assert!(!role_keeps_scope("2", &[], "user:read:admin"));
        assert!(!role_keeps_scope("2", &[], "role:read:list_roles:admin"));
        assert!(role_keeps_scope("2", &[], "user:read:user"));
    }

    #[test]
    fn a_custom_role_keeps_only_scopes_tied_to_its_privileges() {
        let analyst = privs(&["User:Read", "Dashboard:Read"]);
        assert!(role_keeps_scope(
            "c",
            &analyst,
            "user:read:list_users:admin"
        ));
        assert!(!role_keeps_scope(
            "c",
            &privs(&["Dashboard:Read"]),
            "user:read:list_users:admin"
        ));
        assert!(
            role_keeps_scope("c", &privs(&["User:Edit"]), "user:read:list_users:admin"),
            "Edit implies Read"
        );
    }
}
