//! The database: SQLite in the data folder by default, PostgreSQL when `DATABASE_URL`
//! says so. One schema, one set of migrations, and queries that both understand.
//!
//! The console must keep serving reads while the database is away, so nothing here is
//! needed to start: the pools connect lazily, the schema is brought up to date as soon as
//! the database answers, and a watcher notices when it goes and comes back. While it is
//! down, every call fails at once with [`DbError::Unavailable`] instead of waiting.
//!
//! Analytics writes use a pool of their own, so that votes and saves never queue behind
//! them.

mod accounts;
mod availability;
mod analytics;
mod review;
mod rollups;

pub use accounts::{SessionRow, UserRow};
pub use review::{CommentLine, ProposalRow, TriageRow, VoteLine};
pub use analytics::{day_of, entry_of, ArrivalRow, ClickRow, SearchRow, ViewRow, SOURCES};
pub use rollups::{ArrivalTotals, DayTotals, EntryTotals, GapRow, QueryTotals};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Storage rows: the database's view, not what the API returns.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteRow {
    pub entry_id: String,
    pub client_id: String,
    pub lang: String,
    pub helpful: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommentRow {
    pub entry_id: String,
    pub lang: String,
    pub helpful: bool,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteCounts {
    pub helpful: i64,
    pub not_helpful: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WizardRunRow {
    pub id: String,
    pub wizard: String,
    pub lang: String,
    /// A JSON object of field name to text.
    pub inputs: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    pub wizard: String,
    /// A JSON object of field name to text.
    pub inputs: String,
}

/// How many rows retention removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Purged {
    pub searches: u64,
    pub runs: u64,
    pub drafts: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database does not answer (or its schema is not ready yet); try again later.
    #[error("the database is unavailable")]
    Unavailable,
    /// The client has used up a quota.
    #[error("quota used up")]
    Quota,
    #[error(transparent)]
    Sql(sqlx::Error),
}

/// Limits on what one client may store.
#[derive(Debug, Clone, Copy)]
pub struct Quotas {
    pub runs_per_day: u32,
    pub comments_per_day: u32,
    /// Bytes of a saved run's or a draft's inputs.
    pub max_inputs_bytes: usize,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            runs_per_day: crate::config::defaults::RUNS_PER_CLIENT_PER_DAY,
            comments_per_day: crate::config::defaults::COMMENTS_PER_CLIENT_PER_DAY,
            max_inputs_bytes: MAX_INPUTS_BYTES,
        }
    }
}

/// The largest saved inputs: a pasted `kubectl get nodes -o wide` of about a thousand nodes.
pub const MAX_INPUTS_BYTES: usize = 200 * 1024;

#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    pool: AnyPool,
    analytics: AnyPool,
    backend: &'static str,
    migrated: AtomicBool,
    up: availability::Availability,
    quotas: Quotas,
    /// Top lists found among the candidates, and by grouping every row of their range.
    top_lists: [AtomicU64; 2],
}


const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);
const PING_TIMEOUT: Duration = Duration::from_secs(2);
const MIGRATE_TIMEOUT: Duration = Duration::from_secs(20);

fn pool_options(is_sqlite: bool, size: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if is_sqlite {
                    // WAL lets readers and the writer work at once; wait instead of
                    // failing when another connection holds the write lock.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;").await?;
                }
                Ok(())
            })
        })
}

impl Db {
    /// Opens the pools without waiting for the database, and brings the schema up to date
    /// if it answers now. Fails only on an address that cannot be used at all.
    pub async fn open(url: &str, quotas: Quotas) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let is_sqlite = url.starts_with("sqlite:");
        let pool = pool_options(is_sqlite, if is_sqlite { 4 } else { 8 }).connect_lazy(url)?;
        let analytics = pool_options(is_sqlite, 1).connect_lazy(url)?;
        let backend = if is_sqlite { "sqlite" } else { "postgres" };
        let db = Db {
            inner: Arc::new(Inner { pool, analytics, backend, migrated: AtomicBool::new(false), up: Default::default(), quotas, top_lists: Default::default() }),
        };
        if !db.check().await {
            tracing::warn!(database = backend, "the database does not answer; serving reads, and writes once it is back");
        }
        Ok(db)
    }

    /// Opens the database and insists that it is reachable now (tests and tools).
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let db = Db::open(url, Quotas::default()).await?;
        if !db.is_up() {
            // Say why.
            sqlx::migrate!("../migrations").run(&db.inner.pool).await?;
            anyhow::ensure!(db.check().await, "the database is not reachable");
        }
        Ok(db)
    }

    pub fn backend(&self) -> &'static str {
        self.inner.backend
    }

    /// Whether the database answered at the last check and its schema is current.
    pub fn is_up(&self) -> bool {
        self.inner.up.is_up()
    }

    /// Checks the database now: migrates it if that has not happened yet, then pings it.
    /// Returns whether it is usable, and remembers that unless a newer check finished first.
    pub async fn check(&self) -> bool {
        let i = &self.inner;
        let observation = i.up.begin();
        if !i.migrated.load(Ordering::Relaxed) {
            match tokio::time::timeout(MIGRATE_TIMEOUT, sqlx::migrate!("../migrations").run(&i.pool)).await {
                Ok(Ok(())) => {
                    i.migrated.store(true, Ordering::Relaxed);
                    tracing::info!(database = i.backend, "database schema is current");
                }
                Ok(Err(e)) => tracing::debug!(error = %e, "migrating the database failed"),
                Err(_) => tracing::debug!("migrating the database timed out"),
            }
        }
        let ok = i.migrated.load(Ordering::Relaxed) && self.ping().await;
        match i.up.record(observation, ok) {
            Some(true) => tracing::info!(database = i.backend, "the database is back"),
            Some(false) => tracing::warn!(database = i.backend, "the database is unavailable"),
            None => {}
        }
        ok
    }

    /// Checks the database every second (one `SELECT 1`), so that an outage and the
    /// recovery are both noticed within a second or two.
    pub fn spawn_watch(&self) -> tokio::task::JoinHandle<()> {
        let db = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                db.check().await;
            }
        })
    }

    /// One round trip, within a short deadline.
    pub async fn ping(&self) -> bool {
        matches!(tokio::time::timeout(PING_TIMEOUT, sqlx::query("SELECT 1").execute(&self.inner.pool)).await, Ok(Ok(_)))
    }

    /// Connections in each pool: (name, size, idle).
    pub fn pool_use(&self) -> [(&'static str, u32, usize); 2] {
        [("main", self.inner.pool.size(), self.inner.pool.num_idle()), ("analytics", self.inner.analytics.size(), self.inner.analytics.num_idle())]
    }

    pub fn quotas(&self) -> Quotas {
        self.inner.quotas
    }

    fn ready(&self) -> Result<&AnyPool, DbError> {
        if self.is_up() {
            Ok(&self.inner.pool)
        } else {
            Err(DbError::Unavailable)
        }
    }

    /// Begins a transaction that will write. SQLite's default (deferred) transaction reads
    /// first and asks for the write lock later; if another connection committed meanwhile,
    /// SQLite refuses at once (SQLITE_BUSY_SNAPSHOT) without waiting. `BEGIN IMMEDIATE`
    /// takes the write lock up front, where the busy timeout applies.
    pub(crate) async fn begin_write(&self, pool: &AnyPool) -> Result<sqlx::Transaction<'static, sqlx::Any>, DbError> {
        let tx = if self.inner.backend == "sqlite" { pool.begin_with("BEGIN IMMEDIATE").await } else { pool.begin().await };
        tx.map_err(|e| self.fail(e))
    }

    /// Sorts an error: the database being away marks it down, so the next calls fail fast
    /// until the watcher sees it again.
    fn fail(&self, e: sqlx::Error) -> DbError {
        let gone = match &e {
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Tls(_) | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Protocol(_) => true,
            // 57P0x: the server is shutting down; 08xxx: connection failures.
            sqlx::Error::Database(d) => d.code().is_some_and(|c| c.starts_with("57P0") || c.starts_with("08")),
            _ => false,
        };
        if gone {
            let up = &self.inner.up;
            if up.record(up.begin(), false).is_some() {
                tracing::warn!(error = %e, database = self.inner.backend, "the database went away");
            }
            return DbError::Unavailable;
        }
        let busy = matches!(&e, sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("5" | "6" | "517")));
        if busy {
            return DbError::Unavailable;
        }
        DbError::Sql(e)
    }

    /// Records a vote, replacing this browser's earlier vote on the entry, and keeps the
    /// comment if there is one (within the client's daily quota). Both happen in one
    /// transaction.
    pub async fn record_vote(&self, vote: &VoteRow, comment: Option<&str>) -> Result<(), DbError> {
        let pool = self.ready()?;
        let now = unix_now();
        let helpful = i32::from(vote.helpful);
        let mut tx = self.begin_write(pool).await?;
        if comment.is_some() {
            let row = sqlx::query("SELECT COUNT(*) AS n FROM feedback_comments WHERE client_id = $1 AND created_at > $2")
                .bind(&vote.client_id)
                .bind(now - 86_400)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| self.fail(e))?;
            if int(&row, "n").map_err(|e| self.fail(e))? >= i64::from(self.inner.quotas.comments_per_day) {
                return Err(DbError::Quota);
            }
        }
        sqlx::query(
            "INSERT INTO feedback_votes (entry_id, client_id, lang, helpful, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (entry_id, client_id)
             DO UPDATE SET lang = excluded.lang, helpful = excluded.helpful, updated_at = excluded.updated_at",
        )
        .bind(&vote.entry_id)
        .bind(&vote.client_id)
        .bind(&vote.lang)
        .bind(helpful)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.fail(e))?;
        if let Some(body) = comment {
            sqlx::query(
                "INSERT INTO feedback_comments (id, entry_id, client_id, lang, helpful, body, body_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (entry_id, client_id, body_hash) DO NOTHING",
            )
            .bind(ordered_id())
            .bind(&vote.entry_id)
            .bind(&vote.client_id)
            .bind(&vote.lang)
            .bind(helpful)
            .bind(body)
            .bind(fnv1a_hex(body))
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    pub async fn counts(&self, entry_id: &str) -> Result<VoteCounts, DbError> {
        let pool = self.ready()?;
        let row: AnyRow = sqlx::query("SELECT COALESCE(SUM(helpful), 0) AS yes, COUNT(*) AS total FROM feedback_votes WHERE entry_id = $1")
            .bind(entry_id)
            .fetch_one(pool)
            .await
            .map_err(|e| self.fail(e))?;
        let yes = int(&row, "yes").map_err(|e| self.fail(e))?;
        let total = int(&row, "total").map_err(|e| self.fail(e))?;
        Ok(VoteCounts { helpful: yes, not_helpful: total - yes })
    }

    pub async fn comments(&self, entry_id: &str) -> Result<Vec<CommentRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT entry_id, lang, helpful, body FROM feedback_comments WHERE entry_id = $1 ORDER BY id")
            .bind(entry_id)
            .fetch_all(pool)
            .await
            .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                Ok(CommentRow {
                    entry_id: r.try_get("entry_id")?,
                    lang: r.try_get("lang")?,
                    helpful: int(r, "helpful")? != 0,
                    body: r.try_get("body")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// Stores a finished wizard run and returns its id: 80 random bits, so that run
    /// links cannot be guessed from one another. Refused beyond the client's daily quota
    /// or the size limit.
    pub async fn save_wizard_run(&self, wizard: &str, lang: &str, inputs: &str, client_id: &str) -> Result<String, DbError> {
        let pool = self.ready()?;
        if inputs.len() > self.inner.quotas.max_inputs_bytes {
            return Err(DbError::Quota);
        }
        let now = unix_now();
        let row = sqlx::query("SELECT COUNT(*) AS n FROM wizard_runs WHERE client_id = $1 AND created_at > $2")
            .bind(client_id)
            .bind(now - 86_400)
            .fetch_one(pool)
            .await
            .map_err(|e| self.fail(e))?;
        if int(&row, "n").map_err(|e| self.fail(e))? >= i64::from(self.inner.quotas.runs_per_day) {
            return Err(DbError::Quota);
        }
        let id: String = random_token().chars().take(20).collect();
        sqlx::query("INSERT INTO wizard_runs (id, wizard, lang, inputs, client_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(wizard)
            .bind(lang)
            .bind(inputs)
            .bind(client_id)
            .bind(now)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(id)
    }

    /// Saved runs, newest first: of one wizard or all, saved in `[from, to)`.
    pub async fn wizard_runs(&self, wizard: Option<&str>, from: i64, to: i64, limit: i64) -> Result<Vec<WizardRunRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT id, wizard, lang, inputs, created_at FROM wizard_runs
             WHERE ($1 = '' OR wizard = $1) AND created_at >= $2 AND created_at < $3
             ORDER BY created_at DESC LIMIT $4",
        )
        .bind(wizard.unwrap_or(""))
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                Ok(WizardRunRow {
                    id: r.try_get("id")?,
                    wizard: r.try_get("wizard")?,
                    lang: r.try_get("lang")?,
                    inputs: String::new(),
                    created_at: int(r, "created_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    pub async fn wizard_run(&self, id: &str) -> Result<Option<WizardRunRow>, DbError> {
        let pool = self.ready()?;
        let row = sqlx::query("SELECT id, wizard, lang, inputs, created_at FROM wizard_runs WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(|e| self.fail(e))?;
        row.map(|r| {
            Ok(WizardRunRow {
                id: r.try_get("id")?,
                wizard: r.try_get("wizard")?,
                lang: r.try_get("lang")?,
                inputs: r.try_get("inputs")?,
                created_at: int(&r, "created_at")?,
            })
        })
        .transpose()
        .map_err(|e| self.fail(e))
    }

    /// Keeps wizard inputs too long for a URL for `ttl`, and returns the id to put in the
    /// URL instead: 80 random bits.
    pub async fn save_draft(&self, wizard: &str, inputs: &str, client_id: &str, ttl: Duration) -> Result<String, DbError> {
        let pool = self.ready()?;
        if inputs.len() > self.inner.quotas.max_inputs_bytes {
            return Err(DbError::Quota);
        }
        let now = unix_now();
        let id: String = random_token().chars().take(20).collect();
        sqlx::query("INSERT INTO wizard_drafts (id, wizard, inputs, client_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(wizard)
            .bind(inputs)
            .bind(client_id)
            .bind(now)
            .bind(now + ttl.as_secs() as i64)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(id)
    }

    /// A draft that has not expired.
    pub async fn draft(&self, id: &str) -> Result<Option<DraftRow>, DbError> {
        let pool = self.ready()?;
        let row = sqlx::query("SELECT wizard, inputs FROM wizard_drafts WHERE id = $1 AND expires_at > $2")
            .bind(id)
            .bind(unix_now())
            .fetch_optional(pool)
            .await
            .map_err(|e| self.fail(e))?;
        row.map(|r| Ok(DraftRow { wizard: r.try_get("wizard")?, inputs: r.try_get("inputs")? })).transpose().map_err(|e| self.fail(e))
    }

    /// The setting `name`, made from `make` and stored the first time. When several
    /// processes start at once, all end up with the value the first one stored.
    pub async fn setting_or_insert(&self, name: &str, make: impl FnOnce() -> String) -> Result<String, DbError> {
        let pool = self.ready()?;
        let select = || sqlx::query("SELECT value FROM settings WHERE name = $1").bind(name);
        if let Some(row) = select().fetch_optional(pool).await.map_err(|e| self.fail(e))? {
            return row.try_get("value").map_err(|e| self.fail(e));
        }
        sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(make())
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        let row = select().fetch_one(pool).await.map_err(|e| self.fail(e))?;
        row.try_get("value").map_err(|e| self.fail(e))
    }

    /// Deletes search analytics from before `searches_before`, runs saved before
    /// `runs_before`, and drafts expired by `now` (all in seconds since the epoch).
    pub async fn purge(&self, searches_before: i64, runs_before: i64, now: i64) -> Result<Purged, DbError> {
        let pool = self.ready()?;
        let run = |sql: &'static str, t: i64| sqlx::query(sql).bind(t).execute(pool);
        let searches = self.purge_analytics(day_of(searches_before)).await?;
        let runs = run("DELETE FROM wizard_runs WHERE created_at < $1", runs_before).await.map_err(|e| self.fail(e))?;
        let drafts = run("DELETE FROM wizard_drafts WHERE expires_at < $1", now).await.map_err(|e| self.fail(e))?;
        Ok(Purged { searches, runs: runs.rows_affected(), drafts: drafts.rows_affected() })
    }

    pub async fn close(&self) {
        self.inner.analytics.close().await;
        self.inner.pool.close().await;
    }
}

/// Reads an integer column whatever width the database gives it.
fn int(row: &AnyRow, column: &str) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>(column)
        .or_else(|_| row.try_get::<i32, _>(column).map(i64::from))
        .or_else(|_| {
            // PostgreSQL sums integers into NUMERIC, which the Any driver reads as text
            // or a float depending on the column; SUM of INTEGER is BIGINT there, though.
            row.try_get::<f64, _>(column).map(|f| f as i64)
        })
}

pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Seconds since the epoch as an RFC 3339 time in UTC (`2026-11-22T08:15:00Z`).
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The start of a day (`2026-11-22`) in seconds since the epoch, UTC.
pub fn parse_date(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm), the inverse of `rfc3339`.
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400;
    // 2026-02-31 is not a day.
    rfc3339(secs).starts_with(&format!("{y:04}-{m:02}-{d:02}")).then_some(secs)
}

/// An id that sorts by creation time: microseconds since the epoch, then random bits,
/// so that comments list in the order they were written on both databases.
fn ordered_id() -> String {
    let micros = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros());
    format!("{micros:016x}-{}", random_token())
}

/// 128 random bits as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// FNV-1a, 64 bits, as hex: a stable fingerprint of a comment for de-duplication.
pub fn fnv1a_hex(text: &str) -> String {
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_times_as_rfc3339() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_335_300, "2026-11-22T08:15:00Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(super::rfc3339(secs), want, "{secs}");
            assert_eq!(super::parse_date(&want[..10]), Some(secs - secs.rem_euclid(86_400)), "{want}");
        }
        for bad in ["", "2026-02-30", "2026-13-01", "1969-12-31", "x-y-z", "2026-1"] {
            assert_eq!(super::parse_date(bad), None, "{bad}");
        }
    }
}
