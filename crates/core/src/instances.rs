//! The instances set up so far, as a home screen shows them, and the actions on one of them.
//!
//! Each [`Instance`] is a history record plus two facts read fresh: whether its token is
//! still in the keychain, and whether a later setup of the same server made it stale (a
//! server that was reset and bootstrapped again issues a new organization, so the older
//! token no longer works there). Callers name an instance by its server and organization id;
//! the keychain entry is always derived here, from the record, never chosen by the caller.

use serde::Serialize;
use tracing::info;

use crate::history::{History, HistoryError, InstanceRecord};
use crate::secret::Token;
use crate::token_store::{StoreError, TokenKey, TokenStore};

/// Whether an instance's token can be read from the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum TokenState {
    /// The keychain holds the token.
    Present,
    /// The keychain has no entry: it was deleted outside this program.
    Missing,
    /// The keychain could not be read.
    Unreadable {
        /// Why, for a person.
        reason: String,
    },
}

/// One instance of the history, as a home screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    /// The stored record.
    #[serde(flatten)]
    pub record: InstanceRecord,
    /// Set when a later setup of the same server exists: this token is probably dead.
    pub stale: bool,
    /// Whether the token is in the keychain.
    pub token: TokenState,
}

/// What a new setup form may start with: the last admin email and organization. Never the
/// password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// The last instance's admin email.
    pub admin_email: String,
    /// The last instance's organization name.
    pub organization_name: String,
}

/// The whole history with the state of each token.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The instances, newest first.
    pub instances: Vec<Instance>,
    /// Set when the history file was corrupted and moved aside: says where it went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_aside: Option<String>,
    /// Suggestions for the next setup, from the newest instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
}

/// Why an action on one instance failed.
#[derive(Debug, thiserror::Error)]
pub enum InstanceError {
    /// No record of that server and organization exists (it was forgotten meanwhile).
    #[error("no instance of {server} with organization id '{organization_id}' is remembered")]
    Unknown {
        /// The server asked for.
        server: String,
        /// The organization id asked for.
        organization_id: String,
    },
    /// The record exists but the keychain has no token for it.
    #[error("the token is missing from the keychain")]
    TokenMissing,
    /// The keychain failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The history file failed.
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// Marks which records are stale: those with a later record of the same server.
pub fn stale_flags(records: &[InstanceRecord]) -> Vec<bool> {
    records
        .iter()
        .enumerate()
        .map(|(index, record)| {
            records[index + 1..]
                .iter()
                .any(|later| later.server == record.server)
        })
        .collect()
}

/// Lists the history, newest first, reading whether each token is in `store`.
///
/// # Errors
///
/// Returns a [`HistoryError`] when the history cannot be read; a corrupted file is set aside
/// and reported in [`Overview::set_aside`] instead.
pub fn overview(history: &History, store: &dyn TokenStore) -> Result<Overview, HistoryError> {
    let loaded = history.load()?;
    let stale = stale_flags(&loaded.instances);
    let suggestion = loaded.instances.last().map(|last| Suggestion {
        admin_email: last.admin_email.clone(),
        organization_name: last.organization_name.clone(),
    });
    let mut instances: Vec<Instance> = loaded
        .instances
        .into_iter()
        .zip(stale)
        .map(|(record, stale)| {
            let token = match store.get(&record.token_key()) {
                Ok(Some(_)) => TokenState::Present,
                Ok(None) => TokenState::Missing,
                Err(error) => TokenState::Unreadable {
                    reason: error.to_string(),
                },
            };
            Instance {
                record,
                stale,
                token,
            }
        })
        .collect();
    instances.reverse();
    Ok(Overview {
        instances,
        set_aside: loaded.set_aside.map(|aside| aside.to_string()),
        suggestion,
    })
}

/// The records of `server` (a normalized address), oldest first: the instances a new setup
/// of that server would make stale.
///
/// # Errors
///
/// Returns a [`HistoryError`] when the history cannot be read.
pub fn records_of_server(
    history: &History,
    server: &str,
) -> Result<Vec<InstanceRecord>, HistoryError> {
    let mut records = history.load()?.instances;
    records.retain(|record| record.server == server);
    Ok(records)
}

/// The record of `server` and `organization_id`.
///
/// # Errors
///
/// Returns [`InstanceError::Unknown`] when there is none, or a history error.
pub fn find(
    history: &History,
    server: &str,
    organization_id: &str,
) -> Result<InstanceRecord, InstanceError> {
    let wanted = TokenKey::new(server, organization_id);
    history
        .load()?
        .instances
        .into_iter()
        .find(|record| record.token_key() == wanted)
        .ok_or_else(|| InstanceError::Unknown {
            server: server.to_owned(),
            organization_id: organization_id.to_owned(),
        })
}

/// The token of a remembered instance, read from the keychain.
///
/// # Errors
///
/// Returns [`InstanceError::TokenMissing`] when the entry is gone, [`InstanceError::Unknown`]
/// for an instance not in the history, or the keychain's error.
pub fn token_of(
    history: &History,
    store: &dyn TokenStore,
    server: &str,
    organization_id: &str,
) -> Result<Token, InstanceError> {
    // Only a remembered instance's entry is read: a forgotten one has no token to hand out.
    let record = find(history, server, organization_id)?;
    store
        .get(&record.token_key())?
        .ok_or(InstanceError::TokenMissing)
}

/// Forgets an instance: deletes its keychain entry, then its record. Other instances, even
/// of the same server, are untouched. A missing entry is not an error.
///
/// # Errors
///
/// Returns [`InstanceError::Unknown`] for an instance not in the history, or the keychain's
/// or the history's error; the record stays when the keychain entry could not be deleted.
pub fn forget(
    history: &History,
    store: &dyn TokenStore,
    server: &str,
    organization_id: &str,
) -> Result<(), InstanceError> {
    let record = find(history, server, organization_id)?;
    let key = record.token_key();
    store.delete(&key)?;
    history.remove(&key)?;
    info!(account = %key.account(), "instance forgotten");
    Ok(())
}

#[cfg(test)]
mod tests;
