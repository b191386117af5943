//! A token on the clipboard, for a while: copy it, check that it got there, and clear it
//! after a delay, but only if the clipboard still holds it (the person may have copied
//! something else since, which is theirs to keep).
//!
//! The clipboard itself is behind [`SecretClipboard`], so the desktop app brings the real
//! one and the tests a fake. Only the latest copy is cleared: a new copy replaces the
//! pending one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tracing::{info, warn};

use crate::secret::Token;

/// How long a copied token stays on the clipboard unless the environment says otherwise.
pub const DEFAULT_CLEAR_AFTER: Duration = Duration::from_secs(45);
/// An environment variable with another delay in seconds, for the end-to-end tests.
pub const CLEAR_AFTER_ENV: &str = "INFISICAL_BOOTSTRAP_CLIPBOARD_SECONDS";

/// A system clipboard that can hold a secret.
pub trait SecretClipboard: Send + Sync + 'static {
    /// Puts `text` on the clipboard, marked as sensitive where the platform can say so.
    ///
    /// # Errors
    ///
    /// Returns the platform's reason when the clipboard cannot be written.
    fn write_secret(&self, text: &str) -> Result<(), String>;

    /// The clipboard's text.
    ///
    /// # Errors
    ///
    /// Returns the platform's reason when it holds no text or cannot be read.
    fn read_text(&self) -> Result<String, String>;

    /// Empties the clipboard.
    ///
    /// # Errors
    ///
    /// Returns the platform's reason when the clipboard cannot be cleared.
    fn clear(&self) -> Result<(), String>;
}

/// Why a copy failed. The messages never hold the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CopyError {
    /// The clipboard could not be written or read back.
    #[error("the clipboard failed ({0})")]
    Failed(String),
    /// The clipboard was written, but reading it back gave something else.
    #[error("the clipboard holds something else after the copy")]
    NotHeld,
}

/// The delay from [`CLEAR_AFTER_ENV`] when it is a whole number of seconds above zero,
/// else [`DEFAULT_CLEAR_AFTER`].
pub fn clear_after_from_env() -> Duration {
    std::env::var(CLEAR_AFTER_ENV)
        .ok()
        .and_then(|value| value.trim().parse::<u64>().ok())
        .filter(|seconds| *seconds > 0)
        .map_or(DEFAULT_CLEAR_AFTER, Duration::from_secs)
}

struct Pending {
    generation: u64,
    token: Token,
}

/// Remembers the last copied token until it is cleared.
pub struct ClipboardGuard {
    clear_after: Duration,
    pending: Arc<Mutex<Option<Pending>>>,
    generation: AtomicU64,
}

impl std::fmt::Debug for ClipboardGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClipboardGuard")
            .field("clear_after", &self.clear_after)
            .finish_non_exhaustive()
    }
}

/// Empties `clipboard` if it still holds `token`; says whether it did.
fn clear_if_holds(clipboard: &dyn SecretClipboard, token: &Token) -> bool {
    match clipboard.read_text() {
        Ok(text) if token.matches(&text) => match clipboard.clear() {
            Ok(()) => true,
            Err(reason) => {
                warn!(%reason, "the clipboard could not be cleared");
                false
            }
        },
        _ => false,
    }
}

fn lock(pending: &Mutex<Option<Pending>>) -> MutexGuard<'_, Option<Pending>> {
    pending
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl ClipboardGuard {
    /// A guard that clears each copy after `clear_after`.
    pub fn new(clear_after: Duration) -> Self {
        Self {
            clear_after,
            pending: Arc::new(Mutex::new(None)),
            generation: AtomicU64::new(0),
        }
    }

    /// How long a copy stays on the clipboard.
    pub fn clear_after(&self) -> Duration {
        self.clear_after
    }

    /// Copies `token`, checks the clipboard holds it, then starts the timer that clears it.
    /// When the timer ends, `on_done` learns whether the clipboard was cleared (it is not
    /// when it holds something else by then, or the copy was cleared or replaced earlier).
    /// Must be called inside a Tokio runtime.
    ///
    /// # Errors
    ///
    /// Returns a [`CopyError`] when the clipboard cannot be written or does not hold the
    /// token afterwards; nothing is pending then.
    pub fn copy<C: SecretClipboard>(
        &self,
        clipboard: C,
        token: Token,
        on_done: impl FnOnce(bool) + Send + 'static,
    ) -> Result<(), CopyError> {
        clipboard
            .write_secret(token.expose())
            .map_err(CopyError::Failed)?;
        match clipboard.read_text() {
            Ok(text) if token.matches(&text) => {}
            Ok(_) => return Err(CopyError::NotHeld),
            Err(reason) => return Err(CopyError::Failed(reason)),
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        *lock(&self.pending) = Some(Pending { generation, token });
        let pending = Arc::clone(&self.pending);
        let delay = self.clear_after;
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let due = {
                let mut slot = lock(&pending);
                match slot.as_ref() {
                    Some(current) if current.generation == generation => slot.take(),
                    _ => None,
                }
            };
            if let Some(due) = due {
                let cleared = clear_if_holds(&clipboard, &due.token);
                info!(cleared, "clipboard timer ended");
                on_done(cleared);
            }
        });
        Ok(())
    }

    /// Clears the pending copy now, if the clipboard still holds it; says whether it did.
    /// The timer then has nothing left to do.
    pub fn clear_now(&self, clipboard: &dyn SecretClipboard) -> bool {
        let Some(pending) = lock(&self.pending).take() else {
            return false;
        };
        clear_if_holds(clipboard, &pending.token)
    }
}

#[cfg(test)]
mod tests;
