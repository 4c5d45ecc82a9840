//! The real OS keychain (Secret Service on Linux). Ignored by a plain `cargo test`; the test
//! command runs it inside scripts/with-keyring.sh (gnome-keyring in a private D-Bus session).
//! Uses its own keychain service name, so it never touches the app's entries.

use s2s_core::keychain::{KeyringStore, SecretStore};
use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::{file::ProfileFile, ProfileCloud, ProfileDraft};
use s2s_core::Secret;

fn keychain() -> KeyringStore {
    KeyringStore::check_available().expect("the Secret Service answers");
    KeyringStore::new(format!("app.s2sdesk.tests.{}", std::process::id()))
}

/// Every file under `dir`, as bytes.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            found.push((path, bytes));
        }
    }
    found
}

#[test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
fn store_read_replace_and_delete_a_secret() {
    let keychain = keychain();
    let id = "profile-store-read";
    assert_eq!(keychain.get(id).expect("read"), None);
    keychain
        .set(id, &Secret::new("firstSecretValue"))
        .expect("stored");
    assert_eq!(
        keychain.get(id).expect("read").expect("present").expose(),
        "firstSecretValue"
    );
    keychain
        .set(id, &Secret::new("secondSecretValue"))
        .expect("replaced");
    assert_eq!(
        keychain.get(id).expect("read").expect("present").expose(),
        "secondSecretValue"
    );
    keychain.delete(id).expect("deleted");
    assert_eq!(keychain.get(id).expect("read"), None);
    keychain.delete(id).expect("deleting twice is fine");
    // The native store of each system, never a stand-in.
    let native = if cfg!(windows) {
        "Windows Credential Manager"
    } else {
        "Secret Service"
    };
    assert!(
        keychain.describe().starts_with(native),
        "{}",
        keychain.describe()
    );
}

#[test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
fn profiles_keep_secrets_in_the_keychain_through_rename_and_delete_and_never_on_disk() {
    let keychain = keychain();
    let data = tempfile::tempdir().expect("tempdir");
    let profiles = ProfileService::open(
        ProfileFile::in_dir(data.path()),
        std::sync::Arc::new(keychain.clone()),
    )
    .expect("opens");
    let draft = |name: &str| ProfileDraft {
        tags: Vec::new(),
        name: name.into(),
        cloud: ProfileCloud::Commercial,
        account_id: "AcctAcctAcctAcctAcct01".into(),
        client_id: "ClientClientClient0001".into(),
        notes: String::new(),
        expected_scopes: vec![],
        token_index: None,
        token_rule: None,
        account_plan: None,
    };
    let secret = "PlaintextCanaryZ9q8w7e6r5t4y3u2i1";
    let id = profiles
        .save(None, draft("Prod"), Some(&Secret::new(secret)))
        .expect("saved")
        .id;
    profiles
        .save(Some(&id), draft("Production"), None)
        .expect("renamed");
    assert_eq!(
        profiles.reveal_secret(&id).expect("read").expose(),
        secret,
        "rename keeps the secret"
    );

    // Not in the profiles file, and not in plaintext in the keyring's own files either.
    let mut scanned = files_under(data.path());
    if let Some(keyrings) = dirs::data_dir().map(|d| d.join("keyrings")) {
        scanned.extend(files_under(&keyrings));
    }
    assert!(!scanned.is_empty());
    for (path, bytes) in &scanned {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "plaintext secret in {}",
            path.display()
        );
    }

    profiles.delete(&id).expect("deleted");
    assert_eq!(
        keychain.get(&id).expect("read"),
        None,
        "delete removes the keychain entry"
    );
}

/// Secrets saved by S2S Desk versions that reached the Secret Service through zbus (keyring 4's
/// `v1` store) read back unchanged through today's libdbus store, and the other way round.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
#[cfg_attr(
    target_os = "linux",
    ignore = "needs the Secret Service: run inside scripts/with-keyring.sh with --include-ignored (the test command does)"
)]
fn secrets_saved_through_the_earlier_zbus_store_stay_readable() {
    use keyring_core::api::CredentialStoreApi;
    let keychain = keychain();
    let service = format!("app.s2sdesk.tests.compat.{}", std::process::id());
    let earlier = zbus_secret_service_keyring_store::Store::new().expect("the zbus store opens");
    earlier
        .build(&service, "profile-saved-earlier", None)
        .expect("entry")
        .set_password("savedThroughZbus0000000000000001")
        .expect("saved the earlier way");
    let today = KeyringStore::new(service.clone());
    assert_eq!(
        today
            .get("profile-saved-earlier")
            .expect("read")
            .expect("present")
            .expose(),
        "savedThroughZbus0000000000000001"
    );
    today
        .set(
            "profile-saved-today",
            &Secret::new("savedThroughLibdbus00000000000001"),
        )
        .expect("saved");
    let read_back = earlier
        .build(&service, "profile-saved-today", None)
        .expect("entry")
        .get_password()
        .expect("the earlier store reads it too");
    assert_eq!(read_back, "savedThroughLibdbus00000000000001");
    for id in ["profile-saved-earlier", "profile-saved-today"] {
        today.delete(id).expect("deleted");
    }
    drop(keychain);
}
