//! Test token: validate pasted credentials, test a draft from the Setup wizard, test a saved
//! profile (recorded in its history). A refused token is a result to show, not an IPC error.

use std::time::{SystemTime, UNIX_EPOCH};

use s2s_core::profiles::{ProfileCloud, ProfileDraft, TestRecord};
use s2s_core::tester::{FailureReport, TestError, TestOptions};
use s2s_core::{CredentialIssue, Endpoint, RawCredentials, Secret, TestReport};
use serde::Serialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// What a test showed.
#[derive(Debug, Clone, Serialize, specta::Type)]
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

/// A test's result, and the line it adds (or, from the wizard, will add) to a profile's history.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TestRun {
    /// What the test showed.
    pub result: TestResult,
    /// The history entry.
    pub record: TestRecord,
}

/// Checks pasted values without sending anything.
#[tauri::command]
#[specta::specta]
pub fn validate_credentials(
    account_id: String,
    client_id: String,
    client_secret: String,
) -> Vec<CredentialIssue> {
    RawCredentials::new(account_id, client_id, Secret::new(client_secret))
        .validate()
        .issues
}

/// Tests credentials typed into the Setup wizard, before they are saved.
#[tauri::command]
#[specta::specta]
pub async fn test_draft(
    state: State<'_, AppState>,
    draft: ProfileDraft,
    client_secret: String,
) -> Result<TestRun, IpcError> {
    let raw = RawCredentials::new(
        draft.account_id.clone(),
        draft.client_id.clone(),
        Secret::new(client_secret),
    );
    let options = options_for(
        &state,
        draft.cloud,
        draft.token_index,
        &draft.expected_scopes,
    )?;
    let result = run(&state, &raw, &options).await;
    Ok(TestRun {
        record: record_of(&result),
        result,
    })
}

/// Tests a saved profile and records the result in its history.
#[tauri::command]
#[specta::specta]
pub async fn test_profile(state: State<'_, AppState>, id: String) -> Result<TestRun, IpcError> {
    let (profile, raw) = state.profiles.credentials(&id)?;
    let options = options_for(
        &state,
        profile.cloud,
        profile.token_index,
        &profile.expected_scopes,
    )?;
    let result = run(&state, &raw, &options).await;
    // The history entry as stored: drift against earlier tests is attached on the way in.
    let profile = state.profiles.record_test(&id, record_of(&result))?;
    let record = profile
        .history
        .first()
        .cloned()
        .unwrap_or_else(|| record_of(&result));
    Ok(TestRun { result, record })
}

fn options_for(
    state: &AppState,
    cloud: ProfileCloud,
    token_index: Option<u32>,
    expected: &[String],
) -> Result<TestOptions, IpcError> {
    let endpoint = match cloud.zoom_cloud() {
        Some(cloud) => Endpoint::cloud(cloud),
        None => Endpoint::custom(&state.sandbox_url(), false)?,
    };
    let mut options = TestOptions::new(endpoint);
    options.token_index = token_index;
    options.required_scopes = expected.to_vec();
    Ok(options)
}

async fn run(state: &AppState, raw: &RawCredentials, options: &TestOptions) -> TestResult {
    match state.tester.test(raw, options).await {
        Ok(outcome) => TestResult::Passed {
            report: Box::new(outcome.report),
        },
        Err(e) => TestResult::Failed {
            failure: FailureReport::from(&e as &TestError),
        },
    }
}

fn record_of(result: &TestResult) -> TestRecord {
    let at_unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    match result {
        TestResult::Passed { report } => TestRecord::of_report(at_unix, report),
        TestResult::Failed { failure } => TestRecord::of_failure(at_unix, failure),
    }
}
