//! The portal's top lists and gaps queue over enough events that they are found among
//! the highest totals instead of by grouping every row, checked against a count of the
//! events themselves, on SQLite and on PostgreSQL, before and after old days are purged.

use crate::support::postgres;
use crate::support::rng::Rng;
use server::db::{day_of, fnv1a_hex, unix_now, ClickRow, Db, SearchRow};
use std::collections::HashMap;

const LANGS: [&str; 4] = ["zh", "zh-TW", "id", "ja"];

/// Deterministic events: skewed queries over 20 days in four locales, an eighth of them
/// without results, a third of the others clicked: more than 20,000 submitted searches in
/// the longer ranges, so that their top lists are found among the candidates.
fn events() -> (Vec<SearchRow>, Vec<ClickRow>) {
    let mut rng = Rng(0x5eed_0000_0000_0001);
    let mut next = move || rng.next();
    let now = unix_now();
    let (mut searches, mut clicks) = (Vec::new(), Vec::new());
    for i in 0..64_000 {
        // Roughly Zipf: a rank r with probability about 1/r over 2,000 phrasings.
        let rank = ((2000f64).powf((next() % 1_000_000) as f64 / 1_000_000.0) as usize).min(2000);
        let query = format!("kubectl error {rank}");
        let at = now - (next() % (20 * 86_400)) as i64;
        let results = if next() % 8 == 0 { 0 } else { 1 + (next() % 9) as i64 };
        let id = format!("r{i:08}");
        if results > 0 && next() % 3 == 0 {
            clicks.push(ClickRow { search_id: id.clone(), position: 1, target: "/zh/entries/kubectl-timeout".into(), at });
        }
        searches.push(SearchRow {
            id,
            at,
            // ja most of all, so that its ranges are long enough for the candidates too
            lang: LANGS[[0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3][(next() % 11) as usize]].into(),
            source: if next() % 10 == 0 { "suggest" } else { "page" },
            norm: server::querynorm::normalize(&query),
            query,
            results,
            top_entry: None,
        });
    }
    (searches, clicks)
}

/// (hash, searches, zero results, clicked) of every query in the range, from the events.
fn counted(searches: &[SearchRow], clicked: &[&str], from: i64, to: i64, lang: Option<&str>) -> Vec<(String, i64, i64, i64)> {
    let mut by: HashMap<String, (i64, i64, i64)> = HashMap::new();
    for s in searches.iter().filter(|s| s.source != "suggest" && (from..=to).contains(&day_of(s.at)) && lang.is_none_or(|l| s.lang == l)) {
        let c = by.entry(fnv1a_hex(&s.norm)).or_default();
        c.0 += 1;
        c.1 += i64::from(s.results == 0);
        c.2 += i64::from(clicked.binary_search(&s.id.as_str()).is_ok());
    }
    by.into_iter().map(|(h, (a, b, c))| (h, a, b, c)).collect()
}

fn top(mut rows: Vec<(String, i64, i64, i64)>, zero: bool, k: usize) -> Vec<(String, i64, i64, i64)> {
    let rank = |r: &(String, i64, i64, i64)| if zero { r.2 } else { r.1 };
    rows.retain(|r| rank(r) > 0);
    rows.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(k);
    rows
}

async fn agree(db: &Db, searches: &[SearchRow], clicked: &[&str], first_day: i64) {
    let today = day_of(unix_now());
    for (from, lang) in [(today - 19, None), (today - 19, Some("ja")), (today - 9, None), (today, None), (first_day, Some("zh"))] {
        let all = counted(searches, clicked, from, today, lang);
        for zero in [false, true] {
            let (candidates, _) = db.top_list_methods();
            let got: Vec<_> = db.top_queries(from, today, lang, zero, 20).await.unwrap().into_iter().map(|q| (q.norm_hash, q.searches, q.zero_results, q.clicked)).collect();
            assert_eq!(got, top(all.clone(), zero, 20), "from day {from}, {lang:?}, zero-only {zero}");
            // The long ranges are found the fast way.
            let long = all.iter().map(|r| r.1).sum::<i64>() > 20_000;
            assert_eq!(db.top_list_methods().0 > candidates, long, "from day {from}, {lang:?}, zero-only {zero}: among the candidates");
        }
    }
    // The gaps queue: every stored day, the most unanswered first.
    let mut all = counted(searches, clicked, first_day, today, None);
    all.retain(|r| r.2 > 0 || r.3 < r.1);
    all.sort_by(|a, b| (b.1 - b.3).cmp(&(a.1 - a.3)).then_with(|| a.0.cmp(&b.0)));
    all.truncate(30);
    let got: Vec<_> = db.gaps("open", 30).await.unwrap().into_iter().map(|g| (g.norm_hash, g.searches, g.zero_results, g.searches - g.zero_results - g.unclicked)).collect();
    assert_eq!(got, all, "the gaps queue");
}

async fn scenario(db: &Db) {
    let (searches, clicks) = events();
    for chunk in searches.chunks(8_000) {
        db.record_events(chunk, &[], &[]).await.unwrap();
    }
    db.record_events(&[], &clicks, &[]).await.unwrap();
    let mut clicked: Vec<&str> = clicks.iter().map(|c| c.search_id.as_str()).collect();
    clicked.sort_unstable();
    let today = day_of(unix_now());
    agree(db, &searches, &clicked, today - 20).await;
    // Purging the oldest days takes them out of the totals too.
    db.purge_analytics(today - 14).await.unwrap();
    let kept: Vec<SearchRow> = searches.into_iter().filter(|s| day_of(s.at) >= today - 14).collect();
    agree(db, &kept, &clicked, today - 14).await;
    let oldest = db.gaps("open", 5000).await.unwrap().iter().map(|g| g.first_day).min().unwrap();
    assert!(oldest >= today - 14, "first searched after the purge: {oldest}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_top_lists_match_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&server::config::sqlite_url(dir.path())).await.unwrap();
    scenario(&db).await;
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_top_lists_match_the_events() {
    let Some(pg) = postgres::start() else { return };
    let db = Db::connect(&pg.url).await.unwrap();
    scenario(&db).await;
    db.close().await;
}
