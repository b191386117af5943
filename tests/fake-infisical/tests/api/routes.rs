//! Pre-flight routes, 404s, HTML, trailing slashes, recording and start/stop.

use std::io::{Read, Write};
use std::net::TcpStream;

use fake_infisical::{FakeInfisical, Options};
use serde_json::json;

use crate::{get, good_body, normal, post_json, post_raw, BOOTSTRAP};

#[tokio::test]
async fn status_has_the_observed_body() {
    let fake = normal();
    let reply = get(&fake, "/api/status").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json; charset=utf-8");
    let mut body = reply.json();
    let date = body["date"].as_str().unwrap().to_string();
    assert_eq!(date.len(), "2026-12-03T17:32:05.123Z".len(), "{date}");
    assert!(
        date.starts_with("20") && date.ends_with('Z') && date.contains('T'),
        "{date}"
    );
    body.as_object_mut().unwrap().remove("date");
    assert_eq!(
        body,
        json!({"message": "Ok", "emailConfigured": false, "inviteOnlySignup": true,
            "redisConfigured": true, "secretScanningConfigured": false,
            "auditLogStorageDisabled": false, "maxIdentityAccessTokenTTL": 7_776_000})
    );
    assert!(reply.text.starts_with(r#"{"date":""#), "{}", reply.text);
}

#[tokio::test]
async fn config_has_the_observed_body() {
    let fake = normal();
    let reply = get(&fake, "/api/v1/admin/config").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        json!({"config": {"id": "00000000-0000-0000-0000-000000000000", "initialized": false,
            "allowSignUp": true, "allowedSignUpDomain": null, "defaultAuthOrgId": null,
            "enabledLoginMethods": null, "authConsentContent": null, "pageFrameContent": null,
            "isPublicSecretSharingDisabled": false, "licenseServerV2Enabled": false,
            "isCrossProjectSecretSharingEnabled": false, "defaultAuthOrgSlug": null,
            "defaultAuthOrgAuthEnforced": null, "defaultAuthOrgAuthMethod": null}})
    );
}

#[tokio::test]
async fn unknown_api_routes_get_fastifys_404() {
    let fake = normal();
    let reply = get(&fake, "/api/x").await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text,
        r#"{"message":"Route GET:/api/x not found","error":"Not Found","statusCode":404}"#
    );
    let reply = get(&fake, "/api/v2/nope?a=1").await;
    assert_eq!(
        reply.json()["message"],
        "Route GET:/api/v2/nope?a=1 not found"
    );
    let reply = get(&fake, BOOTSTRAP).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.json()["message"],
        format!("Route GET:{BOOTSTRAP} not found")
    );
    let reply = post_json(&fake, "/api/status", &json!({})).await;
    assert_eq!(reply.json()["message"], "Route POST:/api/status not found");
    let reply = post_raw(&fake, "/login", None, "").await;
    assert_eq!(reply.json()["message"], "Route POST:/login not found");
}

#[tokio::test]
async fn other_gets_serve_the_spa_page() {
    let fake = normal();
    for path in ["/", "/login", "/admin/signup"] {
        let reply = get(&fake, path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert!(reply.content_type.starts_with("text/html"), "{path}");
        assert!(reply.text.contains("<div id=\"root\">"), "{path}");
    }
}

#[tokio::test]
async fn trailing_slashes_are_ignored() {
    let fake = normal();
    assert_eq!(get(&fake, "/api/status/").await.json()["message"], "Ok");
    let config = get(&fake, "/api/v1/admin/config/").await.json();
    assert_eq!(config["config"]["initialized"], false);
    let reply = post_json(&fake, &format!("{BOOTSTRAP}/"), &good_body()).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(fake.bootstrap_posts(), 1);
    assert!(fake.is_initialized());
}

#[tokio::test]
async fn every_request_is_recorded_in_order() {
    let fake = normal();
    get(&fake, "/api/status?x=1").await;
    get(&fake, "/api/nope").await;
    post_json(&fake, BOOTSTRAP, &good_body()).await;
    post_raw(
        &fake,
        &format!("{BOOTSTRAP}/"),
        Some("application/json"),
        "{oops",
    )
    .await;
    let requests = fake.requests();
    let summary: Vec<(&str, &str, Option<&str>)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str(), r.query.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            ("GET", "/api/status", Some("x=1")),
            ("GET", "/api/nope", None),
            ("POST", BOOTSTRAP, None),
            ("POST", "/api/v1/admin/bootstrap/", None),
        ]
    );
    assert_eq!(requests[2].body, good_body().to_string());
    assert_eq!(requests[2].header("Content-Type"), Some("application/json"));
    assert!(requests[2].headers.iter().any(|(name, _)| name == "host"));
    assert_eq!(requests[3].body, "{oops");
    assert_eq!(requests[0].body, "");
    assert_eq!(fake.bootstrap_posts(), 2);
    assert_eq!(fake.issued_tokens().len(), 1);
}

/// One blocking HTTP/1.1 exchange with `Connection: close`.
fn raw_http(url: &str, request: &str) -> String {
    let address = url.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn works_from_sync_code_and_stops_on_drop() {
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let url = fake.url();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with('/'),
        "{url}"
    );
    let answer = raw_http(
        &url,
        "GET /api/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""message":"Ok""#), "{answer}");
    // An idle open connection must not keep the server alive.
    let _idle = TcpStream::connect(url.strip_prefix("http://").unwrap()).unwrap();
    drop(fake);
    assert!(TcpStream::connect(url.strip_prefix("http://").unwrap()).is_err());
}

#[test]
fn two_fakes_get_different_ports() {
    let first = FakeInfisical::start(Options::default()).unwrap();
    let second = FakeInfisical::start(Options::default()).unwrap();
    assert_ne!(first.url(), second.url());
}

/// A resettable fake that has been set up.
async fn set_up_resettable() -> FakeInfisical {
    let fake = FakeInfisical::start(Options {
        resettable: true,
        ..Options::default()
    })
    .expect("fake starts");
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
    assert!(fake.is_initialized());
    fake
}

#[tokio::test]
async fn a_resettable_fake_is_fresh_again_after_post_reset() {
    let fake = set_up_resettable().await;
    let reply = post_raw(&fake, "/__fake/reset", None, "").await;
    assert_eq!(reply.status, 204);
    assert!(!fake.is_initialized());
    assert!(fake.requests().is_empty(), "the reset forgets the requests");
    assert_eq!(fake.bootstrap_posts(), 0);
    assert!(fake.issued_tokens().is_empty());
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
    // A trailing slash is ignored, as on every route.
    assert_eq!(
        post_raw(&fake, "/__fake/reset/", None, "").await.status,
        204
    );
    // The same admin can be created again.
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
}

#[tokio::test]
async fn only_a_resettable_fake_knows_the_reset_route() {
    let fake = normal();
    assert_eq!(post_json(&fake, BOOTSTRAP, &good_body()).await.status, 200);
    let reply = post_raw(&fake, "/__fake/reset", None, "").await;
    assert_eq!(reply.status, 404);
    assert!(fake.is_initialized());
    fake.reset();
    assert!(!fake.is_initialized(), "the handle can always reset");
}
