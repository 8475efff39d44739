//! Diagnostics collection: which script to run on which node, the exact commands, how to
//! find the archive the script leaves behind, and what to check next.
//!
//! Facts (seeds 000 zh-TW, 001 id, 002 ja; entries `collect-node-diagnostics`,
//! `troubleshoot-cluster`, `access-master-nodes`, `failure-*`):
//! - Try the console's one-click cluster diagnosis first; when it is not enough, run the
//!   diagnostic script on the master nodes and on the abnormal worker nodes.
//! - Master nodes run Linux only; Windows nodes can only be workers.
//! - Linux: the script `diagnose_k8s.sh` is downloaded from cn-hangzhou only, into
//!   `/usr/local/bin`; it prints `please get diagnose_<timestamp>.tar.gz for diagnostics`.
//! - Windows: from `cmd`, start `powershell`, then download and run `diagnose.ps1` from the
//!   cluster's own region; it prints `INFO: Please get diagnoses_<timestamp>.zip for
//!   diagnostics` and leaves the zip in the directory where it ran.
//! - The control plane nodes of a managed cluster are fully managed: nobody can log in to
//!   them. Dedicated clusters' master nodes are reached over SSH.
//!
//! One job per file: `words` (the texts of the wizard and its fields), `rules` (which
//! fields are asked, reading the choices, and `evaluate`), `region` (the region id),
//! `output` (the pasted script output and its archive), `plan` (the reports: verdict,
//! commands and checks). This file holds the steps and entries, and re-exports the rest
//! of the surface that `WizardId` dispatches to.

mod output;
mod plan;
mod region;
mod rules;
#[cfg(test)]
mod testutil;
mod words;

pub use rules::{applies, evaluate};
pub use words::{field_text, intro, option_text, step_title, title};

use super::{Field, FieldKind, Step, FOLLOW_UP};

const CLUSTER_TYPES: &[&str] = &["managed", "dedicated"];
const ROLES: &[&str] = &["worker", "master"];
const OSES: &[&str] = &["linux", "windows"];

pub const STEPS: &[Step] = &[
    Step {
        id: "cluster",
        fields: &[
            Field { name: "cluster_type", kind: FieldKind::Choice(CLUSTER_TYPES), required: true },
            Field { name: "role", kind: FieldKind::Choice(ROLES), required: true },
        ],
    },
    Step {
        id: "node",
        fields: &[
            Field { name: "os", kind: FieldKind::Choice(OSES), required: true },
            Field { name: "region", kind: FieldKind::Text, required: true },
        ],
    },
    Step { id: FOLLOW_UP, fields: &[Field { name: "output", kind: FieldKind::Textarea, required: false }] },
];

pub const ENTRIES: &[&str] = &[
    "collect-node-diagnostics",
    "troubleshoot-cluster",
    "access-master-nodes",
    "add-remove-master-nodes",
    "managed-control-plane-ha",
    "failure-apiserver-stopped",
    "failure-backend-data-lost",
    "failure-node-down",
    "failure-kubelet-failure",
    "failure-misconfiguration",
];

/// What a pasted output of the diagnostics script says, for the output check: the archive
/// it packed (the last one named, and whether it is the Windows script's), or, when it
/// names none, the last line that reads as a failure. `None` when the text is not the
/// script's output at all.
pub fn read_script_output(text: &str) -> Option<Result<(String, bool), Option<String>>> {
    output::script_output(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use crate::wizard::diagnostics::testutil::inputs;
    use crate::wizard::{Block, RESERVED};

    #[test]
    fn steps_and_entries_are_consistent() {
        let ids: Vec<&str> = STEPS.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["cluster", "node", FOLLOW_UP]);
        let names: Vec<&str> = STEPS.iter().flat_map(|s| s.fields.iter().map(|f| f.name)).collect();
        assert_eq!(names, ["cluster_type", "role", "os", "region", "output"]);
        for name in &names {
            assert!(!RESERVED.contains(name));
        }
        assert!(STEPS.iter().find(|s| s.id == FOLLOW_UP).unwrap().fields.iter().all(|f| !f.required));
        // Every linked entry is declared, and every declared entry exists in the content.
        let all_inputs: &[&[(&str, &str)]] = &[
            &[("cluster_type", "managed"), ("role", "master")],
            &[("cluster_type", "dedicated"), ("role", "master"), ("os", "linux"), ("region", "cn-hangzhou")],
            &[("cluster_type", "managed"), ("role", "worker"), ("os", "windows"), ("region", "cn-hangzhou")],
        ];
        for pairs in all_inputs {
            for l in Locale::ALL {
                let r = evaluate(&inputs(pairs), l);
                for b in r.sections.iter().flat_map(|s| s.blocks.iter()) {
                    if let Block::Entry { id, text } = b {
                        assert!(ENTRIES.contains(&id.as_str()), "{id}");
                        assert!(!text.is_empty());
                    }
                }
            }
        }
        let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("../content/entries");
        for id in ENTRIES {
            assert!(dir.join(id).is_dir(), "content/entries/{id} is missing");
        }
    }
}
