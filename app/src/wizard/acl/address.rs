//! One address or CIDR block as typed or pasted: split out of the text around it, parsed,
//! normalized (host bits cleared), and what is wrong or risky about it (not an address, a
//! prefix too long, host bits set, open to all, overly broad).

use super::messages::clip;
use crate::locale::Locale;
use crate::wizard::{fill_template as fill, localized as t};
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
    let template = match e {
        TokenError::Syntax => t(
            l,
            "“{tok}”不是 IP 地址或网段。请写成 192.168.0.0/16、203.0.113.7 或 2408:4000::/32 这样的形式。",
            "「{tok}」不是 IP 位址或網段。請寫成 192.168.0.0/16、203.0.113.7 或 2408:4000::/32 這類格式。",
            "“{tok}” bukan alamat IP atau blok CIDR. Tulis dalam bentuk seperti 192.168.0.0/16, 203.0.113.7, atau 2408:4000::/32.",
            "「{tok}」は IP アドレスでも CIDR ブロックでもありません。192.168.0.0/16、203.0.113.7、2408:4000::/32 のように入力してください。",
        ),
        TokenError::Prefix => t(
            l,
            "“{tok}”的前缀长度超出范围：IPv4 最长 /32，IPv6 最长 /128。",
            "「{tok}」的前綴長度超出範圍：IPv4 最多 /32，IPv6 最多 /128。",
            "Panjang prefiks pada “{tok}” di luar batas: IPv4 paling panjang /32, IPv6 paling panjang /128.",
            "「{tok}」のプレフィックス長が範囲外です。IPv4 は /32 まで、IPv6 は /128 までです。",
        ),
    };
    fill(template, &[("tok", &clip(token))])
}

/// The warnings about a valid entry: host bits, open to all, overly broad.
pub(super) fn entry_warnings(l: Locale, token: &str, p: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    let tok = clip(token);
    if let Some(addr) = p.host_bits {
        out.push(fill(
            t(
                l,
                "“{tok}”的主机位不为 0，已按 {net} 处理。如果你要放行的只是一个地址，请写成 {addr}。",
                "「{tok}」的主機位元不是 0，已視為 {net}。如果要允許的只是單一位址，請寫成 {addr}。",
                "“{tok}” memiliki bit host yang tidak nol, jadi dibaca sebagai {net}. Jika yang dimaksud hanya satu alamat, tulis {addr}.",
                "「{tok}」はホスト部が 0 ではないため、{net} として扱いました。単一のアドレスだけを許可したい場合は {addr} と入力してください。",
            ),
            &[("tok", &tok), ("net", &p.net.to_string()), ("addr", &addr.to_string())],
        ));
    }
    if is_open(&p.net) {
        out.push(fill(
            t(
                l,
                "“{tok}”放行所有地址，等于没有访问控制：任何人都能连到 API Server 的端口。",
                "「{tok}」會允許所有位址，等於沒有存取控制：任何人都能連到 API Server 的連接埠。",
                "“{tok}” mengizinkan semua alamat, sama saja tanpa kontrol akses: siapa pun bisa menjangkau port API Server.",
                "「{tok}」はすべてのアドレスを許可するため、アクセス制御がないのと同じです。だれでも API Server のポートに到達できます。",
            ),
            &[("tok", &tok)],
        ));
    } else if let Some(limit) = broad_limit(&p.net) {
        out.push(fill(
            t(
                l,
                "“{tok}”范围过大（前缀短于 /{limit}），放行的地址远超实际需要。请只放行确实要访问 API Server 的网段。",
                "「{tok}」範圍過大（前綴短於 /{limit}），允許的位址遠超過實際需要。請只允許確實要存取 API Server 的網段。",
                "“{tok}” terlalu luas (prefiks lebih pendek dari /{limit}) dan mengizinkan jauh lebih banyak alamat daripada yang perlu. Izinkan hanya blok yang memang mengakses API Server.",
                "「{tok}」は範囲が広すぎます (プレフィックスが /{limit} より短い)。必要以上のアドレスを許可してしまうため、API Server に実際にアクセスする範囲だけを許可してください。",
            ),
            &[("tok", &tok), ("limit", &limit.to_string())],
        ));
    }
    out
}
