//! Tests of the clipboard timer with a fake clipboard and a short delay.

use super::*;

#[derive(Clone, Default)]
struct FakeClipboard(Arc<Mutex<Option<String>>>);

impl FakeClipboard {
    fn text(&self) -> Option<String> {
        self.0.lock().unwrap().clone()
    }
    fn set(&self, text: &str) {
        *self.0.lock().unwrap() = Some(text.into());
    }
}

impl SecretClipboard for FakeClipboard {
    fn write_secret(&self, text: &str) -> Result<(), String> {
        self.set(text);
        Ok(())
    }
    fn read_text(&self) -> Result<String, String> {
        self.text().ok_or_else(|| "empty".into())
    }
    fn clear(&self) -> Result<(), String> {
        *self.0.lock().unwrap() = None;
        Ok(())
    }
}

fn done_channel() -> (
    impl FnOnce(bool) + Send + 'static,
    tokio::sync::oneshot::Receiver<bool>,
) {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    (
        move |cleared| {
            let _ = sender.send(cleared);
        },
        receiver,
    )
}

#[tokio::test]
async fn the_token_is_cleared_after_the_delay() {
    let guard = ClipboardGuard::new(Duration::from_millis(50));
    let clipboard = FakeClipboard::default();
    let (on_done, done) = done_channel();
    guard
        .copy(clipboard.clone(), Token::new("tok-1"), on_done)
        .unwrap();
    assert_eq!(clipboard.text().as_deref(), Some("tok-1"));
    assert!(done.await.unwrap());
    assert_eq!(clipboard.text(), None);
}

#[tokio::test]
async fn something_copied_since_is_left_alone() {
    let guard = ClipboardGuard::new(Duration::from_millis(50));
    let clipboard = FakeClipboard::default();
    let (on_done, done) = done_channel();
    guard
        .copy(clipboard.clone(), Token::new("tok-1"), on_done)
        .unwrap();
    clipboard.set("the person's own text");
    assert!(!done.await.unwrap());
    assert_eq!(clipboard.text().as_deref(), Some("the person's own text"));
}

#[tokio::test]
async fn clear_now_empties_the_clipboard_and_stops_the_timer() {
    let guard = ClipboardGuard::new(Duration::from_millis(50));
    let clipboard = FakeClipboard::default();
    let (on_done, mut done) = done_channel();
    guard
        .copy(clipboard.clone(), Token::new("tok-1"), on_done)
        .unwrap();
    assert!(guard.clear_now(&clipboard));
    assert_eq!(clipboard.text(), None);
    assert!(!guard.clear_now(&clipboard), "nothing is pending any more");
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert!(done.try_recv().is_err(), "the timer had nothing to report");
}

#[tokio::test]
async fn a_new_copy_replaces_the_pending_one() {
    let guard = ClipboardGuard::new(Duration::from_millis(80));
    let clipboard = FakeClipboard::default();
    let (first_done, mut first) = done_channel();
    guard
        .copy(clipboard.clone(), Token::new("tok-1"), first_done)
        .unwrap();
    tokio::time::sleep(Duration::from_millis(40)).await;
    let (second_done, second) = done_channel();
    guard
        .copy(clipboard.clone(), Token::new("tok-2"), second_done)
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        clipboard.text().as_deref(),
        Some("tok-2"),
        "not cleared early"
    );
    assert!(first.try_recv().is_err());
    assert!(second.await.unwrap());
    assert_eq!(clipboard.text(), None);
}

#[test]
fn a_clipboard_that_does_not_hold_the_token_is_an_error() {
    struct Stubborn;
    impl SecretClipboard for Stubborn {
        fn write_secret(&self, _: &str) -> Result<(), String> {
            Ok(())
        }
        fn read_text(&self) -> Result<String, String> {
            Ok("other".into())
        }
        fn clear(&self) -> Result<(), String> {
            Ok(())
        }
    }
    let guard = ClipboardGuard::new(DEFAULT_CLEAR_AFTER);
    let error = guard
        .copy(Stubborn, Token::new("tok-1"), |_| {})
        .unwrap_err();
    assert_eq!(error, CopyError::NotHeld);
    assert!(!error.to_string().contains("tok-1"));
}
