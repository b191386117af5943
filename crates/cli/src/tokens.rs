//! `infisical-bootstrap tokens list|get|forget`: the instances set up from this machine and
//! their tokens, shared with the desktop wizard through the history file and the keychain.

use std::io::Write as _;

use bootstrap_core::{History, InstanceRecord, KeyringStore, ServerAddress, TokenKey, TokenStore};

use crate::cli::{TokenArgs, TokensCommand};
use crate::exit::{Failure, Success};

/// Runs one `tokens` subcommand.
///
/// # Errors
///
/// [`Failure::Usage`] for a bad address or an ambiguous server; [`Failure::Tokens`] when
/// there is no such token or the history or keychain cannot be used.
pub fn run(command: &TokensCommand) -> Result<Success, Failure> {
    match command {
        TokensCommand::List => list(),
        TokensCommand::Get(args) => get(args),
        TokensCommand::Forget(args) => forget(args),
    }
}

fn history() -> Result<History, Failure> {
    History::locate().map_err(|error| Failure::Tokens(error.to_string()))
}

fn load(history: &History) -> Result<Vec<InstanceRecord>, Failure> {
    let loaded = history
        .load()
        .map_err(|error| Failure::Tokens(error.to_string()))?;
    if let Some(set_aside) = loaded.set_aside {
        eprintln!("warning: {set_aside}");
    }
    Ok(loaded.instances)
}

/// Prints one line per instance: address, organization, slug, admin and date. No secret.
fn list() -> Result<Success, Failure> {
    let history = history()?;
    let instances = load(&history)?;
    if instances.is_empty() {
        eprintln!(
            "No instances have been set up from this machine yet (list: {}).",
            history.path().display()
        );
        return Ok(Success::Done);
    }
    let rows: Vec<[&str; 5]> = instances
        .iter()
        .map(|r| {
            let org = r.organization_name.as_str();
            [
                &r.server,
                org,
                &r.organization_slug,
                &r.admin_email,
                &r.set_up_at,
            ]
        })
        .collect();
    let header = ["SERVER", "ORGANIZATION", "SLUG", "ADMIN", "SET UP (UTC)"];
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .zip(header.iter().map(|h| h.len()))
        .map(|(a, b)| a.max(b))
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    print!("{out}");
    Ok(Success::Done)
}

/// Prints the token of one instance, alone on a line.
fn get(args: &TokenArgs) -> Result<Success, Failure> {
    let key = resolve(args)?.0;
    match KeyringStore.get(&key) {
        Ok(Some(token)) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{}", token.expose())
                .and_then(|()| stdout.flush())
                .map_err(|error| Failure::Tokens(format!("cannot write the token: {error}")))?;
            Ok(Success::Done)
        }
        Ok(None) => Err(Failure::Tokens(format!(
            "the keychain holds no token for account \"{}\"",
            key.account()
        ))),
        Err(error) => Err(Failure::Tokens(error.to_string())),
    }
}

/// Deletes the keychain entry, then the history record. If the keychain refuses, the record
/// stays, so the token is not orphaned.
fn forget(args: &TokenArgs) -> Result<Success, Failure> {
    let (key, history) = resolve(args)?;
    KeyringStore
        .delete(&key)
        .map_err(|error| Failure::Tokens(error.to_string()))?;
    history
        .remove(&key)
        .map_err(|error| Failure::Tokens(error.to_string()))?;
    eprintln!(
        "Forgot the token in keychain account \"{}\".",
        key.account()
    );
    Ok(Success::Done)
}

/// The keychain key `args` names: from `--organization-id` if given, else from the one
/// record of that server in the history.
fn resolve(args: &TokenArgs) -> Result<(TokenKey, History), Failure> {
    let address =
        ServerAddress::parse(&args.server).map_err(|error| Failure::input("SERVER", error))?;
    let server = address.to_string();
    let history = history()?;
    if let Some(id) = &args.organization_id {
        return Ok((TokenKey::new(server, id.clone()), history));
    }
    let matching: Vec<InstanceRecord> = load(&history)?
        .into_iter()
        .filter(|record| record.server == server)
        .collect();
    match matching.as_slice() {
        [] => Err(Failure::Tokens(format!(
            "no instance at {server} in the list; see `infisical-bootstrap tokens list`, or \
             pass --organization-id"
        ))),
        [one] => Ok((one.token_key(), history)),
        several => {
            let choices: Vec<String> = several
                .iter()
                .map(|r| {
                    format!(
                        "  --organization-id {} ({})",
                        r.organization_id, r.organization_name
                    )
                })
                .collect();
            Err(Failure::Usage(format!(
                "{server} was set up more than once; pick one:\n{}",
                choices.join("\n")
            )))
        }
    }
}
