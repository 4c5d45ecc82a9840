//! What a packager and a pipeline read off `s2s` itself: a version to pin (with the commit and
//! the scope catalog), shell completions and a man page from the same definitions, no colour
//! under NO_COLOR.

mod support;

use support::{run, s2s, Run};

async fn s2s_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = s2s();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    run(c, None).await
}

#[tokio::test]
async fn the_version_names_the_release_the_commit_and_the_catalog() {
    let r = s2s_with(&["--version"], &[]).await;
    assert_eq!(r.code, 0);
    let line = r.stdout.trim();
    assert!(
        line.starts_with(&format!("s2s {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    let commit = line
        .split("(commit ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("a commit");
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit}"
    );
    assert!(
        line.ends_with(&format!("catalog {})", zoom_catalog::CATALOG_VERSION)),
        "{line}"
    );
}

#[tokio::test]
async fn completions_cover_every_subcommand_in_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let r = s2s_with(&["completions", shell], &[]).await;
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for sub in ["test-token", "scopes", "limits", "migrate", "sim"] {
            assert!(r.stdout.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let r = s2s_with(&["completions", "tcsh"], &[]).await;
    assert_eq!(r.code, 2, "an unknown shell is bad input");
}

#[tokio::test]
async fn the_man_page_is_roff_with_every_subcommand_and_the_exit_codes() {
    let r = s2s_with(&["man"], &[]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(".TH s2s 1"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    for text in [
        "test\\-token",
        "migrate",
        "Exit codes:",
        "network, TLS or timeout",
    ] {
        assert!(r.stdout.contains(text), "the man page lacks {text}");
    }
}

#[tokio::test]
async fn no_color_wins_even_over_a_forced_colour() {
    // clap colours its errors when forced; NO_COLOR (https://no-color.org) must still win.
    let mut c = s2s();
    // The test command itself runs under NO_COLOR; this run must not inherit it.
    c.arg("--no-such-flag")
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR");
    let forced = run(c, None).await;
    assert!(
        forced.stderr.contains('\u{1b}'),
        "the check is meaningful only if colour can appear: {}",
        forced.stderr
    );
    let plain = s2s_with(
        &["--no-such-flag"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    )
    .await;
    assert_eq!(plain.code, 2);
    assert!(!plain.stderr.contains('\u{1b}'), "{:?}", plain.stderr);
}

#[tokio::test]
async fn logs_are_plain_text_when_not_on_a_terminal() {
    let sim = support::sim().await;
    let env = [
        ("S2S_LOG", "debug"),
        ("ZOOM_ACCOUNT_ID", support::ACCOUNT),
        ("ZOOM_CLIENT_ID", support::REPORTING.0),
        ("ZOOM_CLIENT_SECRET", support::REPORTING.1),
    ];
    let r = s2s_with(&["test-token", "--oauth-url", &sim.base_url()], &env).await;
    assert!(
        r.stderr.contains("DEBUG"),
        "debug logs were asked for: {}",
        r.stderr
    );
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
}
