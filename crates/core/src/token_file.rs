//! The last resort when the keychain refuses a token: a file only its owner can read.
//!
//! The person asks for this explicitly, after being told the file holds a root credential
//! in clear text. The file is created with mode 0600 from the start, so there is no moment
//! when others could read it.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::secret::Token;

/// Why the token could not be written to a file.
#[derive(Debug, thiserror::Error)]
#[error("could not write the token to '{path}': {source}")]
pub struct TokenFileError {
    /// The file, as given.
    pub path: String,
    /// The underlying failure.
    #[source]
    pub source: std::io::Error,
}

/// Writes `token` and a newline to `path`, readable and writable by its owner only. An
/// existing file is replaced, and its permissions are narrowed to 0600 too.
///
/// # Errors
///
/// Returns a [`TokenFileError`] naming the path when the file cannot be created or written.
pub fn write_token_file(path: &Path, token: &Token) -> Result<(), TokenFileError> {
    let wrap = |source| TokenFileError {
        path: path.display().to_string(),
        source,
    };
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(wrap)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(wrap)?;
        write_all(file, token).map_err(wrap)
    }
    #[cfg(not(unix))]
    {
        let file = options.open(path).map_err(wrap)?;
        write_all(file, token).map_err(wrap)
    }
}

fn write_all(mut file: std::fs::File, token: &Token) -> std::io::Result<()> {
    file.write_all(token.expose().as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn temp_path(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("token-file-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("token.txt")
    }

    #[test]
    fn file_holds_the_token_and_only_its_owner_may_read_it() {
        let path = temp_path("new");
        write_token_file(&path, &Token::new("t0ken")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "t0ken\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn existing_readable_file_is_narrowed_to_the_owner() {
        let path = temp_path("existing");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_token_file(&path, &Token::new("t0ken")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "t0ken\n");
    }

    #[test]
    fn error_names_the_path_but_not_the_token() {
        let error = write_token_file(
            Path::new("/nonexistent-dir/x/token.txt"),
            &Token::new("t0ken"),
        )
        .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("/nonexistent-dir/x/token.txt"), "{text}");
        assert!(!text.contains("t0ken"));
    }
}
