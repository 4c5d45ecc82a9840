//! s2s-core against the simulator over real loopback HTTP. One binary, one module per topic.

mod concurrency;
mod errors;
mod retry;
mod roles;
mod secrets;
mod success;
mod support;
