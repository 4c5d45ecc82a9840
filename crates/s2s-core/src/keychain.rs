//! Where client secrets live: the OS keychain, and nowhere else. [`SecretStore`] is the seam;
//! [`KeyringStore`] is the real one (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows, through the `keyring` crate); [`MemoryStore`] is the test double.
//! Entries are keyed by a profile's stable id (and the slot), so renaming a profile never
//! orphans its secret.
//! There is no plaintext fallback: when the keychain refuses, the caller gets an error.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::secret::Secret;

/// The keychain "service" the shipped app uses; tests pass their own so they never touch it.
pub const APP_SERVICE: &str = "app.s2sdesk.desktop";

/// Why the keychain could not do what was asked. Never contains the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretStoreError {
    /// No Secret Service / keychain answered (not running, no D-Bus session).
    #[error("the system keychain is not available ({0})")]
    Unavailable(String),
    /// The keychain is there but locked, or it refused access.
    #[error("the system keychain refused access ({0})")]
    Denied(String),
    /// The stored value is not a usable secret (not UTF-8, or ambiguous).
    #[error("the keychain entry for this profile is unreadable ({0})")]
    Corrupt(String),
    /// The keychain holds values up to a size (Windows Credential Manager: 2,560 bytes).
    #[error("the system keychain refused a value that long ({0})")]
    TooLong(String),
}

impl SecretStoreError {
    /// What the admin should do.
    pub fn advice(&self) -> &'static str {
        match self {
            SecretStoreError::Unavailable(_) if cfg!(windows) => {
                "Windows Credential Manager needs the user's own profile: run S2S Desk as that user, signed in (not as a service, or a scheduled task set to run whether the user is signed in or not). S2S Desk never stores secrets anywhere else."
            }
            SecretStoreError::Unavailable(_) => {
                "Start your desktop's keyring (GNOME Keyring, KWallet) and log in to it, then restart S2S Desk. S2S Desk never stores secrets anywhere else."
            }
            SecretStoreError::Denied(_) => {
                "Unlock your keyring (it may be asking for its password) and try again."
            }
            SecretStoreError::Corrupt(_) => {
                "Enter the client secret again to replace the unreadable entry."
            }
            SecretStoreError::TooLong(_) => {
                "Zoom's client secrets and Secret Tokens are a few dozen characters: copy the value again from the Marketplace; nothing was stored."
            }
        }
    }
}

/// A place to keep secrets by key. The keys are a profile's slots
/// ([`Slot`](crate::profiles::slot::Slot)): only the profile service names them.
pub trait SecretStore: Send + Sync {
    /// Stores (or replaces) the secret under `key`.
    fn set(&self, key: &str, secret: &Secret) -> Result<(), SecretStoreError>;
    /// The secret under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<Secret>, SecretStoreError>;
    /// Removes the secret under `key`; removing a missing one is not an error.
    fn delete(&self, key: &str) -> Result<(), SecretStoreError>;
    /// A short name for logs ("Secret Service", "memory").
    fn describe(&self) -> String;
    /// Whether the store can be used right now (say so before the admin types a secret).
    fn status(&self) -> Result<(), SecretStoreError> {
        Ok(())
    }
}

/// The OS keychain through `keyring`.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// The store for a keychain service name ([`APP_SERVICE`] in the app and CLI).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// Whether the platform keychain could be initialised in this process.
    pub fn check_available() -> Result<(), SecretStoreError> {
        NATIVE_STORE.as_ref().map(|_| ()).map_err(map_error)
    }

    fn entry(&self, key: &str) -> Result<keyring_core::Entry, SecretStoreError> {
        Self::check_available()?;
        // Windows: kept on this computer ("Local"), not Credential Manager's default
        // "Enterprise", which roams with a domain profile to every machine the admin signs in to.
        #[cfg(windows)]
        let entry = keyring_core::Entry::new_with_modifiers(
            &self.service,
            key,
            &HashMap::from([("persistence", "Local")]),
        );
        #[cfg(not(windows))]
        let entry = keyring_core::Entry::new(&self.service, key);
        entry.map_err(|e| map_error(&e))
    }
}

impl SecretStore for KeyringStore {
    fn set(&self, key: &str, secret: &Secret) -> Result<(), SecretStoreError> {
        self.entry(key)?
            .set_password(secret.expose())
            .map_err(|e| map_error(&e))
    }

    fn get(&self, key: &str) -> Result<Option<Secret>, SecretStoreError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(&e)),
        }
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(&e)),
        }
    }

    fn describe(&self) -> String {
        let platform = if cfg!(target_os = "macos") {
            "macOS Keychain"
        } else if cfg!(windows) {
            "Windows Credential Manager"
        } else {
            "Secret Service"
        };
        format!("{platform} (service {})", self.service)
    }

    fn status(&self) -> Result<(), SecretStoreError> {
        Self::check_available()
    }
}

/// The platform's own store, made keyring-core's default once per process: Keychain Services on
/// macOS, Credential Manager on Windows, the Secret Service elsewhere (through libdbus). Entries
/// are keyed the same way as keyring 4's `v1` stores wrote them, so earlier secrets stay readable
/// (a test reads one written through the zbus store).
static NATIVE_STORE: std::sync::LazyLock<Result<(), keyring_core::Error>> =
    std::sync::LazyLock::new(|| {
        #[cfg(target_os = "macos")]
        let store = apple_native_keyring_store::keychain::Store::new()?;
        #[cfg(windows)]
        let store = windows_native_keyring_store::Store::new()?;
        #[cfg(all(
            unix,
            not(any(target_os = "macos", target_os = "ios", target_os = "android"))
        ))]
        let store = dbus_secret_service_keyring_store::Store::new()?;
        keyring_core::set_default_store(store);
        Ok(())
    });

// keyring's errors name the service and user at most, never the secret.
fn map_error(error: &keyring_core::Error) -> SecretStoreError {
    use keyring_core::Error as E;
    match error {
        E::NoStorageAccess(e) => SecretStoreError::Denied(e.to_string()),
        E::PlatformFailure(e) => SecretStoreError::Unavailable(e.to_string()),
        E::NoDefaultStore => SecretStoreError::Unavailable("no keychain service answered".into()),
        E::BadEncoding(_) => SecretStoreError::Corrupt("not UTF-8 text".into()),
        E::Ambiguous(_) => SecretStoreError::Corrupt("more than one entry matches".into()),
        E::TooLong(what, max) => SecretStoreError::TooLong(format!("{what}: at most {max}")),
        other => SecretStoreError::Unavailable(other.to_string()),
    }
}

/// Secrets in memory: for tests, and never used by the shipped app.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl SecretStore for MemoryStore {
    fn set(&self, key: &str, secret: &Secret) -> Result<(), SecretStoreError> {
        self.lock().insert(key.into(), secret.clone());
        Ok(())
    }
    fn get(&self, key: &str) -> Result<Option<Secret>, SecretStoreError> {
        Ok(self.lock().get(key).cloned())
    }
    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        self.lock().remove(key);
        Ok(())
    }
    fn describe(&self) -> String {
        "memory (tests only)".into()
    }
}

impl MemoryStore {
    /// Whether no secret is held.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// How many secrets are held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        // A poisoned lock only means another test thread panicked; the map is still whole.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
