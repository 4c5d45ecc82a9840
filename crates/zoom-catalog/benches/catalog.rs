//! Scope catalog timings, one run, medians (`scripts/bench.sh`):
//! 1. loading the compiled-in catalog (target ≤ 20 ms) beside a bare `serde_json::Value` parse
//!    of the same three files (what any loader must pay at least);
//! 2. scope diff + coverage of 1,000 API calls (target ≤ 5 ms) beside the operation lookups
//!    alone (the part that grows with the catalog).

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use zoom_catalog::coverage::{check_coverage, diff_scopes};
use zoom_catalog::limits::{plan_limits, CallVolume, Plan};
use zoom_catalog::query::find_operation;
use zoom_catalog::Catalog;

const FILES: [&str; 3] = [
    include_str!("../../../data/zoom-scopes/operations.json"),
    include_str!("../../../data/zoom-scopes/scopes.json"),
    include_str!("../../../data/zoom-scopes/privileges.json"),
];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn line(name: &str, value: Duration, target_ms: Option<f64>) {
    match target_ms {
        Some(t) => {
            let ratio = ms(value) / t;
            let verdict = if ratio <= 1.0 { "meets" } else { "MISSES" };
            println!(
                "  {name:<44} median {:>8.3} ms  = {ratio:.3} × target {t} ms ({verdict})",
                ms(value)
            );
        }
        None => println!("  {name:<44} median {:>8.3} ms", ms(value)),
    }
}

fn main() {
    const RUNS: usize = 31;
    let (mut load, mut raw) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        load.push(time(|| Catalog::load().unwrap()));
        raw.push(time(|| {
            FILES
                .iter()
                .map(|f| serde_json::from_str::<serde_json::Value>(f).unwrap())
                .collect::<Vec<_>>()
        }));
    }
    let (load, raw) = (median(load), median(raw));
    println!("Catalog load ({RUNS} runs each, alternating)");
    line("Catalog::load (typed, indexed)", load, Some(20.0));
    line("serde_json::Value of the same files", raw, None);
    println!(
        "  ratio load / bare parse                      {:.2}",
        ms(load) / ms(raw)
    );

    let catalog = Catalog::load().unwrap();
    // 1,000 calls as an integration would list them: concrete ids, real URLs, operationIds.
    let calls: Vec<String> = catalog
        .operations()
        .iter()
        .cycle()
        .take(1000)
        .enumerate()
        .map(|(i, op)| match i % 3 {
            0 => format!("{} {}", op.method, op.path.replace("{userId}", "me")),
            1 => format!(
                "{} https://api.zoom.us/v2{}",
                op.method.to_lowercase(),
                op.path.replace('{', "x").replace('}', "")
            ),
            _ => op.operation_id.clone(),
        })
        .collect();
    let granted: Vec<String> = [
        "user:read:user:admin",
        "user:read:list_users:admin",
        "user:read:list_permissions:admin",
        "role:read:list_roles:admin",
        "role:read:role:admin",
        "meeting:read:list_meetings:admin",
        "dashboard:read:list_meetings:admin",
        "report:read:list_meeting_participants:admin",
        "meeting:read:admin",
        "user:read:admin",
    ]
    .map(String::from)
    .to_vec();
    let expected: Vec<String> = granted
        .iter()
        .rev()
        .skip(2)
        .cloned()
        .chain(["meeting:write:meeting:admin".to_string()])
        .collect();
    let (mut full, mut lookups) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        full.push(time(|| {
            let d = diff_scopes(&granted, &expected);
            let c = check_coverage(&catalog, &granted, &calls);
            assert_eq!(c.calls.len(), 1000);
            (d, c)
        }));
        lookups.push(time(|| {
            calls
                .iter()
                .filter(|c| find_operation(&catalog, c).is_ok())
                .count()
        }));
    }
    let (full, lookups) = (median(full), median(lookups));
    println!("Scope diff + coverage of 1,000 calls ({RUNS} runs each, alternating)");
    line("diff + coverage + fewest scopes to add", full, Some(5.0));
    line("operation lookups alone", lookups, None);
    println!(
        "  ratio whole check / lookups                  {:.2}",
        ms(full) / ms(lookups)
    );

    // Rate-limit planning of the same 1,000 calls (issue target: under 5 ms).
    let volumes: Vec<CallVolume> = calls
        .iter()
        .enumerate()
        .map(|(i, call)| CallVolume {
            call: call.clone(),
            per_day: 10 + i as u64,
            peak_per_second: Some(0.01),
        })
        .filter(|v| find_operation(&catalog, &v.call).is_ok())
        .collect();
    let (mut planned, mut looked_up) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        planned.push(time(|| {
            plan_limits(&catalog, Plan::Pro, 10, &volumes)
                .map(|r| r.labels.len())
                .unwrap_or(0)
        }));
        looked_up.push(time(|| {
            volumes
                .iter()
                .filter(|v| find_operation(&catalog, &v.call).is_ok())
                .count()
        }));
    }
    let (planned, looked_up) = (median(planned), median(looked_up));
    println!(
        "Rate-limit plan of {} calls ({RUNS} runs each, alternating)",
        volumes.len()
    );
    line("plan_limits (labels, shared, per host)", planned, Some(5.0));
    line("operation lookups alone", looked_up, None);
    println!(
        "  ratio plan / lookups                         {:.2}",
        ms(planned) / ms(looked_up)
    );
}
