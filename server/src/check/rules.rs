//! The check's rule table, `content/check-rules.toml`: which kernel parameters, events, log
//! lines and Service annotations are findings, and which entry, high-risk row or note
//! explains each. Adding a finding for a new key is a new table here, not new Rust: the
//! words come from the row or entry it names.

use app::check::Note;
use app::wizard::Severity;
use serde::Deserialize;
use std::path::Path;

pub const FILE: &str = "check-rules.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub sysctl: Vec<SysctlRule>,
    #[serde(default)]
    pub event: Vec<TextRule>,
    #[serde(default)]
    pub log: Vec<TextRule>,
    #[serde(default)]
    pub annotation: Vec<AnnotationRule>,
    #[serde(default)]
    pub service: Vec<ServiceRule>,
    #[serde(default, rename = "managed-slb")]
    pub managed_slb: Option<ManagedSlbRule>,
}

/// A kernel parameter: a finding when its value is one of `bad`, or differs from `expected`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SysctlRule {
    /// Names; `*` stands for one part of a name (`net.ipv4.conf.eth*.rp_filter`).
    pub keys: Vec<String>,
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub expected: Option<String>,
    pub severity: Sev,
    pub operation: String,
    /// The command that restores it; `{key}` is the parameter's name.
    pub fix: String,
    /// Said when a whole `sysctl -a` lacks the parameter (kernels that removed it).
    #[serde(default)]
    pub absent: Option<Sev>,
}

/// A rule over an event (its reason and message) or a log line (its text).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRule {
    /// Event reasons the rule is about; empty for logs, or for any reason.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// The message holds one of these (case-insensitive); empty means any message.
    #[serde(default)]
    pub any: Vec<String>,
    /// The message holds all of these.
    #[serde(default)]
    pub all: Vec<String>,
    /// Somewhere in the paste there is one of these (such as the volume type).
    #[serde(default)]
    pub context: Vec<String>,
    pub severity: Sev,
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Commands to narrow it down; `{object}` is the event's object, `{name}` its name.
    #[serde(default)]
    pub fix: Vec<String>,
}

/// A Service annotation that makes a change risky.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationRule {
    pub key: String,
    pub severity: Sev,
    pub operation: String,
}

/// A Service by namespace and name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRule {
    pub namespace: String,
    pub name: String,
    pub severity: Sev,
    pub operation: String,
}

/// LoadBalancer Services without any annotation of `unless`: ACK created their SLB.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedSlbRule {
    pub unless: Vec<String>,
    pub severity: Sev,
    pub operation: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Sev {
    Error,
    Warning,
    Info,
}

impl Sev {
    pub fn severity(self) -> Severity {
        match self {
            Sev::Error => Severity::Error,
            Sev::Warning => Severity::Warning,
            Sev::Info => Severity::Info,
        }
    }
}

impl TextRule {
    /// Whether the rule takes this reason and message; `context` is the whole paste,
    /// lowercased. Both texts are compared lowercased.
    pub fn takes(&self, reason: Option<&str>, message_lower: &str, context_lower: &str) -> bool {
        (self.reasons.is_empty() || reason.is_some_and(|r| self.reasons.iter().any(|x| x.eq_ignore_ascii_case(r))))
            && (self.any.is_empty() || self.any.iter().any(|w| message_lower.contains(&w.to_lowercase())))
            && self.all.iter().all(|w| message_lower.contains(&w.to_lowercase()))
            && (self.context.is_empty() || self.context.iter().any(|w| context_lower.contains(&w.to_lowercase())))
    }

    pub fn note(&self) -> Option<Note> {
        self.note.as_deref().and_then(Note::parse)
    }
}

impl SysctlRule {
    /// Whether a parameter name is one of the rule's.
    pub fn names(&self, key: &str) -> bool {
        self.keys.iter().any(|pattern| glob(pattern, key))
    }

    /// Whether a value is a finding.
    pub fn is_bad(&self, value: &str) -> bool {
        let v = normalize_value(value);
        self.bad.iter().any(|b| normalize_value(b) == v) || self.expected.as_deref().is_some_and(|e| normalize_value(e) != v)
    }
}

/// A sysctl value with quotes dropped and blanks (tabs in `sysctl -a`) made single spaces.
pub fn normalize_value(v: &str) -> String {
    v.trim().trim_matches('"').trim_matches('\'').split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `*` matches one part of a dotted name (no dots), or the rest of a part after a prefix.
fn glob(pattern: &str, key: &str) -> bool {
    let (p, k): (Vec<&str>, Vec<&str>) = (pattern.split('.').collect(), key.split('.').collect());
    p.len() == k.len()
        && p.iter().zip(&k).all(|(p, k)| match p.split_once('*') {
            Some((pre, post)) => k.len() >= pre.len() + post.len() && k.starts_with(pre) && k.ends_with(post),
            None => p == k,
        })
}

impl Rules {
    /// Reads `<root>/check-rules.toml` (none is an empty table) and checks what it names:
    /// entries, high-risk rows and notes must exist.
    pub fn load(
        root: &Path,
        entry_exists: impl Fn(&str) -> bool,
        operation_exists: impl Fn(&str) -> bool,
    ) -> Result<Rules, Vec<String>> {
        let path = root.join(FILE);
        if !path.exists() {
            return Ok(Rules::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| vec![format!("cannot read: {e}")])?;
        let rules: Rules = toml::from_str(&text).map_err(|e| vec![e.to_string()])?;
        let mut problems = Vec::new();
        let mut named: Vec<(String, &str)> = Vec::new();
        for r in &rules.sysctl {
            let what = format!("sysctl {}", r.keys.join(", "));
            if r.bad.is_empty() && r.expected.is_none() {
                problems.push(format!("{what}: give `bad` values or an `expected` one"));
            }
            named.push((what, &r.operation));
        }
        named.extend(rules.annotation.iter().map(|r| (format!("annotation {}", r.key), r.operation.as_str())));
        named.extend(rules.service.iter().map(|r| (format!("service {}/{}", r.namespace, r.name), r.operation.as_str())));
        named.extend(rules.managed_slb.iter().map(|r| ("managed-slb".to_owned(), r.operation.as_str())));
        for (what, key) in named {
            if !operation_exists(key) {
                problems.push(format!("{what}: no high-risk row `{key}`"));
            }
        }
        for (kind, list) in [("event", &rules.event), ("log", &rules.log)] {
            for (i, r) in list.iter().enumerate() {
                let what = format!("{kind} rule {}", i + 1);
                if let Some(e) = &r.entry {
                    if !entry_exists(e) {
                        problems.push(format!("{what}: no entry `{e}`"));
                    }
                }
                if let Some(n) = &r.note {
                    if Note::parse(n).is_none() {
                        let known: Vec<&str> = Note::ALL.iter().map(|n| n.id()).collect();
                        problems.push(format!("{what}: unknown note `{n}`; known: {}", known.join(", ")));
                    }
                }
                if r.entry.is_none() && r.note.is_none() {
                    problems.push(format!("{what}: name an `entry` or a `note`"));
                }
            }
        }
        if problems.is_empty() {
            Ok(rules)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_stands_for_one_part_of_a_parameter_name() {
        let cases = [
            ("net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.eth0.rp_filter", true),
            ("net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.eth1.rp_filter", true),
            ("net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.lo.rp_filter", false),
            ("net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.eth0.arp_filter", false),
            ("net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.eth0.x.rp_filter", false),
            ("net.ipv4.ip_forward", "net.ipv4.ip_forward", true),
            ("net.ipv4.ip_forward", "net.ipv4.ip_forward_use_pmtu", false),
        ];
        for (pattern, key, want) in cases {
            assert_eq!(glob(pattern, key), want, "{pattern} {key}");
        }
    }

    #[test]
    fn values_compare_without_quotes_and_with_any_blanks() {
        let r = SysctlRule {
            keys: vec!["net.ipv4.ip_local_port_range".into()],
            bad: vec![],
            expected: Some("32768 60999".into()),
            severity: Sev::Warning,
            operation: "x".into(),
            fix: String::new(),
            absent: None,
        };
        assert!(!r.is_bad("32768\t60999"));
        assert!(!r.is_bad("\"32768 60999\""));
        assert!(r.is_bad("1024 65000"));
    }

    #[test]
    fn the_rules_in_the_knowledge_base_name_rows_entries_and_notes_that_exist() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let store = crate::content::ContentStore::read(&root).expect("content loads");
        let rules = Rules::load(&root, |e| store.contains(e), |k| store.high_risk().get(k).is_some()).expect("rules load");
        assert!(rules.sysctl.len() >= 5 && !rules.event.is_empty() && !rules.log.is_empty() && !rules.annotation.is_empty());
        let problems = Rules::load(&root, |_| false, |_| false).unwrap_err();
        assert!(problems.iter().any(|p| p.contains("no high-risk row `kernel-ip-forward-disabled`")), "{problems:?}");
    }
}
