//! The ACK help console server: content loading, the search index, the database and
//! the HTTP surface. `main.rs` only wires these together.

// The server renders the pages, whose view types (islands inside forms inside the
// layout) are deeper than the compiler's default limit.
#![recursion_limit = "512"]

pub mod accounts;
pub mod analysis;
pub mod analytics;
pub mod backend;
pub mod cache;
pub mod check;
pub mod cli;
pub mod clientaddr;
pub mod clientid;
pub mod config;
pub mod csv;
pub mod dashboard;
pub mod content;
pub mod db;
pub mod error;
pub mod glossary;
pub mod highrisk;
pub mod homophones;
pub mod http;
pub mod ids;
pub mod indexdir;
pub mod links;
pub mod maintenance;
pub mod markdown;
pub mod masking;
pub mod paste;
pub mod metrics;
pub mod oidc;
pub mod querynorm;
pub mod querytext;
pub mod queryterms;
pub mod ratelimit;
pub mod relevance;
pub mod routes;
pub mod search;
pub mod sitemap;
pub mod serve;
pub mod snippet;
pub mod synonyms;
pub mod typos;
pub mod work;

use anyhow::Context;
use std::sync::Arc;

/// The name cargo-leptos gives the built WebAssembly, JavaScript and CSS (`/pkg/<name>.*`).
pub const OUTPUT_NAME: &str = "ack-console";

/// Everything the router needs, and the background tasks that keep it running.
pub struct Service {
    pub state: http::AppState,
    /// Writes what the analytics queue holds and stops its writer.
    pub analytics: Option<analytics::Flusher>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Service {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Loads the content, builds the index, opens the database (without waiting for it) and
/// starts the background tasks. A broken entry is an error here, before serving; an
/// unreachable database is not: reading works without it.
pub async fn build_service(config: &config::Config) -> anyhow::Result<Service> {
    let started = std::time::Instant::now();
    let content_error = |e: content::ContentErrors| anyhow::anyhow!("{e}").context(format!("loading the knowledge base from {}", config.content_dir.display()));
    let content = content::ContentStore::read(&config.content_dir).map_err(content_error)?;
    let content = Arc::new(content);
    tracing::info!(entries = content.len(), ms = started.elapsed().as_millis() as u64, "knowledge base read");
    let started = std::time::Instant::now();
    // The index is kept in the data folder and reused while the knowledge base and the
    // program are unchanged; the bodies are checked when a new version is indexed.
    let index_dir = config.data_dir.join("search-index");
    let checked = std::cell::Cell::new(false);
    let check = || {
        content.check_bodies(&config.content_dir).map_err(content_error)?;
        checked.set(true);
        Ok(())
    };
    let (index, reused) = match search::SearchIndex::open_or_build(&content, &index_dir, check) {
        Ok(found) => found,
        Err(search::OpenError::Check(e)) => return Err(e),
        Err(e) => {
            tracing::warn!(error = %e, dir = %index_dir.display(), "the search index cannot be kept on disk; building it in memory");
            if !checked.get() {
                content.check_bodies(&config.content_dir).map_err(content_error)?;
            }
            (search::SearchIndex::build(&content).context("building the search index")?, false)
        }
    };
    tracing::info!(ms = started.elapsed().as_millis() as u64, reused, "search index ready");
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating the data folder {}", config.data_dir.display()))?;
    }
    let public = config.public_origin()?;
    let quotas = db::Quotas {
        runs_per_day: config.runs_per_client_per_day,
        comments_per_day: config.comments_per_client_per_day,
        max_inputs_bytes: db::MAX_INPUTS_BYTES,
    };
    let db = db::Db::open(&config.database_url(), quotas).await.context("opening the database")?;
    let metrics = metrics::Metrics::new();
    let (analytics, flusher) = analytics::Analytics::start(db.clone(), config.analytics_queue, metrics.clone());
    let keys = clientid::KeyRing::new(config.secret_key.as_deref())?;
    keys.load_if_missing(&db).await;
    let rate = |per_minute, burst| ratelimit::Rate { per_minute, burst };
    let limits = ratelimit::Limits::new(
        rate(config.rate_search_per_minute, config.rate_search_burst),
        rate(config.rate_page_per_minute, config.rate_page_burst),
        rate(config.rate_write_per_minute, config.rate_write_burst),
    );
    tracing::info!(entries = content.len(), documents = index.num_docs(), database = db.backend(), database_up = db.is_up(), "ready");
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(leptos::config::Env::PROD)
        .build();
    let https = public.https;
    let searched = cache::Cache::new(backend::SEARCH_CACHE_GENERATION);
    let checker = content.checker();
    let backend = Arc::new(backend::ServerBackend { content, index, db: db.clone(), analytics, keys, limits, metrics, public, searched, checker });
    let work = Arc::new(work::WorkPool::new(config.work_threads, config.max_in_flight).context("starting the work pool")?);
    let tasks = vec![
        db.spawn_watch(),
        maintenance::spawn(backend.clone(), maintenance::Retention::days(config.retain_searches_days, config.retain_runs_days)),
    ];
    let oidc = config.oidc()?.map(oidc::Oidc::new).transpose()?.map(Arc::new);
    let state = http::AppState::new(http::SharedState {
        leptos_options,
        backend,
        work,
        oidc,
        http: Arc::new(http::HttpSettings {
            request_timeout: config.request_timeout(),
            trusted_proxies: config.trusted_proxies.clone(),
            https,
            content_dir: config.content_dir.clone(),
        }),
        page_cache: Default::default(),
    });
    Ok(Service { state, analytics: Some(flusher), tasks })
}
