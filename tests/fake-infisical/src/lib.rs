//! A fake self-hosted Infisical server for the wizard's tests.
//!
//! It answers the pre-flight and bootstrap routes with the bodies a real backend sends
//! (see `shared/docs/infisical-server.md`):
//!
//! - `GET /api/status` → 200 `{date, message:"Ok", ...}`.
//! - `GET /api/v1/admin/config` → 200 `{config:{..., initialized}}`.
//! - `POST /api/v1/admin/bootstrap` (trailing slash too) → 200 with the admin user, the
//!   organization and an instance-admin identity token; 422 zod issues for a bad body;
//!   400 once set up; 500 for a body that is not JSON.
//! - Any other `/api/*` → Fastify's 404 JSON; any other GET → a small HTML page.
//!
//! With [`Options::resettable`], `POST /__fake/reset` makes it a fresh instance again.
//!
//! [`Mode`] switches to the failure behaviours (starting up, maintenance, rate limited, a
//! plain web server, redirects, a hang, a lost answer, ...). Every request is recorded before
//! it is answered. [`FakeInfisical::start_tls`] serves the same routes over TLS with a
//! certificate from [`pki`] (self-signed, CA-signed, expired or for another name).
//!
//! The server runs on its own thread with its own tokio runtime, so it can be used from
//! plain `#[test]`s, from `#[tokio::test]`s and from the `fake-infisical` binary.

mod bodies;
mod bootstrap;
mod email;
mod faults;
mod ids;
pub mod pki;
mod server;
mod state;
mod time;
mod tls;
mod types;
mod zod;

use std::fmt;
use std::future::IntoFuture;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use crate::state::Shared;
pub use crate::types::{Mode, Options, RecordedRequest, UnknownMode, ZodVersion};

/// A running fake Infisical server on `127.0.0.1`; it shuts down when dropped.
pub struct FakeInfisical {
    addr: SocketAddr,
    /// Whether the listener speaks TLS, which makes the URL `https://localhost:PORT`.
    tls: bool,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeInfisical {
    /// Starts on 127.0.0.1 on a free port, on its own thread with its own tokio runtime.
    pub fn start(options: Options) -> io::Result<FakeInfisical> {
        Self::start_with(options, 0, false)
    }

    /// Starts on 127.0.0.1 on `port` (0 picks a free one). With `access_log`, prints one
    /// line per request to stderr: method, path and status code (never bodies).
    pub fn start_with(options: Options, port: u16, access_log: bool) -> io::Result<FakeInfisical> {
        Self::spawn(options, port, access_log, None)
    }

    /// Starts a TLS listener on 127.0.0.1 on a free port, presenting `identity`. Its URL
    /// names `localhost`, so make the certificate for that name (or another, to test a
    /// name mismatch).
    pub fn start_tls(options: Options, identity: pki::TlsIdentity) -> io::Result<FakeInfisical> {
        Self::spawn(options, 0, false, Some(identity))
    }

    fn spawn(
        options: Options,
        port: u16,
        access_log: bool,
        identity: Option<pki::TlsIdentity>,
    ) -> io::Result<FakeInfisical> {
        let tls = identity.is_some();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared::new(options, access_log));
        let app = server::router(Arc::clone(&shared));
        let (shutdown, stop) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("fake-infisical-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(error) => {
                            eprintln!("fake-infisical: cannot use the listener: {error}");
                            return;
                        }
                    };
                    let serve = async move {
                        match identity {
                            Some(identity) => match tls::TlsListener::new(listener, identity) {
                                Ok(listener) => axum::serve(listener, app).into_future().await,
                                Err(error) => Err(error),
                            },
                            None => axum::serve(listener, app).into_future().await,
                        }
                    };
                    tokio::select! {
                        result = serve => {
                            if let Err(error) = result {
                                eprintln!("fake-infisical: server stopped: {error}");
                            }
                        }
                        _ = stop => {}
                    }
                });
                // Dropping the runtime here ends the open connections at once.
            })?;
        Ok(FakeInfisical {
            addr,
            tls,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:40123`, or `https://localhost:40123` for a TLS
    /// listener (no trailing slash).
    pub fn url(&self) -> String {
        if self.tls {
            format!("https://localhost:{}", self.addr.port())
        } else {
            format!("http://{}", self.addr)
        }
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Sends the redirects of the redirect modes to `target` followed by the request path,
    /// instead of to the same host over https. `None` restores that default.
    pub fn set_redirect_target(&self, target: Option<String>) {
        self.shared.lock().redirect_to = target;
    }

    /// Every request seen so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many POSTs reached `/api/v1/admin/bootstrap` (with or without trailing slash),
    /// whatever they were answered with.
    pub fn bootstrap_posts(&self) -> usize {
        self.shared.lock().bootstrap_posts
    }

    /// The identity tokens handed out by successful bootstraps, oldest first.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.shared.lock().tokens.clone()
    }

    /// Whether the instance reports itself as set up (`config.initialized`); always false
    /// in [`Mode::HalfInitialized`].
    pub fn is_initialized(&self) -> bool {
        self.shared.lock().reported_initialized()
    }

    /// Changes the behaviour while the server runs; it applies to the next request.
    pub fn set_mode(&self, mode: Mode) {
        self.shared.lock().mode = mode;
    }

    /// Makes this a fresh instance again: not set up, no users, no tokens, no recorded
    /// requests. The mode and the zod version stay.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Changes which zod version the 422 issues imitate.
    pub fn set_zod(&self, zod: ZodVersion) {
        self.shared.lock().zod = zod;
    }
}

impl fmt::Debug for FakeInfisical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeInfisical")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Drop for FakeInfisical {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
