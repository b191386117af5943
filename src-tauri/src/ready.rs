//! The page tells the backend when its first screen has been painted and can be typed
//! into. The time goes to the log; with `INFISICAL_BOOTSTRAP_REPORT_READY` set, a line
//! `ready` also goes to stdout, so a program that started the app (the launch benchmark)
//! learns the moment without polling the window.

use std::io::Write as _;
use std::sync::OnceLock;
use std::time::Instant;

/// Set to any value to have the app print [`READY_LINE`] on stdout once the page is ready.
pub const REPORT_READY_ENV: &str = "INFISICAL_BOOTSTRAP_REPORT_READY";

/// The line printed on stdout when the page is ready.
pub const READY_LINE: &str = "ready";

static STARTED: OnceLock<Instant> = OnceLock::new();
static REPORTED: OnceLock<()> = OnceLock::new();

/// Notes when the process started; call first thing in `run`.
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// The page's first screen is painted, has its focus and answers keys. Only the first call
/// counts.
#[tauri::command]
pub fn page_ready() {
    if REPORTED.set(()).is_err() {
        return;
    }
    let after_ms = STARTED.get().map(|started| started.elapsed().as_millis());
    tracing::info!(?after_ms, "the window is ready for typing");
    if std::env::var_os(REPORT_READY_ENV).is_some() {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{READY_LINE}");
        let _ = stdout.flush();
    }
}
