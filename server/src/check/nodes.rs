//! `kubectl get nodes` (with or without `-o wide`): nodes that are not Ready, and nodes
//! that still run Docker, with the runtime migration wizard offered on the same paste.
//! Rows are read by their first columns (NAME STATUS ROLES AGE VERSION never hold blanks)
//! and the runtime by its `scheme://version` token, so broken padding does not matter.

use super::{Ctx, Part};
use app::check::{Offer, OutputKind, RawFinding, Source, What};
use app::wizard::{Severity, WizardId};
use std::sync::LazyLock;

use regex::Regex;

static ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\S+)\s+((?:Not)?Ready(?:,SchedulingDisabled)?|Unknown(?:,SchedulingDisabled)?)\s+(\S+)\s+(\S+)\s+(v\d+\.\d+\S*)(?:\s+(.*))?$")
        .expect("node row")
});
static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION").expect("header"));
/// `cn-hangzhou.192.168.0.12`: ACK names nodes by region and address.
static REGION_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z]{2}(?:-[a-z]+)+(?:-\d+)?)\.\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$").expect("region"));

struct Node {
    line: usize,
    name: String,
    status: String,
    master: bool,
    version: String,
    runtime: Option<String>,
    windows: bool,
}

pub(super) fn analyze(ctx: &Ctx<'_>) -> Part {
    let mut nodes = Vec::new();
    let mut table: Vec<&str> = Vec::new();
    for (i, line) in ctx.lines.iter().enumerate() {
        if HEADER.is_match(line) {
            table.push(line);
            continue;
        }
        let Some(c) = ROW.captures(line) else { continue };
        table.push(line);
        let rest = c.get(6).map_or("", |m| m.as_str());
        nodes.push(Node {
            line: i + 1,
            name: c[1].to_owned(),
            status: c[2].to_owned(),
            master: c[3].split(',').any(|r| r == "master" || r == "control-plane"),
            version: c[5].to_owned(),
            runtime: rest.split_whitespace().rev().find(|t| t.contains("://")).map(str::to_owned),
            windows: rest.contains("Windows"),
        });
    }
    let mut part = Part { recognised: table.len(), ..Default::default() };
    for n in nodes.iter().filter(|n| !n.status.starts_with("Ready")) {
        part.findings.push(RawFinding {
            kind: OutputKind::Nodes,
            severity: Severity::Error,
            what: What::NodeNotReady { node: n.name.clone(), status: n.status.clone() },
            lines: vec![n.line],
            source: Some(Source::Entry("troubleshoot-cluster".into())),
            note: None,
            fix: vec![
                format!("kubectl describe node {}", n.name),
                format!("kubectl get pods -A -o wide --field-selector spec.nodeName={}", n.name),
            ],
            masked: None,
        });
        if !part.offers.iter().any(|o| o.wizard == WizardId::Diagnostics) {
            part.offers.push(Offer { wizard: WizardId::Diagnostics, inputs: diagnostics_inputs(n) });
        }
    }
    let docker: Vec<&Node> = nodes.iter().filter(|n| n.runtime.as_deref().is_some_and(|r| r.starts_with("docker://"))).collect();
    if !docker.is_empty() {
        let mut versions: Vec<&str> = docker.iter().map(|n| n.version.as_str()).collect();
        versions.sort_unstable();
        versions.dedup();
        part.findings.push(RawFinding {
            kind: OutputKind::Nodes,
            severity: Severity::Warning,
            what: What::DockerNodes {
                nodes: docker.iter().map(|n| n.name.clone()).collect(),
                version: (versions.len() == 1).then(|| versions[0].to_owned()),
            },
            lines: docker.iter().map(|n| n.line).collect(),
            source: Some(Source::Entry("runtime-comparison".into())),
            note: None,
            fix: vec![],
            masked: None,
        });
        let mut inputs = app::wizard::Inputs::new();
        inputs.insert("nodes".into(), table.join("\n"));
        if let Some(v) = docker.iter().map(|n| n.version.as_str()).min() {
            inputs.insert("current_version".into(), v.to_owned());
        }
        part.offers.insert(0, Offer { wizard: WizardId::RuntimeMigration, inputs });
    }
    part
}

/// What the diagnostics wizard can know from a node's row: its role, its system and, from
/// an ACK node name, its region.
fn diagnostics_inputs(n: &Node) -> app::wizard::Inputs {
    let mut inputs = app::wizard::Inputs::new();
    inputs.insert("role".into(), if n.master { "master" } else { "worker" }.into());
    inputs.insert("os".into(), if n.windows { "windows" } else { "linux" }.into());
    if let Some(c) = REGION_NAME.captures(&n.name) {
        inputs.insert("region".into(), c[1].to_owned());
    }
    inputs
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;
    use super::*;

    const WIDE: &str = "NAME                       STATUS                        ROLES    AGE    VERSION            INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                                            KERNEL-VERSION                    CONTAINER-RUNTIME
cn-hangzhou.10.0.1.12      Ready                         <none>   210d   v1.22.15-aliyun.1   10.0.1.12     <none>        Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Hunting Beagle)   4.19.91-26.al7.x86_64             docker://19.3.15
cn-hangzhou.10.0.1.13      NotReady                      <none>   210d   v1.22.15-aliyun.1   10.0.1.13     <none>        Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Hunting Beagle)   4.19.91-26.al7.x86_64             docker://19.3.15
cn-hangzhou.10.0.2.20      Ready,SchedulingDisabled      <none>   30d    v1.22.15-aliyun.1   10.0.2.20     <none>        Alibaba Cloud Linux 3.2104 U11 (OpenAnolis Edition)              5.10.134-17.3.al8.x86_64          containerd://1.6.28
cn-hangzhou.10.0.3.7       Unknown                       <none>   2d     v1.22.15-aliyun.1   10.0.3.7      <none>        Windows Server 2019 Datacenter                                   10.0.17763.5329                   containerd://1.6.28
";

    #[test]
    fn not_ready_and_unknown_nodes_are_errors_and_docker_nodes_a_warning_with_the_wizard_offered() {
        let r = check(WIDE, None);
        assert_eq!(r.kind, Some(OutputKind::Nodes));
        let said: Vec<(Severity, What, Vec<usize>)> = r.findings.iter().map(|f| (f.severity, f.what.clone(), f.lines.clone())).collect();
        assert_eq!(
            said,
            [
                (Severity::Error, What::NodeNotReady { node: "cn-hangzhou.10.0.1.13".into(), status: "NotReady".into() }, vec![3]),
                (Severity::Error, What::NodeNotReady { node: "cn-hangzhou.10.0.3.7".into(), status: "Unknown".into() }, vec![5]),
                (
                    Severity::Warning,
                    What::DockerNodes { nodes: vec!["cn-hangzhou.10.0.1.12".into(), "cn-hangzhou.10.0.1.13".into()], version: Some("v1.22.15-aliyun.1".into()) },
                    vec![2, 3]
                ),
            ]
        );
        let runtime = &r.offers[0];
        assert_eq!(runtime.wizard, WizardId::RuntimeMigration);
        assert_eq!(runtime.inputs["current_version"], "v1.22.15-aliyun.1");
        assert_eq!(runtime.inputs["nodes"].lines().count(), 5, "the header and every row");
        let diag = &r.offers[1];
        assert_eq!(diag.inputs.get("region").map(String::as_str), Some("cn-hangzhou"));
        assert_eq!(diag.inputs.get("role").map(String::as_str), Some("worker"));
        // The wizard reads the offered paste as the nodes it is.
        let report = WizardId::RuntimeMigration.evaluate(&runtime.inputs, app::locale::Locale::Zh);
        assert!(!report.has_errors(), "{:?}", report.messages);
    }

    #[test]
    fn rows_without_the_header_or_with_squeezed_padding_still_read() {
        let squeezed = "cn-beijing.192.168.0.3 NotReady master 3d v1.20.11-aliyun.1 192.168.0.3 <none> CentOS Linux 7 (Core) 3.10.0-1160.el7.x86_64 docker://19.3.15\r\n";
        let r = check(squeezed, Some(OutputKind::Nodes));
        assert_eq!(r.findings.len(), 2);
        assert_eq!(r.offers.iter().find(|o| o.wizard == WizardId::Diagnostics).unwrap().inputs["role"], "master");
        let fine = "NAME STATUS ROLES AGE VERSION\nnode-a Ready <none> 1d v1.30.1-aliyun.1\n";
        let r = check(fine, None);
        assert_eq!((r.kind, r.findings.len()), (Some(OutputKind::Nodes), 0));
    }
}
