//! What the app keeps between commands.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bootstrap_core::{HttpClient, SetupOutcome, TokenStore};

/// Managed state: one HTTP client, the token store, and the outcome of the last setup,
/// whose token stays in memory until the person starts over.
pub struct AppState {
    pub(crate) client: HttpClient,
    pub(crate) store: Arc<dyn TokenStore>,
    last: Mutex<Option<SetupOutcome>>,
    running: AtomicBool,
}

impl AppState {
    /// State over `client` and `store`.
    pub fn new(client: HttpClient, store: Arc<dyn TokenStore>) -> Self {
        Self {
            client,
            store,
            last: Mutex::new(None),
            running: AtomicBool::new(false),
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
