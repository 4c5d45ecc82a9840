//! `/_sim/*` answers only this run's own tools: a loopback Host, the admin token, JSON bodies.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zoom_sim::{start_with_admin_token, Fixture};

const TOKEN: &str = "test-admin-token-0123456789";

/// One raw HTTP/1.1 request (raw, so the Host header is ours to forge); the answer's status.
async fn status(addr: std::net::SocketAddr, request: &str) -> u16 {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    let text = String::from_utf8_lossy(&answer);
    text.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line")
}

fn request(method: &str, path: &str, host: &str, headers: &[&str], body: &str) -> String {
    let mut r = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    r.push_str(body);
    r
}

#[tokio::test]
async fn the_controls_need_a_loopback_host_the_token_and_json() {
    let sim = start_with_admin_token(Fixture::default_sandbox(), 0, Some(TOKEN.into()))
        .await
        .expect("sim");
    let addr = sim.addr();
    let host = addr.to_string();
    let auth = format!("x-sim-admin-token: {TOKEN}");
    let json = "content-type: application/json";
    let body = r#"{"role_id":"2"}"#;
    let role = "/_sim/users/sbx-admin-0002/role";
    let tokens = |host: &str, headers: &[&str]| request("GET", "/_sim/tokens", host, headers, "");

    assert_eq!(status(addr, &tokens(&host, &[])).await, 401, "no token");
    let wrong = "x-sim-admin-token: guessed-wrong-000000";
    assert_eq!(status(addr, &tokens(&host, &[wrong])).await, 401);
    assert_eq!(
        status(addr, &tokens("rebound.attacker.example", &[&auth])).await,
        403,
        "DNS rebinding: the page's own Host"
    );
    let form_like = request(
        "POST",
        role,
        &host,
        &[&auth, "content-type: text/plain"],
        body,
    );
    assert_eq!(
        status(addr, &form_like).await,
        415,
        "a POST a page could send"
    );
    assert_eq!(status(addr, &tokens(&host, &[&auth])).await, 200);
    let localhost = format!("localhost:{}", addr.port());
    let ok = request("POST", role, &localhost, &[&auth, json], body);
    assert_eq!(status(addr, &ok).await, 200);
    // Zoom's own routes are unaffected.
    let me = request("GET", "/v2/users/me", &host, &[], "");
    assert_ne!(status(addr, &me).await, 403);
}
