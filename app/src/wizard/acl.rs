//! The API server SLB access control list (ACL) wizard.
//!
//! From the cluster type and the networks that talk to the API server it builds the allow-list
//! that the ACL of the API server SLB must hold: always `100.104.0.0/16` (the ACK control
//! plane), the VPC or vSwitch CIDRs of the nodes, the egress CIDRs of the clients, and for ACK
//! Edge the edge nodes' egress CIDRs, for ACK Lingjun the Lingjun VPD CIDR. Every entry is
//! validated and normalized, duplicates and ranges covered by another are merged (each
//! surviving entry keeps who needs it), and the list is given as a table, as the `AclEntrys`
//! JSON of the SLB API and as `aliyun slb AddAccessControlListEntry` commands (50 entries per
//! call). When the current ACL is pasted, it is audited: every required range it does not
//! allow is a lock-out risk, named by who gets locked out.
//!
//! Pure: no I/O. All CIDR math goes through `ipnet`.

use super::*;
use super::{fill_template as fill, localized as t};
use crate::locale::Locale;
use ipnet::IpNet;
use std::net::IpAddr;

/// The values of `kind`.
const KINDS: &[&str] = &["ack", "edge", "lingjun"];

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

pub const ENTRIES: &[&str] = &[
    "apiserver-slb-acl-cidrs",
    "console-access-error",
    "kubectl-timeout",
    "troubleshoot-cluster",
    "slb-unreachable",
    "reuse-apiserver-clb",
];

/// The CIDR block of the ACK control plane: always allowed.
pub const CONTROL_PLANE: &str = "100.104.0.0/16";
/// `AddAccessControlListEntry` takes at most this many entries per call.
const MAX_PER_CALL: usize = 50;
/// An SLB ACL holds at most this many entries.
const MAX_PER_ACL: usize = 300;
/// Messages of one severity shown per field before the rest are summed up in one line.
const MAX_MESSAGES: usize = 20;
/// Rows of the audit table before the rest are summed up.
const MAX_AUDIT_ROWS: usize = 300;
/// Shortest IPv4 prefix that is not flagged as overly broad.
const BROAD_V4: u8 = 8;
/// Shortest IPv6 prefix that is not flagged as overly broad.
const BROAD_V6: u8 = 32;



/// A user's token as quoted in a message: at most 60 characters.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

fn list_sep(l: Locale) -> &'static str {
    t(l, "、", "、", ", ", "、")
}

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

// ---------------------------------------------------------------------------------------------
// Who needs an entry

/// Who needs a range to be allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    ControlPlane,
    Vpc,
    Clients,
    Edge,
    Lingjun,
}

impl Source {
    const ALL: [Source; 5] = [Source::ControlPlane, Source::Vpc, Source::Clients, Source::Edge, Source::Lingjun];

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
    fn who(self, l: Locale) -> &'static str {
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
                "ACK 管控網段：ACK 控制平面從這裡存取 API Server（控制台檢視叢集、叢集管理）",
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
    fn lockout(self, l: Locale) -> &'static str {
        match self {
            Source::ControlPlane => t(
                l,
                "ACK 控制面连不上 API Server：控制台查看集群信息失败，集群管理操作也会失败。",
                "ACK 控制平面連不到 API Server：控制台檢視叢集資訊會失敗，叢集管理操作也會失敗。",
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
    fn field(self) -> Option<&'static str> {
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
struct Reasons(u8);

impl Reasons {
    fn of(s: Source) -> Self {
        Reasons(s.bit())
    }
    fn add(&mut self, other: Reasons) {
        self.0 |= other.0;
    }
    fn iter(self) -> impl Iterator<Item = Source> {
        Source::ALL.into_iter().filter(move |s| self.0 & s.bit() != 0)
    }
    fn comment(self) -> String {
        self.iter().map(Source::comment).collect::<Vec<_>>().join("/")
    }
    fn who(self, l: Locale) -> String {
        self.iter().map(|s| s.who(l)).collect::<Vec<_>>().join(list_sep(l))
    }
    fn reasons(self, l: Locale) -> String {
        self.iter().map(|s| s.reason(l)).collect::<Vec<_>>().join(t(l, "；", "；", "; ", "／"))
    }
}

// ---------------------------------------------------------------------------------------------
// Messages

/// Collects field messages, at most [`MAX_MESSAGES`] per field and severity, and a line that
/// sums up the rest.
struct Log {
    messages: Vec<FieldMessage>,
    overflow: Vec<(&'static str, Severity, usize)>,
}

impl Log {
    fn new() -> Self {
        Log { messages: Vec::new(), overflow: Vec::new() }
    }

    fn push(&mut self, field: &'static str, severity: Severity, text: String) {
        let shown = self.messages.iter().filter(|m| m.field == field && m.severity == severity).count();
        if shown < MAX_MESSAGES {
            self.messages.push(message(field, severity, text));
        } else if let Some(o) = self.overflow.iter_mut().find(|o| o.0 == field && o.1 == severity) {
            o.2 += 1;
        } else {
            self.overflow.push((field, severity, 1));
        }
    }

    fn has_errors(&self) -> bool {
        self.messages.iter().any(|m| m.severity == Severity::Error)
    }

    /// The messages in step order, with the summed-up lines.
    fn finish(mut self, l: Locale) -> Vec<FieldMessage> {
        for (field, severity, n) in std::mem::take(&mut self.overflow) {
            let text = fill(
                t(
                    l,
                    "另有 {n} 条类似提示未列出。",
                    "另有 {n} 則類似訊息未列出。",
                    "Ada {n} pesan serupa lainnya yang tidak ditampilkan.",
                    "同様のメッセージがほかに {n} 件あります (省略)。",
                ),
                &[("n", &n.to_string())],
            );
            self.messages.push(message(field, severity, text));
        }
        let order =
            |f: &str| STEPS.iter().flat_map(|s| s.fields.iter()).position(|x| x.name == f).unwrap_or(usize::MAX);
        self.messages.sort_by_key(|m| order(&m.field));
        self.messages
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenError {
    /// Not an address.
    Syntax,
    /// A prefix longer than the address allows.
    Prefix,
}

/// An address or CIDR block as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Parsed {
    /// Normalized: host bits cleared.
    net: IpNet,
    /// The typed address, when its host bits were set.
    host_bits: Option<IpAddr>,
}

/// Parses `10.0.0.0/8`, `192.168.1.10`, `2408:4000::/32`, `::1`. A bare address is a /32 or
/// /128; host bits are cleared and reported.
fn parse_net(token: &str) -> Result<Parsed, TokenError> {
    let (addr, prefix) = match token.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (token, None),
    };
    let addr: IpAddr = addr.parse().map_err(|_| TokenError::Syntax)?;
    let max: u8 = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(p) => {
            if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(TokenError::Syntax);
            }
            let v: u16 = p.parse().map_err(|_| TokenError::Syntax)?;
            if v > u16::from(max) {
                return Err(TokenError::Prefix);
            }
            v as u8
        }
    };
    let net = IpNet::new(addr, prefix).map_err(|_| TokenError::Prefix)?;
    let trunc = net.trunc();
    Ok(Parsed { net: trunc, host_bits: (trunc != net).then_some(addr) })
}

fn is_open(net: &IpNet) -> bool {
    net.prefix_len() == 0
}

/// The prefix below which a range is flagged as overly broad, when it is.
fn broad_limit(net: &IpNet) -> Option<u8> {
    let limit = match net {
        IpNet::V4(_) => BROAD_V4,
        IpNet::V6(_) => BROAD_V6,
    };
    (net.prefix_len() > 0 && net.prefix_len() < limit).then_some(limit)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '|' | '，' | '、' | '；')
}

fn trim_token(s: &str) -> &str {
    s.trim_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '`' | '[' | ']' | '(' | ')' | '{' | '}' | '<' | '>' | '“' | '”' | '「' | '」' | '‘' | '’'
        )
    })
}

/// The tokens of a list field: lines, commas, semicolons and spaces separate; `#` starts a
/// comment.
fn list_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(|line| line.split(is_separator))
        .map(trim_token)
        .filter(|s| !s.is_empty())
}

fn bad_token(l: Locale, token: &str, e: TokenError) -> String {
    let template = match e {
        TokenError::Syntax => t(
            l,
            "“{tok}”不是 IP 地址或网段。请写成 192.168.0.0/16、203.0.113.7 或 2408:4000::/32 这样的形式。",
            "「{tok}」不是 IP 位址或網段。請寫成 192.168.0.0/16、203.0.113.7 或 2408:4000::/32 這類格式。",
            "“{tok}” bukan alamat IP atau blok CIDR. Tulis dalam bentuk seperti 192.168.0.0/16, 203.0.113.7, atau 2408:4000::/32.",
            "「{tok}」は IP アドレスでも CIDR ブロックでもありません。192.168.0.0/16、203.0.113.7、2408:4000::/32 のように入力してください。",
        ),
        TokenError::Prefix => t(
            l,
            "“{tok}”的前缀长度超出范围：IPv4 最长 /32，IPv6 最长 /128。",
            "「{tok}」的前綴長度超出範圍：IPv4 最多 /32，IPv6 最多 /128。",
            "Panjang prefiks pada “{tok}” di luar batas: IPv4 paling panjang /32, IPv6 paling panjang /128.",
            "「{tok}」のプレフィックス長が範囲外です。IPv4 は /32 まで、IPv6 は /128 までです。",
        ),
    };
    fill(template, &[("tok", &clip(token))])
}

/// The warnings about a valid entry: host bits, open to all, overly broad.
fn entry_warnings(l: Locale, token: &str, p: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    let tok = clip(token);
    if let Some(addr) = p.host_bits {
        out.push(fill(
            t(
                l,
                "“{tok}”的主机位不为 0，已按 {net} 处理。如果你要放行的只是一个地址，请写成 {addr}。",
                "「{tok}」的主機位元不是 0，已視為 {net}。如果要允許的只是單一位址，請寫成 {addr}。",
                "“{tok}” memiliki bit host yang tidak nol, jadi dibaca sebagai {net}. Jika yang dimaksud hanya satu alamat, tulis {addr}.",
                "「{tok}」はホスト部が 0 ではないため、{net} として扱いました。単一のアドレスだけを許可したい場合は {addr} と入力してください。",
            ),
            &[("tok", &tok), ("net", &p.net.to_string()), ("addr", &addr.to_string())],
        ));
    }
    if is_open(&p.net) {
        out.push(fill(
            t(
                l,
                "“{tok}”放行所有地址，等于没有访问控制：任何人都能连到 API Server 的端口。",
                "「{tok}」會允許所有位址，等於沒有存取控制：任何人都能連到 API Server 的連接埠。",
                "“{tok}” mengizinkan semua alamat, sama saja tanpa kontrol akses: siapa pun bisa menjangkau port API Server.",
                "「{tok}」はすべてのアドレスを許可するため、アクセス制御がないのと同じです。だれでも API Server のポートに到達できます。",
            ),
            &[("tok", &tok)],
        ));
    } else if let Some(limit) = broad_limit(&p.net) {
        out.push(fill(
            t(
                l,
                "“{tok}”范围过大（前缀短于 /{limit}），放行的地址远超实际需要。请只放行确实要访问 API Server 的网段。",
                "「{tok}」範圍過大（前綴短於 /{limit}），允許的位址遠超過實際需要。請只允許確實要存取 API Server 的網段。",
                "“{tok}” terlalu luas (prefiks lebih pendek dari /{limit}) dan mengizinkan jauh lebih banyak alamat daripada yang perlu. Izinkan hanya blok yang memang mengakses API Server.",
                "「{tok}」は範囲が広すぎます (プレフィックスが /{limit} より短い)。必要以上のアドレスを許可してしまうため、API Server に実際にアクセスする範囲だけを許可してください。",
            ),
            &[("tok", &tok), ("limit", &limit.to_string())],
        ));
    }
    out
}

/// A range that must be allowed, as entered.
#[derive(Clone, Debug)]
struct Item {
    net: IpNet,
    source: Source,
}

/// Reads a list field into items; errors and warnings go to the log.
fn read_list(field: &'static str, source: Source, text: &str, l: Locale, log: &mut Log) -> Vec<Item> {
    let mut items = Vec::new();
    let mut any = false;
    for token in list_tokens(text) {
        any = true;
        match parse_net(token) {
            Ok(p) => {
                for w in entry_warnings(l, token, &p) {
                    log.push(field, Severity::Warning, w);
                }
                items.push(Item { net: p.net, source });
            }
            Err(e) => log.push(field, Severity::Error, bad_token(l, token, e)),
        }
    }
    if !any {
        log.push(
            field,
            Severity::Error,
            t(
                l,
                "没有找到 IP 地址或网段。请每行写一个，例如 192.168.0.0/16。",
                "沒有找到 IP 位址或網段。請每行寫一個，例如 192.168.0.0/16。",
                "Tidak ada alamat IP atau blok CIDR. Tulis satu per baris, misalnya 192.168.0.0/16.",
                "IP アドレスや CIDR ブロックが見つかりません。192.168.0.0/16 のように 1 行に 1 つ入力してください。",
            )
            .to_owned(),
        );
    }
    items
}

// ---------------------------------------------------------------------------------------------
// Merging

/// An entry of the final allow-list.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    net: IpNet,
    reasons: Reasons,
    /// The field of the item that made the entry (None: the control plane).
    field: Option<&'static str>,
}

fn label(field: &str, l: Locale) -> &'static str {
    field_text(field, l).label
}

/// Merges duplicates, ranges covered by another range and adjacent siblings, keeping who
/// needs each surviving entry. Says what was merged (Info).
fn merge(items: &[Item], l: Locale, log: &mut Log) -> Vec<Entry> {
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

// ---------------------------------------------------------------------------------------------
// The current ACL

/// An entry of the pasted ACL.
#[derive(Clone, Debug)]
struct Current {
    /// As pasted (what the remove command must name).
    raw: String,
    net: IpNet,
    comment: String,
}

/// Where a pasted JSON document stops making sense: serde_json's line and column (both
/// from 1), counted in the whole paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct JsonError {
    line: usize,
    column: usize,
}

/// Keys that hold an ACL entry's address, and its comment, as the SLB API and the console
/// name them (compared without case).
const ENTRY_KEYS: [&str; 5] = ["entry", "aclentryip", "ip", "cidr", "cidrblock"];
const COMMENT_KEYS: [&str; 4] = ["comment", "aclentrycomment", "description", "entrydescription"];

/// The `(entry, comment)` pairs of a pasted JSON document: objects with an `entry` /
/// `AclEntryIP` key (the `AclEntrys` parameter, or `DescribeAccessControlListAttribute`
/// output), or bare strings in an array, at any depth. serde_json reads the first JSON
/// value of the text (what follows it, such as the next shell prompt, is ignored) and
/// refuses nesting deeper than 128 levels instead of overflowing the stack.
fn json_entries(text: &str) -> Result<Vec<(String, String)>, JsonError> {
    use serde_json::Value;
    let error = |e: serde_json::Error| JsonError { line: e.line().max(1), column: e.column().max(1) };
    let value = match serde_json::Deserializer::from_str(text).into_iter::<Value>().next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(error(e)),
        None => return Err(JsonError { line: text.lines().count().max(1), column: 1 }),
    };
    if !(value.is_array() || value.is_object()) {
        return Err(JsonError { line: 1, column: 1 });
    }
    let text_of = |o: &serde_json::Map<String, Value>, keys: &[&str]| {
        o.iter().find(|(k, v)| v.is_string() && keys.contains(&k.to_ascii_lowercase().as_str())).and_then(|(_, v)| v.as_str().map(str::to_owned))
    };
    let mut out = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if let Some(entry) = text_of(o, &ENTRY_KEYS) {
                    out.push((entry, text_of(o, &COMMENT_KEYS).unwrap_or_default()));
                }
                stack.extend(o.values().rev().filter(|c| c.is_array() || c.is_object()));
            }
            Value::Array(items) => {
                // Bare strings in an array are entries; numbers and the like are skipped.
                stack.extend(items.iter().rev().filter(|i| i.is_string() || i.is_array() || i.is_object()));
            }
            Value::String(s) => out.push((s.clone(), String::new())),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    Ok(out)
}

fn line_prefix(l: Locale, line: usize) -> String {
    fill(t(l, "第 {n} 行：", "第 {n} 行：", "Baris {n}: ", "{n} 行目: "), &[("n", &line.to_string())])
}

/// Reads the pasted ACL. `None` when it cannot be used (the errors are in the log).
fn read_current(text: &str, l: Locale, log: &mut Log) -> Option<Vec<Current>> {
    const F: &str = "current";
    let mut raw: Vec<(String, String, Option<usize>)> = Vec::new(); // entry, comment, line
                                                                    // JSON when it starts like JSON, or when it holds the keys of the SLB API after a line
                                                                    // or two of something else (a shell prompt, the command).
    let trimmed = text.trim_start();
    let lower = text.to_ascii_lowercase();
    let json = trimmed.starts_with('[')
        || trimmed.starts_with('{')
        || ((lower.contains("\"aclentryip\"") || lower.contains("\"entry\"")) && text.contains(['{', '[']));
    let json_text = match text.find(['{', '[']) {
        Some(i) if json => &text[i..],
        _ => text,
    };
    let mut ok = true;
    if json {
        match json_entries(json_text) {
            Ok(pairs) => {
                for (entry, comment) in pairs {
                    for part in entry.split(is_separator).map(trim_token).filter(|s| !s.is_empty()) {
                        raw.push((part.to_owned(), comment.trim().to_owned(), None));
                    }
                }
            }
            Err(at) => {
                // Positions count in the whole paste, not just from where the JSON starts.
                let before = &text[..text.len() - json_text.len()];
                let line = at.line + before.matches('\n').count();
                let column = if at.line == 1 { at.column + before.rsplit('\n').next().map_or(0, |s| s.chars().count()) } else { at.column };
                log.push(
                    F,
                    Severity::Error,
                    fill(
                        t(
                            l,
                            "粘贴的 JSON 在第 {line} 行第 {column} 列附近无法解析。请粘贴 aliyun CLI 的完整输出，或者改成每行一个条目。",
                            "貼上的 JSON 在第 {line} 行第 {column} 欄附近無法解析。請貼上 aliyun CLI 的完整輸出，或改成每行一筆項目。",
                            "JSON yang ditempel tidak bisa dibaca di sekitar baris {line}, kolom {column}. Tempelkan keluaran aliyun CLI secara lengkap, atau tulis satu entri per baris.",
                            "貼り付けた JSON を {line} 行目 {column} 文字目付近で読み取れませんでした。aliyun CLI の出力全体を貼り付けるか、1 行に 1 エントリの形式にしてください。",
                        ),
                        &[("line", &line.to_string()), ("column", &column.to_string())],
                    ),
                );
                return None;
            }
        }
    } else {
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') || content.starts_with("//") {
                continue;
            }
            let tokens: Vec<&str> = content.split(is_separator).map(trim_token).filter(|s| !s.is_empty()).collect();
            // A line of addresses only is a list; otherwise its first address is the entry and
            // the other columns are its comment.
            if tokens.len() > 1 && tokens.iter().all(|tok| parse_net(tok).is_ok()) {
                raw.extend(tokens.iter().map(|tok| ((*tok).to_owned(), String::new(), Some(line_no))));
                continue;
            }
            match tokens.iter().position(|tok| parse_net(tok).is_ok()) {
                Some(i) => {
                    let comment = tokens
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, s)| *s)
                        .collect::<Vec<_>>()
                        .join(" ");
                    raw.push((tokens[i].to_owned(), comment, Some(line_no)));
                }
                None if !content.chars().any(|c| c.is_ascii_digit()) => {
                    log.push(
                        F,
                        Severity::Info,
                        fill(
                            t(
                                l,
                                "第 {n} 行没有 IP 地址，已跳过：“{text}”。",
                                "第 {n} 行沒有 IP 位址，已略過：「{text}」。",
                                "Baris {n} tidak berisi alamat IP dan dilewati: “{text}”.",
                                "{n} 行目には IP アドレスがないため、読み飛ばしました: 「{text}」",
                            ),
                            &[("n", &line_no.to_string()), ("text", &clip(content))],
                        ),
                    );
                }
                None => {
                    // Quote the token that looks like an attempt at an address.
                    let tok = tokens.iter().find(|s| s.chars().any(|c| c.is_ascii_digit())).copied().unwrap_or(content);
                    let err = parse_net(tok).err().unwrap_or(TokenError::Syntax);
                    log.push(F, Severity::Error, format!("{}{}", line_prefix(l, line_no), bad_token(l, tok, err)));
                    ok = false;
                }
            }
        }
    }

    let mut out: Vec<Current> = Vec::new();
    for (entry, comment, line) in raw {
        match parse_net(&entry) {
            Ok(p) => {
                let prefix = line.map(|n| line_prefix(l, n)).unwrap_or_default();
                for w in entry_warnings(l, &entry, &p) {
                    log.push(F, Severity::Warning, format!("{prefix}{w}"));
                }
                if !out.iter().any(|c| c.net == p.net) {
                    out.push(Current { raw: entry, net: p.net, comment });
                }
            }
            Err(e) => {
                let prefix = line.map(|n| line_prefix(l, n)).unwrap_or_default();
                log.push(F, Severity::Error, format!("{prefix}{}", bad_token(l, &entry, e)));
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    if out.is_empty() {
        log.push(
            F,
            Severity::Error,
            t(
                l,
                "没有从粘贴的内容里读到任何条目。请粘贴 ACL 的条目（每行一个 IP 或网段），或 aliyun CLI 输出的 JSON；不需要核对就清空此项。",
                "沒有從貼上的內容讀到任何項目。請貼上 ACL 的項目（每行一個 IP 或網段），或 aliyun CLI 輸出的 JSON；不需要核對就清空此欄。",
                "Tidak ada entri yang terbaca dari teks yang ditempel. Tempelkan entri ACL (satu IP atau blok CIDR per baris) atau JSON keluaran aliyun CLI; kosongkan kolom ini jika tidak perlu audit.",
                "貼り付けた内容からエントリを 1 件も読み取れませんでした。ACL のエントリ (1 行に 1 つの IP または CIDR) か aliyun CLI が出力した JSON を貼り付けてください。確認が不要なら空欄にします。",
            )
            .to_owned(),
        );
        return None;
    }
    let format = if json { "JSON" } else { t(l, "每行一条", "每行一筆", "satu per baris", "1 行 1 件") };
    log.push(
        F,
        Severity::Info,
        fill(
            t(
                l,
                "从粘贴的内容读到 {n} 个条目（{fmt}）。",
                "從貼上的內容讀到 {n} 筆項目（{fmt}）。",
                "{n} entri terbaca dari teks yang ditempel ({fmt}).",
                "貼り付けた内容から {n} 件のエントリを読み取りました ({fmt})。",
            ),
            &[("n", &out.len().to_string()), ("fmt", format)],
        ),
    );
    if out.len() > MAX_PER_ACL {
        log.push(
            F,
            Severity::Warning,
            fill(
                t(
                    l,
                    "粘贴的内容有 {n} 个条目，而一个 ACL 最多只能有 300 个条目。是否粘贴了多个 ACL？",
                    "貼上的內容有 {n} 筆項目，但一個 ACL 最多只能有 300 筆。是否貼上了多個 ACL？",
                    "Teks yang ditempel berisi {n} entri, padahal satu ACL paling banyak memuat 300 entri. Apakah Anda menempelkan lebih dari satu ACL?",
                    "貼り付けた内容には {n} 件のエントリがありますが、1 つの ACL に入るのは最大 300 件です。複数の ACL を貼り付けていませんか。",
                ),
                &[("n", &out.len().to_string())],
            ),
        );
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Region and ACL id

/// `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`.
fn is_region_id(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    s.len() <= 40
        && first.len() >= 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && rest.len() <= 4
        && rest.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `acl-bp1l0kk4gxce43kzet04s`.
fn is_acl_id(s: &str) -> bool {
    match s.strip_prefix("acl-") {
        Some(rest) => {
            !rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// One required range, for the audit: exact duplicates merged, nothing else.
struct Need {
    net: IpNet,
    reasons: Reasons,
}

enum Coverage {
    /// Allowed by these entries of the current ACL (empty: by several together).
    Allowed(Vec<String>),
    /// Allowed only thanks to 0.0.0.0/0 or overly broad entries.
    BroadOnly(Vec<String>),
    /// Partly allowed, by these entries.
    Partial(Vec<String>),
    Missing,
}

fn first_three(v: impl Iterator<Item = String>, l: Locale) -> String {
    let all: Vec<String> = v.collect();
    let mut s = all.iter().take(3).cloned().collect::<Vec<_>>().join(list_sep(l));
    if all.len() > 3 {
        s.push_str(t(l, " 等", " 等", " dll.", " など"));
    }
    s
}

/// One item of the `AclEntrys` parameter, its keys in the order the SLB documents use.
#[derive(serde::Serialize)]
struct AclEntryParam<'a> {
    entry: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    comment: &'a str,
}

/// The `AclEntrys` parameter on one line, as `aliyun slb` takes it.
fn acl_json_compact(entries: &[(String, String)]) -> String {
    let items: Vec<AclEntryParam> = entries.iter().map(|(e, c)| AclEntryParam { entry: e, comment: c }).collect();
    serde_json::to_string(&items).unwrap_or_default()
}

/// The same entries one per line, for reading and for the console's form.
fn acl_json_pretty(entries: &[(String, String)]) -> String {
    let quoted = |s: &String| serde_json::Value::from(s.as_str()).to_string();
    let items: Vec<String> =
        entries.iter().map(|(e, c)| format!("  {{\"entry\": {}, \"comment\": {}}}", quoted(e), quoted(c))).collect();
    format!("[\n{}\n]", items.join(",\n"))
}

fn commands(action: &str, region: &str, acl: &str, entries: &[(String, String)]) -> String {
    entries
        .chunks(MAX_PER_CALL)
        .map(|chunk| {
            format!("aliyun slb {action} --RegionId {region} --AclId {acl} --AclEntrys '{}'", acl_json_compact(chunk))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut log = Log::new();
    for m in missing_required(WizardId::Acl, inputs, l) {
        log.messages.push(m);
    }

    // Cluster type.
    let kind = value(inputs, "kind");
    if let Some(k) = kind {
        if !KINDS.contains(&k) {
            log.push(
                "kind",
                Severity::Error,
                fill(
                    t(
                        l,
                        "“{tok}”不是可选的集群类型。请选择 ack（ACK 托管或专有集群）、edge（ACK Edge 集群）或 lingjun（ACK 灵骏集群）。",
                        "「{tok}」不是可選的叢集類型。請選擇 ack（ACK 託管或專有叢集）、edge（ACK Edge 叢集）或 lingjun（ACK 靈駿叢集）。",
                        "“{tok}” bukan jenis kluster yang tersedia. Pilih ack (kluster terkelola atau khusus ACK), edge (ACK Edge), atau lingjun (ACK Lingjun).",
                        "「{tok}」は選択できるクラスターの種類ではありません。ack (ACK マネージド/専用クラスター)、edge (ACK Edge)、lingjun (ACK Lingjun) のいずれかを選んでください。",
                    ),
                    &[("tok", &clip(k))],
                ),
            );
        }
    }

    // The ranges that must be allowed.
    let mut items = vec![Item { net: CONTROL_PLANE.parse().expect("constant CIDR"), source: Source::ControlPlane }];
    for source in [Source::Vpc, Source::Clients, Source::Edge, Source::Lingjun] {
        let Some(field) = source.field() else { continue };
        if !applies(field, inputs) {
            continue;
        }
        if let Some(text) = value(inputs, field) {
            items.extend(read_list(field, source, text, l, &mut log));
        }
    }

    // The audit step.
    let current = value(inputs, "current").and_then(|text| read_current(text, l, &mut log));
    let region = value(inputs, "region");
    if let Some(r) = region {
        if !is_region_id(r) {
            log.push(
                "region",
                Severity::Error,
                fill(
                    t(
                        l,
                        "“{tok}”不像地域 ID。地域 ID 形如 cn-hangzhou、ap-southeast-1。",
                        "「{tok}」看起來不是地域 ID。地域 ID 的格式如 cn-hangzhou、ap-southeast-1。",
                        "“{tok}” tidak tampak seperti ID wilayah. ID wilayah berbentuk cn-hangzhou atau ap-southeast-1.",
                        "「{tok}」はリージョン ID の形式ではありません。リージョン ID は cn-hangzhou や ap-southeast-1 のような形式です。",
                    ),
                    &[("tok", &clip(r))],
                ),
            );
        }
    }
    let acl_id = value(inputs, "acl_id");
    if let Some(a) = acl_id {
        if !is_acl_id(a) {
            log.push(
                "acl_id",
                Severity::Error,
                fill(
                    t(
                        l,
                        "“{tok}”不像 ACL ID。ACL ID 以 acl- 开头，后面是小写字母和数字，例如 acl-bp1l0kk4gxce43kzet04s。",
                        "「{tok}」看起來不是 ACL ID。ACL ID 以 acl- 開頭，後面接小寫字母與數字，例如 acl-bp1l0kk4gxce43kzet04s。",
                        "“{tok}” tidak tampak seperti ID ACL. ID ACL diawali acl- lalu huruf kecil dan angka, misalnya acl-bp1l0kk4gxce43kzet04s.",
                        "「{tok}」は ACL ID の形式ではありません。ACL ID は acl- で始まり、英小文字と数字が続きます (例: acl-bp1l0kk4gxce43kzet04s)。",
                    ),
                    &[("tok", &clip(a))],
                ),
            );
        }
    }

    if log.has_errors() {
        return Report::incomplete(log.finish(l));
    }

    let entries = merge(&items, l, &mut log);
    let v4: Vec<&Entry> = entries.iter().filter(|e| e.net.addr().is_ipv4()).collect();
    let v6: Vec<&Entry> = entries.iter().filter(|e| e.net.addr().is_ipv6()).collect();

    // An ACL holds at most 300 entries: a longer list cannot be applied.
    for (list, version) in [(&v4, "IPv4"), (&v6, "IPv6")] {
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
    if log.has_errors() {
        return Report::incomplete(log.finish(l));
    }

    let region_s = region.unwrap_or("<REGION_ID>");
    let acl_s = acl_id.unwrap_or("<ACL_ID>");
    let mut sections = Vec::new();
    let mut details: Vec<String> = Vec::new();

    // --- The allow-list.
    let mut blocks = vec![Block::Text {
        text: t(
            l,
            "API Server 的 SLB 的 ACL（白名单）要放行下列条目。公网和内网连接端点共用同一个 CLB，这份 ACL 对两者同时生效。",
            "API Server 的 SLB 的 ACL（白名單）要允許下列項目。公網與內網連線端點共用同一個 CLB，這份 ACL 對兩者同時生效。",
            "ACL (daftar izin/whitelist) SLB API Server harus mengizinkan entri berikut. Endpoint publik dan internal memakai CLB yang sama, jadi ACL ini berlaku untuk keduanya.",
            "API Server の SLB の ACL (ホワイトリスト) では、次のエントリを許可します。パブリックと内部の接続エンドポイントは同じ CLB を共有しているため、この ACL は両方に適用されます。",
        )
        .to_owned(),
    }];
    blocks.push(Block::Table {
        headers: vec![
            t(l, "网段", "網段", "Blok CIDR", "CIDR").to_owned(),
            t(l, "谁需要它", "誰需要它", "Siapa yang membutuhkannya", "必要とするもの").to_owned(),
            t(l, "ACL 备注", "ACL 備註", "Komentar ACL", "ACL のコメント").to_owned(),
        ],
        rows: entries.iter().map(|e| vec![e.net.to_string(), e.reasons.reasons(l), e.reasons.comment()]).collect(),
    });
    blocks.push(Block::Text {
        text: t(
            l,
            "以上是白名单的内容。如果监听把这个 ACL 当作黑名单使用，上面的网段一个都不能出现在其中。",
            "以上是白名單的內容。如果監聽把這個 ACL 當作黑名單使用，上面的網段一個都不能出現在裡面。",
            "Daftar di atas untuk whitelist. Jika listener memakai ACL ini sebagai daftar blokir (blacklist), tidak satu pun blok di atas boleh ada di dalamnya.",
            "これはホワイトリストの内容です。リスナーがこの ACL をブラックリストとして使う場合は、上の CIDR を 1 つも含めてはいけません。",
        )
        .to_owned(),
    });
    if !v6.is_empty() {
        blocks.push(Block::Text {
            text: t(
                l,
                "一个 ACL 只能装一种 IP 版本的条目：IP 版本在创建 ACL 时就已确定（AddressIPVersion）。IPv6 条目请写进单独的 IPv6 ACL，即命令中的 <IPV6_ACL_ID>。",
                "一個 ACL 只能放同一種 IP 版本的項目：IP 版本在建立 ACL 時就已決定（AddressIPVersion）。IPv6 項目請寫入另一個 IPv6 ACL，也就是指令中的 <IPV6_ACL_ID>。",
                "Satu ACL hanya memuat entri dari satu versi IP, yang ditetapkan saat ACL dibuat (AddressIPVersion). Tulis entri IPv6 ke ACL IPv6 tersendiri, yaitu <IPV6_ACL_ID> pada perintah.",
                "1 つの ACL に入れられるのは 1 種類の IP バージョンのエントリだけです (ACL 作成時の AddressIPVersion で決まります)。IPv6 のエントリは別の IPv6 ACL (コマンド中の <IPV6_ACL_ID>) に追加してください。",
            )
            .to_owned(),
        });
    }
    sections.push(Section {
        title: t(l, "放行列表", "允許清單", "Daftar yang diizinkan", "許可リスト").to_owned(),
        blocks,
    });

    // --- JSON.
    let pairs = |list: &[&Entry]| -> Vec<(String, String)> {
        list.iter().map(|e| (e.net.to_string(), e.reasons.comment())).collect()
    };
    let v4_pairs = pairs(&v4);
    let v6_pairs = pairs(&v6);
    let mut blocks = vec![Block::Text {
        text: t(
            l,
            "同一份列表，写成 SLB API 的 AclEntrys 参数所用的 JSON（aliyun CLI 直接可用）：",
            "同一份清單，寫成 SLB API 的 AclEntrys 參數所用的 JSON（aliyun CLI 可直接使用）：",
            "Daftar yang sama dalam format JSON parameter AclEntrys pada API SLB (bisa langsung dipakai aliyun CLI):",
            "同じリストを、SLB API の AclEntrys パラメーターの JSON 形式にしたものです (aliyun CLI でそのまま使えます)。",
        )
        .to_owned(),
    }];
    if !v4_pairs.is_empty() {
        if !v6_pairs.is_empty() {
            blocks.push(Block::Text { text: "IPv4 ACL (<ACL_ID>)".replace("<ACL_ID>", acl_s) });
        }
        blocks.push(Block::Command { lang: "json".to_owned(), code: acl_json_pretty(&v4_pairs) });
    }
    if !v6_pairs.is_empty() {
        blocks.push(Block::Text { text: "IPv6 ACL (<IPV6_ACL_ID>)".to_owned() });
        blocks.push(Block::Command { lang: "json".to_owned(), code: acl_json_pretty(&v6_pairs) });
    }
    sections.push(Section {
        title: t(
            l,
            "JSON 格式（AclEntrys）",
            "JSON 格式（AclEntrys）",
            "Format JSON (AclEntrys)",
            "JSON 形式 (AclEntrys)",
        )
        .to_owned(),
        blocks,
    });

    // --- Audit (shown after the commands).
    let mut audit_section: Option<Section> = None;
    let mut lockouts: Vec<(IpNet, Reasons, bool)> = Vec::new();
    let mut caution = log.messages.iter().any(|m| m.severity == Severity::Warning);
    let mut to_add_v4 = v4_pairs.clone();
    let mut to_add_v6 = v6_pairs.clone();
    let mut to_remove: Vec<(String, String)> = Vec::new();
    if let Some(cur) = &current {
        let is_wide = |c: &Current| is_open(&c.net) || broad_limit(&c.net).is_some();
        let all: Vec<IpNet> = IpNet::aggregate(&cur.iter().map(|c| c.net).collect());
        let narrow: Vec<IpNet> = IpNet::aggregate(&cur.iter().filter(|c| !is_wide(c)).map(|c| c.net).collect());
        let covered = |set: &[IpNet], net: &IpNet| set.iter().any(|c| c.contains(net));

        // Each required range, exact duplicates merged.
        let mut needs: Vec<Need> = Vec::new();
        let mut sorted: Vec<&Item> = items.iter().collect();
        sorted.sort_by_key(|i| (i.net, i.source as u8));
        for i in sorted {
            match needs.last_mut() {
                Some(n) if n.net == i.net => n.reasons.add(Reasons::of(i.source)),
                _ => needs.push(Need { net: i.net, reasons: Reasons::of(i.source) }),
            }
        }

        // A version the pasted ACL has no entry of lives in another ACL: not audited here.
        let has_v4 = cur.iter().any(|c| c.net.addr().is_ipv4());
        let has_v6 = cur.iter().any(|c| c.net.addr().is_ipv6());
        let audits = |n: &IpNet| if n.addr().is_ipv4() { has_v4 } else { has_v6 };
        let unaudited: Vec<&str> = [("IPv4", has_v4), ("IPv6", has_v6)]
            .into_iter()
            .filter(|(v, has)| !has && needs.iter().any(|n| n.net.addr().is_ipv4() == (*v == "IPv4")))
            .map(|(v, _)| v)
            .collect();
        needs.retain(|n| audits(&n.net));

        let mut rows: Vec<Vec<String>> = Vec::new();
        for need in &needs {
            let containers = || cur.iter().filter(|c| c.net.contains(&need.net)).map(|c| c.raw.clone());
            let coverage = if covered(&narrow, &need.net) {
                Coverage::Allowed(containers().collect())
            } else if covered(&all, &need.net) {
                Coverage::BroadOnly(containers().collect())
            } else {
                let parts: Vec<String> =
                    cur.iter().filter(|c| need.net.contains(&c.net)).map(|c| c.raw.clone()).collect();
                if parts.is_empty() {
                    Coverage::Missing
                } else {
                    Coverage::Partial(parts)
                }
            };
            let consequences = || need.reasons.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
            let finding = match &coverage {
                Coverage::Allowed(by) if by.is_empty() => t(l, "已放行（由多个条目合起来覆盖）", "已允許（由多筆項目合起來涵蓋）", "Diizinkan (dicakup beberapa entri bersama-sama)", "許可済み (複数のエントリで合わせてカバー)").to_owned(),
                Coverage::Allowed(by) => fill(t(l, "已放行（{by}）", "已允許（{by}）", "Diizinkan ({by})", "許可済み ({by})"), &[("by", &first_three(by.iter().cloned(), l))]),
                Coverage::BroadOnly(by) => fill(
                    t(
                        l,
                        "只靠过宽的条目 {by} 放行。收紧那些条目之前，要先单独放行这个网段。",
                        "只靠範圍過大的項目 {by} 允許。收緊那些項目之前，要先另外允許這個網段。",
                        "Hanya diizinkan lewat entri yang terlalu luas ({by}). Sebelum entri itu dipersempit, izinkan blok ini secara tersendiri.",
                        "範囲が広すぎるエントリ {by} によってのみ許可されています。そのエントリを絞り込む前に、この CIDR を個別に許可してください。",
                    ),
                    &[("by", &first_three(by.iter().cloned(), l))],
                ),
                Coverage::Partial(by) => fill(
                    t(l, "锁定风险：只放行了其中一部分（{by}）。{what}", "鎖定風險：只允許了其中一部分（{by}）。{what}", "Risiko terkunci: hanya sebagian yang diizinkan ({by}). {what}", "締め出しのリスク: 一部だけが許可されています ({by})。{what}"),
                    &[("by", &first_three(by.iter().cloned(), l)), ("what", &consequences())],
                ),
                Coverage::Missing => fill(t(l, "锁定风险：未放行。{what}", "鎖定風險：未允許。{what}", "Risiko terkunci: tidak diizinkan. {what}", "締め出しのリスク: 許可されていません。{what}"), &[("what", &consequences())]),
            };
            match coverage {
                Coverage::Partial(_) => lockouts.push((need.net, need.reasons, true)),
                Coverage::Missing => lockouts.push((need.net, need.reasons, false)),
                Coverage::BroadOnly(_) => {
                    caution = true;
                    details.push(fill(
                        t(
                            l,
                            "{net}（{who}）目前只靠过宽的条目放行。",
                            "{net}（{who}）目前只靠範圍過大的項目允許。",
                            "{net} ({who}) saat ini hanya diizinkan lewat entri yang terlalu luas.",
                            "{net} ({who}) は現在、範囲が広すぎるエントリによってのみ許可されています。",
                        ),
                        &[("net", &need.net.to_string()), ("who", &need.reasons.who(l))],
                    ));
                }
                Coverage::Allowed(_) => {}
            }
            rows.push(vec![need.net.to_string(), need.reasons.who(l), finding]);
        }

        // The entries of the current ACL that are too wide or that no input explains.
        let mut unexplained = 0usize;
        for c in cur {
            let explained = needs.iter().any(|n| n.net.contains(&c.net) || c.net.contains(&n.net));
            let required_itself = entries.iter().any(|e| e.net == c.net) || needs.iter().any(|n| n.net == c.net);
            let finding = if is_open(&c.net) {
                caution = true;
                Some(
                    t(
                        l,
                        "放行所有地址：这个 ACL 实际上不限制任何来源。",
                        "允許所有位址：這個 ACL 實際上不限制任何來源。",
                        "Mengizinkan semua alamat: ACL ini sebenarnya tidak membatasi sumber apa pun.",
                        "すべてのアドレスを許可しています。この ACL は実質的にどの送信元も制限していません。",
                    )
                    .to_owned(),
                )
            } else if let Some(limit) = broad_limit(&c.net) {
                caution = true;
                Some(fill(
                    t(
                        l,
                        "范围过大（前缀短于 /{limit}）。",
                        "範圍過大（前綴短於 /{limit}）。",
                        "Terlalu luas (prefiks lebih pendek dari /{limit}).",
                        "範囲が広すぎます (プレフィックスが /{limit} より短い)。",
                    ),
                    &[("limit", &limit.to_string())],
                ))
            } else if !explained {
                unexplained += 1;
                Some(t(
                    l,
                    "无法由你的输入解释：不属于上面任何一类来源。保留还是删除，由你决定。",
                    "無法由你的輸入解釋：不屬於上面任何一類來源。保留或刪除由你決定。",
                    "Tidak dijelaskan oleh masukan Anda: tidak termasuk sumber mana pun di atas. Dipertahankan atau dihapus, Anda yang memutuskan.",
                    "入力内容からは説明できません (上のどの送信元にも当てはまりません)。残すか削除するかはご判断ください。",
                )
                .to_owned())
            } else {
                None
            };
            if let Some(f) = finding {
                if !required_itself {
                    to_remove.push((c.raw.clone(), String::new()));
                }
                let comment = if c.comment.is_empty() { "—".to_owned() } else { clip(&c.comment) };
                rows.push(vec![c.raw.clone(), comment, f]);
            }
        }
        if unexplained > 0 {
            details.push(fill(
                t(
                    l,
                    "现有 ACL 中有 {n} 个条目无法由你的输入解释，保留还是删除由你决定。",
                    "現有 ACL 中有 {n} 筆項目無法由你的輸入解釋，保留或刪除由你決定。",
                    "Ada {n} entri di ACL saat ini yang tidak dijelaskan oleh masukan Anda; dipertahankan atau dihapus, Anda yang memutuskan.",
                    "現在の ACL には、入力内容から説明できないエントリが {n} 件あります。残すか削除するかはご判断ください。",
                ),
                &[("n", &unexplained.to_string())],
            ));
        }

        // What to add: what the ACL lacks, counting ranges allowed only by wide entries as
        // lacking, and never an entry that is already there (AclEntryExists).
        let lacks = |(e, _): &(String, String)| -> bool {
            let net: IpNet = match e.parse() {
                Ok(n) => n,
                Err(_) => return true,
            };
            !cur.iter().any(|c| c.net == net) && !covered(&narrow, &net)
        };
        if has_v4 {
            to_add_v4.retain(|p| lacks(p));
        }
        if has_v6 {
            to_add_v6.retain(|p| lacks(p));
        }
        let total = (cur.iter().filter(|c| c.net.addr().is_ipv4()).count() + to_add_v4.len())
            .max(cur.iter().filter(|c| c.net.addr().is_ipv6()).count() + to_add_v6.len());
        if total > MAX_PER_ACL {
            caution = true;
            details.push(fill(
                t(
                    l,
                    "添加之后 ACL 将有约 {n} 个条目，超过了上限 300。请先删除不需要的条目，或归并网段。",
                    "新增之後 ACL 將有約 {n} 筆項目，超過上限 300。請先刪除不需要的項目，或歸併網段。",
                    "Setelah penambahan, ACL akan berisi sekitar {n} entri, melebihi batas 300. Hapus dulu entri yang tidak perlu atau gabungkan bloknya.",
                    "追加後の ACL は約 {n} 件になり、上限の 300 件を超えます。不要なエントリを先に削除するか、CIDR をまとめてください。",
                ),
                &[("n", &total.to_string())],
            ));
        }

        let mut blocks = Vec::new();
        let shown = rows.len().min(MAX_AUDIT_ROWS);
        let hidden = rows.len() - shown;
        rows.truncate(shown);
        blocks.push(Block::Table {
            headers: vec![
                t(l, "网段", "網段", "Blok CIDR", "CIDR").to_owned(),
                t(
                    l,
                    "谁需要它 / 备注",
                    "誰需要它／備註",
                    "Siapa yang membutuhkan / komentar",
                    "必要とするもの / コメント",
                )
                .to_owned(),
                t(l, "结论", "結論", "Temuan", "結果").to_owned(),
            ],
            rows,
        });
        for version in unaudited {
            blocks.push(Block::Text {
                text: fill(
                    t(
                        l,
                        "粘贴的 ACL 里没有 {ver} 条目，所以 {ver} 网段没有核对：它们属于另一个 {ver} ACL，添加命令会把它们全部列上。",
                        "貼上的 ACL 裡沒有 {ver} 項目，所以 {ver} 網段沒有核對：它們屬於另一個 {ver} ACL，新增指令會把它們全部列上。",
                        "ACL yang ditempel tidak berisi entri {ver}, jadi blok {ver} tidak diaudit: blok itu milik ACL {ver} tersendiri, dan perintah penambahan mencantumkan semuanya.",
                        "貼り付けた ACL には {ver} のエントリがないため、{ver} の CIDR は確認していません。これらは別の {ver} ACL に属するもので、追加コマンドにはすべて含めています。",
                    ),
                    &[("ver", version)],
                ),
            });
        }
        if hidden > 0 {
            blocks.push(Block::Text {
                text: fill(
                    t(
                        l,
                        "另有 {n} 行未列出。",
                        "另有 {n} 列未列出。",
                        "{n} baris lainnya tidak ditampilkan.",
                        "ほかに {n} 行あります (省略)。",
                    ),
                    &[("n", &hidden.to_string())],
                ),
            });
        }
        audit_section = Some(Section {
            title: t(l, "现有 ACL 核对结果", "現有 ACL 核對結果", "Hasil audit ACL saat ini", "現在の ACL の確認結果")
                .to_owned(),
            blocks,
        });
    }

    // --- Commands.
    let mut blocks = Vec::new();
    let audited = current.is_some();
    let nothing_to_add = to_add_v4.is_empty() && to_add_v6.is_empty();
    let mut steps: Vec<String> = Vec::new();
    if !audited {
        steps.push(t(
            l,
            "（建议）先用下面的 DescribeAccessControlListAttribute 命令查看现有 ACL，把输出粘贴到“核对现有 ACL”一步，向导就只添加缺少的条目。",
            "（建議）先用下面的 DescribeAccessControlListAttribute 指令查看現有 ACL，把輸出貼到「核對現有 ACL」步驟，精靈就只會新增缺少的項目。",
            "(Disarankan) Lihat dulu ACL yang berlaku dengan perintah DescribeAccessControlListAttribute di bawah, lalu tempel keluarannya di langkah “Audit ACL saat ini” agar wizard hanya menambahkan entri yang kurang.",
            "(推奨) まず下の DescribeAccessControlListAttribute コマンドで現在の ACL を表示し、その出力を「現在の ACL の確認」ステップに貼り付けます。ウィザードは足りないエントリだけを追加するようになります。",
        )
        .to_owned());
    }
    if !nothing_to_add {
        steps.push(
            t(
                l,
                "执行添加条目的命令。",
                "執行新增項目的指令。",
                "Jalankan perintah penambahan entri.",
                "エントリを追加するコマンドを実行します。",
            )
            .to_owned(),
        );
    }
    steps.push(
        t(
            l,
            "确认 ACL 内容，并确认 6443 监听已开启访问控制、类型为白名单。",
            "確認 ACL 內容，並確認 6443 監聽已開啟存取控制、類型為白名單。",
            "Periksa isi ACL, dan pastikan listener 6443 mengaktifkan kontrol akses dengan tipe whitelist.",
            "ACL の内容を確認し、6443 のリスナーでアクセス制御が有効かつホワイトリストになっていることを確認します。",
        )
        .to_owned(),
    );
    if !to_remove.is_empty() {
        steps.push(t(
            l,
            "（可选）确认一切正常后，再决定是否删除过宽或无法解释的条目。",
            "（選用）確認一切正常後，再決定是否刪除範圍過大或無法解釋的項目。",
            "(Opsional) Setelah semuanya normal, putuskan apakah entri yang terlalu luas atau tidak terjelaskan akan dihapus.",
            "(任意) すべて正常なことを確認してから、範囲が広すぎるエントリや説明できないエントリを削除するかどうかを決めます。",
        )
        .to_owned());
    }
    blocks.push(Block::List { ordered: true, items: steps });

    if nothing_to_add {
        blocks.push(Block::Text {
            text: t(
                l,
                "现有 ACL 已经包含放行列表中的全部网段，不需要添加条目。",
                "現有 ACL 已經包含允許清單中的全部網段，不需要新增項目。",
                "ACL saat ini sudah memuat semua blok di daftar yang diizinkan; tidak ada entri yang perlu ditambahkan.",
                "現在の ACL には許可リストのすべての CIDR が含まれているため、追加するエントリはありません。",
            )
            .to_owned(),
        });
    } else {
        let text = if audited {
            t(
                l,
                "下面的命令只添加现有 ACL 缺少的条目；只靠 0.0.0.0/0 或过宽条目放行的网段也算缺少，加上之后才能安全地收紧。每次调用最多添加 50 个条目，条目多时已拆成多条命令，依次执行即可。",
                "下面的指令只新增現有 ACL 缺少的項目；只靠 0.0.0.0/0 或範圍過大的項目允許的網段也算缺少，補上之後才能安全地收緊。每次呼叫最多新增 50 筆，項目較多時已拆成多道指令，依序執行即可。",
                "Perintah berikut hanya menambahkan entri yang belum ada di ACL saat ini; blok yang hanya diizinkan lewat 0.0.0.0/0 atau entri yang terlalu luas juga dihitung belum ada, agar ACL bisa dipersempit dengan aman. Setiap panggilan menambahkan paling banyak 50 entri, jadi daftar panjang dipecah menjadi beberapa perintah; jalankan berurutan.",
                "次のコマンドは、現在の ACL に足りないエントリだけを追加します。0.0.0.0/0 や範囲が広すぎるエントリでしか許可されていない CIDR も「足りない」とみなします (後で安全に絞り込めるようにするためです)。1 回の呼び出しで追加できるのは 50 件までなので、多い場合はコマンドを分けてあります。順に実行してください。",
            )
        } else {
            t(
                l,
                "下面的命令把整个放行列表写入 ACL。每次调用最多添加 50 个条目，条目多时已拆成多条命令，依次执行即可。如果某个条目已经在 ACL 中，调用会返回 InvalidParam.AclEntryExists：把这个条目从该命令的 JSON 中删掉后重新执行。",
                "下面的指令把整份允許清單寫入 ACL。每次呼叫最多新增 50 筆，項目較多時已拆成多道指令，依序執行即可。如果某個項目已經在 ACL 中，呼叫會回傳 InvalidParam.AclEntryExists：把該項目從這道指令的 JSON 中刪掉後再執行。",
                "Perintah berikut menulis seluruh daftar ke ACL. Setiap panggilan menambahkan paling banyak 50 entri, jadi daftar panjang dipecah menjadi beberapa perintah; jalankan berurutan. Jika suatu entri sudah ada di ACL, panggilan mengembalikan InvalidParam.AclEntryExists: hapus entri itu dari JSON perintah tersebut lalu jalankan lagi.",
                "次のコマンドで許可リスト全体を ACL に追加します。1 回の呼び出しで追加できるのは 50 件までなので、多い場合はコマンドを分けてあります。順に実行してください。すでに ACL にあるエントリが含まれていると InvalidParam.AclEntryExists が返ります。その場合は、そのエントリをコマンドの JSON から削除して再実行してください。",
            )
        };
        blocks.push(Block::Text { text: text.to_owned() });
        let mut code = Vec::new();
        if !to_add_v4.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, acl_s, &to_add_v4));
        }
        if !to_add_v6.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, "<IPV6_ACL_ID>", &to_add_v6));
        }
        blocks.push(Block::Command { lang: "bash".to_owned(), code: code.join("\n") });
    }
    if region.is_none() || acl_id.is_none() {
        blocks.push(Block::Text {
            text: t(
                l,
                "把 <REGION_ID> 和 <ACL_ID> 换成 ACL 所在的地域和 ACL 的 ID；也可以在“核对现有 ACL”一步填写，命令会自动带上。",
                "把 <REGION_ID> 與 <ACL_ID> 換成 ACL 所在的地域與 ACL 的 ID；也可以在「核對現有 ACL」步驟填入，指令會自動帶入。",
                "Ganti <REGION_ID> dan <ACL_ID> dengan wilayah dan ID ACL; keduanya juga bisa diisi di langkah “Audit ACL saat ini” agar langsung masuk ke perintah.",
                "<REGION_ID> と <ACL_ID> を ACL のリージョンと ID に置き換えてください。「現在の ACL の確認」ステップで入力すれば、コマンドに自動で入ります。",
            )
            .to_owned(),
        });
    }
    blocks.push(Block::Check {
        text: t(
            l,
            "查看 ACL 中的条目，确认上面的网段都在（PageSize 最大 50，条目多时用 --Page 2、3… 翻页）。输出中的 AclEntrys 可以直接粘贴到“核对现有 ACL”一步。",
            "查看 ACL 中的項目，確認上面的網段都在（PageSize 最大 50，項目較多時用 --Page 2、3… 翻頁）。輸出中的 AclEntrys 可以直接貼到「核對現有 ACL」步驟。",
            "Tampilkan entri ACL dan pastikan semua blok di atas ada (PageSize paling besar 50; untuk daftar panjang, lanjutkan dengan --Page 2, 3, …). AclEntrys pada keluarannya bisa langsung ditempel di langkah “Audit ACL saat ini”.",
            "ACL のエントリを表示し、上の CIDR がすべてあることを確認します (PageSize の上限は 50。多い場合は --Page 2、3… で続きを表示)。出力の AclEntrys は「現在の ACL の確認」ステップにそのまま貼り付けられます。",
        )
        .to_owned(),
        lang: "bash".to_owned(),
        code: format!("aliyun slb DescribeAccessControlListAttribute --RegionId {region_s} --AclId {acl_s} --PageSize 50 --Page 1"),
    });
    blocks.push(Block::Check {
        text: t(
            l,
            "确认 API Server 的 SLB 的 6443 监听已开启访问控制（AclStatus 为 on）、类型为白名单（AclType 为 white），并且 AclId 就是这个 ACL。<SLB_ID> 是 API Server 内网连接端点所用 SLB 实例的 ID。",
            "確認 API Server 的 SLB 的 6443 監聽已開啟存取控制（AclStatus 為 on）、類型為白名單（AclType 為 white），而且 AclId 就是這個 ACL。<SLB_ID> 是 API Server 內網連線端點所用 SLB 執行個體的 ID。",
            "Pastikan listener 6443 pada SLB API Server mengaktifkan kontrol akses (AclStatus bernilai on) dengan tipe whitelist (AclType bernilai white), dan AclId-nya adalah ACL ini. <SLB_ID> adalah ID instans SLB yang dipakai endpoint internal API Server.",
            "API Server の SLB の 6443 リスナーでアクセス制御が有効 (AclStatus が on)、種類がホワイトリスト (AclType が white) で、AclId がこの ACL であることを確認します。<SLB_ID> は API Server の内部接続エンドポイントが使う SLB インスタンスの ID です。",
        )
        .to_owned(),
        lang: "bash".to_owned(),
        code: format!("aliyun slb DescribeLoadBalancerTCPListenerAttribute --RegionId {region_s} --LoadBalancerId <SLB_ID> --ListenerPort 6443"),
    });
    if !to_remove.is_empty() {
        blocks.push(Block::Text {
            text: t(
                l,
                "可选：下面的命令删除过宽或无法由你的输入解释的条目。删不删由你决定；要删的话，请在添加命令成功之后再执行，并先从 JSON 中去掉想保留的条目。",
                "選用：下面的指令會刪除範圍過大或無法由你的輸入解釋的項目。刪不刪由你決定；若要刪除，請在新增指令成功之後再執行，並先從 JSON 中拿掉想保留的項目。",
                "Opsional: perintah berikut menghapus entri yang terlalu luas atau tidak dijelaskan oleh masukan Anda. Keputusannya di tangan Anda; jika ingin menghapus, jalankan setelah perintah penambahan berhasil, dan buang dulu dari JSON entri yang ingin dipertahankan.",
                "任意: 次のコマンドは、範囲が広すぎるエントリと入力内容から説明できないエントリを削除します。削除するかどうかはご判断ください。実行する場合は追加コマンドが成功した後にし、残したいエントリを先に JSON から除いてください。",
            )
            .to_owned(),
        });
        blocks.push(Block::Command {
            lang: "bash".to_owned(),
            code: commands("RemoveAccessControlListEntry", region_s, acl_s, &to_remove),
        });
    }
    blocks.push(Block::Entry {
        id: "reuse-apiserver-clb".to_owned(),
        text: t(
            l,
            "只改访问控制，不要顺手修改这个 CLB 的监听、后端服务器组等其他配置",
            "只改存取控制，不要順手修改這個 CLB 的監聽、後端伺服器群組等其他設定",
            "Ubah kontrol aksesnya saja; jangan ikut mengubah listener, grup server backend, atau konfigurasi lain pada CLB ini",
            "変更するのはアクセス制御だけにし、この CLB のリスナーやバックエンドサーバーグループなどには手を付けない",
        )
        .to_owned(),
    });
    sections.push(Section {
        title: t(
            l,
            "用 aliyun CLI 写入 ACL",
            "用 aliyun CLI 寫入 ACL",
            "Terapkan dengan aliyun CLI",
            "aliyun CLI で ACL に反映する",
        )
        .to_owned(),
        blocks,
    });

    sections.extend(audit_section);

    // --- Symptoms.
    sections.push(Section {
        title: t(l, "ACL 配错时会看到什么", "ACL 設錯時會看到什麼", "Gejala jika ACL salah", "ACL が誤っているときの症状").to_owned(),
        blocks: vec![
            Block::Text {
                text: t(
                    l,
                    "漏放了哪类来源的网段，就会出现对应的现象：",
                    "漏掉哪一類來源的網段，就會出現對應的症狀：",
                    "Gejalanya bergantung pada sumber mana yang bloknya terlewat:",
                    "どの送信元の CIDR が漏れているかによって、次の症状が出ます。",
                )
                .to_owned(),
            },
            Block::Entry {
                id: "console-access-error".to_owned(),
                text: t(
                    l,
                    "漏放 100.104.0.0/16：控制台查看集群信息失败",
                    "漏掉 100.104.0.0/16：控制台檢視叢集資訊失敗",
                    "100.104.0.0/16 terlewat: konsol gagal menampilkan informasi kluster",
                    "100.104.0.0/16 の漏れ: コンソールでクラスター情報を表示できない",
                )
                .to_owned(),
            },
            Block::Entry {
                id: "troubleshoot-cluster".to_owned(),
                text: t(
                    l,
                    "漏放 VPC / 交换机网段（或边缘节点出口、灵骏 VPD 网段）：节点连不上 API Server，变成 NotReady",
                    "漏掉 VPC／交換器網段（或邊緣節點出口、靈駿 VPD 網段）：節點連不到 API Server，變成 NotReady",
                    "CIDR VPC/vSwitch (atau egress node edge, VPD Lingjun) terlewat: node tidak bisa menjangkau API Server dan menjadi NotReady",
                    "VPC/vSwitch CIDR (またはエッジノードの送信元、Lingjun VPD の CIDR) の漏れ: ノードが API Server に到達できず NotReady になる",
                )
                .to_owned(),
            },
            Block::Entry {
                id: "kubectl-timeout".to_owned(),
                text: t(
                    l,
                    "漏放客户端出口网段：kubectl 命令超时",
                    "漏掉用戶端出口網段：kubectl 指令逾時",
                    "CIDR egress klien terlewat: perintah kubectl timeout",
                    "クライアントの送信元 CIDR の漏れ: kubectl コマンドがタイムアウトする",
                )
                .to_owned(),
            },
            Block::Text {
                text: t(
                    l,
                    "同样的现象也可能来自 API Server 本身异常，或 API Server 的 SLB 流量、连接数超出规格，排查时不要只看 ACL。",
                    "同樣的症狀也可能來自 API Server 本身異常，或 API Server 的 SLB 流量、連線數超出規格，排查時別只檢查 ACL。",
                    "Gejala yang sama juga bisa muncul karena API Server sendiri bermasalah, atau lalu lintas dan jumlah koneksi SLB API Server melampaui spesifikasinya. Jangan hanya memeriksa ACL.",
                    "同じ症状は、API Server 自体の異常や、API Server の SLB のトラフィック・接続数が仕様の上限を超えた場合にも起こります。ACL だけを疑わないでください。",
                )
                .to_owned(),
            },
            Block::Entry {
                id: "apiserver-slb-acl-cidrs".to_owned(),
                text: t(
                    l,
                    "API Server 的 SLB ACL 必须放行哪些网段",
                    "API Server 的 SLB ACL 必須允許哪些網段",
                    "Blok CIDR yang wajib diizinkan di ACL SLB API Server",
                    "API Server の SLB ACL で許可が必要な CIDR ブロック",
                )
                .to_owned(),
            },
        ],
    });

    // --- Verdict.
    let messages = log.finish(l);
    let warnings: Vec<String> =
        messages.iter().filter(|m| m.severity == Severity::Warning).map(|m| m.message.clone()).collect();
    let verdict = if !lockouts.is_empty() {
        let mut who = Reasons::default();
        for (_, r, _) in &lockouts {
            who.add(*r);
        }
        let mut d: Vec<String> = lockouts
            .iter()
            .map(|(net, r, partial)| {
                let what = r.iter().map(|s| s.lockout(l)).collect::<Vec<_>>().join(" ");
                let template = if *partial {
                    t(
                        l,
                        "{net}（{who}）只放行了一部分：{what}",
                        "{net}（{who}）只允許了一部分：{what}",
                        "{net} ({who}) hanya sebagian diizinkan: {what}",
                        "{net} ({who}) は一部しか許可されていません: {what}",
                    )
                } else {
                    t(
                        l,
                        "{net}（{who}）未放行：{what}",
                        "{net}（{who}）未允許：{what}",
                        "{net} ({who}) tidak diizinkan: {what}",
                        "{net} ({who}) が許可されていません: {what}",
                    )
                };
                fill(template, &[("net", &net.to_string()), ("who", &r.who(l)), ("what", &what)])
            })
            .collect();
        d.extend(details);
        d.extend(warnings);
        Verdict {
            level: Level::Blocked,
            headline: fill(
                t(
                    l,
                    "现有 ACL 会把这些来源挡在外面：{who}",
                    "現有 ACL 會把這些來源擋在外面：{who}",
                    "ACL saat ini akan memblokir: {who}",
                    "現在の ACL では次のアクセスが遮断されます: {who}",
                ),
                &[("who", &who.who(l))],
            ),
            details: d,
        }
    } else if caution {
        let headline = if audited {
            t(
                l,
                "现有 ACL 放行了所有必需的网段，但有需要留意的地方",
                "現有 ACL 允許了所有必要的網段，但有需要留意的地方",
                "ACL saat ini mengizinkan semua blok yang wajib, tetapi ada hal yang perlu diperhatikan",
                "現在の ACL は必要な CIDR をすべて許可していますが、注意点があります",
            )
            .to_owned()
        } else {
            fill(
                t(
                    l,
                    "放行列表已生成（{n} 个条目），但有需要留意的地方",
                    "允許清單已產生（{n} 筆項目），但有需要留意的地方",
                    "Daftar sudah disusun ({n} entri), tetapi ada hal yang perlu diperhatikan",
                    "許可リストを作成しました ({n} 件) が、注意点があります",
                ),
                &[("n", &entries.len().to_string())],
            )
        };
        let mut d = details;
        d.extend(warnings);
        Verdict { level: Level::Caution, headline, details: d }
    } else {
        let headline = if audited {
            t(
                l,
                "现有 ACL 已放行全部必需的网段",
                "現有 ACL 已允許全部必要的網段",
                "ACL saat ini sudah mengizinkan semua blok yang wajib",
                "現在の ACL は必要な CIDR をすべて許可しています",
            )
            .to_owned()
        } else {
            fill(
                t(
                    l,
                    "放行列表已生成：{n} 个条目",
                    "允許清單已產生：{n} 筆項目",
                    "Daftar sudah disusun: {n} entri",
                    "許可リストを作成しました: {n} 件",
                ),
                &[("n", &entries.len().to_string())],
            )
        };
        Verdict { level: Level::Ok, headline, details }
    };

    Report { messages, complete: true, verdict: Some(verdict), sections }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> Inputs {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn run(pairs: &[(&str, &str)]) -> Report {
        evaluate(&inputs(pairs), Locale::Zh)
    }

    /// The rows of the allow-list table.
    fn allow_list(r: &Report) -> Vec<Vec<String>> {
        match r.sections.first().and_then(|s| s.blocks.iter().find(|b| matches!(b, Block::Table { .. }))) {
            Some(Block::Table { rows, .. }) => rows.clone(),
            _ => Vec::new(),
        }
    }

    fn cidrs(r: &Report) -> Vec<String> {
        allow_list(r).into_iter().map(|row| row[0].clone()).collect()
    }

    fn section<'a>(r: &'a Report, title_zh: &str) -> Option<&'a Section> {
        r.sections.iter().find(|s| s.title == title_zh)
    }

    fn codes(r: &Report, lang: &str) -> Vec<String> {
        r.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Command { lang: x, code } if x == lang => Some(code.clone()),
                _ => None,
            })
            .collect()
    }

    fn has_msg(r: &Report, field: &str, severity: Severity, needle: &str) -> bool {
        r.for_field(field).any(|m| m.severity == severity && m.message.contains(needle))
    }

    fn level(r: &Report) -> Option<Level> {
        r.verdict.as_ref().map(|v| v.level)
    }

    const BASE: &[(&str, &str)] = &[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", "203.0.113.7")];

    fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut v: Vec<(&'a str, &'a str)> = BASE.to_vec();
        for (k, val) in extra {
            v.retain(|(x, _)| x != k);
            v.push((k, val));
        }
        v
    }

    /// How a case is expected to come out.
    enum Expect {
        /// Complete, with this level, and these CIDRs in the allow-list (in order).
        Plan(Level, &'static [&'static str]),
        /// Complete with this level; the allow-list contains these CIDRs.
        Contains(Level, &'static [&'static str]),
        /// Incomplete, with an error on this field that contains this text.
        Error(&'static str, &'static str),
        /// A message of this severity on this field, containing this text (complete or not).
        Message(&'static str, Severity, &'static str),
        /// Complete and Blocked; the headline names these sources (their `who` in zh).
        Lockout(&'static [&'static str]),
    }

    /// A case: its name, its inputs, what it gives.
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Expect);

    #[test]
    fn cases() {
        use Expect::*;
        use Severity::{Info as I, Warning as W};
        let json_acl = r#"[{"entry":"100.104.0.0/16","comment":"ack"},{"entry":"192.168.0.0/16","comment":"vpc"},{"entry":"203.0.113.7/32","comment":"office"}]"#;
        let describe = r#"{"AclId":"acl-bp1l0kk4gxce43kzet04s","AddressIPVersion":"ipv4","AclEntrys":{"AclEntry":[{"AclEntryIP":"100.104.0.0/16","AclEntryComment":"ack"},{"AclEntryIP":"192.168.0.0/16","AclEntryComment":"vpc"}]},"RequestId":"X"}"#;
        let prompted = format!(
            "$ aliyun slb DescribeAccessControlListAttribute --RegionId cn-hangzhou --AclId acl-bp1l0kk4gxce43kzet04s\n{describe}"
        );
        let cases: Vec<Case> = vec![
            (
                "control plane range is always first",
                with(&[]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "a bare IPv4 address is a /32",
                with(&[("clients", "198.51.100.7")]),
                Contains(Level::Ok, &["198.51.100.7/32"]),
            ),
            (
                "a bare IPv6 address is a /128",
                with(&[("clients", "2408:4000::1")]),
                Contains(Level::Ok, &["2408:4000::1/128"]),
            ),
            ("an IPv6 block is kept", with(&[("clients", "2408:4000::/32")]), Contains(Level::Ok, &["2408:4000::/32"])),
            (
                "host bits are cleared",
                with(&[("vpc", "192.168.1.5/16")]),
                Contains(Level::Caution, &["192.168.0.0/16"]),
            ),
            (
                "host bits are a warning quoting the token",
                with(&[("vpc", "192.168.1.5/16")]),
                Message("vpc", W, "192.168.1.5/16"),
            ),
            (
                "IPv6 host bits are cleared",
                with(&[("clients", "2408:4000::1/64")]),
                Contains(Level::Caution, &["2408:4000::/64"]),
            ),
            ("0.0.0.0/0 is a warning", with(&[("clients", "0.0.0.0/0")]), Message("clients", W, "0.0.0.0/0")),
            (
                "0.0.0.0/0 gives a caution and covers everything",
                with(&[("clients", "0.0.0.0/0")]),
                Plan(Level::Caution, &["0.0.0.0/0"]),
            ),
            ("::/0 is a warning", with(&[("clients", "::/0")]), Message("clients", W, "::/0")),
            ("a /6 is overly broad", with(&[("clients", "8.0.0.0/6")]), Message("clients", W, "/8")),
            (
                "a /8 is not overly broad",
                with(&[("vpc", "10.0.0.0/8")]),
                Plan(Level::Ok, &["10.0.0.0/8", "100.104.0.0/16", "203.0.113.7/32"]),
            ),
            ("an IPv6 /20 is overly broad", with(&[("clients", "2400::/20")]), Message("clients", W, "/32")),
            (
                "duplicates in one field are merged",
                with(&[("vpc", "192.168.0.0/16\n192.168.0.0/16")]),
                Message("vpc", I, "192.168.0.0/16"),
            ),
            (
                "duplicates in one field leave one row",
                with(&[("vpc", "192.168.0.0/16, 192.168.0.0/16")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "a range covered by another is merged",
                with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]),
                Plan(Level::Ok, &["10.0.0.0/8", "100.104.0.0/16"]),
            ),
            (
                "the merge is said on the covered range's field",
                with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]),
                Message("clients", I, "10.0.0.0/8"),
            ),
            (
                "a duplicate across fields is merged",
                with(&[("clients", "192.168.0.0/16")]),
                Message("clients", I, "192.168.0.0/16"),
            ),
            (
                "the control plane range typed again is merged",
                with(&[("clients", "100.104.0.0/16\n203.0.113.7")]),
                Message("clients", I, "100.104.0.0/16"),
            ),
            (
                "a range covering the control plane absorbs it",
                with(&[("clients", "100.64.0.0/10")]),
                Plan(Level::Ok, &["100.64.0.0/10", "192.168.0.0/16"]),
            ),
            (
                "adjacent halves are combined",
                with(&[("clients", "203.0.113.0/25 203.0.113.128/25")]),
                Contains(Level::Ok, &["203.0.113.0/24"]),
            ),
            ("edge requires edge_egress", with(&[("kind", "edge")]), Error("edge_egress", "请填写")),
            (
                "edge adds the edge egress",
                with(&[("kind", "edge"), ("edge_egress", "198.51.100.0/24")]),
                Contains(Level::Ok, &["198.51.100.0/24"]),
            ),
            (
                "edge_egress is ignored for ack",
                with(&[("edge_egress", "garbage")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            ("lingjun requires lingjun_vpd", with(&[("kind", "lingjun")]), Error("lingjun_vpd", "请填写")),
            (
                "lingjun adds the VPD",
                with(&[("kind", "lingjun"), ("lingjun_vpd", "10.10.0.0/16")]),
                Contains(Level::Ok, &["10.10.0.0/16"]),
            ),
            (
                "lingjun_vpd is ignored for edge",
                with(&[("kind", "edge"), ("edge_egress", "198.51.100.0/24"), ("lingjun_vpd", "x")]),
                Contains(Level::Ok, &["198.51.100.0/24"]),
            ),
            ("vpc is required", vec![("kind", "ack"), ("clients", "1.2.3.4")], Error("vpc", "请填写")),
            ("clients are required", vec![("kind", "ack"), ("vpc", "10.0.0.0/8")], Error("clients", "请填写")),
            ("kind is required", vec![("vpc", "10.0.0.0/8"), ("clients", "1.2.3.4")], Error("kind", "请填写")),
            ("an unknown kind is an error", with(&[("kind", "gke")]), Error("kind", "gke")),
            ("garbage is an error quoting the token", with(&[("vpc", "192.168.0.0/16 hello")]), Error("vpc", "hello")),
            ("an IPv4 prefix over 32 is an error", with(&[("vpc", "10.0.0.0/33")]), Error("vpc", "/32")),
            ("an IPv6 prefix over 128 is an error", with(&[("clients", "::1/129")]), Error("clients", "/128")),
            ("an octet over 255 is an error", with(&[("clients", "300.1.1.1")]), Error("clients", "300.1.1.1")),
            ("a prefix without digits is an error", with(&[("clients", "10.0.0.0/")]), Error("clients", "10.0.0.0/")),
            (
                "a field with only a comment is an error",
                with(&[("clients", "# office")]),
                Error("clients", "192.168.0.0/16"),
            ),
            ("a region id is checked", with(&[("region", "Hangzhou")]), Error("region", "cn-hangzhou")),
            ("an acl id is checked", with(&[("acl_id", "bp1l0kk4gxce43kzet04s")]), Error("acl_id", "acl-")),
            ("a masked acl id is an error", with(&[("acl_id", "acl-bp1l0k****")]), Error("acl_id", "acl-bp1l0k****")),
            (
                "audit: missing control plane locks out the control plane",
                with(&[("current", "192.168.0.0/16\n203.0.113.7")]),
                Lockout(&["ACK 控制面"]),
            ),
            (
                "audit: missing VPC locks out the nodes",
                with(&[("current", "100.104.0.0/16\n203.0.113.7")]),
                Lockout(&["集群节点"]),
            ),
            (
                "audit: missing client locks out the clients",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/16")]),
                Lockout(&["客户端"]),
            ),
            (
                "audit: missing edge egress locks out the edge nodes",
                with(&[
                    ("kind", "edge"),
                    ("edge_egress", "198.51.100.0/24"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Lockout(&["边缘节点"]),
            ),
            (
                "audit: missing VPD locks out the Lingjun nodes",
                with(&[
                    ("kind", "lingjun"),
                    ("lingjun_vpd", "10.10.0.0/16"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Lockout(&["灵骏节点"]),
            ),
            (
                "audit: partial coverage is a lock-out",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/24\n203.0.113.7")]),
                Lockout(&["集群节点"]),
            ),
            (
                "audit: several missing at once",
                with(&[("current", "203.0.113.7")]),
                Lockout(&["ACK 控制面", "集群节点"]),
            ),
            (
                "audit: everything allowed is Ok",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7")]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "audit: coverage by wider entries is enough",
                with(&[("current", "100.104.0.0/16\n192.168.0.0/15\n203.0.113.0/24")]),
                Contains(Level::Ok, &["192.168.0.0/16"]),
            ),
            (
                "audit: coverage by several entries together is enough",
                with(&[("current", "100.104.0.0/17\n100.104.128.0/17\n192.168.0.0/16\n203.0.113.7")]),
                Contains(Level::Ok, &["100.104.0.0/16"]),
            ),
            (
                "audit: 0.0.0.0/0 in the ACL is a caution",
                with(&[("current", "0.0.0.0/0")]),
                Contains(Level::Caution, &["100.104.0.0/16"]),
            ),
            (
                "audit: a broad entry in the ACL is flagged",
                with(&[("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7\n64.0.0.0/3")]),
                Message("current", W, "64.0.0.0/3"),
            ),
            (
                "audit: extra columns are tolerated",
                with(&[(
                    "current",
                    "100.104.0.0/16\tack control plane\n192.168.0.0/16\tvpc\tDelete\n203.0.113.7, office",
                )]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            (
                "audit: a header line is skipped",
                with(&[("current", "IP/CIDR  Comment\n100.104.0.0/16 ack\n192.168.0.0/16\n203.0.113.7")]),
                Message("current", I, "IP/CIDR"),
            ),
            (
                "audit: pasted JSON is read",
                with(&[("current", json_acl)]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"]),
            ),
            ("audit: pasted JSON says how many entries", with(&[("current", json_acl)]), Message("current", I, "3")),
            (
                "audit: DescribeAccessControlListAttribute output is read",
                with(&[("current", describe)]),
                Lockout(&["客户端"]),
            ),
            (
                "audit: an address in a comment column stays a comment",
                with(&[("current", "100.104.0.0/16 ack\n192.168.0.0/16 vpc\n10.9.0.0/16 replaced 203.0.113.7")]),
                Lockout(&["客户端"]),
            ),
            ("audit: JSON after a shell prompt is read", with(&[("current", prompted.as_str())]), Lockout(&["客户端"])),
            (
                "audit: an IPv4 ACL leaves IPv6 ranges unaudited",
                with(&[
                    ("clients", "203.0.113.7\n2408:4000::/32"),
                    ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
                ]),
                Plan(Level::Ok, &["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32", "2408:4000::/32"]),
            ),
            (
                "audit: broken JSON is an error",
                with(&[("current", r#"[{"entry":"10.0.0.0/8""#)]),
                Error("current", "JSON"),
            ),
            (
                "audit: a bad JSON entry is an error",
                with(&[("current", r#"[{"entry":"10.0.0.0/40"}]"#)]),
                Error("current", "10.0.0.0/40"),
            ),
            ("audit: empty JSON is an error", with(&[("current", "[]")]), Error("current", "JSON")),
            (
                "audit: garbage line is an error with its line number",
                with(&[("current", "100.104.0.0/16\n10.0.0.300/8 vpc")]),
                Error("current", "第 2 行"),
            ),
        ];
        for (name, pairs, expect) in cases {
            let r = run(&pairs);
            match expect {
                Plan(lv, want) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    assert_eq!(level(&r), Some(lv), "{name}: {:?}", r.verdict);
                    assert_eq!(cidrs(&r), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{name}");
                }
                Contains(lv, want) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    assert_eq!(level(&r), Some(lv), "{name}: {:?}", r.verdict);
                    let got = cidrs(&r);
                    for w in want {
                        assert!(got.iter().any(|g| g == w), "{name}: {w} not in {got:?}");
                    }
                }
                Error(field, needle) => {
                    assert!(!r.complete, "{name}");
                    assert!(r.verdict.is_none() && r.sections.is_empty(), "{name}");
                    assert!(has_msg(&r, field, Severity::Error, needle), "{name}: {:?}", r.messages);
                }
                Message(field, sev, needle) => {
                    assert!(has_msg(&r, field, sev, needle), "{name}: {:?}", r.messages);
                }
                Lockout(who) => {
                    assert!(r.complete, "{name}: {:?}", r.messages);
                    let v = r.verdict.as_ref().expect("verdict");
                    assert_eq!(v.level, Level::Blocked, "{name}: {v:?}");
                    for s in Source::ALL {
                        let w = s.who(Locale::Zh);
                        assert_eq!(v.headline.contains(w), who.contains(&w), "{name}: {w} / {}", v.headline);
                    }
                }
            }
        }
    }

    #[test]
    fn lockout_details_name_the_consequence() {
        let cases: &[(&str, &str)] = &[
            ("192.168.0.0/16\n203.0.113.7", "控制台查看集群信息失败"),
            ("100.104.0.0/16\n203.0.113.7", "NotReady"),
            ("100.104.0.0/16\n192.168.0.0/16", "超时"),
        ];
        for (current, needle) in cases {
            let r = run(&with(&[("current", current)]));
            let v = r.verdict.expect("verdict");
            assert!(v.details.iter().any(|d| d.contains(needle)), "{current}: {:?}", v.details);
        }
    }

    #[test]
    fn json_block_is_the_aclentrys_array() {
        let r = run(&with(&[("clients", "203.0.113.7\n198.51.100.0/24")]));
        let json = codes(&r, "json");
        assert_eq!(json.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&json[0]).expect("valid JSON");
        let arr = v.as_array().expect("array");
        assert_eq!(arr[0]["entry"], "100.104.0.0/16");
        assert_eq!(arr[0]["comment"], "ack-control-plane");
        assert!(arr.iter().all(|e| e["entry"].is_string() && e["comment"].is_string()));
        assert_eq!(arr.len(), cidrs(&r).len());
    }

    #[test]
    fn merged_entry_keeps_every_reason() {
        let r = run(&with(&[("vpc", "10.0.0.0/8"), ("clients", "10.1.0.0/16")]));
        let row = allow_list(&r).into_iter().find(|row| row[0] == "10.0.0.0/8").expect("row");
        assert_eq!(row[2], "vpc-vswitch/clients");
        assert!(row[1].contains("客户端") && row[1].contains("VPC"));
    }

    #[test]
    fn commands_use_region_and_acl_or_placeholders() {
        let r = run(&with(&[]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("aliyun slb AddAccessControlListEntry --RegionId <REGION_ID> --AclId <ACL_ID> --AclEntrys '[{\"entry\":\"100.104.0.0/16\""));
        let r = run(&with(&[("region", "cn-hangzhou"), ("acl_id", "acl-bp1l0kk4gxce43kzet04s")]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("--RegionId cn-hangzhou --AclId acl-bp1l0kk4gxce43kzet04s"));
        assert!(!bash.contains("<REGION_ID>") && !bash.contains("<ACL_ID>"));
        let checks: Vec<&String> = r
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Check { code, .. } => Some(code),
                _ => None,
            })
            .collect();
        assert!(checks.iter().any(|c| c.contains("DescribeAccessControlListAttribute --RegionId cn-hangzhou")));
        assert!(checks.iter().any(|c| c.contains("--ListenerPort 6443")));
    }

    #[test]
    fn more_than_fifty_entries_are_split_into_several_calls() {
        let clients: String = (1..=60).map(|i| format!("198.51.100.{}\n", i * 2)).collect();
        let r = run(&with(&[("clients", clients.as_str())]));
        assert!(r.complete, "{:?}", r.messages);
        assert_eq!(cidrs(&r).len(), 62);
        let bash = codes(&r, "bash").join("\n");
        let calls: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(calls.len(), 2);
        let count = |line: &str| line.matches("\"entry\"").count();
        assert_eq!(count(calls[0]), 50);
        assert_eq!(count(calls[1]), 12);
    }

    #[test]
    fn more_than_three_hundred_entries_is_an_error() {
        let clients: String = (0..320).map(|i| format!("198.51.{}.{} ", i / 100, (i % 100) * 2)).collect();
        let r =
            evaluate(&inputs(&[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", clients.as_str())]), Locale::Zh);
        assert!(!r.complete);
        assert!(has_msg(&r, "clients", Severity::Error, "300"), "{:?}", r.messages);
    }

    #[test]
    fn audit_of_an_ipv4_acl_adds_every_ipv6_range() {
        let r = run(&with(&[
            ("clients", "203.0.113.7\n2408:4000::/32"),
            ("current", "100.104.0.0/16 192.168.0.0/16 203.0.113.7"),
        ]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1, "{bash}");
        assert!(add[0].contains("<IPV6_ACL_ID>") && add[0].contains("2408:4000::/32"));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        assert!(audit.blocks.iter().any(|b| matches!(b, Block::Text { text } if text.contains("IPv6 网段没有核对"))));
    }

    #[test]
    fn ipv6_entries_go_to_a_separate_acl() {
        let r = run(&with(&[("clients", "203.0.113.7\n2408:4000::/32")]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("--AclId <IPV6_ACL_ID> --AclEntrys '[{\"entry\":\"2408:4000::/32\""), "{bash}");
        assert!(!bash.lines().any(|l| l.contains("<ACL_ID>") && l.contains("2408:")));
        assert_eq!(codes(&r, "json").len(), 2);
    }

    #[test]
    fn audit_adds_only_what_is_missing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n203.0.113.7")]));
        let bash = codes(&r, "bash").join("\n");
        let add: Vec<&str> = bash.lines().filter(|l| l.contains("AddAccessControlListEntry")).collect();
        assert_eq!(add.len(), 1);
        assert!(
            add[0].contains("192.168.0.0/16") && !add[0].contains("100.104.0.0/16") && !add[0].contains("203.0.113.7"),
            "{}",
            add[0]
        );
    }

    #[test]
    fn audit_with_nothing_missing_adds_nothing() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7")]));
        assert!(!codes(&r, "bash").join("\n").contains("AddAccessControlListEntry"));
    }

    #[test]
    fn audit_lists_unexplained_entries_and_offers_their_removal() {
        let r = run(&with(&[("current", "100.104.0.0/16\n192.168.0.0/16\n203.0.113.7\n198.18.0.0/15 old-vpn")]));
        assert_eq!(level(&r), Some(Level::Ok));
        let audit = section(&r, "现有 ACL 核对结果").expect("audit section");
        let rows = match &audit.blocks[0] {
            Block::Table { rows, .. } => rows.clone(),
            b => panic!("{b:?}"),
        };
        let row = rows.iter().find(|r| r[0] == "198.18.0.0/15").expect("row");
        assert_eq!(row[1], "old-vpn");
        assert!(row[2].contains("无法由你的输入解释"));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("RemoveAccessControlListEntry") && bash.contains("198.18.0.0/15"));
        assert!(r.verdict.unwrap().details.iter().any(|d| d.contains("1 个条目")));
    }

    #[test]
    fn audit_with_open_acl_adds_narrow_entries_before_removal() {
        let r = run(&with(&[("current", "0.0.0.0/0")]));
        assert_eq!(level(&r), Some(Level::Caution));
        let bash = codes(&r, "bash").join("\n");
        let add = bash.lines().find(|l| l.contains("AddAccessControlListEntry")).expect("add");
        for c in ["100.104.0.0/16", "192.168.0.0/16", "203.0.113.7/32"] {
            assert!(add.contains(c), "{add}");
        }
        let remove = bash.lines().find(|l| l.contains("RemoveAccessControlListEntry")).expect("remove");
        assert!(remove.contains("0.0.0.0/0"));
    }

    #[test]
    fn audit_never_offers_to_remove_a_required_entry() {
        let r = run(&with(&[("clients", "0.0.0.0/0"), ("current", "0.0.0.0/0")]));
        assert!(!codes(&r, "bash").join("\n").contains("RemoveAccessControlListEntry"));
    }

    #[test]
    fn symptoms_link_existing_entries() {
        let r = run(&with(&[]));
        let ids: Vec<&str> = r
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Entry { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        for want in ["console-access-error", "kubectl-timeout", "troubleshoot-cluster", "apiserver-slb-acl-cidrs"] {
            assert!(ids.contains(&want), "{want}");
        }
        for id in ids {
            assert!(ENTRIES.contains(&id), "{id} not in ENTRIES");
        }
    }

    #[test]
    fn entries_exist_in_the_knowledge_base() {
        let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../content/entries");
        for id in ENTRIES {
            for lang in Locale::ALL {
                let file = dir.join(id).join(format!("{}.md", lang.code()));
                assert!(file.is_file(), "{}", file.display());
            }
        }
    }

    #[test]
    fn messages_are_in_the_requested_locale() {
        let pairs = with(&[("vpc", "nonsense")]);
        let mut seen = Vec::new();
        for l in Locale::ALL {
            let r = evaluate(&inputs(&pairs), l);
            let m = r.for_field("vpc").find(|m| m.severity == Severity::Error).expect("error");
            assert!(m.message.contains("nonsense"));
            assert!(!seen.contains(&m.message), "{l:?} repeats another locale");
            seen.push(m.message.clone());
        }
    }

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
    fn every_report_text_is_filled_in_every_locale() {
        let pairs = with(&[
            ("kind", "edge"),
            ("edge_egress", "198.51.100.0/24"),
            ("clients", "203.0.113.7\n2408:4000::/32\n8.0.0.0/6"),
            ("current", "192.168.0.0/24\n0.0.0.0/0\n198.18.0.0/15 vpn"),
        ]);
        for l in Locale::ALL {
            let r = evaluate(&inputs(&pairs), l);
            assert!(r.complete);
            let v = r.verdict.as_ref().unwrap();
            let mut texts: Vec<&str> = vec![v.headline.as_str()];
            texts.extend(v.details.iter().map(String::as_str));
            texts.extend(r.messages.iter().map(|m| m.message.as_str()));
            for s in &r.sections {
                texts.push(&s.title);
                for b in &s.blocks {
                    match b {
                        Block::Text { text } | Block::Entry { text, .. } | Block::Check { text, .. } => {
                            texts.push(text)
                        }
                        Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
                        Block::Table { headers, rows } => {
                            texts.extend(headers.iter().map(String::as_str));
                            for row in rows {
                                assert_eq!(row.len(), headers.len());
                                texts.extend(row.iter().map(String::as_str));
                            }
                        }
                        _ => {}
                    }
                }
            }
            for s in texts {
                assert!(!s.trim().is_empty(), "{l:?}: empty text");
                for key in [
                    "{tok}", "{net}", "{who}", "{what}", "{n}", "{by}", "{limit}", "{cover}", "{other}", "{pos}",
                    "{fmt}", "{ver}",
                ] {
                    assert!(!s.contains(key), "{l:?}: unfilled {key} in {s}");
                }
            }
        }
    }

    #[test]
    fn pasted_json_is_read_with_serde_json_at_any_depth() {
        let ok: &[(&str, &[&str])] = &[
            (r#"[{"entry":"10.0.0.0/8","comment":"a"}]"#, &["10.0.0.0/8"]),
            (r#"["10.0.0.0/8", "192.168.0.1"]"#, &["10.0.0.0/8", "192.168.0.1"]),
            (
                r#"{"AclEntrys":{"AclEntry":[{"AclEntryIP":"1.2.3.4/32","AclEntryComment":"x \"q\" \u00e9"}]},"Total":1,"Ok":true,"N":null}"#,
                &["1.2.3.4/32"],
            ),
            (r#"[{"comment":"no entry"},{"Entry":"::1"}]"#, &["::1"]),
            (r#"[{"entry":"10.0.0.1","n":[1,2,{"ip":"10.0.0.2"}]}, 7, true, "10.0.0.3"]"#, &["10.0.0.1", "10.0.0.2", "10.0.0.3"]),
            ("[]", &[]),
            // What follows the document (the next shell prompt) is not part of it.
            ("[\"10.0.0.0/8\"]\n$ ", &["10.0.0.0/8"]),
        ];
        for (text, want) in ok {
            let got: Vec<String> = json_entries(text).expect(text).into_iter().map(|p| p.0).collect();
            assert_eq!(got, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
        }
        let comment = json_entries(r#"{"AclEntryIP":"1.2.3.4/32","AclEntryComment":"x \"q\" \u00e9"}"#).unwrap();
        assert_eq!(comment[0].1, "x \"q\" é");
        // Where reading fails, as serde_json counts it: line, then column.
        let bad: &[(&str, (usize, usize))] = &[
            (r#"[{"entry":"x""#, (1, 13)),
            ("[", (1, 1)),
            ("]", (1, 1)),
            ("{\"a\" \"b\"}", (1, 6)),
            ("{:}", (1, 2)),
            ("[\n  {\"entry\": \"10.0.0.1\",\n  {]", (3, 3)),
            ("\"x\"", (1, 1)),
            ("", (1, 1)),
        ];
        for (text, (line, column)) in bad {
            assert_eq!(json_entries(text), Err(JsonError { line: *line, column: *column }), "{text:?}");
        }
        // Nesting far past serde_json's limit is an error, not a stack overflow.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(json_entries(&deep).is_err());
    }

    #[test]
    fn a_json_error_names_its_line_and_column_in_the_whole_paste() {
        let cases: &[(&str, &str)] = &[
            ("[{\"entry\": \"10.0.0.1\" \"x\"}]", "第 1 行第 23 列"),
            // After a shell prompt line, the JSON starts on line 2 of the paste.
            ("$ aliyun slb DescribeAccessControlListAttribute\n{\"AclEntrys\": {\"AclEntry\": [{\"AclEntryIP\": \"1.2.3.4\"}}}", "第 2 行第 54 列"),
            ("  [\"10.0.0.1\",", "第 1 行第 14 列"),
        ];
        for (text, want) in cases {
            let mut log = Log::new();
            assert!(read_current(text, Locale::Zh, &mut log).is_none(), "{text}");
            let said = log.finish(Locale::Zh);
            assert!(said.iter().any(|m| m.message.contains(want)), "{text:?}: {said:?}");
        }
    }

    #[test]
    fn json_written_for_the_cli_escapes_what_it_carries() {
        let entries = [("10.0.0.0/8".to_owned(), "vpc".to_owned()), ("1.2.3.4".to_owned(), String::new()), ("::1".to_owned(), "a \"b\"".to_owned())];
        assert_eq!(acl_json_compact(&entries), r#"[{"entry":"10.0.0.0/8","comment":"vpc"},{"entry":"1.2.3.4"},{"entry":"::1","comment":"a \"b\""}]"#);
        let pretty: serde_json::Value = serde_json::from_str(&acl_json_pretty(&entries)).unwrap();
        assert_eq!(pretty[2]["comment"], "a \"b\"");
        assert!(acl_json_pretty(&entries).starts_with("[\n  {\"entry\": \"10.0.0.0/8\", \"comment\": \"vpc\"},\n"));
    }

    #[test]
    fn region_and_acl_id_shapes() {
        for ok in ["cn-hangzhou", "ap-southeast-1", "cn-shanghai-finance-1", "us-east-1", "eu-central-1"] {
            assert!(is_region_id(ok), "{ok}");
        }
        for bad in ["", "cn", "Hangzhou", "cn-", "-cn", "cn_hangzhou", "cn-hangzhou;rm", "cn-hang zhou"] {
            assert!(!is_region_id(bad), "{bad}");
        }
        for ok in ["acl-bp1l0kk4gxce43kzet04s", "acl-0xiowxdr4drxtm2w8hupo"] {
            assert!(is_acl_id(ok), "{ok}");
        }
        for bad in ["", "acl-", "acl", "nacl-hp34s2h0xx1ht4nwo", "acl-ABC", "acl-abc'", "acl-bp1l****"] {
            assert!(!is_acl_id(bad), "{bad}");
        }
    }

    #[test]
    fn too_many_bad_tokens_are_summed_up() {
        let junk: String = (0..100).map(|i| format!("junk{i} ")).collect();
        let r = run(&with(&[("clients", junk.as_str())]));
        let errors = r.for_field("clients").filter(|m| m.severity == Severity::Error).count();
        assert_eq!(errors, MAX_MESSAGES + 1);
        assert!(has_msg(&r, "clients", Severity::Error, "80"));
    }

    #[test]
    fn messages_come_in_step_order() {
        let r = run(&[
            ("kind", "nope"),
            ("vpc", "x"),
            ("clients", ""),
            ("current", "y1"),
            ("region", "Z"),
            ("acl_id", "q"),
        ]);
        let order: Vec<&str> = r.messages.iter().map(|m| m.field.as_str()).collect();
        let pos = |f: &str| order.iter().position(|x| *x == f).unwrap();
        assert!(
            pos("kind") < pos("vpc")
                && pos("vpc") < pos("clients")
                && pos("clients") < pos("current")
                && pos("current") < pos("region")
                && pos("region") < pos("acl_id"),
            "{order:?}"
        );
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

    #[test]
    fn never_panics_on_hostile_input() {
        let big_garbage = "x".repeat(100_000);
        let big_ips: String =
            (0..8000).map(|i| format!("10.{}.{}.{}\n", i / 65536 % 256, i / 256 % 256, i % 256)).collect();
        let deep_brackets = "[".repeat(100_000);
        let deep_objects = "{\"a\":".repeat(30_000);
        let long_line: String = "1".repeat(100_000);
        let mixed: String =
            "100.104.0.0/16 💥 ١٢٣.٤.٥.٦ \u{202e}10.0.0.0/8 \u{0} \u{feff}::/0 , ; | ，、；\r\n".repeat(1000);
        let hostile: Vec<&str> = vec![
            "",
            " ",
            "\n\n\n",
            "\0",
            "/",
            "//",
            "1.1.1.1/",
            "/24",
            "::/",
            "::/-1",
            "1.1.1.1/+8",
            "1.1.1.1/08",
            "1.1.1.1/0008",
            "999999999999999999999",
            "0.0.0.0/0",
            "::/0",
            "fe80::1%eth0",
            "[\"",
            "{\"entry\":",
            "\"\\u12",
            "\"\\ud800\"",
            "[{\"entry\":\"\\uzzzz\"}]",
            "💥💥💥",
            "１９２.１６８.０.０/１６",
            &big_garbage,
            &big_ips,
            &deep_brackets,
            &deep_objects,
            &long_line,
            &mixed,
        ];
        let fields = ["kind", "vpc", "clients", "edge_egress", "lingjun_vpd", "current", "region", "acl_id"];
        for l in Locale::ALL {
            for h in &hostile {
                for f in fields {
                    for kind in ["ack", "edge", "lingjun"] {
                        let mut i = inputs(&[
                            ("kind", kind),
                            ("vpc", "10.0.0.0/8"),
                            ("clients", "1.2.3.4"),
                            ("edge_egress", "1.2.3.0/24"),
                            ("lingjun_vpd", "10.1.0.0/16"),
                        ]);
                        i.insert(f.to_owned(), (*h).to_owned());
                        let r = evaluate(&i, l);
                        assert_eq!(r.complete, !r.has_errors());
                        assert_eq!(r.complete, r.verdict.is_some());
                        assert!(r.messages.len() < 200, "{f}: {} messages", r.messages.len());
                    }
                }
            }
            // Nothing at all.
            let r = evaluate(&Inputs::new(), l);
            assert!(!r.complete);
        }
    }
}
