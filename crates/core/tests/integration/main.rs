//! Integration tests of the core against the fake Infisical server in `tests/`.

mod outcomes;
mod preflight;
mod setup;
mod support;
