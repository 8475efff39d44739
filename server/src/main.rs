use clap::Parser;
use server::config::{Command, Config};
use std::time::Duration;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: glibc gives each thread that meets contention an
/// arena of its own, and memory freed in one is not reused by another, which under load
/// held about a third of the RSS; malloc and free were also 10-15% of a search's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    if config.log_format == "json" {
        tracing_subscriber::fmt().json().with_env_filter(filter).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    if let Some(Command::Users { action }) = &config.command {
        let result = server::cli::users(&config, action, &mut std::io::stdin(), &mut std::io::stdout()).await;
        return match result {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::Links { write }) = &config.command {
        return match server::cli::links(&config.content_dir, *write, &mut std::io::stdout()) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> anyhow::Result<()> {
    let mut service = server::build_service(&config).await?;
    let state = service.state.clone();
    let app = server::http::router(state.clone());
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    let addr = listener.local_addr()?;
    if let Some(admin) = config.admin_addr()? {
        let admin_listener = tokio::net::TcpListener::bind(admin)
            .await
            .map_err(|e| anyhow::anyhow!("binding the admin address {admin} (ADMIN_ADDR; `off` to disable): {e}"))?;
        let admin_app = server::http::admin_router(state.clone());
        tracing::info!(%admin, "metrics at http://{admin}/metrics");
        tokio::spawn(async move {
            if let Err(e) = axum::serve(admin_listener, admin_app).await {
                tracing::error!(error = %e, "the admin listener stopped");
            }
        });
    }
    tracing::info!(%addr, public = %state.backend.public.origin, "listening");
    println!("ACK help console: http://{addr}/");
    let options = server::serve::ServeOptions {
        header_timeout: Duration::from_secs(config.header_timeout_secs.max(1)),
        shutdown_grace: Duration::from_secs(config.shutdown_grace_secs),
        max_connections: config.max_connections.max(1),
        max_connections_per_client: config.max_connections_per_client.max(1),
        trusted_proxies: config.trusted_proxies.clone(),
    };
    server::serve::serve(listener, app, options, state.backend.metrics.clone(), shutdown_signal()).await?;
    // Write what the analytics queue still holds, briefly.
    if let Some(flusher) = service.analytics.take() {
        flusher.flush(Duration::from_secs(3)).await;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop taking connections and let the open requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
