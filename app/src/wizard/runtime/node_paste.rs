//! Reading the `nodes` field: pasted `kubectl get nodes -o wide` output, columns found by
//! the header, each node with its runtime, pool and kubelet version.

use super::groups::{kind_of, Kind, PoolKey};
use super::text::{is_safe_name, normalized, quote, tokens};
use super::version::{parse_version, Version};
use super::POOL_LABEL;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};
use std::collections::BTreeSet;

pub(super) fn looks_like_header(tokens: &[(usize, &str)]) -> bool {
    tokens.first().is_some_and(|t| t.1.eq_ignore_ascii_case("NAME"))
        && tokens.iter().any(|t| t.1.eq_ignore_ascii_case("STATUS"))
}

struct Header {
    /// Column names (upper case) and their starting columns.
    cols: Vec<(String, usize)>,
}

impl Header {
    fn new(toks: &[(usize, &str)]) -> Header {
        Header { cols: toks.iter().map(|(c, s)| (s.to_ascii_uppercase(), *c)).collect() }
    }

    fn idx(&self, name: &str) -> Option<usize> {
        self.cols.iter().position(|(n, _)| n == name)
    }
}

pub(super) struct Node {
    pub(super) name: String,
    pub(super) kind: Kind,
    pub(super) runtime: String,
    pub(super) pool: PoolKey,
    kubelet: Option<Version>,
}

fn is_pool_id(s: &str) -> bool {
    is_safe_name(s) && s.len() <= 128 && s != "<none>"
}

/// The CONTAINER-RUNTIME token of a row: `scheme://version`.
fn runtime_token(tok: &str) -> Option<(&str, &str)> {
    let (scheme, ver) = tok.split_once("://")?;
    if scheme.is_empty()
        || scheme.len() > 32
        || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return None;
    }
    Some((scheme, ver))
}

/// The pool of a row: from a LABELS token, else from a NODEPOOL-ID column.
fn row_pool(h: &Header, toks: &[(usize, &str)], ri: usize) -> Option<String> {
    for (_, tok) in &toks[ri + 1..] {
        if tok.contains(POOL_LABEL) {
            for kv in tok.split(',') {
                if let Some(v) = kv.strip_prefix(POOL_LABEL).and_then(|r| r.strip_prefix('=')) {
                    if is_pool_id(v) {
                        return Some(v.to_owned());
                    }
                }
            }
        }
    }
    let hp = h.idx("NODEPOOL-ID")?;
    let hr = h.idx("CONTAINER-RUNTIME")?;
    if hp <= hr {
        return None;
    }
    // Aligned output: the value starts where its header starts.
    let at = h.cols[hp].1;
    let by_offset = toks[ri + 1..].iter().find(|(c, _)| *c == at).map(|(_, s)| *s);
    // Ragged output: count columns from CONTAINER-RUNTIME when no cell is empty.
    let by_index = if toks.len() - ri == h.cols.len() - hr { toks.get(ri + hp - hr).map(|(_, s)| *s) } else { None };
    by_offset.or(by_index).filter(|v| !v.contains('=') && is_pool_id(v)).map(str::to_owned)
}

#[derive(Default)]
pub(super) struct NodesRead {
    pub(super) nodes: Vec<Node>,
}

pub(super) fn parse_nodes(text: &str, cur: Option<Version>, l: Locale, msgs: &mut Vec<FieldMessage>) -> NodesRead {
    let mut header: Option<Header> = None;
    let mut saw_header = false;
    let mut saw_runtime_header = false;
    let mut nodes: Vec<Node> = Vec::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let mut before_header_rows = 0usize;
    let text = normalized(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let toks = tokens(raw);
        if toks.is_empty() {
            continue;
        }
        if looks_like_header(&toks) {
            let h = Header::new(&toks);
            saw_header = true;
            saw_runtime_header |= h.idx("CONTAINER-RUNTIME").is_some();
            header = Some(h);
            continue;
        }
        let Some(h) = header.as_ref() else {
            if toks.iter().any(|(_, s)| runtime_token(s).is_some()) {
                before_header_rows += 1;
            }
            continue;
        };
        let Some(hr) = h.idx("CONTAINER-RUNTIME") else {
            continue;
        };
        let ri = toks.iter().enumerate().skip(1).find(|(_, (_, s))| runtime_token(s).is_some()).map(|(i, _)| i);
        let name = toks[0].1;
        let Some(ri) = ri.filter(|ri| *ri >= hr && is_safe_name(name)) else {
            skipped.push((n, quote(raw)));
            continue;
        };
        let (scheme, ver) = runtime_token(toks[ri].1).unwrap_or(("", ""));
        let kind = kind_of(scheme).unwrap_or(Kind::Other);
        let roles = h.idx("ROLES").filter(|i| *i < ri).map(|i| toks[i].1.to_ascii_lowercase());
        let is_master = roles.is_some_and(|r| r.contains("master") || r.contains("control-plane"));
        let pool = if is_master {
            PoolKey::Masters
        } else {
            row_pool(h, &toks, ri).map(PoolKey::Named).unwrap_or(PoolKey::Unknown)
        };
        let kubelet = h.idx("VERSION").filter(|i| *i < ri).and_then(|i| parse_version(toks[i].1));
        if !names.insert(name.to_owned()) {
            continue; // the same node pasted twice
        }
        let runtime = if ver.is_empty() { scheme.to_owned() } else { format!("{scheme}://{}", quote(ver)) };
        nodes.push(Node { name: name.to_owned(), kind, runtime, pool, kubelet });
    }

    if nodes.is_empty() {
        let text = if saw_header && !saw_runtime_header {
            tr!(l, "runtime.nodes-no-runtime-column").to_owned()
        } else if saw_header {
            tr!(l, "runtime.nodes-no-rows").to_owned()
        } else if before_header_rows > 0 {
            tr!(l, "runtime.nodes-no-header").to_owned()
        } else {
            tr!(l, "runtime.nodes-not-kubectl-output").to_owned()
        };
        msgs.push(message("nodes", Severity::Error, text));
        return NodesRead::default();
    }

    if let Some((line, q)) = skipped.first() {
        let count = skipped.len();
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(l, "runtime.nodes-lines-skipped", count, line, q),
        ));
    }

    let count = nodes.len();
    let pools: BTreeSet<&str> = nodes
        .iter()
        .filter_map(|n| match &n.pool {
            PoolKey::Named(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    let pool_count = pools.len();
    msgs.push(message(
        "nodes",
        Severity::Info,
        tr!(l, "runtime.nodes-read", count, pool_count),
    ));
    let unknown = nodes.iter().filter(|n| n.pool == PoolKey::Unknown).count();
    if unknown > 0 {
        msgs.push(message(
            "nodes",
            Severity::Info,
            tr!(l, "runtime.nodes-without-pool", unknown),
        ));
    }
    let masters = nodes.iter().filter(|n| n.pool == PoolKey::Masters).count();
    if masters > 0 {
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(l, "runtime.nodes-masters", masters),
        ));
    }
    let others: BTreeSet<&str> = nodes.iter().filter(|n| n.kind == Kind::Other).map(|n| n.runtime.as_str()).collect();
    if !others.is_empty() {
        let list = quote(&others.iter().copied().collect::<Vec<_>>().join(", "));
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(l, "runtime.nodes-other-runtimes", list),
        ));
    }
    if let Some(c) = cur {
        let newest = nodes.iter().filter_map(|n| n.kubelet).map(|v| v.minor).max();
        let oldest = nodes.iter().filter_map(|n| n.kubelet).map(|v| v.minor).min();
        let cv = c.short();
        if let Some(m) = newest.filter(|m| *m > c.minor) {
            let v = format!("1.{m}");
            msgs.push(message(
                "nodes",
                Severity::Warning,
                tr!(l, "runtime.nodes-kubelet-newer", v, cv),
            ));
        } else if let Some(m) = oldest.filter(|m| *m < c.minor) {
            let v = format!("1.{m}");
            msgs.push(message(
                "nodes",
                Severity::Info,
                tr!(l, "runtime.nodes-kubelet-older", v, cv),
            ));
        }
    }
    NodesRead { nodes }
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::{Level, Severity};

    #[test]
    fn wide_output_without_pool_labels_is_one_unknown_group_per_runtime() {
        let r = report(&[("current_version", "1.22"), ("nodes", &wide_without_pools())]);
        let rows = table(&r);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r[0] == "节点池未知"));
        assert!(infos(&r, "nodes").iter().any(|m| m.contains("-L alibabacloud.com/nodepool-id")));
    }

    #[test]
    fn show_labels_output_finds_the_pool_label() {
        let r = report(&[("current_version", "1.22"), ("nodes", &wide_show_labels())]);
        let rows = table(&r);
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["np5ab1c2d3e4", "np9f8e7d6c5b"]);
    }

    #[test]
    fn pasted_output_tolerates_crlf_ragged_spaces_and_preamble() {
        let text = "$ kubectl get nodes -o wide -L alibabacloud.com/nodepool-id\r\n\
                    Warning: something\r\n\
                    \r\n\
                    NAME\tSTATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME NODEPOOL-ID\r\n\
                    node-a  Ready <none>  3d  v1.22.15-aliyun.1 10.0.0.1 <none> CentOS Linux 7 (Core) 3.10.0 docker://19.3.15 np-1\r\n\
                    \tnode-b Ready  <none> 3d v1.22.15-aliyun.1 10.0.0.2 <none> Alibaba Cloud Linux 3 5.10 containerd://1.6.20   np-2   \r\n\
                    \r\n";
        let r = report(&[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", text)]);
        assert!(r.complete, "{:#?}", r.messages);
        let rows = table(&r);
        assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["np-1", "np-2"]);
        assert_eq!(r.verdict.as_ref().map(|v| v.level), Some(Level::Blocked));
        assert!(!r.for_field("nodes").any(|m| m.severity == Severity::Warning), "{:#?}", r.messages);
    }

    #[test]
    fn empty_pool_cell_in_aligned_output_is_unknown() {
        // With -L, a node without the label has an empty cell; alignment keeps the others right.
        let a = node("n1", "docker://19.3.15", &["", "cn-hangzhou-h"]);
        let b = node("n2", "docker://19.3.15", &["np-x", "cn-hangzhou-i"]);
        let mut header = WIDE_POOL.to_vec();
        header.push("ZONE");
        let text = kubectl(&[&header, &a, &b]);
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        let rows = table(&r);
        let mut names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        names.sort();
        assert_eq!(names, ["np-x", "节点池未知"]);
    }

    #[test]
    fn skipped_lines_are_a_warning_quoting_the_line() {
        let mut text = wide_without_pools();
        text.push_str("some trailing prompt $\n");
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        assert!(r.complete);
        let w = r.for_field("nodes").find(|m| m.severity == Severity::Warning).expect("warning");
        assert!(w.message.contains("some trailing prompt"), "{}", w.message);
    }

    #[test]
    fn kubelet_newer_than_the_cluster_is_a_warning() {
        let r = report(&[("current_version", "1.20"), ("nodes", &wide_without_pools())]);
        assert!(r.for_field("nodes").any(|m| m.severity == Severity::Warning && m.message.contains("1.22")));
    }
}
