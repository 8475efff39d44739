//! The shapes every wizard shares: its steps and fields, the raw inputs, and the report.
//!
//! Pure data. Nothing here knows of axum, Leptos, sqlx or tantivy, so the rules are
//! table-tested and the same code runs on the server and, hydrated, in the browser.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A wizard's inputs as typed: field name → raw text. The same map comes from a URL query,
/// a form post or the JSON API. Values are kept verbatim (nothing is lost on bad input);
/// the rules trim and parse them.
pub type Inputs = BTreeMap<String, String>;

/// Names that are never fields: the page uses them for navigation.
pub const RESERVED: &[&str] = &["step", "action", "check", "lang"];

/// The id of a step whose fields are asked for on the result page, under the plan (for
/// example the pasted output of a script that the plan told the user to run). Its fields are
/// never required for the report to be complete.
pub const FOLLOW_UP: &str = "follow-up";

/// One page of a wizard's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Stable id, used in `?step=`.
    pub id: &'static str,
    pub fields: &'static [Field],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The input's `name` and its key in [`Inputs`] and in URL queries.
    pub name: &'static str,
    pub kind: FieldKind,
    /// Required fields left empty get a [`FieldMessage`] with `missing: true`.
    pub required: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A one-line text input.
    Text,
    /// A multi-line text area (lists of CIDRs, pasted command output).
    Textarea,
    /// One of the listed values, shown as radio buttons. The first is not preselected.
    Choice(&'static [&'static str]),
}

/// A field's words in one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldText {
    pub label: &'static str,
    /// One line under the field: what to enter, in which format. May be empty.
    pub hint: &'static str,
    /// Example shown inside an empty input. May be empty.
    pub placeholder: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the step: the value cannot be used.
    Error,
    /// Usable, but the user should look again (normalized host bits, 0.0.0.0/0 …).
    Warning,
    /// A remark about the value (for example: "3 node pools read from the pasted output").
    Info,
}

/// A message attached to one field, in the report's locale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: String,
    pub severity: Severity,
    pub message: String,
    /// True when the message only says that a required field is empty. Validation as you
    /// type hides these until the step is submitted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Nothing stands in the way.
    Ok,
    /// Possible, with care or with extra steps.
    Caution,
    /// Not possible as asked, or a lock-out risk.
    Blocked,
}

/// The short answer of a finished run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub level: Level,
    pub headline: String,
    #[serde(default)]
    pub details: Vec<String>,
}

/// One part of the plan: a heading and what goes under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of plain text.
    Text { text: String },
    /// Something to run or apply, with a copy button. `lang` is `bash`, `powershell`,
    /// `yaml`, `json` or `cmd`.
    Command { lang: String, code: String },
    /// What a command prints. Never something to run, so no copy button.
    Output { code: String },
    /// A bulleted list (`ordered: true` for steps that must happen in order).
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<String>,
    },
    /// A table; every row has as many cells as `headers`.
    Table { headers: Vec<String>, rows: Vec<Vec<String>> },
    /// A checklist item: a check to make and the command that makes it.
    Check { text: String, lang: String, code: String },
    /// A link to a knowledge base entry by id, with its text.
    Entry { id: String, text: String },
}

/// What a wizard says about a set of inputs. Transport type: the JSON API returns it as is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Field errors, warnings and remarks, in step order.
    pub messages: Vec<FieldMessage>,
    /// True when every required field is filled and no message is an error.
    pub complete: bool,
    /// Present only when `complete`.
    pub verdict: Option<Verdict>,
    /// The plan; empty unless `complete`.
    pub sections: Vec<Section>,
}

impl Report {
    /// The report of inputs that are not complete yet: only the messages.
    pub fn incomplete(messages: Vec<FieldMessage>) -> Self {
        Report { messages, complete: false, verdict: None, sections: Vec::new() }
    }

    /// Whether any message is an error (missing or invalid).
    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(|m| m.severity == Severity::Error)
    }

    /// The messages about one field.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldMessage> + 'a {
        self.messages.iter().filter(move |m| m.field == field)
    }
}

/// The text of an input: trimmed, with `None` for empty.
pub fn value<'a>(inputs: &'a Inputs, field: &str) -> Option<&'a str> {
    inputs.get(field).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Replaces `{name}` slots of a template with their values in one pass: a value that
/// itself holds `{…}` (typed by the user) is never expanded again. Unknown slots stay.
pub use crate::catalog::fill as fill_template;
