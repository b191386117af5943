//! The logic of Infisical Bootstrap Wizard, free of any GUI dependency.
//!
//! The desktop app and the headless command are thin layers over this crate:
//! - [`address`] turns typed text into a server's base URL;
//! - [`preflight`] tells whether that server is an Infisical ready to be set up;
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
pub mod history;
pub mod http;
pub mod instances;
pub mod preflight;
pub mod secret;
pub mod setup;
pub mod token_file;
pub mod token_info;
pub mod token_store;
pub mod validation;
pub mod verify;

pub use address::{AddressError, ServerAddress};
pub use bootstrap::{BootstrapError, Field, FieldIssue};
pub use history::{History, HistoryError, InstanceRecord};
pub use http::{ClientOptions, HttpClient};
pub use preflight::ServerState;
pub use secret::{Password, Token};
pub use setup::{run_setup, SetupOutcome, SetupSummary};
#[cfg(any(test, feature = "test-store"))]
pub use token_store::MemoryStore;
pub use token_store::{Custody, KeyringStore, StoreError, TokenKey, TokenStore};
pub use validation::{AdminForm, FieldErrors, PasswordRule, ValidatedAdmin};
pub use verify::TokenCheck;
