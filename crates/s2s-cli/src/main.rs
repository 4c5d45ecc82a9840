//! `s2s`: S2S Desk's command line, a thin layer over s2s-core for scripts and pipelines.
//!
//! It parses arguments, reads credentials (never from a plain flag value), calls the core, and
//! renders the result (see `render`). Exit codes are a contract: see `exit` and `s2s --help`.

#[macro_use]
mod out;
mod apps;
#[cfg(test)]
mod architecture_doc;
mod args;
mod consumers;
mod exec;
mod exit;
mod failure;
mod limits;
mod migrate;
mod profile;
mod profile_commands;
mod render;
mod rotate;
mod scopes;
mod secret_input;
mod self_docs;
mod sim;
mod target;
mod test_token;
mod webhook;

use clap::FromArgMatches;

fn main() -> std::process::ExitCode {
    let cli = match args::Cli::from_arg_matches(&self_docs::command().get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    s2s_core::logging::init(tracing::Level::WARN, false);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            errln!("s2s: cannot start the async runtime: {e}");
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
            args::Command::Webhook(args::WebhookCommand::Test(a)) => webhook::test(a).await,
            args::Command::Profile(c) => profile_commands::run(c),
            args::Command::Exec(a) => exec::run(a).await,
            args::Command::Rotate(a) => rotate::run(a).await,
            args::Command::Consumers(c) => consumers::run(c),
            args::Command::Apps(a) => apps::run(a).await,
            args::Command::Sim(a) => sim::run(a).await,
            args::Command::Completions(a) => self_docs::completions(a.shell),
            args::Command::Man => self_docs::man(),
        }
    });
    std::process::ExitCode::from(code)
}
