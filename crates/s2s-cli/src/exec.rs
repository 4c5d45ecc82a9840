//! `s2s exec --profile NAME [--token] -- COMMAND [ARGS...]`: hand a profile's credentials to one
//! process through its environment only (as `aws-vault exec` and `op run` do) — never a file,
//! never printed. With `--token` the child gets a fresh access token and the API URL instead, so
//! it never sees the client secret. On Unix `s2s` becomes the command (exec), so its exit code and
//! signals are the command's own, and nothing of `s2s` — secret included — stays in memory; on
//! Windows it waits for the command, which dies with it, and passes its exit code on.

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

/// Windows has no exec, so the child runs under `s2s`: in a job object that kills it if `s2s`
/// itself is killed (nothing keeps running unseen with the credentials), with the console's
/// Ctrl-C left to the child (`s2s` waits for it rather than dying first), and with the child's
/// whole exit code passed on (Windows codes go beyond 255).
#[cfg(windows)]
fn launch(command: &mut Command, program: &str) -> u8 {
    use std::os::windows::io::AsRawHandle;
    // While this lives, a Ctrl-C reaches s2s as an event to ignore, not as its end.
    let _ctrl_c = tokio::signal::windows::ctrl_c();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return cannot_start(program, &e),
    };
    let job = win32job::Job::create_with_limit_info(
        win32job::ExtendedLimitInfo::new().limit_kill_on_job_close(),
    );
    match &job {
        Ok(job) => {
            if let Err(e) = job.assign_process(child.as_raw_handle() as isize) {
                tracing::warn!(error = %e, "the child could not be tied to s2s's lifetime");
            }
        }
        Err(e) => tracing::warn!(error = %e, "no job object for the child"),
    }
    match child.wait() {
        Ok(status) => std::process::exit(status.code().unwrap_or(i32::from(exit::INTERNAL))),
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
