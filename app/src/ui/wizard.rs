//! The wizards' pages: the index, the step-by-step form, the result and a saved run.
//!
//! Every step is a server-rendered form that posts to the server, which answers with a
//! redirect to the next step; the inputs travel in the URL query. The form is an island
//! ([`super::wizard_form`]): with JavaScript, the server checks the fields as they are
//! typed, by the same rules (`crate::wizard`).

use super::wizard_form::{ButtonView, Control, FieldView, FormView, LiveField, LiveState, WizardForm};
use super::{title_text, use_locale, NotFound, ServerTrouble};
use crate::api::{form_echo, get_wizard_draft, get_wizard_entries, get_wizard_run, FormEcho};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;
use crate::model::{urls, SaveRefusal, SavedRun};
use crate::wizard::export::{input_rows, level_text};
use crate::wizard::flow::{self, Position, Stored};
use crate::wizard::{Block, Field, FieldKind, Inputs, Level, Report, Section, Severity, WizardId, FOLLOW_UP};
use leptos::tachys::view::RenderHtml;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn lang_of(locale: Memo<Option<Locale>>) -> Locale {
    locale.get().unwrap_or(Locale::DEFAULT)
}

#[component]
pub fn WizardIndexPage() -> impl IntoView {
    let locale = use_locale();
    move || {
        let lang = lang_of(locale);
        let s = Strings::get(lang);
        view! {
            <Title text=title_text(&[s.wizards, s.site_name])/>
            <Meta name="description" content=s.wizards_intro/>
            <super::SocialMeta title=s.wizards.to_owned() description=s.wizards_intro.to_owned()/>
            <nav class="crumbs">
                <a href=urls::home(lang)>{s.home}</a>
            </nav>
            <h1>{s.wizards}</h1>
            <p class="summary">{s.wizards_intro}</p>
            <WizardCards lang/>
        }
    }
}

/// The three wizards, each with its introduction (the index page and the home page).
#[component]
pub(crate) fn WizardCards(lang: Locale) -> impl IntoView {
    view! {
        <ul class="wizard-list">
            {WizardId::ALL
                .into_iter()
                .map(|w| view! {
                    <li>
                        <a href=urls::wizard(lang, w.id())>{w.title(lang)}</a>
                        <p>{w.intro(lang)}</p>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

/// Where a wizard page's inputs came from, once loaded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum Loaded {
    /// From the URL query.
    InQuery,
    /// From a draft or a saved run.
    Found(Inputs),
    /// The draft expired, or there is no such run.
    Gone,
    /// They could not be read right now.
    Trouble,
}

/// `/{lang}/wizards/{name}?step=..&<inputs>`, or `?step=..&draft=<id>` (or `&run=<id>`)
/// when the inputs are too long for a URL.
#[component]
pub fn WizardPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let name = move || params.with(|p| p.get("name").unwrap_or_default());
    let stored = move || {
        query.with(|q| q.get("draft").map(Stored::Draft).or_else(|| q.get("run").map(Stored::Run)))
    };
    // The inputs kept elsewhere, and what a refused save sent back, both decided on the
    // server and carried into the page for hydration.
    let loaded = Resource::new(
        move || (name(), stored()),
        |(name, stored)| async move {
            let notice = match form_echo() {
                Some(FormEcho::Wizard(refusal)) => Some(refusal),
                _ => None,
            };
            let loaded = match (WizardId::parse(&name), stored) {
                (_, None) | (None, _) => Loaded::InQuery,
                (Some(w), Some(Stored::Draft(id))) => match get_wizard_draft(w.id().to_owned(), id).await {
                    Ok(Some(inputs)) => Loaded::Found(inputs),
                    Ok(None) => Loaded::Gone,
                    Err(_) => Loaded::Trouble,
                },
                (Some(w), Some(Stored::Run(id))) => match get_wizard_run(id).await {
                    Ok(Some(run)) if run.wizard == w => Loaded::Found(run.inputs),
                    Ok(_) => Loaded::Gone,
                    Err(_) => Loaded::Trouble,
                },
            };
            (loaded, notice)
        },
    );
    move || {
        let lang = lang_of(locale);
        let Some(w) = WizardId::parse(&name()) else {
            return view! { <NotFound/> }.into_any();
        };
        let (query_inputs, step, check) = query.with(|q| {
            let inputs: Inputs = w
                .field_names()
                .filter_map(|n| q.get_str(n).map(|v| (n.to_owned(), v.to_owned())))
                .collect();
            (inputs, q.get("step"), q.get_str("check").is_some())
        });
        let at = flow::position(w, step.as_deref());
        let stored = stored();
        view! {
            <Suspense fallback=|| ()>
                {move || {
                    let (query_inputs, stored) = (query_inputs.clone(), stored.clone());
                    Suspend::new(async move {
                        let (loaded, notice) = loaded.await;
                        match loaded {
                            Loaded::InQuery => {
                                view! { <Wizard w lang inputs=query_inputs at check notice stored=None/> }.into_any()
                            }
                            Loaded::Found(inputs) => view! { <Wizard w lang inputs at check notice stored/> }.into_any(),
                            Loaded::Gone => view! { <InputsGone w lang/> }.into_any(),
                            Loaded::Trouble => view! { <ServerTrouble lang/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any()
    }
}

/// A link whose kept inputs are gone: say so, and offer a fresh start.
#[component]
fn InputsGone(w: WizardId, lang: Locale) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::GONE);
    }
    let s = Strings::get(lang);
    view! {
        <Title text=title_text(&[w.title(lang), s.site_name])/>
        <Meta name="robots" content="noindex"/>
        <section class="trouble" role="alert">
            <h1>{w.title(lang)}</h1>
            <p>{s.wz_draft_gone}</p>
            <p><a href=urls::wizard(lang, w.id())>{s.wz_start}</a></p>
        </section>
    }
}

#[component]
fn Wizard(
    w: WizardId,
    lang: Locale,
    inputs: Inputs,
    at: Position,
    check: bool,
    notice: Option<SaveRefusal>,
    stored: Option<Stored>,
) -> impl IntoView {
    let s = Strings::get(lang);
    let entries = Resource::new(move || (lang, w), |(l, w)| get_wizard_entries(l, w.id().to_owned()));
    let report = w.evaluate(&inputs, lang);
    // A result page of an unfinished run shows the first step that needs work.
    let (at, check) = match at {
        Position::Result => match flow::first_step_with_errors(w, &report, usize::MAX) {
            Some(bad) => (Position::Step(bad), true),
            None => (at, check),
        },
        _ => (at, check),
    };
    let title = w.title(lang);
    let page_title = match at {
        Position::Step(i) => {
            let step = flow::form_steps(w).nth(i).map_or("", |st| w.step_title(st.id, lang));
            title_text(&[step, title, s.site_name])
        }
        Position::Result => title_text(&[s.wz_result, title, s.site_name]),
    };
    view! {
        <Title text=page_title/>
        <Meta name="description" content=w.intro(lang)/>
        <super::SocialMeta title=w.title(lang).to_owned() description=w.intro(lang).to_owned()/>
        <nav class="crumbs">
            <a href=urls::home(lang)>{s.home}</a>
            " / "
            <a href=urls::wizards(lang)>{s.wizards}</a>
        </nav>
        <div class="wizard" data-wizard=w.id()>
            <h1>{title}</h1>
            <p class="summary">{w.intro(lang)}</p>
            <StepList w lang inputs=inputs.clone() at stored=stored.clone()/>
            {match at {
                Position::Step(i) => match step_form(w, lang, i, &inputs, &report, check) {
                    Some(view) => view! { <WizardForm view/> }.into_any(),
                    None => view! { <NotFound/> }.into_any(),
                },
                Position::Result => {
                    let view = result_form(w, lang, &inputs, &report, check, notice);
                    view! {
                        <WizardForm view/>
                        <InputsSummary w lang inputs stored/>
                    }
                    .into_any()
                }
            }}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = entries.await.unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <section class="relies-on">
                            <h2>{s.wz_relies_on}</h2>
                            <ul>
                                {list
                                    .into_iter()
                                    .map(|e| view! { <li><a href=e.url>{e.title}</a></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    })
                })}
            </Suspense>
        </div>
    }
}

/// The steps as a progress list; steps already passed link back with the inputs.
#[component]
fn StepList(w: WizardId, lang: Locale, inputs: Inputs, at: Position, stored: Option<Stored>) -> impl IntoView {
    let s = Strings::get(lang);
    let current = match at {
        Position::Step(i) => i,
        Position::Result => usize::MAX,
    };
    let steps: Vec<_> = flow::form_steps(w).collect();
    let total = steps.len() + 1;
    view! {
        <ol class="wizard-steps">
            {steps
                .into_iter()
                .enumerate()
                .map(|(i, st)| {
                    let label = w.step_title(st.id, lang);
                    if i == current {
                        view! { <li aria-current="step"><span>{label}</span></li> }.into_any()
                    } else if i < current {
                        let href = flow::link(w, lang, Position::Step(i), false, &inputs, stored.as_ref());
                        view! { <li class="done"><a href=href>{label}</a></li> }.into_any()
                    } else {
                        view! { <li><span>{label}</span></li> }.into_any()
                    }
                })
                .collect_view()}
            <li aria-current=(current == usize::MAX).then_some("step")>
                <span>{s.wz_result}</span>
            </li>
        </ol>
        <p class="step-count">
            {fill(
                s.wz_step_of,
                &[("n", &(if current == usize::MAX { total } else { current + 1 }).to_string()), ("m", &total.to_string())],
            )}
        </p>
    }
}

/// The form of step `index`, or `None` past the last step.
fn step_form(w: WizardId, lang: Locale, index: usize, inputs: &Inputs, report: &Report, check: bool) -> Option<FormView> {
    let s = Strings::get(lang);
    let step = flow::form_steps(w).nth(index)?;
    let last = index + 1 == flow::form_steps(w).count();
    let mut buttons = vec![ButtonView { value: "next".into(), label: (if last { s.wz_show_result } else { s.wz_next }).into(), secondary: false }];
    if index > 0 {
        buttons.push(ButtonView { value: "back".into(), label: s.wz_back.into(), secondary: true });
    }
    Some(FormView {
        lang,
        wizard: w.id().into(),
        step: step.id.into(),
        action: urls::wizard_submit(lang, w.id()),
        class: "wizard-form".into(),
        title: Some(w.step_title(step.id, lang).into()),
        check,
        fix_errors: s.wz_fix_errors.into(),
        optional: s.wz_optional.into(),
        inputs: inputs.clone(),
        fields: field_views(w, lang, step.fields),
        notice: None,
        note: None,
        buttons,
        live: live_of(w, lang, step.id, check, inputs, report),
    })
}

/// The result page's form: the follow-up questions, saving and downloading.
fn result_form(w: WizardId, lang: Locale, inputs: &Inputs, report: &Report, check: bool, notice: Option<SaveRefusal>) -> FormView {
    let s = Strings::get(lang);
    let follow_up = w.steps().iter().find(|st| st.id == FOLLOW_UP);
    let mut buttons = vec![
        ButtonView { value: "save".into(), label: s.wz_save.into(), secondary: false },
        ButtonView { value: "export".into(), label: s.wz_export_now.into(), secondary: true },
    ];
    if follow_up.is_some() {
        buttons.push(ButtonView { value: "check".into(), label: s.wz_check_again.into(), secondary: true });
    }
    buttons.push(ButtonView { value: "back".into(), label: s.wz_back.into(), secondary: true });
    FormView {
        lang,
        wizard: w.id().into(),
        step: flow::RESULT.into(),
        action: urls::wizard_submit(lang, w.id()),
        class: "wizard-form save-form".into(),
        title: follow_up.map(|st| w.step_title(st.id, lang).into()),
        check,
        fix_errors: s.wz_fix_errors.into(),
        optional: s.wz_optional.into(),
        inputs: inputs.clone(),
        fields: follow_up.map(|st| field_views(w, lang, st.fields)).unwrap_or_default(),
        notice: notice.map(|n| n.message(lang).into()),
        note: Some(s.wz_save_hint.into()),
        buttons,
        live: live_of(w, lang, flow::RESULT, check, inputs, report),
    }
}

fn field_views(w: WizardId, lang: Locale, fields: &[Field]) -> Vec<FieldView> {
    fields
        .iter()
        .map(|f| {
            let text = w.field_text(f.name, lang);
            let control = match f.kind {
                FieldKind::Text => Control::Text,
                FieldKind::Textarea => Control::Textarea,
                FieldKind::Choice(values) => {
                    Control::Choice(values.iter().map(|v| ((*v).into(), w.option_text(f.name, v, lang).into())).collect())
                }
            };
            FieldView {
                name: f.name.into(),
                control,
                label: text.label.into(),
                hint: text.hint.into(),
                placeholder: text.placeholder.into(),
                required: f.required,
            }
        })
        .collect()
}

/// The fields of the form of `step` (a step id, or the result page's follow-up).
fn form_fields(w: WizardId, step: &str) -> &'static [Field] {
    let id = if step == flow::RESULT { FOLLOW_UP } else { step };
    w.steps().iter().find(|st| st.id == id).map_or(&[], |st| st.fields)
}

/// What the form of `step` shows after its inputs: evaluated again (for the island).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub(crate) fn live_state(w: WizardId, lang: Locale, step: &str, check: bool, inputs: &Inputs) -> LiveState {
    live_of(w, lang, step, check, inputs, &w.evaluate(inputs, lang))
}

fn live_of(w: WizardId, lang: Locale, step: &str, check: bool, inputs: &Inputs, report: &Report) -> LiveState {
    let fields = form_fields(w, step);
    let on_form = |name: &str| fields.iter().any(|f| f.name == name);
    LiveState {
        fields: fields
            .iter()
            .map(|f| LiveField {
                name: f.name.into(),
                shown: w.applies(f.name, inputs),
                messages: report
                    .for_field(f.name)
                    .filter(|m| check || !m.missing)
                    .map(|m| (m.severity, m.message.clone()))
                    .collect(),
            })
            .collect(),
        step_errors: step != flow::RESULT
            && report.messages.iter().any(|m| m.severity == Severity::Error && on_form(&m.field)),
        outcome: (step == flow::RESULT).then(|| view! { <Outcome lang report=report.clone()/> }.to_html()),
    }
}

/// The verdict and the plan's sections.
#[component]
pub(crate) fn Outcome(lang: Locale, report: Report) -> impl IntoView {
    view! {
        {report.verdict.map(|v| {
            let class = match v.level {
                Level::Ok => "verdict ok",
                Level::Caution => "verdict caution",
                Level::Blocked => "verdict blocked",
            };
            view! {
                <section class=class role="status">
                    <p class="verdict-level">{level_text(v.level, lang)}</p>
                    <h2>{v.headline}</h2>
                    {(!v.details.is_empty()).then(|| view! {
                        <ul>{v.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                    })}
                </section>
            }
        })}
        <div class="plan prose">
            {report.sections.into_iter().map(|sec| view! { <PlanSection lang section=sec/> }).collect_view()}
        </div>
    }
}

#[component]
fn PlanSection(lang: Locale, section: Section) -> impl IntoView {
    view! {
        <section class="plan-section">
            <h2>{section.title}</h2>
            {section.blocks.into_iter().map(|b| block_view(b, lang)).collect_view()}
        </section>
    }
}

pub(crate) fn code_block(lang: Locale, code_lang: String, code: String) -> impl IntoView {
    let s = Strings::get(lang);
    view! {
        <div class="code-block" data-lang=code_lang.clone()>
            <button type="button" class="copy">{s.copy}</button>
            // Scrolls when wider than the page, so it takes the keyboard focus too.
            <pre tabindex="0"><code class=format!("language-{code_lang}")>{code}</code></pre>
        </div>
    }
}

fn block_view(block: Block, lang: Locale) -> AnyView {
    match block {
        Block::Text { text } => view! { <p>{text}</p> }.into_any(),
        Block::Command { lang: code_lang, code } => code_block(lang, code_lang, code).into_any(),
        Block::Output { code } => view! {
            <div class="code-block output" data-lang="text"><pre tabindex="0"><code>{code}</code></pre></div>
        }
        .into_any(),
        Block::List { ordered: true, items } => {
            view! { <ol>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol> }.into_any()
        }
        Block::List { ordered: false, items } => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
        }
        Block::Table { headers, rows } => view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
        Block::Check { text, lang: code_lang, code } => view! {
            <div class="check">
                <p>{text}</p>
                {code_block(lang, code_lang, code)}
            </div>
        }
        .into_any(),
        Block::Entry { id, text } => view! {
            <p class="entry-link"><a href=urls::entry(lang, &id)>{text}</a></p>
        }
        .into_any(),
    }
}

/// What was typed, labelled in the reader's locale, with a link to change each step.
#[component]
fn InputsSummary(w: WizardId, lang: Locale, inputs: Inputs, stored: Option<Stored>) -> impl IntoView {
    let s = Strings::get(lang);
    let edit = flow::link(w, lang, Position::Step(0), false, &inputs, stored.as_ref());
    view! {
        <section class="your-inputs">
            <h2>{s.wz_your_inputs}</h2>
            <dl>
                {input_rows(w, &inputs, lang)
                    .into_iter()
                    .map(|(label, value)| {
                        let multi = value.contains('\n');
                        view! {
                            <dt>{label}</dt>
                            <dd>
                                {if multi {
                                    view! { <pre>{value}</pre> }.into_any()
                                } else {
                                    view! { <code>{value}</code> }.into_any()
                                }}
                            </dd>
                        }
                    })
                    .collect_view()}
            </dl>
            <p><a href=edit class="edit-link">{s.wz_edit}</a></p>
        </section>
    }
}

/// `/{lang}/wizards/{name}/runs/{run}`: a saved run, evaluated again in the reader's locale.
#[component]
pub fn WizardRunPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let run_id = move || params.with(|p| p.get("run").unwrap_or_default());
    let run = Resource::new(run_id, get_wizard_run);
    move || {
        let lang = lang_of(locale);
        let name = params.with(|p| p.get("name").unwrap_or_default());
        view! {
            <Suspense fallback=|| ()>
                {move || {
                    let name = name.clone();
                    Suspend::new(async move {
                        match run.await {
                            Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                            Ok(Some(r)) if r.wizard.id() == name => view! { <SavedRunView lang run=r/> }.into_any(),
                            Ok(_) => view! { <NotFound/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
    }
}

#[component]
fn SavedRunView(lang: Locale, run: SavedRun) -> impl IntoView {
    let s = Strings::get(lang);
    let w = run.wizard;
    let report = w.evaluate(&run.inputs, lang);
    let permalink = urls::wizard_run(lang, w.id(), &run.id);
    let markdown = urls::wizard_run_markdown(lang, w.id(), &run.id);
    let kept = Stored::Run(run.id.clone());
    let reopen = flow::link(w, lang, Position::Result, false, &run.inputs, Some(&kept));
    let heading = fill(s.wz_saved_title, &[("title", w.title(lang))]);
    view! {
        <Title text=title_text(&[&heading, s.site_name])/>
        <nav class="crumbs">
            <a href=urls::home(lang)>{s.home}</a>
            " / "
            <a href=urls::wizards(lang)>{s.wizards}</a>
            " / "
            <a href=urls::wizard(lang, w.id())>{w.title(lang)}</a>
        </nav>
        <div class="wizard saved-run" data-wizard=w.id() data-run=run.id.clone()>
            <h1>{heading}</h1>
            <dl class="run-meta">
                <dt>{s.wz_saved_on}</dt>
                <dd><time datetime=run.created.clone()>{run.created.replace('T', " ").replace('Z', " UTC")}</time></dd>
                <dt>{s.wz_permalink}</dt>
                <dd><a href=permalink.clone() class="permalink">{permalink.clone()}</a></dd>
            </dl>
            <p class="run-actions">
                <a href=markdown download=format!("{}-{}.md", w.id(), run.id)>{s.wz_export_md}</a>
                <a href=reopen>{s.wz_open_in_wizard}</a>
                <button type="button" class="print-button">{s.wz_print}</button>
            </p>
            <Outcome lang report/>
            <InputsSummary w lang inputs=run.inputs.clone() stored=Some(kept)/>
        </div>
    }
}
