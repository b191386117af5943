//! The whole wizard with the keyboard alone, in the real window: every key goes to whatever
//! has the focus (WebDriver key actions, no clicks and no typing into a chosen element), and
//! the focus gets to each control by Tab or Shift+Tab.

mod support;

use fake_infisical::{FakeInfisical, Options};
use fantoccini::key::Key;

use support::{clipboard_text, keychain_secret_for, Session};

const PASSWORD: &str = "Keyboard-Only-Setup-77";

async fn value_of(session: &Session, id: &str) -> String {
    let field = session.wait_for(&format!("#{id}")).await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

/// Waits until the hints show exactly `met` as ticked and `unmet` as not yet met.
async fn assert_rules(session: &Session, met: &[&str], unmet: &[&str]) {
    let rule =
        |id: &str, state: bool| format!("#password-rules li[data-rule='{id}'][data-met='{state}']");
    for id in met {
        session.wait_for(&rule(id, true)).await;
    }
    for id in unmet {
        session.wait_for(&rule(id, false)).await;
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn the_wizard_can_be_finished_with_the_keyboard_alone() {
    let fake = FakeInfisical::start(Options::default()).expect("fake server starts");
    let session = Session::start("keyboard").await;

    // Step 1: the cursor starts in the address field; Enter checks the server.
    session.wait_for("#server-address").await;
    assert_eq!(session.focused_id().await, "server-address");
    session.press(&fake.url()).await;
    session.press_key(Key::Enter).await;
    session.wait_for("#server-status[data-state='ready']").await;
    session.tab_to("to-admin").await;
    session.press_key(Key::Enter).await;

    // Step 2: the focus is on the step's heading. Continuing with nothing filled in moves
    // the focus to the error summary, whose links lead to the fields.
    session
        .wait_for("section[data-step='2']:not([hidden])")
        .await;
    assert_eq!(session.focused_id().await, "admin-heading");
    session.tab_to("to-review").await;
    session.press_key(Key::Enter).await;
    session.wait_for("#admin-errors:not([hidden])").await;
    assert_eq!(session.focused_id().await, "admin-errors");
    session.press_key(Key::Tab).await;
    session.press_key(Key::Enter).await;
    assert_eq!(
        session.focused_id().await,
        "email",
        "the summary's first link leads to the email field"
    );

    session.press("admin@example.com").await;
    session.tab_to("password").await;
    // The rules' hints tick off as they are met, and only those.
    session.press("aaaa! ").await;
    assert_rules(
        &session,
        &["letter", "digitOrSymbol"],
        &["length", "noRepeats", "noEdgeSpaces"],
    )
    .await;
    session
        .press(&char::from(Key::Backspace).to_string().repeat(6))
        .await;
    session.press(PASSWORD).await;
    assert_rules(
        &session,
        &[
            "length",
            "letter",
            "digitOrSymbol",
            "noRepeats",
            "noEdgeSpaces",
            "noControl",
        ],
        &[],
    )
    .await;
    // Show and hide the passwords with the keyboard.
    session.tab_to("toggle-password").await;
    session.press(" ").await;
    session.wait_for("#password[type='text']").await;
    session.press(" ").await;
    session.wait_for("#password[type='password']").await;
    session.tab_to("confirm-password").await;
    session.press(PASSWORD).await;
    session.tab_to("organization").await;
    session.press("Acme Keys").await;
    session
        .wait_for("#password-rules li:last-child[data-met='true']")
        .await;
    // Enter in the last field submits the step.
    session.press_key(Key::Enter).await;

    // Step 3: Back keeps what was typed; Continue returns to the review.
    session
        .wait_for("section[data-step='3']:not([hidden]) #run-bootstrap")
        .await;
    assert_eq!(session.focused_id().await, "review-heading");
    session.tab_to("back-to-admin").await;
    session.press_key(Key::Enter).await;
    session
        .wait_for("section[data-step='2']:not([hidden])")
        .await;
    assert_eq!(value_of(&session, "email").await, "admin@example.com");
    assert_eq!(value_of(&session, "organization").await, "Acme Keys");
    session.tab_to("to-review").await;
    session.press_key(Key::Enter).await;
    session
        .wait_for("section[data-step='3']:not([hidden]) #run-bootstrap")
        .await;
    session.tab_to("run-bootstrap").await;
    session.press_key(Key::Enter).await;

    // Step 4: saved in the keychain; Space on Copy token puts it on the clipboard.
    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='saved']")
        .await;
    assert_eq!(session.focused_id().await, "done-heading");
    let issued = fake.issued_tokens();
    assert_eq!(issued.len(), 1);
    assert_eq!(fake.bootstrap_posts(), 1);
    assert_eq!(
        keychain_secret_for(&fake.url()).as_deref(),
        Some(issued[0].as_str())
    );
    session.tab_to("copy-token").await;
    session.press(" ").await;
    session.wait_for("#copy-status[data-tone='success']").await;
    assert_eq!(clipboard_text().as_deref(), Some(issued[0].as_str()));
    session.close().await;
}
