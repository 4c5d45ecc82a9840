//! The part of the world that outlives a run, so the app's Sandbox is where the admin left it:
//! the accounts as they stand (roles given, apps deactivated, scopes granted, secrets
//! regenerated) and the secrets a rotation keeps working until their revoke time. Tokens,
//! counters, faults and the clock start afresh, as after a restart of Zoom's services.
//!
//! Secrets travel apart from the rest ([`WorldSecrets`]), so the embedder keeps them where it
//! keeps every secret (the app: the OS keychain) and only the rest in a file.

use std::collections::BTreeMap;
use std::time::{Duration, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::rotation::{RetiringSecret, Rotations};
use super::World;
use crate::fixture::{Fixture, FixtureError};

/// The world without a secret in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedWorld {
    /// Accounts, roles, users and apps as they stand, every secret left empty.
    pub fixture: Fixture,
    /// Replaced secrets still accepted, by client ID (their values are in [`WorldSecrets`]).
    #[serde(default)]
    pub retiring: BTreeMap<String, SavedRetiring>,
}

/// A replaced secret's rotation, without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRetiring {
    /// Zoom's id for it.
    pub secret_id: String,
    /// Until when it is accepted, in Unix seconds.
    pub revoke_at_unix: u64,
}

/// Every secret of the world, by client ID.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorldSecrets {
    /// Each app's client secret now.
    #[serde(default)]
    pub client_secrets: BTreeMap<String, String>,
    /// Each app's webhook Secret Token.
    #[serde(default)]
    pub webhook_secret_tokens: BTreeMap<String, String>,
    /// Each app's replaced secret, while a rotation keeps it working.
    #[serde(default)]
    pub retiring: BTreeMap<String, String>,
}

impl World {
    /// What outlives this run: the world without secrets, and its secrets.
    pub fn saved(&self) -> (SavedWorld, WorldSecrets) {
        let mut fixture = self.fixture.clone();
        let mut secrets = WorldSecrets::default();
        for app in fixture.accounts.iter_mut().flat_map(|a| a.apps.iter_mut()) {
            let id = app.client_id.clone();
            secrets
                .client_secrets
                .insert(id.clone(), std::mem::take(&mut app.client_secret));
            if let Some(token) = app.webhook_secret_token.as_mut() {
                secrets
                    .webhook_secret_tokens
                    .insert(id, std::mem::take(token));
            }
        }
        let now = self.now();
        let mut retiring = BTreeMap::new();
        for (client_id, rotations) in &self.rotations {
            let Some(old) = rotations.retiring.as_ref().filter(|r| r.revoke_at > now) else {
                continue;
            };
            let revoke_at_unix = old
                .revoke_at
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            retiring.insert(
                client_id.clone(),
                SavedRetiring {
                    secret_id: old.secret_id.clone(),
                    revoke_at_unix,
                },
            );
            secrets
                .retiring
                .insert(client_id.clone(), old.secret.clone());
        }
        (SavedWorld { fixture, retiring }, secrets)
    }

    /// The world a previous run saved. A secret that was not kept (its keychain entry gone) is
    /// `fallback`'s for the same app, else a new one nobody knows — as if regenerated.
    pub fn restored(
        saved: SavedWorld,
        secrets: &WorldSecrets,
        fallback: &Fixture,
    ) -> Result<World, FixtureError> {
        let SavedWorld {
            mut fixture,
            retiring,
        } = saved;
        let fallback_app = |client_id: &str| {
            fallback
                .accounts
                .iter()
                .flat_map(|a| &a.apps)
                .find(|app| app.client_id == client_id)
        };
        for app in fixture.accounts.iter_mut().flat_map(|a| a.apps.iter_mut()) {
            let known = fallback_app(&app.client_id);
            app.client_secret = secrets
                .client_secrets
                .get(&app.client_id)
                .filter(|s| !s.is_empty())
                .cloned()
                .or_else(|| known.map(|k| k.client_secret.clone()))
                .unwrap_or_else(super::rotation::new_client_secret);
            if app.webhook_secret_token.is_some() {
                app.webhook_secret_token = secrets
                    .webhook_secret_tokens
                    .get(&app.client_id)
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .or_else(|| known.and_then(|k| k.webhook_secret_token.clone()));
            }
        }
        let fixture = fixture.checked()?;
        let mut world = World::new(fixture);
        for (client_id, old) in retiring {
            let Some(secret) = secrets.retiring.get(&client_id) else {
                continue;
            };
            world.rotations.insert(
                client_id,
                Rotations::retiring(RetiringSecret {
                    secret: secret.clone(),
                    secret_id: old.secret_id,
                    revoke_at: UNIX_EPOCH + Duration::from_secs(old.revoke_at_unix),
                }),
            );
        }
        Ok(world)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::RotateAction;

    const DEMO: &str = "SbxReportingBot0000001";

    fn sandbox() -> World {
        World::new(Fixture::default_sandbox())
    }

    #[test]
    fn no_secret_is_in_the_saved_world() {
        let mut world = sandbox();
        let regenerated = world.regenerate_client_secret(DEMO).expect("app");
        let (saved, secrets) = world.saved();
        let text = serde_json::to_string(&saved).expect("json");
        assert!(
            !text.contains(&regenerated),
            "the new secret is not in the file"
        );
        for secret in secrets.client_secrets.values() {
            assert!(
                !text.contains(secret.as_str()),
                "no client secret in the file"
            );
        }
        for token in secrets.webhook_secret_tokens.values() {
            assert!(
                !text.contains(token.as_str()),
                "no Secret Token in the file"
            );
        }
        assert_eq!(secrets.client_secrets[DEMO], regenerated);
    }

    #[test]
    fn a_restored_world_is_where_the_last_run_left_it() {
        let mut world = sandbox();
        let regenerated = world.regenerate_client_secret(DEMO).expect("app");
        assert!(world.set_app_state(
            "SbxAnalytics0000000003",
            crate::fixture::AppActivation::Deactivated
        ));
        let (saved, secrets) = world.saved();
        let text = serde_json::to_string(&saved).expect("json");
        let again = World::restored(
            serde_json::from_str(&text).expect("read back"),
            &secrets,
            &Fixture::default_sandbox(),
        )
        .expect("restored");
        assert!(again.secret_accepted(DEMO, &regenerated));
        assert_eq!(again.saved(), world.saved());
    }

    #[test]
    fn a_rotations_old_secret_keeps_working_after_a_restart_until_its_revoke_time() {
        let mut world = sandbox();
        let (account, app_id, old) = {
            let (account, app) = world.app(DEMO).expect("demo");
            (
                account.id.clone(),
                app.app_id.clone().expect("app id"),
                app.client_secret.clone(),
            )
        };
        let in_an_hour = world.now() + Duration::from_secs(3600);
        let rotated = world
            .rotate_client_secret(&account, &app_id, RotateAction::New, Some(in_an_hour))
            .expect("rotated");
        let (saved, secrets) = world.saved();
        let in_an_hour_unix = in_an_hour.duration_since(UNIX_EPOCH).expect("after 1970");
        assert_eq!(
            saved.retiring[DEMO].revoke_at_unix,
            in_an_hour_unix.as_secs()
        );
        let mut again =
            World::restored(saved, &secrets, &Fixture::default_sandbox()).expect("restored");
        let new = rotated.new_secret.expect("new secret");
        assert!(again.secret_accepted(DEMO, &new));
        assert!(
            again.secret_accepted(DEMO, &old),
            "the old one until its revoke time"
        );
        again.advance_clock(Duration::from_secs(3601));
        assert!(!again.secret_accepted(DEMO, &old));
    }

    #[test]
    fn a_secret_the_keychain_lost_falls_back_to_the_fixtures() {
        let world = sandbox();
        let (saved, _) = world.saved();
        let again = World::restored(saved, &WorldSecrets::default(), &Fixture::default_sandbox())
            .expect("restored");
        let fixture_secret = &world.app(DEMO).expect("demo").1.client_secret;
        assert!(again.secret_accepted(DEMO, fixture_secret));
    }
}
