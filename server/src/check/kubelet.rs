//! `systemctl status kubelet` and `journalctl -u kubelet`: kubelet not active (running),
//! and the error lines of its log, grouped by their masked message and matched against
//! the log rules and the entries' error signatures.

use super::{Ctx, Part};
use crate::masking::mask;
use app::check::{Note, Offer, OutputKind, RawFinding, Source, What};
use app::wizard::{Severity, WizardId};
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

static ACTIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*Active:\s+(\S+)\s*(?:\(([^)]*)\))?").expect("active"));
/// `Nov 22 09:41:07 node-1 kubelet[2345]: ` and `2026-11-22T09:41:07+0800 node-1 kubelet[2345]: `.
static JOURNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\S+)\s+\S+\s+kubelet\[\d+\]:\s*").expect("journal")
});
/// klog: `E1122 09:41:07.123456    2345 file.go:123] `, its level first.
static KLOG: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^\s*((?:{})\s*)", crate::masking::KLOG_HEADER)).expect("klog"));
/// How many error messages without a rule or entry are listed.
const MAX_UNKNOWN: usize = 20;

pub(super) fn analyze(ctx: &Ctx<'_>) -> Part {
    let mut part = Part::default();
    let mut groups: HashMap<String, usize> = HashMap::new();
    let mut unknown = 0;
    for (i, line) in ctx.lines.iter().enumerate() {
        if let Some(c) = ACTIVE.captures(line) {
            part.recognised += 1;
            let state = c.get(2).map_or(c[1].to_owned(), |s| format!("{} ({})", &c[1], s.as_str()));
            if !(&c[1] == "active" && c.get(2).is_some_and(|s| s.as_str() == "running")) {
                part.findings.push(RawFinding {
                    kind: OutputKind::Kubelet,
                    severity: Severity::Error,
                    what: What::KubeletInactive { state },
                    lines: vec![i + 1],
                    source: Some(Source::Entry("troubleshoot-cluster".into())),
                    note: None,
                    fix: vec!["journalctl -u kubelet -n 200 --no-pager".into(), "systemctl status kubelet".into()],
                    masked: None,
                });
                part.offers.push(Offer { wizard: WizardId::Diagnostics, inputs: Default::default() });
            }
            continue;
        }
        let journal = JOURNAL.find(line);
        let after = journal.map_or(line.as_str(), |m| &line[m.end()..]);
        let klog = KLOG.captures(after);
        let unit = line.contains("kubelet.service") || line.trim_start().starts_with("Loaded:");
        if journal.is_none() && klog.is_none() {
            part.recognised += usize::from(unit);
            continue;
        }
        part.recognised += 1;
        let level = klog.as_ref().map(|c| c[1].trim_start()[..1].to_owned());
        let text = klog.as_ref().map_or(after, |c| &after[c.get(0).map_or(0, |m| m.end())..]);
        let lower = text.to_lowercase();
        let erring = matches!(level.as_deref(), Some("E" | "F")) || (level.is_none() && (lower.contains("error") || lower.contains("failed")));
        let rule = ctx.rules.log.iter().find(|r| r.takes(None, &lower, &ctx.lower));
        let known = ctx.known(text);
        if rule.is_none() && known.is_none() && !erring {
            continue;
        }
        let masked = mask(text);
        // Durations and counts differ from one line of the same error to the next.
        let group: String = masked.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
        if let Some(&at) = groups.get(&group) {
            let f: &mut RawFinding = &mut part.findings[at];
            f.lines.push(i + 1);
            if let What::LogError { count, .. } = &mut f.what {
                *count += 1;
            }
            continue;
        }
        // A log rule knows the kubelet's context better than a signature written for
        // another component (an expired client certificate is not the API server's).
        let (source, note) = match rule {
            Some(r) => (r.entry.clone().map(Source::Entry), r.note()),
            None => match known {
                Some(e) => (Some(Source::Entry(e)), None),
                None => (None, Some(Note::Unknown)),
            },
        };
        if note == Some(Note::Unknown) {
            if unknown >= MAX_UNKNOWN {
                continue;
            }
            unknown += 1;
        }
        let severity = rule.map_or(if erring { Severity::Warning } else { Severity::Info }, |r| r.severity.severity());
        groups.insert(group, part.findings.len());
        part.findings.push(RawFinding {
            kind: OutputKind::Kubelet,
            severity,
            what: What::LogError { count: 1, message: masked.clone() },
            lines: vec![i + 1],
            source,
            note,
            fix: rule.map(|r| r.fix.clone()).unwrap_or_default(),
            masked: Some(masked),
        });
    }
    part
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    const STATUS: &str = "● kubelet.service - kubelet: The Kubernetes Node Agent
   Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; vendor preset: disabled)
   Active: activating (auto-restart) (Result: exit-code) since Tue 2026-11-24 09:41:07 CST; 3s ago
  Process: 2345 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS (code=exited, status=1/FAILURE)
 Main PID: 2345 (code=exited, status=1/FAILURE)
Nov 24 09:41:07 cn-hangzhou.10.0.1.12 kubelet[2345]: E1124 09:41:07.123456    2345 run.go:74] \"command failed\" err=\"failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory\"
";

    #[test]
    fn a_kubelet_that_is_not_running_is_an_error_with_its_log_commands() {
        let r = check(STATUS, None);
        assert_eq!(r.kind, Some(OutputKind::Kubelet));
        let f = &r.findings[0];
        assert_eq!(f.what, What::KubeletInactive { state: "activating (auto-restart)".into() });
        assert_eq!((f.severity, f.lines.as_slice()), (Severity::Error, &[3][..]));
        assert_eq!(f.fix[0], "journalctl -u kubelet -n 200 --no-pager");
        assert_eq!(r.findings[1].note, Some(Note::Unknown), "an error line no rule knows is listed with a search");
        assert!(r.offers.iter().any(|o| o.wizard == WizardId::Diagnostics));
        let fine = check("   Active: active (running) since Tue 2026-11-24 09:41:07 CST; 2 days ago", Some(OutputKind::Kubelet));
        assert!(fine.findings.is_empty());
    }

    #[test]
    fn journal_lines_group_by_message_whatever_the_host_pid_and_time() {
        let log = "-- Logs begin at Mon 2026-11-23 08:00:00 CST. --
Nov 24 09:41:07 node-a kubelet[2345]: E1124 09:41:07.123456    2345 kubelet.go:2040] \"Skipping pod synchronization\" err=\"PLEG is not healthy: pleg was last seen active 3m0.1s ago; threshold is 3m0s\"
Nov 24 09:41:12 node-a kubelet[2345]: E1124 09:41:12.223456    2345 kubelet.go:2040] \"Skipping pod synchronization\" err=\"PLEG is not healthy: pleg was last seen active 3m5.1s ago; threshold is 3m0s\"
Nov 24 09:41:13 node-a kubelet[2345]: I1124 09:41:13.000001    2345 kubelet.go:1400] \"Started kubelet\"
Nov 24 09:41:14 node-a kubelet[2345]: E1124 09:41:14.000001    2345 remote_runtime.go:222] \"RunPodSandbox from runtime service failed\" err=\"rpc error: code = Unavailable desc = connection error: desc = \\\"transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: no such file or directory\\\"\"
Nov 24 09:41:15 node-a kubelet[2345]: E1124 09:41:15.000001    2345 certificate_manager.go:488] kubernetes.io/kube-apiserver-client-kubelet: Failed while requesting a signed certificate from the control plane: cannot create certificate signing request: x509: certificate has expired or is not yet valid: current time 2026-11-24T09:41:15+08:00 is after 2026-11-20T00:00:00Z
";
        let r = check(log, None);
        assert_eq!(r.kind, Some(OutputKind::Kubelet));
        let said: Vec<(Option<Source>, Option<Note>, Vec<usize>)> = r.findings.iter().map(|f| (f.source.clone(), f.note, f.lines.clone())).collect();
        let kubelet_failure = Some(Source::Entry("failure-kubelet-failure".into()));
        assert_eq!(
            said,
            [
                (kubelet_failure.clone(), None, vec![2, 3]),
                (kubelet_failure, None, vec![5]),
                (None, Some(Note::Certificate), vec![6]),
            ]
        );
        assert!(matches!(r.findings[0].what, What::LogError { count: 2, .. }));
        assert!(!r.findings[0].masked.as_deref().unwrap().contains("node-a"), "the host is not part of the message");
        assert!(r.findings.iter().all(|f| f.lines != [4]), "info lines are not findings");
    }
}
