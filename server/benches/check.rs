//! The output check over large pastes: 10,000 lines of events (`kubectl get events -A`
//! and `kubectl describe pod`), a 10,000-line `sysctl -a`, 10,000 kubelet journal lines, a
//! 2,000-node `kubectl get nodes -o wide`, and a mixed paste read with the kind detected.
//! Each is timed as the whole check (every analyzer when the kind is detected, then the
//! words in one locale), next to the floor: splitting the same text into lowercased lines,
//! which any reader of the paste pays.
//!
//!   CARGO_TARGET_DIR=~/.cache/ack-console/target LEPTOS_OUTPUT_NAME=ack-console \
//!     cargo bench -p server --bench check

use app::check::OutputKind;
use app::locale::Locale;
use server::content::ContentStore;
use std::time::{Duration, Instant};

const REASONS: &[(&str, &str)] = &[
    ("FailedMount", "MountVolume.SetUp failed for volume \"nas-pv-{i}\" : mount failed: mount.nfs: access denied by server while mounting 0a1b2c3d4e-abc{i}.cn-hangzhou.nas.aliyuncs.com:/share"),
    ("FailedScheduling", "0/{i} nodes are available: {i} node(s) had volume node affinity conflict. preemption: 0/{i} nodes are available"),
    ("BackOff", "Back-off pulling image \"registry.cn-hangzhou.aliyuncs.com/acme/app-{i}:v2\""),
    ("Unhealthy", "Readiness probe failed: Get \"http://10.0.{i}.7:8080/healthz\": dial tcp 10.0.{i}.7:8080: connect: connection refused"),
    ("FailedAttachVolume", "Multi-Attach error for volume \"d-bp1abc{i}\" Volume is already exclusively attached to one node and can't be attached to another"),
    ("Pulled", "Container image \"nginx:1.25\" already present on machine"),
    ("FailedCreate", "Error creating: x509: certificate has expired or is not yet valid: current time 2026-11-25T09:00:{s}Z is after 2026-11-20T00:00:00Z"),
];

fn events(n: usize) -> String {
    let mut out = String::from("NAMESPACE   LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE\n");
    for i in 0..n {
        let (reason, msg) = REASONS[i % REASONS.len()];
        let kind = if reason == "Pulled" { "Normal " } else { "Warning" };
        let msg = msg.replace("{i}", &(i % 97).to_string()).replace("{s}", &format!("{:02}", i % 60));
        out.push_str(&format!("shop-{}      {}m          {kind}   {reason:<19} pod/web-{}                  {msg}\n", i % 13, i % 59, i % 211));
    }
    out
}

fn describe(n: usize) -> String {
    let mut out = String::from("Name:         web-0\nNamespace:    shop\nEvents:\n  Type     Reason   Age   From   Message\n  ----     ------   ----  ----   -------\n");
    for i in 0..n {
        let (reason, msg) = REASONS[i % REASONS.len()];
        let kind = if reason == "Pulled" { "Normal " } else { "Warning" };
        let msg = msg.replace("{i}", &(i % 97).to_string()).replace("{s}", &format!("{:02}", i % 60));
        out.push_str(&format!("  {kind}  {reason:<18}  {}m (x{} over 1h)  kubelet  {msg}\n", i % 59, 1 + i % 9));
    }
    out
}

fn sysctl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        match i % 500 {
            0 => out.push_str("net.ipv4.ip_forward = 0\n"),
            1 => out.push_str(&format!("net.ipv4.conf.eth{}.rp_filter = 1\n", i % 8)),
            2 => out.push_str("net.ipv4.ip_local_port_range = 1024\t65000\n"),
            _ => out.push_str(&format!("{}.param_{i} = {}\n", ["kernel", "vm", "net.core", "fs"][i % 4], i * 7)),
        }
    }
    out
}

fn journal(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (level, msg) = match i % 4 {
            0 => ("E", format!("\"Skipping pod synchronization\" err=\"PLEG is not healthy: pleg was last seen active {}m0.{}s ago\"", i % 5, i % 10)),
            1 => ("I", "\"SyncLoop (PLEG): event for pod\"".to_owned()),
            2 => ("E", format!("\"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"app-{}\\\" with CrashLoopBackOff\"", i % 37)),
            _ => ("W", "\"Unable to read config path\" path=\"/etc/kubernetes/manifests\"".to_owned()),
        };
        out.push_str(&format!(
            "Nov 24 09:{:02}:{:02} cn-hangzhou.10.0.1.{} kubelet[2345]: {level}1124 09:{:02}:{:02}.{:06}    2345 kubelet.go:{}] {msg}\n",
            i / 60 % 60, i % 60, i % 250, i / 60 % 60, i % 60, i * 13 % 1_000_000, 2000 + i % 90
        ));
    }
    out
}

fn nodes(n: usize) -> String {
    let mut out = String::from("NAME                      STATUS     ROLES    AGE    VERSION             INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                                            KERNEL-VERSION              CONTAINER-RUNTIME\n");
    for i in 0..n {
        let status = if i % 50 == 7 { "NotReady" } else { "Ready   " };
        let runtime = if i % 3 == 0 { "docker://19.3.15" } else { "containerd://1.6.28" };
        out.push_str(&format!(
            "cn-hangzhou.10.{}.{}.{}   {status}   <none>   210d   v1.22.15-aliyun.1   10.{}.{}.{}    <none>        Alibaba Cloud Linux 3.2104 U11 (OpenAnolis Edition)   5.10.134-17.3.al8.x86_64   {runtime}\n",
            i / 65536, i / 256 % 256, i % 256, i / 65536, i / 256 % 256, i % 256
        ));
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(rounds: usize, mut f: impl FnMut()) -> Duration {
    f();
    median((0..rounds).map(|_| {
        let t = Instant::now();
        f();
        t.elapsed()
    }).collect())
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let store = ContentStore::read(&root).expect("content loads");
    let checker = store.checker();
    let cases: Vec<(&str, String, Option<OutputKind>)> = vec![
        ("get events -A, 10,000 lines, kind detected", events(10_000), None),
        ("get events -A, 10,000 lines, kind chosen", events(10_000), Some(OutputKind::Events)),
        ("describe pod, 10,000 event lines", describe(10_000), None),
        ("sysctl -a, 10,000 lines", sysctl(10_000), None),
        ("journalctl -u kubelet, 10,000 lines", journal(10_000), None),
        ("get nodes -o wide, 2,000 nodes", nodes(2_000), None),
        ("mixed: events + sysctl + nodes + journal", format!("{}{}{}{}", describe(2_000), sysctl(2_000), nodes(500), journal(2_000)), None),
    ];
    println!("{:<46} {:>8} {:>10} {:>10} {:>9} {:>8}", "paste", "KB", "floor ms", "check ms", "ratio", "findings");
    for (name, text, kind) in cases {
        let floor = time(9, || {
            let lines: Vec<String> = text.lines().map(str::to_lowercase).collect();
            std::hint::black_box(lines);
        });
        let mut findings = 0;
        let full = time(9, || {
            let raw = checker.check(&text, kind);
            let report = app::check::localize(&raw, Locale::Ja, &store);
            findings = report.findings.len();
            std::hint::black_box(report);
        });
        println!(
            "{:<46} {:>8.0} {:>10.2} {:>10.2} {:>8.1}x {:>8}",
            name,
            text.len() as f64 / 1024.0,
            floor.as_secs_f64() * 1e3,
            full.as_secs_f64() * 1e3,
            full.as_secs_f64() / floor.as_secs_f64().max(1e-9),
            findings
        );
    }
}
