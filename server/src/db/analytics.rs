//! Search analytics: the events (searches, clicks, entry views), written in batches by the
//! analytics writer together with daily rollups, and the rollup queries the dashboard and
//! the content-gaps queue read.

use super::{fnv1a_hex, int, Db, DbError};
use sqlx::Row;
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

/// One day of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayTotals {
    pub day: i64,
    pub searches: i64,
    pub zero_results: i64,
    pub clicked: i64,
    pub click_pos_sum: i64,
}

/// A normalized query with its counts over a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTotals {
    pub norm_hash: String,
    pub norm: String,
    pub sample: String,
    pub searches: i64,
    pub zero_results: i64,
    pub clicked: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryTotals {
    pub entry_id: String,
    pub views: i64,
    pub clicks: i64,
}

/// A group of the content-gaps queue: one normalized form, over every locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    pub norm_hash: String,
    pub norm: String,
    pub sample: String,
    pub searches: i64,
    pub zero_results: i64,
    /// Searches with results but no click.
    pub unclicked: i64,
    pub langs: Vec<String>,
    pub first_day: i64,
    pub last_day: i64,
}

pub fn day_of(unix: i64) -> i64 {
    unix.div_euclid(86_400)
}

/// `lang` filter: empty means every locale.
fn lang_filter(lang: Option<&str>) -> &str {
    lang.unwrap_or("")
}

impl Db {
    /// Writes a batch of events and their rollups in one transaction on the analytics pool.
    pub async fn record_events(&self, searches: &[SearchRow], clicks: &[ClickRow], views: &[ViewRow]) -> Result<(), DbError> {
        if !self.is_up() {
            return Err(DbError::Unavailable);
        }
        let mut tx = self.inner.analytics.begin().await.map_err(|e| self.fail(e))?;
        // Rollups of this batch first, one upsert per key.
        let mut daily: HashMap<(i64, &str, &str), (i64, i64, i64, i64)> = HashMap::new();
        let mut queries: HashMap<(i64, &str, String), (&str, &str, i64, i64, i64)> = HashMap::new();
        for s in searches {
            let day = day_of(s.at);
            let zero = i64::from(s.results == 0);
            let d = daily.entry((day, s.lang.as_str(), s.source)).or_default();
            d.0 += 1;
            d.1 += zero;
            if s.source != "suggest" && !s.norm.is_empty() {
                let q = queries.entry((day, s.lang.as_str(), fnv1a_hex(&s.norm))).or_insert((s.norm.as_str(), s.query.as_str(), 0, 0, 0));
                q.2 += 1;
                q.3 += zero;
            }
            sqlx::query(
                "INSERT INTO search_events (id, at, day, lang, source, query, norm_hash, results, top_entry)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&s.id)
            .bind(s.at)
            .bind(day)
            .bind(&s.lang)
            .bind(s.source)
            .bind(&s.query)
            .bind(fnv1a_hex(&s.norm))
            .bind(s.results)
            .bind(s.top_entry.as_deref())
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        // Clicks: only on a recorded search, once per search and position; the first
        // click of a search counts it as clicked.
        let mut entry_clicks: HashMap<(i64, String, String), i64> = HashMap::new();
        for c in clicks {
            let search = sqlx::query("SELECT day, lang, source, norm_hash FROM search_events WHERE id = $1")
                .bind(&c.search_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| self.fail(e))?;
            let Some(search) = search else { continue };
            let inserted = sqlx::query("INSERT INTO click_events (search_id, position, target, at) VALUES ($1, $2, $3, $4) ON CONFLICT (search_id, position) DO NOTHING")
                .bind(&c.search_id)
                .bind(c.position)
                .bind(&c.target)
                .bind(c.at)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.fail(e))?;
            if inserted.rows_affected() == 0 {
                continue;
            }
            let (day, lang, source, norm_hash): (i64, String, String, String) = (
                int(&search, "day").map_err(|e| self.fail(e))?,
                search.try_get("lang").map_err(|e| self.fail(e))?,
                search.try_get("source").map_err(|e| self.fail(e))?,
                search.try_get("norm_hash").map_err(|e| self.fail(e))?,
            );
            if let Some(entry) = entry_of(&c.target) {
                *entry_clicks.entry((day, lang.clone(), entry.to_owned())).or_default() += 1;
            }
            let row = sqlx::query("SELECT COUNT(*) AS n FROM click_events WHERE search_id = $1").bind(&c.search_id).fetch_one(&mut *tx).await.map_err(|e| self.fail(e))?;
            if int(&row, "n").map_err(|e| self.fail(e))? != 1 {
                continue;
            }
            sqlx::query(
                "INSERT INTO search_daily (day, lang, source, searches, zero_results, clicked, click_pos_sum) VALUES ($1, $2, $3, 0, 0, 1, $4)
                 ON CONFLICT (day, lang, source) DO UPDATE SET clicked = search_daily.clicked + 1, click_pos_sum = search_daily.click_pos_sum + excluded.click_pos_sum",
            )
            .bind(day)
            .bind(&lang)
            .bind(&source)
            .bind(c.position)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
            sqlx::query("UPDATE query_daily SET clicked = clicked + 1 WHERE day = $1 AND lang = $2 AND norm_hash = $3")
                .bind(day)
                .bind(&lang)
                .bind(&norm_hash)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.fail(e))?;
        }
        for ((day, lang, source), (searches, zero, _, _)) in daily {
            sqlx::query(
                "INSERT INTO search_daily (day, lang, source, searches, zero_results, clicked, click_pos_sum) VALUES ($1, $2, $3, $4, $5, 0, 0)
                 ON CONFLICT (day, lang, source) DO UPDATE SET searches = search_daily.searches + excluded.searches, zero_results = search_daily.zero_results + excluded.zero_results",
            )
            .bind(day)
            .bind(lang)
            .bind(source)
            .bind(searches)
            .bind(zero)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        for ((day, lang, hash), (norm, sample, searches, zero, _)) in queries {
            sqlx::query(
                "INSERT INTO query_daily (day, lang, norm_hash, norm, sample, searches, zero_results, clicked) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
                 ON CONFLICT (day, lang, norm_hash) DO UPDATE SET searches = query_daily.searches + excluded.searches, zero_results = query_daily.zero_results + excluded.zero_results",
            )
            .bind(day)
            .bind(lang)
            .bind(&hash)
            .bind(norm)
            .bind(sample)
            .bind(searches)
            .bind(zero)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        let mut entry_views: HashMap<(i64, String, String), i64> = HashMap::new();
        for v in views {
            *entry_views.entry((day_of(v.at), v.lang.clone(), v.entry_id.clone())).or_default() += 1;
        }
        let mut keys: Vec<_> = entry_views.keys().chain(entry_clicks.keys()).cloned().collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (v, c) = (entry_views.get(&key).copied().unwrap_or(0), entry_clicks.get(&key).copied().unwrap_or(0));
            sqlx::query(
                "INSERT INTO entry_daily (day, lang, entry_id, views, clicks) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (day, lang, entry_id) DO UPDATE SET views = entry_daily.views + excluded.views, clicks = entry_daily.clicks + excluded.clicks",
            )
            .bind(key.0)
            .bind(&key.1)
            .bind(&key.2)
            .bind(v)
            .bind(c)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    /// Searches per day and source in `[from_day, to_day]`.
    pub async fn search_days(&self, from_day: i64, to_day: i64, lang: Option<&str>) -> Result<Vec<(i64, String, DayTotals)>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT day, source, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results, CAST(SUM(clicked) AS BIGINT) AS clicked, CAST(SUM(click_pos_sum) AS BIGINT) AS click_pos_sum
             FROM search_daily WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3) GROUP BY day, source ORDER BY day",
        )
        .bind(from_day)
        .bind(to_day)
        .bind(lang_filter(lang))
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                let day = int(r, "day")?;
                Ok((
                    day,
                    r.try_get::<String, _>("source")?,
                    DayTotals {
                        day,
                        searches: int(r, "searches")?,
                        zero_results: int(r, "zero_results")?,
                        clicked: int(r, "clicked")?,
                        click_pos_sum: int(r, "click_pos_sum")?,
                    },
                ))
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// The most searched normalized queries in the range; `zero_only` keeps the ones that
    /// found nothing, ordered by how often they found nothing.
    pub async fn top_queries(&self, from_day: i64, to_day: i64, lang: Option<&str>, zero_only: bool, limit: i64) -> Result<Vec<QueryTotals>, DbError> {
        let pool = self.ready()?;
        let sql = if zero_only {
            "SELECT norm_hash, MAX(norm) AS norm, MAX(sample) AS sample, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results, CAST(SUM(clicked) AS BIGINT) AS clicked
             FROM query_daily WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3) AND zero_results > 0
             GROUP BY norm_hash ORDER BY SUM(zero_results) DESC, norm_hash LIMIT $4"
        } else {
            "SELECT norm_hash, MAX(norm) AS norm, MAX(sample) AS sample, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results, CAST(SUM(clicked) AS BIGINT) AS clicked
             FROM query_daily WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3)
             GROUP BY norm_hash ORDER BY SUM(searches) DESC, norm_hash LIMIT $4"
        };
        let rows = sqlx::query(sql).bind(from_day).bind(to_day).bind(lang_filter(lang)).bind(limit).fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                Ok(QueryTotals {
                    norm_hash: r.try_get("norm_hash")?,
                    norm: r.try_get("norm")?,
                    sample: r.try_get("sample")?,
                    searches: int(r, "searches")?,
                    zero_results: int(r, "zero_results")?,
                    clicked: int(r, "clicked")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// The most viewed entries in the range.
    pub async fn top_entries(&self, from_day: i64, to_day: i64, lang: Option<&str>, limit: i64) -> Result<Vec<EntryTotals>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT entry_id, CAST(SUM(views) AS BIGINT) AS views, CAST(SUM(clicks) AS BIGINT) AS clicks FROM entry_daily
             WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3) GROUP BY entry_id ORDER BY SUM(views) DESC, entry_id LIMIT $4",
        )
        .bind(from_day)
        .bind(to_day)
        .bind(lang_filter(lang))
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| Ok(EntryTotals { entry_id: r.try_get("entry_id")?, views: int(r, "views")?, clicks: int(r, "clicks")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// Zero-result and unclicked searches since `from_day`, grouped by normalized form,
    /// the most frequent first.
    pub async fn gaps(&self, from_day: i64, limit: i64) -> Result<Vec<GapRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT norm_hash, lang, MAX(norm) AS norm, MAX(sample) AS sample, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(zero_results) AS BIGINT) AS zero_results,
                    CAST(SUM(clicked) AS BIGINT) AS clicked, MIN(day) AS first_day, MAX(day) AS last_day
             FROM query_daily WHERE day >= $1 AND (zero_results > 0 OR clicked < searches)
             GROUP BY norm_hash, lang",
        )
        .bind(from_day)
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        let mut groups: HashMap<String, GapRow> = HashMap::new();
        for r in &rows {
            let read = || -> Result<(String, String, String, String, i64, i64, i64, i64, i64), sqlx::Error> {
                Ok((
                    r.try_get("norm_hash")?,
                    r.try_get("lang")?,
                    r.try_get("norm")?,
                    r.try_get("sample")?,
                    int(r, "searches")?,
                    int(r, "zero_results")?,
                    int(r, "clicked")?,
                    int(r, "first_day")?,
                    int(r, "last_day")?,
                ))
            };
            let (hash, lang, norm, sample, searches, zero, clicked, first, last) = read().map_err(|e| self.fail(e))?;
            let g = groups.entry(hash.clone()).or_insert_with(|| GapRow {
                norm_hash: hash,
                norm,
                sample,
                searches: 0,
                zero_results: 0,
                unclicked: 0,
                langs: Vec::new(),
                first_day: first,
                last_day: last,
            });
            g.searches += searches;
            g.zero_results += zero;
            g.unclicked += (searches - zero - clicked).max(0);
            g.langs.push(lang);
            g.first_day = g.first_day.min(first);
            g.last_day = g.last_day.max(last);
        }
        let mut list: Vec<GapRow> = groups.into_values().collect();
        for g in &mut list {
            g.langs.sort();
        }
        list.sort_by(|a, b| (b.zero_results + b.unclicked).cmp(&(a.zero_results + a.unclicked)).then_with(|| a.norm_hash.cmp(&b.norm_hash)));
        list.truncate(limit.max(0) as usize);
        Ok(list)
    }

    /// The queries as typed behind a normalized form: (lang, query), most recent first.
    pub async fn gap_queries(&self, norm_hash: &str, limit: i64) -> Result<Vec<(String, String)>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT lang, query, MAX(at) AS at FROM search_events WHERE norm_hash = $1 AND source <> 'suggest' GROUP BY lang, query ORDER BY MAX(at) DESC LIMIT $2")
            .bind(norm_hash)
            .bind(limit)
            .fetch_all(pool)
            .await
            .map_err(|e| self.fail(e))?;
        rows.iter().map(|r| Ok((r.try_get("lang")?, r.try_get("query")?))).collect::<Result<_, sqlx::Error>>().map_err(|e| self.fail(e))
    }

    /// Deletes analytics older than `before_day`.
    pub async fn purge_analytics(&self, before_day: i64) -> Result<u64, DbError> {
        let pool = self.ready()?;
        let before_at = before_day * 86_400;
        sqlx::query("DELETE FROM click_events WHERE at < $1").bind(before_at).execute(pool).await.map_err(|e| self.fail(e))?;
        let n = sqlx::query("DELETE FROM search_events WHERE day < $1").bind(before_day).execute(pool).await.map_err(|e| self.fail(e))?.rows_affected();
        for sql in ["DELETE FROM search_daily WHERE day < $1", "DELETE FROM query_daily WHERE day < $1", "DELETE FROM entry_daily WHERE day < $1"] {
            sqlx::query(sql).bind(before_day).execute(pool).await.map_err(|e| self.fail(e))?;
        }
        Ok(n)
    }
}

/// The entry id of a clicked page, if it is an entry.
pub fn entry_of(target: &str) -> Option<&str> {
    let (_, tail) = app::locale::split_locale_path(target)?;
    let id = tail.strip_prefix("/entries/")?.split(['/', '?', '#']).next()?;
    (!id.is_empty()).then_some(id)
}
