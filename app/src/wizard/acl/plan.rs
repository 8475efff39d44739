//! The plan: the sections of the report that say what to do — the allow-list as a table,
//! the same list as the `AclEntrys` JSON of the SLB API, the `aliyun slb` commands that write
//! it (at most 50 entries a call) and check it, and the symptoms of a wrong ACL.

use super::allow_list::Entry;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Block, Section};

/// `AddAccessControlListEntry` takes at most this many entries per call.
const MAX_PER_CALL: usize = 50;

/// What the commands change in the ACL, as `(entry, comment)` pairs.
pub(super) struct Changes {
    /// The entries to add to the IPv4 ACL.
    pub(super) add_v4: Vec<(String, String)>,
    /// The entries to add to the IPv6 ACL.
    pub(super) add_v6: Vec<(String, String)>,
    /// The entries the user may remove: too wide, or explained by no input.
    pub(super) remove: Vec<(String, String)>,
}

/// One item of the `AclEntrys` parameter, its keys in the order the SLB documents use.
#[derive(serde::Serialize)]
struct AclEntryParam<'a> {
    entry: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    comment: &'a str,
}

/// The `AclEntrys` parameter on one line, as `aliyun slb` takes it.
fn acl_json_compact(entries: &[(String, String)]) -> String {
    let items: Vec<AclEntryParam> = entries.iter().map(|(e, c)| AclEntryParam { entry: e, comment: c }).collect();
    serde_json::to_string(&items).unwrap_or_default()
}

/// The same entries one per line, for reading and for the console's form.
fn acl_json_pretty(entries: &[(String, String)]) -> String {
    let quoted = |s: &String| serde_json::Value::from(s.as_str()).to_string();
    let items: Vec<String> =
        entries.iter().map(|(e, c)| format!("  {{\"entry\": {}, \"comment\": {}}}", quoted(e), quoted(c))).collect();
    format!("[\n{}\n]", items.join(",\n"))
}

fn commands(action: &str, region: &str, acl: &str, entries: &[(String, String)]) -> String {
    entries
        .chunks(MAX_PER_CALL)
        .map(|chunk| {
            format!("aliyun slb {action} --RegionId {region} --AclId {acl} --AclEntrys '{}'", acl_json_compact(chunk))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The allow-list: who needs each entry, and the ACL comment written for it.
pub(super) fn allow_list_section(entries: &[Entry], has_v6: bool, l: Locale) -> Section {
    let mut blocks = vec![Block::Text {
        text: tr!(l, "acl.plan-allow-list-intro")
        .to_owned(),
    }];
    blocks.push(Block::Table {
        headers: vec![
            tr!(l, "acl.plan-column-cidr").to_owned(),
            tr!(l, "acl.plan-column-who").to_owned(),
            tr!(l, "acl.plan-column-comment").to_owned(),
        ],
        rows: entries.iter().map(|e| vec![e.net.to_string(), e.reasons.reasons(l), e.reasons.comment()]).collect(),
    });
    blocks.push(Block::Text {
        text: tr!(l, "acl.plan-allow-list-not-blacklist")
        .to_owned(),
    });
    if has_v6 {
        blocks.push(Block::Text {
            text: tr!(l, "acl.plan-one-ip-version")
            .to_owned(),
        });
    }
    Section {
        title: tr!(l, "acl.plan-allow-list-title").to_owned(), blocks
    }
}

/// The same list as the JSON of the `AclEntrys` parameter, one block per IP version.
pub(super) fn json_section(
    v4_pairs: &[(String, String)],
    v6_pairs: &[(String, String)],
    acl_id: Option<&str>,
    l: Locale,
) -> Section {
    let acl_s = acl_id.unwrap_or("<ACL_ID>");
    let mut blocks = vec![Block::Text {
        text: tr!(l, "acl.plan-json-intro")
        .to_owned(),
    }];
    if !v4_pairs.is_empty() {
        if !v6_pairs.is_empty() {
            blocks.push(Block::Text { text: "IPv4 ACL (<ACL_ID>)".replace("<ACL_ID>", acl_s) });
        }
        blocks.push(Block::Command { lang: "json".to_owned(), code: acl_json_pretty(&v4_pairs) });
    }
    if !v6_pairs.is_empty() {
        blocks.push(Block::Text { text: "IPv6 ACL (<IPV6_ACL_ID>)".to_owned() });
        blocks.push(Block::Command { lang: "json".to_owned(), code: acl_json_pretty(&v6_pairs) });
    }
    Section {
        title: tr!(l, "acl.plan-json-title")
        .to_owned(),
        blocks,
    }
}

/// The steps and `aliyun slb` commands that write the changes and check the result.
/// `audited`: the current ACL was pasted, so the changes are what it lacks.
pub(super) fn apply_section(
    region: Option<&str>,
    acl_id: Option<&str>,
    audited: bool,
    changes: &Changes,
    l: Locale,
) -> Section {
    let region_s = region.unwrap_or("<REGION_ID>");
    let acl_s = acl_id.unwrap_or("<ACL_ID>");
    let mut blocks = Vec::new();
    let nothing_to_add = changes.add_v4.is_empty() && changes.add_v6.is_empty();
    let mut steps: Vec<String> = Vec::new();
    if !audited {
        steps.push(tr!(l, "acl.plan-apply-step-describe")
        .to_owned());
    }
    if !nothing_to_add {
        steps.push(
            tr!(l, "acl.plan-apply-step-add")
            .to_owned(),
        );
    }
    steps.push(
        tr!(l, "acl.plan-apply-step-verify")
        .to_owned(),
    );
    if !changes.remove.is_empty() {
        steps.push(tr!(l, "acl.plan-apply-step-remove")
        .to_owned());
    }
    blocks.push(Block::List { ordered: true, items: steps });

    if nothing_to_add {
        blocks.push(Block::Text {
            text: tr!(l, "acl.plan-apply-nothing-to-add")
            .to_owned(),
        });
    } else {
        let text = if audited {
            tr!(l, "acl.plan-apply-commands-add-missing")
        } else {
            tr!(l, "acl.plan-apply-commands-write-all")
        };
        blocks.push(Block::Text { text: text.to_owned() });
        let mut code = Vec::new();
        if !changes.add_v4.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, acl_s, &changes.add_v4));
        }
        if !changes.add_v6.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, "<IPV6_ACL_ID>", &changes.add_v6));
        }
        blocks.push(Block::Command { lang: "bash".to_owned(), code: code.join("\n") });
    }
    if region.is_none() || acl_id.is_none() {
        blocks.push(Block::Text {
            text: tr!(l, "acl.plan-apply-placeholders")
            .to_owned(),
        });
    }
    blocks.push(Block::Check {
        text: tr!(l, "acl.plan-check-entries")
        .to_owned(),
        lang: "bash".to_owned(),
        code: format!("aliyun slb DescribeAccessControlListAttribute --RegionId {region_s} --AclId {acl_s} --PageSize 50 --Page 1"),
    });
    blocks.push(Block::Check {
        text: tr!(l, "acl.plan-check-listener")
        .to_owned(),
        lang: "bash".to_owned(),
        code: format!("aliyun slb DescribeLoadBalancerTCPListenerAttribute --RegionId {region_s} --LoadBalancerId <SLB_ID> --ListenerPort 6443"),
    });
    if !changes.remove.is_empty() {
        blocks.push(Block::Text {
            text: tr!(l, "acl.plan-remove-optional")
            .to_owned(),
        });
        blocks.push(Block::Command {
            lang: "bash".to_owned(),
            code: commands("RemoveAccessControlListEntry", region_s, acl_s, &changes.remove),
        });
    }
    blocks.push(Block::Entry {
        id: "reuse-apiserver-clb".to_owned(),
        text: tr!(l, "acl.plan-entry-reuse-clb")
        .to_owned(),
    });
    Section {
        title: tr!(l, "acl.plan-apply-title")
        .to_owned(),
        blocks,
    }
}

/// What a wrong ACL looks like, with links to the entries that explain each symptom.
pub(super) fn symptoms_section(l: Locale) -> Section {
    Section {
        title: tr!(l, "acl.plan-symptoms-title").to_owned(),
        blocks: vec![
            Block::Text {
                text: tr!(l, "acl.plan-symptoms-intro")
                .to_owned(),
            },
            Block::Entry {
                id: "console-access-error".to_owned(),
                text: tr!(l, "acl.plan-symptom-console")
                .to_owned(),
            },
            Block::Entry {
                id: "troubleshoot-cluster".to_owned(),
                text: tr!(l, "acl.plan-symptom-nodes")
                .to_owned(),
            },
            Block::Entry {
                id: "kubectl-timeout".to_owned(),
                text: tr!(l, "acl.plan-symptom-kubectl")
                .to_owned(),
            },
            Block::Text {
                text: tr!(l, "acl.plan-symptoms-other-causes")
                .to_owned(),
            },
            Block::Entry {
                id: "apiserver-slb-acl-cidrs".to_owned(),
                text: tr!(l, "acl.plan-entry-acl-cidrs")
                .to_owned(),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::testutil::{cidrs, codes, run, with};
    use crate::wizard::acl::ENTRIES;

    #[test]
    fn json_block_is_the_aclentrys_array() {
        let r = run(&with(&[("clients", "203.0.113.7\n198.51.100.0/24")]));
        let json = codes(&r, "json");
        assert_eq!(json.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&json[0]).expect("valid JSON");
        let arr = v.as_array().expect("array");
        assert_eq!(arr[0]["entry"], "100.104.0.0/16");
        assert_eq!(arr[0]["comment"], "ack-control-plane");
        assert!(arr.iter().all(|e| e["entry"].is_string() && e["comment"].is_string()));
        assert_eq!(arr.len(), cidrs(&r).len());
    }

    #[test]
    fn commands_use_region_and_acl_or_placeholders() {
        let r = run(&with(&[]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("aliyun slb AddAccessControlListEntry --RegionId <REGION_ID> --AclId <ACL_ID> --AclEntrys '[{\"entry\":\"100.104.0.0/16\""));
        let r = run(&with(&[("region", "cn-hangzhou"), ("acl_id", "acl-bp1l0kk4gxce43kzet04s")]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("--RegionId cn-hangzhou --AclId acl-bp1l0kk4gxce43kzet04s"));
        assert!(!bash.contains("<REGION_ID>") && !bash.contains("<ACL_ID>"));
        let checks: Vec<&String> = r
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Check { code, .. } => Some(code),
                _ => None,
            })
            .collect();
        assert!(checks.iter().any(|c| c.contains("DescribeAccessControlListAttribute --RegionId cn-hangzhou")));
        assert!(checks.iter().any(|c| c.contains("--ListenerPort 6443")));
    }

    #[test]
    fn more_than_fifty_entries_are_split_into_several_calls() {
        let clients: String = (1..=60).map(|i| format!("198.51.100.{}\n", i * 2)).collect();
        let r = run(&with(&[("clients", clients.as_str())]));
        assert!(r.complete, "{:?}", r.messages);
        assert_eq!(cidrs(&r).len(), 62);
        let bash = codes(&r, "bash").join("\n");
        let calls: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(calls.len(), 2);
        let count = |line: &str| line.matches("\"entry\"").count();
        assert_eq!(count(calls[0]), 50);
        assert_eq!(count(calls[1]), 12);
    }

    #[test]
    fn ipv6_entries_go_to_a_separate_acl() {
        let r = run(&with(&[("clients", "203.0.113.7\n2408:4000::/32")]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("--AclId <IPV6_ACL_ID> --AclEntrys '[{\"entry\":\"2408:4000::/32\""), "{bash}");
        assert!(!bash.lines().any(|l| l.contains("<ACL_ID>") && l.contains("2408:")));
        assert_eq!(codes(&r, "json").len(), 2);
    }

    #[test]
    fn symptoms_link_existing_entries() {
        let r = run(&with(&[]));
        let ids: Vec<&str> = r
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Entry { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        for want in ["console-access-error", "kubectl-timeout", "troubleshoot-cluster", "apiserver-slb-acl-cidrs"] {
            assert!(ids.contains(&want), "{want}");
        }
        for id in ids {
            assert!(ENTRIES.contains(&id), "{id} not in ENTRIES");
        }
    }

    #[test]
    fn json_written_for_the_cli_escapes_what_it_carries() {
        let entries = [
            ("10.0.0.0/8".to_owned(), "vpc".to_owned()),
            ("1.2.3.4".to_owned(), String::new()),
            ("::1".to_owned(), "a \"b\"".to_owned()),
        ];
        assert_eq!(
            acl_json_compact(&entries),
            r#"[{"entry":"10.0.0.0/8","comment":"vpc"},{"entry":"1.2.3.4"},{"entry":"::1","comment":"a \"b\""}]"#
        );
        let pretty: serde_json::Value = serde_json::from_str(&acl_json_pretty(&entries)).unwrap();
        assert_eq!(pretty[2]["comment"], "a \"b\"");
        assert!(acl_json_pretty(&entries).starts_with("[\n  {\"entry\": \"10.0.0.0/8\", \"comment\": \"vpc\"},\n"));
    }
}
