//! Integration tests of the core against the fake Infisical server in `tests/`.

mod address_props;
mod outcomes;
mod preflight;
mod setup;
mod states;
mod support;
mod tls;
mod wait;
