//! The simulator's world as a fixture file: accounts, their roles, users and apps.
//!
//! Loading checks every reference (an app's owner, a user's role) so a bad fixture fails with a
//! message naming the entry, not with a confusing answer later.

use serde::{Deserialize, Serialize};

/// The default Sandbox world: a demo account with Owner, Admin, Member and a custom role, and
/// S2S apps in every state the app must explain.
pub const DEFAULT_FIXTURE: &str = include_str!("../fixtures/default.json");

/// A whole simulated world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Free text, ignored.
    #[serde(default, rename = "_comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Token lifetime Zoom reports (3599 in captured responses).
    #[serde(default = "default_ttl")]
    pub token_ttl_secs: u64,
    /// Accounts.
    pub accounts: Vec<Account>,
    /// The app the Sandbox offers to fill in as a first profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<DemoChoice>,
}

/// Which app is the Sandbox's demo, and what a profile for it expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoChoice {
    /// The app's Client ID.
    pub client_id: String,
    /// The scopes its profile expects (some of the app's).
    pub expected_scopes: Vec<String>,
}

fn default_ttl() -> u64 {
    3599
}

/// A Zoom account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The Account ID admins paste.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The account's plan, whose per-label budgets every REST call spends (default Business+).
    #[serde(default = "business")]
    pub plan: zoom_catalog::limits::Plan,
    /// Roles.
    pub roles: Vec<Role>,
    /// Users.
    pub users: Vec<User>,
    /// Apps built in this account.
    pub apps: Vec<App>,
    /// The account's regional API cluster (`eu` for Zoom's `api-eu.zoom.us`; FACTS.md "API
    /// hosts seen in real code"): its tokens name a regional `api_url`, a listener of its own
    /// beside the main one (which, like `api.zoom.us`, serves every account too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_region: Option<String>,
}

fn business() -> zoom_catalog::limits::Plan {
    zoom_catalog::limits::Plan::Business
}

/// A role with its privileges (`User:Read`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// "0" Owner, "1" Admin, "2" Member, or custom.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Privilege strings.
    pub privileges: Vec<String>,
}

/// A user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// User id.
    pub id: String,
    /// Email.
    pub email: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Role id.
    pub role_id: String,
}

/// The kind of Marketplace app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AppKind {
    /// Server-to-Server OAuth: the only kind that gets `account_credentials` tokens.
    ServerToServer,
    /// General (user-managed or account-level) OAuth app.
    General,
    /// Meeting SDK app.
    MeetingSdk,
}

/// Whether an app can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AppActivation {
    /// Activated.
    Active,
    /// Deactivated by an admin.
    Deactivated,
    /// Created but never activated.
    NotActivated,
}

/// A Marketplace app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: AppKind,
    /// State.
    pub state: AppActivation,
    /// The user who built it; their role limits its scopes.
    pub owner_id: String,
    /// The Marketplace app ID (`/v2/marketplace/apps/{appId}`); none: not reachable there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Client ID.
    pub client_id: String,
    /// Client secret (fake in fixtures).
    pub client_secret: String,
    /// Scopes the app holds.
    pub scopes: Vec<String>,
    /// The Secret Token its event subscriptions are signed with (Feature page); none: the app
    /// subscribes to no events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_secret_token: Option<String>,
    /// The pre-June-2023 rule: a new token invalidates older ones (then `token_tolerance` and
    /// `token_index_enabled` apply). Off by default: since June 2023 an S2S app's tokens coexist
    /// (FACTS.md "Multiple live tokens";
    /// developers.zoom.us/changelog/platform/multiple-access-token-support-available-for-server-to-server-apps/).
    #[serde(default)]
    pub single_token: bool,
    /// Under the one-token rule: how many tokens stay valid at once (Zoom's "token index
    /// tolerance"; default 1).
    #[serde(default = "one")]
    pub token_tolerance: u32,
    /// Under the one-token rule: whether a `token_index` (or `index`) parameter selects a slot.
    /// Under today's rule Zoom ignores `index`.
    #[serde(default)]
    pub token_index_enabled: bool,
}

fn one() -> u32 {
    1
}

/// Why a fixture was refused.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// Not JSON of the right shape.
    #[error("the fixture is not valid: {0}")]
    Parse(#[from] serde_json::Error),
    /// A dangling reference or duplicate.
    #[error("the fixture is inconsistent: {0}")]
    Inconsistent(String),
}

impl Fixture {
    /// Parses and checks a fixture.
    pub fn from_json(text: &str) -> Result<Self, FixtureError> {
        serde_json::from_str::<Fixture>(text)?.checked()
    }

    /// This fixture, once every reference in it is checked.
    pub fn checked(self) -> Result<Self, FixtureError> {
        self.check()?;
        Ok(self)
    }

    /// The built-in Sandbox fixture.
    pub fn default_sandbox() -> Self {
        // The file is compiled in and pinned by a test, so this cannot fail at run time.
        Self::from_json(DEFAULT_FIXTURE).unwrap_or_else(|_| Fixture {
            comment: None,
            token_ttl_secs: 3599,
            accounts: Vec::new(),
            demo: None,
        })
    }

    /// A world for scale tests and benchmarks: `accounts` copies of the Sandbox's account on
    /// `plan`, each with `apps` copies of its demo app (active, its scopes, owned by the same
    /// admin). Account `a`'s app `i` has Client ID [`Fixture::scale_client_id`] and a secret
    /// [`Fixture::scale_secret`] — as public and fake as the rest.
    pub fn scale(accounts: usize, apps: usize, plan: zoom_catalog::limits::Plan) -> Self {
        let base = Self::default_sandbox();
        let Some(template) = base.accounts.first().cloned() else {
            return base;
        };
        let demo_id = base.demo.as_ref().map(|d| d.client_id.clone());
        let Some(demo_app) = template
            .apps
            .iter()
            .find(|app| Some(&app.client_id) == demo_id.as_ref())
            .cloned()
        else {
            return base;
        };
        let accounts = (0..accounts)
            .map(|a| Account {
                id: Self::scale_account_id(a),
                name: format!("Scale account {a}"),
                plan,
                apps: (0..apps)
                    .map(|i| App {
                        name: format!("Scale app {a}-{i}"),
                        app_id: Some(format!("ScaleApp{a:03}{i:05}x")),
                        client_id: Self::scale_client_id(a, i),
                        client_secret: Self::scale_secret(a, i),
                        ..demo_app.clone()
                    })
                    .collect(),
                api_region: None,
                ..template.clone()
            })
            .collect();
        Self {
            comment: Some("Generated for scale tests; every value is fake.".into()),
            token_ttl_secs: base.token_ttl_secs,
            accounts,
            demo: None,
        }
    }

    /// The Account ID of account `a` of [`Fixture::scale`] (22 characters, as Zoom's).
    pub fn scale_account_id(a: usize) -> String {
        format!("ScaleAccount{a:010}")
    }

    /// The Client ID of app `i` of account `a` of [`Fixture::scale`].
    pub fn scale_client_id(a: usize, i: usize) -> String {
        format!("ScaleClient{a:04}{i:07}")
    }

    /// The client secret of app `i` of account `a` of [`Fixture::scale`] (32 characters).
    pub fn scale_secret(a: usize, i: usize) -> String {
        format!("scaleSecret{a:04}{i:07}abcdefghij")
    }

    fn check(&self) -> Result<(), FixtureError> {
        let bad = |m: String| Err(FixtureError::Inconsistent(m));
        let mut client_ids = std::collections::HashSet::new();
        for account in &self.accounts {
            for user in &account.users {
                if !account.roles.iter().any(|r| r.id == user.role_id) {
                    return bad(format!(
                        "user {} has role {} which account {} does not define",
                        user.id, user.role_id, account.id
                    ));
                }
            }
            for app in &account.apps {
                if !account.users.iter().any(|u| u.id == app.owner_id) {
                    return bad(format!(
                        "app {} is owned by {} who is not a user of account {}",
                        app.name, app.owner_id, account.id
                    ));
                }
                if !client_ids.insert(app.client_id.clone()) {
                    return bad(format!("client_id {} is used by two apps", app.client_id));
                }
                if app.token_tolerance == 0 {
                    return bad(format!(
                        "app {} has token_tolerance 0; it must be at least 1",
                        app.name
                    ));
                }
            }
        }
        if let Some(demo) = &self.demo {
            let Some(app) = self
                .accounts
                .iter()
                .flat_map(|a| &a.apps)
                .find(|app| app.client_id == demo.client_id)
            else {
                return bad(format!(
                    "the demo app {} is not an app here",
                    demo.client_id
                ));
            };
            if let Some(scope) = demo
                .expected_scopes
                .iter()
                .find(|s| !app.scopes.contains(s))
            {
                return bad(format!(
                    "the demo expects {scope}, which app {} does not hold",
                    app.name
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_world_has_every_account_and_app_asked_for_and_holds_together() {
        let f = Fixture::scale(3, 5, zoom_catalog::limits::Plan::Pro)
            .checked()
            .expect("consistent");
        assert_eq!(f.accounts.len(), 3);
        assert!(f.accounts.iter().all(|a| a.apps.len() == 5));
        assert_eq!(Fixture::scale_account_id(2).len(), 22);
        assert_eq!(Fixture::scale_client_id(2, 4).len(), 22);
        assert_eq!(Fixture::scale_secret(2, 4).len(), 32);
        assert!(f.accounts[2]
            .apps
            .iter()
            .any(|a| a.client_id == Fixture::scale_client_id(2, 4)));
    }

    #[test]
    fn the_default_fixture_loads() {
        let f = Fixture::from_json(DEFAULT_FIXTURE).expect("default fixture");
        assert_eq!(f.accounts.len(), 1);
        assert!(f.accounts[0].apps.len() >= 8);
    }

    #[test]
    fn dangling_references_are_named() {
        let text = DEFAULT_FIXTURE.replace(
            "\"owner_id\": \"sbx-member-0003\"",
            "\"owner_id\": \"nobody\"",
        );
        let err = Fixture::from_json(&text)
            .expect_err("must fail")
            .to_string();
        assert!(err.contains("nobody"), "{err}");
    }

    #[test]
    fn the_demo_names_an_app_here_and_expects_only_its_scopes() {
        let f = Fixture::from_json(DEFAULT_FIXTURE).expect("default fixture");
        assert!(f.demo.is_some(), "the Sandbox offers a demo app");
        let text = DEFAULT_FIXTURE.replace(
            "\"expected_scopes\": [\"user:read:list_users:admin\"]",
            "\"expected_scopes\": [\"meeting:write:meeting:admin\"]",
        );
        let err = Fixture::from_json(&text).expect_err("not held").to_string();
        assert!(err.contains("meeting:write:meeting:admin"), "{err}");
    }
}
