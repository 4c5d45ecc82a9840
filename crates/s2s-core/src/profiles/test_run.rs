//! The "test a profile" use case, one call for the app and the CLI alike: the options come from
//! the profile (its cloud or the Sandbox, its token slot, its expected scopes), the secret from
//! the keychain, then the tester runs and the result — with the owner's snapshot and the drift
//! since the previous test — goes into the profile's history. A refused token is a result to
//! show ([`TestResult::Failed`]), not an error: errors are what stopped the test from running.

use serde::Serialize;

use super::service::{CustomHost, ProfileService, ServiceError};
use super::{Profile, ProfileCloud, ProfileDraft, TestRecord, TokenRule};
use crate::cloud::Endpoint;
use crate::creds::RawCredentials;
use crate::probe::{ProbeOutcome, ONE_TOKEN_CAUSE};
use crate::secret::Secret;
use crate::tester::{Coexistence, FailureReport, TestOptions, TokenTester};
use crate::TestReport;

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
    /// Why it did not pass, in one line (an overview row's); none when it passed.
    pub why_not_passed: Option<String>,
}

impl TestRun {
    fn of(result: TestResult) -> Self {
        let at_unix = crate::clock::now_unix();
        let record = match &result {
            TestResult::Passed { report } => TestRecord::of_report(at_unix, report),
            TestResult::Failed { failure } => TestRecord::of_failure(at_unix, failure),
        };
        Self::with_record(result, record)
    }

    /// A test that could not run, as its result.
    pub(super) fn failed(failure: FailureReport) -> Self {
        Self::of(TestResult::Failed { failure })
    }

    /// The run with its history entry as stored (drift included).
    pub(super) fn with_record(result: TestResult, record: TestRecord) -> Self {
        let why_not_passed = why_not_passed(&result, &record);
        Self {
            result,
            record,
            why_not_passed,
        }
    }
}

/// Why a test did not pass, in one line: Zoom's refusal and what to do; admin access lost; or
/// the record's summary (a probe refused, scopes missing). None when it passed.
fn why_not_passed(result: &TestResult, record: &TestRecord) -> Option<String> {
    if let TestResult::Failed { failure } = result {
        return Some(format!(
            "{}. {}",
            failure.message.trim_end_matches('.'),
            failure.advice
        ));
    }
    if let Some(drift) = &record.drift {
        let n = drift.lost_scopes.len();
        return Some(format!(
            "Lost admin access: {n} admin scope{} removed",
            if n == 1 { "" } else { "s" }
        ));
    }
    (!record.ok).then(|| record.summary.clone())
}

/// The options a test of these settings uses at `endpoint`: the token slot, and the expected
/// scopes as a gate.
fn options_for(settings: &ProfileDraft, endpoint: Endpoint) -> TestOptions {
    let mut options = TestOptions::new(endpoint);
    options.token_index = settings.token_index;
    options.required_scopes = settings.expected_scopes.to_vec();
    options
}

/// Tests credentials given directly (the CLI's flags and environment): nothing is recorded.
pub async fn test_credentials(
    tester: &TokenTester,
    raw: &RawCredentials,
    options: &TestOptions,
) -> TestRun {
    TestRun::of(run(tester, raw, options).await)
}

/// For an app known to follow the one-token rule, a refused fresh token most likely met a
/// newer one: say so beside today's causes.
fn name_the_one_token_rule(result: &mut TestResult) {
    if let TestResult::Passed { report } = result {
        if let ProbeOutcome::TokenRejected { causes, .. } = &mut report.probe {
            causes.insert_str(0, &format!("{ONE_TOKEN_CAUSE} "));
        }
    }
}

/// A secret the Sandbox does not know is no Marketplace matter: the Sandbox was reset or its
/// secret regenerated since the profile was saved. Say that, not Zoom's advice.
fn explain_a_sandbox_mismatch(settings: &ProfileDraft, result: &mut TestResult) {
    if settings.cloud != ProfileCloud::Sandbox {
        return;
    }
    if let TestResult::Failed { failure } = result {
        if failure.kind == crate::ErrorKind::InvalidClient {
            failure.message = SANDBOX_MISMATCH.to_string();
            failure.advice = SANDBOX_MISMATCH_ADVICE.to_string();
        }
    }
}

/// What a Sandbox profile's rejected secret means.
pub const SANDBOX_MISMATCH: &str = "The Sandbox does not know this Client ID and Client Secret";

/// What to do about it (no real Zoom account is involved).
pub const SANDBOX_MISMATCH_ADVICE: &str = "The Sandbox was reset, or this app's secret regenerated in it, since the profile was saved. Choose \"Reset the Sandbox\" in the Sandbox panel (it also gives every Sandbox profile the Sandbox's secret again), or add the app again from that panel. Nothing real is involved: the Sandbox is a simulated Zoom inside S2S Desk.";

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

/// What the coexistence check showed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CoexistenceResult {
    /// Zoom answered: tokens coexist, the one-token rule applies, or the call couldn't tell.
    Checked {
        /// The finding.
        coexistence: Coexistence,
    },
    /// No token: Zoom's answer and what to do, as for a test.
    Failed {
        /// The explanation.
        failure: FailureReport,
    },
}

/// The check's result and the rule now recorded on the profile.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CoexistenceRun {
    /// What the check showed.
    pub result: CoexistenceResult,
    /// The rule recorded on the profile (unchanged when the check couldn't tell).
    pub recorded: Option<TokenRule>,
}

/// Runs the coexistence check on credentials (nothing recorded).
pub async fn check_credentials_coexistence(
    tester: &TokenTester,
    raw: &RawCredentials,
    options: &TestOptions,
) -> CoexistenceResult {
    match tester.check_coexistence(raw, options).await {
        Ok(coexistence) => CoexistenceResult::Checked { coexistence },
        Err(e) => CoexistenceResult::Failed {
            failure: FailureReport::from(&e),
        },
    }
}

impl ProfileService {
    /// The options a test of `profile` uses: its endpoint ([`Self::endpoint`], with `custom`
    /// if the admin named a host), its token slot, its expected scopes as a gate.
    pub fn test_options(
        &self,
        profile: &Profile,
        custom: Option<CustomHost<'_>>,
    ) -> Result<TestOptions, ServiceError> {
        Ok(options_for(profile, self.endpoint(profile, custom)?))
    }

    /// Tests credentials typed into the Setup wizard, or an edit of profile `editing` before it
    /// is saved — with the typed secret, or (none typed) the one the profile keeps in the
    /// keychain, so an edit never means retyping it. Nothing is recorded.
    pub async fn test_draft(
        &self,
        tester: &TokenTester,
        draft: &ProfileDraft,
        client_secret: Option<Secret>,
        editing: Option<&str>,
    ) -> Result<TestRun, ServiceError> {
        let client_secret = match (client_secret, editing) {
            (Some(typed), _) => typed,
            (None, Some(id)) => self.reveal_secret(id)?,
            (None, None) => return Err(ServiceError::MissingSecret(draft.name.clone())),
        };
        let options = options_for(draft, self.draft_endpoint(draft)?);
        let raw = RawCredentials::new(
            draft.account_id.clone(),
            draft.client_id.clone(),
            client_secret,
        );
        let mut result = run(tester, &raw, &options).await;
        explain_a_sandbox_mismatch(draft, &mut result);
        Ok(TestRun::of(result))
    }

    /// The token coexistence check for a saved profile ([`crate::tester::COEXISTENCE_COST`]
    /// says what it costs); the answer is recorded on the profile, so only a profile known to
    /// follow the one-token rule is warned before tests.
    pub async fn check_coexistence(
        &self,
        tester: &TokenTester,
        id: &str,
        options: Option<TestOptions>,
    ) -> Result<CoexistenceRun, ServiceError> {
        let profile = self.get(id)?;
        let options = match options {
            Some(o) => o,
            None => TestOptions::new(self.endpoint(&profile, None)?),
        };
        let (_, raw) = self.credentials(id)?;
        let result = check_credentials_coexistence(tester, &raw, &options).await;
        let found = match &result {
            CoexistenceResult::Checked {
                coexistence: Coexistence::Coexist,
            } => Some(TokenRule::Coexist),
            CoexistenceResult::Checked {
                coexistence: Coexistence::OneToken,
            } => Some(TokenRule::OneToken),
            _ => None,
        };
        let recorded = match found {
            Some(rule) => {
                let settings = ProfileDraft {
                    token_rule: Some(rule),
                    ..profile.settings.clone()
                };
                self.save(Some(id), settings, None)?.token_rule
            }
            None => profile.token_rule,
        };
        Ok(CoexistenceRun { result, recorded })
    }

    /// Tests a saved profile with its own settings and records the result.
    pub async fn test_saved(
        &self,
        tester: &TokenTester,
        id: &str,
    ) -> Result<TestRun, ServiceError> {
        let profile = self.get(id)?;
        let options = self.test_options(&profile, None)?;
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
        let run = self.run_profile(tester, profile, &raw, &options).await;
        let stored = self.record_test(&profile.id, run.record.clone())?;
        let record = stored.history.first().cloned().unwrap_or(run.record);
        Ok(TestRun::with_record(run.result, record))
    }

    /// [`Self::test_with`] without recording ("Test all" records in batches); a profile
    /// without a secret in the keychain is its failed result.
    pub(super) async fn test_unrecorded(
        &self,
        tester: &TokenTester,
        profile: &Profile,
        options: TestOptions,
    ) -> TestRun {
        match self.credentials(&profile.id) {
            Ok((_, raw)) => self.run_profile(tester, profile, &raw, &options).await,
            Err(e) => TestRun::failed(FailureReport::local(
                crate::ErrorKind::MissingCredentials,
                e.to_string(),
                e.advice(),
            )),
        }
    }

    async fn run_profile(
        &self,
        tester: &TokenTester,
        profile: &Profile,
        raw: &RawCredentials,
        options: &TestOptions,
    ) -> TestRun {
        let mut result = run(tester, raw, options).await;
        if profile.token_rule == Some(TokenRule::OneToken) {
            name_the_one_token_rule(&mut result);
        }
        explain_a_sandbox_mismatch(profile, &mut result);
        TestRun::of(result)
    }
}
