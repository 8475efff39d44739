//! A run as Markdown: the inputs, the verdict and the plan, for a support ticket or a
//! change request. The same text whatever produced the report (page, saved run, API).

use super::{Block, Inputs, Level, Report, WizardId};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;

/// The words a run is described with in a locale: the labels of its inputs as they would
/// be shown, and the value, with choice values spelled out.
pub fn input_rows(w: WizardId, inputs: &Inputs, l: Locale) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for step in w.steps() {
        for f in step.fields {
            if !w.applies(f.name, inputs) {
                continue;
            }
            let Some(v) = inputs.get(f.name).map(|v| v.trim()).filter(|v| !v.is_empty()) else { continue };
            let shown = match f.kind {
                super::FieldKind::Choice(_) => w.option_text(f.name, v, l).to_owned(),
                _ => v.to_owned(),
            };
            rows.push((w.field_text(f.name, l).label.to_owned(), if shown.is_empty() { v.to_owned() } else { shown }));
        }
    }
    rows
}

pub fn level_text(level: Level, l: Locale) -> &'static str {
    let s = Strings::get(l);
    match level {
        Level::Ok => s.wz_level_ok,
        Level::Caution => s.wz_level_caution,
        Level::Blocked => s.wz_level_blocked,
    }
}

/// The run as a Markdown document. `permalink` is the saved run's address, if it has one;
/// `origin` (such as `https://help.example.com`) makes entry links absolute.
pub fn to_markdown(w: WizardId, inputs: &Inputs, report: &Report, l: Locale, permalink: Option<&str>, origin: &str) -> String {
    let s = Strings::get(l);
    let mut md = format!("# {}\n\n", fill(s.wz_saved_title, &[("title", w.title(l))]));
    if let Some(link) = permalink {
        md.push_str(&format!("{}: <{origin}{link}>\n\n", s.wz_permalink));
    }
    md.push_str(&format!("## {}\n\n", s.wz_your_inputs));
    for (label, value) in input_rows(w, inputs, l) {
        if value.contains('\n') {
            md.push_str(&format!("- **{}**:\n\n{}\n", inline(&label), fenced("text", &value)));
        } else {
            md.push_str(&format!("- **{}**: `{}`\n", inline(&label), value.replace('`', "'")));
        }
    }
    md.push('\n');
    if let Some(v) = &report.verdict {
        md.push_str(&format!("## {}: {}\n\n**{}**\n\n", s.wz_result, level_text(v.level, l), inline(&v.headline)));
        for d in &v.details {
            md.push_str(&format!("- {}\n", inline(d)));
        }
        if !v.details.is_empty() {
            md.push('\n');
        }
    }
    for section in &report.sections {
        md.push_str(&format!("## {}\n\n", inline(&section.title)));
        for block in &section.blocks {
            md.push_str(&block_markdown(block, l, origin));
            md.push('\n');
        }
    }
    md
}

fn block_markdown(block: &Block, l: Locale, origin: &str) -> String {
    match block {
        Block::Text { text } => format!("{}\n", inline(text)),
        Block::Command { lang, code } => fenced(lang, code),
        Block::Output { code } => fenced("text", code),
        Block::List { ordered, items } => items
            .iter()
            .enumerate()
            .map(|(i, item)| if *ordered { format!("{}. {}\n", i + 1, inline(item)) } else { format!("- {}\n", inline(item)) })
            .collect(),
        Block::Table { headers, rows } => {
            let cell = |c: &str| inline(c).replace('|', "\\|").replace('\n', " ");
            let mut t = format!("| {} |\n", headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
            t.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
            for r in rows {
                t.push_str(&format!("| {} |\n", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
            }
            t
        }
        Block::Check { text, lang, code } => format!("- [ ] {}\n\n{}", inline(text), fenced(lang, code)),
        Block::Entry { id, text } => format!("- [{}]({origin}/{}/entries/{id})\n", inline(text).replace(']', "\\]"), l.code()),
    }
}

/// A fenced code block whose fence is longer than any backtick run inside the code.
pub(crate) fn fenced(lang: &str, code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{}\n{fence}\n", code.trim_end_matches('\n'))
}

/// Text for a Markdown line: characters that would start HTML or a link are escaped.
pub(crate) fn inline(text: &str) -> String {
    text.replace('\\', "\\\\").replace('<', "&lt;").replace('>', "&gt;").replace('[', "\\[")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::{Section, Verdict};

    fn report() -> Report {
        Report {
            messages: Vec::new(),
            complete: true,
            verdict: Some(Verdict { level: Level::Caution, headline: "Add <two> ranges".into(), details: vec!["one".into()] }),
            sections: vec![Section {
                title: "Plan".into(),
                blocks: vec![
                    Block::Command { lang: "bash".into(), code: "echo ```".into() },
                    Block::Table { headers: vec!["CIDR".into(), "Why".into()], rows: vec![vec!["100.104.0.0/16".into(), "a|b".into()]] },
                    Block::List { ordered: true, items: vec!["first".into(), "second".into()] },
                    Block::Entry { id: "apiserver-slb-acl-cidrs".into(), text: "ACL [CIDRs]".into() },
                ],
            }],
        }
    }

    #[test]
    fn writes_inputs_verdict_and_plan_as_markdown() {
        let inputs: Inputs = [("kind".to_string(), "edge".to_string()), ("vpc".to_string(), "10.0.0.0/8\n172.16.0.0/12".to_string())].into();
        let md = to_markdown(WizardId::Acl, &inputs, &report(), Locale::Zh, Some("/zh/wizards/acl/runs/abc"), "https://help.test");
        assert!(md.starts_with("# 已保存的结果："), "{md}");
        assert!(md.contains("<https://help.test/zh/wizards/acl/runs/abc>"), "{md}");
        assert!(md.contains("```text\n10.0.0.0/8\n172.16.0.0/12\n```"), "multi-line input fenced: {md}");
        assert!(md.contains("**Add &lt;two&gt; ranges**"), "no raw HTML: {md}");
        assert!(md.contains("````bash\necho ```\n````"), "fence longer than the code's backticks: {md}");
        assert!(md.contains("| 100.104.0.0/16 | a\\|b |"), "{md}");
        assert!(md.contains("1. first\n2. second\n"), "{md}");
        assert!(md.contains("- [ACL \\[CIDRs\\]](https://help.test/zh/entries/apiserver-slb-acl-cidrs)"), "{md}");
    }
}
