//! Certificates made on the fly for the TLS listeners, with rcgen: a test CA, leaves it
//! signs, a self-signed leaf, an expired leaf and a leaf for the wrong name.
//!
//! Nothing here is written to disk. Keys are new for every call, so no test depends on a
//! certificate checked into the repository.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration, OffsetDateTime};

/// What a TLS listener presents: a certificate chain, leaf first, and the leaf's key.
#[derive(Debug)]
pub struct TlsIdentity {
    /// The chain, leaf first.
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf's private key (PKCS#8 DER).
    pub key: PrivateKeyDer<'static>,
    /// The leaf certificate in PEM, for tests that trust it directly.
    pub leaf_pem: String,
}

/// Why a certificate could not be made.
#[derive(Debug)]
pub struct PkiError(pub String);

impl std::fmt::Display for PkiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not make a test certificate: {}", self.0)
    }
}

impl std::error::Error for PkiError {}

impl From<rcgen::Error> for PkiError {
    fn from(error: rcgen::Error) -> Self {
        PkiError(error.to_string())
    }
}

/// A private certificate authority for one test.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TestCa")
    }
}

impl TestCa {
    /// A new CA named "Fake Infisical Test CA".
    pub fn new() -> Result<TestCa, PkiError> {
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params
            .distinguished_name
            .push(DnType::CommonName, "Fake Infisical Test CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate()?)?;
        Ok(TestCa { issuer })
    }

    /// The CA certificate in PEM, which a client adds to its trusted roots.
    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// A leaf for `names` (DNS names or IP addresses), valid from yesterday for a year.
    pub fn leaf(&self, names: &[&str]) -> Result<TlsIdentity, PkiError> {
        let now = OffsetDateTime::now_utc();
        self.leaf_valid(names, now - Duration::days(1), now + Duration::days(365))
    }

    /// A leaf for `names` that expired yesterday.
    pub fn expired_leaf(&self, names: &[&str]) -> Result<TlsIdentity, PkiError> {
        let now = OffsetDateTime::now_utc();
        self.leaf_valid(names, now - Duration::days(30), now - Duration::days(1))
    }

    fn leaf_valid(
        &self,
        names: &[&str],
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<TlsIdentity, PkiError> {
        let mut params = leaf_params(names)?;
        params.not_before = not_before;
        params.not_after = not_after;
        let key = KeyPair::generate()?;
        let leaf = params.signed_by(&key, &self.issuer)?;
        Ok(identity(
            vec![leaf.der().clone(), self.issuer.der().clone()],
            leaf.pem(),
            &key,
        ))
    }
}

/// A self-signed leaf for `names`, trusted by nobody unless a test adds it.
pub fn self_signed(names: &[&str]) -> Result<TlsIdentity, PkiError> {
    let key = KeyPair::generate()?;
    let leaf = leaf_params(names)?.self_signed(&key)?;
    Ok(identity(vec![leaf.der().clone()], leaf.pem(), &key))
}

fn leaf_params(names: &[&str]) -> Result<CertificateParams, PkiError> {
    let names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
    let mut params = CertificateParams::new(names)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "fake infisical");
    Ok(params)
}

fn identity(chain: Vec<CertificateDer<'static>>, leaf_pem: String, key: &KeyPair) -> TlsIdentity {
    TlsIdentity {
        chain,
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        leaf_pem,
    }
}
