//! The plan: the sections of the report that say what to do — the allow-list as a table,
//! the same list as the `AclEntrys` JSON of the SLB API, the `aliyun slb` commands that write
//! it (at most 50 entries a call) and check it, and the symptoms of a wrong ACL.

use super::allow_list::Entry;
use crate::locale::Locale;
use crate::wizard::localized as t;
use crate::wizard::{Block, Section};

/// `AddAccessControlListEntry` takes at most this many entries per call.
const MAX_PER_CALL: usize = 50;

/// What the commands change in the ACL, as `(entry, comment)` pairs.
pub(super) struct Changes {
    /// The entries to add to the IPv4 ACL.
    pub(super) add_v4: Vec<(String, String)>,
    /// The entries to add to the IPv6 ACL.
    pub(super) add_v6: Vec<(String, String)>,
    /// The entries the user may remove: too wide, or explained by no input.
    pub(super) remove: Vec<(String, String)>,
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

/// The allow-list: who needs each entry, and the ACL comment written for it.
pub(super) fn allow_list_section(entries: &[Entry], has_v6: bool, l: Locale) -> Section {
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
    if has_v6 {
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
    Section {
        title: t(l, "放行列表", "允許清單", "Daftar yang diizinkan", "許可リスト").to_owned(), blocks
    }
}

/// The same list as the JSON of the `AclEntrys` parameter, one block per IP version.
pub(super) fn json_section(
    v4_pairs: &[(String, String)],
    v6_pairs: &[(String, String)],
    acl_id: Option<&str>,
    l: Locale,
) -> Section {
    let acl_s = acl_id.unwrap_or("<ACL_ID>");
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
    Section {
        title: t(
            l,
            "JSON 格式（AclEntrys）",
            "JSON 格式（AclEntrys）",
            "Format JSON (AclEntrys)",
            "JSON 形式 (AclEntrys)",
        )
        .to_owned(),
        blocks,
    }
}

/// The steps and `aliyun slb` commands that write the changes and check the result.
/// `audited`: the current ACL was pasted, so the changes are what it lacks.
pub(super) fn apply_section(
    region: Option<&str>,
    acl_id: Option<&str>,
    audited: bool,
    changes: &Changes,
    l: Locale,
) -> Section {
    let region_s = region.unwrap_or("<REGION_ID>");
    let acl_s = acl_id.unwrap_or("<ACL_ID>");
    let mut blocks = Vec::new();
    let nothing_to_add = changes.add_v4.is_empty() && changes.add_v6.is_empty();
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
    if !changes.remove.is_empty() {
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
        if !changes.add_v4.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, acl_s, &changes.add_v4));
        }
        if !changes.add_v6.is_empty() {
            code.push(commands("AddAccessControlListEntry", region_s, "<IPV6_ACL_ID>", &changes.add_v6));
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
    if !changes.remove.is_empty() {
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
            code: commands("RemoveAccessControlListEntry", region_s, acl_s, &changes.remove),
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
    Section {
        title: t(
            l,
            "用 aliyun CLI 写入 ACL",
            "用 aliyun CLI 寫入 ACL",
            "Terapkan dengan aliyun CLI",
            "aliyun CLI で ACL に反映する",
        )
        .to_owned(),
        blocks,
    }
}

/// What a wrong ACL looks like, with links to the entries that explain each symptom.
pub(super) fn symptoms_section(l: Locale) -> Section {
    Section {
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
                    "漏掉 100.104.0.0/16：主控台檢視叢集資訊失敗",
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::testutil::{cidrs, codes, run, with};
    use crate::wizard::acl::ENTRIES;

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
    fn ipv6_entries_go_to_a_separate_acl() {
        let r = run(&with(&[("clients", "203.0.113.7\n2408:4000::/32")]));
        let bash = codes(&r, "bash").join("\n");
        assert!(bash.contains("--AclId <IPV6_ACL_ID> --AclEntrys '[{\"entry\":\"2408:4000::/32\""), "{bash}");
        assert!(!bash.lines().any(|l| l.contains("<ACL_ID>") && l.contains("2408:")));
        assert_eq!(codes(&r, "json").len(), 2);
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
    fn json_written_for_the_cli_escapes_what_it_carries() {
        let entries = [
            ("10.0.0.0/8".to_owned(), "vpc".to_owned()),
            ("1.2.3.4".to_owned(), String::new()),
            ("::1".to_owned(), "a \"b\"".to_owned()),
        ];
        assert_eq!(
            acl_json_compact(&entries),
            r#"[{"entry":"10.0.0.0/8","comment":"vpc"},{"entry":"1.2.3.4"},{"entry":"::1","comment":"a \"b\""}]"#
        );
        let pretty: serde_json::Value = serde_json::from_str(&acl_json_pretty(&entries)).unwrap();
        assert_eq!(pretty[2]["comment"], "a \"b\"");
        assert!(acl_json_pretty(&entries).starts_with("[\n  {\"entry\": \"10.0.0.0/8\", \"comment\": \"vpc\"},\n"));
    }
}
