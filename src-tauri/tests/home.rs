//! The home screen's commands over real IPC on the mock runtime: two instances, a
//! re-bootstrap after a server reset, a token deleted behind the app's back, and forgetting.

mod support;

use bootstrap_core::{History, InstanceRecord, TokenKey, TokenStore};
use fake_infisical::{FakeInfisical, Options};
use serde_json::{json, Value};
use support::{form, harness, invoke, Harness};

fn bootstrap(h: &Harness, fake: &FakeInfisical, organization: &str) {
    invoke(
        &h.window,
        "run_bootstrap",
        json!({"server": fake.url(), "form": form("admin@example.com", organization), "httpConsent": false}),
    )
    .expect("the bootstrap succeeds");
}

fn records(h: &Harness) -> Vec<InstanceRecord> {
    History::in_dir(h.data.path().join("history"))
        .load()
        .unwrap()
        .instances
}

fn id(record: &InstanceRecord) -> Value {
    json!({"server": record.server, "organizationId": record.organization_id})
}

#[test]
fn an_empty_history_lists_nothing() {
    let h = harness();
    assert_eq!(
        invoke(&h.window, "list_instances", json!({})).unwrap(),
        json!({"instances": []})
    );
}

#[test]
fn two_instances_are_listed_newest_first_with_their_own_tokens() {
    let h = harness();
    let (staging, production) = (
        FakeInfisical::start(Options::default()).unwrap(),
        FakeInfisical::start(Options::default()).unwrap(),
    );
    bootstrap(&h, &staging, "Staging");
    bootstrap(&h, &production, "Production");
    let listed = invoke(&h.window, "list_instances", json!({})).unwrap();
    let rows = listed["instances"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["organizationName"], json!("Production"));
    assert_eq!(rows[0]["token"], json!({"status": "present"}));
    assert_eq!(rows[1]["stale"], json!(false));
    assert_eq!(
        listed["suggestion"],
        json!({"adminEmail": "admin@example.com", "organizationName": "Production"})
    );
    assert!(!listed.to_string().contains(&staging.issued_tokens()[0]));

    let saved = records(&h);
    let revealed = invoke(&h.window, "reveal_instance_token", id(&saved[0])).unwrap();
    assert_eq!(revealed, json!({"token": staging.issued_tokens()[0]}));
    let revealed = invoke(&h.window, "reveal_instance_token", id(&saved[1])).unwrap();
    assert_eq!(revealed, json!({"token": production.issued_tokens()[0]}));
}

#[test]
fn a_rebootstrap_after_a_reset_keeps_the_old_entry_and_marks_it_stale() {
    let h = harness();
    let before = FakeInfisical::start(Options::default()).unwrap();
    let port = before.url().rsplit(':').next().unwrap().parse().unwrap();
    bootstrap(&h, &before, "Acme");
    let old_token = before.issued_tokens()[0].clone();
    drop(before);

    // The same address, reset: a fresh server on the same port.
    let after = FakeInfisical::start_with(Options::default(), port, false).unwrap();
    let known = invoke(
        &h.window,
        "instances_of_server",
        json!({"address": format!("{}/", after.url())}),
    )
    .unwrap();
    assert_eq!(known.as_array().unwrap().len(), 1, "asked before the POST");
    bootstrap(&h, &after, "Acme");

    let saved = records(&h);
    assert_eq!(saved.len(), 2);
    assert_ne!(saved[0].organization_id, saved[1].organization_id);
    let old = h.store.get(&saved[0].token_key()).unwrap().unwrap();
    assert_eq!(old.expose(), old_token, "the old entry is untouched");
    let listed = invoke(&h.window, "list_instances", json!({})).unwrap();
    assert_eq!(listed["instances"][0]["stale"], json!(false));
    assert_eq!(listed["instances"][1]["stale"], json!(true));

    let checked = invoke(&h.window, "check_instance_token", id(&saved[1])).unwrap();
    assert_eq!(checked["result"], json!("accepted"));
}

#[test]
fn a_token_deleted_behind_the_apps_back_is_reported_as_missing() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    bootstrap(&h, &fake, "Acme");
    let saved = records(&h);
    h.store.delete(&saved[0].token_key()).unwrap();

    let listed = invoke(&h.window, "list_instances", json!({})).unwrap();
    assert_eq!(
        listed["instances"][0]["token"],
        json!({"status": "missing"})
    );
    for command in [
        "copy_instance_token",
        "reveal_instance_token",
        "check_instance_token",
    ] {
        let error = invoke(&h.window, command, id(&saved[0])).unwrap_err();
        assert_eq!(
            error,
            json!({"kind": "tokenMissing",
                   "message": "Token missing from the keychain: it was deleted outside this app."}),
            "{command}"
        );
    }
}

#[test]
fn forget_deletes_one_entry_and_one_record() {
    let h = harness();
    let (one, two) = (
        FakeInfisical::start(Options::default()).unwrap(),
        FakeInfisical::start(Options::default()).unwrap(),
    );
    bootstrap(&h, &one, "One");
    bootstrap(&h, &two, "Two");
    let saved = records(&h);
    invoke(&h.window, "forget_instance", id(&saved[0])).unwrap();
    assert!(h.store.get(&saved[0].token_key()).unwrap().is_none());
    assert!(h.store.get(&saved[1].token_key()).unwrap().is_some());
    assert_eq!(records(&h), vec![saved[1].clone()]);
}

#[test]
fn an_unknown_instance_is_refused_by_every_command() {
    let h = harness();
    let key = TokenKey::new("https://elsewhere.example.com", "org-1");
    h.store
        .set(&key, &bootstrap_core::Token::new("not-for-the-page"))
        .unwrap();
    let unknown = json!({"server": "https://elsewhere.example.com", "organizationId": "org-1"});
    for command in [
        "copy_instance_token",
        "reveal_instance_token",
        "check_instance_token",
        "open_instance",
        "forget_instance",
    ] {
        let error = invoke(&h.window, command, unknown.clone()).unwrap_err();
        assert_eq!(error["kind"], json!("unknownInstance"), "{command}");
    }
    assert!(h.store.get(&key).unwrap().is_some(), "nothing was deleted");
}

#[test]
fn copy_says_copied_only_when_the_clipboard_holds_the_token() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    bootstrap(&h, &fake, "Acme");
    let saved = records(&h);
    // Without a display the clipboard fails; with one, the copy is checked by reading back.
    match invoke(&h.window, "copy_instance_token", id(&saved[0])) {
        Ok(copied) => {
            assert_eq!(copied, json!({"clearAfterSeconds": 45}));
            assert_eq!(
                invoke(&h.window, "clear_clipboard", json!({})).unwrap(),
                json!(true)
            );
        }
        Err(error) => {
            assert_eq!(error["kind"], json!("clipboard"));
            assert!(!error.to_string().contains(&fake.issued_tokens()[0]));
        }
    }
    assert_eq!(
        invoke(&h.window, "clear_clipboard", json!({})).unwrap(),
        json!(false),
        "nothing is pending"
    );
}
