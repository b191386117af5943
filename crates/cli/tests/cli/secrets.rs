//! The password never shows: not in the process's arguments, not on stdout or stderr.

use fake_infisical::{Mode, Options};

use crate::support::{bootstrap, fake, Invocation, PASSWORD};

fn assert_no_password(what: &str, text: &str) {
    assert!(
        !text.contains(PASSWORD),
        "the password is in {what}: {text}"
    );
}

/// The arguments of a running process, as every user of the machine can read them. Read
/// until non-empty, since a process that has only just started may not show them yet.
#[cfg(target_os = "linux")]
fn read_cmdline(pid: u32) -> String {
    for _ in 0..100 {
        let raw = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !raw.is_empty() {
            return String::from_utf8_lossy(&raw).replace('\0', " ");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("/proc/{pid}/cmdline stayed empty");
}

#[test]
#[cfg(target_os = "linux")]
fn the_password_is_not_in_argv_nor_in_any_output() {
    use std::io::Write as _;

    let server = fake(Options::default());
    let mut invocation = bootstrap(&server.url(), &["--store", "none", "--output", "json"]);
    let mut child = invocation.spawn();
    // The binary now waits for the password on stdin, so its argv can be read.
    let cmdline = read_cmdline(child.id());
    assert!(cmdline.contains("--password-stdin"), "argv: {cmdline:?}");
    assert_no_password("argv", &cmdline);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(PASSWORD.as_bytes()).unwrap();
    drop(stdin);
    let run = invocation.finish(child);
    assert_eq!(run.code, 0, "{run:?}");
    assert_no_password("stdout", &run.stdout);
    assert_no_password("stderr", &run.stderr);
    let sent = server.requests().last().unwrap().body.clone();
    assert!(sent.contains(PASSWORD), "the server got the password");
}

#[test]
fn failures_and_verbose_logs_do_not_show_the_password() {
    for mode in [Mode::InternalError, Mode::DropAfterRequest, Mode::Normal] {
        let server = fake(Options {
            mode,
            ..Options::default()
        });
        let run = bootstrap(
            &server.url(),
            &["--verbose", "--store", "none", "--output", "token"],
        )
        .run();
        assert_no_password("stdout", &run.stdout);
        assert_no_password("stderr", &run.stderr);
    }
    let weak = "Correct-Hoooorse-42";
    let run = Invocation::new(&[
        "bootstrap",
        "--server",
        "https://h.example.com",
        "--email",
        "admin@example.com",
        "--organization",
        "Acme",
        "--store",
        "none",
        "--output",
        "token",
    ])
    .env("INFISICAL_ADMIN_PASSWORD", weak)
    .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("INFISICAL_ADMIN_PASSWORD: Do not repeat"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(weak) && !run.stdout.contains(weak));
}

#[test]
fn a_password_flag_is_refused_without_echoing_its_value() {
    let run = Invocation::new(&[
        "bootstrap",
        "--server",
        "https://h.example.com",
        "--email",
        "admin@example.com",
        "--organization",
        "Acme",
        "--password",
        PASSWORD,
    ])
    .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_no_password("stderr", &run.stderr);
    let help = Invocation::new(&["bootstrap", "--help"]).run();
    assert!(!help.stdout.contains("--password <"), "{}", help.stdout);
}
