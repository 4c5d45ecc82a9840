//! [`ProfileService`]: profiles and their secrets changed together, so neither is ever lost or
//! orphaned. Order matters: the keychain is written before the file on save (a keychain refusal
//! changes nothing), the file before the keychain on delete (a keychain refusal leaves the
//! profile in place), and a failed file write rolls back a secret that was just added. Every
//! change is a read-modify-write of the file under its lock, so a test the CLI records while
//! the app runs is never lost, and an unusable file is never written over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use super::file::{FileError, Locked, ProfileFile, SetAside};
use super::slot::Slot;
use super::{Profile, ProfileBook, ProfileDraft, ProfileError, TestRecord, HISTORY_LIMIT};
use crate::cloud::{Endpoint, EndpointError};
use crate::creds::{CredentialIssue, RawCredentials, Severity};
use crate::keychain::{SecretStore, SecretStoreError};
use crate::secret::Secret;

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
    /// The profile's test cannot go where its settings say.
    #[error(transparent)]
    Endpoint(#[from] crate::cloud::EndpointError),
    /// The profile has no secret in the keychain.
    #[error("profile '{0}' has no client secret in the keychain")]
    MissingSecret(String),
    /// A webhook Secret Token of only blanks.
    #[error("the webhook Secret Token is empty")]
    EmptyWebhookSecretToken,
    /// The IDs or the secret cannot be Zoom's (empty, a JWT, swapped, spaces inside…): the
    /// same checks the setup form shows as the admin types.
    #[error("{}", .0.first().map_or("the credentials are not usable as given", |i| i.message.as_str()))]
    InvalidCredentials(Vec<CredentialIssue>),
    /// A reminder period outside [`REMINDER_DAYS`](super::health::REMINDER_DAYS).
    #[error("a secret reminder of {0} days is outside {min} to {max} days", min = super::health::REMINDER_DAYS.min, max = super::health::REMINDER_DAYS.max)]
    ReminderOutOfRange(u32),
    /// An ownership transfer's new owner is not usable (the reason, as the transfer gave it).
    #[error("{0}")]
    InvalidNewOwner(String),
    /// A consumer of the secret was refused.
    #[error(transparent)]
    Consumer(#[from] super::consumers::ConsumerError),
    /// A "Test all" is already running.
    #[error("a Test all is already running")]
    TestAllRunning,
    /// Confirming a transfer that was never started.
    #[error("profile '{}' has no ownership transfer under way", crate::display::inert(.0))]
    NoTransfer(String),
}

impl ServiceError {
    /// What the admin should do, the same words in the app and the CLI.
    pub fn advice(&self) -> &'static str {
        match self {
            ServiceError::Profile(super::ProfileError::NotFound(_)) => {
                "It was deleted meanwhile (in another window, or by the CLI): reload the list of profiles."
            }
            ServiceError::Profile(super::ProfileError::EmptyName) => "Give the profile a name.",
            ServiceError::Profile(_) => {
                "Choose another name: names are compared ignoring case, and hold no control characters."
            }
            ServiceError::Keychain(k) => k.advice(),
            ServiceError::File(_) => {
                "Check that your home folder has free space and is writable; nothing was changed."
            }
            ServiceError::Endpoint(_) => {
                "Test against Zoom's own hosts, or a simulator on this machine (loopback); the message says how."
            }
            ServiceError::MissingSecret(_) => {
                "Enter the client secret again (edit the profile in S2S Desk, or s2s profile add)."
            }
            ServiceError::EmptyWebhookSecretToken => {
                "Paste the Secret Token from the app's Feature page (Event Subscriptions), or leave the field empty."
            }
            ServiceError::InvalidCredentials(_) => {
                "Copy the Account ID, Client ID and Client Secret again from the app's App Credentials page in the Zoom App Marketplace."
            }
            ServiceError::ReminderOutOfRange(_) => {
                "Give whole days from 1 to 3650, or none for the default (90)."
            }
            ServiceError::InvalidNewOwner(_) => "Give the new owner's Zoom sign-in email address.",
            ServiceError::NoTransfer(_) => {
                "Start the transfer first: Transfer ownership in the Rotate secret view, or s2s profile transfer NAME --to EMAIL."
            }
            ServiceError::Consumer(_) => "Correct the consumer and try again; nothing was saved.",
            ServiceError::TestAllRunning => {
                "Wait for it to finish, or cancel it, then start the next."
            }
        }
    }
}

/// What a save writes besides the settings and the secret, in the same write of the file.
#[derive(Debug, Clone, Default)]
pub struct SaveExtras {
    /// The test run on these very credentials before saving (the setup wizard's), recorded as
    /// the profile's newest result.
    pub tested: Option<TestRecord>,
    /// The rotation settings (`s2s profile add --app-id … --secret-reminder-days …`).
    pub rotation: Option<RotationSettings>,
}

/// A profile's rotation settings: the app's Marketplace App ID (for Zoom's rotation API) and
/// after how many days the secret's age is flagged (none: [`SECRET_ROTATION_DAYS`](super::health::SECRET_ROTATION_DAYS)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RotationSettings {
    /// The App ID; blank counts as none.
    pub app_id: Option<String>,
    /// Days, within [`REMINDER_DAYS`](super::health::REMINDER_DAYS).
    pub reminder_days: Option<u32>,
}

impl RotationSettings {
    /// Checked and tidied: the App ID trimmed (blank: none), the period within range.
    pub(super) fn checked(self) -> Result<RotationSettings, ServiceError> {
        if let Some(days) = self.reminder_days {
            if !super::health::REMINDER_DAYS.contains(days) {
                return Err(ServiceError::ReminderOutOfRange(days));
            }
        }
        Ok(RotationSettings {
            app_id: self
                .app_id
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty()),
            reminder_days: self.reminder_days,
        })
    }

    pub(super) fn apply(self, profile: &mut Profile) {
        profile.app_id = self.app_id;
        profile.secret_reminder_days = self.reminder_days;
    }
}

/// Profiles on disk and secrets in the keychain, kept consistent.
pub struct ProfileService {
    file: ProfileFile,
    /// The book as last read; what the service shows while the file cannot be read.
    book: Mutex<ProfileBook>,
    secrets: Arc<dyn SecretStore>,
    /// How many tests each profile keeps (a preference in the app).
    history_retention: AtomicUsize,
    /// Where the Sandbox answers, once told ([`Self::use_sandbox`]).
    sandbox: RwLock<Option<String>>,
}

/// A host the admin named for a saved profile's requests (the CLI's `--oauth-url`).
#[derive(Debug, Clone, Copy)]
pub struct CustomHost<'a> {
    /// The base URL.
    pub url: &'a str,
    /// The admin allowed a real profile's credentials to go there (`--allow-custom-host`).
    pub allowed: bool,
}

impl ProfileService {
    /// Reads the file and uses `secrets` for client secrets. An unusable file is left where it
    /// is: the service then lists nothing and refuses changes until [`Self::file_problem`] is
    /// resolved (the app asks the admin, then calls [`Self::set_aside_unusable_file`]).
    pub fn open(file: ProfileFile, secrets: Arc<dyn SecretStore>) -> Result<Self, FileError> {
        let book = match file.read() {
            Ok(book) => book,
            Err(FileError::Unusable { .. }) => ProfileBook::default(),
            Err(e) => return Err(e),
        };
        let service = Self {
            file,
            book: Mutex::new(book),
            secrets,
            history_retention: AtomicUsize::new(HISTORY_LIMIT),
            sandbox: RwLock::new(None),
        };
        service.remove_orphans();
        Ok(service)
    }

    /// Removes keychain entries a crash stranded (see [`Locked::pending`]); an entry the
    /// keychain won't remove now stays listed, for the next start.
    fn remove_orphans(&self) {
        let Ok((locked, book)) = self.locked() else {
            return;
        };
        let pending = locked.pending();
        let mut settled = Vec::new();
        for id in &pending {
            let orphan = book.get(id).is_err();
            if orphan {
                for slot in Slot::BESIDE_SECRET {
                    let _ = self.secrets.delete(&slot.key(id));
                }
            }
            if !orphan || self.secrets.delete(&Slot::ClientSecret.key(id)).is_ok() {
                settled.push(id.as_str());
            }
        }
        if !pending.is_empty() {
            tracing::warn!(
                pending = pending.len(),
                removed = settled.len(),
                "keychain entries left by an interrupted change were reconciled"
            );
        }
        let _ = locked.clear_pending(&settled);
    }

    /// The profiles where the app and the CLI keep them: the file in the user's data folder
    /// and the OS keychain (service [`crate::keychain::APP_SERVICE`]).
    pub fn open_default() -> Result<Self, FileError> {
        let file = ProfileFile::default_location().ok_or(FileError::NoDataFolder)?;
        let keychain = crate::keychain::KeyringStore::new(crate::keychain::APP_SERVICE);
        Self::open(file, Arc::new(keychain))
    }

    /// The folder the profiles file is in: the app keeps its other files (preferences) beside it.
    pub fn data_dir(&self) -> std::path::PathBuf {
        self.file
            .path()
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Why the profiles file cannot be used right now, if it cannot.
    pub fn file_problem(&self) -> Option<FileError> {
        self.file
            .read()
            .err()
            .filter(|e| matches!(e, FileError::Unusable { .. }))
    }

    /// Moves an unusable profiles file aside, on the admin's word, so profiles can be saved
    /// again. `None` when the file was usable after all.
    pub fn set_aside_unusable_file(&self) -> Result<Option<SetAside>, ServiceError> {
        let aside = self.file.set_aside_unusable()?;
        *self.cache() = ProfileBook::default();
        Ok(aside)
    }

    /// Tells the service where the Sandbox answers (the app's embedded simulator, or one the
    /// CLI was pointed at): Sandbox profiles are tested there from now on.
    pub fn use_sandbox(&self, url: &str) {
        *self.sandbox.write().unwrap_or_else(PoisonError::into_inner) = Some(url.to_string());
    }

    /// Where `profile`'s requests go: its Zoom cloud, or the Sandbox — or `custom`, a host the
    /// admin named. The rule for every caller: a real app's saved credentials go to a host that
    /// is not Zoom only when the admin allowed it.
    pub fn endpoint(
        &self,
        profile: &Profile,
        custom: Option<CustomHost<'_>>,
    ) -> Result<Endpoint, ServiceError> {
        Ok(endpoint_for(profile, custom, self.sandbox().as_deref())?)
    }

    fn sandbox(&self) -> Option<String> {
        self.sandbox
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Where a draft's test goes (the Setup wizard's, before anything is saved).
    pub(super) fn draft_endpoint(&self, draft: &ProfileDraft) -> Result<Endpoint, ServiceError> {
        Ok(endpoint_for(draft, None, self.sandbox().as_deref())?)
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

    /// The profile named `name`, ignoring case.
    pub fn find_by_name(&self, name: &str) -> Result<Profile, ServiceError> {
        Ok(self.book().find_by_name(name)?.clone())
    }

    /// Keeps at most `tests` results per profile from the next recorded test on (1 to
    /// [`HISTORY_LIMIT`]; values outside are clamped).
    pub fn set_history_retention(&self, tests: usize) {
        self.history_retention
            .store(tests.clamp(1, HISTORY_LIMIT), Ordering::Relaxed);
    }

    /// Every profile, in creation order.
    pub fn list(&self) -> Vec<Profile> {
        self.book().profiles().to_vec()
    }

    /// Every profile with its health now, in creation order.
    pub fn entries(&self) -> Vec<super::health::ProfileEntry> {
        super::health::entries(self.list(), crate::clock::now_unix())
    }

    /// Creates (`id` None) or updates a profile; `secret` None keeps the stored one.
    pub fn save(
        &self,
        id: Option<&str>,
        draft: ProfileDraft,
        secret: Option<&Secret>,
    ) -> Result<Profile, ServiceError> {
        self.save_with(id, draft, secret, SaveExtras::default())
    }

    /// [`Self::save`], with what `extras` adds written in the same write: a profile is never
    /// saved without the test or the settings that came with it. Values that cannot be Zoom's
    /// are refused before anything is written.
    pub fn save_with(
        &self,
        id: Option<&str>,
        draft: ProfileDraft,
        secret: Option<&Secret>,
        extras: SaveExtras,
    ) -> Result<Profile, ServiceError> {
        let issues =
            crate::creds::profile_value_issues(&draft.account_id, &draft.client_id, secret);
        if issues.iter().any(|i| i.severity == Severity::Error) {
            return Err(ServiceError::InvalidCredentials(issues));
        }
        let rotation = extras.rotation.map(RotationSettings::checked).transpose()?;
        // Stored as it is sent: a pasted trailing newline must not reach the keychain.
        let secret = secret.map(Secret::trimmed);
        let secret = secret.as_ref();
        let (locked, mut next) = self.locked()?;
        let created = match id {
            Some(id) => next.update(id, draft)?.id.clone(),
            None => {
                if secret.is_none() {
                    return Err(ServiceError::MissingSecret(draft.name));
                }
                next.create(draft)?.id.clone()
            }
        };
        if secret.is_some() {
            next.mark_secret_saved(&created, crate::clock::now_unix())?;
        }
        if let Some(rotation) = rotation {
            rotation.apply(next.get_mut(&created)?);
        }
        if let Some(record) = extras.tested {
            let keep = self.history_retention.load(Ordering::Relaxed);
            next.record_test(&created, record, keep)?;
        }
        let saved = next.get(&created)?.clone();
        let is_new = id.is_none();
        if is_new {
            locked.mark_pending(&saved.id)?;
        }
        let previous = match secret {
            Some(secret) => {
                // An unreadable old entry is as good as none: the new secret repairs it.
                let previous = match self.secrets.get(&Slot::ClientSecret.key(&saved.id)) {
                    Err(SecretStoreError::Corrupt(_)) => None,
                    other => other?,
                };
                if let Err(e) = self.secrets.set(&Slot::ClientSecret.key(&saved.id), secret) {
                    let _ = locked.clear_pending(&[&saved.id]);
                    return Err(e.into());
                }
                Some(previous)
            }
            None => None,
        };
        if let Err(e) = locked.save(&next) {
            // Put the keychain back as it was, so file and keychain still agree.
            if let Some(previous) = previous {
                let _ = match previous {
                    Some(old) => self.secrets.set(&Slot::ClientSecret.key(&saved.id), &old),
                    None => self.secrets.delete(&Slot::ClientSecret.key(&saved.id)),
                };
            }
            let _ = locked.clear_pending(&[&saved.id]);
            return Err(e.into());
        }
        if is_new {
            let _ = locked.clear_pending(&[&saved.id]);
        }
        *self.cache() = next;
        Ok(saved)
    }

    /// Remembers the account's plan on a profile (the rate-limit planner's picker).
    pub fn set_account_plan(
        &self,
        id: &str,
        plan: zoom_catalog::limits::Plan,
    ) -> Result<Profile, ServiceError> {
        self.change(id, |p| p.settings.account_plan = Some(plan))
    }

    /// Copies a profile and its secret.
    pub fn duplicate(&self, id: &str) -> Result<Profile, ServiceError> {
        let (locked, mut next) = self.locked()?;
        let copy = next.duplicate(id)?.clone();
        let secret = self
            .secrets
            .get(&Slot::ClientSecret.key(id))?
            .ok_or_else(|| ServiceError::MissingSecret(copy.name.clone()))?;
        let webhook_token = match copy.webhook_secret_token_saved {
            true => self.secrets.get(&Slot::WebhookSecretToken.key(id))?,
            false => None,
        };
        next.mark_webhook_secret_token(&copy.id, webhook_token.is_some())?;
        locked.mark_pending(&copy.id)?;
        let stored = self
            .secrets
            .set(&Slot::ClientSecret.key(&copy.id), &secret)
            .and_then(|()| match &webhook_token {
                Some(token) => self
                    .secrets
                    .set(&Slot::WebhookSecretToken.key(&copy.id), token),
                None => Ok(()),
            });
        if let Err(e) = stored {
            let _ = self.secrets.delete(&Slot::ClientSecret.key(&copy.id));
            let _ = locked.clear_pending(&[&copy.id]);
            return Err(e.into());
        }
        if let Err(e) = locked.save(&next) {
            let _ = self.secrets.delete(&Slot::WebhookSecretToken.key(&copy.id));
            let _ = self.secrets.delete(&Slot::ClientSecret.key(&copy.id));
            let _ = locked.clear_pending(&[&copy.id]);
            return Err(e.into());
        }
        let _ = locked.clear_pending(&[&copy.id]);
        *self.cache() = next;
        Ok(copy)
    }

    /// Deletes a profile and then its keychain entry.
    pub fn delete(&self, id: &str) -> Result<Profile, ServiceError> {
        let (locked, mut next) = self.locked()?;
        let removed = next.remove(id)?;
        locked.mark_pending(id)?;
        locked.save(&next)?;
        *self.cache() = next;
        // The profile is gone; a keychain refusal now leaves the entry listed as pending, to be
        // removed at the next start, and says so.
        for slot in Slot::BESIDE_SECRET {
            self.secrets.delete(&slot.key(id))?;
        }
        self.secrets.delete(&Slot::ClientSecret.key(id))?;
        let _ = locked.clear_pending(&[id]);
        Ok(removed)
    }

    /// A profile and its credentials, ready to test.
    pub fn credentials(&self, id: &str) -> Result<(Profile, RawCredentials), ServiceError> {
        let profile = self.book().get(id)?.clone();
        let secret = self
            .secrets
            .get(&Slot::ClientSecret.key(id))?
            .ok_or_else(|| ServiceError::MissingSecret(profile.name.clone()))?;
        let raw = RawCredentials::new(
            profile.account_id.clone(),
            profile.client_id.clone(),
            secret,
        );
        Ok((profile, raw))
    }

    /// What the form's values would meet: the core's checks of the three values, and an
    /// Account ID and Client ID swapped, recognised from the saved profiles' IDs and
    /// `also_known` (the Sandbox's). Nothing is sent.
    pub fn draft_issues(
        &self,
        raw: &RawCredentials,
        mut also_known: crate::creds::KnownIds,
    ) -> Vec<crate::creds::CredentialIssue> {
        let mut issues = raw.validate().issues;
        for p in self.list() {
            let from = format!("profile “{}”", crate::display::inert(&p.name));
            also_known
                .accounts
                .push((p.account_id.clone(), from.clone()));
            also_known.clients.push((p.client_id.clone(), from));
        }
        let already = issues
            .iter()
            .any(|i| i.kind == crate::creds::IssueKind::LooksSwapped);
        if let Some(swapped) =
            crate::creds::swapped_ids(&raw.account_id, &raw.client_id, &also_known)
                .filter(|_| !already)
        {
            issues.insert(0, swapped);
        }
        issues
    }

    /// The stored secret, for an explicit reveal.
    pub fn reveal_secret(&self, id: &str) -> Result<Secret, ServiceError> {
        self.credentials(id).map(|(_, raw)| raw.client_secret)
    }

    /// Stores (`Some`) or forgets (`None`) the app's webhook Secret Token, in the keychain only;
    /// the file records only that there is one.
    pub fn set_webhook_secret_token(
        &self,
        id: &str,
        token: Option<&Secret>,
    ) -> Result<Profile, ServiceError> {
        let token = token.map(Secret::trimmed);
        if token.as_ref().is_some_and(|t| t.expose().is_empty()) {
            return Err(ServiceError::EmptyWebhookSecretToken);
        }
        let (locked, mut next) = self.locked()?;
        next.mark_webhook_secret_token(id, token.is_some())?;
        let key = Slot::WebhookSecretToken.key(id);
        let previous = self.secrets.get(&key).ok().flatten();
        match &token {
            Some(token) => self.secrets.set(&key, token)?,
            None => self.secrets.delete(&key)?,
        }
        if let Err(e) = locked.save(&next) {
            // Put the keychain back as it was, so file and keychain still agree.
            let _ = match previous {
                Some(old) => self.secrets.set(&key, &old),
                None => self.secrets.delete(&key),
            };
            return Err(e.into());
        }
        let saved = next.get(id)?.clone();
        *self.cache() = next;
        Ok(saved)
    }

    /// The app's webhook Secret Token, if one is saved.
    pub fn webhook_secret_token(&self, id: &str) -> Result<Option<Secret>, ServiceError> {
        let profile = self.get(id)?;
        if !profile.webhook_secret_token_saved {
            return Ok(None);
        }
        Ok(self.secrets.get(&Slot::WebhookSecretToken.key(id))?)
    }

    /// Appends a test result to a profile's history and saves.
    pub fn record_test(&self, id: &str, record: TestRecord) -> Result<Profile, ServiceError> {
        let (locked, mut next) = self.locked()?;
        let keep = self.history_retention.load(Ordering::Relaxed);
        let profile = next.record_test(id, record, keep)?.clone();
        locked.save(&next)?;
        *self.cache() = next;
        Ok(profile)
    }

    /// The keychain, for entries that are not a profile's (the Sandbox's).
    pub(super) fn secret_store(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }

    /// Records many tests in one write ("Test all" records as results arrive, a batch at a
    /// time): each profile's stored record, drift included, in the order given. A profile
    /// deleted meanwhile is skipped.
    pub fn record_tests(
        &self,
        batch: Vec<(String, TestRecord)>,
    ) -> Result<Vec<(String, TestRecord)>, ServiceError> {
        let (locked, mut next) = self.locked()?;
        let keep = self.history_retention.load(Ordering::Relaxed);
        let mut stored = Vec::new();
        for (id, record) in batch {
            if let Ok(profile) = next.record_test(&id, record, keep) {
                if let Some(first) = profile.history.first() {
                    stored.push((id, first.clone()));
                }
            }
        }
        locked.save(&next)?;
        *self.cache() = next;
        Ok(stored)
    }

    /// What profile `id`'s keychain `slot` holds (the profile must exist).
    pub(super) fn slot(&self, id: &str, slot: Slot) -> Result<Option<Secret>, ServiceError> {
        self.book().get(id)?;
        Ok(self.secrets.get(&slot.key(id))?)
    }

    /// Stores `secret` in profile `id`'s keychain `slot` (the profile must exist: no entry is
    /// written for a profile that is not there).
    pub(super) fn set_slot(
        &self,
        id: &str,
        slot: Slot,
        secret: &Secret,
    ) -> Result<(), ServiceError> {
        self.book().get(id)?;
        Ok(self.secrets.set(&slot.key(id), secret)?)
    }

    /// Empties profile `id`'s keychain `slot`; an empty one stays empty.
    pub(super) fn clear_slot(&self, id: &str, slot: Slot) -> Result<(), ServiceError> {
        Ok(self.secrets.delete(&slot.key(id))?)
    }

    /// Applies `change` to the book on disk and saves it, under the file's lock; the profile
    /// as changed.
    pub(super) fn change(
        &self,
        id: &str,
        change: impl FnOnce(&mut Profile),
    ) -> Result<Profile, ServiceError> {
        let (locked, mut next) = self.locked()?;
        let profile = next.get_mut(id)?;
        change(profile);
        let changed = profile.clone();
        locked.save(&next)?;
        *self.cache() = next;
        Ok(changed)
    }

    /// The file locked, and the book on it now: every change starts here, so it applies to
    /// what is on disk (the CLI records tests in the same file while the app runs).
    fn locked(&self) -> Result<(Locked<'_>, ProfileBook), ServiceError> {
        let locked = self.file.lock()?;
        let book = locked.read()?;
        Ok((locked, book))
    }

    /// The book for reading: the file's if it can be read, else the last one read.
    fn book(&self) -> MutexGuard<'_, ProfileBook> {
        let mut book = self.cache();
        if let Ok(on_disk) = self.file.read() {
            *book = on_disk;
        }
        book
    }

    fn cache(&self) -> MutexGuard<'_, ProfileBook> {
        // A panic elsewhere cannot leave the book half-changed: changes are made on a copy.
        self.book.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// [`ProfileService::endpoint`] for a draft or a saved profile's settings.
pub(super) fn endpoint_for(
    settings: &ProfileDraft,
    custom: Option<CustomHost<'_>>,
    sandbox: Option<&str>,
) -> Result<Endpoint, EndpointError> {
    match (custom, settings.cloud.zoom_cloud(), sandbox) {
        (Some(c), Some(_), _) if !c.allowed => Err(EndpointError::RealProfileElsewhere {
            profile: settings.name.clone(),
        }),
        (Some(c), _, _) => Endpoint::custom(c.url, c.allowed),
        (None, Some(cloud), _) => Ok(Endpoint::cloud(cloud)),
        (None, None, Some(url)) => Endpoint::custom(url, false),
        (None, None, None) => Err(EndpointError::SandboxElsewhere),
    }
}
