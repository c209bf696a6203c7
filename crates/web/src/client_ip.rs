//! The address a request comes from. Behind a reverse proxy every connection comes from the
//! proxy; its `X-Forwarded-For` says who the client is, and is believed only when the
//! connection comes from a configured proxy (`RADGESTMAT_TRUSTED_PROXIES`): anybody else could
//! write that header to dodge the per-address lock-out or to blame another address in the logs.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// An address or a network, `10.0.0.0/8` or `127.0.0.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                mask(u32::from(net).into(), self.prefix, 32) == mask(u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                mask(u128::from(net), self.prefix, 128) == mask(u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

fn mask(bits: u128, prefix: u8, width: u8) -> u128 {
    if prefix == 0 { 0 } else { bits >> (width - prefix) }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("expected an address or a network such as 10.0.0.0/8, got {text:?}");
        let (address, prefix) = text.trim().split_once('/').map_or((text.trim(), None), |(a, p)| (a, Some(p)));
        let network = IpAddr::from_str(address).map_err(|_| bad())?.to_canonical();
        let width = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= width).ok_or_else(bad)?,
            None => width,
        };
        Ok(Cidr { network, prefix })
    }
}

/// The client's address, as [`resolve`] found it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

/// The client behind `peer`: the peer itself, or when the peer is a trusted proxy, the last
/// address of `X-Forwarded-For` that is not one of ours.
pub fn client(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops = forwarded_for.unwrap_or("").split(',').rev().filter_map(|hop| IpAddr::from_str(hop.trim()).ok());
    let mut client = peer;
    for hop in hops {
        client = hop;
        if !is_trusted(hop) {
            break;
        }
    }
    client
}

/// Records the [`ClientIp`] of every request.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip());
    if let Some(peer) = peer {
        let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        let ip = client(peer, forwarded, &state.config.trusted_proxies);
        request.extensions_mut().insert(ClientIp(ip));
    }
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ClientIp>().map(|c| c.0);
        Ok(ClientIp(ip.unwrap_or(IpAddr::from([127, 0, 0, 1]))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn networks_are_parsed_and_matched() {
        let net: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains(ip("10.1.200.3")) && !net.contains(ip("10.2.0.1")));
        assert!("127.0.0.1".parse::<Cidr>().unwrap().contains(ip("::ffff:127.0.0.1")));
        assert!("::1".parse::<Cidr>().unwrap().contains(ip("::1")));
        assert!("0.0.0.0/0".parse::<Cidr>().unwrap().contains(ip("203.0.113.9")));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err() && "proxy".parse::<Cidr>().is_err());
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
        let trusted = ["127.0.0.1".parse().unwrap(), "10.0.0.0/8".parse().unwrap()];
        let xff = Some("198.51.100.7, 203.0.113.9, 10.0.0.5");
        assert_eq!(client(ip("127.0.0.1"), xff, &trusted), ip("203.0.113.9"), "the last hop not ours");
        assert_eq!(client(ip("192.0.2.1"), xff, &trusted), ip("192.0.2.1"), "a stranger's header is ignored");
        assert_eq!(client(ip("127.0.0.1"), None, &trusted), ip("127.0.0.1"));
        assert_eq!(client(ip("127.0.0.1"), Some("junk"), &trusted), ip("127.0.0.1"));
        assert_eq!(client(ip("127.0.0.1"), xff, &[]), ip("127.0.0.1"), "no proxy configured");
    }
}
