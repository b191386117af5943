//! The bootstrap call itself: one `POST /api/v1/admin/bootstrap`, and what its answer means.
//!
//! The request is sent once per call and never retried here: a bootstrap that reached the
//! server may have succeeded even if its answer was lost, and a second POST would then only
//! get "already set up" and hide the token's fate.

use serde::{Deserialize, Serialize};
use tracing::{info, instrument, warn};

use crate::address::ServerAddress;
use crate::http::{describe, HttpClient};
use crate::secret::Token;
use crate::validation::ValidatedAdmin;

/// The path of the bootstrap endpoint, below the server's base address.
pub const BOOTSTRAP_PATH: &str = "/api/v1/admin/bootstrap";

/// A field of the admin form, as the server names it in a 422 answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// The admin's email.
    Email,
    /// The admin's password.
    Password,
    /// The organization's name.
    Organization,
}

/// One problem the server found with the request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldIssue {
    /// The field it concerns, or `None` when it concerns the body as a whole.
    pub field: Option<Field>,
    /// The server's own message.
    pub message: String,
}

/// Why a bootstrap did not produce a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BootstrapError {
    /// HTTP 400 "Instance has already been set up": someone bootstrapped it before us.
    #[error("the instance has already been set up")]
    AlreadySetUp,
    /// HTTP 400 "User already exists" on an instance that is not set up: an earlier
    /// bootstrap created the admin user and then failed. Only a database reset fixes it.
    #[error("an admin user already exists on an instance that is not set up")]
    UserAlreadyExists,
    /// HTTP 422: the server refused the body. Each issue names its field.
    #[error("the server refused {} field(s)", issues.len())]
    Rejected {
        /// The issues, in the server's order.
        issues: Vec<FieldIssue>,
    },
    /// Any other 4xx or 5xx answer.
    #[error("the server answered HTTP {status}: {message}")]
    Server {
        /// The HTTP status.
        status: u16,
        /// The server's message, or a description of the body when it had none.
        message: String,
    },
    /// No connection could be made, so nothing was sent.
    #[error("could not reach the server: {reason}")]
    Unreachable {
        /// What went wrong.
        reason: String,
    },
    /// The request went out but no answer came back. The instance may now be set up.
    #[error("the request was sent but no answer came back: {reason}")]
    NoAnswer {
        /// What went wrong.
        reason: String,
        /// Whether the instance reported itself set up when checked afterwards; `None` if
        /// it was not checked or could not be.
        initialized_now: Option<bool>,
    },
    /// A 3xx answer. It is never followed: a 301 or 302 would turn the POST into a GET and a
    /// 307 or 308 would send the password to the other address. Nothing was set up.
    #[error("the server redirected the request to {target} (HTTP {status}); it was not followed")]
    Redirected {
        /// The HTTP status.
        status: u16,
        /// The `Location` header, or a phrase when there was none.
        target: String,
    },
    /// The pre-flight run right before the request found the server no longer ready, so
    /// nothing was sent.
    #[error("the server is no longer ready: {}", state.explanation(None))]
    NotReady {
        /// What the re-check found.
        state: crate::preflight::ServerState,
    },
    /// HTTP 200, but without a usable token. The instance may now be set up.
    #[error("the server answered 200 but returned no usable token: {reason}")]
    UnusableResponse {
        /// What was wrong with the body.
        reason: String,
        /// As for [`BootstrapError::NoAnswer`].
        initialized_now: Option<bool>,
    },
}

impl BootstrapError {
    /// Whether the instance may have been set up despite the error: the request reached the
    /// server and its answer was lost or unusable.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::NoAnswer { .. } | Self::UnusableResponse { .. })
    }

    /// What to do next, for a person, where the error alone does not say it.
    pub fn advice(&self) -> Option<String> {
        let text = match self {
            Self::UserAlreadyExists => "An earlier bootstrap created the admin user, then stopped before the instance was marked as set up. Reset the server's database, then run the setup again.",
            Self::Server { status: 401, .. } => "Bootstrap needs no login, so something in front of the server, such as a proxy, asked for one. Check the proxy's settings.",
            Self::Server { status: 403, .. } => "The server, or a proxy in front of it, refused access. Check its access rules.",
            Self::Server { status: 404, .. } => "This address has no bootstrap endpoint. Check the path prefix, and that the server runs a recent Infisical.",
            Self::Server { status: 429, .. } => "The server limits how often it may be called. Wait a minute, then try again.",
            Self::Server { status: 500, .. } => "The server failed while handling the request. Check its logs; a server in maintenance mode fails every write like this.",
            Self::Server { status: 502..=504, .. } => "The server, or a proxy in front of it, is not ready. Wait a moment and check the server again.",
            Self::NoAnswer { initialized_now, .. } | Self::UnusableResponse { initialized_now, .. } => {
                return Some(
                    match initialized_now {
                        Some(true) => "The instance now reports itself as set up, so the bootstrap most likely ran; its token was lost on the way. Reset the server's database to start again.",
                        Some(false) => "The instance still reports itself as not set up, so nothing was created. You can try again.",
                        None => "The instance could not be checked afterwards. Check the server before trying again: a second bootstrap cannot recover a lost token.",
                    }
                    .to_owned(),
                );
            }
            _ => return None,
        };
        Some(text.to_owned())
    }
}

/// What a successful bootstrap created.
#[derive(Debug, Clone, Deserialize)]
pub struct Bootstrapped {
    /// The first admin user.
    pub user: User,
    /// The first organization.
    pub organization: Organization,
    /// The instance-admin machine identity, with its token.
    pub identity: Identity,
}

/// The admin user the bootstrap created.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user's id.
    pub id: String,
    /// The user name, which is the lower-cased email.
    pub username: String,
    /// The email, lower-cased by the server.
    pub email: Option<String>,
}

/// The organization the bootstrap created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    /// The organization's id.
    pub id: String,
    /// Its name, as sent.
    pub name: String,
    /// Its slug, the name plus a random suffix.
    pub slug: String,
}

/// The instance-admin identity the bootstrap created.
#[derive(Debug, Clone, Deserialize)]
pub struct Identity {
    /// The identity's id.
    pub id: String,
    /// The identity's name.
    pub name: String,
    /// Its credentials.
    pub credentials: Credentials,
}

/// The identity's credentials.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    /// The instance-admin token.
    pub token: Token,
}

#[derive(Serialize)]
struct RequestBody<'a> {
    email: &'a str,
    password: &'a str,
    organization: &'a str,
}

/// Sends the bootstrap request once and interprets the answer.
///
/// # Errors
///
/// Returns a [`BootstrapError`] for every answer other than a 200 with a non-empty token.
/// [`BootstrapError::NoAnswer`] and [`BootstrapError::UnusableResponse`] mean the instance
/// may have been set up all the same.
#[instrument(skip_all, fields(server = %address))]
pub async fn bootstrap(
    client: &HttpClient,
    address: &ServerAddress,
    admin: &ValidatedAdmin,
) -> Result<Bootstrapped, BootstrapError> {
    let body = RequestBody {
        email: &admin.email,
        password: admin.password.expose(),
        organization: &admin.organization,
    };
    let url = address.endpoint(BOOTSTRAP_PATH);
    let sent = client
        .inner()
        .post(&url)
        .header("accept", "application/json")
        .json(&body)
        .send()
        .await;
    let response = sent.map_err(|error| {
        let reason = describe(client, &url, &error);
        if error.is_connect() {
            BootstrapError::Unreachable { reason }
        } else {
            BootstrapError::NoAnswer {
                reason,
                initialized_now: None,
            }
        }
    })?;
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let target = location(&response);
        warn!(status, %target, "bootstrap answered with a redirect, not followed");
        return Err(BootstrapError::Redirected { status, target });
    }
    let text = response
        .text()
        .await
        .map_err(|error| BootstrapError::NoAnswer {
            reason: describe(client, &url, &error),
            initialized_now: None,
        })?;
    let outcome = interpret(status, &text);
    match &outcome {
        Ok(_) => info!(status, "bootstrap succeeded"),
        Err(error) => warn!(status, %error, "bootstrap did not succeed"),
    }
    outcome
}

/// The `Location` of a redirect, or a phrase when it has none.
pub(crate) fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map_or_else(|| "an address it did not name".to_owned(), str::to_owned)
}

/// Maps a status and body to the outcome. Kept apart from the network so every branch can be
/// tested with plain strings.
pub fn interpret(status: u16, body: &str) -> Result<Bootstrapped, BootstrapError> {
    match status {
        200 => parse_success(body),
        422 => Err(BootstrapError::Rejected {
            issues: parse_issues(body),
        }),
        400 if server_message(body).as_deref() == Some("Instance has already been set up") => {
            Err(BootstrapError::AlreadySetUp)
        }
        400 if server_message(body).as_deref() == Some("User already exists") => {
            Err(BootstrapError::UserAlreadyExists)
        }
        _ => Err(BootstrapError::Server {
            status,
            message: server_message(body).unwrap_or_else(|| describe_body(body)),
        }),
    }
}

fn parse_success(body: &str) -> Result<Bootstrapped, BootstrapError> {
    let parsed: Bootstrapped = serde_json::from_str(body).map_err(|error| {
        let reason = if body.trim_start().starts_with('<') {
            "the body is a web page, not JSON".to_owned()
        } else if error.to_string().starts_with("missing field") {
            format!("the body does not match the bootstrap answer: {error}")
        } else {
            // Other serde messages can quote string values from the body, which may hold the
            // token, so only the position is kept.
            format!(
                "the body does not match the bootstrap answer at line {}, column {}",
                error.line(),
                error.column()
            )
        };
        BootstrapError::UnusableResponse {
            reason,
            initialized_now: None,
        }
    })?;
    if parsed.identity.credentials.token.is_empty() {
        return Err(BootstrapError::UnusableResponse {
            reason: "the token is empty".into(),
            initialized_now: None,
        });
    }
    Ok(parsed)
}

#[derive(Deserialize)]
struct Envelope {
    message: Option<serde_json::Value>,
}

fn server_message(body: &str) -> Option<String> {
    let envelope: Envelope = serde_json::from_str(body).ok()?;
    envelope.message?.as_str().map(str::to_owned)
}

/// Reads a 422 body's `message` array. Both zod 3 and zod 4 issues carry `path` and
/// `message`; everything else in an issue is ignored.
fn parse_issues(body: &str) -> Vec<FieldIssue> {
    #[derive(Deserialize)]
    struct Issue {
        #[serde(default)]
        path: Vec<serde_json::Value>,
        message: Option<String>,
    }
    let issues = serde_json::from_str::<Envelope>(body)
        .ok()
        .and_then(|envelope| envelope.message)
        .and_then(|message| serde_json::from_value::<Vec<Issue>>(message).ok());
    let Some(issues) = issues else {
        return vec![FieldIssue {
            field: None,
            message: describe_body(body),
        }];
    };
    issues
        .into_iter()
        .map(|issue| FieldIssue {
            field: issue
                .path
                .first()
                .and_then(|p| serde_json::from_value::<Field>(p.clone()).ok()),
            message: issue
                .message
                .unwrap_or_else(|| "The server refused this value".into()),
        })
        .collect()
}

fn describe_body(body: &str) -> String {
    if body.trim().is_empty() {
        "the answer had no body".into()
    } else if body.trim_start().starts_with('<') {
        "the answer was a web page, not Infisical's API".into()
    } else {
        "the answer was not in Infisical's error format".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUCCESS: &str = r#"{"message":"Successfully bootstrapped instance",
        "user":{"username":"a@example.com","firstName":"Admin","lastName":"User","email":"a@example.com","id":"u1","superAdmin":true},
        "organization":{"id":"o1","name":"Acme","slug":"acme-v99c"},
        "identity":{"id":"i1","name":"Instance Admin Identity","credentials":{"token":"tok.en.value"}}}"#;

    #[test]
    fn success_yields_the_token_and_organization() {
        let done = interpret(200, SUCCESS).unwrap();
        assert!(done.identity.credentials.token.matches("tok.en.value"));
        assert_eq!(done.organization.slug, "acme-v99c");
    }

    #[test]
    fn empty_token_is_unusable() {
        let body = SUCCESS.replace("tok.en.value", "");
        assert!(matches!(
            interpret(200, &body),
            Err(BootstrapError::UnusableResponse { .. })
        ));
    }

    #[test]
    fn html_200_is_unusable() {
        let error = interpret(200, "<!doctype html><html></html>").unwrap_err();
        assert!(error.to_string().contains("web page"), "{error}");
    }

    #[test]
    fn already_set_up_is_its_own_kind() {
        let body = r#"{"reqId":"req-abcdefghijklmn","statusCode":400,"message":"Instance has already been set up","error":"BadRequest"}"#;
        assert_eq!(
            interpret(400, body).unwrap_err(),
            BootstrapError::AlreadySetUp
        );
    }

    #[test]
    fn user_already_exists_is_a_half_initialized_instance() {
        let body = r#"{"reqId":"r","statusCode":400,"message":"User already exists","error":"Instance initialization"}"#;
        assert_eq!(
            interpret(400, body).unwrap_err(),
            BootstrapError::UserAlreadyExists
        );
    }

    #[test]
    fn other_400_keeps_the_server_message() {
        let body = r#"{"reqId":"r","statusCode":400,"message":"Bad body","error":"BadRequest"}"#;
        let expected = BootstrapError::Server {
            status: 400,
            message: "Bad body".into(),
        };
        assert_eq!(interpret(400, body).unwrap_err(), expected);
    }

    #[test]
    fn each_refusal_status_has_its_own_advice() {
        let advice: Vec<String> = [401, 403, 404, 429, 500, 503]
            .into_iter()
            .map(|status| {
                BootstrapError::Server {
                    status,
                    message: "m".into(),
                }
                .advice()
                .unwrap()
            })
            .collect();
        let unique: std::collections::HashSet<&String> = advice.iter().collect();
        assert_eq!(unique.len(), advice.len(), "{advice:?}");
    }

    #[test]
    fn zod3_issues_map_to_fields() {
        let body = r#"{"reqId":"r","statusCode":422,"error":"ValidationFailure","message":[
            {"validation":"email","code":"invalid_string","message":"Invalid email","path":["email"]},
            {"code":"invalid_type","expected":"string","received":"undefined","path":["organization"],"message":"Required"}]}"#;
        let BootstrapError::Rejected { issues } = interpret(422, body).unwrap_err() else {
            panic!("expected a rejection");
        };
        assert_eq!(
            issues[0],
            FieldIssue {
                field: Some(Field::Email),
                message: "Invalid email".into()
            }
        );
        assert_eq!(issues[1].field, Some(Field::Organization));
    }

    #[test]
    fn zod4_issues_map_to_fields() {
        let body = r#"{"reqId":"r","statusCode":422,"error":"ValidationFailure","message":[
            {"origin":"string","code":"too_small","minimum":1,"inclusive":true,"path":["password"],"message":"Too small: expected string to have >=1 characters"}]}"#;
        let BootstrapError::Rejected { issues } = interpret(422, body).unwrap_err() else {
            panic!("expected a rejection");
        };
        assert_eq!(issues[0].field, Some(Field::Password));
    }

    #[test]
    fn issue_without_a_known_path_concerns_the_whole_body() {
        let body = r#"{"statusCode":422,"error":"ValidationFailure","message":[{"path":[],"message":"Expected object"}]}"#;
        let BootstrapError::Rejected { issues } = interpret(422, body).unwrap_err() else {
            panic!("expected a rejection");
        };
        assert_eq!(issues[0].field, None);
    }

    #[test]
    fn server_error_without_envelope_is_described() {
        let error = interpret(502, "<html>Bad gateway</html>").unwrap_err();
        assert!(matches!(error, BootstrapError::Server { status: 502, .. }));
        assert!(error.to_string().contains("web page"));
    }
}
