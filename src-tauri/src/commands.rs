//! The commands the window may call. Each is a thin wrapper over `bootstrap_core`.

use bootstrap_core::validation::password_rules;
use bootstrap_core::{preflight, run_setup, AdminForm, FieldErrors, PasswordRule, ServerAddress};
use serde::Serialize;
use tauri::State;

use crate::ipc_error::{IpcError, Kind};
use crate::state::AppState;

/// The pre-flight result as the UI shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerCheck {
    server: String,
    state: &'static str,
    explanation: String,
}

/// Field messages and password hints, for validation as the person types.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    fields: FieldErrors,
    password_rules: Vec<PasswordRule>,
}

/// The Done screen's data. `token` is set only when the keychain did not take the token, so
/// the person can still see and copy it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finished {
    #[serde(flatten)]
    summary: bootstrap_core::SetupSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
}

/// Checks that `address` is a reachable Infisical that is not set up yet.
#[tauri::command]
pub async fn check_server(
    state: State<'_, AppState>,
    address: String,
) -> Result<ServerCheck, IpcError> {
    let address = ServerAddress::parse(&address)?;
    let found = preflight::check(&state.client, &address).await;
    let name = match &found {
        preflight::ServerState::Ready => "ready",
        preflight::ServerState::AlreadySetUp => "alreadySetUp",
        preflight::ServerState::StartingUp => "startingUp",
        preflight::ServerState::Maintenance => "maintenance",
        preflight::ServerState::NotInfisical { .. } => "notInfisical",
        preflight::ServerState::Unreachable { .. } => "unreachable",
    };
    Ok(ServerCheck {
        server: address.to_string(),
        state: name,
        explanation: found.explanation(),
    })
}

/// Checks the admin form field by field. Sends nothing.
#[tauri::command]
pub fn validate_admin(form: AdminForm) -> Validation {
    Validation {
        fields: form.field_errors(),
        password_rules: password_rules(form.password.expose()),
    }
}

/// Validates, bootstraps the instance at `server` once, and keeps the token.
#[tauri::command]
pub async fn run_bootstrap(
    state: State<'_, AppState>,
    server: String,
    form: AdminForm,
) -> Result<Finished, IpcError> {
    let address = ServerAddress::parse(&server)?;
    let admin = form.validate()?;
    let Some(_running) = state.begin_run() else {
        return Err(IpcError::new(
            Kind::Busy,
            "A setup is already running. Wait for it to finish.",
        ));
    };
    let outcome = run_setup(&state.client, state.store.clone(), &address, &admin).await?;
    state.remember(&outcome).await;
    let token = match outcome.custody {
        bootstrap_core::Custody::Saved { .. } => None,
        bootstrap_core::Custody::NotSaved { .. } => Some(outcome.token.expose().to_owned()),
    };
    let finished = Finished {
        summary: outcome.summary(),
        token,
    };
    *state.last() = Some(outcome);
    Ok(finished)
}
