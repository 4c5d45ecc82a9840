//! The command-line interface. Scripts depend on these names: change them only additively.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (token issued, and every --require-scope held)
  2  bad input or usage; nothing was sent to Zoom
  3  Zoom rejected the Client ID or Client Secret
  4  Account ID wrong, or the app is not usable (deactivated, not activated, not an S2S app)
  5  a required scope is missing (--require-scope), or `check` found a call not covered
  6  rate limited by Zoom
  7  Zoom answered with a server error or an unexpected body
  8  network, TLS or timeout (webhook test: also an answer slower than Zoom's 3 seconds)
  9  webhook test: the receiver answered wrongly (challenge, status, or it accepted a forged or
     replayed event)";

/// S2S Desk on the command line: test Zoom Server-to-Server OAuth credentials and check their scopes.
#[derive(Debug, Parser)]
#[command(name = "s2s", about, after_long_help = EXIT_CODES, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask Zoom for a token and explain the outcome (the same check as the app's "Test token").
    ///
    /// The client secret is read from ZOOM_CLIENT_SECRET or, with --client-secret-stdin, from the
    /// first line of standard input; never from a flag, so it stays out of shell history and `ps`.
    /// Since June 2023 an S2S app's tokens coexist, so a test leaves the token a deployed
    /// service holds alone; --check-coexistence checks that for your app (two tokens, then an API
    /// call with the first).
    TestToken(TestTokenArgs),
    /// Show the scopes of a profile's latest token, grouped by product, judged against the
    /// owner's role, with drift and ownership-risk warnings.
    Scopes(ScopesArgs),
    /// Check whether a profile's scopes cover API calls, and which scopes to add. Exit 5 when a
    /// call is not covered, 2 when a call is not recognised.
    ///
    /// Calls: `GET /users/{userId}`, a real URL (`GET https://api.zoom.us/v2/users/me`), or
    /// Zoom's operationId (`users`).
    Check(CheckArgs),
    /// Show which granted scopes Zoom would remove if the owner's role changed, and which calls
    /// would then fail.
    Whatif(WhatifArgs),
    /// Will an integration fit the account's plan? Judges each call's daily and peak volume
    /// against Zoom's per-label budgets, the daily budget Heavy and Resource-intensive calls
    /// share, and the 100-a-day per-host limit on creating or updating meetings. Exit 6 when a
    /// limit would be exceeded, 2 for an unknown call or a bad number.
    ///
    /// CALL=PER_DAY[@PEAK_PER_SECOND], CALL being `METHOD PATH` (quoted) or an operationId, e.g.
    /// "POST /users/{userId}/meetings=300" "GET /report/meetings/{meetingId}=20000@5". Without a
    /// peak, the day's calls are assumed spread over 8 busy hours.
    Limits(LimitsArgs),
    /// Migrate a legacy JWT-app integration to Server-to-Server OAuth: scan a project for
    /// API Key / API Secret / JWT settings and Zoom calls, then rewrite its configs.
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Test a webhook receiver before deploying it: Zoom's URL validation challenge, a signed
    /// event, and a forged and a replayed one it must refuse.
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Manage profiles from the command line (headless servers, CI set-up): the same profiles
    /// file and OS keychain entries the app uses.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Run COMMAND with a profile's credentials in its environment only: ZOOM_ACCOUNT_ID,
    /// ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET, or with --token only ZOOM_ACCESS_TOKEN and
    /// ZOOM_API_URL (a fresh token: the command never sees the secret). Nothing is written or
    /// printed; the exit code and signals are the command's.
    Exec(ExecArgs),
    /// Rotate a profile's client secret without downtime: the new secret is tested before it
    /// is stored, then swapped in; the old one is kept (keychain only) until you finish.
    ///
    /// Manual path: generate a new secret on the app's App Credentials page, then
    /// `s2s rotate --profile NAME --new-secret-stdin` (a secret Zoom rejects is never stored:
    /// exit 3). API path: `s2s rotate --profile NAME --via-api --app-id ID` (the app needs
    /// marketplace:update:client_secret); Zoom keeps the old secret working until
    /// --revoke-old (default 24 h, at most 30 days). When your deployment uses the new secret:
    /// `s2s rotate --profile NAME --finish`. Without an action, resumes an interrupted rotation
    /// and shows where it stands.
    ///
    /// With --update-consumers, the new secret (once switched in) goes to every place the
    /// profile says it is deployed (`s2s consumers`), each check is run, and --finish is refused
    /// until every one is done (--force to go ahead anyway). Exit 10 when one is not.
    Rotate(RotateArgs),
    /// Where a profile's secret is deployed (its consumers), for a rotation to update: a
    /// setting in a file (.env, JSON, YAML, TOML, docker-compose, a Kubernetes Secret) or a
    /// command that reads the secret on its standard input (secret-tool, op, vault, gh), each
    /// with an optional check command (exit 0 = the deployment uses the secret it is given on
    /// standard input). Saved with the profile; never a secret.
    #[command(subcommand)]
    Consumers(ConsumersCommand),
    /// List the account's apps with Zoom's own usage figures: last used, calls, failed calls,
    /// active users, creator and scopes, flagged when unused or failing, beside S2S Desk's own
    /// latest test of each saved profile.
    ///
    /// Asked with a fresh token of the profile's app, which needs one of
    /// marketplace:read:list_apps:admin or marketplace_app:read:admin; without either, exit 5
    /// ("not available with this app's scopes").
    Apps(AppsArgs),
    /// Run the local Zoom simulator and print its address and demo credentials.
    Sim(SimArgs),
    /// Print a shell completion script (bash, zsh or fish) to standard output; the packages
    /// install them, e.g. `s2s completions bash > /etc/bash_completion.d/s2s`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output; the packages install it as s2s(1).
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Which shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Find legacy JWT settings, hard-coded JWTs and Zoom API calls; name the scopes the S2S app needs.
    Scan(MigrateScanArgs),
    /// Rewrite the configs a plan found (all or none, with backups), once the new app's token
    /// test passes and covers the calls found. The app: --profile, or IDs from flags or
    /// ZOOM_ACCOUNT_ID/ZOOM_CLIENT_ID and the secret from ZOOM_CLIENT_SECRET (or stdin).
    Apply(MigrateApplyArgs),
    /// Restore the files an apply changed, from its backups.
    Undo(MigrateUndoArgs),
}

#[derive(Debug, Args)]
pub struct MigrateScanArgs {
    /// A project folder (respects .gitignore) or one file.
    pub path: PathBuf,
    /// Write the plan (findings masked, file fingerprints) for `s2s migrate apply`.
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MigrateApplyArgs {
    /// The plan from `s2s migrate scan --plan`.
    pub plan: PathBuf,
    /// The new S2S app, tested before anything is written (as `s2s test-token` tests it).
    #[command(flatten)]
    pub target: TargetArgs,
    /// Write without testing the new app first (the report says it was not tested).
    #[arg(long)]
    pub skip_test: bool,
    /// Write the client secret (the profile's, or ZOOM_CLIENT_SECRET) instead of a placeholder.
    #[arg(long)]
    pub write_secret: bool,
    /// The new settings' names, in order: account ID, client ID, client secret
    /// (default ZOOM_ACCOUNT_ID ZOOM_CLIENT_ID ZOOM_CLIENT_SECRET).
    #[arg(long, value_name = "NAME", num_args = 3, value_delimiter = ',')]
    pub names: Vec<String>,
    /// Show the previews; write nothing (and test nothing).
    #[arg(long)]
    pub dry_run: bool,
    /// Also write the migration report (Markdown) here.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MigrateUndoArgs {
    /// The journal.json an apply printed.
    pub journal: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScopesArgs {
    /// The profile (its latest recorded test; `s2s test-token --profile` records one).
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// Judge by this role instead of the one read at the last test: owner, admin, member, or a
    /// file holding Zoom's GET /roles/{roleId} answer.
    #[arg(long, value_name = "ROLE|FILE", value_parser = parse_role)]
    pub role: Option<RoleArg>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The profile whose scopes to check (its latest test's token).
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "scopes",
        conflicts_with = "scopes"
    )]
    pub profile: Option<String>,
    /// Check this scope list instead of a profile's, e.g. the one a pipeline's app holds:
    /// space- or comma-separated, as Zoom's `scope` field or the Marketplace lists them.
    #[arg(long, value_name = "SCOPES")]
    pub scopes: Option<String>,
    /// Also read calls from a file, one per line (# comments allowed).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also check the Zoom calls a scan of this project finds in its code (as `s2s migrate
    /// scan` finds them).
    #[arg(long, value_name = "PATH")]
    pub from_scan: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The calls: METHOD PATH pairs or operationIds.
    #[arg(value_name = "CALL")]
    pub calls: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LimitsArgs {
    /// The account's plan.
    #[arg(long, value_enum)]
    pub plan: PlanArg,
    /// How many hosts the user-level calls (meeting creates and updates) are spread over.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub hosts: u32,
    /// Also read CALL=PER_DAY[@PEAK] lines from a file (# comments allowed).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The calls and their volumes.
    #[arg(value_name = "CALL=PER_DAY[@PEAK]")]
    pub calls: Vec<String>,
}

/// An account plan, as Zoom's rate-limit table groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanArg {
    /// Free.
    Free,
    /// Pro.
    Pro,
    /// Business, Education, Enterprise, Partners.
    #[value(alias = "business+")]
    Business,
}

impl From<PlanArg> for s2s_core::catalog::limits::Plan {
    fn from(p: PlanArg) -> Self {
        match p {
            PlanArg::Free => Self::Free,
            PlanArg::Pro => Self::Pro,
            PlanArg::Business => Self::Business,
        }
    }
}

#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// The profile.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// The role to imagine: owner, admin, member, or a role JSON file. Default: the current role.
    #[arg(long, value_name = "ROLE|FILE", value_parser = parse_role)]
    pub role: Option<RoleArg>,
    /// Imagine this privilege removed from the role (e.g. Recording:Read). Repeatable.
    #[arg(long, value_name = "PRIVILEGE")]
    pub remove_privilege: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TestTokenArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Instead of a test: check whether this app's tokens coexist (Zoom's rule since June
    /// 2023) or a new token still invalidates the previous one. Costs two tokens; under the old
    /// rule the second invalidates the token a deployed service holds. With --profile, the
    /// answer is recorded on the profile.
    #[arg(long)]
    pub check_coexistence: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Which app to test, and how: shared by `test-token` and `migrate apply`.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Use a profile saved in S2S Desk (its IDs, cloud, expected scopes and token slot; the
    /// secret from the OS keychain). Other credential flags and variables are then ignored.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The app's Account ID.
    #[arg(long, env = "ZOOM_ACCOUNT_ID")]
    pub account_id: Option<String>,
    /// The app's Client ID.
    #[arg(long, env = "ZOOM_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Read the client secret from the first line of standard input instead of ZOOM_CLIENT_SECRET.
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// Zoom cloud: commercial (zoom.us) or government (Zoom for Government, zoomgov.com).
    #[arg(long, value_enum, default_value_t = CloudArg::Commercial)]
    pub cloud: CloudArg,
    /// Replace the token host (e.g. the simulator). Loopback only, unless --allow-custom-host.
    #[arg(long, value_name = "URL")]
    pub oauth_url: Option<String>,
    /// Allow --oauth-url to name a host that is neither Zoom nor this machine (https only), or
    /// to receive a real profile's credentials.
    #[arg(long, requires = "oauth_url")]
    pub allow_custom_host: bool,
    /// Legacy: Zoom's `index` token slot from before June 2023. Zoom now ignores it.
    #[arg(long, value_name = "N", hide = true)]
    pub token_index: Option<u32>,
    /// Fail (exit 5) unless the token holds this scope. Repeatable.
    #[arg(long = "require-scope", value_name = "SCOPE", value_parser = parse_scope)]
    pub require_scope: Vec<s2s_core::catalog::scope::ScopeName>,
    /// Deadline for the whole test, in seconds.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// Skip the authenticated GET /users/me call after the token is issued.
    #[arg(long)]
    pub no_probe: bool,
}

/// A scope name from the command line: parsed once, here.
fn parse_scope(value: &str) -> Result<s2s_core::catalog::scope::ScopeName, String> {
    let name = s2s_core::catalog::scope::ScopeName::new(value);
    if name.as_str().is_empty() || name.as_str().contains(char::is_whitespace) {
        return Err("a scope is one word, e.g. user:read:list_users:admin".into());
    }
    Ok(name)
}

/// `--role`: a built-in role, or a file holding Zoom's `GET /roles/{roleId}` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleArg {
    /// Owner, Admin or Member.
    Builtin(s2s_core::catalog::roles::RoleKind),
    /// A role JSON file.
    File(PathBuf),
}

fn parse_role(value: &str) -> Result<RoleArg, String> {
    use s2s_core::catalog::roles::RoleKind;
    Ok(match value.trim().to_ascii_lowercase().as_str() {
        "owner" => RoleArg::Builtin(RoleKind::Owner),
        "admin" => RoleArg::Builtin(RoleKind::Admin),
        "member" => RoleArg::Builtin(RoleKind::Member),
        _ if std::path::Path::new(value).is_file() => RoleArg::File(PathBuf::from(value)),
        _ => {
            return Err(format!(
                "'{value}' is not owner, admin or member, nor a file (a role JSON from Zoom's GET /roles/{{roleId}})"
            ))
        }
    })
}

/// A Zoom cloud, as the CLI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CloudArg {
    /// zoom.us
    Commercial,
    /// Zoom for Government (zoomgov.com).
    #[value(alias = "gov")]
    Government,
}

impl TargetArgs {
    /// A saved profile reached as `test-token` reaches it: its own cloud, or `oauth_url` under
    /// the same rules; no probe (the commands using this ask for a token and nothing else).
    pub fn saved_profile(
        name: &str,
        oauth_url: Option<String>,
        allow_custom_host: bool,
        timeout: u64,
    ) -> Self {
        Self {
            profile: Some(name.to_owned()),
            account_id: None,
            client_id: None,
            client_secret_stdin: false,
            cloud: CloudArg::Commercial,
            oauth_url,
            allow_custom_host,
            token_index: None,
            require_scope: Vec::new(),
            timeout,
            no_probe: true,
        }
    }
}

impl From<CloudArg> for s2s_core::Cloud {
    fn from(c: CloudArg) -> Self {
        match c {
            CloudArg::Commercial => s2s_core::Cloud::Commercial,
            CloudArg::Government => s2s_core::Cloud::Government,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Save a profile: IDs from flags, the client secret from ZOOM_CLIENT_SECRET or, with
    /// --client-secret-stdin, standard input (never a flag). Checked as the app's Setup checks
    /// it; nothing is written when no keychain answers.
    Add(ProfileAddArgs),
    /// List the profiles (never a secret).
    List {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show one profile: IDs, expected scopes, last test, the secret's age (never the secret).
    Show(ProfileNameArgs),
    /// Remove a profile and its keychain entries.
    Remove(ProfileNameArgs),
    /// Track a transfer of the app's ownership (Marketplace → Manage → the app → Transfer):
    /// the new owner must accept it and rotate the client secret within 30 days, or Zoom cancels
    /// it. `--to EMAIL` when it starts, `--confirmed` once the new owner accepted, then rotate
    /// (`s2s rotate --profile NAME …`) and test; `--cancel` to stop tracking it. Without a flag,
    /// shows the checklist. `s2s profile show` and the app's overview show its deadline.
    Transfer(ProfileTransferArgs),
}

#[derive(Debug, Subcommand)]
pub enum ConsumersCommand {
    /// Add a place the profile's secret is deployed: --file PATH (and --setting, default
    /// ZOOM_CLIENT_SECRET) or --command "CMD ARGS" (split as a shell splits words, run without
    /// one; it gets the secret on standard input). Shown in full; nothing runs now.
    Add(ConsumersAddArgs),
    /// List the profile's consumers, each in full.
    List(ConsumersProfileArgs),
    /// Remove a consumer (by its name or id).
    Remove(ConsumerArgs),
    /// Run a consumer's check with the profile's current secret on its standard input: does
    /// the deployment use it? Exit 10 when not.
    Check(ConsumerArgs),
}

#[derive(Debug, Args)]
pub struct ConsumersProfileArgs {
    /// The profile's name (ignoring case).
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConsumerArgs {
    #[command(flatten)]
    pub of: ConsumersProfileArgs,
    /// The consumer's name (ignoring case) or id.
    pub consumer: String,
}

#[derive(Debug, Args)]
pub struct ConsumersAddArgs {
    #[command(flatten)]
    pub of: ConsumersProfileArgs,
    /// What you call it ("production .env", "Vault").
    #[arg(long)]
    pub label: String,
    /// A file whose setting holds the secret (a relative path is taken from here).
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "command",
        required_unless_present = "command"
    )]
    pub file: Option<std::path::PathBuf>,
    /// The setting in --file that holds the secret.
    #[arg(
        long,
        value_name = "NAME",
        requires = "file",
        default_value = "ZOOM_CLIENT_SECRET"
    )]
    pub setting: String,
    /// A command that reads the secret on its standard input, as one string
    /// ("secret-tool store --label 'Zoom S2S' service zoom").
    #[arg(long, value_name = "CMD")]
    pub command: Option<String>,
    /// A command that exits 0 when the deployment uses the secret it reads on standard input.
    #[arg(long, value_name = "CMD")]
    pub check: Option<String>,
    /// Time limit for the command and the check, seconds (1 to 600; default 30).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ProfileTransferArgs {
    /// The profile's name (ignoring case).
    pub name: String,
    /// The transfer began: the new owner's Zoom sign-in email.
    #[arg(long, value_name = "EMAIL", conflicts_with_all = ["confirmed", "cancel"])]
    pub to: Option<String>,
    /// The new owner accepted the transfer in the Marketplace.
    #[arg(long, conflicts_with = "cancel")]
    pub confirmed: bool,
    /// Stop tracking the transfer (cancelled in the Marketplace, or done).
    #[arg(long)]
    pub cancel: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The profile whose credentials to hand over.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// Hand over a fresh access token and the API URL instead of the credentials.
    #[arg(long)]
    pub token: bool,
    /// With --token: replace the token host (e.g. the simulator), as for `test-token`.
    #[arg(long, value_name = "URL", requires = "token")]
    pub oauth_url: Option<String>,
    /// With --oauth-url: allow it to receive a real profile's credentials.
    #[arg(long, requires = "oauth_url")]
    pub allow_custom_host: bool,
    /// With --token: deadline for the token request, in seconds.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AppsArgs {
    /// The profile whose app asks Zoom.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// An app not called for this many days is flagged as unused.
    #[arg(long, value_name = "DAYS", default_value_t = s2s_core::app_usage::UNUSED_AFTER_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub unused_days: u32,
    /// Replace the token host (e.g. the simulator), as for `test-token`.
    #[arg(long, value_name = "URL")]
    pub oauth_url: Option<String>,
    /// With --oauth-url: allow it to receive a real profile's credentials.
    #[arg(long, requires = "oauth_url")]
    pub allow_custom_host: bool,
    /// Deadline for each request to Zoom, in seconds.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    /// The profile whose secret to rotate.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// Manual path: read the new client secret from the first line of standard input.
    #[arg(long, conflicts_with_all = ["via_api", "finish", "cancel", "revoke_old"])]
    pub new_secret_stdin: bool,
    /// Manual path: forget the old secret by itself at TIME (e.g. 2026-12-24T18:00:00Z, or 48h,
    /// 7d from now); without it, when you run --finish.
    #[arg(long, value_name = "TIME", requires = "new_secret_stdin", value_parser = parse_when)]
    pub keep_old_until: Option<When>,
    /// API path: ask Zoom for the new secret (rotate_client_secret).
    #[arg(long, conflicts_with_all = ["finish", "cancel"])]
    pub via_api: bool,
    /// API path: the app's Marketplace App ID (remembered on the profile).
    #[arg(long, value_name = "ID", requires = "via_api")]
    pub app_id: Option<String>,
    /// API path: when Zoom revokes the old secret: `now`, a time (2026-12-24T18:00:00Z) or a
    /// delay (48h, 7d); at most 30 days. With a rotation under way, moves that time.
    #[arg(long, value_name = "now|TIME", value_parser = parse_when)]
    pub revoke_old: Option<When>,
    /// Forget the old secret now (API path: Zoom revokes it now): your deployment switched.
    #[arg(long, conflicts_with_all = ["cancel", "revoke_old"])]
    pub finish: bool,
    /// Drop a rotation whose new secret was not tested yet; the profile keeps its secret.
    #[arg(long, conflicts_with = "revoke_old")]
    pub cancel: bool,
    /// Once the new secret is switched in, carry it to the profile's consumers (those not done
    /// yet: a second run retries the ones that failed) and run their checks. Exit 10 when one
    /// is not updated or its check fails.
    #[arg(long, conflicts_with = "cancel")]
    pub update_consumers: bool,
    /// With --finish: forget the old secret although some consumer is not updated and checked
    /// (you switched it yourself).
    #[arg(long, requires = "finish")]
    pub force: bool,
    /// Replace the token host (e.g. the simulator), as for `test-token`.
    #[arg(long, value_name = "URL")]
    pub oauth_url: Option<String>,
    /// With --oauth-url: allow it to receive a real profile's credentials.
    #[arg(long, requires = "oauth_url")]
    pub allow_custom_host: bool,
    /// Deadline for each request to Zoom, in seconds.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A moment given on the command line: `now`, an RFC 3339 time, or a delay from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Now,
    /// Unix seconds.
    At(i64),
    /// Seconds from now.
    In(i64),
}

fn parse_when(text: &str) -> Result<When, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("now") {
        return Ok(When::Now);
    }
    if let Ok(t) = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
    {
        return Ok(When::At(t.unix_timestamp()));
    }
    let unit = |c: char| match c {
        'm' => Some(60),
        'h' => Some(3600),
        'd' => Some(86_400),
        _ => None,
    };
    let parsed = text
        .char_indices()
        .last()
        .and_then(|(i, c)| Some((text[..i].parse::<i64>().ok()?, unit(c)?)))
        .filter(|(n, _)| *n > 0);
    match parsed {
        Some((n, secs)) => Ok(When::In(n.saturating_mul(secs))),
        None => Err(format!(
            "'{text}' is not a time: give now, 2026-12-24T18:00:00Z, or a delay like 90m, 48h, 7d"
        )),
    }
}

#[derive(Debug, Args)]
pub struct ProfileAddArgs {
    /// The profile's name (unique, ignoring case).
    pub name: String,
    /// The app's Account ID (App Credentials page).
    #[arg(long, value_name = "ID")]
    pub account_id: String,
    /// The app's Client ID.
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// Read the client secret from the first line of standard input.
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// The Zoom cloud.
    #[arg(long, value_enum, default_value = "commercial")]
    pub cloud: CloudArg,
    /// A scope the app must hold; every test of the profile then checks it (repeatable).
    #[arg(long, value_name = "SCOPE", value_parser = parse_scope)]
    pub expect_scope: Vec<s2s_core::catalog::scope::ScopeName>,
    /// A tag for the overview's filters (repeatable).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// The app's Marketplace App ID, for `s2s rotate --via-api`.
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,
    /// Remind to rotate the secret after DAYS (1 to 3650; default 90).
    // The range is the core's (REMINDER_DAYS), checked when the profile is saved; a test keeps
    // these words in step with it.
    #[arg(long, value_name = "DAYS")]
    pub secret_reminder_days: Option<u32>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProfileNameArgs {
    /// The profile's name (ignoring case).
    pub name: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Send what Zoom sends to URL and judge each answer, as Zoom would: the
    /// endpoint.url_validation challenge (200 with the right encryptedToken within 3 s), a signed
    /// sample event (200/204 within 3 s), the same event with a wrong signature and with a
    /// 30-minute-old timestamp (each must be refused with a 4xx).
    ///
    /// The Secret Token (the app's Feature page) comes from --secret-token-stdin, else the
    /// profile (--profile), else ZOOM_WEBHOOK_SECRET_TOKEN; never from a flag value. Plain http
    /// is sent only to this machine unless --allow-insecure. Exit 0 all passed, 2 bad input,
    /// 8 network/TLS/timeout or slower than 3 s, 9 the receiver answered wrongly.
    Test(WebhookTestArgs),
}

#[derive(Debug, Args)]
pub struct WebhookTestArgs {
    /// The receiver's endpoint URL, e.g. https://hooks.example.com/zoom or http://localhost:3000/webhook.
    pub url: String,
    /// A profile saved by S2S Desk whose webhook Secret Token to use (its account ID goes in
    /// the sample event).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Read the Secret Token from the first line of standard input.
    #[arg(long)]
    pub secret_token_stdin: bool,
    /// The sample event to send (meeting.started, meeting.ended, meeting.created,
    /// meeting.participant_joined, recording.completed, user.created).
    #[arg(long, value_name = "EVENT", default_value = "meeting.started")]
    pub event: String,
    /// Seconds to wait for any one answer (Zoom itself waits 3).
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout: u64,
    /// Allow plain http to a host other than this machine.
    #[arg(long)]
    pub allow_insecure: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// A fixture file (accounts, roles, users, apps); default: the built-in Sandbox.
    #[arg(long, value_name = "FILE")]
    pub fixture: Option<PathBuf>,
    /// Print the address and demo credentials as one JSON line.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use s2s_core::profiles::health::REMINDER_DAYS;

    #[test]
    fn the_reminder_flags_help_states_the_cores_rule() {
        let cli = super::Cli::command();
        let add = cli
            .find_subcommand("profile")
            .and_then(|p| p.find_subcommand("add"))
            .expect("s2s profile add");
        let flag = add
            .get_arguments()
            .find(|a| a.get_id() == "secret_reminder_days")
            .expect("--secret-reminder-days");
        let help = flag.get_help().expect("help").to_string();
        let rule = format!(
            "({} to {}; default {})",
            REMINDER_DAYS.min, REMINDER_DAYS.max, REMINDER_DAYS.default
        );
        assert!(help.contains(&rule), "{help:?} should say {rule}");
    }
}
