//! What kind of request a method and path are, decided once, before routing: the label
//! metrics count it under, the rate-limit class it pays, whether it is CPU work for the
//! work pool, and whether its answers are pages or JSON. Pure, table-tested.

use crate::ratelimit::Class;
use axum::http::Method;
use app::locale::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// A label without the variable parts (`/{lang}/entries/{id}`).
    pub label: &'static str,
    /// The rate-limit class checked before the request is served; None for requests
    /// that are not limited here (static files, probes, and the forms, which check their
    /// write limit themselves so that they can answer with what was typed).
    pub limit: Option<Class>,
    /// Rendering, searching or evaluating: done on the work pool.
    pub heavy: bool,
    /// Answers are JSON (errors too).
    pub json: bool,
    /// A page whose answer may set the client id cookie.
    pub page: bool,
}

const fn route(label: &'static str, limit: Option<Class>, heavy: bool, json: bool, page: bool) -> Route {
    Route { label, limit, heavy, json, page }
}

pub fn classify(method: &Method, path: &str, has_query_q: bool) -> Route {
    let post = method == Method::POST;
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let is_lang = |s: &str| Locale::from_code(s).is_some();
    match segments.as_slice() {
        [""] => route("/", None, false, false, false),
        ["healthz"] => route("/healthz", None, false, false, false),
        ["readyz"] => route("/readyz", None, false, true, false),
        ["favicon.svg"] => route("/favicon.svg", None, false, false, false),
        ["robots.txt"] => route("/robots.txt", Some(Class::Page), false, false, false),
        ["sitemap.xml"] => route("/sitemap.xml", Some(Class::Page), false, false, false),
        ["sitemaps", _] => route("/sitemaps/{file}", Some(Class::Page), true, false, false),
        ["pkg", ..] => route("/pkg", None, false, false, false),
        ["lang", _] => route("/lang/{lang}", None, false, false, false),
        ["go"] => route("/go", has_query_q.then_some(Class::Search), has_query_q, false, false),
        ["go", _] => route("/go/{id}", Some(Class::Page), false, false, false),
        ["api", "search"] => route("/api/search", Some(Class::Search), true, true, false),
        ["api", "suggest"] => route("/api/suggest", Some(Class::Search), true, true, false),
        ["api", "articles"] => route("/api/articles", Some(Class::Page), true, true, false),
        ["api", "articles", _] => route("/api/articles/{id}", Some(Class::Page), true, true, false),
        ["api", "links"] => route("/api/links", Some(Class::Page), true, true, false),
        ["api", "wizards", _] => route("/api/wizards/{name}", Some(Class::Search), true, true, false),
        ["api", "check"] => route("/api/check", Some(Class::Search), true, true, false),
        ["api", ..] => route("/api/other", Some(Class::Page), false, true, false),
        ["sfn", "search" | "suggest"] => route("/sfn/search", Some(Class::Search), true, true, false),
        ["sfn", "feedback"] => route("/sfn/feedback", None, true, true, false),
        ["sfn", ..] => route("/sfn/{fn}", Some(Class::Page), true, true, false),
        ["support"] => route("/support", None, false, false, false),
        ["support", "oidc", "callback"] => route("/support/oidc/callback", Some(Class::Page), true, false, true),
        [l, "support", ..] if is_lang(l) => route("/{lang}/support", Some(Class::Page), true, false, true),
        [l, "opensearch.xml"] if is_lang(l) => route("/{lang}/opensearch.xml", None, false, false, false),
        [l] if is_lang(l) => route("/{lang}", Some(Class::Page), true, false, true),
        [l, "search"] if is_lang(l) => route("/{lang}/search", Some(if has_query_q { Class::Search } else { Class::Page }), true, false, true),
        [l, "entries", _, "feedback"] if is_lang(l) && post => route("/{lang}/entries/{id}/feedback", None, true, false, true),
        [l, "entries", _] if is_lang(l) => route("/{lang}/entries/{id}", Some(Class::Page), true, false, true),
        [l, "categories", _] if is_lang(l) => route("/{lang}/categories/{category}", Some(Class::Page), true, false, true),
        [l, "wizards"] if is_lang(l) => route("/{lang}/wizards", Some(Class::Page), true, false, true),
        [l, "wizards", _] if is_lang(l) => route("/{lang}/wizards/{name}", Some(Class::Page), true, false, true),
        [l, "wizards", _, "submit"] if is_lang(l) && post => route("/{lang}/wizards/{name}/submit", Some(Class::Page), true, false, true),
        [l, "wizards", _, "runs", _] if is_lang(l) => route("/{lang}/wizards/{name}/runs/{run}", Some(Class::Page), true, false, true),
        [l, "wizards", _, "runs", _, "markdown"] if is_lang(l) => {
            route("/{lang}/wizards/{name}/runs/{run}/markdown", Some(Class::Page), true, false, false)
        }
        [l, "check"] if is_lang(l) => route("/{lang}/check", Some(if post { Class::Search } else { Class::Page }), true, false, true),
        [l, "check", "runs", _] if is_lang(l) => route("/{lang}/check/runs/{run}", Some(Class::Page), true, false, true),
        [l, "check", "runs", _, "markdown"] if is_lang(l) => route("/{lang}/check/runs/{run}/markdown", Some(Class::Page), true, false, false),
        _ => route("other", Some(Class::Page), true, false, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_kind_of_request() {
        let get = Method::GET;
        let post = Method::POST;
        let cases: &[(&Method, &str, bool, &str, Option<Class>, bool, bool)] = &[
            (&get, "/healthz", false, "/healthz", None, false, false),
            (&get, "/readyz", false, "/readyz", None, false, true),
            (&get, "/pkg/ack-console.wasm", false, "/pkg", None, false, false),
            (&get, "/robots.txt", false, "/robots.txt", Some(Class::Page), false, false),
            (&get, "/sitemaps/zh-TW.xml", false, "/sitemaps/{file}", Some(Class::Page), true, false),
            (&get, "/zh/search", true, "/{lang}/search", Some(Class::Search), true, false),
            (&get, "/zh-TW/search", false, "/{lang}/search", Some(Class::Page), true, false),
            (&get, "/api/search", true, "/api/search", Some(Class::Search), true, true),
            (&get, "/api/suggest", true, "/api/suggest", Some(Class::Search), true, true),
            (&post, "/api/wizards/acl", false, "/api/wizards/{name}", Some(Class::Search), true, true),
            (&post, "/sfn/search", false, "/sfn/search", Some(Class::Search), true, true),
            (&post, "/sfn/feedback", false, "/sfn/feedback", None, true, true),
            (&post, "/sfn/article", false, "/sfn/{fn}", Some(Class::Page), true, true),
            (&post, "/ja/entries/x/feedback", false, "/{lang}/entries/{id}/feedback", None, true, false),
            (&get, "/ja/entries/x", false, "/{lang}/entries/{id}", Some(Class::Page), true, false),
            (&post, "/id/wizards/acl/submit", false, "/{lang}/wizards/{name}/submit", Some(Class::Page), true, false),
            (&get, "/id/wizards/acl/runs/abc/markdown", false, "/{lang}/wizards/{name}/runs/{run}/markdown", Some(Class::Page), true, false),
            (&get, "/go", true, "/go", Some(Class::Search), true, false),
            (&post, "/api/check", false, "/api/check", Some(Class::Search), true, true),
            (&post, "/ja/check", false, "/{lang}/check", Some(Class::Search), true, false),
            (&get, "/ja/check", false, "/{lang}/check", Some(Class::Page), true, false),
            (&get, "/ja/check/runs/abc", false, "/{lang}/check/runs/{run}", Some(Class::Page), true, false),
            (&get, "/ja/check/runs/abc/markdown", false, "/{lang}/check/runs/{run}/markdown", Some(Class::Page), true, false),
            (&get, "/go/x", false, "/go/{id}", Some(Class::Page), false, false),
            (&get, "/api/links", false, "/api/links", Some(Class::Page), true, true),
            (&get, "/xx/entries/x", false, "other", Some(Class::Page), true, false),
            (&get, "/", false, "/", None, false, false),
            (&get, "/support", false, "/support", None, false, false),
            (&post, "/ja/support/signin", false, "/{lang}/support", Some(Class::Page), true, false),
            (&get, "/zh/support/runs/abc", false, "/{lang}/support", Some(Class::Page), true, false),
        ];
        for (method, path, q, label, limit, heavy, json) in cases {
            let r = classify(method, path, *q);
            assert_eq!((r.label, r.limit, r.heavy, r.json), (*label, *limit, *heavy, *json), "{method} {path}");
        }
    }
}
