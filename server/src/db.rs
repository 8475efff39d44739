//! The database: SQLite in the data folder by default, PostgreSQL when `DATABASE_URL`
//! says so. One schema, one set of migrations, and queries that both understand.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use std::path::Path;
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

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: &'static str,
}

/// The SQLite address for a data folder.
pub fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("console.db").display())
}

impl Db {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let is_sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            .max_connections(if is_sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if is_sqlite {
                        // WAL lets readers and the writer work at once; wait instead of
                        // failing when another connection holds the write lock.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        sqlx::migrate!("../migrations").run(&pool).await?;
        let backend = if is_sqlite { "sqlite" } else { "postgres" };
        Ok(Db { pool, backend })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Records a vote, replacing this browser's earlier vote on the entry, and keeps the
    /// comment if there is one. Both happen in one transaction.
    pub async fn record_vote(&self, vote: &VoteRow, comment: Option<&str>) -> Result<(), sqlx::Error> {
        let now = unix_now();
        let helpful = i32::from(vote.helpful);
        let mut tx = self.pool.begin().await?;
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
        .await?;
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
            .await?;
        }
        tx.commit().await
    }

    /// Counts a search that found nothing, once per distinct query and locale.
    pub async fn record_unanswered(&self, query: &str, lang: &str) -> Result<(), sqlx::Error> {
        let now = unix_now();
        sqlx::query(
            "INSERT INTO unanswered_searches (query_hash, lang, query, times, first_seen, last_seen)
             VALUES ($1, $2, $3, 1, $4, $4)
             ON CONFLICT (query_hash, lang)
             DO UPDATE SET times = unanswered_searches.times + 1, last_seen = excluded.last_seen",
        )
        .bind(fnv1a_hex(query))
        .bind(lang)
        .bind(query)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The unanswered searches, most frequent first: (query, lang, times).
    pub async fn unanswered(&self, limit: i64) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
        let rows = sqlx::query("SELECT query, lang, times FROM unanswered_searches ORDER BY times DESC, last_seen DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("query")?, r.try_get("lang")?, int(r, "times")?))).collect()
    }

    pub async fn counts(&self, entry_id: &str) -> Result<VoteCounts, sqlx::Error> {
        let row: AnyRow = sqlx::query(
            "SELECT COALESCE(SUM(helpful), 0) AS yes, COUNT(*) AS total FROM feedback_votes WHERE entry_id = $1",
        )
        .bind(entry_id)
        .fetch_one(&self.pool)
        .await?;
        let yes = int(&row, "yes")?;
        let total = int(&row, "total")?;
        Ok(VoteCounts { helpful: yes, not_helpful: total - yes })
    }

    pub async fn comments(&self, entry_id: &str) -> Result<Vec<CommentRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT entry_id, lang, helpful, body FROM feedback_comments WHERE entry_id = $1 ORDER BY id",
        )
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CommentRow {
                    entry_id: r.try_get("entry_id")?,
                    lang: r.try_get("lang")?,
                    helpful: int(r, "helpful")? != 0,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }

    /// Stores a finished wizard run and returns its id: 80 random bits, so that run
    /// links cannot be guessed from one another.
    pub async fn save_wizard_run(&self, wizard: &str, lang: &str, inputs: &str, client_id: &str) -> Result<String, sqlx::Error> {
        let id: String = random_token().chars().take(20).collect();
        sqlx::query(
            "INSERT INTO wizard_runs (id, wizard, lang, inputs, client_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(wizard)
        .bind(lang)
        .bind(inputs)
        .bind(client_id)
        .bind(unix_now())
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    pub async fn wizard_run(&self, id: &str) -> Result<Option<WizardRunRow>, sqlx::Error> {
        let row = sqlx::query("SELECT id, wizard, lang, inputs, created_at FROM wizard_runs WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
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
    }

    pub async fn close(&self) {
        self.pool.close().await;
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

fn unix_now() -> i64 {
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
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
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
        }
    }
}
