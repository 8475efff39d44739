//! Who a request comes from: the connection's peer, or, when the peer is a trusted
//! reverse proxy, the address that proxy saw, from `X-Forwarded-For`. Pure functions.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// Whether `ip` is one of the configured proxies.
pub fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    let ip = canonical(ip);
    trusted.iter().any(|net| net.contains(&ip))
}

/// The client's address. `X-Forwarded-For` is read only when the peer is trusted, and
/// then from the right: each trusted proxy appends the address it saw, so the first
/// address from the right that is not a trusted proxy is the client. Anything that is not
/// an address stops the walk at the last address that was.
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNet]) -> IpAddr {
    let mut current = canonical(peer);
    if !is_trusted(current, trusted) {
        return current;
    }
    let hops = forwarded_for.iter().rev().flat_map(|h| h.rsplit(',')).map(str::trim).filter(|h| !h.is_empty());
    for hop in hops {
        let Some(ip) = parse_hop(hop) else { break };
        current = ip;
        if !is_trusted(ip, trusted) {
            break;
        }
    }
    current
}

/// An `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:443`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Ok(sock) = hop.parse::<std::net::SocketAddr>() {
        return Some(canonical(sock.ip()));
    }
    None
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key limits are counted by: the address for IPv4, its /64 for IPv6 (one
/// subscriber's whole prefix).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn finds_the_client_behind_trusted_proxies_only() {
        let proxies = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        let cases: &[(&str, &[&str], &str)] = &[
            // No proxy: the peer, whatever the header says.
            ("203.0.113.7", &["198.51.100.1"], "203.0.113.7"),
            ("203.0.113.7", &[], "203.0.113.7"),
            // One trusted proxy.
            ("127.0.0.1", &["198.51.100.1"], "198.51.100.1"),
            // A client that forges the header gets the address the proxy saw.
            ("127.0.0.1", &["6.6.6.6, 198.51.100.1"], "198.51.100.1"),
            // Two proxies, in two headers or one.
            ("127.0.0.1", &["198.51.100.1, 10.1.2.3"], "198.51.100.1"),
            ("127.0.0.1", &["198.51.100.1", "10.1.2.3"], "198.51.100.1"),
            // Ports and IPv6.
            ("127.0.0.1", &["198.51.100.1:5555"], "198.51.100.1"),
            ("127.0.0.1", &["[2001:db8::5]:443"], "2001:db8::5"),
            ("127.0.0.1", &["2001:db8::5"], "2001:db8::5"),
            // Garbage stops the walk at the last real address.
            ("127.0.0.1", &["unknown"], "127.0.0.1"),
            ("127.0.0.1", &["198.51.100.1, garbage, 10.1.2.3"], "10.1.2.3"),
            // A proxy without a header is the client.
            ("127.0.0.1", &[], "127.0.0.1"),
            // IPv4-mapped peers are IPv4.
            ("::ffff:127.0.0.1", &["198.51.100.9"], "198.51.100.9"),
        ];
        for (peer, xff, want) in cases {
            let got = client_ip(peer.parse().unwrap(), xff, &proxies);
            assert_eq!(got, want.parse::<IpAddr>().unwrap(), "{peer} {xff:?}");
        }
    }

    #[test]
    fn counts_ipv6_clients_by_their_64() {
        assert_eq!(client_key("2001:db8:1:2:3:4:5:6".parse().unwrap()), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        assert_eq!(client_key("198.51.100.1".parse().unwrap()), "198.51.100.1".parse::<IpAddr>().unwrap());
        assert_eq!(client_key("::ffff:198.51.100.1".parse().unwrap()), "198.51.100.1".parse::<IpAddr>().unwrap());
    }
}
