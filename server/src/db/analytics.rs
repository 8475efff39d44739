//! Search analytics: the events (searches, clicks, entry views), written in batches by the
//! analytics writer together with daily rollups, and the rollup queries the dashboard and
//! the content-gaps queue read.

use super::{fnv1a_hex, int, Db, DbError};
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

/// Where a search came from.
pub const SOURCES: [&str; 5] = ["page", "suggest", "api", "opensearch", "go"];

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRow {
    pub id: String,
    pub at: i64,
    pub lang: String,
    pub source: &'static str,
    /// Masked, as searched.
    pub query: String,
    /// The normalized form (`querynorm`).
    pub norm: String,
    pub results: i64,
    pub top_entry: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClickRow {
    pub search_id: String,
    pub position: i64,
    /// The page clicked (`/ja/entries/x`).
    pub target: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewRow {
    pub lang: String,
    pub entry_id: String,
    pub at: i64,
}

/// A `/go` link followed from another product: where it said it came from and the
/// entry or operation row it led to (`""` when the id led nowhere and became a search).
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalRow {
    pub lang: String,
    /// A product name, `other` or `""` (`links::arrival_source`).
    pub source: String,
    pub target: String,
    pub at: i64,
}

/// Values per multi-row statement. SQLite finds each numbered parameter's name by walking
/// a list, so binding costs the square of a statement's parameters there: a few hundred
/// values per statement keep that well under the cost of the rows themselves. PostgreSQL
/// takes more per round trip (and stays under its 65,535 parameters).
const SQLITE_VALUES: usize = 256;
const POSTGRES_VALUES: usize = 4500;

/// `<insert> VALUES ($1, …), (…)<suffix>` for `rows` rows of `cols` values, numbered
/// placeholders that both databases read. Only constants and placeholders go in; every
/// value is bound.
fn values_sql(insert: &str, rows: usize, cols: usize, suffix: &str) -> String {
    let mut sql = String::with_capacity(insert.len() + suffix.len() + rows * cols * 5);
    sql.push_str(insert);
    sql.push_str(" VALUES ");
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * cols + c + 1));
        }
        sql.push(')');
    }
    sql.push_str(suffix);
    sql
}

/// `<select> IN ($1, …, $n)`.
fn in_sql(select: &str, n: usize) -> String {
    let list: Vec<String> = (1..=n.max(1)).map(|i| format!("${i}")).collect();
    format!("{select} IN ({})", list.join(", "))
}

/// A query's counts over a batch, in one locale or every locale together (a row of
/// `query_totals`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BatchTotals {
    pub norm: String,
    pub sample: String,
    /// searches, zero results, clicked
    pub counts: [i64; 3],
    pub langs: i64,
    pub first_day: i64,
    pub last_day: i64,
}

/// A locale's bit in `query_totals.langs` (the migration spells the same numbers).
pub fn lang_bit(code: &str) -> i64 {
    app::locale::Locale::ALL.iter().position(|l| l.code() == code).map_or(0, |i| 1 << i)
}

/// The locales of a `langs` bit set, in the catalog's order.
pub fn langs_of(bits: i64) -> Vec<String> {
    app::locale::Locale::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, l)| l.code().to_owned()).collect()
}

/// Folds a batch's per-day rows (`(day, lang, hash) → (norm, sample, counts)`) into one
/// row per locale and query, and one per query for every locale together (lang `""`). A
/// click-only row carries no norm or sample; the search's row has them.
pub(super) fn query_totals(rows: &HashMap<(i64, String, String), (String, String, [i64; 3])>) -> HashMap<(String, String), BatchTotals> {
    let mut out: HashMap<(String, String), BatchTotals> = HashMap::new();
    for (((day, lang, hash), (norm, sample, n)), key) in rows.iter().flat_map(|row| [(row, row.0 .1.clone()), (row, String::new())]) {
        let t = out.entry((key, hash.clone())).or_insert_with(|| BatchTotals { norm: String::new(), sample: String::new(), counts: [0; 3], langs: 0, first_day: *day, last_day: *day });
        if t.norm.is_empty() && !norm.is_empty() {
            t.norm.clone_from(norm);
            t.sample.clone_from(sample);
        }
        for (a, b) in t.counts.iter_mut().zip(n) {
            *a += b;
        }
        t.langs |= lang_bit(lang);
        t.first_day = t.first_day.min(*day);
        t.last_day = t.last_day.max(*day);
    }
    out
}

pub fn day_of(unix: i64) -> i64 {
    unix.div_euclid(86_400)
}


impl Db {
    /// Writes a batch of events and their rollups in one transaction on the analytics pool,
    /// with multi-row statements: a few dozen round trips for thousands of events.
    pub async fn record_events(&self, searches: &[SearchRow], clicks: &[ClickRow], views: &[ViewRow]) -> Result<(), DbError> {
        if !self.is_up() {
            return Err(DbError::Unavailable);
        }
        let mut tx = self.begin_write(&self.inner.analytics).await?;
        let rows = |cols: usize| (if self.inner.backend == "sqlite" { SQLITE_VALUES } else { POSTGRES_VALUES } / cols).max(1);
        // The rollups of this batch, one row per key.
        let mut daily: HashMap<(i64, String, String), [i64; 4]> = HashMap::new();
        let mut queries: HashMap<(i64, String, String), (String, String, [i64; 3])> = HashMap::new();
        let mut entries: HashMap<(i64, String, String), [i64; 2]> = HashMap::new();
        for s in searches {
            let day = day_of(s.at);
            let zero = i64::from(s.results == 0);
            let d = daily.entry((day, s.lang.clone(), s.source.to_owned())).or_default();
            d[0] += 1;
            d[1] += zero;
            if s.source != "suggest" && !s.norm.is_empty() {
                let q = queries.entry((day, s.lang.clone(), fnv1a_hex(&s.norm))).or_insert_with(|| (s.norm.clone(), s.query.clone(), [0; 3]));
                q.2[0] += 1;
                q.2[1] += zero;
            }
        }
        for chunk in searches.chunks(rows(9)) {
            let sql = values_sql("INSERT INTO search_events (id, at, day, lang, source, query, norm_hash, results, top_entry)", chunk.len(), 9, " ON CONFLICT (id) DO NOTHING");
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for s in chunk {
                q = q.bind(&s.id).bind(s.at).bind(day_of(s.at)).bind(&s.lang).bind(s.source).bind(&s.query).bind(fnv1a_hex(&s.norm)).bind(s.results).bind(s.top_entry.as_deref());
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        // Clicks count only on a recorded search, once per search and position; the first
        // click of a search counts it as clicked, at that position.
        if !clicks.is_empty() {
            let mut ids: Vec<&str> = clicks.iter().map(|c| c.search_id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut known: HashMap<String, (i64, String, String, String)> = HashMap::new();
            let mut clicked: HashMap<String, Vec<i64>> = HashMap::new();
            for chunk in ids.chunks(rows(1)) {
                let mut q = sqlx::query(AssertSqlSafe(in_sql("SELECT id, day, lang, source, norm_hash FROM search_events WHERE id", chunk.len())));
                for id in chunk {
                    q = q.bind(*id);
                }
                for r in q.fetch_all(&mut *tx).await.map_err(|e| self.fail(e))? {
                    let read = || -> Result<_, sqlx::Error> { Ok((r.try_get::<String, _>("id")?, int(&r, "day")?, r.try_get("lang")?, r.try_get("source")?, r.try_get("norm_hash")?)) };
                    let (id, day, lang, source, hash) = read().map_err(|e| self.fail(e))?;
                    known.insert(id, (day, lang, source, hash));
                }
                let mut q = sqlx::query(AssertSqlSafe(in_sql("SELECT search_id, position FROM click_events WHERE search_id", chunk.len())));
                for id in chunk {
                    q = q.bind(*id);
                }
                for r in q.fetch_all(&mut *tx).await.map_err(|e| self.fail(e))? {
                    let id: String = r.try_get("search_id").map_err(|e| self.fail(e))?;
                    clicked.entry(id).or_default().push(int(&r, "position").map_err(|e| self.fail(e))?);
                }
            }
            let mut fresh: Vec<&ClickRow> = Vec::new();
            for c in clicks {
                let Some((day, lang, source, hash)) = known.get(&c.search_id) else { continue };
                let earlier = clicked.entry(c.search_id.clone()).or_default();
                if earlier.contains(&c.position) {
                    continue;
                }
                if earlier.is_empty() {
                    let d = daily.entry((*day, lang.clone(), source.clone())).or_default();
                    d[2] += 1;
                    d[3] += c.position;
                    if source != "suggest" && *hash != fnv1a_hex("") {
                        queries.entry((*day, lang.clone(), hash.clone())).or_insert_with(|| (String::new(), String::new(), [0; 3])).2[2] += 1;
                    }
                }
                earlier.push(c.position);
                if let Some(entry) = entry_of(&c.target) {
                    entries.entry((*day, lang.clone(), entry.to_owned())).or_default()[1] += 1;
                }
                fresh.push(c);
            }
            for chunk in fresh.chunks(rows(4)) {
                let sql = values_sql("INSERT INTO click_events (search_id, position, target, at)", chunk.len(), 4, " ON CONFLICT (search_id, position) DO NOTHING");
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for c in chunk {
                    q = q.bind(&c.search_id).bind(c.position).bind(&c.target).bind(c.at);
                }
                q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
            }
        }
        for v in views {
            entries.entry((day_of(v.at), v.lang.clone(), v.entry_id.clone())).or_default()[0] += 1;
        }
        let daily: Vec<_> = daily.into_iter().collect();
        for chunk in daily.chunks(rows(7)) {
            let sql = values_sql(
                "INSERT INTO search_daily (day, lang, source, searches, zero_results, clicked, click_pos_sum)",
                chunk.len(),
                7,
                " ON CONFLICT (day, lang, source) DO UPDATE SET searches = search_daily.searches + excluded.searches,
                  zero_results = search_daily.zero_results + excluded.zero_results, clicked = search_daily.clicked + excluded.clicked,
                  click_pos_sum = search_daily.click_pos_sum + excluded.click_pos_sum",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for ((day, lang, source), n) in chunk {
                q = q.bind(*day).bind(lang).bind(source).bind(n[0]).bind(n[1]).bind(n[2]).bind(n[3]);
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        let query_rows: Vec<_> = queries.iter().collect();
        for chunk in query_rows.chunks(rows(8)) {
            // A click's row exists already (its search made it), so the empty norm and
            // sample of a click-only row never replace the real ones.
            let sql = values_sql(
                "INSERT INTO query_daily (day, lang, norm_hash, norm, sample, searches, zero_results, clicked)",
                chunk.len(),
                8,
                " ON CONFLICT (day, lang, norm_hash) DO UPDATE SET searches = query_daily.searches + excluded.searches,
                  zero_results = query_daily.zero_results + excluded.zero_results, clicked = query_daily.clicked + excluded.clicked",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for ((day, lang, hash), (norm, sample, n)) in chunk.iter().copied() {
                q = q.bind(*day).bind(lang).bind(hash).bind(norm).bind(sample).bind(n[0]).bind(n[1]).bind(n[2]);
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        let totals: Vec<_> = query_totals(&queries).into_iter().collect();
        for chunk in totals.chunks(rows(10)) {
            let sql = values_sql(
                "INSERT INTO query_totals (lang, norm_hash, norm, sample, searches, zero_results, clicked, langs, first_day, last_day)",
                chunk.len(),
                10,
                " ON CONFLICT (lang, norm_hash) DO UPDATE SET searches = query_totals.searches + excluded.searches,
                  zero_results = query_totals.zero_results + excluded.zero_results, clicked = query_totals.clicked + excluded.clicked,
                  langs = query_totals.langs | excluded.langs,
                  first_day = CASE WHEN excluded.first_day < query_totals.first_day THEN excluded.first_day ELSE query_totals.first_day END,
                  last_day = CASE WHEN excluded.last_day > query_totals.last_day THEN excluded.last_day ELSE query_totals.last_day END",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for ((lang, hash), t) in chunk {
                q = q.bind(lang).bind(hash).bind(&t.norm).bind(&t.sample).bind(t.counts[0]).bind(t.counts[1]).bind(t.counts[2]).bind(t.langs).bind(t.first_day).bind(t.last_day);
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        let entries: Vec<_> = entries.into_iter().collect();
        for chunk in entries.chunks(rows(5)) {
            let sql = values_sql(
                "INSERT INTO entry_daily (day, lang, entry_id, views, clicks)",
                chunk.len(),
                5,
                " ON CONFLICT (day, lang, entry_id) DO UPDATE SET views = entry_daily.views + excluded.views, clicks = entry_daily.clicks + excluded.clicks",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for ((day, lang, entry), n) in chunk {
                q = q.bind(*day).bind(lang).bind(entry).bind(n[0]).bind(n[1]);
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    /// Adds a batch of `/go` arrivals to their daily rollup (no event is kept: a rollup
    /// row per day, locale, source and target is all the dashboard reads).
    pub async fn record_arrivals(&self, arrivals: &[ArrivalRow]) -> Result<(), DbError> {
        if arrivals.is_empty() {
            return Ok(());
        }
        if !self.is_up() {
            return Err(DbError::Unavailable);
        }
        let mut counts: HashMap<(i64, &str, &str, &str), i64> = HashMap::new();
        for a in arrivals {
            *counts.entry((day_of(a.at), a.lang.as_str(), a.source.as_str(), a.target.as_str())).or_default() += 1;
        }
        let rows: Vec<_> = counts.into_iter().collect();
        let per = (if self.inner.backend == "sqlite" { SQLITE_VALUES } else { POSTGRES_VALUES } / 5).max(1);
        let mut tx = self.begin_write(&self.inner.analytics).await?;
        for chunk in rows.chunks(per) {
            let sql = values_sql(
                "INSERT INTO arrival_daily (day, lang, source, target, arrivals)",
                chunk.len(),
                5,
                " ON CONFLICT (day, lang, source, target) DO UPDATE SET arrivals = arrival_daily.arrivals + excluded.arrivals",
            );
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for ((day, lang, source, target), n) in chunk {
                q = q.bind(*day).bind(*lang).bind(*source).bind(*target).bind(*n);
            }
            q.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    /// Deletes analytics older than `before_day`, in one transaction, and takes those days
    /// out of `query_totals`. Subtracting (not recounting) keeps it right while the
    /// analytics writers of other processes add to it at the same time.
    pub async fn purge_analytics(&self, before_day: i64) -> Result<u64, DbError> {
        let pool = self.ready()?;
        let mut tx = self.begin_write(pool).await?;
        let before_at = before_day * 86_400;
        sqlx::query("DELETE FROM click_events WHERE at < $1").bind(before_at).execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        let n = sqlx::query("DELETE FROM search_events WHERE day < $1").bind(before_day).execute(&mut *tx).await.map_err(|e| self.fail(e))?.rows_affected();
        for sql in [
            "UPDATE query_totals SET searches = query_totals.searches - old.searches, zero_results = query_totals.zero_results - old.zero_results,
                    clicked = query_totals.clicked - old.clicked
             FROM (SELECT lang, norm_hash, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results, CAST(SUM(clicked) AS BIGINT) AS clicked
                   FROM query_daily WHERE day < $1 GROUP BY lang, norm_hash) AS old
             WHERE query_totals.lang = old.lang AND query_totals.norm_hash = old.norm_hash",
            "UPDATE query_totals SET searches = query_totals.searches - old.searches, zero_results = query_totals.zero_results - old.zero_results,
                    clicked = query_totals.clicked - old.clicked
             FROM (SELECT norm_hash, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results, CAST(SUM(clicked) AS BIGINT) AS clicked
                   FROM query_daily WHERE day < $1 GROUP BY norm_hash) AS old
             WHERE query_totals.lang = '' AND query_totals.norm_hash = old.norm_hash",
            "DELETE FROM search_daily WHERE day < $1",
            "DELETE FROM query_daily WHERE day < $1",
            "DELETE FROM entry_daily WHERE day < $1",
            "DELETE FROM arrival_daily WHERE day < $1",
            "DELETE FROM query_totals WHERE searches <= 0 AND first_day < $1",
            // What is left of a query that was also searched before: when it was first
            // searched, and in which locales.
            "UPDATE query_totals SET
                first_day = COALESCE((SELECT MIN(d.day) FROM query_daily d
                                      WHERE d.norm_hash = query_totals.norm_hash AND (query_totals.lang = '' OR d.lang = query_totals.lang)), first_day),
                langs = COALESCE((SELECT CAST(SUM(DISTINCT CASE d.lang WHEN 'zh' THEN 1 WHEN 'zh-TW' THEN 2 WHEN 'id' THEN 4 WHEN 'ja' THEN 8 ELSE 0 END) AS INTEGER)
                                  FROM query_daily d WHERE d.norm_hash = query_totals.norm_hash AND (query_totals.lang = '' OR d.lang = query_totals.lang)), langs)
             WHERE first_day < $1",
        ] {
            sqlx::query(sql).bind(before_day).execute(&mut *tx).await.map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))?;
        Ok(n)
    }
}

/// The entry id of a clicked page, if it is an entry.
pub fn entry_of(target: &str) -> Option<&str> {
    let (_, tail) = app::locale::split_locale_path(target)?;
    let id = tail.strip_prefix("/entries/")?.split(['/', '?', '#']).next()?;
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_numbered_multi_row_statements() {
        assert_eq!(values_sql("INSERT INTO t (a, b)", 2, 2, " ON CONFLICT DO NOTHING"), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING");
        assert_eq!(in_sql("SELECT x FROM t WHERE id", 3), "SELECT x FROM t WHERE id IN ($1, $2, $3)");
        assert_eq!(entry_of("/ja/entries/kubectl-timeout?x=1"), Some("kubectl-timeout"));
        assert_eq!(entry_of("/ja/wizards/acl"), None);
    }

    #[test]
    fn locale_bits_match_the_migration() {
        for (code, bit) in [("zh", 1), ("zh-TW", 2), ("id", 4), ("ja", 8), ("xx", 0)] {
            assert_eq!(lang_bit(code), bit, "{code}");
        }
        assert_eq!(langs_of(1 | 8), ["zh", "ja"]);
        assert!(langs_of(0).is_empty());
    }

    #[test]
    fn a_batch_folds_into_one_total_per_query() {
        let row = |day: i64, lang: &str, hash: &str| (day, lang.to_owned(), hash.to_owned());
        let rows = HashMap::from([
            (row(10, "ja", "a"), ("kubectl".to_owned(), "Kubectl".to_owned(), [2, 1, 1])),
            (row(12, "zh", "a"), ("kubectl".to_owned(), "kubectl ".to_owned(), [1, 0, 0])),
            // a click on an earlier search of the day: no norm, no sample
            (row(9, "id", "a"), (String::new(), String::new(), [0, 0, 1])),
            (row(11, "zh", "b"), ("x509".to_owned(), "x509".to_owned(), [1, 1, 0])),
        ]);
        let totals = query_totals(&rows);
        let key = |lang: &str, hash: &str| (lang.to_owned(), hash.to_owned());
        let a = &totals[&key("", "a")];
        assert_eq!((a.norm.as_str(), a.counts, a.langs, a.first_day, a.last_day), ("kubectl", [3, 1, 2], 1 | 4 | 8, 9, 12));
        let a_ja = &totals[&key("ja", "a")];
        assert_eq!((a_ja.sample.as_str(), a_ja.counts, a_ja.langs, a_ja.first_day), ("Kubectl", [2, 1, 1], 8, 10));
        assert_eq!(totals[&key("id", "a")].norm, "", "a click alone names nothing");
        assert_eq!(totals[&key("", "b")].counts, [1, 1, 0]);
        assert_eq!(totals[&key("zh", "b")].counts, [1, 1, 0]);
        assert_eq!(totals.len(), 6, "a in zh, ja, id and all; b in zh and all");
    }
}
