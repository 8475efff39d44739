//! The plan: the result table, then the sections the verdict calls for (migration, the
//! Docker pool, sandboxed workloads, the upgrade) and the related knowledge base entries.

use super::groups::{pool_name, runtime_cell, Group, Kind};
use super::rules::{pool_verdict, Goal, DOCKER_GONE, DOCKER_LAST, SANDBOXED_LAST};
use super::version::Version;
use super::{ENTRIES, POOL_LABEL};
use crate::locale::Locale;
use crate::wizard::{localized as t, Block, Level, Section, Verdict};

pub(super) struct Plan<'a> {
    pub(super) l: Locale,
    pub(super) goal: Goal,
    pub(super) cur: Version,
    pub(super) tgt: Option<Version>,
    /// The version the cluster will run: the target, else the current version.
    pub(super) eff: Version,
    /// Whether the target is newer than the current version.
    pub(super) upgrading: bool,
    pub(super) groups: &'a [Group],
}

impl Plan<'_> {
    pub(super) fn build(&self) -> (Verdict, Vec<Section>) {
        let l = self.l;
        let rows: Vec<(Level, String)> =
            self.groups.iter().map(|g| pool_verdict(g, self.goal, self.cur, self.eff, l)).collect();
        let docker: Vec<&Group> = self.groups.iter().filter(|g| g.kind == Kind::Docker).collect();
        let sandboxed = self.groups.iter().any(|g| g.kind == Kind::Sandboxed);
        let other = self.groups.iter().any(|g| g.kind == Kind::Other);

        let mut sections = vec![self.table(&rows)];
        let verdict = match self.goal {
            Goal::Containerd => {
                let verdict = self.verdict_containerd(&docker, sandboxed, other, &rows);
                if !docker.is_empty() {
                    sections.push(self.migration(&docker));
                    sections.push(self.checklist());
                }
                if sandboxed && self.eff.minor > SANDBOXED_LAST {
                    sections.push(self.sandboxed_workloads());
                }
                verdict
            }
            Goal::Docker => {
                let verdict = self.verdict_docker(&docker, sandboxed, &rows);
                if self.eff.minor <= DOCKER_LAST {
                    sections.push(self.docker_pool_plan());
                }
                sections.push(self.checklist());
                if sandboxed && self.eff.minor > SANDBOXED_LAST {
                    sections.push(self.sandboxed_workloads());
                }
                verdict
            }
        };
        if self.upgrading {
            sections.push(self.upgrade(!docker.is_empty()));
        }
        sections.push(self.entries());
        (verdict, sections)
    }

    fn table(&self, rows: &[(Level, String)]) -> Section {
        let l = self.l;
        let headers = [
            t(l, "节点池", "節點池", "Node pool", "ノードプール"),
            t(l, "运行时", "執行階段", "Runtime", "ランタイム"),
            t(l, "节点数", "節點數", "Jumlah node", "ノード数"),
            t(l, "结论", "結論", "Kesimpulan", "判定"),
        ];
        let rows = self
            .groups
            .iter()
            .zip(rows)
            .map(|(g, (_, cell))| {
                let count = if g.from_nodes { g.nodes.len().to_string() } else { "—".to_owned() };
                vec![pool_name(&g.key, l), runtime_cell(g, l), count, cell.clone()]
            })
            .collect();
        Section {
            title: t(l, "各节点池的结论", "各節點池的結論", "Kesimpulan per node pool", "ノードプールごとの判定")
                .to_owned(),
            blocks: vec![Block::Table { headers: headers.iter().map(|s| s.to_string()).collect(), rows }],
        }
    }

    pub(super) fn pool_list(&self, pools: &[&Group]) -> String {
        let l = self.l;
        let mut names: Vec<String> = pools.iter().take(5).map(|g| pool_name(&g.key, l)).collect();
        if pools.len() > 5 {
            names.push("…".to_owned());
        }
        names.join(t(l, "、", "、", ", ", "、"))
    }

    fn docker_pool_plan(&self) -> Section {
        let l = self.l;
        let items = vec![
            t(
                l,
                "先看下方的检查清单：如果能让工作负载摆脱对 Docker 的依赖，就继续用 containerd，不必新建 Docker 节点池。",
                "先看下方的檢查清單：若能讓工作負載擺脫對 Docker 的依賴，就繼續使用 containerd，不必另建 Docker 節點池。",
                "Lihat dulu daftar periksa di bawah: jika workload bisa dilepaskan dari ketergantungan pada Docker, tetaplah di containerd tanpa membuat node pool Docker.",
                "まず下の確認項目を見てください。ワークロードの Docker 依存をなくせるなら、Docker のノードプールは作らず containerd のままにします。",
            )
            .to_owned(),
            t(
                l,
                "确实需要时，在控制台新建一个节点池，运行时选 Docker，规模只满足依赖 Docker 的工作负载即可。",
                "確實需要時，在主控台另建一個節點池，執行階段選 Docker，規模只需滿足依賴 Docker 的工作負載。",
                "Jika memang perlu, buat node pool baru di konsol dengan runtime Docker, cukup sebesar kebutuhan workload yang bergantung pada Docker.",
                "どうしても必要な場合は、コンソールでランタイムに Docker を選んだノードプールを作成します。規模は Docker に依存するワークロードの分だけにとどめます。",
            )
            .to_owned(),
            t(
                l,
                "用 nodeSelector 把这些工作负载固定到新节点池（命令见下），其余工作负载留在 containerd 节点上。",
                "用 nodeSelector 將這些工作負載固定到新節點池（命令見下方），其餘工作負載留在 containerd 節點上。",
                "Tambatkan workload tersebut ke node pool baru dengan nodeSelector (perintah di bawah); workload lain tetap di node containerd.",
                "nodeSelector でこれらのワークロードを新しいノードプールに固定し (コマンドは下記)、ほかのワークロードは containerd のノードに残します。",
            )
            .to_owned(),
            t(
                l,
                "把这个节点池记进升级计划：升级到 1.24 或更高版本之前，它必须迁回 containerd。",
                "把這個節點池記入升級計畫：升級到 1.24 或更新版本之前，它必須遷回 containerd。",
                "Catat node pool ini dalam rencana upgrade: sebelum upgrade ke 1.24 atau lebih baru, node pool ini wajib kembali ke containerd.",
                "このノードプールをアップグレード計画に書き込んでおきます。1.24 以降へ上げる前に containerd へ戻す必要があります。",
            )
            .to_owned(),
        ];
        let code = format!(
            "kubectl get nodes -o wide -L {POOL_LABEL}\n\
             kubectl patch deployment <DEPLOYMENT_NAME> -n <NAMESPACE> -p '{{\"spec\":{{\"template\":{{\"spec\":{{\"nodeSelector\":{{\"{POOL_LABEL}\":\"<NODEPOOL_ID>\"}}}}}}}}}}'\n"
        );
        Section {
            title: t(
                l,
                "如果一定要用 Docker",
                "如果一定要使用 Docker",
                "Jika Docker benar-benar diperlukan",
                "どうしても Docker が必要な場合",
            )
            .to_owned(),
            blocks: vec![Block::List { ordered: true, items }, Block::Command { lang: "bash".to_owned(), code }],
        }
    }

    fn sandboxed_workloads(&self) -> Section {
        let l = self.l;
        let check = Block::Check {
            text: t(
                l,
                "列出指定了 runtimeClassName 的 Pod：其中选用安全沙箱运行时的，都依赖安全沙箱节点池，升级前要先安排好。",
                "列出指定了 runtimeClassName 的 Pod：其中選用安全沙箱執行階段的，都依賴安全沙箱節點池，升級前須先安排妥當。",
                "Tampilkan Pod yang menetapkan runtimeClassName: Pod yang memilih runtime kontainer sandbox bergantung pada node pool kontainer sandbox dan perlu diatur sebelum upgrade.",
                "runtimeClassName を指定している Pod を一覧します。サンドボックスコンテナのランタイムを選んでいる Pod はそのノードプールに依存するため、アップグレードの前に扱いを決めておきます。",
            )
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{.spec.runtimeClassName}{\"\\n\"}{end}' | awk -F'\\t' '$2 != \"\"'".to_owned(),
        };
        Section {
            title: t(
                l,
                "使用安全沙箱的工作负载",
                "使用安全沙箱的工作負載",
                "Workload yang memakai kontainer sandbox",
                "サンドボックスコンテナを使うワークロード",
            )
            .to_owned(),
            blocks: vec![check],
        }
    }

    fn upgrade(&self, had_docker: bool) -> Section {
        let l = self.l;
        let tv = self.eff.short();
        let mut items = vec![
            t(
                l,
                "只用 ACK 控制台的集群升级功能升级，不要自行升级 K8s 版本。",
                "只使用 ACK 主控台的叢集升級功能升級，不要自行升級 K8s 版本。",
                "Upgrade hanya lewat fitur upgrade kluster di konsol ACK; jangan meng-upgrade versi K8s sendiri.",
                "アップグレードは ACK コンソールのクラスターアップグレード機能だけで行い、K8s バージョンを独自に上げないでください。",
            )
            .to_owned(),
            t(
                l,
                "升级前运行前置检查，按结果逐项修复阻塞项。",
                "升級前執行預先檢查，依結果逐項修正阻礙項目。",
                "Sebelum upgrade, jalankan pemeriksaan awal (pre-check) dan perbaiki setiap hambatan yang ditemukan.",
                "アップグレードの前に事前チェックを実行し、結果に沿ってブロック要因を一つずつ解消します。",
            )
            .to_owned(),
            tr!(
                l,
                "阅读 {tv} 的版本说明，对照 ACK 提示的升级风险评估对业务的影响。",
                "閱讀 {tv} 的版本說明，對照 ACK 提示的升級風險評估對業務的影響。",
                "Baca catatan rilis {tv} dan nilai dampaknya pada bisnis berdasarkan risiko upgrade yang ditampilkan ACK.",
                "{tv} のリリースノートを読み、ACK が示すアップグレードのリスクと照らして業務への影響を見極めます。",
            ),
            t(
                l,
                "集群升级不能回滚：事先做好升级计划和出问题时的预案。",
                "叢集升級無法回溯：事先擬好升級計畫與出問題時的應變方案。",
                "Upgrade kluster tidak bisa di-rollback: siapkan rencana upgrade dan langkah cadangan bila terjadi masalah.",
                "クラスターのアップグレードはロールバックできません。アップグレード計画と、問題が起きたときの対応策を先に用意します。",
            )
            .to_owned(),
        ];
        let mut blocks = Vec::new();
        if had_docker && self.eff.minor >= DOCKER_GONE {
            items.insert(
                0,
                t(
                    l,
                    "确认集群里已经没有 Docker 节点（见下方检查）。",
                    "確認叢集中已沒有 Docker 節點（見下方檢查）。",
                    "Pastikan tidak ada lagi node Docker di kluster (lihat pemeriksaan di bawah).",
                    "クラスターに Docker ノードが残っていないことを確かめます (下の確認を参照)。",
                )
                .to_owned(),
            );
        }
        blocks.push(Block::List { ordered: true, items });
        if had_docker && self.eff.minor >= DOCKER_GONE {
            blocks.push(Block::Check {
                text: t(
                    l,
                    "没有 Docker 节点：下面的命令应当没有任何输出。",
                    "沒有 Docker 節點：下方命令應該沒有任何輸出。",
                    "Tidak ada node Docker: perintah berikut seharusnya tidak menampilkan apa pun.",
                    "Docker ノードがない: 次のコマンドは何も出力しないはずです。",
                )
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get nodes -o wide | grep docker://".to_owned(),
            });
        }
        Section {
            title: tr!(
                l,
                "升级集群到 {tv}",
                "將叢集升級到 {tv}",
                "Upgrade kluster ke {tv}",
                "クラスターを {tv} へアップグレード",
            ),
            blocks,
        }
    }

    fn entries(&self) -> Section {
        let l = self.l;
        let text = |id: &str| match id {
            "change-container-runtime" => t(
                l,
                "创建集群后能否更换容器运行时",
                "建立叢集後能否更換容器執行階段",
                "Bisakah runtime kontainer diganti setelah kluster dibuat?",
                "クラスター作成後にコンテナランタイムを変更できるか",
            ),
            "runtime-comparison" => t(
                l,
                "containerd、Docker 与安全沙箱的区别和版本限制",
                "containerd、Docker 與安全沙箱的差異與版本限制",
                "Perbedaan containerd, Docker, dan kontainer sandbox beserta batas versinya",
                "containerd・Docker・サンドボックスコンテナの違いとバージョン制限",
            ),
            _ => t(
                l,
                "升级集群 K8s 版本的注意事项",
                "升級叢集 K8s 版本的注意事項",
                "Catatan upgrade versi K8s kluster ACK",
                "ACK クラスターの K8s バージョンアップグレードの注意事項",
            ),
        };
        Section {
            title: t(
                l,
                "相关知识库条目",
                "相關知識庫條目",
                "Entri basis pengetahuan terkait",
                "関連するナレッジベースの記事",
            )
            .to_owned(),
            blocks: ENTRIES.iter().map(|id| Block::Entry { id: (*id).to_owned(), text: text(id).to_owned() }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::locale::Locale;
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::runtime::{evaluate, ENTRIES};
    use crate::wizard::{Block, Inputs};

    #[test]
    fn plan_orders_migration_before_upgrade_and_links_entries() {
        let r = report(&[("current_version", "1.22"), ("target_version", "1.26"), ("pools", "np-a docker")]);
        let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
        let pos = |needle: &str| {
            titles.iter().position(|t| t.contains(needle)).unwrap_or_else(|| panic!("{needle}: {titles:?}"))
        };
        assert!(pos("迁移到 containerd 的步骤") < pos("升级集群到 1.26"));
        let migration = &r.sections[pos("迁移到 containerd 的步骤")];
        let Block::List { ordered: true, items } = &migration.blocks[0] else { panic!("ordered list first") };
        assert!(items.last().is_some_and(|i| i.contains("1.26")));
        let checks = r.sections.iter().flat_map(|s| &s.blocks).filter(|b| matches!(b, Block::Check { .. })).count();
        assert!(checks >= 4);
        let code = all_code(&r);
        assert!(code.contains("docker\\.sock") && code.contains("/var/lib/docker") && !code.contains("jq"));
        let entries: Vec<&str> = r
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Entry { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(entries, ENTRIES);
    }

    #[test]
    fn tables_are_rectangular() {
        for c in cases() {
            let inputs: Inputs = c.inputs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
            for l in Locale::ALL {
                let r = evaluate(&inputs, l);
                for b in r.sections.iter().flat_map(|s| &s.blocks) {
                    if let Block::Table { headers, rows } = b {
                        assert!(rows.iter().all(|r| r.len() == headers.len()), "{}", c.name);
                    }
                    if let Block::Command { lang, .. } | Block::Check { lang, .. } = b {
                        assert_eq!(lang, "bash");
                    }
                }
            }
        }
    }
}
