//! The form: its steps and fields, and the messages that name the wizard, its steps, fields
//! and options (texts in `app/locales/<locale>/runtime.toml`).

use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{Field, FieldKind, FieldText, Inputs, Step};

pub const STEPS: &[Step] = &[
    Step {
        id: "versions",
        fields: &[
            Field { name: "current_version", kind: FieldKind::Text, required: true },
            Field { name: "target_version", kind: FieldKind::Text, required: false },
            Field { name: "target_runtime", kind: FieldKind::Choice(RUNTIME_CHOICES), required: false },
        ],
    },
    Step {
        id: "pools",
        fields: &[
            Field { name: "pools", kind: FieldKind::Textarea, required: false },
            Field { name: "nodes", kind: FieldKind::Textarea, required: false },
        ],
    },
];

/// Values of `target_runtime`. Empty means `containerd`.
const RUNTIME_CHOICES: &[&str] = &["containerd", "docker"];

pub fn title(l: Locale) -> &'static str {
    tr!(l, "runtime.title")
}

pub fn intro(l: Locale) -> &'static str {
    tr!(l, "runtime.intro")
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "versions" => {
            tr!(l, "runtime.step-versions")
        }
        "pools" => tr!(l, "runtime.step-pools"),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "current_version" => (
            tr!(l, "runtime.field-current-version-label"),
            tr!(l, "runtime.field-current-version-hint"),
            "1.22.15-aliyun.1",
        ),
        "target_version" => (
            tr!(l, "runtime.field-target-version-label"),
            tr!(l, "runtime.field-target-version-hint"),
            "1.24",
        ),
        "target_runtime" => (
            tr!(l, "runtime.field-target-runtime-label"),
            tr!(l, "runtime.field-target-runtime-hint"),
            "",
        ),
        "pools" => (
            tr!(l, "runtime.field-pools-label"),
            tr!(l, "runtime.field-pools-hint"),
            "np-web docker://19.3.15\nnp-batch containerd\nnp-secure sandboxed",
        ),
        "nodes" => (
            tr!(l, "runtime.field-nodes-label"),
            tr!(l, "runtime.field-nodes-hint"),
            "NAME   STATUS   ROLES   AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE   KERNEL-VERSION   CONTAINER-RUNTIME   NODEPOOL-ID",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("target_runtime", "containerd") => {
            tr!(l, "runtime.option-target-runtime-containerd")
        }
        ("target_runtime", "docker") => tr!(l, "runtime.option-target-runtime-docker"),
        _ => "",
    }
}

pub fn applies(_field: &str, _inputs: &Inputs) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty() && !intro(l).is_empty());
            for s in STEPS {
                assert!(!step_title(s.id, l).is_empty(), "{} {l}", s.id);
                for f in s.fields {
                    let ft = field_text(f.name, l);
                    assert!(!ft.label.is_empty() && !ft.hint.is_empty(), "{} {l}", f.name);
                    if let FieldKind::Choice(values) = f.kind {
                        for v in values {
                            assert!(!option_text(f.name, v, l).is_empty(), "{}={v} {l}", f.name);
                        }
                    }
                }
            }
        }
        // The locales really differ.
        let set: BTreeSet<&str> = Locale::ALL.iter().map(|l| intro(*l)).collect();
        assert_eq!(set.len(), 4);
    }

    #[test]
    fn every_field_applies() {
        let empty = Inputs::new();
        for s in STEPS {
            for f in s.fields {
                assert!(applies(f.name, &empty));
            }
        }
    }
}
