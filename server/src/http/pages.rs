//! Pages and redirects outside Leptos: the root, the language switcher, `/go` links,
//! OpenSearch, health and readiness, and `/metrics` for the admin address.

use super::middleware::reader_locale;
use super::{query_param, AppState, LANG_COOKIE};
use crate::error::AppError;
use app::locale::Locale;
use app::model::urls;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::Serialize;

/// `/` goes to the reader's locale: the switcher's cookie, then Accept-Language, then zh.
pub async fn root_redirect(headers: HeaderMap) -> Response {
    let lang = reader_locale(&headers);
    let mut res = Redirect::to(&urls::home(lang)).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// The language switcher: remembers the choice in a cookie, then shows the same page in
/// that locale.
pub async fn switch_language(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return Redirect::to("/").into_response();
    };
    let next = query_param(query.as_deref(), "next").filter(|n| is_local_path(n)).unwrap_or_else(|| urls::home(lang));
    let mut res = match axum::http::HeaderValue::from_str(&next) {
        Ok(_) => Redirect::to(&next).into_response(),
        Err(_) => Redirect::to(&urls::home(lang)).into_response(),
    };
    let cookie = format!("{LANG_COOKIE}={}; Max-Age=31536000; {}", lang.code(), state.http.cookie_attributes());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Only paths on this site: no scheme, no `//host`, no backslashes, and short.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= urls::MAX_URL_BYTES
}

/// `/{lang}/opensearch.xml`: lets a browser add the console as a search engine, with
/// suggestions while typing in the address bar.
pub async fn opensearch(State(state): State<AppState>, Path(lang): Path<String>) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return AppError::NotFound.into_response();
    };
    let s = app::i18n::Strings::get(lang);
    let base = &state.backend.public.origin;
    let code = lang.code();
    let esc = crate::markdown::escape;
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>{short}</ShortName>
  <Description>{description}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>{code}</Language>
  <Image width="32" height="32" type="image/svg+xml">{base}/favicon.svg</Image>
  <Url type="text/html" method="get" template="{base}/{code}/search?q={{searchTerms}}&amp;src=opensearch"/>
  <Url type="application/x-suggestions+json" method="get" template="{base}/api/suggest?lang={code}&amp;q={{searchTerms}}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="{base}/{code}/opensearch.xml"/>
  <moz:SearchForm>{base}/{code}</moz:SearchForm>
</OpenSearchDescription>
"#,
        short = esc(s.short_name),
        description = esc(s.tagline),
    );
    ([(header::CONTENT_TYPE, "application/opensearchdescription+xml; charset=utf-8")], xml).into_response()
}

/// `/go/{id}`: a stable link for other products: the entry (or high-risk operation) in
/// the reader's locale, or a search for the id when there is no such entry. A former id
/// (an alias) leads to the entry that took it. `?from=<product>` says where the link was
/// followed from; the arrival is counted under that name (or `other`), and nothing of the
/// query goes on to the target, whose own `from` is a search click's.
pub async fn go_entry(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let lang = reader_locale(&headers);
    let content = &state.backend.content;
    let (target, arrived) = if let Some(current) = content.resolve(&id) {
        (urls::entry(lang, current), current)
    } else if content.high_risk().get(&id).is_some() {
        (crate::highrisk::HighRiskTable::url(lang, &id), id.as_str())
    } else {
        (urls::search_capped(lang, &id), "")
    };
    let from = query_param(query.as_deref(), "from");
    state.backend.record_arrival(lang, crate::links::arrival_source(from.as_deref()), arrived);
    let mut res = Redirect::to(&target).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    res
}

/// `/go?q=<error text>`: straight to the entry when the text is a known error, to the
/// results page otherwise, with the text cut to what is searched and to a URL that every
/// proxy passes.
pub async fn go_search(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let lang = match query_param(query.as_deref(), "lang").and_then(|l| Locale::from_code(&l)) {
        Some(l) => l,
        None => reader_locale(&headers),
    };
    let raw = query_param(query.as_deref(), "q").unwrap_or_default();
    let (text, _) = crate::search::clean_query(&raw);
    let target = match state.backend.index.known_error(&text) {
        Some(id) => {
            // Straight to the answer: a search with one result, and a click on it.
            let target = urls::entry(lang, id);
            let search = state.backend.record_search(lang, &text, 1, Some(id.to_owned()), app::model::SearchSource::Go);
            state.backend.record_click(&search, 1, &target);
            target
        }
        None if text.trim().is_empty() => urls::home(lang),
        None => format!("{}&src=go", urls::search_capped(lang, &text)),
    };
    let mut res = Redirect::to(&target).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    res
}

pub async fn healthz() -> &'static str {
    "ok"
}

#[derive(Serialize)]
struct Readiness {
    /// `ready`, or `degraded` when the database is away: reading works, writing waits.
    status: &'static str,
    ready: bool,
    documents: u64,
    entries: usize,
    database: &'static str,
    database_reachable: bool,
    analytics_queue: usize,
}

/// Ready when the index is loaded. The database is reported, not required: without it
/// the console still serves search, entries and wizards, so it stays in the load balancer.
/// Its state is the watcher's last look (at most a few seconds old), so a probe never
/// waits on a database that does not answer.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let b = &state.backend;
    let documents = b.index.num_docs();
    let database_reachable = b.db.is_up();
    let ready = documents > 0;
    let status = match (ready, database_reachable) {
        (false, _) => "not_ready",
        (true, true) => "ready",
        (true, false) => "degraded",
    };
    let body = Readiness {
        status,
        ready,
        documents,
        entries: b.content.len(),
        database: b.db.backend(),
        database_reachable,
        analytics_queue: b.analytics.depth(),
    };
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let mut res = (code, Json(body)).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `/metrics` on the admin address: Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let b = &state.backend;
    for (pool, size, idle) in b.db.pool_use() {
        b.metrics.db_pool(pool, size, idle);
    }
    b.metrics.db_up(b.db.is_up());
    b.metrics.analytics_depth(b.analytics.depth());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], b.metrics.render()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_local_redirect_targets() {
        let long = format!("/{}", "a".repeat(5000));
        let cases = [
            ("/ja/entries/x?q=1", true),
            ("/", true),
            ("//evil.example/x", false),
            ("https://evil.example", false),
            ("/\\evil", false),
            ("relative", false),
            ("/a\r\nSet-Cookie: x=1", false),
            (long.as_str(), false),
        ];
        for (path, ok) in cases {
            assert_eq!(is_local_path(path), ok, "{path}");
        }
    }
}

fn crawler_text(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        body,
    )
        .into_response()
}

/// `/robots.txt`.
pub async fn robots(State(state): State<AppState>) -> Response {
    crawler_text("text/plain; charset=utf-8", crate::sitemap::robots(&state.backend.public.origin))
}

/// `/sitemap.xml`: the index of the locales' sitemaps.
pub async fn sitemap_index(State(state): State<AppState>) -> Response {
    crawler_text("application/xml; charset=utf-8", crate::sitemap::index(&state.backend.public.origin))
}

/// `/sitemaps/<locale>.xml`.
pub async fn sitemap(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    match crate::sitemap::locale_of_file(&file) {
        Some(lang) => crawler_text(
            "application/xml; charset=utf-8",
            crate::sitemap::locale_sitemap(&state.backend.content, &state.backend.public.origin, lang),
        ),
        None => crate::error::AppError::NotFound.into_response(),
    }
}
