//! The plan: the result table, then the sections the verdict calls for (migration, the
//! Docker pool, sandboxed workloads, the upgrade) and the related knowledge base entries.

use super::groups::{pool_name, runtime_cell, Group, Kind};
use super::rules::{pool_verdict, Goal, DOCKER_GONE, DOCKER_LAST, SANDBOXED_LAST};
use super::version::Version;
use super::{ENTRIES, POOL_LABEL};
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Block, Level, Section, Verdict};

pub(super) struct Plan<'a> {
    pub(super) l: Locale,
    pub(super) goal: Goal,
    pub(super) cur: Version,
    pub(super) tgt: Option<Version>,
    /// The version the cluster will run: the target, else the current version.
    pub(super) eff: Version,
    /// Whether the target is newer than the current version.
    pub(super) upgrading: bool,
    pub(super) groups: &'a [Group],
}

impl Plan<'_> {
    pub(super) fn build(&self) -> (Verdict, Vec<Section>) {
        let l = self.l;
        let rows: Vec<(Level, String)> =
            self.groups.iter().map(|g| pool_verdict(g, self.goal, self.cur, self.eff, l)).collect();
        let docker: Vec<&Group> = self.groups.iter().filter(|g| g.kind == Kind::Docker).collect();
        let sandboxed = self.groups.iter().any(|g| g.kind == Kind::Sandboxed);
        let other = self.groups.iter().any(|g| g.kind == Kind::Other);

        let mut sections = vec![self.table(&rows)];
        let verdict = match self.goal {
            Goal::Containerd => {
                let verdict = self.verdict_containerd(&docker, sandboxed, other, &rows);
                if !docker.is_empty() {
                    sections.push(self.migration(&docker));
                    sections.push(self.checklist());
                }
                if sandboxed && self.eff.minor > SANDBOXED_LAST {
                    sections.push(self.sandboxed_workloads());
                }
                verdict
            }
            Goal::Docker => {
                let verdict = self.verdict_docker(&docker, sandboxed, &rows);
                if self.eff.minor <= DOCKER_LAST {
                    sections.push(self.docker_pool_plan());
                }
                sections.push(self.checklist());
                if sandboxed && self.eff.minor > SANDBOXED_LAST {
                    sections.push(self.sandboxed_workloads());
                }
                verdict
            }
        };
        if self.upgrading {
            sections.push(self.upgrade(!docker.is_empty()));
        }
        sections.push(self.entries());
        (verdict, sections)
    }

    fn table(&self, rows: &[(Level, String)]) -> Section {
        let l = self.l;
        let headers = [
            tr!(l, "runtime.table-column-pool"),
            tr!(l, "runtime.table-column-runtime"),
            tr!(l, "runtime.table-column-nodes"),
            tr!(l, "runtime.table-column-verdict"),
        ];
        let rows = self
            .groups
            .iter()
            .zip(rows)
            .map(|(g, (_, cell))| {
                let count = if g.from_nodes { g.nodes.len().to_string() } else { "—".to_owned() };
                vec![pool_name(&g.key, l), runtime_cell(g, l), count, cell.clone()]
            })
            .collect();
        Section {
            title: tr!(l, "runtime.table-title")
                .to_owned(),
            blocks: vec![Block::Table { headers: headers.iter().map(|s| s.to_string()).collect(), rows }],
        }
    }

    pub(super) fn pool_list(&self, pools: &[&Group]) -> String {
        let l = self.l;
        let mut names: Vec<String> = pools.iter().take(5).map(|g| pool_name(&g.key, l)).collect();
        if pools.len() > 5 {
            names.push("…".to_owned());
        }
        names.join(tr!(l, "runtime.list-separator"))
    }

    fn docker_pool_plan(&self) -> Section {
        let l = self.l;
        let items = vec![
            tr!(l, "runtime.docker-pool-step-checklist")
            .to_owned(),
            tr!(l, "runtime.docker-pool-step-create")
            .to_owned(),
            tr!(l, "runtime.docker-pool-step-pin")
            .to_owned(),
            tr!(l, "runtime.docker-pool-step-record")
            .to_owned(),
        ];
        let code = format!(
            "kubectl get nodes -o wide -L {POOL_LABEL}\n\
             kubectl patch deployment <DEPLOYMENT_NAME> -n <NAMESPACE> -p '{{\"spec\":{{\"template\":{{\"spec\":{{\"nodeSelector\":{{\"{POOL_LABEL}\":\"<NODEPOOL_ID>\"}}}}}}}}}}'\n"
        );
        Section {
            title: tr!(l, "runtime.docker-pool-title")
            .to_owned(),
            blocks: vec![Block::List { ordered: true, items }, Block::Command { lang: "bash".to_owned(), code }],
        }
    }

    fn sandboxed_workloads(&self) -> Section {
        let l = self.l;
        let check = Block::Check {
            text: tr!(l, "runtime.sandboxed-check-pods")
            .to_owned(),
            lang: "bash".to_owned(),
            code: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\t\"}{.spec.runtimeClassName}{\"\\n\"}{end}' | awk -F'\\t' '$2 != \"\"'".to_owned(),
        };
        Section {
            title: tr!(l, "runtime.sandboxed-title")
            .to_owned(),
            blocks: vec![check],
        }
    }

    fn upgrade(&self, had_docker: bool) -> Section {
        let l = self.l;
        let tv = self.eff.short();
        let mut items = vec![
            tr!(l, "runtime.upgrade-step-console-only")
            .to_owned(),
            tr!(l, "runtime.upgrade-step-precheck")
            .to_owned(),
            tr!(l, "runtime.upgrade-step-release-notes", tv),
            tr!(l, "runtime.upgrade-step-no-rollback")
            .to_owned(),
        ];
        let mut blocks = Vec::new();
        if had_docker && self.eff.minor >= DOCKER_GONE {
            items.insert(
                0,
                tr!(l, "runtime.upgrade-step-no-docker")
                .to_owned(),
            );
        }
        blocks.push(Block::List { ordered: true, items });
        if had_docker && self.eff.minor >= DOCKER_GONE {
            blocks.push(Block::Check {
                text: tr!(l, "runtime.upgrade-check-no-docker")
                .to_owned(),
                lang: "bash".to_owned(),
                code: "kubectl get nodes -o wide | grep docker://".to_owned(),
            });
        }
        Section {
            title: tr!(l, "runtime.upgrade-title", tv),
            blocks,
        }
    }

    fn entries(&self) -> Section {
        let l = self.l;
        let text = |id: &str| match id {
            "change-container-runtime" => tr!(l, "runtime.entry-change-container-runtime"),
            "runtime-comparison" => tr!(l, "runtime.entry-runtime-comparison"),
            _ => tr!(l, "runtime.entry-cluster-upgrade-notes"),
        };
        Section {
            title: tr!(l, "runtime.entries-title")
            .to_owned(),
            blocks: ENTRIES.iter().map(|id| Block::Entry { id: (*id).to_owned(), text: text(id).to_owned() }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::locale::Locale;
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::runtime::{evaluate, ENTRIES};
    use crate::wizard::{Block, Inputs};

    #[test]
    fn plan_orders_migration_before_upgrade_and_links_entries() {
        let r = report(&[("current_version", "1.22"), ("target_version", "1.26"), ("pools", "np-a docker")]);
        let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
        let pos = |needle: &str| {
            titles.iter().position(|t| t.contains(needle)).unwrap_or_else(|| panic!("{needle}: {titles:?}"))
        };
        assert!(pos("迁移到 containerd 的步骤") < pos("升级集群到 1.26"));
        let migration = &r.sections[pos("迁移到 containerd 的步骤")];
        let Block::List { ordered: true, items } = &migration.blocks[0] else { panic!("ordered list first") };
        assert!(items.last().is_some_and(|i| i.contains("1.26")));
        let checks = r.sections.iter().flat_map(|s| &s.blocks).filter(|b| matches!(b, Block::Check { .. })).count();
        assert!(checks >= 4);
        let code = all_code(&r);
        assert!(code.contains("docker\\.sock") && code.contains("/var/lib/docker") && !code.contains("jq"));
        let entries: Vec<&str> = r
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Entry { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(entries, ENTRIES);
    }

    #[test]
    fn tables_are_rectangular() {
        for c in cases() {
            let inputs: Inputs = c.inputs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
            for l in Locale::ALL {
                let r = evaluate(&inputs, l);
                for b in r.sections.iter().flat_map(|s| &s.blocks) {
                    if let Block::Table { headers, rows } = b {
                        assert!(rows.iter().all(|r| r.len() == headers.len()), "{}", c.name);
                    }
                    if let Block::Command { lang, .. } | Block::Check { lang, .. } = b {
                        assert_eq!(lang, "bash");
                    }
                }
            }
        }
    }
}
