//! Commands on the last setup's token, which stays in memory until the person starts over:
//! copy it, retry the keychain, write it to a private file, and close safely.

use bootstrap_core::token_file::write_token_file;
use bootstrap_core::token_store::keep;
use bootstrap_core::{Custody, Token};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WindowEvent};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

use crate::ipc_error::{IpcError, Kind};
use crate::state::AppState;

/// The event that asks the page to confirm closing while a token exists only in memory.
pub const CLOSE_REQUESTED_EVENT: &str = "close-requested";

/// Where "Save to file…" wrote the token.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    path: String,
}

fn no_token() -> IpcError {
    IpcError::new(
        Kind::NoToken,
        "There is no token in this session. Run a setup first.",
    )
}

fn last_token(state: &AppState) -> Result<Token, IpcError> {
    state
        .last()
        .as_ref()
        .map(|outcome| outcome.token.clone())
        .ok_or_else(no_token)
}

/// Copies the last setup's token to the clipboard, then reads the clipboard back and
/// succeeds only if it holds exactly that token.
#[tauri::command]
pub async fn copy_token<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let token = last_token(&state)?;
    let clipboard = app.clipboard();
    let failed = |detail: String| {
        IpcError::new(
            Kind::Clipboard,
            format!("The token could not be copied: {detail}."),
        )
    };
    clipboard
        .write_text(token.expose())
        .map_err(|error| failed(error.to_string()))?;
    match clipboard.read_text() {
        Ok(text) if token.matches(&text) => Ok(()),
        Ok(_) => Err(failed("the clipboard holds something else".into())),
        Err(error) => Err(failed(error.to_string())),
    }
}

/// Tries the keychain again with the last setup's token and returns the new custody.
#[tauri::command]
pub async fn retry_save(state: State<'_, AppState>) -> Result<Custody, IpcError> {
    let (token, key) = {
        let last = state.last();
        let outcome = last.as_ref().ok_or_else(no_token)?;
        (outcome.token.clone(), outcome.token_key())
    };
    let store = state.store.clone();
    let custody = tauri::async_runtime::spawn_blocking(move || keep(store.as_ref(), &key, &token))
        .await
        .unwrap_or_else(|_| Custody::NotSaved {
            reason: "the keychain call stopped".into(),
        });
    if let Some(outcome) = state.last().as_mut() {
        outcome.custody = custody.clone();
    }
    Ok(custody)
}

/// Asks where to save the token (a native dialog), then writes it there with owner-only
/// permissions. `None` when the person cancels the dialog. The page has already asked the
/// person to confirm; it never chooses the path itself.
#[tauri::command]
pub async fn save_token_to_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<SavedFile>, IpcError> {
    let token = last_token(&state)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Save the instance-admin token")
        .set_file_name("infisical-admin-token.txt")
        .save_file(move |path| {
            let _ = sender.send(path);
        });
    let Some(path) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|error| {
        IpcError::new(
            Kind::File,
            format!("That location cannot be used: {error}."),
        )
    })?;
    write_token_file(&path, &token)
        .map_err(|error| IpcError::new(Kind::File, format!("The token was not saved: {error}.")))?;
    tracing::info!(path = %path.display(), "token written to a file at the person's request");
    Ok(Some(SavedFile {
        path: path.display().to_string(),
    }))
}

/// Closes the window for good, after the page confirmed it with the person.
#[tauri::command]
pub fn close_window<R: Runtime>(app: AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.destroy();
    }
}

/// Forgets the last setup's in-memory outcome. Stored tokens stay in the keychain.
#[tauri::command]
pub fn start_over(state: State<'_, AppState>) {
    *state.last() = None;
}

/// Whether closing now would lose a token that exists only in memory.
pub fn close_needs_confirmation(state: &AppState) -> bool {
    state
        .last()
        .as_ref()
        .is_some_and(|outcome| outcome.token_only_in_memory())
}

/// Holds a window close while the last token exists only in memory, and asks the page to
/// confirm instead. Closing is never blocked otherwise.
pub fn guard_close<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let state = window.state::<AppState>();
    let unsaved = state
        .last()
        .as_ref()
        .is_some_and(|outcome| outcome.token_only_in_memory());
    if unsaved {
        api.prevent_close();
        let _ = window.emit(CLOSE_REQUESTED_EVENT, ());
    }
}
