//! The response bodies a real Infisical backend sends, and helpers to build responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::ids::req_id;
use crate::time::now_rfc3339;

/// Serializes `body` as a JSON response with Fastify's content type.
pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string());
    let content_type = HeaderValue::from_static("application/json; charset=utf-8");
    (status, [(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// A response with a JSON content type and `text` as it is, valid JSON or not.
pub(crate) fn raw_json(status: StatusCode, text: String) -> Response {
    let content_type = HeaderValue::from_static("application/json; charset=utf-8");
    (status, [(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// A `text/html` response.
pub(crate) fn html(status: StatusCode, page: &'static str) -> Response {
    let content_type = HeaderValue::from_static("text/html; charset=utf-8");
    (status, [(header::CONTENT_TYPE, content_type)], page).into_response()
}

/// The SPA index page Infisical's standalone image serves for any non-API GET.
pub(crate) const SPA_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\
<meta charset=\"UTF-8\" /><title>Infisical</title>\
<script type=\"module\" src=\"/assets/index.js\"></script></head>\n\
<body><div id=\"root\"></div></body>\n</html>\n";

/// What an unrelated plain web server answers.
pub(crate) const PLAIN_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\
<body><h1>It works!</h1></body></html>\n";

/// What the plain web server answers to anything but GET.
pub(crate) const NOT_ALLOWED_PAGE: &str = "<html><head><title>405 Not Allowed</title></head>\
<body><h1>405 Not Allowed</h1></body></html>\n";

/// Infisical's error envelope: `{reqId, statusCode, message, error}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, M: Serialize> {
    req_id: String,
    status_code: u16,
    message: M,
    error: &'a str,
}

/// An error envelope response with a fresh `reqId`.
pub(crate) fn envelope<M: Serialize>(status: StatusCode, message: M, error: &str) -> Response {
    let body = Envelope {
        req_id: req_id(),
        status_code: status.as_u16(),
        message,
        error,
    };
    json(status, &body)
}

/// The catch-all 500 "Something went wrong".
pub(crate) fn internal_error() -> Response {
    envelope(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "InternalServerError",
    )
}

/// Fastify's 404 for a route it does not know; `url` includes the query string.
pub(crate) fn route_not_found(method: &str, url: &str) -> Response {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct NotFound {
        message: String,
        error: &'static str,
        status_code: u16,
    }
    let body = NotFound {
        message: format!("Route {method}:{url} not found"),
        error: "Not Found",
        status_code: 404,
    };
    json(StatusCode::NOT_FOUND, &body)
}

/// The 503 every route gives while migrations run.
pub(crate) fn starting_up() -> Response {
    #[derive(Serialize)]
    struct Unavailable {
        status: &'static str,
        message: &'static str,
    }
    let body = Unavailable {
        status: "unavailable",
        message: "Server is starting up, migrations in progress. Please try again in a moment.",
    };
    json(StatusCode::SERVICE_UNAVAILABLE, &body)
}

/// The 429 from the rate limiter, with its usual headers.
pub(crate) fn rate_limited() -> Response {
    let mut response = envelope(
        StatusCode::TOO_MANY_REQUESTS,
        "Rate limit exceeded. Please try again in 60 seconds",
        "RateLimitExceeded",
    );
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-ratelimit-limit", "200"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "60"),
        ("retry-after", "60"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// `GET /api/status` as the observed mid-2026 build answers it.
pub(crate) fn status() -> Response {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Status {
        date: String,
        message: &'static str,
        email_configured: bool,
        invite_only_signup: bool,
        redis_configured: bool,
        secret_scanning_configured: bool,
        audit_log_storage_disabled: bool,
        #[serde(rename = "maxIdentityAccessTokenTTL")]
        max_identity_access_token_ttl: u64,
    }
    let body = Status {
        date: now_rfc3339(),
        message: "Ok",
        email_configured: false,
        invite_only_signup: true,
        redis_configured: true,
        secret_scanning_configured: false,
        audit_log_storage_disabled: false,
        max_identity_access_token_ttl: 90 * 24 * 3600,
    };
    json(StatusCode::OK, &body)
}

/// `GET /api/v1/admin/config`; `isMigrationModeOn` appears only in maintenance mode.
pub(crate) fn config(initialized: bool, maintenance: bool) -> Response {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Config {
        id: &'static str,
        initialized: bool,
        allow_sign_up: bool,
        allowed_sign_up_domain: Option<String>,
        default_auth_org_id: Option<String>,
        enabled_login_methods: Option<Vec<String>>,
        auth_consent_content: Option<String>,
        page_frame_content: Option<String>,
        is_public_secret_sharing_disabled: bool,
        license_server_v2_enabled: bool,
        is_cross_project_secret_sharing_enabled: bool,
        default_auth_org_slug: Option<String>,
        default_auth_org_auth_enforced: Option<bool>,
        default_auth_org_auth_method: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        is_migration_mode_on: Option<bool>,
    }
    #[derive(Serialize)]
    struct Wrapper {
        config: Config,
    }
    let config = Config {
        id: "00000000-0000-0000-0000-000000000000",
        initialized,
        allow_sign_up: true,
        allowed_sign_up_domain: None,
        default_auth_org_id: None,
        enabled_login_methods: None,
        auth_consent_content: None,
        page_frame_content: None,
        is_public_secret_sharing_disabled: false,
        license_server_v2_enabled: false,
        is_cross_project_secret_sharing_enabled: false,
        default_auth_org_slug: None,
        default_auth_org_auth_enforced: None,
        default_auth_org_auth_method: None,
        is_migration_mode_on: maintenance.then_some(true),
    };
    json(StatusCode::OK, &Wrapper { config })
}
