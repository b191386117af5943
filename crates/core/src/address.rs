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
    /// Plain http to a host that is not loopback, without the person's consent: the password
    /// would cross the network unencrypted.
    #[error("'{input}' is plain http to another computer: the password would cross the network unencrypted, so confirm that first or use https")]
    PlainHttpNeedsConsent {
        /// The normalized address.
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
        if let Some(reason) = host_problem(url.host()) {
            return Err(AddressError::Invalid {
                input: text.to_owned(),
                reason,
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

    /// Succeeds when requests to this address may carry the password: https, loopback, or
    /// plain http the person explicitly agreed to.
    ///
    /// # Errors
    ///
    /// Returns [`AddressError::PlainHttpNeedsConsent`] for plain http to another host without
    /// `consent`.
    pub fn check_consent(&self, consent: bool) -> Result<(), AddressError> {
        if self.is_plain_http_off_host() && !consent {
            return Err(AddressError::PlainHttpNeedsConsent {
                input: self.to_string(),
            });
        }
        Ok(())
    }

    /// `"http"` or `"https"`.
    pub fn scheme(&self) -> &str {
        self.base.scheme()
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

/// Why the host cannot name a server, if it cannot: none at all, or characters that no
/// host name has (the URL parser lets some through, such as quotes).
fn host_problem(host: Option<url::Host<&str>>) -> Option<String> {
    let name = match host {
        None => return Some("it has no host name".to_owned()),
        Some(url::Host::Domain(name)) => name,
        Some(_) => return None,
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
    name.chars()
        .find(|c| !valid(*c))
        .map(|c| format!("the host name contains '{c}'"))
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
#[path = "address_tests.rs"]
mod tests;
