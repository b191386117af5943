//! The one HTTP client every call to an Infisical server goes through.
//!
//! Timeouts, the user agent and the redirect policy are set here and nowhere else. Redirects
//! are never followed: a 301 or 302 would turn the bootstrap POST into a GET, and a 307 or
//! 308 would replay the password to another address. A redirect is reported instead.

use std::error::Error as _;
use std::time::Duration;

/// How long to wait for a TCP and TLS connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request, response body included, may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the HTTP client could not be built.
#[derive(Debug, thiserror::Error)]
#[error("could not set up the HTTPS client: {0}")]
pub struct ClientError(String);

/// Settings a person may change: everything else about the client is fixed.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// The whole-request timeout, instead of [`REQUEST_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// A PEM CA certificate to trust in addition to the system's roots, for servers with a
    /// self-signed or private-CA certificate. Verification is never turned off.
    pub ca_certificate_pem: Option<Vec<u8>>,
}

/// A cheap-to-clone handle on one shared connection pool.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
}

impl HttpClient {
    /// Builds the client with the project's timeouts and no redirects.
    ///
    /// # Errors
    ///
    /// Fails only when the TLS back end cannot start, such as when no root certificates load.
    pub fn new() -> Result<Self, ClientError> {
        Self::with_options(&ClientOptions::default())
    }

    /// Builds the client with a person's [`ClientOptions`] on top of the fixed settings. A
    /// whole-request timeout shorter than [`CONNECT_TIMEOUT`] also shortens the connect
    /// timeout, so no wait is ever longer than asked for.
    ///
    /// # Errors
    ///
    /// Fails when the CA file holds no PEM certificate, or when the TLS back end cannot start.
    pub fn with_options(options: &ClientOptions) -> Result<Self, ClientError> {
        let timeout = options.timeout.unwrap_or(REQUEST_TIMEOUT);
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!(
                "infisical-bootstrap-wizard/",
                env!("CARGO_PKG_VERSION")
            ))
            .connect_timeout(CONNECT_TIMEOUT.min(timeout))
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(pem) = &options.ca_certificate_pem {
            let not_pem = |detail: String| {
                ClientError(format!("the CA file holds no PEM certificate ({detail})"))
            };
            let certificates = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|error| not_pem(error.to_string()))?;
            if certificates.is_empty() {
                return Err(not_pem("no BEGIN CERTIFICATE block".into()));
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        let inner = builder
            .build()
            .map_err(|error| ClientError(error.to_string()))?;
        Ok(Self { inner })
    }

    /// The underlying reqwest client.
    pub(crate) fn inner(&self) -> &reqwest::Client {
        &self.inner
    }
}

/// A short, plain description of a failed request, for a person: "the connection was
/// refused", "the name does not resolve", and so on. Request URLs are left out, because the
/// caller already names the server.
pub(crate) fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "the server did not answer in time".into();
    }
    let chain = source_chain(error);
    let lower = chain.to_lowercase();
    if lower.contains("connection refused") {
        "the connection was refused: is the server running, and is the port right?".into()
    } else if lower.contains("dns") || lower.contains("failed to lookup") {
        "the host name does not resolve: check the spelling".into()
    } else if lower.contains("certificate") || lower.contains("tls") {
        format!("the secure connection failed: {chain}")
    } else if error.is_connect() {
        format!("could not connect: {chain}")
    } else {
        chain
    }
}

/// Joins the messages of an error and its sources, skipping reqwest's outer line, which
/// repeats the URL.
fn source_chain(error: &reqwest::Error) -> String {
    let mut parts = Vec::new();
    let mut source = error.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        source = inner.source();
    }
    if parts.is_empty() {
        parts.push(error.to_string());
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_that_is_not_pem_is_refused() {
        let options = ClientOptions {
            ca_certificate_pem: Some(b"not a certificate".to_vec()),
            ..ClientOptions::default()
        };
        let error = HttpClient::with_options(&options).unwrap_err();
        assert!(error.to_string().contains("no PEM certificate"), "{error}");
    }

    #[test]
    fn a_short_timeout_builds() {
        let options = ClientOptions {
            timeout: Some(Duration::from_secs(1)),
            ..ClientOptions::default()
        };
        assert!(HttpClient::with_options(&options).is_ok());
    }
}
