//! Logging to stderr and to a file in the platform's log directory. Nothing logged anywhere
//! in the app carries the password or the token: those live in redacting types, and spans
//! skip them. `tests/secret_hygiene.rs` checks this at trace level.

use std::fs::{File, OpenOptions};
use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::fmt::writer::MakeWriterExt;
use tracing_subscriber::EnvFilter;

/// The filter used unless `RUST_LOG` says otherwise: our crates at info, chatty ones at warn.
const DEFAULT_FILTER: &str = "info,tao=warn,wry=warn,hyper=warn,reqwest=warn,zbus=warn";

/// Where the log file goes: `<data dir>/dev.bootstrapwizard.infisical/logs/wizard.log`,
/// which is Tauri's app log directory on Linux and Windows.
pub fn log_file_path() -> Option<PathBuf> {
    Some(
        dirs::data_dir()?
            .join("dev.bootstrapwizard.infisical")
            .join("logs")
            .join("wizard.log"),
    )
}

fn open_log_file() -> Option<File> {
    let path = log_file_path()?;
    std::fs::create_dir_all(path.parent()?).ok()?;
    OpenOptions::new().create(true).append(true).open(path).ok()
}

/// Installs the global subscriber. Calling it twice is harmless. Without a writable log
/// directory, logs go to stderr only.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match open_log_file() {
        Some(file) => builder
            .with_writer(std::io::stderr.and(Mutex::new(file)))
            .with_ansi(false)
            .try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
}
