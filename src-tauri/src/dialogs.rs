//! The native file dialogs, shown by rfd straight from Rust. The dialog plugin did the same
//! through rfd but brought a file-system plugin and its scope machinery the app never uses
//! (docs/performance.md, binary size).
//!
//! [`Dialogs`] is app state that hides the runtime type, so the commands stay plain functions
//! (the bindings export cannot name a generic runtime).

use std::future::Future;
use std::pin::Pin;

use rfd::{AsyncFileDialog, FileHandle};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::oneshot;

/// A dialog on its way: the answer is `None` when the person dismissed it.
pub type Shown = Pin<Box<dyn Future<Output = Option<FileHandle>> + Send>>;

type Configure = Box<dyn FnOnce(AsyncFileDialog) -> Shown + Send>;
type Host = Box<dyn Fn(Configure) -> Result<oneshot::Receiver<Shown>, String> + Send + Sync>;

/// Shows dialogs over the main window.
pub struct Dialogs {
    host: Host,
}

impl Dialogs {
    pub fn new<R: Runtime>(app: AppHandle<R>) -> Self {
        let host: Host = Box::new(move |configure| {
            let (shown, answer) = oneshot::channel();
            let parent = app.get_webview_window("main");
            // GTK wants its dialogs created on the main thread; the answer is awaited off it.
            app.run_on_main_thread(move || {
                let mut dialog = AsyncFileDialog::new().set_can_create_directories(true);
                if let Some(parent) = &parent {
                    dialog = dialog.set_parent(parent);
                }
                let _ = shown.send(configure(dialog));
            })
            .map_err(|e| e.to_string())?;
            Ok(answer)
        });
        Self { host }
    }

    /// Shows the dialog `configure` sets up; the chosen path, `None` when dismissed.
    pub async fn show(
        &self,
        configure: impl FnOnce(AsyncFileDialog) -> Shown + Send + 'static,
    ) -> Result<Option<String>, String> {
        let answer = (self.host)(Box::new(configure))?;
        let shown = answer
            .await
            .map_err(|_| "the window closed before the dialog opened".to_owned())?;
        Ok(shown
            .await
            .map(|file| file.path().to_string_lossy().into_owned()))
    }
}
