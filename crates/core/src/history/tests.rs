//! Tests of the history file: round trips, atomic replacement and corrupted files.

use super::*;

fn record(server: &str, organization_id: &str) -> InstanceRecord {
    InstanceRecord {
        server: server.into(),
        organization_name: "Acme".into(),
        organization_slug: "acme-v99c".into(),
        organization_id: organization_id.into(),
        admin_email: "admin@example.com".into(),
        identity_id: "identity-1".into(),
        identity_name: "Instance Admin Identity".into(),
        set_up_at: now_rfc3339(),
        token_expires_at: None,
        ca_certificate: Some(PathBuf::from("/etc/ssl/private-ca.pem")),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_file_is_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = History::in_dir(dir.path().join("not-yet")).load().unwrap();
    assert!(loaded.instances.is_empty());
    assert!(loaded.set_aside.is_none());
}

#[test]
fn a_record_survives_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path().join("nested"));
    let written = record("https://a.example.com", "org-a");
    assert_eq!(history.add(written.clone()).unwrap(), None);
    assert_eq!(history.load().unwrap().instances, vec![written]);
}

#[test]
fn writing_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    history
        .add(record("https://a.example.com", "org-a"))
        .unwrap();
    history
        .add(record("https://b.example.com", "org-b"))
        .unwrap();
    assert_eq!(files_in(dir.path()), vec![FILE_NAME.to_owned()]);
}

#[test]
fn two_instances_are_kept_in_order_and_a_repeat_replaces_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    history
        .add(record("https://a.example.com", "org-a"))
        .unwrap();
    history
        .add(record("https://b.example.com", "org-b"))
        .unwrap();
    let mut again = record("https://a.example.com", "org-a");
    again.organization_name = "Acme Again".into();
    history.add(again).unwrap();
    let servers: Vec<(String, String)> = history
        .load()
        .unwrap()
        .instances
        .into_iter()
        .map(|r| (r.server, r.organization_name))
        .collect();
    assert_eq!(
        servers,
        vec![
            ("https://b.example.com".into(), "Acme".into()),
            ("https://a.example.com".into(), "Acme Again".into())
        ]
    );
}

#[test]
fn a_corrupted_file_is_set_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    fs::write(history.path(), b"{\"version\":1,\"instances\":[{").unwrap();
    let loaded = history.load().unwrap();
    assert!(loaded.instances.is_empty());
    let moved_to = loaded.set_aside.expect("the file is set aside").moved_to;
    let name = moved_to.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("instances.json.corrupt-"), "{name}");
    assert_eq!(
        fs::read(&moved_to).unwrap(),
        b"{\"version\":1,\"instances\":[{"
    );
    assert!(!history.path().exists());

    history
        .add(record("https://a.example.com", "org-a"))
        .unwrap();
    assert_eq!(history.load().unwrap().instances.len(), 1);
}

#[test]
fn adding_over_a_corrupted_file_reports_the_move() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    fs::write(history.path(), b"").unwrap();
    let set_aside = history
        .add(record("https://a.example.com", "org-a"))
        .unwrap()
        .expect("the empty file is set aside");
    assert!(set_aside.to_string().contains("corrupt-"), "{set_aside}");
    assert_eq!(files_in(dir.path()).len(), 2);
}

#[test]
fn removing_drops_only_that_instance() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    history
        .add(record("https://a.example.com", "org-a"))
        .unwrap();
    history
        .add(record("https://b.example.com", "org-b"))
        .unwrap();
    let key = TokenKey::new("https://a.example.com", "org-a");
    assert_eq!(history.remove(&key).unwrap(), 1);
    assert_eq!(history.remove(&key).unwrap(), 0);
    let left = history.load().unwrap().instances;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].server, "https://b.example.com");
}

#[test]
fn the_file_holds_camel_case_keys_and_no_token() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    history
        .add(record("https://a.example.com", "org-a"))
        .unwrap();
    let text = fs::read_to_string(history.path()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    let keys: Vec<&String> = json["instances"][0].as_object().unwrap().keys().collect();
    assert!(keys.iter().any(|k| *k == "setUpAt"), "{keys:?}");
    assert!(!text.to_lowercase().contains("token\""), "{text}");
}

#[test]
fn timestamps_are_rfc3339_utc_to_the_second() {
    let stamp = now_rfc3339();
    assert_eq!(stamp.len(), "2026-12-03T18:00:06Z".len(), "{stamp}");
    assert!(stamp.ends_with('Z'));
}
