//! The script's output: the Linux and Windows scripts and the archives they leave, finding
//! the archive's name in a pasted output, and the words about what was found.

use super::words::quote;
use crate::locale::Locale;
use crate::wizard::{fill_template as fill, localized as t, message, FieldMessage, Severity};

/// The archive name the documentation uses as its example.
const EXAMPLE_TIMESTAMP: &str = "1514939155";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Os {
    Linux,
    Windows,
}

impl Os {
    pub(super) fn parse(s: &str) -> Option<Os> {
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
pub(super) enum Archive {
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

pub(super) fn scan_output(text: &str, os: Os) -> Archive {
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

pub(super) fn is_example(name: &str) -> bool {
    name.contains(EXAMPLE_TIMESTAMP)
}

pub(super) fn found_text(os: Os, name: &str, l: Locale) -> String {
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

pub(super) fn several_text(count: usize, name: &str, l: Locale) -> String {
    let template = t(
        l,
        "输出中有 {n} 个不同的诊断包文件名，以最后出现的 {name} 为准（最近一次运行）。",
        "輸出中有 {n} 個不同的診斷包檔名，以最後出現的 {name} 為準（最近一次執行）。",
        "Ada {n} nama paket diagnostik yang berbeda di keluaran; yang dipakai adalah yang muncul terakhir, {name} (eksekusi terbaru).",
        "出力に異なる診断ファイル名が {n} 個あります。最後に表示された {name} (最新の実行) を使います。",
    );
    fill(template, &[("n", &count.to_string()), ("name", name)])
}

pub(super) fn example_text(name: &str, l: Locale) -> String {
    let template = t(
        l,
        "{name} 是文档中的示例文件名。请粘贴你自己运行脚本后的输出，每次运行生成的文件名都不同。",
        "{name} 是文件中的範例檔名。請貼上你自己執行指令碼後的輸出，每次執行產生的檔名都不同。",
        "{name} adalah nama contoh dari dokumentasi. Tempelkan keluaran dari eksekusi skrip Anda sendiri; nama file berbeda di setiap eksekusi.",
        "{name} はドキュメントに載っている例の名前です。ご自身でスクリプトを実行したときの出力を貼り付けてください。ファイル名は実行のたびに変わります。",
    );
    fill(template, &[("name", name)])
}

pub(super) fn wrong_kind_text(os: Os, name: &str, l: Locale) -> String {
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

pub(super) fn not_found_text(os: Os, failure: Option<&str>, l: Locale) -> String {
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
pub(super) fn output_messages(archive: &Archive, os: Os, l: Locale, msgs: &mut Vec<FieldMessage>) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
