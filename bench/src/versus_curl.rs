//! The headless command against `curl`, timed side by side by hyperfine, and the requests
//! each side makes, counted by the fake server.

use std::path::Path;
use std::process::{Command, Stdio};

use fake_infisical::FakeInfisical;
use serde::Serialize;

use crate::stats::Summary;

/// A throwaway admin password for the fake server; it reaches the commands through their
/// environment only, never through a file or an argument.
const ADMIN_PASSWORD: &str = "Bench-Throwaway-Admin-42";
const ADMIN_EMAIL: &str = "admin@example.com";
const ORGANIZATION: &str = "Bench";

/// How to get the `SERVER` the commands use, by hand.
const SERVER_SETUP: &str = "cargo run --release -p fake-infisical -- --port 8400 --resettable &\n\
                            export SERVER=http://127.0.0.1:8400";

/// One side of a comparison: its hyperfine timings in ms and the requests one run makes.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub command: String,
    pub time_ms: Summary,
    pub requests: Vec<String>,
}

/// The tool against curl.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub tool: Side,
    pub curl: Side,
    /// The full hyperfine command line, to reproduce the timings.
    pub hyperfine: String,
    /// The shell lines that set what the commands read from the environment.
    pub setup: Vec<String>,
}

impl Comparison {
    pub fn ratio(&self) -> f64 {
        self.tool.time_ms.median / self.curl.time_ms.median
    }
}

/// The settings of one hyperfine run.
pub struct Hyperfine<'a> {
    pub warmups: usize,
    pub runs: usize,
    pub scratch: &'a Path,
}

/// Two shell commands to time against each other, and what they need around them.
struct Pair<'a> {
    name: &'a str,
    tool: String,
    curl: String,
    /// Run before each timed run, untimed.
    prepare: Option<&'a str>,
    env: &'a [(&'a str, String)],
    /// What `env` holds, as shell lines for a person.
    setup: Vec<String>,
}

impl Hyperfine<'_> {
    /// Times the pair, then runs each side once more on a fresh fake to count its requests.
    fn versus(&self, fake: &FakeInfisical, pair: Pair<'_>) -> Result<Comparison, String> {
        let (tool_ms, curl_ms, hyperfine) =
            self.compare(pair.name, &pair.tool, &pair.curl, pair.prepare, pair.env)?;
        Ok(Comparison {
            tool: Side {
                requests: requests_of(fake, &pair.tool, pair.env)?,
                command: pair.tool,
                time_ms: tool_ms,
            },
            curl: Side {
                requests: requests_of(fake, &pair.curl, pair.env)?,
                command: pair.curl,
                time_ms: curl_ms,
            },
            hyperfine,
            setup: pair.setup,
        })
    }

    /// Times `tool` against `curl` (shell commands), with `prepare` before each run.
    fn compare(
        &self,
        name: &str,
        tool: &str,
        curl: &str,
        prepare: Option<&str>,
        env: &[(&str, String)],
    ) -> Result<(Summary, Summary, String), String> {
        let export = self.scratch.join(format!("{name}.hyperfine.json"));
        let mut args = vec![
            "--style".to_string(),
            "basic".to_string(),
            "--warmup".to_string(),
            self.warmups.to_string(),
            "--runs".to_string(),
            self.runs.to_string(),
            "--export-json".to_string(),
            export.display().to_string(),
        ];
        if let Some(prepare) = prepare {
            args.extend(["--prepare".to_string(), prepare.to_string()]);
        }
        args.extend([
            "-n".into(),
            "infisical-bootstrap".into(),
            tool.into(),
            "-n".into(),
            "curl".into(),
            curl.into(),
        ]);
        // Shown without the export, which goes to a scratch file.
        let shown = std::iter::once("hyperfine".to_string())
            .chain(
                args[..6]
                    .iter()
                    .chain(&args[8..])
                    .map(|arg| shell_quote(arg)),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let status = Command::new("hyperfine")
            .args(&args)
            .envs(env.iter().map(|(k, v)| (*k, v)))
            .stdout(Stdio::inherit())
            .status()
            .map_err(|e| format!("hyperfine cannot start (apt-get install hyperfine): {e}"))?;
        if !status.success() {
            return Err(format!("hyperfine failed ({status}) for {name}"));
        }
        let json = std::fs::read_to_string(&export).map_err(|e| format!("{name}: {e}"))?;
        let parsed: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| format!("{name}: {e}"))?;
        let times = |index: usize| -> Result<Summary, String> {
            let samples = parsed["results"][index]["times"]
                .as_array()
                .ok_or_else(|| format!("{name}: hyperfine gave no times"))?
                .iter()
                .filter_map(serde_json::Value::as_f64)
                .map(|seconds| seconds * 1000.0)
                .collect();
            Summary::of(samples).ok_or_else(|| format!("{name}: no samples"))
        };
        Ok((times(0)?, times(1)?, shown))
    }
}

fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:=".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `METHOD path` of each request the fake saw, in order.
fn requests_seen(fake: &FakeInfisical) -> Vec<String> {
    fake.requests()
        .iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect()
}

/// Runs `script` once through the shell, on a fresh fake, and returns the requests it made.
fn requests_of(
    fake: &FakeInfisical,
    script: &str,
    env: &[(&str, String)],
) -> Result<Vec<String>, String> {
    fake.reset();
    let status = Command::new("sh")
        .args(["-c", script])
        .envs(env.iter().map(|(k, v)| (*k, v)))
        .stdout(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("`{script}` failed: {status}"));
    }
    Ok(requests_seen(fake))
}

/// Figure 4: `infisical-bootstrap check` against `curl -sf <server>/api/status`.
pub fn preflight(
    settings: &Hyperfine<'_>,
    cli: &Path,
    fake: &FakeInfisical,
) -> Result<Comparison, String> {
    let env = [("SERVER", fake.url())];
    let tool = format!(
        "{} check \"$SERVER\"",
        shell_quote(&cli.display().to_string())
    );
    let curl = "curl -sf \"$SERVER/api/status\"".to_string();
    settings.versus(
        fake,
        Pair {
            name: "preflight",
            tool,
            curl,
            prepare: None,
            env: &env,
            setup: vec![SERVER_SETUP.to_string()],
        },
    )
}

/// Figure 5: a whole headless bootstrap (`--store none`) against `curl` sending the one POST. The
/// fake is made fresh before every run.
pub fn bootstrap(
    settings: &Hyperfine<'_>,
    cli: &Path,
    fake: &FakeInfisical,
) -> Result<Comparison, String> {
    let data_dir = settings.scratch.join("cli-data");
    let body = serde_json::json!({
        "email": ADMIN_EMAIL,
        "password": ADMIN_PASSWORD,
        "organization": ORGANIZATION,
    })
    .to_string();
    let env = [
        ("SERVER", fake.url()),
        ("BENCH_ADMIN_PASSWORD", ADMIN_PASSWORD.to_string()),
        ("BENCH_BOOTSTRAP_BODY", body),
        (
            "INFISICAL_BOOTSTRAP_DATA_DIR",
            data_dir.display().to_string(),
        ),
    ];
    let tool = format!(
        "printf '%s\\n' \"$BENCH_ADMIN_PASSWORD\" | {} bootstrap --server \"$SERVER\" --email {ADMIN_EMAIL} \
         --organization {ORGANIZATION} --password-stdin --store none --output token",
        shell_quote(&cli.display().to_string())
    );
    let curl = "printf '%s' \"$BENCH_BOOTSTRAP_BODY\" | curl -sf -X POST -H 'Content-Type: application/json' \
         --data-binary @- \"$SERVER/api/v1/admin/bootstrap\""
        .to_string();
    settings.versus(
        fake,
        Pair {
            name: "bootstrap",
            tool,
            curl,
            prepare: Some("curl -sf -X POST \"$SERVER/__fake/reset\""),
            env: &env,
            setup: vec![
                SERVER_SETUP.to_string(),
                "export BENCH_ADMIN_PASSWORD='<any password of 14 to 100 characters>'".to_string(),
                format!(
                    "export BENCH_BOOTSTRAP_BODY='{{\"email\":\"{ADMIN_EMAIL}\",\"password\":\"<the same \
                     password>\",\"organization\":\"{ORGANIZATION}\"}}'"
                ),
                "# keeps the runs out of your own list of instances".to_string(),
                "export INFISICAL_BOOTSTRAP_DATA_DIR=$(mktemp -d)".to_string(),
            ],
        },
    )
}
