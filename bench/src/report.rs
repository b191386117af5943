//! BENCHMARKS.md: every figure with its median, min and max, the targets met and missed,
//! and how to get the same numbers again.

use std::fmt::Write as _;

use crate::results::{Results, VariantResult};
use crate::stats::Summary;
use crate::versus_curl::Comparison;

/// The launch variant that is the app as shipped, and the bare Tauri window.
pub const WIZARD: &str = "wizard";
pub const BASELINE: &str = "baseline";
/// The wizard and the bare window with WebKit's accelerated compositing off.
pub const WIZARD_NO_COMPOSITING: &str = "wizard-compositing-off";
pub const BASELINE_NO_COMPOSITING: &str = "baseline-compositing-off";

const MB: f64 = 1_000_000.0;

/// One target and whether this run met it.
struct Verdict {
    figure: &'static str,
    measured: String,
    target: &'static str,
    met: bool,
    /// Why it is missed and what would fix it; only shown for a miss.
    when_missed: String,
}

fn variant<'a>(results: &'a Results, name: &str) -> Option<&'a VariantResult> {
    results.launch.iter().find(|variant| variant.name == name)
}

fn range(summary: &Summary, digits: usize) -> String {
    format!(
        "{:.digits$} | {:.digits$} | {:.digits$}",
        summary.median, summary.min, summary.max
    )
}

fn verdicts(results: &Results) -> Vec<Verdict> {
    let mut verdicts = Vec::new();
    if let (Some(wizard), Some(baseline)) = (variant(results, WIZARD), variant(results, BASELINE)) {
        let ratio = wizard.ready_ms.median / baseline.ready_ms.median;
        verdicts.push(Verdict {
            figure: "1. Launch → interactive",
            measured: format!(
                "{:.0} ms vs {:.0} ms: {ratio:.2}×",
                wizard.ready_ms.median, baseline.ready_ms.median
            ),
            target: "≤ 1.1× the bare window",
            met: ratio <= 1.1,
            when_missed: "The wizard's first screen is a real page: a 29 kB module script \
                and a 15 kB stylesheet fetched through Tauri's asset protocol, the markup of \
                all four steps, one IPC call for the instances set up before, and a first \
                layout and paint of all that under software rendering. The bare window paints \
                an empty page. Timed in the page (Navigation Timing, debug build), the script \
                starts 30 to 200 ms after the HTML arrived and the screen is ready 30 to 190 \
                ms after that, depending on where WebKit's first paint falls; the plugins \
                (clipboard, dialog, opener) cost nothing measurable. What would fix it: \
                inline the stylesheet and the first step's script in index.html, with CSP \
                hashes, so the first screen does not wait for asset requests."
                .into(),
        });
        let ratio = wizard.rss_mib.median / baseline.rss_mib.median;
        verdicts.push(Verdict {
            figure: "2. Idle memory (RSS of the tree)",
            measured: format!(
                "{:.1} MiB vs {:.1} MiB: {ratio:.2}×",
                wizard.rss_mib.median, baseline.rss_mib.median
            ),
            target: "≤ 1.1× the bare window",
            met: ratio <= 1.1,
            when_missed: memory_gap(results, baseline),
        });
    }
    if let Some(sizes) = &results.sizes {
        verdicts.push(Verdict {
            figure: "3. Release binary",
            measured: format!("{:.2} MB", sizes.app_binary as f64 / MB),
            target: "≤ 12 MB",
            met: (sizes.app_binary as f64) <= 12.0 * MB,
            when_missed: "Most of it is Tauri, the WebKitGTK bindings, rustls and the \
                embedded page. What would fix it: `panic = \"abort\"` (the release profile \
                says why it unwinds) and fewer plugins."
                .into(),
        });
        if let Some(deb) = sizes.deb {
            verdicts.push(Verdict {
                figure: "3. .deb",
                measured: format!("{:.2} MB", deb as f64 / MB),
                target: "≤ 5 MB",
                met: (deb as f64) <= 5.0 * MB,
                when_missed: "The .deb holds the compressed binary and the icons; what would fix \
                    it is a smaller binary."
                    .into(),
            });
        }
    }
    for (figure, comparison) in [
        ("4. Pre-flight vs curl", &results.preflight),
        ("5. Bootstrap vs curl", &results.bootstrap),
    ] {
        if let Some(comparison) = comparison {
            verdicts.push(Verdict {
                figure,
                measured: format!(
                    "{:.1} ms vs {:.1} ms: {:.2}×",
                    comparison.tool.time_ms.median,
                    comparison.curl.time_ms.median,
                    comparison.ratio()
                ),
                target: "≤ 1.3× curl",
                met: comparison.ratio() <= 1.3,
                when_missed: request_gap(figure, comparison),
            });
        }
    }
    if let Some(validation) = &results.validation {
        verdicts.push(Verdict {
            figure: "6. Validation round trip p99",
            measured: format!(
                "{:.2} ms (p50 {:.2} ms)",
                validation.p99_ms, validation.p50_ms
            ),
            target: "≤ 5 ms",
            met: validation.p99_ms <= 5.0,
            when_missed: "The tail is WebKit's IPC to the backend (a custom-protocol request \
                per call) meeting other work in the page; the check itself takes microseconds. \
                What would fix it: run the same field rules in the page as the person types, \
                and ask the backend only when they submit."
                .into(),
        });
    }
    verdicts
}

/// Why the tool can cost more than curl: the requests and the work curl does not do.
fn request_gap(figure: &str, comparison: &Comparison) -> String {
    let (tool, curl) = (
        comparison.tool.requests.len(),
        comparison.curl.requests.len(),
    );
    let extra = if figure.starts_with('5') {
        " Before the POST it checks that the server is an Infisical that is not set up yet, \
         and afterwards it records the instance in its history file and syncs that to disk."
    } else {
        " It asks whether the server is an Infisical and whether it is set up yet; curl only \
         asks whether something answers."
    };
    format!(
        "The tool makes {tool} requests where curl makes {curl}.{extra} It also loads the \
         system's root certificates before the first request, even for a plain-http server. \
         What would fix it: load them only for https servers, and send the two pre-flight \
         requests at the same time."
    )
}

/// Why the wizard idles above the bare window, from what the compositing variants showed.
fn memory_gap(results: &Results, baseline: &VariantResult) -> String {
    let mut text = "Under software rendering WebKit keeps a backing store for each composited \
        layer, and the wizard's page has more of them than an empty page."
        .to_string();
    if let Some(off) = variant(results, WIZARD_NO_COMPOSITING) {
        let _ = write!(
            text,
            " With compositing off the wizard idles at {:.1} MiB, {} the bare window's {:.1} \
             MiB, but that mode breaks the screenshots the UI tests rely on (see below).",
            off.rss_mib.median,
            if off.rss_mib.median < baseline.rss_mib.median {
                "under"
            } else {
                "still over"
            },
            baseline.rss_mib.median
        );
    }
    text.push_str(
        " What would fix it: find the CSS that makes the extra layers (shadows, transitions, \
         the scrolling panel) and drop it, which keeps both.",
    );
    text
}

fn comparison_section(out: &mut String, title: &str, what: &str, comparison: &Comparison) {
    let _ = writeln!(out, "## {title}\n\n{what}\n");
    let _ = writeln!(
        out,
        "| Command | Median (ms) | Min (ms) | Max (ms) | Requests per run |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---|");
    for (name, side) in [
        ("infisical-bootstrap", &comparison.tool),
        ("curl", &comparison.curl),
    ] {
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            range(&side.time_ms, 1),
            if side.requests.is_empty() {
                "0".to_string()
            } else {
                format!("{}: {}", side.requests.len(), side.requests.join(", "))
            }
        );
    }
    let _ = writeln!(
        out,
        "\nRatio of the medians: **{:.2}×**.\n\n\
         To time it by hand, from the repository root (the bench itself starts the fake \
         server in its own process, on a free port):\n\n```sh\n{}\n{}\n```\n",
        comparison.ratio(),
        comparison.setup.join("\n"),
        comparison.hyperfine,
    );
}

/// The whole Markdown file.
pub fn markdown(results: &Results, json_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n\
         Written by `{}` on {} from commit `{}`, on {} builds. Each figure is the median, \
         min and max of {} runs after {} warm-up run(s). The raw numbers, every run included, are in \
         [`{json_name}`]({json_name}). Reproduce everything with:\n\n```sh\n{}\n```\n",
        if results.smoke {
            "Bench smoke run: checks the bench works; its times mean nothing"
        } else {
            "Benchmarks"
        },
        results.command,
        results.date,
        results.versions.commit,
        results.profile,
        results.runs,
        results.warmups,
        results.command
    );
    let verdicts = if results.smoke {
        Vec::new()
    } else {
        verdicts(results)
    };
    if results.smoke {
        let _ = writeln!(out, "A smoke run judges no target.\n");
    }
    if !results.smoke {
        let _ = writeln!(
            out,
            "## Targets\n\n| Figure | Measured | Target | |\n|---|---|---|---|"
        );
    }
    for verdict in &verdicts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            verdict.figure,
            verdict.measured,
            verdict.target,
            if verdict.met { "met" } else { "**missed**" }
        );
    }
    let misses: Vec<&Verdict> = verdicts.iter().filter(|verdict| !verdict.met).collect();
    if !misses.is_empty() {
        let _ = writeln!(out, "\n### Misses\n");
        for miss in misses {
            let _ = writeln!(
                out,
                "- **{}** ({}): {}",
                miss.figure, miss.measured, miss.when_missed
            );
        }
    }

    let machine = &results.machine;
    let versions = &results.versions;
    let _ = writeln!(
        out,
        "\n## Machine and versions\n\n\
         - CPU: {} ({} cores available), {} GiB of memory\n\
         - OS: {}, kernel {}\n\
         - {}; Tauri {}; WebKitGTK {}\n\
         - {}; {}\n\
         - Window apps run under Xvfb (software rendering), with a D-Bus session and \
         gnome-keyring, as in `make test`.\n",
        machine.cpu,
        machine.cores,
        machine.memory_gib,
        machine.os,
        machine.kernel,
        versions.rustc,
        versions.tauri,
        versions.webkitgtk,
        versions.hyperfine,
        versions.curl
    );

    if !results.launch.is_empty() {
        let _ = writeln!(
            out,
            "## 1. Launch → interactive\n\n\
             From spawning the {} binary to the page's first screen reporting that it \
             is painted, has the focus and takes keys: after the next animation frame, the \
             page calls the backend, which prints `ready`. \
             The baseline is `bench/baseline`: a bare Tauri {} window of the same size with \
             an empty page that reports ready the same way, once painted. Each variant keeps its own home \
             directory across its runs, as a second launch would find it; the variants take \
             turns, run by run.\n\n\
             | Variant | Median (ms) | Min (ms) | Max (ms) |\n|---|---:|---:|---:|",
            results.profile,
            versions.tauri
        );
        for variant in &results.launch {
            let _ = writeln!(
                out,
                "| {} | {} |",
                label(variant),
                range(&variant.ready_ms, 0)
            );
        }
        let _ = writeln!(
            out,
            "\n## 2. Idle memory\n\n\
             Five seconds after ready: the resident memory (RSS) of the app and every process \
             it started (WebKitWebProcess, WebKitNetworkProcess), summed. RSS counts shared \
             libraries once per process; PSS shares them out and is the fairer total.\n\n\
             | Variant | RSS median (MiB) | min | max | PSS median (MiB) | min | max |\n\
             |---|---:|---:|---:|---:|---:|---:|"
        );
        for variant in &results.launch {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                label(variant),
                range(&variant.rss_mib, 1),
                range(&variant.pss_mib, 1)
            );
        }
        if let (Some(on), Some(off)) = (
            variant(results, WIZARD),
            variant(results, WIZARD_NO_COMPOSITING),
        ) {
            let _ = writeln!(
                out,
                "\n**WebKit's settings, tried.** With accelerated compositing off \
                 (`WEBKIT_DISABLE_COMPOSITING_MODE=1`) the wizard idles at {:.1} MiB RSS \
                 instead of {:.1} MiB ({:.1} instead of {:.1} MiB PSS), and its window paints \
                 the same (checked by hand with X screen grabs on 2026-12-04). It is not kept: in that mode \
                 WebKitGTK 2.50's page snapshots, which WebDriver screenshots are, hang after \
                 the server check, so the UI tests, the axe checks and `make screenshots` \
                 could no longer check what ships. The document-viewer cache model was tried \
                 too: it saved under 1 MiB, within the noise between runs (measured once, on \
                 2026-12-04), and was not kept either.",
                off.rss_mib.median, on.rss_mib.median, off.pss_mib.median, on.pss_mib.median
            );
        }
        if let Some(wizard) = variant(results, WIZARD) {
            if let Some(run) = wizard.runs.first() {
                let _ = writeln!(out, "\nThe wizard's processes in its first measured run:\n");
                for process in &run.processes {
                    let _ = writeln!(
                        out,
                        "- {}: {:.1} MiB RSS, {:.1} MiB PSS",
                        process.name,
                        process.rss_kib as f64 / 1024.0,
                        process.pss_kib as f64 / 1024.0
                    );
                }
            }
        }
        let _ = writeln!(out);
    }

    if let Some(sizes) = &results.sizes {
        let _ = writeln!(
            out,
            "## 3. Size\n\n\
             Release profile: fat LTO, one codegen unit, `opt-level = \"s\"`, symbols \
             stripped.\n\n\
             | File | Bytes | MB |\n|---|---:|---:|\n\
             | Wizard binary | {} | {:.2} |\n\
             | Bare Tauri window binary (same profile) | {} | {:.2} |\n\
             | Headless command `infisical-bootstrap` | {} | {:.2} |",
            sizes.app_binary,
            sizes.app_binary as f64 / MB,
            sizes.baseline_binary,
            sizes.baseline_binary as f64 / MB,
            sizes.cli_binary,
            sizes.cli_binary as f64 / MB
        );
        if let Some(deb) = sizes.deb {
            let _ = writeln!(
                out,
                "| `.deb` from `make package` | {deb} | {:.2} |",
                deb as f64 / MB
            );
        }
        let _ = writeln!(out);
    }

    if let Some(preflight) = &results.preflight {
        comparison_section(
            &mut out,
            "4. Pre-flight against curl",
            "`infisical-bootstrap check` against `curl -sf <server>/api/status`, both against \
             the fake Infisical on loopback, timed by hyperfine (which subtracts the shell's \
             own start).",
            preflight,
        );
    }
    if let Some(bootstrap) = &results.bootstrap {
        comparison_section(
            &mut out,
            "5. Bootstrap against curl",
            "A whole headless bootstrap (`--store none --output token`) against `curl` \
             sending the one POST. The fake server is made fresh before every run \
             (hyperfine's `--prepare`, not timed).",
            bootstrap,
        );
    }
    if let Some(validation) = &results.validation {
        let _ = writeln!(
            out,
            "## 6. Validation round trip\n\n\
             `validate_admin`, the command the admin step calls as the person types, called \
             {} times in a row from the page of the {} app, each call awaited and timed \
             with `performance.now()` (after {} untimed calls). The page's clock advances \
             in steps of {:.3} ms, so each call is known to that step; the mean of all \
             calls, from their total time, is exact: **{:.3} ms**.\n\n\
             | p50 (ms) | p99 (ms) | Median (ms) | Min (ms) | Max (ms) |\n|---:|---:|---:|---:|---:|\n\
             | {:.3} | {:.3} | {} |\n",
            crate::ipc::CALLS,
            results.profile,
            crate::ipc::WARMUP_CALLS,
            validation.clock_resolution_ms,
            validation.mean_from_total_ms,
            validation.p50_ms,
            validation.p99_ms,
            range(&validation.summary_ms, 3)
        );
    }
    out
}

fn label(variant: &VariantResult) -> String {
    format!("{} (`{}`)", variant.description, variant.name)
}
