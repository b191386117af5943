//! Unit tests of the address normalizer; the property tests are in `tests/integration`.

use super::*;

fn normalized(input: &str) -> String {
    ServerAddress::parse(input)
        .expect("address should parse")
        .to_string()
}

#[test]
fn surrounding_white_space_and_quotes_are_trimmed() {
    assert_eq!(
        normalized("  https://secrets.example.com \n"),
        "https://secrets.example.com"
    );
    assert_eq!(
        normalized("\"https://secrets.example.com\""),
        "https://secrets.example.com"
    );
}

#[test]
fn trailing_slashes_are_dropped() {
    assert_eq!(
        normalized("https://h.example.com///"),
        "https://h.example.com"
    );
}

#[test]
fn pasted_api_suffix_never_doubles() {
    for input in [
        "https://h.example.com/api",
        "https://h.example.com/api/",
        "https://h.example.com/API",
    ] {
        let address = ServerAddress::parse(input).unwrap();
        assert_eq!(
            address.endpoint("/api/status"),
            "https://h.example.com/api/status"
        );
    }
}

#[test]
fn full_endpoint_url_is_cut_back_to_the_base() {
    assert_eq!(
        normalized("https://h.example.com/api/v1/admin/bootstrap"),
        "https://h.example.com"
    );
}

#[test]
fn path_prefix_is_kept() {
    let address = ServerAddress::parse("https://h.example.com/infisical/api/").unwrap();
    assert_eq!(
        address.endpoint("/api/status"),
        "https://h.example.com/infisical/api/status"
    );
}

#[test]
fn host_is_lower_cased_and_default_port_dropped() {
    assert_eq!(
        normalized("HTTPS://Secrets.Example.COM:443/"),
        "https://secrets.example.com"
    );
}

#[test]
fn ipv6_literal_with_port_is_kept() {
    assert_eq!(normalized("http://[::1]:8080"), "http://[::1]:8080");
}

#[test]
fn missing_scheme_offers_https() {
    let error = ServerAddress::parse("secrets.example.com").unwrap_err();
    assert_eq!(
        error,
        AddressError::MissingScheme {
            input: "secrets.example.com".into(),
            suggestion: "https://secrets.example.com".into()
        }
    );
    assert!(error.to_string().contains("https://secrets.example.com"));
}

#[test]
fn other_schemes_are_rejected() {
    let error = ServerAddress::parse("ftp://h.example.com").unwrap_err();
    assert!(matches!(error, AddressError::UnsupportedScheme { .. }));
}

#[test]
fn credentials_are_rejected_and_masked() {
    let error = ServerAddress::parse("https://admin:hunter2@h.example.com").unwrap_err();
    assert!(matches!(error, AddressError::UserInfo { .. }));
    assert!(!error.to_string().contains("hunter2"));
}

#[test]
fn query_and_fragment_are_rejected() {
    for input in ["https://h.example.com/?a=1", "https://h.example.com/#x"] {
        assert!(matches!(
            ServerAddress::parse(input),
            Err(AddressError::QueryOrFragment { .. })
        ));
    }
}

#[test]
fn out_of_range_port_quotes_the_input() {
    let error = ServerAddress::parse("http://h.example.com:70000").unwrap_err();
    assert!(
        error.to_string().contains("'http://h.example.com:70000'"),
        "{error}"
    );
}

#[test]
fn plain_http_needs_consent_only_off_host() {
    let needs = |input| {
        ServerAddress::parse(input)
            .unwrap()
            .is_plain_http_off_host()
    };
    assert!(!needs("http://localhost:8080"));
    assert!(!needs("http://127.0.0.5"));
    assert!(!needs("http://[::1]:8080"));
    assert!(!needs("https://secrets.example.com"));
    assert!(needs("http://secrets.example.com"));
    assert!(needs("http://10.0.0.4:8080"));
}

#[test]
fn empty_input_asks_for_an_address() {
    assert_eq!(ServerAddress::parse("  "), Err(AddressError::Empty));
}

#[test]
fn internationalized_domain_names_become_punycode() {
    assert_eq!(
        normalized("https://Bücher.Example/api/"),
        "https://xn--bcher-kva.example"
    );
}

#[test]
fn single_quotes_and_white_space_inside_quotes_are_trimmed() {
    assert_eq!(
        normalized(" ' https://h.example.com/ ' "),
        "https://h.example.com"
    );
}

#[test]
fn missing_scheme_with_port_and_path_offers_https_and_never_http() {
    let error = ServerAddress::parse("localhost:8080/api").unwrap_err();
    let AddressError::MissingScheme { suggestion, .. } = error else {
        panic!("expected a missing scheme, got {error:?}");
    };
    assert_eq!(suggestion, "https://localhost:8080/api");
}

#[test]
fn user_name_alone_is_rejected_with_the_reason() {
    let error = ServerAddress::parse("https://admin@h.example.com").unwrap_err();
    assert_eq!(
        error.to_string(),
        "'https://***@h.example.com' contains a user name or password: remove the part before '@'"
    );
}

#[test]
fn host_with_characters_no_host_name_has_is_rejected() {
    let error = ServerAddress::parse("https://\"/api").unwrap_err();
    assert!(matches!(error, AddressError::Invalid { .. }), "{error:?}");
}

#[test]
fn ipv6_literal_is_lower_cased_and_its_path_prefix_kept() {
    assert_eq!(
        normalized("https://[FD00::1]:8443/Infisical/api/status"),
        "https://[fd00::1]:8443/Infisical"
    );
}

#[test]
fn port_zero_and_non_numeric_ports_are_rejected() {
    for input in ["http://h.example.com:abc", "http://h.example.com:-1"] {
        assert!(
            matches!(
                ServerAddress::parse(input),
                Err(AddressError::Invalid { .. })
            ),
            "{input}"
        );
    }
}

#[test]
fn plain_http_off_host_needs_consent_before_the_password_is_sent() {
    let address = ServerAddress::parse("http://10.0.0.4:8080").unwrap();
    assert!(matches!(
        address.check_consent(false),
        Err(AddressError::PlainHttpNeedsConsent { .. })
    ));
    assert_eq!(address.check_consent(true), Ok(()));
    let local = ServerAddress::parse("http://127.0.0.1:8080").unwrap();
    assert_eq!(local.check_consent(false), Ok(()));
}
