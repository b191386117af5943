//! The desktop shell: window, commands and state over `bootstrap_core`. It holds no
//! bootstrap logic of its own.

mod commands;
mod home;
mod ipc_error;
mod logging;
mod ready;
mod server_commands;
mod state;
mod token;

use std::process::ExitCode;
use std::sync::Arc;

use bootstrap_core::{History, HttpClient, KeyringStore, ServerSettings, TokenStore};
use tauri::{Builder, Runtime};

pub use ipc_error::{IpcError, Kind};

/// Where the settings go on a system without a data directory.
const SETTINGS_FALLBACK: &str = "dev.bootstrapwizard.infisical-servers.json";
pub use state::AppState;
pub use token::close_needs_confirmation;

/// Registers the plugins, state and commands on `builder`. Generic over the runtime so the
/// tests can drive the same app on Tauri's mock runtime.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .on_window_event(token::guard_close)
        .invoke_handler(tauri::generate_handler![
            commands::check_server,
            server_commands::wait_for_server,
            server_commands::cancel_wait,
            commands::set_ca_certificate,
            commands::forget_ca_certificate,
            commands::validate_admin,
            commands::run_bootstrap,
            token::copy_token,
            token::start_over,
            token::retry_save,
            token::save_token_to_file,
            token::close_window,
            home::list_instances,
            home::instances_of_server,
            home::copy_instance_token,
            home::clear_clipboard,
            home::reveal_instance_token,
            home::check_instance_token,
            home::open_instance,
            home::forget_instance,
            ready::page_ready,
        ])
}

/// Builds the state the real app runs with: the OS keychain, one HTTP client, the settings
/// file in the platform's data directory, and the shared history of set-up instances
/// (skipped, with a warning, when no data directory is known).
///
/// # Errors
///
/// Fails when the HTTP client cannot start.
pub fn app_state() -> Result<AppState, bootstrap_core::http::ClientError> {
    let store: Arc<dyn TokenStore> = Arc::new(KeyringStore);
    let settings = ServerSettings::default_path()
        .unwrap_or_else(|| std::env::temp_dir().join(SETTINGS_FALLBACK));
    let state = AppState::new(HttpClient::new()?, store, ServerSettings::at(settings));
    Ok(match History::locate() {
        Ok(history) => state.with_history(history),
        Err(error) => {
            tracing::warn!(%error, "set-up instances will not be remembered");
            state
        }
    })
}

/// Starts the desktop app and returns when its window is closed.
pub fn run() -> ExitCode {
    ready::mark_start();
    logging::init();
    let state = match app_state() {
        Ok(state) => state,
        Err(error) => {
            tracing::error!(%error, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    match configure(Builder::default(), state).run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the window could not be opened");
            ExitCode::FAILURE
        }
    }
}
