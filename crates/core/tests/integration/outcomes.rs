//! Every outcome after the bootstrap POST: the token is kept whenever one came back, and an
//! unknown outcome is re-checked, never retried.

use std::sync::Arc;
use std::time::Duration;

use bootstrap_core::bootstrap::BOOTSTRAP_PATH;
use bootstrap_core::{
    run_setup, BootstrapError, ClientOptions, Custody, HttpClient, MemoryStore, TokenCheck,
};
use fake_infisical::Mode;

use crate::support::{address, admin, client, server};

fn impatient_client() -> HttpClient {
    let options = ClientOptions {
        timeout: Some(Duration::from_millis(800)),
        ..Default::default()
    };
    HttpClient::with_options(options).unwrap()
}

fn posts(fake: &fake_infisical::FakeInfisical) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == BOOTSTRAP_PATH)
        .count()
}

#[tokio::test]
async fn hang_after_the_request_is_an_unknown_outcome_rechecked_as_set_up() {
    let fake = server(Mode::HangAfterRequest);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&impatient_client(), store, &address(&fake), &admin())
        .await
        .unwrap_err();
    assert_eq!(
        std::mem::discriminant(&error),
        std::mem::discriminant(&BootstrapError::NoAnswer {
            reason: String::new(),
            initialized_now: None
        })
    );
    let BootstrapError::NoAnswer {
        initialized_now, ..
    } = &error
    else {
        unreachable!()
    };
    assert_eq!(
        *initialized_now,
        Some(true),
        "the re-check sees the instance set up"
    );
    assert!(error
        .advice()
        .unwrap()
        .contains("now reports itself as set up"));
    assert_eq!(posts(&fake), 1, "the POST is never repeated");
}

#[tokio::test]
async fn empty_token_is_unusable_and_nothing_is_stored() {
    let fake = server(Mode::EmptyToken);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&client(), store.clone(), &address(&fake), &admin())
        .await
        .unwrap_err();
    let BootstrapError::UnusableResponse {
        reason,
        initialized_now,
    } = error
    else {
        panic!("expected an unusable response, got {error:?}");
    };
    assert!(reason.contains("empty"), "{reason}");
    assert_eq!(initialized_now, Some(true));
    assert!(store.is_empty(), "no entry was written");
    assert_eq!(posts(&fake), 1);
}

#[tokio::test]
async fn malformed_body_is_unusable() {
    let fake = server(Mode::MalformedBody);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        BootstrapError::UnusableResponse {
            initialized_now: Some(true),
            ..
        }
    ));
    assert!(
        !format!("{error:?}").contains("eyJ"),
        "no part of a token in the error: {error:?}"
    );
}

#[tokio::test]
async fn token_rejected_as_too_old_is_kept_and_explained() {
    let fake = server(Mode::TokenMaxAge);
    let store = Arc::new(MemoryStore::default());
    let outcome = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap();
    assert_eq!(outcome.verification, TokenCheck::ExceededMaxAge);
    assert!(
        matches!(outcome.custody, Custody::Saved { .. }),
        "the token is kept all the same"
    );
    assert!(outcome
        .verification
        .explanation()
        .contains("The token is kept"));
}

#[tokio::test]
async fn half_initialized_instance_says_the_database_must_be_reset() {
    let fake = server(Mode::HalfInitialized);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&client(), store, &address(&fake), &admin())
        .await
        .unwrap_err();
    assert_eq!(error, BootstrapError::UserAlreadyExists);
    assert!(error
        .advice()
        .unwrap()
        .contains("Reset the server's database"));
}

#[tokio::test]
async fn dropped_connection_after_the_request_is_rechecked_and_never_retried() {
    let fake = server(Mode::DropAfterRequest);
    let store = Arc::new(MemoryStore::default());
    let error = run_setup(&client(), store.clone(), &address(&fake), &admin())
        .await
        .unwrap_err();
    let BootstrapError::NoAnswer {
        initialized_now, ..
    } = &error
    else {
        panic!("expected no answer, got {error:?}");
    };
    assert_eq!(*initialized_now, Some(true));
    assert!(store.is_empty());
    assert_eq!(posts(&fake), 1, "the POST is never repeated");
}
