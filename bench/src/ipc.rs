//! Figure 6, the IPC round trip of `validate_admin`, the command the admin step calls on every
//! keystroke, timed inside the real window: the page awaits each call before the next, and
//! reads `performance.now()` between calls. WebKit's clock in a page moves in whole
//! milliseconds, so each single call is known to ±1 ms; the mean comes from the total.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Serialize;
use serde_json::json;

use crate::stats::{percentile, Summary};

/// The calls timed in the page; a warm-up of `WARMUP_CALLS` comes first.
pub const CALLS: usize = 1000;
pub const WARMUP_CALLS: usize = 100;

/// What the page measured.
#[derive(Clone, Debug, Serialize)]
pub struct RoundTrips {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub summary_ms: Summary,
    /// The mean from the time all the calls took together: exact to a few µs, where each
    /// single call is only as exact as the page's clock.
    pub mean_from_total_ms: f64,
    /// The smallest step `performance.now()` showed in this window, in ms.
    pub clock_resolution_ms: f64,
}

/// The page side: `calls` awaited round trips of a half-typed admin form, each timed.
const SCRIPT: &str = r#"
const [calls, warmup, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const invoke = window.__TAURI_INTERNALS__.invoke;
const form = {
  email: "admin@example.co",
  password: "Correct-Horse-4",
  confirmPassword: "Correct-Horse",
  organization: "Acme",
};
(async () => {
  for (let i = 0; i < warmup; i++) await invoke("validate_admin", { form });
  const times = [];
  const first = performance.now();
  let start = first;
  for (let i = 0; i < calls; i++) {
    await invoke("validate_admin", { form });
    const end = performance.now();
    times.push(end - start);
    start = end;
  }
  const total = start - first;
  let resolution = Infinity;
  let previous = performance.now();
  for (let i = 0; i < 100000 && resolution === Infinity; i++) {
    const now = performance.now();
    if (now > previous) resolution = now - previous;
  }
  done({ times, total, resolution });
})().catch((error) => done({ error: String(error) }));
"#;

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// tauri-driver, killed on drop.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Opens `app` through `tauri_driver` and times the round trips.
pub async fn round_trips(
    app: &Path,
    tauri_driver: &Path,
    home: &Path,
) -> Result<RoundTrips, String> {
    let (port, native_port) = (free_port()?, free_port()?);
    let _driver = Driver(
        Command::new(tauri_driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{} cannot start: {e}", tauri_driver.display()))?,
    );
    let app = std::fs::canonicalize(app).map_err(|e| format!("{}: {e}", app.display()))?;
    let mut capabilities = Capabilities::new();
    capabilities.insert("tauri:options".into(), json!({ "application": app }));
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let client: Client = loop {
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await;
        match attempt {
            Ok(client) => break client,
            Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => return Err(format!("no WebDriver session: {error}")),
        }
    };
    let result = measure(&client).await;
    let _ = client.close().await;
    result
}

async fn measure(client: &Client) -> Result<RoundTrips, String> {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#server-address"))
        .await
        .map_err(|e| format!("the first step never showed: {e}"))?;
    let answer = client
        .execute_async(SCRIPT, vec![json!(CALLS), json!(WARMUP_CALLS)])
        .await
        .map_err(|e| format!("the timing script failed: {e}"))?;
    if let Some(error) = answer.get("error") {
        return Err(format!("validate_admin failed in the page: {error}"));
    }
    let times: Vec<f64> = answer["times"]
        .as_array()
        .ok_or("the page sent no times")?
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    if times.len() != CALLS {
        return Err(format!("{} round trips timed, not {CALLS}", times.len()));
    }
    Ok(RoundTrips {
        p50_ms: percentile(&times, 50.0).unwrap_or(f64::NAN),
        p99_ms: percentile(&times, 99.0).unwrap_or(f64::NAN),
        summary_ms: Summary::of(times).ok_or("no times")?,
        mean_from_total_ms: answer["total"].as_f64().unwrap_or(f64::NAN) / CALLS as f64,
        clock_resolution_ms: answer["resolution"].as_f64().unwrap_or(f64::NAN),
    })
}
