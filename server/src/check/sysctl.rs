//! Kernel parameters: `sysctl -a`, `sysctl <key>`, `sysctl -w`, `/etc/sysctl.conf` and
//! `/etc/sysctl.d/*.conf`. The last value of each parameter counts, as it does for the
//! kernel; every line that sets it is quoted.

use super::{Ctx, Part};
use app::check::{OutputKind, RawFinding, Source, What};
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// `key = value`, `key=value`, `key: value` (some tools print that), possibly several on one
/// line (a paste that lost its line breaks). Values: quoted, numbers separated by blanks
/// (`32768	60999`), or one word.
static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[\s;])(?:-w\s+)?([a-z][a-z0-9_\-]*(?:\.[A-Za-z0-9_\-@:/]+)+)\s*[=:]\s*("[^"]*"|'[^']*'|\d+(?:[ \t]+\d+)*|[^\s#;"']+)"#)
        .expect("sysctl pair")
});

/// `sysctl: cannot stat /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory`.
static CANNOT_STAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"sysctl: cannot stat /proc/sys/([A-Za-z0-9_\-/.]+)").expect("sysctl cannot stat"));

/// A `sysctl -a` of this many parameters is a whole listing: what it lacks, the kernel lacks.
const WHOLE_LISTING: usize = 300;

pub(super) fn analyze(ctx: &Ctx<'_>) -> Part {
    // Parameter → the lines that set it, and its last value.
    let mut lines_of: HashMap<String, Vec<usize>> = HashMap::new();
    let mut last: HashMap<String, String> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut recognised = 0;
    let mut families = [false; 3];
    let mut part = Part::default();
    for (i, line) in ctx.lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if let Some(c) = CANNOT_STAT.captures(t) {
            recognised += 1;
            let key = c[1].replace('/', ".");
            if let Some(rule) = ctx.rules.sysctl.iter().find(|r| r.absent.is_some() && r.names(&key)) {
                part.findings.push(absent(rule, &key, vec![i + 1]));
            }
            continue;
        }
        let mut any = false;
        for c in PAIR.captures_iter(t) {
            let key = c[1].to_owned();
            // Dotted words that are not parameters (`image: registry.cn-hangzhou…`) start
            // with one of the kernel's top-level names.
            if !is_parameter(&key) {
                continue;
            }
            any = true;
            for (n, prefix) in ["kernel.", "vm.", "net."].iter().enumerate() {
                families[n] |= key.starts_with(prefix);
            }
            let value = app_value(&c[2]);
            if !lines_of.contains_key(&key) {
                order.push(key.clone());
            }
            lines_of.entry(key.clone()).or_default().push(i + 1);
            last.insert(key, value);
        }
        recognised += usize::from(any);
    }
    for key in &order {
        let value = &last[key];
        let Some(rule) = ctx.rules.sysctl.iter().find(|r| r.names(key)) else { continue };
        if !rule.is_bad(value) {
            continue;
        }
        part.findings.push(RawFinding {
            kind: OutputKind::Sysctl,
            severity: rule.severity.severity(),
            what: What::Sysctl { key: key.clone(), value: value.clone(), expected: rule.expected.clone() },
            lines: lines_of[key].clone(),
            source: Some(Source::Operation(rule.operation.clone())),
            note: None,
            fix: vec![rule.fix.replace("{key}", key), format!("grep -rn '{key}' /etc/sysctl.conf /etc/sysctl.d/")],
            masked: None,
        });
    }
    // A whole listing without a parameter that newer kernels removed.
    if order.len() >= WHOLE_LISTING && families.iter().all(|f| *f) {
        for rule in ctx.rules.sysctl.iter().filter(|r| r.absent.is_some()) {
            let named = rule.keys.iter().filter(|k| !k.contains('*'));
            for key in named {
                let said = part.findings.iter().any(|f| matches!(&f.what, What::SysctlAbsent { key: k } if k == key));
                if !last.contains_key(key) && !said {
                    part.findings.push(absent(rule, key, vec![]));
                }
            }
        }
    }
    part.recognised = recognised;
    part
}

fn absent(rule: &super::rules::SysctlRule, key: &str, lines: Vec<usize>) -> RawFinding {
    RawFinding {
        kind: OutputKind::Sysctl,
        severity: rule.absent.map_or(app::wizard::Severity::Info, |s| s.severity()),
        what: What::SysctlAbsent { key: key.to_owned() },
        lines,
        source: Some(Source::Operation(rule.operation.clone())),
        note: None,
        fix: vec![],
        masked: None,
    }
}

/// The kernel's top-level parameter families.
fn is_parameter(key: &str) -> bool {
    const TOP: &[&str] = &["abi", "crypto", "debug", "dev", "fs", "kernel", "net", "sunrpc", "user", "vm"];
    key.split('.').next().is_some_and(|top| TOP.contains(&top))
}

fn app_value(raw: &str) -> String {
    super::rules::normalize_value(raw)
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use app::check::{OutputKind, Source, What};
    use app::wizard::Severity;

    /// (paste, [(key, value, severity, lines)]) for the sysctl findings.
    fn findings(paste: &str) -> Vec<(String, String, Severity, Vec<usize>)> {
        check(paste, Some(OutputKind::Sysctl))
            .findings
            .into_iter()
            .filter_map(|f| match f.what {
                What::Sysctl { key, value, .. } => Some((key, value, f.severity, f.lines)),
                What::SysctlAbsent { key } => Some((key, "<absent>".into(), f.severity, f.lines)),
                _ => None,
            })
            .collect()
    }

    fn f(key: &str, value: &str, s: Severity, lines: &[usize]) -> (String, String, Severity, Vec<usize>) {
        (key.into(), value.into(), s, lines.to_vec())
    }

    #[test]
    fn flags_the_high_risk_kernel_settings_of_the_source_documents() {
        let e = Severity::Error;
        let w = Severity::Warning;
        let cases: Vec<(&str, Vec<(String, String, Severity, Vec<usize>)>)> = vec![
            ("net.ipv4.ip_forward = 0", vec![f("net.ipv4.ip_forward", "0", e, &[1])]),
            ("net.ipv4.ip_forward = 1", vec![]),
            ("net.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.eth0.rp_filter = 2\nnet.ipv4.conf.lo.rp_filter = 1\nnet.ipv4.conf.eth1.rp_filter = 0",
             vec![f("net.ipv4.conf.all.rp_filter", "1", e, &[1]), f("net.ipv4.conf.eth0.rp_filter", "2", e, &[2])]),
            ("net.ipv4.tcp_tw_reuse = 1", vec![f("net.ipv4.tcp_tw_reuse", "1", w, &[1])]),
            ("net.ipv4.tcp_tw_reuse = 2", vec![]),
            ("net.ipv4.tcp_tw_recycle = 1", vec![f("net.ipv4.tcp_tw_recycle", "1", e, &[1])]),
            ("net.ipv4.ip_local_port_range = 1024\t65000", vec![f("net.ipv4.ip_local_port_range", "1024 65000", w, &[1])]),
            ("net.ipv4.ip_local_port_range = 32768\t60999", vec![]),
            // /etc/sysctl.conf: comments are not settings; the last line wins, all are quoted.
            ("# net.ipv4.ip_forward = 0\nnet.ipv4.ip_forward=1\n; net.ipv4.tcp_tw_reuse=1\nnet.ipv4.ip_forward=0", vec![f("net.ipv4.ip_forward", "0", e, &[2, 4])]),
            ("net.ipv4.ip_forward=0\nnet.ipv4.ip_forward=1", vec![]),
            // `sysctl -w`, a prompt, CRLF and colours.
            ("$ sudo sysctl -w net.ipv4.ip_forward=0\r\n\x1b[32mnet.ipv4.ip_forward = 0\x1b[0m\r\n", vec![f("net.ipv4.ip_forward", "0", e, &[1, 2])]),
            // A paste that lost its line breaks (from the search box).
            ("net.ipv4.ip_forward = 0 net.ipv4.tcp_tw_reuse = 1 net.ipv4.ip_local_port_range = 32768 60999",
             vec![f("net.ipv4.ip_forward", "0", e, &[1]), f("net.ipv4.tcp_tw_reuse", "1", w, &[1])]),
            ("net.ipv4.ip_local_port_range=\"1024 65535\"", vec![f("net.ipv4.ip_local_port_range", "1024 65535", w, &[1])]),
            // The key a newer kernel no longer has.
            ("sysctl: cannot stat /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory",
             vec![f("net.ipv4.tcp_tw_recycle", "<absent>", Severity::Info, &[1])]),
            ("image: registry.cn-hangzhou.aliyuncs.com/acs/pause:3.9", vec![]),
        ];
        for (paste, want) in cases {
            assert_eq!(findings(paste), want, "{paste}");
        }
    }

    #[test]
    fn a_whole_listing_without_tcp_tw_recycle_says_the_kernel_removed_it() {
        let mut listing: Vec<String> = (0..400).map(|i| format!("kernel.param{i} = {i}")).collect();
        listing.push("vm.swappiness = 0".into());
        listing.push("net.ipv4.ip_forward = 1".into());
        let got = findings(&listing.join("\n"));
        assert_eq!(got, [f("net.ipv4.tcp_tw_recycle", "<absent>", Severity::Info, &[])]);
        listing.push("net.ipv4.tcp_tw_recycle = 0".into());
        assert_eq!(findings(&listing.join("\n")), []);
        // A short excerpt says nothing about what it lacks.
        assert_eq!(findings("kernel.pid_max = 4194304\nvm.swappiness = 0\nnet.ipv4.ip_forward = 1"), []);
    }

    #[test]
    fn each_finding_names_its_row_and_the_command_that_restores_it() {
        let r = check("net.ipv4.conf.eth0.rp_filter = 1", None);
        assert_eq!(r.kind, Some(OutputKind::Sysctl));
        let f = &r.findings[0];
        assert_eq!(f.source, Some(Source::Operation("kernel-rp-filter".into())));
        assert_eq!(f.fix[0], "sysctl -w net.ipv4.conf.eth0.rp_filter=0");
    }
}
