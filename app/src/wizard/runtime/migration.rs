//! Moving Docker pools to containerd: the steps, the drain commands of each pool, and the
//! checks for workloads that depend on Docker.

use super::groups::{pool_name, runtime_cell, Group, PoolKey};
use super::plan::Plan;
use super::text::is_safe_name;
use super::POOL_LABEL;
use crate::catalog::tr;
use crate::wizard::{Block, Section};

/// Above this many nodes in one pool, the drain commands become a loop.
const EXPLICIT_NODES: usize = 20;

/// An ACK node pool id (`np` and letters or digits), as opposed to a pool's display name.
fn looks_like_pool_id(s: &str) -> bool {
    s.len() >= 10
        && s.len() <= 64
        && s.starts_with("np")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

impl Plan<'_> {
    /// The drain commands of one pool.
    fn drain_commands(&self, g: &Group, code: &mut String) {
        let l = self.l;
        let label = format!("{} ({})", pool_name(&g.key, l), runtime_cell(g, l));
        code.push_str(&format!("# {}\n", label.replace('\n', " ")));
        let names: Vec<&str> = g.nodes.iter().map(|s| s.as_str()).filter(|s| is_safe_name(s)).collect();
        if names.is_empty() {
            match &g.key {
                PoolKey::Named(p) if looks_like_pool_id(p) => {
                    code.push_str(&format!("kubectl get nodes -o wide -l {POOL_LABEL}={p}\n"));
                }
                _ => code.push_str(&format!("kubectl get nodes -o wide -L {POOL_LABEL} | grep docker://\n")),
            }
            code.push_str("kubectl cordon <NODE_NAME>\n");
            code.push_str("kubectl drain <NODE_NAME> --ignore-daemonsets --delete-emptydir-data\n");
        } else if names.len() <= EXPLICIT_NODES {
            for n in names {
                code.push_str(&format!("kubectl cordon {n}\n"));
                code.push_str(&format!("kubectl drain {n} --ignore-daemonsets --delete-emptydir-data\n"));
            }
        } else {
            code.push_str("for node in \\\n");
            for chunk in names.chunks(4) {
                code.push_str(&format!("    {} \\\n", chunk.join(" ")));
            }
            code.push_str("; do\n");
            code.push_str("  kubectl cordon \"$node\"\n");
            code.push_str("  kubectl drain \"$node\" --ignore-daemonsets --delete-emptydir-data\n");
            code.push_str("done\n");
        }
    }

    pub(super) fn migration(&self, docker: &[&Group]) -> Section {
        let l = self.l;
        let pools: Vec<&Group> = docker.iter().copied().filter(|g| g.key != PoolKey::Masters).collect();
        let mut items = vec![
            tr!(l, "runtime.migration-step-checklist-first")
            .to_owned(),
            tr!(l, "runtime.migration-step-new-pools")
            .to_owned(),
            tr!(l, "runtime.migration-step-wait-ready")
            .to_owned(),
            tr!(l, "runtime.migration-step-drain")
            .to_owned(),
            tr!(l, "runtime.migration-step-verify")
            .to_owned(),
            tr!(l, "runtime.migration-step-delete-old")
            .to_owned(),
        ];
        items.push(match self.tgt.filter(|_| self.upgrading) {
            Some(tv) => {
                let tv = tv.short();
                tr!(l, "runtime.migration-step-upgrade", tv)
            }
            None => tr!(l, "runtime.migration-step-before-1-24")
            .to_owned(),
        });

        let mut blocks = vec![Block::List { ordered: true, items }];
        if !pools.is_empty() {
            blocks.push(Block::Text {
                text: tr!(l, "runtime.migration-drain-intro")
                .to_owned(),
            });
            let mut code = String::new();
            for (i, g) in pools.iter().enumerate() {
                if i > 0 {
                    code.push('\n');
                }
                self.drain_commands(g, &mut code);
            }
            blocks.push(Block::Command { lang: "bash".to_owned(), code });
        }
        if docker.iter().any(|g| g.key == PoolKey::Masters) {
            blocks.push(Block::Text {
                text: tr!(l, "runtime.migration-masters-not-listed")
                .to_owned(),
            });
        }
        blocks.push(Block::Check {
            text: tr!(l, "runtime.migration-check-new-nodes")
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get nodes -o wide".to_owned(),
        });
        blocks.push(Block::Text {
            text: tr!(l, "runtime.migration-output-like").to_owned(),
        });
        let old = pools
            .iter()
            .flat_map(|g| g.nodes.first())
            .find(|n| is_safe_name(n))
            .map(|s| s.as_str())
            .unwrap_or("<OLD_NODE_NAME>");
        let old_runtime = pools
            .iter()
            .flat_map(|g| g.runtimes.iter())
            .find(|r| r.starts_with("docker://"))
            .map(|s| s.as_str())
            .unwrap_or("docker://19.3.15");
        let width = old.len().max("<NEW_NODE_NAME>".len()) + 3;
        blocks.push(Block::Output {
            code: format!(
                "{:w$}{:27}... CONTAINER-RUNTIME\n{:w$}{:27}... {}\n{:w$}{:27}... containerd://1.6.20\n",
                "NAME",
                "STATUS",
                old,
                "Ready,SchedulingDisabled",
                old_runtime,
                "<NEW_NODE_NAME>",
                "Ready",
                w = width
            ),
        });
        blocks.push(Block::Check {
            text: tr!(l, "runtime.migration-check-workloads")
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get pods -A -o wide --field-selector=status.phase!=Running,status.phase!=Succeeded".to_owned(),
        });
        Section {
            title: tr!(l, "runtime.migration-title")
            .to_owned(),
            blocks,
        }
    }

    pub(super) fn checklist(&self) -> Section {
        let l = self.l;
        let blocks = vec![
            Block::Text {
                text: tr!(l, "runtime.checklist-intro")
                .to_owned(),
            },
            Block::Check {
                text: tr!(l, "runtime.checklist-docker-sock")
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.volumes[*]}{.hostPath.path}{\" \"}{end}{\"\\n\"}{end}' | grep -E 'docker\\.sock|/var/run/docker|/run/docker'".to_owned(),
            },
            Block::Check {
                text: tr!(l, "runtime.checklist-docker-cli")
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.initContainers[*]}{.image} {.command} {.args} {end}{range .spec.containers[*]}{.image} {.command} {.args} {end}{\"\\n\"}{end}' | grep -iE 'docker([^.]|$)|dind'".to_owned(),
            },
            Block::Check {
                text: tr!(l, "runtime.checklist-log-collectors")
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{range .spec.volumes[*]}{.hostPath.path}{\" \"}{end}{\"\\n\"}{end}' | grep /var/lib/docker\n\
kubectl get configmaps -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{.data}{\"\\n\"}{end}' | grep /var/lib/docker | cut -f1".to_owned(),
            },
            Block::Text {
                text: tr!(l, "runtime.checklist-node-scripts")
                .to_owned(),
            },
        ];
        Section {
            title: tr!(l, "runtime.checklist-title")
            .to_owned(),
            blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::Severity;

    #[test]
    fn master_nodes_are_never_drained() {
        let mut m = node("master-1", "docker://19.3.15", &[]);
        m[2] = "master";
        let w = node("worker-1", "docker://19.3.15", &["np-w"]);
        let text = kubectl(&[WIDE_POOL, &m, &w]);
        let r = report(&[("current_version", "1.22"), ("nodes", &text)]);
        assert!(r.for_field("nodes").any(|m| m.severity == Severity::Warning && m.message.contains("Master")));
        let code = all_code(&r);
        assert!(code.contains("kubectl drain worker-1 "));
        assert!(!code.contains("master-1"));
    }

    #[test]
    fn typed_pools_get_placeholders_and_a_pool_selector() {
        let r = report(&[
            ("current_version", "1.22"),
            ("target_version", "1.24"),
            ("pools", "np1f6779297c4444a3a1cdd29c8d4d4d docker\nnp-web docker\n默认节点池 docker"),
        ]);
        let code = all_code(&r);
        assert!(
            code.contains("kubectl get nodes -o wide -l alibabacloud.com/nodepool-id=np1f6779297c4444a3a1cdd29c8d4d4d")
        );
        // A display name is not a label value: list the Docker nodes instead.
        assert!(!code.contains("nodepool-id=np-web"));
        assert!(code.contains("kubectl get nodes -o wide -L alibabacloud.com/nodepool-id | grep docker://"));
        assert!(code.contains("kubectl cordon <NODE_NAME>"));
        assert!(code.contains("kubectl drain <NODE_NAME> --ignore-daemonsets --delete-emptydir-data"));
        // A name that is not a plain id never goes into a command.
        assert!(!code.contains("nodepool-id=默认节点池"));
    }

    #[test]
    fn many_nodes_become_a_loop() {
        let names: Vec<String> = (0..30).map(|i| format!("node-{i}")).collect();
        let mut rows: Vec<Vec<&str>> = vec![WIDE_POOL.to_vec()];
        for n in &names {
            rows.push(node(n, "docker://19.3.15", &["np-big"]));
        }
        let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
        let r = report(&[("current_version", "1.22"), ("nodes", &kubectl(&refs))]);
        let code = all_code(&r);
        assert!(code.contains("for node in"));
        assert!(code.contains("node-29"));
        assert!(code.contains("kubectl drain \"$node\" --ignore-daemonsets --delete-emptydir-data"));
    }
}
