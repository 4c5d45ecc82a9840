//! `--profile NAME`: a profile saved by S2S Desk, read from the same profiles file and the
//! same OS keychain entry the app uses. Every failure here happens before anything is sent.

use s2s_core::profiles::file::ProfileFile;
use s2s_core::profiles::{Profile, ProfileBook, TestRecord};
use s2s_core::secrets::{KeyringStore, SecretStore, APP_SERVICE};
use s2s_core::{ErrorKind, RawCredentials};

use crate::render::Failure;

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

/// Adds a test to the profile's history (re-reading the file first, so nothing else is lost),
/// and returns the record as stored, drift included.
pub fn record(profile: &Profile, record: TestRecord) -> Result<TestRecord, Failure> {
    let (file, mut book) = open_book()?;
    let stored = book
        .record_test(&profile.id, record)
        .map_err(|e| {
            usage(
                e.to_string(),
                "The profile was removed meanwhile; nothing was recorded.",
            )
        })?
        .history
        .first()
        .cloned();
    file.save(&book).map_err(|e| {
        usage(
            format!("the test result could not be saved: {e}"),
            "Check the data folder's permissions and free space.",
        )
    })?;
    stored.ok_or_else(|| usage("the test result was not recorded".into(), "Try again."))
}

/// Profile `name` (ignoring case), without touching the keychain.
pub fn find(name: &str) -> Result<Profile, Failure> {
    let (_, book) = open_book()?;
    book.find_by_name(name)
        .map_err(|e| {
            usage(
                e.to_string(),
                "List your profiles in S2S Desk; names are matched ignoring case.",
            )
        })
        .cloned()
}

fn open_book() -> Result<(ProfileFile, ProfileBook), Failure> {
    let file = ProfileFile::default_location().ok_or_else(|| {
        usage(
            "this system has no user data folder, so there are no saved profiles".into(),
            "Pass --account-id and --client-id instead.",
        )
    })?;
    let (book, set_aside) = file
        .load()
        .map_err(|e| usage(e.to_string(), "Check the folder's permissions."))?;
    if let Some(aside) = set_aside {
        return Err(usage(
            format!(
                "the profiles file could not be used ({}); it was moved to {}",
                aside.reason,
                aside.backup.display()
            ),
            "Open S2S Desk to set up profiles again, or restore the backup.",
        ));
    }
    Ok((file, book))
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

fn usage(message: String, advice: &str) -> Failure {
    Failure::usage(ErrorKind::InvalidInput, message, advice)
}
