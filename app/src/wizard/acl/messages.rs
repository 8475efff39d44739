//! Field messages: the log that keeps at most a few per field and severity and sums up the
//! rest, in step order, and the small helpers every message uses (a quoted token, a list).

use super::form::STEPS;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};

/// Messages of one severity shown per field before the rest are summed up in one line.
const MAX_MESSAGES: usize = 20;

/// A user's token as quoted in a message: at most 60 characters.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

pub(super) fn list_sep(l: Locale) -> &'static str {
    tr!(l, "acl.list-separator")
}

/// Collects field messages, at most [`MAX_MESSAGES`] per field and severity, and a line that
/// sums up the rest.
pub(super) struct Log {
    pub(super) messages: Vec<FieldMessage>,
    overflow: Vec<(&'static str, Severity, usize)>,
}

impl Log {
    pub(super) fn new() -> Self {
        Log { messages: Vec::new(), overflow: Vec::new() }
    }

    pub(super) fn push(&mut self, field: &'static str, severity: Severity, text: String) {
        let shown = self.messages.iter().filter(|m| m.field == field && m.severity == severity).count();
        if shown < MAX_MESSAGES {
            self.messages.push(message(field, severity, text));
        } else if let Some(o) = self.overflow.iter_mut().find(|o| o.0 == field && o.1 == severity) {
            o.2 += 1;
        } else {
            self.overflow.push((field, severity, 1));
        }
    }

    pub(super) fn has_errors(&self) -> bool {
        self.messages.iter().any(|m| m.severity == Severity::Error)
    }

    /// The messages in step order, with the summed-up lines.
    pub(super) fn finish(mut self, l: Locale) -> Vec<FieldMessage> {
        for (field, severity, n) in std::mem::take(&mut self.overflow) {
            let text = tr!(l, "acl.more-similar-messages", n);
            self.messages.push(message(field, severity, text));
        }
        let order =
            |f: &str| STEPS.iter().flat_map(|s| s.fields.iter()).position(|x| x.name == f).unwrap_or(usize::MAX);
        self.messages.sort_by_key(|m| order(&m.field));
        self.messages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::acl::testutil::{has_msg, run, with};

    #[test]
    fn too_many_bad_tokens_are_summed_up() {
        let junk: String = (0..100).map(|i| format!("junk{i} ")).collect();
        let r = run(&with(&[("clients", junk.as_str())]));
        let errors = r.for_field("clients").filter(|m| m.severity == Severity::Error).count();
        assert_eq!(errors, MAX_MESSAGES + 1);
        assert!(has_msg(&r, "clients", Severity::Error, "80"));
    }

    #[test]
    fn messages_come_in_step_order() {
        let r = run(&[
            ("kind", "nope"),
            ("vpc", "x"),
            ("clients", ""),
            ("current", "y1"),
            ("region", "Z"),
            ("acl_id", "q"),
        ]);
        let order: Vec<&str> = r.messages.iter().map(|m| m.field.as_str()).collect();
        let pos = |f: &str| order.iter().position(|x| *x == f).unwrap();
        assert!(
            pos("kind") < pos("vpc")
                && pos("vpc") < pos("clients")
                && pos("clients") < pos("current")
                && pos("current") < pos("region")
                && pos("region") < pos("acl_id"),
            "{order:?}"
        );
    }
}
