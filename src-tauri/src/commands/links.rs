//! `open_external`: hand an allowed Zoom documentation or Marketplace link to the system browser.

use crate::ipc_error::IpcError;

/// Opens `url` in the system browser if s2s-core's allowlist accepts it.
#[tauri::command]
#[specta::specta]
pub fn open_external(url: String) -> Result<(), IpcError> {
    let url = s2s_core::links::check_external_url(&url)?;
    open::that_detached(url.as_str()).map_err(|e| IpcError::browser_unavailable(&e))?;
    Ok(())
}
