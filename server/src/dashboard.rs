//! The dashboard's figures for a filter, read from the daily rollups only (so that they
//! come back fast over millions of stored events; `benches/dashboard.rs` measures it).

use crate::db::{day_of, parse_date, rfc3339, Db, DbError, QueryTotals};
use app::portal::dashboard::{Dashboard, DashboardQuery, DayPoint, EntryStat, QueryStat, Totals};

/// How many rows each top list has.
pub const TOP: i64 = 20;

pub async fn figures(db: &Db, q: &DashboardQuery, title: impl Fn(&str) -> String) -> Result<Dashboard, DbError> {
    let from = day_of(parse_date(&q.from).unwrap_or(0));
    let to = day_of(parse_date(&q.to).unwrap_or(0));
    let code = q.lang.map(|l| l.code());
    let mut days: Vec<DayPoint> = (from..=to).map(|d| DayPoint { date: rfc3339(d * 86_400)[..10].to_owned(), searches: 0, zero: 0 }).collect();
    let mut totals = Totals::default();
    for (day, source, t) in db.search_days(from, to, code).await? {
        if !q.source.includes(&source) {
            continue;
        }
        if let Some(p) = days.get_mut((day - from) as usize) {
            p.searches += t.searches;
            p.zero += t.zero_results;
        }
        totals.searches += t.searches;
        totals.zero += t.zero_results;
        totals.clicked += t.clicked;
        totals.position_sum += t.click_pos_sum;
    }
    let stat = |r: QueryTotals| QueryStat { query: r.sample, searches: r.searches, zero: r.zero_results, clicked: r.clicked };
    // Three independent reads, on separate connections.
    let (top_queries, top_zero, top_entries) =
        tokio::try_join!(db.top_queries(from, to, code, false, TOP), db.top_queries(from, to, code, true, TOP), db.top_entries(from, to, code, TOP))?;
    let top_queries = top_queries.into_iter().map(stat).collect();
    let top_zero = top_zero.into_iter().map(stat).collect();
    let top_entries = top_entries.into_iter().map(|e| EntryStat { title: title(&e.entry_id), id: e.entry_id, views: e.views, clicks: e.clicks }).collect();
    Ok(Dashboard { days, totals, top_queries, top_zero, top_entries })
}
