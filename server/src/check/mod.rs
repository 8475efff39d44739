//! The output check: a paste read line by line by one analyzer per kind of output, each
//! problem a [`RawFinding`] (see `app::check` for the shapes and the words).
//!
//! Every analyzer is a pure function of the cleaned lines and the knowledge base's rules
//! (`content/check-rules.toml`, the entries' error signatures, the high-risk rows). With
//! no kind chosen, all of them read the paste, and the kinds with recognised lines are
//! reported, so a mixed paste gets every finding.

mod events;
mod kubelet;
pub mod lines;
mod nodes;
pub mod rules;
mod services;
mod sysctl;

use crate::masking::{known_error, Signature};
use app::check::{Offer, OutputKind, RawFinding, RawReport};
use rules::Rules;

/// The rules and the signatures the analyzers match against.
#[derive(Debug, Default)]
pub struct Checker {
    rules: Rules,
    signatures: Vec<Signature>,
}

/// What one analyzer made of a paste.
#[derive(Debug, Default)]
struct Part {
    /// Lines it recognised as its kind of output.
    recognised: usize,
    findings: Vec<RawFinding>,
    offers: Vec<Offer>,
}

/// What every analyzer reads.
struct Ctx<'a> {
    lines: &'a [String],
    /// The whole paste, lowercased (for rules that look at the context).
    lower: String,
    rules: &'a Rules,
    checker: &'a Checker,
}

impl Ctx<'_> {
    /// The entry whose error signature the text matches.
    fn known(&self, text: &str) -> Option<String> {
        known_error(&self.checker.signatures, text).map(|s| s.entry.clone())
    }
}

impl Checker {
    /// `signatures`: every entry's error signatures, `(entry id, signature)`.
    pub fn new<'a>(rules: Rules, signatures: impl IntoIterator<Item = (&'a str, &'a str)>) -> Checker {
        let unique: std::collections::BTreeSet<(&str, &str)> = signatures.into_iter().collect();
        let signatures = unique.into_iter().filter_map(|(id, s)| Signature::new(id, s)).collect();
        Checker { rules, signatures }
    }

    /// Whether text reads as command output: several lines, or a shape an analyzer knows.
    pub fn recognises(&self, text: &str) -> bool {
        text.trim().lines().count() >= 3 || !self.check(text, None).kinds.is_empty()
    }

    /// Reads a paste as `kind`, or as every kind when none is chosen.
    pub fn check(&self, paste: &str, kind: Option<OutputKind>) -> RawReport {
        let (lines, cut) = lines::clean(paste);
        let ctx = Ctx { lines: &lines, lower: lines.join("\n").to_lowercase(), rules: &self.rules, checker: self };
        let run = |k: OutputKind| -> Part {
            match k {
                OutputKind::Sysctl => sysctl::analyze(&ctx),
                OutputKind::Events => events::analyze(&ctx),
                OutputKind::Nodes => nodes::analyze(&ctx),
                OutputKind::Services => services::analyze(&ctx),
                OutputKind::Kubelet => kubelet::analyze(&ctx),
                OutputKind::Diagnostics => diagnostics(&ctx),
            }
        };
        let mut parts: Vec<(OutputKind, Part)> = match kind {
            Some(k) => vec![(k, run(k))],
            None => OutputKind::ALL.into_iter().map(|k| (k, run(k))).filter(|(_, p)| p.recognised > 0).collect(),
        };
        parts.sort_by_key(|(_, p)| std::cmp::Reverse(p.recognised));
        let kinds: Vec<OutputKind> = parts.iter().filter(|(_, p)| p.recognised > 0).map(|(k, _)| *k).collect();
        let mut report = RawReport {
            kind: kind.or_else(|| kinds.first().copied()),
            kinds,
            chosen: kind.is_some(),
            cut,
            ..Default::default()
        };
        for (_, part) in parts {
            report.findings.extend(part.findings);
            for o in part.offers {
                if !report.offers.iter().any(|x| x.wizard == o.wizard) {
                    report.offers.push(o);
                }
            }
        }
        report.lines = lines;
        report
    }
}

/// The diagnostics script's output, read by the diagnostics wizard's own reader.
fn diagnostics(ctx: &Ctx<'_>) -> Part {
    use app::check::{Source, What};
    use app::wizard::Severity;
    let text = ctx.lines.join("\n");
    let Some(read) = app::wizard::diagnostics::read_script_output(&text) else {
        return Part::default();
    };
    let line_of = |needle: &str| ctx.lines.iter().rposition(|l| l.contains(needle)).map(|i| i + 1);
    let finding = match read {
        Ok((name, windows)) => RawFinding {
            kind: OutputKind::Diagnostics,
            severity: Severity::Info,
            lines: line_of(name.trim_end_matches(".tar.gz").trim_end_matches(".zip")).into_iter().collect(),
            fix: if windows { vec![] } else { vec![format!("ls -l /tmp/{name}")] },
            what: What::DiagnosticsArchive { name, windows },
            source: Some(Source::Entry("collect-node-diagnostics".into())),
            note: None,
            masked: None,
        },
        Err(failure) => RawFinding {
            kind: OutputKind::Diagnostics,
            severity: Severity::Warning,
            lines: failure.as_deref().and_then(|f| line_of(f.trim_end_matches('…'))).into_iter().collect(),
            what: What::DiagnosticsUnfinished { failure },
            source: Some(Source::Entry("collect-node-diagnostics".into())),
            note: None,
            fix: vec![],
            masked: None,
        },
    };
    let recognised = ctx.lines.iter().filter(|l| l.contains("diagnose")).count().max(1);
    let offers = vec![Offer { wizard: app::wizard::WizardId::Diagnostics, inputs: [("output".to_owned(), text)].into() }];
    Part { recognised, findings: vec![finding], offers }
}

#[cfg(test)]
mod tests {
    //! The real rules and signatures of `content/`, loaded once for the analyzers' tests.
    use super::*;
    use std::sync::LazyLock;

    pub static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let store = crate::content::ContentStore::read(&root).expect("content loads");
        store.checker()
    });

    pub fn check(paste: &str, kind: Option<OutputKind>) -> RawReport {
        CHECKER.check(paste, kind)
    }

    #[test]
    fn a_mixed_paste_is_read_by_every_reader_that_recognises_a_part_of_it() {
        let paste = "[root@node ~]# sysctl net.ipv4.ip_forward\r\nnet.ipv4.ip_forward = 0\r\n\
            [root@node ~]# kubectl get nodes\r\n\
            NAME                    STATUS     ROLES    AGE   VERSION\r\n\
            cn-hangzhou.10.0.1.13   NotReady   <none>   9d    v1.30.1-aliyun.1\r\n\
            [root@node ~]# kubectl describe pod web-0 | tail -3\r\n\
            \x1b[33m  Warning  FailedMount  1m  kubelet  MountVolume.SetUp failed for volume \"nas\" : mount failed: mount target does not exist\x1b[0m\r\n";
        let r = check(paste, None);
        let mut kinds = r.kinds.clone();
        kinds.sort();
        assert_eq!(kinds, [OutputKind::Sysctl, OutputKind::Events, OutputKind::Nodes]);
        let from: Vec<OutputKind> = r.findings.iter().map(|f| f.kind).collect();
        assert!(from.contains(&OutputKind::Sysctl) && from.contains(&OutputKind::Events) && from.contains(&OutputKind::Nodes), "{from:?}");
        // Choosing a kind reads the paste as that kind only.
        let chosen = check(paste, Some(OutputKind::Sysctl));
        assert!(chosen.chosen && chosen.findings.iter().all(|f| f.kind == OutputKind::Sysctl));
        // Text that is no output at all is recognised by no reader.
        assert!(check("为什么 kubectl 连不上集群？", None).kinds.is_empty());
    }
}
