//! The server address a person types, turned into the base URL of an Infisical instance.
//!
//! People paste what their browser shows: a trailing slash, the `/api` part of an endpoint,
//! sometimes a whole endpoint URL. [`ServerAddress::parse`] accepts all of that and produces
//! one canonical base URL, so that `https://host/api/` and `https://host` name the same
//! instance and no request ever goes to `/api/api`. A path prefix in front of `/api`
//! (`https://host/infisical`) is kept, for servers behind a reverse proxy.

use std::fmt;

use url::Url;

/// Why the text a person typed is not a usable server address.
///
/// Each message quotes the input and says what was expected, so it can be shown next to the
/// address field as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// The field is empty or holds only white space.
    #[error("enter the server address, like https://secrets.example.com")]
    Empty,
    /// Longer than any real server address: pasted by mistake.
    #[error("the address is {0} characters long: paste only the server's address")]
    TooLong(usize),
    /// Control or invisible characters (NUL, line breaks inside, direction marks, zero-width
    /// spaces), which no address has and which would hide what is really sent.
    #[error("the address contains control or invisible characters: type it again by hand")]
    HiddenCharacters,
    /// No `scheme://` in front. We never guess plain http, so the person is offered https.
    #[error("'{input}' has no scheme: did you mean '{suggestion}'?")]
    MissingScheme {
        /// What was typed, trimmed.
        input: String,
        /// The same address with `https://` in front.
        suggestion: String,
    },
    /// A scheme other than http or https, such as `ftp://`.
    #[error("'{input}' uses '{scheme}': only http:// and https:// addresses are supported")]
    UnsupportedScheme {
        /// What was typed, trimmed.
        input: String,
        /// The scheme found.
        scheme: String,
    },
    /// A user name or password in the address. It would be sent to the server and kept in
    /// our history, so it is refused rather than dropped.
    #[error("'{input}' contains a user name or password: remove the part before '@'")]
    UserInfo {
        /// The address with the credentials masked.
        input: String,
    },
    /// A `?query` or `#fragment`, which no Infisical base address has.
    #[error("'{input}' has a query or fragment: remove everything from '?' or '#' on")]
    QueryOrFragment {
        /// What was typed, trimmed.
        input: String,
    },
    /// The URL parser rejected the text (bad host, port out of range, and so on).
    #[error("'{input}' is not a valid address: {reason}")]
    Invalid {
        /// What was typed, trimmed.
        input: String,
        /// The parser's reason, such as "invalid port number".
        reason: String,
    },
}

/// Addresses longer than this are refused before parsing.
const MAX_ADDRESS_CHARS: usize = 2048;

/// Direction marks and overrides, zero-width characters and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
}

/// The canonical base URL of an Infisical instance: scheme, host, optional port and optional
/// path prefix, without a trailing slash and without `/api`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServerAddress {
    base: Url,
}

impl ServerAddress {
    /// Parses and normalizes what a person typed.
    ///
    /// # Errors
    ///
    /// Returns an [`AddressError`] that quotes the input when it is empty, has no or an
    /// unsupported scheme, carries credentials, a query or a fragment, or does not parse.
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let text = input.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        if text.chars().count() > MAX_ADDRESS_CHARS {
            return Err(AddressError::TooLong(text.chars().count()));
        }
        if text.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(AddressError::HiddenCharacters);
        }
        let Some((scheme, _)) = text.split_once("://") else {
            return Err(AddressError::MissingScheme {
                input: text.to_owned(),
                suggestion: format!("https://{}", text.trim_start_matches('/')),
            });
        };
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(AddressError::UnsupportedScheme {
                input: text.to_owned(),
                scheme,
            });
        }
        let url = Url::parse(text).map_err(|error| AddressError::Invalid {
            input: text.to_owned(),
            reason: error.to_string(),
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(AddressError::UserInfo {
                input: mask_user_info(text),
            });
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(AddressError::QueryOrFragment {
                input: text.to_owned(),
            });
        }
        if url.host().is_none() {
            return Err(AddressError::Invalid {
                input: text.to_owned(),
                reason: "it has no host name".to_owned(),
            });
        }
        let mut base = url;
        let prefix = strip_api_suffix(base.path());
        base.set_path(&prefix);
        Ok(Self { base })
    }

    /// The URL of an API path on this server, such as `/api/status`.
    ///
    /// `path` must start with `/`.
    pub fn endpoint(&self, path: &str) -> String {
        debug_assert!(path.starts_with('/'), "endpoint paths start with a slash");
        format!("{}{}", self.as_str(), path)
    }

    /// The canonical address as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// Whether requests to this address cross a network unencrypted: plain `http://` to a
    /// host that is not loopback (`localhost`, 127.0.0.0/8 or `::1`). Such an address needs
    /// the person's explicit consent, because the password would travel in clear text.
    pub fn is_plain_http_off_host(&self) -> bool {
        if self.base.scheme() != "http" {
            return false;
        }
        match self.base.host() {
            Some(url::Host::Ipv4(ip)) => !ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => !ip.is_loopback(),
            Some(url::Host::Domain(name)) => name != "localhost",
            None => true,
        }
    }

    /// The host part, as the URL parser normalized it (lower case, punycode).
    pub fn host(&self) -> String {
        self.base.host_str().unwrap_or_default().to_owned()
    }
}

impl fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Drops trailing slashes, then `/api` and anything after it, so that a pasted endpoint
/// (`/api/v1/admin/bootstrap`) or API root (`/api/`) leaves only the path prefix.
fn strip_api_suffix(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let keep = segments
        .iter()
        .position(|s| s.eq_ignore_ascii_case("api"))
        .unwrap_or(segments.len());
    let prefix = segments[..keep].join("/");
    if prefix.is_empty() {
        String::from("/")
    } else {
        format!("/{prefix}")
    }
}

/// Replaces the credentials in `scheme://user:pass@host` with `***`, so an error message
/// never repeats a password someone pasted.
fn mask_user_info(text: &str) -> String {
    match (text.split_once("://"), text.rfind('@')) {
        (Some((scheme, _)), Some(at)) => format!("{scheme}://***{}", &text[at..]),
        _ => String::from("***"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(input: &str) -> String {
        ServerAddress::parse(input)
            .expect("address should parse")
            .to_string()
    }

    #[test]
    fn surrounding_white_space_and_quotes_are_trimmed() {
        assert_eq!(
            normalized("  https://secrets.example.com \n"),
            "https://secrets.example.com"
        );
        assert_eq!(
            normalized("\"https://secrets.example.com\""),
            "https://secrets.example.com"
        );
    }

    #[test]
    fn trailing_slashes_are_dropped() {
        assert_eq!(
            normalized("https://h.example.com///"),
            "https://h.example.com"
        );
    }

    #[test]
    fn pasted_api_suffix_never_doubles() {
        for input in [
            "https://h.example.com/api",
            "https://h.example.com/api/",
            "https://h.example.com/API",
        ] {
            let address = ServerAddress::parse(input).unwrap();
            assert_eq!(
                address.endpoint("/api/status"),
                "https://h.example.com/api/status"
            );
        }
    }

    #[test]
    fn full_endpoint_url_is_cut_back_to_the_base() {
        assert_eq!(
            normalized("https://h.example.com/api/v1/admin/bootstrap"),
            "https://h.example.com"
        );
    }

    #[test]
    fn path_prefix_is_kept() {
        let address = ServerAddress::parse("https://h.example.com/infisical/api/").unwrap();
        assert_eq!(
            address.endpoint("/api/status"),
            "https://h.example.com/infisical/api/status"
        );
    }

    #[test]
    fn host_is_lower_cased_and_default_port_dropped() {
        assert_eq!(
            normalized("HTTPS://Secrets.Example.COM:443/"),
            "https://secrets.example.com"
        );
    }

    #[test]
    fn ipv6_literal_with_port_is_kept() {
        assert_eq!(normalized("http://[::1]:8080"), "http://[::1]:8080");
    }

    #[test]
    fn missing_scheme_offers_https() {
        let error = ServerAddress::parse("secrets.example.com").unwrap_err();
        assert_eq!(
            error,
            AddressError::MissingScheme {
                input: "secrets.example.com".into(),
                suggestion: "https://secrets.example.com".into()
            }
        );
        assert!(error.to_string().contains("https://secrets.example.com"));
    }

    #[test]
    fn other_schemes_are_rejected() {
        let error = ServerAddress::parse("ftp://h.example.com").unwrap_err();
        assert!(matches!(error, AddressError::UnsupportedScheme { .. }));
    }

    #[test]
    fn credentials_are_rejected_and_masked() {
        let error = ServerAddress::parse("https://admin:hunter2@h.example.com").unwrap_err();
        assert!(matches!(error, AddressError::UserInfo { .. }));
        assert!(!error.to_string().contains("hunter2"));
    }

    #[test]
    fn query_and_fragment_are_rejected() {
        for input in ["https://h.example.com/?a=1", "https://h.example.com/#x"] {
            assert!(matches!(
                ServerAddress::parse(input),
                Err(AddressError::QueryOrFragment { .. })
            ));
        }
    }

    #[test]
    fn out_of_range_port_quotes_the_input() {
        let error = ServerAddress::parse("http://h.example.com:70000").unwrap_err();
        assert!(
            error.to_string().contains("'http://h.example.com:70000'"),
            "{error}"
        );
    }

    #[test]
    fn plain_http_needs_consent_only_off_host() {
        let needs = |input| {
            ServerAddress::parse(input)
                .unwrap()
                .is_plain_http_off_host()
        };
        assert!(!needs("http://localhost:8080"));
        assert!(!needs("http://127.0.0.5"));
        assert!(!needs("http://[::1]:8080"));
        assert!(!needs("https://secrets.example.com"));
        assert!(needs("http://secrets.example.com"));
        assert!(needs("http://10.0.0.4:8080"));
    }

    #[test]
    fn empty_input_asks_for_an_address() {
        assert_eq!(ServerAddress::parse("  "), Err(AddressError::Empty));
    }
}
