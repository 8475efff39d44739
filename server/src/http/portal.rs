//! The support portal over HTTP: the gate (session, role), signing in and out, and the
//! pages. The pages are rendered by `app::portal::views`; this module reads and writes.

use super::middleware::cookie_value;
use super::{AppState, HttpSettings};
use crate::accounts;
use crate::db::{DbError, UserRow};
use app::api::{FormToken, Visitor};
use app::locale::Locale;
use app::portal::dashboard::{self, DashboardQuery, SourceFilter};
use app::portal::text::PortalText;
use app::portal::views::{self, portal_url, Notice, RunFilter, RunItem, UserItem};
use app::portal::{access, Access, Role, Staff};
use app::wizard::WizardId;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, Extensions, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// The portal session of this request, put in the extensions by the gate.
#[derive(Clone, Debug)]
pub struct PortalSession {
    pub staff: Staff,
    pub token_hash: String,
}

fn session_cookie(settings: &HttpSettings) -> &'static str {
    if settings.https {
        "__Host-ack_portal"
    } else {
        "ack_portal"
    }
}

/// The locale and the rest of a portal path (`/ja/support/runs` → (ja, "/runs")).
fn split(path: &str) -> Option<(Locale, &str)> {
    let (lang, tail) = app::locale::split_locale_path(path)?;
    let rest = tail.strip_prefix("/support")?;
    (rest.is_empty() || rest.starts_with('/')).then_some((lang, rest))
}

pub(crate) fn page(status: StatusCode, html: String) -> Response {
    (status, Html(html)).into_response()
}

/// Every portal request passes here: the session from its cookie, then the role the
/// address needs. No session: to the sign-in page (which comes back here after). The
/// wrong role: 403.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let Some((lang, rest)) = split(&path) else { return next.run(req).await };
    let rest = rest.to_owned();
    let needed = access(req.method() == Method::POST, &rest);
    let db = &state.backend.db;
    let token = cookie_value(req.headers(), session_cookie(&state.http));
    let session = match token {
        Some(token) if db.is_up() => {
            let hash = accounts::token_hash(&token);
            match db.session(&hash).await {
                Ok(Some(s)) => {
                    if crate::db::unix_now() - s.last_seen > 300 {
                        let _ = db.touch_session(&hash).await;
                    }
                    Role::parse(&s.user.role).map(|role| PortalSession { staff: Staff { email: s.user.email, role, csrf: s.csrf }, token_hash: hash })
                }
                Ok(None) => None,
                Err(_) => return unavailable(lang),
            }
        }
        _ => None,
    };
    match (needed, session) {
        (Access::Public, session) => {
            if let Some(s) = session {
                req.extensions_mut().insert(s);
            }
            next.run(req).await
        }
        (Access::Role(_), None) if !db.is_up() => unavailable(lang),
        (Access::Role(_), None) => {
            let here = match req.uri().query() {
                Some(q) if req.method() == Method::GET => format!("{path}?{q}"),
                _ if req.method() == Method::GET => path.clone(),
                _ => portal_url(lang, ""),
            };
            Redirect::to(&format!("{}?next={}", portal_url(lang, "/signin"), app::model::urls::encode_component(&here))).into_response()
        }
        (Access::Role(role), Some(s)) if !s.staff.role.allows(role) => page(StatusCode::FORBIDDEN, views::forbidden_page(lang, &s.staff, &path)),
        (Access::Role(_), Some(s)) => {
            // Every form of a signed-in person carries the session's token.
            if req.method() == Method::POST && !req.uri().path().ends_with("/signin") {
                let (parts, body) = req.into_parts();
                let bytes = match axum::body::to_bytes(body, super::BODY_LIMIT).await {
                    Ok(b) => b,
                    Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
                };
                let sent = form_field(&bytes, "csrf");
                if sent.as_deref() != Some(s.staff.csrf.as_str()) {
                    return page(StatusCode::FORBIDDEN, views::forbidden_page(lang, &s.staff, &path));
                }
                let mut req = Request::from_parts(parts, axum::body::Body::from(bytes));
                req.extensions_mut().insert(s);
                return next.run(req).await;
            }
            req.extensions_mut().insert(s);
            next.run(req).await
        }
    }
}

pub(crate) fn unavailable(lang: Locale) -> Response {
    super::problem::page(&crate::error::AppError::Unavailable, lang, super::problem::Offer::Home)
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

pub(crate) fn session_of(ext: &Extensions) -> Option<PortalSession> {
    ext.get::<PortalSession>().cloned()
}

/// `/support` → the portal in the reader's language.
pub async fn root(headers: axum::http::HeaderMap) -> Response {
    Redirect::to(&portal_url(super::middleware::reader_locale(&headers), "")).into_response()
}

/// A `next` that stays inside the portal of this locale.
fn safe_next(lang: Locale, next: Option<String>) -> String {
    let home = portal_url(lang, "");
    match next {
        Some(n) if n.starts_with(&home) && !n.starts_with("//") && !n.contains('\\') && !n.chars().any(char::is_control) && n.len() < 2000 => n,
        _ => home,
    }
}

pub async fn signin_form(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some(lang) = Locale::from_code(&lang) else { return StatusCode::NOT_FOUND.into_response() };
    let next = safe_next(lang, super::query_param(query.as_deref(), "next"));
    if session_of(&ext).is_some() {
        return Redirect::to(&next).into_response();
    }
    let token = ext.get::<FormToken>().map(|t| t.0.clone()).unwrap_or_default();
    page(StatusCode::OK, views::signin_page(lang, &next, "", None, state.oidc.is_some(), &token))
}

/// Signing in with a local account: the page's token, the lockout, the password.
pub async fn signin(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some(lang) = Locale::from_code(&lang) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let typed_email = form_field(&body, "email").unwrap_or_default();
    let password = form_field(&body, "password").unwrap_or_default();
    let next = safe_next(lang, form_field(&body, "next"));
    let form_token = ext.get::<FormToken>().map(|t| t.0.clone()).unwrap_or_default();
    let sso = state.oidc.is_some();
    let again = |status: StatusCode, problem: &str| page(status, views::signin_page(lang, &next, &typed_email, Some(problem.to_owned()), sso, &form_token));
    let visitor = ext.get::<Visitor>().cloned().unwrap_or(Visitor { client: None, addr: std::net::IpAddr::from([127, 0, 0, 1]) });
    let token_ok = match (state.backend.keys.get(), &visitor.client) {
        (Some(signer), Some(client)) => form_field(&body, "csrf").is_some_and(|sent| signer.check_form_token(client, &sent)),
        _ => false,
    };
    if !token_ok {
        return again(StatusCode::FORBIDDEN, t.signin_form_expired);
    }
    let db = &state.backend.db;
    let Some(email) = accounts::normalize_email(&typed_email) else {
        return again(StatusCode::UNAUTHORIZED, t.signin_failed);
    };
    let (account_key, address_key) = accounts::failure_keys(&email, visitor.addr);
    let failures = async {
        Ok::<_, DbError>((
            db.login_failures(&account_key, accounts::FAILURE_WINDOW_SECS).await?,
            db.login_failures(&address_key, accounts::FAILURE_WINDOW_SECS).await?,
        ))
    };
    match failures.await {
        Err(_) => return again(StatusCode::SERVICE_UNAVAILABLE, t.signin_unavailable),
        Ok((by_account, by_address)) if by_account >= accounts::MAX_FAILURES_PER_ACCOUNT || by_address >= accounts::MAX_FAILURES_PER_ADDRESS => {
            let minutes = (accounts::FAILURE_WINDOW_SECS / 60).to_string();
            let res = again(StatusCode::TOO_MANY_REQUESTS, &app::i18n::fill(t.signin_locked, &[("n", &minutes)]));
            return with_header(res, header::RETRY_AFTER, &accounts::FAILURE_WINDOW_SECS.to_string());
        }
        Ok(_) => {}
    }
    let user = match db.user_by_email(&email).await {
        Ok(u) => u,
        Err(_) => return again(StatusCode::SERVICE_UNAVAILABLE, t.signin_unavailable),
    };
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    // Verify on the work pool's blocking threads: argon2 takes tens of milliseconds.
    let check = {
        let (hash, password) = (hash.clone().unwrap_or_else(|| accounts::decoy_hash().to_owned()), password.clone());
        tokio::task::spawn_blocking(move || accounts::verify_password(&hash, &password)).await.unwrap_or(false)
    };
    let ok = check && hash.is_some() && user.as_ref().is_some_and(|u| !u.disabled && Role::parse(&u.role).is_some());
    let Some(user) = user.filter(|_| ok) else {
        let _ = db.add_login_failure(&account_key, accounts::FAILURE_WINDOW_SECS).await;
        let _ = db.add_login_failure(&address_key, accounts::FAILURE_WINDOW_SECS).await;
        tracing::info!(email = %email, "a portal sign-in failed");
        return again(StatusCode::UNAUTHORIZED, t.signin_failed);
    };
    let _ = db.clear_login_failures(&account_key).await;
    match start_session(&state, &user, &next).await {
        Some(res) => res,
        None => again(StatusCode::SERVICE_UNAVAILABLE, t.signin_unavailable),
    }
}

/// The visitor's form token matches (sign-in forms come before any session).
fn visitor_token_ok(state: &AppState, ext: &Extensions, body: &[u8]) -> bool {
    let client = ext.get::<Visitor>().and_then(|v| v.client.clone());
    match (state.backend.keys.get(), client) {
        (Some(signer), Some(client)) => form_field(body, "csrf").is_some_and(|sent| signer.check_form_token(&client, &sent)),
        _ => false,
    }
}

/// `POST /{lang}/support/sso`: off to the OpenID provider, with PKCE, a state and a
/// nonce kept in the database (any process may receive the return).
pub async fn sso_start(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some(lang) = Locale::from_code(&lang) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let next = safe_next(lang, form_field(&body, "next"));
    let form_token = ext.get::<FormToken>().map(|t| t.0.clone()).unwrap_or_default();
    let again = |status: StatusCode, problem: &str| page(status, views::signin_page(lang, &next, "", Some(problem.to_owned()), state.oidc.is_some(), &form_token));
    let Some(oidc) = state.oidc.clone() else { return StatusCode::NOT_FOUND.into_response() };
    if !visitor_token_ok(&state, &ext, &body) {
        return again(StatusCode::FORBIDDEN, t.signin_form_expired);
    }
    let started = match oidc.start().await {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on could not start");
            return again(StatusCode::SERVICE_UNAVAILABLE, t.signin_unavailable);
        }
    };
    let (url, pending) = started;
    if state.backend.db.save_oidc_flow(&pending.state, &pending.verifier, &pending.nonce, &next, lang.code()).await.is_err() {
        return again(StatusCode::SERVICE_UNAVAILABLE, t.signin_unavailable);
    }
    Redirect::to(&url).into_response()
}

/// `GET /support/oidc/callback`: the provider sends the person back with a code. The
/// state must be one we issued (once); the token is verified; the claims give the role,
/// or the account the admins made does; a disabled account stays out.
pub async fn oidc_callback(State(state): State<AppState>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let q = query.as_deref();
    let code = super::query_param(q, "code");
    let flow_state = super::query_param(q, "state").unwrap_or_default();
    let db = &state.backend.db;
    let flow = if flow_state.is_empty() { Ok(None) } else { db.take_oidc_flow(&flow_state).await };
    let (pending, next, lang) = match flow {
        Ok(Some((verifier, nonce, next, lang))) => {
            (crate::oidc::Pending { state: flow_state.clone(), verifier, nonce }, next, Locale::from_code(&lang).unwrap_or(Locale::DEFAULT))
        }
        Ok(None) => return sso_refused(&ext, super::middleware::reader_locale_of(&ext), StatusCode::BAD_REQUEST, |t| t.signin_sso_failed, state.oidc.is_some()),
        Err(_) => return sso_refused(&ext, Locale::DEFAULT, StatusCode::SERVICE_UNAVAILABLE, |t| t.signin_unavailable, state.oidc.is_some()),
    };
    let (Some(oidc), Some(code)) = (state.oidc.clone(), code) else {
        return sso_refused(&ext, lang, StatusCode::UNAUTHORIZED, |t| t.signin_sso_failed, state.oidc.is_some());
    };
    let identity = match oidc.finish(&code, &pending).await {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on failed");
            return sso_refused(&ext, lang, StatusCode::UNAUTHORIZED, |t| t.signin_sso_failed, true);
        }
    };
    let Some(email) = accounts::normalize_email(&identity.email) else {
        return sso_refused(&ext, lang, StatusCode::UNAUTHORIZED, |t| t.signin_sso_failed, true);
    };
    let existing = match db.user_by_email(&email).await {
        Ok(u) => u,
        Err(_) => return sso_refused(&ext, lang, StatusCode::SERVICE_UNAVAILABLE, |t| t.signin_unavailable, true),
    };
    if existing.as_ref().is_some_and(|u| u.disabled) {
        return sso_refused(&ext, lang, StatusCode::FORBIDDEN, |t| t.signin_sso_no_role, true);
    }
    let role = identity.role.or_else(|| existing.as_ref().and_then(|u| Role::parse(&u.role)));
    let Some(role) = role else {
        tracing::info!(email = %email, "single sign-on: no portal role in the claims");
        return sso_refused(&ext, lang, StatusCode::FORBIDDEN, |t| t.signin_sso_no_role, true);
    };
    let user = match existing {
        Some(u) if u.role == role.id() => Some(u),
        Some(u) => db.set_role(&u.email, role.id()).await.ok().and_then(|_| Some(UserRow { role: role.id().to_owned(), ..u })),
        None => db.add_user(&email, role.id(), None, "oidc").await.ok().flatten(),
    };
    let session = match user {
        Some(u) => start_session(&state, &u, &next).await,
        None => None,
    };
    session.unwrap_or_else(|| sso_refused(&ext, lang, StatusCode::SERVICE_UNAVAILABLE, |t| t.signin_unavailable, true))
}

fn sso_refused(ext: &Extensions, lang: Locale, status: StatusCode, message: impl Fn(&PortalText) -> &'static str, sso: bool) -> Response {
    let form_token = ext.get::<FormToken>().map(|t| t.0.clone()).unwrap_or_default();
    let problem = message(PortalText::get(lang)).to_owned();
    page(status, views::signin_page(lang, &portal_url(lang, ""), "", Some(problem), sso, &form_token))
}

/// Creates a session for `user` and answers with its cookie and a redirect to `next`.
pub async fn start_session(state: &AppState, user: &UserRow, next: &str) -> Option<Response> {
    let (token, hash) = accounts::new_session_token();
    state.backend.db.create_session(&user.id, &hash, accounts::SESSION_SECS).await.ok()?;
    tracing::info!(email = %user.email, role = %user.role, "signed in to the portal");
    let cookie = format!(
        "{}={token}; Max-Age={}; HttpOnly; {}",
        session_cookie(&state.http),
        accounts::SESSION_SECS,
        state.http.cookie_attributes()
    );
    Some(with_header(Redirect::to(next).into_response(), header::SET_COOKIE, &cookie))
}

fn with_header(mut res: Response, name: header::HeaderName, value: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().append(name, v);
    }
    res
}

pub async fn signout(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions) -> Response {
    let lang = Locale::from_code(&lang).unwrap_or(Locale::DEFAULT);
    if let Some(s) = session_of(&ext) {
        let _ = state.backend.db.end_session(&s.token_hash).await;
        tracing::info!(email = %s.staff.email, "signed out of the portal");
    }
    let cookie = format!("{}=; Max-Age=0; HttpOnly; {}", session_cookie(&state.http), state.http.cookie_attributes());
    with_header(Redirect::to(&portal_url(lang, "/signin")).into_response(), header::SET_COOKIE, &cookie)
}

fn staff_and_lang(lang: &str, ext: &Extensions) -> Option<(Locale, Staff)> {
    Some((Locale::from_code(lang)?, session_of(ext)?.staff))
}

/// The dashboard's filter from its URL: the last 30 days by default; a range the wrong
/// way round, or longer than the retention, falls back to the default and says so.
fn dashboard_query(query: Option<&str>) -> (DashboardQuery, bool, [String; 3]) {
    let today_day = crate::db::day_of(crate::db::unix_now());
    let date = |day: i64| crate::db::rfc3339(day * 86_400)[..10].to_owned();
    let defaults = [date(today_day), date(today_day - 1), date(today_day - 29)];
    let from = super::query_param(query, "from").unwrap_or_default();
    let to = super::query_param(query, "to").unwrap_or_default();
    let (f, t) = (crate::db::parse_date(&from), crate::db::parse_date(&to));
    let given = !from.is_empty() || !to.is_empty();
    let valid = matches!((f, t), (Some(f), Some(t)) if f <= t && t - f <= 400 * 86_400);
    let (from, to) = if valid { (from, to) } else { (defaults[2].clone(), defaults[0].clone()) };
    let q = DashboardQuery {
        from,
        to,
        lang: super::query_param(query, "lang").and_then(|l| Locale::from_code(&l)),
        source: SourceFilter::parse(super::query_param(query, "source").as_deref()),
    };
    (q, given && !valid, defaults)
}

/// `/{lang}/support`: search analytics.
pub async fn home(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let (q, corrected, [today, yesterday, month_ago]) = dashboard_query(query.as_deref());
    let content = &state.backend.content;
    let data = crate::dashboard::figures(&state.backend.db, &q, |id| target_title(content, id, lang)).await.ok();
    let problem = corrected.then_some(PortalText::get(lang).bad_range);
    let status = if data.is_some() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    page(status, dashboard::dashboard_page(lang, &staff, &q, data, problem, &today, &yesterday, &month_ago))
}

/// What the dashboard calls an entry or operation row: its title in `lang`, else its id.
fn target_title(content: &crate::content::ContentStore, id: &str, lang: Locale) -> String {
    match (content.get(id, lang), content.high_risk().get(id)) {
        (Some(e), _) => e.title.clone(),
        (None, Some(op)) => op.texts.get(&lang).map_or_else(|| id.to_owned(), |t| t.operation.clone()),
        (None, None) => id.to_owned(),
    }
}

/// `/{lang}/support/export/{table}.csv`: a dashboard table as CSV (UTF-8 with a BOM, so
/// that spreadsheets read Chinese and Japanese right).
pub async fn export(State(state): State<AppState>, Path((lang, file)): Path<(String, String)>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, _)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let (q, _, _) = dashboard_query(query.as_deref());
    let content = &state.backend.content;
    let Ok(d) = crate::dashboard::figures(&state.backend.db, &q, |id| target_title(content, id, lang)).await else {
        return unavailable(lang);
    };
    let table = file.strip_suffix(".csv").unwrap_or("");
    let rows: Vec<Vec<String>> = match table {
        "daily" => std::iter::once(vec!["date".into(), "searches".into(), "zero_results".into()])
            .chain(d.days.iter().map(|p| vec![p.date.clone(), p.searches.to_string(), p.zero.to_string()]))
            .collect(),
        "queries" | "zero" => {
            let list = if table == "queries" { &d.top_queries } else { &d.top_zero };
            std::iter::once(vec!["query".into(), "searches".into(), "zero_results".into(), "clicked".into()])
                .chain(list.iter().map(|r| vec![r.query.clone(), r.searches.to_string(), r.zero.to_string(), r.clicked.to_string()]))
                .collect()
        }
        "entries" => std::iter::once(vec!["entry".into(), "title".into(), "views".into(), "clicks_from_search".into()])
            .chain(d.top_entries.iter().map(|e| vec![e.id.clone(), e.title.clone(), e.views.to_string(), e.clicks.to_string()]))
            .collect(),
        "arrivals" => std::iter::once(vec!["source".into(), "arrivals".into(), "led_nowhere".into(), "top_target".into()])
            .chain(d.arrivals.iter().map(|a| vec![a.source.clone(), a.arrivals.to_string(), a.led_nowhere.to_string(), a.top_target.clone().unwrap_or_default()]))
            .collect(),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let body = format!("\u{feff}{}", crate::csv::to_csv(&rows));
    let name = format!("attachment; filename=\"ack-search-{table}-{}-{}.csv\"", q.from, q.to);
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("attachment"))),
        ],
        body,
    )
        .into_response()
}

pub async fn runs(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let q = query.as_deref();
    let filter = RunFilter {
        wizard: super::query_param(q, "wizard").and_then(|w| WizardId::parse(&w)),
        from: super::query_param(q, "from").filter(|d| crate::db::parse_date(d).is_some()).unwrap_or_default(),
        to: super::query_param(q, "to").filter(|d| crate::db::parse_date(d).is_some()).unwrap_or_default(),
    };
    let from = crate::db::parse_date(&filter.from).unwrap_or(0);
    let to = crate::db::parse_date(&filter.to).map_or(i64::MAX, |d| d + 86_400);
    let runs = state.backend.db.wizard_runs(filter.wizard.map(|w| w.id()), from, to, 200).await.ok().map(|rows| {
        rows.into_iter()
            .filter_map(|r| {
                Some(RunItem {
                    wizard: WizardId::parse(&r.wizard)?,
                    lang: Locale::from_code(&r.lang).unwrap_or(Locale::DEFAULT),
                    created: crate::db::rfc3339(r.created_at),
                    id: r.id,
                })
            })
            .collect()
    });
    let here = portal_url(lang, "/runs");
    let notice = super::query_param(q, "missing").map(|_| Notice::Problem(PortalText::get(lang).runs_not_found.to_owned()));
    let status = if runs.is_some() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    page(status, views::runs_page(lang, &staff, &filter, runs, notice, &here))
}

/// The id in what a customer pasted: a bare id or any permalink that ends in it.
pub fn run_id_from(pasted: &str) -> Option<String> {
    let text = pasted.trim();
    let text = text.split(['?', '#']).next().unwrap_or("");
    let candidate = match text.find("/runs/") {
        Some(i) => text[i + "/runs/".len()..].split('/').next().unwrap_or(""),
        None => text,
    };
    (!candidate.is_empty() && candidate.len() <= 64 && candidate.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| candidate.to_owned())
}

pub async fn open_run(Path(lang): Path<String>, RawQuery(query): RawQuery) -> Response {
    let lang = Locale::from_code(&lang).unwrap_or(Locale::DEFAULT);
    match super::query_param(query.as_deref(), "id").as_deref().and_then(run_id_from) {
        Some(id) => Redirect::to(&portal_url(lang, &format!("/runs/{id}"))).into_response(),
        None => Redirect::to(&format!("{}?missing=1", portal_url(lang, "/runs"))).into_response(),
    }
}

pub async fn run(State(state): State<AppState>, Path((lang, id)): Path<(String, String)>, ext: Extensions) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    match app::api::Backend::wizard_run(&*state.backend, &id).await {
        Ok(Some(run)) => page(StatusCode::OK, views::run_page(lang, &staff, &run, &portal_url(lang, &format!("/runs/{id}")))),
        Ok(None) => Redirect::to(&format!("{}?missing=1", portal_url(lang, "/runs"))).into_response(),
        Err(_) => unavailable(lang),
    }
}

async fn users_page(state: &AppState, lang: Locale, staff: &Staff, notice: Option<Notice>, typed: &str, status: StatusCode) -> Response {
    let users = state.backend.db.users().await.ok().map(|rows| {
        rows.into_iter()
            .map(|u| UserItem {
                role: Role::parse(&u.role).unwrap_or(Role::Viewer),
                last_login: u.last_login.map(|t| crate::db::rfc3339(t).replace('T', " ").replace('Z', "")),
                email: u.email,
                source: u.source,
                disabled: u.disabled,
            })
            .collect()
    });
    page(status, views::users_page(lang, staff, users, notice, typed, &portal_url(lang, "/users")))
}

pub async fn users(State(state): State<AppState>, Path(lang): Path<String>, RawQuery(query): RawQuery, ext: Extensions) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let notice = super::query_param(query.as_deref(), "done").map(|_| Notice::Done(t.users_updated.to_owned()));
    users_page(&state, lang, &staff, notice, "", StatusCode::OK).await
}

pub async fn add_user(State(state): State<AppState>, Path(lang): Path<String>, ext: Extensions, body: Bytes) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let typed = form_field(&body, "email").unwrap_or_default();
    let role = form_field(&body, "role").and_then(|r| Role::parse(&r)).unwrap_or(Role::Viewer);
    let password = form_field(&body, "password").unwrap_or_default();
    let refuse = |msg: &str| Some(Notice::Problem(msg.to_owned()));
    let Some(email) = accounts::normalize_email(&typed) else {
        return users_page(&state, lang, &staff, refuse(t.users_bad_email), &typed, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let hash = if password.is_empty() {
        None
    } else if password.chars().count() < accounts::MIN_PASSWORD_CHARS {
        return users_page(&state, lang, &staff, refuse(t.users_short_password), &typed, StatusCode::UNPROCESSABLE_ENTITY).await;
    } else {
        let p = password.clone();
        tokio::task::spawn_blocking(move || accounts::hash_password(&p)).await.ok().and_then(Result::ok)
    };
    let source = if hash.is_some() { "local" } else { "oidc" };
    match state.backend.db.add_user(&email, role.id(), hash.as_deref(), source).await {
        Ok(Some(_)) => {
            tracing::info!(by = %staff.email, email = %email, role = role.id(), "portal account added");
            let notice = Some(Notice::Done(t.users_added.to_owned()));
            users_page(&state, lang, &staff, notice, "", StatusCode::OK).await
        }
        Ok(None) => users_page(&state, lang, &staff, refuse(t.users_exists), &typed, StatusCode::CONFLICT).await,
        Err(_) => unavailable(lang),
    }
}

pub async fn set_user(State(state): State<AppState>, Path((lang, what)): Path<(String, String)>, ext: Extensions, body: Bytes) -> Response {
    let Some((lang, staff)) = staff_and_lang(&lang, &ext) else { return StatusCode::NOT_FOUND.into_response() };
    let t = PortalText::get(lang);
    let Some(email) = form_field(&body, "email").and_then(|e| accounts::normalize_email(&e)) else {
        return users_page(&state, lang, &staff, Some(Notice::Problem(t.users_bad_email.to_owned())), "", StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    if email == staff.email {
        return users_page(&state, lang, &staff, Some(Notice::Problem(t.users_self.to_owned())), "", StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let db = &state.backend.db;
    let done = match what.as_str() {
        "role" => match form_field(&body, "role").and_then(|r| Role::parse(&r)) {
            Some(role) => db.set_role(&email, role.id()).await,
            None => Ok(false),
        },
        "status" => db.set_disabled(&email, form_field(&body, "disabled").as_deref() == Some("1")).await,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match done {
        Ok(_) => {
            tracing::info!(by = %staff.email, email = %email, change = %what, "portal account changed");
            Redirect::to(&format!("{}?done=1", portal_url(lang, "/users"))).into_response()
        }
        Err(_) => unavailable(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_run_id_in_what_a_customer_pasted() {
        let cases = [
            ("a1b2c3d4e5f6a7b8c9d0", Some("a1b2c3d4e5f6a7b8c9d0")),
            (" https://help.example.com/ja/wizards/acl/runs/a1b2c3d4e5f6a7b8c9d0 ", Some("a1b2c3d4e5f6a7b8c9d0")),
            ("/zh/wizards/acl/runs/a1b2c3d4e5f6a7b8c9d0/markdown", Some("a1b2c3d4e5f6a7b8c9d0")),
            ("https://x/zh/wizards/acl/runs/abc123?utm=1#top", Some("abc123")),
            ("", None),
            ("../../etc/passwd", None),
            ("https://x/zh/wizards/acl", None),
        ];
        for (pasted, want) in cases {
            assert_eq!(run_id_from(pasted).as_deref(), want, "{pasted}");
        }
    }

    #[test]
    fn splits_portal_paths() {
        assert_eq!(split("/ja/support"), Some((Locale::Ja, "")));
        assert_eq!(split("/zh-TW/support/runs/x"), Some((Locale::ZhTw, "/runs/x")));
        assert_eq!(split("/ja/supportx"), None);
        assert_eq!(split("/ja/entries/x"), None);
    }
}
