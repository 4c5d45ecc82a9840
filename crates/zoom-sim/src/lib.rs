//! zoom-sim: a local Zoom that speaks the protocol S2S Desk uses, for tests and the Sandbox.
//!
//! - [`fixture`]: the world as JSON (accounts, roles, users, apps) and the default Sandbox.
//! - [`world`]: state and Zoom's rules — token tolerance, expiry, role changes stripping scopes.
//! - `oauth`, `api`: the token endpoint and the `/v2` REST endpoints, answering like Zoom.
//! - `admin`: `/_sim/*` controls (roles, apps, faults, clock, counters, reload).
//!
//! It binds loopback only and never talks to the real Zoom. It shares no code with s2s-core on
//! purpose: the tests compare two independent readings of Zoom's behaviour.

mod admin;
mod api;
mod faults;
pub mod fixture;
mod oauth;
mod server;
pub mod world;

pub use fixture::{Fixture, FixtureError, DEFAULT_FIXTURE};
pub use server::{start, start_with_admin_token, Sim, SimHandle, ADMIN_TOKEN_HEADER};
pub use world::Faults;
