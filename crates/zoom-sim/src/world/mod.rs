//! The simulator's state and Zoom's rules over it, with no HTTP. [`World`] holds the fixture
//! (accounts, users, roles, apps) and the state every concern keeps; each concern's rules are
//! in a file of their own: tokens, budgets (rate limits), meetings, faults, the simulated
//! clock, webhook deliveries, client-secret rotation, roles, the other stored objects.

mod budgets;
mod clock;
mod deliveries;
mod faults;
mod meetings;
mod roles;
mod rotation;
mod saved;
mod stored;
mod tokens;
mod usage;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::fixture::{Account, App, Fixture, Role, User};

use budgets::LabelUse;
use rotation::Rotations;

pub use budgets::LabelSpend;
pub use deliveries::{Attempt, Delivery};
pub use faults::{Endpoint, Faults, ZoomError};
pub use meetings::MEETING_WRITES_PER_HOST_PER_DAY;
pub use roles::StrippedScopes;
pub use rotation::{
    RotateAction, RotateRefused, Rotated, MAX_REVOKE_DELAY, SECRET_CHANGES_PER_WINDOW,
};
pub use saved::{SavedRetiring, SavedWorld, WorldSecrets};
pub(crate) use stored::Stored;
pub use tokens::{TokenCheck, TokenRecord};
pub use usage::AppUsage;

/// Request counters, for tests that must prove how often Zoom was asked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Token requests per client ID (every request that reached the endpoint).
    pub token_requests: HashMap<String, u64>,
    /// Token requests whose client ID could not be read.
    pub anonymous_token_requests: u64,
    /// API requests.
    pub api_requests: u64,
}

/// The whole simulated Zoom.
#[derive(Debug)]
pub struct World {
    pub(crate) fixture: Fixture,
    tokens: HashMap<String, TokenRecord>,
    /// Live tokens per (client_id, slot), oldest first.
    live: HashMap<(String, Option<u32>), VecDeque<String>>,
    stats: Stats,
    global_faults: Faults,
    app_faults: HashMap<String, Faults>,
    clock_offset: Duration,
    /// Set while the clock is frozen ([`World::freeze_clock`]).
    frozen_at: Option<SystemTime>,
    /// Calls per (account, label) in the current window and the current day.
    label_used: HashMap<(String, zoom_catalog::limits::Label), LabelUse>,
    /// Heavy + Resource-intensive calls per account per day (their shared budget).
    shared_used: HashMap<String, (u64, u64)>,
    /// Meetings created through the API, by id.
    pub(crate) meetings: std::collections::BTreeMap<u64, serde_json::Value>,
    /// Meeting creates and updates per (host, UTC day): Zoom allows 100 a host a day.
    meeting_writes: HashMap<(String, u64), u32>,
    next_meeting_id: u64,
    /// Webhook events sent (`/_sim/webhooks/deliver`), oldest first.
    pub(crate) deliveries: Vec<Delivery>,
    /// Client-secret rotations per client ID (`rotate_client_secret`).
    rotations: HashMap<String, Rotations>,
    /// Webinars, registrants, groups, settings: objects by collection and id.
    stored: HashMap<&'static str, std::collections::BTreeMap<String, Stored>>,
    next_object_id: u64,
    /// Paths of objects answered by shape alone that a documented `DELETE` removed.
    buried: Vec<Vec<String>>,
    /// API calls per client ID, as Zoom's Marketplace reports them.
    usage: HashMap<String, AppUsage>,
}

impl World {
    /// A world from a checked fixture.
    pub fn new(fixture: Fixture) -> Self {
        Self {
            fixture,
            tokens: HashMap::new(),
            live: HashMap::new(),
            stats: Stats::default(),
            usage: HashMap::new(),
            global_faults: Faults::default(),
            app_faults: HashMap::new(),
            clock_offset: Duration::ZERO,
            frozen_at: None,
            meetings: std::collections::BTreeMap::new(),
            label_used: HashMap::new(),
            shared_used: HashMap::new(),
            meeting_writes: HashMap::new(),
            next_meeting_id: 81_234_567_890,
            deliveries: Vec::new(),
            rotations: HashMap::new(),
            stored: HashMap::new(),
            next_object_id: 93_456_789_012,
            buried: Vec::new(),
        }
    }

    /// Request counters so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    pub(crate) fn stats_mut(&mut self) -> &mut Stats {
        &mut self.stats
    }

    /// The world's accounts, users and apps as they stand.
    pub fn fixture(&self) -> &Fixture {
        &self.fixture
    }

    /// The app with this client ID, and its account.
    pub fn app(&self, client_id: &str) -> Option<(&Account, &App)> {
        self.fixture.accounts.iter().find_map(|a| {
            a.apps
                .iter()
                .find(|p| p.client_id == client_id)
                .map(|p| (a, p))
        })
    }

    /// The app with this client ID, to change it.
    pub fn app_mut(&mut self, client_id: &str) -> Option<&mut App> {
        self.fixture
            .accounts
            .iter_mut()
            .flat_map(|a| a.apps.iter_mut())
            .find(|p| p.client_id == client_id)
    }

    /// The account with this id.
    pub fn account(&self, account_id: &str) -> Option<&Account> {
        self.fixture.accounts.iter().find(|a| a.id == account_id)
    }

    /// A user and their role.
    pub fn user(&self, account_id: &str, user_id: &str) -> Option<(&User, &Role)> {
        let account = self.account(account_id)?;
        let user = account
            .users
            .iter()
            .find(|u| u.id == user_id || u.email.eq_ignore_ascii_case(user_id))?;
        let role = account.roles.iter().find(|r| r.id == user.role_id)?;
        Some((user, role))
    }

    /// The account with this id, to change it.
    pub(crate) fn account_mut(&mut self, account_id: &str) -> Option<&mut Account> {
        self.fixture
            .accounts
            .iter_mut()
            .find(|a| a.id == account_id)
    }

    /// A user (by id or email), to change them.
    pub(crate) fn user_mut(&mut self, account_id: &str, user_id: &str) -> Option<&mut User> {
        self.account_mut(account_id)?
            .users
            .iter_mut()
            .find(|u| u.id == user_id || u.email.eq_ignore_ascii_case(user_id))
    }

    /// A role, to change it.
    pub(crate) fn role_mut(&mut self, account_id: &str, role_id: &str) -> Option<&mut Role> {
        self.account_mut(account_id)?
            .roles
            .iter_mut()
            .find(|r| r.id == role_id)
    }

    /// Removes a user from the account; their apps pass to the account Owner, as Zoom transfers
    /// the apps of an owner who leaves (FACTS.md "App ownership").
    pub(crate) fn remove_user(&mut self, account_id: &str, user_id: &str) {
        let Some(account) = self.account_mut(account_id) else {
            return;
        };
        account.users.retain(|u| u.id != user_id);
        let owner = account
            .users
            .iter()
            .find(|u| u.role_id == "0")
            .map(|u| u.id.clone());
        if let Some(owner) = owner {
            for app in account.apps.iter_mut().filter(|a| a.owner_id == user_id) {
                app.owner_id = owner.clone();
            }
        }
        for kept_per_user in ["user_settings", stored::USER_PROFILES] {
            if let Some(kept) = self.stored.get_mut(kept_per_user) {
                kept.remove(user_id);
            }
        }
    }

    /// Replaces the whole world (tokens and counters too).
    pub fn reload(&mut self, fixture: Fixture) {
        *self = World::new(fixture);
    }
}
