//! One test per server state the pre-flight can report, each against a real socket.

use std::time::Duration;

use bootstrap_core::preflight::check;
use bootstrap_core::{ClientOptions, HttpClient, ProxyEnv, ServerAddress, ServerState};
use fake_infisical::Mode;

use crate::support::{address, client, server};

fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn unresolvable_name_is_a_dns_failure() {
    let address = ServerAddress::parse("https://no-such-host.invalid").unwrap();
    assert_eq!(
        check(&client(), &address).await,
        ServerState::DnsFailure {
            host: "no-such-host.invalid".into()
        }
    );
}

#[tokio::test]
async fn closed_port_is_connection_refused() {
    let address = ServerAddress::parse(&format!("http://127.0.0.1:{}", closed_port())).unwrap();
    assert_eq!(
        check(&client(), &address).await,
        ServerState::ConnectionRefused
    );
}

#[tokio::test]
async fn silent_server_times_out_within_the_client_timeout() {
    let fake = server(Mode::Hang);
    let quick = HttpClient::with_options(ClientOptions {
        timeout: Some(Duration::from_secs(1)),
        ..ClientOptions::default()
    })
    .unwrap();
    let started = std::time::Instant::now();
    let state = check(&quick, &address(&fake)).await;
    assert_eq!(state, ServerState::Timeout { seconds: 1 });
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn html_page_is_not_infisical_page() {
    let fake = server(Mode::HtmlEverywhere);
    assert_eq!(
        check(&client(), &address(&fake)).await,
        ServerState::NotInfisicalPage
    );
}

#[tokio::test]
async fn foreign_json_is_not_infisical_api() {
    let fake = server(Mode::OtherJsonApi);
    let state = check(&client(), &address(&fake)).await;
    assert!(
        matches!(state, ServerState::NotInfisicalApi { .. }),
        "{state:?}"
    );
}

#[tokio::test]
async fn http_to_https_redirect_offers_the_https_address() {
    for mode in [Mode::Redirect301, Mode::Redirect302, Mode::Redirect307] {
        let fake = server(mode);
        let ServerState::Redirect {
            redirect_target,
            suggestion,
            ..
        } = check(&client(), &address(&fake)).await
        else {
            panic!("{mode:?} is not a redirect");
        };
        let https = format!("https://127.0.0.1:{}", fake.port());
        assert_eq!(redirect_target, format!("{https}/api/status"));
        assert_eq!(suggestion, Some(https), "{mode:?}");
        assert_eq!(fake.requests().len(), 1, "{mode:?}: not followed");
    }
}

#[tokio::test]
async fn redirect_elsewhere_is_reported_without_an_offer() {
    let fake = server(Mode::Redirect302);
    fake.set_redirect_target(Some("https://login.example.com/sso".into()));
    let state = check(&client(), &address(&fake)).await;
    assert_eq!(
        state,
        ServerState::Redirect {
            status: 302,
            redirect_target: "https://login.example.com/sso/api/status".into(),
            suggestion: None,
        }
    );
}

#[tokio::test]
async fn refused_proxy_is_named_in_the_explanation() {
    let proxy = format!("http://127.0.0.1:{}", closed_port());
    let env = ProxyEnv::from_lookup(|name| (name == "HTTPS_PROXY").then(|| proxy.clone()));
    let client = HttpClient::with_options(ClientOptions {
        proxy: Some(env),
        ..ClientOptions::default()
    })
    .unwrap();
    let address = ServerAddress::parse("https://secrets.example.com").unwrap();
    let state = check(&client, &address).await;
    assert_eq!(state, ServerState::ConnectionRefused);
    let named = client.proxy_for(address.as_str());
    assert_eq!(named.as_deref(), Some(proxy.as_str()));
    assert!(state.explanation(named.as_deref()).contains(&proxy));
}
