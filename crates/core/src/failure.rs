//! What went wrong with a request that got no HTTP answer, in the terms a person can act on.
//!
//! reqwest reports DNS, connection, TLS and timeout problems as one error type with a chain
//! of causes. [`NetworkFailure::classify`] walks that chain once and picks the kind, so the
//! pre-flight and the bootstrap call tell the same story about the same problem.

use std::error::Error as StdError;
use std::io;

use serde::Serialize;

/// Which certificate check failed. Verification is never turned off: each kind has its own
/// remedy instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TlsKind {
    /// The certificate chain does not lead to a trusted root: self-signed or a private CA.
    UnknownIssuer,
    /// The certificate has expired or is not valid yet.
    Expired,
    /// The certificate is for another host name.
    NameMismatch,
    /// Any other TLS failure, such as no protocol version in common.
    Other,
}

/// Why a request got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkFailure {
    /// The host name does not resolve.
    Dns,
    /// Nothing listens on that port (or the proxy's port).
    Refused,
    /// The connection or the answer took longer than the client's timeouts.
    Timeout,
    /// The TLS handshake failed.
    Tls {
        /// Which check failed.
        kind: TlsKind,
        /// The TLS library's words, for the details line.
        detail: String,
    },
    /// Anything else, such as a connection reset.
    Other(String),
}

impl NetworkFailure {
    /// Classifies a failed request.
    pub fn classify(error: &reqwest::Error) -> Self {
        let chain = causes(error);
        for cause in &chain {
            if let Some(tls) = as_rustls(*cause) {
                let detail = match tls {
                    rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType) => {
                        "the port does not speak TLS; it may expect plain http".to_owned()
                    }
                    other => other.to_string(),
                };
                return Self::Tls {
                    kind: tls_kind(tls),
                    detail,
                };
            }
        }
        if error.is_timeout()
            || chain
                .iter()
                .any(|c| io_kind(*c) == Some(io::ErrorKind::TimedOut))
        {
            return Self::Timeout;
        }
        if chain
            .iter()
            .any(|c| io_kind(*c) == Some(io::ErrorKind::ConnectionRefused))
        {
            return Self::Refused;
        }
        let text = describe_chain(&chain);
        let lower = text.to_lowercase();
        if lower.contains("dns error") || lower.contains("failed to lookup") {
            Self::Dns
        } else if lower.contains("connection refused") {
            Self::Refused
        } else if lower.contains("certificate") || lower.contains("tls") {
            Self::Tls {
                kind: TlsKind::Other,
                detail: text,
            }
        } else {
            Self::Other(text)
        }
    }

    /// A short phrase for a person: "the host name does not resolve", and so on.
    pub fn describe(&self) -> String {
        match self {
            Self::Dns => "the host name does not resolve".into(),
            Self::Refused => "the connection was refused".into(),
            Self::Timeout => "the server did not answer in time".into(),
            Self::Tls { kind, detail } => match kind {
                TlsKind::UnknownIssuer => {
                    "the certificate is not signed by a trusted authority".into()
                }
                TlsKind::Expired => "the certificate has expired or is not valid yet".into(),
                TlsKind::NameMismatch => "the certificate is for another host name".into(),
                TlsKind::Other => format!("the secure connection failed: {detail}"),
            },
            Self::Other(text) => text.clone(),
        }
    }
}

/// The error and its sources, including errors wrapped in an `io::Error`, whose own
/// `source()` skips the wrapped error.
fn causes<'a>(error: &'a reqwest::Error) -> Vec<&'a (dyn StdError + 'static)> {
    let mut found: Vec<&(dyn StdError + 'static)> = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(current) = next {
        found.push(current);
        let wrapped = current
            .downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn StdError + 'static));
        next = wrapped.or_else(|| current.source());
        if found.len() > 16 {
            break;
        }
    }
    found
}

fn as_rustls<'a>(error: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    error.downcast_ref::<rustls::Error>()
}

fn io_kind(error: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    error.downcast_ref::<io::Error>().map(io::Error::kind)
}

fn tls_kind(error: &rustls::Error) -> TlsKind {
    use rustls::CertificateError as C;
    match error {
        rustls::Error::InvalidCertificate(certificate) => match certificate {
            C::UnknownIssuer => TlsKind::UnknownIssuer,
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => TlsKind::Expired,
            C::NotValidForName | C::NotValidForNameContext { .. } => TlsKind::NameMismatch,
            _ => TlsKind::Other,
        },
        _ => TlsKind::Other,
    }
}

/// The messages of the chain without repeats, leaving out reqwest's outer line, which
/// repeats the URL.
fn describe_chain(chain: &[&(dyn StdError + 'static)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in chain.iter().skip(1) {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
    }
    if parts.is_empty() {
        parts.extend(chain.first().map(|first| first.to_string()));
    }
    parts.join(": ")
}
