//! Everything one `make bench` run measured, as written to the JSON file.

use serde::Serialize;

use crate::ipc::RoundTrips;
use crate::launch::LaunchRun;
use crate::machine::{Machine, Versions};
use crate::stats::Summary;
use crate::versus_curl::Comparison;

#[derive(Debug, Serialize)]
pub struct Results {
    /// When the run ended, as `date -u` prints it.
    pub date: String,
    pub smoke: bool,
    /// The cargo profile of the binaries measured.
    pub profile: String,
    pub warmups: usize,
    pub runs: usize,
    /// The command that reproduces every figure.
    pub command: String,
    pub machine: Machine,
    pub versions: Versions,
    pub launch: Vec<VariantResult>,
    pub sizes: Option<Sizes>,
    pub preflight: Option<Comparison>,
    pub bootstrap: Option<Comparison>,
    pub validation: Option<RoundTrips>,
}

/// Launch and memory of one way of starting a window app.
#[derive(Debug, Serialize)]
pub struct VariantResult {
    pub name: String,
    pub description: String,
    pub env: Vec<(String, String)>,
    pub ready_ms: Summary,
    pub rss_mib: Summary,
    pub pss_mib: Summary,
    pub runs: Vec<LaunchRun>,
}

impl VariantResult {
    pub fn new(
        name: &str,
        description: &str,
        env: Vec<(String, String)>,
        runs: Vec<LaunchRun>,
    ) -> Option<Self> {
        Some(VariantResult {
            name: name.to_string(),
            description: description.to_string(),
            env,
            ready_ms: Summary::of(runs.iter().map(|run| run.ready_ms).collect())?,
            rss_mib: Summary::of(runs.iter().map(LaunchRun::rss_mib).collect())?,
            pss_mib: Summary::of(runs.iter().map(LaunchRun::pss_mib).collect())?,
            runs,
        })
    }
}

/// File sizes in bytes.
#[derive(Debug, Serialize)]
pub struct Sizes {
    pub app_binary: u64,
    pub baseline_binary: u64,
    pub cli_binary: u64,
    pub deb: Option<u64>,
}
