//! Declares the app's own commands to Tauri's ACL: each must then be granted by a capability
//! (capabilities/main.json), so the window can call nothing it was not given.

/// Keep in step with `make_builder` in src/lib.rs; a test checks they match.
const COMMANDS: &[&str] = &[
    "app_info",
    "open_external",
    "list_profiles",
    "set_aside_profiles_file",
    "save_profile",
    "duplicate_profile",
    "delete_profile",
    "export_profile",
    "export_env",
    "import_profile",
    "validate_credentials",
    "test_draft",
    "test_profile",
    "scope_overview",
    "scope_what_if",
    "check_calls",
    "catalog_operations",
    "migrate_scan_start",
    "migrate_scan_status",
    "migrate_scan_cancel",
    "migrate_plan",
    "migrate_apply",
    "migrate_undo",
    "migrate_report",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
