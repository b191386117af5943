//! The fake instance's shared, mutex-guarded state.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::{Mode, Options, RecordedRequest, ZodVersion};

/// State shared by the HTTP handlers and the `FakeInfisical` handle.
#[derive(Debug)]
pub(crate) struct Shared {
    inner: Mutex<Inner>,
    /// Print one line per request (method, path, status) to stderr.
    pub access_log: bool,
    /// Whether `POST /__fake/reset` is answered (see `Options::resettable`).
    pub resettable: bool,
}

/// Everything that changes while the server runs.
#[derive(Debug)]
pub(crate) struct Inner {
    /// The current behaviour mode.
    pub mode: Mode,
    /// Which zod version the 422 issues imitate.
    pub zod: ZodVersion,
    /// Whether the instance has been set up (the server config row's flag).
    pub initialized: bool,
    /// Lower-cased emails of the users that exist.
    pub users: Vec<String>,
    /// Every request seen, in order.
    pub requests: Vec<RecordedRequest>,
    /// POSTs to the bootstrap route, whatever their outcome.
    pub bootstrap_posts: usize,
    /// Tokens handed out by successful bootstraps.
    pub tokens: Vec<String>,
    /// Where the redirect modes send requests; `None` means the same host over https.
    pub redirect_to: Option<String>,
}

impl Inner {
    /// `initialized` as the API reports it: a half-initialized instance says false.
    pub fn reported_initialized(&self) -> bool {
        self.initialized && self.mode != Mode::HalfInitialized
    }
}

impl Shared {
    /// Fresh state from the start-up options.
    pub fn new(options: Options, access_log: bool) -> Self {
        Shared {
            inner: Mutex::new(Inner {
                mode: options.mode,
                zod: options.zod,
                initialized: options.initialized,
                users: Vec::new(),
                requests: Vec::new(),
                bootstrap_posts: 0,
                tokens: Vec::new(),
                redirect_to: None,
            }),
            access_log,
            resettable: options.resettable,
        }
    }

    /// Forgets the set-up, the users, the tokens and every recorded request.
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.initialized = false;
        inner.users.clear();
        inner.requests.clear();
        inner.bootstrap_posts = 0;
        inner.tokens.clear();
    }

    /// Locks the state; a panic in another handler does not make it unusable.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
