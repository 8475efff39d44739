//! Events: the `Events:` table of `kubectl describe pod` (`Type Reason Age From Message`)
//! and `kubectl get events` (`LAST SEEN TYPE REASON OBJECT MESSAGE`, with `-A` a namespace
//! first, with `-o wide` more columns). Warning events are grouped by object, reason and
//! masked message; each group is matched against the entries' error signatures, then the
//! event rules. Normal events count only when they match a signature.

use super::{Ctx, Part};
use crate::masking::mask;
use app::check::{OutputKind, RawFinding, Source, What};
use app::wizard::Severity;
use std::sync::LazyLock;

use regex::Regex;

/// `<type> <Reason> <rest>`, anywhere in a line (after a namespace and an age).
static EVENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(Warning|Normal)\s+([A-Z][A-Za-z]+)(?:\s+(.*))?$").expect("event"));
/// `(x3 over 5m)` in describe's age column.
static REPEATS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(x(\d+) over [^)]*\)").expect("repeats"));
/// `pod/web-0`, `persistentvolumeclaim/data`, `node/cn-hangzhou.10.0.0.1`.
static OBJECT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z][a-z.]*/[A-Za-z0-9][\w.\-:]*$").expect("object"));
/// describe's top lines: `Name:`, `Namespace:` at the start of a line.
static FIELD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(Name|Namespace):\s+(\S+)\s*$").expect("field"));

struct Event {
    line: usize,
    warning: bool,
    reason: String,
    object: Option<String>,
    message: String,
    count: u64,
    continued: Vec<usize>,
}

/// The events of the paste, in order.
fn read(lines: &[String]) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let (mut name, mut namespace): (Option<String>, Option<String>) = (None, None);
    let mut last_was_event = false;
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = FIELD.captures(line) {
            match &c[1] {
                "Name" => {
                    name = Some(c[2].to_owned());
                    namespace = None;
                }
                _ => namespace = Some(c[2].to_owned()),
            }
            last_was_event = false;
            continue;
        }
        let Some(c) = EVENT.captures(line) else {
            // A long message wrapped by the terminal: an indented line under an event.
            let indented = line.starts_with("  ") && !line.trim().is_empty() && !line.trim_start().starts_with("---");
            match events.last_mut() {
                Some(e) if last_was_event && indented => {
                    e.message.push(' ');
                    e.message.push_str(line.trim());
                    e.continued.push(i + 1);
                }
                _ => last_was_event = false,
            }
            continue;
        };
        let before = &line[..c.get(0).map_or(0, |m| m.start())];
        let rest = c.get(3).map_or("", |m| m.as_str());
        let columns: Vec<&str> = rest.split("  ").map(str::trim).filter(|s| !s.is_empty()).collect();
        let count = REPEATS.captures(rest).and_then(|r| r[1].parse().ok()).unwrap_or(1);
        let (object, message) = match columns.first() {
            // `kubectl get events`: OBJECT, then MESSAGE (and with -o wide, more columns:
            // the message is the longest).
            Some(first) if OBJECT.is_match(first) => {
                let ns = before.split_whitespace().next().filter(|_| before.split_whitespace().count() >= 2);
                let object = match ns {
                    Some(ns) => format!("{ns}/{first}"),
                    None => (*first).to_owned(),
                };
                let message = columns[1..].iter().max_by_key(|c| c.len()).copied().unwrap_or("");
                (Some(object), message.to_owned())
            }
            // describe: Age, From, Message; the message is the longest column. Columns
            // squeezed to single spaces leave the whole rest.
            _ if columns.len() >= 2 => {
                let message = columns[1..].iter().max_by_key(|c| c.len()).copied().unwrap_or("");
                (described(&name, &namespace), message.to_owned())
            }
            _ => (described(&name, &namespace), rest.to_owned()),
        };
        events.push(Event {
            line: i + 1,
            warning: &c[1] == "Warning",
            reason: c[2].to_owned(),
            object,
            message,
            count,
            continued: Vec::new(),
        });
        last_was_event = true;
    }
    events
}

fn described(name: &Option<String>, namespace: &Option<String>) -> Option<String> {
    match (namespace, name) {
        (Some(ns), Some(n)) => Some(format!("{ns}/{n}")),
        (None, Some(n)) => Some(n.clone()),
        _ => None,
    }
}

pub(super) fn analyze(ctx: &Ctx<'_>) -> Part {
    let events = read(ctx.lines);
    let mut part = Part { recognised: events.iter().map(|e| 1 + e.continued.len()).sum(), ..Default::default() };
    // (object, reason, masked message) → index of its finding.
    let mut groups: std::collections::HashMap<(Option<String>, String, String), usize> = std::collections::HashMap::new();
    // Events repeat: each distinct message is masked and matched once.
    let mut seen: std::collections::HashMap<&str, (String, Option<String>)> = std::collections::HashMap::new();
    for e in &events {
        let (masked, known) = seen.entry(e.message.as_str()).or_insert_with(|| (mask(&e.message), ctx.known(&e.message))).clone();
        let key = (e.object.clone(), e.reason.clone(), masked.clone());
        if let Some(&at) = groups.get(&key) {
            let f: &mut RawFinding = &mut part.findings[at];
            f.lines.push(e.line);
            f.lines.extend(&e.continued);
            if let What::Event { count, .. } = &mut f.what {
                *count += e.count;
            }
            continue;
        }
        let lower = e.message.to_lowercase();
        if !e.warning && known.is_none() {
            continue;
        }
        let rule = ctx.rules.event.iter().find(|r| r.takes(Some(&e.reason), &lower, &ctx.lower));
        let source = known.map(Source::Entry).or_else(|| rule.and_then(|r| r.entry.clone()).map(Source::Entry));
        let note = if matches!(source, Some(Source::Entry(_))) { None } else { rule.and_then(|r| r.note()) };
        let severity = rule.map_or(if e.warning { Severity::Warning } else { Severity::Info }, |r| r.severity.severity());
        let mut fix: Vec<String> = rule.map(|r| r.fix.clone()).unwrap_or_default();
        if let Some(obj) = &e.object {
            fix = fix.into_iter().map(|f| f.replace("{object}", obj)).collect();
            fix.push(describe_command(obj));
        }
        let mut lines = vec![e.line];
        lines.extend(&e.continued);
        groups.insert(key, part.findings.len());
        part.findings.push(RawFinding {
            kind: OutputKind::Events,
            severity,
            what: What::Event { object: e.object.clone(), reason: e.reason.clone(), count: e.count, message: masked.clone() },
            lines,
            source,
            note,
            fix,
            masked: Some(masked),
        });
    }
    part
}

/// `kubectl describe` for an object as the paste names it: `ns/pod/name` (get events -A),
/// `pod/name`, or `ns/name` (describe's Name and Namespace).
fn describe_command(object: &str) -> String {
    let parts: Vec<&str> = object.split('/').collect();
    match parts.as_slice() {
        [ns, kind, name] => format!("kubectl -n {ns} describe {kind} {name}"),
        [kind, name] if OBJECT.is_match(object) && !kind.contains('.') && kind.chars().all(|c| c.is_ascii_lowercase()) && is_kind(kind) => {
            format!("kubectl describe {kind} {name}")
        }
        [ns, name] => format!("kubectl -n {ns} describe pod {name}"),
        _ => format!("kubectl describe pod {object}"),
    }
}

fn is_kind(word: &str) -> bool {
    const KINDS: &[&str] = &[
        "pod", "node", "persistentvolumeclaim", "persistentvolume", "service", "deployment", "replicaset", "statefulset",
        "daemonset", "job", "cronjob", "ingress", "endpoints", "configmap", "namespace",
    ];
    KINDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    /// The (object, reason, count, source or note, severity, lines) of each finding.
    fn summary(paste: &str) -> Vec<(Option<String>, String, u64, String, Severity, Vec<usize>)> {
        check(paste, Some(OutputKind::Events))
            .findings
            .into_iter()
            .map(|f| {
                let (object, reason, count) = match f.what {
                    What::Event { object, reason, count, .. } => (object, reason, count),
                    other => panic!("{other:?}"),
                };
                let from = match (f.source, f.note) {
                    (Some(Source::Entry(e)), _) => e,
                    (Some(Source::Operation(o)), _) => format!("op:{o}"),
                    (None, Some(n)) => format!("note:{}", n.id()),
                    (None, None) => "-".into(),
                };
                (object, reason, count, from, f.severity, f.lines)
            })
            .collect()
    }

    const DESCRIBE_DISK_ZONE: &str = "Name:             web-0
Namespace:        shop
Priority:         0
Node:             <none>
Volumes:
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-web-0
Events:
  Type     Reason            Age                  From               Message
  ----     ------            ----                 ----               -------
  Warning  FailedScheduling  2m10s (x4 over 6m)   default-scheduler  0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
  Normal   Scheduled         20s                  default-scheduler  Successfully assigned shop/web-0 to cn-hangzhou.10.0.1.12
";

    #[test]
    fn a_disk_in_another_zone_in_describe_pod_points_to_the_disk_entry() {
        assert_eq!(
            summary(DESCRIBE_DISK_ZONE),
            [(Some("shop/web-0".into()), "FailedScheduling".into(), 4, "pod-cannot-mount-disk".into(), Severity::Error, vec![12])]
        );
    }

    #[test]
    fn recognises_the_known_event_kinds_of_the_issue() {
        let cases: Vec<(&str, &str)> = vec![
            ("  Warning  FailedAttachVolume  1m  attachdetach-controller  Multi-Attach error for volume \"d-bp1abcdefg\" Volume is already exclusively attached to one node and can't be attached to another", "multiple-pods-same-cloud-disk"),
            ("  Warning  FailedMount  2m (x3 over 8m)  kubelet  MountVolume.SetUp failed for volume \"nas-pv\" : rpc error: code = Internal desc = mount failed: mount.nfs: access denied by server while mounting 0a1b2c3d4e-abc12.cn-hangzhou.nas.aliyuncs.com:/share", "pod-cannot-mount-nas"),
            ("ClaimName: nas-data\n  Warning  FailedMount  1m (x10 over 21m)  kubelet  Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x7k2p]: timed out waiting for the condition", "nas-pod-fsgroup-timeout"),
            ("  Warning  FailedAttachVolume  30s  attachdetach-controller  AttachVolume.Attach failed for volume \"d-bp1xyz\" : InvalidDiskZone: the disk and the instance are not in the same zone", "pod-cannot-mount-disk"),
            ("  Warning  FailedMount  1m  kubelet  MountVolume.MountDevice failed for volume \"pv-x\" : rpc error: code = Aborted", "storage-driver-logs"),
            ("  Warning  FailedScheduling  1m  default-scheduler  0/5 nodes are available: 5 Insufficient cpu.", "node-autoscaling-no-scale-out"),
            ("  Warning  FailedScheduling  1m  default-scheduler  0/5 nodes are available: 5 node(s) had untolerated taint {dedicated: gpu}.", "note:scheduling"),
            ("  Warning  Failed  12s (x2 over 40s)  kubelet  Failed to pull image \"registry.cn-hangzhou.aliyuncs.com/acme/app:v2\": rpc error: code = NotFound desc = failed to pull and unpack image", "note:image-pull"),
            ("  Warning  BackOff  3s (x5 over 1m)  kubelet  Back-off pulling image \"nginx:latst\"", "note:image-pull"),
            ("  Warning  Unhealthy  5s (x9 over 2m)  kubelet  Readiness probe failed: Get \"http://10.0.0.7:8080/healthz\": dial tcp 10.0.0.7:8080: connect: connection refused", "note:probe"),
            ("  Warning  FailedCreate  1m  kubelet  Error creating: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:00:00Z is after 2026-11-20T00:00:00Z", "apiserver-loopback-cert-expired"),
            ("  Warning  FailedCreate  1m  kubelet  x509: certificate signed by unknown authority", "note:certificate"),
            ("  Warning  SomethingNew  1m  kubelet  a message no rule knows", "-"),
        ];
        for (paste, want) in cases {
            let got = summary(paste);
            assert_eq!(got.len(), 1, "{paste}: {got:?}");
            assert_eq!(got[0].3, want, "{paste}");
        }
    }

    #[test]
    fn get_events_groups_by_object_with_namespaces_wide_columns_and_padding() {
        let paste = "$ kubectl get events -A
NAMESPACE   LAST SEEN   TYPE      REASON             OBJECT                         MESSAGE
shop        3m          Warning   FailedMount        pod/web-0                      MountVolume.SetUp failed for volume \"nas-pv\" : mount failed: mount target does not exist
shop        2m          Warning   FailedMount        pod/web-0                      MountVolume.SetUp failed for volume \"nas-pv\" : mount failed: mount target does not exist
shop        2m          Warning   FailedMount        pod/web-1                      MountVolume.SetUp failed for volume \"nas-pv\" : mount failed: mount target does not exist
default     1m          Normal    Pulled             pod/api-7d4b9c8f6d-x2k9p       Container image \"nginx:1.25\" already present on machine
kube-system 10s         Warning   Unhealthy          pod/coredns-6f6b9c8d7-abcde    Readiness probe failed: HTTP probe failed with statuscode: 503
";
        let got = summary(paste);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], (Some("shop/pod/web-0".into()), "FailedMount".into(), 2, "pod-cannot-mount-nas".into(), Severity::Error, vec![3, 4]));
        assert_eq!(got[1].0.as_deref(), Some("shop/pod/web-1"));
        assert_eq!(got[2].3, "note:probe");
        let r = check(paste, Some(OutputKind::Events));
        assert_eq!(r.findings[0].fix.last().map(String::as_str), Some("kubectl -n shop describe pod web-0"));
        assert_eq!(r.findings[0].masked.as_deref(), Some("MountVolume.SetUp failed for volume \"nas-pv\" : mount failed: mount target does not exist"));

        let wide = "LAST SEEN   TYPE      REASON       OBJECT      SUBOBJECT                SOURCE                 MESSAGE                                   FIRST SEEN   COUNT   NAME
2m          Warning   Failed       pod/api-0   spec.containers{api}     kubelet, cn-hangzhou.10.0.0.5   Error: ErrImagePull pulling image failed      5m           3       api-0.17a1b2c3d4e5f6
";
        let got = summary(wide);
        assert_eq!((got[0].0.as_deref(), got[0].3.as_str()), (Some("pod/api-0"), "note:image-pull"));
    }

    #[test]
    fn crlf_colours_squeezed_columns_and_wrapped_lines_still_read() {
        let paste = "Events:\r\n  Type     Reason       Age   From     Message\r\n  \x1b[33mWarning\x1b[0m  FailedMount  1m  kubelet  MountVolume.SetUp failed for volume \"nas-pv\" : mount failed: exit status 32,\r\n    mount.nfs: Connection timed out\r\n";
        let got = summary(paste);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].3, "pod-cannot-mount-nas");
        assert_eq!(got[0].5, [3, 4], "the wrapped line belongs to the event");
        let squeezed = "Warning FailedAttachVolume 1m attachdetach-controller Multi-Attach error for volume \"d-x\" Volume is already exclusively attached to one node";
        assert_eq!(summary(squeezed)[0].3, "multiple-pods-same-cloud-disk");
        // A line cut short by the terminal keeps what it has.
        assert_eq!(summary("  Warning  FailedScheduling  1m  default-scheduler  0/3 nodes are available: 3 node(s) had volume node affinity confl")[0].3, "note:scheduling");
    }
}
