//! The HTTP surface: the Leptos pages, the JSON API, the forms, health checks, static
//! files, and the middleware around them. `router` wires them; each submodule has one job.

pub mod api;
pub mod forms;
pub mod middleware;
pub mod pagecache;
pub mod pages;
pub mod portal;
pub mod portal_review;
pub mod problem;

use crate::backend::ServerBackend;
use crate::work::WorkPool;
use app::api::SharedBackend;
use app::{shell, App};
use axum::extract::{FromRef, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::{Extension, Router};
use ipnet::IpNet;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Request bodies larger than this are refused before they are read: room for a pasted
/// `kubectl get nodes -o wide` of about a thousand nodes in a wizard step.
pub const BODY_LIMIT: usize = 256 * 1024;
pub const LANG_COOKIE: &str = "ack_lang";

/// What every handler shares. Cloned for each extractor and middleware of every request,
/// so it is one reference count: cloning `LeptosOptions` (a dozen shared strings) on each
/// of those took a quarter of `/healthz`'s CPU under load.
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

impl AppState {
    pub fn new(shared: SharedState) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = SharedState;
    fn deref(&self) -> &SharedState {
        &self.0
    }
}

pub struct SharedState {
    pub leptos_options: LeptosOptions,
    pub backend: Arc<ServerBackend>,
    pub work: Arc<WorkPool>,
    /// The portal's single sign-on, when configured.
    pub oidc: Option<Arc<crate::oidc::Oidc>>,
    pub http: Arc<HttpSettings>,
    /// The pages rendered once.
    pub page_cache: pagecache::PageCache,
}

/// How the HTTP layer behaves, from the configuration.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub request_timeout: Duration,
    pub trusted_proxies: Vec<IpNet>,
    /// The public URL is https: cookies are `Secure` (and the client id `__Host-`), and
    /// pages ask for HTTPS from then on.
    pub https: bool,
    /// The knowledge base's folder, for the synonym patch (which reads the live files).
    pub content_dir: std::path::PathBuf,
}

impl HttpSettings {
    /// The client id cookie's name.
    pub fn client_cookie(&self) -> &'static str {
        if self.https {
            "__Host-ack_cid"
        } else {
            "ack_cid"
        }
    }

    /// Attributes every cookie of the console carries.
    pub fn cookie_attributes(&self) -> &'static str {
        if self.https {
            "Path=/; SameSite=Lax; Secure"
        } else {
            "Path=/; SameSite=Lax"
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The CSP nonce of one response, shared by the header and the page's scripts.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The Leptos pages alone, for handlers that answer a form with a page rendered in the
/// same response.
#[derive(Clone)]
pub struct Pages(pub Router);

/// What every Leptos render and server function gets in its context.
fn leptos_context(backend: SharedBackend, public: app::seo::PublicBase) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(backend.clone());
        provide_context(public.clone());
        if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
            if let Some(nonce) = parts.extensions.get::<CspNonce>() {
                provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
            }
        }
    }
}

pub fn router(state: AppState) -> Router {
    let shared: SharedBackend = state.backend.clone();
    let context = leptos_context(shared, app::seo::PublicBase(state.backend.public.origin.clone()));
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let site_root = std::path::Path::new(options.site_root.as_ref()).to_owned();
    let pkg_dir = site_root.join(options.site_pkg_dir.as_ref());

    // The Leptos routes register every server function; this catches the unknown ones.
    let sfn_context = context.clone();
    let server_fns = move |req: Request| {
        let context = sfn_context.clone();
        async move { leptos_axum::handle_server_fns_with_context(context, req).await }
    };

    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let pages: Router<AppState> = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(not_found);
    let pages_alone = Pages(pages.clone().with_state(state.clone()));

    let portal_routes: Router<AppState> = Router::new()
        .route("/{lang}/support", get(portal::home))
        .route("/{lang}/support/signin", get(portal::signin_form).post(portal::signin))
        .route("/{lang}/support/signout", post(portal::signout))
        .route("/{lang}/support/sso", post(portal::sso_start))
        .route("/{lang}/support/export/{file}", get(portal::export))
        .route("/{lang}/support/gaps", get(portal_review::gaps_list))
        .route("/{lang}/support/gaps/triage", post(portal_review::triage))
        .route("/{lang}/support/gaps/synonyms", get(portal_review::proposals).post(portal_review::set_proposal))
        .route("/{lang}/support/gaps/synonyms.patch", get(portal_review::synonyms_patch))
        .route("/{lang}/support/feedback", get(portal_review::feedback))
        .route("/{lang}/support/feedback/comments", post(portal_review::comment_status))
        .route("/{lang}/support/feedback/{entry}", get(portal_review::entry_feedback))
        .route("/{lang}/support/health", get(portal_review::health))
        .route("/{lang}/support/runs", get(portal::runs))
        .route("/{lang}/support/runs/open", get(portal::open_run))
        .route("/{lang}/support/runs/{id}", get(portal::run))
        .route("/{lang}/support/users", get(portal::users).post(portal::add_user))
        .route("/{lang}/support/users/{what}", post(portal::set_user))
        .route_layer(from_fn_with_state(state.clone(), portal::gate));

    let routes: Router = Router::new()
        .route("/", get(pages::root_redirect))
        .route("/support", get(portal::root))
        .route("/support/oidc/callback", get(portal::oidc_callback))
        .merge(portal_routes)
        .route("/healthz", get(pages::healthz))
        .route("/readyz", get(pages::readyz))
        .route("/robots.txt", get(pages::robots))
        .route("/sitemap.xml", get(pages::sitemap_index))
        .route("/sitemaps/{file}", get(pages::sitemap))
        .route("/lang/{lang}", get(pages::switch_language))
        .route("/{lang}/entries/{id}/feedback", post(forms::feedback))
        .route("/{lang}/wizards/{name}/submit", post(forms::wizard_submit))
        .route("/{lang}/wizards/{name}/runs/{run}/markdown", get(forms::saved_run_markdown))
        .route("/api/wizards/{name}", post(api::wizard))
        .route("/{lang}/check", post(forms::check_submit))
        .route("/{lang}/check/runs/{run}/markdown", get(forms::saved_check_markdown))
        .route("/api/check", post(api::check))
        .route("/api/search", get(api::search))
        .route("/api/suggest", get(api::suggest))
        .route("/{lang}/opensearch.xml", get(pages::opensearch))
        .route("/go", get(pages::go_search))
        .route("/go/{id}", get(pages::go_entry))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/links", get(api::links))
        .route("/sfn/{*fn_name}", get(server_fns.clone()).post(server_fns))
        // One-segment paths belong to the locale route, so root files are routed by name.
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")))
                .service(ServeDir::new(pkg_dir)),
        )
        .merge(pages)
        .with_state(state.clone());
    // The layers wrap the router as one service, not each route: axum clones a route's
    // whole stack for every request, and the page routes' handlers carry the Leptos
    // options, whose cloning cost more than the cached pages' answers.
    Router::new()
        .fallback_service(routes)
        // Innermost first: the work pool runs the handler; outermost, the request is
        // classified and counted.
        .layer(from_fn_with_state(state.clone(), middleware::offload))
        // Pages that are the same for every reader are answered here, off the work pool.
        .layer(from_fn_with_state(state.clone(), pagecache::serve))
        .layer(from_fn(middleware::server_fn_errors))
        .layer(from_fn(middleware::locale_root))
        .layer(from_fn_with_state(state.clone(), middleware::entry_aliases))
        .layer(from_fn_with_state(state.clone(), middleware::client_id))
        .layer(from_fn_with_state(state.clone(), middleware::cross_site))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(from_fn(middleware::too_large))
        .layer(from_fn_with_state(state.clone(), middleware::rate_limit))
        .layer(from_fn_with_state(state.clone(), middleware::timeout))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(from_fn_with_state(state.clone(), middleware::request_info))
        // 5xx are counted in the metrics; the trace says each at warning level.
        .layer(TraceLayer::new_for_http().on_failure(tower_http::trace::DefaultOnFailure::new().level(tracing::Level::WARN)))
        .layer(Extension(pages_alone))
}

/// The admin router: `/metrics` (and `/healthz`), for the admin address only.
pub fn admin_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(pages::metrics))
        .route("/healthz", get(pages::healthz))
        .with_state(state)
}

/// One query parameter, decoded leniently: bad percent-encoding or UTF-8 never fails.
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_query_parameters_leniently() {
        assert_eq!(query_param(Some("q=%E8%AF%81%E4%B9%A6&lang=ja"), "q").as_deref(), Some("证书"));
        assert_eq!(query_param(Some("q=%FF%00a+b"), "q").as_deref(), Some("\u{FFFD}\u{0}a b"));
        assert_eq!(query_param(Some("lang=ja"), "q"), None);
        assert_eq!(query_param(None, "q"), None);
    }
}
