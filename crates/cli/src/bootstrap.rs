//! `infisical-bootstrap bootstrap`: check every input, run the pre-flight, send the one POST,
//! keep the token, remember the instance, print what was asked for.
//!
//! Nothing is sent before every input is valid, and nothing but the pre-flight's reads is
//! sent before the server is known to be ready. The POST is never retried: if its answer is
//! lost, the instance is asked whether it is now set up instead.

use std::io::Write as _;
use std::sync::Arc;

use bootstrap_core::bootstrap::bootstrap;
use bootstrap_core::preflight::{self, ServerState};
use bootstrap_core::setup::settle_unknown;
use bootstrap_core::{
    setup_checked, AdminForm, BootstrapError, Custody, Field, History, InstanceRecord,
    KeyringStore, SetupOutcome, ValidatedAdmin,
};

use crate::cli::{BootstrapArgs, Store};
use crate::exit::{Failure, Success};
use crate::network::{connect, Connection};
use crate::output::{render, shows_token, summary};
use crate::password;

/// Runs the whole bootstrap.
///
/// # Errors
///
/// The [`Failure`] whose exit code matches what happened; see `--help`.
pub async fn run(args: &BootstrapArgs) -> Result<Success, Failure> {
    let (source, server) = server_text(args)?;
    let connection = connect(source, &server, &args.network)?;
    if args.store == Store::None && !shows_token(args.output) {
        return Err(Failure::input(
            "--store none",
            "the token would be kept nowhere and shown nowhere; add --output token or \
             --output json",
        ));
    }
    let admin = validated_admin(args)?;
    let server = connection.address.to_string();

    eprintln!("Checking {server}...");
    let state = preflight::check(&connection.client, &connection.address).await;
    if state == ServerState::AlreadySetUp && args.ignore_if_bootstrapped {
        eprintln!("{server} is set up already; nothing to do (--ignore-if-bootstrapped).");
        return Ok(Success::Done);
    }
    if let Some(failure) = Failure::from_state(&server, &state) {
        return Err(failure);
    }

    eprintln!("Sending the bootstrap request to {server}...");
    let outcome = match send(&connection, &admin, args.store).await {
        Ok(outcome) => outcome,
        Err(BootstrapError::AlreadySetUp) if args.ignore_if_bootstrapped => {
            eprintln!("{server} was set up meanwhile; nothing to do (--ignore-if-bootstrapped).");
            return Ok(Success::Done);
        }
        Err(error) => return Err(failure_of(error, &connection).await),
    };
    remember(&outcome, &connection);
    finish(args, &outcome)
}

/// The address, from `--server`, `INFISICAL_DOMAIN` or `INFISICAL_API_URL`, with the name of
/// where it came from for messages.
fn server_text(args: &BootstrapArgs) -> Result<(&'static str, String), Failure> {
    if let Some(server) = &args.server {
        return Ok(("--server", server.clone()));
    }
    match std::env::var("INFISICAL_API_URL") {
        Ok(url) if !url.trim().is_empty() => Ok(("INFISICAL_API_URL", url)),
        _ => Err(Failure::Usage(
            "--server: give the server's address, such as https://secrets.example.com (or set \
             INFISICAL_DOMAIN)"
                .into(),
        )),
    }
}

/// Checks every field with the desktop app's rules. The email and organization are checked
/// first, so a person is not asked for a password only to learn the email was mistyped; a
/// password from stdin or the environment is read anyway, so every problem shows at once.
fn validated_admin(args: &BootstrapArgs) -> Result<ValidatedAdmin, Failure> {
    let mut form = AdminForm {
        email: args.email.clone(),
        organization: args.organization.clone(),
        ..AdminForm::default()
    };
    let early = form.field_errors();
    let mut lines: Vec<String> = [
        ("--email", early.email),
        ("--organization", early.organization),
    ]
    .into_iter()
    .filter_map(|(source, message)| message.map(|m| format!("{source}: {m}")))
    .collect();
    let prompt_allowed = lines.is_empty();
    let sourced = match password::read(args.password_stdin, prompt_allowed) {
        Ok(Some(sourced)) => sourced,
        Ok(None) => return Err(Failure::Usage(lines.join("\n"))),
        Err(failure) => {
            lines.push(failure.to_string());
            return Err(Failure::Usage(lines.join("\n")));
        }
    };
    form.password = sourced.password;
    form.confirm_password = sourced.confirmation;
    form.validate().map_err(|errors| {
        lines.extend(
            [errors.password, errors.confirm_password]
                .into_iter()
                .flatten()
                .map(|message| format!("{}: {message}", sourced.source)),
        );
        Failure::Usage(lines.join("\n"))
    })
}

/// Sends the bootstrap and keeps the token as `store` says.
async fn send(
    connection: &Connection,
    admin: &ValidatedAdmin,
    store: Store,
) -> Result<SetupOutcome, BootstrapError> {
    let (client, address) = (&connection.client, &connection.address);
    match store {
        // `run` has just checked the server; the core's own re-check would repeat it.
        Store::Keychain => setup_checked(client, Arc::new(KeyringStore), address, admin).await,
        Store::None => {
            let created = match bootstrap(client, address, admin).await {
                Ok(created) => created,
                Err(error) => return Err(settle_unknown(client, address, error).await),
            };
            let custody = Custody::NotSaved {
                reason: "--store none".into(),
            };
            Ok(SetupOutcome::new(created, address, custody))
        }
    }
}

/// The failure for a bootstrap error. A lost answer has already been re-checked by the core
/// (`settle_unknown`), and its advice says whether the instance now reports itself set up.
async fn failure_of(error: BootstrapError, connection: &Connection) -> Failure {
    let server = connection.address.to_string();
    match error {
        BootstrapError::AlreadySetUp => Failure::AlreadySetUp(format!(
            "{server} was set up by someone else between the check and the request"
        )),
        BootstrapError::Rejected { issues } => {
            let lines: Vec<String> = issues
                .into_iter()
                .map(|issue| match issue.field {
                    Some(field) => format!("{}: {}", field_flag(field), issue.message),
                    None => issue.message,
                })
                .collect();
            Failure::Refused(format!(
                "the server refused the request (HTTP 422):\n{}",
                lines.join("\n")
            ))
        }
        BootstrapError::UserAlreadyExists => Failure::Refused(format!(
            "the server refused: an admin user already exists, but {server} is not set up. {}",
            error_advice(&BootstrapError::UserAlreadyExists)
        )),
        BootstrapError::Server { status, message } => {
            let advice = error_advice(&BootstrapError::Server {
                status,
                message: message.clone(),
            });
            Failure::Refused(format!(
                "the server refused the bootstrap (HTTP {status}): {message}. {advice}"
            ))
        }
        BootstrapError::Redirected { status, target } => Failure::NotUsable(format!(
            "the bootstrap was answered with a redirect (HTTP {status}) to {target}; it was not \
             followed, so nothing was set up; check the address"
        )),
        BootstrapError::NotReady { state } => {
            Failure::from_state(&server, &state).unwrap_or_else(|| {
                Failure::NotUsable(format!("{server} changed since it was checked"))
            })
        }
        BootstrapError::Unreachable { reason } => {
            Failure::Unreachable(format!("{server} could not be reached: {reason}"))
        }
        BootstrapError::NoAnswer { .. } | BootstrapError::UnusableResponse { .. } => {
            Failure::OutcomeUnknown(format!("{error}\n{}", error_advice(&error)))
        }
    }
}

fn error_advice(error: &BootstrapError) -> String {
    error.advice().unwrap_or_default()
}

fn field_flag(field: Field) -> &'static str {
    match field {
        Field::Email => "--email",
        Field::Password => "password",
        Field::Organization => "--organization",
    }
}

/// Adds the instance to the history; a failure is only a warning.
fn remember(outcome: &SetupOutcome, connection: &Connection) {
    let record = InstanceRecord::from_outcome(outcome, connection.ca_certificate.clone());
    match History::locate().and_then(|history| history.add(record)) {
        Ok(None) => {}
        Ok(Some(set_aside)) => eprintln!("warning: {set_aside}"),
        Err(error) => eprintln!("warning: the instance was not added to the list: {error}"),
    }
}

/// Prints what was asked for. When the keychain did not take the token and the output did
/// not show it, stdout gets the token alone, the summary goes to stderr, and the exit is 7.
fn finish(args: &BootstrapArgs, outcome: &SetupOutcome) -> Result<Success, Failure> {
    let kept = matches!(outcome.custody, Custody::Saved { .. });
    let lost_otherwise = args.store == Store::Keychain && !kept;
    let mut stdout = std::io::stdout().lock();
    let print = |stdout: &mut std::io::StdoutLock, text: &str| {
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    let printed = if lost_otherwise && !shows_token(args.output) {
        eprint!("{}", summary(outcome));
        print(&mut stdout, &format!("{}\n", outcome.token.expose()))
    } else {
        match render(args.output, outcome) {
            Some(text) => print(&mut stdout, &text),
            None => Ok(()),
        }
    };
    if let Err(error) = printed {
        eprintln!("warning: standard output could not be written: {error}");
    }
    if !lost_otherwise {
        return Ok(Success::Done);
    }
    let reason = match &outcome.custody {
        Custody::NotSaved { reason } => reason.as_str(),
        Custody::Saved { .. } => "",
    };
    eprintln!(
        "warning: the token could not be kept in the keychain: {reason}\nwarning: it was \
         printed on standard output instead, and cannot be fetched again: store it now"
    );
    Ok(Success::TokenPrintedInstead)
}
