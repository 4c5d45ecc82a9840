//! `s2s rotate`: the rotation assistant on the command line, over the same core state machine
//! the app drives — so a rotation started in one can be resumed or finished in the other.

use s2s_core::marketplace::RevokeOld;
use s2s_core::profiles::rotation::{RotationError, RotationStage, RotationStatus};
use s2s_core::tester::FailureReport;
use s2s_core::TokenTester;
use serde_json::json;

use crate::args::{RotateArgs, TargetArgs, When};
use crate::exit;
use crate::failure::{self, Failure};
use crate::target::Target;

pub async fn run(a: RotateArgs) -> u8 {
    match rotate(&a).await {
        Ok((name, status)) => {
            if a.json {
                println!("{}", json!({"ok": true, "profile": name, "status": status}));
            } else {
                print!("{}", text(&name, &status));
            }
            exit::OK
        }
        Err(f) => failure::print(&f, a.json),
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
    let mut rotator = service.rotator_with(&tester, profile, options.clone());
    let now = s2s_core::clock::now_unix();
    let moment = |w: When| match w {
        When::Now => RevokeOld::Now,
        When::At(t) => RevokeOld::At(t),
        When::In(secs) => RevokeOld::At(now.saturating_add(secs)),
    };
    let failed = |e: RotationError| rotation_failure(&e);
    if a.new_secret_stdin {
        let secret = crate::secret_input::first_stdin_line("new client secret")?;
        let keep_until = match a.keep_old_until.map(moment) {
            Some(RevokeOld::Now) => {
                return Err(failure::usage(
                    "--keep-old-until now would forget the old secret before anything switched"
                        .into(),
                    "Give a time or a delay (48h), or leave it out and run --finish later.",
                ))
            }
            Some(RevokeOld::At(t)) => Some(t),
            None => None,
        };
        rotator
            .begin_manual(&secret, keep_until)
            .await
            .map_err(failed)?;
    } else if a.via_api {
        rotator
            .begin_api(a.app_id.as_deref(), a.revoke_old.map(moment))
            .await
            .map_err(failed)?;
    } else if a.cancel {
        rotator.cancel().map_err(failed)?;
    } else if a.finish {
        rotator.run().await.map_err(failed)?;
        rotator.finish().await.map_err(failed)?;
    } else if let Some(when) = a.revoke_old {
        rotator.run().await.map_err(failed)?;
        rotator
            .move_revoke_time(moment(when))
            .await
            .map_err(failed)?;
    }
    let status = rotator.run().await.map_err(failed)?;
    Ok((profile.name.clone(), status))
}

fn text(name: &str, status: &RotationStatus) -> String {
    let Some(rotation) = &status.rotation else {
        return format!("✔ '{name}': {}.\n", status.summary);
    };
    let mut out = format!("✔ '{name}': {}.\n", status.summary);
    if rotation.stage == RotationStage::Switched && status.previous_kept {
        out.push_str(&format!(
            "  Next: switch your deployment to the new secret (s2s exec --profile '{name}' -- COMMAND hands it over), then: s2s rotate --profile '{name}' --finish\n"
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
