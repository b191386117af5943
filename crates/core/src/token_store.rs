//! Where instance-admin tokens are kept: the operating system's keychain.
//!
//! The service name and the account scheme are defined here and nowhere else, so the desktop
//! app and the headless command find each other's tokens. The UI never chooses an entry: it
//! only ever names a server, and this module derives the entry from it.

#[cfg(any(test, feature = "test-store"))]
use std::collections::HashMap;
#[cfg(any(test, feature = "test-store"))]
use std::sync::Mutex;

use serde::Serialize;
use tracing::{instrument, warn};

use crate::secret::Token;

/// The keychain service under which every token is stored.
pub const KEYCHAIN_SERVICE: &str = "dev.bootstrapwizard.infisical.instance-admin-token";

/// Identifies one stored token: the instance's normalized address and its organization id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenKey {
    server: String,
    organization_id: String,
}

impl TokenKey {
    /// The key for the token of `organization_id` on the server at `server` (a normalized
    /// address, as [`crate::ServerAddress`] prints it).
    pub fn new(server: impl Into<String>, organization_id: impl Into<String>) -> Self {
        Self {
            server: server.into(),
            organization_id: organization_id.into(),
        }
    }

    /// The keychain account name: not secret, readable in a keychain viewer.
    pub fn account(&self) -> String {
        format!("{} org:{}", self.server, self.organization_id)
    }
}

/// Why the keychain could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain service answers, such as no Secret Service on the session bus.
    #[error("no keychain service is running ({0}); on Linux start GNOME Keyring or KWallet (a Secret Service provider), then retry")]
    Unavailable(String),
    /// The keychain is locked, or the prompt to unlock it was dismissed or could not show.
    /// The platform's own words (on Linux, "SS error: result not returned from SS API") say
    /// nothing to a person, so they go to the log only.
    #[error("the keychain is locked, or the request to unlock it was dismissed; unlock it, for example by logging in to the desktop session, then retry")]
    Locked(String),
    /// The keychain refused this app access.
    #[error("the keychain refused access to this app ({0}); allow the app in the keychain's settings, then retry")]
    AccessDenied(String),
    /// The secret is larger than the platform's keychain accepts (Windows Credential
    /// Manager stops at about 2.5 KB).
    #[error("the token is too long for this keychain ({0}); copy it or save it to a file instead")]
    TooLong(String),
    /// Any other keychain failure.
    #[error("the keychain failed ({0}); retry, or copy the token or save it to a file")]
    Other(String),
}

impl StoreError {
    /// Sorts keyring's "no storage access" failures, which cover both a locked keychain
    /// and a refusal, by what the platform said.
    fn no_access(detail: String) -> Self {
        let lower = detail.to_lowercase();
        if lower.contains("denied")
            || lower.contains("not permitted")
            || lower.contains("not allowed")
        {
            Self::AccessDenied(detail)
        } else {
            Self::Locked(detail)
        }
    }
}

/// A place that keeps tokens. [`KeyringStore`] is the real one; tests use [`MemoryStore`].
pub trait TokenStore: Send + Sync {
    /// Stores `token` under `key`, replacing what was there.
    ///
    /// # Errors
    ///
    /// Returns a [`StoreError`] when the keychain cannot be written.
    fn set(&self, key: &TokenKey, token: &Token) -> Result<(), StoreError>;

    /// Reads the token under `key`; `Ok(None)` when there is none.
    ///
    /// # Errors
    ///
    /// Returns a [`StoreError`] when the keychain cannot be read.
    fn get(&self, key: &TokenKey) -> Result<Option<Token>, StoreError>;

    /// Deletes the token under `key`. Deleting a missing entry succeeds.
    ///
    /// # Errors
    ///
    /// Returns a [`StoreError`] when the keychain cannot be written.
    fn delete(&self, key: &TokenKey) -> Result<(), StoreError>;

    /// Whether any token is stored for `server` (a normalized address), whatever its
    /// organization.
    ///
    /// # Errors
    ///
    /// Returns a [`StoreError`] when the keychain cannot be searched.
    fn has_any_for_server(&self, server: &str) -> Result<bool, StoreError>;

    /// Where tokens go, in words a person recognizes, such as "the macOS Keychain".
    fn location(&self) -> &'static str;
}

/// The prefix every account of `server` starts with.
fn account_prefix(server: &str) -> String {
    format!("{server} org:")
}

/// The operating system's keychain, through the keyring crate: the Secret Service on Linux,
/// the Keychain on macOS and the Credential Manager on Windows.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(key: &TokenKey) -> Result<keyring::Entry, StoreError> {
        keyring::Entry::new(KEYCHAIN_SERVICE, &key.account()).map_err(map_keyring_error)
    }
}

impl TokenStore for KeyringStore {
    #[instrument(skip_all, fields(account = %key.account(), token_len = token.expose().len()))]
    fn set(&self, key: &TokenKey, token: &Token) -> Result<(), StoreError> {
        Self::entry(key)?
            .set_password(token.expose())
            .map_err(map_keyring_error)
    }

    #[instrument(skip_all, fields(account = %key.account()))]
    fn get(&self, key: &TokenKey) -> Result<Option<Token>, StoreError> {
        match Self::entry(key)?.get_password() {
            Ok(value) => Ok(Some(Token::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(map_keyring_error(error)),
        }
    }

    #[instrument(skip_all, fields(account = %key.account()))]
    fn delete(&self, key: &TokenKey) -> Result<(), StoreError> {
        match Self::entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_keyring_error(error)),
        }
    }

    #[instrument(skip(self))]
    fn has_any_for_server(&self, server: &str) -> Result<bool, StoreError> {
        // The search goes through keyring-core's default store, which keyring sets up the
        // first time an entry is made.
        if let Err(error) = keyring::Entry::store_status() {
            return Err(StoreError::Unavailable(error.to_string()));
        }
        let spec = std::collections::HashMap::from([("service", KEYCHAIN_SERVICE)]);
        let entries = keyring_core::Entry::search(&spec).map_err(map_keyring_error)?;
        let prefix = account_prefix(server);
        Ok(entries.iter().any(|entry| {
            entry.get_attributes().is_ok_and(|attributes| {
                ["username", "account", "user"]
                    .iter()
                    .filter_map(|name| attributes.get(*name))
                    .any(|account| account.starts_with(&prefix))
            })
        }))
    }

    fn location(&self) -> &'static str {
        if cfg!(target_os = "macos") {
            "the macOS Keychain"
        } else if cfg!(target_os = "windows") {
            "Windows Credential Manager"
        } else {
            "the system keyring (Secret Service)"
        }
    }
}

/// Maps keyring's errors to ours. Variants that carry stored bytes are reduced to a phrase,
/// so a secret never reaches a message.
fn map_keyring_error(error: keyring::Error) -> StoreError {
    use keyring::Error as E;
    let mapped = match error {
        E::NoDefaultStore => StoreError::Unavailable("no default credential store".into()),
        E::PlatformFailure(inner) => StoreError::Unavailable(inner.to_string()),
        E::NoStorageAccess(inner) => StoreError::no_access(inner.to_string()),
        E::TooLong(what, limit) => StoreError::TooLong(format!("{what} is limited to {limit}")),
        E::BadEncoding(_) | E::BadDataFormat(..) => {
            StoreError::Other("the stored value is not in the expected format".into())
        }
        other => StoreError::Other(other.to_string()),
    };
    warn!(error = %mapped, platform = ?mapped, "keychain call failed");
    mapped
}

/// An in-process store for tests of code above the keychain. It exists only with the
/// `test-store` feature, which the app enables for its tests alone.
#[cfg(any(test, feature = "test-store"))]
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, String>>,
    failure: Mutex<Option<StoreError>>,
}

#[cfg(any(test, feature = "test-store"))]
impl MemoryStore {
    /// Makes every later call fail with `error`, to test what callers do then.
    pub fn fail_with(&self, error: StoreError) {
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
    }

    /// Undoes [`MemoryStore::fail_with`]: later calls work again.
    pub fn recover(&self) {
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// How many tokens it holds.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether it holds no token.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check(&self) -> Result<(), StoreError> {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .map_or(Ok(()), Err)
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(any(test, feature = "test-store"))]
impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MemoryStore({} tokens, <redacted>)", self.len())
    }
}

#[cfg(any(test, feature = "test-store"))]
impl TokenStore for MemoryStore {
    fn set(&self, key: &TokenKey, token: &Token) -> Result<(), StoreError> {
        self.check()?;
        self.entries()
            .insert(key.account(), token.expose().to_owned());
        Ok(())
    }

    fn get(&self, key: &TokenKey) -> Result<Option<Token>, StoreError> {
        self.check()?;
        Ok(self.entries().get(&key.account()).map(Token::new))
    }

    fn delete(&self, key: &TokenKey) -> Result<(), StoreError> {
        self.check()?;
        self.entries().remove(&key.account());
        Ok(())
    }

    fn has_any_for_server(&self, server: &str) -> Result<bool, StoreError> {
        self.check()?;
        let prefix = account_prefix(server);
        Ok(self
            .entries()
            .keys()
            .any(|account| account.starts_with(&prefix)))
    }

    fn location(&self) -> &'static str {
        "memory (test store)"
    }
}

/// Where a token ended up after [`keep`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum Custody {
    /// Stored and read back unchanged.
    Saved {
        /// Where, in words a person recognizes.
        location: String,
        /// The keychain service name.
        service: String,
        /// The keychain account name.
        account: String,
    },
    /// Not stored: the token exists only in this process's memory.
    NotSaved {
        /// Why, with what to do next.
        reason: String,
    },
}

/// Stores `token`, then reads it back, and says [`Custody::Saved`] only if the keychain
/// returned exactly the same token.
pub fn keep(store: &dyn TokenStore, key: &TokenKey, token: &Token) -> Custody {
    let not_saved = |reason: String| Custody::NotSaved { reason };
    if let Err(error) = store.set(key, token) {
        return not_saved(error.to_string());
    }
    match store.get(key) {
        Ok(Some(stored)) if token.matches(stored.expose()) => Custody::Saved {
            location: store.location().to_owned(),
            service: KEYCHAIN_SERVICE.to_owned(),
            account: key.account(),
        },
        Ok(Some(_)) => not_saved("the keychain returned a different value when read back".into()),
        Ok(None) => not_saved("the keychain accepted the token but did not return it".into()),
        Err(error) => not_saved(format!("the token could not be read back: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> TokenKey {
        TokenKey::new("https://h.example.com", "org-1")
    }

    #[test]
    fn account_names_server_and_organization() {
        assert_eq!(key().account(), "https://h.example.com org:org-1");
    }

    #[test]
    fn keep_reports_saved_after_reading_back() {
        let store = MemoryStore::default();
        let custody = keep(&store, &key(), &Token::new("t0ken"));
        assert!(matches!(custody, Custody::Saved { .. }), "{custody:?}");
        assert!(store.get(&key()).unwrap().unwrap().matches("t0ken"));
    }

    #[test]
    fn keep_reports_not_saved_when_the_store_fails() {
        let store = MemoryStore::default();
        store.fail_with(StoreError::Locked("prompt dismissed".into()));
        let Custody::NotSaved { reason } = keep(&store, &key(), &Token::new("t0ken")) else {
            panic!("must not claim the token was saved");
        };
        assert!(reason.contains("locked"), "{reason}");
        assert!(!reason.contains("t0ken"));
    }

    #[test]
    fn no_access_is_sorted_into_locked_or_denied() {
        let locked = map_keyring_error(keyring::Error::NoStorageAccess("prompt dismissed".into()));
        assert!(matches!(locked, StoreError::Locked(_)), "{locked:?}");
        let denied = map_keyring_error(keyring::Error::NoStorageAccess("AccessDenied".into()));
        assert!(matches!(denied, StoreError::AccessDenied(_)), "{denied:?}");
    }

    #[test]
    fn each_keychain_failure_has_its_own_message() {
        let errors = [
            map_keyring_error(keyring::Error::NoDefaultStore),
            StoreError::Locked("x".into()),
            StoreError::AccessDenied("x".into()),
            map_keyring_error(keyring::Error::TooLong("password".into(), 2560)),
        ];
        let texts: std::collections::HashSet<String> =
            errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(texts.len(), errors.len());
        assert!(errors[3].to_string().contains("2560"));
    }

    #[test]
    fn a_token_is_found_by_server_whatever_its_organization() {
        let store = MemoryStore::default();
        store.set(&key(), &Token::new("t0ken")).unwrap();
        assert_eq!(store.has_any_for_server("https://h.example.com"), Ok(true));
        assert_eq!(store.has_any_for_server("https://h.example"), Ok(false));
    }

    #[test]
    fn deleting_a_missing_entry_succeeds() {
        assert_eq!(MemoryStore::default().delete(&key()), Ok(()));
    }
}
