//! Periodic upkeep: retention (old search analytics, old saved runs, expired drafts and
//! sessions),
//! the client id key once the database is reachable, and forgetting idle rate-limit state.

use crate::backend::ServerBackend;
use crate::db::unix_now;
use std::sync::Arc;
use std::time::Duration;

/// How long rows are kept.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    pub searches: Duration,
    pub runs: Duration,
}

const DAY: u64 = 86_400;

impl Retention {
    pub fn days(searches: u32, runs: u32) -> Retention {
        Retention { searches: Duration::from_secs(u64::from(searches) * DAY), runs: Duration::from_secs(u64::from(runs) * DAY) }
    }

    /// The cut-off times, in seconds since the epoch, at `now`.
    pub fn cutoffs(&self, now: i64) -> (i64, i64) {
        (now - self.searches.as_secs() as i64, now - self.runs.as_secs() as i64)
    }
}

/// Runs retention every hour (and a minute after start), and the lighter upkeep every ten
/// seconds.
pub fn spawn(backend: Arc<ServerBackend>, retention: Retention) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(10));
        let mut last_purge: Option<tokio::time::Instant> = None;
        let start = tokio::time::Instant::now();
        loop {
            tick.tick().await;
            backend.keys.load_if_missing(&backend.db).await;
            backend.limits.forget_idle();
            for (pool, size, idle) in backend.db.pool_use() {
                backend.metrics.db_pool(pool, size, idle);
            }
            backend.metrics.db_up(backend.db.is_up());
            let due = match last_purge {
                None => start.elapsed() >= Duration::from_secs(60),
                Some(at) => at.elapsed() >= Duration::from_secs(3600),
            };
            if due && backend.db.is_up() {
                last_purge = Some(tokio::time::Instant::now());
                let (searches, runs) = retention.cutoffs(unix_now());
                match backend.db.purge(searches, runs, unix_now()).await {
                    Ok(p) => tracing::info!(searches = p.searches, runs = p.runs, drafts = p.drafts, "retention: old rows deleted"),
                    Err(e) => tracing::warn!(error = %e, "retention failed; trying again in an hour"),
                }
                if let Err(e) = backend.db.purge_sessions(unix_now()).await {
                    tracing::warn!(error = %e, "deleting expired sessions failed");
                }
            }
        }
    })
}
