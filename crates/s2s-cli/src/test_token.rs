//! `s2s test-token`: the app to test (see `target`), one core call, render, exit.

use s2s_core::profiles::testing::TestResult;

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
    let run = match target.test().await {
        Ok(run) => run,
        Err(failure) => return failure::print(&failure, json),
    };
    // A profile's history entry carries the drift since its previous test.
    let drift = target.profile().and(run.record.drift.as_ref());
    match &run.result {
        TestResult::Passed { report } => render::success(report, drift, json),
        TestResult::Failed { failure } => {
            failure::print(&Failure::from_report(failure.clone()), json)
        }
    }
}
