//! `zoom-sim [--port N] [--fixture FILE]`: the simulator on its own (the CLI's `s2s sim` is the
//! same server with demo credentials printed).

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let mut port = 0u16;
    let mut fixture = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(p)) => match p.parse() {
                Ok(p) => port = p,
                Err(_) => return usage(&format!("--port needs a number, got {p}")),
            },
            ("--fixture", Some(f)) => fixture = Some(f),
            _ => return usage(&format!("unexpected argument {arg}")),
        }
    }
    let fixture = match fixture.map(std::fs::read_to_string).transpose() {
        Ok(text) => match text.map(|t| zoom_sim::Fixture::from_json(&t)).transpose() {
            Ok(f) => f.unwrap_or_else(zoom_sim::Fixture::default_sandbox),
            Err(e) => return usage(&e.to_string()),
        },
        Err(e) => return usage(&format!("cannot read the fixture: {e}")),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => return usage(&format!("cannot start: {e}")),
    };
    runtime.block_on(async {
        match zoom_sim::start(fixture, port).await {
            Ok(handle) => {
                println!("zoom-sim listening on {}", handle.base_url());
                let _ = tokio::signal::ctrl_c().await;
                handle.stop().await;
                std::process::ExitCode::SUCCESS
            }
            Err(e) => usage(&format!("cannot listen on port {port}: {e}")),
        }
    })
}

fn usage(problem: &str) -> std::process::ExitCode {
    eprintln!("zoom-sim: {problem}\nusage: zoom-sim [--port N] [--fixture FILE]");
    std::process::ExitCode::from(2)
}
