//! The home page, the search results page and the category pages.

use super::wizard::WizardCards;
use super::{title_text, use_locale, NotFound, SearchBox, ServerTrouble};
use crate::api::{get_category, get_home, search};
use crate::i18n::{fill, Strings};
use crate::locale::Locale;
use crate::model::{urls, ArticleSummary, Category, CategoryPage, HitKind, SearchResults, MAX_QUERY_CHARS};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn lang_or_default(locale: Memo<Option<Locale>>) -> Locale {
    locale.get().unwrap_or(Locale::DEFAULT)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let home = Resource::new(move || lang_or_default(locale), get_home);
    move || {
        let lang = lang_or_default(locale);
        let s = Strings::get(lang);
        view! {
            <Title text=title_text(&[s.site_name, s.search_label])/>
            <Meta name="description" content=s.tagline/>
            <super::SocialMeta title=s.site_name.to_owned() description=s.tagline.to_owned()/>
            <section class="hero">
                <h1>{s.site_name}</h1>
                <p class="tagline">{s.tagline}</p>
                <SearchBox lang value=String::new()/>
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match home.await {
                        Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                        Ok(data) => view! {
                            <section class="categories" aria-labelledby="categories-heading">
                                <h2 id="categories-heading">{s.categories}</h2>
                                <ul class="category-grid">
                                    {data
                                        .categories
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li>
                                                    <a href=c.url>
                                                        <span class="category-name">{c.name}</span>
                                                        <span class="count">
                                                            {fill(s.entry_count, &[("n", &c.count.to_string())])}
                                                        </span>
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                            <section class="home-check" aria-labelledby="check-heading">
                                <h2 id="check-heading">{crate::catalog::tr!(lang, "check.page-title")}</h2>
                                <p class="tagline">{crate::catalog::tr!(lang, "check.intro")}</p>
                                <p><a class="button" href=urls::check(lang)>{super::check::nav_text(lang)}</a></p>
                            </section>
                            <section class="home-wizards" aria-labelledby="wizards-heading">
                                <h2 id="wizards-heading">{s.wizards}</h2>
                                <p class="tagline">{s.wizards_intro}</p>
                                <WizardCards lang/>
                            </section>
                            <section class="featured">
                                <h2>{s.popular_questions}</h2>
                                <EntryList entries=data.featured/>
                            </section>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

#[component]
pub(crate) fn EntryList(entries: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ul class="entry-list">
            {entries
                .into_iter()
                .map(|e| {
                    view! {
                        <li>
                            <a href=e.url>{e.title}</a>
                            <p>{e.summary}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let page = move || {
        query
            .with(|m| m.get("page").and_then(|p| p.parse::<usize>().ok()))
            .unwrap_or(1)
            .clamp(1, 1000)
    };
    let category = move || query.with(|m| m.get("category")).filter(|c| Category::from_id(c).is_some());
    // `src` says the search came from the browser's search bar or a `/go` link.
    let src = move || query.with(|m| m.get("src"));
    let results = Resource::new(
        move || (lang_or_default(locale), q(), page(), category(), src()),
        |(lang, q, page, category, src)| async move {
            if q.trim().is_empty() {
                Ok(None)
            } else {
                search(lang, q, page, category, src).await.map(Some)
            }
        },
    );
    move || {
        let lang = lang_or_default(locale);
        let s = Strings::get(lang);
        // A plain string, not a closure: the head is written after the body, when the
        // route's reactive values may already be gone (under load that panicked).
        let title = {
            let q = q();
            let short: String = q.trim().chars().take(60).collect();
            title_text(&[&short, s.search_title, s.site_name])
        };
        view! {
            <Title text=title/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match results.await {
                        Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                        Ok(None) => view! {
                            <section class="search-page">
                                <h1>{s.search_title}</h1>
                                <p class="hint">{s.empty_query}</p>
                            </section>
                        }
                        .into_any(),
                        Ok(Some(r)) => view! { <Results lang r/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

#[component]
fn Results(lang: Locale, r: SearchResults) -> impl IntoView {
    let s = Strings::get(lang);
    let heading = fill(s.results_for, &[("q", &short_query(&r.query)), ("n", &r.total.to_string())]);
    let pages = r.total.div_ceil(r.per_page.max(1));
    let page_link = {
        let (q, category) = (r.query.clone(), r.category);
        move |p: usize| format!("{}&page={p}", urls::search_in(lang, &q, category))
    };
    let facets = (!r.facets.is_empty()).then(|| {
        let all: usize = r.facets.iter().map(|f| f.count).sum();
        let q = r.query.clone();
        let current = r.category;
        view! {
            <nav class="facets" aria-label=s.category>
                <a href=urls::search(lang, &q) aria-current=current.is_none().then_some("true")>
                    {s.all_categories} <span class="count">{all}</span>
                </a>
                {r.facets
                    .iter()
                    .map(|f| {
                        view! {
                            <a
                                href=urls::search_in(lang, &q, Some(f.category))
                                aria-current=(current == Some(f.category)).then_some("true")
                                data-category=f.category.id()
                            >
                                {f.name.clone()} <span class="count">{f.count}</span>
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        }
    });
    view! {
        <section class="search-page">
            <h1 class="results-heading" aria-live="polite">{heading}</h1>
            {r.truncated.then(|| view! {
                <p class="notice" role="note">{fill(s.query_truncated, &[("n", &MAX_QUERY_CHARS.to_string())])}</p>
            })}
            {r.output.then(|| view! { <super::check::CheckOffer lang query=r.query.clone()/> })}
            {facets}
            {if r.results.is_empty() {
                view! { <NoAnswer lang query=r.query.clone() alternatives=r.alternatives.clone()/> }.into_any()
            } else {
                view! {
                    <ol class="results" start=(r.page - 1) * r.per_page + 1>
                        {r.results
                            .into_iter()
                            .map(|hit| {
                                let badge = hit.badge(lang);
                                view! {
                                    <li
                                        class="result"
                                        class:known=hit.known_error
                                        class:wizard-result=hit.kind == HitKind::Wizard
                                        data-id=hit.id.clone()
                                    >
                                        {hit.known_error.then(|| view! { <p class="known-error">{s.known_error}</p> })}
                                        // The link carries `from`: the page it opens counts the click.
                                        <a class="result-title" href=hit.url>{hit.title}</a>
                                        <span class="badge">{badge}</span>
                                        <p class="snippet" inner_html=hit.snippet_html></p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }}
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label="pagination">
                    {(1..=pages.min(20))
                        .map(|p| {
                            let current = p == r.page;
                            view! {
                                <a href=page_link(p) aria-current=current.then_some("page")>{p}</a>
                            }
                        })
                        .collect_view()}
                </nav>
            })}
        </section>
    }
}

/// Nothing matched: say so plainly, and offer ways on.
#[component]
fn NoAnswer(lang: Locale, query: String, alternatives: Vec<String>) -> impl IntoView {
    let s = Strings::get(lang);
    view! {
        <div class="no-results">
            <p><strong>{s.no_results}</strong></p>
            {(!alternatives.is_empty()).then(|| view! {
                <p class="did-you-mean">
                    {s.did_you_mean}" "
                    {alternatives
                        .into_iter()
                        .map(|a| { let href = urls::search(lang, &a); view! { <a href=href rel="nofollow">{a}</a>" " } })
                        .collect_view()}
                </p>
            })}
            <p>{s.no_results_hint}</p>
            <p>{s.try_other_languages}</p>
            <ul class="inline-list">
                {Locale::ALL
                    .into_iter()
                    .filter(|l| *l != lang)
                    .map(|l| view! {
                        <li>
                            <a href=urls::search(l, &query) hreflang=l.html_lang() lang=l.html_lang()>{l.native_name()}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p>{s.wizards}</p>
            <ul class="inline-list wizard-links">
                {crate::wizard::WizardId::ALL
                    .into_iter()
                    .map(|w| view! { <li><a href=urls::wizard(lang, w.id())>{w.title(lang)}</a></li> })
                    .collect_view()}
            </ul>
            <p>{s.categories}</p>
            <ul class="inline-list">
                {Category::ALL
                    .into_iter()
                    .map(|c| view! { <li><a href=urls::category(lang, c)>{c.name(lang)}</a></li> })
                    .collect_view()}
            </ul>
        </div>
    }
}

fn short_query(q: &str) -> String {
    let mut out: String = q.chars().take(80).collect();
    if q.chars().count() > 80 {
        out.push('…');
    }
    out
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let category = move || params.with(|p| p.get("category").unwrap_or_default());
    let page = Resource::new(move || (lang_or_default(locale), category()), |(l, c)| get_category(l, c));
    move || {
        let lang = lang_or_default(locale);
        let s = Strings::get(lang);
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(_) => view! { <ServerTrouble lang/> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Ok(Some(c)) => view! {
                            <Title text=title_text(&[&c.name, s.site_name])/>
                            <CategoryHead lang c=c.clone()/>
                            <nav class="crumbs">
                                <a href=urls::home(lang)>{s.home}</a>
                            </nav>
                            <h1>{c.name.clone()}</h1>
                            <p class="count">{fill(s.entry_count, &[("n", &c.entries.len().to_string())])}</p>
                            <EntryList entries=c.entries/>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

/// A category page's description, link preview and breadcrumbs: its name and the titles
/// of its first entries.
#[component]
fn CategoryHead(lang: Locale, c: CategoryPage) -> impl IntoView {
    let s = Strings::get(lang);
    let base = super::public_base();
    let sep = if lang == Locale::Id { "; " } else { "；" };
    let colon = if lang == Locale::Id { ": " } else { "：" };
    let titles: Vec<&str> = c.entries.iter().take(4).map(|e| e.title.as_str()).collect();
    let mut description = format!("{}{colon}{}", c.name, titles.join(sep));
    if description.chars().count() > 160 {
        description = description.chars().take(159).collect::<String>() + "…";
    }
    let crumbs = crate::seo::breadcrumbs(&[
        (s.home.to_owned(), base.url(&urls::home(lang))),
        (c.name.clone(), base.url(&urls::category(lang, c.category))),
    ]);
    view! {
        <Meta name="description" content=description.clone()/>
        <super::SocialMeta title=c.name.clone() description/>
        <super::JsonLd value=crumbs/>
    }
}
