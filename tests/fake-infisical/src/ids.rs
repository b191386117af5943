//! Random identifiers: request ids, UUIDs, slug suffixes and JWT-looking tokens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::distr::{Alphanumeric, SampleString};
use rand::Rng;
use serde::Serialize;

/// A request id like Infisical's: `req-` and 14 random ASCII letters and digits.
pub(crate) fn req_id() -> String {
    format!("req-{}", Alphanumeric.sample_string(&mut rand::rng(), 14))
}

/// A random UUID v4 in its hyphenated lower-case form.
pub(crate) fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `len` random lower-case ASCII letters and digits.
pub(crate) fn lower_alphanumerics(len: usize) -> String {
    const SET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(SET[rng.random_range(0..SET.len())]))
        .collect()
}

/// The claims of a first-generation instance-admin identity token (no `exp`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenClaims<'a> {
    identity_id: &'a str,
    identity_access_token_id: &'a str,
    auth_token_type: &'static str,
    iat: u64,
}

/// A JWT-shaped token: HS256 header, the claims above, and a random signature.
pub(crate) fn identity_token(identity_id: &str, access_token_id: &str, iat: u64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = TokenClaims {
        identity_id,
        identity_access_token_id: access_token_id,
        auth_token_type: "identityAccessToken",
        iat,
    };
    let payload = serde_json::to_vec(&claims).unwrap_or_default();
    let mut signature = [0u8; 32];
    rand::rng().fill(&mut signature);
    format!(
        "{header}.{}.{}",
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}
