//! The rotation assistant, against the simulator over loopback: the manual path (a new secret
//! tested before anything is stored), the API path (Zoom's `rotate_client_secret`), and a crash
//! or keychain refusal between any two steps, resumed by a fresh service over the same file and
//! keychain.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use s2s_core::keychain::{MemoryStore, SecretStore, SecretStoreError};
use s2s_core::marketplace::RevokeOld;
use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::rotation::{
    ApiUnavailable, RotationError, RotationStage, RotationStep, RotationVia,
};
use s2s_core::profiles::service::ProfileService;
use s2s_core::{ErrorKind, Secret};
use zoom_sim::SimHandle;

use crate::support::{reporting_draft, sim, tester, REPORTING};

const NEW_SECRET: &str = "regeneratedSecretReportingBot001";
const APP_ID: &str = "SbxAppReportingBot0001";
const HOUR: i64 = 3600;

/// A keychain in memory that can be made unavailable, or refuse its n-th write from now.
#[derive(Default)]
struct FlakyStore {
    inner: MemoryStore,
    unavailable: std::sync::atomic::AtomicBool,
    writes_before_refusal: AtomicUsize,
}

impl FlakyStore {
    fn refuse_write_after(&self, writes: usize) {
        self.writes_before_refusal
            .store(writes + 1, Ordering::SeqCst);
    }

    fn write(&self) -> Result<(), SecretStoreError> {
        let left = self.writes_before_refusal.load(Ordering::SeqCst);
        if self.unavailable.load(Ordering::SeqCst) || left == 1 {
            self.writes_before_refusal.store(0, Ordering::SeqCst);
            return Err(SecretStoreError::Unavailable(
                "test: the keyring went away".into(),
            ));
        }
        if left > 1 {
            self.writes_before_refusal.store(left - 1, Ordering::SeqCst);
        }
        Ok(())
    }
}

impl SecretStore for FlakyStore {
    fn set(&self, id: &str, secret: &Secret) -> Result<(), SecretStoreError> {
        self.write()?;
        self.inner.set(id, secret)
    }
    fn get(&self, id: &str) -> Result<Option<Secret>, SecretStoreError> {
        self.inner.get(id)
    }
    fn delete(&self, id: &str) -> Result<(), SecretStoreError> {
        self.write()?;
        self.inner.delete(id)
    }
    fn describe(&self) -> String {
        "flaky memory".into()
    }
    fn status(&self) -> Result<(), SecretStoreError> {
        match self.unavailable.load(Ordering::SeqCst) {
            true => Err(SecretStoreError::Unavailable("test: no keyring".into())),
            false => Ok(()),
        }
    }
}

/// A profiles folder and keychain that outlive the service, as they outlive a crashed app.
struct Machine {
    dir: tempfile::TempDir,
    keychain: Arc<FlakyStore>,
    id: String,
}

impl Machine {
    fn with_reporting_bot() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let keychain = Arc::new(FlakyStore::default());
        let service =
            ProfileService::open(ProfileFile::in_dir(dir.path()), keychain.clone()).expect("opens");
        let id = service
            .save(
                None,
                reporting_draft("Reporting"),
                Some(&Secret::new(REPORTING.1)),
            )
            .expect("saved")
            .id
            .to_string();
        Self { dir, keychain, id }
    }

    /// A service as a freshly started app or CLI opens it.
    fn open(&self) -> ProfileService {
        ProfileService::open(ProfileFile::in_dir(self.dir.path()), self.keychain.clone())
            .expect("opens")
    }

    fn entry(&self, suffix: &str) -> Option<String> {
        let key = match suffix {
            "" => self.id.clone(),
            s => format!("{}:{s}", self.id),
        };
        self.keychain
            .get(&key)
            .expect("readable")
            .map(|s| s.expose().to_owned())
    }

    fn file(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("profiles.json")).expect("file")
    }
}

/// The admin pressed "Regenerate" in the Marketplace: the app now takes `NEW_SECRET`.
fn regenerate(sim: &SimHandle) {
    crate::support::edit_app(sim, REPORTING.0, |app| {
        app.client_secret = NEW_SECRET.into();
    });
}

/// The Reporting Bot may rotate its own secret through the API.
fn allow_api_rotation(sim: &SimHandle) {
    crate::support::edit_app(sim, REPORTING.0, |app| {
        app.scopes.push("marketplace:update:client_secret".into());
    });
}

fn accepted(sim: &SimHandle, secret: &str) -> bool {
    sim.world().secret_accepted(REPORTING.0, secret)
}

const SWITCH_STEPS: [RotationStep; 6] = [
    RotationStep::StoredNew,
    RotationStep::TestedNew,
    RotationStep::KeptPrevious,
    RotationStep::PromotedNew,
    RotationStep::RecordedSwitch,
    RotationStep::ForgotStaged,
];

#[tokio::test]
async fn manual_rotation_tests_then_swaps_the_secret_and_keeps_the_old_one_until_finished() {
    let sim = sim().await;
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    let (tester, _) = tester();
    let url = sim.base_url();
    regenerate(&sim);
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator
        .begin_manual(&Secret::new(format!("{NEW_SECRET}\n")), None)
        .await
        .expect("the new secret gets a token");
    let mut steps = Vec::new();
    while let Some(step) = rotator.step().await.expect("step") {
        steps.push(step);
    }
    assert_eq!(steps, SWITCH_STEPS, "one change per step, in this order");
    assert_eq!(
        machine.entry("").as_deref(),
        Some(NEW_SECRET),
        "trimmed, swapped in"
    );
    assert_eq!(
        machine.entry("rotation-previous").as_deref(),
        Some(REPORTING.1)
    );
    assert_eq!(machine.entry("rotation-new"), None);
    let status = service.rotation_status(&machine.id).expect("status");
    let rotation = status.rotation.clone().expect("in progress");
    assert_eq!(
        (rotation.stage, rotation.via),
        (RotationStage::Switched, RotationVia::Manual)
    );
    assert_eq!(
        status.summary,
        "rotation in progress: new secret tested and in use, old one still kept until you finish the rotation"
    );
    let profile = service.get(&machine.id).expect("profile");
    assert!(
        profile.secret_saved_unix >= rotation.tested_unix,
        "the secret's age restarts"
    );
    assert!(!machine.file().contains(NEW_SECRET) && !machine.file().contains(REPORTING.1));

    rotator.finish(false).await.expect("finish");
    let status = rotator.run().await.expect("finished");
    assert!(
        status.rotation.is_none() && !status.previous_kept,
        "{status:?}"
    );
    assert_eq!(
        machine.entry("rotation-previous"),
        None,
        "the old secret is gone"
    );
    assert_eq!(status.summary, "no rotation in progress");
}

#[tokio::test]
async fn a_new_secret_zoom_rejects_is_never_stored_and_nothing_changes() {
    let sim = sim().await;
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    let (tester, _) = tester();
    let url = sim.base_url();
    let before = machine.file();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    let refused = rotator
        .begin_manual(&Secret::new("notTheSecretZoomIssued0000000000"), None)
        .await
        .expect_err("Zoom says invalid_client");
    assert!(
        matches!(refused, RotationError::NewSecretRejected(_)),
        "{refused:?}"
    );
    assert_eq!(refused.kind(), ErrorKind::InvalidClient, "the CLI exits 3");
    assert!(
        refused.advice().starts_with("Nothing was stored"),
        "{}",
        refused.advice()
    );
    assert_eq!(machine.file(), before, "the profile is untouched");
    assert_eq!(machine.entry("").as_deref(), Some(REPORTING.1));
    assert_eq!(
        machine.keychain.inner.len(),
        1,
        "no staged or previous entry"
    );
    assert!(rotator.step().await.expect("nothing to do").is_none());

    let same = rotator
        .begin_manual(&Secret::new(REPORTING.1), None)
        .await
        .expect_err("same secret");
    assert!(matches!(same, RotationError::SameSecret), "{same:?}");
}

#[tokio::test]
async fn a_crash_between_any_two_steps_is_resumed_by_the_next_start() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    for crash_after in 0..=SWITCH_STEPS.len() {
        let machine = Machine::with_reporting_bot();
        {
            let service = machine.open();
            service.use_sandbox(&url);
            let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
            rotator
                .begin_manual(&Secret::new(NEW_SECRET), None)
                .await
                .expect("begins");
            for _ in 0..crash_after {
                rotator.step().await.expect("step");
            }
            // The process dies here: the rotator's memory is lost, the file and keychain stay.
        }
        let service = machine.open();
        service.use_sandbox(&url);
        let resumed = service
            .rotator(&tester, &machine.id)
            .expect("rotator")
            .run()
            .await;
        if crash_after == 0 {
            // The new secret was only in memory: the rotation is dropped, nothing changed.
            let e = resumed.expect_err("abandoned");
            assert!(matches!(e, RotationError::Abandoned { .. }), "{e:?}");
            assert!(
                e.advice().contains("Paste the new secret again"),
                "{}",
                e.advice()
            );
            assert_eq!(machine.entry("").as_deref(), Some(REPORTING.1));
            assert!(service
                .get(&machine.id)
                .expect("profile")
                .rotation
                .is_none());
            continue;
        }
        let status = resumed.unwrap_or_else(|e| panic!("resume after step {crash_after}: {e}"));
        assert_eq!(
            status.rotation.map(|r| r.stage),
            Some(RotationStage::Switched),
            "after step {crash_after}"
        );
        assert_eq!(
            machine.entry("").as_deref(),
            Some(NEW_SECRET),
            "after step {crash_after}"
        );
        assert_eq!(
            machine.entry("rotation-previous").as_deref(),
            Some(REPORTING.1),
            "after step {crash_after}"
        );
        assert_eq!(
            machine.entry("rotation-new"),
            None,
            "after step {crash_after}"
        );
    }
}

#[tokio::test]
async fn a_keychain_refusal_at_any_step_leaves_a_state_the_next_run_completes() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    // Writes: store new, keep previous, promote new, forget staged; then forget previous.
    for refused_write in 0..5 {
        let machine = Machine::with_reporting_bot();
        let service = machine.open();
        service.use_sandbox(&url);
        let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
        rotator
            .begin_manual(&Secret::new(NEW_SECRET), None)
            .await
            .expect("begins");
        machine.keychain.refuse_write_after(refused_write);
        let first = async {
            rotator.run().await?;
            rotator.finish(false).await?;
            rotator.run().await
        }
        .await;
        let e = first.expect_err("one write refused");
        let keychain_advice = SecretStoreError::Unavailable(String::new()).advice();
        assert!(
            matches!(e, RotationError::Service(_)) && e.advice() == keychain_advice,
            "write {refused_write}: {e:?}"
        );
        // The keyring is back: the same calls finish the job.
        let status = async {
            let status = rotator.run().await?;
            if status.rotation.is_some() {
                rotator.finish(false).await?;
            }
            rotator.run().await
        }
        .await
        .unwrap_or_else(|e| panic!("after refused write {refused_write}: {e}"));
        assert!(
            status.rotation.is_none(),
            "write {refused_write}: {status:?}"
        );
        assert_eq!(machine.entry("").as_deref(), Some(NEW_SECRET));
        assert_eq!(
            machine.keychain.inner.len(),
            1,
            "write {refused_write}: only the secret"
        );
    }
}

#[tokio::test]
async fn an_unavailable_keychain_aborts_before_any_change() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    let before = machine.file();
    machine.keychain.unavailable.store(true, Ordering::SeqCst);
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    let e = rotator
        .begin_manual(&Secret::new(NEW_SECRET), None)
        .await
        .expect_err("no keychain");
    assert!(matches!(e, RotationError::Service(_)), "{e:?}");
    let e = rotator
        .begin_api(Some(APP_ID), None)
        .await
        .expect_err("no keychain");
    assert!(matches!(e, RotationError::Service(_)), "{e:?}");
    assert_eq!(machine.file(), before);
    assert_eq!(
        sim.world().stats().token_requests.get(REPORTING.0),
        None,
        "nothing sent"
    );
}

#[tokio::test]
async fn the_previous_secret_is_forgotten_by_itself_once_its_time_passes() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    let now = s2s_core::clock::now_unix();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    let past = rotator
        .begin_manual(&Secret::new(NEW_SECRET), Some(now - 1))
        .await;
    assert!(
        matches!(past, Err(RotationError::BadRevokeTime(_))),
        "{past:?}"
    );
    rotator
        .begin_manual(&Secret::new(NEW_SECRET), Some(now + HOUR))
        .await
        .expect("begins");
    let status = rotator.run().await.expect("switched");
    assert!(
        status.summary.contains("old one still kept until "),
        "{}",
        status.summary
    );
    service.use_sandbox(&url);
    let later = service
        .rotator(&tester, &machine.id)
        .expect("rotator")
        .with_clock(move || now + 2 * HOUR)
        .run()
        .await
        .expect("settled");
    assert!(
        later.rotation.is_none() && !later.previous_kept,
        "{later:?}"
    );
}

#[tokio::test]
async fn a_manual_rotation_is_cancelled_only_when_that_loses_no_working_secret() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator
        .begin_manual(&Secret::new(NEW_SECRET), None)
        .await
        .expect("begins");
    assert_eq!(
        rotator.step().await.expect("stored"),
        Some(RotationStep::StoredNew)
    );
    let again = rotator.begin_manual(&Secret::new(NEW_SECRET), None).await;
    assert!(
        matches!(again, Err(RotationError::InProgress(_))),
        "{again:?}"
    );
    // The Marketplace replaced the old secret: the staged one is the only one Zoom takes.
    let refused = rotator
        .cancel()
        .await
        .expect_err("would lose the working secret");
    assert!(
        matches!(&refused, RotationError::CannotCancel { reason, .. } if reason.contains("only secret")),
        "{refused:?}"
    );
    assert_eq!(
        machine.entry("rotation-new").as_deref(),
        Some(NEW_SECRET),
        "kept"
    );
    // Once Zoom takes the current secret again, cancelling loses nothing.
    crate::support::edit_app(&sim, REPORTING.0, |app| {
        app.client_secret = REPORTING.1.into();
    });
    rotator.cancel().await.expect("cancelled");
    assert_eq!(machine.entry("").as_deref(), Some(REPORTING.1));
    assert_eq!(machine.keychain.inner.len(), 1);
    assert!(service
        .get(&machine.id)
        .expect("profile")
        .rotation
        .is_none());
}

#[tokio::test]
async fn api_rotation_keeps_both_secrets_working_until_the_revoke_time_then_finishes_early() {
    let sim = sim().await;
    allow_api_rotation(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator
        .begin_api(Some(APP_ID), None)
        .await
        .expect("Zoom issues a new secret");
    let status = rotator.run().await.expect("switched");
    let rotation = status.rotation.expect("in progress");
    assert_eq!(
        rotation.via,
        RotationVia::Api {
            app_id: APP_ID.into()
        }
    );
    let until = rotation
        .keep_previous_until_unix
        .expect("Zoom's revoke time");
    let in_a_day = s2s_core::clock::now_unix() + 24 * HOUR;
    assert!(
        (until - in_a_day).abs() < 60,
        "24 h by default: {until} vs {in_a_day}"
    );
    assert!(
        status.summary.ends_with("(Zoom revokes it then)"),
        "{}",
        status.summary
    );
    assert_eq!(status.app_id.as_deref(), Some(APP_ID), "remembered");
    let new_secret = machine.entry("").expect("stored");
    assert_ne!(new_secret, REPORTING.1);
    assert!(
        accepted(&sim, &new_secret) && accepted(&sim, REPORTING.1),
        "both work"
    );
    assert!(!machine.file().contains(&new_secret));

    rotator
        .move_revoke_time(RevokeOld::At(s2s_core::clock::now_unix() + 2 * HOUR))
        .await
        .expect("moved");
    rotator
        .move_revoke_time(RevokeOld::Now)
        .await
        .expect("finished early");
    let status = rotator.run().await.expect("done");
    assert!(status.rotation.is_none(), "{status:?}");
    assert!(
        accepted(&sim, &new_secret) && !accepted(&sim, REPORTING.1),
        "Zoom revoked the old one"
    );
}

#[tokio::test]
async fn the_api_path_says_why_it_is_unavailable_and_changes_nothing() {
    let sim = sim().await;
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    let before = machine.file();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    let e = rotator.begin_api(None, None).await.expect_err("no App ID");
    assert!(
        matches!(e, RotationError::ApiUnavailable(ApiUnavailable::NoAppId)),
        "{e:?}"
    );
    let e = rotator
        .begin_api(Some(APP_ID), None)
        .await
        .expect_err("no scope");
    assert!(
        matches!(
            e,
            RotationError::ApiUnavailable(ApiUnavailable::MissingScope)
        ),
        "{e:?}"
    );
    assert_eq!(e.kind(), ErrorKind::MissingScope);
    assert!(e.advice().contains("Rotate manually"), "{}", e.advice());
    assert_eq!(machine.file(), before);
    let status = service.rotation_status(&machine.id).expect("status");
    assert_eq!(
        status.api_unavailable.map(|n| n.reason),
        Some(ApiUnavailable::NoAppId)
    );

    allow_api_rotation(&sim);
    let e = rotator
        .begin_api(Some("NoSuchApp0000000000000"), None)
        .await
        .expect_err("404");
    assert!(e.to_string().contains("no app with App ID"), "{e}");
    assert!(
        service
            .get(&machine.id)
            .expect("profile")
            .rotation
            .is_none(),
        "Zoom changed nothing, neither did we"
    );
}

#[tokio::test]
async fn zooms_three_changes_in_fifteen_minutes_is_explained() {
    let sim = sim().await;
    allow_api_rotation(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator
        .begin_api(Some(APP_ID), None)
        .await
        .expect("change 1");
    rotator.run().await.expect("switched");
    let now = s2s_core::clock::now_unix();
    rotator
        .move_revoke_time(RevokeOld::At(now + 2 * HOUR))
        .await
        .expect("change 2");
    rotator
        .move_revoke_time(RevokeOld::At(now + 3 * HOUR))
        .await
        .expect("change 3");
    let e = rotator
        .move_revoke_time(RevokeOld::At(now + 4 * HOUR))
        .await
        .expect_err("change 4 refused");
    assert_eq!(e.kind(), ErrorKind::RateLimited, "{e:?}");
    assert!(
        e.to_string().contains("at most 3 times in 15 minutes"),
        "{e}"
    );
    assert!(e.advice().contains("nothing was changed"), "{}", e.advice());
    let kept = service
        .get(&machine.id)
        .expect("profile")
        .rotation
        .expect("still there");
    assert_eq!(
        kept.keep_previous_until_unix,
        Some(now + 3 * HOUR),
        "unchanged by the refusal"
    );
}

#[tokio::test]
async fn an_api_rotation_cut_off_before_its_secret_was_stored_says_what_to_do() {
    let sim = sim().await;
    allow_api_rotation(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    {
        let service = machine.open();
        service.use_sandbox(&url);
        let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
        rotator
            .begin_api(Some(APP_ID), None)
            .await
            .expect("Zoom issued a secret");
        // Dies before the secret reaches the keychain.
    }
    let service = machine.open();
    service.use_sandbox(&url);
    let e = service
        .rotator(&tester, &machine.id)
        .expect("rotator")
        .run()
        .await
        .expect_err("abandoned");
    assert!(
        e.advice().contains("keeps working until") && e.advice().contains("rotate manually"),
        "{}",
        e.advice()
    );
    assert_eq!(
        machine.entry("").as_deref(),
        Some(REPORTING.1),
        "the old secret, still working"
    );
    assert!(accepted(&sim, REPORTING.1));
}

#[tokio::test]
async fn a_staged_secret_that_stops_working_stays_staged_until_resumed_or_cancelled() {
    let sim = sim().await;
    regenerate(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator
        .begin_manual(&Secret::new(NEW_SECRET), None)
        .await
        .expect("begins");
    assert_eq!(
        rotator.step().await.expect("stored"),
        Some(RotationStep::StoredNew)
    );
    // Someone pressed Regenerate again in the Marketplace meanwhile.
    crate::support::edit_app(&sim, REPORTING.0, |app| {
        app.client_secret = "yetAnotherSecretReportingBot0001".into();
    });
    let e = rotator
        .step()
        .await
        .expect_err("Zoom refuses the staged secret");
    assert_eq!(e.kind(), ErrorKind::InvalidClient);
    assert!(
        e.advice().starts_with("The new secret stays staged"),
        "{}",
        e.advice()
    );
    assert_eq!(machine.entry("rotation-new").as_deref(), Some(NEW_SECRET));
    assert_eq!(
        machine.entry("").as_deref(),
        Some(REPORTING.1),
        "not in use"
    );
    // Zoom refuses the staged secret and the current one alike: the staged one is worth nothing.
    rotator.cancel().await.expect("cancelled");
    assert_eq!(machine.keychain.inner.len(), 1);
}

#[tokio::test]
async fn an_api_rotation_whose_new_secret_zoom_issued_is_never_cancelled_and_resumes_after_an_outage(
) {
    let sim = sim().await;
    allow_api_rotation(&sim);
    let url = sim.base_url();
    let (tester, _) = tester();
    let machine = Machine::with_reporting_bot();
    let service = machine.open();
    service.use_sandbox(&url);
    let mut rotator = service.rotator(&tester, &machine.id).expect("rotator");
    rotator.begin_api(Some(APP_ID), None).await.expect("begins");
    assert_eq!(
        rotator.step().await.expect("stored"),
        Some(RotationStep::StoredNew)
    );
    // Zoom's token endpoint goes down while the new secret is tested.
    sim.world().set_faults(
        Some(REPORTING.0),
        zoom_sim::Faults {
            server_error: Some(503),
            target: Some("token".into()),
            ..Default::default()
        },
    );
    let outage = rotator
        .run()
        .await
        .expect_err("the test of the new secret fails");
    assert!(
        outage.advice().contains("stays staged"),
        "{}",
        outage.advice()
    );
    let status = service.rotation_status(&machine.id).expect("status");
    assert!(
        status
            .cancel_refused
            .as_deref()
            .is_some_and(|r| r.contains("only secret")),
        "the app hides Cancel and says why: {status:?}"
    );
    let refused = rotator.cancel().await.expect_err("never cancelled");
    assert!(
        matches!(refused, RotationError::CannotCancel { .. }),
        "{refused:?}"
    );
    let staged = machine
        .entry("rotation-new")
        .expect("the new secret is kept");
    // Past Zoom's revoke time the old secret is dead; the kept new one carries the profile.
    sim.world().clear_faults();
    sim.world()
        .advance_clock(std::time::Duration::from_secs(25 * 3600));
    assert!(!accepted(&sim, REPORTING.1), "Zoom revoked the old secret");
    let status = rotator.run().await.expect("resumed");
    assert_eq!(
        status.rotation.map(|r| r.stage),
        Some(RotationStage::Switched)
    );
    assert_eq!(machine.entry("").as_deref(), Some(staged.as_str()));
    assert!(accepted(&sim, &staged), "the profile still gets a token");
}
