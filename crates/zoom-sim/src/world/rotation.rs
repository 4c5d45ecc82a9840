//! Client-secret rotation as Zoom's Marketplace does it: `new` keeps the old secret working until
//! its revoke time (at most 30 days), `update` moves that time, 3 changes per 15 minutes; and the
//! Marketplace's manual Regenerate, which replaces the secret at once.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime};

use super::World;

/// Zoom allows 3 client-secret changes per app in 15 minutes (FACTS.md "Secret rotation").
pub const SECRET_CHANGES_PER_WINDOW: usize = 3;
const SECRET_CHANGE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// A new secret's predecessor may live at most 30 days.
pub const MAX_REVOKE_DELAY: Duration = Duration::from_secs(30 * 24 * 3600);

/// One app's rotation state.
#[derive(Debug, Clone, Default)]
pub(super) struct Rotations {
    /// The replaced secret, still accepted until its revoke time.
    pub(super) retiring: Option<RetiringSecret>,
    /// When the secret was last changed (new or update), for the 3-per-15-minutes limit.
    changes: VecDeque<SystemTime>,
}

#[derive(Debug, Clone)]
pub(super) struct RetiringSecret {
    pub(super) secret: String,
    pub(super) secret_id: String,
    pub(super) revoke_at: SystemTime,
}

impl Rotations {
    /// A rotation a previous run left with its old secret still working.
    pub(super) fn retiring(old: RetiringSecret) -> Self {
        Self {
            retiring: Some(old),
            changes: VecDeque::new(),
        }
    }
}

/// `rotate_client_secret`'s two actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotateAction {
    /// A new secret; the current one keeps working until the revoke time.
    New,
    /// Moves the old secret's revoke time (`now` ends the overlap).
    Update,
}

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    pub secret_id: String,
    /// Set for `new` only.
    pub new_secret: Option<String>,
    pub revoke_at: SystemTime,
}

/// Why a rotation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotateRefused {
    NoSuchApp,
    TooManyChanges,
    RevokeTimeOutOfRange,
    NothingToUpdate,
}

impl World {
    /// Whether `secret` opens app `client_id` now: its current secret, or the one a rotation
    /// replaced, until that one's revoke time.
    pub fn secret_accepted(&self, client_id: &str, secret: &str) -> bool {
        let Some((_, app)) = self.app(client_id) else {
            return false;
        };
        app.client_secret == secret
            || self
                .rotations
                .get(client_id)
                .and_then(|r| r.retiring.as_ref())
                .is_some_and(|old| old.secret == secret && self.now() < old.revoke_at)
    }

    /// `rotate_client_secret` for the app with Marketplace ID `app_id` in `account_id`;
    /// `revoke_at` None means now.
    pub fn rotate_client_secret(
        &mut self,
        account_id: &str,
        app_id: &str,
        action: RotateAction,
        revoke_at: Option<SystemTime>,
    ) -> Result<Rotated, RotateRefused> {
        let now = self.now();
        let client_id = self
            .account(account_id)
            .and_then(|a| {
                a.apps
                    .iter()
                    .find(|app| app.app_id.as_deref() == Some(app_id))
            })
            .map(|app| app.client_id.clone())
            .ok_or(RotateRefused::NoSuchApp)?;
        let revoke_at = revoke_at.unwrap_or(now);
        if revoke_at < now || revoke_at > now + MAX_REVOKE_DELAY {
            return Err(RotateRefused::RevokeTimeOutOfRange);
        }
        let state = self.rotations.entry(client_id.clone()).or_default();
        while state
            .changes
            .front()
            .is_some_and(|t| *t + SECRET_CHANGE_WINDOW <= now)
        {
            state.changes.pop_front();
        }
        if state.changes.len() >= SECRET_CHANGES_PER_WINDOW {
            return Err(RotateRefused::TooManyChanges);
        }
        let rotated = match action {
            RotateAction::Update => {
                let retiring = state
                    .retiring
                    .as_mut()
                    .filter(|r| r.revoke_at > now)
                    .ok_or(RotateRefused::NothingToUpdate)?;
                retiring.revoke_at = revoke_at;
                Rotated {
                    secret_id: retiring.secret_id.clone(),
                    new_secret: None,
                    revoke_at,
                }
            }
            RotateAction::New => {
                let new_secret = new_client_secret();
                let secret_id = format!("{:016x}", crate::random::u64());
                let app = self.app_mut(&client_id).ok_or(RotateRefused::NoSuchApp)?;
                let old = std::mem::replace(&mut app.client_secret, new_secret.clone());
                let state = self.rotations.entry(client_id.clone()).or_default();
                state.retiring = Some(RetiringSecret {
                    secret: old,
                    secret_id: secret_id.clone(),
                    revoke_at,
                });
                Rotated {
                    secret_id,
                    new_secret: Some(new_secret),
                    revoke_at,
                }
            }
        };
        self.rotations
            .entry(client_id)
            .or_default()
            .changes
            .push_back(now);
        Ok(rotated)
    }

    /// The Marketplace's "Regenerate" on the App Credentials page: a new secret replaces the
    /// old one at once (only the API's rotation keeps both for a while). The new secret.
    pub fn regenerate_client_secret(&mut self, client_id: &str) -> Option<String> {
        let app = self.app_mut(client_id)?;
        app.client_secret = new_client_secret();
        Some(app.client_secret.clone())
    }
}

/// A client secret as Zoom's look: 32 letters and digits.
pub(super) fn new_client_secret() -> String {
    crate::random::bytes::<32>()
        .iter()
        .map(|b| {
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                    [usize::from(*b) % 62],
            )
        })
        .collect()
}
