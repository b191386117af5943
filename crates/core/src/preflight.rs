//! The pre-flight check: is this address a reachable Infisical that is not set up yet?
//!
//! Two unauthenticated reads, `GET /api/status` and `GET /api/v1/admin/config`, decide it.
//! No credentials are needed or sent, so the wizard can run this before asking for any.

use serde::{Deserialize, Serialize};
use tracing::{debug, instrument};

use crate::address::ServerAddress;
use crate::http::{describe, HttpClient};

/// What the pre-flight found at an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum ServerState {
    /// An Infisical server that has not been set up: the wizard may go on.
    Ready,
    /// The instance has been bootstrapped already; bootstrap cannot run again.
    AlreadySetUp,
    /// The server answers 503 while its database migrations run.
    StartingUp,
    /// The server is in maintenance mode, where a bootstrap would fail.
    Maintenance,
    /// Something answered, but not as Infisical's API does.
    #[serde(rename_all = "camelCase")]
    NotInfisical {
        /// What was seen instead, for a person.
        reason: String,
    },
    /// No answer at all: DNS, refused connection, TLS or timeout.
    #[serde(rename_all = "camelCase")]
    Unreachable {
        /// What went wrong, for a person.
        reason: String,
    },
}

impl ServerState {
    /// A one-line explanation with the next step, for a person.
    pub fn explanation(&self) -> String {
        match self {
            Self::Ready => "This Infisical server is not set up yet. Continue to create its first admin.".into(),
            Self::AlreadySetUp => "This instance has been set up already. Bootstrap works only once per instance: pick another server.".into(),
            Self::StartingUp => "The server is starting up and running its database migrations. Wait a moment, then check again.".into(),
            Self::Maintenance => "The server is in maintenance mode and cannot be set up now. Turn maintenance mode off, then check again.".into(),
            Self::NotInfisical { reason } => format!("This address does not answer like an Infisical server: {reason}. Check the address."),
            Self::Unreachable { reason } => format!("The server could not be reached: {reason}."),
        }
    }
}

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
    let status = match get(client, &address.endpoint("/api/status")).await {
        Ok(response) => response,
        Err(state) => return state,
    };
    match status.status {
        503 => return ServerState::StartingUp,
        200 => {}
        code => return not_infisical(format!("/api/status answered HTTP {code}")),
    }
    let Ok(body) = serde_json::from_str::<StatusBody>(&status.body) else {
        return not_infisical(non_json_reason(&status));
    };
    if body.message.as_deref() != Some("Ok") || body.date.is_none() {
        return not_infisical("/api/status answered JSON that is not Infisical's".into());
    }
    let config = match get(client, &address.endpoint("/api/v1/admin/config")).await {
        Ok(response) => response,
        Err(state) => return state,
    };
    if config.status == 503 {
        return ServerState::StartingUp;
    }
    if config.status != 200 {
        return not_infisical(format!(
            "/api/v1/admin/config answered HTTP {}",
            config.status
        ));
    }
    let Ok(ConfigBody { config }) = serde_json::from_str(&config.body) else {
        return not_infisical(
            "/api/v1/admin/config answered without a server configuration".into(),
        );
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

async fn get(client: &HttpClient, url: &str) -> Result<Answer, ServerState> {
    let response = client
        .inner()
        .get(url)
        .header("accept", "application/json")
        .send()
        .await;
    let response = response.map_err(|error| ServerState::Unreachable {
        reason: describe(&error),
    })?;
    let status = response.status().as_u16();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
    if (300..400).contains(&status) {
        let target = header(reqwest::header::LOCATION);
        let target = target.unwrap_or_else(|| "an unnamed address".into());
        return Err(not_infisical(format!("it redirects to {target}")));
    }
    let body = response
        .text()
        .await
        .map_err(|error| ServerState::Unreachable {
            reason: describe(&error),
        })?;
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

fn non_json_reason(answer: &Answer) -> String {
    if answer.content_type.contains("html") {
        "it answered with a web page instead of the API".into()
    } else {
        "/api/status did not answer with JSON".into()
    }
}

fn not_infisical(reason: String) -> ServerState {
    ServerState::NotInfisical { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_serialize_with_a_state_tag() {
        let json = serde_json::to_value(ServerState::Unreachable { reason: "r".into() }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"state": "unreachable", "reason": "r"})
        );
        let json = serde_json::to_value(ServerState::AlreadySetUp).unwrap();
        assert_eq!(json, serde_json::json!({"state": "alreadySetUp"}));
    }
}
