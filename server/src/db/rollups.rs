//! The rollup queries that the portal reads: the dashboard's days and top lists, the
//! content-gaps queue and the queries behind a gap.
//!
//! A top list over a long range would group hundreds of thousands of `query_daily` rows.
//! Instead it is found among the queries with the highest totals (`query_totals`, in the
//! same locale or in all): no query counts more in a range than in total, so once the k-th best of those candidates
//! counts more in the range than the best total left out, no query left out can enter the
//! list ([`settled`]). Otherwise the candidates grow, and in the end the rows are grouped.
//! `benches/dashboard.rs` measures it over a million events.

use super::analytics::langs_of;
use super::{int, Db, DbError};
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;
use std::sync::atomic::Ordering;

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

/// `/go` arrivals from one source to one target over a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrivalTotals {
    pub source: String,
    /// The entry or operation row, `""` for an id that led nowhere.
    pub target: String,
    pub arrivals: i64,
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

/// `lang` filter: empty means every locale.
fn lang_filter(lang: Option<&str>) -> &str {
    lang.unwrap_or("")
}

/// The rows of `query_daily` (as `d`) in the locale, or in every locale: spelled out, so
/// that the index on (norm_hash, lang, day) is read at each locale's days alone. Only
/// the catalog's codes go in; the locale asked for is bound as `$1`.
///
/// Days and limits, integers we computed, are written into these statements rather than
/// bound: PostgreSQL plans a bound range generically after a few runs, guesses it small,
/// and then reads the whole table (170 ms instead of 5 over a million events).
fn lang_condition(lang: Option<&str>) -> String {
    match lang {
        Some(_) => "d.lang = $1".to_owned(),
        None => {
            let codes: Vec<String> = app::locale::Locale::ALL.iter().map(|l| format!("'{}'", l.code())).collect();
            format!("d.lang IN ({})", codes.join(", "))
        }
    }
}

/// The count a top list ranks by (a column of both `query_daily` and `query_totals`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    Searches,
    ZeroResults,
}

impl Rank {
    fn column(self) -> &'static str {
        match self {
            Rank::Searches => "searches",
            Rank::ZeroResults => "zero_results",
        }
    }

    fn of(self, q: &QueryTotals) -> i64 {
        match self {
            Rank::Searches => q.searches,
            Rank::ZeroResults => q.zero_results,
        }
    }
}

/// Ranges with at most this many searches are grouped directly: that is as fast as the
/// candidates and needs no second look.
const GROUP_DIRECTLY_UNDER: i64 = 20_000;
/// The candidate counts tried before grouping every row of the range.
const CANDIDATES: [i64; 3] = [64, 512, 4096];

/// Whether the best `k` of the candidates are the best `k` of every query. `ranked` holds
/// the candidates' counts in the range, best first, without zeros; `bound` is the highest
/// total of a query that is not a candidate (`None`: every query is one). A tie with the
/// bound is not settled: a query left out could sort before the k-th by its hash.
fn settled(ranked: &[i64], k: usize, bound: Option<i64>) -> bool {
    match bound {
        None | Some(0) => true,
        Some(b) => k == 0 || ranked.get(k - 1).is_some_and(|&kth| kth > b),
    }
}

fn range_counts(r: &sqlx::any::AnyRow) -> Result<QueryTotals, sqlx::Error> {
    Ok(QueryTotals {
        norm_hash: r.try_get("norm_hash")?,
        norm: String::new(),
        sample: String::new(),
        searches: int(r, "searches")?,
        zero_results: int(r, "zero_results")?,
        clicked: int(r, "clicked")?,
    })
}

const SUMS: &str = "CAST(SUM(d.searches) AS BIGINT) AS searches, CAST(SUM(d.zero_results) AS BIGINT) AS zero_results, CAST(SUM(d.clicked) AS BIGINT) AS clicked";

impl Db {
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
        let rank = if zero_only { Rank::ZeroResults } else { Rank::Searches };
        let k = usize::try_from(limit).unwrap_or(0);
        let in_range = sqlx::query(
            "SELECT CAST(COALESCE(SUM(searches), 0) AS BIGINT) AS n FROM search_daily WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3) AND source <> 'suggest'",
        )
        .bind(from_day)
        .bind(to_day)
        .bind(lang_filter(lang))
        .fetch_one(pool)
        .await
        .and_then(|r| int(&r, "n"))
        .map_err(|e| self.fail(e))?;
        let top = if in_range > GROUP_DIRECTLY_UNDER { self.top_by_candidates(rank, from_day, to_day, lang, k).await? } else { None };
        let mut top = match top {
            Some(top) => {
                self.inner.top_lists[0].fetch_add(1, Ordering::Relaxed);
                top
            }
            None => {
                self.inner.top_lists[1].fetch_add(1, Ordering::Relaxed);
                self.group_range(rank, from_day, to_day, lang, limit).await?
            }
        };
        self.name_queries(&mut top).await?;
        Ok(top)
    }

    /// The top `k` of the range among the queries with the highest totals, if that settles it.
    async fn top_by_candidates(&self, rank: Rank, from_day: i64, to_day: i64, lang: Option<&str>, k: usize) -> Result<Option<Vec<QueryTotals>>, DbError> {
        for n in CANDIDATES {
            let mut ranked = self.candidates_in_range(rank, n, from_day, to_day, lang).await?;
            ranked.retain(|q| rank.of(q) > 0);
            ranked.sort_by(|a, b| rank.of(b).cmp(&rank.of(a)).then_with(|| a.norm_hash.cmp(&b.norm_hash)));
            let counts: Vec<i64> = ranked.iter().map(|q| rank.of(q)).collect();
            if settled(&counts, k, self.total_after(rank, lang, n).await?) {
                ranked.truncate(k);
                return Ok(Some(ranked));
            }
        }
        Ok(None)
    }

    /// How many top lists were found among the candidates, and how many by grouping.
    pub fn top_list_methods(&self) -> (u64, u64) {
        (self.inner.top_lists[0].load(Ordering::Relaxed), self.inner.top_lists[1].load(Ordering::Relaxed))
    }

    /// The range's counts of the `n` queries with the highest totals.
    async fn candidates_in_range(&self, rank: Rank, n: i64, from_day: i64, to_day: i64, lang: Option<&str>) -> Result<Vec<QueryTotals>, DbError> {
        let pool = self.ready()?;
        let sql = format!(
            "SELECT d.norm_hash, {SUMS} FROM (SELECT norm_hash FROM query_totals WHERE lang = $1 ORDER BY {col} DESC LIMIT {n}) c
             JOIN query_daily d ON d.norm_hash = c.norm_hash
             WHERE {langs} AND d.day >= {from_day} AND d.day <= {to_day} GROUP BY d.norm_hash",
            col = rank.column(),
            langs = lang_condition(lang),
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(lang_filter(lang)).fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter().map(range_counts).collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }

    /// The highest total in the locale (`None`: all) after the first `n`, if there are more
    /// than `n` queries. It does not depend on how ties are ordered, so it needs no
    /// tie-break (and reads the index alone).
    async fn total_after(&self, rank: Rank, lang: Option<&str>, n: i64) -> Result<Option<i64>, DbError> {
        let pool = self.ready()?;
        let sql = format!("SELECT {col} AS n FROM query_totals WHERE lang = $2 ORDER BY {col} DESC LIMIT 1 OFFSET $1", col = rank.column());
        let row = sqlx::query(AssertSqlSafe(sql)).bind(n).bind(lang_filter(lang)).fetch_optional(pool).await.map_err(|e| self.fail(e))?;
        row.map(|r| int(&r, "n")).transpose().map_err(|e| self.fail(e))
    }

    /// The top `limit` of the range by grouping all its rows.
    async fn group_range(&self, rank: Rank, from_day: i64, to_day: i64, lang: Option<&str>, limit: i64) -> Result<Vec<QueryTotals>, DbError> {
        let pool = self.ready()?;
        let sql = format!(
            "SELECT d.norm_hash, {SUMS} FROM query_daily d
             WHERE d.day >= {from_day} AND d.day <= {to_day} AND ($1 = '' OR d.lang = $1)
             GROUP BY d.norm_hash HAVING SUM(d.{col}) > 0 ORDER BY SUM(d.{col}) DESC, d.norm_hash LIMIT {limit}",
            col = rank.column(),
            limit = limit.max(0),
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(lang_filter(lang)).fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter().map(range_counts).collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }

    /// Fills in each query's normalized form and one way it was typed.
    async fn name_queries(&self, list: &mut [QueryTotals]) -> Result<(), DbError> {
        let pool = self.ready()?;
        let mut names: HashMap<String, (String, String)> = HashMap::new();
        for chunk in list.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!("SELECT norm_hash, norm, sample FROM query_totals WHERE lang = '' AND norm_hash IN ({})", marks.join(", "));
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for t in chunk {
                q = q.bind(&t.norm_hash);
            }
            for r in q.fetch_all(pool).await.map_err(|e| self.fail(e))? {
                let read = || -> Result<_, sqlx::Error> { Ok((r.try_get::<String, _>("norm_hash")?, (r.try_get("norm")?, r.try_get("sample")?))) };
                let (hash, name) = read().map_err(|e| self.fail(e))?;
                names.insert(hash, name);
            }
        }
        for t in list {
            if let Some((norm, sample)) = names.remove(&t.norm_hash) {
                (t.norm, t.sample) = (norm, sample);
            }
        }
        Ok(())
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

    /// `/go` arrivals per source and target in the range, the most first.
    pub async fn arrivals(&self, from_day: i64, to_day: i64, lang: Option<&str>) -> Result<Vec<ArrivalTotals>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT source, target, CAST(SUM(arrivals) AS BIGINT) AS arrivals FROM arrival_daily
             WHERE day >= $1 AND day <= $2 AND ($3 = '' OR lang = $3) GROUP BY source, target ORDER BY SUM(arrivals) DESC, source, target",
        )
        .bind(from_day)
        .bind(to_day)
        .bind(lang_filter(lang))
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| Ok(ArrivalTotals { source: r.try_get("source")?, target: r.try_get("target")?, arrivals: int(r, "arrivals")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// The content-gaps queue: queries that found nothing or were not clicked, over every
    /// stored day, with the given triage status (`open` for the undecided), the most
    /// zero-result and unclicked searches first.
    pub async fn gaps(&self, status: &str, limit: i64) -> Result<Vec<GapRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT q.norm_hash, q.norm, q.sample, q.searches, q.zero_results, q.clicked, q.langs, q.first_day, q.last_day
             FROM query_totals q LEFT JOIN gap_triage t ON t.norm_hash = q.norm_hash
             WHERE q.lang = '' AND COALESCE(t.status, 'open') = $1 AND (q.zero_results > 0 OR q.clicked < q.searches)
             ORDER BY q.searches - q.clicked DESC, q.norm_hash LIMIT $2",
        )
        .bind(status)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                let (searches, zero, clicked) = (int(r, "searches")?, int(r, "zero_results")?, int(r, "clicked")?);
                Ok(GapRow {
                    norm_hash: r.try_get("norm_hash")?,
                    norm: r.try_get("norm")?,
                    sample: r.try_get("sample")?,
                    searches,
                    zero_results: zero,
                    unclicked: (searches - zero - clicked).max(0),
                    langs: langs_of(int(r, "langs")?),
                    first_day: int(r, "first_day")?,
                    last_day: int(r, "last_day")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// How many undecided gaps were first searched on or after `since_day`.
    pub async fn new_gaps(&self, since_day: i64) -> Result<i64, DbError> {
        let pool = self.ready()?;
        sqlx::query(
            "SELECT COUNT(*) AS n FROM query_totals q LEFT JOIN gap_triage t ON t.norm_hash = q.norm_hash
             WHERE q.lang = '' AND COALESCE(t.status, 'open') = 'open' AND (q.zero_results > 0 OR q.clicked < q.searches) AND q.first_day >= $1",
        )
        .bind(since_day)
        .fetch_one(pool)
        .await
        .and_then(|r| int(&r, "n"))
        .map_err(|e| self.fail(e))
    }

    /// The queries as typed behind a normalized form: (lang, query), the latest first, each
    /// once, from its latest searches.
    pub async fn gap_queries(&self, norm_hash: &str, limit: i64) -> Result<Vec<(String, String)>, DbError> {
        let pool = self.ready()?;
        let limit = usize::try_from(limit).unwrap_or(0);
        // The latest few searches are enough to show how people type it.
        let sql = format!("SELECT lang, query FROM search_events WHERE norm_hash = $1 AND source <> 'suggest' ORDER BY at DESC LIMIT {}", limit.saturating_mul(4).clamp(20, 400));
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(norm_hash)
            .fetch_all(pool)
            .await
            .map_err(|e| self.fail(e))?;
        let mut seen: Vec<(String, String)> = Vec::new();
        for r in &rows {
            let pair = (r.try_get("lang").map_err(|e| self.fail(e))?, r.try_get("query").map_err(|e| self.fail(e))?);
            if seen.len() < limit && !seen.contains(&pair) {
                seen.push(pair);
            }
        }
        Ok(seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_list_is_settled_only_when_no_query_left_out_can_enter_it() {
        for (ranked, k, bound, expected) in [
            (&[9, 7, 5][..], 2, Some(6), true),  // 7 > 6: nothing left out reaches 2nd place
            (&[9, 7, 5][..], 2, Some(7), false), // a tie could sort first by its hash
            (&[9, 7, 5][..], 3, Some(6), false), // 5 < 6
            (&[9][..], 2, Some(3), false),       // too few candidates counted in the range
            (&[9][..], 2, None, true),           // every query was a candidate
            (&[][..], 5, Some(0), true),         // what was left out never counted
            (&[3][..], 0, Some(10), true),       // nothing asked
        ] {
            assert_eq!(settled(ranked, k, bound), expected, "{ranked:?} k={k} bound={bound:?}");
        }
    }
}
