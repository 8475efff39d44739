//! Diagnostics collection: which script to run on which node, the exact commands, how to
//! find the archive the script leaves behind, and what to check next.
//!
//! Facts (seeds 000 zh-TW, 001 id, 002 ja; entries `collect-node-diagnostics`,
//! `troubleshoot-cluster`, `access-master-nodes`, `failure-*`):
//! - Try the console's one-click cluster diagnosis first; when it is not enough, run the
//!   diagnostic script on the master nodes and on the abnormal worker nodes.
//! - Master nodes run Linux only; Windows nodes can only be workers.
//! - Linux: the script `diagnose_k8s.sh` is downloaded from cn-hangzhou only, into
//!   `/usr/local/bin`; it prints `please get diagnose_<timestamp>.tar.gz for diagnostics`.
//! - Windows: from `cmd`, start `powershell`, then download and run `diagnose.ps1` from the
//!   cluster's own region; it prints `INFO: Please get diagnoses_<timestamp>.zip for
//!   diagnostics` and leaves the zip in the directory where it ran.
//! - The control plane nodes of a managed cluster are fully managed: nobody can log in to
//!   them. Dedicated clusters' master nodes are reached over SSH.

use super::*;
use super::{fill_template as fill, localized as t};
use crate::locale::Locale;

const CLUSTER_TYPES: &[&str] = &["managed", "dedicated"];
const ROLES: &[&str] = &["worker", "master"];
const OSES: &[&str] = &["linux", "windows"];

pub const STEPS: &[Step] = &[
    Step {
        id: "cluster",
        fields: &[
            Field { name: "cluster_type", kind: FieldKind::Choice(CLUSTER_TYPES), required: true },
            Field { name: "role", kind: FieldKind::Choice(ROLES), required: true },
        ],
    },
    Step {
        id: "node",
        fields: &[
            Field { name: "os", kind: FieldKind::Choice(OSES), required: true },
            Field { name: "region", kind: FieldKind::Text, required: true },
        ],
    },
    Step { id: FOLLOW_UP, fields: &[Field { name: "output", kind: FieldKind::Textarea, required: false }] },
];

pub const ENTRIES: &[&str] = &[
    "collect-node-diagnostics",
    "troubleshoot-cluster",
    "access-master-nodes",
    "add-remove-master-nodes",
    "managed-control-plane-ha",
    "failure-apiserver-stopped",
    "failure-backend-data-lost",
    "failure-node-down",
    "failure-kubelet-failure",
    "failure-misconfiguration",
];

/// The Linux script's only download address (cn-hangzhou, whatever the cluster's region).
const LINUX_CURL: &str = "curl -o /usr/local/bin/diagnose_k8s.sh https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/diagnose/diagnose_k8s.sh";
const LINUX_CHMOD: &str = "chmod u+x /usr/local/bin/diagnose_k8s.sh";
const LINUX_CD: &str = "cd /usr/local/bin";
const LINUX_RUN: &str = "diagnose_k8s.sh";
/// The archive name the documentation uses as its example.
const EXAMPLE_TIMESTAMP: &str = "1514939155";

/// The Windows script's address in a region (the id has been validated: `[a-z0-9-]` only).
fn windows_command(region: &str) -> String {
    format!(
        "Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-{region}.oss-{region}.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1 | Invoke-Expression"
    )
}



/// Joins values as a list in the locale's way (`、` in Chinese and Japanese).
fn join(items: &[&str], l: Locale) -> String {
    items.join(t(l, "、", "、", ", ", "、"))
}

/// A user's value as it may be quoted in a message: one line, at most 60 characters.
fn quote(s: &str) -> String {
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

/// The option of a Choice field that the input names (ASCII case ignored), if any.
fn choice(inputs: &Inputs, field: &str, options: &'static [&'static str]) -> Option<&'static str> {
    let v = value(inputs, field)?;
    options.iter().copied().find(|o| o.eq_ignore_ascii_case(v))
}

/// The control plane of a managed cluster: nothing to run on a node, so the node questions
/// and the script's output are not asked.
fn managed_master(inputs: &Inputs) -> bool {
    choice(inputs, "cluster_type", CLUSTER_TYPES) == Some("managed") && choice(inputs, "role", ROLES) == Some("master")
}

pub fn applies(field: &str, inputs: &Inputs) -> bool {
    match field {
        "cluster_type" | "role" => true,
        "os" | "region" | "output" => !managed_master(inputs),
        _ => false,
    }
}

/// A Choice field's option, or an error message when the value is not one of them.
fn checked_choice(
    inputs: &Inputs,
    field: &str,
    options: &'static [&'static str],
    l: Locale,
    msgs: &mut Vec<FieldMessage>,
) -> Option<&'static str> {
    let raw = value(inputs, field)?;
    let found = choice(inputs, field, options);
    if found.is_none() {
        let template = t(
            l,
            "“{v}”不是可选的值，请从以下值中选择：{opts}。",
            "「{v}」不是可選的值，請從下列值中選擇：{opts}。",
            "\"{v}\" bukan pilihan yang tersedia; pilih salah satu: {opts}.",
            "「{v}」は選択肢にありません。次のいずれかを選んでください: {opts}。",
        );
        let opts = join(options, l);
        msgs.push(message(field, Severity::Error, fill(template, &[("v", &quote(raw)), ("opts", &opts)])));
    }
    found
}

// ---------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------

/// Alibaba Cloud region ids, with the names people write instead of them (compared after
/// [`squash`]: lower case, letters and digits only).
const REGIONS: &[(&str, &[&str])] = &[
    ("cn-qingdao", &["青岛", "青島", "qingdao", "华北1", "華北1"]),
    ("cn-beijing", &["北京", "beijing", "peking", "华北2", "華北2"]),
    ("cn-zhangjiakou", &["张家口", "張家口", "zhangjiakou", "华北3", "華北3"]),
    ("cn-huhehaote", &["呼和浩特", "huhehaote", "hohhot", "华北5", "華北5"]),
    ("cn-wulanchabu", &["乌兰察布", "烏蘭察布", "ウランチャブ", "wulanchabu", "ulanqab", "华北6", "華北6"]),
    ("cn-hangzhou", &["杭州", "hangzhou", "华东1", "華東1"]),
    ("cn-shanghai", &["上海", "shanghai", "华东2", "華東2"]),
    ("cn-nanjing", &["南京", "nanjing", "华东5", "華東5"]),
    ("cn-fuzhou", &["福州", "fuzhou", "华东6", "華東6"]),
    ("cn-shenzhen", &["深圳", "shenzhen", "华南1", "華南1"]),
    ("cn-heyuan", &["河源", "heyuan", "华南2", "華南2"]),
    ("cn-guangzhou", &["广州", "廣州", "広州", "guangzhou", "华南3", "華南3"]),
    ("cn-chengdu", &["成都", "chengdu", "西南1"]),
    ("cn-wuhan-lr", &["武汉", "武漢", "wuhan", "华中1", "華中1"]),
    ("cn-hongkong", &["香港", "hongkong"]),
    ("ap-southeast-1", &["新加坡", "シンガポール", "singapore", "singapura"]),
    ("ap-southeast-3", &["吉隆坡", "クアラルンプール", "kualalumpur", "马来西亚", "馬來西亞", "マレーシア", "malaysia"]),
    ("ap-southeast-5", &["雅加达", "雅加達", "ジャカルタ", "jakarta", "印度尼西亚", "印尼", "インドネシア", "indonesia"]),
    ("ap-southeast-6", &["马尼拉", "馬尼拉", "マニラ", "manila", "菲律宾", "菲律賓", "フィリピン", "philippines", "filipina"]),
    ("ap-southeast-7", &["曼谷", "バンコク", "bangkok", "泰国", "泰國", "thailand"]),
    ("ap-northeast-1", &["东京", "東京", "tokyo", "日本", "japan", "jepang"]),
    ("ap-northeast-2", &["首尔", "首爾", "ソウル", "seoul", "韩国", "韓國", "韓国", "korea"]),
    ("ap-south-1", &["孟买", "孟買", "ムンバイ", "mumbai", "印度", "india"]),
    ("us-west-1", &["硅谷", "矽谷", "シリコンバレー", "siliconvalley", "美国西部", "美國西部"]),
    ("us-east-1", &["弗吉尼亚", "維吉尼亞", "维吉尼亚", "バージニア", "virginia", "美国东部", "美國東部"]),
    ("eu-central-1", &["法兰克福", "法蘭克福", "フランクフルト", "frankfurt", "德国", "德國", "ドイツ", "germany", "jerman"]),
    ("eu-west-1", &["伦敦", "倫敦", "ロンドン", "london", "英国", "英國", "イギリス", "inggris"]),
    ("me-east-1", &["迪拜", "杜拜", "ドバイ", "dubai"]),
    ("me-central-1", &["利雅得", "利雅德", "リヤド", "riyadh"]),
    ("na-south-1", &["墨西哥", "メキシコ", "mexico", "meksiko"]),
    ("cn-shanghai-finance-1", &["上海金融", "华东2金融", "華東2金融", "shanghaifinance"]),
    ("cn-shenzhen-finance-1", &["深圳金融", "华南1金融", "華南1金融", "shenzhenfinance"]),
    ("cn-beijing-finance-1", &["北京金融", "华北2金融", "華北2金融", "beijingfinance"]),
    ("cn-north-2-gov-1", &["政务云", "政務雲", "华北2政务", "華北2政務"]),
];

fn is_known_region(id: &str) -> bool {
    REGIONS.iter().any(|(r, _)| *r == id)
}

/// Full-width ASCII (typed with a CJK input method) to ASCII, and the ideographic space to
/// a space.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A region id as typed, normalised: half-width, lower case, runs of blanks and `_` inside
/// become `-`.
fn normalize_region(raw: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in raw.trim().chars().map(half_width) {
        if c.is_whitespace() || c == '_' {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash && c != '-' && !out.ends_with('-') {
            out.push('-');
        }
        pending_dash = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Lower case, letters and digits only (any script): for comparing with region names.
fn squash(s: &str) -> String {
    s.chars().map(half_width).filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect()
}

/// `cn-hangzhou`, `ap-southeast-1`: two or more lower-case letters, then `-`-separated parts
/// of lower-case letters and digits.
fn well_formed_region(id: &str) -> bool {
    let mut parts = id.split('-');
    let first = parts.next().unwrap_or("");
    let mut rest = 0;
    let rest_ok = parts.all(|p| {
        rest += 1;
        !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    id.len() <= 40 && first.len() >= 2 && first.bytes().all(|b| b.is_ascii_lowercase()) && rest >= 1 && rest_ok
}

/// Levenshtein distance between two short strings (by characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The known region id closest to `id`, when it is close enough to be a typo.
fn closest_region(id: &str) -> Option<&'static str> {
    if id.chars().count() > 48 {
        return None;
    }
    let (best, d) = REGIONS.iter().map(|(r, _)| (*r, edit_distance(id, r))).min_by_key(|(_, d)| *d)?;
    let limit = if best.len() >= 12 { 3 } else { 2 };
    (d > 0 && d <= limit).then_some(best)
}

/// The region whose name the text contains (the longest name wins: 上海金融 over 上海).
fn region_by_name(raw: &str) -> Option<&'static str> {
    let text = squash(raw);
    if text.is_empty() || text.chars().count() > 80 {
        return None;
    }
    REGIONS
        .iter()
        .flat_map(|(id, names)| names.iter().map(move |n| (*id, squash(n))))
        .filter(|(_, n)| !n.is_empty() && text.contains(n.as_str()))
        .max_by_key(|(_, n)| n.chars().count())
        .map(|(id, _)| id)
}

/// A known region id that the text contains as a whole token (`cn-hangzhou; rm -rf /`).
fn region_token(raw: &str) -> Option<&'static str> {
    if raw.len() > 400 {
        return None;
    }
    let lower: String = raw.chars().map(half_width).flat_map(|c| c.to_lowercase()).collect();
    lower
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .find_map(|token| REGIONS.iter().map(|(r, _)| *r).find(|r| *r == token))
}

fn without_digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Known ids that differ from `id` only in their digits (`ap-southeast-8` → the other
/// `ap-southeast-N`): a region newer than this list looks like that.
fn same_family(id: &str) -> Vec<&'static str> {
    let shape = without_digits(id);
    let ends_with_number = id.rsplit('-').next().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !ends_with_number {
        return Vec::new();
    }
    REGIONS.iter().map(|(r, _)| *r).filter(|r| r.bytes().any(|b| b.is_ascii_digit()) && without_digits(r) == shape).collect()
}

/// Checks the region; returns the id to use when it is usable (no error).
fn check_region(raw: &str, os: Option<&str>, l: Locale, msgs: &mut Vec<FieldMessage>) -> Option<String> {
    let shown = quote(raw);
    let id = normalize_region(raw);
    let usable = if is_known_region(&id) {
        if id != raw.trim() {
            let template = t(
                l,
                "已按地域 ID “{id}”处理（你输入的是“{v}”）。",
                "已視為地域 ID「{id}」（你輸入的是「{v}」）。",
                "Dibaca sebagai ID wilayah \"{id}\" (yang Anda ketik: \"{v}\").",
                "リージョン ID「{id}」として扱います (入力: 「{v}」)。",
            );
            msgs.push(message("region", Severity::Info, fill(template, &[("id", &id), ("v", &shown)])));
        }
        Some(id)
    } else if let Some(family) = Some(same_family(&id)).filter(|f| !f.is_empty() && well_formed_region(&id)) {
        let template = t(
            l,
            "“{id}”不在本向导已知的地域列表中，同类的已知地域有：{list}。如果这是新开放的地域，可以继续；否则请在控制台核对集群的地域 ID。",
            "「{id}」不在本精靈已知的地域清單中，同類的已知地域有：{list}。若這是新開放的地域，可以繼續；否則請到控制台核對叢集的地域 ID。",
            "\"{id}\" tidak ada dalam daftar wilayah yang dikenal wizard ini; wilayah serupa yang dikenal: {list}. Jika ini wilayah baru, Anda bisa melanjutkan; jika tidak, periksa ID wilayah kluster di konsol.",
            "「{id}」はこのウィザードが把握しているリージョンにありません。似たリージョン: {list}。新しく開設されたリージョンであればこのまま進めてかまいません。そうでなければ、コンソールでクラスターのリージョン ID を確認してください。",
        );
        msgs.push(message("region", Severity::Warning, fill(template, &[("id", &id), ("list", &join(&family, l))])));
        Some(id)
    } else if let Some(suggestion) = closest_region(&id) {
        let template = t(
            l,
            "“{v}”不是已知的地域 ID，你是不是要输入 {s}？",
            "「{v}」不是已知的地域 ID，你要輸入的是不是 {s}？",
            "\"{v}\" bukan ID wilayah yang dikenal. Maksud Anda {s}?",
            "「{v}」は既知のリージョン ID ではありません。{s} のことですか?",
        );
        msgs.push(message("region", Severity::Error, fill(template, &[("v", &shown), ("s", suggestion)])));
        None
    } else if let Some(suggestion) = region_token(raw) {
        let template = t(
            l,
            "“{v}”中除了地域 ID 还有别的字符。这里只填写地域 ID：{s}。",
            "「{v}」除了地域 ID 之外還有其他字元。這裡只要填地域 ID：{s}。",
            "\"{v}\" berisi karakter lain selain ID wilayah. Isi hanya ID wilayahnya: {s}.",
            "「{v}」にはリージョン ID 以外の文字が含まれています。リージョン ID ({s}) だけを入力してください。",
        );
        msgs.push(message("region", Severity::Error, fill(template, &[("v", &shown), ("s", suggestion)])));
        None
    } else if let Some(suggestion) = region_by_name(raw) {
        let template = t(
            l,
            "这里要填写地域 ID，而不是地域名称。“{v}”对应的地域 ID 是 {s}。",
            "這裡要填的是地域 ID，而不是地域名稱。「{v}」對應的地域 ID 是 {s}。",
            "Yang diisi di sini adalah ID wilayah, bukan nama wilayah. ID wilayah untuk \"{v}\" adalah {s}.",
            "ここにはリージョン名ではなくリージョン ID を入力します。「{v}」のリージョン ID は {s} です。",
        );
        msgs.push(message("region", Severity::Error, fill(template, &[("v", &shown), ("s", suggestion)])));
        None
    } else if well_formed_region(&id) {
        let template = t(
            l,
            "“{id}”不在本向导已知的地域列表中。请在控制台核对集群的地域 ID；如果确认无误，可以继续。",
            "「{id}」不在本精靈已知的地域清單中。請到控制台核對叢集的地域 ID；確認無誤即可繼續。",
            "\"{id}\" tidak ada dalam daftar wilayah yang dikenal wizard ini. Periksa ID wilayah kluster di konsol; jika sudah benar, Anda bisa melanjutkan.",
            "「{id}」はこのウィザードが把握しているリージョンにありません。コンソールでクラスターのリージョン ID を確認し、正しければそのまま進めてください。",
        );
        msgs.push(message("region", Severity::Warning, fill(template, &[("id", &id)])));
        Some(id)
    } else {
        let template = t(
            l,
            "“{v}”不是地域 ID。地域 ID 由小写字母、数字和连字符组成，例如 cn-hangzhou、ap-southeast-1。",
            "「{v}」不是地域 ID。地域 ID 由小寫英文字母、數字與連字號組成，例如 cn-hangzhou、ap-southeast-1。",
            "\"{v}\" bukan ID wilayah. ID wilayah terdiri atas huruf kecil, angka, dan tanda hubung, misalnya cn-hangzhou atau ap-southeast-1.",
            "「{v}」はリージョン ID ではありません。リージョン ID は英小文字・数字・ハイフンで構成されます (例: cn-hangzhou、ap-southeast-1)。",
        );
        msgs.push(message("region", Severity::Error, fill(template, &[("v", &shown)])));
        None
    };
    if let (Some(id), Some("linux")) = (&usable, os) {
        if id != "cn-hangzhou" {
            let template = t(
                l,
                "Linux 版诊断脚本只能从 cn-hangzhou 下载，所以命令里的地址固定是 cn-hangzhou，与集群所在的 {id} 无关。",
                "Linux 版診斷指令碼只能從 cn-hangzhou 下載，所以指令中的網址固定是 cn-hangzhou，與叢集所在的 {id} 無關。",
                "Skrip diagnostik Linux hanya bisa diunduh dari cn-hangzhou, jadi alamat di perintah selalu memakai cn-hangzhou, bukan {id} tempat kluster Anda berada.",
                "Linux 用の診断スクリプトは cn-hangzhou からしか取得できないため、コマンドの URL はクラスターのリージョン ({id}) ではなく常に cn-hangzhou です。",
            );
            msgs.push(message("region", Severity::Info, fill(template, &[("id", id)])));
        }
    }
    usable
}

// ---------------------------------------------------------------------------------------
// The script's output
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Os {
    Linux,
    Windows,
}

impl Os {
    fn parse(s: &str) -> Option<Os> {
        match s {
            "linux" => Some(Os::Linux),
            "windows" => Some(Os::Windows),
            _ => None,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Os::Linux => "Linux",
            Os::Windows => "Windows",
        }
    }
    fn other(self) -> Os {
        match self {
            Os::Linux => Os::Windows,
            Os::Windows => Os::Linux,
        }
    }
    /// The archive name pattern, with a placeholder.
    fn archive_pattern(self) -> &'static str {
        match self {
            Os::Linux => "diagnose_<TIMESTAMP>.tar.gz",
            Os::Windows => "diagnoses_<TIMESTAMP>.zip",
        }
    }
    /// The line the script prints last when it has packed the archive.
    fn final_line(self) -> &'static str {
        match self {
            Os::Linux => "please get diagnose_<TIMESTAMP>.tar.gz for diagnostics",
            Os::Windows => "INFO: Please get diagnoses_<TIMESTAMP>.zip for diagnostics",
        }
    }
}

/// What a pasted output says about the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Archive {
    /// An archive of the chosen OS: its (last) name, the number of distinct names of that
    /// kind, and the last archive of the other kind, if any.
    Found { name: String, count: usize, other: Option<String> },
    /// Only archives of the other OS.
    WrongKind { name: String },
    /// No archive name; the last line that looks like a failure, if any.
    NotFound { failure: Option<String> },
}

/// Archive names in the text, in order: `diagnose_<stamp>.tar.gz` (Linux) and
/// `diagnoses_<stamp>.zip` (Windows). A stamp is 1–64 of `[A-Za-z0-9_-]`, so a name found
/// here is always safe to put into a command.
fn archive_names(text: &str) -> Vec<(Os, String)> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("diagnose") {
        let rest = &text[i + "diagnose".len()..];
        let (os, after_prefix) = if let Some(r) = rest.strip_prefix("s_") {
            (Os::Windows, r)
        } else if let Some(r) = rest.strip_prefix('_') {
            (Os::Linux, r)
        } else {
            continue;
        };
        // At most 65 bytes are looked at, so a paste full of `diagnose_` stays linear.
        let stamp_len =
            after_prefix.bytes().take(65).take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-').count();
        if stamp_len == 0 || stamp_len > 64 {
            continue;
        }
        let stamp = &after_prefix[..stamp_len];
        let tail = &after_prefix[stamp_len..];
        match os {
            Os::Linux if tail.starts_with(".tar.gz") => found.push((os, format!("diagnose_{stamp}.tar.gz"))),
            Os::Windows if tail.starts_with(".zip") => found.push((os, format!("diagnoses_{stamp}.zip"))),
            _ => {}
        }
    }
    found
}

/// The last line that reads like a failure (curl, shell or PowerShell errors).
fn failure_line(text: &str) -> Option<String> {
    const MARKS: &[&str] = &[
        "error",
        "denied",
        "not found",
        "no such file",
        "could not",
        "cannot",
        "can't",
        "failed",
        "not recognized",
        "无法",
        "無法",
        "找不到",
        "失败",
        "失敗",
    ];
    text.lines()
        .rev()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .find(|line| {
            let lower = line.to_lowercase();
            MARKS.iter().any(|m| lower.contains(m))
        })
        .map(quote)
}

fn scan_output(text: &str, os: Os) -> Archive {
    let names = archive_names(text);
    let last_of = |kind: Os| names.iter().rev().find(|(k, _)| *k == kind).map(|(_, n)| n.clone());
    match last_of(os) {
        Some(name) => {
            let distinct: std::collections::BTreeSet<&str> =
                names.iter().filter(|(k, _)| *k == os).map(|(_, n)| n.as_str()).collect();
            Archive::Found { name, count: distinct.len(), other: last_of(os.other()) }
        }
        None => match last_of(os.other()) {
            Some(name) => Archive::WrongKind { name },
            None => Archive::NotFound { failure: failure_line(text) },
        },
    }
}

fn is_example(name: &str) -> bool {
    name.contains(EXAMPLE_TIMESTAMP)
}

fn found_text(os: Os, name: &str, l: Locale) -> String {
    let template = match os {
        Os::Linux => t(
            l,
            "要上传的诊断包是 {name}，它位于运行脚本时所在的目录（按本向导的步骤是 /usr/local/bin）。",
            "要上傳的診斷包是 {name}，它位於執行指令碼時所在的目錄（依本精靈的步驟是 /usr/local/bin）。",
            "Paket diagnostik yang perlu diunggah adalah {name}. File ini ada di direktori tempat skrip dijalankan (/usr/local/bin jika Anda mengikuti langkah-langkah wizard ini).",
            "アップロードする診断ファイルは {name} です。スクリプトを実行したディレクトリ (このウィザードの手順どおりなら /usr/local/bin) にあります。",
        ),
        Os::Windows => t(
            l,
            "要上传的诊断包是 {name}，它保存在运行脚本时 PowerShell 所在的目录。",
            "要上傳的診斷包是 {name}，它存放在執行指令碼時 PowerShell 所在的目錄。",
            "Paket diagnostik yang perlu diunggah adalah {name}. File ini tersimpan di direktori tempat PowerShell berada saat skrip dijalankan.",
            "アップロードする診断ファイルは {name} です。スクリプトを実行したときの PowerShell のカレントディレクトリに保存されています。",
        ),
    };
    fill(template, &[("name", name)])
}

fn several_text(count: usize, name: &str, l: Locale) -> String {
    let template = t(
        l,
        "输出中有 {n} 个不同的诊断包文件名，以最后出现的 {name} 为准（最近一次运行）。",
        "輸出中有 {n} 個不同的診斷包檔名，以最後出現的 {name} 為準（最近一次執行）。",
        "Ada {n} nama paket diagnostik yang berbeda di keluaran; yang dipakai adalah yang muncul terakhir, {name} (eksekusi terbaru).",
        "出力に異なる診断ファイル名が {n} 個あります。最後に表示された {name} (最新の実行) を使います。",
    );
    fill(template, &[("n", &count.to_string()), ("name", name)])
}

fn example_text(name: &str, l: Locale) -> String {
    let template = t(
        l,
        "{name} 是文档中的示例文件名。请粘贴你自己运行脚本后的输出，每次运行生成的文件名都不同。",
        "{name} 是文件中的範例檔名。請貼上你自己執行指令碼後的輸出，每次執行產生的檔名都不同。",
        "{name} adalah nama contoh dari dokumentasi. Tempelkan keluaran dari eksekusi skrip Anda sendiri; nama file berbeda di setiap eksekusi.",
        "{name} はドキュメントに載っている例の名前です。ご自身でスクリプトを実行したときの出力を貼り付けてください。ファイル名は実行のたびに変わります。",
    );
    fill(template, &[("name", name)])
}

fn wrong_kind_text(os: Os, name: &str, l: Locale) -> String {
    let template = t(
        l,
        "{name} 是 {other} 诊断脚本生成的文件，但你选择的是 {chosen} 节点（{chosen} 脚本生成的是 {expected}）。请确认粘贴的是这个节点上的输出，或者把操作系统改为 {other}。",
        "{name} 是 {other} 診斷指令碼產生的檔案，但你選的是 {chosen} 節點（{chosen} 指令碼產生的是 {expected}）。請確認貼上的是這個節點的輸出，或把作業系統改成 {other}。",
        "{name} adalah file dari skrip diagnostik {other}, padahal Anda memilih node {chosen} (skrip {chosen} menghasilkan {expected}). Pastikan keluaran yang ditempel berasal dari node ini, atau ubah sistem operasi menjadi {other}.",
        "{name} は {other} 用の診断スクリプトが作るファイルですが、選択されているのは {chosen} ノードです ({chosen} 用スクリプトが作るのは {expected})。このノードの出力を貼り付けたか確認するか、OS を {other} に変更してください。",
    );
    fill(
        template,
        &[("name", name), ("other", os.other().name()), ("chosen", os.name()), ("expected", os.archive_pattern())],
    )
}

fn not_found_text(os: Os, failure: Option<&str>, l: Locale) -> String {
    let template = t(
        l,
        "输出中没有找到诊断包的文件名（{pattern}）。脚本成功结束时会打印类似“{line}”的一行，请粘贴包含这一行的最后几行输出。",
        "輸出中沒有找到診斷包的檔名（{pattern}）。指令碼順利結束時會印出類似「{line}」的一行，請貼上包含這一行的最後幾行輸出。",
        "Nama file paket diagnostik ({pattern}) tidak ditemukan di keluaran. Jika skrip selesai dengan baik, skrip mencetak baris seperti \"{line}\"; tempelkan beberapa baris terakhir yang memuat baris itu.",
        "出力に診断ファイルの名前 ({pattern}) が見つかりません。スクリプトが正常に終わると「{line}」のような行が表示されます。その行を含む最後の数行を貼り付けてください。",
    );
    let mut text = fill(template, &[("pattern", os.archive_pattern()), ("line", os.final_line())]);
    if let Some(line) = failure {
        let template = t(
            l,
            "输出中的这一行说明脚本可能没有正常结束：“{line}”",
            "輸出中的這一行表示指令碼可能沒有正常結束：「{line}」",
            "Baris ini menunjukkan skrip mungkin tidak selesai dengan normal: \"{line}\"",
            "次の行から、スクリプトが正常に終了しなかった可能性があります: 「{line}」",
        );
        if l == Locale::Id {
            text.push(' ');
        }
        text.push_str(&fill(template, &[("line", line)]));
    }
    text
}

/// The messages about the pasted output. Never errors: the follow-up never blocks the plan.
fn output_messages(archive: &Archive, os: Os, l: Locale, msgs: &mut Vec<FieldMessage>) {
    match archive {
        Archive::Found { name, count, other } => {
            msgs.push(message("output", Severity::Info, found_text(os, name, l)));
            if *count > 1 {
                msgs.push(message("output", Severity::Info, several_text(*count, name, l)));
            }
            if is_example(name) {
                msgs.push(message("output", Severity::Warning, example_text(name, l)));
            }
            if let Some(other) = other {
                msgs.push(message("output", Severity::Warning, wrong_kind_text(os, other, l)));
            }
        }
        Archive::WrongKind { name } => msgs.push(message("output", Severity::Warning, wrong_kind_text(os, name, l))),
        Archive::NotFound { failure } => {
            msgs.push(message("output", Severity::Warning, not_found_text(os, failure.as_deref(), l)))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut msgs = missing_required(WizardId::Diagnostics, inputs, l);
    let cluster_type = checked_choice(inputs, "cluster_type", CLUSTER_TYPES, l, &mut msgs);
    let role = checked_choice(inputs, "role", ROLES, l, &mut msgs);

    let mut os = None;
    if applies("os", inputs) {
        os = checked_choice(inputs, "os", OSES, l, &mut msgs).and_then(Os::parse);
        if os == Some(Os::Windows) && role == Some("master") {
            let text = t(
                l,
                "Windows 只能作为 Worker 节点，Master 节点只能运行 Linux。收集 Master 节点的诊断信息请选择 Linux；如果出问题的是 Windows 节点，请在第一步把节点角色改为 Worker 节点。",
                "Windows 只能當作 Worker 節點，Master 節點只能執行 Linux。要收集 Master 節點的診斷資訊請選 Linux；若出問題的是 Windows 節點，請在第一步把節點角色改成 Worker 節點。",
                "Windows hanya bisa menjadi node Worker; node Master selalu memakai Linux. Pilih Linux untuk node Master, atau ubah peran node menjadi Worker di langkah pertama jika yang bermasalah adalah node Windows.",
                "Windows は Worker ノードにしか使えず、Master ノードの OS は Linux だけです。Master ノードなら Linux を選び、Windows ノードを調べる場合は最初のステップで役割を Worker ノードに変更してください。",
            );
            msgs.push(message("os", Severity::Error, text));
        }
    }

    let mut region = None;
    if applies("region", inputs) {
        if let Some(raw) = value(inputs, "region") {
            region = check_region(raw, os.map(|o| if o == Os::Linux { "linux" } else { "windows" }), l, &mut msgs);
        }
    }

    let mut archive = None;
    if applies("output", inputs) {
        if let (Some(os), Some(text)) = (os, value(inputs, "output")) {
            let found = scan_output(text, os);
            output_messages(&found, os, l, &mut msgs);
            archive = Some(found);
        }
    }

    // In step order (stable: each field's messages keep their order).
    let order: Vec<&str> = STEPS.iter().flat_map(|s| s.fields.iter().map(|f| f.name)).collect();
    msgs.sort_by_key(|m| order.iter().position(|f| *f == m.field).unwrap_or(order.len()));

    if msgs.iter().any(|m| m.severity == Severity::Error) {
        return Report::incomplete(msgs);
    }
    match (cluster_type, role) {
        (Some("managed"), Some("master")) => managed_master_report(msgs, l),
        (Some(cluster_type), Some(role)) => match (os, region) {
            (Some(os), Some(region)) => {
                let plan = Plan { dedicated: cluster_type == "dedicated", master: role == "master", os, region };
                node_report(&plan, archive.as_ref(), msgs, l)
            }
            _ => Report::incomplete(msgs),
        },
        _ => Report::incomplete(msgs),
    }
}

struct Plan {
    dedicated: bool,
    master: bool,
    os: Os,
    region: String,
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

fn entry_text(id: &str, l: Locale) -> &'static str {
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
        "建議先用控制台的一鍵叢集診斷找出問題；資訊不夠時，再到節點上執行診斷指令碼。",
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

fn managed_master_report(messages: Vec<FieldMessage>, l: Locale) -> Report {
    let verdict = Verdict {
        level: Level::Blocked,
        headline: t(
            l,
            "托管集群的控制面无法登录，请改用控制台的一键集群诊断",
            "託管叢集的控制平面無法登入，請改用控制台的一鍵叢集診斷",
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
                "控制台的叢集診斷（一鍵故障診斷）可以協助你找出叢集中的問題；異常的 Worker 節點仍可用診斷指令碼收集資訊。",
                "Diagnostik kluster (diagnosis sekali klik) di konsol membantu melacak masalah di kluster; dari node Worker yang bermasalah Anda tetap bisa mengumpulkan informasi dengan skrip diagnostik.",
                "コンソールのクラスター診断 (ワンクリック障害診断) でクラスターの問題を絞り込めます。異常な Worker ノードからは、引き続き診断スクリプトで情報を収集できます。",
            )
            .to_owned(),
        ],
    };
    let sections = vec![
        Section {
            title: t(l, "使用控制台的集群诊断", "使用控制台的叢集診斷", "Gunakan diagnostik kluster di konsol", "コンソールのクラスター診断を使う").to_owned(),
            blocks: vec![
                text(t(
                    l,
                    "在容器服务 ACK 控制台中对这个集群运行集群诊断（一键故障诊断），由系统检查集群并帮你定位问题。具体操作见文档《使用集群诊断》。",
                    "在 ACK 控制台對這個叢集執行叢集診斷（一鍵故障診斷），由系統檢查叢集並協助你找出問題。操作方式請見「使用叢集診斷」文件。",
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

fn node_report(p: &Plan, archive: Option<&Archive>, messages: Vec<FieldMessage>, l: Locale) -> Report {
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

    fn inputs(pairs: &[(&str, &str)]) -> Inputs {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// Every code (commands, checks, outputs) of a report.
    fn codes(r: &Report) -> Vec<String> {
        r.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Command { code, .. } | Block::Check { code, .. } | Block::Output { code } => Some(code.clone()),
                _ => None,
            })
            .collect()
    }

    fn all_text(r: &Report) -> String {
        let mut out = serde_json::to_string(r).unwrap();
        out.push_str(&r.messages.iter().map(|m| m.message.as_str()).collect::<Vec<_>>().join("\n"));
        out
    }

    struct Case {
        name: &'static str,
        inputs: &'static [(&'static str, &'static str)],
        complete: bool,
        level: Option<Level>,
        /// (field, severity, substring of the message in zh)
        messages: &'static [(&'static str, Severity, &'static str)],
        /// substrings that some command, check or output must contain
        code: &'static [&'static str],
        /// substrings that no command, check or output may contain
        no_code: &'static [&'static str],
    }

    const LINUX_URL: &str = "https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/diagnose/diagnose_k8s.sh";

    const CASES: &[Case] = &[
        Case {
            name: "managed_worker_linux_gets_the_hangzhou_script_and_kubelet_checks",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-beijing")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-hangzhou")],
            code: &[
                LINUX_URL,
                "curl -o /usr/local/bin/diagnose_k8s.sh",
                "chmod u+x /usr/local/bin/diagnose_k8s.sh",
                "cd /usr/local/bin",
                "diagnose_k8s.sh",
                "kubectl get nodes",
                "kubectl describe node <NODE_NAME>",
                "kubectl get pods -n kube-system",
                "kubectl logs -f <POD_NAME> -n kube-system",
                "systemctl status kubelet",
                "journalctl -u kubelet",
                "ls -ltr | grep diagnose_<TIMESTAMP>.tar.gz",
            ],
            no_code: &["cn-beijing", "Invoke-WebRequest"],
        },
        Case {
            name: "managed_worker_linux_in_hangzhou_has_no_region_remark",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[LINUX_URL],
            no_code: &["Invoke-WebRequest"],
        },
        Case {
            name: "managed_worker_windows_script_comes_from_the_cluster_region",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-beijing")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[
                "Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-cn-beijing.oss-cn-beijing.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1 | Invoke-Expression",
                "powershell",
                "INFO: Please get diagnoses_1514939155.zip for diagnostics",
                "Get-ChildItem diagnoses_*.zip",
                "kubectl get nodes",
            ],
            no_code: &["systemctl", "journalctl", "diagnose_k8s.sh", "cn-hangzhou"],
        },
        Case {
            name: "managed_master_linux_is_blocked_and_points_to_cluster_diagnosis",
            inputs: &[("cluster_type", "managed"), ("role", "master"), ("os", "linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &["kubectl get nodes", "kubectl get pods -n kube-system"],
            no_code: &["diagnose_k8s.sh", "Invoke-WebRequest", "systemctl", "journalctl"],
        },
        Case {
            name: "managed_master_needs_neither_os_nor_region",
            inputs: &[("cluster_type", "managed"), ("role", "master")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &["kubectl get nodes"],
            no_code: &["curl", "Invoke-WebRequest"],
        },
        Case {
            name: "managed_master_ignores_windows_and_a_bad_region",
            inputs: &[("cluster_type", "managed"), ("role", "master"), ("os", "windows"), ("region", "$(whoami)"), ("output", "garbage")],
            complete: true,
            level: Some(Level::Blocked),
            messages: &[],
            code: &[],
            no_code: &["whoami", "Invoke-WebRequest"],
        },
        Case {
            name: "dedicated_master_linux_runs_the_script_over_ssh",
            inputs: &[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-shanghai")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-hangzhou")],
            code: &[LINUX_URL, "chmod u+x /usr/local/bin/diagnose_k8s.sh", "systemctl status kubelet"],
            no_code: &["Invoke-WebRequest"],
        },
        Case {
            name: "dedicated_master_windows_is_an_error_on_os",
            inputs: &[("cluster_type", "dedicated"), ("role", "master"), ("os", "windows"), ("region", "cn-shanghai")],
            complete: false,
            level: None,
            messages: &[("os", Severity::Error, "Windows 只能作为 Worker 节点")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "dedicated_worker_windows_uses_the_region_in_the_url",
            inputs: &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "windows"), ("region", "ap-southeast-1")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &["https://aliacs-k8s-ap-southeast-1.oss-ap-southeast-1.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1"],
            no_code: &["systemctl"],
        },
        Case {
            name: "dedicated_worker_linux",
            inputs: &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "linux"), ("region", "eu-central-1")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "eu-central-1")],
            code: &[LINUX_URL, "journalctl -u kubelet"],
            no_code: &["eu-central-1"],
        },
        Case {
            name: "region_typo_suggests_the_closest_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzou")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou？")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_missing_hyphen_is_a_typo",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cnbeijing")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-beijing")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_wrong_case_and_blanks_are_normalised",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "  CN-Beijing \t")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-beijing")],
            code: &["https://aliacs-k8s-cn-beijing.oss-cn-beijing.aliyuncs.com/"],
            no_code: &["CN-Beijing"],
        },
        Case {
            name: "region_with_underscore_and_full_width_letters_is_normalised",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ｃｎ＿ｓｈａｎｇｈａｉ")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Info, "cn-shanghai")],
            code: &["aliacs-k8s-cn-shanghai.oss-cn-shanghai"],
            no_code: &[],
        },
        Case {
            name: "region_in_chinese_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "杭州")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_console_name_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "华东2（上海）")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-shanghai")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_in_english_words_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "Hangzhou")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_city_in_katakana_suggests_the_id",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ジャカルタ")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "ap-southeast-5")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_finance_cloud_name_prefers_the_longer_match",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "上海金融云")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "cn-shanghai-finance-1")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_new_number_of_a_known_family_is_a_warning",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "ap-southeast-8")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Warning, "ap-southeast-1")],
            code: &["aliacs-k8s-ap-southeast-8.oss-ap-southeast-8"],
            no_code: &[],
        },
        Case {
            name: "region_well_formed_but_unknown_is_a_warning",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "xx-nowhere-9")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("region", Severity::Warning, "xx-nowhere-9")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_with_shell_injection_is_rejected",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "$(Remove-Item C:\\ -Recurse)")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "不是地域 ID")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "region_id_followed_by_a_command_is_rejected",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou; rm -rf /")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "只填写地域 ID：cn-hangzhou")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_with_the_linux_archive_confirms_the_upload",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "......\n+ echo 'please get diagnose_1700000000.tar.gz for diagnostics'\nplease get diagnose_1700000000.tar.gz for diagnostics\n+ echo '请上传 diagnose_1700000000.tar.gz'\n请上传 diagnose_1700000000.tar.gz\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnose_1700000000.tar.gz")],
            code: &["ls -ltr /usr/local/bin | grep diagnose_1700000000.tar.gz"],
            no_code: &[],
        },
        Case {
            name: "output_with_the_windows_archive_confirms_the_upload",
            inputs: &[
                ("cluster_type", "dedicated"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-shenzhen"),
                ("output", "INFO: Compressing diagnosis clues ...\r\nINFO: ...done\r\nINFO: Please get diagnoses_1700000001.zip for diagnostics\r\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnoses_1700000001.zip")],
            code: &["Get-ChildItem diagnoses_1700000001.zip"],
            no_code: &[],
        },
        Case {
            name: "output_of_windows_on_a_linux_node_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "INFO: Please get diagnoses_1700000001.zip for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "diagnose_<TIMESTAMP>.tar.gz")],
            code: &[],
            no_code: &["grep diagnoses_1700000001.zip"],
        },
        Case {
            name: "output_of_linux_on_a_windows_node_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-hangzhou"),
                ("output", "please get diagnose_1700000000.tar.gz for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "diagnoses_<TIMESTAMP>.zip")],
            code: &[],
            no_code: &["Get-ChildItem diagnose_1700000000.tar.gz"],
        },
        Case {
            name: "output_without_archive_says_what_to_look_for_and_quotes_the_failure",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "  % Total    % Received\ncurl: (6) Could not resolve host: aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[
                ("output", Severity::Warning, "please get diagnose_<TIMESTAMP>.tar.gz for diagnostics"),
                ("output", Severity::Warning, "curl: (6) Could not resolve host"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_with_the_documentation_example_name_is_a_warning",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "windows"),
                ("region", "cn-hangzhou"),
                ("output", "INFO: Please get diagnoses_1514939155.zip for diagnostics"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "diagnoses_1514939155.zip"), ("output", Severity::Warning, "示例文件名")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "output_of_two_runs_uses_the_last_archive",
            inputs: &[
                ("cluster_type", "dedicated"),
                ("role", "master"),
                ("os", "linux"),
                ("region", "cn-qingdao"),
                ("output", "please get diagnose_1600000000.tar.gz for diagnostics\nplease get diagnose_1700000000.tar.gz for diagnostics\n"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Info, "2 个不同的诊断包文件名")],
            code: &["grep diagnose_1700000000.tar.gz"],
            no_code: &["grep diagnose_1600000000.tar.gz"],
        },
        Case {
            name: "output_with_a_hostile_name_never_reaches_a_command",
            inputs: &[
                ("cluster_type", "managed"),
                ("role", "worker"),
                ("os", "linux"),
                ("region", "cn-hangzhou"),
                ("output", "please get diagnose_$(rm -rf ~).tar.gz\n<script>alert(1)</script> diagnose_a;b.tar.gz"),
            ],
            complete: true,
            level: Some(Level::Ok),
            messages: &[("output", Severity::Warning, "没有找到")],
            code: &[],
            no_code: &["rm -rf", "<script>", "a;b"],
        },
        Case {
            name: "empty_form_asks_for_every_required_field",
            inputs: &[],
            complete: false,
            level: None,
            messages: &[
                ("cluster_type", Severity::Error, "请填写"),
                ("role", Severity::Error, "请填写"),
                ("os", Severity::Error, "请填写"),
                ("region", Severity::Error, "请填写"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "linux_still_needs_the_region",
            inputs: &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux")],
            complete: false,
            level: None,
            messages: &[("region", Severity::Error, "请填写")],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "unknown_choice_values_are_errors_that_list_the_options",
            inputs: &[("cluster_type", "serverless"), ("role", "etcd"), ("os", "macos"), ("region", "cn-hangzhou")],
            complete: false,
            level: None,
            messages: &[
                ("cluster_type", Severity::Error, "managed、dedicated"),
                ("role", Severity::Error, "worker、master"),
                ("os", Severity::Error, "linux、windows"),
            ],
            code: &[],
            no_code: &[],
        },
        Case {
            name: "choice_values_ignore_ascii_case",
            inputs: &[("cluster_type", "Managed"), ("role", "WORKER"), ("os", "Linux"), ("region", "cn-hangzhou")],
            complete: true,
            level: Some(Level::Ok),
            messages: &[],
            code: &[LINUX_URL],
            no_code: &[],
        },
    ];

    #[test]
    fn cases() {
        for case in CASES {
            let r = evaluate(&inputs(case.inputs), Locale::Zh);
            assert_eq!(r.complete, case.complete, "{}: complete; messages {:?}", case.name, r.messages);
            assert_eq!(r.complete, !r.has_errors(), "{}: complete iff no errors", case.name);
            assert_eq!(r.verdict.as_ref().map(|v| v.level), case.level, "{}: level", case.name);
            if !r.complete {
                assert!(r.sections.is_empty(), "{}: no plan when incomplete", case.name);
            }
            for (field, severity, text) in case.messages {
                assert!(
                    r.messages.iter().any(|m| m.field == *field && m.severity == *severity && m.message.contains(text)),
                    "{}: expected {:?} on {} containing {:?}; got {:?}",
                    case.name,
                    severity,
                    field,
                    text,
                    r.messages
                );
            }
            let codes = codes(&r);
            for want in case.code {
                assert!(codes.iter().any(|c| c.contains(want)), "{}: no code contains {:?}: {:?}", case.name, want, codes);
            }
            for unwanted in case.no_code {
                assert!(!codes.iter().any(|c| c.contains(unwanted)), "{}: a code contains {:?}: {:?}", case.name, unwanted, codes);
            }
        }
    }

    #[test]
    fn cases_have_the_same_outcome_in_every_locale() {
        for case in CASES {
            let zh = evaluate(&inputs(case.inputs), Locale::Zh);
            for l in Locale::ALL {
                let r = evaluate(&inputs(case.inputs), l);
                assert_eq!(r.complete, zh.complete, "{} {l}", case.name);
                assert_eq!(r.verdict.as_ref().map(|v| v.level), zh.verdict.as_ref().map(|v| v.level), "{} {l}", case.name);
                let sev = |r: &Report| r.messages.iter().map(|m| (m.field.clone(), m.severity)).collect::<Vec<_>>();
                assert_eq!(sev(&r), sev(&zh), "{} {l}", case.name);
                assert_eq!(codes(&r), codes(&zh), "{} {l}: commands do not depend on the locale", case.name);
            }
        }
    }

    #[test]
    fn messages_are_in_step_order() {
        let r = evaluate(
            &inputs(&[("region", "cn-hangzou"), ("os", "solaris"), ("role", "boss"), ("cluster_type", "x")]),
            Locale::Ja,
        );
        let fields: Vec<&str> = r.messages.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(fields, ["cluster_type", "role", "os", "region"]);
    }

    #[test]
    fn missing_messages_are_marked_missing_and_others_not() {
        let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "nope")]), Locale::Id);
        let role = r.for_field("role").next().unwrap();
        assert!(!role.missing);
        let os = r.for_field("os").next().unwrap();
        assert!(os.missing);
    }

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
    fn applies_hides_node_questions_for_a_managed_master() {
        let mm = inputs(&[("cluster_type", "managed"), ("role", "master")]);
        let dm = inputs(&[("cluster_type", "dedicated"), ("role", "master")]);
        let empty = inputs(&[]);
        for f in ["os", "region", "output"] {
            assert!(!applies(f, &mm), "{f}");
            assert!(applies(f, &dm), "{f}");
            assert!(applies(f, &empty), "{f}");
        }
        assert!(applies("cluster_type", &mm) && applies("role", &mm));
        assert!(!applies("nonsense", &empty));
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
    fn region_suggestions() {
        let rows: &[(&str, Option<&str>)] = &[
            ("cn-hangzou", Some("cn-hangzhou")),
            ("cn-hangzhou1", Some("cn-hangzhou")),
            ("cn-bejing", Some("cn-beijing")),
            ("ap-southeast1", Some("ap-southeast-1")),
            ("cn-zhangjiakuo", Some("cn-zhangjiakou")),
            ("us-wets-1", Some("us-west-1")),
            ("cn-hangzhou", None),
            ("zz", None),
            ("", None),
        ];
        for (typed, want) in rows {
            assert_eq!(closest_region(typed), *want, "{typed}");
        }
        let names: &[(&str, &str)] = &[
            ("杭州", "cn-hangzhou"),
            ("中国 (杭州)", "cn-hangzhou"),
            ("華東1（杭州）", "cn-hangzhou"),
            ("Hong Kong", "cn-hongkong"),
            ("東京", "ap-northeast-1"),
            ("Tokyo", "ap-northeast-1"),
            ("印度尼西亚", "ap-southeast-5"),
            ("Singapore", "ap-southeast-1"),
            ("深圳金融云", "cn-shenzhen-finance-1"),
            ("張家口", "cn-zhangjiakou"),
        ];
        for (typed, want) in names {
            assert_eq!(region_by_name(typed), Some(*want), "{typed}");
        }
        assert_eq!(region_by_name("!!!"), None);
    }

    #[test]
    fn region_normalisation() {
        assert_eq!(normalize_region("  CN-HangZhou "), "cn-hangzhou");
        assert_eq!(normalize_region("cn hangzhou"), "cn-hangzhou");
        assert_eq!(normalize_region("cn - hangzhou"), "cn-hangzhou");
        assert_eq!(normalize_region("ａｐ－ｓｏｕｔｈｅａｓｔ－１"), "ap-southeast-1");
        assert!(well_formed_region("cn-hangzhou"));
        assert!(well_formed_region("cn-north-2-gov-1"));
        assert!(!well_formed_region("hangzhou"));
        assert!(!well_formed_region("cn--hangzhou"));
        assert!(!well_formed_region("cn-hangzhou-"));
        assert!(!well_formed_region("1n-hangzhou"));
        assert!(!well_formed_region("cn-hang$zhou"));
    }

    #[test]
    fn known_regions_are_well_formed_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (id, names) in REGIONS {
            assert!(well_formed_region(id), "{id}");
            assert!(seen.insert(*id), "duplicate {id}");
            assert!(!names.is_empty(), "{id}");
            // A region id is never mistaken for a typo of another.
            assert_eq!(closest_region(id), None, "{id}");
        }
        for id in ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-qingdao", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-hongkong", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-south-1", "us-west-1", "us-east-1", "eu-central-1", "eu-west-1", "me-east-1", "me-central-1", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1"] {
            assert!(is_known_region(id), "{id}");
        }
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("cn-hangzou", "cn-hangzhou"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("杭州", "杭洲"), 1);
    }

    #[test]
    fn archive_names_are_found_exactly() {
        let found = archive_names("x diagnose_1.tar.gz y diagnoses_2.zip diagnose_k8s.sh diagnose_3.zip diagnoses_4.tar.gz diagnoste_5.tar.gz diagnose_.tar.gz");
        assert_eq!(found, vec![(Os::Linux, "diagnose_1.tar.gz".to_owned()), (Os::Windows, "diagnoses_2.zip".to_owned())]);
        assert!(archive_names("").is_empty());
        assert!(archive_names("diagnose").is_empty());
        assert!(archive_names("diagnose_").is_empty());
        assert!(archive_names("diagnoses_123").is_empty());
        assert_eq!(archive_names("请上传 diagnose_1514939155.tar.gz。").len(), 1);
    }

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

    #[test]
    fn steps_and_entries_are_consistent() {
        let ids: Vec<&str> = STEPS.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["cluster", "node", FOLLOW_UP]);
        let names: Vec<&str> = STEPS.iter().flat_map(|s| s.fields.iter().map(|f| f.name)).collect();
        assert_eq!(names, ["cluster_type", "role", "os", "region", "output"]);
        for name in &names {
            assert!(!RESERVED.contains(name));
        }
        assert!(STEPS.iter().find(|s| s.id == FOLLOW_UP).unwrap().fields.iter().all(|f| !f.required));
        // Every linked entry is declared, and every declared entry exists in the content.
        let all_inputs: &[&[(&str, &str)]] = &[
            &[("cluster_type", "managed"), ("role", "master")],
            &[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-hangzhou")],
            &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou")],
        ];
        for pairs in all_inputs {
            for l in Locale::ALL {
                let r = evaluate(&inputs(pairs), l);
                for b in r.sections.iter().flat_map(|s| s.blocks.iter()) {
                    if let Block::Entry { id, text } = b {
                        assert!(ENTRIES.contains(&id.as_str()), "{id}");
                        assert!(!text.is_empty());
                    }
                }
            }
        }
        let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../content/entries");
        for id in ENTRIES {
            assert!(dir.join(id).is_dir(), "content/entries/{id} is missing");
        }
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

    #[test]
    fn evaluate_never_panics_on_hostile_input() {
        let big = "diagnose_".repeat(12_000) + &"é\u{0}\u{202e}".repeat(5_000);
        let many = (0..5_000).map(|i| format!("please get diagnose_{i}.tar.gz\n")).collect::<String>();
        let values: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\u{0}".into(),
            "managed".into(),
            "dedicated".into(),
            "master".into(),
            "worker".into(),
            "linux".into(),
            "windows".into(),
            "cn-hangzhou".into(),
            "杭州".into(),
            "ｃｎ".into(),
            "{id}{v}{name}".into(),
            "-".into(),
            "--".into(),
            "a-".into(),
            "diagnoses_".into(),
            "diagnose_1.tar.g".into(),
            "\u{FF5E}\u{3000}\u{FFFF}".into(),
            "🦀".repeat(1000),
            "x".repeat(100_000),
            big,
            many,
        ];
        let fields = ["cluster_type", "role", "os", "region", "output"];
        for l in Locale::ALL {
            for v in &values {
                for f in fields {
                    for base in [
                        &[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")][..],
                        &[("cluster_type", "dedicated"), ("role", "master"), ("os", "windows"), ("region", "cn-beijing")][..],
                        &[][..],
                    ] {
                        let mut i = inputs(base);
                        i.insert(f.to_owned(), v.clone());
                        let r = evaluate(&i, l);
                        assert_eq!(r.complete, !r.has_errors());
                        if !r.complete {
                            assert!(r.verdict.is_none() && r.sections.is_empty());
                        }
                        // Messages stay short even for huge inputs.
                        assert!(r.messages.iter().all(|m| m.message.chars().count() < 800), "{f}");
                        let _ = all_text(&r);
                    }
                }
            }
        }
    }

    #[test]
    fn region_from_input_reaches_commands_only_when_valid() {
        let hostile = ["cn-hangzhou\"; calc", "cn-hangzhou`whoami`", "cn-hangzhou|iex", "cn-hangzhou\nInvoke-Expression x", "cn-hangzhou&&dir"];
        for h in hostile {
            let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", h)]), Locale::Zh);
            assert!(!r.complete, "{h:?}");
            assert!(codes(&r).is_empty());
        }
    }
}
