//! One whole setup: the bootstrap call, then token custody. Shared by the desktop app and the
//! headless command so both behave the same.

use std::sync::Arc;

use serde::Serialize;
use tracing::instrument;

use crate::address::ServerAddress;
use crate::bootstrap::{bootstrap, BootstrapError, Bootstrapped, Organization};
use crate::http::HttpClient;
use crate::preflight::{check, ServerState};
use crate::secret::Token;
use crate::token_info::expiry;
use crate::token_store::{keep, Custody, TokenKey, TokenStore};
use crate::validation::ValidatedAdmin;
use crate::verify::{check_token, TokenCheck};

/// What a finished setup produced. The token is here whether or not the keychain took it, so
/// it can never be lost between the server's answer and the person's screen.
#[derive(Debug, Clone)]
pub struct SetupOutcome {
    /// The instance, as a normalized address.
    pub server: String,
    /// The organization the bootstrap created.
    pub organization: Organization,
    /// The id of the instance-admin identity.
    pub identity_id: String,
    /// The name of the instance-admin identity.
    pub identity_name: String,
    /// The admin user's id.
    pub admin_user_id: String,
    /// The admin user's email, as the server stored it.
    pub admin_email: String,
    /// The instance-admin token.
    pub token: Token,
    /// Whether the token is in the keychain.
    pub custody: Custody,
    /// The token's expiry (RFC 3339), when it has one.
    pub expires_at: Option<String>,
    /// Whether the server accepts the token.
    pub verification: TokenCheck,
}

/// The non-secret part of a [`SetupOutcome`], as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupSummary {
    /// The instance's normalized address.
    pub server: String,
    /// The organization's name.
    pub organization_name: String,
    /// The organization's slug.
    pub organization_slug: String,
    /// The name of the instance-admin identity.
    pub identity_name: String,
    /// The admin user's email.
    pub admin_email: String,
    /// Whether and where the token is kept.
    pub custody: Custody,
    /// The token's expiry (RFC 3339), when it has one.
    pub expires_at: Option<String>,
    /// Whether the server accepts the token.
    pub verification: TokenCheck,
    /// What the verification result means, for a person.
    pub verification_explanation: String,
}

impl SetupOutcome {
    /// The outcome of the bootstrap `created` at `address`, with the token's `custody`
    /// decided by the caller. The token's expiry is read from its claims; it is not
    /// verified with the server yet.
    pub fn new(created: Bootstrapped, address: &ServerAddress, custody: Custody) -> Self {
        let token = created.identity.credentials.token;
        Self {
            server: address.to_string(),
            organization: created.organization,
            identity_id: created.identity.id,
            identity_name: created.identity.name,
            admin_user_id: created.user.id,
            admin_email: created.user.email.unwrap_or(created.user.username),
            expires_at: expiry(&token),
            token,
            custody,
            verification: TokenCheck::NotChecked {
                reason: "the check was not run".into(),
            },
        }
    }

    /// The keychain key this outcome's token belongs under.
    pub fn token_key(&self) -> TokenKey {
        TokenKey::new(self.server.clone(), self.organization.id.clone())
    }

    /// Whether the token exists only in this process's memory.
    pub fn token_only_in_memory(&self) -> bool {
        matches!(self.custody, Custody::NotSaved { .. })
    }

    /// The part of the outcome that is safe to show, log or send to the UI.
    pub fn summary(&self) -> SetupSummary {
        SetupSummary {
            server: self.server.clone(),
            organization_name: self.organization.name.clone(),
            organization_slug: self.organization.slug.clone(),
            identity_name: self.identity_name.clone(),
            admin_email: self.admin_email.clone(),
            custody: self.custody.clone(),
            expires_at: self.expires_at.clone(),
            verification: self.verification.clone(),
            verification_explanation: self.verification.explanation(),
        }
    }
}

/// Re-runs the pre-flight, in case someone set the instance up since it was checked, then
/// sends one bootstrap request and, on success, stores the token in `store`, reads it back,
/// reads its expiry and asks the server whether it accepts it, in that order: the token is
/// safe before anything else is tried.
///
/// # Errors
///
/// Returns [`BootstrapError::AlreadySetUp`] or [`BootstrapError::NotReady`] when the
/// re-check finds the server no longer ready (nothing is sent then), or the
/// [`BootstrapError`] of the bootstrap call. When its outcome is unknown (no answer, or an
/// answer without a usable token), the server is asked once more whether it is now set up,
/// and the error carries the answer. The POST itself is never repeated. Keychain failures
/// are not errors: they show up as [`Custody::NotSaved`], with the token still in the
/// outcome.
#[instrument(skip_all, fields(server = %address))]
pub async fn run_setup(
    client: &HttpClient,
    store: Arc<dyn TokenStore>,
    address: &ServerAddress,
    admin: &ValidatedAdmin,
) -> Result<SetupOutcome, BootstrapError> {
    match check(client, address).await {
        ServerState::Ready => {}
        ServerState::AlreadySetUp => return Err(BootstrapError::AlreadySetUp),
        state => return Err(BootstrapError::NotReady { state }),
    }
    setup_checked(client, store, address, admin).await
}

/// [`run_setup`] without its re-check, for a caller that has just run the pre-flight itself
/// (the headless command, which goes straight from its check to the POST) and would
/// otherwise ask the server the same thing twice in a row.
///
/// # Errors
///
/// As [`run_setup`], except the re-check's.
#[instrument(skip_all, fields(server = %address))]
pub async fn setup_checked(
    client: &HttpClient,
    store: Arc<dyn TokenStore>,
    address: &ServerAddress,
    admin: &ValidatedAdmin,
) -> Result<SetupOutcome, BootstrapError> {
    let created = match bootstrap(client, address, admin).await {
        Ok(created) => created,
        Err(error) => return Err(settle_unknown(client, address, error).await),
    };
    let key = TokenKey::new(address.to_string(), created.organization.id.clone());
    let custody = {
        let token = created.identity.credentials.token.clone();
        tokio::task::spawn_blocking(move || keep(store.as_ref(), &key, &token))
            .await
            .unwrap_or_else(|_| Custody::NotSaved {
                reason: "the keychain call stopped unexpectedly".into(),
            })
    };
    let mut outcome = SetupOutcome::new(created, address, custody);
    outcome.verification = check_token(client, address, &outcome.token).await;
    Ok(outcome)
}

/// Asks the server whether it reports itself set up now; `None` if it cannot tell.
async fn recheck(client: &HttpClient, address: &ServerAddress) -> Option<bool> {
    match check(client, address).await {
        ServerState::AlreadySetUp => Some(true),
        ServerState::Ready => Some(false),
        _ => None,
    }
}

/// When `error` leaves the outcome unknown (no answer, or no usable token), asks the server
/// once whether it now reports itself set up and puts the answer in the error; any other
/// error is returned as it is. Never repeats the POST. Every caller of
/// [`crate::bootstrap::bootstrap`] that keeps the token its own way uses this too.
pub async fn settle_unknown(
    client: &HttpClient,
    address: &ServerAddress,
    error: BootstrapError,
) -> BootstrapError {
    if !error.outcome_unknown() {
        return error;
    }
    let now = recheck(client, address).await;
    match error {
        BootstrapError::NoAnswer { reason, .. } => BootstrapError::NoAnswer {
            reason,
            initialized_now: now,
        },
        BootstrapError::UnusableResponse { reason, .. } => BootstrapError::UnusableResponse {
            reason,
            initialized_now: now,
        },
        other => other,
    }
}
