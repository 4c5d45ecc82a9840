//! The whole "Test token" check: validate the pasted values, ask for one token (retrying only
//! where safe, within one deadline), prove it with a probe call, and check required scopes.
//!
//! Single-flight per app: concurrent tests of the same credentials share one token request, so a
//! double click never mints two tokens (each new token may invalidate the previous one).

use std::hash::BuildHasher;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cloud::Endpoint;
use crate::creds::{CredentialIssue, Credentials, RawCredentials};
use crate::probe::{probe, read_owner_privileges, OwnerPrivileges, ProbeOutcome};
use zoom_catalog::change::OwnerSnapshot;
use zoom_catalog::scope::ScopeName;

use crate::error::{ErrorKind, TokenError};
use crate::retry::{RetryPolicy, Sleeper, TokioSleeper};
use crate::secret::Secret;
use crate::single_flight::SingleFlight;
use crate::token::{request_token, IssuedToken, TokenSummary};

/// Longest wait for a TCP + TLS connection; the test's own deadline still bounds it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default deadline for a whole test, including retries and the probe.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// What to test against, and how.
#[derive(Debug, Clone)]
pub struct TestOptions {
    /// Token host.
    pub endpoint: Endpoint,
    /// Token slot, where Zoom raised the app's tolerance.
    pub token_index: Option<u32>,
    /// Deadline for the whole test; none: the tester's (20 s unless configured).
    pub timeout: Option<Duration>,
    /// Call `/users/me` with the fresh token.
    pub probe: bool,
    /// Scopes the token must hold (a deployment gate).
    pub required_scopes: Vec<ScopeName>,
}

impl TestOptions {
    /// Defaults for an endpoint: the tester's deadline, probe on, nothing required.
    pub fn new(endpoint: Endpoint) -> Self {
        Self {
            endpoint,
            token_index: None,
            timeout: None,
            probe: true,
            required_scopes: Vec::new(),
        }
    }
}

/// A successful test, ready to show or serialize. Contains no secret.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestReport {
    /// The token's facts.
    pub token: TokenSummary,
    /// What the probe call found.
    pub probe: ProbeOutcome,
    /// The owner's role privileges, when the app's scopes let it read them.
    pub owner_privileges: OwnerPrivileges,
    /// Required scopes the token lacks (empty when all are held).
    pub missing_required: Vec<String>,
    /// Validation warnings about the pasted values (errors would have stopped the test).
    pub warnings: Vec<CredentialIssue>,
    /// Token requests made, including retries.
    pub attempts: u32,
    /// Whole test time, in milliseconds.
    pub total_ms: u32,
}

impl TestReport {
    /// Passed: token issued, not refused by the probe, and every required scope held.
    pub fn passed(&self) -> bool {
        self.missing_required.is_empty()
            && !matches!(self.probe, ProbeOutcome::TokenRejected { .. })
    }

    /// The owner as this test saw them: id, role and (when readable) privileges.
    pub fn owner_snapshot(&self) -> Option<OwnerSnapshot> {
        let ProbeOutcome::Owner { owner, .. } = &self.probe else {
            return None;
        };
        Some(OwnerSnapshot {
            user_id: owner.id.clone(),
            email: owner.email.clone(),
            role_id: owner.role_id.clone(),
            role_name: owner.role_name.clone(),
            privileges: self.owner_privileges.list().map(<[String]>::to_vec),
            status: owner.status.clone(),
        })
    }

    /// The failure kind when not passed.
    pub fn failure_kind(&self) -> Option<ErrorKind> {
        if !self.missing_required.is_empty() {
            Some(ErrorKind::MissingScope)
        } else if matches!(self.probe, ProbeOutcome::TokenRejected { .. }) {
            Some(ErrorKind::TokenRejected)
        } else {
            None
        }
    }
}

/// What the coexistence check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Coexistence {
    /// The first token still worked after a second was issued: today's rule.
    Coexist,
    /// The first token was refused once a second was issued: the pre-June-2023 rule.
    OneToken,
    /// The API call could not tell (network, rate limit, server error).
    Inconclusive {
        /// Why.
        message: String,
    },
}

/// What the coexistence check costs, said before it runs.
pub const COEXISTENCE_COST: &str = "The check asks Zoom for two tokens, then calls GET /users/me with the first. If this app still follows the old one-token rule, the second token invalidates the token your deployed service holds, and the service must fetch a new one. Under today's rule (since June 2023) nothing else is affected.";

/// A test that produced no token.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TestError {
    /// The pasted values are unusable; nothing was sent.
    #[error("{}", .0.iter().filter(|i| i.severity == crate::creds::Severity::Error).map(|i| i.message.as_str()).collect::<Vec<_>>().join(" "))]
    InvalidInput(Vec<CredentialIssue>),
    /// Zoom (or the network) said no.
    #[error(transparent)]
    Token(#[from] TokenError),
}

impl TestError {
    /// The stable machine name.
    pub fn kind(&self) -> ErrorKind {
        match self {
            TestError::InvalidInput(_) => ErrorKind::InvalidInput,
            TestError::Token(e) => e.kind(),
        }
    }

    /// What to do.
    pub fn advice(&self) -> String {
        match self {
            TestError::InvalidInput(_) => {
                "Fix the fields named above; nothing was sent to Zoom.".into()
            }
            TestError::Token(e) => e.advice(),
        }
    }
}

/// A failed test, ready to show or serialize: the same facts for the CLI's JSON and the app.
/// Zoom's own error and reason are verbatim (secrets redacted). Contains no secret.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FailureReport {
    /// Stable machine name.
    pub kind: ErrorKind,
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub advice: String,
    /// The HTTP status Zoom answered with, if it answered.
    pub http_status: Option<u16>,
    /// Zoom's `error` (or numeric `code`).
    pub zoom_error: Option<String>,
    /// Zoom's `reason` (or message).
    pub zoom_reason: Option<String>,
    /// Validation findings, when the input was refused before sending.
    pub issues: Vec<CredentialIssue>,
    /// Seconds Zoom asked to wait before trying again (its `Retry-After`), if it said.
    pub retry_after_secs: Option<u64>,
}

impl FailureReport {
    /// A failure found before anything was sent.
    pub fn local(kind: ErrorKind, message: impl Into<String>, advice: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            advice: advice.into(),
            http_status: None,
            zoom_error: None,
            zoom_reason: None,
            issues: Vec::new(),
            retry_after_secs: None,
        }
    }
}

impl From<&TestError> for FailureReport {
    fn from(e: &TestError) -> Self {
        let (http_status, zoom) = match e {
            TestError::Token(t) => (t.http_status(), t.zoom_body()),
            TestError::InvalidInput(_) => (None, None),
        };
        Self {
            kind: e.kind(),
            message: e.to_string(),
            advice: e.advice(),
            http_status,
            zoom_error: zoom.and_then(|z| z.error.clone().or(z.code.map(|c| c.to_string()))),
            zoom_reason: zoom.map(|z| z.text().to_string()),
            issues: match e {
                TestError::InvalidInput(issues) => issues.clone(),
                TestError::Token(_) => Vec::new(),
            },
            retry_after_secs: match e {
                TestError::Token(t) => t.retry_after().map(|d| d.as_secs().max(1)),
                TestError::InvalidInput(_) => None,
            },
        }
    }
}

/// A successful test and the token itself (kept in memory only, for follow-up API calls).
#[derive(Debug, Clone)]
pub struct TestOutcome {
    /// What to show.
    pub report: TestReport,
    /// The fresh token.
    pub access_token: Secret,
}

type Flight = Result<TestOutcome, TestError>;

/// Tests share a flight only when they would send the very same request: same host, same IDs
/// and the same secret. The secret enters as a keyed hash (a random key per process), so a
/// mistyped secret never gets a running test's success, and the table holds no secret.
#[derive(Clone, PartialEq, Eq, Hash)]
struct FlightKey {
    token_url: String,
    account_id: String,
    client_id: String,
    secret_hash: u64,
    token_index: Option<u32>,
}

/// Runs token tests. One per process: it owns the HTTP pool and the in-flight table.
pub struct TokenTester {
    /// The client, or why it could not be built (every test then answers that). Replaced
    /// whole when the network settings change; tests in flight keep the client they began with.
    http: RwLock<Result<reqwest::Client, TokenError>>,
    /// The deadline for tests whose options name none.
    default_timeout: RwLock<Duration>,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    flights: SingleFlight<FlightKey, Flight>,
    secret_hasher: std::collections::hash_map::RandomState,
}

impl Default for TokenTester {
    fn default() -> Self {
        Self::new(RetryPolicy::default(), Arc::new(TokioSleeper))
    }
}

impl TokenTester {
    /// A tester with an explicit retry policy and clock.
    pub fn new(retry: RetryPolicy, sleeper: Arc<dyn Sleeper>) -> Self {
        Self {
            http: RwLock::new(crate::http::client(CONNECT_TIMEOUT)),
            default_timeout: RwLock::new(DEFAULT_TIMEOUT),
            retry,
            sleeper,
            flights: SingleFlight::new(),
            secret_hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// The HTTP client tests use, for follow-up calls with a fresh token ("Try a call").
    pub fn http(&self) -> Result<reqwest::Client, TokenError> {
        self.http
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Uses `network` and `timeout` (the deadline for tests that name none) from the next test
    /// on. Settings that cannot be used change nothing and say why.
    pub fn configure(
        &self,
        network: &crate::http::NetworkSettings,
        timeout: Duration,
    ) -> Result<(), crate::http::NetworkSettingsError> {
        let client = crate::http::client_with(CONNECT_TIMEOUT, network)?;
        *self.http.write().unwrap_or_else(PoisonError::into_inner) = Ok(client);
        *self
            .default_timeout
            .write()
            .unwrap_or_else(PoisonError::into_inner) = timeout;
        Ok(())
    }

    /// The deadline for a test with these options.
    pub fn deadline(&self, options: &TestOptions) -> Duration {
        options.timeout.unwrap_or_else(|| {
            *self
                .default_timeout
                .read()
                .unwrap_or_else(PoisonError::into_inner)
        })
    }

    /// Valid credentials (with the warnings found) and the client to send them with, or why not.
    fn ready_to_send(
        &self,
        raw: &RawCredentials,
    ) -> Result<(Credentials, Vec<CredentialIssue>, reqwest::Client), TestError> {
        let validated = raw.validate();
        let Some(creds) = validated.credentials else {
            return Err(TestError::InvalidInput(validated.issues));
        };
        let http = self.http().map_err(TestError::Token)?;
        Ok((creds, validated.issues, http))
    }

    /// Validates, then (once per app at a time) requests a token, probes it and checks scopes.
    pub async fn test(
        &self,
        raw: &RawCredentials,
        options: &TestOptions,
    ) -> Result<TestOutcome, TestError> {
        let (creds, warnings, http) = self.ready_to_send(raw)?;
        let key = FlightKey {
            token_url: options.endpoint.token_url(),
            account_id: creds.account_id().to_string(),
            client_id: creds.client_id().to_string(),
            secret_hash: self
                .secret_hasher
                .hash_one(creds.client_secret().expose().as_bytes()),
            token_index: options.token_index,
        };
        let deadline = self.deadline(options);
        let http = &http;
        self.flights
            .run(key, || async move {
                let started = Instant::now();
                let work = async {
                    let (token, attempts) = self.request_with_retry(http, &creds, options).await?;
                    let probe = if options.probe {
                        probe(http, &token.api_url, &token.access_token).await
                    } else {
                        ProbeOutcome::Skipped
                    };
                    let owner_privileges = match &probe {
                        ProbeOutcome::Owner { owner, .. } => {
                            read_owner_privileges(
                                http,
                                &token.api_url,
                                &token.access_token,
                                owner.role_id.as_deref(),
                            )
                            .await
                        }
                        _ => OwnerPrivileges::NotAttempted,
                    };
                    Ok::<_, TestError>((token, attempts, probe, owner_privileges))
                };
                let (token, attempts, probe, owner_privileges) =
                    tokio::time::timeout(deadline, work).await.map_err(|_| {
                        TokenError::Timeout {
                            after_ms: millis(deadline) as u64,
                        }
                    })??;
                let missing_required = missing(&token, &options.required_scopes);
                let (summary, access_token) = token.into_summary();
                Ok(TestOutcome {
                    report: TestReport {
                        token: summary,
                        probe,
                        owner_privileges,
                        missing_required,
                        warnings,
                        attempts,
                        total_ms: millis(started.elapsed()),
                    },
                    access_token,
                })
            })
            .await
    }

    /// The token coexistence check (FACTS.md: the only honest way to know an account's rule):
    /// token A, then token B, then an API call with A. A still accepted: tokens coexist; a `124`
    /// for A: this app still follows the one-token rule (and B is the one that now works).
    /// Costs two token requests and one API call; under the old rule it also invalidates the
    /// token a deployed service holds, which is why it only runs when asked.
    pub async fn check_coexistence(
        &self,
        raw: &RawCredentials,
        options: &TestOptions,
    ) -> Result<Coexistence, TestError> {
        let (creds, _, http) = self.ready_to_send(raw)?;
        let http = &http;
        let deadline = self.deadline(options);
        let work = async {
            let (first, _) = self.request_with_retry(http, &creds, options).await?;
            let (_second, _) = self.request_with_retry(http, &creds, options).await?;
            Ok::<_, TestError>(probe(http, &first.api_url, &first.access_token).await)
        };
        let outcome =
            tokio::time::timeout(deadline, work)
                .await
                .map_err(|_| TokenError::Timeout {
                    after_ms: millis(deadline) as u64,
                })??;
        Ok(match outcome {
            ProbeOutcome::Owner { .. } | ProbeOutcome::TokenValidScopeMissing { .. } => {
                Coexistence::Coexist
            }
            ProbeOutcome::TokenRejected { .. } => Coexistence::OneToken,
            ProbeOutcome::Inconclusive { message, .. } => Coexistence::Inconclusive { message },
            ProbeOutcome::Skipped => Coexistence::Inconclusive {
                message: "the API call was skipped".into(),
            },
        })
    }

    async fn request_with_retry(
        &self,
        http: &reqwest::Client,
        creds: &crate::Credentials,
        options: &TestOptions,
    ) -> Result<(IssuedToken, u32), TestError> {
        let mut retry = 0;
        loop {
            match request_token(http, &options.endpoint, creds, options.token_index).await {
                Ok(token) => return Ok((token, retry + 1)),
                Err(TokenError::Timeout { .. }) => {
                    return Err(TokenError::Timeout {
                        after_ms: millis(self.deadline(options)) as u64,
                    }
                    .into())
                }
                Err(error) => match self.retry.delay_before_retry(retry, &error) {
                    Some(wait) => {
                        tracing::info!(
                            kind = error.kind().as_str(),
                            wait_ms = millis(wait),
                            "token request failed; retrying"
                        );
                        self.sleeper.sleep(wait).await;
                        retry += 1;
                    }
                    None => return Err(error.into()),
                },
            }
        }
    }
}

/// Required scopes the token does not hold (exact names; Zoom's lists are alternatives elsewhere).
fn missing(token: &IssuedToken, required: &[ScopeName]) -> Vec<String> {
    required
        .iter()
        .map(|r| r.as_str().trim())
        .filter(|r| !r.is_empty() && !token.scopes.iter().any(|s| s.raw == *r))
        .map(String::from)
        .collect()
}

fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}
