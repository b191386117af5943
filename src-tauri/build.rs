//! Declares the app's own commands, so each gets an `allow-<command>` permission and the
//! capability file can grant exactly the ones the window uses.

/// Every `#[tauri::command]` the app registers, in snake case.
const COMMANDS: &[&str] = &[
    "check_server",
    "wait_for_server",
    "cancel_wait",
    "set_ca_certificate",
    "forget_ca_certificate",
    "validate_admin",
    "run_bootstrap",
    "copy_token",
    "start_over",
    "retry_save",
    "save_token_to_file",
    "close_window",
    "list_instances",
    "instances_of_server",
    "copy_instance_token",
    "clear_clipboard",
    "reveal_instance_token",
    "check_instance_token",
    "open_instance",
    "forget_instance",
    "page_ready",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build configuration is invalid");
}
