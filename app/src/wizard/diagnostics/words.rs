//! The diagnostics wizard's words (texts in `app/locales/<locale>/diagnostics.toml`): its
//! title and intro, the texts of its steps, fields, options and linked entries, and how a
//! list or a user's value is written into a message.

use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{FieldText, FOLLOW_UP};

/// Joins values as a list in the locale's way (`、` in Chinese and Japanese).
pub(super) fn join(items: &[&str], l: Locale) -> String {
    items.join(tr!(l, "diagnostics.list-separator"))
}

/// A user's value as it may be quoted in a message: one line, at most 60 characters.
pub(super) fn quote(s: &str) -> String {
    let mut out: String = s.chars().take(60).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if s.chars().nth(60).is_some() {
        out.push('…');
    }
    out.trim().to_owned()
}

pub fn title(l: Locale) -> &'static str {
    tr!(l, "diagnostics.title")
}

pub fn intro(l: Locale) -> &'static str {
    tr!(l, "diagnostics.intro")
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "cluster" => tr!(l, "diagnostics.step-cluster"),
        "node" => tr!(l, "diagnostics.step-node"),
        FOLLOW_UP => tr!(l, "diagnostics.step-follow-up"),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "cluster_type" => (
            tr!(l, "diagnostics.field-cluster-type-label"),
            tr!(l, "diagnostics.field-cluster-type-hint"),
            "",
        ),
        "role" => (
            tr!(l, "diagnostics.field-role-label"),
            tr!(l, "diagnostics.field-role-hint"),
            "",
        ),
        "os" => (
            tr!(l, "diagnostics.field-os-label"),
            tr!(l, "diagnostics.field-os-hint"),
            "",
        ),
        "region" => (
            tr!(l, "diagnostics.field-region-label"),
            tr!(l, "diagnostics.field-region-hint"),
            "cn-hangzhou",
        ),
        "output" => (
            tr!(l, "diagnostics.field-output-label"),
            tr!(l, "diagnostics.field-output-hint"),
            "please get diagnose_1514939155.tar.gz for diagnostics",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("cluster_type", "managed") => tr!(l, "diagnostics.option-cluster-type-managed"),
        ("cluster_type", "dedicated") => tr!(l, "diagnostics.option-cluster-type-dedicated"),
        ("role", "worker") => tr!(l, "diagnostics.option-role-worker"),
        ("role", "master") => tr!(l, "diagnostics.option-role-master"),
        ("os", "linux") => "Linux",
        ("os", "windows") => "Windows",
        _ => "",
    }
}


pub(super) fn entry_text(id: &str, l: Locale) -> &'static str {
    match id {
        "collect-node-diagnostics" => tr!(l, "diagnostics.entry-collect-node-diagnostics"),
        "troubleshoot-cluster" => tr!(l, "diagnostics.entry-troubleshoot-cluster"),
        "access-master-nodes" => tr!(l, "diagnostics.entry-access-master-nodes"),
        "add-remove-master-nodes" => tr!(l, "diagnostics.entry-add-remove-master-nodes"),
        "managed-control-plane-ha" => tr!(l, "diagnostics.entry-managed-control-plane-ha"),
        "failure-apiserver-stopped" => tr!(l, "diagnostics.entry-failure-apiserver-stopped"),
        "failure-backend-data-lost" => tr!(l, "diagnostics.entry-failure-backend-data-lost"),
        "failure-node-down" => tr!(l, "diagnostics.entry-failure-node-down"),
        "failure-kubelet-failure" => tr!(l, "diagnostics.entry-failure-kubelet-failure"),
        "failure-misconfiguration" => tr!(l, "diagnostics.entry-failure-misconfiguration"),
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::diagnostics::testutil::inputs;
    use crate::wizard::diagnostics::{evaluate, ENTRIES, STEPS};
    use crate::wizard::{fill_template as fill, FieldKind};

    #[test]
    fn fill_replaces_once_and_keeps_unknown_slots() {
        assert_eq!(fill("a {x} b {y} {z}", &[("x", "{y}"), ("y", "2")]), "a {y} b 2 {z}");
        assert_eq!(fill("open { only", &[]), "open { only");
        assert_eq!(fill("", &[("x", "1")]), "");
    }

    #[test]
    fn quote_is_short_and_on_one_line() {
        assert_eq!(quote("a\nb"), "a b");
        let long = "x".repeat(500);
        assert_eq!(quote(&long).chars().count(), 61);
    }

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty());
            assert!(!intro(l).is_empty());
            for step in STEPS {
                assert!(!step_title(step.id, l).is_empty(), "step {} {l}", step.id);
                for field in step.fields {
                    let ft = field_text(field.name, l);
                    assert!(!ft.label.is_empty(), "label {} {l}", field.name);
                    assert!(!ft.hint.is_empty(), "hint {} {l}", field.name);
                    if let FieldKind::Choice(options) = field.kind {
                        for o in options {
                            assert!(!option_text(field.name, o, l).is_empty(), "option {}={o} {l}", field.name);
                        }
                    }
                }
            }
            for id in ENTRIES {
                assert!(!entry_text(id, l).is_empty(), "entry {id} {l}");
            }
        }
    }

    #[test]
    fn locales_differ_where_they_should() {
        // Catches a string pasted into the wrong slot of `t`.
        let zh = intro(Locale::Zh);
        for l in [Locale::ZhTw, Locale::Id, Locale::Ja] {
            assert_ne!(intro(l), zh, "{l}");
        }
        let r = |l| evaluate(&inputs(&[("cluster_type", "managed"), ("role", "worker"), ("os", "linux"), ("region", "cn-beijing")]), l);
        let texts: Vec<String> = Locale::ALL.iter().map(|l| r(*l).verdict.unwrap().headline).collect();
        for i in 0..texts.len() {
            for j in i + 1..texts.len() {
                assert_ne!(texts[i], texts[j]);
            }
        }
    }
}
