//! `infisical-bootstrap check SERVER`: the pre-flight on its own, as one line of output.

use bootstrap_core::preflight::{self, ServerState};

use crate::cli::CheckArgs;
use crate::exit::{Failure, Success};
use crate::network::connect;

/// Checks the server and prints `state: explanation` on stdout. The exit code follows the
/// state, as in `bootstrap`'s pre-flight.
///
/// # Errors
///
/// [`Failure::Usage`] for a bad address; otherwise the failure of the state found, whose
/// message is already on stdout, so it is not repeated.
pub async fn run(args: &CheckArgs) -> Result<Success, Failure> {
    let connection = connect("SERVER", &args.server, &args.network)?;
    let server = connection.address.to_string();
    let state = preflight::check(&connection.client, &connection.address).await;
    let line = match Failure::from_state(&server, &state) {
        None => format!("{server} is not set up yet and can be bootstrapped"),
        Some(failure) => failure.to_string(),
    };
    println!("{}: {line}", state_name(&state));
    match Failure::from_state(&server, &state) {
        None => Ok(Success::Done),
        Some(failure) => {
            eprintln!("{}", hint(&state));
            Err(quiet(failure))
        }
    }
}

/// The state as one stable word, for scripts.
pub fn state_name(state: &ServerState) -> &'static str {
    match state {
        ServerState::Ready => "ready",
        ServerState::AlreadySetUp => "already-set-up",
        ServerState::StartingUp => "starting-up",
        ServerState::Maintenance => "maintenance",
        ServerState::NotInfisicalPage => "not-infisical-web-page",
        ServerState::NotInfisicalApi { .. } => "not-infisical-api",
        ServerState::Redirect { .. } => "redirect",
        ServerState::DnsFailure { .. } => "dns-failure",
        ServerState::ConnectionRefused => "connection-refused",
        ServerState::Timeout { .. } => "timeout",
        ServerState::TlsFailure { .. } => "tls-failure",
        ServerState::Unreachable { .. } => "unreachable",
    }
}

/// What to do next, for a person on stderr.
fn hint(state: &ServerState) -> &'static str {
    match state {
        ServerState::AlreadySetUp => "Nothing to bootstrap: use the instance's web UI to log in.",
        ServerState::StartingUp => "Check again in a moment.",
        ServerState::DnsFailure { .. }
        | ServerState::ConnectionRefused
        | ServerState::Timeout { .. }
        | ServerState::Unreachable { .. } => "Check the address, the port and the network.",
        ServerState::TlsFailure { .. } => "Pass the server's CA certificate with --ca-cert.",
        _ => "Check the address: it should be the one you open Infisical at.",
    }
}

/// The same failure with its message emptied, since the line on stdout already said it.
fn quiet(failure: Failure) -> Failure {
    match failure {
        Failure::Unreachable(_) => Failure::Unreachable(String::new()),
        Failure::NotUsable(_) => Failure::NotUsable(String::new()),
        Failure::AlreadySetUp(_) => Failure::AlreadySetUp(String::new()),
        other => other,
    }
}
