//! How a run ends: the fixed exit codes, and the failures that lead to each.
//!
//! The codes are part of the interface: scripts branch on them. They are listed under
//! `--help` (see `cli.rs`) and in the README; change all three together or not at all.

use std::process::ExitCode;

use bootstrap_core::preflight::ServerState;

/// A run that finished without a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// Exit 0: done, or "already set up" with `--ignore-if-bootstrapped`.
    Done,
    /// Exit 7: set up, but the keychain did not take the token, which was printed instead.
    TokenPrintedInstead,
}

/// Why a run failed. Each message is for a person and never holds the password or a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Exit 2: bad usage or invalid input, found before anything was sent.
    #[error("{0}")]
    Usage(String),
    /// Exit 3: no connection could be made (DNS, refused, TLS, proxy, timeout); nothing was
    /// sent.
    #[error("{0}")]
    Unreachable(String),
    /// Exit 4: something answered, but not as a usable Infisical API (a web page, other
    /// JSON, a redirect, starting up, maintenance).
    #[error("{0}")]
    NotUsable(String),
    /// Exit 5: the instance has been set up already.
    #[error("{0}")]
    AlreadySetUp(String),
    /// Exit 6: the server refused the bootstrap with another 4xx or 5xx.
    #[error("{0}")]
    Refused(String),
    /// Exit 8: the bootstrap request went out, but no usable answer came back.
    #[error("{0}")]
    OutcomeUnknown(String),
    /// Exit 1: `tokens get` or `tokens forget` found no token, or the keychain failed.
    #[error("{0}")]
    Tokens(String),
}

impl Success {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Self::Done => 0,
            Self::TokenPrintedInstead => 7,
        }
    }
}

impl Failure {
    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            Self::Tokens(_) => 1,
            Self::Usage(_) => 2,
            Self::Unreachable(_) => 3,
            Self::NotUsable(_) => 4,
            Self::AlreadySetUp(_) => 5,
            Self::Refused(_) => 6,
            Self::OutcomeUnknown(_) => 8,
        }
    }

    /// An invalid value, named by the flag or variable it came from.
    pub fn input(source: &str, problem: impl std::fmt::Display) -> Self {
        Self::Usage(format!("{source}: {problem}"))
    }

    /// The failure a pre-flight state stands for, or `None` for [`ServerState::Ready`].
    pub fn from_state(server: &str, state: &ServerState) -> Option<Self> {
        let explained = format!("{server}: {}", state.explanation(None));
        let failure = match state {
            ServerState::Ready => return None,
            ServerState::DnsFailure { .. }
            | ServerState::ConnectionRefused
            | ServerState::Timeout { .. }
            | ServerState::TlsFailure { .. }
            | ServerState::Unreachable { .. } => Self::Unreachable(explained),
            ServerState::AlreadySetUp => Self::AlreadySetUp(format!(
                "{server} has been set up already; bootstrap works only once per instance"
            )),
            ServerState::StartingUp
            | ServerState::Maintenance
            | ServerState::NotInfisicalPage
            | ServerState::NotInfisicalApi { .. }
            | ServerState::Redirect { .. } => Self::NotUsable(explained),
        };
        Some(failure)
    }
}

/// Turns the result of a run into the process's exit code, printing a failure to stderr.
pub fn finish(result: Result<Success, Failure>) -> ExitCode {
    match result {
        Ok(success) => ExitCode::from(success.code()),
        Err(failure) => {
            for line in failure.to_string().lines() {
                eprintln!("error: {line}");
            }
            ExitCode::from(failure.code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_but_ready_maps_to_its_code() {
        let code = |state| Failure::from_state("https://h", &state).map(|f| f.code());
        assert_eq!(code(ServerState::Ready), None);
        let unreachable = ServerState::Unreachable { reason: "r".into() };
        assert_eq!(code(unreachable), Some(3));
        assert_eq!(code(ServerState::StartingUp), Some(4));
        assert_eq!(code(ServerState::Maintenance), Some(4));
        let other = ServerState::NotInfisicalApi { detail: "r".into() };
        assert_eq!(code(other), Some(4));
        assert_eq!(code(ServerState::NotInfisicalPage), Some(4));
        assert_eq!(code(ServerState::ConnectionRefused), Some(3));
        assert_eq!(code(ServerState::AlreadySetUp), Some(5));
    }

    #[test]
    fn input_errors_name_their_source() {
        let failure = Failure::input("--email", "Enter a valid email address");
        assert_eq!(failure.to_string(), "--email: Enter a valid email address");
        assert_eq!(failure.code(), 2);
    }
}
