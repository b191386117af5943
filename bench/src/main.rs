//! `wizard-bench`: the measurements behind BENCHMARKS.md. `make bench` builds the release
//! binaries and runs this under a virtual display; `make bench-smoke` runs the request
//! measurements once against the debug build, to keep this code working.

mod ipc;
mod launch;
mod machine;
mod procs;
mod report;
mod results;
mod stats;
mod versus_curl;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use fake_infisical::{FakeInfisical, Options};

use crate::launch::Variant;
use crate::results::{Results, Sizes, VariantResult};
use crate::versus_curl::Hyperfine;

/// WebKitGTK's switch for accelerated compositing, the memory setting tried.
const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// How long after ready the memory is read.
const SETTLE: Duration = Duration::from_secs(5);

#[derive(Parser, Debug)]
#[command(about = "Measures the wizard against a bare Tauri window and curl")]
struct Args {
    /// The repository root (for Cargo.lock and the commit).
    #[arg(long)]
    workspace: PathBuf,
    /// The wizard's binary.
    #[arg(long)]
    app: PathBuf,
    /// The bare Tauri window's binary.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// The headless command's binary.
    #[arg(long)]
    cli: PathBuf,
    /// tauri-driver, for the validation round trips.
    #[arg(long)]
    tauri_driver: PathBuf,
    /// The .deb to weigh.
    #[arg(long)]
    deb: Option<PathBuf>,
    /// Measured runs of each figure (at least 5).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(5..))]
    runs: u16,
    /// Unmeasured runs first (at least 1).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    warmups: u16,
    /// Debug builds: one launch of the wizard, then the requests against curl and the
    /// validation round trips, once each. Checks that the bench still works; asserts nothing
    /// about time.
    #[arg(long)]
    smoke: bool,
    /// Where BENCHMARKS.md (or SMOKE.md) and its JSON go.
    #[arg(long)]
    out: PathBuf,
    /// The command shown in the report as the way to reproduce it.
    #[arg(long, default_value = "make bench")]
    command: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("wizard-bench: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wizard-bench: {error}");
            ExitCode::FAILURE
        }
    }
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|metadata| metadata.len())
        .map_err(|error| format!("{}: {error}", path.display()))
}

/// The ways the window apps are started: the two compared, then both with WebKit's
/// accelerated compositing off. A smoke run starts the wizard alone.
fn variants(args: &Args) -> Result<Vec<(Variant, &'static str)>, String> {
    let variant = |name: &str, binary: &Path, env: &[(&str, &str)]| Variant {
        name: name.to_string(),
        binary: binary.to_path_buf(),
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let wizard = (
        variant(report::WIZARD, &args.app, &[]),
        "Wizard, as shipped",
    );
    if args.smoke {
        return Ok(vec![wizard]);
    }
    let baseline = args.baseline.as_deref().ok_or("--baseline is needed")?;
    Ok(vec![
        (
            variant(report::BASELINE, baseline, &[]),
            "Bare Tauri window",
        ),
        wizard,
        (
            variant(
                report::WIZARD_NO_COMPOSITING,
                &args.app,
                &[(COMPOSITING_ENV, "1")],
            ),
            "Wizard, compositing off",
        ),
        (
            variant(
                report::BASELINE_NO_COMPOSITING,
                baseline,
                &[(COMPOSITING_ENV, "1")],
            ),
            "Bare Tauri window, compositing off",
        ),
    ])
}

/// Checks every file the run needs before the first measurement, so that a wrong path
/// fails at once instead of after minutes of measuring.
fn check_inputs(args: &Args) -> Result<(), String> {
    let mut files = vec![
        ("--app", &args.app),
        ("--cli", &args.cli),
        ("--tauri-driver", &args.tauri_driver),
    ];
    if !args.smoke {
        let baseline = args.baseline.as_ref().ok_or("--baseline is needed")?;
        files.push(("--baseline", baseline));
        if let Some(deb) = &args.deb {
            files.push(("--deb", deb));
        }
    }
    for (flag, path) in files {
        if !path.is_file() {
            return Err(format!("{flag} {}: no such file", path.display()));
        }
    }
    for program in ["hyperfine", "curl"] {
        let found = std::process::Command::new(program)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !found {
            return Err(format!(
                "{program} is not installed (apt-get install {program})"
            ));
        }
    }
    Ok(())
}

async fn run(args: &Args) -> Result<(), String> {
    check_inputs(args)?;
    let scratch = args.out.join(".bench-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let (warmups, runs) = if args.smoke {
        (0, 1)
    } else {
        (usize::from(args.warmups), usize::from(args.runs))
    };
    let hyperfine = Hyperfine {
        warmups,
        runs,
        scratch: &scratch,
    };
    let fake = FakeInfisical::start(Options {
        resettable: true,
        ..Options::default()
    })
    .map_err(|e| format!("the fake server cannot start: {e}"))?;

    eprintln!("1-2. launch and idle memory");
    let variants = variants(args)?;
    let plain: Vec<Variant> = variants
        .iter()
        .map(|(variant, _)| variant.clone())
        .collect();
    let measured = launch::launch_all(&plain, &scratch.join("homes"), warmups, runs, SETTLE)?;
    let mut launch = Vec::new();
    for ((variant, description), runs) in variants.into_iter().zip(measured) {
        launch.extend(VariantResult::new(
            &variant.name,
            description,
            variant.env,
            runs,
        ));
    }
    let sizes = match (&args.baseline, args.smoke) {
        (Some(baseline), false) => Some(Sizes {
            app_binary: file_size(&args.app)?,
            baseline_binary: file_size(baseline)?,
            cli_binary: file_size(&args.cli)?,
            deb: args.deb.as_deref().map(file_size).transpose()?,
        }),
        _ => None,
    };
    eprintln!("4. pre-flight against curl");
    let preflight = versus_curl::preflight(&hyperfine, &args.cli, &fake)?;
    eprintln!("5. bootstrap against curl");
    let bootstrap = versus_curl::bootstrap(&hyperfine, &args.cli, &fake)?;
    eprintln!("6. validation round trips");
    let validation =
        ipc::round_trips(&args.app, &args.tauri_driver, &scratch.join("ipc-home")).await?;

    let results = Results {
        date: machine_date(),
        smoke: args.smoke,
        profile: if args.smoke { "debug" } else { "release" }.into(),
        warmups,
        runs,
        command: args.command.clone(),
        machine: machine::machine(),
        versions: machine::versions(&args.workspace),
        launch,
        sizes,
        preflight: Some(preflight),
        bootstrap: Some(bootstrap),
        validation: Some(validation),
    };
    let stem = if args.smoke { "SMOKE" } else { "BENCHMARKS" };
    let json_name = format!("{stem}.json");
    let json = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    write(&args.out.join(&json_name), &(json + "\n"))?;
    write(
        &args.out.join(format!("{stem}.md")),
        &report::markdown(&results, &json_name),
    )?;
    let _ = std::fs::remove_dir_all(&scratch);
    eprintln!("wrote {}", args.out.join(format!("{stem}.md")).display());
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

fn machine_date() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_default()
}
