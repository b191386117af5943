//! Shared helpers: running the built binary with a private data directory, and a valid admin.

use std::io::Write as _;
use std::process::{Child, Command, Stdio};

/// A password that passes the sign-up policy.
pub const PASSWORD: &str = "Correct-Horse-42-Staple";

/// The built binary.
pub const BINARY: &str = env!("CARGO_BIN_EXE_infisical-bootstrap");

/// Variables the tests control themselves, removed from the inherited environment.
const OWN_VARIABLES: [&str; 6] = [
    "INFISICAL_ADMIN_EMAIL",
    "INFISICAL_ADMIN_ORGANIZATION",
    "INFISICAL_ADMIN_PASSWORD",
    "INFISICAL_DOMAIN",
    "INFISICAL_API_URL",
    "INFISICAL_BOOTSTRAP_DATA_DIR",
];

/// What a finished run left behind.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The history directory the run used; deleted when the run is dropped.
    pub data: tempfile::TempDir,
}

/// One invocation of the binary, with its history in a temporary directory.
pub struct Invocation {
    command: Command,
    stdin: Option<String>,
    /// The history directory; kept alive until the invocation is dropped.
    pub data: tempfile::TempDir,
}

impl Invocation {
    /// The binary with `args`, no password variable, and a fresh history directory.
    pub fn new<S: AsRef<str>>(args: &[S]) -> Self {
        let data = tempfile::tempdir().expect("temporary directory");
        Self::in_data_dir(args, data)
    }

    /// The same, with the history in `data`.
    pub fn in_data_dir<S: AsRef<str>>(args: &[S], data: tempfile::TempDir) -> Self {
        let mut command = Command::new(BINARY);
        command.args(args.iter().map(AsRef::as_ref));
        for name in OWN_VARIABLES {
            command.env_remove(name);
        }
        command.env("INFISICAL_BOOTSTRAP_DATA_DIR", data.path());
        Self {
            command,
            stdin: None,
            data,
        }
    }

    /// Feeds `text` on standard input (otherwise it is empty and not a terminal).
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.command.env(name, value);
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(mut self, name: &str) -> Self {
        self.command.env_remove(name);
        self
    }

    /// The arguments, as the process will see them.
    pub fn args(&self) -> Vec<String> {
        self.command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect()
    }

    /// Starts the process with piped standard streams, writing nothing yet.
    pub fn spawn(&mut self) -> Child {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts")
    }

    /// Runs to the end.
    pub fn run(mut self) -> Run {
        let mut child = self.spawn();
        let mut stdin = child.stdin.take().expect("piped stdin");
        if let Some(text) = &self.stdin {
            // The command may stop before reading its input (a bad flag, say): a closed pipe
            // then is part of the outcome under test, not a failure of the harness.
            if let Err(error) = stdin.write_all(text.as_bytes()) {
                assert_eq!(
                    error.kind(),
                    std::io::ErrorKind::BrokenPipe,
                    "stdin: {error}"
                );
            }
        }
        drop(stdin);
        self.finish(child)
    }

    /// Waits for `child`, started by [`Invocation::spawn`], and collects its output.
    pub fn finish(self, child: Child) -> Run {
        let output = child.wait_with_output().expect("the binary runs");
        Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            data: self.data,
        }
    }
}

/// `bootstrap` against `server` with a valid admin, the password on standard input, and
/// `extra` flags.
pub fn bootstrap(server: &str, extra: &[&str]) -> Invocation {
    let mut args = vec![
        "bootstrap",
        "--server",
        server,
        "--email",
        "admin@example.com",
        "--organization",
        "Acme",
        "--password-stdin",
        "--timeout",
        "5",
    ];
    args.extend_from_slice(extra);
    Invocation::new(&args).stdin(&format!("{PASSWORD}\n"))
}

/// A fake Infisical with `options`.
pub fn fake(options: fake_infisical::Options) -> fake_infisical::FakeInfisical {
    fake_infisical::FakeInfisical::start(options).expect("fake server starts")
}

/// An address on which nothing listens: a port just freed.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Every request `server` received, as "METHOD /path", in order.
pub fn request_lines(server: &fake_infisical::FakeInfisical) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect()
}
