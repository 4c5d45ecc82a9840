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
            if a.json {
                crate::out::json(&json!({"ok": true, "profile": name, "status": status}));
            } else {
                out!("{}", text(&name, &status));
            }
            exit::OK
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
    let request = request(a)?;
    let tester = TokenTester::default();
    let rotator = service.rotator_with(&tester, profile, options.clone());
    let mut rotator = fault_points::armed(rotator);
    let status = rotator
        .handle(request)
        .await
        .map_err(|e| rotation_failure(&e))?;
    Ok((profile.name.clone(), status))
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
        RotationRequest::Finish
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
    if rotation.stage == RotationStage::Switched && status.previous_kept {
        let profile = shell_word(name);
        out.push_str(&format!(
            "  Next: switch your deployment to the new secret (s2s exec --profile {profile} -- COMMAND hands it over), then: s2s rotate --profile {profile} --finish\n"
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
    Failure::from_report(report)
}
