//! The app's commands over real IPC on Tauri's mock runtime: no window system needed. The
//! JSON that reaches the page is pinned here, so `ui/src/api.ts` can rely on it.

mod support;

use bootstrap_core::{History, StoreError, Token, TokenKey, TokenStore};
use fake_infisical::{FakeInfisical, Mode, Options};
use serde_json::json;
use support::{
    bootstrap, fake_in, form, harness, harness_with_history, invoke, stored_token, PASSWORD,
};
use tauri::Manager;
use wizard_app::{close_needs_confirmation, AppState};

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
    let fake = fake_in(Mode::Redirect301);
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
    let fake = fake_in(Mode::StartingUp);
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
    let fake = fake_in(Mode::StartingUp);
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
    let answer = bootstrap(&h.window, &fake.url()).unwrap();
    assert_eq!(answer["custody"]["status"], json!("saved"));
    assert_eq!(answer["organizationName"], json!("Acme"));
    assert!(
        answer.get("token").is_none(),
        "a saved token stays out of the page"
    );
    assert_eq!(fake.bootstrap_posts(), 1);

    let stored = stored_token(&h, &fake.url(), &answer["custody"]);
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
    let error = bootstrap(&h.window, &fake.url()).unwrap_err();
    assert_eq!(error["kind"], json!("alreadySetUp"));
}

#[test]
fn keychain_failure_returns_the_token_to_the_page() {
    let h = harness();
    h.store
        .fail_with(StoreError::Locked("prompt dismissed".into()));
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = bootstrap(&h.window, &fake.url()).unwrap();
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
    let error = bootstrap(&h.window, &fake.url()).unwrap_err();
    assert!(!error.to_string().contains(PASSWORD));
}

#[test]
fn retry_save_stores_the_token_once_the_keychain_works_again() {
    let h = harness();
    h.store
        .fail_with(StoreError::Unavailable("no Secret Service".into()));
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = bootstrap(&h.window, &fake.url()).unwrap();
    assert_eq!(answer["custody"]["status"], json!("notSaved"));
    let still = invoke(&h.window, "retry_save", json!({})).unwrap();
    assert_eq!(still["status"], json!("notSaved"));

    h.store.recover();
    let custody = invoke(&h.window, "retry_save", json!({})).unwrap();
    assert_eq!(custody["status"], json!("saved"));
    let stored = stored_token(&h, &fake.url(), &custody);
    assert!(stored.matches(&fake.issued_tokens()[0]));
}

#[test]
fn retry_save_without_a_setup_says_there_is_no_token() {
    let h = harness();
    assert_eq!(
        invoke(&h.window, "retry_save", json!({})).unwrap_err()["kind"],
        json!("noToken")
    );
}

/// Runs a setup and says whether closing the window afterwards would ask first.
fn close_asks_for_confirmation(store_works: bool) -> bool {
    let h = harness();
    if !store_works {
        h.store
            .fail_with(StoreError::Unavailable("no Secret Service".into()));
    }
    let fake = FakeInfisical::start(Options::default()).unwrap();
    bootstrap(&h.window, &fake.url()).unwrap();
    close_needs_confirmation(&h.app.state::<AppState>())
}

#[test]
fn closing_with_an_unsaved_token_asks_the_page_first() {
    assert!(close_asks_for_confirmation(false));
}

#[test]
fn closing_with_a_saved_token_asks_nothing() {
    assert!(!close_asks_for_confirmation(true));
}

#[test]
fn unknown_outcome_is_reported_with_the_recheck() {
    let h = harness();
    let fake = fake_in(Mode::MalformedBody);
    let error = bootstrap(&h.window, &fake.url()).unwrap_err();
    assert_eq!(error["kind"], json!("unusableResponse"));
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("The instance may now be set up but returned no usable token"),
        "{message}"
    );
    assert!(
        message.contains("now reports itself as set up"),
        "{message}"
    );
    assert_eq!(fake.bootstrap_posts(), 1);
}

#[test]
fn half_initialized_instance_has_its_own_kind() {
    let h = harness();
    let fake = fake_in(Mode::HalfInitialized);
    let error = bootstrap(&h.window, &fake.url()).unwrap_err();
    assert_eq!(error["kind"], json!("userAlreadyExists"));
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("Reset the server's database"));
}

#[test]
fn done_data_carries_expiry_and_verification() {
    let h = harness();
    let fake = fake_in(Mode::TokenMaxAge);
    let answer = bootstrap(&h.window, &fake.url()).unwrap();
    assert_eq!(answer["verification"], json!({"result": "exceededMaxAge"}));
    assert!(answer.get("expiresAt").is_none_or(|v| v.is_null()));
    assert!(answer["verificationExplanation"]
        .as_str()
        .unwrap()
        .contains("The token is kept"));
}
#[test]
fn run_bootstrap_adds_the_instance_to_the_history() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    bootstrap(&h.window, &fake.url()).unwrap();
    let instances = History::in_dir(h.data.path().join("history"))
        .load()
        .unwrap()
        .instances;
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].server, fake.url());
    assert_eq!(instances[0].organization_name, "Acme");
    assert_eq!(instances[0].admin_email, "admin@example.com");
    let stored = h.store.get(&instances[0].token_key()).unwrap().unwrap();
    assert!(stored.matches(&fake.issued_tokens()[0]));
}

#[test]
fn a_history_that_cannot_be_written_does_not_fail_the_setup() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("blocked"),
        "a file where the directory should be",
    )
    .unwrap();
    let h = harness_with_history(data, "blocked");
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let answer = bootstrap(&h.window, &fake.url()).unwrap();
    assert_eq!(answer["custody"]["status"], json!("saved"));
}

#[test]
fn the_page_may_say_it_is_ready_more_than_once() {
    let h = harness();
    assert_eq!(invoke(&h.window, "page_ready", json!({})), Ok(json!(null)));
    assert_eq!(invoke(&h.window, "page_ready", json!({})), Ok(json!(null)));
}
