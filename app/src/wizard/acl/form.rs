//! The form: the wizard's steps and fields, the messages that name them (title, intro, step
//! titles, labels, hints, options; texts in `app/locales/<locale>/acl.toml`), the placeholders,
//! and which fields apply to which cluster type.

use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{value, Field, FieldKind, FieldText, Inputs, Step};

/// The values of `kind`.
pub(super) const KINDS: &[&str] = &["ack", "edge", "lingjun"];

pub const STEPS: &[Step] = &[
    Step { id: "cluster", fields: &[Field { name: "kind", kind: FieldKind::Choice(KINDS), required: true }] },
    Step {
        id: "networks",
        fields: &[
            Field { name: "vpc", kind: FieldKind::Textarea, required: true },
            Field { name: "clients", kind: FieldKind::Textarea, required: true },
            // Required only where they apply (see `applies`).
            Field { name: "edge_egress", kind: FieldKind::Textarea, required: true },
            Field { name: "lingjun_vpd", kind: FieldKind::Textarea, required: true },
        ],
    },
    Step {
        id: "audit",
        fields: &[
            Field { name: "current", kind: FieldKind::Textarea, required: false },
            Field { name: "region", kind: FieldKind::Text, required: false },
            Field { name: "acl_id", kind: FieldKind::Text, required: false },
        ],
    },
];

pub fn title(l: Locale) -> &'static str {
    tr!(l, "acl.title")
}

pub fn intro(l: Locale) -> &'static str {
    tr!(l, "acl.intro")
}

pub fn step_title(step: &str, l: Locale) -> &'static str {
    match step {
        "cluster" => tr!(l, "acl.step-cluster"),
        "networks" => tr!(l, "acl.step-networks"),
        "audit" => tr!(l, "acl.step-audit"),
        _ => "",
    }
}

pub fn field_text(field: &str, l: Locale) -> FieldText {
    let (label, hint, placeholder) = match field {
        "kind" => (
            tr!(l, "acl.field-kind-label"),
            tr!(l, "acl.field-kind-hint"),
            "",
        ),
        "vpc" => (
            tr!(l, "acl.field-vpc-label"),
            tr!(l, "acl.field-vpc-hint"),
            "192.168.0.0/16",
        ),
        "clients" => (
            tr!(l, "acl.field-clients-label"),
            tr!(l, "acl.field-clients-hint"),
            "203.0.113.0/24\n198.51.100.7",
        ),
        "edge_egress" => (
            tr!(l, "acl.field-edge-egress-label"),
            tr!(l, "acl.field-edge-egress-hint"),
            "198.51.100.0/24",
        ),
        "lingjun_vpd" => (
            tr!(l, "acl.field-lingjun-vpd-label"),
            tr!(l, "acl.field-lingjun-vpd-hint"),
            "10.0.0.0/16",
        ),
        "current" => (
            tr!(l, "acl.field-current-label"),
            tr!(l, "acl.field-current-hint"),
            "100.104.0.0/16  ack\n192.168.0.0/16  vpc",
        ),
        "region" => (
            tr!(l, "acl.field-region-label"),
            tr!(l, "acl.field-region-hint"),
            "cn-hangzhou",
        ),
        "acl_id" => (
            tr!(l, "acl.field-acl-id-label"),
            tr!(l, "acl.field-acl-id-hint"),
            "acl-bp1l0kk4gxce43kzet04s",
        ),
        _ => ("", "", ""),
    };
    FieldText { label, hint, placeholder }
}

pub fn option_text(field: &str, value: &str, l: Locale) -> &'static str {
    match (field, value) {
        ("kind", "ack") => tr!(l, "acl.option-kind-ack"),
        ("kind", "edge") => tr!(l, "acl.option-kind-edge"),
        ("kind", "lingjun") => tr!(l, "acl.option-kind-lingjun"),
        _ => "",
    }
}

pub fn applies(field: &str, inputs: &Inputs) -> bool {
    match field {
        "edge_egress" => value(inputs, "kind") == Some("edge"),
        "lingjun_vpd" => value(inputs, "kind") == Some("lingjun"),
        "kind" | "vpc" | "clients" | "current" | "region" | "acl_id" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::testutil::inputs;

    #[test]
    fn every_text_exists_in_every_locale() {
        for l in Locale::ALL {
            assert!(!title(l).is_empty() && !intro(l).is_empty());
            for step in STEPS {
                assert!(!step_title(step.id, l).is_empty(), "{} {l:?}", step.id);
                for f in step.fields {
                    let ft = field_text(f.name, l);
                    assert!(!ft.label.is_empty() && !ft.hint.is_empty(), "{} {l:?}", f.name);
                    if let FieldKind::Choice(values) = f.kind {
                        for v in values {
                            assert!(!option_text(f.name, v, l).is_empty(), "{}={v} {l:?}", f.name);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn applies_only_to_the_matching_kind() {
        let i = inputs(&[("kind", "edge")]);
        assert!(applies("edge_egress", &i) && !applies("lingjun_vpd", &i));
        let i = inputs(&[("kind", "lingjun")]);
        assert!(!applies("edge_egress", &i) && applies("lingjun_vpd", &i));
        let i = inputs(&[("kind", "ack")]);
        assert!(!applies("edge_egress", &i) && !applies("lingjun_vpd", &i));
        assert!(applies("vpc", &i) && applies("current", &i) && !applies("step", &i));
    }
}
