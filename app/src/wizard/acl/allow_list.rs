//! The allow-list: who needs a range to be allowed and why, and the ranges entered merged
//! into the entries of the ACL (duplicates, covered ranges and adjacent halves), each keeping
//! who needs it, within the size of an ACL.

use super::form::field_text;
use super::messages::{list_sep, Log};
use super::MAX_PER_ACL;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::Severity;
use ipnet::IpNet;

// ---------------------------------------------------------------------------------------------
// Who needs an entry

/// Who needs a range to be allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    ControlPlane,
    Vpc,
    Clients,
    Edge,
    Lingjun,
}

impl Source {
    pub(super) const ALL: [Source; 5] =
        [Source::ControlPlane, Source::Vpc, Source::Clients, Source::Edge, Source::Lingjun];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The comment written into the ACL: ASCII, so that it is valid whatever the locale.
    fn comment(self) -> &'static str {
        match self {
            Source::ControlPlane => "ack-control-plane",
            Source::Vpc => "vpc-vswitch",
            Source::Clients => "clients",
            Source::Edge => "edge-nodes",
            Source::Lingjun => "lingjun-vpd",
        }
    }

    /// Who, in a few words.
    pub(super) fn who(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => {
                tr!(l, "acl.who-control-plane")
            }
            Source::Vpc => tr!(l, "acl.who-vpc"),
            Source::Clients => tr!(l, "acl.who-clients"),
            Source::Edge => tr!(l, "acl.who-edge"),
            Source::Lingjun => tr!(l, "acl.who-lingjun"),
        }
    }

    /// Why the range is needed, for the table.
    fn reason(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => tr!(l, "acl.reason-control-plane"),
            Source::Vpc => tr!(l, "acl.reason-vpc"),
            Source::Clients => tr!(l, "acl.reason-clients"),
            Source::Edge => tr!(l, "acl.reason-edge"),
            Source::Lingjun => tr!(l, "acl.reason-lingjun"),
        }
    }

    /// What happens when the range is not allowed.
    pub(super) fn lockout(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => tr!(l, "acl.lockout-control-plane"),
            Source::Vpc => tr!(l, "acl.lockout-vpc"),
            Source::Clients => tr!(l, "acl.lockout-clients"),
            Source::Edge => tr!(l, "acl.lockout-edge"),
            Source::Lingjun => tr!(l, "acl.lockout-lingjun"),
        }
    }

    /// The field the user enters the source's ranges in.
    pub(super) fn field(self) -> Option<&'static str> {
        match self {
            Source::ControlPlane => None,
            Source::Vpc => Some("vpc"),
            Source::Clients => Some("clients"),
            Source::Edge => Some("edge_egress"),
            Source::Lingjun => Some("lingjun_vpd"),
        }
    }
}

/// A set of [`Source`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) struct Reasons(u8);

impl Reasons {
    pub(super) fn of(s: Source) -> Self {
        Reasons(s.bit())
    }
    pub(super) fn add(&mut self, other: Reasons) {
        self.0 |= other.0;
    }
    pub(super) fn iter(self) -> impl Iterator<Item = Source> {
        Source::ALL.into_iter().filter(move |s| self.0 & s.bit() != 0)
    }
    pub(super) fn comment(self) -> String {
        self.iter().map(Source::comment).collect::<Vec<_>>().join("/")
    }
    pub(super) fn who(self, l: Locale) -> String {
        self.iter().map(|s| s.who(l)).collect::<Vec<_>>().join(list_sep(l))
    }
    pub(super) fn reasons(self, l: Locale) -> String {
        self.iter().map(|s| s.reason(l)).collect::<Vec<_>>().join(tr!(l, "acl.reasons-separator"))
    }
}

/// A range that must be allowed, as entered.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub(super) net: IpNet,
    pub(super) source: Source,
}

// ---------------------------------------------------------------------------------------------
// Merging

/// An entry of the final allow-list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) net: IpNet,
    pub(super) reasons: Reasons,
    /// The field of the item that made the entry (None: the control plane).
    pub(super) field: Option<&'static str>,
}

fn label(field: &str, l: Locale) -> &'static str {
    field_text(field, l).label
}

/// Merges duplicates, ranges covered by another range and adjacent siblings, keeping who
/// needs each surviving entry. Says what was merged (Info).
pub(super) fn merge(items: &[Item], l: Locale, log: &mut Log) -> Vec<Entry> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Version, then network, then the widest first; among equals the first source and the
    // first typed come first.
    order.sort_by_key(|&i| (items[i].net, items[i].source as u8, i));

    // Pass 1: duplicates and covered ranges. Sorted that way, a range covered by any kept
    // range is covered by the last kept one (CIDR blocks nest or are disjoint).
    let mut kept: Vec<Entry> = Vec::new();
    for &i in &order {
        let item = &items[i];
        let field = item.source.field();
        match kept.last_mut() {
            Some(last) if last.net.contains(&item.net) => {
                let survivor_reasons = last.reasons;
                // The control plane range typed again adds no reason: it is needed anyway.
                if !(last.net == item.net && last.field.is_none()) {
                    last.reasons.add(Reasons::of(item.source));
                }
                let net = item.net.to_string();
                let (target, text) = if last.net == item.net {
                    match (field, last.field) {
                        (Some(f), None) => (
                            f,
                            tr!(l, "acl.merge-control-plane-always-included", net),
                        ),
                        (Some(f), Some(g)) if f == g => (
                            f,
                            tr!(l, "acl.merge-duplicate", net),
                        ),
                        (Some(f), Some(g)) => (
                            f,
                            tr!(l, "acl.merge-duplicate-comments-kept", net, other = label(g, l)),
                        ),
                        // The control plane is entered once, first.
                        (None, _) => continue,
                    }
                } else {
                    let cover = last.net.to_string();
                    match field {
                        Some(f) => (
                            f,
                            tr!(l, "acl.merge-covered-by", net, cover, who = survivor_reasons.who(l)),
                        ),
                        None => match last.field {
                            Some(g) => (
                                g,
                                tr!(l, "acl.merge-control-plane-covered", net, cover),
                            ),
                            None => continue,
                        },
                    }
                };
                log.push(target, Severity::Info, text);
            }
            _ => kept.push(Entry { net: item.net, reasons: Reasons::of(item.source), field }),
        }
    }

    // Pass 2: two adjacent halves of one block become that block.
    let mut out: Vec<Entry> = Vec::with_capacity(kept.len());
    for e in kept {
        out.push(e);
        while out.len() >= 2 {
            let b = &out[out.len() - 1];
            let a = &out[out.len() - 2];
            let sup = match (a.net.supernet(), b.net.supernet()) {
                (Some(x), Some(y)) if x == y && a.net.prefix_len() == b.net.prefix_len() && a.net != b.net => x,
                _ => break,
            };
            let (a, b) = (out.remove(out.len() - 2), out.remove(out.len() - 1));
            let mut reasons = a.reasons;
            reasons.add(b.reasons);
            if let Some(f) = a.field.or(b.field) {
                log.push(
                    f,
                    Severity::Info,
                    tr!(l, "acl.merge-adjacent", a = a.net, b = b.net, sup),
                );
            }
            out.push(Entry { net: sup, reasons, field: a.field.or(b.field) });
        }
    }
    out
}

/// An ACL holds at most 300 entries: a longer list cannot be applied. The error goes to the
/// field that gave most of the entries.
pub(super) fn check_acl_size(v4: &[&Entry], v6: &[&Entry], l: Locale, log: &mut Log) {
    for (list, version) in [(v4, "IPv4"), (v6, "IPv6")] {
        if list.len() > MAX_PER_ACL {
            let mut counts: Vec<(&'static str, usize)> = Vec::new();
            for e in list.iter() {
                if let Some(f) = e.field {
                    match counts.iter_mut().find(|c| c.0 == f) {
                        Some(c) => c.1 += 1,
                        None => counts.push((f, 1)),
                    }
                }
            }
            let field = counts.iter().max_by_key(|c| c.1).map(|c| c.0).unwrap_or("clients");
            log.push(
                field,
                Severity::Error,
                tr!(l, "acl.too-many-entries-after-merge", n = list.len(), ver = version),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::evaluate;
    use crate::wizard::acl::testutil::{allow_list, has_msg, inputs, run, with};

    #[test]
    fn merged_entry_keeps_every_reason() {
        let r = run(&with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]));
        let row = allow_list(&r).into_iter().find(|row| row[0] == "10.0.0.0/8").expect("row");
        assert_eq!(row[2], "vpc-vswitch/clients");
        assert!(row[1].contains("客户端") && row[1].contains("VPC"));
    }

    #[test]
    fn more_than_three_hundred_entries_is_an_error() {
        let clients: String = (0..320).map(|i| format!("198.51.{}.{} ", i / 100, (i % 100) * 2)).collect();
        let r =
            evaluate(&inputs(&[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", clients.as_str())]), Locale::Zh);
        assert!(!r.complete);
        assert!(has_msg(&r, "clients", Severity::Error, "300"), "{:?}", r.messages);
    }
}
