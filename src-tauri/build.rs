//! Declares the app's own commands to Tauri's ACL: each must then be granted by a capability
//! (capabilities/main.json), so the window can call nothing it was not given.

/// Keep in step with `with_commands!` in src/lib.rs; a test checks they match.
const COMMANDS: &[&str] = &[
    "get_app_info",
    "open_external",
    "list_profiles",
    "set_aside_profiles_file",
    "save_profile",
    "duplicate_profile",
    "delete_profile",
    "export_profile",
    "export_profile_env",
    "choose_export_path",
    "save_profile_export",
    "import_profile",
    "validate_credentials",
    "test_draft",
    "test_profile",
    "try_call",
    "get_app_usage",
    "check_token_coexistence",
    "get_scope_overview",
    "predict_role_change",
    "check_calls",
    "plan_rate_limits",
    "read_call_lines",
    "remember_account_plan",
    "list_catalog_operations",
    "choose_path_to_scan",
    "start_migration_scan",
    "get_migration_scan",
    "cancel_migration_scan",
    "plan_migration",
    "apply_migration",
    "undo_migration",
    "get_migration_report",
    "get_webhook_options",
    "set_webhook_secret_token",
    "test_webhook_receiver",
    "rotate_secret",
    "get_rotation_status",
    "set_rotation_settings",
    "start_ownership_transfer",
    "confirm_ownership_transfer",
    "end_ownership_transfer",
    "add_consumer",
    "remove_consumer",
    "check_consumer",
    "parse_command",
    "find_secret_settings",
    "regenerate_sandbox_secret",
    "allow_sandbox_secret_rotation",
    "get_sandbox",
    "get_sandbox_demo_app",
    "set_sandbox_user_role",
    "set_sandbox_app_state",
    "reset_sandbox",
    "get_preferences",
    "set_preferences",
    "check_preferences",
    "test_profiles",
    "cancel_test_all",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
