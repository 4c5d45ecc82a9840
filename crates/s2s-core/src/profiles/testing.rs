//! The "test a profile" use case, one call for the app and the CLI alike: the options come from
//! the profile (its cloud or the Sandbox, its token slot, its expected scopes), the secret from
//! the keychain, then the tester runs and the result — with the owner's snapshot and the drift
//! since the previous test — goes into the profile's history. A refused token is a result to
//! show ([`TestResult::Failed`]), not an error: errors are what stopped the test from running.

use serde::Serialize;

use super::service::{ProfileService, ServiceError};
use super::{Profile, ProfileCloud, ProfileDraft, TestRecord};
use crate::cloud::{Endpoint, EndpointError};
use crate::creds::RawCredentials;
use crate::secret::Secret;
use crate::tester::{FailureReport, TestOptions, TokenTester};
use crate::TestReport;
use zoom_catalog::scope::ScopeName;

/// What a test showed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TestResult {
    /// Zoom issued a token (the report says whether the probe and expected scopes passed).
    Passed {
        /// Scopes, expiry, API URL, latency, probe, rate limits.
        report: Box<TestReport>,
    },
    /// No token: Zoom's answer, verbatim, and what to do.
    Failed {
        /// The explanation.
        failure: FailureReport,
    },
}

/// A test's result, and the line it adds (or, from the Setup wizard, will add) to a history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestRun {
    /// What the test showed.
    pub result: TestResult,
    /// The history entry, drift included once recorded.
    pub record: TestRecord,
}

impl TestRun {
    fn of(result: TestResult) -> Self {
        let at_unix = crate::clock::now_unix();
        let record = match &result {
            TestResult::Passed { report } => TestRecord::of_report(at_unix, report),
            TestResult::Failed { failure } => TestRecord::of_failure(at_unix, failure),
        };
        Self { result, record }
    }
}

/// Where a profile's tests go: its Zoom cloud, or the Sandbox at `sandbox_url` (only the app,
/// or a simulator the caller started, knows that address).
pub fn endpoint_for(
    cloud: ProfileCloud,
    sandbox_url: Option<&str>,
) -> Result<Endpoint, EndpointError> {
    match (cloud.zoom_cloud(), sandbox_url) {
        (Some(cloud), _) => Ok(Endpoint::cloud(cloud)),
        (None, Some(url)) => Endpoint::custom(url, false),
        (None, None) => Err(EndpointError::SandboxElsewhere),
    }
}

/// The options a test of these settings uses: endpoint, token slot, expected scopes as a gate.
pub fn options_for(
    cloud: ProfileCloud,
    token_index: Option<u32>,
    expected_scopes: &[ScopeName],
    sandbox_url: Option<&str>,
) -> Result<TestOptions, EndpointError> {
    let mut options = TestOptions::new(endpoint_for(cloud, sandbox_url)?);
    options.token_index = token_index;
    options.required_scopes = expected_scopes.to_vec();
    Ok(options)
}

/// Tests credentials typed into the Setup wizard, before anything is saved.
pub async fn test_draft(
    tester: &TokenTester,
    draft: &ProfileDraft,
    client_secret: Secret,
    sandbox_url: Option<&str>,
) -> Result<TestRun, EndpointError> {
    let options = options_for(
        draft.cloud,
        draft.token_index,
        &draft.expected_scopes,
        sandbox_url,
    )?;
    let raw = RawCredentials::new(
        draft.account_id.clone(),
        draft.client_id.clone(),
        client_secret,
    );
    Ok(TestRun::of(run(tester, &raw, &options).await))
}

/// Tests credentials given directly (the CLI's flags and environment): nothing is recorded.
pub async fn test_credentials(
    tester: &TokenTester,
    raw: &RawCredentials,
    options: &TestOptions,
) -> TestRun {
    TestRun::of(run(tester, raw, options).await)
}

async fn run(tester: &TokenTester, raw: &RawCredentials, options: &TestOptions) -> TestResult {
    match tester.test(raw, options).await {
        Ok(outcome) => TestResult::Passed {
            report: Box::new(outcome.report),
        },
        Err(e) => TestResult::Failed {
            failure: FailureReport::from(&e),
        },
    }
}

impl ProfileService {
    /// Tests a saved profile with its own settings and records the result.
    pub async fn test_saved(
        &self,
        tester: &TokenTester,
        id: &str,
        sandbox_url: Option<&str>,
    ) -> Result<TestRun, ServiceError> {
        let profile = self.get(id)?;
        let options = options_for(
            profile.cloud,
            profile.token_index,
            &profile.expected_scopes,
            sandbox_url,
        )?;
        self.test_with(tester, &profile, options).await
    }

    /// Tests a saved profile with options the caller built (the CLI's flags), and records the
    /// result: the history entry returned is the one stored, drift included.
    pub async fn test_with(
        &self,
        tester: &TokenTester,
        profile: &Profile,
        options: TestOptions,
    ) -> Result<TestRun, ServiceError> {
        let (_, raw) = self.credentials(&profile.id)?;
        let run = TestRun::of(run(tester, &raw, &options).await);
        let stored = self.record_test(&profile.id, run.record.clone())?;
        Ok(TestRun {
            record: stored.history.first().cloned().unwrap_or(run.record),
            result: run.result,
        })
    }
}
