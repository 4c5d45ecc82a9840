//! `--profile NAME`: a profile saved by S2S Desk, read from the same profiles file and the
//! same OS keychain entry the app uses. Every failure here happens before anything is sent.

use std::sync::Arc;

use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::{Profile, ProfileBook, TestRecord};
use s2s_core::secrets::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::RawCredentials;

use crate::failure::{usage, Failure};

/// A saved profile and its secret.
pub struct Saved {
    pub profile: Profile,
    pub credentials: RawCredentials,
}

/// Loads profile `name` and its secret from the keychain.
pub fn load(name: &str) -> Result<Saved, Failure> {
    let profile = find(name)?;
    let secret = KeyringStore::new(APP_SERVICE)
        .get(&profile.id)
        .map_err(|e| usage(format!("profile '{}': {e}", profile.name), e.advice()))?
        .ok_or_else(|| {
            usage(
                format!(
                    "profile '{}' has no client secret in the keychain",
                    profile.name
                ),
                "Open the profile in S2S Desk and enter the client secret again.",
            )
        })?;
    let credentials = RawCredentials::new(
        profile.account_id.clone(),
        profile.client_id.clone(),
        secret,
    );
    Ok(Saved {
        profile,
        credentials,
    })
}

/// Adds a test to the profile's history through the core's service (under the file's lock,
/// re-reading it first, so nothing else is lost), and returns the record as stored.
pub fn record(profile: &Profile, record: TestRecord) -> Result<TestRecord, Failure> {
    let file = data_file()?;
    let service = ProfileService::open(file, Arc::new(KeyringStore::new(APP_SERVICE)))
        .map_err(|e| usage(e.to_string(), "Check the data folder's permissions."))?;
    let stored = service
        .record_test(&profile.id, record)
        .map_err(|e| {
            usage(
                format!("the test result was not recorded: {e}"),
                "Nothing was changed. If the file can't be used, open S2S Desk, which offers to set it aside.",
            )
        })?
        .history
        .first()
        .cloned();
    stored.ok_or_else(|| usage("the test result was not recorded".into(), "Try again."))
}

/// Profile `name` (ignoring case), without touching the keychain.
pub fn find(name: &str) -> Result<Profile, Failure> {
    let book = open_book()?;
    book.find_by_name(name)
        .map_err(|e| {
            usage(
                e.to_string(),
                "List your profiles in S2S Desk; names are matched ignoring case.",
            )
        })
        .cloned()
}

fn data_file() -> Result<ProfileFile, Failure> {
    ProfileFile::default_location().ok_or_else(|| {
        usage(
            "this system has no user data folder, so there are no saved profiles".into(),
            "Pass --account-id and --client-id instead.",
        )
    })
}

/// The book, read only: an unusable file is refused and left exactly as it is (a newer S2S
/// Desk may be using it).
fn open_book() -> Result<ProfileBook, Failure> {
    let file = data_file()?;
    file.read().map_err(|e| {
        usage(
            e.to_string(),
            "The CLI never changes or moves an unreadable profiles file: open S2S Desk (the same or a newer version) to deal with it, or pass --account-id and --client-id.",
        )
    })
}

/// The profile's Zoom, unless `--oauth-url` overrides it. The Sandbox exists only inside the app.
pub fn cloud_of(profile: &Profile) -> Result<s2s_core::Cloud, Failure> {
    profile.cloud.zoom_cloud().ok_or_else(|| {
        usage(
            format!(
                "profile '{}' uses the Sandbox, which runs inside S2S Desk",
                profile.name
            ),
            "Start a simulator with `s2s sim` and pass its address with --oauth-url.",
        )
    })
}
