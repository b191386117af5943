//! The app on Tauri's mock runtime, and a helper to call its commands over real IPC.

#![allow(dead_code)]

use std::sync::Arc;

use bootstrap_core::wait::WaitPolicy;
use bootstrap_core::{History, HttpClient, MemoryStore, ServerSettings, TokenStore};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use wizard_app::{configure, AppState};

/// A password that passes every local check.
pub const PASSWORD: &str = "Correct-Horse-42-Staple";

/// The app with its real config and capabilities, an in-memory token store, a history in a
/// temporary directory, and its window.
pub struct Harness {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub store: Arc<MemoryStore>,
    pub data: tempfile::TempDir,
}

/// Builds the app on the mock runtime.
pub fn harness() -> Harness {
    harness_with_history(tempfile::tempdir().unwrap(), "history")
}

/// Builds the app with its history in `subdir` of `data`.
pub fn harness_with_history(data: tempfile::TempDir, subdir: &str) -> Harness {
    let store = Arc::new(MemoryStore::default());
    let history = History::in_dir(data.path().join(subdir));
    let settings = ServerSettings::at(data.path().join("servers.json"));
    // Waits for a starting server end in seconds here, not minutes.
    let quick = WaitPolicy {
        first_delay: std::time::Duration::from_millis(50),
        max_delay: std::time::Duration::from_millis(200),
        give_up_after: std::time::Duration::from_secs(2),
    };
    let state = AppState::new(HttpClient::new().unwrap(), store.clone(), settings)
        .with_history(history)
        .with_wait_policy(quick);
    let app = configure(mock_builder(), state)
        .build(tauri::generate_context!())
        .unwrap();
    let window = match app.get_webview_window("main") {
        Some(window) => window,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    Harness {
        app,
        window,
        store,
        data,
    }
}

/// Calls `cmd` with `body` as the page would, and returns the JSON it answers.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

/// An admin form that passes every local check.
pub fn form(email: &str, organization: &str) -> Value {
    json!({"email": email, "password": PASSWORD, "confirmPassword": PASSWORD, "organization": organization})
}

/// Runs a setup of `server` from the page with a valid form, as "Set up instance" does.
pub fn bootstrap(window: &WebviewWindow<MockRuntime>, server: &str) -> Result<Value, Value> {
    let body =
        json!({"server": server, "form": form("admin@example.com", "Acme"), "httpConsent": false});
    invoke(window, "run_bootstrap", body)
}

/// The token the in-memory store holds under the account a `custody` JSON names.
pub fn stored_token(h: &Harness, server: &str, custody: &Value) -> bootstrap_core::Token {
    let account = custody["account"]
        .as_str()
        .expect("a saved custody names its account");
    let organization_id = account.rsplit("org:").next().unwrap_or_default();
    let key = bootstrap_core::TokenKey::new(server, organization_id);
    h.store
        .get(&key)
        .unwrap()
        .expect("the store holds the token")
}

/// A fake Infisical server behaving as `mode`.
pub fn fake_in(mode: fake_infisical::Mode) -> fake_infisical::FakeInfisical {
    let options = fake_infisical::Options {
        mode,
        ..fake_infisical::Options::default()
    };
    fake_infisical::FakeInfisical::start(options).expect("the fake server starts")
}
