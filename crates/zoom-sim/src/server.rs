//! The HTTP server: routes, and starting and stopping on loopback.

use std::collections::BTreeMap;
use std::future::IntoFuture;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::MutexGuard;

use axum::routing::{get, post};
use axum::Router;
use tokio::sync::watch;

use crate::fixture::Fixture;
use crate::keeping::{Keeping, SandboxKeeper};
use crate::state::Sim;
use crate::world::World;

/// A running simulator. Dropping it stops the server.
pub struct SimHandle {
    addr: SocketAddr,
    sim: Sim,
    shutdown: Option<watch::Sender<bool>>,
    task: tokio::task::JoinHandle<()>,
}

impl SimHandle {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`: both the OAuth base and the API base.
    pub fn base_url(&self) -> String {
        self.sim.base_url().to_string()
    }

    /// Each regional cluster's API base, by region (accounts with an `api_region`).
    pub fn regional_api_urls(&self) -> BTreeMap<String, String> {
        self.sim.regional().clone()
    }

    /// The token `/_sim/*` requests must carry (header [`ADMIN_TOKEN_HEADER`]).
    pub fn admin_token(&self) -> String {
        self.sim.admin_token().to_string()
    }

    /// Direct access to the world, for in-process tests.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.sim.world()
    }

    /// Hands what changed in the world to its keeper (after a change made in-process).
    pub(crate) fn keep_changes(&self) {
        self.sim.keep_changes();
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
    }
}

/// Starts a simulator on `127.0.0.1:port` (0: any free port) with a random admin token.
pub async fn start(fixture: Fixture, port: u16) -> std::io::Result<SimHandle> {
    start_with_admin_token(fixture, port, None).await
}

/// [`start`], with the admin token chosen by the caller (tests that drive a Sandbox they did
/// not start); `None` or a token shorter than 16 characters: a random one.
pub async fn start_with_admin_token(
    fixture: Fixture,
    port: u16,
    admin_token: Option<String>,
) -> std::io::Result<SimHandle> {
    serve(World::new(fixture), port, admin_token, None).await
}

/// Serves `world`, handing every change to `keeper` when there is one (the app's Sandbox).
pub(crate) async fn serve(
    world: World,
    port: u16,
    admin_token: Option<String>,
    keeper: Option<Box<dyn SandboxKeeper>>,
) -> std::io::Result<SimHandle> {
    let bind =
        |port: u16| tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    let listener = bind(port).await?;
    let addr = listener.local_addr()?;
    // One more listener per regional cluster the fixture's accounts use.
    let mut listeners = vec![listener];
    let mut regional = BTreeMap::new();
    let regions: Vec<String> = world
        .fixture()
        .accounts
        .iter()
        .filter_map(|a| a.api_region.clone())
        .collect();
    for region in regions {
        if let std::collections::btree_map::Entry::Vacant(slot) = regional.entry(region) {
            let listener = bind(0).await?;
            slot.insert(format!("http://{}", listener.local_addr()?));
            listeners.push(listener);
        }
    }
    let admin_token = admin_token.filter(|t| t.len() >= 16).unwrap_or_else(|| {
        crate::random::bytes::<16>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    });
    let keeping = keeper.map(Keeping::new);
    let sim = Sim::new(
        world,
        format!("http://{addr}"),
        regional,
        admin_token,
        keeping,
    );
    // What this run starts from is what the keeper holds from now on.
    sim.keep_changes();
    let (tx, rx) = watch::channel(false);
    let app = router(sim.clone());
    let task = tokio::spawn(async move {
        let mut served = tokio::task::JoinSet::new();
        for listener in listeners {
            let mut stop = rx.clone();
            served.spawn(
                axum::serve(listener, app.clone())
                    .with_graceful_shutdown(async move {
                        let _ = stop.changed().await;
                    })
                    .into_future(),
            );
        }
        while let Some(done) = served.join_next().await {
            if let Ok(Err(e)) = done {
                tracing::error!(error = %e, "zoom-sim stopped");
            }
        }
    });
    tracing::info!(%addr, "zoom-sim listening");
    Ok(SimHandle {
        addr,
        sim,
        shutdown: Some(tx),
        task,
    })
}

/// The simulator's stand-in for Zoom's file host: a download's redirect ends here.
async fn downloaded_file() -> &'static str {
    "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nSandbox recording.\n"
}

/// Every route, in one place: OAuth, then Zoom's `/v2` API (users, roles, meetings, the
/// Marketplace app; listed and dispatched in routes.rs, each answering Zoom's shapes, scope
/// checks and limits; one contract test per route in tests/api_contract.rs), then the `/_sim`
/// controls (dispatched in admin.rs). Anything else answers Zoom's
/// JSON error, and every answer carries an `x-zm-trackingid`.
fn router(sim: Sim) -> Router {
    use crate::{admin, api, oauth, receivers, routes};
    // The controls real Zoom does not have, behind the admin guard.
    let controls = Router::new()
        .route("/_sim/{*control}", axum::routing::any(admin::control))
        .route_layer(axum::middleware::from_fn_with_state(
            sim.clone(),
            admin::guard,
        ));
    Router::new()
        .route("/oauth/token", post(oauth::token))
        .route("/v2/{*route}", axum::routing::any(routes::v2))
        .route("/rec/download/{*file}", get(downloaded_file))
        // Sample receivers stand in for the admin's endpoint: open like one, no admin token.
        .route(
            "/_sim/receivers/{client_id}/{behaviour}",
            post(receivers::receive),
        )
        .merge(controls)
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn(api::tracking_id))
        .layer(axum::middleware::from_fn_with_state(
            sim.clone(),
            keep_changes,
        ))
        .with_state(sim)
}

/// After every request: a world that changed is kept (a no-op without a keeper).
async fn keep_changes(
    axum::extract::State(sim): axum::extract::State<Sim>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let response = next.run(request).await;
    sim.keep_changes();
    response
}
