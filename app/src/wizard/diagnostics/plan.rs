//! The diagnostics wizard's reports: the verdict, the exact commands for the node, where
//! the archive is, what to upload and what to check next, and the linked entries.

use super::output::{example_text, found_text, is_example, not_found_text, several_text, wrong_kind_text, Archive, Os};
use super::words::entry_text;
use crate::locale::Locale;
use crate::wizard::{fill_template as fill, localized as t, Block, FieldMessage, Level, Report, Section, Verdict};

/// The Linux script's only download address (cn-hangzhou, whatever the cluster's region).
const LINUX_CURL: &str = "curl -o /usr/local/bin/diagnose_k8s.sh https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/diagnose/diagnose_k8s.sh";
const LINUX_CHMOD: &str = "chmod u+x /usr/local/bin/diagnose_k8s.sh";
const LINUX_CD: &str = "cd /usr/local/bin";
const LINUX_RUN: &str = "diagnose_k8s.sh";

/// The Windows script's address in a region (the id has been validated: `[a-z0-9-]` only).
fn windows_command(region: &str) -> String {
    format!(
        "Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-{region}.oss-{region}.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1 | Invoke-Expression"
    )
}

pub(super) struct Plan {
    pub(super) dedicated: bool,
    pub(super) master: bool,
    pub(super) os: Os,
    pub(super) region: String,
}

fn text(s: impl Into<String>) -> Block {
    Block::Text { text: s.into() }
}

fn command(lang: &str, code: impl Into<String>) -> Block {
    Block::Command { lang: lang.to_owned(), code: code.into() }
}

fn check(text: impl Into<String>, lang: &str, code: impl Into<String>) -> Block {
    Block::Check { text: text.into(), lang: lang.to_owned(), code: code.into() }
}

fn entries_section(ids: &[&str], l: Locale) -> Section {
    Section {
        title: t(l, "相关条目", "相關條目", "Entri terkait", "関連する記事").to_owned(),
        blocks: ids.iter().map(|id| Block::Entry { id: (*id).to_owned(), text: entry_text(id, l).to_owned() }).collect(),
    }
}

fn console_first(l: Locale) -> &'static str {
    t(
        l,
        "建议先用控制台的一键集群诊断定位问题；它给不出足够的信息时，再在节点上运行诊断脚本。",
        "建議先用主控台的一鍵叢集診斷找出問題；資訊不夠時，再到節點上執行診斷指令碼。",
        "Sebaiknya coba dulu diagnostik kluster sekali klik di konsol; bila informasinya belum cukup, baru jalankan skrip diagnostik di node.",
        "まずコンソールのワンクリック診断 (クラスター診断) で問題を絞り込み、それでも情報が足りない場合にノードで診断スクリプトを実行してください。",
    )
}

/// The kubectl checks, which run from any machine with the cluster's kubeconfig.
fn kubectl_checks(l: Locale) -> Vec<Block> {
    vec![
        check(
            t(
                l,
                "所有节点都在列表中，且 STATUS 为 Ready",
                "所有節點都在清單中，且 STATUS 為 Ready",
                "Semua node ada di daftar dan STATUS-nya Ready",
                "すべてのノードが一覧にあり、STATUS が Ready である",
            ),
            "bash",
            "kubectl get nodes",
        ),
        check(
            t(
                l,
                "异常节点的详细信息和事件（把 <NODE_NAME> 换成节点名称）",
                "異常節點的詳細資料與事件（把 <NODE_NAME> 換成節點名稱）",
                "Detail dan event node yang bermasalah (ganti <NODE_NAME> dengan nama node)",
                "異常なノードの詳細とイベント (<NODE_NAME> はノード名に置き換え)",
            ),
            "bash",
            "kubectl describe node <NODE_NAME>",
        ),
        check(
            t(
                l,
                "kube-system 中的组件 Pod 都正常运行（kube- 开头的是系统组件，coredns- 开头的是 DNS 插件）",
                "kube-system 中的元件 Pod 都正常執行（kube- 開頭的是系統元件，coredns- 開頭的是 DNS 外掛程式）",
                "Semua pod komponen di kube-system berjalan normal (pod berawalan kube- adalah komponen sistem, coredns- adalah plugin DNS)",
                "kube-system のコンポーネント Pod がすべて正常に動いている (kube- で始まるものはシステムコンポーネント、coredns- で始まるものは DNS プラグイン)",
            ),
            "bash",
            "kubectl get pods -n kube-system",
        ),
        check(
            t(
                l,
                "异常组件的日志（把 <POD_NAME> 换成异常 Pod 的名称）",
                "異常元件的日誌（把 <POD_NAME> 換成異常 Pod 的名稱）",
                "Log komponen yang bermasalah (ganti <POD_NAME> dengan nama pod yang bermasalah)",
                "異常なコンポーネントのログ (<POD_NAME> は異常な Pod の名前に置き換え)",
            ),
            "bash",
            "kubectl logs -f <POD_NAME> -n kube-system",
        ),
    ]
}

pub(super) fn managed_master_report(messages: Vec<FieldMessage>, l: Locale) -> Report {
    let verdict = Verdict {
        level: Level::Blocked,
        headline: t(
            l,
            "托管集群的控制面无法登录，请改用控制台的一键集群诊断",
            "託管叢集的控制平面無法登入，請改用主控台的一鍵叢集診斷",
            "Control plane kluster terkelola tidak bisa dimasuki; gunakan diagnostik kluster sekali klik di konsol",
            "マネージドクラスターのコントロールプレーンにはログインできません。コンソールのワンクリック診断 (クラスター診断) を使ってください",
        )
        .to_owned(),
        details: vec![
            t(
                l,
                "ACK 托管集群的控制面节点由阿里云完全托管，你无法登录它们的终端，所以也无法在上面运行诊断脚本。",
                "ACK 託管叢集的控制平面節點由阿里雲完全代管，你無法登入其終端機，因此也無法在上面執行診斷指令碼。",
                "Node control plane kluster terkelola ACK sepenuhnya dikelola oleh Alibaba Cloud. Anda tidak bisa login ke terminalnya, sehingga skrip diagnostik tidak bisa dijalankan di sana.",
                "ACK マネージドクラスターのコントロールプレーンノードは Alibaba Cloud が完全に管理しているため、ターミナルにログインできず、診断スクリプトも実行できません。",
            )
            .to_owned(),
            t(
                l,
                "控制台的集群诊断（一键故障诊断）可以帮你定位集群中的问题；异常的 Worker 节点仍然可以用诊断脚本收集信息。",
                "主控台的叢集診斷（一鍵故障診斷）可以協助你找出叢集中的問題；異常的 Worker 節點仍可用診斷指令碼收集資訊。",
                "Diagnostik kluster (diagnosis sekali klik) di konsol membantu melacak masalah di kluster; dari node Worker yang bermasalah Anda tetap bisa mengumpulkan informasi dengan skrip diagnostik.",
                "コンソールのクラスター診断 (ワンクリック障害診断) でクラスターの問題を絞り込めます。異常な Worker ノードからは、引き続き診断スクリプトで情報を収集できます。",
            )
            .to_owned(),
        ],
    };
    let sections = vec![
        Section {
            title: t(l, "使用控制台的集群诊断", "使用主控台的叢集診斷", "Gunakan diagnostik kluster di konsol", "コンソールのクラスター診断を使う").to_owned(),
            blocks: vec![
                text(t(
                    l,
                    "在容器服务 ACK 控制台中对这个集群运行集群诊断（一键故障诊断），由系统检查集群并帮你定位问题。具体操作见文档《使用集群诊断》。",
                    "在 ACK 主控台對這個叢集執行叢集診斷（一鍵故障診斷），由系統檢查叢集並協助你找出問題。操作方式請見「使用叢集診斷」文件。",
                    "Di konsol ACK, jalankan diagnostik kluster (diagnosis sekali klik) untuk kluster ini; sistem akan memeriksa kluster dan membantu menemukan masalahnya. Caranya dijelaskan di dokumen \"Gunakan diagnostik kluster\".",
                    "ACK コンソールでこのクラスターに対してクラスター診断 (ワンクリック障害診断) を実行すると、システムがクラスターを検査して問題の特定を助けます。操作方法はドキュメント「クラスター診断の使用」を参照してください。",
                )),
                text(t(
                    l,
                    "控制面的高可用由阿里云负责。如果业务确实需要登录控制面节点，只能考虑 ACK 专有集群，详见下面的条目。",
                    "控制平面的高可用由阿里雲負責。若業務確實需要登入控制平面節點，只能考慮 ACK 專有叢集，詳見下方條目。",
                    "Ketersediaan tinggi control plane menjadi tanggung jawab Alibaba Cloud. Jika Anda memang perlu login ke node control plane, satu-satunya pilihan adalah kluster khusus (dedicated) ACK; lihat entri di bawah.",
                    "コントロールプレーンの高可用性は Alibaba Cloud が担います。どうしてもコントロールプレーンノードにログインする必要がある場合は、ACK 専用クラスターを検討することになります。詳しくは下の記事を参照してください。",
                )),
                Block::Entry { id: "access-master-nodes".to_owned(), text: entry_text("access-master-nodes", l).to_owned() },
            ],
        },
        Section {
            title: t(l, "用 kubectl 检查集群", "用 kubectl 檢查叢集", "Periksa kluster dengan kubectl", "kubectl でクラスターを確認する").to_owned(),
            blocks: {
                let mut blocks = vec![text(t(
                    l,
                    "控制面节点无法登录，但可以在配置了该集群 kubeconfig 的机器上用 kubectl 检查节点和系统组件：",
                    "控制平面節點無法登入，但可以在設定了該叢集 kubeconfig 的機器上用 kubectl 檢查節點與系統元件：",
                    "Node control plane tidak bisa dimasuki, tetapi node dan komponen sistem tetap bisa diperiksa dengan kubectl dari mesin yang memiliki kubeconfig kluster ini:",
                    "コントロールプレーンノードにはログインできませんが、このクラスターの kubeconfig を設定したマシンから kubectl でノードとシステムコンポーネントを確認できます。",
                ))];
                blocks.extend(kubectl_checks(l));
                blocks
            },
        },
        Section {
            title: t(
                l,
                "收集 Worker 节点的诊断信息",
                "收集 Worker 節點的診斷資訊",
                "Kumpulkan informasi diagnostik dari node Worker",
                "Worker ノードの診断情報を収集する",
            )
            .to_owned(),
            blocks: vec![
                text(t(
                    l,
                    "如果有异常的 Worker 节点，可以在该节点上运行诊断脚本：在本向导第一步把节点角色改为 Worker 节点，即可得到对应操作系统的确切命令。",
                    "若有異常的 Worker 節點，可以在該節點上執行診斷指令碼：在本精靈第一步把節點角色改成 Worker 節點，即可取得對應作業系統的確切指令。",
                    "Jika ada node Worker yang bermasalah, jalankan skrip diagnostik di node itu: ubah peran node menjadi Worker di langkah pertama wizard ini untuk mendapatkan perintah persis sesuai sistem operasinya.",
                    "異常な Worker ノードがあれば、そのノードで診断スクリプトを実行できます。このウィザードの最初のステップで役割を Worker ノードに変更すると、OS に合った正確なコマンドが表示されます。",
                )),
                Block::Entry { id: "collect-node-diagnostics".to_owned(), text: entry_text("collect-node-diagnostics", l).to_owned() },
            ],
        },
        entries_section(
            &["troubleshoot-cluster", "managed-control-plane-ha", "failure-apiserver-stopped", "failure-backend-data-lost", "failure-misconfiguration"],
            l,
        ),
    ];
    Report { messages, complete: true, verdict: Some(verdict), sections }
}

pub(super) fn node_report(p: &Plan, archive: Option<&Archive>, messages: Vec<FieldMessage>, l: Locale) -> Report {
    let headline = match (p.os, p.master) {
        (Os::Linux, true) => t(
            l,
            "在 Master 节点上运行 Linux 诊断脚本收集诊断信息",
            "在 Master 節點上執行 Linux 診斷指令碼收集診斷資訊",
            "Kumpulkan informasi diagnostik di node Master dengan skrip diagnostik Linux",
            "Master ノードで Linux 用診断スクリプトを実行して診断情報を収集します",
        ),
        (Os::Linux, false) => t(
            l,
            "在异常的 Linux Worker 节点上运行诊断脚本收集诊断信息",
            "在異常的 Linux Worker 節點上執行診斷指令碼收集診斷資訊",
            "Kumpulkan informasi diagnostik di node Worker Linux yang bermasalah dengan skrip diagnostik",
            "異常な Linux Worker ノードで診断スクリプトを実行して診断情報を収集します",
        ),
        (Os::Windows, _) => t(
            l,
            "在异常的 Windows Worker 节点上用 PowerShell 运行诊断脚本",
            "在異常的 Windows Worker 節點上用 PowerShell 執行診斷指令碼",
            "Jalankan skrip diagnostik dengan PowerShell di node Worker Windows yang bermasalah",
            "異常な Windows Worker ノードで PowerShell から診断スクリプトを実行します",
        ),
    };
    let mut details = vec![console_first(l).to_owned()];
    details.push(
        if p.dedicated {
            t(
                l,
                "专有集群出问题时，在 Master 节点和异常的 Worker 节点上分别收集诊断信息。",
                "專有叢集出問題時，請在 Master 節點與異常的 Worker 節點上分別收集診斷資訊。",
                "Jika kluster khusus bermasalah, kumpulkan informasi diagnostik di node Master dan di setiap node Worker yang bermasalah.",
                "専用クラスターで問題が起きた場合は、Master ノードと異常な Worker ノードのそれぞれで診断情報を収集します。",
            )
        } else {
            t(
                l,
                "托管集群的控制面无法登录，只需在异常的 Worker 节点上收集。",
                "託管叢集的控制平面無法登入，只需在異常的 Worker 節點上收集。",
                "Control plane kluster terkelola tidak bisa dimasuki, jadi cukup kumpulkan dari node Worker yang bermasalah.",
                "マネージドクラスターのコントロールプレーンにはログインできないため、異常な Worker ノードでのみ収集します。",
            )
        }
        .to_owned(),
    );
    if p.master {
        details.push(
            t(
                l,
                "专有集群的 Master 节点通过 SSH 登录。Master 节点上的很多操作属于高危操作，除下面的命令外不要改动节点上的文件和组件。",
                "專有叢集的 Master 節點透過 SSH 登入。Master 節點上的許多操作屬於高風險操作，除了下列指令之外，請勿變更節點上的檔案與元件。",
                "Node Master kluster khusus diakses lewat SSH. Banyak operasi di node Master tergolong operasi berisiko tinggi; selain perintah di bawah, jangan ubah file atau komponen di node itu.",
                "専用クラスターの Master ノードには SSH でログインします。Master ノード上の多くの操作は高リスク操作です。以下のコマンド以外でノード上のファイルやコンポーネントを変更しないでください。",
            )
            .to_owned(),
        );
    }
    details.push(match p.os {
        Os::Linux => fill(
            t(
                l,
                "集群所在地域：{id}。Linux 脚本固定从 cn-hangzhou 下载，命令不随地域变化。",
                "叢集所在地域：{id}。Linux 指令碼固定從 cn-hangzhou 下載，指令不隨地域變化。",
                "Wilayah kluster: {id}. Skrip Linux selalu diunduh dari cn-hangzhou, jadi perintahnya sama untuk semua wilayah.",
                "クラスターのリージョン: {id}。Linux 用スクリプトは常に cn-hangzhou から取得するため、コマンドはリージョンによって変わりません。",
            ),
            &[("id", &p.region)],
        ),
        Os::Windows => fill(
            t(
                l,
                "Windows 脚本从集群所在的地域 {id} 下载，下面命令中的地址已经填好。",
                "Windows 指令碼從叢集所在的地域 {id} 下載，下列指令中的網址已填好。",
                "Skrip Windows diunduh dari wilayah kluster, {id}; alamat di perintah di bawah sudah diisi.",
                "Windows 用スクリプトはクラスターのリージョン {id} から取得します。以下のコマンドの URL は入力済みです。",
            ),
            &[("id", &p.region)],
        ),
    });
    let verdict = Verdict { level: Level::Ok, headline: headline.to_owned(), details };

    let mut sections = vec![run_section(p, l), output_section(p.os, l), find_section(p.os, l)];
    if let Some(archive) = archive {
        sections.push(upload_section(p.os, archive, l));
    }
    sections.push(checks_section(p.os, l));
    let mut entries = vec!["collect-node-diagnostics", "troubleshoot-cluster"];
    if p.master {
        entries.extend(["access-master-nodes", "add-remove-master-nodes", "failure-apiserver-stopped"]);
    }
    entries.extend(["failure-kubelet-failure", "failure-node-down"]);
    if !p.master {
        entries.push("failure-apiserver-stopped");
    }
    entries.extend(["failure-backend-data-lost", "failure-misconfiguration"]);
    sections.push(entries_section(&entries, l));
    Report { messages, complete: true, verdict: Some(verdict), sections }
}

fn run_section(p: &Plan, l: Locale) -> Section {
    let title = t(l, "在节点上运行诊断脚本", "在節點上執行診斷指令碼", "Jalankan skrip diagnostik di node", "ノードで診断スクリプトを実行する").to_owned();
    let blocks = match p.os {
        Os::Linux => {
            let login = if p.master {
                t(
                    l,
                    "1. 通过 SSH 登录 Master 节点，把诊断脚本下载到 /usr/local/bin（写入该目录需要 root 权限）。Linux 脚本只提供 cn-hangzhou 的下载地址，所以无论集群在哪个地域，这条命令都不用改：",
                    "1. 透過 SSH 登入 Master 節點，將診斷指令碼下載到 /usr/local/bin（寫入該目錄需要 root 權限）。Linux 指令碼只提供 cn-hangzhou 的下載網址，因此不論叢集位於哪個地域，這行指令都不必修改：",
                    "1. Login ke node Master lewat SSH, lalu unduh skrip diagnostik ke /usr/local/bin (menulis ke direktori ini memerlukan hak root). Skrip Linux hanya tersedia dari cn-hangzhou, jadi perintah ini tidak perlu diubah di wilayah mana pun kluster berada:",
                    "1. SSH で Master ノードにログインし、診断スクリプトを /usr/local/bin にダウンロードします (このディレクトリへの書き込みには root 権限が必要です)。Linux 用スクリプトの配布元は cn-hangzhou だけなので、クラスターがどのリージョンにあってもこのコマンドは変更不要です。",
                )
            } else {
                t(
                    l,
                    "1. 登录出问题的 Worker 节点，把诊断脚本下载到 /usr/local/bin（写入该目录需要 root 权限）。Linux 脚本只提供 cn-hangzhou 的下载地址，所以无论集群在哪个地域，这条命令都不用改：",
                    "1. 登入出問題的 Worker 節點，將診斷指令碼下載到 /usr/local/bin（寫入該目錄需要 root 權限）。Linux 指令碼只提供 cn-hangzhou 的下載網址，因此不論叢集位於哪個地域，這行指令都不必修改：",
                    "1. Login ke node Worker yang bermasalah, lalu unduh skrip diagnostik ke /usr/local/bin (menulis ke direktori ini memerlukan hak root). Skrip Linux hanya tersedia dari cn-hangzhou, jadi perintah ini tidak perlu diubah di wilayah mana pun kluster berada:",
                    "1. 異常な Worker ノードにログインし、診断スクリプトを /usr/local/bin にダウンロードします (このディレクトリへの書き込みには root 権限が必要です)。Linux 用スクリプトの配布元は cn-hangzhou だけなので、クラスターがどのリージョンにあってもこのコマンドは変更不要です。",
                )
            };
            vec![
                text(login),
                command("bash", LINUX_CURL),
                text(t(l, "2. 给脚本加上执行权限：", "2. 為指令碼加上執行權限：", "2. Beri izin eksekusi pada skrip:", "2. スクリプトに実行権限を付けます。")),
                command("bash", LINUX_CHMOD),
                text(t(l, "3. 进入脚本所在的目录：", "3. 切換到指令碼所在的目錄：", "3. Pindah ke direktori skrip:", "3. スクリプトのあるディレクトリに移動します。")),
                command("bash", LINUX_CD),
                text(t(l, "4. 运行脚本：", "4. 執行指令碼：", "4. Jalankan skrip:", "4. スクリプトを実行します。")),
                command("bash", LINUX_RUN),
            ]
        }
        Os::Windows => vec![
            text(t(
                l,
                "1. 登录出问题的 Windows Worker 节点，打开“运行”对话框，输入 cmd 后单击“确定”，打开命令行。",
                "1. 登入出問題的 Windows Worker 節點，開啟「執行」對話方塊，輸入 cmd 後按「確定」，開啟命令列。",
                "1. Login ke node Worker Windows yang bermasalah, buka jendela Run, ketik cmd, lalu klik OK untuk membuka baris perintah.",
                "1. 異常な Windows Worker ノードにログオンし、[ファイル名を指定して実行] ダイアログで cmd と入力して [OK] をクリックし、コマンドプロンプトを開きます。",
            )),
            text(t(l, "2. 在命令行中切换到 PowerShell：", "2. 在命令列中切換成 PowerShell：", "2. Di baris perintah, masuk ke mode PowerShell:", "2. コマンドプロンプトで PowerShell に切り替えます。")),
            command("cmd", "powershell"),
            text(fill(
                t(
                    l,
                    "3. 下载并直接运行诊断脚本。Windows 脚本从集群所在地域下载，命令中已填入地域 ID {id}：",
                    "3. 下載並直接執行診斷指令碼。Windows 指令碼從叢集所在地域下載，指令中已填入地域 ID {id}：",
                    "3. Unduh dan langsung jalankan skrip diagnostik. Skrip Windows diunduh dari wilayah kluster; ID wilayah {id} sudah diisi di perintah:",
                    "3. 診断スクリプトを取得してそのまま実行します。Windows 用スクリプトはクラスターのリージョンから取得するので、コマンドにはリージョン ID {id} が入っています。",
                ),
                &[("id", &p.region)],
            )),
            command("powershell", windows_command(&p.region)),
        ],
    };
    Section { title, blocks }
}

fn output_section(os: Os, l: Locale) -> Section {
    let title = t(l, "脚本输出示例", "指令碼輸出範例", "Contoh keluaran skrip", "スクリプトの出力例").to_owned();
    let intro = text(t(
        l,
        "脚本结束时，输出的末尾类似下面这样。文件名中的数字每次运行都不同，这里的 1514939155 只是示例：",
        "指令碼結束時，輸出的結尾類似下面這樣。檔名中的數字每次執行都不同，這裡的 1514939155 只是範例：",
        "Di akhir eksekusi, bagian akhir keluarannya mirip seperti ini. Angka di nama file berbeda setiap kali; 1514939155 di sini hanya contoh:",
        "スクリプトが終わると、出力の最後は次のようになります。ファイル名の数字は実行のたびに変わります。ここでの 1514939155 は一例です。",
    ));
    let blocks = match os {
        Os::Linux => vec![
            intro,
            Block::Output {
                code: "......\n+ echo 'please get diagnose_1514939155.tar.gz for diagnostics'\nplease get diagnose_1514939155.tar.gz for diagnostics".to_owned(),
            },
            text(t(
                l,
                "随后脚本还会再打印一行，提示你上传这个文件。",
                "接著指令碼還會再印出一行，提醒你上傳這個檔案。",
                "Setelah itu skrip mencetak satu baris lagi yang meminta Anda mengunggah file tersebut.",
                "続けて、このファイルのアップロードを促す行がもう 1 行表示されます。",
            )),
        ],
        Os::Windows => vec![
            intro,
            Block::Output {
                code: "INFO: Compressing diagnosis clues ...\nINFO: ...done\nINFO: Please get diagnoses_1514939155.zip for diagnostics".to_owned(),
            },
        ],
    };
    Section { title, blocks }
}

fn find_section(os: Os, l: Locale) -> Section {
    let title = t(l, "找到诊断包", "找到診斷包", "Temukan paket diagnostik", "診断ファイルを確認する").to_owned();
    let mut blocks = match os {
        Os::Linux => vec![
            text(t(
                l,
                "诊断包生成在运行脚本时所在的目录（这里是 /usr/local/bin）。把 diagnose_<TIMESTAMP>.tar.gz 换成输出中的实际文件名，确认文件已经生成：",
                "診斷包會產生在執行指令碼時所在的目錄（這裡是 /usr/local/bin）。把 diagnose_<TIMESTAMP>.tar.gz 換成輸出中的實際檔名，確認檔案已經產生：",
                "Paket diagnostik dibuat di direktori tempat skrip dijalankan (di sini /usr/local/bin). Ganti diagnose_<TIMESTAMP>.tar.gz dengan nama file dari keluaran, lalu pastikan file sudah ada:",
                "診断ファイルはスクリプトを実行したディレクトリ (ここでは /usr/local/bin) に作られます。diagnose_<TIMESTAMP>.tar.gz を出力に表示された実際の名前に置き換えて、ファイルができていることを確認します。",
            )),
            command("bash", "ls -ltr | grep diagnose_<TIMESTAMP>.tar.gz"),
        ],
        Os::Windows => vec![
            text(t(
                l,
                "诊断包 diagnoses_<TIMESTAMP>.zip 保存在运行脚本时所在的目录。在同一个 PowerShell 窗口中列出它：",
                "診斷包 diagnoses_<TIMESTAMP>.zip 會存放在執行指令碼時所在的目錄。在同一個 PowerShell 視窗中列出它：",
                "Paket diagnostik diagnoses_<TIMESTAMP>.zip tersimpan di direktori tempat skrip dijalankan. Tampilkan dari jendela PowerShell yang sama:",
                "診断ファイル diagnoses_<TIMESTAMP>.zip は、スクリプトを実行したディレクトリに保存されます。同じ PowerShell ウィンドウで一覧表示します。",
            )),
            command("powershell", "Get-ChildItem diagnoses_*.zip"),
        ],
    };
    blocks.push(text(t(
        l,
        "这个文件就是要上传的诊断信息，例如提交工单时附上。需要核对文件名时，可以把脚本输出的最后几行粘贴到下面的“脚本输出”中。",
        "這個檔案就是要上傳的診斷資訊，例如提交工單時附上。需要核對檔名時，可以把指令碼輸出的最後幾行貼到下方的「指令碼輸出」。",
        "File inilah informasi diagnostik yang perlu diunggah, misalnya dilampirkan saat mengajukan tiket. Untuk memastikan nama filenya, tempelkan beberapa baris terakhir keluaran skrip ke kolom \"Keluaran skrip\" di bawah.",
        "このファイルがアップロードする診断情報です (チケットを起票するときに添付するなど)。ファイル名を確かめたいときは、スクリプト出力の最後の数行を下の「スクリプトの出力」に貼り付けてください。",
    )));
    Section { title, blocks }
}

fn upload_section(os: Os, archive: &Archive, l: Locale) -> Section {
    let title = t(l, "要上传的文件", "要上傳的檔案", "File yang perlu diunggah", "アップロードするファイル").to_owned();
    let mut blocks = Vec::new();
    match archive {
        Archive::Found { name, count, other } => {
            blocks.push(text(found_text(os, name, l)));
            if *count > 1 {
                blocks.push(text(several_text(*count, name, l)));
            }
            if is_example(name) {
                blocks.push(text(example_text(name, l)));
            }
            if let Some(other) = other {
                blocks.push(text(wrong_kind_text(os, other, l)));
            }
            let check_text = t(l, "确认诊断包存在", "確認診斷包存在", "Pastikan paket diagnostik ada", "診断ファイルがあることを確認する");
            match os {
                Os::Linux => blocks.push(check(check_text, "bash", format!("ls -ltr /usr/local/bin | grep {name}"))),
                Os::Windows => blocks.push(check(check_text, "powershell", format!("Get-ChildItem {name}"))),
            }
        }
        Archive::WrongKind { name } => blocks.push(text(wrong_kind_text(os, name, l))),
        Archive::NotFound { failure } => blocks.push(text(not_found_text(os, failure.as_deref(), l))),
    }
    Section { title, blocks }
}

fn checks_section(os: Os, l: Locale) -> Section {
    let title = t(l, "接下来的检查", "接下來的檢查", "Pemeriksaan berikutnya", "次に確認すること").to_owned();
    let mut blocks = vec![text(match os {
        Os::Linux => t(
            l,
            "kubectl 命令在配置了该集群 kubeconfig 的机器上执行；systemctl 和 journalctl 在出问题的节点上执行。",
            "kubectl 指令在設定了該叢集 kubeconfig 的機器上執行；systemctl 與 journalctl 在出問題的節點上執行。",
            "Perintah kubectl dijalankan dari mesin yang memiliki kubeconfig kluster ini; systemctl dan journalctl dijalankan di node yang bermasalah.",
            "kubectl コマンドはこのクラスターの kubeconfig を設定したマシンで、systemctl と journalctl は異常なノード上で実行します。",
        ),
        Os::Windows => t(
            l,
            "kubectl 命令在配置了该集群 kubeconfig 的机器上执行。",
            "kubectl 指令在設定了該叢集 kubeconfig 的機器上執行。",
            "Perintah kubectl dijalankan dari mesin yang memiliki kubeconfig kluster ini.",
            "kubectl コマンドは、このクラスターの kubeconfig を設定したマシンで実行します。",
        ),
    })];
    blocks.extend(kubectl_checks(l));
    match os {
        Os::Linux => {
            blocks.push(check(
                t(
                    l,
                    "节点上的 kubelet 处于 active (running) 状态",
                    "節點上的 kubelet 處於 active (running) 狀態",
                    "kubelet di node berstatus active (running)",
                    "ノードの kubelet が active (running) である",
                ),
                "bash",
                "systemctl status kubelet",
            ));
            blocks.push(check(
                t(
                    l,
                    "kubelet 不是 active (running) 时，查看它的日志找出原因",
                    "kubelet 不是 active (running) 時，查看它的日誌找出原因",
                    "Jika kubelet tidak active (running), baca log-nya untuk mencari penyebabnya",
                    "kubelet が active (running) でなければ、ログを読んで原因を調べる",
                ),
                "bash",
                "journalctl -u kubelet",
            ));
        }
        Os::Windows => blocks.push(text(t(
            l,
            "systemctl status kubelet 和 journalctl -u kubelet 是 Linux 节点上的检查，不适用于 Windows 节点。Windows 节点上 kubelet 的情况，请结合 kubectl describe node 的结果（Conditions 和事件）和诊断包来判断。",
            "systemctl status kubelet 與 journalctl -u kubelet 是 Linux 節點上的檢查，不適用於 Windows 節點。Windows 節點上 kubelet 的狀況，請搭配 kubectl describe node 的結果（Conditions 與事件）和診斷包來判斷。",
            "systemctl status kubelet dan journalctl -u kubelet adalah pemeriksaan untuk node Linux dan tidak berlaku di node Windows. Untuk kondisi kubelet di node Windows, gunakan hasil kubectl describe node (Conditions dan event) serta paket diagnostiknya.",
            "systemctl status kubelet と journalctl -u kubelet は Linux ノード向けの確認で、Windows ノードには使えません。Windows ノードの kubelet の状態は、kubectl describe node の結果 (Conditions とイベント) と診断ファイルから判断してください。",
        ))),
    }
    Section { title, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::evaluate;
    use crate::wizard::diagnostics::testutil::inputs;

    #[test]
    fn managed_master_still_offers_the_worker_path_and_entries() {
        for l in Locale::ALL {
            let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "master")]), l);
            let entries: Vec<&str> = r
                .sections
                .iter()
                .flat_map(|s| s.blocks.iter())
                .filter_map(|b| match b {
                    Block::Entry { id, .. } => Some(id.as_str()),
                    _ => None,
                })
                .collect();
            assert!(entries.contains(&"collect-node-diagnostics"));
            assert!(entries.contains(&"access-master-nodes"));
            assert!(entries.contains(&"troubleshoot-cluster"));
        }
    }

    #[test]
    fn windows_steps_use_cmd_then_powershell() {
        let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou")]), Locale::Zh);
        let cmds: Vec<(&str, &str)> = r.sections[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Command { lang, code } => Some((lang.as_str(), code.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(cmds.len(), 2);
        assert_eq!(cmds[0], ("cmd", "powershell"));
        assert_eq!(cmds[1].0, "powershell");
        assert!(cmds[1].1.starts_with("Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1"));
    }

    #[test]
    fn linux_steps_are_the_four_commands_in_order() {
        let r = evaluate(&inputs(&[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-beijing")]), Locale::Ja);
        let cmds: Vec<&str> = r.sections[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Command { lang, code } => {
                    assert_eq!(lang, "bash");
                    Some(code.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(cmds, [LINUX_CURL, LINUX_CHMOD, LINUX_CD, LINUX_RUN]);
    }

    #[test]
    fn follow_up_section_appears_only_with_output() {
        let base = [("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")];
        let without = evaluate(&inputs(&base), Locale::Zh);
        let mut with_output = base.to_vec();
        with_output.push(("output", "please get diagnose_1700000000.tar.gz for diagnostics"));
        let with = evaluate(&inputs(&with_output), Locale::Zh);
        assert_eq!(with.sections.len(), without.sections.len() + 1);
        assert!(with.sections.iter().any(|s| s.title == "要上传的文件"));
        assert!(!without.sections.iter().any(|s| s.title == "要上传的文件"));
    }

    #[test]
    fn tables_and_checks_are_well_shaped() {
        for pairs in [
            &[("cluster_type", "managed"), ("role", "master")][..],
            &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou"), ("output", "x")][..],
        ] {
            let r = evaluate(&inputs(pairs), Locale::Id);
            for b in r.sections.iter().flat_map(|s| s.blocks.iter()) {
                match b {
                    Block::Table { headers, rows } => assert!(rows.iter().all(|row| row.len() == headers.len())),
                    Block::Command { lang, code } | Block::Check { lang, code, .. } => {
                        assert!(["bash", "powershell", "cmd"].contains(&lang.as_str()));
                        assert!(!code.is_empty());
                    }
                    Block::Text { text } => assert!(!text.is_empty()),
                    _ => {}
                }
            }
        }
    }
}
