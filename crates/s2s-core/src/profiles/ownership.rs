//! Owners who leave (FACTS.md "App ownership", developers.zoom.us/docs/distribute/app-ownership/
//! transfer-s2s-app-ownership): when an S2S app's owner leaves the account Zoom moves the app to
//! the account owner; a manual transfer must be confirmed by the new owner, who must then rotate
//! the client secret ("Complete Rotation") within 30 days, or Zoom cancels it. So every transfer
//! ends in a new secret, and S2S Desk tracks it as a checklist with its deadline: the new owner
//! confirmed (the admin says so: only the Marketplace shows it), the secret rotated after the
//! transfer began (S2S Desk sees it), and a passing test that names the new owner.

use serde::{Deserialize, Serialize};

use super::Profile;

/// Days Zoom gives the new owner to complete the rotation.
pub const TRANSFER_DAYS: i64 = 30;

/// Days before the deadline from which an unfinished transfer is a risk, not a warning.
pub const TRANSFER_URGENT_DAYS: i64 = 7;

const DAY: i64 = 24 * 60 * 60;

/// A manual ownership transfer under way, as saved with the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnershipTransfer {
    /// The new owner's email.
    pub new_owner: String,
    /// When the transfer was started in the Marketplace (Unix seconds).
    pub started_unix: i64,
    /// When the admin said the new owner confirmed it.
    #[serde(default)]
    pub confirmed_unix: Option<i64>,
}

/// One step of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TransferStep {
    /// The new owner accepted the transfer in the Marketplace.
    NewOwnerConfirmed,
    /// The client secret was rotated after the transfer began ("Complete Rotation").
    SecretRotated,
    /// A passing test whose token's owner is the new owner.
    TestedAsNewOwner,
}

/// A step, whether it is done, and what to do for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransferStepState {
    /// Which step.
    pub step: TransferStep,
    /// Done.
    pub done: bool,
    /// What it is, in the admin's words.
    pub label: String,
}

/// Where a transfer stands, as the app and `s2s profile show` render it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransferStatus {
    /// The new owner's email.
    pub new_owner: String,
    /// When it began.
    pub started_unix: i64,
    /// When Zoom cancels it unless complete.
    pub deadline_unix: i64,
    /// Whole days to the deadline (negative once past).
    pub days_left: i64,
    /// The checklist, in order.
    pub steps: Vec<TransferStepState>,
    /// Every step is done.
    pub complete: bool,
    /// Past the deadline and not complete: Zoom cancelled the transfer.
    pub lapsed: bool,
    /// One line: where it stands and what to do next.
    pub message: String,
}

/// Why a transfer cannot be started as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    /// Not an email address.
    #[error("'{0}' is not an email address: give the new owner's Zoom sign-in email")]
    NotAnEmail(String),
}

impl OwnershipTransfer {
    /// A transfer to `new_owner` begun at `started_unix`.
    pub fn start(new_owner: &str, started_unix: i64) -> Result<Self, TransferError> {
        let email = new_owner.trim();
        let plausible = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if !plausible {
            return Err(TransferError::NotAnEmail(
                crate::display::inert(email).into(),
            ));
        }
        Ok(Self {
            new_owner: email.to_ascii_lowercase(),
            started_unix,
            confirmed_unix: None,
        })
    }
}

/// Where `profile`'s transfer stands as of `now_unix`; none without one.
pub fn transfer_status(profile: &Profile, now_unix: i64) -> Option<TransferStatus> {
    let t = profile.ownership_transfer.as_ref()?;
    let deadline_unix = t.started_unix + TRANSFER_DAYS * DAY;
    // A rotation still staging its new secret has not replaced the old one yet.
    let rotated = profile
        .rotation
        .as_ref()
        .is_none_or(|r| r.new_secret_in_use())
        && profile
            .secret_saved_unix
            .is_some_and(|saved| saved > t.started_unix);
    let tested_as_new_owner = profile.history.iter().any(|r| {
        r.ok && r.at_unix > t.started_unix
            && r.owner
                .as_ref()
                .and_then(|o| o.email.as_deref())
                .is_some_and(|e| e.eq_ignore_ascii_case(&t.new_owner))
    });
    let steps = vec![
        TransferStepState {
            step: TransferStep::NewOwnerConfirmed,
            done: t.confirmed_unix.is_some(),
            label: format!("{} accepted the transfer in the Marketplace (Manage → the app)", t.new_owner),
        },
        TransferStepState {
            step: TransferStep::SecretRotated,
            done: rotated,
            label: "The client secret was rotated (Zoom's \"Complete Rotation\"), and every deployment uses the new one".into(),
        },
        TransferStepState {
            step: TransferStep::TestedAsNewOwner,
            done: tested_as_new_owner,
            label: format!("A test passes with {} as the app's owner", t.new_owner),
        },
    ];
    let complete = steps.iter().all(|s| s.done);
    let days_left = (deadline_unix - now_unix).div_euclid(DAY);
    let lapsed = !complete && now_unix >= deadline_unix;
    let message = if complete {
        format!(
            "Ownership passed to {}: the transfer is complete.",
            t.new_owner
        )
    } else if lapsed {
        format!(
            "Zoom cancelled the transfer to {}: it was not completed within {TRANSFER_DAYS} days. Start it again in the Marketplace.",
            t.new_owner
        )
    } else {
        let next = steps
            .iter()
            .find(|s| !s.done)
            .map_or("", |s| s.label.as_str());
        format!(
            "Transfer to {}: {days_left} days left before Zoom cancels it. Still to do: {next}.",
            t.new_owner
        )
    };
    Some(TransferStatus {
        new_owner: t.new_owner.clone(),
        started_unix: t.started_unix,
        deadline_unix,
        days_left,
        steps,
        complete,
        lapsed,
        message,
    })
}

/// What the latest tests say about the app's owner: gone (Zoom's 4735), or deactivated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OwnerState {
    /// Zoom answered 4735: the owner no longer exists in the account.
    Gone,
    /// The owner's Zoom user is deactivated.
    Deactivated,
}

impl OwnerState {
    /// What it means and what to do.
    pub fn message(self) -> &'static str {
        match self {
            OwnerState::Gone => "The app's owner no longer exists in the account (Zoom 4735). Transfer the app's ownership to an active admin in the Marketplace, then complete the rotation Zoom asks the new owner for.",
            OwnerState::Deactivated => "The app's owner is deactivated in Zoom. When they leave the account, Zoom moves the app to the account owner and its admin scopes follow that user's role: transfer ownership to an active admin now, on your schedule.",
        }
    }
}

/// The owner's state from `profile`'s latest test: 4735 on the latest, or a deactivated owner
/// on the latest that read them.
pub fn owner_state(profile: &Profile) -> Option<OwnerState> {
    let latest = profile.history.first()?;
    if latest.zoom_code == Some(crate::oauth_errors::OWNER_GONE) {
        return Some(OwnerState::Gone);
    }
    let read = profile.history.iter().find_map(|r| r.owner.as_ref())?;
    (read.status.as_deref() == Some("inactive")).then_some(OwnerState::Deactivated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{ProfileCloud, ProfileDraft, TestRecord};
    use zoom_catalog::change::OwnerSnapshot;

    const START: i64 = 1_800_000_000;

    fn profile(transfer: Option<OwnershipTransfer>, history: Vec<TestRecord>) -> Profile {
        Profile {
            id: "p".into(),
            settings: ProfileDraft {
                name: "Reporting".into(),
                cloud: ProfileCloud::Sandbox,
                account_id: "acct".into(),
                client_id: "client".into(),
                notes: String::new(),
                expected_scopes: Vec::new(),
                token_index: None,
                token_rule: None,
                account_plan: None,
                tags: Vec::new(),
            },
            history,
            secret_saved_unix: Some(START - DAY),
            webhook_secret_token_saved: false,
            app_id: None,
            secret_reminder_days: None,
            rotation: None,
            ownership_transfer: transfer,
            consumers: Vec::new(),
        }
    }

    fn test_as(at: i64, email: &str, status: &str) -> TestRecord {
        TestRecord {
            at_unix: at,
            ok: true,
            kind: None,
            summary: "ok".into(),
            scopes: Vec::new(),
            latency_ms: Some(1),
            owner: Some(OwnerSnapshot {
                user_id: "u".into(),
                email: Some(email.into()),
                role_id: Some("1".into()),
                role_name: Some("Admin".into()),
                privileges: None,
                status: Some(status.into()),
            }),
            drift: None,
            renamed_scopes: Vec::new(),
            api_url: None,
            zoom_code: None,
        }
    }

    #[test]
    fn a_transfer_is_complete_only_when_confirmed_rotated_and_tested_as_the_new_owner() {
        let transfer = OwnershipTransfer::start(" Nina.New@Example.com ", START).expect("an email");
        assert_eq!(transfer.new_owner, "nina.new@example.com");
        let mut p = profile(Some(transfer), Vec::new());
        let open = transfer_status(&p, START + 3 * DAY).expect("a transfer");
        assert_eq!(
            (open.days_left, open.complete, open.lapsed),
            (27, false, false)
        );
        assert!(
            open.message.contains("27 days left") && open.message.contains("accepted the transfer"),
            "{}",
            open.message
        );

        if let Some(t) = p.ownership_transfer.as_mut() {
            t.confirmed_unix = Some(START + DAY);
        }
        p.secret_saved_unix = Some(START + 2 * DAY);
        p.history
            .insert(0, test_as(START - DAY, "nina.new@example.com", "active"));
        let old_test = transfer_status(&p, START + 3 * DAY).expect("a transfer");
        assert!(
            !old_test.complete,
            "a test from before the transfer began does not count"
        );
        assert_eq!(
            old_test.steps.iter().map(|s| s.done).collect::<Vec<_>>(),
            [true, true, false]
        );

        p.history.insert(
            0,
            test_as(START + 2 * DAY, "nina.new@example.com", "active"),
        );
        let done = transfer_status(&p, START + 3 * DAY).expect("a transfer");
        assert!(
            done.complete && done.message.contains("complete"),
            "{done:?}"
        );
    }

    #[test]
    fn an_unfinished_transfer_lapses_after_thirty_days_and_a_finished_one_does_not() {
        let transfer = OwnershipTransfer::start("nina@example.com", START).expect("an email");
        let p = profile(Some(transfer.clone()), Vec::new());
        let lapsed = transfer_status(&p, START + TRANSFER_DAYS * DAY).expect("a transfer");
        assert!(
            lapsed.lapsed && lapsed.message.contains("cancelled"),
            "{lapsed:?}"
        );

        let mut done = profile(
            Some(OwnershipTransfer {
                confirmed_unix: Some(START + 1),
                ..transfer
            }),
            vec![test_as(START + 2 * DAY, "NINA@example.com", "active")],
        );
        done.secret_saved_unix = Some(START + DAY);
        let status = transfer_status(&done, START + 40 * DAY).expect("a transfer");
        assert!(status.complete && !status.lapsed, "{status:?}");
        assert!(status.message.contains("complete"));
    }

    #[test]
    fn a_rotation_still_under_way_is_not_a_rotated_secret() {
        let transfer = OwnershipTransfer::start("nina@example.com", START).expect("an email");
        let mut p = profile(Some(transfer), Vec::new());
        p.secret_saved_unix = Some(START + DAY);
        assert!(transfer_status(&p, START + 2 * DAY).expect("t").steps[1].done);
        // As the profiles file records a rotation.
        let rotation = |stage: &str| {
            serde_json::from_value(serde_json::json!({
                "via": {"path": "manual"}, "stage": stage, "started_unix": START + DAY,
                "keep_previous_until_unix": null, "tested_unix": START + DAY
            }))
            .expect("a rotation")
        };
        p.rotation = Some(rotation("tested"));
        assert!(!transfer_status(&p, START + 2 * DAY).expect("t").steps[1].done);
        p.rotation = Some(rotation("switched"));
        assert!(
            transfer_status(&p, START + 2 * DAY).expect("t").steps[1].done,
            "in use, old kept a while"
        );
    }

    #[test]
    fn a_new_owner_must_be_an_email() {
        for bad in [
            "",
            "nina",
            "nina@",
            "@example.com",
            "nina@example",
            "ni na@example.com",
        ] {
            assert!(OwnershipTransfer::start(bad, START).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_owner_is_gone_on_4735_and_deactivated_when_the_latest_read_says_so() {
        assert_eq!(owner_state(&profile(None, vec![])), None);
        let active = profile(None, vec![test_as(START, "a@example.com", "active")]);
        assert_eq!(owner_state(&active), None);
        let inactive = profile(None, vec![test_as(START, "a@example.com", "inactive")]);
        assert_eq!(owner_state(&inactive), Some(OwnerState::Deactivated));
        let mut gone = test_as(START + 1, "a@example.com", "active");
        gone.ok = false;
        gone.owner = None;
        gone.zoom_code = Some(4735);
        let p = profile(None, vec![gone, test_as(START, "a@example.com", "active")]);
        assert_eq!(owner_state(&p), Some(OwnerState::Gone));
    }
}
