use bootstrap_core::preflight::check;
use bootstrap_core::{ServerAddress, ServerState};
use fake_infisical::{FakeInfisical, Mode, Options};

use crate::support::{address, client, server};

#[tokio::test]
async fn fresh_server_is_ready() {
    let fake = server(Mode::Normal);
    assert_eq!(check(&client(), &address(&fake)).await, ServerState::Ready);
    let paths: Vec<String> = fake.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/status", "/api/v1/admin/config"]);
}

#[tokio::test]
async fn preflight_sends_no_authorization_header() {
    let fake = server(Mode::Normal);
    check(&client(), &address(&fake)).await;
    assert!(fake
        .requests()
        .iter()
        .all(|r| r.header("authorization").is_none()));
}

#[tokio::test]
async fn initialized_server_is_already_set_up() {
    let fake = FakeInfisical::start(Options {
        initialized: true,
        ..Options::default()
    })
    .unwrap();
    assert_eq!(
        check(&client(), &address(&fake)).await,
        ServerState::AlreadySetUp
    );
}

#[tokio::test]
async fn pasted_api_url_reaches_the_same_routes() {
    let fake = server(Mode::Normal);
    let pasted = ServerAddress::parse(&format!("{}/api/", fake.url())).unwrap();
    assert_eq!(check(&client(), &pasted).await, ServerState::Ready);
    assert!(fake
        .requests()
        .iter()
        .all(|r| !r.path.starts_with("/api/api")));
}

#[tokio::test]
async fn web_page_is_not_infisical() {
    let fake = server(Mode::HtmlEverywhere);
    assert_eq!(
        check(&client(), &address(&fake)).await,
        ServerState::NotInfisicalPage
    );
}

#[tokio::test]
async fn foreign_json_api_is_not_infisical() {
    let fake = server(Mode::OtherJsonApi);
    assert!(matches!(
        check(&client(), &address(&fake)).await,
        ServerState::NotInfisicalApi { .. }
    ));
}

#[tokio::test]
async fn starting_server_says_so() {
    let fake = server(Mode::StartingUp);
    assert_eq!(
        check(&client(), &address(&fake)).await,
        ServerState::StartingUp
    );
}

#[tokio::test]
async fn maintenance_mode_says_so() {
    let fake = server(Mode::Maintenance);
    assert_eq!(
        check(&client(), &address(&fake)).await,
        ServerState::Maintenance
    );
}
