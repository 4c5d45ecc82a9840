//! `s2s sim`: the simulator in the foreground, with the credentials of its demo apps printed so
//! they can be pasted straight into `s2s test-token` or the app. They are public, fake values.

use std::io::Write;

use serde_json::json;
use zoom_sim::Fixture;

use crate::args::SimArgs;
use crate::exit;

pub async fn run(args: SimArgs) -> u8 {
    let fixture = match load(&args) {
        Ok(f) => f,
        Err(message) => {
            errln!("s2s sim: {message}");
            return exit::BAD_INPUT;
        }
    };
    let admin_token = std::env::var("S2S_SIM_ADMIN_TOKEN").ok();
    let handle = match zoom_sim::start_with_admin_token(fixture.clone(), args.port, admin_token)
        .await
    {
        Ok(h) => h,
        Err(e) => {
            errln!("s2s sim: cannot listen on 127.0.0.1:{}: {e}. Pick another --port, or 0 for any free port.", args.port);
            return exit::BAD_INPUT;
        }
    };
    let url = handle.base_url();
    if args.json {
        let apps: Vec<_> = fixture
            .accounts
            .iter()
            .flat_map(|a| a.apps.iter().map(move |p| json!({"account_id": a.id, "name": p.name, "client_id": p.client_id, "client_secret": p.client_secret, "state": p.state, "kind": p.kind})))
            .collect();
        crate::out::json(
            &json!({"base_url": url, "regional_api_urls": handle.regional_api_urls(), "admin_token": handle.admin_token(), "apps": apps}),
        );
    } else {
        outln!("zoom-sim listening on {url}  (a simulated Zoom: no real account is involved)");
        for (region, api_url) in handle.regional_api_urls() {
            outln!("  regional API cluster {region:?} (as api-{region}.zoom.us): {api_url}");
        }
        for account in &fixture.accounts {
            outln!("\nAccount {} — Account ID {}", account.name, account.id);
            for app in &account.apps {
                outln!(
                    "  {:<36} client_id {}  client_secret {}  ({:?}, {:?})",
                    app.name,
                    app.client_id,
                    app.client_secret,
                    app.kind,
                    app.state
                );
            }
        }
        if let Some((account, app)) = fixture
            .accounts
            .first()
            .and_then(|a| a.apps.first().map(|p| (a, p)))
        {
            outln!("\nTry:\n  ZOOM_CLIENT_SECRET={} s2s test-token --oauth-url {url} --account-id {} --client-id {}", app.client_secret, account.id, app.client_id);
        }
        outln!(
            "\nControls (/_sim/*) need the header x-sim-admin-token: {} (set S2S_SIM_ADMIN_TOKEN to choose it).",
            handle.admin_token()
        );
        outln!("\nPress Ctrl-C to stop.");
    }
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    handle.stop().await;
    exit::OK
}

fn load(args: &SimArgs) -> Result<Fixture, String> {
    let Some(path) = &args.fixture else {
        return Ok(Fixture::default_sandbox());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Fixture::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}
