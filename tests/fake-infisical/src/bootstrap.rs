//! `POST /api/v1/admin/bootstrap`: body parsing, validation and the service logic.
//!
//! Order, as on a real server: body parsing (bad JSON → 500), rate limit (429), zod
//! validation (422), then the service: already set up (400), user exists (400), success.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::bodies::{self, envelope, internal_error, json, rate_limited};
use crate::ids::{identity_token, lower_alphanumerics, uuid};
use crate::state::Shared;
use crate::time::unix_seconds;
use crate::zod::{validate, BootstrapInput};
use crate::Mode;

/// The name of the machine identity a bootstrap creates.
pub(crate) const IDENTITY_NAME: &str = "Instance Admin Identity";

/// Answers a bootstrap POST. The maintenance-mode 500 is handled before this.
pub(crate) fn handle(shared: &Shared, content_type: Option<&str>, body: &[u8]) -> Response {
    let Some(parsed) = parse_body(content_type, body) else {
        return internal_error();
    };
    let (mode, zod) = {
        let inner = shared.lock();
        (inner.mode, inner.zod)
    };
    if mode == Mode::RateLimited {
        return rate_limited();
    }
    let input = match validate(&parsed, zod) {
        Ok(input) => input,
        Err(issues) => {
            return envelope(
                StatusCode::UNPROCESSABLE_ENTITY,
                issues,
                "ValidationFailure",
            )
        }
    };
    if mode == Mode::InternalError {
        return internal_error();
    }
    bootstrap(shared, input)
}

/// Turns the raw body into what Fastify hands the validator; `None` means a parser error.
fn parse_body(content_type: Option<&str>, body: &[u8]) -> Option<Value> {
    let Some(content_type) = content_type else {
        // Without a content type Fastify only accepts an empty body (and passes null).
        return body.is_empty().then_some(Value::Null);
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => serde_json::from_slice(body).ok(),
        "text/plain" => Some(Value::String(String::from_utf8_lossy(body).into_owned())),
        "application/x-www-form-urlencoded" => Some(parse_form(body)),
        _ => None,
    }
}

/// A urlencoded form as `@fastify/formbody` sees it: repeated keys become arrays.
fn parse_form(body: &[u8]) -> Value {
    let mut fields = Map::new();
    for (key, value) in form_urlencoded::parse(body) {
        let value = Value::String(value.into_owned());
        match fields.get_mut(key.as_ref()) {
            Some(Value::Array(values)) => values.push(value),
            Some(existing) => *existing = Value::Array(vec![existing.take(), value]),
            None => {
                fields.insert(key.into_owned(), value);
            }
        }
    }
    Value::Object(fields)
}

/// The 200 body of a successful bootstrap.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Success {
    message: &'static str,
    user: User,
    organization: Organization,
    identity: Identity,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct User {
    username: String,
    first_name: &'static str,
    last_name: &'static str,
    email: String,
    id: String,
    super_admin: bool,
}

#[derive(Serialize)]
struct Organization {
    id: String,
    name: String,
    slug: String,
}

#[derive(Serialize)]
struct Identity {
    id: String,
    name: &'static str,
    credentials: Credentials,
}

#[derive(Serialize)]
struct Credentials {
    token: String,
}

/// The service part: the already-set-up and existing-user checks, then the new admin.
fn bootstrap(shared: &Shared, input: BootstrapInput) -> Response {
    let email = input.email.to_lowercase();
    let mut inner = shared.lock();
    let half_initialized = inner.mode == Mode::HalfInitialized;
    if inner.initialized && !half_initialized {
        return envelope(
            StatusCode::BAD_REQUEST,
            "Instance has already been set up",
            "BadRequest",
        );
    }
    if half_initialized || inner.users.contains(&email) {
        return envelope(
            StatusCode::BAD_REQUEST,
            "User already exists",
            "Instance initialization",
        );
    }
    let identity_id = uuid();
    let mut token = identity_token(&identity_id, &uuid(), unix_seconds());
    let mode = inner.mode;
    if mode == Mode::EmptyToken {
        token.clear();
    }
    inner.users.push(email.clone());
    inner.tokens.push(token.clone());
    inner.initialized = true;
    drop(inner);

    let body = Success {
        message: "Successfully bootstrapped instance",
        user: User {
            username: email.clone(),
            first_name: "Admin",
            last_name: "User",
            email,
            id: uuid(),
            super_admin: true,
        },
        organization: Organization {
            id: uuid(),
            slug: slug_for(&input.organization),
            name: input.organization,
        },
        identity: Identity {
            id: identity_id,
            name: IDENTITY_NAME,
            credentials: Credentials { token },
        },
    };
    if mode == Mode::MalformedBody {
        let text = serde_json::to_string(&body).unwrap_or_default();
        let cut = text.len() / 2;
        return bodies::raw_json(StatusCode::OK, text[..cut].to_string());
    }
    json(StatusCode::OK, &body)
}

/// An organization slug: the name lower-cased with runs of other characters turned into
/// single dashes, then `-` and four random lower-case letters or digits.
pub(crate) fn slug_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if !slug.is_empty() && !slug.ends_with('-') {
        slug.push('-');
    }
    slug.push_str(&lower_alphanumerics(4));
    slug
}

#[cfg(test)]
mod tests {
    use super::slug_for;

    #[test]
    fn slugs_look_like_infisicals() {
        let slug = slug_for("Acme");
        assert_eq!(slug.len(), "acme-".len() + 4);
        assert!(slug.starts_with("acme-"));
        assert!(slug_for("  My Org!! 2 ").starts_with("my-org-2-"));
        assert_eq!(slug_for("日本").len(), 4);
    }
}
