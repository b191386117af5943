//! Every screen of the app, in the light and the dark theme, in the real window: axe-core
//! must find no serious or critical violation on any of them, and each is saved as a PNG.
//!
//! `make test` saves the PNGs in `tests/e2e/artifacts/screenshots/`; `make screenshots` runs
//! this same test with `SCREENSHOT_DIR=docs/screenshots`, the pictures the README shows.

mod support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use fake_infisical::{FakeInfisical, Options};

use support::Session;

const PASSWORD: &str = "Correct-Horse-42-Staple";

#[derive(Clone, Copy, PartialEq)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The GTK theme the app is started with: WebKitGTK answers `prefers-color-scheme` from
    /// it, as it does from the desktop's own setting.
    fn gtk_theme(self) -> &'static str {
        match self {
            Theme::Light => "Adwaita",
            Theme::Dark => "Adwaita:dark",
        }
    }
}

fn screenshot_dir(theme: Theme) -> PathBuf {
    let base = std::env::var_os("SCREENSHOT_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts/screenshots"),
        PathBuf::from,
    );
    let dir = base.join(theme.name());
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|error| panic!("{} cannot be made: {error}", dir.display()));
    dir
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

struct Walk<'a> {
    session: &'a Session,
    theme: Theme,
    dir: PathBuf,
}

impl Walk<'_> {
    /// Checks the screen as it is now with axe, then saves it as `NAME.png`.
    async fn screen(&self, name: &str) {
        let label = format!("{}-{name}", self.theme.name());
        // Colour transitions end first, so that axe reads the final colours.
        self.session.settle().await;
        self.session.assert_accessible(&label).await;
        self.session.settle().await;
        let png = self
            .session
            .client
            .screenshot()
            .await
            .unwrap_or_else(|error| panic!("no screenshot of {label}: {error}"));
        let path = self.dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|error| panic!("{} cannot be written: {error}", path.display()));
    }

    /// The same screen at the window's minimum size and at a large one: nothing may stick
    /// out sideways.
    async fn sizes(&self, name: &str) {
        for (label, width, height) in [("narrowest", 620, 560), ("wide", 1280, 1000)] {
            self.session
                .client
                .set_window_size(width, height)
                .await
                .unwrap_or_else(|error| panic!("the window cannot be {width}x{height}: {error}"));
            tokio::time::sleep(Duration::from_millis(300)).await;
            let script = "return [document.documentElement.scrollWidth, window.innerWidth];";
            let widths = self.session.client.execute(script, vec![]).await.unwrap();
            let (content, window) = (widths[0].as_u64(), widths[1].as_u64());
            assert!(
                content <= window,
                "{name} at {width}x{height}: the page is {content:?} px wide in a {window:?} px window"
            );
            self.screen(&format!("{name}-{label}")).await;
        }
        self.session.client.set_window_size(760, 760).await.unwrap();
    }

    async fn prefers_dark(&self) -> bool {
        let script = "return matchMedia('(prefers-color-scheme: dark)').matches;";
        self.session.client.execute(script, vec![]).await.unwrap() == serde_json::json!(true)
    }
}

async fn walk_every_screen(theme: Theme, fake: &FakeInfisical) {
    let session = Session::start_with_env(
        &format!("look-{}", theme.name()),
        &[("GTK_THEME", theme.gtk_theme())],
    )
    .await;
    let walk = Walk {
        session: &session,
        theme,
        dir: screenshot_dir(theme),
    };
    session.wait_for("#server-address, #new-instance").await;
    assert_eq!(
        walk.prefers_dark().await,
        theme == Theme::Dark,
        "the page sees the {} theme",
        theme.name()
    );

    // The light run sets up the first instance, so the dark one opens on the list.
    if session.focused_id().await != "server-address" {
        session
            .wait_for("#home:not([hidden]) .instance-list li")
            .await;
        walk.screen("0-home").await;
        session.click("#new-instance").await;
    }

    session.wait_for("#server-address").await;
    walk.screen("1-server").await;
    session
        .check_address(
            &format!("http://127.0.0.1:{}", closed_port()),
            "connectionRefused",
        )
        .await;
    walk.screen("1-server-refused").await;
    session.check_address(&fake.url(), "ready").await;
    walk.screen("1-server-ready").await;

    session.click("#to-admin").await;
    session
        .wait_for("section[data-step='2']:not([hidden])")
        .await;
    // Empty, as a first run leaves them; the run before may have left suggestions.
    for field in ["#email", "#organization"] {
        session.wait_for(field).await.clear().await.unwrap();
    }
    session.click("#to-review").await;
    session.wait_for("#admin-errors:not([hidden])").await;
    walk.screen("2-admin-errors").await;
    session.replace_text("#email", "admin@example.com").await;
    session.type_into("#password", PASSWORD).await;
    session.type_into("#confirm-password", PASSWORD).await;
    session
        .replace_text("#organization", &format!("Acme {}", theme.name()))
        .await;
    session
        .wait_for("#password-rules li:last-child[data-met='true']")
        .await;
    session.wait_for("#admin-errors[hidden]").await;
    walk.screen("2-admin").await;
    if theme == Theme::Light {
        walk.sizes("2-admin").await;
    }

    session.click("#to-review").await;
    session
        .wait_for("section[data-step='3']:not([hidden]) #run-bootstrap")
        .await;
    walk.screen("3-review").await;

    session.click("#run-bootstrap").await;
    session
        .wait_for("section[data-step='4']:not([hidden]) #done-custody[data-status='saved']")
        .await;
    session.wait_for("#done-verification:not([hidden])").await;
    walk.screen("4-done").await;

    session.click("#to-home").await;
    session
        .wait_for("#home:not([hidden]) .instance-list li")
        .await;
    walk.screen("5-home").await;
    session.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, D-Bus, a Secret Service and tauri-driver: run through `make test`"]
async fn every_screen_passes_axe_in_the_light_and_the_dark_theme() {
    for theme in [Theme::Light, Theme::Dark] {
        let fake = FakeInfisical::start(Options::default()).expect("fake server starts");
        walk_every_screen(theme, &fake).await;
        assert_eq!(fake.bootstrap_posts(), 1);
    }
}
