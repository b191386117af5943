//! What the app remembers per server: for now, the CA certificate a person chose for a
//! server with a self-signed or private-CA certificate.
//!
//! The settings live in one small JSON file, `servers.json` in the app's data directory. It
//! is written atomically (a temporary file, then a rename). A file that cannot be read as
//! settings is set aside as `servers.json.corrupt` and the app starts afresh, rather than
//! refusing to start. Nothing secret is stored here: a CA certificate is public.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tracing::warn;

use crate::http::{parse_ca, ClientError, HttpClient};

/// The app's identifier, which names its data directory.
pub const APP_ID: &str = "dev.bootstrapwizard.infisical";
/// The largest CA file read; real ones are a few kilobytes.
const MAX_CA_FILE: u64 = 1024 * 1024;

/// Why the settings or a CA file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The CA file could not be read.
    #[error("could not read '{path}': {reason}")]
    ReadCa {
        /// The file chosen.
        path: String,
        /// The system's reason.
        reason: String,
    },
    /// The CA file is not a PEM certificate, or is too large to be one.
    #[error("'{path}' is not a PEM CA certificate: {reason}")]
    NotACertificate {
        /// The file chosen.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The settings file could not be written.
    #[error("could not save the settings in '{path}': {reason}")]
    Write {
        /// The settings file.
        path: String,
        /// The system's reason.
        reason: String,
    },
}

/// A CA certificate chosen for one server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaCertificate {
    /// The file it was read from, to show which one is in use.
    pub file: String,
    /// The certificate itself, so the server keeps working if the file moves.
    pub pem: String,
}

impl CaCertificate {
    /// Reads and checks a PEM CA certificate file.
    ///
    /// # Errors
    ///
    /// Returns [`SettingsError::ReadCa`] or [`SettingsError::NotACertificate`].
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let shown = path.display().to_string();
        let read_error = |reason: String| SettingsError::ReadCa {
            path: shown.clone(),
            reason,
        };
        let size = std::fs::metadata(path)
            .map_err(|e| read_error(e.to_string()))?
            .len();
        if size > MAX_CA_FILE {
            return Err(SettingsError::NotACertificate {
                path: shown,
                reason: "the file is larger than 1 MiB".into(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| read_error(e.to_string()))?;
        parse_ca(&bytes).map_err(|error| SettingsError::NotACertificate {
            path: shown.clone(),
            reason: match error {
                ClientError::BadCaCertificate(reason) | ClientError::Backend(reason) => reason,
            },
        })?;
        Ok(Self {
            file: shown,
            pem: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    #[serde(default)]
    servers: BTreeMap<String, ServerEntry>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServerEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ca_certificate: Option<CaCertificate>,
}

/// The per-server settings file.
#[derive(Debug)]
pub struct ServerSettings {
    path: PathBuf,
    lock: Mutex<()>,
}

impl ServerSettings {
    /// Settings kept in `path`.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    /// `servers.json` in the platform's data directory, such as
    /// `~/.local/share/dev.bootstrapwizard.infisical/` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|dir| dir.join(APP_ID).join("servers.json"))
    }

    /// The CA certificate remembered for `server` (a normalized address).
    pub fn ca_certificate(&self, server: &str) -> Option<CaCertificate> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.read().servers.get(server)?.ca_certificate.clone()
    }

    /// Remembers `certificate` for `server`, or forgets it with `None`.
    ///
    /// # Errors
    ///
    /// Returns [`SettingsError::Write`] when the file cannot be written.
    pub fn set_ca_certificate(
        &self,
        server: &str,
        certificate: Option<CaCertificate>,
    ) -> Result<(), SettingsError> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut file = self.read();
        let entry = file.servers.entry(server.to_owned()).or_default();
        entry.ca_certificate = certificate;
        if entry.ca_certificate.is_none() {
            file.servers.remove(server);
        }
        self.write(&file)
    }

    /// The shared client, or one that also trusts the CA remembered for `server`.
    ///
    /// # Errors
    ///
    /// Returns a [`ClientError`] when the remembered certificate no longer parses.
    pub fn client_for(&self, shared: &HttpClient, server: &str) -> Result<HttpClient, ClientError> {
        match self.ca_certificate(server) {
            Some(ca) => shared.trusting(ca.pem.as_bytes()),
            None => Ok(shared.clone()),
        }
    }

    fn read(&self) -> File {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return File::default(),
            Err(error) => {
                warn!(path = %self.path.display(), %error, "settings unreadable; using none");
                return File::default();
            }
        };
        serde_json::from_str(&text).unwrap_or_else(|error| {
            let aside = self.path.with_extension("json.corrupt");
            warn!(path = %self.path.display(), %error, aside = %aside.display(), "settings file is corrupt; set aside");
            let _ = std::fs::rename(&self.path, &aside);
            File::default()
        })
    }

    fn write(&self, file: &File) -> Result<(), SettingsError> {
        let failed = |reason: String| SettingsError::Write {
            path: self.path.display().to_string(),
            reason,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(e.to_string()))?;
        }
        let text = serde_json::to_string_pretty(file).map_err(|e| failed(e.to_string()))?;
        let temporary = self
            .path
            .with_extension(format!("json.tmp-{}", std::process::id()));
        std::fs::write(&temporary, text).map_err(|e| failed(e.to_string()))?;
        std::fs::rename(&temporary, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            failed(e.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn ca() -> CaCertificate {
        CaCertificate {
            file: "/tmp/ca.pem".into(),
            pem: PEM.into(),
        }
    }

    #[test]
    fn a_certificate_is_remembered_per_server() {
        let dir = temp_dir("remember");
        let settings = ServerSettings::at(dir.join("servers.json"));
        settings
            .set_ca_certificate("https://a", Some(ca()))
            .unwrap();
        let again = ServerSettings::at(dir.join("servers.json"));
        assert_eq!(again.ca_certificate("https://a"), Some(ca()));
        assert_eq!(again.ca_certificate("https://b"), None);
        again.set_ca_certificate("https://a", None).unwrap();
        assert_eq!(again.ca_certificate("https://a"), None);
    }

    #[test]
    fn a_corrupt_file_is_set_aside() {
        let dir = temp_dir("corrupt");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("servers.json"), "{not json").unwrap();
        let settings = ServerSettings::at(dir.join("servers.json"));
        assert_eq!(settings.ca_certificate("https://a"), None);
        assert!(dir.join("servers.json.corrupt").exists());
        settings
            .set_ca_certificate("https://a", Some(ca()))
            .unwrap();
        assert_eq!(settings.ca_certificate("https://a"), Some(ca()));
    }

    #[test]
    fn a_file_that_is_not_a_certificate_is_refused() {
        let dir = temp_dir("notcert");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("key.pem");
        std::fs::write(&path, "-----BEGIN PRIVATE KEY-----\n").unwrap();
        assert!(matches!(
            CaCertificate::load(&path),
            Err(SettingsError::NotACertificate { .. })
        ));
    }
}
