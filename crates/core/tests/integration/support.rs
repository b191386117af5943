//! Shared helpers: a running fake server and a valid admin form.

use bootstrap_core::{AdminForm, HttpClient, Password, ServerAddress, ValidatedAdmin};
use fake_infisical::{FakeInfisical, Mode, Options};

pub const PASSWORD: &str = "Correct-Horse-42-Staple";

pub fn server(mode: Mode) -> FakeInfisical {
    FakeInfisical::start(Options {
        mode,
        ..Options::default()
    })
    .expect("fake server starts")
}

pub fn address(server: &FakeInfisical) -> ServerAddress {
    ServerAddress::parse(&server.url()).expect("fake server URL parses")
}

pub fn client() -> HttpClient {
    HttpClient::new().expect("HTTP client builds")
}

pub fn admin() -> ValidatedAdmin {
    AdminForm {
        email: "Admin@Example.com".into(),
        password: Password::new(PASSWORD),
        confirm_password: Password::new(PASSWORD),
        organization: "Acme".into(),
    }
    .validate()
    .expect("the test form is valid")
}
