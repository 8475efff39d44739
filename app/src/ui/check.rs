//! The output check's pages: `/{lang}/check` (the form, and what the check finds in a
//! posted or linked paste) and `/{lang}/check/runs/{id}` (a saved check, read again in
//! the reader's language). Server-rendered only: a plain form that works without script.

use super::wizard::code_block;
use super::{title_text, use_locale, FormTokenField, ServerTrouble};
use crate::api::{form_echo, get_saved_check, FormEcho};
use crate::catalog::tr;
use crate::check::{CheckReport, Finding, OfferView, OutputKind};
use crate::i18n::Strings;
use crate::locale::Locale;
use crate::model::urls;
use crate::wizard::export::level_text;
use crate::wizard::{Level, Severity};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The id of the check's form, which the save and export buttons under the findings name.
const FORM_ID: &str = "check-form";

#[component]
pub fn CheckPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    move || {
        let lang = locale.get().unwrap_or(Locale::DEFAULT);
        let (kind, output, refusal, posted) = match form_echo() {
            Some(FormEcho::Check(e)) => (e.kind, e.output, e.refusal, true),
            _ => query.with(|q| (q.get("kind").unwrap_or_default(), q.get("output").unwrap_or_default(), None, false)),
        };
        let report = if output.trim().is_empty() { None } else { report_of(lang, &kind, &output) };
        let title = tr!(lang, "check.page-title");
        let s = Strings::get(lang);
        view! {
            <Title text=title_text(&[title, s.site_name])/>
            <Meta name="description" content=tr!(lang, "check.intro")/>
            <super::SocialMeta title=title.to_owned() description=tr!(lang, "check.intro").to_owned()/>
            // A posted paste comes back at the form's own address; it is not for indexing.
            {posted.then(|| view! { <Meta name="robots" content="noindex"/> })}
            <nav class="crumbs">
                <a href=urls::home(lang)>{s.home}</a>
            </nav>
            <div class="check-page">
                <h1>{title}</h1>
                <p class="summary">{tr!(lang, "check.intro")}</p>
                <CheckForm lang kind=kind.clone() output=output.clone()/>
                {refusal.map(|r| view! { <p class="form-error" role="alert">{r.message(lang)}</p> })}
                {(posted && output.trim().is_empty()).then(|| view! {
                    <p class="form-error" role="alert">{tr!(lang, "check.empty-output")}</p>
                })}
                {report.map(|report| view! { <Results lang report saving=true/> })}
            </div>
        }
    }
}

/// The check's report on the server; in the browser there is none (this page has no island).
fn report_of(lang: Locale, kind: &str, output: &str) -> Option<CheckReport> {
    #[cfg(feature = "ssr")]
    {
        crate::api::run_check(lang, kind, output)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (lang, kind, output);
        None
    }
}

#[component]
fn CheckForm(lang: Locale, kind: String, output: String) -> impl IntoView {
    let chosen = OutputKind::parse(&kind);
    let option = move |value: &'static str, label: String, selected: bool| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <form id=FORM_ID class="check-form" method="post" action=urls::check(lang)>
            <FormTokenField/>
            <div class="field">
                <label for="check-output">{tr!(lang, "check.field-output")}</label>
                <p class="hint" id="check-output-hint">{tr!(lang, "check.field-output-hint")}</p>
                <textarea id="check-output" name="output" rows="14" spellcheck="false" autocomplete="off"
                    aria-describedby="check-output-hint" required=true>{super::feedback::textarea_text(&output)}</textarea>
            </div>
            <div class="field">
                <label for="check-kind">{tr!(lang, "check.field-kind")}</label>
                <select id="check-kind" name="kind">
                    {option("auto", tr!(lang, "check.kind-auto").to_owned(), chosen.is_none())}
                    {OutputKind::ALL
                        .into_iter()
                        .map(|k| option(k.id(), crate::check::kind_name(k, lang).to_owned(), chosen == Some(k)))
                        .collect_view()}
                </select>
            </div>
            <p class="privacy">{tr!(lang, "check.privacy")}</p>
            <div class="actions">
                <button type="submit" name="action" value="check" class="primary">{tr!(lang, "check.button-check")}</button>
            </div>
        </form>
    }
}

/// The verdict, the findings and the wizards offered. `saving`: the paste is in the form
/// above, so the save and export buttons can send it.
#[component]
fn Results(lang: Locale, report: CheckReport, saving: bool) -> impl IntoView {
    let class = match report.verdict.level {
        Level::Ok => "verdict ok",
        Level::Caution => "verdict caution",
        Level::Blocked => "verdict blocked",
    };
    let v = report.verdict.clone();
    view! {
        <section class="check-results" aria-labelledby="findings-heading">
            <h2 id="findings-heading">{tr!(lang, "check.findings-heading")}</h2>
            <div class=class role="status">
                <p class="verdict-level">{level_text(v.level, lang)}</p>
                <p class="verdict-headline">{v.headline}</p>
                {(!v.details.is_empty()).then(|| view! {
                    <ul>{v.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                })}
            </div>
            <ol class="findings">
                {report.findings.into_iter().map(|f| view! { <li><FindingView lang f/></li> }).collect_view()}
            </ol>
            {(!report.offers.is_empty()).then(|| view! {
                <section class="check-offers" aria-labelledby="offers-heading">
                    <h3 id="offers-heading">{tr!(lang, "check.offers-heading")}</h3>
                    {report.offers.into_iter().map(|o| view! { <OfferForm lang o/> }).collect_view()}
                </section>
            })}
            {saving.then(|| view! {
                <p class="run-actions">
                    <button type="submit" form=FORM_ID name="action" value="save">{tr!(lang, "check.button-save")}</button>
                    <button type="submit" form=FORM_ID name="action" value="export">{tr!(lang, "check.button-export")}</button>
                </p>
            })}
        </section>
    }
}

fn severity_text(s: Severity, lang: Locale) -> &'static str {
    match s {
        Severity::Error => tr!(lang, "check.severity-error"),
        Severity::Warning => tr!(lang, "check.severity-warning"),
        Severity::Info => tr!(lang, "check.severity-info"),
    }
}

#[component]
fn FindingView(lang: Locale, f: Finding) -> impl IntoView {
    let sev = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let more = f.line_count.saturating_sub(f.lines.len());
    let numbers: Vec<String> = f.lines.iter().map(|l| l.number.to_string()).collect();
    let quoted: Vec<String> = f.lines.iter().map(|l| format!("{:>5}  {}", l.number, l.text)).collect();
    let source = f.source.map(|src| {
        let label = if src.kind == "operation" { tr!(lang, "check.source-operation") } else { tr!(lang, "check.source-entry") };
        view! { <p class="finding-source">{label}": "<a href=src.url>{src.title}</a></p> }
    });
    let search = f.search_url.map(|url| view! { <p class="finding-search"><a href=url>{tr!(lang, "check.search-masked")}</a></p> });
    view! {
        <article class=format!("finding {sev}") data-kind=f.kind.id()>
            <h3>
                <span class=format!("badge {sev}")>{severity_text(f.severity, lang)}</span>
                " "
                <span class="finding-title">{f.title}</span>
            </h3>
            {(!f.lines.is_empty()).then(|| view! {
                <p class="finding-lines">{tr!(lang, "check.lines")}" "{numbers.join(", ")}
                    {(more > 0).then(|| format!(" · {}", tr!(lang, "check.more-lines", n = more)))}
                </p>
                <div class="code-block output" data-lang="text"><pre tabindex="0"><code>{quoted.join("\n")}</code></pre></div>
            })}
            <p class="finding-explanation">{f.explanation}</p>
            {f.masked.map(|m| view! {
                <p class="finding-masked">{tr!(lang, "check.masked")}": "<code>{m}</code></p>
            })}
            {(f.fix_text.is_some() || !f.fix.is_empty()).then(|| view! {
                <p class="finding-fix"><strong>{tr!(lang, "check.fix")}</strong>
                    {f.fix_text.map(|t| view! { ": "{t} })}
                </p>
            })}
            {(!f.fix.is_empty()).then(|| code_block(lang, "bash".into(), f.fix.join("\n")))}
            {source}
            {search}
        </article>
    }
}

/// A wizard offered with the paste's values: a form posted to the wizard's first step.
#[component]
fn OfferForm(lang: Locale, o: OfferView) -> impl IntoView {
    view! {
        <form class="check-offer" method="post" action=o.submit>
            <FormTokenField/>
            <input type="hidden" name="step" value=o.step/>
            {o.inputs.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <p>{o.text}</p>
            <button type="submit" name="action" value="next">{tr!(lang, "check.offer-button", title = o.title)}</button>
        </form>
    }
}

/// `/{lang}/check/runs/{id}`: a saved check.
#[component]
pub fn CheckRunPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let run_id = move || params.with(|p| p.get("run").unwrap_or_default());
    let lang = move || locale.get().unwrap_or(Locale::DEFAULT);
    let run = Resource::new(move || (lang(), run_id()), |(lang, id)| get_saved_check(lang, id));
    move || {
        let lang = lang();
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match run.await {
                        Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                        Ok(Some(saved)) => {
                            let permalink = urls::check_run(lang, &saved.id);
                            let markdown = urls::check_run_markdown(lang, &saved.id);
                            let title = tr!(lang, "check.run-title");
                            let s = Strings::get(lang);
                            view! {
                                <Title text=title_text(&[title, s.site_name])/>
                                <nav class="crumbs">
                                    <a href=urls::home(lang)>{s.home}</a>
                                    " / "
                                    <a href=urls::check(lang)>{tr!(lang, "check.page-title")}</a>
                                </nav>
                                <div class="check-page saved-run" data-run=saved.id.clone()>
                                    <h1>{title}</h1>
                                    <p class="run-meta">{tr!(lang, "check.run-meta", date = saved.created.replace('T', " ").replace('Z', " UTC"))}</p>
                                    <dl class="run-meta">
                                        <dt>{tr!(lang, "check.permalink")}</dt>
                                        <dd><a href=permalink.clone() class="permalink">{permalink.clone()}</a></dd>
                                    </dl>
                                    <p class="run-actions">
                                        <a href=markdown download=format!("check-{}.md", saved.id)>{tr!(lang, "check.button-export")}</a>
                                        <a href=urls::check(lang)>{tr!(lang, "check.check-again")}</a>
                                        <button type="button" class="print-button">{s.wz_print}</button>
                                    </p>
                                    <Results lang report=saved.report saving=false/>
                                </div>
                            }
                            .into_any()
                        }
                        Ok(None) => view! { <RunGone lang/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

/// The search page's offer: a query that looks like command output, checked line by line.
#[component]
pub(crate) fn CheckOffer(lang: Locale, query: String) -> impl IntoView {
    view! {
        <aside class="check-offer-search">
            <p>{tr!(lang, "check.search-offer")}</p>
            <a class="button" href=urls::check_with(lang, &query)>{tr!(lang, "check.search-offer-button")}</a>
        </aside>
    }
}

/// The header's link.
pub(crate) fn nav_text(lang: Locale) -> &'static str {
    tr!(lang, "check.nav")
}

/// A saved check that is not there (a wrong link, or past the time runs are kept): a 404.
#[component]
fn RunGone(lang: Locale) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let s = Strings::get(lang);
    view! {
        <Title text=title_text(&[tr!(lang, "check.run-title"), s.site_name])/>
        <section class="not-found">
            <h1>{tr!(lang, "check.run-title")}</h1>
            <p>{tr!(lang, "check.run-gone")}</p>
            <p><a href=urls::check(lang)>{tr!(lang, "check.check-again")}</a></p>
        </section>
    }
}
