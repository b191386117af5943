//! The password and the token never reach a log, at any level, nor an IPC error, on the
//! happy path or on any error path. Every log line of every crate is captured at trace
//! level while setups run against the fake server in each of its outcomes.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bootstrap_core::bootstrap::bootstrap as bootstrap_directly;
use bootstrap_core::{
    run_setup, ClientOptions, HttpClient, MemoryStore, Password, ServerAddress, StoreError,
    ValidatedAdmin,
};
use fake_infisical::{FakeInfisical, Mode, Options};
use serde_json::json;
use support::{bootstrap as bootstrap_over_ipc, fake_in, harness, invoke, PASSWORD};
use tracing_subscriber::fmt::MakeWriter;

/// Every byte the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_in_trace_logs_or_ipc_errors_on_any_path() {
    let captured = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .init();

    let mut fakes = Vec::new();
    let mut errors = Vec::new();
    let h = harness();

    // Happy path, then keychain failure with a retry, then the outcomes that lose the answer.
    for mode in [
        Mode::Normal,
        Mode::MalformedBody,
        Mode::EmptyToken,
        Mode::TokenMaxAge,
        Mode::HalfInitialized,
    ] {
        let fake = FakeInfisical::start(Options {
            mode,
            ..Options::default()
        })
        .unwrap();
        errors.push(bootstrap_over_ipc(&h.window, &fake.url()).unwrap_or_else(|error| error));
        fakes.push(fake);
    }
    h.store
        .fail_with(StoreError::Locked("prompt dismissed".into()));
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let unsaved = bootstrap_over_ipc(&h.window, &fake.url()).unwrap_or_else(|error| error);
    assert_eq!(unsaved["custody"]["status"], json!("notSaved"));
    errors.push(invoke(&h.window, "retry_save", json!({})).unwrap());
    fakes.push(fake);

    // Network failure: a closed port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    errors.push(
        bootstrap_over_ipc(&h.window, &format!("http://127.0.0.1:{port}"))
            .unwrap_or_else(|error| error),
    );

    // Local validation failures.
    let mismatched = json!({"email": "admin@example.com", "password": PASSWORD,
                            "confirmPassword": format!("{PASSWORD}x"), "organization": "Acme"});
    errors.push(
        invoke(
            &h.window,
            "run_bootstrap",
            json!({"server": "http://127.0.0.1:1", "form": mismatched, "httpConsent": false}),
        )
        .unwrap_err(),
    );

    // A 422 from the server, and a hang after the request, through the core directly.
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let address = ServerAddress::parse(&fake.url()).unwrap();
    let bad_email = ValidatedAdmin {
        email: "not-an-email".into(),
        password: Password::new(PASSWORD),
        organization: "Acme".into(),
    };
    let rejected = bootstrap_directly(&HttpClient::new().unwrap(), &address, &bad_email)
        .await
        .unwrap_err();
    errors.push(json!(format!("{rejected:?} {rejected}")));
    fakes.push(fake);
    let fake = fake_in(Mode::HangAfterRequest);
    let impatient = HttpClient::with_options(ClientOptions {
        timeout: Some(Duration::from_millis(800)),
        ..Default::default()
    })
    .unwrap();
    let admin = ValidatedAdmin {
        email: "admin@example.com".into(),
        ..bad_email
    };
    let store = Arc::new(MemoryStore::default());
    let lost = run_setup(
        &impatient,
        store,
        &ServerAddress::parse(&fake.url()).unwrap(),
        &admin,
    )
    .await;
    errors.push(json!(format!(
        "{:?}",
        lost.map(|outcome| outcome.summary())
    )));
    fakes.push(fake);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("bootstrap"),
        "the capture must have seen the setups: {logs}"
    );
    assert!(
        logs.contains("TRACE"),
        "trace-level lines must have been captured"
    );
    let tokens: Vec<String> = fakes
        .iter()
        .flat_map(|f| f.issued_tokens())
        .filter(|t| !t.is_empty())
        .collect();
    assert!(
        tokens.len() >= 4,
        "several tokens were issued: {}",
        tokens.len()
    );
    let errors = serde_json::to_string(&errors).unwrap();
    for (name, text) in [("logs", &logs), ("IPC errors and debug output", &errors)] {
        assert!(
            !text.contains(PASSWORD),
            "the password appears in the {name}"
        );
        for token in &tokens {
            assert!(
                !text.contains(token.as_str()),
                "a token appears in the {name}"
            );
            let signature = token.rsplit('.').next().unwrap();
            assert!(
                !text.contains(signature),
                "a token's signature appears in the {name}"
            );
        }
    }
}
