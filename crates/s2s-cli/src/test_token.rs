//! `s2s test-token`: gather credentials and options, run the core's tester, render, exit.

use std::io::BufRead;
use std::time::Duration;

use s2s_core::profiles::{Profile, TestRecord};
use s2s_core::tester::{FailureReport, TestError, TestOutcome};
use s2s_core::{Cloud, Endpoint, RawCredentials, Secret, TestOptions, TokenTester};

use crate::args::TestTokenArgs;
use crate::failure::{self, Failure};
use crate::render;

pub async fn run(args: TestTokenArgs) -> u8 {
    let json = args.json;
    let (raw, options, profile) = match prepare(args) {
        Ok(v) => v,
        Err(failure) => return failure::print(&failure, json),
    };
    let result = TokenTester::default().test(&raw, &options).await;
    // A profile's test goes into its history, like the app's: that is what drift compares against.
    let drift = match &profile {
        Some(profile) => match record(profile, &result) {
            Ok(stored) => stored.drift,
            Err(failure) => return failure::print(&failure, json),
        },
        None => None,
    };
    match result {
        Ok(outcome) => render::success(&outcome.report, drift.as_ref(), json),
        Err(e) => failure::print(&Failure::from_test_error(&e), json),
    }
}

fn record(
    profile: &Profile,
    result: &Result<TestOutcome, TestError>,
) -> Result<TestRecord, Failure> {
    let at_unix = s2s_core::clock::now_unix();
    let record = match result {
        Ok(outcome) => TestRecord::of_report(at_unix, &outcome.report),
        Err(e) => TestRecord::of_failure(at_unix, &FailureReport::from(e)),
    };
    crate::profile::record(profile, record)
}

/// Everything that can go wrong before a request is sent ends here with exit code 2.
fn prepare(args: TestTokenArgs) -> Result<(RawCredentials, TestOptions, Option<Profile>), Failure> {
    let saved = args
        .profile
        .as_deref()
        .map(crate::profile::load)
        .transpose()?;
    let endpoint = match (&args.oauth_url, &saved) {
        // A real app's saved credentials go to a non-Zoom address (even one on this machine:
        // any local process may be listening there) only when the admin says so.
        (Some(_), Some(saved))
            if saved.profile.cloud.zoom_cloud().is_some() && !args.allow_custom_host =>
        {
            return Err(Failure::usage(
                s2s_core::ErrorKind::HostRefused,
                format!(
                    "profile '{}' holds a real Zoom app's credentials; --oauth-url would send them to a server that is not Zoom",
                    saved.profile.name
                ),
                "Drop --oauth-url to test against Zoom, or add --allow-custom-host if you really mean that server.",
            ));
        }
        (Some(url), _) => Endpoint::custom(url, args.allow_custom_host),
        (None, Some(saved)) => Ok(Endpoint::cloud(crate::profile::cloud_of(&saved.profile)?)),
        (None, None) => args.cloud.parse::<Cloud>().map(Endpoint::cloud),
    }
    .map_err(|e| {
        Failure::usage(
            s2s_core::ErrorKind::HostRefused,
            e.to_string(),
            "Use --cloud, or --oauth-url with a loopback address.",
        )
    })?;
    let mut options = TestOptions::new(endpoint);
    options.timeout = Duration::from_secs(args.timeout);
    options.probe = !args.no_probe;
    options.required_scopes = args.require_scope;
    options.token_index = args.token_index;
    let profile = saved.as_ref().map(|s| s.profile.clone());
    let raw = match saved {
        Some(saved) => {
            options.token_index = options.token_index.or(saved.profile.token_index);
            options
                .required_scopes
                .extend(saved.profile.expected_scopes);
            saved.credentials
        }
        None => {
            let account_id = args.account_id.ok_or_else(|| {
                missing("account ID", "--profile, --account-id or ZOOM_ACCOUNT_ID")
            })?;
            let client_id = args
                .client_id
                .ok_or_else(|| missing("client ID", "--profile, --client-id or ZOOM_CLIENT_ID"))?;
            RawCredentials::new(
                account_id,
                client_id,
                read_secret(args.client_secret_stdin)?,
            )
        }
    };
    Ok((raw, options, profile))
}

fn missing(what: &str, how: &str) -> Failure {
    Failure::usage(
        s2s_core::ErrorKind::InvalidInput,
        format!("no {what} given"),
        &format!("Pass {how}."),
    )
}

fn read_secret(from_stdin: bool) -> Result<Secret, Failure> {
    if from_stdin {
        // Zeroed when dropped: the line holds the secret (and its line ending).
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin().lock().read_line(&mut line).map_err(|e| {
            Failure::usage(
                s2s_core::ErrorKind::InvalidInput,
                format!("cannot read the client secret from standard input: {e}"),
                "Pipe the secret in, e.g. from your secret manager.",
            )
        })?;
        // Only the line ending is the pipe's; anything else is validated (and flagged) by the core.
        let trimmed = line
            .strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(&line);
        return Ok(Secret::new(trimmed));
    }
    match std::env::var("ZOOM_CLIENT_SECRET") {
        Ok(value) => Ok(Secret::new(value)),
        Err(_) => Err(Failure::usage(
            s2s_core::ErrorKind::InvalidInput,
            "no client secret given".into(),
            "Set ZOOM_CLIENT_SECRET, or pass --client-secret-stdin and pipe it in. It is never accepted as a flag value.",
        )),
    }
}
