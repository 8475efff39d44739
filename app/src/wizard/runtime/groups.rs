//! Runtimes and node pools: the kinds of runtime, the pool a node belongs to, and the
//! groups of nodes (one pool, one runtime) that become the rows of the result table,
//! made from the typed pool list and the pasted nodes together.

use super::node_paste::NodesRead;
use super::pool_list::PoolLine;
use super::text::quote;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    Docker,
    Containerd,
    Sandboxed,
    /// A runtime the wizard does not know (seen only in pasted node output).
    Other,
}

/// A runtime as written in the pool list or as the scheme of `CONTAINER-RUNTIME`.
pub(super) fn kind_of(word: &str) -> Option<Kind> {
    let w = word.trim().to_lowercase();
    match w.as_str() {
        "docker" => Some(Kind::Docker),
        "containerd" => Some(Kind::Containerd),
        "sandboxed"
        | "sandbox"
        | "sandboxed-container"
        | "sandboxed_container"
        | "sandboxedcontainer"
        | "runv"
        | "安全沙箱"
        | "サンドボックスコンテナ"
        | "サンドボックス" => Some(Kind::Sandboxed),
        _ => None,
    }
}

fn kind_name(k: Kind, l: Locale) -> &'static str {
    match k {
        Kind::Docker => "Docker",
        Kind::Containerd => "containerd",
        Kind::Sandboxed => tr!(l, "runtime.kind-sandboxed"),
        Kind::Other => tr!(l, "runtime.kind-other"),
    }
}

/// Which group a node belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PoolKey {
    Named(String),
    /// Nodes whose ROLES say master / control-plane: never in a node pool, never drained here.
    Masters,
    /// Nodes without pool information.
    Unknown,
}

/// One row of the result table: the nodes of one pool that share one runtime.
#[derive(Clone, Debug)]
pub(super) struct Group {
    pub(super) key: PoolKey,
    pub(super) kind: Kind,
    /// Runtimes as shown (`docker://19.3.15`); empty when only the kind is known.
    pub(super) runtimes: BTreeSet<String>,
    /// Node names, when the group comes from pasted output.
    pub(super) nodes: Vec<String>,
    /// False for pools typed in the list: their node count is unknown.
    pub(super) from_nodes: bool,
}

pub(super) fn pool_name(key: &PoolKey, l: Locale) -> String {
    match key {
        PoolKey::Named(n) => n.clone(),
        PoolKey::Masters => tr!(l, "runtime.pool-masters").to_owned(),
        PoolKey::Unknown => {
            tr!(l, "runtime.pool-unknown").to_owned()
        }
    }
}

pub(super) fn runtime_cell(g: &Group, l: Locale) -> String {
    if g.runtimes.is_empty() {
        return kind_name(g.kind, l).to_owned();
    }
    let shown: Vec<&str> = g.runtimes.iter().take(3).map(|s| s.as_str()).collect();
    let more = if g.runtimes.len() > 3 { ", …" } else { "" };
    format!("{}{}", shown.join(", "), more)
}

/// The table rows: pools typed in the list that the paste does not cover, then the pasted
/// nodes by pool and runtime.
pub(super) fn groups(
    pool_lines: &[PoolLine],
    nodes: &NodesRead,
    l: Locale,
    msgs: &mut Vec<FieldMessage>,
) -> Vec<Group> {
    let mut from_nodes: BTreeMap<(PoolKey, Kind), Group> = BTreeMap::new();
    for n in &nodes.nodes {
        let g = from_nodes.entry((n.pool.clone(), n.kind)).or_insert_with(|| Group {
            key: n.pool.clone(),
            kind: n.kind,
            runtimes: BTreeSet::new(),
            nodes: Vec::new(),
            from_nodes: true,
        });
        g.runtimes.insert(n.runtime.clone());
        g.nodes.push(n.name.clone());
    }
    let mut out = Vec::new();
    for p in pool_lines {
        let key = PoolKey::Named(p.name.clone());
        let pasted: Vec<Kind> = from_nodes.keys().filter(|(k, _)| *k == key).map(|(_, kind)| *kind).collect();
        if !pasted.is_empty() {
            if !pasted.contains(&p.kind) {
                let (name, typed) = (quote(&p.name), kind_name(p.kind, l));
                let seen = pasted.iter().map(|k| kind_name(*k, l)).collect::<Vec<_>>().join(", ");
                msgs.push(message(
                    "pools",
                    Severity::Warning,
                    tr!(l, "runtime.groups-runtime-mismatch", name, typed, seen),
                ));
            }
            continue;
        }
        out.push(Group {
            key,
            kind: p.kind,
            runtimes: p.runtime.iter().cloned().collect(),
            nodes: Vec::new(),
            from_nodes: false,
        });
    }
    out.extend(from_nodes.into_values());
    out
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::Severity;

    #[test]
    fn wide_output_groups_nodes_by_pool_and_runtime() {
        let r = report(&[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", &wide_with_pools())]);
        let rows = table(&r);
        assert_eq!(
            rows.iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect::<Vec<_>>(),
            [
                ("np-ctr1", "containerd://1.6.20", "1"),
                ("np-docker1", "docker://19.3.15", "2"),
                ("节点池未知", "containerd://1.6.20", "1")
            ]
        );
        let info = infos(&r, "nodes").join("\n");
        assert!(info.contains("4 个节点") && info.contains("2 个已知节点池"), "{info}");
        assert!(info.contains("节点池未知"), "{info}");
        // The drain commands use the real node names, and only the Docker ones.
        let code = all_code(&r);
        assert!(code.contains("kubectl cordon cn-hangzhou.192.168.0.10\n"));
        assert!(code.contains("kubectl drain cn-hangzhou.192.168.0.11 --ignore-daemonsets --delete-emptydir-data"));
        assert!(!code.contains("kubectl cordon cn-hangzhou.192.168.0.20"));
        assert!(!code.contains("<NODE_NAME>"));
        let v = r.verdict.expect("verdict");
        assert!(v.headline.contains("1.24"), "{}", v.headline);
    }

    #[test]
    fn nodes_override_a_conflicting_pool_line() {
        let r =
            report(&[("current_version", "1.22"), ("pools", "np-docker1 containerd"), ("nodes", &wide_with_pools())]);
        assert!(r.for_field("pools").any(|m| m.severity == Severity::Warning));
        let rows = table(&r);
        assert!(rows.iter().any(|r| r[0] == "np-docker1" && r[1].starts_with("docker://")));
    }
}
