//! Each failure mode, and switching modes while running.

use fake_infisical::{Mode, ZodVersion};
use serde_json::json;

use crate::{fake, get, good_body, post_json, post_raw, BOOTSTRAP};

fn start(mode: Mode) -> fake_infisical::FakeInfisical {
    fake(mode, ZodVersion::V3, false)
}

#[tokio::test]
async fn starting_up_answers_503_on_every_api_route() {
    let fake = start(Mode::StartingUp);
    let expected = json!({"status": "unavailable",
        "message": "Server is starting up, migrations in progress. Please try again in a moment."});
    for path in ["/api/status", "/api/v1/admin/config", "/api/whatever"] {
        let reply = get(&fake, path).await;
        assert_eq!(reply.status, 503, "{path}");
        assert_eq!(reply.json(), expected, "{path}");
    }
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 503);
    assert_eq!(fake.bootstrap_posts(), 1);
    assert!(!fake.is_initialized());

    fake.set_mode(Mode::Normal);
    assert_eq!(get(&fake, "/api/status").await.status, 200);
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
}

#[tokio::test]
async fn maintenance_flags_config_and_fails_writes() {
    let fake = start(Mode::Maintenance);
    assert_eq!(get(&fake, "/api/status").await.status, 200);
    let config = get(&fake, "/api/v1/admin/config").await.json();
    assert_eq!(config["config"]["isMigrationModeOn"], true);
    assert_eq!(config["config"]["initialized"], false);
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 500);
    assert_eq!(
        reply.envelope(),
        json!({"statusCode": 500, "message": "Something went wrong", "error": "InternalServerError"})
    );
    assert!(!fake.is_initialized());
}

#[tokio::test]
async fn half_initialized_says_user_exists() {
    let fake = fake(Mode::HalfInitialized, ZodVersion::V3, false);
    let config = get(&fake, "/api/v1/admin/config").await.json();
    assert_eq!(config["config"]["initialized"], false);
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.envelope(),
        json!({"statusCode": 400, "message": "User already exists",
            "error": "Instance initialization"})
    );
    let bad = json!({"email": "x", "password": "p", "organization": "o"});
    assert_eq!(post_json(&fake, BOOTSTRAP, &bad).await.status, 422);
    assert!(!fake.is_initialized());
    assert!(fake.issued_tokens().is_empty());
}

#[tokio::test]
async fn rate_limited_answers_429() {
    let fake = start(Mode::RateLimited);
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 429);
    assert_eq!(
        reply.envelope(),
        json!({"statusCode": 429, "error": "RateLimitExceeded",
            "message": "Rate limit exceeded. Please try again in 60 seconds"})
    );
    assert_eq!(reply.headers["retry-after"], "60");
    assert_eq!(get(&fake, "/api/status").await.status, 200);
    assert!(!fake.is_initialized());
}

#[tokio::test]
async fn internal_error_fails_after_validation() {
    let fake = start(Mode::InternalError);
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.envelope()["message"], "Something went wrong");
    let bad = json!({"email": "x", "password": "p", "organization": "o"});
    assert_eq!(post_json(&fake, BOOTSTRAP, &bad).await.status, 422);
    assert!(!fake.is_initialized());
}

#[tokio::test]
async fn html_everywhere_is_not_infisical() {
    let fake = start(Mode::HtmlEverywhere);
    for path in ["/", "/api/status", "/api/v1/admin/config", "/api/x"] {
        let reply = get(&fake, path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert!(reply.content_type.starts_with("text/html"), "{path}");
        assert!(serde_json::from_str::<serde_json::Value>(&reply.text).is_err());
    }
    let reply = post_raw(&fake, BOOTSTRAP, Some("application/json"), "{}").await;
    assert_eq!(reply.status, 405);
    assert_eq!(fake.requests().len(), 5);
}

#[tokio::test]
async fn other_json_api_is_not_infisical() {
    let fake = start(Mode::OtherJsonApi);
    let reply = get(&fake, "/api/status").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text, r#"{"status":"ok"}"#);
    assert_eq!(get(&fake, "/api/v1/admin/config").await.status, 404);
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 404);
    assert!(!fake.is_initialized());
}

#[tokio::test]
async fn zod_version_can_change_while_running() {
    let fake = start(Mode::Normal);
    let bad = json!({"email": "x", "password": "p", "organization": "o"});
    let reply = post_json(&fake, BOOTSTRAP, &bad).await;
    assert_eq!(reply.json()["message"][0]["code"], "invalid_string");
    fake.set_zod(ZodVersion::V4);
    let reply = post_json(&fake, BOOTSTRAP, &bad).await;
    assert_eq!(reply.json()["message"][0]["code"], "invalid_format");
}

#[tokio::test]
async fn drop_after_request_sets_up_but_never_answers_the_post() {
    let fake = start(Mode::DropAfterRequest);
    let sent = reqwest::Client::new()
        .post(format!("{}{BOOTSTRAP}", fake.url()))
        .json(&good_body())
        .send()
        .await;
    let error = sent.expect_err("no answer may come");
    assert!(!error.is_connect() && !error.is_timeout(), "{error:?}");
    assert_eq!(fake.bootstrap_posts(), 1);
    assert_eq!(fake.requests()[0].body, good_body().to_string());
    assert!(fake.is_initialized());
    assert_eq!(fake.issued_tokens().len(), 1);
    let config = get(&fake, "/api/v1/admin/config").await.json();
    assert_eq!(config["config"]["initialized"], true);
}
