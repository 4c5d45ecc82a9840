//! `s2s`: S2S Desk's command line, a thin layer over s2s-core for scripts and pipelines.
//!
//! It parses arguments, reads credentials (never from a plain flag value), calls the core, and
//! renders the result (see `render`). Exit codes are a contract: see `exit` and `s2s --help`.

mod args;
mod exit;
mod failure;
mod limits;
mod migrate;
mod profile;
mod render;
mod scopes;
mod self_docs;
mod sim;
mod target;
mod test_token;

use clap::FromArgMatches;

fn main() -> std::process::ExitCode {
    let cli = match args::Cli::from_arg_matches(&self_docs::command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("s2s: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(exit::INTERNAL);
        }
    };
    let code = runtime.block_on(async {
        match cli.command {
            args::Command::TestToken(a) => test_token::run(a).await,
            args::Command::Scopes(a) => scopes::scopes(a),
            args::Command::Check(a) => scopes::check(a),
            args::Command::Whatif(a) => scopes::whatif(a),
            args::Command::Limits(a) => limits::run(a),
            args::Command::Migrate(c) => migrate::run(c).await,
            args::Command::Sim(a) => sim::run(a).await,
            args::Command::Completions(a) => self_docs::completions(a.shell),
            args::Command::Man => self_docs::man(),
        }
    });
    std::process::ExitCode::from(code)
}

/// Logs go to stderr, quiet by default; `S2S_LOG=debug` for more. No log line carries a secret.
/// Colour only on a terminal, and never under NO_COLOR (https://no-color.org).
fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    // "debug", or per target: "s2s_core=debug,info". Unreadable or unset: the default level.
    let filter: tracing_subscriber::filter::Targets = std::env::var("S2S_LOG")
        .ok()
        .and_then(|spec| spec.parse().ok())
        .unwrap_or_else(|| {
            tracing_subscriber::filter::Targets::new().with_default(tracing::Level::WARN)
        });
    // Colour only on a terminal, and never under NO_COLOR (https://no-color.org).
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(colour)
                .with_target(false),
        )
        .with(filter)
        .try_init();
}
