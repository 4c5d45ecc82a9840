//! Scopes and roles: a profile's granted scopes judged against its owner's role, what-if role
//! changes, and "will my integration work?". All answers come from s2s-core's `scope_report`,
//! over the profile's latest recorded test; nothing here calls Zoom.

use s2s_core::catalog::change::WhatIf;
use s2s_core::catalog::coverage::CoverageReport;
use s2s_core::catalog::limits::{plan_limits, CallVolume, LimitsReport, Plan};
use s2s_core::catalog::{catalog, OperationRef};
use s2s_core::profiles::ProfileId;
use s2s_core::scope_report::{coverage_for, overview, what_if_choice, RoleChoice, ScopeOverview};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Granted scopes, the owner's role (as read at the last test, or as chosen), risk and drift.
#[tauri::command]
#[specta::specta]
pub fn get_scope_overview(
    state: State<'_, AppState>,
    id: ProfileId,
    role: RoleChoice,
) -> Result<ScopeOverview, IpcError> {
    let profile = state.profiles.get(&id)?;
    let role = role.resolve(catalog(), &profile)?;
    Ok(overview(catalog(), &profile, role))
}

/// What Zoom would remove if the owner's role became `proposed` (minus `remove_privileges`).
#[tauri::command]
#[specta::specta]
pub fn predict_role_change(
    state: State<'_, AppState>,
    id: ProfileId,
    current: RoleChoice,
    proposed: RoleChoice,
    remove_privileges: Vec<String>,
) -> Result<WhatIf, IpcError> {
    let profile = state.profiles.get(&id)?;
    Ok(what_if_choice(
        catalog(),
        &profile,
        &current,
        Some(&proposed),
        &remove_privileges,
    )?)
}

/// Will these volumes fit the account's plan? One core call; the plan is remembered on the
/// profile when one is given.
#[tauri::command]
#[specta::specta]
pub fn plan_rate_limits(
    state: State<'_, AppState>,
    profile_id: Option<ProfileId>,
    plan: Plan,
    hosts: u32,
    calls: Vec<CallVolume>,
) -> Result<LimitsReport, IpcError> {
    if let Some(id) = profile_id {
        state.profiles.set_account_plan(&id, plan)?;
    }
    Ok(plan_limits(catalog(), plan, hosts, &calls)?)
}

/// Every operation in the scope catalog, for picking calls to check.
#[tauri::command]
#[specta::specta]
pub fn list_catalog_operations() -> Vec<OperationRef> {
    catalog()
        .operations()
        .iter()
        .map(|o| o.reference())
        .collect()
}

/// Whether the profile's scopes cover these calls, and the fewest scopes to add.
#[tauri::command]
#[specta::specta]
pub fn check_calls(
    state: State<'_, AppState>,
    id: ProfileId,
    calls: Vec<String>,
) -> Result<CoverageReport, IpcError> {
    let profile = state.profiles.get(&id)?;
    Ok(coverage_for(catalog(), &profile, &calls))
}
