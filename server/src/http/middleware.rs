//! The middleware, outermost first as a request meets it: what the request is and who
//! sent it (and counting it), security headers, compression, the whole-request deadline,
//! rate limits, the body limit's localized answer, the cross-site check, the client id,
//! and moving the work to the work pool.

use super::problem::{self, Offer};
use super::{AppState, CspNonce, HttpSettings, LANG_COOKIE};
use crate::clientaddr::client_ip;
use crate::error::AppError;
use crate::ratelimit::retry_after_secs;
use crate::routes::{classify, Route};
use crate::work::WorkError;
use app::api::{FormToken, Visitor};
use app::locale::{negotiate, split_locale_path, Locale};
use app::model::urls;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

/// What the outermost middleware learned about a request, for the layers inside.
#[derive(Clone, Debug)]
pub struct RequestInfo {
    pub route: Route,
    /// The locale of the path, or the reader's (cookie, then Accept-Language).
    pub lang: Locale,
    pub addr: IpAddr,
}

/// Classifies the request, finds the client's address, and counts the answer.
pub async fn request_info(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let has_q = req.uri().query().is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "q" && !v.trim().is_empty()));
    let route = classify(req.method(), req.uri().path(), has_q);
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
    let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    let addr = client_ip(peer, &forwarded, &state.http.trusted_proxies);
    let lang = split_locale_path(req.uri().path()).map_or_else(|| reader_locale(req.headers()), |(l, _)| l);
    req.extensions_mut().insert(RequestInfo { route, lang, addr });
    let res = next.run(req).await;
    state.backend.metrics.request(route.label, res.status().as_u16(), started.elapsed().as_secs_f64());
    res
}

/// The locale of a request from its extensions (what `request_info` found).
pub fn reader_locale_of(ext: &axum::http::Extensions) -> Locale {
    ext.get::<RequestInfo>().map_or(Locale::DEFAULT, |i| i.lang)
}

pub fn reader_locale(headers: &HeaderMap) -> Locale {
    let cookie = cookie_value(headers, LANG_COOKIE);
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    negotiate(cookie.as_deref(), accept)
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

fn info(req: &Request) -> RequestInfo {
    req.extensions().get::<RequestInfo>().cloned().unwrap_or_else(|| RequestInfo {
        route: classify(req.method(), req.uri().path(), false),
        lang: Locale::DEFAULT,
        addr: IpAddr::V4(Ipv4Addr::LOCALHOST),
    })
}

/// Security headers on every response, whoever made it. HTML pages get a CSP whose nonce
/// lets exactly their own hydration scripts run; nothing may frame the console. Pages are
/// private to their reader (they carry the reader's form token), and so is anything that
/// sets a cookie.
pub async fn security_headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = if is_html {
        page_csp(&format!(" 'nonce-{nonce}'"), state.oidc.as_deref())
    } else {
        "default-src 'none'; frame-ancestors 'none'".to_owned()
    };
    let sets_cookie = res.headers().contains_key(header::SET_COOKIE);
    let h = res.headers_mut();
    // A page rendered once comes with its own policy (its scripts' hashes).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&csp) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if state.http.https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if sets_cookie || (is_html && !h.contains_key(header::CACHE_CONTROL)) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    res
}

/// The CSP of an HTML page whose scripts `script_sources` allows (a nonce or hashes). The
/// portal's single sign-on form is answered with a redirect to the provider, which
/// `form-action` must allow.
pub fn page_csp(script_sources: &str, oidc: Option<&crate::oidc::Oidc>) -> String {
    let provider = oidc.map(|o| format!(" {}", o.origin())).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{script_sources} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'{provider}; frame-ancestors 'none'"
    )
}

/// A request gets `request_timeout` from its headers to its answer; then a 503 in the
/// reader's language (the work itself may still finish, on the work pool).
pub async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let info = info(&req);
    match tokio::time::timeout(state.http.request_timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            state.backend.metrics.request_timeout();
            problem::respond(AppError::Timeout, info.route.json, info.lang, Offer::Home)
        }
    }
}

/// Per-client rate limits by class. A limited page keeps what was typed: a search comes
/// back with its query in the search box.
pub async fn rate_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let info = info(&req);
    let Some(class) = info.route.limit else { return next.run(req).await };
    match state.backend.limits.check(class, info.addr) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            state.backend.metrics.rate_limited(class.label());
            let error = AppError::RateLimited { retry_after: retry_after_secs(wait) };
            let offer = if info.route.label == "/{lang}/search" {
                Offer::Search(crate::http::query_param(req.uri().query(), "q").unwrap_or_default())
            } else if req.method() == Method::GET {
                Offer::Retry(req.uri().to_string())
            } else {
                Offer::Home
            };
            problem::respond(error, info.route.json, info.lang, offer)
        }
    }
}

/// A body over the limit gets an answer in the reader's language instead of a bare 413:
/// JSON for the API, a short page for forms. The browser's Back returns to the form with
/// what was typed still in it.
pub async fn too_large(req: Request, next: Next) -> Response {
    let info = info(&req);
    let res = next.run(req).await;
    if res.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return res;
    }
    problem::respond(AppError::TooLarge { limit_kb: super::BODY_LIMIT / 1024 }, info.route.json, info.lang, Offer::Home)
}

/// Requests that change something must come from the console's own pages: a browser says
/// where a request comes from in `Sec-Fetch-Site` (or at least `Origin`), and anything
/// other than this site is refused. Requests with neither header are not from a modern
/// browser; forms then still need their token, and server functions are refused.
/// `POST /api/wizards/{name}` only evaluates, and stays open to other tools.
pub async fn cross_site(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let info = info(&req);
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !changes_state || info.route.label == "/api/wizards/{name}" {
        return next.run(req).await;
    }
    let verdict = same_origin(req.headers(), Some(&state.backend.public));
    let refuse = match verdict {
        Some(same) => !same,
        None => info.route.label.starts_with("/sfn/"),
    };
    if refuse {
        tracing::info!(path = %req.uri().path(), "a cross-site write was refused");
        return problem::respond(AppError::CrossSite, info.route.json, info.lang, Offer::Home);
    }
    next.run(req).await
}

/// Whether the browser says the request comes from this site: `Some(true)` or
/// `Some(false)`, or `None` when it says nothing.
pub fn same_origin(headers: &HeaderMap, public: Option<&crate::config::PublicOrigin>) -> Option<bool> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return Some(matches!(site, "same-origin" | "none"));
    }
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?.trim_end_matches('/').to_ascii_lowercase();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    Some(match public {
        Some(p) if p.configured => origin == p.origin,
        // Without a configured public URL, the site is whatever host the browser asked.
        _ => host.is_some_and(|h| origin == format!("http://{h}") || origin == format!("https://{h}")),
    })
}

/// Gives each browser an anonymous id (a signed random token in a cookie) so that a vote
/// sent twice counts once, and the form token derived from it. The cookie is set only on
/// pages, never on static files or API answers.
pub async fn client_id(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let info = info(&req);
    let settings: &HttpSettings = &state.http;
    let mut signer = state.backend.keys.get();
    if signer.is_none() && state.backend.db.is_up() {
        // The database came back since the start: the shared key can be had now.
        state.backend.keys.load_if_missing(&state.backend.db).await;
        signer = state.backend.keys.get();
    }
    let cookie = cookie_value(req.headers(), settings.client_cookie());
    let established = signer.as_ref().zip(cookie).and_then(|(s, c)| s.verify(&c));
    let (id, fresh) = match (&established, &signer) {
        (Some(id), _) => (Some(id.clone()), None),
        (None, Some(s)) if info.route.page => {
            let (id, value) = s.issue();
            (Some(id), Some(value))
        }
        _ => (None, None),
    };
    if let (Some(signer), Some(id)) = (&signer, &id) {
        req.extensions_mut().insert(FormToken(signer.form_token(id)));
    }
    req.extensions_mut().insert(Visitor { client: established, addr: info.addr });
    let mut res = next.run(req).await;
    if let Some(value) = fresh {
        let cookie = format!("{}={value}; Max-Age=63072000; HttpOnly; {}", settings.client_cookie(), settings.cookie_attributes());
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Server functions' errors without their internal texts (see `api::neutral_server_fn_errors`).
pub async fn server_fn_errors(req: Request, next: Next) -> Response {
    let is_sfn = req.uri().path().starts_with("/sfn/");
    let res = next.run(req).await;
    if is_sfn {
        super::api::neutral_server_fn_errors(res).await
    } else {
        res
    }
}

/// The home page is `/ja`; `/ja/` leads there.
pub async fn locale_root(req: Request, next: Next) -> Response {
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

/// An entry's former id (an alias) in an entry's address is a 301 to its current
/// address, the query kept: `/ja/entries/<alias>?x=1` → `/ja/entries/<id>?x=1`. Links that
/// other products embed keep working after a rename, split or merge.
pub async fn entry_aliases(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let info = info(&req);
    if info.route.label == "/{lang}/entries/{id}" && matches!(*req.method(), Method::GET | Method::HEAD) {
        if let Some(target) = alias_target(&state.backend.content, req.uri().path(), req.uri().query()) {
            if let Ok(location) = HeaderValue::from_str(&target) {
                return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
            }
        }
    }
    next.run(req).await
}

/// Where an entry address that names an alias has moved, if it does.
fn alias_target(content: &crate::content::ContentStore, path: &str, query: Option<&str>) -> Option<String> {
    let (lang, rest) = split_locale_path(path)?;
    let alias = rest.strip_prefix("/entries/")?;
    let current = content.alias_target(alias)?;
    let target = urls::entry(lang, current);
    Some(match query {
        Some(q) if !q.is_empty() && target.len() + q.len() < urls::MAX_URL_BYTES => format!("{target}?{q}"),
        _ => target,
    })
}

/// Pages, searches and evaluations run on the work pool, at most so many at once; beyond
/// that the answer is an immediate 503 in the reader's language. A panic in the work is
/// an error page, never a dropped connection.
pub async fn offload(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let info = info(&req);
    if !info.route.heavy {
        return next.run(req).await;
    }
    let metrics = &state.backend.metrics;
    let permit = match state.work.admit_or_wait().await {
        Ok(p) => p,
        Err(_) => {
            metrics.shed();
            return problem::respond(AppError::Busy, info.route.json, info.lang, Offer::Home);
        }
    };
    metrics.in_flight(1);
    let result = state.work.run(permit, next.run(req)).await;
    metrics.in_flight(-1);
    match result {
        Ok(res) => res,
        Err(WorkError::Busy) => problem::respond(AppError::Busy, info.route.json, info.lang, Offer::Home),
        Err(WorkError::Panicked) => {
            metrics.panic();
            problem::respond(AppError::Internal(anyhow::anyhow!("a handler panicked")), info.route.json, info.lang, Offer::Home)
        }
        Err(WorkError::Stopped) => problem::respond(AppError::Busy, info.route.json, info.lang, Offer::Home),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PublicOrigin;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn tells_same_site_writes_from_cross_site_ones() {
        let public = PublicOrigin::parse("https://help.example.com").unwrap();
        let unset = PublicOrigin { origin: "http://127.0.0.1:3000".into(), https: false, configured: false };
        let cases: &[(&[(&str, &str)], &PublicOrigin, Option<bool>)] = &[
            (&[("sec-fetch-site", "same-origin")], &public, Some(true)),
            (&[("sec-fetch-site", "none")], &public, Some(true)),
            (&[("sec-fetch-site", "cross-site"), ("origin", "https://help.example.com")], &public, Some(false)),
            (&[("sec-fetch-site", "same-site")], &public, Some(false)),
            (&[("origin", "https://help.example.com")], &public, Some(true)),
            (&[("origin", "https://evil.example")], &public, Some(false)),
            (&[("origin", "null")], &public, Some(false)),
            (&[("origin", "http://help.example.com")], &public, Some(false)),
            (&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")], &unset, Some(true)),
            (&[("origin", "https://help.example.com"), ("host", "help.example.com")], &unset, Some(true)),
            (&[("origin", "https://evil.example"), ("host", "help.example.com")], &unset, Some(false)),
            (&[("host", "help.example.com")], &public, None),
            (&[], &unset, None),
        ];
        for (h, p, want) in cases {
            assert_eq!(same_origin(&headers(h), Some(p)), *want, "{h:?}");
        }
    }
}
