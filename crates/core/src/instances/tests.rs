//! Tests of the overview and of the actions on one instance, over an in-memory store.

use super::*;
use crate::history::now_rfc3339;
use crate::token_store::MemoryStore;

fn record(server: &str, organization_id: &str, email: &str) -> InstanceRecord {
    InstanceRecord {
        server: server.into(),
        organization_name: format!("Org {organization_id}"),
        organization_slug: "org".into(),
        organization_id: organization_id.into(),
        admin_email: email.into(),
        identity_id: "identity-1".into(),
        identity_name: "Instance Admin Identity".into(),
        set_up_at: now_rfc3339(),
        token_expires_at: None,
        ca_certificate: None,
    }
}

fn remember(history: &History, store: &MemoryStore, record: InstanceRecord, token: &str) {
    store.set(&record.token_key(), &Token::new(token)).unwrap();
    history.add(record).unwrap();
}

#[test]
fn only_the_older_record_of_a_server_is_stale() {
    let records = [
        record("https://a.example.com", "org-1", "x@example.com"),
        record("https://b.example.com", "org-2", "x@example.com"),
        record("https://a.example.com", "org-3", "x@example.com"),
    ];
    assert_eq!(stale_flags(&records), vec![true, false, false]);
}

#[test]
fn overview_lists_newest_first_with_token_state_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    let store = MemoryStore::default();
    remember(
        &history,
        &store,
        record("https://a.example.com", "org-1", "first@example.com"),
        "token-1",
    );
    history
        .add(record("https://b.example.com", "org-2", "last@example.com"))
        .unwrap();
    let overview = overview(&history, &store).unwrap();
    let servers: Vec<_> = overview
        .instances
        .iter()
        .map(|i| i.record.server.as_str())
        .collect();
    assert_eq!(servers, ["https://b.example.com", "https://a.example.com"]);
    assert_eq!(overview.instances[0].token, TokenState::Missing);
    assert_eq!(overview.instances[1].token, TokenState::Present);
    let suggestion = overview.suggestion.unwrap();
    assert_eq!(suggestion.admin_email, "last@example.com");
    assert_eq!(suggestion.organization_name, "Org org-2");
}

#[test]
fn token_of_reads_the_right_entry_and_reports_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    let store = MemoryStore::default();
    remember(
        &history,
        &store,
        record("https://a.example.com", "org-1", "x@example.com"),
        "token-1",
    );
    remember(
        &history,
        &store,
        record("https://a.example.com", "org-2", "x@example.com"),
        "token-2",
    );
    let token = token_of(&history, &store, "https://a.example.com", "org-1").unwrap();
    assert_eq!(token.expose(), "token-1");
    store
        .delete(&TokenKey::new("https://a.example.com", "org-2"))
        .unwrap();
    assert!(matches!(
        token_of(&history, &store, "https://a.example.com", "org-2"),
        Err(InstanceError::TokenMissing)
    ));
}

#[test]
fn an_unknown_instance_is_never_read_from_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    let store = MemoryStore::default();
    store
        .set(
            &TokenKey::new("https://a.example.com", "org-1"),
            &Token::new("token-1"),
        )
        .unwrap();
    assert!(matches!(
        token_of(&history, &store, "https://a.example.com", "org-1"),
        Err(InstanceError::Unknown { .. })
    ));
}

#[test]
fn forget_removes_one_entry_and_one_record_only() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    let store = MemoryStore::default();
    remember(
        &history,
        &store,
        record("https://a.example.com", "org-1", "x@example.com"),
        "token-1",
    );
    remember(
        &history,
        &store,
        record("https://a.example.com", "org-2", "x@example.com"),
        "token-2",
    );
    forget(&history, &store, "https://a.example.com", "org-1").unwrap();
    let left = history.load().unwrap().instances;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].organization_id, "org-2");
    assert_eq!(store.len(), 1);
    assert!(matches!(
        forget(&history, &store, "https://a.example.com", "org-1"),
        Err(InstanceError::Unknown { .. })
    ));
}

#[test]
fn records_of_server_finds_the_ones_a_new_setup_would_replace() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    history
        .add(record("https://a.example.com", "org-1", "x@example.com"))
        .unwrap();
    history
        .add(record("https://b.example.com", "org-2", "x@example.com"))
        .unwrap();
    let found = records_of_server(&history, "https://a.example.com").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].organization_id, "org-1");
}
