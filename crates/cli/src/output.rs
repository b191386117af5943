//! What `bootstrap` prints when it is done: a summary without secrets, the server's answer as
//! JSON, the token alone, or nothing.

use bootstrap_core::{Custody, SetupOutcome};
use serde_json::json;

use crate::cli::Output;

/// Whether printing `output` puts the token on stdout.
pub fn shows_token(output: Output) -> bool {
    matches!(output, Output::Json | Output::Token)
}

/// The text for `output`, ending in a newline, or `None` for [`Output::None`].
pub fn render(output: Output, outcome: &SetupOutcome) -> Option<String> {
    match output {
        Output::Summary => Some(summary(outcome)),
        Output::Json => Some(format!("{:#}\n", answer(outcome))),
        Output::Token => Some(format!("{}\n", outcome.token.expose())),
        Output::None => None,
    }
}

/// The server's answer, in its own shape: user, organization and identity with the token.
fn answer(outcome: &SetupOutcome) -> serde_json::Value {
    json!({
        "user": {
            "id": outcome.admin_user_id,
            "username": outcome.admin_email,
            "email": outcome.admin_email,
        },
        "organization": {
            "id": outcome.organization.id,
            "name": outcome.organization.name,
            "slug": outcome.organization.slug,
        },
        "identity": {
            "id": outcome.identity_id,
            "name": outcome.identity_name,
            "credentials": { "token": outcome.token.expose() },
        },
    })
}

/// A few lines for a person. Never the token.
pub fn summary(outcome: &SetupOutcome) -> String {
    let organization = &outcome.organization;
    let token = match &outcome.custody {
        Custody::Saved {
            location, account, ..
        } => format!(
            "in {location}, account \"{account}\"\n  read it with: infisical-bootstrap tokens \
             get {}",
            outcome.server
        ),
        Custody::NotSaved { .. } => "not kept in a keychain (see below)".to_owned(),
    };
    format!(
        "Set up {server}\n  organization: {name} (slug {slug}, id {id})\n  admin: {email}\n  \
         identity: {identity} (id {identity_id})\n  token: {token}\n",
        server = outcome.server,
        name = organization.name,
        slug = organization.slug,
        id = organization.id,
        email = outcome.admin_email,
        identity = outcome.identity_name,
        identity_id = outcome.identity_id,
    )
}
