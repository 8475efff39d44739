//! Moving Docker pools to containerd: the steps, the drain commands of each pool, and the
//! checks for workloads that depend on Docker.

use super::groups::{pool_name, runtime_cell, Group, PoolKey};
use super::plan::Plan;
use super::text::is_safe_name;
use super::POOL_LABEL;
use crate::locale::Locale;
use crate::wizard::{localized as t, Block, Section};

/// Above this many nodes in one pool, the drain commands become a loop.
const EXPLICIT_NODES: usize = 20;

/// An ACK node pool id (`np` and letters or digits), as opposed to a pool's display name.
fn looks_like_pool_id(s: &str) -> bool {
    s.len() >= 10
        && s.len() <= 64
        && s.starts_with("np")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

impl Plan<'_> {
    /// The drain commands of one pool.
    fn drain_commands(&self, g: &Group, code: &mut String) {
        let l = self.l;
        let label = format!("{} ({})", pool_name(&g.key, l), runtime_cell(g, l));
        code.push_str(&format!("# {}\n", label.replace('\n', " ")));
        let names: Vec<&str> = g.nodes.iter().map(|s| s.as_str()).filter(|s| is_safe_name(s)).collect();
        if names.is_empty() {
            match &g.key {
                PoolKey::Named(p) if looks_like_pool_id(p) => {
                    code.push_str(&format!("kubectl get nodes -o wide -l {POOL_LABEL}={p}\n"));
                }
                _ => code.push_str(&format!("kubectl get nodes -o wide -L {POOL_LABEL} | grep docker://\n")),
            }
            code.push_str("kubectl cordon <NODE_NAME>\n");
            code.push_str("kubectl drain <NODE_NAME> --ignore-daemonsets --delete-emptydir-data\n");
        } else if names.len() <= EXPLICIT_NODES {
            for n in names {
                code.push_str(&format!("kubectl cordon {n}\n"));
                code.push_str(&format!("kubectl drain {n} --ignore-daemonsets --delete-emptydir-data\n"));
            }
        } else {
            code.push_str("for node in \\\n");
            for chunk in names.chunks(4) {
                code.push_str(&format!("    {} \\\n", chunk.join(" ")));
            }
            code.push_str("; do\n");
            code.push_str("  kubectl cordon \"$node\"\n");
            code.push_str("  kubectl drain \"$node\" --ignore-daemonsets --delete-emptydir-data\n");
            code.push_str("done\n");
        }
    }

    pub(super) fn migration(&self, docker: &[&Group]) -> Section {
        let l = self.l;
        let pools: Vec<&Group> = docker.iter().copied().filter(|g| g.key != PoolKey::Masters).collect();
        let mut items = vec![
            t(
                l,
                "先做完下面的“依赖 Docker 的工作负载”检查，把找到的问题处理掉。",
                "先完成下方「依賴 Docker 的工作負載」檢查，把找到的問題處理掉。",
                "Selesaikan dulu pemeriksaan \"Workload yang bergantung pada Docker\" di bawah dan perbaiki temuannya.",
                "まず下の「Docker に依存するワークロード」の確認を済ませ、見つかった問題を直します。",
            )
            .to_owned(),
            t(
                l,
                "为每个 Docker 节点池新建一个 containerd 节点池：实例规格、标签（Label）和污点与旧节点池一致，容量足以接住旧节点池上的工作负载。也可以在控制台按文档《将节点容器运行时从Docker迁移到containerd》直接迁移现有节点池的运行时，那样请按文档操作，完成后直接进行验证。",
                "為每個 Docker 節點池另建一個 containerd 節點池：執行個體規格、標籤（Label）與污點和舊節點池一致，容量足以承接舊節點池上的工作負載。也可以在主控台依「將節點容器運行時從 Docker 遷移到 containerd」文件直接遷移現有節點池的執行階段，此時請依文件操作，完成後直接進行驗證。",
                "Untuk setiap node pool Docker, buat node pool containerd baru dengan tipe instans, label, dan taint yang sama serta kapasitas yang cukup untuk menampung workload node pool lama. Cara lain: migrasikan runtime node pool yang ada dari konsol sesuai dokumen migrasi runtime kontainer node dari Docker ke containerd; jika memilih cara ini, ikuti dokumen tersebut lalu langsung lakukan verifikasi.",
                "Docker のノードプールごとに containerd のノードプールを新しく作成します。インスタンスタイプ、ラベル、Taint は古いノードプールに合わせ、古いノードプールのワークロードを受け止められる容量を確保します。コンソールでドキュメント「コンテナランタイムを Docker から containerd に変更する」に従い、既存ノードプールのランタイムを移行する方法もあります。その場合はドキュメントの手順を終えたら、検証に進んでください。",
            )
            .to_owned(),
            t(
                l,
                "等新节点都变成 Ready，并在 kubectl get nodes -o wide 中确认它们的 CONTAINER-RUNTIME 是 containerd://。",
                "等新節點都變成 Ready，並在 kubectl get nodes -o wide 中確認它們的 CONTAINER-RUNTIME 為 containerd://。",
                "Tunggu sampai semua node baru Ready, lalu pastikan di kubectl get nodes -o wide bahwa CONTAINER-RUNTIME-nya containerd://.",
                "新しいノードがすべて Ready になるのを待ち、kubectl get nodes -o wide で CONTAINER-RUNTIME が containerd:// であることを確認します。",
            )
            .to_owned(),
            t(
                l,
                "逐个处理旧节点：先 kubectl cordon 停止调度，再 kubectl drain 驱逐 Pod（命令见下）。一次一个节点，等 Pod 在新节点上 Running 后再处理下一个。",
                "逐一處理舊節點：先用 kubectl cordon 停止排程，再用 kubectl drain 驅逐 Pod（命令見下方）。一次一個節點，等 Pod 在新節點上 Running 後再處理下一個。",
                "Tangani node lama satu per satu: kubectl cordon untuk menghentikan penjadwalan, lalu kubectl drain untuk mengeluarkan Pod (perintah di bawah). Satu node setiap kali; lanjutkan ke node berikutnya setelah Pod berstatus Running di node baru.",
                "古いノードを 1 台ずつ処理します。kubectl cordon でスケジュールを止め、kubectl drain で Pod を退避させます (コマンドは下記)。Pod が新しいノードで Running になってから次のノードに進みます。",
            )
            .to_owned(),
            t(
                l,
                "验证：kubectl get nodes -o wide 中可调度的节点都是 containerd://，工作负载都处于 Running。",
                "驗證：kubectl get nodes -o wide 中可排程的節點都是 containerd://，工作負載都處於 Running。",
                "Verifikasi: di kubectl get nodes -o wide semua node yang bisa dijadwalkan memakai containerd://, dan workload berstatus Running.",
                "検証: kubectl get nodes -o wide でスケジュール可能なノードがすべて containerd:// で、ワークロードが Running であることを確かめます。",
            )
            .to_owned(),
            t(
                l,
                "确认无误后，在控制台删除旧的 Docker 节点池。",
                "確認無誤後，在主控台刪除舊的 Docker 節點池。",
                "Setelah semuanya dipastikan beres, hapus node pool Docker lama dari konsol.",
                "問題がないことを確かめてから、コンソールで古い Docker のノードプールを削除します。",
            )
            .to_owned(),
        ];
        items.push(match self.tgt.filter(|_| self.upgrading) {
            Some(tv) => {
                let tv = tv.short();
                tr!(
                    l,
                    "最后才升级集群到 {tv}：用 ACK 的集群升级功能，并先运行前置检查（见“升级集群”）。",
                    "最後才將叢集升級到 {tv}：使用 ACK 的叢集升級功能，並先執行預先檢查（見「升級叢集」）。",
                    "Terakhir, barulah upgrade kluster ke {tv} dengan fitur upgrade kluster ACK, didahului pemeriksaan awal (pre-check) (lihat \"Upgrade kluster\").",
                    "最後に、ACK のクラスターアップグレード機能でクラスターを {tv} へ上げます。先に事前チェックを実行してください (「クラスターのアップグレード」を参照)。",
                )
            }
            None => t(
                l,
                "以后要升级到 1.24 或更高版本时，先确认集群里已经没有 Docker 节点。",
                "日後要升級到 1.24 或更新版本時，先確認叢集中已沒有 Docker 節點。",
                "Kelak, sebelum upgrade ke 1.24 atau lebih baru, pastikan dulu tidak ada lagi node Docker di kluster.",
                "将来 1.24 以降へ上げるときは、その前にクラスターに Docker ノードが残っていないことを確かめます。",
            )
            .to_owned(),
        });

        let mut blocks = vec![Block::List { ordered: true, items }];
        if !pools.is_empty() {
            blocks.push(Block::Text {
                text: t(
                    l,
                    "腾空旧节点（每个旧节点先 cordon 再 drain）：",
                    "清空舊節點（每個舊節點先 cordon 再 drain）：",
                    "Kosongkan node lama (cordon lalu drain untuk setiap node):",
                    "古いノードを空にします (各ノードで cordon のあと drain):",
                )
                .to_owned(),
            });
            let mut code = String::new();
            for (i, g) in pools.iter().enumerate() {
                if i > 0 {
                    code.push('\n');
                }
                self.drain_commands(g, &mut code);
            }
            blocks.push(Block::Command { lang: "bash".to_owned(), code });
        }
        if docker.iter().any(|g| g.key == PoolKey::Masters) {
            blocks.push(Block::Text {
                text: t(
                    l,
                    "Master 节点上的 Docker 不在上面的命令里：它们不属于节点池，请按 ACK 文档单独处理，不要对 Master 节点执行 drain。",
                    "Master 節點上的 Docker 不在上方的命令中：它們不屬於節點池，請依 ACK 文件另行處理，不要對 Master 節點執行 drain。",
                    "Node Master yang memakai Docker tidak ada dalam perintah di atas: node tersebut bukan bagian node pool, jadi tangani terpisah sesuai dokumentasi ACK dan jangan jalankan drain pada node Master.",
                    "Docker を使う Master ノードは上のコマンドに含めていません。ノードプールに属さないため、ACK のドキュメントに沿って別に扱い、Master ノードには drain を実行しないでください。",
                )
                .to_owned(),
            });
        }
        blocks.push(Block::Check {
            text: t(
                l,
                "新节点已就绪：可调度的节点都显示 containerd://，只有已 cordon 的旧节点还显示 docker://。",
                "新節點已就緒：可排程的節點都顯示 containerd://，只有已 cordon 的舊節點仍顯示 docker://。",
                "Node baru siap: semua node yang bisa dijadwalkan menunjukkan containerd://, hanya node lama yang sudah di-cordon yang masih docker://.",
                "新しいノードの準備完了: スケジュール可能なノードはすべて containerd:// で、docker:// は cordon 済みの古いノードだけです。",
            )
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get nodes -o wide".to_owned(),
        });
        blocks.push(Block::Text {
            text: t(l, "输出类似：", "輸出類似：", "Output-nya kira-kira:", "出力例:").to_owned(),
        });
        let old = pools
            .iter()
            .flat_map(|g| g.nodes.first())
            .find(|n| is_safe_name(n))
            .map(|s| s.as_str())
            .unwrap_or("<OLD_NODE_NAME>");
        let old_runtime = pools
            .iter()
            .flat_map(|g| g.runtimes.iter())
            .find(|r| r.starts_with("docker://"))
            .map(|s| s.as_str())
            .unwrap_or("docker://19.3.15");
        let width = old.len().max("<NEW_NODE_NAME>".len()) + 3;
        blocks.push(Block::Output {
            code: format!(
                "{:w$}{:27}... CONTAINER-RUNTIME\n{:w$}{:27}... {}\n{:w$}{:27}... containerd://1.6.20\n",
                "NAME",
                "STATUS",
                old,
                "Ready,SchedulingDisabled",
                old_runtime,
                "<NEW_NODE_NAME>",
                "Ready",
                w = width
            ),
        });
        blocks.push(Block::Check {
            text: t(
                l,
                "工作负载都在运行：下面的命令应当没有输出（或只剩预期中的 Pod）。",
                "工作負載都在執行：下方命令應該沒有輸出（或只剩預期中的 Pod）。",
                "Workload berjalan: perintah berikut seharusnya tidak menampilkan apa pun (atau hanya Pod yang memang diharapkan).",
                "ワークロードが動いている: 次のコマンドの出力が空 (または想定どおりの Pod だけ) であること。",
            )
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get pods -A -o wide --field-selector=status.phase!=Running,status.phase!=Succeeded".to_owned(),
        });
        Section {
            title: t(
                l,
                "从 Docker 迁移到 containerd 的步骤",
                "從 Docker 遷移到 containerd 的步驟",
                "Langkah migrasi dari Docker ke containerd",
                "Docker から containerd への移行手順",
            )
            .to_owned(),
            blocks,
        }
    }

    pub(super) fn checklist(&self) -> Section {
        let l = self.l;
        let blocks = vec![
            Block::Text {
                text: t(
                    l,
                    "containerd 节点上没有 Docker 守护进程，也没有 /var/run/docker.sock。逐项检查，每条命令有输出就说明有工作负载需要调整：",
                    "containerd 節點上沒有 Docker 常駐程式，也沒有 /var/run/docker.sock。請逐項檢查，每條命令若有輸出，就表示有工作負載需要調整：",
                    "Node containerd tidak menjalankan daemon Docker dan tidak punya /var/run/docker.sock. Periksa satu per satu; bila sebuah perintah menampilkan hasil, ada workload yang perlu disesuaikan:",
                    "containerd のノードには Docker デーモンも /var/run/docker.sock もありません。1 項目ずつ確認し、コマンドが何か出力したら、そのワークロードは手直しが必要です。",
                )
                .to_owned(),
            },
            Block::Check {
                text: t(
                    l,
                    "通过 hostPath 挂载 docker.sock 的 Pod（例如监控、CI 代理）：换到 containerd 后连不上 Docker，需要改用 containerd 的接口或其他方案。",
                    "透過 hostPath 掛載 docker.sock 的 Pod（例如監控、CI 代理程式）：換到 containerd 後連不上 Docker，需要改用 containerd 的介面或其他方案。",
                    "Pod yang me-mount docker.sock lewat hostPath (misalnya agen monitoring atau CI): di containerd, Pod ini tidak bisa lagi terhubung ke Docker dan harus beralih ke antarmuka containerd atau cara lain.",
                    "hostPath で docker.sock をマウントしている Pod (監視エージェントや CI エージェントなど): containerd では Docker に接続できないため、containerd のインターフェースなど別の手段に切り替えます。",
                )
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.volumes[*]}{.hostPath.path}{\" \"}{end}{\"\\n\"}{end}' | grep -E 'docker\\.sock|/var/run/docker|/run/docker'".to_owned(),
            },
            Block::Check {
                text: t(
                    l,
                    "在容器里调用 docker 命令的工作负载（docker build、docker ps、Docker in Docker 镜像等）：节点上不再有 Docker 可用。",
                    "在容器內呼叫 docker 命令的工作負載（docker build、docker ps、Docker in Docker 映像等）：節點上不再有 Docker 可用。",
                    "Workload yang menjalankan perintah docker di dalam kontainer (docker build, docker ps, image Docker-in-Docker, dan sebagainya): node tidak lagi menyediakan Docker.",
                    "コンテナ内で docker コマンドを使うワークロード (docker build、docker ps、Docker in Docker のイメージなど): ノードで Docker が使えなくなります。",
                )
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.initContainers[*]}{.image} {.command} {.args} {end}{range .spec.containers[*]}{.image} {.command} {.args} {end}{\"\\n\"}{end}' | grep -iE 'docker([^.]|$)|dind'".to_owned(),
            },
            Block::Check {
                text: t(
                    l,
                    "从 /var/lib/docker 读取容器日志的日志采集器：containerd 节点上的容器日志在 /var/log/pods（/var/log/containers 下是指向它的链接），采集路径需要调整。",
                    "從 /var/lib/docker 讀取容器日誌的日誌收集器：containerd 節點上的容器日誌位於 /var/log/pods（/var/log/containers 下是指向它的連結），收集路徑需要調整。",
                    "Pengumpul log yang membaca log kontainer dari /var/lib/docker: di node containerd, log kontainer ada di /var/log/pods (/var/log/containers berisi tautan ke sana), jadi path pengumpulannya harus diubah.",
                    "/var/lib/docker からコンテナログを読むログコレクター: containerd のノードではコンテナログは /var/log/pods にあり (/var/log/containers はそこへのリンク)、収集パスの変更が必要です。",
                )
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.volumes[*]}{.hostPath.path}{\" \"}{end}{\"\\n\"}{end}' | grep /var/lib/docker\n\
kubectl get configmaps -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{.data}{\"\\n\"}{end}' | grep /var/lib/docker | cut -f1".to_owned(),
            },
            Block::Text {
                text: t(
                    l,
                    "节点上的运维脚本也要检查：containerd 节点上用 crictl 代替 docker，例如 crictl ps、crictl pods。",
                    "節點上的維運指令碼也要檢查：containerd 節點上以 crictl 取代 docker，例如 crictl ps、crictl pods。",
                    "Periksa juga skrip operasional di node: di node containerd, gunakan crictl sebagai pengganti docker, misalnya crictl ps dan crictl pods.",
                    "ノード上の運用スクリプトも確認します。containerd のノードでは docker の代わりに crictl (crictl ps、crictl pods など) を使います。",
                )
                .to_owned(),
            },
        ];
        Section {
            title: t(
                l,
                "依赖 Docker 的工作负载",
                "依賴 Docker 的工作負載",
                "Workload yang bergantung pada Docker",
                "Docker に依存するワークロード",
            )
            .to_owned(),
            blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::Severity;

    #[test]
    fn master_nodes_are_never_drained() {
        let mut m = node("master-1", "docker://19.3.15", &[]);
        m[2] = "master";
        let w = node("worker-1", "docker://19.3.15", &["np-w"]);
        let text = kubectl(&[WIDE_POOL, &m, &w]);
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        assert!(r.for_field("nodes").any(|m| m.severity == Severity::Warning && m.message.contains("Master")));
        let code = all_code(&r);
        assert!(code.contains("kubectl drain worker-1 "));
        assert!(!code.contains("master-1"));
    }

    #[test]
    fn typed_pools_get_placeholders_and_a_pool_selector() {
        let r = report(&[
            ("current_version", "1.22"),
            ("target_version", "1.24"),
            ("pools", "np1f6779297c4444a3a1cdd29c8d4d4d docker\nnp-web docker\n默认节点池 docker"),
        ]);
        let code = all_code(&r);
        assert!(
            code.contains("kubectl get nodes -o wide -l alibabacloud.com/nodepool-id=np1f6779297c4444a3a1cdd29c8d4d4d")
        );
        // A display name is not a label value: list the Docker nodes instead.
        assert!(!code.contains("nodepool-id=np-web"));
        assert!(code.contains("kubectl get nodes -o wide -L alibabacloud.com/nodepool-id | grep docker://"));
        assert!(code.contains("kubectl cordon <NODE_NAME>"));
        assert!(code.contains("kubectl drain <NODE_NAME> --ignore-daemonsets --delete-emptydir-data"));
        // A name that is not a plain id never goes into a command.
        assert!(!code.contains("nodepool-id=默认节点池"));
    }

    #[test]
    fn many_nodes_become_a_loop() {
        let names: Vec<String> = (0..30).map(|i| format!("node-{i}")).collect();
        let mut rows: Vec<Vec<&str>> = vec![WIDE_POOL.to_vec()];
        for n in &names {
            rows.push(node(n, "docker://19.3.15", &["np-big"]));
        }
        let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        let r = report(&[("current_version", "1.22"), ("nodes", &kubectl(&refs))]);
        let code = all_code(&r);
        assert!(code.contains("for node in"));
        assert!(code.contains("node-29"));
        assert!(code.contains("kubectl drain \"$node\" --ignore-daemonsets --delete-emptydir-data"));
    }
}
