//! The instances this program has set up, shared by the desktop app and the headless command.
//!
//! A small JSON file, `instances.json`, in the platform's data directory under the app's
//! identifier (the directory Tauri calls the app-data dir). It holds only what is safe to
//! read: addresses, names, ids and dates. The token of each instance is in the keychain, under
//! [`InstanceRecord::token_key`]; the password is kept nowhere.
//!
//! The file is replaced atomically, so a crash never leaves half a list. A file that cannot be
//! read as a list is moved aside, never deleted, and a new list is started.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tracing::warn;

use crate::setup::SetupOutcome;
use crate::token_store::TokenKey;

/// The app's identifier, which names its data directory on every platform.
pub const APP_IDENTIFIER: &str = "dev.bootstrapwizard.infisical";
/// An environment variable naming another directory for the history, for tests and for
/// people who keep state elsewhere.
pub const DATA_DIR_ENV: &str = "INFISICAL_BOOTSTRAP_DATA_DIR";
/// The history file's name inside the data directory.
pub const FILE_NAME: &str = "instances.json";

/// Why the history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The platform has no data directory (no home directory, say) and no override is set.
    #[error("no data directory is known for this user; set {DATA_DIR_ENV} to a directory")]
    NoDataDir,
    /// The file exists but could not be read.
    #[error("could not read '{}': {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The directory or the new file could not be written.
    #[error("could not write '{}': {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// A corrupted file could not be moved out of the way, so it was left alone.
    #[error("'{}' is corrupted and could not be moved aside: {source}", path.display())]
    SetAside {
        /// The corrupted file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

/// One instance that was set up. Nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceRecord {
    /// The instance's normalized address.
    pub server: String,
    /// The first organization's name.
    pub organization_name: String,
    /// The first organization's slug.
    pub organization_slug: String,
    /// The first organization's id.
    pub organization_id: String,
    /// The first admin's email, as the server stored it.
    pub admin_email: String,
    /// The instance-admin identity's id.
    pub identity_id: String,
    /// The instance-admin identity's name.
    pub identity_name: String,
    /// When the bootstrap succeeded, in RFC 3339, UTC.
    pub set_up_at: String,
    /// When the token expires, in RFC 3339, UTC, if that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<String>,
    /// The CA certificate file trusted for this server, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_certificate: Option<PathBuf>,
}

impl InstanceRecord {
    /// The record of a setup that just finished, dated now.
    pub fn from_outcome(outcome: &SetupOutcome, ca_certificate: Option<PathBuf>) -> Self {
        Self {
            server: outcome.server.clone(),
            organization_name: outcome.organization.name.clone(),
            organization_slug: outcome.organization.slug.clone(),
            organization_id: outcome.organization.id.clone(),
            admin_email: outcome.admin_email.clone(),
            identity_id: outcome.identity_id.clone(),
            identity_name: outcome.identity_name.clone(),
            set_up_at: now_rfc3339(),
            token_expires_at: outcome.expires_at.clone(),
            ca_certificate,
        }
    }

    /// Where this instance's token is in the keychain.
    pub fn token_key(&self) -> TokenKey {
        TokenKey::new(self.server.clone(), self.organization_id.clone())
    }
}

/// A corrupted history file that was moved out of the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the old file is now.
    pub moved_to: PathBuf,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the list of set-up instances was unreadable; it was moved to '{}' and a new list \
             was started",
            self.moved_to.display()
        )
    }
}

/// What [`History::load`] found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The instances, oldest first.
    pub instances: Vec<InstanceRecord>,
    /// Set when the file was corrupted and has been moved aside.
    pub set_aside: Option<SetAside>,
}

#[derive(Serialize, Deserialize)]
struct FileBody {
    version: u32,
    instances: Vec<InstanceRecord>,
}

/// The history file in one directory.
#[derive(Debug, Clone)]
pub struct History {
    dir: PathBuf,
}

impl History {
    /// The history kept in `dir`, which is created on the first write.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The history in [`DATA_DIR_ENV`] if set, else in the platform's data directory under
    /// [`APP_IDENTIFIER`] (on Linux, `$XDG_DATA_HOME` or `~/.local/share`).
    ///
    /// # Errors
    ///
    /// Returns [`HistoryError::NoDataDir`] when neither is known.
    pub fn locate() -> Result<Self, HistoryError> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
            return Ok(Self::in_dir(dir));
        }
        let base = dirs::data_dir().ok_or(HistoryError::NoDataDir)?;
        Ok(Self::in_dir(base.join(APP_IDENTIFIER)))
    }

    /// The history file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Reads every record. A missing file is an empty history; a corrupted one is moved
    /// aside (see [`Loaded::set_aside`]) and counts as empty.
    ///
    /// # Errors
    ///
    /// Returns a [`HistoryError`] when the file cannot be read or a corrupted one moved.
    pub fn load(&self) -> Result<Loaded, HistoryError> {
        let path = self.path();
        let text = match fs::read(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(source) => return Err(HistoryError::Read { path, source }),
        };
        match serde_json::from_slice::<FileBody>(&text) {
            Ok(body) => Ok(Loaded {
                instances: body.instances,
                set_aside: None,
            }),
            Err(error) => {
                let set_aside = set_aside(&path)?;
                warn!(reason = %error, moved_to = %set_aside.moved_to.display(), "history file was corrupted");
                Ok(Loaded {
                    instances: Vec::new(),
                    set_aside: Some(set_aside),
                })
            }
        }
    }

    /// Adds `record`, replacing an earlier record of the same server and organization.
    ///
    /// # Errors
    ///
    /// Returns a [`HistoryError`] when the file cannot be read or written. The returned
    /// [`SetAside`] says a corrupted file was moved aside first.
    pub fn add(&self, record: InstanceRecord) -> Result<Option<SetAside>, HistoryError> {
        let mut loaded = self.load()?;
        loaded
            .instances
            .retain(|old| old.token_key() != record.token_key());
        loaded.instances.push(record);
        self.save(&loaded.instances)?;
        Ok(loaded.set_aside)
    }

    /// Removes the records of `key`'s server and organization; returns how many there were.
    ///
    /// # Errors
    ///
    /// Returns a [`HistoryError`] when the file cannot be read or written.
    pub fn remove(&self, key: &TokenKey) -> Result<usize, HistoryError> {
        let mut loaded = self.load()?;
        let before = loaded.instances.len();
        loaded.instances.retain(|old| &old.token_key() != key);
        let removed = before - loaded.instances.len();
        if removed > 0 {
            self.save(&loaded.instances)?;
        }
        Ok(removed)
    }

    /// Writes the whole list to a temporary file in the same directory, flushes it to disk,
    /// then renames it over the old file, so readers see the old list or the new one.
    fn save(&self, instances: &[InstanceRecord]) -> Result<(), HistoryError> {
        let write_error = |path: &Path| {
            let path = path.to_owned();
            move |source| HistoryError::Write { path, source }
        };
        fs::create_dir_all(&self.dir).map_err(write_error(&self.dir))?;
        let body = FileBody {
            version: 1,
            instances: instances.to_vec(),
        };
        let mut text = serde_json::to_vec_pretty(&body).map_err(|e| HistoryError::Write {
            path: self.path(),
            source: io::Error::other(e),
        })?;
        text.push(b'\n');
        let mut temp = tempfile::Builder::new()
            .prefix(".instances.json.")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(write_error(&self.dir))?;
        temp.write_all(&text).map_err(write_error(temp.path()))?;
        temp.as_file()
            .sync_all()
            .map_err(write_error(temp.path()))?;
        temp.persist(self.path())
            .map_err(|error| HistoryError::Write {
                path: self.path(),
                source: error.error,
            })?;
        sync_dir(&self.dir);
        Ok(())
    }
}

/// Flushes the directory entry of the rename; best effort, and a no-op where directories
/// cannot be opened as files.
fn sync_dir(dir: &Path) {
    if cfg!(unix) {
        if let Ok(handle) = fs::File::open(dir) {
            let _ = handle.sync_all();
        }
    }
}

/// Moves a corrupted file to `<name>.corrupt-<UTC timestamp>`, adding a counter if needed.
fn set_aside(path: &Path) -> Result<SetAside, HistoryError> {
    let stamp = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        u8::from(stamp.month()),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let mut moved_to = path.with_file_name(format!("{FILE_NAME}.corrupt-{stamp}"));
    let mut counter = 1;
    while moved_to.exists() {
        counter += 1;
        moved_to = path.with_file_name(format!("{FILE_NAME}.corrupt-{stamp}-{counter}"));
    }
    fs::rename(path, &moved_to).map_err(|source| HistoryError::SetAside {
        path: path.to_owned(),
        source,
    })?;
    Ok(SetAside { moved_to })
}

/// The current time in RFC 3339, UTC, to the second.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests;
