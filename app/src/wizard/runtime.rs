//! Container runtime migration (Docker → containerd), node pool by node pool.
//!
//! The user gives the cluster version, optionally the version to upgrade to, and the node
//! pools: typed as `<pool> <runtime>` lines and/or pasted as `kubectl get nodes -o wide`
//! output. The rules (facts of the knowledge base entries `runtime-comparison`,
//! `change-container-runtime` and `cluster-upgrade-notes`):
//! - containerd is the recommended runtime;
//! - Docker is supported on clusters up to 1.22 and is no longer a built-in runtime from
//!   1.24; every Docker node must move to containerd before an upgrade to 1.24 or later;
//!   1.23 lies outside Docker's supported range without being the hard stop;
//! - Sandboxed-Container is supported on clusters up to 1.24;
//! - a cluster's runtime cannot be switched as a whole: node pools with another runtime
//!   are created instead, and pools may differ; on 1.24 or later node pools use containerd.

use super::*;
use super::localized as t;
use crate::locale::Locale;
use std::collections::{BTreeMap, BTreeSet};

/// The words of one sentence in the four locales, formatted with named arguments
/// (`{name}` captures a variable in scope).
macro_rules! tr {
    ($l:expr, $zh:literal, $tw:literal, $id:literal, $ja:literal $(,)?) => {
        match $l {
            Locale::Zh => format!($zh),
            Locale::ZhTw => format!($tw),
            Locale::Id => format!($id),
            Locale::Ja => format!($ja),
        }
    };
}

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

pub const ENTRIES: &[&str] = &["change-container-runtime", "runtime-comparison", "cluster-upgrade-notes"];

/// The node pool label of ACK nodes.
const POOL_LABEL: &str = "alibabacloud.com/nodepool-id";
/// The last Kubernetes minor version that supports Docker nodes.
const DOCKER_LAST: u32 = 22;
/// The version from which Docker is no longer a built-in runtime.
const DOCKER_GONE: u32 = 24;
/// The last Kubernetes minor version that supports sandboxed-container nodes.
const SANDBOXED_LAST: u32 = 24;
/// Above this many nodes in one pool, the drain commands become a loop.
const EXPLICIT_NODES: usize = 20;
/// At most this many errors are listed per field; the rest are summed up.
const MAX_LINE_ERRORS: usize = 5;


pub fn title(l: Locale) -> &'static str {
    t(
        l,
        "容器运行时迁移向导（Docker → containerd）",
        "容器運行時遷移精靈（Docker → containerd）",
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
        "pools" => t(l, "节点池与运行时", "節點池與運行時", "Node pool dan runtime", "ノードプールとランタイム"),
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
                "叢集的 Kubernetes 版本，可在控制台的叢集資訊頁面或 kubectl version 中查看，例如 1.22 或 v1.22.15-aliyun.1。",
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
            t(l, "改用的运行时", "改用的運行時", "Runtime tujuan", "移行先のランタイム"),
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
                "每行一個節點池：<節點池名稱> <運行時>，運行時填 docker、containerd 或 sandboxed，可附版本（如 docker://19.3.15）。安全沙箱節點池在節點輸出中不一定看得出來，請在這裡列出。",
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

// ---------------------------------------------------------------------------------------
// Versions

/// A Kubernetes version 1.minor[.patch]; the major is always 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Version {
    minor: u32,
    patch: Option<u32>,
}

impl Version {
    /// `1.22`: the runtime rules only depend on the minor version.
    fn short(self) -> String {
        format!("1.{}", self.minor)
    }

    fn full(self) -> String {
        match self.patch {
            Some(p) => format!("1.{}.{}", self.minor, p),
            None => self.short(),
        }
    }

    /// Whether `self` is older than `other` (patches compared only when both are given).
    fn older_than(self, other: Version) -> bool {
        self.minor < other.minor
            || (self.minor == other.minor && matches!((self.patch, other.patch), (Some(a), Some(b)) if a < b))
    }
}

/// Accepts `1.22`, `v1.22.15`, `1.22.15-aliyun.1` (and a `+build` suffix).
fn parse_version(s: &str) -> Option<Version> {
    let s = s.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let (core, suffix) = match s.find(['-', '+']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(sfx) = suffix {
        if sfx.is_empty() || !sfx.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')) {
            return None;
        }
    }
    let parts: Vec<&str> = core.split('.').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            p.parse().ok()
        }
    };
    if num(parts[0])? != 1 {
        return None;
    }
    let minor = num(parts[1])?;
    let patch = match parts.get(2) {
        Some(p) => Some(num(p)?),
        None => None,
    };
    Some(Version { minor, patch })
}

// ---------------------------------------------------------------------------------------
// Runtimes and node pools

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Docker,
    Containerd,
    Sandboxed,
    /// A runtime the wizard does not know (seen only in pasted node output).
    Other,
}

/// A runtime as written in the pool list or as the scheme of `CONTAINER-RUNTIME`.
fn kind_of(word: &str) -> Option<Kind> {
    let w = word.trim().to_lowercase();
    match w.as_str() {
        "docker" => Some(Kind::Docker),
        "containerd" => Some(Kind::Containerd),
        "sandboxed"
        | "sandbox"
        | "sandboxed-container"
        | "sandboxed_container"
        | "sandboxedcontainer"
        | "runv"
        | "安全沙箱"
        | "サンドボックスコンテナ"
        | "サンドボックス" => Some(Kind::Sandboxed),
        _ => None,
    }
}

fn kind_name(k: Kind, l: Locale) -> &'static str {
    match k {
        Kind::Docker => "Docker",
        Kind::Containerd => "containerd",
        Kind::Sandboxed => t(l, "安全沙箱", "安全沙箱", "kontainer sandbox", "サンドボックスコンテナ"),
        Kind::Other => t(l, "其他运行时", "其他運行時", "runtime lain", "その他のランタイム"),
    }
}

/// Which group a node belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PoolKey {
    Named(String),
    /// Nodes whose ROLES say master / control-plane: never in a node pool, never drained here.
    Masters,
    /// Nodes without pool information.
    Unknown,
}

/// One row of the result table: the nodes of one pool that share one runtime.
#[derive(Clone, Debug)]
struct Group {
    key: PoolKey,
    kind: Kind,
    /// Runtimes as shown (`docker://19.3.15`); empty when only the kind is known.
    runtimes: BTreeSet<String>,
    /// Node names, when the group comes from pasted output.
    nodes: Vec<String>,
    /// False for pools typed in the list: their node count is unknown.
    from_nodes: bool,
}

fn pool_name(key: &PoolKey, l: Locale) -> String {
    match key {
        PoolKey::Named(n) => n.clone(),
        PoolKey::Masters => t(l, "Master 节点", "Master 節點", "node Master", "Master ノード").to_owned(),
        PoolKey::Unknown => {
            t(l, "节点池未知", "節點池未知", "node pool tidak diketahui", "ノードプール不明").to_owned()
        }
    }
}

fn runtime_cell(g: &Group, l: Locale) -> String {
    if g.runtimes.is_empty() {
        return kind_name(g.kind, l).to_owned();
    }
    let shown: Vec<&str> = g.runtimes.iter().take(3).map(|s| s.as_str()).collect();
    let more = if g.runtimes.len() > 3 { ", …" } else { "" };
    format!("{}{}", shown.join(", "), more)
}

/// A name that may go into a shell command as is.
fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !s.starts_with('-')
}

/// Cuts a value down for quoting in a message: no control characters, at most 80 characters.
fn quote(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let clean = clean.trim();
    if clean.chars().count() > 80 {
        let head: String = clean.chars().take(77).collect();
        format!("{head}…")
    } else {
        clean.to_owned()
    }
}

/// The text with every line ending (`\r\n`, `\r`, `\n`) made `\n`.
fn normalized(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

// ---------------------------------------------------------------------------------------
// The `pools` list

struct PoolLine {
    name: String,
    kind: Kind,
    runtime: Option<String>,
    line: usize,
}

const POOL_SEPARATORS: &[char] = &[' ', '\t', ',', ':', '=', ';', '|', '，', '：', '；', '\u{3000}'];

fn looks_like_header(tokens: &[(usize, &str)]) -> bool {
    tokens.first().is_some_and(|t| t.1.eq_ignore_ascii_case("NAME"))
        && tokens.iter().any(|t| t.1.eq_ignore_ascii_case("STATUS"))
}

fn looks_like_runtime_version(s: &str) -> bool {
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_' | '~'))
}

fn parse_pools(text: &str, l: Locale, msgs: &mut Vec<FieldMessage>) -> Vec<PoolLine> {
    let mut out = Vec::new();
    let mut errors: Vec<FieldMessage> = Vec::new();
    let text = normalized(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let toks = tokens(raw);
        if looks_like_header(&toks) {
            msgs.push(message(
                "pools",
                Severity::Error,
                tr!(
                    l,
                    "这里像是 kubectl get nodes 的输出。请把它粘贴到下面的“节点列表”里；这一栏只按“节点池名称 运行时”逐行填写。",
                    "這裡看起來是 kubectl get nodes 的輸出。請把它貼到下方的「節點清單」；這一欄只依「節點池名稱 運行時」逐行填寫。",
                    "Isian ini tampak seperti output kubectl get nodes. Tempel output itu di \"Daftar node\" di bawah; kolom ini hanya berisi baris \"nama-node-pool runtime\".",
                    "これは kubectl get nodes の出力のようです。下の「ノードの一覧」に貼り付けてください。この欄には「ノードプール名 ランタイム」を 1 行ずつ書きます。",
                ),
            ));
            return Vec::new();
        }
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let spaced = line.replace("://", " ");
        let words: Vec<&str> = spaced.split(POOL_SEPARATORS).filter(|w| !w.is_empty()).collect();
        let q = quote(line);
        let bad_line = || {
            message(
                "pools",
                Severity::Error,
                tr!(
                    l,
                    "第 {n} 行“{q}”看不懂。每行写一个节点池和它的运行时，例如 np-web docker://19.3.15 或 np-batch containerd。",
                    "第 {n} 行「{q}」無法辨識。每行寫一個節點池和它的運行時，例如 np-web docker://19.3.15 或 np-batch containerd。",
                    "Baris {n} \"{q}\" tidak dapat dibaca. Tulis satu node pool dan runtime-nya per baris, misalnya np-web docker://19.3.15 atau np-batch containerd.",
                    "{n} 行目「{q}」を読み取れません。1 行に 1 つのノードプールとそのランタイムを、np-web docker://19.3.15 や np-batch containerd のように書いてください。",
                ),
            )
        };
        // name runtime [version], or (two words only) runtime name.
        let (name, word, version) = match words.as_slice() {
            [name, word] if kind_of(word).is_none() && kind_of(name).is_some() => (*word, *name, None),
            [name, word] => (*name, *word, None),
            [name, word, version] => (*name, *word, Some(*version)),
            _ => {
                errors.push(bad_line());
                continue;
            }
        };
        let Some(kind) = kind_of(word) else {
            let w = quote(word);
            errors.push(message(
                "pools",
                Severity::Error,
                tr!(
                    l,
                    "第 {n} 行的运行时“{w}”无法识别：请写 docker、containerd 或 sandboxed（安全沙箱）。",
                    "第 {n} 行的運行時「{w}」無法辨識：請填 docker、containerd 或 sandboxed（安全沙箱）。",
                    "Runtime \"{w}\" di baris {n} tidak dikenal: tulis docker, containerd, atau sandboxed (kontainer sandbox).",
                    "{n} 行目のランタイム「{w}」を認識できません。docker、containerd、sandboxed (サンドボックスコンテナ) のいずれかを書いてください。",
                ),
            ));
            continue;
        };
        if version.is_some_and(|v| !looks_like_runtime_version(v)) || name.chars().count() > 128 {
            errors.push(bad_line());
            continue;
        }
        let runtime = version.map(|v| format!("{}://{}", word.to_lowercase(), v));
        out.push(PoolLine { name: name.to_owned(), kind, runtime, line: n });
    }
    push_capped(msgs, errors, "pools", l);

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &out {
        if let Some(first) = seen.insert(p.name.as_str(), p.line) {
            let (name, line) = (quote(&p.name), p.line);
            msgs.push(message(
                "pools",
                Severity::Warning,
                tr!(
                    l,
                    "节点池“{name}”在第 {first} 行和第 {line} 行都出现了，两行会分别列出。",
                    "節點池「{name}」在第 {first} 行與第 {line} 行都出現了，兩行會分別列出。",
                    "Node pool \"{name}\" muncul di baris {first} dan baris {line}; keduanya dicantumkan terpisah.",
                    "ノードプール「{name}」が {first} 行目と {line} 行目の両方にあります。別々の行として扱います。",
                ),
            ));
        }
    }
    if !out.is_empty() {
        let count = out.len();
        msgs.push(message(
            "pools",
            Severity::Info,
            tr!(
                l,
                "读取到 {count} 个节点池。",
                "讀取到 {count} 個節點池。",
                "{count} node pool terbaca.",
                "{count} 個のノードプールを読み取りました。",
            ),
        ));
    }
    out
}

/// Keeps the first errors of a field and sums up the rest in one more error.
fn push_capped(msgs: &mut Vec<FieldMessage>, mut errors: Vec<FieldMessage>, field: &str, l: Locale) {
    if errors.len() > MAX_LINE_ERRORS {
        let more = errors.len() - MAX_LINE_ERRORS;
        errors.truncate(MAX_LINE_ERRORS);
        errors.push(message(
            field,
            Severity::Error,
            tr!(
                l,
                "另有 {more} 行也有问题，未逐一列出。",
                "另有 {more} 行也有問題，未逐一列出。",
                "Masih ada {more} baris lain yang bermasalah dan tidak dicantumkan satu per satu.",
                "ほかに {more} 行にも問題があります (個別には示していません)。",
            ),
        ));
    }
    msgs.extend(errors);
}

// ---------------------------------------------------------------------------------------
// The `nodes` paste

/// Whitespace-separated tokens with their starting column (in characters).
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (column, byte index)
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((sc, sb)) = start.take() {
                out.push((sc, &line[sb..i]));
            }
        } else if start.is_none() {
            start = Some((col, i));
        }
    }
    if let Some((sc, sb)) = start {
        out.push((sc, &line[sb..]));
    }
    out
}

struct Header {
    /// Column names (upper case) and their starting columns.
    cols: Vec<(String, usize)>,
}

impl Header {
    fn new(toks: &[(usize, &str)]) -> Header {
        Header { cols: toks.iter().map(|(c, s)| (s.to_ascii_uppercase(), *c)).collect() }
    }

    fn idx(&self, name: &str) -> Option<usize> {
        self.cols.iter().position(|(n, _)| n == name)
    }
}

struct Node {
    name: String,
    kind: Kind,
    runtime: String,
    pool: PoolKey,
    kubelet: Option<Version>,
}

/// An ACK node pool id (`np` and letters or digits), as opposed to a pool's display name.
fn looks_like_pool_id(s: &str) -> bool {
    s.len() >= 10
        && s.len() <= 64
        && s.starts_with("np")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn is_pool_id(s: &str) -> bool {
    is_safe_name(s) && s.len() <= 128 && s != "<none>"
}

/// The CONTAINER-RUNTIME token of a row: `scheme://version`.
fn runtime_token(tok: &str) -> Option<(&str, &str)> {
    let (scheme, ver) = tok.split_once("://")?;
    if scheme.is_empty()
        || scheme.len() > 32
        || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return None;
    }
    Some((scheme, ver))
}

/// The pool of a row: from a LABELS token, else from a NODEPOOL-ID column.
fn row_pool(h: &Header, toks: &[(usize, &str)], ri: usize) -> Option<String> {
    for (_, tok) in &toks[ri + 1..] {
        if tok.contains(POOL_LABEL) {
            for kv in tok.split(',') {
                if let Some(v) = kv.strip_prefix(POOL_LABEL).and_then(|r| r.strip_prefix('=')) {
                    if is_pool_id(v) {
                        return Some(v.to_owned());
                    }
                }
            }
        }
    }
    let hp = h.idx("NODEPOOL-ID")?;
    let hr = h.idx("CONTAINER-RUNTIME")?;
    if hp <= hr {
        return None;
    }
    // Aligned output: the value starts where its header starts.
    let at = h.cols[hp].1;
    let by_offset = toks[ri + 1..].iter().find(|(c, _)| *c == at).map(|(_, s)| *s);
    // Ragged output: count columns from CONTAINER-RUNTIME when no cell is empty.
    let by_index = if toks.len() - ri == h.cols.len() - hr { toks.get(ri + hp - hr).map(|(_, s)| *s) } else { None };
    by_offset.or(by_index).filter(|v| !v.contains('=') && is_pool_id(v)).map(str::to_owned)
}

#[derive(Default)]
struct NodesRead {
    nodes: Vec<Node>,
}

fn parse_nodes(text: &str, cur: Option<Version>, l: Locale, msgs: &mut Vec<FieldMessage>) -> NodesRead {
    let mut header: Option<Header> = None;
    let mut saw_header = false;
    let mut saw_runtime_header = false;
    let mut nodes: Vec<Node> = Vec::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let mut before_header_rows = 0usize;
    let text = normalized(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let toks = tokens(raw);
        if toks.is_empty() {
            continue;
        }
        if looks_like_header(&toks) {
            let h = Header::new(&toks);
            saw_header = true;
            saw_runtime_header |= h.idx("CONTAINER-RUNTIME").is_some();
            header = Some(h);
            continue;
        }
        let Some(h) = header.as_ref() else {
            if toks.iter().any(|(_, s)| runtime_token(s).is_some()) {
                before_header_rows += 1;
            }
            continue;
        };
        let Some(hr) = h.idx("CONTAINER-RUNTIME") else {
            continue;
        };
        let ri = toks.iter().enumerate().skip(1).find(|(_, (_, s))| runtime_token(s).is_some()).map(|(i, _)| i);
        let name = toks[0].1;
        let Some(ri) = ri.filter(|ri| *ri >= hr && is_safe_name(name)) else {
            skipped.push((n, quote(raw)));
            continue;
        };
        let (scheme, ver) = runtime_token(toks[ri].1).unwrap_or(("", ""));
        let kind = kind_of(scheme).unwrap_or(Kind::Other);
        let roles = h.idx("ROLES").filter(|i| *i < ri).map(|i| toks[i].1.to_ascii_lowercase());
        let is_master = roles.is_some_and(|r| r.contains("master") || r.contains("control-plane"));
        let pool = if is_master {
            PoolKey::Masters
        } else {
            row_pool(h, &toks, ri).map(PoolKey::Named).unwrap_or(PoolKey::Unknown)
        };
        let kubelet = h.idx("VERSION").filter(|i| *i < ri).and_then(|i| parse_version(toks[i].1));
        if !names.insert(name.to_owned()) {
            continue; // the same node pasted twice
        }
        let runtime = if ver.is_empty() { scheme.to_owned() } else { format!("{scheme}://{}", quote(ver)) };
        nodes.push(Node { name: name.to_owned(), kind, runtime, pool, kubelet });
    }

    if nodes.is_empty() {
        let text = if saw_header && !saw_runtime_header {
            tr!(
                l,
                "输出里没有 CONTAINER-RUNTIME 列，看不出节点用的运行时。请加上 -o wide 重新执行：kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "輸出中沒有 CONTAINER-RUNTIME 欄，看不出節點使用的運行時。請加上 -o wide 重新執行：kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "Output ini tidak punya kolom CONTAINER-RUNTIME, jadi runtime node tidak terlihat. Jalankan ulang dengan -o wide: kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
                "出力に CONTAINER-RUNTIME 列がないため、ノードのランタイムがわかりません。-o wide を付けて実行し直してください: kubectl get nodes -o wide -L alibabacloud.com/nodepool-id",
            )
        } else if saw_header {
            tr!(
                l,
                "表头下面没有能识别的节点行（每行应以节点名开头，并带有 docker://… 或 containerd://… 这样的运行时）。请确认粘贴的是完整输出。",
                "表頭下方沒有可辨識的節點列（每列應以節點名稱開頭，並帶有 docker://… 或 containerd://… 這類運行時）。請確認貼上的是完整輸出。",
                "Tidak ada baris node yang dikenali di bawah baris judul (setiap baris diawali nama node dan memuat runtime seperti docker://… atau containerd://…). Pastikan output yang ditempel lengkap.",
                "ヘッダー行の下に、読み取れるノードの行がありません (各行はノード名で始まり、docker://… や containerd://… のようなランタイムを含みます)。出力全体を貼り付けたか確認してください。",
            )
        } else if before_header_rows > 0 {
            tr!(
                l,
                "找不到表头行（NAME STATUS ROLES … CONTAINER-RUNTIME）。向导靠表头来认列，请连同第一行一起粘贴，不要加 --no-headers。",
                "找不到表頭列（NAME STATUS ROLES … CONTAINER-RUNTIME）。精靈依表頭辨識各欄，請連同第一行一起貼上，不要加 --no-headers。",
                "Baris judul (NAME STATUS ROLES … CONTAINER-RUNTIME) tidak ditemukan. Wizard membaca kolom berdasarkan baris judul, jadi tempel juga baris pertamanya dan jangan memakai --no-headers.",
                "ヘッダー行 (NAME STATUS ROLES … CONTAINER-RUNTIME) が見つかりません。列はヘッダーで判別するため、1 行目も含めて貼り付け、--no-headers は付けないでください。",
            )
        } else {
            tr!(
                l,
                "没有找到 kubectl get nodes -o wide 的输出：缺少以 NAME STATUS ROLES 开头、包含 CONTAINER-RUNTIME 列的表头。请执行 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id，并粘贴完整输出。",
                "找不到 kubectl get nodes -o wide 的輸出：缺少以 NAME STATUS ROLES 開頭、包含 CONTAINER-RUNTIME 欄的表頭。請執行 kubectl get nodes -o wide -L alibabacloud.com/nodepool-id，並貼上完整輸出。",
                "Ini bukan output kubectl get nodes -o wide: tidak ada baris judul yang diawali NAME STATUS ROLES dan memuat kolom CONTAINER-RUNTIME. Jalankan kubectl get nodes -o wide -L alibabacloud.com/nodepool-id lalu tempel seluruh output-nya.",
                "kubectl get nodes -o wide の出力として読み取れません。NAME STATUS ROLES で始まり CONTAINER-RUNTIME 列を含むヘッダー行がありません。kubectl get nodes -o wide -L alibabacloud.com/nodepool-id を実行し、出力全体を貼り付けてください。",
            )
        };
        msgs.push(message("nodes", Severity::Error, text));
        return NodesRead::default();
    }

    if let Some((line, q)) = skipped.first() {
        let count = skipped.len();
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "有 {count} 行不像节点行，已跳过，例如第 {line} 行：“{q}”。",
                "有 {count} 行不像節點列，已略過，例如第 {line} 行：「{q}」。",
                "{count} baris tidak tampak seperti baris node dan dilewati, misalnya baris {line}: \"{q}\".",
                "ノードの行に見えない {count} 行を読み飛ばしました (例: {line} 行目「{q}」)。",
            ),
        ));
    }

    let count = nodes.len();
    let pools: BTreeSet<&str> = nodes
        .iter()
        .filter_map(|n| match &n.pool {
            PoolKey::Named(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    let pool_count = pools.len();
    msgs.push(message(
        "nodes",
        Severity::Info,
        tr!(
            l,
            "读取到 {count} 个节点，分属 {pool_count} 个已知节点池。",
            "讀取到 {count} 個節點，分屬 {pool_count} 個已知節點池。",
            "{count} node terbaca, tersebar di {pool_count} node pool yang diketahui.",
            "{count} 台のノードを読み取りました (判明したノードプールは {pool_count} 個)。",
        ),
    ));
    let unknown = nodes.iter().filter(|n| n.pool == PoolKey::Unknown).count();
    if unknown > 0 {
        msgs.push(message(
            "nodes",
            Severity::Info,
            tr!(
                l,
                "{unknown} 个节点没有节点池信息，已归入“节点池未知”一组。想按节点池区分，请加上 -L alibabacloud.com/nodepool-id 重新执行。",
                "{unknown} 個節點沒有節點池資訊，已歸入「節點池未知」一組。若要依節點池區分，請加上 -L alibabacloud.com/nodepool-id 重新執行。",
                "{unknown} node tidak punya informasi node pool dan dikelompokkan sebagai \"node pool tidak diketahui\". Untuk memisahkan per node pool, jalankan ulang dengan -L alibabacloud.com/nodepool-id.",
                "{unknown} 台のノードにはノードプールの情報がないため、「ノードプール不明」のグループにまとめました。ノードプールごとに分けるには -L alibabacloud.com/nodepool-id を付けて実行し直してください。",
            ),
        ));
    }
    let masters = nodes.iter().filter(|n| n.pool == PoolKey::Masters).count();
    if masters > 0 {
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "其中有 {masters} 个 Master 节点。它们不属于节点池，下面的腾空命令不会包含它们；Master 节点的运行时如何迁移，本向导不涉及。",
                "其中有 {masters} 個 Master 節點。它們不屬於節點池，下方的清空命令不會包含它們；Master 節點的運行時如何遷移，本精靈不涵蓋。",
                "Ada {masters} node Master. Node ini tidak termasuk node pool, sehingga tidak disertakan dalam perintah pengosongan node di bawah; migrasi runtime node Master tidak dibahas wizard ini.",
                "うち {masters} 台は Master ノードです。ノードプールに属さないため、後述の退避コマンドには含めません。Master ノードのランタイム移行はこのウィザードの対象外です。",
            ),
        ));
    }
    let others: BTreeSet<&str> = nodes.iter().filter(|n| n.kind == Kind::Other).map(|n| n.runtime.as_str()).collect();
    if !others.is_empty() {
        let list = quote(&others.iter().copied().collect::<Vec<_>>().join(", "));
        msgs.push(message(
            "nodes",
            Severity::Warning,
            tr!(
                l,
                "有节点的运行时不是 docker、containerd 或安全沙箱：{list}。这些节点请单独确认。",
                "有節點的運行時不是 docker、containerd 或安全沙箱：{list}。這些節點請另行確認。",
                "Sebagian node memakai runtime selain docker, containerd, atau kontainer sandbox: {list}. Periksa node tersebut secara terpisah.",
                "docker、containerd、サンドボックスコンテナ以外のランタイムのノードがあります: {list}。これらのノードは個別に確認してください。",
            ),
        ));
    }
    if let Some(c) = cur {
        let newest = nodes.iter().filter_map(|n| n.kubelet).map(|v| v.minor).max();
        let oldest = nodes.iter().filter_map(|n| n.kubelet).map(|v| v.minor).min();
        let cv = c.short();
        if let Some(m) = newest.filter(|m| *m > c.minor) {
            let v = format!("1.{m}");
            msgs.push(message(
                "nodes",
                Severity::Warning,
                tr!(
                    l,
                    "有节点的 kubelet 版本是 {v}，比填写的当前集群版本 {cv} 还新，请核对当前集群版本。",
                    "有節點的 kubelet 版本是 {v}，比填寫的目前叢集版本 {cv} 還新，請核對目前叢集版本。",
                    "Ada node dengan kubelet {v}, lebih baru daripada versi kluster saat ini yang diisi ({cv}). Periksa kembali versi kluster.",
                    "kubelet が {v} のノードがあり、入力した現在のクラスターバージョン {cv} より新しくなっています。クラスターのバージョンを確認してください。",
                ),
            ));
        } else if let Some(m) = oldest.filter(|m| *m < c.minor) {
            let v = format!("1.{m}");
            msgs.push(message(
                "nodes",
                Severity::Info,
                tr!(
                    l,
                    "有节点的 kubelet 版本是 {v}，低于集群版本 {cv}：这些节点所在的节点池可能还没有升级。",
                    "有節點的 kubelet 版本是 {v}，低於叢集版本 {cv}：這些節點所在的節點池可能尚未升級。",
                    "Ada node dengan kubelet {v}, lebih lama daripada versi kluster {cv}: node pool-nya mungkin belum di-upgrade.",
                    "kubelet が {v} のノードがあり、クラスターのバージョン {cv} より古くなっています。そのノードプールはまだアップグレードされていない可能性があります。",
                ),
            ));
        }
    }
    NodesRead { nodes }
}

/// The table rows: pools typed in the list that the paste does not cover, then the pasted
/// nodes by pool and runtime.
fn groups(pool_lines: &[PoolLine], nodes: &NodesRead, l: Locale, msgs: &mut Vec<FieldMessage>) -> Vec<Group> {
    let mut from_nodes: BTreeMap<(PoolKey, Kind), Group> = BTreeMap::new();
    for n in &nodes.nodes {
        let g = from_nodes.entry((n.pool.clone(), n.kind)).or_insert_with(|| Group {
            key: n.pool.clone(),
            kind: n.kind,
            runtimes: BTreeSet::new(),
            nodes: Vec::new(),
            from_nodes: true,
        });
        g.runtimes.insert(n.runtime.clone());
        g.nodes.push(n.name.clone());
    }
    let mut out = Vec::new();
    for p in pool_lines {
        let key = PoolKey::Named(p.name.clone());
        let pasted: Vec<Kind> = from_nodes.keys().filter(|(k, _)| *k == key).map(|(_, kind)| *kind).collect();
        if !pasted.is_empty() {
            if !pasted.contains(&p.kind) {
                let (name, typed) = (quote(&p.name), kind_name(p.kind, l));
                let seen = pasted.iter().map(|k| kind_name(*k, l)).collect::<Vec<_>>().join(", ");
                msgs.push(message(
                    "pools",
                    Severity::Warning,
                    tr!(
                        l,
                        "节点池“{name}”在列表里写的是 {typed}，但粘贴的节点显示为 {seen}，以节点输出为准。",
                        "節點池「{name}」在清單中寫的是 {typed}，但貼上的節點顯示為 {seen}，以節點輸出為準。",
                        "Node pool \"{name}\" ditulis sebagai {typed} di daftar, tetapi node yang ditempel menunjukkan {seen}; yang dipakai adalah output node.",
                        "ノードプール「{name}」は一覧では {typed} ですが、貼り付けたノードでは {seen} です。ノードの出力を優先します。",
                    ),
                ));
            }
            continue;
        }
        out.push(Group {
            key,
            kind: p.kind,
            runtimes: p.runtime.iter().cloned().collect(),
            nodes: Vec::new(),
            from_nodes: false,
        });
    }
    out.extend(from_nodes.into_values());
    out
}

// ---------------------------------------------------------------------------------------
// The verdict

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Goal {
    Containerd,
    Docker,
}

/// The per-pool verdict: its level and the table cell.
fn pool_verdict(g: &Group, goal: Goal, cur: Version, eff: Version, l: Locale) -> (Level, String) {
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
                "無法辨識的運行時，請另行確認",
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

pub fn evaluate(inputs: &Inputs, l: Locale) -> Report {
    let mut msgs = missing_required(WizardId::RuntimeMigration, inputs, l);

    let bad_version = |s: &str| {
        let q = quote(s);
        tr!(
            l,
            "“{q}”不是有效的 Kubernetes 版本。请写成 1.22、v1.22.15 或 1.22.15-aliyun.1 这样的格式。",
            "「{q}」不是有效的 Kubernetes 版本。請寫成 1.22、v1.22.15 或 1.22.15-aliyun.1 這類格式。",
            "\"{q}\" bukan versi Kubernetes yang valid. Tulis seperti 1.22, v1.22.15, atau 1.22.15-aliyun.1.",
            "「{q}」は Kubernetes のバージョンとして読み取れません。1.22、v1.22.15、1.22.15-aliyun.1 のように入力してください。",
        )
    };
    let version_of = |field: &str, msgs: &mut Vec<FieldMessage>| -> Option<Version> {
        let s = value(inputs, field)?;
        let v = parse_version(s);
        if v.is_none() {
            msgs.push(message(field, Severity::Error, bad_version(s)));
        }
        v
    };
    let cur = version_of("current_version", &mut msgs);
    let tgt = version_of("target_version", &mut msgs);
    if let (Some(c), Some(tv)) = (cur, tgt) {
        if tv.older_than(c) {
            let (tf, cf) = (tv.full(), c.full());
            msgs.push(message(
                "target_version",
                Severity::Error,
                tr!(
                    l,
                    "目标版本 {tf} 低于当前版本 {cf}。集群升级只能往上走，也不能回滚：请填写不低于 {cf} 的版本，暂不升级就留空。",
                    "目標版本 {tf} 低於目前版本 {cf}。叢集升級只能往上，也無法回溯：請填寫不低於 {cf} 的版本，暫不升級請留空。",
                    "Versi tujuan {tf} lebih rendah daripada versi saat ini {cf}. Upgrade kluster hanya bisa naik dan tidak bisa di-rollback: isi versi {cf} atau yang lebih baru, atau kosongkan jika belum akan upgrade.",
                    "アップグレード先 {tf} が現在のバージョン {cf} より古くなっています。クラスターは上にしか上げられず、ロールバックもできません。{cf} 以上を入力するか、アップグレードしない場合は空欄にしてください。",
                ),
            ));
        }
    }
    let goal = match value(inputs, "target_runtime").map(|s| s.to_ascii_lowercase()) {
        None => Goal::Containerd,
        Some(v) if v == "containerd" => Goal::Containerd,
        Some(v) if v == "docker" => Goal::Docker,
        Some(v) => {
            let q = quote(&v);
            msgs.push(message(
                "target_runtime",
                Severity::Error,
                tr!(
                    l,
                    "“{q}”不是可选的值，请选 containerd 或 docker。",
                    "「{q}」不是可選的值，請選 containerd 或 docker。",
                    "\"{q}\" bukan pilihan yang tersedia; pilih containerd atau docker.",
                    "「{q}」は選択肢にありません。containerd か docker を選んでください。",
                ),
            ));
            Goal::Containerd
        }
    };

    let pools_text = value(inputs, "pools");
    let nodes_text = value(inputs, "nodes");
    if pools_text.is_none() && nodes_text.is_none() {
        msgs.push(FieldMessage {
            field: "pools".to_owned(),
            severity: Severity::Error,
            message: tr!(
                l,
                "请在这里逐行写出节点池和它们的运行时，或在下面粘贴 kubectl get nodes -o wide 的输出，两者至少填一项。",
                "請在這裡逐行寫出節點池與其運行時，或在下方貼上 kubectl get nodes -o wide 的輸出，兩者至少填一項。",
                "Tulis node pool beserta runtime-nya di sini (satu per baris), atau tempel output kubectl get nodes -o wide di bawah; minimal salah satu harus diisi.",
                "ここにノードプールとランタイムを 1 行ずつ書くか、下に kubectl get nodes -o wide の出力を貼り付けてください (少なくともどちらか一方が必要です)。",
            ),
            missing: true,
        });
    }
    let pool_lines = pools_text.map(|s| parse_pools(s, l, &mut msgs)).unwrap_or_default();
    let nodes = nodes_text.map(|s| parse_nodes(s, cur, l, &mut msgs)).unwrap_or_default();
    let groups = groups(&pool_lines, &nodes, l, &mut msgs);
    if groups.is_empty() && pools_text.is_some() && !msgs.iter().any(|m| m.severity == Severity::Error) {
        // Only comments: nothing to judge.
        msgs.push(message(
            "pools",
            Severity::Error,
            tr!(
                l,
                "没有读到任何节点池。请按“节点池名称 运行时”逐行填写，例如 np-web docker。",
                "沒有讀到任何節點池。請依「節點池名稱 運行時」逐行填寫，例如 np-web docker。",
                "Tidak ada node pool yang terbaca. Tulis satu baris per node pool dengan format \"nama-node-pool runtime\", misalnya np-web docker.",
                "ノードプールを 1 つも読み取れませんでした。「ノードプール名 ランタイム」の形で 1 行ずつ書いてください (例: np-web docker)。",
            ),
        ));
    }

    // Messages in step order; within a field, in the order they were made.
    let order = |f: &str| STEPS.iter().flat_map(|s| s.fields).position(|x| x.name == f).unwrap_or(usize::MAX);
    msgs.sort_by_key(|m| order(&m.field));

    let Some(cur) = cur else {
        return Report::incomplete(msgs);
    };
    if msgs.iter().any(|m| m.severity == Severity::Error) || groups.is_empty() {
        return Report::incomplete(msgs);
    }
    let tgt = tgt.filter(|tv| !tv.older_than(cur));
    let eff = tgt.unwrap_or(cur);
    let upgrading = tgt.is_some_and(|tv| cur.older_than(tv));
    let plan = Plan { l, goal, cur, tgt, eff, upgrading, groups: &groups };
    let (verdict, sections) = plan.build();
    Report { messages: msgs, complete: true, verdict: Some(verdict), sections }
}

struct Plan<'a> {
    l: Locale,
    goal: Goal,
    cur: Version,
    tgt: Option<Version>,
    /// The version the cluster will run: the target, else the current version.
    eff: Version,
    /// Whether the target is newer than the current version.
    upgrading: bool,
    groups: &'a [Group],
}

impl Plan<'_> {
    fn build(&self) -> (Verdict, Vec<Section>) {
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
            t(l, "运行时", "運行時", "Runtime", "ランタイム"),
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

    fn pool_list(&self, pools: &[&Group]) -> String {
        let l = self.l;
        let mut names: Vec<String> = pools.iter().take(5).map(|g| pool_name(&g.key, l)).collect();
        if pools.len() > 5 {
            names.push("…".to_owned());
        }
        names.join(t(l, "、", "、", ", ", "、"))
    }

    fn verdict_containerd(&self, docker: &[&Group], sandboxed: bool, other: bool, rows: &[(Level, String)]) -> Verdict {
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
                    "Docker 運行時只支援 1.22 及以下的叢集；從 1.24 起，Docker 不再是內建的容器運行時。建議使用 containerd。",
                    "Runtime Docker hanya didukung pada kluster 1.22 ke bawah; sejak 1.24 Docker bukan lagi runtime kontainer bawaan. containerd adalah runtime yang direkomendasikan.",
                    "Docker ランタイムが使えるのは 1.22 以前のクラスターだけで、1.24 以降は組み込みのコンテナランタイムではなくなりました。推奨は containerd です。",
                )
                .to_owned(),
            );
            details.push(
                t(
                    l,
                    "集群创建后不能整体更换运行时。做法是新建 containerd 节点池（各节点池的运行时可以不同），把工作负载迁过去，再删除旧节点池。",
                    "叢集建立後無法整體更換運行時。做法是另建 containerd 節點池（各節點池的運行時可以不同），把工作負載遷過去，再刪除舊節點池。",
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
                "沒有 Docker 節點池，但有節點使用無法辨識的運行時",
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
                    "ACK 支援的運行時是 containerd、Docker 與安全沙箱；其他運行時的節點不在本精靈的判斷範圍內。",
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
                "安全沙箱運行時只支援 1.24 及以下的叢集，{e} 不在此列。本知識庫未收錄安全沙箱節點池的遷移步驟：升級前請先向阿里雲確認這些節點池與其上的工作負載如何安置。",
                "Runtime kontainer sandbox hanya didukung pada kluster 1.24 ke bawah, dan {e} tidak termasuk. Basis pengetahuan ini tidak memuat langkah migrasi node pool kontainer sandbox: sebelum upgrade, tanyakan ke Alibaba Cloud bagaimana node pool ini dan workload-nya harus ditangani.",
                "サンドボックスコンテナのランタイムは 1.24 以前のクラスターでのみ使え、{e} は対象外です。このナレッジベースにはサンドボックスコンテナのノードプールの移行手順がないため、アップグレードの前に、これらのノードプールとその上のワークロードの扱いを Alibaba Cloud に確認してください。",
            )
        } else {
            t(
                l,
                "安全沙箱运行时只支持 1.24 及以下的集群：计划升级到 1.24 以上时，要先想好这些节点池怎么处理。",
                "安全沙箱運行時只支援 1.24 及以下的叢集：若計畫升級到 1.24 以上，須先想好這些節點池如何處理。",
                "Runtime kontainer sandbox hanya didukung pada kluster 1.24 ke bawah: jika kelak upgrade melewati 1.24, rencanakan dulu nasib node pool ini.",
                "サンドボックスコンテナのランタイムは 1.24 以前のクラスターでのみ使えます。1.24 より新しいバージョンへ上げる計画があれば、これらのノードプールの扱いを先に決めておいてください。",
            )
            .to_owned()
        }
    }

    fn verdict_docker(&self, docker: &[&Group], sandboxed: bool, rows: &[(Level, String)]) -> Verdict {
        let l = self.l;
        let e = self.eff.short();
        let mut details = Vec::new();
        let (level, headline) = if self.eff.minor >= DOCKER_GONE {
            details.push(
                t(
                    l,
                    "从 1.24 起，Docker 不再是内置的容器运行时，1.24 及以上集群的节点池只能选 containerd。",
                    "從 1.24 起，Docker 不再是內建的容器運行時，1.24 及以上叢集的節點池只能選 containerd。",
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
                    "Docker 運行時只支援 1.22 及以下的叢集。",
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
                    "Docker 運行時只支援 1.22 及以下的叢集；日後升級到 1.24 或更新版本之前，這些 Docker 節點必須再遷移到 containerd。",
                    "Runtime Docker hanya didukung pada kluster 1.22 ke bawah; sebelum kelak upgrade ke 1.24 atau lebih baru, node Docker ini harus dimigrasikan lagi ke containerd.",
                    "Docker ランタイムが使えるのは 1.22 以前のクラスターだけです。将来 1.24 以降へ上げる前に、これらの Docker ノードは再び containerd へ移行しなければなりません。",
                )
                .to_owned(),
            );
            details.push(
                t(
                    l,
                    "推荐的运行时是 containerd。更长久的办法是改造依赖 Docker 的工作负载（见下方检查清单），而不是增加 Docker 节点。",
                    "建議的運行時是 containerd。較長久的做法是調整依賴 Docker 的工作負載（見下方檢查清單），而不是增加 Docker 節點。",
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
                "叢集建立後運行時無法更改，現有的 containerd 節點也不能原地改成 Docker；只能另建使用 Docker 的節點池，各節點池的運行時可以不同。",
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

    fn migration(&self, docker: &[&Group]) -> Section {
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
                "為每個 Docker 節點池另建一個 containerd 節點池：執行個體規格、標籤（Label）與污點和舊節點池一致，容量足以承接舊節點池上的工作負載。也可以在控制台依「將節點容器運行時從 Docker 遷移到 containerd」文件直接遷移現有節點池的運行時，此時請依文件操作，完成後直接進行驗證。",
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
                "確認無誤後，在控制台刪除舊的 Docker 節點池。",
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
                "確實需要時，在控制台另建一個節點池，運行時選 Docker，規模只需滿足依賴 Docker 的工作負載。",
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

    fn checklist(&self) -> Section {
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

    fn sandboxed_workloads(&self) -> Section {
        let l = self.l;
        let check = Block::Check {
            text: t(
                l,
                "列出指定了 runtimeClassName 的 Pod：其中选用安全沙箱运行时的，都依赖安全沙箱节点池，升级前要先安排好。",
                "列出指定了 runtimeClassName 的 Pod：其中選用安全沙箱運行時的，都依賴安全沙箱節點池，升級前須先安排妥當。",
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
                "只使用 ACK 控制台的叢集升級功能升級，不要自行升級 K8s 版本。",
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
                "建立叢集後能否更換容器運行時",
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
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> Inputs {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// Aligned like kubectl: each column padded to its widest cell plus three spaces.
    fn kubectl(rows: &[&[&str]]) -> String {
        let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..cols)
            .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for r in rows {
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                line.push_str(cell);
                if c + 1 < r.len() {
                    line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 3));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    const WIDE: &[&str] = &[
        "NAME",
        "STATUS",
        "ROLES",
        "AGE",
        "VERSION",
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
    ];
    const WIDE_POOL: &[&str] = &[
        "NAME",
        "STATUS",
        "ROLES",
        "AGE",
        "VERSION",
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
        "NODEPOOL-ID",
    ];
    const WIDE_LABELS: &[&str] = &[
        "NAME",
        "STATUS",
        "ROLES",
        "AGE",
        "VERSION",
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
        "LABELS",
    ];

    fn node<'a>(name: &'a str, runtime: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec![
            name,
            "Ready",
            "<none>",
            "120d",
            "v1.22.15-aliyun.1",
            "192.168.0.10",
            "<none>",
            "Alibaba Cloud Linux 3.2104 U8 (OpenAnolis Edition)",
            "5.10.134-15.al8.x86_64",
            runtime,
        ];
        v.extend_from_slice(extra);
        v
    }

    /// `kubectl get nodes -o wide -L alibabacloud.com/nodepool-id` of a mixed cluster.
    fn wide_with_pools() -> String {
        let a = node("cn-hangzhou.192.168.0.10", "docker://19.3.15", &["np-docker1"]);
        let b = node("cn-hangzhou.192.168.0.11", "docker://19.3.15", &["np-docker1"]);
        let c = node("cn-hangzhou.192.168.0.20", "containerd://1.6.20", &["np-ctr1"]);
        let d = node("cn-hangzhou.192.168.0.30", "containerd://1.6.20", &[]);
        kubectl(&[WIDE_POOL, &a, &b, &c, &d])
    }

    fn wide_without_pools() -> String {
        let a = node("cn-hangzhou.192.168.0.10", "docker://19.3.15", &[]);
        let b = node("cn-hangzhou.192.168.0.20", "containerd://1.6.20", &[]);
        kubectl(&[WIDE, &a, &b])
    }

    fn wide_show_labels() -> String {
        let la = "beta.kubernetes.io/arch=amd64,alibabacloud.com/nodepool-id=np5ab1c2d3e4,kubernetes.io/os=linux";
        let lb = "alibabacloud.com/nodepool-id=np9f8e7d6c5b,kubernetes.io/os=linux";
        let a = node("cn-shanghai.10.0.0.5", "docker://19.3.15", &[la]);
        let b = node("cn-shanghai.10.0.0.6", "containerd://1.6.20", &[lb]);
        kubectl(&[WIDE_LABELS, &a, &b])
    }

    struct Case {
        name: &'static str,
        inputs: Vec<(&'static str, String)>,
        /// None: incomplete.
        level: Option<Level>,
        /// Fields that must carry an Error.
        errors: &'static [&'static str],
    }

    fn case(
        name: &'static str,
        pairs: &[(&'static str, &str)],
        level: Option<Level>,
        errors: &'static [&'static str],
    ) -> Case {
        Case { name, inputs: pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(), level, errors }
    }

    fn cases() -> Vec<Case> {
        let with_pools = wide_with_pools();
        let without_pools = wide_without_pools();
        let labels = wide_show_labels();
        vec![
            // Seeds: Docker supported up to 1.22; no upgrade asked → migrate later, not blocked.
            case("docker_on_1_20_without_upgrade_is_caution", &[("current_version", "1.20"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
            // Seeds: Docker nodes must move to containerd before an upgrade to 1.24 or later.
            case(
                "docker_on_1_22_upgrading_to_1_24_is_blocked",
                &[("current_version", "1.22"), ("target_version", "1.24"), ("pools", "np-web docker://19.3.15")],
                Some(Level::Blocked),
                &[],
            ),
            case(
                "docker_upgrading_beyond_1_24_is_blocked",
                &[("current_version", "v1.22.15-aliyun.1"), ("target_version", "1.28"), ("pools", "np-web docker")],
                Some(Level::Blocked),
                &[],
            ),
            case("docker_nodes_on_a_1_24_cluster_are_blocked", &[("current_version", "1.24"), ("pools", "np-web docker")], Some(Level::Blocked), &[]),
            // Seeds: "up to 1.22": 1.23 is outside the supported range, but the hard stop is 1.24.
            case("docker_on_1_23_is_caution", &[("current_version", "1.22"), ("target_version", "1.23"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
            case("upgrade_within_1_22_with_docker_is_caution", &[("current_version", "1.22.3"), ("target_version", "1.22.15"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
            // Seeds: containerd is the recommended runtime.
            case(
                "all_containerd_is_ok",
                &[("current_version", "1.22"), ("target_version", "1.26"), ("pools", "np-a containerd\nnp-b containerd://1.6.20")],
                Some(Level::Ok),
                &[],
            ),
            // Seeds: Sandboxed-Container is supported up to 1.24.
            case("sandboxed_on_1_24_is_ok", &[("current_version", "1.24"), ("pools", "np-sec sandboxed\nnp-a containerd")], Some(Level::Ok), &[]),
            case("sandboxed_upgrading_to_1_24_is_ok", &[("current_version", "1.22"), ("target_version", "1.24"), ("pools", "np-sec runv")], Some(Level::Ok), &[]),
            case(
                "sandboxed_beyond_1_24_is_caution",
                &[("current_version", "1.24"), ("target_version", "1.26"), ("pools", "np-sec sandboxed-container")],
                Some(Level::Caution),
                &[],
            ),
            case("sandboxed_on_a_1_26_cluster_is_caution", &[("current_version", "1.26"), ("pools", "np-sec Sandboxed-Container")], Some(Level::Caution), &[]),
            // Seeds: containerd → Docker cannot be done on 1.24 or later.
            case(
                "containerd_to_docker_on_1_24_is_refused",
                &[("current_version", "1.24"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
                Some(Level::Blocked),
                &[],
            ),
            case(
                "containerd_to_docker_with_target_1_26_is_refused",
                &[("current_version", "1.22"), ("target_version", "1.26"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
                Some(Level::Blocked),
                &[],
            ),
            case(
                "containerd_to_docker_on_1_23_is_refused",
                &[("current_version", "1.23"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
                Some(Level::Blocked),
                &[],
            ),
            case(
                "containerd_to_docker_on_1_22_is_caution_with_trade_off",
                &[("current_version", "1.22"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
                Some(Level::Caution),
                &[],
            ),
            case("target_runtime_accepts_upper_case", &[("current_version", "1.20"), ("target_runtime", "Docker"), ("pools", "np-a containerd")], Some(Level::Caution), &[]),
            case("unknown_target_runtime_is_an_error", &[("current_version", "1.22"), ("target_runtime", "podman"), ("pools", "np-a containerd")], None, &["target_runtime"]),
            // Pasted output.
            case("wide_output_with_pool_column_upgrading_is_blocked", &[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", &with_pools)], Some(Level::Blocked), &[]),
            case("wide_output_without_pools_is_read", &[("current_version", "1.22"), ("nodes", &without_pools)], Some(Level::Caution), &[]),
            case("wide_output_with_show_labels_is_read", &[("current_version", "1.22"), ("nodes", &labels)], Some(Level::Caution), &[]),
            case(
                "pools_and_nodes_together",
                &[("current_version", "1.22"), ("pools", "np-extra containerd\nnp-docker1 docker"), ("nodes", &with_pools)],
                Some(Level::Caution),
                &[],
            ),
            // Bad versions.
            case("missing_current_version", &[("pools", "np-a docker")], None, &["current_version"]),
            case("garbage_current_version", &[("current_version", "latest"), ("pools", "np-a docker")], None, &["current_version"]),
            case("major_2_is_not_kubernetes", &[("current_version", "2.0"), ("pools", "np-a docker")], None, &["current_version"]),
            case("bare_major_is_rejected", &[("current_version", "1"), ("pools", "np-a docker")], None, &["current_version"]),
            case("four_part_version_is_rejected", &[("current_version", "1.22.15.4"), ("pools", "np-a docker")], None, &["current_version"]),
            case("wildcard_version_is_rejected", &[("current_version", "1.22.x"), ("pools", "np-a docker")], None, &["current_version"]),
            case("bad_target_version", &[("current_version", "1.22"), ("target_version", "next"), ("pools", "np-a docker")], None, &["target_version"]),
            case("target_older_than_current", &[("current_version", "1.24"), ("target_version", "1.22"), ("pools", "np-a containerd")], None, &["target_version"]),
            case("target_older_patch", &[("current_version", "1.22.15"), ("target_version", "1.22.3"), ("pools", "np-a containerd")], None, &["target_version"]),
            case("target_equal_to_current_is_fine", &[("current_version", "1.22"), ("target_version", "v1.22"), ("pools", "np-a containerd")], Some(Level::Ok), &[]),
            // Empty and garbage.
            case("empty_inputs", &[], None, &["current_version", "pools"]),
            case("pools_and_nodes_both_empty", &[("current_version", "1.22"), ("pools", "  \n "), ("nodes", "")], None, &["pools"]),
            case("garbage_paste", &[("current_version", "1.22"), ("nodes", "hello world\nthis is not kubectl output\n🙂🙂🙂")], None, &["nodes"]),
            case(
                "plain_get_nodes_without_wide",
                &[("current_version", "1.22"), ("nodes", "NAME STATUS ROLES AGE VERSION\ncn-hangzhou.192.168.0.10 Ready <none> 1d v1.22.15-aliyun.1")],
                None,
                &["nodes"],
            ),
            case(
                "no_headers_output",
                &[("current_version", "1.22"), ("nodes", "cn-hangzhou.192.168.0.10 Ready <none> 1d v1.22.15 192.168.0.10 <none> Alibaba Cloud Linux 3 5.10 docker://19.3.15")],
                None,
                &["nodes"],
            ),
            case("header_without_rows", &[("current_version", "1.22"), ("nodes", &kubectl(&[WIDE]))], None, &["nodes"]),
            case("comment_only_pools", &[("current_version", "1.22"), ("pools", "# np-a docker\n\n#")], None, &["pools"]),
            case("pool_line_without_runtime", &[("current_version", "1.22"), ("pools", "np-a")], None, &["pools"]),
            case("pool_line_with_unknown_runtime", &[("current_version", "1.22"), ("pools", "np-a cri-o")], None, &["pools"]),
            case("pool_line_with_too_many_words", &[("current_version", "1.22"), ("pools", "np-a docker 19.3.15 extra")], None, &["pools"]),
            case("kubectl_output_in_the_pools_field", &[("current_version", "1.22"), ("pools", &with_pools)], None, &["pools"]),
        ]
    }

    #[test]
    fn cases_give_the_expected_verdicts() {
        for c in cases() {
            let inputs: Inputs = c.inputs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
            for l in Locale::ALL {
                let r = evaluate(&inputs, l);
                let level = r.verdict.as_ref().map(|v| v.level);
                assert_eq!(level, c.level, "{}: {l} {:#?}", c.name, r.messages);
                assert_eq!(r.complete, c.level.is_some(), "{}", c.name);
                assert_eq!(r.complete, r.sections.iter().len() > 0, "{}", c.name);
                let errs: BTreeSet<&str> =
                    r.messages.iter().filter(|m| m.severity == Severity::Error).map(|m| m.field.as_str()).collect();
                let want: BTreeSet<&str> = c.errors.iter().copied().collect();
                assert_eq!(errs, want, "{}: {l} {:#?}", c.name, r.messages);
                for m in &r.messages {
                    assert!(!m.message.trim().is_empty(), "{}", c.name);
                }
            }
        }
    }

    fn report(pairs: &[(&str, &str)]) -> Report {
        evaluate(&inputs(pairs), Locale::Zh)
    }

    fn all_code(r: &Report) -> String {
        let mut s = String::new();
        for sec in &r.sections {
            for b in &sec.blocks {
                match b {
                    Block::Command { code, .. } | Block::Check { code, .. } => {
                        s.push_str(code);
                        s.push('\n');
                    }
                    _ => {}
                }
            }
        }
        s
    }

    fn table(r: &Report) -> Vec<Vec<String>> {
        r.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Table { rows, .. } => Some(rows.clone()),
                _ => None,
            })
            .expect("a table")
    }

    fn infos(r: &Report, field: &str) -> Vec<String> {
        r.for_field(field).filter(|m| m.severity == Severity::Info).map(|m| m.message.clone()).collect()
    }

    #[test]
    fn versions_parse_in_every_accepted_form() {
        for (s, minor, patch) in [
            ("1.22", 22, None),
            ("v1.22.15", 22, Some(15)),
            ("V1.24.6", 24, Some(6)),
            ("1.22.15-aliyun.1", 22, Some(15)),
            (" 1.30.1-aliyun.1 ", 30, Some(1)),
            ("1.28.3+build.7", 28, Some(3)),
        ] {
            assert_eq!(parse_version(s), Some(Version { minor, patch }), "{s}");
        }
        for s in [
            "",
            "1",
            "1.",
            "1.x",
            "2.0",
            "0.22",
            "1.22.15.4",
            "v",
            "vv1.22",
            "1.22-",
            "1.22.15-ali yun",
            "１.２２",
            "1.-22",
            "1.99999",
        ] {
            assert_eq!(parse_version(s), None, "{s}");
        }
    }

    #[test]
    fn bad_version_message_quotes_the_input() {
        let r = report(&[("current_version", "1.22.x"), ("pools", "np-a docker")]);
        let m = r.for_field("current_version").next().expect("message");
        assert!(m.message.contains("1.22.x") && m.message.contains("1.22.15-aliyun.1"), "{}", m.message);
    }

    #[test]
    fn empty_pools_and_nodes_is_a_missing_message_on_pools() {
        let r = report(&[("current_version", "1.22")]);
        let m = r.for_field("pools").next().expect("message");
        assert!(m.missing && m.severity == Severity::Error);
        assert!(m.message.contains("kubectl get nodes -o wide"));
    }

    #[test]
    fn pool_lines_accept_every_separator() {
        let text = "np-a docker\nnp-b\tcontainerd\nnp-c,docker://19.3.15\nnp-d:containerd\nnp-e=sandboxed\nnp-f: docker 18.9.2\n\
                    np-g = runv\n| np-h | containerd |\nnp-i，docker\ndocker np-j\n# a comment\n\n";
        let r = report(&[("current_version", "1.20"), ("pools", text)]);
        assert!(r.complete, "{:#?}", r.messages);
        let rows = table(&r);
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["np-a", "np-b", "np-c", "np-d", "np-e", "np-f", "np-g", "np-h", "np-i", "np-j"]);
        assert_eq!(rows[2][1], "docker://19.3.15");
        assert_eq!(rows[5][1], "docker://18.9.2");
        assert_eq!(rows[4][1], "安全沙箱");
        assert!(rows.iter().all(|r| r[2] == "—"));
        assert!(infos(&r, "pools").iter().any(|m| m.contains("10")));
    }

    #[test]
    fn pool_errors_quote_the_line_and_are_capped() {
        let r = report(&[("current_version", "1.22"), ("pools", "np-a podman")]);
        let m = r.for_field("pools").find(|m| m.severity == Severity::Error).expect("error");
        assert!(m.message.contains("podman") && m.message.contains('1'), "{}", m.message);

        let many = (0..40).map(|i| format!("bad{i}")).collect::<Vec<_>>().join("\n");
        let r = report(&[("current_version", "1.22"), ("pools", &many)]);
        let errors = r.for_field("pools").filter(|m| m.severity == Severity::Error).count();
        assert_eq!(errors, MAX_LINE_ERRORS + 1);
    }

    #[test]
    fn duplicate_pool_is_a_warning() {
        let r = report(&[("current_version", "1.22"), ("pools", "np-a docker\nnp-a containerd")]);
        assert!(r.complete);
        assert!(r.for_field("pools").any(|m| m.severity == Severity::Warning));
    }

    #[test]
    fn wide_output_groups_nodes_by_pool_and_runtime() {
        let r = report(&[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", &wide_with_pools())]);
        let rows = table(&r);
        assert_eq!(
            rows.iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect::<Vec<_>>(),
            [
                ("np-ctr1", "containerd://1.6.20", "1"),
                ("np-docker1", "docker://19.3.15", "2"),
                ("节点池未知", "containerd://1.6.20", "1")
            ]
        );
        let info = infos(&r, "nodes").join("\n");
        assert!(info.contains("4 个节点") && info.contains("2 个已知节点池"), "{info}");
        assert!(info.contains("节点池未知"), "{info}");
        // The drain commands use the real node names, and only the Docker ones.
        let code = all_code(&r);
        assert!(code.contains("kubectl cordon cn-hangzhou.192.168.0.10\n"));
        assert!(code.contains("kubectl drain cn-hangzhou.192.168.0.11 --ignore-daemonsets --delete-emptydir-data"));
        assert!(!code.contains("kubectl cordon cn-hangzhou.192.168.0.20"));
        assert!(!code.contains("<NODE_NAME>"));
        let v = r.verdict.expect("verdict");
        assert!(v.headline.contains("1.24"), "{}", v.headline);
    }

    #[test]
    fn wide_output_without_pool_labels_is_one_unknown_group_per_runtime() {
        let r = report(&[("current_version", "1.22"), ("nodes", &wide_without_pools())]);
        let rows = table(&r);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r[0] == "节点池未知"));
        assert!(infos(&r, "nodes").iter().any(|m| m.contains("-L alibabacloud.com/nodepool-id")));
    }

    #[test]
    fn show_labels_output_finds_the_pool_label() {
        let r = report(&[("current_version", "1.22"), ("nodes", &wide_show_labels())]);
        let rows = table(&r);
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["np5ab1c2d3e4", "np9f8e7d6c5b"]);
    }

    #[test]
    fn pasted_output_tolerates_crlf_ragged_spaces_and_preamble() {
        let text = "$ kubectl get nodes -o wide -L alibabacloud.com/nodepool-id\r\n\
                    Warning: something\r\n\
                    \r\n\
                    NAME\tSTATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME NODEPOOL-ID\r\n\
                    node-a  Ready <none>  3d  v1.22.15-aliyun.1 10.0.0.1 <none> CentOS Linux 7 (Core) 3.10.0 docker://19.3.15 np-1\r\n\
                    \tnode-b Ready  <none> 3d v1.22.15-aliyun.1 10.0.0.2 <none> Alibaba Cloud Linux 3 5.10 containerd://1.6.20   np-2   \r\n\
                    \r\n";
        let r = report(&[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", text)]);
        assert!(r.complete, "{:#?}", r.messages);
        let rows = table(&r);
        assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["np-1", "np-2"]);
        assert_eq!(r.verdict.as_ref().map(|v| v.level), Some(Level::Blocked));
        assert!(!r.for_field("nodes").any(|m| m.severity == Severity::Warning), "{:#?}", r.messages);
    }

    #[test]
    fn empty_pool_cell_in_aligned_output_is_unknown() {
        // With -L, a node without the label has an empty cell; alignment keeps the others right.
        let a = node("n1", "docker://19.3.15", &["", "cn-hangzhou-h"]);
        let b = node("n2", "docker://19.3.15", &["np-x", "cn-hangzhou-i"]);
        let mut header = WIDE_POOL.to_vec();
        header.push("ZONE");
        let text = kubectl(&[&header, &a, &b]);
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        let rows = table(&r);
        let mut names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        names.sort();
        assert_eq!(names, ["np-x", "节点池未知"]);
    }

    #[test]
    fn skipped_lines_are_a_warning_quoting_the_line() {
        let mut text = wide_without_pools();
        text.push_str("some trailing prompt $\n");
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        assert!(r.complete);
        let w = r.for_field("nodes").find(|m| m.severity == Severity::Warning).expect("warning");
        assert!(w.message.contains("some trailing prompt"), "{}", w.message);
    }

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

    #[test]
    fn nodes_override_a_conflicting_pool_line() {
        let r =
            report(&[("current_version", "1.22"), ("pools", "np-docker1 containerd"), ("nodes", &wide_with_pools())]);
        assert!(r.for_field("pools").any(|m| m.severity == Severity::Warning));
        let rows = table(&r);
        assert!(rows.iter().any(|r| r[0] == "np-docker1" && r[1].starts_with("docker://")));
    }

    #[test]
    fn kubelet_newer_than_the_cluster_is_a_warning() {
        let r = report(&[("current_version", "1.20"), ("nodes", &wide_without_pools())]);
        assert!(r.for_field("nodes").any(|m| m.severity == Severity::Warning && m.message.contains("1.22")));
    }

    #[test]
    fn unknown_runtime_in_output_is_a_caution() {
        let a = node("n1", "cri-o://1.25.0", &[]);
        let r = report(&[("current_version", "1.26"), ("nodes", &kubectl(&[WIDE, &a]))]);
        assert_eq!(r.verdict.map(|v| v.level), Some(Level::Caution));
    }

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
    fn every_report_speaks_the_requested_language() {
        let inputs = inputs(&[
            ("current_version", "1.22"),
            ("target_version", "1.24"),
            ("pools", "np-a docker\nnp-b sandboxed"),
        ]);
        let texts: Vec<String> = Locale::ALL
            .iter()
            .map(|l| {
                let r = evaluate(&inputs, *l);
                serde_json::to_string(&r).expect("json")
            })
            .collect();
        assert!(texts[0].contains("节点池") && !texts[0].contains("節點池"));
        assert!(texts[1].contains("節點池"));
        assert!(texts[2].contains("node pool") && texts[2].contains("kluster"));
        assert!(texts[3].contains("ノードプール"));
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

    #[test]
    fn evaluate_never_panics_on_hostile_input() {
        let big = "x".repeat(100_000);
        let big_lines =
            "NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME\n"
                .to_owned()
                + &"n1 Ready <none> 1d v1.22.1 1.1.1.1 <none> os k docker://1\n".repeat(2_000);
        let hostile: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\0\0\0".into(),
            "\u{202e}gnp\u{200b}".into(),
            "🙂".repeat(5_000),
            big.clone(),
            big_lines.clone(),
            "NAME STATUS\n".repeat(1_000),
            "NAME STATUS ROLES CONTAINER-RUNTIME NODEPOOL-ID\nx y z docker:// \nя ё ж containerd://é =\n".into(),
            "a ://\n:// a\n===\n,,,\n|||\n".into(),
            "\r\r\r\n\n\r".into(),
            "1.22".into(),
            "v1.4294967296.1".into(),
            "np-a docker://\u{0}".into(),
            "-rf docker".into(),
        ];
        for h in &hostile {
            for field in ["current_version", "target_version", "target_runtime", "pools", "nodes"] {
                for l in Locale::ALL {
                    let mut i = inputs(&[("current_version", "1.22"), ("pools", "np-a docker")]);
                    i.insert(field.to_owned(), h.clone());
                    let r = evaluate(&i, l);
                    assert_eq!(r.complete, !r.has_errors());
                    assert_eq!(r.complete, r.verdict.is_some());
                    for m in &r.messages {
                        assert!(m.message.chars().count() < 2_000, "message too long for {field}");
                    }
                    // Nothing pasted ever reaches a command unless it is a plain name.
                    let code = all_code(&r);
                    assert!(!code.contains('\u{0}') && !code.contains('\u{202e}'));
                }
            }
        }
        // Everything at once.
        let mut i = Inputs::new();
        for field in ["current_version", "target_version", "target_runtime", "pools", "nodes"] {
            i.insert(field.to_owned(), big_lines.clone());
        }
        let _ = evaluate(&i, Locale::Ja);
    }
}
