//! zoom-sim: a local Zoom that speaks the protocol S2S Desk uses, for tests and the Sandbox.
//!
//! - [`fixture`]: the world as JSON (accounts, roles, users, apps) and the default Sandbox.
//! - [`world`]: state and Zoom's rules — token tolerance, expiry, role changes stripping scopes.
//! - `oauth`, `api`: the token endpoint and the `/v2` REST endpoints, answering like Zoom;
//!   [`documented`]: every other operation Zoom documents, answered by its contract.
//! - `admin`: `/_sim/*` controls (roles, apps, faults, clock, counters, reload).
//! - `webhooks`: Zoom's webhook sender (signed events, retries on the simulated clock);
//!   [`receivers`]: sample receivers, correct and broken, to test against.
//!
//! It binds loopback only and never talks to the real Zoom. It shares no protocol code with
//! s2s-core on purpose: its OAuth and REST handling is a second, independent reading of Zoom's
//! documentation, so the tests compare two. One rule is shared, deliberately: when an owner's
//! role changes, the simulator strips scopes with zoom-catalog's own reading of Zoom's rule, so
//! the Sandbox shows exactly what the app predicts. That rule is therefore not checked by the
//! simulator; zoom-catalog's table tests check it against the documentation. Webhook signing is
//! shared too (the `zoom-webhook` crate), pinned by test vectors computed with openssl.

mod admin;
mod api;
pub mod collections;
pub mod documented;
mod faults;
pub mod fixture;
pub mod history;
pub mod keeping;
mod marketplace;
mod meetings;
mod merge;
mod oauth;
mod people;
mod random;
pub mod receivers;
mod routes;
pub mod sandbox;
mod server;
mod state;
mod webhooks;
mod wire;
pub mod world;

pub use fixture::{Fixture, FixtureError, DEFAULT_FIXTURE};

/// Every operation the simulator keeps state for, as `(method, template)`: its own handlers,
/// the stored objects (`collections`), a meeting's past and future (`history`), and who is in
/// the account (`people`: users and roles). Every other
/// documented operation answers its documented shape alone.
pub fn stateful_operations() -> Vec<(&'static str, &'static str)> {
    let mut all = routes::OWN_HANDLERS.to_vec();
    all.extend(collections::stateful_operations());
    all.extend(history::stateful_operations());
    all.extend(people::stateful_operations());
    all.retain(|(method, template)| documented::operation(method, template).is_some());
    all
}
pub use server::{start, start_with_admin_token, SimHandle};
pub use state::{Sim, ADMIN_TOKEN_HEADER};
pub use world::{Faults, ZoomError};
