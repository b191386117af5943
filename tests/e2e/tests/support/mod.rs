//! The WebDriver session and the outside checks (keychain, clipboard, leaked secrets) of the
//! e2e tests. Each test binary uses only part of it.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// The keychain service the app stores tokens under (see `bootstrap_core::token_store`).
const KEYCHAIN_SERVICE: &str = "dev.bootstrapwizard.infisical.instance-admin-token";
const WAIT: Duration = Duration::from_secs(20);

/// A running tauri-driver and a WebDriver session on the app. Drop kills the driver.
pub struct Session {
    pub client: Client,
    driver: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Session {
    /// Starts tauri-driver and opens the app given in `WIZARD_APP`. Everything the driver
    /// and the app print (the app logs at trace level) goes to `artifacts/<name>-output.log`.
    pub async fn start(name: &str) -> Self {
        Self::start_with_env(name, &[]).await
    }

    /// Like [`Session::start`], with extra environment variables for the app.
    pub async fn start_with_env(name: &str, env: &[(&str, &str)]) -> Self {
        let app = std::env::var("WIZARD_APP").expect("WIZARD_APP names the app binary");
        let app = std::fs::canonicalize(&app)
            .unwrap_or_else(|error| panic!("WIZARD_APP={app} cannot be used: {error}"));
        let (port, native_port) = (free_port(), free_port());
        let output = std::fs::File::create(output_log(name)).expect("output log opens");
        let driver = Command::new(std::env::var("TAURI_DRIVER").unwrap_or("tauri-driver".into()))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("RUST_LOG", "trace")
            .envs(env.iter().copied())
            .stdout(Stdio::from(output.try_clone().expect("log file handle")))
            .stderr(Stdio::from(output))
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --version ^2)");
        let mut capabilities = Capabilities::new();
        capabilities.insert("tauri:options".into(), json!({ "application": app }));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let client = loop {
            let mut builder = ClientBuilder::new(HttpConnector::new());
            let attempt = builder.capabilities(capabilities.clone()).connect(&url);
            match tokio::time::timeout(Duration::from_secs(30), attempt).await {
                Ok(Ok(client)) => break client,
                _ if std::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await
                }
                other => panic!("no WebDriver session: {:?}", other.map(|r| r.err())),
            }
        };
        Self { client, driver }
    }

    /// Waits until an element matching `css` exists and returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(error) => {
                self.screenshot("failure").await;
                panic!("{css} did not appear: {error}");
            }
        }
    }

    /// Waits for an enabled element and clicks it.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(&format!("{css}:not([disabled])")).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits for a field and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Waits for a field, empties it and types `text` into it.
    pub async fn replace_text(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Checks `address` on the server step and waits for the panel to show `state`.
    pub async fn check_address(&self, address: &str, state: &str) -> Element {
        self.replace_text("#server-address", address).await;
        self.click("#check-server").await;
        self.wait_for(&format!("#server-status[data-state='{state}']"))
            .await
    }

    /// Saves a PNG of the window to `tests/e2e/artifacts/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        self.settle().await;
        let Ok(png) = self.client.screenshot().await else {
            return;
        };
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }

    /// Waits for transitions to end and for WebKit to paint the page as it is now: a
    /// screenshot is the last painted frame, which may predate the latest DOM change (at
    /// launch, even the page's own script).
    pub async fn settle(&self) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let frames = "const done = arguments[0]; \
            requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        let _ = self.client.execute_async(frames, vec![]).await;
    }

    /// Walks steps 1 to 3 with a valid form and clicks "Set up instance". Screenshots are
    /// saved with `prefix`.
    pub async fn run_wizard(&self, server: &str, organization: &str, password: &str, prefix: &str) {
        self.type_into("#server-address", server).await;
        self.click("#check-server").await;
        self.wait_for("#server-status[data-state='ready']").await;
        self.screenshot(&format!("{prefix}1-server")).await;
        self.click("#to-admin").await;
        self.type_into("#email", "admin@example.com").await;
        self.type_into("#password", password).await;
        self.type_into("#confirm-password", password).await;
        self.type_into("#organization", organization).await;
        self.wait_for("#password-rules [data-met='true']").await;
        self.screenshot(&format!("{prefix}2-admin")).await;
        self.click("#to-review").await;
        self.wait_for("section[data-step='3']:not([hidden]) #run-bootstrap")
            .await;
        self.screenshot(&format!("{prefix}3-review")).await;
        self.click("#run-bootstrap").await;
    }

    /// Ends the session, which closes the app.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Where a session's driver and app output goes.
pub fn output_log(name: &str) -> PathBuf {
    artifacts().join(format!("{name}-output.log"))
}

/// Every file that may hold a leaked secret: the session's output log and everything in the
/// XDG data, config, cache and state directories except the keyring itself.
pub fn files_to_search(name: &str) -> Vec<PathBuf> {
    let mut files = vec![output_log(name)];
    let mut dirs: Vec<PathBuf> = [
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ]
    .iter()
    .filter_map(|var| std::env::var_os(var).map(PathBuf::from))
    .collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == "keyrings") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// Fails if any of `secrets` appears in the session's output or files (see
/// [`files_to_search`]). Returns how many files were searched.
pub fn assert_no_secret_leaked(name: &str, secrets: &[&str]) -> usize {
    let files = files_to_search(name);
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "a secret appears in {}",
                file.display()
            );
        }
    }
    files.len()
}

/// The secret the Secret Service holds for our service under an account of `server`, read
/// with `secret-tool`, independently of the app.
pub fn keychain_secret_for(server: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["search", "--all", "--unlock", "service", KEYCHAIN_SERVICE])
        .output()
        .expect("secret-tool runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let mut secret = None;
    let mut matches = false;
    for line in text.lines() {
        if line.starts_with('[') {
            if matches {
                break;
            }
            secret = None;
        } else if let Some(value) = line.strip_prefix("secret = ") {
            secret = Some(value.to_owned());
        } else if let Some(value) = line.strip_prefix("attribute.username = ") {
            matches = value.starts_with(&format!("{server} org:"));
        }
    }
    if matches {
        secret
    } else {
        None
    }
}

/// The X11 clipboard's text, read with xclip.
pub fn clipboard_text() -> Option<String> {
    let output = Command::new("timeout")
        .args(["5", "xclip", "-o", "-selection", "clipboard"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// What a person does with the keyboard alone: keys go to whatever has the focus, never to an
/// element picked by the test.
pub mod keyboard {
    use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
    use fantoccini::key::Key;

    use super::Session;

    /// More Tab presses than any step has stops; reaching it means the target cannot be
    /// reached by keyboard.
    const MAX_TABS: usize = 40;

    impl Session {
        /// The id of the focused element, or "" when it has none.
        pub async fn focused_id(&self) -> String {
            let script = "const e = document.activeElement; return e && e.id ? e.id : '';";
            match self.client.execute(script, vec![]).await {
                Ok(value) => value.as_str().unwrap_or_default().to_owned(),
                Err(error) => panic!("cannot read the focused element: {error}"),
            }
        }

        /// Types `text` (which may hold WebDriver key codes such as Tab) into the page.
        pub async fn press(&self, text: &str) {
            let mut actions = KeyActions::new("keyboard".to_owned());
            for value in text.chars() {
                actions = actions
                    .then(KeyAction::Down { value })
                    .then(KeyAction::Up { value });
            }
            self.client
                .perform_actions(actions)
                .await
                .unwrap_or_else(|error| panic!("keys {text:?} were not typed: {error}"));
        }

        /// Presses one special key, such as `Key::Enter`.
        pub async fn press_key(&self, key: Key) {
            self.press(&char::from(key).to_string()).await;
        }

        /// Presses Tab until the element with `id` has the focus, and returns how many presses
        /// it took. Fails when the focus never gets there.
        pub async fn tab_to(&self, id: &str) -> usize {
            self.move_focus_to(id, false).await
        }

        /// Like [`Session::tab_to`], backwards with Shift+Tab.
        pub async fn shift_tab_to(&self, id: &str) -> usize {
            self.move_focus_to(id, true).await
        }

        async fn move_focus_to(&self, id: &str, backwards: bool) -> usize {
            let mut seen = Vec::new();
            for presses in 0..=MAX_TABS {
                let focused = self.focused_id().await;
                if focused == id {
                    return presses;
                }
                seen.push(focused);
                if backwards {
                    let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
                    let actions = KeyActions::new("keyboard".to_owned())
                        .then(KeyAction::Down { value: shift })
                        .then(KeyAction::Down { value: tab })
                        .then(KeyAction::Up { value: tab })
                        .then(KeyAction::Up { value: shift });
                    self.client
                        .perform_actions(actions)
                        .await
                        .unwrap_or_else(|error| panic!("Shift+Tab was not pressed: {error}"));
                } else {
                    self.press_key(Key::Tab).await;
                }
            }
            self.screenshot(&format!("keyboard-lost-{id}")).await;
            panic!("#{id} never got the focus; the focus went through {seen:?}");
        }
    }
}

/// Accessibility checks with axe-core, the engine behind most accessibility linters. Its
/// source comes from the UI's npm packages (`ui/node_modules/axe-core`).
pub mod axe {
    use serde_json::Value;

    use super::Session;

    const AXE_SOURCE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/node_modules/axe-core/axe.min.js"
    );

    /// Runs axe in the page and waits for its report. Resolves with the violations as JSON,
    /// or with a string starting "axe failed" when axe itself could not run.
    const RUN: &str = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ["violations"] })
          .then((report) => done(report.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => n.target.join(" ")),
          }))))
          .catch((error) => done("axe failed: " + error));
    "#;

    /// One rule axe found broken, and where.
    #[derive(Debug)]
    pub struct Violation {
        pub id: String,
        pub impact: String,
        pub help: String,
        pub targets: Vec<String>,
    }

    impl Violation {
        pub fn is_serious(&self) -> bool {
            matches!(self.impact.as_str(), "serious" | "critical")
        }
    }

    impl Session {
        /// Every violation axe reports on the page as it is now.
        pub async fn axe_violations(&self) -> Vec<Violation> {
            let installed = self
                .client
                .execute("return typeof window.axe === 'object';", vec![])
                .await
                .unwrap_or(Value::Bool(false));
            if installed != Value::Bool(true) {
                let source = std::fs::read_to_string(AXE_SOURCE).unwrap_or_else(|error| {
                    panic!("{AXE_SOURCE} cannot be read ({error}): run `npm ci` in ui/")
                });
                self.client
                    .execute(&source, vec![])
                    .await
                    .unwrap_or_else(|error| panic!("axe-core did not load in the page: {error}"));
            }
            let report = self
                .client
                .execute_async(RUN, vec![])
                .await
                .unwrap_or_else(|error| panic!("axe did not run: {error}"));
            let Value::Array(items) = report else {
                panic!("{report}");
            };
            items
                .iter()
                .map(|item| Violation {
                    id: text(&item["id"]),
                    impact: text(&item["impact"]),
                    help: text(&item["help"]),
                    targets: item["targets"]
                        .as_array()
                        .map(|targets| targets.iter().map(text).collect())
                        .unwrap_or_default(),
                })
                .collect()
        }

        /// Fails when axe finds a serious or critical violation on the page; prints the
        /// minor and moderate ones.
        pub async fn assert_accessible(&self, screen: &str) {
            let violations = self.axe_violations().await;
            let (serious, minor): (Vec<_>, Vec<_>) =
                violations.into_iter().partition(Violation::is_serious);
            for violation in &minor {
                eprintln!("{screen}: axe ({}) {violation:?}", violation.impact);
            }
            if !serious.is_empty() {
                self.screenshot(&format!("axe-{screen}")).await;
                panic!("{screen}: axe reports serious or critical violations: {serious:#?}");
            }
        }
    }

    fn text(value: &Value) -> String {
        value.as_str().unwrap_or_default().to_owned()
    }
}
