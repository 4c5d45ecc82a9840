//! `s2s webhook test`: the core's receiver test, with the Secret Token read where secrets are
//! read, and each check printed with what Zoom would do and the fix.

use std::time::Duration;

use s2s_core::profiles::webhook_receiver::{ReceiverRequest, ReceiverRunError};
use s2s_core::webhook::{self, Check, Fault, ReceiverReport};
use s2s_core::ErrorKind;

use crate::args::WebhookTestArgs;
use crate::exit;
use crate::failure::{self, usage, Failure};
use crate::out::inert;

const TOKEN_VARIABLE: &str = "ZOOM_WEBHOOK_SECRET_TOKEN";

pub async fn test(args: WebhookTestArgs) -> u8 {
    match run(&args).await {
        Ok(report) => print(&report, args.json),
        Err(failure) => failure::print(&failure, args.json),
    }
}

/// Gathers the request, then one core call: with a profile through its service (the core
/// chooses the Secret Token as the app does), else with the token piped in or in the
/// environment.
async fn run(args: &WebhookTestArgs) -> Result<ReceiverReport, Failure> {
    let request = ReceiverRequest {
        url: args.url.clone(),
        event: args.event.clone(),
        timeout: Duration::from_secs(args.timeout),
        allow_insecure: args.allow_insecure,
        secret_token: match args.secret_token_stdin {
            true => Some(crate::secret_input::first_stdin_line("Secret Token")?),
            false => None,
        },
        environment_token: crate::secret_input::env(TOKEN_VARIABLE),
    };
    let client = s2s_core::http::client(request.timeout).map_err(|e| {
        Failure::usage(
            ErrorKind::Network,
            e.to_string(),
            "Check the proxy settings.",
        )
    })?;
    let outcome = match &args.profile {
        Some(name) => {
            let service = crate::profile::open_service()?;
            let profile = crate::profile::find_in(&service, name)?;
            // No simulator here to ask for a Sandbox app's token: a Sandbox profile's must be saved.
            service
                .test_receiver(&client, Some(&profile.id), request, |_| None)
                .await
        }
        None => request.run(&client).await,
    };
    outcome.map_err(|e| match e {
        ReceiverRunError::Refused(refused) => usage(refused.to_string(), &refused.advice()),
        ReceiverRunError::Service(e) => {
            crate::target::service_failure(args.profile.as_deref().unwrap_or_default(), &e)
        }
    })
}

fn print(report: &ReceiverReport, as_json: bool) -> u8 {
    if as_json {
        crate::out::json(&serde_json::to_value(report).unwrap_or_default());
    } else {
        print_text(report);
    }
    match report.fault() {
        None => exit::OK,
        Some(Fault::Network) => exit::NETWORK,
        Some(Fault::Receiver) => exit::RECEIVER_WRONG,
    }
}

fn print_text(report: &ReceiverReport) {
    outln!(
        "Webhook receiver {} (event {})",
        inert(&report.url),
        inert(&report.event)
    );
    for check in &report.checks {
        print_check(check);
    }
    if report.ok {
        outln!("All four checks passed: the receiver answers Zoom's challenge and refuses forged and replayed events.");
    }
    if !report.zoom_will_refuse.is_empty() {
        outln!("Zoom will refuse this URL even though it answered here:");
        for reason in &report.zoom_will_refuse {
            outln!("  • {}", inert(reason));
        }
    }
}

fn print_check(check: &Check) {
    let mark = if check.ok { "✔" } else { "✘" };
    let status = check.status.map_or("   ".into(), |s| s.to_string());
    let latency = check
        .latency_ms
        .map_or(String::new(), |ms| format!("{ms:>5} ms"));
    outln!(
        "{mark} {:<17} {status} {latency:>8}  {}",
        label(check),
        inert(&check.message)
    );
    // A check's message quotes the receiver's answer: one inert line, whatever it sent.
    if let Some(zoom) = &check.zoom_would {
        outln!("    Zoom: {}", inert(zoom));
    }
    if let Some(fix) = &check.fix {
        outln!("    Fix:  {}", inert(fix));
    }
}

fn label(check: &Check) -> &'static str {
    match check.name {
        webhook::CheckName::UrlValidation => "URL validation",
        webhook::CheckName::SignedEvent => "signed event",
        webhook::CheckName::ForgedSignature => "forged signature",
        webhook::CheckName::ReplayedEvent => "replayed event",
    }
}
