//! `s2s limits`: the core's rate-limit planner on the command line — parse the volumes, one
//! core call, render a table with bars (or JSON), exit 0 / 6 / 2.

use s2s_core::catalog::catalog;
use s2s_core::catalog::limits::{plan_limits, CallVolume, LimitsReport, Verdict};
use s2s_core::catalog::query::call_lines;
use s2s_core::ErrorKind;
use serde_json::json;

use crate::args::LimitsArgs;
use crate::exit;
use crate::failure::{self, usage, Failure};

pub fn run(args: LimitsArgs) -> u8 {
    let json = args.json;
    match limits(args) {
        Ok(code) => code,
        Err(f) => failure::print(&f, json),
    }
}

fn limits(args: LimitsArgs) -> Result<u8, Failure> {
    let mut specs = args.calls.clone();
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            usage(
                format!("cannot read {}: {e}", path.display()),
                "Pass a text file with one CALL=PER_DAY[@PEAK] per line.",
            )
        })?;
        specs.extend(call_lines(&text));
    }
    if specs.is_empty() {
        return Err(usage(
            "no calls to plan".into(),
            "e.g. s2s limits --plan pro \"POST /users/{userId}/meetings=300\" \"GET /report/meetings/{meetingId}=20000@5\"",
        ));
    }
    let volumes: Vec<CallVolume> = specs.iter().map(|s| volume(s)).collect::<Result<_, _>>()?;
    let report = plan_limits(catalog(), args.plan.into(), args.hosts, &volumes)
        .map_err(|e| usage(e.to_string(), e.advice()))?;
    if args.json {
        crate::out::json(&json!(report));
    } else {
        print(&report);
    }
    Ok(if report.exceeded {
        exit::for_kind(ErrorKind::RateLimited)
    } else {
        exit::OK
    })
}

/// `CALL=PER_DAY[@PEAK]`: the syntax only; the core judges whether the numbers are usable.
fn volume(spec: &str) -> Result<CallVolume, Failure> {
    let bad = |why: String| {
        usage(
            format!("\"{spec}\": {why}"),
            "Write CALL=PER_DAY or CALL=PER_DAY@PEAK_PER_SECOND, e.g. \"GET /users=5000@2\".",
        )
    };
    let (call, amount) = spec
        .rsplit_once('=')
        .ok_or_else(|| bad("no =PER_DAY".into()))?;
    let (day, peak) = match amount.split_once('@') {
        Some((d, p)) => (d, Some(p)),
        None => (amount, None),
    };
    let per_day: u64 = day
        .trim()
        .replace(['_', ','], "")
        .parse()
        .map_err(|_| bad(format!("\"{day}\" is not a whole number of calls a day")))?;
    let peak_per_second = peak
        .map(|p| {
            p.trim()
                .parse::<f64>()
                .map_err(|_| bad(format!("\"{p}\" is not a number of calls a second")))
        })
        .transpose()?;
    Ok(CallVolume {
        call: call.trim().to_string(),
        per_day,
        peak_per_second,
    })
}

fn print(r: &LimitsReport) {
    let hosts = if r.hosts == 1 {
        "1 host".to_string()
    } else {
        format!("{} hosts", r.hosts)
    };
    outln!("Plan: {:?} · user-level calls spread over {hosts}", r.plan);
    for l in &r.labels {
        let share = l.peak_per_second / l.budget_per_second;
        let day = l
            .budget_per_day
            .map(|d| format!(" · {} of {d} a day", l.per_day))
            .unwrap_or_else(|| format!(" · {} a day", l.per_day));
        outln!(
            "  {:<18} peak {:>8.2}/s of {:>6.2}/s{day}  {} {}",
            format!("{:?}", l.label),
            l.peak_per_second,
            l.budget_per_second,
            bar(share),
            word(l.verdict)
        );
    }
    if let Some(s) = &r.shared {
        let share = s.per_day as f64 / s.budget_per_day as f64;
        outln!(
            "  Heavy + Resource-intensive, shared: {} of {} a day  {} {}",
            s.per_day,
            s.budget_per_day,
            bar(share),
            word(s.verdict)
        );
    }
    for u in &r.user_limits {
        outln!(
            "  Per host: {} {} of {} a day  {} {}",
            u.call,
            u.per_host_per_day,
            u.limit,
            bar(u.per_host_per_day as f64 / u.limit as f64),
            word(u.verdict)
        );
    }
    if !r.unlabelled.is_empty() {
        outln!(
            "  No published rate-limit label (not judged): {}",
            r.unlabelled.join(", ")
        );
    }
    for a in &r.advice {
        outln!("What helps: {a}");
    }
    outln!(
        "{}",
        if r.exceeded {
            "✘ A limit would be exceeded: Zoom would answer 429."
        } else {
            "✔ Fits the plan."
        }
    );
}

/// A 20-character bar of the share of a budget used (capped at twice the budget).
fn bar(share: f64) -> String {
    let filled = (share.clamp(0.0, 2.0) * 10.0).round() as usize;
    format!("{:<20} {:>4.0}%", "█".repeat(filled), share * 100.0)
}

fn word(v: Verdict) -> &'static str {
    match v {
        Verdict::Fits => "fits",
        Verdict::Tight => "TIGHT",
        Verdict::Exceeds => "EXCEEDS",
    }
}
