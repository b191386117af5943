//! End to end: the real app binary in a real WebKit window under Xvfb, driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), against the fake Infisical server, with the
//! token landing in a real Secret Service.
//!
//! `make test` runs this inside `xvfb-run` and `dbus-run-session` with an unlocked
//! gnome-keyring, and passes the app's path in `WIZARD_APP`. Screenshots of each step go to
//! `tests/e2e/artifacts/`.

mod support;

use fake_infisical::{FakeInfisical, Options};
use fantoccini::Locator::Css;

use support::{assert_no_secret_leaked, clipboard_text, keychain_secret_for, Session};

const PASSWORD: &str = "Correct-Horse-42-Staple";

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn wizard_bootstraps_a_fresh_instance_and_keeps_the_token_in_the_keychain() {
    let fake = FakeInfisical::start(Options::default()).expect("fake server starts");
    let session = Session::start("wizard").await;
    // The address as an admin might paste it, with the /api/ suffix.
    let pasted = format!("{}/api/", fake.url());
    session.run_wizard(&pasted, "Acme E2E", PASSWORD, "").await;

    // Step 4: done, with the token in the keychain.
    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='saved']")
        .await;
    let organization = session
        .client
        .find(Css("#done-organization"))
        .await
        .unwrap();
    assert!(organization.text().await.unwrap().contains("Acme E2E"));
    session.screenshot("4-done").await;

    let issued = fake.issued_tokens();
    assert_eq!(issued.len(), 1);
    assert_eq!(fake.bootstrap_posts(), 1, "exactly one bootstrap POST");
    let methods: Vec<(String, String)> = fake
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(
        methods,
        [
            ("GET".to_string(), "/api/status".to_string()),
            ("GET".to_string(), "/api/v1/admin/config".to_string()),
            ("POST".to_string(), "/api/v1/admin/bootstrap".to_string()),
            (
                "GET".to_string(),
                "/api/v1/admin/user-management/users".to_string()
            ),
        ]
    );
    assert_eq!(
        keychain_secret_for(&fake.url()).as_deref(),
        Some(issued[0].as_str())
    );

    // Copy: the clipboard must hold the token while the app is still running.
    session.click("#copy-token").await;
    let copied = session.wait_for("#copy-status[data-tone='success']").await;
    assert!(copied
        .text()
        .await
        .unwrap()
        .to_lowercase()
        .contains("copied"));
    assert_eq!(clipboard_text().as_deref(), Some(issued[0].as_str()));

    // Set up another instance: back to step 1, the keychain untouched.
    session.click("#start-over").await;
    session.wait_for("#server-address").await;
    assert_eq!(
        keychain_secret_for(&fake.url()).as_deref(),
        Some(issued[0].as_str())
    );
    session.close().await;

    let searched = assert_no_secret_leaked("wizard", &[PASSWORD, &issued[0]]);
    assert!(
        searched >= 2,
        "the output log and the app's log file were searched"
    );
}
