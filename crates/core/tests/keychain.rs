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
