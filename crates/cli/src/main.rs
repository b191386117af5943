//! `infisical-bootstrap`: the headless mode of Infisical Bootstrap Wizard, for scripts,
//! containers and CI. It runs on the same core as the desktop app and links no GUI library,
//! so it works in a bare container and over SSH.

mod bootstrap;
mod check;
mod cli;
mod exit;
mod network;
mod output;
mod password;
mod tokens;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command};
use crate::exit::{finish, Failure, Success};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
            .init();
    }
    finish(run(cli.command))
}

fn run(command: Command) -> Result<Success, Failure> {
    match command {
        Command::Tokens(tokens) => tokens::run(&tokens),
        Command::Check(args) => block_on(check::run(&args)),
        Command::Bootstrap(args) => block_on(bootstrap::run(&args)),
    }
}

/// Runs one network subcommand on a single-threaded runtime.
fn block_on(
    future: impl std::future::Future<Output = Result<Success, Failure>>,
) -> Result<Success, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::Usage(format!("cannot start the async runtime: {error}")))?;
    runtime.block_on(future)
}
