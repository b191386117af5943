//! Tokens in a real Secret Service, shared with the desktop app. `make test` runs these inside
//! `scripts/with-desktop-session.sh`, with an unlocked gnome-keyring on a private bus.

use std::sync::Arc;

use bootstrap_core::{
    run_setup, AdminForm, Custody, History, HttpClient, InstanceRecord, KeyringStore, Password,
    ServerAddress, TokenStore,
};
use fake_infisical::Options;

use crate::support::{bootstrap, fake, Invocation, PASSWORD};

/// The same command, with the history in `data`.
fn tokens(data: &std::path::Path, args: &[&str]) -> crate::support::Run {
    let mut all = vec!["tokens"];
    all.extend_from_slice(args);
    Invocation::new(&all)
        .env("INFISICAL_BOOTSTRAP_DATA_DIR", data.to_str().unwrap())
        .run()
}

#[test]
#[ignore = "needs a Secret Service: run through make test"]
fn tokens_list_get_and_forget_round_trip() {
    let server = fake(Options::default());
    let data = tempfile::tempdir().unwrap();
    let run = bootstrap(&server.url(), &[])
        .env(
            "INFISICAL_BOOTSTRAP_DATA_DIR",
            data.path().to_str().unwrap(),
        )
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("tokens get"), "{}", run.stdout);
    assert_eq!(
        crate::support::request_lines(&server),
        [
            "GET /api/status",
            "GET /api/v1/admin/config",
            "POST /api/v1/admin/bootstrap",
            "GET /api/v1/admin/user-management/users",
        ],
        "one pre-flight, the POST, and the token check"
    );
    let issued = &server.issued_tokens()[0];
    assert!(
        !run.stdout.contains(issued.as_str()),
        "the summary shows no token"
    );

    let list = tokens(data.path(), &["list"]);
    assert_eq!(list.code, 0, "{list:?}");
    assert!(list.stdout.contains(&server.url()) && list.stdout.contains("Acme"));
    assert!(!list.stdout.contains(issued.as_str()));

    let get = tokens(data.path(), &["get", &format!("{}/api/", server.url())]);
    assert_eq!(
        (get.code, get.stdout.as_str()),
        (0, format!("{issued}\n").as_str())
    );

    let record = History::in_dir(data.path())
        .load()
        .unwrap()
        .instances
        .remove(0);
    let stored = KeyringStore.get(&record.token_key()).unwrap().unwrap();
    assert!(
        stored.matches(issued),
        "the desktop app's store reads the CLI's token"
    );

    let forget = tokens(data.path(), &["forget", &server.url()]);
    assert_eq!(forget.code, 0, "{forget:?}");
    assert!(KeyringStore.get(&record.token_key()).unwrap().is_none());
    let get = tokens(data.path(), &["get", &server.url()]);
    assert_eq!(get.code, 1, "{get:?}");
    assert_eq!(get.stdout, "");
}

#[tokio::test]
#[ignore = "needs a Secret Service: run through make test"]
async fn a_token_the_desktop_app_stored_is_read_by_the_cli() {
    let server = fake(Options::default());
    let data = tempfile::tempdir().unwrap();
    let admin = AdminForm {
        email: "admin@example.com".into(),
        password: Password::new(PASSWORD),
        confirm_password: Password::new(PASSWORD),
        organization: "Desktop Org".into(),
    }
    .validate()
    .unwrap();
    let address = ServerAddress::parse(&server.url()).unwrap();
    // What the desktop app's run_bootstrap command does: run_setup, then the history.
    let outcome = run_setup(
        &HttpClient::new().unwrap(),
        Arc::new(KeyringStore),
        &address,
        &admin,
    )
    .await
    .unwrap();
    assert!(
        matches!(outcome.custody, Custody::Saved { .. }),
        "{:?}",
        outcome.custody
    );
    let record = InstanceRecord::from_outcome(&outcome, None);
    History::in_dir(data.path()).add(record.clone()).unwrap();

    let list = tokens(data.path(), &["list"]);
    assert!(list.stdout.contains("Desktop Org"), "{list:?}");
    let get = tokens(data.path(), &["get", &server.url()]);
    assert_eq!(get.code, 0, "{get:?}");
    assert_eq!(get.stdout.trim_end(), server.issued_tokens()[0]);

    let forget = tokens(data.path(), &["forget", &server.url()]);
    assert_eq!(forget.code, 0, "{forget:?}");
    assert!(KeyringStore.get(&record.token_key()).unwrap().is_none());
}
