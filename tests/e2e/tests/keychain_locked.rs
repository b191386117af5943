//! End to end with a locked keychain: the bootstrap succeeds, the keychain refuses the
//! token, and the window keeps it on screen, copyable, with the reason and a retry.
//!
//! `make test` runs this with `KEYRING=locked scripts/with-desktop-session.sh`.

mod support;

use fake_infisical::{FakeInfisical, Options};
use fantoccini::Locator::Css;

use support::{assert_no_secret_leaked, clipboard_text, keychain_secret_for, Session};

const PASSWORD: &str = "Locked-Keyring-42-Staple";

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a locked Secret Service and tauri-driver: run through `make test`"]
async fn locked_keychain_keeps_the_token_on_screen_and_copyable() {
    let fake = FakeInfisical::start(Options::default()).expect("fake server starts");
    let session = Session::start("keychain-locked").await;
    session
        .run_wizard(&fake.url(), "Locked Org", PASSWORD, "locked-")
        .await;

    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='notSaved']")
        .await;
    let issued = fake.issued_tokens();
    let reason = session
        .client
        .find(Css("#done-custody-text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(reason.contains("the keychain is locked"), "{reason}");
    let shown = session
        .client
        .find(Css("#token-text"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        shown.as_deref(),
        Some(issued[0].as_str()),
        "the token is on screen"
    );
    session.screenshot("locked-4-done").await;

    session.click("#retry-save").await;
    session.wait_for("#copy-status[data-tone='error']").await;
    session.click("#copy-token").await;
    session.wait_for("#copy-status[data-tone='success']").await;
    assert_eq!(clipboard_text().as_deref(), Some(issued[0].as_str()));
    assert_eq!(
        keychain_secret_for(&fake.url()),
        None,
        "nothing claims the keychain has it"
    );

    session.click("#start-over").await;
    session.wait_for("#start-over-confirm:not([hidden])").await;
    session.screenshot("locked-5-start-over").await;
    session.close().await;
    assert_no_secret_leaked("keychain-locked", &[PASSWORD]);
}
