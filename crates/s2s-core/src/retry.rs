//! When a failed token request may be repeated, and how long to wait first.
//!
//! Only failures where Zoom certainly issued no token are retried: 429 with a `Retry-After` we
//! can honour within the budget, and 5xx with exponential backoff. Never timeouts (a token may
//! have been issued, and a second one could invalidate it). Waiting goes through [`Sleeper`] so
//! tests control time instead of sleeping.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::TokenError;

/// Waits. Production uses tokio's timer; tests record the requested waits.
pub trait Sleeper: Send + Sync {
    /// Completes after `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests: returns at once and remembers every wait asked of it.
#[derive(Debug, Default, Clone)]
pub struct RecordingSleeper(Arc<Mutex<Vec<Duration>>>);

impl RecordingSleeper {
    /// The waits requested so far, in order.
    pub fn waits(&self) -> Vec<Duration> {
        self.0.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        if let Ok(mut waits) = self.0.lock() {
            waits.push(duration);
        }
        Box::pin(std::future::ready(()))
    }
}

/// How many times, and after how long, a failed token request is repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff after a 5xx; doubled each time.
    pub base_backoff: Duration,
    /// The longest `Retry-After` we honour; longer waits are reported instead.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// How long to wait before retry number `retry` (0-based) after `error`, or `None` to stop.
    pub fn delay_before_retry(&self, retry: u32, error: &TokenError) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        match error {
            TokenError::RateLimited {
                retry_after: Some(wait),
                ..
            } if *wait <= self.max_wait => Some(*wait),
            TokenError::ServerError { .. } => {
                Some(self.base_backoff.saturating_mul(1 << retry.min(16)))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ZoomBody;

    fn server_error() -> TokenError {
        TokenError::ServerError {
            status: 503,
            body: String::new(),
        }
    }

    fn rate_limited(secs: Option<u64>) -> TokenError {
        TokenError::RateLimited {
            status: 429,
            zoom: ZoomBody::default(),
            retry_after: secs.map(Duration::from_secs),
            rate_limit: Box::default(),
        }
    }

    #[test]
    fn server_errors_back_off_exponentially_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay_before_retry(0, &server_error()),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            p.delay_before_retry(1, &server_error()),
            Some(Duration::from_millis(1000))
        );
        assert_eq!(p.delay_before_retry(2, &server_error()), None);
    }

    #[test]
    fn rate_limits_are_retried_only_with_a_retry_after_we_can_honour() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay_before_retry(0, &rate_limited(Some(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(p.delay_before_retry(0, &rate_limited(Some(600))), None);
        assert_eq!(p.delay_before_retry(0, &rate_limited(None)), None);
    }

    #[test]
    fn timeouts_and_credential_errors_are_never_retried() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay_before_retry(0, &TokenError::Timeout { after_ms: 20_000 }),
            None
        );
        assert_eq!(
            p.delay_before_retry(
                0,
                &TokenError::InvalidClient {
                    status: 400,
                    zoom: ZoomBody::default()
                }
            ),
            None
        );
    }
}
