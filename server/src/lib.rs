//! The ACK help console server: content loading, the search index, the database and
//! the HTTP surface. `main.rs` only wires these together.

pub mod analysis;
pub mod backend;
pub mod config;
pub mod content;
pub mod db;
pub mod drafts;
pub mod error;
pub mod highrisk;
pub mod http;
pub mod markdown;
pub mod relevance;
pub mod masking;
pub mod search;

use anyhow::Context;
use std::sync::Arc;

/// The name cargo-leptos gives the built WebAssembly, JavaScript and CSS (`/pkg/<name>.*`).
pub const OUTPUT_NAME: &str = "ack-console";

/// Loads the content, builds the index and opens the database: everything the router
/// needs. A broken entry or an unreachable database is an error here, before serving.
pub async fn build_state(config: &config::Config) -> anyhow::Result<http::AppState> {
    let content = content::ContentStore::load(&config.content_dir)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("loading the knowledge base from {}", config.content_dir.display()))?;
    let content = Arc::new(content);
    let index = search::SearchIndex::build(&content).context("building the search index")?;
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating the data folder {}", config.data_dir.display()))?;
    }
    let db = db::Db::connect(&config.database_url()).await.context("opening the database")?;
    tracing::info!(entries = content.len(), documents = index.num_docs(), database = db.backend(), "ready");
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(leptos::config::Env::PROD)
        .build();
    Ok(http::AppState { leptos_options, backend: Arc::new(backend::ServerBackend::new(content, index, db)) })
}
