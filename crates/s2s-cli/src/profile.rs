//! `--profile NAME`: a profile saved by S2S Desk, through the core's `ProfileService` over the
//! same profiles file and OS keychain entries the app uses.

use s2s_core::profiles::service::ProfileService;
use s2s_core::profiles::Profile;

use crate::failure::{usage, Failure};

/// The profiles, as the app sees them. An unreadable file is refused and left exactly as it
/// is (a newer S2S Desk may be using it).
pub fn open_service() -> Result<ProfileService, Failure> {
    let service = ProfileService::open_default().map_err(|e| {
        usage(
            e.to_string(),
            "Check the data folder's permissions, or pass --account-id and --client-id instead.",
        )
    })?;
    if let Some(problem) = service.file_problem() {
        return Err(usage(
            problem.to_string(),
            "The CLI never changes or moves an unreadable profiles file: open S2S Desk (the same or a newer version) to deal with it, or pass --account-id and --client-id.",
        ));
    }
    Ok(service)
}

/// Profile `name` (ignoring case), without touching the keychain.
pub fn find(name: &str) -> Result<Profile, Failure> {
    find_in(&open_service()?, name)
}

/// Profile `name` in `service`.
pub fn find_in(service: &ProfileService, name: &str) -> Result<Profile, Failure> {
    service.find_by_name(name).map_err(|e| {
        usage(
            e.to_string(),
            "List your profiles in S2S Desk; names are matched ignoring case.",
        )
    })
}

/// "12 days old (reminder at 90)", or past the reminder, what to do; none when S2S Desk never
/// recorded when the secret was stored. A rotation under way is said too. Shown by
/// `profile show`, `test-token` and `scopes`.
pub fn secret_age(profile: &Profile) -> Option<String> {
    use s2s_core::profiles::health::health;
    let h = health(profile, s2s_core::clock::now_unix());
    let days = h.secret_age_days?;
    let reminder = h.secret_reminder_days;
    let mut line = if h.secret_due {
        format!("{days} days old — past the {reminder}-day reminder: rotate it (s2s rotate --profile {} --new-secret-stdin, or --via-api)", crate::out::shell_word(&profile.name))
    } else {
        format!("{days} days old (reminder at {reminder} days)")
    };
    if let Some(rotation) = &profile.rotation {
        // Whether the old secret is still kept is the keychain's to say; the record is enough here.
        let kept = rotation.stage == s2s_core::profiles::rotation::RotationStage::Switched;
        line.push_str(&format!(
            "; {}",
            s2s_core::profiles::rotation::summary(Some(rotation), kept)
        ));
    }
    Some(line)
}
