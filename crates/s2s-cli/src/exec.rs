//! `s2s exec --profile NAME [--token] -- COMMAND [ARGS...]`: hand a profile's credentials to one
//! process through its environment only (as `aws-vault exec` and `op run` do) — never a file,
//! never printed. With `--token` the child gets a fresh access token and the API URL instead, so
//! it never sees the client secret. On Unix `s2s` becomes the command (exec), so its exit code and
//! signals are the command's own, and nothing of `s2s` — secret included — stays in memory.

use std::process::Command;

use crate::args::{ExecArgs, TargetArgs};
use crate::exit;
use crate::failure::{self, usage, Failure};
use crate::target::Target;

/// Every variable the credentials travel in; the child gets only the ones it was given.
const CREDENTIAL_VARIABLES: [&str; 5] = [
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
    "ZOOM_ACCESS_TOKEN",
    "ZOOM_API_URL",
];

pub async fn run(a: ExecArgs) -> u8 {
    let mut command = match prepare(&a).await {
        Ok(command) => command,
        Err(f) => return failure::print(&f, false),
    };
    launch(&mut command, &a.command[0])
}

async fn prepare(a: &ExecArgs) -> Result<Command, Failure> {
    let target = Target::prepare(&TargetArgs::saved_profile(
        &a.profile,
        a.oauth_url.clone(),
        a.allow_custom_host,
        a.timeout,
    ))?;
    let mut command = Command::new(&a.command[0]);
    command.args(&a.command[1..]);
    for name in CREDENTIAL_VARIABLES {
        command.env_remove(name);
    }
    if a.token {
        let fresh = target.fresh_token().await?;
        command
            .env("ZOOM_ACCESS_TOKEN", fresh.access_token.expose())
            .env("ZOOM_API_URL", &fresh.report.token.api_url);
    } else {
        let (account_id, client_id) = target.ids();
        command
            .env("ZOOM_ACCOUNT_ID", account_id)
            .env("ZOOM_CLIENT_ID", client_id)
            .env("ZOOM_CLIENT_SECRET", target.client_secret()?.expose());
    }
    Ok(command)
}

#[cfg(unix)]
fn launch(command: &mut Command, program: &str) -> u8 {
    use std::os::unix::process::CommandExt;
    // Only returns when the command could not be started.
    let e = command.exec();
    cannot_start(program, &e)
}

#[cfg(not(unix))]
fn launch(command: &mut Command, program: &str) -> u8 {
    match command.status() {
        Ok(status) => status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(exit::INTERNAL),
        Err(e) => cannot_start(program, &e),
    }
}

fn cannot_start(program: &str, e: &std::io::Error) -> u8 {
    failure::print(
        &usage(
            format!("cannot run {program}: {e}"),
            "Check the command's name and that it is on the PATH.",
        ),
        false,
    );
    exit::BAD_INPUT
}
