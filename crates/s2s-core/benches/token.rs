//! Side-by-side timings against the simulator, in one run (`scripts/bench.sh`):
//! 1. a cold `s2s test-token` process versus an equivalent `curl` (target ratio ≤ 1.5);
//! 2. the in-process `TokenTester` versus a bare reqwest POST (target ratio ≤ 1.05).
//!
//! Runs alternate A, B, A, B… so drift on a busy machine hits both sides alike; medians printed.
//! The CLI half runs when S2S_BIN names the `s2s` binary (bench.sh builds it in release).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use s2s_core::{Endpoint, RawCredentials, Secret, TestOptions, TokenTester};
use zoom_sim::Fixture;

const ACCOUNT: &str = "SbxDemoAccount00000001";
const CLIENT_ID: &str = "SbxReportingBot0000001";
const SECRET: &str = "sandboxSecretReportingBot0000001";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn report(
    title: &str,
    a_name: &str,
    a: Vec<Duration>,
    b_name: &str,
    b: Vec<Duration>,
    target: f64,
) {
    let n = a.len();
    let (a, b) = (median(a), median(b));
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    let verdict = if ratio <= target { "meets" } else { "MISSES" };
    println!("{title} ({n} runs each, alternating)");
    println!("  {a_name:<34} median {:>9.3} ms", a.as_secs_f64() * 1e3);
    println!("  {b_name:<34} median {:>9.3} ms", b.as_secs_f64() * 1e3);
    println!("  ratio {ratio:.3} ({verdict} the target of ≤ {target})\n");
}

fn cli_versus_curl(s2s: &str, base_url: &str, runs: usize) {
    let run_s2s = || {
        let started = Instant::now();
        let out = Command::new(s2s)
            .args([
                "test-token",
                "--oauth-url",
                base_url,
                "--no-probe",
                "--json",
            ])
            .env("ZOOM_ACCOUNT_ID", ACCOUNT)
            .env("ZOOM_CLIENT_ID", CLIENT_ID)
            .env("ZOOM_CLIENT_SECRET", SECRET)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(out.success(), "s2s test-token failed");
        started.elapsed()
    };
    // curl reads the credentials from a config on stdin, as a careful script would.
    let run_curl = || {
        let started = Instant::now();
        let mut child = Command::new("curl")
            .args([
                "-sS",
                "-f",
                "-o",
                "/dev/null",
                "-K",
                "-",
                "-H",
                "Accept: application/json",
            ])
            .args([
                "-d",
                "grant_type=account_credentials",
                "-d",
                &format!("account_id={ACCOUNT}"),
            ])
            .arg(format!("{base_url}/oauth/token"))
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let config = format!("user = \"{CLIENT_ID}:{SECRET}\"\n");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(config.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "curl failed");
        started.elapsed()
    };
    for _ in 0..3 {
        run_s2s();
        run_curl();
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(run_s2s());
        b.push(run_curl());
    }
    report(
        "Cold process: token request, no probe",
        "s2s test-token --no-probe --json",
        a,
        "curl -X POST …/oauth/token",
        b,
        1.5,
    );
}

async fn client_versus_reqwest(base_url: &str, runs: usize) {
    let tester = TokenTester::default();
    let mut options = TestOptions::new(Endpoint::custom(base_url, false).unwrap());
    options.probe = false;
    let creds = RawCredentials::new(ACCOUNT, CLIENT_ID, Secret::new(SECRET));
    let raw = reqwest::Client::new();
    let url = format!("{base_url}/oauth/token");

    let with_tester = || async {
        let started = Instant::now();
        let outcome = tester.test(&creds, &options).await.unwrap();
        assert!(outcome.report.passed());
        started.elapsed()
    };
    let with_reqwest = || async {
        let started = Instant::now();
        let response = raw
            .post(&url)
            .basic_auth(CLIENT_ID, Some(SECRET))
            .header("Accept", "application/json")
            .form(&[
                ("grant_type", "account_credentials"),
                ("account_id", ACCOUNT),
            ])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["access_token"].is_string());
        started.elapsed()
    };
    for _ in 0..50 {
        with_tester().await;
        with_reqwest().await;
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        a.push(with_tester().await);
        b.push(with_reqwest().await);
    }
    report(
        "In process: token request, no probe",
        "TokenTester::test",
        a,
        "bare reqwest POST + JSON parse",
        b,
        1.05,
    );
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sim = runtime
        .block_on(zoom_sim::start(Fixture::default_sandbox(), 0))
        .unwrap();
    let base_url = sim.base_url();
    println!("S2S Desk token benchmark against the simulator at {base_url}\n");
    match std::env::var("S2S_BIN") {
        Ok(s2s) => cli_versus_curl(&s2s, &base_url, 40),
        Err(_) => println!("(S2S_BIN not set: skipping the cold-process comparison)\n"),
    }
    runtime.block_on(client_versus_reqwest(&base_url, 2000));
}
