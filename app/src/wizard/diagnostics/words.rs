//! The diagnostics wizard's words in every locale: its title and intro, the texts of its
//! steps, fields, options and linked entries, and how a list or a user's value is written
//! into a message.

use crate::locale::Locale;
use crate::wizard::{localized as t, FieldText, FOLLOW_UP};

/// Joins values as a list in the locale's way (`、` in Chinese and Japanese).
pub(super) fn join(items: &[&str], l: Locale) -> String {
    items.join(t(l, "、", "、", ", ", "、"))
}

/// A user's value as it may be quoted in a message: one line, at most 60 characters.
pub(super) fn quote(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if s.chars().nth(60).is_some() {
        out.push('…');
    }
    out.trim().to_owned()
}

pub fn title(l: Locale) -> &'static str {
    t(l, "收集集群诊断信息", "收集叢集診斷資訊", "Mengumpulkan informasi diagnostik kluster", "クラスターの診断情報を収集")
}

pub fn intro(l: Locale) -> &'static str {
    t(
        l,
        "按集群类型、节点角色和操作系统，给出在节点上下载并运行诊断脚本的确切命令，再告诉你该上传哪个诊断包、接下来检查什么。",
        "依叢集類型、節點角色與作業系統，列出在節點上下載並執行診斷指令碼的確切指令，並告訴你該上傳哪個診斷包、接著要檢查什麼。",
        "Berdasarkan tipe kluster, peran node, dan sistem operasinya, wizard ini memberikan perintah persis untuk mengunduh dan menjalankan skrip diagnostik di node, lalu menunjukkan file yang perlu diunggah dan apa yang diperiksa berikutnya.",
        "クラスターの種類、ノードの役割と OS に合わせて、ノードで診断スクリプトを取得・実行する正確なコマンドを示し、アップロードするファイルと次に確認すべき点を案内します。",
    )
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "cluster" => t(l, "集群与节点角色", "叢集與節點角色", "Kluster dan peran node", "クラスターとノードの役割"),
        "node" => t(l, "节点的操作系统与地域", "節點的作業系統與地域", "Sistem operasi dan wilayah (region) node", "ノードの OS とリージョン"),
        FOLLOW_UP => t(l, "脚本输出", "指令碼輸出", "Keluaran skrip", "スクリプトの出力"),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "cluster_type" => (
            t(l, "集群类型", "叢集類型", "Tipe kluster", "クラスターの種類"),
            t(
                l,
                "托管集群的控制面由阿里云托管，无法登录；专有集群的 Master 节点可以通过 SSH 登录。",
                "託管叢集的控制平面由阿里雲代管，無法登入；專有叢集的 Master 節點可以透過 SSH 登入。",
                "Control plane kluster terkelola (managed) dikelola Alibaba Cloud dan tidak bisa dimasuki; node Master kluster khusus (dedicated) bisa diakses lewat SSH.",
                "マネージドクラスターのコントロールプレーンは Alibaba Cloud が管理しているためログインできません。専用クラスターの Master ノードには SSH でログインできます。",
            ),
            "",
        ),
        "role" => (
            t(l, "要收集诊断信息的节点", "要收集診斷資訊的節點", "Node yang akan dikumpulkan informasi diagnostiknya", "診断情報を収集するノード"),
            t(
                l,
                "出问题的 Worker 节点，还是 Master（控制面）节点。",
                "出問題的 Worker 節點，或是 Master（控制平面）節點。",
                "Node Worker yang bermasalah, atau node Master (control plane).",
                "異常のある Worker ノードか、Master (コントロールプレーン) ノードか。",
            ),
            "",
        ),
        "os" => (
            t(l, "节点的操作系统", "節點的作業系統", "Sistem operasi node", "ノードの OS"),
            t(
                l,
                "Master 节点只能是 Linux；Windows 只能作为 Worker 节点。",
                "Master 節點只能是 Linux；Windows 只能當作 Worker 節點。",
                "Node Master hanya bisa memakai Linux; Windows hanya dipakai untuk node Worker.",
                "Master ノードは Linux のみです。Windows は Worker ノード専用です。",
            ),
            "",
        ),
        "region" => (
            t(l, "集群所在地域的 ID", "叢集所在地域的 ID", "ID wilayah (region) kluster", "クラスターのリージョン ID"),
            t(
                l,
                "例如 cn-hangzhou。Windows 脚本从这个地域下载；Linux 脚本不论集群在哪个地域，都从 cn-hangzhou 下载。",
                "例如 cn-hangzhou。Windows 指令碼從這個地域下載；Linux 指令碼不論叢集位於哪個地域，都從 cn-hangzhou 下載。",
                "Misalnya cn-hangzhou. Skrip Windows diunduh dari wilayah ini; skrip Linux selalu diunduh dari cn-hangzhou, di mana pun kluster berada.",
                "例: cn-hangzhou。Windows 用スクリプトはこのリージョンから取得します。Linux 用はクラスターのリージョンに関係なく cn-hangzhou から取得します。",
            ),
            "cn-hangzhou",
        ),
        "output" => (
            t(l, "脚本输出的最后几行", "指令碼輸出的最後幾行", "Beberapa baris terakhir keluaran skrip", "スクリプト出力の最後の数行"),
            t(
                l,
                "选填。粘贴脚本结束时的输出，这里会找出诊断包的文件名，确认要上传哪个文件。",
                "選填。貼上指令碼結束時的輸出，這裡會找出診斷包的檔名，確認要上傳哪個檔案。",
                "Opsional. Tempelkan keluaran di akhir eksekusi skrip; nama file paket diagnostik akan dicari agar jelas file mana yang diunggah.",
                "任意。スクリプト終了時の出力を貼り付けると、診断ファイルの名前を読み取り、アップロードするファイルを確認します。",
            ),
            "please get diagnose_1514939155.tar.gz for diagnostics",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("cluster_type", "managed") => t(l, "ACK 托管集群", "ACK 託管叢集", "Kluster terkelola (managed) ACK", "ACK マネージドクラスター"),
        ("cluster_type", "dedicated") => t(l, "ACK 专有集群", "ACK 專有叢集", "Kluster khusus (dedicated) ACK", "ACK 専用クラスター"),
        ("role", "worker") => t(l, "Worker 节点", "Worker 節點", "Node Worker", "Worker ノード"),
        ("role", "master") => t(l, "Master 节点（控制面）", "Master 節點（控制平面）", "Node Master (control plane)", "Master ノード (コントロールプレーン)"),
        ("os", "linux") => "Linux",
        ("os", "windows") => "Windows",
        _ => "",
    }
}


pub(super) fn entry_text(id: &str, l: Locale) -> &'static str {
    match id {
        "collect-node-diagnostics" => t(l, "收集集群诊断信息", "收集叢集診斷資訊", "Mengumpulkan informasi diagnostik kluster", "クラスターの診断情報を収集する"),
        "troubleshoot-cluster" => t(l, "如何排查 ACK 集群问题", "如何排查 ACK 叢集問題", "Cara memecahkan masalah kluster ACK", "ACK クラスターのトラブルシューティング"),
        "access-master-nodes" => t(l, "如何访问 Master 节点", "如何存取 Master 節點", "Cara mengakses node Master", "Master ノードへのアクセス方法"),
        "add-remove-master-nodes" => t(
            l,
            "Master 节点的增减与高危操作",
            "Master 節點的增減與高風險操作",
            "Menambah atau mengurangi node Master dan operasi berisiko tinggi",
            "Master ノードの追加・削除と高リスク操作",
        ),
        "managed-control-plane-ha" => t(
            l,
            "托管集群控制面的高可用",
            "託管叢集控制平面的高可用",
            "Ketersediaan tinggi control plane kluster terkelola",
            "マネージドクラスターのコントロールプレーンの高可用性",
        ),
        "failure-apiserver-stopped" => t(
            l,
            "API Server 或 Master 组件停止",
            "API Server 或 Master 元件停止",
            "API Server atau komponen Master berhenti",
            "API Server または Master のコンポーネントが停止した",
        ),
        "failure-backend-data-lost" => t(l, "API Server 后端数据丢失", "API Server 後端資料遺失", "Data backend API Server hilang", "API Server のバックエンドデータが失われた"),
        "failure-node-down" => t(l, "个别节点关机", "個別節點關機", "Satu node mati", "一部のノードがシャットダウンした"),
        "failure-kubelet-failure" => t(l, "kubelet 组件故障", "kubelet 元件故障", "Komponen kubelet gagal", "kubelet コンポーネントの障害"),
        "failure-misconfiguration" => t(
            l,
            "人为配置错误或其他问题",
            "人為設定錯誤或其他問題",
            "Kesalahan konfigurasi atau masalah lain",
            "設定ミスなどその他の問題",
        ),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::testutil::inputs;
    use crate::wizard::diagnostics::{evaluate, ENTRIES, STEPS};
    use crate::wizard::{fill_template as fill, FieldKind};

    #[test]
    fn fill_replaces_once_and_keeps_unknown_slots() {
        assert_eq!(fill("a {x} b {y} {z}", &[("x", "{y}"), ("y", "2")]), "a {y} b 2 {z}");
        assert_eq!(fill("open { only", &[]), "open { only");
        assert_eq!(fill("", &[("x", "1")]), "");
    }

    #[test]
    fn quote_is_short_and_on_one_line() {
        assert_eq!(quote("a\nb"), "a b");
        let long = "x".repeat(500);
        assert_eq!(quote(&long).chars().count(), 61);
    }

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty());
            assert!(!intro(l).is_empty());
            for step in STEPS {
                assert!(!step_title(step.id, l).is_empty(), "step {} {l}", step.id);
                for field in step.fields {
                    let ft = field_text(field.name, l);
                    assert!(!ft.label.is_empty(), "label {} {l}", field.name);
                    assert!(!ft.hint.is_empty(), "hint {} {l}", field.name);
                    if let FieldKind::Choice(options) = field.kind {
                        for o in options {
                            assert!(!option_text(field.name, o, l).is_empty(), "option {}={o} {l}", field.name);
                        }
                    }
                }
            }
            for id in ENTRIES {
                assert!(!entry_text(id, l).is_empty(), "entry {id} {l}");
            }
        }
    }

    #[test]
    fn locales_differ_where_they_should() {
        // Catches a string pasted into the wrong slot of `t`.
        let zh = intro(Locale::Zh);
        for l in [Locale::ZhTw, Locale::Id, Locale::Ja] {
            assert_ne!(intro(l), zh, "{l}");
        }
        let r = |l| evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-beijing")]), l);
        let texts: Vec<String> = Locale::ALL.iter().map(|l| r(*l).verdict.unwrap().headline).collect();
        for i in 0..texts.len() {
            for j in i + 1..texts.len() {
                assert_ne!(texts[i], texts[j]);
            }
        }
    }
}
