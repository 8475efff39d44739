//! The JSON API (`docs/API.md`) and the server functions' endpoint.

use super::{query_param, AppState};
use crate::error::{bad_request, AppError, AppResult};
use app::api::Backend;
use app::locale::Locale;
use app::model::{ArticleSummary, ArticleView, SearchResults};
use app::wizard::{Inputs, WizardId};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// `lang` for the API: missing means zh; anything else unknown is a client error.
fn api_lang(query: Option<&str>) -> AppResult<Locale> {
    match query_param(query, "lang") {
        None => Ok(Locale::DEFAULT),
        Some(l) if l.is_empty() => Ok(Locale::DEFAULT),
        Some(l) => Locale::from_code(&l).ok_or_else(|| {
            bad_request("unknown_locale", format!("unknown lang `{}`; use zh, zh-TW, id or ja", l.chars().take(20).collect::<String>()))
        }),
    }
}

/// `GET /api/search?q=&lang=&limit=`. Whatever the input, a 200 with a result list:
/// an unknown `lang` falls back to zh and a bad `limit` to 10.
pub async fn search(State(state): State<AppState>, RawQuery(query): RawQuery) -> Json<SearchResults> {
    let q = query.as_deref();
    let lang = api_lang(q).unwrap_or(Locale::DEFAULT);
    let text = query_param(q, "q").unwrap_or_default();
    let limit = query_param(q, "limit").and_then(|l| l.trim().parse::<usize>().ok()).unwrap_or(10).clamp(1, 50);
    let page = query_param(q, "page").and_then(|l| l.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000);
    let category = query_param(q, "category").and_then(|c| app::model::Category::from_id(&c));
    Json(state.backend.search(lang, &text, page, limit, category, app::model::SearchSource::Api))
}

/// `GET /api/suggest?q=&lang=`: completions in the OpenSearch suggestions format,
/// `[query, [titles], [descriptions], [urls]]`, for the browser's address bar.
pub async fn suggest(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let q = query.as_deref();
    let lang = api_lang(q).unwrap_or(Locale::DEFAULT);
    let text = query_param(q, "q").unwrap_or_default();
    let base = &state.backend.public.origin;
    // The browser's address bar asks this while its owner types (OpenSearch).
    let hits = state.backend.suggest(lang, &text, 8, app::model::SearchSource::OpenSearch);
    let titles: Vec<&str> = hits.iter().map(|h| h.title.as_str()).collect();
    let descriptions: Vec<&str> = hits.iter().map(|h| h.snippet.as_str()).collect();
    let links: Vec<String> = hits.iter().map(|h| format!("{base}{}", h.url)).collect();
    let (echo, _) = crate::search::clean_query(&text);
    let body = serde_json::json!([echo, titles, descriptions, links]);
    let mut res = Json(body).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-suggestions+json"));
    res
}

pub async fn articles(State(state): State<AppState>, RawQuery(query): RawQuery) -> AppResult<Json<Vec<ArticleSummary>>> {
    let lang = api_lang(query.as_deref())?;
    Ok(Json(state.backend.list(lang)))
}

pub async fn article(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery) -> AppResult<Json<ArticleView>> {
    let lang = api_lang(query.as_deref())?;
    state.backend.article(lang, &id).map(Json).ok_or(AppError::NotFound)
}

/// `GET /api/links?lang=`: the published link targets with their addresses and titles,
/// in `lang` or (without it) in every locale.
pub async fn links(State(state): State<AppState>, RawQuery(query): RawQuery) -> AppResult<Json<crate::links::LinksView>> {
    let lang = match query_param(query.as_deref(), "lang") {
        Some(l) if !l.is_empty() => Some(api_lang(query.as_deref())?),
        _ => None,
    };
    Ok(Json(state.backend.content.published_links(lang)))
}

/// What `POST /api/wizards/{name}` answers: the report of the inputs, with the inputs as
/// read and the keys that are not fields of the wizard.
#[derive(Serialize)]
pub struct WizardReply {
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
pub async fn wizard(Path(name): Path<String>, RawQuery(query): RawQuery, body: Bytes) -> AppResult<Json<WizardReply>> {
    let lang = api_lang(query.as_deref())?;
    let w = WizardId::parse(&name).ok_or(AppError::NotFound)?;
    let value: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| bad_request("invalid_json", format!("the body is not JSON: {e}")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(bad_request("not_an_object", "the body must be a JSON object of field names to values"));
    };
    let mut raw: Vec<(String, String)> = Vec::new();
    let mut ignored = Vec::new();
    for (key, v) in object {
        if !w.field_names().any(|n| n == key) {
            ignored.push(key.chars().take(100).collect());
            continue;
        }
        let text = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s,
            serde_json::Value::Array(items) => items
                .iter()
                .map(scalar_text)
                .collect::<Option<Vec<_>>>()
                .map(|l| l.join("\n"))
                .ok_or_else(|| bad_request("invalid_value", format!("`{key}`: an array may only hold text, numbers or booleans")))?,
            other => scalar_text(&other).ok_or_else(|| bad_request("invalid_value", format!("`{key}`: expected text")))?,
        };
        raw.push((key, text));
    }
    ignored.truncate(50);
    let inputs = w.inputs_from(raw.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let report = w.evaluate(&inputs, lang);
    Ok(Json(WizardReply { wizard: w, lang, inputs, ignored, report }))
}

/// What `POST /api/check` answers: the report, with its locale.
#[derive(Serialize)]
pub struct CheckReply {
    lang: Locale,
    #[serde(flatten)]
    report: app::check::CheckReport,
}

/// `POST /api/check?lang=&kind=`: the output check. The body is the paste itself (any
/// content type but JSON), or a JSON object `{"output": "...", "kind": "sysctl"}` whose
/// `output` may also be an array of lines. `kind` (in the query or the object) picks the
/// reader; absent or `auto`, every reader tries.
pub async fn check(State(state): State<AppState>, RawQuery(query): RawQuery, headers: axum::http::HeaderMap, body: Bytes) -> AppResult<Json<CheckReply>> {
    let q = query.as_deref();
    let lang = api_lang(q)?;
    let is_json = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim_start().starts_with("application/json"));
    let (output, body_kind) = if is_json {
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| bad_request("invalid_json", format!("the body is not JSON: {e}")))?;
        let serde_json::Value::Object(object) = value else {
            return Err(bad_request("not_an_object", "the body must be a JSON object with `output`"));
        };
        let output = match object.get("output") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Array(lines)) => lines
                .iter()
                .map(scalar_text)
                .collect::<Option<Vec<_>>>()
                .map(|l| l.join("\n"))
                .ok_or_else(|| bad_request("invalid_value", "`output`: an array may only hold text"))?,
            _ => return Err(bad_request("invalid_value", "`output` must be text or an array of lines")),
        };
        let kind = match object.get("kind") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(k)) => Some(k.clone()),
            Some(_) => return Err(bad_request("invalid_value", "`kind` must be text")),
        };
        (output, kind)
    } else {
        (String::from_utf8_lossy(&body).into_owned(), None)
    };
    let kind_text = query_param(q, "kind").or(body_kind).unwrap_or_default();
    let kind = match kind_text.trim() {
        "" | "auto" => None,
        k => Some(app::check::OutputKind::parse(k).ok_or_else(|| {
            let known: Vec<&str> = app::check::OutputKind::ALL.iter().map(|k| k.id()).collect();
            bad_request("invalid_value", format!("unknown kind; use auto, {}", known.join(", ")))
        })?),
    };
    if output.trim().is_empty() {
        return Err(bad_request("invalid_value", "`output` is empty"));
    }
    let report = state.backend.check(lang, kind, &output);
    Ok(Json(CheckReply { lang, report }))
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The answer of a server function under `/sfn/`. Leptos answers a call it cannot read
/// (bad arguments, an unknown function, a wrong method) with a 500 or 400 and its internal
/// error text; here those become 4xx with a neutral text, still in the server functions'
/// error encoding (`Kind|message`) so that the browser can decode them.
pub async fn neutral_server_fn_errors(res: Response) -> Response {
    let status = res.status();
    if status.is_success() || status.is_redirection() {
        return res;
    }
    // Answers of the middleware (rate limits, cross-site, busy) are already neutral JSON.
    let is_json = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let body = axum::body::to_bytes(res.into_body(), 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&body);
    let kind = text.split_once('|').map_or("", |(k, _)| k);
    let (status, message) = match kind {
        "Args" | "MissingArg" | "Deserialization" | "Request" => (StatusCode::BAD_REQUEST, "Args|the call could not be read"),
        "ServerError" if text.contains("unavailable") => (StatusCode::SERVICE_UNAVAILABLE, "ServerError|unavailable; retry shortly"),
        _ if status == StatusCode::BAD_REQUEST && text.contains("Could not find a server function") => {
            (StatusCode::NOT_FOUND, "Request|no such server function")
        }
        _ if status.is_client_error() => (status, "Request|the call could not be read"),
        _ => {
            tracing::error!(status = %status, body = %text.chars().take(300).collect::<String>(), "a server function failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "ServerError|the server could not complete the call")
        }
    };
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}
