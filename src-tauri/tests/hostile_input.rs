//! A corpus of hostile input, one bad field at a time: each gets a message at its own field,
//! and nothing at all reaches the server.

mod support;

use fake_infisical::{FakeInfisical, Options};
use serde_json::{json, Value};
use support::{harness, invoke, PASSWORD};

const TEN_MB: usize = 10 * 1024 * 1024;

/// Strings that are wrong in any field: empty, blank, control characters, NUL, invisible
/// and direction marks, and one of 10 MB.
fn wrong_everywhere() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "", " ", "   ", "\t", "\n", "\r\n", "\0", "\u{200B}", "\u{FEFF}",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    inputs.extend(
        (1u8..0x20)
            .filter(|b| *b != b'\t' && *b != b'\n')
            .map(|b| format!("{}", b as char)),
    );
    inputs.push("\u{7F}".into());
    inputs.push("x".repeat(TEN_MB));
    inputs
}

fn bad_servers() -> Vec<String> {
    let mut inputs = wrong_everywhere();
    inputs.extend(
        [
            "secrets.example.com",
            "localhost:8080",
            "ftp://secrets.example.com",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://",
            "https://",
            "http:// secrets.example.com",
            "http://[::1",
            "http://h.example.com:70000",
            "http://h.example.com:-1",
            "https://admin:pw@h.example.com",
            "https://token@h.example.com",
            "https://h.example.com/?next=/admin",
            "https://h.example.com/#top",
            "https://exa mple.com",
            "\u{202E}https://h.example.com",
            "https://h.example.com\0",
            "https://🔥.example.com/\u{0}",
            "//h.example.com",
            "h.example.com/api",
            "https:h.example.com",
        ]
        .map(String::from),
    );
    inputs
}

fn bad_emails() -> Vec<String> {
    let mut inputs = wrong_everywhere();
    inputs.extend(
        [
            " admin@example.com",
            "admin@example.com ",
            "admin @example.com",
            "admin",
            "admin@",
            "@example.com",
            "admin@localhost",
            "admin@example",
            "a@b.c",
            "admin@example.c0m",
            "admin@@example.com",
            "admin@exa_mple.com",
            "ädmin@example.com",
            "admin@exämple.com",
            "admin🔥@example.com",
            "admin@example.com\u{200F}",
            "\u{202E}admin@example.com",
            ".admin@example.com",
            "ad..min@example.com",
            "admin.@example.com",
            "admin@-example.com",
            "admin@example.com\n",
            "admin\0@example.com",
            "<admin@example.com>",
            "admin@example.com;",
        ]
        .map(String::from),
    );
    inputs.push(format!("{}@example.com", "a".repeat(250)));
    inputs
}

fn bad_passwords() -> Vec<String> {
    let mut inputs = wrong_everywhere();
    inputs.extend(
        [
            "Short-1",
            "1234567890123",
            " Correct-Horse-42-Staple",
            "Correct-Horse-42-Staple ",
            "  Correct-Horse-42-Staple  ",
            "CorrectHorseBatteryStaple",
            "12345678901234567890",
            "!!!!!!!!!!!!!!!!!!",
            "Correct-Hoooorse-42",
            "Correct\nHorse-42-Staple",
            "Correct\tHorse-42-Staple",
            "Correct\\Horse-42-Staple",
            "Correct\0Horse-42-Staple",
            "Correct-Horse-42\u{200F}",
            "\u{202E}Correct-Horse-42",
            "Correct\u{200B}Horse-42",
            "🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥",
            "aaaa-Correct-Horse-42",
            "Correct-Horse-42-1111",
        ]
        .map(String::from),
    );
    inputs.push(format!("{PASSWORD}{}", "ab1-".repeat(25)));
    inputs
}

fn bad_organizations() -> Vec<String> {
    let mut inputs = wrong_everywhere();
    inputs.extend(
        [
            "Acme\nCorp",
            "Acme\tCorp",
            "Acme\0",
            "Acme\u{202E}",
            "\u{200F}Acme",
            "Ac\u{200B}me",
            "Acme\u{7}",
        ]
        .map(String::from),
    );
    inputs.push("a".repeat(65));
    inputs.push("🔥".repeat(65));
    inputs.push(format!("{} ", "x".repeat(65)));
    inputs
}

fn good_form() -> Value {
    json!({"email": "admin@example.com", "password": PASSWORD, "confirmPassword": PASSWORD,
           "organization": "Acme"})
}

#[test]
fn every_hostile_input_is_refused_at_its_field_and_nothing_is_sent() {
    let h = harness();
    let fake = FakeInfisical::start(Options::default()).unwrap();
    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.extend(bad_servers().into_iter().map(|v| ("server", v)));
    cases.extend(bad_emails().into_iter().map(|v| ("email", v)));
    cases.extend(bad_passwords().into_iter().map(|v| ("password", v)));
    cases.extend(bad_passwords().into_iter().map(|v| ("confirmPassword", v)));
    cases.extend(bad_organizations().into_iter().map(|v| ("organization", v)));
    assert!(cases.len() >= 200, "the corpus has {} inputs", cases.len());

    for (field, value) in &cases {
        let mut form = good_form();
        let mut server = fake.url();
        match *field {
            "server" => server = value.clone(),
            "password" => {
                form["password"] = json!(value);
                form["confirmPassword"] = json!(value);
            }
            other => form[other] = json!(value),
        }
        let shown: String = value.chars().take(40).collect();
        let error = invoke(
            &h.window,
            "run_bootstrap",
            json!({"server": server, "form": form, "httpConsent": false}),
        )
        .expect_err(&format!("{field} = {shown:?} must be refused"));
        let message = if *field == "server" {
            assert_eq!(error["field"], json!("server"), "{shown:?}: {error}");
            error["message"].as_str()
        } else {
            assert_eq!(
                error["kind"],
                json!("invalidInput"),
                "{field} = {shown:?}: {error}"
            );
            error["fields"][field].as_str()
        };
        let message =
            message.unwrap_or_else(|| panic!("{field} = {shown:?} has no message: {error}"));
        assert!(
            message.len() < 400,
            "{field}: the message stays short even for huge input"
        );
        let starts_well = message
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '\'');
        assert!(starts_well, "{message}");
        let clean = !message.chars().any(char::is_control);
        assert!(clean, "{field}: no control characters in {message:?}");
    }
    assert!(
        fake.requests().is_empty(),
        "no request may be sent for bad input"
    );
}

#[test]
fn email_case_is_left_to_the_server_and_accepted() {
    let h = harness();
    let mut form = good_form();
    form["email"] = json!("Admin@Example.COM");
    let answer = invoke(&h.window, "validate_admin", json!({"form": form})).unwrap();
    assert!(answer["fields"].get("email").is_none(), "{answer}");
}
