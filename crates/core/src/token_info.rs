//! What can be read from an instance-admin token without verifying it: its claims.
//!
//! Infisical's tokens are JWTs. Some server versions put an `exp` claim in them, others do
//! not; the wizard shows the expiry when there is one. The signature is not checked, and
//! nothing here decides whether the token is valid: [`crate::verify`] asks the server.

use std::time::SystemTime;

use base64::Engine as _;
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::secret::Token;

#[derive(Deserialize)]
struct Claims {
    exp: Option<i64>,
}

/// The expiry of `token` as an RFC 3339 UTC time, such as `2027-03-03T12:00:00Z`, or
/// `None` when the token has no `exp` claim or is not a readable JWT.
pub fn expiry(token: &Token) -> Option<String> {
    let payload = token.expose().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    let at = OffsetDateTime::from_unix_timestamp(claims.exp?).ok()?;
    at.format(&Rfc3339).ok()
}

/// Whether an RFC 3339 expiry from [`expiry`] lies in the past.
pub fn is_expired(expiry: &str, now: SystemTime) -> bool {
    OffsetDateTime::parse(expiry, &Rfc3339).is_ok_and(|at| at <= OffsetDateTime::from(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> Token {
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        Token::new(format!(
            "{}.{}.sig",
            encode(r#"{"alg":"HS256"}"#),
            encode(payload)
        ))
    }

    #[test]
    fn exp_claim_becomes_an_rfc3339_time() {
        let token = jwt(r#"{"identityId":"i","exp":1798761600}"#);
        assert_eq!(expiry(&token).as_deref(), Some("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn token_without_exp_has_no_expiry() {
        assert_eq!(expiry(&jwt(r#"{"identityId":"i","iat":1700000000}"#)), None);
    }

    #[test]
    fn unreadable_tokens_have_no_expiry() {
        for text in ["", "abc", "a.%%%.c", "a.e30.c"] {
            assert_eq!(expiry(&Token::new(text)), None, "{text}");
        }
    }

    #[test]
    fn past_expiry_is_expired() {
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
        assert!(is_expired("2027-01-01T00:00:00Z", now));
        assert!(!is_expired("2030-01-01T00:00:00Z", now));
    }
}
