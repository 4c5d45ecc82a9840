//! The Sandbox as the app's Sandbox panel shows it — accounts, their roles, users and apps —
//! and the changes the panel makes, so every warning can be tried without the admin API.
//! Nothing here carries a client secret.

use serde::Serialize;
use zoom_catalog::limits::Plan;

use crate::fixture::{AppActivation, AppKind, Fixture};
use crate::keeping::SandboxKeeper;
use crate::world::World;
use crate::SimHandle;

/// Everything the panel lists.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxView {
    /// The simulated accounts.
    pub accounts: Vec<SandboxAccount>,
}

/// One simulated account.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxAccount {
    /// Account ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Plan, for rate limits.
    pub plan: Plan,
    /// Roles users can be given.
    pub roles: Vec<SandboxRole>,
    /// Users.
    pub users: Vec<SandboxUser>,
    /// Marketplace apps.
    pub apps: Vec<SandboxApp>,
}

/// A role.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxRole {
    /// Role id ("0" Owner, "1" Admin, "2" Member…).
    pub id: String,
    /// Name.
    pub name: String,
}

/// A user.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxUser {
    /// User id.
    pub id: String,
    /// Email.
    pub email: String,
    /// Their role's id.
    pub role_id: String,
}

/// A Marketplace app (its secret is not listed).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxApp {
    /// Client ID.
    pub client_id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: AppKind,
    /// Active, deactivated, never activated.
    pub state: AppActivation,
    /// The owner's email.
    pub owner: String,
    /// How many scopes it holds now.
    pub scopes: u32,
}

/// The Sandbox's demo app, as the setup form fills it in (its secret is as public and fake as
/// the rest of the fixture).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SandboxDemoApp {
    /// The app's name.
    pub name: String,
    /// Its account.
    pub account_id: String,
    /// Client ID.
    pub client_id: String,
    /// Its client secret now (a regenerated one once the panel regenerated it).
    pub client_secret: String,
    /// The scopes its profile expects.
    pub expected_scopes: Vec<String>,
    /// Its Marketplace App ID (for the rotation API), when it has one.
    pub app_id: Option<String>,
}

impl World {
    /// The fixture's demo app, if it names one (with the scopes its profile expects).
    pub fn demo_app(&self) -> Option<SandboxDemoApp> {
        let demo = self.fixture.demo.as_ref()?;
        let mut app = self.sandbox_app(&demo.client_id)?;
        app.expected_scopes = demo.expected_scopes.clone();
        Some(app)
    }

    /// Any Sandbox app, as a new profile starts from it: expecting the scopes it holds now.
    pub fn sandbox_app(&self, client_id: &str) -> Option<SandboxDemoApp> {
        self.fixture.accounts.iter().find_map(|account| {
            let app = account.apps.iter().find(|app| app.client_id == client_id)?;
            Some(SandboxDemoApp {
                name: app.name.clone(),
                account_id: account.id.clone(),
                client_id: app.client_id.clone(),
                client_secret: app.client_secret.clone(),
                expected_scopes: app.scopes.clone(),
                app_id: app.app_id.clone(),
            })
        })
    }

    /// The Sandbox as the panel lists it.
    pub fn sandbox_view(&self) -> SandboxView {
        let accounts = self
            .fixture
            .accounts
            .iter()
            .map(|a| SandboxAccount {
                id: a.id.clone(),
                name: a.name.clone(),
                plan: a.plan,
                roles: a
                    .roles
                    .iter()
                    .map(|r| SandboxRole {
                        id: r.id.clone(),
                        name: r.name.clone(),
                    })
                    .collect(),
                users: a
                    .users
                    .iter()
                    .map(|u| SandboxUser {
                        id: u.id.clone(),
                        email: u.email.clone(),
                        role_id: u.role_id.clone(),
                    })
                    .collect(),
                apps: a
                    .apps
                    .iter()
                    .map(|app| SandboxApp {
                        client_id: app.client_id.clone(),
                        name: app.name.clone(),
                        kind: app.kind,
                        state: app.state,
                        owner: a
                            .users
                            .iter()
                            .find(|u| u.id == app.owner_id)
                            .map_or_else(|| app.owner_id.clone(), |u| u.email.clone()),
                        scopes: u32::try_from(app.scopes.len()).unwrap_or(u32::MAX),
                    })
                    .collect(),
            })
            .collect();
        SandboxView { accounts }
    }

    /// Activates or deactivates an app, as an admin does in the Marketplace. False: no such app.
    pub fn set_app_state(&mut self, client_id: &str, state: AppActivation) -> bool {
        match self.app_mut(client_id) {
            Some(app) => {
                app.state = state;
                true
            }
            None => false,
        }
    }
}

/// The simulator as the app embeds it: its address, and the changes the Sandbox panel, the
/// rotation assistant and the Webhooks view make — so the app never reaches into the world's
/// state or spells one of the simulator's routes.
pub struct Sandbox(SimHandle);

impl Sandbox {
    /// Starts the Sandbox on a free loopback port; `admin_token` names the controls' token
    /// (tests that drive the window), else a random one. With a `keeper`, it starts where the
    /// last run left it and keeps every change; a kept world that cannot be read is logged and
    /// the Sandbox starts afresh (nothing real depends on it).
    pub async fn start(
        admin_token: Option<String>,
        keeper: Option<Box<dyn SandboxKeeper>>,
    ) -> std::io::Result<Self> {
        let fresh = Fixture::default_sandbox();
        let kept = keeper.as_ref().map(|k| k.load()).transpose();
        let world = match kept {
            Ok(Some(Some((saved, secrets)))) => World::restored(saved, &secrets, &fresh)
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "the kept Sandbox is not usable; starting afresh");
                    World::new(fresh)
                }),
            Ok(_) => World::new(fresh),
            Err(e) => {
                tracing::warn!(error = %e, "the kept Sandbox could not be read; starting afresh");
                World::new(fresh)
            }
        };
        crate::server::serve(world, 0, admin_token, keeper)
            .await
            .map(Self)
    }

    /// Runs a change on the world, then keeps it.
    fn change<T>(&self, change: impl FnOnce(&mut World) -> T) -> T {
        let result = change(&mut self.0.world());
        self.0.keep_changes();
        result
    }

    /// Its base URL (OAuth and API).
    pub fn url(&self) -> String {
        self.0.base_url()
    }

    /// The token its `/_sim/*` controls require.
    pub fn admin_token(&self) -> String {
        self.0.admin_token()
    }

    /// What the panel lists.
    pub fn view(&self) -> SandboxView {
        self.0.world().sandbox_view()
    }

    /// The app the setup form offers to fill in.
    pub fn demo_app(&self) -> Option<SandboxDemoApp> {
        self.0.world().demo_app()
    }

    /// One Sandbox app, as a new profile starts from it.
    pub fn app(&self, client_id: &str) -> Option<SandboxDemoApp> {
        self.0.world().sandbox_app(client_id)
    }

    /// Gives a user another role (Zoom then strips the admin scopes their apps may no longer
    /// hold); why not, when it cannot.
    pub fn set_user_role(&self, user_id: &str, role_id: &str) -> Result<SandboxView, String> {
        self.change(|world| {
            world.set_user_role(user_id, role_id)?;
            Ok(world.sandbox_view())
        })
    }

    /// Activates or deactivates an app.
    pub fn set_app_state(
        &self,
        client_id: &str,
        state: AppActivation,
    ) -> Result<SandboxView, String> {
        self.change(|world| {
            if !world.set_app_state(client_id, state) {
                return Err(format!("no app {client_id}"));
            }
            Ok(world.sandbox_view())
        })
    }

    /// Back to how it first starts: roles, apps, scopes, secrets, tokens and counters.
    pub fn reset(&self) -> SandboxView {
        self.change(|world| {
            world.reload(Fixture::default_sandbox());
            world.sandbox_view()
        })
    }

    /// The Marketplace's Regenerate: the old secret stops working; the new one.
    pub fn regenerate_secret(&self, client_id: &str) -> Result<String, String> {
        self.change(|world| world.regenerate_client_secret(client_id))
            .ok_or_else(|| format!("no app {client_id}"))
    }

    /// Adds `scope` to an app, as on its Scopes page.
    pub fn grant_scope(&self, client_id: &str, scope: &str) -> Result<SandboxView, String> {
        self.change(|world| {
            if !world.grant_scope(client_id, scope) {
                return Err(format!("no app {client_id}"));
            }
            Ok(world.sandbox_view())
        })
    }

    /// The webhook Secret Token of the app `client_id`, if it subscribes to events.
    pub fn webhook_secret_token(&self, client_id: &str) -> Option<String> {
        self.0
            .world()
            .app(client_id)
            .and_then(|(_, app)| app.webhook_secret_token.clone())
    }

    /// The sample receivers (behaviour, URL) of the first app that subscribes to events.
    pub fn sample_receivers(&self) -> Vec<(String, String)> {
        let base = self.url();
        let world = self.0.world();
        let app = world
            .fixture()
            .accounts
            .iter()
            .flat_map(|a| &a.apps)
            .find(|app| app.webhook_secret_token.is_some());
        app.map(|app| {
            crate::receivers::BEHAVIOURS
                .iter()
                .map(|b| {
                    (
                        (*b).to_owned(),
                        crate::receivers::url(&base, &app.client_id, b),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture::{AppActivation, Fixture};
    use crate::world::World;

    #[test]
    fn the_demo_app_is_the_fixtures_with_its_secret_as_it_is_now() {
        let mut world = World::new(Fixture::default_sandbox());
        let demo = world.demo_app().expect("a demo app");
        assert_eq!(
            (demo.account_id.as_str(), demo.client_id.as_str()),
            ("SbxDemoAccount00000001", "SbxReportingBot0000001")
        );
        assert_eq!(demo.expected_scopes, ["user:read:list_users:admin"]);
        let regenerated = world
            .regenerate_client_secret(&demo.client_id)
            .expect("regenerated");
        assert_eq!(world.demo_app().expect("demo").client_secret, regenerated);
    }

    #[test]
    fn the_panel_lists_apps_without_secrets_and_its_changes_take_effect() {
        let mut world = World::new(Fixture::default_sandbox());
        let view = world.sandbox_view();
        let account = &view.accounts[0];
        assert!(account
            .apps
            .iter()
            .any(|a| a.client_id == "SbxReportingBot0000001"));
        assert!(account.roles.iter().any(|r| r.name == "Member"));
        let listed = serde_json::to_string(&view).expect("json");
        assert!(
            !listed.contains("sandboxSecret"),
            "no client secret is listed"
        );

        assert!(world.set_app_state("SbxReportingBot0000001", AppActivation::Deactivated));
        let after = world.sandbox_view();
        let app = after.accounts[0]
            .apps
            .iter()
            .find(|a| a.client_id == "SbxReportingBot0000001");
        assert_eq!(app.map(|a| a.state), Some(AppActivation::Deactivated));
        assert!(!world.set_app_state("NoSuchApp", AppActivation::Active));
    }
}
