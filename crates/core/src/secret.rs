//! The two secrets this program touches: the admin's password and the instance-admin token.
//!
//! Both wrap [`secrecy::SecretString`], so their memory is zeroized on drop and their `Debug`
//! output is redacted. Neither implements `Serialize`: a secret leaves the process only
//! through a call that names it (`expose`), which keeps it out of logs and IPC errors by
//! construction.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// The password typed for the first admin user.
#[derive(Clone, Default)]
pub struct Password(SecretString);

/// The instance-admin token returned by a bootstrap. It is a root credential.
#[derive(Clone)]
pub struct Token(SecretString);

impl Password {
    /// Wraps a password.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The password itself, for validation and for the request body only.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl Token {
    /// Wraps a token.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The token itself, for the keychain, the clipboard and an explicit reveal only.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the token has no characters (a server bug, never something to store).
    pub fn is_empty(&self) -> bool {
        self.expose().trim().is_empty()
    }

    /// Constant-time comparison, used when reading a stored token back.
    pub fn matches(&self, other: &str) -> bool {
        let (a, b) = (self.expose().as_bytes(), other.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Token(<redacted, {} chars>)",
            self.expose().chars().count()
        )
    }
}

impl<'de> Deserialize<'de> for Password {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl<'de> Deserialize<'de> for Token {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret() {
        let password = Password::new("correct horse battery staple 9");
        let token = Token::new("eyJhbGciOiJIUzI1NiJ9.secret.sig");
        let shown = format!("{password:?} {token:?} {:#?}", (&password, &token));
        assert!(!shown.contains("horse"), "{shown}");
        assert!(!shown.contains("secret.sig"), "{shown}");
    }

    #[test]
    fn token_matching_is_exact() {
        let token = Token::new("abc");
        assert!(token.matches("abc"));
        assert!(!token.matches("abd"));
        assert!(!token.matches("abcd"));
    }

    #[test]
    fn blank_token_is_empty() {
        assert!(Token::new(" ").is_empty());
        assert!(!Token::new("x").is_empty());
    }
}
