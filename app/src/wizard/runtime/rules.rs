//! The rules: what a pool's runtime means on the cluster's version, and the verdict on
//! the whole cluster for the runtime the user wants.

use super::groups::{Group, Kind};
use super::plan::Plan;
use super::version::Version;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Level, Verdict};

/// The last Kubernetes minor version that supports Docker nodes.
pub(super) const DOCKER_LAST: u32 = 22;
/// The version from which Docker is no longer a built-in runtime.
pub(super) const DOCKER_GONE: u32 = 24;
/// The last Kubernetes minor version that supports sandboxed-container nodes.
pub(super) const SANDBOXED_LAST: u32 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Goal {
    Containerd,
    Docker,
}

/// The per-pool verdict: its level and the table cell.
pub(super) fn pool_verdict(g: &Group, goal: Goal, cur: Version, eff: Version, l: Locale) -> (Level, String) {
    let e = eff.short();
    match g.kind {
        Kind::Docker if cur.minor >= DOCKER_GONE => (
            Level::Blocked,
            tr!(l, "runtime.pool-docker-gone", e),
        ),
        Kind::Docker if eff.minor >= DOCKER_GONE => (
            Level::Blocked,
            tr!(l, "runtime.pool-docker-before-upgrade", e),
        ),
        Kind::Docker if eff.minor > DOCKER_LAST => (
            Level::Caution,
            tr!(l, "runtime.pool-docker-unsupported")
            .to_owned(),
        ),
        Kind::Docker => (
            Level::Caution,
            tr!(l, "runtime.pool-docker-until-1-24")
            .to_owned(),
        ),
        Kind::Containerd if goal == Goal::Docker && eff.minor <= DOCKER_LAST => (
            Level::Ok,
            tr!(l, "runtime.pool-containerd-to-docker")
            .to_owned(),
        ),
        Kind::Containerd if goal == Goal::Docker => (
            Level::Ok,
            tr!(l, "runtime.pool-containerd-keep", e),
        ),
        Kind::Containerd => (Level::Ok, tr!(l, "runtime.pool-no-action").to_owned()),
        Kind::Sandboxed if eff.minor > SANDBOXED_LAST => (
            Level::Caution,
            tr!(l, "runtime.pool-sandboxed-unsupported", e),
        ),
        Kind::Sandboxed => (
            Level::Ok,
            tr!(l, "runtime.pool-sandboxed-ok")
            .to_owned(),
        ),
        Kind::Other => (
            Level::Caution,
            tr!(l, "runtime.pool-unknown-runtime")
            .to_owned(),
        ),
    }
}

fn worst(a: Level, b: Level) -> Level {
    fn rank(l: Level) -> u8 {
        match l {
            Level::Ok => 0,
            Level::Caution => 1,
            Level::Blocked => 2,
        }
    }
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

impl Plan<'_> {
    pub(super) fn verdict_containerd(
        &self,
        docker: &[&Group],
        sandboxed: bool,
        other: bool,
        rows: &[(Level, String)],
    ) -> Verdict {
        let l = self.l;
        let (c, e) = (self.cur.short(), self.eff.short());
        let level = rows.iter().fold(Level::Ok, |acc, (lv, _)| worst(acc, *lv));
        let mut details = Vec::new();
        let headline = if !docker.is_empty() {
            let list = self.pool_list(docker);
            let known: usize = docker.iter().filter(|g| g.from_nodes).map(|g| g.nodes.len()).sum();
            if known > 0 {
                details.push(tr!(l, "runtime.verdict-docker-pools-with-nodes", list, known));
            } else {
                details.push(tr!(l, "runtime.verdict-docker-pools", list));
            }
            details.push(
                tr!(l, "runtime.verdict-detail-docker-support")
                .to_owned(),
            );
            details.push(
                tr!(l, "runtime.verdict-detail-no-switch")
                .to_owned(),
            );
            if self.cur.minor >= DOCKER_GONE {
                tr!(l, "runtime.verdict-docker-gone", c)
            } else if self.eff.minor >= DOCKER_GONE {
                tr!(l, "runtime.verdict-upgrade-blocked", e)
            } else if self.eff.minor > DOCKER_LAST {
                tr!(l, "runtime.verdict-docker-unsupported", e)
            } else {
                tr!(l, "runtime.verdict-docker-until-1-24", e)
            }
        } else if sandboxed && self.eff.minor > SANDBOXED_LAST {
            tr!(l, "runtime.verdict-sandboxed-unsupported", e)
        } else if other {
            tr!(l, "runtime.verdict-unknown-runtime")
            .to_owned()
        } else if sandboxed {
            tr!(l, "runtime.verdict-no-docker", e)
        } else {
            tr!(l, "runtime.verdict-all-containerd")
            .to_owned()
        };
        if sandboxed {
            details.push(self.sandboxed_note());
        }
        if other {
            details.push(
                tr!(l, "runtime.verdict-detail-supported-runtimes")
                .to_owned(),
            );
        }
        if docker.is_empty() && !self.upgrading && self.cur.minor < DOCKER_GONE {
            details.push(
                tr!(l, "runtime.verdict-detail-new-pools")
                .to_owned(),
            );
        }
        Verdict { level, headline, details }
    }

    fn sandboxed_note(&self) -> String {
        let l = self.l;
        let e = self.eff.short();
        if self.eff.minor > SANDBOXED_LAST {
            tr!(l, "runtime.sandboxed-note-unsupported", e)
        } else {
            tr!(l, "runtime.sandboxed-note-later")
            .to_owned()
        }
    }

    pub(super) fn verdict_docker(&self, docker: &[&Group], sandboxed: bool, rows: &[(Level, String)]) -> Verdict {
        let l = self.l;
        let e = self.eff.short();
        let mut details = Vec::new();
        let (level, headline) = if self.eff.minor >= DOCKER_GONE {
            details.push(
                tr!(l, "runtime.to-docker-detail-1-24")
                .to_owned(),
            );
            (
                Level::Blocked,
                tr!(l, "runtime.to-docker-blocked-1-24", e),
            )
        } else if self.eff.minor > DOCKER_LAST {
            details.push(
                tr!(l, "runtime.to-docker-detail-support")
                .to_owned(),
            );
            (
                Level::Blocked,
                tr!(l, "runtime.to-docker-blocked-unsupported", e),
            )
        } else {
            details.push(
                tr!(l, "runtime.to-docker-detail-later")
                .to_owned(),
            );
            details.push(
                tr!(l, "runtime.to-docker-detail-recommended")
                .to_owned(),
            );
            (
                Level::Caution,
                tr!(l, "runtime.to-docker-caution", e),
            )
        };
        details.insert(
            0,
            tr!(l, "runtime.to-docker-detail-no-change")
            .to_owned(),
        );
        if self.eff.minor > DOCKER_LAST {
            details.push(
                tr!(l, "runtime.to-docker-detail-workloads")
                .to_owned(),
            );
        }
        if !docker.is_empty() && self.eff.minor >= DOCKER_GONE {
            details.push(
                tr!(l, "runtime.to-docker-detail-existing")
                .to_owned(),
            );
        }
        if sandboxed {
            details.push(self.sandboxed_note());
        }
        let level = rows.iter().fold(level, |acc, (lv, _)| worst(acc, *lv));
        Verdict { level, headline, details }
    }
}

#[cfg(test)]
mod tests {
    use crate::wizard::runtime::testutil::*;
    use crate::wizard::Level;

    #[test]
    fn unknown_runtime_in_output_is_a_caution() {
        let a = node("n1", "cri-o://1.25.0", &[]);
        let r = report(&[("current_version", "1.26"), ("nodes", &kubectl(&[WIDE, &a]))]);
        assert_eq!(r.verdict.map(|v| v.level), Some(Level::Caution));
    }

    #[test]
    fn docker_goal_on_1_22_explains_the_trade_off() {
        let r = report(&[("current_version", "1.22"), ("target_runtime", "docker"), ("pools", "np-a containerd")]);
        let v = r.verdict.clone().expect("verdict");
        assert_eq!(v.level, Level::Caution);
        assert!(v.details.iter().any(|d| d.contains("1.24")));
        assert!(all_code(&r).contains("nodeSelector"));
    }

    #[test]
    fn docker_goal_on_1_24_offers_no_docker_pool() {
        let r = report(&[("current_version", "1.24"), ("target_runtime", "docker"), ("pools", "np-a containerd")]);
        assert!(!all_code(&r).contains("nodeSelector"));
        assert!(r.verdict.expect("verdict").headline.contains("containerd"));
    }
}
