//! What the numbers were measured on: the machine and the versions of what was measured.

use std::process::Command;

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub kernel: String,
    pub os: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Versions {
    pub commit: String,
    pub rustc: String,
    pub tauri: String,
    pub webkitgtk: String,
    pub hyperfine: String,
    pub curl: String,
}

/// The first line a command prints, or "unknown".
fn first_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .next()
                .map(|line| line.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

pub fn machine() -> Machine {
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map_or_else(|| "unknown".into(), |(_, name)| name.trim().to_string());
    let memory_kib: f64 = read("/proc/meminfo")
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    let os = read("/etc/os-release")
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map_or_else(
            || "unknown".into(),
            |name| name.trim_matches('"').to_string(),
        );
    Machine {
        cpu,
        cores: std::thread::available_parallelism().map_or(0, usize::from),
        memory_gib: (memory_kib / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        kernel: first_line("uname", &["-r"]),
        os,
    }
}

/// The version of `package` in the workspace's Cargo.lock.
fn locked_version(lock: &str, package: &str) -> String {
    let needle = format!("name = \"{package}\"\nversion = \"");
    lock.find(&needle)
        .and_then(|at| lock[at + needle.len()..].split('"').next())
        .map_or_else(|| "unknown".into(), str::to_string)
}

pub fn versions(workspace: &std::path::Path) -> Versions {
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap_or_default();
    Versions {
        commit: first_line(
            "git",
            &[
                "-C",
                &workspace.display().to_string(),
                "describe",
                "--always",
                "--dirty",
            ],
        ),
        rustc: first_line("rustc", &["--version"]),
        tauri: locked_version(&lock, "tauri"),
        webkitgtk: first_line(
            "dpkg-query",
            &["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
        ),
        hyperfine: first_line("hyperfine", &["--version"]),
        curl: first_line("curl", &["--version"]),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_a_locked_version() {
        let lock = "[[package]]\nname = \"tauri-build\"\nversion = \"2.0.0\"\n\n[[package]]\nname = \"tauri\"\nversion = \"2.12.7\"\n";
        assert_eq!(super::locked_version(lock, "tauri"), "2.12.7");
        assert_eq!(super::locked_version(lock, "wry"), "unknown");
    }
}
