//! The one HTTP client every call to an Infisical server goes through.
//!
//! Timeouts, the user agent, the proxy rules and the redirect policy are set here and nowhere
//! else. Redirects are never followed: a 301 or 302 would turn the bootstrap POST into a
//! GET, and a 307 or 308 would replay the password to another address. A redirect is
//! reported instead. Certificate verification is never turned off; a server with a private
//! CA works when its CA certificate is added with [`ClientOptions::ca_certificate_pem`].

use std::sync::Arc;
use std::time::Duration;

use crate::failure::NetworkFailure;
use crate::proxy::ProxyEnv;

/// How long to wait for a TCP and TLS connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request, response body included, may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the HTTP client could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The extra CA certificate is not a PEM certificate.
    #[error("the CA certificate is not a PEM certificate: {0}")]
    BadCaCertificate(String),
    /// The TLS back end could not start, such as when no root certificates load.
    #[error("could not set up the HTTPS client: {0}")]
    Backend(String),
}

/// Settings that may differ per server or per test: everything else is fixed.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// The whole-request timeout, instead of [`REQUEST_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// The connect timeout, instead of [`CONNECT_TIMEOUT`].
    pub connect_timeout: Option<Duration>,
    /// A PEM CA certificate to trust in addition to the system's roots, for servers with a
    /// self-signed or private-CA certificate. Verification is never turned off.
    pub ca_certificate_pem: Option<Vec<u8>>,
    /// The proxy settings, instead of the process environment's.
    pub proxy: Option<ProxyEnv>,
}

/// A cheap-to-clone handle on one shared connection pool.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    proxies: Arc<ProxyEnv>,
    options: ClientOptions,
}

impl HttpClient {
    /// Builds the client with the project's timeouts, the environment's proxies and no
    /// redirects.
    ///
    /// # Errors
    ///
    /// Fails only when the TLS back end cannot start, such as when no root certificates load.
    pub fn new() -> Result<Self, ClientError> {
        Self::with_options(ClientOptions::default())
    }

    /// Builds a client with `options` over the fixed settings.
    ///
    /// # Errors
    ///
    /// Returns [`ClientError::BadCaCertificate`] when the extra CA is not a PEM certificate,
    /// and [`ClientError::Backend`] when the TLS back end cannot start.
    pub fn with_options(options: ClientOptions) -> Result<Self, ClientError> {
        let proxies = Arc::new(options.proxy.clone().unwrap_or_else(ProxyEnv::from_env));
        let routing = Arc::clone(&proxies);
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!(
                "infisical-bootstrap-wizard/",
                env!("CARGO_PKG_VERSION")
            ))
            .connect_timeout(options.connect_timeout.unwrap_or(CONNECT_TIMEOUT))
            .timeout(options.timeout.unwrap_or(REQUEST_TIMEOUT))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .proxy(reqwest::Proxy::custom(move |url| {
                routing.proxy_for(url).map(str::to_owned)
            }));
        if let Some(pem) = &options.ca_certificate_pem {
            builder = builder.add_root_certificate(parse_ca(pem)?);
        }
        let inner = builder
            .build()
            .map_err(|error| ClientError::Backend(error.to_string()))?;
        Ok(Self {
            inner,
            proxies,
            options,
        })
    }

    /// A client like this one that also trusts the PEM CA certificate `pem`.
    ///
    /// # Errors
    ///
    /// As [`HttpClient::with_options`].
    pub fn trusting(&self, pem: &[u8]) -> Result<Self, ClientError> {
        Self::with_options(ClientOptions {
            ca_certificate_pem: Some(pem.to_vec()),
            proxy: Some(self.proxies.as_ref().clone()),
            ..self.options.clone()
        })
    }

    /// The proxy a request to `url` goes through, credentials masked, or `None` when the
    /// connection is direct.
    pub fn proxy_for(&self, url: &str) -> Option<String> {
        url::Url::parse(url)
            .ok()
            .and_then(|url| self.proxies.display_for(&url))
    }

    /// The whole-request timeout this client applies.
    pub fn timeout(&self) -> Duration {
        self.options.timeout.unwrap_or(REQUEST_TIMEOUT)
    }

    /// The underlying reqwest client.
    pub(crate) fn inner(&self) -> &reqwest::Client {
        &self.inner
    }
}

/// Checks that `pem` holds at least one certificate and makes the first one a trust root.
///
/// # Errors
///
/// Returns [`ClientError::BadCaCertificate`] otherwise.
pub fn parse_ca(pem: &[u8]) -> Result<reqwest::Certificate, ClientError> {
    let text = String::from_utf8_lossy(pem);
    if !text.contains("-----BEGIN CERTIFICATE-----") {
        return Err(ClientError::BadCaCertificate(
            "no '-----BEGIN CERTIFICATE-----' block found".into(),
        ));
    }
    reqwest::Certificate::from_pem(pem)
        .map_err(|error| ClientError::BadCaCertificate(error.to_string()))
}

/// A short, plain description of a failed request, for a person, naming the proxy when one
/// was used. Request URLs are left out, because the caller already names the server.
pub(crate) fn describe(client: &HttpClient, url: &str, error: &reqwest::Error) -> String {
    let what = NetworkFailure::classify(error).describe();
    match client.proxy_for(url) {
        Some(proxy) => format!("{what} (through the proxy {proxy})"),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_certificate_is_refused() {
        let error = parse_ca(b"-----BEGIN PRIVATE KEY-----\nabc\n").unwrap_err();
        assert!(matches!(error, ClientError::BadCaCertificate(_)));
    }

    #[test]
    fn proxy_is_named_with_credentials_masked() {
        let proxy = ProxyEnv::from_lookup(|name| {
            (name == "HTTPS_PROXY").then(|| "http://u:pw@proxy.lan:3128".to_owned())
        });
        let client = HttpClient::with_options(ClientOptions {
            proxy: Some(proxy),
            ..ClientOptions::default()
        })
        .unwrap();
        assert_eq!(
            client
                .proxy_for("https://h.example.com/api/status")
                .as_deref(),
            Some("http://***@proxy.lan:3128")
        );
        assert_eq!(client.proxy_for("http://h.example.com"), None);
    }
}
