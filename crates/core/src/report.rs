//! The whole answer to "what is at this address?", as the server step shows it: the state,
//! its explanation and next step, and what the app itself knows about the server (a
//! remembered CA certificate, a token it already holds, whether plain http needs consent).

use std::sync::Arc;

use serde::Serialize;
use tracing::warn;

use crate::address::ServerAddress;
use crate::http::HttpClient;
use crate::preflight::{check, NextStep, ServerState};
use crate::server_settings::ServerSettings;
use crate::token_store::TokenStore;

/// What the server step shows for one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerReport {
    /// The normalized address the app will use.
    pub server: String,
    /// What the pre-flight found, with the state's own fields.
    #[serde(flatten)]
    pub state: ServerState,
    /// One line for a person: what was found and what to do next.
    pub explanation: String,
    /// The next step to offer.
    pub next_step: NextStep,
    /// The proxy the requests went through, credentials masked.
    pub proxy: Option<String>,
    /// Plain http to another computer: the person must agree before the password is sent.
    pub needs_http_consent: bool,
    /// For a set-up instance: whether this app's keychain holds a token for it (`None` when
    /// the keychain could not tell).
    pub has_stored_token: Option<bool>,
    /// The CA certificate file trusted for this server, if one was chosen.
    pub ca_certificate: Option<String>,
}

/// Builds the report for a state found at `address`; `has_stored_token` is looked up only
/// for an instance that is already set up.
pub fn report(
    address: &ServerAddress,
    state: ServerState,
    proxy: Option<String>,
    ca_certificate: Option<String>,
    has_stored_token: Option<bool>,
) -> ServerReport {
    ServerReport {
        server: address.to_string(),
        explanation: state.explanation(proxy.as_deref()),
        next_step: state.next_step(),
        proxy,
        needs_http_consent: address.is_plain_http_off_host(),
        has_stored_token,
        ca_certificate,
        state,
    }
}

/// Runs the pre-flight for `address` with the CA remembered for it, and looks in `store`
/// for a token when the instance is already set up.
pub async fn inspect(
    shared: &HttpClient,
    settings: &ServerSettings,
    store: Arc<dyn TokenStore>,
    address: &ServerAddress,
) -> ServerReport {
    let server = address.to_string();
    let ca = settings.ca_certificate(&server).map(|ca| ca.file);
    let proxy = shared.proxy_for(address.as_str());
    let client = match settings.client_for(shared, &server) {
        Ok(client) => client,
        Err(error) => {
            let state = ServerState::Unreachable {
                reason: format!("the CA certificate chosen for it cannot be used ({error})"),
            };
            return report(address, state, proxy, ca, None);
        }
    };
    let state = check(&client, address).await;
    let has_token = if state == ServerState::AlreadySetUp {
        has_token_for(store, server).await
    } else {
        None
    };
    report(address, state, proxy, ca, has_token)
}

/// Whether `store` holds any token for `server`; `None` when it cannot tell.
pub async fn has_token_for(store: Arc<dyn TokenStore>, server: String) -> Option<bool> {
    let looked = tokio::task::spawn_blocking(move || store.has_any_for_server(&server)).await;
    match looked {
        Ok(Ok(found)) => Some(found),
        Ok(Err(error)) => {
            warn!(%error, "could not search the keychain");
            None
        }
        Err(_) => None,
    }
}
