//! Pages rendered once: the entries, categories, home pages and wizard start pages are the
//! same for every reader but for two values, the reader's form token and the response's
//! CSP nonce. They are rendered once with stand-ins for both and kept as a template:
//!
//! - the nonce is dropped, and the page's inline scripts are allowed by their SHA-256
//!   hashes instead, in a CSP made for that page;
//! - the token's places are cut out, and each answer splices in the reader's own token.
//!
//! An answer then costs a copy of the page, not a render, and is never sent to the work
//! pool. Each answer has an `ETag` of the page and the token, so a reader's browser
//! revalidates with `If-None-Match` and gets a 304. Opening an entry still counts as a
//! view.

use super::middleware::RequestInfo;
use super::{AppState, CspNonce};
use app::api::{Backend as _, FormToken};
use app::locale::Locale;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};

/// The routes whose page depends only on its path (when the path has no query).
const CACHED_ROUTES: &[&str] =
    &["/{lang}", "/{lang}/entries/{id}", "/{lang}/categories/{category}", "/{lang}/wizards", "/{lang}/wizards/{name}", "/{lang}/check"];

/// Pages per cache generation (at most twice as many are kept): about 20 KiB each.
pub const GENERATION: usize = 256;
/// The largest page that is kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// A rendered page with its reader's token cut out.
#[derive(Debug, PartialEq)]
pub struct Template {
    /// The page around the token's places: one more part than places.
    parts: Vec<Bytes>,
    /// `script-src` sources that allow exactly this page's inline scripts.
    script_hashes: String,
    /// A fingerprint of the page.
    hash: u64,
    /// The entry whose page this is: opening it counts as a view.
    view: Option<(Locale, String)>,
}

/// The stand-ins a page is rendered with: random per process, so no content can hold them.
struct Markers {
    token: String,
    nonce: String,
}

fn markers() -> &'static Markers {
    static M: OnceLock<Markers> = OnceLock::new();
    M.get_or_init(|| {
        let token = crate::db::random_token();
        let nonce = crate::db::random_token();
        Markers { token, nonce }
    })
}

impl Template {
    /// A template from a page rendered with `token` and `nonce` as stand-ins.
    pub fn new(html: &str, token: &str, nonce: &str) -> Template {
        // The nonce goes: from the scripts, and from the `crossorigin` attribute that
        // Leptos fills with it (any value there means "anonymous").
        let html = html.replace(&format!(" nonce=\"{nonce}\""), "").replace(&format!("crossorigin=\"{nonce}\""), "crossorigin");
        let mut script_hashes = String::new();
        for script in inline_scripts(&html) {
            let digest = Sha256::digest(script.as_bytes());
            script_hashes.push_str(" 'sha256-");
            script_hashes.push_str(&base64::engine::general_purpose::STANDARD.encode(digest));
            script_hashes.push('\'');
        }
        let parts: Vec<Bytes> = html.split(token).map(|p| Bytes::copy_from_slice(p.as_bytes())).collect();
        let hash = crate::db::fnv1a(html.as_bytes());
        Template { parts, script_hashes, hash, view: None }
    }

    /// The page with `token` in the token's places, as the parts to send in order: the
    /// page's own parts are shared, not copied.
    pub fn render(&self, token: &str) -> Spliced {
        let token = Bytes::copy_from_slice(token.as_bytes());
        let mut chunks = std::collections::VecDeque::with_capacity(self.parts.len() * 2);
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                chunks.push_back(token.clone());
            }
            chunks.push_back(part.clone());
        }
        let len = chunks.iter().map(|c| c.len() as u64).sum();
        Spliced { chunks, len }
    }

    /// The `ETag` of this page for the reader with `token`.
    pub fn etag(&self, token: &str) -> String {
        format!("W/\"{:016x}-{:08x}\"", self.hash, crate::db::fnv1a(token.as_bytes()) as u32)
    }

    pub fn script_hashes(&self) -> &str {
        &self.script_hashes
    }
}

/// The contents of the `<script>` elements without `src`, in order.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let open = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !open.contains(" src=") {
            out.push(&body[..close]);
        }
        rest = &body[close + "</script>".len()..];
    }
    out
}

/// The entry a cached page's path names, if it is an entry page: `/ja/entries/x`.
fn viewed_entry(path: &str) -> Option<(Locale, String)> {
    let mut segments = path.trim_start_matches('/').split('/');
    match (segments.next(), segments.next(), segments.next(), segments.next()) {
        (Some(lang), Some("entries"), Some(id), None) => Some((Locale::from_code(lang)?, id.to_owned())),
        _ => None,
    }
}

/// Answers the pages of [`CACHED_ROUTES`] from their templates, rendering a page once when
/// it has none yet. Everything else goes on untouched.
pub async fn serve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(info) = req.extensions().get::<RequestInfo>().cloned() else { return next.run(req).await };
    if req.method() != Method::GET || req.uri().query().is_some() || !CACHED_ROUTES.contains(&info.route.label) {
        return next.run(req).await;
    }
    let token = req.extensions().get::<FormToken>().map(|t| t.0.clone()).unwrap_or_default();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let template = match state.page_cache.get(req.uri().path()) {
        Some(t) => {
            if let Some((lang, id)) = &t.view {
                state.backend.record_view(*lang, id);
            }
            t
        }
        None => {
            let m = markers();
            let path = req.uri().path().to_owned();
            req.extensions_mut().insert(FormToken(m.token.clone()));
            req.extensions_mut().insert(CspNonce(m.nonce.clone()));
            let res = next.run(req).await;
            let keep = res.status() == StatusCode::OK
                && res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
                && !res.headers().contains_key(header::SET_COOKIE)
                && !res.headers().contains_key(header::LOCATION);
            let (parts, body) = res.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
                return super::problem::respond(crate::error::AppError::Unavailable, false, info.lang, super::problem::Offer::Home);
            };
            let mut template = Template::new(&String::from_utf8_lossy(&bytes), &m.token, &m.nonce);
            if !keep {
                // Not a page to keep (an error page, say): answered once, as rendered.
                return answer(&state, &template, &token, None, Response::from_parts(parts, Body::empty()));
            }
            template.view = viewed_entry(&path);
            state.page_cache.insert(path, template)
        }
    };
    answer(&state, &template, &token, if_none_match.as_deref(), StatusCode::OK.into_response())
}

/// The page for the reader with `token`, or a 304 when the reader has it already; the
/// head of `base` (status and headers) is kept.
fn answer(state: &AppState, t: &Template, token: &str, if_none_match: Option<&str>, base: Response) -> Response {
    let etag = t.etag(token);
    let fresh = if_none_match.is_some_and(|v| v.split(',').any(|e| e.trim() == etag || e.trim() == "*"));
    let (mut parts, _) = base.into_parts();
    let h = &mut parts.headers;
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.remove(header::CONTENT_LENGTH);
    if parts.status == StatusCode::OK {
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
    }
    let csp = super::middleware::page_csp(t.script_hashes(), state.oidc.as_deref());
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if fresh && parts.status == StatusCode::OK {
        parts.status = StatusCode::NOT_MODIFIED;
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::new(t.render(token)))
}

/// A body of shared parts whose length is known, so it goes out with `Content-Length`.
pub struct Spliced {
    chunks: std::collections::VecDeque<Bytes>,
    len: u64,
}

impl http_body::Body for Spliced {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let next = self.chunks.pop_front();
        if let Some(c) = &next {
            self.len -= c.len() as u64;
        }
        std::task::Poll::Ready(next.map(|c| Ok(http_body::Frame::data(c))))
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.len)
    }
}

#[cfg(test)]
impl Spliced {
    /// The whole body, for tests.
    pub fn concat(&self) -> String {
        self.chunks.iter().map(|c| String::from_utf8_lossy(c)).collect()
    }
}

/// The rendered pages, by path.
pub struct PageCache(crate::cache::Cache<String, Template>);

impl Default for PageCache {
    fn default() -> Self {
        PageCache(crate::cache::Cache::new(GENERATION))
    }
}

impl PageCache {
    fn get(&self, path: &str) -> Option<Arc<Template>> {
        self.0.get(path)
    }

    fn insert(&self, path: String, t: Template) -> Arc<Template> {
        self.0.get_or_insert_with(path, || t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";
    const NONCE: &str = "n0nce";

    fn page(token: &str, nonce: &str) -> String {
        format!(
            "<head><meta name=\"ack-form-token\" content=\"{token}\"><link rel=\"modulepreload\" href=\"/pkg/a.js\" crossorigin=\"{nonce}\">\
             <script type=\"module\" nonce=\"{nonce}\">hydrate()</script><script src=\"/pkg/x.js\"></script></head>\
             <body><form><input type=\"hidden\" name=\"csrf\" value=\"{token}\"></form><script nonce=\"{nonce}\">__R=[];</script></body>"
        )
    }

    #[test]
    fn a_template_gives_each_reader_their_token_and_allows_its_scripts_by_hash() {
        let t = Template::new(&page(TOKEN, NONCE), TOKEN, NONCE);
        assert_eq!(t.parts.len(), 3, "two places for the token");
        let html = t.render("ffffffffffffffffffffffffffffffff").concat();
        assert_eq!(
            html,
            page("ffffffffffffffffffffffffffffffff", NONCE).replace(" nonce=\"n0nce\"", "").replace("crossorigin=\"n0nce\"", "crossorigin")
        );
        assert!(!html.contains(NONCE) && !html.contains(TOKEN));
        let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()));
        assert_eq!(t.script_hashes(), format!(" 'sha256-{}' 'sha256-{}'", hash("hydrate()"), hash("__R=[];")), "inline scripts only");
        assert_ne!(t.etag("a"), t.etag("b"), "an ETag per reader");
        assert_eq!(t.etag("a"), Template::new(&page(TOKEN, NONCE), TOKEN, NONCE).etag("a"), "and the same for the same page");
    }

    #[test]
    fn finds_inline_scripts_and_entry_pages() {
        assert_eq!(inline_scripts("<script>a</script><script src=\"x\"></script><script type=\"module\">b</script><script>c"), ["a", "b"]);
        assert_eq!(viewed_entry("/ja/entries/kubectl-timeout"), Some((Locale::Ja, "kubectl-timeout".to_owned())));
        assert_eq!(viewed_entry("/ja/categories/network"), None);
        assert_eq!(viewed_entry("/xx/entries/a"), None);
    }
}
