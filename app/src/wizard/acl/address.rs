//! One address or CIDR block as typed or pasted: split out of the text around it, parsed,
//! normalized (host bits cleared), and what is wrong or risky about it (not an address, a
//! prefix too long, host bits set, open to all, overly broad).

use super::messages::clip;
use crate::catalog::tr;
use crate::locale::Locale;
use ipnet::IpNet;
use std::net::IpAddr;

/// Shortest IPv4 prefix that is not flagged as overly broad.
const BROAD_V4: u8 = 8;
/// Shortest IPv6 prefix that is not flagged as overly broad.
const BROAD_V6: u8 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenError {
    /// Not an address.
    Syntax,
    /// A prefix longer than the address allows.
    Prefix,
}

/// An address or CIDR block as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Parsed {
    /// Normalized: host bits cleared.
    pub(super) net: IpNet,
    /// The typed address, when its host bits were set.
    host_bits: Option<IpAddr>,
}

/// Parses `10.0.0.0/8`, `192.168.1.10`, `2408:4000::/32`, `::1`. A bare address is a /32 or
/// /128; host bits are cleared and reported.
pub(super) fn parse_net(token: &str) -> Result<Parsed, TokenError> {
    let (addr, prefix) = match token.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (token, None),
    };
    let addr: IpAddr = addr.parse().map_err(|_| TokenError::Syntax)?;
    let max: u8 = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(p) => {
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(TokenError::Syntax);
            }
            let v: u16 = p.parse().map_err(|_| TokenError::Syntax)?;
            if v > u16::from(max) {
                return Err(TokenError::Prefix);
            }
            v as u8
        }
    };
    let net = IpNet::new(addr, prefix).map_err(|_| TokenError::Prefix)?;
    let trunc = net.trunc();
    Ok(Parsed { net: trunc, host_bits: (trunc != net).then_some(addr) })
}

pub(super) fn is_open(net: &IpNet) -> bool {
    net.prefix_len() == 0
}

/// The prefix below which a range is flagged as overly broad, when it is.
pub(super) fn broad_limit(net: &IpNet) -> Option<u8> {
    let limit = match net {
        IpNet::V4(_) => BROAD_V4,
        IpNet::V6(_) => BROAD_V6,
    };
    (net.prefix_len() > 0 && net.prefix_len() < limit).then_some(limit)
}

pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '|' | '，' | '、' | '；')
}

pub(super) fn trim_token(s: &str) -> &str {
    s.trim_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '`' | '[' | ']' | '(' | ')' | '{' | '}' | '<' | '>' | '“' | '”' | '「' | '」' | '‘' | '’'
        )
    })
}

/// The tokens of a list field: lines, commas, semicolons and spaces separate; `#` starts a
/// comment.
pub(super) fn list_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(|line| line.split(is_separator))
        .map(trim_token)
        .filter(|s| !s.is_empty())
}

pub(super) fn bad_token(l: Locale, token: &str, e: TokenError) -> String {
    let tok = clip(token);
    match e {
        TokenError::Syntax => tr!(l, "acl.token-not-an-address", tok),
        TokenError::Prefix => tr!(l, "acl.token-prefix-out-of-range", tok),
    }
}

/// The warnings about a valid entry: host bits, open to all, overly broad.
pub(super) fn entry_warnings(l: Locale, token: &str, p: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    let tok = clip(token);
    if let Some(addr) = p.host_bits {
        out.push(tr!(l, "acl.entry-host-bits-set", tok, net = p.net, addr));
    }
    if is_open(&p.net) {
        out.push(tr!(l, "acl.entry-allows-everything", tok));
    } else if let Some(limit) = broad_limit(&p.net) {
        out.push(tr!(l, "acl.entry-too-broad", tok, limit));
    }
    out
}
