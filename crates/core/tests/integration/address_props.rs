//! Properties of the address normalizer over arbitrary input: it never panics, and what it
//! produces is a fixed point (normalizing the result again changes nothing).

use bootstrap_core::ServerAddress;
use proptest::prelude::*;

/// Text shaped like addresses people paste: schemes, hosts, ports, paths, `/api`, quotes,
/// spaces, user-info, IPv6 and non-ASCII pieces, glued in any order.
fn address_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("https://".to_owned()),
        Just("http://".to_owned()),
        Just("HTTP://".to_owned()),
        Just("/api".to_owned()),
        Just("/api/".to_owned()),
        Just("/v1/admin/bootstrap".to_owned()),
        Just("/".to_owned()),
        Just(":8080".to_owned()),
        Just(":70000".to_owned()),
        Just("[::1]".to_owned()),
        Just("user:pw@".to_owned()),
        Just("bücher.example".to_owned()),
        Just("Secrets.Example.COM".to_owned()),
        Just("?a=1".to_owned()),
        Just("#frag".to_owned()),
        Just("\"".to_owned()),
        Just(" ".to_owned()),
        Just("%2F".to_owned()),
        "[a-zA-Z0-9.-]{1,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalizing_is_idempotent_and_never_panics(input in address_like()) {
        if let Ok(first) = ServerAddress::parse(&input) {
            let again = ServerAddress::parse(first.as_str());
            prop_assert_eq!(again.as_ref().map(ToString::to_string), Ok(first.to_string()));
            prop_assert!(!first.as_str().ends_with('/'));
            let endpoint = first.endpoint("/api/status");
            let after_scheme = endpoint.split_once("://").map_or("", |(_, rest)| rest);
            let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
            prop_assert!(!path.contains("/api/api"), "{}", endpoint);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>()) {
        let _ = ServerAddress::parse(&input);
    }
}
