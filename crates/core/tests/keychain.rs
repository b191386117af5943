//! The token in the real OS keychain. On Linux this needs a Secret Service: `make test` runs
//! these tests inside `dbus-run-session` with an unlocked gnome-keyring, and reads what we
//! stored back with `secret-tool`, an independent Secret Service client.

use std::process::Command;
use std::sync::Arc;

use bootstrap_core::token_store::{keep, KEYCHAIN_SERVICE};
use bootstrap_core::{
    run_setup, AdminForm, Custody, HttpClient, KeyringStore, Password, ServerAddress, Token,
    TokenKey, TokenStore,
};
use fake_infisical::{FakeInfisical, Options};

fn secret_tool_lookup(account: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", KEYCHAIN_SERVICE, "username", account])
        .output()
        .expect("secret-tool runs (apt package libsecret-tools)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
#[ignore = "needs a Secret Service: run through `make test`"]
fn stored_token_is_readable_by_secret_tool_and_deletable() {
    let key = TokenKey::new("https://keychain-test.example.com", "org-keychain-1");
    let token = Token::new("test-token-value-1234");
    let custody = keep(&KeyringStore, &key, &token);
    assert!(matches!(custody, Custody::Saved { .. }), "{custody:?}");
    assert_eq!(
        secret_tool_lookup(&key.account()).as_deref(),
        Some("test-token-value-1234")
    );

    KeyringStore.delete(&key).unwrap();
    assert!(KeyringStore.get(&key).unwrap().is_none());
    KeyringStore
        .delete(&key)
        .expect("deleting a missing entry succeeds");
}

#[tokio::test]
#[ignore = "needs a Secret Service: run through `make test`"]
async fn bootstrap_against_the_fake_server_lands_the_token_in_the_keychain() {
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let address = ServerAddress::parse(&fake.url()).unwrap();
    let password = "Correct-Horse-42-Staple";
    let admin = AdminForm {
        email: "admin@example.com".into(),
        password: Password::new(password),
        confirm_password: Password::new(password),
        organization: "Keychain Org".into(),
    }
    .validate()
    .unwrap();
    let outcome = run_setup(
        &HttpClient::new().unwrap(),
        Arc::new(KeyringStore),
        &address,
        &admin,
    )
    .await
    .unwrap();
    let Custody::Saved { account, .. } = &outcome.custody else {
        panic!("token not saved: {:?}", outcome.custody);
    };
    let issued = fake.issued_tokens();
    assert_eq!(
        secret_tool_lookup(account).as_deref(),
        Some(issued[0].as_str())
    );
    KeyringStore
        .delete(&TokenKey::new(fake.url(), outcome.organization.id))
        .unwrap();
}

fn record(server: &str, organization_id: &str) -> bootstrap_core::InstanceRecord {
    bootstrap_core::InstanceRecord {
        server: server.into(),
        organization_name: "Acme".into(),
        organization_slug: "acme".into(),
        organization_id: organization_id.into(),
        admin_email: "admin@example.com".into(),
        identity_id: "identity-1".into(),
        identity_name: "Instance Admin Identity".into(),
        set_up_at: bootstrap_core::history::now_rfc3339(),
        token_expires_at: None,
        ca_certificate: None,
    }
}

#[test]
#[ignore = "needs a Secret Service: run through `make test`"]
fn two_instances_and_a_reset_keep_separate_entries_until_forgotten() {
    use bootstrap_core::instances::{forget, overview, token_of, TokenState};
    let data = tempfile::tempdir().unwrap();
    let history = bootstrap_core::History::in_dir(data.path());
    let server = "https://instances-test.example.com";
    // The same server twice (a reset in between) and another server.
    let setups = [
        (server, "org-before-reset", "token-before"),
        ("https://other-test.example.com", "org-other", "token-other"),
        (server, "org-after-reset", "token-after"),
    ];
    for (server, organization_id, token) in setups {
        let record = record(server, organization_id);
        KeyringStore
            .set(&record.token_key(), &Token::new(token))
            .unwrap();
        history.add(record).unwrap();
    }
    for (server, organization_id, token) in setups {
        let read = token_of(&history, &KeyringStore, server, organization_id).unwrap();
        assert_eq!(read.expose(), token);
    }
    let listed = overview(&history, &KeyringStore).unwrap();
    let stale: Vec<bool> = listed.instances.iter().map(|i| i.stale).collect();
    assert_eq!(
        stale,
        [false, false, true],
        "newest first; the pre-reset one is stale"
    );

    // Removed behind the app's back, with an independent client.
    let other = TokenKey::new("https://other-test.example.com", "org-other");
    let cleared = Command::new("secret-tool")
        .args([
            "clear",
            "service",
            KEYCHAIN_SERVICE,
            "username",
            &other.account(),
        ])
        .status()
        .unwrap();
    assert!(cleared.success());
    let listed = overview(&history, &KeyringStore).unwrap();
    assert_eq!(listed.instances[1].token, TokenState::Missing);

    for (server, organization_id, _) in setups {
        forget(&history, &KeyringStore, server, organization_id).unwrap();
        assert_eq!(
            secret_tool_lookup(&TokenKey::new(server, organization_id).account()),
            None
        );
    }
    assert!(history.load().unwrap().instances.is_empty());
}

#[test]
#[ignore = "needs a Secret Service: run through `make test`"]
fn a_corrupted_history_is_set_aside_and_the_keychain_is_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let history = bootstrap_core::History::in_dir(data.path());
    let key = TokenKey::new("https://corrupt-test.example.com", "org-1");
    KeyringStore.set(&key, &Token::new("token-kept")).unwrap();
    std::fs::write(history.path(), b"{ not json").unwrap();
    let listed = bootstrap_core::instances::overview(&history, &KeyringStore).unwrap();
    assert!(listed.instances.is_empty());
    assert!(listed.set_aside.unwrap().contains("was unreadable"));
    assert_eq!(
        KeyringStore.get(&key).unwrap().unwrap().expose(),
        "token-kept"
    );
    KeyringStore.delete(&key).unwrap();
}
