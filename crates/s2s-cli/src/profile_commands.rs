//! `s2s profile add|list|show|remove`: profiles from the command line, for headless servers and
//! CI set-up (as `gh auth login --with-token` or `aws-vault add`) — the same profiles file and
//! keychain entries the app uses, through the same `ProfileService`. The secret comes from
//! ZOOM_CLIENT_SECRET or standard input, and is never printed.

use s2s_core::profiles::health::health;
use s2s_core::profiles::service::{RotationSettings, SaveExtras, ServiceError};
use s2s_core::profiles::{Profile, ProfileCloud, ProfileDraft};
use s2s_core::tester::FailureReport;
use s2s_core::ErrorKind;
use serde_json::{json, Value};

use crate::args::{CloudArg, ProfileAddArgs, ProfileCommand, ProfileNameArgs, ProfileTransferArgs};
use crate::exit;
use crate::failure::{self, Failure};
use crate::out::{inert, shell_word};

pub fn run(command: ProfileCommand) -> u8 {
    let (result, as_json) = match command {
        ProfileCommand::Add(a) => (add(&a), a.json),
        ProfileCommand::List { json } => (list(), json),
        ProfileCommand::Show(a) => (show(&a), a.json),
        ProfileCommand::Remove(a) => (remove(&a), a.json),
        ProfileCommand::Transfer(a) => (transfer(&a), a.json),
    };
    match result {
        Ok(out) => {
            if as_json {
                crate::out::json(&out.json);
            } else {
                out!("{}", out.text);
            }
            exit::OK
        }
        Err(f) => failure::print(&f, as_json),
    }
}

/// What a command prints, for people and for scripts.
struct Output {
    text: String,
    json: Value,
}

fn add(a: &ProfileAddArgs) -> Result<Output, Failure> {
    let secret = crate::target::read_secret(a.client_secret_stdin)?;
    let service = crate::profile::open_service()?;
    let draft = ProfileDraft {
        name: a.name.clone(),
        cloud: match a.cloud {
            CloudArg::Commercial => ProfileCloud::Commercial,
            CloudArg::Government => ProfileCloud::Government,
        },
        account_id: a.account_id.clone(),
        client_id: a.client_id.clone(),
        notes: String::new(),
        expected_scopes: a.expect_scope.clone(),
        token_index: None,
        token_rule: None,
        account_plan: None,
        tags: a.tag.clone(),
    };
    let extras = SaveExtras {
        tested: None,
        rotation: (a.app_id.is_some() || a.secret_reminder_days.is_some()).then(|| {
            RotationSettings {
                app_id: a.app_id.clone(),
                reminder_days: a.secret_reminder_days,
            }
        }),
    };
    let saved = service
        .save_with(None, draft, Some(&secret), extras)
        .map_err(|e| match &e {
            ServiceError::InvalidCredentials(issues) => {
                let mut report = FailureReport::local(
                    ErrorKind::InvalidInput,
                    "the credentials are not usable as given",
                    e.advice(),
                );
                report.issues.clone_from(issues);
                Failure::from_report(report)
            }
            _ => crate::target::service_failure(&a.name, &e),
        })?;
    Ok(Output {
        text: format!(
            "Saved profile '{}' (secret in {}). Test it: s2s test-token --profile {}\n",
            inert(&saved.name),
            service.keychain(),
            shell_word(&saved.name)
        ),
        json: json!({"ok": true, "profile": summary(&saved)}),
    })
}

fn list() -> Result<Output, Failure> {
    let service = crate::profile::open_service()?;
    let profiles = service.list();
    let mut text = String::new();
    if profiles.is_empty() {
        text.push_str("No profiles yet. Add one: ZOOM_CLIENT_SECRET=… s2s profile add NAME --account-id ID --client-id ID\n");
    }
    for p in &profiles {
        let s = summary(p);
        // A profiles file may come from someone else: every value in it is shown inert.
        text.push_str(&format!(
            "{:<24} {:<10} {}  {}\n",
            inert(&p.name),
            s["cloud"].as_str().unwrap_or_default(),
            inert(&p.client_id),
            inert(s["last_test"].as_str().unwrap_or("never tested"))
        ));
    }
    Ok(Output {
        text,
        json: json!({"profiles": profiles.iter().map(summary).collect::<Vec<_>>()}),
    })
}

fn show(a: &ProfileNameArgs) -> Result<Output, Failure> {
    let profile = crate::profile::find(&a.name)?;
    let s = summary(&profile);
    let mut text = String::new();
    for (label, key) in [
        ("Name", "name"),
        ("Cloud", "cloud"),
        ("Account ID", "account_id"),
        ("Client ID", "client_id"),
        ("Last test", "last_test"),
    ] {
        text.push_str(&format!(
            "{label:<22} {}\n",
            inert(s[key].as_str().unwrap_or("never tested"))
        ));
    }
    let listed = |key: &str| {
        s[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|v| inert(v).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "none".into())
    };
    text.push_str(&format!(
        "{:<22} {}\n",
        "Expected scopes",
        listed("expected_scopes")
    ));
    text.push_str(&format!("{:<22} {}\n", "Tags", listed("tags")));
    let age = crate::profile::secret_age(&profile)
        .unwrap_or_else(|| "age unknown (saved before S2S Desk recorded it)".into());
    text.push_str(&format!("{:<22} in the keychain, {age}\n", "Client secret"));
    let webhook = if profile.webhook_secret_token_saved {
        "in the keychain"
    } else {
        "not saved"
    };
    text.push_str(&format!("{:<22} {webhook}\n", "Webhook Secret Token"));
    text.push_str(&owner_lines(&profile));
    Ok(Output { text, json: s })
}

/// The owner's state and a transfer's checklist, as `show` and `transfer` print them.
fn owner_lines(profile: &Profile) -> String {
    let h = health(profile, s2s_core::clock::now_unix());
    let mut text = String::new();
    if let Some(message) = &h.owner_message {
        text.push_str(&format!("{:<22} ⚠ {message}\n", "Owner"));
    }
    // The health already judged the transfer (complete ones included).
    if let Some(t) = &h.transfer {
        text.push_str(&format!(
            "{:<22} {} (deadline {})\n",
            "Ownership transfer",
            inert(&t.message),
            s2s_core::clock::utc_text(t.deadline_unix)
        ));
        for step in &t.steps {
            let mark = if step.done { "✔" } else { "☐" };
            text.push_str(&format!("{:<22} {mark} {}\n", "", inert(&step.label)));
        }
    }
    text
}

fn transfer(a: &ProfileTransferArgs) -> Result<Output, Failure> {
    let service = crate::profile::open_service()?;
    let profile = crate::profile::find_in(&service, &a.name)?;
    let now = s2s_core::clock::now_unix();
    let failed = |e: ServiceError| crate::target::service_failure(&a.name, &e);
    let profile = if let Some(email) = &a.to {
        service
            .start_transfer(&profile.id, email, now)
            .map_err(failed)?
    } else if a.confirmed {
        service.confirm_transfer(&profile.id, now).map_err(failed)?
    } else if a.cancel {
        service.end_transfer(&profile.id).map_err(failed)?
    } else {
        profile
    };
    let status = s2s_core::profiles::ownership::transfer_status(&profile, now);
    let text = match (&status, a.cancel) {
        (_, true) => format!(
            "No ownership transfer is tracked for '{}' any more.\n",
            inert(&profile.name)
        ),
        (None, false) => format!(
            "No ownership transfer is under way for '{}'. Start one with --to EMAIL.\n",
            inert(&profile.name)
        ),
        (Some(_), false) => owner_lines(&profile),
    };
    Ok(Output {
        text,
        json: json!({"ok": true, "profile": profile.name, "transfer": status}),
    })
}

fn remove(a: &ProfileNameArgs) -> Result<Output, Failure> {
    let service = crate::profile::open_service()?;
    let profile = crate::profile::find_in(&service, &a.name)?;
    service
        .delete(&profile.id)
        .map_err(|e| crate::target::service_failure(&a.name, &e))?;
    Ok(Output {
        text: format!(
            "Removed profile '{}' and its keychain entries.\n",
            inert(&profile.name)
        ),
        json: json!({"ok": true, "removed": profile.name}),
    })
}

/// A profile as scripts see it: never a secret, only whether and since when one is stored.
fn summary(p: &Profile) -> Value {
    let h = health(p, s2s_core::clock::now_unix());
    let last = p
        .history
        .first()
        .map(|r| format!("{} — {}", s2s_core::clock::utc_text(r.at_unix), r.summary));
    json!({
        "name": p.name,
        "id": p.id.as_str(),
        "cloud": match p.cloud {
            ProfileCloud::Commercial => "commercial",
            ProfileCloud::Government => "government",
            ProfileCloud::Sandbox => "sandbox",
        },
        "account_id": p.account_id,
        "client_id": p.client_id,
        "expected_scopes": p.expected_scopes,
        "tags": p.tags,
        "last_test": last,
        "token": h.token,
        "secret_saved_unix": p.secret_saved_unix,
        "secret_age_days": h.secret_age_days,
        "secret_due": h.secret_due,
        "secret_reminder_days": h.secret_reminder_days,
        "app_id": p.app_id,
        "rotation_stage": p.rotation.as_ref().map(|r| r.stage),
        "owner_state": h.owner_state,
        "ownership_transfer": h.transfer,
        "webhook_secret_token_saved": p.webhook_secret_token_saved,
    })
}
