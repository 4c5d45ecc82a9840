//! The simulator's state and Zoom's rules over it, with no HTTP: issuing tokens (with the
//! per-app tolerance that decides which older tokens die), checking tokens, role changes that
//! strip scopes, budgets, faults and the simulated clock.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::fixture::{Account, App, AppState, Fixture, Role, User};
use zoom_catalog::roles::{keeps_scope, OwnerRole};

/// Faults to inject, globally or for one app. Applied in the order of the fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Wait this long before answering.
    pub delay_ms: u64,
    /// Close the connection mid-answer.
    pub drop_connection: bool,
    /// Answer with this 5xx status.
    pub server_error: Option<u16>,
    /// Answer 200 with a truncated JSON body.
    pub malformed_json: bool,
    /// Answer 429, with `Retry-After` in this many seconds (as an ISO timestamp, as Zoom does).
    pub rate_limited_retry_after_secs: Option<u64>,
    /// Answer 429 without any `Retry-After`.
    pub rate_limited_without_retry_after: bool,
    /// Answer 400 with the request's headers and body echoed back, as a misconfigured gateway
    /// or debugging proxy does (the Basic credentials included).
    pub echo_request: bool,
    /// Only the next N requests are affected; then the fault clears itself. None: until reset.
    pub times: Option<u32>,
    /// Which endpoints: "token", "api" or "all" (default).
    pub target: Option<String>,
}

impl Faults {
    fn applies_to(&self, endpoint: Endpoint) -> bool {
        matches!(
            (self.target.as_deref(), endpoint),
            (None | Some("all"), _)
                | (Some("token"), Endpoint::Token)
                | (Some("api"), Endpoint::Api)
        )
    }
}

/// Which side of Zoom a request hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/oauth/token`.
    Token,
    /// `/v2/...`.
    Api,
}

/// A token the simulator issued.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    /// The app.
    pub client_id: String,
    /// Its account.
    pub account_id: String,
    /// Scopes fixed at issue time (a later scope change shows only in a new token).
    pub scopes: Vec<String>,
    /// Simulated expiry.
    pub expires_at: SystemTime,
    /// Killed by a newer token, or by deactivation.
    pub invalidated: bool,
}

/// Why the API refused a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// Unknown or invalidated.
    Invalid,
    /// Past its expiry.
    Expired,
}

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
    pub(crate) deliveries: Vec<crate::webhooks::Delivery>,
    /// Client-secret rotations per client ID (`rotate_client_secret`).
    rotations: HashMap<String, Rotations>,
}

/// Zoom allows 3 client-secret changes per app in 15 minutes (FACTS.md "Secret rotation").
pub const SECRET_CHANGES_PER_WINDOW: usize = 3;
const SECRET_CHANGE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// A new secret's predecessor may live at most 30 days.
pub const MAX_REVOKE_DELAY: Duration = Duration::from_secs(30 * 24 * 3600);

/// One app's rotation state.
#[derive(Debug, Clone, Default)]
struct Rotations {
    /// The replaced secret, still accepted until its revoke time.
    retiring: Option<RetiringSecret>,
    /// When the secret was last changed (new or update), for the 3-per-15-minutes limit.
    changes: VecDeque<SystemTime>,
}

#[derive(Debug, Clone)]
struct RetiringSecret {
    secret: String,
    secret_id: String,
    revoke_at: SystemTime,
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

/// (window, calls in it) and (UTC day, calls that day) for one account and label; the window is
/// a second, or a minute for Resource-intensive calls.
type LabelUse = ((u64, u64), (u64, u64));

/// Zoom's per-host daily limit on creating or updating meetings (FACTS.md "Rate limits").
pub const MEETING_WRITES_PER_HOST_PER_DAY: u32 = 100;

impl World {
    /// A world from a checked fixture.
    pub fn new(fixture: Fixture) -> Self {
        Self {
            fixture,
            tokens: HashMap::new(),
            live: HashMap::new(),
            stats: Stats::default(),
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
        }
    }

    /// Counts one meeting create or update for `host`; `Err(secs to midnight UTC)` once the
    /// host's daily limit is spent.
    pub(crate) fn spend_meeting_write(&mut self, host: &str) -> Result<u32, u64> {
        let secs = self
            .now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let day = secs / 86_400;
        let used = self
            .meeting_writes
            .entry((host.to_string(), day))
            .or_insert(0);
        if *used >= MEETING_WRITES_PER_HOST_PER_DAY {
            return Err(86_400 - secs % 86_400);
        }
        *used += 1;
        Ok(MEETING_WRITES_PER_HOST_PER_DAY - *used)
    }

    /// A new meeting id, as Zoom's are: 10 to 11 digits.
    pub(crate) fn new_meeting_id(&mut self) -> u64 {
        self.next_meeting_id += 7_919;
        self.next_meeting_id
    }

    /// Request counters so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    pub(crate) fn stats_mut(&mut self) -> &mut Stats {
        &mut self.stats
    }

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

    /// The world's accounts, users and apps as they stand.
    pub fn fixture(&self) -> &Fixture {
        &self.fixture
    }

    /// Simulated wall-clock time.
    pub fn now(&self) -> SystemTime {
        self.frozen_at
            .unwrap_or_else(|| SystemTime::now() + self.clock_offset)
    }

    /// Stops the simulated clock where it is (it then moves only with [`Self::advance_clock`]):
    /// tests that count per-second budgets must not depend on how fast the machine is.
    pub fn freeze_clock(&mut self) {
        self.frozen_at = Some(self.now());
    }

    /// Moves the simulated clock to the first second of the next UTC day: tests that spend a
    /// daily budget over simulated minutes then never straddle midnight.
    pub fn advance_to_next_utc_day(&mut self) {
        let since_epoch = self
            .now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        self.advance_clock(Duration::from_secs(86_400 - since_epoch % 86_400 + 1));
    }

    /// Moves the simulated clock forward.
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock_offset += by;
        if let Some(frozen) = self.frozen_at.as_mut() {
            *frozen += by;
        }
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

    /// Injects faults for one app (`Some(client_id)`) or for every request (`None`).
    pub fn set_faults(&mut self, client_id: Option<&str>, faults: Faults) {
        match client_id {
            Some(id) => {
                self.app_faults.insert(id.to_string(), faults);
            }
            None => self.global_faults = faults,
        }
    }

    /// Removes every injected fault.
    pub fn clear_faults(&mut self) {
        self.global_faults = Faults::default();
        self.app_faults.clear();
    }

    /// Takes one use of the faults that apply to this request, if any.
    pub fn take_fault(&mut self, endpoint: Endpoint, client_id: Option<&str>) -> Option<Faults> {
        let slot = match client_id.and_then(|c| self.app_faults.get_mut(c)) {
            Some(f) if f.applies_to(endpoint) => f,
            _ if self.global_faults.applies_to(endpoint)
                && self.global_faults != Faults::default() =>
            {
                &mut self.global_faults
            }
            _ => return None,
        };
        let fault = slot.clone();
        if let Some(n) = slot.times.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                *slot = Faults::default();
            }
        }
        (fault.times != Some(0)).then_some(fault)
    }

    /// Issues a token for an app. Today's rule: tokens coexist until they expire. An app set to
    /// the old one-token rule applies its tolerance: in the app's slot, only the `capacity`
    /// newest tokens stay valid (default one, so a new token kills the previous).
    pub fn issue_token(
        &mut self,
        client_id: &str,
        slot: Option<u32>,
    ) -> Option<(String, TokenRecord)> {
        let (account, app) = self.app(client_id)?;
        let capacity = match (app.single_token, app.token_index_enabled) {
            (false, _) => usize::MAX,
            (true, true) => 1,
            (true, false) => app.token_tolerance as usize,
        };
        let slot = if app.single_token { slot } else { None };
        let record = TokenRecord {
            client_id: client_id.to_string(),
            account_id: account.id.clone(),
            scopes: app.scopes.clone(),
            expires_at: self.now() + Duration::from_secs(self.fixture.token_ttl_secs),
            invalidated: false,
        };
        let token = mint_token(
            client_id,
            &app.owner_id,
            self.now(),
            self.fixture.token_ttl_secs,
        );
        let queue = self.live.entry((client_id.to_string(), slot)).or_default();
        queue.push_back(token.clone());
        while queue.len() > capacity {
            if let Some(old) = queue.pop_front() {
                if let Some(r) = self.tokens.get_mut(&old) {
                    r.invalidated = true;
                }
            }
        }
        self.tokens.insert(token.clone(), record.clone());
        Some((token, record))
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

    /// Every token issued so far, for tests that prove none leaked.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.tokens.keys().cloned().collect()
    }

    /// Checks a bearer token for an API call.
    pub fn check_token(&self, token: &str) -> Result<&TokenRecord, TokenCheck> {
        let record = self.tokens.get(token).ok_or(TokenCheck::Invalid)?;
        let app_usable = self
            .app(&record.client_id)
            .is_some_and(|(_, a)| a.state == AppState::Active);
        if record.invalidated || !app_usable {
            return Err(TokenCheck::Invalid);
        }
        if self.now() >= record.expires_at {
            return Err(TokenCheck::Expired);
        }
        Ok(record)
    }

    /// Spends one call of `label` from the account's plan: its per-second budget, Free's daily
    /// budget per label, and the daily budget Heavy and Resource-intensive calls share on paid
    /// plans (zoom_catalog::limits has Zoom's table). `Err` names the budget that is spent.
    pub fn spend_label_budget(
        &mut self,
        account_id: &str,
        label: zoom_catalog::limits::Label,
    ) -> Result<LabelSpend, LabelSpend> {
        use zoom_catalog::limits::{budget, Label};
        let Some(plan) = self.account(account_id).map(|a| a.plan) else {
            return Ok(LabelSpend::default());
        };
        let b = budget(plan, label);
        let secs = self
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let (day, to_midnight) = (secs / 86_400, 86_400 - secs % 86_400);
        // Resource-intensive budgets are per minute: count them in minute windows.
        let (window, per_window) = if b.per_second < 1.0 {
            (secs / 60, (b.per_second * 60.0).round() as u64)
        } else {
            (secs, b.per_second as u64)
        };
        let used = self
            .label_used
            .entry((account_id.to_string(), label))
            .or_insert(((window, 0), (day, 0)));
        if used.0 .0 != window {
            used.0 = (window, 0);
        }
        if used.1 .0 != day {
            used.1 = (day, 0);
        }
        let spent = |limit: u64, kind: &'static str, retry: Option<u64>| LabelSpend {
            category: label.header_name(),
            limit_type: kind,
            limit,
            remaining: 0,
            retry_after_secs: retry,
        };
        if used.0 .1 >= per_window {
            return Err(spent(per_window, "QPS", None));
        }
        if let Some(daily) = b.per_day {
            if used.1 .1 >= daily {
                return Err(spent(daily, "Daily-limit", Some(to_midnight)));
            }
        }
        let shared = b
            .shared_per_day
            .filter(|_| matches!(label, Label::Heavy | Label::ResourceIntensive));
        if let Some(limit) = shared {
            let s = self
                .shared_used
                .entry(account_id.to_string())
                .or_insert((day, 0));
            if s.0 != day {
                *s = (day, 0);
            }
            if s.1 >= limit {
                return Err(spent(limit, "Daily-limit", Some(to_midnight)));
            }
            s.1 += 1;
        }
        used.0 .1 += 1;
        used.1 .1 += 1;
        let (limit, remaining) = match b.per_day {
            Some(daily) => (daily, daily - used.1 .1),
            None => (per_window, per_window - used.0 .1),
        };
        Ok(LabelSpend {
            category: label.header_name(),
            limit_type: if b.per_day.is_some() {
                "Daily-limit"
            } else {
                "QPS"
            },
            limit,
            remaining,
            retry_after_secs: None,
        })
    }

    /// Sets an account's plan and clears its counters (admin route, tests).
    pub fn set_plan(&mut self, account_id: &str, plan: zoom_catalog::limits::Plan) -> bool {
        let Some(account) = self
            .fixture
            .accounts
            .iter_mut()
            .find(|a| a.id == account_id)
        else {
            return false;
        };
        account.plan = plan;
        self.reset_counters(account_id);
        true
    }

    /// Clears an account's rate-limit counters (per label, shared, daily budget, meetings).
    pub fn reset_counters(&mut self, account_id: &str) {
        self.label_used.retain(|(a, _), _| a != account_id);
        self.shared_used.remove(account_id);
        self.meeting_writes.clear();
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

    /// Replaces the whole world (tokens and counters too).
    pub fn reload(&mut self, fixture: Fixture) {
        *self = World::new(fixture);
    }
}

/// Scopes removed per client ID.
pub type StrippedScopes = HashMap<String, Vec<String>>;

/// One call's spend of its label's budget: the rate-limit headers to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelSpend {
    /// `X-RateLimit-Category`.
    pub category: &'static str,
    /// `X-RateLimit-Type`: QPS or Daily-limit.
    pub limit_type: &'static str,
    /// `X-RateLimit-Limit`.
    pub limit: u64,
    /// `X-RateLimit-Remaining`.
    pub remaining: u64,
    /// Seconds until a daily budget resets (Zoom's `Retry-After`), when it is spent.
    pub retry_after_secs: Option<u64>,
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

/// A token shaped like Zoom's (a JWT), though clients must treat it as opaque.
fn mint_token(client_id: &str, owner_id: &str, now: SystemTime, ttl: u64) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let iat = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = b64.encode(r#"{"alg":"HS512","v":"2.0","kid":"zoom-sim"}"#);
    let claims = serde_json::json!({
        "aud": "https://oauth.zoom.us", "uid": owner_id, "ver": 10, "iss": format!("zm:cid:{client_id}"),
        "iat": iat, "exp": iat + ttl, "jti": crate::random::u64().to_string(),
    });
    let signature: [u8; 32] = crate::random::bytes();
    format!(
        "{header}.{}.{}",
        b64.encode(claims.to_string()),
        b64.encode(signature)
    )
}

/// A client secret as Zoom's look: 32 letters and digits.
fn new_client_secret() -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        World::new(Fixture::default_sandbox())
    }

    /// Spends `calls` of `label`'s budget at `per_second`, the simulated clock keeping pace, so
    /// only the daily budget can run out; every call must fit.
    fn spend_steadily(
        w: &mut World,
        label: zoom_catalog::limits::Label,
        calls: u32,
        per_second: u32,
    ) {
        for n in 0..calls {
            if n % per_second == 0 {
                w.advance_clock(Duration::from_secs(1));
            }
            let spent = w.spend_label_budget(ACCOUNT, label);
            assert!(spent.is_ok(), "call {n} of {calls} fits the day: {spent:?}");
        }
    }

    /// A world whose clock stands at the start of a UTC day (daily-budget tests failed when run
    /// after 23:00 UTC, crossing midnight).
    fn world_at_start_of_day() -> World {
        let mut w = world();
        w.advance_to_next_utc_day();
        w
    }

    const REPORTING: &str = "SbxReportingBot0000001";
    const MULTI: &str = "SbxMultiInstance000005";

    const ACCOUNT: &str = "SbxDemoAccount00000001";

    #[test]
    fn free_plans_have_a_daily_budget_per_label_that_midnight_utc_restores() {
        use zoom_catalog::limits::{Label, Plan};
        let mut w = world_at_start_of_day();
        assert!(w.set_plan(ACCOUNT, Plan::Free));
        spend_steadily(&mut w, Label::Medium, 2_000, 2); // Medium: 2/s on Free
        w.advance_clock(Duration::from_secs(1));
        let spent = w
            .spend_label_budget(ACCOUNT, Label::Medium)
            .expect_err("2,001st");
        assert_eq!((spent.limit_type, spent.limit), ("Daily-limit", 2_000));
        assert!(spent.retry_after_secs.is_some_and(|s| s <= 86_400));
        w.advance_clock(Duration::from_secs(spent.retry_after_secs.unwrap_or(0)));
        assert!(
            w.spend_label_budget(ACCOUNT, Label::Medium).is_ok(),
            "a new UTC day"
        );
    }

    #[test]
    fn paid_plans_share_a_heavy_and_resource_intensive_daily_budget() {
        use zoom_catalog::limits::{Label, Plan};
        let mut w = world_at_start_of_day();
        assert!(w.set_plan(ACCOUNT, Plan::Pro));
        spend_steadily(&mut w, Label::Heavy, 30_000, 10); // Heavy: 10/s on Pro
        w.advance_clock(Duration::from_secs(60));
        let spent = w
            .spend_label_budget(ACCOUNT, Label::ResourceIntensive)
            .expect_err("shared budget spent");
        assert_eq!(
            (spent.category, spent.limit),
            ("Resource-intensive", 30_000)
        );
    }

    #[test]
    fn a_per_second_budget_answers_qps() {
        use zoom_catalog::limits::{Label, Plan};
        let mut w = world();
        assert!(w.set_plan(ACCOUNT, Plan::Free));
        w.advance_clock(Duration::from_secs(1));
        // Heavy on Free: 1 a second. The clock stands still within this test.
        let first = w.spend_label_budget(ACCOUNT, Label::Heavy);
        let second = w.spend_label_budget(ACCOUNT, Label::Heavy);
        let third = w.spend_label_budget(ACCOUNT, Label::Heavy);
        assert!(first.is_ok() || second.is_ok());
        let refused = [second, third]
            .into_iter()
            .find_map(Result::err)
            .expect("a QPS refusal");
        assert_eq!(refused.limit_type, "QPS");
    }

    #[test]
    fn tokens_coexist_by_default_as_zoom_has_allowed_since_june_2023() {
        let mut w = world();
        let tokens: Vec<String> = (0..5)
            .map(|_| w.issue_token(REPORTING, Some(3)).expect("issued").0)
            .collect();
        assert!(
            tokens.iter().all(|t| w.check_token(t).is_ok()),
            "index ignored, none killed"
        );
    }

    #[test]
    fn under_the_old_rule_a_new_token_invalidates_the_previous_one() {
        let mut w = world();
        w.app_mut(REPORTING).expect("app").single_token = true;
        let (first, _) = w.issue_token(REPORTING, None).expect("issued");
        assert!(w.check_token(&first).is_ok());
        let (second, _) = w.issue_token(REPORTING, None).expect("issued");
        assert_eq!(w.check_token(&first).err(), Some(TokenCheck::Invalid));
        assert!(w.check_token(&second).is_ok());
    }

    #[test]
    fn under_the_old_rule_with_a_raised_tolerance_the_n_newest_stay_valid() {
        let mut w = world();
        w.app_mut(REPORTING).expect("app").single_token = true;
        w.app_mut(REPORTING).expect("app").token_tolerance = 2;
        let tokens: Vec<String> = (0..3)
            .map(|_| w.issue_token(REPORTING, None).expect("issued").0)
            .collect();
        assert!(w.check_token(&tokens[0]).is_err());
        assert!(w.check_token(&tokens[1]).is_ok() && w.check_token(&tokens[2]).is_ok());
    }

    #[test]
    fn token_index_slots_are_independent() {
        let mut w = world();
        let slot0 = w.issue_token(MULTI, Some(0)).expect("issued").0;
        let slot1 = w.issue_token(MULTI, Some(1)).expect("issued").0;
        assert!(w.check_token(&slot0).is_ok() && w.check_token(&slot1).is_ok());
        let slot0_again = w.issue_token(MULTI, Some(0)).expect("issued").0;
        assert!(w.check_token(&slot0).is_err());
        assert!(w.check_token(&slot1).is_ok() && w.check_token(&slot0_again).is_ok());
    }

    #[test]
    fn tokens_expire_on_the_simulated_clock() {
        let mut w = world();
        let (t, _) = w.issue_token(REPORTING, None).expect("issued");
        w.advance_clock(Duration::from_secs(3600));
        assert_eq!(w.check_token(&t).err(), Some(TokenCheck::Expired));
    }

    #[test]
    fn demoting_an_owner_to_member_strips_admin_scopes_from_their_apps() {
        let mut w = world();
        let stripped = w.set_user_role("sbx-admin-0002", "2").expect("role change");
        let lost = &stripped[REPORTING];
        assert!(lost.contains(&"user:read:list_users:admin".to_string()));
        assert!(w
            .app(REPORTING)
            .expect("app")
            .1
            .scopes
            .iter()
            .all(|s| !s.contains(":admin")));
    }

    #[test]
    fn a_custom_role_losing_one_privilege_loses_only_the_related_scopes() {
        let mut w = world();
        let stripped = w
            .set_role_privileges(
                "custom-analyst",
                vec!["DashboardMeetings:Read".into(), "UsageReport:Read".into()],
            )
            .expect("privileges");
        let lost = &stripped["SbxAnalytics0000000003"];
        assert!(lost.iter().all(|s| s.starts_with("user:")), "{lost:?}");
        assert!(w
            .app("SbxAnalytics0000000003")
            .expect("app")
            .1
            .scopes
            .iter()
            .any(|s| s.starts_with("dashboard:")));
    }
}
