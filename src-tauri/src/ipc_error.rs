//! The one error shape that crosses IPC: `{ kind, message, field?, fields? }`.
//!
//! `kind` is a stable camelCase word the UI switches on; `message` is a sentence for a
//! person. The UI never matches message text.

use std::collections::BTreeMap;

use bootstrap_core::http::ClientError;
use bootstrap_core::instances::InstanceError;
use bootstrap_core::{AddressError, BootstrapError, FieldErrors, FieldIssue, SettingsError};
use serde::Serialize;

/// What went wrong, as the UI branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// The server address could not be used.
    InvalidAddress,
    /// A form field failed a local check; nothing was sent.
    InvalidInput,
    /// The instance was set up before.
    AlreadySetUp,
    /// An earlier bootstrap left the admin user behind on an instance not marked set up.
    UserAlreadyExists,
    /// The server refused fields of the request (HTTP 422).
    Rejected,
    /// The server answered with another error status.
    ServerError,
    /// No connection; nothing was sent.
    Unreachable,
    /// The request was sent but no answer came.
    NoAnswer,
    /// HTTP 200 without a usable token.
    UnusableResponse,
    /// A bootstrap is already running.
    Busy,
    /// There is no token in memory to copy.
    NoToken,
    /// The clipboard could not be written or did not hold the token afterwards.
    Clipboard,
    /// The token could not be written to the chosen file.
    File,
    /// Plain http to another computer without the person's consent; nothing was sent.
    HttpConsentRequired,
    /// The re-check right before the bootstrap found the server no longer ready.
    NotReady,
    /// The bootstrap request was answered with a redirect, which is never followed.
    Redirected,
    /// The person stopped waiting for the server.
    Cancelled,
    /// The server was still starting up when the wait ran out.
    StillStarting,
    /// The chosen CA certificate could not be read or is not one.
    Certificate,
    /// The app's settings file could not be written.
    Settings,
    /// The instance asked for is not in the history (any more).
    UnknownInstance,
    /// The instance's keychain entry was deleted outside the app.
    TokenMissing,
    /// The keychain could not be read or written.
    Keychain,
    /// The history of set-up instances could not be read or written.
    History,
    /// The browser could not be opened.
    Browser,
}

/// An error for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    /// What went wrong.
    pub kind: Kind,
    /// What happened and what to do next, for a person.
    pub message: String,
    /// The one field concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// A message per field, when several fields are concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<&'static str, String>>,
}

impl IpcError {
    /// An error with a kind and a message only.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            field: None,
            fields: None,
        }
    }
}

impl From<AddressError> for IpcError {
    fn from(error: AddressError) -> Self {
        let kind = match error {
            AddressError::PlainHttpNeedsConsent { .. } => Kind::HttpConsentRequired,
            _ => Kind::InvalidAddress,
        };
        Self {
            kind,
            field: Some("server"),
            ..Self::new(Kind::InvalidAddress, sentence(&error.to_string()))
        }
    }
}

impl From<SettingsError> for IpcError {
    fn from(error: SettingsError) -> Self {
        let kind = match error {
            SettingsError::Write { .. } => Kind::Settings,
            _ => Kind::Certificate,
        };
        Self::new(kind, format!("{}.", sentence(&error.to_string())))
    }
}

impl From<ClientError> for IpcError {
    fn from(error: ClientError) -> Self {
        Self::new(
            Kind::Certificate,
            format!(
                "{}. Choose the CA certificate again.",
                sentence(&error.to_string())
            ),
        )
    }
}

impl From<FieldErrors> for IpcError {
    fn from(errors: FieldErrors) -> Self {
        let pairs = [
            ("email", errors.email),
            ("password", errors.password),
            ("confirmPassword", errors.confirm_password),
            ("organization", errors.organization),
        ];
        let fields: BTreeMap<_, _> = pairs
            .into_iter()
            .filter_map(|(name, message)| Some((name, message?)))
            .collect();
        Self {
            fields: Some(fields),
            ..Self::new(
                Kind::InvalidInput,
                "Some fields need fixing. Nothing was sent.",
            )
        }
    }
}

impl From<BootstrapError> for IpcError {
    fn from(error: BootstrapError) -> Self {
        let advice = error
            .advice()
            .map(|text| format!(" {text}"))
            .unwrap_or_default();
        match error {
            BootstrapError::AlreadySetUp => Self::new(
                Kind::AlreadySetUp,
                "This instance has already been set up, so it cannot be bootstrapped again. Pick another server.",
            ),
            BootstrapError::UserAlreadyExists => Self::new(
                Kind::UserAlreadyExists,
                format!("The server refused: an admin user already exists, but the instance is not set up.{advice}"),
            ),
            BootstrapError::Rejected { issues } => rejected(issues),
            BootstrapError::Server { status, message } => Self::new(
                Kind::ServerError,
                format!("The server refused the bootstrap (HTTP {status}: {message}).{advice}"),
            ),
            BootstrapError::Unreachable { reason } => Self::new(
                Kind::Unreachable,
                format!("The server could not be reached, so nothing was sent: {reason}. Check the server, then try again."),
            ),
            BootstrapError::NoAnswer { reason, .. } => Self::new(
                Kind::NoAnswer,
                format!("The request was sent, but no answer came back ({reason}).{advice}"),
            ),
            BootstrapError::Redirected { status, target } => Self::new(
                Kind::Redirected,
                format!("The server answered the bootstrap with a redirect (HTTP {status}) to {target}. It was not followed, so the password went nowhere else and nothing was set up. Check the server address."),
            ),
            BootstrapError::NotReady { state } => Self::new(
                Kind::NotReady,
                format!("Nothing was sent: the server changed since it was checked. {}", state.explanation(None)),
            ),
            BootstrapError::UnusableResponse { reason, .. } => Self::new(
                Kind::UnusableResponse,
                format!("The instance may now be set up but returned no usable token: {reason}.{advice}"),
            ),
        }
    }
}

impl From<InstanceError> for IpcError {
    fn from(error: InstanceError) -> Self {
        match error {
            InstanceError::Unknown { .. } => Self::new(
                Kind::UnknownInstance,
                "This instance is no longer in the list. Reopen the list of instances.",
            ),
            InstanceError::TokenMissing => Self::new(
                Kind::TokenMissing,
                "Token missing from the keychain: it was deleted outside this app.",
            ),
            InstanceError::Store(error) => {
                Self::new(Kind::Keychain, sentence(&format!("{error}.")))
            }
            InstanceError::History(error) => Self::new(
                Kind::History,
                format!("The list of instances could not be used: {error}."),
            ),
        }
    }
}

fn rejected(issues: Vec<FieldIssue>) -> IpcError {
    let mut fields = BTreeMap::new();
    let mut general = Vec::new();
    for issue in issues {
        match issue.field {
            Some(field) => {
                let name = match field {
                    bootstrap_core::Field::Email => "email",
                    bootstrap_core::Field::Password => "password",
                    bootstrap_core::Field::Organization => "organization",
                };
                fields.entry(name).or_insert(issue.message);
            }
            None => general.push(issue.message),
        }
    }
    let mut message =
        String::from("The server refused the request. Fix the fields shown and try again.");
    if !general.is_empty() {
        message = format!("The server refused the request: {}.", general.join("; "));
    }
    IpcError {
        fields: Some(fields),
        ..IpcError::new(Kind::Rejected, message)
    }
}

/// Upper-cases the first letter of a core message, which is a lowercase phrase.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn address_error_names_the_server_field() {
        let error = IpcError::from(AddressError::Empty);
        assert_eq!(error.kind, Kind::InvalidAddress);
        assert_eq!(
            serde_json::to_value(error).unwrap(),
            json!({"kind": "invalidAddress", "field": "server",
                   "message": "Enter the server address, like https://secrets.example.com"})
        );
    }

    #[test]
    fn field_errors_become_a_map() {
        let errors = FieldErrors {
            email: Some("Bad".into()),
            ..FieldErrors::default()
        };
        assert_eq!(
            serde_json::to_value(IpcError::from(errors)).unwrap(),
            json!({"kind": "invalidInput", "message": "Some fields need fixing. Nothing was sent.",
                   "fields": {"email": "Bad"}})
        );
    }

    #[test]
    fn server_422_issues_land_on_their_fields() {
        let error = IpcError::from(BootstrapError::Rejected {
            issues: vec![FieldIssue {
                field: Some(bootstrap_core::Field::Email),
                message: "Invalid email".into(),
            }],
        });
        assert_eq!(
            serde_json::to_value(error).unwrap(),
            json!({"kind": "rejected",
                   "message": "The server refused the request. Fix the fields shown and try again.",
                   "fields": {"email": "Invalid email"}})
        );
    }

    #[test]
    fn plain_http_without_consent_has_its_own_kind() {
        let error = IpcError::from(AddressError::PlainHttpNeedsConsent {
            input: "http://10.0.0.4".into(),
        });
        assert_eq!(
            serde_json::to_value(error).unwrap(),
            json!({"kind": "httpConsentRequired", "field": "server",
                   "message": "'http://10.0.0.4' is plain http to another computer: the password would cross the network unencrypted, so confirm that first or use https"})
        );
    }

    #[test]
    fn every_bootstrap_error_has_its_own_kind() {
        let kinds: Vec<Kind> = [
            BootstrapError::AlreadySetUp,
            BootstrapError::Rejected { issues: vec![] },
            BootstrapError::Server {
                status: 500,
                message: "m".into(),
            },
            BootstrapError::Unreachable { reason: "r".into() },
            BootstrapError::NoAnswer {
                reason: "r".into(),
                initialized_now: None,
            },
            BootstrapError::UnusableResponse {
                reason: "r".into(),
                initialized_now: None,
            },
            BootstrapError::UserAlreadyExists,
            BootstrapError::Redirected {
                status: 307,
                target: "https://x".into(),
            },
            BootstrapError::NotReady {
                state: bootstrap_core::ServerState::Maintenance,
            },
        ]
        .into_iter()
        .map(|error| IpcError::from(error).kind)
        .collect();
        let json = serde_json::to_value(&kinds).unwrap();
        assert_eq!(
            json,
            json!([
                "alreadySetUp",
                "rejected",
                "serverError",
                "unreachable",
                "noAnswer",
                "unusableResponse",
                "userAlreadyExists",
                "redirected",
                "notReady"
            ])
        );
    }
}
