//! A raw report in words: titles and explanations from the `check` catalog, the entries'
//! summaries and the high-risk rows' texts.

use super::*;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::model::urls;

/// What the localizer reads from the knowledge base.
pub trait Lookup {
    /// An entry's title and summary in a locale.
    fn entry(&self, l: Locale, id: &str) -> Option<(String, String)>;
    /// A high-risk row in a locale: the operation, its impact, its recovery.
    fn operation(&self, l: Locale, key: &str) -> Option<[String; 3]>;
    /// The address of a high-risk row.
    fn operation_url(&self, l: Locale, key: &str) -> String;
}

pub fn kind_name(k: OutputKind, l: Locale) -> &'static str {
    match k {
        OutputKind::Sysctl => tr!(l, "check.kind-sysctl"),
        OutputKind::Events => tr!(l, "check.kind-events"),
        OutputKind::Nodes => tr!(l, "check.kind-nodes"),
        OutputKind::Services => tr!(l, "check.kind-services"),
        OutputKind::Kubelet => tr!(l, "check.kind-kubelet"),
        OutputKind::Diagnostics => tr!(l, "check.kind-diagnostics"),
    }
}

fn note_text(n: Note, l: Locale) -> &'static str {
    match n {
        Note::ImagePull => tr!(l, "check.note-image-pull"),
        Note::Certificate => tr!(l, "check.note-certificate"),
        Note::Probe => tr!(l, "check.note-probe"),
        Note::Sandbox => tr!(l, "check.note-sandbox"),
        Note::Scheduling => tr!(l, "check.note-scheduling"),
        Note::Eviction => tr!(l, "check.note-eviction"),
        Note::Unknown => tr!(l, "check.note-unknown"),
    }
}

fn title(w: &What, l: Locale) -> String {
    match w {
        What::Sysctl { key, value, .. } => tr!(l, "check.title-sysctl", key, value),
        What::SysctlAbsent { key } => tr!(l, "check.title-sysctl-absent", key),
        What::Event { object: Some(object), reason, count, .. } => tr!(l, "check.title-event-object", reason, count, object),
        What::Event { object: None, reason, count, .. } => tr!(l, "check.title-event", reason, count),
        What::NodeNotReady { node, status } => tr!(l, "check.title-node-not-ready", node, status),
        What::DockerNodes { nodes, .. } => tr!(l, "check.title-docker-nodes", n = nodes.len()),
        What::Annotation { service, key, .. } => tr!(l, "check.title-annotation", service, key),
        What::ManagedSlb { service, .. } => tr!(l, "check.title-managed-slb", service),
        What::NamedService { service } => tr!(l, "check.title-named-service", service),
        What::KubeletInactive { state } => tr!(l, "check.title-kubelet-inactive", state),
        What::LogError { count, .. } => tr!(l, "check.title-log-error", count),
        What::DiagnosticsArchive { name, .. } => tr!(l, "check.title-diagnostics-archive", name),
        What::DiagnosticsUnfinished { .. } => tr!(l, "check.title-diagnostics-unfinished").to_owned(),
    }
}

/// The sentence about the finding itself, before the entry's or row's words.
fn lead(w: &What, l: Locale) -> Option<String> {
    match w {
        What::Sysctl { expected: Some(expected), .. } => Some(tr!(l, "check.lead-sysctl-default", expected)),
        What::SysctlAbsent { .. } => Some(tr!(l, "check.lead-sysctl-absent").to_owned()),
        What::NodeNotReady { .. } => Some(tr!(l, "check.lead-not-ready").to_owned()),
        What::DockerNodes { nodes, version } => {
            let names = shortlist(nodes);
            Some(match version {
                Some(version) => tr!(l, "check.lead-docker-version", names, version),
                None => tr!(l, "check.lead-docker", names),
            })
        }
        What::Annotation { value, .. } => Some(tr!(l, "check.lead-annotation", value)),
        What::ManagedSlb { address: Some(address), .. } => Some(tr!(l, "check.lead-managed-slb-address", address)),
        What::ManagedSlb { address: None, .. } => Some(tr!(l, "check.lead-managed-slb").to_owned()),
        What::KubeletInactive { .. } => Some(tr!(l, "check.lead-kubelet-inactive").to_owned()),
        What::DiagnosticsArchive { name, windows } => Some(if *windows {
            tr!(l, "check.lead-diagnostics-archive-windows", name)
        } else {
            tr!(l, "check.lead-diagnostics-archive-linux", name)
        }),
        What::DiagnosticsUnfinished { failure: Some(line) } => Some(tr!(l, "check.lead-diagnostics-failure", line)),
        What::DiagnosticsUnfinished { failure: None } => Some(tr!(l, "check.lead-diagnostics-unfinished").to_owned()),
        _ => None,
    }
}

/// At most five names, then "…".
fn shortlist(names: &[String]) -> String {
    let mut out = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        out.push_str(", …");
    }
    out
}

/// Search text of a masked error: the placeholders left out.
fn search_text(masked: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in masked.chars() {
        match c {
            '<' => skip = true,
            '>' if skip => skip = false,
            _ if !skip => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn finding(raw: &RawFinding, lines: &[String], l: Locale, look: &dyn Lookup) -> Finding {
    let mut explanation: Vec<String> = lead(&raw.what, l).into_iter().collect();
    let mut fix_text = None;
    let source = match &raw.source {
        Some(Source::Entry(id)) => look.entry(l, id).map(|(title, summary)| {
            explanation.push(summary);
            SourceRef { kind: "entry".into(), id: id.clone(), title, url: urls::entry(l, id) }
        }),
        Some(Source::Operation(key)) => look.operation(l, key).map(|[operation, impact, recovery]| {
            explanation.push(tr!(l, "check.explain-operation", operation = operation.clone(), impact));
            fix_text = Some(recovery);
            SourceRef { kind: "operation".into(), id: key.clone(), title: operation, url: look.operation_url(l, key) }
        }),
        None => None,
    };
    if let Some(n) = raw.note {
        explanation.push(note_text(n, l).to_owned());
    }
    if explanation.is_empty() {
        explanation.push(note_text(Note::Unknown, l).to_owned());
    }
    let search_url = match (&source, &raw.masked) {
        (None, Some(m)) if !search_text(m).is_empty() => Some(urls::search_capped(l, &search_text(m))),
        _ => None,
    };
    let quoted = raw
        .lines
        .iter()
        .take(MAX_QUOTED_LINES)
        .filter_map(|n| lines.get(n.wrapping_sub(1)).map(|t| LineRef { number: *n, text: t.clone() }))
        .collect();
    let sep = if l == Locale::Id { " " } else { "" };
    Finding {
        severity: raw.severity,
        kind: raw.kind,
        title: title(&raw.what, l),
        lines: quoted,
        line_count: raw.lines.len(),
        explanation: explanation.join(sep),
        fix: raw.fix.clone(),
        fix_text,
        source,
        masked: raw.masked.clone(),
        search_url,
    }
}

fn offer(o: &Offer, l: Locale) -> OfferView {
    let text = match o.wizard {
        WizardId::RuntimeMigration => tr!(l, "check.offer-runtime"),
        WizardId::Diagnostics => tr!(l, "check.offer-diagnostics"),
        WizardId::Acl => tr!(l, "check.offer-acl"),
    };
    let step = crate::wizard::flow::step_id(o.wizard, crate::wizard::flow::Position::Step(0)).to_owned();
    OfferView {
        wizard: o.wizard,
        title: o.wizard.title(l).to_owned(),
        text: text.to_owned(),
        inputs: o.inputs.clone(),
        submit: urls::wizard_submit(l, o.wizard.id()),
        step,
    }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The report in `l`: findings worst first (in paste order within a severity).
pub fn localize(raw: &RawReport, l: Locale, look: &dyn Lookup) -> CheckReport {
    let mut order: Vec<&RawFinding> = raw.findings.iter().collect();
    order.sort_by_key(|f| (rank(f.severity), f.lines.first().copied().unwrap_or(usize::MAX)));
    let findings: Vec<Finding> = order.iter().take(MAX_FINDINGS).map(|f| finding(f, &raw.lines, l, look)).collect();
    let count = |s: Severity| raw.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let level = if errors > 0 {
        Level::Blocked
    } else if warnings > 0 {
        Level::Caution
    } else {
        Level::Ok
    };
    let headline = if raw.kinds.is_empty() && !raw.chosen {
        tr!(l, "check.verdict-unrecognised").to_owned()
    } else if raw.findings.is_empty() {
        tr!(l, "check.verdict-none").to_owned()
    } else {
        tr!(l, "check.verdict-findings", errors, warnings, infos)
    };
    let mut details = Vec::new();
    if let Some(k) = raw.kind {
        details.push(tr!(l, "check.read-as", kind = kind_name(k, l), lines = raw.lines.len()));
    }
    let others: Vec<&str> = raw.kinds.iter().filter(|k| Some(**k) != raw.kind).map(|k| kind_name(*k, l)).collect();
    if !others.is_empty() {
        details.push(tr!(l, "check.also-read", kinds = others.join(", ")));
    }
    if raw.cut > 0 {
        details.push(tr!(l, "check.cut", max = MAX_LINES, n = raw.cut));
    }
    if raw.findings.len() > MAX_FINDINGS {
        details.push(tr!(l, "check.more-findings", n = raw.findings.len() - MAX_FINDINGS));
    }
    CheckReport {
        kind: raw.kind,
        kind_name: raw.kind.map(|k| kind_name(k, l).to_owned()),
        kinds: raw.kinds.clone(),
        chosen: raw.chosen,
        lines: raw.lines.len(),
        cut: raw.cut,
        verdict: CheckVerdict { level, headline, details },
        findings,
        offers: raw.offers.iter().map(|o| offer(o, l)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Kb;
    impl Lookup for Kb {
        fn entry(&self, _: Locale, id: &str) -> Option<(String, String)> {
            (id == "e").then(|| ("Entry title".into(), "Entry summary.".into()))
        }
        fn operation(&self, _: Locale, key: &str) -> Option<[String; 3]> {
            (key == "op").then(|| ["Doing it".into(), "breaks it".into(), "Undo it".into()])
        }
        fn operation_url(&self, l: Locale, key: &str) -> String {
            format!("/{}/entries/high-risk-operations#op-{key}", l.code())
        }
    }

    fn raw(severity: Severity, source: Option<Source>, line: usize) -> RawFinding {
        RawFinding {
            kind: OutputKind::Sysctl,
            severity,
            what: What::Sysctl { key: "net.ipv4.ip_forward".into(), value: "0".into(), expected: None },
            lines: vec![line],
            source,
            note: None,
            fix: vec!["sysctl -w net.ipv4.ip_forward=1".into()],
            masked: Some("dial tcp <IP>:53: i/o timeout".into()),
        }
    }

    #[test]
    fn findings_are_worst_first_with_the_row_or_entry_words_and_a_search_only_without_one() {
        let report = RawReport {
            kind: Some(OutputKind::Sysctl),
            kinds: vec![OutputKind::Sysctl],
            lines: vec!["a".into(), "b".into(), "c".into()],
            findings: vec![
                raw(Severity::Info, None, 1),
                raw(Severity::Error, Some(Source::Operation("op".into())), 3),
                raw(Severity::Warning, Some(Source::Entry("e".into())), 2),
            ],
            ..Default::default()
        };
        for l in Locale::ALL {
            let r = localize(&report, l, &Kb);
            assert_eq!(r.verdict.level, Level::Blocked);
            let sev: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
            assert_eq!(sev, [Severity::Error, Severity::Warning, Severity::Info]);
            let op = &r.findings[0];
            assert!(op.explanation.contains("Doing it") && op.explanation.contains("breaks it"), "{}", op.explanation);
            assert_eq!(op.fix_text.as_deref(), Some("Undo it"));
            assert_eq!(op.lines, [LineRef { number: 3, text: "c".into() }]);
            assert_eq!(op.source.as_ref().unwrap().url, format!("/{}/entries/high-risk-operations#op-op", l.code()));
            assert!(r.findings[1].explanation.contains("Entry summary."));
            assert!(r.findings[1].search_url.is_none());
            let search = r.findings[2].search_url.as_deref().unwrap();
            assert!(search.contains("dial%20tcp") && !search.contains("IP"), "{search}");
        }
    }

    #[test]
    fn the_verdict_tells_an_empty_paste_from_one_without_findings() {
        let none = RawReport { kind: Some(OutputKind::Nodes), kinds: vec![OutputKind::Nodes], ..Default::default() };
        let unknown = RawReport::default();
        for l in Locale::ALL {
            let a = localize(&none, l, &Kb);
            let b = localize(&unknown, l, &Kb);
            assert_eq!(a.verdict.level, Level::Ok);
            assert_ne!(a.verdict.headline, b.verdict.headline);
        }
    }
}
