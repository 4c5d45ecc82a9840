//! Which app a command tests, and how: a saved profile (`--profile`, through the core's
//! `ProfileService`, so its test is recorded as the app records it) or credentials from flags
//! and the environment (the secret never from a flag value). Shared by `test-token` and
//! `migrate apply`, which tests the new app before writing anything.

use std::time::Duration;

use s2s_core::profiles::service::{CustomHost, ProfileService, ServiceError};
use s2s_core::profiles::test_run::{self, CoexistenceRun, TestRun};
use s2s_core::profiles::Profile;
use s2s_core::{Endpoint, ErrorKind, RawCredentials, Secret, TestOptions, TokenTester};

use crate::args::TargetArgs;
use crate::failure::{usage, Failure};

/// The app to test, ready: everything that could fail before a request has failed already.
pub struct Target {
    options: TestOptions,
    who: Who,
}

enum Who {
    Saved {
        service: ProfileService,
        profile: Box<Profile>,
    },
    Given(RawCredentials),
}

impl Target {
    /// Reads the profile or the credentials and builds the test's options (exit 2 on failure).
    pub fn prepare(args: &TargetArgs) -> Result<Self, Failure> {
        let who = match &args.profile {
            Some(name) => {
                let service = crate::profile::open_service()?;
                let profile = crate::profile::find_in(&service, name)?;
                Who::Saved {
                    service,
                    profile: Box::new(profile),
                }
            }
            None => Who::Given(given_credentials(args)?),
        };
        let options = options(args, &who)?;
        Ok(Self { options, who })
    }

    /// The saved profile, if the target is one.
    pub fn profile(&self) -> Option<&Profile> {
        match &self.who {
            Who::Saved { profile, .. } => Some(profile),
            Who::Given(_) => None,
        }
    }

    /// The saved profile, its service and the test options built from the flags.
    pub fn saved(&self) -> Option<(&ProfileService, &Profile, &TestOptions)> {
        match &self.who {
            Who::Saved { service, profile } => Some((service, profile, &self.options)),
            Who::Given(_) => None,
        }
    }

    /// The client secret, read where the test reads it (for `migrate apply --write-secret`).
    pub fn client_secret(&self) -> Result<Secret, Failure> {
        match &self.who {
            Who::Saved { service, profile } => service
                .credentials(&profile.id)
                .map(|(_, raw)| raw.client_secret)
                .map_err(|e| service_failure(&profile.name, &e)),
            Who::Given(raw) => Ok(raw.client_secret.clone()),
        }
    }

    /// The IDs tested.
    pub fn ids(&self) -> (String, String) {
        match &self.who {
            Who::Saved { profile, .. } => (profile.account_id.clone(), profile.client_id.clone()),
            Who::Given(raw) => (raw.account_id.clone(), raw.client_id.clone()),
        }
    }

    /// Runs the token coexistence check (recorded on a saved profile).
    pub async fn check_coexistence(&self) -> Result<CoexistenceRun, Failure> {
        let tester = TokenTester::default();
        match &self.who {
            Who::Saved { service, profile } => service
                .check_coexistence(&tester, &profile.id, Some(self.options.clone()))
                .await
                .map_err(|e| service_failure(&profile.name, &e)),
            Who::Given(raw) => Ok(CoexistenceRun {
                result: test_run::check_credentials_coexistence(&tester, raw, &self.options).await,
                recorded: None,
            }),
        }
    }

    /// A fresh token, not recorded anywhere and not probed: to hand to another process.
    pub async fn fresh_token(&self) -> Result<s2s_core::tester::TestOutcome, Failure> {
        let raw = match &self.who {
            Who::Saved { service, profile } => service
                .credentials(&profile.id)
                .map(|(_, raw)| raw)
                .map_err(|e| service_failure(&profile.name, &e))?,
            Who::Given(raw) => raw.clone(),
        };
        let mut options = self.options.clone();
        options.probe = false;
        options.required_scopes.clear();
        TokenTester::default()
            .test(&raw, &options)
            .await
            .map_err(|e| Failure::from_report(s2s_core::tester::FailureReport::from(&e)))
    }

    /// Runs the test (recorded in a saved profile's history, as the app records it).
    pub async fn test(&self) -> Result<TestRun, Failure> {
        let tester = TokenTester::default();
        match &self.who {
            Who::Saved { service, profile } => service
                .test_with(&tester, profile, self.options.clone())
                .await
                .map_err(|e| service_failure(&profile.name, &e)),
            Who::Given(raw) => Ok(test_run::test_credentials(&tester, raw, &self.options).await),
        }
    }
}

/// A profile that could not be used, with the fix for its cause.
pub fn service_failure(name: &str, e: &ServiceError) -> Failure {
    usage(format!("profile '{name}': {e}"), e.advice())
}

/// The test's options: a saved profile's own (the core decides where its secret may go), or
/// the flags' cloud or host for given credentials; then the flags' timeout, probe, scopes and
/// token slot.
fn options(args: &TargetArgs, who: &Who) -> Result<TestOptions, Failure> {
    let refused = |e: s2s_core::EndpointError| {
        Failure::usage(
            ErrorKind::HostRefused,
            e.to_string(),
            "Use --cloud, or --oauth-url with a loopback address.",
        )
    };
    let mut options = match who {
        Who::Saved { service, profile } => {
            let custom = args.oauth_url.as_deref().map(|url| CustomHost {
                url,
                allowed: args.allow_custom_host,
            });
            match service.test_options(profile, custom) {
                Ok(options) => options,
                Err(ServiceError::Endpoint(e)) => return Err(refused(e)),
                Err(e) => return Err(service_failure(&profile.name, &e)),
            }
        }
        Who::Given(_) => TestOptions::new(match &args.oauth_url {
            Some(url) => Endpoint::custom(url, args.allow_custom_host).map_err(refused)?,
            None => Endpoint::cloud(args.cloud.into()),
        }),
    };
    options.timeout = Some(Duration::from_secs(args.timeout));
    options.probe = !args.no_probe;
    options.token_index = args.token_index.or(options.token_index);
    options
        .required_scopes
        .extend(args.require_scope.iter().cloned());
    Ok(options)
}

fn given_credentials(args: &TargetArgs) -> Result<RawCredentials, Failure> {
    let missing =
        |what: &str, how: &str| usage(format!("no {what} given"), &format!("Pass {how}."));
    let account_id = args
        .account_id
        .clone()
        .ok_or_else(|| missing("account ID", "--profile, --account-id or ZOOM_ACCOUNT_ID"))?;
    let client_id = args
        .client_id
        .clone()
        .ok_or_else(|| missing("client ID", "--profile, --client-id or ZOOM_CLIENT_ID"))?;
    Ok(RawCredentials::new(
        account_id,
        client_id,
        read_secret(args.client_secret_stdin)?,
    ))
}

pub fn read_secret(from_stdin: bool) -> Result<Secret, Failure> {
    if from_stdin {
        return crate::secret_input::first_stdin_line("client secret");
    }
    crate::secret_input::env("ZOOM_CLIENT_SECRET").ok_or_else(|| {
        usage(
            "no client secret given".into(),
            "Set ZOOM_CLIENT_SECRET, or pass --client-secret-stdin and pipe it in. It is never accepted as a flag value.",
        )
    })
}
