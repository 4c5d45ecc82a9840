//! The scope catalog: Zoom's API operations with their classic and granular scopes and the role
//! privileges they need, every scope with its level, and the privilege list — compiled into the
//! binary from `data/zoom-scopes/` (provenance in its SOURCE.md) and parsed once, on first use.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::scope::{Level, Scope, ScopeModel};

/// Which snapshot of Zoom's API documents the catalog was built from (SOURCE.md "Content date").
pub const CATALOG_VERSION: &str = "zoom-api-hub-2026-03-10 (33 products)";

/// The products of Zoom's original REST API, which keep an operationId another product reuses.
const CORE_PRODUCTS: [&str; 3] = ["users", "meetings", "accounts"];

// data/zoom-scopes/*.json, minified and deflated by build.rs.
const OPERATIONS_JSON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/operations.json.deflate"));
const SCOPES_JSON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/scopes.json.deflate"));
const PRIVILEGES_JSON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/privileges.json.deflate"));

/// The catalog could not be read: only possible if the compiled-in data is broken.
#[derive(Debug, thiserror::Error)]
#[error("the built-in scope catalog ({file}) is unreadable: {reason}")]
pub struct CatalogError {
    file: &'static str,
    reason: String,
}

/// The plain API (`endpoints`) or its master-account form (`/accounts/{accountId}/…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// The account's own API.
    Endpoints,
    /// The master-account API acting on sub-accounts.
    Master,
}

/// One REST operation, as Zoom's API hub documents it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Operation {
    /// API product (`meetings`, `users`, `accounts`).
    pub product: String,
    /// Plain or master-account form.
    pub variant: Variant,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template under `/v2`, e.g. `/users/{userId}`.
    pub path: String,
    /// Zoom's operationId.
    #[serde(rename = "operationId")]
    pub operation_id: String,
    /// One-line summary.
    pub summary: String,
    /// Classic scopes; any one authorizes the call.
    pub classic_scopes: Vec<String>,
    /// Granular scopes; any one authorizes the call.
    pub granular_scopes: Vec<String>,
    /// Role privileges the operation needs (Zoom's `x-permissions`).
    pub permissions: Vec<String>,
    /// Zoom's "Rate Limit Label" (`LIGHT`, `MEDIUM`, `HEAVY`, `RESOURCE-INTENSIVE`), when published.
    #[serde(default)]
    pub rate_limit: Option<String>,
    /// Per-user limits Zoom states for the operation (`100 requests per day`).
    #[serde(default)]
    pub special_limits: Option<Vec<String>>,
    /// `path` split on `/`, computed once at load for fast matching.
    #[serde(skip)]
    segments: Vec<String>,
}

impl Operation {
    /// Every scope that authorizes this operation (classic and granular alike).
    pub fn alternatives(&self) -> impl Iterator<Item = &str> {
        self.classic_scopes
            .iter()
            .chain(&self.granular_scopes)
            .map(String::as_str)
    }

    /// Whether one of `granted` authorizes the call.
    pub fn is_authorized_by(&self, granted: &BTreeSet<&str>) -> bool {
        self.alternatives().any(|s| granted.contains(s))
    }

    /// The path template's segments (`["users", "{userId}"]`).
    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// A small, serializable reference for display.
    pub fn reference(&self) -> OperationRef {
        OperationRef {
            method: self.method.clone(),
            path: self.path.clone(),
            operation_id: self.operation_id.clone(),
            summary: self.summary.clone(),
            variant: self.variant,
        }
    }

    /// The operation as a choice to call: its reference and every scope that authorizes it.
    pub fn choice(&self) -> OperationChoice {
        OperationChoice {
            operation: self.reference(),
            accepted_scopes: self.alternatives().map(str::to_string).collect(),
        }
    }
}

/// An operation offered to call ("Try a call"), with the scopes that authorize it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OperationChoice {
    /// The operation.
    #[serde(flatten)]
    pub operation: OperationRef,
    /// Any one of these scopes authorizes it (classic and granular); none: Zoom documents none.
    pub accepted_scopes: Vec<String>,
}

/// An operation as shown to the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OperationRef {
    /// HTTP method.
    pub method: String,
    /// Path template under `/v2`.
    pub path: String,
    /// Zoom's operationId.
    pub operation_id: String,
    /// Zoom's summary.
    pub summary: String,
    /// Plain or master-account form.
    pub variant: Variant,
}

#[derive(Deserialize)]
struct ScopeRecord {
    scope: String,
    level: Level,
    product: String,
    /// "classic", "granular" or "both", as Zoom's spec lists it.
    #[serde(default)]
    kind: String,
}

/// A role privilege Zoom documents (`User:Read`, `Recording:Edit`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrivilegeInfo {
    /// The privilege string, as the Roles API returns it.
    pub privilege: String,
    /// Zoom's description from the privileges reference page, when it has one.
    #[serde(default)]
    pub description: Option<String>,
    /// Where Zoom names it: its privileges reference pages, and/or operations' `x-permissions`.
    #[serde(default)]
    pub seen_in: Vec<String>,
}

impl PrivilegeInfo {
    /// Listed on one of Zoom's privileges reference pages: a name a real role can return.
    pub fn listed(&self) -> bool {
        self.seen_in.iter().any(|s| s.ends_with("-page"))
    }
}

#[derive(Deserialize)]
struct PrivilegesFile {
    privileges: Vec<PrivilegeInfo>,
}

/// What the catalog knows about one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeEntry {
    /// User, admin or master.
    pub level: Level,
    /// Granular (else classic), read from the name once, at load.
    pub granular: bool,
    /// The API product where the scope is used most.
    pub product: String,
    /// Indexes into [`Catalog::operations`] of the operations it authorizes.
    pub operations: Vec<usize>,
    /// Privileges of those operations: the inferred privilege → scope link.
    pub privileges: BTreeSet<String>,
}

/// The whole catalog, with lookups precomputed.
#[derive(Debug)]
pub struct Catalog {
    operations: Vec<Operation>,
    scopes: HashMap<String, ScopeEntry>,
    privileges: Vec<PrivilegeInfo>,
    by_operation_id: HashMap<String, usize>,
    by_shape: HashMap<(String, usize), Vec<usize>>,
}

fn read<T: serde::de::DeserializeOwned>(
    file: &'static str,
    packed: &[u8],
) -> Result<T, CatalogError> {
    let fail = |reason: String| CatalogError { file, reason };
    let json =
        miniz_oxide::inflate::decompress_to_vec(packed).map_err(|e| fail(format!("{e:?}")))?;
    serde_json::from_slice(&json).map_err(|e| fail(e.to_string()))
}

/// The compiled-in catalog, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // The data is compiled in and a test loads it, so failure here is a build defect; an
        // empty catalog still lets the app run and shows every scope as "unknown".
        Catalog::load().unwrap_or_else(|e| {
            eprintln!("s2s-desk: {e}");
            Catalog::empty()
        })
    })
}

impl Catalog {
    /// Parses the compiled-in data. Use [`catalog`] for the shared instance.
    pub fn load() -> Result<Catalog, CatalogError> {
        let mut operations: Vec<Operation> = read("operations.json", OPERATIONS_JSON)?;
        let records: Vec<ScopeRecord> = read("scopes.json", SCOPES_JSON)?;
        let privileges: PrivilegesFile = read("privileges.json", PRIVILEGES_JSON)?;

        let mut scopes: HashMap<String, ScopeEntry> = records
            .into_iter()
            .map(|r| {
                let entry = ScopeEntry {
                    level: r.level,
                    // Zoom's listing wins over the name's shape (a few classic names look granular).
                    granular: match r.kind.as_str() {
                        "granular" => true,
                        "classic" => false,
                        _ => Scope::parse(&r.scope).model == ScopeModel::Granular,
                    },
                    product: r.product,
                    operations: Vec::new(),
                    privileges: BTreeSet::new(),
                };
                (r.scope.trim().to_string(), entry)
            })
            .collect();
        let mut by_operation_id = HashMap::new();
        let mut by_shape: HashMap<(String, usize), Vec<usize>> = HashMap::new();
        let mut ranks: Vec<(bool, bool)> = Vec::with_capacity(operations.len());
        for (index, op) in operations.iter_mut().enumerate() {
            // One Zoom spec has a scope with a leading space (SOURCE.md); never let it split a key.
            for s in op.classic_scopes.iter_mut().chain(&mut op.granular_scopes) {
                *s = s.trim().to_string();
            }
            op.method = op.method.to_ascii_uppercase();
            op.segments = op
                .path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            by_shape
                .entry((op.method.clone(), op.segments.len()))
                .or_default()
                .push(index);
            for s in op.classic_scopes.iter().chain(&op.granular_scopes) {
                let entry = scopes.entry(s.clone()).or_insert_with(|| {
                    let parsed = Scope::parse(s);
                    ScopeEntry {
                        level: parsed.level,
                        granular: parsed.model == ScopeModel::Granular,
                        product: op.product.clone(),
                        operations: Vec::new(),
                        privileges: BTreeSet::new(),
                    }
                });
                entry.operations.push(index);
                entry.privileges.extend(op.permissions.iter().cloned());
            }
            // A shared operationId goes to the plain API over its master form, and to the core
            // Zoom API (users, meetings, accounts) over another product that reuses the name
            // (`getRoleInformation` is both `/roles/{roleId}` and `/phone/roles/{roleId}`).
            let id = op.operation_id.to_ascii_lowercase();
            let rank = (
                op.variant != Variant::Endpoints,
                !CORE_PRODUCTS.contains(&op.product.as_str()),
            );
            ranks.push(rank);
            let wins = match by_operation_id.get(&id) {
                Some(&held) => rank < ranks[held],
                None => true,
            };
            if wins {
                by_operation_id.insert(id, index);
            }
        }
        Ok(Catalog {
            operations,
            scopes,
            privileges: privileges.privileges,
            by_operation_id,
            by_shape,
        })
    }

    fn empty() -> Catalog {
        Catalog {
            operations: Vec::new(),
            scopes: HashMap::new(),
            privileges: Vec::new(),
            by_operation_id: HashMap::new(),
            by_shape: HashMap::new(),
        }
    }

    /// Every operation.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// Indexes of operations with this method and number of path segments.
    pub fn operations_shaped(&self, method: &str, segments: usize) -> &[usize] {
        self.by_shape
            .get(&(method.to_string(), segments))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// A scope's level: the catalog's when listed, else parsed from its name.
    pub fn level_of(&self, scope: &str) -> Level {
        self.scopes
            .get(scope)
            .map_or_else(|| Scope::parse(scope).level, |e| e.level)
    }

    /// One operation by index.
    pub fn operation(&self, index: usize) -> Option<&Operation> {
        self.operations.get(index)
    }

    /// An operation by Zoom's operationId (case-insensitive; the plain API's when both have it).
    pub fn operation_by_id(&self, operation_id: &str) -> Option<usize> {
        self.by_operation_id
            .get(&operation_id.to_ascii_lowercase())
            .copied()
    }

    /// The operation documented as `method` `path` (a template, `/users/{userId}`): unlike an
    /// operationId, which Zoom reuses across products (`users` is also Contact Center's), a
    /// method and path name one operation.
    pub fn operation_at(&self, method: &str, path: &str) -> Option<usize> {
        let segments = path.trim_start_matches('/').split('/').count();
        self.operations_shaped(&method.to_ascii_uppercase(), segments)
            .iter()
            .copied()
            .find(|&i| self.operations[i].path == path)
    }

    /// What the catalog knows about a scope; `None` for scopes Zoom's documents don't list.
    pub fn scope(&self, scope: &str) -> Option<&ScopeEntry> {
        self.scopes.get(scope)
    }

    /// Every scope the catalog lists, in no particular order.
    pub fn scope_names(&self) -> impl Iterator<Item = &str> {
        self.scopes.keys().map(String::as_str)
    }

    /// The operations a scope authorizes.
    pub fn operations_unlocked_by<'a>(
        &'a self,
        scope: &str,
    ) -> impl Iterator<Item = &'a Operation> + 'a {
        let indexes = self
            .scopes
            .get(scope)
            .map(|e| e.operations.as_slice())
            .unwrap_or_default();
        indexes.iter().filter_map(|&i| self.operations.get(i))
    }

    /// Zoom's documented role privileges.
    pub fn privileges(&self) -> &[PrivilegeInfo] {
        &self.privileges
    }

    /// Whether Zoom documents this privilege string.
    pub fn knows_privilege(&self, privilege: &str) -> bool {
        self.privileges.iter().any(|p| p.privilege == privilege)
    }

    /// Whether Zoom's privileges reference pages list this name (operations' `x-permissions`
    /// sometimes use names the pages don't, e.g. `DashboardMeetings:Read` beside `Dashboard:Read`).
    pub fn privilege_listed(&self, privilege: &str) -> bool {
        self.privileges
            .iter()
            .any(|p| p.privilege == privilege && p.listed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::ScopeModel;

    #[test]
    fn the_catalog_loads_with_every_operation_scope_and_privilege() {
        let c = Catalog::load().expect("compiled-in catalog loads");
        assert_eq!(c.operations().len(), 2550);
        assert_eq!(c.privileges().len(), 245);
        assert!(c.scope_names().count() >= 3080);
    }

    #[test]
    fn every_catalogued_scope_parses_to_a_known_model_except_zooms_own_typo() {
        // Zoom's data has a few names with a space inside (`contact_center:write:queue
        // disposition:admin`): they can't travel in the space-separated `scope` field and are
        // kept verbatim, unjudged.
        for name in catalog().scope_names().filter(|n| !n.contains(' ')) {
            let parsed = Scope::parse(name);
            assert_ne!(parsed.model, ScopeModel::Unknown, "{name}");
            assert_eq!(
                parsed.level,
                catalog()
                    .scope(name)
                    .map(|e| e.level)
                    .unwrap_or(parsed.level)
            );
        }
    }

    #[test]
    fn a_scope_knows_its_operations_and_their_privileges() {
        let c = catalog();
        let ops: Vec<_> = c
            .operations_unlocked_by("user:read:list_users:admin")
            .map(|o| format!("{} {}", o.method, o.path))
            .collect();
        assert!(ops.contains(&"GET /users".to_string()), "{ops:?}");
        let entry = c.scope("user:read:list_users:admin").expect("listed");
        assert_eq!(entry.level, Level::Admin);
        assert!(entry.privileges.contains("User:Read"));
        assert!(
            c.scope("division:read:admin").is_some(),
            "leading space trimmed"
        );
    }

    #[test]
    fn operation_ids_prefer_the_plain_api() {
        let c = catalog();
        let i = c.operation_by_id("ACCOUNTSETTINGS").expect("found");
        assert_eq!(c.operations()[i].variant, Variant::Endpoints);
    }
}
