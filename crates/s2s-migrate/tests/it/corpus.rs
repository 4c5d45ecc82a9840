//! Every corpus case: a realistic legacy project per format, plus the tricky cases, each with
//! the findings, calls and scopes it must produce (tests/fixtures/<case>/expected.json).

use serde::Deserialize;
use serde_json::Value;

use crate::support::{case, corpus, scan_dir};

#[derive(Deserialize, Debug)]
struct Expected {
    findings: Vec<ExpectedFinding>,
    #[serde(default)]
    calls: Option<Vec<String>>,
    #[serde(default)]
    scopes: Option<Vec<String>>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpectedFinding {
    file: String,
    line: usize,
    kind: String,
    key: Option<String>,
    flags: Vec<String>,
}

#[test]
fn every_case_in_the_corpus_yields_exactly_its_expected_findings() {
    let mut cases: Vec<_> = std::fs::read_dir(corpus())
        .expect("corpus")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "{cases:?}");
    for name in cases {
        let expected: Expected = serde_json::from_slice(
            &std::fs::read(corpus().join(&name).join("expected.json")).expect("expected.json"),
        )
        .expect("parses");
        let dir = case(&name);
        let report = scan_dir(dir.path());
        let got: Vec<(String, usize, String, Option<String>)> = report
            .findings
            .iter()
            .map(|f| {
                let kind = serde_json::to_value(f.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                (f.file.clone(), f.line, kind, f.key.clone())
            })
            .collect();
        let want: Vec<(String, usize, String, Option<String>)> = expected
            .findings
            .iter()
            .map(|f| (f.file.clone(), f.line, f.kind.clone(), f.key.clone()))
            .collect();
        assert_eq!(got, want, "case {name}");
        for (f, e) in report.findings.iter().zip(&expected.findings) {
            let flags: Vec<Value> = f
                .flags
                .iter()
                .map(|x| serde_json::to_value(x).unwrap_or_default())
                .collect();
            for flag in &e.flags {
                assert!(
                    flags.contains(&Value::String(flag.clone())),
                    "case {name}: {}:{} lacks flag {flag}: {flags:?}",
                    f.file,
                    f.line
                );
            }
        }
        if let Some(calls) = expected.calls {
            let got: Vec<&str> = report.calls.iter().map(|c| c.call.as_str()).collect();
            assert_eq!(got, calls, "case {name}: calls");
            assert!(
                report.calls.iter().all(|c| c.operation.is_some()),
                "case {name}: every call is in the catalog"
            );
        }
        if let Some(scopes) = expected.scopes {
            let mut got: Vec<&str> = report.scopes.iter().map(|s| s.scope.as_str()).collect();
            got.sort_unstable();
            let mut want: Vec<&str> = scopes.iter().map(String::as_str).collect();
            want.sort_unstable();
            assert_eq!(got, want, "case {name}: scopes");
        }
    }
}

#[test]
fn findings_never_carry_the_secret_itself() {
    for name in [
        "dotenv-tricky",
        "kubernetes",
        "toml-ini-properties",
        "python-app",
    ] {
        let dir = case(name);
        let json = serde_json::to_string(&scan_dir(dir.path())).expect("json");
        for secret in ["LegacySecretValue0123456789", "s3cret#NotAComment"] {
            assert!(!json.contains(secret), "{name}: {secret} leaked");
        }
    }
}
