//! One whole setup: the bootstrap call, then token custody. Shared by the desktop app and the
//! headless command so both behave the same.

use std::sync::Arc;

use serde::Serialize;
use tracing::instrument;

use crate::address::ServerAddress;
use crate::bootstrap::{bootstrap, BootstrapError, Organization};
use crate::http::HttpClient;
use crate::preflight::{check, ServerState};
use crate::secret::Token;
use crate::token_store::{keep, Custody, TokenKey, TokenStore};
use crate::validation::ValidatedAdmin;

/// What a finished setup produced. The token is here whether or not the keychain took it, so
/// it can never be lost between the server's answer and the person's screen.
#[derive(Debug, Clone)]
pub struct SetupOutcome {
    /// The instance, as a normalized address.
    pub server: String,
    /// The organization the bootstrap created.
    pub organization: Organization,
    /// The name of the instance-admin identity.
    pub identity_name: String,
    /// The admin user's email, as the server stored it.
    pub admin_email: String,
    /// The instance-admin token.
    pub token: Token,
    /// Whether the token is in the keychain.
    pub custody: Custody,
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
}

impl SetupOutcome {
    /// The part of the outcome that is safe to show, log or send to the UI.
    pub fn summary(&self) -> SetupSummary {
        SetupSummary {
            server: self.server.clone(),
            organization_name: self.organization.name.clone(),
            organization_slug: self.organization.slug.clone(),
            identity_name: self.identity_name.clone(),
            admin_email: self.admin_email.clone(),
            custody: self.custody.clone(),
        }
    }
}

/// Re-runs the pre-flight, in case someone set the instance up since it was checked, then
/// sends one bootstrap request and, on success, stores the token in `store` and reads it
/// back.
///
/// # Errors
///
/// Returns [`BootstrapError::AlreadySetUp`] or [`BootstrapError::NotReady`] when the
/// re-check finds the server no longer ready (nothing is sent then), or the
/// [`BootstrapError`] of the bootstrap call. Keychain failures are not errors:
/// they show up as [`Custody::NotSaved`], with the token still in the outcome.
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
    let created = bootstrap(client, address, admin).await?;
    let server = address.to_string();
    let key = TokenKey::new(server.clone(), created.organization.id.clone());
    let token = created.identity.credentials.token;
    let custody = {
        let token = token.clone();
        tokio::task::spawn_blocking(move || keep(store.as_ref(), &key, &token))
            .await
            .unwrap_or_else(|_| Custody::NotSaved {
                reason: "the keychain call stopped unexpectedly".into(),
            })
    };
    Ok(SetupOutcome {
        server,
        organization: created.organization,
        identity_name: created.identity.name,
        admin_email: created.user.email.unwrap_or(created.user.username),
        token,
        custody,
    })
}
