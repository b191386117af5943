//! 422 zod issues (both versions), parser errors and the order of the checks.

use fake_infisical::{Mode, ZodVersion};
use serde_json::{json, Value};

use crate::{fake, good_body, post_json, post_raw, Reply, BOOTSTRAP};

/// Posts `body` to a fresh fake with `zod` and returns the issue array of the 422.
async fn issues(zod: ZodVersion, body: &Value) -> Value {
    let fake = fake(Mode::Normal, zod, false);
    let reply = post_json(&fake, BOOTSTRAP, body).await;
    assert_422(&reply)
}

fn assert_422(reply: &Reply) -> Value {
    assert_eq!(reply.status, 422, "{}", reply.text);
    let envelope = reply.envelope();
    assert_eq!(envelope["statusCode"], 422);
    assert_eq!(envelope["error"], "ValidationFailure");
    assert_eq!(envelope.as_object().unwrap().len(), 3, "{envelope}");
    envelope["message"].clone()
}

fn with(key: &str, value: Value) -> Value {
    let mut body = good_body();
    body[key] = value;
    body
}

fn without(key: &str) -> Value {
    let mut body = good_body();
    body.as_object_mut().unwrap().remove(key);
    body
}

#[tokio::test]
async fn zod3_bad_email() {
    let found = issues(ZodVersion::V3, &with("email", json!("admin@localhost"))).await;
    assert_eq!(
        found,
        json!([{"validation": "email", "code": "invalid_string", "message": "Invalid email",
            "path": ["email"]}])
    );
    for bad in [" admin@example.com", "admin@example.com ", "a@b.c"] {
        let found = issues(ZodVersion::V3, &with("email", json!(bad))).await;
        assert_eq!(found[0]["code"], "invalid_string", "{bad:?}");
    }
}

#[tokio::test]
async fn zod3_blank_password_and_missing_organization() {
    let found = issues(ZodVersion::V3, &with("password", json!("   "))).await;
    assert_eq!(
        found,
        json!([{"code": "too_small", "minimum": 1, "type": "string", "inclusive": true,
            "exact": false, "message": "String must contain at least 1 character(s)",
            "path": ["password"]}])
    );
    let found = issues(ZodVersion::V3, &without("organization")).await;
    assert_eq!(
        found,
        json!([{"code": "invalid_type", "expected": "string", "received": "undefined",
            "path": ["organization"], "message": "Required"}])
    );
}

#[tokio::test]
async fn zod3_wrong_types_and_key_order() {
    let fake = fake(Mode::Normal, ZodVersion::V3, false);
    let body = json!({"email": 5, "password": null, "organization": ["x"]});
    let reply = post_json(&fake, BOOTSTRAP, &body).await;
    let found = assert_422(&reply);
    let received: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["received"].as_str().unwrap())
        .collect();
    assert_eq!(received, ["number", "null", "array"]);
    assert_eq!(found[0]["message"], "Expected string, received number");
    let first = r#"{"code":"invalid_type","expected":"string","received":"number","path":["email"],"message":"Expected string, received number"}"#;
    assert!(reply.text.contains(first), "{}", reply.text);
}

#[tokio::test]
async fn zod4_shapes() {
    let found = issues(ZodVersion::V4, &with("email", json!("not-an-email"))).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
    let issue = &found[0];
    assert_eq!(issue["origin"], "string");
    assert_eq!(issue["code"], "invalid_format");
    assert_eq!(issue["format"], "email");
    assert_eq!(issue["path"], json!(["email"]));
    assert_eq!(issue["message"], "Invalid email address");
    let pattern = issue["pattern"].as_str().unwrap();
    assert!(
        pattern.starts_with('/') && pattern.ends_with('/'),
        "{pattern}"
    );

    let found = issues(ZodVersion::V4, &with("password", json!(""))).await;
    assert_eq!(
        found,
        json!([{"origin": "string", "code": "too_small", "minimum": 1, "inclusive": true,
            "path": ["password"], "message": "Too small: expected string to have >=1 characters"}])
    );
    let found = issues(ZodVersion::V4, &without("organization")).await;
    assert_eq!(
        found,
        json!([{"expected": "string", "code": "invalid_type", "path": ["organization"],
            "message": "Invalid input: expected string, received undefined"}])
    );
}

#[tokio::test]
async fn null_and_non_object_bodies() {
    let found = issues(ZodVersion::V3, &Value::Null).await;
    assert_eq!(
        found,
        json!([{"code": "invalid_type", "expected": "object", "received": "null", "path": [],
            "message": "Expected object, received null"}])
    );
    let found = issues(ZodVersion::V4, &Value::Null).await;
    assert_eq!(
        found[0]["message"],
        "Invalid input: expected object, received null"
    );
    assert_eq!(found[0]["path"], json!([]));

    let fake = fake(Mode::Normal, ZodVersion::V3, false);
    let found = assert_422(&post_raw(&fake, BOOTSTRAP, None, "").await);
    assert_eq!(found[0]["received"], "null");
    let found = assert_422(&post_raw(&fake, BOOTSTRAP, Some("text/plain"), "hi").await);
    assert_eq!(found[0]["message"], "Expected object, received string");
    assert!(!fake.is_initialized());
}

#[tokio::test]
async fn validation_runs_before_the_already_set_up_check() {
    let fake = fake(Mode::Normal, ZodVersion::V3, true);
    let reply = post_json(&fake, BOOTSTRAP, &with("email", json!("bad"))).await;
    assert_eq!(assert_422(&reply)[0]["path"], json!(["email"]));
}

#[tokio::test]
async fn unparseable_bodies_get_the_generic_500() {
    let fake = fake(Mode::Normal, ZodVersion::V3, false);
    let cases = [
        (Some("application/json"), "{\"email\": "),
        (Some("application/json; charset=utf-8"), "not json"),
        (Some("application/json"), ""),
        (None, "{\"email\":\"a@b.io\"}"),
        (Some("application/xml"), "<a/>"),
    ];
    for (content_type, body) in cases {
        let reply = post_raw(&fake, BOOTSTRAP, content_type, body).await;
        assert_eq!(reply.status, 500, "{content_type:?} {body:?}");
        assert_eq!(
            reply.envelope(),
            json!({"statusCode": 500, "message": "Something went wrong",
                "error": "InternalServerError"})
        );
    }
    assert!(!fake.is_initialized());
    assert_eq!(fake.bootstrap_posts(), cases.len());
}
