//! The relevance set (`server/tests/relevance.toml`): queries in four languages with the
//! entry that must come first. Prints recall@1, recall@3 and MRR per language and kind,
//! and fails if recall@3 falls below the floor reached so far, so that relevance cannot
//! quietly regress. `ACK_SHOW_MISSES=1` lists the queries that did not rank first.

use server::content::ContentStore;
use server::relevance::{evaluate, RelevanceSet, Tally};
use server::search::SearchIndex;

/// The lowest recall@3 accepted over the whole set. Raise it as search improves.
const RECALL_AT_3_FLOOR: f64 = 0.99;

fn line(name: &str, t: &Tally) -> String {
    format!("{name:<10} n={:<4} recall@1={:.3} recall@3={:.3} MRR={:.3}", t.n, t.recall_at_1(), t.recall_at_3(), t.mrr())
}

#[test]
fn relevance_set_ranks_the_expected_entry_first() {
    let path = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("tests/relevance.toml");
    let set = RelevanceSet::load(&path).unwrap();
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    for q in &set.query {
        assert!(store.contains(&q.expect), "unknown expected id {}", q.expect);
    }
    let report = evaluate(&set, &store, &SearchIndex::build(&store).unwrap());
    println!("relevance set: {} queries", report.all.n);
    for (name, t) in report.by_lang.iter().chain(report.by_kind.iter()) {
        println!("{}", line(name, t));
    }
    println!("{}", line("all", &report.all));
    if std::env::var("ACK_SHOW_MISSES").is_ok() {
        for (q, rank, first) in &report.misses {
            println!("  [{} {}] rank {rank:?}, first {first}: {}", q.lang, q.kind, q.text.chars().take(70).collect::<String>());
        }
    }
    let recall3 = report.all.recall_at_3();
    assert!(recall3 >= RECALL_AT_3_FLOOR, "recall@3 {recall3:.3} fell below {RECALL_AT_3_FLOOR}");
}
