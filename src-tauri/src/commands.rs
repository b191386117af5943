//! The commands the window may call. Each is a thin wrapper over `bootstrap_core`.

use bootstrap_core::validation::password_rules;
use bootstrap_core::{
    run_setup, AdminForm, CaCertificate, FieldErrors, PasswordRule, ServerAddress, ServerReport,
};
use serde::Serialize;
use tauri::State;

use crate::ipc_error::{IpcError, Kind};
use crate::state::AppState;

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

/// Checks what is at `address`: one of the server states, with what the app knows about it.
#[tauri::command]
pub async fn check_server(
    state: State<'_, AppState>,
    address: String,
) -> Result<ServerReport, IpcError> {
    let address = ServerAddress::parse(&address)?;
    Ok(bootstrap_core::report::inspect(
        &state.client,
        &state.settings,
        state.store.clone(),
        &address,
    )
    .await)
}

/// Trusts the PEM CA certificate at `path` for `server` from now on.
#[tauri::command]
pub async fn set_ca_certificate(
    state: State<'_, AppState>,
    server: String,
    path: String,
) -> Result<(), IpcError> {
    let address = ServerAddress::parse(&server)?;
    let certificate = CaCertificate::load(std::path::Path::new(&path))?;
    Ok(state
        .settings
        .set_ca_certificate(address.as_str(), Some(certificate))?)
}

/// Stops trusting the CA certificate chosen for `server`.
#[tauri::command]
pub async fn forget_ca_certificate(
    state: State<'_, AppState>,
    server: String,
) -> Result<(), IpcError> {
    let address = ServerAddress::parse(&server)?;
    Ok(state.settings.set_ca_certificate(address.as_str(), None)?)
}

/// Checks the admin form field by field. Sends nothing.
#[tauri::command]
pub fn validate_admin(form: AdminForm) -> Validation {
    Validation {
        fields: form.field_errors(),
        password_rules: password_rules(form.password.expose()),
    }
}

/// Re-checks the server, then bootstraps the instance at `server` once and keeps the token.
/// Plain http to another computer needs `http_consent`.
#[tauri::command]
pub async fn run_bootstrap(
    state: State<'_, AppState>,
    server: String,
    form: AdminForm,
    http_consent: bool,
) -> Result<Finished, IpcError> {
    let address = ServerAddress::parse(&server)?;
    address.check_consent(http_consent)?;
    let admin = form.validate()?;
    let Some(_running) = state.begin_run() else {
        return Err(IpcError::new(
            Kind::Busy,
            "A setup is already running. Wait for it to finish.",
        ));
    };
    let client = state.settings.client_for(&state.client, address.as_str())?;
    let outcome = run_setup(&client, state.store.clone(), &address, &admin).await?;
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
