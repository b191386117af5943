//! Waiting for a server that is starting up, with progress sent over a channel and a
//! command to cancel.

use bootstrap_core::report::{has_token_for, report};
use bootstrap_core::wait::{wait_while_starting, CancellationToken, WaitOutcome, WaitProgress};
use bootstrap_core::{ServerAddress, ServerReport, ServerState};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc_error::{IpcError, Kind};
use crate::state::AppState;

/// Checks `address` again with backoff while it is starting up, sending progress after each
/// check, and returns what it found once it is no longer starting.
#[tauri::command]
pub async fn wait_for_server(
    state: State<'_, AppState>,
    address: String,
    on_progress: Channel<WaitProgress>,
) -> Result<ServerReport, IpcError> {
    let address = ServerAddress::parse(&address)?;
    let cancel = CancellationToken::new();
    state.replace_wait(Some(cancel.clone()));
    let client = state.settings.client_for(&state.client, address.as_str())?;
    let outcome = wait_while_starting(&client, &address, state.wait_policy, &cancel, |step| {
        let _ = on_progress.send(step);
    })
    .await;
    state.replace_wait(None);
    let found = match outcome {
        WaitOutcome::Settled(found) => found,
        WaitOutcome::Cancelled => {
            return Err(IpcError::new(Kind::Cancelled, "Stopped waiting for the server."))
        }
        WaitOutcome::GaveUp { attempts, waited } => {
            return Err(IpcError::new(
                Kind::StillStarting,
                format!(
                    "The server was still starting after {} minutes and {attempts} checks. Look at its logs for a stuck migration, then check again.",
                    waited.as_secs().div_ceil(60)
                ),
            ))
        }
    };
    let server = address.to_string();
    let has_token = match found {
        ServerState::AlreadySetUp => has_token_for(state.store.clone(), server.clone()).await,
        _ => None,
    };
    let ca = state.settings.ca_certificate(&server).map(|ca| ca.file);
    let proxy = state.client.proxy_for(address.as_str());
    Ok(report(&address, found, proxy, ca, has_token))
}

/// Cancels the wait in progress, if any.
#[tauri::command]
pub fn cancel_wait(state: State<'_, AppState>) {
    state.replace_wait(None);
}
