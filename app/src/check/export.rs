//! A check as Markdown: the verdict and every finding with its lines, explanation, fix and
//! source, for a support ticket. The paste itself is not repeated beyond the quoted lines.

use super::CheckReport;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::export::{fenced, inline, level_text};

/// `permalink` is the saved check's address, if it has one; `origin` makes links absolute.
pub fn to_markdown(report: &CheckReport, l: Locale, permalink: Option<&str>, origin: &str) -> String {
    let mut md = format!("# {}\n\n", tr!(l, "check.page-title"));
    if let Some(link) = permalink {
        md.push_str(&format!("{}: <{origin}{link}>\n\n", tr!(l, "check.permalink")));
    }
    let v = &report.verdict;
    md.push_str(&format!("## {}\n\n**{}**\n\n", level_text(v.level, l), inline(&v.headline)));
    for d in &v.details {
        md.push_str(&format!("- {}\n", inline(d)));
    }
    if !v.details.is_empty() {
        md.push('\n');
    }
    for (i, f) in report.findings.iter().enumerate() {
        md.push_str(&format!("## {}. {}\n\n", i + 1, inline(&f.title)));
        let numbers: Vec<String> = f.lines.iter().map(|r| r.number.to_string()).collect();
        if !f.lines.is_empty() {
            md.push_str(&format!("{}: {}\n\n", tr!(l, "check.lines"), numbers.join(", ")));
            let quoted: Vec<&str> = f.lines.iter().map(|r| r.text.as_str()).collect();
            md.push_str(&fenced("text", &quoted.join("\n")));
            md.push('\n');
        }
        md.push_str(&format!("{}\n\n", inline(&f.explanation)));
        if let Some(t) = &f.fix_text {
            md.push_str(&format!("**{}**: {}\n\n", tr!(l, "check.fix"), inline(t)));
        }
        if !f.fix.is_empty() {
            md.push_str(&fenced("bash", &f.fix.join("\n")));
            md.push('\n');
        }
        if let Some(s) = &f.source {
            md.push_str(&format!("- [{}]({origin}{})\n\n", inline(&s.title).replace(']', "\\]"), s.url));
        } else if let Some(url) = &f.search_url {
            md.push_str(&format!("- [{}]({origin}{url})\n\n", tr!(l, "check.search-masked")));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckVerdict, Finding, LineRef, OutputKind, SourceRef};
    use crate::wizard::{Level, Severity};

    #[test]
    fn writes_the_verdict_and_each_finding_with_lines_fix_and_source() {
        let report = CheckReport {
            kind: Some(OutputKind::Sysctl),
            kind_name: None,
            kinds: vec![OutputKind::Sysctl],
            chosen: false,
            lines: 3,
            cut: 0,
            verdict: CheckVerdict { level: Level::Blocked, headline: "1 <problem>".into(), details: vec![] },
            findings: vec![Finding {
                severity: Severity::Error,
                kind: OutputKind::Sysctl,
                title: "net.ipv4.ip_forward = 0".into(),
                lines: vec![LineRef { number: 2, text: "net.ipv4.ip_forward = 0".into() }],
                line_count: 1,
                explanation: "Networking stops.".into(),
                fix: vec!["sysctl -w net.ipv4.ip_forward=1".into()],
                fix_text: Some("Set it back to 1".into()),
                source: Some(SourceRef { kind: "operation".into(), id: "k".into(), title: "Row [x]".into(), url: "/zh/entries/high-risk-operations#op-k".into() }),
                masked: None,
                search_url: None,
            }],
            offers: vec![],
        };
        let md = to_markdown(&report, Locale::Zh, Some("/zh/check/runs/abc"), "https://help.test");
        assert!(md.contains("<https://help.test/zh/check/runs/abc>"), "{md}");
        assert!(md.contains("**1 &lt;problem&gt;**"), "{md}");
        assert!(md.contains("## 1. net.ipv4.ip_forward = 0"), "{md}");
        assert!(md.contains("```text\nnet.ipv4.ip_forward = 0\n```"), "{md}");
        assert!(md.contains("```bash\nsysctl -w net.ipv4.ip_forward=1\n```"), "{md}");
        assert!(md.contains("[Row \\[x\\]](https://help.test/zh/entries/high-risk-operations#op-k)"), "{md}");
    }
}
