//! The logic of Infisical Bootstrap Wizard, free of any GUI dependency.
//!
//! The desktop app and the headless command are thin layers over this crate:
//! - [`address`] turns typed text into a server's base URL;
//! - [`http`] is the one HTTP client, with its timeouts, [`proxy`] rules and CA options;
//! - [`preflight`] tells which [`ServerState`] the server is in, [`wait`] waits while it
//!   starts, and [`report`] adds what the app knows about it ([`server_settings`]);
//! - [`validation`] checks the admin form field by field;
//! - [`bootstrap`] sends the one bootstrap request and reads its answer;
//! - [`token_store`] keeps the returned token in the OS keychain, and [`token_file`] in a
//!   private file when the person asks for one;
//! - [`token_info`] reads a token's expiry from its claims;
//! - [`verify`] asks the server whether it accepts a token;
//! - [`setup`] runs a whole setup: bootstrap, custody, then verification;
//! - [`history`] remembers the instances set up, without their secrets, and [`instances`]
//!   lists them with their tokens' state and acts on one of them;
//! - [`clipboard`] puts a token on the clipboard and clears it again after a while.

pub mod address;
pub mod bootstrap;
pub mod clipboard;
pub mod failure;
pub mod history;
pub mod http;
pub mod instances;
pub mod preflight;
pub mod proxy;
pub mod report;
pub mod secret;
pub mod server_settings;
mod server_state;
pub mod setup;
pub mod token_file;
pub mod token_info;
pub mod token_store;
pub mod validation;
pub mod verify;
pub mod wait;

pub use address::{AddressError, ServerAddress};
pub use bootstrap::{BootstrapError, Field, FieldIssue};
pub use failure::TlsKind;
pub use history::{History, HistoryError, InstanceRecord};
pub use http::{ClientOptions, HttpClient};
pub use preflight::{NextStep, ServerState};
pub use proxy::ProxyEnv;
pub use report::ServerReport;
pub use secret::{Password, Token};
pub use server_settings::{CaCertificate, ServerSettings, SettingsError};
pub use setup::{run_setup, setup_checked, SetupOutcome, SetupSummary};
#[cfg(any(test, feature = "test-store"))]
pub use token_store::MemoryStore;
pub use token_store::{Custody, KeyringStore, StoreError, TokenKey, TokenStore};
pub use validation::{AdminForm, FieldErrors, PasswordRule, ValidatedAdmin};
pub use verify::TokenCheck;
