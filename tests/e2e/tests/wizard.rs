//! End to end: the real app binary in a real WebKit window under Xvfb, driven over WebDriver
//! (tauri-driver in front of WebKitWebDriver), against the fake Infisical server, with the
//! token landing in a real Secret Service.
//!
//! `make test` runs this inside `xvfb-run` and `dbus-run-session` with an unlocked
//! gnome-keyring, and passes the app's path in `WIZARD_APP`. Screenshots of each step go to
//! `tests/e2e/artifacts/`.

mod support;

use fake_infisical::{FakeInfisical, Mode, Options};
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
            ("GET", "/api/status"),
            ("GET", "/api/v1/admin/config"),
            // The Review step's re-check, right before the one POST.
            ("GET", "/api/status"),
            ("GET", "/api/v1/admin/config"),
            ("POST", "/api/v1/admin/bootstrap"),
            ("GET", "/api/v1/admin/user-management/users"),
        ]
        .map(|(m, p)| (m.to_string(), p.to_string()))
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

    // The same server again: already set up, and the app says it holds its token.
    session.check_address(&fake.url(), "alreadySetUp").await;
    session
        .wait_for("#server-stored-token[data-stored='true']:not([hidden])")
        .await;
    session.screenshot("already-set-up-with-token").await;
    session.close().await;

    let searched = assert_no_secret_leaked("wizard", &[PASSWORD, &issued[0]]);
    assert!(
        searched >= 2,
        "the output log and the app's log file were searched"
    );
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn already_set_up_offers_another_instance() {
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .expect("fake server starts");
    let session = Session::start("wizard-states").await;
    let panel = session.check_address(&fake.url(), "alreadySetUp").await;
    assert!(panel.text().await.unwrap().contains("set up already"));
    session
        .wait_for("#server-stored-token[data-stored='false']:not([hidden])")
        .await;
    assert!(
        session
            .client
            .find(Css("#to-admin:not([hidden])"))
            .await
            .is_err(),
        "no way forward to the admin step"
    );
    session.screenshot("server-already-set-up").await;
    session.click("#server-another").await;
    session.wait_for("#server-status[hidden]").await;
    let address = session.wait_for("#server-address").await;
    assert_eq!(address.prop("value").await.unwrap().as_deref(), Some(""));
    assert_eq!(fake.bootstrap_posts(), 0);
    session.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn starting_up_can_be_waited_for_or_cancelled() {
    let fake = FakeInfisical::start(Options {
        mode: Mode::StartingUp,
        ..Options::default()
    })
    .expect("fake server starts");
    let session = Session::start("wizard-states").await;
    session.check_address(&fake.url(), "startingUp").await;
    session.screenshot("server-starting-up").await;

    // Wait, then cancel: the spinner ends and the panel says so.
    session.click("#server-wait").await;
    session
        .wait_for("#server-wait-progress[data-attempt]:not([hidden])")
        .await;
    session.screenshot("server-waiting").await;
    session.click("#server-cancel-wait").await;
    session
        .wait_for("#server-status[data-state='cancelled']")
        .await;
    session.wait_for("#check-server:not([aria-busy])").await;

    // Wait again; the server finishes its migrations meanwhile.
    session.click("#check-server").await;
    session
        .wait_for("#server-status[data-state='startingUp']")
        .await;
    session.click("#server-wait").await;
    session
        .wait_for("#server-wait-progress[data-attempt]:not([hidden])")
        .await;
    fake.set_mode(Mode::Normal);
    session.wait_for("#server-status[data-state='ready']").await;
    session
        .wait_for("#to-admin:not([hidden]):not([disabled])")
        .await;
    session.screenshot("server-ready-after-wait").await;
    session.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn each_failure_state_shows_its_own_panel() {
    let session = Session::start("wizard-states").await;

    let page = FakeInfisical::start(Options {
        mode: Mode::HtmlEverywhere,
        ..Options::default()
    })
    .unwrap();
    session.check_address(&page.url(), "notInfisicalPage").await;
    session.screenshot("server-web-page").await;

    let redirect = FakeInfisical::start(Options {
        mode: Mode::Redirect301,
        ..Options::default()
    })
    .unwrap();
    session.check_address(&redirect.url(), "redirect").await;
    session.wait_for("#server-use-https:not([hidden])").await;
    session.screenshot("server-redirect").await;
    // One click puts the https address in the field and checks it (nothing speaks TLS there).
    session.click("#server-use-https").await;
    session
        .wait_for("#server-status[data-state='tlsFailure']")
        .await;
    session.screenshot("server-https-port-speaks-http").await;
    let field = session.wait_for("#server-address").await;
    let value = field.prop("value").await.unwrap().unwrap_or_default();
    assert!(value.starts_with("https://127.0.0.1:"), "{value}");

    let ca = fake_infisical::pki::TestCa::new().unwrap();
    let tls =
        FakeInfisical::start_tls(Options::default(), ca.leaf(&["localhost"]).unwrap()).unwrap();
    session.check_address(&tls.url(), "tlsFailure").await;
    session.wait_for("#server-choose-ca:not([hidden])").await;
    let field = session.wait_for("#server-address").await;
    let value = field.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(value, tls.url());
    session.screenshot("server-tls-unknown-issuer").await;

    let maintenance = FakeInfisical::start(Options {
        mode: Mode::Maintenance,
        ..Options::default()
    })
    .unwrap();
    session
        .check_address(&maintenance.url(), "maintenance")
        .await;
    session.screenshot("server-maintenance").await;

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    session
        .check_address(&format!("http://127.0.0.1:{port}"), "connectionRefused")
        .await;
    session.wait_for("#server-retry:not([hidden])").await;
    session.screenshot("server-refused").await;
    session.close().await;
}
