//! Search benchmark: relevance and latency of the console's analysis against a baseline
//! (tantivy's default tokenizer over the same fields), side by side on the same content.
//!
//!     cargo bench -p server --bench search
//!
//! Prints, per language of the relevance set, recall@1, recall@3 and MRR for both, and
//! the in-process search latency (p50, p99) after a warm-up. Figures, not assertions.

use server::content::ContentStore;
use server::relevance::{evaluate, RelevanceSet};
use server::search::{Analysis, SearchIndex};
use std::path::Path;
use std::time::Instant;

const ROUNDS: usize = 30;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo"));
    let store = ContentStore::load(&root.join("../content")).expect("content");
    let set = RelevanceSet::load(&root.join("tests/relevance.toml")).expect("relevance set");
    let started = Instant::now();
    let console = SearchIndex::build_with(&store, Analysis::Console).unwrap();
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let baseline = SearchIndex::build_with(&store, Analysis::TantivyDefault).unwrap();

    println!("content: {} entries, {} documents; index built in {build_ms:.1} ms", store.len(), console.num_docs());
    println!("relevance set: {} queries\n", set.query.len());
    let ours = evaluate(&set, &store, &console);
    let base = evaluate(&set, &store, &baseline);
    println!("{:<8} {:>5} | {:>22} | {:>22} | {:>15}", "lang", "n", "console R@1 R@3 MRR", "baseline R@1 R@3 MRR", "R@1 ratio");
    let rows = ours.by_lang.iter().map(|(k, t)| (k.clone(), *t, base.by_lang[k])).chain(std::iter::once(("all".to_owned(), ours.all, base.all)));
    for (lang, o, b) in rows {
        let ratio = if b.recall_at_1() > 0.0 { format!("{:.2}x", o.recall_at_1() / b.recall_at_1()) } else { "n/a".into() };
        println!(
            "{lang:<8} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {ratio:>15}",
            o.n,
            o.recall_at_1(),
            o.recall_at_3(),
            o.mrr(),
            b.recall_at_1(),
            b.recall_at_3(),
            b.mrr()
        );
    }

    println!("\nlatency, in process, warm ({ROUNDS} rounds of every query):");
    println!("{:<8} | {:>21} | {:>21}", "lang", "console p50 / p99 ms", "baseline p50 / p99 ms");
    let mut langs: Vec<String> = set.query.iter().map(|q| q.lang.clone()).collect();
    langs.sort();
    langs.dedup();
    langs.push("all".into());
    for lang in langs {
        let queries: Vec<_> = set.query.iter().filter(|q| lang == "all" || q.lang == lang).collect();
        let mut figures = Vec::new();
        for index in [&console, &baseline] {
            for q in &queries {
                index.search(&store, q.locale(), &q.text, 1, 10);
            }
            let mut times = Vec::with_capacity(queries.len() * ROUNDS);
            for _ in 0..ROUNDS {
                for q in &queries {
                    let t = Instant::now();
                    std::hint::black_box(index.search(&store, q.locale(), &q.text, 1, 10));
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
            times.sort_by(f64::total_cmp);
            figures.push((percentile(&times, 0.50), percentile(&times, 0.99)));
        }
        println!("{lang:<8} | {:>9.3} / {:>9.3} | {:>9.3} / {:>9.3}", figures[0].0, figures[0].1, figures[1].0, figures[1].1);
    }
}
