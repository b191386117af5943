//! The built `infisical-bootstrap` binary, run as a script would run it, against the fake
//! Infisical server.

mod exit_codes;
mod headless;
mod keychain;
mod secrets;
mod support;
