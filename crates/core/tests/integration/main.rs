//! Integration tests of the core against the fake Infisical server in `tests/`.

mod preflight;
mod setup;
mod support;
