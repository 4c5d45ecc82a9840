//! `s2s test-token`: the app to test (see `target`), one core call, render, exit.

use s2s_core::profiles::test_run::{CoexistenceResult, TestResult};
use s2s_core::profiles::TokenRule;
use s2s_core::tester::{Coexistence, COEXISTENCE_COST};
use serde_json::json;

use crate::exit;

use crate::args::TestTokenArgs;
use crate::failure::{self, Failure};
use crate::render;
use crate::target::Target;

pub async fn run(args: TestTokenArgs) -> u8 {
    let json = args.json;
    let target = match Target::prepare(&args.target) {
        Ok(t) => t,
        Err(failure) => return failure::print(&failure, json),
    };
    if args.check_coexistence {
        return check_coexistence(&target, json).await;
    }
    let run = match target.test().await {
        Ok(run) => run,
        Err(failure) => return failure::print(&failure, json),
    };
    // A profile's history entry carries the drift since its previous test.
    let drift = target.profile().and(run.record.drift.as_ref());
    if !json && target.profile().is_some() && !run.record.renamed_scopes.is_empty() {
        outln!(
            "Renamed (classic → granular), not lost: {} — the token can still make every call they allowed.",
            run.record.renamed_scopes.join(", ")
        );
    }
    let code = match &run.result {
        TestResult::Passed { report } => render::success(report, drift, json),
        TestResult::Failed { failure } => {
            failure::print(&Failure::from_report(failure.clone()), json)
        }
    };
    if let Some(age) = target
        .profile()
        .filter(|_| !json)
        .and_then(crate::profile::secret_age)
    {
        outln!("  Client secret {age}");
    }
    code
}

/// `--check-coexistence`: the cost first, then what Zoom showed.
async fn check_coexistence(target: &Target, as_json: bool) -> u8 {
    if !as_json {
        errln!("{COEXISTENCE_COST}");
    }
    let run = match target.check_coexistence().await {
        Ok(run) => run,
        Err(failure) => return failure::print(&failure, as_json),
    };
    let coexistence = match &run.result {
        CoexistenceResult::Failed { failure } => {
            return failure::print(&Failure::from_report(failure.clone()), as_json)
        }
        CoexistenceResult::Checked { coexistence } => coexistence,
    };
    let (said, code) = match coexistence {
        Coexistence::Coexist => (
            "Tokens coexist: the first token still worked after a second was issued (Zoom's rule since June 2023). Tests leave a deployed service's token alone.".to_string(),
            exit::OK,
        ),
        Coexistence::OneToken => (
            "This app still follows the one-token rule: the first token was invalidated when the second was issued. Every test (and every other process asking for a token) invalidates the token a deployed service holds; the service must then fetch a new one.".to_string(),
            exit::OK,
        ),
        Coexistence::Inconclusive { message } => (
            format!("Could not tell: the API call with the first token failed ({message}). Try again later."),
            exit::for_kind(s2s_core::ErrorKind::ServerError),
        ),
    };
    if as_json {
        let recorded = run.recorded.map(|r| match r {
            TokenRule::Coexist => "coexist",
            TokenRule::OneToken => "one_token",
        });
        crate::out::json(
            &json!({"ok": code == exit::OK, "coexistence": coexistence, "recorded": recorded, "message": said}),
        );
    } else {
        outln!("{said}");
        if run.recorded.is_some() {
            outln!("Recorded on the profile.");
        }
    }
    code
}
