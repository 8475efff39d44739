//! The API server SLB access control list (ACL) wizard.
//!
//! From the cluster type and the networks that talk to the API server it builds the allow-list
//! that the ACL of the API server SLB must hold: always `100.104.0.0/16` (the ACK control
//! plane), the VPC or vSwitch CIDRs of the nodes, the egress CIDRs of the clients, and for ACK
//! Edge the edge nodes' egress CIDRs, for ACK Lingjun the Lingjun VPD CIDR. Every entry is
//! validated and normalized, duplicates and ranges covered by another are merged (each
//! surviving entry keeps who needs it), and the list is given as a table, as the `AclEntrys`
//! JSON of the SLB API and as `aliyun slb AddAccessControlListEntry` commands (50 entries per
//! call). When the current ACL is pasted, it is audited: every required range it does not
//! allow is a lock-out risk, named by who gets locked out.
//!
//! Pure: no I/O. All CIDR math goes through `ipnet`.
//!
//! One job per file. `evaluate`, below, runs them in this order: `input` reads the typed
//! fields (`address`: one address or CIDR block; `current`: the pasted ACL), `allow_list`
//! merges the ranges into the entries of the ACL, each keeping who needs it, `audit` checks
//! the pasted ACL against them, `plan` writes the sections (the list, its JSON, the commands,
//! the symptoms), and `audit` gives the verdict. `form` holds the steps and the words of the
//! fields, `messages` the field messages, capped per field.

mod address;
mod allow_list;
mod audit;
mod current;
mod form;
mod input;
mod messages;
mod plan;
#[cfg(test)]
mod testutil;

pub use form::{applies, field_text, intro, option_text, step_title, title, STEPS};

use super::{missing_required, Inputs, Report, Severity, WizardId};
use crate::locale::Locale;
use allow_list::Entry;
use messages::Log;
use plan::Changes;

pub const ENTRIES: &[&str] = &[
    "apiserver-slb-acl-cidrs",
    "console-access-error",
    "kubectl-timeout",
    "troubleshoot-cluster",
    "slb-unreachable",
    "reuse-apiserver-clb",
];

/// The CIDR block of the ACK control plane: always allowed.
pub const CONTROL_PLANE: &str = "100.104.0.0/16";
/// An SLB ACL holds at most this many entries.
const MAX_PER_ACL: usize = 300;

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut log = Log::new();
    for m in missing_required(WizardId::Acl, inputs, l) {
        log.messages.push(m);
    }
    let input::Read { items, current, region, acl_id } = input::read(inputs, l, &mut log);
    if log.has_errors() {
        return Report::incomplete(log.finish(l));
    }

    let entries = allow_list::merge(&items, l, &mut log);
    let v4: Vec<&Entry> = entries.iter().filter(|e| e.net.addr().is_ipv4()).collect();
    let v6: Vec<&Entry> = entries.iter().filter(|e| e.net.addr().is_ipv6()).collect();
    allow_list::check_acl_size(&v4, &v6, l, &mut log);
    if log.has_errors() {
        return Report::incomplete(log.finish(l));
    }

    // --- The allow-list, then the same list as JSON.
    let pairs = |list: &[&Entry]| -> Vec<(String, String)> {
        list.iter().map(|e| (e.net.to_string(), e.reasons.comment())).collect()
    };
    let v4_pairs = pairs(&v4);
    let v6_pairs = pairs(&v6);
    let mut sections = vec![
        plan::allow_list_section(&entries, !v6.is_empty(), l),
        plan::json_section(&v4_pairs, &v6_pairs, acl_id, l),
    ];

    // --- Audit (shown after the commands): it narrows what the commands add.
    let caution = log.messages.iter().any(|m| m.severity == Severity::Warning);
    let mut changes = Changes { add_v4: v4_pairs, add_v6: v6_pairs, remove: Vec::new() };
    let audit = match &current {
        Some(cur) => audit::audit(cur, &items, &entries, &mut changes, l),
        None => audit::Audit::default(),
    };
    let caution = caution || audit.caution;
    let audited = current.is_some();

    // --- Commands, the audit, symptoms.
    sections.push(plan::apply_section(region, acl_id, audited, &changes, l));
    sections.extend(audit.section);
    sections.push(plan::symptoms_section(l));

    // --- Verdict.
    let messages = log.finish(l);
    let warnings: Vec<String> =
        messages.iter().filter(|m| m.severity == Severity::Warning).map(|m| m.message.clone()).collect();
    let verdict = audit::verdict(&audit.lockouts, audit.details, warnings, caution, audited, entries.len(), l);

    Report { messages, complete: true, verdict: Some(verdict), sections }
}

#[cfg(test)]
mod tests {
    use super::allow_list::Source;
    use super::testutil::{cidrs, has_msg, inputs, level, run, with};
    use super::*;
    use crate::wizard::{Block, Level};

    /// How a case is expected to come out.
    enum Expect {
        /// Complete, with this level, and these CIDRs in the allow-list (in order).
        Plan(Level, &'static [&'static str]),
        /// Complete with this level; the allow-list contains these CIDRs.
        Contains(Level, &'static [&'static str]),
        /// Incomplete, with an error on this field that contains this text.
        Error(&'static str, &'static str),
        /// A message of this severity on this field, containing this text (complete or not).
        Message(&'static str, Severity, &'static str),
        /// Complete and Blocked; the headline names these sources (their `who` in zh).
        Lockout(&'static [&'static str]),
    }

    /// A case: its name, its inputs, what it gives.
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Expect);

    #[test]
    fn cases() {
        use Expect::*;
        use Severity::{Info as I, Warning as W};
        let json_acl = r#"[{"entry":"100.104.0.0/16","comment":"ack"},{"entry":"192.168.0.0/16","comment":"vpc"},{"entry":"203.0.113.7/32","comment":"office"}]"#;
        let describe = r#"{"AclId":"acl-bp1l0kk4gxce43kzet04s","AddressIPVersion":"ipv4","AclEntrys":{"AclEntry":[{"AclEntryIP":"100.104.0.0/16","AclEntryComment":"ack"},{"AclEntryIP":"192.168.0.0/16","AclEntryComment":"vpc"}]},"RequestId":"X"}"#;
        let prompted = format!(
            "$ aliyun slb DescribeAccessControlListAttribute --RegionId cn-hangzhou --AclId acl-bp1l0kk4gxce43kzet04s\n{describe}"
        );
        let cases: Vec<Case> = vec![
            (
                "control plane range is always first",
                with(&[]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "a bare IPv4 address is a /32",
                with(&[("clients", "198.51.100.7")]),
                Contains(Level::Ok, &["198.51.100.7/32"]),
            ),
            (
                "a bare IPv6 address is a /128",
                with(&[("clients", "2408:4000::1")]),
                Contains(Level::Ok, &["2408:4000::1/128"]),
            ),
            ("an IPv6 block is kept", with(&[("clients", "2408:4000::/32")]), Contains(Level::Ok, &["2408:4000::/32"])),
            (
                "host bits are cleared",
                with(&[("vpc", "192.168.1.5/16")]),
                Contains(Level::Caution, &["192.168.0.0/16"]),
            ),
            (
                "host bits are a warning quoting the token",
                with(&[("vpc", "192.168.1.5/16")]),
                Message("vpc", W, "192.168.1.5/16"),
            ),
            (
                "IPv6 host bits are cleared",
                with(&[("clients", "2408:4000::1/64")]),
                Contains(Level::Caution, &["2408:4000::/64"]),
            ),
            ("0.0.0.0/0 is a warning", with(&[("clients", "0.0.0.0/0")]), Message("clients", W, "0.0.0.0/0")),
            (
                "0.0.0.0/0 gives a caution and covers everything",
                with(&[("clients", "0.0.0.0/0")]),
                Plan(Level::Caution, &["0.0.0.0/0"]),
            ),
            ("::/0 is a warning", with(&[("clients", "::/0")]), Message("clients", W, "::/0")),
            ("a /6 is overly broad", with(&[("clients", "8.0.0.0/6")]), Message("clients", W, "/8")),
            (
                "a /8 is not overly broad",
                with(&[("vpc", "10.0.0.0/8")]),
                Plan(Level::Ok, &["10.0.0.0/8", "100.104.0.0/16", "203.0.113.7/32"]),
            ),
            ("an IPv6 /20 is overly broad", with(&[("clients", "2400::/20")]), Message("clients", W, "/32")),
            (
                "duplicates in one field are merged",
                with(&[("vpc", "192.168.0.0/16\n192.168.0.0/16")]),
                Message("vpc", I, "192.168.0.0/16"),
            ),
            (
                "duplicates in one field leave one row",
                with(&[("vpc", "192.168.0.0/16, 192.168.0.0/16")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "a range covered by another is merged",
                with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]),
                Plan(Level::Ok, &["10.0.0.0/8", "100.104.0.0/16"]),
            ),
            (
                "the merge is said on the covered range's field",
                with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]),
                Message("clients", I, "10.0.0.0/8"),
            ),
            (
                "a duplicate across fields is merged",
                with(&[("clients", "192.168.0.0/16")]),
                Message("clients", I, "192.168.0.0/16"),
            ),
            (
                "the control plane range typed again is merged",
                with(&[("clients", "100.104.0.0/16\n203.0.113.7")]),
                Message("clients", I, "100.104.0.0/16"),
            ),
            (
                "a range covering the control plane absorbs it",
                with(&[("clients", "100.64.0.0/10")]),
                Plan(Level::Ok, &["100.64.0.0/10", "192.168.0.0/16"]),
            ),
            (
                "adjacent halves are combined",
                with(&[("clients", "203.0.113.0/25 203.0.113.128/25")]),
                Contains(Level::Ok, &["203.0.113.0/24"]),
            ),
            ("edge requires edge_egress", with(&[("kind", "edge")]), Error("edge_egress", "请填写")),
            (
                "edge adds the edge egress",
                with(&[("kind", "edge"), ("edge_egress", "198.51.100.0/24")]),
                Contains(Level::Ok, &["198.51.100.0/24"]),
            ),
            (
                "edge_egress is ignored for ack",
                with(&[("edge_egress", "garbage")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            ("lingjun requires lingjun_vpd", with(&[("kind", "lingjun")]), Error("lingjun_vpd", "请填写")),
            (
                "lingjun adds the VPD",
                with(&[("kind", "lingjun"), ("lingjun_vpd", "10.10.0.0/16")]),
                Contains(Level::Ok, &["10.10.0.0/16"]),
            ),
            (
                "lingjun_vpd is ignored for edge",
                with(&[("kind", "edge"), ("edge_egress", "198.51.100.0/24"), ("lingjun_vpd", "x")]),
                Contains(Level::Ok, &["198.51.100.0/24"]),
            ),
            ("vpc is required", vec![("kind", "ack"), ("clients", "1.2.3.4")], Error("vpc", "请填写")),
            ("clients are required", vec![("kind", "ack"), ("vpc", "10.0.0.0/8")], Error("clients", "请填写")),
            ("kind is required", vec![("vpc", "10.0.0.0/8"), ("clients", "1.2.3.4")], Error("kind", "请填写")),
            ("an unknown kind is an error", with(&[("kind", "gke")]), Error("kind", "gke")),
            ("garbage is an error quoting the token", with(&[("vpc", "192.168.0.0/16 hello")]), Error("vpc", "hello")),
            ("an IPv4 prefix over 32 is an error", with(&[("vpc", "10.0.0.0/33")]), Error("vpc", "/32")),
            ("an IPv6 prefix over 128 is an error", with(&[("clients", "::1/129")]), Error("clients", "/128")),
            ("an octet over 255 is an error", with(&[("clients", "300.1.1.1")]), Error("clients", "300.1.1.1")),
            ("a prefix without digits is an error", with(&[("clients", "10.0.0.0/")]), Error("clients", "10.0.0.0/")),
            (
                "a field with only a comment is an error",
                with(&[("clients", "# office")]),
                Error("clients", "192.168.0.0/16"),
            ),
            ("a region id is checked", with(&[("region", "Hangzhou")]), Error("region", "cn-hangzhou")),
            ("an acl id is checked", with(&[("acl_id", "bp1l0kk4gxce43kzet04s")]), Error("acl_id", "acl-")),
            ("a masked acl id is an error", with(&[("acl_id", "acl-bp1l0k****")]), Error("acl_id", "acl-bp1l0k****")),
            (
                "audit: missing control plane locks out the control plane",
                with(&[("current", "192.168.0.0/16\n203.0.113.7")]),
                Lockout(&["ACK 控制面"]),
            ),
            (
                "audit: missing VPC locks out the nodes",
                with(&[("current", "100.104.0.0/16\n203.0.113.7")]),
                Lockout(&["集群节点"]),
            ),
            (
                "audit: missing client locks out the clients",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/16")]),
                Lockout(&["客户端"]),
            ),
            (
                "audit: missing edge egress locks out the edge nodes",
                with(&[
                    ("kind", "edge"),
                    ("edge_egress", "198.51.100.0/24"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Lockout(&["边缘节点"]),
            ),
            (
                "audit: missing VPD locks out the Lingjun nodes",
                with(&[
                    ("kind", "lingjun"),
                    ("lingjun_vpd", "10.10.0.0/16"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Lockout(&["灵骏节点"]),
            ),
            (
                "audit: partial coverage is a lock-out",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/24\n203.0.113.7")]),
                Lockout(&["集群节点"]),
            ),
            (
                "audit: several missing at once",
                with(&[("current", "203.0.113.7")]),
                Lockout(&["ACK 控制面", "集群节点"]),
            ),
            (
                "audit: everything allowed is Ok",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "audit: coverage by wider entries is enough",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/15\n203.0.113.0/24")]),
                Contains(Level::Ok, &["192.168.0.0/16"]),
            ),
            (
                "audit: coverage by several entries together is enough",
                with(&[("current", "100.104.0.0/17\n100.104.128.0/17\n192.168.0.0/16\n203.0.113.7")]),
                Contains(Level::Ok, &["100.104.0.0/16"]),
            ),
            (
                "audit: 0.0.0.0/0 in the ACL is a caution",
                with(&[("current", "0.0.0.0/0")]),
                Contains(Level::Caution, &["100.104.0.0/16"]),
            ),
            (
                "audit: a broad entry in the ACL is flagged",
                with(&[("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7\n64.0.0.0/3")]),
                Message("current", W, "64.0.0.0/3"),
            ),
            (
                "audit: extra columns are tolerated",
                with(&[(
                    "current",
                    "100.104.0.0/16\tack control plane\n192.168.0.0/16\tvpc\tDelete\n203.0.113.7, office",
                )]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "audit: a header line is skipped",
                with(&[("current", "IP/CIDR  Comment\n100.104.0.0/16 ack\n192.168.0.0/16\n203.0.113.7")]),
                Message("current", I, "IP/CIDR"),
            ),
            (
                "audit: pasted JSON is read",
                with(&[("current", json_acl)]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            ("audit: pasted JSON says how many entries", with(&[("current", json_acl)]), Message("current", I, "3")),
            (
                "audit: DescribeAccessControlListAttribute output is read",
                with(&[("current", describe)]),
                Lockout(&["客户端"]),
            ),
            (
                "audit: an address in a comment column stays a comment",
                with(&[("current", "100.104.0.0/16 ack\n192.168.0.0/16 vpc\n10.9.0.0/16 replaced 203.0.113.7")]),
                Lockout(&["客户端"]),
            ),
            ("audit: JSON after a shell prompt is read", with(&[("current", prompted.as_str())]), Lockout(&["客户端"])),
            (
                "audit: an IPv4 ACL leaves IPv6 ranges unaudited",
                with(&[
                    ("clients", "203.0.113.7\n2408:4000::/32"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32", "2408:4000::/32"]),
            ),
            (
                "audit: broken JSON is an error",
                with(&[("current", r#"[{"entry":"10.0.0.0/8""#)]),
                Error("current", "JSON"),
            ),
            (
                "audit: a bad JSON entry is an error",
                with(&[("current", r#"[{"entry":"10.0.0.0/40"}]"#)]),
                Error("current", "10.0.0.0/40"),
            ),
            ("audit: empty JSON is an error", with(&[("current", "[]")]), Error("current", "JSON")),
            (
                "audit: garbage line is an error with its line number",
                with(&[("current", "100.104.0.0/16\n10.0.0.300/8 vpc")]),
                Error("current", "第 2 行"),
            ),
        ];
        for (name, pairs, expect) in cases {
            let r = run(&pairs);
            match expect {
                Plan(lv, want) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    assert_eq!(level(&r), Some(lv), "{name}: {:?}", r.verdict);
                    assert_eq!(cidrs(&r), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{name}");
                }
                Contains(lv, want) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    assert_eq!(level(&r), Some(lv), "{name}: {:?}", r.verdict);
                    let got = cidrs(&r);
                    for w in want {
                        assert!(got.iter().any(|g| g == w), "{name}: {w} not in {got:?}");
                    }
                }
                Error(field, needle) => {
                    assert!(!r.complete, "{name}");
                    assert!(r.verdict.is_none() && r.sections.is_empty(), "{name}");
                    assert!(has_msg(&r, field, Severity::Error, needle), "{name}: {:?}", r.messages);
                }
                Message(field, sev, needle) => {
                    assert!(has_msg(&r, field, sev, needle), "{name}: {:?}", r.messages);
                }
                Lockout(who) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    let v = r.verdict.as_ref().expect("verdict");
                    assert_eq!(v.level, Level::Blocked, "{name}: {v:?}");
                    for s in Source::ALL {
                        let w = s.who(Locale::Zh);
                        assert_eq!(v.headline.contains(w), who.contains(&w), "{name}: {w} / {}", v.headline);
                    }
                }
            }
        }
    }

    #[test]
    fn entries_exist_in_the_knowledge_base() {
        let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo"))
            .join("../content/entries");
        for id in ENTRIES {
            for lang in Locale::ALL {
                let file = dir.join(id).join(format!("{}.md", lang.code()));
                assert!(file.is_file(), "{}", file.display());
            }
        }
    }

    #[test]
    fn messages_are_in_the_requested_locale() {
        let pairs = with(&[("vpc", "nonsense")]);
        let mut seen = Vec::new();
        for l in Locale::ALL {
            let r = evaluate(&inputs(&pairs), l);
            let m = r.for_field("vpc").find(|m| m.severity == Severity::Error).expect("error");
            assert!(m.message.contains("nonsense"));
            assert!(!seen.contains(&m.message), "{l:?} repeats another locale");
            seen.push(m.message.clone());
        }
    }

    #[test]
    fn every_report_text_is_filled_in_every_locale() {
        let pairs = with(&[
            ("kind", "edge"),
            ("edge_egress", "198.51.100.0/24"),
            ("clients", "203.0.113.7\n2408:4000::/32\n8.0.0.0/6"),
            ("current", "192.168.0.0/24\n0.0.0.0/0\n198.18.0.0/15 vpn"),
        ]);
        for l in Locale::ALL {
            let r = evaluate(&inputs(&pairs), l);
            assert!(r.complete);
            let v = r.verdict.as_ref().unwrap();
            let mut texts: Vec<&str> = vec![v.headline.as_str()];
            texts.extend(v.details.iter().map(String::as_str));
            texts.extend(r.messages.iter().map(|m| m.message.as_str()));
            for s in &r.sections {
                texts.push(&s.title);
                for b in &s.blocks {
                    match b {
                        Block::Text { text } | Block::Entry { text, .. } | Block::Check { text, .. } => {
                            texts.push(text)
                        }
                        Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
                        Block::Table { headers, rows } => {
                            texts.extend(headers.iter().map(String::as_str));
                            for row in rows {
                                assert_eq!(row.len(), headers.len());
                                texts.extend(row.iter().map(String::as_str));
                            }
                        }
                        _ => {}
                    }
                }
            }
            for s in texts {
                assert!(!s.trim().is_empty(), "{l:?}: empty text");
                for key in [
                    "{tok}", "{net}", "{who}", "{what}", "{n}", "{by}", "{limit}", "{cover}", "{other}", "{pos}",
                    "{fmt}", "{ver}",
                ] {
                    assert!(!s.contains(key), "{l:?}: unfilled {key} in {s}");
                }
            }
        }
    }

    #[test]
    fn never_panics_on_hostile_input() {
        let big_garbage = "x".repeat(100_000);
        let big_ips: String =
            (0..8000).map(|i| format!("10.{}.{}.{}\n", i / 65536 % 256, i / 256 % 256, i % 256)).collect();
        let deep_brackets = "[".repeat(100_000);
        let deep_objects = "{\"a\":".repeat(30_000);
        let long_line: String = "1".repeat(100_000);
        let mixed: String =
            "100.104.0.0/16 💥 ١٢٣.٤.٥.٦ \u{202e}10.0.0.0/8 \u{0} \u{feff}::/0 , ; | ，、；\r\n".repeat(1000);
        let hostile: Vec<&str> = vec![
            "",
            " ",
            "\n\n\n",
            "\0",
            "/",
            "//",
            "1.1.1.1/",
            "/24",
            "::/",
            "::/-1",
            "1.1.1.1/+8",
            "1.1.1.1/08",
            "1.1.1.1/0008",
            "999999999999999999999",
            "0.0.0.0/0",
            "::/0",
            "fe80::1%eth0",
            "[\"",
            "{\"entry\":",
            "\"\\u12",
            "\"\\ud800\"",
            "[{\"entry\":\"\\uzzzz\"}]",
            "💥💥💥",
            "１９２.１６８.０.０/１６",
            &big_garbage,
            &big_ips,
            &deep_brackets,
            &deep_objects,
            &long_line,
            &mixed,
        ];
        let fields = ["kind", "vpc", "clients", "edge_egress", "lingjun_vpd", "current", "region", "acl_id"];
        for l in Locale::ALL {
            for h in &hostile {
                for f in fields {
                    for kind in ["ack", "edge", "lingjun"] {
                        let mut i = inputs(&[
                            ("kind", kind),
                            ("vpc", "10.0.0.0/8"),
                            ("clients", "1.2.3.4"),
                            ("edge_egress", "1.2.3.0/24"),
                            ("lingjun_vpd", "10.1.0.0/16"),
                        ]);
                        i.insert(f.to_owned(), (*h).to_owned());
                        let r = evaluate(&i, l);
                        assert_eq!(r.complete, !r.has_errors());
                        assert_eq!(r.complete, r.verdict.is_some());
                        assert!(r.messages.len() < 200, "{f}: {} messages", r.messages.len());
                    }
                }
            }
            // Nothing at all.
            let r = evaluate(&Inputs::new(), l);
            assert!(!r.complete);
        }
    }
}
