//! One request per check, sent as Zoom sends it, and its verdict: pass or fail, what Zoom
//! would do about it, and the fix.

use std::time::{Duration, Instant};

use base64::Engine;
use serde::Serialize;
use url::Url;
use zoom_webhook::{signature, url_validation};

use crate::error::{NetworkCause, TokenError};

use super::{ANSWER_CAP, ZOOM_DEADLINE};

/// The four checks, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    /// The `endpoint.url_validation` challenge.
    UrlValidation,
    /// A correctly signed sample event.
    SignedEvent,
    /// The same event under a signature made with another key: must be refused.
    ForgedSignature,
    /// The same event signed correctly 30 minutes ago: must be refused.
    ReplayedEvent,
}

/// Whose fault a failed check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// No answer in time: unreachable, TLS, dropped, or slower than Zoom waits.
    Network,
    /// An answer Zoom would not accept, or a forged or replayed event accepted.
    Receiver,
}

/// One check's outcome.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Check {
    pub name: CheckName,
    pub ok: bool,
    /// The HTTP status the receiver answered with.
    pub status: Option<u16>,
    /// From sending to the last byte of the answer.
    pub latency_ms: Option<u64>,
    pub message: String,
    /// What Zoom would do in production, when the check failed.
    pub zoom_would: Option<String>,
    /// What to change in the receiver.
    pub fix: Option<String>,
    pub fault: Option<Fault>,
    /// Nothing answered at all: the later checks would only wait for the same timeout.
    #[serde(skip)]
    pub(super) unreachable: bool,
}

/// How long a replayed event's signature is older than its sending.
const REPLAY_AGE_SECS: i64 = 30 * 60;

const ZOOM_RETRIES: &str =
    "Zoom retries 5, 20 and 60 minutes after the first attempt, then stops sending this event.";
const ZOOM_VALIDATION: &str = "Zoom will not save the endpoint (Validate fails), and stops sending events to an endpoint that fails its periodic re-validation.";
const ANYONE_CAN: &str =
    "Zoom never sends this, but anyone who learns the URL can, and the receiver would act on it.";

impl Check {
    pub(super) fn not_run(name: CheckName) -> Self {
        Self {
            name,
            ok: false,
            status: None,
            latency_ms: None,
            message: "not run: the receiver could not be reached".into(),
            zoom_would: None,
            fix: None,
            fault: None,
            unreachable: false,
        }
    }

    fn pass(name: CheckName, answer: &Answer, message: String) -> Self {
        Self {
            name,
            ok: true,
            status: Some(answer.status),
            latency_ms: Some(answer.latency_ms()),
            message,
            zoom_would: None,
            fix: None,
            fault: None,
            unreachable: false,
        }
    }

    fn fail(name: CheckName, answer: &Answer, fault: Fault, message: String, fix: &str) -> Self {
        Self {
            name,
            ok: false,
            status: Some(answer.status),
            latency_ms: Some(answer.latency_ms()),
            message,
            zoom_would: Some(zoom_would(name).into()),
            fix: Some(fix.into()),
            fault: Some(fault),
            unreachable: false,
        }
    }
}

fn zoom_would(name: CheckName) -> &'static str {
    match name {
        CheckName::UrlValidation => ZOOM_VALIDATION,
        CheckName::SignedEvent => ZOOM_RETRIES,
        CheckName::ForgedSignature | CheckName::ReplayedEvent => ANYONE_CAN,
    }
}

/// What came back.
struct Answer {
    status: u16,
    latency: Duration,
    body: String,
    location: Option<String>,
    too_large: bool,
}

impl Answer {
    fn latency_ms(&self) -> u64 {
        u64::try_from(self.latency.as_millis()).unwrap_or(u64::MAX)
    }

    /// Not a verdict on the content: what Zoom itself would not wait for or follow.
    fn refused_before_reading(&self, name: CheckName) -> Option<Check> {
        if let Some(location) = &self.location {
            return Some(Check::fail(
                name,
                self,
                Fault::Receiver,
                format!(
                    "redirected (HTTP {}) to {location}; Zoom does not follow redirects",
                    self.status
                ),
                "Register the final URL in the Marketplace, or answer at this one.",
            ));
        }
        if self.too_large {
            return Some(Check::fail(
                name,
                self,
                Fault::Receiver,
                format!(
                    "answered HTTP {} with more than {} KiB",
                    self.status,
                    ANSWER_CAP / 1024
                ),
                "Answer with a short JSON body (or none): Zoom reads nothing else.",
            ));
        }
        None
    }

    fn slower_than_zoom_waits(&self, name: CheckName) -> Option<Check> {
        (self.latency > ZOOM_DEADLINE).then(|| {
            Check::fail(
                name,
                self,
                Fault::Network,
                format!(
                    "answered HTTP {} after {:.1} s; Zoom gives up after {} s",
                    self.status,
                    self.latency.as_secs_f64(),
                    ZOOM_DEADLINE.as_secs()
                ),
                "Answer first, then do the work: acknowledge with 200/204 and process the event in the background.",
            )
        })
    }
}

/// Sends requests as Zoom's webhook sender does.
pub(super) struct Sender<'a> {
    pub client: &'a reqwest::Client,
    pub url: &'a Url,
    pub secret_token: &'a str,
    pub timeout: Duration,
}

impl Sender<'_> {
    /// The challenge, and whether the answer proves the receiver holds the Secret Token.
    pub async fn url_validation(&self) -> Check {
        let name = CheckName::UrlValidation;
        let plain_token = random_token();
        let now = crate::clock::now_unix();
        let body = url_validation::challenge(&plain_token, now * 1000).to_string();
        let answer = match self.post(body.as_bytes(), now, None).await {
            Ok(answer) => answer,
            Err(failed) => return failed.check(name, self),
        };
        if let Some(refused) = answer.refused_before_reading(name) {
            return refused;
        }
        let verdict = judge_validation(&answer, self.secret_token, &plain_token);
        match verdict {
            Ok(()) => answer.slower_than_zoom_waits(name).unwrap_or_else(|| {
                Check::pass(
                    name,
                    &answer,
                    format!(
                        "answered 200 with the right encryptedToken in {} ms",
                        answer.latency_ms()
                    ),
                )
            }),
            Err((message, fix)) => Check::fail(name, &answer, Fault::Receiver, message, fix),
        }
    }

    /// A signed, forged or replayed copy of `event`.
    pub async fn event(&self, name: CheckName, event: &serde_json::Value) -> Check {
        let body = event.to_string();
        let now = crate::clock::now_unix();
        let (timestamp, key) = match name {
            CheckName::ReplayedEvent => (now - REPLAY_AGE_SECS, None),
            CheckName::ForgedSignature => (now, Some(random_token())),
            CheckName::SignedEvent | CheckName::UrlValidation => (now, None),
        };
        let answer = match self.post(body.as_bytes(), timestamp, key.as_deref()).await {
            Ok(answer) => answer,
            Err(failed) => return failed.check(name, self),
        };
        if let Some(refused) = answer.refused_before_reading(name) {
            return refused;
        }
        if name == CheckName::SignedEvent {
            return judge_delivery(&answer);
        }
        judge_refusal(name, &answer)
    }

    /// POSTs `body` signed at `timestamp` with the Secret Token, or with `forged_key`.
    async fn post(
        &self,
        body: &[u8],
        timestamp: i64,
        forged_key: Option<&str>,
    ) -> Result<Answer, Unanswered> {
        let key = forged_key.unwrap_or(self.secret_token);
        let request = self
            .client
            .post(self.url.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .header(reqwest::header::USER_AGENT, zoom_webhook::USER_AGENT)
            .header(zoom_webhook::TIMESTAMP_HEADER, timestamp.to_string())
            .header(
                zoom_webhook::SIGNATURE_HEADER,
                signature::sign(key, timestamp, body),
            )
            .body(body.to_vec());
        let started = Instant::now();
        let read = async {
            let response = request.send().await.map_err(TokenError::from_reqwest)?;
            let location = response.status().is_redirection().then(|| {
                response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or("(no Location header)")
                    .to_owned()
            });
            let status = response.status().as_u16();
            match crate::http::read_at_most(response, ANSWER_CAP).await {
                Ok(parts) => Ok((status, location, parts.body, false)),
                Err(TokenError::UnexpectedBody { .. }) => {
                    Ok((status, location, String::new(), true))
                }
                Err(e) => Err(e),
            }
        };
        match tokio::time::timeout(self.timeout, read).await {
            Err(_) | Ok(Err(TokenError::Timeout { .. })) => Err(Unanswered::Timeout),
            Ok(Err(TokenError::Network { cause, detail })) => {
                Err(Unanswered::Network { cause, detail })
            }
            Ok(Err(other)) => Err(Unanswered::Network {
                cause: NetworkCause::Other,
                detail: other.to_string(),
            }),
            Ok(Ok((status, location, body, too_large))) => Ok(Answer {
                status,
                latency: started.elapsed(),
                body,
                location,
                too_large,
            }),
        }
    }
}

/// No answer to judge.
enum Unanswered {
    Timeout,
    Network { cause: NetworkCause, detail: String },
}

impl Unanswered {
    fn check(self, name: CheckName, sender: &Sender<'_>) -> Check {
        let host = sender.url.host_str().unwrap_or("the host");
        let port = sender.url.port_or_known_default().unwrap_or(443);
        let (message, fix, unreachable) = match self {
            Unanswered::Timeout => (
                format!("no answer within {} s", sender.timeout.as_secs_f64()),
                "Answer every POST within 3 seconds: acknowledge first, then process the event in the background.".to_owned(),
                true,
            ),
            Unanswered::Network { cause: NetworkCause::Connect, .. } => (
                format!("nothing accepted the connection at {host}:{port}"),
                "Start the receiver, and check the host, port and any firewall in between.".to_owned(),
                true,
            ),
            Unanswered::Network { cause: NetworkCause::Dns, .. } => (
                format!("the host name {host} does not resolve"),
                "Check the host name, or that this machine's DNS can see it.".to_owned(),
                true,
            ),
            Unanswered::Network { cause: NetworkCause::Tls, detail } => (
                format!("the TLS handshake with {host} failed: {detail}"),
                format!("Zoom needs a certificate from a public CA, valid for {host}, and TLS 1.2 or later. A proxy that intercepts TLS shows up here too."),
                true,
            ),
            Unanswered::Network { cause: NetworkCause::Dropped, detail } => (
                format!("the connection closed before a whole answer arrived: {detail}"),
                "Answer every POST with a status (the receiver may have crashed on this request: check its log).".to_owned(),
                false,
            ),
            Unanswered::Network { cause: NetworkCause::Other, detail } => (
                format!("the request failed: {detail}"),
                "Check the URL, the network and the proxy settings, then retry.".to_owned(),
                true,
            ),
        };
        Check {
            name,
            ok: false,
            status: None,
            latency_ms: None,
            message,
            zoom_would: Some(zoom_would(name).into()),
            fix: Some(fix),
            fault: Some(Fault::Network),
            unreachable,
        }
    }
}

fn judge_validation(
    answer: &Answer,
    secret_token: &str,
    plain_token: &str,
) -> Result<(), (String, &'static str)> {
    const ANSWER_HOW: &str = "Handle the event endpoint.url_validation: answer 200 with JSON {\"plainToken\": <the one sent>, \"encryptedToken\": hex(HMAC-SHA256(Secret Token, plainToken))}.";
    match answer.status {
        200 => {}
        401 | 403 => return Err((
            format!("refused the challenge (HTTP {}), although it was signed with the Secret Token", answer.status),
            "Check that the receiver holds this app's Secret Token, and computes the signature over the raw request body.",
        )),
        status => return Err((format!("answered HTTP {status}; Zoom needs 200 with the tokens"), ANSWER_HOW)),
    }
    let json: serde_json::Value = serde_json::from_str(&answer.body).map_err(|_| {
        (
            format!("answered 200, but not with JSON: {}", preview(&answer.body)),
            ANSWER_HOW,
        )
    })?;
    if json.get("plainToken").and_then(|t| t.as_str()) != Some(plain_token) {
        return Err((
            "the answer's plainToken is missing or not the one sent".into(),
            ANSWER_HOW,
        ));
    }
    let Some(encrypted) = json.get("encryptedToken").and_then(|t| t.as_str()) else {
        return Err(("the answer has no encryptedToken".into(), ANSWER_HOW));
    };
    if !encrypted.eq_ignore_ascii_case(&url_validation::encrypted_token(secret_token, plain_token))
    {
        return Err((
            "the encryptedToken is not HMAC-SHA256(Secret Token, plainToken): the receiver holds another Secret Token, or hashes something else".into(),
            "Key the HMAC-SHA256 with this app's Secret Token (the Feature page), hash exactly the plainToken, and hex-encode it.",
        ));
    }
    Ok(())
}

fn judge_delivery(answer: &Answer) -> Check {
    let name = CheckName::SignedEvent;
    match answer.status {
        200 | 204 => answer.slower_than_zoom_waits(name).unwrap_or_else(|| {
            Check::pass(
                name,
                answer,
                format!("accepted with HTTP {} in {} ms", answer.status, answer.latency_ms()),
            )
        }),
        401 | 403 => Check::fail(
            name,
            answer,
            Fault::Receiver,
            format!("refused a correctly signed event (HTTP {})", answer.status),
            "Check that the receiver holds this app's Secret Token and signs \"v0:{x-zm-request-timestamp}:{raw body}\" (the raw bytes, not re-serialized JSON).",
        ),
        status => Check::fail(
            name,
            answer,
            Fault::Receiver,
            format!("answered HTTP {status}; Zoom counts only 200 and 204 as delivered"),
            "Answer 200 or 204 once the signature checks out.",
        ),
    }
}

fn judge_refusal(name: CheckName, answer: &Answer) -> Check {
    let what = if name == CheckName::ReplayedEvent {
        "a replayed event (signed 30 minutes ago)"
    } else {
        "an event with a forged signature"
    };
    let fix = if name == CheckName::ReplayedEvent {
        "Refuse events whose x-zm-request-timestamp is more than 5 minutes from now (answer 401)."
    } else {
        "Compute v0=hex(HMAC-SHA256(Secret Token, \"v0:{x-zm-request-timestamp}:{raw body}\")), compare it with x-zm-signature in constant time, and answer 401 when they differ."
    };
    match answer.status {
        400..=499 => Check::pass(
            name,
            answer,
            format!("refused {what} with HTTP {}", answer.status),
        ),
        status @ 500..=599 => Check::fail(
            name,
            answer,
            Fault::Receiver,
            format!("answered {what} with HTTP {status}: an error, not a refusal"),
            fix,
        ),
        status => Check::fail(
            name,
            answer,
            Fault::Receiver,
            format!("accepted {what} (HTTP {status})"),
            fix,
        ),
    }
}

/// A random, URL-safe token in the shape of Zoom's plainToken (22 characters).
fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
}

fn preview(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        short.push('…');
    }
    if short.is_empty() {
        "(an empty body)".into()
    } else {
        format!("\"{short}\"")
    }
}

/// Every verdict on a receiver's answer `status`, `body` and redirect `location` (fuzz targets).
#[cfg(fuzzing)]
pub(crate) fn judge_any(status: u16, body: &str, location: Option<&str>) -> Vec<Check> {
    let answer = Answer {
        status,
        latency: Duration::from_millis(5),
        body: body.to_string(),
        location: location.map(String::from),
        too_large: body.len() > ANSWER_CAP,
    };
    let mut checks = vec![judge_delivery(&answer)];
    for name in [CheckName::ForgedSignature, CheckName::ReplayedEvent] {
        checks.push(judge_refusal(name, &answer));
    }
    if let Some(refused) = answer.refused_before_reading(CheckName::UrlValidation) {
        checks.push(refused);
    }
    if let Err((message, _)) = judge_validation(&answer, "fuzzSecretToken", "plain") {
        assert!(!message.is_empty());
    }
    checks
}
