//! The form: its steps and fields, and the words of the wizard, its steps, fields and
//! options in every locale.

use crate::locale::Locale;
use crate::wizard::{localized as t, Field, FieldKind, FieldText, Inputs, Step};

pub const STEPS: &[Step] = &[
    Step {
        id: "versions",
        fields: &[
            Field { name: "current_version", kind: FieldKind::Text, required: true },
            Field { name: "target_version", kind: FieldKind::Text, required: false },
            Field { name: "target_runtime", kind: FieldKind::Choice(RUNTIME_CHOICES), required: false },
        ],
    },
    Step {
        id: "pools",
        fields: &[
            Field { name: "pools", kind: FieldKind::Textarea, required: false },
            Field { name: "nodes", kind: FieldKind::Textarea, required: false },
        ],
    },
];

/// Values of `target_runtime`. Empty means `containerd`.
const RUNTIME_CHOICES: &[&str] = &["containerd", "docker"];

pub fn title(l: Locale) -> &'static str {
    t(
        l,
        "容器运行时迁移向导（Docker → containerd）",
        "容器執行階段遷移精靈（Docker → containerd）",
        "Wizard migrasi runtime kontainer (Docker → containerd)",
        "コンテナランタイム移行ウィザード（Docker → containerd）",
    )
}

pub fn intro(l: Locale) -> &'static str {
    t(
        l,
        "填写集群版本，再列出节点池或粘贴 kubectl get nodes -o wide 的输出。向导会逐个节点池给出结论，并列出从 Docker 迁移到 containerd 的步骤和工作负载检查项。",
        "填寫叢集版本，再列出節點池或貼上 kubectl get nodes -o wide 的輸出。精靈會逐一為各節點池下結論，並列出從 Docker 遷移到 containerd 的步驟與工作負載檢查項目。",
        "Isi versi kluster, lalu daftar node pool atau tempel output kubectl get nodes -o wide. Wizard memberi kesimpulan untuk tiap node pool, langkah migrasi dari Docker ke containerd, dan daftar periksa workload.",
        "クラスターのバージョンを入力し、ノードプールを書き出すか kubectl get nodes -o wide の出力を貼り付けてください。ノードプールごとの判定と、Docker から containerd への移行手順、ワークロードの確認項目を示します。",
    )
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "versions" => {
            t(l, "集群版本与目标", "叢集版本與目標", "Versi kluster dan tujuan", "クラスターのバージョンと目的")
        }
        "pools" => t(l, "节点池与运行时", "節點池與執行階段", "Node pool dan runtime", "ノードプールとランタイム"),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "current_version" => (
            t(l, "当前集群版本", "目前叢集版本", "Versi kluster saat ini", "現在のクラスターバージョン"),
            t(
                l,
                "集群的 Kubernetes 版本，可在控制台的集群信息页或 kubectl version 中查看，例如 1.22 或 v1.22.15-aliyun.1。",
                "叢集的 Kubernetes 版本，可在主控台的叢集資訊頁面或 kubectl version 中查看，例如 1.22 或 v1.22.15-aliyun.1。",
                "Versi Kubernetes kluster, terlihat di halaman informasi kluster pada konsol atau lewat kubectl version, misalnya 1.22 atau v1.22.15-aliyun.1.",
                "クラスターの Kubernetes バージョンです。コンソールのクラスター情報ページか kubectl version で確認できます (例: 1.22、v1.22.15-aliyun.1)。",
            ),
            "1.22.15-aliyun.1",
        ),
        "target_version" => (
            t(l, "目标版本（可选）", "目標版本（選填）", "Versi tujuan (opsional)", "アップグレード先のバージョン (任意)"),
            t(
                l,
                "打算升级到的版本，例如 1.24；暂不升级就留空。",
                "打算升級到的版本，例如 1.24；暫不升級請留空。",
                "Versi tujuan upgrade, misalnya 1.24. Kosongkan jika belum akan upgrade.",
                "アップグレードする予定のバージョンです (例: 1.24)。当面アップグレードしない場合は空欄にします。",
            ),
            "1.24",
        ),
        "target_runtime" => (
            t(l, "改用的运行时", "改用的執行階段", "Runtime tujuan", "移行先のランタイム"),
            t(
                l,
                "默认迁移到 containerd（推荐）。想让部分节点改用 Docker 时选 Docker，向导会说明其中的限制。",
                "預設遷移到 containerd（建議）。若想讓部分節點改用 Docker，請選 Docker，精靈會說明其中的限制。",
                "Bawaannya migrasi ke containerd (direkomendasikan). Pilih Docker bila ingin sebagian node memakai Docker; wizard akan menjelaskan batasannya.",
                "既定は containerd への移行 (推奨) です。一部のノードで Docker を使いたい場合は Docker を選ぶと、その制限を説明します。",
            ),
            "",
        ),
        "pools" => (
            t(l, "节点池列表", "節點池清單", "Daftar node pool", "ノードプールの一覧"),
            t(
                l,
                "每行一个节点池：<节点池名称> <运行时>，运行时写 docker、containerd 或 sandboxed，可带版本（如 docker://19.3.15）。安全沙箱节点池在节点输出里不一定看得出来，请在这里列出。",
                "每行一個節點池：<節點池名稱> <執行階段>，執行階段填 docker、containerd 或 sandboxed，可附版本（如 docker://19.3.15）。安全沙箱節點池在節點輸出中不一定看得出來，請在這裡列出。",
                "Satu node pool per baris: <nama node pool> <runtime>, dengan runtime docker, containerd, atau sandboxed, boleh disertai versi (misalnya docker://19.3.15). Node pool kontainer sandbox belum tentu terlihat di output node, jadi cantumkan di sini.",
                "1 行に 1 つのノードプールを <ノードプール名> <ランタイム> の形で書きます。ランタイムは docker、containerd、sandboxed のいずれかで、バージョンを付けてもかまいません (例: docker://19.3.15)。サンドボックスコンテナのノードプールはノードの出力から判別できないことがあるため、ここに書いてください。",
            ),
            "np-web docker://19.3.15\nnp-batch containerd\nnp-secure sandboxed",
        ),
        "nodes" => (
            t(l, "节点列表（kubectl 输出）", "節點清單（kubectl 輸出）", "Daftar node (output kubectl)", "ノードの一覧 (kubectl の出力)"),
            t(
                l,
                "粘贴 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id 的完整输出（包括表头）。不加 -L 也能读取，但节点会归入“节点池未知”一组。",
                "貼上 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id 的完整輸出（包含表頭）。不加 -L 也能讀取，但節點會歸入「節點池未知」一組。",
                "Tempel output lengkap kubectl get nodes -o wide -L alibabacloud.com/nodepool-id (termasuk baris judul). Tanpa -L pun bisa dibaca, tetapi node akan dikelompokkan sebagai \"node pool tidak diketahui\".",
                "kubectl get nodes -o wide -L alibabacloud.com/nodepool-id の出力をヘッダー行ごと貼り付けてください。-L なしでも読み取れますが、ノードは「ノードプール不明」のグループにまとめられます。",
            ),
            "NAME   STATUS   ROLES   AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE   KERNEL-VERSION   CONTAINER-RUNTIME   NODEPOOL-ID",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("target_runtime", "containerd") => {
            t(l, "containerd（推荐）", "containerd（建議）", "containerd (direkomendasikan)", "containerd (推奨)")
        }
        ("target_runtime", "docker") => t(
            l,
            "Docker（由 containerd 改为 Docker）",
            "Docker（由 containerd 改為 Docker）",
            "Docker (dari containerd ke Docker)",
            "Docker (containerd から Docker へ)",
        ),
        _ => "",
    }
}

pub fn applies(_field: &str, _inputs: &Inputs) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty() && !intro(l).is_empty());
            for s in STEPS {
                assert!(!step_title(s.id, l).is_empty(), "{} {l}", s.id);
                for f in s.fields {
                    let ft = field_text(f.name, l);
                    assert!(!ft.label.is_empty() && !ft.hint.is_empty(), "{} {l}", f.name);
                    if let FieldKind::Choice(values) = f.kind {
                        for v in values {
                            assert!(!option_text(f.name, v, l).is_empty(), "{}={v} {l}", f.name);
                        }
                    }
                }
            }
        }
        // The locales really differ.
        let set: BTreeSet<&str> = Locale::ALL.iter().map(|l| intro(*l)).collect();
        assert_eq!(set.len(), 4);
    }

    #[test]
    fn every_field_applies() {
        let empty = Inputs::new();
        for s in STEPS {
            for f in s.fields {
                assert!(applies(f.name, &empty));
            }
        }
    }
}
