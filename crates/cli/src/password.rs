//! Where the admin password comes from: standard input, the environment, or a prompt.
//!
//! Never from the command line, where every user of the machine could read it in the
//! process list. The password is wrapped in [`Password`] as soon as it is read.

use std::io::{IsTerminal as _, Read as _};

use bootstrap_core::Password;

use crate::exit::Failure;

/// The environment variable Infisical's own CLI reads the password from.
pub const PASSWORD_ENV: &str = "INFISICAL_ADMIN_PASSWORD";

/// A password and the name of where it came from, for messages about it.
pub struct Sourced {
    /// The password.
    pub password: Password,
    /// The confirmation: the same password, or the second prompt's answer.
    pub confirmation: Password,
    /// The flag or variable it came from, such as `--password-stdin`.
    pub source: &'static str,
}

/// Reads the password from the first source that applies: standard input when `from_stdin`,
/// then [`PASSWORD_ENV`], then a prompt without echo when standard input is a terminal.
/// `Ok(None)` means a prompt was needed but `prompt_allowed` was false.
///
/// # Errors
///
/// [`Failure::Usage`] when no source applies, a source is empty, or input cannot be read.
pub fn read(from_stdin: bool, prompt_allowed: bool) -> Result<Option<Sourced>, Failure> {
    if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| {
                Failure::input(
                    "--password-stdin",
                    format!("cannot read standard input: {error}"),
                )
            })?;
        let password = Password::new(without_one_newline(text));
        if password.expose().is_empty() {
            return Err(Failure::input(
                "--password-stdin",
                "standard input was empty",
            ));
        }
        return Ok(Some(same_twice(password, "--password-stdin")));
    }
    if let Some(value) = std::env::var_os(PASSWORD_ENV) {
        let Ok(value) = value.into_string() else {
            return Err(Failure::input(PASSWORD_ENV, "the value is not valid UTF-8"));
        };
        if value.is_empty() {
            return Err(Failure::input(
                PASSWORD_ENV,
                "the variable is set but empty",
            ));
        }
        return Ok(Some(same_twice(Password::new(value), PASSWORD_ENV)));
    }
    if std::io::stdin().is_terminal() {
        return if prompt_allowed {
            prompt().map(Some)
        } else {
            Ok(None)
        };
    }
    Err(Failure::Usage(format!(
        "no admin password: pipe it in with --password-stdin or set {PASSWORD_ENV} (standard \
         input is not a terminal, so there is no prompt)"
    )))
}

fn prompt() -> Result<Sourced, Failure> {
    let ask = |question: &str| {
        rpassword::prompt_password(question)
            .map(Password::new)
            .map_err(|error| Failure::input("password prompt", error))
    };
    let password = ask("Admin password: ")?;
    let confirmation = ask("Type it again: ")?;
    Ok(Sourced {
        password,
        confirmation,
        source: "password",
    })
}

fn same_twice(password: Password, source: &'static str) -> Sourced {
    Sourced {
        confirmation: password.clone(),
        password,
        source,
    }
}

/// Drops one trailing line break (`\n` or `\r\n`), as `echo` and here-strings add one. Other
/// white space is kept, so that validation can refuse it rather than change the password.
fn without_one_newline(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::without_one_newline;

    #[test]
    fn only_one_trailing_newline_is_dropped() {
        assert_eq!(without_one_newline("secret\n".into()), "secret");
        assert_eq!(without_one_newline("secret\r\n".into()), "secret");
        assert_eq!(without_one_newline("secret\n\n".into()), "secret\n");
        assert_eq!(without_one_newline(" secret ".into()), " secret ");
    }
}
