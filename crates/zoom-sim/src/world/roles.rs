//! Roles and scopes: an owner's role change strips the admin scopes Zoom's rules take away
//! (its own table, not the app's), a custom role's privileges, a move to granular scopes, a
//! scope granted in the Sandbox.

use std::collections::HashMap;

use zoom_catalog::roles::{keeps_scope, OwnerRole};

use super::World;
use crate::fixture::{Account, Role};

/// Scopes removed per client ID.
pub type StrippedScopes = HashMap<String, Vec<String>>;

impl World {
    /// Adds `scope` to an app, as the admin does on its Scopes page (tokens issued from now on
    /// carry it).
    pub fn grant_scope(&mut self, client_id: &str, scope: &str) -> bool {
        let Some(app) = self.app_mut(client_id) else {
            return false;
        };
        if !app.scopes.iter().any(|s| s == scope) {
            app.scopes.push(scope.into());
        }
        true
    }

    /// Moves an app from classic to granular scopes, as Zoom migrates apps: each classic scope
    /// becomes the granular scopes that allow the same calls at the same level. Tokens issued
    /// before keep their classic scopes until they expire. Returns the new list.
    pub fn move_to_granular(&mut self, client_id: &str) -> Option<Vec<String>> {
        let catalog = zoom_catalog::catalog();
        let app = self.app_mut(client_id)?;
        let mut moved: Vec<String> = Vec::new();
        for scope in &app.scopes {
            let names = if zoom_catalog::scope::Scope::parse(scope).model
                == zoom_catalog::scope::ScopeModel::Classic
            {
                zoom_catalog::change::granular_equivalents(catalog, scope)
            } else {
                vec![scope.clone()]
            };
            for name in names {
                if !moved.contains(&name) {
                    moved.push(name);
                }
            }
        }
        app.scopes = moved.clone();
        Some(moved)
    }

    /// Gives a user another role, then strips what their apps may no longer hold.
    pub fn set_user_role(
        &mut self,
        user_id: &str,
        role_id: &str,
    ) -> Result<StrippedScopes, String> {
        let account = self
            .fixture
            .accounts
            .iter_mut()
            .find(|a| a.users.iter().any(|u| u.id == user_id))
            .ok_or_else(|| format!("no user {user_id}"))?;
        if !account.roles.iter().any(|r| r.id == role_id) {
            return Err(format!("account {} has no role {role_id}", account.id));
        }
        if let Some(user) = account.users.iter_mut().find(|u| u.id == user_id) {
            user.role_id = role_id.to_string();
        }
        Ok(strip_scopes(account))
    }

    /// Replaces a role's privileges, then strips what its members' apps may no longer hold.
    pub fn set_role_privileges(
        &mut self,
        role_id: &str,
        privileges: Vec<String>,
    ) -> Result<StrippedScopes, String> {
        let account = self
            .fixture
            .accounts
            .iter_mut()
            .find(|a| a.roles.iter().any(|r| r.id == role_id))
            .ok_or_else(|| format!("no role {role_id}"))?;
        if let Some(role) = account.roles.iter_mut().find(|r| r.id == role_id) {
            role.privileges = privileges;
        }
        Ok(strip_scopes(account))
    }
}

/// Zoom's rule: apps keep only the admin-level scopes their owner's current role allows.
fn strip_scopes(account: &mut Account) -> StrippedScopes {
    let mut stripped = StrippedScopes::new();
    let roles: HashMap<String, Role> = account
        .roles
        .iter()
        .map(|r| (r.id.clone(), r.clone()))
        .collect();
    let owner_role: HashMap<String, String> = account
        .users
        .iter()
        .map(|u| (u.id.clone(), u.role_id.clone()))
        .collect();
    for app in &mut account.apps {
        let Some(role) = owner_role.get(&app.owner_id).and_then(|r| roles.get(r)) else {
            continue;
        };
        // The same rule S2S Desk warns with (zoom-catalog), so the Sandbox strips what the app predicts.
        let owner = OwnerRole::from_zoom(
            Some(&role.id),
            Some(&role.name),
            Some(role.privileges.clone()),
        );
        let catalog = zoom_catalog::catalog();
        let (keep, lose): (Vec<String>, Vec<String>) = app
            .scopes
            .drain(..)
            .partition(|s| keeps_scope(catalog, &owner, s));
        app.scopes = keep;
        if !lose.is_empty() {
            stripped.insert(app.client_id.clone(), lose);
        }
    }
    stripped
}
