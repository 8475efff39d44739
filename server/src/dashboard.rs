//! The dashboard's figures for a filter, read from the daily rollups only (so that they
//! come back fast over millions of stored events; `benches/dashboard.rs` measures it).

use crate::db::{day_of, parse_date, rfc3339, ArrivalTotals, Db, DbError, QueryTotals};
use app::portal::dashboard::{ArrivalStat, Dashboard, DashboardQuery, DayPoint, EntryStat, QueryStat, Totals};

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
    // Independent reads, on separate connections.
    let (top_queries, top_zero, top_entries, arrivals) = tokio::try_join!(
        db.top_queries(from, to, code, false, TOP),
        db.top_queries(from, to, code, true, TOP),
        db.top_entries(from, to, code, TOP),
        db.arrivals(from, to, code)
    )?;
    let top_queries = top_queries.into_iter().map(stat).collect();
    let top_zero = top_zero.into_iter().map(stat).collect();
    let top_entries = top_entries.into_iter().map(|e| EntryStat { title: title(&e.entry_id), id: e.entry_id, views: e.views, clicks: e.clicks }).collect();
    let arrivals = by_source(&arrivals, &title);
    Ok(Dashboard { days, totals, top_queries, top_zero, top_entries, arrivals })
}

/// Arrivals per source, the most first (at most [`TOP`] sources), each with how many led
/// nowhere and the target it opened most. `rows` come the most first.
pub fn by_source(rows: &[ArrivalTotals], title: impl Fn(&str) -> String) -> Vec<ArrivalStat> {
    let mut out: Vec<ArrivalStat> = Vec::new();
    for r in rows {
        let i = match out.iter().position(|s| s.source == r.source) {
            Some(i) => i,
            None => {
                out.push(ArrivalStat { source: r.source.clone(), arrivals: 0, led_nowhere: 0, top_target: None });
                out.len() - 1
            }
        };
        let s = &mut out[i];
        s.arrivals += r.arrivals;
        if r.target.is_empty() {
            s.led_nowhere += r.arrivals;
        } else if s.top_target.is_none() {
            s.top_target = Some(title(&r.target));
        }
    }
    out.sort_by(|a, b| b.arrivals.cmp(&a.arrivals).then_with(|| a.source.cmp(&b.source)));
    out.truncate(TOP as usize);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrivals_add_up_per_source_with_the_most_opened_target() {
        let row = |source: &str, target: &str, arrivals: i64| ArrivalTotals { source: source.into(), target: target.into(), arrivals };
        let rows = [row("console-x", "kubectl-timeout", 5), row("", "", 4), row("console-x", "", 2), row("console-x", "node-x", 1), row("other", "node-x", 1)];
        let got = by_source(&rows, |id| format!("T {id}"));
        let want = [
            ArrivalStat { source: "console-x".into(), arrivals: 8, led_nowhere: 2, top_target: Some("T kubectl-timeout".into()) },
            ArrivalStat { source: "".into(), arrivals: 4, led_nowhere: 4, top_target: None },
            ArrivalStat { source: "other".into(), arrivals: 1, led_nowhere: 0, top_target: Some("T node-x".into()) },
        ];
        assert_eq!(got, want);
    }
}
