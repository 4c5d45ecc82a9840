//! Zoom's scope model, shared by S2S Desk's core and its Zoom simulator so both agree on it.
//!
//! - [`scope`]: parse any scope string (classic, granular, unknown kept verbatim).
//! - [`catalog`]: the compiled-in catalog of operations, scopes and privileges (`data/zoom-scopes`).
//! - [`query`]: find operations from `GET /users/{userId}`, real URLs or operationIds.
//! - [`coverage`]: granted vs expected, and "will my integration work?" with the fewest scopes to add.
//! - [`roles`]: what the owner's role allows, documented rules apart from inferences.
//! - [`change`]: what-if role changes, drift between tests, ownership risk.

pub mod catalog;
pub mod change;
pub mod coverage;
pub mod limits;
pub mod query;
pub mod roles;
pub mod scope;

pub use catalog::{catalog, Catalog, OperationChoice, OperationRef, CATALOG_VERSION};
pub use scope::{Level, Scope, ScopeModel};
