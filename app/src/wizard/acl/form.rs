//! The form: the wizard's steps and fields, their words in every locale (title, intro, step
//! titles, labels, hints, placeholders, options), and which fields apply to which cluster type.

use crate::locale::Locale;
use crate::wizard::localized as t;
use crate::wizard::{value, Field, FieldKind, FieldText, Inputs, Step};

/// The values of `kind`.
pub(super) const KINDS: &[&str] = &["ack", "edge", "lingjun"];

pub const STEPS: &[Step] = &[
    Step { id: "cluster", fields: &[Field { name: "kind", kind: FieldKind::Choice(KINDS), required: true }] },
    Step {
        id: "networks",
        fields: &[
            Field { name: "vpc", kind: FieldKind::Textarea, required: true },
            Field { name: "clients", kind: FieldKind::Textarea, required: true },
            // Required only where they apply (see `applies`).
            Field { name: "edge_egress", kind: FieldKind::Textarea, required: true },
            Field { name: "lingjun_vpd", kind: FieldKind::Textarea, required: true },
        ],
    },
    Step {
        id: "audit",
        fields: &[
            Field { name: "current", kind: FieldKind::Textarea, required: false },
            Field { name: "region", kind: FieldKind::Text, required: false },
            Field { name: "acl_id", kind: FieldKind::Text, required: false },
        ],
    },
];

pub fn title(l: Locale) -> &'static str {
    t(
        l,
        "生成并核对 API Server SLB 的访问控制列表 (ACL)",
        "產生並核對 API Server SLB 的存取控制清單 (ACL)",
        "Susun dan audit daftar kontrol akses (ACL) SLB API Server",
        "API Server の SLB のアクセス制御リスト (ACL) を作成・確認する",
    )
}

pub fn intro(l: Locale) -> &'static str {
    t(
        l,
        "填写集群类型和需要访问 API Server 的网段，向导会算出 SLB 访问控制列表必须放行的条目，并给出写入用的 aliyun CLI 命令。粘贴现有 ACL，还能查出它会把哪些来源挡在外面。",
        "填入叢集類型與需要存取 API Server 的網段，精靈會算出 SLB 存取控制清單必須允許的項目，並提供寫入用的 aliyun CLI 指令。貼上現有的 ACL，還能找出它會把哪些來源擋在外面。",
        "Isi jenis kluster dan jaringan yang mengakses API Server; wizard menyusun entri yang wajib diizinkan daftar kontrol akses SLB beserta perintah aliyun CLI untuk menerapkannya. Tempelkan ACL yang berlaku untuk melihat sumber mana yang akan terblokir.",
        "クラスターの種類と API Server にアクセスするネットワークを入力すると、SLB のアクセス制御リストで許可すべきエントリと、それを反映する aliyun CLI コマンドを作成します。現在の ACL を貼り付ければ、どこからのアクセスが遮断されるかも確認できます。",
    )
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "cluster" => t(l, "集群类型", "叢集類型", "Jenis kluster", "クラスターの種類"),
        "networks" => t(
            l,
            "需要访问 API Server 的网段",
            "需要存取 API Server 的網段",
            "Jaringan yang mengakses API Server",
            "API Server にアクセスするネットワーク",
        ),
        "audit" => t(
            l,
            "核对现有 ACL（可选）",
            "核對現有 ACL（選填）",
            "Audit ACL saat ini (opsional)",
            "現在の ACL の確認 (任意)",
        ),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "kind" => (
            t(l, "集群类型", "叢集類型", "Jenis kluster", "クラスターの種類"),
            t(
                l,
                "ACK Edge 集群和 ACK 灵骏集群在通用网段之外，还要额外放行各自的网段。",
                "ACK Edge 叢集與 ACK 靈駿叢集除了共同的網段，還要另外允許各自的網段。",
                "Kluster ACK Edge dan ACK Lingjun memerlukan blok CIDR tambahan di luar blok yang berlaku untuk semua kluster.",
                "ACK Edge クラスターと ACK Lingjun クラスターでは、共通の CIDR に加えて専用の CIDR も許可する必要があります。",
            ),
            "",
        ),
        "vpc" => (
            t(l, "集群 VPC 网段或节点交换机网段", "叢集 VPC 網段或節點交換器網段", "CIDR VPC kluster atau CIDR vSwitch node", "クラスターの VPC CIDR またはノードの vSwitch CIDR"),
            t(
                l,
                "填写 VPC 的主网段和附加网段（如有），或者集群节点所在交换机（vSwitch）的网段。每行一个，也可以用逗号或空格分隔。",
                "填入 VPC 的主網段與附加網段（若有），或叢集節點所在交換器（vSwitch）的網段。每行一個，也可以用逗號或空格分隔。",
                "Masukkan CIDR utama VPC beserta CIDR sekunder (kalau ada), atau CIDR vSwitch tempat node kluster berada. Satu per baris; koma atau spasi juga boleh.",
                "VPC のプライマリ CIDR とセカンダリ CIDR (ある場合)、またはクラスターのノードが属する vSwitch の CIDR を入力します。1 行に 1 つ (カンマや空白区切りも可)。",
            ),
            "192.168.0.0/16",
        ),
        "clients" => (
            t(l, "客户端出口网段", "用戶端出口網段", "CIDR egress klien", "クライアントの送信元 CIDR"),
            t(
                l,
                "需要访问 API Server 连接端点的客户端（运行 kubectl 的电脑、CI 机器等）对外使用的 IP 或网段。单个 IP 按 /32（IPv6 为 /128）处理。",
                "需要連到 API Server 連線端點的用戶端（執行 kubectl 的電腦、CI 機器等）對外使用的 IP 或網段。單一 IP 視為 /32（IPv6 為 /128）。",
                "IP atau blok CIDR keluar milik klien yang mengakses endpoint API Server (komputer yang menjalankan kubectl, mesin CI, dan sebagainya). IP tunggal dibaca sebagai /32 (IPv6: /128).",
                "API Server の接続エンドポイントにアクセスするクライアント (kubectl を実行する PC や CI マシンなど) の送信元 IP または CIDR。単一の IP は /32 (IPv6 は /128) として扱います。",
            ),
            "203.0.113.0/24\n198.51.100.7",
        ),
        "edge_egress" => (
            t(l, "边缘节点出口网段", "邊緣節點出口網段", "CIDR egress node edge", "エッジノードの送信元 CIDR"),
            t(
                l,
                "ACK Edge 集群的边缘节点访问 API Server 时使用的出口 IP 或网段。",
                "ACK Edge 叢集的邊緣節點連到 API Server 時使用的出口 IP 或網段。",
                "IP atau blok CIDR keluar yang dipakai node edge kluster ACK Edge saat mengakses API Server.",
                "ACK Edge クラスターのエッジノードが API Server にアクセスするときの送信元 IP または CIDR。",
            ),
            "198.51.100.0/24",
        ),
        "lingjun_vpd" => (
            t(l, "灵骏 VPD 网段", "靈駿 VPD 網段", "CIDR VPD Lingjun", "Lingjun の VPD CIDR"),
            t(
                l,
                "ACK 灵骏集群所用灵骏 VPD（Virtual Private Datacenter）的网段。",
                "ACK 靈駿叢集所用靈駿 VPD（Virtual Private Datacenter）的網段。",
                "CIDR VPD (Virtual Private Datacenter) Lingjun yang dipakai kluster ACK Lingjun.",
                "ACK Lingjun クラスターが使う Lingjun VPD (Virtual Private Datacenter) の CIDR。",
            ),
            "10.0.0.0/16",
        ),
        "current" => (
            t(l, "现有 ACL 条目", "現有 ACL 項目", "Entri ACL saat ini", "現在の ACL エントリ"),
            t(
                l,
                "粘贴当前 ACL 的条目：每行一条（条目后的备注等列会被忽略），或 aliyun CLI 输出的 JSON。留空则只生成新的放行列表。",
                "貼上目前 ACL 的項目：每行一筆（項目後面的備註等欄位會略過），或 aliyun CLI 輸出的 JSON。留空則只產生新的允許清單。",
                "Tempelkan entri ACL yang berlaku: satu per baris (kolom tambahan seperti komentar diabaikan), atau JSON keluaran aliyun CLI. Kosongkan untuk hanya menyusun daftar baru.",
                "現在の ACL のエントリを貼り付けます。1 行に 1 件 (コメントなど後ろの列は無視します)、または aliyun CLI が出力した JSON。空欄なら新しい許可リストだけを作成します。",
            ),
            "100.104.0.0/16  ack\n192.168.0.0/16  vpc",
        ),
        "region" => (
            t(l, "地域 ID", "地域 ID", "ID wilayah (region)", "リージョン ID"),
            t(
                l,
                "ACL 所在的地域，例如 cn-hangzhou。只用于生成命令，可以留空。",
                "ACL 所在的地域，例如 cn-hangzhou。只用來產生指令，可以留空。",
                "Wilayah tempat ACL berada, misalnya cn-hangzhou. Hanya dipakai di perintah; boleh dikosongkan.",
                "ACL があるリージョン (例: cn-hangzhou)。コマンドの生成にだけ使います。空欄でも構いません。",
            ),
            "cn-hangzhou",
        ),
        "acl_id" => (
            t(l, "ACL ID", "ACL ID", "ID ACL", "ACL ID"),
            t(
                l,
                "API Server SLB 监听所用访问控制策略组的 ID，形如 acl-xxxx。只用于生成命令，可以留空。",
                "API Server SLB 監聽所用存取控制策略組的 ID，格式如 acl-xxxx。只用來產生指令，可以留空。",
                "ID ACL yang dipakai listener SLB API Server, berbentuk acl-xxxx. Hanya dipakai di perintah; boleh dikosongkan.",
                "API Server の SLB のリスナーが使う ACL の ID (acl-xxxx の形式)。コマンドの生成にだけ使います。空欄でも構いません。",
            ),
            "acl-bp1l0kk4gxce43kzet04s",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("kind", "ack") => t(
            l,
            "ACK 托管集群或专有集群",
            "ACK 託管叢集或專有叢集",
            "Kluster terkelola (managed) atau kluster khusus (dedicated) ACK",
            "ACK マネージドクラスターまたは専用クラスター",
        ),
        ("kind", "edge") => t(l, "ACK Edge 集群", "ACK Edge 叢集", "Kluster ACK Edge", "ACK Edge クラスター"),
        ("kind", "lingjun") => t(l, "ACK 灵骏集群", "ACK 靈駿叢集", "Kluster ACK Lingjun", "ACK Lingjun クラスター"),
        _ => "",
    }
}

pub fn applies(field: &str, inputs: &Inputs) -> bool {
    match field {
        "edge_egress" => value(inputs, "kind") == Some("edge"),
        "lingjun_vpd" => value(inputs, "kind") == Some("lingjun"),
        "kind" | "vpc" | "clients" | "current" | "region" | "acl_id" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::testutil::inputs;

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty() && !intro(l).is_empty());
            for step in STEPS {
                assert!(!step_title(step.id, l).is_empty(), "{} {l:?}", step.id);
                for f in step.fields {
                    let ft = field_text(f.name, l);
                    assert!(!ft.label.is_empty() && !ft.hint.is_empty(), "{} {l:?}", f.name);
                    if let FieldKind::Choice(values) = f.kind {
                        for v in values {
                            assert!(!option_text(f.name, v, l).is_empty(), "{}={v} {l:?}", f.name);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn applies_only_to_the_matching_kind() {
        let i = inputs(&[("kind", "edge")]);
        assert!(applies("edge_egress", &i) && !applies("lingjun_vpd", &i));
        let i = inputs(&[("kind", "lingjun")]);
        assert!(!applies("edge_egress", &i) && applies("lingjun_vpd", &i));
        let i = inputs(&[("kind", "ack")]);
        assert!(!applies("edge_egress", &i) && !applies("lingjun_vpd", &i));
        assert!(applies("vpc", &i) && applies("current", &i) && !applies("step", &i));
    }
}
