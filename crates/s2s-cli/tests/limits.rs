//! `s2s limits`: exit 0 when everything fits, 6 when a limit would be exceeded, 2 for bad input,
//! and the documented JSON.

mod support;

use support::{run, s2s, Run};

async fn limits(args: &[&str]) -> Run {
    let mut cmd = s2s();
    cmd.arg("limits").args(args);
    run(cmd, None).await
}

#[tokio::test]
async fn volumes_that_fit_exit_0_and_json_has_the_documented_fields() {
    let out = limits(&[
        "--plan",
        "business",
        "--json",
        "GET /users=5000@2",
        "users=100",
    ])
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let json = out.json();
    assert_eq!(json["plan"], "business");
    assert_eq!(json["exceeded"], false);
    let label = &json["labels"][0];
    for field in [
        "label",
        "per_day",
        "budget_per_day",
        "peak_per_second",
        "budget_per_second",
        "verdict",
    ] {
        assert!(label.get(field).is_some(), "{field} in {label}");
    }
    assert_eq!(label["label"], "medium");
    assert_eq!(label["per_day"], 5_100);
    assert!(json["user_limits"].as_array().is_some_and(Vec::is_empty));
}

#[tokio::test]
async fn a_limit_that_would_be_exceeded_exits_6_and_says_what_helps() {
    let out = limits(&[
        "--plan",
        "pro",
        "POST /users/{userId}/meetings=300",
        "GET /report/meetings/{meetingId}=20000@5",
    ])
    .await;
    assert_eq!(out.code, 6, "{}", out.all());
    assert!(
        out.stdout.contains("EXCEEDS") && out.stdout.contains("midnight UTC"),
        "{}",
        out.stdout
    );
    // Spread over four hosts, the same volume fits.
    let spread = limits(&[
        "--plan",
        "pro",
        "--hosts",
        "4",
        "--json",
        "POST /users/{userId}/meetings=300",
    ])
    .await;
    assert_eq!(spread.code, 0, "{}", spread.all());
    assert_eq!(spread.json()["user_limits"][0]["per_host_per_day"], 75);
}

#[tokio::test]
async fn bad_input_names_the_call_and_exits_2() {
    for (args, says) in [
        (vec!["--plan", "pro", "GET /not/zoom=10"], "GET /not/zoom"),
        (
            vec!["--plan", "pro", "GET /users=lots"],
            "not a whole number",
        ),
        (vec!["--plan", "pro", "GET /users=-5"], "not a whole number"),
        (
            vec!["--plan", "pro", "GET /users=10@0"],
            "not a usable number",
        ),
        (
            vec!["--plan", "pro", "GET /users=99999999999"],
            "more than any account",
        ),
        (vec!["--plan", "pro", "GET /users"], "no =PER_DAY"),
        (vec!["--plan", "gold", "GET /users=1"], "gold"),
    ] {
        let out = limits(&args).await;
        assert_eq!(out.code, 2, "{args:?}: {}", out.all());
        assert!(out.all().contains(says), "{args:?}: {}", out.all());
    }
}
