//! Rate limits: each account's per-label budgets (per second or minute, per day, and the daily
//! budget Heavy and Resource-intensive calls share), and the plan that sets them.

use std::time::UNIX_EPOCH;

use super::World;

/// (window, calls in it) and (UTC day, calls that day) for one account and label; the window is
/// a second, or a minute for Resource-intensive calls.
pub(super) type LabelUse = ((u64, u64), (u64, u64));

impl World {
    /// Spends one call of `label` from the account's plan: its per-second budget, Free's daily
    /// budget per label, and the daily budget Heavy and Resource-intensive calls share on paid
    /// plans (zoom_catalog::limits has Zoom's table). `Err` names the budget that is spent.
    pub fn spend_label_budget(
        &mut self,
        account_id: &str,
        label: zoom_catalog::limits::Label,
    ) -> Result<LabelSpend, LabelSpend> {
        use zoom_catalog::limits::{budget, Label};
        let Some(plan) = self.account(account_id).map(|a| a.plan) else {
            return Ok(LabelSpend::default());
        };
        let b = budget(plan, label);
        let secs = self
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let (day, to_midnight) = (secs / 86_400, 86_400 - secs % 86_400);
        // Resource-intensive budgets are per minute: count them in minute windows.
        let (window, per_window) = if b.per_second < 1.0 {
            (secs / 60, (b.per_second * 60.0).round() as u64)
        } else {
            (secs, b.per_second as u64)
        };
        let used = self
            .label_used
            .entry((account_id.to_string(), label))
            .or_insert(((window, 0), (day, 0)));
        if used.0 .0 != window {
            used.0 = (window, 0);
        }
        if used.1 .0 != day {
            used.1 = (day, 0);
        }
        let spent = |limit: u64, kind: &'static str, retry: Option<u64>| LabelSpend {
            category: label.header_name(),
            limit_type: kind,
            limit,
            remaining: 0,
            retry_after_secs: retry,
        };
        if used.0 .1 >= per_window {
            return Err(spent(per_window, "QPS", None));
        }
        if let Some(daily) = b.per_day {
            if used.1 .1 >= daily {
                return Err(spent(daily, "Daily-limit", Some(to_midnight)));
            }
        }
        let shared = b
            .shared_per_day
            .filter(|_| matches!(label, Label::Heavy | Label::ResourceIntensive));
        if let Some(limit) = shared {
            let s = self
                .shared_used
                .entry(account_id.to_string())
                .or_insert((day, 0));
            if s.0 != day {
                *s = (day, 0);
            }
            if s.1 >= limit {
                return Err(spent(limit, "Daily-limit", Some(to_midnight)));
            }
            s.1 += 1;
        }
        used.0 .1 += 1;
        used.1 .1 += 1;
        let (limit, remaining) = match b.per_day {
            Some(daily) => (daily, daily - used.1 .1),
            None => (per_window, per_window - used.0 .1),
        };
        Ok(LabelSpend {
            category: label.header_name(),
            limit_type: if b.per_day.is_some() {
                "Daily-limit"
            } else {
                "QPS"
            },
            limit,
            remaining,
            retry_after_secs: None,
        })
    }

    /// Sets an account's plan and clears its counters (admin route, tests).
    pub fn set_plan(&mut self, account_id: &str, plan: zoom_catalog::limits::Plan) -> bool {
        let Some(account) = self
            .fixture
            .accounts
            .iter_mut()
            .find(|a| a.id == account_id)
        else {
            return false;
        };
        account.plan = plan;
        self.reset_counters(account_id);
        true
    }

    /// Clears an account's rate-limit counters (per label, shared, daily budget, meetings).
    pub fn reset_counters(&mut self, account_id: &str) {
        self.label_used.retain(|(a, _), _| a != account_id);
        self.shared_used.remove(account_id);
        self.meeting_writes.clear();
    }
}

/// One call's spend of its label's budget: the rate-limit headers to send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelSpend {
    /// `X-RateLimit-Category`.
    pub category: &'static str,
    /// `X-RateLimit-Type`: QPS or Daily-limit.
    pub limit_type: &'static str,
    /// `X-RateLimit-Limit`.
    pub limit: u64,
    /// `X-RateLimit-Remaining`.
    pub remaining: u64,
    /// Seconds until a daily budget resets (Zoom's `Retry-After`), when it is spent.
    pub retry_after_secs: Option<u64>,
}
