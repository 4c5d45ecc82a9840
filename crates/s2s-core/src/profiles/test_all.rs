//! "Test all": many saved profiles tested at once, each account paced within its rate limits.
//!
//! A test makes, besides the token request, up to three API calls (FACTS.md "Rate limits": Zoom
//! counts calls per account and per Rate Limit Label): `GET /users/me`, then the owner's
//! privileges (`GET /users/me/permissions`, else `GET /roles/{roleId}`). Each account's tests
//! start no faster than the tightest of those labels' per-second budgets on its plan allows —
//! the plan the rate-limit planner remembered on one of its profiles, else Free, the lowest, so
//! an unknown plan is never overrun. Accounts run side by side. Results are recorded as they
//! arrive, whatever is ready at once in one write. A cancel stops tests not yet started; tests
//! already sent finish and are recorded.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::Serialize;
use zoom_catalog::limits::{budget, Label, Plan};

use super::service::{ProfileService, ServiceError};
use super::test_run::{TestResult, TestRun};
use super::{Profile, ProfileId, TestRecord};
use crate::tester::{FailureReport, TokenTester};

/// The API calls one test makes at most, besides the token request.
pub const CALLS_PER_TEST: [&str; 3] = [
    "GET /users/me",
    "GET /users/me/permissions",
    "GET /roles/{roleId}",
];

/// Tests in flight at once, across accounts: enough to keep every account at its pace, few
/// enough to leave the machine (and the window) responsive.
pub const MAX_IN_FLIGHT: usize = 32;

/// The share of an account's per-second budget a run uses: the rest is left to the account's
/// own integrations, and absorbs the jitter of requests that leave on time but arrive together.
pub const SHARE_OF_BUDGET: f64 = 0.9;

/// How fast an account's tests could start on `plan` at its full budget: the tightest label's
/// per-second budget over the calls of that label one test makes.
pub fn tests_per_second(plan: Plan) -> f64 {
    let catalog = zoom_catalog::catalog();
    let mut per_label: BTreeMap<Label, u32> = BTreeMap::new();
    for call in CALLS_PER_TEST {
        let label = zoom_catalog::query::find_operation(catalog, call)
            .ok()
            .and_then(|found| catalog.operation(found.index))
            .and_then(|op| op.rate_limit.as_deref())
            .and_then(Label::of)
            // An operation without a published label is counted as the strictest common one.
            .unwrap_or(Label::Medium);
        *per_label.entry(label).or_default() += 1;
    }
    per_label
        .into_iter()
        .map(|(label, calls)| budget(plan, label).per_second / f64::from(calls))
        .fold(f64::INFINITY, f64::min)
}

/// One account's pace in a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccountPace {
    /// The Account ID.
    pub account_id: String,
    /// How many of its profiles are tested.
    pub profiles: u32,
    /// The plan its pace follows.
    pub plan: Plan,
    /// No profile of the account names its plan: paced as Free.
    pub plan_assumed: bool,
    /// Tests started per second ([`SHARE_OF_BUDGET`] of what its budget allows).
    pub tests_per_second: f64,
}

/// What a run reports as it goes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TestAllEvent {
    /// The run is planned: how many tests, each account's pace, and how long those paces take.
    Started {
        /// Profiles to test.
        total: u32,
        /// Each account's pace.
        accounts: Vec<AccountPace>,
        /// The time the paces allow for the whole run (the slowest account's), milliseconds.
        paced_ms: u64,
    },
    /// One profile tested: its run in full, with the history entry as stored (drift included)
    /// and why it did not pass, if it did not.
    Tested {
        /// The profile.
        id: ProfileId,
        /// Its name.
        name: String,
        /// The run.
        run: Box<TestRun>,
    },
    /// The run is over.
    Finished {
        /// Profiles tested.
        tested: u32,
        /// Of which passed.
        passed: u32,
        /// Stopped before every profile was tested.
        cancelled: bool,
        /// How long it took, milliseconds.
        elapsed_ms: u64,
    },
}

/// One profile's place in the run: when it may start, after the run begins.
struct Slot {
    profile: Profile,
    at: Duration,
}

/// Each account's profiles (by cloud and Account ID, in the order given), and its pace.
fn paced(profiles: Vec<Profile>) -> (Vec<Slot>, Vec<AccountPace>) {
    let mut accounts: BTreeMap<(super::ProfileCloud, String), Vec<Profile>> = BTreeMap::new();
    let mut order = Vec::new();
    for p in profiles {
        let key = (p.cloud, p.account_id.trim().to_string());
        if !accounts.contains_key(&key) {
            order.push(key.clone());
        }
        accounts.entry(key).or_default().push(p);
    }
    let mut slots = Vec::new();
    let mut paces = Vec::new();
    for key in order {
        let group = accounts.remove(&key).unwrap_or_default();
        let known = group.iter().find_map(|p| p.settings.account_plan);
        let plan = known.unwrap_or(Plan::Free);
        let rate = tests_per_second(plan) * SHARE_OF_BUDGET;
        paces.push(AccountPace {
            account_id: key.1.clone(),
            profiles: u32::try_from(group.len()).unwrap_or(u32::MAX),
            plan,
            plan_assumed: known.is_none(),
            tests_per_second: rate,
        });
        for (i, profile) in group.into_iter().enumerate() {
            let at = Duration::from_secs_f64(i as f64 / rate);
            slots.push(Slot { profile, at });
        }
    }
    slots.sort_by_key(|s| s.at);
    (slots, paces)
}

/// The time `paces` take: the slowest account's last start.
pub fn paced_duration(paces: &[AccountPace]) -> Duration {
    paces
        .iter()
        .map(|p| {
            Duration::from_secs_f64(f64::from(p.profiles.saturating_sub(1)) / p.tests_per_second)
        })
        .max()
        .unwrap_or_default()
}

/// One "Test all" at a time, and its cancel (the app holds one; a second run is refused).
#[derive(Debug, Default)]
pub struct TestAllControl {
    running: AtomicBool,
    cancel: AtomicBool,
}

/// A run in progress; the next may start once it is dropped.
#[derive(Debug)]
pub struct TestAllRun<'a>(&'a TestAllControl);

impl TestAllControl {
    /// Starts a run, unless one is on.
    pub fn begin(&self) -> Result<TestAllRun<'_>, ServiceError> {
        if self.running.swap(true, Ordering::SeqCst) {
            return Err(ServiceError::TestAllRunning);
        }
        self.cancel.store(false, Ordering::SeqCst);
        Ok(TestAllRun(self))
    }

    /// Asks the run on to stop starting tests; false when none is on.
    pub fn cancel(&self) -> bool {
        let running = self.running.load(Ordering::SeqCst);
        if running {
            self.cancel.store(true, Ordering::SeqCst);
        }
        running
    }
}

impl TestAllRun<'_> {
    /// Set once the run is cancelled.
    pub fn cancelled(&self) -> &AtomicBool {
        &self.0.cancel
    }
}

impl Drop for TestAllRun<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl ProfileService {
    /// Tests the profiles `ids` (unknown ones skipped), each account at its pace, telling
    /// `on_event` as it goes; `cancel` stops tests not yet started. Recording errors stop the
    /// run (the file could not be written); a profile's own problem (no secret in the keychain)
    /// is its result.
    pub async fn test_all(
        &self,
        tester: &TokenTester,
        ids: &[ProfileId],
        cancel: &AtomicBool,
        mut on_event: impl FnMut(TestAllEvent),
    ) -> Result<(), ServiceError> {
        let started = Instant::now();
        // The file read once, not once per profile; in the order asked.
        let mut saved: BTreeMap<String, Profile> = self
            .list()
            .into_iter()
            .map(|p| (p.id.to_string(), p))
            .collect();
        let profiles: Vec<Profile> = ids
            .iter()
            .filter_map(|id| saved.remove(id.as_str()))
            .collect();
        let total = u32::try_from(profiles.len()).unwrap_or(u32::MAX);
        let (slots, accounts) = paced(profiles);
        on_event(TestAllEvent::Started {
            total,
            paced_ms: u64::try_from(paced_duration(&accounts).as_millis()).unwrap_or(u64::MAX),
            accounts,
        });
        let begin = tokio::time::Instant::now();
        let mut results = futures_util::stream::iter(slots)
            .map(|slot| async move {
                tokio::time::sleep_until(begin + slot.at).await;
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let run = self.run_unrecorded(tester, &slot.profile).await;
                Some((slot.profile, run))
            })
            .buffer_unordered(MAX_IN_FLIGHT)
            .ready_chunks(MAX_IN_FLIGHT);
        let (mut tested, mut passed) = (0u32, 0u32);
        while let Some(chunk) = results.next().await {
            let done: Vec<(Profile, TestResult, TestRecord)> = chunk
                .into_iter()
                .flatten()
                .map(|(profile, run)| (profile, run.result, run.record))
                .collect();
            if done.is_empty() {
                continue;
            }
            let batch = done
                .iter()
                .map(|(p, _, record)| (p.id.to_string(), record.clone()))
                .collect();
            let stored: BTreeMap<String, TestRecord> =
                self.record_tests(batch)?.into_iter().collect();
            for (profile, result, record) in done {
                let record = stored.get(profile.id.as_str()).cloned().unwrap_or(record);
                let run = TestRun::with_record(result, record);
                tested += 1;
                passed += u32::from(run.why_not_passed.is_none());
                on_event(TestAllEvent::Tested {
                    id: profile.id.clone(),
                    name: profile.name.clone(),
                    run: Box::new(run),
                });
            }
        }
        on_event(TestAllEvent::Finished {
            tested,
            passed,
            cancelled: tested < total,
            elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        });
        Ok(())
    }

    /// A saved profile's test with its own settings, not recorded yet; a problem of the
    /// profile itself (no secret in the keychain) is its failed result.
    async fn run_unrecorded(&self, tester: &TokenTester, profile: &Profile) -> TestRun {
        match self.test_options(profile, None) {
            Ok(options) => self.test_unrecorded(tester, profile, options).await,
            Err(e) => TestRun::failed(FailureReport::local(
                crate::ErrorKind::InvalidInput,
                e.to_string(),
                e.advice(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_run_at_a_time_and_a_cancel_reaches_only_a_run_that_is_on() {
        let control = TestAllControl::default();
        assert!(!control.cancel(), "nothing to cancel");
        let run = control.begin().expect("the first run starts");
        assert!(matches!(control.begin(), Err(ServiceError::TestAllRunning)));
        assert!(control.cancel());
        assert!(run.cancelled().load(Ordering::SeqCst));
        drop(run);
        let next = control.begin().expect("the next run starts");
        assert!(
            !next.cancelled().load(Ordering::SeqCst),
            "a new run starts uncancelled"
        );
    }

    #[test]
    fn a_test_is_paced_by_the_tightest_label_of_its_calls() {
        for plan in [Plan::Free, Plan::Pro, Plan::Business] {
            let rate = tests_per_second(plan);
            println!("{plan:?}: {rate}");
            assert!(rate > 0.0 && rate <= budget(plan, Label::Light).per_second);
        }
        assert!(tests_per_second(Plan::Free) < tests_per_second(Plan::Pro));
    }
}
