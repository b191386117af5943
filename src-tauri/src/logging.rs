//! Logging to stderr. Nothing logged anywhere in the app carries the password or the token:
//! those live in redacting types, and spans skip them.

use tracing_subscriber::EnvFilter;

/// The filter used unless `RUST_LOG` says otherwise: our crates at info, chatty ones at warn.
const DEFAULT_FILTER: &str = "info,tao=warn,wry=warn,hyper=warn,reqwest=warn,zbus=warn";

/// Installs the global subscriber. Calling it twice is harmless.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
