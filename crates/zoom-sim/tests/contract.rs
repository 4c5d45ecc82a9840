//! The simulator against Zoom's own API description: every operation in data/zoom-openapi is
//! called over loopback, and each answer must carry a status the operation documents; a success
//! body must validate against the documented schema (the `jsonschema` crate, draft 4, which is
//! what OpenAPI 3.0's schema dialect extends, with `nullable` rewritten as a `null` type), and an
//! error body must be Zoom's `{code, message}`.
//!
//! The documents are read here from the repository, not from the simulator's packed copy, so a
//! packing mistake in build.rs cannot hide itself; the schemas are corrected where Zoom's admit
//! no value at all (src/documented/corrections.rs says which, and why).

#[path = "../src/documented/corrections.rs"]
#[allow(dead_code)]
mod corrections;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};
use zoom_sim::fixture::App;
use zoom_sim::{start, Fixture, SimHandle};

const ACCOUNT: &str = "SbxDemoAccount00000001";
const CONTRACT_APP: (&str, &str) = ("SbxContractEveryScope1", "sandboxSecretContractEveryScope1");
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// One documented operation, as the test reads it from Zoom's document.
struct Documented {
    product: String,
    method: String,
    template: String,
    operation: Value,
}

fn documents() -> Vec<Documented> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/zoom-openapi/openapi");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/zoom-openapi/openapi")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for file in files {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("readable")).expect("JSON");
        let product = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        for (template, item) in doc["paths"].as_object().expect("paths") {
            for method in METHODS {
                if let Some(operation) = item.get(method) {
                    all.push(Documented {
                        product: product.clone(),
                        method: method.to_uppercase(),
                        template: template.clone(),
                        operation: operation.clone(),
                    });
                }
            }
        }
    }
    all
}

/// The default Sandbox plus an app of the Owner's holding every scope Zoom publishes.
async fn sim() -> SimHandle {
    let mut fixture = Fixture::default_sandbox();
    let account = fixture
        .accounts
        .iter_mut()
        .find(|a| a.id == ACCOUNT)
        .expect("the demo account");
    let mut app: App = account.apps[0].clone();
    app.name = "Contract".into();
    app.app_id = None;
    app.client_id = CONTRACT_APP.0.into();
    app.client_secret = CONTRACT_APP.1.into();
    app.owner_id = account
        .users
        .iter()
        .find(|u| u.role_id == "0")
        .expect("an Owner")
        .id
        .clone();
    app.scopes = zoom_catalog::catalog()
        .scope_names()
        .map(str::to_string)
        .collect();
    account.apps.push(app);
    let sim = start(fixture, 0).await.expect("sim");
    sim.world().freeze_clock();
    sim
}

async fn token(sim: &SimHandle) -> String {
    let answer: Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(CONTRACT_APP.0, Some(CONTRACT_APP.1))
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", ACCOUNT),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let token = answer["access_token"].as_str();
    assert!(token.is_some(), "no token: {answer}");
    token.unwrap_or_default().to_string()
}

/// A value for each path parameter: the fixture's own where the simulator keeps state for it,
/// else the example Zoom documents (else a plausible id).
fn path_for(doc: &Documented, known: &BTreeMap<&str, String>) -> String {
    let mut path = doc.template.clone();
    let parameters = doc.operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    while let Some(start) = path.find('{') {
        let end = path[start..].find('}').map_or(path.len(), |e| start + e);
        let name = path[start + 1..end].to_string();
        let value = known.get(name.as_str()).cloned().unwrap_or_else(|| {
            parameters
                .iter()
                .find(|p| p["name"] == name.as_str() && p["in"] == "path")
                .and_then(|p| match &p["schema"]["example"] {
                    Value::String(s) if !s.is_empty() => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| "85746065432".into())
        });
        path.replace_range(start..=end, &value);
    }
    path
}

/// OpenAPI 3.0's schema dialect as JSON Schema draft 4: `nullable` becomes a `null` type.
fn as_json_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| k.as_str() != "nullable")
                .map(|(k, v)| (k.clone(), as_json_schema(v)))
                .collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(t) = out.get("type").and_then(Value::as_str).map(str::to_string) {
                    out.insert("type".into(), json!([t, "null"]));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(as_json_schema).collect()),
        other => other.clone(),
    }
}

/// What is wrong with `status` and `body` as an answer to `doc`, if anything.
fn violation(doc: &Documented, status: u16, location: bool, body: &Value) -> Option<String> {
    let responses = doc.operation["responses"].as_object()?;
    let Some(response) = responses.get(&status.to_string()) else {
        return Some(format!(
            "status {status} is not documented ({:?}): {body}",
            responses.keys().collect::<Vec<_>>()
        ));
    };
    if (300..400).contains(&status) {
        return (!location).then(|| format!("redirect {status} without a Location"));
    }
    if !(200..300).contains(&status) {
        return (!(body["code"].is_number() || body["code"].is_string())
            || !body["message"].is_string())
        .then(|| format!("error {status} is not Zoom's {{code, message}}: {body}"));
    }
    let Some(schema) = response["content"]
        .as_object()
        .and_then(|c| c.values().next())
        .and_then(|media| media.get("schema"))
    else {
        // Zoom documents no body here: whatever comes is unchecked.
        return None;
    };
    let schema = corrections::correct(as_json_schema(schema));
    let validator = match jsonschema::draft4::new(&schema) {
        Ok(v) => v,
        Err(e) => return Some(format!("the documented schema does not compile: {e}")),
    };
    let errors: Vec<String> = validator
        .iter_errors(body)
        .take(3)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

/// One product's figures for the report.
#[derive(Default)]
struct Tally {
    documented: usize,
    as_documented: usize,
    succeeded: usize,
    stateful: usize,
}

/// Reads first, writes next, deletes last (the deepest paths first), so a deleted resource
/// cannot starve a later call on it or under it.
fn order(doc: &Documented) -> (u8, std::cmp::Reverse<usize>) {
    let depth = doc.template.matches('/').count();
    match doc.method.as_str() {
        "GET" => (0, std::cmp::Reverse(0)),
        "DELETE" => (2, std::cmp::Reverse(depth)),
        _ => (1, std::cmp::Reverse(0)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_operation_answers_as_documented() {
    let sim = sim().await;
    let token = token(&sim).await;
    // A download's documented answer is its redirect: the test reads that, not the file.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    // State for the stateful operations to read: a meeting that has happened (recorded to
    // the cloud), a webinar, a registrant, a group.
    let create = |path: &str, body: Value| {
        let request = client
            .post(format!("{}/v2{path}", sim.base_url()))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let created: Value = request
                .send()
                .await
                .expect("create")
                .json()
                .await
                .expect("json");
            created
        }
    };
    let meeting = create(
        "/users/me/meetings",
        json!({"topic": "Contract", "type": 2, "start_time": "2026-01-05T10:00:00Z",
            "duration": 30, "settings": {"auto_recording": "cloud"}}),
    )
    .await;
    let webinar = create("/users/me/webinars", json!({"topic": "Contract webinar"})).await;
    let registrant = create(
        &format!("/meetings/{}/registrants", meeting["id"]),
        json!({"email": "guest@example.com", "first_name": "Gus"}),
    )
    .await;
    let group = create("/groups", json!({"name": "Contract"})).await;
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let known = BTreeMap::from([
        ("userId", "me".to_string()),
        ("meetingId", meeting["id"].to_string()),
        ("webinarId", webinar["id"].to_string()),
        ("registrantId", text(&registrant["id"])),
        ("groupId", text(&group["id"])),
        ("accountId", ACCOUNT.to_string()),
        ("roleId", "2".to_string()),
        ("appId", "SbxAppReportingBot0001".to_string()),
    ]);
    let mut docs = documents();
    docs.sort_by_key(order);
    let mut failures = Vec::new();
    let stateful = zoom_sim::stateful_operations();
    let mut per_product: BTreeMap<String, Tally> = BTreeMap::new();
    for doc in &docs {
        let path = path_for(doc, &known);
        // Every plan budget starts afresh: the contract is the shape, not the budget.
        sim.world().reset_counters(ACCOUNT);
        let mut request = client
            .request(
                doc.method.parse().expect("method"),
                format!("{}/v2{path}", sim.base_url()),
            )
            .bearer_auth(&token);
        if doc.method != "GET" && doc.method != "DELETE" {
            request = request.json(&json!({}));
        }
        let answer = request.send().await.expect("an answer");
        let status = answer.status().as_u16();
        let location = answer.headers().contains_key(reqwest::header::LOCATION);
        let text = answer.text().await.unwrap_or_default();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        let tally = per_product.entry(doc.product.clone()).or_default();
        tally.documented += 1;
        if stateful.contains(&(doc.method.as_str(), doc.template.as_str())) {
            tally.stateful += 1;
        }
        if status < 400 {
            tally.succeeded += 1;
        }
        match violation(doc, status, location, &body) {
            None => tally.as_documented += 1,
            Some(why) => failures.push(format!(
                "{} {} ({}): {why}",
                doc.method, doc.template, doc.operation["operationId"]
            )),
        }
    }
    println!("product: answered as documented / documented; of those, succeeded; stateful");
    for (product, t) in &per_product {
        println!(
            "  {product}: {}/{}; {} succeeded; {} stateful",
            t.as_documented, t.documented, t.succeeded, t.stateful
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} answers break Zoom's contract:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    );
}
