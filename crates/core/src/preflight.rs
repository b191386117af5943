//! The pre-flight check: is this address a reachable Infisical that is not set up yet?
//!
//! Two unauthenticated reads, `GET /api/status` and `GET /api/v1/admin/config`, decide it.
//! No credentials are needed or sent, so the wizard can run this before asking for any.
//! Every outcome, including each kind of network failure, is a [`ServerState`].

use serde::Deserialize;
use tracing::{debug, instrument};
use url::Url;

use crate::address::ServerAddress;
use crate::failure::NetworkFailure;
use crate::http::HttpClient;
pub use crate::server_state::{NextStep, ServerState};

#[derive(Deserialize)]
struct StatusBody {
    message: Option<String>,
    date: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ConfigBody {
    config: Config,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Config {
    initialized: Option<bool>,
    is_migration_mode_on: Option<bool>,
}

/// Classifies the server at `address`. Never fails: every problem is a [`ServerState`].
#[instrument(skip_all, fields(server = %address))]
pub async fn check(client: &HttpClient, address: &ServerAddress) -> ServerState {
    let status = match get(client, address, "/api/status").await {
        Ok(answer) => answer,
        Err(state) => return state,
    };
    match status.status {
        503 => return ServerState::StartingUp,
        200 => {}
        code => return not_infisical(&status, format!("/api/status answered HTTP {code}")),
    }
    let body = serde_json::from_str::<StatusBody>(&status.body).ok();
    let is_infisical = body.is_some_and(|b| b.message.as_deref() == Some("Ok") && b.date.is_some());
    if !is_infisical {
        return not_infisical(
            &status,
            "/api/status answered JSON that is not Infisical's".into(),
        );
    }
    let config = match get(client, address, "/api/v1/admin/config").await {
        Ok(answer) => answer,
        Err(state) => return state,
    };
    match config.status {
        503 => return ServerState::StartingUp,
        200 => {}
        code => {
            let detail = format!("/api/v1/admin/config answered HTTP {code}");
            return not_infisical(&config, detail);
        }
    }
    let Ok(ConfigBody { config }) = serde_json::from_str(&config.body) else {
        let detail = "/api/v1/admin/config answered without a server configuration".into();
        return not_infisical(&config, detail);
    };
    debug!(?config.initialized, ?config.is_migration_mode_on, "server configuration read");
    if config.is_migration_mode_on == Some(true) {
        ServerState::Maintenance
    } else if config.initialized == Some(true) {
        ServerState::AlreadySetUp
    } else {
        ServerState::Ready
    }
}

struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

async fn get(
    client: &HttpClient,
    address: &ServerAddress,
    path: &str,
) -> Result<Answer, ServerState> {
    let url = address.endpoint(path);
    let sent = client
        .inner()
        .get(&url)
        .header("accept", "application/json")
        .send()
        .await;
    let response = sent.map_err(|error| failed(client, address, &error))?;
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let target = crate::bootstrap::location(&response);
        return Err(redirect(address, &url, status, &target));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .text()
        .await
        .map_err(|error| failed(client, address, &error))?;
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

fn failed(client: &HttpClient, address: &ServerAddress, error: &reqwest::Error) -> ServerState {
    match NetworkFailure::classify(error) {
        NetworkFailure::Dns => ServerState::DnsFailure {
            host: address.host(),
        },
        NetworkFailure::Refused => ServerState::ConnectionRefused,
        NetworkFailure::Timeout => ServerState::Timeout {
            seconds: client.timeout().as_secs().max(1),
        },
        NetworkFailure::Tls { kind, detail } => ServerState::TlsFailure {
            tls_kind: kind,
            detail,
        },
        NetworkFailure::Other(reason) => ServerState::Unreachable { reason },
    }
}

/// A redirect, with the https address of the same host offered when that is where it goes.
fn redirect(address: &ServerAddress, url: &str, status: u16, target: &str) -> ServerState {
    let resolved = Url::parse(url).ok().and_then(|base| base.join(target).ok());
    let suggestion = resolved.as_ref().and_then(|to| {
        let upgrade = address.scheme() == "http"
            && to.scheme() == "https"
            && to.host_str().map(str::to_ascii_lowercase) == Some(address.host());
        upgrade
            .then(|| ServerAddress::parse(to.as_str()).ok())
            .flatten()
            .map(|https| https.to_string())
    });
    ServerState::Redirect {
        status,
        redirect_target: resolved.map_or_else(|| target.to_owned(), |to| to.to_string()),
        suggestion,
    }
}

fn not_infisical(answer: &Answer, detail: String) -> ServerState {
    let html = answer.content_type.contains("html") || answer.body.trim_start().starts_with('<');
    if html && answer.status == 200 {
        ServerState::NotInfisicalPage
    } else {
        ServerState::NotInfisicalApi { detail }
    }
}
