//! One file per feature, named as on the UI side (`ui/src/features/<name>`).

pub mod app;
pub mod consumers;
pub mod dialogs;
pub mod links;
pub mod migrate;
pub mod preferences;
pub mod profiles;
pub mod rotation;
pub mod sandbox;
pub mod scopes;
pub mod token;
pub mod usage;
pub mod webhooks;
