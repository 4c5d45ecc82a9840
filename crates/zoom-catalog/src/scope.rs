//! Parse Zoom scope strings, in both of Zoom's models, without ever dropping one we don't know.
//!
//! Classic: `product:action[:admin|:master]` (plus a few one- and two-part forms such as
//! `user_profile`, `meeting:master`). Granular (since 2024-03): `product:action:resource[:admin|:master]`.
//! Level from the suffix: `:master` → master, `:admin` anywhere → admin, otherwise user
//! (see data/zoom-scopes/SOURCE.md). Classic also has qualifier forms (`meeting:write:admin:sip_dialing`,
//! `meeting_token:read:local_recording`); a test pins the rules against every scope in Zoom's spec. Zoom warns that code parsing `scope` breaks when an app moves from
//! classic to granular names, so both are first-class here.

use serde::{Deserialize, Serialize};

/// Whose data a scope reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The token owner's own data.
    User,
    /// Every user of the account; needs an admin-level role to add.
    Admin,
    /// The master account and its sub-accounts; account owners only.
    Master,
}

impl Level {
    /// Lower-case name, as shown on badges.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::User => "user",
            Level::Admin => "admin",
            Level::Master => "master",
        }
    }
}

/// Which of Zoom's two naming models a scope follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ScopeModel {
    /// `product:action[:level]`.
    Classic,
    /// `product:action:resource[:level]`.
    Granular,
    /// Not a shape Zoom uses; kept verbatim.
    Unknown,
}

/// A scope's name as the app keeps it (expected scopes, a test's granted scopes, drift): a string
/// on disk and on the wire, typed in code so a scope list can't be mixed up with any other
/// strings, and read through [`ScopeName::scope`] — the one way to learn its level or model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ScopeName(String);

impl ScopeName {
    /// A name as typed or received (surrounding spaces dropped).
    pub fn new(raw: impl AsRef<str>) -> Self {
        Self(raw.as_ref().trim().to_string())
    }

    /// Names from free text, one per whitespace-separated word (Zoom's `scope` field, a pasted
    /// list), blanks dropped.
    pub fn list(text: &str) -> Vec<ScopeName> {
        text.split_whitespace().map(ScopeName::new).collect()
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the name says: product, action, resource, level, model.
    pub fn scope(&self) -> Scope {
        Scope::parse(&self.0)
    }

    /// Its level (user, admin, master).
    pub fn level(&self) -> Level {
        self.scope().level
    }
}

impl AsRef<str> for ScopeName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ScopeName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ScopeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ScopeName {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl PartialEq<str> for ScopeName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for ScopeName {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<&str> for ScopeName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// One parsed scope. `raw` is always exactly what Zoom sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Scope {
    /// The scope string as granted.
    pub raw: String,
    /// The part before the first colon (`meeting`, `user`, `role`…).
    pub product: String,
    /// `read`, `write`, `delete`, `update`…; absent for forms like `meeting:master`.
    pub action: Option<String>,
    /// The granular resource (`user`, `list_users`…).
    pub resource: Option<String>,
    /// User, admin or master.
    pub level: Level,
    /// Classic, granular, or unknown.
    pub model: ScopeModel,
}

impl Scope {
    /// Parses one scope string. Never fails: an unexpected shape becomes `ScopeModel::Unknown`.
    pub fn parse(raw: &str) -> Scope {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split(':').collect();
        let well_formed = parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
        let level = if parts.last() == Some(&"master") {
            Level::Master
        } else if parts.iter().skip(1).any(|p| *p == "admin") {
            Level::Admin
        } else {
            Level::User
        };
        let is_level = |p: &str| p == "admin" || p == "master";
        let product = parts.first().map(|p| p.to_string()).unwrap_or_default();
        let (action, resource, model) = match (well_formed, parts.as_slice()) {
            (false, _) => (None, None, ScopeModel::Unknown),
            (true, [_]) => (None, None, ScopeModel::Classic),
            (true, [_, a]) if is_level(a) => (None, None, ScopeModel::Classic),
            (true, [_, a]) => (Some(a.to_string()), None, ScopeModel::Classic),
            (true, [_, a, l]) if is_level(l) => (Some(a.to_string()), None, ScopeModel::Classic),
            // Classic qualifier forms: `meeting:write:admin:sip_dialing`, `meeting_token:read:local_recording`.
            (true, [_, a, l, q]) if is_level(l) => (
                Some(a.to_string()),
                Some(q.to_string()),
                ScopeModel::Classic,
            ),
            (true, [p, a, q]) if p.ends_with("_token") => (
                Some(a.to_string()),
                Some(q.to_string()),
                ScopeModel::Classic,
            ),
            // Granular: `product:action:resource[:level]`.
            (true, [_, a, r]) => (
                Some(a.to_string()),
                Some(r.to_string()),
                ScopeModel::Granular,
            ),
            (true, [_, a, r, l]) if is_level(l) => (
                Some(a.to_string()),
                Some(r.to_string()),
                ScopeModel::Granular,
            ),
            (true, _) => (None, None, ScopeModel::Unknown),
        };
        Scope {
            raw: raw.to_string(),
            product,
            action,
            resource,
            level,
            model,
        }
    }

    /// Parses Zoom's `scope` field: one space-separated string.
    pub fn parse_list(scope_field: &str) -> Vec<Scope> {
        scope_field.split_whitespace().map(Scope::parse).collect()
    }
}

/// Scopes of one product, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScopeGroup {
    /// The product prefix.
    pub product: String,
    /// Its scopes: master, then admin, then user level, each by name.
    pub scopes: Vec<Scope>,
}

/// Groups scopes by product, products sorted by name; within a product the widest reach first
/// (master → admin → user). The one order every view and the CLI show.
pub fn group_by_product(scopes: &[Scope]) -> Vec<ScopeGroup> {
    let mut map: std::collections::BTreeMap<&str, Vec<Scope>> = std::collections::BTreeMap::new();
    for s in scopes {
        map.entry(s.product.as_str()).or_default().push(s.clone());
    }
    map.into_iter()
        .map(|(product, mut scopes)| {
            scopes.sort_by(|a, b| {
                (std::cmp::Reverse(a.level), &a.raw).cmp(&(std::cmp::Reverse(b.level), &b.raw))
            });
            ScopeGroup {
                product: product.to_string(),
                scopes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_and_granular_shapes_parse() {
        let cases = [
            (
                "user:read:admin",
                "user",
                Some("read"),
                None,
                Level::Admin,
                ScopeModel::Classic,
            ),
            (
                "meeting:write",
                "meeting",
                Some("write"),
                None,
                Level::User,
                ScopeModel::Classic,
            ),
            (
                "meeting:master",
                "meeting",
                None,
                None,
                Level::Master,
                ScopeModel::Classic,
            ),
            (
                "user_profile",
                "user_profile",
                None,
                None,
                Level::User,
                ScopeModel::Classic,
            ),
            (
                "user:read:user",
                "user",
                Some("read"),
                Some("user"),
                Level::User,
                ScopeModel::Granular,
            ),
            (
                "user:read:user:admin",
                "user",
                Some("read"),
                Some("user"),
                Level::Admin,
                ScopeModel::Granular,
            ),
            (
                "account:read:list_sub_accounts:master",
                "account",
                Some("read"),
                Some("list_sub_accounts"),
                Level::Master,
                ScopeModel::Granular,
            ),
            (
                "meeting_token:read:admin:local_recording",
                "meeting_token",
                Some("read"),
                Some("local_recording"),
                Level::Admin,
                ScopeModel::Classic,
            ),
            (
                "meeting_token:read:live_streaming",
                "meeting_token",
                Some("read"),
                Some("live_streaming"),
                Level::User,
                ScopeModel::Classic,
            ),
        ];
        for (raw, product, action, resource, level, model) in cases {
            let s = Scope::parse(raw);
            assert_eq!(
                (
                    s.product.as_str(),
                    s.action.as_deref(),
                    s.resource.as_deref(),
                    s.level,
                    s.model
                ),
                (product, action, resource, level, model),
                "{raw}"
            );
        }
    }

    #[test]
    fn unknown_shapes_are_kept_verbatim_not_dropped() {
        for raw in ["Meeting:Read", "a:b:c:d:e:f", "weird scope!", "x::y"] {
            let s = Scope::parse(raw);
            assert_eq!(s.model, ScopeModel::Unknown, "{raw}");
            assert_eq!(s.raw, raw.trim());
        }
    }

    #[test]
    fn the_scope_field_is_space_separated() {
        let list = Scope::parse_list("meeting:master  meeting:read:admin\nuser:read:user:admin ");
        let raws: Vec<_> = list.iter().map(|s| s.raw.as_str()).collect();
        assert_eq!(
            raws,
            [
                "meeting:master",
                "meeting:read:admin",
                "user:read:user:admin"
            ]
        );
    }

    /// Zoom's names whose shape says the other model (its spec lists them as shown).
    const IRREGULAR: [&str; 8] = [
        "app:deeplink:write",
        "app:deeplink:write:admin",
        "app:notification:read",
        "app:notification:write",
        "chat_channel:read:member",
        "scim2:admin",
        "zva:read:km_kbs",
        "zva:write:km_kbs",
    ];

    #[test]
    fn every_scope_in_zooms_spec_parses_to_the_catalogued_model_and_level() {
        #[derive(serde::Deserialize)]
        struct Entry {
            scope: String,
            kind: String,
            level: String,
        }
        let entries: Vec<Entry> =
            serde_json::from_str(include_str!("../../../data/zoom-scopes/scopes.json"))
                .expect("scopes.json parses");
        assert_eq!(entries.len(), 3080);
        // Names with a space inside are Zoom data oddities, kept verbatim (see the catalog test).
        for e in entries.into_iter().filter(|e| !e.scope.contains(' ')) {
            let s = Scope::parse(&e.scope);
            assert_eq!(s.level.as_str(), e.level, "{}", e.scope);
            let expected = match e.kind.as_str() {
                "classic" => ScopeModel::Classic,
                "granular" => ScopeModel::Granular,
                _ => s.model, // "both": Zoom lists it in both models
            };
            // `division:wirte:admin` is Zoom's own typo; it is still a classic shape. A few of
            // Zoom's names have the other model's shape: the catalog keeps Zoom's listing for
            // those, and the name alone can't tell.
            if !IRREGULAR.contains(&e.scope.as_str()) {
                assert_eq!(s.model, expected, "{}", e.scope);
            }
        }
    }

    #[test]
    fn groups_are_sorted_by_product_then_widest_level_first() {
        let groups = group_by_product(&Scope::parse_list(
            "user:read:admin meeting:read user:read user:master",
        ));
        let names: Vec<_> = groups.iter().map(|g| g.product.as_str()).collect();
        assert_eq!(names, ["meeting", "user"]);
        let user: Vec<_> = groups[1].scopes.iter().map(|s| s.raw.as_str()).collect();
        assert_eq!(user, ["user:master", "user:read:admin", "user:read"]);
    }
}
