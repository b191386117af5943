//! Integration tests of the fake Infisical server, over real HTTP with reqwest.

mod bootstrap;
mod modes;
mod routes;
mod validation;

use fake_infisical::{FakeInfisical, Mode, Options, ZodVersion};
use serde_json::{json, Value};

/// The bootstrap route.
pub const BOOTSTRAP: &str = "/api/v1/admin/bootstrap";

/// An answer, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    /// The body as JSON; panics if it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The JSON body with `reqId` checked (`req-` + 14 alphanumerics) and removed.
    pub fn envelope(&self) -> Value {
        let mut body = self.json();
        let req_id = body["reqId"].as_str().expect("reqId").to_string();
        let suffix = req_id.strip_prefix("req-").expect("req- prefix");
        assert_eq!(suffix.len(), 14, "{req_id}");
        assert!(
            suffix.chars().all(|c| c.is_ascii_alphanumeric()),
            "{req_id}"
        );
        body.as_object_mut().unwrap().remove("reqId");
        body
    }
}

/// Starts a fake with the given mode and zod version.
pub fn fake(mode: Mode, zod: ZodVersion, initialized: bool) -> FakeInfisical {
    FakeInfisical::start(Options {
        mode,
        zod,
        initialized,
        ..Options::default()
    })
    .expect("fake starts")
}

/// Starts a fresh, normal fake.
pub fn normal() -> FakeInfisical {
    fake(Mode::Normal, ZodVersion::V3, false)
}

async fn read(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = response.text().await.expect("body");
    Reply {
        status,
        content_type,
        headers,
        text,
    }
}

/// `GET path`.
pub async fn get(fake: &FakeInfisical, path: &str) -> Reply {
    let url = format!("{}{path}", fake.url());
    read(reqwest::get(url).await.expect("GET")).await
}

/// `POST path` with a JSON body.
pub async fn post_json(fake: &FakeInfisical, path: &str, body: &Value) -> Reply {
    post_raw(fake, path, Some("application/json"), &body.to_string()).await
}

/// `POST path` with a raw body and an optional content type.
pub async fn post_raw(
    fake: &FakeInfisical,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Reply {
    let mut request = reqwest::Client::new()
        .post(format!("{}{path}", fake.url()))
        .body(body.to_string());
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    read(request.send().await.expect("POST")).await
}

/// A valid bootstrap body.
pub fn good_body() -> Value {
    json!({
        "email": "Admin@Example.com",
        "password": "correct horse battery staple",
        "organization": "Acme"
    })
}
