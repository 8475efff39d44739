//! The HTTP surface: the Leptos pages, the JSON API, the feedback form, health checks,
//! static files, and the middleware around them (client id, security headers,
//! compression, body limit, tracing).

use crate::backend::ServerBackend;
use crate::error::{bad_request, AppError, AppResult};
use app::api::{Backend, ClientId, FeedbackDraft, SharedBackend};
use app::locale::{negotiate, Locale};
use app::model::{urls, ArticleSummary, ArticleView, FeedbackError, FeedbackForm, SearchResults};
use app::wizard::{flow, Inputs, WizardId};
use app::{shell, App};
use axum::body::Bytes;
use axum::extract::{FromRef, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use serde::Serialize;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Request bodies larger than this are refused before they are read.
pub const BODY_LIMIT: usize = 64 * 1024;
pub const LANG_COOKIE: &str = "ack_lang";
pub const CLIENT_COOKIE: &str = "ack_cid";

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub backend: Arc<ServerBackend>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The CSP nonce of one response, shared by the header and the page's scripts.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// What every Leptos render and server function gets in its context.
fn leptos_context(backend: SharedBackend) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(backend.clone());
        if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
            if let Some(nonce) = parts.extensions.get::<CspNonce>() {
                provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
            }
        }
    }
}

pub fn router(state: AppState) -> Router {
    let shared: SharedBackend = state.backend.clone();
    let context = leptos_context(shared);
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let site_root = std::path::Path::new(options.site_root.as_ref()).to_owned();
    let pkg_dir = site_root.join(options.site_pkg_dir.as_ref());

    let sfn_context = context.clone();
    let server_fns = move |req: Request| {
        let context = sfn_context.clone();
        async move { handle_server_fns_with_context(context, req).await }
    };

    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(not_found);

    Router::new()
        .route("/", get(root_redirect))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/lang/{lang}", get(switch_language))
        .route("/{lang}/entries/{id}/feedback", post(feedback_form))
        .route("/{lang}/wizards/{name}/submit", post(wizard_submit))
        .route("/{lang}/wizards/{name}/runs/{run}/markdown", get(wizard_markdown))
        .route("/api/wizards/{name}", post(api_wizard))
        .route("/api/search", get(api_search))
        .route("/api/suggest", get(api_suggest))
        .route("/{lang}/opensearch.xml", get(opensearch))
        .route("/go", get(go_search))
        .route("/go/{id}", get(go_entry))
        .route("/api/articles", get(api_articles))
        .route("/api/articles/{id}", get(api_article))
        .route("/sfn/{*fn_name}", get(server_fns.clone()).post(server_fns))
        // One-segment paths belong to the locale route, so root files are routed by name.
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ))
                .service(ServeDir::new(pkg_dir)),
        )
        .merge(pages)
        .layer(middleware::from_fn(locale_root))
        .layer(middleware::from_fn(client_id))
        .layer(middleware::from_fn(security_headers))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn(too_large))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

// ---------------------------------------------------------------------------------------
// Pages outside Leptos

/// `/` goes to the reader's locale: the switcher's cookie, then Accept-Language, then zh.
async fn root_redirect(headers: HeaderMap) -> Response {
    let lang = reader_locale(&headers);
    let mut res = Redirect::to(&urls::home(lang)).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    res
}

/// The language switcher: remembers the choice in a cookie, then shows the same page in
/// that locale.
async fn switch_language(Path(lang): Path<String>, RawQuery(query): RawQuery) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return Redirect::to("/").into_response();
    };
    let next = query_param(query.as_deref(), "next")
        .filter(|n| is_local_path(n))
        .unwrap_or_else(|| urls::home(lang));
    let mut res = Redirect::to(&next).into_response();
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Only paths on this site: no scheme, no `//host`, no backslashes.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

/// The feedback form without JavaScript: store, then go back to the entry with the outcome.
async fn feedback_form(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(client): Extension<ClientId>,
    body: Bytes,
) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return Redirect::to("/").into_response();
    };
    let mut form = FeedbackForm::default();
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "vote" => form.vote = Some(v.into_owned()),
            "comment" => form.comment = Some(v.into_owned()),
            _ => {}
        }
    }
    let entry = urls::entry(lang, &id);
    match state.backend.record_feedback(lang, &id, &client.0, &form).await {
        Ok(()) => Redirect::to(&format!("{entry}?feedback=thanks#feedback")).into_response(),
        Err(FeedbackError::UnknownEntry) => Redirect::to(&entry).into_response(),
        Err(error) => {
            let token = state.backend.drafts.put(FeedbackDraft {
                vote: form.vote,
                comment: form.comment.unwrap_or_default(),
                error,
            });
            Redirect::to(&format!("{entry}?draft={token}#feedback")).into_response()
        }
    }
}

/// A wizard step posted as a form: the next page, or the saved run. Always a redirect
/// (303), so that Back and reload in the browser behave; the inputs travel in the URL.
async fn wizard_submit(
    State(state): State<AppState>,
    Path((lang, name)): Path<(String, String)>,
    Extension(client): Extension<ClientId>,
    body: Bytes,
) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return Redirect::to("/").into_response();
    };
    let Some(w) = WizardId::parse(&name) else {
        return Redirect::to(&urls::wizards(lang)).into_response();
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let inputs = w.inputs_from(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let from = flow::position(w, get("step"));
    let target = match flow::navigate(w, from, flow::Action::parse(get("action")), &inputs, lang) {
        flow::Target::Show { at, check } => flow::page_url(w, lang, at, check, &inputs),
        flow::Target::Save => match state.backend.save_wizard_run(w, lang, &inputs, &client.0).await {
            Ok(run) => urls::wizard_run(lang, w.id(), &run),
            Err(e) => return AppError::Internal(e.context("saving a wizard run")).into_response(),
        },
    };
    Redirect::to(&target).into_response()
}

/// A saved run as a Markdown file, in the locale of the path.
async fn wizard_markdown(
    State(state): State<AppState>,
    Path((lang, name, run)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let (Some(lang), Some(w)) = (Locale::from_code(&lang), WizardId::parse(&name)) else {
        return AppError::NotFound.into_response();
    };
    let Some(saved) = state.backend.wizard_run(&run).await.filter(|r| r.wizard == w) else {
        return AppError::NotFound.into_response();
    };
    let report = w.evaluate(&saved.inputs, lang);
    let permalink = urls::wizard_run(lang, w.id(), &saved.id);
    let md = app::wizard::export::to_markdown(w, &saved.inputs, &report, lang, Some(&permalink), &public_base(&headers));
    let disposition = format!("attachment; filename=\"{}-{}.md\"", w.id(), saved.id);
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/markdown; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"))),
        ],
        md,
    )
        .into_response()
}

/// What `POST /api/wizards/{name}` answers: the report of the inputs, with the inputs as
/// read and the keys that are not fields of the wizard.
#[derive(Serialize)]
struct WizardReply {
    wizard: WizardId,
    lang: Locale,
    inputs: Inputs,
    ignored: Vec<String>,
    #[serde(flatten)]
    report: app::wizard::Report,
}

/// `POST /api/wizards/{name}?lang=`: evaluates a JSON object of the wizard's inputs with
/// the same rules as the pages. Values are text; numbers and booleans are read as text
/// and an array of them as one value per line.
async fn api_wizard(Path(name): Path<String>, RawQuery(query): RawQuery, body: Bytes) -> AppResult<Json<WizardReply>> {
    let lang = api_lang(query.as_deref())?;
    let w = WizardId::parse(&name).ok_or(AppError::NotFound)?;
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| bad_request("invalid_json", format!("the body is not JSON: {e}")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(bad_request("not_an_object", "the body must be a JSON object of field names to values"));
    };
    let mut raw: Vec<(String, String)> = Vec::new();
    let mut ignored = Vec::new();
    for (key, v) in object {
        if !w.field_names().any(|n| n == key) {
            ignored.push(key);
            continue;
        }
        let text = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s,
            serde_json::Value::Array(items) => items.iter().map(scalar_text).collect::<Option<Vec<_>>>().map(|l| l.join("\n")).ok_or_else(|| {
                bad_request("invalid_value", format!("`{key}`: an array may only hold text, numbers or booleans"))
            })?,
            other => scalar_text(&other).ok_or_else(|| bad_request("invalid_value", format!("`{key}`: expected text")))?,
        };
        raw.push((key, text));
    }
    let inputs = w.inputs_from(raw.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let report = w.evaluate(&inputs, lang);
    Ok(Json(WizardReply { wizard: w, lang, inputs, ignored, report }))
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

async fn healthz() -> &'static str {
    "ok"
}

#[derive(Serialize)]
struct Readiness {
    ready: bool,
    documents: u64,
    entries: usize,
    database: &'static str,
    database_reachable: bool,
}

async fn readyz(State(state): State<AppState>) -> Response {
    let b = &state.backend;
    let documents = b.index.num_docs();
    let database_reachable = b.db.ping().await;
    let ready = documents > 0 && database_reachable;
    let body = Readiness { ready, documents, entries: b.content.len(), database: b.db.backend(), database_reachable };
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(body)).into_response()
}

// ---------------------------------------------------------------------------------------
// JSON API

/// `lang` for the API: missing means zh; anything else unknown is a client error.
fn api_lang(query: Option<&str>) -> AppResult<Locale> {
    match query_param(query, "lang") {
        None => Ok(Locale::DEFAULT),
        Some(l) if l.is_empty() => Ok(Locale::DEFAULT),
        Some(l) => Locale::from_code(&l)
            .ok_or_else(|| bad_request("unknown_locale", format!("unknown lang `{}`; use zh, zh-TW, id or ja", l.chars().take(20).collect::<String>()))),
    }
}

/// `GET /api/search?q=&lang=&limit=`. Whatever the input, a 200 with a result list:
/// an unknown `lang` falls back to zh and a bad `limit` to 10.
async fn api_search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Json<SearchResults> {
    let q = query.as_deref();
    let lang = api_lang(q).unwrap_or(Locale::DEFAULT);
    let text = query_param(q, "q").unwrap_or_default();
    let limit = query_param(q, "limit").and_then(|l| l.trim().parse::<usize>().ok()).unwrap_or(10).clamp(1, 50);
    let page = query_param(q, "page").and_then(|l| l.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000);
    let category = query_param(q, "category").and_then(|c| app::model::Category::from_id(&c));
    Json(state.backend.search(lang, &text, page, limit, category))
}

/// `GET /api/suggest?q=&lang=`: completions in the OpenSearch suggestions format,
/// `[query, [titles], [descriptions], [urls]]`, for the browser's address bar.
async fn api_suggest(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let q = query.as_deref();
    let lang = api_lang(q).unwrap_or(Locale::DEFAULT);
    let text = query_param(q, "q").unwrap_or_default();
    let base = public_base(&headers);
    let hits = state.backend.index.suggest(&state.backend.content, lang, &text, 8);
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    let descriptions: Vec<&str> = hits.iter().map(|h| h.snippet.as_str()).collect();
    let links: Vec<String> = hits.iter().map(|h| format!("{base}{}", h.url)).collect();
    let body = serde_json::json!([text, titles, descriptions, links]);
    let mut res = Json(body).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-suggestions+json"));
    res
}

/// The scheme and host the browser used, for the absolute URLs that OpenSearch needs.
fn public_base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("127.0.0.1:3000");
    let scheme = match headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

/// `/{lang}/opensearch.xml`: lets a browser add the console as a search engine, with
/// suggestions while typing in the address bar.
async fn opensearch(Path(lang): Path<String>, headers: HeaderMap) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return AppError::NotFound.into_response();
    };
    let s = app::i18n::Strings::get(lang);
    let base = public_base(&headers);
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
  <Url type="text/html" method="get" template="{base}/{code}/search?q={{searchTerms}}"/>
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
/// the reader's locale, or a search for the id when there is no such entry.
async fn go_entry(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let lang = reader_locale(&headers);
    let content = &state.backend.content;
    let target = if content.contains(&id) {
        urls::entry(lang, &id)
    } else if content.high_risk().get(&id).is_some() {
        crate::highrisk::HighRiskTable::url(lang, &id)
    } else {
        urls::search(lang, &id)
    };
    let mut res = Redirect::to(&target).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res
}

/// `/go?q=<error text>`: straight to the entry when the text is a known error, to the
/// results page otherwise.
async fn go_search(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let lang = match query_param(query.as_deref(), "lang").and_then(|l| Locale::from_code(&l)) {
        Some(l) => l,
        None => reader_locale(&headers),
    };
    let text = query_param(query.as_deref(), "q").unwrap_or_default();
    let target = match state.backend.index.known_error(&text) {
        Some(id) => urls::entry(lang, id),
        None if text.trim().is_empty() => urls::home(lang),
        None => urls::search(lang, &text),
    };
    let mut res = Redirect::to(&target).into_response();
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    res
}

fn reader_locale(headers: &HeaderMap) -> Locale {
    let cookie = cookie_value(headers, LANG_COOKIE);
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    negotiate(cookie.as_deref(), accept)
}

async fn api_articles(State(state): State<AppState>, RawQuery(query): RawQuery) -> AppResult<Json<Vec<ArticleSummary>>> {
    let lang = api_lang(query.as_deref())?;
    Ok(Json(state.backend.list(lang)))
}

async fn api_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Json<ArticleView>> {
    let lang = api_lang(query.as_deref())?;
    state.backend.article(lang, &id).map(Json).ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------
// Helpers and middleware

/// One query parameter, decoded leniently: bad percent-encoding or UTF-8 never fails.
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
}

/// The home page is `/ja`; `/ja/` leads there.
async fn locale_root(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if let Some(code) = path.strip_prefix('/').and_then(|p| p.strip_suffix('/')) {
        if let Some(lang) = Locale::from_code(code).filter(|l| l.code() == code) {
            let target = match req.uri().query() {
                Some(q) => format!("{}?{q}", urls::home(lang)),
                None => urls::home(lang),
            };
            return Redirect::permanent(&target).into_response();
        }
    }
    next.run(req).await
}

/// Gives each browser an anonymous id (a random token in a cookie) so that a vote sent
/// twice counts once.
async fn client_id(mut req: Request, next: Next) -> Response {
    let existing = cookie_value(req.headers(), CLIENT_COOKIE)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()));
    let (id, fresh) = match existing {
        Some(id) => (id, false),
        None => (crate::db::random_token(), true),
    };
    req.extensions_mut().insert(ClientId(id.clone()));
    let mut res = next.run(req).await;
    if fresh {
        let cookie = format!("{CLIENT_COOKIE}={id}; Path=/; Max-Age=63072000; HttpOnly; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Security headers on every response. HTML pages get a CSP whose nonce lets exactly
/// their own hydration scripts run; nothing may frame the console.
/// A body over the limit gets an answer in the reader's language instead of a bare 413:
/// JSON for the API, a short page for forms. The browser's Back returns to the form with
/// what was typed still in it.
async fn too_large(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    if res.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return res;
    }
    let kb = (BODY_LIMIT / 1024).to_string();
    if path.starts_with("/api/") || path.starts_with("/sfn/") {
        let body = serde_json::json!({ "error": { "code": "too_large", "message": format!("the request body is over {kb} KB") } });
        return (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response();
    }
    let lang = app::locale::split_locale_path(&path).map_or(Locale::DEFAULT, |(l, _)| l);
    let s = app::i18n::Strings::get(lang);
    let esc = crate::markdown::escape;
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"stylesheet\" href=\"/pkg/{}.css\"></head><body><main id=\"main\"><section class=\"trouble\" role=\"alert\"><h1>{}</h1><p>{}</p><p><a href=\"{}\">{}</a></p></section></main></body></html>",
        lang.html_lang(),
        esc(s.too_large_title),
        crate::OUTPUT_NAME,
        esc(s.too_large_title),
        esc(&app::i18n::fill(s.too_large_body, &[("n", &kb)])),
        urls::home(lang),
        esc(s.back_home),
    );
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::X_CONTENT_TYPE_OPTIONS, "nosniff")],
        html,
    )
        .into_response()
}

async fn security_headers(mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = if is_html {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'"
        )
    } else {
        "default-src 'none'; frame-ancestors 'none'".to_owned()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_local_redirect_targets() {
        let cases = [
            ("/ja/entries/x?q=1", true),
            ("/", true),
            ("//evil.example/x", false),
            ("https://evil.example", false),
            ("/\\evil", false),
            ("relative", false),
        ];
        for (path, ok) in cases {
            assert_eq!(is_local_path(path), ok, "{path}");
        }
    }

    #[test]
    fn decodes_query_parameters_leniently() {
        assert_eq!(query_param(Some("q=%E8%AF%81%E4%B9%A6&lang=ja"), "q").as_deref(), Some("证书"));
        assert_eq!(query_param(Some("q=%FF%00a+b"), "q").as_deref(), Some("\u{FFFD}\u{0}a b"));
        assert_eq!(query_param(Some("lang=ja"), "q"), None);
        assert_eq!(query_param(None, "q"), None);
    }
}
