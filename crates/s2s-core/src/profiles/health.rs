//! A profile's health at a glance, for the overview's badges: whether its token works, whether
//! it lost admin access, whether its admin scopes hang on one person's role, which expected
//! scopes its latest token lacks, and how old its secret is. Computed from what the profile
//! already records (history, expected scopes, secret date); no network.

use std::collections::BTreeSet;

use serde::Serialize;
use zoom_catalog::change::{ownership_risk, still_covered};
use zoom_catalog::scope::ScopeName;

use super::record::active_drift;
use super::{Profile, ProfileId};

/// After this many days a secret is due for rotation, unless the profile sets its own period
/// (the common policy; Zoom sets none).
pub const SECRET_ROTATION_DAYS: u32 = 90;

const DAY: i64 = 24 * 60 * 60;

/// What the latest test said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    /// No test recorded yet.
    NeverTested,
    /// The latest test passed.
    Passing,
    /// The latest test failed.
    Failing,
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
}

impl ProfileHealth {
    /// Whether anything needs the admin's attention.
    pub fn needs_attention(&self) -> bool {
        self.token == TokenStatus::Failing
            || self.lost_admin_access.is_some()
            || self.owner_at_risk.is_some()
            || !self.missing_scopes.is_empty()
            || self.secret_due
    }
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
    ProfileHealth {
        id: profile.id.clone(),
        token: match latest {
            None => TokenStatus::NeverTested,
            Some(r) if r.ok => TokenStatus::Passing,
            Some(_) => TokenStatus::Failing,
        },
        tested_unix: latest.map(|r| r.at_unix),
        lost_admin_access: active_drift(&profile.history).map(|(_, d)| d.cause.clone()),
        owner_at_risk,
        missing_scopes,
        secret_age_days,
        secret_due: secret_age_days.is_some_and(|d| d >= secret_reminder_days),
        secret_reminder_days,
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
            }),
            drift: None,
            renamed_scopes: Vec::new(),
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
