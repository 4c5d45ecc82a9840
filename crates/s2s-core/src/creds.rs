//! Parse and validate the three values an admin pastes from the Marketplace: Account ID,
//! Client ID and Client Secret. Nothing is sent anywhere until this says the values are usable.
//!
//! Errors block a request (empty, inner whitespace, control characters, swapped fields, a JWT
//! where an ID belongs). Warnings do not (trimmed whitespace, unusual lengths): Zoom publishes
//! no length rule, so lengths are only ever a hint. Messages never contain the secret.

use serde::Serialize;

use crate::secret::Secret;

/// Values as pasted, before any cleaning.
#[derive(Debug, Clone, Default)]
pub struct RawCredentials {
    /// The account ID from the app's "App Credentials" page.
    pub account_id: String,
    /// The client ID from the same page.
    pub client_id: String,
    /// The client secret; kept in a [`Secret`] from the start.
    pub client_secret: Secret,
}

impl Default for Secret {
    fn default() -> Self {
        Secret::new(String::new())
    }
}

/// Cleaned, validated credentials: safe to send.
#[derive(Debug, Clone)]
pub struct Credentials {
    account_id: String,
    client_id: String,
    client_secret: Secret,
}

impl Credentials {
    /// The account ID, trimmed.
    pub fn account_id(&self) -> &str {
        &self.account_id
    }
    /// The client ID, trimmed.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
    /// The client secret, trimmed.
    pub fn client_secret(&self) -> &Secret {
        &self.client_secret
    }
}

/// Which of the three fields an issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Account ID.
    AccountId,
    /// Client ID.
    ClientId,
    /// Client Secret.
    ClientSecret,
}

impl Field {
    /// The label Zoom's Marketplace uses for this field.
    pub fn label(self) -> &'static str {
        match self {
            Field::AccountId => "Account ID",
            Field::ClientId => "Client ID",
            Field::ClientSecret => "Client Secret",
        }
    }
}

/// Whether an issue stops the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nothing is sent until it is fixed.
    Error,
    /// Worth a look; the request may still go.
    Warning,
}

/// What is wrong with a field. Stable names: the UI and the CLI's JSON use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Nothing there.
    Empty,
    /// Leading or trailing spaces or line breaks, which are ignored (never sent or saved).
    TrimmedWhitespace,
    /// A space, tab or line break inside the value.
    InnerWhitespace,
    /// Control or non-ASCII characters (often from a rich-text paste).
    NonPrintable,
    /// Characters Zoom does not use in credentials.
    UnexpectedCharacters,
    /// Shorter or longer than Zoom's values usually are.
    UnusualLength,
    /// The value looks like it belongs in another field.
    LooksSwapped,
    /// The same value in two fields.
    Duplicate,
    /// A JWT (legacy JWT app token) where an S2S credential belongs.
    LooksLikeJwt,
}

/// One finding about one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CredentialIssue {
    /// Which field.
    pub field: Field,
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub kind: IssueKind,
    /// What to do, in plain words. Never contains the secret.
    pub message: String,
    /// For values that look swapped: the field this one's value belongs in (the form offers
    /// to swap the two).
    pub swap_with: Option<Field>,
}

// Observed shapes of Marketplace credentials (not documented by Zoom): IDs are 22 characters,
// client secrets 32. Used only for warnings and for spotting swapped fields.
const TYPICAL_ID_LEN: usize = 22;
const TYPICAL_SECRET_LEN: usize = 32;
const MIN_PLAUSIBLE_LEN: usize = 10;
const MAX_PLAUSIBLE_LEN: usize = 64;

/// The outcome of validation: clean credentials if no issue is an error, and every issue found.
#[derive(Debug, Clone)]
pub struct Validated {
    /// `Some` when nothing blocks a request.
    pub credentials: Option<Credentials>,
    /// All findings, errors first.
    pub issues: Vec<CredentialIssue>,
}

impl RawCredentials {
    /// Builds raw credentials from the three pasted values.
    pub fn new(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        Self {
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret,
        }
    }

    /// Checks all three fields and their relation to each other.
    pub fn validate(&self) -> Validated {
        let mut issues = Vec::new();
        let account = self.account_id.trim();
        let client = self.client_id.trim();
        let secret = self.client_secret.expose().trim();

        check_field(Field::AccountId, &self.account_id, &mut issues);
        check_field(Field::ClientId, &self.client_id, &mut issues);
        check_field(
            Field::ClientSecret,
            self.client_secret.expose(),
            &mut issues,
        );
        check_relations(account, client, secret, &mut issues);

        issues.sort_by_key(|i| (i.severity != Severity::Error, i.field as u8));
        let blocked = issues.iter().any(|i| i.severity == Severity::Error);
        let credentials = (!blocked).then(|| Credentials {
            account_id: account.to_string(),
            client_id: client.to_string(),
            client_secret: Secret::new(secret),
        });
        Validated {
            credentials,
            issues,
        }
    }
}

/// The issues in a profile's values as it is saved: both IDs, and the secret when one is given
/// (an edit may keep the stored one). The same checks as [`RawCredentials::validate`].
pub fn profile_value_issues(
    account_id: &str,
    client_id: &str,
    secret: Option<&Secret>,
) -> Vec<CredentialIssue> {
    match secret {
        Some(secret) => {
            RawCredentials::new(account_id, client_id, secret.clone())
                .validate()
                .issues
        }
        None => {
            let mut issues = Vec::new();
            check_field(Field::AccountId, account_id, &mut issues);
            check_field(Field::ClientId, client_id, &mut issues);
            check_relations(account_id.trim(), client_id.trim(), "", &mut issues);
            issues.sort_by_key(|i| (i.severity != Severity::Error, i.field as u8));
            issues
        }
    }
}

fn issue(field: Field, severity: Severity, kind: IssueKind, message: String) -> CredentialIssue {
    CredentialIssue {
        field,
        severity,
        kind,
        message,
        swap_with: None,
    }
}

fn check_field(field: Field, raw: &str, issues: &mut Vec<CredentialIssue>) {
    let label = field.label();
    let value = raw.trim();
    if value.is_empty() {
        issues.push(issue(field, Severity::Error, IssueKind::Empty, format!(
            "{label} is empty. Copy it from your app's App Credentials page in the Zoom App Marketplace."
        )));
        return;
    }
    if value.len() != raw.len() {
        issues.push(issue(
            field,
            Severity::Warning,
            IssueKind::TrimmedWhitespace,
            format!("{label} has spaces or line breaks around it, from copying. They are not part of the value: S2S Desk sends and saves it without them."),
        ));
    }
    if looks_like_jwt(value) {
        issues.push(issue(field, Severity::Error, IssueKind::LooksLikeJwt, format!(
            "{label} looks like a JWT token (eyJ…), from a legacy JWT app. Server-to-Server OAuth \
             uses the Account ID, Client ID and Client Secret of an S2S app instead; see Migrate from JWT."
        )));
        return;
    }
    if value.chars().any(char::is_whitespace) {
        issues.push(issue(field, Severity::Error, IssueKind::InnerWhitespace, format!(
            "{label} contains a space or line break in the middle. Copy it again with the Marketplace's copy button."
        )));
    }
    if value.chars().any(|c| c.is_control() || !c.is_ascii()) {
        issues.push(issue(field, Severity::Error, IssueKind::NonPrintable, format!(
            "{label} contains invisible or non-ASCII characters (often from pasting through a document or chat). \
             Copy it again directly from the Marketplace."
        )));
    } else if value
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c.is_whitespace()))
    {
        issues.push(issue(field, Severity::Warning, IssueKind::UnexpectedCharacters, format!(
            "{label} contains punctuation that Zoom credentials don't usually have (quotes or brackets from a config file?)."
        )));
    }
    let len = value.chars().count();
    let typical = if field == Field::ClientSecret {
        TYPICAL_SECRET_LEN
    } else {
        TYPICAL_ID_LEN
    };
    if !(MIN_PLAUSIBLE_LEN..=MAX_PLAUSIBLE_LEN).contains(&len) {
        issues.push(issue(field, Severity::Warning, IssueKind::UnusualLength, format!(
            "{label} is {len} characters long; Zoom's are usually {typical}. Check that the whole value was copied."
        )));
    }
}

fn check_relations(account: &str, client: &str, secret: &str, issues: &mut Vec<CredentialIssue>) {
    let pairs = [
        (Field::AccountId, account, Field::ClientId, client),
        (Field::AccountId, account, Field::ClientSecret, secret),
        (Field::ClientId, client, Field::ClientSecret, secret),
    ];
    for (fa, a, fb, b) in pairs {
        if !a.is_empty() && a == b {
            issues.push(issue(fb, Severity::Error, IssueKind::Duplicate, format!(
                "{} and {} are the same value; each field has its own value on the App Credentials page.",
                fa.label(),
                fb.label()
            )));
        }
    }
    // A secret-shaped value in an ID field, with an ID-shaped value in the secret field, is the
    // classic swapped paste. Compare shapes only: the message must not echo the secret.
    let secret_shaped = |v: &str| v.len() == TYPICAL_SECRET_LEN;
    let id_shaped = |v: &str| v.len() == TYPICAL_ID_LEN;
    for (field, value) in [(Field::AccountId, account), (Field::ClientId, client)] {
        if secret_shaped(value) && id_shaped(secret) {
            issues.push(CredentialIssue {
                swap_with: Some(Field::ClientSecret),
                ..issue(field, Severity::Error, IssueKind::LooksSwapped, format!(
                    "{} looks like a Client Secret ({TYPICAL_SECRET_LEN} characters) and the Client Secret looks like an ID \
                     ({TYPICAL_ID_LEN} characters): the fields are probably swapped.",
                    field.label()
                ))
            });
        }
    }
}

/// Account and Client IDs the admin already has (saved profiles, the Sandbox's accounts), each
/// with where it is from ("profile “Reporting”"): an Account ID typed as the Client ID is then
/// recognisable, though the two have the same shape.
#[derive(Debug, Clone, Default)]
pub struct KnownIds {
    /// Account IDs, with where each is from.
    pub accounts: Vec<(String, String)>,
    /// Client IDs, with where each is from.
    pub clients: Vec<(String, String)>,
}

/// A known Account ID typed as the Client ID, or a known Client ID typed as the Account ID: the
/// two fields are swapped (Zoom would answer only "invalid client").
pub fn swapped_ids(account: &str, client: &str, known: &KnownIds) -> Option<CredentialIssue> {
    let (account, client) = (account.trim(), client.trim());
    if client.is_empty() || account.is_empty() || account == client {
        return None;
    }
    let found = |list: &[(String, String)], value: &str| {
        list.iter()
            .find(|(id, _)| id == value)
            .map(|(_, from)| from.clone())
    };
    let (field, other, from) = if let Some(from) = found(&known.accounts, client) {
        (Field::ClientId, Field::AccountId, from)
    } else if let Some(from) = found(&known.clients, account) {
        (Field::AccountId, Field::ClientId, from)
    } else {
        return None;
    };
    Some(CredentialIssue {
        swap_with: Some(other),
        ..issue(
            field,
            Severity::Error,
            IssueKind::LooksSwapped,
            format!(
                "The {} here is the {} of {from}: the Account ID and Client ID look swapped.",
                field.label(),
                other.label()
            ),
        )
    })
}

/// True for a compact JWS: three base64url parts, the first a JSON header (`eyJ` = `{"`).
pub fn looks_like_jwt(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3 && value.starts_with("eyJ") && parts[1].len() > 2
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "AbCdEfGhIjKlMnOpQrStUv"; // 22
    const CLIENT: &str = "ZyXwVuTsRqPoNmLkJiHgFe"; // 22
    const SECRET: &str = "s3cr3tS3cr3tS3cr3tS3cr3tS3cr3t12"; // 32

    fn validate(a: &str, c: &str, s: &str) -> Validated {
        RawCredentials::new(a, c, Secret::new(s)).validate()
    }

    fn kinds(v: &Validated) -> Vec<(Field, IssueKind)> {
        v.issues.iter().map(|i| (i.field, i.kind)).collect()
    }

    #[test]
    fn a_saved_profile_without_a_new_secret_has_its_ids_checked_alone() {
        let ids_only = |a: &str, c: &str| -> Vec<(Field, IssueKind)> {
            profile_value_issues(a, c, None)
                .iter()
                .map(|i| (i.field, i.kind))
                .collect()
        };
        assert_eq!(ids_only(ACCOUNT, CLIENT), []);
        assert_eq!(
            ids_only(ACCOUNT, ACCOUNT),
            [(Field::ClientId, IssueKind::Duplicate)]
        );
        assert_eq!(ids_only("", CLIENT), [(Field::AccountId, IssueKind::Empty)]);
        let with_secret = profile_value_issues(ACCOUNT, CLIENT, Some(&Secret::new(CLIENT)));
        assert_eq!(with_secret[0].kind, IssueKind::Duplicate);
    }

    #[test]
    fn clean_values_pass_with_no_issues() {
        let v = validate(ACCOUNT, CLIENT, SECRET);
        assert!(v.issues.is_empty(), "{:?}", v.issues);
        let c = v.credentials.expect("usable");
        assert_eq!(
            (c.account_id(), c.client_id(), c.client_secret().expose()),
            (ACCOUNT, CLIENT, SECRET)
        );
    }

    #[test]
    fn stray_whitespace_is_trimmed_and_flagged_but_does_not_block() {
        let v = validate(
            &format!("  {ACCOUNT}\n"),
            &format!("{CLIENT}\t"),
            &format!("{SECRET}\r\n"),
        );
        assert_eq!(
            kinds(&v),
            vec![
                (Field::AccountId, IssueKind::TrimmedWhitespace),
                (Field::ClientId, IssueKind::TrimmedWhitespace),
                (Field::ClientSecret, IssueKind::TrimmedWhitespace),
            ]
        );
        // The field still shows them, so the message must not claim they are gone.
        assert!(v.issues.iter().all(|i| !i.message.contains("were removed")
            && i.message.contains("sends and saves it without them")));
        assert_eq!(v.credentials.expect("usable").account_id(), ACCOUNT);
    }

    #[test]
    fn empty_fields_block() {
        let v = validate("", " ", SECRET);
        assert!(v.credentials.is_none());
        assert_eq!(
            kinds(&v),
            vec![
                (Field::AccountId, IssueKind::Empty),
                (Field::ClientId, IssueKind::Empty)
            ]
        );
    }

    #[test]
    fn inner_whitespace_and_invisible_characters_block() {
        let v = validate(
            "AbCdEfGhIj KlMnOpQrStUv",
            CLIENT,
            "s3cr3tS3cr3tS3cr3t\u{200b}S3cr3tS3cr3t1",
        );
        assert!(v.credentials.is_none());
        assert!(kinds(&v).contains(&(Field::AccountId, IssueKind::InnerWhitespace)));
        assert!(kinds(&v).contains(&(Field::ClientSecret, IssueKind::NonPrintable)));
    }

    #[test]
    fn a_secret_in_the_id_field_is_reported_as_swapped() {
        let v = validate(ACCOUNT, SECRET, CLIENT);
        assert!(v.credentials.is_none());
        assert!(
            kinds(&v).contains(&(Field::ClientId, IssueKind::LooksSwapped)),
            "{:?}",
            v.issues
        );
        let swapped = v.issues.iter().find(|i| i.kind == IssueKind::LooksSwapped);
        assert_eq!(swapped.and_then(|i| i.swap_with), Some(Field::ClientSecret));
    }

    #[test]
    fn a_known_account_id_typed_as_the_client_id_is_reported_as_swapped_with_the_account_id() {
        let known = KnownIds {
            accounts: vec![(ACCOUNT.into(), "profile “Reporting”".into())],
            clients: vec![(CLIENT.into(), "profile “Reporting”".into())],
        };
        let swapped = swapped_ids(CLIENT, ACCOUNT, &known).expect("swapped");
        assert_eq!(
            (swapped.field, swapped.swap_with, swapped.severity),
            (Field::ClientId, Some(Field::AccountId), Severity::Error)
        );
        assert!(
            swapped
                .message
                .contains("Account ID of profile “Reporting”"),
            "{}",
            swapped.message
        );
        assert!(
            swapped_ids(ACCOUNT, CLIENT, &known).is_none(),
            "the right way round"
        );
        assert!(
            swapped_ids(" ", ACCOUNT, &known).is_none(),
            "nothing typed yet"
        );
        let only_client = KnownIds {
            clients: vec![(CLIENT.into(), "the Sandbox".into())],
            ..KnownIds::default()
        };
        let swapped = swapped_ids(CLIENT, "OtherOtherOtherOther01", &only_client).expect("swapped");
        assert_eq!(
            (swapped.field, swapped.swap_with),
            (Field::AccountId, Some(Field::ClientId))
        );
    }

    #[test]
    fn the_same_value_twice_is_reported() {
        let v = validate(ACCOUNT, ACCOUNT, SECRET);
        assert_eq!(kinds(&v), vec![(Field::ClientId, IssueKind::Duplicate)]);
    }

    #[test]
    fn a_legacy_jwt_is_recognised() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJrZXkifQ.c2ln";
        let v = validate(ACCOUNT, CLIENT, jwt);
        assert_eq!(
            kinds(&v),
            vec![(Field::ClientSecret, IssueKind::LooksLikeJwt)]
        );
    }

    #[test]
    fn unusual_lengths_only_warn() {
        let v = validate("abc", CLIENT, SECRET);
        assert_eq!(
            kinds(&v),
            vec![(Field::AccountId, IssueKind::UnusualLength)]
        );
        assert!(v.credentials.is_some());
    }

    #[test]
    fn no_message_ever_contains_the_secret() {
        let secret = "AbCdEfGhIjKlMnOpQrStUv"; // ID-shaped, to trigger the swap message
        for v in [
            validate(ACCOUNT, CLIENT, &format!(" {secret} ")),
            validate(SECRET, CLIENT, secret),
        ] {
            for i in &v.issues {
                assert!(!i.message.contains(secret), "{}", i.message);
            }
        }
    }
}
