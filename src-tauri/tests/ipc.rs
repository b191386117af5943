//! The app's commands over real IPC on Tauri's mock runtime: no window system needed. The
//! JSON that reaches the page is pinned here, so `ui/src/api.ts` can rely on it.

use std::sync::Arc;

use bootstrap_core::wait::WaitPolicy;
use bootstrap_core::{HttpClient, MemoryStore, ServerSettings, Token, TokenKey, TokenStore};
use fake_infisical::{FakeInfisical, Mode, Options};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
use wizard_app::{configure, AppState};

const PASSWORD: &str = "Correct-Horse-42-Staple";

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    store: Arc<MemoryStore>,
}

fn harness() -> Harness {
    let store = Arc::new(MemoryStore::default());
    let settings = std::env::temp_dir().join(format!(
        "ipc-servers-{}-{:?}.json",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_file(&settings);
    let quick = WaitPolicy {
        first_delay: std::time::Duration::from_millis(50),
        max_delay: std::time::Duration::from_millis(200),
        give_up_after: std::time::Duration::from_secs(2),
    };
    let state = AppState::new(
        HttpClient::new().unwrap(),
        store.clone(),
        ServerSettings::at(settings),
    )
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
        _app: app,
        window,
        store,
    }
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
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

fn form(email: &str, organization: &str) -> Value {
    json!({"email": email, "password": PASSWORD, "confirmPassword": PASSWORD, "organization": organization})
}

#[test]
fn check_server_reports_a_fresh_server_as_ready() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = invoke(
        &h.window,
        "check_server",
        json!({"address": format!(" {}/api/ ", fake.url())}),
    );
    assert_eq!(
        answer.unwrap(),
        json!({"server": fake.url(), "state": "ready",
               "explanation": "This Infisical server is not set up yet. Continue to create its first admin.",
               "nextStep": "continue", "proxy": null, "needsHttpConsent": false,
               "hasStoredToken": null, "caCertificate": null})
    );
}

#[test]
fn check_server_on_a_set_up_instance_says_whether_a_token_is_held() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .unwrap();
    let address = json!({"address": fake.url()});
    let answer = invoke(&h.window, "check_server", address.clone()).unwrap();
    assert_eq!(answer["state"], json!("alreadySetUp"));
    assert_eq!(answer["nextStep"], json!("setUpAnother"));
    assert_eq!(answer["hasStoredToken"], json!(false));
    h.store
        .set(&TokenKey::new(fake.url(), "org-1"), &Token::new("t"))
        .unwrap();
    let answer = invoke(&h.window, "check_server", address).unwrap();
    assert_eq!(answer["hasStoredToken"], json!(true));
}

#[test]
fn check_server_reports_a_redirect_with_the_https_offer() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        mode: Mode::Redirect301,
        ..Options::default()
    })
    .unwrap();
    let answer = invoke(&h.window, "check_server", json!({"address": fake.url()})).unwrap();
    let https = format!("https://127.0.0.1:{}", fake.port());
    assert_eq!(answer["state"], json!("redirect"));
    assert_eq!(answer["status"], json!(301));
    assert_eq!(
        answer["redirectTarget"],
        json!(format!("{https}/api/status"))
    );
    assert_eq!(answer["suggestion"], json!(https));
    assert_eq!(answer["nextStep"], json!("useHttps"));
}

#[test]
fn check_server_over_plain_http_to_another_host_needs_consent() {
    let h = harness();
    let answer = invoke(
        &h.window,
        "check_server",
        json!({"address": "http://192.0.2.1:1"}),
    );
    // Nothing listens there; what matters is the flag, which comes from the address.
    let answer = answer.unwrap();
    assert_eq!(answer["needsHttpConsent"], json!(true));
}

#[test]
fn run_bootstrap_over_plain_http_off_host_without_consent_sends_nothing() {
    let h = harness();
    let error = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": "http://192.0.2.1:1", "form": form("admin@example.com", "Acme"), "httpConsent": false}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], json!("httpConsentRequired"));
    assert_eq!(error["field"], json!("server"));
}

#[test]
fn wait_for_server_returns_once_the_server_is_up() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        mode: Mode::StartingUp,
        ..Options::default()
    })
    .unwrap();
    let answer = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(300));
            fake.set_mode(Mode::Normal);
        });
        invoke(
            &h.window,
            "wait_for_server",
            json!({"address": fake.url(), "onProgress": "__CHANNEL__:1"}),
        )
    })
    .unwrap();
    assert!(fake.requests().len() >= 4, "it checked more than once");
    assert_eq!(answer["state"], json!("ready"));
}

#[test]
fn wait_for_server_gives_up_at_its_cap() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        mode: Mode::StartingUp,
        ..Options::default()
    })
    .unwrap();
    let error = invoke(
        &h.window,
        "wait_for_server",
        json!({"address": fake.url(), "onProgress": "__CHANNEL__:1"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], json!("stillStarting"));
}

#[test]
fn a_file_that_is_not_a_certificate_is_refused() {
    let h = harness();
    let path = std::env::temp_dir().join(format!("not-a-ca-{}.pem", std::process::id()));
    std::fs::write(&path, "hello").unwrap();
    let error = invoke(
        &h.window,
        "set_ca_certificate",
        json!({"server": "https://h.example.com", "path": path}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], json!("certificate"));
}

#[test]
fn a_chosen_ca_makes_a_private_ca_server_ready() {
    let h = harness();
    let ca = fake_infisical::pki::TestCa::new().unwrap();
    let fake =
        FakeInfisical::start_tls(Options::default(), ca.leaf(&["localhost"]).unwrap()).unwrap();
    let address = json!({"address": fake.url()});
    let answer = invoke(&h.window, "check_server", address.clone()).unwrap();
    assert_eq!(answer["state"], json!("tlsFailure"));
    assert_eq!(answer["tlsKind"], json!("unknownIssuer"));
    assert_eq!(answer["nextStep"], json!("addCertificate"));

    let path = std::env::temp_dir().join(format!("ca-{}.pem", std::process::id()));
    std::fs::write(&path, ca.pem()).unwrap();
    invoke(
        &h.window,
        "set_ca_certificate",
        json!({"server": fake.url(), "path": path}),
    )
    .unwrap();
    let answer = invoke(&h.window, "check_server", address).unwrap();
    assert_eq!(answer["state"], json!("ready"));
    assert_eq!(answer["caCertificate"], json!(path.display().to_string()));
}

#[test]
fn check_server_rejects_a_bad_address_at_the_server_field() {
    let h = harness();
    let error = invoke(
        &h.window,
        "check_server",
        json!({"address": "secrets.example.com"}),
    );
    assert_eq!(
        error.unwrap_err(),
        json!({"kind": "invalidAddress", "field": "server",
               "message": "'secrets.example.com' has no scheme: did you mean 'https://secrets.example.com'?"})
    );
}

#[test]
fn validate_admin_returns_field_messages_and_password_hints() {
    let h = harness();
    let answer = invoke(
        &h.window,
        "validate_admin",
        json!({"form": {"email": "admin@", "password": "short", "confirmPassword": "", "organization": "Acme"}}),
    )
    .unwrap();
    assert_eq!(
        answer["fields"],
        json!({"email": "Enter a valid email address, like admin@example.com",
               "password": "Use at least 14 characters",
               "confirmPassword": "Type the password again"})
    );
    let rules = answer["passwordRules"].as_array().unwrap();
    assert_eq!(
        rules[0],
        json!({"id": "length", "label": "14 to 100 characters", "met": false})
    );
    assert_eq!(rules.len(), 6);
}

#[test]
fn run_bootstrap_keeps_the_token_and_never_returns_it_when_saved() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", "Acme"), "httpConsent": false}),
    )
    .unwrap();
    assert_eq!(answer["custody"]["status"], json!("saved"));
    assert_eq!(answer["organizationName"], json!("Acme"));
    assert!(
        answer.get("token").is_none(),
        "a saved token stays out of the page"
    );
    assert_eq!(fake.bootstrap_posts(), 1);

    let account = answer["custody"]["account"].as_str().unwrap();
    let org_id = account.rsplit("org:").next().unwrap();
    let stored = h
        .store
        .get(&TokenKey::new(fake.url(), org_id))
        .unwrap()
        .unwrap();
    assert!(stored.matches(&fake.issued_tokens()[0]));
}

#[test]
fn run_bootstrap_sends_nothing_when_a_field_is_bad() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let error = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", ""), "httpConsent": false}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], json!("invalidInput"));
    assert_eq!(
        error["fields"],
        json!({"organization": "Enter a name for the first organization"})
    );
    assert!(fake.requests().is_empty(), "nothing may be sent");
}

#[test]
fn run_bootstrap_on_a_set_up_instance_is_already_set_up() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .unwrap();
    let error = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", "Acme"), "httpConsent": false}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], json!("alreadySetUp"));
}

#[test]
fn keychain_failure_returns_the_token_to_the_page() {
    let h = harness();
    h.store.fail_with(bootstrap_core::StoreError::NoAccess(
        "prompt dismissed".into(),
    ));
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", "Acme"), "httpConsent": false}),
    )
    .unwrap();
    assert_eq!(answer["custody"]["status"], json!("notSaved"));
    assert_eq!(answer["token"], json!(fake.issued_tokens()[0]));
}

#[test]
fn copy_token_without_a_setup_says_there_is_none() {
    let h = harness();
    let error = invoke(&h.window, "copy_token", json!({})).unwrap_err();
    assert_eq!(error["kind"], json!("noToken"));
}

#[test]
fn ipc_errors_never_carry_the_password() {
    let h = harness();
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .unwrap();
    let error = invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", "Acme"), "httpConsent": false}),
    )
    .unwrap_err();
    assert!(!error.to_string().contains(PASSWORD));
}
