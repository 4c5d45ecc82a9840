//! The rotation assistant: replaces a profile's client secret without downtime, by either path.
//!
//! - *Manual*: the admin generates a new secret in the Marketplace and pastes it; it is tested
//!   before anything is stored, and a secret Zoom rejects is never stored.
//! - *API*: Zoom's `rotate_client_secret` issues the new secret and keeps the old one working
//!   until a revoke time ([`crate::marketplace`]); the new secret goes straight to the keychain.
//!
//! Either way the new secret is staged in its own keychain entry, tested, then swapped in, and
//! the old one is kept as the profile's *previous* secret (keychain only) until the admin
//! finishes the rotation or the chosen revoke time passes. Every step changes one thing — one
//! keychain entry or the profiles file — and the next step is worked out from what is stored
//! ([`Rotator::step`]), so a crash or a closed window between any two steps leaves a state the
//! assistant resumes from. The profile records the stage (never a secret):
//!
//! ```text
//! Started ─store new─▶ (staged) ─test─▶ Tested ─keep old─▶ ─promote new─▶ ─record─▶ Switched
//!   │ no staged secret after a crash: abandoned, nothing changed      ─forget staged─┘   │
//!   └ cancel                                          finish / revoke time: forget previous, done
//! ```
//!
//! Once switched, the new secret is carried to the profile's consumers (the places it is
//! deployed, [`super::consumers`]) one by one, each recorded as it ends; finishing — forgetting
//! the old secret — waits until every one is updated and checked, unless the admin forces it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::consumers::{self, ConsumerLine, ConsumerProgress, NoFileWriter, SettingWriter};
use super::service::{ProfileService, RotationSettings, ServiceError};
use super::slot::Slot;
use super::Profile;
use crate::creds::RawCredentials;
use crate::keychain::SecretStoreError;
use crate::marketplace::{self, RevokeOld, RotateAction, MAX_OVERLAP_SECS, ROTATE_SCOPE};
use crate::secret::Secret;
use crate::tester::{FailureReport, TestOptions, TokenTester};
use crate::ErrorKind;

/// How long the API path keeps the old secret working unless told otherwise.
pub const DEFAULT_API_OVERLAP_SECS: i64 = 24 * 60 * 60;

/// A rotation under way, as the profiles file records it (no secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rotation {
    /// Which path.
    pub via: RotationVia,
    /// How far it got.
    pub stage: RotationStage,
    /// When it started (Unix seconds).
    pub started_unix: i64,
    /// When the previous secret is forgotten (Zoom revokes it then, on the API path); none:
    /// when the admin finishes the rotation.
    pub keep_previous_until_unix: Option<i64>,
    /// When the new secret last got a token (Unix seconds).
    pub tested_unix: Option<i64>,
    /// How far each consumer of the secret got ([`RotationRequest::UpdateConsumers`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<ConsumerProgress>,
}

impl Rotation {
    /// The profile already uses the new secret (the old one may still be kept a while).
    pub fn new_secret_in_use(&self) -> bool {
        self.stage == RotationStage::Switched
    }
}

/// Where the new secret came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "path", rename_all = "snake_case")]
pub enum RotationVia {
    /// Pasted by the admin from the Marketplace.
    Manual,
    /// Issued by Zoom's `rotate_client_secret` for this App ID.
    Api {
        /// The app's Marketplace App ID.
        app_id: String,
    },
}

/// How far a rotation got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RotationStage {
    /// The new secret is on its way to the keychain, or staged there untested.
    Started,
    /// The staged secret got a token; it is being swapped in.
    Tested,
    /// The profile uses the new secret; the old one is kept as its previous secret.
    Switched,
}

/// One change the assistant made. Each is also a named fault point ([`Rotator::with_fault_point`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationStep {
    /// The start of a rotation was recorded (before anything else changed).
    Began,
    /// API path: Zoom issued the new secret; it is held in memory until it is stored.
    ZoomIssuedNew,
    /// The new secret went into its own keychain entry.
    StoredNew,
    /// The staged secret got a token; recorded.
    TestedNew,
    /// The current secret was copied to the previous-secret entry.
    KeptPrevious,
    /// The new secret became the profile's secret.
    PromotedNew,
    /// The switch was recorded (and the secret's age restarted).
    RecordedSwitch,
    /// The staged copy was removed.
    ForgotStaged,
    /// The previous secret was removed.
    ForgotPrevious,
    /// The rotation ended and the record was cleared.
    Finished,
    /// One consumer was updated (or failed to be) and its outcome recorded.
    UpdatedConsumer,
}

impl RotationStep {
    /// Every step, in the order a rotation takes them.
    pub const ALL: [RotationStep; 11] = [
        RotationStep::Began,
        RotationStep::ZoomIssuedNew,
        RotationStep::StoredNew,
        RotationStep::TestedNew,
        RotationStep::KeptPrevious,
        RotationStep::PromotedNew,
        RotationStep::RecordedSwitch,
        RotationStep::ForgotStaged,
        RotationStep::ForgotPrevious,
        RotationStep::Finished,
        RotationStep::UpdatedConsumer,
    ];

    /// Its name as a fault point (`stored_new`).
    pub fn name(self) -> &'static str {
        match self {
            RotationStep::Began => "began",
            RotationStep::ZoomIssuedNew => "zoom_issued_new",
            RotationStep::StoredNew => "stored_new",
            RotationStep::TestedNew => "tested_new",
            RotationStep::KeptPrevious => "kept_previous",
            RotationStep::PromotedNew => "promoted_new",
            RotationStep::RecordedSwitch => "recorded_switch",
            RotationStep::ForgotStaged => "forgot_staged",
            RotationStep::ForgotPrevious => "forgot_previous",
            RotationStep::Finished => "finished",
            RotationStep::UpdatedConsumer => "updated_consumer",
        }
    }
}

/// What the admin asks of a rotation: one request type for the app and the CLI, run by
/// [`Rotator::handle`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RotationRequest {
    /// Take any step due (a rotation a crash or a closed window interrupted, a revoke time
    /// passed) and say where it stands.
    Resume,
    /// Manual path: the secret the admin generated in the Marketplace, tested before it is
    /// stored; optionally when to forget the old one by itself (Unix seconds).
    StartManual {
        /// The new secret.
        new_secret: Secret,
        /// When the old secret is forgotten by itself; none: when the admin finishes.
        keep_previous_until_unix: Option<i64>,
    },
    /// API path: Zoom issues the new secret; the old one works until `revoke_old_unix`
    /// (default 24 h).
    StartApi {
        /// The app's Marketplace App ID; none: the one the profile remembers.
        app_id: Option<String>,
        /// When Zoom revokes the old secret (Unix seconds).
        revoke_old_unix: Option<i64>,
    },
    /// Move the old secret's revoke time (Zoom's too, on the API path).
    MoveRevokeTime {
        /// The new time (Unix seconds).
        revoke_old_unix: i64,
    },
    /// Carry the new secret (once switched in) to the profile's consumers and run their checks:
    /// those named in `only`, or else every one not done yet. A consumer that fails leaves the
    /// others as they are and can be retried.
    UpdateConsumers {
        /// Consumer ids; none: every consumer not updated and checked yet.
        #[serde(default)]
        only: Option<Vec<String>>,
    },
    /// The deployments switched: forget the old secret now (Zoom revokes it, on the API path).
    /// Refused while a consumer is not updated and checked, unless `force`.
    Finish {
        /// Go ahead although some consumer is not done.
        #[serde(default)]
        force: bool,
    },
    /// Drop a rotation whose new secret is not switched in yet, when that loses nothing.
    Cancel,
}

/// Why the API path is not available for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ApiUnavailable {
    /// No App ID given or remembered.
    #[error("no App ID: give the app's App ID (Marketplace → Manage → your app); it is not the Client ID")]
    NoAppId,
    /// No test has shown the token's scopes yet.
    #[error("S2S Desk has not seen this app's token yet: test it first, so S2S Desk can check that the app may rotate its own secret")]
    NeverTested,
    /// The token lacks the rotation scope.
    #[error("the app's token lacks {ROTATE_SCOPE}: add that scope on the app's Scopes page and test again, or paste a new secret instead")]
    MissingScope,
}

/// Why the API path is closed, with the words the app and the CLI both show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApiUnavailableNotice {
    /// Why, for the app to branch on.
    pub reason: ApiUnavailable,
    /// What it means and what to do.
    pub message: String,
}

impl From<ApiUnavailable> for ApiUnavailableNotice {
    fn from(reason: ApiUnavailable) -> Self {
        Self {
            reason,
            message: reason.to_string(),
        }
    }
}

/// Why a rotation step did not happen. Nothing was changed by the step that failed.
#[derive(Debug, thiserror::Error)]
pub enum RotationError {
    /// The profile, the keychain or the file.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// Zoom did not issue a token with the new secret: it was not stored.
    #[error("Zoom did not accept the new client secret: {}", .0.message)]
    NewSecretRejected(FailureReport),
    /// The pasted secret is the one already stored.
    #[error("that is the client secret the profile already uses")]
    SameSecret,
    /// Nothing was pasted.
    #[error("the new client secret is empty")]
    EmptySecret,
    /// Another rotation of this profile is under way.
    #[error("a rotation of this profile is already under way ({0})")]
    InProgress(String),
    /// Finish, cancel or move the revoke time of a rotation that is not there (or not at the
    /// right stage).
    #[error("{0}")]
    NotApplicable(String),
    /// The API path cannot be used.
    #[error("Zoom's rotation API cannot be used for this profile: {0}")]
    ApiUnavailable(ApiUnavailable),
    /// Zoom (or the network) refused: the token with the current secret, or the rotation call.
    #[error("{}", .0.message)]
    Zoom(FailureReport),
    /// A revoke time in the past or too far ahead.
    #[error("{0}")]
    BadRevokeTime(String),
    /// Cancelling now could throw away the only secret Zoom will accept; nothing was changed.
    #[error("the rotation was not cancelled: {reason}")]
    CannotCancel {
        /// Why.
        reason: String,
        /// What to do instead.
        advice: String,
    },
    /// Finishing would revoke the old secret while these consumers may still use it.
    #[error("the old secret was kept: {} not updated and checked yet", consumers_named(.0))]
    ConsumersNotDone(Vec<String>),
    /// A crash came between Zoom issuing a secret and the keychain storing it.
    #[error(
        "the rotation stopped before its new secret reached the keychain; the record was cleared"
    )]
    Abandoned {
        /// What that means for this path, and what to do.
        advice: String,
    },
}

impl RotationError {
    /// The failure kind scripts and the app act on (the CLI's exit code).
    pub fn kind(&self) -> ErrorKind {
        match self {
            RotationError::NewSecretRejected(f) | RotationError::Zoom(f) => f.kind,
            RotationError::ApiUnavailable(ApiUnavailable::MissingScope) => ErrorKind::MissingScope,
            _ => ErrorKind::InvalidInput,
        }
    }

    /// What to do.
    pub fn advice(&self) -> String {
        match self {
            RotationError::Service(ServiceError::Keychain(k)) => k.advice().into(),
            RotationError::Service(_) => "Check the profile in S2S Desk; nothing was changed.".into(),
            RotationError::NewSecretRejected(f) => format!(
                "Nothing was stored; the profile keeps its current secret. {}",
                f.advice
            ),
            RotationError::SameSecret | RotationError::EmptySecret => {
                "Generate a new secret on the app's App Credentials page in the Marketplace, then paste that one.".into()
            }
            RotationError::InProgress(_) => {
                "Resume it (S2S Desk picks up where it stopped), finish it, or cancel it if the new secret was not switched in yet.".into()
            }
            RotationError::NotApplicable(_) => "Look at the profile's rotation status first.".into(),
            RotationError::ApiUnavailable(_) => {
                "Rotate manually: generate a new secret on the App Credentials page and paste it.".into()
            }
            RotationError::Zoom(f) => f.advice.clone(),
            RotationError::BadRevokeTime(_) => {
                "Give a time between now and 30 days ahead, or `now`.".into()
            }
            RotationError::ConsumersNotDone(_) => {
                "Update the consumers (and retry the ones that failed) first, or finish anyway if you switched them yourself.".into()
            }
            RotationError::Abandoned { advice } | RotationError::CannotCancel { advice, .. } => {
                advice.clone()
            }
        }
    }
}

/// A profile's rotation, as the app and the CLI show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RotationStatus {
    /// Whose.
    pub profile_id: String,
    /// The rotation under way; none when there is none.
    pub rotation: Option<Rotation>,
    /// Whether the keychain still holds the previous secret.
    pub previous_kept: bool,
    /// One line for people: "rotation in progress: new secret tested, old one kept until …".
    pub summary: String,
    /// Why Zoom's rotation API cannot be used, if it cannot (from the latest test and the
    /// remembered App ID; the API path checks again with a fresh token).
    pub api_unavailable: Option<ApiUnavailableNotice>,
    /// The profile's remembered App ID.
    pub app_id: Option<String>,
    /// Why the rotation cannot be cancelled now, if it cannot (the app shows this instead of
    /// a Cancel button). A manual rotation's cancel is also checked with Zoom when asked.
    pub cancel_refused: Option<String>,
    /// The places the secret is deployed and how far each got in this rotation (all pending
    /// before the switch); empty when the profile has none.
    pub consumers: Vec<ConsumerLine>,
}

type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;
type FaultPoint = Arc<dyn Fn(RotationStep) + Send + Sync>;

/// Drives one profile's rotation, one persisted change per [`Self::step`].
pub struct Rotator<'a> {
    service: &'a ProfileService,
    tester: &'a TokenTester,
    options: TestOptions,
    id: String,
    /// A new secret known only in memory until [`RotationStep::StoredNew`].
    carried: Option<Secret>,
    /// The admin asked to finish (forget the previous secret now).
    finishing: bool,
    clock: Clock,
    /// Called after each change is made (tests stop the process there).
    fault_point: Option<FaultPoint>,
    /// Writes file consumers (s2s-migrate's engine, handed in by the app and the CLI).
    files: Arc<dyn SettingWriter>,
}

impl ProfileService {
    /// A rotator for profile `id`, testing against its cloud (or the Sandbox).
    pub fn rotator<'a>(
        &'a self,
        tester: &'a TokenTester,
        id: &str,
    ) -> Result<Rotator<'a>, ServiceError> {
        let profile = self.get(id)?;
        let options = TestOptions::new(self.endpoint(&profile, None)?);
        Ok(self.rotator_with(tester, &profile, options))
    }

    /// A rotator whose tests use `options` (the CLI's endpoint flags); only the endpoint,
    /// timeout and token slot matter: a rotation's tests ask for a token and nothing else.
    pub fn rotator_with<'a>(
        &'a self,
        tester: &'a TokenTester,
        profile: &Profile,
        mut options: TestOptions,
    ) -> Rotator<'a> {
        options.probe = false;
        options.required_scopes.clear();
        options.token_index = options.token_index.or(profile.token_index);
        Rotator {
            service: self,
            tester,
            options,
            id: profile.id.to_string(),
            carried: None,
            finishing: false,
            clock: Arc::new(crate::clock::now_unix),
            fault_point: None,
            files: Arc::new(NoFileWriter),
        }
    }

    /// Remembers the app's Marketplace App ID and the secret's reminder period; a period
    /// outside [`REMINDER_DAYS`](super::health::REMINDER_DAYS) is refused, nothing changed.
    pub fn set_rotation_settings(
        &self,
        id: &str,
        settings: RotationSettings,
    ) -> Result<Profile, ServiceError> {
        let settings = settings.checked()?;
        self.change(id, |p| settings.apply(p))
    }

    /// Where profile `id`'s rotation stands.
    pub fn rotation_status(&self, id: &str) -> Result<RotationStatus, ServiceError> {
        let profile = self.get(id)?;
        let previous_kept = self.slot(id, Slot::RotationPrevious)?.is_some();
        let cancel_refused = match &profile.rotation {
            Some(r) => {
                let staged = self.slot(id, Slot::RotationNew)?.is_some();
                cancel_refused(r, staged).map(|refusal| refusal.0)
            }
            None => None,
        };
        let progress = profile
            .rotation
            .as_ref()
            .map_or(&[][..], |r| &r.consumers[..]);
        let checklist = consumers::checklist(&profile, progress);
        let mut summary = summary(profile.rotation.as_ref(), previous_kept);
        let not_done = checklist.iter().filter(|c| !c.state.done()).count();
        if profile
            .rotation
            .as_ref()
            .is_some_and(Rotation::new_secret_in_use)
            && not_done > 0
        {
            summary.push_str(&format!(
                "; {not_done} of {} deployments do not have it yet",
                checklist.len()
            ));
        }
        Ok(RotationStatus {
            consumers: checklist,
            profile_id: id.into(),
            summary,
            api_unavailable: api_unavailable(&profile, profile.app_id.as_deref()).map(Into::into),
            app_id: profile.app_id.clone(),
            rotation: profile.rotation,
            previous_kept,
            cancel_refused,
        })
    }

    /// The previous secret, for an explicit reveal (a deployment rolled back).
    pub fn reveal_previous_secret(&self, id: &str) -> Result<Option<Secret>, ServiceError> {
        self.get(id)?;
        self.slot(id, Slot::RotationPrevious)
    }
}

/// Why the API path cannot be used with `app_id`, judged from the latest token seen.
pub fn api_unavailable(profile: &Profile, app_id: Option<&str>) -> Option<ApiUnavailable> {
    if app_id.is_none_or(|a| a.trim().is_empty()) {
        return Some(ApiUnavailable::NoAppId);
    }
    let Some(latest) = profile.history.iter().find(|r| r.got_token()) else {
        return Some(ApiUnavailable::NeverTested);
    };
    let holds = latest.scopes.iter().any(|s| s.as_str() == ROTATE_SCOPE);
    (!holds).then_some(ApiUnavailable::MissingScope)
}

/// Why `rotation` cannot be cancelled whatever Zoom says now (reason, advice), if it cannot.
/// No cancel may delete a secret that may be the only one Zoom will accept: past its test the
/// new secret is on its way in; on the API path Zoom revokes the current one at its time.
fn cancel_refused(rotation: &Rotation, staged: bool) -> Option<(String, String)> {
    if rotation.stage != RotationStage::Started {
        return Some((
            "the new secret already passed its test and is being switched in".into(),
            "Resume the rotation to finish switching it in; it cannot be stopped half-way.".into(),
        ));
    }
    match (&rotation.via, staged) {
        (RotationVia::Api { .. }, true) => Some((
            format!(
                "Zoom already issued the new secret and revokes the current one {}: cancelling would throw away the only secret that works after then",
                rotation
                    .keep_previous_until_unix
                    .map_or_else(|| "at its revoke time".into(), |t| format!("at {}", crate::clock::utc_text(t)))
            ),
            "Resume the rotation: S2S Desk tests the new secret again and switches to it. If Zoom or the network is down, try again later — before the revoke time.".into(),
        )),
        _ => None,
    }
}

/// "rotation in progress: new secret tested, old one kept until …".
pub fn summary(rotation: Option<&Rotation>, previous_kept: bool) -> String {
    let Some(r) = rotation else {
        return "no rotation in progress".into();
    };
    let until = match r.keep_previous_until_unix {
        Some(t) => format!("until {}", crate::clock::utc_text(t)),
        None => "until you finish the rotation".into(),
    };
    let zoom = match &r.via {
        RotationVia::Api { .. } => " (Zoom revokes it then)",
        RotationVia::Manual => "",
    };
    match r.stage {
        RotationStage::Started => {
            "rotation in progress: the new secret is not stored and tested yet — resume to continue".into()
        }
        RotationStage::Tested => {
            "rotation in progress: new secret tested, not switched in yet — resume to continue".into()
        }
        RotationStage::Switched if previous_kept => {
            format!("rotation in progress: new secret tested and in use, old one still kept {until}{zoom}")
        }
        RotationStage::Switched => {
            "rotation in progress: new secret in use, old one already forgotten — finish to close it".into()
        }
    }
}

impl Rotator<'_> {
    /// Writes file consumers with `files` (the app's and the CLI's s2s-migrate engine).
    pub fn with_setting_writer(mut self, files: Arc<dyn SettingWriter>) -> Self {
        self.files = files;
        self
    }

    /// Reads "now" from `clock` instead of the wall clock (tests move time).
    pub fn with_clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Calls `point` right after each change is made, with the step it was: tests stop the
    /// process there to prove a crash at every point resumes.
    pub fn with_fault_point(
        mut self,
        point: impl Fn(RotationStep) + Send + Sync + 'static,
    ) -> Self {
        self.fault_point = Some(Arc::new(point));
        self
    }

    fn reached(&self, step: RotationStep) {
        if let Some(point) = &self.fault_point {
            point(step);
        }
    }

    /// Runs what the admin asked, then takes every step there is to take; where the rotation
    /// then stands. The app's and the CLI's one entry point.
    pub async fn handle(
        &mut self,
        request: RotationRequest,
    ) -> Result<RotationStatus, RotationError> {
        match request {
            RotationRequest::Resume => {}
            RotationRequest::StartManual {
                new_secret,
                keep_previous_until_unix,
            } => {
                self.begin_manual(&new_secret, keep_previous_until_unix)
                    .await?
            }
            RotationRequest::StartApi {
                app_id,
                revoke_old_unix,
            } => self.begin_api(app_id.as_deref(), revoke_old_unix).await?,
            RotationRequest::MoveRevokeTime { revoke_old_unix } => {
                self.run().await?;
                self.move_revoke_time(RevokeOld::At(revoke_old_unix))
                    .await?;
            }
            RotationRequest::UpdateConsumers { only } => {
                self.run().await?;
                self.update_consumers(only.as_deref()).await?;
            }
            RotationRequest::Finish { force } => {
                self.run().await?;
                self.finish(force).await?;
            }
            RotationRequest::Cancel => self.cancel().await?,
        }
        self.run().await
    }

    /// Starts a manual rotation with `new_secret`: tested first, and only stored (staged) when
    /// Zoom issues a token with it. `keep_previous_until` (Unix seconds) ends the rotation by
    /// itself; none: the admin finishes it.
    pub async fn begin_manual(
        &mut self,
        new_secret: &Secret,
        keep_previous_until: Option<i64>,
    ) -> Result<(), RotationError> {
        let new_secret = new_secret.trimmed();
        if new_secret.expose().is_empty() {
            return Err(RotationError::EmptySecret);
        }
        let keep_until = keep_previous_until
            .map(|t| self.checked_revoke_time(t))
            .transpose()?;
        let (profile, current) = self.ready_to_begin()?;
        if current.expose() == new_secret.expose() {
            return Err(RotationError::SameSecret);
        }
        self.test(&profile, &new_secret).await?;
        let now = self.now();
        self.record(|p| {
            p.rotation = Some(Rotation {
                via: RotationVia::Manual,
                stage: RotationStage::Started,
                started_unix: now,
                keep_previous_until_unix: keep_until,
                tested_unix: Some(now),
                consumers: Vec::new(),
            });
        })?;
        self.reached(RotationStep::Began);
        self.carried = Some(new_secret);
        Ok(())
    }

    /// Starts an API rotation: checks the current token may rotate (a fresh token, its
    /// scopes), records the start, asks Zoom for a new secret that keeps the old one working
    /// until `revoke` (default 24 h), and carries it to the keychain in the next step. The App
    /// ID is remembered on the profile.
    pub async fn begin_api(
        &mut self,
        app_id: Option<&str>,
        revoke_old_unix: Option<i64>,
    ) -> Result<(), RotationError> {
        let (profile, current) = self.ready_to_begin()?;
        let app_id = app_id
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .or(profile.app_id.as_deref())
            .map(String::from)
            .ok_or(RotationError::ApiUnavailable(ApiUnavailable::NoAppId))?;
        let revoke =
            match revoke_old_unix {
                None => RevokeOld::At(self.now() + DEFAULT_API_OVERLAP_SECS),
                Some(t) if t <= self.now() => return Err(RotationError::BadRevokeTime(
                    "revoking the old secret at once would break every deployment still using it"
                        .into(),
                )),
                Some(t) => RevokeOld::At(self.checked_revoke_time(t)?),
            };
        let outcome = self.token_with(&profile, &current).await?;
        if !outcome
            .report
            .token
            .scopes
            .iter()
            .any(|s| s.raw == ROTATE_SCOPE)
        {
            return Err(RotationError::ApiUnavailable(ApiUnavailable::MissingScope));
        }
        let (api_url, token) = (outcome.report.token.api_url, outcome.access_token);
        let http = self.http()?;
        let now = self.now();
        let requested = match revoke {
            RevokeOld::At(t) => Some(t),
            RevokeOld::Now => None,
        };
        let remembered = profile.app_id.clone();
        self.record(|p| {
            p.app_id = Some(app_id.clone());
            p.rotation = Some(Rotation {
                via: RotationVia::Api {
                    app_id: app_id.clone(),
                },
                stage: RotationStage::Started,
                started_unix: now,
                keep_previous_until_unix: requested,
                tested_unix: None,
                consumers: Vec::new(),
            });
        })?;
        self.reached(RotationStep::Began);
        let rotated = marketplace::rotate_client_secret(
            &http,
            &api_url,
            &token,
            &app_id,
            RotateAction::New,
            revoke,
        )
        .await;
        let rotated = match rotated {
            Ok(r) => r,
            Err(failure) => {
                // Zoom changed nothing: neither does S2S Desk (an App ID Zoom refused is not
                // remembered either).
                self.record(|p| {
                    p.rotation = None;
                    p.app_id = remembered;
                })?;
                return Err(RotationError::Zoom(failure));
            }
        };
        let Some(new_secret) = rotated.new_secret else {
            self.record(|p| p.rotation = None)?;
            return Err(RotationError::Zoom(FailureReport::local(
                ErrorKind::UnexpectedResponse,
                "Zoom's answer carried no new secret",
                "Look at the app's App Credentials page in the Marketplace; if a new secret is there, rotate manually with it.",
            )));
        };
        if rotated.revoke_old_unix != requested {
            let answered = rotated.revoke_old_unix;
            self.record(|p| {
                if let Some(r) = p.rotation.as_mut() {
                    r.keep_previous_until_unix = answered;
                }
            })?;
        }
        self.carried = Some(new_secret);
        self.reached(RotationStep::ZoomIssuedNew);
        Ok(())
    }

    /// Carries the switched-in secret to the consumers named in `only` (else every one not done
    /// yet), one at a time off the async threads, recording each outcome before the next
    /// ([`RotationStep::UpdatedConsumer`]). A failure is recorded, not returned: the others
    /// still run.
    pub async fn update_consumers(&mut self, only: Option<&[String]>) -> Result<(), RotationError> {
        let rotation = self.rotation()?;
        if rotation.stage != RotationStage::Switched {
            return Err(RotationError::NotApplicable(
                "the new secret is not switched in yet: resume the rotation before updating where it is deployed"
                    .into(),
            ));
        }
        let (profile, raw) = self.service.credentials(&self.id)?;
        if let Some(unknown) = only
            .into_iter()
            .flatten()
            .find(|id| !profile.consumers.iter().any(|c| &c.id == *id))
        {
            return Err(
                ServiceError::from(consumers::ConsumerError::NotFound(unknown.clone())).into(),
            );
        }
        let due: Vec<_> = consumers::checklist(&profile, &rotation.consumers)
            .into_iter()
            .filter(|line| match only {
                Some(ids) => ids.contains(&line.id),
                None => !line.state.done(),
            })
            .filter_map(|line| profile.consumers.iter().find(|c| c.id == line.id).cloned())
            .collect();
        for consumer in due {
            let (secret, files) = (raw.client_secret.clone(), Arc::clone(&self.files));
            let report = tokio::task::spawn_blocking(move || {
                consumers::update(&consumer, &secret, files.as_ref())
            })
            .await
            .map_err(|e| {
                RotationError::NotApplicable(format!(
                    "updating a consumer stopped unexpectedly ({e})"
                ))
            })?;
            let progress = report.progress(self.now());
            self.record(|p| {
                if let Some(r) = p.rotation.as_mut() {
                    r.consumers.retain(|c| c.id != progress.id);
                    r.consumers.push(progress);
                }
            })?;
            self.reached(RotationStep::UpdatedConsumer);
        }
        Ok(())
    }

    /// Asks to forget the previous secret now: on the API path Zoom first revokes it (its
    /// revoke time moved to `now`); then the previous secret leaves the keychain and the
    /// rotation ends. Refused while a consumer is not done, unless `force`. Run [`Self::run`]
    /// after.
    pub async fn finish(&mut self, force: bool) -> Result<(), RotationError> {
        let rotation = self.rotation()?;
        if rotation.stage != RotationStage::Switched {
            return Err(RotationError::NotApplicable(
                "the new secret is not switched in yet: resume the rotation before finishing it"
                    .into(),
            ));
        }
        let profile = self.service.get(&self.id)?;
        let not_done: Vec<String> = consumers::checklist(&profile, &rotation.consumers)
            .into_iter()
            .filter(|line| !line.state.done())
            .map(|line| line.label)
            .collect();
        if !force && !not_done.is_empty() {
            return Err(RotationError::ConsumersNotDone(not_done));
        }
        let revoke_pending = rotation
            .keep_previous_until_unix
            .is_some_and(|t| t > self.now());
        if let (RotationVia::Api { app_id }, true) = (&rotation.via, revoke_pending) {
            self.ask_zoom_to_revoke(app_id, RevokeOld::Now).await?;
        }
        self.finishing = true;
        Ok(())
    }

    /// Moves the previous secret's revoke time (API path: Zoom's too). `Now` finishes.
    pub async fn move_revoke_time(&mut self, revoke: RevokeOld) -> Result<(), RotationError> {
        let RevokeOld::At(t) = revoke else {
            return self.finish(false).await;
        };
        let t = self.checked_revoke_time(t)?;
        let rotation = self.rotation()?;
        if let RotationVia::Api { app_id } = &rotation.via {
            if rotation.stage == RotationStage::Started {
                return Err(RotationError::NotApplicable(
                    "the new secret is not stored yet: resume the rotation first".into(),
                ));
            }
            self.ask_zoom_to_revoke(app_id, RevokeOld::At(t)).await?;
        }
        self.record(|p| {
            if let Some(r) = p.rotation.as_mut() {
                r.keep_previous_until_unix = Some(t);
            }
        })?;
        Ok(())
    }

    /// Drops a rotation whose new secret is not switched in yet, when that loses nothing: the
    /// profile keeps its current secret. Refused ([`RotationError::CannotCancel`], nothing
    /// changed) when the staged secret may be the only one Zoom will accept: on the API path
    /// (Zoom revokes the current one at its time), and on the manual path unless Zoom, asked
    /// now, still takes the current secret or refuses the staged one.
    pub async fn cancel(&mut self) -> Result<(), RotationError> {
        let rotation = self.rotation()?;
        let staged = self.read(Slot::RotationNew)?;
        if let Some((reason, advice)) = cancel_refused(&rotation, staged.is_some()) {
            return Err(RotationError::CannotCancel { reason, advice });
        }
        if let Some(staged) = &staged {
            let (profile, current) = self.service.credentials(&self.id)?;
            if let Err(current_refused) = self.token_with(&profile, &current.client_secret).await {
                let staged_refused = matches!(
                    self.token_with(&profile, staged).await,
                    Err(RotationError::Zoom(f)) if f.kind == ErrorKind::InvalidClient
                );
                if !staged_refused {
                    return Err(RotationError::CannotCancel {
                        reason: format!(
                            "Zoom does not issue a token with the current secret now ({current_refused}), so the new one may be the only secret that works"
                        ),
                        advice: "Resume the rotation to switch to the new secret; if Zoom or the network is down, try again later.".into(),
                    });
                }
            }
        }
        self.service.clear_slot(&self.id, Slot::RotationNew)?;
        self.carried = None;
        self.record(|p| p.rotation = None)?;
        Ok(())
    }

    /// Takes every step there is to take now; where the rotation then stands.
    pub async fn run(&mut self) -> Result<RotationStatus, RotationError> {
        while self.step().await?.is_some() {}
        Ok(self.service.rotation_status(&self.id)?)
    }

    /// Takes the next step, worked out from what the file and the keychain hold: exactly one
    /// change, or none (`Ok(None)`) when the rotation waits for the admin or is over.
    pub async fn step(&mut self) -> Result<Option<RotationStep>, RotationError> {
        let step = self.next_change().await?;
        if let Some(step) = step {
            self.reached(step);
        }
        Ok(step)
    }

    async fn next_change(&mut self) -> Result<Option<RotationStep>, RotationError> {
        let profile = self.service.get(&self.id)?;
        let Some(rotation) = profile.rotation.clone() else {
            return Ok(None);
        };
        let staged = self.read(Slot::RotationNew)?;
        match rotation.stage {
            RotationStage::Started => match (staged, self.carried.take()) {
                (Some(staged), _) => {
                    if let Err(e) = self.test(&profile, &staged).await {
                        return Err(still_staged(e));
                    }
                    let now = self.now();
                    self.record(|p| {
                        if let Some(r) = p.rotation.as_mut() {
                            r.stage = RotationStage::Tested;
                            r.tested_unix = Some(now);
                        }
                    })?;
                    Ok(Some(RotationStep::TestedNew))
                }
                (None, Some(carried)) => {
                    if let Err(e) = self.service.set_slot(&self.id, Slot::RotationNew, &carried) {
                        self.carried = Some(carried);
                        return Err(e.into());
                    }
                    Ok(Some(RotationStep::StoredNew))
                }
                (None, None) => {
                    self.record(|p| p.rotation = None)?;
                    Err(RotationError::Abandoned {
                        advice: abandoned_advice(&rotation),
                    })
                }
            },
            RotationStage::Tested => {
                let Some(staged) = staged else {
                    // Only a hand outside S2S Desk removes a staged secret before the switch.
                    self.record(|p| p.rotation = None)?;
                    return Err(RotationError::Abandoned {
                        advice: "The new secret's keychain entry is gone; the profile still uses its old secret. Start the rotation again.".into(),
                    });
                };
                let current = self.read(Slot::ClientSecret)?;
                let current = current.map(|c| c.expose().to_owned());
                if current.as_deref() == Some(staged.expose()) {
                    let now = self.now();
                    self.record(|p| {
                        p.secret_saved_unix = Some(now);
                        if let Some(r) = p.rotation.as_mut() {
                            r.stage = RotationStage::Switched;
                        }
                    })?;
                    return Ok(Some(RotationStep::RecordedSwitch));
                }
                let previous = self.read(Slot::RotationPrevious)?;
                let kept = previous.is_some()
                    && previous.as_ref().map(Secret::expose) == current.as_deref();
                match (kept, current) {
                    (false, Some(current)) => {
                        self.service.set_slot(
                            &self.id,
                            Slot::RotationPrevious,
                            &Secret::new(current),
                        )?;
                        Ok(Some(RotationStep::KeptPrevious))
                    }
                    _ => {
                        self.service
                            .set_slot(&self.id, Slot::ClientSecret, &staged)?;
                        Ok(Some(RotationStep::PromotedNew))
                    }
                }
            }
            RotationStage::Switched => {
                if staged.is_some() {
                    self.service.clear_slot(&self.id, Slot::RotationNew)?;
                    return Ok(Some(RotationStep::ForgotStaged));
                }
                let previous_kept = self.read(Slot::RotationPrevious)?.is_some();
                let due = rotation
                    .keep_previous_until_unix
                    .is_some_and(|t| t <= self.now());
                match (previous_kept, self.finishing || due) {
                    (true, true) => {
                        self.service.clear_slot(&self.id, Slot::RotationPrevious)?;
                        Ok(Some(RotationStep::ForgotPrevious))
                    }
                    (false, _) => {
                        self.finishing = false;
                        self.record(|p| p.rotation = None)?;
                        Ok(Some(RotationStep::Finished))
                    }
                    (true, false) => Ok(None),
                }
            }
        }
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    fn read(&self, slot: Slot) -> Result<Option<Secret>, RotationError> {
        Ok(self.service.slot(&self.id, slot)?)
    }

    fn record(&self, change: impl FnOnce(&mut Profile)) -> Result<Profile, RotationError> {
        Ok(self.service.change(&self.id, change)?)
    }

    fn rotation(&self) -> Result<Rotation, RotationError> {
        self.service.get(&self.id)?.rotation.ok_or_else(|| {
            RotationError::NotApplicable("this profile has no rotation in progress".into())
        })
    }

    /// The profile and its current secret, once the keychain answered and no other rotation
    /// is under way: nothing is changed before this holds.
    fn ready_to_begin(&self) -> Result<(Profile, Secret), RotationError> {
        self.service.keychain_status().map_err(svc)?;
        let (profile, raw) = self.service.credentials(&self.id)?;
        if let Some(r) = &profile.rotation {
            return Err(RotationError::InProgress(summary(
                Some(r),
                self.read(Slot::RotationPrevious)?.is_some(),
            )));
        }
        // Entries no recorded rotation accounts for (a profiles file restored from a backup)
        // must not be taken for this rotation's.
        for slot in [Slot::RotationNew, Slot::RotationPrevious] {
            self.service.clear_slot(&self.id, slot)?;
        }
        Ok((profile, raw.client_secret))
    }

    fn checked_revoke_time(&self, t: i64) -> Result<i64, RotationError> {
        let now = self.now();
        if t <= now {
            return Err(RotationError::BadRevokeTime(format!(
                "{} is not in the future",
                crate::clock::utc_text(t)
            )));
        }
        if t > now + MAX_OVERLAP_SECS {
            return Err(RotationError::BadRevokeTime(format!(
                "{} is more than 30 days ahead, the most Zoom allows",
                crate::clock::utc_text(t)
            )));
        }
        Ok(t)
    }

    /// Zoom issues a token with `secret` (nothing else is asked).
    async fn test(&self, profile: &Profile, secret: &Secret) -> Result<(), RotationError> {
        self.token_with(profile, secret)
            .await
            .map(drop)
            .map_err(|e| match e {
                RotationError::Zoom(f) => RotationError::NewSecretRejected(f),
                other => other,
            })
    }

    /// A fresh token with `secret`.
    async fn token_with(
        &self,
        profile: &Profile,
        secret: &Secret,
    ) -> Result<crate::tester::TestOutcome, RotationError> {
        let raw = RawCredentials::new(
            profile.account_id.clone(),
            profile.client_id.clone(),
            secret.clone(),
        );
        let outcome = self
            .tester
            .test(&raw, &self.options)
            .await
            .map_err(|e| RotationError::Zoom(FailureReport::from(&e)))?;
        Ok(outcome)
    }

    fn http(&self) -> Result<reqwest::Client, RotationError> {
        self.tester.http().map_err(|e| {
            RotationError::Zoom(FailureReport::from(&crate::tester::TestError::Token(e)))
        })
    }

    /// `update` with the profile's current secret's token (the new one, once switched).
    async fn ask_zoom_to_revoke(
        &self,
        app_id: &str,
        revoke: RevokeOld,
    ) -> Result<(), RotationError> {
        let (profile, raw) = self.service.credentials(&self.id)?;
        let outcome = self.token_with(&profile, &raw.client_secret).await?;
        let http = self.http()?;
        match marketplace::rotate_client_secret(
            &http,
            &outcome.report.token.api_url,
            &outcome.access_token,
            app_id,
            RotateAction::Update,
            revoke,
        )
        .await
        {
            Ok(_) => Ok(()),
            // Only Zoom's answer that no old secret is left means the revoke already happened;
            // any other refusal leaves Zoom accepting the old one, so the rotation stays.
            Err(f) if revoke == RevokeOld::Now && marketplace::no_old_secret_left(&f) => {
                tracing::info!("Zoom had no old secret left to revoke");
                Ok(())
            }
            Err(f) => Err(RotationError::Zoom(f)),
        }
    }
}

/// A staged secret that failed its test is kept (on the API path it exists nowhere else): say
/// so, instead of the manual path's "nothing was stored".
fn still_staged(e: RotationError) -> RotationError {
    match e {
        RotationError::NewSecretRejected(mut f) => {
            f.advice = format!(
                "The new secret stays staged, not in use: resume to test it again, or cancel the rotation. {}",
                f.advice
            );
            RotationError::Zoom(f)
        }
        other => other,
    }
}

/// "\"Vault\" and \"production .env\" are" — consumers as a sentence names them.
fn consumers_named(labels: &[String]) -> String {
    let quoted: Vec<String> = labels
        .iter()
        .map(|l| format!("\"{}\"", crate::display::inert(l)))
        .collect();
    match quoted.as_slice() {
        [one] => format!("{one} is"),
        [rest @ .., last] => format!("{} and {last} are", rest.join(", ")),
        [] => "no consumer is".into(),
    }
}

fn svc(e: SecretStoreError) -> RotationError {
    RotationError::Service(ServiceError::Keychain(e))
}

fn abandoned_advice(rotation: &Rotation) -> String {
    match (&rotation.via, rotation.keep_previous_until_unix) {
        (RotationVia::Manual, _) => {
            "Nothing was changed: the profile still uses its current secret. Paste the new secret again.".into()
        }
        (RotationVia::Api { .. }, until) => format!(
            "Zoom may have issued a new secret that never reached the keychain. The profile's current secret keeps working until {}; before then, generate a new secret on the App Credentials page in the Marketplace and rotate manually with it.",
            until.map_or_else(|| "Zoom revokes it".into(), crate::clock::utc_text)
        ),
    }
}
