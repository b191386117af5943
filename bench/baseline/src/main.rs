//! The benchmarks' baseline: the least a Tauri 2 app can be. One window the size of the
//! wizard's, an empty page, and the one command that page calls to say it is ready,
//! reported the way the wizard reports it (`ready` on stdout when
//! `INFISICAL_BOOTSTRAP_REPORT_READY` is set).

use std::io::Write as _;
use std::process::ExitCode;

#[tauri::command]
fn page_ready() {
    if std::env::var_os("INFISICAL_BOOTSTRAP_REPORT_READY").is_some() {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "ready");
        let _ = stdout.flush();
    }
}

fn main() -> ExitCode {
    let app = tauri::Builder::default().invoke_handler(tauri::generate_handler![page_ready]);
    match app.run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bare-tauri-window: {error}");
            ExitCode::FAILURE
        }
    }
}
