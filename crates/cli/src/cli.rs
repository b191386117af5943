//! The command line: subcommands, flags, environment variables and help texts.
//!
//! Only the shape lives here; each subcommand's behaviour is in its own module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The exit codes, shown under `--help` and in the README. Keep the three in step.
const EXIT_CODES: &str = "\
Exit codes:
  0  done; with --ignore-if-bootstrapped, also \"already set up\"
  1  tokens get/forget only: no such token, or the keychain could not be used
  2  bad usage or invalid input; nothing was sent
  3  the server could not be reached (DNS, refused, TLS, proxy, timeout); nothing was sent
  4  the address does not answer as a usable Infisical API (a web page, other JSON,
     a redirect, starting up, maintenance)
  5  the instance is already set up
  6  the server refused the bootstrap (any other 4xx or 5xx); its message is shown
  7  set up, but the token could not be kept in the keychain; it was printed instead
  8  outcome unknown: the request was sent but no answer came

Messages for people go to standard error; standard output carries only the requested
output.";

/// Bootstraps a freshly deployed, self-hosted Infisical server without a display: creates its
/// first admin, organization and instance-admin identity, and keeps the identity's token in
/// the system keychain, where the desktop wizard finds it too.
#[derive(Debug, Parser)]
#[command(name = "infisical-bootstrap", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Log what happens, for debugging (never the password or the token).
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check whether SERVER is an Infisical that can be bootstrapped; prints its state.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Create the first admin, organization and instance-admin token; sends one request.
    #[command(after_help = BOOTSTRAP_HELP)]
    Bootstrap(Box<BootstrapArgs>),
    /// List, print or forget the tokens of the instances set up from this machine.
    #[command(subcommand, after_help = TOKENS_HELP)]
    Tokens(TokensCommand),
}

const TOKENS_HELP: &str = "\
The list of set-up instances is instances.json in the app's data directory
(~/.local/share/dev.bootstrapwizard.infisical on Linux), shared with the desktop wizard; set
INFISICAL_BOOTSTRAP_DATA_DIR to use another directory. The tokens are in the system keychain,
never in that file.";

const CHECK_HELP: &str = "\
Prints one line on standard output: the state, a colon, and an explanation. The states are
ready, already-set-up, starting-up, maintenance, not-infisical and unreachable.

Exit codes: 0 ready, 3 unreachable, 4 not a usable Infisical API (including starting up and
maintenance), 5 already set up, 2 bad address.";

const BOOTSTRAP_HELP: &str = "\
The password comes from standard input with --password-stdin, else from the environment
variable INFISICAL_ADMIN_PASSWORD, else from a prompt without echo when standard input is a
terminal. There is no --password flag: the process list would show it.

The server is checked first; the one bootstrap request is sent only to an Infisical that is
ready, and it is never retried.

Example, in a CI job:
  printf '%s' \"$ADMIN_PASSWORD\" | infisical-bootstrap bootstrap \\
      --server https://secrets.example.com --email admin@example.com \\
      --organization Acme --password-stdin --store none --output token > token.txt

Exit codes: 0 done, 2 bad input, 3 unreachable, 4 not a usable Infisical API, 5 already set
up, 6 refused by the server, 7 token printed because the keychain failed, 8 outcome unknown.
See infisical-bootstrap --help for details.";

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The server's address, such as https://secrets.example.com (a trailing /api is fine).
    #[arg(value_name = "SERVER")]
    pub server: String,

    /// Network options.
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Arguments of `bootstrap`.
#[derive(Debug, Args)]
pub struct BootstrapArgs {
    /// The server's address, such as https://secrets.example.com. Falls back to
    /// INFISICAL_DOMAIN, then INFISICAL_API_URL (a trailing /api is fine).
    #[arg(
        long,
        value_name = "SERVER",
        env = "INFISICAL_DOMAIN",
        hide_env_values = true
    )]
    pub server: Option<String>,

    /// The first admin's email address.
    #[arg(
        long,
        value_name = "EMAIL",
        env = "INFISICAL_ADMIN_EMAIL",
        hide_env_values = true
    )]
    pub email: String,

    /// The name of the first organization.
    #[arg(
        long,
        value_name = "ORG",
        env = "INFISICAL_ADMIN_ORGANIZATION",
        hide_env_values = true
    )]
    pub organization: String,

    /// Read the admin password from standard input (one trailing newline is dropped).
    #[arg(long)]
    pub password_stdin: bool,

    /// Succeed (exit 0, print nothing) when the instance is already set up. Every other
    /// failure still fails.
    #[arg(long)]
    pub ignore_if_bootstrapped: bool,

    /// What to print on standard output when done.
    #[arg(long, value_enum, default_value_t = Output::Summary, value_name = "FORMAT")]
    pub output: Output,

    /// Where to keep the token.
    #[arg(long, value_enum, default_value_t = Store::Keychain, value_name = "STORE")]
    pub store: Store,

    /// Network options.
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Options for reaching the server, shared by `check` and `bootstrap`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// Also trust the CA certificate(s) in this PEM file, for a self-signed or private-CA
    /// server. Certificates are always verified.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Allow plain http:// to a host other than this machine; the password then crosses the
    /// network unencrypted.
    #[arg(long)]
    pub allow_http: bool,

    /// Give up on each request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

/// What `bootstrap` prints on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// What was created and where the token is; shows no secret.
    Summary,
    /// The server's answer as JSON, token included.
    Json,
    /// The token alone, on one line.
    Token,
    /// Nothing.
    None,
}

/// Where `bootstrap` keeps the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Store {
    /// The system keychain, under the same entry the desktop wizard uses.
    Keychain,
    /// Nowhere: needs --output token or json, or the token would be lost.
    None,
}

/// The `tokens` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// List the instances set up from this machine, by this tool or the desktop wizard. No
    /// secrets are shown.
    List,
    /// Print the token of the instance at SERVER on standard output.
    Get(TokenArgs),
    /// Delete the token of the instance at SERVER from the keychain, and the instance from
    /// the list.
    Forget(TokenArgs),
}

/// Which stored token `tokens get` and `tokens forget` mean.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// The server's address, as given when it was set up.
    #[arg(value_name = "SERVER")]
    pub server: String,

    /// The organization id, when the list holds several for SERVER, or to reach a token
    /// that is in the keychain but not in the list.
    #[arg(long, value_name = "ID")]
    pub organization_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn there_is_no_password_flag() {
        let parsed = Cli::try_parse_from([
            "infisical-bootstrap",
            "bootstrap",
            "--server",
            "https://h.example.com",
            "--email",
            "a@example.com",
            "--organization",
            "Acme",
            "--password",
            "x",
        ]);
        assert!(parsed.is_err());
    }
}
