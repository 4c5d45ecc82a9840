//! The one HTTP client configuration, and reading a response without trusting its size.
//!
//! Redirects are never followed: a redirect would re-send the Authorization header somewhere the
//! admin did not choose.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::token::{NetworkCause, TokenError};

/// Largest body we read; Zoom's token and probe answers are a few hundred bytes.
const BODY_CAP: usize = 256 * 1024;

/// Builds the shared client. Cheap to clone; one per process. There is no per-request timeout
/// here: the caller's deadline (`TokenTester`'s, for the whole test) bounds every request, and a
/// second timer per request would only cost time.
pub fn client(connect_timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("S2S-Desk/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .build()
        .unwrap_or_default()
}

/// A whole response, read.
pub(crate) struct ResponseParts {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

/// Headers arrived, then the connection broke: always a drop, whatever reqwest calls it.
fn dropped_mid_body(e: reqwest::Error) -> TokenError {
    match TokenError::from_reqwest(e) {
        TokenError::Network { detail, .. } => TokenError::Network {
            cause: NetworkCause::Dropped,
            detail,
        },
        other => other,
    }
}

/// Reads status, headers and at most [`BODY_CAP`] bytes of body.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
) -> Result<ResponseParts, TokenError> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(dropped_mid_body)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > BODY_CAP {
            return Err(TokenError::UnexpectedBody {
                status,
                detail: format!("the answer is larger than {} KiB", BODY_CAP / 1024),
                body: String::new(),
            });
        }
    }
    Ok(ResponseParts {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    })
}
