//! Pages and components. Data comes only through the server functions of [`crate::api`].

pub(crate) mod check;
mod entry;
mod feedback;
mod page_scripts;
mod pages;
mod search_box;
mod typed;
pub(crate) mod wizard;
mod wizard_form;

use crate::i18n::Strings;
use crate::locale::{localized_path, Locale};
use crate::model::urls;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Link, Meta, MetaTags, Stylesheet, Title};
use page_scripts::PageScripts;
pub(crate) use search_box::SearchBox;
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes},
    hooks::{use_location, use_params_map},
    path, SsrMode,
};

/// The HTML document around the app. The server renders it; the browser hydrates only its
/// islands (`#[island]`): the search field, the feedback form, a wizard's form and the
/// page's scripts. Links and forms load the next page from the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name=FORM_TOKEN_META content=form_token()/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/ack-console.css"/>
        <Router>
            <Routes fallback=|| view! { <main id="main"><NotFound/></main> }>
                <ParentRoute path=path!("/:lang") view=Layout ssr=SsrMode::Async>
                    <Route path=path!("") view=pages::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("search") view=pages::SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("entries/:id") view=entry::EntryPage ssr=SsrMode::Async/>
                    <Route path=path!("check") view=check::CheckPage ssr=SsrMode::Async/>
                    <Route path=path!("check/runs/:run") view=check::CheckRunPage ssr=SsrMode::Async/>
                    <Route path=path!("wizards") view=wizard::WizardIndexPage ssr=SsrMode::Async/>
                    <Route path=path!("wizards/:name") view=wizard::WizardPage ssr=SsrMode::Async/>
                    <Route path=path!("wizards/:name/runs/:run") view=wizard::WizardRunPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("categories/:category")
                        view=pages::CategoryPage
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The `<meta>` that carries the form token, so that forms rendered in the browser after
/// client-side navigation carry it too.
const FORM_TOKEN_META: &str = "ack-form-token";

/// The token every form that writes must carry (see the server's `clientid`): from the
/// request on the server, from the page's `<meta>` in the browser.
fn form_token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::api::FormToken>().map(|t| t.0.clone()))
            .unwrap_or_default()
    }
    #[cfg(feature = "hydrate")]
    {
        document()
            .query_selector(&format!("meta[name=\"{FORM_TOKEN_META}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// The hidden field with the form token.
#[component]
pub(crate) fn FormTokenField() -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=form_token()/> }
}

/// Text for `<title>`. leptos_meta writes the title into the page without escaping it,
/// so markup characters are replaced by look-alikes that cannot end the element.
pub(crate) fn title_text(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
        .chars()
        .map(|c| match c {
            '<' => '‹',
            '>' => '›',
            '&' => '＆',
            c => c,
        })
        .collect()
}

/// The locale of the current page, from its URL prefix.
pub(crate) fn use_locale() -> Memo<Option<Locale>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("lang").and_then(|l| Locale::from_code(&l)))
}

/// Header, language switcher and footer around every localized page. An unknown locale
/// prefix is a 404.
#[component]
fn Layout() -> impl IntoView {
    let locale = use_locale();
    move || match locale.get() {
        None => view! { <main id="main"><NotFound/></main> }.into_any(),
        Some(lang) => view! {
            <Frame lang>
                <Outlet/>
            </Frame>
        }
        .into_any(),
    }
}

#[component]
fn Frame(lang: Locale, children: Children) -> impl IntoView {
    let s = Strings::get(lang);
    let location = use_location();
    let path = location.pathname;
    let query = location.search;
    let is_home = move || path.with(|p| p.trim_end_matches('/') == urls::home(lang));
    let current_q = move || {
        if path.with(|p| p.ends_with("/search")) {
            location.query.with(|q| q.get("q").unwrap_or_default())
        } else {
            String::new()
        }
    };
    view! {
        <Html {..} lang=lang.html_lang()/>
        <PageHead lang/>
        <a class="skip" href="#main">{s.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href=urls::home(lang)>
                <span class="brand-mark" aria-hidden="true">"ACK"</span>
                <span class="brand-name">{s.site_name}</span>
            </a>
            <Show when=move || !is_home()>
                <SearchBox lang value=current_q() compact=true/>
            </Show>
            <a class="nav-check" href=urls::check(lang)>{check::nav_text(lang)}</a>
            <a class="nav-wizards" href=urls::wizards(lang)>{s.wizards}</a>
            // The language links in a row on wide screens; on a phone, one menu that
            // opens without script (`details`). Only one of the two is displayed.
            <nav class="lang-switch" aria-label=s.language>
                <div class="lang-links">{language_links(lang, path, query)}</div>
                <details class="lang-menu">
                    <summary aria-label=format!("{}: {}", s.language, lang.native_name())>
                        <span aria-hidden="true" lang=lang.html_lang()>{lang.short_name()}</span>
                    </summary>
                    <div class="lang-menu-list">{language_links(lang, path, query)}</div>
                </details>
            </nav>
        </header>
        <main id="main">{children()}</main>
        <ClickNote/>
        <PageScripts copied=s.copied.to_owned()/>
        <footer class="site-footer">
            <p>{s.footer}</p>
        </footer>
    }
}

/// A link to the same page in every locale, the current one marked.
fn language_links(lang: Locale, path: Memo<String>, query: Memo<String>) -> impl IntoView {
    Locale::ALL
        .into_iter()
        .map(|to| {
            let href = move || {
                // The same page, without the click count of a search result.
                let target = format!("{}{}", localized_path(&path.get(), to), without_from(&query.get()));
                urls::switch_language(to, &target)
            };
            view! {
                <a
                    href=href
                    rel="external"
                    hreflang=to.html_lang()
                    lang=to.html_lang()
                    aria-current=(to == lang).then_some("true")
                    data-locale=to.code()
                >
                    {to.native_name()}
                </a>
            }
        })
        .collect_view()
}

/// A query string (`?a=1&from=x`) without its `from` parameter.
fn without_from(query: &str) -> String {
    let kept: Vec<&str> = query.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("from=")).collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// A page opened from a search result (`?from=<search>.<position>`) counts the click when
/// the server renders it, which is every time: links load pages from the server, with
/// JavaScript or without. Renders nothing.
#[component]
fn ClickNote() -> impl IntoView {
    let location = use_location();
    let note = Resource::new(
        move || (location.query.with(|q| q.get("from")), location.pathname.get()),
        |(from, path)| async move {
            if let Some(from) = from {
                let _ = crate::api::note_click(from, path).await;
            }
        },
    );
    view! { <Suspense fallback=|| ()>{move || Suspend::new(async move { note.await; })}</Suspense> }
}

/// What every page tells search engines and link previews: on an indexable page the
/// canonical address and the hreflang alternates (every locale and x-default), absolute
/// from the configured public URL; on any other page `noindex`. Open Graph's address,
/// locales and site name, and the Twitter card, are here too; each page adds its own
/// title and summary ([`SocialMeta`]).
#[component]
fn PageHead(lang: Locale) -> impl IntoView {
    let location = use_location();
    let base = public_base();
    let s = Strings::get(lang);
    move || {
        let path = location.pathname.get();
        let query = location.search.get();
        let indexable = crate::seo::indexable(&path, query.trim_start_matches('?'));
        let href_in = |to: Locale| base.url(&localized_path(&path, to));
        let index_links = indexable.then(|| {
            view! {
                <Link rel="canonical" href=href_in(lang)/>
                {Locale::ALL
                    .into_iter()
                    .map(|to| view! { <Link rel="alternate" hreflang=to.html_lang() href=href_in(to)/> })
                    .collect_view()}
                <Link rel="alternate" hreflang="x-default" href=href_in(Locale::DEFAULT)/>
                <Meta property="og:url" content=href_in(lang)/>
            }
        });
        view! {
            {index_links}
            {(!indexable).then(|| view! { <Meta name="robots" content="noindex"/> })}
            <Meta property="og:site_name" content=s.site_name/>
            <Meta property="og:locale" content=crate::seo::og_locale(lang)/>
            {Locale::ALL
                .into_iter()
                .filter(|l| *l != lang)
                .map(|l| view! { <Meta property="og:locale:alternate" content=crate::seo::og_locale(l)/> })
                .collect_view()}
            <Meta name="twitter:card" content="summary"/>
            <Link
                rel="search"
                type_="application/opensearchdescription+xml"
                title=s.short_name
                href=format!("/{}/opensearch.xml", lang.code())
            />
        }
    }
}

/// The public URL every absolute address starts with (context from the server; in the
/// browser, the page's own origin).
pub(crate) fn public_base() -> crate::seo::PublicBase {
    use_context::<crate::seo::PublicBase>().unwrap_or_else(|| crate::seo::PublicBase(String::new()))
}

/// A page's title and summary for link previews (Open Graph, Twitter card).
#[component]
pub(crate) fn SocialMeta(title: String, description: String, #[prop(default = "website")] kind: &'static str) -> impl IntoView {
    view! {
        <Meta property="og:type" content=kind/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
    }
}

/// JSON-LD, as a data block (never run, so the CSP does not apply to it).
#[component]
pub(crate) fn JsonLd(value: serde_json::Value) -> impl IntoView {
    view! { <script type="application/ld+json" inner_html=crate::seo::script_json(&value)></script> }
}

/// The localized "page not found" page. On the server it sets the status to 404.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let location = use_location();
    let lang = crate::locale::split_locale_path(&location.pathname.get_untracked())
        .map(|(l, _)| l)
        .unwrap_or(Locale::DEFAULT);
    let s = Strings::get(lang);
    view! {
        <Html {..} lang=lang.html_lang()/>
        <Title text=title_text(&[s.not_found_title, s.site_name])/>
        <Meta name="robots" content="noindex"/>
        <section class="not-found">
            <h1>{s.not_found_title}</h1>
            <p>{s.not_found_body}</p>
            <SearchBox lang value=String::new()/>
            <p>
                <a href=urls::home(lang)>{s.back_home}</a>
            </p>
        </section>
    }
}

/// Shown when a server function fails: never a raw error text.
#[component]
pub(crate) fn ServerTrouble(lang: Locale) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
    let s = Strings::get(lang);
    view! {
        <section class="trouble" role="alert">
            <h1>{s.error_title}</h1>
            <p>{s.error_body}</p>
        </section>
    }
}
