//! Will an integration fit the account's plan? Zoom limits API calls per account, by plan and
//! by each operation's Rate Limit Label (calls of one label share a budget), with a daily budget
//! Heavy and Resource-intensive calls share on paid plans, and limits some calls per user per
//! day (creating or updating a meeting or webinar: 100 per host, reset 00:00 UTC). Figures:
//! FACTS.md "Rate limits", from developers.zoom.us/docs/api/rest/rate-limits/.

use serde::Serialize;

use crate::catalog::{Catalog, OperationRef};
use crate::query::find_operation;

/// An account plan, as Zoom's rate-limit table groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// Free.
    Free,
    /// Pro.
    Pro,
    /// Business and above (Business, Education, Enterprise, Partners).
    Business,
}

/// Zoom's Rate Limit Label: calls of one label share one budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Light.
    Light,
    /// Medium.
    Medium,
    /// Heavy.
    Heavy,
    /// Resource-intensive.
    ResourceIntensive,
}

impl Label {
    /// The label Zoom publishes as `LIGHT`, `MEDIUM`, `HEAVY` or `RESOURCE-INTENSIVE`.
    pub fn of(published: &str) -> Option<Label> {
        match published.to_ascii_uppercase().as_str() {
            "LIGHT" => Some(Label::Light),
            "MEDIUM" => Some(Label::Medium),
            "HEAVY" => Some(Label::Heavy),
            "RESOURCE-INTENSIVE" | "RESOURCE_INTENSIVE" => Some(Label::ResourceIntensive),
            _ => None,
        }
    }
}

impl Label {
    /// As Zoom's `X-RateLimit-Category` names it.
    pub fn header_name(self) -> &'static str {
        match self {
            Label::Light => "Light",
            Label::Medium => "Medium",
            Label::Heavy => "Heavy",
            Label::ResourceIntensive => "Resource-intensive",
        }
    }
}

/// A label's budget on a plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Calls per second.
    pub per_second: f64,
    /// Calls per day for this label alone (Free), if any.
    pub per_day: Option<u64>,
    /// The daily budget Heavy and Resource-intensive calls share (Pro, Business+), if any.
    pub shared_per_day: Option<u64>,
}

/// Zoom's table (FACTS.md "Rate limits"). Free's Resource-intensive daily figure is not
/// published: none is assumed, and the per-second budget still applies.
pub fn budget(plan: Plan, label: Label) -> Budget {
    use Label::*;
    use Plan::*;
    let (per_second, per_day, shared_per_day) = match (plan, label) {
        (Free, Light) => (4.0, Some(6_000), None),
        (Free, Medium) => (2.0, Some(2_000), None),
        (Free, Heavy) => (1.0, Some(1_000), None),
        (Free, ResourceIntensive) => (10.0 / 60.0, None, None),
        (Pro, Light) => (30.0, None, None),
        (Pro, Medium) => (20.0, None, None),
        (Pro, Heavy) => (10.0, None, Some(30_000)),
        (Pro, ResourceIntensive) => (10.0 / 60.0, None, Some(30_000)),
        (Business, Light) => (80.0, None, None),
        (Business, Medium) => (60.0, None, None),
        (Business, Heavy) => (40.0, None, Some(60_000)),
        (Business, ResourceIntensive) => (20.0 / 60.0, None, Some(60_000)),
    };
    Budget {
        per_second,
        per_day,
        shared_per_day,
    }
}

/// Zoom's per-user limit on creating or updating meetings and webinars.
pub const PER_HOST_PER_DAY: u64 = 100;

/// When no peak is given, a day's calls are assumed to fall in this many busy hours (a working
/// day): the peak is the day's calls spread evenly over them.
pub const BUSY_HOURS: u32 = 8;

/// Volumes past these are typing mistakes, not integrations.
pub const MAX_PER_DAY: u64 = 1_000_000_000;
/// See [`MAX_PER_DAY`].
pub const MAX_PEAK_PER_SECOND: f64 = 1_000_000.0;

/// One call and how often the integration makes it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallVolume {
    /// As given: `METHOD PATH`, a URL, or an operationId.
    pub call: String,
    /// Calls per day.
    pub per_day: u64,
    /// Calls per second at the busiest moment; none: the day's calls over [`BUSY_HOURS`].
    pub peak_per_second: Option<f64>,
}

impl CallVolume {
    /// The peak judged: the one given, else the day's calls spread over [`BUSY_HOURS`].
    pub fn peak(&self) -> f64 {
        self.peak_per_second
            .unwrap_or(self.per_day as f64 / f64::from(BUSY_HOURS * 3_600))
    }

    fn check(&self) -> Result<(), LimitsError> {
        let bad = |reason: String| LimitsError::BadVolume {
            call: self.call.clone(),
            reason,
        };
        if self.per_day > MAX_PER_DAY {
            return Err(bad(format!(
                "{} calls a day is more than any account can make",
                self.per_day
            )));
        }
        match self.peak_per_second {
            Some(p) if !(p.is_finite() && p > 0.0 && p <= MAX_PEAK_PER_SECOND) => Err(bad(
                format!("a peak of {p} calls a second is not a usable number"),
            )),
            _ => Ok(()),
        }
    }
}

/// Fits, tight (over 80 % of the budget) or exceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At most 80 % of the budget.
    Fits,
    /// Over 80 %: a busy day or a second integration tips it over.
    Tight,
    /// Over the budget: Zoom answers 429.
    Exceeds,
}

fn judge(used: f64, budget: f64) -> Verdict {
    if used > budget {
        Verdict::Exceeds
    } else if used > 0.8 * budget {
        Verdict::Tight
    } else {
        Verdict::Fits
    }
}

/// One label's load against the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LabelLoad {
    /// The label.
    pub label: Label,
    /// Calls a day of this label.
    pub per_day: u64,
    /// Its own daily budget (Free), if any.
    pub budget_per_day: Option<u64>,
    /// Peak calls a second (the calls' peaks added: they may coincide).
    pub peak_per_second: f64,
    /// Its per-second budget.
    pub budget_per_second: f64,
    /// The worse of the per-second and daily verdicts.
    pub verdict: Verdict,
    /// The calls of this label.
    pub calls: Vec<String>,
}

/// The daily budget Heavy and Resource-intensive calls share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SharedLoad {
    /// Heavy + Resource-intensive calls a day.
    pub per_day: u64,
    /// The shared budget.
    pub budget_per_day: u64,
    /// Verdict.
    pub verdict: Verdict,
}

/// A call limited per user (host) per day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserLimit {
    /// The call, as given.
    pub call: String,
    /// Calls per host per day, spread over the hosts given.
    pub per_host_per_day: u64,
    /// Zoom's limit per host per day.
    pub limit: u64,
    /// Verdict.
    pub verdict: Verdict,
}

/// The planner's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LimitsReport {
    /// The plan judged against.
    pub plan: Plan,
    /// Hosts the user-level calls are spread over.
    pub hosts: u32,
    /// Every label the calls use.
    pub labels: Vec<LabelLoad>,
    /// The shared Heavy + Resource-intensive daily budget, when the plan has one and it is used.
    pub shared: Option<SharedLoad>,
    /// Calls with a per-user limit.
    pub user_limits: Vec<UserLimit>,
    /// Calls Zoom publishes no label for (not judged).
    pub unlabelled: Vec<String>,
    /// Some limit would be exceeded.
    pub exceeded: bool,
    /// What helps, for what exceeds or is tight.
    pub advice: Vec<String>,
}

/// Why a plan can't be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitsError {
    /// A call the catalog doesn't know.
    #[error("{call}: {reason}")]
    UnknownCall {
        /// As given.
        call: String,
        /// Why.
        reason: String,
    },
    /// No hosts to spread user-level calls over.
    #[error("the calls must be spread over at least one host")]
    NoHosts,
    /// A volume no integration has.
    #[error("{call}: {reason}")]
    BadVolume {
        /// As given.
        call: String,
        /// Why.
        reason: String,
    },
    /// Nothing to judge.
    #[error("no calls to plan")]
    NoCalls,
}

impl LimitsError {
    /// What to do.
    pub fn advice(&self) -> &'static str {
        match self {
            LimitsError::UnknownCall { .. } => {
                "Name calls as METHOD PATH (e.g. GET /users) or by Zoom's operation name (users)."
            }
            LimitsError::NoHosts => "Give the number of hosts the meetings are spread over: 1 or more.",
            LimitsError::BadVolume { .. } => {
                "Give whole numbers of calls a day, and a peak above 0 calls a second (or none, for the day's calls over 8 busy hours)."
            }
            LimitsError::NoCalls => "Name at least one call and how many times a day it is made.",
        }
    }
}

/// Judges the calls' volumes against the plan.
pub fn plan_limits(
    catalog: &Catalog,
    plan: Plan,
    hosts: u32,
    calls: &[CallVolume],
) -> Result<LimitsReport, LimitsError> {
    if hosts == 0 {
        return Err(LimitsError::NoHosts);
    }
    if calls.is_empty() {
        return Err(LimitsError::NoCalls);
    }
    for call in calls {
        call.check()?;
    }
    let mut per_label: Vec<(Label, u64, f64, Vec<String>)> = Vec::new();
    let mut user_limits = Vec::new();
    let mut unlabelled = Vec::new();
    for call in calls {
        let found = find_operation(catalog, &call.call).map_err(|e| LimitsError::UnknownCall {
            call: call.call.clone(),
            reason: e.to_string(),
        })?;
        let Some(op) = catalog.operation(found.index) else {
            continue;
        };
        let name = display(&op.reference());
        if op
            .special_limits
            .iter()
            .flatten()
            .any(|l| l.contains("per day"))
        {
            let per_host = call.per_day.div_ceil(u64::from(hosts));
            user_limits.push(UserLimit {
                call: name.clone(),
                per_host_per_day: per_host,
                limit: PER_HOST_PER_DAY,
                verdict: judge(per_host as f64, PER_HOST_PER_DAY as f64),
            });
        }
        let Some(label) = op.rate_limit.as_deref().and_then(Label::of) else {
            unlabelled.push(name);
            continue;
        };
        match per_label.iter_mut().find(|(l, ..)| *l == label) {
            Some((_, day, peak, names)) => {
                *day += call.per_day;
                *peak += call.peak();
                names.push(name);
            }
            None => per_label.push((label, call.per_day, call.peak(), vec![name])),
        }
    }
    per_label.sort_by_key(|(l, ..)| *l);
    let labels: Vec<LabelLoad> = per_label
        .into_iter()
        .map(|(label, per_day, peak, calls)| {
            let b = budget(plan, label);
            let by_second = judge(peak, b.per_second);
            let by_day = b
                .per_day
                .map_or(Verdict::Fits, |d| judge(per_day as f64, d as f64));
            LabelLoad {
                label,
                per_day,
                budget_per_day: b.per_day,
                peak_per_second: peak,
                budget_per_second: b.per_second,
                verdict: worse(by_second, by_day),
                calls,
            }
        })
        .collect();
    let shared = budget(plan, Label::Heavy)
        .shared_per_day
        .and_then(|budget_per_day| {
            let per_day: u64 = labels
                .iter()
                .filter(|l| matches!(l.label, Label::Heavy | Label::ResourceIntensive))
                .map(|l| l.per_day)
                .sum();
            (per_day > 0).then(|| SharedLoad {
                per_day,
                budget_per_day,
                verdict: judge(per_day as f64, budget_per_day as f64),
            })
        });
    let exceeded = labels.iter().any(|l| l.verdict == Verdict::Exceeds)
        || shared
            .as_ref()
            .is_some_and(|s| s.verdict == Verdict::Exceeds)
        || user_limits.iter().any(|u| u.verdict == Verdict::Exceeds);
    let advice = advice(plan, &labels, shared.as_ref(), &user_limits);
    Ok(LimitsReport {
        plan,
        hosts,
        labels,
        shared,
        user_limits,
        unlabelled,
        exceeded,
        advice,
    })
}

fn worse(a: Verdict, b: Verdict) -> Verdict {
    let rank = |v| match v {
        Verdict::Fits => 0,
        Verdict::Tight => 1,
        Verdict::Exceeds => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

fn display(op: &OperationRef) -> String {
    format!("{} {}", op.method, op.path)
}

/// What helps, for each load over or near its budget.
fn advice(
    plan: Plan,
    labels: &[LabelLoad],
    shared: Option<&SharedLoad>,
    users: &[UserLimit],
) -> Vec<String> {
    let mut out = Vec::new();
    for l in labels.iter().filter(|l| l.verdict != Verdict::Fits) {
        let name = format!("{:?}", l.label);
        if l.peak_per_second > l.budget_per_second * 0.8 {
            out.push(format!("{name} calls peak at {:.2}/s against {:.2}/s: spread them out (a queue with a steady rate), batch where the API lists many at once, or cache answers that rarely change.", l.peak_per_second, l.budget_per_second));
        }
        if let Some(d) = l
            .budget_per_day
            .filter(|d| l.per_day as f64 > 0.8 * *d as f64)
        {
            out.push(format!("{name} calls reach {} a day against {d} on the Free plan: a paid plan has no daily limit for {name} calls.", l.per_day));
        }
    }
    if let Some(s) = shared.filter(|s| s.verdict != Verdict::Fits) {
        let better = if plan == Plan::Pro {
            " Business+ doubles it to 60,000."
        } else {
            ""
        };
        out.push(format!("Heavy and Resource-intensive calls reach {} a day against the {} they share: replace polling with webhooks (events arrive without a call), cache reports, and fetch only what changed.{better}", s.per_day, s.budget_per_day));
    }
    for u in users.iter().filter(|u| u.verdict != Verdict::Fits) {
        out.push(format!("{} reaches {} per host a day against Zoom's {}: spread meetings over more hosts (the limit is per host, reset 00:00 UTC); waiting until midnight UTC is the only other fix.", u.call, u.per_host_per_day, u.limit));
    }
    if labels.iter().any(|l| l.verdict == Verdict::Exceeds) && plan != Plan::Business {
        out.push("A higher plan raises every per-second budget (Business+ has the most).".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn volume(call: &str, per_day: u64, peak: f64) -> CallVolume {
        CallVolume {
            call: call.into(),
            per_day,
            peak_per_second: Some(peak),
        }
    }

    #[test]
    fn without_a_peak_the_days_calls_fall_in_eight_busy_hours() {
        let v = CallVolume {
            call: "GET /users".into(),
            per_day: 28_800,
            peak_per_second: None,
        };
        assert_eq!(v.peak(), 1.0);
        let report = plan_limits(catalog(), Plan::Pro, 1, &[v]).expect("planned");
        assert_eq!(report.labels[0].peak_per_second, 1.0);
    }

    #[test]
    fn volumes_no_integration_has_are_refused_with_the_call_named() {
        for (per_day, peak) in [
            (MAX_PER_DAY + 1, None),
            (10, Some(0.0)),
            (10, Some(-1.0)),
            (10, Some(f64::NAN)),
            (10, Some(f64::INFINITY)),
            (10, Some(MAX_PEAK_PER_SECOND * 2.0)),
        ] {
            let v = CallVolume {
                call: "GET /users".into(),
                per_day,
                peak_per_second: peak,
            };
            let e = plan_limits(catalog(), Plan::Pro, 1, &[v]).expect_err("refused");
            assert!(
                matches!(&e, LimitsError::BadVolume { call, .. } if call == "GET /users"),
                "{e:?}"
            );
        }
        assert_eq!(
            plan_limits(catalog(), Plan::Pro, 1, &[]).expect_err("nothing"),
            LimitsError::NoCalls
        );
    }

    #[test]
    fn every_plan_and_label_has_zooms_budget() {
        for plan in [Plan::Free, Plan::Pro, Plan::Business] {
            for label in [
                Label::Light,
                Label::Medium,
                Label::Heavy,
                Label::ResourceIntensive,
            ] {
                let b = budget(plan, label);
                assert!(b.per_second > 0.0, "{plan:?} {label:?}");
                assert_eq!(
                    b.per_day.is_some(),
                    plan == Plan::Free && label != Label::ResourceIntensive
                );
                assert_eq!(
                    b.shared_per_day.is_some(),
                    plan != Plan::Free && matches!(label, Label::Heavy | Label::ResourceIntensive)
                );
            }
        }
        assert_eq!(budget(Plan::Business, Label::Light).per_second, 80.0);
        assert_eq!(budget(Plan::Pro, Label::Heavy).shared_per_day, Some(30_000));
    }

    #[test]
    fn calls_of_one_label_share_its_budget() {
        // Two Light calls at 20/s each fit Pro's 30/s alone, not together.
        let report = plan_limits(
            catalog(),
            Plan::Pro,
            1,
            &[
                volume("GET /users/{userId}", 1_000, 20.0),
                volume("GET /users/me", 1_000, 20.0),
            ],
        )
        .expect("planned");
        let light = report
            .labels
            .iter()
            .find(|l| l.label == Label::Light)
            .expect("light");
        assert_eq!(
            (light.peak_per_second, light.verdict),
            (40.0, Verdict::Exceeds)
        );
        assert!(report.exceeded);
        assert!(report.advice.iter().any(|a| a.contains("spread them out")));
    }

    #[test]
    fn heavy_and_resource_intensive_share_one_daily_budget_on_paid_plans() {
        let heavy = catalog()
            .operations()
            .iter()
            .find(|o| o.rate_limit.as_deref() == Some("HEAVY"))
            .expect("a heavy call");
        let call = format!("{} {}", heavy.method, heavy.path);
        let tight =
            plan_limits(catalog(), Plan::Pro, 1, &[volume(&call, 25_000, 1.0)]).expect("planned");
        assert_eq!(
            tight.shared.as_ref().map(|s| s.verdict),
            Some(Verdict::Tight)
        );
        let over =
            plan_limits(catalog(), Plan::Pro, 1, &[volume(&call, 31_000, 1.0)]).expect("planned");
        assert!(over.exceeded && over.advice.iter().any(|a| a.contains("webhooks")));
        let business = plan_limits(catalog(), Plan::Business, 1, &[volume(&call, 31_000, 1.0)])
            .expect("planned");
        assert!(!business.exceeded, "Business+ shares 60,000");
    }

    #[test]
    fn meeting_creates_are_limited_per_host_and_spreading_over_hosts_helps() {
        let one = plan_limits(
            catalog(),
            Plan::Business,
            1,
            &[volume("POST /users/{userId}/meetings", 300, 0.1)],
        )
        .expect("planned");
        assert_eq!(one.user_limits[0].per_host_per_day, 300);
        assert_eq!(one.user_limits[0].verdict, Verdict::Exceeds);
        assert!(one.advice.iter().any(|a| a.contains("midnight UTC")));
        let four = plan_limits(
            catalog(),
            Plan::Business,
            4,
            &[volume("POST /users/{userId}/meetings", 300, 0.1)],
        )
        .expect("planned");
        assert_eq!(
            (
                four.user_limits[0].per_host_per_day,
                four.user_limits[0].verdict
            ),
            (75, Verdict::Fits)
        );
    }

    #[test]
    fn free_has_daily_budgets_per_label_and_unknown_calls_are_named() {
        let free = plan_limits(
            catalog(),
            Plan::Free,
            1,
            &[volume("GET /users", 5_000, 1.0)],
        )
        .expect("planned");
        assert_eq!(
            free.labels[0].budget_per_day,
            Some(2_000),
            "{:?}",
            free.labels[0]
        );
        assert_eq!(free.labels[0].verdict, Verdict::Exceeds);
        let err = plan_limits(catalog(), Plan::Pro, 1, &[volume("GET /not/zoom", 1, 1.0)])
            .expect_err("unknown");
        assert!(err.to_string().starts_with("GET /not/zoom:"), "{err}");
        assert_eq!(
            plan_limits(catalog(), Plan::Pro, 0, &[]),
            Err(LimitsError::NoHosts)
        );
    }
}
