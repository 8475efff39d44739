//! Test helpers shared by the files of the wizard: kubectl output as it is pasted, the
//! table of cases with their expected verdicts, and ways to look into a report.

use super::evaluate;
use crate::locale::Locale;
use crate::wizard::{Block, Inputs, Level, Report, Severity};

pub(super) fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Aligned like kubectl: each column padded to its widest cell plus three spaces.
pub(super) fn kubectl(rows: &[&[&str]]) -> String {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < r.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) const WIDE: &[&str] = &[
    "NAME",
    "STATUS",
    "ROLES",
    "AGE",
    "VERSION",
    "INTERNAL-IP",
    "EXTERNAL-IP",
    "OS-IMAGE",
    "KERNEL-VERSION",
    "CONTAINER-RUNTIME",
];
pub(super) const WIDE_POOL: &[&str] = &[
    "NAME",
    "STATUS",
    "ROLES",
    "AGE",
    "VERSION",
    "INTERNAL-IP",
    "EXTERNAL-IP",
    "OS-IMAGE",
    "KERNEL-VERSION",
    "CONTAINER-RUNTIME",
    "NODEPOOL-ID",
];
const WIDE_LABELS: &[&str] = &[
    "NAME",
    "STATUS",
    "ROLES",
    "AGE",
    "VERSION",
    "INTERNAL-IP",
    "EXTERNAL-IP",
    "OS-IMAGE",
    "KERNEL-VERSION",
    "CONTAINER-RUNTIME",
    "LABELS",
];

pub(super) fn node<'a>(name: &'a str, runtime: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        name,
        "Ready",
        "<none>",
        "120d",
        "v1.22.15-aliyun.1",
        "192.168.0.10",
        "<none>",
        "Alibaba Cloud Linux 3.2104 U8 (OpenAnolis Edition)",
        "5.10.134-15.al8.x86_64",
        runtime,
    ];
    v.extend_from_slice(extra);
    v
}

/// `kubectl get nodes -o wide -L alibabacloud.com/nodepool-id` of a mixed cluster.
pub(super) fn wide_with_pools() -> String {
    let a = node("cn-hangzhou.192.168.0.10", "docker://19.3.15", &["np-docker1"]);
    let b = node("cn-hangzhou.192.168.0.11", "docker://19.3.15", &["np-docker1"]);
    let c = node("cn-hangzhou.192.168.0.20", "containerd://1.6.20", &["np-ctr1"]);
    let d = node("cn-hangzhou.192.168.0.30", "containerd://1.6.20", &[]);
    kubectl(&[WIDE_POOL, &a, &b, &c, &d])
}

pub(super) fn wide_without_pools() -> String {
    let a = node("cn-hangzhou.192.168.0.10", "docker://19.3.15", &[]);
    let b = node("cn-hangzhou.192.168.0.20", "containerd://1.6.20", &[]);
    kubectl(&[WIDE, &a, &b])
}

pub(super) fn wide_show_labels() -> String {
    let la = "beta.kubernetes.io/arch=amd64,alibabacloud.com/nodepool-id=np5ab1c2d3e4,kubernetes.io/os=linux";
    let lb = "alibabacloud.com/nodepool-id=np9f8e7d6c5b,kubernetes.io/os=linux";
    let a = node("cn-shanghai.10.0.0.5", "docker://19.3.15", &[la]);
    let b = node("cn-shanghai.10.0.0.6", "containerd://1.6.20", &[lb]);
    kubectl(&[WIDE_LABELS, &a, &b])
}

pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) inputs: Vec<(&'static str, String)>,
    /// None: incomplete.
    pub(super) level: Option<Level>,
    /// Fields that must carry an Error.
    pub(super) errors: &'static [&'static str],
}

fn case(
    name: &'static str,
    pairs: &[(&'static str, &str)],
    level: Option<Level>,
    errors: &'static [&'static str],
) -> Case {
    Case { name, inputs: pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(), level, errors }
}

pub(super) fn cases() -> Vec<Case> {
    let with_pools = wide_with_pools();
    let without_pools = wide_without_pools();
    let labels = wide_show_labels();
    vec![
        // Seeds: Docker supported up to 1.22; no upgrade asked → migrate later, not blocked.
        case("docker_on_1_20_without_upgrade_is_caution", &[("current_version", "1.20"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
        // Seeds: Docker nodes must move to containerd before an upgrade to 1.24 or later.
        case(
            "docker_on_1_22_upgrading_to_1_24_is_blocked",
            &[("current_version", "1.22"), ("target_version", "1.24"), ("pools", "np-web docker://19.3.15")],
            Some(Level::Blocked),
            &[],
        ),
        case(
            "docker_upgrading_beyond_1_24_is_blocked",
            &[("current_version", "v1.22.15-aliyun.1"), ("target_version", "1.28"), ("pools", "np-web docker")],
            Some(Level::Blocked),
            &[],
        ),
        case("docker_nodes_on_a_1_24_cluster_are_blocked", &[("current_version", "1.24"), ("pools", "np-web docker")], Some(Level::Blocked), &[]),
        // Seeds: "up to 1.22": 1.23 is outside the supported range, but the hard stop is 1.24.
        case("docker_on_1_23_is_caution", &[("current_version", "1.22"), ("target_version", "1.23"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
        case("upgrade_within_1_22_with_docker_is_caution", &[("current_version", "1.22.3"), ("target_version", "1.22.15"), ("pools", "np-web docker")], Some(Level::Caution), &[]),
        // Seeds: containerd is the recommended runtime.
        case(
            "all_containerd_is_ok",
            &[("current_version", "1.22"), ("target_version", "1.26"), ("pools", "np-a containerd\nnp-b containerd://1.6.20")],
            Some(Level::Ok),
            &[],
        ),
        // Seeds: Sandboxed-Container is supported up to 1.24.
        case("sandboxed_on_1_24_is_ok", &[("current_version", "1.24"), ("pools", "np-sec sandboxed\nnp-a containerd")], Some(Level::Ok), &[]),
        case("sandboxed_upgrading_to_1_24_is_ok", &[("current_version", "1.22"), ("target_version", "1.24"), ("pools", "np-sec runv")], Some(Level::Ok), &[]),
        case(
            "sandboxed_beyond_1_24_is_caution",
            &[("current_version", "1.24"), ("target_version", "1.26"), ("pools", "np-sec sandboxed-container")],
            Some(Level::Caution),
            &[],
        ),
        case("sandboxed_on_a_1_26_cluster_is_caution", &[("current_version", "1.26"), ("pools", "np-sec Sandboxed-Container")], Some(Level::Caution), &[]),
        // Seeds: containerd → Docker cannot be done on 1.24 or later.
        case(
            "containerd_to_docker_on_1_24_is_refused",
            &[("current_version", "1.24"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
            Some(Level::Blocked),
            &[],
        ),
        case(
            "containerd_to_docker_with_target_1_26_is_refused",
            &[("current_version", "1.22"), ("target_version", "1.26"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
            Some(Level::Blocked),
            &[],
        ),
        case(
            "containerd_to_docker_on_1_23_is_refused",
            &[("current_version", "1.23"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
            Some(Level::Blocked),
            &[],
        ),
        case(
            "containerd_to_docker_on_1_22_is_caution_with_trade_off",
            &[("current_version", "1.22"), ("target_runtime", "docker"), ("pools", "np-a containerd")],
            Some(Level::Caution),
            &[],
        ),
        case("target_runtime_accepts_upper_case", &[("current_version", "1.20"), ("target_runtime", "Docker"), ("pools", "np-a containerd")], Some(Level::Caution), &[]),
        case("unknown_target_runtime_is_an_error", &[("current_version", "1.22"), ("target_runtime", "podman"), ("pools", "np-a containerd")], None, &["target_runtime"]),
        // Pasted output.
        case("wide_output_with_pool_column_upgrading_is_blocked", &[("current_version", "1.22"), ("target_version", "1.24"), ("nodes", &with_pools)], Some(Level::Blocked), &[]),
        case("wide_output_without_pools_is_read", &[("current_version", "1.22"), ("nodes", &without_pools)], Some(Level::Caution), &[]),
        case("wide_output_with_show_labels_is_read", &[("current_version", "1.22"), ("nodes", &labels)], Some(Level::Caution), &[]),
        case(
            "pools_and_nodes_together",
            &[("current_version", "1.22"), ("pools", "np-extra containerd\nnp-docker1 docker"), ("nodes", &with_pools)],
            Some(Level::Caution),
            &[],
        ),
        // Bad versions.
        case("missing_current_version", &[("pools", "np-a docker")], None, &["current_version"]),
        case("garbage_current_version", &[("current_version", "latest"), ("pools", "np-a docker")], None, &["current_version"]),
        case("major_2_is_not_kubernetes", &[("current_version", "2.0"), ("pools", "np-a docker")], None, &["current_version"]),
        case("bare_major_is_rejected", &[("current_version", "1"), ("pools", "np-a docker")], None, &["current_version"]),
        case("four_part_version_is_rejected", &[("current_version", "1.22.15.4"), ("pools", "np-a docker")], None, &["current_version"]),
        case("wildcard_version_is_rejected", &[("current_version", "1.22.x"), ("pools", "np-a docker")], None, &["current_version"]),
        case("bad_target_version", &[("current_version", "1.22"), ("target_version", "next"), ("pools", "np-a docker")], None, &["target_version"]),
        case("target_older_than_current", &[("current_version", "1.24"), ("target_version", "1.22"), ("pools", "np-a containerd")], None, &["target_version"]),
        case("target_older_patch", &[("current_version", "1.22.15"), ("target_version", "1.22.3"), ("pools", "np-a containerd")], None, &["target_version"]),
        case("target_equal_to_current_is_fine", &[("current_version", "1.22"), ("target_version", "v1.22"), ("pools", "np-a containerd")], Some(Level::Ok), &[]),
        // Empty and garbage.
        case("empty_inputs", &[], None, &["current_version", "pools"]),
        case("pools_and_nodes_both_empty", &[("current_version", "1.22"), ("pools", "  \n "), ("nodes", "")], None, &["pools"]),
        case("garbage_paste", &[("current_version", "1.22"), ("nodes", "hello world\nthis is not kubectl output\n🙂🙂🙂")], None, &["nodes"]),
        case(
            "plain_get_nodes_without_wide",
            &[("current_version", "1.22"), ("nodes", "NAME STATUS ROLES AGE VERSION\ncn-hangzhou.192.168.0.10 Ready <none> 1d v1.22.15-aliyun.1")],
            None,
            &["nodes"],
        ),
        case(
            "no_headers_output",
            &[("current_version", "1.22"), ("nodes", "cn-hangzhou.192.168.0.10 Ready <none> 1d v1.22.15 192.168.0.10 <none> Alibaba Cloud Linux 3 5.10 docker://19.3.15")],
            None,
            &["nodes"],
        ),
        case("header_without_rows", &[("current_version", "1.22"), ("nodes", &kubectl(&[WIDE]))], None, &["nodes"]),
        case("comment_only_pools", &[("current_version", "1.22"), ("pools", "# np-a docker\n\n#")], None, &["pools"]),
        case("pool_line_without_runtime", &[("current_version", "1.22"), ("pools", "np-a")], None, &["pools"]),
        case("pool_line_with_unknown_runtime", &[("current_version", "1.22"), ("pools", "np-a cri-o")], None, &["pools"]),
        case("pool_line_with_too_many_words", &[("current_version", "1.22"), ("pools", "np-a docker 19.3.15 extra")], None, &["pools"]),
        case("kubectl_output_in_the_pools_field", &[("current_version", "1.22"), ("pools", &with_pools)], None, &["pools"]),
    ]
}

pub(super) fn report(pairs: &[(&str, &str)]) -> Report {
    evaluate(&inputs(pairs), Locale::Zh)
}

pub(super) fn all_code(r: &Report) -> String {
    let mut s = String::new();
    for sec in &r.sections {
        for b in &sec.blocks {
            match b {
                Block::Command { code, .. } | Block::Check { code, .. } => {
                    s.push_str(code);
                    s.push('\n');
                }
                _ => {}
            }
        }
    }
    s
}

pub(super) fn table(r: &Report) -> Vec<Vec<String>> {
    r.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .expect("a table")
}

pub(super) fn infos(r: &Report, field: &str) -> Vec<String> {
    r.for_field(field).filter(|m| m.severity == Severity::Info).map(|m| m.message.clone()).collect()
}
