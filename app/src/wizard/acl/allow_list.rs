//! The allow-list: who needs a range to be allowed and why, and the ranges entered merged
//! into the entries of the ACL (duplicates, covered ranges and adjacent halves), each keeping
//! who needs it, within the size of an ACL.

use super::form::field_text;
use super::messages::{list_sep, Log};
use super::MAX_PER_ACL;
use crate::locale::Locale;
use crate::wizard::Severity;
use crate::wizard::{fill_template as fill, localized as t};
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
                t(l, "ACK 控制面", "ACK 控制平面", "control plane ACK", "ACK のコントロールプレーン")
            }
            Source::Vpc => t(l, "集群节点", "叢集節點", "node kluster", "クラスターのノード"),
            Source::Clients => t(l, "客户端", "用戶端", "klien", "クライアント"),
            Source::Edge => t(l, "边缘节点", "邊緣節點", "node edge", "エッジノード"),
            Source::Lingjun => t(l, "灵骏节点", "靈駿節點", "node Lingjun", "Lingjun のノード"),
        }
    }

    /// Why the range is needed, for the table.
    fn reason(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => t(
                l,
                "ACK 管控网段：ACK 控制面从这里访问 API Server（控制台查看集群、集群管理）",
                "ACK 管控網段：ACK 控制平面從這裡存取 API Server（主控台檢視叢集、叢集管理）",
                "Blok CIDR kontrol ACK: control plane ACK mengakses API Server dari sini (tampilan kluster di konsol, manajemen kluster)",
                "ACK の管理用 CIDR: ACK のコントロールプレーンがここから API Server にアクセスします (コンソールでのクラスター表示、クラスター管理)",
            ),
            Source::Vpc => t(
                l,
                "集群 VPC / 交换机网段：节点上的 kubelet 和组件访问 API Server",
                "叢集 VPC／交換器網段：節點上的 kubelet 與元件存取 API Server",
                "CIDR VPC/vSwitch kluster: kubelet dan komponen di node mengakses API Server",
                "クラスターの VPC/vSwitch CIDR: ノード上の kubelet やコンポーネントが API Server にアクセスします",
            ),
            Source::Clients => t(
                l,
                "客户端出口网段：kubectl、CI 等客户端访问 API Server",
                "用戶端出口網段：kubectl、CI 等用戶端存取 API Server",
                "CIDR egress klien: kubectl, CI, dan klien lain mengakses API Server",
                "クライアントの送信元 CIDR: kubectl や CI などのクライアントが API Server にアクセスします",
            ),
            Source::Edge => t(
                l,
                "边缘节点出口网段：ACK Edge 的边缘节点访问 API Server",
                "邊緣節點出口網段：ACK Edge 的邊緣節點存取 API Server",
                "CIDR egress node edge: node edge ACK Edge mengakses API Server",
                "エッジノードの送信元 CIDR: ACK Edge のエッジノードが API Server にアクセスします",
            ),
            Source::Lingjun => t(
                l,
                "灵骏 VPD 网段：ACK 灵骏集群要求放行，VPD 内的节点访问 API Server",
                "靈駿 VPD 網段：ACK 靈駿叢集要求允許，VPD 內的節點存取 API Server",
                "CIDR VPD Lingjun: wajib untuk ACK Lingjun; node di dalam VPD mengakses API Server",
                "Lingjun の VPD CIDR: ACK Lingjun で必須。VPD 内のノードが API Server にアクセスします",
            ),
        }
    }

    /// What happens when the range is not allowed.
    pub(super) fn lockout(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => t(
                l,
                "ACK 控制面连不上 API Server：控制台查看集群信息失败，集群管理操作也会失败。",
                "ACK 控制平面連不到 API Server：主控台檢視叢集資訊會失敗，叢集管理操作也會失敗。",
                "control plane ACK tidak bisa menjangkau API Server: konsol gagal menampilkan informasi kluster dan operasi manajemen kluster juga gagal.",
                "ACK のコントロールプレーンが API Server に到達できず、コンソールでのクラスター情報の表示やクラスター管理の操作が失敗します。",
            ),
            Source::Vpc => t(
                l,
                "节点上的 kubelet 和系统组件连不上 API Server，节点会变成 NotReady。",
                "節點上的 kubelet 與系統元件連不到 API Server，節點會變成 NotReady。",
                "kubelet dan komponen sistem di node tidak bisa menjangkau API Server, sehingga node menjadi NotReady.",
                "ノード上の kubelet やシステムコンポーネントが API Server に到達できず、ノードが NotReady になります。",
            ),
            Source::Clients => t(
                l,
                "从这些地址发出的 kubectl 等请求会超时。",
                "從這些位址發出的 kubectl 等請求會逾時。",
                "kubectl dan permintaan lain dari alamat ini akan timeout.",
                "これらのアドレスからの kubectl などのリクエストがタイムアウトします。",
            ),
            Source::Edge => t(
                l,
                "边缘节点连不上 API Server，会变成 NotReady。",
                "邊緣節點連不到 API Server，會變成 NotReady。",
                "node edge tidak bisa menjangkau API Server dan menjadi NotReady.",
                "エッジノードが API Server に到達できず、NotReady になります。",
            ),
            Source::Lingjun => t(
                l,
                "灵骏 VPD 内的节点连不上 API Server，会变成 NotReady。",
                "靈駿 VPD 內的節點連不到 API Server，會變成 NotReady。",
                "node di dalam VPD Lingjun tidak bisa menjangkau API Server dan menjadi NotReady.",
                "Lingjun VPD 内のノードが API Server に到達できず、NotReady になります。",
            ),
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
        self.iter().map(|s| s.reason(l)).collect::<Vec<_>>().join(t(l, "；", "；", "; ", "／"))
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
                            fill(
                                t(
                                    l,
                                    "{net} 是 ACK 管控网段，向导总会放行它，这里不必再填。",
                                    "{net} 是 ACK 管控網段，精靈一律會允許，這裡不必再填。",
                                    "{net} adalah blok CIDR kontrol ACK yang selalu disertakan wizard; tidak perlu ditulis di sini.",
                                    "{net} は ACK の管理用 CIDR で、ウィザードが常に追加します。ここに入力する必要はありません。",
                                ),
                                &[("net", &net)],
                            ),
                        ),
                        (Some(f), Some(g)) if f == g => (
                            f,
                            fill(
                                t(l, "{net} 重复填写，只保留一条。", "{net} 重複填寫，只保留一筆。", "{net} ditulis lebih dari sekali; hanya satu yang dipakai.", "{net} が重複しているため、1 件にまとめました。"),
                                &[("net", &net)],
                            ),
                        ),
                        (Some(f), Some(g)) => (
                            f,
                            fill(
                                t(
                                    l,
                                    "{net} 也填在了“{other}”里，只保留一条，备注同时记下两种用途。",
                                    "{net} 也填在「{other}」中，只保留一筆，備註會同時記下兩種用途。",
                                    "{net} juga ada di “{other}”; hanya satu entri yang dipakai dan komentarnya mencatat kedua kegunaan.",
                                    "{net} は「{other}」にも入力されています。1 件にまとめ、コメントに両方の用途を記載します。",
                                ),
                                &[("net", &net), ("other", label(g, l))],
                            ),
                        ),
                        // The control plane is entered once, first.
                        (None, _) => continue,
                    }
                } else {
                    let cover = last.net.to_string();
                    match field {
                        Some(f) => (
                            f,
                            fill(
                                t(
                                    l,
                                    "{net} 已包含在 {cover}（{who}）中，合并到该条目。",
                                    "{net} 已包含在 {cover}（{who}）之內，併入該筆。",
                                    "{net} sudah tercakup dalam {cover} ({who}), jadi digabungkan ke entri itu.",
                                    "{net} は {cover} ({who}) に含まれるため、そちらにまとめました。",
                                ),
                                &[("net", &net), ("cover", &cover), ("who", &survivor_reasons.who(l))],
                            ),
                        ),
                        None => match last.field {
                            Some(g) => (
                                g,
                                fill(
                                    t(
                                        l,
                                        "{cover} 已包含 ACK 管控网段 {net}，不再单独列出。",
                                        "{cover} 已涵蓋 ACK 管控網段 {net}，不再另外列出。",
                                        "{cover} sudah mencakup blok CIDR kontrol ACK {net}, jadi blok itu tidak dicantumkan terpisah.",
                                        "{cover} は ACK の管理用 CIDR {net} を含むため、別の行にはしません。",
                                    ),
                                    &[("net", &net), ("cover", &cover)],
                                ),
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
                    fill(
                        t(
                            l,
                            "{a} 与 {b} 相邻，合并为 {sup}。",
                            "{a} 與 {b} 相鄰，合併為 {sup}。",
                            "{a} dan {b} bersebelahan sehingga digabung menjadi {sup}.",
                            "{a} と {b} は隣接しているため、{sup} にまとめました。",
                        ),
                        &[("a", &a.net.to_string()), ("b", &b.net.to_string()), ("sup", &sup.to_string())],
                    ),
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
                fill(
                    t(
                        l,
                        "合并后还有 {n} 个 {ver} 条目，而一个 ACL 最多只能有 300 个条目。请把地址归并成更大的网段（例如同一出口的地址合成一个 /24）。",
                        "合併後仍有 {n} 筆 {ver} 項目，但一個 ACL 最多只能有 300 筆。請把位址歸併成較大的網段（例如同一出口的位址合成一個 /24）。",
                        "Setelah digabung masih ada {n} entri {ver}, padahal satu ACL paling banyak memuat 300 entri. Gabungkan alamat menjadi blok yang lebih besar (misalnya alamat dari satu jalur keluar menjadi satu /24).",
                        "まとめた後も {ver} のエントリが {n} 件あり、1 つの ACL の上限 300 件を超えています。アドレスをより大きな CIDR にまとめてください (例: 同じ出口のアドレスを 1 つの /24 に)。",
                    ),
                    &[("n", &list.len().to_string()), ("ver", version)],
                ),
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
