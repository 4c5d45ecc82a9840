//! `s2s apps --profile NAME`: the account's apps with Zoom's own usage figures (last used,
//! calls, failed calls, active users, creator, scopes), asked with a fresh token of the
//! profile's app, beside S2S Desk's own latest test of each saved profile. Exit 5 when the
//! app's scopes may not list the account's apps.

use s2s_core::app_usage::{for_token, UsageOutcome, UsageReport};
use s2s_core::clock::{now_unix, utc_text};
use s2s_core::tester::TokenTester;
use serde_json::json;

use crate::args::{AppsArgs, TargetArgs};
use crate::exit;
use crate::failure::{self, Failure};
use crate::out::inert;
use crate::target::Target;

pub async fn run(a: AppsArgs) -> u8 {
    match outcome(&a).await {
        Ok(outcome) => render(&outcome, a.json),
        Err(f) => failure::print(&f, a.json),
    }
}

async fn outcome(a: &AppsArgs) -> Result<UsageOutcome, Failure> {
    let target = Target::prepare(&TargetArgs::saved_profile(
        &a.profile,
        a.oauth_url.clone(),
        a.allow_custom_host,
        a.timeout,
    ))?;
    let token = target.fresh_token().await?;
    let profiles = target
        .saved()
        .map(|(service, ..)| service.list())
        .unwrap_or_default();
    Ok(for_token(
        &TokenTester::default(),
        &token,
        &profiles,
        now_unix(),
        a.unused_days,
    )
    .await)
}

fn render(outcome: &UsageOutcome, as_json: bool) -> u8 {
    let code = match outcome {
        UsageOutcome::Listed { .. } => exit::OK,
        UsageOutcome::NotAvailable { .. } => exit::for_kind(s2s_core::ErrorKind::MissingScope),
        UsageOutcome::Failed { failure } => {
            return failure::print(&Failure::from_report(failure.clone()), as_json)
        }
    };
    if as_json {
        crate::out::json(&json!(outcome));
        return code;
    }
    match outcome {
        UsageOutcome::Listed { report } => print_report(report),
        UsageOutcome::NotAvailable { message, .. } => errln!("✘ {message}"),
        UsageOutcome::Failed { .. } => {}
    }
    code
}

fn print_report(report: &UsageReport) {
    outln!(
        "{} apps in the account (Zoom's figures, {}):",
        report.apps.len(),
        utc_text(report.fetched_unix)
    );
    if !report.figures_reported {
        outln!("  Zoom sent no usage figures with this list (an older API answered): only the apps are shown.");
    }
    let figure = |n: Option<u64>| n.map_or("—".to_string(), |n| n.to_string());
    for app in &report.apps {
        outln!(
            "\n{}  (App ID {})",
            inert(&app.app_name),
            inert(&app.app_id)
        );
        outln!(
            "  last used {}  calls {}  failed {}  active users {}",
            app.last_used_unix.map_or("never".into(), utc_text),
            figure(app.total_calls),
            figure(app.failed_calls),
            figure(app.active_users)
        );
        if let Some(creator) = &app.creator {
            outln!("  created by {}", inert(creator));
        }
        if let Some(profile) = &app.profile {
            let test = match (profile.test_ok, profile.tested_unix) {
                (Some(true), Some(at)) => format!("passed {}", utc_text(at)),
                (Some(false), Some(at)) => format!("failed {}", utc_text(at)),
                _ => "never tested".into(),
            };
            outln!(
                "  profile '{}': S2S Desk's latest test {test}",
                inert(&profile.name)
            );
        }
        if !app.scopes.is_empty() {
            outln!("  scopes: {}", inert(&app.scopes.join(", ")));
        }
        for note in &app.notes {
            outln!("  ⚠ {}", note.message);
        }
    }
}
