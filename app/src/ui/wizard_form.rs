//! A wizard's form as one island: a step's fields, or the result page's follow-up fields
//! under the verdict and the plan.
//!
//! The server builds what the form shows ([`FormView`]), every word already in the
//! reader's locale, so the browser's code holds neither the rules nor the texts of the
//! wizards. As the user types, the island asks the server to evaluate the inputs again
//! ([`wizard_live`]) and shows the field messages, the fields that apply and, on the
//! result page, the new verdict and plan. Without JavaScript the same form posts to the
//! server, which answers with the next page.

use super::FormTokenField;
use super::feedback::textarea_text;
use crate::locale::Locale;
use crate::wizard::{Inputs, Severity};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// Everything a wizard form shows, in one locale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormView {
    pub lang: Locale,
    pub wizard: String,
    /// The step's id, or `result`.
    pub step: String,
    /// Where the form posts.
    pub action: String,
    /// `wizard-form`, plus `save-form` on the result page.
    pub class: String,
    pub title: Option<String>,
    /// Whether empty required fields are flagged (after a submission).
    pub check: bool,
    /// "Correct the fields marked below", shown when this step has errors after a submission.
    pub fix_errors: String,
    /// The word after an optional field's label.
    pub optional: String,
    /// Every input of the run so far; those not on this form travel as hidden inputs.
    pub inputs: Inputs,
    pub fields: Vec<FieldView>,
    /// A refused save, said above the buttons.
    pub notice: Option<String>,
    /// A line above the buttons.
    pub note: Option<String>,
    /// The submit buttons, the default one first.
    pub buttons: Vec<ButtonView>,
    pub live: LiveState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldView {
    pub name: String,
    pub control: Control,
    pub label: String,
    pub hint: String,
    pub placeholder: String,
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Control {
    Text,
    Textarea,
    /// Radio buttons: value and label of each.
    Choice(Vec<(String, String)>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ButtonView {
    pub value: String,
    pub label: String,
    pub secondary: bool,
}

/// What follows the inputs: the messages and the fields that apply (and the outcome).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveState {
    pub fields: Vec<LiveField>,
    /// Whether the "correct the fields" line shows.
    pub step_errors: bool,
    /// The verdict and the plan as HTML, on the result page.
    pub outcome: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveField {
    pub name: String,
    pub shown: bool,
    pub messages: Vec<(Severity, String)>,
}

impl LiveState {
    fn field(&self, name: &str) -> Option<&LiveField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The inputs evaluated again, for the form of `step` (a step id, or `result`).
#[server(prefix = "/sfn", endpoint = "wizard-live", input = Json)]
pub async fn wizard_live(lang: Locale, wizard: String, step: String, check: bool, inputs: Inputs) -> Result<LiveState, ServerFnError> {
    // A call that names no wizard is the caller's mistake (400), not the server's.
    let w = crate::wizard::WizardId::parse(&wizard).ok_or_else(|| -> ServerFnError { ServerFnError::Args("no such wizard".into()) })?;
    Ok(super::wizard::live_state(w, lang, &step, check, &inputs))
}

/// How long typing pauses before the inputs are evaluated again.
#[cfg(feature = "hydrate")]
const PAUSE: std::time::Duration = std::time::Duration::from_millis(180);

#[island]
pub fn WizardForm(view: FormView) -> impl IntoView {
    let FormView { lang, wizard, step, action, class, title, check, fix_errors, optional, inputs, fields, notice, note, buttons, live } =
        view;
    let on_form: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    let carried: Vec<(String, String)> = inputs
        .iter()
        .filter(|(n, v)| !on_form.contains(n) && !v.trim().is_empty())
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    let outcome_shown = live.outcome.is_some();
    let values = RwSignal::new(inputs.clone());
    let live = RwSignal::new(live);
    let pending = StoredValue::new(0u64);
    let recheck = {
        let (wizard, step) = (wizard.clone(), step.clone());
        move || evaluate_after_pause(lang, wizard.clone(), step.clone(), check, values, live, pending)
    };
    #[cfg(feature = "hydrate")]
    let recheck_typed = recheck.clone();
    let set = move |name: String, value: String| {
        values.update(|i| {
            i.insert(name, value);
        });
        recheck();
    };
    let set = StoredValue::new(set);
    let optional = StoredValue::new(optional);
    let form = NodeRef::<leptos::html::Form>::new();
    // What was typed before the script started is in the fields, not in `values`: take it
    // over and check it, as if it had been typed now.
    #[cfg(feature = "hydrate")]
    {
        let names = on_form.clone();
        let recheck = recheck_typed;
        Effect::new(move |_| {
            let Some(el) = form.get() else { return };
            let mut changed = false;
            values.update(|v| {
                for name in &names {
                    if let Some(now) = super::typed::field_value(&el, name) {
                        if v.get(name).map_or(!now.is_empty(), |before| *before != now) {
                            v.insert(name.clone(), now);
                            changed = true;
                        }
                    }
                }
            });
            if changed {
                recheck();
            }
        });
    }
    view! {
        {outcome_shown.then(|| view! { <div class="outcome" inner_html=move || live.with(|l| l.outcome.clone().unwrap_or_default())></div> })}
        <form class=class method="post" action=action novalidate node_ref=form>
            <FormTokenField/>
            {title.map(|t| view! { <h2>{t}</h2> })}
            {move || (check && live.with(|l| l.step_errors)).then(|| view! { <p class="form-errors" role="alert">{fix_errors.clone()}</p> })}
            <input type="hidden" name="step" value=step/>
            {carried.into_iter().map(|(n, v)| view! { <input type="hidden" name=n value=v/> }).collect_view()}
            {fields
                .into_iter()
                .map(|field| {
                    let initial = inputs.get(&field.name).cloned().unwrap_or_default();
                    view! { <FieldInput field initial live set=move |n, v| set.with_value(|s| s(n, v)) optional/> }
                })
                .collect_view()}
            {notice.map(|n| view! { <p class="form-errors" id="save-notice" role="alert">{n}</p> })}
            {note.map(|n| view! { <p class="hint">{n}</p> })}
            // The default button comes first, so that Enter in a text field moves on; CSS
            // puts "Back" on the left.
            <div class="wizard-buttons">
                {buttons
                    .into_iter()
                    .map(|b| view! {
                        <button type="submit" name="action" value=b.value class=b.secondary.then_some("secondary")>{b.label}</button>
                    })
                    .collect_view()}
            </div>
        </form>
    }
}

/// Evaluates the inputs on the server once typing pauses; an answer that a newer edit
/// overtook is dropped. When the server cannot answer, the last messages stay.
fn evaluate_after_pause(
    lang: Locale,
    wizard: String,
    step: String,
    check: bool,
    values: RwSignal<Inputs>,
    live: RwSignal<LiveState>,
    pending: StoredValue<u64>,
) {
    pending.update_value(|n| *n += 1);
    #[cfg(feature = "hydrate")]
    {
        let mine = pending.get_value();
        set_timeout(
            move || {
                if pending.get_value() != mine {
                    return;
                }
                let inputs = values.get_untracked();
                leptos::task::spawn_local(async move {
                    if let Ok(state) = wizard_live(lang, wizard, step, check, inputs).await {
                        if pending.get_value() == mine {
                            live.set(state);
                        }
                    }
                });
            },
            PAUSE,
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (lang, wizard, step, check, values, live);
}

/// One field with its label, hint and messages.
#[component]
fn FieldInput(
    field: FieldView,
    initial: String,
    live: RwSignal<LiveState>,
    set: impl Fn(String, String) + Copy + Send + Sync + 'static,
    optional: StoredValue<String>,
) -> impl IntoView {
    let FieldView { name, control, label, hint, placeholder, required } = field;
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let msg_id = format!("{id}-msg");
    let described = format!("{hint_id} {msg_id}");
    let name = StoredValue::new(name);
    let messages = move || name.with_value(|n| live.with(|l| l.field(n).map(|f| f.messages.clone()).unwrap_or_default()));
    let shown = move || name.with_value(|n| live.with(|l| l.field(n).is_none_or(|f| f.shown)));
    let invalid = move || messages().iter().any(|(s, _)| *s == Severity::Error).then_some("true");
    let on_text = move |ev| set(name.get_value(), event_target_value(&ev));
    let label = view! {
        {label}
        {(!required).then(|| view! { " " <span class="optional">"(" {optional.get_value()} ")"</span> })}
    };
    let control = match control {
        Control::Text => view! {
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id.clone()
                name=name.get_value()
                value=initial
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described.clone()
                aria-invalid=invalid
                on:input=on_text
            />
        }
        .into_any(),
        Control::Textarea => view! {
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                name=name.get_value()
                rows="6"
                placeholder=placeholder
                spellcheck="false"
                aria-describedby=described.clone()
                aria-invalid=invalid
                on:input=on_text
            >
                {textarea_text(&initial)}
            </textarea>
        }
        .into_any(),
        Control::Choice(options) => view! {
            <fieldset class="choices" aria-describedby=described.clone()>
                <legend>{label}</legend>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let checked = initial == value;
                        let chosen = value.clone();
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name.get_value()
                                    value=value
                                    checked=checked
                                    on:change=move |_| set(name.get_value(), chosen.clone())
                                />
                                <span>{text}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <div class="field" data-field=name.get_value() hidden=move || !shown()>
            {control}
            <p class="hint" id=hint_id>{hint}</p>
            <ul class="field-messages" id=msg_id aria-live="polite">
                {move || {
                    messages()
                        .into_iter()
                        .map(|(severity, text)| view! { <li class=severity_class(severity)>{text}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}
