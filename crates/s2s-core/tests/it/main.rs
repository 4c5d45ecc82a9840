//! s2s-core against the simulator over real loopback HTTP. One binary, one module per topic.

mod coexistence;
mod concurrency;
mod deliver;
mod errors;
mod keychain;
mod retry;
mod roles;
mod rotation;
mod rotation_consumers;
mod secrets;
mod success;
mod support;
mod test_all;
mod try_call;
mod webhook;
