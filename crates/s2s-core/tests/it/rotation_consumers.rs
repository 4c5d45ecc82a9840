//! A rotation carries the new secret to every place it is deployed (its consumers) before the
//! old one goes: real commands with the secret on standard input, each recorded as it ends, a
//! failure leaving the others alone, and finishing refused until each is updated and checked.

#![cfg(unix)]

use s2s_core::deliver::CommandLine;
use s2s_core::profiles::consumers::{ConsumerDraft, ConsumerState, ConsumerTarget};
use s2s_core::profiles::rotation::{RotationError, RotationRequest, RotationStatus};
use s2s_core::Secret;

use crate::support::{edit_app, saved_reporting_bot, sim, tester, REPORTING};

const NEW_SECRET: &str = "regeneratedSecretReportingBot001";

/// `sh -c SCRIPT sh DIR`: the script finds the deployment's folder in "$1".
fn sh(script: &str, dir: &std::path::Path) -> CommandLine {
    CommandLine {
        program: "sh".into(),
        args: vec![
            "-c".into(),
            script.into(),
            "sh".into(),
            dir.display().to_string(),
        ],
    }
}

fn states(status: &RotationStatus) -> Vec<(&str, ConsumerState)> {
    status
        .consumers
        .iter()
        .map(|c| (c.label.as_str(), c.state))
        .collect()
}

#[tokio::test]
async fn the_new_secret_reaches_every_consumer_before_the_old_one_is_forgotten() {
    let sim = sim().await;
    let home = tempfile::tempdir().expect("tempdir");
    let deployed = tempfile::tempdir().expect("tempdir");
    let (service, id) = saved_reporting_bot(home.path(), "Reporting");
    service.use_sandbox(&sim.base_url());
    edit_app(&sim, REPORTING.0, |app| {
        app.client_secret = NEW_SECRET.into()
    });
    let add = |label: &str, command: &str, check: Option<&str>| {
        service
            .add_consumer(
                &id,
                ConsumerDraft {
                    label: label.into(),
                    target: ConsumerTarget::Command {
                        command: sh(command, deployed.path()),
                    },
                    check: check.map(|c| sh(c, deployed.path())),
                    timeout_secs: None,
                },
            )
            .expect("added")
    };
    add(
        "Vault",
        r#"echo run >> "$1/vault-runs"; cat > "$1/vault""#,
        Some(r#"test "$(cat "$1/vault")" = "$(cat)""#),
    );
    let staging = add(
        "Staging",
        r#"test -e "$1/ready" || { echo 'staging is not reachable' >&2; exit 1; }; cat > "$1/staging""#,
        None,
    );

    let (tester, _) = tester();
    let mut rotator = service.rotator(&tester, &id).expect("rotator");
    let status = rotator
        .handle(RotationRequest::StartManual {
            new_secret: Secret::new(NEW_SECRET),
            keep_previous_until_unix: None,
        })
        .await
        .expect("switched");
    assert_eq!(
        states(&status),
        [
            ("Vault", ConsumerState::Pending),
            ("Staging", ConsumerState::Pending)
        ]
    );
    assert_eq!(
        status.consumers[0].check.as_deref(),
        Some(r#"sh -c 'test "$(cat "$1/vault")" = "$(cat)"' sh "#)
            .map(|c| format!("{c}{}", deployed.path().display()))
            .as_deref(),
        "each command is shown in full before it runs"
    );

    let refused = rotator
        .handle(RotationRequest::Finish { force: false })
        .await
        .expect_err("consumers still have the old secret");
    assert!(matches!(refused, RotationError::ConsumersNotDone(_)));
    assert_eq!(
        refused.to_string(),
        r#"the old secret was kept: "Vault" and "Staging" are not updated and checked yet"#
    );

    let status = rotator
        .handle(RotationRequest::UpdateConsumers { only: None })
        .await
        .expect("updated what it could");
    assert_eq!(
        states(&status),
        [
            ("Vault", ConsumerState::Checked),
            ("Staging", ConsumerState::UpdateFailed)
        ],
        "a failure leaves the others as they are"
    );
    let failed = &status.consumers[1];
    assert_eq!(
        failed.detail.as_deref(),
        Some("exited with status 1: staging is not reachable")
    );
    assert!(failed.advice.is_some());
    let read = |name: &str| std::fs::read_to_string(deployed.path().join(name)).ok();
    assert_eq!(read("vault").as_deref(), Some(NEW_SECRET));
    let file = read_profiles(home.path());
    assert!(
        !file.contains(NEW_SECRET) && !file.contains(REPORTING.1),
        "progress is recorded without a secret"
    );
    assert!(status.previous_kept, "the old secret is still kept");
    assert!(
        status
            .summary
            .ends_with("; 1 of 2 deployments do not have it yet"),
        "{}",
        status.summary
    );
    assert!(matches!(
        rotator
            .handle(RotationRequest::Finish { force: false })
            .await,
        Err(RotationError::ConsumersNotDone(names)) if names == ["Staging"]
    ));

    std::fs::write(deployed.path().join("ready"), "").expect("staging is back");
    let status = rotator
        .handle(RotationRequest::UpdateConsumers { only: None })
        .await
        .expect("retried");
    assert_eq!(
        states(&status),
        [
            ("Vault", ConsumerState::Checked),
            ("Staging", ConsumerState::Updated)
        ]
    );
    assert_eq!(
        read("vault-runs").as_deref(),
        Some("run\n"),
        "a retry runs only the consumers not done"
    );
    assert_eq!(read("staging").as_deref(), Some(NEW_SECRET));

    let status = rotator
        .handle(RotationRequest::UpdateConsumers {
            only: Some(vec![staging.id.clone(), "no-such-consumer".into()]),
        })
        .await;
    assert!(
        status.is_err(),
        "an unknown consumer is refused, nothing run"
    );
    assert_eq!(read("vault-runs").as_deref(), Some("run\n"));

    let status = rotator
        .handle(RotationRequest::Finish { force: false })
        .await
        .expect("every consumer is done");
    assert!(status.rotation.is_none() && !status.previous_kept);
    assert!(
        states(&status)
            .iter()
            .all(|(_, s)| *s == ConsumerState::Pending),
        "with no rotation, the checklist starts afresh"
    );
}

#[tokio::test]
async fn the_admin_may_finish_anyway_when_a_consumer_was_switched_by_hand() {
    let sim = sim().await;
    let home = tempfile::tempdir().expect("tempdir");
    let (service, id) = saved_reporting_bot(home.path(), "Reporting");
    service.use_sandbox(&sim.base_url());
    edit_app(&sim, REPORTING.0, |app| {
        app.client_secret = NEW_SECRET.into()
    });
    service
        .add_consumer(
            &id,
            ConsumerDraft {
                label: "Legacy host".into(),
                target: ConsumerTarget::Command {
                    command: sh("exit 3", home.path()),
                },
                check: None,
                timeout_secs: Some(5),
            },
        )
        .expect("added");
    let (tester, _) = tester();
    let mut rotator = service.rotator(&tester, &id).expect("rotator");
    rotator
        .handle(RotationRequest::StartManual {
            new_secret: Secret::new(NEW_SECRET),
            keep_previous_until_unix: None,
        })
        .await
        .expect("switched");
    rotator
        .handle(RotationRequest::UpdateConsumers { only: None })
        .await
        .expect("recorded");
    let status = rotator
        .handle(RotationRequest::Finish { force: true })
        .await
        .expect("forced");
    assert!(status.rotation.is_none() && !status.previous_kept);
}

fn read_profiles(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("profiles.json")).expect("profiles file")
}
