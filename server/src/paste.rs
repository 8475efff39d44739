//! A search query read like an engineer reads a paste: the text is split into records
//! (lines, and the records a flattened paste still shows by their prefixes), each record is
//! told apart as the reader's own words, an error, other output or noise, and the parts
//! are given back in the order they matter, without prompts, timestamps, PIDs, host names,
//! table headers and `Normal` events.
//!
//! Pure functions of the text; the search decides what each part weighs.

use std::sync::LazyLock;

use regex::Regex;

use crate::masking::{JOURNAL_HEADER, KLOG_HEADER};

/// What a part of a query is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    /// The reader's own words around the paste (or the whole of a typed query).
    Words,
    /// A line that carries an error: its text without log prefixes.
    Error,
    /// Other output worth a little: commands run, abnormal statuses in tables, settings.
    Output,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub text: String,
}

/// A query as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The reader's words first, then errors (each distinct one once), then other output.
    pub parts: Vec<Part>,
    /// Records left out as noise.
    pub dropped: usize,
}

impl Reading {
    /// Whether anything was read as output: a typed query is one part of words.
    pub fn is_paste(&self) -> bool {
        self.dropped > 0 || self.parts.iter().any(|p| p.kind != PartKind::Words)
    }

    pub fn of(&self, kind: PartKind) -> impl Iterator<Item = &str> {
        self.parts.iter().filter(move |p| p.kind == kind).map(|p| p.text.as_str())
    }
}

/// At most this many records are read; a longer paste's tail is ignored.
const MAX_RECORDS: usize = 400;
/// At most this many characters of a record are read.
const MAX_RECORD_CHARS: usize = 1000;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("paste pattern")
}

/// Where a new record starts inside a flattened line: a shell prompt, a klog or journald
/// header, a dmesg time, an ISO timestamp, an event row.
static RECORD_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&[
        r"\[[\w.\-]+@[\w.\-]+ [^\]\s]*\][#$]\s",
        r"\s\$\s+[a-z]",
        // a klog header with its fraction of a second, so that a bare time does not split
        r"\b[IWEF]\d{4}\s+\d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.\-]+:\d+\]",
        &format!(r"\b{JOURNAL_HEADER}\s"),
        DMESG_TIME,
        DMESG_UPTIME,
        // a timestamp starts a record when a level follows it, not inside a message
        r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\S*\s+(?:\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|FATAL|PANIC|debug|info|warn|error|fatal)\b|level=)",
        r"\s(?:Normal|Warning)\s{2,}[A-Z][A-Za-z]+\s{2,}",
    ]
    .join("|"))
});

/// `dmesg -T`'s time: `[Thu Sep 25 14:04:37 2025]`.
const DMESG_TIME: &str = r"\[(?:[A-Z][a-z]{2}\s+){2}\s?\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4}\]";
/// `dmesg`'s seconds since boot: `[12345.678901]`.
const DMESG_UPTIME: &str = r"\[\s*\d+\.\d{6}\]";

/// A shell prompt at the start of a record, and the command after it.
static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:\[[\w.\-]+@[\w.\-]+ [^\]]*\][#$]|[\w.\-]+@[\w.\-]+:[^\s$#]*[#$]|PS [A-Z]:\\[^>]*>|/ #|[$#>%])\s*(.*)$")
});

/// Log prefixes, each removed from the start of a record in turn.
static PREFIXES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        re(&format!(r"^\s*{DMESG_TIME}\s*")),
        re(&format!(r"^\s*{DMESG_UPTIME}\s*")),
        re(&format!(r"^\s*{JOURNAL_HEADER}\s*")),
        re(&format!(r"^\s*{KLOG_HEADER}\s*")),
        // ISO or plain timestamps, with a zone
        re(r"^\s*\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{2,5}\b)?\s*"),
        re(r"^\s*\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s+"),
        // a level word after the time, as zap and logrus print it
        re(r"(?i)^\s*(?:level=)?(?:debug|info|warn|warning|error|err|fatal|panic|crit)\b[\s:\]|]*"),
    ]
});

/// The level of a klog header or a structured line that marks an error.
static ERROR_LEVEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:[EF]\d{4}\s+\d{2}:\d{2}|\S*\s*(?:level=)?(?:error|err|fatal|panic|crit)\b)"));

/// The level of a klog header or a structured line that marks routine information.
static INFO_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^\s*(?:I\d{4}\s+\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}[T ]\S+\s+(?i:info|debug)\b|(?i:level=(?:info|debug))\b|\{.*"(?:level|severity)"\s*:\s*"(?i:info|debug)")"#)
});

/// Words that make a line an error, whatever prints it.
static ERROR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:error|errors|failed|failure|fail|fatal|panic|refused|denied|forbidden|unauthorized|",
        r"timeout|timed out|time out|deadline exceeded|unreachable|not responding|no route|no such|not found|",
        r"unable|cannot|can't|couldn't|could not|invalid|blocked|hung|killed|oomkilled|evicted|",
        r"back-off|backoff|unhealthy|notready|crashloopbackoff|x509|expired|conflict|multi-attach|",
        r"exceeded|insufficient|rejected|reset by peer|broken pipe|bad gateway|unavailable|",
        r"already been bootstrapped|no servers could be reached|communications error)\b"
    ))
});

/// A `kubectl get`-style table header: two or more upper-case column names.
static TABLE_HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[A-Z][A-Z\-]+(?:\s{1,}[A-Z][A-Z\-()]*(?:\s[A-Z]+)?){2,}\s*$"));

/// The `kubectl describe` events header.
static EVENTS_HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:Events:\s*)?Type\s+Reason\s+Age\s+From\s+Message\s*$"));

/// An event row, split into its columns: type, reason, age, from, message.
static EVENT_ROW: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(Normal|Warning)\s{2,}(\S+)\s{2,}(?:\S+(?: \(x\d+ over \S+\))?)\s{2,}(\S+(?:, \S+)*)\s{2,}(.*)$"));

/// `Normal` events that every healthy pod has: noise. Other `Normal` events (waiting for a
/// provisioner, no scale-up) can be the very problem, and are kept as output.
const ROUTINE_EVENTS: &[&str] = &[
    "Scheduled", "Pulling", "Pulled", "Created", "Started", "Killing", "SuccessfulCreate", "SuccessfulDelete",
    "ScalingReplicaSet", "SuccessfulAttachVolume", "SuccessfulMountVolume", "AddedInterface", "Sync", "Starting",
    "RegisteredNode", "NodeReady", "NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID",
    "NodeAllocatableEnforced", "Provisioning", "ProvisioningSucceeded", "LeaderElection", "Completed", "SawCompletedJob",
];

/// Statuses a table row shows when all is well: they say nothing about a problem.
const HEALTHY: &[&str] = &["Running", "Ready", "Bound", "Completed", "Succeeded", "Active", "True", "Available", "Healthy", "Normal", "Established"];

/// An upper-camel status word in a table: NotReady, Terminating, CrashLoopBackOff.
static STATUS: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:[A-Z][a-z]+)+(?::[A-Za-z]+)?$"));

/// Host names that carry no meaning: ECS instance names, node names made of a region and
/// an address.
static HOSTS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bi[Zz][0-9a-z]{8,}[Zz]?\b|\b[a-z]{2}-[a-z]+(?:-\d+)?\.\d{1,3}(?:\.\d{1,3}){3}\b|\b[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{5}\b")
});

/// Reads a query. A query of one line that shows no output shape is one part of words.
pub fn read(raw: &str) -> Reading {
    let mut reading = Reading::default();
    let mut errors_seen = std::collections::HashSet::new();
    let mut words = Vec::new();
    let mut errors = Vec::new();
    let mut output = Vec::new();
    // Whether the records are rows of a table whose header was seen.
    let mut in_table = false;
    // Colour codes are the terminal's, not the text's (`\x1b[31mE1122`).
    let records = records(&crate::check::lines::strip_ansi(raw));
    // One line with no output shape is typed, whatever it says: it is searched as it is.
    if records.len() <= 1 {
        let text = raw.trim();
        if !text.is_empty() {
            reading.parts.push(Part { kind: PartKind::Words, text: text.to_owned() });
        }
        return reading;
    }
    for record in records.into_iter().take(MAX_RECORDS) {
        let record: String = record.chars().filter(|c| *c == '\t' || !c.is_control()).take(MAX_RECORD_CHARS).collect();
        let trimmed = record.trim();
        if trimmed.is_empty() {
            in_table = false;
            continue;
        }
        if let Some(command) = PROMPT.captures(&record).and_then(|c| c.get(1)).map(|m| m.as_str().trim()) {
            in_table = false;
            if command.is_empty() {
                reading.dropped += 1;
            } else {
                output.push(strip_noise(command));
            }
            continue;
        }
        if !trimmed.chars().any(char::is_alphabetic) || trimmed.starts_with("---") || trimmed.starts_with(";;") && !ERROR_WORDS.is_match(trimmed) {
            reading.dropped += 1;
            continue;
        }
        if EVENTS_HEADER.is_match(trimmed) || trimmed == "Events:" {
            reading.dropped += 1;
            in_table = false;
            continue;
        }
        if let Some(c) = EVENT_ROW.captures(&record) {
            if &c[1] == "Normal" && ROUTINE_EVENTS.contains(&&c[2]) {
                reading.dropped += 1;
            } else if &c[1] == "Normal" {
                output.push(strip_noise(&format!("{} {}", &c[2], &c[4])));
            } else {
                push_error(&mut errors, &mut errors_seen, &format!("{} {}", &c[2], &c[4]));
            }
            continue;
        }
        if !has_cjk(trimmed) && TABLE_HEADER.is_match(trimmed) {
            reading.dropped += 1;
            in_table = true;
            continue;
        }
        if in_table && !has_cjk(trimmed) && !ERROR_WORDS.is_match(&strip_status_words(trimmed)) {
            let unusual: Vec<&str> = trimmed.split_whitespace().filter(|w| STATUS.is_match(w) && !HEALTHY.contains(w)).collect();
            if unusual.is_empty() {
                reading.dropped += 1;
            } else {
                output.push(unusual.join(" "));
            }
            continue;
        }
        in_table = false;
        // Routine information is noise next to errors and words.
        if INFO_LEVEL.is_match(&record) && !ERROR_WORDS.is_match(&record) {
            reading.dropped += 1;
            continue;
        }
        let error_level = ERROR_LEVEL.is_match(&record);
        let json = json_text(trimmed);
        let text = match &json {
            Some(t) => t.clone(),
            None => strip_prefixes(&record),
        };
        let structured = json.is_some() || text.len() < record.trim().len();
        if has_cjk(&text) && !structured {
            words.push(text.trim().to_owned());
        } else if error_level || ERROR_WORDS.is_match(&text) {
            push_error(&mut errors, &mut errors_seen, &text);
        } else if structured || looks_like_output(&text) || !reads_as_words(&text) {
            output.push(strip_noise(&text));
        } else {
            words.push(text.trim().to_owned());
        }
    }
    let parts = words
        .into_iter()
        .map(|t| (PartKind::Words, t))
        .chain(errors.into_iter().map(|t| (PartKind::Error, t)))
        .chain(output.into_iter().filter(|t| !t.trim().is_empty()).map(|t| (PartKind::Output, t)));
    reading.parts = parts.map(|(kind, text)| Part { kind, text }).collect();
    reading
}

/// The records of a text: its lines, each split again where a flattened paste shows the
/// start of another record.
fn records(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in raw.split('\n') {
        let line = line.trim_end_matches('\r');
        // A JSON log line is one record, whatever times it holds.
        if line.trim_start().starts_with('{') && line.trim_end().ends_with('}') {
            out.push(line.to_owned());
            continue;
        }
        let mut start = 0;
        for m in RECORD_START.find_iter(line) {
            // A match that begins with the space before it starts after that space.
            let at = if line[m.start()..].starts_with(char::is_whitespace) { m.start() + 1 } else { m.start() };
            if at > start && !line[start..at].trim().is_empty() {
                out.push(line[start..at].to_owned());
                start = at;
            }
        }
        out.push(line[start..].to_owned());
    }
    out
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(crate::analysis::is_cjk)
}

/// The record without its log prefixes (time, host, process, level).
fn strip_prefixes(record: &str) -> String {
    let mut text = record.to_owned();
    loop {
        let before = text.len();
        for p in PREFIXES.iter() {
            if let Some(m) = p.find(&text) {
                text = text[m.end()..].to_owned();
            }
        }
        if text.len() == before {
            return text;
        }
    }
}

/// A JSON log line's message and error, as a sentence.
fn json_text(line: &str) -> Option<String> {
    if !(line.starts_with('{') && line.ends_with('}')) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let object = value.as_object()?;
    let mut out = Vec::new();
    for key in ["level", "severity", "msg", "message", "error", "err", "reason", "caller"] {
        if let Some(v) = object.get(key).and_then(|v| v.as_str()) {
            if key == "caller" || (matches!(key, "level" | "severity") && !v.to_ascii_lowercase().starts_with(['e', 'f', 'p', 'c'])) {
                continue;
            }
            out.push(v.to_owned());
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// Whether a Latin line reads as program output rather than words: settings, paths,
/// key-value pairs, mostly symbols and numbers.
fn looks_like_output(text: &str) -> bool {
    let t = text.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic() || c.is_whitespace()).count();
    t.starts_with('/')
        || t.contains(" = ")
        || t.contains("://")
        || t.contains(";;")
        || t.contains("->")
        || letters * 10 < t.chars().count() * 7
}

/// Words that Indonesian sentences are made of and program output never has: a Latin line
/// of a paste with none of them is output (`command terminated with exit code 7`).
const INDONESIAN_GLUE: &[&str] = &[
    "yang", "di", "ke", "dari", "dan", "atau", "ini", "itu", "ada", "saya", "aku", "kami", "kita", "sudah", "udah", "udh",
    "belum", "tidak", "nggak", "gak", "ga", "gk", "tdk", "bisa", "bs", "tapi", "tp", "kalau", "kalo", "klo", "jadi", "jd",
    "masih", "sama", "lagi", "juga", "aja", "kok", "kenapa", "knp", "gimana", "bagaimana", "apa", "setelah", "abis", "habis",
    "pas", "waktu", "terus", "trs", "yg", "dgn", "dengan", "untuk", "buat", "utk", "mau", "harus", "padahal", "pdhl", "sih",
    "sejak", "kemarin", "karena", "semua", "baru", "banget", "bgt", "cuma", "tolong", "tiba", "sekarang", "skrg",
];

/// Whether a Latin line of a paste is someone's sentence rather than output.
fn reads_as_words(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| INDONESIAN_GLUE.contains(&w.to_lowercase().as_str()))
}

/// The table row's text without its status words, for telling an error row apart.
fn strip_status_words(row: &str) -> String {
    row.split_whitespace().filter(|w| !STATUS.is_match(w)).collect::<Vec<_>>().join(" ")
}

/// Output without what differs from one machine and one moment to the next: addresses,
/// ids, times, generated names and host names.
fn strip_noise(text: &str) -> String {
    let masked = crate::masking::mask(&HOSTS.replace_all(text, " "));
    let mut out = String::with_capacity(masked.len());
    let mut in_placeholder = false;
    for c in masked.chars() {
        match c {
            '<' if !in_placeholder => in_placeholder = true,
            '>' if in_placeholder => {
                in_placeholder = false;
                out.push(' ');
            }
            c if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds an error once: the same message with other names, times or counts is one error.
fn push_error(errors: &mut Vec<String>, seen: &mut std::collections::HashSet<String>, text: &str) {
    let clean = strip_noise(text);
    let key: String = crate::masking::words(&crate::masking::mask(text))
        .into_iter()
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ");
    if !clean.is_empty() && seen.insert(key) {
        errors.push(clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(r: &Reading, kind: PartKind) -> Vec<String> {
        r.of(kind).map(str::to_owned).collect()
    }

    #[test]
    fn a_typed_query_is_one_part_of_words() {
        for q in ["kubectl 连不上集群", "pod pending", "kenapa node NotReady terus", "x509: certificate has expired or is not yet valid"] {
            let r = read(q);
            assert!(!r.is_paste(), "{q}: {r:?}");
            assert_eq!(parts(&r, PartKind::Words), [q]);
        }
    }

    #[test]
    fn log_prefixes_prompts_and_noise_are_dropped_and_errors_kept() {
        let table: &[(&str, &[&str], &[&str], &[&str])] = &[
            (
                "E0612 09:12:33.481234    1832 reflector.go:138] failed to list *v1.Pod: Unauthorized",
                &[],
                &["failed to list *v1.Pod: Unauthorized"],
                &[],
            ),
            (
                "Nov 22 09:41:07 iZbp1f0c7t2k8wq4x9m1aeZ kubelet[2345]: E1122 09:41:07.1 2345 kubelet.go:2855] \"Container runtime network not ready\"",
                &[],
                &["\"Container runtime network not ready\""],
                &[],
            ),
            (
                "[Thu Sep 25 14:04:37 2025] INFO: task java:28817 blocked for more than 120 seconds.",
                &[],
                &["task java:28817 blocked for more than 120 seconds."],
                &[],
            ),
            (
                "{\"level\":\"fatal\",\"ts\":\"2025-06-12T03:21:58.402+0800\",\"caller\":\"etcdmain/etcd.go:204\",\"msg\":\"discovery failed\",\"error\":\"member 5f2c7e1a9b3d4c60 has already been bootstrapped\"}",
                &[],
                &["fatal discovery failed member has already been bootstrapped"],
                &[],
            ),
            (
                "[root@iZwz9d1h5k2m8c3x7f0q6aZ ~]# grep . /proc/sys/net/ipv4/conf/*/rp_filter\n/proc/sys/net/ipv4/conf/all/rp_filter:1",
                &[],
                &[],
                &["grep . /proc/sys/net/ipv4/conf/*/rp_filter", "/proc/sys/net/ipv4/conf/all/rp_filter:1"],
            ),
        ];
        for (paste, words, errors, output) in table {
            // Each paste is read as the second line of a paste (one line alone is typed).
            let r = read(&format!("{paste}\n"));
            assert_eq!(parts(&r, PartKind::Words), *words, "{paste}");
            let got = parts(&r, PartKind::Error);
            assert_eq!(got.len(), errors.len(), "{paste}: {got:?}");
            for (g, e) in got.iter().zip(errors.iter()) {
                assert_eq!(g, &strip_noise(e), "{paste}");
            }
            assert_eq!(parts(&r, PartKind::Output), *output, "{paste}");
        }
    }

    #[test]
    fn describe_events_keep_warnings_without_columns_and_drop_normal_rows() {
        let paste = "新 pod 一直起不来：\nEvents:\n  Type     Reason              Age    From                     Message\n  ----     ------              ----   ----                     -------\n  Normal   Scheduled           6m12s  default-scheduler        Successfully assigned report/report-svc-7d4b8c6f9-w5zrn to cn-hangzhou.172.16.8.93\n  Warning  FailedAttachVolume  6m12s  attachdetach-controller  Multi-Attach error for volume \"d-bp1f8k2m5x7c9q3w0e4r\" Volume is already used by pod(s) report-svc-6b9f7d5c8-h2kqp\n  Warning  FailedMount         1m55s (x2 over 4m)  kubelet  Unable to attach or mount volumes: unmounted volumes=[data]: timed out waiting for the condition\n  Warning  FailedMount         1m (x3 over 5m)  kubelet  Unable to attach or mount volumes: unmounted volumes=[data]: timed out waiting for the condition\n";
        let r = read(paste);
        assert_eq!(parts(&r, PartKind::Words), ["新 pod 一直起不来："]);
        let errors = parts(&r, PartKind::Error);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("FailedAttachVolume Multi-Attach error for volume"), "{errors:?}");
        assert!(errors[1].starts_with("FailedMount Unable to attach or mount volumes"), "{errors:?}");
        assert!(!errors.iter().any(|e| e.contains("Scheduled") || e.contains("172.16")), "{errors:?}");
    }

    #[test]
    fn get_tables_keep_only_unusual_statuses() {
        let paste = "ECS 停了以后 rabbitmq-1 回不来\n$ k get nodes\nNAME                      STATUS     ROLES    AGE   VERSION\ncn-beijing.192.168.7.21   Ready      <none>   96d   v1.30.1-aliyun.1\ncn-beijing.192.168.7.22   NotReady   <none>   96d   v1.30.1-aliyun.1\n$ k -n mq get pods -o wide\nNAME         READY   STATUS        RESTARTS   AGE   IP            NODE\nrabbitmq-0   1/1     Running       0          12d   172.23.0.18   cn-beijing.192.168.7.21\nrabbitmq-1   1/1     Terminating   0          12d   172.23.1.40   cn-beijing.192.168.7.22\n";
        let r = read(paste);
        assert_eq!(parts(&r, PartKind::Words), ["ECS 停了以后 rabbitmq-1 回不来"]);
        assert_eq!(parts(&r, PartKind::Output), ["k get nodes", "NotReady", "k -n mq get pods -o wide", "Terminating"]);
        assert!(r.dropped >= 4);
    }

    #[test]
    fn a_flattened_paste_is_split_at_the_records_it_still_shows() {
        // A paste into a one-line search box: the line breaks are gone.
        let flat = "pod 连不上库 2024-05-21T08:14:09.532Z\tERROR\tdb/conn.go:41\tconnect failed: dial tcp: lookup mysql-primary.prod.svc.cluster.local on 172.21.0.10:53: read udp 10.4.1.23:51764->172.21.0.10:53: i/o timeout [root@iZwz9d1h5k2m8c3x7f0q6aZ ~]# dig redis";
        let r = read(flat);
        assert_eq!(parts(&r, PartKind::Words), ["pod 连不上库"]);
        let errors = parts(&r, PartKind::Error);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("lookup mysql-primary.prod.svc.cluster.local on :53") && !errors[0].contains("10.4.1.23"), "{errors:?}");
        assert_eq!(parts(&r, PartKind::Output), ["dig redis"]);
        // Times inside a message do not start records.
        let r = read("证书?\nE1122 09:42:00.1 2345 server.go:302] x509: certificate has expired or is not yet valid: current time 2026-11-22T09:42:00Z is after 2026-11-20T00:00:00Z");
        assert_eq!(parts(&r, PartKind::Error), ["x509: certificate has expired or is not yet valid: current time is after"]);
    }

    #[test]
    fn colour_codes_are_not_read_as_words() {
        let r = read("kubelet 报错\n\x1b[31mE1122 09:41:07.1 2345 kubelet.go:1] \x1b[1mPLEG is not healthy\x1b[0m");
        assert_eq!(parts(&r, PartKind::Error), ["PLEG is not healthy"]);
    }

    #[test]
    fn routine_information_is_noise() {
        let paste = "kubelet 一直刷日志\nI1122 09:41:07.1 2345 reconciler.go:7] Volume detached for volume \"kube-api-access-1\"\n2024-05-21T08:14:09.532Z\tINFO\tsynced\n{\"level\":\"info\",\"msg\":\"ready\"}\nlevel=debug msg=tick\nI1122 09:41:08.1 2345 x.go:7] probe failed: connection refused";
        let r = read(paste);
        assert_eq!(parts(&r, PartKind::Words), ["kubelet 一直刷日志"]);
        assert_eq!(parts(&r, PartKind::Output), Vec::<String>::new());
        // An info line that reports an error is kept.
        assert_eq!(parts(&r, PartKind::Error), ["probe failed: connection refused"]);
        assert_eq!(r.dropped, 4);
    }

    #[test]
    fn repeated_errors_count_once_and_words_stay_in_order() {
        let paste = "E0612 09:12:33.1 1 a.go:1] dial tcp 10.0.0.1:6443: i/o timeout\nE0612 09:12:34.1 1 a.go:1] dial tcp 10.0.0.2:6443: i/o timeout\nsejak kemarin kubectl lambat\nterus timeout";
        let r = read(paste);
        // In a paste, a line with an error word counts as an error, even one typed by hand.
        assert_eq!(parts(&r, PartKind::Error), ["dial tcp :6443: i/o timeout", "terus timeout"]);
        assert_eq!(parts(&r, PartKind::Words), ["sejak kemarin kubectl lambat"]);
        // A Latin line with no sentence words is output, not the reader's words.
        let r = read("pod IP nggak bisa diakses\ncommand terminated with exit code 7");
        assert_eq!(parts(&r, PartKind::Words), ["pod IP nggak bisa diakses"]);
        assert_eq!(parts(&r, PartKind::Output), ["command terminated with exit code 7"]);
    }

    #[test]
    fn hostile_pastes_are_read_in_bounded_time_and_size() {
        let long = "E0612 09:12:33.1 1 a.go:1] x ".repeat(20_000);
        let r = read(&long);
        assert!(r.parts.len() <= MAX_RECORDS);
        let lines = "Warning  X  1s  k  error\n".repeat(10_000);
        assert!(read(&lines).parts.len() <= MAX_RECORDS);
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let _ = read(&format!("{{\"msg\": {deep}}}"));
    }
}
