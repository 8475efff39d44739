//! Container runtime migration (Docker → containerd), node pool by node pool.
//!
//! The user gives the cluster version, optionally the version to upgrade to, and the node
//! pools: typed as `<pool> <runtime>` lines and/or pasted as `kubectl get nodes -o wide`
//! output. The rules (facts of the knowledge base entries `runtime-comparison`,
//! `change-container-runtime` and `cluster-upgrade-notes`):
//! - containerd is the recommended runtime;
//! - Docker is supported on clusters up to 1.22 and is no longer a built-in runtime from
//!   1.24; every Docker node must move to containerd before an upgrade to 1.24 or later;
//!   1.23 lies outside Docker's supported range without being the hard stop;
//! - Sandboxed-Container is supported on clusters up to 1.24;
//! - a cluster's runtime cannot be switched as a whole: node pools with another runtime
//!   are created instead, and pools may differ; on 1.24 or later node pools use containerd.
//!
//! One job per file: `form` holds the steps and the words of the fields; `version` and
//! `text` read versions and pasted text; `pool_list` and `node_paste` read the two pool
//! fields; `groups` joins them into the rows to judge; `rules` judges them; `plan` and
//! `migration` write the plan. `evaluate`, here, puts them together.

use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, missing_required, value, FieldMessage, Inputs, Report, Severity, WizardId};

mod form;
mod groups;
mod migration;
mod node_paste;
mod plan;
mod pool_list;
mod rules;
mod text;
mod version;

use groups::groups;
use node_paste::parse_nodes;
use plan::Plan;
use pool_list::parse_pools;
use rules::Goal;
use text::quote;
use version::{parse_version, Version};

pub use form::{applies, field_text, intro, option_text, step_title, title, STEPS};

pub const ENTRIES: &[&str] = &["change-container-runtime", "runtime-comparison", "cluster-upgrade-notes"];

/// The node pool label of ACK nodes.
const POOL_LABEL: &str = "alibabacloud.com/nodepool-id";

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut msgs = missing_required(WizardId::RuntimeMigration, inputs, l);

    let bad_version = |s: &str| {
        let q = quote(s);
        tr!(l, "runtime.version-invalid", q)
    };
    let version_of = |field: &str, msgs: &mut Vec<FieldMessage>| -> Option<Version> {
        let s = value(inputs, field)?;
        let v = parse_version(s);
        if v.is_none() {
            msgs.push(message(field, Severity::Error, bad_version(s)));
        }
        v
    };
    let cur = version_of("current_version", &mut msgs);
    let tgt = version_of("target_version", &mut msgs);
    if let (Some(c), Some(tv)) = (cur, tgt) {
        if tv.older_than(c) {
            let (tf, cf) = (tv.full(), c.full());
            msgs.push(message(
                "target_version",
                Severity::Error,
                tr!(l, "runtime.version-target-lower", tf, cf),
            ));
        }
    }
    let goal = match value(inputs, "target_runtime").map(|s| s.to_ascii_lowercase()) {
        None => Goal::Containerd,
        Some(v) if v == "containerd" => Goal::Containerd,
        Some(v) if v == "docker" => Goal::Docker,
        Some(v) => {
            let q = quote(&v);
            msgs.push(message(
                "target_runtime",
                Severity::Error,
                tr!(l, "runtime.target-runtime-invalid", q),
            ));
            Goal::Containerd
        }
    };

    let pools_text = value(inputs, "pools");
    let nodes_text = value(inputs, "nodes");
    if pools_text.is_none() && nodes_text.is_none() {
        msgs.push(FieldMessage {
            field: "pools".to_owned(),
            severity: Severity::Error,
            message: tr!(l, "runtime.pools-missing").to_owned(),
            missing: true,
        });
    }
    let pool_lines = pools_text.map(|s| parse_pools(s, l, &mut msgs)).unwrap_or_default();
    let nodes = nodes_text.map(|s| parse_nodes(s, cur, l, &mut msgs)).unwrap_or_default();
    let groups = groups(&pool_lines, &nodes, l, &mut msgs);
    if groups.is_empty() && pools_text.is_some() && !msgs.iter().any(|m| m.severity == Severity::Error) {
        // Only comments: nothing to judge.
        msgs.push(message(
            "pools",
            Severity::Error,
            tr!(l, "runtime.pools-none-read").to_owned(),
        ));
    }

    // Messages in step order; within a field, in the order they were made.
    let order = |f: &str| STEPS.iter().flat_map(|s| s.fields).position(|x| x.name == f).unwrap_or(usize::MAX);
    msgs.sort_by_key(|m| order(&m.field));

    let Some(cur) = cur else {
        return Report::incomplete(msgs);
    };
    if msgs.iter().any(|m| m.severity == Severity::Error) || groups.is_empty() {
        return Report::incomplete(msgs);
    }
    let tgt = tgt.filter(|tv| !tv.older_than(cur));
    let eff = tgt.unwrap_or(cur);
    let upgrading = tgt.is_some_and(|tv| cur.older_than(tv));
    let plan = Plan { l, goal, cur, tgt, eff, upgrading, groups: &groups };
    let (verdict, sections) = plan.build();
    Report { messages: msgs, complete: true, verdict: Some(verdict), sections }
}

#[cfg(test)]
mod testutil;

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn cases_give_the_expected_verdicts() {
        for c in cases() {
            let inputs: Inputs = c.inputs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
            for l in Locale::ALL {
                let r = evaluate(&inputs, l);
                let level = r.verdict.as_ref().map(|v| v.level);
                assert_eq!(level, c.level, "{}: {l} {:#?}", c.name, r.messages);
                assert_eq!(r.complete, c.level.is_some(), "{}", c.name);
                assert_eq!(r.complete, r.sections.iter().len() > 0, "{}", c.name);
                let errs: BTreeSet<&str> =
                    r.messages.iter().filter(|m| m.severity == Severity::Error).map(|m| m.field.as_str()).collect();
                let want: BTreeSet<&str> = c.errors.iter().copied().collect();
                assert_eq!(errs, want, "{}: {l} {:#?}", c.name, r.messages);
                for m in &r.messages {
                    assert!(!m.message.trim().is_empty(), "{}", c.name);
                }
            }
        }
    }

    #[test]
    fn bad_version_message_quotes_the_input() {
        let r = report(&[("current_version", "1.22.x"), ("pools", "np-a docker")]);
        let m = r.for_field("current_version").next().expect("message");
        assert!(m.message.contains("1.22.x") && m.message.contains("1.22.15-aliyun.1"), "{}", m.message);
    }

    #[test]
    fn empty_pools_and_nodes_is_a_missing_message_on_pools() {
        let r = report(&[("current_version", "1.22")]);
        let m = r.for_field("pools").next().expect("message");
        assert!(m.missing && m.severity == Severity::Error);
        assert!(m.message.contains("kubectl get nodes -o wide"));
    }

    #[test]
    fn every_report_speaks_the_requested_language() {
        let inputs = inputs(&[
            ("current_version", "1.22"),
            ("target_version", "1.24"),
            ("pools", "np-a docker\nnp-b sandboxed"),
        ]);
        let texts: Vec<String> = Locale::ALL
            .iter()
            .map(|l| {
                let r = evaluate(&inputs, *l);
                serde_json::to_string(&r).expect("json")
            })
            .collect();
        assert!(texts[0].contains("节点池") && !texts[0].contains("節點池"));
        assert!(texts[1].contains("節點池"));
        assert!(texts[2].contains("node pool") && texts[2].contains("kluster"));
        assert!(texts[3].contains("ノードプール"));
    }

    #[test]
    fn evaluate_never_panics_on_hostile_input() {
        let big = "x".repeat(100_000);
        let big_lines =
            "NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME\n"
                .to_owned()
                + &"n1 Ready <none> 1d v1.22.1 1.1.1.1 <none> os k docker://1\n".repeat(2_000);
        let hostile: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\0\0\0".into(),
            "\u{202e}gnp\u{200b}".into(),
            "🙂".repeat(5_000),
            big.clone(),
            big_lines.clone(),
            "NAME STATUS\n".repeat(1_000),
            "NAME STATUS ROLES CONTAINER-RUNTIME NODEPOOL-ID\nx y z docker:// \nя ё ж containerd://é =\n".into(),
            "a ://\n:// a\n===\n,,,\n|||\n".into(),
            "\r\r\r\n\n\r".into(),
            "1.22".into(),
            "v1.4294967296.1".into(),
            "np-a docker://\u{0}".into(),
            "-rf docker".into(),
        ];
        for h in &hostile {
            for field in ["current_version", "target_version", "target_runtime", "pools", "nodes"] {
                for l in Locale::ALL {
                    let mut i = inputs(&[("current_version", "1.22"), ("pools", "np-a docker")]);
                    i.insert(field.to_owned(), h.clone());
                    let r = evaluate(&i, l);
                    assert_eq!(r.complete, !r.has_errors());
                    assert_eq!(r.complete, r.verdict.is_some());
                    for m in &r.messages {
                        assert!(m.message.chars().count() < 2_000, "message too long for {field}");
                    }
                    // Nothing pasted ever reaches a command unless it is a plain name.
                    let code = all_code(&r);
                    assert!(!code.contains('\u{0}') && !code.contains('\u{202e}'));
                }
            }
        }
        // Everything at once.
        let mut i = Inputs::new();
        for field in ["current_version", "target_version", "target_runtime", "pools", "nodes"] {
            i.insert(field.to_owned(), big_lines.clone());
        }
        let _ = evaluate(&i, Locale::Ja);
    }
}
