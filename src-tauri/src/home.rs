//! Commands of the home screen: the instances set up so far, and what can be done with each
//! one's stored token. The page names an instance by its server and organization id; the
//! keychain entry is derived in `bootstrap_core::instances`, never chosen by the page.

use bootstrap_core::clipboard::{CopyError, SecretClipboard};
use bootstrap_core::instances::{self, InstanceError, Overview};
use bootstrap_core::{verify, History, InstanceRecord, ServerAddress, TokenCheck};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

use crate::ipc_error::{IpcError, Kind};
use crate::state::AppState;

/// The event sent when the clipboard timer ends; its payload says whether it was cleared.
pub const CLIPBOARD_CLEARED_EVENT: &str = "clipboard-cleared";

/// A copy that is on the clipboard, and when it will be cleared.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Copied {
    clear_after_seconds: u64,
}

/// A token shown to the person on request.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revealed {
    token: String,
}

/// The server's answer to a token check, with what it means.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checked {
    #[serde(flatten)]
    check: TokenCheck,
    explanation: String,
}

/// The app's clipboard, through the clipboard plugin. `write_secret` marks the text as
/// sensitive: a password-manager hint on Linux, no history or cloud sync on Windows, the
/// concealed type on macOS.
struct AppClipboard<R: Runtime>(AppHandle<R>);

impl<R: Runtime> SecretClipboard for AppClipboard<R> {
    fn write_secret(&self, text: &str) -> Result<(), String> {
        self.0
            .clipboard()
            .write_secret(text)
            .map_err(|e| e.to_string())
    }

    fn read_text(&self) -> Result<String, String> {
        self.0.clipboard().read_text().map_err(|e| e.to_string())
    }

    fn clear(&self) -> Result<(), String> {
        self.0.clipboard().clear().map_err(|e| e.to_string())
    }
}

fn history(state: &AppState) -> Result<History, IpcError> {
    state.history().cloned().ok_or_else(|| {
        IpcError::new(
            Kind::History,
            "No data directory is known, so no instances are remembered.",
        )
    })
}

/// Runs a blocking keychain or file call off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, InstanceError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| IpcError::new(Kind::Keychain, "The keychain call stopped unexpectedly."))?
        .map_err(IpcError::from)
}

async fn token_of(
    state: &AppState,
    server: String,
    organization_id: String,
) -> Result<bootstrap_core::Token, IpcError> {
    let (history, store) = (history(state)?, state.store.clone());
    blocking(move || instances::token_of(&history, store.as_ref(), &server, &organization_id)).await
}

/// The instances set up so far, newest first, each with its token's state.
#[tauri::command]
pub async fn list_instances(state: State<'_, AppState>) -> Result<Overview, IpcError> {
    let Some(history) = state.history().cloned() else {
        return Ok(Overview::default());
    };
    let store = state.store.clone();
    blocking(move || Ok(instances::overview(&history, store.as_ref())?)).await
}

/// The remembered instances of `address`, which a new setup of it would make stale.
#[tauri::command]
pub async fn instances_of_server(
    state: State<'_, AppState>,
    address: String,
) -> Result<Vec<InstanceRecord>, IpcError> {
    let server = ServerAddress::parse(&address)?.to_string();
    let Some(history) = state.history().cloned() else {
        return Ok(Vec::new());
    };
    blocking(move || Ok(instances::records_of_server(&history, &server)?)).await
}

/// Copies an instance's token to the clipboard, checks it is there, and clears it after the
/// delay if it is still there.
#[tauri::command]
pub async fn copy_instance_token<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    server: String,
    organization_id: String,
) -> Result<Copied, IpcError> {
    let token = token_of(&state, server, organization_id).await?;
    let events = app.clone();
    state
        .clipboard
        .copy(AppClipboard(app), token, move |cleared| {
            let _ = events.emit(CLIPBOARD_CLEARED_EVENT, cleared);
        })
        .map_err(|error: CopyError| {
            IpcError::new(
                Kind::Clipboard,
                format!("The token was not copied: {error}."),
            )
        })?;
    Ok(Copied {
        clear_after_seconds: state.clipboard.clear_after().as_secs(),
    })
}

/// Clears the copied token from the clipboard now, if it is still there. Says whether it was.
#[tauri::command]
pub fn clear_clipboard<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> bool {
    state.clipboard.clear_now(&AppClipboard(app))
}

/// Returns an instance's token so the page can show it for a few seconds. This is the one
/// command that sends a stored token to the page, on the person's explicit request.
#[tauri::command]
pub async fn reveal_instance_token(
    state: State<'_, AppState>,
    server: String,
    organization_id: String,
) -> Result<Revealed, IpcError> {
    let token = token_of(&state, server, organization_id).await?;
    Ok(Revealed {
        token: token.expose().to_owned(),
    })
}

/// Asks the instance, with one read-only call, whether it still accepts the stored token.
#[tauri::command]
pub async fn check_instance_token(
    state: State<'_, AppState>,
    server: String,
    organization_id: String,
) -> Result<Checked, IpcError> {
    let address = ServerAddress::parse(&server)?;
    let token = token_of(&state, server, organization_id).await?;
    // The same client the wizard used for this server: with the CA chosen for it, if any.
    let client = state.settings.client_for(&state.client, address.as_str())?;
    let check = verify::check_token(&client, &address, &token).await;
    Ok(Checked {
        explanation: check.explanation(),
        check,
    })
}

/// Opens a remembered instance in the default browser.
#[tauri::command]
pub async fn open_instance<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    server: String,
    organization_id: String,
) -> Result<(), IpcError> {
    let history = history(&state)?;
    let record = blocking(move || instances::find(&history, &server, &organization_id)).await?;
    app.opener()
        .open_url(record.server, None::<&str>)
        .map_err(|error| {
            IpcError::new(
                Kind::Browser,
                format!("The browser could not be opened: {error}."),
            )
        })
}

/// Deletes an instance's keychain entry and its record. The page has asked the person first.
#[tauri::command]
pub async fn forget_instance(
    state: State<'_, AppState>,
    server: String,
    organization_id: String,
) -> Result<(), IpcError> {
    let (history, store) = (history(&state)?, state.store.clone());
    blocking(move || instances::forget(&history, store.as_ref(), &server, &organization_id)).await
}
