//! The output check (`/{lang}/check`, `POST /api/check`): pasted terminal output read line
//! by line, each problem a finding with its lines, an explanation, the fix and the entry or
//! high-risk row it comes from.
//!
//! The analyzers live on the server (`server/src/check`), next to the knowledge base they
//! read; they say what they found in [`RawFinding`]s, which know no language. This module
//! holds those shapes, the localized transport types the page and the API show, and
//! [`localize`], which puts a raw report into words (the `check` catalog, the entries'
//! titles and summaries, the high-risk rows' texts).
//!
//! Invariant: nothing here knows of axum, sqlx or tantivy.

mod localize;
pub mod export;

pub use localize::{kind_name, localize, Lookup};

use crate::wizard::{Inputs, Level, Severity, WizardId};
use serde::{Deserialize, Serialize};

/// The kinds of output the check recognises, by their stable ids (`?kind=`, the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// `sysctl -a`, `sysctl <key>`, `/etc/sysctl.conf`.
    Sysctl,
    /// `kubectl describe pod`, `kubectl get events` (also `-o wide`).
    Events,
    /// `kubectl get nodes -o wide`.
    Nodes,
    /// `kubectl get svc -A -o yaml` or `-o json`.
    Services,
    /// `systemctl status kubelet`, `journalctl -u kubelet`.
    Kubelet,
    /// The output of the diagnostics script.
    Diagnostics,
}

impl OutputKind {
    pub const ALL: [OutputKind; 6] =
        [OutputKind::Sysctl, OutputKind::Events, OutputKind::Nodes, OutputKind::Services, OutputKind::Kubelet, OutputKind::Diagnostics];

    pub const fn id(self) -> &'static str {
        match self {
            OutputKind::Sysctl => "sysctl",
            OutputKind::Events => "events",
            OutputKind::Nodes => "nodes",
            OutputKind::Services => "services",
            OutputKind::Kubelet => "kubelet",
            OutputKind::Diagnostics => "diagnostics",
        }
    }

    /// A kind by id; `auto`, empty and unknown values are `None` (detect it).
    pub fn parse(s: &str) -> Option<OutputKind> {
        OutputKind::ALL.into_iter().find(|k| k.id() == s.trim())
    }
}

/// The most lines a check reads; the rest is reported as cut.
pub const MAX_LINES: usize = 20_000;
/// The most findings a report lists (the rest are counted in the verdict).
pub const MAX_FINDINGS: usize = 200;
/// The most lines quoted under one finding.
pub const MAX_QUOTED_LINES: usize = 12;

/// Where a finding's explanation and fix come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Source {
    /// A knowledge base entry, by id.
    Entry(String),
    /// A row of the high-risk operations table, by key.
    Operation(String),
}

/// A sentence the check says where no entry or row explains a finding. Each is a message of
/// the `check` catalog; rules in `content/check-rules.toml` name them by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Note {
    ImagePull,
    Certificate,
    Probe,
    Sandbox,
    Scheduling,
    Eviction,
    Unknown,
}

impl Note {
    pub const ALL: [Note; 7] = [Note::ImagePull, Note::Certificate, Note::Probe, Note::Sandbox, Note::Scheduling, Note::Eviction, Note::Unknown];

    pub fn id(self) -> &'static str {
        match self {
            Note::ImagePull => "image-pull",
            Note::Certificate => "certificate",
            Note::Probe => "probe",
            Note::Sandbox => "sandbox",
            Note::Scheduling => "scheduling",
            Note::Eviction => "eviction",
            Note::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Note> {
        Note::ALL.into_iter().find(|n| n.id() == s)
    }
}

/// What an analyzer found, without words: the localizer says it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum What {
    /// A kernel parameter with a risky value.
    Sysctl { key: String, value: String, expected: Option<String> },
    /// A full `sysctl -a` without a parameter that newer kernels removed.
    SysctlAbsent { key: String },
    /// Warning events of one reason and message about one object.
    Event { object: Option<String>, reason: String, count: u64, message: String },
    /// A node that is not Ready.
    NodeNotReady { node: String, status: String },
    /// Nodes that still run Docker.
    DockerNodes { nodes: Vec<String>, version: Option<String> },
    /// A Service annotation named by a rule.
    Annotation { service: String, key: String, value: String },
    /// A LoadBalancer Service whose SLB ACK created and manages.
    ManagedSlb { service: String, address: Option<String> },
    /// A Service named by a rule (such as `kube-system/nginx-ingress-lb`).
    NamedService { service: String },
    /// `systemctl status kubelet` says it is not running.
    KubeletInactive { state: String },
    /// Error lines of a log with the same masked message.
    LogError { count: u64, message: String },
    /// The diagnostics script packed its archive.
    DiagnosticsArchive { name: String, windows: bool },
    /// The diagnostics script's output names no archive.
    DiagnosticsUnfinished { failure: Option<String> },
}

/// A wizard the check offers, with the inputs it would start from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub wizard: WizardId,
    pub inputs: Inputs,
}

/// One finding as the analyzers give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawFinding {
    pub kind: OutputKind,
    pub severity: Severity,
    pub what: What,
    /// Line numbers (1-based) in the cleaned paste.
    pub lines: Vec<usize>,
    pub source: Option<Source>,
    pub note: Option<Note>,
    /// Commands that fix or narrow it down, with the paste's names filled in.
    pub fix: Vec<String>,
    /// The error with its variable parts masked, when the finding is about an error text.
    pub masked: Option<String>,
}

/// What the analyzers give for one paste.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawReport {
    /// The kind the user chose, or the one with the most recognised lines.
    pub kind: Option<OutputKind>,
    /// Every kind with recognised lines, most lines first.
    pub kinds: Vec<OutputKind>,
    pub chosen: bool,
    /// The cleaned lines (without colour codes and carriage returns).
    pub lines: Vec<String>,
    /// Lines left out beyond [`MAX_LINES`].
    pub cut: usize,
    pub findings: Vec<RawFinding>,
    pub offers: Vec<Offer>,
}

/// A quoted line of the paste.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRef {
    pub number: usize,
    pub text: String,
}

/// The entry or row a finding comes from, with its title and link, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// `entry` or `operation`.
    pub kind: String,
    pub id: String,
    pub title: String,
    pub url: String,
}

/// A finding, in words. Transport type: the page shows it and the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub kind: OutputKind,
    /// One line: what was found.
    pub title: String,
    /// The lines it is about.
    pub lines: Vec<LineRef>,
    /// How many lines it is about in all (more than `lines` when cut).
    pub line_count: usize,
    pub explanation: String,
    /// Commands to run.
    pub fix: Vec<String>,
    /// How to put it right, in words (a row's recovery), when there is one.
    pub fix_text: Option<String>,
    pub source: Option<SourceRef>,
    pub masked: Option<String>,
    /// A search for the masked error, when no entry explains it.
    pub search_url: Option<String>,
}

/// A wizard offered with the paste's values, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferView {
    pub wizard: WizardId,
    pub title: String,
    pub text: String,
    /// The wizard's step form that takes these inputs (posted to its submit address).
    pub inputs: Inputs,
    pub submit: String,
    /// The `step` the form is posted from.
    pub step: String,
}

/// The short answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckVerdict {
    pub level: Level,
    pub headline: String,
    pub details: Vec<String>,
}

/// What the check says about a paste, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    pub kind: Option<OutputKind>,
    /// The kind's name in the reader's language.
    pub kind_name: Option<String>,
    pub kinds: Vec<OutputKind>,
    pub chosen: bool,
    /// How many lines were read.
    pub lines: usize,
    pub cut: usize,
    pub verdict: CheckVerdict,
    pub findings: Vec<Finding>,
    pub offers: Vec<OfferView>,
}

impl CheckReport {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}
