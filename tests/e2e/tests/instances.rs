//! End to end: several instances in the real window. Two instances are set up against two
//! fake servers, each token is copied and read back from the X11 clipboard with xclip, the
//! automatic clear is watched (shortened to 3 seconds), a token is revealed and checked,
//! Open hands the address to the desktop's browser, and one instance is forgotten.
//!
//! `make test` runs this like `wizard.rs`: under Xvfb, D-Bus and an unlocked gnome-keyring.

mod support;

use std::time::{Duration, Instant};

use fake_infisical::{FakeInfisical, Options};
use fantoccini::Locator::Css;

use support::{assert_no_secret_leaked, clipboard_text, keychain_secret_for, Session};

const PASSWORD: &str = "Correct-Horse-42-Staple";

/// Waits until exactly `count` instance rows are listed.
async fn wait_for_rows(session: &Session, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let rows = session
            .client
            .find_all(Css("#home:not([hidden]) #instance-list li.instance"))
            .await
            .unwrap();
        if rows.len() == count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{count} rows expected, {} shown",
            rows.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Makes a recording "browser" the desktop's handler for http and https links, the standard
/// way (a desktop entry and mimeapps.list in the session's XDG directories), and returns the
/// file it appends each opened address to.
fn install_recording_browser(root: &std::path::Path) -> std::path::PathBuf {
    let data = std::env::var("XDG_DATA_HOME").expect("the session sets XDG_DATA_HOME");
    let config = std::env::var("XDG_CONFIG_HOME").expect("the session sets XDG_CONFIG_HOME");
    let opened = root.join("opened.txt");
    let script = root.join("recording-browser.sh");
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\n", opened.display()),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    let applications = std::path::Path::new(&data).join("applications");
    std::fs::create_dir_all(&applications).unwrap();
    std::fs::write(
        applications.join("recording-browser.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Recording browser\nExec={} %u\n\
             MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
            script.display()
        ),
    )
    .unwrap();
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        std::path::Path::new(&config).join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=recording-browser.desktop\n\
         x-scheme-handler/https=recording-browser.desktop\n",
    )
    .unwrap();
    opened
}

/// Finishes a setup and opens the list of instances.
async fn set_up(session: &Session, server: &str, organization: &str, prefix: &str) {
    session
        .run_wizard(server, organization, PASSWORD, prefix)
        .await;
    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='saved']")
        .await;
    session.click("#to-home").await;
}

/// Copies one row's token, checks the clipboard holds it, then waits for the auto-clear.
async fn copy_and_watch_the_clear(session: &Session, server: &str, token: &str, shot: &str) {
    session
        .click(&format!("li.instance[data-server='{server}'] .copy-token"))
        .await;
    let status = session
        .wait_for(&format!(
            "li.instance[data-server='{server}'] .instance-status[data-tone='success']"
        ))
        .await;
    assert!(status.text().await.unwrap().contains("copied"));
    session
        .wait_for("#clipboard-bar[data-state='counting']")
        .await;
    assert_eq!(clipboard_text().as_deref(), Some(token));
    session.screenshot(shot).await;

    session
        .wait_for("#clipboard-bar[data-state='cleared']")
        .await;
    assert_ne!(
        clipboard_text().as_deref(),
        Some(token),
        "cleared after the delay"
    );
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn two_instances_are_copied_cleared_and_one_is_forgotten() {
    let data = std::env::temp_dir().join(format!("instances-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_dir = data.to_string_lossy().into_owned();
    let opened = install_recording_browser(&data.join("browser"));
    let staging = FakeInfisical::start(Options::default()).expect("fake server starts");
    let production = FakeInfisical::start(Options::default()).expect("fake server starts");
    let session = Session::start_with_env(
        "instances",
        &[
            ("INFISICAL_BOOTSTRAP_CLIPBOARD_SECONDS", "3"),
            ("INFISICAL_BOOTSTRAP_DATA_DIR", &data_dir),
        ],
    )
    .await;

    // 1. Two instances against two servers.
    set_up(&session, &staging.url(), "Staging", "instances-a-").await;
    wait_for_rows(&session, 1).await;
    session.click("#new-instance").await;
    let email = session.wait_for("#email").await;
    assert_eq!(
        email.prop("value").await.unwrap().as_deref(),
        Some("admin@example.com"),
        "the last admin email is suggested"
    );
    assert_eq!(
        session
            .wait_for("#organization")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Staging"),
        "the last organization is suggested"
    );
    // The second setup: step 1 by hand, then the suggestions are replaced.
    session
        .type_into("#server-address", &production.url())
        .await;
    session.click("#check-server").await;
    session.wait_for("#server-status[data-state='ready']").await;
    session.click("#to-admin").await;
    let password = session.wait_for("#password").await;
    assert_eq!(
        password.prop("value").await.unwrap().as_deref(),
        Some(""),
        "the password is never remembered"
    );
    session.wait_for("#email").await.clear().await.unwrap();
    session
        .wait_for("#organization")
        .await
        .clear()
        .await
        .unwrap();
    session.type_into("#email", "admin@example.com").await;
    session.type_into("#password", PASSWORD).await;
    session.type_into("#confirm-password", PASSWORD).await;
    session.type_into("#organization", "Production").await;
    session.click("#to-review").await;
    session.click("#run-bootstrap").await;
    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='saved']")
        .await;
    session.click("#to-home").await;
    wait_for_rows(&session, 2).await;
    session.screenshot("instances-home").await;

    // 2. Copy each token; the clipboard holds it, then is cleared automatically.
    let staging_token = staging.issued_tokens()[0].clone();
    let production_token = production.issued_tokens()[0].clone();
    copy_and_watch_the_clear(&session, &staging.url(), &staging_token, "instances-copied").await;
    copy_and_watch_the_clear(
        &session,
        &production.url(),
        &production_token,
        "instances-copied-2",
    )
    .await;

    // Reveal shows this row's own token for a few seconds, then hides it; Check asks the
    // server, which accepts it.
    let row = format!("li.instance[data-server='{}']", production.url());
    session.click(&format!("{row} .reveal-token")).await;
    let shown = session
        .wait_for(&format!("{row} .instance-token:not([hidden])"))
        .await;
    assert_eq!(shown.text().await.unwrap(), production_token);
    session.screenshot("instances-revealed").await;
    session
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(fantoccini::Locator::Css(&format!(
            "{row} .instance-token[hidden]"
        )))
        .await
        .expect("the revealed token is hidden again");
    session.click(&format!("{row} .check-token")).await;
    session
        .wait_for(&format!("{row}[data-check='accepted']"))
        .await;

    // Open hands the instance's address to the desktop's browser.
    session.click(&format!("{row} .open-instance")).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&opened)
        .unwrap_or_default()
        .contains(&production.url())
    {
        assert!(
            Instant::now() < deadline,
            "the browser was not asked to open the instance"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // 3. Forget the staging instance, after confirming.
    session
        .click(&format!(
            "li.instance[data-server='{}'] .forget",
            staging.url()
        ))
        .await;
    session.screenshot("instances-forget-confirm").await;
    session
        .click(".forget-confirm .forget-confirm-button")
        .await;
    wait_for_rows(&session, 1).await;
    assert_eq!(keychain_secret_for(&staging.url()), None);
    assert_eq!(
        keychain_secret_for(&production.url()).as_deref(),
        Some(production_token.as_str())
    );
    let history = std::fs::read_to_string(data.join("instances.json")).unwrap();
    assert!(!history.contains(&staging.url()));
    assert!(history.contains(&production.url()));
    session.screenshot("instances-after-forget").await;
    session.close().await;

    assert_no_secret_leaked("instances", &[PASSWORD, &staging_token, &production_token]);
    let _ = std::fs::remove_dir_all(&data);
}
