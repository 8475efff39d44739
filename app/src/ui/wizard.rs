//! The wizards' pages: the index, the step-by-step form, the result and a saved run.
//!
//! Every step is a server-rendered form that posts to the server, which answers with a
//! redirect to the next step; the inputs travel in the URL query. Hydrated, the same
//! fields are checked as they are typed by the same rules (`crate::wizard`), in the browser.

use super::entry::copy_code;
use super::feedback::textarea_text;
use super::{title_text, use_locale, FormTokenField, NotFound, ServerTrouble};
use crate::api::{form_echo, get_wizard_draft, get_wizard_entries, get_wizard_run, FormEcho};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;
use crate::model::{urls, SaveRefusal, SavedRun};
use crate::wizard::export::{input_rows, level_text};
use crate::wizard::flow::{self, Position, Stored};
use crate::wizard::{Block, Field, FieldKind, Inputs, Level, Report, Section, Severity, WizardId, FOLLOW_UP};
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
    let signal = RwSignal::new(inputs.clone());
    let report = Memo::new(move |_| signal.with(|i| w.evaluate(i, lang)));
    // A result page of an unfinished run shows the first step that needs work.
    let (at, check) = match at {
        Position::Result => match report.with_untracked(|r| flow::first_step_with_errors(w, r, usize::MAX)) {
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
                Position::Step(i) => view! { <StepForm w lang index=i inputs=signal report check/> }.into_any(),
                Position::Result => view! { <ResultPage w lang inputs=signal report check notice stored/> }.into_any(),
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

/// Hidden inputs carrying every value not edited on this form.
fn carried(w: WizardId, inputs: &Inputs, except: &[&str]) -> impl IntoView {
    w.field_names()
        .filter(|n| !except.contains(n))
        .filter_map(|n| inputs.get(n).filter(|v| !v.trim().is_empty()).map(|v| (n, v.clone())))
        .map(|(n, v)| view! { <input type="hidden" name=n value=v/> })
        .collect_view()
}

#[component]
fn StepForm(w: WizardId, lang: Locale, index: usize, inputs: RwSignal<Inputs>, report: Memo<Report>, check: bool) -> impl IntoView {
    let s = Strings::get(lang);
    let Some(step) = flow::form_steps(w).nth(index) else {
        return view! { <NotFound/> }.into_any();
    };
    let last = index + 1 == flow::form_steps(w).count();
    let names: Vec<&str> = step.fields.iter().map(|f| f.name).collect();
    let initial = inputs.get_untracked();
    let step_has_errors = {
        let names = names.clone();
        move || {
            check
                && report.with(|r| {
                    r.messages.iter().any(|m| m.severity == Severity::Error && names.contains(&m.field.as_str()))
                })
        }
    };
    view! {
        <form class="wizard-form" method="post" action=urls::wizard_submit(lang, w.id()) novalidate>
            <FormTokenField/>
            <h2>{w.step_title(step.id, lang)}</h2>
            {move || step_has_errors().then(|| view! { <p class="form-errors" role="alert">{s.wz_fix_errors}</p> })}
            <input type="hidden" name="step" value=step.id/>
            {carried(w, &initial, &names)}
            {step
                .fields
                .iter()
                .map(|f| view! { <FieldInput w lang field=*f inputs report check/> })
                .collect_view()}
            // The default button comes first, so that Enter in a text field moves on; CSS
            // puts "Back" on the left.
            <div class="wizard-buttons">
                <button type="submit" name="action" value="next">
                    {if last { s.wz_show_result } else { s.wz_next }}
                </button>
                {(index > 0).then(|| view! {
                    <button type="submit" name="action" value="back" class="secondary">{s.wz_back}</button>
                })}
            </div>
        </form>
    }
    .into_any()
}

/// One field with its label, hint and messages. The messages follow the typed value.
#[component]
fn FieldInput(w: WizardId, lang: Locale, field: Field, inputs: RwSignal<Inputs>, report: Memo<Report>, check: bool) -> impl IntoView {
    let s = Strings::get(lang);
    let name = field.name;
    let text = w.field_text(name, lang);
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let msg_id = format!("{id}-msg");
    let initial = inputs.with_untracked(|i| i.get(name).cloned().unwrap_or_default());
    let shown = move || inputs.with(|i| w.applies(name, i));
    let messages = move || {
        report.with(|r| r.for_field(name).filter(|m| check || !m.missing).cloned().collect::<Vec<_>>())
    };
    let invalid = move || messages().iter().any(|m| m.severity == Severity::Error).then_some("true");
    let set = move |value: String| inputs.update(|i| {
        i.insert(name.to_owned(), value);
    });
    let described = format!("{hint_id} {msg_id}");
    let label = view! {
        {text.label}
        {(!field.required).then(|| view! { " " <span class="optional">"(" {s.wz_optional} ")"</span> })}
    };
    let control = match field.kind {
        FieldKind::Text => view! {
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id.clone()
                name=name
                value=initial.clone()
                placeholder=text.placeholder
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described.clone()
                aria-invalid=invalid
                on:input=move |ev| set(event_target_value(&ev))
            />
        }
        .into_any(),
        FieldKind::Textarea => view! {
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                name=name
                rows="6"
                placeholder=text.placeholder
                spellcheck="false"
                aria-describedby=described.clone()
                aria-invalid=invalid
                on:input=move |ev| set(event_target_value(&ev))
            >
                {textarea_text(&initial)}
            </textarea>
        }
        .into_any(),
        FieldKind::Choice(values) => view! {
            <fieldset class="choices" aria-describedby=described.clone()>
                <legend>{label}</legend>
                {values
                    .iter()
                    .map(|v| {
                        let v: &'static str = v;
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name
                                    value=v
                                    checked=initial == v
                                    on:change=move |_| set(v.to_owned())
                                />
                                <span>{w.option_text(name, v, lang)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <div class="field" data-field=name hidden=move || !shown()>
            {control}
            <p class="hint" id=hint_id>{text.hint}</p>
            <ul class="field-messages" id=msg_id aria-live="polite">
                {move || {
                    messages()
                        .into_iter()
                        .map(|m| view! { <li class=severity_class(m.severity)>{m.message}</li> })
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

/// The verdict and the plan of a complete run, the follow-up questions, saving and
/// downloading.
#[component]
fn ResultPage(
    w: WizardId,
    lang: Locale,
    inputs: RwSignal<Inputs>,
    report: Memo<Report>,
    check: bool,
    notice: Option<SaveRefusal>,
    stored: Option<Stored>,
) -> impl IntoView {
    let s = Strings::get(lang);
    let initial = inputs.get_untracked();
    let follow_up = w.steps().iter().find(|st| st.id == FOLLOW_UP);
    let follow_names: Vec<&str> = follow_up.map(|st| st.fields.iter().map(|f| f.name).collect()).unwrap_or_default();
    view! {
        {move || report.with(|r| view! { <Outcome lang report=r.clone()/> })}
        <form class="wizard-form save-form" method="post" action=urls::wizard_submit(lang, w.id()) novalidate>
            <FormTokenField/>
            <input type="hidden" name="step" value=flow::RESULT/>
            {carried(w, &initial, &follow_names)}
            {follow_up.map(|st| view! {
                <h2>{w.step_title(st.id, lang)}</h2>
                {st.fields.iter().map(|f| view! { <FieldInput w lang field=*f inputs report check/> }).collect_view()}
            })}
            {notice.map(|n| view! { <p class="form-errors" id="save-notice" role="alert">{n.message(lang)}</p> })}
            <p class="hint">{s.wz_save_hint}</p>
            <div class="wizard-buttons">
                <button type="submit" name="action" value="save">{s.wz_save}</button>
                <button type="submit" name="action" value="export" class="secondary">{s.wz_export_now}</button>
                {follow_up.is_some().then(|| view! {
                    <button type="submit" name="action" value="check" class="secondary">{s.wz_check_again}</button>
                })}
                <button type="submit" name="action" value="back" class="secondary">{s.wz_back}</button>
            </div>
        </form>
        <InputsSummary w lang inputs=initial stored/>
    }
}

/// The verdict and the plan's sections.
#[component]
pub(crate) fn Outcome(lang: Locale, report: Report) -> impl IntoView {
    let s = Strings::get(lang);
    let copied = s.copied;
    let on_click = move |ev: leptos::ev::MouseEvent| copy_code(ev, copied);
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
        <div class="plan prose" on:click=on_click>
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

fn code_block(lang: Locale, code_lang: String, code: String) -> impl IntoView {
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
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    view! {
        <Title text=title_text(&[&heading, s.site_name])/>
        <Meta name="robots" content="noindex"/>
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
                <button type="button" class="print-button" on:click=print>{s.wz_print}</button>
            </p>
            <Outcome lang report/>
            <InputsSummary w lang inputs=run.inputs.clone() stored=Some(kept)/>
        </div>
    }
}
