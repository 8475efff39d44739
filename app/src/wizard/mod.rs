//! Guided remediation: the rules of the three wizards.
//!
//! Each wizard is a module with the same surface: its [`Step`]s, the words of its fields in
//! every locale, and `evaluate`, a pure function from raw [`Inputs`] to a localized
//! [`Report`] (field messages, verdict, plan). The server runs it for pages, saved runs and
//! `POST /api/wizards/{name}`; the hydrated page runs the same code as you type.
//!
//! Invariant: nothing under `wizard` knows of axum, Leptos, sqlx or tantivy.

mod types;
pub use types::*;

pub mod acl;
pub mod diagnostics;
pub mod runtime;
pub mod export;
pub mod flow;

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// The wizards, by their stable ids (URL segment, `wizard:` links in content, API name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WizardId {
    #[serde(rename = "runtime-migration")]
    RuntimeMigration,
    #[serde(rename = "diagnostics")]
    Diagnostics,
    #[serde(rename = "acl")]
    Acl,
}

impl WizardId {
    pub const ALL: [WizardId; 3] = [WizardId::RuntimeMigration, WizardId::Diagnostics, WizardId::Acl];
    /// The ids of [`WizardId::ALL`], in the same order.
    pub const IDS: [&'static str; 3] = [WizardId::ALL[0].id(), WizardId::ALL[1].id(), WizardId::ALL[2].id()];

    pub const fn id(self) -> &'static str {
        match self {
            WizardId::RuntimeMigration => "runtime-migration",
            WizardId::Diagnostics => "diagnostics",
            WizardId::Acl => "acl",
        }
    }

    pub fn parse(s: &str) -> Option<WizardId> {
        WizardId::ALL.into_iter().find(|w| w.id() == s)
    }

    pub fn steps(self) -> &'static [Step] {
        match self {
            WizardId::RuntimeMigration => runtime::STEPS,
            WizardId::Diagnostics => diagnostics::STEPS,
            WizardId::Acl => acl::STEPS,
        }
    }

    /// The knowledge base entries the wizard relies on (ids of `content/entries`).
    pub fn entries(self) -> &'static [&'static str] {
        match self {
            WizardId::RuntimeMigration => runtime::ENTRIES,
            WizardId::Diagnostics => diagnostics::ENTRIES,
            WizardId::Acl => acl::ENTRIES,
        }
    }

    pub fn title(self, l: Locale) -> &'static str {
        match self {
            WizardId::RuntimeMigration => runtime::title(l),
            WizardId::Diagnostics => diagnostics::title(l),
            WizardId::Acl => acl::title(l),
        }
    }

    /// One or two sentences: what the wizard does and what it needs.
    pub fn intro(self, l: Locale) -> &'static str {
        match self {
            WizardId::RuntimeMigration => runtime::intro(l),
            WizardId::Diagnostics => diagnostics::intro(l),
            WizardId::Acl => acl::intro(l),
        }
    }

    pub fn step_title(self, step: &str, l: Locale) -> &'static str {
        match self {
            WizardId::RuntimeMigration => runtime::step_title(step, l),
            WizardId::Diagnostics => diagnostics::step_title(step, l),
            WizardId::Acl => acl::step_title(step, l),
        }
    }

    pub fn field_text(self, field: &str, l: Locale) -> FieldText {
        match self {
            WizardId::RuntimeMigration => runtime::field_text(field, l),
            WizardId::Diagnostics => diagnostics::field_text(field, l),
            WizardId::Acl => acl::field_text(field, l),
        }
    }

    pub fn option_text(self, field: &str, value: &str, l: Locale) -> &'static str {
        match self {
            WizardId::RuntimeMigration => runtime::option_text(field, value, l),
            WizardId::Diagnostics => diagnostics::option_text(field, value, l),
            WizardId::Acl => acl::option_text(field, value, l),
        }
    }

    /// Whether a field is asked for, given the other inputs (for example the Edge egress
    /// CIDRs only for ACK Edge). Fields that do not apply are neither shown nor validated.
    pub fn applies(self, field: &str, inputs: &Inputs) -> bool {
        match self {
            WizardId::RuntimeMigration => runtime::applies(field, inputs),
            WizardId::Diagnostics => diagnostics::applies(field, inputs),
            WizardId::Acl => acl::applies(field, inputs),
        }
    }

    pub fn evaluate(self, inputs: &Inputs, l: Locale) -> Report {
        match self {
            WizardId::RuntimeMigration => runtime::evaluate(inputs, l),
            WizardId::Diagnostics => diagnostics::evaluate(inputs, l),
            WizardId::Acl => acl::evaluate(inputs, l),
        }
    }

    /// Every field name of the wizard, in step order.
    pub fn field_names(self) -> impl Iterator<Item = &'static str> {
        self.steps().iter().flat_map(|s| s.fields.iter().map(|f| f.name))
    }

    /// Keeps only the wizard's own fields of `raw` (drops navigation and unknown keys).
    pub fn inputs_from<'a>(self, raw: impl IntoIterator<Item = (&'a str, &'a str)>) -> Inputs {
        let names: Vec<&str> = self.field_names().collect();
        raw.into_iter()
            .filter(|(k, _)| names.contains(k))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }
}

/// The message for a required field left empty.
pub fn missing(field: &str, l: Locale) -> FieldMessage {
    let message = crate::catalog::tr!(l, "wizard.field-required");
    FieldMessage { field: field.to_owned(), severity: Severity::Error, message: message.to_owned(), missing: true }
}

/// A message about a field.
pub fn message(field: &str, severity: Severity, message: impl Into<String>) -> FieldMessage {
    FieldMessage { field: field.to_owned(), severity, message: message.into(), missing: false }
}

/// The `missing` messages of every required, applicable, empty field, in step order.
pub fn missing_required(w: WizardId, inputs: &Inputs, l: Locale) -> Vec<FieldMessage> {
    w.steps()
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.required && w.applies(f.name, inputs) && value(inputs, f.name).is_none())
        .map(|f| missing(f.name, l))
        .collect()
}
