//! TLS: each kind of certificate failure is told apart, and a chosen CA makes a private-CA
//! server work with verification still on.

use bootstrap_core::preflight::check;
use bootstrap_core::{HttpClient, ServerAddress, ServerState, TlsKind};
use fake_infisical::pki::{self, TestCa};
use fake_infisical::{FakeInfisical, Options};

use crate::support::client;

fn tls_server(identity: pki::TlsIdentity) -> (FakeInfisical, ServerAddress) {
    let fake = FakeInfisical::start_tls(Options::default(), identity).unwrap();
    let address = ServerAddress::parse(&fake.url()).unwrap();
    (fake, address)
}

fn tls_kind(state: &ServerState) -> Option<TlsKind> {
    match state {
        ServerState::TlsFailure { tls_kind, .. } => Some(*tls_kind),
        _ => None,
    }
}

#[tokio::test]
async fn self_signed_certificate_is_an_unknown_issuer() {
    let (_fake, address) = tls_server(pki::self_signed(&["localhost"]).unwrap());
    let state = check(&client(), &address).await;
    assert_eq!(tls_kind(&state), Some(TlsKind::UnknownIssuer), "{state:?}");
}

#[tokio::test]
async fn private_ca_works_once_its_certificate_is_trusted() {
    let ca = TestCa::new().unwrap();
    let (_fake, address) = tls_server(ca.leaf(&["localhost"]).unwrap());
    let state = check(&client(), &address).await;
    assert_eq!(tls_kind(&state), Some(TlsKind::UnknownIssuer), "{state:?}");
    let trusting = client().trusting(ca.pem().as_bytes()).unwrap();
    assert_eq!(check(&trusting, &address).await, ServerState::Ready);
}

#[tokio::test]
async fn self_signed_leaf_works_when_trusted_directly() {
    let identity = pki::self_signed(&["localhost"]).unwrap();
    let pem = identity.leaf_pem.clone();
    let (_fake, address) = tls_server(identity);
    let trusting = HttpClient::new().unwrap().trusting(pem.as_bytes()).unwrap();
    assert_eq!(check(&trusting, &address).await, ServerState::Ready);
}

#[tokio::test]
async fn expired_certificate_says_expired() {
    let ca = TestCa::new().unwrap();
    let (_fake, address) = tls_server(ca.expired_leaf(&["localhost"]).unwrap());
    let trusting = client().trusting(ca.pem().as_bytes()).unwrap();
    let state = check(&trusting, &address).await;
    assert_eq!(tls_kind(&state), Some(TlsKind::Expired), "{state:?}");
}

#[tokio::test]
async fn certificate_for_another_name_is_a_name_mismatch() {
    let ca = TestCa::new().unwrap();
    let (_fake, address) = tls_server(ca.leaf(&["other.example.com"]).unwrap());
    let trusting = client().trusting(ca.pem().as_bytes()).unwrap();
    let state = check(&trusting, &address).await;
    assert_eq!(tls_kind(&state), Some(TlsKind::NameMismatch), "{state:?}");
}
