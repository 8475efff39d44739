//! How a wizard moves between its steps: which page a submitted step leads to, and the
//! URL query that carries the inputs there. Pure, so that the server's form handler and
//! the tests share it.

use super::{Inputs, Report, Severity, WizardId, FOLLOW_UP};
use crate::locale::Locale;

/// The value of `?step=` for the result page.
pub const RESULT: &str = "result";

/// Where a person is in a wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// A form step, by index into [`form_steps`].
    Step(usize),
    /// The verdict and the plan.
    Result,
}

/// The button a step was submitted with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Next,
    Back,
    /// Evaluate again on the result page (after pasting follow-up output).
    Check,
    /// Save the finished run.
    Save,
    /// Download the run as Markdown, without saving it.
    Export,
}

impl Action {
    /// The `action` value of a submit button; anything else counts as Next.
    pub fn parse(s: Option<&str>) -> Action {
        match s {
            Some("back") => Action::Back,
            Some("check") => Action::Check,
            Some("save") => Action::Save,
            Some("export") => Action::Export,
            _ => Action::Next,
        }
    }
}

/// Where a submission leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Show a page; `check` shows the "required" messages too.
    Show { at: Position, check: bool },
    /// Store the run and go to its permalink.
    Save,
    /// Answer with the run as a Markdown file.
    Export,
}

/// The steps asked for before the result (all but the follow-up step).
pub fn form_steps(w: WizardId) -> impl Iterator<Item = &'static super::Step> {
    w.steps().iter().filter(|s| s.id != FOLLOW_UP)
}

/// The position named by a `?step=` value. Unknown or absent values mean the first step.
pub fn position(w: WizardId, step: Option<&str>) -> Position {
    match step {
        Some(RESULT) => Position::Result,
        Some(id) => Position::Step(form_steps(w).position(|s| s.id == id).unwrap_or(0)),
        None => Position::Step(0),
    }
}

/// The `?step=` value of a position.
pub fn step_id(w: WizardId, at: Position) -> &'static str {
    match at {
        Position::Result => RESULT,
        Position::Step(i) => form_steps(w).nth(i).or_else(|| form_steps(w).next()).map_or("", |s| s.id),
    }
}

/// The first form step at or before `upto` with an error in the report, if any.
pub fn first_step_with_errors(w: WizardId, report: &Report, upto: usize) -> Option<usize> {
    form_steps(w).take(upto.saturating_add(1)).position(|s| {
        s.fields.iter().any(|f| {
            report.for_field(f.name).any(|m| m.severity == Severity::Error)
        })
    })
}

/// The page a submission leads to. Moving on needs every step so far to be valid; moving
/// back never does, and nothing typed is dropped either way.
pub fn navigate(w: WizardId, from: Position, action: Action, inputs: &Inputs, l: Locale) -> Target {
    let last = form_steps(w).count().saturating_sub(1);
    let report = w.evaluate(inputs, l);
    let first_error = |upto: usize| first_step_with_errors(w, &report, upto);
    // A step none of whose fields apply (such as the node of a managed cluster's master)
    // is passed over in both directions.
    let asks = |i: usize| form_steps(w).nth(i).is_some_and(|s| s.fields.iter().any(|f| w.applies(f.name, inputs)));
    let before = |i: usize| (0..i).rev().find(|j| asks(*j)).unwrap_or(0);
    match (action, from) {
        (Action::Back, Position::Step(i)) => Target::Show { at: Position::Step(before(i)), check: false },
        (Action::Back, Position::Result) => Target::Show { at: Position::Step(before(last + 1)), check: false },
        (Action::Next, Position::Step(i)) => match first_error(i.min(last)) {
            Some(bad) => Target::Show { at: Position::Step(bad), check: true },
            None => match (i + 1..=last).find(|j| asks(*j)) {
                Some(next) => Target::Show { at: Position::Step(next), check: false },
                None => Target::Show { at: Position::Result, check: false },
            },
        },
        (Action::Next | Action::Check | Action::Save | Action::Export, _) => match first_error(last) {
            Some(bad) => Target::Show { at: Position::Step(bad), check: true },
            None if action == Action::Save && report.complete => Target::Save,
            None if action == Action::Export && report.complete => Target::Export,
            None => Target::Show { at: Position::Result, check: action == Action::Check },
        },
    }
}

/// The URL query (without `?`) of a page: the step, the inputs in field order, and
/// `check=1` when required fields are to be flagged. Empty inputs are left out.
pub fn query(w: WizardId, at: Position, check: bool, inputs: &Inputs) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("step", step_id(w, at));
    for name in w.field_names() {
        if let Some(v) = inputs.get(name).filter(|v| !v.trim().is_empty()) {
            q.append_pair(name, v);
        }
    }
    if check {
        q.append_pair("check", "1");
    }
    q.finish()
}

/// The path and query of a wizard page in a locale.
pub fn page_url(w: WizardId, l: Locale, at: Position, check: bool, inputs: &Inputs) -> String {
    format!("/{}/wizards/{}?{}", l.code(), w.id(), query(w, at, check, inputs))
}

/// The query parameters a wizard page reads besides its fields.
pub const RESERVED: [&str; 4] = ["step", "check", "draft", "run"];

/// Where a page's inputs are kept when they are too long for its URL.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Stored {
    /// A draft: inputs kept for a day (`?draft=`).
    Draft(String),
    /// A saved run (`?run=`).
    Run(String),
}

/// The URL of a page whose inputs are kept elsewhere.
pub fn stored_url(w: WizardId, l: Locale, at: Position, check: bool, stored: &Stored) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("step", step_id(w, at));
    match stored {
        Stored::Draft(id) => q.append_pair("draft", id),
        Stored::Run(id) => q.append_pair("run", id),
    };
    if check {
        q.append_pair("check", "1");
    }
    format!("/{}/wizards/{}?{}", l.code(), w.id(), q.finish())
}

/// A link to a page: the inputs in the URL when that is short enough, else the place they
/// are kept (when there is one).
pub fn link(w: WizardId, l: Locale, at: Position, check: bool, inputs: &Inputs, stored: Option<&Stored>) -> String {
    let full = page_url(w, l, at, check, inputs);
    match stored {
        Some(s) if full.len() > crate::model::urls::MAX_URL_BYTES => stored_url(w, l, at, check, s),
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> Inputs {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_positions_from_the_query() {
        let w = WizardId::Acl;
        let second = form_steps(w).nth(1).unwrap().id;
        let cases = [
            (None, Position::Step(0)),
            (Some("result"), Position::Result),
            (Some(second), Position::Step(1)),
            (Some("no-such-step"), Position::Step(0)),
            (Some(""), Position::Step(0)),
        ];
        for (step, want) in cases {
            assert_eq!(position(w, step), want, "{step:?}");
            if let Position::Step(i) = want {
                assert_eq!(position(w, Some(step_id(w, Position::Step(i)))), want);
            }
        }
    }

    #[test]
    fn moving_on_needs_valid_steps_and_moving_back_never_does() {
        for w in WizardId::ALL {
            let empty = Inputs::new();
            assert_eq!(
                navigate(w, Position::Step(0), Action::Next, &empty, Locale::Zh),
                Target::Show { at: Position::Step(0), check: true },
                "{w:?}: an empty first step stays, with its required fields flagged"
            );
            assert_eq!(
                navigate(w, Position::Step(1), Action::Back, &empty, Locale::Zh),
                Target::Show { at: Position::Step(0), check: false },
            );
            assert_eq!(navigate(w, Position::Step(0), Action::Back, &empty, Locale::Zh), Target::Show { at: Position::Step(0), check: false });
            assert_eq!(
                navigate(w, Position::Result, Action::Save, &empty, Locale::Zh),
                Target::Show { at: Position::Step(0), check: true },
                "{w:?}: nothing is saved before the run is complete"
            );
        }
    }

    #[test]
    fn a_complete_run_reaches_the_result_and_can_be_saved() {
        let w = WizardId::Acl;
        let ok = inputs(&[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", "203.0.113.7")]);
        let last = form_steps(w).count() - 1;
        assert_eq!(navigate(w, Position::Step(0), Action::Next, &ok, Locale::Ja), Target::Show { at: Position::Step(1), check: false });
        assert_eq!(navigate(w, Position::Step(last), Action::Next, &ok, Locale::Ja), Target::Show { at: Position::Result, check: false });
        assert_eq!(navigate(w, Position::Result, Action::Save, &ok, Locale::Ja), Target::Save);
        assert_eq!(navigate(w, Position::Result, Action::Check, &ok, Locale::Ja), Target::Show { at: Position::Result, check: true });
        let bad = inputs(&[("kind", "ack"), ("vpc", "192.168.0.0/33"), ("clients", "203.0.113.7")]);
        assert_eq!(
            navigate(w, Position::Result, Action::Save, &bad, Locale::Ja),
            Target::Show { at: Position::Step(1), check: true },
            "a bad CIDR sends the person back to the step that has it"
        );
    }

    #[test]
    fn a_step_that_asks_nothing_is_passed_over() {
        let w = WizardId::Diagnostics;
        let managed_master = inputs(&[("cluster_type", "managed"), ("role", "master")]);
        assert_eq!(
            navigate(w, Position::Step(0), Action::Next, &managed_master, Locale::Zh),
            Target::Show { at: Position::Result, check: false },
            "nothing to ask about a node nobody can log in to"
        );
        assert_eq!(navigate(w, Position::Result, Action::Back, &managed_master, Locale::Zh), Target::Show { at: Position::Step(0), check: false });
        let worker = inputs(&[("cluster_type", "managed"), ("role", "worker")]);
        assert_eq!(navigate(w, Position::Step(0), Action::Next, &worker, Locale::Zh), Target::Show { at: Position::Step(1), check: false });
    }

    #[test]
    fn the_query_carries_every_input_in_field_order() {
        let w = WizardId::Acl;
        let i = inputs(&[("vpc", "10.0.0.0/8\n172.16.0.0/12"), ("kind", "edge"), ("unknown", "x"), ("clients", " ")]);
        let q = query(w, Position::Step(1), true, &i);
        assert_eq!(q, format!("step={}&kind=edge&vpc=10.0.0.0%2F8%0A172.16.0.0%2F12&check=1", step_id(w, Position::Step(1))));
        let back: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes()).into_owned().collect();
        let parsed = w.inputs_from(back.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(parsed.get("vpc").map(String::as_str), Some("10.0.0.0/8\n172.16.0.0/12"));
        assert_eq!(page_url(w, Locale::Id, Position::Result, false, &Inputs::new()), "/id/wizards/acl?step=result");
    }
    #[test]
    fn long_inputs_are_linked_by_where_they_are_kept() {
        let w = WizardId::RuntimeMigration;
        let short = inputs(&[("current_version", "1.24")]);
        let draft = Stored::Draft("abc123".into());
        assert_eq!(link(w, Locale::Zh, Position::Result, false, &short, Some(&draft)), page_url(w, Locale::Zh, Position::Result, false, &short));
        let long = inputs(&[("nodes", &"cn-hangzhou.10.0.1.23   Ready    <none>   35d   v1.24.6-aliyun.1\n".repeat(200))]);
        assert_eq!(link(w, Locale::Zh, Position::Result, true, &long, Some(&draft)), "/zh/wizards/runtime-migration?step=result&draft=abc123&check=1");
        assert_eq!(link(w, Locale::Ja, Position::Step(0), false, &long, Some(&Stored::Run("r1".into()))), format!("/ja/wizards/runtime-migration?step={}&run=r1", step_id(w, Position::Step(0))));
        assert!(link(w, Locale::Zh, Position::Result, false, &long, None).len() > 4000, "nowhere else to point at");
    }

    #[test]
    fn no_field_is_named_like_a_page_parameter() {
        for w in WizardId::ALL {
            for name in w.field_names() {
                assert!(!RESERVED.contains(&name), "{w:?}: {name}");
            }
        }
    }

    #[test]
    fn export_needs_a_complete_run_like_save() {
        let w = WizardId::Acl;
        let ok = inputs(&[("kind", "ack"), ("vpc", "192.168.0.0/16"), ("clients", "203.0.113.7")]);
        assert_eq!(navigate(w, Position::Result, Action::Export, &ok, Locale::Zh), Target::Export);
        assert_eq!(Action::parse(Some("export")), Action::Export);
        assert_eq!(navigate(w, Position::Result, Action::Export, &Inputs::new(), Locale::Zh), Target::Show { at: Position::Step(0), check: true });
    }
}

