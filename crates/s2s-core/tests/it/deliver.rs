//! A real consumer command: `secret-tool` (Debian's libsecret-tools) stores the secret it reads
//! on standard input into the Secret Service, and a check command proves it is there.

use std::time::Duration;

use s2s_core::deliver::{run, CommandLine, Delivery};
use s2s_core::Secret;

fn command(program: &str, args: &[&str]) -> CommandLine {
    CommandLine {
        program: program.into(),
        args: args.iter().map(|a| (*a).to_string()).collect(),
    }
}

#[test]
#[ignore = "stores into the Secret Service (gnome-keyring): scripts/test-all.sh runs it inside with-keyring.sh"]
fn secret_tool_stores_the_secret_from_standard_input_and_a_check_proves_it() {
    let attribute = format!("rotation-{}", std::process::id());
    let secret = Secret::new("consumerSecretConsumerSecret1234");
    let limit = Duration::from_secs(20);
    let stored = run(
        &command(
            "secret-tool",
            &[
                "store",
                "--label=S2S Desk consumer test",
                "s2s-desk-test",
                &attribute,
            ],
        ),
        Some(&secret),
        limit,
    );
    assert!(stored.ok(), "{stored:?}");
    // The check gets the secret on its standard input too, to compare without printing it.
    let check = command(
        "sh",
        &[
            "-c",
            r#"test "$(secret-tool lookup s2s-desk-test "$1")" = "$(cat)""#,
            "sh",
            &attribute,
        ],
    );
    assert!(
        run(&check, Some(&secret), limit).ok(),
        "the check sees the new secret"
    );
    let other = Secret::new("someOtherSecretSomeOtherSecret12");
    assert!(
        matches!(run(&check, Some(&other), limit), Delivery::Failed { .. }),
        "and only it"
    );
    let cleared = run(
        &command("secret-tool", &["clear", "s2s-desk-test", &attribute]),
        None,
        limit,
    );
    assert!(cleared.ok(), "{cleared:?}");
}
