//! Shared helpers: a fresh simulator per test, the Sandbox's demo credentials, and a tester.

use std::sync::Arc;

use s2s_core::retry::{RecordingSleeper, RetryPolicy};
use s2s_core::{Endpoint, RawCredentials, Secret, TestOptions, TokenTester};
use zoom_sim::{Fixture, SimHandle};

pub const ACCOUNT: &str = "SbxDemoAccount00000001";
pub const REPORTING: (&str, &str) = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001");
pub const CLASSIC: (&str, &str) = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002");
pub const PERSONAL: (&str, &str) = ("SbxPersonal00000000004", "sandboxSecretPersonal00000000004");
pub const ARCHIVED: (&str, &str) = ("SbxArchived00000000006", "sandboxSecretArchived00000000006");
pub const DRAFT: (&str, &str) = ("SbxDraft00000000000007", "sandboxSecretDraft00000000000007");
pub const GENERAL: (&str, &str) = ("SbxGeneralOAuth0000008", "sandboxSecretGeneralOAuth0000008");

pub async fn sim() -> SimHandle {
    zoom_sim::start(Fixture::default_sandbox(), 0)
        .await
        .expect("simulator starts")
}

pub fn creds(app: (&str, &str)) -> RawCredentials {
    RawCredentials::new(ACCOUNT, app.0, Secret::new(app.1))
}

pub fn options(sim: &SimHandle) -> TestOptions {
    TestOptions::new(Endpoint::custom(&sim.base_url(), false).expect("loopback endpoint"))
}

/// A tester whose clock is recorded, never slept.
pub fn tester() -> (TokenTester, RecordingSleeper) {
    let sleeper = RecordingSleeper::default();
    (
        TokenTester::new(RetryPolicy::default(), Arc::new(sleeper.clone())),
        sleeper,
    )
}

/// Token requests the simulator received for a client ID.
pub fn token_requests(sim: &SimHandle, client_id: &str) -> u64 {
    sim.world()
        .stats()
        .token_requests
        .get(client_id)
        .copied()
        .unwrap_or(0)
}

pub fn set_fault(sim: &SimHandle, client_id: &str, faults: zoom_sim::Faults) {
    sim.world().set_faults(Some(client_id), faults);
}

/// Changes an app in the running simulator.
pub fn edit_app(sim: &SimHandle, client_id: &str, edit: impl FnOnce(&mut zoom_sim::fixture::App)) {
    edit(sim.world().app_mut(client_id).expect("app exists"));
}

/// A profile service in `dir` (keychain in memory) holding the Reporting Bot as `name`; its id.
pub fn saved_reporting_bot(
    dir: &std::path::Path,
    name: &str,
) -> (s2s_core::profiles::service::ProfileService, String) {
    use s2s_core::keychain::MemoryStore;
    use s2s_core::profiles::file::ProfileFile;
    use s2s_core::profiles::service::ProfileService;
    let profiles = ProfileService::open(ProfileFile::in_dir(dir), Arc::new(MemoryStore::default()))
        .expect("opens");
    let id = profiles
        .save(None, reporting_draft(name), Some(&Secret::new(REPORTING.1)))
        .expect("saved")
        .id
        .to_string();
    (profiles, id)
}

/// The Sandbox's Reporting Bot as a profile draft named `name`.
pub fn reporting_draft(name: &str) -> s2s_core::profiles::ProfileDraft {
    s2s_core::profiles::ProfileDraft {
        tags: Vec::new(),
        name: name.into(),
        cloud: s2s_core::profiles::ProfileCloud::Sandbox,
        account_id: ACCOUNT.into(),
        client_id: REPORTING.0.into(),
        notes: String::new(),
        expected_scopes: vec![],
        token_index: None,
        token_rule: None,
        account_plan: None,
    }
}
