//! The app as the .deb installs it: `make package-smoke` installs the package with apt-get,
//! then runs this test with `WIZARD_APP=/usr/bin/infisical-bootstrap-wizard`. The release
//! build must open its window, load the page it embeds and be ready for the address.

mod support;

use support::Session;

#[tokio::test]
#[ignore = "needs the installed .deb, Xvfb and tauri-driver: run through `make package-smoke`"]
async fn the_installed_app_opens_on_the_server_step() {
    let session = Session::start("installed").await;
    session.wait_for("#server-address").await;
    assert_eq!(session.focused_id().await, "server-address");
    session
        .wait_for("#stepper li[data-step='1'][data-state='current'][aria-current='step']")
        .await;
    let title = session.client.title().await.unwrap();
    assert!(title.contains("Infisical Bootstrap Wizard"), "{title}");
    session.screenshot("installed").await;
    session.close().await;
}
