//! The HTTP side: one axum fallback handler that records each request, then routes it by
//! hand so that every path (even unknown ones) is recorded before it is answered.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::Response;
use axum::Router;

use crate::bodies::{self, NOT_ALLOWED_PAGE, PLAIN_PAGE, SPA_PAGE};
use crate::state::Shared;
use crate::{bootstrap, faults, Mode, RecordedRequest};

/// The largest body read; larger ones are recorded empty and answered with a 500.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The bootstrap route, without a trailing slash.
pub(crate) const BOOTSTRAP_PATH: &str = "/api/v1/admin/bootstrap";

/// The fake's own route that makes it a fresh instance again, when it is resettable.
pub(crate) const RESET_PATH: &str = "/__fake/reset";

/// Builds the app: every request goes to [`handle`].
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// Fastify's `ignoreTrailingSlash`: `/a/b/` is routed as `/a/b`.
fn route_path(path: &str) -> &str {
    match path.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped,
        _ => path,
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if shared.resettable
        && request.method() == Method::POST
        && route_path(request.uri().path()) == RESET_PATH
    {
        // Not recorded: the reset forgets the requests before it.
        shared.reset();
        if shared.access_log {
            eprintln!("POST {RESET_PATH} 204");
        }
        return Response::builder()
            .status(StatusCode::NO_CONTENT)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let (parts, body) = request.into_parts();
    let (body, body_ok) = read_body(body).await;
    let method = parts.method.as_str().to_string();
    let path = parts.uri.path().to_string();
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let recorded = RecordedRequest {
        method: method.clone(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_string),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let is_bootstrap_post = parts.method == Method::POST && route_path(&path) == BOOTSTRAP_PATH;
    {
        let mut inner = shared.lock();
        inner.requests.push(recorded);
        if is_bootstrap_post {
            inner.bootstrap_posts += 1;
        }
    }

    let response = if body_ok {
        let url = parts
            .uri
            .path_and_query()
            .map_or(path.as_str(), |pq| pq.as_str());
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        let call = Call {
            method: &parts.method,
            url,
            path: route_path(&path),
            content_type: content_type.as_deref(),
            body: &body,
        };
        let host = parts
            .headers
            .get(header::HOST)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        match faults::answer(&shared, &call_url(&parts.uri), host.as_deref()).await {
            Some(response) => response,
            None => dispatch(&shared, &call, authorization.as_deref()),
        }
    } else {
        bodies::internal_error()
    };
    if is_bootstrap_post && shared.lock().mode == Mode::HangAfterRequest {
        // The bootstrap has run; the answer is held back until the client gives up.
        std::future::pending::<()>().await;
    }
    if is_bootstrap_post && shared.lock().mode == Mode::DropAfterRequest {
        if shared.access_log {
            eprintln!("{method} {path} dropped without an answer");
        }
        drop_connection();
    }
    if shared.access_log {
        eprintln!("{method} {path} {}", response.status().as_u16());
    }
    response
}

/// Ends the connection this request came on without writing a byte of the answer.
///
/// The handler runs inside the task that owns the connection, so unwinding out of it ends
/// that task and closes the socket, and only it: the runtime catches the unwind and goes on
/// serving other connections. `resume_unwind` skips the panic hook, so nothing is printed.
fn drop_connection() -> ! {
    std::panic::resume_unwind(Box::new("connection dropped on purpose"))
}

/// The path and query of a request, as sent.
fn call_url(uri: &axum::http::Uri) -> String {
    uri.path_and_query()
        .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string())
}

/// Reads the whole body; the flag is false if it was too large or broken.
async fn read_body(body: Body) -> (Vec<u8>, bool) {
    match to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => (bytes.to_vec(), true),
        Err(_) => (Vec::new(), false),
    }
}

/// The parts of a request the routes look at.
struct Call<'a> {
    method: &'a Method,
    /// Path and query as sent, for Fastify's 404 message.
    url: &'a str,
    /// The path with one trailing slash removed.
    path: &'a str,
    content_type: Option<&'a str>,
    body: &'a [u8],
}

fn dispatch(shared: &Shared, call: &Call<'_>, authorization: Option<&str>) -> Response {
    let (mode, initialized) = {
        let inner = shared.lock();
        (inner.mode, inner.reported_initialized())
    };
    let is_get = *call.method == Method::GET || *call.method == Method::HEAD;
    let is_api = call.path == "/api" || call.path.starts_with("/api/");
    let not_found = || bodies::route_not_found(call.method.as_str(), call.url);

    if mode == Mode::HtmlEverywhere {
        return if is_get {
            bodies::html(StatusCode::OK, PLAIN_PAGE)
        } else {
            bodies::html(StatusCode::METHOD_NOT_ALLOWED, NOT_ALLOWED_PAGE)
        };
    }
    if !is_api {
        return if is_get {
            bodies::html(StatusCode::OK, SPA_PAGE)
        } else {
            not_found()
        };
    }
    match mode {
        Mode::StartingUp => return bodies::starting_up(),
        Mode::Maintenance if !is_get => return bodies::internal_error(),
        Mode::OtherJsonApi => return other_json_api(is_get && call.path == "/api/status"),
        _ => {}
    }
    match call.path {
        "/api/status" if is_get => bodies::status(),
        "/api/v1/admin/config" if is_get => bodies::config(initialized, mode == Mode::Maintenance),
        BOOTSTRAP_PATH if *call.method == Method::POST => {
            bootstrap::handle(shared, call.content_type, call.body)
        }
        USERS_PATH if is_get => users(shared, authorization),
        _ => not_found(),
    }
}

/// An authenticated, read-only admin route: the list of users. The wizard calls it to
/// check that a fresh token works.
pub(crate) const USERS_PATH: &str = "/api/v1/admin/user-management/users";

/// Answers the users list to a token this server issued, 401 otherwise, and in
/// [`Mode::TokenMaxAge`] the 401 of server builds that reject their own fresh tokens.
fn users(shared: &Shared, authorization: Option<&str>) -> Response {
    let inner = shared.lock();
    let token = authorization.and_then(|value| value.strip_prefix("Bearer "));
    let known =
        token.is_some_and(|token| !token.is_empty() && inner.tokens.iter().any(|t| t == token));
    if !known {
        return bodies::envelope(
            StatusCode::UNAUTHORIZED,
            "Failed to authenticate: token missing or invalid",
            "UnauthorizedError",
        );
    }
    if inner.mode == Mode::TokenMaxAge {
        return bodies::envelope(
            StatusCode::UNAUTHORIZED,
            "Identity access token exceeded max age, please re-authenticate",
            "UnauthorizedError",
        );
    }
    let users: Vec<serde_json::Value> = inner
        .users
        .iter()
        .map(|email| serde_json::json!({"email": email, "username": email, "superAdmin": true}))
        .collect();
    let total = users.len();
    bodies::json(
        StatusCode::OK,
        &serde_json::json!({"users": users, "total": total}),
    )
}

/// Some unrelated JSON API: a health answer on `/api/status`, a JSON 404 elsewhere.
fn other_json_api(is_status: bool) -> Response {
    #[derive(serde::Serialize)]
    struct Answer {
        status: &'static str,
    }
    if is_status {
        bodies::json(StatusCode::OK, &Answer { status: "ok" })
    } else {
        bodies::json(
            StatusCode::NOT_FOUND,
            &Answer {
                status: "not found",
            },
        )
    }
}
