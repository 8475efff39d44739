//! The diagnostics wizard's reports: the verdict, the exact commands for the node, where
//! the archive is, what to upload and what to check next, and the linked entries.

use super::output::{example_text, found_text, is_example, not_found_text, several_text, wrong_kind_text, Archive, Os};
use super::words::entry_text;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Block, FieldMessage, Level, Report, Section, Verdict};

/// The Linux script's only download address (cn-hangzhou, whatever the cluster's region).
const LINUX_CURL: &str = "curl -o /usr/local/bin/diagnose_k8s.sh https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/diagnose/diagnose_k8s.sh";
const LINUX_CHMOD: &str = "chmod u+x /usr/local/bin/diagnose_k8s.sh";
const LINUX_CD: &str = "cd /usr/local/bin";
const LINUX_RUN: &str = "diagnose_k8s.sh";

/// The Windows script's address in a region (the id has been validated: `[a-z0-9-]` only).
fn windows_command(region: &str) -> String {
    format!(
        "Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-{region}.oss-{region}.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1 | Invoke-Expression"
    )
}

pub(super) struct Plan {
    pub(super) dedicated: bool,
    pub(super) master: bool,
    pub(super) os: Os,
    pub(super) region: String,
}

fn text(s: impl Into<String>) -> Block {
    Block::Text { text: s.into() }
}

fn command(lang: &str, code: impl Into<String>) -> Block {
    Block::Command { lang: lang.to_owned(), code: code.into() }
}

fn check(text: impl Into<String>, lang: &str, code: impl Into<String>) -> Block {
    Block::Check { text: text.into(), lang: lang.to_owned(), code: code.into() }
}

fn entries_section(ids: &[&str], l: Locale) -> Section {
    Section {
        title: tr!(l, "diagnostics.plan-entries-title").to_owned(),
        blocks: ids.iter().map(|id| Block::Entry { id: (*id).to_owned(), text: entry_text(id, l).to_owned() }).collect(),
    }
}

fn console_first(l: Locale) -> &'static str {
    tr!(l, "diagnostics.plan-console-first")
}

/// The kubectl checks, which run from any machine with the cluster's kubeconfig.
fn kubectl_checks(l: Locale) -> Vec<Block> {
    vec![
        check(
            tr!(l, "diagnostics.check-nodes-ready"),
            "bash",
            "kubectl get nodes",
        ),
        check(
            tr!(l, "diagnostics.check-node-describe"),
            "bash",
            "kubectl describe node <NODE_NAME>",
        ),
        check(
            tr!(l, "diagnostics.check-system-pods"),
            "bash",
            "kubectl get pods -n kube-system",
        ),
        check(
            tr!(l, "diagnostics.check-component-logs"),
            "bash",
            "kubectl logs -f <POD_NAME> -n kube-system",
        ),
    ]
}

pub(super) fn managed_master_report(messages: Vec<FieldMessage>, l: Locale) -> Report {
    let verdict = Verdict {
        level: Level::Blocked,
        headline: tr!(l, "diagnostics.managed-master-headline")
        .to_owned(),
        details: vec![
            tr!(l, "diagnostics.managed-master-detail-managed")
            .to_owned(),
            tr!(l, "diagnostics.managed-master-detail-console")
            .to_owned(),
        ],
    };
    let sections = vec![
        Section {
            title: tr!(l, "diagnostics.managed-master-console-title").to_owned(),
            blocks: vec![
                text(tr!(l, "diagnostics.managed-master-console-step")),
                text(tr!(l, "diagnostics.managed-master-ha-note")),
                Block::Entry { id: "access-master-nodes".to_owned(), text: entry_text("access-master-nodes", l).to_owned() },
            ],
        },
        Section {
            title: tr!(l, "diagnostics.managed-master-kubectl-title").to_owned(),
            blocks: {
                let mut blocks = vec![text(tr!(l, "diagnostics.managed-master-kubectl-intro"))];
                blocks.extend(kubectl_checks(l));
                blocks
            },
        },
        Section {
            title: tr!(l, "diagnostics.managed-master-worker-title")
            .to_owned(),
            blocks: vec![
                text(tr!(l, "diagnostics.managed-master-worker-step")),
                Block::Entry { id: "collect-node-diagnostics".to_owned(), text: entry_text("collect-node-diagnostics", l).to_owned() },
            ],
        },
        entries_section(
            &["troubleshoot-cluster", "managed-control-plane-ha", "failure-apiserver-stopped", "failure-backend-data-lost", "failure-misconfiguration"],
            l,
        ),
    ];
    Report { messages, complete: true, verdict: Some(verdict), sections }
}

pub(super) fn node_report(p: &Plan, archive: Option<&Archive>, messages: Vec<FieldMessage>, l: Locale) -> Report {
    let headline = match (p.os, p.master) {
        (Os::Linux, true) => tr!(l, "diagnostics.node-headline-linux-master"),
        (Os::Linux, false) => tr!(l, "diagnostics.node-headline-linux-worker"),
        (Os::Windows, _) => tr!(l, "diagnostics.node-headline-windows"),
    };
    let mut details = vec![console_first(l).to_owned()];
    details.push(
        if p.dedicated {
            tr!(l, "diagnostics.node-detail-dedicated")
        } else {
            tr!(l, "diagnostics.node-detail-managed")
        }
        .to_owned(),
    );
    if p.master {
        details.push(
            tr!(l, "diagnostics.node-detail-master-ssh")
            .to_owned(),
        );
    }
    details.push(match p.os {
        Os::Linux => tr!(l, "diagnostics.node-detail-region-linux", id = p.region),
        Os::Windows => tr!(l, "diagnostics.node-detail-region-windows", id = p.region),
    });
    let verdict = Verdict { level: Level::Ok, headline: headline.to_owned(), details };

    let mut sections = vec![run_section(p, l), output_section(p.os, l), find_section(p.os, l)];
    if let Some(archive) = archive {
        sections.push(upload_section(p.os, archive, l));
    }
    sections.push(checks_section(p.os, l));
    let mut entries = vec!["collect-node-diagnostics", "troubleshoot-cluster"];
    if p.master {
        entries.extend(["access-master-nodes", "add-remove-master-nodes", "failure-apiserver-stopped"]);
    }
    entries.extend(["failure-kubelet-failure", "failure-node-down"]);
    if !p.master {
        entries.push("failure-apiserver-stopped");
    }
    entries.extend(["failure-backend-data-lost", "failure-misconfiguration"]);
    sections.push(entries_section(&entries, l));
    Report { messages, complete: true, verdict: Some(verdict), sections }
}

fn run_section(p: &Plan, l: Locale) -> Section {
    let title = tr!(l, "diagnostics.run-title").to_owned();
    let blocks = match p.os {
        Os::Linux => {
            let login = if p.master {
                tr!(l, "diagnostics.run-step-login-master")
            } else {
                tr!(l, "diagnostics.run-step-login-worker")
            };
            vec![
                text(login),
                command("bash", LINUX_CURL),
                text(tr!(l, "diagnostics.run-step-chmod")),
                command("bash", LINUX_CHMOD),
                text(tr!(l, "diagnostics.run-step-cd")),
                command("bash", LINUX_CD),
                text(tr!(l, "diagnostics.run-step-run")),
                command("bash", LINUX_RUN),
            ]
        }
        Os::Windows => vec![
            text(tr!(l, "diagnostics.run-step-windows-login")),
            text(tr!(l, "diagnostics.run-step-windows-powershell")),
            command("cmd", "powershell"),
            text(tr!(l, "diagnostics.run-step-windows-download", id = p.region)),
            command("powershell", windows_command(&p.region)),
        ],
    };
    Section { title, blocks }
}

fn output_section(os: Os, l: Locale) -> Section {
    let title = tr!(l, "diagnostics.output-example-title").to_owned();
    let intro = text(tr!(l, "diagnostics.output-example-intro"));
    let blocks = match os {
        Os::Linux => vec![
            intro,
            Block::Output {
                code: "......\n+ echo 'please get diagnose_1514939155.tar.gz for diagnostics'\nplease get diagnose_1514939155.tar.gz for diagnostics".to_owned(),
            },
            text(tr!(l, "diagnostics.output-example-upload-line")),
        ],
        Os::Windows => vec![
            intro,
            Block::Output {
                code: "INFO: Compressing diagnosis clues ...\nINFO: ...done\nINFO: Please get diagnoses_1514939155.zip for diagnostics".to_owned(),
            },
        ],
    };
    Section { title, blocks }
}

fn find_section(os: Os, l: Locale) -> Section {
    let title = tr!(l, "diagnostics.find-title").to_owned();
    let mut blocks = match os {
        Os::Linux => vec![
            text(tr!(l, "diagnostics.find-linux")),
            command("bash", "ls -ltr | grep diagnose_<TIMESTAMP>.tar.gz"),
        ],
        Os::Windows => vec![
            text(tr!(l, "diagnostics.find-windows")),
            command("powershell", "Get-ChildItem diagnoses_*.zip"),
        ],
    };
    blocks.push(text(tr!(l, "diagnostics.find-upload")));
    Section { title, blocks }
}

fn upload_section(os: Os, archive: &Archive, l: Locale) -> Section {
    let title = tr!(l, "diagnostics.upload-title").to_owned();
    let mut blocks = Vec::new();
    match archive {
        Archive::Found { name, count, other } => {
            blocks.push(text(found_text(os, name, l)));
            if *count > 1 {
                blocks.push(text(several_text(*count, name, l)));
            }
            if is_example(name) {
                blocks.push(text(example_text(name, l)));
            }
            if let Some(other) = other {
                blocks.push(text(wrong_kind_text(os, other, l)));
            }
            let check_text = tr!(l, "diagnostics.upload-check-archive");
            match os {
                Os::Linux => blocks.push(check(check_text, "bash", format!("ls -ltr /usr/local/bin | grep {name}"))),
                Os::Windows => blocks.push(check(check_text, "powershell", format!("Get-ChildItem {name}"))),
            }
        }
        Archive::WrongKind { name } => blocks.push(text(wrong_kind_text(os, name, l))),
        Archive::NotFound { failure } => blocks.push(text(not_found_text(os, failure.as_deref(), l))),
    }
    Section { title, blocks }
}

fn checks_section(os: Os, l: Locale) -> Section {
    let title = tr!(l, "diagnostics.checks-title").to_owned();
    let mut blocks = vec![text(match os {
        Os::Linux => tr!(l, "diagnostics.checks-intro-linux"),
        Os::Windows => tr!(l, "diagnostics.checks-intro-windows"),
    })];
    blocks.extend(kubectl_checks(l));
    match os {
        Os::Linux => {
            blocks.push(check(
                tr!(l, "diagnostics.check-kubelet-active"),
                "bash",
                "systemctl status kubelet",
            ));
            blocks.push(check(
                tr!(l, "diagnostics.check-kubelet-logs"),
                "bash",
                "journalctl -u kubelet",
            ));
        }
        Os::Windows => blocks.push(text(tr!(l, "diagnostics.checks-windows-note"))),
    }
    Section { title, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::evaluate;
    use crate::wizard::diagnostics::testutil::inputs;

    #[test]
    fn managed_master_still_offers_the_worker_path_and_entries() {
        for l in Locale::ALL {
            let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "master")]), l);
            let entries: Vec<&str> = r
                .sections
                .iter()
                .flat_map(|s| s.blocks.iter())
                .filter_map(|b| match b {
                    Block::Entry { id, .. } => Some(id.as_str()),
                    _ => None,
                })
                .collect();
            assert!(entries.contains(&"collect-node-diagnostics"));
            assert!(entries.contains(&"access-master-nodes"));
            assert!(entries.contains(&"troubleshoot-cluster"));
        }
    }

    #[test]
    fn windows_steps_use_cmd_then_powershell() {
        let r = evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou")]), Locale::Zh);
        let cmds: Vec<(&str, &str)> = r.sections[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Command { lang, code } => Some((lang.as_str(), code.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(cmds.len(), 2);
        assert_eq!(cmds[0], ("cmd", "powershell"));
        assert_eq!(cmds[1].0, "powershell");
        assert!(cmds[1].1.starts_with("Invoke-WebRequest -UseBasicParsing -Uri https://aliacs-k8s-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/public/pkg/windows/diagnose/diagnose.ps1"));
    }

    #[test]
    fn linux_steps_are_the_four_commands_in_order() {
        let r = evaluate(&inputs(&[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-beijing")]), Locale::Ja);
        let cmds: Vec<&str> = r.sections[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Command { lang, code } => {
                    assert_eq!(lang, "bash");
                    Some(code.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(cmds, [LINUX_CURL, LINUX_CHMOD, LINUX_CD, LINUX_RUN]);
    }

    #[test]
    fn follow_up_section_appears_only_with_output() {
        let base = [("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou")];
        let without = evaluate(&inputs(&base), Locale::Zh);
        let mut with_output = base.to_vec();
        with_output.push(("output", "please get diagnose_1700000000.tar.gz for diagnostics"));
        let with = evaluate(&inputs(&with_output), Locale::Zh);
        assert_eq!(with.sections.len(), without.sections.len() + 1);
        assert!(with.sections.iter().any(|s| s.title == "要上传的文件"));
        assert!(!without.sections.iter().any(|s| s.title == "要上传的文件"));
    }

    #[test]
    fn tables_and_checks_are_well_shaped() {
        for pairs in [
            &[("cluster_type", "managed"), ("role", "master")][..],
            &[("cluster_type", "dedicated"), ("role", "worker"), ("os", "linux"), ("region", "cn-hangzhou"), ("output", "x")][..],
        ] {
            let r = evaluate(&inputs(pairs), Locale::Id);
            for b in r.sections.iter().flat_map(|s| s.blocks.iter()) {
                match b {
                    Block::Table { headers, rows } => assert!(rows.iter().all(|row| row.len() == headers.len())),
                    Block::Command { lang, code } | Block::Check { lang, code, .. } => {
                        assert!(["bash", "powershell", "cmd"].contains(&lang.as_str()));
                        assert!(!code.is_empty());
                    }
                    Block::Text { text } => assert!(!text.is_empty()),
                    _ => {}
                }
            }
        }
    }
}
