//! The rules: what a pool's runtime means on the cluster's version, and the verdict on
//! the whole cluster for the runtime the user wants.

use super::groups::{Group, Kind};
use super::plan::Plan;
use super::version::Version;
use crate::locale::Locale;
use crate::wizard::{localized as t, Level, Verdict};

/// The last Kubernetes minor version that supports Docker nodes.
pub(super) const DOCKER_LAST: u32 = 22;
/// The version from which Docker is no longer a built-in runtime.
pub(super) const DOCKER_GONE: u32 = 24;
/// The last Kubernetes minor version that supports sandboxed-container nodes.
pub(super) const SANDBOXED_LAST: u32 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Goal {
    Containerd,
    Docker,
}

/// The per-pool verdict: its level and the table cell.
pub(super) fn pool_verdict(g: &Group, goal: Goal, cur: Version, eff: Version, l: Locale) -> (Level, String) {
    let e = eff.short();
    match g.kind {
        Kind::Docker if cur.minor >= DOCKER_GONE => (
            Level::Blocked,
            tr!(
                l,
                "须迁移到 containerd（{e} 已不支持 Docker）",
                "須遷移到 containerd（{e} 已不支援 Docker）",
                "Wajib dimigrasikan ke containerd ({e} tidak lagi mendukung Docker)",
                "containerd への移行が必須 ({e} は Docker 非対応)",
            ),
        ),
        Kind::Docker if eff.minor >= DOCKER_GONE => (
            Level::Blocked,
            tr!(
                l,
                "先迁移到 containerd，才能升级到 {e}",
                "先遷移到 containerd，才能升級到 {e}",
                "Migrasikan ke containerd dulu sebelum upgrade ke {e}",
                "{e} へ上げる前に containerd へ移行が必要",
            ),
        ),
        Kind::Docker if eff.minor > DOCKER_LAST => (
            Level::Caution,
            t(
                l,
                "超出 Docker 的支持范围（1.22 及以下），请迁移",
                "超出 Docker 的支援範圍（1.22 及以下），請遷移",
                "Di luar dukungan Docker (1.22 ke bawah); migrasikan",
                "Docker の対応範囲 (1.22 以前) を外れているため移行を",
            )
            .to_owned(),
        ),
        Kind::Docker => (
            Level::Caution,
            t(
                l,
                "目前可用；升级到 1.24 或更高版本前须迁移",
                "目前可用；升級到 1.24 或更新版本前須遷移",
                "Saat ini bisa dipakai; wajib migrasi sebelum upgrade ke 1.24 atau lebih baru",
                "現時点では使用可。1.24 以降へ上げる前に移行が必要",
            )
            .to_owned(),
        ),
        Kind::Containerd if goal == Goal::Docker && eff.minor <= DOCKER_LAST => (
            Level::Ok,
            t(
                l,
                "不能原地改成 Docker；可另建 Docker 节点池",
                "無法原地改成 Docker；可另建 Docker 節點池",
                "Tidak bisa diubah langsung ke Docker; buat node pool Docker terpisah",
                "その場で Docker には変更不可。別に Docker のノードプールを作成",
            )
            .to_owned(),
        ),
        Kind::Containerd if goal == Goal::Docker => (
            Level::Ok,
            tr!(
                l,
                "保持 containerd（{e} 不提供 Docker）",
                "維持 containerd（{e} 不提供 Docker）",
                "Tetap containerd ({e} tidak menyediakan Docker)",
                "containerd のまま ({e} では Docker を選べない)",
            ),
        ),
        Kind::Containerd => (Level::Ok, t(l, "无需处理", "無須處理", "Tidak perlu tindakan", "対応不要").to_owned()),
        Kind::Sandboxed if eff.minor > SANDBOXED_LAST => (
            Level::Caution,
            tr!(
                l,
                "{e} 超出安全沙箱的支持范围（1.24 及以下）",
                "{e} 超出安全沙箱的支援範圍（1.24 及以下）",
                "{e} di luar dukungan kontainer sandbox (1.24 ke bawah)",
                "{e} はサンドボックスコンテナの対応範囲 (1.24 以前) 外",
            ),
        ),
        Kind::Sandboxed => (
            Level::Ok,
            t(
                l,
                "可用（安全沙箱支持到 1.24）",
                "可用（安全沙箱支援到 1.24）",
                "Bisa dipakai (kontainer sandbox didukung sampai 1.24)",
                "使用可 (サンドボックスコンテナは 1.24 まで対応)",
            )
            .to_owned(),
        ),
        Kind::Other => (
            Level::Caution,
            t(
                l,
                "无法识别的运行时，请单独确认",
                "無法辨識的執行階段，請另行確認",
                "Runtime tidak dikenal; periksa terpisah",
                "不明なランタイム。個別に確認を",
            )
            .to_owned(),
        ),
    }
}

fn worst(a: Level, b: Level) -> Level {
    fn rank(l: Level) -> u8 {
        match l {
            Level::Ok => 0,
            Level::Caution => 1,
            Level::Blocked => 2,
        }
    }
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

impl Plan<'_> {
    pub(super) fn verdict_containerd(
        &self,
        docker: &[&Group],
        sandboxed: bool,
        other: bool,
        rows: &[(Level, String)],
    ) -> Verdict {
        let l = self.l;
        let (c, e) = (self.cur.short(), self.eff.short());
        let level = rows.iter().fold(Level::Ok, |acc, (lv, _)| worst(acc, *lv));
        let mut details = Vec::new();
        let headline = if !docker.is_empty() {
            let list = self.pool_list(docker);
            let known: usize = docker.iter().filter(|g| g.from_nodes).map(|g| g.nodes.len()).sum();
            if known > 0 {
                details.push(tr!(
                    l,
                    "需要迁移的 Docker 节点池：{list}（已读取到其中 {known} 个节点）。",
                    "需要遷移的 Docker 節點池：{list}（已讀取到其中 {known} 個節點）。",
                    "Node pool Docker yang perlu dimigrasikan: {list} ({known} node di antaranya terbaca).",
                    "移行が必要な Docker のノードプール: {list} (読み取ったノードは {known} 台)。",
                ));
            } else {
                details.push(tr!(
                    l,
                    "需要迁移的 Docker 节点池：{list}。",
                    "需要遷移的 Docker 節點池：{list}。",
                    "Node pool Docker yang perlu dimigrasikan: {list}.",
                    "移行が必要な Docker のノードプール: {list}。",
                ));
            }
            details.push(
                t(
                    l,
                    "Docker 运行时只支持 1.22 及以下的集群；从 1.24 起，Docker 不再是内置的容器运行时。推荐使用 containerd。",
                    "Docker 執行階段只支援 1.22 及以下的叢集；從 1.24 起，Docker 不再是內建的容器執行階段。建議使用 containerd。",
                    "Runtime Docker hanya didukung pada kluster 1.22 ke bawah; sejak 1.24 Docker bukan lagi runtime kontainer bawaan. containerd adalah runtime yang direkomendasikan.",
                    "Docker ランタイムが使えるのは 1.22 以前のクラスターだけで、1.24 以降は組み込みのコンテナランタイムではなくなりました。推奨は containerd です。",
                )
                .to_owned(),
            );
            details.push(
                t(
                    l,
                    "集群创建后不能整体更换运行时。做法是新建 containerd 节点池（各节点池的运行时可以不同），把工作负载迁过去，再删除旧节点池。",
                    "叢集建立後無法整體更換執行階段。做法是另建 containerd 節點池（各節點池的執行階段可以不同），把工作負載遷過去，再刪除舊節點池。",
                    "Runtime kluster tidak bisa diganti secara keseluruhan setelah kluster dibuat. Caranya: buat node pool containerd baru (runtime tiap node pool boleh berbeda), pindahkan workload ke sana, lalu hapus node pool lama.",
                    "作成済みのクラスターのランタイムを丸ごと切り替えることはできません。containerd のノードプールを新たに作成し (ノードプールごとにランタイムは異なってよい)、ワークロードを移してから古いノードプールを削除します。",
                )
                .to_owned(),
            );
            if self.cur.minor >= DOCKER_GONE {
                tr!(
                    l,
                    "集群版本 {c} 已不支持 Docker 节点：请尽快把它们迁移到 containerd",
                    "叢集版本 {c} 已不支援 Docker 節點：請盡快將它們遷移到 containerd",
                    "Kluster {c} tidak lagi mendukung node Docker: segera migrasikan ke containerd",
                    "クラスター {c} では Docker ノードはサポートされません。早急に containerd へ移行してください",
                )
            } else if self.eff.minor >= DOCKER_GONE {
                tr!(
                    l,
                    "Docker 节点池迁移到 containerd 之前，不能升级到 {e}",
                    "Docker 節點池遷移到 containerd 之前，無法升級到 {e}",
                    "Upgrade ke {e} terhalang sampai node pool Docker dimigrasikan ke containerd",
                    "Docker のノードプールを containerd へ移行するまで、{e} へはアップグレードできません",
                )
            } else if self.eff.minor > DOCKER_LAST {
                tr!(
                    l,
                    "{e} 已超出 Docker 的支持范围（1.22 及以下）：请把 Docker 节点池迁移到 containerd",
                    "{e} 已超出 Docker 的支援範圍（1.22 及以下）：請將 Docker 節點池遷移到 containerd",
                    "{e} di luar dukungan Docker (1.22 ke bawah): migrasikan node pool Docker ke containerd",
                    "{e} は Docker の対応範囲 (1.22 以前) を外れています。Docker のノードプールを containerd へ移行してください",
                )
            } else {
                tr!(
                    l,
                    "Docker 节点池在 {e} 上还能用，但升级到 1.24 或更高版本之前必须迁移到 containerd",
                    "Docker 節點池在 {e} 上仍可使用，但升級到 1.24 或更新版本之前必須遷移到 containerd",
                    "Node pool Docker masih bisa dipakai di {e}, tetapi wajib dimigrasikan ke containerd sebelum upgrade ke 1.24 atau lebih baru",
                    "Docker のノードプールは {e} ではまだ使えますが、1.24 以降へ上げる前に containerd へ移行する必要があります",
                )
            }
        } else if sandboxed && self.eff.minor > SANDBOXED_LAST {
            tr!(
                l,
                "安全沙箱节点池只支持到 1.24，{e} 已超出这个范围",
                "安全沙箱節點池只支援到 1.24，{e} 已超出這個範圍",
                "Node pool kontainer sandbox hanya didukung sampai 1.24; {e} di luar batas itu",
                "サンドボックスコンテナのノードプールは 1.24 までの対応で、{e} はその範囲外です",
            )
        } else if other {
            t(
                l,
                "没有 Docker 节点池，但有节点使用无法识别的运行时",
                "沒有 Docker 節點池，但有節點使用無法辨識的執行階段",
                "Tidak ada node pool Docker, tetapi ada node dengan runtime yang tidak dikenal",
                "Docker のノードプールはありませんが、不明なランタイムのノードがあります",
            )
            .to_owned()
        } else if sandboxed {
            tr!(
                l,
                "没有 Docker 节点池，{e} 上没有需要迁移的节点",
                "沒有 Docker 節點池，{e} 上沒有需要遷移的節點",
                "Tidak ada node pool Docker; tidak ada node yang perlu dimigrasikan di {e}",
                "Docker のノードプールはなく、{e} で移行が必要なノードはありません",
            )
        } else {
            t(
                l,
                "所有节点池都在用 containerd，无需迁移",
                "所有節點池都使用 containerd，無須遷移",
                "Semua node pool memakai containerd; tidak ada yang perlu dimigrasikan",
                "すべてのノードプールが containerd を使っており、移行は不要です",
            )
            .to_owned()
        };
        if sandboxed {
            details.push(self.sandboxed_note());
        }
        if other {
            details.push(
                t(
                    l,
                    "ACK 支持的运行时是 containerd、Docker 和安全沙箱；其他运行时的节点不在本向导的判断范围内。",
                    "ACK 支援的執行階段是 containerd、Docker 與安全沙箱；其他執行階段的節點不在本精靈的判斷範圍內。",
                    "Runtime yang didukung ACK adalah containerd, Docker, dan kontainer sandbox; node dengan runtime lain tidak dinilai oleh wizard ini.",
                    "ACK が対応するランタイムは containerd、Docker、サンドボックスコンテナです。それ以外のランタイムのノードはこのウィザードでは判定しません。",
                )
                .to_owned(),
            );
        }
        if docker.is_empty() && !self.upgrading && self.cur.minor < DOCKER_GONE {
            details.push(
                t(
                    l,
                    "以后新建节点池时请选 containerd：1.24 及以上的集群不能再使用 Docker 节点池。",
                    "日後新增節點池時請選 containerd：1.24 及以上的叢集無法再使用 Docker 節點池。",
                    "Saat membuat node pool baru nanti, pilih containerd: kluster 1.24 atau lebih baru tidak bisa lagi memakai node pool Docker.",
                    "今後ノードプールを作成するときは containerd を選んでください。1.24 以降のクラスターでは Docker のノードプールを使えません。",
                )
                .to_owned(),
            );
        }
        Verdict { level, headline, details }
    }

    fn sandboxed_note(&self) -> String {
        let l = self.l;
        let e = self.eff.short();
        if self.eff.minor > SANDBOXED_LAST {
            tr!(
                l,
                "安全沙箱运行时只支持 1.24 及以下的集群，{e} 不在此列。本知识库没有收录安全沙箱节点池的迁移步骤：升级前请先向阿里云确认这些节点池和上面的工作负载如何安置。",
                "安全沙箱執行階段只支援 1.24 及以下的叢集，{e} 不在此列。本知識庫未收錄安全沙箱節點池的遷移步驟：升級前請先向阿里雲確認這些節點池與其上的工作負載如何安置。",
                "Runtime kontainer sandbox hanya didukung pada kluster 1.24 ke bawah, dan {e} tidak termasuk. Basis pengetahuan ini tidak memuat langkah migrasi node pool kontainer sandbox: sebelum upgrade, tanyakan ke Alibaba Cloud bagaimana node pool ini dan workload-nya harus ditangani.",
                "サンドボックスコンテナのランタイムは 1.24 以前のクラスターでのみ使え、{e} は対象外です。このナレッジベースにはサンドボックスコンテナのノードプールの移行手順がないため、アップグレードの前に、これらのノードプールとその上のワークロードの扱いを Alibaba Cloud に確認してください。",
            )
        } else {
            t(
                l,
                "安全沙箱运行时只支持 1.24 及以下的集群：计划升级到 1.24 以上时，要先想好这些节点池怎么处理。",
                "安全沙箱執行階段只支援 1.24 及以下的叢集：若計畫升級到 1.24 以上，須先想好這些節點池如何處理。",
                "Runtime kontainer sandbox hanya didukung pada kluster 1.24 ke bawah: jika kelak upgrade melewati 1.24, rencanakan dulu nasib node pool ini.",
                "サンドボックスコンテナのランタイムは 1.24 以前のクラスターでのみ使えます。1.24 より新しいバージョンへ上げる計画があれば、これらのノードプールの扱いを先に決めておいてください。",
            )
            .to_owned()
        }
    }

    pub(super) fn verdict_docker(&self, docker: &[&Group], sandboxed: bool, rows: &[(Level, String)]) -> Verdict {
        let l = self.l;
        let e = self.eff.short();
        let mut details = Vec::new();
        let (level, headline) = if self.eff.minor >= DOCKER_GONE {
            details.push(
                t(
                    l,
                    "从 1.24 起，Docker 不再是内置的容器运行时，1.24 及以上集群的节点池只能选 containerd。",
                    "從 1.24 起，Docker 不再是內建的容器執行階段，1.24 及以上叢集的節點池只能選 containerd。",
                    "Sejak 1.24, Docker bukan lagi runtime kontainer bawaan; node pool pada kluster 1.24 atau lebih baru hanya bisa memakai containerd.",
                    "1.24 以降、Docker は組み込みのコンテナランタイムではなくなり、1.24 以降のクラスターのノードプールは containerd しか選べません。",
                )
                .to_owned(),
            );
            (
                Level::Blocked,
                tr!(
                    l,
                    "不能改用 Docker：{e} 集群的节点池只能使用 containerd",
                    "無法改用 Docker：{e} 叢集的節點池只能使用 containerd",
                    "Tidak bisa beralih ke Docker: node pool pada kluster {e} hanya bisa memakai containerd",
                    "Docker には変更できません。{e} のクラスターのノードプールは containerd のみです",
                ),
            )
        } else if self.eff.minor > DOCKER_LAST {
            details.push(
                t(
                    l,
                    "Docker 运行时只支持 1.22 及以下的集群。",
                    "Docker 執行階段只支援 1.22 及以下的叢集。",
                    "Runtime Docker hanya didukung pada kluster 1.22 ke bawah.",
                    "Docker ランタイムが使えるのは 1.22 以前のクラスターだけです。",
                )
                .to_owned(),
            );
            (
                Level::Blocked,
                tr!(
                    l,
                    "不能改用 Docker：{e} 超出了 Docker 的支持范围（1.22 及以下）",
                    "無法改用 Docker：{e} 超出了 Docker 的支援範圍（1.22 及以下）",
                    "Tidak bisa beralih ke Docker: {e} di luar dukungan Docker (1.22 ke bawah)",
                    "Docker には変更できません。{e} は Docker の対応範囲 (1.22 以前) 外です",
                ),
            )
        } else {
            details.push(
                t(
                    l,
                    "Docker 运行时只支持 1.22 及以下的集群；以后升级到 1.24 或更高版本之前，这些 Docker 节点必须再迁移到 containerd。",
                    "Docker 執行階段只支援 1.22 及以下的叢集；日後升級到 1.24 或更新版本之前，這些 Docker 節點必須再遷移到 containerd。",
                    "Runtime Docker hanya didukung pada kluster 1.22 ke bawah; sebelum kelak upgrade ke 1.24 atau lebih baru, node Docker ini harus dimigrasikan lagi ke containerd.",
                    "Docker ランタイムが使えるのは 1.22 以前のクラスターだけです。将来 1.24 以降へ上げる前に、これらの Docker ノードは再び containerd へ移行しなければなりません。",
                )
                .to_owned(),
            );
            details.push(
                t(
                    l,
                    "推荐的运行时是 containerd。更长久的办法是改造依赖 Docker 的工作负载（见下方检查清单），而不是增加 Docker 节点。",
                    "建議的執行階段是 containerd。較長久的做法是調整依賴 Docker 的工作負載（見下方檢查清單），而不是增加 Docker 節點。",
                    "Runtime yang direkomendasikan adalah containerd. Solusi jangka panjangnya adalah menyesuaikan workload yang bergantung pada Docker (lihat daftar periksa di bawah), bukan menambah node Docker.",
                    "推奨ランタイムは containerd です。長い目で見れば、Docker ノードを増やすより、Docker に依存するワークロードを直すほうが得策です (下の確認項目を参照)。",
                )
                .to_owned(),
            );
            (
                Level::Caution,
                tr!(
                    l,
                    "可以在 {e} 上另建 Docker 节点池，但升级到 1.24 之前还得迁回 containerd",
                    "可以在 {e} 上另建 Docker 節點池，但升級到 1.24 之前還得遷回 containerd",
                    "Node pool Docker terpisah bisa dibuat di {e}, tetapi harus kembali ke containerd sebelum upgrade ke 1.24",
                    "{e} では Docker のノードプールを別に作れますが、1.24 へ上げる前に containerd へ戻す必要があります",
                ),
            )
        };
        details.insert(
            0,
            t(
                l,
                "集群创建后运行时不可更改，已有的 containerd 节点也不能原地改成 Docker；只能新建使用 Docker 的节点池，各节点池的运行时可以不同。",
                "叢集建立後執行階段無法更改，現有的 containerd 節點也不能原地改成 Docker；只能另建使用 Docker 的節點池，各節點池的執行階段可以不同。",
                "Runtime kluster tidak bisa diubah setelah kluster dibuat, dan node containerd yang ada tidak bisa diubah langsung menjadi Docker; yang bisa hanyalah membuat node pool baru yang memakai Docker, karena runtime tiap node pool boleh berbeda.",
                "クラスターの作成後にランタイムは変えられず、既存の containerd ノードをその場で Docker にすることもできません。できるのは Docker を使うノードプールの新規作成だけです (ノードプールごとにランタイムは異なってよい)。",
            )
            .to_owned(),
        );
        if self.eff.minor > DOCKER_LAST {
            details.push(
                t(
                    l,
                    "如果是工作负载依赖 Docker（例如挂载 docker.sock），请按下方清单改造它们，让它们能在 containerd 上运行。",
                    "若是工作負載依賴 Docker（例如掛載 docker.sock），請依下方清單調整，讓它們能在 containerd 上執行。",
                    "Jika alasannya adalah workload yang bergantung pada Docker (misalnya me-mount docker.sock), sesuaikan workload tersebut mengikuti daftar di bawah agar bisa berjalan di containerd.",
                    "Docker が必要な理由がワークロードの依存 (docker.sock のマウントなど) なら、下の確認項目に沿って containerd で動くように直してください。",
                )
                .to_owned(),
            );
        }
        if !docker.is_empty() && self.eff.minor >= DOCKER_GONE {
            details.push(
                t(
                    l,
                    "集群中现有的 Docker 节点池也必须迁移到 containerd。",
                    "叢集中現有的 Docker 節點池也必須遷移到 containerd。",
                    "Node pool Docker yang sudah ada di kluster juga wajib dimigrasikan ke containerd.",
                    "クラスターに残っている Docker のノードプールも containerd へ移行する必要があります。",
                )
                .to_owned(),
            );
        }
        if sandboxed {
            details.push(self.sandboxed_note());
        }
        let level = rows.iter().fold(level, |acc, (lv, _)| worst(acc, *lv));
        Verdict { level, headline, details }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::Level;

    #[test]
    fn unknown_runtime_in_output_is_a_caution() {
        let a = node("n1", "cri-o://1.25.0", &[]);
        let r = report(&[("current_version", "1.26"), ("nodes", &kubectl(&[WIDE, &a]))]);
        assert_eq!(r.verdict.map(|v| v.level), Some(Level::Caution));
    }

    #[test]
    fn docker_goal_on_1_22_explains_the_trade_off() {
        let r = report(&[("current_version", "1.22"), ("target_runtime", "docker"), ("pools", "np-a containerd")]);
        let v = r.verdict.clone().expect("verdict");
        assert_eq!(v.level, Level::Caution);
        assert!(v.details.iter().any(|d| d.contains("1.24")));
        assert!(all_code(&r).contains("nodeSelector"));
    }

    #[test]
    fn docker_goal_on_1_24_offers_no_docker_pool() {
        let r = report(&[("current_version", "1.24"), ("target_runtime", "docker"), ("pools", "np-a containerd")]);
        assert!(!all_code(&r).contains("nodeSelector"));
        assert!(r.verdict.expect("verdict").headline.contains("containerd"));
    }
}
