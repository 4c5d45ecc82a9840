//! The state every handler shares: the world behind a lock, the base URL, the admin token.
//! Its own module, so the handlers and the server that routes to them both import it and
//! neither imports the other.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::keeping::Keeping;
use crate::world::World;

/// Shared simulator state for handlers.
#[derive(Clone)]
pub struct Sim {
    world: Arc<Mutex<World>>,
    base_url: Arc<str>,
    /// Each regional cluster's base URL, by region name (`eu` → the listener standing for
    /// `api-eu.zoom.us`).
    regional: Arc<BTreeMap<String, String>>,
    /// Required on every `/_sim/*` request (header [`ADMIN_TOKEN_HEADER`]).
    admin_token: Arc<str>,
    /// Where the world is kept between runs (the app's Sandbox), if anywhere.
    keeping: Option<Arc<Keeping>>,
}

/// The header that carries the admin token on `/_sim/*` requests.
pub const ADMIN_TOKEN_HEADER: &str = "x-sim-admin-token";

impl Sim {
    pub(crate) fn new(
        world: World,
        base_url: String,
        regional: BTreeMap<String, String>,
        admin_token: String,
        keeping: Option<Keeping>,
    ) -> Self {
        Self {
            world: Arc::new(Mutex::new(world)),
            base_url: base_url.into(),
            regional: Arc::new(regional),
            admin_token: admin_token.into(),
            keeping: keeping.map(Arc::new),
        }
    }

    /// Hands what changed in the world to its keeper, if it has one.
    pub(crate) fn keep_changes(&self) {
        if let Some(keeping) = &self.keeping {
            keeping.keep(&self.world);
        }
    }

    /// Locks the world. Handlers never hold it across an `.await`.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API base a token of an account in `region` names: its regional cluster, else the
    /// main listener (as `api.zoom.us`).
    pub fn api_url_for(&self, region: Option<&str>) -> &str {
        region
            .and_then(|r| self.regional.get(r))
            .map_or(&self.base_url, |url| url.as_str())
    }

    /// Every regional cluster's base URL, by region.
    pub fn regional(&self) -> &BTreeMap<String, String> {
        &self.regional
    }

    /// The token `/_sim/*` requests must carry.
    pub fn admin_token(&self) -> &str {
        &self.admin_token
    }
}
