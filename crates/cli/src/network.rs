//! The server address and the HTTP client, from the flags, with the desktop app's rules.

use std::path::PathBuf;
use std::time::Duration;

use bootstrap_core::{ClientOptions, HttpClient, ServerAddress};

use crate::cli::NetworkArgs;
use crate::exit::Failure;

/// Where and how to reach one server.
pub struct Connection {
    /// The normalized address.
    pub address: ServerAddress,
    /// The client, with the timeout and extra CA asked for.
    pub client: HttpClient,
    /// The CA file given, as an absolute path, for the history.
    pub ca_certificate: Option<PathBuf>,
}

/// Parses `server` (named `source` in messages) and builds the client for it.
///
/// # Errors
///
/// [`Failure::Usage`] for a bad address, plain http off this machine without
/// `--allow-http`, or a CA file that cannot be read or holds no certificate.
pub fn connect(source: &str, server: &str, network: &NetworkArgs) -> Result<Connection, Failure> {
    let address = ServerAddress::parse(server).map_err(|error| Failure::input(source, error))?;
    if address.is_plain_http_off_host() {
        if !network.allow_http {
            return Err(Failure::input(
                source,
                format!(
                    "'{address}' is plain http to another machine, so the password would \
                     cross the network unencrypted; use https://, or pass --allow-http to \
                     accept that"
                ),
            ));
        }
        eprintln!("warning: {address} uses plain http: the password travels unencrypted");
    }
    let ca_certificate_pem = match &network.ca_cert {
        Some(path) => Some(std::fs::read(path).map_err(|error| {
            Failure::input(
                "--ca-cert",
                format!("cannot read '{}': {error}", path.display()),
            )
        })?),
        None => None,
    };
    let options = ClientOptions {
        timeout: Some(Duration::from_secs(network.timeout)),
        ca_certificate_pem,
        ..ClientOptions::default()
    };
    let client = HttpClient::with_options(options).map_err(|error| {
        let source = if network.ca_cert.is_some() {
            "--ca-cert"
        } else {
            "HTTPS client"
        };
        Failure::input(source, error)
    })?;
    let ca_certificate = network
        .ca_cert
        .as_ref()
        .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
    Ok(Connection {
        address,
        client,
        ca_certificate,
    })
}
