//! Scopes and roles: a profile's granted scopes judged against its owner's role, what-if role
//! changes, and "will my integration work?". All answers come from s2s-core's `scope_report`,
//! over the profile's latest recorded test; nothing here calls Zoom.

use s2s_core::catalog::change::WhatIf;
use s2s_core::catalog::coverage::CoverageReport;
use s2s_core::catalog::limits::{plan_limits, CallVolume, LimitsReport, Plan};
use s2s_core::catalog::query::call_lines;
use s2s_core::catalog::{catalog, OperationChoice};
use s2s_core::profiles::ProfileId;
use s2s_core::scope_report::{
    coverage_for, overview_choice, what_if_choice, RoleChoice, ScopeOverview,
};
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
    Ok(overview_choice(catalog(), &profile, &role)?)
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

/// Will these volumes fit the account's plan? A query: it changes nothing.
#[tauri::command]
#[specta::specta]
pub fn plan_rate_limits(
    plan: Plan,
    hosts: u32,
    calls: Vec<CallVolume>,
) -> Result<LimitsReport, IpcError> {
    Ok(plan_limits(catalog(), plan, hosts, &calls)?)
}

/// Remembers the account's plan on the profile, as the admin picks it.
#[tauri::command]
#[specta::specta]
pub fn remember_account_plan(
    state: State<'_, AppState>,
    id: ProfileId,
    plan: Plan,
) -> Result<(), IpcError> {
    state.profiles.set_account_plan(&id, plan)?;
    Ok(())
}

/// Every operation in the scope catalog (each one the Sandbox answers), with the scopes that
/// authorize it, for picking calls to check or try.
#[tauri::command]
#[specta::specta]
pub fn list_catalog_operations() -> Vec<OperationChoice> {
    catalog().operations().iter().map(|o| o.choice()).collect()
}

/// Whether the profile's scopes cover the calls listed in `text` (one a line, `#` comments),
/// and the fewest scopes to add.
#[tauri::command]
#[specta::specta]
pub fn check_calls(
    state: State<'_, AppState>,
    id: ProfileId,
    text: String,
) -> Result<CoverageReport, IpcError> {
    let profile = state.profiles.get(&id)?;
    Ok(coverage_for(catalog(), &profile, &call_lines(&text))?)
}

/// The calls in a pasted list (one a line, `#` comments), read as the CLI's `--file` reads
/// them: the Rate limits view's input.
#[tauri::command]
#[specta::specta]
pub fn read_call_lines(text: String) -> Vec<String> {
    call_lines(&text)
}
