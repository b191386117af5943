//! Every state the pre-flight can find a server in, each with a one-line explanation and the
//! next step a person can take. The UI shows these words as they are.

use serde::Serialize;

use crate::failure::TlsKind;

/// What the pre-flight found at an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum ServerState {
    /// An Infisical server that has not been set up: the wizard may go on.
    Ready,
    /// `config.initialized`: the instance was bootstrapped already.
    AlreadySetUp,
    /// `/api/status` answers 503 while the database migrations run.
    StartingUp,
    /// `config.isMigrationModeOn`: a bootstrap would fail with a 500.
    Maintenance,
    /// The address answers 200 with an HTML page instead of the API.
    NotInfisicalPage,
    /// The address answers JSON (or another status) that is not Infisical's.
    #[serde(rename_all = "camelCase")]
    NotInfisicalApi {
        /// What was seen, such as "/api/status answered HTTP 404".
        detail: String,
    },
    /// A 3xx answer, which is reported and never followed.
    #[serde(rename_all = "camelCase")]
    Redirect {
        /// The HTTP status.
        status: u16,
        /// Where it points, as an absolute URL when it could be resolved.
        redirect_target: String,
        /// The https address of the same host, when the redirect is an http→https upgrade.
        suggestion: Option<String>,
    },
    /// The host name does not resolve.
    #[serde(rename_all = "camelCase")]
    DnsFailure {
        /// The name that did not resolve.
        host: String,
    },
    /// Nothing accepts connections at the address (or at the proxy).
    ConnectionRefused,
    /// No answer within the client's timeouts.
    #[serde(rename_all = "camelCase")]
    Timeout {
        /// The whole-request timeout that ran out, in seconds.
        seconds: u64,
    },
    /// The TLS handshake failed.
    #[serde(rename_all = "camelCase")]
    TlsFailure {
        /// Which certificate check failed.
        tls_kind: TlsKind,
        /// The TLS library's words.
        detail: String,
    },
    /// Any other network failure, such as a reset connection.
    #[serde(rename_all = "camelCase")]
    Unreachable {
        /// What went wrong.
        reason: String,
    },
}

/// What the person can do next, as the UI offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NextStep {
    /// Go on to the admin step.
    Continue,
    /// Check again later.
    Retry,
    /// Wait while the server starts, checking again with backoff.
    Wait,
    /// Change the address.
    FixAddress,
    /// Switch to the https address in the suggestion.
    UseHttps,
    /// Pick the CA certificate that signed the server's certificate.
    AddCertificate,
    /// The instance is done: set up another one.
    SetUpAnother,
}

impl ServerState {
    /// Whether the state came from a failed connection rather than an HTTP answer, so that
    /// the proxy, if any, is part of the story.
    pub fn is_network_failure(&self) -> bool {
        matches!(
            self,
            Self::DnsFailure { .. }
                | Self::ConnectionRefused
                | Self::Timeout { .. }
                | Self::TlsFailure { .. }
                | Self::Unreachable { .. }
        )
    }

    /// The next step to offer.
    pub fn next_step(&self) -> NextStep {
        match self {
            Self::Ready => NextStep::Continue,
            Self::AlreadySetUp => NextStep::SetUpAnother,
            Self::StartingUp => NextStep::Wait,
            Self::Redirect {
                suggestion: Some(_),
                ..
            } => NextStep::UseHttps,
            Self::TlsFailure {
                tls_kind: TlsKind::UnknownIssuer,
                ..
            } => NextStep::AddCertificate,
            Self::NotInfisicalPage
            | Self::NotInfisicalApi { .. }
            | Self::Redirect { .. }
            | Self::DnsFailure { .. }
            | Self::TlsFailure { .. } => NextStep::FixAddress,
            Self::Maintenance
            | Self::ConnectionRefused
            | Self::Timeout { .. }
            | Self::Unreachable { .. } => NextStep::Retry,
        }
    }

    /// A one-line explanation with the next step, for a person. `proxy` names the proxy the
    /// request went through; it is mentioned for network failures.
    pub fn explanation(&self, proxy: Option<&str>) -> String {
        let text = self.explain();
        match proxy {
            Some(proxy) if self.is_network_failure() => format!(
                "{text} The request went through the proxy {proxy}: check the proxy too, or add this host to NO_PROXY."
            ),
            _ => text,
        }
    }

    fn explain(&self) -> String {
        match self {
            Self::Ready => "This Infisical server is not set up yet. Continue to create its first admin.".into(),
            Self::AlreadySetUp => "This instance has been set up already, and bootstrap works only once per instance. Set up another instance instead.".into(),
            Self::StartingUp => "The server is starting up and running its database migrations. Wait for it: the wizard checks again until it is ready.".into(),
            Self::Maintenance => "The server is in maintenance mode, so it cannot be set up now. Turn maintenance mode off, then check again.".into(),
            Self::NotInfisicalPage => "This address answers with a web page, not Infisical's API. Check the address and port.".into(),
            Self::NotInfisicalApi { detail } => format!("This address answers, but not as Infisical's API does ({detail}). Check the address and port."),
            Self::Redirect { redirect_target, suggestion: Some(https), .. } => format!("The server redirects to {redirect_target}. Use the https address {https} instead."),
            Self::Redirect { redirect_target, status, .. } => format!("The server redirects (HTTP {status}) to {redirect_target}, and the wizard does not follow redirects. Check the address."),
            Self::DnsFailure { host } => format!("The name '{host}' does not resolve. Check the spelling, your DNS or your VPN."),
            Self::ConnectionRefused => "The connection was refused. Check that the server is running and that the port is right, then retry.".into(),
            Self::Timeout { seconds } => format!("The server did not answer within {seconds} seconds. Check that it is running and that no firewall drops the traffic, then retry."),
            Self::TlsFailure { tls_kind: TlsKind::UnknownIssuer, .. } => "The server's certificate is not signed by an authority this computer trusts (a self-signed or private CA certificate). Choose the CA certificate file to trust it.".into(),
            Self::TlsFailure { tls_kind: TlsKind::Expired, .. } => "The server's certificate has expired or is not valid yet. Renew it on the server, or check this computer's clock.".into(),
            Self::TlsFailure { tls_kind: TlsKind::NameMismatch, .. } => "The server's certificate is for another host name. Use the name on the certificate, or fix the certificate.".into(),
            Self::TlsFailure { detail, .. } => format!("The secure connection failed: {detail}. Check the address and the server's TLS settings."),
            Self::Unreachable { reason } => format!("The server could not be reached: {reason}. Check the address, then retry."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn states_serialize_with_a_state_tag_and_camel_case_fields() {
        let json = serde_json::to_value(ServerState::Redirect {
            status: 301,
            redirect_target: "https://h/api/status".into(),
            suggestion: Some("https://h".into()),
        })
        .unwrap();
        assert_eq!(
            json,
            json!({"state": "redirect", "status": 301,
                   "redirectTarget": "https://h/api/status", "suggestion": "https://h"})
        );
        let json = serde_json::to_value(ServerState::AlreadySetUp).unwrap();
        assert_eq!(json, json!({"state": "alreadySetUp"}));
    }

    #[test]
    fn proxy_is_named_only_for_network_failures() {
        let proxy = Some("http://proxy:3128");
        assert!(ServerState::ConnectionRefused
            .explanation(proxy)
            .contains("http://proxy:3128"));
        assert!(!ServerState::Ready.explanation(proxy).contains("proxy"));
    }

    #[test]
    fn unknown_issuer_offers_a_certificate_and_other_tls_kinds_do_not() {
        let tls = |tls_kind| ServerState::TlsFailure {
            tls_kind,
            detail: String::new(),
        };
        assert_eq!(
            tls(TlsKind::UnknownIssuer).next_step(),
            NextStep::AddCertificate
        );
        assert_eq!(tls(TlsKind::Expired).next_step(), NextStep::FixAddress);
    }
}
