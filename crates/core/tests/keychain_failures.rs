//! The real keychain when it cannot take the token. `make test` runs each test in the
//! session it needs: one with no D-Bus session at all, one with a Secret Service whose
//! keyring is locked. In both, the token must survive as "not saved", with the reason.

use bootstrap_core::token_store::keep;
use bootstrap_core::{Custody, KeyringStore, StoreError, Token, TokenKey, TokenStore};

fn attempt() -> (Custody, Result<(), StoreError>) {
    let key = TokenKey::new("https://failure-test.example.com", "org-failure-1");
    let custody = keep(&KeyringStore, &key, &Token::new("failure-test-token-0001"));
    (
        custody,
        KeyringStore.set(&key, &Token::new("failure-test-token-0001")),
    )
}

#[test]
#[ignore = "needs a process without a D-Bus session: run through `make test`"]
fn without_a_secret_service_the_token_is_not_saved_and_the_reason_says_so() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none(),
        "run without a session bus"
    );
    let (custody, direct) = attempt();
    let Custody::NotSaved { reason } = custody else {
        panic!("claimed saved: {custody:?}")
    };
    assert!(
        reason.starts_with("no keychain service is running"),
        "{reason}"
    );
    assert!(
        matches!(direct, Err(StoreError::Unavailable(_))),
        "{direct:?}"
    );
}

#[test]
#[ignore = "needs a locked Secret Service: run through `make test`"]
fn with_a_locked_keychain_the_token_is_not_saved_and_the_reason_says_so() {
    let (custody, direct) = attempt();
    let Custody::NotSaved { reason } = custody else {
        panic!("claimed saved: {custody:?}")
    };
    assert!(reason.starts_with("the keychain is locked"), "{reason}");
    assert!(matches!(direct, Err(StoreError::Locked(_))), "{direct:?}");
}
