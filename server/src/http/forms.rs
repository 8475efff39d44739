//! The forms that work without JavaScript: "Was this helpful?" and the wizards' steps,
//! and the Markdown of saved runs.
//!
//! A form that is accepted is answered with a redirect (303). A form that is refused is
//! answered in the same response with the page it came from, rendered again with the
//! reason and everything that was typed, so nothing is lost and nothing is kept on the
//! server in between.

use super::middleware::RequestInfo;
use super::problem::{self, Offer};
use super::{AppState, CspNonce, Pages};
use crate::error::AppError;
use app::api::{CheckEcho, FeedbackDraft, FormEcho, FormToken, Visitor};
use app::check::OutputKind;
use app::locale::Locale;
use app::model::{urls, FeedbackError, FeedbackForm, SaveRefusal};
use app::wizard::flow::{self, Position, Stored};
use app::wizard::{Inputs, WizardId};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, Extensions, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use tower::ServiceExt;

/// Renders a page of the site for this request, with `echo` for the page to show, and
/// answers with `status`.
async fn render_page(pages: &Pages, ext: &Extensions, uri: &str, echo: Option<FormEcho>, status: StatusCode) -> Response {
    let Ok(mut req) = Request::get(uri).body(Body::empty()) else {
        return AppError::Internal(anyhow::anyhow!("a page address could not be built")).into_response();
    };
    let inner = req.extensions_mut();
    if let Some(v) = ext.get::<CspNonce>() {
        inner.insert(v.clone());
    }
    if let Some(v) = ext.get::<Visitor>() {
        inner.insert(v.clone());
    }
    if let Some(v) = ext.get::<FormToken>() {
        inner.insert(v.clone());
    }
    if let Some(echo) = echo {
        inner.insert(echo);
    }
    let mut res = match pages.0.clone().oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    if res.status() == StatusCode::OK {
        *res.status_mut() = status;
    }
    res
}

fn with_retry_after(mut res: Response, secs: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// A refused save answered with the page it came from, the reason and what was typed:
/// 403 without a session, 429 over a limit or quota, 503 without the database, each with
/// a `Retry-After` when waiting helps.
async fn refused_save(pages: &Pages, ext: &Extensions, uri: &str, echo: FormEcho, refusal: SaveRefusal) -> Response {
    let status = match refusal {
        SaveRefusal::NoSession => StatusCode::FORBIDDEN,
        SaveRefusal::RateLimited | SaveRefusal::Quota => StatusCode::TOO_MANY_REQUESTS,
        SaveRefusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    };
    let res = render_page(pages, ext, uri, Some(echo), status).await;
    match refusal {
        SaveRefusal::RateLimited => with_retry_after(res, 60),
        SaveRefusal::Unavailable => with_retry_after(res, 5),
        _ => res,
    }
}

/// A Markdown download named `<name>-<run id or the time now>.md`.
fn markdown_download(name: &str, run: Option<&str>, md: String) -> Response {
    let stamp = run.map_or_else(|| crate::db::rfc3339(crate::db::unix_now()).replace([':', '-'], "").chars().take(15).collect(), str::to_owned);
    let disposition = format!("attachment; filename=\"{name}-{stamp}.md\"");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/markdown; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"))),
        ],
        md,
    )
        .into_response()
}

/// The form token matches the visitor's id.
fn token_ok(state: &AppState, ext: &Extensions, sent: Option<&str>) -> bool {
    let (Some(signer), Some(client), Some(token)) = (state.backend.keys.get(), ext.get::<Visitor>().and_then(|v| v.client.clone()), sent) else {
        return false;
    };
    signer.check_form_token(&client, token)
}

fn visitor(ext: &Extensions) -> Visitor {
    ext.get::<Visitor>().cloned().unwrap_or(Visitor { client: None, addr: std::net::IpAddr::from([127, 0, 0, 1]) })
}

fn not_found(ext: &Extensions) -> Response {
    let lang = ext.get::<RequestInfo>().map_or(Locale::DEFAULT, |i| i.lang);
    problem::page(&AppError::NotFound, lang, Offer::Home)
}

/// The feedback form without JavaScript: store, then go back to the entry with the
/// outcome; or answer with the entry page, the reason and the form as typed.
pub async fn feedback(
    State(state): State<AppState>,
    Path((lang, id)): Path<(String, String)>,
    Extension(pages): Extension<Pages>,
    ext: Extensions,
    body: Bytes,
) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return not_found(&ext);
    };
    let mut form = FeedbackForm::default();
    let mut token = None;
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "vote" => form.vote = Some(v.into_owned()),
            "comment" => form.comment = Some(v.into_owned()),
            "csrf" => token = Some(v.into_owned()),
            _ => {}
        }
    }
    let entry = urls::entry(lang, &id);
    let result = if !state.backend.content.contains(&id) {
        Err(FeedbackError::UnknownEntry)
    } else if !token_ok(&state, &ext, token.as_deref()) {
        Err(FeedbackError::NoSession)
    } else {
        app::api::Backend::record_feedback(&*state.backend, lang, &id, &visitor(&ext), &form).await
    };
    let error = match result {
        Ok(()) => return Redirect::to(&format!("{entry}?feedback=thanks#feedback")).into_response(),
        Err(FeedbackError::UnknownEntry) => return not_found(&ext),
        Err(e) => e,
    };
    let status = match error {
        FeedbackError::MissingVote | FeedbackError::CommentTooLong => StatusCode::UNPROCESSABLE_ENTITY,
        FeedbackError::NoSession => StatusCode::FORBIDDEN,
        FeedbackError::RateLimited | FeedbackError::Quota => StatusCode::TOO_MANY_REQUESTS,
        FeedbackError::Storage | FeedbackError::UnknownEntry => StatusCode::SERVICE_UNAVAILABLE,
    };
    let draft = FeedbackDraft { vote: form.vote, comment: form.comment.unwrap_or_default(), error };
    let res = render_page(&pages, &ext, &entry, Some(FormEcho::Feedback(draft)), status).await;
    match error {
        FeedbackError::RateLimited => with_retry_after(res, 60),
        FeedbackError::Storage => with_retry_after(res, 5),
        _ => res,
    }
}

/// A wizard step posted as a form: the next page (a redirect, so that Back and reload
/// behave), the saved run, or the run as Markdown. Inputs travel in the URL while it is
/// short; longer ones are kept as a draft and the URL carries its id.
pub async fn wizard_submit(
    State(state): State<AppState>,
    Path((lang, name)): Path<(String, String)>,
    Extension(pages): Extension<Pages>,
    ext: Extensions,
    body: Bytes,
) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return not_found(&ext);
    };
    let Some(w) = WizardId::parse(&name) else {
        return not_found(&ext);
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let inputs = w.inputs_from(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let from = flow::position(w, get("step"));
    let token = token_ok(&state, &ext, get("csrf"));
    match flow::navigate(w, from, flow::Action::parse(get("action")), &inputs, lang) {
        flow::Target::Show { at, check } => {
            let url = flow::page_url(w, lang, at, check, &inputs);
            if url.len() <= urls::MAX_URL_BYTES {
                return Redirect::to(&url).into_response();
            }
            let draft = if token { state.backend.save_draft(w, &inputs, &visitor(&ext)).await.ok() } else { None };
            match draft {
                Some(id) => Redirect::to(&flow::stored_url(w, lang, at, check, &Stored::Draft(id))).into_response(),
                // Nowhere to keep them: answer with the page itself. Reloading it asks to
                // send the form again, but nothing is lost.
                None => render_page(&pages, &ext, &url, None, StatusCode::OK).await,
            }
        }
        flow::Target::Save => {
            let saved = if token {
                state.backend.save_wizard_run(w, lang, &inputs, &visitor(&ext)).await
            } else {
                Err(SaveRefusal::NoSession)
            };
            match saved {
                Ok(run) => Redirect::to(&urls::wizard_run(lang, w.id(), &run)).into_response(),
                Err(refusal) => {
                    let url = flow::page_url(w, lang, Position::Result, false, &inputs);
                    refused_save(&pages, &ext, &url, FormEcho::Wizard(refusal), refusal).await
                }
            }
        }
        flow::Target::Export => markdown_file(&state, w, lang, &inputs, None),
    }
}

/// A run as a Markdown file, in `lang`.
fn markdown_file(state: &AppState, w: WizardId, lang: Locale, inputs: &Inputs, run: Option<&str>) -> Response {
    let report = w.evaluate(inputs, lang);
    let permalink = run.map(|id| urls::wizard_run(lang, w.id(), id));
    let md = app::wizard::export::to_markdown(w, inputs, &report, lang, permalink.as_deref(), &state.backend.public.origin);
    markdown_download(w.id(), run, md)
}

/// A saved run as a Markdown file, in the locale of the path.
pub async fn saved_run_markdown(State(state): State<AppState>, Path((lang, name, run)): Path<(String, String, String)>, ext: Extensions) -> Response {
    let (Some(lang), Some(w)) = (Locale::from_code(&lang), WizardId::parse(&name)) else {
        return not_found(&ext);
    };
    match app::api::Backend::wizard_run(&*state.backend, &run).await {
        Ok(Some(saved)) if saved.wizard == w => markdown_file(&state, w, lang, &saved.inputs, Some(&saved.id)),
        Ok(_) => problem::page(&AppError::NotFound, lang, Offer::Home),
        Err(_) => problem::page(&AppError::Unavailable, lang, Offer::Retry(urls::wizard_run_markdown(lang, w.id(), &run))),
    }
}

/// The output check without JavaScript: `action=check` answers with the page and what the
/// check finds (the paste is not kept); `save` keeps it (secrets masked) and goes to its
/// permalink; `export` answers with the findings as Markdown.
pub async fn check_submit(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Extension(pages): Extension<Pages>,
    ext: Extensions,
    body: Bytes,
) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return not_found(&ext);
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let output = get("output").unwrap_or_default();
    let kind = get("kind").unwrap_or_default();
    let echo = |refusal| FormEcho::Check(CheckEcho { kind: kind.clone(), output: output.clone(), refusal });
    let page = urls::check(lang);
    if output.trim().is_empty() {
        return render_page(&pages, &ext, &page, Some(echo(None)), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match get("action").as_deref() {
        Some("save") => {
            let saved = if token_ok(&state, &ext, get("csrf").as_deref()) {
                state.backend.save_check(lang, OutputKind::parse(&kind), &output, &visitor(&ext)).await
            } else {
                Err(SaveRefusal::NoSession)
            };
            match saved {
                Ok(id) => Redirect::to(&urls::check_run(lang, &id)).into_response(),
                Err(refusal) => refused_save(&pages, &ext, &page, echo(Some(refusal)), refusal).await,
            }
        }
        Some("export") => check_markdown(&state, lang, OutputKind::parse(&kind), &output, None),
        _ => render_page(&pages, &ext, &page, Some(echo(None)), StatusCode::OK).await,
    }
}

/// A check as a Markdown file, in `lang`.
fn check_markdown(state: &AppState, lang: Locale, kind: Option<OutputKind>, output: &str, run: Option<&str>) -> Response {
    let report = app::api::Backend::check(&*state.backend, lang, kind, output);
    let permalink = run.map(|id| urls::check_run(lang, id));
    let md = app::check::export::to_markdown(&report, lang, permalink.as_deref(), &state.backend.public.origin);
    markdown_download("check", run, md)
}

/// A saved check as a Markdown file, in the locale of the path.
pub async fn saved_check_markdown(State(state): State<AppState>, Path((lang, run)): Path<(String, String)>, ext: Extensions) -> Response {
    let Some(lang) = Locale::from_code(&lang) else {
        return not_found(&ext);
    };
    match app::api::Backend::saved_check(&*state.backend, &run).await {
        Ok(Some(saved)) => check_markdown(&state, lang, saved.kind, &saved.output, Some(&saved.id)),
        Ok(None) => problem::page(&AppError::NotFound, lang, Offer::Home),
        Err(_) => problem::page(&AppError::Unavailable, lang, Offer::Retry(urls::check_run_markdown(lang, &run))),
    }
}
