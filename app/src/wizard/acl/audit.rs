//! The audit of a pasted ACL: each required range allowed, allowed only by a too wide entry,
//! partly allowed or missing (a lock-out, named by who gets locked out); the entries no input
//! explains; what the commands must still add. Then the verdict on the whole.

use super::address::{broad_limit, is_open};
use super::allow_list::{Entry, Item, Reasons};
use super::current::Current;
use super::messages::{clip, list_sep};
use super::plan::Changes;
use super::MAX_PER_ACL;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Block, Level, Section, Verdict};
use ipnet::IpNet;

/// Rows of the audit table before the rest are summed up.
const MAX_AUDIT_ROWS: usize = 300;

/// One required range, for the audit: exact duplicates merged, nothing else.
struct Need {
    net: IpNet,
    reasons: Reasons,
}

enum Coverage {
    /// Allowed by these entries of the current ACL (empty: by several together).
    Allowed(Vec<String>),
    /// Allowed only thanks to 0.0.0.0/0 or overly broad entries.
    BroadOnly(Vec<String>),
    /// Partly allowed, by these entries.
    Partial(Vec<String>),
    Missing,
}

fn first_three(v: impl Iterator<Item = String>, l: Locale) -> String {
    let all: Vec<String> = v.collect();
    let mut s = all.iter().take(3).cloned().collect::<Vec<_>>().join(list_sep(l));
    if all.len() > 3 {
        s.push_str(tr!(l, "acl.audit-and-more"));
    }
    s
}

/// What the audit found.
#[derive(Default)]
pub(super) struct Audit {
    /// The audit table and its notes, shown after the commands (`None`: no ACL was pasted).
    pub(super) section: Option<Section>,
    /// The required ranges the ACL does not allow: who needs each, and whether part of it is.
    pub(super) lockouts: Vec<(IpNet, Reasons, bool)>,
    /// Lines for the verdict.
    pub(super) details: Vec<String>,
    /// Something calls for a second look: an entry too wide, a range allowed only thanks to
    /// one, more entries than an ACL holds once the missing ones are added.
    pub(super) caution: bool,
}

/// Audits the pasted ACL against the required ranges. What the commands add shrinks to what
/// the ACL lacks; entries too wide or explained by no input are offered for removal.
pub(super) fn audit(cur: &[Current], items: &[Item], entries: &[Entry], changes: &mut Changes, l: Locale) -> Audit {
    let mut lockouts: Vec<(IpNet, Reasons, bool)> = Vec::new();
    let mut details: Vec<String> = Vec::new();
    let mut caution = false;

    let is_wide = |c: &Current| is_open(&c.net) || broad_limit(&c.net).is_some();
    let all: Vec<IpNet> = IpNet::aggregate(&cur.iter().map(|c| c.net).collect());
    let narrow: Vec<IpNet> = IpNet::aggregate(&cur.iter().filter(|c| !is_wide(c)).map(|c| c.net).collect());
    let covered = |set: &[IpNet], net: &IpNet| set.iter().any(|c| c.contains(net));

    // Each required range, exact duplicates merged.
    let mut needs: Vec<Need> = Vec::new();
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|i| (i.net, i.source as u8));
    for i in sorted {
        match needs.last_mut() {
            Some(n) if n.net == i.net => n.reasons.add(Reasons::of(i.source)),
            _ => needs.push(Need { net: i.net, reasons: Reasons::of(i.source) }),
        }
    }

    // A version the pasted ACL has no entry of lives in another ACL: not audited here.
    let has_v4 = cur.iter().any(|c| c.net.addr().is_ipv4());
    let has_v6 = cur.iter().any(|c| c.net.addr().is_ipv6());
    let audits = |n: &IpNet| if n.addr().is_ipv4() { has_v4 } else { has_v6 };
    let unaudited: Vec<&str> = [("IPv4", has_v4), ("IPv6", has_v6)]
        .into_iter()
        .filter(|(v, has)| !has && needs.iter().any(|n| n.net.addr().is_ipv4() == (*v == "IPv4")))
        .map(|(v, _)| v)
        .collect();
    needs.retain(|n| audits(&n.net));

    let mut rows: Vec<Vec<String>> = Vec::new();
    for need in &needs {
        let containers = || cur.iter().filter(|c| c.net.contains(&need.net)).map(|c| c.raw.clone());
        let coverage = if covered(&narrow, &need.net) {
            Coverage::Allowed(containers().collect())
        } else if covered(&all, &need.net) {
            Coverage::BroadOnly(containers().collect())
        } else {
            let parts: Vec<String> = cur.iter().filter(|c| need.net.contains(&c.net)).map(|c| c.raw.clone()).collect();
            if parts.is_empty() {
                Coverage::Missing
            } else {
                Coverage::Partial(parts)
            }
        };
        let consequences = || need.reasons.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
        let finding = match &coverage {
            Coverage::Allowed(by) if by.is_empty() => tr!(l, "acl.audit-allowed-together").to_owned(),
            Coverage::Allowed(by) => tr!(l, "acl.audit-allowed-by", by = first_three(by.iter().cloned(), l)),
            Coverage::BroadOnly(by) => tr!(l, "acl.audit-allowed-only-broad", by = first_three(by.iter().cloned(), l)),
            Coverage::Partial(by) => tr!(l, "acl.audit-partly-allowed", by = first_three(by.iter().cloned(), l), what = consequences()),
            Coverage::Missing => tr!(l, "acl.audit-not-allowed", what = consequences()),
        };
        match coverage {
            Coverage::Partial(_) => lockouts.push((need.net, need.reasons, true)),
            Coverage::Missing => lockouts.push((need.net, need.reasons, false)),
            Coverage::BroadOnly(_) => {
                caution = true;
                details.push(tr!(l, "acl.audit-detail-only-broad", net = need.net, who = need.reasons.who(l)));
            }
            Coverage::Allowed(_) => {}
        }
        rows.push(vec![need.net.to_string(), need.reasons.who(l), finding]);
    }

    // The entries of the current ACL that are too wide or that no input explains.
    let mut unexplained = 0usize;
    for c in cur {
        let explained = needs.iter().any(|n| n.net.contains(&c.net) || c.net.contains(&n.net));
        let required_itself = entries.iter().any(|e| e.net == c.net) || needs.iter().any(|n| n.net == c.net);
        let finding = if is_open(&c.net) {
            caution = true;
            Some(
                tr!(l, "acl.audit-entry-allows-everything")
                .to_owned(),
            )
        } else if let Some(limit) = broad_limit(&c.net) {
            caution = true;
            Some(tr!(l, "acl.audit-entry-too-broad", limit))
        } else if !explained {
            unexplained += 1;
            Some(tr!(l, "acl.audit-entry-unexplained")
            .to_owned())
        } else {
            None
        };
        if let Some(f) = finding {
            if !required_itself {
                changes.remove.push((c.raw.clone(), String::new()));
            }
            let comment = if c.comment.is_empty() { "—".to_owned() } else { clip(&c.comment) };
            rows.push(vec![c.raw.clone(), comment, f]);
        }
    }
    if unexplained > 0 {
        details.push(tr!(l, "acl.audit-detail-unexplained", n = unexplained));
    }

    // What to add: what the ACL lacks, counting ranges allowed only by wide entries as
    // lacking, and never an entry that is already there (AclEntryExists).
    let lacks = |(e, _): &(String, String)| -> bool {
        let net: IpNet = match e.parse() {
            Ok(n) => n,
            Err(_) => return true,
        };
        !cur.iter().any(|c| c.net == net) && !covered(&narrow, &net)
    };
    if has_v4 {
        changes.add_v4.retain(|p| lacks(p));
    }
    if has_v6 {
        changes.add_v6.retain(|p| lacks(p));
    }
    let total = (cur.iter().filter(|c| c.net.addr().is_ipv4()).count() + changes.add_v4.len())
        .max(cur.iter().filter(|c| c.net.addr().is_ipv6()).count() + changes.add_v6.len());
    if total > MAX_PER_ACL {
        caution = true;
        details.push(tr!(l, "acl.audit-detail-over-limit", n = total));
    }

    let mut blocks = Vec::new();
    let shown = rows.len().min(MAX_AUDIT_ROWS);
    let hidden = rows.len() - shown;
    rows.truncate(shown);
    blocks.push(Block::Table {
        headers: vec![
            tr!(l, "acl.audit-column-cidr").to_owned(),
            tr!(l, "acl.audit-column-who-or-comment")
                .to_owned(),
            tr!(l, "acl.audit-column-finding").to_owned(),
        ],
        rows,
    });
    for version in unaudited {
        blocks.push(Block::Text {
            text: tr!(l, "acl.audit-version-not-audited", ver = version),
        });
    }
    if hidden > 0 {
        blocks.push(Block::Text {
            text: tr!(l, "acl.audit-rows-hidden", n = hidden),
        });
    }
    let section = Section {
        title: tr!(l, "acl.audit-title")
            .to_owned(),
        blocks,
    };
    Audit { section: Some(section), lockouts, details, caution }
}

// ---------------------------------------------------------------------------------------------
// Verdict

/// The verdict: Blocked when the pasted ACL locks someone out, Caution when something calls
/// for a second look, else Ok. `n_entries`: the entries of the allow-list.
pub(super) fn verdict(
    lockouts: &[(IpNet, Reasons, bool)],
    details: Vec<String>,
    warnings: Vec<String>,
    caution: bool,
    audited: bool,
    n_entries: usize,
    l: Locale,
) -> Verdict {
    if !lockouts.is_empty() {
        let mut who = Reasons::default();
        for (_, r, _) in lockouts {
            who.add(*r);
        }
        let mut d: Vec<String> = lockouts
            .iter()
            .map(|(net, r, partial)| {
                let what = r.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
                let who = r.who(l);
                if *partial {
                    tr!(l, "acl.verdict-lockout-partial", net, who, what)
                } else {
                    tr!(l, "acl.verdict-lockout-missing", net, who, what)
                }
            })
            .collect();
        d.extend(details);
        d.extend(warnings);
        Verdict {
            level: Level::Blocked,
            headline: tr!(l, "acl.verdict-would-block", who = who.who(l)),
            details: d,
        }
    } else if caution {
        let headline = if audited {
            tr!(l, "acl.verdict-audited-caution")
            .to_owned()
        } else {
            tr!(l, "acl.verdict-list-caution", n = n_entries)
        };
        let mut d = details;
        d.extend(warnings);
        Verdict { level: Level::Caution, headline, details: d }
    } else {
        let headline = if audited {
            tr!(l, "acl.verdict-audited-ok")
            .to_owned()
        } else {
            tr!(l, "acl.verdict-list-ok", n = n_entries)
        };
        Verdict { level: Level::Ok, headline, details }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::acl::testutil::{codes, level, run, section, with};
    use crate::wizard::{Block, Level};

    #[test]
    fn lockout_details_name_the_consequence() {
        let cases: &[(&str, &str)] = &[
            ("192.168.0.0/16\n203.0.113.7", "控制台查看集群信息失败"),
            ("100.104.0.0/16\n203.0.113.7", "NotReady"),
            ("100.104.0.0/16\n192.168.0.0/16", "超时"),
        ];
        for (current, needle) in cases {
            let r = run(&with(&[("current", current)]));
            let v = r.verdict.expect("verdict");
            assert!(v.details.iter().any(|d| d.contains(needle)), "{current}: {:?}", v.details);
        }
    }

    #[test]
    fn audit_of_an_ipv4_acl_adds_every_ipv6_range() {
        let r = run(&with(&[
            ("clients", "203.0.113.7\n2408:4000::/32"),
            ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
        ]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1, "{bash}");
        assert!(add[0].contains("<IPV6_ACL_ID>") && add[0].contains("2408:4000::/32"));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        assert!(audit.blocks.iter().any(|b| matches!(b, Block::Text { text } if text.contains("IPv6 网段没有核对"))));
    }

    #[test]
    fn audit_adds_only_what_is_missing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n203.0.113.7")]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1);
        assert!(
            add[0].contains("192.168.0.0/16") && !add[0].contains("100.104.0.0/16") && !add[0].contains("203.0.113.7"),
            "{}",
            add[0]
        );
    }

    #[test]
    fn audit_with_nothing_missing_adds_nothing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7")]));
        assert!(!codes(&r, "bash").join("\n").contains("AddAccessControlListEntry"));
    }

    #[test]
    fn audit_lists_unexplained_entries_and_offers_their_removal() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7\n198.18.0.0/15 old-vpn")]));
        assert_eq!(level(&r), Some(Level::Ok));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        let rows = match &audit.blocks[0] {
            Block::Table { rows, .. } => rows.clone(),
            b => panic!("{b:?}"),
        };
        let row = rows.iter().find(|r| r[0] == "198.18.0.0/15").expect("row");
        assert_eq!(row[1], "old-vpn");
        assert!(row[2].contains("无法由你的输入解释"));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("RemoveAccessControlListEntry") && bash.contains("198.18.0.0/15"));
        assert!(r.verdict.unwrap().details.iter().any(|d| d.contains("1 个条目")));
    }

    #[test]
    fn audit_with_open_acl_adds_narrow_entries_before_removal() {
        let r = run(&with(&[("current", "0.0.0.0/0")]));
        assert_eq!(level(&r), Some(Level::Caution));
        let bash = codes(&r, "bash").join("\n");
        let add = bash.lines().find(|l| l.contains("AddAccessControlListEntry")).expect("add");
        for c in ["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"] {
            assert!(add.contains(c), "{add}");
        }
        let remove = bash.lines().find(|l| l.contains("RemoveAccessControlListEntry")).expect("remove");
        assert!(remove.contains("0.0.0.0/0"));
    }

    #[test]
    fn audit_never_offers_to_remove_a_required_entry() {
        let r = run(&with(&[("clients", "0.0.0.0/0"), ("current", "0.0.0.0/0")]));
        assert!(!codes(&r, "bash").join("\n").contains("RemoveAccessControlListEntry"));
    }
}
