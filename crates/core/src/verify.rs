//! Asks the server whether it accepts a token, with one authenticated, read-only call.

use serde::Serialize;
use tracing::instrument;

use crate::address::ServerAddress;
use crate::http::{describe, HttpClient};
use crate::secret::Token;

/// The read-only admin route used to check a token: the instance's user list.
pub const VERIFY_PATH: &str = "/api/v1/admin/user-management/users";

/// What the server said about a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "camelCase")]
pub enum TokenCheck {
    /// The server accepted the token.
    Accepted,
    /// The server rejected its own fresh token as too old. Some server versions do this to
    /// tokens without an `exp` claim; the token is kept, and the server needs fixing.
    ExceededMaxAge,
    /// The server refused the token for another reason.
    #[serde(rename_all = "camelCase")]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The check could not be made.
    #[serde(rename_all = "camelCase")]
    NotChecked {
        /// Why.
        reason: String,
    },
}

impl TokenCheck {
    /// One or two sentences for a person: what the result means and what to do.
    pub fn explanation(&self) -> String {
        match self {
            Self::Accepted => {
                "A read-only test call with the token succeeded: it is ready to use.".into()
            }
            Self::ExceededMaxAge => "The server rejects its own new token as \"exceeded max age\". \
                This server version checks tokens without an expiry against a cut-off date that has passed. \
                The token is kept: upgrade the server, or move its identity token cut-off, and the token will work."
                .into(),
            Self::Rejected { status, message } => {
                format!("The server refused the token (HTTP {status}: {message}). The token is kept all the same.")
            }
            Self::NotChecked { reason } => {
                format!("The token could not be checked ({reason}). It is kept all the same.")
            }
        }
    }
}

/// Sends `GET /api/v1/admin/user-management/users` with the token as a Bearer credential.
#[instrument(skip_all, fields(server = %address))]
pub async fn check_token(
    client: &HttpClient,
    address: &ServerAddress,
    token: &Token,
) -> TokenCheck {
    let url = address.endpoint(VERIFY_PATH);
    let sent = client
        .inner()
        .get(&url)
        .bearer_auth(token.expose())
        .header("accept", "application/json")
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(error) => {
            return TokenCheck::NotChecked {
                reason: describe(client, &url, &error),
            }
        }
    };
    let status = response.status().as_u16();
    if status == 200 {
        return TokenCheck::Accepted;
    }
    let body = response.text().await.unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|value| value.get("message")?.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("HTTP {status}"));
    if status == 401 && message.to_lowercase().contains("exceeded max age") {
        TokenCheck::ExceededMaxAge
    } else {
        TokenCheck::Rejected { status, message }
    }
}
