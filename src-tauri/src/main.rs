// Hides the console window that Windows would otherwise open beside a release build.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    wizard_app::run()
}
