//! The keychain entries a profile owns, each a typed [`Slot`]: the one place a keychain key is
//! spelled. [`ProfileService`](super::service::ProfileService) reads and writes them (its slot
//! operations check the profile exists first, so no entry is written for a profile that is
//! not there); nothing else names a key.

/// The keychain entry of the app's Sandbox: its simulated apps' secrets (not a profile's, and
/// never a profile id's shape, which is a UUID).
pub(crate) const SANDBOX_SECRETS_KEY: &str = "sandbox:world-secrets";

/// One keychain entry of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The client secret in use (keyed by the bare profile id, as every version stored it).
    ClientSecret,
    /// The app's webhook Secret Token.
    WebhookSecretToken,
    /// A rotation's new secret, until it is switched in.
    RotationNew,
    /// A rotation's replaced secret, until the rotation is finished.
    RotationPrevious,
}

impl Slot {
    /// The entries a profile may hold beside its client secret's.
    pub const BESIDE_SECRET: [Slot; 3] = [
        Slot::WebhookSecretToken,
        Slot::RotationNew,
        Slot::RotationPrevious,
    ];

    /// The keychain key of this slot for profile `id`.
    pub(crate) fn key(self, id: &str) -> String {
        match self {
            Slot::ClientSecret => id.to_string(),
            Slot::WebhookSecretToken => format!("{id}:webhook-secret-token"),
            Slot::RotationNew => format!("{id}:rotation-new"),
            Slot::RotationPrevious => format!("{id}:rotation-previous"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_as_earlier_versions_wrote_them() {
        let id = "0c62abb5-645c-42e8-a2a8-3d14348492bd";
        assert_eq!(Slot::ClientSecret.key(id), id);
        assert_eq!(
            Slot::WebhookSecretToken.key(id),
            format!("{id}:webhook-secret-token")
        );
        assert_eq!(Slot::RotationNew.key(id), format!("{id}:rotation-new"));
        assert_eq!(
            Slot::RotationPrevious.key(id),
            format!("{id}:rotation-previous")
        );
    }
}
