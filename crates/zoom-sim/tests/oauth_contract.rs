//! The token endpoint in the shapes third-party Zoom clients send (FACTS.md "Token request").

use zoom_sim::{start, Fixture};

const ACCOUNT: &str = "SbxDemoAccount00000001";
const REPORTING: (&str, &str) = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001");

#[tokio::test]
async fn a_query_string_token_request_with_an_empty_body_gets_a_token_as_from_zoom() {
    use base64::Engine;
    let sim = start(Fixture::default_sandbox(), 0).await.expect("sim");
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", REPORTING.0, REPORTING.1));
    let url = format!(
        "{}/oauth/token?grant_type=account_credentials&account_id={ACCOUNT}",
        sim.base_url()
    );
    for content_type in [None, Some("application/json")] {
        let mut request = reqwest::Client::new()
            .post(&url)
            .header("authorization", format!("Basic {basic}"));
        if let Some(ct) = content_type {
            request = request.header("content-type", ct);
        }
        let answer = request.send().await.expect("answer");
        assert_eq!(answer.status(), 200, "{content_type:?}");
    }
    // A JSON body is what Zoom refuses.
    let refused = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .header("authorization", format!("Basic {basic}"))
        .json(&serde_json::json!({"grant_type": "account_credentials", "account_id": ACCOUNT}))
        .send()
        .await
        .expect("answer");
    assert_eq!(refused.status(), 400);
}

#[tokio::test]
async fn an_account_on_a_regional_cluster_gets_tokens_naming_it_and_both_hosts_answer() {
    let mut fixture = Fixture::default_sandbox();
    fixture.accounts[0].api_region = Some("eu".into());
    let sim = start(fixture, 0).await.expect("sim");
    let regional = sim.regional_api_urls()["eu"].clone();
    assert_ne!(regional, sim.base_url(), "a host of its own");
    let token: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/oauth/token?grant_type=account_credentials&account_id={ACCOUNT}",
            sim.base_url()
        ))
        .basic_auth(REPORTING.0, Some(REPORTING.1))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(token["api_url"], regional.as_str());
    // The regional host, and the global one (as api.zoom.us serves every account), both answer.
    for base in [regional.as_str(), &sim.base_url()] {
        let me = reqwest::Client::new()
            .get(format!("{base}/v2/users/me"))
            .bearer_auth(token["access_token"].as_str().expect("token"))
            .send()
            .await
            .expect("answer");
        assert_eq!(me.status(), 200, "{base}");
    }
}
