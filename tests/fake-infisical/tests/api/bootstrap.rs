//! Successful and repeated bootstraps.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use fake_infisical::{Mode, ZodVersion};
use serde_json::{json, Value};

use crate::{fake, get, good_body, normal, post_json, post_raw, BOOTSTRAP};

fn assert_uuid_v4(value: &Value) {
    let text = value.as_str().expect("uuid string");
    let groups: Vec<usize> = text.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{text}");
    assert!(text
        .chars()
        .all(|c| c == '-' || matches!(c, '0'..='9' | 'a'..='f')));
    assert_eq!(&text[14..15], "4", "{text}");
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn decode_part(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

#[tokio::test]
async fn success_has_the_documented_shape() {
    let fake = normal();
    let mut body = good_body();
    body["domain"] = json!("http://ignored.example");
    let reply = post_json(&fake, BOOTSTRAP, &body).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let body = reply.json();
    assert_eq!(keys(&body), ["identity", "message", "organization", "user"]);
    assert_eq!(body["message"], "Successfully bootstrapped instance");

    let user = &body["user"];
    assert_eq!(
        keys(user),
        [
            "email",
            "firstName",
            "id",
            "lastName",
            "superAdmin",
            "username"
        ]
    );
    assert_eq!(user["email"], "admin@example.com");
    assert_eq!(user["username"], "admin@example.com");
    assert_eq!(user["firstName"], "Admin");
    assert_eq!(user["lastName"], "User");
    assert_eq!(user["superAdmin"], true);
    assert_uuid_v4(&user["id"]);

    let org = &body["organization"];
    assert_eq!(keys(org), ["id", "name", "slug"]);
    assert_eq!(org["name"], "Acme");
    assert_uuid_v4(&org["id"]);
    let slug = org["slug"].as_str().unwrap();
    let suffix = slug.strip_prefix("acme-").expect(slug);
    assert_eq!(suffix.len(), 4, "{slug}");
    assert!(suffix
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));

    let identity = &body["identity"];
    assert_eq!(keys(identity), ["credentials", "id", "name"]);
    assert_eq!(identity["name"], "Instance Admin Identity");
    assert_uuid_v4(&identity["id"]);
    assert_eq!(keys(&identity["credentials"]), ["token"]);
    let token = identity["credentials"]["token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT has three parts");
    assert_eq!(decode_part(parts[0])["alg"], "HS256");
    let claims = decode_part(parts[1]);
    assert_eq!(
        keys(&claims),
        [
            "authTokenType",
            "iat",
            "identityAccessTokenId",
            "identityId"
        ]
    );
    assert_eq!(claims["authTokenType"], "identityAccessToken");
    assert_eq!(claims["identityId"], identity["id"]);
    assert_uuid_v4(&claims["identityAccessTokenId"]);
    assert!(claims["iat"].as_u64().unwrap() > 1_700_000_000);
    assert!(URL_SAFE_NO_PAD.decode(parts[2]).is_ok());

    assert_eq!(fake.issued_tokens(), [token.to_string()]);
    assert_eq!(fake.bootstrap_posts(), 1);
}

#[tokio::test]
async fn bootstrap_initializes_the_instance() {
    let fake = normal();
    assert!(!fake.is_initialized());
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
    assert!(fake.is_initialized());
    let config = get(&fake, "/api/v1/admin/config").await.json();
    assert_eq!(config["config"]["initialized"], true);
    assert!(config["config"].get("isMigrationModeOn").is_none());
}

#[tokio::test]
async fn second_bootstrap_is_refused() {
    let fake = normal();
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
    let other = json!({"email": "other@example.com", "password": "x", "organization": "B"});
    for body in [good_body(), other] {
        let reply = post_json(&fake, BOOTSTRAP, &body).await;
        assert_eq!(reply.status, 400);
        assert_eq!(
            reply.envelope(),
            json!({"statusCode": 400, "message": "Instance has already been set up",
                "error": "BadRequest"})
        );
        assert!(
            reply.text.starts_with(r#"{"reqId":"req-"#),
            "{}",
            reply.text
        );
    }
    assert_eq!(fake.issued_tokens().len(), 1);
    assert_eq!(fake.bootstrap_posts(), 3);
}

#[tokio::test]
async fn started_initialized_refuses_at_once() {
    let fake = fake(Mode::Normal, ZodVersion::V3, true);
    assert!(fake.is_initialized());
    let reply = post_json(&fake, BOOTSTRAP, &good_body()).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.envelope()["message"],
        "Instance has already been set up"
    );
    assert!(fake.issued_tokens().is_empty());
}

#[tokio::test]
async fn form_bodies_are_accepted_too() {
    let fake = normal();
    let form = "email=a%40b.io&password=pw&organization=My+Org";
    let reply = post_raw(
        &fake,
        BOOTSTRAP,
        Some("application/x-www-form-urlencoded"),
        form,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let slug = reply.json()["organization"]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(slug.starts_with("my-org-"), "{slug}");
}
