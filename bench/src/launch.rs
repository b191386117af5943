//! Launch → interactive and idle memory: start a window app with a fresh home, wait for its
//! page to report `ready` on stdout, wait a few seconds more, then read the memory of its
//! process tree (the app, WebKitWebProcess and WebKitNetworkProcess).

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::procs::{self, ProcessMemory};

/// How long a window may take to report ready before the run counts as failed.
const READY_TIMEOUT: Duration = Duration::from_secs(90);

/// One way of starting a window app.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Short name used in the report and the JSON.
    pub name: String,
    pub binary: PathBuf,
    /// Extra environment, such as WebKit's settings.
    pub env: Vec<(String, String)>,
}

/// One launch of a variant.
#[derive(Clone, Debug, Serialize)]
pub struct LaunchRun {
    /// From spawning the process to reading its `ready` line.
    pub ready_ms: f64,
    /// The process tree's memory `settle` after ready.
    pub processes: Vec<ProcessMemory>,
}

impl LaunchRun {
    pub fn rss_mib(&self) -> f64 {
        self.processes.iter().map(|p| p.rss_kib).sum::<u64>() as f64 / 1024.0
    }

    pub fn pss_mib(&self) -> f64 {
        self.processes.iter().map(|p| p.pss_kib).sum::<u64>() as f64 / 1024.0
    }
}

/// Launches `variant` once with `home` as its XDG base, and measures it.
pub fn launch_once(variant: &Variant, home: &Path, settle: Duration) -> Result<LaunchRun, String> {
    let mut command = Command::new(&variant.binary);
    for (name, dir) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ] {
        let path = home.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        command.env(name, path);
    }
    command
        .env("INFISICAL_BOOTSTRAP_REPORT_READY", "1")
        .envs(variant.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("{} cannot start: {e}", variant.binary.display()))?;
    let result = measure(&mut child, started, settle);
    stop_tree(&mut child);
    result.map_err(|error| format!("{}: {error}", variant.name))
}

fn measure(child: &mut Child, started: Instant, settle: Duration) -> Result<LaunchRun, String> {
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(line) if line.trim() == "ready" => {
                    let _ = ready_tx.send(Instant::now());
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    });
    let ready_at = ready_rx
        .recv_timeout(READY_TIMEOUT)
        .map_err(|_| format!("no `ready` line within {READY_TIMEOUT:?}"))?;
    let ready_ms = ready_at.duration_since(started).as_secs_f64() * 1000.0;
    std::thread::sleep(settle);
    if let Ok(Some(status)) = child.try_wait() {
        return Err(format!("exited with {status} before its memory was read"));
    }
    Ok(LaunchRun {
        ready_ms,
        processes: whole_tree(child.id())?,
    })
}

/// The WebKit processes every window app must have started; `comm` shows 15 characters.
const WEBKIT_PROCESSES: [&str; 2] = ["WebKitWebProces", "WebKitNetworkPr"];

/// The memory of the app and its WebKit processes. A process that cannot be found is read
/// again a few times before the run fails: a partial tree must never pass as a small one.
fn whole_tree(root: u32) -> Result<Vec<ProcessMemory>, String> {
    let mut processes = Vec::new();
    for _ in 0..10 {
        processes = procs::tree_memory(root);
        let missing: Vec<&str> = WEBKIT_PROCESSES
            .into_iter()
            .filter(|name| !processes.iter().any(|process| process.name == *name))
            .collect();
        if missing.is_empty() {
            return Ok(processes);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let found: Vec<&str> = processes
        .iter()
        .map(|process| process.name.as_str())
        .collect();
    Err(format!(
        "the process tree lacks a WebKit process (found only {found:?}); its memory would be \
         too small"
    ))
}

/// Ends `child` and everything it started.
fn stop_tree(child: &mut Child) {
    let pids = procs::tree(child.id());
    let _ = Command::new("kill")
        .arg("-KILL")
        .args(pids.iter().map(u32::to_string))
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}

/// Launches once; a launch that fails (no `ready`, or a process tree without its WebKit
/// processes) is said on stderr and tried again, twice at most.
fn launch_with_retries(
    variant: &Variant,
    home: &Path,
    settle: Duration,
) -> Result<LaunchRun, String> {
    let mut attempt = 1;
    loop {
        match launch_once(variant, home, settle) {
            Ok(run) => return Ok(run),
            Err(error) if attempt < 3 => {
                eprintln!("  {error}; launching again");
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Runs `variants` one after the other, `warmups` unmeasured rounds then `runs` measured
/// ones, so that a slow moment of the machine hits them alike. Each variant keeps one home
/// for all its runs, as a person's second launch would find it.
pub fn launch_all(
    variants: &[Variant],
    scratch: &Path,
    warmups: usize,
    runs: usize,
    settle: Duration,
) -> Result<Vec<Vec<LaunchRun>>, String> {
    let mut measured: Vec<Vec<LaunchRun>> = vec![Vec::new(); variants.len()];
    for round in 0..warmups + runs {
        for (index, variant) in variants.iter().enumerate() {
            let home = scratch.join(&variant.name);
            let run = launch_with_retries(variant, &home, settle)?;
            eprintln!(
                "  {:<28} {} {:>2}: ready after {:7.1} ms, {:6.1} MiB RSS, {:6.1} MiB PSS",
                variant.name,
                if round < warmups {
                    "warm-up"
                } else {
                    "run    "
                },
                round + 1,
                run.ready_ms,
                run.rss_mib(),
                run.pss_mib()
            );
            if round >= warmups {
                measured[index].push(run);
            }
        }
    }
    Ok(measured)
}
