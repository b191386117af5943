//! `fake-infisical`: runs the fake Infisical server until it is killed.
//!
//! Prints `fake Infisical listening on http://127.0.0.1:PORT` to stdout once, then one line
//! per request (method, path, status) to stderr.

use std::io::Write as _;
use std::process::ExitCode;

use fake_infisical::{FakeInfisical, Mode, Options, ZodVersion};

const USAGE: &str = "usage: fake-infisical [--port N] [--initialized] [--resettable] [--mode MODE]
                     [--zod 3|4]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --initialized   start as an instance that is already set up
  --resettable    answer POST /__fake/reset by becoming a fresh instance again
  --mode MODE     normal, starting-up, maintenance, half-initialized, rate-limited,
                  internal-error, html-everywhere, other-json-api, redirect-301,
                  redirect-302, redirect-307, hang, hang-after-request,
                  empty-token, malformed-body, token-max-age or
                  drop-after-request
  --zod 3|4       which zod version the 422 issues imitate (default 3)";

/// What the command line asked for.
struct Args {
    options: Options,
    port: u16,
    help: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        options: Options::default(),
        port: 0,
        help: false,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let text = value("--port")?;
                parsed.port = text.parse().map_err(|_| format!("bad port {text:?}"))?;
            }
            "--mode" => {
                let text = value("--mode")?;
                parsed.options.mode = text.parse::<Mode>().map_err(|e| e.to_string())?;
            }
            "--zod" => {
                parsed.options.zod = match value("--zod")?.as_str() {
                    "3" | "v3" => ZodVersion::V3,
                    "4" | "v4" => ZodVersion::V4,
                    other => return Err(format!("bad zod version {other:?} (3 or 4)")),
                };
            }
            "--initialized" => parsed.options.initialized = true,
            "--resettable" => parsed.options.resettable = true,
            "-h" | "--help" => parsed.help = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("fake-infisical: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let server = match FakeInfisical::start_with(args.options, args.port, true) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("fake-infisical: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "fake Infisical listening on {}", server.url());
    let _ = stdout.flush();
    drop(stdout);
    loop {
        std::thread::park();
    }
}
