//! No display and no session bus: the binary still runs, and when the keychain cannot be
//! reached the token is printed instead of lost (exit 7).

use fake_infisical::Options;

use crate::support::{bootstrap, fake};

#[test]
fn exit_7_without_display_or_dbus_prints_the_token() {
    let server = fake(Options::default());
    let runtime_dir = tempfile::tempdir().unwrap();
    let run = bootstrap(&server.url(), &[])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", runtime_dir.path().to_str().unwrap())
        .run();
    assert_eq!(run.code, 7, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n", server.issued_tokens()[0]));
    assert!(
        run.stderr.contains("could not be kept in the keychain"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Set up"),
        "the summary goes to stderr: {}",
        run.stderr
    );
    assert_eq!(server.bootstrap_posts(), 1);
}

#[test]
#[cfg(target_os = "linux")]
fn the_binary_links_no_gtk_or_webkit() {
    let output = match std::process::Command::new("ldd")
        .arg(crate::support::BINARY)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            eprintln!("skipped: ldd is not available ({error})");
            return;
        }
    };
    let libraries = String::from_utf8_lossy(&output.stdout).to_lowercase();
    assert!(output.status.success(), "ldd failed: {libraries}");
    for gui in [
        "libgtk",
        "libgdk",
        "libwebkit",
        "libjavascriptcore",
        "libsoup",
        "libx11",
    ] {
        assert!(!libraries.contains(gui), "links {gui}:\n{libraries}");
    }
}
