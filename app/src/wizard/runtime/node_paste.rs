//! Reading the `nodes` field: pasted `kubectl get nodes -o wide` output, columns found by
//! the header, each node with its runtime, pool and kubelet version.

use super::groups::{kind_of, Kind, PoolKey};
use super::text::{is_safe_name, normalized, quote, tokens};
use super::version::{parse_version, Version};
use super::POOL_LABEL;
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
            tr!(
                l,
                "输出里没有 CONTAINER-RUNTIME 列，看不出节点用的运行时。请加上 -o wide 重新执行：kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "輸出中沒有 CONTAINER-RUNTIME 欄，看不出節點使用的執行階段。請加上 -o wide 重新執行：kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "Output ini tidak punya kolom CONTAINER-RUNTIME, jadi runtime node tidak terlihat. Jalankan ulang dengan -o wide: kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "出力に CONTAINER-RUNTIME 列がないため、ノードのランタイムがわかりません。-o wide を付けて実行し直してください: kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
            )
        } else if saw_header {
            tr!(
                l,
                "表头下面没有能识别的节点行（每行应以节点名开头，并带有 docker://… 或 containerd://… 这样的运行时）。请确认粘贴的是完整输出。",
                "表頭下方沒有可辨識的節點列（每列應以節點名稱開頭，並帶有 docker://… 或 containerd://… 這類執行階段）。請確認貼上的是完整輸出。",
                "Tidak ada baris node yang dikenali di bawah baris judul (setiap baris diawali nama node dan memuat runtime seperti docker://… atau containerd://…). Pastikan output yang ditempel lengkap.",
                "ヘッダー行の下に、読み取れるノードの行がありません (各行はノード名で始まり、docker://… や containerd://… のようなランタイムを含みます)。出力全体を貼り付けたか確認してください。",
            )
        } else if before_header_rows > 0 {
            tr!(
                l,
                "找不到表头行（NAME STATUS ROLES … CONTAINER-RUNTIME）。向导靠表头来认列，请连同第一行一起粘贴，不要加 --no-headers。",
                "找不到表頭列（NAME STATUS ROLES … CONTAINER-RUNTIME）。精靈依表頭辨識各欄，請連同第一行一起貼上，不要加 --no-headers。",
                "Baris judul (NAME STATUS ROLES … CONTAINER-RUNTIME) tidak ditemukan. Wizard membaca kolom berdasarkan baris judul, jadi tempel juga baris pertamanya dan jangan memakai --no-headers.",
                "ヘッダー行 (NAME STATUS ROLES … CONTAINER-RUNTIME) が見つかりません。列はヘッダーで判別するため、1 行目も含めて貼り付け、--no-headers は付けないでください。",
            )
        } else {
            tr!(
                l,
                "没有找到 kubectl get nodes -o wide 的输出：缺少以 NAME STATUS ROLES 开头、包含 CONTAINER-RUNTIME 列的表头。请执行 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id，并粘贴完整输出。",
                "找不到 kubectl get nodes -o wide 的輸出：缺少以 NAME STATUS ROLES 開頭、包含 CONTAINER-RUNTIME 欄的表頭。請執行 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id，並貼上完整輸出。",
                "Ini bukan output kubectl get nodes -o wide: tidak ada baris judul yang diawali NAME STATUS ROLES dan memuat kolom CONTAINER-RUNTIME. Jalankan kubectl get nodes -o wide -L alibabacloud.com/nodepool-id lalu tempel seluruh output-nya.",
                "kubectl get nodes -o wide の出力として読み取れません。NAME STATUS ROLES で始まり CONTAINER-RUNTIME 列を含むヘッダー行がありません。kubectl get nodes -o wide -L alibabacloud.com/nodepool-id を実行し、出力全体を貼り付けてください。",
            )
        };
        msgs.push(message("nodes", Severity::Error, text));
        return NodesRead::default();
    }

    if let Some((line, q)) = skipped.first() {
        let count = skipped.len();
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "有 {count} 行不像节点行，已跳过，例如第 {line} 行：“{q}”。",
                "有 {count} 行不像節點列，已略過，例如第 {line} 行：「{q}」。",
                "{count} baris tidak tampak seperti baris node dan dilewati, misalnya baris {line}: \"{q}\".",
                "ノードの行に見えない {count} 行を読み飛ばしました (例: {line} 行目「{q}」)。",
            ),
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
        tr!(
            l,
            "读取到 {count} 个节点，分属 {pool_count} 个已知节点池。",
            "讀取到 {count} 個節點，分屬 {pool_count} 個已知節點池。",
            "{count} node terbaca, tersebar di {pool_count} node pool yang diketahui.",
            "{count} 台のノードを読み取りました (判明したノードプールは {pool_count} 個)。",
        ),
    ));
    let unknown = nodes.iter().filter(|n| n.pool == PoolKey::Unknown).count();
    if unknown > 0 {
        msgs.push(message(
            "nodes",
            Severity::Info,
            tr!(
                l,
                "{unknown} 个节点没有节点池信息，已归入“节点池未知”一组。想按节点池区分，请加上 -L alibabacloud.com/nodepool-id 重新执行。",
                "{unknown} 個節點沒有節點池資訊，已歸入「節點池未知」一組。若要依節點池區分，請加上 -L alibabacloud.com/nodepool-id 重新執行。",
                "{unknown} node tidak punya informasi node pool dan dikelompokkan sebagai \"node pool tidak diketahui\". Untuk memisahkan per node pool, jalankan ulang dengan -L alibabacloud.com/nodepool-id.",
                "{unknown} 台のノードにはノードプールの情報がないため、「ノードプール不明」のグループにまとめました。ノードプールごとに分けるには -L alibabacloud.com/nodepool-id を付けて実行し直してください。",
            ),
        ));
    }
    let masters = nodes.iter().filter(|n| n.pool == PoolKey::Masters).count();
    if masters > 0 {
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "其中有 {masters} 个 Master 节点。它们不属于节点池，下面的腾空命令不会包含它们；Master 节点的运行时如何迁移，本向导不涉及。",
                "其中有 {masters} 個 Master 節點。它們不屬於節點池，下方的清空命令不會包含它們；Master 節點的執行階段如何遷移，本精靈不涵蓋。",
                "Ada {masters} node Master. Node ini tidak termasuk node pool, sehingga tidak disertakan dalam perintah pengosongan node di bawah; migrasi runtime node Master tidak dibahas wizard ini.",
                "うち {masters} 台は Master ノードです。ノードプールに属さないため、後述の退避コマンドには含めません。Master ノードのランタイム移行はこのウィザードの対象外です。",
            ),
        ));
    }
    let others: BTreeSet<&str> = nodes.iter().filter(|n| n.kind == Kind::Other).map(|n| n.runtime.as_str()).collect();
    if !others.is_empty() {
        let list = quote(&others.iter().copied().collect::<Vec<_>>().join(", "));
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "有节点的运行时不是 docker、containerd 或安全沙箱：{list}。这些节点请单独确认。",
                "有節點的執行階段不是 docker、containerd 或安全沙箱：{list}。這些節點請另行確認。",
                "Sebagian node memakai runtime selain docker, containerd, atau kontainer sandbox: {list}. Periksa node tersebut secara terpisah.",
                "docker、containerd、サンドボックスコンテナ以外のランタイムのノードがあります: {list}。これらのノードは個別に確認してください。",
            ),
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
                tr!(
                    l,
                    "有节点的 kubelet 版本是 {v}，比填写的当前集群版本 {cv} 还新，请核对当前集群版本。",
                    "有節點的 kubelet 版本是 {v}，比填寫的目前叢集版本 {cv} 還新，請核對目前叢集版本。",
                    "Ada node dengan kubelet {v}, lebih baru daripada versi kluster saat ini yang diisi ({cv}). Periksa kembali versi kluster.",
                    "kubelet が {v} のノードがあり、入力した現在のクラスターバージョン {cv} より新しくなっています。クラスターのバージョンを確認してください。",
                ),
            ));
        } else if let Some(m) = oldest.filter(|m| *m < c.minor) {
            let v = format!("1.{m}");
            msgs.push(message(
                "nodes",
                Severity::Info,
                tr!(
                    l,
                    "有节点的 kubelet 版本是 {v}，低于集群版本 {cv}：这些节点所在的节点池可能还没有升级。",
                    "有節點的 kubelet 版本是 {v}，低於叢集版本 {cv}：這些節點所在的節點池可能尚未升級。",
                    "Ada node dengan kubelet {v}, lebih lama daripada versi kluster {cv}: node pool-nya mungkin belum di-upgrade.",
                    "kubelet が {v} のノードがあり、クラスターのバージョン {cv} より古くなっています。そのノードプールはまだアップグレードされていない可能性があります。",
                ),
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
