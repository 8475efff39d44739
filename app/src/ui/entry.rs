//! The page of one knowledge base entry.

use super::feedback::{FeedbackBox, FeedbackStart};
use super::{public_base, title_text, use_locale, JsonLd, NotFound, ServerTrouble, SocialMeta};
use crate::api::{form_echo, get_article, FormEcho};
use crate::i18n::Strings;
use crate::locale::Locale;
use crate::model::{urls, ArticleView, HighRiskGroupView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EntryPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let lang = move || locale.get().unwrap_or(Locale::DEFAULT);
    let article = Resource::new(move || (lang(), id()), |(l, id)| get_article(l, id));
    // After a vote without JavaScript the server redirects back here with `?feedback=thanks`;
    // a refused form is answered with this page itself, the form echoed back in it.
    let start = Resource::new(
        move || query.with(|q| q.get("feedback")),
        |feedback| async move {
            match (feedback.as_deref(), form_echo()) {
                (_, Some(FormEcho::Feedback(d))) => FeedbackStart::Draft(d),
                (Some("thanks"), _) => FeedbackStart::Thanks,
                _ => FeedbackStart::Empty,
            }
        },
    );
    move || {
        let lang = lang();
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let start = start.await;
                    match article.await {
                        Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Ok(Some(a)) => view! { <Article a start/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

#[component]
fn Article(a: ArticleView, start: FeedbackStart) -> impl IntoView {
    let lang = a.lang;
    let s = Strings::get(lang);
    let base = public_base();
    let category = a.category.name(lang);
    let article_ld = crate::seo::tech_article(&a, &base, s.site_name, category);
    let crumbs_ld = crate::seo::breadcrumbs(&[
        (s.home.to_owned(), base.url(&urls::home(lang))),
        (category.to_owned(), base.url(&urls::category(lang, a.category))),
        (a.title.clone(), base.url(&urls::entry(lang, &a.id))),
    ]);
    let how_to_ld = crate::seo::how_to(&a, &base);
    view! {
        <Title text=title_text(&[&a.title, s.site_name])/>
        <Meta name="description" content=a.summary.clone()/>
        <SocialMeta title=a.title.clone() description=a.summary.clone() kind="article"/>
        <Meta property="article:modified_time" content=a.updated.clone()/>
        <JsonLd value=article_ld/>
        <JsonLd value=crumbs_ld/>
        {how_to_ld.map(|v| view! { <JsonLd value=v/> })}
        <article class="entry" data-entry=a.id.clone()>
            <nav class="crumbs">
                <a href=urls::home(lang)>{s.home}</a>
                " / "
                <a href=urls::category(lang, a.category)>{a.category.name(lang)}</a>
            </nav>
            <h1>{a.title.clone()}</h1>
            <p class="summary">{a.summary.clone()}</p>
            <dl class="entry-meta">
                <dt>{s.updated}</dt>
                <dd>
                    <time datetime=a.updated.clone()>{a.updated.clone()}</time>
                </dd>
                <dt>{s.category}</dt>
                <dd>
                    <a href=urls::category(lang, a.category)>{a.category.name(lang)}</a>
                </dd>
            </dl>
            {(!a.tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label=s.tags>
                    {a.tags.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                </ul>
            })}
            {(a.headings.len() > 1).then(|| view! {
                <nav class="toc" aria-label=s.on_this_page>
                    <p>{s.on_this_page}</p>
                    <ul>
                        {a.headings
                            .iter()
                            .map(|h| view! {
                                <li class=format!("toc-{}", h.level)>
                                    <a href=format!("#{}", h.anchor)>{h.text.clone()}</a>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </nav>
            })}
            <div class="prose" inner_html=a.body_html.clone()></div>
            {(!a.errors.is_empty()).then(|| view! {
                <section class="entry-errors" aria-labelledby="error-messages">
                    <h2 id="error-messages">{s.error_messages}</h2>
                    <ul>
                        {a.errors.iter().map(|e| view! { <li><code>{e.clone()}</code></li> }).collect_view()}
                    </ul>
                </section>
            })}
            {(!a.high_risk.is_empty()).then(|| view! { <HighRiskTables lang groups=a.high_risk.clone()/> })}
        </article>
        <aside class="entry-aside">
            {a.wizard.as_deref().and_then(crate::wizard::WizardId::parse).map(|w| view! {
                <section class="entry-wizard">
                    <h2>{s.wz_open_wizard}</h2>
                    <p>
                        <a href=urls::wizard(lang, w.id()) class="wizard-link">{w.title(lang)}</a>
                    </p>
                    <p class="hint">{w.intro(lang)}</p>
                </section>
            })}
            {(!a.related.is_empty()).then(|| view! {
                <section class="related">
                    <h2>{s.related}</h2>
                    <ul>
                        {a.related
                            .iter()
                            .map(|r| view! { <li><a href=r.url.clone()>{r.title.clone()}</a></li> })
                            .collect_view()}
                    </ul>
                </section>
            })}
            <section class="other-languages">
                <h2>{s.other_languages}</h2>
                <ul>
                    {a.locales
                        .iter()
                        .filter(|l| **l != lang)
                        .map(|l| {
                            let href = urls::switch_language(*l, &urls::entry(*l, &a.id));
                            view! {
                                <li>
                                    <a href=href rel="external" hreflang=l.html_lang() lang=l.html_lang()>
                                        {l.native_name()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </aside>
        <FeedbackBox lang id=a.id.clone() start/>
    }
}

/// The high-risk operations, one table per group, one anchor (`#op-<key>`) per row.
#[component]
fn HighRiskTables(lang: Locale, groups: Vec<HighRiskGroupView>) -> impl IntoView {
    let s = Strings::get(lang);
    view! {
        <section class="prose high-risk">
            {groups
                .into_iter()
                .map(|g| {
                    view! {
                        <h2 id=format!("group-{}", g.group.id())>{g.name}</h2>
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{s.hr_operation}</th>
                                    <th scope="col">{s.hr_impact}</th>
                                    <th scope="col">{s.hr_recovery}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {g
                                    .rows
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr id=format!("op-{}", r.key)>
                                                <td>
                                                    {r.operation}
                                                    {r.entry_url.map(|u| view! { " " <a class="details" href=u>{s.hr_details}</a> })}
                                                </td>
                                                <td>{r.impact}</td>
                                                <td>{r.recovery}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })
                .collect_view()}
        </section>
    }
}
