//! Localized pages for the answers that are not Leptos pages: refused, limited, busy,
//! too large, timed out. Short, self-contained HTML in the reader's language, with the
//! site's stylesheet and a way on. JSON routes get [`AppError`]'s JSON instead.

use crate::error::AppError;
use crate::markdown::escape;
use app::i18n::{fill, Strings};
use app::locale::Locale;
use app::model::urls;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// What the page offers besides going home.
#[derive(Debug, Clone, Default)]
pub enum Offer {
    #[default]
    Home,
    /// The search box with the query in it (a limited search keeps what was typed).
    Search(String),
    /// A link that repeats a GET request.
    Retry(String),
}

/// The localized page for an error.
pub fn page(error: &AppError, lang: Locale, offer: Offer) -> Response {
    let s = Strings::get(lang);
    let (title, body) = match error {
        AppError::RateLimited { retry_after } => (s.limit_title, fill(s.limit_body, &[("n", &retry_after.to_string())])),
        AppError::Busy => (s.busy_title, s.busy_body.to_owned()),
        AppError::Timeout => (s.timeout_title, s.timeout_body.to_owned()),
        AppError::CrossSite => (s.cross_site_title, s.cross_site_body.to_owned()),
        AppError::TooLarge { limit_kb } => (s.too_large_title, fill(s.too_large_body, &[("n", &limit_kb.to_string())])),
        AppError::NotFound => (s.not_found_title, s.not_found_body.to_owned()),
        AppError::BadRequest { .. } | AppError::Unavailable | AppError::Internal(_) => (s.error_title, s.error_body.to_owned()),
    };
    if let AppError::Internal(e) = error {
        tracing::error!(error = %e, "internal error");
    }
    let offer = match offer {
        Offer::Home => String::new(),
        Offer::Search(q) => format!(
            "<form class=\"search\" method=\"get\" action=\"/{code}/search\" role=\"search\"><label class=\"visually-hidden\" for=\"q\">{label}</label><div class=\"search-field\"><input type=\"search\" id=\"q\" name=\"q\" value=\"{q}\" maxlength=\"{max}\"></div><button type=\"submit\">{button}</button></form>",
            code = lang.code(),
            label = escape(s.search_label),
            q = escape(&q),
            max = app::model::MAX_QUERY_CHARS,
            button = escape(s.search_button),
        ),
        Offer::Retry(url) => format!("<p><a href=\"{}\">{}</a></p>", escape(&url), escape(s.try_again)),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title} · {site}</title><link rel=\"stylesheet\" href=\"/pkg/{css}.css\"></head><body><main id=\"main\"><section class=\"trouble\" role=\"alert\" data-problem=\"{code}\"><h1>{title}</h1><p>{body}</p>{offer}<p><a href=\"{home}\">{back}</a></p></section></main></body></html>",
        lang_attr = lang.html_lang(),
        title = escape(title),
        site = escape(s.site_name),
        css = crate::OUTPUT_NAME,
        code = error.code(),
        body = escape(&body),
        home = urls::home(lang),
        back = escape(s.back_home),
    );
    let status = error.status();
    let mut res = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    error.decorate(&mut res);
    res
}

/// The error as JSON or as a page, as the route answers.
pub fn respond(error: AppError, json: bool, lang: Locale, offer: Offer) -> Response {
    if json {
        error.into_response()
    } else {
        page(&error, lang, offer)
    }
}
