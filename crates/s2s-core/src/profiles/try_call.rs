//! "Try a call" with a saved profile: a fresh token (not a test, so nothing is recorded), one
//! request to the profile's own API host, and which of the token's scopes authorized it.

use serde::{Deserialize, Serialize};
use zoom_catalog::query::find_operation;
use zoom_catalog::{catalog, OperationRef};

use super::service::{ProfileService, ServiceError};
use crate::api_call::{api_path, send, CallAnswer, CallMethod, PathError};
use crate::tester::{FailureReport, TestError, TestOutcome, TokenTester};

/// A call to try.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallRequest {
    /// The method; anything but GET needs `confirmed`.
    pub method: CallMethod,
    /// The path under the API, e.g. `/users/me`.
    pub path: String,
    /// The admin confirmed a call that changes the account.
    pub confirmed: bool,
}

/// What trying the call showed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TryCallResult {
    /// Zoom answered the call.
    Answered {
        /// The method sent.
        method: CallMethod,
        /// The path sent (under `/v2`).
        path: String,
        /// The catalog's operation for it, when known.
        operation: Option<OperationRef>,
        /// The token's scopes that this operation accepts: what authorized it.
        authorized_by: Vec<String>,
        /// Zoom's answer.
        answer: CallAnswer,
    },
    /// No answer: no token, or the call itself failed (network, timeout).
    Failed {
        /// What happened and what to do.
        failure: FailureReport,
    },
}

/// Why a call was not tried.
#[derive(Debug, thiserror::Error)]
pub enum TryCallError {
    /// A call that changes the account, not confirmed.
    #[error("{0} changes the account: confirm it before S2S Desk sends it")]
    NeedsConfirmation(&'static str),
    /// Not a usable path.
    #[error(transparent)]
    Path(#[from] PathError),
    /// The profile or its secret.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl ProfileService {
    /// A fresh token for the profile `id`, not recorded in its history (for a call, or to hand
    /// to another process); the failure explained when Zoom refused.
    pub async fn fresh_token(
        &self,
        tester: &TokenTester,
        id: &str,
    ) -> Result<Result<TestOutcome, FailureReport>, ServiceError> {
        let (profile, raw) = self.credentials(id)?;
        let mut options = self.test_options(&profile, None)?;
        options.probe = false; // whoever uses the token proves it
        options.required_scopes.clear();
        Ok(tester
            .test(&raw, &options)
            .await
            .map_err(|e| FailureReport::from(&e)))
    }

    /// Asks for a fresh token with the profile `id` and sends one call with it.
    pub async fn try_call(
        &self,
        tester: &TokenTester,
        id: &str,
        request: &CallRequest,
    ) -> Result<TryCallResult, TryCallError> {
        if request.method != CallMethod::Get && !request.confirmed {
            return Err(TryCallError::NeedsConfirmation(request.method.as_str()));
        }
        let path = api_path(&request.path)?;
        let outcome = match self.fresh_token(tester, id).await? {
            Ok(outcome) => outcome,
            Err(failure) => return Ok(TryCallResult::Failed { failure }),
        };
        let answer = match tester.http() {
            Ok(http) => {
                send(
                    &http,
                    &outcome.report.token.api_url,
                    request.method,
                    &path,
                    &outcome.access_token,
                )
                .await
            }
            Err(e) => Err(e),
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(e) => {
                return Ok(TryCallResult::Failed {
                    failure: FailureReport::from(&TestError::Token(e)),
                })
            }
        };
        let operation = operation_for(request.method, &path);
        let granted: Vec<&str> = outcome
            .report
            .token
            .scopes
            .iter()
            .map(|s| s.raw.as_str())
            .collect();
        let authorized_by = operation
            .map(|i| {
                let op = &catalog().operations()[i];
                op.granular_scopes
                    .iter()
                    .chain(&op.classic_scopes)
                    .filter(|s| granted.contains(&s.as_str()))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        Ok(TryCallResult::Answered {
            method: request.method,
            path,
            operation: operation.map(|i| catalog().operations()[i].reference()),
            authorized_by,
            answer,
        })
    }
}

/// The catalog operation a sent path is, if the catalog knows it.
fn operation_for(method: CallMethod, path: &str) -> Option<usize> {
    let bare = path.split('?').next().unwrap_or(path);
    let bare = bare.strip_prefix("/v2").unwrap_or(bare);
    find_operation(catalog(), &format!("{} {bare}", method.as_str()))
        .ok()
        .map(|found| found.index)
}
