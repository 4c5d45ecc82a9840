//! Zoom's usage figures for the account of a saved profile, with a fresh token of its app (not
//! a test, so nothing is recorded).

use super::service::{ProfileService, ServiceError};
use crate::app_usage::{for_token, UsageOutcome};
use crate::tester::TokenTester;

impl ProfileService {
    /// Zoom's usage figures for every app of profile `id`'s account, judged as of `now_unix`
    /// (unused after `unused_after_days`), each matched to its saved profile.
    pub async fn app_usage(
        &self,
        tester: &TokenTester,
        id: &str,
        now_unix: i64,
        unused_after_days: u32,
    ) -> Result<UsageOutcome, ServiceError> {
        Ok(match self.fresh_token(tester, id).await? {
            Ok(token) => for_token(tester, &token, &self.list(), now_unix, unused_after_days).await,
            Err(failure) => UsageOutcome::Failed { failure },
        })
    }
}
