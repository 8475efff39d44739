//! The portal's dashboard over a million stored search events, on SQLite and on
//! PostgreSQL (a throwaway server started here, as the tests do).
//!
//! The events go through the same write path as in production (`Db::record_events`, which
//! keeps the daily rollups), across 90 days: half in zh, the rest in zh-TW, id and ja;
//! queries drawn from a Zipf distribution over 20,000 phrasings of their locale's own
//! (a fifth from 20,000 shared by all), an eighth without results, a third of the others
//! clicked, and entry views. Then the dashboard's figures (`dashboard::figures`) are timed for the
//! last 30 and 90 days, all locales and one, next to the same figures computed from the
//! raw events as the baseline.
//!
//!   CARGO_TARGET_DIR=~/.cache/ack-console/target LEPTOS_OUTPUT_NAME=ack-console \
//!     cargo bench -p server --bench dashboard            # ACK_BENCH_EVENTS=1000000 by default

#[path = "../tests/it/support/postgres.rs"]
#[allow(dead_code)]
mod postgres;
#[path = "../tests/it/support/rng.rs"]
#[allow(dead_code)]
mod rng;

use app::locale::Locale;
use app::portal::dashboard::{DashboardQuery, SourceFilter};
use server::db::{rfc3339, unix_now, ClickRow, Db, SearchRow, ViewRow};
use rng::Rng;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "kubectl", "timeout", "x509", "证书过期", "节点", "NotReady", "ノード", "kluster", "apiserver", "白名单", "SLB", "NAS", "挂载", "disk", "DNS",
    "rp_filter", "containerd", "docker", "ingress", "升级", "権限", "forbidden", "10250", "pod", "pending", "ログ", "gagal", "tidak bisa",
];
const ENTRIES: &[&str] = &["kubectl-timeout", "apiserver-loopback-cert-expired", "kernel-rp-filter", "pod-cannot-mount-nas", "change-container-runtime", "collect-node-diagnostics"];
const SOURCES: &[&str] = &["page", "page", "page", "suggest", "api", "opensearch", "go"];

fn phrasing(i: usize) -> String {
    let a = WORDS[i % WORDS.len()];
    let b = WORDS[(i / WORDS.len()) % WORDS.len()];
    format!("{a} {b} {}", i / (WORDS.len() * WORDS.len()))
}

async fn fill(db: &Db, events: usize) -> Duration {
    let started = Instant::now();
    let mut rng = Rng(0x00DA_5B0A_2D00_0001);
    let now = unix_now();
    let batch = 5_000;
    let mut n = 0;
    while n < events {
        let (mut searches, mut clicks, mut views) = (Vec::with_capacity(batch), Vec::new(), Vec::new());
        for _ in 0..batch.min(events - n) {
            let at = now - (rng.next() % (90 * 86_400)) as i64;
            // Locales are uneven, and most queries belong to one locale's own phrasings;
            // a fifth (pasted errors, product names) are shared by all.
            let l = [0, 0, 0, 0, 0, 1, 1, 2, 2, 3][rng.below(10)];
            let lang = Locale::ALL[l].code();
            let q = if rng.unit() < 0.2 { phrasing(rng.zipf(20_000)) } else { phrasing((l + 1) * 20_000 + rng.zipf(20_000)) };
            let zero = rng.unit() < 0.12;
            let id = format!("{:016x}", rng.next());
            if !zero && rng.unit() < 0.35 {
                let entry = ENTRIES[rng.next() as usize % ENTRIES.len()];
                clicks.push(ClickRow { search_id: id.clone(), position: 1 + (rng.next() % 5) as i64, target: format!("/{lang}/entries/{entry}"), at: at + 5 });
                views.push(ViewRow { lang: lang.into(), entry_id: entry.into(), at: at + 5 });
            }
            searches.push(SearchRow {
                id,
                at,
                lang: lang.into(),
                source: SOURCES[rng.next() as usize % SOURCES.len()],
                norm: server::querynorm::normalize(&q),
                query: q,
                results: if zero { 0 } else { 1 + (rng.next() % 20) as i64 },
                top_entry: None,
            });
            n += 1;
        }
        db.record_events(&searches, &clicks, &views).await.expect("writing events");
    }
    started.elapsed()
}

fn query(days: i64, lang: Option<Locale>) -> DashboardQuery {
    let today = server::db::day_of(unix_now());
    DashboardQuery { from: rfc3339((today - days + 1) * 86_400)[..10].to_owned(), to: rfc3339(today * 86_400)[..10].to_owned(), lang, source: SourceFilter::Submitted }
}

/// The same figures from the raw events: what the rollups save.
async fn baseline(db: &Db, url: &str, days: i64) -> Duration {
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let today = server::db::day_of(unix_now());
    let started = Instant::now();
    for sql in [
        "SELECT day, source, COUNT(*), SUM(CASE WHEN results = 0 THEN 1 ELSE 0 END) FROM search_events WHERE day >= $1 GROUP BY day, source",
        "SELECT norm_hash, COUNT(*) AS n FROM search_events WHERE day >= $1 AND source <> 'suggest' GROUP BY norm_hash ORDER BY n DESC LIMIT 20",
        "SELECT norm_hash, COUNT(*) AS n FROM search_events WHERE day >= $1 AND source <> 'suggest' AND results = 0 GROUP BY norm_hash ORDER BY n DESC LIMIT 20",
    ] {
        sqlx::query(sql).bind(today - days + 1).fetch_all(&pool).await.unwrap();
    }
    let _ = db;
    pool.close().await;
    started.elapsed()
}

async fn measure(name: &str, db: &Db, url: &str, events: usize) {
    let filled = fill(db, events).await;
    if url.starts_with("postgres") {
        // What autovacuum does to a live database after a bulk load: statistics for the
        // planner and a visibility map for index-only scans. (Measured right after the
        // load instead, before autovacuum got to it, the slowest case was 238 ms.)
        let pool = sqlx::AnyPool::connect(url).await.unwrap();
        sqlx::query("VACUUM ANALYZE").execute(&pool).await.unwrap();
        pool.close().await;
    }
    println!("\n{name}: {events} events written through the analytics path in {:.1} s ({:.0} events/s)", filled.as_secs_f64(), events as f64 / filled.as_secs_f64());
    println!("{:<34} {:>10} {:>10} {:>12} {:>10}", "dashboard", "p50 ms", "max ms", "raw scan ms", "vs 300 ms");
    for (label, days, lang) in [
        ("yesterday and today, all locales", 2, None),
        ("last 30 days, all locales", 30, None),
        ("last 30 days, ja", 30, Some(Locale::Ja)),
        ("last 90 days, all locales", 90, None),
        ("last 90 days, id", 90, Some(Locale::Id)),
        ("last 7 days, ja", 7, Some(Locale::Ja)),
    ] {
        let q = query(days, lang);
        let mut times = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            let d = server::dashboard::figures(db, &q, |id| id.to_owned()).await.expect("figures");
            times.push(t.elapsed());
            assert!(d.totals.searches > 0 && !d.top_queries.is_empty());
        }
        times.sort();
        let raw = if lang.is_none() { baseline(db, url, days).await.as_secs_f64() * 1000.0 } else { f64::NAN };
        let p50 = times[times.len() / 2].as_secs_f64() * 1000.0;
        let max = times.last().unwrap().as_secs_f64() * 1000.0;
        println!("{label:<34} {p50:>10.1} {max:>10.1} {raw:>12.1} {:>9.2}×", max / 300.0);
    }
    // The gaps queue's reads: its 100 groups and five typed queries for each.
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let groups = db.gaps("open", 100).await.expect("gaps");
        for g in &groups {
            db.gap_queries(&g.norm_hash, 5).await.expect("gap queries");
        }
        times.push(t.elapsed());
        assert_eq!(groups.len(), 100);
    }
    times.sort();
    let (p50, max) = (times[times.len() / 2].as_secs_f64() * 1000.0, times.last().unwrap().as_secs_f64() * 1000.0);
    println!("{:<34} {p50:>10.1} {max:>10.1} {:>12} {:>9.2}×", "gaps queue, 100 groups", "", max / 300.0);
}

/// ACK_BENCH_DATABASES picks the databases (`sqlite,postgres` by default);
/// ACK_BENCH_SQLITE_DIR keeps the SQLite database for a look with `sqlite3` afterwards;
/// ACK_BENCH_HOLD_SECS keeps PostgreSQL running that long afterwards, for `psql`;
/// ACK_BENCH_PG_LOG_MS logs its statements slower than that (in its temporary folder).
fn main() {
    let databases = std::env::var("ACK_BENCH_DATABASES").unwrap_or_else(|_| "sqlite,postgres".into());
    let events: usize = std::env::var("ACK_BENCH_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let hold: u64 = std::env::var("ACK_BENCH_HOLD_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        if databases.contains("sqlite") {
            let dir = tempfile::tempdir().unwrap();
            let path = std::env::var_os("ACK_BENCH_SQLITE_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().to_owned());
            let url = server::config::sqlite_url(&path);
            let db = Db::connect(&url).await.unwrap();
            measure("SQLite", &db, &url, events).await;
            db.close().await;
        }
        if databases.contains("postgres") {
            match postgres::start() {
                Some(pg) => {
                    let db = Db::connect(&pg.url).await.unwrap();
                    if let Ok(ms) = std::env::var("ACK_BENCH_PG_LOG_MS") {
                        let pool = sqlx::AnyPool::connect(&pg.url).await.unwrap();
                        let ms: u32 = ms.parse().unwrap_or(50);
                        sqlx::query(sqlx::AssertSqlSafe(format!("ALTER SYSTEM SET log_min_duration_statement = {ms}"))).execute(&pool).await.unwrap();
                        sqlx::query("SELECT pg_reload_conf()").execute(&pool).await.unwrap();
                        pool.close().await;
                    }
                    measure("PostgreSQL", &db, &pg.url, events).await;
                    db.close().await;
                    if hold > 0 {
                        println!("holding {} for {hold} s", pg.url);
                        tokio::time::sleep(Duration::from_secs(hold)).await;
                    }
                }
                None => println!("\nPostgreSQL: not available here, skipped"),
            }
        }
    });
}
