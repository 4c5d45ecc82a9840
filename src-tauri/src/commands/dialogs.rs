//! The native "choose a project to scan" and "save the export as" dialogs.

use tauri::State;

use crate::dialogs::Dialogs;
use crate::ipc_error::IpcError;

/// The folder (or one file) to scan for JWT-era configs and calls; `None` when dismissed.
#[tauri::command]
#[specta::specta]
pub async fn choose_path_to_scan(
    dialogs: State<'_, Dialogs>,
    directory: bool,
) -> Result<Option<String>, IpcError> {
    dialogs
        .show(move |dialog| {
            if directory {
                Box::pin(dialog.set_title("Choose the project folder").pick_folder())
            } else {
                Box::pin(
                    dialog
                        .set_title("Choose a config or source file")
                        .pick_file(),
                )
            }
        })
        .await
        .map_err(|e| IpcError::dialog_unavailable(&e))
}

/// Where to save a (secret-free) export, suggesting `suggested_name`; `None` when dismissed.
#[tauri::command]
#[specta::specta]
pub async fn choose_export_path(
    dialogs: State<'_, Dialogs>,
    suggested_name: String,
) -> Result<Option<String>, IpcError> {
    dialogs
        .show(move |dialog| {
            Box::pin(
                dialog
                    .set_title("Save the export")
                    .set_file_name(suggested_name)
                    .save_file(),
            )
        })
        .await
        .map_err(|e| IpcError::dialog_unavailable(&e))
}
