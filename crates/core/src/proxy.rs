//! Which proxy a request goes through, read from the environment as curl reads it.
//!
//! `https_proxy`/`HTTPS_PROXY` serve https addresses, `http_proxy`/`HTTP_PROXY` plain http
//! ones, `all_proxy`/`ALL_PROXY` either when the specific one is unset, and
//! `no_proxy`/`NO_PROXY` lists the hosts that are reached directly: `*`, a domain and its
//! subdomains (a leading `.` is optional), an IP address or an IP network such as
//! `10.0.0.0/8`. The lower-case name wins when both are set, and empty values count as
//! unset. The HTTP client routes with [`ProxyEnv::proxy_for`], and error messages name the
//! proxy with the same function, so what is reported is what was used.

use std::net::IpAddr;

use url::{Host, Url};

/// The proxy settings of one process, captured once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    http: Option<String>,
    https: Option<String>,
    all: Option<String>,
    no_proxy: Vec<String>,
}

impl ProxyEnv {
    /// The settings in this process's environment.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// The settings `lookup` returns for each variable name, for tests that must not touch
    /// the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let read = |name: &str| {
            [name.to_ascii_lowercase(), name.to_ascii_uppercase()]
                .into_iter()
                .filter_map(|key| lookup(&key))
                .map(|value| value.trim().to_owned())
                .find(|value| !value.is_empty())
        };
        let no_proxy = read("no_proxy")
            .map(|list| {
                list.split(',')
                    .map(|entry| entry.trim().to_ascii_lowercase())
                    .filter(|entry| !entry.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Self {
            http: read("http_proxy").map(with_scheme),
            https: read("https_proxy").map(with_scheme),
            all: read("all_proxy").map(with_scheme),
            no_proxy,
        }
    }

    /// The proxy URL a request to `url` goes through, or `None` for a direct connection.
    /// It may carry a user name and password: show [`ProxyEnv::display_for`] instead.
    pub fn proxy_for(&self, url: &Url) -> Option<&str> {
        let specific = match url.scheme() {
            "https" => self.https.as_deref(),
            "http" => self.http.as_deref(),
            _ => None,
        };
        let proxy = specific.or(self.all.as_deref())?;
        (!self.bypasses(url)).then_some(proxy)
    }

    /// The proxy a request to `url` goes through, with any credentials masked, for messages.
    pub fn display_for(&self, url: &Url) -> Option<String> {
        self.proxy_for(url).map(mask_credentials)
    }

    fn bypasses(&self, url: &Url) -> bool {
        let Some(host) = url.host() else {
            return false;
        };
        self.no_proxy
            .iter()
            .any(|entry| matches_entry(entry, &host))
    }
}

/// curl treats a proxy without a scheme as an http proxy.
fn with_scheme(proxy: String) -> String {
    if proxy.contains("://") {
        proxy
    } else {
        format!("http://{proxy}")
    }
}

fn matches_entry(entry: &str, host: &Host<&str>) -> bool {
    if entry == "*" {
        return true;
    }
    let ip = match host {
        Host::Ipv4(ip) => Some(IpAddr::V4(*ip)),
        Host::Ipv6(ip) => Some(IpAddr::V6(*ip)),
        Host::Domain(_) => None,
    };
    let bare = entry
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or(entry);
    if let Some(ip) = ip {
        return match bare.split_once('/') {
            Some((net, bits)) => in_network(ip, net, bits),
            None => bare.parse::<IpAddr>() == Ok(ip),
        };
    }
    let Host::Domain(name) = host else {
        return false;
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let domain = entry.trim_start_matches("*.").trim_start_matches('.');
    let domain = domain.split(':').next().unwrap_or(domain);
    name == domain || name.ends_with(&format!(".{domain}"))
}

fn in_network(ip: IpAddr, net: &str, bits: &str) -> bool {
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// `http://user:secret@proxy:3128` → `http://***@proxy:3128`.
fn mask_credentials(proxy: &str) -> String {
    match (proxy.split_once("://"), proxy.rfind('@')) {
        (Some((scheme, _)), Some(at)) => format!("{scheme}://***{}", &proxy[at..]),
        _ => proxy.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ProxyEnv {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxyEnv::from_lookup(|name| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn https_and_http_addresses_use_their_own_variable() {
        let proxies = env(&[("HTTPS_PROXY", "http://s:3128"), ("http_proxy", "p:8080")]);
        assert_eq!(
            proxies.proxy_for(&url("https://h.example.com")),
            Some("http://s:3128")
        );
        assert_eq!(
            proxies.proxy_for(&url("http://h.example.com")),
            Some("http://p:8080")
        );
    }

    #[test]
    fn lower_case_wins_and_empty_is_unset() {
        let proxies = env(&[
            ("https_proxy", "http://low:1"),
            ("HTTPS_PROXY", "http://up:2"),
        ]);
        assert_eq!(proxies.proxy_for(&url("https://h")), Some("http://low:1"));
        let proxies = env(&[("https_proxy", " "), ("HTTPS_PROXY", "http://up:2")]);
        assert_eq!(proxies.proxy_for(&url("https://h")), Some("http://up:2"));
    }

    #[test]
    fn all_proxy_is_the_fallback() {
        let proxies = env(&[("ALL_PROXY", "socks5://a:1080")]);
        assert_eq!(proxies.proxy_for(&url("http://h")), Some("socks5://a:1080"));
    }

    #[test]
    fn no_proxy_matches_domains_ips_and_networks() {
        let proxies = env(&[
            ("HTTPS_PROXY", "http://s:3128"),
            (
                "NO_PROXY",
                "example.com, .corp.lan,10.0.0.0/8,::1,localhost:8080",
            ),
        ]);
        for direct in [
            "https://example.com",
            "https://api.example.com",
            "https://x.corp.lan",
            "https://10.2.3.4",
            "https://[::1]:8443",
            "https://localhost",
        ] {
            assert_eq!(proxies.proxy_for(&url(direct)), None, "{direct}");
        }
        for proxied in [
            "https://notexample.com",
            "https://11.0.0.1",
            "https://corp.lan.evil",
        ] {
            assert!(proxies.proxy_for(&url(proxied)).is_some(), "{proxied}");
        }
    }

    #[test]
    fn star_bypasses_everything() {
        let proxies = env(&[("HTTPS_PROXY", "http://s:3128"), ("no_proxy", "*")]);
        assert_eq!(proxies.proxy_for(&url("https://h.example.com")), None);
    }

    #[test]
    fn displayed_proxy_hides_credentials() {
        let proxies = env(&[("HTTPS_PROXY", "http://me:secret@s:3128")]);
        assert_eq!(
            proxies.display_for(&url("https://h")).as_deref(),
            Some("http://***@s:3128")
        );
    }
}
