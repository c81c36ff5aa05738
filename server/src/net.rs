//! Network addresses in the configuration (lists of addresses and CIDR blocks), and the layer
//! that decides whose request this is: the connection's peer, or — only when the peer is a
//! configured trusted proxy — the client that proxy names in `X-Forwarded-For`.

use app::api::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// One address, or a block of them (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    base: IpAddr,
    prefix: u8,
}

impl Block {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, canonical(ip)) {
            (IpAddr::V4(base), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(base) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(base) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// A list of addresses and blocks, written `127.0.0.1, ::1, 10.0.0.0/8` (commas or spaces).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressList(Vec<Block>);

impl AddressList {
    /// Parses a list; an empty text is the empty list. Names the first entry that is not an
    /// address or block.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
            .map(|entry| {
                let (addr, prefix) = match entry.split_once('/') {
                    Some((a, p)) => (a, Some(p)),
                    None => (entry, None),
                };
                let base: IpAddr = addr
                    .parse()
                    .map_err(|_| format!("'{entry}' is not an IP address or block"))?;
                let base = canonical(base);
                let max = if base.is_ipv4() { 32 } else { 128 };
                let prefix = match prefix {
                    None => max,
                    Some(p) => p
                        .parse::<u8>()
                        .ok()
                        .filter(|p| *p <= max)
                        .ok_or_else(|| format!("'{entry}': the prefix must be 0 to {max}"))?,
                };
                Ok(Block { base, prefix })
            })
            .collect::<Result<_, _>>()
            .map(AddressList)
    }

    /// Loopback only (`127.0.0.0/8` and `::1`).
    pub fn loopback() -> Self {
        Self::parse("127.0.0.0/8, ::1").unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|b| b.contains(ip))
    }
}

/// The client's address: `peer`, unless `peer` is a trusted proxy, in which case the
/// `X-Forwarded-For` entries are read from the right (the nearest hop first) past every
/// trusted proxy to the first address that is not one. A forwarded entry that is not an
/// address ends the walk at the last trusted hop, so a forged header can name no one else.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &AddressList) -> IpAddr {
    let peer = canonical(peer);
    if !trusted.contains(peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for entry in forwarded.iter().rev() {
        let Some(ip) = parse_hop(entry) else { break };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    client
}

/// An entry of `X-Forwarded-For`: an address, perhaps with a port (`192.0.2.1:443`,
/// `[2001:db8::1]:443`).
fn parse_hop(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

/// Puts the request's [`ClientAddress`] in its extensions, for throttling, the record of
/// sign-ins and the stakeholder events' throttle.
pub async fn client_address_layer(
    State(trusted): State<Arc<AddressList>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let ip = client_ip(peer.ip(), request.headers(), &trusted);
        request.extensions_mut().insert(ClientAddress(ip));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn lists_parse_addresses_and_blocks() {
        let list = AddressList::parse("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8").unwrap();
        assert!(list.contains(ip("127.0.0.1")));
        assert!(!list.contains(ip("127.0.0.2")));
        assert!(list.contains(ip("10.200.3.4")));
        assert!(!list.contains(ip("11.0.0.1")));
        assert!(list.contains(ip("::1")));
        assert!(list.contains(ip("fd12::5")));
        assert!(list.contains(ip("::ffff:10.1.1.1")), "IPv4 written as IPv6");
        assert!(AddressList::parse("").unwrap().is_empty());
        assert!(AddressList::parse("0.0.0.0/0")
            .unwrap()
            .contains(ip("8.8.8.8")));
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "localhost",
            "10.0.0/8",
            "1.2.3.4/x",
        ] {
            assert!(AddressList::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxies = AddressList::parse("10.0.0.0/8").unwrap();
        let h = forwarded(&["203.0.113.7"]);
        // From a proxy: the client it names.
        assert_eq!(client_ip(ip("10.0.0.5"), &h, &proxies), ip("203.0.113.7"));
        // From anyone else: the header is ignored.
        assert_eq!(
            client_ip(ip("198.51.100.1"), &h, &proxies),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.5"), &h, &AddressList::default()),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn the_walk_stops_at_the_first_untrusted_hop() {
        let proxies = AddressList::parse("10.0.0.0/8").unwrap();
        // A client forging an address before its own: the proxy appended the real one.
        let h = forwarded(&["1.1.1.1, 203.0.113.7", "10.0.0.9"]);
        assert_eq!(client_ip(ip("10.0.0.5"), &h, &proxies), ip("203.0.113.7"));
        // Ports and IPv6 in brackets.
        let h = forwarded(&["[2001:db8::1]:443"]);
        assert_eq!(client_ip(ip("10.0.0.5"), &h, &proxies), ip("2001:db8::1"));
        // Garbage ends the walk at the last trusted hop.
        let h = forwarded(&["203.0.113.7, nonsense"]);
        assert_eq!(client_ip(ip("10.0.0.5"), &h, &proxies), ip("10.0.0.5"));
        // No header: the proxy itself.
        assert_eq!(
            client_ip(ip("10.0.0.5"), &HeaderMap::new(), &proxies),
            ip("10.0.0.5")
        );
    }
}
