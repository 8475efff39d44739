//! Links that never break: the registry of published link targets (`content/links.toml`),
//! the check that each still leads somewhere, and the name of the product a `/go` link
//! says it comes from. Pure: the content loader hands it what exists now ([`Targets`]).
//!
//! Other products embed `/go/<id>`, `/<lang>/entries/<id>` and prefilled wizard links.
//! Once a target is in the registry, the knowledge base may rename, split or merge entries
//! only by keeping the old id as an alias; a target that no longer resolves stops the
//! loader (and so the tests) with what to do about it.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The registry's file, under the content folder.
pub const FILE: &str = "links.toml";

/// What other products may link to, as committed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Entry ids (an alias counts: it leads to the entry that took it).
    #[serde(default)]
    pub entries: BTreeSet<String>,
    /// Keys of high-risk operation rows (`/go/<key>`).
    #[serde(default)]
    pub operations: BTreeSet<String>,
    /// Wizards by name, with the `?step=` values and the fields a link may prefill.
    #[serde(default)]
    pub wizards: BTreeMap<String, PublishedWizard>,
    /// The output check's `?kind=` values (`/<lang>/check?kind=<kind>&output=...`).
    #[serde(default)]
    pub checks: BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedWizard {
    #[serde(default)]
    pub steps: BTreeSet<String>,
    #[serde(default)]
    pub fields: BTreeSet<String>,
}

/// What links can reach now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    pub entries: BTreeSet<String>,
    /// Alias → the entry it leads to.
    pub aliases: BTreeMap<String, String>,
    pub operations: BTreeSet<String>,
    pub wizards: BTreeMap<String, PublishedWizard>,
    pub checks: BTreeSet<String>,
}

impl Targets {
    /// The output check's kinds, and `auto`.
    pub fn checks_now() -> BTreeSet<String> {
        app::check::OutputKind::ALL.iter().map(|k| k.id().to_owned()).chain(["auto".to_owned()]).collect()
    }

    /// Every wizard there is, with its `?step=` values (the form's steps and `result`) and
    /// its fields.
    pub fn wizards_now() -> BTreeMap<String, PublishedWizard> {
        use app::wizard::{flow, WizardId};
        WizardId::ALL
            .into_iter()
            .map(|w| {
                let steps = flow::form_steps(w).map(|s| s.id.to_owned()).chain([flow::RESULT.to_owned()]).collect();
                let fields = w.field_names().map(str::to_owned).collect();
                (w.id().to_owned(), PublishedWizard { steps, fields })
            })
            .collect()
    }
}

impl Registry {
    pub fn parse(text: &str) -> Result<Registry, String> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].lines().count().max(1));
            match line {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_owned(),
            }
        })
    }

    /// Every target of `now` added to this registry. Nothing is taken out: a target
    /// leaves the registry only when someone removes it on purpose.
    pub fn extended(&self, now: &Targets) -> Registry {
        let mut out = self.clone();
        out.entries.extend(now.entries.iter().cloned());
        out.operations.extend(now.operations.iter().cloned());
        for (name, w) in &now.wizards {
            let p = out.wizards.entry(name.clone()).or_default();
            p.steps.extend(w.steps.iter().cloned());
            p.fields.extend(w.fields.iter().cloned());
        }
        out.checks.extend(now.checks.iter().cloned());
        out
    }

    /// The file's text: a header that says what the file is, then one target per line.
    pub fn to_toml(&self) -> String {
        let list = |items: &BTreeSet<String>, indent: &str| {
            if items.is_empty() {
                return "[]".to_owned();
            }
            let lines: Vec<String> = items.iter().map(|i| format!("{indent}  \"{i}\",")).collect();
            format!("[\n{}\n{indent}]", lines.join("\n"))
        };
        let mut out = String::from(HEADER);
        out.push_str(&format!("\nentries = {}\n", list(&self.entries, "")));
        out.push_str(&format!("\noperations = {}\n", list(&self.operations, "")));
        out.push_str(&format!("\nchecks = {}\n", list(&self.checks, "")));
        for (name, w) in &self.wizards {
            out.push_str(&format!("\n[wizards.{name}]\nsteps = {}\nfields = {}\n", list(&w.steps, ""), list(&w.fields, "")));
        }
        out
    }
}

const HEADER: &str = "\
# Published link targets: what other products link to (/go/<id>, /<lang>/entries/<id>,
# /go/<operation key>, /<lang>/wizards/<name>?step=<step>&<field>=...,
# /<lang>/check?kind=<kind>&output=...). The content loader
# (and so every test) fails when one of them no longer leads anywhere.
#
# Renaming, splitting or merging an entry: put the old id in the `aliases` of the entry
# that now answers it. Removing a target on purpose: delete its line here.
# Publishing new targets: `cargo run -p server -- links --write` adds every current
# entry, operation, wizard step and field (docs/API.md, \"Links from other products\").
";

/// Each published target that no longer resolves, with what to do about it.
pub fn check(registry: &Registry, now: &Targets) -> Vec<String> {
    let mut problems = Vec::new();
    for id in &registry.entries {
        if !now.entries.contains(id) && !now.aliases.contains_key(id) {
            problems.push(format!(
                "published entry `{id}` is neither an entry nor an alias: add `{id}` to the `aliases` of the entry that answers it now, or remove it from {FILE} if links to it may break"
            ));
        }
    }
    for key in &registry.operations {
        if !now.operations.contains(key) {
            problems.push(format!(
                "published operation `{key}` is no longer a row of the high-risk operations table: keep its key, or remove it from {FILE} if links to it may break"
            ));
        }
    }
    for kind in registry.checks.difference(&now.checks) {
        problems.push(format!(
            "published output kind `{kind}` of the check no longer exists: keep reading `?kind={kind}`, or remove it from {FILE} if links to it may break"
        ));
    }
    for (name, published) in &registry.wizards {
        let Some(current) = now.wizards.get(name) else {
            problems.push(format!("published wizard `{name}` no longer exists: keep it, or remove it from {FILE} if links to it may break"));
            continue;
        };
        for step in published.steps.difference(&current.steps) {
            problems.push(format!(
                "published step `{step}` of wizard `{name}` no longer exists: keep the step id, or remove it from {FILE} if links to it may break"
            ));
        }
        for field in published.fields.difference(&current.fields) {
            problems.push(format!(
                "published field `{field}` of wizard `{name}` no longer exists: keep reading it from the URL, or remove it from {FILE} if links that prefill it may break"
            ));
        }
    }
    problems
}

/// The longest product name a `/go` link may carry in `from`.
pub const MAX_SOURCE_LEN: usize = 32;
/// The source of a `/go` arrival whose `from` is not a product name.
pub const OTHER_SOURCE: &str = "other";

/// The product a `/go` link says it comes from: `from` when it is a product name (1 to 32
/// lowercase ASCII letters, digits and hyphens, starting with a letter or digit),
/// [`OTHER_SOURCE`] for anything else, and `""` when the link does not say. Nothing a link
/// carries is kept verbatim unless it has that shape.
pub fn arrival_source(from: Option<&str>) -> &str {
    match from {
        None | Some("") => "",
        Some(f) if is_product_name(f) => f,
        Some(_) => OTHER_SOURCE,
    }
}

fn is_product_name(s: &str) -> bool {
    s.len() <= MAX_SOURCE_LEN
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// What `GET /api/links` answers: the published targets, with their addresses and titles
/// in each locale asked for.
#[derive(Debug, Clone, Serialize)]
pub struct LinksView {
    /// The locale asked for, or none for all four.
    pub lang: Option<app::locale::Locale>,
    pub entries: Vec<EntryLink>,
    pub operations: Vec<OperationLink>,
    pub wizards: Vec<WizardLink>,
    /// The output check: `/<lang>/check?output=<paste>&kind=<kind>`.
    pub check: CheckLink,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckLink {
    pub urls: BTreeMap<String, String>,
    /// A prefilled link in each locale.
    pub example: BTreeMap<String, String>,
    /// The published `?kind=` values with their names (`auto`, the default, is not listed).
    pub kinds: Vec<CheckKindLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckKindLink {
    pub kind: String,
    pub names: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryLink {
    pub id: String,
    /// Former ids that lead here too.
    pub aliases: Vec<String>,
    /// `/go/<id>`: the entry in the reader's locale.
    pub go: String,
    /// Locale code → `/<lang>/entries/<id>`.
    pub urls: BTreeMap<String, String>,
    pub titles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OperationLink {
    pub key: String,
    pub go: String,
    pub urls: BTreeMap<String, String>,
    /// The operation as the table words it.
    pub titles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WizardLink {
    pub name: String,
    pub urls: BTreeMap<String, String>,
    pub titles: BTreeMap<String, String>,
    /// `?step=` values.
    pub steps: Vec<String>,
    pub fields: Vec<WizardFieldLink>,
    /// A prefilled link in each locale.
    pub examples: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WizardFieldLink {
    pub name: String,
    pub labels: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn now() -> Targets {
        Targets {
            entries: set(&["kubectl-timeout", "node-not-ready"]),
            aliases: [("kubectl-slow".to_owned(), "kubectl-timeout".to_owned())].into(),
            operations: set(&["delete-apiserver-slb"]),
            wizards: [("acl".to_owned(), PublishedWizard { steps: set(&["cluster", "result"]), fields: set(&["kind", "vpc"]) })].into(),
            checks: set(&["auto", "sysctl"]),
        }
    }

    fn registry(entries: &[&str], operations: &[&str], steps: &[&str], fields: &[&str]) -> Registry {
        Registry {
            entries: set(entries),
            operations: set(operations),
            wizards: [("acl".to_owned(), PublishedWizard { steps: set(steps), fields: set(fields) })].into(),
            checks: set(&["sysctl"]),
        }
    }

    #[test]
    fn every_target_that_still_leads_somewhere_passes() {
        let r = registry(&["kubectl-timeout", "kubectl-slow"], &["delete-apiserver-slb"], &["cluster", "result"], &["kind", "vpc"]);
        assert_eq!(check(&r, &now()), Vec::<String>::new());
        assert_eq!(check(&Registry::default(), &now()), Vec::<String>::new(), "nothing published, nothing to break");
    }

    #[test]
    fn a_removed_target_fails_the_check_and_says_what_to_do() {
        let mut missing_wizard = registry(&[], &[], &[], &[]);
        missing_wizard.wizards.insert("magic".into(), PublishedWizard::default());
        let cases: &[(&str, Registry, &[&str])] = &[
            ("entry gone", registry(&["renamed-away"], &[], &[], &[]), &["entry `renamed-away`", "add `renamed-away` to the `aliases`", "remove it from links.toml"]),
            ("operation gone", registry(&[], &["delete-everything"], &[], &[]), &["operation `delete-everything`"]),
            ("step gone", registry(&[], &[], &["networks"], &[]), &["step `networks` of wizard `acl`"]),
            ("field gone", registry(&[], &[], &[], &["clients"]), &["field `clients` of wizard `acl`"]),
            ("wizard gone", missing_wizard, &["wizard `magic` no longer exists"]),
            ("output kind gone", Registry { checks: set(&["iptables"]), ..Registry::default() }, &["output kind `iptables` of the check"]),
        ];
        for (name, r, wants) in cases {
            let problems = check(r, &now());
            assert_eq!(problems.len(), 1, "{name}: {problems:?}");
            for want in *wants {
                assert!(problems[0].contains(want), "{name}: `{want}` in {}", problems[0]);
            }
        }
    }

    #[test]
    fn extending_adds_what_exists_and_keeps_what_was_published() {
        let old = registry(&["kubectl-slow", "renamed-away"], &[], &["cluster"], &[]);
        let r = old.extended(&now());
        assert_eq!(r.entries, set(&["kubectl-slow", "kubectl-timeout", "node-not-ready", "renamed-away"]), "a broken target stays until removed on purpose");
        assert_eq!(r.operations, set(&["delete-apiserver-slb"]));
        assert_eq!(r.wizards["acl"].fields, set(&["kind", "vpc"]));
        assert_eq!(Registry::parse(&r.to_toml()), Ok(r.clone()), "the written file reads back the same");
        assert!(r.to_toml().contains("\nentries = [\n  \"kubectl-slow\",\n"), "{}", r.to_toml());
        assert!(Registry::parse("colour = 1").unwrap_err().contains("unknown field"));
    }

    #[test]
    fn a_go_link_names_its_product_or_counts_as_other() {
        let long = "a".repeat(MAX_SOURCE_LEN + 1);
        let max = "a".repeat(MAX_SOURCE_LEN);
        let cases = [
            (None, ""),
            (Some(""), ""),
            (Some("console-x"), "console-x"),
            (Some("ecs2"), "ecs2"),
            (Some(max.as_str()), max.as_str()),
            (Some(long.as_str()), OTHER_SOURCE),
            (Some("Console"), OTHER_SOURCE),
            (Some("-x"), OTHER_SOURCE),
            (Some("控制台"), OTHER_SOURCE),
            (Some("<script>alert(1)</script>"), OTHER_SOURCE),
            (Some("a b"), OTHER_SOURCE),
            (Some("0123456789abcdef.1"), OTHER_SOURCE),
        ];
        for (from, want) in cases {
            assert_eq!(arrival_source(from), want, "{from:?}");
        }
    }
}
