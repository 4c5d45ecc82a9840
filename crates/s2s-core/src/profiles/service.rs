//! [`ProfileService`]: profiles and their secrets changed together, so neither is ever lost or
//! orphaned. Order matters: the keychain is written before the file on save (a keychain refusal
//! changes nothing), the file before the keychain on delete (a keychain refusal leaves the
//! profile in place), and a failed file write rolls back a secret that was just added.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::file::{FileError, ProfileFile, SetAside};
use super::{Profile, ProfileBook, ProfileDraft, ProfileError, TestRecord};
use crate::creds::RawCredentials;
use crate::secret::Secret;
use crate::secrets::{SecretStore, SecretStoreError};

/// Why a profile operation failed. Nothing was changed when it did.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The change broke a rule (name taken, not found…).
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// The keychain refused.
    #[error(transparent)]
    Keychain(#[from] SecretStoreError),
    /// The profiles file could not be written.
    #[error(transparent)]
    File(#[from] FileError),
    /// The profile has no secret in the keychain.
    #[error("profile '{0}' has no client secret in the keychain")]
    MissingSecret(String),
}

/// Profiles on disk and secrets in the keychain, kept consistent.
pub struct ProfileService {
    file: ProfileFile,
    book: Mutex<ProfileBook>,
    secrets: Arc<dyn SecretStore>,
    set_aside: Option<SetAside>,
}

impl ProfileService {
    /// Loads the file (moving an unusable one aside) and uses `secrets` for client secrets.
    pub fn open(file: ProfileFile, secrets: Arc<dyn SecretStore>) -> Result<Self, FileError> {
        let (book, set_aside) = file.load()?;
        Ok(Self {
            file,
            book: Mutex::new(book),
            secrets,
            set_aside,
        })
    }

    /// A file found unusable at start-up, to tell the admin about.
    pub fn set_aside(&self) -> Option<&SetAside> {
        self.set_aside.as_ref()
    }

    /// Which keychain holds the secrets.
    pub fn keychain(&self) -> String {
        self.secrets.describe()
    }

    /// Why the keychain cannot be used right now, if it cannot.
    pub fn keychain_status(&self) -> Result<(), SecretStoreError> {
        self.secrets.status()
    }

    /// One profile.
    pub fn get(&self, id: &str) -> Result<Profile, ServiceError> {
        Ok(self.book().get(id)?.clone())
    }

    /// Every profile, in creation order.
    pub fn list(&self) -> Vec<Profile> {
        self.book().profiles().to_vec()
    }

    /// Creates (`id` None) or updates a profile; `secret` None keeps the stored one.
    pub fn save(
        &self,
        id: Option<&str>,
        draft: ProfileDraft,
        secret: Option<&Secret>,
    ) -> Result<Profile, ServiceError> {
        let mut book = self.book();
        let mut next = book.clone();
        let saved = match id {
            Some(id) => next.update(id, draft)?.clone(),
            None => {
                if secret.is_none() {
                    return Err(ServiceError::MissingSecret(draft.name));
                }
                next.create(draft)?.clone()
            }
        };
        let previous = match secret {
            Some(secret) => {
                let previous = self.secrets.get(&saved.id)?;
                self.secrets.set(&saved.id, secret)?;
                Some(previous)
            }
            None => None,
        };
        if let Err(e) = self.file.save(&next) {
            // Put the keychain back as it was, so file and keychain still agree.
            if let Some(previous) = previous {
                let _ = match previous {
                    Some(old) => self.secrets.set(&saved.id, &old),
                    None => self.secrets.delete(&saved.id),
                };
            }
            return Err(e.into());
        }
        *book = next;
        Ok(saved)
    }

    /// Copies a profile and its secret.
    pub fn duplicate(&self, id: &str) -> Result<Profile, ServiceError> {
        let mut book = self.book();
        let mut next = book.clone();
        let copy = next.duplicate(id)?.clone();
        let secret = self
            .secrets
            .get(id)?
            .ok_or_else(|| ServiceError::MissingSecret(copy.name.clone()))?;
        self.secrets.set(&copy.id, &secret)?;
        if let Err(e) = self.file.save(&next) {
            let _ = self.secrets.delete(&copy.id);
            return Err(e.into());
        }
        *book = next;
        Ok(copy)
    }

    /// Deletes a profile and then its keychain entry.
    pub fn delete(&self, id: &str) -> Result<Profile, ServiceError> {
        let mut book = self.book();
        let mut next = book.clone();
        let removed = next.remove(id)?;
        self.file.save(&next)?;
        *book = next;
        // The profile is gone; a keychain refusal now leaves only an unreachable entry, and says so.
        self.secrets.delete(id)?;
        Ok(removed)
    }

    /// A profile and its credentials, ready to test.
    pub fn credentials(&self, id: &str) -> Result<(Profile, RawCredentials), ServiceError> {
        let profile = self.book().get(id)?.clone();
        let secret = self
            .secrets
            .get(id)?
            .ok_or_else(|| ServiceError::MissingSecret(profile.name.clone()))?;
        let raw = RawCredentials::new(
            profile.account_id.clone(),
            profile.client_id.clone(),
            secret,
        );
        Ok((profile, raw))
    }

    /// The stored secret, for an explicit reveal.
    pub fn reveal_secret(&self, id: &str) -> Result<Secret, ServiceError> {
        self.credentials(id).map(|(_, raw)| raw.client_secret)
    }

    /// Appends a test result to a profile's history and saves.
    pub fn record_test(&self, id: &str, record: TestRecord) -> Result<Profile, ServiceError> {
        let mut book = self.book();
        let mut next = book.clone();
        let profile = next.record_test(id, record)?.clone();
        self.file.save(&next)?;
        *book = next;
        Ok(profile)
    }

    /// The book, first brought up to date with the file: the CLI records its tests in the same
    /// file while the app runs, and each change here is then a read-modify-write of what is on
    /// disk, so neither side drops the other's entries.
    fn book(&self) -> MutexGuard<'_, ProfileBook> {
        // A panic elsewhere cannot leave the book half-changed: changes are made on a copy.
        let mut book = self.book.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(on_disk) = self.file.current() {
            *book = on_disk;
        }
        book
    }
}
