//! Property tests of the response parser: whatever a server answers, interpreting it never
//! panics, and an error never repeats the token the body carried.

use bootstrap_core::bootstrap::interpret;
use proptest::prelude::*;

fn success_body(token: &str, organization: &str) -> String {
    serde_json::json!({
        "message": "Successfully bootstrapped instance",
        "user": {"username": "a@example.com", "email": "a@example.com", "id": "u1", "superAdmin": true},
        "organization": {"id": "o1", "name": organization, "slug": "s"},
        "identity": {"id": "i1", "name": "Instance Admin Identity", "credentials": {"token": token}},
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_status_and_body_is_interpreted_without_panic(status in 0u16..1000, body in ".{0,400}") {
        let _ = interpret(status, &body);
    }

    #[test]
    fn any_json_shaped_body_is_interpreted_without_panic(
        status in prop::sample::select(vec![200u16, 400, 401, 403, 404, 422, 429, 500, 503]),
        message in prop_oneof![Just("null".to_string()), "\"[^\"\\\\]{0,40}\"", Just("[]".to_string()),
            Just("[{\"path\":[\"email\"],\"message\":\"Invalid\"},{\"path\":[7]}]".to_string()), Just("{}".to_string())],
    ) {
        let body = format!("{{\"statusCode\":{status},\"message\":{message},\"error\":\"E\"}}");
        let _ = interpret(status, &body);
    }

    #[test]
    fn a_token_in_a_broken_answer_never_reaches_the_error(
        token in "[A-Za-z0-9_\\-\\.]{12,80}",
        cut in 0usize..400,
        status in prop::sample::select(vec![200u16, 400, 422, 500]),
    ) {
        let full = success_body(&token, "Acme");
        let body = &full[..cut.min(full.len())];
        match interpret(status, body) {
            Ok(done) => prop_assert!(done.identity.credentials.token.matches(&token)),
            Err(error) => {
                let text = format!("{error} {error:?} {}", error.advice().unwrap_or_default());
                prop_assert!(!text.contains(&token), "the token leaked into {}", text);
            }
        }
    }

    #[test]
    fn wrongly_typed_fields_do_not_leak_the_token(token in "[A-Za-z0-9]{16,64}") {
        // A token where a number is expected makes serde quote it in its message.
        let body = success_body(&token, "Acme").replace("\"superAdmin\":true", &format!("\"superAdmin\":\"{token}\""));
        let body = body.replace("\"name\":\"Acme\"", &format!("\"name\":7,\"x\":\"{token}\""));
        if let Err(error) = interpret(200, &body) {
            let text = format!("{error} {error:?}");
            prop_assert!(!text.contains(&token), "the token leaked into {}", text);
        }
    }
}
