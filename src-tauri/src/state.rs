//! What the app keeps between commands.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bootstrap_core::clipboard::{clear_after_from_env, ClipboardGuard};
use bootstrap_core::wait::{CancellationToken, WaitPolicy};
use bootstrap_core::{
    History, HttpClient, InstanceRecord, ServerSettings, SetupOutcome, TokenStore,
};
use tracing::warn;

/// Managed state: one HTTP client, the token store, the per-server settings, the history of
/// set-up instances, the wait in progress, the token last copied to the clipboard, and the
/// outcome of the last setup, whose token stays in memory until the person starts over.
pub struct AppState {
    pub(crate) client: HttpClient,
    pub(crate) store: Arc<dyn TokenStore>,
    pub(crate) settings: ServerSettings,
    pub(crate) wait_policy: WaitPolicy,
    waiting: Mutex<Option<CancellationToken>>,
    history: Option<History>,
    pub(crate) clipboard: ClipboardGuard,
    last: Mutex<Option<SetupOutcome>>,
    running: AtomicBool,
}

impl AppState {
    /// State over `client`, `store` and the settings file `settings`.
    pub fn new(client: HttpClient, store: Arc<dyn TokenStore>, settings: ServerSettings) -> Self {
        Self {
            client,
            store,
            settings,
            wait_policy: WaitPolicy::default(),
            waiting: Mutex::new(None),
            history: None,
            clipboard: ClipboardGuard::new(clear_after_from_env()),
            last: Mutex::new(None),
            running: AtomicBool::new(false),
        }
    }

    /// The same state, recording each successful setup in `history`.
    pub fn with_history(self, history: History) -> Self {
        Self {
            history: Some(history),
            ..self
        }
    }

    /// The same state, clearing a copied token from the clipboard after `delay`.
    pub fn with_clipboard_delay(self, delay: Duration) -> Self {
        Self {
            clipboard: ClipboardGuard::new(delay),
            ..self
        }
    }

    /// The history, if a data directory was found for it.
    pub(crate) fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Adds a finished setup to the history. A failure is logged and otherwise ignored: the
    /// token is already in the keychain or on screen, and must not be lost over a list.
    pub(crate) async fn remember(&self, outcome: &SetupOutcome) {
        let Some(history) = self.history.clone() else {
            return;
        };
        let ca_file = self
            .settings
            .ca_certificate(&outcome.server)
            .map(|ca| ca.file.into());
        let record = InstanceRecord::from_outcome(outcome, ca_file);
        match tokio::task::spawn_blocking(move || history.add(record)).await {
            Ok(Ok(None)) => {}
            Ok(Ok(Some(set_aside))) => warn!(%set_aside, "history file replaced"),
            Ok(Err(error)) => warn!(%error, "the instance was not added to the history"),
            Err(_) => warn!("the history write stopped unexpectedly"),
        }
    }

    /// The same state with another wait policy, for tests that cannot wait minutes.
    pub fn with_wait_policy(mut self, policy: WaitPolicy) -> Self {
        self.wait_policy = policy;
        self
    }

    /// Cancels the wait in progress, if any, and records `next` as the current one.
    pub(crate) fn replace_wait(&self, next: Option<CancellationToken>) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(previous) = std::mem::replace(&mut *waiting, next) {
            previous.cancel();
        }
    }

    /// The last setup's outcome. A poisoned lock still holds a valid outcome, so it is used.
    pub(crate) fn last(&self) -> MutexGuard<'_, Option<SetupOutcome>> {
        self.last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Marks a bootstrap as running; `None` if one already is. The guard clears the mark.
    pub(crate) fn begin_run(&self) -> Option<RunGuard<'_>> {
        let was_running = self.running.swap(true, Ordering::SeqCst);
        (!was_running).then_some(RunGuard(&self.running))
    }
}

/// Clears the "bootstrap running" mark when dropped.
pub(crate) struct RunGuard<'a>(&'a AtomicBool);

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}
