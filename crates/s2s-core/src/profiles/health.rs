//! A profile's health at a glance, for the overview's badges: whether its token works, whether
//! it lost admin access, whether its admin scopes hang on one person's role, which expected
//! scopes its latest token lacks, and how old its secret is. Computed from what the profile
//! already records (history, expected scopes, secret date); no network.

use std::collections::BTreeSet;

use serde::Serialize;
use zoom_catalog::change::{ownership_risk, still_covered};
use zoom_catalog::scope::ScopeName;

use super::ownership::{
    owner_state, transfer_status, OwnerState, TransferStatus, TRANSFER_URGENT_DAYS,
};
use super::record::active_drift;
use super::{Profile, ProfileId};
use crate::error::ErrorKind;

/// After this many days a secret is due for rotation, unless the profile sets its own period
/// (the common policy; Zoom sets none).
pub const SECRET_ROTATION_DAYS: u32 = 90;

/// The reminder periods a profile may set, and the default: the one rule the app's field, the
/// CLI's flag and the service's check all read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReminderDaysRule {
    /// The default period.
    pub default: u32,
    /// The shortest period.
    pub min: u32,
    /// The longest (ten years: past that, no reminder is meant).
    pub max: u32,
}

impl ReminderDaysRule {
    /// Whether `days` is a period a profile may set.
    pub fn contains(&self, days: u32) -> bool {
        (self.min..=self.max).contains(&days)
    }
}

/// See [`ReminderDaysRule`].
pub const REMINDER_DAYS: ReminderDaysRule = ReminderDaysRule {
    default: SECRET_ROTATION_DAYS,
    min: 1,
    max: 3650,
};

const DAY: i64 = 24 * 60 * 60;

/// What the latest test said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    /// No test recorded yet.
    NeverTested,
    /// The latest test got a working token (expected scopes it lacks are their own concern).
    Passing,
    /// The latest test got no token, or one Zoom refused.
    Failing,
}

/// How much a concern needs the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Something to look at soon.
    Warn,
    /// Something broken or about to break.
    Risk,
}

/// Something about a profile that needs the admin (the facts behind each are
/// [`ProfileHealth`]'s fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// The latest test did not get a token.
    TokenFailing,
    /// Admin scopes or privileges were lost and are still missing.
    LostAdminAccess,
    /// Expected scopes the latest token lacks.
    ScopesMissing,
    /// The admin scopes hang on a role other than the account Owner's.
    OwnerAtRisk,
    /// The secret is older than its reminder period.
    SecretDue,
    /// Zoom says the app's owner no longer exists (4735).
    OwnerGone,
    /// The app's owner is deactivated in Zoom.
    OwnerDeactivated,
    /// An ownership transfer is under way, with time left.
    TransferPending,
    /// An ownership transfer is close to Zoom's 30-day deadline, or past it.
    TransferUrgent,
}

impl Concern {
    /// How urgent it is: what stops calls now is a risk; what will, or could, later is a warning.
    pub fn urgency(self) -> Urgency {
        match self {
            Concern::TokenFailing
            | Concern::LostAdminAccess
            | Concern::ScopesMissing
            | Concern::OwnerGone
            | Concern::TransferUrgent => Urgency::Risk,
            Concern::OwnerAtRisk
            | Concern::SecretDue
            | Concern::OwnerDeactivated
            | Concern::TransferPending => Urgency::Warn,
        }
    }
}

/// A concern with its urgency, as the overview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConcernEntry {
    /// What.
    pub concern: Concern,
    /// How urgent.
    pub urgency: Urgency,
}

/// One profile's badges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileHealth {
    /// Whose health.
    pub id: ProfileId,
    /// The latest test's verdict.
    pub token: TokenStatus,
    /// When the latest test ran (Unix seconds).
    pub tested_unix: Option<i64>,
    /// Why admin access was lost, while a lost scope or privilege is still missing.
    pub lost_admin_access: Option<String>,
    /// Set when the app's admin scopes depend on a role other than the account Owner's.
    pub owner_at_risk: Option<String>,
    /// Expected scopes the latest token lacks (a scope renamed classic → granular whose calls
    /// are all still allowed counts as held).
    pub missing_scopes: Vec<ScopeName>,
    /// Days since the secret was stored; none when S2S Desk never recorded it.
    pub secret_age_days: Option<u32>,
    /// The secret is as old as the reminder period or older.
    pub secret_due: bool,
    /// The reminder period in days: the profile's own, else [`SECRET_ROTATION_DAYS`].
    pub secret_reminder_days: u32,
    /// The app's owner as the latest tests saw them, when they are gone or deactivated.
    pub owner_state: Option<OwnerState>,
    /// What that means and what to do.
    pub owner_message: Option<String>,
    /// An ownership transfer being tracked, as its checklist stands (complete ones too, until
    /// the admin stops tracking them).
    pub transfer: Option<TransferStatus>,
    /// What needs the admin, most urgent first (in [`Concern`]'s order within an urgency).
    pub concerns: Vec<ConcernEntry>,
    /// The most urgent concern's urgency; none when nothing needs the admin.
    pub attention: Option<Urgency>,
}

impl ProfileHealth {
    /// Whether anything needs the admin's attention.
    pub fn needs_attention(&self) -> bool {
        self.attention.is_some()
    }
}

/// A profile with its health, as the overview lists it (the app's and the CLI's list).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileEntry {
    /// The profile.
    #[serde(flatten)]
    pub profile: Profile,
    /// Its health now.
    pub health: ProfileHealth,
}

/// `profiles` with their health as of `now_unix`, in the same order.
pub fn entries(profiles: Vec<Profile>, now_unix: i64) -> Vec<ProfileEntry> {
    profiles
        .into_iter()
        .map(|profile| ProfileEntry {
            health: health(&profile, now_unix),
            profile,
        })
        .collect()
}

/// `profile`'s badges as of `now_unix`.
pub fn health(profile: &Profile, now_unix: i64) -> ProfileHealth {
    let latest = profile.history.first();
    let with_token = profile.history.iter().find(|r| r.got_token());
    let held: BTreeSet<&str> = with_token
        .map(|r| r.scopes.iter().map(ScopeName::as_str).collect())
        .unwrap_or_default();
    let missing_scopes = match with_token {
        Some(_) => profile
            .expected_scopes
            .iter()
            .filter(|s| !still_covered(zoom_catalog::catalog(), s, &held))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let owner_at_risk = with_token.and_then(|r| {
        let owner = r.owner.as_ref()?;
        ownership_risk(owner, &r.scopes).map(|risk| risk.message)
    });
    let secret_age_days = profile
        .secret_saved_unix
        .map(|saved| u32::try_from((now_unix - saved).max(0) / DAY).unwrap_or(u32::MAX));
    let secret_reminder_days = profile.secret_reminder_days.unwrap_or(SECRET_ROTATION_DAYS);
    let token = match latest {
        None => TokenStatus::NeverTested,
        Some(r) if r.ok => TokenStatus::Passing,
        // Zoom issued a token that works but lacks scopes: the token is fine, the missing
        // scopes are a concern of their own (and say which).
        Some(r) if r.got_token() && r.kind == Some(ErrorKind::MissingScope) => TokenStatus::Passing,
        Some(_) => TokenStatus::Failing,
    };
    let lost_admin_access = active_drift(&profile.history).map(|(_, d)| d.cause.clone());
    let secret_due = secret_age_days.is_some_and(|d| d >= secret_reminder_days);
    let owner_state = owner_state(profile);
    let transfer = transfer_status(profile, now_unix);
    let open_transfer = transfer.as_ref().filter(|t| !t.complete);
    let transfer_urgent =
        open_transfer.is_some_and(|t| t.lapsed || t.days_left < TRANSFER_URGENT_DAYS);
    let mut concerns: Vec<ConcernEntry> = [
        (token == TokenStatus::Failing, Concern::TokenFailing),
        (lost_admin_access.is_some(), Concern::LostAdminAccess),
        (!missing_scopes.is_empty(), Concern::ScopesMissing),
        (owner_at_risk.is_some(), Concern::OwnerAtRisk),
        (secret_due, Concern::SecretDue),
        (owner_state == Some(OwnerState::Gone), Concern::OwnerGone),
        (
            owner_state == Some(OwnerState::Deactivated),
            Concern::OwnerDeactivated,
        ),
        (
            transfer.is_some() && !transfer_urgent,
            Concern::TransferPending,
        ),
        (transfer_urgent, Concern::TransferUrgent),
    ]
    .into_iter()
    .filter(|(present, _)| *present)
    .map(|(_, concern)| ConcernEntry {
        concern,
        urgency: concern.urgency(),
    })
    .collect();
    // Stable: within one urgency, the order above.
    concerns.sort_by_key(|c| std::cmp::Reverse(c.urgency));
    ProfileHealth {
        id: profile.id.clone(),
        token,
        tested_unix: latest.map(|r| r.at_unix),
        lost_admin_access,
        owner_at_risk,
        missing_scopes,
        secret_age_days,
        secret_due,
        secret_reminder_days,
        owner_message: owner_state.map(|s| s.message().to_string()),
        owner_state,
        transfer,
        attention: concerns.first().map(|c| c.urgency),
        concerns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{ProfileCloud, ProfileDraft, TestRecord};
    use zoom_catalog::change::OwnerSnapshot;

    const NOW: i64 = 1_800_000_000;

    fn profile(expected: &[&str], history: Vec<TestRecord>) -> Profile {
        Profile {
            id: "p".into(),
            settings: ProfileDraft {
                name: "Reporting".into(),
                cloud: ProfileCloud::Sandbox,
                account_id: "acct".into(),
                client_id: "client".into(),
                notes: String::new(),
                expected_scopes: expected.iter().map(ScopeName::new).collect(),
                token_index: None,
                token_rule: None,
                account_plan: None,
                tags: Vec::new(),
            },
            history,
            secret_saved_unix: None,
            webhook_secret_token_saved: false,
            app_id: None,
            secret_reminder_days: None,
            rotation: None,
            ownership_transfer: None,
            consumers: Vec::new(),
        }
    }

    fn passed(at: i64, scopes: &[&str], role_id: &str) -> TestRecord {
        TestRecord {
            at_unix: at,
            ok: true,
            kind: None,
            summary: "ok".into(),
            scopes: scopes.iter().map(ScopeName::new).collect(),
            latency_ms: Some(5),
            owner: Some(OwnerSnapshot {
                user_id: "u1".into(),
                email: Some("admin@example.com".into()),
                role_id: Some(role_id.into()),
                role_name: Some(if role_id == "0" { "Owner" } else { "Admin" }.into()),
                privileges: None,
                status: None,
            }),
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        }
    }

    fn failed(at: i64) -> TestRecord {
        TestRecord {
            ok: false,
            latency_ms: None,
            scopes: Vec::new(),
            owner: None,
            summary: "Zoom rejected the credentials".into(),
            ..passed(at, &[], "0")
        }
    }

    #[test]
    fn an_untested_profile_claims_nothing_but_never_tested() {
        let h = health(&profile(&["user:read:user:admin"], vec![]), NOW);
        assert_eq!(h.token, TokenStatus::NeverTested);
        assert!(h.missing_scopes.is_empty(), "no token: nothing to compare");
        assert!(!h.needs_attention());
    }

    #[test]
    fn the_latest_test_decides_the_token_badge() {
        let h = health(&profile(&[], vec![failed(2), passed(1, &[], "0")]), NOW);
        assert_eq!((h.token, h.tested_unix), (TokenStatus::Failing, Some(2)));
        assert!(h.needs_attention());
    }

    #[test]
    fn expected_scopes_are_compared_with_the_latest_token_and_renames_are_not_missing() {
        // The token holds the granular scopes that allow every call the classic one did.
        let granular =
            zoom_catalog::change::granular_equivalents(zoom_catalog::catalog(), "user:read:admin");
        let granular: Vec<&str> = granular.iter().map(|s| s.as_ref()).collect();
        let p = profile(
            &["user:read:admin", "meeting:write:meeting:admin"],
            vec![passed(1, &granular, "0")],
        );
        let h = health(&p, NOW);
        assert_eq!(
            h.missing_scopes,
            [ScopeName::new("meeting:write:meeting:admin")]
        );
    }

    #[test]
    fn admin_scopes_owned_by_anyone_but_the_owner_are_at_risk() {
        let admin_owned = health(
            &profile(&[], vec![passed(1, &["user:read:user:admin"], "1")]),
            NOW,
        );
        assert!(admin_owned.owner_at_risk.is_some());
        let owner_owned = health(
            &profile(&[], vec![passed(1, &["user:read:user:admin"], "0")]),
            NOW,
        );
        assert_eq!(owner_owned.owner_at_risk, None);
    }

    #[test]
    fn lost_admin_access_stays_until_the_scope_comes_back() {
        let mut history = vec![passed(1, &["user:read:user:admin"], "1")];
        let lost = passed(2, &[], "2").with_drift_since(&history);
        history.insert(0, lost);
        let h = health(&profile(&[], history.clone()), NOW);
        assert!(h.lost_admin_access.is_some(), "{h:?}");
        history.insert(0, passed(3, &["user:read:user:admin"], "1"));
        assert_eq!(health(&profile(&[], history), NOW).lost_admin_access, None);
    }

    #[test]
    fn a_secret_is_due_after_ninety_days() {
        let mut p = profile(&[], vec![]);
        assert_eq!(
            health(&p, NOW).secret_age_days,
            None,
            "never recorded: no claim"
        );
        p.secret_saved_unix = Some(NOW - 89 * DAY);
        assert_eq!(
            (health(&p, NOW).secret_age_days, health(&p, NOW).secret_due),
            (Some(89), false)
        );
        p.secret_saved_unix = Some(NOW - 90 * DAY);
        assert!(health(&p, NOW).secret_due);
    }

    #[test]
    fn concerns_come_most_urgent_first_and_set_the_attention() {
        let mut p = profile(&[], vec![passed(1, &["user:read:user:admin"], "1")]);
        p.secret_saved_unix = Some(NOW - 200 * DAY);
        let h = health(&p, NOW);
        let listed: Vec<(Concern, Urgency)> =
            h.concerns.iter().map(|c| (c.concern, c.urgency)).collect();
        assert_eq!(
            listed,
            [
                (Concern::OwnerAtRisk, Urgency::Warn),
                (Concern::SecretDue, Urgency::Warn)
            ]
        );
        assert_eq!(h.attention, Some(Urgency::Warn));
        p.history.insert(0, failed(2));
        let h = health(&p, NOW);
        assert_eq!(h.concerns[0].concern, Concern::TokenFailing);
        assert_eq!(h.attention, Some(Urgency::Risk));
    }

    #[test]
    fn an_owner_who_left_or_was_deactivated_and_a_transfer_near_its_deadline_need_the_admin() {
        let concerns = |p: &Profile, now: i64| -> Vec<(Concern, Urgency)> {
            health(p, now)
                .concerns
                .iter()
                .map(|c| (c.concern, c.urgency))
                .collect()
        };
        let mut deactivated = passed(1, &[], "0");
        if let Some(o) = deactivated.owner.as_mut() {
            o.status = Some("inactive".into());
        }
        let p = profile(&[], vec![deactivated]);
        assert_eq!(
            concerns(&p, NOW),
            [(Concern::OwnerDeactivated, Urgency::Warn)]
        );
        assert!(health(&p, NOW)
            .owner_message
            .is_some_and(|m| m.contains("deactivated")));

        let mut gone = failed(2);
        gone.zoom_code = Some(4735);
        let p = profile(&[], vec![gone, passed(1, &[], "0")]);
        assert_eq!(
            concerns(&p, NOW),
            [
                (Concern::TokenFailing, Urgency::Risk),
                (Concern::OwnerGone, Urgency::Risk)
            ]
        );

        let mut p = profile(&[], vec![passed(1, &[], "0")]);
        p.ownership_transfer = Some(
            crate::profiles::ownership::OwnershipTransfer::start("nina@example.com", NOW)
                .expect("an email"),
        );
        assert_eq!(
            concerns(&p, NOW + DAY),
            [(Concern::TransferPending, Urgency::Warn)]
        );
        assert_eq!(
            concerns(&p, NOW + 24 * DAY),
            [(Concern::TransferUrgent, Urgency::Risk)],
            "a week before Zoom cancels it"
        );
        assert_eq!(
            health(&p, NOW + 24 * DAY).transfer.map(|t| t.days_left),
            Some(6)
        );
    }

    #[test]
    fn a_token_issued_without_an_expected_scope_is_a_missing_scope_not_a_failing_token() {
        let mut short = passed(2, &["user:read:user:admin"], "0");
        short.ok = false;
        short.kind = Some(ErrorKind::MissingScope);
        let h = health(
            &profile(
                &["user:read:user:admin", "meeting:write:meeting:admin"],
                vec![short],
            ),
            NOW,
        );
        assert_eq!(h.token, TokenStatus::Passing);
        let listed: Vec<Concern> = h.concerns.iter().map(|c| c.concern).collect();
        assert_eq!(listed, [Concern::ScopesMissing]);
    }

    #[test]
    fn a_passing_profile_with_a_fresh_secret_needs_nothing() {
        let mut p = profile(&[], vec![passed(1, &["user:read:user:admin"], "0")]);
        p.secret_saved_unix = Some(NOW);
        let h = health(&p, NOW);
        assert_eq!((h.concerns.as_slice(), h.attention), (&[][..], None));
        assert!(!h.needs_attention());
    }

    #[test]
    fn the_reminder_rule_bounds_what_a_profile_may_set() {
        assert!(REMINDER_DAYS.contains(REMINDER_DAYS.default));
        assert!(REMINDER_DAYS.contains(1) && REMINDER_DAYS.contains(3650));
        assert!(!REMINDER_DAYS.contains(0) && !REMINDER_DAYS.contains(3651));
    }

    #[test]
    fn a_profile_can_set_its_own_reminder_period() {
        let mut p = profile(&[], vec![]);
        p.secret_saved_unix = Some(NOW - 31 * DAY);
        p.secret_reminder_days = Some(30);
        let h = health(&p, NOW);
        assert_eq!((h.secret_due, h.secret_reminder_days), (true, 30));
        p.secret_reminder_days = Some(365);
        assert!(!health(&p, NOW).secret_due);
    }
}
