//! Zoom's own usage figures for the account's apps. `GET /v2/marketplace/apps` returns, per app,
//! `last_used`, `total_calls`, `failed_calls` and `active_users` since 2026-11-09, and
//! `creator_info` since 2026-12-01 (FACTS.md "Secret rotation", from developers.zoom.us's App
//! Marketplace changelog). Their exact shapes are not documented yet, so every one is read
//! tolerantly (a time as RFC 3339, a date or Unix seconds; a count as a number or a numeric
//! string) and a missing one is "not reported", never zero. The verdicts (unused, failing) are
//! decided here, once, for the app and the CLI.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{ErrorKind, TokenError, ZoomBody};
use crate::http::read_at_most;
use crate::profiles::Profile;
use crate::ratelimit::RateLimitInfo;
use crate::secret::Secret;
use crate::tester::{FailureReport, TestError, TestOutcome, TokenTester};

/// The account's own apps (`type=account_created`), as many per page as Zoom allows.
pub const LIST_PATH: &str = "/v2/marketplace/apps?type=account_created&page_size=300";

/// An app not called for this many days reads as unused, unless the caller picks another.
pub const UNUSED_AFTER_DAYS: u32 = 30;

/// An app whose failed calls are at least this share of its calls (in percent) reads as failing.
pub const FAILING_PERCENT: u64 = 10;

/// Pages read at most (300 apps each): more is no account this tool is for.
const MAX_PAGES: usize = 10;

/// A page's answer may be large (each app lists its scopes); more than this is refused.
const PAGE_CAP: usize = 4 * 1024 * 1024;

const DAY: i64 = 24 * 60 * 60;

/// What needs the admin about one app, by Zoom's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum UsageFlag {
    /// Zoom has no call of it on record: a candidate for removal (fewer secrets to guard).
    NeverUsed,
    /// Not called for `days` days.
    Unused {
        /// Days since its last call.
        days: u32,
    },
    /// At least [`FAILING_PERCENT`] of its calls failed.
    CallsFail {
        /// Failed calls.
        failed: u64,
        /// All calls.
        total: u64,
    },
}

impl UsageFlag {
    /// What it means and what to do, in one line.
    pub fn message(&self) -> String {
        match self {
            UsageFlag::NeverUsed => "Zoom has no call of this app on record: if nothing uses it, remove it (one secret less to guard).".into(),
            UsageFlag::Unused { days } => format!("Not called for {days} days: if nothing uses it any more, deactivate or remove it."),
            UsageFlag::CallsFail { failed, total } => format!("{failed} of its {total} calls failed: test its profile and check its scopes and rate limits."),
        }
    }
}

/// A flag with its message, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UsageNote {
    /// What.
    pub flag: UsageFlag,
    /// What it means and what to do.
    pub message: String,
}

/// One of the account's apps, with Zoom's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AppUsage {
    /// Zoom's App ID.
    pub app_id: String,
    /// Its name.
    pub app_name: String,
    /// Zoom's app type, as given.
    pub app_type: Option<String>,
    /// Its latest call (Unix seconds); none when Zoom reported none.
    pub last_used_unix: Option<i64>,
    /// Calls in Zoom's figures; none when not reported.
    pub total_calls: Option<u64>,
    /// Failed calls; none when not reported.
    pub failed_calls: Option<u64>,
    /// Users who used it; none when not reported.
    pub active_users: Option<u64>,
    /// Who created it (email, else Zoom's user id), when reported.
    pub creator: Option<String>,
    /// The scopes Zoom lists for it, as named there.
    pub scopes: Vec<String>,
    /// What needs the admin, by these figures.
    pub notes: Vec<UsageNote>,
    /// The saved profile for this app (matched by App ID), with S2S Desk's own latest test.
    pub profile: Option<ProfileLink>,
}

/// A saved profile beside Zoom's figures: what S2S Desk's own tests said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileLink {
    /// The profile's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When S2S Desk last tested it (Unix seconds).
    pub tested_unix: Option<i64>,
    /// Whether that test passed.
    pub test_ok: Option<bool>,
}

/// The account's apps with Zoom's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UsageReport {
    /// When Zoom was asked (Unix seconds).
    pub fetched_unix: i64,
    /// The threshold "unused" was judged by.
    pub unused_after_days: u32,
    /// Whether Zoom sent any usage figure at all (false: an older API, the list only).
    pub figures_reported: bool,
    /// Every app, in Zoom's order.
    pub apps: Vec<AppUsage>,
}

/// What asking for the figures gave.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum UsageOutcome {
    /// Zoom listed the apps.
    Listed {
        /// The apps and their figures.
        report: UsageReport,
    },
    /// The profile's token may not list the account's apps.
    NotAvailable {
        /// Any one of these scopes lets it (Zoom's documented alternatives).
        needs: Vec<String>,
        /// What to do.
        message: String,
    },
    /// No answer: no token, or Zoom refused for another reason.
    Failed {
        /// What happened and what to do.
        failure: FailureReport,
    },
}

/// The scopes any one of which lets a token list the account's apps, from Zoom's catalog.
pub fn needed_scopes() -> Vec<String> {
    let catalog = zoom_catalog::catalog();
    zoom_catalog::query::find_operation(catalog, "GET /marketplace/apps")
        .map(|found| {
            let op = &catalog.operations()[found.index];
            op.granular_scopes
                .iter()
                .chain(&op.classic_scopes)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// "Not available with this app's scopes", with what would make it so.
pub fn not_available() -> UsageOutcome {
    let needs = needed_scopes();
    UsageOutcome::NotAvailable {
        message: format!(
            "Zoom's usage figures are not available with this app's scopes. To see them, add {} to this app in the Marketplace (Scopes), or use a profile whose app has it.",
            needs.join(" or ")
        ),
        needs,
    }
}

/// The figures with a fresh token (`token`, from the app's own test or the CLI's target), each
/// app matched to the saved profile with its App ID so they show beside S2S Desk's own tests.
/// "Not available" without asking Zoom when the token holds none of the scopes the list needs.
pub async fn for_token(
    tester: &TokenTester,
    token: &TestOutcome,
    profiles: &[Profile],
    now_unix: i64,
    unused_after_days: u32,
) -> UsageOutcome {
    let needs = needed_scopes();
    let granted = &token.report.token.scopes;
    if !granted.iter().any(|s| needs.contains(&s.raw)) {
        return not_available();
    }
    let http = match tester.http() {
        Ok(http) => http,
        Err(e) => {
            return UsageOutcome::Failed {
                failure: FailureReport::from(&TestError::Token(e)),
            }
        }
    };
    let api_url = &token.report.token.api_url;
    let mut outcome = fetch(
        &http,
        api_url,
        &token.access_token,
        now_unix,
        unused_after_days,
    )
    .await;
    if let UsageOutcome::Listed { report } = &mut outcome {
        for app in &mut report.apps {
            app.profile = profiles
                .iter()
                .find(|p| p.app_id.as_deref() == Some(app.app_id.as_str()))
                .map(|p| ProfileLink {
                    id: p.id.to_string(),
                    name: p.name.clone(),
                    tested_unix: p.history.first().map(|r| r.at_unix),
                    test_ok: p.history.first().map(|r| r.ok),
                });
        }
    }
    outcome
}

/// Lists the account's apps with `token` at `api_url`, all pages.
pub async fn fetch(
    http: &reqwest::Client,
    api_url: &str,
    token: &Secret,
    now_unix: i64,
    unused_after_days: u32,
) -> UsageOutcome {
    let mut apps = Vec::new();
    let mut next = String::new();
    for _ in 0..MAX_PAGES {
        let mut url = format!("{}{LIST_PATH}", api_url.trim_end_matches('/'));
        if !next.is_empty() {
            url.push_str("&next_page_token=");
            url.push_str(
                &url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>(),
            );
        }
        let page = match page(http, &url, token).await {
            Ok(page) => page,
            Err(outcome) => return outcome,
        };
        apps.extend(page.apps);
        next = page.next_page_token.unwrap_or_default();
        if next.is_empty() {
            break;
        }
    }
    UsageOutcome::Listed {
        report: judge(&apps, now_unix, unused_after_days),
    }
}

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    apps: Vec<Value>,
    next_page_token: Option<String>,
}

async fn page(http: &reqwest::Client, url: &str, token: &Secret) -> Result<Page, UsageOutcome> {
    let failed = |e: TokenError| UsageOutcome::Failed {
        failure: FailureReport::from(&TestError::Token(e)),
    };
    let response = http
        .get(url)
        .bearer_auth(token.expose())
        .send()
        .await
        .map_err(|e| failed(TokenError::from_reqwest(e)))?;
    let parts = read_at_most(response, PAGE_CAP).await.map_err(failed)?;
    let secrets = [token.expose()];
    if parts.status != 200 {
        let zoom = ZoomBody::parse(&parts.body, &secrets);
        if zoom.missing_scopes().is_some() {
            return Err(not_available());
        }
        let rate_limit = RateLimitInfo::from_headers(&parts.headers, OffsetDateTime::now_utc())
            .redacted(&secrets);
        return Err(failed(TokenError::classify(parts.status, zoom, rate_limit)));
    }
    serde_json::from_str(&parts.body).map_err(|_| UsageOutcome::Failed {
        failure: FailureReport::local(
            ErrorKind::UnexpectedResponse,
            "Zoom's list of apps was not the documented JSON",
            "Try again later; if it persists, compare with the Marketplace's Manage page.",
        ),
    })
}

/// Zoom's list as an [`UsageReport`], each app judged as of `now_unix`.
pub fn judge(apps: &[Value], now_unix: i64, unused_after_days: u32) -> UsageReport {
    let apps: Vec<AppUsage> = apps
        .iter()
        .filter_map(|app| read_app(app, now_unix, unused_after_days))
        .collect();
    UsageReport {
        fetched_unix: now_unix,
        unused_after_days,
        figures_reported: apps
            .iter()
            .any(|a| a.total_calls.is_some() || a.last_used_unix.is_some()),
        apps,
    }
}

fn read_app(app: &Value, now_unix: i64, unused_after_days: u32) -> Option<AppUsage> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    let app_id = text(&app["app_id"])?;
    let last_used_unix = time_of(&app["last_used"]);
    let total_calls = count(&app["total_calls"]);
    let failed_calls = count(&app["failed_calls"]);
    let mut flags = Vec::new();
    match (last_used_unix, total_calls) {
        (None, Some(0)) => flags.push(UsageFlag::NeverUsed),
        (Some(at), _) => {
            let days = u32::try_from((now_unix - at).max(0) / DAY).unwrap_or(u32::MAX);
            if days >= unused_after_days {
                flags.push(UsageFlag::Unused { days });
            }
        }
        _ => {}
    }
    if let (Some(failed), Some(total)) = (failed_calls, total_calls) {
        if failed > 0 && failed.saturating_mul(100) >= total.saturating_mul(FAILING_PERCENT) {
            flags.push(UsageFlag::CallsFail { failed, total });
        }
    }
    let creator = &app["creator_info"];
    Some(AppUsage {
        app_name: text(&app["app_name"]).unwrap_or_else(|| app_id.clone()),
        app_id,
        app_type: text(&app["app_type"]),
        last_used_unix,
        total_calls,
        failed_calls,
        active_users: count(&app["active_users"]),
        creator: text(&creator["email"]).or_else(|| text(&creator["user_id"])),
        scopes: app["scopes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| text(&s["scope_name"]).or_else(|| text(s)))
            .collect(),
        notes: flags
            .into_iter()
            .map(|flag| UsageNote {
                message: flag.message(),
                flag,
            })
            .collect(),
        profile: None,
    })
}

/// A count as a number or a numeric string.
fn count(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A time as RFC 3339, a `yyyy-mm-dd` date, or Unix seconds (or milliseconds).
fn time_of(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(if n > 100_000_000_000 { n / 1000 } else { n });
    }
    let s = v.as_str()?.trim();
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        .or_else(|| OffsetDateTime::parse(&format!("{s}T00:00:00Z"), &Rfc3339).ok())
        .map(OffsetDateTime::unix_timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn figures_are_read_in_every_shape_and_a_missing_one_is_not_zero() {
        let report = judge(
            &[
                json!({"app_id": "a", "app_name": "A", "last_used": "2027-01-15T08:00:00Z",
                       "total_calls": "12", "failed_calls": 0, "active_users": 1,
                       "creator_info": {"email": "olivia@example.com"},
                       "scopes": [{"scope_name": "user:read:admin"}]}),
                json!({"app_id": "b", "last_used": 1_799_000_000_000_i64}),
                json!({"app_id": "c", "last_used": "2027-01-10"}),
                json!({"app_id": "d"}),
                json!({"no_id": true}),
            ],
            NOW,
            UNUSED_AFTER_DAYS,
        );
        let ids: Vec<&str> = report.apps.iter().map(|a| a.app_id.as_str()).collect();
        assert_eq!(
            ids,
            ["a", "b", "c", "d"],
            "an entry without an App ID is skipped"
        );
        let a = &report.apps[0];
        assert_eq!(
            (a.total_calls, a.failed_calls, a.active_users),
            (Some(12), Some(0), Some(1))
        );
        assert_eq!(a.last_used_unix, Some(NOW));
        assert_eq!(a.creator.as_deref(), Some("olivia@example.com"));
        assert_eq!(a.scopes, ["user:read:admin"]);
        assert_eq!(
            report.apps[1].last_used_unix,
            Some(1_799_000_000),
            "milliseconds"
        );
        assert_eq!(report.apps[2].last_used_unix, Some(1_799_539_200), "a date");
        let d = &report.apps[3];
        assert_eq!(
            (d.total_calls, d.last_used_unix, &d.notes),
            (None, None, &vec![])
        );
        assert_eq!(d.app_name, "d", "no name: its id");
        assert!(report.figures_reported);
        assert!(!judge(&[json!({"app_id": "x"})], NOW, 30).figures_reported);
    }

    #[test]
    fn unused_never_used_and_failing_apps_are_flagged_and_healthy_ones_are_not() {
        let app = |v: Value| -> Vec<UsageFlag> {
            let notes = judge(&[v], NOW, 30).apps.remove(0).notes;
            notes.into_iter().map(|n| n.flag).collect()
        };
        assert_eq!(
            app(json!({"app_id": "x", "total_calls": 0})),
            [UsageFlag::NeverUsed]
        );
        assert_eq!(
            app(json!({"app_id": "x", "last_used": NOW - 45 * DAY, "total_calls": 5})),
            [UsageFlag::Unused { days: 45 }]
        );
        assert_eq!(
            app(
                json!({"app_id": "x", "last_used": NOW - 29 * DAY, "total_calls": 100, "failed_calls": 10})
            ),
            [UsageFlag::CallsFail {
                failed: 10,
                total: 100
            }]
        );
        assert_eq!(
            app(json!({"app_id": "x", "last_used": NOW, "total_calls": 100, "failed_calls": 9})),
            []
        );
    }

    #[test]
    fn the_needed_scopes_are_zooms_documented_alternatives() {
        let needs = needed_scopes();
        assert!(
            needs.contains(&"marketplace:read:list_apps:admin".to_string()),
            "{needs:?}"
        );
        assert!(
            needs.contains(&"marketplace_app:read:admin".to_string()),
            "{needs:?}"
        );
        let UsageOutcome::NotAvailable { message, .. } = not_available() else {
            panic!("not available");
        };
        assert!(
            message.contains("not available with this app's scopes"),
            "{message}"
        );
    }
}
