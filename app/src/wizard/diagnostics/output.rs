//! The script's output: the Linux and Windows scripts and the archives they leave, finding
//! the archive's name in a pasted output, and the words about what was found.

use super::words::quote;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};

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
    match os {
        Os::Linux => tr!(l, "diagnostics.output-archive-found-linux", name),
        Os::Windows => tr!(l, "diagnostics.output-archive-found-windows", name),
    }
}

pub(super) fn several_text(count: usize, name: &str, l: Locale) -> String {
    tr!(l, "diagnostics.output-several-archives", n = count, name)
}

pub(super) fn example_text(name: &str, l: Locale) -> String {
    tr!(l, "diagnostics.output-example-archive", name)
}

pub(super) fn wrong_kind_text(os: Os, name: &str, l: Locale) -> String {
    tr!(l, "diagnostics.output-wrong-kind", name, other = os.other().name(), chosen = os.name(), expected = os.archive_pattern())
}

pub(super) fn not_found_text(os: Os, failure: Option<&str>, l: Locale) -> String {
    let mut text = tr!(l, "diagnostics.output-archive-not-found", pattern = os.archive_pattern(), line = os.final_line());
    if let Some(line) = failure {
        if l == Locale::Id {
            text.push(' ');
        }
        text.push_str(&tr!(l, "diagnostics.output-failure-line", line));
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

/// The output check's reading of a paste (see [`super::read_script_output`]).
pub(super) fn script_output(text: &str) -> Option<Result<(String, bool), Option<String>>> {
    if let Some((os, name)) = archive_names(text).pop() {
        return Some(Ok((name, os == Os::Windows)));
    }
    let lower = text.to_ascii_lowercase();
    (lower.contains("diagnose_k8s") || lower.contains("diagnose.ps1")).then(|| Err(failure_line(text)))
}
