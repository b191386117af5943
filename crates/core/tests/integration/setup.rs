use std::sync::Arc;

use bootstrap_core::bootstrap::bootstrap;
use bootstrap_core::TokenCheck;
use bootstrap_core::{
    run_setup, BootstrapError, Custody, Field, MemoryStore, StoreError, TokenKey, TokenStore,
};
use fake_infisical::{FakeInfisical, Mode, Options, ZodVersion};

use crate::support::{address, admin, client, server, PASSWORD};

#[tokio::test]
async fn setup_sends_one_post_and_keeps_exactly_the_returned_token() {
    let fake = server(Mode::Normal);
    let store = Arc::new(MemoryStore::default());
    let outcome = run_setup(&client(), store.clone(), &address(&fake), &admin())
        .await
        .unwrap();

    let issued = fake.issued_tokens();
    let sent: Vec<(String, String)> = fake
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    let expected = [
        ("GET", "/api/status"),
        ("GET", "/api/v1/admin/config"),
        ("POST", "/api/v1/admin/bootstrap"),
        ("GET", "/api/v1/admin/user-management/users"),
    ]
    .map(|(m, p)| (m.to_owned(), p.to_owned()));
    assert_eq!(
        sent, expected,
        "the re-check, one POST, then one verification read"
    );
    assert_eq!(fake.bootstrap_posts(), 1);
    assert_eq!(outcome.verification, TokenCheck::Accepted);
    assert_eq!(
        outcome.expires_at, None,
        "this server generation issues tokens without exp"
    );
    assert!(matches!(outcome.custody, Custody::Saved { .. }));
    let key = TokenKey::new(fake.url(), outcome.organization.id.clone());
    assert!(store.get(&key).unwrap().unwrap().matches(&issued[0]));
    assert_eq!(outcome.admin_email, "admin@example.com");
    assert!(fake.is_initialized());
}

#[tokio::test]
async fn request_body_carries_the_form_as_typed() {
    let fake = server(Mode::Normal);
    bootstrap(&client(), &address(&fake), &admin())
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_str(&fake.requests()[0].body).unwrap();
    assert_eq!(fake.requests()[0].method, "POST");
    assert_eq!(
        body,
        serde_json::json!({"email": "Admin@Example.com", "password": PASSWORD, "organization": "Acme"})
    );
}

#[tokio::test]
async fn second_bootstrap_is_already_set_up() {
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .unwrap();
    let error = bootstrap(&client(), &address(&fake), &admin())
        .await
        .unwrap_err();
    assert_eq!(error, BootstrapError::AlreadySetUp);
}

#[tokio::test]
async fn keychain_failure_keeps_the_token_in_the_outcome() {
    let fake = server(Mode::Normal);
    let store = Arc::new(MemoryStore::default());
    store.fail_with(StoreError::Unavailable("no Secret Service".into()));
    let outcome = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap();
    assert!(matches!(outcome.custody, Custody::NotSaved { .. }));
    assert!(outcome.token.matches(&fake.issued_tokens()[0]));
}

#[tokio::test]
async fn server_422_issues_name_their_fields_in_both_zod_versions() {
    for zod in [ZodVersion::V3, ZodVersion::V4] {
        let fake = FakeInfisical::start(Options {
            zod,
            ..Options::default()
        })
        .unwrap();
        let mut bad = admin();
        bad.email = "not-an-email".into();
        let BootstrapError::Rejected { issues } = bootstrap(&client(), &address(&fake), &bad)
            .await
            .unwrap_err()
        else {
            panic!("expected a 422 rejection");
        };
        assert_eq!(issues[0].field, Some(Field::Email), "{zod:?}");
    }
}

#[tokio::test]
async fn other_server_errors_keep_status_and_message() {
    let cases = [
        (Mode::RateLimited, 429, "Rate limit exceeded"),
        (Mode::Maintenance, 500, "Something went wrong"),
    ];
    for (mode, expected_status, expected_message) in cases {
        let fake = server(mode);
        let error = bootstrap(&client(), &address(&fake), &admin())
            .await
            .unwrap_err();
        let BootstrapError::Server { status, message } = error else {
            panic!("{mode:?}: expected a server error, got {error:?}");
        };
        assert_eq!(status, expected_status, "{mode:?}");
        assert!(message.contains(expected_message), "{mode:?}: {message}");
    }
}

#[tokio::test]
async fn closed_port_is_unreachable_and_nothing_was_sent() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address =
        bootstrap_core::ServerAddress::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let error = bootstrap(&client(), &address, &admin()).await.unwrap_err();
    assert!(
        matches!(error, BootstrapError::Unreachable { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn recheck_refuses_an_instance_set_up_in_the_meantime() {
    let fake = server(Mode::Normal);
    let store = Arc::new(MemoryStore::default());
    // Someone else bootstraps between our pre-flight and our run.
    bootstrap(&client(), &address(&fake), &admin())
        .await
        .unwrap();
    let error = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap_err();
    assert_eq!(error, BootstrapError::AlreadySetUp);
    assert_eq!(fake.bootstrap_posts(), 1, "our run sent no POST");
}

#[tokio::test]
async fn recheck_refuses_a_server_gone_into_maintenance() {
    let fake = server(Mode::Maintenance);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap_err();
    assert!(
        matches!(error, BootstrapError::NotReady { .. }),
        "{error:?}"
    );
    assert_eq!(fake.bootstrap_posts(), 0);
}

#[tokio::test]
async fn redirects_on_the_bootstrap_post_are_never_followed() {
    for mode in [Mode::Redirect301, Mode::Redirect302, Mode::Redirect307] {
        let target = server(Mode::Normal);
        let fake = server(mode);
        fake.set_redirect_target(Some(target.url()));
        let error = bootstrap(&client(), &address(&fake), &admin())
            .await
            .unwrap_err();
        let BootstrapError::Redirected { target: to, .. } = &error else {
            panic!("{mode:?}: {error:?}");
        };
        assert!(to.starts_with(&target.url()), "{to}");
        assert!(
            target.requests().is_empty(),
            "{mode:?}: nothing reached the target"
        );
        assert_eq!(fake.requests().len(), 1, "{mode:?}: one POST, not replayed");
    }
}
