//! `s2s rotate`: the rotation assistant on the command line, over the same core state machine
//! the app drives — so a rotation started in one can be resumed or finished in the other.

use s2s_core::profiles::rotation::{RotationError, RotationRequest, RotationStage, RotationStatus};
use s2s_core::tester::FailureReport;
use s2s_core::TokenTester;
use serde_json::json;

use crate::args::{RotateArgs, TargetArgs, When};
use crate::exit;
use crate::failure::{self, Failure};
use crate::out::{inert, shell_word};
use crate::target::Target;

pub async fn run(a: RotateArgs) -> u8 {
    match rotate(&a).await {
        Ok((name, status)) => {
            // Asked to update the consumers: one not done is this command's failure.
            let failed = a.update_consumers && crate::consumers::any_failed(&status.consumers);
            if a.json {
                crate::out::json(&json!({"ok": !failed, "profile": name, "status": status}));
            } else {
                out!("{}", text(&name, &status));
            }
            if failed {
                exit::CONSUMER_NOT_DONE
            } else {
                exit::OK
            }
        }
        Err(f) => failure::print(&f, a.json),
    }
}

/// Named fault points for the fault suite, in debug builds only (the tests' binary): with
/// `S2S_FAULT_ABORT_AFTER=<step>` (`stored_new`, `promoted_new`, …) the process aborts right
/// after that change, as a crash or a kill would stop it. Release builds have no such hook.
mod fault_points {
    use s2s_core::profiles::rotation::Rotator;

    #[cfg(debug_assertions)]
    pub fn armed(rotator: Rotator<'_>) -> Rotator<'_> {
        match std::env::var("S2S_FAULT_ABORT_AFTER") {
            Ok(point) => rotator.with_fault_point(move |step| {
                if step.name() == point {
                    std::process::abort();
                }
            }),
            Err(_) => rotator,
        }
    }

    #[cfg(not(debug_assertions))]
    pub fn armed(rotator: Rotator<'_>) -> Rotator<'_> {
        rotator
    }
}

async fn rotate(a: &RotateArgs) -> Result<(String, RotationStatus), Failure> {
    // The endpoint rules of `test-token` (a real profile's secret never goes to another host
    // unless allowed), and the profile, read once.
    let target = Target::prepare(&TargetArgs::saved_profile(
        &a.profile,
        a.oauth_url.clone(),
        a.allow_custom_host,
        a.timeout,
    ))?;
    let (service, profile, options) = target.saved().ok_or_else(|| {
        failure::usage(
            "rotate needs a saved profile".into(),
            "Pass --profile NAME.",
        )
    })?;
    let tester = TokenTester::default();
    let rotator = service
        .rotator_with(&tester, profile, options.clone())
        .with_setting_writer(std::sync::Arc::new(s2s_migrate::deploy::ProjectFiles));
    let mut rotator = fault_points::armed(rotator);
    let (asked, then) = requests(a)?;
    let mut status = rotator
        .handle(asked)
        .await
        .map_err(|e| rotation_failure(&e))?;
    for request in then {
        if matches!(request, RotationRequest::UpdateConsumers { .. }) {
            announce_updates(&status);
        }
        status = rotator
            .handle(request)
            .await
            .map_err(|e| rotation_failure(&e))?;
    }
    Ok((profile.name.clone(), status))
}

/// Each consumer about to run, in full, on standard error (scripts read standard output).
fn announce_updates(status: &RotationStatus) {
    for line in status.consumers.iter().filter(|l| !l.state.done()) {
        errln!("→ {}: {}", inert(&line.label), line.destination);
    }
}

/// The flags as the requests to run in turn, the first and the rest: the asked action; with
/// --update-consumers, the update after it — before a finish, which then waits for every
/// consumer.
fn requests(a: &RotateArgs) -> Result<(RotationRequest, Vec<RotationRequest>), Failure> {
    let asked = request(a)?;
    if !a.update_consumers {
        return Ok((asked, Vec::new()));
    }
    let update = RotationRequest::UpdateConsumers { only: None };
    Ok(match asked {
        RotationRequest::Finish { .. } => (RotationRequest::Resume, vec![update, asked]),
        other => (other, vec![update]),
    })
}

/// The flags as the core's one request type (clap already refused flags that do not go
/// together). A moment given as `now` is the present: the core says what that means.
fn request(a: &RotateArgs) -> Result<RotationRequest, Failure> {
    let now = s2s_core::clock::now_unix();
    let unix = |w: When| match w {
        When::Now => now,
        When::At(t) => t,
        When::In(secs) => now.saturating_add(secs),
    };
    Ok(if a.new_secret_stdin {
        RotationRequest::StartManual {
            new_secret: crate::secret_input::first_stdin_line("new client secret")?,
            keep_previous_until_unix: a.keep_old_until.map(unix),
        }
    } else if a.via_api {
        RotationRequest::StartApi {
            app_id: a.app_id.clone(),
            revoke_old_unix: a.revoke_old.map(unix),
        }
    } else if a.cancel {
        RotationRequest::Cancel
    } else if a.finish || a.revoke_old == Some(When::Now) {
        RotationRequest::Finish { force: a.force }
    } else if let Some(when) = a.revoke_old {
        RotationRequest::MoveRevokeTime {
            revoke_old_unix: unix(when),
        }
    } else {
        RotationRequest::Resume
    })
}

fn text(name: &str, status: &RotationStatus) -> String {
    let mut out = format!("✔ '{}': {}.\n", inert(name), status.summary);
    let Some(rotation) = &status.rotation else {
        return out;
    };
    out.push_str(&crate::consumers::checklist_text(&status.consumers));
    if rotation.stage == RotationStage::Switched && status.previous_kept {
        let profile = shell_word(name);
        let next = if status.consumers.iter().any(|c| !c.state.done()) {
            format!("carry the new secret to where it is deployed: s2s rotate --profile {profile} --update-consumers (again to retry a failed one)")
        } else if status.consumers.is_empty() {
            format!("switch your deployment to the new secret (s2s exec --profile {profile} -- COMMAND hands it over; s2s consumers add lets the next rotation do it)")
        } else {
            "every consumer has the new secret".into()
        };
        out.push_str(&format!(
            "  Next: {next}, then: s2s rotate --profile {profile} --finish\n"
        ));
    }
    out
}

fn rotation_failure(e: &RotationError) -> Failure {
    let report = match e {
        RotationError::NewSecretRejected(f) | RotationError::Zoom(f) => FailureReport {
            message: e.to_string(),
            advice: e.advice(),
            ..f.clone()
        },
        _ => FailureReport::local(e.kind(), e.to_string(), e.advice()),
    };
    match e {
        RotationError::ConsumersNotDone(_) => {
            Failure::from_report(report).with_exit(exit::CONSUMER_NOT_DONE)
        }
        _ => Failure::from_report(report),
    }
}
