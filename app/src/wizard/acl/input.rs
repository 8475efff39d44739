//! The typed fields read: the lists of who needs access read into ranges (the control plane
//! always first), the cluster type, region and ACL id checked, and the pasted ACL read (by
//! `current`). Errors and warnings go to the log, on the field they are about.

use super::address::{bad_token, entry_warnings, list_tokens, parse_net};
use super::allow_list::{Item, Source};
use super::current::{read_current, Current};
use super::form::{applies, KINDS};
use super::messages::{clip, Log};
use super::CONTROL_PLANE;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{value, Inputs, Severity};

/// The inputs read: the ranges that must be allowed (the control plane first), the pasted
/// ACL when it can be used, the region and ACL id as typed.
pub(super) struct Read<'a> {
    pub(super) items: Vec<Item>,
    pub(super) current: Option<Vec<Current>>,
    pub(super) region: Option<&'a str>,
    pub(super) acl_id: Option<&'a str>,
}

/// Reads and checks every field; errors and warnings go to the log.
pub(super) fn read<'a>(inputs: &'a Inputs, l: Locale, log: &mut Log) -> Read<'a> {
    // Cluster type.
    let kind = value(inputs, "kind");
    if let Some(k) = kind {
        if !KINDS.contains(&k) {
            log.push(
                "kind",
                Severity::Error,
                tr!(l, "acl.input-bad-kind", tok = clip(k)),
            );
        }
    }

    // The ranges that must be allowed.
    let mut items = vec![Item { net: CONTROL_PLANE.parse().expect("constant CIDR"), source: Source::ControlPlane }];
    for source in [Source::Vpc, Source::Clients, Source::Edge, Source::Lingjun] {
        let Some(field) = source.field() else { continue };
        if !applies(field, inputs) {
            continue;
        }
        if let Some(text) = value(inputs, field) {
            items.extend(read_list(field, source, text, l, log));
        }
    }

    // The audit step.
    let current = value(inputs, "current").and_then(|text| read_current(text, l, log));
    let region = value(inputs, "region");
    if let Some(r) = region {
        if !is_region_id(r) {
            log.push(
                "region",
                Severity::Error,
                tr!(l, "acl.input-bad-region", tok = clip(r)),
            );
        }
    }
    let acl_id = value(inputs, "acl_id");
    if let Some(a) = acl_id {
        if !is_acl_id(a) {
            log.push(
                "acl_id",
                Severity::Error,
                tr!(l, "acl.input-bad-acl-id", tok = clip(a)),
            );
        }
    }
    Read { items, current, region, acl_id }
}

/// Reads a list field into items; errors and warnings go to the log.
fn read_list(field: &'static str, source: Source, text: &str, l: Locale, log: &mut Log) -> Vec<Item> {
    let mut items = Vec::new();
    let mut any = false;
    for token in list_tokens(text) {
        any = true;
        match parse_net(token) {
            Ok(p) => {
                for w in entry_warnings(l, token, &p) {
                    log.push(field, Severity::Warning, w);
                }
                items.push(Item { net: p.net, source });
            }
            Err(e) => log.push(field, Severity::Error, bad_token(l, token, e)),
        }
    }
    if !any {
        log.push(
            field,
            Severity::Error,
            tr!(l, "acl.input-no-addresses")
            .to_owned(),
        );
    }
    items
}

// ---------------------------------------------------------------------------------------------
// Region and ACL id

/// `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`.
fn is_region_id(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    s.len() <= 40
        && first.len() >= 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && rest.len() <= 4
        && rest.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `acl-bp1l0kk4gxce43kzet04s`.
fn is_acl_id(s: &str) -> bool {
    match s.strip_prefix("acl-") {
        Some(rest) => {
            !rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_and_acl_id_shapes() {
        for ok in ["cn-hangzhou", "ap-southeast-1", "cn-shanghai-finance-1", "us-east-1", "eu-central-1"] {
            assert!(is_region_id(ok), "{ok}");
        }
        for bad in ["", "cn", "Hangzhou", "cn-", "-cn", "cn_hangzhou", "cn-hangzhou;rm", "cn-hang zhou"] {
            assert!(!is_region_id(bad), "{bad}");
        }
        for ok in ["acl-bp1l0kk4gxce43kzet04s", "acl-0xiowxdr4drxtm2w8hupo"] {
            assert!(is_acl_id(ok), "{ok}");
        }
        for bad in ["", "acl-", "acl", "nacl-hp34s2h0xx1ht4nwo", "acl-ABC", "acl-abc'", "acl-bp1l****"] {
            assert!(!is_acl_id(bad), "{bad}");
        }
    }
}
